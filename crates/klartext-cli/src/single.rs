//! The default mode: one page (a file or stdin) in, its article out on stdout.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::args::SingleArgs;
use crate::{guard, input, report, EXIT_FAILED, EXIT_USAGE};

pub fn run(args: SingleArgs) -> ExitCode {
    let Some(path) = args.input else {
        report("no page given: name an HTML file, or '-' to read standard input (see 'klartext --help')");
        return ExitCode::from(EXIT_USAGE);
    };
    let limits = args.limits.limits();
    let (bytes, kind, what) =
        match input::read_named(Path::new(&path), limits.max_bytes, args.input_kind) {
            Ok(r) => r,
            Err(msg) => {
                report(&msg);
                return ExitCode::from(EXIT_FAILED);
            }
        };
    let options = klartext::Options {
        url: args.url,
        charset: args.charset,
        include_comments: args.comments,
        limits,
        ..Default::default()
    };
    let doc = match guard::extract_kind(&bytes, kind, &options) {
        Ok(d) => d,
        Err(e) => {
            report(&format!("{what}: {e}"));
            return ExitCode::from(EXIT_FAILED);
        }
    };
    for w in &doc.warnings {
        report(&format!("{what}: partial result: {w}"));
    }
    if doc.text.trim().is_empty() {
        report(&format!("no article text found in {what}"));
    }
    let mut out = klartext::render(&doc, args.format.into());
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // `klartext page.html | head`: the reader is gone; nothing to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&format!(
                "cannot write to standard output: {}",
                input::describe_io(&e, false)
            ));
            ExitCode::from(EXIT_FAILED)
        }
    }
}
