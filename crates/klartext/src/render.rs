//! Renderers: one function per output format, all from the same Document.

use crate::document::{BlockKind, Comment, Document};

/// Output formats the renderers support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// A small self-contained HTML article (`<article>` with the parts).
    Html,
    /// TEI XML (header with the metadata, body with the blocks).
    Xml,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            "xml" | "tei" | "xmltei" => Ok(Format::Xml),
            other => Err(format!(
                "unknown format '{other}': use text, markdown, json, html or xml"
            )),
        }
    }
}

/// Render `doc` in `format`.
pub fn render(doc: &Document, format: Format) -> String {
    match format {
        Format::Text => to_text(doc),
        Format::Markdown => to_markdown(doc),
        Format::Json => to_json(doc),
        Format::Html => to_html(doc),
        Format::Xml => to_tei(doc),
    }
}

/// Escape text for HTML and XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids (C0 controls but tab and newlines).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Blocks as HTML elements, consecutive list items in one list.
fn blocks_html(doc: &Document, out: &mut String) {
    let mut in_list = false;
    for b in &doc.blocks {
        let is_list = b.kind == BlockKind::ListItem;
        if in_list && !is_list {
            out.push_str("</ul>\n");
        }
        if is_list && !in_list {
            out.push_str("<ul>\n");
        }
        in_list = is_list;
        let t = esc(&b.text);
        match b.kind {
            BlockKind::Heading => {
                let l = b.level.unwrap_or(2).clamp(2, 6);
                out.push_str(&format!("<h{l}>{t}</h{l}>\n"));
            }
            BlockKind::ListItem => out.push_str(&format!("<li>{t}</li>\n")),
            BlockKind::Quote => out.push_str(&format!("<blockquote><p>{t}</p></blockquote>\n")),
            BlockKind::Code => out.push_str(&format!("<pre><code>{t}</code></pre>\n")),
            BlockKind::ImageCaption => out.push_str(&format!("<figcaption>{t}</figcaption>\n")),
            BlockKind::Paragraph => out.push_str(&format!("<p>{t}</p>\n")),
            BlockKind::Table => {
                out.push_str("<table>\n");
                for row in b.text.lines() {
                    out.push_str("<tr>");
                    for cell in row.split('\t') {
                        out.push_str(&format!("<td>{}</td>", esc(cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
}

/// The Document as a small HTML article: kicker, title, teaser and byline
/// in a `<header>`, the body blocks, the comments in a `<section>`.
pub fn to_html(doc: &Document) -> String {
    let mut out = String::from("<article>\n<header>\n");
    if let Some(k) = &doc.kicker {
        out.push_str(&format!("<p class=\"kicker\">{}</p>\n", esc(k)));
    }
    if let Some(t) = &doc.title {
        out.push_str(&format!("<h1>{}</h1>\n", esc(t)));
    }
    if let Some(t) = &doc.teaser {
        out.push_str(&format!("<p class=\"teaser\">{}</p>\n", esc(t)));
    }
    let byline = byline(doc);
    if !byline.is_empty() {
        out.push_str(&format!("<p class=\"byline\">{}</p>\n", esc(&byline)));
    }
    out.push_str("</header>\n");
    blocks_html(doc, &mut out);
    if !doc.comments.is_empty() {
        out.push_str("<section class=\"comments\">\n");
        for c in &doc.comments {
            out.push_str("<article class=\"comment\">");
            if let Some(a) = &c.author {
                out.push_str(&format!("<p class=\"author\">{}</p>", esc(a)));
            }
            out.push_str(&format!("<p>{}</p></article>\n", esc(&c.text)));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</article>");
    out
}

/// The Document as TEI XML: metadata in the `teiHeader`, the body in
/// `text/body/div[@type=entry]`, comments in `div[@type=comments]`.
pub fn to_tei(doc: &Document) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<teiHeader>\n<fileDesc>\n<titleStmt>\n",
    );
    if let Some(t) = &doc.title {
        out.push_str(&format!("<title type=\"main\">{}</title>\n", esc(t)));
    }
    for a in &doc.authors {
        out.push_str(&format!("<author>{}</author>\n", esc(a)));
    }
    out.push_str("</titleStmt>\n<publicationStmt>\n");
    if let Some(s) = &doc.site_name {
        out.push_str(&format!("<publisher>{}</publisher>\n", esc(s)));
    }
    if let Some(d) = &doc.published {
        out.push_str(&format!("<date when=\"{}\">{}</date>\n", esc(d), esc(d)));
    }
    if let Some(u) = doc.canonical_url.as_ref().or(doc.url.as_ref()) {
        out.push_str(&format!("<idno type=\"URL\">{}</idno>\n", esc(u)));
    }
    out.push_str("</publicationStmt>\n<sourceDesc>\n<bibl>");
    let bibl: Vec<&str> = [&doc.title, &doc.site_name, &doc.published]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    out.push_str(&esc(&bibl.join(", ")));
    out.push_str("</bibl>\n</sourceDesc>\n</fileDesc>\n");
    if let Some(l) = &doc.lang {
        out.push_str(&format!(
            "<profileDesc>\n<langUsage>\n<language ident=\"{}\"/>\n</langUsage>\n</profileDesc>\n",
            esc(l)
        ));
    }
    out.push_str("</teiHeader>\n<text>\n<body>\n<div type=\"entry\">\n");
    for (tag, value) in [("kicker", &doc.kicker), ("teaser", &doc.teaser)] {
        if let Some(v) = value {
            out.push_str(&format!("<p rend=\"{tag}\">{}</p>\n", esc(v)));
        }
    }
    let mut in_list = false;
    for b in &doc.blocks {
        let is_list = b.kind == BlockKind::ListItem;
        if in_list && !is_list {
            out.push_str("</list>\n");
        }
        if is_list && !in_list {
            out.push_str("<list>\n");
        }
        in_list = is_list;
        let t = esc(&b.text);
        match b.kind {
            BlockKind::Heading => out.push_str(&format!("<head>{t}</head>\n")),
            BlockKind::ListItem => out.push_str(&format!("<item>{t}</item>\n")),
            BlockKind::Quote => out.push_str(&format!("<quote>{t}</quote>\n")),
            BlockKind::Code => out.push_str(&format!("<code>{t}</code>\n")),
            BlockKind::ImageCaption => out.push_str(&format!("<p rend=\"caption\">{t}</p>\n")),
            BlockKind::Paragraph => out.push_str(&format!("<p>{t}</p>\n")),
            BlockKind::Table => {
                out.push_str("<table>\n");
                for row in b.text.lines() {
                    out.push_str("<row>");
                    for cell in row.split('\t') {
                        out.push_str(&format!("<cell>{}</cell>", esc(cell)));
                    }
                    out.push_str("</row>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    if in_list {
        out.push_str("</list>\n");
    }
    out.push_str("</div>\n");
    if !doc.comments.is_empty() {
        out.push_str("<div type=\"comments\">\n");
        for c in &doc.comments {
            out.push_str("<div type=\"comment\">");
            if let Some(a) = &c.author {
                out.push_str(&format!("<fw type=\"author\">{}</fw>", esc(a)));
            }
            out.push_str(&format!("<p>{}</p></div>\n", esc(&c.text)));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</text>\n</TEI>");
    out
}

/// The body as plain text, paragraphs separated by one blank line; then the
/// reader comments, when the caller asked for them (`Options::include_comments`
/// fills `Document::comments`), each under a line naming its author and date.
pub fn to_text(doc: &Document) -> String {
    let mut out = doc.text.clone();
    for c in &doc.comments {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let head = comment_head(c);
        if !head.is_empty() {
            out.push_str(&head);
            out.push_str(":\n");
        }
        out.push_str(&c.text);
    }
    out
}

/// "Anna · 2023-05-03T14:05:00": who wrote a comment and when, as known.
fn comment_head(c: &Comment) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(a) = &c.author {
        parts.push(a);
    }
    if let Some(d) = &c.date {
        parts.push(d);
    }
    parts.join(" · ")
}

/// The whole Document as one JSON object.
pub fn to_json(doc: &Document) -> String {
    // Serialising plain strings and vectors cannot fail.
    serde_json::to_string(doc).unwrap_or_else(|_| "{}".to_string())
}

/// Markdown: the title as a level-1 heading, then the body with headings,
/// lists, quotes, tables and code kept; the reader comments, when present,
/// in a "Comments" section at the end.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(k) = &doc.kicker {
        out.push_str(&format!("*{}*\n\n", escape_inline(k)));
    }
    if let Some(t) = &doc.title {
        out.push_str(&format!("# {}\n\n", escape_inline(t)));
    }
    if let Some(t) = &doc.teaser {
        out.push_str(&format!("**{}**\n\n", escape_inline(t)));
    }
    let byline = byline(doc);
    if !byline.is_empty() {
        out.push_str(&format!("_{}_\n\n", byline));
    }
    let mut prev_list = false;
    for b in &doc.blocks {
        let is_list = b.kind == BlockKind::ListItem;
        if prev_list && !is_list {
            out.push('\n');
        }
        match b.kind {
            BlockKind::Heading => {
                let level = b.level.unwrap_or(2).clamp(2, 6) as usize;
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(&escape_inline(&b.text));
                out.push_str("\n\n");
            }
            BlockKind::ListItem => {
                let depth = b.level.unwrap_or(1).saturating_sub(1) as usize;
                out.push_str(&"  ".repeat(depth));
                out.push_str("- ");
                out.push_str(&escape_inline(&b.text).replace('\n', " "));
                out.push('\n');
            }
            BlockKind::Quote => {
                for line in b.text.lines() {
                    out.push_str("> ");
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
            }
            BlockKind::Code => {
                out.push_str("```\n");
                out.push_str(&b.text);
                if !b.text.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("```\n\n");
            }
            BlockKind::Table => {
                out.push_str(&table_markdown(&b.text));
                out.push('\n');
            }
            BlockKind::ImageCaption => {
                out.push('*');
                out.push_str(&escape_inline(&b.text));
                out.push_str("*\n\n");
            }
            BlockKind::Paragraph => {
                out.push_str(&escape_inline(&b.text));
                out.push_str("\n\n");
            }
        }
        prev_list = is_list;
    }
    if prev_list {
        out.push('\n');
    }
    if !doc.comments.is_empty() {
        out.push_str("## Comments\n\n");
        for c in &doc.comments {
            let head = comment_head(c);
            if !head.is_empty() {
                out.push_str(&format!("**{}**\n\n", escape_inline(&head)));
            }
            for para in c.text.split("\n\n") {
                out.push_str(&escape_inline(para));
                out.push_str("\n\n");
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn byline(doc: &Document) -> String {
    let mut parts = Vec::new();
    if !doc.authors.is_empty() {
        parts.push(doc.authors.join(", "));
    }
    if let Some(d) = &doc.published {
        parts.push(d.clone());
    }
    parts.join(" · ")
}

/// Table blocks keep rows on lines and cells separated by tabs; Markdown
/// wants pipes and a header separator after the first row.
fn table_markdown(text: &str) -> String {
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            out.push(' ');
            out.push_str(&row.get(c).unwrap_or(&"").replace('|', "\\|"));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in 0..width {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out
}

/// Escape characters that would start Markdown syntax at the start of a line.
fn escape_inline(s: &str) -> String {
    let t = s.trim_start();
    if t.starts_with('#') || t.starts_with('>') || t.starts_with("- ") || t.starts_with("* ") {
        format!("\\{t}")
    } else {
        s.to_string()
    }
}
