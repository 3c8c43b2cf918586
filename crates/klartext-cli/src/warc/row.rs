//! One output row per WARC record: the record's identity, its HTTP facts,
//! the Document's fields and an error column. The column list is fixed and
//! the same in every output format (JSON Lines, Parquet); see README.md.

use serde_json::Value;

/// The record columns, before the Document's.
pub const RECORD_COLUMNS: &[&str] = &[
    "warc_file",
    "warc_offset",
    "warc_record_id",
    "warc_type",
    "url",
    "warc_date",
    "http_status",
    "content_type",
    "charset",
];

/// The Document's fields in output order (its `url` is the record's `url`).
pub const DOC_COLUMNS: &[&str] = &[
    "lang",
    "site_name",
    "kicker",
    "title",
    "teaser",
    "authors",
    "published",
    "modified",
    "dateline",
    "agency",
    "description",
    "image",
    "canonical_url",
    "tags",
    "categories",
    "page_type",
    "blocks",
    "text",
    "comments",
    "comment_count",
    "encoding",
    "extracted_by",
];

/// The last column.
pub const ERROR_COLUMN: &str = "error";

/// One record's row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The input file (as given on the command line; `-` for stdin).
    pub warc_file: String,
    /// The record's offset (the gzip member's for .warc.gz, the zstd
    /// frame's for .warc.zst).
    pub warc_offset: u64,
    pub warc_record_id: Option<String>,
    pub warc_type: Option<String>,
    /// WARC-Target-URI.
    pub url: Option<String>,
    pub warc_date: Option<String>,
    pub http_status: Option<u16>,
    /// The payload's media type (HTTP Content-Type, or the record's).
    pub content_type: Option<String>,
    /// The charset the Content-Type declares.
    pub charset: Option<String>,
    /// The extraction, when there was one.
    pub doc: Option<klartext::Document>,
    /// Why there is no extraction: a damaged record, a decoding or engine error.
    pub error: Option<String>,
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

impl Row {
    /// The row as one JSON object on one line, every column present (null
    /// where there is nothing), in column order.
    pub fn to_json_line(&self) -> Result<String, String> {
        let mut fields: Vec<(&str, Value)> = vec![
            ("warc_file", Value::String(self.warc_file.clone())),
            ("warc_offset", Value::from(self.warc_offset)),
            ("warc_record_id", opt(&self.warc_record_id)),
            ("warc_type", opt(&self.warc_type)),
            ("url", opt(&self.url)),
            ("warc_date", opt(&self.warc_date)),
            (
                "http_status",
                self.http_status.map_or(Value::Null, Value::from),
            ),
            ("content_type", opt(&self.content_type)),
            ("charset", opt(&self.charset)),
        ];
        let doc = match &self.doc {
            Some(d) => match serde_json::to_value(d) {
                Ok(Value::Object(map)) => Some(map),
                Ok(_) => return Err("the Document did not serialise to an object".to_string()),
                Err(e) => return Err(format!("cannot serialise the Document: {e}")),
            },
            None => None,
        };
        for &col in DOC_COLUMNS {
            let v = doc
                .as_ref()
                .and_then(|m| m.get(col).cloned())
                .unwrap_or(Value::Null);
            fields.push((col, v));
        }
        fields.push((ERROR_COLUMN, opt(&self.error)));
        let mut line =
            String::with_capacity(256 + self.doc.as_ref().map_or(0, |d| d.text.len() * 2 + 64));
        line.push('{');
        for (i, (k, v)) in fields.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push('"');
            line.push_str(k);
            line.push_str("\":");
            line.push_str(&v.to_string());
        }
        line.push('}');
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new Document field must be given a column (here and in Parquet).
    #[test]
    fn every_document_field_has_a_column() {
        let v = serde_json::to_value(klartext::Document::default()).unwrap();
        let mut fields: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        fields.retain(|f| *f != "url");
        fields.sort_unstable();
        let mut cols = DOC_COLUMNS.to_vec();
        cols.sort_unstable();
        assert_eq!(fields, cols);
    }

    #[test]
    fn json_rows_carry_every_column_in_order() {
        let row = Row {
            warc_file: "a.warc.gz".into(),
            warc_offset: 7,
            url: Some("https://e.org/".into()),
            doc: Some(klartext::Document {
                title: Some("T".into()),
                authors: vec!["A".into()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let line = row.to_json_line().unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["title"], "T");
        assert_eq!(v["authors"][0], "A");
        assert_eq!(v["warc_offset"], 7);
        assert!(v["error"].is_null());
        let n = RECORD_COLUMNS.len() + DOC_COLUMNS.len() + 1;
        assert_eq!(v.as_object().unwrap().len(), n);
        assert!(line.starts_with("{\"warc_file\":"));
        // An error row has the same columns.
        let err = Row {
            error: Some("x".into()),
            ..Default::default()
        };
        let v: Value = serde_json::from_str(&err.to_json_line().unwrap()).unwrap();
        assert_eq!(v.as_object().unwrap().len(), n);
    }
}
