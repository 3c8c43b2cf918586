//! The `authors` field, one test per rule of `authors.rs`, each on a small
//! page written for it. A test fails when its rule stops working.

use klartext::{extract_str, Options};

fn authors_of(html: &str) -> Vec<String> {
    extract_str(html, &Options::default()).authors
}

/// A news page: `head` goes into `<head>`, `byline` right under the
/// headline, `after` under the article (comment sections, author boxes).
fn page(head: &str, byline: &str, after: &str) -> String {
    format!(
        "<html><head><title>Council approves the new bridge - Daily Example</title>\
         <meta property=\"og:site_name\" content=\"Daily Example\">{head}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Council approves the new bridge</h1>{byline}\
         <p>The council voted on Tuesday evening to build a new bridge over the river, \
         ending a debate that had lasted for more than ten years and split the town.</p>\
         <p>Work is expected to begin next spring, and the bridge should open to traffic, \
         cyclists and pedestrians two years later, if the budget holds.</p></article>\
         {after}</body></html>"
    )
}

#[test]
fn json_ld_person_is_an_author_and_organization_is_not() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@type":"NewsArticle","headline":"Council approves the new bridge",
        "author":[{"@type":"Person","name":"Jane Roe"},
                  {"@type":"Organization","name":"Example Wire Service"}]}</script>"#;
    assert_eq!(authors_of(&page(head, "", "")), vec!["Jane Roe"]);
}

#[test]
fn json_ld_author_reference_is_resolved_in_the_graph() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@graph":[{"@type":"Article","headline":"Council approves the new bridge",
                   "author":{"@id":"https://example.org/#/person/1"}},
                  {"@type":"Person","@id":"https://example.org/#/person/1","name":"Ravi Patel"}]}
        </script>"#;
    assert_eq!(authors_of(&page(head, "", "")), vec!["Ravi Patel"]);
}

#[test]
fn meta_author_is_read_when_the_page_shows_no_byline() {
    let head = r#"<meta name="author" content="Max Mustermann">"#;
    assert_eq!(authors_of(&page(head, "", "")), vec!["Max Mustermann"]);
}

#[test]
fn meta_author_that_is_a_url_or_the_site_is_not_a_name() {
    let head = r#"<meta property="article:author" content="https://www.facebook.com/example">
        <meta name="author" content="Daily Example">"#;
    assert!(authors_of(&page(head, "", "")).is_empty());
}

#[test]
fn english_byline_with_two_names_is_split() {
    let byline = r#"<div class="meta"><span>By Jane Doe and John Smith</span></div>"#;
    assert_eq!(
        authors_of(&page("", byline, "")),
        vec!["Jane Doe", "John Smith"]
    );
}

#[test]
fn german_byline_with_von_and_und_is_split() {
    let byline = r#"<p class="autor">Von Anna Beispiel und Karl Walter von Aachen</p>"#;
    assert_eq!(
        authors_of(&page("", byline, "")),
        vec!["Anna Beispiel", "Karl Walter von Aachen"]
    );
}

#[test]
fn french_byline_with_par_and_a_link() {
    let byline = r#"<p>Par <a href="/auteur/loic-le-clerc">Loïc Le Clerc</a></p>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Loïc Le Clerc"]);
}

#[test]
fn role_and_date_are_stripped_from_the_byline() {
    let byline = r#"<div class="byline">By Jane Doe, Staff Writer | March 3, 2024</div>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Jane Doe"]);
    let byline =
        r#"<div class="author-line">Von Anna Beispiel, Redakteurin, 12.03.2024, 14:30 Uhr</div>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Anna Beispiel"]);
}

#[test]
fn affiliation_after_a_name_is_dropped() {
    let byline = r#"<span class="byline">By Heidi Parker For Dailymail.com</span>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Heidi Parker"]);
}

#[test]
fn agency_is_not_an_author() {
    let byline = r#"<p class="byline">Von Anna Beispiel und dpa</p>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Anna Beispiel"]);
    let head = r#"<meta name="author" content="Reuters">"#;
    assert!(authors_of(&page(head, "", "")).is_empty());
}

#[test]
fn desk_and_account_names_are_not_authors() {
    let head = r#"<meta name="author" content="admin">"#;
    assert!(authors_of(&page(head, "", "")).is_empty());
    let byline = r#"<span class="author">Redaktion</span>"#;
    assert!(authors_of(&page("", byline, "")).is_empty());
}

#[test]
fn microdata_author_name_is_read() {
    let byline = r#"<div itemprop="author" itemscope itemtype="https://schema.org/Person">
        Written by <span itemprop="name">Amy Wilhelm</span>
        <span itemprop="jobTitle">Senior Editor</span></div>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Amy Wilhelm"]);
}

#[test]
fn rel_author_link_is_read_across_inline_edges() {
    // The last letter set apart for styling is no word break.
    let byline =
        r#"<p>by <a rel="author" href="/about">Will Knigh<span class="x">t</span></a></p>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["Will Knight"]);
}

#[test]
fn commenter_names_are_never_authors() {
    let comments = r#"<section id="comments"><h2>3 comments</h2>
        <div class="comment"><span class="comment-author">By Peter Parker</span>
        <p>Great news for the town, finally.</p></div>
        <div class="comment"><span class="comment-author vcard"><a rel="author" href="/u/mary">Mary Jane</a></span>
        <p>About time.</p></div></section>"#;
    assert!(authors_of(&page("", "", comments)).is_empty());
    let byline = r#"<span class="byline">By Jane Doe</span>"#;
    assert_eq!(authors_of(&page("", byline, comments)), vec!["Jane Doe"]);
}

#[test]
fn visible_byline_beats_stale_metadata() {
    let head = r#"<meta name="author" content="Karl Stale">"#;
    let byline = r#"<div class="article-byline">By Maria Garcia</div>"#;
    assert_eq!(authors_of(&page(head, byline, "")), vec!["Maria Garcia"]);
}

#[test]
fn metadata_completes_a_byline_that_shows_one_name() {
    let head = r#"<meta name="author" content="Benjamin Lee"><meta name="author" content="Pádraig Collins">"#;
    let byline =
        r#"<p class="byline"><a rel="author" href="/profile/benjamin-lee">Benjamin Lee</a></p>"#;
    assert_eq!(
        authors_of(&page(head, byline, "")),
        vec!["Benjamin Lee", "Pádraig Collins"]
    );
}

#[test]
fn picture_credit_is_not_a_byline() {
    let byline = r#"<figure><img src="a.jpg"><figcaption class="author">Foto: Hans Fotograf</figcaption></figure>"#;
    assert!(authors_of(&page("", byline, "")).is_empty());
}

#[test]
fn co_author_links_are_one_byline() {
    let byline = r#"<div class="meta"><a href="/authors/adrien-ramirez">Adrien Ramirez</a>,
        <a href="/authors/joanna-nelius">Joanna Nelius</a></div>"#;
    assert_eq!(
        authors_of(&page("", byline, "")),
        vec!["Adrien Ramirez", "Joanna Nelius"]
    );
}

#[test]
fn month_names_inside_names_are_names_and_dates_are_not() {
    let byline = r#"<p class="byline">By April Fulton and Laura June Topolsky, June 3, 2024</p>"#;
    assert_eq!(
        authors_of(&page("", byline, "")),
        vec!["April Fulton", "Laura June Topolsky"]
    );
}

#[test]
fn one_word_handle_in_an_author_field_is_kept_but_a_lead_is_not() {
    let byline = r#"<p class="meta"><span class="posted">Posted</span> by <span class="author vcard">delta201</span></p>"#;
    assert_eq!(authors_of(&page("", byline, "")), vec!["delta201"]);
}

#[test]
fn a_name_stated_twice_is_listed_once() {
    let html = "<html><head><title>Pilot ordered</title>\
        <meta name=\"author\" content=\"Nora Lind\"><meta name=\"author\" content=\"Nora Lind\">\
        </head><body><article><h1>Pilot ordered</h1><p>The network ordered the pilot on Friday, \
        after a long week of talks with the studio, the writers and the two leads.</p></article></body></html>";
    let doc = klartext::extract(html.as_bytes(), &klartext::Options::default());
    assert_eq!(doc.authors, vec!["Nora Lind".to_string()]);
}

#[test]
fn long_lead_words_before_von_are_read() {
    // The two-word leads ("Geschrieben von", "Veröffentlicht von") in a
    // plain paragraph under the headline, with no class to name them. The
    // longest, `Veröffentlicht` (15 bytes), must fit the first-word buffer.
    for lead in ["Geschrieben", "Veröffentlicht"] {
        let byline = format!("<p>{lead} von Katrin Albers</p>");
        assert_eq!(
            authors_of(&page("", &byline, "")),
            vec!["Katrin Albers"],
            "{lead}"
        );
    }
}
