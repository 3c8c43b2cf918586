//! The language of the article, detected from its text.
//!
//! A page's declared `lang` is only a hint: templates copied across sites
//! keep `lang="en"` on German pages. The body text decides when the
//! detector (whatlang's trigram model) is sure; otherwise the declaration
//! stands, and without one the detector's best guess.
//!
//! Rule `declared-language-confirmed-by-function-words`: most pages declare
//! their language truly, and their text shows it in its commonest words
//! (`the`, `und`, `les`). When the declared language's function words make
//! up a good share of the sample, more than any other listed language's,
//! the declaration is taken without running the detector, whose trigram
//! scoring over every language of the script is the costly part.

use crate::patterns::WordBits;

/// Text beyond this many bytes does not change the verdict; cutting it keeps
/// detection cheap on long pages.
const SAMPLE_BYTES: usize = 512;
/// Below this many bytes of text the detector is not trusted over a
/// declaration.
const MIN_TRUSTED_BYTES: usize = 200;

/// Function words of the languages most pages declare: the commonest
/// words of running text, chosen so that the lists overlap little.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "is", "that", "for", "it", "with", "was", "on", "as", "are",
            "this", "be", "by", "have", "from", "or", "which", "but", "not", "they", "you", "has",
            "were", "their", "he", "she", "we",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "sich", "auf",
            "für", "dem", "des", "ein", "eine", "auch", "es", "im", "wird", "sie", "er", "wir",
            "bei", "nach", "aus", "wie", "hat", "oder",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "du", "une", "un", "que", "qui", "dans", "pour",
            "pas", "sur", "au", "aux", "avec", "ce", "il", "elle", "sont", "par", "plus", "nous",
            "vous", "mais", "ou", "cette", "été",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "del", "y", "que", "en", "es", "por", "con", "una", "para",
            "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "ha", "muy",
            "también", "entre", "cuando", "está",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "la", "per", "un", "una", "non", "sono", "della", "del", "le",
            "gli", "con", "si", "da", "nel", "alla", "anche", "ha", "come", "più", "questo", "dei",
            "ma", "nella", "delle", "è", "lo", "essere",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "van", "en", "is", "dat", "op", "te", "zijn", "voor", "met",
            "niet", "aan", "er", "ook", "als", "bij", "door", "maar", "om", "nog", "wordt", "werd",
            "naar", "hij", "ze", "dit", "deze", "wel",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "da", "do", "das", "dos", "que", "em", "um", "uma", "para", "com", "não",
            "no", "na", "se", "por", "mais", "ao", "é", "como", "mas", "foi", "ele", "ela", "seu",
            "sua", "também", "são", "pelo",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "z", "się", "nie", "do", "to", "że", "jest", "o", "jak", "ale", "po",
            "co", "tak", "za", "od", "jego", "już", "przez", "są", "czy", "dla", "tylko", "może",
            "być", "było", "ich", "oraz",
        ],
    ),
];
/// Function words of languages close to the listed ones (Catalan, Galician,
/// Afrikaans, the Scandinavian languages, Czech, Slovak, Romanian). They are
/// never returned from here; a sample that reads as one of them goes to the
/// detector, so that Catalan is not taken for Spanish nor Afrikaans for
/// Dutch.
const NEIGHBOUR_WORDS: &[&[&str]] = &[
    &[
        "els", "amb", "per", "més", "dels", "aquest", "aquesta", "però", "també", "són", "seu",
        "seva", "va", "han", "hi", "ha", "de", "la", "que", "el", "i", "a", "les", "un", "una",
    ],
    &[
        "non", "unha", "coa", "máis", "polo", "pola", "nos", "nas", "tamén", "aínda", "moi",
        "onde", "ao", "dun", "dunha", "que", "de", "o", "a", "e", "en", "do", "da", "se", "os",
    ],
    &[
        "die", "nie", "het", "is", "van", "wat", "vir", "met", "ons", "hulle", "word", "sy", "ook",
        "maar", "kan", "en", "in", "te", "op", "om",
    ],
    &[
        "og", "det", "er", "til", "af", "som", "har", "ikke", "med", "den", "på", "for", "var",
        "jeg", "kan", "en", "at", "i", "de", "et",
    ],
    &[
        "och", "att", "det", "som", "är", "på", "för", "med", "inte", "har", "av", "till", "den",
        "var", "om", "en", "i", "de", "ett", "jag",
    ],
    &[
        "og", "ikke", "det", "som", "på", "er", "til", "av", "med", "har", "for", "jeg", "den",
        "var", "seg", "en", "i", "at", "de", "et",
    ],
    &[
        "a", "je", "se", "na", "v", "že", "to", "s", "z", "do", "jako", "ale", "by", "pro", "jsou",
        "které", "který", "byl", "bylo", "jeho",
    ],
    &[
        "a", "je", "sa", "na", "v", "že", "to", "s", "z", "do", "ako", "ale", "by", "pre", "sú",
        "ktoré", "ktorý", "bol", "bolo", "jeho",
    ],
    &[
        "și", "de", "la", "în", "cu", "pe", "care", "nu", "din", "că", "este", "mai", "pentru",
        "să", "se", "un", "o", "a", "al", "ale",
    ],
];
/// The declared language's function words make up at least this share of
/// the sample's words ...
const CONFIRM_MIN_SHARE: f32 = 0.15;
/// ... of at least this many words.
const CONFIRM_MIN_WORDS: usize = 40;
/// Rule `undeclared-language-by-function-words`: without a declaration, a
/// listed language is taken when its function words make up this share of
/// the sample ...
const UNDECLARED_MIN_SHARE: f32 = 0.25;
/// ... and this many times as many words as any other language's list.
const UNDECLARED_MIN_LEAD: usize = 3;

/// How many of the sample's words each list holds: the listed languages
/// first, then the neighbours; and the number of words.
fn function_word_hits(sample: &str) -> ([usize; LISTS], usize) {
    // One lookup per word in a table built at compile time: each word
    // maps to the lists that hold it.
    let mut hits = [0usize; LISTS];
    let mut words = 0usize;
    let mut lower = String::new();
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        words += 1;
        if w.len() > MAX_FUNCTION_WORD_BYTES {
            continue;
        }
        lower.clear();
        if w.is_ascii() {
            // The same letters as `to_lowercase` gives, without its tables.
            lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        let mask = lists_holding(&lower);
        if mask == 0 {
            // Most words are in no list.
            continue;
        }
        for (k, h) in hits.iter_mut().enumerate() {
            *h += ((mask >> k) & 1) as usize;
        }
    }
    (hits, words)
}

/// Every listed word with the lists that hold it (bit `k` for list `k`:
/// [`FUNCTION_WORDS`], then [`NEIGHBOUR_WORDS`]), built at compile time.
static WORD_TABLE: WordBits<1024> = WordBits::new(&WORD_LISTS);

/// The lists of [`WORD_TABLE`], each with its bit.
const WORD_LISTS: [(&[&str], u32); LISTS] = {
    let mut lists: [(&[&str], u32); LISTS] = [(&[], 0); LISTS];
    let mut k = 0;
    while k < LISTS {
        let list = if k < FUNCTION_WORDS.len() {
            FUNCTION_WORDS[k].1
        } else {
            NEIGHBOUR_WORDS[k - FUNCTION_WORDS.len()]
        };
        lists[k] = (list, 1 << k);
        k += 1;
    }
    lists
};

/// The lists (bits as in [`WORD_TABLE`]) that hold `word` (lowercase).
fn lists_holding(word: &str) -> u32 {
    WORD_TABLE.get(word)
}

/// How many word lists there are (at most 32: one bit each).
const LISTS: usize = FUNCTION_WORDS.len() + NEIGHBOUR_WORDS.len();
const _: () = assert!(LISTS <= 32);
/// No function word is longer than this (in UTF-8 bytes); longer words are
/// only counted.
const MAX_FUNCTION_WORD_BYTES: usize = 8;

/// Rule `declared-language-confirmed-by-function-words` (see the module
/// comment): whether `sample` reads as `declared`.
fn confirms(sample: &str, declared: &str) -> bool {
    let Some(own) = FUNCTION_WORDS.iter().position(|(l, _)| *l == declared) else {
        return false;
    };
    let (hits, words) = function_word_hits(sample);
    words >= CONFIRM_MIN_WORDS
        && hits[own] as f32 >= CONFIRM_MIN_SHARE * words as f32
        && hits
            .iter()
            .enumerate()
            .all(|(k, &h)| k == own || h < hits[own])
}

/// Rule `undeclared-language-by-function-words`: the listed language that
/// `sample` reads as beyond doubt, if any.
fn by_function_words(sample: &str) -> Option<&'static str> {
    let (hits, words) = function_word_hits(sample);
    let (best, &top) = hits.iter().enumerate().max_by_key(|&(_, &h)| h)?;
    let runner_up = hits
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &h)| h)
        .max()
        .unwrap_or(0);
    (best < FUNCTION_WORDS.len()
        && words >= CONFIRM_MIN_WORDS
        && top as f32 >= UNDECLARED_MIN_SHARE * words as f32
        && top >= UNDECLARED_MIN_LEAD * runner_up.max(1))
    .then(|| FUNCTION_WORDS[best].0)
}

/// ISO 639-3 codes of whatlang's languages and their ISO 639-1 codes (where
/// one exists).
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The article's language as an ISO 639-1 code (639-3 where there is none).
pub fn language(text: &str, declared: Option<&str>) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if let Some(d) = declared.filter(|d| confirms(sample, d)) {
        return Some(d.to_string());
    }
    if declared.is_none() {
        if let Some(l) = by_function_words(sample) {
            return Some(l.to_string());
        }
    }
    let detected = whatlang::detect(sample).map(|info| {
        let code = info.lang().code();
        let code = ISO_639_1
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| *two);
        (code.to_string(), info.is_reliable())
    });
    match (detected, declared) {
        (Some((code, true)), _) if sample.len() >= MIN_TRUSTED_BYTES => Some(code),
        (_, Some(d)) => Some(d.to_string()),
        (Some((code, _)), None) => Some(code),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::language;

    #[test]
    fn the_text_beats_a_wrong_declaration() {
        let de = "Russland hat nach Informationen einer japanischen Zeitung den \
            nordkoreanischen Machthaber nach Moskau eingeladen. Er könne dort im Mai an \
            den Feiern teilnehmen und mit dem russischen Präsidenten zusammentreffen, \
            berichtete die Zeitung am Mittwoch unter Berufung auf Diplomatenkreise.";
        assert_eq!(language(de, Some("en")).as_deref(), Some("de"));
        assert_eq!(language(de, None).as_deref(), Some("de"));
    }

    #[test]
    fn a_true_declaration_is_confirmed_by_function_words() {
        let en = "The committee said on Tuesday that it would publish the report by the end \
            of the month, and that the findings were not yet final. It is the third time \
            this year that the publication has been delayed, which has drawn criticism from \
            members who say they have been waiting for answers since the spring.";
        assert!(super::confirms(en, "en"));
        assert!(!super::confirms(en, "de"));
        assert_eq!(language(en, Some("en")).as_deref(), Some("en"));
        let pt = "O governo anunciou que vai investir mais na saúde e na educação, mas os \
            sindicatos dizem que não é suficiente. A proposta foi apresentada pelo ministro \
            das finanças e deve ser votada no parlamento até ao fim do mês, segundo uma \
            fonte do executivo que pediu para não ser identificada pelo jornal.";
        assert!(super::confirms(pt, "pt"));
        assert!(!super::confirms(pt, "es"));
    }

    #[test]
    fn undeclared_text_is_named_only_beyond_doubt() {
        let de = "Russland hat nach Informationen einer japanischen Zeitung den \
            nordkoreanischen Machthaber nach Moskau eingeladen. Er könne dort im Mai an \
            den Feiern teilnehmen und mit dem russischen Präsidenten zusammentreffen, \
            berichtete die Zeitung am Mittwoch unter Berufung auf Diplomatenkreise, die \
            sich nicht weiter äußern wollten. Das Treffen wäre das erste der beiden.";
        assert_eq!(super::by_function_words(de), Some("de"));
        // Catalan shares many words with Spanish: the detector decides.
        let ca = "El govern ha anunciat que invertirà més diners en la sanitat i en \
            l'educació, però els sindicats diuen que no és suficient. La proposta va ser \
            presentada pel conseller de l'economia i s'ha de votar al parlament abans de \
            la fi del mes, segons una font de l'executiu que ha demanat no ser identificada.";
        assert_eq!(super::by_function_words(ca), None);
        assert_eq!(language(ca, None).as_deref(), Some("ca"));
    }

    #[test]
    fn the_word_table_holds_each_word_with_its_lists() {
        let lists = super::FUNCTION_WORDS
            .iter()
            .map(|(_, l)| *l)
            .chain(super::NEIGHBOUR_WORDS.iter().copied());
        for (k, list) in lists.enumerate() {
            for w in list {
                assert!(super::lists_holding(w) & (1 << k) != 0, "{w} in list {k}");
            }
        }
        assert_eq!(super::lists_holding("zeitung"), 0);
        assert_eq!(super::lists_holding("xyz"), 0);
    }

    #[test]
    fn the_word_lists_fit_the_lookup() {
        let all = super::FUNCTION_WORDS
            .iter()
            .flat_map(|(_, l)| l.iter())
            .chain(super::NEIGHBOUR_WORDS.iter().flat_map(|l| l.iter()));
        for w in all {
            assert!(!w.is_empty());
            assert!(w.len() <= super::MAX_FUNCTION_WORD_BYTES, "{w}");
            assert_eq!(*w, w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn short_text_keeps_the_declaration() {
        assert_eq!(language("Hallo Welt", Some("fr")).as_deref(), Some("fr"));
        assert_eq!(language("", None), None);
    }
}
