//! One WARC record in, one outcome out: a row (extracted or failed) or a
//! skip with its reason. HTML responses go to the HTML engine, WET
//! `conversion` records to text mode, everything else is counted.

use klartext_warc::http::{self, BodyError};
use klartext_warc::{Item, Record};

use super::row::Row;
use crate::guard;

/// Why a record was not extracted (the summary's keys).
pub mod skip {
    pub const WARCINFO: &str = "warcinfo";
    pub const REQUEST: &str = "request";
    pub const METADATA: &str = "metadata";
    pub const REVISIT: &str = "revisit";
    pub const CONTINUATION: &str = "continuation";
    /// A WARC-Type this tool does not know.
    pub const OTHER_TYPE: &str = "other-type";
    /// A response record whose block is not an HTTP response (dns:, ftp:).
    pub const NOT_HTTP: &str = "not-http";
    pub const NON_200: &str = "non-200";
    pub const NON_HTML: &str = "non-html";
    /// The block or the decoded payload is over the size cap.
    pub const TOO_LARGE: &str = "too-large";
}

/// How a record went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Extracted, with article text.
    Extracted,
    /// Extracted, but no article text was found.
    Empty,
    /// A row with an error.
    Failed,
}

#[derive(Debug)]
pub enum Outcome {
    Row(Box<Row>, Status),
    Skipped(&'static str),
}

/// What every record's processing needs to know.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The largest payload extracted, in bytes.
    pub max_size: usize,
    pub include_comments: bool,
}

/// The row fields known before extraction.
pub(crate) fn base_row(file: &str, r: &Record) -> Row {
    Row {
        warc_file: file.to_string(),
        warc_offset: r.offset,
        warc_record_id: r.record_id().map(str::to_string),
        warc_type: Some(r.warc_type()),
        url: r.target_uri().map(str::to_string),
        warc_date: r.date().map(str::to_string),
        ..Default::default()
    }
}

/// `YYYY-MM-DD` from a WARC-Date (`2024-05-06T07:08:09Z`), if it is one.
pub fn day_of(date: &str) -> Option<String> {
    let d = date.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    ok.then(|| d.to_string())
}

pub fn process(file: &str, item: Item, settings: &Settings) -> Outcome {
    let r = match item {
        Item::Record(r) => r,
        Item::Damaged(d) => {
            let row = Row {
                warc_file: file.to_string(),
                warc_offset: d.offset,
                warc_record_id: d.record_id,
                url: d.target_uri,
                error: Some(format!("damaged record: {}", d.reason)),
                ..Default::default()
            };
            return Outcome::Row(Box::new(row), Status::Failed);
        }
    };
    let ty = r.warc_type();
    match ty.as_str() {
        "response" | "resource" | "conversion" => {}
        "warcinfo" => return Outcome::Skipped(skip::WARCINFO),
        "request" => return Outcome::Skipped(skip::REQUEST),
        "metadata" => return Outcome::Skipped(skip::METADATA),
        "revisit" => return Outcome::Skipped(skip::REVISIT),
        "continuation" => return Outcome::Skipped(skip::CONTINUATION),
        _ => return Outcome::Skipped(skip::OTHER_TYPE),
    }
    if r.truncated || r.block.len() > settings.max_size.saturating_add(1 << 20) {
        return Outcome::Skipped(skip::TOO_LARGE);
    }
    let mut row = base_row(file, &r);
    let mut options = klartext::Options {
        url: row.url.clone(),
        include_comments: settings.include_comments,
        reference_date: r.date().and_then(day_of),
        ..Default::default()
    };

    if ty == "conversion" {
        // WET: the page already rendered to text, UTF-8 by the format's rule.
        let (mime, charset) = r.content_type().map(http::media_type).unwrap_or_default();
        row.content_type = (!mime.is_empty()).then_some(mime);
        row.charset = charset;
        options.charset = Some(row.charset.clone().unwrap_or_else(|| "utf-8".to_string()));
        let result = guard::guarded(|| klartext::extract_text_bytes(&r.block, &options));
        return finish(row, result);
    }

    let (body, mime, charset) = if ty == "response" {
        let Some(resp) = http::parse_response(&r.block) else {
            return Outcome::Skipped(skip::NOT_HTTP);
        };
        row.http_status = Some(resp.status);
        if resp.status != 200 {
            return Outcome::Skipped(skip::NON_200);
        }
        let (mime, charset) = resp
            .header("Content-Type")
            .map(http::media_type)
            .unwrap_or_default();
        match http::decode_body(&resp, &r.block, settings.max_size) {
            Ok((body, _notes)) => (body, mime, charset),
            Err(BodyError::TooLarge) => return Outcome::Skipped(skip::TOO_LARGE),
        }
    } else {
        // resource: the block is the payload.
        let (mime, charset) = r.content_type().map(http::media_type).unwrap_or_default();
        (std::borrow::Cow::Borrowed(&r.block[..]), mime, charset)
    };
    let html =
        http::is_html_type(&mime) || (http::is_unknown_type(&mime) && http::sniff_html(&body));
    if !html {
        return Outcome::Skipped(skip::NON_HTML);
    }
    if body.len() > settings.max_size {
        return Outcome::Skipped(skip::TOO_LARGE);
    }
    row.content_type = (!mime.is_empty()).then_some(mime);
    row.charset = charset;
    options.charset = row.charset.clone();
    let result = guard::guarded(|| klartext::extract(&body, &options));
    finish(row, result)
}

fn finish(mut row: Row, result: Result<klartext::Document, String>) -> Outcome {
    match result {
        Ok(doc) => {
            let status = if doc.text.trim().is_empty() {
                Status::Empty
            } else {
                Status::Extracted
            };
            row.doc = Some(doc);
            Outcome::Row(Box::new(row), status)
        }
        Err(e) => {
            row.error = Some(e);
            Outcome::Row(Box::new(row), Status::Failed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use klartext_warc::writer::OutRecord;

    fn settings() -> Settings {
        Settings {
            max_size: 1 << 20,
            include_comments: false,
        }
    }

    fn record(o: OutRecord) -> Item {
        let bytes = o.to_bytes();
        let mut reader = klartext_warc::Reader::new(std::io::Cursor::new(bytes), 1 << 22).unwrap();
        reader.next_item().unwrap().unwrap()
    }

    const PAGE: &[u8] = b"<html><head><title>Hello</title></head><body><article><p>A paragraph long enough to be the article text of this small page, with a comma.</p></article></body></html>";

    #[test]
    fn reasons() {
        let s = settings();
        let resp = |status, ct: &str, body: &[u8]| {
            record(OutRecord::response(
                1,
                "https://e.org/",
                status,
                &[("Content-Type", ct)],
                body,
            ))
        };
        assert!(matches!(
            process("f", resp(404, "text/html", PAGE), &s),
            Outcome::Skipped(skip::NON_200)
        ));
        assert!(matches!(
            process("f", resp(200, "image/png", b"\x89PNG"), &s),
            Outcome::Skipped(skip::NON_HTML)
        ));
        assert!(matches!(
            process(
                "f",
                record(OutRecord::new(
                    "request",
                    2,
                    b"GET / HTTP/1.1\r\n\r\n".to_vec()
                )),
                &s
            ),
            Outcome::Skipped(skip::REQUEST)
        ));
        match process("f", resp(200, "application/octet-stream", PAGE), &s) {
            Outcome::Row(row, Status::Extracted) => {
                assert_eq!(row.doc.unwrap().title.as_deref(), Some("Hello"));
                assert_eq!(row.http_status, Some(200));
                assert_eq!(row.url.as_deref(), Some("https://e.org/"));
            }
            other => panic!("{other:?}"),
        }
        let small = Settings {
            max_size: 10,
            ..settings()
        };
        assert!(matches!(
            process("f", resp(200, "text/html", PAGE), &small),
            Outcome::Skipped(skip::TOO_LARGE)
        ));
    }

    #[test]
    fn days() {
        assert_eq!(
            day_of("2024-05-06T07:08:09Z").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(day_of("20240506"), None);
        assert_eq!(day_of("2024-0"), None);
    }
}
