//! `explain`: every block of a page in page order, with the label the
//! engine gave it (body, title, kicker, teaser, byline, dateline, comment,
//! boilerplate) and the rule or features that decided it, beside the final
//! Document.
//!
//! The explanation reads the decisions extraction made (the same
//! `analyse_page` and `run`, see `extract.rs`); it is built only here, after
//! the fact, so extraction itself pays nothing for it. Where extraction
//! keeps only its verdicts (which blocks the body kept), the reason is found
//! by asking the same predicates again: the cleaning verdicts of the chosen
//! attempt (replayed with its roots and settings), the chrome flags of the
//! analysis, the named-part rules.

use serde::Serialize;

use crate::analyze::{for_each_token, ChromeWhy};
use crate::document::{BlockKind, Document};
use crate::dom::{Dom, NodeId, NONE};
use crate::extract::{
    dropped_between, is_credit_line, is_labelled_link_line, is_link_stub, BodyFrom, Run, Stage,
};
use crate::meta::fold;
use crate::parts::name_has;
use crate::patterns::{CHROME_PREFIXES, CHROME_TOKENS, KICKER_TOKENS, LAYOUT_CHROME_TOKENS};
use crate::select::clean;

/// What a block of the page is, as the engine read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Article text: in the Document's body.
    Body,
    /// The headline.
    Title,
    /// The overline above the headline.
    Kicker,
    /// The standfirst under the headline.
    Teaser,
    /// Who wrote it: a byline or an agency credit.
    Byline,
    /// The place (and agency) the story was filed from.
    Dateline,
    /// A reader's comment or the comment section around it.
    Comment,
    /// Everything else: menus, banners, teasers of other pages, widgets.
    Boilerplate,
}

impl Label {
    /// Every label, in the order the report's legend lists them.
    pub const ALL: [Label; 8] = [
        Label::Body,
        Label::Title,
        Label::Kicker,
        Label::Teaser,
        Label::Byline,
        Label::Dateline,
        Label::Comment,
        Label::Boilerplate,
    ];

    /// The label's name as JSON and the report write it.
    pub fn name(self) -> &'static str {
        match self {
            Label::Body => "body",
            Label::Title => "title",
            Label::Kicker => "kicker",
            Label::Teaser => "teaser",
            Label::Byline => "byline",
            Label::Dateline => "dateline",
            Label::Comment => "comment",
            Label::Boilerplate => "boilerplate",
        }
    }
}

/// One block of the page and what the engine made of it.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedBlock {
    pub label: Label,
    /// Whether this text is in the Document's body.
    pub in_body: bool,
    pub kind: BlockKind,
    pub text: String,
    /// The rule (or feature) that decided, by name: `link-heavy-box`,
    /// `kicker-by-name`, `chosen-root` …
    pub rule: String,
    /// The decision in words, with the features that led to it.
    pub why: String,
    /// Where the block sits in the page (`body > div.page > article > p`),
    /// or the line number in a text dump.
    pub path: String,
    /// Visible characters, and the share of them inside links.
    pub chars: u32,
    pub link_density: f32,
}

/// How many blocks (and characters) got one label.
#[derive(Debug, Clone, Serialize)]
pub struct LabelCount {
    pub label: Label,
    pub blocks: usize,
    pub chars: usize,
}

/// A page's blocks, each with its label and reason, and the Document that
/// extraction returns for the page.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// `html` or `text` (a page rendered to text).
    pub input: &'static str,
    /// The stage of the cascade that produced the body (`Document::extracted_by`).
    pub stage: String,
    /// Page-level decisions: the chosen roots, retries, where the body came from.
    pub notes: Vec<String>,
    /// Blocks per label, in legend order.
    pub counts: Vec<LabelCount>,
    /// Every block of the page, in page order.
    pub blocks: Vec<ExplainedBlock>,
    /// Exactly what `extract` returns for the page.
    pub document: Document,
}

/// A byline is a short line ...
const BYLINE_MAX_CHARS: u32 = 200;
/// ... found at most this many blocks from the headline.
const BYLINE_MAX_DISTANCE: usize = 30;
/// An element path names at most this many ancestors.
const PATH_MAX_DEPTH: usize = 7;
/// A class value is shown with at most this many characters.
const CLASS_SHOWN_CHARS: usize = 24;

/// `tag.first-class#id` of one element, for paths and reasons.
pub(crate) fn describe(dom: &Dom, id: NodeId) -> String {
    let Some(el) = dom.element(id) else {
        return String::new();
    };
    let mut s = el.name.local.to_string();
    for class in el.attr("class").unwrap_or("").split_whitespace().take(2) {
        s.push('.');
        s.extend(class.chars().take(CLASS_SHOWN_CHARS));
    }
    if let Some(idv) = el.attr("id").map(str::trim).filter(|v| !v.is_empty()) {
        s.push('#');
        s.extend(idv.chars().take(CLASS_SHOWN_CHARS));
    }
    s
}

/// The element path of a block's owner, outermost first (the nearest
/// [`PATH_MAX_DEPTH`] elements).
fn path_of(dom: &Dom, mut id: NodeId) -> String {
    let mut parts = Vec::new();
    while id != NONE && parts.len() < PATH_MAX_DEPTH {
        if dom.element(id).is_some() {
            parts.push(describe(dom, id));
        }
        id = dom.node(id).parent;
    }
    if id != NONE && dom.element(id).is_some() {
        parts.push("…".to_string());
    }
    parts.reverse();
    parts.join(" > ")
}

/// The first class/id token of `id` on a chrome list.
fn chrome_token(dom: &Dom, id: NodeId) -> Option<String> {
    let el = dom.element(id)?;
    let mut found: Option<String> = None;
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            for_each_token(v, |t| {
                if found.is_none()
                    && (CHROME_TOKENS.contains(&t)
                        || LAYOUT_CHROME_TOKENS.contains(&t)
                        || CHROME_PREFIXES
                            .iter()
                            .any(|p| t.len() > p.len() && t.starts_with(p)))
                {
                    found = Some(t.to_string());
                }
            });
        }
    }
    found
}

/// Why the analysis called `id` chrome, in words.
fn chrome_reason(dom: &Dom, why: Option<ChromeWhy>, id: NodeId) -> String {
    match why {
        Some(ChromeWhy::Tag) => format!("tag <{}>", dom.tag(id)),
        Some(ChromeWhy::Role) => format!(
            "role={}",
            dom.element(id).and_then(|e| e.attr("role")).unwrap_or("")
        ),
        Some(ChromeWhy::ClassOrId | ChromeWhy::Comments) => match chrome_token(dom, id) {
            Some(t) => format!("class/id name `{t}`"),
            None => "class/id name".to_string(),
        },
        None => "chrome".to_string(),
    }
}

/// The outermost chrome element around `node`, if any.
fn outer_chrome(page: &crate::extract::Page, mut node: NodeId) -> Option<NodeId> {
    let mut found = None;
    while node != NONE {
        if page.an.chrome_why[node as usize].is_some() {
            found = Some(node);
        }
        node = page.dom.node(node).parent;
    }
    found
}

/// The comment section around `node`, if any.
fn comment_section(page: &crate::extract::Page, mut node: NodeId) -> Option<NodeId> {
    let mut found = None;
    while node != NONE {
        if page.an.chrome_why[node as usize] == Some(ChromeWhy::Comments) {
            found = Some(node);
        }
        node = page.dom.node(node).parent;
    }
    found
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// Count blocks and characters per label, in legend order.
pub(crate) fn count(blocks: &[ExplainedBlock]) -> Vec<LabelCount> {
    Label::ALL
        .iter()
        .map(|&label| {
            let of: Vec<&ExplainedBlock> = blocks.iter().filter(|b| b.label == label).collect();
            LabelCount {
                label,
                blocks: of.len(),
                chars: of.iter().map(|b| b.chars as usize).sum(),
            }
        })
        .collect()
}

/// Build the explanation of one HTML page from its run through extraction.
pub(crate) fn explain_run(run: Run, log: Vec<String>) -> Explanation {
    let Run {
        page,
        doc,
        body,
        parts,
    } = run;
    let (dom, an, blocks) = (&page.dom, &page.an, &page.blocks);
    let n = blocks.len();
    let stage = doc.extracted_by.clone().unwrap_or_default();

    let mut in_body = vec![false; n];
    let mut notes = log;
    match &body {
        BodyFrom::Blocks(b) | BodyFrom::Rescue(b) => {
            for &i in b {
                in_body[i] = true;
            }
        }
        BodyFrom::JsonLd => notes.push(
            "rule json-ld-body: the page's blocks gave too little text; the body is the \
             JSON-LD articleBody"
                .to_string(),
        ),
    }
    if matches!(body, BodyFrom::Rescue(_)) {
        notes.push(
            "rule paragraph-rescue: the cascade found too little text; the body is every \
             substantial paragraph outside chrome"
                .to_string(),
        );
    }
    if page.revealed {
        notes.push(
            "rule revealed-by-script: the page read with hidden parts shown gave more than \
             twice the text; its blocks are the ones below"
                .to_string(),
        );
    }
    let roots_desc: Vec<String> = page.roots.iter().map(|&r| describe(dom, r)).collect();
    if !roots_desc.is_empty() {
        notes.push(format!(
            "stage {}: chosen root{} {}",
            page.stage.name(),
            if roots_desc.len() > 1 { "s" } else { "" },
            roots_desc
                .iter()
                .map(|d| format!("`{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // The cleaning verdicts of the attempt that chose the body, replayed.
    let verdict = if page.roots.is_empty() {
        Vec::new()
    } else {
        clean(dom, an, &page.roots, page.settings)
    };
    let last_kept = page.kept.last().copied();

    let title_key = page.title.as_deref().map(fold).filter(|t| !t.is_empty());
    let is_title = |i: usize| {
        let b = &blocks[i];
        b.kind == BlockKind::Heading && title_key.as_deref() == Some(fold(&b.text).as_str())
    };
    let title_at = (0..n).find(|&i| is_title(i));
    // The kicker's block: taken from the body, or the nearest line before
    // the headline that reads like it.
    let kicker_key = doc.kicker.as_deref().map(fold);
    let kicker_at = parts.kicker_block.or_else(|| {
        let key = kicker_key.as_deref()?;
        let before = title_at.unwrap_or(n);
        (0..before).rev().find(|&i| fold(&blocks[i].text) == key)
    });
    // The byline: the short line nearest the headline that names an author.
    let author_keys: Vec<String> = doc.authors.iter().map(|a| fold(a)).collect();
    let byline_at = if author_keys.is_empty() {
        None
    } else {
        let centre = title_at.unwrap_or(0);
        (0..n)
            .filter(|&i| {
                !in_body[i]
                    && blocks[i].chars <= BYLINE_MAX_CHARS
                    && i.abs_diff(centre) <= BYLINE_MAX_DISTANCE
                    && {
                        let t = fold(&blocks[i].text);
                        author_keys.iter().any(|a| !a.is_empty() && t.contains(a))
                    }
            })
            .min_by_key(|&i| i.abs_diff(centre))
    };
    let comment_keys: Vec<String> = doc.comments.iter().map(|c| fold(&c.text)).collect();

    let root_of = |owner: NodeId| page.roots.iter().copied().find(|&r| an.contains(r, owner));
    let mut out: Vec<ExplainedBlock> = Vec::with_capacity(n + 2);
    for (i, b) in blocks.iter().enumerate() {
        let path = path_of(dom, b.owner);
        let ld = round2(b.link_density());
        let mut push = |label: Label, in_body: bool, text: &str, rule: &str, why: String| {
            out.push(ExplainedBlock {
                label,
                in_body,
                kind: b.kind,
                text: text.to_string(),
                rule: rule.to_string(),
                why,
                path: path.clone(),
                chars: text.chars().filter(|c| !c.is_whitespace()).count() as u32,
                link_density: ld,
            });
        };
        let features = format!("{} chars, link density {:.2}", b.chars, ld);
        if parts.teaser_blocks.contains(&i) {
            push(
                Label::Teaser,
                in_body[i],
                &b.text,
                "teaser-by-name",
                format!(
                    "teaser: the first block of the body, in a box the page names as the \
                     standfirst (`.teaser`, `.lead`, `.standfirst` …){}",
                    if in_body[i] {
                        "; it also opens the body"
                    } else {
                        ""
                    }
                ),
            );
            continue;
        }
        if in_body[i] {
            let mut text = b.text.as_str();
            if let Some((at, rule, rest)) = &parts.dateline {
                if *at == i && b.text.len() >= rest.len() {
                    let cut = b.text.len() - rest.len();
                    if let Some(head) = b.text.get(..cut) {
                        push(
                            Label::Dateline,
                            false,
                            head.trim_end(),
                            rule,
                            format!(
                                "dateline: the place{} the story was filed from, cut from \
                                 its first line (rule {rule})",
                                if doc.agency.is_some() {
                                    " (and agency)"
                                } else {
                                    ""
                                }
                            ),
                        );
                        text = rest;
                    }
                }
            }
            let (rule, why) = match &body {
                BodyFrom::Rescue(_) => (
                    "paragraph-rescue",
                    format!("kept: a substantial paragraph outside chrome ({features})"),
                ),
                _ if page.stage == Stage::Listing => (
                    "listing-page",
                    format!("kept: in the box of the listing's teaser cards ({features})"),
                ),
                _ => match root_of(b.owner) {
                    Some(r) => (
                        if page.posts {
                            "repeated-posts"
                        } else {
                            "chosen-root"
                        },
                        format!(
                            "kept: inside the chosen root `{}`, stage {}, no cleaning rule \
                             dropped it ({features})",
                            describe(dom, r),
                            page.stage.name()
                        ),
                    ),
                    None => (
                        "lead-between-headline-and-body",
                        format!("kept: prose between the headline and the body box ({features})"),
                    ),
                },
            };
            push(Label::Body, true, text, rule, why);
            continue;
        }
        if is_title(i) {
            // Rule `kicker-in-headline`: the headline element held both.
            if let (Some(k), Some(t)) = (doc.kicker.as_deref(), doc.title.as_deref()) {
                if kicker_at.is_none() && b.text.starts_with(k) && fold(t) != fold(&b.text) {
                    push(
                        Label::Kicker,
                        false,
                        k,
                        "kicker-in-headline",
                        "kicker: a part of the headline element the page names as its \
                         kicker"
                            .to_string(),
                    );
                    push(
                        Label::Title,
                        false,
                        t,
                        "headline",
                        "title: the headline, without its kicker".to_string(),
                    );
                    continue;
                }
            }
            push(
                Label::Title,
                false,
                &b.text,
                "headline",
                if Some(i) == title_at {
                    "title: the heading that shows the page's headline".to_string()
                } else {
                    "title: repeats the headline".to_string()
                },
            );
            continue;
        }
        if Some(i) == kicker_at {
            let named = {
                let mut node = b.owner;
                let mut hit = false;
                for _ in 0..3 {
                    if node == NONE {
                        break;
                    }
                    hit |= name_has(dom, node, KICKER_TOKENS);
                    node = dom.node(node).parent;
                }
                hit
            };
            let rule = if named {
                "kicker-by-name"
            } else {
                "kicker-in-title"
            };
            push(
                Label::Kicker,
                false,
                &b.text,
                rule,
                if named {
                    "kicker: a short label just before the headline, in an element the page \
                     names as a kicker"
                        .to_string()
                } else {
                    "kicker: a short label just before the headline that the page's <title> \
                     puts before the headline"
                        .to_string()
                },
            );
            continue;
        }
        if parts.agency_blocks.contains(&i) {
            push(
                Label::Byline,
                false,
                &b.text,
                "agency-credit",
                format!(
                    "byline: a credit line naming the news agency ({})",
                    doc.agency.as_deref().unwrap_or("")
                ),
            );
            continue;
        }
        if Some(i) == byline_at {
            push(
                Label::Byline,
                false,
                &b.text,
                "byline",
                format!(
                    "byline: the short line nearest the headline that names the author{} \
                     found ({})",
                    if doc.authors.len() > 1 { "s" } else { "" },
                    doc.authors.join(", ")
                ),
            );
            continue;
        }
        if let Some(c) = comment_section(&page, b.owner) {
            push(
                Label::Comment,
                false,
                &b.text,
                "comment-section",
                format!(
                    "comment: inside the comment section `{}` ({}); never article text",
                    describe(dom, c),
                    chrome_reason(dom, an.chrome_why[c as usize], c)
                ),
            );
            continue;
        }
        if !comment_keys.is_empty() && comment_keys.contains(&fold(&b.text)) {
            push(
                Label::Comment,
                false,
                &b.text,
                "comments",
                "comment: read into the Document's comments".to_string(),
            );
            continue;
        }
        let (rule, why): (String, String) = match &body {
            BodyFrom::JsonLd => (
                "json-ld-body".into(),
                format!("dropped: the body was taken from JSON-LD instead ({features})"),
            ),
            BodyFrom::Rescue(_) => (
                "paragraph-rescue".into(),
                format!("dropped: not a substantial paragraph outside chrome ({features})"),
            ),
            BodyFrom::Blocks(_) if page.stage == Stage::Listing => (
                "listing-page".into(),
                format!("dropped: outside the listing's teaser cards ({features})"),
            ),
            BodyFrom::Blocks(_) => dropped_reason(&page, &verdict, i, last_kept, &features),
        };
        push(Label::Boilerplate, false, &b.text, &rule, why);
    }
    if let BodyFrom::JsonLd = body {
        for block in &doc.blocks {
            out.push(ExplainedBlock {
                label: Label::Body,
                in_body: true,
                kind: block.kind,
                text: block.text.clone(),
                rule: "json-ld-body".to_string(),
                why: "kept: a paragraph of the JSON-LD articleBody".to_string(),
                path: "script[type=application/ld+json] articleBody".to_string(),
                chars: block.text.chars().filter(|c| !c.is_whitespace()).count() as u32,
                link_density: 0.0,
            });
        }
    }
    Explanation {
        input: "html",
        stage,
        notes,
        counts: count(&out),
        blocks: out,
        document: doc,
    }
}

/// Why a block the body did not keep was dropped (the cascade's rules).
fn dropped_reason(
    page: &crate::extract::Page,
    verdict: &[Option<crate::select::Drop>],
    i: usize,
    last_kept: Option<usize>,
    features: &str,
) -> (String, String) {
    let (dom, an) = (&page.dom, &page.an);
    let b = &page.blocks[i];
    let root = page
        .roots
        .iter()
        .copied()
        .find(|&r| an.contains(r, b.owner));
    let Some(root) = root else {
        if let Some(c) = outer_chrome(page, b.owner) {
            return (
                "chrome".into(),
                format!(
                    "dropped: outside the chosen root, under chrome `{}` ({}) ({features})",
                    describe(dom, c),
                    chrome_reason(dom, an.chrome_why[c as usize], c)
                ),
            );
        }
        return (
            "outside-root".into(),
            format!(
                "dropped: outside the chosen root{} (stage {}) ({features})",
                match page.roots.first() {
                    Some(&r) => format!(" `{}`", describe(dom, r)),
                    None => String::new(),
                },
                page.stage.name()
            ),
        );
    };
    // The element the cleaning rule dropped: the nearest with a verdict.
    let mut node = b.owner;
    while node != NONE && node != root {
        if verdict.get(node as usize).copied().flatten().is_some() {
            break;
        }
        node = dom.node(node).parent;
    }
    if let Some(d) = dropped_between(dom, verdict, b.owner, root) {
        let extra = if d == crate::select::Drop::Chrome {
            format!(
                " ({})",
                chrome_reason(dom, an.chrome_why[node as usize], node)
            )
        } else {
            format!(
                " (box: {} chars, link density {:.2})",
                an.chars[node as usize],
                an.link_density(node)
            )
        };
        return (
            d.name().into(),
            format!(
                "dropped: under `{}` inside the chosen root, rule {}{extra} ({features})",
                describe(dom, node),
                d.name()
            ),
        );
    }
    if is_credit_line(b) {
        return (
            "photo-credit-line".into(),
            format!("dropped: a short line that starts like a picture credit ({features})"),
        );
    }
    if is_labelled_link_line(b) {
        return (
            "labelled-link-line".into(),
            format!("dropped: a label and a link to another article ({features})"),
        );
    }
    if is_link_stub(b) {
        return (
            "link-stub".into(),
            format!("dropped: a few words that are wholly a link, standing alone ({features})"),
        );
    }
    if last_kept.is_some_and(|l| i > l) {
        return (
            "short-tail-residue".into(),
            format!("dropped: a short line after the article's last paragraph ({features})"),
        );
    }
    (
        "body-rules".into(),
        format!("dropped by the body rules ({features})"),
    )
}

/// A block's text is shown with at most this many characters in the report
/// (a huge table stays readable; the JSON has it whole).
const REPORT_BLOCK_MAX_CHARS: usize = 4000;

/// The report's colours per label: background, border.
fn colours(label: Label) -> (&'static str, &'static str) {
    match label {
        Label::Body => ("#e2f5e1", "#2e8b3a"),
        Label::Title => ("#dde8fb", "#2456c7"),
        Label::Kicker => ("#efe0fa", "#8a3fc4"),
        Label::Teaser => ("#d9f3f3", "#178a8a"),
        Label::Byline => ("#fdebd5", "#d67a0b"),
        Label::Dateline => ("#fbf5c8", "#a88c00"),
        Label::Comment => ("#fbe0ea", "#c2336b"),
        Label::Boilerplate => ("#ececec", "#8a8a8a"),
    }
}

/// Append `s` to `out` escaped for HTML text and attribute values: the
/// markup characters become entities and control characters (which a
/// hostile page may hold) become U+FFFD, so no page text can ever become
/// markup in the report.
fn escape_into(out: &mut String, s: &str) {
    // Runs of plain text are copied whole; only the few bytes that need it
    // are looked at one by one (all are ASCII, or the lead byte 0xC2 of the
    // C1 controls U+0080..U+009F, so a run always ends on a char boundary).
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (entity, len): (&str, usize) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\n' | b'\t' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("\u{FFFD}", 1),
            0xc2 if bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => ("\u{FFFD}", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        out.push_str(entity);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

const REPORT_CSS: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;background:#f7f7f8}\
header{padding:14px 22px;background:#1f2a36;color:#fff}\
header h1{margin:0 0 4px;font-size:20px}\
header p,header ul{margin:2px 0;font-size:13px;color:#d6dde6}\
.wrap{display:grid;grid-template-columns:minmax(0,3fr) minmax(300px,2fr);gap:18px;padding:16px 22px}\
.legend{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 12px;padding:0;list-style:none}\
.tog{position:absolute;opacity:0;pointer-events:none}.legend label{cursor:pointer}\
.legend li{padding:3px 9px;border-left-width:6px;border-left-style:solid;border-radius:3px;font-size:13px}\
.blocks{list-style:none;margin:0;padding:0}\
.blk{display:grid;grid-template-columns:minmax(0,1fr) minmax(200px,36%);gap:10px;margin:5px 0;padding:6px 9px;border-left:7px solid;border-radius:3px}\
.blk .txt{white-space:pre-wrap;overflow-wrap:anywhere}\
.blk.dropped .txt{color:#4a4a4a;text-decoration:line-through;text-decoration-color:#9a9a9a}\
.blk .lab{display:inline-block;min-width:6.5em;margin-right:6px;font:600 11px/1.6 ui-monospace,monospace;text-transform:uppercase}\
.blk .why{font-size:12px;color:#333;overflow-wrap:anywhere}\
.blk .why b{font-family:ui-monospace,monospace}\
.blk .path{display:block;color:#666;font:11px ui-monospace,monospace}\
.verdict{font-weight:600}\
.doc{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;background:#fff;border:1px solid #ddd;border-radius:4px;padding:10px 14px}\
.doc h2{margin:4px 0 8px;font-size:17px}\
.doc table{border-collapse:collapse;width:100%;font-size:13px}\
.doc th{white-space:nowrap}.doc td,.doc th{text-align:left;vertical-align:top;padding:2px 6px;border-bottom:1px solid #eee;overflow-wrap:anywhere}\
.doc .body p{white-space:pre-wrap;margin:6px 0}\
.doc .body h3{font-size:15px;margin:10px 0 4px}\
.counts td{padding:1px 8px}";

impl Explanation {
    /// The explanation as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report: one self-contained HTML page (no scripts, no fonts, no
    /// network) showing the blocks in page order coloured by label, the
    /// rule beside each block and on hover, a legend with the counts per
    /// label, and the final Document beside the blocks. `name` names the
    /// page (a file name) in the heading.
    pub fn to_html(&self, name: &str) -> String {
        use std::fmt::Write;
        let text_len: usize = self
            .blocks
            .iter()
            .map(|b| b.text.len() + b.why.len() + b.path.len() + 400)
            .sum();
        let mut o = String::with_capacity(text_len + 8192);
        o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        o.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        let _ = write!(
            o,
            "<title>klartext explain: {}</title><style>",
            escape(name)
        );
        o.push_str(REPORT_CSS);
        for l in Label::ALL {
            let (bg, border) = colours(l);
            let _ = write!(
                o,
                ".l-{n}{{background:{bg};border-color:{border}}}.l-{n} .lab{{color:{border}}}\
                 #show-{n}:not(:checked)~.blocks .l-{n}{{display:none}}\
                 #show-{n}:not(:checked)~.legend .l-{n}{{opacity:.45;text-decoration:line-through}}",
                n = l.name()
            );
        }
        o.push_str("</style></head><body>\n<header><h1>klartext explain</h1>");
        let kept = self.blocks.iter().filter(|b| b.in_body).count();
        let _ = write!(
            o,
            "<p><b>{}</b> · input {} · stage <b>{}</b> · {} blocks, {} in the body</p>",
            escape(name),
            self.input,
            escape(&self.stage),
            self.blocks.len(),
            kept
        );
        if !self.notes.is_empty() {
            o.push_str("<ul class=\"notes\">");
            for n in &self.notes {
                let _ = write!(o, "<li>{}</li>", escape(n));
            }
            o.push_str("</ul>");
        }
        o.push_str("</header>\n<div class=\"wrap\"><main>\n");
        // One checkbox per label, before the legend and the blocks: a click
        // on a legend entry hides or shows that label's blocks (CSS only).
        for l in Label::ALL {
            let _ = write!(
                o,
                "<input type=\"checkbox\" class=\"tog\" id=\"show-{n}\" checked>",
                n = l.name()
            );
        }
        o.push_str("<ul class=\"legend\" id=\"legend\">");
        for c in &self.counts {
            let _ = write!(
                o,
                "<li class=\"l-{n}\" data-label=\"{n}\" data-count=\"{b}\"><label for=\"show-{n}\" \
                 title=\"click to hide or show the {n} blocks\">{n}: <b>{b}</b> blocks, {c} chars</label></li>",
                n = c.label.name(),
                b = c.blocks,
                c = c.chars
            );
        }
        o.push_str("</ul>\n<ol class=\"blocks\" id=\"blocks\">\n");
        for b in &self.blocks {
            let n = b.label.name();
            // Kept in the body, named as one of the Document's fields, or dropped.
            let verdict = match b.label {
                _ if b.in_body => "kept",
                Label::Body | Label::Comment | Label::Boilerplate => "dropped",
                _ => "named",
            };
            let _ = write!(
                o,
                "<li class=\"blk l-{n} {verdict}\" data-label=\"{n}\" data-kept=\"{}\" data-rule=\"{}\" title=\"",
                b.in_body,
                escape(&b.rule)
            );
            // On hover: the verdict, the rule and the features in one line
            // (the full reason and the path stand beside the block).
            let _ = write!(
                o,
                "{n} · {verdict} · rule {} · {} chars · link density {:.2}",
                escape(&b.rule),
                b.chars,
                b.link_density
            );
            o.push_str("\"><div class=\"txt\"><span class=\"lab\">");
            o.push_str(n);
            o.push_str("</span>");
            if b.text.chars().count() > REPORT_BLOCK_MAX_CHARS {
                let cut: String = b.text.chars().take(REPORT_BLOCK_MAX_CHARS).collect();
                escape_into(&mut o, &cut);
                o.push_str(" <i>[… cut in the report; the JSON has it whole]</i>");
            } else {
                escape_into(&mut o, &b.text);
            }
            let _ = write!(
                o,
                "</div><div class=\"why\"><span class=\"verdict\">{verdict}</span> · <b>{}</b><br>",
                escape(&b.rule)
            );
            escape_into(&mut o, &b.why);
            o.push_str("<span class=\"path\">");
            escape_into(&mut o, &b.path);
            o.push_str("</span></div></li>\n");
        }
        o.push_str("</ol></main>\n<aside class=\"doc\" id=\"document\"><h2>Document</h2><table>");
        let d = &self.document;
        let row = |o: &mut String, k: &str, v: Option<&str>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                let _ = write!(o, "<tr><th>{k}</th><td data-field=\"{k}\">");
                escape_into(o, v);
                o.push_str("</td></tr>");
            }
        };
        let authors = d.authors.join("; ");
        let tags = d.tags.join(", ");
        let categories = d.categories.join(", ");
        for (k, v) in [
            ("kicker", d.kicker.as_deref()),
            ("title", d.title.as_deref()),
            ("teaser", d.teaser.as_deref()),
            ("authors", Some(authors.as_str())),
            ("published", d.published.as_deref()),
            ("modified", d.modified.as_deref()),
            ("dateline", d.dateline.as_deref()),
            ("agency", d.agency.as_deref()),
            ("site_name", d.site_name.as_deref()),
            ("lang", d.lang.as_deref()),
            ("page_type", d.page_type.as_deref()),
            ("url", d.url.as_deref()),
            ("canonical_url", d.canonical_url.as_deref()),
            ("image", d.image.as_deref()),
            ("description", d.description.as_deref()),
            ("tags", Some(tags.as_str())),
            ("categories", Some(categories.as_str())),
            ("encoding", d.encoding.as_deref()),
            ("extracted_by", d.extracted_by.as_deref()),
        ] {
            row(&mut o, k, v);
        }
        o.push_str("</table><h2>Body</h2><div class=\"body\">");
        for b in &d.blocks {
            let tag = if b.kind == BlockKind::Heading {
                "h3"
            } else {
                "p"
            };
            let _ = write!(o, "<{tag}>");
            escape_into(&mut o, &b.text);
            let _ = write!(o, "</{tag}>");
        }
        o.push_str("</div>");
        if !d.comments.is_empty() {
            let _ = write!(
                o,
                "<h2>Comments ({})</h2><div class=\"body\">",
                d.comments.len()
            );
            for c in &d.comments {
                o.push_str("<p>");
                if let Some(a) = &c.author {
                    o.push_str("<b>");
                    escape_into(&mut o, a);
                    o.push_str("</b>: ");
                }
                escape_into(&mut o, &c.text);
                o.push_str("</p>");
            }
            o.push_str("</div>");
        }
        o.push_str("</aside></div></body></html>\n");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition the fast escaper must match.
    fn escape_slow(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                '\n' | '\t' => out.push(c),
                c if c.is_control() => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_matches_the_plain_definition() {
        for s in [
            "",
            "plain",
            "<script>alert('x')</script> & \"q\"",
            "tab\tnew\nline\r\0\u{7f}\u{1b}[31m",
            "C1 \u{80}\u{85}\u{9f} after, Latin Â é ¢ ÿ, CJK 漢字, emoji 🦀",
            "\u{a0}non-breaking\u{c2}\u{a0}",
            "&&<<>>",
        ] {
            assert_eq!(escape(s), escape_slow(s), "{s:?}");
        }
    }
}
