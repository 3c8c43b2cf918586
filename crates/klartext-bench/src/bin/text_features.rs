//! klartext-text-features: rows for bench/text-bound. For every `.txt`
//! page in the given folders it prints one JSON object per block of the
//! page (its text, the rules' decision, the block's feature numbers), with
//! the page's id.
#![forbid(unsafe_code)]

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: klartext-text-features DIR... (folders of .txt dumps)");
        std::process::exit(2);
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for dir in dirs {
        let mut pages: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect(),
            Err(e) => {
                eprintln!("cannot read the folder {}: {e}", dir.display());
                std::process::exit(1);
            }
        };
        pages.sort();
        for page in pages {
            let id = page
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match std::fs::read(&page) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    eprintln!("cannot read {}: {e}", page.display());
                    continue;
                }
            };
            for line in klartext::debug_text_features(&text).lines() {
                let id_json = serde_json::to_string(&id).expect("a string serialises");
                writeln!(out, "{{\"page\":{id_json},{}", &line[1..]).expect("stdout");
            }
        }
    }
}
