//! `klartext warc`: WARC and WET files in, one row per record out, on every
//! core, in fixed memory.
//!
//! One reader thread decompresses and splits the inputs into records; N
//! workers classify and extract them; the main thread writes the rows, keeps
//! the accounting and the progress display. Backpressure: the job and result
//! channels are bounded and at most `WINDOW_PER_THREAD × N` records are in
//! flight between the reader and the writer (also the reordering window of
//! `--ordered`), so memory stays fixed whatever the input size. A worker
//! over the time budget is given up: its record becomes an error row and a
//! new worker takes its place.

mod output;
mod parquet;
mod process;
mod row;
mod summary;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use klartext_warc::{Item, Reader};

use crate::args::WarcArgs;
use crate::input::describe_io;
use crate::{guard, report, EXIT_FAILED, EXIT_USAGE};
pub use output::OutFormat;
use output::{PerInput, Prepared, RowSink};
use process::{Outcome, Settings, Status};
use row::Row;
use summary::{fail, Counts, FileSummary, RunSummary};

/// Records in flight per worker (read, not yet written).
const WINDOW_PER_THREAD: usize = 16;

/// Stack size of the workers: deeply nested pages need more than the
/// default, and a stack overflow cannot be caught.
const WORKER_STACK: usize = 32 * 1024 * 1024;

/// How often the writer wakes to check budgets and progress.
const TICK: Duration = Duration::from_millis(100);

/// Parse `8M`, `512k`, `1G` or a number of bytes.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m = match c.to_ascii_lowercase() {
                'k' => 1usize << 10,
                'm' => 1 << 20,
                'g' => 1 << 30,
                'b' => 1,
                _ => return Err(format!("unknown size unit in '{s}' (use K, M or G)")),
            };
            (&t[..i], m)
        }
        _ => (t, 1),
    };
    let n: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a size (e.g. 8M, 512K, 1G)"))?;
    if !(n.is_finite() && n >= 1.0) {
        return Err(format!("'{s}' is not a size of at least one byte"));
    }
    Ok((n * mult as f64) as usize)
}

/// One input file.
struct Input {
    /// As given (`-` for stdin).
    path: PathBuf,
    name: String,
    size: Option<u64>,
    per: Option<PerInput>,
}

/// A record on its way to a worker.
struct Job {
    seq: u64,
    file: usize,
    item: Item,
}

/// What a worker made of a record.
enum Done {
    Row(Prepared, Status, &'static str),
    Skipped(&'static str),
}

enum Msg {
    Done {
        seq: u64,
        file: usize,
        done: Done,
    },
    /// The reader is through with an input: `jobs` records were sent.
    FileEnd {
        file: usize,
        jobs: u64,
        error: Option<String>,
    },
}

/// At most `max` records in flight.
struct Window {
    used: Mutex<usize>,
    cv: Condvar,
    max: usize,
}

impl Window {
    fn acquire(&self) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= self.max {
            used = self.cv.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += 1;
    }
    fn release(&self) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(1);
        self.cv.notify_one();
    }
}

/// The record a worker is on, for the time budget.
struct Busy {
    seq: u64,
    file: usize,
    row: Row,
    since: Instant,
}

#[derive(Default)]
struct Slot {
    busy: Mutex<Option<Busy>>,
    abandoned: std::sync::atomic::AtomicBool,
}

/// Shared between the threads.
struct Shared {
    settings: Settings,
    names: Vec<String>,
    json: bool,
    /// The time budget per record (--time-budget).
    budget: Duration,
    /// Compressed bytes of finished inputs; the current one's counter.
    bytes_done: AtomicU64,
    current: Mutex<Option<(usize, Arc<AtomicU64>)>>,
}

pub fn run(args: WarcArgs) -> ExitCode {
    let started = Instant::now();
    let output = args.output.clone().filter(|p| p.as_os_str() != "-");
    let format = args
        .format
        .or_else(|| {
            output
                .as_deref()
                .filter(|_| !args.resume)
                .map(OutFormat::from_name)
        })
        .unwrap_or(OutFormat::Jsonl);

    // Inputs, and under --resume their outputs.
    let mut inputs = Vec::new();
    let mut stems = HashSet::new();
    for p in &args.paths {
        let stdin = p.as_os_str() == "-";
        let size = if stdin {
            None
        } else {
            match fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    report(&format!(
                        "'{}' is a folder; name the WARC files (e.g. {}/*.warc.gz)",
                        p.display(),
                        p.display()
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
                Ok(m) => Some(m.len()),
                Err(e) => {
                    report(&format!(
                        "cannot read '{}': {}",
                        p.display(),
                        describe_io(&e, false)
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        };
        let per = match (&output, args.resume) {
            (Some(dir), true) => {
                if stdin {
                    report("--resume needs input files, not stdin");
                    return ExitCode::from(EXIT_USAGE);
                }
                let per = PerInput::new(dir, p, format);
                if !stems.insert(per.done.clone()) {
                    report(&format!(
                        "two inputs would write '{}'; with --resume input file names must differ",
                        per.done.display()
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
                Some(per)
            }
            _ => None,
        };
        inputs.push(Input {
            path: p.clone(),
            name: p.to_string_lossy().into_owned(),
            size,
            per,
        });
    }
    if args.resume {
        match &output {
            None => {
                report("--resume needs -o DIR: one output per input is written there");
                return ExitCode::from(EXIT_USAGE);
            }
            Some(dir) => {
                if let Err(e) = fs::create_dir_all(dir) {
                    report(&format!(
                        "cannot create the output folder '{}': {}",
                        dir.display(),
                        describe_io(&e, true)
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    }
    if format == OutFormat::Parquet && output.is_none() {
        report("Parquet output needs a file: -o OUT.parquet");
        return ExitCode::from(EXIT_USAGE);
    }

    // Inputs a previous run completed.
    let mut files: Vec<FileSummary> = inputs
        .iter()
        .map(|i| FileSummary {
            file: i.name.clone(),
            bytes: i.size.unwrap_or(0),
            ..Default::default()
        })
        .collect();
    let mut finished = vec![false; inputs.len()];
    let mut resumed = 0;
    for (i, input) in inputs.iter().enumerate() {
        if let Some(per) = &input.per {
            if per.done.exists() {
                finished[i] = true;
                resumed += 1;
                if let Some(s) = fs::read_to_string(&per.summary)
                    .ok()
                    .and_then(|t| serde_json::from_str::<FileSummary>(&t).ok())
                {
                    files[i] = s;
                }
            }
        }
    }

    // The single output, if not one per input.
    let mut single: Option<Box<dyn RowSink>> = None;
    if !args.resume {
        let w: Box<dyn io::Write + Send> = match &output {
            None => Box::new(io::stdout()),
            Some(path) => {
                if inputs.iter().any(|i| same_file(&i.path, path)) {
                    report(&format!(
                        "the output '{}' is one of the inputs; choose another -o",
                        path.display()
                    ));
                    return ExitCode::from(EXIT_USAGE);
                }
                match File::create(path) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        report(&format!(
                            "cannot create output '{}': {}",
                            path.display(),
                            describe_io(&e, false)
                        ));
                        return ExitCode::from(EXIT_USAGE);
                    }
                }
            }
        };
        match output::sink(format, w) {
            Ok(s) => single = Some(s),
            Err(e) => {
                report(&format!("cannot start the output: {e}"));
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }

    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n as usize,
    );
    let shared = Arc::new(Shared {
        settings: Settings {
            max_size: args.max_size,
            include_comments: args.comments,
        },
        names: inputs.iter().map(|i| i.name.clone()).collect(),
        json: format.wants_json(),
        budget: Duration::from_secs_f64(args.time_budget.max(0.001)),
        bytes_done: AtomicU64::new(0),
        current: Mutex::new(None),
    });
    let window = Arc::new(Window {
        used: Mutex::new(0),
        cv: Condvar::new(),
        max: WINDOW_PER_THREAD * threads,
    });
    let (job_tx, job_rx) = bounded::<Job>(threads * 2);
    let (msg_tx, msg_rx) = bounded::<Msg>(threads * 4);

    // The reader.
    let reader;
    {
        let todo: Vec<(usize, PathBuf)> = inputs
            .iter()
            .enumerate()
            .filter(|(i, _)| !finished[*i])
            .map(|(i, input)| (i, input.path.clone()))
            .collect();
        let (shared, window, msg_tx) = (shared.clone(), window.clone(), msg_tx.clone());
        let max_block = args.max_size.saturating_add(1 << 20);
        match std::thread::Builder::new()
            .name("klartext-reader".into())
            .spawn(move || read_inputs(todo, max_block, &shared, &window, &job_tx, &msg_tx))
        {
            Ok(h) => reader = h,
            Err(e) => {
                report(&format!("cannot start the reader thread: {e}"));
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }
    // The workers.
    let budget = shared.budget;
    let mut slots: Vec<Arc<Slot>> = Vec::new();
    for _ in 0..threads {
        match spawn_worker(&job_rx, &msg_tx, &shared) {
            Ok(slot) => slots.push(slot),
            Err(e) => {
                report(&format!("cannot start the worker threads: {e}"));
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }

    // The writer.
    let progress = Progress::new(&inputs, &finished);
    let mut sinks: HashMap<usize, Box<dyn RowSink>> = HashMap::new();
    let mut sent: Vec<Option<u64>> = vec![None; inputs.len()];
    let mut handled = vec![0u64; inputs.len()];
    let mut file_started: Vec<Option<Instant>> = vec![None; inputs.len()];
    let mut pending: BTreeMap<u64, (usize, Done)> = BTreeMap::new();
    let mut next_seq = 0u64;
    let mut rows_written = 0u64;
    let mut write_error: Option<String> = None;
    let mut last_tick = Instant::now();

    'run: while finished.iter().any(|f| !f) {
        let mut ready: Vec<(u64, usize, Done)> = Vec::new();
        let mut ends: Vec<(usize, u64, Option<String>)> = Vec::new();
        match msg_rx.recv_timeout(TICK) {
            Ok(Msg::Done { seq, file, done }) => ready.push((seq, file, done)),
            Ok(Msg::FileEnd { file, jobs, error }) => ends.push((file, jobs, error)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        // Records over the time budget become error rows (checked on every
        // message and every tick: a few uncontended locks).
        {
            let mut i = 0;
            while i < slots.len() {
                let over = {
                    let mut busy = slots[i].busy.lock().unwrap_or_else(|e| e.into_inner());
                    match busy.as_ref() {
                        Some(b) if b.since.elapsed() > budget => {
                            slots[i].abandoned.store(true, Ordering::SeqCst);
                            busy.take()
                        }
                        _ => None,
                    }
                };
                match over {
                    Some(b) => {
                        let prepared = prepare(over_budget(b.row, budget), shared.json);
                        ready.push((
                            b.seq,
                            b.file,
                            Done::Row(prepared, Status::Failed, fail::TIME_BUDGET),
                        ));
                        slots.swap_remove(i);
                        match spawn_worker(&job_rx, &msg_tx, &shared) {
                            Ok(slot) => slots.push(slot),
                            Err(e) => report(&format!("cannot start a worker thread: {e}")),
                        }
                    }
                    None => i += 1,
                }
            }
            if last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                progress.tick(&shared, &files);
            }
        }
        for (file, jobs, error) in ends {
            sent[file] = Some(jobs);
            if let Some(e) = error {
                files[file].input_error = Some(e);
            }
        }
        if reader.is_finished()
            && msg_rx.is_empty()
            && sent.iter().zip(&finished).any(|(s, f)| s.is_none() && !f)
        {
            // The reader ended without reporting every input: only a bug
            // does that; stop rather than wait forever.
            report("internal error: the reader thread stopped early; the output is incomplete");
            return ExitCode::from(EXIT_FAILED);
        }
        // Rows to write now: as they come, or (--ordered) the next run of
        // sequence numbers.
        let mut to_write = Vec::with_capacity(ready.len());
        for (seq, file, done) in ready {
            if args.ordered {
                pending.insert(seq, (file, done));
            } else {
                to_write.push((file, done));
            }
        }
        while let Some(row) = pending.remove(&next_seq) {
            next_seq += 1;
            to_write.push(row);
        }
        for (file, done) in to_write {
            if let Err(e) = handle(
                file,
                done,
                &mut files,
                &mut single,
                &mut sinks,
                &inputs,
                format,
            ) {
                write_error = Some(e);
                break 'run;
            }
            window.release();
            handled[file] += 1;
            rows_written += 1;
        }
        if let Some(n) = args.fail_after {
            if rows_written >= n {
                // Testing --resume: die as a kill would, nothing flushed.
                std::process::exit(9);
            }
        }
        // Inputs whose every record is written.
        for f in 0..inputs.len() {
            if finished[f] || sent[f] != Some(handled[f]) {
                continue;
            }
            finished[f] = true;
            let since = file_started[f].get_or_insert(started);
            files[f].seconds = since.elapsed().as_secs_f64();
            if let Some(next) = file_started.get_mut(f + 1) {
                next.get_or_insert_with(Instant::now);
            }
            if let Some(per) = &inputs[f].per {
                if let Err(e) = finish_input(f, per, &mut sinks, &files[f], format) {
                    write_error = Some(e);
                    break 'run;
                }
            }
        }
    }
    progress.finish();

    if write_error.is_none() {
        if let Some(s) = single.take() {
            if let Err(e) = s.finish() {
                write_error = Some(format!(
                    "cannot write the output: {}",
                    describe_io(&e, false)
                ));
            }
        }
    }
    if let Some(e) = write_error {
        report(&e);
        return ExitCode::from(EXIT_FAILED);
    }

    // The summary.
    let mut total = Counts::default();
    let mut input_errors = Vec::new();
    let mut bytes = 0;
    for f in &files {
        total.add(&f.counts);
        bytes += f.bytes;
        if let Some(e) = &f.input_error {
            input_errors.push(format!("{}: {e}", f.file));
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let summary = RunSummary {
        inputs: inputs.len(),
        inputs_resumed: resumed,
        balanced: total.balanced(),
        counts: total.clone(),
        input_errors: input_errors.clone(),
        input_bytes: bytes,
        seconds: secs,
        records_per_s: total.read as f64 / secs,
        input_mb_per_s: bytes as f64 / 1e6 / secs,
        files,
    };
    for e in &input_errors {
        report(&format!("input error: {e}"));
    }
    report(&format!(
        "{} inputs{}: {} in {secs:.1} s ({:.0} records/s, {:.1} MB/s)",
        inputs.len(),
        if resumed > 0 {
            format!(" ({resumed} completed by an earlier run)")
        } else {
            String::new()
        },
        total.line(),
        summary.records_per_s,
        summary.input_mb_per_s
    ));
    let summary_path = match (&output, args.resume) {
        (Some(dir), true) => Some(dir.join("summary.json")),
        (Some(file), false) => {
            let mut p = file.as_os_str().to_owned();
            p.push(".summary.json");
            Some(PathBuf::from(p))
        }
        (None, _) => None,
    };
    if let Some(p) = summary_path {
        let text = serde_json::to_string_pretty(&summary).unwrap_or_default();
        if let Err(e) = output::write_atomic(&p, &text) {
            report(&format!(
                "cannot write the summary '{}': {}",
                p.display(),
                describe_io(&e, false)
            ));
        }
    }
    if total.failed > 0 || !input_errors.is_empty() {
        if total.failed > 0 {
            report(&format!(
                "{} records failed: see the \"error\" column of their rows",
                total.failed
            ));
        }
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Count a record and write its row.
fn handle(
    file: usize,
    done: Done,
    files: &mut [FileSummary],
    single: &mut Option<Box<dyn RowSink>>,
    sinks: &mut HashMap<usize, Box<dyn RowSink>>,
    inputs: &[Input],
    format: OutFormat,
) -> Result<(), String> {
    match done {
        Done::Skipped(reason) => {
            files[file].counts.skip(reason);
            Ok(())
        }
        Done::Row(prepared, status, why) => {
            files[file].counts.row(status, why);
            let sink = match (single.as_mut(), &inputs[file].per) {
                (Some(s), _) => s,
                (None, Some(per)) => match sinks.entry(file) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(per.create(format).map_err(|e| {
                            format!(
                                "cannot create '{}': {}",
                                per.part.display(),
                                describe_io(&e, false)
                            )
                        })?)
                    }
                },
                (None, None) => return Err("no output for this input".to_string()),
            };
            sink.write_row(prepared)
                .map_err(|e| format!("cannot write the output: {}", describe_io(&e, false)))
        }
    }
}

/// Close an input's output, write its summary, and give the output its
/// final name (the summary first: a kill between the two redoes the input).
fn finish_input(
    file: usize,
    per: &PerInput,
    sinks: &mut HashMap<usize, Box<dyn RowSink>>,
    summary: &FileSummary,
    format: OutFormat,
) -> Result<(), String> {
    let fail = |what: &str, p: &Path, e: io::Error| {
        format!(
            "cannot {what} '{}': {}",
            p.display(),
            describe_io(&e, false)
        )
    };
    let sink = match sinks.remove(&file) {
        Some(s) => s,
        None => per
            .create(format)
            .map_err(|e| fail("create", &per.part, e))?,
    };
    sink.finish().map_err(|e| fail("write", &per.part, e))?;
    if summary.input_error.is_some() {
        // Not complete: a rerun tries this input again.
        return Ok(());
    }
    let text = serde_json::to_string_pretty(summary).unwrap_or_default();
    output::write_atomic(&per.summary, &text).map_err(|e| fail("write", &per.summary, e))?;
    per.commit().map_err(|e| fail("rename", &per.part, e))
}

fn prepare(row: Row, json: bool) -> Prepared {
    if !json {
        return Prepared::Row(Box::new(row));
    }
    match row.to_json_line() {
        Ok(line) => Prepared::Json(line),
        Err(e) => {
            let fallback = Row {
                doc: None,
                error: Some(e),
                ..row
            };
            Prepared::Json(fallback.to_json_line().unwrap_or_default())
        }
    }
}

/// The reader thread: every input in turn, every record to the workers.
fn read_inputs(
    todo: Vec<(usize, PathBuf)>,
    max_block: usize,
    shared: &Shared,
    window: &Window,
    jobs: &Sender<Job>,
    msgs: &Sender<Msg>,
) {
    let mut seq = 0u64;
    for (file, path) in todo {
        let opened = if path.as_os_str() == "-" {
            Reader::new(io::stdin(), max_block)
        } else {
            File::open(&path).and_then(|f| Reader::new(f, max_block))
        };
        let mut reader = match opened {
            Ok(r) => r,
            Err(e) => {
                let error = Some(format!("cannot read it: {}", describe_io(&e, false)));
                if msgs
                    .send(Msg::FileEnd {
                        file,
                        jobs: 0,
                        error,
                    })
                    .is_err()
                {
                    return;
                }
                continue;
            }
        };
        let counter = reader.bytes_read();
        *shared.current.lock().unwrap_or_else(|e| e.into_inner()) = Some((file, counter.clone()));
        let mut sent = 0u64;
        let mut error = None;
        for item in reader.by_ref() {
            match item {
                Ok(item) => {
                    window.acquire();
                    if jobs.send(Job { seq, file, item }).is_err() {
                        return;
                    }
                    seq += 1;
                    sent += 1;
                }
                Err(e) => {
                    error = Some(format!("cannot read it: {}", describe_io(&e, false)));
                    break;
                }
            }
        }
        shared
            .bytes_done
            .fetch_add(counter.load(Ordering::Relaxed), Ordering::Relaxed);
        *shared.current.lock().unwrap_or_else(|e| e.into_inner()) = None;
        if msgs
            .send(Msg::FileEnd {
                file,
                jobs: sent,
                error,
            })
            .is_err()
        {
            return;
        }
    }
}

fn spawn_worker(
    jobs: &Receiver<Job>,
    msgs: &Sender<Msg>,
    shared: &Arc<Shared>,
) -> io::Result<Arc<Slot>> {
    let slot = Arc::new(Slot::default());
    let (jobs, msgs, shared, mine) = (jobs.clone(), msgs.clone(), shared.clone(), slot.clone());
    std::thread::Builder::new()
        .name("klartext-worker".into())
        .stack_size(WORKER_STACK)
        .spawn(move || worker(&mine, &jobs, &msgs, &shared))?;
    Ok(slot)
}

/// The row of a record given up for the time budget.
fn over_budget(mut row: Row, budget: Duration) -> Row {
    row.error = Some(format!(
        "gave up after the time budget of {:.1} s (--time-budget)",
        budget.as_secs_f64()
    ));
    row
}

fn worker(slot: &Slot, jobs: &Receiver<Job>, msgs: &Sender<Msg>, shared: &Shared) {
    while let Ok(job) = jobs.recv() {
        let name = &shared.names[job.file];
        {
            // What the row says if the record runs over the budget.
            let row = match &job.item {
                Item::Record(r) => process::base_row(name, r),
                Item::Damaged(_) => Row::default(),
            };
            *slot.busy.lock().unwrap_or_else(|e| e.into_inner()) = Some(Busy {
                seq: job.seq,
                file: job.file,
                row,
                since: Instant::now(),
            });
        }
        let fallback = slot
            .busy
            .lock()
            .map(|b| b.as_ref().map(|b| b.row.clone()))
            .unwrap_or(None)
            .unwrap_or_default();
        let started = Instant::now();
        // The engine call inside is guarded too; this catches the rest
        // (HTTP parsing, payload decoding) so no record is lost to a bug.
        let outcome = guard::guarded(|| process::process(name, job.item, &shared.settings))
            .unwrap_or_else(|e| {
                let row = Row {
                    error: Some(e),
                    ..fallback.clone()
                };
                Outcome::Row(Box::new(row), Status::Failed)
            });
        let done = match outcome {
            // A record that ran over the budget is an error row whether the
            // writer noticed in time or the result came in first: which of
            // the two happens depends on when the writer last woke, and the
            // output must not.
            _ if started.elapsed() > shared.budget => Done::Row(
                prepare(over_budget(fallback, shared.budget), shared.json),
                Status::Failed,
                fail::TIME_BUDGET,
            ),
            Outcome::Skipped(reason) => Done::Skipped(reason),
            Outcome::Row(row, status) => {
                let why = if row
                    .error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("damaged record"))
                {
                    fail::DAMAGED
                } else {
                    fail::ERROR
                };
                Done::Row(prepare(*row, shared.json), status, why)
            }
        };
        {
            let mut busy = slot.busy.lock().unwrap_or_else(|e| e.into_inner());
            if slot.abandoned.load(Ordering::SeqCst) {
                // The writer already reported this record and started a
                // replacement worker.
                return;
            }
            *busy = None;
        }
        if msgs
            .send(Msg::Done {
                seq: job.seq,
                file: job.file,
                done,
            })
            .is_err()
        {
            return;
        }
    }
}

/// Progress on a terminal: the whole run and the current input, each with
/// bytes, MB/s and ETA; records/s in the message.
struct Progress {
    multi: Option<MultiProgress>,
    all: ProgressBar,
    file: ProgressBar,
    sizes: Vec<Option<u64>>,
    started: Instant,
}

impl Progress {
    fn new(inputs: &[Input], finished: &[bool]) -> Progress {
        let hidden = || Progress {
            multi: None,
            all: ProgressBar::hidden(),
            file: ProgressBar::hidden(),
            sizes: inputs.iter().map(|i| i.size).collect(),
            started: Instant::now(),
        };
        if !io::stderr().is_terminal() {
            return hidden();
        }
        let total: Option<u64> = inputs
            .iter()
            .zip(finished)
            .filter(|(_, f)| !**f)
            .map(|(i, _)| i.size)
            .sum();
        let multi = MultiProgress::new();
        let style = |t: &str| {
            ProgressStyle::with_template(t)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ")
        };
        let all = multi.add(ProgressBar::new(total.unwrap_or(0)));
        all.set_style(style(
            "all  [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
        ));
        let file = multi.add(ProgressBar::new(0));
        file.set_style(style(
            "file [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
        ));
        Progress {
            multi: Some(multi),
            all,
            file,
            sizes: inputs.iter().map(|i| i.size).collect(),
            started: Instant::now(),
        }
    }

    fn tick(&self, shared: &Shared, files: &[FileSummary]) {
        if self.multi.is_none() {
            return;
        }
        let done = shared.bytes_done.load(Ordering::Relaxed);
        let current = shared.current.lock().map(|c| c.clone()).unwrap_or(None);
        let (cur_bytes, cur_name) = match &current {
            Some((i, c)) => {
                self.file.set_length(self.sizes[*i].unwrap_or(0));
                (c.load(Ordering::Relaxed), shared.names[*i].clone())
            }
            None => (0, String::new()),
        };
        self.file.set_position(cur_bytes);
        self.file.set_message(cur_name);
        self.all.set_position(done + cur_bytes);
        let read: u64 = files.iter().map(|f| f.counts.read).sum();
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.all.set_message(format!(
            "{read} records, {:.0} records/s",
            read as f64 / secs
        ));
    }

    fn finish(&self) {
        self.file.finish_and_clear();
        self.all.finish_and_clear();
    }
}
