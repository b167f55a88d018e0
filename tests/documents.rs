//! The printed documents, `checklist` and `notice`, on the example school:
//! boxes follow the calendar (holidays, make-up school days), files are
//! written whole and never over an existing file without --force, CSV files
//! open in Excel, phones can be masked, and a notice names the right owner.

use std::path::Path;
use std::process::{Command, Output};

const SCHOOL: &str = "grids/example-town-primary";

fn gridctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridctl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("GRIDCTL_LANG", "en")
        .output()
        .expect("gridctl runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// (date, duty) of every row of a checklist CSV.
fn csv_rows(text: &str) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            (rec[2].to_string(), rec[4].to_string(), rec[6].to_string())
        })
        .collect()
}

fn dates_of(rows: &[(String, String, String)], duty: &str) -> Vec<String> {
    rows.iter()
        .filter(|(_, d, _)| d == duty)
        .map(|(date, _, _)| date.clone())
        .collect()
}

fn week_csv(week: &str) -> Vec<(String, String, String)> {
    let o = gridctl(&[
        "--format",
        "csv",
        "checklist",
        SCHOOL,
        "--cell",
        "class-3-2",
        "--week",
        week,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    csv_rows(&stdout(&o))
}

const DAILY: [&str; 5] = [
    "morning-check",
    "noon-check",
    "attendance",
    "illness-followup",
    "class-activities",
];

#[test]
fn national_day_week_has_boxes_only_on_friday_and_the_make_up_saturday() {
    // 2026-10-01..08 is the holiday; Saturday 10-10 is a make-up school day.
    let rows = week_csv("2026-10-07");
    for duty in DAILY {
        assert_eq!(
            dates_of(&rows, duty),
            ["2026-10-09", "2026-10-10"],
            "{duty}"
        );
    }
    // One box for the week for each weekly duty, one for the month.
    assert_eq!(dates_of(&rows, "safety-lesson"), ["2026-10-09"]);
    assert_eq!(dates_of(&rows, "classroom-check"), ["2026-10-09"]);
    assert_eq!(dates_of(&rows, "home-contact"), ["2026-10-09"]);
    assert_eq!(rows.len(), 5 * 2 + 3);
}

#[test]
fn the_week_before_stops_at_the_holiday_and_the_make_up_sunday_counts() {
    let rows = week_csv("2026-09-28");
    assert_eq!(
        dates_of(&rows, "morning-check"),
        ["2026-09-28", "2026-09-29", "2026-09-30"]
    );
    // Sunday 2026-09-27 is a make-up school day: six boxes that week.
    let rows = week_csv("2026-09-21");
    assert_eq!(
        dates_of(&rows, "morning-check"),
        [
            "2026-09-21",
            "2026-09-22",
            "2026-09-23",
            "2026-09-24",
            "2026-09-25",
            "2026-09-27"
        ]
    );
}

#[test]
fn text_and_html_show_one_box_per_duty_per_school_day() {
    let o = gridctl(&[
        "checklist",
        SCHOOL,
        "--cell",
        "class-3-2",
        "--week",
        "2026-10-05",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for line in text
        .lines()
        .filter(|l| l.contains("晨检") || l.contains("考勤"))
    {
        assert_eq!(line.matches('☐').count(), 2, "{line}");
    }
    assert!(text.contains("Signature") && text.contains("Date"));

    let o = gridctl(&[
        "--lang",
        "zh",
        "--format",
        "html",
        "checklist",
        SCHOOL,
        "--cell",
        "class-3-2",
        "--week",
        "2026-10-05",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let html = stdout(&o);
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("@page { size: A4; margin: 15mm; }"));
    assert!(html.contains("签字") && html.contains("日期"));
    // 5 daily duties × 2 days, 2 weekly, 1 monthly.
    assert_eq!(html.matches("class=\"box\"").count(), 13);
    // Nothing fetched from outside.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<link") && !html.contains("<script"));
}

#[test]
fn csv_to_a_file_opens_in_excel() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("清单.csv");
    let f = file.to_str().unwrap();
    let o = gridctl(&[
        "--format",
        "csv",
        "checklist",
        SCHOOL,
        "--all",
        "--week",
        "2026-10-05",
        "-o",
        f,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "every line ends in CRLF"
    );
    // On stdout the same table is plain: no BOM, LF.
    let o = gridctl(&[
        "--format",
        "csv",
        "checklist",
        SCHOOL,
        "--all",
        "--week",
        "2026-10-05",
    ]);
    let plain = stdout(&o);
    assert!(!plain.starts_with('\u{feff}') && !plain.contains('\r'));
    assert_eq!(plain.lines().count(), text.lines().count());
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checklist.html");
    std::fs::write(&file, "keep me").unwrap();
    let f = file.to_str().unwrap();
    let args = [
        "--format",
        "html",
        "checklist",
        SCHOOL,
        "--cell",
        "class-3-2",
        "-o",
        f,
    ];
    let o = gridctl(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    let mut forced = args.to_vec();
    forced.push("--force");
    let o = gridctl(&forced);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // No temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // The notice keeps the same rule.
    let o = gridctl(&["notice", SCHOOL, "gate", "-o", f]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn redact_masks_every_phone() {
    let o = gridctl(&[
        "--as-of",
        "2026-09-08",
        "notice",
        SCHOOL,
        "gate",
        "--redact",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("138****0039"), "the gate guard, masked");
    assert!(!html.contains("13800000039"));
    // No eleven digits in a row anywhere.
    let digits: Vec<bool> = html.chars().map(|c| c.is_ascii_digit()).collect();
    assert!(!digits.windows(11).any(|w| w.iter().all(|d| *d)));

    let o = gridctl(&["--as-of", "2026-09-08", "notice", SCHOOL, "gate"]);
    assert!(stdout(&o).contains("13800000039"));
}

/// The `<tr>` of a notice's table that holds the given time range.
fn row_with(html: &str, needle: &str) -> String {
    html.split("<tr>")
        .find(|r| r.contains(needle))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn notice_names_the_front_line_owner_serving_that_day() {
    let o = gridctl(&["--as-of", "2026-10-09", "notice", SCHOOL, "room-3-2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("<h1>三(2)班教室</h1>"));
    let arrival = row_with(&html, "07:30–08:10");
    assert!(arrival.contains("三(2)班"), "{arrival}");
    assert!(arrival.contains("陈静") && arrival.contains("13800000017"));
    // The chain up to level 1, with phones.
    assert!(html.contains("三年级组 林慧 13800000016"));
    assert!(html.contains("全校 王芳 13800000001"));

    // While 陈静 is away at training, her deputy 韩梅 answers, by name.
    let o = gridctl(&["--as-of", "2026-11-10", "notice", SCHOOL, "三(2)班教室"]);
    let arrival = row_with(&stdout(&o), "07:30–08:10");
    assert!(arrival.contains("韩梅") && arrival.contains("13800000024"));
    assert!(!arrival.contains("13800000017"));
}

#[test]
fn notice_all_prints_one_page_per_leaf_space() {
    let o = gridctl(&["--lang", "zh", "notice", SCHOOL, "--all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    let pages = html.matches("<section class=\"page notice").count();
    assert!(html.contains("<h1>校门</h1>") && html.contains("<h1>东村山塘</h1>"));
    // Spaces that contain others are names for them, not places to post.
    assert!(!html.contains("<h1>教学楼A</h1>") && !html.contains("<h1>校园</h1>"));
    assert_eq!(pages, html.matches("<h1>").count());
    assert!(pages > 20);
    assert!(html.contains("安全责任公示"));
}

#[test]
fn a_person_gets_the_checklist_of_every_cell_they_hold() {
    let o = gridctl(&["--format", "html", "checklist", SCHOOL, "--person", "李娜"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert_eq!(
        html.matches("<section class=\"page checklist\">").count(),
        3
    );
    for id in ["(grade-1)", "(class-1-1)", "(village-dongcun)"] {
        assert!(html.contains(id), "{id}");
    }
    // Off campus: the members' roles bring their duties.
    assert!(html.contains("[村网格员] 巡查辖区危险水域"));
}

#[test]
fn every_cell_is_one_page_and_html_escapes_content() {
    let o = gridctl(&["--format", "html", "checklist", SCHOOL, "--all"]);
    assert_eq!(o.status.code(), Some(0));
    let html = stdout(&o);
    let tree = gridctl(&["--format", "json", "tree", SCHOOL]);
    let doc: serde_json::Value = serde_json::from_slice(&tree.stdout).unwrap();
    let cells = doc["cells"].as_array().unwrap().len();
    assert_eq!(
        html.matches("<section class=\"page checklist\">").count(),
        cells
    );
    assert_eq!(html.matches("break-after: page").count(), 1);

    // Names with markup in them are shown, not run.
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(SCHOOL)
            .join("grid.toml"),
    )
    .unwrap();
    let evil = src.replacen(
        "name = \"三(2)班\"",
        "name = \"三(2)班 <script>alert('x')</script> & co\"",
        1,
    );
    assert_ne!(evil, src);
    std::fs::write(dir.path().join("grid.toml"), evil).unwrap();
    let p = dir.path().to_str().unwrap();
    for args in [
        vec!["--format", "html", "checklist", p, "--cell", "class-3-2"],
        vec!["notice", p, "room-3-2"],
    ] {
        let o = gridctl(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let html = stdout(&o);
        assert!(!html.contains("<script>"), "{args:?}");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    }
}

#[test]
fn command_line_mistakes_exit_2_with_a_reason() {
    for (args, says) in [
        (vec!["checklist", SCHOOL], "--person"),
        (vec!["checklist", SCHOOL, "--cell", "nope"], "no such cell"),
        (
            vec!["checklist", SCHOOL, "--person", "class-3-2"],
            "not a person",
        ),
        (
            vec!["checklist", SCHOOL, "--cell", "class-3-2", "--all"],
            "--all",
        ),
        (
            vec!["--format", "json", "checklist", SCHOOL, "--all"],
            "json",
        ),
        (vec!["notice", SCHOOL], "SPACE"),
        (vec!["notice", SCHOOL, "class-3-2"], "not a space"),
        (vec!["notice", SCHOOL, "gate", "--all"], "--all"),
        (vec!["--format", "md", "notice", SCHOOL, "gate"], "md"),
    ] {
        let o = gridctl(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn weeks_at_the_ends_of_the_calendar_do_not_panic() {
    // Dates at chrono's limits are refused as typing errors, not panics.
    for week in ["--week=+262142-12-31", "--week=-262143-01-01"] {
        let o = gridctl(&["checklist", SCHOOL, "--all", week]);
        assert_eq!(o.status.code(), Some(2), "{week}: {}", stderr(&o));
        assert!(stderr(&o).contains("is not a date"), "{}", stderr(&o));
    }
    for week in ["--week=1900-01-01", "--week=2999-12-31"] {
        for format in ["text", "md", "csv", "html"] {
            let o = gridctl(&["--format", format, "checklist", SCHOOL, "--all", week]);
            assert_eq!(o.status.code(), Some(0), "{week} {format}: {}", stderr(&o));
            assert!(stderr(&o).contains("outside the term"));
        }
    }
}
