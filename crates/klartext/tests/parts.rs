//! The parts of a news page around its body (issue 3): kicker, teaser,
//! dateline, agency, language and page type, one small page per rule.

use klartext::{extract, Document, Options};

const PROSE: &str = "The council met for four hours on Tuesday evening, and the \
    members argued about the budget, the schools and the new bus lines before \
    they finally agreed on a plan that pleases nobody entirely.";

fn page(head: &str, header: &str, body: &str, after: &str) -> String {
    format!(
        "<html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/a'>News</a></nav>\
         <article>{header}<div class='article-body'>{body}<p>{PROSE}</p><p>{PROSE}</p></div>\
         {after}</article><footer>© Example Times</footer></body></html>"
    )
}

fn run(html: &str) -> Document {
    extract(html.as_bytes(), &Options::default())
}

#[test]
fn kicker_inside_the_headline_leaves_the_title() {
    let doc = run(&page(
        "<title>Council: Budget passes at last</title>",
        "<h1><span class='headline-kicker'>Council</span> <span>Budget passes at last</span></h1>",
        "<p>City – The vote came late.</p>",
        "",
    ));
    assert_eq!(doc.kicker.as_deref(), Some("Council"));
    assert_eq!(doc.title.as_deref(), Some("Budget passes at last"));
}

#[test]
fn kicker_named_as_such_above_the_headline() {
    let doc = run(&page(
        "<title>Budget passes at last - Example Times</title>",
        "<div class='dachzeile'>Stadtrat</div><h1>Budget passes at last</h1>",
        "",
        "",
    ));
    assert_eq!(doc.kicker.as_deref(), Some("Stadtrat"));
    assert!(!doc.text.contains("Stadtrat"));
}

#[test]
fn kicker_confirmed_by_the_page_title() {
    // No class name says "kicker", but the <title> reads `Kicker: Headline`.
    let doc = run(&page(
        "<title>Long night in the town hall: Budget passes at last</title>",
        "<p class='top'>Long night in the town hall</p><h1>Budget passes at last</h1>",
        "",
        "",
    ));
    assert_eq!(doc.kicker.as_deref(), Some("Long night in the town hall"));
    // A date over the headline is not a kicker.
    let doc = run(&page(
        "<title>Budget passes at last</title>",
        "<div class='kicker'>12. März 2024</div><h1>Budget passes at last</h1>",
        "",
        "",
    ));
    assert_eq!(doc.kicker, None);
}

#[test]
fn teaser_is_named_and_opens_the_body_unless_asked_otherwise() {
    let html = page(
        "<title>Budget passes at last</title>",
        "<h1>Budget passes at last</h1>\
         <p class='article-lead'>After months of quarrels the council agreed on a budget that cuts bus lines and saves the schools.</p>",
        "",
        "",
    );
    let doc = run(&html);
    let teaser = doc.teaser.clone().expect("teaser");
    assert!(teaser.starts_with("After months of quarrels"));
    assert!(doc.text.starts_with("After months of quarrels"));
    let apart = extract(
        html.as_bytes(),
        &Options {
            teaser_in_body: Some(false),
            ..Default::default()
        },
    );
    assert_eq!(apart.teaser.as_deref(), Some(teaser.as_str()));
    assert!(!apart.text.contains("After months of quarrels"));
    assert!(apart.text.starts_with("The council met"));
}

#[test]
fn dateline_and_agency_leave_the_first_line() {
    let doc = run(&page(
        "<title>Budget passes at last</title>",
        "<h1>Budget passes at last</h1>",
        "<p>HAMBURG (dpa) – The city's budget passed on Tuesday night after a long debate in the council.</p>",
        "",
    ));
    assert_eq!(doc.dateline.as_deref(), Some("HAMBURG"));
    assert_eq!(doc.agency.as_deref(), Some("dpa"));
    assert!(
        doc.text.starts_with("The city's budget passed"),
        "{}",
        doc.text
    );
}

#[test]
fn dateline_set_apart_by_the_page() {
    // The separator is drawn by CSS, so the text runs `TokioRussland`.
    let doc = run(&page(
        "<title>Budget passes at last</title>",
        "<h1>Budget passes at last</h1>",
        "<p><span class='dateline'>Tokio</span>Russland hat nach Informationen einer Zeitung eingeladen, berichtete sie am Mittwoch.</p>",
        "",
    ));
    assert_eq!(doc.dateline.as_deref(), Some("Tokio"));
    assert!(doc.text.starts_with("Russland hat"), "{}", doc.text);
}

#[test]
fn a_sentence_with_a_dash_is_not_a_dateline() {
    let doc = run(&page(
        "<title>Budget passes at last</title>",
        "<h1>Budget passes at last</h1>",
        "<p>Angela Winter – the council's treasurer – said the budget was the hardest of her career.</p>",
        "",
    ));
    assert_eq!(doc.dateline, None);
    assert!(doc.text.starts_with("Angela Winter – the council's"));
}

#[test]
fn agency_credit_line_is_named_and_dropped() {
    let doc = run(&page(
        "<title>Budget passes at last</title>",
        "<h1>Budget passes at last</h1>",
        "",
        "<p class='source'>Quelle: dpa/Reuters</p>",
    ));
    assert_eq!(doc.agency.as_deref(), Some("dpa, Reuters"));
    assert!(!doc.text.contains("Quelle"));
}

#[test]
fn language_comes_from_the_text_not_the_declaration() {
    let de = "<p>Der Stadtrat hat am Dienstagabend nach vier Stunden Streit über die Schulen \
              und die neuen Buslinien endlich einen Haushalt beschlossen, der niemandem ganz gefällt.</p>";
    let html = format!(
        "<html lang='en'><head><title>Haushalt</title></head><body><article><h1>Haushalt beschlossen</h1>{de}{de}</article></body></html>"
    );
    assert_eq!(run(&html).lang.as_deref(), Some("de"));
}

#[test]
fn page_type_from_what_the_page_states_and_what_was_found() {
    let product = page(
        "<title>Kettle</title><script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"Kettle\"}</script>",
        "<h1>Kettle</h1>",
        "",
        "",
    );
    assert_eq!(run(&product).page_type.as_deref(), Some("product"));
    // A short page that states nothing is not called an article ...
    let short = page(
        "<title>Budget</title>",
        "<h1>Budget passes at last</h1>",
        "",
        "",
    );
    assert_eq!(run(&short).page_type.as_deref(), Some("other"));
    // ... unless OpenGraph says so, or its body is long.
    let og = page(
        "<title>Budget</title><meta property='og:type' content='article'>",
        "<h1>Budget passes at last</h1>",
        "",
        "",
    );
    assert_eq!(run(&og).page_type.as_deref(), Some("article"));
    let more = format!("<p>{PROSE}</p><p>{PROSE}</p>");
    let long = page(
        "<title>Budget</title>",
        "<h1>Budget passes at last</h1>",
        &more,
        "",
    );
    assert_eq!(run(&long).page_type.as_deref(), Some("article"));
}
