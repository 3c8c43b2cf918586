//! The language of the article, detected from its text.
//!
//! A page's declared `lang` is only a hint: templates copied across sites
//! keep `lang="en"` on German pages. The body text decides when the
//! detector (whatlang's trigram model) is sure; otherwise the declaration
//! stands, and without one the detector's best guess.

/// Text beyond this many bytes does not change the verdict; cutting it keeps
/// detection cheap on long pages.
const SAMPLE_BYTES: usize = 512;
/// Below this many bytes of text the detector is not trusted over a
/// declaration.
const MIN_TRUSTED_BYTES: usize = 200;

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
    fn short_text_keeps_the_declaration() {
        assert_eq!(language("Hallo Welt", Some("fr")).as_deref(), Some("fr"));
        assert_eq!(language("", None), None);
    }
}
