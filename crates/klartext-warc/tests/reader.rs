//! The reader on WARC files written here: well-formed ones in every
//! compression, and damaged ones that must cost only the damaged records.

use klartext_warc::http::{decode_body, parse_response};
use klartext_warc::writer::{gzip, record_id, OutRecord};
use klartext_warc::{Compression, Damage, Item, Reader, Record, DEFAULT_MAX_BLOCK};

fn page(n: u64) -> Vec<u8> {
    format!("<html><title>Page {n}</title><p>Body of page number {n}.</p></html>").into_bytes()
}

fn response(n: u64) -> OutRecord {
    OutRecord::response(
        n,
        &format!("https://example.org/{n}"),
        200,
        &[("Content-Type", "text/html; charset=utf-8")],
        &page(n),
    )
}

fn read_all(bytes: Vec<u8>) -> (Vec<Record>, Vec<Damage>) {
    read_all_capped(bytes, DEFAULT_MAX_BLOCK)
}

fn read_all_capped(bytes: Vec<u8>, cap: usize) -> (Vec<Record>, Vec<Damage>) {
    let reader = Reader::new(std::io::Cursor::new(bytes), cap).unwrap();
    let (mut records, mut damage) = (Vec::new(), Vec::new());
    for item in reader {
        match item.unwrap() {
            Item::Record(r) => records.push(r),
            Item::Damaged(d) => damage.push(d),
        }
    }
    (records, damage)
}

fn ids(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|r| r.record_id().unwrap().to_string())
        .collect()
}

fn expected(ns: &[u64]) -> Vec<String> {
    ns.iter().map(|&n| record_id(n)).collect()
}

#[test]
fn plain_gzip_and_zstd_files_read_the_same() {
    let mut plain = Vec::new();
    let mut gz = Vec::new();
    for n in 0..5 {
        let bytes = response(n).to_bytes();
        gz.extend(gzip(&bytes));
        plain.extend(bytes);
    }
    let zst = zstd::stream::encode_all(&plain[..], 3).unwrap();
    for (bytes, kind) in [
        (plain.clone(), Compression::None),
        (gz, Compression::Gzip),
        (zst, Compression::Zstd),
    ] {
        assert_eq!(Compression::sniff(&bytes[..4]), kind);
        let (records, damage) = read_all(bytes);
        assert!(damage.is_empty(), "{kind:?}: {damage:?}");
        assert_eq!(ids(&records), expected(&[0, 1, 2, 3, 4]), "{kind:?}");
        let r = &records[3];
        assert_eq!(r.warc_type(), "response");
        assert_eq!(r.target_uri(), Some("https://example.org/3"));
        assert_eq!(r.date(), Some("2024-05-06T07:08:09Z"));
        let http = parse_response(&r.block).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(&r.block[http.body_start..], &page(3)[..]);
    }
    // Offsets: plain records start where their bytes do.
    let (records, _) = read_all(plain.clone());
    let second = response(0).to_bytes().len() as u64;
    assert_eq!(records[0].offset, 0);
    assert_eq!(records[1].offset, second);
}

#[test]
fn gzip_offsets_are_member_offsets() {
    let members: Vec<Vec<u8>> = (0..3).map(|n| gzip(&response(n).to_bytes())).collect();
    let (records, _) = read_all(members.concat());
    assert_eq!(records[0].offset, 0);
    assert_eq!(records[1].offset, members[0].len() as u64);
    assert_eq!(
        records[2].offset,
        (members[0].len() + members[1].len()) as u64
    );
}

/// A .warc.gz with a corrupted member (2), a member whose record lies about
/// its Content-Length (4: longer than it is; 6: shorter), garbage between
/// members, and a truncated last member (9) loses exactly those records.
#[test]
fn damaged_gzip_loses_only_the_damaged_records() {
    // Corruption early in the member (bad deflate data), in the middle and
    // near the end (data that inflates to garbage and fails the CRC).
    for at in [12usize, 50, 90] {
        damaged_units(false, at);
    }
}

#[test]
fn damaged_plain_warc_loses_only_the_damaged_records() {
    let mut file = Vec::new();
    for n in 0..6u64 {
        let r = response(n);
        let bytes = match n {
            // Longer than it is: swallows the start of record 2.
            1 => r.to_bytes_with_length(Some(r.block.len() as u64 + 40)),
            // Shorter than it is.
            3 => r.to_bytes_with_length(Some(r.block.len() as u64 - 30)),
            _ => r.to_bytes(),
        };
        file.extend(bytes);
    }
    // A truncated tail: half of record 6.
    let last = response(6).to_bytes();
    file.extend_from_slice(&last[..last.len() / 2]);
    let (records, damage) = read_all(file);
    assert_eq!(ids(&records), expected(&[0, 2, 4, 5]));
    let damaged: Vec<Option<String>> = damage.iter().map(|d| d.record_id.clone()).collect();
    assert_eq!(
        damaged,
        vec![Some(record_id(1)), Some(record_id(3)), Some(record_id(6))],
        "{damage:#?}"
    );
}

#[test]
fn blocks_over_the_cap_are_truncated_not_lost() {
    let mut file = Vec::new();
    for n in 0..3 {
        file.extend(gzip(&response(n).to_bytes()));
    }
    let (records, damage) = read_all_capped(file, 40);
    assert!(damage.is_empty());
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|r| r.truncated && r.block.len() == 40));
}

#[test]
fn chunked_and_gzip_encoded_payloads_decode() {
    let html = page(7);
    let gz = gzip(&html);
    // Chunk the gzip bytes in pieces of 10.
    let mut chunked = Vec::new();
    for c in gz.chunks(10) {
        chunked.extend(format!("{:x}\r\n", c.len()).into_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let rec = OutRecord::response(
        7,
        "https://example.org/7",
        200,
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let (records, _) = read_all(gzip(&rec.to_bytes()));
    let r = &records[0];
    let http = parse_response(&r.block).unwrap();
    let (body, notes) = decode_body(&http, &r.block, 1 << 20).unwrap();
    assert_eq!(body, html);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn brotli_and_already_decoded_bodies() {
    // A crawler that stored the decoded body but kept the header.
    let rec = OutRecord::response(
        1,
        "https://example.org/1",
        200,
        &[("Content-Encoding", "br"), ("Transfer-Encoding", "chunked")],
        &page(1),
    );
    let block = rec.block.clone();
    let http = parse_response(&block).unwrap();
    let (body, notes) = decode_body(&http, &block, 1 << 20).unwrap();
    assert_eq!(body, page(1));
    assert_eq!(notes.len(), 2, "{notes:?}");
}

#[test]
fn empty_and_junk_inputs() {
    let (r, d) = read_all(Vec::new());
    assert!(r.is_empty() && d.is_empty());
    let (r, d) = read_all(b"this is not a warc file\nat all\n".to_vec());
    assert!(r.is_empty());
    assert_eq!(d.len(), 1);
    // Junk, then a record.
    let mut bytes = b"junk line\n".to_vec();
    bytes.extend(response(1).to_bytes());
    let (r, d) = read_all(bytes);
    assert_eq!(ids(&r), expected(&[1]));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].offset, 0);
}

#[test]
fn zstd_with_a_dictionary_frame() {
    let dict = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http".to_vec();
    let mut file = Vec::new();
    file.extend_from_slice(&[0x5d, 0x2a, 0x4d, 0x18]);
    file.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    file.extend_from_slice(&dict);
    for n in 0..3 {
        let mut enc = zstd::stream::Encoder::with_dictionary(Vec::new(), 3, &dict).unwrap();
        std::io::Write::write_all(&mut enc, &response(n).to_bytes()).unwrap();
        file.extend(enc.finish().unwrap());
    }
    let (records, damage) = read_all(file);
    assert!(damage.is_empty(), "{damage:?}");
    assert_eq!(ids(&records), expected(&[0, 1, 2]));
}

/// One zstd frame of `bytes`, with the content checksum (as the `zstd`
/// tool writes it), compressed with `dict` when given.
fn zstd_frame(bytes: &[u8], dict: Option<&[u8]>) -> Vec<u8> {
    let mut enc = match dict {
        Some(d) => zstd::stream::Encoder::with_dictionary(Vec::new(), 3, d).unwrap(),
        None => zstd::stream::Encoder::new(Vec::new(), 3).unwrap(),
    };
    enc.include_checksum(true).unwrap();
    std::io::Write::write_all(&mut enc, bytes).unwrap();
    enc.finish().unwrap()
}

/// The WARC-zstd dictionary frame (magic `0x184D2A5D`) holding `dict`.
fn dictionary_frame(dict: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x5d, 0x2a, 0x4d, 0x18];
    frame.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    frame.extend_from_slice(dict);
    frame
}

/// Flip 8 bytes of a frame at `percent` of its length (past its header).
fn corrupt(frame: &mut [u8], percent: usize) {
    let at = (frame.len() * percent / 100).clamp(6, frame.len() - 16);
    for b in &mut frame[at..at + 8] {
        *b ^= 0x5a;
    }
}

/// Records 0..n, one zstd frame each; the frame offsets.
fn zstd_file(n: u64, dict: Option<&[u8]>) -> (Vec<u8>, Vec<u64>) {
    let mut file = dict.map(dictionary_frame).unwrap_or_default();
    let mut offsets = Vec::new();
    for i in 0..n {
        offsets.push(file.len() as u64);
        file.extend(zstd_frame(&response(i).to_bytes(), dict));
    }
    (file, offsets)
}

#[test]
fn zstd_offsets_are_frame_offsets() {
    let (file, offsets) = zstd_file(4, None);
    let (records, damage) = read_all(file);
    assert!(damage.is_empty(), "{damage:?}");
    assert_eq!(ids(&records), expected(&[0, 1, 2, 3]));
    let got: Vec<u64> = records.iter().map(|r| r.offset).collect();
    assert_eq!(got, offsets);
}

/// A .warc.zst of one frame per record, with a corrupted frame (2), a
/// record whose Content-Length lies (4: longer than it is; 6: shorter),
/// garbage between frames, a skippable frame, and a truncated last frame
/// (9), loses exactly those records, as a .warc.gz does.
#[test]
fn damaged_zstd_loses_only_the_damaged_records() {
    // Corruption early in the frame (bad block data), in the middle and
    // near the end (the content checksum).
    for at in [12usize, 50, 90] {
        damaged_units(true, at);
    }
}

/// Ten records, one gzip member or (`zst`) zstd frame each: unit 2
/// corrupted at `corrupt_at_percent` of its length, 4 and 6 with a lying
/// Content-Length, 25 bytes of junk after 7, unit 9 truncated, and for zstd
/// a skippable frame after 5 (not damage). Exactly those records are lost.
fn damaged_units(zst: bool, corrupt_at_percent: usize) {
    let unit = if zst { "zstd frame" } else { "gzip member" };
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for n in 0..10u64 {
        offsets.push(file.len() as u64);
        let r = response(n);
        let bytes = match n {
            4 => r.to_bytes_with_length(Some(r.block.len() as u64 + 500)),
            6 => r.to_bytes_with_length(Some(r.block.len() as u64 - 20)),
            _ => r.to_bytes(),
        };
        let mut packed = if zst {
            zstd_frame(&bytes, None)
        } else {
            gzip(&bytes)
        };
        match n {
            2 if zst => corrupt(&mut packed, corrupt_at_percent),
            2 => {
                // Corrupt the deflate data in the middle of the member.
                let mid = (packed.len() * corrupt_at_percent / 100).min(packed.len() - 16);
                for b in &mut packed[mid..mid + 8] {
                    *b ^= 0x5a;
                }
            }
            9 => packed.truncate(packed.len() / 2),
            _ => {}
        }
        file.extend(packed);
        if n == 5 && zst {
            // A skippable frame (an index, say): not damage.
            file.extend_from_slice(&[0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
        }
        if n == 7 {
            file.extend_from_slice(b"some junk between units!!");
        }
    }
    let (records, damage) = read_all(file);
    assert_eq!(
        ids(&records),
        expected(&[0, 1, 3, 5, 7, 8]),
        "{unit} at {corrupt_at_percent}%: {damage:#?}"
    );
    let damaged: Vec<(u64, Option<String>)> = damage
        .iter()
        .map(|d| (d.offset, d.record_id.clone()))
        .collect();
    // The corrupt unit may or may not have yielded its header first.
    assert_eq!(
        damage.len(),
        5,
        "{unit} at {corrupt_at_percent}%: {damage:#?}"
    );
    assert_eq!(damaged[0].0, offsets[2]);
    if zst {
        assert!(damage[0].reason.contains("zstd"), "{}", damage[0].reason);
    }
    assert_eq!(damaged[1], (offsets[4], Some(record_id(4))));
    assert!(
        damage[1].reason.contains("Content-Length") && damage[1].reason.contains(unit),
        "{}",
        damage[1].reason
    );
    assert_eq!(damaged[2], (offsets[6], Some(record_id(6))));
    assert_eq!(damaged[3].0, offsets[8] - 25);
    assert!(
        damage[3]
            .reason
            .contains(&format!("25 bytes that are not a {unit}")),
        "{}",
        damage[3].reason
    );
    assert_eq!(damaged[4].0, offsets[9]);
    assert!(
        damage[4].reason.contains("truncated"),
        "{}",
        damage[4].reason
    );
}

/// Junk between frames whose first bytes read as a skippable frame of
/// 16 MiB (or that runs to the end) must not swallow the frames after it.
#[test]
fn junk_that_looks_like_a_skippable_frame_swallows_nothing() {
    for tail_junk in [false, true] {
        let mut file = Vec::new();
        let mut offsets = Vec::new();
        for n in 0..4u64 {
            offsets.push(file.len() as u64);
            file.extend(zstd_frame(&response(n).to_bytes(), None));
            if n == 1 {
                file.extend_from_slice(&[0x5a, 0x2a, 0x4d, 0x18, 0, 0, 0, 1]);
                file.extend_from_slice(b"junk");
            }
        }
        let junk_at = offsets[2] - 12;
        if tail_junk {
            file.extend_from_slice(&[0x5a, 0x2a, 0x4d, 0x18, 9, 0, 0, 0, 1]);
        }
        let (records, damage) = read_all(file);
        assert_eq!(ids(&records), expected(&[0, 1, 2, 3]), "{damage:#?}");
        let at: Vec<u64> = damage.iter().map(|d| d.offset).collect();
        let mut want = vec![junk_at];
        if tail_junk {
            want.push(offsets[3] + zstd_frame(&response(3).to_bytes(), None).len() as u64);
        }
        assert_eq!(at, want, "{damage:#?}");
        assert!(damage[0].reason.contains("12 bytes"), "{damage:?}");
    }
}

#[test]
fn a_truncated_last_zstd_frame_costs_only_its_record() {
    let (mut file, offsets) = zstd_file(5, None);
    file.truncate(file.len() - 10);
    let (records, damage) = read_all(file);
    assert_eq!(ids(&records), expected(&[0, 1, 2, 3]));
    assert_eq!(damage.len(), 1, "{damage:#?}");
    assert_eq!(damage[0].offset, offsets[4]);
    assert!(damage[0].reason.contains("truncated"), "{damage:?}");
}

#[test]
fn bytes_between_zstd_frames_are_skipped_with_damage() {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for n in 0..4u64 {
        if n == 2 {
            // Junk that holds a frame magic which is no record.
            file.extend_from_slice(b"junk ");
            file.extend(zstd_frame(b"not a record", None));
            file.extend_from_slice(b" more junk");
        }
        offsets.push(file.len() as u64);
        file.extend(zstd_frame(&response(n).to_bytes(), None));
    }
    file.extend_from_slice(b"trailing junk");
    let (records, damage) = read_all(file);
    assert_eq!(ids(&records), expected(&[0, 1, 2, 3]), "{damage:#?}");
    let at: Vec<u64> = damage.iter().map(|d| d.offset).collect();
    assert_eq!(
        at,
        vec![
            offsets[1] + zstd_frame(&response(1).to_bytes(), None).len() as u64,
            offsets[3] + zstd_frame(&response(3).to_bytes(), None).len() as u64
        ],
        "{damage:#?}"
    );
    assert!(damage[0].reason.contains("not a zstd frame"), "{damage:?}");
    assert!(damage[1].reason.contains("at the end"), "{damage:?}");
}

#[test]
fn a_corrupt_frame_in_a_zstd_file_with_a_dictionary() {
    let dict = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http".to_vec();
    // The dictionary itself compressed, as the convention allows.
    let packed = zstd::stream::encode_all(&dict[..], 3).unwrap();
    for stored in [dict.clone(), packed] {
        let mut file = dictionary_frame(&stored);
        let mut offsets = Vec::new();
        for n in 0..5u64 {
            offsets.push(file.len() as u64);
            let mut frame = zstd_frame(&response(n).to_bytes(), Some(&dict));
            if n == 1 {
                corrupt(&mut frame, 50);
            }
            file.extend(frame);
        }
        let (records, damage) = read_all(file);
        assert_eq!(ids(&records), expected(&[0, 2, 3, 4]), "{damage:#?}");
        let got: Vec<u64> = records.iter().map(|r| r.offset).collect();
        assert_eq!(got, [offsets[0], offsets[2], offsets[3], offsets[4]]);
        assert_eq!(damage.len(), 1, "{damage:#?}");
        assert_eq!(damage[0].offset, offsets[1]);
    }
}

/// A corrupt frame longer than what is kept for a rewind: its last block
/// claims 128 KiB, so the decoder swallows the small frames after it before
/// the checksum fails. They are found again (from the tail kept).
#[test]
fn a_long_corrupt_zstd_frame_costs_only_its_record() {
    // Where the swallowing block falls against the reader's buffers varies
    // with the length.
    for extra in [0, 3, 40_000, 70_001, 100_000, 130_007, 170_000, 200_003] {
        long_corrupt_zstd_frame(extra);
    }
}

fn long_corrupt_zstd_frame(extra: usize) {
    // 5 MiB that do not compress: the frame stays that long, in raw blocks.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..(5 << 20) + extra)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let mut file = zstd_frame(&response(0).to_bytes(), None);
    let big_at = file.len() as u64;
    let mut enc = zstd::stream::Encoder::new(Vec::new(), 1).unwrap();
    enc.include_checksum(true).unwrap();
    std::io::Write::write_all(&mut enc, &OutRecord::new("resource", 1, noise).to_bytes()).unwrap();
    let mut frame = enc.finish().unwrap();
    assert!(frame.len() > 5 << 20);
    // Walk the frame header, then the blocks to the last one, and make
    // that a raw block of the largest size.
    let fhd = frame[4];
    let single = (fhd >> 5) & 1 == 1;
    let fcs = [usize::from(single), 2, 4, 8][(fhd >> 6) as usize];
    let mut at = 5 + usize::from(!single) + [0, 1, 2, 4][(fhd & 3) as usize] + fcs;
    loop {
        let h = u32::from_le_bytes([frame[at], frame[at + 1], frame[at + 2], 0]);
        if h & 1 == 1 {
            let claim = (128u32 << 10 << 3) | 1;
            frame[at..at + 3].copy_from_slice(&claim.to_le_bytes()[..3]);
            break;
        }
        at += 3 + if (h >> 1) & 3 == 1 {
            1
        } else {
            (h >> 3) as usize
        };
    }
    file.extend(frame);
    // Small frames, 2..600: more than the 128 KiB the last block swallows.
    for n in 2..600u64 {
        file.extend(zstd_frame(&response(n).to_bytes(), None));
    }
    let (records, damage) = read_all(file);
    let got = ids(&records);
    for n in (0..600).filter(|&n| n != 1) {
        assert!(
            got.contains(&record_id(n)),
            "extra {extra}: record {n} lost: {damage:#?}"
        );
    }
    assert!(!damage.is_empty());
    assert_eq!(damage[0].offset, big_at, "{damage:#?}");
}

/// A .warc.zst written as one frame (not one per record) is one unit: its
/// records read as from the plain file, at the frame's offset; damage in
/// it costs the records from there on, the ones before it are kept.
#[test]
fn a_zstd_file_of_one_frame_is_one_unit() {
    let mut plain = Vec::new();
    // Big enough for several zstd blocks, so a cut frame yields some.
    for n in 0..3000 {
        plain.extend(response(n).to_bytes());
    }
    let whole = zstd_frame(&plain, None);
    let (records, damage) = read_all(whole.clone());
    assert!(damage.is_empty(), "{damage:?}");
    let (plain_records, _) = read_all(plain);
    assert_eq!(ids(&records), ids(&plain_records));
    for (a, b) in records.iter().zip(&plain_records) {
        assert_eq!((&a.headers, &a.block), (&b.headers, &b.block));
        assert_eq!(a.offset, 0);
    }
    // Cut in the middle: the records before the cut are kept, one damage
    // report at the frame.
    let (records, damage) = read_all(whole[..whole.len() * 2 / 3].to_vec());
    assert!(
        !records.is_empty() && records.len() < 3000,
        "{}",
        records.len()
    );
    assert_eq!(ids(&records), ids(&plain_records[..records.len()]));
    assert_eq!(damage.len(), 1, "{damage:#?}");
    assert_eq!(damage[0].offset, 0);
    assert!(damage[0].reason.contains("truncated"), "{damage:?}");
}

/// Hands over its bytes a few at a time, as a pipe or a decoder may.
struct Trickle {
    bytes: std::io::Cursor<Vec<u8>>,
    step: usize,
}

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step);
        self.bytes.read(&mut buf[..n])
    }
}

#[test]
fn an_input_read_a_few_bytes_at_a_time_reads_the_same() {
    use std::io::Read as _;
    let mut plain = Vec::new();
    let mut gz = Vec::new();
    for n in 0..4 {
        let bytes = response(n).to_bytes();
        gz.extend(gzip(&bytes));
        plain.extend(bytes);
    }
    let zst = zstd::stream::encode_all(&plain[..], 3).unwrap();
    let dict = b"WARC/1.1\r\nWARC-Type: response\r\n".to_vec();
    let (zst_frames, _) = zstd_file(4, None);
    let (zst_dict, _) = zstd_file(4, Some(&dict));
    for bytes in [plain, gz, zst, zst_frames, zst_dict] {
        for step in [1, 3, 700] {
            let input = Trickle {
                bytes: std::io::Cursor::new(bytes.clone()),
                step,
            };
            let reader = Reader::new(input, DEFAULT_MAX_BLOCK).unwrap();
            let mut records = Vec::new();
            for item in reader {
                match item.unwrap() {
                    Item::Record(r) => records.push(r),
                    Item::Damaged(d) => panic!("step {step}: {d:?}"),
                }
            }
            assert_eq!(ids(&records), expected(&[0, 1, 2, 3]), "step {step}");
            let mut body = Vec::new();
            let http = parse_response(&records[2].block).unwrap();
            (&records[2].block[http.body_start..])
                .read_to_end(&mut body)
                .unwrap();
            assert_eq!(body, page(2));
        }
    }
}

#[test]
fn a_damaged_zstd_file_read_a_few_bytes_at_a_time_reads_the_same() {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for n in 0..5u64 {
        offsets.push(file.len() as u64);
        let mut frame = zstd_frame(&response(n).to_bytes(), None);
        if n == 2 {
            corrupt(&mut frame, 40);
        }
        file.extend(frame);
    }
    file.extend_from_slice(b"junk");
    let whole = read_all(file.clone());
    assert_eq!(ids(&whole.0), expected(&[0, 1, 3, 4]));
    for step in [1, 3, 700] {
        let input = Trickle {
            bytes: std::io::Cursor::new(file.clone()),
            step,
        };
        let (mut records, mut damage) = (Vec::new(), Vec::new());
        for item in Reader::new(input, DEFAULT_MAX_BLOCK).unwrap() {
            match item.unwrap() {
                Item::Record(r) => records.push(r),
                Item::Damaged(d) => damage.push(d),
            }
        }
        assert_eq!(ids(&records), expected(&[0, 1, 3, 4]), "step {step}");
        assert_eq!(damage, whole.1, "step {step}");
        assert_eq!(damage[0].offset, offsets[2], "step {step}");
    }
}
