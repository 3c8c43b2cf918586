//! Hostile input files for the `klartext` command (issue 7): a gzip bomb,
//! pages past the limits, and the limit flags. The inputs are generated
//! here; none is stored.

use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SENTENCE: &str = "The migrating zebras crossed the northern river at dawn, watched \
    by rangers, photographers and a few hundred patient tourists who had waited in the grass.";

fn page() -> String {
    let mut p = format!(
        "<!doctype html><html><head><title>Zebras - Daily Example</title></head>\
         <body><article><h1>Zebras</h1><p>{SENTENCE}</p>"
    );
    // Enough text that the page's first 4 KiB hold no filler at all.
    for _ in 0..30 {
        p.push_str("<p>Later that morning the herd moved on towards the southern hills, where the rains had turned the plain green.</p>");
    }
    p.push_str("</article></body></html>\n");
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn klartext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run klartext")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)))
}

/// A gzip file that inflates to 10 GiB: the page, then 160 gzip members of
/// 64 MiB of spaces each (about 10 MB on disk).
fn gzip_bomb() -> Vec<u8> {
    let mut out = gzip(page().as_bytes());
    let member = gzip(&vec![b' '; 64 << 20]);
    for _ in 0..160 {
        out.extend_from_slice(&member);
    }
    out
}

#[test]
fn a_gzip_bomb_stops_at_max_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bomb.html.gz");
    fs::write(&path, gzip_bomb()).unwrap();
    let started = Instant::now();
    let o = klartext(&["--format", "json", path.to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc = json(&o);
    assert!(doc["text"].as_str().unwrap().starts_with(SENTENCE), "{doc}");
    assert_eq!(doc["partial"], Value::Bool(true));
    assert!(doc["warnings"][0].as_str().unwrap().contains("max_bytes"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("partial result"));
    // Inflating 10 GiB would take a minute or more; 16 MiB takes moments
    // (the bound is loose for unoptimised test builds on a busy machine).
    assert!(took < Duration::from_secs(30), "took {took:?}");

    // A lower limit stops earlier; in batch mode the record says partial.
    let o = klartext(&["batch", "--max-bytes", "100000", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let line = json(&o);
    assert_eq!(line["partial"], Value::Bool(true));
    assert!(line["text"].as_str().unwrap().starts_with(SENTENCE));
}

#[test]
fn a_gzip_bomb_of_nul_bytes_is_not_html() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("zeros.html.gz");
    let member = gzip(&vec![0u8; 64 << 20]);
    fs::write(&path, member.repeat(160)).unwrap();
    let o = klartext(&[path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is not HTML"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn limit_flags_reach_the_engine() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("deep.html");
    let deep = format!(
        "<html><body>{}<p>{SENTENCE}</p></body></html>",
        "<div>".repeat(100)
    );
    fs::write(&path, deep).unwrap();
    let p = path.to_str().unwrap();

    let o = klartext(&["--format", "json", p]);
    let doc = json(&o);
    assert_eq!(doc.get("partial"), None, "{doc}");

    let o = klartext(&["--format", "json", "--max-depth", "50", p]);
    let doc = json(&o);
    assert_eq!(doc["partial"], Value::Bool(true), "{doc}");
    assert!(doc["text"].as_str().unwrap().contains(SENTENCE));

    let o = klartext(&["--format", "json", "--max-nodes", "10", p]);
    assert_eq!(json(&o)["partial"], Value::Bool(true));

    let o = klartext(&["--format", "json", "--max-bytes", "100", p]);
    assert!(json(&o)["warnings"][0]
        .as_str()
        .unwrap()
        .contains("max_bytes"));

    let o = klartext(&["--format", "json", "--timeout-ms", "0", p]);
    assert_eq!(json(&o).get("partial"), None);

    let o = klartext(&["--max-depth", "many", p]);
    assert_eq!(o.status.code(), Some(2));
}
