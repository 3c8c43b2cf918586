//! Limits on one page's size and shape, and the pass that enforces them
//! before the parser sees the page.
//!
//! The HTML parser (html5ever) does work that grows with the square of some
//! hostile shapes: every start tag looks down the stack of open elements
//! (100,000 nested `<div>`s cost minutes), and every attribute is compared
//! with the tag's earlier ones (a million attributes on one tag never end).
//! [`prepare_html`] scans the page once, as the HTML tokenizer would, and
//! rewrites only what is past a limit: tags nested deeper than
//! [`Limits::max_depth`] are dropped (their text stays, flattened into the
//! deepest element kept, as browsers do), attributes past
//! [`Limits::max_attributes`] are dropped, and the page is cut before the
//! element that would pass [`Limits::max_nodes`]. A page within the limits
//! is passed on untouched and uncopied.
//!
//! The nesting it tracks is an approximation of the tree builder's (the
//! common implied end tags are modelled: `<p>` closed by blocks, `<li>` by
//! `<li>`, cells by cells and rows, `<option>` by `<option>`). A link inside
//! a link is counted as nested although the tree builder closes the outer
//! one: it then reopens the formatting elements (`<b>`, `<i>`, `<font>`…)
//! that were inside, so the real tree grows about as deep.

use foldhash::HashMap;
use std::borrow::Cow;
use std::time::Duration;

/// Bounds on the work one page may cause. Past a bound the engine still
/// returns a Document, built from what it read, with
/// [`Document::partial`](crate::Document::partial) set and a sentence in
/// `warnings`; it never panics, hangs or grows without bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the page read (HTML or text); the rest is cut. Default
    /// 16 MiB: more than any real article page (the HTML standard's
    /// single page is 13 MB; Common Crawl cuts records at 1 MiB).
    pub max_bytes: usize,
    /// Elements (HTML) or lines (text) read; the page is cut before the
    /// next. Default 500,000 (a large real page has 20,000).
    pub max_nodes: usize,
    /// Elements nested deeper than this are flattened into their ancestor
    /// at this depth (their text is kept). Default 512, as in Chromium's
    /// parser; real pages stay under 100.
    pub max_depth: usize,
    /// Attributes of one tag past this many are dropped. Default 256.
    pub max_attributes: usize,
    /// Time the optional stages may start within: once this much has
    /// passed since the call began, the stages not yet run that a body does
    /// not need (the re-read of hidden parts, dates, authors, the rescue
    /// stages) are skipped and the Document marked partial. `None` (the
    /// default) keeps results independent of the machine's speed.
    pub time_budget: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_nodes: 500_000,
            max_depth: 512,
            max_attributes: 256,
            time_budget: None,
        }
    }
}

/// Cut `bytes` to at most `max` bytes, stepping back over a UTF-8
/// continuation so that a multi-byte character is not split (for other
/// encodings the decoder replaces a split character). `None` when the
/// bytes fit.
pub(crate) fn cut_bytes(bytes: &[u8], max: usize) -> Option<&[u8]> {
    if bytes.len() <= max {
        return None;
    }
    let mut end = max;
    let floor = max.saturating_sub(3);
    while end > floor && end > 0 && (bytes[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    Some(&bytes[..end])
}

/// The warning for a page cut at `max` bytes.
pub(crate) fn bytes_warning(max: usize) -> String {
    format!("the page is longer than {max} bytes; only the first {max} were read (limit max_bytes)")
}

/// The page as the parser will see it, and what was changed.
pub(crate) struct Prepared<'a> {
    pub html: Cow<'a, str>,
    pub warnings: Vec<String>,
}

/// Elements without content or end tag: they never nest.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose content is text up to their end tag: they never hold
/// elements.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Start tags that close an open `<p>` (the HTML standard's list).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];
/// Tags the tree builder merges into the existing `html`, `head` and `body`.
const ROOTS: &[&str] = &["html", "head", "body"];
/// How far down the stack an implied end tag is looked for.
const IMPLIED_SEARCH: usize = 8;

/// A tag name folded to a number (FNV-1a over its lowercase bytes); two
/// names that collide only make the nesting estimate a little rougher.
fn name_key(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Keys of a word list.
fn keys(list: &[&str]) -> Vec<u64> {
    list.iter().map(|n| name_key(n.as_bytes())).collect()
}

#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// One tag as the tokenizer reads it.
struct Tag {
    /// Byte after the closing `>`.
    end: usize,
    name: u64,
    /// Where the first attribute past the limit starts, and where the
    /// attributes end (the `/` or `>` that closes the tag).
    excess: Option<(usize, usize)>,
    self_closing: bool,
}

/// Read the tag whose name starts at `at` (just after `<` or `</`); `None`
/// when the page ends inside it (the tokenizer then drops it). With
/// `unread`, the spans of attributes no stage reads are put there (rule
/// `unread-attributes-are-skipped`), up to the attribute limit.
fn read_tag(
    b: &[u8],
    at: usize,
    max_attributes: usize,
    mut unread: Option<&mut Vec<(usize, usize)>>,
) -> Option<Tag> {
    if let Some(u) = unread.as_deref_mut() {
        u.clear();
    }
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = name_key(&b[at..i]);
    let mut count = 0usize;
    let mut excess_from = None;
    let mut self_closing = false;
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        let &c = b.get(i)?;
        if c == b'>' {
            let excess = excess_from.map(|from| {
                let to = if self_closing { i - 1 } else { i };
                (from, to.max(from))
            });
            return Some(Tag {
                end: i + 1,
                name,
                excess,
                self_closing,
            });
        }
        self_closing = false;
        // An attribute name (its first character may be `=`).
        let start = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name_end = i;
        count += 1;
        if count == max_attributes + 1 {
            excess_from = Some(start);
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut end = name_end;
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = memchr::memchr(q, &b[i + 1..])?;
                    i += close + 2;
                }
                Some(_) => {
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                }
                None => return None,
            }
            end = i;
        }
        // A cut right after `/` would join it to the next `>` and make the
        // tag self-closing, which matters in SVG and MathML.
        if let Some(u) = unread.as_deref_mut() {
            if count <= max_attributes
                && b[start - 1] != b'/'
                && !is_read_attribute(&b[start..name_end])
            {
                u.push((start, end));
            }
        }
    }
}

/// Rule `unread-attributes-are-skipped`: whether an attribute name (any
/// case) is one that a stage of the engine or the tree builder reads; the
/// others are cut before parsing. Pages carry a third of their markup in
/// attribute values, most of it `data-*`, `src`, `srcset`, inline SVG
/// paths and event handlers; the tokenizer would copy each into the tree
/// only for it to be dropped unread. Every name the engine looks up is
/// listed (a test reads every `attr("…")` call in the crate's source), with
/// the names the tree builder reads: `type` (hidden inputs in
/// tables), `encoding` (MathML annotations), `color`/`face`/`size` (a
/// `<font>` that leaves SVG) and `shadowrootmode` (templates).
fn is_read_attribute(name: &[u8]) -> bool {
    // Folded into a small buffer and matched whole (a length switch, then
    // one comparison).
    let mut buf = [0u8; 20];
    let Some(folded) = buf.get_mut(..name.len()) else {
        return false;
    };
    for (f, &c) in folded.iter_mut().zip(name) {
        *f = c.to_ascii_lowercase();
    }
    matches!(
        &*folded,
        b"aria-hidden"
            | b"aria-multiselectable"
            | b"charset"
            | b"class"
            | b"color"
            | b"content"
            | b"data-component"
            | b"data-testid"
            | b"datetime"
            | b"encoding"
            | b"face"
            | b"hidden"
            | b"href"
            | b"http-equiv"
            | b"id"
            | b"itemprop"
            | b"itemscope"
            | b"itemtype"
            | b"lang"
            | b"name"
            | b"property"
            | b"pubdate"
            | b"rel"
            | b"role"
            | b"shadowrootmode"
            | b"size"
            | b"style"
            | b"summary"
            | b"title"
            | b"type"
            | b"xml:lang"
    )
}

/// Where the end tag `</name` of a raw-text element starts at or after
/// `from`, or the end of the page.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off;
        let n = at + 2;
        if b.len() >= n + name.len()
            && b[n..n + name.len()].eq_ignore_ascii_case(name)
            && b.get(n + name.len())
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// Whether the body of a `<script>` (else `<style>`) whose start tag is
/// `tag` can be cut before parsing (rule `unread-raw-text-is-skipped`).
fn unread_raw_text(is_script: bool, tag: &[u8], body: &[u8]) -> bool {
    if !is_script {
        return true;
    }
    // `<!--` then `<script` inside a script switches the tokenizer to its
    // double-escaped state, where `</script>` does not end the element.
    if memchr::memmem::find(body, b"<!--").is_some()
        && body
            .windows(SCRIPT_OPEN.len())
            .any(|w| w.eq_ignore_ascii_case(SCRIPT_OPEN))
    {
        return false;
    }
    let json_ld = tag
        .windows(JSON_LD_TYPE.len())
        .any(|w| w.eq_ignore_ascii_case(JSON_LD_TYPE));
    !json_ld
        && !crate::dates::SCRIPT_DATE_KEYS
            .iter()
            .any(|(key, _)| memchr::memmem::find(body, key.as_bytes()).is_some())
}

/// A script start tag inside a script's body.
const SCRIPT_OPEN: &[u8] = b"<script";
/// What a JSON-LD script's `type` attribute holds.
const JSON_LD_TYPE: &[u8] = b"ld+json";

/// Elements of a page's head: their tags separate nothing readable either.
const HEAD_TAGS: &[&str] = &["head", "title", "meta", "link", "script", "style", "base"];

/// Rule `blank-between-blocks-is-skipped`: the span between the previous
/// tag (`before`: where it ended, whether it is a block boundary) and the
/// tag at `lt` when it is only ASCII white space and one of the two tags is
/// a block boundary: white space at the start or end of a block's text
/// separates nothing.
fn blank_cut(
    b: &[u8],
    before: Option<(usize, bool)>,
    here: bool,
    lt: usize,
) -> Option<(usize, usize)> {
    let (from, was_boundary) = before?;
    ((was_boundary || here) && from < lt && b[from..lt].iter().all(|&c| is_space(c)))
        .then_some((from, lt))
}

/// The cuts of a start tag that stays: its unread attributes, then what is
/// past the attribute limit.
fn keep_tag(
    cuts: &mut Vec<(usize, usize)>,
    unread: &[(usize, usize)],
    tag: &Tag,
    trimmed: &mut usize,
) {
    cuts.extend_from_slice(unread);
    if let Some(x) = tag.excess {
        cuts.push(x);
        *trimmed += 1;
    }
}

/// Buckets of [`Stack::open`]: names share a bucket only by hash collision,
/// which at worst sends an end tag on a search down the stack that finds
/// nothing.
const OPEN_BUCKETS: usize = 512;

/// The open elements as the scan estimates them.
struct Stack {
    names: Vec<u64>,
    /// How many open elements fall in each bucket of names.
    open: Vec<u32>,
    /// Exact counts of the few names asked about exactly.
    watched: Vec<(u64, u32)>,
}

impl Stack {
    fn new(watched: &[u64]) -> Self {
        Stack {
            names: Vec::new(),
            open: vec![0; OPEN_BUCKETS],
            watched: watched.iter().map(|&n| (n, 0)).collect(),
        }
    }

    fn bucket(name: u64) -> usize {
        (name % OPEN_BUCKETS as u64) as usize
    }

    fn push(&mut self, name: u64) {
        self.names.push(name);
        self.open[Self::bucket(name)] += 1;
        for w in &mut self.watched {
            if w.0 == name {
                w.1 += 1;
            }
        }
    }

    /// Whether an element of this name may be open (never a false "no").
    fn may_be_open(&self, name: u64) -> bool {
        self.open[Self::bucket(name)] > 0
    }

    /// Whether an element of this watched name is open.
    fn is_open(&self, name: u64) -> bool {
        self.watched.iter().any(|&(n, c)| n == name && c > 0)
    }

    /// Pop up to and including the nearest of `names`, looking at most
    /// `depth` entries down.
    fn close_near(&mut self, names: &[u64], depth: usize) {
        if !names.iter().any(|&n| self.may_be_open(n)) {
            return;
        }
        let len = self.names.len();
        let found = self.names[len.saturating_sub(depth)..]
            .iter()
            .rposition(|n| names.contains(n));
        if let Some(p) = found {
            let at = len.saturating_sub(depth) + p;
            self.pop_to(at);
        }
    }

    /// Pop the entries from `at` up.
    fn pop_to(&mut self, at: usize) {
        for n in self.names.drain(at..) {
            let c = &mut self.open[(n % OPEN_BUCKETS as u64) as usize];
            *c = c.saturating_sub(1);
            for w in &mut self.watched {
                if w.0 == n {
                    w.1 = w.1.saturating_sub(1);
                }
            }
        }
    }

    /// An end tag: pop up to and including the nearest open `name`.
    fn close(&mut self, name: u64) {
        if !self.may_be_open(name) {
            return;
        }
        if let Some(p) = self.names.iter().rposition(|&n| n == name) {
            self.pop_to(p);
        }
    }
}

/// Scan `html` and rewrite what is past `limits` (see the module comment).
pub(crate) fn prepare_html<'a>(html: &'a str, limits: &Limits) -> Prepared<'a> {
    let b = html.as_bytes();
    let void = keys(VOID);
    let raw = keys(RAW_TEXT);
    let closes_p = keys(CLOSES_P);
    let roots = keys(ROOTS);
    let key = |s: &str| name_key(s.as_bytes());
    let (p, li, dd, dt, option, optgroup, tr, td, th) = (
        key("p"),
        key("li"),
        key("dd"),
        key("dt"),
        key("option"),
        key("optgroup"),
        key("tr"),
        key("td"),
        key("th"),
    );
    let headings: Vec<u64> = ["h1", "h2", "h3", "h4", "h5", "h6"]
        .iter()
        .map(|h| key(h))
        .collect();
    let (svg, math, plaintext) = (key("svg"), key("math"), key("plaintext"));
    let (script, style) = (key("script"), key("style"));
    let (pre, listing) = (key("pre"), key("listing"));
    let mut boundaries: Vec<u64> = keys(crate::patterns::BLOCK_TAGS);
    boundaries.extend(keys(HEAD_TAGS));
    boundaries.sort_unstable();
    let is_boundary = |name: u64| boundaries.binary_search(&name).is_ok();
    // End of the last tag read, and whether it was a block boundary.
    let mut blank_from: Option<(usize, bool)> = None;

    let mut stack = Stack::new(&[pre, listing, svg, math]);
    // Start tags dropped for depth, by name: their end tags go too.
    let mut dropped: HashMap<u64, u32> = HashMap::default();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut unread: Vec<(usize, usize)> = Vec::new();
    let (mut flattened, mut trimmed_tags) = (0usize, 0usize);
    let mut elements = 0usize;
    let mut stop: Option<usize> = None;
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &b[pos..]) {
        let lt = pos + off;
        pos = lt + 1;
        let Some(&c) = b.get(lt + 1) else { break };
        let blank_before = blank_from.take();
        let in_pre = stack.is_open(pre) || stack.is_open(listing);
        match c {
            b'!' => {
                if b[lt + 2..].starts_with(b"--") {
                    match memchr::memmem::find(&b[lt + 2..], b"-->") {
                        Some(e) => {
                            pos = lt + 2 + e + 3;
                            if memchr::memmem::find(&b[lt..pos], b"--!>").is_none() {
                                cuts.push((lt, pos));
                            }
                        }
                        None => break,
                    }
                } else {
                    match memchr::memchr(b'>', &b[lt..]) {
                        Some(e) => pos = lt + e + 1,
                        None => break,
                    }
                }
            }
            b'?' => match memchr::memchr(b'>', &b[lt..]) {
                Some(e) => pos = lt + e + 1,
                None => break,
            },
            b'/' => {
                let Some(&c2) = b.get(lt + 2) else { break };
                if !c2.is_ascii_alphabetic() {
                    match memchr::memchr(b'>', &b[lt..]) {
                        Some(e) => pos = lt + e + 1,
                        None => break,
                    }
                    continue;
                }
                let Some(tag) = read_tag(b, lt + 2, limits.max_attributes, None) else {
                    break;
                };
                pos = tag.end;
                let here = is_boundary(tag.name);
                if !in_pre {
                    cuts.extend(blank_cut(b, blank_before, here, lt));
                }
                blank_from = Some((tag.end, here));
                if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                    *n -= 1;
                    cuts.push((lt, tag.end));
                    continue;
                }
                if let Some(x) = tag.excess {
                    cuts.push(x);
                    trimmed_tags += 1;
                }
                stack.close(tag.name);
            }
            c if c.is_ascii_alphabetic() => {
                let Some(tag) = read_tag(b, lt + 1, limits.max_attributes, Some(&mut unread))
                else {
                    break;
                };
                elements += 1;
                if elements > limits.max_nodes {
                    stop = Some(lt);
                    break;
                }
                pos = tag.end;
                let name = tag.name;
                let here = is_boundary(name);
                if !in_pre {
                    cuts.extend(blank_cut(b, blank_before, here, lt));
                }
                blank_from = Some((tag.end, here));
                if raw.contains(&name) {
                    blank_from = None;
                    keep_tag(&mut cuts, &unread, &tag, &mut trimmed_tags);
                    let name_len = b[lt + 1..]
                        .iter()
                        .position(|&c| is_space(c) || c == b'/' || c == b'>')
                        .unwrap_or(0);
                    let body = pos;
                    pos = raw_text_end(b, pos, &b[lt + 1..lt + 1 + name_len]);
                    if (name == script || name == style)
                        && body < pos
                        && unread_raw_text(name == script, &b[lt..body], &b[body..pos])
                    {
                        cuts.push((body, pos));
                    }
                    continue;
                }
                if name == plaintext {
                    break;
                }
                if void.contains(&name) || roots.contains(&name) {
                    keep_tag(&mut cuts, &unread, &tag, &mut trimmed_tags);
                    continue;
                }
                // Implied end tags.
                if closes_p.contains(&name) {
                    stack.close_near(&[p], IMPLIED_SEARCH);
                }
                if name == li {
                    stack.close_near(&[li], IMPLIED_SEARCH);
                } else if name == dd || name == dt {
                    stack.close_near(&[dd, dt], IMPLIED_SEARCH);
                } else if name == option || name == optgroup {
                    stack.close_near(&[option], 1);
                } else if name == tr {
                    stack.close_near(&[tr], IMPLIED_SEARCH);
                } else if name == td || name == th {
                    stack.close_near(&[td, th], IMPLIED_SEARCH);
                } else if headings.contains(&name) {
                    stack.close_near(&headings, 1);
                }
                let foreign = stack.is_open(svg) || stack.is_open(math);
                if tag.self_closing && (foreign || name == svg || name == math) {
                    keep_tag(&mut cuts, &unread, &tag, &mut trimmed_tags);
                    continue;
                }
                if stack.names.len() >= limits.max_depth {
                    *dropped.entry(name).or_insert(0) += 1;
                    cuts.push((lt, tag.end));
                    flattened += 1;
                    continue;
                }
                keep_tag(&mut cuts, &unread, &tag, &mut trimmed_tags);
                stack.push(name);
            }
            _ => {}
        }
    }
    let mut warnings = Vec::new();
    if flattened > 0 {
        warnings.push(format!(
            "{flattened} elements nested deeper than {} were flattened into their ancestor (limit max_depth)",
            limits.max_depth
        ));
    }
    if trimmed_tags > 0 {
        warnings.push(format!(
            "{trimmed_tags} tags had more than {} attributes; the rest were dropped (limit max_attributes)",
            limits.max_attributes
        ));
    }
    if let Some(at) = stop {
        warnings.push(format!(
            "the page has more than {} elements; it was read up to byte {at} (limit max_nodes)",
            limits.max_nodes
        ));
    }
    if cuts.is_empty() && stop.is_none() {
        return Prepared {
            html: Cow::Borrowed(html),
            warnings,
        };
    }
    let end = stop.unwrap_or(b.len());
    let mut out = String::with_capacity(end);
    let mut from = 0;
    for (s, e) in cuts {
        if s >= end {
            break;
        }
        // Cuts start at `<` or at an attribute name and end at `>`, `/` or
        // the byte after `>`: all ASCII, so all on character boundaries.
        if let Some(piece) = html.get(from..s) {
            out.push_str(piece);
        }
        from = e.min(end);
    }
    if let Some(piece) = html.get(from..end) {
        out.push_str(piece);
    }
    Prepared {
        html: Cow::Owned(out),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(html: &str, limits: &Limits) -> (String, Vec<String>) {
        let p = prepare_html(html, limits);
        (p.html.into_owned(), p.warnings)
    }

    fn small() -> Limits {
        Limits {
            max_depth: 3,
            max_attributes: 2,
            max_nodes: 10,
            ..Limits::default()
        }
    }

    #[test]
    fn a_page_within_limits_is_not_copied() {
        let html = "<div><p>a<p>b</div><ul><li>x<li>y</ul>";
        let p = prepare_html(html, &small());
        assert!(matches!(p.html, Cow::Borrowed(_)));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn deep_tags_are_dropped_with_their_end_tags() {
        let (out, w) = prep(
            "<div><div><div><div><div>x</div></div></div></div></div>y",
            &small(),
        );
        assert_eq!(out, "<div><div><div>x</div></div></div>y");
        assert!(w[0].contains("max_depth"), "{w:?}");
    }

    #[test]
    fn implied_end_tags_do_not_count_as_nesting() {
        let html =
            "<ul><li>a<li>b<li>c<li>d</ul><p>1<p>2<p>3<p>4<table><tr><td>1<td>2<tr><td>3</table>";
        let (out, w) = prep(
            html,
            &Limits {
                max_nodes: 100,
                ..small()
            },
        );
        assert_eq!(out, html, "{w:?}");
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let (out, w) = prep(
            "<p class=1 id='>' title=\"3\" lang>x</p><br class id title/>",
            &small(),
        );
        assert_eq!(out, "<p class=1 id='>' >x</p><br class id />");
        assert!(w[0].contains("max_attributes"), "{w:?}");
    }

    #[test]
    fn raw_text_and_comments_are_not_read_as_tags() {
        // Within the depth limit of 3 only because the bodies are raw text
        // (and cut, rule `unread-raw-text-is-skipped`).
        let html =
            "<script><div><div><div><div></script><!-- <div><div><div><div> --><style>a<b</style>";
        let (out, w) = prep(html, &small());
        assert_eq!(out, "<script></script><style></style>");
        assert!(w.is_empty());
    }

    #[test]
    fn the_attribute_matcher_knows_exactly_the_listed_names() {
        for name in [
            "class",
            "ID",
            "Itemprop",
            "xml:lang",
            "data-testid",
            "HREF",
            "aria-multiselectable",
        ] {
            assert!(is_read_attribute(name.as_bytes()), "{name}");
        }
        for name in [
            "src", "srcset", "data-x", "onclick", "d", "alt", "classes", "",
        ] {
            assert!(!is_read_attribute(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn every_attribute_the_engine_looks_up_is_kept() {
        let sources = [
            include_str!("analyze.rs"),
            include_str!("authors.rs"),
            include_str!("comments.rs"),
            include_str!("dates.rs"),
            include_str!("explain.rs"),
            include_str!("extract.rs"),
            include_str!("meta.rs"),
            include_str!("parts.rs"),
            include_str!("render.rs"),
            include_str!("segment.rs"),
            include_str!("select.rs"),
            include_str!("textmode.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            for (at, _) in src.match_indices("attr(\"") {
                let rest = &src[at + 6..];
                let name = &rest[..rest.find('"').unwrap()];
                assert!(
                    is_read_attribute(name.as_bytes()),
                    "attr(\"{name}\") is read but cut before parsing"
                );
                seen += 1;
            }
        }
        assert!(seen > 20);
        let (out, _) = prep(
            r#"<a data-x="1" HREF="/a" onclick=go() class=c>x</a><svg/data-y=2><p>y"#,
            &Limits::default(),
        );
        assert_eq!(out, r#"<a  HREF="/a"  class=c>x</a><svg/data-y=2><p>y"#);
    }

    #[test]
    fn blanks_between_blocks_are_cut_but_not_between_words_or_in_pre() {
        let html = "<div>\n  <p>a <b>b</b>\n<i>c</i></p>\n  </div>\n<pre>\n <div>x</div>\n</pre>\
            <ul>\n <li>\n <a>x</a> <a>y</a>\n </li></ul>";
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(
            out,
            "<div><p>a <b>b</b>\n<i>c</i></p></div><pre>\n <div>x</div>\n</pre>\
             <ul><li><a>x</a> <a>y</a></li></ul>"
        );
    }

    #[test]
    fn scripts_the_engine_reads_are_kept() {
        let ld = r#"<script type="application/LD+JSON">{"headline":"x"}</script>"#;
        let state = r#"<script>window.s={"publishedAt":"2020-01-02"}</script>"#;
        let escaped = "<script><!-- document.write('<SCRIPT></script>') --></script>";
        let bang = "<!-- a --!> <p>shown</p> -->";
        for html in [ld, state, escaped, bang] {
            let (out, _) = prep(html, &Limits::default());
            assert_eq!(out, html);
        }
        let (out, _) = prep(
            "<p>a</p><script src=x.js><!-- var x = 1; //--></script><!-- ad --><p>b</p>",
            &Limits::default(),
        );
        assert_eq!(out, "<p>a</p><script ></script><p>b</p>");
        let (out, _) = prep("<style><!-- p{} --></style><p>c</p>", &Limits::default());
        assert_eq!(out, "<style></style><p>c</p>");
    }

    #[test]
    fn too_many_elements_cut_the_page() {
        let html = "<p>1</p>".repeat(12);
        let (out, w) = prep(&html, &small());
        assert_eq!(out, "<p>1</p>".repeat(10));
        assert!(w[0].contains("max_nodes"), "{w:?}");
    }

    #[test]
    fn cut_bytes_keeps_characters_whole() {
        let s = "aé".as_bytes(); // a, C3, A9
        assert_eq!(cut_bytes(s, 2), Some(&b"a"[..]));
        assert_eq!(cut_bytes(s, 3), None);
        assert_eq!(
            cut_bytes(&[0x80, 0x80, 0x80, 0x80, 0x80], 4).map(<[u8]>::len),
            Some(1)
        );
    }
}
