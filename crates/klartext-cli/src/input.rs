//! Reading one page: file or stdin, gzip inflation, and the check that the
//! bytes are HTML at all, with error messages a user can act on.

use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// Why a page could not be turned into HTML bytes.
#[derive(Debug)]
pub enum InputError {
    /// The file (or stdin) could not be read.
    Read(io::Error),
    /// gzip data (by name or by content) that does not inflate.
    Gzip(String),
    /// Readable bytes that are not an HTML page.
    NotHtml(&'static str),
}

impl InputError {
    /// The message for `klartext: {message}` on stderr; `what` names the input.
    pub fn message(&self, what: &str) -> String {
        match self {
            InputError::Read(e) => format!("cannot read {what}: {}", describe_io(e, false)),
            InputError::Gzip(why) => format!("cannot decompress {what}: {why}"),
            InputError::NotHtml(kind) => format!(
                "{what} is not HTML: it looks like {kind} — klartext reads HTML pages (.html, .htm, .html.gz)"
            ),
        }
    }
}

/// A human sentence for an I/O error, without Rust's "(os error N)" suffix,
/// followed by what to do about it.
pub fn describe_io(e: &io::Error, folder: bool) -> String {
    let base = e.to_string();
    let base = match base.find(" (os error") {
        Some(i) => base[..i].to_string(),
        None => base,
    };
    let hint = match e.kind() {
        io::ErrorKind::NotFound => " — check the path",
        io::ErrorKind::PermissionDenied if folder => " — check the folder's permissions",
        io::ErrorKind::PermissionDenied => " — check the file's permissions",
        io::ErrorKind::IsADirectory => {
            " — use 'klartext batch FOLDER' to extract the pages in a folder"
        }
        _ => "",
    };
    format!("{base}{hint}")
}

/// Does this file name say gzip?
pub fn named_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Read a page file: inflate it if it is gzip, then check that it is HTML.
/// At most `max_bytes + 1` bytes of the page are read (see [`read_page`]).
pub fn read_page_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, InputError> {
    let file = std::fs::File::open(path).map_err(InputError::Read)?;
    read_page(file, named_gz(path), max_bytes)
}

/// Read a page from standard input (at most `max_bytes + 1` bytes of it).
pub fn read_page_stdin(max_bytes: usize) -> Result<Vec<u8>, InputError> {
    read_page(io::stdin().lock(), false, max_bytes)
}

/// Read a page from `source`, inflating it while reading when it is gzip
/// (by name or by its first bytes), and check that it is HTML.
///
/// Reading stops after `max_bytes + 1` bytes of the page (inflated bytes
/// for gzip): the engine reads no more than `max_bytes` (`--max-bytes`)
/// and marks a longer page partial, so a 10 GB file or a gzip bomb costs
/// no more than that in memory and time.
pub fn read_page(
    source: impl Read,
    named_gz: bool,
    max_bytes: usize,
) -> Result<Vec<u8>, InputError> {
    let limit = (max_bytes as u64).saturating_add(1);
    let mut source = io::BufReader::new(source);
    let mut magic = Vec::with_capacity(3);
    (&mut source)
        .take(3)
        .read_to_end(&mut magic)
        .map_err(InputError::Read)?;
    let stream = magic.as_slice().chain(source);
    let mut page = Vec::new();
    if is_gzip(&magic) {
        MultiGzDecoder::new(stream)
            .take(limit)
            .read_to_end(&mut page)
            .map_err(|e| {
                InputError::Gzip(format!(
                    "{} — the gzip data is corrupt or truncated",
                    describe_io(&e, false)
                ))
            })?;
    } else if named_gz {
        return Err(not_gzip());
    } else {
        stream
            .take(limit)
            .read_to_end(&mut page)
            .map_err(InputError::Read)?;
    }
    match sniff_binary(&page) {
        Some(kind) => Err(InputError::NotHtml(kind)),
        None => Ok(page),
    }
}

fn not_gzip() -> InputError {
    InputError::Gzip(
        "it is named .gz but is not gzip data — rename it to .html if it is a plain page"
            .to_string(),
    )
}

fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08
}

/// Known binary formats by their first bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an Office/EPUB file)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "gzip data compressed twice"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office document",
    ),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"OggS", "Ogg audio or video"),
    (b"\x00asm", "WebAssembly"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"WARC/", "a WARC archive (extract its records first)"),
];

/// `Some(what it looks like)` if the bytes are clearly not an HTML page:
/// a known binary signature, or mostly NUL/control bytes. Empty input and
/// UTF-16 text (with or without a byte order mark) pass.
pub fn sniff_binary(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\xef\xbb\xbf") || b.starts_with(b"\xff\xfe") || b.starts_with(b"\xfe\xff") {
        return None;
    }
    for (magic, kind) in MAGIC {
        if b.starts_with(magic) {
            return Some(kind);
        }
    }
    if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return Some("an MP4/QuickTime video or HEIC image");
    }
    let sample = &b[..b.len().min(4096)];
    if sample.is_empty() || looks_like_utf16(sample) {
        return None;
    }
    let nul = sample.iter().filter(|&&c| c == 0).count();
    let control = sample
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    // Real pages have next to no control bytes; random binary data has ~10 %.
    if nul * 50 > sample.len() || control * 20 > sample.len() {
        return Some("binary data (many NUL or control bytes)");
    }
    None
}

/// UTF-16 text without a byte order mark: NULs at every other position.
fn looks_like_utf16(sample: &[u8]) -> bool {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &c) in sample.iter().enumerate() {
        if c == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = sample.len() / 2;
    pairs >= 8 && (even.max(odd) * 10 >= pairs * 7) && even.min(odd) * 20 <= even.max(odd)
}

/// A page named on the command line (`-` is standard input), read with its
/// kind decided: the `--as` choice, else the file name's (stdin is HTML).
/// Returns the bytes, the kind and how to name the input in messages, or the
/// message to report.
pub fn read_named(
    path: &Path,
    max_bytes: usize,
    kind: Option<crate::args::InputKind>,
) -> Result<(Vec<u8>, crate::args::InputKind, String), String> {
    let stdin = path.as_os_str() == "-";
    let what = if stdin {
        "standard input".to_string()
    } else {
        format!("'{}'", path.display())
    };
    let bytes = if stdin {
        read_page_stdin(max_bytes)
    } else {
        read_page_file(path, max_bytes)
    };
    let bytes = bytes.map_err(|e| e.message(&what))?;
    let kind = kind.unwrap_or(if stdin {
        crate::args::InputKind::Html
    } else {
        crate::args::InputKind::guess(path)
    });
    Ok((bytes, kind, what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(b: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn html_passes() {
        assert_eq!(sniff_binary(b"<!doctype html><p>Hi</p>"), None);
        assert_eq!(sniff_binary(b""), None);
        assert_eq!(sniff_binary(b"\xef\xbb\xbf<html>"), None);
    }

    #[test]
    fn utf16_passes() {
        let le: Vec<u8> = "<html><body><p>Hallo Welt</p></body></html>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff_binary(&le), None);
        let be: Vec<u8> = "<html><body><p>Hallo Welt</p></body></html>"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(sniff_binary(&be), None);
    }

    #[test]
    fn binaries_are_named() {
        assert_eq!(
            sniff_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(sniff_binary(b"%PDF-1.7\n"), Some("a PDF document"));
        assert!(sniff_binary(b"PK\x03\x04\x14\0").unwrap().contains("zip"));
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(sniff_binary(&junk).is_some());
        assert!(sniff_binary(&[0u8; 100]).is_some());
    }

    #[test]
    fn gzip_is_inflated_by_name_or_magic() {
        let page = b"<html><p>compressed</p></html>".to_vec();
        assert_eq!(read_page(&gzip(&page)[..], true, 1000).unwrap(), page);
        assert_eq!(read_page(&gzip(&page)[..], false, 1000).unwrap(), page);
        assert_eq!(read_page(&page[..], false, 1000).unwrap(), page);
    }

    #[test]
    fn bad_gzip_is_an_error() {
        assert!(matches!(
            read_page(&b"<html>"[..], true, 1000),
            Err(InputError::Gzip(_))
        ));
        let mut truncated = gzip(&[b'a'; 10_000]);
        truncated.truncate(truncated.len() / 2);
        let err = read_page(&truncated[..], true, 1_000_000).unwrap_err();
        assert!(err.message("'x.html.gz'").contains("corrupt or truncated"));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let page = b"<html><p>0123456789</p></html>";
        let read = read_page(&page[..], false, 10).unwrap();
        assert_eq!(read, &page[..11]);
        let read = read_page(&gzip(page)[..], true, 10).unwrap();
        assert_eq!(read, &page[..11]);
        assert_eq!(read_page(&page[..], false, 1000).unwrap(), page);
        assert!(matches!(
            read_page(&page[..], true, 1000),
            Err(InputError::Gzip(_))
        ));
    }

    #[test]
    fn io_messages_drop_os_error_codes() {
        let e = std::fs::read("/definitely/not/here.html").unwrap_err();
        assert_eq!(
            describe_io(&e, false),
            "No such file or directory — check the path"
        );
    }
}
