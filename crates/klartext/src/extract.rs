//! Placeholder; replaced by the real pipeline.
use crate::dom::{Dom, DOCUMENT};
use crate::{Block, BlockKind, Document, Options};

pub(crate) fn extract_text_html(html: &str, options: &Options) -> Document {
    let dom = Dom::parse(html);
    let mut s = String::new();
    dom.text_of(DOCUMENT, &mut s);
    let mut doc = Document {
        url: options.url.clone(),
        ..Default::default()
    };
    doc.blocks.push(Block { kind: BlockKind::Paragraph, text: s.split_whitespace().collect::<Vec<_>>().join(" "), level: None });
    doc.rebuild_text();
    doc
}
