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
    // Decoding is lossy, never empty for non-empty input.
    assert!(bytes.is_empty() || !d.text.is_empty());
});
