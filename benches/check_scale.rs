//! `check` at scale: load + every rule on synthetic grids of 1,000 to 10,000
//! cells (spaces 2× cells, 12 slots), to show the cost grows linearly.
//!
//! ```text
//! cargo bench --bench check_scale            # all sizes, 5 runs each
//! cargo bench --bench check_scale -- 3       # 3 runs each
//! ```
//!
//! No criterion: each size is generated once into a temp dir (by
//! `examples/gen_grid.rs`), then `run_check` is timed several times and the
//! min and median printed. Every generated grid must check with no errors.

#[path = "../examples/gen_grid.rs"]
mod gen_grid;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gridctl::findings::Severity;
use gridctl::i18n::Lang;

const SIZES: &[usize] = &[1_000, 2_000, 5_000, 10_000];
const SLOTS: usize = 12;

struct Row {
    cells: usize,
    spaces: usize,
    bytes: usize,
    findings: usize,
    min: Duration,
    median: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; a bare number sets the runs per size.
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 29).expect("valid date");
    let mut rows = Vec::new();
    for &cells in SIZES {
        let spaces = cells * 2;
        let dir = tempfile::tempdir().expect("temp dir");
        let text = gen_grid::generate(cells, spaces, SLOTS);
        std::fs::write(dir.path().join("grid.toml"), &text).expect("write grid.toml");

        let mut times = Vec::with_capacity(runs);
        let mut findings = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let reports = gridctl::cmd::check::run_check(dir.path(), as_of)
                .unwrap_or_else(|f| panic!("{cells} cells: check could not run: {f:?}"));
            times.push(t.elapsed());
            assert_eq!(reports.len(), 1, "one school");
            let r = &reports[0];
            assert!(!r.fatal, "{cells} cells: grid did not load");
            let errors: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .take(5)
                .map(|f| format!("{} {}", f.code, f.msg.text(Lang::En)))
                .collect();
            assert!(
                errors.is_empty(),
                "{cells} cells: the generated grid has errors, e.g. {errors:#?}"
            );
            if findings == 0 {
                for f in r.findings.iter().take(5) {
                    eprintln!("note: {cells} cells: {} {}", f.code, f.msg.text(Lang::En));
                }
            }
            findings = r.findings.len();
        }
        times.sort();
        rows.push(Row {
            cells,
            spaces,
            bytes: text.len(),
            findings,
            min: times[0],
            median: times[times.len() / 2],
        });
    }

    println!("check_scale: run_check (load + all rules), {SLOTS} slots, {runs} runs per size");
    println!(
        "{:>7} {:>7} {:>9} {:>8} {:>9} {:>9} {:>11}",
        "cells", "spaces", "toml KiB", "findings", "min ms", "median ms", "µs per cell"
    );
    for r in &rows {
        println!(
            "{:>7} {:>7} {:>9} {:>8} {:>9.1} {:>9.1} {:>11.1}",
            r.cells,
            r.spaces,
            r.bytes / 1024,
            r.findings,
            ms(r.min),
            ms(r.median),
            ms(r.min) * 1000.0 / r.cells as f64
        );
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let size = last.cells as f64 / first.cells as f64;
        let time = ms(last.min) / ms(first.min);
        println!(
            "growth {}→{} cells: size ×{size:.1}, time ×{time:.1} (linear ≈ ×{size:.1}, quadratic ≈ ×{:.0})",
            first.cells,
            last.cells,
            size * size
        );
    }
}
