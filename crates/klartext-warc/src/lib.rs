//! klartext-warc: read WARC files record by record, and survive damage.
//!
//! [`Reader`] streams WARC/1.0 and WARC/1.1 records from a `.warc`, a
//! `.warc.gz` (any number of gzip members; by convention one record each) or
//! a `.warc.zst` (any number of zstd frames, by convention one record each,
//! with or without the dictionary frame of the WARC-zstd convention),
//! recognised by their first bytes, from a file or stdin.
//! Memory stays bounded: a record's block is kept up to a cap, the rest is
//! skipped and the record flagged [`Record::truncated`].
//!
//! Damage costs only the damaged records. A corrupt or truncated gzip
//! member or zstd frame, a record whose `Content-Length` lies, or bytes that
//! are no record at all come out as [`Item::Damaged`] with their offset and,
//! when its header was readable, the record's ID; reading resumes at the
//! next record.
//!
//! [`http`] parses the HTTP response inside a `response` record and decodes
//! its payload (chunked transfer, gzip/deflate/br/zstd content encoding);
//! [`writer`] writes small WARC files (tests, benchmarks).
#![forbid(unsafe_code)]

pub mod http;
mod source;
pub mod writer;

use std::io::{self, Read};

pub use source::Damage;
use source::{find, GzSource, Source, StreamSource, ZstdSource};

/// The default cap on a record block kept in memory.
pub const DEFAULT_MAX_BLOCK: usize = 16 * 1024 * 1024;

/// Longest record header (all its lines) accepted.
const MAX_HEADER: usize = 256 * 1024;

/// How the input file is compressed, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// gzip `1f 8b`, a zstd frame `28 b5 2f fd` or a skippable frame
    /// (`5x 2a 4d 18`: the dictionary of a WARC-zstd file), else none.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
            || (head.len() >= 4 && head[0] & 0xf0 == 0x50 && head[1..4] == [0x2a, 0x4d, 0x18])
        {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// One WARC record: its header fields and its block (up to the cap).
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// Where it starts: the compressed offset of its gzip member for
    /// `.warc.gz` or of its zstd frame for `.warc.zst` (as CDX indexes
    /// count), else its byte offset in the file.
    pub offset: u64,
    /// The version line, e.g. `WARC/1.1`.
    pub version: String,
    /// Header fields in file order, names as written.
    pub headers: Vec<(String, String)>,
    /// The declared `Content-Length`.
    pub content_length: u64,
    /// The block, or its first `max_block` bytes when `truncated`.
    pub block: Vec<u8>,
    /// The block was longer than the cap; the rest was skipped.
    pub truncated: bool,
}

impl Record {
    /// A header field's value (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// `WARC-Type`, lowercased (`response`, `request`, `conversion`, ...).
    pub fn warc_type(&self) -> String {
        self.header("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }
    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers add.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(strip_angles)
    }
    pub fn date(&self) -> Option<&str> {
        self.header("WARC-Date")
    }
    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type")
    }
}

fn strip_angles(s: &str) -> &str {
    s.strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(s)
}

/// What the reader found next.
#[derive(Debug, Clone)]
pub enum Item {
    Record(Record),
    /// A record (or stretch of bytes) that could not be read; reading goes
    /// on at the next record.
    Damaged(Damage),
}

/// Counts the raw bytes read from the input, for progress displays.
struct Counting<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Streams the records of one WARC file.
pub struct Reader {
    src: Box<dyn Source + Send>,
    compression: Compression,
    max_block: usize,
    read_bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    finished: bool,
}

/// What reading a line found.
enum Line {
    Full(Vec<u8>),
    /// The unit ended first.
    End,
    /// Longer than the header budget.
    TooLong,
}

/// What reading a header found.
enum Header {
    Fields(String, Vec<(String, String)>),
    /// Not a record header (the bytes are consumed up to the next record).
    NotARecord(String),
    /// The unit ended (or was damaged) inside the header.
    Cut(Vec<(String, String)>),
}

impl Reader {
    /// A reader over `input`, whose compression is recognised from its first
    /// bytes. `max_block`: the most of a block kept in memory.
    pub fn new<R: Read + Send + 'static>(input: R, max_block: usize) -> io::Result<Reader> {
        let read_bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let mut input = Counting {
            inner: input,
            count: read_bytes.clone(),
        };
        let mut head = Vec::with_capacity(8);
        while head.len() < 4 {
            let mut b = [0u8; 4];
            let n = match input.read(&mut b[..4 - head.len()]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                break;
            }
            head.extend_from_slice(&b[..n]);
        }
        let compression = Compression::sniff(&head);
        let input = io::Cursor::new(head).chain(input);
        let src: Box<dyn Source + Send> = match compression {
            Compression::None => Box::new(StreamSource::new(input)),
            Compression::Gzip => Box::new(GzSource::new(input)),
            Compression::Zstd => Box::new(ZstdSource::new(input)?),
        };
        Ok(Reader {
            src,
            compression,
            max_block: max_block.max(1),
            read_bytes,
            finished: false,
        })
    }

    /// A reader over a file.
    pub fn open(path: &std::path::Path, max_block: usize) -> io::Result<Reader> {
        Reader::new(std::fs::File::open(path)?, max_block)
    }

    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// A counter of the raw (compressed) bytes read so far, for progress.
    pub fn bytes_read(&self) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        self.read_bytes.clone()
    }

    /// The next record or damage report; `None` at the end. An `Err` is an
    /// I/O error of the input itself (not damage); reading stops there.
    pub fn next_item(&mut self) -> Option<io::Result<Item>> {
        if self.finished {
            return None;
        }
        match self.read_item() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(e) => {
                self.finished = true;
                Some(Err(e))
            }
        }
    }

    /// Where a record starting now starts.
    fn here(&self) -> u64 {
        if self.src.multi_unit() {
            self.src.unit_offset()
        } else {
            self.src.pos_in_unit()
        }
    }

    fn read_item(&mut self) -> io::Result<Option<Item>> {
        loop {
            if let Some(d) = self.src.take_damage() {
                return Ok(Some(Item::Damaged(d)));
            }
            let buf = self.src.fill(1)?;
            if buf.is_empty() {
                if let Some(d) = self.src.take_damage() {
                    return Ok(Some(Item::Damaged(d)));
                }
                if self.src.next_unit()? {
                    continue;
                }
                return Ok(self.src.take_damage().map(Item::Damaged));
            }
            // Blank lines between records (and the record end's CRLFs).
            let blank = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if blank > 0 {
                self.src.consume(blank);
                continue;
            }
            let offset = self.here();
            match self.read_header()? {
                Header::NotARecord(why) => {
                    let d = self.settle(Damage::at(offset, why))?;
                    return Ok(Some(Item::Damaged(d)));
                }
                Header::Cut(fields) => {
                    // Drop the partial header left in the unit.
                    loop {
                        let n = self.src.fill(64 * 1024)?.len();
                        if n == 0 {
                            break;
                        }
                        self.src.consume(n);
                    }
                    let reason = self.src.take_damage().map(|d| d.reason).unwrap_or_else(|| {
                        "truncated: the input ends inside the record header".to_string()
                    });
                    return Ok(Some(Item::Damaged(damaged(offset, &fields, reason))));
                }
                Header::Fields(version, headers) => {
                    let item = match self.read_block(offset, version, headers)? {
                        Item::Record(r) => match self.unit_damage()? {
                            Some(u) => Item::Damaged(damaged(offset, &r.headers, u.reason)),
                            None => Item::Record(r),
                        },
                        Item::Damaged(d) => Item::Damaged(self.settle(d)?),
                    };
                    return Ok(Some(item));
                }
            }
        }
    }

    /// If the gzip member (zstd frame) ends here, whether it was corrupt: a
    /// record read from a member that fails its CRC (a frame that fails to
    /// decode to its end) is damaged, however it looked.
    fn unit_damage(&mut self) -> io::Result<Option<Damage>> {
        if self.src.multi_unit() && self.src.fill(1)?.is_empty() {
            return Ok(self.src.take_damage());
        }
        Ok(None)
    }

    /// A damaged record in a corrupt member or frame is one report, not two.
    fn settle(&mut self, mut d: Damage) -> io::Result<Damage> {
        if let Some(u) = self.unit_damage()? {
            d.reason = format!("{} ({})", u.reason, d.reason);
        }
        Ok(d)
    }

    /// One line, without its end.
    fn read_line(&mut self, budget: &mut usize) -> io::Result<Line> {
        let mut want = 256.min(*budget);
        loop {
            let buf = self.src.fill(want)?;
            if let Some(i) = buf.iter().position(|&b| b == b'\n') {
                let mut line = buf[..i].to_vec();
                self.src.consume(i + 1);
                *budget = budget.saturating_sub(i + 1);
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(Line::Full(line));
            }
            if buf.len() >= *budget {
                return Ok(Line::TooLong);
            }
            if buf.len() < want {
                return Ok(Line::End);
            }
            want = (buf.len() * 2).min(*budget);
        }
    }

    fn read_header(&mut self) -> io::Result<Header> {
        let mut budget = MAX_HEADER;
        let first = match self.read_line(&mut budget)? {
            Line::Full(l) => l,
            Line::End => return Ok(Header::Cut(Vec::new())),
            Line::TooLong => {
                let skipped = self.skip_to_record(false)?;
                return Ok(Header::NotARecord(format!(
                    "{skipped} bytes that are not a WARC record skipped"
                )));
            }
        };
        if !first.starts_with(b"WARC/") {
            let skipped = first.len() as u64 + 1 + self.skip_to_record(true)?;
            return Ok(Header::NotARecord(format!(
                "{skipped} bytes that are not a WARC record skipped"
            )));
        }
        let version = String::from_utf8_lossy(&first).trim().to_string();
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.read_line(&mut budget)? {
                Line::Full(l) => l,
                Line::TooLong => {
                    self.skip_to_record(false)?;
                    return Ok(Header::NotARecord(
                        "a record header longer than 256 KiB; skipped to the next record"
                            .to_string(),
                    ));
                }
                Line::End => return Ok(Header::Cut(fields)),
            };
            if line.is_empty() {
                return Ok(Header::Fields(version, fields));
            }
            let text = String::from_utf8_lossy(&line);
            if line[0] == b' ' || line[0] == b'\t' {
                // A continuation line (WARC/1.0 allows folding).
                if let Some((_, v)) = fields.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((n, v)) => fields.push((n.trim().to_string(), v.trim().to_string())),
                None => fields.push((text.trim().to_string(), String::new())),
            }
        }
    }

    /// Consume bytes up to the next line that starts a WARC record, or the
    /// end of the unit. Returns how many bytes were skipped.
    fn skip_to_record(&mut self, line_start: bool) -> io::Result<u64> {
        const MARK: &[u8] = b"\nWARC/";
        let mut skipped = 0u64;
        // Right after a line end, the next record may start at once.
        if self.src.fill(5)?.starts_with(b"WARC/") && line_start {
            return Ok(0);
        }
        loop {
            let buf = self.src.fill(64 * 1024)?;
            let len = buf.len();
            if let Some(i) = find(buf, MARK) {
                self.src.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            if len < 64 * 1024 {
                self.src.consume(len);
                return Ok(skipped + len as u64);
            }
            let keep = MARK.len() - 1;
            self.src.consume(len - keep);
            skipped += (len - keep) as u64;
        }
    }

    fn read_block(
        &mut self,
        offset: u64,
        version: String,
        headers: Vec<(String, String)>,
    ) -> io::Result<Item> {
        let declared = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.trim().parse::<u64>());
        let length = match declared {
            Some(Ok(n)) => n,
            Some(Err(_)) | None => {
                self.skip_to_record(false)?;
                return Ok(Item::Damaged(damaged(
                    offset,
                    &headers,
                    "no valid Content-Length; skipped to the next record".to_string(),
                )));
            }
        };
        let keep_max = self.max_block as u64;
        let mut block = Vec::with_capacity(length.min(keep_max).min(4 << 20) as usize);
        let mut remaining = length;
        let mut truncated = false;
        while remaining > 0 {
            let buf = self.src.fill(1)?;
            if buf.is_empty() {
                if let Some(d) = self.src.take_damage() {
                    return Ok(Item::Damaged(damaged(offset, &headers, d.reason)));
                }
                let got = length - remaining;
                if !self.src.multi_unit() || !self.src.next_unit()? {
                    return Ok(Item::Damaged(damaged(
                        offset,
                        &headers,
                        format!("truncated: the input ends {got} bytes into a block of {length}"),
                    )));
                }
                // The gzip member (zstd frame) ended inside the block. If the
                // next one starts a record, the Content-Length lied; else the
                // record goes on in the next one (allowed, if unusual).
                if self.src.fill(8)?.starts_with(b"WARC/") {
                    return Ok(Item::Damaged(damaged(
                        offset,
                        &headers,
                        format!(
                            "Content-Length says {length} bytes but the {} ends after {got}",
                            self.src.unit_name()
                        ),
                    )));
                }
                continue;
            }
            let take = (buf.len() as u64).min(remaining) as usize;
            let room = (keep_max - block.len() as u64).min(take as u64) as usize;
            block.extend_from_slice(&buf[..room]);
            truncated |= room < take;
            self.src.consume(take);
            remaining -= take as u64;
        }
        // The block ends with CRLF CRLF; anything else means the
        // Content-Length did not fit the record.
        let end = self.src.fill(4)?;
        if end.starts_with(b"\r\n\r\n") {
            self.src.consume(4);
        } else if end.len() < 4 && end.iter().all(|&b| b == b'\r' || b == b'\n') {
            // The unit ends right after the block (a damage report, if any,
            // concerns what follows): accepted as the record's end.
            let n = end.len();
            self.src.consume(n);
        } else {
            // Too long: the block swallowed the start of the next record;
            // give it back. Too short: skip to the next record.
            match find(&block, b"\r\n\r\nWARC/") {
                Some(i) if !truncated => self.src.unread(&block[i + 4..]),
                _ => {
                    self.skip_to_record(false)?;
                }
            }
            return Ok(Item::Damaged(damaged(
                offset,
                &headers,
                format!(
                    "Content-Length {length} does not match the record: no record end after the block"
                ),
            )));
        }
        Ok(Item::Record(Record {
            offset,
            version,
            headers,
            content_length: length,
            block,
            truncated,
        }))
    }
}

impl Iterator for Reader {
    type Item = io::Result<Item>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_item()
    }
}

fn damaged(offset: u64, fields: &[(String, String)], reason: String) -> Damage {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    Damage {
        offset,
        record_id: get("WARC-Record-ID").map(str::to_string),
        target_uri: get("WARC-Target-URI").map(|u| strip_angles(u).to_string()),
        reason,
    }
}
