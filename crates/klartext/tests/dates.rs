//! The article's dates: one page per rule of `dates.rs`, written for these
//! tests.

use klartext::{extract, Options};

const BODY: &str = "<p>The council met on a grey morning to talk about the new bridge, \
    the cost of steel, and the long wait for the river crossing that the town has \
    wanted for years. Members spoke at length, and the vote was close.</p>\
    <p>Work will start next spring, the mayor said, if the money arrives in time, \
    and the old ferry will run until the bridge is open to traffic.</p>";

/// A page with `head` in its `<head>` and `before`/`after` around the body,
/// under an `h1` headline.
fn page(head: &str, before: &str, after: &str) -> String {
    format!(
        "<html><head><title>Bridge vote - Town News</title>{head}</head><body>\
         <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
         <article><h1>Bridge vote</h1>{before}{BODY}{after}</article>\
         <footer><p>© 2019 Town News. All rights reserved.</p></footer></body></html>"
    )
}

fn options() -> Options {
    Options {
        reference_date: Some("2024-06-30".to_string()),
        ..Default::default()
    }
}

fn published(html: &str, options: &Options) -> Option<String> {
    extract(html.as_bytes(), options)
        .published
        .map(|d| d.chars().take(10).collect())
}

#[test]
fn json_ld_graph_gives_the_article_date() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@graph":[{"@type":"WebSite","name":"Town News"},
        {"@type":"NewsArticle","headline":"Bridge vote",
         "datePublished":"2023-03-24T08:00:00+01:00","dateModified":"2023-03-25T10:00:00+01:00",
         "comment":[{"@type":"Comment","dateCreated":"2023-03-20T10:00:00+01:00"}]}]}</script>"#;
    let doc = extract(page(head, "", "").as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2023-03-24T08:00:00+01:00"));
    assert_eq!(doc.modified.as_deref(), Some("2023-03-25T10:00:00+01:00"));
}

#[test]
fn broken_json_ld_still_gives_its_date() {
    let head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
        \"datePublished\":\"2022-02-02T11:14:00+01:00\",}</script>";
    assert_eq!(
        published(&page(head, "", ""), &options()).as_deref(),
        Some("2022-02-02")
    );
}

#[test]
fn meta_tags_give_published_and_modified() {
    let head = r#"<meta property="article:published_time" content="2021-11-04T09:00:00Z">
        <meta property="article:modified_time" content="2021-11-05T12:00:00Z">"#;
    let doc = extract(page(head, "", "").as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2021-11-04T09:00:00Z"));
    assert_eq!(doc.modified.as_deref(), Some("2021-11-05T12:00:00Z"));
}

#[test]
fn dublin_core_meta_name_counts() {
    let head = r#"<meta name="DC.date.issued" content="2020-02-17">"#;
    assert_eq!(
        published(&page(head, "", ""), &options()).as_deref(),
        Some("2020-02-17")
    );
}

#[test]
fn microdata_date_published() {
    let before =
        r#"<p class="byline">By Ann <meta itemprop="datePublished" content="2019-05-06"></p>"#;
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2019-05-06")
    );
}

#[test]
fn time_element_by_the_headline() {
    let before =
        r#"<div class="byline"><time datetime="2022-01-26T14:35:56+01:00">26.01.2022</time></div>"#;
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2022-01-26")
    );
}

#[test]
fn visible_german_date() {
    let before = "<p class=\"meta\">Von Anna Berg | 24. März 2023, 10:15 Uhr</p>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2023-03-24")
    );
}

#[test]
fn visible_french_date() {
    let before = "<p>Publié le 3 mars 2023 à 18h00</p>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2023-03-03")
    );
}

#[test]
fn visible_english_date() {
    let before = "<div class=\"post-meta\">Posted on March 24th, 2023 by Jane Doe</div>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2023-03-24")
    );
}

#[test]
fn visible_numeric_dates() {
    let day_first = "<span class=\"date\">24/03/2023</span>";
    assert_eq!(
        published(&page("", day_first, ""), &options()).as_deref(),
        Some("2023-03-24")
    );
    let iso = "<span class=\"date\">2023-03-24</span>";
    assert_eq!(
        published(&page("", iso, ""), &options()).as_deref(),
        Some("2023-03-24")
    );
}

#[test]
fn url_date_when_the_page_has_none() {
    let options = Options {
        url: Some("https://example.com/news/2023/03/24/bridge-vote/".to_string()),
        ..options()
    };
    assert_eq!(
        published(&page("", "", ""), &options).as_deref(),
        Some("2023-03-24")
    );
    // The canonical URL serves as well.
    let head = r#"<link rel="canonical" href="https://example.com/2021-07-09-bridge-vote">"#;
    assert_eq!(
        published(&page(head, "", ""), &self::options()).as_deref(),
        Some("2021-07-09")
    );
}

#[test]
fn no_date_after_the_reference_date() {
    let head = r#"<meta property="article:published_time" content="2024-08-01T09:00:00Z">"#;
    assert_eq!(published(&page(head, "", ""), &options()), None);
    let later = Options {
        reference_date: Some("2024-12-31".to_string()),
        ..Default::default()
    };
    assert_eq!(
        published(&page(head, "", ""), &later).as_deref(),
        Some("2024-08-01")
    );
}

#[test]
fn no_implausible_year() {
    let head = r#"<meta name="date" content="1984-01-01">"#;
    assert_eq!(published(&page(head, "", ""), &options()), None);
}

#[test]
fn copyright_year_is_never_a_date() {
    // The page's footer says © 2019 (see `page`); a copyright line with a
    // full date by the article is no publication date either.
    let after = "<p class=\"small\">Copyright 01.01.2020 Town News</p>";
    assert_eq!(published(&page("", "", after), &options()), None);
}

#[test]
fn comment_dates_are_ignored() {
    let after = "<section class=\"comments\"><div class=\"comment\">\
        <time datetime=\"2023-04-02\">2 April 2023</time><p>Great news!</p></div></section>";
    assert_eq!(published(&page("", "", after), &options()), None);
    let head = r#"<meta property="article:published_time" content="2023-03-24">"#;
    assert_eq!(
        published(&page(head, "", after), &options()).as_deref(),
        Some("2023-03-24")
    );
}

#[test]
fn related_article_dates_are_ignored() {
    let after = "<div class=\"related-articles\"><ul>\
        <li><a href='/a'>Ferry timetable</a> <span class=\"date\">12.01.2023</span></li>\
        <li><a href='/b'>New school</a> <span class=\"date\">13.01.2023</span></li></ul></div>";
    assert_eq!(published(&page("", "", after), &options()), None);
}

#[test]
fn repeated_date_elements_are_a_list() {
    let list: String = (10..14)
        .map(|d| format!("<div><a href='/{d}'>Story {d}</a><span class=\"post-date\">{d}.01.2023</span></div>"))
        .collect();
    let head = r#"<meta property="article:published_time" content="2023-02-01">"#;
    assert_eq!(
        published(&page(head, "", &list), &options()).as_deref(),
        Some("2023-02-01")
    );
}

#[test]
fn the_byline_beats_stale_metadata() {
    let head = r#"<meta property="article:published_time" content="2020-05-02T02:54:00Z">"#;
    let before = "<p class=\"byline\">By Jane Doe, May 1, 2020</p>";
    assert_eq!(
        published(&page(head, before, ""), &options()).as_deref(),
        Some("2020-05-01")
    );
}

#[test]
fn the_url_beats_metadata_that_disagrees() {
    let head = r#"<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">
        <link rel="canonical" href="https://example.com/home/2017/7/12/bridge-vote">"#;
    assert_eq!(
        published(&page(head, "", ""), &options()).as_deref(),
        Some("2017-07-12")
    );
}

#[test]
fn an_update_line_is_the_modified_date() {
    let before = "<p class=\"dateline\">Published 3 March 2023, updated 5 March 2023</p>";
    let doc = extract(page("", before, "").as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2023-03-03"));
    assert_eq!(doc.modified.as_deref(), Some("2023-03-05"));
}

#[test]
fn without_a_reference_date_today_caps() {
    let head = r#"<meta property="article:published_time" content="2999-01-01">"#;
    assert_eq!(published(&page(head, "", ""), &Options::default()), None);
}

#[test]
fn a_byline_the_page_calls_an_update_keeps_the_original_date() {
    let head = r#"<meta property="article:published_time" content="2022-07-21T10:36:48Z">"#;
    let before = "<p class=\"updated\">Updated August 29, 2023</p>";
    let doc = extract(page(head, before, "").as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2022-07-21T10:36:48Z"));
    assert_eq!(doc.modified.as_deref(), Some("2023-08-29"));
}

#[test]
fn a_thread_is_dated_by_its_first_post() {
    let posts: String = [("2024-03-11", "First"), ("2024-03-12", "Second"), ("2024-03-13", "Third")]
        .iter()
        .map(|(d, who)| {
            format!(
                "<div class=\"post\"><p class=\"author\">{who} poster</p><time datetime=\"{d}T10:00:00Z\">{d}</time>\
                 <p>A reply about the bridge and the ferry, long enough to read as a post, with a comma.</p></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Bridge thread</title></head><body><h1>Bridge thread</h1>{posts}</body></html>"
    );
    assert_eq!(published(&html, &options()).as_deref(), Some("2024-03-11"));
}

#[test]
fn only_an_update_date_serves_as_the_date() {
    let before = "<p class=\"last-updated\">Last updated: 9 July 2023</p>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2023-07-09")
    );
}

/// A page whose only dates stand after the article, in `tail` (a footer or
/// a side column), beyond the text read near the headline.
fn page_with_tail(tail: &str) -> String {
    format!(
        "<html><head><title>Bridge vote</title></head><body>\
         <article><h1>Bridge vote</h1>{BODY}{BODY}{BODY}{BODY}</article>{tail}</body></html>"
    )
}

#[test]
fn a_labelled_date_line_in_the_footer_is_a_last_resort() {
    let footer = "<footer><p>Letzte Änderung: 31.10.2023 - 14:49:39</p>\
        <p>Erschienen am: 01.11.2023</p><p>© 2023 Town News</p></footer>";
    let doc = extract(page_with_tail(footer).as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2023-11-01"));
    assert_eq!(
        doc.modified.as_deref(),
        None,
        "earlier than the publication"
    );
    // The same line after a post, with the label around the date.
    let footer = "<div class=\"post-footer\">Dieser Artikel wurde am 14. Dezember 2015 \
        um 14:48 von <a href='/a'>Jane</a> veröffentlicht.</div>";
    assert_eq!(
        published(&page_with_tail(footer), &options()).as_deref(),
        Some("2015-12-14")
    );
    // An unlabelled date there says nothing.
    let footer = "<footer><p>01.11.2023</p></footer>";
    assert_eq!(published(&page_with_tail(footer), &options()), None);
}

#[test]
fn a_label_in_the_element_before_the_date_counts() {
    let aside = "<aside class=\"sidebar\"><dl><dt>Datum</dt> <dd>12.01.2017</dd>\
        <dt>Kategorie</dt><dd>CAD</dd></dl></aside>";
    assert_eq!(
        published(&page_with_tail(aside), &options()).as_deref(),
        Some("2017-01-12")
    );
    let aside = "<aside class=\"sidebar\"><dl><dt>Preis</dt> <dd>12.01.2017</dd></dl></aside>";
    assert_eq!(published(&page_with_tail(aside), &options()), None);
}

#[test]
fn a_page_revision_line_dates_a_page_without_other_dates() {
    let footer = "<footer><p class=\"print\">[Stand: 09.10.2017, 01:40 Uhr]</p></footer>";
    let doc = extract(page_with_tail(footer).as_bytes(), &options());
    assert_eq!(doc.published.as_deref(), Some("2017-10-09"));
    assert_eq!(doc.modified.as_deref(), Some("2017-10-09"));
    // Any stated date wins over it.
    let html = page_with_tail(footer).replace(
        "</head>",
        "<meta property=\"article:published_time\" content=\"2017-03-24\"></head>",
    );
    assert_eq!(published(&html, &options()).as_deref(), Some("2017-03-24"));
}

#[test]
fn labelled_dates_in_comments_are_ignored() {
    let comments = "<section class=\"comments\"><div class=\"comment\">\
        <p>Veröffentlicht am 02.04.2023</p><p>Great news!</p></div></section>";
    assert_eq!(published(&page_with_tail(comments), &options()), None);
}

#[test]
fn day_first_dates_in_urls() {
    for (url, want) in [
        (
            "https://example.org/meldungen/29-10-2021",
            Some("2021-10-29"),
        ),
        (
            "https://example.org/presse/detail/~02-01-2022-land-zahlte-rund",
            Some("2022-01-02"),
        ),
        ("https://example.org/item/1-02-03-2021", None),
        ("https://example.org/2021-10-29/", Some("2021-10-29")),
    ] {
        let options = Options {
            url: Some(url.to_string()),
            ..options()
        };
        assert_eq!(
            published(&page("", "", ""), &options).as_deref(),
            want,
            "{url}"
        );
    }
}

#[test]
fn itemprop_date_update_is_a_revision_date() {
    let head = r#"<meta itemprop="dateUpdate" content="2020-02-14 10:47:36">"#;
    let doc = extract(page(head, "", "").as_bytes(), &options());
    assert_eq!(doc.modified.as_deref(), Some("2020-02-14 10:47:36"));
    assert_eq!(
        doc.published.as_deref().map(|d| &d[..10]),
        Some("2020-02-14")
    );
}

#[test]
fn arabic_month_names() {
    let before = "<p>الأربعاء، 07 أكتوبر 2020 - 12:09 م</p>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2020-10-07")
    );
    // Levantine pages name the month twice.
    let before = "<p>تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً</p>";
    assert_eq!(
        published(&page("", before, ""), &options()).as_deref(),
        Some("2020-04-24")
    );
}

#[test]
fn british_english_reads_numeric_dates_day_first() {
    let before = "<p class=\"date\">02/10/2020</p>";
    let html = page("", before, "");
    let gb = html.replacen("<html>", "<html lang=\"en-GB\">", 1);
    assert_eq!(published(&gb, &options()).as_deref(), Some("2020-10-02"));
    let us = html.replacen("<html>", "<html lang=\"en-US\">", 1);
    assert_eq!(published(&us, &options()).as_deref(), Some("2020-02-10"));
}

#[test]
fn url_and_metadata_that_agree_beat_a_date_in_the_text() {
    let head = r#"<meta property="article:published_time" content="2015-12-12T05:00:37+00:00">"#;
    let before = "<p>Seit dem 28.12.2012 gilt das Gesetz.</p>";
    let with_url = Options {
        url: Some("https://example.com/2015/12/12/gesetz/".to_string()),
        ..options()
    };
    assert_eq!(
        published(&page(head, before, ""), &with_url).as_deref(),
        Some("2015-12-12")
    );
    // Without the URL the shown date stands (rule `byline-beats-metadata`).
    assert_eq!(
        published(&page(head, before, ""), &options()).as_deref(),
        Some("2012-12-28")
    );
}

#[test]
fn script_data_dates_a_page_without_other_dates() {
    let tail = r#"<script type="application/json">{"review":{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05T20:39:47Z"}}</script>"#;
    assert_eq!(
        published(&page_with_tail(tail), &options()).as_deref(),
        Some("2016-11-04")
    );
    // Escaped JSON inside a script string.
    let tail = r#"<script>window.state = "{\"title\":\"x\",\"published_at\":\"2019-03-02T06:22:28+01:00\"}";</script>"#;
    assert_eq!(
        published(&page_with_tail(tail), &options()).as_deref(),
        Some("2019-03-02")
    );
    // A publication name beats a creation name wherever it stands.
    let tail = r#"<script>var a = {"createdAt":"2018-01-01T10:00:00Z","publishDate":"2018-02-02"};</script>"#;
    assert_eq!(
        published(&page_with_tail(tail), &options()).as_deref(),
        Some("2018-02-02")
    );
    // A variable, not a data key.
    let tail = r#"<script>var publishDate = "2018-02-02";</script>"#;
    assert_eq!(published(&page_with_tail(tail), &options()), None);
    // Any date the page states elsewhere wins.
    let tail = r#"<footer><p>Erschienen am: 01.11.2023</p></footer><script>{"publishedDate":"2016-11-04"}</script>"#;
    assert_eq!(
        published(&page_with_tail(tail), &options()).as_deref(),
        Some("2023-11-01")
    );
}

#[test]
fn a_date_in_a_navigation_box_right_under_the_headline_is_the_byline() {
    let html = format!(
        "<html><head><title>Bridge vote</title></head><body>\
         <article><h1>Bridge vote</h1><nav><ul class=\"nav meta\">\
         <li><a href=\"/time/2020-10-13\">13 Oct 2020 18:29</a></li>\
         <li><a href=\"/politics\">Politics</a></li></ul></nav>{BODY}</article>\
         <nav><ul class=\"nav meta\"><li><a href=\"/x\">11 Oct 2020 10:00</a></li></ul></nav>\
         </body></html>"
    );
    assert_eq!(published(&html, &options()).as_deref(), Some("2020-10-13"));
}

#[test]
fn a_label_reads_back_over_inline_siblings() {
    let tail = "<div class=\"left author\">Author: <a href=\"/u/58\"><b>Bo2man</b></a> \
        am 29.12.2010, 13:36 Uhr</div>";
    assert_eq!(
        published(&page_with_tail(tail), &options()).as_deref(),
        Some("2010-12-29")
    );
    // Not across the block of another pair.
    let tail = "<aside class=\"sidebar\"><dl><dt>Datum</dt><dd>heute</dd><dt>Preis</dt> \
        <dd>12.01.2017</dd></dl></aside>";
    assert_eq!(published(&page_with_tail(tail), &options()), None);
}

#[test]
fn an_update_label_in_its_own_element_makes_the_date_an_update() {
    // Rule `update-labelled-date-line` (and `update-labelled-date-element`
    // for the `datetime` attribute): the label stands in an `<em>` beside
    // the date, which is the update; the publication date is stated.
    let head = r#"<script type="application/ld+json">{"@type":"NewsArticle",
        "headline":"Bridge vote","datePublished":"2020-07-10T14:15:42+00:00"}</script>"#;
    let before = r#"<div><div datetime="2023-01-07T09:08:22+00:00">
        <em>Last Updated:</em> January 7, 2023</div></div>"#;
    let doc = extract(page(head, before, "").as_bytes(), &options());
    assert_eq!(
        doc.published.as_deref().map(|d| &d[..10]),
        Some("2020-07-10")
    );
    assert_eq!(
        doc.modified.as_deref().map(|d| &d[..10]),
        Some("2023-01-07")
    );
}
