//! Decoding: any bytes, with or without a charset label from outside the
//! page, give text and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Labels a caller may pass (HTTP headers and WARC records carry these and
/// worse); the first input byte picks one.
const LABELS: &[Option<&str>] = &[
    None,
    Some("utf-8"),
    Some("windows-1252"),
    Some("shift_jis"),
    Some("utf-16"),
    Some("utf-16be"),
    Some("iso-2022-jp"),
    Some("gb18030"),
    Some("x-user-defined"),
    Some("replacement"),
    Some(" \"koi8-r\" "),
    Some("no-such-charset"),
];

fuzz_target!(|data: &[u8]| {
    let (label, bytes) = match data.split_first() {
        Some((&b, rest)) => (LABELS[b as usize % LABELS.len()], rest),
        None => (None, data),
    };
    let d = klartext::decode::decode(bytes, label);
    // No encoding turns a byte into more than one character of at most
    // three UTF-8 bytes (U+FFFD included). (A first version asserted that
    // non-empty input gives non-empty text: a lone byte order mark, kept in
    // regressions/decode/bom-only, rightly decodes to nothing.)
    assert!(d.text.len() <= bytes.len() * 3);
});
