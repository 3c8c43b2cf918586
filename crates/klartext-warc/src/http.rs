//! The HTTP layer of a `response` record: status line, headers, and the
//! payload with its transfer and content encodings undone.
//!
//! Crawlers differ in what they store: the bytes as sent (chunked, gzip) or
//! already decoded, sometimes with the original headers kept. Every decoding
//! step therefore checks that the bytes really are in that encoding and
//! leaves them as they are otherwise.

use std::borrow::Cow;
use std::io::Read;

/// The head of an HTTP response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Where the body starts in the record block.
    pub body_start: usize,
}

/// Longest HTTP head searched for its end.
const MAX_HEAD: usize = 256 * 1024;

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parse the status line and headers at the start of a record block.
/// `None` if it does not start with an HTTP status line or has no head end.
pub fn parse_response(block: &[u8]) -> Option<Response> {
    let head = &block[..block.len().min(MAX_HEAD)];
    let (head_len, body_start) = head_end(head)?;
    let text = String::from_utf8_lossy(&head[..head_len]);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next()?;
    let rest = status_line.strip_prefix("HTTP/")?;
    let mut parts = rest.split_ascii_whitespace();
    let _version = parts.next()?;
    let status: u16 = parts.next()?.get(..3)?.parse().ok()?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    Some(Response {
        status,
        headers,
        body_start,
    })
}

/// The end of the head: (length of the head, start of the body). CRLF CRLF,
/// or LF LF from sloppy servers.
fn head_end(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(j) = b[i..].iter().position(|&c| c == b'\n') {
        let at = i + j;
        let next = &b[at + 1..];
        if next.starts_with(b"\r\n") {
            return Some((at, at + 3));
        }
        if next.starts_with(b"\n") {
            return Some((at, at + 2));
        }
        i = at + 1;
    }
    None
}

/// A media type and its charset, from a `Content-Type` value:
/// `("text/html", Some("utf-8"))` from `text/html; charset="UTF-8"`.
pub fn media_type(content_type: &str) -> (String, Option<String>) {
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = v.trim().trim_matches(['"', '\'']).trim();
        (!v.is_empty()).then(|| v.to_ascii_lowercase())
    });
    (mime, charset)
}

/// Media types read as HTML.
pub fn is_html_type(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Media types that say nothing about the content, so sniffing decides.
pub fn is_unknown_type(mime: &str) -> bool {
    matches!(
        mime,
        "" | "application/octet-stream" | "unknown/unknown" | "application/unknown" | "*/*"
    )
}

/// Tags whose appearance at the start of a body marks HTML (after the WHATWG
/// MIME sniffing rules, "identify an unknown MIME type").
const HTML_OPENERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
    b"<meta",
];

/// Does this body look like HTML (for records without a useful type)?
pub fn sniff_html(body: &[u8]) -> bool {
    let mut b = body;
    if b.starts_with(&[0xef, 0xbb, 0xbf]) {
        b = &b[3..];
    }
    let start = b
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        .unwrap_or(b.len());
    let b = &b[start..];
    HTML_OPENERS.iter().any(|tag| {
        b.len() > tag.len()
            && b[..tag.len()].eq_ignore_ascii_case(tag)
            && (tag == b"<!--" || matches!(b[tag.len()], b' ' | b'>'))
    })
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// It decodes to more than the cap.
    TooLarge,
}

/// The body of a response with chunked transfer and content encodings
/// undone, up to `cap` bytes. Steps whose bytes are not in the declared
/// encoding are skipped (crawlers often store the decoded body); a body cut
/// short (crawlers truncate long ones) yields what decodes. The notes say
/// what was done or skipped.
pub fn decode_body<'a>(
    response: &Response,
    block: &'a [u8],
    cap: usize,
) -> Result<(Cow<'a, [u8]>, Vec<String>), BodyError> {
    let mut notes = Vec::new();
    let raw = block.get(response.body_start..).unwrap_or(&[]);
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    // A plain body is the block's own bytes, not a copy.
    let mut body: Cow<'a, [u8]> = if chunked {
        match dechunk(raw) {
            Some(b) => Cow::Owned(b),
            None => {
                notes.push("declared chunked but is not; read as is".to_string());
                Cow::Borrowed(raw)
            }
        }
    } else {
        Cow::Borrowed(raw)
    };
    if let Some(enc) = response.header("Content-Encoding") {
        // Encodings apply in order; undo them last first.
        let encodings: Vec<String> = enc
            .split(',')
            .map(|e| e.trim().to_ascii_lowercase())
            .filter(|e| !e.is_empty() && e != "identity")
            .collect();
        for e in encodings.iter().rev() {
            match decode_one(e, &body, cap) {
                Decoded::Done(b) => body = Cow::Owned(b),
                Decoded::Partial(b, why) => {
                    notes.push(format!("{e} content cut short ({why}); kept what decodes"));
                    body = Cow::Owned(b);
                }
                Decoded::NotEncoded => {
                    notes.push(format!("declared {e} but is not; read as is"));
                }
                Decoded::TooLarge => return Err(BodyError::TooLarge),
                Decoded::Unknown => notes.push(format!("unknown content encoding '{e}'")),
            }
        }
    }
    if body.len() > cap {
        return Err(BodyError::TooLarge);
    }
    Ok((body, notes))
}

enum Decoded {
    Done(Vec<u8>),
    Partial(Vec<u8>, String),
    NotEncoded,
    TooLarge,
    Unknown,
}

fn decode_one(encoding: &str, body: &[u8], cap: usize) -> Decoded {
    match encoding {
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Decoded::NotEncoded;
            }
            read_capped(flate2::read::MultiGzDecoder::new(body), cap)
        }
        "deflate" => {
            // zlib-wrapped as the RFC says, or raw deflate as some servers send.
            let zlib = body.len() >= 2
                && body[0] & 0x0f == 8
                && u16::from_be_bytes([body[0], body[1]]) % 31 == 0;
            if zlib {
                read_capped(flate2::read::ZlibDecoder::new(body), cap)
            } else {
                match read_capped(flate2::read::DeflateDecoder::new(body), cap) {
                    Decoded::Partial(b, _) if b.is_empty() => Decoded::NotEncoded,
                    d => d,
                }
            }
        }
        "br" => match read_capped(brotli_decompressor::Decompressor::new(body, 64 * 1024), cap) {
            Decoded::Partial(b, _) if b.is_empty() => Decoded::NotEncoded,
            d => d,
        },
        "zstd" => {
            if !body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
                return Decoded::NotEncoded;
            }
            match zstd::stream::read::Decoder::new(body) {
                Ok(d) => read_capped(d, cap),
                Err(_) => Decoded::NotEncoded,
            }
        }
        _ => Decoded::Unknown,
    }
}

/// Read a decoder to its end, or to `cap` bytes; an error keeps what came out.
fn read_capped(r: impl Read, cap: usize) -> Decoded {
    let mut out = Vec::new();
    let limit = cap as u64 + 1;
    match r.take(limit).read_to_end(&mut out) {
        Ok(_) if out.len() > cap => Decoded::TooLarge,
        Ok(_) => Decoded::Done(out),
        Err(e) => Decoded::Partial(out, e.to_string()),
    }
}

/// Undo chunked transfer coding. `None` if the bytes do not start as chunks;
/// chunks cut short end the body where they stop.
pub fn dechunk(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    let mut first = true;
    loop {
        let line_end = match raw[at..].iter().position(|&b| b == b'\n') {
            Some(i) => at + i,
            None if first => return None,
            None => return Some(out),
        };
        let line = String::from_utf8_lossy(&raw[at..line_end]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = match usize::from_str_radix(size_text, 16) {
            Ok(s) if !size_text.is_empty() && size_text.len() <= 16 => s,
            _ if first => return None,
            // Garbage after good chunks: the body ends here.
            _ => return Some(out),
        };
        first = false;
        if size == 0 {
            return Some(out);
        }
        let start = line_end + 1;
        let end = start.saturating_add(size).min(raw.len());
        out.extend_from_slice(&raw[start..end]);
        if end == raw.len() {
            return Some(out);
        }
        at = end;
        // The CRLF after the chunk data.
        while at < raw.len() && (raw[at] == b'\r' || raw[at] == b'\n') && at < end + 2 {
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_headers_and_body() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nX-A: 1\r\n\r\n<p>x";
        let r = parse_response(block).unwrap();
        assert_eq!(r.status, 404);
        assert_eq!(&block[r.body_start..], b"<p>x");
        let (m, c) = media_type(r.header("content-type").unwrap());
        assert_eq!(
            (m.as_str(), c.as_deref()),
            ("text/html", Some("iso-8859-1"))
        );
        assert!(parse_response(b"<html>").is_none());
        assert_eq!(parse_response(b"HTTP/2 200\n\nbody").unwrap().status, 200);
    }

    #[test]
    fn chunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert_eq!(dechunk(b"<html>"), None);
        // Cut short: what arrived.
        assert_eq!(dechunk(b"4\r\nWi").unwrap(), b"Wi");
    }

    #[test]
    fn sniffing() {
        assert!(sniff_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
        assert!(sniff_html(b"<html lang=en>"));
        assert!(!sniff_html(b"%PDF-1.4"));
        assert!(!sniff_html(b"<abbr>"));
        assert!(!sniff_html(b"{\"a\": 1}"));
    }

    #[test]
    fn encodings_checked_before_decoding() {
        let r = Response {
            status: 200,
            headers: vec![("Content-Encoding".into(), "gzip".into())],
            body_start: 0,
        };
        let (b, notes) = decode_body(&r, b"<html>plain</html>", 1000).unwrap();
        assert_eq!(&*b, b"<html>plain</html>");
        assert!(matches!(b, Cow::Borrowed(_)), "a plain body is not copied");
        assert_eq!(notes.len(), 1);
        let r = Response {
            headers: vec![("Content-Encoding".into(), "deflate".into())],
            ..r
        };
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, b"<p>zlib</p>").unwrap();
        let block = z.finish().unwrap();
        let (b, _) = decode_body(&r, &block, 1000).unwrap();
        assert_eq!(&*b, b"<p>zlib</p>");
    }
}
