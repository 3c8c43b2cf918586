//! Integration tests of the `klartext` command as a user runs it: arguments,
//! input handling, output formats, batch JSON Lines, errors and exit status.
//!
//! They test the shell, not extraction quality: the only thing asserted about
//! the engine is that a long paragraph in an <article> reaches the text.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SENTENCE: &str = "The migrating zebras crossed the northern river at dawn";

fn page(title: &str, marker: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - Daily Example</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>\
         <p>{SENTENCE} ({marker}), watched by rangers, photographers and a few hundred patient tourists who had waited in the tall grass since long before sunrise.</p>\
         <p>Later that morning the herd moved on towards the southern hills, where the rains had turned the dry plain into a wide green pasture, and the rangers followed at a distance.</p>\
         </article><footer>Copyright Daily Example</footer></body></html>"
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn klartext(args: &[&str]) -> Output {
    klartext_in(None, args, None)
}

fn klartext_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klartext"));
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("run klartext");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

fn write_page(dir: &Path, name: &str, marker: &str) -> String {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, page(marker, marker)).unwrap();
    path.to_str().unwrap().to_string()
}

// ---------- single page ----------

#[test]
fn single_file_prints_the_article_text() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write_page(tmp.path(), "a.html", "one");
    let o = klartext(&[&p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(SENTENCE), "{}", stdout(&o));
    assert!(stdout(&o).ends_with('\n'));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let o = klartext_in(None, &["-"], Some(page("Stdin", "stdin").as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(SENTENCE));
}

#[test]
fn gzip_stdin_is_inflated() {
    let gz = gzip(page("Gz", "gz").as_bytes());
    let o = klartext_in(None, &["-"], Some(&gz));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(SENTENCE));
}

#[test]
fn html_gz_file_is_inflated() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("z.html.gz");
    fs::write(&p, gzip(page("Gz", "gz").as_bytes())).unwrap();
    let o = klartext(&[p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(SENTENCE));
}

#[test]
fn every_format_works() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write_page(tmp.path(), "a.html", "fmt");

    let text = klartext(&["--format", "text", &p]);
    assert_eq!(text.status.code(), Some(0));
    assert!(stdout(&text).contains(SENTENCE));

    let md = klartext(&["--format", "markdown", &p]);
    assert_eq!(md.status.code(), Some(0));
    assert!(stdout(&md).contains(SENTENCE));

    let json = klartext(&["--format", "json", &p]);
    assert_eq!(json.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&json)).expect("JSON output parses");
    assert!(v.get("title").is_some(), "no title field: {v}");
    assert!(v["text"].as_str().unwrap().contains(SENTENCE));
}

#[test]
fn default_format_is_text() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write_page(tmp.path(), "a.html", "dflt");
    assert_eq!(
        klartext(&[&p]).stdout,
        klartext(&["--format", "text", &p]).stdout
    );
}

#[test]
fn url_charset_and_comments_are_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write_page(tmp.path(), "a.html", "opts");
    let o = klartext(&[
        "--url",
        "https://news.example/zebras",
        "--charset",
        "utf-8",
        "--comments",
        "--format",
        "json",
        &p,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["text"].as_str().unwrap().contains(SENTENCE));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let o = klartext(&["--format", "pdf", "x.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pdf"));
}

#[test]
fn no_page_is_a_usage_error() {
    let o = klartext(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'-'"), "{}", stderr(&o));
}

#[test]
fn missing_file_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let o = klartext_in(Some(tmp.path()), &["x.html"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o).trim_end(),
        "klartext: cannot read 'x.html': No such file or directory — check the path"
    );
}

#[test]
fn folder_as_page_points_to_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let o = klartext(&[tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("klartext batch"), "{}", stderr(&o));
}

#[test]
fn binary_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("img.html", PNG, "PNG"),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("arc.html", b"PK\x03\x04\x14\0\0\0\x08\0", "zip"),
        ("nul.html", &[0u8; 600], "binary"),
    ];
    for (name, bytes, kind) in cases {
        let p = tmp.path().join(name);
        fs::write(&p, bytes).unwrap();
        let o = klartext(&[p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(o.stdout.is_empty(), "{name}");
        let err = stderr(&o);
        assert!(
            err.contains("is not HTML") && err.contains(kind),
            "{name}: {err}"
        );
    }
}

#[test]
fn help_documents_every_flag() {
    let o = klartext(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    for flag in [
        "--format",
        "text",
        "markdown",
        "json",
        "--url",
        "--charset",
        "--comments",
        "batch",
    ] {
        assert!(h.contains(flag), "--help lacks {flag}");
    }
    let o = klartext(&["batch", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    for flag in [
        "--output",
        "--threads",
        "--charset",
        "--comments",
        "\"error\"",
    ] {
        assert!(h.contains(flag), "batch --help lacks {flag}");
    }
}

// ---------- batch ----------

/// A folder with nested pages, a .html.gz, a non-HTML file named .html, a
/// corrupt .gz and a file batch must ignore.
fn corpus(dir: &Path) {
    write_page(dir, "b.html", "bee");
    write_page(dir, "a.htm", "ay");
    write_page(dir, "sub/deeper/d.html", "dee");
    fs::write(dir.join("sub/c.html.gz"), gzip(page("c", "see").as_bytes())).unwrap();
    fs::write(dir.join("sub/picture.html"), PNG).unwrap();
    fs::write(
        dir.join("sub/broken.html.gz"),
        b"\x1f\x8b\x08\0\0\0\0\0\0\x03garbage",
    )
    .unwrap();
    fs::write(dir.join("notes.md"), "not a page").unwrap();
    fs::write(dir.join("sub/style.css"), "p { color: red }").unwrap();
    fs::write(dir.join("dump.txt"), DUMP).unwrap();
}

/// A page rendered to text: menu lines, a headline, the story, a footer.
const DUMP: &str = "Home\nNews\nSport\n\nRiver festival draws record crowds\n\n\
    More than forty thousand visitors came to the river festival this weekend, the \
    organisers said on Sunday, and the boat parade alone drew twelve thousand people.\n\n\
    The town plans to hold the festival again next summer, with a second stage and \
    longer opening hours for the market stalls along the water.\n\nImprint\nPrivacy\n";

#[test]
fn batch_writes_one_line_per_page_in_sorted_order() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let o = klartext_in(Some(tmp.path()), &["batch", "."], None);
    assert_eq!(o.status.code(), Some(1), "a failed input means exit 1");
    let rows = lines(&o);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "dump", "broken", "c", "d", "picture"]);
    // The .txt file was read as a text dump.
    assert_eq!(rows[2]["title"], "River festival draws record crowds");
    assert!(rows[2]["text"]
        .as_str()
        .unwrap()
        .starts_with("More than forty thousand visitors"));
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [
            "./a.htm",
            "./b.html",
            "./dump.txt",
            "./sub/broken.html.gz",
            "./sub/c.html.gz",
            "./sub/deeper/d.html",
            "./sub/picture.html"
        ]
    );
    // "id" and "source" come first on every line.
    for (raw, r) in stdout(&o).lines().zip(&rows) {
        let head = format!("{{\"id\":{},\"source\":{},", r["id"], r["source"]);
        assert!(raw.starts_with(&head), "{raw}");
    }
    for (i, marker) in [(0, "ay"), (1, "bee"), (4, "see"), (5, "dee")] {
        let r = &rows[i];
        assert!(r.get("error").is_none(), "{r}");
        assert!(r.get("title").is_some(), "{r}");
        let text = r["text"].as_str().unwrap();
        assert!(text.contains(SENTENCE) && text.contains(marker), "{r}");
    }
    let broken = rows[3]["error"].as_str().unwrap();
    assert!(broken.contains("decompress"), "{broken}");
    let picture = rows[6]["error"].as_str().unwrap();
    assert!(
        picture.contains("not HTML") && picture.contains("PNG"),
        "{picture}"
    );
    assert_eq!(rows[6].as_object().unwrap().len(), 3);

    let err = stderr(&o);
    assert!(
        err.contains("7 inputs: 5 extracted, 0 empty, 2 failed"),
        "{err}"
    );
    assert!(err.contains("pages/s"), "{err}");
    assert!(err.contains("exit status 1"), "{err}");
    // No progress bar when stderr is not a terminal: only our messages.
    assert!(err.lines().all(|l| l.starts_with("klartext: ")), "{err}");
}

#[test]
fn batch_output_file_equals_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let to_stdout = klartext_in(Some(tmp.path()), &["batch", "."], None);
    let o = klartext_in(Some(tmp.path()), &["batch", ".", "-o", "out.jsonl"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        fs::read(tmp.path().join("out.jsonl")).unwrap(),
        to_stdout.stdout
    );
    let dash = klartext_in(Some(tmp.path()), &["batch", ".", "-o", "-"], None);
    assert_eq!(dash.stdout, to_stdout.stdout);
}

#[test]
fn batch_all_good_exits_zero() {
    let tmp = tempfile::tempdir().unwrap();
    write_page(tmp.path(), "x/one.html", "1");
    write_page(tmp.path(), "two.html", "2");
    let o = klartext_in(Some(tmp.path()), &["batch", "x", "two.html"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = lines(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["source"], "x/one.html");
    assert_eq!(rows[1]["source"], "two.html");
    assert!(stderr(&o).contains("2 inputs: 2 extracted, 0 empty, 0 failed"));
}

#[test]
fn batch_missing_page_is_an_error_line_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    write_page(tmp.path(), "here.html", "here");
    let o = klartext_in(Some(tmp.path()), &["batch", "gone.html", "here.html"], None);
    assert_eq!(o.status.code(), Some(1));
    let rows = lines(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "gone");
    assert_eq!(rows[0]["source"], "gone.html");
    let err = rows[0]["error"].as_str().unwrap();
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(rows[1]["text"].as_str().unwrap().contains(SENTENCE));
}

#[test]
fn batch_threads_do_not_change_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    // More than one chunk of 256, with failures sprinkled in.
    for i in 0..300 {
        if i % 50 == 7 {
            fs::write(tmp.path().join(format!("p{i:03}.html")), PNG).unwrap();
        } else {
            write_page(tmp.path(), &format!("p{i:03}.html"), &format!("page {i}"));
        }
    }
    let one = klartext_in(Some(tmp.path()), &["batch", "--threads", "1", "."], None);
    let all = klartext_in(Some(tmp.path()), &["batch", "."], None);
    let four = klartext_in(Some(tmp.path()), &["batch", "-j", "4", "."], None);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(one.stdout, all.stdout);
    assert_eq!(one.stdout, four.stdout);
    let rows = lines(&one);
    assert_eq!(rows.len(), 300);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["id"], format!("p{i:03}"));
        assert_eq!(r.get("error").is_some(), i % 50 == 7, "{r}");
    }
    assert!(stderr(&one).contains("300 inputs: 294 extracted, 0 empty, 6 failed"));
}

#[test]
fn batch_usage_errors_exit_two() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.csv"), "hi").unwrap();
    fs::create_dir(tmp.path().join("empty")).unwrap();

    let o = klartext_in(Some(tmp.path()), &["batch", "nowhere"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'nowhere' does not exist — check the path"));

    let o = klartext_in(Some(tmp.path()), &["batch", "notes.csv"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("'notes.csv' is neither a folder nor a page file"),
        "{}",
        stderr(&o)
    );

    let o = klartext_in(Some(tmp.path()), &["batch", "empty"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("found no .html"), "{}", stderr(&o));

    let o = klartext_in(Some(tmp.path()), &["batch", "--threads", "0", "."], None);
    assert_eq!(o.status.code(), Some(2));

    let o = klartext_in(Some(tmp.path()), &["batch"], None);
    assert_eq!(o.status.code(), Some(2));

    write_page(tmp.path(), "p.html", "p");
    let o = klartext_in(
        Some(tmp.path()),
        &["batch", ".", "-o", "no/such/dir/out.jsonl"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot create output"),
        "{}",
        stderr(&o)
    );

    // -o naming an input would destroy it: refused, page left intact.
    let before = fs::read(tmp.path().join("p.html")).unwrap();
    let o = klartext_in(Some(tmp.path()), &["batch", ".", "-o", "p.html"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(tmp.path().join("p.html")).unwrap(), before);
}
