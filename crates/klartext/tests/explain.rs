//! `explain` (issue 8): every block of a page with its label and the rule
//! that decided it, on a news page written for the purpose (kicker, byline,
//! teaser, dateline, cookie banner, navigation, related links, comments).

use klartext::{explain, explain_text, extract, Explanation, Label, Options};

const PAGE: &str = include_str!("fixtures/explain_news.html");

fn json() -> serde_json::Value {
    let e = explain(PAGE.as_bytes(), &Options::default());
    serde_json::from_str(&e.to_json()).expect("explain writes valid JSON")
}

/// The blocks of the JSON whose text starts with `start`.
fn blocks_starting<'a>(v: &'a serde_json::Value, start: &str) -> Vec<&'a serde_json::Value> {
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["text"].as_str().unwrap().starts_with(start))
        .collect()
}

fn one<'a>(v: &'a serde_json::Value, start: &str) -> &'a serde_json::Value {
    let found = blocks_starting(v, start);
    assert_eq!(found.len(), 1, "one block starting {start:?}: {found:?}");
    found[0]
}

#[test]
fn each_part_of_the_news_page_is_named() {
    let v = json();
    assert!(v["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("attempt precise: root `div.article-body`"));
    let k = one(&v, "Transport");
    assert_eq!(k["label"], "kicker");
    assert_eq!(k["rule"], "kicker-by-name");
    assert_eq!(k["in_body"], false);

    let t = one(&v, "Harbour council approves");
    assert_eq!(t["label"], "title");

    let by = one(&v, "By Maren Holt");
    assert_eq!(by["label"], "byline");

    let teaser = one(&v, "After two years of debate");
    assert_eq!(teaser["label"], "teaser");
    assert_eq!(teaser["rule"], "teaser-by-name");
    // In HTML the teaser also opens the body.
    assert_eq!(teaser["in_body"], true);

    // The dateline is cut from the first paragraph: two entries.
    let d = one(&v, "Riverside –");
    assert_eq!(d["label"], "dateline");
    assert_eq!(d["rule"], "dateline-by-name");
    let rest = one(&v, "The council voted 23 to 8");
    assert_eq!(rest["label"], "body");
    assert_eq!(rest["in_body"], true);

    let cookie = one(&v, "We use cookies");
    assert_eq!(cookie["label"], "boilerplate");
    assert_eq!(cookie["in_body"], false);
    let why = cookie["why"].as_str().unwrap();
    assert!(
        why.contains("cookie-banner") && why.contains("`cookie`"),
        "{why}"
    );

    for c in [
        "3 comments",
        "Finally! I have waited",
        "The fares are far too high",
    ] {
        let b = one(&v, c);
        assert_eq!(b["label"], "comment", "{c}");
        assert_eq!(b["rule"], "comment-section", "{c}");
    }

    let nav = one(&v, "Sport");
    assert_eq!(nav["label"], "boilerplate");
    assert!(nav["why"].as_str().unwrap().contains("<nav>"));

    let related = one(&v, "Bus fares rise again");
    assert_eq!(related["label"], "boilerplate");
    assert!(related["why"].as_str().unwrap().contains("`related`"));
}

#[test]
fn blocks_come_in_page_order_with_paths_and_features() {
    let v = json();
    let texts: Vec<&str> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    let pos = |s: &str| texts.iter().position(|t| t.starts_with(s)).unwrap();
    assert!(pos("We use cookies") < pos("Transport"));
    assert!(pos("Transport") < pos("Harbour council approves"));
    assert!(pos("Riverside –") < pos("The council voted"));
    assert!(pos("Critics on the council") < pos("3 comments"));
    let b = one(&v, "Commuters from the island");
    assert_eq!(b["rule"], "chosen-root");
    assert!(b["path"]
        .as_str()
        .unwrap()
        .ends_with("div.article-body > p"));
    assert!(b["chars"].as_u64().unwrap() > 100);
    assert_eq!(b["link_density"].as_f64(), Some(0.0));
    let nav = one(&v, "City");
    assert_eq!(nav["link_density"].as_f64(), Some(1.0));
}

#[test]
fn counts_match_the_blocks() {
    let e = explain(PAGE.as_bytes(), &Options::default());
    let total: usize = e.counts.iter().map(|c| c.blocks).sum();
    assert_eq!(total, e.blocks.len());
    let of = |l: Label| e.counts.iter().find(|c| c.label == l).unwrap().blocks;
    assert_eq!(of(Label::Kicker), 1);
    assert_eq!(of(Label::Teaser), 1);
    assert_eq!(of(Label::Dateline), 1);
    assert_eq!(of(Label::Comment), 5);
    assert_eq!(of(Label::Body), 5);
}

#[test]
fn the_document_is_what_extract_returns() {
    for options in [
        Options::default(),
        Options {
            teaser_in_body: Some(false),
            ..Default::default()
        },
    ] {
        let e = explain(PAGE.as_bytes(), &options);
        assert_eq!(e.document, extract(PAGE.as_bytes(), &options));
        // The body text in the explanation is the Document's body.
        let body: Vec<&str> = e
            .blocks
            .iter()
            .filter(|b| b.in_body)
            .map(|b| b.text.as_str())
            .collect();
        let doc: Vec<&str> = e.document.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(body, doc);
    }
}

#[test]
fn a_teaser_left_out_of_the_body_is_still_named() {
    let options = Options {
        teaser_in_body: Some(false),
        ..Default::default()
    };
    let e = explain(PAGE.as_bytes(), &options);
    let t = e
        .blocks
        .iter()
        .find(|b| b.text.starts_with("After two years"))
        .unwrap();
    assert_eq!(t.label, Label::Teaser);
    assert!(!t.in_body);
}

fn html_report() -> String {
    explain(PAGE.as_bytes(), &Options::default()).to_html("news <page>.html")
}

#[test]
fn the_report_escapes_page_text() {
    let html = html_report();
    assert!(!html.contains("<script"), "no script element, ever");
    assert!(html.contains("&lt;/li&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("news &lt;page&gt;.html"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    // A hostile class name or text cannot leave its attribute either.
    let hostile = "<html><body><div class='x\" onmouseover=\"alert(1)'><p>Text \
        \"quoted\" 'single' <b>&lt;img src=x onerror=alert(1)&gt;</b> and enough \
        words to be a paragraph, with a comma.</p></div>\u{0}</body></html>";
    let h = explain(hostile.as_bytes(), &Options::default()).to_html("h");
    assert!(!h.contains("<img") && !h.contains("\" onmouseover"));
    assert!(!h.contains('\u{0}'));
}

#[test]
fn the_report_shows_labels_rules_legend_and_document() {
    let html = html_report();
    for l in Label::ALL {
        assert!(
            html.contains(&format!("data-label=\"{}\"", l.name())),
            "{l:?}"
        );
    }
    assert!(html.contains("id=\"legend\"") && html.contains("id=\"document\""));
    assert!(html.contains("data-rule=\"kicker-by-name\""));
    assert!(html.contains("title=\"kicker · named · rule kicker-by-name"));
    assert!(html.contains("data-field=\"dateline\">Riverside<"));
    let kept = html.matches("data-kept=\"true\"").count();
    assert_eq!(kept, 6, "teaser and five body blocks");
}

#[test]
fn explain_never_panics_on_odd_input() {
    for page in [
        "",
        "<",
        "<html><body></body></html>",
        "<h1>Only a heading</h1>",
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\
         \"articleBody\":\"A body from JSON-LD that is long enough to be taken as the article, \
         with a comma, and more words to pass the rescue threshold easily.\\nSecond paragraph \
         of the body, again long enough to count for the rule that takes it.\"}</script></head>\
         <body><p>x</p></body></html>",
    ] {
        let e = explain(page.as_bytes(), &Options::default());
        assert_eq!(e.document, extract(page.as_bytes(), &Options::default()));
        let _ = e.to_html("odd");
        let _: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    }
}

#[test]
fn text_dumps_are_explained_too() {
    let dump = "Home | News | Sport\n\nTransport\nHarbour council approves the new ferry line\n\n\
        After two years of debate, the ferry between the old harbour and the island will run \
        every half hour from June, the council decided.\n\n14.03.2024 | 08:30\n\n\
        Riverside (dpa) - The council voted 23 to 8 for the plan, which the transport office \
        had drawn up with the island's ferry cooperative, and which sets fares and timetable.\n\n\
        Commuters from the island have asked for a faster crossing for years, and the old boat \
        has broken down three times since the autumn, leaving people on the pier.\n\n\
        Critics said the fares were too high for students and pensioners, and a motion to \
        halve them failed by two votes; the mayor promised to look at it again.\n\n\
        Comments\n\n\
        * Finally! I have waited for this ferry since I moved to the island.\n\
        * The fares are far too high for a family of four.\n";
    let e: Explanation = explain_text(dump.as_bytes(), &Options::default());
    assert_eq!(e.input, "text");
    assert_eq!(
        e.document,
        klartext::extract_text_bytes(dump.as_bytes(), &Options::default())
    );
    let label_of = |s: &str| {
        e.blocks
            .iter()
            .find(|b| b.text.starts_with(s))
            .unwrap_or_else(|| panic!("{s}"))
            .label
    };
    assert_eq!(label_of("Harbour council"), Label::Title);
    assert_eq!(label_of("Transport"), Label::Kicker);
    assert_eq!(label_of("After two years"), Label::Teaser);
    assert_eq!(label_of("Riverside (dpa)"), Label::Dateline);
    assert_eq!(label_of("The council voted"), Label::Body);
    assert_eq!(label_of("Comments"), Label::Comment);
    assert_eq!(label_of("Finally!"), Label::Comment);
    assert_eq!(label_of("Home | News"), Label::Boilerplate);
    assert_eq!(label_of("14.03.2024"), Label::Boilerplate);
    assert_eq!(e.document.comments.len(), 0, "comments only when asked for");
}

const PROSE: &str = "The council met for four hours on Tuesday evening, and the members \
    argued about the budget, the schools and the new bus lines before they agreed on a plan.";

#[test]
fn a_kicker_inside_the_headline_is_split_from_the_title() {
    let html = format!(
        "<html><head><title>Council: Budget passes at last</title></head><body><article>\
         <h1><span class='headline-kicker'>Council</span> <span>Budget passes at last</span></h1>\
         <div class='article-body'><p>{PROSE}</p><p>{PROSE}</p></div></article></body></html>"
    );
    let e = explain(html.as_bytes(), &Options::default());
    let k = e.blocks.iter().find(|b| b.label == Label::Kicker).unwrap();
    assert_eq!(
        (k.text.as_str(), k.rule.as_str()),
        ("Council", "kicker-in-headline")
    );
    let t = e.blocks.iter().find(|b| b.label == Label::Title).unwrap();
    assert_eq!(t.text, "Budget passes at last");
}

#[test]
fn a_cleaning_rule_inside_the_root_is_named_with_its_box() {
    let links: String = (0..3)
        .map(|i| format!("<li><a href='/s{i}'>Another story number {i}</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div class='story'><h1>Budget passes</h1><p>{PROSE}</p><p>{PROSE}</p>\
         <div class='more-box'><p>Read on:</p><ul>{links}</ul></div><p>{PROSE}</p></div>\
         </body></html>"
    );
    let e = explain(html.as_bytes(), &Options::default());
    let b = e
        .blocks
        .iter()
        .find(|b| b.text == "Another story number 2")
        .unwrap();
    assert_eq!(b.label, Label::Boilerplate);
    assert_eq!(b.rule, "link-heavy-box");
    assert!(b.why.contains("div.more-box"), "{}", b.why);
    assert!(
        e.notes.iter().any(|n| n.contains("div.story")),
        "{:?}",
        e.notes
    );
}
