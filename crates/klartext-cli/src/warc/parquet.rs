//! Parquet output: the JSON Lines columns, typed. Scalars are UTF-8 strings
//! (`warc_offset` u64, `http_status` u16), `authors`/`tags`/`categories`
//! lists of strings, `blocks` a list of {kind, text, level},
//! `comments` a list of {author, date, text}, `partial` a boolean and
//! `warnings` a list of strings. Rows are buffered in batches
//! and row groups flushed at a fixed size, so memory stays bounded.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, ListBuilder, StringBuilder, StructBuilder, UInt16Builder, UInt32Builder,
    UInt64Builder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, SchemaRef};
use klartext::BlockKind;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::output::{Prepared, RowSink};
use super::row::{string_column, Row, DOC_COLUMNS, ERROR_COLUMN, RECORD_COLUMNS};

/// Rows per record batch handed to the writer.
const BATCH_ROWS: usize = 512;
/// Rows per row group, at most.
const GROUP_ROWS: usize = 8192;
/// Buffered encoded bytes that force a row group out.
const GROUP_BYTES: usize = 64 * 1024 * 1024;

type Out = BufWriter<Box<dyn Write + Send>>;

struct ParquetSink {
    writer: ArrowWriter<Out>,
    rows: Vec<Row>,
}

fn err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("Parquet: {e}"))
}

pub fn sink(out: Out) -> io::Result<Box<dyn RowSink>> {
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).map_err(err)?))
        .set_max_row_group_row_count(Some(GROUP_ROWS))
        .build();
    let writer = ArrowWriter::try_new(out, schema()?, Some(props)).map_err(err)?;
    Ok(Box::new(ParquetSink {
        writer,
        rows: Vec::with_capacity(BATCH_ROWS),
    }))
}

/// The schema: that of an empty batch.
pub fn schema() -> io::Result<SchemaRef> {
    Ok(batch(&[])?.schema())
}

impl ParquetSink {
    fn write_batch(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let b = batch(&self.rows)?;
        self.rows.clear();
        self.writer.write(&b).map_err(err)?;
        if self.writer.in_progress_size() > GROUP_BYTES {
            self.writer.flush().map_err(err)?;
        }
        Ok(())
    }
}

impl RowSink for ParquetSink {
    fn write_row(&mut self, row: Prepared) -> io::Result<()> {
        match row {
            Prepared::Row(r) => self.rows.push(*r),
            Prepared::Json(_) => return Err(err("a JSON row given to the Parquet writer")),
        }
        if self.rows.len() >= BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.write_batch()?;
        let mut out = self.writer.into_inner().map_err(err)?;
        out.flush()
    }
}

/// The name of a block kind, as in JSON.
fn kind_name(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading => "heading",
        BlockKind::ListItem => "list_item",
        BlockKind::Quote => "quote",
        BlockKind::Table => "table",
        BlockKind::Code => "code",
        BlockKind::ImageCaption => "image_caption",
    }
}

fn strings(n: usize) -> StringBuilder {
    StringBuilder::with_capacity(n, n * 16)
}

fn string_list(n: usize) -> ListBuilder<StringBuilder> {
    ListBuilder::new(strings(n))
}

fn block_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("level", DataType::UInt8, true),
    ])
}

fn comment_fields() -> Fields {
    Fields::from(vec![
        Field::new("author", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, false),
    ])
}

fn push_list(b: &mut ListBuilder<StringBuilder>, items: Option<&Vec<String>>) {
    match items {
        Some(v) => {
            for s in v {
                b.values().append_value(s);
            }
            b.append(true);
        }
        None => b.append(false),
    }
}

fn field<T: arrow_array::builder::ArrayBuilder>(
    s: &mut StructBuilder,
    i: usize,
) -> io::Result<&mut T> {
    s.field_builder::<T>(i)
        .ok_or_else(|| err("struct builder field of an unexpected type"))
}

/// The rows as one record batch, columns in the JSON order.
fn batch(rows: &[Row]) -> io::Result<RecordBatch> {
    let n = rows.len();
    let mut columns: Vec<(&str, ArrayRef, bool)> = Vec::new();

    // Record columns.
    let mut warc_file = strings(n);
    let mut warc_offset = UInt64Builder::with_capacity(n);
    let mut http_status = UInt16Builder::with_capacity(n);
    for r in rows {
        warc_file.append_value(&r.warc_file);
        warc_offset.append_value(r.warc_offset);
        http_status.append_option(r.http_status);
    }
    let optional = |get: fn(&Row) -> &Option<String>| -> ArrayRef {
        let mut b = strings(n);
        for r in rows {
            b.append_option(get(r).as_deref());
        }
        Arc::new(b.finish())
    };
    columns.push(("warc_file", Arc::new(warc_file.finish()), false));
    columns.push(("warc_offset", Arc::new(warc_offset.finish()), false));
    columns.push(("warc_record_id", optional(|r| &r.warc_record_id), true));
    columns.push(("warc_type", optional(|r| &r.warc_type), true));
    columns.push(("url", optional(|r| &r.url), true));
    columns.push(("warc_date", optional(|r| &r.warc_date), true));
    columns.push(("http_status", Arc::new(http_status.finish()), true));
    columns.push(("content_type", optional(|r| &r.content_type), true));
    columns.push(("charset", optional(|r| &r.charset), true));

    // Document columns.
    for &col in DOC_COLUMNS {
        let docs = rows.iter().map(|r| r.doc.as_ref());
        let array: ArrayRef = match col {
            "authors" | "tags" | "categories" | "warnings" => {
                let mut b = string_list(n);
                for d in docs {
                    let v = d.map(|d| match col {
                        "authors" => &d.authors,
                        "tags" => &d.tags,
                        "warnings" => &d.warnings,
                        _ => &d.categories,
                    });
                    push_list(&mut b, v);
                }
                Arc::new(b.finish())
            }
            "blocks" => {
                let mut b = ListBuilder::new(StructBuilder::from_fields(block_fields(), n));
                for d in docs {
                    match d {
                        Some(d) => {
                            for block in &d.blocks {
                                let s = b.values();
                                field::<StringBuilder>(s, 0)?.append_value(kind_name(block.kind));
                                field::<StringBuilder>(s, 1)?.append_value(&block.text);
                                field::<UInt8Builder>(s, 2)?.append_option(block.level);
                                s.append(true);
                            }
                            b.append(true);
                        }
                        None => b.append(false),
                    }
                }
                Arc::new(b.finish())
            }
            "partial" => {
                let mut b = BooleanBuilder::with_capacity(n);
                for d in docs {
                    b.append_option(d.map(|d| d.partial));
                }
                Arc::new(b.finish())
            }
            "comment_count" => {
                let mut b = UInt32Builder::with_capacity(n);
                for d in docs {
                    b.append_option(d.and_then(|d| d.comment_count));
                }
                Arc::new(b.finish())
            }
            "comments" => {
                let mut b = ListBuilder::new(StructBuilder::from_fields(comment_fields(), n));
                for d in docs {
                    match d {
                        Some(d) => {
                            for c in &d.comments {
                                let s = b.values();
                                field::<StringBuilder>(s, 0)?.append_option(c.author.as_deref());
                                field::<StringBuilder>(s, 1)?.append_option(c.date.as_deref());
                                field::<StringBuilder>(s, 2)?.append_value(&c.text);
                                s.append(true);
                            }
                            b.append(true);
                        }
                        None => b.append(false),
                    }
                }
                Arc::new(b.finish())
            }
            _ => {
                let mut b = strings(n);
                for d in docs {
                    b.append_option(d.and_then(|d| string_column(d, col).flatten()));
                }
                Arc::new(b.finish())
            }
        };
        columns.push((col, array, true));
    }
    columns.push((ERROR_COLUMN, optional(|r| &r.error), true));
    debug_assert_eq!(columns.len(), RECORD_COLUMNS.len() + DOC_COLUMNS.len() + 1);
    RecordBatch::try_from_iter_with_nullable(columns).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parquet has the JSON columns, in the JSON order.
    #[test]
    fn same_columns_as_json() {
        let s = schema().unwrap();
        let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
        let mut expected: Vec<&str> = RECORD_COLUMNS.to_vec();
        expected.extend(DOC_COLUMNS);
        expected.push(ERROR_COLUMN);
        assert_eq!(names, expected);
        // Every string column of the Document is read by string_column.
        let doc = klartext::Document::default();
        for f in s.fields() {
            if f.data_type() == &DataType::Utf8 && DOC_COLUMNS.contains(&f.name().as_str()) {
                assert!(string_column(&doc, f.name()).is_some(), "{}", f.name());
            }
        }
    }
}
