//! klartext: turn a web page into a clean, structured article.
//!
//! The engine is a pure library: bytes or text in, a [`Document`] out. It does
//! no I/O, starts no threads and keeps no global mutable state, so any shell
//! (the `klartext` command, a batch job, bindings) can call it from as many
//! threads as it likes.
//!
//! ```
//! let html = b"<html><head><title>Hi - Site</title></head><body>\
//!     <nav><a href='/'>Home</a></nav><article><h1>Hi</h1>\
//!     <p>One paragraph of the article, long enough to count as text, with a comma.</p>\
//!     </article></body></html>";
//! let doc = klartext::extract(html, &klartext::Options::default());
//! assert_eq!(doc.title.as_deref(), Some("Hi"));
//! assert!(doc.text.starts_with("One paragraph"));
//! ```
#![forbid(unsafe_code)]
// Rules read as `match tag { "x" => if condition {..} }`: one arm per
// element kind, its conditions inside, even where a guard would do.
#![allow(clippy::collapsible_match)]

mod analyze;
mod authors;
mod comments;
pub mod dates;
pub mod decode;
pub mod document;
pub mod dom;
mod explain;
mod extract;
mod lang;
mod limits;
mod meta;
mod mojibake;
mod nfc;
mod parts;
mod patterns;
pub mod render;
mod segment;
mod select;
mod textmode;

#[doc(hidden)]
pub use authors::debug_authors;
pub use document::{Block, BlockKind, Comment, Document};
pub use explain::{ExplainedBlock, Explanation, Label, LabelCount};
pub use extract::debug_blocks;
pub use limits::Limits;
pub use render::{render, Format};
#[doc(hidden)]
pub use textmode::debug_dump as debug_text_blocks;
#[cfg(feature = "block-features")]
pub use textmode::debug_features as debug_text_features;

/// What the caller knows about the page and wants from the extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the page came from; used for metadata and relative links.
    pub url: Option<String>,
    /// A charset label from outside the page (HTTP header, WARC record).
    pub charset: Option<String>,
    /// Keep reader comments in `Document::comments`.
    pub include_comments: bool,
    /// Prefer dropping doubtful blocks (fewer false positives).
    pub favor_precision: bool,
    /// Prefer keeping doubtful blocks (fewer misses).
    pub favor_recall: bool,
    /// Whether the teaser (standfirst) also opens the body. `None` takes the
    /// input's default: kept in the body for HTML, where publishers mark the
    /// standfirst up as part of the article; left out for text dumps, where
    /// it stands apart above the body. `Document::teaser` names it either way.
    pub teaser_in_body: Option<bool>,
    /// The day the page was fetched, as `YYYY-MM-DD`: no publication or
    /// modification date after it is taken. When `None` (or unreadable),
    /// today's date from the system clock serves; pass the crawl date for
    /// reproducible results on archived pages.
    pub reference_date: Option<String>,
    /// Bounds on the size and shape of the page and on the work it may
    /// cause (see [`Limits`]; the defaults suit any real page). Past a
    /// bound the Document is marked [`partial`](Document::partial).
    pub limits: Limits,
}

/// Extract the article from a page already rendered to text: a crawler's
/// text dump, a WET record, the output of lynx, w3m or an HTML-to-text tool.
pub fn extract_text(text: &str, options: &Options) -> Document {
    let max = options.limits.max_bytes;
    let kept = cut_str(text, max);
    let mut doc = textmode::extract_dump(kept, options);
    if kept.len() < text.len() {
        doc.warn_partial(limits::bytes_warning(max));
    }
    doc
}

/// [`extract_text`] for raw bytes in any encoding (decoded as pages are:
/// BOM, the caller's charset, else UTF-8 or a statistical guess).
pub fn extract_text_bytes(bytes: &[u8], options: &Options) -> Document {
    let max = options.limits.max_bytes;
    let kept = limits::cut_bytes(bytes, max);
    let decoded = decode::decode(kept.unwrap_or(bytes), options.charset.as_deref());
    let mut doc = textmode::extract_dump(&decoded.text, options);
    doc.encoding = Some(decoded.encoding.name().to_ascii_lowercase());
    if kept.is_some() {
        doc.warn_partial(limits::bytes_warning(max));
    }
    doc
}

/// Extract the article from raw page bytes in any encoding.
pub fn extract(html: &[u8], options: &Options) -> Document {
    let max = options.limits.max_bytes;
    let kept = limits::cut_bytes(html, max);
    let decoded = decode::decode(kept.unwrap_or(html), options.charset.as_deref());
    let mut doc = extract::extract_text_html(&decoded.text, options);
    doc.encoding = Some(decoded.encoding.name().to_ascii_lowercase());
    if kept.is_some() {
        doc.warn_partial(limits::bytes_warning(max));
    }
    doc
}

/// Extract the article from an HTML page already decoded to a string.
pub fn extract_str(html: &str, options: &Options) -> Document {
    let max = options.limits.max_bytes;
    let kept = cut_str(html, max);
    let mut doc = extract::extract_text_html(kept, options);
    if kept.len() < html.len() {
        doc.warn_partial(limits::bytes_warning(max));
    }
    doc
}

/// The longest prefix of `s` of at most `max` bytes that ends on a
/// character boundary.
fn cut_str(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Explain the extraction of a page: every block in page order with the
/// label it got (body, title, kicker, teaser, byline, dateline, comment,
/// boilerplate) and the rule or features that decided it, with the
/// Document [`extract`] returns for the same page and options. Extraction
/// does not pay for this: the reasons are worked out only here.
pub fn explain(html: &[u8], options: &Options) -> Explanation {
    let decoded = decode::decode(html, options.charset.as_deref());
    let mut log = Vec::new();
    let mut run = extract::run(&decoded.text, options, Some(&mut log));
    run.doc.encoding = Some(decoded.encoding.name().to_ascii_lowercase());
    explain::explain_run(run, log)
}

/// [`explain`] for a page already rendered to text (see [`extract_text_bytes`]).
pub fn explain_text(bytes: &[u8], options: &Options) -> Explanation {
    let decoded = decode::decode(bytes, options.charset.as_deref());
    let mut e = textmode::explain_dump(&decoded.text, options);
    e.document.encoding = Some(decoded.encoding.name().to_ascii_lowercase());
    e
}
