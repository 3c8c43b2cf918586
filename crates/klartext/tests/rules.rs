//! One test per named rule of the engine, each on a small page written for
//! it: the page pattern the rule handles, and what the article must (and must
//! not) contain because of it. A test fails when its rule stops working.

use klartext::{extract_str, Options};

fn text_of(html: &str) -> String {
    extract_str(html, &Options::default()).text
}

/// A paragraph of invented prose, long enough to count as article text.
fn prose(topic: &str) -> String {
    format!(
        "<p>The committee spent the afternoon on {topic}, weighing costs, schedules and the \
         opinions of residents, who had written in large numbers, before it agreed to \
         return to the matter at its next meeting in the spring.</p>"
    )
}

#[test]
fn repeated_posts_keep_the_whole_thread() {
    // A forum thread (rule `repeated-posts`, with the scoring rivals): the
    // opening post is long, the replies are short, and every post must come
    // out. The rule alone is tested in `extract.rs`.
    let post = |who: &str, body: String| {
        format!(
            "<article class=\"message\"><div class=\"message-user\">{who}</div>\
             <div class=\"message-inner\"><div class=\"message-cell\"><div class=\"message-main\"><div class=\"message-content\">\
             <div class=\"message-body\"><div class=\"bbWrapper\">{body}</div></div></div></div></div></div></article>"
        )
    };
    let reply = |topic: &str| {
        format!("<p>I would look at {topic} first, it made the biggest difference for me last winter.</p>")
    };
    let opening = [
        "front lights for winter commuting",
        "rear lights that survive rain",
        "batteries that keep their charge",
        "mounting brackets for thick handlebars",
    ]
    .map(prose)
    .concat();
    let html = format!(
        "<html><body><div class=\"thread\"><h1>Which bike lights last longest?</h1>\
         <div class=\"posts\">{}{}{}{}</div></div></body></html>",
        post("anna", opening),
        post("ben", reply("dynamo hubs")),
        post("cleo", reply("helmet lamps")),
        post("dev", reply("spare batteries"))
    );
    let text = text_of(&html);
    for needle in [
        "batteries that keep their charge",
        "dynamo hubs",
        "helmet lamps",
        "spare batteries",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
}

#[test]
fn sections_of_main_make_up_a_landing_page() {
    // Rule `sections-of-main`: a service page spreads its text over sections
    // nested deep in layout boxes; scoring alone picks the longest section.
    let section = |paragraphs: String| {
        format!(
            "<section class=\"pageblock\"><div class=\"inner\"><div class=\"container\">\
             <div class=\"row\"><div class=\"column\">{paragraphs}</div></div></div></div></section>"
        )
    };
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a><a href=\"/about\">About</a></nav><main>\
         {}{}{}</main><footer><p>Copyright line of the invented firm</p></footer></body></html>",
        section(
            ["garden design", "hedge planting", "lawn repair"]
                .map(prose)
                .concat()
        ),
        section(prose("tree care")),
        section(prose("winter storage"))
    );
    let text = text_of(&html);
    for topic in ["garden design", "tree care", "winter storage"] {
        assert!(
            text.contains(&format!("on {topic},")),
            "missing section {topic}:\n{text}"
        );
    }
    assert!(!text.contains("Copyright line"), "footer kept:\n{text}");
}

#[test]
fn headline_picks_its_body_on_infinite_scroll_pages() {
    // Rule `headline-picks-the-body`: the next articles are appended below.
    let story = |title: &str, topic: &str| {
        format!(
            "<article class=\"story\"><header><h1>{title}</h1></header>\
             <div class=\"article-body\">{}{}</div></article>",
            prose(topic),
            prose(&format!("{topic}, second part"))
        )
    };
    let html = format!(
        "<html><head><title>Ferry timetable changes | Invented Times</title>\
         <meta property=\"og:title\" content=\"Ferry timetable changes\"></head><body>\
         {}{}{}</body></html>",
        story("Ferry timetable changes", "the ferry timetable"),
        story("Library opens on Sundays", "library opening hours"),
        story("New cycle lane on the bridge", "the cycle lane")
    );
    let doc = extract_str(&html, &Options::default());
    assert_eq!(doc.title.as_deref(), Some("Ferry timetable changes"));
    assert!(doc.text.contains("the ferry timetable"), "{}", doc.text);
    assert!(!doc.text.contains("library opening hours"), "{}", doc.text);
    assert!(!doc.text.contains("the cycle lane"), "{}", doc.text);
}

#[test]
fn a_frame_named_like_a_sidebar_that_holds_the_body_is_kept() {
    // Rule `holds-the-body`: some themes wrap the whole article in `.sidebar-wrapper`.
    let html = format!(
        "<html><body><article><div class=\"sidebar-wrapper\"><div class=\"entry-content\">\
         {}{}</div></div></article><div class=\"more-stories\">{}{}{}</div></body></html>",
        prose("the harbour wall"),
        prose("the fish market"),
        prose("an older story"),
        prose("another older story"),
        prose("a third older story")
    );
    let text = text_of(&html);
    assert!(
        text.contains("the harbour wall") && text.contains("the fish market"),
        "{text}"
    );
}

#[test]
fn a_side_column_name_on_the_box_with_most_of_the_text_is_not_chrome() {
    // Rule `most-of-the-page-is-not-chrome`: the headline stands outside, the
    // article's own box has no body-container name, and the theme's content
    // column is called `sidebar-container`. A real sidebar beside it stays out.
    // The author's long bio under the headline is what scoring finds without
    // the rule.
    let bio: String = [
        "the author's first ferry",
        "the author's early years",
        "the author's books",
    ]
    .iter()
    .map(|t| prose(t))
    .collect();
    let body: String = [
        "the new ferry",
        "the timetable",
        "the fares",
        "the crew",
        "the winter service",
        "the bicycle deck",
        "the harbour works",
    ]
    .iter()
    .map(|t| prose(t))
    .collect();
    let html = format!(
        "<html><body><header><h1>The ferry returns</h1><div>{bio}</div></header>\
         <div class=\"sidebar-container\"><div class=\"lr-content\">{body}</div></div>\
         <div class=\"sidebar\"><p>Most read: <a href=\"/a\">Ten things to do this weekend</a></p></div>\
         </body></html>"
    );
    let text = text_of(&html);
    for t in ["the new ferry", "the harbour works"] {
        assert!(text.contains(t), "{t:?} missing: {text}");
    }
    assert!(!text.contains("Most read"), "{text}");
}

#[test]
fn labelled_link_lines_and_photo_credits_are_dropped() {
    // Rules `labelled-link-line` and `photo-credit-line`.
    let html = format!(
        "<html><body><article><h1>Harbour wall repaired</h1>{}\
         <p>Read more: <a href=\"/other\">Why the old crane was taken down last year</a></p>\
         {}<p>Foto: Invented Photo Agency</p>{}</article></body></html>",
        prose("the harbour wall"),
        prose("the new crane"),
        prose("the fish market")
    );
    let text = text_of(&html);
    assert!(text.contains("the new crane"), "{text}");
    assert!(
        !text.contains("Why the old crane"),
        "link line kept:\n{text}"
    );
    assert!(
        !text.contains("Invented Photo Agency"),
        "credit kept:\n{text}"
    );
}

#[test]
fn lead_between_headline_and_body_joins_the_article() {
    // Rule `lead-between-headline-and-body`.
    let html = format!(
        "<html><head><title>Bridge reopens | Invented Times</title></head><body><article>\
         <header><h1>Bridge reopens</h1><p class=\"byline\">By A. Writer</p>\
         <p class=\"standfirst\">After two years of works the old bridge carries traffic again, \
         and the town hopes that the shops near it will see their customers return.</p></header>\
         <div class=\"article-body\">{}{}</div></article></body></html>",
        prose("the reopening ceremony"),
        prose("the traffic plan")
    );
    let text = text_of(&html);
    assert!(text.starts_with("After two years of works"), "{text}");
}

#[test]
fn landmark_chrome_never_wins_even_when_nothing_else_is_there() {
    // Landmarks (`footer`, `nav`) never vote, even in the broad attempts.
    let html = "<html><body><div class=\"app\"><p>Short intro line for the product.</p></div>\
        <footer><p>Help Center, Disputes and Reports, Return and refund policy, Report IPR \
        infringement, Information, Integrity Compliance, Transparency Center, Submit a report.</p>\
        </footer></body></html>";
    let text = text_of(html);
    assert!(!text.contains("Help Center"), "footer text chosen:\n{text}");
}

#[test]
fn listing_pages_give_their_teaser_cards() {
    // Rule `listing-page`: every card is one link holding headline and summary.
    let card = |n: u32| {
        format!(
            "<li class=\"card\"><a href=\"/story-{n}\"><h3>Invented headline number {n}</h3>\
             <p>A summary of story {n}, long enough to read as a teaser for the section \
             front of the invented newspaper.</p></a></li>"
        )
    };
    let cards: String = (1..=8).map(card).collect();
    let html = format!(
        "<html><body><header><nav><a href=\"/\">Home</a></nav></header><main>\
         <h1>Transport</h1><div class=\"intro\"><p>All our reporting on buses, trains, \
         ferries and bridges, newest first.</p></div><ul class=\"stream\">{cards}</ul></main>\
         </body></html>"
    );
    let doc = extract_str(&html, &Options::default());
    assert_eq!(doc.extracted_by.as_deref(), Some("listing"));
    for n in [1, 4, 8] {
        assert!(
            doc.text.contains(&format!("A summary of story {n},")),
            "card {n} missing:\n{}",
            doc.text
        );
    }
}

#[test]
fn sections_without_main_make_up_a_landing_page() {
    // A page built from sections without `<main>` gives every section (the
    // scoring rivals, or rule `sections-of-main` with a section frame when
    // scoring stops at one section).
    let section = |paragraphs: String| {
        format!(
            "<section class=\"pageblock\"><div class=\"inner\"><div class=\"container\">\
             <div class=\"row\"><div class=\"column\">{paragraphs}</div></div></div></div></section>"
        )
    };
    let html = format!(
        "<html><body><div class=\"page\">{}{}{}</div></body></html>",
        section(
            ["garden design", "hedge planting", "lawn repair"]
                .map(prose)
                .concat()
        ),
        section(prose("tree care")),
        section(prose("winter storage"))
    );
    let text = text_of(&html);
    for topic in ["garden design", "tree care", "winter storage"] {
        assert!(
            text.contains(&format!("on {topic},")),
            "missing section {topic}:\n{text}"
        );
    }
}

#[test]
fn poster_stats_beside_forum_posts_are_dropped() {
    // A forum thread where every post carries its poster's standing as a
    // description list (rule `poster-stats`): XenForo's `Joined` / `Messages`
    // pairs and phpBB's `Posts: 98` lines. The posts stay, the stats go; a
    // glossary list in the post itself stays.
    let post = |who: &str, stats: &str, body: String| {
        format!(
            "<div class=\"post\"><div class=\"poster\"><b>{who}</b>{stats}</div>\
             <div class=\"post-text\">{body}</div></div>"
        )
    };
    let pairs = "<dl class=\"pairs\"><dt>Joined</dt><dd>Mar 8, 2021</dd></dl>\
                 <dl class=\"pairs\"><dt>Messages</dt><dd>1,234</dd></dl>";
    let lines = "<dl><dd>Posts: 98</dd><dd>Registered: 2024-01-27</dd></dl>";
    let glossary =
        "<dl><dt>Points of interest</dt><dd>the quay, the old mill and the ferry landing</dd></dl>";
    let html = format!(
        "<html><body><div class=\"thread\"><h1>Where to walk along the river?</h1>{}{}{}</div></body></html>",
        post("anna", pairs, format!("{}{glossary}", prose("the river path"))),
        post("ben", lines, prose("the ferry timetable")),
        post("cleo", pairs, prose("the winter closures"))
    );
    let text = text_of(&html);
    for needle in [
        "the river path",
        "the ferry timetable",
        "the winter closures",
        "the old mill",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
    for junk in ["Joined", "Messages", "1,234", "Posts: 98", "Registered"] {
        assert!(!text.contains(junk), "kept {junk}:\n{text}");
    }
}

#[test]
fn annotated_link_lists_stay_and_bare_link_lists_go() {
    // An article that lists its sources, each a link with a sentence about
    // it (rule `annotated-link-list`), and ends with a related-stories list
    // of bare links, which link-heavy cleaning still drops.
    let source =
        |name: &str, about: &str| format!("<li><a href=\"/sources\">{name}</a>, {about}</li>");
    let related = |title: &str| format!("<li><a href=\"/story/{title}\">{title}</a></li>");
    let html = format!(
        "<html><body><article><h1>Finding old maps of the valley</h1>{}{}\
         <ul>{}{}{}</ul>{}\
         <ul>{}{}{}</ul></article></body></html>",
        prose("the survey of 1850"),
        prose("the parish boundaries"),
        source(
            "The county archive of land surveys and estate plans",
            "scanned at full size"
        ),
        source(
            "The gazetteer of place names in the old parish books",
            "with their old spellings"
        ),
        source(
            "The historical atlas of the valley and its villages",
            "over modern streets"
        ),
        prose("the flooded meadows"),
        related("Bridges we lost"),
        related("The mill race today"),
        related("Ten walks near town")
    );
    let text = text_of(&html);
    for needle in [
        "their old spellings",
        "over modern streets",
        "the flooded meadows",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
    for junk in ["Bridges we lost", "The mill race today"] {
        assert!(!text.contains(junk), "kept {junk}:\n{text}");
    }
}

#[test]
fn a_page_frame_of_menus_gives_no_article() {
    // Rule `page-frame-of-links`: a shop page whose products a script draws
    // leaves only its frame in the HTML, a mega menu and footer link
    // columns in unnamed boxes. No attempt may hand those links out as the
    // article.
    let column = |head: &str, links: &[&str]| {
        let items: String = links
            .iter()
            .map(|l| format!("<li><a href=\"/{l}\">{l} and more of it</a></li>"))
            .collect();
        format!("<div class=\"col\"><div class=\"head\">{head}</div><ul>{items}</ul></div>")
    };
    let html = format!(
        "<html><body><div class=\"top\">{}</div><div id=\"app\"></div><div class=\"bottom\">{}{}{}</div></body></html>",
        column("Shop", &["Standing desks", "Office chairs", "Desk converters", "Monitor arms"]),
        column("Help", &["Contact us", "Shipping policy", "Returns and refunds", "Warranty terms"]),
        column("Company", &["About the company", "Careers at the shop", "Press releases", "Affiliate program"]),
        column("Programs", &["Student discount", "Teacher discount", "Military discount", "Medical discount"])
    );
    let text = text_of(&html);
    assert!(text.is_empty(), "the frame came out as text:\n{text}");
}

#[test]
fn an_accordion_inside_the_article_stays() {
    // Rule `accordion-is-not-a-tab-bar`: a service page's FAQ is an
    // accordion marked `role=tablist aria-multiselectable=true`, with the
    // answers in its panels. Unlike a tab bar, it holds text of the article.
    let html = format!(
        "<html><body><main><h1>Home insurance</h1>{}{}{}\
         <div class=\"accordion\" role=\"tablist\" aria-multiselectable=\"true\">\
         <div role=\"tab\"><h2>Who can apply?</h2></div>\
         <div role=\"tabpanel\"><p>Anyone who owns the home they live in may apply, whatever \
         its age, as long as it is insured against fire already.</p></div></div>\
         <ul role=\"tablist\"><li role=\"tab\">Overview</li><li role=\"tab\">Prices</li></ul>\
         </main></body></html>",
        prose("the new insurance scheme"),
        prose("the premiums for older houses"),
        prose("the claims made after the spring floods")
    );
    let text = text_of(&html);
    assert!(text.contains("Anyone who owns the home"), "{text}");
    assert!(!text.contains("Overview"), "{text}");
}

#[test]
fn content_modules_named_widget_stay() {
    // Rule `content-module-names`: HubSpot wraps every text module of a
    // page in `hs_cos_wrapper_widget`; the `widget` in the name must not
    // drop the modules as widgets.
    let module = |topic: &str| {
        format!(
            "<div class=\"hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_module\">\
             <h2>{topic}</h2>{}<ul><li>Book the hall early</li><li>Confirm the caterer</li>\
             <li>Print the badges</li><li>Test the microphones</li></ul></div>",
            prose(topic)
        )
    };
    let html = format!(
        "<html><body><div class=\"body-container\"><h1>Planning an event</h1>\
         <div class=\"intro\">{}{}{}</div>{}{}{}</div></body></html>",
        prose("the date of the event"),
        prose("the guests to invite"),
        prose("the theme of the evening"),
        module("the purpose of the event"),
        module("the budget for the venue"),
        module("the list of speakers")
    );
    let text = text_of(&html);
    for needle in [
        "the budget for the venue",
        "the list of speakers",
        "Test the microphones",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
}

#[test]
fn a_few_lines_in_a_box_named_footer_are_no_article() {
    // Rule `frame-piece`: a page whose content a script draws has only a
    // footer with an address in its HTML; the broad attempts, which ignore
    // class names, must not hand the footer out as the article.
    let html = "<html><body><div id=\"app\"></div><div class=\"site-footer-block\">\
                <p>The Barn Shop, 12 Mill Road, Oldtown, call 555-0199 or write to shop@example.com</p>\
                <p>Open Thursday to Saturday 10 to 5, Sunday 12 to 5</p></div></body></html>";
    let text = text_of(html);
    assert!(text.is_empty(), "the footer came out as text:\n{text}");
}

#[test]
fn a_lone_javascript_notice_is_no_article() {
    // Rule `lone-script-notice`: an app shell's only text is its
    // `<noscript>` fallback; it is not the page's article.
    let html = "<html><head><title>Women's clearance</title></head><body>\
                <noscript>You need to enable JavaScript to run this app.</noscript>\
                <div id=\"root\"></div></body></html>";
    let text = text_of(html);
    assert!(text.is_empty(), "the notice came out as text:\n{text}");
}

#[test]
fn a_hidden_cart_drawer_is_not_a_hidden_article() {
    // Rule `revealed-by-script` (its floor): a shop page whose products a
    // script draws hides only a cart drawer; reading the hidden parts finds
    // a line or two, which is no article.
    let html = "<html><body><div id=\"app\"></div>\
                <div class=\"drawer\" style=\"display:none\"><p>Your cart is empty, add a jacket to get started today.</p></div>\
                </body></html>";
    let text = text_of(html);
    assert!(text.is_empty(), "the drawer came out as text:\n{text}");
}

#[test]
fn double_encoded_utf8_is_repaired_in_text_title_and_explain() {
    // Rule `double-encoded-utf8`: a CMS stored UTF-8 it had read as
    // windows-1252; the page (valid UTF-8) shows `isnâ€™t`, here written as
    // entities in the text and raw in the `og:title` attribute.
    let html = format!(
        "<html><head><meta property=\"og:title\" content=\"Caf\u{c3}\u{a9} owners donâ€™t give up\">\
         <title>x</title></head><body><article><h1>Caf\u{c3}\u{a9} owners donâ€™t give up</h1>\
         <p>The owners of the caf&Atilde;&copy; say it isn&acirc;&euro;&trade;t over &acirc;&euro;&rdquo; \
         the lease runs until spring, and the regulars &acirc;&euro;&oelig;keep coming&acirc;&euro;&#157; \
         every morning.</p>{}</article></body></html>",
        prose("the caf\u{c3}\u{a9}")
    );
    let doc = extract_str(&html, &Options::default());
    assert!(
        doc.text
            .contains("caf\u{e9} say it isn\u{2019}t over \u{2014}"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("\u{201c}keep coming\u{201d}"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains('\u{e2}'), "{}", doc.text);
    assert_eq!(
        doc.title.as_deref(),
        Some("Caf\u{e9} owners don\u{2019}t give up")
    );
    let e = klartext::explain(html.as_bytes(), &Options::default());
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("rule double-encoded-utf8")),
        "{:?}",
        e.notes
    );
}

#[test]
fn quoted_mojibake_on_a_clean_page_stays() {
    // Rule `double-encoded-utf8` needs three sequences: a page explaining
    // mojibake quotes one or two, and they must stay as written.
    let html = format!(
        "<html><body><article><p>On the old server every \u{e4} came out as \u{c3}\u{a4}, and \
         nobody noticed for weeks, until a reader from M\u{fc}nchen wrote in.</p>{}</article></body></html>",
        prose("encodings")
    );
    let text = text_of(&html);
    assert!(text.contains("came out as \u{c3}\u{a4}, and"), "{text}");
}

#[test]
fn decomposed_text_comes_out_in_nfc() {
    // Rule `text-in-nfc`: an editor wrote every umlaut as a base letter and
    // a combining diaeresis. The article, its title and the date's German
    // month name (`Ma\u{308}rz`, which the date rules must still read) come
    // out composed.
    let html = "<html lang=\"de\"><head><title>Gru\u{308}ne Bru\u{308}cke</title></head><body><article>\
        <h1>Die gru\u{308}ne Bru\u{308}cke wird fu\u{308}r den Verkehr geo\u{308}ffnet</h1>\
        <p class=\"date\">14. Ma\u{308}rz 2023</p>\
        <p>Nach zwei Jahren Bauzeit ist die gru\u{308}ne Bru\u{308}cke u\u{308}ber den Fluss fertig, \
        und ab Montag du\u{308}rfen Autos, Busse und Fahrra\u{308}der daru\u{308}ber fahren, sagte die \
        Stadtverwaltung am Freitag in einer kurzen Mitteilung an die Presse.</p>\
        <p>Die Anwohner hatten lange auf die Ero\u{308}ffnung gewartet, weil der Umweg u\u{308}ber die alte \
        Fa\u{308}hre jeden Morgen fast eine halbe Stunde kostete und im Winter oft ganz ausfiel.</p>\
        </article></body></html>";
    let doc = extract_str(html, &Options::default());
    assert!(
        doc.text
            .contains("gr\u{fc}ne Br\u{fc}cke \u{fc}ber den Fluss"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains('\u{308}'), "{}", doc.text);
    assert_eq!(
        doc.title.as_deref(),
        Some("Die gr\u{fc}ne Br\u{fc}cke wird f\u{fc}r den Verkehr ge\u{f6}ffnet")
    );
    assert_eq!(
        doc.published.as_deref().map(|d| &d[..10]),
        Some("2023-03-14")
    );
}

#[test]
fn ruby_readings_are_not_text() {
    // `NEVER_CONTENT_TAGS` holds `rt` and `rp`: a Japanese page for learners
    // prints the reading over each kanji; read inline it would double every
    // word. The headline loses it too.
    let ruby = |base: &str, reading: &str| {
        format!("<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>")
    };
    let html = format!(
        "<html lang=\"ja\"><body><article><h1>{}どもの{}</h1>\
         <p>{}どもへの{}をなくすための{}ができて、親が子どもを教育するために、たたいたり蹴ったりすることを禁止することになりました。\
         最近、親に虐待された子どもを児童相談所が守ることができなくて、子どもが亡くなる事件が続いています。</p>\
         <p>このため、法律では児童相談所の力を強くしました。医者や保健師が児童相談所で意見を言ったり、\
         警察と協力したりすることも決まりました。新しい法律は来年の四月から始まります。</p></article></body></html>",
        ruby("子", "こ"),
        ruby("安全", "あんぜん"),
        ruby("子", "こ"),
        ruby("虐待", "ぎゃくたい"),
        ruby("法律", "ほうりつ"),
    );
    let doc = extract_str(&html, &Options::default());
    assert!(
        doc.text
            .contains("子どもへの虐待をなくすための法律ができて"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains("ぎゃくたい"), "{}", doc.text);
    assert_eq!(doc.title.as_deref(), Some("子どもの安全"));
}

#[test]
fn an_id_named_like_a_hiding_class_hides_nothing() {
    // Only a class hides (`HIDDEN_CLASS_NAMES`); an element whose id happens
    // to be `hide` is shown. The analysis caches each class or id value's
    // reading per page, and a class `hide` read first must not decide for
    // the id `hide` after it.
    let html = format!(
        "<html><body><span class=\"hide\">Skip to content</span>\
         <article><h1>Bridge opens</h1>{}{}{}<div id=\"hide\">{}</div></article></body></html>",
        prose("the new bridge"),
        prose("the traffic plan"),
        prose("the old ferry"),
        prose("the lighting of the footpath")
    );
    let text = text_of(&html);
    assert!(text.contains("the lighting of the footpath"), "{text}");
    assert!(!text.contains("Skip to content"), "{text}");
}
