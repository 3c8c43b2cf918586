//! `klartext explain`: one page in, a report of why each of its blocks was
//! kept or dropped out (HTML or JSON), to a file or stdout.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::args::{ExplainArgs, ExplainFormat};
use crate::{guard, input, report, EXIT_FAILED};

pub fn run(args: ExplainArgs) -> ExitCode {
    let path = args.input;
    let (bytes, kind, what) = match input::read_named(
        Path::new(&path),
        klartext::Limits::default().max_bytes,
        args.input_kind,
    ) {
        Ok(r) => r,
        Err(msg) => {
            report(&msg);
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let options = klartext::Options {
        url: args.url,
        charset: args.charset,
        include_comments: true,
        ..Default::default()
    };
    let explanation = match guard::explain_kind(&bytes, kind, &options) {
        Ok(e) => e,
        Err(e) => {
            report(&format!("{what}: {e}"));
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    };
    let mut out = match args.format {
        ExplainFormat::Html => explanation.to_html(&name),
        ExplainFormat::Json => explanation.to_json(),
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let result = match args.output.as_deref() {
        Some(p) if p.as_os_str() != "-" => std::fs::write(p, out.as_bytes()).map_err(|e| {
            format!(
                "cannot write the report to '{}': {}",
                p.display(),
                input::describe_io(&e, false)
            )
        }),
        _ => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            match lock.write_all(out.as_bytes()).and_then(|()| lock.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!(
                    "cannot write to standard output: {}",
                    input::describe_io(&e, false)
                )),
                _ => Ok(()),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            report(&msg);
            ExitCode::from(EXIT_FAILED)
        }
    }
}
