//! `klartext batch`: many pages in, one JSON line per page out, on all cores.
//!
//! Pages are processed in chunks: each chunk is extracted in parallel, its
//! lines are collected in input order and written before the next chunk
//! starts, so the output order is deterministic whatever the thread count and
//! memory stays bounded whatever the number of pages.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;

use crate::args::{BatchArgs, InputKind};
use crate::collect::{self, page_id};
use crate::input::{self, describe_io};
use crate::{guard, report, EXIT_FAILED, EXIT_USAGE};

/// Pages extracted between two writes.
const CHUNK: usize = 256;

/// Stack size of the worker threads: deeply nested pages need more than
/// rayon's default, and a stack overflow cannot be caught.
const WORKER_STACK: usize = 32 * 1024 * 1024;

/// How one page went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Non-empty article text.
    Extracted,
    /// The page was read and extracted, but has no article text.
    Empty,
    /// The page could not be read, inflated, recognised as HTML or extracted.
    Failed,
}

/// One output line and how it went.
struct Outcome {
    line: String,
    status: Status,
}

pub fn run(args: BatchArgs) -> ExitCode {
    let started = Instant::now();
    let collected = match collect::collect(&args.paths) {
        Ok(c) => c,
        Err(problems) => {
            for p in problems {
                report(&p);
            }
            return ExitCode::from(EXIT_USAGE);
        }
    };
    for msg in &collected.unreadable_folders {
        report(msg);
    }
    let files = collected.files;

    let output = args.output.filter(|p| p.as_os_str() != "-");
    let sink: Box<dyn Write> = match &output {
        None => Box::new(io::stdout().lock()),
        Some(path) => {
            if let Some(msg) = output_is_input(path, &files) {
                report(&msg);
                return ExitCode::from(EXIT_USAGE);
            }
            match File::create(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    let hint = if e.kind() == io::ErrorKind::NotFound {
                        " — check that its folder exists".to_string()
                    } else {
                        String::new()
                    };
                    report(&format!(
                        "cannot create output '{}': {}{hint}",
                        path.display(),
                        describe_io(&e, false).replace(" — check the path", "")
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);

    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| n as usize))
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("klartext-{i}"))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            report(&format!("cannot start the worker threads: {e}"));
            return ExitCode::from(EXIT_FAILED);
        }
    };

    let bar = progress_bar(files.len() as u64);
    let options = klartext::Options {
        charset: args.charset.clone(),
        include_comments: args.comments,
        limits: args.limits.limits(),
        ..Default::default()
    };

    let (mut extracted, mut empty, mut failed, mut written) = (0usize, 0usize, 0usize, 0usize);
    let mut write_error = None;
    'chunks: for chunk in files.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let o = process(path, args.input_kind, &options);
                    bar.inc(1);
                    o
                })
                .collect()
        });
        for o in outcomes {
            match o.status {
                Status::Extracted => extracted += 1,
                Status::Empty => empty += 1,
                Status::Failed => failed += 1,
            }
            if let Err(e) = out
                .write_all(o.line.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
            {
                write_error = Some(e);
                break 'chunks;
            }
            written += 1;
        }
    }
    if write_error.is_none() {
        write_error = out.flush().err();
    }
    bar.finish_and_clear();

    let where_to = output
        .as_deref()
        .map_or("standard output".to_string(), |p| {
            format!("'{}'", p.display())
        });
    if let Some(e) = write_error {
        // `klartext batch … | head`: the reader left; stop without noise.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::from(EXIT_FAILED);
        }
        report(&format!(
            "cannot write to {where_to}: {}; stopped after {written} of {} pages",
            describe_io(&e, false),
            files.len()
        ));
        return ExitCode::from(EXIT_FAILED);
    }

    let secs = started.elapsed().as_secs_f64();
    let rate = if secs > 0.0 {
        files.len() as f64 / secs
    } else {
        0.0
    };
    report(&format!(
        "{} inputs: {extracted} extracted, {empty} empty, {failed} failed in {secs:.1} s ({rate:.1} pages/s)",
        files.len()
    ));
    let mut ok = true;
    if failed > 0 {
        ok = false;
        report(&format!(
            "{failed} {} failed: see the \"error\" field of {} in {where_to}",
            if failed == 1 { "input" } else { "inputs" },
            if failed == 1 {
                "its line"
            } else {
                "their lines"
            },
        ));
    }
    let folders = collected.unreadable_folders.len();
    if folders > 0 {
        ok = false;
        report(&format!(
            "{folders} {} could not be read, so {} missing (see above)",
            if folders == 1 { "folder" } else { "folders" },
            if folders == 1 {
                "its pages are"
            } else {
                "their pages are"
            },
        ));
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        report("exit status 1: not every input was extracted");
        ExitCode::from(EXIT_FAILED)
    }
}

/// Read, check and extract one page into its JSON line.
fn process(path: &Path, kind: Option<InputKind>, options: &klartext::Options) -> Outcome {
    let id = page_id(path);
    let source = path.to_string_lossy();
    let failed = |error: String| Outcome {
        line: error_line(&id, &source, &error),
        status: Status::Failed,
    };
    let html = match input::read_page_file(path, options.limits.max_bytes) {
        Ok(h) => h,
        Err(e) => return failed(e.message("the file")),
    };
    let kind = kind.unwrap_or_else(|| InputKind::guess(path));
    let doc = match guard::extract_kind(&html, kind, options) {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    let status = if doc.text.trim().is_empty() {
        Status::Empty
    } else {
        Status::Extracted
    };
    match record_line(&id, &source, &doc) {
        Ok(line) => Outcome { line, status },
        Err(e) => failed(e),
    }
}

/// `{"id":…,"source":…,<every Document field>}` on one line.
fn record_line(id: &str, source: &str, doc: &klartext::Document) -> Result<String, String> {
    let fields = match serde_json::to_value(doc) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("the Document did not serialise to a JSON object".to_string()),
        Err(e) => return Err(format!("cannot serialise the Document: {e}")),
    };
    let mut line = head(id, source);
    for (key, value) in fields {
        // id and source are ours; a Document field of the same name would
        // make the line ambiguous.
        if key == "id" || key == "source" {
            continue;
        }
        line.push(',');
        line.push_str(&Value::String(key).to_string());
        line.push(':');
        line.push_str(&value.to_string());
    }
    line.push('}');
    Ok(line)
}

/// `{"id":…,"source":…,"error":…}`.
fn error_line(id: &str, source: &str, error: &str) -> String {
    let mut line = head(id, source);
    line.push_str(",\"error\":");
    line.push_str(&Value::String(error.to_string()).to_string());
    line.push('}');
    line
}

fn head(id: &str, source: &str) -> String {
    format!(
        "{{\"id\":{},\"source\":{}",
        Value::String(id.to_string()),
        Value::String(source.to_string())
    )
}

/// Refuse `-o` naming one of the inputs: creating it would destroy the page.
fn output_is_input(output: &Path, files: &[PathBuf]) -> Option<String> {
    let out = fs::canonicalize(output).ok()?;
    let inputs: HashSet<PathBuf> = files
        .iter()
        .filter_map(|f| fs::canonicalize(f).ok())
        .collect();
    inputs.contains(&out).then(|| {
        format!(
            "the output '{}' is one of the input pages; choose another -o",
            output.display()
        )
    })
}

fn progress_bar(len: u64) -> ProgressBar {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} pages (eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_with_id_and_source_and_carry_every_field() {
        let doc = klartext::Document {
            title: Some("T \"q\"".to_string()),
            text: "Body\nline".to_string(),
            ..Default::default()
        };
        let line = record_line("a", "dir/a.html", &doc).unwrap();
        assert!(
            line.starts_with(r#"{"id":"a","source":"dir/a.html","#),
            "{line}"
        );
        assert!(!line.contains('\n'));
        let v: Value = serde_json::from_str(&line).unwrap();
        let all = serde_json::to_value(&doc).unwrap();
        for (k, val) in all.as_object().unwrap() {
            assert_eq!(&v[k], val, "{k}");
        }
        assert_eq!(v["title"], "T \"q\"");
    }

    #[test]
    fn error_lines_parse() {
        let line = error_line("a", "a.html", "cannot read the file: \"x\"");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["error"], "cannot read the file: \"x\"");
        assert_eq!(v.as_object().unwrap().len(), 3);
    }
}
