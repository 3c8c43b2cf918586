//! Reader comments (`Document::comments`, `Document::comment_count`) on
//! small pages written for each rule of `comments.rs`: the comments come
//! out one record each, in page order, with author, date and text; never in
//! the body; and only when asked for, while the count is always filled.

use klartext::{extract_str, render, Document, Format, Options};

fn with_comments(html: &str) -> Document {
    extract_str(
        html,
        &Options {
            include_comments: true,
            ..Default::default()
        },
    )
}

/// An article body long enough to be found as the body.
fn article(topic: &str) -> String {
    let p = |n: u32| {
        format!(
            "<p>Paragraph {n} on {topic}: the council weighed costs, schedules and the \
             opinions of residents, who had written in large numbers, before it agreed to \
             return to the matter at its next meeting in the spring.</p>"
        )
    };
    format!(
        "<article class=\"post\"><h1>{topic}</h1><div class=\"entry-content\">{}{}{}</div></article>",
        p(1),
        p(2),
        p(3)
    )
}

/// One WordPress comment (`li.comment > article.comment-body`) with its
/// author line, date, text and reply button; `replies` go in `ol.children`.
fn wp_comment(id: u32, who: &str, when: &str, text: &str, replies: &str) -> String {
    let children = if replies.is_empty() {
        String::new()
    } else {
        format!("<ol class=\"children\">{replies}</ol>")
    };
    format!(
        "<li id=\"li-comment-{id}\" class=\"comment even thread-even depth-1\">\
         <article id=\"div-comment-{id}\" class=\"comment-body\">\
         <footer class=\"comment-meta\"><div class=\"comment-author vcard\">\
         <img class=\"avatar\" src=\"a.png\"><b class=\"fn\">{who}</b> <span class=\"says\">says:</span></div>\
         <div class=\"comment-metadata\"><a href=\"#comment-{id}\"><time datetime=\"{when}\">{when}</time></a></div>\
         </footer>\
         <div class=\"comment-content\"><p>{text}</p></div>\
         <div class=\"reply\"><a class=\"comment-reply-link\" href=\"#respond\">Reply</a></div>\
         </article>{children}</li>"
    )
}

fn wordpress_page() -> String {
    let reply = wp_comment(
        12,
        "Ben",
        "2023-05-03T15:20:00+00:00",
        "Ben answers Anna: the bridge was repaired in 1998 already.",
        "",
    );
    let thread = [
        wp_comment(
            11,
            "Anna",
            "2023-05-03T14:05:00+00:00",
            "Anna thinks the old bridge should stay open for bicycles.",
            &reply,
        ),
        wp_comment(
            13,
            "Cleo",
            "2023-05-04T08:00:00+00:00",
            "Cleo asks when the council will publish the traffic counts.",
            "",
        ),
    ]
    .concat();
    format!(
        "<html><body>{}\
         <div id=\"comments\" class=\"comments-area\"><h2 class=\"comments-title\">3 thoughts on \
         &ldquo;The bridge&rdquo;</h2><ol class=\"comment-list\">{thread}</ol>\
         <div id=\"respond\" class=\"comment-respond\"><h3 class=\"comment-reply-title\">Leave a Reply</h3>\
         <form id=\"commentform\" class=\"comment-form\"><p class=\"comment-notes\">Your email address \
         will not be published.</p><p class=\"comment-form-comment\"><label>Comment</label>\
         <textarea name=\"comment\"></textarea></p></form></div></div></body></html>",
        article("The bridge")
    )
}

#[test]
fn wordpress_thread_one_record_per_comment_with_replies_in_page_order() {
    let doc = with_comments(&wordpress_page());
    let authors: Vec<Option<&str>> = doc.comments.iter().map(|c| c.author.as_deref()).collect();
    assert_eq!(
        authors,
        [Some("Anna"), Some("Ben"), Some("Cleo")],
        "{:#?}",
        doc.comments
    );
    assert_eq!(doc.comments[0].date.as_deref(), Some("2023-05-03T14:05:00"));
    assert_eq!(
        doc.comments[0].text,
        "Anna thinks the old bridge should stay open for bicycles."
    );
    // The reply is its own record, not part of its parent's text.
    assert_eq!(
        doc.comments[1].text,
        "Ben answers Anna: the bridge was repaired in 1998 already."
    );
    for c in &doc.comments {
        assert!(!c.text.contains("Reply"), "{c:?}");
        assert!(!c.text.contains("says"), "{c:?}");
    }
    assert_eq!(doc.comment_count, Some(3));
    // Comments never enter the body; the form is no comment.
    assert!(doc.text.contains("Paragraph 1 on The bridge"));
    assert!(!doc.text.contains("bicycles"));
    assert!(!doc.comments.iter().any(|c| c.text.contains("email")));
}

/// A German news page: the comment list is not named per comment (plain
/// `li.eintrag` entries), each entry has an author, a German date, the text
/// and "Antworten"/"Melden" links; a comment form and the house rules follow.
fn german_page() -> String {
    let entry = |who: &str, when: &str, text: &str| {
        format!(
            "<li class=\"eintrag\"><div class=\"kopf\"><span class=\"autor\">{who}</span> \
             <span class=\"datum\">{when}</span></div><p>{text}</p>\
             <div class=\"aktionen\"><a href=\"#\">Antworten</a> <a href=\"#\">Melden</a> \
             <span>12</span></div></li>"
        )
    };
    format!(
        "<html lang=\"de\"><body>{}\
         <section id=\"kommentare\"><h2>42 Kommentare</h2><ul class=\"liste\">{}{}</ul>\
         <p><a href=\"/kommentare?seite=2\">Alle Kommentare anzeigen</a></p>\
         <form class=\"kommentar-formular\"><h3>Schreiben Sie einen Kommentar</h3>\
         <textarea name=\"text\"></textarea><input type=\"submit\" value=\"Senden\"></form>\
         </section></body></html>",
        article("Die Brücke"),
        entry(
            "Hans M.",
            "3. Mai 2023, 14:05 Uhr",
            "Die Brücke muss für Radfahrer offen bleiben, sonst fahren alle über die Hauptstraße."
        ),
        entry(
            "Erika",
            "03.05.2023 15:20",
            "Wann veröffentlicht der Rat endlich die Verkehrszählung?"
        ),
    )
}

#[test]
fn german_comment_list_without_buttons_form_or_links() {
    let doc = with_comments(&german_page());
    assert_eq!(doc.comments.len(), 2, "{:#?}", doc.comments);
    assert_eq!(doc.comments[0].author.as_deref(), Some("Hans M."));
    assert_eq!(doc.comments[0].date.as_deref(), Some("2023-05-03T14:05:00"));
    assert_eq!(
        doc.comments[0].text,
        "Die Brücke muss für Radfahrer offen bleiben, sonst fahren alle über die Hauptstraße."
    );
    assert_eq!(doc.comments[1].author.as_deref(), Some("Erika"));
    assert_eq!(doc.comments[1].date.as_deref(), Some("2023-05-03T15:20:00"));
    for c in &doc.comments {
        for noise in ["Antworten", "Melden", "12", "Schreiben", "Alle Kommentare"] {
            assert!(!c.text.contains(noise), "{noise} in {c:?}");
        }
    }
    // The page states 42; two are shown.
    assert_eq!(doc.comment_count, Some(42));
    assert!(!doc.text.contains("Radfahrer"));
}

#[test]
fn a_page_without_comments_has_none() {
    let html = format!(
        "<html><body><div class=\"post-meta\"><a class=\"comments-link\" \
         href=\"#respond\">Leave a comment</a></div>{}</body></html>",
        article("Quiet news")
    );
    let doc = with_comments(&html);
    assert!(doc.comments.is_empty(), "{:#?}", doc.comments);
    assert_eq!(doc.comment_count, None);
}

#[test]
fn comments_off_leaves_the_list_empty_but_counts() {
    let doc = extract_str(&wordpress_page(), &Options::default());
    assert!(doc.comments.is_empty());
    assert_eq!(doc.comment_count, Some(3));
    let doc = extract_str(&german_page(), &Options::default());
    assert!(doc.comments.is_empty());
    assert_eq!(doc.comment_count, Some(42));
}

#[test]
fn json_ld_comment_count_is_read() {
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
         \"@type\":\"NewsArticle\",\"headline\":\"Counted\",\"commentCount\":17}}</script></head>\
         <body>{}</body></html>",
        article("Counted")
    );
    let doc = extract_str(&html, &Options::default());
    assert_eq!(doc.comment_count, Some(17));
}

#[test]
fn microdata_comments_and_a_blogger_style_list() {
    // schema.org microdata: each comment is `itemprop=comment`, with the
    // author and date as item properties.
    let c = |who: &str, when: &str, text: &str| {
        format!(
            "<div itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">\
             <span itemprop=\"author\">{who}</span><meta itemprop=\"dateCreated\" content=\"{when}\">\
             <div itemprop=\"text\"><p>{text}</p></div></div>"
        )
    };
    let html = format!(
        "<html><body>{}<div class=\"discussion\">{}{}</div></body></html>",
        article("Microdata"),
        c("Lou", "2020-01-02", "First microdata comment, long enough."),
        c(
            "Max",
            "2020-01-03",
            "Second microdata comment, also long enough."
        )
    );
    let doc = with_comments(&html);
    let got: Vec<(Option<&str>, Option<&str>)> = doc
        .comments
        .iter()
        .map(|c| (c.author.as_deref(), c.date.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("Lou"), Some("2020-01-02")),
            (Some("Max"), Some("2020-01-03"))
        ],
        "{:#?}",
        doc.comments
    );

    // Blogger: `dl > dt.comment-author + dd.comment-body + dd.comment-footer`,
    // no wrapper per comment.
    let entry = |who: &str, text: &str, when: &str| {
        format!(
            "<dt class=\"comment-author\"><a href=\"https://www.blogger.com/profile/1\">{who}</a> said...</dt>\
             <dd class=\"comment-body\"><p>{text}</p></dd>\
             <dd class=\"comment-footer\"><span class=\"comment-timestamp\"><a href=\"#c1\">{when}</a></span></dd>"
        )
    };
    let html = format!(
        "<html><body>{}<div class=\"comments\" id=\"comments\"><h4>2 comments:</h4>\
         <dl id=\"comments-block\">{}{}</dl></div></body></html>",
        article("Blogger"),
        entry(
            "tRiSh",
            "That is exactly what I needed today.",
            "September 10, 2012 4:45 AM"
        ),
        entry(
            "Ankita",
            "Wish I could think this way more often.",
            "September 10, 2012 6:14 AM"
        )
    );
    let doc = with_comments(&html);
    assert_eq!(doc.comments.len(), 2, "{:#?}", doc.comments);
    assert_eq!(doc.comments[0].author.as_deref(), Some("tRiSh"));
    assert_eq!(doc.comments[0].date.as_deref(), Some("2012-09-10T04:45:00"));
    assert_eq!(doc.comments[0].text, "That is exactly what I needed today.");
    assert_eq!(doc.comment_count, Some(2));
}

#[test]
fn renderers_show_comments_only_when_present() {
    let doc = with_comments(&wordpress_page());
    let md = render(&doc, Format::Markdown);
    let at = md.find("## Comments").expect("a Comments section");
    assert!(md[at..].contains("**Anna · 2023-05-03T14:05:00**"), "{md}");
    assert!(md[at..].contains("Cleo asks when"), "{md}");
    let json = render(&doc, Format::Json);
    assert!(json.contains("\"comment_count\":3"), "{json}");
    assert!(json.contains("\"author\":\"Ben\""), "{json}");
    let text = render(&doc, Format::Text);
    assert!(text.contains("Cleo asks when"));

    let plain = extract_str(&wordpress_page(), &Options::default());
    assert!(!render(&plain, Format::Markdown).contains("## Comments"));
    assert!(!render(&plain, Format::Text).contains("Cleo asks when"));
    assert_eq!(plain.text, doc.text, "comments never change the body");
}

#[test]
fn section_labels_policies_link_lists_and_pingbacks_are_no_comments() {
    // A comment section with no comments yet: its title, placeholder, house
    // rules, a "most discussed" list and a login line.
    let html = format!(
        "<html><body>{}<div id=\"comments\"><h3>Comments</h3><p>No comments yet. Be the first \
         to comment!</p><p>Comments that include profanity or personal attacks will be removed. \
         We reserve the right to close any discussion.</p>\
         <ul class=\"most\"><li><a href=\"/a\">Why is everyone so angry? (83)</a></li>\
         <li><a href=\"/b\">Your stressful job is aging you (64)</a></li></ul>\
         <p>Please sign in to comment.</p></div></body></html>",
        article("Empty section")
    );
    let doc = with_comments(&html);
    assert!(doc.comments.is_empty(), "{:#?}", doc.comments);

    // A section without repeated parts holds one comment: it is read whole,
    // without its title; a pingback in a list of comments is dropped.
    let html = format!(
        "<html><body>{}<div id=\"comments\"><h3>Reader comments</h3>\
         <p>I took the ferry instead of the bridge for years and never regretted it.</p>\
         </div><ol class=\"commentlist\"><li class=\"comment\"><p>Pingback: Ten bridges worth \
         a detour | Some Blog</p></li><li class=\"comment\"><p>A real comment on bridges.</p></li>\
         </ol></body></html>",
        article("One comment")
    );
    let doc = with_comments(&html);
    let texts: Vec<&str> = doc.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "I took the ferry instead of the bridge for years and never regretted it.",
            "A real comment on bridges."
        ]
    );
}
