//! Text mode: any bytes read as a text dump give a Document without a
//! panic. The first byte picks options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (flags, dump) = match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, data),
    };
    let mut options = klartext::Options {
        include_comments: flags & 1 != 0,
        teaser_in_body: (flags & 2 != 0).then_some(flags & 4 != 0),
        ..Default::default()
    };
    if flags & 8 != 0 {
        options.limits.max_nodes = 8;
        options.limits.max_bytes = 512;
    }
    let doc = klartext::extract_text_bytes(dump, &options);
    let _ = klartext::render(&doc, klartext::Format::Markdown);
    // The same dump as a string (no decoding).
    let text = String::from_utf8_lossy(dump);
    let _ = klartext::extract_text(&text, &options);
});
