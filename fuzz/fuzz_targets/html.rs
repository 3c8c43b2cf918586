//! HTML extraction: any bytes give a Document, rendered in every format,
//! without a panic. The first byte picks options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (flags, page) = match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, data),
    };
    let mut options = klartext::Options {
        url: (flags & 1 != 0).then(|| "https://example.org/a/b.html".to_string()),
        include_comments: flags & 2 != 0,
        favor_precision: flags & 4 != 0,
        favor_recall: flags & 8 != 0,
        teaser_in_body: (flags & 16 != 0).then_some(flags & 32 != 0),
        reference_date: Some("2024-06-01".to_string()),
        ..Default::default()
    };
    if flags & 64 != 0 {
        // Small limits, so that the limit paths are fuzzed too.
        options.limits.max_depth = 4;
        options.limits.max_attributes = 2;
        options.limits.max_nodes = 16;
        options.limits.max_bytes = 1024;
    }
    let doc = klartext::extract(page, &options);
    for format in [
        klartext::Format::Text,
        klartext::Format::Markdown,
        klartext::Format::Json,
    ] {
        let _ = klartext::render(&doc, format);
    }
});
