//! klartext-bench: how fast klartext extracts, beside the html5ever parse-only
//! ceiling, measured in one run on the same pages (the binary behind
//! `bench/speed`).
//!
//! Every page of the chosen sets is read into memory first (reading is not
//! timed). Then, per set and round, in this order:
//!
//! - `klartext`:  `klartext::extract(bytes, &Options::default())`, one thread;
//! - `arena`:     `klartext::decode::decode` + `klartext::dom::Dom::parse`, the
//!   parse-only ceiling with our arena sink;
//! - `rcdom`:     the same decode + html5ever into `markup5ever_rcdom::RcDom`,
//!   the parse-only ceiling with html5ever's reference DOM;
//! - `klartext×N`: `klartext::extract` on rayon's default pool (all threads).
//!
//! Rounds are interleaved (klartext, parse, …, klartext, parse, …) so that
//! machine noise hits every measurement alike, and the best round is kept.
#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use std::{env, fs, process};

use html5ever::tendril::TendrilSink;
use html5ever::ParseOpts;
use klartext::decode::decode;
use klartext::dom::Dom;
use klartext::Options;
use markup5ever_rcdom::RcDom;
use rayon::prelude::*;

const USAGE: &str = "\
usage: klartext-bench [SET_DIR...] [--set NAME]... [--data DIR] [--rounds N]
                      [--out FILE|-] [--note TEXT]

  SET_DIR      a dataset folder (its html/ subfolder is read, else the folder)
  --set NAME   the set DATA/NAME (repeatable); with neither SET_DIR nor --set,
               every folder of DATA that has an html/ subfolder
  --data DIR   the datasets folder (default $KLARTEXT_DATA, else <repo>/.bench-data)
  --rounds N   rounds per measurement, best kept (default 3)
  --out FILE   also write the Markdown report there (default
               <repo>/bench/out/speed.md; '-' writes none)
  --note TEXT  a line to put under the report's heading (e.g. the commit)";

/// What is measured, in the order each round runs it.
#[derive(Clone, Copy)]
enum Mode {
    Klartext,
    Arena,
    RcDom,
    KlartextPar,
}

const MODES: [Mode; 4] = [Mode::Klartext, Mode::Arena, Mode::RcDom, Mode::KlartextPar];

/// One dataset, held in memory.
struct Set {
    name: String,
    pages: Vec<Vec<u8>>,
    bytes: usize,
}

struct Args {
    dirs: Vec<PathBuf>,
    rounds: usize,
    out: Option<PathBuf>,
    note: Option<String>,
}

fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn fail(msg: &str) -> ! {
    eprintln!("klartext-bench: {msg}");
    process::exit(2)
}

fn parse_args() -> Args {
    let mut dirs = Vec::new();
    let mut names = Vec::new();
    let mut data = env::var_os("KLARTEXT_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".bench-data"));
    let mut rounds = 3;
    let mut out = Some(repo_root().join("bench/out/speed.md"));
    let mut note = None;
    let mut it = env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .unwrap_or_else(|| fail(&format!("{flag} needs a value\n{USAGE}")))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                process::exit(0);
            }
            "--set" => names.push(value("--set")),
            "--data" => data = PathBuf::from(value("--data")),
            "--rounds" => {
                rounds = value("--rounds")
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| fail("--rounds needs a whole number above 0"))
            }
            "--out" => {
                let v = value("--out");
                out = (v != "-").then(|| PathBuf::from(v));
            }
            "--note" => note = Some(value("--note")),
            flag if flag.starts_with('-') => fail(&format!("unknown option {flag}\n{USAGE}")),
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    dirs.extend(names.iter().map(|n| data.join(n)));
    if dirs.is_empty() {
        let entries = fs::read_dir(&data).unwrap_or_else(|e| {
            fail(&format!(
                "cannot list {}: {e} (unpack the sets with shared/bench/datasets)",
                data.display()
            ))
        });
        dirs = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("html").is_dir())
            .collect();
        dirs.sort();
        if dirs.is_empty() {
            fail(&format!("no HTML sets in {}", data.display()));
        }
    }
    Args {
        dirs,
        rounds,
        out,
        note,
    }
}

/// Read every file of a set's html/ folder (or of the folder itself), in name order.
fn load(dir: &Path) -> Set {
    let html = if dir.join("html").is_dir() {
        dir.join("html")
    } else {
        dir.to_path_buf()
    };
    let entries = fs::read_dir(&html)
        .unwrap_or_else(|e| fail(&format!("cannot list {}: {e}", html.display())));
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        fail(&format!("no pages in {}", html.display()));
    }
    let pages: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(f).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", f.display()))))
        .collect();
    let name = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .file_name()
        .map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
    Set {
        name,
        bytes: pages.iter().map(Vec::len).sum(),
        pages,
    }
}

/// html5ever into its reference DOM, with the options `Dom::parse` uses
/// (keep in step with crates/klartext/src/dom.rs: scripting off, so that
/// `<noscript>` content is parsed as markup).
fn parse_rcdom(text: &str) -> RcDom {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    html5ever::parse_document(RcDom::default(), opts).one(text)
}

/// Run one measurement over `pages`; results are built, kept from the
/// optimiser by `black_box`, and dropped inside the timing.
fn run(mode: Mode, pages: &[Vec<u8>], opts: &Options) -> Duration {
    let start = Instant::now();
    match mode {
        Mode::Klartext => {
            for page in pages {
                black_box(klartext::extract(black_box(page), opts));
            }
        }
        Mode::Arena => {
            for page in pages {
                let decoded = decode(black_box(page), None);
                black_box(Dom::parse(&decoded.text));
            }
        }
        Mode::RcDom => {
            for page in pages {
                let decoded = decode(black_box(page), None);
                black_box(parse_rcdom(&decoded.text));
            }
        }
        Mode::KlartextPar => pages.par_iter().for_each(|page| {
            black_box(klartext::extract(black_box(page), opts));
        }),
    }
    start.elapsed()
}

/// A `kB` figure of /proc/self/status (VmHWM, VmRSS), in KiB.
fn proc_status_kib(key: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim_start_matches(':')
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Reset VmHWM to the current RSS (Linux ≥ 4.0); false where not allowed.
fn reset_peak_rss() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn rate(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// One table row from the best times of the four measurements.
fn row(name: &str, pages: usize, bytes: usize, t: [Duration; 4], rss_kib: Option<u64>) -> String {
    let mb = bytes as f64 / 1e6;
    let secs = t.map(|d| d.as_secs_f64().max(1e-9));
    let mut cells = vec![name.to_string(), pages.to_string(), format!("{mb:.1}")];
    for (i, s) in secs.iter().enumerate() {
        cells.push(rate(pages as f64 / s));
        cells.push(rate(mb / s));
        if i == 2 {
            // klartext's rate as a share of each parse-only ceiling's.
            cells.push(format!("{:.2}", secs[1] / secs[0]));
            cells.push(format!("{:.2}", secs[2] / secs[0]));
        }
    }
    cells.push(rss_kib.map_or_else(String::new, |k| format!("{:.0}", k as f64 / 1024.0)));
    format!("| {} |", cells.join(" | "))
}

fn main() {
    let args = parse_args();
    let opts = Options::default();

    eprintln!("klartext-bench: loading {} set(s)", args.dirs.len());
    let sets: Vec<Set> = args.dirs.iter().map(|d| load(d)).collect();
    let threads = rayon::current_num_threads();
    let total_pages: usize = sets.iter().map(|s| s.pages.len()).sum();
    let total_bytes: usize = sets.iter().map(|s| s.bytes).sum();

    // Untimed warm-up: one page of each set through every measurement
    // (lazy statics, the thread pool, the allocator's first arenas).
    for set in &sets {
        for mode in MODES {
            run(mode, &set.pages[..1], &opts);
        }
    }

    // times[set][mode][round]
    let mut times = vec![[(); 4].map(|_| Vec::with_capacity(args.rounds)); sets.len()];
    let mut peak_kib: Vec<Option<u64>> = vec![None; sets.len()];
    let mut hwm_resets = true;
    for round in 1..=args.rounds {
        for (i, set) in sets.iter().enumerate() {
            hwm_resets &= reset_peak_rss();
            for (m, mode) in MODES.into_iter().enumerate() {
                times[i][m].push(run(mode, &set.pages, &opts));
            }
            peak_kib[i] = peak_kib[i].max(proc_status_kib("VmHWM"));
            let t = &times[i];
            eprintln!(
                "round {round}/{}: {:<20} klartext {:.2}s  arena {:.2}s  rcdom {:.2}s  klartext×{threads} {:.2}s",
                args.rounds,
                set.name,
                t[0][round - 1].as_secs_f64(),
                t[1][round - 1].as_secs_f64(),
                t[2][round - 1].as_secs_f64(),
                t[3][round - 1].as_secs_f64(),
            );
        }
    }
    let end_hwm = proc_status_kib("VmHWM");
    let overall_peak = peak_kib.iter().copied().max().flatten().max(end_hwm);

    let best = |v: &Vec<Duration>| v.iter().copied().min().unwrap_or_default();
    // Overall: the best round of the per-round totals over all sets.
    let overall: [Duration; 4] = std::array::from_fn(|m| {
        (0..args.rounds)
            .map(|r| times.iter().map(|t| t[m][r]).sum::<Duration>())
            .min()
            .unwrap_or_default()
    });

    let mut md = String::new();
    let _ = writeln!(md, "## klartext speed\n");
    if let Some(note) = &args.note {
        let _ = writeln!(md, "{note}\n");
    }
    let build = if cfg!(debug_assertions) {
        "debug build (figures not meaningful)"
    } else {
        "optimised build"
    };
    let _ = writeln!(
        md,
        "{build}; best of {} interleaved rounds; klartext×{threads} = rayon's default pool ({threads} threads)\n",
        args.rounds
    );
    let _ = writeln!(
        md,
        "| set | pages | MB | klartext p/s | klartext MB/s | arena p/s | arena MB/s | rcdom p/s | rcdom MB/s \
         | klartext/arena | klartext/rcdom | klartext×{threads} p/s | klartext×{threads} MB/s | peak RSS MiB |"
    );
    let _ = writeln!(md, "|---|{}", "---:|".repeat(13));
    for (i, set) in sets.iter().enumerate() {
        let t = std::array::from_fn(|m| best(&times[i][m]));
        let rss = if hwm_resets {
            peak_kib[i]
        } else if sets.len() == 1 {
            overall_peak
        } else {
            None
        };
        let _ = writeln!(md, "{}", row(&set.name, set.pages.len(), set.bytes, t, rss));
    }
    if sets.len() > 1 {
        let _ = writeln!(
            md,
            "{}",
            row(
                "**overall**",
                total_pages,
                total_bytes,
                overall,
                overall_peak
            )
        );
    }
    let _ = writeln!(
        md,
        "\n- klartext: `klartext::extract(bytes, &Options::default())`, one thread; \
         klartext×{threads}: the same on all threads.\n\
         - arena / rcdom: the parse-only ceiling, `decode::decode(bytes, None)` then \
         `dom::Dom::parse` (our arena sink) / html5ever into `markup5ever_rcdom::RcDom`.\n\
         - klartext/arena, klartext/rcdom: klartext's single-thread rate as a share of the \
         ceiling's (1.00 = as fast as parsing alone).\n\
         - peak RSS: VmHWM of the process{}, including the {:.1} MB of pages held in memory; \
         the overall row is the whole run.\n\
         - MB = 10^6 bytes of raw page; file reading is not timed.",
        if hwm_resets {
            " during that set's measurements (reset before each set)"
        } else {
            " (could not be reset per set, so only the overall figure)"
        },
        total_bytes as f64 / 1e6
    );

    print!("{md}");
    if let Some(out) = &args.out {
        if let Some(parent) = out.parent() {
            let _ = fs::create_dir_all(parent);
        }
        match fs::write(out, &md) {
            Ok(()) => eprintln!("klartext-bench: wrote {}", out.display()),
            Err(e) => fail(&format!("cannot write {}: {e}", out.display())),
        }
    }
}
