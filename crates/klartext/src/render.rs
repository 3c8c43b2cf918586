//! Renderers: one function per output format, all from the same Document.

use crate::document::{BlockKind, Comment, Document};

/// Output formats the renderers support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format '{other}': use text, markdown or json"
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
    }
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
