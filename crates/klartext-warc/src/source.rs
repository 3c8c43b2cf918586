//! Byte sources: the decompressed bytes of a WARC file, in *units*.
//!
//! A unit is a stretch of bytes that decodes on its own: a gzip member of a
//! `.warc.gz` or a zstd frame of a `.warc.zst` (by convention one record
//! each), or the whole of a plain `.warc`. [`Source::fill`] never returns
//! bytes of two units at once, so the record parser can tell where a member
//! ended, and damage (a corrupt member or frame, a file that ends inside
//! one) ends a unit with a report the parser collects through
//! [`Source::take_damage`]; reading goes on at the next unit found after
//! the damage.

use std::io::{self, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

/// A stretch of the input that could not be read as WARC records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Where it starts: the compressed offset of the gzip member for
    /// `.warc.gz` or of the zstd frame for `.warc.zst`, else the byte offset
    /// in the file.
    pub offset: u64,
    /// The damaged record's `WARC-Record-ID`, when its header was readable.
    pub record_id: Option<String>,
    /// The damaged record's `WARC-Target-URI`, when its header was readable.
    pub target_uri: Option<String>,
    /// What went wrong, as a sentence.
    pub reason: String,
}

impl Damage {
    pub(crate) fn at(offset: u64, reason: String) -> Damage {
        Damage {
            offset,
            record_id: None,
            target_uri: None,
            reason,
        }
    }
}

/// The decompressed input, unit by unit.
pub(crate) trait Source {
    /// At least `n` bytes of the current unit, unless the unit ends (or is
    /// damaged) first; empty at the end of the unit.
    fn fill(&mut self, n: usize) -> io::Result<&[u8]>;
    /// Mark `n` bytes of what `fill` returned as read.
    fn consume(&mut self, n: usize);
    /// Put bytes back in front of the unread ones (a record that swallowed
    /// its successor gives the successor back).
    fn unread(&mut self, bytes: &[u8]);
    /// After the current unit ended: go to the next one. `false` at the end
    /// of the input.
    fn next_unit(&mut self) -> io::Result<bool>;
    /// Where the current unit starts in the input file.
    fn unit_offset(&self) -> u64;
    /// Decompressed bytes read from the current unit so far.
    fn pos_in_unit(&self) -> u64;
    /// Damage found since the last call.
    fn take_damage(&mut self) -> Option<Damage>;
    /// Whether units are gzip members or zstd frames (offsets are then
    /// their compressed offsets).
    fn multi_unit(&self) -> bool;
    /// What a unit is called in damage reports.
    fn unit_name(&self) -> &'static str;
}

/// Bytes read and not yet consumed, at `buf[start..]`.
#[derive(Default)]
struct OutBuf {
    buf: Vec<u8>,
    start: usize,
}

impl OutBuf {
    fn avail(&self) -> &[u8] {
        &self.buf[self.start..]
    }
    fn len(&self) -> usize {
        self.buf.len() - self.start
    }
    /// Move the unread bytes to the front, so the buffer does not grow.
    fn compact(&mut self) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
    }
    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.buf.len());
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
    }
    fn unread(&mut self, bytes: &[u8]) {
        self.buf
            .splice(self.start..self.start, bytes.iter().copied());
    }
    fn clear(&mut self) {
        self.buf.clear();
        self.start = 0;
    }
}

/// How much is read from the input at once.
const READ_CHUNK: usize = 256 * 1024;

/// Read up to `want` (at least [`READ_CHUNK`]) more bytes from `r` onto
/// the end of `buf`; fewer only at the end of the input, 0 there.
///
/// `Read::read_to_end` on a `take` fills the buffer's spare capacity
/// without zeroing it first, so an input that hands over a few bytes per
/// `read` (a pipe, a decoder) costs what its bytes cost, not a chunk's
/// worth of zeroes per call.
fn read_more(r: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let old = buf.len();
    let limit = want.max(READ_CHUNK) as u64;
    match r.by_ref().take(limit).read_to_end(buf) {
        Ok(k) => Ok(k),
        // What came before the error is kept; the error comes back on the
        // next call.
        Err(_) if buf.len() > old => Ok(buf.len() - old),
        Err(e) => Err(e),
    }
}

/// One unit: a plain `.warc`.
pub(crate) struct StreamSource<R> {
    inner: R,
    out: OutBuf,
    pos: u64,
    eof: bool,
}

impl<R: Read> StreamSource<R> {
    pub(crate) fn new(inner: R) -> Self {
        StreamSource {
            inner,
            out: OutBuf::default(),
            pos: 0,
            eof: false,
        }
    }
}

impl<R: Read> Source for StreamSource<R> {
    fn fill(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.out.len() < n && !self.eof {
            self.out.compact();
            let want = n - self.out.len();
            if read_more(&mut self.inner, &mut self.out.buf, want)? == 0 {
                self.eof = true;
            }
        }
        Ok(self.out.avail())
    }
    fn consume(&mut self, n: usize) {
        let n = n.min(self.out.len());
        self.out.consume(n);
        self.pos += n as u64;
    }
    fn unread(&mut self, bytes: &[u8]) {
        self.out.unread(bytes);
        self.pos = self.pos.saturating_sub(bytes.len() as u64);
    }
    fn next_unit(&mut self) -> io::Result<bool> {
        Ok(false)
    }
    fn unit_offset(&self) -> u64 {
        0
    }
    fn pos_in_unit(&self) -> u64 {
        self.pos
    }
    fn take_damage(&mut self) -> Option<Damage> {
        None
    }
    fn multi_unit(&self) -> bool {
        false
    }
    fn unit_name(&self) -> &'static str {
        "file"
    }
}

/// Compressed bytes of a gzip member kept for a rewind after it turns out
/// corrupt, at most.
const MAX_RETAIN: usize = 32 * 1024 * 1024;

/// Compressed bytes of a zstd frame kept for a rewind, at most. A corrupt
/// frame's decoder cannot run far past the frame's true end (a block is at
/// most 128 KiB, and a frame magic read as a block header is an error), so
/// past this only the [`ZSTD_TAIL`] behind the read position is kept: a
/// file of one big frame reads without holding tens of megabytes (which
/// cost it 10-15% of its reading time; 4 MiB still cost 2-4%).
const ZSTD_MAX_RETAIN: usize = 1024 * 1024;

/// Compressed bytes behind the read position kept in a `.warc.zst` frame
/// longer than [`ZSTD_MAX_RETAIN`], to rescan from after it turns out
/// corrupt (what its last block swallowed is in there).
const ZSTD_TAIL: usize = 1024 * 1024;

/// A buffered reader that can go back to a marked offset (the start of the
/// current gzip member or zstd frame), so a corrupt one is rescanned from
/// its second byte for the next one: whatever the corrupt data swallowed is
/// found again. Reads from stdin too; past `max_retain` the mark is dropped,
/// and then (as before any mark) only the last `tail` bytes are kept.
struct Rewind<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    /// The input offset of `buf[0]`.
    base: u64,
    mark: Option<u64>,
    eof: bool,
    max_retain: usize,
    tail: usize,
}

impl<R: Read> Rewind<R> {
    fn new(inner: R, max_retain: usize, tail: usize) -> Self {
        Rewind {
            inner,
            buf: Vec::new(),
            pos: 0,
            base: 0,
            mark: None,
            eof: false,
            max_retain,
            tail,
        }
    }
    /// Consume bytes up to the next `magic` (or the end). The byte at the
    /// current position is never taken: it was just rejected.
    fn skip_to(&mut self, magic: &[u8]) -> io::Result<()> {
        loop {
            let buf = self.fill(READ_CHUNK)?;
            let len = buf.len();
            if let Some(i) = find(&buf[1.min(len)..], magic) {
                self.consume(i + 1);
                return Ok(());
            }
            if len < READ_CHUNK {
                self.consume(len);
                return Ok(());
            }
            // Keep the last `magic.len()` bytes: a magic may start in all
            // but the first of them, which was tried whole (the next round
            // skips it).
            self.consume(len - magic.len());
        }
    }
    /// The first offset still buffered.
    fn oldest(&self) -> u64 {
        self.base
    }
    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }
    fn avail(&self) -> &[u8] {
        &self.buf[self.pos..]
    }
    fn fill(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.pos < n && !self.eof {
            let mut keep_from = match self.mark {
                Some(m) if m >= self.base => ((m - self.base) as usize).min(self.pos),
                _ => self.pos,
            };
            if self.pos - keep_from > self.max_retain {
                self.mark = None;
            }
            if self.mark.is_none() {
                keep_from = self.pos.saturating_sub(self.tail);
            }
            // Drop the bytes before keep_from once they are at least half
            // the buffer: amortised, so a long member costs no quadratic copying.
            if keep_from >= READ_CHUNK && keep_from * 2 >= self.buf.len() {
                self.buf.drain(..keep_from);
                self.base += keep_from as u64;
                self.pos -= keep_from;
            }
            let want = n - (self.buf.len() - self.pos);
            if read_more(&mut self.inner, &mut self.buf, want)? == 0 {
                self.eof = true;
            }
        }
        Ok(&self.buf[self.pos..])
    }
    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
    /// Go back to `offset` if it is still buffered.
    fn rewind_to(&mut self, offset: u64) -> bool {
        if offset >= self.base && offset <= self.base + self.buf.len() as u64 {
            self.pos = (offset - self.base) as usize;
            true
        } else {
            false
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GzState {
    /// Inflating the member's deflate data.
    Body,
    /// The deflate data ended; the CRC and size follow.
    Trailer,
    /// The member ended well.
    Done,
    /// The member is corrupt or truncated; its damage is reported.
    Broken,
}

/// What stopped a member.
enum GzError {
    Io(io::Error),
    Data(String),
}

impl From<io::Error> for GzError {
    fn from(e: io::Error) -> Self {
        GzError::Io(e)
    }
}

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A `.warc.gz`: one unit per gzip member, inflated with zlib-rs.
pub(crate) struct GzSource<R> {
    input: Rewind<R>,
    out: OutBuf,
    dec: Decompress,
    crc: Crc,
    state: GzState,
    member_start: u64,
    pos_in_unit: u64,
    damage: Option<Damage>,
}

impl<R: Read> GzSource<R> {
    pub(crate) fn new(inner: R) -> Self {
        GzSource {
            input: Rewind::new(inner, MAX_RETAIN, 0),
            out: OutBuf::default(),
            dec: Decompress::new(false),
            crc: Crc::new(),
            // Before the first member, as after a good one.
            state: GzState::Done,
            member_start: 0,
            pos_in_unit: 0,
            damage: None,
        }
    }

    /// Read a gzip member header at the current position (RFC 1952 §2.3).
    /// `Ok(false)`: not a valid header.
    fn read_header(&mut self) -> io::Result<bool> {
        let h = self.input.fill(10)?;
        if h.len() < 10 || h[..3] != GZIP_MAGIC || h[3] & 0xe0 != 0 {
            return Ok(false);
        }
        let flags = h[3];
        let mut at = 10usize;
        if flags & 0x04 != 0 {
            // FEXTRA: two length bytes, then the field.
            let h = self.input.fill(at + 2)?;
            if h.len() < at + 2 {
                return Ok(false);
            }
            at += 2 + u16::from_le_bytes([h[at], h[at + 1]]) as usize;
        }
        for flag in [0x08u8, 0x10] {
            // FNAME, FCOMMENT: zero-terminated.
            if flags & flag != 0 {
                loop {
                    let h = self.input.fill(at + 1)?;
                    if h.len() < at + 1 {
                        return Ok(false);
                    }
                    if let Some(z) = h[at..].iter().position(|&b| b == 0) {
                        at += z + 1;
                        break;
                    }
                    if h.len() > 1 << 20 {
                        return Ok(false);
                    }
                    let more = h.len() + 1;
                    if self.input.fill(more)?.len() < more {
                        return Ok(false);
                    }
                }
            }
        }
        if flags & 0x02 != 0 {
            at += 2; // FHCRC
        }
        if self.input.fill(at)?.len() < at {
            return Ok(false);
        }
        self.input.consume(at);
        Ok(true)
    }

    /// Inflate until `want` bytes are buffered or the member ends.
    fn decode_more(&mut self, want: usize) -> Result<(), GzError> {
        while self.out.len() < want {
            match self.state {
                GzState::Body => {
                    let have = self.input.fill(1)?.len();
                    if have == 0 {
                        return Err(GzError::Data(
                            "gzip member truncated: the file ends inside it".to_string(),
                        ));
                    }
                    self.out.compact();
                    let room = (want - self.out.len()).max(READ_CHUNK);
                    self.out.buf.reserve(room);
                    let (in0, out0) = (self.dec.total_in(), self.out.buf.len());
                    let status = self
                        .dec
                        .decompress_vec(
                            self.input.avail(),
                            &mut self.out.buf,
                            FlushDecompress::None,
                        )
                        .map_err(|e| GzError::Data(format!("corrupt deflate data ({e})")))?;
                    let used = (self.dec.total_in() - in0) as usize;
                    let produced = self.out.buf.len() - out0;
                    self.crc.update(&self.out.buf[out0..]);
                    self.input.consume(used);
                    match status {
                        Status::StreamEnd => self.state = GzState::Trailer,
                        _ if used == 0 && produced == 0 => {
                            // More input is needed than is buffered.
                            let more = self.input.avail().len() + 1;
                            if self.input.fill(more)?.len() < more {
                                return Err(GzError::Data(
                                    "gzip member truncated: the file ends inside it".to_string(),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
                GzState::Trailer => {
                    let t = self.input.fill(8)?;
                    if t.len() < 8 {
                        return Err(GzError::Data(
                            "gzip member truncated: the file ends in its trailer".to_string(),
                        ));
                    }
                    let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
                    let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
                    self.input.consume(8);
                    if crc != self.crc.sum() || size != self.crc.amount() {
                        return Err(GzError::Data(
                            "gzip member fails its CRC or size check".to_string(),
                        ));
                    }
                    self.state = GzState::Done;
                }
                GzState::Done | GzState::Broken => break,
            }
        }
        Ok(())
    }

    /// Start the member at the current position. After damage (`resync`),
    /// or past bytes that are not a member, a candidate must decode to the
    /// start of a WARC record, else the scan goes on from its second byte.
    fn start_member(&mut self, resync: bool) -> io::Result<bool> {
        let mut skipped_from: Option<u64> = None;
        loop {
            let here = self.input.offset();
            let head = self.input.fill(3)?;
            if head.is_empty() {
                self.state = GzState::Done;
                if let Some(from) = skipped_from.filter(|_| !resync) {
                    self.damage = Some(Damage::at(
                        from,
                        format!("{} bytes at the end are not gzip data", here - from),
                    ));
                }
                return Ok(false);
            }
            if !head.starts_with(&GZIP_MAGIC) {
                skipped_from.get_or_insert(here);
                self.input.skip_to(&GZIP_MAGIC)?;
                continue;
            }
            self.input.mark = Some(here);
            let checked = resync || skipped_from.is_some();
            if !self.read_header()? {
                skipped_from.get_or_insert(here);
                self.input.rewind_to(here + 1);
                continue;
            }
            self.dec.reset(false);
            self.crc.reset();
            self.out.clear();
            self.state = GzState::Body;
            self.member_start = here;
            self.pos_in_unit = 0;
            if checked {
                let ok = match self.decode_more(8) {
                    Ok(()) => self.out.avail().starts_with(b"WARC/"),
                    Err(GzError::Io(e)) => return Err(e),
                    Err(GzError::Data(_)) => false,
                };
                if !ok {
                    skipped_from.get_or_insert(here);
                    self.out.clear();
                    if !self.input.rewind_to(here + 1) {
                        // Too far to go back: scan on from here.
                    }
                    continue;
                }
            }
            if let Some(from) = skipped_from.filter(|_| !resync) {
                self.damage = Some(Damage::at(
                    from,
                    format!("{} bytes that are not a gzip member skipped", here - from),
                ));
            }
            return Ok(true);
        }
    }
}

impl<R: Read> Source for GzSource<R> {
    fn fill(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.out.len() < n {
            match self.decode_more(n) {
                Ok(()) => {}
                Err(GzError::Io(e)) => return Err(e),
                Err(GzError::Data(why)) => {
                    self.state = GzState::Broken;
                    self.damage = Some(Damage::at(self.member_start, why));
                }
            }
        }
        Ok(self.out.avail())
    }
    fn consume(&mut self, n: usize) {
        let n = n.min(self.out.len());
        self.out.consume(n);
        self.pos_in_unit += n as u64;
    }
    fn unread(&mut self, bytes: &[u8]) {
        self.out.unread(bytes);
        self.pos_in_unit = self.pos_in_unit.saturating_sub(bytes.len() as u64);
    }
    fn next_unit(&mut self) -> io::Result<bool> {
        self.out.clear();
        let resync = self.state == GzState::Broken;
        if resync {
            // Rescan from the corrupt member's second byte: its inflater may
            // have run on into the members after it.
            self.input.rewind_to(self.member_start + 1);
        } else if matches!(self.state, GzState::Body | GzState::Trailer) {
            // The parser left early: finish the member to find its end.
            while self.state != GzState::Done {
                self.out.clear();
                match self.decode_more(READ_CHUNK) {
                    Ok(()) => {}
                    Err(GzError::Io(e)) => return Err(e),
                    Err(GzError::Data(_)) => {
                        self.out.clear();
                        self.input.rewind_to(self.member_start + 1);
                        return self.start_member(true);
                    }
                }
            }
            self.out.clear();
        }
        self.start_member(resync)
    }
    fn unit_offset(&self) -> u64 {
        self.member_start
    }
    fn pos_in_unit(&self) -> u64 {
        self.pos_in_unit
    }
    fn take_damage(&mut self) -> Option<Damage> {
        self.damage.take()
    }
    fn multi_unit(&self) -> bool {
        true
    }
    fn unit_name(&self) -> &'static str {
        "gzip member"
    }
}

/// The magic number a zstd frame starts with (`0xFD2FB528`, little-endian).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// The magic of the skippable frame a WARC-zstd file starts with: it holds
/// the dictionary the record frames were compressed with.
const DICTIONARY_MAGIC: [u8; 4] = [0x5d, 0x2a, 0x4d, 0x18];

/// The largest dictionary accepted (before and after its own
/// decompression); the WARC-zstd convention's dictionaries are far smaller.
const MAX_DICTIONARY: usize = 32 * 1024 * 1024;

/// A skippable frame: magic `0x184D2A50..=0x184D2A5F` little-endian.
fn is_skippable(head: &[u8]) -> bool {
    head.len() >= 4 && head[0] & 0xf0 == 0x50 && head[1..4] == [0x2a, 0x4d, 0x18]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZstdState {
    /// Decoding the frame.
    Body,
    /// The frame ended well.
    Done,
    /// The frame is corrupt or truncated; its damage is reported.
    Broken,
}

/// A `.warc.zst`: one unit per zstd frame. The WARC-zstd convention writes
/// one frame per record (after an optional skippable frame holding the
/// dictionary), so a corrupt frame costs its record and the scan for the
/// next frame magic finds the rest; a file of one big frame is one unit.
/// Skippable frames between frames are skipped without a report when a
/// frame (or the end) follows them, else they are junk.
pub(crate) struct ZstdSource<R> {
    input: Rewind<R>,
    out: OutBuf,
    dec: zstd::stream::raw::Decoder<'static>,
    state: ZstdState,
    frame_start: u64,
    pos_in_unit: u64,
    damage: Option<Damage>,
}

impl<R: Read> ZstdSource<R> {
    /// A source over `inner`; a leading dictionary frame (itself maybe
    /// zstd-compressed) is read here. A dictionary that cannot be read is
    /// damage: the frames are then decoded without one.
    pub(crate) fn new(inner: R) -> io::Result<Self> {
        let mut input = Rewind::new(inner, ZSTD_MAX_RETAIN, ZSTD_TAIL);
        let mut damage = None;
        let mut dict = Vec::new();
        let head = input.fill(8)?;
        if head.len() >= 8 && head[..4] == DICTIONARY_MAGIC {
            let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
            match read_dictionary(&mut input, size)? {
                Ok(d) => dict = d,
                Err(why) => damage = Some(Damage::at(0, why)),
            }
        }
        let dec = match zstd::stream::raw::Decoder::with_dictionary(&dict) {
            Ok(dec) => dec,
            Err(e) => {
                damage = Some(Damage::at(
                    0,
                    format!("the dictionary frame holds no usable dictionary ({e})"),
                ));
                zstd::stream::raw::Decoder::new()?
            }
        };
        Ok(ZstdSource {
            input,
            out: OutBuf::default(),
            dec,
            // Before the first frame, as after a good one.
            state: ZstdState::Done,
            frame_start: 0,
            pos_in_unit: 0,
            damage,
        })
    }

    /// Decode until `want` bytes are buffered or the frame ends. `Err`
    /// with a reason: the frame is corrupt or truncated.
    fn decode_more(&mut self, want: usize) -> io::Result<Result<(), String>> {
        use zstd::stream::raw::{InBuffer, Operation, OutBuffer};
        while self.out.len() < want && self.state == ZstdState::Body {
            let have = self.input.fill(1)?.len();
            self.out.compact();
            let room = (want - self.out.len()).max(READ_CHUNK);
            self.out.buf.reserve(room);
            let out0 = self.out.buf.len();
            let mut src = InBuffer::around(self.input.avail());
            let mut dst = OutBuffer::around_pos(&mut self.out.buf, out0);
            let hint = match self.dec.run(&mut src, &mut dst) {
                Ok(hint) => hint,
                Err(e) => return Ok(Err(format!("corrupt zstd frame ({e})"))),
            };
            let used = src.pos();
            let produced = dst.pos() - out0;
            self.input.consume(used);
            if hint == 0 {
                // The frame is decoded and all its output handed over.
                self.state = ZstdState::Done;
            } else if used == 0 && produced == 0 {
                // More input is needed than is buffered.
                let more = have + 1;
                if have == 0 || self.input.fill(more)?.len() < more {
                    return Ok(Err(
                        "zstd frame truncated: the file ends inside it".to_string()
                    ));
                }
            }
        }
        Ok(Ok(()))
    }

    /// Skip a skippable frame at the current position (its magic is
    /// there). `false`: it is no frame after all (the file ends inside it,
    /// or what follows is neither a frame nor the end): junk whose first
    /// bytes look like one, which must not swallow the frames after it.
    fn skip_skippable(&mut self) -> io::Result<bool> {
        let head = self.input.fill(8)?;
        if head.len() < 8 {
            return Ok(false);
        }
        let mut left = 8 + u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as u64;
        while left > 0 {
            let have = self.input.fill(1)?.len();
            if have == 0 {
                return Ok(false);
            }
            let n = (have as u64).min(left) as usize;
            self.input.consume(n);
            left -= n as u64;
        }
        let next = self.input.fill(4)?;
        Ok(next.is_empty() || next.starts_with(&ZSTD_MAGIC) || is_skippable(next))
    }

    /// Start the frame at the current position, past skippable frames.
    /// After damage (`resync`), or past bytes that are not a frame, a
    /// candidate must decode to the start of a WARC record, else the scan
    /// goes on from its second byte.
    fn start_frame(&mut self, resync: bool) -> io::Result<bool> {
        let mut skipped_from: Option<u64> = None;
        loop {
            let here = self.input.offset();
            let head = self.input.fill(4)?;
            if head.is_empty() {
                self.state = ZstdState::Done;
                if let Some(from) = skipped_from.filter(|_| !resync) {
                    self.damage = Some(Damage::at(
                        from,
                        format!("{} bytes at the end are not zstd data", here - from),
                    ));
                }
                return Ok(false);
            }
            if skipped_from.is_none() && !resync && is_skippable(head) {
                self.input.mark = Some(here);
                if self.skip_skippable()? {
                    continue;
                }
                // Junk: scanned from its second byte like any other.
                skipped_from = Some(here);
                if self.input.rewind_to(here) {
                    self.input.skip_to(&ZSTD_MAGIC)?;
                }
                continue;
            }
            if !head.starts_with(&ZSTD_MAGIC) {
                skipped_from.get_or_insert(here);
                self.input.skip_to(&ZSTD_MAGIC)?;
                continue;
            }
            self.input.mark = Some(here);
            let checked = resync || skipped_from.is_some();
            use zstd::stream::raw::Operation;
            self.dec.reinit()?;
            self.out.clear();
            self.state = ZstdState::Body;
            self.frame_start = here;
            self.pos_in_unit = 0;
            if checked {
                let ok = match self.decode_more(8)? {
                    Ok(()) => self.out.avail().starts_with(b"WARC/"),
                    Err(_) => false,
                };
                if !ok {
                    skipped_from.get_or_insert(here);
                    self.out.clear();
                    // Too far to go back: the scan goes on from here.
                    self.input.rewind_to(here + 1);
                    continue;
                }
            }
            if let Some(from) = skipped_from.filter(|_| !resync) {
                self.damage = Some(Damage::at(
                    from,
                    format!("{} bytes that are not a zstd frame skipped", here - from),
                ));
            }
            return Ok(true);
        }
    }

    /// Go back to the current frame's second byte, or as near to it as is
    /// still buffered (never to its first byte: the scan moves on).
    fn rescan(&mut self) {
        let back = (self.frame_start + 1).max(self.input.oldest());
        self.input.rewind_to(back);
    }
}

/// The dictionary of a dictionary frame of `size` bytes at the input's
/// position (consumed), decompressed when it is itself a zstd frame.
/// `Ok(Err(reason))`: it cannot be used.
fn read_dictionary<R: Read>(
    input: &mut Rewind<R>,
    size: usize,
) -> io::Result<Result<Vec<u8>, String>> {
    if size > MAX_DICTIONARY {
        return Ok(Err(format!(
            "a dictionary frame of {size} bytes is too large to use"
        )));
    }
    let frame = input.fill(8 + size)?;
    if frame.len() < 8 + size {
        return Ok(Err("the file ends inside its dictionary frame".to_string()));
    }
    let dict = frame[8..8 + size].to_vec();
    input.consume(8 + size);
    if !dict.starts_with(&ZSTD_MAGIC) {
        return Ok(Ok(dict));
    }
    let mut plain = Vec::new();
    let decoded = zstd::stream::read::Decoder::new(&dict[..])
        .and_then(|d| d.take(MAX_DICTIONARY as u64 + 1).read_to_end(&mut plain));
    Ok(match decoded {
        Err(e) => Err(format!("the compressed dictionary is corrupt ({e})")),
        Ok(n) if n > MAX_DICTIONARY => Err(format!(
            "the dictionary decompresses to more than {MAX_DICTIONARY} bytes"
        )),
        Ok(_) => Ok(plain),
    })
}

impl<R: Read> Source for ZstdSource<R> {
    fn fill(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.out.len() < n {
            if let Err(why) = self.decode_more(n)? {
                self.state = ZstdState::Broken;
                self.damage = Some(Damage::at(self.frame_start, why));
            }
        }
        Ok(self.out.avail())
    }
    fn consume(&mut self, n: usize) {
        let n = n.min(self.out.len());
        self.out.consume(n);
        self.pos_in_unit += n as u64;
    }
    fn unread(&mut self, bytes: &[u8]) {
        self.out.unread(bytes);
        self.pos_in_unit = self.pos_in_unit.saturating_sub(bytes.len() as u64);
    }
    fn next_unit(&mut self) -> io::Result<bool> {
        self.out.clear();
        let resync = self.state == ZstdState::Broken;
        if resync {
            // Rescan from the corrupt frame's second byte (or, for a long
            // one, from the tail kept): what it seemed to hold may be the
            // frames after it.
            self.rescan();
        } else if self.state == ZstdState::Body {
            // The parser left early: finish the frame to find its end.
            while self.state == ZstdState::Body {
                self.out.clear();
                if self.decode_more(READ_CHUNK)?.is_err() {
                    self.out.clear();
                    self.rescan();
                    return self.start_frame(true);
                }
            }
            self.out.clear();
        }
        self.start_frame(resync)
    }
    fn unit_offset(&self) -> u64 {
        self.frame_start
    }
    fn pos_in_unit(&self) -> u64 {
        self.pos_in_unit
    }
    fn take_damage(&mut self) -> Option<Damage> {
        self.damage.take()
    }
    fn multi_unit(&self) -> bool {
        true
    }
    fn unit_name(&self) -> &'static str {
        "zstd frame"
    }
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = hay[from..=hay.len() - needle.len()]
        .iter()
        .position(|&b| b == first)
    {
        let at = from + i;
        if &hay[at..at + needle.len()] == needle {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A magic that starts in the last bytes of a read chunk is found,
    /// whatever its length and wherever in those bytes it starts.
    #[test]
    fn a_magic_across_a_read_chunk_is_found() {
        for magic in [&GZIP_MAGIC[..], &ZSTD_MAGIC[..]] {
            for at in READ_CHUNK - magic.len() - 1..READ_CHUNK + 1 {
                let mut bytes = vec![b'j'; at];
                bytes.extend_from_slice(magic);
                bytes.extend_from_slice(b"rest");
                let mut input = Rewind::new(io::Cursor::new(bytes), MAX_RETAIN, 0);
                input.skip_to(magic).unwrap();
                assert_eq!(
                    input.offset(),
                    at as u64,
                    "magic of {} at {at}",
                    magic.len()
                );
            }
        }
    }
}
