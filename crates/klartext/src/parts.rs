//! The named parts of a news page around its body: the kicker over the
//! headline, the teaser under it, the dateline and the news agency at the
//! start of the body or in a credit line after it.
//!
//! The string rules (`split_dateline`, `agency_credit`) work on plain text,
//! so HTML extraction and text mode share them; the DOM rules find the
//! kicker and teaser by where they stand and how the page names them.

use crate::analyze::{for_each_token, Analysis};
use crate::dom::{Dom, NodeId, NONE};
use crate::meta::{fold, squash};
use crate::patterns::{
    AGENCIES, AGENCY_CREDIT_LABELS, AGENCY_JOINERS, DATELINE_TOKENS, KICKER_TOKENS, NOT_KICKERS,
    NOT_PLACES, TEASER_TOKENS,
};

/// A dateline is found within this many characters of the body's start.
const DATELINE_MAX_CHARS: usize = 60;
/// A place in a dateline has at most this many words (`Frankfurt am Main`).
const PLACE_MAX_WORDS: usize = 4;
/// Lowercase words a place name may hold between capitalised ones.
const PLACE_CONNECTORS: &[&str] = &[
    "am", "an", "der", "de", "la", "le", "del", "di", "im", "upon",
];
/// The date between place and agency (`Paris, 3 mars (AFP) -`) is short.
const DATELINE_DATE_MAX_CHARS: usize = 30;
/// A credit line naming the agency is at most this long.
const CREDIT_MAX_CHARS: usize = 80;
/// A kicker is a short label, not a sentence.
const KICKER_MAX_CHARS: usize = 80;
/// How many earlier siblings (and levels up) the kicker is looked for.
const KICKER_SEARCH_STEPS: usize = 3;

/// The place and agency a story's first line names, and where the body text
/// resumes after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: Option<String>,
    pub agency: Option<String>,
    /// Byte offset in the line where the body resumes.
    pub rest: usize,
}

/// Does `id` carry one of `tokens` in its class or id?
pub(crate) fn name_has(dom: &Dom, id: NodeId, tokens: &[&str]) -> bool {
    let Some(el) = dom.element(id) else {
        return false;
    };
    let mut hit = false;
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            for_each_token(v, |t| hit |= tokens.contains(&t));
        }
    }
    hit
}

/// The canonical name of one agency as a credit writes it, if known.
pub fn agency_name(word: &str) -> Option<&'static str> {
    let w = word
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | ';' | '(' | ')'))
        .to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Agencies named in a list like `dpa/AFP`, `dpa und Reuters` or
/// `dpa/lhe` (a regional service of dpa). The first item must be a known
/// agency; with `strict`, every item must be. Names are joined by `, `.
fn agencies_in(list: &str, strict: bool) -> Option<String> {
    let mut spaced = list.to_string();
    for j in ["/", ",", "&", ";"] {
        spaced = spaced.replace(j, " / ");
    }
    // Multi-word names first: join the words between joiners.
    let mut items: Vec<String> = Vec::new();
    let mut cur = String::new();
    for w in spaced.split_whitespace() {
        if AGENCY_JOINERS.contains(&w.to_lowercase().as_str()) {
            if !cur.is_empty() {
                items.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
    if !cur.is_empty() {
        items.push(cur);
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match agency_name(item) {
            Some(n) => {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            None if i == 0 || strict => return None,
            // `dpa/lhe`, `AFP/mat`: the desk or author code after an agency.
            None if item.chars().count() <= 4 => {}
            None => return None,
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn is_place(place: &str, with_agency: bool) -> bool {
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty()
        || words.len() > PLACE_MAX_WORDS
        || place.chars().count() > DATELINE_MAX_CHARS / 2
        || place.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let ok_words = words.iter().enumerate().all(|(i, w)| {
        capitalised(w)
            || (i > 0
                && i + 1 < words.len()
                && PLACE_CONNECTORS.contains(&w.to_lowercase().as_str()))
    });
    if !ok_words
        || !capitalised(words[words.len() - 1])
        || NOT_PLACES.contains(&words[0].to_lowercase().as_str())
    {
        return false;
    }
    if with_agency {
        return true;
    }
    // Without an agency to confirm it, a place is one word (`Tokio`,
    // `Frankfurt/Main`) or set in capitals (`NEW YORK`): two capitalised
    // words are as likely a person (`Angela Merkel – die …`).
    words.len() == 1 || place.chars().all(|c| !c.is_lowercase())
}

/// Rule `dateline-with-agency`: the first line of a news story often starts
/// with where it was filed from and the agency, then a dash:
/// `BERLIN (dpa) –`, `Tokio –`, `WASHINGTON —`, `Paris, 3 mars (AFP) -`,
/// `(dpa) -`. Returns what it names and where the story text resumes.
pub fn split_dateline(line: &str) -> Option<Dateline> {
    // The separator: an en or em dash, or a spaced hyphen, near the start.
    let mut sep: Option<(usize, usize)> = None;
    let mut prev = ' ';
    let mut iter = line.char_indices().peekable();
    let mut seen = 0;
    while let Some((i, c)) = iter.next() {
        seen += 1;
        if seen > DATELINE_MAX_CHARS + 4 {
            break;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let dash = match c {
            '–' | '—' => prev == ' ' || prev == ')',
            '-' => prev == ' ' && (next == Some(' ') || next == Some('-')),
            _ => false,
        };
        if dash && i > 0 {
            let mut end = i + c.len_utf8();
            // `--` as a dash
            if c == '-' && next == Some('-') {
                end += 1;
            }
            sep = Some((i, end));
            break;
        }
        prev = c;
    }
    let (start, end) = sep?;
    let prefix = line[..start].trim();
    let after = &line[end..];
    let rest = end + (after.len() - after.trim_start().len());
    let first = line[rest..].chars().next()?;
    if !(first.is_alphanumeric() || "\"„“«‘'".contains(first)) || first.is_lowercase() {
        return None;
    }
    let (before, agency) = match prefix.strip_suffix(')') {
        Some(p) => {
            let open = p.rfind('(')?;
            let agency = agencies_in(&p[open + 1..], false)?;
            (p[..open].trim().trim_end_matches(',').trim(), Some(agency))
        }
        None => (prefix, None),
    };
    let (place, date) = match before.split_once(',') {
        Some((p, d)) => (p.trim(), Some(d.trim())),
        None => (before, None),
    };
    if date.is_some_and(|d| d.chars().count() > DATELINE_DATE_MAX_CHARS) {
        return None;
    }
    if place.is_empty() {
        return agency.map(|a| Dateline {
            place: None,
            agency: Some(a),
            rest,
        });
    }
    if !is_place(place, agency.is_some()) {
        return None;
    }
    Some(Dateline {
        place: Some(place.to_string()),
        agency,
        rest,
    })
}

/// Rule `agency-credit`: a short line under a story that only credits news
/// agencies: `Quelle: dpa`, `(AFP)`, `dpa/Reuters`, `Mit Material von
/// Reuters`, `© dpa`. Returns the agencies named.
pub fn agency_credit(line: &str) -> Option<String> {
    let s = line.trim().trim_end_matches('.').trim();
    if s.is_empty() || s.chars().count() > CREDIT_MAX_CHARS {
        return None;
    }
    let lower = s.to_lowercase();
    let mut body = s;
    for label in AGENCY_CREDIT_LABELS {
        if lower.starts_with(label) {
            let cut = label.len();
            // `lower` and `s` differ in length only for rare case mappings;
            // check the cut is a boundary of `s`.
            if s.is_char_boundary(cut) {
                let r = s[cut..].trim_start();
                if r.len() < s[cut..].len() || r.starts_with(':') {
                    body = r.trim_start_matches(':').trim();
                    break;
                }
            }
        }
    }
    let body = body
        .strip_prefix('(')
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(body);
    agencies_in(body, true)
}

/// The first visible `h1`–`h3` that shows the headline.
fn headline_node(dom: &Dom, an: &Analysis, title_key: &str) -> Option<NodeId> {
    (0..dom.nodes.len() as NodeId).find(|&id| {
        matches!(dom.tag(id), "h1" | "h2" | "h3")
            && an.pre[id as usize] != u32::MAX
            && an.chars[id as usize] > 0
            && {
                let mut t = String::new();
                dom.text_of(id, &mut t);
                fold(&t).contains(title_key)
            }
    })
}

fn text(dom: &Dom, id: NodeId) -> String {
    let mut t = String::new();
    dom.text_of(id, &mut t);
    squash(&t)
}

/// A kicker is a short label: not a sentence, not a date or time stamp
/// (no year in it), not a page-kind label from [`NOT_KICKERS`].
fn is_label(t: &str) -> bool {
    let n = t.chars().count();
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let digits = t.chars().filter(char::is_ascii_digit).count();
    n > 0
        && n <= KICKER_MAX_CHARS
        && !t.ends_with('.')
        && !has_year
        && digits * 4 < n
        && !NOT_KICKERS.contains(&t.to_lowercase().as_str())
}

/// The kicker over the headline, and the headline without it when the
/// headline element held both. `page_titles` are the `<title>` and
/// `og:title`, which often read `Kicker: Headline`.
pub fn kicker(
    dom: &Dom,
    an: &Analysis,
    title: &str,
    page_titles: &[&str],
) -> Option<(String, Option<String>)> {
    let key = fold(title);
    if key.is_empty() {
        return None;
    }
    let h = headline_node(dom, an, &key)?;
    // Rule `kicker-in-headline`: `<h1><span class="kicker">…</span>
    // <span>Headline</span></h1>`.
    let mut stack: Vec<NodeId> = dom.children(h).collect();
    while let Some(c) = stack.pop() {
        if name_has(dom, c, KICKER_TOKENS) {
            let k = text(dom, c);
            if is_label(&k) && fold(&k) != key {
                let full = text(dom, h);
                let stripped = full
                    .strip_prefix(k.as_str())
                    .map(|r| r.trim_start_matches([':', ' ', '-', '–', '|']).to_string())
                    .filter(|r| !r.is_empty());
                return Some((k, stripped));
            }
        }
        stack.extend(dom.children(c));
    }
    // The title prefix the page's own titles put before the headline.
    let prefix = page_titles.iter().find_map(|t| {
        let f = fold(t);
        let i = f.find(&key)?;
        let p = f[..i]
            .trim_end()
            .trim_end_matches([':', '-', '–', '|'])
            .trim();
        (!p.is_empty()).then(|| p.to_string())
    });
    // Rules `kicker-by-name` and `kicker-in-title`: an element just before
    // the headline (or before the box that holds it) that the page names a
    // kicker, or whose text the page's title puts before the headline.
    let mut node = h;
    for _ in 0..KICKER_SEARCH_STEPS {
        let mut sib = dom.node(node).prev;
        let mut steps = 0;
        while sib != NONE && steps < KICKER_SEARCH_STEPS {
            if dom.element(sib).is_some() {
                steps += 1;
                let k = text(dom, sib);
                if !k.is_empty() {
                    let named = name_has(dom, sib, KICKER_TOKENS)
                        || dom.children(sib).any(|c| name_has(dom, c, KICKER_TOKENS));
                    let in_title = prefix.as_deref() == Some(fold(&k).as_str());
                    if is_label(&k) && (named || in_title) && an.pre[sib as usize] != u32::MAX {
                        return Some((k, None));
                    }
                    // Visible text between: the kicker is not further up.
                    if !named {
                        return None;
                    }
                }
            }
            sib = dom.node(sib).prev;
        }
        node = dom.node(node).parent;
        if node == NONE || matches!(dom.tag(node), "body" | "main" | "article") {
            break;
        }
    }
    None
}

/// Rule `teaser-by-name`: how many of the body's first blocks (owners given
/// in order) are the standfirst the page names as such (`.teaser`,
/// `.article-lead`, `.standfirst`, `Vorspann`), looking at most two levels up.
pub fn teaser_blocks(dom: &Dom, owners: &[NodeId]) -> usize {
    owners
        .iter()
        .take(2)
        .take_while(|&&o| {
            let mut n = o;
            for _ in 0..3 {
                if n == NONE {
                    break;
                }
                if name_has(dom, n, TEASER_TOKENS) {
                    return true;
                }
                n = dom.node(n).parent;
            }
            false
        })
        .count()
}

/// Rule `dateline-by-name`: a dateline the page sets apart in its own
/// element at the start of the first paragraph
/// (`<p><span class="dateline">Tokio</span>Russland hat …`).
pub fn named_dateline(dom: &Dom, owner: NodeId) -> Option<String> {
    let mut c = dom.node(owner).first_child;
    // Only the first element child, with nothing but blanks before it.
    while c != NONE {
        match dom.element(c) {
            Some(_) => {
                if name_has(dom, c, DATELINE_TOKENS) {
                    let t = text(dom, c);
                    let t = t
                        .trim_end_matches([' ', '-', '–', '—', ':', '.'])
                        .to_string();
                    return is_place(&t, true).then_some(t);
                }
                return None;
            }
            None => {
                let mut t = String::new();
                dom.text_of(c, &mut t);
                if !t.trim().is_empty() {
                    return None;
                }
            }
        }
        c = dom.node(c).next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<(Option<String>, Option<String>, String)> {
        split_dateline(s).map(|d| (d.place, d.agency, s[d.rest..].to_string()))
    }

    #[test]
    fn datelines_in_several_styles() {
        assert_eq!(
            dl("BERLIN (dpa) – Die Regierung hat"),
            Some((
                Some("BERLIN".into()),
                Some("dpa".into()),
                "Die Regierung hat".into()
            ))
        );
        assert_eq!(
            dl("Tokio – Russland hat"),
            Some((Some("Tokio".into()), None, "Russland hat".into()))
        );
        assert_eq!(
            dl("WASHINGTON — The president"),
            Some((Some("WASHINGTON".into()), None, "The president".into()))
        );
        assert_eq!(
            dl("Paris, 3 mars (AFP) - Le gouvernement"),
            Some((
                Some("Paris".into()),
                Some("AFP".into()),
                "Le gouvernement".into()
            ))
        );
        assert_eq!(
            dl("Frankfurt am Main (dpa/lhe) - Ein Mann"),
            Some((
                Some("Frankfurt am Main".into()),
                Some("dpa".into()),
                "Ein Mann".into()
            ))
        );
        assert_eq!(
            dl("(Reuters) - Shares fell"),
            Some((None, Some("Reuters".into()), "Shares fell".into()))
        );
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(dl("Angela Merkel – die Kanzlerin sagte"), None);
        assert_eq!(
            dl("Die Regierung hat heute – wie erwartet – beschlossen"),
            None
        );
        assert_eq!(dl("Halle (Saale) – Ein Mann"), None);
        assert_eq!(dl("In 2019 - Prices rose"), None);
        assert_eq!(dl("A well-known fact"), None);
    }

    #[test]
    fn agency_credits() {
        assert_eq!(agency_credit("Quelle: dpa").as_deref(), Some("dpa"));
        assert_eq!(agency_credit("(AFP)").as_deref(), Some("AFP"));
        assert_eq!(
            agency_credit("dpa/Reuters").as_deref(),
            Some("dpa, Reuters")
        );
        assert_eq!(
            agency_credit("Mit Material von Reuters und AFP.").as_deref(),
            Some("Reuters, AFP")
        );
        assert_eq!(agency_credit("© dpa").as_deref(), Some("dpa"));
        assert_eq!(agency_credit("Quelle: Statistisches Bundesamt"), None);
        assert_eq!(agency_credit("AP news is great"), None);
    }
}
