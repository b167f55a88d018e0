//! The generators behind the benches make what they promise: a grid that
//! checks with no error at any size, and a county whose `audit` finds
//! exactly the inspections the generator left out.

#[path = "../examples/gen_grid.rs"]
#[allow(dead_code)]
mod gen_grid;

#[path = "../examples/gen_county.rs"]
mod gen_county;

use chrono::NaiveDate;
use gridctl::findings::Severity;

#[test]
fn a_generated_grid_checks_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("grid.toml"),
        gen_grid::generate(300, 600, 12),
    )
    .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let reports = gridctl::cmd::check::run_check(dir.path(), as_of).unwrap();
    let errors: Vec<String> = reports[0]
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code.to_string())
        .collect();
    assert!(!reports[0].fatal && errors.is_empty(), "{errors:?}");
}

#[test]
fn a_generated_county_audits_to_what_was_left_out() {
    let county = tempfile::tempdir().unwrap();
    let mut left_out = 0;
    for i in 1..=3 {
        let made = gen_county::make_school(county.path(), i, 13, 20_260_901).unwrap();
        left_out += made.missed;
    }
    assert!(left_out > 0);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gridctl"))
        .args(["--format", "json", "--as-of", "2026-11-29", "audit"])
        .arg(county.path())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["summary"]["missed"],
        left_out,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
