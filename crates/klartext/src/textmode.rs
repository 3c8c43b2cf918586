//! Text mode: a page already rendered to text (a crawler's dump, WET
//! records, lynx/w3m/inscriptis/resiliparse output) turned into a Document.
//!
//! Lines become blocks (wrapped lines and bullet continuations joined
//! again); each block is judged by its shape alone (length, sentences,
//! punctuation, digits, bullets, repetition on the page); the article is the
//! densest run of prose (a maximum-sum run over the blocks); the lines just
//! above it give kicker, title and teaser, its first line the dateline, the
//! lines after it the agency and the readers' comments.

use crate::document::{Block, BlockKind, Comment, Document};
use crate::meta::squash;
use crate::parts;
use crate::patterns::{word_list, BULLETS, COMMENT_HEADERS_FILE, TEXT_BOILERPLATE_FILE};
use crate::Options;

/// A tab counts as this many spaces of indentation.
const TAB_WIDTH: usize = 4;
/// A line this long that ends without punctuation was wrapped by the
/// renderer; the next line, if it starts in lowercase, continues it.
const WRAP_JOIN_MIN_CHARS: usize = 60;
/// A block this long with a sentence in it is article prose.
const PROSE_MIN_CHARS: usize = 80;
/// A block this short is a label, a menu item or a heading.
const SHORT_MAX_CHARS: usize = 30;
/// Below this share of letters among its visible characters a block is
/// residue (counters, progress widgets, separators, dates).
const MIN_LETTER_SHARE: f32 = 0.5;
/// A line of figures this long (a table row, a phone number, a score, a
/// price list entry) inside the article's run is the article's own (rule
/// `figures-inside-the-run`); shorter residue (counters, page numbers) is not.
const FIGURES_MIN_CHARS: usize = 8;
/// A block whose words are mostly capitalised is a menu or a title line.
const MAX_TITLECASE_SHARE: f32 = 0.7;
/// A line cut into at least this many pieces by ` | ` separators is a bar
/// of links when its pieces are short (rule `link-bar`).
const LINK_BAR_MIN_PIECES: usize = 3;
/// The pieces of a link bar average at most this many words.
const LINK_BAR_MAX_PIECE_WORDS: f32 = 4.0;
/// What a short block costs the run of prose it stands in.
const SHORT_COST: f32 = 12.0;
/// What a short bullet (a menu item) costs.
const SHORT_BULLET_COST: f32 = 25.0;
/// A bullet item of this many words is a phrase, not a menu item.
const PHRASE_MIN_WORDS: usize = 3;
/// Boilerplate costs this many times its length.
const BOILERPLATE_COST: f32 = 0.5;
/// A medium block (between short and prose) with a sentence end counts this
/// share of its length.
const MEDIUM_GAIN: f32 = 0.5;
/// Below this share of the page's text, both for its prose and for the
/// densest run, the page has no article run (rule `page-without-prose`).
const NO_PROSE_MAX_SHARE: f32 = 0.1;
/// A run with this many prose blocks is an article, however short
/// (rule `page-without-prose`).
const ARTICLE_MIN_PROSE_BLOCKS: usize = 2;
/// A heading inside the article has at most this many words.
const HEADING_MAX_WORDS: usize = 15;
/// The title is looked for at most this many blocks above the article.
const TITLE_SEARCH_BLOCKS: usize = 6;
/// A title has at most this many characters.
const TITLE_MAX_CHARS: usize = 200;
/// The agency box is looked for in this many blocks after the story.
const AGENCY_BOX_SEARCH: usize = 4;
/// A comment has at least this many words.
const COMMENT_MIN_WORDS: usize = 3;
/// A comment header is at most this long.
const COMMENT_HEADER_MAX_CHARS: usize = 120;

/// One block of the dump: a paragraph, a list item or a line.
#[derive(Debug, Clone)]
struct TBlock {
    text: String,
    indent: usize,
    bullet: bool,
    /// A blank line stands before it.
    blank_before: bool,
    chars: usize,
    words: usize,
    class: Class,
    /// For a block that is boilerplate only because the page repeats it:
    /// the first and the last block that say the same.
    repeats: Option<(usize, usize)>,
    /// A line of figures (rule `figures-inside-the-run`): boilerplate by its
    /// letter share alone, with digits in it, long enough to say something.
    figures: bool,
}

/// What a block looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Class {
    /// Sentences: article text or a reader's comment.
    Prose,
    /// Between short and prose, with a sentence end.
    Medium,
    /// A label, heading, menu item or byline.
    Short,
    /// Counters, widgets, separators; copyright, cookie and login notices;
    /// lines the page repeats.
    Boilerplate,
}

struct Line<'a> {
    indent: usize,
    bullet: bool,
    text: &'a str,
    blank_before: bool,
}

/// The dump's lines that hold text, at most `max` of them; `true` with
/// them when more were left unread.
fn lines(text: &str, max: usize) -> (Vec<Line<'_>>, bool) {
    let mut out = Vec::new();
    let mut blank = true;
    for raw in text.lines() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        if out.len() >= max {
            return (out, true);
        }
        let indent: usize = raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { TAB_WIDTH } else { 1 })
            .sum();
        let (bullet, text) = match BULLETS.iter().find_map(|b| trimmed.strip_prefix(b)) {
            Some(rest) if rest.starts_with([' ', '\t']) => (true, rest.trim_start()),
            _ => (false, trimmed),
        };
        if text.is_empty() {
            continue;
        }
        out.push(Line {
            indent,
            bullet,
            text,
            blank_before: blank,
        });
        blank = false;
    }
    (out, false)
}

/// A CJK character carries about as much text as this many Latin letters.
const CJK_WEIGHT: usize = 3;

/// The visible length of a text, a Chinese, Japanese or Korean character
/// counting as [`CJK_WEIGHT`] letters (rule `cjk-length`: those scripts
/// write without spaces and say in one character what others say in three).
fn text_weight(t: &str) -> usize {
    t.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_cjk(c) { CJK_WEIGHT } else { 1 })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF) // CJK Compatibility Ideographs
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['"', '\'', '“', '”', '»', '«', ')', '’'])
        .ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '：', '；'])
}

/// Rules `wrapped-line` and `bullet-continuation`: join the lines a
/// renderer broke, into the blocks the page had.
fn blocks(text: &str, max_lines: usize) -> (Vec<TBlock>, bool) {
    let (lines, cut) = lines(text, max_lines);
    let mut out: Vec<TBlock> = Vec::new();
    // The column where the open bullet item's text starts.
    let mut item_column: Option<usize> = None;
    let mut prev_len = 0usize;
    for l in lines {
        let joins = match out.last() {
            None => false,
            Some(prev) => {
                if l.bullet {
                    false
                } else if let Some(col) = item_column {
                    // Bullet continuation: at the item's text column; after
                    // a blank line only a sentence (a second paragraph of
                    // the item), not a heading that follows a list.
                    l.indent == col
                        && (!l.blank_before
                            || ends_sentence(l.text)
                            || l.text.chars().count() >= WRAP_JOIN_MIN_CHARS)
                } else {
                    // Wrapped line: a long line without an end, continued in
                    // lowercase at the same indentation.
                    !l.blank_before
                        && l.indent == prev.indent
                        && prev_len >= WRAP_JOIN_MIN_CHARS
                        && !ends_sentence(&prev.text)
                        && l.text.chars().next().is_some_and(char::is_lowercase)
                }
            }
        };
        if joins {
            let prev = out.last_mut().expect("joins implies a previous block");
            prev.text.push(if l.blank_before { '\n' } else { ' ' });
            prev.text.push_str(l.text);
        } else {
            out.push(TBlock {
                text: l.text.to_string(),
                indent: l.indent,
                bullet: l.bullet,
                blank_before: l.blank_before,
                chars: 0,
                words: 0,
                class: Class::Short,
                repeats: None,
                figures: false,
            });
            item_column = None;
        }
        if l.bullet {
            // `  • text`: the text column is where the text starts.
            item_column = Some(l.indent + 2);
        } else if item_column.is_some() && !joins {
            item_column = None;
        }
        prev_len = l.text.chars().count();
    }
    (out, cut)
}

/// Rule `line-shape`: classify a block by its shape alone.
fn classify(b: &TBlock, repeated: bool) -> Class {
    classify_lowered(b, &b.text.to_lowercase(), repeated)
}

/// [`classify`] with the block's text already lowercased.
fn classify_lowered(b: &TBlock, lower: &str, repeated: bool) -> Class {
    let t = b.text.as_str();
    let visible: usize = t.chars().filter(|c| !c.is_whitespace()).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if visible == 0 || (letters as f32) < MIN_LETTER_SHARE * visible as f32 {
        return Class::Boilerplate;
    }
    if b.chars < 2 * PROSE_MIN_CHARS && word_list(TEXT_BOILERPLATE_FILE).any(|w| lower.contains(w))
    {
        return Class::Boilerplate;
    }
    if repeated || is_link_bar(t) {
        return Class::Boilerplate;
    }
    let has_sentence =
        ends_sentence(t) || t.contains(". ") || t.contains(", ") || t.contains(['。', '，', '、']);
    if b.chars >= PROSE_MIN_CHARS && has_sentence && !is_titled(t, b.words) {
        return Class::Prose;
    }
    if b.chars > SHORT_MAX_CHARS && ends_sentence(t) {
        return Class::Medium;
    }
    Class::Short
}

/// Rule `link-bar`: a line of short pieces between vertical bars
/// (`Home | About | Contact`, `Posted by ann at 1:40 PM | Comments (5) |
/// TrackBack`, a footer's `Privacy|Terms|Site map`) is the page's menu or
/// a post's link row, however long it runs. A sentence that holds a bar
/// or two keeps its long pieces and stays text.
fn is_link_bar(t: &str) -> bool {
    let mut pieces = 0usize;
    let mut words = 0usize;
    for piece in t.split('|') {
        let w = piece.split_whitespace().count();
        if w > 0 {
            pieces += 1;
            words += w;
        }
    }
    pieces >= LINK_BAR_MIN_PIECES && (words as f32) <= LINK_BAR_MAX_PIECE_WORDS * pieces as f32
}

/// Whether a block is a line of figures (rule `figures-inside-the-run`):
/// residue by its letter share, with a digit, at least
/// [`FIGURES_MIN_CHARS`] long, and no notice from the boilerplate list
/// (`© 2007` has few letters too, but stays chrome).
fn is_figures_line(b: &TBlock, lower: &str) -> bool {
    let t = b.text.as_str();
    if b.chars < FIGURES_MIN_CHARS || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let visible = t.chars().filter(|c| !c.is_whitespace()).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (letters as f32) < MIN_LETTER_SHARE * visible as f32
        && !word_list(TEXT_BOILERPLATE_FILE).any(|w| lower.contains(w))
}

/// Whether the line of figures at `i` is kept by rule
/// `figures-inside-the-run`. A lone line that holds a time of day
/// (`11/07/12 at 2:17 pm`) is the stamp of a post or a comment, not
/// content (rule `lone-time-stamp`); in a table (a figures line next to
/// another) it is a row like the others.
fn is_kept_figures(bs: &[TBlock], i: usize) -> bool {
    let b = &bs[i];
    if !b.figures {
        return false;
    }
    let in_table = (i > 0 && bs[i - 1].figures) || bs.get(i + 1).is_some_and(|n| n.figures);
    in_table || !has_clock_time(&b.text)
}

/// Whether a text holds a time of day: a digit, a colon, two digits.
fn has_clock_time(t: &str) -> bool {
    t.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

/// Whether most of a block's words are capitalised (a menu, a tag list, a
/// title line, a photo credit) rather than running text.
fn is_titled(t: &str, words: usize) -> bool {
    let titlecase = t
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    titlecase as f32 > MAX_TITLECASE_SHARE * words as f32
}

/// A bullet item of one or two words: a menu entry.
fn is_menu_item(b: &TBlock) -> bool {
    b.class == Class::Short && b.bullet && b.words < PHRASE_MIN_WORDS
}

/// What a block adds to (or costs) the run of prose it stands in.
fn value(b: &TBlock) -> f32 {
    match b.class {
        Class::Prose => b.chars as f32,
        Class::Medium => b.chars as f32 * MEDIUM_GAIN,
        // Menu items are one or two words; a list item that says more is
        // a phrase of the article's own list.
        Class::Short if is_menu_item(b) => -SHORT_BULLET_COST,
        Class::Short => -SHORT_COST,
        Class::Boilerplate => -(b.chars.max(SHORT_MAX_CHARS) as f32) * BOILERPLATE_COST,
    }
}

/// Rule `densest-run`: the article is the run of blocks with the largest
/// sum of values (prose adds its length; labels, menus and residue cost).
fn densest_run(values: &[f32]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0f32;
    let mut start = 0;
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > 0.0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

fn is_heading_like(b: &TBlock) -> bool {
    b.class == Class::Short
        && !b.bullet
        && b.words > 0
        && b.words <= HEADING_MAX_WORDS
        && !ends_sentence(&b.text)
}

/// Split `Tokio` off `TokioRussland hat …` (rule `glued-dateline`): a page
/// whose separator was drawn by CSS loses the space between the dateline
/// and the first word. The first word splits at a lowercase-to-uppercase
/// step when the second part is a word the page uses on its own elsewhere.
fn glued_dateline(first: &str, page: &str) -> Option<(String, usize)> {
    let word_end = first.find(char::is_whitespace).unwrap_or(first.len());
    let word = &first[..word_end];
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() {
                let (place, rest_word) = word.split_at(i);
                let place_ok = place.chars().next().is_some_and(char::is_uppercase)
                    && place.chars().count() >= 3
                    && place.chars().all(char::is_alphabetic);
                let rest_word = rest_word.trim_end_matches(|c: char| !c.is_alphanumeric());
                let rest_ok = rest_word.chars().count() >= 3
                    && rest_word.chars().skip(1).all(char::is_lowercase)
                    && page
                        .match_indices(rest_word)
                        .any(|(at, _)| is_word_at(page, at, rest_word.len()));
                return (place_ok && rest_ok).then(|| (place.to_string(), i));
            }
        }
        prev = Some(c);
    }
    None
}

fn is_word_at(s: &str, at: usize, len: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Extract the article from a page rendered to text.
pub(crate) fn extract_dump(text: &str, options: &Options) -> Document {
    run_dump(text, options).doc
}

/// A dump through text mode: the Document and where its parts came from
/// (block indices, for `explain`).
pub(crate) struct DumpRun {
    pub doc: Document,
    blocks: Vec<TBlock>,
    /// The densest run as found, and its end after the comment header and
    /// the tail trim.
    run: Option<(usize, usize, usize)>,
    body: Vec<usize>,
    title_at: Option<usize>,
    kicker_at: Option<usize>,
    teaser_at: Option<usize>,
    /// The block a dateline was cut from, the rule, and the text left.
    dateline: Option<(usize, &'static str, String)>,
    agency_at: Vec<usize>,
    header: Option<usize>,
    comments: Vec<usize>,
    /// Rule `page-without-prose` kept the page whole.
    whole_page: bool,
    /// How many sequences rule `double-encoded-utf8` repaired.
    double_encoded: usize,
    /// Rule `text-in-nfc` recomposed the dump.
    recomposed: bool,
}

pub(crate) fn run_dump(text: &str, options: &Options) -> DumpRun {
    let max_lines = options.limits.max_nodes;
    let composed = crate::nfc::nfc(text);
    let recomposed = matches!(composed, std::borrow::Cow::Owned(_));
    let (text, double_encoded) = crate::mojibake::repair_page(&composed);
    let text = &*text;
    let (mut bs, cut) = blocks(text, max_lines);
    // Lines the page repeats (menus shown twice, share labels) are chrome.
    // Each block is lowercased once; the counts borrow those keys (a dump
    // of a million lines must not lowercase and allocate each line thrice).
    let lowered: Vec<String> = bs.iter().map(|b| b.text.to_lowercase()).collect();
    // Each key maps to its count and the first and last block saying it.
    let mut seen: foldhash::HashMap<&str, (u32, usize, usize)> =
        foldhash::HashMap::with_capacity_and_hasher(lowered.len(), Default::default());
    for (i, l) in lowered.iter().enumerate() {
        let e = seen.entry(l.as_str()).or_insert((0, i, i));
        e.0 += 1;
        e.2 = i;
    }
    for (b, lower) in bs.iter_mut().zip(&lowered) {
        b.chars = text_weight(&b.text);
        b.words = b.text.split_whitespace().count();
        let span = seen
            .get(lower.as_str())
            .filter(|&&(n, _, _)| b.chars <= PROSE_MIN_CHARS && n > 1)
            .map(|&(_, first, last)| (first, last));
        b.class = classify_lowered(b, lower, span.is_some());
        if b.class == Class::Boilerplate && span.is_some() {
            b.repeats = span.filter(|_| classify_lowered(b, lower, false) != Class::Boilerplate);
        }
        b.figures = b.class == Class::Boilerplate && span.is_none() && is_figures_line(b, lower);
    }
    drop(seen);
    drop(lowered);
    let values: Vec<f32> = bs.iter().map(value).collect();
    let mut doc = Document {
        url: options.url.clone(),
        extracted_by: Some("text".to_string()),
        ..Default::default()
    };
    if cut {
        doc.warn_partial(format!(
            "the dump has more than {max_lines} lines of text; only the first {max_lines} were read (limit max_nodes)"
        ));
    }
    let found = densest_run(&values);
    let (start, mut end) = found.unwrap_or((0, 0));
    let run_end = end;
    // Rule `comments-end-the-article`: a comment header closes the article;
    // what follows it is the readers', never the body.
    let header = (start + 1..bs.len()).find(|&i| is_comment_header(&bs[i]));
    if let Some(h) = header {
        end = end.min(h);
    }
    // Rule `trim-run-tail`: the run ends with its last sentence; the short
    // lines after it (credits, share labels) are not the article's.
    while end > start + 1 && matches!(bs[end - 1].class, Class::Short | Class::Boilerplate) {
        end -= 1;
    }
    // The body: every block of the run but boilerplate. Rule
    // `short-inside-the-run`: labels, list items and subheadings between the
    // article's paragraphs are its own (the run already paid for them).
    // Rule `repeated-inside-the-run`: a line the page repeats only within
    // the article (a song's chorus, a report's recurring subheading, the
    // same label under each archive section) is the article's own; chrome
    // repeats outside it (a menu at the top and again at the foot). A line
    // printed twice in a row (a renderer's echo) is kept once.
    // Rule `figures-inside-the-run`: a line of figures between the article's
    // paragraphs (a table's rows, phone numbers, prices, results, a time
    // stamp) is the article's own; the run already paid for it, and only its
    // few letters made it residue.
    let mut body: Vec<usize> = (start..end)
        .filter(|&i| {
            bs[i].class != Class::Boilerplate
                || is_kept_figures(&bs, i)
                || bs[i].repeats.is_some_and(|(first, last)| {
                    first >= start && last < end && (last > first + 1 || i == first)
                })
        })
        .collect();
    // Rule `page-without-prose`: a page of verse, a table of contents, a
    // list of short entries has no run of prose; the densest run is a
    // stray sentence or nothing. When the page's prose and the run are
    // both a small share of its text and the run holds at most one
    // paragraph of prose (a short news story holds several), the page is
    // kept whole: every block but boilerplate and menu items, up to a
    // comment header.
    let page_text = |b: &&TBlock| b.class != Class::Boilerplate && !is_menu_item(b);
    let text_chars: usize = bs.iter().filter(page_text).map(|b| b.chars).sum();
    let share = |n: usize| n as f32 / text_chars.max(1) as f32;
    let prose_chars: usize = bs
        .iter()
        .filter(|b| b.class == Class::Prose)
        .map(|b| b.chars)
        .sum();
    let body_chars: usize = body.iter().map(|&i| bs[i].chars).sum();
    let run_prose_blocks = body
        .iter()
        .filter(|&&i| bs[i].class == Class::Prose)
        .count();
    let whole_page = text_chars > 0
        && share(prose_chars) < NO_PROSE_MAX_SHARE
        && share(body_chars) < NO_PROSE_MAX_SHARE
        && run_prose_blocks < ARTICLE_MIN_PROSE_BLOCKS;
    if whole_page {
        let stop = header.unwrap_or(bs.len());
        let text_at: Vec<usize> = (0..stop).filter(|&i| page_text(&&bs[i])).collect();
        // Rule `figures-inside-the-run` holds for the kept page too: a
        // table of figures between its first and last lines of text (a
        // results page, a price list) is its content.
        body = match (text_at.first(), text_at.last()) {
            (Some(&first), Some(&last)) => (first..=last)
                .filter(|&i| page_text(&&bs[i]) || is_kept_figures(&bs, i))
                .collect(),
            _ => text_at,
        };
        end = stop;
    }

    // Title and kicker (rule `title-above-the-run`): the nearest
    // heading-like line above the article, passing over byline and date
    // lines (they hold digits) when a line without them stands higher up;
    // the kicker is a short line right above it with no blank between.
    let window = start.saturating_sub(TITLE_SEARCH_BLOCKS)..start;
    let candidates: Vec<usize> = window
        .rev()
        .filter(|&i| {
            let b = &bs[i];
            b.class != Class::Boilerplate
                && is_heading_like(b)
                && b.chars <= TITLE_MAX_CHARS
                && b.words >= 2
        })
        .collect();
    let has_digit = |i: &usize| bs[*i].text.chars().any(|c| c.is_ascii_digit());
    let title_at = candidates
        .iter()
        .find(|i| !has_digit(i))
        .or(candidates.first())
        .copied();
    let mut top = start;
    let mut kicker_at = None;
    if let Some(i) = title_at {
        let b = &bs[i];
        doc.title = Some(b.text.clone());
        top = i;
        if i > 0 && !b.blank_before && is_heading_like(&bs[i - 1]) {
            doc.kicker = Some(bs[i - 1].text.clone());
            kicker_at = Some(i - 1);
        }
    }
    let mut teaser_at = None;
    // Teaser (rule `teaser-apart`): prose right under the title, set apart
    // from the body by a line that is not body (a counter, a byline).
    if doc.title.is_some() && !whole_page {
        if let Some(&first) = body.first() {
            let gap_after_first = body.get(1).is_some_and(|&second| second > first + 1);
            if bs[first].class == Class::Prose && first >= top && gap_after_first {
                doc.teaser = Some(bs[first].text.clone());
                teaser_at = Some(first);
                if options.teaser_in_body != Some(true) {
                    body.remove(0);
                }
            }
        }
    }
    // Dateline and agency at the start of the story (after a teaser that
    // stays in the body).
    let story_first = body
        .get(usize::from(
            doc.teaser.is_some() && options.teaser_in_body == Some(true),
        ))
        .copied();
    let mut dateline: Option<(usize, &'static str, String)> = None;
    if let Some(first) = story_first {
        let t = &bs[first].text;
        if let Some(d) = parts::split_dateline(t) {
            doc.dateline = d.place;
            doc.agency = d.agency;
            dateline = Some((first, "dateline-with-agency", t[d.rest..].to_string()));
        } else if let Some((place, at)) = glued_dateline(t, text) {
            doc.dateline = Some(place);
            dateline = Some((first, "glued-dateline", t[at..].to_string()));
        }
    }
    // Rule `agency-box`: a credit after the story, on one line (`Quelle:
    // dpa`) or as a label line and a name line (`Agentur` / `Reuters`).
    let after_story = body.last().map_or(end, |&l| l + 1);
    let mut agency_at = Vec::new();
    for i in after_story..bs.len().min(after_story + AGENCY_BOX_SEARCH) {
        if let Some(a) = parts::agency_credit(&bs[i].text) {
            doc.agency.get_or_insert(a);
            agency_at.push(i);
            break;
        }
        let next_is_agency = bs
            .get(i + 1)
            .and_then(|n| parts::agency_name(&n.text))
            .map(str::to_string);
        if let (true, Some(a)) = (is_credit_label(&bs[i].text), next_is_agency) {
            doc.agency.get_or_insert(a);
            agency_at.extend([i, i + 1]);
            break;
        }
    }

    // Comments (rule `comment-list`): after the comment header, each bullet
    // item of a few words or more is one comment.
    let mut comments: Vec<Comment> = Vec::new();
    let mut comment_at: Vec<usize> = Vec::new();
    if let Some(h) = header {
        for (i, b) in bs.iter().enumerate().skip(h + 1) {
            if b.bullet && b.class != Class::Boilerplate && b.words >= COMMENT_MIN_WORDS {
                comment_at.push(i);
                comments.push(Comment {
                    author: None,
                    date: None,
                    text: b.text.clone(),
                });
            }
        }
    }
    if options.include_comments {
        doc.comments = comments;
    }

    doc.blocks = body
        .iter()
        .map(|&i| Block {
            kind: if is_heading_like(&bs[i]) {
                BlockKind::Heading
            } else if bs[i].bullet {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            },
            text: match &dateline {
                Some((f, _, t)) if *f == i => t.clone(),
                _ => squash(&bs[i].text),
            },
            level: if bs[i].bullet { Some(1) } else { None },
        })
        .collect();
    doc.rebuild_text();
    doc.lang = crate::lang::language(&doc.text, None);
    doc.page_type = Some(
        if doc.text.len() >= 500 {
            "article"
        } else {
            "other"
        }
        .to_string(),
    );
    DumpRun {
        doc,
        blocks: bs,
        run: found.map(|_| (start, run_end, end)),
        body,
        title_at,
        kicker_at,
        teaser_at,
        dateline,
        agency_at,
        header,
        comments: comment_at,
        whole_page,
        double_encoded,
        recomposed,
    }
}

/// The explanation of a dump: every block with its label and the rule
/// that decided it (see `explain`).
pub(crate) fn explain_dump(text: &str, options: &Options) -> crate::explain::Explanation {
    use crate::explain::{ExplainedBlock, Label};
    let r = run_dump(text, options);
    let mut in_body = vec![false; r.blocks.len()];
    for &i in &r.body {
        in_body[i] = true;
    }
    let mut out: Vec<ExplainedBlock> = Vec::with_capacity(r.blocks.len() + 1);
    for (i, b) in r.blocks.iter().enumerate() {
        let class = format!("{:?}", b.class).to_lowercase();
        let features = format!("class {class}, {} chars, {} words", b.chars, b.words);
        let kind = if is_heading_like(b) {
            BlockKind::Heading
        } else if b.bullet {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let mut push = |label: Label, in_body: bool, text: &str, rule: &str, why: String| {
            out.push(ExplainedBlock {
                label,
                in_body,
                kind,
                text: text.to_string(),
                rule: rule.to_string(),
                why,
                path: format!("block {}", i + 1),
                chars: text_weight(text) as u32,
                link_density: 0.0,
            });
        };
        if r.teaser_at == Some(i) {
            push(
                Label::Teaser,
                in_body[i],
                &b.text,
                "teaser-apart",
                format!(
                    "teaser: prose right under the title, set apart from the body ({features})"
                ),
            );
            continue;
        }
        if in_body[i] {
            let mut text = b.text.as_str();
            if let Some((at, rule, rest)) = &r.dateline {
                if *at == i && b.text.len() >= rest.len() {
                    if let Some(head) = b.text.get(..b.text.len() - rest.len()) {
                        push(
                            Label::Dateline,
                            false,
                            head.trim_end(),
                            rule,
                            format!("dateline: the place the story was filed from, cut from its first line (rule {rule})"),
                        );
                        text = rest;
                    }
                }
            }
            let rule = if b.class == Class::Prose {
                "densest-run"
            } else if b.figures && b.class == Class::Boilerplate {
                "figures-inside-the-run"
            } else if b.class == Class::Boilerplate {
                "repeated-inside-the-run"
            } else {
                "short-inside-the-run"
            };
            push(
                Label::Body,
                true,
                text,
                rule,
                format!("kept: inside the densest run of prose ({features})"),
            );
            continue;
        }
        let (label, rule, why) = if r.title_at == Some(i) {
            (
                Label::Title,
                "title-above-the-run",
                format!("title: the nearest heading-like line above the article ({features})"),
            )
        } else if r.kicker_at == Some(i) {
            (
                Label::Kicker,
                "kicker-above-the-title",
                format!("kicker: a short line right above the title ({features})"),
            )
        } else if r.agency_at.contains(&i) {
            (
                Label::Byline,
                "agency-box",
                format!("byline: a credit naming the news agency after the story ({features})"),
            )
        } else if r.header == Some(i) {
            (
                Label::Comment,
                "comments-end-the-article",
                format!("comment: the comment section's header; it ends the article ({features})"),
            )
        } else if r.comments.contains(&i) {
            (
                Label::Comment,
                "comment-list",
                format!("comment: a list item after the comment header ({features})"),
            )
        } else if r.header.is_some_and(|h| i > h) {
            (
                Label::Boilerplate,
                "comments-end-the-article",
                format!("dropped: after the comment header, not a comment ({features})"),
            )
        } else if b.class == Class::Boilerplate {
            (
                Label::Boilerplate,
                "line-shape",
                format!("dropped: boilerplate by its shape (few letters, a notice, or repeated on the page) ({features})"),
            )
        } else {
            match r.run {
                Some((start, run_end, end)) if i >= start && i < run_end && i >= end => (
                    Label::Boilerplate,
                    "trim-run-tail",
                    format!("dropped: a short line at the end of the run ({features})"),
                ),
                _ => (
                    Label::Boilerplate,
                    "densest-run",
                    format!(
                        "dropped: outside the densest run of prose (value {:.0}; {features})",
                        value(b)
                    ),
                ),
            }
        };
        push(label, false, &b.text, rule, why);
    }
    let doc = r.doc;
    crate::explain::Explanation {
        input: "text",
        stage: doc.extracted_by.clone().unwrap_or_default(),
        notes: {
            let mut notes = match r.run {
                Some((s, e, _)) => vec![format!(
                    "rule densest-run: the article is blocks {} to {}",
                    s + 1,
                    e
                )],
                None => vec!["no run of prose found".to_string()],
            };
            if r.recomposed {
                notes.push(crate::nfc::note(1));
            }
            if r.double_encoded > 0 {
                notes.push(crate::mojibake::note(r.double_encoded));
            }
            if r.whole_page {
                notes.push(
                    "rule page-without-prose: the page has no run of prose, so it is kept whole \
                     (every block but boilerplate and menu items, up to a comment header)"
                        .to_string(),
                );
            }
            notes
        },
        counts: crate::explain::count(&out),
        blocks: out,
        document: doc,
    }
}

fn is_comment_header(b: &TBlock) -> bool {
    b.chars <= COMMENT_HEADER_MAX_CHARS && {
        let lower = b.text.to_lowercase();
        let first = lower.split_whitespace().next().unwrap_or("");
        word_list(COMMENT_HEADERS_FILE)
            .any(|h| first == h || (h.contains(' ') && lower.starts_with(h)))
    }
}

fn is_credit_label(t: &str) -> bool {
    let l = t.trim().trim_end_matches(':').to_lowercase();
    crate::patterns::AGENCY_CREDIT_LABELS.contains(&l.as_str())
}

#[cfg(feature = "block-features")]
#[path = "textmode_features.rs"]
mod features;
#[cfg(feature = "block-features")]
pub use features::debug_features;

/// One line per block of a dump with its class: what the rules saw (for
/// debugging; not a stable interface).
pub fn debug_dump(text: &str) -> String {
    let mut out = String::new();
    for b in blocks(text, usize::MAX).0 {
        let mut b = b;
        b.chars = text_weight(&b.text);
        b.words = b.text.split_whitespace().count();
        b.class = classify(&b, false);
        out.push_str(&format!(
            "{:?} ind={} bul={} hdr={} {:.60}\n",
            b.class,
            b.indent,
            b.bullet,
            is_comment_header(&b),
            b.text
        ));
    }
    out
}
