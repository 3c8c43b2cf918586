//! The Document: the article a reader would recognise, with its parts named.
//!
//! This is the engine's only output type; every renderer (text, Markdown,
//! JSON) and every shell (CLI, batch) works from it.

use serde::Serialize;

/// What kind of body block this is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Table,
    Code,
    ImageCaption,
}

/// One block of the article body, in page order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Heading level 1–6, or list nesting depth (1 = top level).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
}

/// A reader comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

/// The extracted article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub url: Option<String>,
    pub lang: Option<String>,
    pub site_name: Option<String>,
    pub kicker: Option<String>,
    pub title: Option<String>,
    pub teaser: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub dateline: Option<String>,
    pub agency: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub canonical_url: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub page_type: Option<String>,
    /// The body, in page order.
    pub blocks: Vec<Block>,
    /// The body as plain text: blocks separated by one blank line.
    pub text: String,
    /// Reader comments in page order, when `Options::include_comments` is
    /// set; never part of the body.
    pub comments: Vec<Comment>,
    /// The number of comments the page states ("42 Kommentare", JSON-LD
    /// `commentCount`), or else the number found; filled whether or not the
    /// comments are included.
    pub comment_count: Option<u32>,
    /// The encoding the page was decoded from (a WHATWG label).
    pub encoding: Option<String>,
    /// Which extraction stage produced the body (see `extract::Stage`).
    pub extracted_by: Option<String>,
    /// Whether a limit of [`crate::Limits`] cut the extraction short (the
    /// page was larger, deeper, had more elements or needed more work than
    /// allowed): the fields then come from the part of the page that was
    /// read. `warnings` names the limit. Serialized only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// What was cut and why, one sentence each (see `partial`); also the
    /// fixes made to hostile markup that the body may show (attributes
    /// dropped, nesting flattened). Serialized only when not empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// Record that a limit cut the extraction short.
    pub(crate) fn warn_partial(&mut self, warning: String) {
        self.partial = true;
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

impl Document {
    /// Recompute `text` from `blocks`.
    pub fn rebuild_text(&mut self) {
        let mut text = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 2).sum());
        for b in &self.blocks {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&b.text);
        }
        self.text = text;
    }
}
