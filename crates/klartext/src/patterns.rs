//! Named patterns: the tag names and class/id/role tokens the rules look for.
//!
//! Every list here is data for a rule in `analyze`, `select` or `meta`; the
//! comment on each says which page pattern it stands for. Class and id values
//! are split into lowercase alphanumeric tokens (`post-share_bar` → `post`,
//! `share`, `bar`) before they are compared, so a token list matches whole
//! words of a class name, never a substring of an unrelated word.

/// Elements whose content is never visible article text: scripts, styles,
/// embedded objects, form controls, the document head; and the reading aids
/// of ruby text (`rt`, `rp`): Japanese pages for learners print the
/// furigana reading over each kanji (`<ruby>子<rt>こ</rt></ruby>ども`),
/// which read inline would double every word (`子こども`). The base text
/// is the article.
pub const NEVER_CONTENT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "source", "track", "map", "select", "option", "optgroup", "button",
    "input", "textarea", "head", "title", "meta", "link", "base", "datalist", "dialog", "frame",
    "frameset", "applet", "param", "img", "picture", "area", "wbr", "rt", "rp",
];

/// Elements that start a new block of text (a browser lays them out on their
/// own lines).
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "legend",
    "listing",
    "plaintext",
    "xmp",
    "noframes",
];

/// HTML5 sectioning elements that hold page chrome rather than the article:
/// the site menu (`nav`), side columns (`aside`), and page or article footers
/// with copyright lines, tag lists and share buttons.
pub const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "menu"];

/// ARIA landmark roles of page chrome: site banner, menus, footer
/// (`contentinfo`), side columns (`complementary`), search, dialogs.
pub const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "toolbar",
    "tablist",
];

/// Class/id tokens of page chrome that never belongs to the article body:
/// menus and breadcrumbs, share bars, related/most-read teaser lists,
/// newsletter and subscription boxes, cookie/consent banners, ads, comment
/// sections, pagination, tag clouds and widget areas. Plain `widget` is not
/// on the list: page builders (Elementor, …) call every content block a
/// widget (`elementor-widget-container`); sidebars are caught by `aside`,
/// `sidebar` and `widget-area`. (It still lowers a container's score.)
pub const CHROME_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "navi",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "footer",
    "sidebar",
    "share",
    "sharing",
    "shares",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "socialmedia",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "advert",
    "advertisement",
    "adverts",
    "ads",
    "ad",
    "adsense",
    "adslot",
    "sponsor",
    "sponsored",
    "promo",
    "popup",
    "modal",
    "comments",
    "comment",
    "commentlist",
    "disqus",
    "respond",
    "replies",
    "pagination",
    "pager",
    "tagcloud",
    "widgetarea",
    "toolbar",
    "skiplink",
    "signup",
    "masthead",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "jumplinks",
    "paywall",
    "teasers",
    "tags",
    "topbar",
];

/// Stems of chrome names that sites fuse with another word into one token
/// (`commentbody`, `sharebar`, `socialicons`, `relatedposts`,
/// `breadcrumbtrail`, `advertslot`): a token that starts with one of them,
/// and is longer than it, counts as chrome.
pub const CHROME_PREFIXES: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "advert",
    "newsletter",
    "cookie",
    "breadcrumb",
    "sidebar",
    "disqus",
    "sponsor",
    "subscribe",
    "popup",
];

/// The chrome tokens of comment sections. Reader comments are never the
/// article, so even the broad attempts of the cascade, which distrust class
/// names, keep their text from voting.
pub const COMMENT_TOKENS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
];

/// Fused names that start with this stem (`commentbody`) are comment sections.
pub const COMMENT_PREFIX: &str = "comment";

/// Class/id tokens that mark the article itself (`article-body`,
/// `entry-content`, `post`, `story`): they outweigh a chrome token on the
/// same element (`post-comments` is not, `has-comments post` is).
pub const CONTENT_TOKENS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "hentry",
    "blog",
    "page",
    "column",
];

/// Whole class names an editor or CMS gives every content module it renders,
/// which happen to contain the negative token `widget`: HubSpot's
/// `hs_cos_wrapper_widget` wraps each text module of a page, CKEditor's
/// `ck-widget` each embedded block of an article. Rule
/// `content-module-names`: these boxes are not widgets; the name cancels the
/// negative weight of `widget`. Compared as whole names.
pub const CONTENT_MODULE_CLASS_NAMES: &[&str] = &["hs_cos_wrapper_widget", "ck-widget"];

/// Whole class names of visually hidden helpers: text for screen readers
/// only (`sr-only`) or hidden by a utility class. Compared as whole names,
/// never as tokens (`hide-social-icons` on `<body>` hides nothing).
pub const HIDDEN_CLASS_NAMES: &[&str] = &[
    "hidden",
    "hide",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "d-none",
    "invisible",
    "is-hidden",
    "u-hidden",
    "element-invisible",
    "offscreen",
];

/// Class/id tokens that lower an element's content score (Readability's idea
/// of a "negative" class): meta lines, sidebars, promo boxes, widgets.
pub const NEGATIVE_TOKENS: &[&str] = &[
    "combx",
    "comment",
    "comments",
    "com",
    "footer",
    "gdpr",
    "masthead",
    "meta",
    "outbrain",
    "promo",
    "related",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "nav",
    "menu",
    "author",
    "byline",
    "caption",
    "credit",
    "social",
    "teaser",
    "footnote",
];

/// Class/id tokens that raise an element's content score: the usual names
/// of article containers.
pub const POSITIVE_TOKENS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "hentry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "richtext",
];

/// The chrome tokens of layout regions (menus, side columns, footers) that
/// old table layouts also reuse for whole content cells (`td.nav-new-1`).
/// A region so named that holds much prose and few links is not chrome.
pub const LAYOUT_CHROME_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "navi",
    "menu",
    "menubar",
    "sidebar",
    "footer",
    "topbar",
    "banner",
    "masthead",
    "toolbar",
];

/// Class/id tokens (joined) of the containers that CMSs give the article
/// body; a container with one of these and enough text is taken as the body
/// before any scoring (the precise stage of the cascade).
pub const BODY_CONTAINER_NAMES: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "articlecopy",
    "articlemain",
    "entrycontent",
    "entrybody",
    "postcontent",
    "postbody",
    "posttext",
    "postentry",
    "storybody",
    "storycontent",
    "storytext",
    "contentbody",
    "bodytext",
    "textbody",
    "articlebodytext",
    "blogpostbody",
    "itemfulltext",
    "newsarticle",
    "artikeltext",
    "articleinner",
    "singlecontent",
    "maincontent",
    "richtext",
];

/// How picture credits start, in the languages of the benchmark pages
/// (German, English, French, Spanish, Italian, Polish, Dutch).
pub const CREDIT_PREFIXES: &[&str] = &[
    "Foto:",
    "Fotos:",
    "Photo:",
    "Photos:",
    "Bild:",
    "Bilder:",
    "Image:",
    "Images:",
    "Credit:",
    "Credits:",
    "Photo credit",
    "Bildquelle:",
    "Quelle:",
    "Source:",
    "©",
    "(c) ",
    "Crédit",
    "Crédits",
    "Fotografía:",
    "Zdjęcie:",
    "Fot.",
    "Copyright ",
    "Picture:",
    "Pic:",
];

/// Separators sites put between the headline and the site name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " : ", " / ",
];

/// Is `token` in `list`? Lists are short; a linear scan of `&str` compares is
/// as fast as hashing here.
#[inline]
pub fn has(list: &[&str], token: &str) -> bool {
    list.contains(&token)
}

/// Class/id tokens of the overline above a headline (rule `kicker-by-name`):
/// the Dachzeile of German news sites, the eyebrow or kicker elsewhere.
pub const KICKER_TOKENS: &[&str] = &[
    "kicker",
    "overline",
    "dachzeile",
    "eyebrow",
    "topline",
    "roofline",
    "supertitle",
    "overtitle",
    "surtitre",
    "antetitulo",
    "occhiello",
    "spitzmarke",
    "headlinekicker",
    "titlekicker",
    "headlineintro",
    "pretitle",
    "preheadline",
];

/// Class/id tokens of the standfirst under a headline (rule
/// `teaser-by-name`): lead, dek, intro, Vorspann, chapô.
pub const TEASER_TOKENS: &[&str] = &[
    "teaser",
    "teasertext",
    "lead",
    "leadtext",
    "lede",
    "standfirst",
    "dek",
    "deck",
    "intro",
    "introtext",
    "articleintro",
    "articlelead",
    "articleteaser",
    "articlesummary",
    "summary",
    "subtitle",
    "subheadline",
    "subline",
    "excerpt",
    "abstract",
    "kurztext",
    "vorspann",
    "einleitung",
    "chapo",
    "chapeau",
    "entradilla",
    "bajada",
    "sottotitolo",
];

/// Class/id tokens of the place a story was filed from, set apart from the
/// first sentence (rule `dateline-by-name`).
pub const DATELINE_TOKENS: &[&str] = &["dateline", "ortsmarke", "ortszeile", "storylocation"];

/// News agencies, as a credit names them (lowercase), with the name the
/// Document gives them. Rules `dateline-with-agency` and `agency-credit`.
pub const AGENCIES: &[(&str, &str)] = &[
    ("dpa", "dpa"),
    ("dpa-afx", "dpa-AFX"),
    ("afx", "dpa-AFX"),
    ("reuters", "Reuters"),
    ("afp", "AFP"),
    ("ap", "AP"),
    ("associated press", "AP"),
    ("kna", "KNA"),
    ("epd", "epd"),
    ("ansa", "ANSA"),
    ("efe", "EFE"),
    ("apa", "APA"),
    ("sda", "SDA"),
    ("keystone-sda", "Keystone-SDA"),
    ("ats", "ATS"),
    ("dts", "dts"),
    ("sid", "SID"),
    ("kyodo", "Kyodo"),
    ("xinhua", "Xinhua"),
    ("tass", "TASS"),
    ("ria novosti", "RIA Novosti"),
    ("upi", "UPI"),
    ("pa", "PA"),
    ("belga", "Belga"),
    ("anp", "ANP"),
    ("lusa", "Lusa"),
    ("europa press", "Europa Press"),
    ("ians", "IANS"),
    ("pti", "PTI"),
    ("yonhap", "Yonhap"),
    ("bloomberg", "Bloomberg"),
    ("dow jones", "Dow Jones"),
    ("kathpress", "Kathpress"),
    ("idea", "idea"),
    ("ctk", "ČTK"),
    ("čtk", "ČTK"),
    ("pap", "PAP"),
    ("ntb", "NTB"),
    ("ritzau", "Ritzau"),
    ("stt", "STT"),
    ("mti", "MTI"),
    ("hina", "HINA"),
    ("tanjug", "Tanjug"),
    ("anadolu", "Anadolu"),
    ("aa", "AA"),
];

/// Labels that introduce an agency credit under a story (`Quelle: dpa`,
/// `Mit Material von Reuters`, `© AFP`), lowercase; rule `agency-credit`.
pub const AGENCY_CREDIT_LABELS: &[&str] = &[
    "quelle",
    "quellen",
    "source",
    "sources",
    "fuente",
    "fonte",
    "agentur",
    "agenturen",
    "agency",
    "mit material von",
    "mit material der",
    "material von",
    "mit informationen von",
    "copyright",
    "©",
    "(c)",
];

/// Words that join agency names in one credit (`dpa und AFP`, `AP/Reuters`).
pub const AGENCY_JOINERS: &[&str] = &["und", "and", "et", "y", "e", "&", "/", ","];

/// Labels that stand over a headline in a kicker's place but name the kind
/// of page or its state, not the story (rule `kicker-by-name` skips them).
pub const NOT_KICKERS: &[&str] = &[
    "updated",
    "update",
    "aktualisiert",
    "article",
    "artikel",
    "blog",
    "news",
    "video",
    "audio",
    "podcast",
    "live",
    "anzeige",
    "advertisement",
    "sponsored",
    "werbung",
    "exklusiv",
    "exclusive",
    "breaking",
    "eilmeldung",
];

/// Words that open a first line before a dash like a place does but are not
/// places: weekdays, section labels, states (rule `dateline-with-agency`).
pub const NOT_PLACES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "today",
    "heute",
    "gestern",
    "yesterday",
    "published",
    "updated",
    "update",
    "aktualisiert",
    "veröffentlicht",
    "einleitung",
    "fazit",
    "hinweis",
    "achtung",
    "breaking",
    "exklusiv",
    "exclusive",
    "analyse",
    "analysis",
    "kommentar",
    "comment",
    "interview",
    "tags",
    "video",
    "foto",
    "photo",
    "anzeige",
    "by",
    "von",
    "par",
    "por",
];

/// JSON-LD types and the page type they state (rule `page-type`). The first
/// type in this list that the page states wins, so specific kinds come
/// first. Types that pages embed for parts of themselves (`Question` in a
/// FAQ, `ItemList` for a carousel) are left out.
pub const PAGE_TYPES: &[(&str, &str)] = &[
    ("DiscussionForumPosting", "forum"),
    ("QAPage", "forum"),
    ("Product", "product"),
    ("ProductGroup", "product"),
    ("TechArticle", "docs"),
    ("APIReference", "docs"),
    ("NewsArticle", "article"),
    ("ReportageNewsArticle", "article"),
    ("AnalysisNewsArticle", "article"),
    ("OpinionNewsArticle", "article"),
    ("Article", "article"),
    ("BlogPosting", "article"),
    ("SocialMediaPosting", "article"),
    ("Report", "article"),
    ("ScholarlyArticle", "article"),
    ("Review", "article"),
    ("Recipe", "article"),
    ("CollectionPage", "listing"),
    ("SearchResultsPage", "listing"),
];

/// Bullet marks text renderers put before list items (text mode).
pub const BULLETS: &[&str] = &["•", "*", "-", "·", "+", "▪", "◦", "‣", "–"];

/// Words that open a comment section's header in a text dump (a data file:
/// one lowercase entry per line, `#` comments).
pub const COMMENT_HEADERS_FILE: &str = include_str!("../data/comment_headers.txt");

/// Phrases of page furniture in a text dump (a data file like the above).
pub const TEXT_BOILERPLATE_FILE: &str = include_str!("../data/text_boilerplate.txt");

/// The entries of a word-list data file: its lines without blanks and
/// `#` comments.
pub fn word_list(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Labels of a forum poster's statistics beside each post (rule
/// `poster-stats`): XenForo, vBulletin, phpBB, FluxBB, Discuz and the like.
/// Longer labels come before their prefixes.
pub const POSTER_STAT_LABELS: &[&str] = &[
    "joined",
    "join date",
    "registered",
    "member since",
    "posts",
    "messages",
    "reaction score",
    "trophy points",
    "points",
    "likes received",
    "reputation",
    "karma",
    "best answers",
    "solutions",
];

/// Name prefixes of a side column (rule `most-of-the-page-is-not-chrome`).
pub const SIDE_COLUMN_PREFIXES: &[&str] = &["sidebar", "aside", "rail"];

/// The length in bytes of the longest string of `list` (0 for none), for
/// sizing tables of word lists at compile time.
pub(crate) const fn longest(list: &[&str]) -> usize {
    let (mut max, mut k) = (0, 0);
    while k < list.len() {
        if list[k].len() > max {
            max = list[k].len();
        }
        k += 1;
    }
    max
}

/// A list of stems (lowercase ASCII) to look for anywhere in a class or id
/// value, in any case ([`StemSet::contains_ci`]). Built at compile time.
///
/// When every stem has at least [`SKIP_MIN_STEM`] bytes, a value is read
/// with a skip-scan: a window as long as the shortest stem slides over it,
/// and the pair of bytes at the window's end says how far the window may
/// move before a stem could fit under it (most pairs of a class name are in
/// no stem, and the window jumps by nearly its length). Only where the pair
/// ends the first bytes of some stem are those stems compared. Sets with a
/// shorter stem are read one position at a time, with a table from each
/// byte to the stems that start with it.
pub(crate) struct StemSet {
    stems: &'static [&'static str],
    /// Bit `k`: `stems[k]` starts with this byte, lowercased.
    by_byte: [u64; 256],
    /// Bit `k`: `stems[k]` has this byte, lowercased, second (or is one
    /// byte long).
    by_second: [u64; 256],
    /// Bit `k`: `stems[k]` is one byte long (it may end the value).
    single: u64,
    /// Some stem is empty (and so in every value).
    has_empty: bool,
    /// The length of the shortest stem: the skip-scan's window.
    window: usize,
    /// How far the window may move when its last two bytes fall in these
    /// classes (see [`pair_index`]); 0 where they end the first `window`
    /// bytes of some stem.
    shift: [u8; PAIR_COUNT],
    /// Bit `k`: the byte before the last of `stems[k]`'s window falls in
    /// this class ...
    at_window_end_1: [u64; BYTE_CLASSES],
    /// ... and its last byte in this one.
    at_window_end: [u64; BYTE_CLASSES],
}

/// Stems of at least this many bytes allow the skip-scan.
const SKIP_MIN_STEM: usize = 3;
/// Classes of bytes in the skip-scan: each ASCII letter (in any case) has
/// its own, all digits share one, every other byte is class 0. Bytes of one
/// class are alike to the scan (it can only skip less), the comparison of a
/// stem is exact.
const BYTE_CLASSES: usize = 32;
const PAIR_COUNT: usize = BYTE_CLASSES * BYTE_CLASSES;

/// The skip-scan's class of each byte.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() - b'a' + 1
        } else if c.is_ascii_digit() {
            27
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The skip table's index of the byte pair `a`, `b`.
#[inline]
const fn pair_index(a: u8, b: u8) -> usize {
    BYTE_CLASS[a as usize] as usize * BYTE_CLASSES + BYTE_CLASS[b as usize] as usize
}

impl StemSet {
    /// The stems, as listed.
    pub(crate) fn stems(&self) -> &'static [&'static str] {
        self.stems
    }

    /// The set of `stems` (at most 64).
    pub(crate) const fn new(stems: &'static [&'static str]) -> StemSet {
        assert!(stems.len() <= 64, "a StemSet holds at most 64 stems");
        let mut by_byte = [0u64; 256];
        let mut by_second = [0u64; 256];
        let mut single = 0u64;
        let mut has_empty = false;
        let mut window = usize::MAX;
        let mut k = 0;
        while k < stems.len() {
            let s = stems[k].as_bytes();
            if s.len() < window {
                window = s.len();
            }
            if s.is_empty() {
                has_empty = true;
            } else {
                if s.len() == 1 {
                    single |= 1 << k;
                }
                let mut b = 0;
                while b < 256 {
                    let lower = (b as u8).to_ascii_lowercase();
                    if lower == s[0] {
                        by_byte[b] |= 1 << k;
                    }
                    if s.len() == 1 || lower == s[1].to_ascii_lowercase() {
                        by_second[b] |= 1 << k;
                    }
                    b += 1;
                }
            }
            k += 1;
        }
        if window < SKIP_MIN_STEM || window > u8::MAX as usize {
            window = 0;
        }
        let mut shift = [0u8; PAIR_COUNT];
        let mut at_window_end_1 = [0u64; BYTE_CLASSES];
        let mut at_window_end = [0u64; BYTE_CLASSES];
        if window > 0 {
            // No pair in a stem's window: the window moves past the pair's
            // first byte.
            let mut p = 0;
            while p < PAIR_COUNT {
                shift[p] = (window - 1) as u8;
                p += 1;
            }
            let mut k = 0;
            while k < stems.len() {
                let s = stems[k].as_bytes();
                // The pair ending at byte `q` of the stem's window lets the
                // window move `window - 1 - q` bytes.
                let mut q = 1;
                while q < window {
                    let p = pair_index(s[q - 1], s[q]);
                    let d = (window - 1 - q) as u8;
                    if d < shift[p] {
                        shift[p] = d;
                    }
                    q += 1;
                }
                at_window_end_1[BYTE_CLASS[s[window - 2] as usize] as usize] |= 1 << k;
                at_window_end[BYTE_CLASS[s[window - 1] as usize] as usize] |= 1 << k;
                k += 1;
            }
        }
        StemSet {
            stems,
            by_byte,
            by_second,
            single,
            has_empty,
            window,
            shift,
            at_window_end_1,
            at_window_end,
        }
    }

    /// Whether `value` holds one of the stems anywhere, in any case.
    pub(crate) fn contains_ci(&self, value: &str) -> bool {
        self.contains_ci_bytes(value.as_bytes())
    }

    /// [`StemSet::contains_ci`] for bytes.
    pub(crate) fn contains_ci_bytes(&self, b: &[u8]) -> bool {
        if self.has_empty {
            return true;
        }
        if self.window > 0 {
            return self.skip_scan(b);
        }
        for (i, &c) in b.iter().enumerate() {
            let mut m = self.by_byte[c as usize];
            if m == 0 {
                continue;
            }
            // The byte after rules out most stems before they are compared.
            m &= match b.get(i + 1) {
                Some(&next) => self.by_second[next as usize],
                None => self.single,
            };
            while m != 0 {
                let sb = self.stems[m.trailing_zeros() as usize].as_bytes();
                if b.get(i..i + sb.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(sb))
                {
                    return true;
                }
                m &= m - 1;
            }
        }
        false
    }

    /// The skip-scan (see [`StemSet`]); `end` is the window's last byte.
    fn skip_scan(&self, b: &[u8]) -> bool {
        let w = self.window;
        let mut end = w - 1;
        while end < b.len() {
            let (x, y) = (b[end - 1], b[end]);
            let d = self.shift[pair_index(x, y)];
            if d > 0 {
                end += d as usize;
                continue;
            }
            let start = end + 1 - w;
            let mut m = self.at_window_end_1[BYTE_CLASS[x as usize] as usize]
                & self.at_window_end[BYTE_CLASS[y as usize] as usize];
            while m != 0 {
                let sb = self.stems[m.trailing_zeros() as usize].as_bytes();
                if b.get(start..start + sb.len())
                    .is_some_and(|v| v.eq_ignore_ascii_case(sb))
                {
                    return true;
                }
                m &= m - 1;
            }
            end += 1;
        }
        false
    }
}

/// Words of several lists with, for each, the bits of the lists it is in:
/// a hash table built at compile time (FNV-1a, open addressing; an empty key
/// marks a free slot), so a word is looked up once instead of in each list.
/// `SLOTS` is a power of two, at least twice the words listed; up to 32
/// lists (one bit each). Used by authors, comments and lang.
pub(crate) struct WordBits<const SLOTS: usize> {
    keys: [&'static str; SLOTS],
    bits: [u32; SLOTS],
}

impl<const SLOTS: usize> WordBits<SLOTS> {
    /// The table of `lists`, each with its bit (or bits).
    pub(crate) const fn new(lists: &[(&'static [&'static str], u32)]) -> Self {
        assert!(SLOTS.is_power_of_two(), "WordBits needs a power of two");
        let mut t = WordBits {
            keys: [""; SLOTS],
            bits: [0; SLOTS],
        };
        let (mut l, mut filled) = (0, 0);
        while l < lists.len() {
            let (list, bit) = lists[l];
            let mut k = 0;
            while k < list.len() {
                let key = list[k].as_bytes();
                assert!(!key.is_empty(), "a listed word is empty");
                let mut i = word_hash(key) & (SLOTS - 1);
                loop {
                    if t.keys[i].is_empty() {
                        t.keys[i] = list[k];
                        filled += 1;
                        assert!(filled * 2 <= SLOTS, "WordBits: too few slots");
                        break;
                    }
                    if bytes_eq(t.keys[i].as_bytes(), key) {
                        break;
                    }
                    i = (i + 1) & (SLOTS - 1);
                }
                t.bits[i] |= bit;
                k += 1;
            }
            l += 1;
        }
        t
    }

    /// The bits of every list that holds `w` exactly (0 for none).
    pub(crate) fn get(&self, w: &str) -> u32 {
        if w.is_empty() {
            return 0;
        }
        let mut i = word_hash(w.as_bytes()) & (SLOTS - 1);
        loop {
            let key = self.keys[i];
            if key.is_empty() {
                return 0;
            }
            if key == w {
                return self.bits[i];
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }
}

/// FNV-1a of a word, for [`WordBits`].
const fn word_hash(b: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h as usize
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::StemSet;

    const SET: StemSet = StemSet::new(&["byline", "author", "-x"]);

    #[test]
    fn stems_found_in_any_case_anywhere() {
        assert!(SET.contains_ci("post-AUTHOR"));
        assert!(SET.contains_ci("ByLine"));
        assert!(SET.contains_ci("box-x"));
        assert!(!SET.contains_ci("autho"));
        assert!(!SET.contains_ci("authr byli"));
        assert!(!SET.contains_ci(""));
        assert!(StemSet::new(&[""]).contains_ci("anything"));
        assert!(StemSet::new(&["x"]).contains_ci("boX"));
        assert!(StemSet::new(&["x", "ab"]).contains_ci("xa"));
        assert!(!StemSet::new(&["ab"]).contains_ci("xa"));
    }

    /// The skip-scan finds exactly what a search for each stem in the
    /// lowercased value finds, on values made of the stems' letters.
    #[test]
    fn skip_scan_agrees_with_a_plain_search() {
        static SETS: [StemSet; 4] = [
            StemSet::new(&["comment", "komment", "coment", "disqus", "replies"]),
            StemSet::new(&["byl", "author", "autor", "writer", "verfasser"]),
            StemSet::new(&["date", "datum", "time", "meta", "publi", "2x-y"]),
            StemSet::new(&["aaa", "aab", "aba"]),
        ];
        const ALPHABET: &[u8] = b"aAbBcCdDeEiIkKlLmMnNoOrRsStTuUwWyY0129- _\xc3\xa9";
        let mut seed = 0x2545_f491_u32;
        for set in &SETS {
            assert!(set.window >= super::SKIP_MIN_STEM);
            for _ in 0..20_000 {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let len = (seed >> 24) as usize % 24;
                let mut v = Vec::with_capacity(len);
                for _ in 0..len {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    v.push(ALPHABET[(seed >> 16) as usize % ALPHABET.len()]);
                }
                // Plant a stem now and then, in mixed case.
                if seed % 3 == 0 && !v.is_empty() {
                    let st = set.stems()[(seed >> 8) as usize % set.stems().len()];
                    let at = (seed >> 12) as usize % v.len();
                    for (k, c) in st.bytes().enumerate() {
                        let c = if k % 2 == 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        };
                        if at + k < v.len() {
                            v[at + k] = c;
                        } else {
                            v.push(c);
                        }
                    }
                }
                let lower = v.to_ascii_lowercase();
                let plain = set
                    .stems()
                    .iter()
                    .any(|st| lower.windows(st.len()).any(|w| w == st.as_bytes()));
                assert_eq!(
                    set.contains_ci_bytes(&v),
                    plain,
                    "{:?}",
                    String::from_utf8_lossy(&v)
                );
            }
        }
    }
}
