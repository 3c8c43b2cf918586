//! A small WARC/1.1 writer: enough to build test files and benchmark inputs
//! (one gzip member per record, as Common Crawl writes them).

use std::io::{self, Write};

use flate2::write::GzEncoder;

/// A record before serialisation.
#[derive(Debug, Clone)]
pub struct OutRecord {
    pub warc_type: String,
    pub record_id: String,
    pub target_uri: Option<String>,
    pub date: String,
    pub content_type: Option<String>,
    /// More header fields, after the standard ones.
    pub extra: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl OutRecord {
    /// A record with a record ID made from `n` (unique per `n`).
    pub fn new(warc_type: &str, n: u64, block: Vec<u8>) -> OutRecord {
        OutRecord {
            warc_type: warc_type.to_string(),
            record_id: record_id(n),
            target_uri: None,
            date: "2024-05-06T07:08:09Z".to_string(),
            content_type: None,
            extra: Vec::new(),
            block,
        }
    }

    /// An HTTP response record for `uri` with the given status, headers and body.
    pub fn response(
        n: u64,
        uri: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> OutRecord {
        let mut r = OutRecord::new("response", n, http_response(status, headers, body));
        r.target_uri = Some(uri.to_string());
        r.content_type = Some("application/http; msgtype=response".to_string());
        r
    }

    /// The record serialised with the given `Content-Length` (`None`: the
    /// true length; a lie makes damaged test files).
    pub fn to_bytes_with_length(&self, content_length: Option<u64>) -> Vec<u8> {
        let mut h = String::new();
        h.push_str("WARC/1.1\r\n");
        h.push_str(&format!("WARC-Type: {}\r\n", self.warc_type));
        h.push_str(&format!("WARC-Record-ID: {}\r\n", self.record_id));
        h.push_str(&format!("WARC-Date: {}\r\n", self.date));
        if let Some(u) = &self.target_uri {
            h.push_str(&format!("WARC-Target-URI: {u}\r\n"));
        }
        if let Some(c) = &self.content_type {
            h.push_str(&format!("Content-Type: {c}\r\n"));
        }
        for (k, v) in &self.extra {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        let len = content_length.unwrap_or(self.block.len() as u64);
        h.push_str(&format!("Content-Length: {len}\r\n\r\n"));
        let mut out = h.into_bytes();
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_with_length(None)
    }
}

/// `<urn:uuid:…>` made from a number.
pub fn record_id(n: u64) -> String {
    format!(
        "<urn:uuid:{:08x}-0000-4000-8000-{:012x}>",
        (n >> 48) as u32,
        n & 0xffff_ffff_ffff
    )
}

/// An HTTP/1.1 response: status line, headers, blank line, body.
pub fn http_response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// `bytes` as one gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(6),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Writes records, each as its own gzip member when `gzip` is set.
pub struct Writer<W: Write> {
    out: W,
    gzip: bool,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, gzip: bool) -> Self {
        Writer { out, gzip }
    }
    pub fn write(&mut self, record: &OutRecord) -> io::Result<()> {
        let bytes = record.to_bytes();
        if self.gzip {
            self.out.write_all(&gzip(&bytes))
        } else {
            self.out.write_all(&bytes)
        }
    }
    /// Raw bytes (damage, in tests).
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }
    pub fn get_ref(&self) -> &W {
        &self.out
    }
    pub fn into_inner(self) -> W {
        self.out
    }
}
