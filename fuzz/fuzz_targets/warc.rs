//! The WARC reader: any bytes, read as a `.warc` (or a `.warc.gz` /
//! `.warc.zst` built from them), drain to the end without a panic or an
//! endless loop, and keep the reader's promises:
//!
//! - every record's block is its declared length, cut at the cap exactly
//!   when it is longer (`truncated`);
//! - each item (record or damage report) consumes input: there are never
//!   more items than bytes, and in a plain file their offsets rise;
//! - damage costs only the damaged records: in a `.warc.gz` of one record
//!   per member (a `.warc.zst` of one record per frame), a well-formed
//!   record whose member (frame) no damage touched is read back whole,
//!   whatever the members (frames) and bytes around it hold.
//!
//! Every record block also goes through the HTTP layer (`parse_response`,
//! `decode_body`), whose output must stay under its cap.
//!
//! The first byte picks the mode (bits 0–1), the block cap (bits 2–3) and
//! how the input is handed over (bits 4–5: all at once, or in reads of 1,
//! 7 or 4096 bytes). Modes:
//!
//! 0. the bytes as they are (a plain file, or gzip/zstd if they start so);
//! 1. the bytes describe pieces (see [`pieces`]): well-formed records and
//!    junk, each piece its own gzip member (zstd frame, with its checksum,
//!    when bit 6 is set), or junk raw between members;
//! 2. as 1, then bytes of the file flipped (corrupt members or frames);
//! 3. as 1 but one plain stream, zstd-compressed when bit 6 is set.
#![no_main]

use std::io::Read;

use klartext_warc::http::{decode_body, parse_response};
use klartext_warc::writer::{gzip, http_response, OutRecord};
use klartext_warc::{Compression, Item, Reader};
use libfuzzer_sys::fuzz_target;

/// Caps on a kept block, picked by bits 2–3.
const CAPS: [usize; 4] = [1 << 20, 1, 7, 64];
/// Read sizes the input comes in, picked by bits 4–5 (0: no limit).
const READ_SIZES: [usize; 4] = [0, 1, 7, 4096];
/// The cap handed to `decode_body`.
const BODY_CAP: usize = 1 << 16;
/// Record IDs of the well-formed records start here, far from what junk
/// is likely to hold.
const ID_BASE: u64 = 0x5eed_0000_0000;

/// Hands the input over in reads of at most `step` bytes.
struct Trickle {
    data: std::io::Cursor<Vec<u8>>,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = if self.step == 0 {
            buf.len()
        } else {
            buf.len().min(self.step)
        };
        self.data.read(&mut buf[..n])
    }
}

/// A piece of a built file.
enum Piece {
    /// A well-formed record.
    Good(OutRecord),
    /// Any bytes, packed as a member (frame) of their own in gzip (zstd)
    /// modes.
    Junk(Vec<u8>),
    /// Bytes written raw between members or frames: never the first byte
    /// of a gzip or zstd magic, nor the last of a skippable frame's (whose
    /// declared size could legitimately cover the frames after it).
    Raw(Vec<u8>),
}

/// Read the pieces the bytes describe: a control byte, a length byte, then
/// that many bytes (a record's block or the junk). Control bits 0–1: good
/// record, junk, raw junk, good record with an HTTP response around the
/// bytes (bits 2–3 pick its transfer/content encoding).
fn pieces(mut data: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut n = 0u64;
    while let [control, len, rest @ ..] = data {
        let len = (*len as usize).min(rest.len());
        let (bytes, rest) = rest.split_at(len);
        data = rest;
        match control & 3 {
            0 => {
                out.push(Piece::Good(OutRecord::new(
                    "resource",
                    ID_BASE + n,
                    bytes.to_vec(),
                )));
                n += 1;
            }
            1 => out.push(Piece::Junk(bytes.to_vec())),
            2 => out.push(Piece::Raw(
                bytes
                    .iter()
                    .copied()
                    .filter(|&b| b != 0x1f && b != 0x28 && b != 0x18)
                    .collect(),
            )),
            _ => {
                let (headers, body): (&[(&str, &str)], Vec<u8>) = match (control >> 2) & 3 {
                    0 => (&[("Content-Type", "text/html")], bytes.to_vec()),
                    1 => (&[("Content-Encoding", "gzip")], gzip(bytes)),
                    2 => (&[("Transfer-Encoding", "chunked")], bytes.to_vec()),
                    _ => (
                        &[("Content-Encoding", "zstd")],
                        zstd::encode_all(bytes, 1).unwrap_or_default(),
                    ),
                };
                let mut r =
                    OutRecord::new("response", ID_BASE + n, http_response(200, headers, &body));
                r.target_uri = Some(format!("https://example.org/{n}"));
                out.push(Piece::Good(r));
                n += 1;
            }
        }
    }
    out
}

/// One zstd frame of `bytes`, with the content checksum (so a flipped byte
/// cannot pass unseen, as a gzip member's CRC does).
fn zstd_frame(bytes: &[u8]) -> Vec<u8> {
    let mut enc = zstd::stream::Encoder::new(Vec::new(), 1).expect("zstd encoder");
    enc.include_checksum(true).expect("zstd checksum flag");
    std::io::Write::write_all(&mut enc, bytes).expect("write to memory");
    enc.finish().expect("write to memory")
}

/// The file the pieces make, each packed by `pack` (a gzip member, a zstd
/// frame) if given, with the well-formed records and the byte span each
/// one's member or frame takes (`None` when not packed).
fn build(
    pieces: &[Piece],
    pack: Option<fn(&[u8]) -> Vec<u8>>,
) -> (Vec<u8>, Vec<(&OutRecord, Option<(usize, usize)>)>) {
    let mut file = Vec::new();
    let mut good = Vec::new();
    for p in pieces {
        match (p, pack) {
            (Piece::Good(r), _) => {
                let bytes = r.to_bytes();
                let start = file.len();
                if let Some(pack) = pack {
                    file.extend_from_slice(&pack(&bytes));
                    good.push((r, Some((start, file.len()))));
                } else {
                    file.extend_from_slice(&bytes);
                    good.push((r, None));
                }
            }
            (Piece::Junk(b), Some(pack)) => file.extend_from_slice(&pack(b)),
            // A packed file must start with a member (frame) to be read as one.
            (Piece::Raw(b), Some(pack)) if file.is_empty() => file.extend_from_slice(&pack(b)),
            (Piece::Junk(b) | Piece::Raw(b), _) => file.extend_from_slice(b),
        }
    }
    (file, good)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mode = flags & 3;
    let cap = CAPS[(flags >> 2) as usize & 3];
    let step = READ_SIZES[(flags >> 4) as usize & 3];

    let built;
    let (file, good): (Vec<u8>, Vec<(&OutRecord, Option<(usize, usize)>)>) = match mode {
        0 => (rest.to_vec(), Vec::new()),
        1 | 2 => {
            // Mode 2: the last bytes (a count, then offset/xor triples)
            // corrupt the file.
            let (desc, flips) = if mode == 2 {
                let k = rest.first().map_or(0, |&k| (k & 7) as usize);
                let need = (1 + 3 * k).min(rest.len());
                (&rest[need..], &rest[..need])
            } else {
                (rest, &rest[..0])
            };
            built = pieces(desc);
            let pack: fn(&[u8]) -> Vec<u8> = if flags & 64 != 0 { zstd_frame } else { gzip };
            let (mut file, good) = build(&built, Some(pack));
            let mut touched = Vec::new();
            if !file.is_empty() {
                for f in flips.get(1..).unwrap_or(&[]).chunks_exact(3) {
                    let at = u16::from_le_bytes([f[0], f[1]]) as usize % file.len();
                    file[at] ^= f[2].max(1);
                    touched.push(at);
                }
            }
            // Members the flips did not touch must come back whole.
            let good = good
                .into_iter()
                .filter(|(_, span)| {
                    span.is_some_and(|(s, e)| !touched.iter().any(|&t| (s..e).contains(&t)))
                })
                .collect();
            (file, good)
        }
        _ => {
            built = pieces(rest);
            let (file, _) = build(&built, None);
            if flags & 64 != 0 {
                (
                    zstd::encode_all(&file[..], 1).unwrap_or_default(),
                    Vec::new(),
                )
            } else {
                (file, Vec::new())
            }
        }
    };

    let input_len = file.len();
    let plain = Compression::sniff(&file) == Compression::None;
    let reader = Reader::new(
        Trickle {
            data: std::io::Cursor::new(file),
            step,
        },
        cap,
    )
    .expect("reading from memory cannot fail");
    // One unit per member or frame: good records must survive damage.
    let packed_file = reader.compression() != Compression::None;

    let mut records = Vec::new();
    let mut items = 0usize;
    let mut last_offset: Option<u64> = None;
    for item in reader {
        items += 1;
        // Each item consumes input; a compressed input may inflate, but
        // not past what these small inputs can (1032:1 for deflate).
        assert!(
            items <= 2 + input_len.saturating_mul(if plain { 1 } else { 1100 }),
            "more items than input bytes: the reader loops"
        );
        let item = item.expect("reading from memory cannot fail");
        let offset = match &item {
            Item::Record(r) => r.offset,
            Item::Damaged(d) => d.offset,
        };
        if plain {
            assert!(
                (offset as usize) < input_len,
                "offset {offset} past the end ({input_len})"
            );
            if let (Some(last), Item::Record(_)) = (last_offset, &item) {
                assert!(offset > last, "record offset {offset} after {last}");
            }
        }
        last_offset = Some(offset);
        if let Item::Record(r) = item {
            let kept = r.content_length.min(cap as u64) as usize;
            assert_eq!(r.block.len(), kept, "block not its length or the cap");
            assert_eq!(r.truncated, r.content_length > cap as u64);
            if let Some(resp) = parse_response(&r.block) {
                assert!(resp.body_start <= r.block.len());
                if let Ok((body, _)) = decode_body(&resp, &r.block, BODY_CAP) {
                    assert!(body.len() <= BODY_CAP.max(r.block.len()));
                }
            }
            records.push(r);
        }
    }

    // Damage costs only the damaged records.
    if packed_file {
        let mut next = records.iter();
        for (want, _) in &good {
            let full = want.block.len();
            let found = next.by_ref().any(|r| {
                r.record_id() == Some(want.record_id.as_str())
                    && r.content_length == full as u64
                    && r.block[..] == want.block[..full.min(cap)]
            });
            assert!(
                found,
                "the good record {} was lost (or out of order)",
                want.record_id
            );
        }
    }
});
