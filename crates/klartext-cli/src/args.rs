//! Command-line arguments: the clap definitions behind `klartext --help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Extract the main article from web pages.
///
/// With one PAGE, print its article (text, Markdown or JSON) on stdout.
/// With `batch`, extract every page under files and folders into JSON Lines.
#[derive(Debug, Parser)]
#[command(
    name = "klartext",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  \
        klartext page.html\n  \
        klartext --format markdown page.html.gz\n  \
        curl -s https://example.org/a | klartext - --url https://example.org/a\n  \
        klartext batch pages/ -o articles.jsonl\n  \
        klartext explain page.html -o report.html\n\n\
        Exit status: 0 success, 1 an input could not be read or is not HTML, 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub single: SingleArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract every .html, .htm, .html.gz, .txt and .txt.gz file under the
    /// given files and folders (recursively, in sorted order) into JSON
    /// Lines, one object per page; .txt files are read as text dumps.
    #[command(after_help = "Output: one JSON object per line, in input order:\n  \
        {\"id\": file name without .html/.htm/.txt(.gz), \"source\": path, then every\n  \
        Document field: \"title\", \"text\", \"authors\", \"published\", ...}\n\
        A page that cannot be read or inflated, or is not HTML, gets\n  \
        {\"id\": ..., \"source\": ..., \"error\": \"what went wrong\"}\n\
        and the run goes on. A summary goes to stderr (and a progress bar, when\n\
        stderr is a terminal).\n\n\
        Exit status: 0 every input extracted (possibly empty), 1 some input failed,\n\
        2 usage error.")]
    Batch(BatchArgs),
    /// Extract the HTML responses of WARC files (and the text of WET files)
    /// into one row per record: JSON Lines (plain, .gz, .zst) or Parquet.
    #[command(
        after_help = "Inputs: .warc, .warc.gz (one gzip member per record or not), .warc.zst\n\
        (one zstd frame per record or not), WET files, or '-' for standard input; the\n\
        compression is recognised from the bytes.\n\n\
        Only HTML responses with status 200 (by Content-Type, else by sniffing) go to the\n\
        HTML engine, WET 'conversion' records to text mode; every other record is counted\n\
        by reason. Rows: warc_file, warc_offset, warc_record_id, warc_type, url, warc_date,\n\
        http_status, content_type, charset, the Document's fields, error (see README).\n\
        Damaged records (corrupt gzip member or zstd frame, truncated, lying Content-Length)\n\
        get a row with the error and their offset; reading resumes at the next record.\n\n\
        Summary: on stderr, and as JSON in OUT.summary.json (with --resume: DIR/summary.json\n\
        and DIR/<input>.summary.json); extracted + skipped + failed = read.\n\n\
        Exit status: 0 every record accounted for without failure, 1 some record failed or\n\
        an input could not be read, 2 usage error."
    )]
    Warc(WarcArgs),
    /// Show why each part of a page was kept or dropped: every block in page
    /// order with its label (body, title, kicker, teaser, byline, dateline,
    /// comment, boilerplate) and the rule that decided it, beside the final
    /// Document. Writes one self-contained HTML report (or JSON).
    #[command(after_help = "Examples:\n  \
        klartext explain page.html -o report.html\n  \
        klartext explain dump.txt --as text -o report.html\n  \
        klartext explain page.html --format json | jq '.blocks[] | select(.label==\"body\")'\n\n\
        The HTML report needs no network: open it in any browser. Attach it (or\n\
        the JSON) with the page to a bug report.")]
    Explain(ExplainArgs),
}

/// Arguments of `klartext explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The page to explain: an .html/.htm file, a text dump (.txt), either
    /// gzip-compressed (.gz), or '-' for standard input.
    #[arg(value_name = "PAGE")]
    pub input: PathBuf,

    /// Where to write the report; '-' or no -o writes to standard output.
    #[arg(short, long, value_name = "REPORT")]
    pub output: Option<PathBuf>,

    /// Report format: a self-contained HTML page, or the same data as JSON.
    #[arg(short, long, value_enum, default_value_t = ExplainFormat::Html)]
    pub format: ExplainFormat,

    /// The address the page was fetched from.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The page's character encoding, if known from outside the page.
    #[arg(long, value_name = "LABEL")]
    pub charset: Option<String>,

    /// Read the input as HTML or as a page already rendered to text
    /// [default: text for .txt and .txt.gz files, HTML otherwise].
    #[arg(long = "as", value_enum, value_name = "KIND")]
    pub input_kind: Option<InputKind>,
}

/// The formats of `klartext explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// One self-contained HTML page.
    Html,
    /// The blocks, labels, rules and the Document as one JSON object.
    Json,
}

/// Arguments of the default mode: one page in, one article out.
#[derive(Debug, Args)]
pub struct SingleArgs {
    /// The page to read: an .html/.htm file, a text dump (.txt), either
    /// gzip-compressed (.gz), or '-' for standard input.
    #[arg(value_name = "PAGE")]
    pub input: Option<PathBuf>,

    /// Output format: plain text, Markdown (title, headings, lists), the
    /// whole Document as JSON, a small HTML article, or TEI XML.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// The address the page was fetched from; used for metadata and to
    /// resolve relative links.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The page's character encoding, if known from outside the page (an HTTP
    /// header, a WARC record), e.g. utf-8, windows-1252, shift_jis.
    #[arg(long, value_name = "LABEL")]
    pub charset: Option<String>,

    /// Also extract reader comments (the JSON "comments" field).
    #[arg(long)]
    pub comments: bool,

    /// Read the input as HTML or as a page already rendered to text (a
    /// crawler's text dump, lynx/w3m output) [default: text for .txt and
    /// .txt.gz files, HTML otherwise].
    #[arg(long = "as", value_enum, value_name = "KIND")]
    pub input_kind: Option<InputKind>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Bounds on one page (`klartext::Limits`): past one, the page's Document
/// is marked `"partial": true` with a `"warnings"` list, never a crash.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Read at most this many bytes of a page (after gzip inflation, which
    /// stops there too); the rest is cut [default: 16 MiB].
    #[arg(long, value_name = "BYTES", help_heading = "Limits")]
    pub max_bytes: Option<usize>,

    /// Read at most this many elements (HTML) or lines (text) of a page
    /// [default: 500000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_nodes: Option<usize>,

    /// Flatten elements nested deeper than this [default: 512].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_depth: Option<usize>,

    /// Drop attributes of a tag past this many [default: 256].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_attributes: Option<usize>,

    /// Time budget per page in milliseconds: once spent, the optional
    /// stages (dates, authors, re-reading hidden parts) are skipped
    /// [default: none; 0 means none].
    #[arg(long, value_name = "MS", help_heading = "Limits")]
    pub timeout_ms: Option<u64>,
}

impl LimitArgs {
    /// The engine's limits: the defaults, with what was given.
    pub fn limits(&self) -> klartext::Limits {
        let d = klartext::Limits::default();
        klartext::Limits {
            max_bytes: self.max_bytes.unwrap_or(d.max_bytes),
            max_nodes: self.max_nodes.unwrap_or(d.max_nodes),
            max_depth: self.max_depth.unwrap_or(d.max_depth),
            max_attributes: self.max_attributes.unwrap_or(d.max_attributes),
            time_budget: self
                .timeout_ms
                .filter(|&ms| ms > 0)
                .map(std::time::Duration::from_millis)
                .or(d.time_budget),
        }
    }
}

/// Arguments of `klartext batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Files and folders to read. Folders are searched recursively for
    /// .html, .htm, .html.gz, .txt and .txt.gz files.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Where to write the JSON Lines; '-' or no -o writes to standard output.
    #[arg(short, long, value_name = "OUT.jsonl")]
    pub output: Option<PathBuf>,

    /// Number of worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub threads: Option<u32>,

    /// The character encoding of every page, if known from outside the pages
    /// (otherwise each page's own declaration or a guess is used).
    #[arg(long, value_name = "LABEL")]
    pub charset: Option<String>,

    /// Also extract reader comments (the "comments" field).
    #[arg(long)]
    pub comments: bool,

    /// Read every input as HTML or as text [default: text for .txt and
    /// .txt.gz files, HTML otherwise].
    #[arg(long = "as", value_enum, value_name = "KIND")]
    pub input_kind: Option<InputKind>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Arguments of `klartext warc`.
#[derive(Debug, Args)]
pub struct WarcArgs {
    /// WARC or WET files ('-' for standard input).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Where to write the rows: OUT.jsonl, OUT.jsonl.gz, OUT.jsonl.zst or
    /// OUT.parquet (the format follows the name); '-' or no -o writes JSON
    /// Lines to standard output. With --resume: a folder.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// The output format, whatever the name [default: from the -o name;
    /// jsonl for --resume folders].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<crate::warc::OutFormat>,

    /// Number of worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub threads: Option<u32>,

    /// Write the rows in input order (otherwise in completion order).
    #[arg(long)]
    pub ordered: bool,

    /// One output per input in the -o folder, written under a temporary name
    /// and renamed when complete; a rerun skips completed inputs and redoes
    /// the others, so no row is lost or written twice after a kill.
    #[arg(long)]
    pub resume: bool,

    /// The largest payload extracted (after decompression); larger records
    /// are skipped as too-large. Suffixes K, M, G.
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = crate::warc::parse_size)]
    pub max_size: usize,

    /// Seconds one record may take; a record over it becomes an error row
    /// and the run goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    pub time_budget: f64,

    /// Also extract reader comments (the "comments" column).
    #[arg(long)]
    pub comments: bool,

    /// Testing: exit abruptly after writing this many rows (a simulated kill).
    #[arg(long, hide = true, value_name = "ROWS")]
    pub fail_after: Option<u64>,
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// An HTML page.
    Html,
    /// A page rendered to text.
    Text,
}

impl InputKind {
    /// The kind a file name suggests: `.txt` and `.txt.gz` are text.
    pub fn guess(path: &std::path::Path) -> InputKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".txt") || name.ends_with(".txt.gz") {
            InputKind::Text
        } else {
            InputKind::Html
        }
    }
}

/// The output formats of the single-page mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The article body as plain text, paragraphs separated by a blank line.
    #[value(alias = "txt", alias = "plain")]
    Text,
    /// The title as a heading, then the body with headings, lists and quotes.
    #[value(alias = "md")]
    Markdown,
    /// The whole Document (metadata, blocks, text) as one JSON object.
    Json,
    /// A small HTML article: kicker, title, teaser, byline, body, comments.
    Html,
    /// TEI XML: the metadata in the header, the body and comments as text.
    #[value(alias = "tei")]
    Xml,
}

impl From<OutputFormat> for klartext::Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Text => klartext::Format::Text,
            OutputFormat::Markdown => klartext::Format::Markdown,
            OutputFormat::Json => klartext::Format::Json,
            OutputFormat::Html => klartext::Format::Html,
            OutputFormat::Xml => klartext::Format::Xml,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn formats_match_the_engine_names() {
        for (name, f) in [
            ("text", OutputFormat::Text),
            ("markdown", OutputFormat::Markdown),
            ("json", OutputFormat::Json),
            ("html", OutputFormat::Html),
            ("xml", OutputFormat::Xml),
        ] {
            let engine: klartext::Format = name.parse().unwrap();
            assert_eq!(engine, klartext::Format::from(f));
        }
    }
}
