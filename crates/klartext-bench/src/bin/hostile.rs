//! hostile: time and peak memory of klartext on each hostile input (the
//! binary behind `bench/hostile`; the inputs are those of the hostile-input
//! tests, `crates/klartext/tests/hostile/inputs.rs`).
//!
//! Each input runs in a child process of its own (`hostile --one NAME`), so
//! that the peak resident set size (`VmHWM` from `/proc/self/status`, Linux)
//! is that input's alone. The child generates the input (not timed), runs
//! the engine once with the default `Options` (timed), and prints one line;
//! the parent prints a Markdown table. A child that runs past `--kill-after`
//! seconds is killed and reported.
#![forbid(unsafe_code)]

#[path = "../../../klartext/tests/hostile/inputs.rs"]
mod inputs;

use std::io::Read;
use std::process::{self, Command, Stdio};
use std::time::{Duration, Instant};

use inputs::{Kind, ALL};

const USAGE: &str = "\
usage: hostile [--only NAME]... [--kill-after SECS]
       hostile --one NAME

  --only NAME        measure only this input (repeatable; `gzip-bomb` is
                     the klartext command on a 10 GiB .html.gz, measured
                     when the command is built beside this binary)
  --kill-after SECS  kill an input's process after this long (default 60)
  --one NAME         run one input in this process and print
                     `seconds peak_kib input_bytes text_bytes result`";

/// Peak resident set size of this process in KiB, from `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run_one(name: &str) -> Result<(), String> {
    let h = ALL
        .iter()
        .find(|h| h.name == name)
        .ok_or_else(|| format!("no hostile input named {name}"))?;
    let bytes = (h.make)();
    let options = klartext::Options::default();
    let t = Instant::now();
    let (text, result) = match h.kind {
        Kind::Html | Kind::Text => {
            let doc = if h.kind == Kind::Html {
                klartext::extract(&bytes, &options)
            } else {
                klartext::extract_text_bytes(&bytes, &options)
            };
            let result = if doc.partial { "partial" } else { "complete" };
            (doc.text.len(), result.to_string())
        }
        Kind::Warc => {
            let read = inputs::read_warc(&bytes, &options);
            let text = read.documents.iter().map(|(_, d)| d.text.len()).sum();
            let result = format!(
                "{} pages read, {} damaged records reported",
                read.documents.len(),
                read.damaged.len()
            );
            (text, result)
        }
    };
    let secs = t.elapsed().as_secs_f64();
    let rss = peak_rss_kib().unwrap_or(0);
    println!("{secs:.3} {rss} {} {text} {result}", bytes.len());
    Ok(())
}

struct Row {
    secs: Option<f64>,
    rss_kib: u64,
    input: u64,
    text: u64,
    partial: String,
    note: String,
}

fn measure(name: &str, kill_after: Duration) -> Row {
    let exe = std::env::current_exe().expect("own path");
    let mut child = Command::new(exe)
        .args(["--one", name])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn self");
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > kill_after => {
                let _ = child.kill();
                let _ = child.wait();
                return Row {
                    secs: None,
                    rss_kib: 0,
                    input: 0,
                    text: 0,
                    partial: String::new(),
                    note: format!("killed after {} s", kill_after.as_secs()),
                };
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    // The last field (the result) may hold spaces.
    let f: Vec<&str> = out.trim().splitn(5, ' ').collect();
    if f.len() != 5 {
        return Row {
            secs: None,
            rss_kib: 0,
            input: 0,
            text: 0,
            partial: String::new(),
            note: format!("failed: {}", err.lines().last().unwrap_or("no output")),
        };
    }
    Row {
        secs: f[0].parse().ok(),
        rss_kib: f[1].parse().unwrap_or(0),
        input: f[2].parse().unwrap_or(0),
        text: f[3].parse().unwrap_or(0),
        partial: f[4].to_string(),
        note: String::new(),
    }
}

/// Bytes of the gzip bomb once inflated: 10 GiB.
const BOMB_INFLATED: u64 = 10 << 30;
/// Each gzip member of the bomb inflates to this many spaces.
const BOMB_MEMBER: usize = 64 << 20;

/// A page, then gzip members of spaces up to [`BOMB_INFLATED`] bytes.
fn gzip_bomb() -> Vec<u8> {
    use std::io::Write;
    let gzip = |bytes: &[u8]| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(bytes).expect("gzip to memory");
        enc.finish().expect("gzip to memory")
    };
    let mut out = gzip(&inputs::page(""));
    let member = gzip(&vec![b' '; BOMB_MEMBER]);
    for _ in 0..BOMB_INFLATED / BOMB_MEMBER as u64 {
        out.extend_from_slice(&member);
    }
    out
}

/// `VmHWM` of process `pid`, in KiB.
fn peak_rss_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `klartext` command on a 10 GiB gzip bomb, its peak memory read from
/// `/proc` while it runs. `None` when the command is not built beside this
/// binary.
fn measure_bomb(kill_after: Duration) -> Option<Row> {
    let exe = std::env::current_exe().ok()?.with_file_name("klartext");
    if !exe.exists() {
        return None;
    }
    let dir = std::env::temp_dir().join(format!("klartext-hostile-{}", process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("bomb.html.gz");
    let bomb = gzip_bomb();
    std::fs::write(&path, &bomb).ok()?;
    let start = Instant::now();
    let mut child = Command::new(exe)
        .args(["--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut out = String::new();
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        if let Some(mut s) = stdout {
            let _ = s.read_to_string(&mut out);
        }
        out
    });
    let mut rss = 0;
    let mut killed = false;
    loop {
        if let Some(r) = peak_rss_of(child.id()) {
            rss = rss.max(r);
        }
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => break,
            Ok(None) if start.elapsed() > kill_after => {
                let _ = child.kill();
                let _ = child.wait();
                killed = true;
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let out = reader.join().unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let text = doc["text"].as_str().map_or(0, str::len);
    Some(Row {
        secs: (!killed).then_some(secs),
        rss_kib: rss,
        input: bomb.len() as u64,
        text: text as u64,
        partial: if doc["partial"] == serde_json::Value::Bool(true) {
            "partial".to_string()
        } else {
            "complete".to_string()
        },
        note: if killed {
            format!("killed after {} s", kill_after.as_secs())
        } else {
            String::new()
        },
    })
}

fn human(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{bytes} B")
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut only: Vec<String> = Vec::new();
    let mut kill_after = Duration::from_secs(60);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--one" => {
                let name = args.next().unwrap_or_default();
                if let Err(e) = run_one(&name) {
                    eprintln!("hostile: {e}");
                    process::exit(1);
                }
                return;
            }
            "--only" => only.extend(args.next()),
            "--kill-after" => {
                let s = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
                kill_after = Duration::from_secs(s);
            }
            _ => {
                eprintln!("{USAGE}");
                process::exit(2);
            }
        }
    }
    println!("| input | kind | size | time | peak RSS | body text | result |");
    println!("|---|---|---:|---:|---:|---:|---|");
    let mut worst_secs: f64 = 0.0;
    let mut worst_rss = 0;
    let mut failed = false;
    let mut rows: Vec<(&str, &str, Row)> = Vec::new();
    for h in ALL
        .iter()
        .filter(|h| only.is_empty() || only.iter().any(|o| o == h.name))
    {
        let kind = match h.kind {
            Kind::Html => "HTML",
            Kind::Text => "text",
            Kind::Warc => "WARC",
        };
        rows.push((h.what, kind, measure(h.name, kill_after)));
    }
    if only.is_empty() || only.iter().any(|o| o == "gzip-bomb") {
        match measure_bomb(kill_after) {
            Some(r) => rows.push((
                "a .html.gz that inflates to 10 GiB (the `klartext` command)",
                "CLI",
                r,
            )),
            None => eprintln!(
                "hostile: the klartext command is not built beside this binary; no gzip bomb row"
            ),
        }
    }
    for (what, kind, r) in rows {
        match r.secs {
            Some(s) => {
                worst_secs = worst_secs.max(s);
                worst_rss = worst_rss.max(r.rss_kib);
                println!(
                    "| {} | {kind} | {} | {:.2} s | {} MB | {} | {} |",
                    what,
                    human(r.input),
                    s,
                    r.rss_kib / 1024,
                    human(r.text),
                    r.partial
                );
            }
            None => {
                failed = true;
                println!("| {what} | {kind} | | | | | {} |", r.note);
            }
        }
    }
    eprintln!(
        "hostile: slowest {worst_secs:.2} s, largest peak RSS {} MB{}",
        worst_rss / 1024,
        if failed { ", some inputs failed" } else { "" }
    );
    if failed || worst_secs > 2.0 || worst_rss > 500 * 1024 {
        process::exit(1);
    }
}
