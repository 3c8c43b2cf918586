//! Segmentation: the page's visible text cut into blocks (a paragraph, a
//! heading, a list item, a table, a code block …), each tied to the element
//! that owns it and carrying the features the classifier reads.

use crate::analyze::{flag, Analysis};
use crate::document::BlockKind;
use crate::dom::{Dom, NodeData, NodeId, NONE};
use html5ever::local_name;

/// A block of text as segmentation finds it.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub text: String,
    pub kind: BlockKind,
    /// Heading level or list depth.
    pub level: u8,
    /// The nearest block-level element around the text.
    pub owner: NodeId,
    /// Non-whitespace characters, and those inside links.
    pub chars: u32,
    pub link_chars: u32,
    pub commas: u32,
}

impl RawBlock {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// A data table is rendered as one block (rows on lines, cells split by tabs)
/// when it is this small per cell; bigger cells mean a layout table, whose
/// cells are ordinary containers.
const DATA_TABLE_MAX_CELL_CHARS: u32 = 300;

struct Walker<'a> {
    dom: &'a Dom,
    an: &'a Analysis,
    blocks: Vec<RawBlock>,
    buf: String,
    buf_chars: u32,
    buf_links: u32,
    buf_commas: u32,
    pending_space: bool,
}

/// The context a block inherits from the elements around it.
#[derive(Clone, Copy)]
struct Ctx {
    owner: NodeId,
    kind: BlockKind,
    level: u8,
    list_depth: u8,
    link: bool,
    pre: bool,
}

/// Cut the page into blocks, in document order.
pub fn segment(dom: &Dom, an: &Analysis) -> Vec<RawBlock> {
    let mut w = Walker {
        dom,
        an,
        blocks: Vec::new(),
        buf: String::new(),
        buf_chars: 0,
        buf_links: 0,
        buf_commas: 0,
        pending_space: false,
    };
    let root = crate::dom::DOCUMENT;
    let ctx = Ctx {
        owner: root,
        kind: BlockKind::Paragraph,
        level: 0,
        list_depth: 0,
        link: false,
        pre: false,
    };
    // Explicit stack: Enter(node, ctx) or Leave(ctx of the parent block).
    enum Step {
        Enter(NodeId, Ctx),
        Leave(Ctx),
    }
    let mut stack = vec![Step::Enter(root, ctx)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(ctx) => {
                w.flush(ctx);
            }
            Step::Enter(id, ctx) => {
                let node = dom.node(id);
                match &node.data {
                    NodeData::Text(t) => w.push_text(id, t, ctx),
                    NodeData::Element(el) => {
                        let i = id as usize;
                        if an.flags[i] & flag::SKIP != 0 {
                            continue;
                        }
                        // Atoms compare as words: no tag name is read as a string.
                        let tag = &el.name.local;
                        if *tag == local_name!("br") {
                            if ctx.pre {
                                w.buf.push('\n');
                            } else if w.buf.ends_with('\n') {
                                // Two line breaks: a paragraph break in pages
                                // that use `<br><br>` instead of `<p>`.
                                w.flush(ctx);
                            } else if !w.buf.is_empty() {
                                w.buf.push('\n');
                                w.pending_space = false;
                            }
                            continue;
                        }
                        let is_block = an.flags[i] & (flag::BLOCK | flag::CHROME) != 0;
                        let mut inner = ctx;
                        if *tag == local_name!("a") && el.attr_named(&local_name!("href")).is_some()
                        {
                            inner.link = true;
                        }
                        if is_block {
                            w.flush(ctx);
                            inner.owner = id;
                            match *tag {
                                local_name!("h1")
                                | local_name!("h2")
                                | local_name!("h3")
                                | local_name!("h4")
                                | local_name!("h5")
                                | local_name!("h6") => {
                                    inner.kind = BlockKind::Heading;
                                    inner.level = tag.as_bytes()[1] - b'0';
                                }
                                local_name!("li") | local_name!("dt") | local_name!("dd") => {
                                    inner.kind = BlockKind::ListItem;
                                    inner.level = ctx.list_depth.max(1);
                                }
                                local_name!("ul")
                                | local_name!("ol")
                                | local_name!("dl")
                                | local_name!("menu")
                                | local_name!("dir") => {
                                    inner.list_depth = ctx.list_depth.saturating_add(1);
                                }
                                local_name!("blockquote") => inner.kind = BlockKind::Quote,
                                local_name!("pre")
                                | local_name!("listing")
                                | local_name!("xmp")
                                | local_name!("plaintext") => {
                                    inner.kind = BlockKind::Code;
                                    inner.pre = true;
                                }
                                local_name!("figcaption") | local_name!("caption") => {
                                    inner.kind = BlockKind::ImageCaption
                                }
                                local_name!("p") => {
                                    if ctx.kind != BlockKind::Quote {
                                        inner.kind = BlockKind::Paragraph;
                                    }
                                }
                                local_name!("table") => {
                                    if w.try_data_table(id, ctx) {
                                        continue;
                                    }
                                }
                                _ => {
                                    // Containers keep quote/code context; lists
                                    // end at a nested container.
                                    if !matches!(ctx.kind, BlockKind::Quote | BlockKind::Code) {
                                        inner.kind = BlockKind::Paragraph;
                                    }
                                }
                            }
                            stack.push(Step::Leave(inner));
                        }
                        let mut c = node.last_child;
                        while c != NONE {
                            stack.push(Step::Enter(c, inner));
                            c = dom.node(c).prev;
                        }
                    }
                    NodeData::Document => {
                        let mut c = node.last_child;
                        while c != NONE {
                            stack.push(Step::Enter(c, ctx));
                            c = dom.node(c).prev;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    w.flush(ctx);
    w.blocks
}

impl Walker<'_> {
    fn push_text(&mut self, id: NodeId, t: &str, ctx: Ctx) {
        // The analysis has counted the text node already.
        let (chars, commas) = (self.an.chars[id as usize], self.an.commas[id as usize]);
        if ctx.pre {
            self.buf.push_str(t);
            self.buf_chars += chars;
            self.buf_commas += commas;
            if ctx.link {
                self.buf_links += chars;
            }
            return;
        }
        if chars == 0 {
            // Only ASCII white space: no words, just a word break.
            if !t.is_empty() {
                self.pending_space = true;
            }
            return;
        }
        // Words are the runs between white space (as `char::is_whitespace`
        // says); only the lead bytes of the non-ASCII white space characters
        // (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) need decoding.
        // Words joined by single ASCII spaces go in as one piece.
        let b = t.as_bytes();
        // White space other than ASCII's (vertical tab, no-break space, …):
        // the analysis counted it as characters.
        let mut other_space = 0;
        let mut i = 0;
        while i < b.len() {
            if let Some(len) = space_at(t, i, &mut other_space) {
                self.pending_space = true;
                i += len;
                continue;
            }
            let start = i;
            i += 1;
            loop {
                // Eight bytes at a time while they are plain ASCII words
                // joined by single spaces.
                while i + 9 <= b.len() && !word_break_in(&b[i..i + 9]) {
                    i += 8;
                }
                while i < b.len() && BYTE_KIND[b[i] as usize] == WORD {
                    i += 1;
                }
                if i == b.len() {
                    break;
                }
                if b[i] == b' ' && b.get(i + 1).is_some_and(|&n| BYTE_KIND[n as usize] == WORD) {
                    i += 2;
                } else if BYTE_KIND[b[i] as usize] == MAYBE_SPACE && !starts_space(t, i) {
                    i += 1;
                } else {
                    break;
                }
            }
            self.push_word(&t[start..i]);
        }
        // The sum over the words: all but the white space.
        let c = chars - other_space;
        self.buf_chars += c;
        self.buf_commas += commas;
        if ctx.link {
            self.buf_links += c;
        }
    }

    fn push_word(&mut self, word: &str) {
        if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push(' ');
        }
        self.pending_space = false;
        self.buf.push_str(word);
    }

    fn flush(&mut self, ctx: Ctx) {
        self.pending_space = false;
        if self.buf_chars == 0 {
            self.buf.clear();
            return;
        }
        let text = if ctx.pre {
            trim_pre(&self.buf)
        } else {
            self.buf.trim_end_matches('\n').to_string()
        };
        self.buf.clear();
        self.blocks.push(RawBlock {
            text,
            kind: ctx.kind,
            level: ctx.level,
            owner: ctx.owner,
            chars: self.buf_chars,
            link_chars: self.buf_links,
            commas: self.buf_commas,
        });
        self.buf_chars = 0;
        self.buf_links = 0;
        self.buf_commas = 0;
    }

    /// Render a small data table as one block: rows on lines, cells split by
    /// tabs. Returns false (and emits nothing) for a layout table.
    fn try_data_table(&mut self, table: NodeId, ctx: Ctx) -> bool {
        let dom = self.dom;
        let an = self.an;
        let mut ordered: Vec<Vec<NodeId>> = Vec::new();
        collect_rows(dom, table, &mut ordered);
        let rows = ordered;
        if rows.is_empty() {
            return false;
        }
        let max_cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if max_cols < 2 && rows.len() < 2 {
            return false;
        }
        for r in &rows {
            for &c in r {
                if an.chars[c as usize] > DATA_TABLE_MAX_CELL_CHARS
                    || an.flags[c as usize] & flag::HAS_BLOCK_CHILD != 0
                        && has_block_descendant(dom, an, c)
                {
                    return false;
                }
            }
        }
        self.flush(ctx);
        let mut text = String::new();
        for r in &rows {
            let mut line = String::new();
            for (k, &c) in r.iter().enumerate() {
                if k > 0 {
                    line.push('\t');
                }
                let mut s = String::new();
                dom.text_of(c, &mut s);
                line.push_str(&s.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            if !line.trim().is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(line.trim_end_matches('\t'));
            }
        }
        if !text.is_empty() {
            let i = table as usize;
            self.blocks.push(RawBlock {
                text,
                kind: BlockKind::Table,
                level: 0,
                owner: table,
                chars: an.chars[i],
                link_chars: an.link_chars[i],
                commas: an.commas[i],
            });
        }
        true
    }
}

fn collect_rows(dom: &Dom, n: NodeId, out: &mut Vec<Vec<NodeId>>) {
    for c in dom.children(n) {
        match dom.tag(c) {
            "tr" => out.push(
                dom.children(c)
                    .filter(|&x| matches!(dom.tag(x), "td" | "th"))
                    .collect(),
            ),
            "thead" | "tbody" | "tfoot" => collect_rows(dom, c, out),
            _ => {}
        }
    }
}

/// Does a table cell hold paragraphs, lists or other block structure?
fn has_block_descendant(dom: &Dom, an: &Analysis, cell: NodeId) -> bool {
    let mut stack = vec![cell];
    while let Some(n) = stack.pop() {
        for c in dom.children(n) {
            if matches!(
                dom.tag(c),
                "p" | "div" | "ul" | "ol" | "table" | "blockquote" | "pre" | "h1" | "h2" | "h3"
            ) && an.chars[c as usize] > 0
            {
                return true;
            }
            stack.push(c);
        }
    }
    false
}

/// Trim blank lines around preformatted text but keep its indentation.
fn trim_pre(s: &str) -> String {
    let s = s.trim_end();
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
        } else {
            break;
        }
    }
    s[start..].to_string()
}

/// What a byte of text is to [`Walker::push_text`]: part of a word, ASCII
/// white space, the vertical tab (white space that the analysis counted as a
/// character), or the lead byte of a non-ASCII white space character
/// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) or of some other
/// character sharing that lead byte.
const WORD: u8 = 0;
const SPACE: u8 = 1;
const VERTICAL_TAB: u8 = 2;
const MAYBE_SPACE: u8 = 3;

const BYTE_KIND: [u8; 256] = {
    let mut k = [WORD; 256];
    k[b' ' as usize] = SPACE;
    k[b'\t' as usize] = SPACE;
    k[b'\n' as usize] = SPACE;
    k[0x0C] = SPACE;
    k[b'\r' as usize] = SPACE;
    k[0x0B] = VERTICAL_TAB;
    k[0xC2] = MAYBE_SPACE;
    k[0xE1] = MAYBE_SPACE;
    k[0xE2] = MAYBE_SPACE;
    k[0xE3] = MAYBE_SPACE;
    k
};

/// The length of the white space character at byte `i` of `t`, if there is
/// one (as `char::is_whitespace` says); counts it in `other` when it is not
/// ASCII white space.
#[inline]
fn space_at(t: &str, i: usize, other: &mut u32) -> Option<usize> {
    match BYTE_KIND[t.as_bytes()[i] as usize] {
        WORD => None,
        SPACE => Some(1),
        VERTICAL_TAB => {
            *other += 1;
            Some(1)
        }
        _ => {
            let ch = t[i..].chars().next()?;
            if ch.is_whitespace() {
                *other += 1;
                Some(ch.len_utf8())
            } else {
                None
            }
        }
    }
}

/// Could a word piece of [`Walker::push_text`] end among the first eight
/// bytes of `b` (nine bytes: the ninth follows the eighth)? Not if each is
/// a printable ASCII character, or a single space before one; any other
/// byte (white space, control, non-ASCII) says perhaps, and the bytes are
/// then read one at a time. All eight bytes are tested at once, as bits of
/// a word.
#[inline]
fn word_break_in(b: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte set when its low seven bits are at least `c`
    // (no carry crosses a byte).
    let at_least = |x: u64, c: u64| ((x & LOW7) + (0x80 - c) * ONES) & HIGH;
    let (Ok(x), Ok(y)) = (b[..8].try_into(), b[1..9].try_into()) else {
        return true;
    };
    let (x, y) = (u64::from_le_bytes(x), u64::from_le_bytes(y));
    // Bytes below 0x20 or not ASCII.
    let hard = (x | !at_least(x, 0x20)) & HIGH;
    // Spaces (0x20), and bytes that no word goes on across: below 0x21
    // (white space, a second space) or not ASCII.
    let space = at_least(x, 0x20) & !at_least(x, 0x21) & !x & HIGH;
    let next_not_word = (y | !at_least(y, 0x21)) & HIGH;
    hard | (space & next_not_word) != 0
}

/// Does a white space character start at byte `i` of `t` (a lead byte of
/// [`MAYBE_SPACE`])?
#[inline]
fn starts_space(t: &str, i: usize) -> bool {
    t[i..].chars().next().is_some_and(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::segment;
    use crate::analyze::analyze;
    use crate::dom::Dom;

    fn blocks(html: &str) -> Vec<(String, u32)> {
        let dom = Dom::parse(html);
        let an = analyze(&dom, true);
        segment(&dom, &an)
            .into_iter()
            .map(|b| (b.text, b.chars))
            .collect()
    }

    #[test]
    fn words_are_split_at_any_white_space_and_joined_by_one_space() {
        // No-break space, ideographic space, vertical tab, a line break and
        // runs of spaces split words; ©, – and ‘ share lead bytes with white
        // space characters but are letters of a word.
        let html = "<p>  a\u{a0}b\u{3000}c\u{b}d\n e  ©f–g ‘h’ <b>i</b> j </p>";
        assert_eq!(blocks(html), [("a b c d e ©f–g ‘h’ i j".to_string(), 14)]);
        assert_eq!(
            blocks("<p>x<a href=/>y</a>\u{2003}z</p><pre> p  q\n</pre>"),
            [("xy z".to_string(), 3), (" p  q".to_string(), 2)]
        );
    }

    #[test]
    fn eight_bytes_at_a_time_only_through_words_and_single_spaces() {
        use super::word_break_in;
        assert!(!word_break_in(b"ab cd ef g"));
        assert!(!word_break_in(b"a,b.c-d! e"));
        assert!(word_break_in(b"ab  cd efg"));
        assert!(word_break_in(b"abcdefg \n"));
        assert!(!word_break_in(b"abcdefg x"));
        assert!(word_break_in(b"abcdef\ngh"));
        assert!(word_break_in(b"abc\tdefgh"));
        assert!(word_break_in("abcd\u{a0}efg".as_bytes()));
        assert!(word_break_in("abcdéfgh".as_bytes()));
        assert!(!word_break_in(b"~~~~~~~~~"));
        assert!(word_break_in(b"abcdefg \x0b"));
        assert!(word_break_in(b"\x7f\x1fabcdefg"));
        // The long lines of a text node come out as with one byte at a time.
        let line = "Words, joined by single spaces;  two spaces\there, a tab,\nthen the end.";
        let html = format!("<p>{line} {line}</p>");
        let want = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(blocks(&html)[0].0, format!("{want} {want}"));
    }
}
