//! Reading one page: file or stdin, gzip inflation, and the check that the
//! bytes are HTML at all, with error messages a user can act on.

use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// Largest page we inflate from gzip; a guard against decompression bombs.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;

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
pub fn read_page_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let raw = std::fs::read(path).map_err(InputError::Read)?;
    prepare(raw, named_gz(path))
}

/// Read a page from standard input.
pub fn read_page_stdin() -> Result<Vec<u8>, InputError> {
    let mut raw = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut raw)
        .map_err(InputError::Read)?;
    prepare(raw, false)
}

/// Inflate gzip data (when named .gz, or when the bytes start with the gzip
/// magic, as pages saved from a compressed HTTP response do) and check that
/// the result is HTML.
pub fn prepare(raw: Vec<u8>, named_gz: bool) -> Result<Vec<u8>, InputError> {
    let html = if is_gzip(&raw) {
        inflate(&raw)?
    } else if named_gz {
        return Err(InputError::Gzip(
            "it is named .gz but is not gzip data — rename it to .html if it is a plain page"
                .to_string(),
        ));
    } else {
        raw
    };
    match sniff_binary(&html) {
        Some(kind) => Err(InputError::NotHtml(kind)),
        None => Ok(html),
    }
}

fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08
}

fn inflate(raw: &[u8]) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::with_capacity(raw.len().saturating_mul(4));
    let mut decoder = MultiGzDecoder::new(raw).take(MAX_INFLATED + 1);
    decoder.read_to_end(&mut out).map_err(|e| {
        InputError::Gzip(format!(
            "{} — the gzip data is corrupt or truncated",
            describe_io(&e, false)
        ))
    })?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(InputError::Gzip(format!(
            "it inflates to more than {} MiB, too large for a web page",
            MAX_INFLATED >> 20
        )));
    }
    Ok(out)
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
        assert_eq!(prepare(gzip(&page), true).unwrap(), page);
        assert_eq!(prepare(gzip(&page), false).unwrap(), page);
        assert_eq!(prepare(page.clone(), false).unwrap(), page);
    }

    #[test]
    fn bad_gzip_is_an_error() {
        assert!(matches!(
            prepare(b"<html>".to_vec(), true),
            Err(InputError::Gzip(_))
        ));
        let mut truncated = gzip(&[b'a'; 10_000]);
        truncated.truncate(truncated.len() / 2);
        let err = prepare(truncated, true).unwrap_err();
        assert!(err.message("'x.html.gz'").contains("corrupt or truncated"));
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
