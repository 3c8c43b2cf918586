//! Choosing the article: which part of the page holds it, which elements
//! inside that part are not article, and so which blocks are the body.
//!
//! The scoring follows the idea Readability made popular: every paragraph
//! of real prose votes for the containers around it, containers named like
//! chrome lose votes, links dilute them, and the best-scored container (with
//! its siblings of similar standing) is the article. Inside it, "conditional
//! cleaning" drops boxes whose shape gives them away: link lists, image
//! galleries, forms, tiny widgets.

use crate::analyze::{flag, Analysis, ChromeWhy};
use crate::document::BlockKind;
use crate::dom::{Dom, NodeId, DOCUMENT, NONE};
use crate::segment::RawBlock;
use html5ever::local_name;

/// The switches of one attempt of the cascade; later attempts turn rules off
/// when the strict attempt found too little text.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Ignore text under page chrome (nav, share bars, comments …).
    pub strip_chrome: bool,
    /// Let class/id names raise or lower container scores.
    pub weight_classes: bool,
    /// Drop link lists, galleries, forms and widgets inside the article.
    pub clean_conditionally: bool,
}

/// Why a node inside the chosen container was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    /// `nav`, `aside`, `footer`, chrome roles, chrome class/id names.
    Chrome,
    /// A heading whose class names it as chrome (`h2.related-title`).
    ChromeHeading,
    /// Class weight plus content score below zero.
    NegativeWeight,
    /// More images than paragraphs: a gallery or a teaser grid.
    ImageGallery,
    /// Over a hundred list items more than paragraphs, outside a list.
    ListLike,
    /// Form controls outnumber a third of the paragraphs: search, login, polls.
    FormLike,
    /// A box with almost no text and no single image: widget residue.
    TinyBox,
    /// A box most of whose text is links: related articles, tag lists.
    LinkHeavy,
    /// A box around embedded players with little text.
    EmbedBox,
    /// A forum poster's statistics beside a post (`Joined`, `Posts: 98`).
    PosterStats,
}

impl Drop {
    /// The rule's name as `explain` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Drop::Chrome => "chrome",
            Drop::ChromeHeading => "chrome-heading",
            Drop::NegativeWeight => "negative-class-weight",
            Drop::ImageGallery => "image-gallery",
            Drop::ListLike => "list-like-box",
            Drop::FormLike => "form-like-box",
            Drop::TinyBox => "tiny-box",
            Drop::LinkHeavy => "link-heavy-box",
            Drop::EmbedBox => "embed-box",
            Drop::PosterStats => "poster-stats",
        }
    }
}

/// A paragraph needs this many characters to vote for its containers.
const MIN_VOTING_CHARS: u32 = 20;
/// A list item needs this many characters to vote ...
const LIST_ITEM_VOTE_CHARS: u32 = 80;
/// ... and at most this share of links.
const LIST_ITEM_VOTE_MAX_LINK_DENSITY: f32 = 0.3;
/// How many ancestors a paragraph's vote reaches.
const VOTE_LEVELS: usize = 6;
/// How many best candidates are compared when looking for a shared ancestor.
const TOP_CANDIDATES: usize = 5;
/// Candidates within this share of the best one count as its rivals.
const RIVAL_SHARE: f32 = 0.58;
/// This many rivals under one ancestor make that ancestor the article.
const MIN_RIVALS_UNDER_ANCESTOR: usize = 3;
/// A sibling joins the article with this share of the top candidate's score.
const SIBLING_SHARE: f32 = 0.15;
/// ... but never with less than this score.
const SIBLING_MIN_SCORE: f32 = 5.0;
/// Characters of text that count as one paragraph where no `<p>` is used.
const PARAGRAPH_EQUIVALENT_CHARS: u32 = 200;
/// A gallery holds less text than this per image (captions, not prose).
const GALLERY_MAX_CHARS_PER_IMAGE: f32 = 100.0;
/// A box with this share of the article's text is never cleaned away.
const ARTICLE_SHARE: f32 = 0.5;
/// An embed wrapper (video, social post) is dropped when it has less text
/// than this per embed: a caption, not an article.
const EMBED_BOX_MAX_CHARS: u32 = 100;
/// A box (not a list, not named like content) with more of its text in
/// links than this is a link box: related stories, tag lists, menus.
const LINK_HEAVY_SHARE: f32 = 0.35;
/// Commas in a box at which conditional cleaning trusts it as prose.
const PROSE_COMMAS: u32 = 10;

/// Score containers and pick the article's roots: the top candidate and the
/// siblings that join it. Returns the roots in document order.
pub fn choose_roots(dom: &Dom, an: &Analysis, blocks: &[RawBlock], s: Settings) -> Vec<NodeId> {
    let n = dom.nodes.len();
    let mut score: Vec<f32> = vec![f32::NAN; n];
    let mut scored: Vec<NodeId> = Vec::new();
    for b in blocks {
        if b.chars < MIN_VOTING_CHARS {
            continue;
        }
        // Rule `prose-list-items-vote`: list items vote only when they are
        // prose (long, few links), as on pages that write in bullet lists;
        // menus and link lists never do.
        let prose_item = b.kind == BlockKind::ListItem
            && b.chars >= LIST_ITEM_VOTE_CHARS
            && b.link_density() < LIST_ITEM_VOTE_MAX_LINK_DENSITY;
        if !prose_item
            && !matches!(
                b.kind,
                BlockKind::Paragraph
                    | BlockKind::Code
                    | BlockKind::Heading
                    | BlockKind::Quote
                    | BlockKind::Table
            )
        {
            continue;
        }
        if b.kind == BlockKind::Heading && b.level < 2 {
            continue;
        }
        if s.strip_chrome && under_chrome(dom, an, b.owner) || under_landmark(dom, an, b.owner) {
            continue;
        }
        let owner = b.owner;
        let tag = dom.tag(owner);
        // A `<p>` (or an element that only holds inline text) is the
        // paragraph; its parent gets the full vote. Text loose in a
        // container is a paragraph inside that container.
        let acts_as_paragraph = matches!(
            tag,
            "p" | "pre" | "td" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
        ) || (matches!(tag, "div" | "section" | "article" | "span")
            && !an.has(owner, flag::HAS_BLOCK_CHILD));
        let start = if prose_item {
            // The list's container gets the vote, not the list.
            let list = dom.node(owner).parent;
            if list == NONE {
                continue;
            }
            dom.node(list).parent
        } else if acts_as_paragraph || b.kind == BlockKind::Table {
            dom.node(owner).parent
        } else {
            owner
        };
        let vote = 1.0 + b.commas as f32 + (b.chars as f32 / 100.0).floor().min(3.0);
        let mut node = start;
        for level in 0..VOTE_LEVELS {
            if node == NONE || node == DOCUMENT || dom.element(node).is_none() {
                break;
            }
            let i = node as usize;
            if score[i].is_nan() {
                score[i] = base_score(dom.tag(node))
                    + if s.weight_classes {
                        an.weight[i] as f32
                    } else {
                        0.0
                    };
                scored.push(node);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[i] += vote / divider;
            node = dom.node(node).parent;
        }
    }
    // Links dilute a container's score.
    for &c in &scored {
        let i = c as usize;
        score[i] *= 1.0 - an.link_density(c);
    }
    let body = dom.find_first("body").unwrap_or(DOCUMENT);
    let mut top: Vec<NodeId> = scored.clone();
    top.sort_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
    top.truncate(TOP_CANDIDATES);
    let Some(&first) = top.first() else {
        return vec![body];
    };
    let mut best = first;
    if dom.tag(best) == "body" || dom.tag(best) == "html" {
        return vec![body];
    }
    // Several strong rivals under one ancestor: the article is that ancestor
    // (pages that split the text into sibling boxes).
    let best_score = score[best as usize];
    let rivals: Vec<NodeId> = top[1..]
        .iter()
        .copied()
        .filter(|&c| score[c as usize] / best_score >= RIVAL_SHARE)
        .collect();
    if rivals.len() >= MIN_RIVALS_UNDER_ANCESTOR {
        let mut parent = dom.node(best).parent;
        while parent != NONE && parent != body && parent != DOCUMENT {
            let under = rivals.iter().filter(|&&r| an.contains(parent, r)).count();
            if under >= MIN_RIVALS_UNDER_ANCESTOR {
                best = parent;
                break;
            }
            parent = dom.node(parent).parent;
        }
    }
    // Climb while the parent scores higher: the vote was split unevenly.
    let mut last = score[best as usize];
    if last.is_nan() {
        last = 0.0;
    }
    let threshold = last / 3.0;
    let mut parent = dom.node(best).parent;
    while parent != NONE && parent != body && parent != DOCUMENT {
        let ps = score[parent as usize];
        if ps.is_nan() {
            parent = dom.node(parent).parent;
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            best = parent;
            break;
        }
        last = ps;
        parent = dom.node(parent).parent;
    }
    // An only child stands for its parent.
    loop {
        let p = dom.node(best).parent;
        if p == NONE || p == body || p == DOCUMENT || dom.element(p).is_none() {
            break;
        }
        if dom
            .children(p)
            .filter(|&c| dom.element(c).is_some())
            .count()
            != 1
        {
            break;
        }
        best = p;
    }
    // Siblings of similar standing join the article.
    let parent = dom.node(best).parent;
    if parent == NONE {
        return vec![best];
    }
    let bs = if score[best as usize].is_nan() {
        0.0
    } else {
        score[best as usize]
    };
    let threshold = (bs * SIBLING_SHARE).max(SIBLING_MIN_SCORE);
    let best_class = dom
        .element(best)
        .and_then(|e| e.attr_named(&local_name!("class")))
        .unwrap_or("");
    let mut roots = Vec::new();
    for sib in dom.children(parent) {
        if sib == best {
            roots.push(sib);
            continue;
        }
        let Some(el) = dom.element(sib) else { continue };
        if an.has(sib, flag::SKIP) {
            continue;
        }
        if s.strip_chrome && an.has(sib, flag::CHROME) {
            continue;
        }
        let mut sib_score = score[sib as usize];
        if sib_score.is_nan() {
            sib_score = 0.0;
        }
        if !best_class.is_empty() && el.attr_named(&local_name!("class")) == Some(best_class) {
            sib_score += bs * SIBLING_SHARE;
        }
        let mut join = sib_score >= threshold;
        if !join && matches!(dom.tag(sib), "p") {
            let ld = an.link_density(sib);
            let len = an.chars[sib as usize];
            if len > 80 && ld < 0.25 {
                join = true;
            } else if len > 0 && len <= 80 && ld == 0.0 {
                let mut t = String::new();
                dom.text_of(sib, &mut t);
                let t = t.trim_end();
                join = t.ends_with('.') || t.ends_with('!') || t.ends_with('?');
            }
        }
        if join {
            roots.push(sib);
        }
    }
    roots
}

/// Score an element starts with, by tag: boxes that usually hold prose start
/// higher, lists and headings lower.
fn base_score(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Is `node` or one of its ancestors page chrome?
pub fn under_chrome(dom: &Dom, an: &Analysis, mut node: NodeId) -> bool {
    while node != NONE {
        if an.has(node, flag::CHROME) {
            return true;
        }
        node = dom.node(node).parent;
    }
    false
}

/// Is `node` inside page chrome marked by its tag or ARIA role (`<nav>`,
/// `<footer>`, `<aside>`, `role=contentinfo` …) or inside a comment section?
/// Unlike most class names, these do not lie, so even the broad attempts of
/// the cascade (which distrust class names) never let their text vote.
pub fn under_landmark(dom: &Dom, an: &Analysis, mut node: NodeId) -> bool {
    while node != NONE {
        if matches!(
            an.chrome_why[node as usize],
            Some(ChromeWhy::Tag | ChromeWhy::Role | ChromeWhy::Comments)
        ) {
            return true;
        }
        node = dom.node(node).parent;
    }
    false
}

/// Walk the roots' subtrees and decide, per element, whether it is dropped.
/// Returns a per-node verdict: `None` for kept (or outside the roots).
pub fn clean(dom: &Dom, an: &Analysis, roots: &[NodeId], s: Settings) -> Vec<Option<Drop>> {
    let mut verdict: Vec<Option<Drop>> = vec![None; dom.nodes.len()];
    for &root in roots {
        let mut stack: Vec<NodeId> = dom.children(root).collect();
        stack.reverse();
        while let Some(id) = stack.pop() {
            let Some(el) = dom.element(id) else { continue };
            let i = id as usize;
            if an.has(id, flag::SKIP) {
                continue;
            }
            if let Some(d) = judge(dom, an, id, &el.name.local, s, an.chars[root as usize]) {
                verdict[i] = Some(d);
                continue; // the whole subtree goes
            }
            let mut c = dom.node(id).last_child;
            while c != NONE {
                stack.push(c);
                c = dom.node(c).prev;
            }
        }
    }
    verdict
}

/// The rules for one element inside the article.
fn judge(
    dom: &Dom,
    an: &Analysis,
    id: NodeId,
    tag: &str,
    s: Settings,
    root_chars: u32,
) -> Option<Drop> {
    let i = id as usize;
    if s.strip_chrome && an.has(id, flag::CHROME) && !is_accordion(dom, an, id) {
        return Some(Drop::Chrome);
    }
    let weight = if s.weight_classes {
        an.weight[i] as i32
    } else {
        0
    };
    if matches!(tag, "h1" | "h2" | "h3") && weight < 0 {
        return Some(Drop::ChromeHeading);
    }
    if tag == "dl" && is_poster_stats(dom, an, id) {
        return Some(Drop::PosterStats);
    }
    if !s.clean_conditionally {
        return None;
    }
    if !matches!(
        tag,
        "form" | "fieldset" | "table" | "ul" | "ol" | "dl" | "div" | "section" | "header" | "aside"
    ) {
        return None;
    }
    if weight < 0 {
        return Some(Drop::NegativeWeight);
    }
    // Rule `holds-the-article`: a box with most of the article's text is the
    // article, whatever its shape (a post wrapper full of images and videos).
    if an.chars[i] as f32 >= root_chars as f32 * ARTICLE_SHARE {
        return None;
    }
    if an.commas[i] >= PROSE_COMMAS {
        return None;
    }
    if tag == "table" && is_data_table(dom, an, id) {
        return None;
    }
    let is_list = matches!(tag, "ul" | "ol" | "dl");
    // Text written without `<p>` (in `<div>`s and `<br>`s) still counts as
    // paragraphs: one per PARAGRAPH_EQUIVALENT_CHARS characters.
    let p = (an.paragraphs[i] as f32).max((an.chars[i] / PARAGRAPH_EQUIVALENT_CHARS) as f32);
    let img = an.images[i] as f32;
    let li = an.list_items[i] as f32 - 100.0;
    let input = an.inputs[i] as f32;
    let embeds = an.embeds[i];
    let chars = an.chars[i];
    let ld = an.link_density(id);
    let in_figure = has_ancestor(dom, id, "figure");
    let heading_share = if chars == 0 {
        0.0
    } else {
        heading_chars(dom, an, id) as f32 / chars as f32
    };
    // Prose in `<div>`s and `<br>`s (forum posts) has no `<p>`: a gallery also
    // has little text per image.
    if img > 1.0
        && p / img < 0.5
        && !in_figure
        && (chars as f32) < GALLERY_MAX_CHARS_PER_IMAGE * img
    {
        return Some(Drop::ImageGallery);
    }
    if !is_list && li > p {
        return Some(Drop::ListLike);
    }
    if input > (p / 3.0).floor() {
        return Some(Drop::FormLike);
    }
    if !is_list && heading_share < 0.9 && chars < 25 && (img == 0.0 || img > 2.0) && !in_figure {
        return Some(Drop::TinyBox);
    }
    if !is_list && weight < 25 && ld > LINK_HEAVY_SHARE {
        return Some(Drop::LinkHeavy);
    }
    if weight >= 25 && ld > 0.5 {
        return Some(Drop::LinkHeavy);
    }
    if is_list && ld > 0.5 && !is_annotated_link_list(an, id) {
        return Some(Drop::LinkHeavy);
    }
    if embeds > 0 && chars < EMBED_BOX_MAX_CHARS * embeds as u32 {
        return Some(Drop::EmbedBox);
    }
    None
}

/// A poster-stats list holds at most this many characters.
const POSTER_STATS_MAX_CHARS: u32 = 300;

/// Rule `poster-stats`: forum software shows, beside every post, a small
/// description list of the poster's standing — `<dl><dt>Joined</dt><dd>Mar 8,
/// 2021</dd><dt>Messages</dt><dd>1,234</dd></dl>` (XenForo, vBulletin) or
/// `<dd>Posts: 98</dd><dd>Registered: 2024-01-27</dd>` (phpBB, FluxBB). It
/// repeats with every post and is never part of what was written. A short
/// `dl` is that list when at least half of its terms and descriptions open
/// with a label from `POSTER_STAT_LABELS`.
fn is_poster_stats(dom: &Dom, an: &Analysis, dl: NodeId) -> bool {
    if an.chars[dl as usize] > POSTER_STATS_MAX_CHARS {
        return false;
    }
    let (mut items, mut labelled) = (0u32, 0u32);
    let mut text = String::new();
    // The terms sit right under the `dl`, or one wrapper `div` down (HTML
    // allows `<dl><div><dt>…<dd>…</div></dl>`).
    let mut stack: Vec<NodeId> = dom.children(dl).collect();
    while let Some(c) = stack.pop() {
        match dom.tag(c) {
            "dt" | "dd" => {
                if an.chars[c as usize] == 0 {
                    continue;
                }
                items += 1;
                text.clear();
                dom.text_of(c, &mut text);
                if opens_with_poster_stat_label(&text) {
                    labelled += 1;
                }
            }
            "div" if dom.node(c).parent == dl => stack.extend(dom.children(c)),
            _ => {}
        }
    }
    items > 0 && labelled * 2 >= items
}

/// Does `text` open with a poster-stats label as whole words (`Posts: 98`,
/// `Joined`, `Reaction score`)?
fn opens_with_poster_stat_label(text: &str) -> bool {
    let t = text.trim_start();
    crate::patterns::POSTER_STAT_LABELS.iter().any(|label| {
        t.get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label))
            && {
                // The label stands alone (`Joined`) or before a colon
                // (`Posts: 98`); `Points of interest` is not one.
                let rest = t[label.len()..].trim_start();
                rest.is_empty() || rest.starts_with(':')
            }
    })
}

/// Outside its links, an annotated link list says this much per item.
const ANNOTATED_ITEM_MIN_PROSE: u32 = 15;

/// Rule `annotated-link-list`: a list whose every item is a link followed
/// by a sentence about it (`<li><a>Open Library</a> — a catalogue of every
/// book ever published</li>`) is the article's list of resources, tools or
/// sources: what it says beside the links is written for the article. A
/// related-stories or tag list has nothing but its links.
fn is_annotated_link_list(an: &Analysis, list: NodeId) -> bool {
    let i = list as usize;
    let items = an.list_items[i] as u32;
    items > 0 && an.chars[i].saturating_sub(an.link_chars[i]) >= items * ANNOTATED_ITEM_MIN_PROSE
}

/// Characters inside headings of the subtree.
fn heading_chars(dom: &Dom, an: &Analysis, id: NodeId) -> u32 {
    if an.headings[id as usize] == 0 {
        return 0;
    }
    let mut total = 0;
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        for c in dom.children(n) {
            if matches!(dom.tag(c), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                total += an.chars[c as usize];
            } else if an.headings[c as usize] > 0 {
                stack.push(c);
            }
        }
    }
    total
}

/// Rule `accordion-is-not-a-tab-bar`: a tab bar (`role=tablist`) holds only
/// tab labels, its panels sit elsewhere; an accordion (FAQ answers, a course
/// outline, a transcript) is marked up as a tablist that lets several panels
/// open at once (`aria-multiselectable="true"`) and holds the panels' text.
/// Inside the article it is part of the article. (It still casts no votes:
/// an accordion beside the article never becomes the article.)
fn is_accordion(dom: &Dom, an: &Analysis, id: NodeId) -> bool {
    an.chrome_why[id as usize] == Some(ChromeWhy::Role)
        && dom.element(id).is_some_and(|e| {
            e.attr_named(&local_name!("role"))
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("tablist"))
                && e.attr_named(&local_name!("aria-multiselectable"))
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        })
}

fn has_ancestor(dom: &Dom, mut id: NodeId, tag: &str) -> bool {
    id = dom.node(id).parent;
    while id != NONE {
        if dom.tag(id) == tag {
            return true;
        }
        id = dom.node(id).parent;
    }
    false
}

/// A table of data (a caption, header cells, or a regular grid of short
/// cells) rather than a layout grid.
fn is_data_table(dom: &Dom, an: &Analysis, table: NodeId) -> bool {
    if let Some(el) = dom.element(table) {
        if el.attr_named(&local_name!("role")) == Some("presentation") {
            return false;
        }
        if el
            .attr_named(&local_name!("summary"))
            .is_some_and(|s| !s.is_empty())
        {
            return true;
        }
    }
    let mut stack = vec![table];
    let mut rows = 0;
    let mut cells = 0;
    while let Some(n) = stack.pop() {
        for c in dom.children(n) {
            match dom.tag(c) {
                "caption" | "th" | "thead" | "tfoot" | "colgroup" | "col" => return true,
                "table" => return false,
                "tr" => {
                    rows += 1;
                    stack.push(c);
                }
                "td" => cells += 1,
                "tbody" => stack.push(c),
                _ => {}
            }
        }
    }
    rows >= 3 && cells >= 6 && an.chars[table as usize] / (cells.max(1) as u32) < 150
}
