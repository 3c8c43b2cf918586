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
//! element that would pass [`Limits::max_nodes`].
//!
//! The same pass also cuts what no stage reads, so that the parser does not
//! build it: script and style contents (rule `unread-raw-text-is-skipped`),
//! attributes and attribute values no stage asks for
//! (`unread-attributes-are-skipped`, `unread-attribute-values-are-skipped`),
//! link targets no stage reads (`unread-link-targets-are-skipped`), `<link>`s
//! in the head (`unread-head-links-are-skipped`), the options of choice lists
//! (`choice-lists-are-skipped`), drawings (`drawings-are-skipped`) and blank
//! space between blocks (`blank-between-blocks-is-skipped`). Only a page
//! with nothing to cut is passed on uncopied.
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
pub(crate) const fn name_key(name: &[u8]) -> u64 {
    let mut h = NAME_KEY_SEED;
    let mut i = 0;
    while i < name.len() {
        h = name_key_step(h, name[i]);
        i += 1;
    }
    h
}

/// [`name_key`] of the empty name.
const NAME_KEY_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// [`name_key`] folding in one more byte.
#[inline]
const fn name_key_step(h: u64, c: u8) -> u64 {
    (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3)
}

/// Rule `unread-head-links-are-skipped`: a `<link>` is read only when it
/// names the page's canonical address (`rel=canonical`); the others
/// (style sheets, icons, preloads, feeds, alternates: dozens on a page
/// from a content system) are cut before parsing.
const LINK: u64 = name_key(b"link");
/// What a `<link>` that stays holds.
const CANONICAL: &[u8] = b"canonical";

/// Whether `hay` holds `needle` (lowercase), in any case.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    // Only where the first byte stands (found with `memchr2`, in either
    // case) is the rest compared.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|at| {
        hay.get(at + 1..at + 1 + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

/// Rule `unread-attribute-values-are-skipped`: attributes kept by name
/// whose value no stage reads. Pages style elements inline by the
/// thousand (`style="margin:0 4px"`), but a style is read only to find
/// hidden elements (`display:none`, `visibility:hidden`); and a `title`
/// (a tooltip on links and images) is read only as a date
/// (`<abbr title="2024-03-05">`), which has digits.
/// (`attribute` is the name's place in [`READ_ATTRIBUTES`].)
fn is_unread_value(attribute: usize, value: &[u8]) -> bool {
    if attribute == STYLE_ATTRIBUTE {
        !HIDING_WORDS.iter().any(|w| contains_ci(value, w))
    } else if attribute == TITLE_ATTRIBUTE {
        !value.iter().any(u8::is_ascii_digit)
    } else {
        false
    }
}

/// Words without which a style cannot hide its element.
const HIDING_WORDS: &[&[u8]] = &[b"none", b"hidden"];

/// What the scan needs to know of a tag name, as bits of [`name_kind`].
mod kind {
    /// [`super::VOID`].
    pub const VOID: u8 = 1;
    /// [`super::RAW_TEXT`].
    pub const RAW: u8 = 2;
    /// [`super::CLOSES_P`].
    pub const CLOSES_P: u8 = 4;
    /// [`super::ROOTS`].
    pub const ROOT: u8 = 8;
    /// [`crate::patterns::BLOCK_TAGS`] and [`super::HEAD_TAGS`]: white
    /// space next to these separates nothing.
    pub const BOUNDARY: u8 = 16;
    /// `h1` … `h6`.
    pub const HEADING: u8 = 32;
}

/// Headings close an open heading.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
/// Their keys.
const HEADING_KEYS: [u64; 6] = [
    name_key(b"h1"),
    name_key(b"h2"),
    name_key(b"h3"),
    name_key(b"h4"),
    name_key(b"h5"),
    name_key(b"h6"),
];

/// Slots of [`NAME_TABLE`] (a power of two, well above the names listed).
const NAME_SLOTS: usize = 512;

/// The tag-name lists the scan asks about, each with its [`kind`] bit.
const NAME_LISTS: [(&[&str], u8); 7] = [
    (VOID, kind::VOID),
    (RAW_TEXT, kind::RAW),
    (CLOSES_P, kind::CLOSES_P),
    (ROOTS, kind::ROOT),
    (crate::patterns::BLOCK_TAGS, kind::BOUNDARY),
    (HEAD_TAGS, kind::BOUNDARY),
    (HEADINGS, kind::HEADING),
];

/// The listed tag names' keys and kinds, built at compile time: an
/// open-addressing table (the slot is the key modulo [`NAME_SLOTS`], then
/// the next free one; key 0 marks a free slot). One look-up per tag
/// replaces a search through each list.
const NAME_TABLE: [(u64, u8); NAME_SLOTS] = {
    let mut table = [(0u64, 0u8); NAME_SLOTS];
    let mut l = 0;
    while l < NAME_LISTS.len() {
        let (names, bit) = NAME_LISTS[l];
        let mut n = 0;
        while n < names.len() {
            let key = name_key(names[n].as_bytes());
            let mut slot = (key % NAME_SLOTS as u64) as usize;
            while table[slot].0 != 0 && table[slot].0 != key {
                slot = (slot + 1) % NAME_SLOTS;
            }
            table[slot] = (key, table[slot].1 | bit);
            n += 1;
        }
        l += 1;
    }
    table
};

/// The [`kind`] bits of a tag name's key (0 for a name on no list).
#[inline]
fn name_kind(key: u64) -> u8 {
    let mut slot = (key % NAME_SLOTS as u64) as usize;
    loop {
        let (k, bits) = NAME_TABLE[slot];
        if k == key {
            return bits;
        }
        if k == 0 {
            return 0;
        }
        slot = (slot + 1) % NAME_SLOTS;
    }
}

/// The key of `select`, whose options rule `choice-lists-are-skipped`
/// cuts.
const SELECT: u64 = name_key(b"select");

/// The key of `a`, whose link targets rule `unread-link-targets-are-skipped`
/// looks at.
const ANCHOR: u64 = name_key(b"a");

/// Rule `unread-link-targets-are-skipped`: whether a link's target (the
/// value of an `<a href>`) is one a stage reads. Link targets are a sixth
/// of a page's markup after the other cuts (menus, teaser lists and
/// footers are made of links), but the stages only ask whether a link has
/// a target, and read the target itself only for an in-page anchor
/// (`#comments`, rule `Reader::count_in_text`) or a path to an author's or
/// commenter's page (`/author/…`, `/user/…`). Any other target becomes
/// empty: the link keeps its `href`, so it is still a link.
fn is_read_link_target(value: &[u8]) -> bool {
    value.first() == Some(&b'#')
        || memchr::memchr_iter(b'/', value).any(|i| {
            // Most slashes are followed by a byte no path part starts
            // with: look at the lists only past the others.
            let next = value.get(i + 1).copied().unwrap_or(0);
            let rest = &value[i..];
            let mut paths = PATHS_BY_SECOND_BYTE[next as usize];
            while paths != 0 {
                let p = paths.trailing_zeros() as usize;
                if rest.starts_with(READ_LINK_PATHS[p].as_bytes()) {
                    return true;
                }
                paths &= paths - 1;
            }
            false
        })
}

/// How many path parts rule `unread-link-targets-are-skipped` keeps.
const READ_LINK_PATH_COUNT: usize =
    crate::authors::AUTHOR_PATHS.len() + crate::comments::PROFILE_LINK_PARTS.len();

/// The path parts rule `unread-link-targets-are-skipped` keeps (an
/// author's page, a commenter's page), in one list built at compile time.
const READ_LINK_PATHS: [&str; READ_LINK_PATH_COUNT] = {
    let mut t = [""; READ_LINK_PATH_COUNT];
    let lists = [
        crate::authors::AUTHOR_PATHS,
        crate::comments::PROFILE_LINK_PARTS,
    ];
    let (mut l, mut at) = (0, 0);
    while l < lists.len() {
        let mut n = 0;
        while n < lists[l].len() {
            t[at] = lists[l][n];
            at += 1;
            n += 1;
        }
        l += 1;
    }
    t
};

/// For each byte, the paths of [`READ_LINK_PATHS`] that have it after
/// their leading `/`, as bits: a slash is compared only with those.
const PATHS_BY_SECOND_BYTE: [u64; 256] = {
    assert!(READ_LINK_PATH_COUNT <= 64);
    let mut t = [0u64; 256];
    let mut p = 0;
    while p < READ_LINK_PATH_COUNT {
        let path = READ_LINK_PATHS[p].as_bytes();
        // A path is at least `/` and one byte, so it is found through it.
        assert!(path.len() > 1);
        t[path[1] as usize] |= 1 << p;
        p += 1;
    }
    t
};

#[inline]
fn is_space(b: u8) -> bool {
    BYTE_CLASS[b as usize] & class::SPACE != 0
}

/// What the tag reader needs to know of a byte, as bits of [`BYTE_CLASS`]:
/// one table look-up per byte instead of a chain of comparisons.
mod class {
    /// White space as the tokenizer knows it (space, tab, LF, CR, FF).
    pub const SPACE: u8 = 1;
    /// `/`.
    pub const SLASH: u8 = 2;
    /// `>`.
    pub const GT: u8 = 4;
    /// `=`.
    pub const EQ: u8 = 8;
    /// What ends a tag name.
    pub const NAME_END: u8 = SPACE | SLASH | GT;
    /// What ends an attribute name.
    pub const ATTR_END: u8 = SPACE | SLASH | GT | EQ;
    /// What ends an unquoted attribute value.
    pub const VALUE_END: u8 = SPACE | GT;
}

/// The [`class`] bits of every byte, built at compile time.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = class::SPACE;
    t[b'\t' as usize] = class::SPACE;
    t[b'\n' as usize] = class::SPACE;
    t[b'\r' as usize] = class::SPACE;
    t[0x0c] = class::SPACE;
    t[b'/' as usize] = class::SLASH;
    t[b'>' as usize] = class::GT;
    t[b'=' as usize] = class::EQ;
    t
};

/// The first index at or after `i` whose byte passes `hit`, or the end of
/// `b`.
#[inline]
fn first_from(b: &[u8], i: usize, hit: impl Fn(u8) -> bool) -> usize {
    b.get(i..)
        .and_then(|rest| rest.iter().position(|&c| hit(c)))
        .map_or(b.len(), |p| i + p)
}

/// The first index at or after `i` whose byte has one of the `stop`
/// bits, or the end of `b`.
#[inline]
fn skip_until(b: &[u8], i: usize, stop: u8) -> usize {
    first_from(b, i, |c| BYTE_CLASS[c as usize] & stop != 0)
}

/// The first index at or after `i` whose byte has none of the `skip`
/// bits, or the end of `b`.
#[inline]
fn skip_while(b: &[u8], i: usize, skip: u8) -> usize {
    // Most often there is nothing to skip (`=` right after a name, a quote
    // right after `=`): that is answered before the loop starts.
    match b.get(i) {
        Some(&c) if BYTE_CLASS[c as usize] & skip == 0 => i,
        _ => first_from(b, i, |c| BYTE_CLASS[c as usize] & skip == 0),
    }
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
    // The name is read and folded to its key in one pass.
    let mut name = NAME_KEY_SEED;
    let mut i = at;
    for &c in b.get(at..).unwrap_or_default() {
        if BYTE_CLASS[c as usize] & class::NAME_END != 0 {
            break;
        }
        name = name_key_step(name, c);
        i += 1;
    }
    // Most tags end right after their name (`</div>`, `<p>`).
    if b.get(i) == Some(&b'>') {
        return Some(Tag {
            end: i + 1,
            name,
            excess: None,
            self_closing: false,
        });
    }
    let mut count = 0usize;
    let mut excess_from = None;
    let mut self_closing = false;
    loop {
        let from = i;
        i = skip_while(b, i, class::SPACE | class::SLASH);
        if i > from {
            self_closing = b[i - 1] == b'/';
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
        i = skip_until(b, i + 1, class::ATTR_END);
        let name_end = i;
        count += 1;
        if count == max_attributes + 1 {
            excess_from = Some(start);
        }
        i = skip_while(b, i, class::SPACE);
        let mut end = name_end;
        // Where the value starts (its opening quote, if quoted).
        let mut value_from = end;
        if b.get(i) == Some(&b'=') {
            i = skip_while(b, i + 1, class::SPACE);
            value_from = i;
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = memchr::memchr(q, &b[i + 1..])?;
                    i += close + 2;
                }
                Some(_) => i = skip_until(b, i, class::VALUE_END),
                None => return None,
            }
            end = i;
        }
        // A cut right after `/` would join it to the next `>` and make the
        // tag self-closing, which matters in SVG and MathML.
        if let Some(u) = unread.as_deref_mut() {
            if count <= max_attributes && b[start - 1] != b'/' {
                let attr = read_attribute(&b[start..name_end]);
                let kept = attr.is_some_and(|a| !is_unread_value(a, &b[value_from..end]));
                if !kept {
                    u.push((start, end));
                } else if attr == Some(HREF_ATTRIBUTE) && name == ANCHOR && value_from + 1 < end {
                    // Rule `unread-link-targets-are-skipped`.
                    let value = (value_from + 1, end - 1);
                    if matches!(b[value_from], b'"' | b'\'')
                        && !is_read_link_target(&b[value.0..value.1])
                    {
                        u.push(value);
                    }
                }
            }
        }
    }
}

/// Whether an attribute name (any case) is in [`READ_ATTRIBUTES`].
#[cfg(test)]
fn is_read_attribute(name: &[u8]) -> bool {
    read_attribute(name).is_some()
}

/// Rule `unread-attributes-are-skipped`: the attribute names (lowercase)
/// that a stage of the engine or the tree builder reads; the
/// others are cut before parsing. Pages carry a third of their markup in
/// attribute values, most of it `data-*`, `src`, `srcset`, inline SVG
/// paths and event handlers; the tokenizer would copy each into the tree
/// only for it to be dropped unread. Every name the engine looks up is
/// listed (a test reads every `attr("…")` call in the crate's source), with
/// the names the tree builder reads: `type` (hidden inputs in
/// tables), `encoding` (MathML annotations), `color`/`face`/`size` (a
/// `<font>` that leaves SVG) and `shadowrootmode` (templates).
const READ_ATTRIBUTES: [&str; 31] = [
    "aria-hidden",
    "aria-multiselectable",
    "charset",
    "class",
    "color",
    "content",
    "data-component",
    "data-testid",
    "datetime",
    "encoding",
    "face",
    "hidden",
    "href",
    "http-equiv",
    "id",
    "itemprop",
    "itemscope",
    "itemtype",
    "lang",
    "name",
    "property",
    "pubdate",
    "rel",
    "role",
    "shadowrootmode",
    "size",
    "style",
    "summary",
    "title",
    "type",
    "xml:lang",
];

/// Slots of [`READ_ATTRIBUTES_BY_LEN`]: one past the longest name.
const READ_ATTRIBUTE_LENS: usize = crate::patterns::longest(&READ_ATTRIBUTES) + 1;

/// For each first byte (either case), the names of [`READ_ATTRIBUTES`]
/// that start with it, as bits; built at compile time.
const READ_ATTRIBUTES_BY_FIRST: [u64; 256] = {
    assert!(READ_ATTRIBUTES.len() <= 64, "more names than bits");
    let mut t = [0u64; 256];
    let mut a = 0;
    while a < READ_ATTRIBUTES.len() {
        let first = READ_ATTRIBUTES[a].as_bytes()[0];
        t[first as usize] |= 1 << a;
        t[first.to_ascii_uppercase() as usize] |= 1 << a;
        a += 1;
    }
    t
};

/// For each length, the names of [`READ_ATTRIBUTES`] that have it, as
/// bits; built at compile time.
const READ_ATTRIBUTES_BY_LEN: [u64; READ_ATTRIBUTE_LENS] = {
    let mut t = [0u64; READ_ATTRIBUTE_LENS];
    let mut a = 0;
    while a < READ_ATTRIBUTES.len() {
        t[READ_ATTRIBUTES[a].len()] |= 1 << a;
        a += 1;
    }
    t
};

/// Where an attribute name (any case) stands in [`READ_ATTRIBUTES`]:
/// only the names of its length and first letter (most often one, often
/// none) are compared.
#[inline]
fn read_attribute(name: &[u8]) -> Option<usize> {
    let &first = name.first()?;
    let mut candidates = READ_ATTRIBUTES_BY_FIRST[first as usize]
        & READ_ATTRIBUTES_BY_LEN.get(name.len()).copied().unwrap_or(0);
    while candidates != 0 {
        let a = candidates.trailing_zeros() as usize;
        let (word, case) = (READ_ATTRIBUTES[a].as_bytes(), &READ_ATTRIBUTE_CASE_BITS[a]);
        // The lengths are equal: the candidates have the name's length.
        if name
            .iter()
            .zip(word)
            .zip(case)
            .all(|((&n, &w), &c)| n | c == w)
        {
            return Some(a);
        }
        candidates &= candidates - 1;
    }
    None
}

/// For each name of [`READ_ATTRIBUTES`], the case bit (`0x20`) at its
/// letters and 0 elsewhere: a byte `n` of an attribute name matches the
/// name's byte `w` in any case exactly when `n | bit == w` (at a letter `n`
/// is `w` or its capital; elsewhere `n` is `w`). Built at compile time.
const READ_ATTRIBUTE_CASE_BITS: [[u8; READ_ATTRIBUTE_LENS]; READ_ATTRIBUTES.len()] = {
    let mut t = [[0u8; READ_ATTRIBUTE_LENS]; READ_ATTRIBUTES.len()];
    let mut a = 0;
    while a < READ_ATTRIBUTES.len() {
        let word = READ_ATTRIBUTES[a].as_bytes();
        let mut i = 0;
        while i < word.len() {
            // The names are lowercase.
            assert!(!word[i].is_ascii_uppercase());
            if word[i].is_ascii_lowercase() {
                t[a][i] = 0x20;
            }
            i += 1;
        }
        a += 1;
    }
    t
};

/// Where `name` stands in [`READ_ATTRIBUTES`], at compile time.
const fn read_attribute_index(name: &str) -> usize {
    let mut a = 0;
    while a < READ_ATTRIBUTES.len() {
        let (x, y) = (READ_ATTRIBUTES[a].as_bytes(), name.as_bytes());
        if x.len() == y.len() {
            let mut i = 0;
            while i < x.len() && x[i] == y[i] {
                i += 1;
            }
            if i == x.len() {
                return a;
            }
        }
        a += 1;
    }
    panic!("not a read attribute")
}

/// The read attributes whose values the scan looks at.
const STYLE_ATTRIBUTE: usize = read_attribute_index("style");
const TITLE_ATTRIBUTE: usize = read_attribute_index("title");
const HREF_ATTRIBUTE: usize = read_attribute_index("href");

/// Where the end tag `</name` of a raw-text element starts at or after
/// `from`, or the end of the page.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    for at in memchr::memchr_iter(b'<', &b[from..]).map(|off| from + off) {
        let n = at + 2;
        if b.get(at + 1) == Some(&b'/')
            && b.len() >= n + name.len()
            && b[n..n + name.len()].eq_ignore_ascii_case(name)
            && b.get(n + name.len())
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return at;
        }
    }
    b.len()
}

/// Where the first `lead` followed by `>` at or after `from` starts
/// (`-->` ends a comment). Looks at each `>`, which comments hold few of.
fn find_close(b: &[u8], from: usize, lead: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', &b[from..])
        .map(|off| from + off)
        .find(|&g| g >= from + lead.len() && &b[g - lead.len()..g] == lead)
        .map(|g| g - lead.len())
}

/// Whether the body of a `<script>` (else `<style>`) whose start tag is
/// `tag` can be cut before parsing (rule `unread-raw-text-is-skipped`).
fn unread_raw_text(is_script: bool, tag: &[u8], body: &[u8]) -> bool {
    if !is_script {
        return true;
    }
    // `<!--` then `<script` inside a script switches the tokenizer to its
    // double-escaped state, where `</script>` does not end the element.
    if memchr::memmem::find(body, b"<!--").is_some() && contains_ci(body, SCRIPT_OPEN) {
        return false;
    }
    !contains_ci(tag, JSON_LD_TYPE) && !names_a_date_key(body)
}

/// Parts one of which every key of [`crate::dates::SCRIPT_DATE_KEYS`]
/// holds (a test checks it): a script body is searched for these two, not
/// for each key, and the keys are compared only where one is found.
const DATE_KEY_ANCHORS: [&str; 2] = ["ate", "ublish"];

/// Where each anchor stands in each key (`None`: not in that key), found
/// at compile time.
const ANCHOR_OFFSETS: [[Option<usize>; SCRIPT_KEYS]; 2] = {
    let mut t = [[None; SCRIPT_KEYS]; 2];
    let mut a = 0;
    while a < DATE_KEY_ANCHORS.len() {
        let anchor = DATE_KEY_ANCHORS[a].as_bytes();
        let mut k = 0;
        while k < SCRIPT_KEYS {
            let key = crate::dates::SCRIPT_DATE_KEYS[k].0.as_bytes();
            let mut at = 0;
            while at + anchor.len() <= key.len() && t[a][k].is_none() {
                let mut same = true;
                let mut j = 0;
                while j < anchor.len() {
                    same &= key[at + j] == anchor[j];
                    j += 1;
                }
                if same {
                    t[a][k] = Some(at);
                }
                at += 1;
            }
            k += 1;
        }
        a += 1;
    }
    t
};
const SCRIPT_KEYS: usize = crate::dates::SCRIPT_DATE_KEYS.len();

/// Whether a script body holds one of the keys the date search reads.
fn names_a_date_key(body: &[u8]) -> bool {
    DATE_KEY_ANCHORS
        .iter()
        .zip(&ANCHOR_OFFSETS)
        .any(|(anchor, offsets)| {
            memchr::memmem::find_iter(body, anchor.as_bytes()).any(|at| {
                offsets
                    .iter()
                    .zip(crate::dates::SCRIPT_DATE_KEYS)
                    .any(|(off, (key, _))| {
                        off.is_some_and(|off| {
                            at >= off && body[at - off..].starts_with(key.as_bytes())
                        })
                    })
            })
        })
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
    /// Groups of names asked about exactly, each with how many elements
    /// of the group are open.
    watched: [([u64; 2], u32); 2],
}

/// The group of [`Stack::watched`] of `pre` and `listing`.
const PRE_GROUP: usize = 0;
/// The group of [`Stack::watched`] of `svg` and `math`.
const FOREIGN_GROUP: usize = 1;

impl Stack {
    fn new(watched: [[u64; 2]; 2]) -> Self {
        Stack {
            names: Vec::new(),
            open: vec![0; OPEN_BUCKETS],
            watched: watched.map(|names| (names, 0)),
        }
    }

    fn bucket(name: u64) -> usize {
        (name % OPEN_BUCKETS as u64) as usize
    }

    fn push(&mut self, name: u64) {
        self.names.push(name);
        self.open[Self::bucket(name)] += 1;
        for w in &mut self.watched {
            if w.0.contains(&name) {
                w.1 += 1;
            }
        }
    }

    /// Whether an element of this name may be open (never a false "no").
    fn may_be_open(&self, name: u64) -> bool {
        self.open[Self::bucket(name)] > 0
    }

    /// Whether an element of this watched group is open.
    fn is_open(&self, group: usize) -> bool {
        self.watched[group].1 > 0
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
            let c = &mut self.open[Self::bucket(n)];
            *c = c.saturating_sub(1);
            for w in &mut self.watched {
                if w.0.contains(&n) {
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
/// (Not inlined into its one caller, so that a profile shows its cost.)
#[inline(never)]
pub(crate) fn prepare_html<'a>(html: &'a str, limits: &Limits) -> Prepared<'a> {
    let b = html.as_bytes();
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
    let (svg, math, plaintext) = (key("svg"), key("math"), key("plaintext"));
    let (script, style) = (key("script"), key("style"));
    let (pre, listing) = (key("pre"), key("listing"));
    // End of the last tag read, and whether it was a block boundary.
    let mut blank_from: Option<(usize, bool)> = None;

    let mut stack = Stack::new([[pre, listing], [svg, math]]);
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
        let in_pre = stack.is_open(PRE_GROUP);
        match c {
            b'!' => {
                if b[lt + 2..].starts_with(b"--") {
                    match find_close(b, lt + 2, b"--") {
                        Some(e) => {
                            pos = e + 3;
                            if find_close(&b[lt..pos], 0, b"--!").is_none() {
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
                let here = name_kind(tag.name) & kind::BOUNDARY != 0;
                if !in_pre {
                    cuts.extend(blank_cut(b, blank_before, here, lt));
                }
                blank_from = Some((tag.end, here));
                if let Some(n) = (!dropped.is_empty())
                    .then(|| dropped.get_mut(&tag.name))
                    .flatten()
                    .filter(|n| **n > 0)
                {
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
                let bits = name_kind(name);
                let here = bits & kind::BOUNDARY != 0;
                if !in_pre {
                    cuts.extend(blank_cut(b, blank_before, here, lt));
                }
                blank_from = Some((tag.end, here));
                if bits & kind::RAW != 0 {
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
                if name == LINK && !contains_ci(&b[lt..tag.end], CANONICAL) {
                    // Rule `unread-head-links-are-skipped`.
                    cuts.push((lt, tag.end));
                    continue;
                }
                if bits & (kind::VOID | kind::ROOT) != 0 {
                    keep_tag(&mut cuts, &unread, &tag, &mut trimmed_tags);
                    continue;
                }
                // Implied end tags.
                if bits & kind::CLOSES_P != 0 {
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
                } else if bits & kind::HEADING != 0 {
                    stack.close_near(&HEADING_KEYS, 1);
                }
                let foreign = stack.is_open(FOREIGN_GROUP);
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
                // Rule `drawings-are-skipped`: the inside of an inline
                // `<svg>` drawing (icons, logos, charts: paths and shapes by
                // the hundred) is cut up to its end tag, unless another
                // drawing opens inside. No stage reads it: the drawing is
                // skipped as a whole like an image, and its `<title>` only
                // names an icon ("Share").
                // Rule `choice-lists-are-skipped`: the same for the options
                // of a `<select>` (country, language and archive pickers
                // with hundreds of entries), a form control no stage reads.
                // (The element's name, and its start tag's opening.)
                let inside: Option<(&[u8], &[u8])> = if foreign {
                    None
                } else if name == svg {
                    Some((b"svg", b"<svg"))
                } else if name == SELECT {
                    Some((b"select", b"<select"))
                } else {
                    None
                };
                if let Some((tag_name, open)) = inside {
                    let close = raw_text_end(b, pos, tag_name);
                    if close < b.len() && !contains_ci(&b[pos..close], open) {
                        cuts.push((pos, close));
                        pos = close;
                        blank_from = None;
                    }
                }
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
    fn a_page_with_nothing_to_cut_is_not_copied() {
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
    fn read_attribute_names_are_found_in_any_case_and_only_they() {
        for (at, name) in READ_ATTRIBUTES.iter().enumerate() {
            assert_eq!(read_attribute(name.as_bytes()), Some(at), "{name}");
            let upper = name.to_ascii_uppercase();
            assert_eq!(read_attribute(upper.as_bytes()), Some(at), "{name}");
        }
        // A byte that differs from `-` or `:` only in the case bit is not
        // that byte; nor is a letter's neighbour.
        for name in ["xml\x1alang", "aria\rhidden", "xml:lanf", "clasS ", "hreff"] {
            assert_eq!(read_attribute(name.as_bytes()), None, "{name:?}");
        }
    }

    #[test]
    fn head_links_other_than_the_canonical_address_are_cut() {
        let html = concat!(
            r#"<head><link rel="stylesheet" href="/s.css"><LINK REL=icon href=/i.png>"#,
            r#"<link rel="Canonical" href="https://example.org/x"></head><p>t"#,
        );
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(
            out,
            r#"<head><link rel="Canonical" href="https://example.org/x"></head><p>t"#
        );
    }

    #[test]
    fn the_inside_of_a_drawing_is_cut_unless_it_nests_or_never_ends() {
        let html = r#"<p>a<svg class="icon"><title>Share</title><path d="M0 0"/></svg>b</p>"#;
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(out, r#"<p>a<svg class="icon"></svg>b</p>"#);
        let html = r#"<form>a<select name="c"><option>Austria<option>Belgium</SELECT>b</form>"#;
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(out, r#"<form>a<select name="c"></SELECT>b</form>"#);
        // A drawing inside a drawing, or one without an end tag, stays.
        for html in [
            "<p>a<svg><g><svg><rect/></svg></g></svg>b</p>",
            "<p>a<svg><rect/>b</p>",
        ] {
            assert_eq!(prep(html, &Limits::default()).0, html);
        }
        // A list with another list start inside keeps its options; the inner
        // one (which the tree builder reads as the end of the outer) loses its own.
        let html = "<p>a<select><option>x<select><option>y</select>b</p>";
        assert_eq!(
            prep(html, &Limits::default()).0,
            "<p>a<select><option>x<select></select>b</p>"
        );
    }

    #[test]
    fn styles_that_cannot_hide_and_titles_without_digits_are_cut() {
        let html = concat!(
            r#"<div style="margin:0 4px" title="Share this">a</div>"#,
            r#"<div STYLE="display: None">b</div><abbr title="5 March 2024">c</abbr>"#,
        );
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(
            out,
            concat!(
                r#"<div  >a</div>"#,
                r#"<div STYLE="display: None">b</div><abbr title="5 March 2024">c</abbr>"#,
            )
        );
    }

    #[test]
    fn the_name_table_knows_every_listed_name_and_only_those() {
        for (names, bit) in NAME_LISTS {
            for n in names {
                assert!(name_kind(name_key(n.as_bytes())) & bit != 0, "{n}");
                let upper = n.to_ascii_uppercase();
                assert!(name_kind(name_key(upper.as_bytes())) & bit != 0, "{n}");
            }
        }
        for n in ["span", "a", "b", "font", "svg", "x-widget"] {
            assert_eq!(name_kind(name_key(n.as_bytes())), 0, "{n}");
        }
        assert_eq!(name_kind(name_key(b"br")), kind::VOID);
    }

    #[test]
    fn script_date_keys_are_found_through_their_anchors() {
        for (key, _) in crate::dates::SCRIPT_DATE_KEYS {
            assert!(
                DATE_KEY_ANCHORS.iter().any(|a| key.contains(a)),
                "{key} holds no anchor"
            );
            let body = format!("var x = {{\"{key}\": \"2024-03-05\"}};");
            assert!(names_a_date_key(body.as_bytes()), "{key}");
        }
        assert!(!names_a_date_key(b"var state = update(date); publish();"));
    }

    #[test]
    fn comment_ends_are_found() {
        assert_eq!(find_close(b"<!-- a -- b -->x", 2, b"--"), Some(12));
        assert_eq!(find_close(b"<!-->x", 2, b"--"), Some(2));
        assert_eq!(find_close(b"<!-- a > b", 2, b"--"), None);
        assert_eq!(find_close(b"<!-- a --!> b -->", 0, b"--!"), Some(7));
    }

    #[test]
    fn link_targets_no_stage_reads_are_emptied() {
        let html = concat!(
            r#"<p><a class="x" href="https://example.org/2024/story.html">a</a> "#,
            r#"<a href='#comments'>b</a> <a href="/author/jane-doe">c</a> "#,
            r#"<a href="https://forum.example/user/42">d</a> <A HREF="/tag/x">e</A>"#,
            r#"<link rel="canonical" href="https://example.org/x"></p>"#,
        );
        let (out, _) = prep(html, &Limits::default());
        assert_eq!(
            out,
            concat!(
                r#"<p><a class="x" href="">a</a> "#,
                r#"<a href='#comments'>b</a> <a href="/author/jane-doe">c</a> "#,
                r#"<a href="https://forum.example/user/42">d</a> <A HREF="">e</A>"#,
                r#"<link rel="canonical" href="https://example.org/x"></p>"#,
            )
        );
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
        // Names matched in loops over an element's attributes
        // (`match &*a.name.local { "itemprop" => … }`,
        // `a.name.local == local_name!("itemprop")`) are read too.
        let mut arms = 0;
        for src in sources {
            let lines: Vec<&str> = src.lines().collect();
            for (at, line) in lines.iter().enumerate() {
                if !(line.contains("attr.name.local") || line.contains("a.name.local")) {
                    continue;
                }
                // The access line, and the arms of a `match` on it.
                let window = if line.contains("==") {
                    &lines[at..=at]
                } else {
                    &lines[at..(at + 45).min(lines.len())]
                };
                for l in window {
                    let t = l.trim_start();
                    let name = if let Some(rest) = t.split("local_name!(\"").nth(1) {
                        rest.split('"').next()
                    } else if t.starts_with('"')
                        && (t.contains("=>") || t.contains(" | ") || t.contains(" if "))
                    {
                        t[1..].split('"').next()
                    } else {
                        None
                    };
                    if let Some(name) = name.filter(|n| !n.is_empty()) {
                        assert!(
                            is_read_attribute(name.as_bytes()),
                            "attribute {name:?} is matched but cut before parsing"
                        );
                        arms += 1;
                    }
                }
            }
        }
        assert!(arms > 10, "{arms}");
        let (out, _) = prep(
            r##"<a data-x="1" HREF="#a" onclick=go() class=c>x</a><svg/data-y=2><p>y"##,
            &Limits::default(),
        );
        assert_eq!(out, r##"<a  HREF="#a"  class=c>x</a><svg/data-y=2><p>y"##);
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
