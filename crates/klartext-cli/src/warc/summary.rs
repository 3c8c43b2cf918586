//! The accounting: every record read is extracted, skipped (by reason) or
//! failed (by reason), per input and overall.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::process::Status;

/// Failure reasons.
pub mod fail {
    /// The reader could not read the record (corrupt, truncated, lying).
    pub const DAMAGED: &str = "damaged";
    /// The record took longer than `--time-budget`.
    pub const TIME_BUDGET: &str = "time-budget";
    /// The engine or the output serialisation failed.
    pub const ERROR: &str = "error";
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Counts {
    /// Records read (damaged ones included).
    pub read: u64,
    /// Extracted: a row with the Document (possibly with empty text).
    pub extracted: u64,
    /// Of the extracted, those with no article text.
    pub empty_text: u64,
    pub skipped: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// A row with an error.
    pub failed: u64,
    pub failed_by_reason: BTreeMap<String, u64>,
    /// Rows written (extracted + failed).
    pub rows: u64,
}

impl Counts {
    pub fn skip(&mut self, reason: &str) {
        self.read += 1;
        self.skipped += 1;
        *self
            .skipped_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
    }

    pub fn row(&mut self, status: Status, fail_reason: &str) {
        self.read += 1;
        self.rows += 1;
        match status {
            Status::Extracted => self.extracted += 1,
            Status::Empty => {
                self.extracted += 1;
                self.empty_text += 1;
            }
            Status::Failed => {
                self.failed += 1;
                *self
                    .failed_by_reason
                    .entry(fail_reason.to_string())
                    .or_default() += 1;
            }
        }
    }

    pub fn add(&mut self, o: &Counts) {
        self.read += o.read;
        self.extracted += o.extracted;
        self.empty_text += o.empty_text;
        self.skipped += o.skipped;
        self.failed += o.failed;
        self.rows += o.rows;
        for (k, v) in &o.skipped_by_reason {
            *self.skipped_by_reason.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.failed_by_reason {
            *self.failed_by_reason.entry(k.clone()).or_default() += v;
        }
    }

    /// extracted + skipped + failed = read.
    pub fn balanced(&self) -> bool {
        self.extracted + self.skipped + self.failed == self.read
    }

    /// `12 read: 5 extracted (1 empty), 6 skipped (request 3, ...), 1 failed (damaged 1)`.
    pub fn line(&self) -> String {
        let by = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                String::new()
            } else {
                let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
                format!(" ({})", parts.join(", "))
            }
        };
        format!(
            "{} read: {} extracted ({} without text), {} skipped{}, {} failed{}",
            self.read,
            self.extracted,
            self.empty_text,
            self.skipped,
            by(&self.skipped_by_reason),
            self.failed,
            by(&self.failed_by_reason)
        )
    }
}

/// One input's summary (`<stem>.summary.json` under `--resume`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileSummary {
    pub file: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// The input could not be (fully) read: an I/O error, not damage.
    pub input_error: Option<String>,
    pub bytes: u64,
    pub seconds: f64,
}

/// The run's summary (stderr and `<output>.summary.json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    pub inputs: usize,
    /// Inputs whose output a previous run completed (`--resume`).
    pub inputs_resumed: usize,
    #[serde(flatten)]
    pub counts: Counts,
    pub balanced: bool,
    pub input_errors: Vec<String>,
    pub input_bytes: u64,
    pub seconds: f64,
    pub records_per_s: f64,
    pub input_mb_per_s: f64,
    pub files: Vec<FileSummary>,
}
