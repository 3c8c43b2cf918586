//! The `klartext` command: extract the main article from a web page (a file,
//! a .html.gz, or stdin), or from many pages at once with `klartext batch`.
//!
//! This crate is only the shell around the engine (`klartext::extract`):
//! arguments, reading and checking input, output, errors and exit status.
#![forbid(unsafe_code)]

mod args;
mod batch;
mod collect;
mod explain;
mod guard;
mod input;
mod single;
mod warc;

use std::process::ExitCode;

use clap::Parser;

/// Exit status when an input could not be read, was not HTML or failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit status for usage errors (bad arguments, paths that are not inputs).
pub const EXIT_USAGE: u8 = 2;

/// Print `klartext: {msg}` on stderr.
pub fn report(msg: &str) {
    eprintln!("klartext: {msg}");
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cli.command {
        Some(args::Command::Batch(batch)) => batch::run(batch),
        Some(args::Command::Warc(w)) => warc::run(w),
        Some(args::Command::Explain(e)) => explain::run(e),
        None => single::run(cli.single),
    }
}
