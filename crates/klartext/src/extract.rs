//! The pipeline of one page, top to bottom:
//! parse → analyse → metadata → segment → choose the article (a cascade of
//! attempts) → clean inside it → assemble the Document.

use crate::analyze::{analyze, flag, Analysis};
use crate::document::{Block, BlockKind, Document};
use crate::dom::{Dom, NodeId, NONE};
use crate::meta::{self, fold, fold_eq, squash};
use crate::parts;
use crate::patterns::{CREDIT_PREFIXES, PAGE_TYPES};
use crate::segment::{segment, RawBlock};
use crate::select::{choose_roots, clean, under_chrome, under_landmark, Drop, Settings};
use crate::Options;
use html5ever::local_name;

/// Which stage of the cascade produced the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A container the CMS names as the article body (`itemprop=articleBody`,
    /// `.entry-content`, …), cleaned with every rule.
    Precise,
    /// Container scoring with every rule on.
    Scored,
    /// Scoring again without the chrome filter (pages whose article sits in a
    /// box named like chrome).
    Relaxed,
    /// Scoring without class names and conditional cleaning.
    Loose,
    /// The teaser cards of a listing page.
    Listing,
    /// JSON-LD `articleBody`.
    JsonLd,
    /// The page's substantial paragraphs, wherever they are.
    Paragraphs,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Precise => "precise",
            Stage::Scored => "scored",
            Stage::Relaxed => "relaxed",
            Stage::Loose => "loose",
            Stage::Listing => "listing",
            Stage::JsonLd => "json-ld",
            Stage::Paragraphs => "paragraphs",
        }
    }
}

/// An attempt that finds this much text is accepted without trying the
/// broader ones.
const ENOUGH_CHARS: u32 = 500;
/// A paragraph this long is real article text; the tail is trimmed back to
/// the last one ...
const TAIL_SUBSTANTIAL_CHARS: u32 = 150;
/// ... of lines shorter than this.
const TAIL_RESIDUE_CHARS: u32 = 20;
/// A run of posts needs at least this many siblings ...
const MIN_REPEATED_POSTS: usize = 2;
/// ... found at most this many levels above the chosen root.
const POST_CLIMB_LEVELS: usize = 8;
/// A page frame without `<main>` is made of at least this many sections.
const MIN_FRAME_SECTIONS: usize = 3;
/// Roots with less than this share of `<main>`'s prose give way to `<main>` ...
const MAIN_SHARE_OF_ROOTS: f32 = 0.65;
/// ... counting as prose the blocks with fewer links than this.
const MAIN_PROSE_MAX_LINK_DENSITY: f32 = 0.3;
/// A link teaser line is shorter than this ...
const LINK_LINE_MAX_CHARS: u32 = 150;
/// ... and at least this much link ...
const LINK_LINE_MIN_LINK_DENSITY: f32 = 0.6;
/// ... after a label of at most this many characters.
const LINK_LABEL_MAX_CHARS: usize = 30;
/// A link stub is shorter than this ...
const LINK_STUB_MAX_CHARS: u32 = 25;
/// ... and nearly all link.
const LINK_STUB_MIN_LINK_DENSITY: f32 = 0.9;
/// A picture credit is shorter than this.
const CREDIT_LINE_MAX_CHARS: u32 = 80;
/// The lead is looked for at most this many blocks after the headline ...
const LEAD_MAX_GAP_BLOCKS: usize = 40;
/// A subtitle set as a heading counts as lead from this length.
const LEAD_HEADING_MIN_CHARS: u32 = 60;
/// ... in paragraphs of at least this many characters ...
const LEAD_MIN_CHARS: u32 = 60;
/// ... with at most this share of links.
const LEAD_MAX_LINK_DENSITY: f32 = 0.2;
/// A teaser card holds at least this much text ...
const LISTING_CARD_MIN_CHARS: u32 = 80;
/// ... nearly all of it inside its link.
const LISTING_CARD_MIN_LINK_DENSITY: f32 = 0.8;
/// A listing has at least this many cards ...
const LISTING_MIN_CARDS: usize = 5;
/// ... holding this many times the text of the body found otherwise.
const LISTING_CARDS_OVER_BODY: u32 = 3;
/// Only a short body can be a listing's stray line; a real article is longer.
const LISTING_MAX_BODY_CHARS: u32 = 1000;
/// Text kept from the whole page is its frame of menus when at least this
/// share of it is link text.
const FRAME_MIN_LINK_DENSITY: f32 = 0.75;
/// Rule `revealed-by-script` takes the page read with hidden parts shown
/// only when that read finds at least this much text: a few lines are a
/// hidden menu, cart drawer or dialog, not the hidden article.
const REVEALED_MIN_CHARS: u32 = 200;
/// A notice that the page needs JavaScript is shorter than this ...
const SCRIPT_NOTICE_MAX_CHARS: u32 = 200;
/// ... and asks for it with one of these words.
const SCRIPT_NOTICE_WORDS: &[&str] = &[
    "enable",
    "turn on",
    "turned on",
    "activate",
    "requires",
    "needs",
];
/// A broader attempt replaces a stricter one only when it finds this many
/// times its text.
const BROADER_MUST_FIND: f32 = 3.0;
/// A precise container must hold this much text to be trusted.
const PRECISE_MIN_CHARS: u32 = 150;
/// ... and at most this share of links.
const PRECISE_MAX_LINK_DENSITY: f32 = 0.55;
/// A kicker inside the body box is among its first blocks.
const KICKER_BODY_SEARCH: usize = 3;
/// Agency credit lines are looked for among this many blocks at the end.
const AGENCY_CREDIT_TAIL: usize = 2;
/// Below this much body text the rescue stages are tried.
const RESCUE_BELOW_CHARS: u32 = 200;
/// The paragraph rescue keeps blocks of at least this many characters ...
const RESCUE_PARAGRAPH_CHARS: u32 = 80;
/// ... with at most this share of links.
const RESCUE_MAX_LINK_DENSITY: f32 = 0.3;

const STRICT: Settings = Settings {
    strip_chrome: true,
    weight_classes: true,
    clean_conditionally: true,
};
const RELAXED: Settings = Settings {
    strip_chrome: false,
    weight_classes: true,
    clean_conditionally: true,
};
const LOOSE: Settings = Settings {
    strip_chrome: false,
    weight_classes: false,
    clean_conditionally: false,
};

/// One page taken through analysis and the choice of its body: what both
/// extraction and the debugging listing read.
pub(crate) struct Page {
    pub(crate) dom: Dom,
    pub(crate) meta: meta::Meta,
    pub(crate) an: Analysis,
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) title: Option<String>,
    pub(crate) stage: Stage,
    pub(crate) kept: Vec<usize>,
    pub(crate) posts: bool,
    /// The roots and settings of the attempt that chose the body (empty
    /// for a listing), for `explain` to replay the cleaning verdicts.
    pub(crate) roots: Vec<NodeId>,
    pub(crate) settings: Settings,
    /// Whether rule `revealed-by-script` read the page with hidden parts shown.
    pub(crate) revealed: bool,
    /// What the parser's limits cut.
    pub(crate) parse_warnings: Vec<String>,
}

/// The clock of one call's time budget (`Limits::time_budget`): no budget,
/// no clock read, so results without one never depend on the machine.
pub(crate) struct Budget(Option<(std::time::Instant, std::time::Duration)>);

impl Budget {
    fn start(options: &Options) -> Budget {
        Budget(
            options
                .limits
                .time_budget
                .map(|d| (std::time::Instant::now(), d)),
        )
    }

    /// Whether the budget is spent.
    fn spent(&self) -> bool {
        self.0.is_some_and(|(t, d)| t.elapsed() >= d)
    }
}

pub(crate) fn analyse_page(html: &str) -> Page {
    analyse_page_logged(html, &Budget(None), &crate::Limits::default(), None)
}

/// [`analyse_page`], writing the cascade's attempts to `log` when given
/// (for `explain`; extraction passes `None` and formats nothing).
pub(crate) fn analyse_page_logged(
    html: &str,
    budget: &Budget,
    limits: &crate::Limits,
    mut log: Option<&mut Vec<String>>,
) -> Page {
    let (mut dom, parse_warnings) = Dom::parse_limited(html, limits.max_nodes, limits.max_depth);
    let (recomposed, double_encoded) = dom.repair_text();
    if let Some(log) = log.as_deref_mut() {
        if recomposed > 0 {
            log.push(crate::nfc::note(recomposed));
        }
        if double_encoded > 0 {
            log.push(crate::mojibake::note(double_encoded));
        }
    }
    let meta = meta::collect(&dom);
    let mut an = analyze(&dom, true);
    let mut blocks = segment(&dom, &an);
    let title = meta::headline(&dom, &an, &meta);
    let title_key = title.as_deref().map(fold);
    let mut body = choose_body(&dom, &an, &blocks, title_key.as_deref(), log.as_deref_mut());
    // Rule `revealed-by-script`: pages that hide their whole content (a
    // `visibility:hidden` app shell, a `hide` class on the root, content in
    // `<noscript>` or a `hidden` streaming slot) until a script shows it.
    // When the visible page gave little, read it again with hidden parts shown.
    let found = chars_of(&blocks, &body.kept);
    let mut revealed = false;
    if found < ENOUGH_CHARS && an.hid_something && !budget.spent() {
        if let Some(log) = log.as_deref_mut() {
            log.push(format!(
                "rule revealed-by-script: {found} chars found and the page hides parts; \
                 read again with hidden parts shown"
            ));
        }
        let an2 = analyze(&dom, false);
        let blocks2 = segment(&dom, &an2);
        let body2 = choose_body(
            &dom,
            &an2,
            &blocks2,
            title_key.as_deref(),
            log.as_deref_mut(),
        );
        let found2 = chars_of(&blocks2, &body2.kept);
        let taken = found2 > found * 2 && found2 >= REVEALED_MIN_CHARS;
        if let Some(log) = log {
            log.push(format!(
                "rule revealed-by-script: {found2} chars with hidden parts shown: {}",
                if taken {
                    "more than twice as much, taken"
                } else if found2 > found * 2 {
                    "more than twice as much but only a few lines (a hidden menu or \
                     dialog, not a hidden article), the visible page stays"
                } else {
                    "not twice as much, the visible page stays"
                }
            ));
        }
        if taken {
            an = an2;
            blocks = blocks2;
            body = body2;
            revealed = true;
        }
    }
    let Chosen {
        stage,
        kept,
        posts,
        roots,
        settings,
    } = body;
    Page {
        dom,
        meta,
        an,
        blocks,
        title,
        stage,
        kept,
        posts,
        roots,
        settings,
        revealed,
        parse_warnings,
    }
}

pub(crate) fn extract_text_html(html: &str, options: &Options) -> Document {
    run(html, options, None).doc
}

/// Where the body's blocks came from, in the page's blocks.
pub(crate) enum BodyFrom {
    /// These blocks (indices into `Page::blocks`), the cascade's choice
    /// after the named parts left it.
    Blocks(Vec<usize>),
    /// JSON-LD `articleBody` (rule `json-ld-body`): no page block.
    JsonLd,
    /// The paragraph rescue (rule `paragraph-rescue`): these blocks.
    Rescue(Vec<usize>),
}

/// What `name_parts` took out of the body or cut from it: block indices
/// only, so recording them costs extraction nothing.
#[derive(Default)]
pub(crate) struct PartsTaken {
    /// The kicker's block, when the body box held it.
    pub kicker_block: Option<usize>,
    /// The teaser's blocks.
    pub teaser_blocks: Vec<usize>,
    /// Agency credit lines: dropped from the body's end, or the line after it.
    pub agency_blocks: Vec<usize>,
    /// The block a dateline was cut from, the rule, and the text left.
    pub dateline: Option<(usize, &'static str, String)>,
}

/// One page through the whole pipeline: the analysed page, the Document,
/// and where the Document's parts came from (what `explain` reads).
pub(crate) struct Run {
    pub page: Page,
    pub doc: Document,
    pub body: BodyFrom,
    pub parts: PartsTaken,
}

pub(crate) fn run(html: &str, options: &Options, log: Option<&mut Vec<String>>) -> Run {
    let budget = Budget::start(options);
    let prepared = crate::limits::prepare_html(html, &options.limits);
    let mut warnings = prepared.warnings;
    let mut page = analyse_page_logged(&prepared.html, &budget, &options.limits, log);
    warnings.append(&mut page.parse_warnings);
    drop(prepared.html);
    let Page {
        dom,
        meta,
        an,
        blocks,
        title,
        stage,
        kept,
        posts,
        ..
    } = &page;
    let (dom, meta, an, blocks, posts) = (dom, meta, an, &blocks[..], *posts);
    // Past the time budget, the metadata searches are skipped (the body
    // and the page's stated metadata are kept).
    let late = budget.spent();
    if late {
        warnings.push(format!(
            "the time budget of {} ms was spent before dates and authors were looked for; they were skipped (limit time_budget)",
            options.limits.time_budget.unwrap_or_default().as_millis()
        ));
    }
    let dates = if late {
        crate::dates::Dates::default()
    } else {
        crate::dates::find(
            dom,
            an,
            &crate::dates::Inputs {
                title: title.as_deref(),
                lang: meta.lang.as_deref(),
                urls: [options.url.as_deref(), meta.canonical.as_deref()],
                reference_date: options.reference_date.as_deref(),
                body_start: kept.first().map(|&i| blocks[i].owner),
            },
        )
    };
    let authors = if late {
        Vec::new()
    } else {
        crate::authors::find(
            dom,
            an,
            &meta.author_meta,
            meta.site_name.as_deref(),
            title.as_deref(),
        )
    };
    let mut doc = Document {
        url: options.url.clone(),
        lang: meta.lang.clone(),
        site_name: meta.site_name.clone(),
        title: title.clone(),
        authors,
        published: dates.published,
        modified: dates.modified,
        description: meta.description.clone(),
        image: meta.image.clone(),
        canonical_url: meta.canonical.clone(),
        tags: meta.tags.clone(),
        categories: meta.categories.clone(),
        ..Default::default()
    };
    let body_owners: Vec<NodeId> = kept.iter().map(|&i| blocks[i].owner).collect();
    let found = crate::comments::extract(dom, an, &body_owners);
    doc.comment_count = found.count;
    if options.include_comments {
        doc.comments = found.comments;
    }
    let mut chosen = kept.clone();
    let mut parts = PartsTaken::default();
    name_parts(
        dom,
        an,
        meta,
        blocks,
        &mut chosen,
        &mut doc,
        options,
        &mut parts,
    );
    let first_text = parts
        .dateline
        .as_ref()
        .and_then(|(b, _, rest)| Some((chosen.iter().position(|c| c == b)?, rest)));
    let mut out: Vec<Block> = chosen
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let b = &blocks[i];
            Block {
                kind: b.kind,
                text: match first_text {
                    Some((at, t)) if at == n => t.clone(),
                    _ => b.text.clone(),
                },
                level: match b.kind {
                    BlockKind::Heading | BlockKind::ListItem => Some(b.level),
                    _ => None,
                },
            }
        })
        .collect();
    let mut body = BodyFrom::Blocks(chosen);
    let mut stage = *stage;
    let chars: usize = out.iter().map(|b| b.text.len()).sum();
    if (chars as u32) < RESCUE_BELOW_CHARS {
        // Rule `json-ld-body`: the page's JSON-LD holds the article.
        if let Some(ld) = meta.ld_body.as_deref().filter(|b| b.len() > chars * 2) {
            out = ld
                .split("\n")
                .map(squash)
                .filter(|p| !p.is_empty())
                .map(|text| Block {
                    kind: BlockKind::Paragraph,
                    text,
                    level: None,
                })
                .collect();
            stage = Stage::JsonLd;
            body = BodyFrom::JsonLd;
        } else {
            // Rule `paragraph-rescue`: the page's substantial paragraphs.
            let rescue: Vec<usize> = blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    b.chars >= RESCUE_PARAGRAPH_CHARS
                        && b.link_density() <= RESCUE_MAX_LINK_DENSITY
                        && !under_chrome(dom, an, b.owner)
                })
                .map(|(i, _)| i)
                .collect();
            let rc: usize = rescue.iter().map(|&i| blocks[i].text.len()).sum();
            if rc > chars * 2 {
                out = rescue
                    .iter()
                    .map(|&i| Block {
                        kind: blocks[i].kind,
                        text: blocks[i].text.clone(),
                        level: None,
                    })
                    .collect();
                stage = Stage::Paragraphs;
                body = BodyFrom::Rescue(rescue);
            }
        }
    }
    doc.blocks = out;
    doc.extracted_by = Some(stage.name().to_string());
    doc.rebuild_text();
    let sample = if doc.text.is_empty() {
        doc.title.as_deref().unwrap_or("")
    } else {
        &doc.text
    };
    doc.lang = crate::lang::language(sample, meta.lang.as_deref());
    doc.page_type = Some(page_type(meta, stage, posts, doc.text.len()).to_string());
    for w in warnings {
        doc.warn_partial(w);
    }
    Run {
        page,
        doc,
        body,
        parts,
    }
}

/// Name the parts of a news page around the body (see `parts`): the kicker
/// (and the headline without it), the teaser, the dateline and the agency.
/// Blocks that are one of these parts leave `chosen`; `taken` records
/// which blocks they were, and the story's first block and its new text
/// when a dateline was cut from it.
#[allow(clippy::too_many_arguments)]
fn name_parts(
    dom: &Dom,
    an: &Analysis,
    meta: &meta::Meta,
    blocks: &[RawBlock],
    chosen: &mut Vec<usize>,
    doc: &mut Document,
    options: &Options,
    taken: &mut PartsTaken,
) {
    if let Some(title) = doc.title.clone() {
        let page_titles: Vec<&str> = [&meta.html_title, &meta.og_title]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if let Some((k, new_title)) = parts::kicker(dom, an, &title, &page_titles) {
            let key = fold(&k);
            // The kicker is not body text when the body box holds it.
            if let Some(p) = chosen
                .iter()
                .take(KICKER_BODY_SEARCH)
                .position(|&i| fold_eq(&blocks[i].text, &key))
            {
                taken.kicker_block = Some(chosen.remove(p));
            }
            doc.kicker = Some(k);
            if let Some(t) = new_title {
                doc.title = Some(t);
            }
        }
    }
    let owners: Vec<NodeId> = chosen.iter().map(|&i| blocks[i].owner).collect();
    let mut n = parts::teaser_blocks(dom, &owners);
    if n > 0 && n < chosen.len() {
        let teaser: Vec<&str> = chosen[..n]
            .iter()
            .map(|&i| blocks[i].text.as_str())
            .collect();
        doc.teaser = Some(teaser.join(" "));
        taken.teaser_blocks = chosen[..n].to_vec();
        // In HTML the standfirst also opens the body unless the caller says
        // otherwise: publishers mark it up as part of the article, and
        // readers (and every benchmark's annotators) read it as such.
        if options.teaser_in_body == Some(false) {
            chosen.drain(..n);
            n = 0;
        }
    } else {
        n = 0;
    }
    // Agency credits under the story: in its last blocks (dropped from the
    // body) or in the short lines right after it.
    let mut agency: Option<String> = None;
    for _ in 0..AGENCY_CREDIT_TAIL {
        let Some(&last) = chosen.last() else { break };
        match parts::agency_credit(&blocks[last].text) {
            Some(a) if chosen.len() > 1 => {
                agency = Some(a);
                taken.agency_blocks.extend(chosen.pop());
            }
            _ => break,
        }
    }
    if agency.is_none() {
        if let Some(&last) = chosen.last() {
            if let Some((i, a)) = blocks
                .iter()
                .enumerate()
                .skip(last + 1)
                .take(AGENCY_CREDIT_TAIL)
                .filter(|(_, b)| b.chars as usize <= CREDIT_LINE_MAX_CHARS as usize)
                .find_map(|(i, b)| Some((i, parts::agency_credit(&b.text)?)))
            {
                agency = Some(a);
                taken.agency_blocks.push(i);
            }
        }
    }
    // The story's first line, after a teaser that stays in the body.
    if let Some(&first) = chosen.get(n) {
        let b = &blocks[first];
        if b.kind == BlockKind::Paragraph {
            if let Some(place) = parts::named_dateline(dom, b.owner) {
                if let Some(rest) = b.text.strip_prefix(place.as_str()) {
                    let rest = rest.trim_start_matches([' ', '-', '–', '—', ':']);
                    if !rest.is_empty() {
                        doc.dateline = Some(place);
                        taken.dateline = Some((first, "dateline-by-name", rest.to_string()));
                    }
                }
            }
            if doc.dateline.is_none() {
                if let Some(d) = parts::split_dateline(&b.text) {
                    doc.dateline = d.place;
                    if d.agency.is_some() {
                        agency = agency.or(d.agency);
                    }
                    taken.dateline =
                        Some((first, "dateline-with-agency", b.text[d.rest..].to_string()));
                }
            }
        }
    }
    doc.agency = agency;
}

/// A body this long on a page that states no type is an article.
const ARTICLE_MIN_CHARS: usize = 500;

/// Rule `page-type`: what kind of page this is, from what the page states
/// (JSON-LD `@type`, `og:type`) and what extraction found (a thread of
/// posts, a listing of teaser cards, a long body).
fn page_type(meta: &meta::Meta, stage: Stage, posts: bool, body_chars: usize) -> &'static str {
    if let Some((_, kind)) = PAGE_TYPES
        .iter()
        .find(|(ty, _)| meta.ld_types.iter().any(|t| t == ty))
    {
        return kind;
    }
    if stage == Stage::Listing {
        return "listing";
    }
    if posts {
        return "forum";
    }
    match meta.og_type.as_deref() {
        Some("article") => return "article",
        Some(t) if t.starts_with("product") => return "product",
        _ => {}
    }
    if body_chars >= ARTICLE_MIN_CHARS {
        "article"
    } else {
        "other"
    }
}

/// What the cascade chose.
struct Chosen {
    stage: Stage,
    /// Indices of the body's blocks.
    kept: Vec<usize>,
    /// Whether rule `repeated-posts` made a thread of the body.
    posts: bool,
    /// The attempt's roots and settings (empty roots for a listing).
    roots: Vec<NodeId>,
    settings: Settings,
}

/// Run the cascade and return the chosen blocks' indices.
fn choose_body(
    dom: &Dom,
    an: &Analysis,
    blocks: &[RawBlock],
    title: Option<&str>,
    mut log: Option<&mut Vec<String>>,
) -> Chosen {
    let mut chosen = choose_container_blocks(dom, an, blocks, title, log.as_deref_mut());
    let kept = &mut chosen.kept;
    add_lead(dom, an, blocks, title, kept);
    drop_lone_link_stubs(blocks, kept);
    trim_tail(blocks, kept);
    drop_lone_script_notice(blocks, kept);
    if let Some(listing) = listing_items(dom, an, blocks, chars_of(blocks, kept)) {
        if let Some(log) = log {
            log.push(format!(
                "rule listing-page: teaser cards hold {} chars against {} in the body found; \
                 the cards' box is the content",
                chars_of(blocks, &listing),
                chars_of(blocks, &chosen.kept)
            ));
        }
        return Chosen {
            stage: Stage::Listing,
            kept: listing,
            posts: false,
            roots: Vec::new(),
            settings: LOOSE,
        };
    }
    chosen
}

/// Rule `lone-script-notice`: an app shell's only text is its `<noscript>`
/// fallback ("You need to enable JavaScript to run this app."). When the
/// whole body is one short line saying the page needs JavaScript, the page
/// has no article in its HTML.
fn drop_lone_script_notice(blocks: &[RawBlock], kept: &mut Vec<usize>) {
    let [only] = kept.as_slice() else {
        return;
    };
    let b = &blocks[*only];
    if b.chars > SCRIPT_NOTICE_MAX_CHARS {
        return;
    }
    let text = b.text.to_lowercase();
    if text.contains("javascript") && SCRIPT_NOTICE_WORDS.iter().any(|w| text.contains(w)) {
        kept.clear();
    }
}

/// Rule `listing-page`: a section front, a tag page or a search result is a
/// list of teasers, each a card wrapped in one link (headline and summary
/// inside the `<a>`). Link density hides all of it from scoring, which then
/// finds a stray line. When such cards hold several times the text of the
/// body found, the cards (and the text around them in their common
/// container) are the page's content.
fn listing_items(
    dom: &Dom,
    an: &Analysis,
    blocks: &[RawBlock],
    body_chars: u32,
) -> Option<Vec<usize>> {
    let cards: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.chars >= LISTING_CARD_MIN_CHARS
                && b.link_density() >= LISTING_CARD_MIN_LINK_DENSITY
                && !under_chrome(dom, an, b.owner)
                && !under_landmark(dom, an, b.owner)
        })
        .map(|(i, _)| i)
        .collect();
    let card_chars: u32 = cards.iter().map(|&i| blocks[i].chars).sum();
    if body_chars >= LISTING_MAX_BODY_CHARS
        || cards.len() < LISTING_MIN_CARDS
        || card_chars < body_chars.saturating_mul(LISTING_CARDS_OVER_BODY)
    {
        return None;
    }
    // The smallest element holding every card.
    let mut common = blocks[cards[0]].owner;
    for &i in &cards[1..] {
        while common != NONE && !an.contains(common, blocks[i].owner) {
            common = dom.node(common).parent;
        }
    }
    if common == NONE {
        return None;
    }
    Some(
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                an.contains(common, b.owner)
                    && !under_chrome(dom, an, b.owner)
                    && !under_landmark(dom, an, b.owner)
            })
            .map(|(i, _)| i)
            .collect(),
    )
}

/// Rule `short-tail-residue`: what follows the article's last real paragraph
/// inside its container and is only a line long ("Schon gelesen?", "War der
/// Artikel nützlich?", "Comments are closed.", a lone "Related" heading) is
/// the container's widget residue, not the article's end.
fn trim_tail(blocks: &[RawBlock], kept: &mut Vec<usize>) {
    let substantial = kept
        .iter()
        .filter(|&&i| blocks[i].chars >= TAIL_SUBSTANTIAL_CHARS)
        .count();
    if substantial == 0 {
        return;
    }
    while let Some(&last) = kept.last() {
        let b = &blocks[last];
        let residue = b.kind == BlockKind::Heading
            || (b.chars < TAIL_RESIDUE_CHARS
                && matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem));
        if !residue {
            break;
        }
        kept.pop();
    }
}

/// Rule `lead-between-headline-and-body`: news sites print the standfirst
/// (lead, teaser) between the headline and the body container, outside the
/// CMS's body element. Prose paragraphs in that gap belong to the article.
fn add_lead(
    dom: &Dom,
    an: &Analysis,
    blocks: &[RawBlock],
    title: Option<&str>,
    kept: &mut Vec<usize>,
) {
    let (Some(title), Some(&first)) = (title, kept.first()) else {
        return;
    };
    let Some(h) = blocks[..first]
        .iter()
        .rposition(|b| b.kind == BlockKind::Heading && fold_eq(&b.text, title))
    else {
        return;
    };
    if first - h > LEAD_MAX_GAP_BLOCKS {
        return;
    }
    // The lead runs from the headline to the first block that is neither
    // short (bylines, dates, share labels are skipped) nor lead prose.
    let mut lead: Vec<usize> = Vec::new();
    for (i, b) in blocks.iter().enumerate().take(first).skip(h + 1) {
        if b.chars < LEAD_MIN_CHARS {
            continue;
        }
        // A standfirst is a paragraph, or a subtitle set as a long heading.
        let lead_shaped = b.kind == BlockKind::Paragraph
            || (b.kind == BlockKind::Heading && b.level >= 2 && b.chars >= LEAD_HEADING_MIN_CHARS);
        let prose = lead_shaped
            && b.link_density() < LEAD_MAX_LINK_DENSITY
            && !under_chrome(dom, an, b.owner);
        if !prose {
            break;
        }
        lead.push(i);
    }
    if !lead.is_empty() {
        kept.splice(0..0, lead);
    }
}

fn choose_container_blocks(
    dom: &Dom,
    an: &Analysis,
    blocks: &[RawBlock],
    title: Option<&str>,
    mut log: Option<&mut Vec<String>>,
) -> Chosen {
    // What `explain` shows of each attempt: its roots and the text it kept.
    let mut note = |stage: Stage, roots: &[NodeId], chars: u32, verdict: &str| {
        if let Some(log) = log.as_deref_mut() {
            let roots: Vec<String> = roots
                .iter()
                .map(|&r| format!("`{}`", crate::explain::describe(dom, r)))
                .collect();
            log.push(format!(
                "attempt {}: root{} {}, {chars} chars kept: {verdict}",
                stage.name(),
                if roots.len() > 1 { "s" } else { "" },
                roots.join(", ")
            ));
        }
    };
    // Every heading that shows the headline (sticky bars repeat it).
    let headlines: Vec<NodeId> = match title {
        Some(t) => blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading && fold_eq(&b.text, t))
            .map(|b| b.owner)
            .collect(),
        None => Vec::new(),
    };
    if let Some(root) = precise_root(dom, an, &headlines) {
        let verdict = clean(dom, an, &[root], STRICT);
        let kept = kept_blocks(dom, an, blocks, &[root], &verdict, title);
        let c = chars_of(blocks, &kept);
        note(
            Stage::Precise,
            &[root],
            c,
            if c >= PRECISE_MIN_CHARS {
                "enough for the body container, chosen"
            } else {
                "too little for the body container, scoring instead"
            },
        );
        if c >= PRECISE_MIN_CHARS {
            return Chosen {
                stage: Stage::Precise,
                kept,
                posts: false,
                roots: vec![root],
                settings: STRICT,
            };
        }
    }
    let mut best: (Chosen, u32) = (
        Chosen {
            stage: Stage::Scored,
            kept: Vec::new(),
            posts: false,
            roots: Vec::new(),
            settings: STRICT,
        },
        0,
    );
    for (stage, s) in [
        (Stage::Scored, STRICT),
        (Stage::Relaxed, RELAXED),
        (Stage::Loose, LOOSE),
    ] {
        let mut roots = choose_roots(dom, an, blocks, s);
        let posts = widen_to_repeated_posts(dom, an, &mut roots);
        if s.strip_chrome {
            widen_to_main(dom, an, blocks, &mut roots);
        }
        let verdict = clean(dom, an, &roots, s);
        let mut kept = kept_blocks(dom, an, blocks, &roots, &verdict, title);
        if !s.strip_chrome && is_frame_piece(an, blocks, &roots, &kept) {
            note(
                stage,
                &roots,
                chars_of(blocks, &kept),
                "rule frame-piece: a few lines in a box named as chrome (a footer's \
                 address, a menu's info line), no article; nothing kept",
            );
            kept.clear();
        }
        if !s.strip_chrome && is_frame_of_links(dom, blocks, &roots, &kept) {
            note(
                stage,
                &roots,
                chars_of(blocks, &kept),
                "rule page-frame-of-links: the whole page and nearly all link text \
                 (its menus and footer), no article; nothing kept",
            );
            kept.clear();
        }
        let c = chars_of(blocks, &kept);
        if c >= ENOUGH_CHARS {
            note(stage, &roots, c, "enough (rule: 500 chars), chosen");
            return Chosen {
                stage,
                kept,
                posts,
                roots,
                settings: s,
            };
        }
        // A broader attempt must find clearly more text than a stricter one:
        // short articles are real, and the broader rules mostly add chrome.
        note(
            stage,
            &roots,
            c,
            if c as f32 > best.1 as f32 * BROADER_MUST_FIND {
                "short of 500 chars; the best so far (a broader attempt must find 3 times as much)"
            } else {
                "short of 500 chars; not 3 times the stricter attempt's text, not taken"
            },
        );
        if c as f32 > best.1 as f32 * BROADER_MUST_FIND {
            best = (
                Chosen {
                    stage,
                    kept,
                    posts,
                    roots,
                    settings: s,
                },
                c,
            );
        }
    }
    best.0
}

/// Rule `page-frame-of-links`: a page whose content a script draws (a shop's
/// product or category page, an app shell) leaves in its HTML only the site
/// frame: mega menus, footer link columns, language pickers. The strict
/// attempt finds nothing; the broad ones, which keep chrome named by class,
/// fall back to the whole `<body>` and keep those link lists. When a broad
/// attempt's root is the page itself and what it keeps is nearly all link
/// text, the page has no article to give.
fn is_frame_of_links(dom: &Dom, blocks: &[RawBlock], roots: &[NodeId], kept: &[usize]) -> bool {
    let [root] = roots else {
        return false;
    };
    if !matches!(dom.tag(*root), "body" | "html") {
        return false;
    }
    let chars = chars_of(blocks, kept);
    let links: u32 = kept.iter().map(|&i| blocks[i].link_chars).sum();
    chars > 0 && links as f32 >= chars as f32 * FRAME_MIN_LINK_DENSITY
}

/// Rule `frame-piece`: the broad attempts stop trusting class names so that
/// an article in a box named like chrome is found; what they find is an
/// article only if it is long. When every root of a broad attempt is named as
/// chrome (`menu-drawer`, `infoFooterBlock`) and it keeps less than
/// [`ENOUGH_CHARS`], it found a piece of the page frame: a footer's address,
/// the info line of a menu drawer.
fn is_frame_piece(an: &Analysis, blocks: &[RawBlock], roots: &[NodeId], kept: &[usize]) -> bool {
    !roots.is_empty()
        && roots
            .iter()
            .all(|&r| crate::analyze::ChromeWhy::by_name(an.chrome_why[r as usize]))
        && chars_of(blocks, kept) < ENOUGH_CHARS
}

/// Rule `repeated-posts`: a forum thread or a Q&A page is a run of posts,
/// sibling elements with one tag and class (`article.message`,
/// `div.post`), and scoring picks the longest post. When an ancestor of the
/// chosen root (a few levels up) has at least [`MIN_REPEATED_POSTS`] such
/// siblings holding together at least twice its own prose, the posts are the
/// article. Related-article rows beside a news story hold less prose than the
/// story, so they never qualify.
fn widen_to_repeated_posts(dom: &Dom, an: &Analysis, roots: &mut Vec<NodeId>) -> bool {
    let [root] = roots.as_slice() else {
        return false;
    };
    let prose = |n: NodeId| an.chars[n as usize].saturating_sub(an.link_chars[n as usize]);
    let mut a = *root;
    for _ in 0..POST_CLIMB_LEVELS {
        let parent = dom.node(a).parent;
        let Some(el) = dom.element(a) else {
            return false;
        };
        // Posts sit in a thread container; boxes straight under `<body>`
        // are page-level widgets (lightboxes, modals).
        if parent == NONE || matches!(dom.tag(parent), "body" | "html" | "") {
            return false;
        }
        if let Some(class) = el
            .attr_named(&local_name!("class"))
            .filter(|c| !c.trim().is_empty())
        {
            let posts: Vec<NodeId> = dom
                .children(parent)
                .filter(|&c| {
                    dom.element(c).is_some_and(|e| {
                        e.name.local == el.name.local
                            && e.attr_named(&local_name!("class")) == Some(class)
                    })
                })
                .collect();
            let total: u32 = posts.iter().map(|&p| prose(p)).sum();
            if posts.len() >= MIN_REPEATED_POSTS && total >= 2 * prose(a).max(1) {
                *roots = posts;
                return true;
            }
        }
        a = parent;
    }
    false
}

/// Rule `sections-of-main`: landing and service pages spread their text
/// over many sibling sections of `<main>`; scoring picks one section. When
/// the chosen roots hold less than [`MAIN_SHARE_OF_ROOTS`] of the prose that
/// `<main>` holds outside chrome and list items, `<main>` is the article (chrome inside it is still
/// dropped by cleaning).
fn widen_to_main(dom: &Dom, an: &Analysis, blocks: &[RawBlock], roots: &mut Vec<NodeId>) {
    let main = (0..dom.nodes.len() as NodeId).find(|&i| {
        an.pre[i as usize] != u32::MAX
            && (dom.tag(i) == "main"
                || dom
                    .element(i)
                    .and_then(|e| e.attr_named(&local_name!("role")))
                    .is_some_and(|r| r.eq_ignore_ascii_case("main")))
    });
    // Without `<main>`, the frame is the nearest ancestor of the root that is
    // made of `<section>`s (a page built from sections without a landmark).
    let Some(main) = main.or_else(|| section_frame(dom, roots.first().copied()?)) else {
        return;
    };
    if roots.is_empty() || !roots.iter().all(|&r| an.contains(main, r) && r != main) {
        return;
    }
    // Teaser streams (`ul > li` with a summary each) are not sections.
    let in_list_item = |mut n: NodeId| {
        while n != NONE && n != main {
            if dom.tag(n) == "li" {
                return true;
            }
            n = dom.node(n).parent;
        }
        false
    };
    let prose = |b: &RawBlock| {
        if b.link_density() < MAIN_PROSE_MAX_LINK_DENSITY
            && !in_list_item(b.owner)
            && !under_chrome(dom, an, b.owner)
        {
            b.chars
        } else {
            0
        }
    };
    let (mut in_main, mut in_roots) = (0u32, 0u32);
    for b in blocks {
        if !an.contains(main, b.owner) {
            continue;
        }
        let p = prose(b);
        in_main += p;
        if roots.iter().any(|&r| an.contains(r, b.owner)) {
            in_roots += p;
        }
    }
    if (in_roots as f32) < in_main as f32 * MAIN_SHARE_OF_ROOTS {
        *roots = vec![main];
    }
}

/// The nearest ancestor of `node` with at least [`MIN_FRAME_SECTIONS`]
/// `<section>` children.
fn section_frame(dom: &Dom, node: NodeId) -> Option<NodeId> {
    let mut a = dom.node(node).parent;
    while a != NONE && dom.element(a).is_some() && dom.tag(a) != "html" {
        if dom.children(a).filter(|&c| dom.tag(c) == "section").count() >= MIN_FRAME_SECTIONS {
            return Some(a);
        }
        a = dom.node(a).parent;
    }
    None
}

fn chars_of(blocks: &[RawBlock], kept: &[usize]) -> u32 {
    kept.iter().map(|&i| blocks[i].chars).sum()
}

/// The container a CMS marks as the article body, if one holds enough text.
///
/// Rule `several-bodies-mean-a-listing`: a blog's front page has one
/// `.entry-content` per post; when more than one body container holds enough
/// text and none is inside another, there is no single article body, and the
/// scored stages (which find the posts' common parent) decide.
fn precise_root(dom: &Dom, an: &Analysis, headlines: &[NodeId]) -> Option<NodeId> {
    let mut found: Vec<NodeId> = Vec::new();
    for id in 0..dom.nodes.len() as NodeId {
        // `pre` is unset for nodes the analysis never reached: detached by
        // the tree builder, or inside a skipped subtree.
        if !an.has(id, flag::BODY_CONTAINER) || an.pre[id as usize] == u32::MAX {
            continue;
        }
        let c = an.chars[id as usize];
        if c < PRECISE_MIN_CHARS || an.link_density(id) > PRECISE_MAX_LINK_DENSITY {
            continue;
        }
        if under_chrome(dom, an, id) {
            continue;
        }
        found.push(id);
    }
    let outermost: Vec<NodeId> = found
        .iter()
        .copied()
        .filter(|&x| !found.iter().any(|&y| y != x && an.contains(y, x)))
        .collect();
    let outer = match outermost.as_slice() {
        [] => return None,
        [one] => *one,
        _ => headlines
            .iter()
            .find_map(|&h| headline_body(dom, an, h, &outermost))?,
    };
    // The biggest container inside the outer one is the body itself
    // (`.entry-content` around `.entry-body` both count).
    found
        .into_iter()
        .filter(|&x| an.contains(outer, x))
        .max_by_key(|&x| an.chars[x as usize])
}

/// Rule `headline-picks-the-body`: pages that load the next articles below
/// the first (infinite scroll) have one body container per article. The
/// page's own headline picks its body: the first container after it, when
/// the smallest element holding both holds no other container. (On a blog's
/// front page the only matching heading is the site name at the top, whose
/// common ancestor with any post holds all posts, so the rule stays out.)
fn headline_body(
    dom: &Dom,
    an: &Analysis,
    headline: NodeId,
    containers: &[NodeId],
) -> Option<NodeId> {
    let hp = an.pre[headline as usize];
    let body = containers
        .iter()
        .copied()
        .filter(|&c| an.pre[c as usize] > hp)
        .min_by_key(|&c| an.pre[c as usize])?;
    let mut common = dom.node(headline).parent;
    while common != NONE && !an.contains(common, body) {
        common = dom.node(common).parent;
    }
    if common == NONE {
        return None;
    }
    let others = containers
        .iter()
        .filter(|&&c| an.contains(common, c))
        .count();
    (others == 1).then_some(body)
}

/// The blocks inside the roots that no cleaning rule dropped.
fn kept_blocks(
    dom: &Dom,
    an: &Analysis,
    blocks: &[RawBlock],
    roots: &[NodeId],
    verdict: &[Option<Drop>],
    title: Option<&str>,
) -> Vec<usize> {
    let mut kept = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(&root) = roots.iter().find(|&&r| an.contains(r, b.owner)) else {
            continue;
        };
        if dropped_between(dom, verdict, b.owner, root).is_some() {
            continue;
        }
        // The headline is the title field, not body text.
        if b.kind == BlockKind::Heading && title.is_some_and(|t| fold_eq(&b.text, t)) {
            continue;
        }
        if is_credit_line(b) || is_labelled_link_line(b) {
            continue;
        }
        kept.push(i);
    }
    kept
}

/// Rule `photo-credit-line`: a short line that starts like a picture credit
/// (`Foto: …`, `Photo: …`, `© …`) names who took a picture, not article text.
pub(crate) fn is_credit_line(b: &RawBlock) -> bool {
    b.chars < CREDIT_LINE_MAX_CHARS
        && CREDIT_PREFIXES.iter().any(|p| {
            b.text
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
}

/// Rule `labelled-link-line`: a short paragraph made of a label, a colon
/// and a link ("Lea también: …", "Lesen Sie auch: …", "Read more: …")
/// points to another article; it is not this article's text.
pub(crate) fn is_labelled_link_line(b: &RawBlock) -> bool {
    if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote)
        || b.chars >= LINK_LINE_MAX_CHARS
        || b.link_density() < LINK_LINE_MIN_LINK_DENSITY
    {
        return false;
    }
    b.text
        .char_indices()
        .take(LINK_LABEL_MAX_CHARS)
        .any(|(_, c)| c == ':')
}

/// Rule `link-stub`: a few words that are wholly a link ("Previous
/// article", "Alle Artikel", "Community"), standing alone between other
/// blocks, are navigation left inside the article container. A run of them
/// is a list the page shows (a filmography, a table of places) and stays.
fn drop_lone_link_stubs(blocks: &[RawBlock], kept: &mut Vec<usize>) {
    let stub: Vec<bool> = kept.iter().map(|&i| is_link_stub(&blocks[i])).collect();
    let mut k = 0;
    kept.retain(|_| {
        let lone = stub[k] && !(k > 0 && stub[k - 1]) && !stub.get(k + 1).copied().unwrap_or(false);
        k += 1;
        !lone
    });
}

pub(crate) fn is_link_stub(b: &RawBlock) -> bool {
    b.kind == BlockKind::Paragraph
        && b.chars < LINK_STUB_MAX_CHARS
        && b.link_density() >= LINK_STUB_MIN_LINK_DENSITY
}

/// The rule that dropped `node` or an ancestor of it below `root`.
pub(crate) fn dropped_between(
    dom: &Dom,
    verdict: &[Option<Drop>],
    mut node: NodeId,
    root: NodeId,
) -> Option<Drop> {
    while node != NONE && node != root {
        if let Some(d) = verdict[node as usize] {
            return Some(d);
        }
        node = dom.node(node).parent;
    }
    None
}

/// A human-readable list of the page's blocks with the element path of each
/// and whether the body kept it; a debugging aid until `explain` exists.
#[doc(hidden)]
pub fn debug_blocks(html: &str) -> String {
    use std::fmt::Write;
    let Page {
        dom,
        an,
        blocks,
        title,
        stage,
        kept,
        ..
    } = analyse_page(html);
    let mut out = String::new();
    let _ = writeln!(out, "title: {title:?} stage: {}", stage.name());
    let _ = writeln!(
        out,
        "precise root: {:?}",
        precise_root(&dom, &an, &[]).map(|r| (dom.tag(r).to_string(), an.chars[r as usize]))
    );
    for s in [STRICT, RELAXED, LOOSE] {
        let roots = choose_roots(&dom, &an, &blocks, s);
        let v = clean(&dom, &an, &roots, s);
        let desc: Vec<String> = roots
            .iter()
            .map(|&r| format!("{}#{} c={}", dom.tag(r), r, an.chars[r as usize]))
            .collect();
        let drops: Vec<String> = v
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                d.map(|d| {
                    format!(
                        "{}#{}.{}:{}",
                        dom.tag(i as NodeId),
                        i,
                        dom.element(i as NodeId)
                            .and_then(|e| e.attr_named(&local_name!("class")))
                            .unwrap_or(""),
                        d.name()
                    )
                })
            })
            .take(12)
            .collect();
        let _ = writeln!(out, "roots {:?} drops {:?}", desc, drops);
    }
    for (i, b) in blocks.iter().enumerate() {
        let mut path = Vec::new();
        let mut n = b.owner;
        while n != NONE && path.len() < 8 {
            if let Some(el) = dom.element(n) {
                let cls = el
                    .attr_named(&local_name!("class"))
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                let fl = an.flags[n as usize];
                path.push(format!(
                    "{}{}{}{}",
                    el.name.local,
                    if cls.is_empty() {
                        String::new()
                    } else {
                        format!(".{}", &cls[..cls.len().min(20)])
                    },
                    if fl & flag::CHROME != 0 { "!C" } else { "" },
                    if fl & flag::BODY_CONTAINER != 0 {
                        "!B"
                    } else {
                        ""
                    }
                ));
            }
            n = dom.node(n).parent;
        }
        path.reverse();
        let t: String = b.text.chars().take(70).collect();
        let _ = writeln!(
            out,
            "{} #{} {:?} c={} ld={:.2} {} | {}",
            if kept.contains(&i) { "KEEP" } else { "    " },
            b.owner,
            b.kind,
            b.chars,
            b.link_density(),
            path.join(">"),
            t.replace('\n', " ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The element whose `class` attribute is exactly `class`, first in
    /// document order.
    fn by_class(dom: &Dom, class: &str) -> Vec<NodeId> {
        (0..dom.nodes.len() as NodeId)
            .filter(|&i| {
                dom.element(i)
                    .and_then(|e| e.attr_named(&local_name!("class")))
                    == Some(class)
            })
            .collect()
    }

    #[test]
    fn repeated_posts_widen_a_post_to_the_thread() {
        let post = |text: &str| {
            format!(
                "<div class=\"post\"><div class=\"post-body\"><p>{text} {text} {text}</p></div></div>"
            )
        };
        let html = format!(
            "<html><body><div class=\"thread\">{}{}{}</div></body></html>",
            post("The opening question about winter tyres, asked at length."),
            post("A reply about studded tyres and the law in the mountains."),
            post("Another reply about all-season tyres on small cars.")
        );
        let dom = Dom::parse(&html);
        let an = analyze(&dom, true);
        let posts = by_class(&dom, "post");
        let first_body = by_class(&dom, "post-body")[0];
        let mut roots = vec![first_body];
        widen_to_repeated_posts(&dom, &an, &mut roots);
        assert_eq!(roots, posts);
    }

    #[test]
    fn a_single_post_stays_a_single_root() {
        let html = "<html><body><div class=\"thread\"><div class=\"post\"><p>Only one post, \
            long enough to be read as prose by the rule under test.</p></div>\
            <div class=\"sidebar\"><p>Other</p></div></div></body></html>";
        let dom = Dom::parse(html);
        let an = analyze(&dom, true);
        let post = by_class(&dom, "post")[0];
        let mut roots = vec![post];
        widen_to_repeated_posts(&dom, &an, &mut roots);
        assert_eq!(roots, vec![post]);
    }
}
