//! `klartext explain` (issue 8): the command, and its report in a real
//! browser: headless Chromium opens the report of a news page written for
//! the purpose; the parsed DOM must show each block once, kept and dropped
//! as such, with the right labels (so no page text broke out of its
//! element), and a screenshot of it must show the label colours.
//!
//! Needs Chromium (Debian's `chromium`, which .ci/run installs); without it
//! the test says so and passes. `KLARTEXT_CHROMIUM` names another binary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../klartext/tests/fixtures/explain_news.html"
);

/// How long one Chromium run may take before the test gives up on it.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KLARTEXT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Run headless Chromium on `url` with `args`; its stdout.
fn chromium(bin: &Path, profile: &Path, args: &[String], url: &str) -> String {
    std::fs::create_dir_all(profile).unwrap();
    let out_file = profile.join("stdout.txt");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(out_file).unwrap()
}

/// The value of attribute `name` in the start tag `tag` (as Chromium
/// serialises it: double quotes, entities for quotes inside).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

/// The block elements of the dumped DOM: (class, data-label, data-kept,
/// the element's inner markup).
fn blocks(dom: &str) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find("<li class=\"blk ") {
        rest = &rest[at..];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        let inner_end = rest.find("</li>").unwrap();
        out.push((
            attr(tag, "class").unwrap().to_string(),
            attr(tag, "data-label").unwrap().to_string(),
            attr(tag, "data-kept").unwrap().to_string(),
            rest[tag_end + 1..inner_end].to_string(),
        ));
        rest = &rest[inner_end..];
    }
    out
}

#[test]
fn the_report_shows_kept_and_dropped_blocks_in_a_browser() {
    let Some(bin) = find_chromium() else {
        eprintln!(
            "SKIPPED the_report_shows_kept_and_dropped_blocks_in_a_browser: no chromium \
             (install Debian's `chromium`, as .ci/run does, or set KLARTEXT_CHROMIUM)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(["explain", FIXTURE, "-o"])
        .arg(&report)
        .status()
        .unwrap();
    assert!(status.success());
    let url = format!("file://{}", report.display());

    // The DOM as the browser parsed it.
    let dom = chromium(
        &bin,
        &dir.path().join("profile-dom"),
        &["--dump-dom".to_string()],
        &url,
    );
    let bl = blocks(&dom);
    // 27 blocks: every block of the page once; an unescaped `</li>` in the
    // page's text would have split one, a `<script>` added an element.
    assert_eq!(bl.len(), 27, "{dom}");
    assert!(!dom.contains("<script"), "no script element in the report");
    let find = |text: &str| {
        bl.iter()
            .find(|b| b.3.contains(text))
            .unwrap_or_else(|| panic!("a block with {text:?}"))
    };
    let check = |text: &str, label: &str, verdict: &str| {
        let b = find(text);
        assert_eq!(b.1, label, "{text}");
        assert!(
            b.0.split(' ').any(|c| c == verdict),
            "{text}: class {:?}",
            b.0
        );
        assert_eq!(b.2 == "true", verdict == "kept", "{text}");
        assert!(
            b.3.contains(&format!("<span class=\"verdict\">{verdict}</span>")),
            "{text}: the verdict is written beside the block"
        );
    };
    check("Transport", "kicker", "named");
    check("After two years of debate", "teaser", "kept");
    check("Riverside –", "dateline", "named");
    check("The council voted 23 to 8", "body", "kept");
    check("We use cookies", "boilerplate", "dropped");
    check("Finally! I have waited", "comment", "dropped");
    check("By Maren Holt", "byline", "named");
    // The page's markup-as-text is text in the browser too.
    assert!(find("A note for testers").3.contains("&lt;script&gt;alert"));
    // The Document pane and the legend.
    assert!(dom.contains("data-field=\"kicker\">Transport</td>"));
    assert!(dom.contains("data-label=\"comment\" data-count=\"5\""));

    // The screenshot: saved beside the test's build, inspected for colour.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("explain-report.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &bin,
        &dir.path().join("profile-shot"),
        &[
            "--window-size=1400,2600".to_string(),
            format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    let (colours, (width, height)) = colours_of(&shot);
    assert!(
        colours.len() >= 200,
        "a blank or flat screenshot: {} colours",
        colours.len()
    );
    // Each label's background shows (the report's colours).
    for (label, rgb) in [
        ("body", (0xe2, 0xf5, 0xe1)),
        ("kicker", (0xef, 0xe0, 0xfa)),
        ("teaser", (0xd9, 0xf3, 0xf3)),
        ("dateline", (0xfb, 0xf5, 0xc8)),
        ("comment", (0xfb, 0xe0, 0xea)),
        ("boilerplate", (0xec, 0xec, 0xec)),
    ] {
        assert!(
            colours.get(&rgb).copied().unwrap_or(0) > 1000,
            "no {label} colour in the screenshot"
        );
    }
    eprintln!(
        "screenshot {} ({}x{}, {} colours)",
        shot.display(),
        width,
        height,
        colours.len()
    );

    // A click on a legend entry hides that label's blocks (CSS only): the
    // same report with the boilerplate box unticked shows no boilerplate.
    let html = std::fs::read_to_string(&report).unwrap();
    let toggled = html.replace("id=\"show-boilerplate\" checked", "id=\"show-boilerplate\"");
    assert_ne!(toggled, html);
    let report2 = dir.path().join("report-without-boilerplate.html");
    std::fs::write(&report2, toggled).unwrap();
    let shot2 = dir.path().join("without-boilerplate.png");
    chromium(
        &bin,
        &dir.path().join("profile-shot2"),
        &[
            "--window-size=1400,2600".to_string(),
            format!("--screenshot={}", shot2.display()),
        ],
        &format!("file://{}", report2.display()),
    );
    let (colours2, _) = colours_of(&shot2);
    let grey = (0xec, 0xec, 0xec);
    let (shown, hidden) = (colours[&grey], colours2.get(&grey).copied().unwrap_or(0));
    assert!(
        hidden * 20 < shown,
        "boilerplate hidden: {hidden} grey pixels left of {shown}"
    );
    assert!(
        colours2.get(&(0xe2, 0xf5, 0xe1)).copied().unwrap_or(0) > 1000,
        "body still shown"
    );
    eprintln!("boilerplate grey pixels: {shown} shown, {hidden} when hidden");
}

/// Pixels per RGB colour of an image.
type Colours = HashMap<(u8, u8, u8), usize>;

/// The distinct RGB colours of a PNG file with their pixel counts, and its size.
fn colours_of(path: &Path) -> (Colours, (u32, u32)) {
    let file = std::fs::File::open(path).expect("the screenshot was written");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "an RGB screenshot");
    let mut colours = HashMap::new();
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        *colours.entry((px[0], px[1], px[2])).or_insert(0) += 1;
    }
    (colours, (info.width, info.height))
}

fn klartext(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn explain_writes_json_to_stdout() {
    let out = klartext(&["explain", FIXTURE, "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["input"], "html");
    assert_eq!(v["document"]["kicker"], "Transport");
    assert!(v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["label"] == "dateline"));
}

#[test]
fn explain_reads_text_dumps_with_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.html");
    std::fs::write(
        &dump,
        "Menu\n\nA headline for the dump\n\nThe first paragraph of the article is long \
         enough, with a comma, to be the article's prose and more than eighty characters.\n",
    )
    .unwrap();
    let out = klartext(&[
        "explain",
        dump.to_str().unwrap(),
        "--as",
        "text",
        "-f",
        "json",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["input"], "text");
}

#[test]
fn explain_of_a_missing_page_fails() {
    let out = klartext(&["explain", "/nonexistent/page.html", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("page.html"));
}
