//! The article's publication and modification dates.
//!
//! A page states its dates in many places at once: JSON-LD (`datePublished`,
//! `dateModified`, also inside `@graph` and nested objects), microdata
//! (`itemprop=datePublished`), OpenGraph and other `<meta>` names
//! (`article:published_time`, `dc.date`, `parsely-pub-date`, …), `<time>`
//! elements, the visible byline (`24. März 2023`, `March 24, 2023`,
//! `le 3 mars 2023`, `24/03/2023`), and the URL (`/2023/03/24/`). This
//! module gathers all of them in one pass over the elements, parses every
//! form into a calendar date, and reconciles them: the original publication
//! date is preferred to an update; no date later than the reference date
//! (the crawl date, or today) or earlier than [`MIN_YEAR`] is taken; dates in
//! comment sections, related-article lists and page footers (copyright
//! lines) never count.

use crate::analyze::{flag, for_each_token, Analysis};
use crate::dom::{Dom, NodeData, NodeId, NONE};
use crate::meta::{fold, fold_eq};
use crate::patterns::StemSet;
use html5ever::local_name;

/// No web page was published before this year: earlier years are misread
/// numbers (`1984` in a title, a founding year).
pub const MIN_YEAR: u16 = 1995;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

impl Ymd {
    fn new(y: u32, m: u32, d: u32) -> Option<Ymd> {
        if !(1..=12).contains(&m) || d == 0 || y > 9999 {
            return None;
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (d <= days).then_some(Ymd {
            y: y as u16,
            m: m as u8,
            d: d as u8,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// Parse a `YYYY-MM-DD` string (what `Options::reference_date` holds).
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.trim().get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Ymd::new(n(0..4)?, n(5..7)?, n(8..10)?)
    }

    /// Days since 1970-01-01 (the inverse of [`Ymd::from_days`]).
    fn to_days(self) -> i64 {
        let (y, m, d) = (i64::from(self.y), i64::from(self.m), i64::from(self.d));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01 (proleptic
    /// Gregorian calendar; Howard Hinnant's published algorithm).
    fn from_days(days: i64) -> Ymd {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Ymd {
            y: y.clamp(0, 9999) as u16,
            m: m as u8,
            d: d as u8,
        }
    }
}

/// Today's date (UTC) from the system clock: the reference date when the
/// caller gives none. The only place the engine reads anything outside its
/// input; a clock before 1970 reads as 1970-01-01.
pub fn today() -> Ymd {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ymd::from_days((secs / 86_400) as i64)
}

// ---------------------------------------------------------------------------
// Word tables

/// Month names and their usual abbreviations, lowercase, in the languages
/// of the pages klartext reads (en, de, fr, es, it, pt, nl, the Nordic
/// languages, pl, cs, ru, tr, id). Genitive forms where a language writes
/// dates with them (`3 marca 2023`, `3 марта 2023`).
const MONTH_NAMES: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("jän", 1),
    ("februar", 2),
    ("märz", 3),
    ("mär", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fév", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Italian
    ("gennaio", 1),
    ("gen", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("set", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    // Swedish, Danish, Norwegian
    ("marts", 3),
    ("maj", 5),
    ("augusti", 8),
    ("desember", 12),
    // Polish
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Czech
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Russian
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Indonesian
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    // Arabic: the names from the Latin months (Egypt, the Gulf, North
    // Africa), with and without hamza, and the one-word Syriac names of the
    // Levant (`24 نيسان / أبريل 2020` writes both).
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
];

/// Small words that stand between the parts of a written date and are
/// skipped: ordinal suffixes (`24th`, `1er`, `3º`), `of` (`24th of March`),
/// `de` (`3 de marzo de 2023`), `del`, `di`.
const DATE_FILLER_WORDS: &[&str] = &[
    "st", "nd", "rd", "th", "er", "e", "º", "o", "of", "de", "del", "di", "im", "den",
];

fn month_number(word: &str) -> Option<u8> {
    if word.len() < 3 || word.len() > 24 {
        return None;
    }
    let lower = word.to_lowercase();
    MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, m)| m)
}

// ---------------------------------------------------------------------------
// Parsing dates out of text

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// A run of ASCII digits: value (saturated) and digit count.
    Num(u32, u8),
    Word(&'a str),
    /// One punctuation character.
    Sep(char),
}

/// Characters that join the numbers of a date: `2023-03-24`, `24.03.2023`,
/// `24/03/2023`, `2023年3月24日`.
fn is_sep(c: char) -> bool {
    matches!(
        c,
        '-' | '/' | '.' | ',' | '年' | '月' | '日' | '–' | '|' | ':'
    )
}

fn tokenize<'a>(s: &'a str, out: &mut Vec<Tok<'a>>) {
    out.clear();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut v: u32 = c as u32 - '0' as u32;
            let mut n: u8 = 1;
            while let Some(&(_, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                n = n.saturating_add(1);
                it.next();
            }
            out.push(Tok::Num(v, n));
        } else if c == 'T' {
            // `2023-03-24T10:00`: the time part of an ISO datetime.
            let joins = matches!(out.last(), Some(Tok::Num(..)))
                && it.peek().is_some_and(|&(_, d)| d.is_ascii_digit());
            if joins {
                out.push(Tok::Sep('T'));
            } else {
                let end = word_end(s, i, &mut it);
                out.push(Tok::Word(&s[i..end]));
            }
        } else if is_sep(c) {
            out.push(Tok::Sep(c));
        } else if c.is_alphabetic() || c == 'º' {
            let end = word_end(s, i, &mut it);
            out.push(Tok::Word(&s[i..end]));
        }
        // Spaces and other characters only split tokens.
    }
}

/// The end of the word starting at byte `i`.
fn word_end(s: &str, i: usize, it: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> usize {
    let mut end = i + s[i..].chars().next().map_or(1, char::len_utf8);
    while let Some(&(j, d)) = it.peek() {
        if !(d.is_alphabetic() || d == 'º') || matches!(d, '年' | '月' | '日') {
            break;
        }
        end = j + d.len_utf8();
        it.next();
    }
    end
}

/// How to read `03/04/2023`: day first (most of the world) or month first
/// (the US). A first part over 12 is always a day, a second over 12 always
/// a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

/// Where the text comes from: attribute values are machine dates and may be
/// compact (`20200316T1000`); visible text may use two-digit years
/// (`24.03.23`) only in elements that name themselves a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Machine,
    DateElement,
    FreeText,
}

fn year4(v: u32, n: u8) -> Option<u32> {
    (n == 4).then_some(v)
}

fn day_tok(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Num(v, n)) if *n <= 2 && (1..=31).contains(v) => Some(*v),
        _ => None,
    }
}

fn skip_fillers(toks: &[Tok], mut i: usize) -> usize {
    while let Some(Tok::Word(w)) = toks.get(i) {
        if DATE_FILLER_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn skip_seps(toks: &[Tok], mut i: usize, allowed: &[char]) -> usize {
    while let Some(Tok::Sep(c)) = toks.get(i) {
        if allowed.contains(c) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The two-digit year `yy` as a full year, in the century that keeps it
/// plausible.
fn expand_year(yy: u32) -> u32 {
    if yy < 70 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// The date starting at token `i`, and the index after it.
fn date_at(toks: &[Tok], i: usize, order: Order, ctx: Context) -> Option<(Ymd, usize)> {
    match toks[i] {
        Tok::Num(v, n) => {
            // Not the tail of a longer number (`1.2023.03.04`).
            if i >= 2
                && matches!(toks[i - 1], Tok::Sep('.' | '-' | '/'))
                && matches!(toks[i - 2], Tok::Num(..))
            {
                return None;
            }
            // Compact machine dates: `20200316`, `20200316T1000`.
            if n == 8 && ctx == Context::Machine {
                return Ymd::new(v / 10_000, v / 100 % 100, v % 100).map(|d| (d, i + 1));
            }
            if let Some(y) = year4(v, n) {
                // `2023-03-24`, `2023/3/24`, `2023.03.24`, `2023年3月24日`.
                if let (Some(Tok::Sep(s1)), Some(Tok::Num(m, mn)), Some(Tok::Sep(s2)), Some(d)) = (
                    toks.get(i + 1),
                    toks.get(i + 2),
                    toks.get(i + 3),
                    day_tok(toks.get(i + 4)),
                ) {
                    let same = s1 == s2 && matches!(s1, '-' | '/' | '.');
                    let cjk = *s1 == '年' && *s2 == '月';
                    if (same || cjk) && *mn <= 2 && !followed_by_number(toks, i + 5, *s1) {
                        return Ymd::new(y, *m, d).map(|x| (x, i + 5));
                    }
                }
                return None;
            }
            if n > 2 {
                return None;
            }
            // `24.03.2023`, `03/24/2023`, `24-03-2023`, `24.03.23`.
            if let (
                Some(Tok::Sep(s1)),
                Some(Tok::Num(b, bn)),
                Some(Tok::Sep(s2)),
                Some(Tok::Num(y, yn)),
            ) = (
                toks.get(i + 1),
                toks.get(i + 2),
                toks.get(i + 3),
                toks.get(i + 4),
            ) {
                if s1 == s2 && matches!(s1, '-' | '/' | '.') && *bn <= 2 {
                    let year = match yn {
                        4 => Some(*y),
                        2 if ctx != Context::FreeText => Some(expand_year(*y)),
                        _ => None,
                    };
                    if let Some(year) = year {
                        if followed_by_number(toks, i + 5, *s1) {
                            return None;
                        }
                        let (a, b) = (v, *b);
                        let month_first =
                            b > 12 || (a <= 12 && *s1 == '/' && order == Order::MonthFirst);
                        let (d, m) = if month_first { (b, a) } else { (a, b) };
                        return Ymd::new(year, m, d).map(|x| (x, i + 5));
                    }
                }
            }
            // `24. März 2023`, `3 mars 2023`, `3 de marzo de 2023`, `24th of March, 2023`.
            let day = day_tok(toks.get(i))?;
            let j = skip_seps(toks, i + 1, &['.']);
            let j = skip_fillers(toks, j);
            let Some(Tok::Word(w)) = toks.get(j) else {
                return None;
            };
            let j = skip_second_month_name(toks, j + 1);
            let j = skip_seps(toks, j, &['.', ',']);
            let j = skip_fillers(toks, j);
            let Some(Tok::Num(y, 4)) = toks.get(j) else {
                return None;
            };
            // The word is looked up last, when the numbers around it make
            // a date: the look-up lowercases it.
            let m = month_number(w)?;
            Ymd::new(*y, u32::from(m), day).map(|x| (x, j + 1))
        }
        Tok::Word(w) => {
            // `March 24, 2023`, `Mar. 24th 2023`, `Tue Jan 28 2020`. Every
            // word of a text comes here: the day and year after it are
            // checked before the word is looked up as a month name.
            let j = skip_seps(toks, i + 1, &['.']);
            let day = day_tok(toks.get(j))?;
            let j = skip_fillers(toks, j + 1);
            let j = skip_seps(toks, j, &[',']);
            let Some(Tok::Num(y, 4)) = toks.get(j) else {
                return None;
            };
            let m = month_number(w)?;
            Ymd::new(*y, u32::from(m), day).map(|x| (x, j + 1))
        }
        Tok::Sep(_) => None,
    }
}

/// Rule `two-month-names`: Levantine Arabic pages name the month twice,
/// Syriac and Latin (`24 نيسان / أبريل 2020`); the second name after a
/// slash is skipped.
fn skip_second_month_name(toks: &[Tok], j: usize) -> usize {
    match (toks.get(j), toks.get(j + 1)) {
        (Some(Tok::Sep('/')), Some(Tok::Word(w))) if month_number(w).is_some() => j + 2,
        _ => j,
    }
}

/// Whether a date just read goes on as a longer number (`2023.03.24.5`
/// is a version, not a date): the same separator and another number.
fn followed_by_number(toks: &[Tok], i: usize, sep: char) -> bool {
    matches!(toks.get(i), Some(Tok::Sep(c)) if *c == sep)
        && matches!(toks.get(i + 1), Some(Tok::Num(..)))
        && sep != '-'
}

/// The first date written in `s`.
pub fn parse_date(s: &str, order: Order) -> Option<Ymd> {
    first_date(s, order, Context::Machine)
}

fn first_date(s: &str, order: Order, ctx: Context) -> Option<Ymd> {
    if !has_date_digits(s) {
        return None;
    }
    let mut toks = Vec::new();
    tokenize(s, &mut toks);
    let mut i = 0;
    while i < toks.len() {
        if let Some((d, _)) = date_at(&toks, i, order, ctx) {
            return Some(d);
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------
// Gathering the page's dates

/// Whether a date says when the article first appeared or when it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Published,
    Modified,
}

/// Where a date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// JSON-LD, `<meta>`, microdata: what the CMS states about the article.
    Stated,
    /// A `<time>` element or an element named as a date, on the visible page.
    Visible,
    /// The page's URL (`/2023/03/24/`).
    Url,
    /// A date in the text near the headline.
    Text,
    /// A short line anywhere on the page whose words say what the date is
    /// (`Erschienen am: 01.11.2023`, `last edited 2019-11-10`).
    Labelled,
    /// A date key in a script's data (`"published_at":"2019-03-02T…"`).
    Script,
}

/// One date the page offers.
#[derive(Debug, Clone)]
struct Found {
    date: Ymd,
    /// The machine value it was read from, kept when it is an ISO datetime.
    raw: Option<String>,
    kind: Kind,
    source: Source,
    /// Trust within its source: lower is better.
    rank: u8,
    /// Preorder index of the element (visible dates only).
    pos: u32,
    /// The element's tag and class as a hash (visible dates only): dates
    /// that share it are one list.
    group: u64,
}

/// `<meta>` names (lowercase, from `name`, `property` or `http-equiv`) that
/// carry a date, what kind, and how much they are trusted (lower is better):
/// the article's own publication tags first, then generic `date` names.
const META_DATE_NAMES: &[(&str, Kind, u8)] = &[
    ("article:published_time", Kind::Published, 0),
    ("og:article:published_time", Kind::Published, 0),
    ("og:published_time", Kind::Published, 0),
    ("article.published", Kind::Published, 0),
    ("datepublished", Kind::Published, 0),
    ("parsely-pub-date", Kind::Published, 0),
    ("sailthru.date", Kind::Published, 1),
    ("citation_publication_date", Kind::Published, 1),
    ("citation_date", Kind::Published, 1),
    ("citation_online_date", Kind::Published, 1),
    ("dc.date.issued", Kind::Published, 1),
    ("dcterms.issued", Kind::Published, 1),
    ("dc.date.created", Kind::Published, 1),
    ("dcterms.created", Kind::Published, 1),
    ("dc.date.published", Kind::Published, 1),
    ("pubdate", Kind::Published, 1),
    ("publishdate", Kind::Published, 1),
    ("publish-date", Kind::Published, 1),
    ("publish_date", Kind::Published, 1),
    ("published_date", Kind::Published, 1),
    ("published-date", Kind::Published, 1),
    ("publication_date", Kind::Published, 1),
    ("publication-date", Kind::Published, 1),
    ("original-publish-date", Kind::Published, 0),
    ("article_date_original", Kind::Published, 0),
    ("og:pubdate", Kind::Published, 1),
    ("rnews:datepublished", Kind::Published, 1),
    ("cxenseparse:recs:publishtime", Kind::Published, 1),
    ("release_date", Kind::Published, 2),
    ("datecreated", Kind::Published, 2),
    ("dc.date", Kind::Published, 2),
    ("dcterms.date", Kind::Published, 2),
    ("dc.created", Kind::Published, 2),
    ("date", Kind::Published, 2),
    ("created", Kind::Published, 3),
    ("article:modified_time", Kind::Modified, 0),
    ("og:updated_time", Kind::Modified, 0),
    ("datemodified", Kind::Modified, 0),
    ("article:modified", Kind::Modified, 1),
    ("dc.date.modified", Kind::Modified, 1),
    ("dcterms.modified", Kind::Modified, 1),
    ("dc.modified", Kind::Modified, 1),
    ("last-modified", Kind::Modified, 2),
    ("lastmod", Kind::Modified, 2),
    ("modified", Kind::Modified, 2),
    ("revised", Kind::Modified, 2),
];

/// JSON-LD keys that carry a date, and their kind: `uploadDate` is a video's
/// publication date.
const LD_DATE_KEYS: &[(&str, Kind, u8)] = &[
    ("datePublished", Kind::Published, 0),
    ("dateCreated", Kind::Published, 1),
    ("uploadDate", Kind::Published, 1),
    ("dateModified", Kind::Modified, 0),
];

/// JSON-LD types whose dates are the article's (trusted most).
const LD_ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Blog",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "PodcastEpisode",
    "VideoObject",
    "Review",
    "Recipe",
    "HowTo",
    "CreativeWork",
    "Question",
];

/// JSON-LD types whose dates are never the article's: readers' comments and
/// answers, people, organisations, offers.
const LD_FOREIGN_TYPES: &[&str] = &[
    "Comment",
    "Answer",
    "Person",
    "Organization",
    "NewsMediaOrganization",
    "Offer",
    "Rating",
    "AggregateRating",
    "Event",
];

/// Microdata properties that carry a date.
const ITEMPROP_DATES: &[(&str, Kind)] = &[
    ("datepublished", Kind::Published),
    ("datecreated", Kind::Published),
    ("uploaddate", Kind::Published),
    ("datemodified", Kind::Modified),
    // `itemprop="dateUpdate"` / `dateUpdated`: an encyclopedia entry's last
    // revision, not a schema.org name but common.
    ("dateupdate", Kind::Modified),
];

/// Class/id tokens of an element that shows a date: the byline's date and
/// the meta line under a headline (`post-date`, `entry-meta`, `datum`,
/// `fecha`, `timestamp`, `byline`).
const DATE_CLASS_TOKENS: &[&str] = &[
    "date",
    "datum",
    "time",
    "timestamp",
    "published",
    "publish",
    "publishdate",
    "pubdate",
    "posted",
    "postdate",
    "postedon",
    "dateline",
    "byline",
    "meta",
    "entrymeta",
    "postmeta",
    "articlemeta",
    "fecha",
    "datetime",
    "created",
    "updated",
    "submitted",
];

/// Stems of which every [`DATE_CLASS_TOKENS`] entry holds one: a cheap test
/// that spares tokenizing the class of every element.
const DATE_CLASS_STEMS: StemSet = StemSet::new(&[
    "date",
    "datum",
    "time",
    "publi",
    "posted",
    "byline",
    "meta",
    "fecha",
    "created",
    "updated",
    "submitted",
]);

/// Class/id tokens that say a date is the first publication.
const PUBLISHED_TOKENS: StemSet = StemSet::new(&[
    "published",
    "publish",
    "publishdate",
    "pubdate",
    "posted",
    "postdate",
    "postedon",
    "created",
    "datepublished",
    "entrydate",
    "submitted",
]);

/// Class/id tokens that say a date is an update.
const MODIFIED_TOKENS: StemSet = StemSet::new(&[
    "updated",
    "update",
    "modified",
    "datemodified",
    "lastmod",
    "lastupdated",
    "aktualisiert",
    "changed",
]);

/// A date element holds at most this much visible text; longer ones are
/// containers, not a date line.
const DATE_ELEMENT_MAX_CHARS: u32 = 120;
/// The shortest written date (`1.3.23`).
const DATE_ELEMENT_MIN_CHARS: u32 = 6;

/// Class/id tokens (besides the engine's chrome names) of lists of other
/// articles, whose dates are theirs, not this article's.
const OTHER_ARTICLES_TOKENS: StemSet = StemSet::new(&[
    "related",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "teaser",
    "teasers",
    "readmore",
    "similar",
]);

/// Where on the page a visible date stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Article,
    /// Readers' comments: their dates are the comments'.
    Comments,
    /// Related-article lists, side columns, menus: other articles' dates.
    OtherArticles,
    /// Page footers: copyright lines and site-wide dates.
    Footer,
}

/// What the page gives the reconciliation besides its elements.
pub struct Inputs<'a> {
    pub title: Option<&'a str>,
    pub lang: Option<&'a str>,
    /// The caller's URL, then the canonical URL.
    pub urls: [Option<&'a str>; 2],
    /// `YYYY-MM-DD`; today when `None`.
    pub reference_date: Option<&'a str>,
    /// The first element of the body found: where the article starts when
    /// no headline is found.
    pub body_start: Option<NodeId>,
}

/// The dates found, as ISO 8601 strings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dates {
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// At most this many dates are taken from one page's elements (a calendar or
/// an archive page can show thousands; the article's are among the first).
const MAX_FOUND: usize = 2000;

struct Collector {
    found: Vec<Found>,
    reference: Ymd,
    order: Order,
    /// The group of the element being read (see [`Found::group`]).
    group: u64,
    /// [`own_zone`] of each element asked about, by node (`None` until
    /// asked): the dates of a page share their ancestors.
    own_zones: Vec<Option<Option<Zone>>>,
}

impl Collector {
    fn own_zone(&mut self, dom: &Dom, an: &Analysis, n: NodeId) -> Option<Zone> {
        if self.own_zones.len() != dom.nodes.len() {
            self.own_zones = vec![None; dom.nodes.len()];
        }
        *self.own_zones[n as usize].get_or_insert_with(|| own_zone(dom, an, n))
    }

    fn push(
        &mut self,
        date: Ymd,
        raw: Option<&str>,
        kind: Kind,
        source: Source,
        rank: u8,
        pos: u32,
    ) {
        if date.y < MIN_YEAR
            || date > self.reference
            || (source == Source::Visible && self.found.len() >= MAX_FOUND)
        {
            return;
        }
        let raw = raw
            .map(str::trim)
            .filter(|r| r.len() > 10 && r.len() <= 40 && r.starts_with(&date.iso()))
            .map(str::to_string);
        self.found.push(Found {
            date,
            raw,
            kind,
            source,
            rank,
            pos,
            group: self.group,
        });
    }

    fn machine(&mut self, value: &str, kind: Kind, source: Source, rank: u8, pos: u32) {
        if let Some(d) = first_date(value, self.order, Context::Machine) {
            self.push(d, Some(value), kind, source, rank, pos);
        }
    }
}

/// Find the article's dates.
pub fn find(dom: &Dom, an: &Analysis, inputs: &Inputs) -> Dates {
    let reference = inputs
        .reference_date
        .and_then(Ymd::parse_iso)
        .unwrap_or_else(today);
    let order = match inputs.lang {
        Some("en") if !day_first_english(dom) => Order::MonthFirst,
        _ => Order::DayFirst,
    };
    let mut c = Collector {
        found: Vec::new(),
        reference,
        order,
        group: 0,
        own_zones: Vec::new(),
    };
    let anchor = headline_node(dom, an, inputs.title)
        .or(inputs.body_start)
        .filter(|&a| an.pre[a as usize] != u32::MAX)
        .unwrap_or(NONE);
    collect(dom, an, anchor, &mut c);
    c.group = 0;
    for url in inputs.urls.iter().flatten() {
        if let Some(d) = url_date(url) {
            c.push(d, None, Kind::Published, Source::Url, 0, u32::MAX);
            break;
        }
    }
    text_near_headline(dom, an, anchor, &mut c);
    let headline_pos = (anchor != NONE).then(|| an.pre[anchor as usize]);
    let dates = reconcile(&c.found, headline_pos);
    if dates.published.is_some() {
        return dates;
    }
    script_state_dates(dom, &mut c);
    reconcile(&c.found, headline_pos)
}

/// Keys of a page's script data that carry the article's date, by trust:
/// publication names, then creation names (lower is better).
/// A script naming none of them is never parsed (rule
/// `unread-raw-text-is-skipped` in `limits`).
pub(crate) const SCRIPT_DATE_KEYS: &[(&str, u8)] = &[
    ("datePublished", 0),
    ("publishedDate", 0),
    ("published_at", 0),
    ("publishedAt", 0),
    ("publishDate", 0),
    ("publish_date", 0),
    ("uploadDate", 1),
    ("dateCreated", 1),
    ("created_at", 2),
    ("createdAt", 2),
];
/// Occurrences of one key looked at before giving up.
const SCRIPT_KEY_MAX_HITS: usize = 16;
/// Characters between a key and its value (`":"`, `\":\"`).
const SCRIPT_KEY_GAP: usize = 6;

/// Rule `script-state-date`: pages rendered by scripts (shops, review and
/// event sites, single-page apps) state no date in their markup, but the
/// data they render from holds it: `{"publishedDate":"2016-11-04T20:37:27Z"}`,
/// `\"published_at\":\"2019-03-02T06:22:28+01:00\"`. Read only when the
/// page gives no other date, so its cost falls on dateless pages alone; the
/// first occurrence of a key in document order is the page's own item.
fn script_state_dates(dom: &Dom, c: &mut Collector) {
    let mut text = String::new();
    let mut taken = [false; SCRIPT_DATE_KEYS.len()];
    for id in 0..dom.nodes.len() as NodeId {
        if dom.tag(id) != "script" {
            continue;
        }
        text.clear();
        for ch in dom.children(id) {
            if let NodeData::Text(s) = &dom.node(ch).data {
                text.push_str(s);
            }
        }
        for (k, &(key, rank)) in SCRIPT_DATE_KEYS.iter().enumerate() {
            if taken[k] {
                continue;
            }
            for (at, _) in text.match_indices(key).take(SCRIPT_KEY_MAX_HITS) {
                if let Some(d) = script_value_date(&text, at, key, c.order) {
                    c.push(d, None, Kind::Published, Source::Script, rank, u32::MAX);
                    taken[k] = true;
                    break;
                }
            }
        }
    }
}

/// The date that follows a quoted key at byte `at` of `text`, if any.
fn script_value_date(text: &str, at: usize, key: &str, order: Order) -> Option<Ymd> {
    if !text[..at].ends_with('"') {
        return None;
    }
    let rest = &text[at + key.len()..];
    if !rest.starts_with(['"', '\\']) {
        return None;
    }
    let start = rest
        .char_indices()
        .take(SCRIPT_KEY_GAP + 1)
        .find(|(_, ch)| ch.is_ascii_digit())?
        .0;
    if !rest[..start]
        .chars()
        .all(|ch| matches!(ch, '"' | '\\' | ':' | ' '))
    {
        return None;
    }
    let value = &rest[start..];
    let end = value
        .char_indices()
        .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || matches!(ch, ':' | '+' | '-' | '.')))
        .map_or(value.len(), |(i, _)| i)
        .min(40);
    let value = value.get(..end)?;
    first_date(value, order, Context::Machine)
}

/// Regions whose English writes the day first (`02/10/2020` is 2 October).
const DAY_FIRST_ENGLISH_REGIONS: &[&str] = &["gb", "uk", "au", "nz", "ie", "in", "za", "sg"];

/// Rule `day-first-english`: `<html lang="en-GB">` (or en-AU, en-IN, …):
/// numeric dates are read day first, as on the rest of the world's pages.
fn day_first_english(dom: &Dom) -> bool {
    let Some(el) = dom.find_first("html").and_then(|h| dom.element(h)) else {
        return false;
    };
    let Some(lang) = el.attr("lang").or_else(|| el.attr("xml:lang")) else {
        return false;
    };
    let lang = lang.trim().to_ascii_lowercase();
    lang.strip_prefix("en")
        .and_then(|r| r.strip_prefix(['-', '_']))
        .is_some_and(|r| DAY_FIRST_ENGLISH_REGIONS.contains(&r))
}

/// The element showing the headline: the first visible heading whose text
/// is the title, else the first visible `h1`.
fn headline_node(dom: &Dom, an: &Analysis, title: Option<&str>) -> Option<NodeId> {
    let key = title.map(fold).filter(|k| !k.is_empty());
    let mut first_h1 = None;
    for id in 0..dom.nodes.len() as NodeId {
        let tag = dom.tag(id);
        if !matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || an.pre[id as usize] == u32::MAX
        {
            continue;
        }
        if an.chars[id as usize] == 0 {
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

fn has_token(value: Option<&str>, table: &[&str]) -> bool {
    let Some(v) = value else { return false };
    let mut hit = false;
    for_each_token(v, |t| {
        if !hit && table.contains(&t) {
            hit = true;
        }
    });
    hit
}

/// [`has_token`] for a table kept as a [`StemSet`], ruling out first, at the
/// cost of one byte scan, a value that can hold none of its tokens: every
/// token [`for_each_token`] gives (a part, a camelCase piece, a class name's
/// parts joined) is a run of the value's alphanumerics with the separators
/// dropped, so in an ASCII value a token of the table shows in them.
fn has_listed_token(value: Option<&str>, tokens: &StemSet) -> bool {
    let Some(v) = value else { return false };
    if v.is_ascii() && v.len() <= ALNUM_SCAN_MAX_BYTES {
        let mut alnum = [0u8; ALNUM_SCAN_MAX_BYTES];
        let mut n = 0;
        for &b in v.as_bytes() {
            if b.is_ascii_alphanumeric() {
                alnum[n] = b;
                n += 1;
            }
        }
        if !tokens.contains_ci_bytes(&alnum[..n]) {
            return false;
        }
    }
    has_token(value, tokens.stems())
}

/// Longest value [`has_listed_token`] rules out by a scan (on the stack);
/// longer ones are tokenized straight away.
const ALNUM_SCAN_MAX_BYTES: usize = 256;

/// The zone of a visible element, from its ancestors' names.
fn zone_of(dom: &Dom, an: &Analysis, id: NodeId, anchor: NodeId, c: &mut Collector) -> Zone {
    zone_and_cause_with(dom, an, id, anchor, &mut |n| c.own_zone(dom, an, n)).0
}

/// The zone of a visible element and the ancestor that decided it.
///
/// An element that holds the headline (`anchor`) is the article's frame
/// whatever its name says (`div#sidebar` around a whole blog column).
fn zone_and_cause(dom: &Dom, an: &Analysis, id: NodeId, anchor: NodeId) -> (Zone, NodeId) {
    zone_and_cause_with(dom, an, id, anchor, &mut |n| own_zone(dom, an, n))
}

/// [`zone_and_cause`] with `own` telling what an element's own names say.
fn zone_and_cause_with(
    dom: &Dom,
    an: &Analysis,
    id: NodeId,
    anchor: NodeId,
    own: &mut dyn FnMut(NodeId) -> Option<Zone>,
) -> (Zone, NodeId) {
    let mut n = id;
    let mut steps = 0;
    while n != NONE && steps < 64 {
        let holds_anchor = anchor != NONE
            && an.pre[n as usize] != u32::MAX
            && an.pre[anchor as usize] != u32::MAX
            && an.contains(n, anchor);
        if holds_anchor {
            break;
        }
        if let Some(z) = own(n) {
            return (z, n);
        }
        n = dom.node(n).parent;
        steps += 1;
    }
    (Zone::Article, NONE)
}

/// What an element's own names say of the zone it opens, if anything.
fn own_zone(dom: &Dom, an: &Analysis, n: NodeId) -> Option<Zone> {
    let el = dom.element(n)?;
    match an.chrome_why[n as usize] {
        Some(crate::analyze::ChromeWhy::Comments) => return Some(Zone::Comments),
        Some(_) if matches!(&*el.name.local, "footer") => return Some(Zone::Footer),
        Some(_) => {
            let cls = el.attr("class");
            let idv = el.attr("id");
            if has_token(cls, &["footer"]) || has_token(idv, &["footer"]) {
                return Some(Zone::Footer);
            }
            return Some(Zone::OtherArticles);
        }
        None => {}
    }
    if has_listed_token(el.attr("class"), &OTHER_ARTICLES_TOKENS)
        || has_listed_token(el.attr("id"), &OTHER_ARTICLES_TOKENS)
    {
        return Some(Zone::OtherArticles);
    }
    if has_token(el.attr("itemtype"), &["comment", "answer"]) {
        return Some(Zone::Comments);
    }
    None
}

fn kind_of_names(values: &[Option<&str>]) -> Option<Kind> {
    if values
        .iter()
        .any(|v| has_listed_token(*v, &MODIFIED_TOKENS))
    {
        return Some(Kind::Modified);
    }
    if values
        .iter()
        .any(|v| has_listed_token(*v, &PUBLISHED_TOKENS))
    {
        return Some(Kind::Published);
    }
    None
}

/// Rank of a visible date: a named publication date beats an unnamed one.
const RANK_NAMED: u8 = 0;
const RANK_UNNAMED: u8 = 1;

/// One pass over the elements.
fn collect(dom: &Dom, an: &Analysis, anchor: NodeId, c: &mut Collector) {
    let mut text = String::new();
    let mut done: Vec<NodeId> = Vec::new();
    for id in 0..dom.nodes.len() as NodeId {
        let el = match &dom.node(id).data {
            NodeData::Element(el) => el,
            NodeData::Text(t) => {
                // Elements named as a date are found from their text: only
                // a text with a date's digits is looked at.
                if !has_date_digits(t) {
                    continue;
                }
                if let Some(e) = date_element_of(dom, an, id, &done) {
                    done.push(e);
                    read_date_element(dom, an, e, anchor, &mut text, c);
                } else {
                    read_labelled_line(dom, an, id, t, anchor, &mut text, c);
                }
                continue;
            }
            _ => continue,
        };
        // Tag and attribute names compared as interned atoms (one integer
        // compare each): this runs on every element of the page.
        let is_meta = el.name.local == local_name!("meta");
        let pos = an.pre[id as usize];
        c.group = 0;
        match el.name.local {
            local_name!("meta") => {
                let Some(content) = el.attr("content") else {
                    continue;
                };
                for key in [el.attr("property"), el.attr("name"), el.attr("http-equiv")]
                    .into_iter()
                    .flatten()
                {
                    let key = key.trim().to_ascii_lowercase();
                    if let Some(&(_, kind, rank)) =
                        META_DATE_NAMES.iter().find(|(n, _, _)| *n == key)
                    {
                        c.machine(content, kind, Source::Stated, rank + 1, pos);
                    }
                }
            }
            local_name!("script") => {
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    text.clear();
                    for ch in dom.children(id) {
                        if let NodeData::Text(s) = &dom.node(ch).data {
                            text.push_str(s);
                        }
                    }
                    read_json_ld(&text, c);
                }
                continue;
            }
            _ => {}
        }
        if pos == u32::MAX && !is_meta {
            continue; // hidden, skipped or detached
        }
        // Microdata: `itemprop=datePublished` with `content`, `datetime` or text.
        if let Some(prop) = el.attr_named(&local_name!("itemprop")) {
            let prop = prop.trim().to_ascii_lowercase();
            if let Some(&(_, kind)) = ITEMPROP_DATES.iter().find(|(p, _)| prop.contains(p)) {
                if zone_of(dom, an, id, anchor, c) != Zone::Comments {
                    if let Some(v) = el.attr("content").or_else(|| el.attr("datetime")) {
                        c.machine(v, kind, Source::Stated, 1, pos);
                    } else if an.chars[id as usize] <= DATE_ELEMENT_MAX_CHARS {
                        text.clear();
                        dom.text_of(id, &mut text);
                        if let Some(d) = first_date(&text, c.order, Context::DateElement) {
                            c.push(d, None, kind, Source::Stated, 2, pos);
                        }
                    }
                }
                continue;
            }
        }
        if el.name.local != local_name!("time") {
            continue;
        }
        let tag = &*el.name.local;
        let named = kind_of_names(&[el.attr("class"), el.attr("id"), el.attr("itemprop")]);
        c.group = group_of(tag, el.attr("class"));
        {
            let kind = if el.attr("pubdate").is_some() {
                Some(Kind::Published)
            } else {
                named
            };
            let zone = match zone_of(dom, an, id, anchor, c) {
                Zone::OtherArticles if just_under_headline(an, id, anchor) => Zone::Article,
                z => z,
            };
            if matches!(zone, Zone::Comments | Zone::OtherArticles) {
                continue;
            }
            let rank = visible_rank(kind, zone);
            let kind = kind.unwrap_or(Kind::Published);
            if let Some(v) = el.attr("datetime") {
                if let Some(d) = first_date(v, c.order, Context::Machine) {
                    c.push(d, Some(v), kind, Source::Visible, rank, pos);
                    continue;
                }
            }
            text.clear();
            dom.text_of(id, &mut text);
            if let Some(d) = first_date(&text, c.order, Context::DateElement) {
                c.push(d, None, kind, Source::Visible, rank, pos);
            }
        }
    }
}

/// A date's text has at least this many digits (`1.3.23`).
const DATE_MIN_DIGITS: usize = 4;

/// Whether `s` has the digits of a date: every form [`date_at`] reads
/// holds a year of four digits, two digits of a year after a day and a
/// month, or eight digits. Most texts fail this at the cost of a byte scan.
fn has_date_digits(s: &str) -> bool {
    // Counted in blocks of bytes (a vectorised count with a byte-wide
    // sum), stopping at the block that reaches the fourth digit.
    let mut digits = 0usize;
    for block in s.as_bytes().chunks(DIGIT_BLOCK) {
        let n: u8 = block
            .iter()
            .map(|b| u8::from(b.wrapping_sub(b'0') < 10))
            .fold(0, u8::wrapping_add);
        digits += usize::from(n);
        if digits >= DATE_MIN_DIGITS {
            return true;
        }
    }
    false
}

/// Bytes counted at once by [`has_date_digits`] (at most 255, the count
/// of one block is a byte).
const DIGIT_BLOCK: usize = 128;
/// A date element is the text's parent or at most this many levels above.
const DATE_ELEMENT_LEVELS: usize = 3;

/// The element named as a date (`<span class="post-date">`, `<p
/// class="byline">`, `<abbr class="published" title="…">`) that holds text
/// node `t` (whose text has a date's digits), if the element is short and
/// not read yet.
fn date_element_of(dom: &Dom, an: &Analysis, t: NodeId, done: &[NodeId]) -> Option<NodeId> {
    let mut n = dom.node(t).parent;
    for _ in 0..DATE_ELEMENT_LEVELS {
        if n == NONE || an.pre[n as usize] == u32::MAX {
            return None;
        }
        let el = dom.element(n)?;
        let chars = an.chars[n as usize];
        if chars > DATE_ELEMENT_MAX_CHARS {
            return None;
        }
        let names_a_date = |v: Option<&str>| {
            v.is_some_and(|v| DATE_CLASS_STEMS.contains_ci(v)) && has_token(v, DATE_CLASS_TOKENS)
        };
        if &*el.name.local != "time"
            && chars >= DATE_ELEMENT_MIN_CHARS
            && (names_a_date(el.attr("class")) || names_a_date(el.attr("id")))
        {
            // Its other texts come right after: the last few read suffice.
            return (!done.iter().rev().take(8).any(|&d| d == n)).then_some(n);
        }
        n = dom.node(n).parent;
    }
    None
}

/// A date element this close after the headline (in elements) is its
/// byline, whatever box holds it.
const UNDER_HEADLINE_MAX: u32 = 8;

/// Rule `byline-box-under-headline`: the meta line right under a headline
/// often sits in a box named like navigation or a share bar (`<ul class="nav
/// meta">`, `<div class="toolbar">`) that the page analysis counts as chrome;
/// a date element there is still the article's.
fn just_under_headline(an: &Analysis, id: NodeId, anchor: NodeId) -> bool {
    if anchor == NONE {
        return false;
    }
    let (p, h) = (an.pre[id as usize], an.pre[anchor as usize]);
    p != u32::MAX && h != u32::MAX && p > h && p - h <= UNDER_HEADLINE_MAX
}

/// Read the dates of an element named as a date.
fn read_date_element(
    dom: &Dom,
    an: &Analysis,
    id: NodeId,
    anchor: NodeId,
    text: &mut String,
    c: &mut Collector,
) {
    let Some(el) = dom.element(id) else { return };
    let pos = an.pre[id as usize];
    let named = kind_of_names(&[el.attr("class"), el.attr("id"), el.attr("itemprop")]);
    c.group = group_of(&el.name.local, el.attr("class"));
    {
        let zone = match zone_of(dom, an, id, anchor, c) {
            Zone::OtherArticles if just_under_headline(an, id, anchor) => Zone::Article,
            z => z,
        };
        if matches!(zone, Zone::Comments | Zone::OtherArticles) {
            return;
        }
        let rank = visible_rank(named, zone);
        let kind = named.unwrap_or(Kind::Published);
        text.clear();
        dom.text_of(id, text);
        // Rule `update-labelled-date-element`: an element that shows only
        // an update label (`<div datetime="…"><em>Last Updated:</em> …`)
        // gives its machine date as the update, not the publication.
        let attr_kind = match named {
            Some(k) => k,
            None if labels_in(&text.to_lowercase()) == (false, true) => Kind::Modified,
            None => Kind::Published,
        };
        for attr in ["datetime", "content", "title"] {
            if let Some(v) = el.attr(attr) {
                if let Some(d) = first_date(v, c.order, Context::Machine) {
                    c.push(d, Some(v), attr_kind, Source::Visible, rank, pos);
                }
            }
        }
        read_line(
            text,
            kind,
            Source::Visible,
            rank,
            pos,
            Context::DateElement,
            c,
        );
    }
}

/// A labelled date line has at most this many characters ...
const LABELLED_LINE_MAX_CHARS: usize = 160;
/// ... and a label standing before it in its own element (`<dt>Datum</dt>
/// <dd>12.01.2017</dd>`) at most this many.
const LABEL_MAX_CHARS: u32 = 40;
/// Ranks of a labelled date by zone: in the article, in a page footer, in a
/// side column.
const RANK_LABELLED_ARTICLE: u8 = 0;
const RANK_LABELLED_FOOTER: u8 = 1;
const RANK_LABELLED_ASIDE: u8 = 2;

/// Labels (lowercase; matched at the start of a word) that call the date
/// after or around them the publication date.
const PUBLISHED_LABELS: &[&str] = &[
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "gepostet",
    "geschrieben",
    "verfasst",
    "publiziert",
    "wurde am",
    "datum",
    "published",
    "posted",
    "date",
    "author",
    "autor",
    "auteur",
    "publié",
    "mise en ligne",
    "publicado",
    "publicada",
    "fecha",
    "pubblicato",
    "gepubliceerd",
];

/// Labels that call the date a later revision of the page (`Stand:`,
/// `Letzte Änderung`, `last edited`, `Mis à jour`).
const MODIFIED_LABELS: &[&str] = &[
    "last edited",
    "last modified",
    "last updated",
    "updated",
    "zuletzt",
    "stand:",
    "stand vom",
    "aktualisiert",
    "geändert",
    "letzte änderung",
    "mis à jour",
    "modifié",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
];

/// The kind a label in `s` (lowercase) gives, if it holds one at the start
/// of a word; an update label wins (`Erstellt: …, zuletzt geändert: …`
/// is read date by date by [`read_line`] anyway).
fn label_kind(s: &str) -> Option<Kind> {
    match labels_in(s) {
        (_, true) => Some(Kind::Modified),
        (true, false) => Some(Kind::Published),
        (false, false) => None,
    }
}

/// Whether `s` (lowercase) holds a publication label and an update label,
/// each at the start of a word.
fn labels_in(s: &str) -> (bool, bool) {
    // One pass over the word starts, each compared with the labels that
    // begin with its byte ([`LABEL_FIRSTS`]) and are not found yet.
    let (mut published, mut modified) = (false, false);
    let mut prev_alnum = false;
    for (i, ch) in s.char_indices() {
        let at_word = !prev_alnum;
        prev_alnum = ch.is_alphanumeric();
        if !at_word {
            continue;
        }
        let rest = &s.as_bytes()[i..];
        let mut m = LABEL_FIRSTS[rest[0] as usize];
        if published {
            m &= !PUBLISHED_BITS;
        }
        if modified {
            m &= !MODIFIED_BITS;
        }
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            let (label, found) = if k < MODIFIED_SHIFT {
                (PUBLISHED_LABELS[k], &mut published)
            } else {
                (MODIFIED_LABELS[k - MODIFIED_SHIFT], &mut modified)
            };
            if rest.starts_with(label.as_bytes()) {
                *found = true;
            }
        }
        if published && modified {
            break;
        }
    }
    (published, modified)
}

/// Bit of [`MODIFIED_LABELS`]' first entry in [`LABEL_FIRSTS`]; the bits
/// below are [`PUBLISHED_LABELS`]'.
const MODIFIED_SHIFT: usize = 32;
const PUBLISHED_BITS: u64 = (1 << MODIFIED_SHIFT) - 1;
const MODIFIED_BITS: u64 = !PUBLISHED_BITS;

/// For each byte, the labels that start with it: bit `k` for
/// `PUBLISHED_LABELS[k]`, bit `MODIFIED_SHIFT + k` for `MODIFIED_LABELS[k]`.
const LABEL_FIRSTS: [u64; 256] = {
    assert!(
        PUBLISHED_LABELS.len() <= MODIFIED_SHIFT && MODIFIED_LABELS.len() <= 64 - MODIFIED_SHIFT
    );
    let mut t = [0u64; 256];
    let mut k = 0;
    while k < PUBLISHED_LABELS.len() {
        t[PUBLISHED_LABELS[k].as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    k = 0;
    while k < MODIFIED_LABELS.len() {
        t[MODIFIED_LABELS[k].as_bytes()[0] as usize] |= 1 << (MODIFIED_SHIFT + k);
        k += 1;
    }
    t
};

/// Siblings read back for a label before a date ...
const LABEL_SIBLINGS: usize = 3;
/// ... across text and these inline elements only (`<dt>Preis</dt>` of the
/// pair before is no label of this one).
const INLINE_TAGS: &[&str] = &["a", "b", "strong", "em", "i", "span", "small", "nobr"];

/// Whether node `n` is a text of white space only.
fn is_blank_text(dom: &Dom, n: NodeId) -> bool {
    matches!(&dom.node(n).data, NodeData::Text(t) if t.trim().is_empty())
}

/// The kind named by a short label just before text node `t` or before its
/// element: `<dt>Datum</dt><dd>…</dd>`, `<p class="title">Mise en
/// ligne</p><p>…</p>`, `wurde am <nobr>19. Mai 2010</nobr>`.
fn label_before(dom: &Dom, an: &Analysis, t: NodeId, text: &mut String) -> Option<Kind> {
    let mut n = t;
    for _ in 0..2 {
        let mut p = dom.node(n).prev;
        while p != NONE && is_blank_text(dom, p) {
            p = dom.node(p).prev;
        }
        if p != NONE {
            // The line before the date: `Author: <a>Name</a> am 29.12.2010`
            // reads back over a few inline siblings to its label.
            for _ in 0..LABEL_SIBLINGS {
                text.clear();
                let inline = match &dom.node(p).data {
                    NodeData::Text(s) => {
                        let tail: String = s.chars().rev().take(LABEL_MAX_CHARS as usize).collect();
                        text.extend(tail.chars().rev());
                        true
                    }
                    NodeData::Element(e) if an.chars[p as usize] <= LABEL_MAX_CHARS => {
                        dom.text_of(p, text);
                        INLINE_TAGS.contains(&&*e.name.local)
                    }
                    _ => return None,
                };
                if let Some(k) = label_kind(&text.to_lowercase()) {
                    return Some(k);
                }
                p = dom.node(p).prev;
                if !inline || p == NONE {
                    return None;
                }
            }
            return None;
        }
        n = dom.node(n).parent;
        if n == NONE || dom.node(n).first_child != dom.node(n).last_child {
            // Only an element that holds nothing but this text passes the
            // look-back on to its own previous sibling.
            return None;
        }
    }
    None
}

/// Rule `labelled-date-line`: a short line that names its date (`Erschienen
/// am: 01.11.2023`, `Dieser Artikel wurde am 14. Dezember 2015 … von`,
/// `Stand: 09.10.2017`, `<dt>Datum</dt><dd>12.01.2017</dd>`, `last edited
/// 2019-11-10`) anywhere on the page except readers' comments: in page
/// footers and side boxes these are often the only date a page gives. Such
/// dates are a last resort (see [`reconcile`]).
fn read_labelled_line(
    dom: &Dom,
    an: &Analysis,
    t: NodeId,
    s: &str,
    anchor: NodeId,
    text: &mut String,
    c: &mut Collector,
) {
    if s.len() > LABELLED_LINE_MAX_CHARS * 4 {
        return;
    }
    let trimmed = s.trim();
    if trimmed.chars().count() > LABELLED_LINE_MAX_CHARS {
        return;
    }
    let p = dom.node(t).parent;
    if p == NONE || an.pre[p as usize] == u32::MAX || an.has(p, flag::SKIP) {
        return;
    }
    let lower = trimmed.to_lowercase();
    if lower.contains('©') || lower.contains("copyright") {
        return;
    }
    let Some(kind) = label_kind(&lower).or_else(|| label_before(dom, an, t, text)) else {
        return;
    };
    let rank = match zone_of(dom, an, p, anchor, c) {
        Zone::Comments => return,
        Zone::Article => RANK_LABELLED_ARTICLE,
        Zone::Footer => RANK_LABELLED_FOOTER,
        Zone::OtherArticles => RANK_LABELLED_ASIDE,
    };
    c.group = dom
        .element(p)
        .map_or(0, |e| group_of(&e.name.local, e.attr("class")));
    read_line(
        trimmed,
        kind,
        Source::Labelled,
        rank,
        an.pre[p as usize],
        Context::FreeText,
        c,
    );
}

/// The hash of an element's tag and class (see [`Found::group`]).
fn group_of(tag: &str, class: Option<&str>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut h);
    class.unwrap_or("").hash(&mut h);
    h.finish() | 1
}

/// A date line's dates: `Published 3 March 2023, updated 5 March 2023`
/// holds both kinds; words before each date say which.
fn read_line(
    text: &str,
    kind: Kind,
    source: Source,
    rank: u8,
    pos: u32,
    ctx: Context,
    c: &mut Collector,
) {
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let mut i = 0;
    let mut last_end = 0;
    while i < toks.len() {
        if let Some((d, next)) = date_at(&toks, i, c.order, ctx) {
            let before = &toks[last_end..i];
            let said = |table: &[&str]| {
                before.iter().any(|t| match t {
                    Tok::Word(w) => {
                        let w = w.to_lowercase();
                        table.iter().any(|u| w.starts_with(u))
                    }
                    _ => false,
                })
            };
            if !said(NOT_PUBLICATION_WORDS) {
                let k = if said(UPDATE_WORDS) {
                    Kind::Modified
                } else {
                    kind
                };
                c.push(d, None, k, source, rank, pos);
            }
            last_end = next;
            i = next;
        } else {
            i += 1;
        }
    }
}

/// Words that mark the date after them as some other date than the
/// article's: a forum member's join date, a birthday, a copyright line.
const NOT_PUBLICATION_WORDS: &[&str] = &[
    "joined",
    "registered",
    "member",
    "registriert",
    "mitglied",
    "dabei",
    "inscrit",
    "registrado",
    "iscritto",
    "born",
    "geboren",
    "copyright",
    "©",
    "expires",
    "deadline",
];

/// Words that mark the date after them as an update (`Updated`,
/// `Aktualisiert`, `Mis à jour`, `Actualizado`, `Aggiornato`, `Bijgewerkt`).
const UPDATE_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "last",
    "aktualisiert",
    "geändert",
    "zuletzt",
    "stand",
    "jour",
    "modifié",
    "actualizado",
    "actualización",
    "aggiornato",
    "aggiornamento",
    "bijgewerkt",
    "atualizado",
    "edited",
];

fn visible_rank(kind: Option<Kind>, zone: Zone) -> u8 {
    let base = if kind.is_some() {
        RANK_NAMED
    } else {
        RANK_UNNAMED
    };
    if zone == Zone::Footer {
        base + 4
    } else {
        base
    }
}

fn read_json_ld(text: &str, c: &mut Collector) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
        scan_json_keys(text, c);
        return;
    };
    let mut stack = vec![&v];
    let mut guard = 0;
    while let Some(v) = stack.pop() {
        guard += 1;
        if guard > 2000 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                let types: Vec<&str> = match o.get("@type") {
                    Some(serde_json::Value::String(s)) => vec![s.as_str()],
                    Some(serde_json::Value::Array(a)) => {
                        a.iter().filter_map(|x| x.as_str()).collect()
                    }
                    _ => vec![],
                };
                let strip = |t: &&str| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
                let types: Vec<String> = types.iter().map(strip).collect();
                if types.iter().any(|t| LD_FOREIGN_TYPES.contains(&t.as_str())) {
                    continue;
                }
                let type_rank = if types.iter().any(|t| LD_ARTICLE_TYPES.contains(&t.as_str())) {
                    0
                } else if types.iter().any(|t| t.ends_with("Page")) {
                    1
                } else {
                    2
                };
                for &(key, kind, rank) in LD_DATE_KEYS {
                    if let Some(s) = o.get(key).and_then(|x| x.as_str()) {
                        c.machine(s, kind, Source::Stated, type_rank * 2 + rank, 0);
                    }
                }
                for (k, child) in o {
                    if matches!(
                        child,
                        serde_json::Value::Object(_) | serde_json::Value::Array(_)
                    ) && !matches!(k.as_str(), "comment" | "review" | "author" | "publisher")
                    {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Rank of a date read from JSON-LD that does not parse, by key alone.
const RANK_BROKEN_JSON_LD: u8 = 2;

/// Rule `broken-json-ld`: hand-written JSON-LD often fails to parse (a
/// trailing comma, a raw line break in a string); its date keys are still
/// plain to read: `"datePublished": "2022-02-02T11:14:00+01:00"`.
fn scan_json_keys(text: &str, c: &mut Collector) {
    for &(key, kind, rank) in LD_DATE_KEYS {
        let quoted = format!("\"{key}\"");
        let Some(at) = text.find(&quoted) else {
            continue;
        };
        let rest = text[at + quoted.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let value = rest.split('"').next().unwrap_or("");
        if value.len() <= 40 {
            c.machine(value, kind, Source::Stated, RANK_BROKEN_JSON_LD + rank, 0);
        }
    }
}

/// The date in a URL path: `/2023/03/24/`, `/2023-03-24-title`,
/// `/20230324/`, `/2023/3/24/`; failing those, a day-first date
/// (`/meldungen/29-10-2021`, `/~02-01-2022-title`, rule `url-day-first`).
pub fn url_date(url: &str) -> Option<Ymd> {
    // Only the path: hosts and query strings hold other numbers.
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut toks = Vec::new();
    tokenize(path, &mut toks);
    url_date_year_first(&toks).or_else(|| url_date_day_first(&toks))
}

/// Rule `url-day-first`: many European CMSs put the day first in a path
/// (`/29-10-2021`, `/02.01.2022-title`). The year must have four digits and
/// the separators must match; a first part of at most 12 is still read as
/// the day unless the second part cannot be a month.
fn url_date_day_first(toks: &[Tok]) -> Option<Ymd> {
    for i in 0..toks.len() {
        let Tok::Num(a, an) = toks[i] else { continue };
        // Not the tail of a longer number run (`1-2-3-2021`).
        let tail = i >= 2
            && matches!(toks[i - 1], Tok::Sep('.' | '-' | '_'))
            && matches!(toks[i - 2], Tok::Num(..));
        if an > 2 || tail {
            continue;
        }
        if let (
            Some(Tok::Sep(s1)),
            Some(Tok::Num(b, bn)),
            Some(Tok::Sep(s2)),
            Some(Tok::Num(y, 4)),
        ) = (
            toks.get(i + 1),
            toks.get(i + 2),
            toks.get(i + 3),
            toks.get(i + 4),
        ) {
            if s1 != s2 || !matches!(s1, '-' | '.' | '_') || *bn > 2 {
                continue;
            }
            if matches!((toks.get(i + 5), toks.get(i + 6)), (Some(Tok::Sep(s3)), Some(Tok::Num(..))) if s3 == s1)
            {
                continue; // `01-02-2022-3`: part of a longer number run
            }
            let (d, m) = if *b > 12 { (*b, a) } else { (a, *b) };
            if let Some(x) = Ymd::new(*y, m, d) {
                if x.y >= MIN_YEAR {
                    return Some(x);
                }
            }
        }
    }
    None
}

fn url_date_year_first(toks: &[Tok]) -> Option<Ymd> {
    for i in 0..toks.len() {
        let Tok::Num(v, n) = toks[i] else { continue };
        if n == 8 {
            if let Some(d) = Ymd::new(v / 10_000, v / 100 % 100, v % 100) {
                if d.y >= MIN_YEAR {
                    return Some(d);
                }
            }
            continue;
        }
        if n != 4 || !(u32::from(MIN_YEAR)..=2100).contains(&v) {
            continue;
        }
        if let (
            Some(Tok::Sep(s1)),
            Some(Tok::Num(m, mn)),
            Some(Tok::Sep(s2)),
            Some(Tok::Num(d, dn)),
        ) = (
            toks.get(i + 1),
            toks.get(i + 2),
            toks.get(i + 3),
            toks.get(i + 4),
        ) {
            if s1 == s2 && matches!(s1, '/' | '-' | '_') && *mn <= 2 && *dn <= 2 {
                if let Some(x) = Ymd::new(v, *m, *d) {
                    return Some(x);
                }
            }
        }
    }
    None
}

/// Visible text scanned for a date around the headline when the page
/// states none anywhere else: this many characters after it ...
const TEXT_SCAN_AFTER_CHARS: usize = 1500;
/// ... and this many before it (a date line above the headline).
const TEXT_SCAN_BEFORE_CHARS: usize = 300;

/// A text of at most this many characters that holds a date is a date line
/// (`Berlin, 24.03.2023`, `Posted on March 24, 2023 by Jane Doe`).
const DATE_LINE_MAX_CHARS: usize = 80;
/// Rank of a date in a date line and of one in prose.
const RANK_DATE_LINE: u8 = 0;
const RANK_IN_PROSE: u8 = 1;

/// Rule `date-in-text-near-headline`: pages without any marked date often
/// print it as plain text by the headline (`Berlin, 24.03.2023`, `Posted
/// March 24, 2023 by …`). Read the text just before and after the headline,
/// outside comments and lists of other articles.
fn text_near_headline(dom: &Dom, an: &Analysis, anchor: NodeId, c: &mut Collector) {
    if anchor == NONE {
        return;
    }
    let h = anchor;
    let anchor_pre = an.pre[h as usize];
    let hp = anchor_pre;
    // Text nodes in document order, with their preorder position.
    let mut before: Vec<(u32, NodeId)> = Vec::new();
    let mut after: Vec<(u32, NodeId)> = Vec::new();
    let (mut nb, mut na) = (0usize, 0usize);
    // Walk backwards from the headline over earlier nodes, then forwards.
    let mut id = h;
    while id > 0 && nb < TEXT_SCAN_BEFORE_CHARS {
        id -= 1;
        if let NodeData::Text(t) = &dom.node(id).data {
            let p = dom.node(id).parent;
            if p != NONE && an.pre[p as usize] != u32::MAX && !an.has(p, flag::SKIP) {
                nb += t.len();
                before.push((an.pre[p as usize], id));
            }
        }
    }
    let mut id = h + 1;
    while (id as usize) < dom.nodes.len() && na < TEXT_SCAN_AFTER_CHARS {
        if let NodeData::Text(t) = &dom.node(id).data {
            let p = dom.node(id).parent;
            if p != NONE
                && an.pre[p as usize] != u32::MAX
                && an.pre[p as usize] > hp
                && !an.has(p, flag::SKIP)
            {
                na += t.len();
                after.push((an.pre[p as usize], id));
            }
        }
        id += 1;
    }
    before.reverse();
    for (pos, t) in before.into_iter().chain(after) {
        let NodeData::Text(s) = &dom.node(t).data else {
            continue;
        };
        if !has_date_digits(s) || s.contains('©') || s.to_lowercase().contains("copyright") {
            continue;
        }
        if first_date(s, c.order, Context::FreeText).is_none() {
            continue;
        }
        let p = dom.node(t).parent;
        if zone_of(dom, an, p, anchor, c) != Zone::Article {
            continue;
        }
        // A short line is a date line; in a long one the date is a fact
        // the article tells.
        let rank = if s.trim().chars().count() <= DATE_LINE_MAX_CHARS {
            RANK_DATE_LINE
        } else {
            RANK_IN_PROSE
        };
        c.group = dom
            .element(p)
            .map_or(0, |e| group_of(&e.name.local, e.attr("class")));
        // Rule `update-labelled-date-line`: the label may stand in its own
        // element beside the date (`<em>Last Updated:</em> January 7,
        // 2025`); a line whose only label is an update's gives the update.
        let kind = if an.chars[p as usize] as usize <= LABELLED_LINE_MAX_CHARS && {
            let mut line = String::new();
            dom.text_of(p, &mut line);
            labels_in(&line.to_lowercase()) == (false, true)
        } {
            Kind::Modified
        } else {
            Kind::Published
        };
        read_line(s, kind, Source::Text, rank, pos, Context::FreeText, c);
    }
}

/// A byline date stands at most this many elements after the headline ...
const BYLINE_AFTER: u32 = 40;
/// ... or this many before it (distance counted double there).
const BYLINE_BEFORE: u32 = 30;
/// Dates of one element kind (tag and class) that occur this often, with
/// different dates, are a list of other articles.
const LIST_MIN_DATES: usize = 3;

/// Choose the published and modified dates from all found.
///
/// Rule `original-date`: the publication date is preferred to the last
/// update; an update is never earlier than the publication.
/// Rule `byline-beats-metadata`: when the date the page shows by the
/// headline differs from the one its metadata states, the shown one wins:
/// metadata is often regenerated (a site moved, a time zone applied to a
/// midnight date: `2020-05-02T02:54Z` for an article of May 1).
/// Rule `url-beats-metadata`: a full date in the URL was fixed at first
/// publication and beats stated metadata that disagrees.
/// Rule `dates-in-a-list`: a date element repeated with different dates
/// (`span.post-date` on every teaser) belongs to a list of articles.
fn reconcile(found: &[Found], headline_pos: Option<u32>) -> Dates {
    let listed_groups = list_groups(found);
    let listed =
        |f: &Found| -> bool { f.group != 0 && listed_groups.binary_search(&f.group).is_ok() };
    let best = |kind: Kind, source: Source| -> Option<&Found> {
        found
            .iter()
            .filter(|f| f.kind == kind && f.source == source)
            .filter(|f| !matches!(f.source, Source::Visible | Source::Labelled) || !listed(f))
            .min_by_key(|f| (f.rank, distance(f.pos, headline_pos)))
    };
    let near_headline = |f: &Found| -> bool {
        match headline_pos {
            Some(h) if f.pos != u32::MAX => {
                if f.pos >= h {
                    f.pos - h <= BYLINE_AFTER
                } else {
                    h - f.pos <= BYLINE_BEFORE
                }
            }
            _ => false,
        }
    };
    let byline = found
        .iter()
        .filter(|f| match f.source {
            Source::Visible => !listed(f),
            Source::Text => f.rank == RANK_DATE_LINE && !listed(f),
            _ => false,
        })
        .filter(|f| near_headline(f))
        .min_by_key(|f| distance(f.pos, headline_pos));
    let stated = best(Kind::Published, Source::Stated);
    let url = best(Kind::Published, Source::Url);
    // A day apart: one moment written in two time zones (`2020-05-02T02:54Z`
    // shown as May 1 in New York).
    let next_day = |a: &Found, b: &Found| (a.date.to_days() - b.date.to_days()).abs() == 1;
    let same_day = |a: &Found, b: &Found| a.date == b.date || swapped(a.date) == Some(b.date);
    // The byline shows a date that the page itself calls an update
    // ("Updated …", `class="updated"`): the original date stays.
    let shows_update = |b: &Found| {
        found.iter().any(|f| {
            f.kind == Kind::Modified
                && matches!(f.source, Source::Visible | Source::Text)
                && f.date == b.date
        })
    };
    let published = match (byline, url, stated) {
        // Rule `url-and-metadata-agree`: two independent records of the
        // first publication that agree beat a date shown near the
        // headline (often a date the article's text mentions).
        (_, Some(u), Some(s)) if u.date == s.date => Some(s),
        (Some(b), _, Some(s)) if !same_day(b, s) && (next_day(b, s) || !shows_update(b)) => Some(b),
        (_, Some(u), Some(s)) if u.date != s.date => Some(u),
        (_, _, Some(s)) => Some(s),
        (Some(b), _, None) => Some(b),
        _ => None,
    }
    .or_else(|| best(Kind::Published, Source::Visible))
    .or(url)
    .or_else(|| first_of_thread(found, headline_pos))
    .or_else(|| best(Kind::Published, Source::Text))
    .or_else(|| best(Kind::Published, Source::Labelled))
    .or_else(|| best(Kind::Published, Source::Script));
    let modified = best(Kind::Modified, Source::Stated)
        .or_else(|| best(Kind::Modified, Source::Visible))
        .or_else(|| best(Kind::Modified, Source::Labelled));
    // Rule `update-as-last-resort`: a page that gives only an update date
    // ("Updated July 9, 2025") has no earlier date to offer; that date is
    // the best estimate of when its text appeared.
    let published = published
        .or(modified)
        .or_else(|| best(Kind::Modified, Source::Text));
    let render = |f: &Found| f.raw.clone().unwrap_or_else(|| f.date.iso());
    let modified = modified.filter(|m| published.is_none_or(|p| m.date >= p.date));
    Dates {
        published: published.map(render),
        modified: modified.map(render),
    }
}

/// The groups (see [`Found::group`]) whose dates stand in at least
/// [`LIST_MIN_DATES`] places and differ: lists of dated items. Sorting keeps
/// this O(n log n) on pages with thousands of dates.
fn list_groups(found: &[Found]) -> Vec<u64> {
    let mut items: Vec<(u64, u32, Ymd)> = found
        .iter()
        .filter(|f| f.group != 0)
        .map(|f| (f.group, f.pos, f.date))
        .collect();
    items.sort_unstable();
    let mut out = Vec::new();
    for run in items.chunk_by(|a, b| a.0 == b.0) {
        let mut places = 1;
        for w in run.windows(2) {
            if w[1].1 != w[0].1 {
                places += 1;
            }
        }
        let differ = run.iter().any(|x| x.2 != run[0].2);
        if differ && places >= LIST_MIN_DATES {
            out.push(run[0].0);
        }
    }
    out.sort_unstable();
    out
}

/// Rule `first-of-a-thread`: on a forum thread every post carries a date
/// element of one kind (a list, by rule `dates-in-a-list`); the first post
/// after the headline opened the thread.
fn first_of_thread(found: &[Found], headline_pos: Option<u32>) -> Option<&Found> {
    let h = headline_pos?;
    found
        .iter()
        .filter(|f| f.source == Source::Visible && f.kind == Kind::Published && f.group != 0)
        .filter(|f| f.pos != u32::MAX && f.pos >= h)
        .min_by_key(|f| f.pos)
}

/// The date with day and month swapped, when both could be either
/// (`03/04/2023`): the same date read in the other order.
fn swapped(d: Ymd) -> Option<Ymd> {
    (d.d <= 12 && d.d != d.m)
        .then(|| Ymd::new(u32::from(d.y), u32::from(d.d), u32::from(d.m)))
        .flatten()
}

/// How far a visible date stands from the headline in document order; dates
/// above the headline count double (they are more often a site's header).
fn distance(pos: u32, headline: Option<u32>) -> u32 {
    match headline {
        _ if pos == u32::MAX => u32::MAX,
        Some(h) if pos >= h => pos - h,
        Some(h) => (h - pos).saturating_mul(2),
        None => pos,
    }
}

/// Every date found on a page, one per line, tab-separated: date, kind,
/// source, rank, distance from the headline, whether a time of day was
/// given; then the chosen dates. A debugging aid.
#[doc(hidden)]
pub fn debug_candidates(html: &str, url: Option<&str>) -> String {
    use std::fmt::Write;
    let dom = Dom::parse(html);
    let m = crate::meta::collect(&dom);
    let an = crate::analyze::analyze(&dom, true);
    let title = crate::meta::headline(&dom, &an, &m);
    let mut c = Collector {
        found: Vec::new(),
        reference: today(),
        order: match m.lang.as_deref() {
            Some("en") => Order::MonthFirst,
            _ => Order::DayFirst,
        },
        group: 0,
        own_zones: Vec::new(),
    };
    let headline = headline_node(&dom, &an, title.as_deref());
    let anchor = headline.unwrap_or(NONE);
    collect(&dom, &an, anchor, &mut c);
    for url in [url, m.canonical.as_deref()].into_iter().flatten() {
        if let Some(d) = url_date(url) {
            c.push(d, None, Kind::Published, Source::Url, 0, u32::MAX);
        }
    }
    c.group = 0;
    text_near_headline(&dom, &an, anchor, &mut c);
    let mut out = String::new();
    let hp = headline.map(|h| an.pre[h as usize]);
    let _ = writeln!(out, "H\t{hp:?}\t{title:?}");
    for f in &c.found {
        let d = distance(f.pos, hp);
        let _ = writeln!(
            out,
            "C\t{}\t{:?}\t{:?}\t{}\t{}\t{}\t{}\t{}",
            f.date.iso(),
            f.kind,
            f.source,
            f.rank,
            if f.pos == u32::MAX || f.source == Source::Stated {
                -1
            } else {
                i64::from(d)
            },
            if f.pos == u32::MAX || hp.is_none() {
                0
            } else if Some(f.pos) < hp {
                -1
            } else {
                1
            },
            f.raw.as_deref().unwrap_or(""),
            f.group % 10_000
        );
    }
    if let Some(h) = headline {
        let mut seen = 0;
        for id in h..(dom.nodes.len() as NodeId).min(h + 3000) {
            if let NodeData::Text(t) = &dom.node(id).data {
                if first_date(t, c.order, Context::FreeText).is_some() && seen < 5 {
                    seen += 1;
                    let p = dom.node(id).parent;
                    let (z, cause) = zone_and_cause(&dom, &an, p, anchor);
                    let cause = if cause == NONE {
                        String::new()
                    } else {
                        dom.element(cause)
                            .map(|e| {
                                format!(
                                    "{} .{} #{}",
                                    e.name.local,
                                    e.attr("class").unwrap_or(""),
                                    e.attr("id").unwrap_or("")
                                )
                            })
                            .unwrap_or_default()
                    };
                    let _ = writeln!(
                        out,
                        "Z\t{:?}\t{}\t{}\t{:?}",
                        z,
                        an.pre[p as usize],
                        cause,
                        t.trim().chars().take(60).collect::<String>()
                    );
                }
            }
        }
    }
    let r = reconcile(&c.found, hp);
    let _ = writeln!(
        out,
        "R\t{}\t{}",
        r.published.unwrap_or_default(),
        r.modified.unwrap_or_default()
    );
    out
}

#[cfg(test)]
mod digit_tests {
    use super::has_date_digits;

    #[test]
    fn date_digits_counted_across_blocks() {
        let spread = format!(
            "{}1{}2{}3{}4",
            "a".repeat(127),
            "b".repeat(127),
            "c".repeat(300),
            "d"
        );
        assert!(has_date_digits(&spread));
        assert!(!has_date_digits(&spread[..spread.len() - 1]));
        assert!(has_date_digits("1.3.23"));
        assert!(!has_date_digits("1.3.x"));
    }
}

#[cfg(test)]
mod listed_token_tests {
    use super::{has_listed_token, has_token, OTHER_ARTICLES_TOKENS};

    #[test]
    fn listed_tokens_found_as_the_tokenizer_gives_them() {
        for v in [
            "most-read box",
            "box relatedPosts",
            "Related",
            "teaser_list",
            "read-more",
            "col-md-4 widget",
            "relat ed",
            "rélated",
        ] {
            let want = has_token(Some(v), OTHER_ARTICLES_TOKENS.stems());
            assert_eq!(
                has_listed_token(Some(v), &OTHER_ARTICLES_TOKENS),
                want,
                "{v}"
            );
        }
        assert!(has_listed_token(
            Some("most-read box"),
            &OTHER_ARTICLES_TOKENS
        ));
        assert!(!has_listed_token(Some("relat ed"), &OTHER_ARTICLES_TOKENS));
        assert!(!has_listed_token(None, &OTHER_ARTICLES_TOKENS));
    }
}
