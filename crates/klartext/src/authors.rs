//! Authors: who wrote the article, as a list of person names.
//!
//! A page names its authors in several places that often disagree: JSON-LD
//! (`author` of the article object, a `Person` or a reference to one in the
//! `@graph`), `<meta>` tags (`author`, `article:author`, `dc.creator`,
//! `parsely-author`, …), microdata (`itemprop=author`), `rel=author` links,
//! byline elements named `byline`/`author`/`autor`/`writer`, and plain
//! "By X" / "Von X" / "Par X" lines near the headline.
//!
//! Each source gives a raw string; [`clean_names`] turns it into names: the
//! lead word ("By", "Von", "Par" …) goes, roles ("Staff Writer",
//! "Redakteur"), dates, e-mail addresses and agencies (dpa, Reuters …) go,
//! and "A and B" / "A und B" / "A, B" split into one name each.
//!
//! The visible byline near the headline is preferred to metadata (CMS
//! metadata is often a site account or stale); metadata fills in when the
//! page shows no byline. Names inside comment sections are never taken.

use crate::analyze::{flag, Analysis, ChromeWhy};
use crate::dom::{Dom, NodeData, NodeId, NONE};
use crate::meta::{fold, fold_eq, folds_equal};
use crate::patterns::{StemSet, WordBits};
use html5ever::local_name;

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

/// Words that introduce a byline, in the languages of the benchmark pages
/// (en, de, fr, es, pt, it, nl, sv/da/no). Compared lowercase, with a
/// trailing colon removed. They end the name being read and drop the words
/// before them in it ("Posted by X" → "X").
const LEAD_WORDS: &[&str] = &[
    "by",
    "written",
    "posted",
    "von",
    "vom",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "author",
    "authors",
    "autor",
    "autorin",
    "autoren",
    "auteur",
    "auteurs",
    "autore",
    "autori",
    "text",
    "texte",
    "texto",
    "testo",
    "geschrieben",
    "verfasst",
    "beitrag",
    "escrito",
    "scritto",
    "reported",
    "story",
    "words",
    "from",
    "da",
    "cura",
    "redacción",
    "redaktion:",
    "作者",
    "记者",
];

/// Words that, written lowercase between two capitalised words, belong to a
/// name ("Walter von Aachen", "Nick van Mead", "Michiel de Jong").
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "ter", "ten", "bin", "ibn", "al", "el", "zu", "vom", "y",
];

/// Words that join two names ("A and B", "A und B", "A et B", "A y B").
const CONJUNCTIONS: &[&str] = &["and", "und", "&", "et", "y", "e", "og", "en", "och", "i"];

/// Job titles and roles that follow or replace a name in bylines. A name
/// run that contains one is a role, not a person ("Staff Writer",
/// "Education Editor", "Redakteurin").
const ROLE_WORDS: &[&str] = &[
    "editor",
    "editors",
    "editorial",
    "writer",
    "writers",
    "correspondent",
    "reporter",
    "reporters",
    "columnist",
    "contributor",
    "contributors",
    "contributing",
    "staff",
    "journalist",
    "journalistin",
    "redakteur",
    "redakteurin",
    "redaktion",
    "korrespondent",
    "korrespondentin",
    "autor",
    "autorin",
    "chefredakteur",
    "chefredakteurin",
    "rédaction",
    "rédacteur",
    "rédactrice",
    "journaliste",
    "envoyé",
    "envoyée",
    "spécial",
    "redacción",
    "redactor",
    "redactora",
    "periodista",
    "corresponsal",
    "redazione",
    "giornalista",
    "redactie",
    "manager",
    "director",
    "producer",
    "founder",
    "ceo",
    "analyst",
    "intern",
    "assistant",
    "senior",
    "chief",
    "deputy",
    "associate",
    "freelance",
    "freier",
    "freie",
    "mitarbeiter",
    "mitarbeiterin",
    "guest",
    "gastautor",
    "gastautorin",
    "newsroom",
    "desk",
    "expert",
    "specialist",
    "strategist",
    "officer",
    "president",
    "professor",
    "student",
    "researcher",
    "photographer",
    "fotograf",
    "fotografin",
    "updated",
    "published",
    "follow",
    "view",
    "more",
    "about",
    "read",
    "share",
    "email",
    "e-mail",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "profile",
    "bio",
    "posts",
    "articles",
    "artikel",
    "beiträge",
    "kommentare",
    "comments",
    "ago",
    "co-founder",
    "cofounder",
    "coordinator",
    "consultant",
    "reviewer",
    "attorney",
    "lawyer",
    "lead",
    "head",
    "certified",
    "master",
    "vp",
    "cto",
    "coo",
    "cmo",
    "cfo",
    "cio",
    "svp",
    "evp",
    "owner",
    "host",
    "moderator",
    "member",
    "members",
    "edited",
];

/// Words of page furniture that end up inside byline boxes ("Sign Up",
/// "Last updated", "Fact checked", "Advertiser Disclosure"): a name run that
/// holds one is not a name.
const UI_WORDS: &[&str] = &[
    "sponsored",
    "advertiser",
    "disclosure",
    "checked",
    "reviewed",
    "medically",
    "privacy",
    "cookie",
    "cookies",
    "paid",
    "related",
    "topics",
    "sections",
    "guides",
    "tags",
    "categories",
    "category",
    "sign",
    "login",
    "log",
    "subscribe",
    "account",
    "delete",
    "reply",
    "comment",
    "last",
    "insights",
    "menu",
    "search",
    "newsletter",
    "podcast",
    "youtube",
    "bluesky",
    "mastodon",
    "threads",
    "reputation",
];

/// Words about time that end a name in a byline ("R. R. am 12.3.2014",
/// "Jane Doe on March 3", "Published 3 May by …"); the run they interrupt is
/// dropped when they come first.
const TIME_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "veröffentlicht",
    "aktualisiert",
    "erstellt",
    "stand",
    "publié",
    "publiée",
    "modifié",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "gepubliceerd",
    "am",
    "on",
    "um",
    "le",
    "el",
    "il",
    "at",
    "uhr",
    "pm",
    "today",
    "yesterday",
    "heute",
    "gestern",
    "hours",
    "minutes",
    "min",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "cet",
    "cest",
    "mez",
    "mesz",
    "bst",
    "ist",
    "aest",
];

/// Month names and their short forms (en, de, fr, es, it, nl, pt); a word
/// that is one is part of a date, never of a name.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "januar",
    "jänner",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    "oktober",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
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
];

/// News agencies and wire services: credited, but not authors (the
/// `agency` field names them).
const AGENCIES: &[&str] = &[
    "dpa",
    "reuters",
    "afp",
    "ap",
    "kna",
    "epd",
    "ansa",
    "efe",
    "apa",
    "sda",
    "ddp",
    "upi",
    "ats",
    "belga",
    "anp",
    "tt",
    "ntb",
    "pa",
    "aap",
    "cp",
    "ips",
    "sid",
    "dts",
    "kyodo",
    "xinhua",
    "tass",
    "itar-tass",
    "ria",
    "bloomberg",
    "associatedpress",
    "agencefrancepresse",
    "deutschepresseagentur",
    "theassociatedpress",
    "cnn",
    "bbc",
    "spx",
    "dpaafx",
    "afx",
    "europapress",
    "europa press",
    "agencias",
    "agenturen",
    "agences",
    "ots",
    "pressetext",
];

/// Account and desk names that CMSs put where a person's name belongs.
/// Compared after folding (lowercase letters and digits only).
const GENERIC_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "administrador",
    "webmaster",
    "staff",
    "editor",
    "editors",
    "theeditors",
    "editorial",
    "editorialstaff",
    "editorialteam",
    "newsdesk",
    "newsroom",
    "redaktion",
    "redaktionen",
    "rédaction",
    "redaccion",
    "redacción",
    "redazione",
    "redactie",
    "team",
    "guest",
    "gast",
    "anonymous",
    "anonym",
    "unknown",
    "user",
    "author",
    "autor",
    "auteur",
    "root",
    "null",
    "undefined",
    "none",
    "nobody",
    "wordpress",
    "by",
    "von",
    "par",
    "share",
    "follow",
    "more",
    "home",
    "news",
    "online",
    "web",
    "online-redaktion",
    "onlineredaktion",
    "ourforeignstaff",
    "pagebody",
];

/// Picture credits and captions start like this; such lines name a
/// photographer, not an author.
const CREDIT_LEADS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "bilder",
    "image",
    "credit",
    "quelle",
    "source",
    "©",
    "(c)",
    "illustration",
    "grafik",
    "video",
];

/// Class/id stems of byline elements: a class or id that contains one of
/// these (`byline`, `post-author`, `authorName`, `autor`, `writer`).
const BYLINE_STEMS: StemSet = StemSet::new(&[
    "byline",
    "author",
    "autor",
    "auteur",
    "writer",
    "byl",
    "verfasser",
    "reporter",
    "creator",
]);

/// Class/id stems that mark the parts of an author box that are not the
/// name (`author-bio`, `author-avatar`, `author-description`).
const NOT_NAME_STEMS: StemSet = StemSet::new(&[
    "avatar", "image", "img", "photo", "pic", "bio", "desc", "about", "social", "follow", "job",
    "position", "role", "title", "label", "more", "posts", "comment", "count",
]);

/// Path parts of links to an author's page (`/author/jane-doe`).
pub(crate) const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/autor/",
    "/autoren/",
    "/auteur/",
    "/autore/",
    "/writer/",
    "/writers/",
    "/journalist/",
    "/journalists/",
    "/redakteur/",
    "/people/",
    "/staff/",
    "/profile/",
    "/profiles/",
    "/user/",
    "/users/",
    "/members/",
    "/member/",
];

/// JSON-LD types of organisations: as an `author` they are not a person.
const ORGANIZATION_TYPES: &[&str] = &[
    "Organization",
    "NewsMediaOrganization",
    "Corporation",
    "EducationalOrganization",
    "GovernmentOrganization",
    "LocalBusiness",
    "NGO",
    "Brand",
    "WebSite",
];

// ---------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------

/// A byline element holds at most this many visible characters; longer ones
/// are author boxes with a biography, whose name part is its own element.
const MAX_BYLINE_CHARS: u32 = 160;
/// A "By X" line found by its text alone is this short at most.
const MAX_LEAD_LINE_CHARS: u32 = 110;
/// A name has at least this many letters or digits ...
const MIN_NAME_CHARS: usize = 2;
/// ... at most this many words ...
const MAX_NAME_WORDS: usize = 5;
/// ... and this many characters.
const MAX_NAME_CHARS: usize = 60;
/// A byline counts as near the headline when at most this many characters
/// of visible text stand between them, the byline after the headline ...
const NEAR_AFTER_HEADLINE: u32 = 400;
/// ... or before it (bylines above the headline).
const NEAR_BEFORE_HEADLINE: u32 = 150;
/// A box named like comments with less text than this, near the headline,
/// is a meta line with a comment count, not a comment section.
const COMMENT_BOX_MAX_META_CHARS: u32 = 200;
/// A byline on the page with this score (near the headline, or confirmed
/// by metadata) beats the metadata; without metadata any byline is taken
/// (measured: even lone author-page links are right more often than not).
const TRUSTED_BYLINE_SCORE: i32 = 5;
/// A name found in this many candidates is the page's author more likely
/// than a name found once.
const REPEATED_BYLINE_COUNT: usize = 3;
/// At most this many bylines are read from one page (the later steps
/// compare them pairwise).
const MAX_CANDIDATES: usize = 200;
/// Co-author links follow each other within this many nodes.
const CO_AUTHOR_MAX_GAP: u32 = 12;
/// At most this many names come out of one byline.
const MAX_NAMES: usize = 8;
/// Levels a "By" text node climbs to find the name that follows it in a
/// sibling element (`<span>By</span><a>Jane Doe</a>`).
const LEAD_CLIMB_LEVELS: usize = 3;

// ---------------------------------------------------------------------------
// Metadata sources (filled by `meta::collect`)
// ---------------------------------------------------------------------------

/// What the page's metadata says about its authors, gathered while
/// `meta::collect` reads `<meta>` tags and JSON-LD.
#[derive(Debug, Default)]
pub struct AuthorMeta {
    /// Raw names from the first JSON-LD article object with an `author`.
    ld: Vec<String>,
    /// `@id`s of that `author` without a name, resolved against `ld_people`.
    ld_refs: Vec<String>,
    /// Every JSON-LD `Person` with an `@id` and a name.
    ld_people: Vec<(String, String)>,
    /// Whether an article object has been read for authors.
    ld_done: bool,
    /// `<meta>` author values with the rank of their tag (lower is better).
    tags: Vec<(u8, String)>,
    /// Names of organisations in the JSON-LD (publisher, brand): never
    /// authors.
    orgs: Vec<String>,
    /// `N` of a `twitter:labelN` that says "Written by" (Yoast).
    twitter_written_by: Option<String>,
}

/// `<meta>` names that carry an author, best first.
const META_AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "article:author_name",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "cxenseparse:author",
    "byl",
    "citation_author",
    "book:author",
];

/// Labels of Twitter's "label/data" pairs that announce the author.
const TWITTER_AUTHOR_LABELS: &[&str] = &[
    "written by",
    "verfasst von",
    "geschrieben von",
    "écrit par",
    "escrito por",
    "scritto da",
    "autor",
    "author",
];

impl AuthorMeta {
    /// Read one `<meta>` tag (`key` lowercased).
    pub fn meta_tag(&mut self, key: &str, content: &str) {
        if let Some(rank) = META_AUTHOR_KEYS.iter().position(|k| *k == key) {
            let v = content.trim();
            if !v.is_empty() && !looks_like_url(v) {
                self.tags.push((rank as u8, v.to_string()));
            }
            return;
        }
        if let Some(n) = key.strip_prefix("twitter:label") {
            let label = content.trim().to_lowercase();
            if TWITTER_AUTHOR_LABELS.contains(&label.as_str()) {
                self.twitter_written_by = Some(n.to_string());
            }
        } else if let Some(n) = key.strip_prefix("twitter:data") {
            if self.twitter_written_by.as_deref() == Some(n) {
                self.tags
                    .push((META_AUTHOR_KEYS.len() as u8, content.trim().to_string()));
            }
        }
    }

    /// Read one JSON-LD object of types `types`; `is_article` when it
    /// describes the page's article.
    pub fn json_ld(
        &mut self,
        o: &serde_json::Map<String, serde_json::Value>,
        types: &[&str],
        is_article: bool,
    ) {
        if types.contains(&"Person") {
            if let (Some(id), Some(name)) = (o.get("@id").and_then(|v| v.as_str()), person_name(o))
            {
                self.ld_people.push((id.to_string(), name));
            }
        }
        // Personal sites describe their owner as `["Person", "Organization"]`:
        // a person still.
        if types.iter().any(|t| ORGANIZATION_TYPES.contains(t)) && !types.contains(&"Person") {
            if let Some(n) = o.get("name").and_then(|v| v.as_str()) {
                self.orgs.push(fold(n));
            }
        }
        if let Some(n) = o
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(|v| v.as_str())
        {
            self.orgs.push(fold(n));
        }
        if !is_article || self.ld_done {
            return;
        }
        if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
            self.ld_done = true;
            self.read_ld_author(a, 0);
        }
    }

    fn read_ld_author(&mut self, v: &serde_json::Value, depth: usize) {
        if depth > 3 {
            return;
        }
        match v {
            serde_json::Value::String(s) => {
                if !looks_like_url(s) {
                    self.ld.push(s.clone());
                }
            }
            serde_json::Value::Array(a) => {
                for x in a.iter().take(MAX_NAMES) {
                    self.read_ld_author(x, depth + 1);
                }
            }
            serde_json::Value::Object(o) => {
                let types = type_list(o);
                // An organisation as author is not a person (sites mistype
                // people as organisations too, so its name is not banned).
                if types.iter().any(|t| ORGANIZATION_TYPES.contains(t))
                    && !types.contains(&"Person")
                {
                    return;
                }
                if let Some(n) = person_name(o) {
                    self.ld.push(n);
                } else if let Some(id) = o.get("@id").and_then(|v| v.as_str()) {
                    self.ld_refs.push(id.to_string());
                }
            }
            _ => {}
        }
    }

    /// The JSON-LD author names, references resolved.
    fn ld_names(&self) -> Vec<String> {
        let mut out = self.ld.clone();
        for r in &self.ld_refs {
            if let Some((_, n)) = self.ld_people.iter().find(|(id, _)| id == r) {
                out.push(n.clone());
            }
        }
        out
    }

    /// The `<meta>` author values of the best-ranked tag present.
    fn tag_names(&self) -> Vec<String> {
        let Some(best) = self.tags.iter().map(|t| t.0).min() else {
            return Vec::new();
        };
        self.tags
            .iter()
            .filter(|t| t.0 == best)
            .map(|t| t.1.clone())
            .collect()
    }
}

/// The `@type` of a JSON-LD object as a list.
pub fn type_list(o: &serde_json::Map<String, serde_json::Value>) -> Vec<&str> {
    match o.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => vec![],
    }
}

/// `name`, or `givenName familyName`, of a JSON-LD person.
fn person_name(o: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    match o.get("name") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => return Some(s.clone()),
        Some(serde_json::Value::Array(a)) => {
            if let Some(s) = a.iter().find_map(|x| x.as_str()) {
                return Some(s.to_string());
            }
        }
        _ => {}
    }
    let given = o.get("givenName").and_then(|v| v.as_str()).unwrap_or("");
    let family = o.get("familyName").and_then(|v| v.as_str()).unwrap_or("");
    let full = format!("{} {}", given.trim(), family.trim());
    let full = full.trim();
    (!full.is_empty()).then(|| full.to_string())
}

/// `jungefreiheit.de`, `LAOLA1.at`: a site's address given as its author.
fn looks_like_domain(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    match w.rsplit_once('.') {
        Some((host, tld)) => {
            !host.is_empty()
                && host.chars().last().is_some_and(|c| c.is_alphanumeric())
                && (2..=4).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_lowercase())
        }
        None => false,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

// ---------------------------------------------------------------------------
// Cleaning a byline into names
// ---------------------------------------------------------------------------

/// How a name is joined to the one before it in a byline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Join {
    /// "and", "und", a comma: a list of names.
    Soft,
    /// A line break, a bar, a dash, a date, a lowercase word: what follows
    /// is something else (a role, a section) unless it is clearly a name.
    Hard,
}

/// Is the next word capitalised, possibly after more particles ("van der
/// Merwe")?
fn particle_ahead(rest: &[&str]) -> bool {
    for w in rest.iter().take(3) {
        if starts_cap(w) {
            return true;
        }
        if !NAME_PARTICLES.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    false
}

/// Words that attach an affiliation to a name ("Heidi Parker For
/// Dailymail.com", "Staff writer at The Atlantic", "für die Zeit"): the
/// name before them stays, what follows up to the next separator goes.
const AFFILIATION_WORDS: &[&str] = &[
    "for", "für", "pour", "para", "per", "voor", "at", "bei", "chez",
];

/// What one word of a byline is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    /// Capitalised, an initial, or a letter of a script without case.
    Cap,
    /// Lowercase, not one of the lists.
    Lower,
    Particle,
    Lead,
    Conjunction,
    /// "for", "für", "at": an affiliation follows.
    Affiliation,
    Role,
    /// A date, a time, a number.
    Time,
    /// Breaks the byline into parts: `,` `;` `|` `/` `•` `–` newlines …
    Separator,
    /// An e-mail address, a URL, a handle.
    Junk,
}

fn lower_no_colon(w: &str) -> String {
    w.trim_end_matches([':', '.']).to_lowercase()
}

/// [`lower_no_colon`] without allocating for an ASCII word that fits in
/// `buf` (most do): lowercased there, else into `owned`.
fn lower_no_colon_in<'a>(w: &str, buf: &'a mut [u8], owned: &'a mut String) -> &'a str {
    let trimmed = w.trim_end_matches([':', '.']);
    match buf.get_mut(..trimmed.len()) {
        Some(dst) if trimmed.is_ascii() => {
            dst.copy_from_slice(trimmed.as_bytes());
            dst.make_ascii_lowercase();
            std::str::from_utf8(dst).unwrap_or_default()
        }
        _ => {
            *owned = trimmed.to_lowercase();
            owned
        }
    }
}

/// Longest word [`classify_word`] lowercases on the stack, in bytes.
const WORD_BUF_BYTES: usize = 32;

/// The lists [`classify_word`] looks a lowercased word up in, each with
/// its bit ([`CONJUNCTIONS`] are compared as written).
const CLASSIFY_LISTS: [(&[&str], u32); 7] = [
    (LEAD_WORDS, listed::LEAD),
    (NAME_PARTICLES, listed::PARTICLE),
    (AFFILIATION_WORDS, listed::AFFILIATION),
    (TIME_WORDS, listed::TIME),
    (MONTHS, listed::MONTH),
    (ROLE_WORDS, listed::ROLE),
    (UI_WORDS, listed::UI),
];

/// Bits of the [`CLASSIFY_LISTS`] a word is in.
mod listed {
    pub const LEAD: u32 = 1;
    pub const PARTICLE: u32 = 2;
    pub const AFFILIATION: u32 = 4;
    pub const TIME: u32 = 8;
    pub const MONTH: u32 = 16;
    pub const ROLE: u32 = 32;
    pub const UI: u32 = 64;
}

/// Every word of [`CLASSIFY_LISTS`] with the bits of the lists it is in: a
/// word of a byline is looked up once, not in each list.
static LISTED_WORDS: WordBits<1024> = WordBits::new(&CLASSIFY_LISTS);

fn classify_word(
    w: &str,
    next_is_cap: bool,
    in_run: bool,
    lead_before_full_name: bool,
    near_digit: bool,
) -> Word {
    // `://` looked for only in a word with a colon: a substring search
    // builds a searcher first, a byte search does not.
    if w.contains('@') && w.len() > 1
        || (w.contains(':') && w.contains("://"))
        || w.starts_with("www.")
        || looks_like_domain(w)
        || (w.contains('&') && w.len() > 1)
    {
        return Word::Junk;
    }
    // Lowercased without a trailing colon; an ASCII word (most are) on
    // the stack.
    let (mut buf, mut owned) = ([0u8; WORD_BUF_BYTES], String::new());
    let lw = lower_no_colon_in(w, &mut buf, &mut owned);
    if lw.is_empty() {
        return Word::Separator;
    }
    let listed = LISTED_WORDS.get(lw);
    if w.chars().any(|c| c.is_ascii_digit()) {
        return Word::Time;
    }
    // Conjunctions as written: "E." and "Y" are initials.
    if CONJUNCTIONS.contains(&w) {
        return Word::Conjunction;
    }
    if listed & listed::AFFILIATION != 0 {
        return Word::Affiliation;
    }
    let first = w.chars().next().unwrap_or(' ');
    let lowercase_start = first.is_lowercase();
    // A particle between names ("Walter von Aachen", "Loïc Le Clerc"); but
    // "Alles von Martin Junker" is a lead before a full name.
    if in_run
        && next_is_cap
        && listed & listed::PARTICLE != 0
        && !(lead_before_full_name && listed & listed::LEAD != 0)
    {
        return Word::Particle;
    }
    if listed & listed::LEAD != 0 && (lowercase_start || !in_run || w.ends_with(':')) {
        return Word::Lead;
    }
    if listed & listed::TIME != 0 {
        return Word::Time;
    }
    // A month is a date next to a number ("June 3", "3. Mai"); otherwise,
    // capitalised, it is a name ("Laura June Topolsky", "Tom May").
    if (lowercase_start || near_digit) && listed & listed::MONTH != 0 {
        return Word::Time;
    }
    // Roles, also as part of a compound ("Editor-in-Chief", "Co-Founder"),
    // and labels ("Tags:", "Threads:").
    if listed & (listed::ROLE | listed::UI) != 0
        || (lw.contains('-')
            && lw
                .split('-')
                .any(|p| LISTED_WORDS.get(p) & listed::ROLE != 0))
        || (w.ends_with(':') && w.chars().count() > 2)
    {
        return Word::Role;
    }
    if lowercase_start {
        return Word::Lower;
    }
    if first.is_alphabetic() || first == '\'' || first == '"' || first == '(' {
        return Word::Cap;
    }
    Word::Junk
}

/// Characters that split a byline into parts (names, roles, dates). The
/// straight and typographic apostrophes are not among them ("O’Connor").
const SEPARATORS: &[char] = &[
    ',', ';', '|', '/', '•', '·', '–', '—', '\n', '：', '(', ')', '[', ']', '»', '«', '"', '“',
    '”', '+', '*',
];

/// Split a byline into tokens: words, and separators as their own tokens.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = SEPARATORS.contains(&c);
        if c.is_whitespace() || sep {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            if sep {
                out.push(&s[i..i + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    // A hyphen standing alone separates too ("Jane Doe - Reporter").
    for t in out.iter_mut() {
        if *t == "-" {
            *t = "–";
        }
    }
    out
}

fn is_separator_token(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if SEPARATORS.contains(&c))
}

/// Does a word start with a capital (or a letter without case)?
fn starts_cap(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// Turn a raw byline or metadata value into person names.
///
/// Rule `byline-words`: read the words left to right; capitalised words
/// (with lowercase particles between them) make a name; a lead word ("By",
/// "Von", "Par") starts afresh, a conjunction or separator ends a name, a
/// role word ("Editor", "Redakteur") drops the name it is in, a date ends
/// it. `structured` values (metadata, microdata) may be lowercase handles
/// ("karstenruppert"); text found on the page must be capitalised.
pub fn clean_names(raw: &str, structured: bool, not_authors: &[String]) -> Vec<String> {
    let toks = tokens(raw);
    let mut found: Vec<(Vec<&str>, Join)> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    // Whether the current run is spoiled (a role word inside).
    let mut spoiled = false;
    // How the next name is joined to the one before it.
    let mut join = Join::Soft;
    // Inside an affiliation ("For Dailymail.com") up to the next separator.
    let mut affiliation = false;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let mut end = None;
        if affiliation && !is_separator_token(t) {
            // Skip the affiliation up to the next separator.
            i += 1;
            continue;
        }
        if is_separator_token(t) {
            affiliation = false;
            end = Some(if matches!(t, "," | ";" | "/") {
                Join::Soft
            } else {
                Join::Hard
            });
        } else {
            let rest = &toks[i + 1..];
            let full_name_ahead = rest.len() >= 2 && starts_cap(rest[0]) && starts_cap(rest[1]);
            let digit = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
            let near_digit = rest.first().is_some_and(digit)
                || (i > 0 && digit(&toks[i - 1]))
                || (i > 1 && toks[i - 1] == "," && digit(&toks[i - 2]));
            match classify_word(
                t,
                particle_ahead(rest),
                !run.is_empty(),
                full_name_ahead,
                near_digit,
            ) {
                Word::Cap | Word::Particle => {
                    // Strip quotes around nicknames; keep "O'Connor", "J.R.".
                    let w = t.trim_matches(|c: char| c == '\'' || c == '"');
                    if !w.is_empty() {
                        run.push(w);
                    }
                }
                Word::Lead => {
                    run.clear();
                    spoiled = false;
                    join = Join::Hard;
                }
                Word::Conjunction => end = Some(Join::Soft),
                Word::Affiliation => {
                    end = Some(Join::Hard);
                    affiliation = true;
                }
                Word::Role => spoiled = true,
                Word::Time => {
                    if run.len() <= 1
                        && TIME_WORDS.contains(&lower_no_colon(t).as_str())
                        && starts_cap(t)
                    {
                        // "Admin Published …": a capitalised time word drops a lone word before it.
                        run.clear();
                    }
                    end = Some(Join::Hard);
                }
                Word::Lower | Word::Junk => {
                    if structured
                        && run.iter().all(|w| !starts_cap(w))
                        && toks.len() <= 3
                        && t.chars().any(char::is_alphabetic)
                    {
                        // A lowercase handle or name given as the whole
                        // value ("slow-poke", "kirstin boatto").
                        run.push(t);
                    } else {
                        end = Some(Join::Hard);
                    }
                }
                Word::Separator => end = Some(Join::Hard),
            }
        }
        if i + 1 == toks.len() {
            end = end.or(Some(Join::Hard));
        }
        if let Some(next_join) = end {
            // Trailing particles are not part of a name.
            while run.last().is_some_and(|w| {
                NAME_PARTICLES.contains(&w.to_lowercase().as_str()) && run.len() > 1
            }) {
                run.pop();
            }
            if !run.is_empty() && !spoiled {
                found.push((std::mem::take(&mut run), join));
                join = next_join;
            } else if next_join == Join::Hard {
                join = Join::Hard;
            }
            run.clear();
            spoiled = false;
        }
        i += 1;
    }
    let mut out: Vec<String> = Vec::new();
    let mut out_words: Vec<usize> = Vec::new();
    for (words, join) in found {
        let n = words.join(" ");
        let k = fold(&n);
        if k.chars().count() < MIN_NAME_CHARS
            || words.len() > MAX_NAME_WORDS
            || n.chars().count() > MAX_NAME_CHARS
            || AGENCIES.contains(&k.as_str())
            || GENERIC_NAMES.contains(&k.as_str())
            || not_authors.contains(&k)
            || out.iter().any(|o| fold_eq(o, &k))
        {
            continue;
        }
        // Rule `later-names-are-joined`: a second name follows the first
        // after "and" or a comma, and is a full name ("A, B and C"); a
        // word after a line break or a bar is a role, a section or a date
        // ("Jane Doe | SEO"). A full name after such a break replaces lone
        // words before it ("Guides | Jane Doe").
        if !out.is_empty() {
            let full = words.len() >= 2 || structured;
            if join == Join::Hard {
                if !structured && words.len() >= 2 && out_words.iter().all(|&w| w == 1) {
                    out.clear();
                    out_words.clear();
                } else {
                    continue;
                }
            } else if !full {
                continue;
            }
        }
        out.push(n);
        out_words.push(words.len());
        if out.len() >= MAX_NAMES {
            break;
        }
    }
    // A one-word value from markup survives as it is (a handle like
    // "user3080392", "fri.juli"), unless it is a lead, a date or a role.
    if out.is_empty() && structured {
        let v = raw.trim();
        let k = fold(v);
        if !v.is_empty()
            && !v.contains(char::is_whitespace)
            && v.chars().count() <= MAX_NAME_CHARS
            && !k.is_empty()
            && !k.chars().all(|c| c.is_ascii_digit())
            && !v.contains('@')
            && !looks_like_url(v)
            && !GENERIC_NAMES.contains(&k.as_str())
            && !AGENCIES.contains(&k.as_str())
            && !not_authors.contains(&k)
            && !v.ends_with([':', '：'])
            && match classify_word(v, false, false, false, false) {
                Word::Lead | Word::Role | Word::Conjunction | Word::Affiliation => false,
                // "Posted", "June" are no handles; "user3080392" is.
                Word::Time => {
                    v.chars().any(|c| c.is_ascii_digit())
                        && v.chars().filter(|c| c.is_alphabetic()).count() >= 3
                }
                _ => true,
            }
        {
            out.push(v.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Bylines on the page
// ---------------------------------------------------------------------------

/// How a byline on the page was found, weakest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    /// A link to an author page (`/author/jane-doe`).
    AuthorLink,
    /// A class or id named like a byline (`byline`, `post-author`).
    ClassName,
    /// A text line that starts with "By" / "Von" / "Par".
    LeadLine,
    /// `rel=author`.
    Rel,
    /// Microdata `itemprop=author`.
    Itemprop,
}

#[derive(Debug)]
struct Candidate {
    node: NodeId,
    kind: Kind,
    names: Vec<String>,
}

/// Is `id` inside a comment section? A box named like comments that holds
/// little text, no paragraph and no heading, and starts near the headline,
/// is the article's meta line with a comment-count link
/// (`contributor-and-comments`), not a comment section.
fn in_comments(dom: &Dom, an: &Analysis, mut id: NodeId, head: Option<&Headline>) -> bool {
    while id != NONE {
        let i = id as usize;
        if an.chrome_why[i] == Some(ChromeWhy::Comments) {
            let meta_line = an.chars[i] < COMMENT_BOX_MAX_META_CHARS
                && an.paragraphs[i] == 0
                && an.headings[i] == 0
                && head.is_some_and(|h| h.near(an, id));
            if !meta_line {
                return true;
            }
        }
        id = dom.node(id).parent;
    }
    false
}

/// Is `id` inside page chrome (other than comments)?
fn in_chrome(dom: &Dom, an: &Analysis, mut id: NodeId) -> bool {
    while id != NONE {
        if an.has(id, flag::CHROME) {
            return true;
        }
        id = dom.node(id).parent;
    }
    false
}

/// Visible text of `id`, with a newline at block edges and a space at
/// inline ones, cut after `limit` bytes.
fn visible_text(dom: &Dom, an: &Analysis, id: NodeId, limit: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![(id, false)];
    while let Some((n, after)) = stack.pop() {
        if out.len() > limit {
            break;
        }
        let node = dom.node(n);
        match &node.data {
            NodeData::Text(t) => out.push_str(t),
            NodeData::Element(e) => {
                if n != id && an.has(n, flag::SKIP) {
                    continue;
                }
                let block = an.has(n, flag::BLOCK) || &*e.name.local == "br";
                out.push(if block { '\n' } else { INLINE_EDGE });
                if after {
                    continue;
                }
                stack.push((n, true));
                let mut c = node.last_child;
                while c != NONE {
                    stack.push((c, false));
                    c = dom.node(c).prev;
                }
            }
            _ => {}
        }
    }
    // Rule `inline-edges`: an inline element's edge is no word break
    // ("Knigh<span>t</span>"), unless a capital follows it
    // ("<span>By</span><a>Jane</a>").
    let mut text = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c != INLINE_EDGE {
            text.push(c);
            continue;
        }
        while chars.peek() == Some(&INLINE_EDGE) {
            chars.next();
        }
        if chars.peek().is_some_and(|n| !n.is_lowercase()) {
            text.push(' ');
        }
    }
    text
}

/// Marks the edge of an inline element in [`visible_text`] until it is
/// decided whether it breaks a word.
const INLINE_EDGE: char = '\u{1}';

/// Does a class or id value name a byline element (and not a part of an
/// author box that is not the name)?
fn byline_name(value: &str) -> bool {
    if !value.is_ascii() {
        return false;
    }
    let mut hit = false;
    for class in value.split_ascii_whitespace() {
        if BYLINE_STEMS.contains_ci(class) {
            if NOT_NAME_STEMS.contains_ci(class) {
                return false;
            }
            hit = true;
        }
    }
    hit
}

/// Does a link point to an author's page? Looks at each `/` of the link
/// for one of [`AUTHOR_PATHS`] (lowercase, as URLs of such pages are).
fn author_path(href: &str) -> bool {
    let b = href.as_bytes();
    memchr::memchr_iter(b'/', b).any(|i| {
        AUTHOR_PATHS
            .iter()
            .any(|p| b[i..].starts_with(p.as_bytes()))
    })
}

fn attr_has_token(value: &str, token: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case(token))
}

/// The name inside a microdata author scope: its `itemprop=name`, else its
/// text.
fn itemprop_name(dom: &Dom, an: &Analysis, id: NodeId) -> Option<String> {
    let end = an.end[id as usize];
    let start = an.pre[id as usize];
    // Scan the subtree's elements (bounded by the byline size check).
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        if let Some(e) = dom.element(n) {
            if n != id
                && e.attr("itemprop")
                    .is_some_and(|p| attr_has_token(p, "name"))
            {
                if let Some(c) = e.attr("content") {
                    return Some(c.to_string());
                }
                return Some(visible_text(dom, an, n, 200));
            }
        }
        let mut c = dom.node(n).last_child;
        while c != NONE {
            let p = an.pre[c as usize];
            if p != u32::MAX && p >= start && p <= end {
                stack.push(c);
            }
            c = dom.node(c).prev;
        }
    }
    None
}

/// Does the text start with a byline lead ("By", "Von", "Written by",
/// "Autor:")? Returns false for picture credits.
fn starts_with_lead(t: &str) -> bool {
    // Cheap filter first: every text node of the page comes here, and the
    // leads all start with one of these letters.
    if !t.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'b' | b'v' | b'p' | b'd' | b'a' | b't' | b'w' | b'g' | b'e' | b's' | b'r'
        )
    }) {
        return false;
    }
    // The first word, lowercased on the stack. A byte scan finds it when
    // its bytes are ASCII (nearly always: every text node that starts with
    // one of the letters above comes here); else `split_whitespace` does.
    let b = t.as_bytes();
    let mut buf = [0u8; LEAD_WORD_MAX_BYTES];
    let mut n = 0;
    while let Some(&c) = b.get(n) {
        if !c.is_ascii() {
            return starts_with_lead_unicode(t);
        }
        if char::from(c).is_whitespace() {
            break;
        }
        if n == LEAD_WORD_MAX_BYTES {
            return false;
        }
        buf[n] = c.to_ascii_lowercase();
        n += 1;
    }
    let mut m = n;
    while m > 0 && matches!(buf[m - 1], b':' | b'.') {
        m -= 1;
    }
    let lw = std::str::from_utf8(&buf[..m]).unwrap_or_default();
    is_lead(lw, t[..n].ends_with(':'), &t[n..])
}

/// `t.trim_start()`, with a byte loop over leading ASCII white space (the
/// white space text nodes start with); `str::trim_start` only from the first
/// other byte that is not ASCII (it may be a no-break space). Every text
/// node of the page is trimmed for [`starts_with_lead`].
fn trim_start(t: &str) -> &str {
    let n = t
        .bytes()
        .take_while(|&b| b.is_ascii() && char::from(b).is_whitespace())
        .count();
    let rest = &t[n..];
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// Longest first word [`starts_with_lead`] reads, in bytes: the longest
/// lead, `veröffentlicht` (15 bytes; a longer word is none). At 12, as it
/// was, "Veröffentlicht von …" was never read as a byline.
const LEAD_WORD_MAX_BYTES: usize = "veröffentlicht".len();

/// [`starts_with_lead`] for a text whose first word may hold other than
/// ASCII.
fn starts_with_lead_unicode(t: &str) -> bool {
    let Some(first) = t.split_whitespace().next() else {
        return false;
    };
    if first.len() > LEAD_WORD_MAX_BYTES {
        return false;
    }
    let (mut buf, mut owned) = ([0u8; LEAD_WORD_MAX_BYTES], String::new());
    let lw = lower_no_colon_in(first, &mut buf, &mut owned);
    let end = first.as_ptr() as usize - t.as_ptr() as usize + first.len();
    is_lead(lw, first.ends_with(':'), &t[end..])
}

/// Is `lw` (a text's first word, lowercased, without a trailing colon or
/// full stop) a byline lead? `colon`: the word ended with a colon;
/// `rest`: the text after the word.
fn is_lead(lw: &str, colon: bool, rest: &str) -> bool {
    if CREDIT_LEADS.contains(&lw) {
        return false;
    }
    matches!(
        lw,
        "by" | "von" | "vom" | "par" | "por" | "door" | "av" | "af" | "di"
    ) || (colon
        && matches!(
            lw,
            "author"
                | "authors"
                | "autor"
                | "autorin"
                | "autoren"
                | "auteur"
                | "autore"
                | "text"
                | "texte"
                | "texto"
                | "testo"
        ))
        || (matches!(
            lw,
            "written"
                | "posted"
                | "geschrieben"
                | "verfasst"
                | "escrito"
                | "scritto"
                | "reported"
                | "story"
                | "words"
                | "gespeichert"
                | "eingestellt"
                | "veröffentlicht"
        ) && rest
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(lower_no_colon(w).as_str(), "by" | "von" | "por" | "da")))
}

/// All bylines the page shows outside comment sections.
fn page_candidates(
    dom: &Dom,
    an: &Analysis,
    not_authors: &[String],
    head: Option<&Headline>,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    // Pages repeat class values; judge each distinct one once.
    let mut names: foldhash::HashMap<&str, bool> = foldhash::HashMap::default();
    for id in 0..dom.nodes.len() as NodeId {
        let i = id as usize;
        if an.pre[i] == u32::MAX {
            continue;
        }
        if out.len() >= MAX_CANDIDATES {
            break; // bounded work on pages with thousands of author links
        }
        match &dom.node(id).data {
            NodeData::Element(e) => {
                if an.has(id, flag::SKIP) || an.chars[i] == 0 {
                    continue;
                }
                if matches!(
                    e.name.local,
                    local_name!("body")
                        | local_name!("html")
                        | local_name!("main")
                        | local_name!("article")
                        | local_name!("head")
                ) {
                    continue;
                }
                let is_a = e.name.local == local_name!("a");
                let mut kind = None;
                let mut raw: Option<String> = None;
                for a in &e.attrs {
                    let v: &str = &a.value;
                    // Attribute names compared as interned atoms (one
                    // integer compare each) but for the `data-` ones.
                    match a.name.local {
                        local_name!("itemprop")
                            if attr_has_token(v, "author") || attr_has_token(v, "creator") =>
                        {
                            let org = e
                                .attr("itemtype")
                                .is_some_and(|t| t.contains("Organization"));
                            if !org {
                                kind = Some(Kind::Itemprop);
                            }
                        }
                        local_name!("rel") if is_a && attr_has_token(v, "author") => {
                            kind = kind.max(Some(Kind::Rel));
                        }
                        // A value with no byline stem anywhere names no byline:
                        // that scan is cheaper than the cache's hashing, and
                        // most values fail it.
                        local_name!("class") | local_name!("id")
                            if BYLINE_STEMS.contains_ci(v)
                                && *names.entry(v).or_insert_with(|| byline_name(v)) =>
                        {
                            kind = kind.max(Some(Kind::ClassName));
                        }
                        local_name!("href") if is_a && author_path(v) => {
                            kind = kind.max(Some(Kind::AuthorLink));
                        }
                        // These two have no atom: compared as strings.
                        _ if matches!(&*a.name.local, "data-testid" | "data-component")
                            && byline_name(v) =>
                        {
                            kind = kind.max(Some(Kind::ClassName));
                        }
                        _ => {}
                    }
                }
                let Some(kind) = kind else { continue };
                if an.chars[i] > MAX_BYLINE_CHARS && kind != Kind::Itemprop {
                    continue;
                }
                if kind == Kind::Itemprop {
                    raw = itemprop_name(dom, an, id);
                    if raw.is_none() && an.chars[i] > MAX_BYLINE_CHARS {
                        continue;
                    }
                }
                let raw = raw.unwrap_or_else(|| visible_text(dom, an, id, 400));
                let first = raw.split_whitespace().next().map(lower_no_colon);
                if first.is_some_and(|f| CREDIT_LEADS.contains(&f.as_str())) {
                    continue;
                }
                // An element that holds just one word is a name field
                // (`<span class="author vcard">oz</span>`): as sure as markup.
                let structured = kind >= Kind::Rel || raw.split_whitespace().count() == 1;
                let names = clean_names(&raw, structured, not_authors);
                if names.is_empty() || in_comments(dom, an, id, head) {
                    continue;
                }
                out.push(Candidate {
                    node: id,
                    kind,
                    names,
                });
            }
            NodeData::Text(t) => {
                let parent = dom.node(id).parent;
                if parent == NONE || !starts_with_lead(trim_start(t)) {
                    continue;
                }
                // Climb from the text to the element that holds the name too.
                let mut el = parent;
                for _ in 0..LEAD_CLIMB_LEVELS {
                    if el == NONE || an.chars[el as usize] > MAX_LEAD_LINE_CHARS {
                        break;
                    }
                    let raw = visible_text(dom, an, el, 400);
                    if !starts_with_lead(raw.trim_start()) {
                        break;
                    }
                    let names = clean_names(&raw, false, not_authors);
                    if !names.is_empty() {
                        if !in_comments(dom, an, el, head) {
                            out.push(Candidate {
                                node: el,
                                kind: Kind::LeadLine,
                                names,
                            });
                        }
                        break;
                    }
                    el = dom.node(el).parent;
                }
            }
            _ => {}
        }
    }
    out
}

/// The element of the headline: the first `h1`–`h3` whose text is the title,
/// else the first visible `h1`.
fn headline_node(dom: &Dom, an: &Analysis, title: Option<&str>) -> Option<NodeId> {
    let key = title.map(fold).filter(|k| !k.is_empty());
    let mut first_h1 = None;
    for id in 0..dom.nodes.len() as NodeId {
        let tag = dom.tag(id);
        if !matches!(tag, "h1" | "h2" | "h3")
            || an.pre[id as usize] == u32::MAX
            || an.chars[id as usize] == 0
        {
            continue;
        }
        if tag == "h1" && first_h1.is_none() {
            first_h1 = Some(id);
        }
        if let Some(k) = &key {
            let mut t = String::new();
            dom.text_of(id, &mut t);
            if fold_eq(&t, k) {
                return Some(id);
            }
        }
    }
    first_h1
}

/// The headline's place, and the visible text before each place in
/// document order, to tell how far a byline is from the headline.
struct Headline {
    pre: u32,
    /// `text_before[k]`: visible characters in text nodes before preorder `k`.
    text_before: Vec<u32>,
}

impl Headline {
    fn new(dom: &Dom, an: &Analysis, node: NodeId) -> Headline {
        let n = dom.nodes.len();
        let mut at = vec![0u32; n + 1];
        for id in 0..n {
            let p = an.pre[id];
            if p != u32::MAX && (p as usize) < n && matches!(dom.nodes[id].data, NodeData::Text(_))
            {
                at[p as usize + 1] = an.chars[id];
            }
        }
        for k in 1..at.len() {
            at[k] += at[k - 1];
        }
        Headline {
            pre: an.pre[node as usize],
            text_before: at,
        }
    }

    /// Is `node` near the headline (little text between them)?
    fn near(&self, an: &Analysis, node: NodeId) -> bool {
        let p = an.pre[node as usize];
        let t = |k: u32| self.text_before.get(k as usize).copied().unwrap_or(0);
        if p == u32::MAX {
            false
        } else if p >= self.pre {
            t(p) - t(self.pre) <= NEAR_AFTER_HEADLINE
        } else {
            t(self.pre) - t(p) <= NEAR_BEFORE_HEADLINE
        }
    }
}

/// Are all names of `a` in `b`?
fn subset(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.iter().any(|y| folds_equal(x, y)))
}

fn overlaps(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.iter().any(|y| folds_equal(x, y)))
}

/// The article's authors.
///
/// Rule order: (1) a byline on the page near the headline; (2) JSON-LD
/// authors; (3) `<meta>` authors; (4) a byline elsewhere on the page (an
/// author box under the article). Metadata that names one of the visible
/// byline's names confirms it; a byline far from the headline needs that
/// confirmation to beat metadata.
pub fn find(
    dom: &Dom,
    an: &Analysis,
    meta: &AuthorMeta,
    site: Option<&str>,
    title: Option<&str>,
) -> Vec<String> {
    let mut names = find_logged(dom, an, meta, site, title, None);
    // Each person once, in first-seen order (pages repeat `<meta name=author>`).
    let mut seen: Vec<String> = Vec::new();
    names.retain(|n| {
        let key = n.to_lowercase();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    names
}

/// [`find`], listing every candidate and its score in `log`.
pub fn find_logged(
    dom: &Dom,
    an: &Analysis,
    meta: &AuthorMeta,
    site: Option<&str>,
    title: Option<&str>,
    mut log: Option<&mut Vec<String>>,
) -> Vec<String> {
    // The site's and other organisations' names are never authors.
    let mut not_authors: Vec<String> = meta.orgs.clone();
    not_authors.extend(site.map(fold).filter(|s| !s.is_empty()));
    let not_authors = &not_authors[..];
    let ld: Vec<String> = meta
        .ld_names()
        .iter()
        .flat_map(|n| clean_names(n, true, not_authors))
        .collect();
    let tags: Vec<String> = meta
        .tag_names()
        .iter()
        .flat_map(|n| clean_names(n, true, not_authors))
        .collect();
    if let Some(log) = log.as_deref_mut() {
        log.push(format!(
            "json-ld {ld:?} meta {tags:?} not authors {not_authors:?}"
        ));
    }
    let meta_names: Vec<String> = if ld.is_empty() { tags } else { ld };

    let head = headline_node(dom, an, title).map(|h| Headline::new(dom, an, h));
    let head = head.as_ref();
    let cands = page_candidates(dom, an, not_authors, head);
    // An enclosing byline that holds all names of an inner one replaces it
    // ("<span class=byline>By <a rel=author>A</a> and <a rel=author>B</a>").
    let n = cands.len();
    let mut dropped = vec![false; n];
    for x in 0..n {
        for y in 0..n {
            if x != y
                && !dropped[x]
                && an.contains(cands[x].node, cands[y].node)
                && cands[x].node != cands[y].node
                && cands[y]
                    .names
                    .iter()
                    .all(|a| cands[x].names.iter().any(|b| folds_equal(a, b)))
                && cands[x].names.len() > cands[y].names.len()
            {
                dropped[y] = true;
            }
        }
    }
    let keys: Vec<String> = cands.iter().map(|c| fold(&c.names[0])).collect();
    let mut best: Option<(i32, usize)> = None;
    for (k, c) in cands.iter().enumerate() {
        if dropped[k] {
            continue;
        }
        let mut score = candidate_score(dom, an, c, head, &meta_names);
        // Rule `repeated-byline`: the article's author shows up in several
        // places (byline, author box, "more by"); a stray word once.
        let key = fold(&c.names[0]);
        if keys.iter().filter(|k| **k == key).count() >= REPEATED_BYLINE_COUNT {
            score += 1;
        }
        if let Some(log) = log.as_deref_mut() {
            log.push(format!(
                "{:?} #{} {} pre={} near={:?} chrome={} score={} {:?}",
                c.kind,
                c.node,
                dom.tag(c.node),
                an.pre[c.node as usize],
                head.map(|h| h.near(an, c.node)),
                in_chrome(dom, an, c.node),
                score,
                c.names
            ));
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    let page = best.map(|(s, k)| (s, k, &cands[k]));
    let mut names = match page {
        Some((s, k, c)) if s >= TRUSTED_BYLINE_SCORE || meta_names.is_empty() => {
            // Rule `metadata-completes-the-byline`: a byline that shows some
            // of the metadata's names (one `rel=author` link of two) takes
            // the metadata's full list.
            if !meta_names.is_empty() && subset(&c.names, &meta_names) {
                return meta_names;
            }
            let mut names = c.names.clone();
            // Rule `co-author-links`: bylines that link each author
            // separately ("<a>A</a>, <a>B</a>") give one candidate per
            // link; the next ones of the same kind right after it, under
            // the same parent or grandparent, are co-authors.
            let frame = |n: NodeId| {
                let p = dom.node(n).parent;
                if p == NONE {
                    p
                } else {
                    dom.node(p).parent
                }
            };
            let mut last = c.node;
            for x in cands.iter().skip(k + 1).take(MAX_NAMES) {
                let gap = an.pre[x.node as usize].saturating_sub(an.pre[last as usize]);
                if x.kind != c.kind || gap > CO_AUTHOR_MAX_GAP || frame(x.node) != frame(c.node) {
                    break;
                }
                for n in &x.names {
                    if !names.iter().any(|m| folds_equal(m, n)) {
                        names.push(n.clone());
                    }
                }
                last = x.node;
            }
            names
        }
        _ => meta_names,
    };
    // One name once, even when metadata repeats it in several tags.
    let mut seen: Vec<String> = Vec::new();
    names.retain(|n| {
        let k = fold(n);
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
    names
}

/// How much a byline on the page is worth: its kind, its place next to the
/// headline, agreement with metadata, and not being in page chrome.
fn candidate_score(
    dom: &Dom,
    an: &Analysis,
    c: &Candidate,
    head: Option<&Headline>,
    meta_names: &[String],
) -> i32 {
    let mut score = match c.kind {
        Kind::AuthorLink => 1,
        Kind::ClassName => 2,
        Kind::LeadLine => 2,
        Kind::Rel => 3,
        Kind::Itemprop => 3,
    };
    let near = head.is_some_and(|h| h.near(an, c.node));
    if near {
        score += 3;
    }
    if overlaps(&c.names, meta_names) {
        score += 3;
    }
    // Bylines next to the headline often sit in boxes named like chrome
    // (`article-meta social`); elsewhere chrome holds teasers of other
    // articles with their own bylines.
    if !near && in_chrome(dom, an, c.node) {
        score -= 2;
    }
    score
}

/// The candidates of a page and their scores, for debugging the rules.
#[doc(hidden)]
pub fn debug_authors(html: &str) -> String {
    let dom = Dom::parse(html);
    let meta = crate::meta::collect(&dom);
    let an = crate::analyze::analyze(&dom, true);
    let title = crate::meta::headline(&dom, &an, &meta);
    let mut log = Vec::new();
    let names = find_logged(
        &dom,
        &an,
        &meta.author_meta,
        meta.site_name.as_deref(),
        title.as_deref(),
        Some(&mut log),
    );
    log.push(format!("=> {names:?}"));
    log.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan for ASCII first words and the `split_whitespace` path
    /// for others read the same leads.
    #[test]
    fn byline_leads_in_ascii_and_other_text() {
        for t in [
            "",
            " ",
            "\n\t x",
            "\u{a0} x",
            " \u{a0}\u{2003}x ",
            "\u{b}x",
            "é x",
            "x ",
        ] {
            assert_eq!(trim_start(t), t.trim_start(), "{t:?}");
        }
        for t in [
            "By Jane Doe",
            "by\tJane",
            "BY",
            "Von: Max Muster",
            "Autor: Max",
            "Autorin:\u{a0}Eva",
            "Written by Jane",
            "Written\u{a0}by Jane",
            "Posted\nBY: Jane",
            "Par Jean",
            "door Piet",
            "di Mario",
            "Text: Anna",
            "Veröffentlicht von Max",
        ] {
            assert!(starts_with_lead(t), "{t:?}");
        }
        for t in [
            "Bylines are",
            "Author Jane",
            "Written with care",
            "Photo: Jane",
            "Photos by Jane",
            "Source: dpa",
            "Autorenverzeichnis: Max",
            "Dönerbuden",
            "Story",
            "",
        ] {
            assert!(!starts_with_lead(t), "{t:?}");
        }
    }

    /// The compile-time table gives each listed word the bits of exactly
    /// the lists it is in (else a role or lead word would be read as a
    /// name), and names that no list holds none.
    #[test]
    fn listed_words_have_the_bits_of_their_lists() {
        for (list, _) in CLASSIFY_LISTS {
            for w in list {
                let want = CLASSIFY_LISTS
                    .iter()
                    .filter(|(l, _)| l.contains(w))
                    .fold(0, |b, (_, bit)| b | bit);
                assert_eq!(LISTED_WORDS.get(w), want, "{w}");
            }
        }
        for w in ["", "zoe", "mcallister", "jane"] {
            assert_eq!(LISTED_WORDS.get(w), 0, "{w}");
        }
        assert_eq!(
            classify_word("Editor-in-Chief", false, true, false, false),
            Word::Role
        );
        assert_eq!(classify_word("Von", false, false, false, false), Word::Lead);
        assert_eq!(classify_word("Jane", false, false, false, false), Word::Cap);
    }
}
