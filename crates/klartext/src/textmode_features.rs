//! Block features for studying text mode (cargo feature `block-features`,
//! off in every normal build): for each block of a dump, the numbers a
//! learned block classifier would read (its shape, its neighbours' shape,
//! where it stands against the densest run, what the rules decided). The
//! script `bench/text-bound` trains classifiers on them to measure how far
//! a block decision learned from the benchmark truths gets, against the
//! rules; nothing in the engine reads them.

use super::{ends_sentence, is_menu_item, run_dump, Class, DumpRun, TBlock};
use crate::Options;

/// What the features know of the whole page.
struct PageFacts {
    /// The densest run after the tail trim, as the rules found it.
    start: usize,
    end: usize,
    /// Per block: whether the rules keep it in the body.
    rule_body: Vec<bool>,
    whole_page: bool,
    header: Option<usize>,
    /// The page's prose share of its visible characters.
    prose_share: f32,
    /// The page's visible characters, log-scaled.
    page_chars_log: f32,
    /// The most common indentation of prose blocks.
    prose_indent: usize,
}

impl PageFacts {
    fn new(r: &DumpRun) -> PageFacts {
        let bs = &r.blocks;
        let (start, end) = r.run.map_or((0, 0), |(s, _, e)| (s, e));
        let mut rule_body = vec![false; bs.len()];
        for &i in &r.body {
            rule_body[i] = true;
        }
        let total: usize = bs.iter().map(|b| b.chars).sum();
        let prose: usize = bs
            .iter()
            .filter(|b| b.class == Class::Prose)
            .map(|b| b.chars)
            .sum();
        let mut indents: Vec<usize> = bs
            .iter()
            .filter(|b| b.class == Class::Prose)
            .map(|b| b.indent)
            .collect();
        indents.sort_unstable();
        let prose_indent = indents.get(indents.len() / 2).copied().unwrap_or(0);
        PageFacts {
            start,
            end,
            rule_body,
            whole_page: r.whole_page,
            header: r.header,
            prose_share: prose as f32 / total.max(1) as f32,
            page_chars_log: (total as f32).ln_1p(),
            prose_indent,
        }
    }
}

/// How many numbers [`block_features`] gives per block.
const FEATURES: usize = 40;

/// A block's class as four indicator numbers.
fn class_bits(c: Class) -> [f32; 4] {
    let mut out = [0.0; 4];
    out[c as usize] = 1.0;
    out
}

/// The numbers the block model reads for block `i`: its shape, its
/// neighbours' shape, where it stands against the densest run, and what
/// the rules decided for it.
fn block_features(bs: &[TBlock], i: usize, page: &PageFacts) -> [f32; FEATURES] {
    let b = &bs[i];
    let t = b.text.as_str();
    let visible = t.chars().filter(|c| !c.is_whitespace()).count().max(1) as f32;
    let letters = t.chars().filter(|c| c.is_alphabetic()).count() as f32;
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count() as f32;
    let words = b.words.max(1) as f32;
    let commas = t.matches(',').count() as f32;
    let titled = t
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count() as f32;
    let pipes = t.matches(['|', '>', '»', '·', '•']).count() as f32;
    let lower = t.to_lowercase();
    let linkish = ["www.", "http", "@", ".com", ".html"]
        .iter()
        .filter(|p| lower.contains(*p))
        .count() as f32;
    let sentences = t.matches(". ").count() as f32 + f32::from(u8::from(ends_sentence(t)));
    let n = bs.len().max(1) as f32;
    let dist = if i < page.start {
        (page.start - i) as f32
    } else if i >= page.end {
        (i + 1 - page.end) as f32
    } else {
        0.0
    };
    let side = if i < page.start {
        -1.0
    } else if i >= page.end {
        1.0
    } else {
        0.0
    };
    // Prose characters in a window of three blocks either side, against all
    // characters there.
    let lo = i.saturating_sub(3);
    let hi = (i + 4).min(bs.len());
    let (mut wp, mut wa) = (0usize, 0usize);
    for w in &bs[lo..hi] {
        wa += w.chars;
        if w.class == Class::Prose {
            wp += w.chars;
        }
    }
    let nb = |j: Option<usize>| -> [f32; 3] {
        match j.and_then(|j| bs.get(j)) {
            Some(o) => [
                f32::from(u8::from(o.class == Class::Prose)),
                f32::from(u8::from(o.class == Class::Boilerplate)),
                (o.chars as f32).ln_1p(),
            ],
            None => [0.0, 1.0, 0.0],
        }
    };
    let prev = nb(i.checked_sub(1));
    let next = nb(Some(i + 1));
    let rule = |j: Option<usize>| -> f32 {
        j.and_then(|j| page.rule_body.get(j))
            .map_or(0.0, |&k| f32::from(u8::from(k)))
    };
    let cls = class_bits(b.class);
    [
        (b.chars as f32).ln_1p(),
        (b.words as f32).ln_1p(),
        cls[0],
        cls[1],
        cls[2],
        cls[3],
        f32::from(u8::from(b.bullet)),
        (b.indent.min(80)) as f32,
        f32::from(u8::from(b.blank_before)),
        letters / visible,
        digits / visible,
        f32::from(u8::from(ends_sentence(t))),
        commas / words,
        titled / words,
        f32::from(u8::from(is_menu_item(b))),
        f32::from(u8::from(b.repeats.is_some())),
        f32::from(u8::from(b.figures)),
        f32::from(u8::from(i >= page.start && i < page.end)),
        i as f32 / n,
        dist.ln_1p(),
        side,
        rule(Some(i)),
        rule(i.checked_sub(1)),
        rule(Some(i + 1)),
        f32::from(u8::from(page.whole_page)),
        page.prose_share,
        page.page_chars_log,
        f32::from(u8::from(page.header.is_some_and(|h| i > h))),
        prev[0],
        prev[1],
        prev[2],
        next[0],
        next[1],
        next[2],
        wp as f32 / wa.max(1) as f32,
        letters / words,
        pipes / words,
        linkish,
        sentences,
        (b.indent as f32 - page.prose_indent as f32).clamp(-40.0, 40.0),
    ]
}

/// One JSON object per block of a dump: its text, whether the rules keep
/// it in the body, and its feature numbers (for `bench/text-bound`; not a
/// stable interface).
pub fn debug_features(text: &str) -> String {
    let r = run_dump(text, &Options::default());
    let page = PageFacts::new(&r);
    let mut out = String::new();
    for i in 0..r.blocks.len() {
        let row = serde_json::json!({
            "i": i,
            "text": r.blocks[i].text,
            "body": page.rule_body[i],
            "f": block_features(&r.blocks, i, &page).to_vec(),
        });
        out.push_str(&row.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_gets_one_row_of_numbers() {
        let dump = "Home | News | Sport | Contact\n\nThe council met on Tuesday and agreed, after a long debate, to keep the library open for another year.\n\nShare this\n";
        let rows: Vec<serde_json::Value> = debug_features(dump)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 3);
        for r in &rows {
            assert_eq!(r["f"].as_array().unwrap().len(), FEATURES);
        }
        // The rules' own decision is among the numbers and in "body".
        assert_eq!(rows[1]["body"], true);
        assert_eq!(rows[0]["body"], false);
    }
}
