//! klartext-warc-bench: the helper behind `bench/warc`.
//!
//! - `build OUT.warc.gz [--data DIR] [--min-bytes N]`: a WARC.gz of the
//!   benchmark pages (every `DIR/<set>/html/*.html`, sorted), one HTTP 200
//!   `text/html` response record per page, each its own gzip member, written
//!   with klartext-warc's writer. With `--min-bytes`, the pages are repeated
//!   (with new record IDs and URLs) until the file has at least N bytes.
//! - `parse IN.warc.gz [--rounds N]`: reads the payloads of the file's
//!   response records into memory (not timed), then times, on one thread and
//!   best of N rounds: the html5ever parse-only ceilings (decode + our arena
//!   DOM; decode + RcDom) and `klartext::extract` alone, over the same
//!   payloads. Prints one JSON object.
#![forbid(unsafe_code)]

use std::fs::{self, File};
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process;
use std::time::{Duration, Instant};

use html5ever::tendril::TendrilSink;
use html5ever::ParseOpts;
use klartext::decode::decode;
use klartext::dom::Dom;
use klartext_warc::writer::{OutRecord, Writer};
use klartext_warc::{http, Item, Reader};
use markup5ever_rcdom::RcDom;

const USAGE: &str = "usage: klartext-warc-bench build OUT.warc.gz [--data DIR] [--min-bytes N]\n       klartext-warc-bench parse IN.warc.gz [--rounds N]";

fn fail(msg: &str) -> ! {
    eprintln!("klartext-warc-bench: {msg}\n{USAGE}");
    process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter().position(|a| a == name).map(|i| {
            args.get(i + 1)
                .cloned()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        })
    };
    match args.first().map(String::as_str) {
        Some("build") => {
            let out = args.get(1).unwrap_or_else(|| fail("build needs OUT"));
            let data = flag("--data").map_or_else(
                || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.bench-data"),
                PathBuf::from,
            );
            let min_bytes: u64 = flag("--min-bytes")
                .map_or(0, |v| v.parse().unwrap_or_else(|_| fail("bad --min-bytes")));
            build(Path::new(out), &data, min_bytes);
        }
        Some("parse") => {
            let input = args.get(1).unwrap_or_else(|| fail("parse needs IN"));
            let rounds: usize =
                flag("--rounds").map_or(3, |v| v.parse().unwrap_or_else(|_| fail("bad --rounds")));
            parse(Path::new(input), rounds.max(1));
        }
        _ => fail("no command"),
    }
}

fn pages(data: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut sets: Vec<PathBuf> = fs::read_dir(data)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", data.display())))
        .filter_map(|e| e.ok().map(|e| e.path().join("html")))
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    for set in sets {
        let mut in_set: Vec<PathBuf> = fs::read_dir(&set)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
            .collect();
        in_set.sort();
        files.extend(in_set);
    }
    files
}

fn build(out: &Path, data: &Path, min_bytes: u64) {
    let files = pages(data);
    if files.is_empty() {
        fail(&format!("no pages under {}/*/html", data.display()));
    }
    let bodies: Vec<Vec<u8>> = files.iter().filter_map(|f| fs::read(f).ok()).collect();
    if let Some(dir) = out.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let file = File::create(out)
        .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", out.display())));
    let mut counted = Counted {
        inner: BufWriter::new(file),
        n: 0,
    };
    let mut records = 0u64;
    let mut payload = 0u64;
    {
        let mut w = Writer::new(&mut counted, true);
        let mut info = OutRecord::new(
            "warcinfo",
            u64::MAX,
            b"software: klartext-warc-bench\r\n".to_vec(),
        );
        info.content_type = Some("application/warc-fields".to_string());
        w.write(&info).unwrap_or_else(|e| fail(&e.to_string()));
        let mut round = 0u64;
        loop {
            for (i, body) in bodies.iter().enumerate() {
                let n = round * bodies.len() as u64 + i as u64;
                let rec = OutRecord::response(
                    n,
                    &format!("https://bench.example/{round}/{i}"),
                    200,
                    &[("Content-Type", "text/html")],
                    body,
                );
                w.write(&rec).unwrap_or_else(|e| fail(&e.to_string()));
                records += 1;
                payload += body.len() as u64;
            }
            round += 1;
            if w_bytes(&w) >= min_bytes {
                break;
            }
        }
    }
    counted
        .inner
        .flush()
        .unwrap_or_else(|e| fail(&e.to_string()));
    println!(
        "{{\"records\":{records},\"payload_bytes\":{payload},\"file_bytes\":{},\"pages\":{}}}",
        counted.n,
        bodies.len()
    );
}

/// A writer that counts what goes through it.
struct Counted<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn w_bytes<W: Write>(w: &Writer<&mut Counted<W>>) -> u64 {
    w.get_ref().n
}

fn parse_rcdom(text: &str) -> RcDom {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    html5ever::parse_document(RcDom::default(), opts).one(text)
}

fn parse(input: &Path, rounds: usize) {
    let reader = Reader::open(input, 64 << 20)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", input.display())));
    let mut payloads = Vec::new();
    for item in reader {
        if let Ok(Item::Record(r)) = item {
            if r.warc_type() != "response" {
                continue;
            }
            if let Some(resp) = http::parse_response(&r.block) {
                if let Ok((body, _)) = http::decode_body(&resp, &r.block, 64 << 20) {
                    payloads.push(body.into_owned());
                }
            }
        }
    }
    let bytes: usize = payloads.iter().map(Vec::len).sum();
    let opts = klartext::Options::default();
    let mut best = [Duration::MAX; 3];
    let mut best_cpu = [Duration::MAX; 3];
    for _ in 0..rounds {
        for (m, slot) in best.iter_mut().enumerate() {
            let cpu0 = thread_cpu();
            let t = Instant::now();
            for p in &payloads {
                match m {
                    0 => {
                        let d = decode(black_box(p), None);
                        black_box(Dom::parse(&d.text));
                    }
                    1 => {
                        let d = decode(black_box(p), None);
                        black_box(parse_rcdom(&d.text));
                    }
                    _ => {
                        black_box(klartext::extract(black_box(p), &opts));
                    }
                }
            }
            *slot = (*slot).min(t.elapsed());
            if let (Some(a), Some(b)) = (cpu0, thread_cpu()) {
                best_cpu[m] = best_cpu[m].min(b.saturating_sub(a));
            }
        }
    }
    let rate = |d: Duration| payloads.len() as f64 / d.as_secs_f64().max(1e-9);
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9);
    let cpu_rate = |d: Duration| {
        if d == Duration::MAX {
            0.0
        } else {
            rate(d)
        }
    };
    println!(
        "{{\"arena_cpu_rps\":{:.1},\"rcdom_cpu_rps\":{:.1},\"extract_cpu_rps\":{:.1},\"records\":{},\"payload_bytes\":{bytes},\"arena_rps\":{:.1},\"arena_mbps\":{:.2},\"rcdom_rps\":{:.1},\"rcdom_mbps\":{:.2},\"extract_rps\":{:.1},\"extract_mbps\":{:.2}}}",
        cpu_rate(best_cpu[0]),
        cpu_rate(best_cpu[1]),
        cpu_rate(best_cpu[2]),
        payloads.len(),
        rate(best[0]),
        mbs(best[0]),
        rate(best[1]),
        mbs(best[1]),
        rate(best[2]),
        mbs(best[2])
    );
}

/// CPU time of this thread so far (Linux: /proc/thread-self/schedstat, ns).
fn thread_cpu() -> Option<Duration> {
    let s = fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}
