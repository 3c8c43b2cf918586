//! Where rows go: JSON Lines (plain, gzip, zstd) or Parquet, to stdout, one
//! file, or one file per input (`--resume`), written under a temporary name
//! and renamed when complete.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;

use super::row::Row;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// JSON Lines.
    Jsonl,
    /// JSON Lines, gzip-compressed.
    #[value(name = "jsonl.gz")]
    JsonlGz,
    /// JSON Lines, zstd-compressed.
    #[value(name = "jsonl.zst")]
    JsonlZst,
    /// Apache Parquet.
    Parquet,
}

impl OutFormat {
    /// The format a file name asks for.
    pub fn from_name(path: &Path) -> OutFormat {
        let name = path.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".parquet") {
            OutFormat::Parquet
        } else if name.ends_with(".gz") {
            OutFormat::JsonlGz
        } else if name.ends_with(".zst") {
            OutFormat::JsonlZst
        } else {
            OutFormat::Jsonl
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            OutFormat::Jsonl => "jsonl",
            OutFormat::JsonlGz => "jsonl.gz",
            OutFormat::JsonlZst => "jsonl.zst",
            OutFormat::Parquet => "parquet",
        }
    }
    /// Rows are serialised by the workers (JSON) or collected as rows.
    pub fn wants_json(self) -> bool {
        self != OutFormat::Parquet
    }
}

/// A row as the workers hand it over.
pub enum Prepared {
    Json(String),
    Row(Box<Row>),
}

/// A destination of rows.
pub trait RowSink: Send {
    fn write_row(&mut self, row: Prepared) -> io::Result<()>;
    /// Write what is buffered and close the format (gzip/zstd trailers,
    /// the Parquet footer).
    fn finish(self: Box<Self>) -> io::Result<()>;
}

type Out = BufWriter<Box<dyn Write + Send>>;

enum JsonInner {
    Plain(Out),
    Gz(GzEncoder<Out>),
    Zst(zstd::Encoder<'static, Out>),
}

struct JsonlSink {
    inner: JsonInner,
}

impl JsonlSink {
    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.inner {
            JsonInner::Plain(w) => w,
            JsonInner::Gz(w) => w,
            JsonInner::Zst(w) => w,
        }
    }
}

impl RowSink for JsonlSink {
    fn write_row(&mut self, row: Prepared) -> io::Result<()> {
        let line = match row {
            Prepared::Json(s) => s,
            Prepared::Row(r) => r.to_json_line().map_err(io::Error::other)?,
        };
        let w = self.writer();
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")
    }
    fn finish(self: Box<Self>) -> io::Result<()> {
        let mut out = match self.inner {
            JsonInner::Plain(w) => w,
            JsonInner::Gz(w) => w.finish()?,
            JsonInner::Zst(w) => w.finish()?,
        };
        out.flush()
    }
}

/// A sink of `format` over `w`.
pub fn sink(format: OutFormat, w: Box<dyn Write + Send>) -> io::Result<Box<dyn RowSink>> {
    let out = BufWriter::with_capacity(1 << 20, w);
    Ok(match format {
        OutFormat::Jsonl => Box::new(JsonlSink {
            inner: JsonInner::Plain(out),
        }),
        OutFormat::JsonlGz => Box::new(JsonlSink {
            inner: JsonInner::Gz(GzEncoder::new(out, flate2::Compression::new(6))),
        }),
        OutFormat::JsonlZst => Box::new(JsonlSink {
            inner: JsonInner::Zst(zstd::Encoder::new(out, 3)?),
        }),
        OutFormat::Parquet => super::parquet::sink(out)?,
    })
}

/// One input's output under `--resume`: `DIR/<stem>.<ext>`, written as
/// `DIR/.<stem>.<ext>.part` first.
#[derive(Debug, Clone)]
pub struct PerInput {
    pub done: PathBuf,
    pub part: PathBuf,
    pub summary: PathBuf,
}

/// The name an input's output takes: the file name less `.gz`/`.zst` and
/// `.warc`/`.wet`/`.arc`.
pub fn stem(input: &Path) -> String {
    let mut name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_string());
    loop {
        let lower = name.to_ascii_lowercase();
        let Some(ext) = [".gz", ".zst", ".warc", ".wet", ".arc"]
            .into_iter()
            .find(|ext| name.len() > ext.len() && lower.ends_with(ext))
        else {
            return name;
        };
        name.truncate(name.len() - ext.len());
    }
}

impl PerInput {
    pub fn new(dir: &Path, input: &Path, format: OutFormat) -> PerInput {
        let stem = stem(input);
        let ext = format.extension();
        PerInput {
            done: dir.join(format!("{stem}.{ext}")),
            part: dir.join(format!(".{stem}.{ext}.part")),
            summary: dir.join(format!("{stem}.summary.json")),
        }
    }
    /// Open the temporary file (replacing what a killed run left).
    pub fn create(&self, format: OutFormat) -> io::Result<Box<dyn RowSink>> {
        sink(format, Box::new(File::create(&self.part)?))
    }
    /// The output is complete: give it its name.
    pub fn commit(&self) -> io::Result<()> {
        fs::rename(&self.part, &self.done)
    }
}

/// Write `text` to `path` atomically (a temporary file, then a rename).
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, text)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(stem(Path::new("/d/CC-MAIN-1.warc.gz")), "CC-MAIN-1");
        assert_eq!(stem(Path::new("x.warc.wet.gz")), "x");
        assert_eq!(stem(Path::new("a.warc.zst")), "a");
        assert_eq!(stem(Path::new("plain")), "plain");
        let p = PerInput::new(
            Path::new("out"),
            Path::new("in/a.warc.gz"),
            OutFormat::JsonlGz,
        );
        assert_eq!(p.done, Path::new("out/a.jsonl.gz"));
        assert_eq!(p.part, Path::new("out/.a.jsonl.gz.part"));
        assert_eq!(
            OutFormat::from_name(Path::new("x.JSONL.ZST")),
            OutFormat::JsonlZst
        );
        assert_eq!(
            OutFormat::from_name(Path::new("x.parquet")),
            OutFormat::Parquet
        );
    }
}
