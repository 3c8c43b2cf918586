//! Rule `double-encoded-utf8`: text that was UTF-8, read once as
//! windows-1252 (or Latin-1) and written out again as UTF-8, turned back
//! into what its author typed.
//!
//! The page pattern: a CMS or a feed importer stores UTF-8 bytes it took
//! for windows-1252, and the page, itself valid UTF-8, shows `isnâ€™t`,
//! `fÃ¼r`, `Â£5`, `â€”` or, through Latin-1, the same with invisible C1
//! controls (`â\u{80}\u{99}`). Decoding can't see it (the bytes are valid
//! UTF-8), so it is repaired on the decoded text: every character of such a
//! run stands for one byte, and the bytes form the UTF-8 of the intended
//! character.
//!
//! A sequence is repaired only when
//! - it is a whole UTF-8 sequence: a lead character (`Â`..`ô`) followed by
//!   exactly the continuation characters its lead asks for;
//! - the character it stands for is one that double-encoded pages are made
//!   of ([`PLAUSIBLE_REPAIRS`]): accented Latin letters, Greek, Cyrillic,
//!   punctuation, currency, symbols and emoji. A German `ß“` (which is the
//!   UTF-8 of an N'Ko letter) or a French `É»` (an IPA letter) stays;
//! - the page holds at least [`MIN_DOUBLE_ENCODED`] such sequences. One or
//!   two can be a page that quotes mojibake to explain it, or chance.
//!
//! The engine applies it to the parsed tree's text and attribute values
//! (so `&acirc;&euro;&trade;` is repaired too) and to text dumps.

use std::borrow::Cow;

/// Rule `double-encoded-utf8`: the fewest double-encoded sequences on a page
/// before any is repaired (see the module comment).
pub const MIN_DOUBLE_ENCODED: usize = 3;

/// The characters a repaired sequence may stand for, as inclusive code point
/// ranges: what double-encoded pages are made of. Anything else (N'Ko,
/// Syriac, IPA, CJK…) is far likelier to be two real characters side by side.
pub const PLAUSIBLE_REPAIRS: &[(u32, u32)] = &[
    (0x00A0, 0x024F),   // Latin-1 Supplement, Latin Extended-A and -B
    (0x0370, 0x04FF),   // Greek, Cyrillic
    (0x2000, 0x206F),   // General Punctuation: dashes, quotes, ellipsis
    (0x20A0, 0x20CF),   // currency signs: €
    (0x2100, 0x214F),   // letterlike symbols: ™, №
    (0x2190, 0x2BFF),   // arrows, math, box drawing, shapes, dingbats: ✓, ⭐
    (0x1F000, 0x1FAFF), // emoji
];

/// Windows-1252's characters for bytes 0x80..=0x9F (`None` where the code
/// page leaves the byte undefined; a decoder then gives the C1 control).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte a character stood for when UTF-8 was read as windows-1252 or
/// Latin-1; `None` for a character no single high byte decodes to.
fn byte_of(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x80..=0xFF).contains(&cp) {
        return Some(cp as u8);
    }
    if cp < 0x152 {
        return None;
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == Some(c))
        .map(|i| 0x80 + i as u8)
}

fn plausible(c: char) -> bool {
    let cp = c as u32;
    PLAUSIBLE_REPAIRS
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&cp))
}

/// The double-encoded sequence starting at byte `at` of `text`, if any: its
/// length in bytes of `text` and the character it stands for.
fn sequence_at(text: &str, at: usize) -> Option<(usize, char)> {
    let mut chars = text[at..].chars();
    let first = chars.next()?;
    let lead = byte_of(first)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut len = first.len_utf8();
    for slot in bytes.iter_mut().skip(1).take(need) {
        let c = chars.next()?;
        let b = byte_of(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        len += c.len_utf8();
    }
    let s = std::str::from_utf8(&bytes[..=need]).ok()?;
    let c = s.chars().next()?;
    plausible(c).then_some((len, c))
}

/// Every lead character of a double-encoded sequence is in `Â`..=`ô`
/// (U+00C2..=U+00F4), whose UTF-8 starts with byte 0xC3; a text without
/// that byte has nothing to repair, which `memchr` tells at memory speed.
const LEAD_FIRST_BYTE: u8 = 0xC3;

/// Calls `f` with (byte offset, byte length, repaired character) for every
/// double-encoded sequence of `text`, in order; stops when `f` says false.
/// With `lost_nbsp`, also for every `Â` before a plain space (see
/// [`LOST_NBSP_LEAD`]).
fn for_each_sequence(text: &str, lost_nbsp: bool, mut f: impl FnMut(usize, usize, char) -> bool) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(LEAD_FIRST_BYTE, &bytes[from..]) {
        let at = from + i;
        // 0xC3 is always a lead byte in valid UTF-8, so `at` is a boundary.
        let found = sequence_at(text, at).or_else(|| {
            (lost_nbsp && text[at..].starts_with(LOST_NBSP_LEAD))
                .then_some((LOST_NBSP_LEAD.len(), ' '))
        });
        match found {
            Some((len, c)) => {
                if !f(at, len, c) {
                    return;
                }
                from = at + len;
            }
            None => from = at + 1,
        }
    }
}

/// A no-break space (bytes C2 A0) read as windows-1252 is `Â` and a no-break
/// space; a renderer or editor that then turns no-break spaces into plain
/// ones leaves `Â ` (`offersÂ a`, `cats.Â Embrace`). On a page the rule
/// repairs, the pair is read as the one space it was. It never
/// counts toward [`MIN_DOUBLE_ENCODED`]: a capital `Â` before a space can
/// be a word's last letter.
const LOST_NBSP_LEAD: &str = "\u{c2} ";

/// Counts the double-encoded sequences of `text` into `count`, stopping once
/// it reaches [`MIN_DOUBLE_ENCODED`] (the page's verdict needs no more).
pub fn count_into(text: &str, count: &mut usize) {
    // Most text nodes and attribute values are short and ASCII: this check
    // is inlined and reads a word at a time, where a `memchr` call costs its
    // set-up on each of a page's thousands of strings.
    if *count >= MIN_DOUBLE_ENCODED || text.len() < 4 || text.is_ascii() {
        return;
    }
    for_each_sequence(text, false, |_, _, _| {
        *count += 1;
        *count < MIN_DOUBLE_ENCODED
    });
}

/// `text` with every double-encoded sequence repaired, and how many were;
/// `None` when it has none. Call it only on a page [`count_into`] found
/// at least [`MIN_DOUBLE_ENCODED`] in.
pub fn repair(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut done = 0;
    let mut n = 0;
    for_each_sequence(text, true, |at, len, c| {
        if n == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[done..at]);
        out.push(c);
        done = at + len;
        n += 1;
        true
    });
    if n == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some((out, n))
}

/// Rule `double-encoded-utf8` on one whole text (a dump): repaired when it
/// holds at least [`MIN_DOUBLE_ENCODED`] sequences; with their number.
pub fn repair_page(text: &str) -> (Cow<'_, str>, usize) {
    let mut count = 0;
    count_into(text, &mut count);
    if count < MIN_DOUBLE_ENCODED {
        return (Cow::Borrowed(text), 0);
    }
    match repair(text) {
        Some((s, n)) => (Cow::Owned(s), n),
        None => (Cow::Borrowed(text), 0),
    }
}

/// The `explain` note for a page the rule repaired.
pub fn note(repaired: usize) -> String {
    format!(
        "rule double-encoded-utf8: {repaired} sequences of UTF-8 read as windows-1252 \
         (`â€™`, `Ã¼`) were repaired to the characters they stood for"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        repair_page(s).0.into_owned()
    }

    #[test]
    fn windows_1252_readings_are_repaired() {
        assert_eq!(
            fixed("It isnâ€™t â€œfairâ€\u{9d} â€” it costs Â£5 fÃ¼r Ã©lan."),
            "It isn’t “fair” — it costs £5 für élan."
        );
    }

    #[test]
    fn latin1_readings_with_c1_controls_are_repaired() {
        assert_eq!(
            fixed("Itâ\u{80}\u{99}s done â\u{80}\u{94} see â\u{9c}\u{93} and Ã\u{97}3"),
            "It’s done — see ✓ and ×3"
        );
    }

    #[test]
    fn cyrillic_polish_and_emoji_are_repaired() {
        assert_eq!(fixed("ÐŸÑ€Ð¸Ð²ÐµÑ‚ zÅ‚oty ðŸ˜€"), "Привет złoty 😀");
    }

    #[test]
    fn a_lost_no_break_space_goes_with_the_page() {
        // `Â` before a plain space is the rest of a no-break space, taken
        // only on a page that is repaired anyway, and never counted.
        assert_eq!(
            fixed("offersÂ a lot â€” thatâ€™s itâ€™s"),
            "offers a lot — that’s it’s"
        );
        let s = "OFFERS FOR THE CHÂ TEAU Â and Ã¤";
        assert_eq!(fixed(s), s);
    }

    #[test]
    fn one_or_two_sequences_stay() {
        // A page explaining mojibake quotes it; two sequences are not enough.
        let s = "I saw \"Ã¤\" instead of \"ä\", and Ã¶ too.";
        assert_eq!(fixed(s), s);
        let (_, n) = repair_page(s);
        assert_eq!(n, 0);
    }

    #[test]
    fn real_text_that_looks_like_a_lead_stays() {
        // German „…ß“ is the UTF-8 of an N'Ko letter, French «…É» of an IPA
        // letter: not plausible repairs. Three real mojibake sequences make
        // the page qualify; the real pairs must still survive.
        let s = "„Gruß“ und «CAFÉ» — dazu fÃ¼r, Ã¼ber, â€”";
        assert_eq!(fixed(s), "„Gruß“ und «CAFÉ» — dazu für, über, —");
    }

    #[test]
    fn a_lead_without_its_continuations_stays() {
        // `Ã` before an ASCII letter (Portuguese `SÃO`) and a lone `â` are text.
        let s = "SÃO PAULO â la fÃ¼r Ã¼ber Ã¤";
        assert_eq!(fixed(s), "SÃO PAULO â la für über ä");
    }

    #[test]
    fn plain_text_is_borrowed() {
        let (c, n) = repair_page("plain ASCII and real umlauts: äöü");
        assert!(matches!(c, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }
}
