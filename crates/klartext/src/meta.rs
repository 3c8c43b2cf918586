//! Page metadata: `<title>`, OpenGraph and Twitter cards, `<meta>` names,
//! JSON-LD, `<html lang>`, the canonical link; and the headline as the page
//! shows it.

use crate::analyze::Analysis;
use crate::dom::{Dom, NodeData, NodeId};
use crate::patterns::TITLE_SEPARATORS;

/// What the page says about itself.
#[derive(Debug, Default)]
pub struct Meta {
    pub html_title: Option<String>,
    pub og_title: Option<String>,
    pub ld_headline: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    /// What `<meta>` tags and JSON-LD say about the authors.
    pub author_meta: crate::authors::AuthorMeta,
    /// `articleBody` from JSON-LD: the last rescue of the cascade.
    pub ld_body: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// `og:type` (`article`, `website`, `product`).
    pub og_type: Option<String>,
    /// Every JSON-LD `@type` the page states, in page order.
    pub ld_types: Vec<String>,
}

/// Collapse whitespace runs to single spaces and trim.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn set(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        let v = squash(value);
        if !v.is_empty() {
            *slot = Some(v);
        }
    }
}

/// The primary subtag of a language tag or list (`de-AT`, `en_US, fr` →
/// `de`, `en`), if it looks like an ISO 639 code.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag
        .split(['-', '_', ','])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    (2..=3).contains(&primary.len()).then_some(primary)
}

/// Read the metadata of the page in one pass over its elements.
pub fn collect(dom: &Dom) -> Meta {
    let mut m = Meta::default();
    for id in 0..dom.nodes.len() as NodeId {
        let Some(el) = dom.element(id) else { continue };
        match &*el.name.local {
            "html" => {
                if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    if let Some(primary) = primary_language(l) {
                        m.lang.get_or_insert(primary);
                    }
                }
            }
            "title" => {
                if m.html_title.is_none() && dom.is_attached(id) {
                    let mut t = String::new();
                    dom.text_of(id, &mut t);
                    set(&mut m.html_title, &t);
                }
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = el.attr("content") else {
                    continue;
                };
                m.author_meta.meta_tag(&key, content);
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut m.og_title, content),
                    "og:site_name" | "application-name" => set(&mut m.site_name, content),
                    "description" | "og:description" | "twitter:description" => {
                        set(&mut m.description, content)
                    }
                    "og:image" | "twitter:image" => set(&mut m.image, content),
                    "og:url" => set(&mut m.canonical, content),
                    "og:type" => set(&mut m.og_type, &content.to_ascii_lowercase()),
                    "article:tag" | "keywords" => {
                        for t in content.split(',') {
                            let t = squash(t);
                            if !t.is_empty() && !m.tags.contains(&t) {
                                m.tags.push(t);
                            }
                        }
                    }
                    "article:section" => {
                        let t = squash(content);
                        if !t.is_empty() {
                            m.categories.push(t);
                        }
                    }
                    _ => {}
                }
                if el
                    .attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    if let Some(primary) = primary_language(content) {
                        m.lang.get_or_insert(primary);
                    }
                }
            }
            "link" => {
                if el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    if let Some(h) = el.attr("href") {
                        m.canonical = Some(h.trim().to_string());
                    }
                }
            }
            "script" => {
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    let mut t = String::new();
                    for c in dom.children(id) {
                        if let NodeData::Text(s) = &dom.node(c).data {
                            t.push_str(s);
                        }
                    }
                    read_json_ld(&t, &mut m);
                }
            }
            _ => {}
        }
    }
    m
}

/// Types of JSON-LD objects that describe the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "WebPage",
    "Review",
    "Recipe",
];

/// At most this many distinct JSON-LD types are kept per page.
const MAX_LD_TYPES: usize = 32;

fn read_json_ld(text: &str, m: &mut Meta) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
        return;
    };
    let mut stack = vec![&v];
    let mut depth_guard = 0;
    while let Some(v) = stack.pop() {
        depth_guard += 1;
        if depth_guard > 500 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                let types: Vec<&str> = match o.get("@type") {
                    Some(serde_json::Value::String(s)) => vec![s.as_str()],
                    Some(serde_json::Value::Array(a)) => {
                        a.iter().filter_map(|x| x.as_str()).collect()
                    }
                    _ => vec![],
                };
                for t in &types {
                    if m.ld_types.len() < MAX_LD_TYPES && !m.ld_types.iter().any(|x| x == t) {
                        m.ld_types.push(t.to_string());
                    }
                }
                let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(t));
                m.author_meta.json_ld(o, &types, is_article);
                if !is_article {
                    continue;
                }
                let is_page = types.iter().all(|t| *t == "WebPage");
                if !is_page {
                    if let Some(h) = o.get("headline").and_then(|h| h.as_str()) {
                        set(&mut m.ld_headline, h);
                    }
                    if let Some(b) = o.get("articleBody").and_then(|h| h.as_str()) {
                        if m.ld_body.as_ref().is_none_or(|x| x.len() < b.len()) {
                            m.ld_body = Some(b.to_string());
                        }
                    }
                }
                if let Some(p) = o
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                {
                    set(&mut m.site_name, p);
                }
            }
            _ => {}
        }
    }
}

/// Fold a string for comparisons: lowercase alphanumerics only.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // ASCII (most letters of most pages) without the Unicode tables:
        // the same letters and digits, lowercased the same way.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `s` folds to `key` (a folded string), as `fold(s) == key` but
/// without building the folded string and stopping at the first difference.
pub(crate) fn fold_eq(s: &str, key: &str) -> bool {
    folded_chars(s).eq(key.chars())
}

/// Whether two strings fold to the same, as `fold(a) == fold(b)`.
pub(crate) fn folds_equal(a: &str, b: &str) -> bool {
    folded_chars(a).eq(folded_chars(b))
}

/// The characters of [`fold`]`(s)`, one by one.
fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// The shortest headline worth matching against `<title>`.
const MIN_HEADLINE_CHARS: usize = 8;

/// The headline as the page shows it.
///
/// Rule order: (1) a visible `h1`–`h3` whose text is one of the page's own
/// titles (`og:title`, JSON-LD `headline`, or a part of `<title>`), with the
/// first `h1` preferred; (2) the JSON-LD or OpenGraph headline; (3) the only
/// `h1`; (4) `<title>` less its site-name part.
pub fn headline(dom: &Dom, an: &Analysis, m: &Meta) -> Option<String> {
    let refs: Vec<String> = [&m.og_title, &m.ld_headline, &m.html_title]
        .into_iter()
        .flatten()
        .map(|s| fold(s))
        .filter(|s| !s.is_empty())
        .collect();
    let mut h1s: Vec<String> = Vec::new();
    let mut best: Option<(u8, String)> = None;
    for id in 0..dom.nodes.len() as NodeId {
        let tag = dom.tag(id);
        let rank = match tag {
            "h1" => 1,
            "h2" => 2,
            "h3" => 3,
            _ => continue,
        };
        if an.pre[id as usize] == u32::MAX || an.chars[id as usize] == 0 {
            continue; // skipped, hidden or detached
        }
        let mut t = String::new();
        dom.text_of(id, &mut t);
        let t = squash(&t);
        if t.is_empty() {
            continue;
        }
        if rank == 1 {
            h1s.push(t.clone());
        }
        let f = fold(&t);
        if f.chars().count() < MIN_HEADLINE_CHARS {
            continue;
        }
        let matched = refs
            .iter()
            .any(|r| *r == f || (r.contains(&f) && f.len() * 3 >= r.len()));
        if matched && best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, t));
        }
    }
    if let Some((_, t)) = best {
        return Some(t);
    }
    if let Some(h) = m.ld_headline.as_ref().or(m.og_title.as_ref()) {
        return Some(strip_site_name(h, m.site_name.as_deref()));
    }
    if h1s.len() == 1 {
        return h1s.pop();
    }
    m.html_title
        .as_ref()
        .map(|t| strip_site_name(t, m.site_name.as_deref()))
}

/// `Headline | Site` → `Headline`: drop the part that names the site (or,
/// failing that, keep the longest part).
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    for sep in TITLE_SEPARATORS {
        if !title.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = title
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site {
            let fs = fold(site);
            let kept: Vec<&str> = parts.iter().copied().filter(|p| fold(p) != fs).collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(sep);
            }
        }
        // Without a site name: the longest part is the headline when it is
        // clearly longer than the rest.
        let longest = parts
            .iter()
            .max_by_key(|p| p.chars().count())
            .copied()
            .unwrap_or(title);
        if longest.split_whitespace().count() >= 3 {
            return longest.to_string();
        }
        return title.to_string();
    }
    title.to_string()
}

#[cfg(test)]
mod fold_tests {
    use super::fold;

    #[test]
    fn fold_keeps_lowercased_letters_and_digits() {
        assert_eq!(fold("Hello, World 42!"), "helloworld42");
        assert_eq!(fold("Straße – ÜBER İ"), "straßeüberi\u{307}");
        assert!(super::fold_eq("Straße – ÜBER İ", "straßeüberi\u{307}"));
        assert!(!super::fold_eq("Straße – ÜBER", "straßeüberi"));
        assert!(!super::fold_eq("Straße", "straßeü"));
        assert!(super::folds_equal("Jane  Doe", "jane-doe"));
        assert!(!super::folds_equal("Jane Doe", "Jane Does"));
    }
}
