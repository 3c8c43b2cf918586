//! `klartext warc` on WARC files written here: what is extracted, what is
//! skipped and why, damage, output formats, order and --resume.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use klartext_warc::writer::{gzip, record_id, OutRecord};
use serde_json::Value;

fn page(n: u64) -> Vec<u8> {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story {n} - Daily Example</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Story {n}</h1>\
         <p>The migrating zebras crossed the northern river at dawn (marker {n}), watched by rangers, photographers and a few hundred patient tourists who had waited in the tall grass since long before sunrise.</p>\
         <p>Later that morning the herd moved on towards the southern hills, where the rains had turned the dry plain into a wide green pasture, and the rangers followed at a distance.</p>\
         </article><footer>Copyright Daily Example</footer></body></html>"
    )
    .into_bytes()
}

fn html_response(n: u64) -> OutRecord {
    OutRecord::response(
        n,
        &format!("https://example.org/story/{n}"),
        200,
        &[("Content-Type", "text/html; charset=UTF-8")],
        &page(n),
    )
}

fn klartext(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klartext"));
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn rows_of(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn read_rows(path: &Path) -> Vec<Value> {
    let raw = fs::read(path).unwrap();
    let mut text = String::new();
    if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_string(&mut text)
            .unwrap();
    } else if raw.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        text = String::from_utf8(zstd::stream::decode_all(&raw[..]).unwrap()).unwrap();
    } else {
        text = String::from_utf8(raw).unwrap();
    }
    rows_of(&text)
}

/// A crawl-like file: every kind of record, each its own gzip member.
fn mixed_warc() -> (Vec<u8>, Vec<u64>) {
    let mut records = vec![OutRecord::new(
        "warcinfo",
        100,
        b"software: test\r\n".to_vec(),
    )];
    let mut html_ids = Vec::new();
    for n in 0..4 {
        let mut req = OutRecord::new(
            "request",
            200 + n,
            b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".to_vec(),
        );
        req.target_uri = Some(format!("https://example.org/story/{n}"));
        records.push(req);
        records.push(html_response(n));
        html_ids.push(n);
        records.push(OutRecord::new(
            "metadata",
            300 + n,
            b"fetchTimeMs: 12\r\n".to_vec(),
        ));
    }
    records.push(OutRecord::response(
        10,
        "https://example.org/missing",
        404,
        &[("Content-Type", "text/html")],
        &page(10),
    ));
    records.push(OutRecord::response(
        11,
        "https://example.org/a.png",
        200,
        &[("Content-Type", "image/png")],
        b"\x89PNG\r\n\x1a\n",
    ));
    records.push(OutRecord::new(
        "revisit",
        12,
        b"HTTP/1.1 200 OK\r\n\r\n".to_vec(),
    ));
    // Untyped, sniffed as HTML.
    records.push(OutRecord::response(
        13,
        "https://example.org/untyped",
        200,
        &[],
        &page(13),
    ));
    html_ids.push(13);
    // Chunked and gzip-encoded, as sent.
    let gz = gzip(&page(14));
    let mut chunked = Vec::new();
    for c in gz.chunks(50) {
        chunked.extend(format!("{:x}\r\n", c.len()).into_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    records.push(OutRecord::response(
        14,
        "https://example.org/story/14",
        200,
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    ));
    html_ids.push(14);
    let mut file = Vec::new();
    for r in &records {
        file.extend(gzip(&r.to_bytes()));
    }
    (file, html_ids)
}

fn by_id(rows: &[Value]) -> HashMap<String, Value> {
    rows.iter()
        .map(|r| {
            (
                r["warc_record_id"].as_str().unwrap_or("").to_string(),
                r.clone(),
            )
        })
        .collect()
}

#[test]
fn html_responses_are_extracted_and_the_rest_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, html) = mixed_warc();
    let input = dir.path().join("crawl.warc.gz");
    fs::write(&input, bytes).unwrap();
    let out = dir.path().join("rows.jsonl");
    let o = klartext(
        &[
            "warc",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-j",
            "2",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let rows = read_rows(&out);
    assert_eq!(rows.len(), html.len(), "{rows:#?}");
    let rows = by_id(&rows);
    for n in &html {
        let r = &rows[&record_id(*n)];
        assert_eq!(r["http_status"], 200);
        assert!(r["error"].is_null());
        assert!(
            r["text"]
                .as_str()
                .unwrap()
                .contains(&format!("(marker {n})")),
            "{n}: {r}"
        );
        assert_eq!(r["title"], format!("Story {n}"));
        assert_eq!(r["warc_date"], "2024-05-06T07:08:09Z");
    }
    let r = &rows[&record_id(0)];
    assert_eq!(r["url"], "https://example.org/story/0");
    assert_eq!(r["content_type"], "text/html");
    assert_eq!(r["charset"], "utf-8");
    // The summary accounts for every record.
    let summary: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("rows.jsonl.summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary["read"], 18);
    assert_eq!(summary["extracted"], 6);
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["balanced"], true);
    let skipped = &summary["skipped_by_reason"];
    assert_eq!(skipped["warcinfo"], 1);
    assert_eq!(skipped["request"], 4);
    assert_eq!(skipped["metadata"], 4);
    assert_eq!(skipped["non-200"], 1);
    assert_eq!(skipped["non-html"], 1);
    assert_eq!(skipped["revisit"], 1);
    assert!(stderr.contains("18 read: 6 extracted"), "{stderr}");
}

/// A WARC.gz with a corrupted member, a lying Content-Length and a
/// truncated tail loses only those records, each reported with its offset.
#[test]
fn damaged_records_are_rows_with_errors_and_the_rest_survives() {
    damaged_file_rows("damaged.warc.gz", gzip);
}

/// The same for a .warc.zst of one zstd frame per record: a corrupt frame
/// costs its record, not the rest of the file; offsets are frame offsets.
#[test]
fn a_damaged_warc_zst_loses_only_the_damaged_records() {
    damaged_file_rows("damaged.warc.zst", |bytes| {
        let mut enc = zstd::stream::Encoder::new(Vec::new(), 3).unwrap();
        enc.include_checksum(true).unwrap();
        std::io::Write::write_all(&mut enc, bytes).unwrap();
        enc.finish().unwrap()
    });
}

/// Records 0..8 each packed on its own by `pack` (a gzip member, a zstd
/// frame), 1 corrupted, 3 with a lying Content-Length, 7 truncated.
fn damaged_file_rows(name: &str, pack: fn(&[u8]) -> Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Vec::new();
    let mut offsets = HashMap::new();
    for n in 0..8u64 {
        offsets.insert(n, file.len() as u64);
        let r = html_response(n);
        let bytes = if n == 3 {
            r.to_bytes_with_length(Some(r.block.len() as u64 + 100))
        } else {
            r.to_bytes()
        };
        let mut member = pack(&bytes);
        if n == 1 {
            let mid = member.len() / 3;
            for b in &mut member[mid..mid + 6] {
                *b ^= 0xa5;
            }
        }
        if n == 7 {
            member.truncate(member.len() * 2 / 3);
        }
        file.extend(member);
    }
    let input = dir.path().join(name);
    fs::write(&input, file).unwrap();
    let out = dir.path().join("rows.jsonl");
    let o = klartext(
        &[
            "warc",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--ordered",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = read_rows(&out);
    let good: Vec<String> = rows
        .iter()
        .filter(|r| r["error"].is_null())
        .map(|r| r["warc_record_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(good, [0, 2, 4, 5, 6].map(record_id));
    let bad: Vec<(u64, String)> = rows
        .iter()
        .filter(|r| !r["error"].is_null())
        .map(|r| {
            (
                r["warc_offset"].as_u64().unwrap(),
                r["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert_eq!(bad[0].0, offsets[&1]);
    assert_eq!(bad[1].0, offsets[&3]);
    assert!(bad[1].1.contains("Content-Length"), "{}", bad[1].1);
    assert_eq!(bad[2].0, offsets[&7]);
    assert!(bad[2].1.contains("truncated"), "{}", bad[2].1);
    let summary: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("rows.jsonl.summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary["read"], 8);
    assert_eq!(summary["failed_by_reason"]["damaged"], 3);
    assert_eq!(summary["balanced"], true);
}

#[test]
fn wet_conversion_records_go_to_text_mode() {
    let text = "Story 5\n\nThe migrating zebras crossed the northern river at dawn, watched by rangers, photographers and a few hundred patient tourists who had waited in the tall grass since long before sunrise.\n\nLater that morning the herd moved on towards the southern hills, where the rains had turned the dry plain into a wide green pasture.\n";
    let mut conv = OutRecord::new("conversion", 5, text.as_bytes().to_vec());
    conv.target_uri = Some("https://example.org/story/5".to_string());
    conv.content_type = Some("text/plain".to_string());
    let mut wet = gzip(&OutRecord::new("warcinfo", 1, b"x: y\r\n".to_vec()).to_bytes());
    wet.extend(gzip(&conv.to_bytes()));
    // From stdin, to stdout.
    let o = klartext(&["warc", "-"], Some(&wet));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows_of(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["warc_type"], "conversion");
    assert!(r["http_status"].is_null());
    assert!(
        r["text"].as_str().unwrap().contains("migrating zebras"),
        "{r}"
    );
    assert_eq!(r["extracted_by"], rows[0]["extracted_by"]);
}

#[test]
fn compressed_outputs_and_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Vec::new();
    for n in 0..40 {
        file.extend(html_response(n).to_bytes());
    }
    let input = dir.path().join("plain.warc");
    fs::write(&input, file).unwrap();
    for name in ["rows.jsonl.gz", "rows.jsonl.zst"] {
        let out = dir.path().join(name);
        let o = klartext(
            &[
                "warc",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--ordered",
                "-j",
                "3",
            ],
            None,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let ids: Vec<String> = read_rows(&out)
            .iter()
            .map(|r| r["warc_record_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, (0..40).map(record_id).collect::<Vec<_>>(), "{name}");
    }
}

#[test]
fn size_cap_skips_large_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.warc");
    fs::write(&input, html_response(1).to_bytes()).unwrap();
    let o = klartext(
        &["warc", input.to_str().unwrap(), "--max-size", "100"],
        None,
    );
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("too-large 1"));
    let o = klartext(
        &["warc", input.to_str().unwrap(), "--max-size", "lots"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

/// Rows of every finished output in `dir`, by record ID, and the names of
/// unfinished (temporary) files.
fn resume_outputs(dir: &Path) -> (HashMap<String, usize>, Vec<String>) {
    let mut seen = HashMap::new();
    let mut parts = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") {
            parts.push(name);
        } else if name.ends_with(".jsonl.gz") {
            for r in read_rows(&dir.join(&name)) {
                *seen
                    .entry(r["warc_record_id"].as_str().unwrap().to_string())
                    .or_insert(0) += 1;
            }
        }
    }
    (seen, parts)
}

/// A run killed mid-file (simulated: the process exits abruptly after N
/// rows, nothing flushed, no rename) and resumed yields every record
/// exactly once.
#[test]
fn a_killed_run_resumed_yields_every_record_exactly_once() {
    for (kill_after, ordered) in [(1u64, false), (15, true), (25, false)] {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for (f, name) in ["a.warc.gz", "b.warc", "c.warc.gz"].iter().enumerate() {
            let mut records: Vec<OutRecord> = (0..10u64)
                .map(|n| html_response(f as u64 * 100 + n))
                .collect();
            // A request record per file: skipped, counted.
            records.push(OutRecord::new(
                "request",
                9000 + f as u64,
                b"GET / HTTP/1.1\r\n\r\n".to_vec(),
            ));
            let mut bytes = Vec::new();
            for r in &records {
                if name.ends_with(".gz") {
                    bytes.extend(gzip(&r.to_bytes()));
                } else {
                    bytes.extend(r.to_bytes());
                }
            }
            let p = dir.path().join(name);
            fs::write(&p, bytes).unwrap();
            inputs.push(p.to_string_lossy().into_owned());
        }
        let out = dir.path().join("out");
        let out_s = out.to_str().unwrap();
        let mut args: Vec<&str> = vec![
            "warc", "--resume", "-o", out_s, "--format", "jsonl.gz", "-j", "2",
        ];
        args.extend(inputs.iter().map(|s| s.as_str()));
        if ordered {
            args.push("--ordered");
        }
        let kill = kill_after.to_string();
        let mut killed = args.clone();
        killed.extend(["--fail-after", kill.as_str()]);
        let o = klartext(&killed, None);
        assert_eq!(
            o.status.code(),
            Some(9),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let (before, parts) = resume_outputs(&out);
        assert!(!parts.is_empty(), "the killed run left its temporary file");
        assert!(before.values().all(|&c| c == 1));

        let o = klartext(&args, None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (after, parts) = resume_outputs(&out);
        assert!(parts.is_empty(), "{parts:?}");
        let mut expected: Vec<String> = (0..3)
            .flat_map(|f| (0..10).map(move |n| record_id(f * 100 + n)))
            .collect();
        expected.sort();
        let mut got: Vec<String> = after.keys().cloned().collect();
        got.sort();
        assert_eq!(got, expected, "kill after {kill_after}");
        assert!(after.values().all(|&c| c == 1), "{after:?}");
        let summary: Value =
            serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["read"], 33, "{summary}");
        assert_eq!(summary["extracted"], 30);
        assert_eq!(summary["skipped_by_reason"]["request"], 3);
        assert_eq!(summary["balanced"], true);
        assert_eq!(
            summary["inputs_resumed"].as_u64().unwrap(),
            before.len() as u64 / 10
        );

        // A third run has nothing left to do and says so.
        let o = klartext(&args, None);
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("3 completed by an earlier run"));
        assert_eq!(resume_outputs(&out).0, after);
    }
}

/// Parquet holds the JSON Lines rows: same columns, same values.
#[test]
fn parquet_has_the_json_schema_and_rows() {
    use arrow_array::{Array, ListArray, StringArray, UInt64Array};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = mixed_warc();
    let input = dir.path().join("crawl.warc.gz");
    fs::write(&input, bytes).unwrap();
    let json = dir.path().join("rows.jsonl");
    let pq = dir.path().join("rows.parquet");
    for out in [&json, &pq] {
        let o = klartext(
            &[
                "warc",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--ordered",
            ],
            None,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let rows = read_rows(&json);
    let reader = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(&pq).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(|b| b.unwrap()).collect();
    assert_eq!(batches.len(), 1);
    let b = &batches[0];
    assert_eq!(b.num_rows(), rows.len());
    let names: Vec<String> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let keys: Vec<String> = rows[0].as_object().unwrap().keys().cloned().collect();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    let mut sorted_names = names.clone();
    sorted_names.sort();
    assert_eq!(sorted_names, sorted_keys);
    let col = |name: &str| {
        b.column(names.iter().position(|n| n == name).unwrap())
            .clone()
    };
    let titles = col("title");
    let titles = titles.as_any().downcast_ref::<StringArray>().unwrap();
    let offsets = col("warc_offset");
    let offsets = offsets.as_any().downcast_ref::<UInt64Array>().unwrap();
    let blocks = col("blocks");
    let blocks = blocks.as_any().downcast_ref::<ListArray>().unwrap();
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(titles.value(i), r["title"].as_str().unwrap());
        assert_eq!(offsets.value(i), r["warc_offset"].as_u64().unwrap());
        assert_eq!(blocks.value(i).len(), r["blocks"].as_array().unwrap().len());
    }
}

/// Records over the time budget become error rows, the run goes on, and
/// each record is accounted for once (the given-up worker's late result is
/// dropped).
#[test]
fn records_over_the_time_budget_are_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Vec::new();
    let big_ids = [1u64, 2, 3];
    for n in 0..5u64 {
        let body = if big_ids.contains(&n) {
            // Big enough to take well over the writer's 100 ms tick.
            let para = "<p>The migrating zebras crossed the northern river at dawn, watched by rangers and tourists.</p>";
            format!(
                "<html><body><article>{}</article></body></html>",
                para.repeat(30_000)
            )
            .into_bytes()
        } else {
            page(n)
        };
        let rec = OutRecord::response(
            n,
            &format!("https://example.org/{n}"),
            200,
            &[("Content-Type", "text/html")],
            &body,
        );
        file.extend(gzip(&rec.to_bytes()));
    }
    let input = dir.path().join("slow.warc.gz");
    fs::write(&input, file).unwrap();
    let out = dir.path().join("rows.jsonl");
    let o = klartext(
        &[
            "warc",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--time-budget",
            "0.001",
            "-j",
            "2",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = read_rows(&out);
    assert_eq!(rows.len(), 5);
    let rows = by_id(&rows);
    assert_eq!(rows.len(), 5, "each record once");
    for n in big_ids {
        let r = &rows[&record_id(n)];
        assert!(r["error"].as_str().unwrap().contains("time budget"), "{r}");
        assert_eq!(r["url"], format!("https://example.org/{n}"));
    }
    let summary: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("rows.jsonl.summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary["read"], 5);
    assert!(summary["failed_by_reason"]["time-budget"].as_u64().unwrap() >= 3);
    assert_eq!(summary["balanced"], true);
}

/// A real kill (SIGKILL, at whatever point the run has reached) and a
/// resume: every record exactly once.
#[test]
fn a_run_killed_by_sigkill_resumes_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for f in 0..3u64 {
        let mut bytes = Vec::new();
        for n in 0..60u64 {
            bytes.extend(gzip(&html_response(f * 1000 + n).to_bytes()));
        }
        let p = dir.path().join(format!("part-{f}.warc.gz"));
        fs::write(&p, bytes).unwrap();
        inputs.push(p.to_string_lossy().into_owned());
    }
    let out = dir.path().join("out");
    let mut args = vec![
        "warc".to_string(),
        "--resume".into(),
        "-o".into(),
        out.to_string_lossy().into_owned(),
        "--format".into(),
        "jsonl.gz".into(),
        "-j".into(),
        "1".into(),
    ];
    args.extend(inputs.iter().cloned());
    let mut child = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the first input is complete, or after a few seconds.
    let start = std::time::Instant::now();
    while !out.join("part-0.jsonl.gz").exists() && start.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = klartext(&args, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (seen, parts) = resume_outputs(&out);
    assert!(parts.is_empty(), "{parts:?}");
    let mut expected: Vec<String> = (0..3)
        .flat_map(|f| (0..60).map(move |n| record_id(f * 1000 + n)))
        .collect();
    expected.sort();
    let mut got: Vec<String> = seen.keys().cloned().collect();
    got.sort();
    assert_eq!(got, expected);
    assert!(seen.values().all(|&c| c == 1));
}

/// A page cut short by a limit says so in its row (`partial`, `warnings`);
/// the other rows say it was not.
#[test]
fn a_page_cut_by_a_limit_is_marked_partial() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from_utf8(page(1)).unwrap();
    // Deeper than the default depth limit (512).
    let deep = format!("{}<p>deep</p>{}", "<div>".repeat(700), "</div>".repeat(700));
    body = body.replace("</article>", &format!("</article>{deep}"));
    let deep_rec = OutRecord::response(
        1,
        "https://example.org/deep",
        200,
        &[("Content-Type", "text/html; charset=UTF-8")],
        body.as_bytes(),
    );
    let mut file = gzip(&deep_rec.to_bytes());
    file.extend(gzip(&html_response(2).to_bytes()));
    let input = dir.path().join("deep.warc.gz");
    fs::write(&input, file).unwrap();
    let o = klartext(&["warc", input.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows_of(&String::from_utf8(o.stdout).unwrap());
    let deep = rows
        .iter()
        .find(|r| r["url"] == "https://example.org/deep")
        .unwrap();
    assert_eq!(deep["partial"], true, "{deep}");
    assert!(
        deep["warnings"].as_array().is_some_and(|w| !w.is_empty()),
        "{deep}"
    );
    assert!(deep["text"].as_str().unwrap().contains("zebras"), "{deep}");
    let plain = rows
        .iter()
        .find(|r| r["url"] == "https://example.org/story/2")
        .unwrap();
    assert_eq!(plain["partial"], false, "{plain}");
    assert_eq!(plain["warnings"], serde_json::json!([]), "{plain}");
}
