//! Duty tables: what `gridctl roster` generates and how `check` reads them
//! back (G401–G403).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use gridctl::calendar::Calendar;
use gridctl::model::load_str;
use proptest::prelude::*;

const TEMPLATE: &str = include_str!("../src/cmd/init_grid.toml");

fn gridctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridctl"))
        .args(["--lang", "en", "--as-of", "2026-11-29"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gridctl")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A school folder from the starter grid with text replacements applied.
fn school(edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = TEMPLATE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "template has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("grid.toml"), text).unwrap();
    let p = dir.path().to_path_buf();
    (dir, p)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The starter grid's weekly roster, writing to duty/weekly.csv.
const WEEKLY_FILE: (&str, &str) = (
    "[rosters.weekly-duty]\nname = \"值周\"",
    "[rosters.weekly-duty]\nname = \"值周\"\nfile = \"duty/weekly.csv\"",
);

fn rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    text.split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn weekly_table_covers_school_days_only_and_check_passes() {
    let (_d, dir) = school(&[WEEKLY_FILE]);
    let o = gridctl(&["roster", s(&dir), "weekly-duty"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = rows(&dir.join("duty/weekly.csv"));
    let dates: Vec<&str> = table.iter().map(|r| r[1].as_str()).collect();
    // The make-up Sunday (调休) is a school day; the National Day holiday is not.
    assert!(dates.contains(&"2026-09-27"));
    assert!(dates.contains(&"2026-10-10"));
    for d in ["2026-10-01", "2026-10-05", "2026-10-08", "2026-09-26"] {
        assert!(!dates.contains(&d), "{d} is not a school day");
    }
    // One person per day for a whole week (per = "week").
    let mut by_week: HashMap<String, Vec<String>> = HashMap::new();
    for r in &table {
        let d = NaiveDate::parse_from_str(&r[1], "%Y-%m-%d").unwrap();
        let monday = gridctl::calendar::week_start(d).to_string();
        by_week.entry(monday).or_default().push(r[3].clone());
    }
    for (week, people) in &by_week {
        assert!(
            people.iter().all(|p| p == &people[0]),
            "week {week} changes hands: {people:?}"
        );
    }
    let o = gridctl(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn written_csv_has_bom_crlf_and_formula_guard() {
    let (_d, dir) = school(&[WEEKLY_FILE, ("name = \"陈静\"", "name = \"=陈静\"")]);
    let o = gridctl(&["roster", s(&dir), "weekly-duty"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(dir.join("duty/weekly.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM first");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    assert!(
        text.contains(",'=陈静,"),
        "formula guard on a name starting with ="
    );
}

#[test]
fn existing_file_is_untouched_without_force() {
    let (_d, dir) = school(&[WEEKLY_FILE]);
    std::fs::create_dir_all(dir.join("duty")).unwrap();
    std::fs::write(dir.join("duty/weekly.csv"), b"hand-made").unwrap();
    let o = gridctl(&["roster", s(&dir), "weekly-duty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(
        std::fs::read(dir.join("duty/weekly.csv")).unwrap(),
        b"hand-made"
    );
    let o = gridctl(&["roster", s(&dir), "weekly-duty", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(
        std::fs::read(dir.join("duty/weekly.csv")).unwrap(),
        b"hand-made"
    );
}

#[test]
fn from_keeps_hand_edited_rows_before_it() {
    let (_d, dir) = school(&[WEEKLY_FILE]);
    let file = dir.join("duty/weekly.csv");
    assert_eq!(
        gridctl(&["roster", s(&dir), "weekly-duty"]).status.code(),
        Some(0)
    );
    // A swap done by hand in Excel: 2026-09-02 goes to whoever did not have it.
    let text = String::from_utf8(std::fs::read(&file).unwrap()[3..].to_vec()).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("2026-09-02"))
        .unwrap()
        .to_string();
    let (other_id, other_name) = if line.contains("chen-jing") {
        ("li-na", "李娜")
    } else {
        ("chen-jing", "陈静")
    };
    let fields: Vec<&str> = line.trim_end().split(',').collect();
    let edited = format!(
        "{},{},{},{},{},{}",
        fields[0], fields[1], fields[2], other_id, other_name, ""
    );
    let text = text.replace(line.trim_end(), &edited);
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.as_bytes());
    std::fs::write(&file, &bytes).unwrap();

    let o = gridctl(&[
        "roster",
        s(&dir),
        "weekly-duty",
        "--from",
        "2026-10-12",
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = rows(&file);
    let kept = after.iter().find(|r| r[1] == "2026-09-02").unwrap();
    assert_eq!(
        kept[3], other_id,
        "the hand-edited row before --from is kept"
    );
    assert!(
        after.iter().any(|r| r[1] == "2026-10-12"),
        "rows from --from on are regenerated"
    );
    assert_eq!(after.iter().filter(|r| r[1] == "2026-09-02").count(), 1);
}

#[test]
fn away_teacher_is_skipped_and_infeasible_period_is_explained() {
    // 陈静 away for one week: 李娜 serves it.
    let (_d, dir) = school(&[
        WEEKLY_FILE,
        (
            "roles = [\"class-teacher\"]",
            "roles = [\"class-teacher\"]\naway = [{ from = 2026-11-02, to = 2026-11-08, why = \"培训\" }]",
        ),
    ]);
    assert_eq!(
        gridctl(&["roster", s(&dir), "weekly-duty"]).status.code(),
        Some(0)
    );
    let table = rows(&dir.join("duty/weekly.csv"));
    for r in table
        .iter()
        .filter(|r| ("2026-11-02".."2026-11-09").contains(&r[1].as_str()))
    {
        assert_eq!(r[3], "li-na", "{r:?}");
    }

    // Both away the same week: nobody can serve it.
    let (_d2, dir) = school(&[
        WEEKLY_FILE,
        (
            "roles = [\"class-teacher\"]",
            "roles = [\"class-teacher\"]\naway = [{ from = 2026-11-02, to = 2026-11-08, why = \"培训\" }]",
        ),
        ("name = \"李娜\"", "name = \"李娜\"\nleft = 2026-11-04"),
    ]);
    let o = gridctl(&["roster", s(&dir), "weekly-duty"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("2026-11-02 – 2026-11-06"), "{err}");
    assert!(
        err.contains("陈静 (away 2026-11-02 – 2026-11-08 (培训))"),
        "{err}"
    );
    assert!(err.contains("李娜 (left on 2026-11-04)"), "{err}");
    assert!(
        !dir.join("duty/weekly.csv").exists(),
        "nothing written without --force"
    );
}

#[test]
fn ics_has_stable_uids_and_valid_end_dates() {
    let (_d, dir) = school(&[]);
    let out = dir.join("weekly.ics");
    let o = gridctl(&["roster", s(&dir), "weekly-duty", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(first.contains("UID:weekly-duty-20260901-"));
    assert!(first.contains("DTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20260902\r\n"));
    let o = gridctl(&["roster", s(&dir), "weekly-duty", "-o", s(&out), "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        first,
        "the same files give the same calendar"
    );
}

fn codes(dir: &Path) -> Vec<String> {
    let o = gridctl(&["--format", "json", "check", s(dir)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut c: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    c.dedup();
    c
}

fn write_table(dir: &Path, body: &str) {
    std::fs::create_dir_all(dir.join("duty")).unwrap();
    std::fs::write(dir.join("duty/weekly.csv"), body).unwrap();
}

#[test]
fn g401_day_without_person() {
    let (_d, dir) = school(&[WEEKLY_FILE]);
    assert_eq!(
        gridctl(&["roster", s(&dir), "weekly-duty"]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(dir.join("duty/weekly.csv")).unwrap();
    let text: String = text
        .split_inclusive("\r\n")
        .filter(|l| !l.contains("2026-09-1"))
        .collect();
    write_table(&dir, &text);
    assert_eq!(codes(&dir), ["G401"]);
    let o = gridctl(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("2026-09-10 – 2026-09-18"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn g402_person_not_serving_that_day() {
    let (_d, dir) = school(&[
        WEEKLY_FILE,
        (
            "roles = [\"class-teacher\"]",
            "roles = [\"class-teacher\"]\naway = [{ from = 2026-11-02, to = 2026-11-08, why = \"培训\" }]",
        ),
    ]);
    assert_eq!(
        gridctl(&["roster", s(&dir), "weekly-duty"]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(dir.join("duty/weekly.csv")).unwrap();
    // A hand edit puts 陈静 (by name, GBK-free UTF-8 with BOM) on a day she is away.
    let text: String = text
        .split_inclusive("\r\n")
        .map(|l| {
            if l.contains("2026-11-03") {
                "weekly-duty,2026-11-03,Tue,陈静,,\r\n".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    write_table(&dir, &text);
    let found = codes(&dir);
    assert!(found.contains(&"G402".to_string()), "{found:?}");
    assert!(!found.contains(&"G401".to_string()), "{found:?}");
    let o = gridctl(&["check", s(&dir)]);
    assert!(
        stdout(&o).contains("weekly.csv:"),
        "the finding names the file and line: {}",
        stdout(&o)
    );
}

#[test]
fn g403_uneven_load_and_chinese_headers() {
    let (_d, dir) = school(&[WEEKLY_FILE]);
    let cal_days = {
        let text = std::fs::read_to_string(dir.join("grid.toml")).unwrap();
        let g = load_str(&dir.join("grid.toml"), &text)
            .unwrap()
            .grid
            .unwrap();
        let cal = Calendar::new(&g);
        cal.school_days().collect::<Vec<_>>()
    };
    let mut body = String::from("值班表,日期,星期,人员,姓名,电话\r\n");
    for d in cal_days {
        body.push_str(&format!("值周,{},,陈静,,\r\n", d.format("%Y/%-m/%-d")));
    }
    write_table(&dir, &body);
    assert_eq!(codes(&dir), ["G403"]);
}

fn pool_grid(pool: usize, size: u32, per: &str, away: &[(usize, u32, u32)]) -> String {
    let mut t = String::from(
        "format = 1\n[school]\nname = \"x\"\nterm = { start = 2026-09-01, end = 2026-12-31 }\n[calendar]\nholidays = [{ from = 2026-10-01, to = 2026-10-07 }]\nworkdays = [2026-10-10]\n",
    );
    for i in 0..pool {
        t.push_str(&format!("[people.p{i}]\nname = \"P{i}\"\nphone = \"1\"\n"));
        let aways: Vec<String> = away
            .iter()
            .filter(|(p, _, _)| *p == i)
            .map(|(_, from, len)| {
                let f = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
                    + chrono::Duration::days(*from as i64);
                let to = f + chrono::Duration::days(*len as i64);
                format!("{{ from = {f}, to = {to} }}")
            })
            .collect();
        if !aways.is_empty() {
            t.push_str(&format!("away = [{}]\n", aways.join(", ")));
        }
    }
    let ids: Vec<String> = (0..pool).map(|i| format!("\"p{i}\"")).collect();
    t.push_str(&format!(
        "[rosters.r]\nper = \"{per}\"\nsize = {size}\npool = [{}]\n",
        ids.join(", ")
    ));
    t
}

fn turns(g: &gridctl::model::Grid, rows: &[gridctl::roster::Assignment]) -> Vec<usize> {
    let days: Vec<NaiveDate> = rows.iter().map(|a| a.date).collect();
    let mut days = days;
    days.dedup();
    let mut t = vec![0; g.people.len()];
    for period in gridctl::roster::periods(&days, g.rosters[0].per) {
        let mut ps: Vec<usize> = rows
            .iter()
            .filter(|a| period.contains(&a.date))
            .map(|a| a.person)
            .collect();
        ps.sort();
        ps.dedup();
        for p in ps {
            t[p] += 1;
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same files give the same table, and with nobody away the load is
    /// even: max − min ≤ 1.
    #[test]
    fn fair_and_deterministic(pool in 1usize..7, size in 1u32..3, weekly in any::<bool>()) {
        prop_assume!(size as usize <= pool);
        let text = pool_grid(pool, size, if weekly { "week" } else { "day" }, &[]);
        let g = load_str(Path::new("grid.toml"), &text).unwrap().grid.unwrap();
        let cal = Calendar::new(&g);
        let a = gridctl::roster::generate(&g, &cal, 0, cal.start, cal.end, &[]);
        let b = gridctl::roster::generate(&g, &cal, 0, cal.start, cal.end, &[]);
        prop_assert_eq!(&a.rows, &b.rows);
        prop_assert!(a.unfilled.is_empty());
        let t = turns(&g, &a.rows);
        let (max, min) = (t.iter().max().unwrap(), t.iter().min().unwrap());
        prop_assert!(max - min <= 1, "turns {:?}", t);
    }

    /// With people away, nobody is ever put on a day they do not serve, and
    /// every period is either filled or reported.
    #[test]
    fn never_assigns_absent_people(
        pool in 2usize..6,
        away in proptest::collection::vec((0usize..6, 0u32..110, 0u32..20), 0..6),
    ) {
        let text = pool_grid(pool, 1, "week", &away);
        let g = load_str(Path::new("grid.toml"), &text).unwrap().grid.unwrap();
        let cal = Calendar::new(&g);
        let plan = gridctl::roster::generate(&g, &cal, 0, cal.start, cal.end, &[]);
        // Judged from the absences as written, not through the calendar
        // code the generator itself uses.
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        for a in &plan.rows {
            let absent = away.iter().any(|&(p, from, len)| {
                let f = start + chrono::Duration::days(from as i64);
                g.people[a.person].id == format!("p{p}")
                    && f <= a.date
                    && a.date <= f + chrono::Duration::days(len as i64)
            });
            prop_assert!(!absent, "{} is away on {}", g.people[a.person].id, a.date);
        }
        let days = gridctl::roster::needed_days(&cal, &g.rosters[0], cal.start, cal.end);
        for d in days {
            let filled = plan.rows.iter().any(|a| a.date == d);
            let reported = plan.unfilled.iter().any(|u| u.from <= d && d <= u.to);
            prop_assert!(filled || reported, "{} neither filled nor reported", d);
        }
    }
}
