//! One pass over the tree: what each element is (never content, page chrome,
//! hidden), its class weight, and the text statistics of its subtree.
//!
//! Later stages ask these arrays instead of re-walking the tree, so every
//! rule costs O(1) per element.

use crate::dom::{Dom, NodeData, NodeId, DOCUMENT, NONE};
use crate::patterns::*;
use html5ever::local_name;

/// Flags of one element, set from its own tag and attributes.
pub mod flag {
    /// Never content: scripts, styles, form controls, hidden elements.
    pub const SKIP: u8 = 1;
    /// Page chrome by tag, role or class/id (nav, footer, share bar, …).
    pub const CHROME: u8 = 2;
    /// Starts a block of text.
    pub const BLOCK: u8 = 4;
    /// Has a class/id token of an article container.
    pub const CONTENT_NAME: u8 = 8;
    /// Is (or names itself) the article body container (`articleBody`).
    pub const BODY_CONTAINER: u8 = 16;
    /// Has at least one block-level element child.
    pub const HAS_BLOCK_CHILD: u8 = 32;
    /// Chrome only by layout-region names (`nav`, `menu`, `sidebar` …).
    pub const LAYOUT_NAME: u8 = 64;
    /// Holds an article body container with enough text somewhere inside.
    pub const HOLDS_BODY: u8 = 128;
}

/// Why an element was flagged as chrome (for `explain` and debugging).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeWhy {
    Tag,
    Role,
    ClassOrId,
    /// Class/id names of a comment section (a kind of class/id chrome that
    /// even the broad attempts of the cascade keep out).
    Comments,
}

impl ChromeWhy {
    /// Chrome by class or id name (comment sections included): the kind that
    /// size and structure can overrule.
    pub fn by_name(why: Option<ChromeWhy>) -> bool {
        matches!(why, Some(ChromeWhy::ClassOrId | ChromeWhy::Comments))
    }
}

/// Per-node results of the analysis pass, indexed by `NodeId`.
pub struct Analysis {
    pub flags: Vec<u8>,
    /// Readability-style class weight: −25 per negative name, +25 per positive.
    pub weight: Vec<i16>,
    /// Visible non-whitespace characters in the subtree.
    pub chars: Vec<u32>,
    /// Of those, characters inside links.
    pub link_chars: Vec<u32>,
    /// Commas (any script's) in the subtree.
    pub commas: Vec<u32>,
    /// Counts of descendant elements by kind.
    pub paragraphs: Vec<u16>,
    pub images: Vec<u16>,
    pub list_items: Vec<u16>,
    pub inputs: Vec<u16>,
    pub embeds: Vec<u16>,
    pub headings: Vec<u16>,
    /// Preorder index and the last preorder index inside the subtree, for
    /// O(1) "is X inside Y" tests.
    pub pre: Vec<u32>,
    pub end: Vec<u32>,
    /// Depth from the document node.
    pub depth: Vec<u16>,
    pub chrome_why: Vec<Option<ChromeWhy>>,
    /// Whether any element was skipped for being hidden (not for its tag):
    /// only then can the retry with hidden parts shown find anything new.
    pub hid_something: bool,
}

impl Analysis {
    #[inline]
    pub fn has(&self, id: NodeId, f: u8) -> bool {
        self.flags[id as usize] & f != 0
    }

    /// Is `inner` inside `outer` (or equal to it)?
    #[inline]
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        let (o, i) = (outer as usize, inner as usize);
        self.pre[o] <= self.pre[i] && self.pre[i] <= self.end[o]
    }

    /// Share of the subtree's text inside links.
    #[inline]
    pub fn link_density(&self, id: NodeId) -> f32 {
        let c = self.chars[id as usize];
        if c == 0 {
            0.0
        } else {
            self.link_chars[id as usize] as f32 / c as f32
        }
    }
}

/// Split a class or id value into lowercase alphanumeric tokens, calling `f`
/// for each; also calls `f` once with all tokens of one class name joined
/// (`article-body` → `articlebody`) so compound names match too.
pub fn for_each_token(value: &str, mut f: impl FnMut(&str)) {
    // Both buffers are sized once, on first use, to the whole value (no
    // token is longer), so they never grow; most values need neither.
    let mut joined = String::new();
    let mut lower = String::new();
    for class in value.split_ascii_whitespace() {
        // The joined form is built only for a name of several parts; for an
        // ASCII name (nearly all) that is known before splitting it.
        let multi = !class.is_ascii() || has_inner_separator(class.as_bytes());
        if multi {
            joined.clear();
            joined.reserve(value.len());
        }
        let mut parts = 0;
        for part in class.split(|c: char| !c.is_alphanumeric()) {
            if part.is_empty() {
                continue;
            }
            parts += 1;
            let lowered = token_part(part, &mut lower, value.len(), &mut f);
            if multi {
                joined.push_str(if lowered { &lower } else { part });
            }
        }
        if multi && parts > 1 {
            f(&joined);
        }
    }
}

/// Does an ASCII class name have two alphanumeric runs (`article-body`)?
#[inline]
fn has_inner_separator(bytes: &[u8]) -> bool {
    let mut seen_alnum = false;
    let mut gap = false;
    for &b in bytes {
        if b.is_ascii_alphanumeric() {
            if gap && seen_alnum {
                return true;
            }
            seen_alnum = true;
        } else {
            gap = seen_alnum;
        }
    }
    false
}

/// Call `f` for one non-empty part of a class name: as it is, or for a
/// camelCase part its lowercased pieces and then the whole part lowercased
/// (left in `lower`; returns whether it did so). `cap` sizes `lower` on
/// first use.
#[inline]
fn token_part(part: &str, lower: &mut String, cap: usize, f: &mut impl FnMut(&str)) -> bool {
    let bytes = part.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        f(part);
        return false;
    }
    if lower.capacity() == 0 {
        lower.reserve(cap);
    }
    // camelCase names: `articleBody` → also `article`, `body`
    let mut last = 0;
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
            lower.clear();
            lower.push_str(&part[last..i]);
            lower.make_ascii_lowercase();
            f(lower);
            last = i;
        }
    }
    if last > 0 {
        lower.clear();
        lower.push_str(&part[last..]);
        lower.make_ascii_lowercase();
        f(lower);
    }
    lower.clear();
    lower.push_str(part);
    lower.make_ascii_lowercase();
    f(lower);
    true
}

/// What the tokens of one class or id value say.
#[derive(Clone, Copy, Default)]
struct Names {
    chrome: bool,
    comments: bool,
    only_layout: bool,
    content: bool,
    body: bool,
    hidden: bool,
    weight: i16,
}

/// Bits of [`TokenTable`]: which name lists a token is on.
mod tok {
    pub const CHROME: u8 = 1;
    pub const LAYOUT: u8 = 2;
    pub const CONTENT: u8 = 4;
    pub const NEGATIVE: u8 = 8;
    pub const POSITIVE: u8 = 16;
    pub const BODY: u8 = 32;
    pub const COMMENTS: u8 = 64;
}

/// FxHash (rustc's hasher): a rotate, a xor and a multiply per word, far
/// cheaper than the default SipHash for short keys. Only for maps a page
/// cannot flood: fixed keys (the token lists) or keys that are already hashes
/// (tag name atoms hash as their precomputed `u32`). Class values, which a
/// page chooses freely, keep the default hasher.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits (the bucket index) weak.
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// All token lists of `patterns` merged into one lookup, built once per
/// analysis (a few microseconds) so each token costs one hash probe, and
/// only a token whose first byte and length some listed token has: most
/// tokens are on no list.
struct TokenTable {
    map: FxMap<&'static [u8], u8>,
    /// By first byte: bit `n` set when a listed token of `n` bytes starts
    /// with it (bit 63 for 63 bytes or more).
    lens: [u64; 256],
}

/// Bit of a token's length in [`TokenTable::lens`].
#[inline]
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl TokenTable {
    fn new() -> Self {
        let mut m = FxMap::with_capacity_and_hasher(256, Default::default());
        let mut lens = [0u64; 256];
        for (list, bit) in [
            (CHROME_TOKENS, tok::CHROME),
            (LAYOUT_CHROME_TOKENS, tok::LAYOUT),
            (CONTENT_TOKENS, tok::CONTENT),
            (NEGATIVE_TOKENS, tok::NEGATIVE),
            (POSITIVE_TOKENS, tok::POSITIVE),
            (BODY_CONTAINER_NAMES, tok::BODY),
            (COMMENT_TOKENS, tok::COMMENTS),
        ] {
            for t in list {
                *m.entry(t.as_bytes()).or_insert(0) |= bit;
                if let Some(&first) = t.as_bytes().first() {
                    lens[first as usize] |= len_bit(t.len());
                }
            }
        }
        TokenTable { map: m, lens }
    }

    /// The list bits of one token: from the table, or chrome by one of
    /// [`CHROME_PREFIXES`]. The two quick tests are made where the token is
    /// found; most tokens pass neither and cost no call.
    #[inline(always)]
    fn bits(&self, t: &[u8]) -> u8 {
        let first = t[0] as usize;
        if self.lens[first] & len_bit(t.len()) == 0 && PREFIXES_BY_FIRST_BYTE[first] == 0 {
            return 0;
        }
        self.listed_bits(t)
    }

    /// [`TokenTable::bits`] past its quick tests.
    #[inline(never)]
    fn listed_bits(&self, t: &[u8]) -> u8 {
        let first = t[0] as usize;
        if self.lens[first] & len_bit(t.len()) != 0 {
            if let Some(&b) = self.map.get(t) {
                return b;
            }
        }
        let mut prefixes = PREFIXES_BY_FIRST_BYTE[first];
        while prefixes != 0 {
            let p = CHROME_PREFIXES[prefixes.trailing_zeros() as usize].as_bytes();
            prefixes &= prefixes - 1;
            if t.len() > p.len() && t.starts_with(p) {
                return if t.starts_with(COMMENT_PREFIX.as_bytes()) {
                    tok::CHROME | tok::COMMENTS
                } else {
                    tok::CHROME
                };
            }
        }
        0
    }
}

/// By first byte: bit `k` set when [`CHROME_PREFIXES`]`[k]` starts with it.
/// Most tokens start with a byte of no prefix, the others are compared only
/// with the few prefixes of their first byte.
const PREFIXES_BY_FIRST_BYTE: [u64; 256] = {
    assert!(CHROME_PREFIXES.len() <= 64);
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < CHROME_PREFIXES.len() {
        t[CHROME_PREFIXES[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    t
};

/// The list bits of all tokens of one class or id value, ORed, and whether
/// one of them is chrome by a name other than a layout region's.
#[derive(Default)]
struct TokenBits {
    any: u8,
    not_only_layout: bool,
    /// A whole class name is one of [`HIDDEN_CLASS_NAMES`] ...
    hidden: bool,
    /// ... or of [`CONTENT_MODULE_CLASS_NAMES`].
    content_module: bool,
}

impl TokenBits {
    /// Check one whole class name against the hidden and content-module
    /// names.
    #[inline]
    fn whole_name(&mut self, c: &[u8]) {
        self.hidden |= is_listed_name(c, HIDDEN_CLASS_NAMES, HIDDEN_CLASS_NAME_LENS);
        self.content_module |= is_listed_name(
            c,
            CONTENT_MODULE_CLASS_NAMES,
            CONTENT_MODULE_CLASS_NAME_LENS,
        );
    }

    #[inline]
    fn add(&mut self, b: u8) {
        self.any |= b;
        if b & tok::CHROME != 0 && b & tok::LAYOUT == 0 {
            self.not_only_layout = true;
        }
    }
}

/// The tokens of an ASCII class or id value, as [`for_each_token`] makes
/// them, in one pass: each class name's letters and digits are lowercased
/// into `buf` once, so every token (a part, a camelCase piece, the joined
/// name) is a slice of it. Tokens come in another order than
/// `for_each_token`'s, which the ORed bits do not see. For a class value
/// (`is_class`), the whole names are checked against the lists of hidden
/// and content-module names on the way.
fn ascii_token_bits(
    table: &TokenTable,
    value: &[u8],
    is_class: bool,
    buf: &mut Vec<u8>,
) -> TokenBits {
    let mut bits = TokenBits::default();
    for class in value.split(u8::is_ascii_whitespace) {
        if is_class {
            bits.whole_name(class);
        }
        buf.clear();
        let mut parts = 0;
        let mut i = 0;
        while i < class.len() {
            if LOWER_ALNUM[class[i] as usize] == 0 {
                i += 1;
                continue;
            }
            // One part: a run of letters and digits.
            let start = buf.len();
            let mut piece = start;
            let mut upper = false;
            let mut prev_lower = false;
            while i < class.len() {
                let b = class[i];
                let lower = LOWER_ALNUM[b as usize];
                if lower == 0 {
                    break;
                }
                if lower != b {
                    // camelCase names: `articleBody` → also `article`, `body`
                    if prev_lower {
                        bits.add(table.bits(&buf[piece..]));
                        piece = buf.len();
                    }
                    upper = true;
                    prev_lower = false;
                } else {
                    prev_lower = b >= b'a';
                }
                buf.push(lower);
                i += 1;
            }
            parts += 1;
            if upper && piece > start {
                bits.add(table.bits(&buf[piece..]));
            }
            bits.add(table.bits(&buf[start..]));
        }
        if parts > 1 {
            bits.add(table.bits(buf));
        }
    }
    bits
}

/// By byte: the lowercase form of an ASCII letter or digit, 0 for any other
/// byte (a separator of class name parts).
const LOWER_ALNUM: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Does class name `c` equal one of `list` (ASCII case ignored)? `lens`
/// has bit `n` set when a name of the list is `n` bytes long, so most class
/// names cost one test.
#[inline]
fn is_listed_name(c: &[u8], list: &[&str], lens: u64) -> bool {
    c.len() < 64
        && lens & (1 << c.len()) != 0
        && list.iter().any(|h| h.as_bytes().eq_ignore_ascii_case(c))
}

/// Bit `n` set for each name of `list` that is `n` bytes long (names of 64
/// bytes or more are not allowed).
const fn lengths(list: &[&str]) -> u64 {
    let mut m = 0u64;
    let mut i = 0;
    while i < list.len() {
        assert!(list[i].len() < 64);
        m |= 1 << list[i].len();
        i += 1;
    }
    m
}

const HIDDEN_CLASS_NAME_LENS: u64 = lengths(HIDDEN_CLASS_NAMES);
const CONTENT_MODULE_CLASS_NAME_LENS: u64 = lengths(CONTENT_MODULE_CLASS_NAMES);

fn classify_names(table: &TokenTable, value: &str, is_class: bool, buf: &mut Vec<u8>) -> Names {
    let bits = if value.is_ascii() {
        ascii_token_bits(table, value.as_bytes(), is_class, buf)
    } else {
        let mut bits = TokenBits::default();
        for_each_token(value, |t| bits.add(table.bits(t.as_bytes())));
        if is_class {
            for c in value.split_ascii_whitespace() {
                bits.whole_name(c.as_bytes());
            }
        }
        bits
    };
    let bits_any = bits.any;
    let mut n = Names {
        only_layout: !bits.not_only_layout,
        ..Default::default()
    };
    n.chrome = bits_any & tok::CHROME != 0;
    n.comments = bits_any & tok::COMMENTS != 0;
    n.content = bits_any & tok::CONTENT != 0;
    n.body = bits_any & tok::BODY != 0;
    n.hidden = bits.hidden;
    let content_module = bits.content_module;
    n.weight = if bits_any & tok::NEGATIVE != 0 && !content_module {
        -25
    } else {
        0
    } + if bits_any & tok::POSITIVE != 0 { 25 } else { 0 };
    n
}

/// What the rules need to know of a tag name: its lists, and the kind the
/// counts and exceptions go by. Looked up once per distinct name per page.
#[derive(Clone, Copy)]
struct TagInfo {
    /// `flag::SKIP`, `flag::BLOCK`, `flag::CHROME` by the tag lists.
    flags: u8,
    kind: TagKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// `a`: a link if it has an `href`.
    Anchor,
    Noscript,
    /// `html`, `body`: never hidden, never chrome.
    Page,
    /// `main`, `article`: never chrome.
    Landmark,
    Paragraph,
    Image,
    ListItem,
    Input,
    Embed,
    Heading,
    Other,
}

impl TagInfo {
    fn of(tag: &str) -> TagInfo {
        let flags = (if has(NEVER_CONTENT_TAGS, tag) {
            flag::SKIP
        } else {
            0
        }) | (if has(BLOCK_TAGS, tag) { flag::BLOCK } else { 0 })
            | (if has(CHROME_TAGS, tag) {
                flag::CHROME
            } else {
                0
            });
        let kind = match tag {
            "a" => TagKind::Anchor,
            "noscript" => TagKind::Noscript,
            "html" | "body" => TagKind::Page,
            "main" | "article" => TagKind::Landmark,
            "p" => TagKind::Paragraph,
            "img" | "picture" => TagKind::Image,
            "li" => TagKind::ListItem,
            // Form fields; buttons are left out, as card grids put a
            // "Learn more" button on every card.
            "input" | "select" | "textarea" => TagKind::Input,
            "iframe" | "embed" | "object" | "video" => TagKind::Embed,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => TagKind::Heading,
            _ => TagKind::Other,
        };
        TagInfo { flags, kind }
    }
}

/// Does an inline `style` hide the element?
fn style_hides(style: &str) -> bool {
    let lower_has = |needle: &str| {
        style
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if !lower_has("none") && !lower_has("hidden") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Run the analysis over the whole tree. With `honor_hidden` off, elements
/// hidden by `hidden`, inline styles or utility classes, and `<noscript>`,
/// count as visible: the retry for pages that hide everything until a script
/// reveals it.
pub fn analyze(dom: &Dom, honor_hidden: bool) -> Analysis {
    let n = dom.nodes.len();
    let mut a = Analysis {
        flags: vec![0; n],
        weight: vec![0; n],
        chars: vec![0; n],
        link_chars: vec![0; n],
        commas: vec![0; n],
        paragraphs: vec![0; n],
        images: vec![0; n],
        list_items: vec![0; n],
        inputs: vec![0; n],
        embeds: vec![0; n],
        headings: vec![0; n],
        pre: vec![u32::MAX; n],
        end: vec![0; n],
        depth: vec![0; n],
        chrome_why: vec![None; n],
        hid_something: false,
    };
    // Pages repeat the same class values thousands of times; classify each
    // distinct value once.
    // Keyed by the value and whether it is a class: only a class hides or
    // names a content module (`HIDDEN_CLASS_NAMES`), so `class="hide"` and
    // `id="hide"` on one page read differently.
    let mut name_cache: foldhash::HashMap<(&str, bool), Names> = foldhash::HashMap::default();
    let table = TokenTable::new();
    let mut token_buf: Vec<u8> = Vec::new();
    let mut tag_cache: FxMap<html5ever::LocalName, TagInfo> =
        FxMap::with_capacity_and_hasher(64, Default::default());
    // The per-node arrays, re-borrowed once as slices of the tree's length:
    // one test of an index against `n` then covers all of them.
    let flags = &mut a.flags[..n];
    let weights = &mut a.weight[..n];
    let chars = &mut a.chars[..n];
    let link_chars = &mut a.link_chars[..n];
    let commas = &mut a.commas[..n];
    let paragraphs = &mut a.paragraphs[..n];
    let images = &mut a.images[..n];
    let list_items = &mut a.list_items[..n];
    let inputs = &mut a.inputs[..n];
    let embeds = &mut a.embeds[..n];
    let headings = &mut a.headings[..n];
    let pre = &mut a.pre[..n];
    let end = &mut a.end[..n];
    let depths = &mut a.depth[..n];
    let chrome_why = &mut a.chrome_why[..n];
    // A walk in document order along the tree's links, without a stack:
    // down to the first child, on to the next sibling, up to the parent.
    let mut order: u32 = 0;
    let mut depth: u32 = 0;
    // The outermost link (`<a href>`) around the current node, if any.
    let mut link_root = NONE;
    let mut id = DOCUMENT;
    'walk: loop {
        let i = id as usize;
        if i >= n {
            break;
        }
        let node = dom.node(id);
        pre[i] = order;
        order += 1;
        depths[i] = depth.min(u32::from(u16::MAX)) as u16;
        // Skipped subtrees are neither entered nor finished.
        let mut skipped = false;
        if let NodeData::Element(el) = &node.data {
            // Tag names repeat: look each distinct one up in the lists once.
            let info = match tag_cache.get(&el.name.local) {
                Some(&info) => info,
                None => *tag_cache
                    .entry(el.name.local.clone())
                    .or_insert_with(|| TagInfo::of(&el.name.local)),
            };
            let kind = info.kind;
            let tag_flags = info.flags;
            let mut f = 0u8;
            if tag_flags & flag::SKIP != 0 && (honor_hidden || kind != TagKind::Noscript) {
                f |= flag::SKIP;
            }
            let skipped_by_tag = f & flag::SKIP != 0 && kind != TagKind::Noscript;
            f |= tag_flags & flag::BLOCK;
            let is_link = kind == TagKind::Anchor && el.attr_named(&local_name!("href")).is_some();
            if tag_flags & flag::CHROME != 0 {
                f |= flag::CHROME;
                chrome_why[i] = Some(ChromeWhy::Tag);
            }
            let mut weight: i16 = 0;
            let mut chrome_token = false;
            let mut comment_token = false;
            let mut only_layout_tokens = true;
            let mut content_token = false;
            let mut hidden_token = false;
            let mut body_container = false;
            for attr in &el.attrs {
                // Atoms compare as words: no attribute name is read as a string.
                let name = &attr.name.local;
                match *name {
                    local_name!("class") | local_name!("id") => {
                        let is_class = *name == local_name!("class");
                        let names =
                            *name_cache
                                .entry((&attr.value, is_class))
                                .or_insert_with(|| {
                                    classify_names(&table, &attr.value, is_class, &mut token_buf)
                                });
                        chrome_token |= names.chrome;
                        comment_token |= names.comments;
                        only_layout_tokens &= names.only_layout || !names.chrome;
                        content_token |= names.content;
                        body_container |= names.body;
                        hidden_token |= names.hidden;
                        weight += names.weight;
                    }
                    local_name!("role") => {
                        // The role lists are lowercase.
                        let v = attr.value.trim();
                        if CHROME_ROLES.iter().any(|r| r.eq_ignore_ascii_case(v)) {
                            f |= flag::CHROME;
                            chrome_why[i] = Some(ChromeWhy::Role);
                        }
                        if v.eq_ignore_ascii_case("main") {
                            weight += 25;
                        }
                    }
                    local_name!("itemprop") => {
                        if attr.value.eq_ignore_ascii_case("articleBody") {
                            body_container = true;
                        }
                    }
                    local_name!("hidden") if honor_hidden => f |= flag::SKIP,
                    local_name!("style") => {
                        if honor_hidden && style_hides(&attr.value) {
                            f |= flag::SKIP;
                        }
                    }
                    _ => {}
                }
            }
            if hidden_token && honor_hidden {
                f |= flag::SKIP;
            }
            if chrome_token {
                f |= flag::CHROME;
                chrome_why[i].get_or_insert(if comment_token {
                    ChromeWhy::Comments
                } else {
                    ChromeWhy::ClassOrId
                });
                if only_layout_tokens {
                    f |= flag::LAYOUT_NAME;
                }
            }
            if content_token {
                f |= flag::CONTENT_NAME;
            }
            if body_container {
                f |= flag::BODY_CONTAINER;
            }
            if kind == TagKind::Page {
                // A page is never hidden as a whole, whatever its classes say.
                f &= !flag::SKIP;
            }
            if kind == TagKind::Page || kind == TagKind::Landmark {
                // The page and its main landmarks are never chrome, whatever
                // their class says (`<body class="has-comments">`).
                f &= !flag::CHROME;
                chrome_why[i] = None;
            }
            if f & flag::SKIP != 0 && !skipped_by_tag {
                a.hid_something = true;
            }
            flags[i] = f;
            weights[i] = weight;
            // The element counts itself; the children are added after them.
            // Skipped subtrees contribute no text, but images, form
            // controls and embeds still count for the cleaning rules.
            match kind {
                TagKind::Image => images[i] = 1,
                TagKind::Input => inputs[i] = 1,
                TagKind::Embed => embeds[i] = 1,
                TagKind::Paragraph if f & flag::SKIP == 0 => paragraphs[i] = 1,
                TagKind::ListItem if f & flag::SKIP == 0 => list_items[i] = 1,
                TagKind::Heading if f & flag::SKIP == 0 => headings[i] = 1,
                _ => {}
            }
            if f & flag::SKIP != 0 {
                // Skipped subtrees contribute nothing but their own
                // images, form controls and embeds; give them an empty range.
                end[i] = pre[i];
                let p = node.parent as usize;
                if p < n && p != DOCUMENT as usize {
                    images[p] = images[p].saturating_add(images[i]);
                    inputs[p] = inputs[p].saturating_add(inputs[i]);
                    embeds[p] = embeds[p].saturating_add(embeds[i]);
                }
                skipped = true;
            } else if is_link && link_root == NONE {
                link_root = id;
            }
        }
        if !skipped && node.first_child != NONE {
            id = node.first_child;
            depth += 1;
            continue;
        }
        // Finish `id`, and each ancestor whose last child it finishes.
        loop {
            let i = id as usize;
            if i >= n {
                break 'walk;
            }
            let node = dom.node(id);
            if !skipped {
                end[i] = order - 1;
                match &node.data {
                    NodeData::Text(t) => {
                        let (c, m) = count_text(t);
                        chars[i] = c;
                        commas[i] = m;
                        if link_root != NONE {
                            link_chars[i] = c;
                        }
                    }
                    NodeData::Element(_) => {
                        // The children have added themselves to the element's
                        // own counts (below).
                        let (ch, lc) = (chars[i], link_chars[i]);
                        let holds_body = flags[i] & flag::HOLDS_BODY != 0;
                        // Rule `holds-the-body`: an element named like chrome
                        // (`div.sidebar-wrapper` on some themes) that holds the
                        // article's body container is the page's frame, not chrome.
                        if holds_body {
                            if ChromeWhy::by_name(chrome_why[i]) {
                                flags[i] &= !flag::CHROME;
                                chrome_why[i] = None;
                            }
                            weights[i] = weights[i].max(0);
                        }
                        // A big element named like an article container is not
                        // chrome even if one of its names says so.
                        if flags[i] & flag::CHROME != 0
                            && flags[i] & flag::CONTENT_NAME != 0
                            && ChromeWhy::by_name(chrome_why[i])
                            && ch >= CONTENT_NAME_OVERRIDES_CHROME_CHARS
                        {
                            flags[i] &= !flag::CHROME;
                            chrome_why[i] = None;
                        }
                        // Rule `prose-in-layout-region`: a cell named like a menu
                        // or side column that holds long prose and few links is
                        // the page's text in an old table layout.
                        if flags[i] & flag::LAYOUT_NAME != 0
                            && ChromeWhy::by_name(chrome_why[i])
                            && ch >= LAYOUT_NAME_PROSE_CHARS
                            && (lc as f32) < ch as f32 * LAYOUT_NAME_MAX_LINK_DENSITY
                        {
                            flags[i] &= !flag::CHROME;
                            chrome_why[i] = None;
                        }
                    }
                    _ => {}
                }
                if id == link_root {
                    link_root = NONE;
                }
                // Add the finished counts to the parent, so that an
                // element's counts are complete when its own children are:
                // text and link characters, commas, the counts by kind, and
                // whether it has a block child or holds the article's body.
                // The document node sums only characters.
                let p = node.parent as usize;
                if p < n {
                    chars[p] += chars[i];
                    link_chars[p] += link_chars[i];
                    if p != DOCUMENT as usize {
                        commas[p] += commas[i];
                        paragraphs[p] = paragraphs[p].saturating_add(paragraphs[i]);
                        list_items[p] = list_items[p].saturating_add(list_items[i]);
                        headings[p] = headings[p].saturating_add(headings[i]);
                        images[p] = images[p].saturating_add(images[i]);
                        inputs[p] = inputs[p].saturating_add(inputs[i]);
                        embeds[p] = embeds[p].saturating_add(embeds[i]);
                        let f = flags[i];
                        if f & flag::BLOCK != 0 {
                            flags[p] |= flag::HAS_BLOCK_CHILD;
                        }
                        if f & flag::HOLDS_BODY != 0
                            || (f & flag::BODY_CONTAINER != 0 && chars[i] >= HOLDS_BODY_MIN_CHARS)
                        {
                            flags[p] |= flag::HOLDS_BODY;
                        }
                    }
                }
            }
            skipped = false;
            if id == DOCUMENT {
                break 'walk;
            }
            if node.next != NONE {
                id = node.next;
                continue 'walk;
            }
            id = node.parent;
            depth = depth.saturating_sub(1);
        }
    }
    // Rule `most-of-the-page-is-not-chrome`: a box named like a side column
    // (`div.sidebar-container` wrapping a theme's whole content column) that
    // holds most of the page's prose is the page's frame, not a sidebar:
    // real sidebars never carry most of the text. Only side-column names:
    // other chrome names on a big box (`#evolve-shared-history` read as a
    // share bar) mark sub-sections too, and are left to the cascade.
    let prose = |i: usize| a.chars[i].saturating_sub(a.link_chars[i]);
    let page_prose = prose(DOCUMENT as usize);
    if page_prose > 0 {
        for i in 0..a.flags.len() {
            if a.flags[i] & flag::CHROME != 0
                && a.chrome_why[i] == Some(ChromeWhy::ClassOrId)
                && prose(i) as f32 >= page_prose as f32 * FRAME_MIN_PROSE_SHARE
                && named_side_column(dom, i as NodeId)
            {
                a.flags[i] &= !flag::CHROME;
                a.chrome_why[i] = None;
            }
        }
    }
    a
}

/// Is `id` named like a side column (`sidebar-container`, `left-rail`)?
fn named_side_column(dom: &Dom, id: NodeId) -> bool {
    let Some(el) = dom.element(id) else {
        return false;
    };
    let mut hit = false;
    for attr in [local_name!("class"), local_name!("id")] {
        if let Some(v) = el.attr_named(&attr) {
            for_each_token(v, |t| {
                hit |= SIDE_COLUMN_PREFIXES.iter().any(|p| t.starts_with(p));
            });
        }
    }
    hit
}

/// A box named like chrome that holds this share of the page's prose is the
/// page's frame (rule `most-of-the-page-is-not-chrome`).
pub const FRAME_MIN_PROSE_SHARE: f32 = 0.6;

/// An element with both a chrome and an article-container name
/// (`<div class="post has-comments">`) counts as content once it holds this
/// much text: share bars and comment links are short.
pub const CONTENT_NAME_OVERRIDES_CHROME_CHARS: u32 = 500;

/// A body container needs this much text to clear its frame of chrome.
pub const HOLDS_BODY_MIN_CHARS: u32 = 250;

/// Prose needed to clear a layout-region name of chrome ...
pub const LAYOUT_NAME_PROSE_CHARS: u32 = 800;
/// ... with at most this share of links.
pub const LAYOUT_NAME_MAX_LINK_DENSITY: f32 = 0.25;

/// Non-whitespace characters and commas in a text node.
#[inline]
pub fn count_text(t: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    // Branch-free per byte with byte-wide counters over chunks too short to
    // overflow them, so the loop runs on vector registers.
    for chunk in t.as_bytes().chunks(255) {
        let (mut c, mut m) = (0u8, 0u8);
        for &b in chunk {
            // Count the first byte of each UTF-8 character that is not ASCII space.
            let space = (b == b' ') | (b == b'\t') | (b == b'\n') | (b == b'\x0C') | (b == b'\r');
            c += ((b & 0xC0 != 0x80) & !space) as u8;
            m += (b == b',') as u8;
        }
        chars += u32::from(c);
        commas += u32::from(m);
    }
    // Full-width, ideographic and Arabic commas, found by their lead bytes.
    if !t.is_ascii() {
        let b = t.as_bytes();
        commas += memchr::memchr3_iter(0xEF, 0xE3, 0xD8, b)
            .filter(|&i| {
                OTHER_COMMAS
                    .iter()
                    .any(|c| b[i..].starts_with(c.as_bytes()))
            })
            .count() as u32;
    }
    (chars, commas)
}

/// Commas of other scripts, counted with the ASCII one: full-width and
/// ideographic (CJK pages) and Arabic. Their UTF-8 forms start with the
/// bytes 0xEF, 0xE3 and 0xD8, which [`count_text`] looks for first.
const OTHER_COMMAS: [&str; 3] = ["，", "、", "،"];

#[cfg(test)]
mod tests {
    use super::{ascii_token_bits, for_each_token, TokenBits, TokenTable};

    fn tokens(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(value, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn tokens_come_in_order_with_camel_pieces_and_joined_names() {
        assert_eq!(tokens("post"), ["post"]);
        assert_eq!(
            tokens("article-body  x"),
            ["article", "body", "articlebody", "x"]
        );
        assert_eq!(
            tokens("entryContent--main"),
            [
                "entry",
                "content",
                "entrycontent",
                "main",
                "entrycontentmain"
            ]
        );
        assert_eq!(tokens("--a__"), ["a"]);
        assert_eq!(tokens("-- __"), Vec::<String>::new());
        assert_eq!(tokens("ABC Nav"), ["abc", "nav"]);
        // Non-ASCII letters are part of a token, other characters split.
        assert_eq!(tokens("größe·Box"), ["größe", "box", "größebox"]);
        assert_eq!(tokens("menüLeft"), ["menüleft"]);
        assert_eq!(tokens("a1B-c"), ["a1b", "c", "a1bc"]);
    }

    #[test]
    fn one_pass_ascii_tokens_have_the_bits_of_for_each_token() {
        let table = TokenTable::new();
        let mut buf = Vec::new();
        for value in [
            "post",
            "article-body  x",
            "entryContent--main",
            "--a__",
            "-- __",
            "ABC Nav",
            "sidebarWidget main-content",
            "site-NAV\tcommentList\nshare_bar",
            "relatedPosts a1B-c hasComments",
            "navBar menuItem footerLinks",
            "sharing socialIcons",
            "entry-content post hentry",
        ] {
            let mut want = TokenBits::default();
            for_each_token(value, |t| want.add(table.bits(t.as_bytes())));
            let got = ascii_token_bits(&table, value.as_bytes(), false, &mut buf);
            assert_eq!(
                (got.any, got.not_only_layout),
                (want.any, want.not_only_layout),
                "{value}"
            );
        }
    }
}
