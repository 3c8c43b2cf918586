//! One output row per WARC record: the record's identity, its HTTP facts,
//! the Document's fields and an error column. The column list is fixed and
//! the same in every output format (JSON Lines, Parquet); see README.md.

use serde::ser::{Serialize, SerializeMap, Serializer};

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
    "partial",
    "warnings",
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

impl Row {
    /// The row as one JSON object on one line, every column present (null
    /// where there is nothing), in column order. Serialised straight from
    /// the row and its Document, without an intermediate JSON tree.
    pub fn to_json_line(&self) -> Result<String, String> {
        let cap = 256 + self.doc.as_ref().map_or(0, |d| d.text.len() * 2 + 64);
        let mut out = Vec::with_capacity(cap);
        serde_json::to_writer(&mut out, &RowView(self))
            .map_err(|e| format!("cannot serialise the row: {e}"))?;
        String::from_utf8(out).map_err(|e| format!("the row is not UTF-8: {e}"))
    }
}

/// A row as serde sees it: the columns in order.
struct RowView<'a>(&'a Row);

impl Serialize for RowView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(Some(RECORD_COLUMNS.len() + DOC_COLUMNS.len() + 1))?;
        m.serialize_entry("warc_file", &r.warc_file)?;
        m.serialize_entry("warc_offset", &r.warc_offset)?;
        m.serialize_entry("warc_record_id", &r.warc_record_id)?;
        m.serialize_entry("warc_type", &r.warc_type)?;
        m.serialize_entry("url", &r.url)?;
        m.serialize_entry("warc_date", &r.warc_date)?;
        m.serialize_entry("http_status", &r.http_status)?;
        m.serialize_entry("content_type", &r.content_type)?;
        m.serialize_entry("charset", &r.charset)?;
        for &col in DOC_COLUMNS {
            match &r.doc {
                Some(d) => doc_entry(&mut m, col, d)?,
                None => m.serialize_entry(col, &())?,
            }
        }
        m.serialize_entry(ERROR_COLUMN, &r.error)?;
        m.end()
    }
}

/// One Document column; a column name without a field is null (the test
/// `every_document_field_has_a_column` keeps the two lists in step).
fn doc_entry<M: SerializeMap>(
    m: &mut M,
    col: &str,
    d: &klartext::Document,
) -> Result<(), M::Error> {
    if let Some(v) = string_column(d, col) {
        return m.serialize_entry(col, &v);
    }
    match col {
        "authors" => m.serialize_entry(col, &d.authors),
        "tags" => m.serialize_entry(col, &d.tags),
        "categories" => m.serialize_entry(col, &d.categories),
        "blocks" => m.serialize_entry(col, &d.blocks),
        "comments" => m.serialize_entry(col, &d.comments),
        "comment_count" => m.serialize_entry(col, &d.comment_count),
        "partial" => m.serialize_entry(col, &d.partial),
        "warnings" => m.serialize_entry(col, &d.warnings),
        _ => m.serialize_entry(col, &()),
    }
}

/// A string column of the Document by name: `None` when `col` is not a
/// string column, `Some(None)` when the Document has no value for it.
pub fn string_column<'a>(d: &'a klartext::Document, col: &str) -> Option<Option<&'a str>> {
    let v = match col {
        "lang" => &d.lang,
        "site_name" => &d.site_name,
        "kicker" => &d.kicker,
        "title" => &d.title,
        "teaser" => &d.teaser,
        "published" => &d.published,
        "modified" => &d.modified,
        "dateline" => &d.dateline,
        "agency" => &d.agency,
        "description" => &d.description,
        "image" => &d.image,
        "canonical_url" => &d.canonical_url,
        "page_type" => &d.page_type,
        "encoding" => &d.encoding,
        "extracted_by" => &d.extracted_by,
        "text" => return Some(Some(d.text.as_str())),
        _ => return None,
    };
    Some(v.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every Document column of a row, read back, equals the Document's own
    /// serialisation of that field (so the hand-written column list cannot
    /// drift from the Document's fields or their JSON shape).
    #[test]
    fn document_columns_serialise_as_the_document_does() {
        let doc = klartext::Document {
            url: Some("https://e.org/a".into()),
            lang: Some("de".into()),
            site_name: Some("S".into()),
            kicker: Some("K".into()),
            title: Some("T \"q\"".into()),
            teaser: Some("Te".into()),
            authors: vec!["A".into(), "B".into()],
            published: Some("2024-01-02".into()),
            modified: Some("2024-01-03".into()),
            dateline: Some("Tokio".into()),
            agency: Some("dpa".into()),
            description: Some("D".into()),
            image: Some("https://e.org/i.png".into()),
            canonical_url: Some("https://e.org/c".into()),
            tags: vec!["t".into()],
            categories: vec!["c".into()],
            page_type: Some("article".into()),
            blocks: vec![klartext::Block {
                kind: klartext::BlockKind::Heading,
                text: "H".into(),
                level: Some(2),
            }],
            text: "line\nnext \u{1F600}".into(),
            comments: vec![klartext::Comment {
                author: Some("X".into()),
                date: None,
                text: "c".into(),
            }],
            comment_count: Some(3),
            encoding: Some("utf-8".into()),
            extracted_by: Some("precise".into()),
            partial: true,
            warnings: vec!["the page has more than 5 elements".into()],
        };
        let whole = serde_json::to_value(&doc).unwrap();
        let row = Row {
            doc: Some(doc),
            ..Default::default()
        };
        let v: Value = serde_json::from_str(&row.to_json_line().unwrap()).unwrap();
        for &col in DOC_COLUMNS {
            assert_eq!(v[col], whole[col], "column {col}");
            assert!(!v[col].is_null(), "column {col} is null on a full Document");
        }
    }

    /// A new Document field must be given a column (here and in Parquet).
    #[test]
    fn every_document_field_has_a_column() {
        // `partial` and `warnings` are left out of a Document's JSON when
        // unset; set, they show.
        let v = serde_json::to_value(klartext::Document {
            partial: true,
            warnings: vec!["w".into()],
            ..Default::default()
        })
        .unwrap();
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
