//! Python bindings of klartext: a thin shell over the engine.
//!
//! `klartext.extract` takes the argument names of `trafilatura.extract`
//! where they mean the same thing, so switching is a one-line change;
//! `extract_document` returns the typed Document; `extract_batch` runs many
//! pages on every core with the GIL released. Extraction never runs with the
//! GIL held, and a panic inside the engine (a bug) becomes a Python
//! exception, never a crashed interpreter.
#![forbid(unsafe_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

pyo3::create_exception!(
    _klartext,
    Error,
    PyException,
    "Base class of every error klartext raises."
);
pyo3::create_exception!(
    _klartext,
    InputError,
    Error,
    "The input is neither str nor bytes, or a batch item is not."
);
pyo3::create_exception!(
    _klartext,
    OptionError,
    Error,
    "An option has a value klartext does not know (an output format, a thread count)."
);
pyo3::create_exception!(
    _klartext,
    ExtractionError,
    Error,
    "The engine failed on this input (a bug in klartext: please report it with the page)."
);

/// One input, owned, so extraction can run without the GIL.
enum Input {
    Html(Vec<u8>),
    Str(String),
}

/// The page as klartext reads it: bytes are decoded by klartext, str is
/// taken as it is.
fn input_of(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Input::Html(b.as_bytes().to_vec()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Input::Str(s.to_cow()?.into_owned()));
    }
    let kind = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    Err(InputError::new_err(format!(
        "expected the page as str or bytes, got {kind}; read files in binary mode \
         (open(path, 'rb').read()) and let klartext decode them"
    )))
}

/// Extract one input in the given mode; a panic becomes an error message.
fn run(
    input: &Input,
    as_text: bool,
    options: &klartext::Options,
) -> Result<klartext::Document, String> {
    catch_unwind(AssertUnwindSafe(|| match (input, as_text) {
        (Input::Html(b), false) => klartext::extract(b, options),
        (Input::Str(s), false) => klartext::extract_str(s, options),
        (Input::Html(b), true) => klartext::extract_text_bytes(b, options),
        (Input::Str(s), true) => klartext::extract_text(s, options),
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("the extraction engine failed: {msg} — a bug in klartext; please report it with this page")
    })
}

fn format_of(name: &str) -> PyResult<klartext::Format> {
    match name.to_ascii_lowercase().as_str() {
        "txt" | "text" | "plain" => Ok(klartext::Format::Text),
        "markdown" | "md" => Ok(klartext::Format::Markdown),
        "json" => Ok(klartext::Format::Json),
        "html" => Ok(klartext::Format::Html),
        "xml" | "xmltei" | "tei" => Ok(klartext::Format::Xml),
        other => Err(OptionError::new_err(format!(
            "unknown output_format {other:?}: use 'txt', 'markdown', 'json', 'html' or 'xml'"
        ))),
    }
}

/// A block of the article body.
#[pyclass(module = "klartext", frozen, get_all)]
#[derive(Clone)]
struct Block {
    /// paragraph, heading, list_item, quote, table, code or image_caption.
    kind: String,
    text: String,
    /// Heading level (1–6) or list depth, else None.
    level: Option<u8>,
}

#[pymethods]
impl Block {
    fn __repr__(&self) -> String {
        format!(
            "Block(kind={:?}, text={:?})",
            self.kind,
            truncate(&self.text, 40)
        )
    }
}

/// A reader comment.
#[pyclass(module = "klartext", frozen, get_all)]
#[derive(Clone)]
struct Comment {
    author: Option<String>,
    date: Option<String>,
    text: String,
}

#[pymethods]
impl Comment {
    fn __repr__(&self) -> String {
        format!(
            "Comment(author={:?}, text={:?})",
            self.author,
            truncate(&self.text, 40)
        )
    }
}

/// The extracted article with its parts named (see the README's Document).
#[pyclass(module = "klartext", frozen, get_all)]
struct Document {
    url: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
    kicker: Option<String>,
    title: Option<String>,
    teaser: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    dateline: Option<String>,
    agency: Option<String>,
    description: Option<String>,
    image: Option<String>,
    canonical_url: Option<String>,
    tags: Vec<String>,
    categories: Vec<String>,
    page_type: Option<String>,
    blocks: Vec<Block>,
    text: String,
    comments: Vec<Comment>,
    comment_count: Option<u32>,
    encoding: Option<String>,
    extracted_by: Option<String>,
    json: String,
}

impl Document {
    fn from_engine(doc: &klartext::Document) -> Document {
        let kind = |k: klartext::BlockKind| {
            serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        Document {
            url: doc.url.clone(),
            lang: doc.lang.clone(),
            site_name: doc.site_name.clone(),
            kicker: doc.kicker.clone(),
            title: doc.title.clone(),
            teaser: doc.teaser.clone(),
            authors: doc.authors.clone(),
            published: doc.published.clone(),
            modified: doc.modified.clone(),
            dateline: doc.dateline.clone(),
            agency: doc.agency.clone(),
            description: doc.description.clone(),
            image: doc.image.clone(),
            canonical_url: doc.canonical_url.clone(),
            tags: doc.tags.clone(),
            categories: doc.categories.clone(),
            page_type: doc.page_type.clone(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| Block {
                    kind: kind(b.kind),
                    text: b.text.clone(),
                    level: b.level,
                })
                .collect(),
            text: doc.text.clone(),
            comments: doc
                .comments
                .iter()
                .map(|c| Comment {
                    author: c.author.clone(),
                    date: c.date.clone(),
                    text: c.text.clone(),
                })
                .collect(),
            comment_count: doc.comment_count,
            encoding: doc.encoding.clone(),
            extracted_by: doc.extracted_by.clone(),
            json: klartext::render::to_json(doc),
        }
    }
}

#[pymethods]
impl Document {
    /// The whole Document as a JSON string (the CLI's `--format json`).
    fn to_json(&self) -> String {
        self.json.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(title={:?}, text={:?}, blocks={})",
            self.title,
            truncate(&self.text, 40),
            self.blocks.len()
        )
    }
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn options(
    url: Option<String>,
    include_comments: bool,
    favor_precision: bool,
    favor_recall: bool,
    reference_date: Option<String>,
) -> klartext::Options {
    klartext::Options {
        url,
        include_comments,
        favor_precision,
        favor_recall,
        reference_date,
        ..Default::default()
    }
}

/// Extract the article from `html` (str, or bytes that klartext decodes)
/// and render it; None when no article text is found (as trafilatura).
#[pyfunction]
#[pyo3(signature = (
    html, url=None, output_format="txt", include_comments=false, include_tables=true,
    include_links=false, include_formatting=false, favor_precision=false, favor_recall=false,
    target_language=None, with_metadata=false, as_text=false, reference_date=None
))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    output_format: &str,
    include_comments: bool,
    include_tables: bool,
    include_links: bool,
    include_formatting: bool,
    favor_precision: bool,
    favor_recall: bool,
    target_language: Option<String>,
    with_metadata: bool,
    as_text: bool,
    reference_date: Option<String>,
) -> PyResult<Option<String>> {
    // Links and inline formatting are not kept in the Document's text yet;
    // the arguments are accepted so trafilatura calls work unchanged.
    let _ = (include_links, include_formatting);
    let format = format_of(output_format)?;
    let input = input_of(html)?;
    let opts = options(
        url,
        include_comments,
        favor_precision,
        favor_recall,
        reference_date,
    );
    let mut doc = py
        .detach(|| run(&input, as_text, &opts))
        .map_err(ExtractionError::new_err)?;
    if let Some(want) = target_language.as_deref() {
        if doc.lang.as_deref() != Some(want.to_ascii_lowercase().as_str()) {
            return Ok(None);
        }
    }
    if !include_tables
        && doc
            .blocks
            .iter()
            .any(|b| b.kind == klartext::BlockKind::Table)
    {
        doc.blocks.retain(|b| b.kind != klartext::BlockKind::Table);
        doc.rebuild_text();
    }
    if doc.text.trim().is_empty() {
        return Ok(None);
    }
    let mut out = klartext::render(&doc, format);
    if with_metadata && format == klartext::Format::Text {
        out = format!("{}{out}", metadata_header(&doc));
    }
    Ok(Some(out))
}

/// `with_metadata` for text output: a YAML-style header, as trafilatura
/// writes one.
fn metadata_header(doc: &klartext::Document) -> String {
    let mut h = String::from("---\n");
    let fields: [(&str, Option<String>); 8] = [
        ("title", doc.title.clone()),
        (
            "author",
            (!doc.authors.is_empty()).then(|| doc.authors.join("; ")),
        ),
        ("url", doc.url.clone().or_else(|| doc.canonical_url.clone())),
        ("hostname", None),
        ("description", doc.description.clone()),
        ("sitename", doc.site_name.clone()),
        ("date", doc.published.clone()),
        ("language", doc.lang.clone()),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            h.push_str(&format!("{k}: {}\n", v.replace('\n', " ")));
        }
    }
    h.push_str("---\n");
    h
}

/// Extract the typed Document from a page (HTML, or text with as_text=True).
#[pyfunction]
#[pyo3(signature = (
    html_or_text, url=None, include_comments=false, favor_precision=false,
    favor_recall=false, as_text=false, reference_date=None
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
fn extract_document(
    py: Python<'_>,
    html_or_text: &Bound<'_, PyAny>,
    url: Option<String>,
    include_comments: bool,
    favor_precision: bool,
    favor_recall: bool,
    as_text: bool,
    reference_date: Option<String>,
) -> PyResult<Document> {
    let input = input_of(html_or_text)?;
    let opts = options(
        url,
        include_comments,
        favor_precision,
        favor_recall,
        reference_date,
    );
    let doc = py
        .detach(|| run(&input, as_text, &opts))
        .map_err(ExtractionError::new_err)?;
    Ok(Document::from_engine(&doc))
}

/// Extract many pages on every core (or `threads`), the GIL released; the
/// result is in input order. A page the engine fails on raises
/// ExtractionError naming its index.
#[pyfunction]
#[pyo3(signature = (
    items, threads=None, include_comments=false, favor_precision=false,
    favor_recall=false, as_text=false
))]
fn extract_batch(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    threads: Option<usize>,
    include_comments: bool,
    favor_precision: bool,
    favor_recall: bool,
    as_text: bool,
) -> PyResult<Vec<Document>> {
    let mut inputs = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        inputs.push(
            input_of(&item)
                .map_err(|e| InputError::new_err(format!("item {i}: {}", e.value(py))))?,
        );
    }
    if threads == Some(0) {
        return Err(OptionError::new_err(
            "threads must be at least 1 (or None for every core)",
        ));
    }
    let opts = options(None, include_comments, favor_precision, favor_recall, None);
    let results: Result<Vec<klartext::Document>, String> = py.detach(|| {
        let work = || {
            inputs
                .par_iter()
                .enumerate()
                .map(|(i, inp)| run(inp, as_text, &opts).map_err(|e| format!("item {i}: {e}")))
                .collect()
        };
        match threads {
            None => work(),
            Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                Ok(pool) => pool.install(work),
                Err(e) => Err(format!("cannot start {n} worker threads: {e}")),
            },
        }
    });
    let docs = results.map_err(ExtractionError::new_err)?;
    Ok(docs.iter().map(Document::from_engine).collect())
}

#[pymodule]
fn _klartext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_document, m)?)?;
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add_class::<Document>()?;
    m.add_class::<Block>()?;
    m.add_class::<Comment>()?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("OptionError", py.get_type::<OptionError>())?;
    m.add("ExtractionError", py.get_type::<ExtractionError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
