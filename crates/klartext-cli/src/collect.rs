//! Batch inputs: find every .html, .htm, .txt file (or .gz of one) under the paths
//! given, recursively, in a deterministic (sorted) order, each file once.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::input::describe_io;

/// File name endings batch mode reads (compared case-insensitively): HTML
/// pages and text dumps.
pub const HTML_SUFFIXES: [&str; 5] = [".html.gz", ".html", ".htm", ".txt.gz", ".txt"];

/// What was found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The page files, in output order.
    pub files: Vec<PathBuf>,
    /// Messages for folders found while walking that could not be read; their
    /// pages are missing from the output, so the run counts as failed.
    pub unreadable_folders: Vec<String>,
}

/// Is this a page file name batch mode reads?
pub fn is_html_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| strip_suffix(&n.to_string_lossy()).is_some())
}

fn strip_suffix(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    HTML_SUFFIXES
        .iter()
        .find(|s| lower.ends_with(*s))
        .map(|s| &name[..name.len() - s.len()])
}

/// The record id: the file name without its page extensions
/// (`abc.html.gz` -> `abc`, `my.page.htm` -> `my.page`, `d.txt` -> `d`).
pub fn page_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    match strip_suffix(&name) {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

/// Collect the pages under `paths`, in argument order, each folder walked in
/// sorted order. `Err` holds usage errors: paths that are neither a folder
/// nor an HTML file, or that found no pages at all.
pub fn collect(paths: &[PathBuf]) -> Result<Collected, Vec<String>> {
    let mut walker = Walker::default();
    let mut usage = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walker.walk(path),
            Ok(_) if is_html_name(path) => walker.push(path.clone()),
            Ok(_) => usage.push(format!(
                "'{}' is neither a folder nor a page file (.html, .htm, .txt, or one of them .gz) — batch reads only those; give the folder it is in, or rename it",
                path.display()
            )),
            // A named page that cannot be reached becomes an error record.
            Err(_) if is_html_name(path) => walker.push(path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => usage.push(format!(
                "'{}' does not exist — check the path",
                path.display()
            )),
            Err(e) => usage.push(format!(
                "cannot access '{}': {}",
                path.display(),
                describe_io(&e, true)
            )),
        }
    }
    if !usage.is_empty() {
        return Err(usage);
    }
    if walker.out.files.is_empty() && walker.out.unreadable_folders.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| format!("'{}'", p.display())).collect();
        return Err(vec![format!(
            "found no .html, .htm or .txt files (or .gz of them) under {}",
            names.join(", ")
        )]);
    }
    Ok(walker.out)
}

#[derive(Default)]
struct Walker {
    out: Collected,
    seen_files: HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
}

impl Walker {
    fn push(&mut self, path: PathBuf) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen_files.insert(key) {
            self.out.files.push(path);
        }
    }

    fn walk(&mut self, dir: &Path) {
        // Symlinked folders are followed, but each real folder only once
        // (this also stops symlink loops).
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(key) {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
            Err(e) => Err(e),
        };
        let entries = match entries {
            Ok(e) => e,
            Err(e) => {
                self.out.unreadable_folders.push(format!(
                    "cannot read folder '{}': {}; its pages are skipped",
                    dir.display(),
                    describe_io(&e, true)
                ));
                return;
            }
        };
        let mut entries: Vec<(OsString, PathBuf, bool)> = entries
            .into_iter()
            .map(|e| {
                let path = e.path();
                let is_dir = match e.file_type() {
                    Ok(t) if t.is_symlink() => path.is_dir(),
                    Ok(t) => t.is_dir(),
                    Err(_) => false,
                };
                (e.file_name(), path, is_dir)
            })
            .collect();
        entries.sort();
        for (_, path, is_dir) in entries {
            if is_dir {
                self.walk(&path);
            } else if is_html_name(&path) {
                self.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_html_extensions_only() {
        assert_eq!(page_id(Path::new("d/abc.html.gz")), "abc");
        assert_eq!(page_id(Path::new("abc.HTML")), "abc");
        assert_eq!(page_id(Path::new("x/my.page.htm")), "my.page");
        assert_eq!(page_id(Path::new(".html")), ".html");
    }

    #[test]
    fn html_names() {
        assert!(is_html_name(Path::new("a.html")));
        assert!(is_html_name(Path::new("a.Htm")));
        assert!(is_html_name(Path::new("a.html.gz")));
        assert!(is_html_name(Path::new("a.txt")));
        assert!(!is_html_name(Path::new("a.csv")));
        assert!(!is_html_name(Path::new("a.gz")));
        assert!(!is_html_name(Path::new("html")));
    }
}
