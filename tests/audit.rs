//! The closed loop: each A-code from a small school of its own, the example
//! school's term of logs, and the same ledger as Excel saves it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TEMPLATE: &str = include_str!("../src/cmd/init_grid.toml");
const EXAMPLE: &str = "grids/example-town-primary";

fn gridctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridctl"))
        .args(["--lang", "en"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gridctl")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn codes(v: &Value) -> Vec<String> {
    let mut c: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c.dedup();
    c
}

/// The starter school with a duty-free grid (only the weekly safety lesson of
/// class-1-1 is due) and the given logs.
fn school(inspections: &str, hazards: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    // Keep one duty so the log stays short: class-1-1's weekly safety lesson.
    let mut grid = TEMPLATE.to_string();
    for (from, to) in [
        (
            "  { id = \"morning-check\", text = \"晨检：出勤与健康，8:00前上报\", every = \"schoolday\" },\n",
            "",
        ),
        (
            "duties = [\n  { id = \"visitors\", text = \"来访人员查验登记\", every = \"schoolday\" },\n  { id = \"patrol\", text = \"校园巡逻\", every = \"schoolday\" },\n]",
            "duties = []",
        ),
        (
            "duties = [{ id = \"recess\", text = \"课间、午间巡查\", every = \"schoolday\" }]",
            "duties = []",
        ),
        (
            "duties = [{ id = \"holiday-patrol\", text = \"节假日值班巡查，保护学校财产\", every = \"non-school\" }]",
            "duties = []",
        ),
        (
            "duties = [{ id = \"waters\", text = \"危险水域巡查\", every = \"week\" }]",
            "duties = []",
        ),
    ] {
        assert!(grid.contains(from), "{from}");
        grid = grid.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("grid.toml"), grid).unwrap();
    std::fs::create_dir_all(dir.path().join("logs")).unwrap();
    std::fs::write(dir.path().join("logs/inspections.csv"), inspections).unwrap();
    std::fs::write(dir.path().join("logs/hazards.csv"), hazards).unwrap();
    let p = dir.path().to_path_buf();
    (dir, p)
}

const INSP_HEAD: &str = "date,cell,duty,inspector,result,hazard,note\n";
const HAZ_HEAD: &str = "id,found,cell,space,description,level,owner,due,rectified,verifier,verified,reported,note,kind\n";

/// Every week from 2026-09-01 to 2026-09-25 logged for class-1-1.
fn weeks_logged() -> String {
    let mut s = INSP_HEAD.to_string();
    for d in ["2026-09-02", "2026-09-08", "2026-09-15", "2026-09-22"] {
        s.push_str(&format!("{d},class-1-1,safety-lesson,chen-jing,ok,,\n"));
    }
    s
}

fn audit(dir: &Path, as_of: &str) -> (Value, Option<i32>) {
    let o = gridctl(&[
        "--as-of",
        as_of,
        "--format",
        "json",
        "audit",
        dir.to_str().unwrap(),
    ]);
    (json(&o), o.status.code())
}

#[test]
fn clean_logs_give_no_findings() {
    let (_d, dir) = school(&weeks_logged(), HAZ_HEAD);
    let (v, code) = audit(&dir, "2026-09-27");
    assert_eq!(codes(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(code, Some(0));
}

#[test]
fn a501_missed_week_names_person_and_escalation() {
    let log = weeks_logged().replace("2026-09-15,class-1-1,safety-lesson,chen-jing,ok,,\n", "");
    let (_d, dir) = school(&log, HAZ_HEAD);
    let (v, code) = audit(&dir, "2026-09-27");
    assert_eq!(codes(&v), ["A501"]);
    assert_eq!(code, Some(1));
    let f = &v["findings"][0];
    assert_eq!(f["cell"], "class-1-1");
    assert_eq!(f["duty"], "safety-lesson");
    assert_eq!(f["date"], "2026-09-14");
    assert_eq!(f["person"], "chen-jing");
    assert_eq!(f["escalate_to"], "sun-li", "the parent cell's admin");
    // The current week is due, not missed.
    let (v, _) = audit(&dir, "2026-09-16");
    assert!(v["findings"].as_array().unwrap().is_empty(), "{v:#}");
    assert_eq!(v["summary"]["due_now"], 1);
}

fn one_hazard(row: &str, as_of: &str) -> (Value, Option<i32>) {
    let (_d, dir) = school(&weeks_logged(), &format!("{HAZ_HEAD}{row}\n"));
    audit(&dir, as_of)
}

#[test]
fn a502_overdue_escalates_one_level_per_further_deadline() {
    // General: 7 days. Found 09-01, due 09-08.
    let row = "YH-1,2026-09-01,class-1-1,classroom-1-1,插座松动,general,chen-jing,,,,,,,";
    let (v, code) = one_hazard(row, "2026-09-10");
    assert_eq!(codes(&v), ["A502"]);
    assert_eq!(code, Some(1));
    assert_eq!(v["findings"][0]["escalate_to"], "sun-li", "level 3 first");
    let (v, _) = one_hazard(row, "2026-09-16");
    assert_eq!(
        v["findings"][0]["escalate_to"], "zhao-qiang",
        "a deadline later: level 2"
    );
    let (v, _) = one_hazard(row, "2026-10-30");
    assert_eq!(
        v["findings"][0]["escalate_to"], "wang-fang",
        "never above level 1"
    );
    // Not yet due: nothing.
    let (v, _) = one_hazard(row, "2026-09-08");
    assert_eq!(codes(&v), Vec::<String>::new());
}

#[test]
fn a503_unverified() {
    let row = "YH-1,2026-09-01,class-1-1,,插座松动,general,chen-jing,,2026-09-03,,,,,";
    let (v, code) = one_hazard(row, "2026-09-10");
    assert_eq!(codes(&v), ["A503"]);
    assert_eq!(code, Some(0), "a warning");
    let (v, _) = one_hazard(row, "2026-09-05");
    assert_eq!(codes(&v), Vec::<String>::new(), "within verify-within");
}

#[test]
fn a504_self_verified_even_by_name() {
    let row =
        "YH-1,2026-09-01,class-1-1,,插座松动,general,chen-jing,,2026-09-03,陈静,2026-09-04,,,";
    let (v, _) = one_hazard(row, "2026-09-10");
    assert_eq!(codes(&v), ["A504"]);
}

#[test]
fn a505_major_unreported() {
    let row = "YH-1,2026-09-01,class-1-1,,外墙脱落,重大,chen-jing,,2026-09-02,li-na,2026-09-03,,,";
    let (v, code) = one_hazard(row, "2026-09-10");
    assert_eq!(codes(&v), ["A505"]);
    assert_eq!(code, Some(1));
    let reported = row.replace(",,,", ",2026-09-01,,");
    let (v, _) = one_hazard(&reported, "2026-09-10");
    assert_eq!(codes(&v), Vec::<String>::new(), "{v:#}");
}

#[test]
fn a506_dates_out_of_order() {
    let row =
        "YH-1,2026-09-01,class-1-1,,插座松动,general,chen-jing,,2026-09-05,li-na,2026-09-04,,,";
    let (v, _) = one_hazard(row, "2026-09-10");
    assert_eq!(codes(&v), ["A506"]);
}

#[test]
fn a507_hazard_found_but_not_in_ledger() {
    let log = weeks_logged().replace(
        "2026-09-08,class-1-1,safety-lesson,chen-jing,ok,,",
        "2026-09-08,class-1-1,safety-lesson,chen-jing,hazard,YH-9,",
    );
    let (_d, dir) = school(&log, HAZ_HEAD);
    let (v, _) = audit(&dir, "2026-09-27");
    assert_eq!(codes(&v), ["A507"]);
    assert_eq!(v["findings"][0]["hazard"], "YH-9");
    assert_eq!(v["findings"][0]["line"], 3);
}

#[test]
fn a508_a_row_with_empty_cells_names_them_and_says_what_to_do() {
    let log = format!("{}, class-1-1,,chen-jing,ok,,\n", weeks_logged());
    let (_d, dir) = school(&log, HAZ_HEAD);
    let (v, _) = audit(&dir, "2026-09-27");
    let f = &v["findings"][0];
    assert_eq!(f["code"], "A508", "{v:#}");
    assert_eq!(f["message"], "the row has no `date`, `duty`");
    assert!(f["help"].as_str().unwrap().contains("fill in"), "{f}");
}

#[test]
fn a508_bad_rows_are_reported_and_the_rest_is_read() {
    let log = format!(
        "{}2026/13/40,class-1-1,safety-lesson,chen-jing,ok,,\n2026-09-09,class-9-9,safety-lesson,chen-jing,ok,,\n2026-09-09,class-1-1,no-such-duty,chen-jing,ok,,\n2026-09-09,class-1-1,safety-lesson,chen-jing,maybe,,\n",
        weeks_logged()
    );
    let (_d, dir) = school(&log, HAZ_HEAD);
    let (v, code) = audit(&dir, "2026-09-27");
    assert_eq!(codes(&v), ["A508"], "the good rows still count: no A501");
    assert_eq!(code, Some(0));
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [6, 7, 8, 9]);
    assert!(
        v["findings"][1]["help"]
            .as_str()
            .unwrap()
            .contains("class-1-1"),
        "did you mean: {v:#}"
    );
}

#[test]
fn a_missing_required_column_is_one_clear_error() {
    let (_d, dir) = school(
        "date,cell,inspector,result\n2026-09-02,class-1-1,chen-jing,ok\n",
        HAZ_HEAD,
    );
    let o = gridctl(&["--as-of", "2026-09-27", "audit", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a log that cannot be read stops the audit"
    );
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(err.contains("`duty` (检查项目"), "{err}");
    assert!(err.contains("date, cell, inspector, result"), "{err}");
}

#[test]
fn missing_log_file_cannot_run() {
    let (_d, dir) = school(INSP_HEAD, HAZ_HEAD);
    let o = gridctl(&[
        "--as-of",
        "2026-09-27",
        "audit",
        dir.to_str().unwrap(),
        "--hazards",
        "/nonexistent/ledger.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/ledger.csv"));
}

/// The example school's term: every code appears, as the safety office's
/// ledger and the teachers' log were written.
#[test]
fn example_term_has_each_kind_of_finding() {
    let o = gridctl(&[
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
        "audit",
        EXAMPLE,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let count = |c: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == c)
            .count()
    };
    assert_eq!(count("A501"), 23);
    assert_eq!(count("A502"), 3);
    assert_eq!(count("A503"), 2);
    assert_eq!(count("A504"), 1);
    assert_eq!(count("A505"), 1);
    assert_eq!(count("A506"), 1);
    assert_eq!(count("A507"), 1);
    assert_eq!(count("A508"), 3);
}

/// Findings without their file name, for comparing encodings.
fn portable(v: &Value) -> Vec<Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f["file"] = Value::Null;
            f
        })
        .collect()
}

#[test]
fn gbk_ledger_and_utf16_log_give_identical_findings() {
    let utf8 = json(&gridctl(&[
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
        "audit",
        EXAMPLE,
    ]));
    let excel = json(&gridctl(&[
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
        "audit",
        EXAMPLE,
        "--hazards",
        "examples/excel/hazards-gbk.csv",
        "--inspections",
        "examples/excel/inspections-utf16.txt",
    ]));
    assert_eq!(portable(&utf8), portable(&excel));
    // And the Excel files were the ones read.
    for file in [
        "examples/excel/hazards-gbk.csv",
        "examples/excel/inspections-utf16.txt",
    ] {
        let named = excel["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == file);
        assert!(named, "no finding names {file}");
    }
}

#[test]
fn score_gives_veto_for_overdue_major_and_weights() {
    let row = "YH-1,2026-09-01,class-1-1,,外墙脱落,major,chen-jing,,,,,2026-09-01,,";
    let log = weeks_logged().replace("2026-09-15,class-1-1,safety-lesson,chen-jing,ok,,\n", "");
    let (_d, dir) = school(&log, &format!("{HAZ_HEAD}{row}\n"));
    let o = gridctl(&[
        "--as-of",
        "2026-09-27",
        "--format",
        "json",
        "score",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let chen = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person"] == "chen-jing")
        .unwrap();
    assert_eq!(chen["inspections_due"], 4);
    assert_eq!(chen["inspections_done"], 3);
    assert_eq!(chen["hazards_owned"], 1);
    assert_eq!(chen["overdue_now"], 1);
    // 60 × 3/4 + 40 × 0/1 = 45.
    assert_eq!(chen["score"], 45.0);
    assert_eq!(chen["veto"], true);
    let reasons = chen["veto_reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.as_str().unwrap().contains("overdue major hazard YH-1")),
        "{reasons:?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_county_audit_piped_into_a_closed_reader_still_exits_for_its_findings() {
    // `gridctl audit COUNTY | head`: once the reader is gone the output ends;
    // the run does not fail for it, and says nothing about it on stderr.
    // Output well past any buffer: the example school's term, audited after
    // the term with nothing logged since late November.
    let county = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for school in ["town-a", "town-b"] {
        let from = root.join("tests/fixtures/golden/county").join(school);
        copy_dir(&from, &county.path().join(school));
    }
    copy_dir(&root.join(EXAMPLE), &county.path().join("example"));
    for format in ["text", "json", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gridctl"))
            .args(["--format", format, "--as-of", "2027-01-10", "audit"])
            .arg(county.path())
            .env("LANG", "C")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run gridctl");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait for gridctl");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
}
