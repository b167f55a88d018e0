//! `audit` throughput on one school's inspection log of about 1 GB, next to
//! a bare `csv` pass over the same file, and audit's peak memory at 1/4 and
//! at the full size.
//!
//! ```text
//! cargo bench --bench audit_throughput                      # 1024 MB, best of 3
//! GRIDCTL_BENCH_MB=256 cargo bench --bench audit_throughput -- 5
//! GRIDCTL_BENCH_DIR=target/audit-bench cargo bench --bench audit_throughput   # keep the files
//! ```
//!
//! The log is the example school's (`grids/example-town-primary`): every
//! duty of every cell once per period of its `every` from the term's start
//! to 2026-11-28, by whoever is on duty that day, the rows written as
//! people type them (mostly ids, sometimes a cell's or a person's name or
//! the duty's text, a note now and then; see `examples/gen_county.rs`,
//! which this shares). That term's log is written again and again, each
//! time with fresh choices of names and notes, until the file reaches the
//! size; a few periods are left out of every copy, so `audit` finds exactly
//! that many missed inspections whatever the size. `grid.toml`, the roster
//! tables and the hazard ledger are copied beside it.
//!
//! Timed, best of N (default 3):
//! - **bare csv**: `csv::Reader` over the file, every record into one reused
//!   `ByteRecord`, nothing else (in this process);
//! - **TableReader**: gridctl's own reader alone, in batches as `audit`
//!   reads (sniffing, UTF-8 check, line numbers, trimming), every row's
//!   date read (in this process);
//! - **audit**: `gridctl --as-of 2026-11-29 --format json audit DIR
//!   --inspections BIG.csv`, a private copy of the release binary end to
//!   end, stdout to a file; wall time, and CPU time and peak RSS from
//!   `/usr/bin/time -v` when there is one.
//!
//! Throughput is the file's bytes (MB = 10^6 bytes) over the best time. The
//! src digest (as `benches/county.sh` prints it) and the CPU pressure (how
//! busy the machine was) are printed with the figures; see
//! `benches/AUDIT.md`.

#[path = "../examples/gen_county.rs"]
mod gen_county;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gen_county::{LogWriter, Outcome, Rng};

const AS_OF: &str = "2026-11-29";
/// Left out of every copy of the term's log: one planned inspection in this
/// many, among periods that closed before the last week.
const MISS_EVERY: usize = 997;

fn main() {
    // `cargo bench` passes `--bench`; a bare number sets the runs.
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3)
        .max(1);
    let mb: u64 = std::env::var("GRIDCTL_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024)
        .max(4);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("grids/example-town-primary");

    let tmp;
    let dir = match std::env::var_os("GRIDCTL_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            tmp = tempfile::tempdir().expect("temp dir");
            tmp.path().to_path_buf()
        }
    };
    let school = dir.join("school");
    copy_school(&example, &school);
    // A private copy: a rebuild by someone else mid-run must not change
    // what is timed.
    let bin = dir.join("gridctl");
    std::fs::copy(env!("CARGO_BIN_EXE_gridctl"), &bin).expect("copy the gridctl binary");

    let loaded =
        gridctl::model::load_file(&school.join("grid.toml")).expect("the example grid loads");
    let grid = loaded.grid.expect("the example grid is usable");
    let (school_model, _) = gridctl::cmd::School::new(grid);
    let log_end = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let mut rng = Rng::new(20_260_901);
    let plan = gen_county::plan_inspections(&school_model, log_end, &mut rng);
    // Left out: periods that closed before the current week.
    let last_week = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let skip: Vec<bool> = (0..plan.len())
        .map(|i| i % MISS_EVERY == MISS_EVERY / 2 && plan[i].closed && plan[i].date < last_week)
        .collect();
    let expected_missed = skip.iter().filter(|s| **s).count();

    let time_v = has_time_v();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "audit_throughput: example school, one term's log ({} rows) repeated; best of {runs}; {threads} cores",
        plan.len()
    );
    println!(
        "bench dir: {}; gridctl built from src digest {}",
        dir.display(),
        src_digest(root)
    );
    if !time_v {
        println!("note: no `/usr/bin/time -v`; peak memory is not measured");
    }
    let mut results = Vec::new();
    for target_mb in [mb / 4, mb] {
        let log = dir.join(format!("inspections-{target_mb}MB.csv"));
        let rows = ensure_log(&log, target_mb, &school_model, &plan, &skip);
        let bytes = std::fs::metadata(&log).expect("log written").len();
        let r = measure(&bin, &school, &log, bytes, rows, runs, time_v);
        if r.missed != Some(expected_missed) {
            println!(
                "WARNING: audit reported {:?} missed inspections, expected {expected_missed}",
                r.missed
            );
        }
        results.push(r);
    }

    println!();
    println!("CPU pressure now (some avg10/avg60): {}", cpu_pressure());
    println!(
        "{:>9} {:>11} {:>11} {:>13} {:>11} {:>11} {:>9} {:>13} {:>14}",
        "file MB",
        "rows",
        "bare MB/s",
        "reader MB/s",
        "audit MB/s",
        "audit/bare",
        "audit s",
        "audit CPU s",
        "audit peak RSS"
    );
    for r in &results {
        let mbps = |d: Duration| r.bytes as f64 / 1e6 / d.as_secs_f64();
        println!(
            "{:>9.0} {:>11} {:>11.0} {:>13.0} {:>11.0} {:>11.2} {:>9.2} {:>13} {:>14}",
            r.bytes as f64 / 1e6,
            r.rows,
            mbps(r.bare),
            mbps(r.reader),
            mbps(r.audit),
            r.bare.as_secs_f64() / r.audit.as_secs_f64(),
            r.audit.as_secs_f64(),
            r.audit_cpu.map_or("—".to_string(), |c| format!("{c:.2}")),
            r.peak_kib.map_or("—".to_string(), |k| format!(
                "{:.1} MiB",
                k as f64 / 1024.0
            ))
        );
    }
    if let [small, big] = results.as_slice() {
        let ratio = big.bare.as_secs_f64() / big.audit.as_secs_f64();
        println!();
        println!(
            "goal 1, audit ≥ 0.5 × bare csv pass: {:.2} × — {}",
            ratio,
            if ratio >= 0.5 { "met" } else { "NOT met" }
        );
        if let (Some(a), Some(b)) = (small.peak_kib, big.peak_kib) {
            let growth = b as f64 / a as f64;
            println!(
                "goal 2, peak memory flat: {:.1} MiB at {:.0} MB, {:.1} MiB at {:.0} MB (×{growth:.2} for ×{:.1} the bytes) — {}",
                a as f64 / 1024.0,
                small.bytes as f64 / 1e6,
                b as f64 / 1024.0,
                big.bytes as f64 / 1e6,
                big.bytes as f64 / small.bytes as f64,
                if growth < 1.2 { "met" } else { "NOT met" }
            );
        }
        println!("missed inspections found: {expected_missed} expected at both sizes");
    }
}

/// grid.toml, the roster tables and the hazard ledger of the example.
fn copy_school(from: &Path, to: &Path) {
    for sub in ["duty", "logs"] {
        std::fs::create_dir_all(to.join(sub)).expect("bench dir");
    }
    let mut files = vec![
        PathBuf::from("grid.toml"),
        PathBuf::from("logs/hazards.csv"),
    ];
    for e in std::fs::read_dir(from.join("duty"))
        .expect("duty/")
        .flatten()
    {
        files.push(Path::new("duty").join(e.file_name()));
    }
    for f in files {
        std::fs::copy(from.join(&f), to.join(&f))
            .unwrap_or_else(|e| panic!("copy {}: {e}", f.display()));
    }
}

/// Write the log unless a complete one of that size is there already (a
/// kept GRIDCTL_BENCH_DIR). Returns its data rows.
fn ensure_log(
    path: &Path,
    target_mb: u64,
    school: &gridctl::cmd::School,
    plan: &[gen_county::Planned],
    skip: &[bool],
) -> u64 {
    let stamp = path.with_extension("rows");
    if path.is_file()
        && let Some(rows) = std::fs::read_to_string(&stamp)
            .ok()
            .and_then(|s| s.trim().parse().ok())
    {
        println!("reusing {}", path.display());
        return rows;
    }
    let t = Instant::now();
    let target = target_mb * 1_000_000;
    let partial = path.with_extension("partial");
    let file = std::fs::File::create(&partial).expect("create log");
    let mut counting = Counting {
        inner: BufWriter::with_capacity(1 << 20, file),
        bytes: 0,
    };
    let mut lw = LogWriter::new(&school.grid, false);
    let mut w = lw.csv_writer(&mut counting);
    lw.header(&mut w).expect("write");
    let mut rng = Rng::new(7);
    let mut rows = 0u64;
    'copies: loop {
        for (p, skip) in plan.iter().zip(skip) {
            if *skip {
                continue;
            }
            let outcome = if rng.chance(5) {
                Outcome::NotApplicable
            } else {
                Outcome::Ok
            };
            lw.row(&mut w, p, outcome, "", &mut rng).expect("write");
            rows += 1;
        }
        w.flush().expect("write");
        if w.get_ref().bytes >= target {
            break 'copies;
        }
    }
    drop(w);
    counting.inner.flush().expect("write");
    drop(counting);
    std::fs::rename(&partial, path).expect("rename log");
    std::fs::write(&stamp, rows.to_string()).expect("write stamp");
    println!(
        "wrote {} ({rows} rows) in {:.1} s",
        path.display(),
        t.elapsed().as_secs_f64()
    );
    rows
}

struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

struct Measured {
    bytes: u64,
    rows: u64,
    bare: Duration,
    reader: Duration,
    audit: Duration,
    /// User + system CPU seconds of the fastest audit run.
    audit_cpu: Option<f64>,
    peak_kib: Option<u64>,
    missed: Option<usize>,
}

fn measure(
    bin: &Path,
    school: &Path,
    log: &Path,
    bytes: u64,
    rows: u64,
    runs: usize,
    time_v: bool,
) -> Measured {
    let mb = bytes as f64 / 1e6;
    println!(
        "\n{} ({mb:.0} MB, {rows} rows); CPU pressure (some avg10/avg60): {}",
        log.display(),
        cpu_pressure()
    );
    let mut bare = Duration::MAX;
    let mut reader = Duration::MAX;
    let mut audit = Duration::MAX;
    let mut audit_cpu = None;
    let mut peak_kib: Option<u64> = None;
    let mut missed = None;
    for run in 1..=runs {
        let t = Instant::now();
        let n = gen_county::bare_csv_pass(log).expect("bare pass");
        let d = t.elapsed();
        assert_eq!(n, rows, "bare pass: records");
        bare = bare.min(d);
        println!(
            "  run {run}: bare csv     {:7.2} s {:7.0} MB/s",
            d.as_secs_f64(),
            mb / d.as_secs_f64()
        );

        let t = Instant::now();
        let n = table_reader_pass(log);
        let d = t.elapsed();
        assert_eq!(n, rows, "TableReader: rows");
        reader = reader.min(d);
        println!(
            "  run {run}: TableReader  {:7.2} s {:7.0} MB/s",
            d.as_secs_f64(),
            mb / d.as_secs_f64()
        );

        let out_path = log.with_extension("audit.json");
        let out = std::fs::File::create(&out_path).expect("audit output file");
        let mut cmd = if time_v {
            let mut c = Command::new("/usr/bin/time");
            c.arg("-v").arg(bin);
            c
        } else {
            Command::new(bin)
        };
        cmd.args(["--as-of", AS_OF, "--format", "json", "audit"])
            .arg(school)
            .arg("--inspections")
            .arg(log)
            .stdout(out)
            .stderr(Stdio::piped());
        let t = Instant::now();
        let o = cmd.output().expect("run gridctl audit");
        let d = t.elapsed();
        let code = o.status.code();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            matches!(code, Some(0 | 1)),
            "gridctl audit exited {code:?}: {stderr}"
        );
        let field = |name: &str| {
            stderr.lines().find_map(|l| {
                l.trim()
                    .strip_prefix(name)
                    .and_then(|v| v.trim().parse::<f64>().ok())
            })
        };
        let rss = field("Maximum resident set size (kbytes):").map(|k| k as u64);
        let cpu = field("User time (seconds):")
            .zip(field("System time (seconds):"))
            .map(|(u, s)| u + s);
        if d < audit {
            audit_cpu = cpu;
        }
        audit = audit.min(d);
        if let Some(k) = rss {
            peak_kib = Some(peak_kib.map_or(k, |p| p.max(k)));
        }
        let doc: serde_json::Value = std::fs::read(&out_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        missed = doc["summary"]["missed"].as_u64().map(|m| m as usize);
        println!(
            "  run {run}: gridctl audit {:7.2} s {:7.0} MB/s  CPU {} s  peak RSS {}  (exit {}, {} missed)",
            d.as_secs_f64(),
            mb / d.as_secs_f64(),
            cpu.map_or("—".into(), |c| format!("{c:.2}")),
            rss.map_or("—".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0)),
            code.unwrap_or(-1),
            missed.map_or("?".into(), |m| m.to_string())
        );
    }
    Measured {
        bytes,
        rows,
        bare,
        reader,
        audit,
        audit_cpu,
        peak_kib,
        missed,
    }
}

/// gridctl's reader alone, as `audit` reads a log (a batch of rows at a
/// time): every row, its date cell read.
fn table_reader_pass(path: &Path) -> u64 {
    let mut r = gridctl::logs::table::TableReader::open(path, gridctl::logs::inspections::COLUMNS)
        .expect("TableReader opens the log");
    let mut batch = gridctl::logs::table::Batch::default();
    let mut n = 0u64;
    let mut dates = 0usize;
    loop {
        let more = r.fill(&mut batch, gridctl::logs::stream::BATCH_ROWS);
        n += batch.problems().len() as u64;
        for row in batch.rows() {
            n += 1;
            dates += row
                .get(gridctl::logs::inspections::DATE)
                .map_or(0, str::len);
        }
        if !more {
            break;
        }
    }
    std::hint::black_box(dates);
    n
}

/// GNU time with `-v` (the Maximum resident set size line).
fn has_time_v() -> bool {
    Command::new("/usr/bin/time")
        .args(["-v", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .is_ok_and(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stderr).contains("Maximum resident set size")
        })
}

/// The first 12 hex digits of the SHA-256 of every `src/**/*.rs`,
/// concatenated in path order (the same digest `benches/county.sh` prints),
/// to tell which version of the code was measured.
fn src_digest(root: &Path) -> String {
    Command::new("sh")
        .arg("-c")
        .arg("find src -name '*.rs' | sort | xargs cat | sha256sum | cut -c1-12")
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The share of time some task waited for a CPU over the last 10 and 60
/// seconds (Linux PSI). Above ~10 % other processes compete for the cores
/// and the timings are noisy.
fn cpu_pressure() -> String {
    let text = std::fs::read_to_string("/proc/pressure/cpu").unwrap_or_default();
    let line = text.lines().find(|l| l.starts_with("some ")).unwrap_or("");
    let get = |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key))
            .unwrap_or("?")
            .to_string()
    };
    if line.is_empty() {
        "unknown".into()
    } else {
        format!("{}% / {}%", get("avg10="), get("avg60="))
    }
}
