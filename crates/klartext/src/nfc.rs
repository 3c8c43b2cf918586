//! Rule `text-in-nfc`: every text klartext reads is put in Unicode
//! normalisation form C (composed characters).
//!
//! The page pattern: text written on some systems (macOS file names, some
//! CMS editors, copy-paste from PDFs) spells `ü` as `u` + a combining
//! diaeresis, and Bengali or Devanagari pages spell a nukta letter
//! precomposed where NFC spells it in two. Both forms look the same, but
//! searching, deduplicating, counting words and matching the engine's own
//! word lists (`März`, `Januar`, `für`) compare code points. NFC is the form
//! the web's text and most corpora use, so every text node and attribute
//! value, and every text dump, is brought into it.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The first byte of the UTF-8 of U+0300, where the combining marks begin.
/// Every character below it (ASCII, Latin-1, Latin Extended-A and -B, IPA,
/// spacing modifiers) is NFC as it stands and composes with nothing before
/// it, so a text whose bytes all stay below this one is NFC: a byte loop
/// settles the Latin-script pages without the per-character quick check.
const FIRST_BYTE_OF_COMBINING_MARKS: u8 = 0xCC;

/// Whether `text` is NFC by its bytes alone: every character is below the
/// combining marks or is one of the common punctuation marks U+2002..=U+203F
/// (dashes, curly quotes, bullets, ellipsis: bytes E2 80 82..=BF), which are
/// NFC too. English pages with typographic quotes are settled here.
fn surely_nfc(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < FIRST_BYTE_OF_COMBINING_MARKS {
            i += 1;
        } else if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) >= Some(&0x82) {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// `text` in NFC; borrowed when it already is (ASCII always is, and the
/// quick check answers for most other text without building anything).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if surely_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let composed: String = text.nfc().collect();
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

/// The `explain` note for a page the rule changed; `strings` counts text
/// nodes and attribute values (a dump is one string).
pub fn note(strings: usize) -> String {
    format!(
        "rule text-in-nfc: {strings} texts were written with combining marks or \
         other non-NFC spellings and were recomposed (NFC)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_are_composed() {
        assert_eq!(
            nfc("fu\u{308}r Ma\u{308}rz, e\u{301}te\u{301}"),
            "f\u{fc}r M\u{e4}rz, \u{e9}t\u{e9}"
        );
    }

    #[test]
    fn composition_exclusions_are_split() {
        // U+09DF (Bengali YYA) is excluded from composition: NFC spells it
        // as YA + NUKTA.
        assert_eq!(nfc("\u{9df}"), "\u{9af}\u{9bc}");
    }

    #[test]
    fn the_two_wide_spaces_are_not_taken_for_punctuation() {
        // U+2000 and U+2001 (E2 80 80/81) decompose to U+2002 and U+2003;
        // the byte shortcut for punctuation starts at E2 80 82.
        assert_eq!(
            nfc("a\u{2000}b\u{2001}c \u{2019}"),
            "a\u{2002}b\u{2003}c \u{2019}"
        );
    }

    #[test]
    fn normalised_text_is_borrowed() {
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
        assert!(matches!(
            nfc("f\u{fc}r \u{e9}t\u{e9} \u{65e5}\u{672c}"),
            Cow::Borrowed(_)
        ));
    }
}
