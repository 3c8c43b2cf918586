//! Text mode (issue 4): pages already rendered to text, as crawlers and
//! HTML-to-text tools keep them. The dumps here are written for these tests
//! in the style of the two common renderers: bullets `  • ` with indented
//! continuation lines, and `* ` lists nested by indentation.

use klartext::{extract_text, Options};

/// A German news page as a crawler's text dump keeps it.
const GERMAN: &str = "\
Startseite
Politik
Wirtschaft

Streit um die Brücke
Stadtrat vertagt Entscheidung über Neubau

Die Sanierung der alten Rheinbrücke wird teurer als geplant. Der Stadtrat will nun ein Gutachten abwarten, bevor er über einen Neubau entscheidet.
  • 12

KölnDer Stadtrat hat am Donnerstagabend die Entscheidung über einen Neubau der Rheinbrücke vertagt. Nach einer Schätzung der Verwaltung würde die Sanierung rund 90 Millionen Euro kosten, fast doppelt so viel wie vor drei Jahren angenommen.

Die Opposition warf der Verwaltung vor, die Kosten zu spät offengelegt zu haben. Ein Neubau könnte nach ersten Berechnungen bis zu zehn Jahre dauern, während die alte Brücke für Lastwagen gesperrt bliebe.

Das Gutachten soll bis zum Herbst vorliegen. Erst danach will der Rat erneut beraten.

Quelle: dpa

Kommentare zu \" Streit um die Brücke \"

Alle Kommentare

  • Die Brücke hätte man schon vor zehn Jahren sanieren müssen.

  • Wieder einmal wird eine Entscheidung vertagt, die längst fällig ist. Die Pendler
    stehen jeden Tag im Stau, und niemand im Rat scheint das zu stören.

Impressum
Datenschutz
-0%10%20%30%40%50%60%70%80%90%100%
";

fn run(text: &str) -> klartext::Document {
    extract_text(
        text,
        &Options {
            include_comments: true,
            ..Default::default()
        },
    )
}

#[test]
fn a_news_dump_gives_every_part() {
    let doc = run(GERMAN);
    assert_eq!(doc.kicker.as_deref(), Some("Streit um die Brücke"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Stadtrat vertagt Entscheidung über Neubau")
    );
    assert!(doc
        .teaser
        .as_deref()
        .is_some_and(|t| t.starts_with("Die Sanierung der alten Rheinbrücke")));
    // The dateline was glued to the first word: `KölnDer`.
    assert_eq!(doc.dateline.as_deref(), Some("Köln"));
    assert_eq!(doc.agency.as_deref(), Some("dpa"));
    assert_eq!(doc.lang.as_deref(), Some("de"));
    assert!(
        doc.text.starts_with("Der Stadtrat hat am Donnerstagabend"),
        "{}",
        doc.text
    );
    assert!(
        doc.text
            .ends_with("Erst danach will der Rat erneut beraten."),
        "{}",
        doc.text
    );
    assert_eq!(doc.blocks.len(), 3);
    for dropped in ["Startseite", "12", "Quelle", "Kommentare", "Impressum", "%"] {
        assert!(!doc.text.contains(dropped), "{dropped:?} in {}", doc.text);
    }
}

#[test]
fn comments_are_records_with_their_continuation_lines() {
    let doc = run(GERMAN);
    assert_eq!(doc.comments.len(), 2, "{:?}", doc.comments);
    assert!(doc.comments[1].text.contains("Die Pendler"));
    assert!(doc.comments[1].text.contains("stehen jeden Tag im Stau"));
    // Off unless asked.
    assert!(extract_text(GERMAN, &Options::default())
        .comments
        .is_empty());
}

#[test]
fn the_teaser_can_open_the_body() {
    let doc = extract_text(
        GERMAN,
        &Options {
            teaser_in_body: Some(true),
            ..Default::default()
        },
    );
    assert!(doc.text.starts_with("Die Sanierung der alten Rheinbrücke"));
    assert_eq!(doc.dateline.as_deref(), Some("Köln"));
    assert!(doc.text.contains("\n\nDer Stadtrat hat am Donnerstagabend"));
}

/// An English blog page with a nested menu, as an indenting renderer writes it.
const ENGLISH: &str = "\
    Skip to content
      * Home
      * Recipes
          + Bread
          + Cakes
      * About

        Why my rye bread stays flat

        Posted on March 3 by Jo

        Rye flour has very little gluten, so a rye loaf cannot rise like a wheat loaf does, and
        a dense crumb is normal rather than a sign that something went wrong.

        The trick is acidity: a sourdough starter keeps the enzymes in rye from breaking down
        the starches, which is what turns an unsoured loaf gummy.

        What helps

          * a ripe starter
          * a long, warm proof
          * patience before slicing

        Bake it a day ahead and wrap it in a towel; the crumb sets overnight, the crust softens a
        little, and the loaf slices cleanly instead of tearing.

      © 2024 Jo's Kitchen. All rights reserved.
      Privacy policy
";

#[test]
fn wrapped_lines_are_joined_and_lists_kept() {
    let doc = run(ENGLISH);
    assert_eq!(doc.title.as_deref(), Some("Why my rye bread stays flat"));
    assert!(
        doc.text
            .contains("like a wheat loaf does, and a dense crumb is normal"),
        "{}",
        doc.text
    );
    for kept in [
        "What helps",
        "a ripe starter",
        "patience before slicing",
        "Bake it a day ahead",
    ] {
        assert!(doc.text.contains(kept), "{kept:?} missing: {}", doc.text);
    }
    for dropped in [
        "Skip to content",
        "Recipes",
        "All rights reserved",
        "Privacy",
    ] {
        assert!(!doc.text.contains(dropped), "{dropped:?} in {}", doc.text);
    }
    assert_eq!(doc.lang.as_deref(), Some("en"));
}

#[test]
fn empty_and_odd_input_gives_an_empty_document() {
    for text in ["", "\n\n\n", "-0%1%2%3%", "   \t  \n  • \n"] {
        let doc = run(text);
        assert!(doc.text.is_empty(), "{text:?} gave {:?}", doc.text);
    }
}

/// A committee report whose sections all end with the same subheading,
/// inside a site whose menu stands at the top and again at the foot.
const REPORT: &str = "\
Home
Reports
Contact

Annual Report of the Harbour Committee

The committee met eleven times this year and visited both piers. Its members heard the harbour master, the fishermen's union and the ferry company before drafting the proposals below.

Dredging of the inner basin

The inner basin has silted up faster than the last survey predicted. Ferries now wait for the tide on most mornings, and the fishing fleet has moved two boats to the outer pier.

Committee recommendation

The basin should be dredged before the autumn storms, and a new survey should follow within two years.

Repairs to the north pier

The north pier lost part of its railing in the January gale. The wooden steps at its end are closed, and the lamps along it have not worked since the spring.

Committee recommendation

The railing and the steps should be repaired this summer, and the lamps replaced with a cheaper kind.

Home
Reports
Contact
";

#[test]
fn a_line_repeated_only_inside_the_article_is_kept() {
    // Rule `repeated-inside-the-run`: the subheading the report repeats is
    // its own; the menu repeated above and below it is not.
    let doc = run(REPORT);
    assert_eq!(
        doc.text.matches("Committee recommendation").count(),
        2,
        "{}",
        doc.text
    );
    for menu in ["Home", "Reports", "Contact"] {
        assert!(!doc.text.contains(menu), "{menu} in {}", doc.text);
    }
}

/// A page of verse: short lines only, a refrain, and a footer sentence.
const POEM: &str = "\
Home
Poems
About

The Lighthouse Keeper

the lamp is lit at six o'clock
the gulls go quiet on the rail
the keeper climbs the iron stair
and watches for a sail

the sea is grey beneath the cloud
the boats are late tonight
the keeper climbs the iron stair
and trims the burning light

the wind comes howling from the north
the windows shake and groan
the keeper climbs the iron stair
and keeps the watch alone

a trawler rounds the southern rocks
her lanterns low and small
the keeper climbs the iron stair
and sounds the evening call

the tide turns slowly after two
the shingle hisses back
the keeper climbs the iron stair
and wipes the glass of black

the rain gives way to falling snow
the harbour wall turns white
the keeper climbs the iron stair
and feeds the fire its light

the morning comes along the sand
the fog lifts from the bay
the keeper climbs the iron stair
and puts the lamp away

Copyright 2006 by the author.
Every poem here may be shared and read aloud in class.
";

#[test]
fn a_page_without_prose_is_kept_whole() {
    // Rule `page-without-prose`: the only sentence on the page is the
    // footer's; the verse is the page.
    let doc = run(POEM);
    for line in [
        "the lamp is lit at six o'clock",
        "and watches for a sail",
        "and puts the lamp away",
    ] {
        assert!(doc.text.contains(line), "{line} missing: {}", doc.text);
    }
    assert!(!doc.text.contains("Copyright"), "{}", doc.text);
    // `explain` says why the page was kept whole.
    let e = klartext::explain_text(POEM.as_bytes(), &Options::default());
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("rule page-without-prose")),
        "{:?}",
        e.notes
    );
    let e = klartext::explain_text(short_story_page().as_bytes(), &Options::default());
    assert!(
        !e.notes.iter().any(|n| n.contains("page-without-prose")),
        "{:?}",
        e.notes
    );
}

/// A short story of three paragraphs between long link lists: the page's
/// prose is a small share of its text.
fn short_story_page() -> String {
    let mut page = String::new();
    for i in 1..=60 {
        page.push_str(&format!("Section {i} of the town news site\n"));
    }
    page.push_str(
        "\nCouncil approves new bus lane\n\n\
The council approved a bus lane on the high street on Tuesday evening, after months of debate and two public meetings.\n\n\
Shop owners had asked for more parking spaces instead, but the vote was seven to two in favour of the lane.\n\n\
Work is expected to start in March and should last about six weeks, a spokesman for the council said.\n\n",
    );
    for i in 1..=60 {
        page.push_str(&format!("More headlines from district {i} today\n"));
    }
    page
}

#[test]
fn a_short_story_among_long_link_lists_stays_the_article() {
    // Rule `page-without-prose` must not take a short story's page whole:
    // its run holds several paragraphs of prose.
    let doc = run(&short_story_page());
    assert!(doc.text.starts_with("The council approved"), "{}", doc.text);
    assert!(!doc.text.contains("headlines"), "{}", doc.text);
    assert!(!doc.text.contains("Section"), "{}", doc.text);
}

/// A club's fixtures page: the results table's rows are mostly figures.
const RESULTS: &str = "\
Home
Fixtures
Contact

Spring League Results

The club's first team finished the spring league in third place after a strong run in April. The coach praised the defence, which conceded only four goals in the last six matches.

12.03.2024   3 : 1   (1 : 0)
19.03.2024   0 : 2   (0 : 1)
26.03.2024   4 : 4   (2 : 1)

The second team lost its last two matches and ends the season in the middle of the table. Training for the autumn season starts again in the second week of August.

© 2024
-0%10%20%30%40%50%60%70%80%90%100%
";

#[test]
fn a_table_of_figures_inside_the_article_is_kept() {
    // Rule `figures-inside-the-run`: the result rows between the report's
    // paragraphs are its own, though they hold few letters; the copyright
    // line and the progress widget after it are not.
    let doc = run(RESULTS);
    for row in ["12.03.2024 3 : 1", "19.03.2024 0 : 2", "26.03.2024 4 : 4"] {
        assert!(doc.text.contains(row), "{row} missing in {}", doc.text);
    }
    assert!(doc.text.contains("Training for the autumn season"));
    for dropped in ["©", "%", "Fixtures"] {
        assert!(!doc.text.contains(dropped), "{dropped} in {}", doc.text);
    }
}

/// A player's game log: no prose at all, a table of figures between its
/// labels.
const GAME_LOG: &str = "\
Home
Scores
Teams

Jordan Miller Game Log 2018

Week   Date       Opponent   Result
1      09/09/18   @ DAL      W 24-17
2      09/16/18   vs NYG     L 10-13
3      09/23/18   @ WAS      W 31-20

Regular season totals
";

#[test]
fn a_table_of_figures_on_a_page_without_prose_is_kept() {
    // Rules `page-without-prose` and `figures-inside-the-run`: the page is
    // kept whole, and its table rows with it.
    let doc = run(GAME_LOG);
    for row in ["09/09/18 @ DAL W 24-17", "09/23/18 @ WAS W 31-20"] {
        assert!(doc.text.contains(row), "{row} missing in {}", doc.text);
    }
}

/// A blog post with its readers' replies, each under a time stamp, with
/// no comment header to set them apart.
const STAMPED: &str = "\
Home
Archive

Repairing an old bicycle

The frame was rusty but sound, so I started with the wheels. Both rims were bent, and the spokes had to be replaced one by one over a long weekend.

11/07/12 at 2:17 pm

The brakes came next. New pads and cables made them work again, although the levers still squeak when it rains.

Best of all, the whole repair cost less than a cheap new bicycle, and it rides better than it did twenty years ago.
";

#[test]
fn a_lone_time_stamp_inside_the_article_is_dropped() {
    // Rule `lone-time-stamp`: a figures line that stands alone and holds a
    // time of day is a post's stamp, not a table row.
    let doc = run(STAMPED);
    assert!(doc.text.contains("The brakes came next"), "{}", doc.text);
    assert!(!doc.text.contains("2:17"), "{}", doc.text);
}

#[test]
fn a_link_bar_inside_the_article_is_dropped() {
    // A blog's two posts with the link row under each (rule `link-bar`);
    // a sentence with a single bar in it stays.
    let dump = "\
Home | Archives | About | Contact

A week at the allotment

The beans came up at last this week, after three cold nights had held them back for longer than any of us expected in May.

The courgettes are another story: two plants were lost to slugs, and the rest look tired, so we will sow again in June.
Posted by Ann at 1:40 PM | Comments (5) | TrackBack

Next weekend the club meets at the gate at nine | bring gloves, a spade and something warm to drink for the long morning.
Posted by Ann at 9:12 AM | Comments (2) | TrackBack

Privacy|Terms|Site map
";
    let doc = run(dump);
    assert!(doc.text.contains("The courgettes"), "{}", doc.text);
    assert!(doc.text.contains("bring gloves"), "{}", doc.text);
    assert!(!doc.text.contains("TrackBack"), "{}", doc.text);
    assert!(!doc.text.contains("Archives"), "{}", doc.text);
}

#[test]
fn double_encoded_dump_is_repaired() {
    // Rule `double-encoded-utf8` on a dump: the renderer read UTF-8 as
    // windows-1252, so every apostrophe and dash came out as three letters.
    let dump = "Home | News | Sport\n\n\
        The council\u{e2}\u{20ac}\u{2122}s plan\n\n\
        The council\u{e2}\u{20ac}\u{2122}s plan for the old harbour was approved on Tuesday \u{e2}\u{20ac}\u{201d} \
        after a debate that lasted into the night and drew more residents than the hall could seat.\n\n\
        Residents who spoke said they didn\u{e2}\u{20ac}\u{2122}t oppose the housing itself, only the loss of \
        the boat sheds that have stood on the quay for more than a century.\n";
    let doc = klartext::extract_text(dump, &klartext::Options::default());
    assert!(
        doc.text
            .contains("council\u{2019}s plan for the old harbour"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("Tuesday \u{2014} after"), "{}", doc.text);
    assert!(!doc.text.contains('\u{e2}'), "{}", doc.text);
}

#[test]
fn decomposed_dump_comes_out_in_nfc() {
    // Rule `text-in-nfc` on a dump written with combining marks.
    let dump = "Die gru\u{308}ne Bru\u{308}cke ist offen\n\n\
        Nach zwei Jahren Bauzeit ist die gru\u{308}ne Bru\u{308}cke u\u{308}ber den Fluss fertig, und ab \
        Montag du\u{308}rfen Autos, Busse und Fahrra\u{308}der daru\u{308}ber fahren, sagte die Stadt.\n\n\
        Die Anwohner hatten lange auf die Ero\u{308}ffnung gewartet, weil der Umweg u\u{308}ber die alte \
        Fa\u{308}hre jeden Morgen fast eine halbe Stunde kostete und im Winter oft ganz ausfiel.\n";
    let doc = klartext::extract_text(dump, &klartext::Options::default());
    assert!(
        doc.text
            .contains("gr\u{fc}ne Br\u{fc}cke \u{fc}ber den Fluss"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains('\u{308}'), "{}", doc.text);
}
