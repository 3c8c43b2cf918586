//! Generators of hostile inputs: pages built to break an extractor.
//!
//! Shared by the hostile-input tests (`tests/hostile.rs`) and the
//! measuring tool (`klartext-bench`'s `hostile` binary), so that the table
//! in the README measures exactly what the tests check. Every input is
//! generated here; none is stored.
#![allow(dead_code)]

/// How a generated input is fed to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `klartext::extract` (HTML bytes).
    Html,
    /// `klartext::extract_text_bytes` (a text dump).
    Text,
    /// A WARC file: read with `klartext_warc::Reader`, the HTML payload of
    /// every response record through `klartext::extract` ([`read_warc`]).
    Warc,
}

/// One hostile input: its name, how it is read, and its generator.
pub struct Hostile {
    pub name: &'static str,
    pub kind: Kind,
    pub what: &'static str,
    pub make: fn() -> Vec<u8>,
}

/// A paragraph of real prose, so the engine has an article to find.
pub const PROSE: &str = "The committee met on Tuesday to discuss the new budget, \
    and after a long debate the members agreed to postpone the vote until the \
    auditors had finished their report on last year's spending.";

/// Wrap `body` in a page with a title and an article paragraph before it.
pub fn page(body: &str) -> Vec<u8> {
    let mut s = String::with_capacity(body.len() + 512);
    s.push_str("<!doctype html><html><head><title>Hostile page</title></head><body>");
    s.push_str("<article><h1>Hostile page</h1><p>");
    s.push_str(PROSE);
    s.push_str("</p>");
    s.push_str(body);
    s.push_str("</article></body></html>");
    s.into_bytes()
}

pub const DEPTH: usize = 100_000;
pub const BIG_TEXT: usize = 50 * 1000 * 1000;
pub const ATTRS: usize = 1_000_000;
pub const CELLS: usize = 100_000;
pub const TINY_PARAGRAPHS: usize = 10_000;
pub const ENTITIES: usize = 2_000_000;
pub const LINES: usize = 1_000_000;
/// Records in the WARC file with lying `Content-Length`s.
pub const WARC_RECORDS: u64 = 1_000;
/// What a record that claims too much claims: 1 TiB.
pub const WARC_CLAIM_MORE: u64 = 1 << 40;
/// How many bytes fewer than its block a record that claims too little
/// claims.
pub const WARC_CLAIM_LESS: u64 = 100;

/// `<div>` nested 100,000 deep around a paragraph.
pub fn deep_divs() -> Vec<u8> {
    let mut b = String::with_capacity(DEPTH * 11 + 512);
    b.push_str(&"<div>".repeat(DEPTH));
    b.push_str("<p>");
    b.push_str(PROSE);
    b.push_str("</p>");
    b.push_str(&"</div>".repeat(DEPTH));
    page(&b)
}

/// Nesting just under the depth limit with 100,000 paragraphs at the
/// bottom: every walk from a node to its ancestors (or from an element
/// over its subtree) is 500 steps long here.
pub fn deep_and_wide() -> Vec<u8> {
    let levels = 500;
    let mut b = String::with_capacity(levels * 30 + 100_000 * 40);
    for i in 0..levels {
        b.push_str(&format!("<div class=\"c{}\">", i % 7));
    }
    for i in 0..100_000 {
        b.push_str(&format!("<p>Line {i}, with a comma.</p>"));
    }
    b.push_str(&"</div>".repeat(levels));
    page(&b)
}

/// One paragraph holding 400,000 nodes: text, `<br>` and links.
pub fn wide_element() -> Vec<u8> {
    let mut b = String::with_capacity(200_000 * 16);
    b.push_str("<p>");
    for i in 0..200_000 {
        b.push_str(if i % 2 == 0 {
            "x<br>"
        } else {
            "<a href=#>y</a>"
        });
    }
    b.push_str("</p>");
    page(&b)
}

/// The tree builder's own bomb: 400 formatting elements left open inside
/// a `<div>` are reopened (cloned) by every later paragraph, 100,000
/// times.
pub fn reopened_formatting() -> Vec<u8> {
    let mut b = String::from("<div>");
    for i in 0..400 {
        b.push_str(&format!(
            "<b class=\"b{i}\" id=\"b{i}\" title=\"formatting element {i}\">"
        ));
    }
    b.push_str("</div>");
    for i in 0..100_000 {
        b.push_str(&format!("<p>{i}</p>"));
    }
    page(&b)
}

/// Inline elements nested 100,000 deep, never closed (`<span><b><i>…`).
pub fn deep_inline() -> Vec<u8> {
    let tags = ["<span>", "<b>", "<i>", "<em>", "<a href=x>", "<font>"];
    let mut b = String::with_capacity(DEPTH * 8);
    for i in 0..DEPTH {
        b.push_str(tags[i % tags.len()]);
    }
    b.push_str(PROSE);
    page(&b)
}

/// A single text node of 50 MB (words with spaces, no markup).
pub fn huge_text_node() -> Vec<u8> {
    let word = "lorem ipsum dolor sit amet, ";
    let mut b = String::with_capacity(BIG_TEXT + word.len());
    while b.len() < BIG_TEXT {
        b.push_str(word);
    }
    page(&format!("<p>{b}</p>"))
}

/// One element with a million distinct attributes.
pub fn million_attributes() -> Vec<u8> {
    let mut b = String::with_capacity(ATTRS * 12);
    b.push_str("<div");
    for i in 0..ATTRS {
        b.push_str(&format!(" a{i}=v"));
    }
    b.push_str("><p>");
    b.push_str(PROSE);
    b.push_str("</p></div>");
    page(&b)
}

/// One element with a million copies of the same attribute.
pub fn duplicate_attributes() -> Vec<u8> {
    let mut b = String::with_capacity(ATTRS * 12);
    b.push_str("<div");
    for _ in 0..ATTRS {
        b.push_str(" class=x");
    }
    b.push_str("><p>");
    b.push_str(PROSE);
    b.push_str("</p></div>");
    page(&b)
}

/// A table of 100,000 cells (1,000 rows of 100).
pub fn big_table() -> Vec<u8> {
    let mut b = String::with_capacity(CELLS * 16);
    b.push_str("<table>");
    for r in 0..CELLS / 100 {
        b.push_str("<tr>");
        for c in 0..100 {
            b.push_str(&format!("<td>{r}.{c}</td>"));
        }
        b.push_str("</tr>");
    }
    b.push_str("</table>");
    page(&b)
}

/// 10,000 tiny paragraphs.
pub fn tiny_paragraphs() -> Vec<u8> {
    let mut b = String::with_capacity(TINY_PARAGRAPHS * 12);
    for i in 0..TINY_PARAGRAPHS {
        b.push_str(&format!("<p>w{i}</p>"));
    }
    page(&b)
}

/// Two million character references, named and numeric, some invalid.
pub fn entity_flood() -> Vec<u8> {
    let refs = [
        "&amp;",
        "&lt;",
        "&eacute;",
        "&#233;",
        "&#x1F600;",
        "&#0;",
        "&bogus;",
        "&#99999999999;",
        "&notin",
        "&",
    ];
    let mut b = String::with_capacity(ENTITIES * 7);
    b.push_str("<p>");
    for i in 0..ENTITIES {
        b.push_str(refs[i % refs.len()]);
        if i % 16 == 15 {
            b.push(' ');
        }
    }
    b.push_str("</p>");
    page(&b)
}

/// NUL bytes everywhere: in text, tag names, attribute names and values.
pub fn nul_bytes() -> Vec<u8> {
    let mut v =
        page("<p>\0 nul \0 text</p><di\0v cl\0ass=\"a\0b\">x\0y</div><!--\0--><script>\0</script>");
    for _ in 0..100_000 {
        v.extend_from_slice(b"\0\0<p\0>\0");
    }
    v
}

/// Bytes that are not UTF-8 and in no encoding at all (random, with
/// broken multi-byte sequences), in and around markup.
pub fn invalid_utf8() -> Vec<u8> {
    let mut v =
        b"<html><head><meta charset=utf-8><title>T\xff\xfe</title></head><body><p>".to_vec();
    v.extend_from_slice(PROSE.as_bytes());
    let mut x: u32 = 12345;
    for _ in 0..1_000_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let b = (x >> 16) as u8;
        // Stray continuation bytes, truncated sequences, overlongs, surrogates.
        v.push(match b % 8 {
            0 => 0x80,
            1 => 0xC0,
            2 => 0xED,
            3 => 0xF8,
            4 => b' ',
            _ => b | 0x80,
        });
    }
    v.extend_from_slice(b"</p></body></html>");
    v
}

/// A page in UTF-16LE without a byte order mark.
pub fn utf16_no_bom() -> Vec<u8> {
    let body = format!("<p>{PROSE}</p>").repeat(2_000);
    let html = String::from_utf8(page(&body)).unwrap_or_default();
    html.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// A page that declares shift_jis and holds UTF-8 and windows-1252 bytes.
pub fn lying_meta_charset() -> Vec<u8> {
    let mut v = b"<html><head><meta charset=\"shift_jis\"><title>Gr\xc3\xbc\xc3\x9fe</title></head><body><article><p>"
        .to_vec();
    for _ in 0..5_000 {
        v.extend_from_slice(PROSE.as_bytes());
        v.extend_from_slice(b" Stra\xdfe \xe9t\xe9 \xe2\x80\x94 ");
    }
    v.extend_from_slice(b"</p></article></body></html>");
    v
}

/// A `<script>` opened after the article and never closed: 10 MB of script.
pub fn unclosed_script() -> Vec<u8> {
    let mut v = page("");
    // Cut `</article></body></html>` and open the script there.
    v.truncate(v.len() - "</article></body></html>".len());
    v.extend_from_slice(b"<script>var a = '<p>not text</p>';");
    let line = b"x = x + 1; // </scrip </ script <!-- <script>\n";
    while v.len() < 10_000_000 {
        v.extend_from_slice(line);
    }
    v
}

/// Unclosed comments, CDATA and processing instructions, 1 MB each.
pub fn unclosed_comment() -> Vec<u8> {
    let mut v = page("");
    v.truncate(v.len() - "</article></body></html>".len());
    v.extend_from_slice(b"<!-- ");
    v.extend_from_slice(&b"-- > <p>not text</p> -".repeat(50_000));
    v
}

/// Text mode: a single line of 50 MB.
pub fn text_huge_line() -> Vec<u8> {
    let mut v = Vec::with_capacity(BIG_TEXT + 64);
    v.extend_from_slice(b"Hostile dump\n\n");
    while v.len() < BIG_TEXT {
        v.extend_from_slice(b"lorem ipsum dolor sit amet, ");
    }
    v
}

/// Text mode: a million blank lines around one paragraph.
pub fn text_blank_lines() -> Vec<u8> {
    let mut v = b"Hostile dump\n".to_vec();
    v.extend_from_slice(&b"\n".repeat(LINES / 2));
    v.extend_from_slice(PROSE.as_bytes());
    v.extend_from_slice(&b"\n \t\r\n".repeat(LINES / 2));
    v
}

/// Text mode: a million bullet lines.
pub fn text_bullets() -> Vec<u8> {
    let mut v = b"Hostile dump\n\n".to_vec();
    v.extend_from_slice(PROSE.as_bytes());
    v.extend_from_slice(b"\n\n");
    for i in 0..LINES {
        let bullet: &[u8] = match i % 3 {
            0 => "  • ".as_bytes(),
            1 => b"* ",
            _ => b"    - ",
        };
        v.extend_from_slice(bullet);
        v.extend_from_slice(format!("item {i}\n").as_bytes());
    }
    v
}

/// Text mode: a million very short lines without blank lines between them.
pub fn text_short_lines() -> Vec<u8> {
    let mut v = b"Hostile dump\n\n".to_vec();
    for i in 0..LINES {
        v.extend_from_slice(format!("w{i}\n").as_bytes());
    }
    v
}

/// Which lie record `n` of [`lying_content_length`] tells: `Some(true)`
/// claims 1 TiB, `Some(false)` 100 bytes less than it holds, `None` is
/// honest. One record in ten lies each way.
pub fn warc_lie(n: u64) -> Option<bool> {
    match n % 10 {
        3 => Some(true),
        7 => Some(false),
        _ => None,
    }
}

/// The page in WARC record `n`.
pub fn warc_page(n: u64) -> Vec<u8> {
    page(&format!("<p>Record number {n} of the crawl.</p>"))
}

/// A WARC.gz (one gzip member per record, as Common Crawl writes them) of
/// [`WARC_RECORDS`] HTML responses, a fifth of whose records lie about
/// their `Content-Length` ([`warc_lie`]): more bytes than the member holds
/// (1 TiB), or fewer.
pub fn lying_content_length() -> Vec<u8> {
    use klartext_warc::writer::{gzip, OutRecord};
    let mut out = Vec::new();
    for n in 0..WARC_RECORDS {
        let r = OutRecord::response(
            n,
            &format!("https://example.org/crawl/{n}"),
            200,
            &[("Content-Type", "text/html; charset=utf-8")],
            &warc_page(n),
        );
        let claim = match warc_lie(n) {
            Some(true) => Some(WARC_CLAIM_MORE),
            Some(false) => Some(r.block.len() as u64 - WARC_CLAIM_LESS),
            None => None,
        };
        out.extend_from_slice(&gzip(&r.to_bytes_with_length(claim)));
    }
    out
}

/// What reading a WARC file gave: each response record's ID with its
/// Document, and the damage reports.
pub struct WarcRead {
    pub documents: Vec<(String, klartext::Document)>,
    pub damaged: Vec<klartext_warc::Damage>,
}

/// Read a WARC file from memory as the `klartext warc` command does: every
/// record, the HTML payload of each response through `klartext::extract`.
pub fn read_warc(bytes: &[u8], options: &klartext::Options) -> WarcRead {
    use klartext_warc::http::{decode_body, parse_response};
    use klartext_warc::{Item, Reader, DEFAULT_MAX_BLOCK};
    let mut out = WarcRead {
        documents: Vec::new(),
        damaged: Vec::new(),
    };
    let reader = Reader::new(std::io::Cursor::new(bytes.to_vec()), DEFAULT_MAX_BLOCK)
        .expect("reading from memory cannot fail");
    for item in reader {
        match item.expect("reading from memory cannot fail") {
            Item::Damaged(d) => out.damaged.push(d),
            Item::Record(r) if r.warc_type() == "response" => {
                let Some(resp) = parse_response(&r.block) else {
                    continue;
                };
                let Ok((body, _)) = decode_body(&resp, &r.block, DEFAULT_MAX_BLOCK) else {
                    continue;
                };
                let id = r.record_id().unwrap_or_default().to_string();
                out.documents.push((id, klartext::extract(&body, options)));
            }
            Item::Record(_) => {}
        }
    }
    out
}

/// Every hostile input, in the order of the README table.
pub const ALL: &[Hostile] = &[
    Hostile {
        name: "deep-divs",
        kind: Kind::Html,
        what: "`<div>` nested 100,000 deep",
        make: deep_divs,
    },
    Hostile {
        name: "deep-inline",
        kind: Kind::Html,
        what: "inline tags nested 100,000 deep, unclosed",
        make: deep_inline,
    },
    Hostile {
        name: "deep-and-wide",
        kind: Kind::Html,
        what: "nesting 500 deep over 100,000 paragraphs",
        make: deep_and_wide,
    },
    Hostile {
        name: "wide-element",
        kind: Kind::Html,
        what: "one element with 400,000 child nodes",
        make: wide_element,
    },
    Hostile {
        name: "reopened-formatting",
        kind: Kind::Html,
        what: "400 open `<b>`s the parser reopens in 100,000 paragraphs",
        make: reopened_formatting,
    },
    Hostile {
        name: "huge-text-node",
        kind: Kind::Html,
        what: "one 50 MB text node",
        make: huge_text_node,
    },
    Hostile {
        name: "million-attributes",
        kind: Kind::Html,
        what: "an element with 1,000,000 attributes",
        make: million_attributes,
    },
    Hostile {
        name: "duplicate-attributes",
        kind: Kind::Html,
        what: "an element with 1,000,000 copies of one attribute",
        make: duplicate_attributes,
    },
    Hostile {
        name: "big-table",
        kind: Kind::Html,
        what: "a table of 100,000 cells",
        make: big_table,
    },
    Hostile {
        name: "tiny-paragraphs",
        kind: Kind::Html,
        what: "10,000 tiny paragraphs",
        make: tiny_paragraphs,
    },
    Hostile {
        name: "entity-flood",
        kind: Kind::Html,
        what: "2,000,000 character references",
        make: entity_flood,
    },
    Hostile {
        name: "nul-bytes",
        kind: Kind::Html,
        what: "NUL bytes in text, names and values",
        make: nul_bytes,
    },
    Hostile {
        name: "invalid-utf8",
        kind: Kind::Html,
        what: "1 MB of invalid UTF-8 under `charset=utf-8`",
        make: invalid_utf8,
    },
    Hostile {
        name: "utf16-no-bom",
        kind: Kind::Html,
        what: "UTF-16LE without a byte order mark",
        make: utf16_no_bom,
    },
    Hostile {
        name: "lying-meta-charset",
        kind: Kind::Html,
        what: "`<meta charset=shift_jis>` over UTF-8 and windows-1252",
        make: lying_meta_charset,
    },
    Hostile {
        name: "unclosed-script",
        kind: Kind::Html,
        what: "a `<script>` that never closes (10 MB)",
        make: unclosed_script,
    },
    Hostile {
        name: "unclosed-comment",
        kind: Kind::Html,
        what: "a comment that never closes (1 MB)",
        make: unclosed_comment,
    },
    Hostile {
        name: "text-huge-line",
        kind: Kind::Text,
        what: "text: one 50 MB line",
        make: text_huge_line,
    },
    Hostile {
        name: "text-blank-lines",
        kind: Kind::Text,
        what: "text: 1,000,000 blank lines",
        make: text_blank_lines,
    },
    Hostile {
        name: "text-bullets",
        kind: Kind::Text,
        what: "text: 1,000,000 bullet lines",
        make: text_bullets,
    },
    Hostile {
        name: "text-short-lines",
        kind: Kind::Text,
        what: "text: 1,000,000 one-word lines",
        make: text_short_lines,
    },
    Hostile {
        name: "warc-lying-content-length",
        kind: Kind::Warc,
        what: "a WARC.gz of 1,000 records, 200 with a lying `Content-Length` (1 TiB, or 100 bytes short)",
        make: lying_content_length,
    },
];
