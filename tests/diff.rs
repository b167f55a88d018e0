//! `diff OLD NEW`: what a new version of a grid changes, and the exit code
//! that gates a release.
//!
//! `tests/fixtures/diff/old` is the example school; `tests/fixtures/diff/new`
//! is the same school after a staff change: 陈静 transferred out and 三(2)班
//! handed to a new teacher, 西村's grid worker replaced, 罗明 away for a week
//! with a new deputy, and the music-room keeper's cell removed (a blind
//! spot). Other cases are made on the fly from the old grid with one edit.

use std::path::{Path, PathBuf};

use serde_json::Value;

const AS_OF: &str = "2026-11-29";

mod common;
use common::{Run, root};

fn old() -> PathBuf {
    root().join("tests/fixtures/diff/old")
}

fn new() -> PathBuf {
    root().join("tests/fixtures/diff/new")
}

fn gridctl(args: &[&str], old: &Path, new: &Path) -> Run {
    let mut all: Vec<&std::ffi::OsStr> = ["--as-of", AS_OF]
        .iter()
        .chain(args)
        .map(std::ffi::OsStr::new)
        .collect();
    all.extend([
        std::ffi::OsStr::new("diff"),
        old.as_os_str(),
        new.as_os_str(),
    ]);
    common::run(all)
}

fn diff_json(old: &Path, new: &Path) -> (i32, Value) {
    let run = gridctl(&["--lang", "en", "--format", "json"], old, new);
    (run.code, run.json())
}

fn list<'a>(doc: &'a Value, key: &str) -> &'a Vec<Value> {
    doc["changes"][key]
        .as_array()
        .unwrap_or_else(|| panic!("changes.{key} is not an array: {doc:#}"))
}

/// The old fixture with `edits` applied to grid.toml (each `from` must
/// occur exactly once), in a temporary school folder with its duty tables.
fn variant(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = std::fs::read_to_string(old().join("grid.toml")).expect("read old grid");
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "edit `{from}` must match exactly once"
        );
        text = text.replace(from, to);
    }
    std::fs::write(dir.path().join("grid.toml"), text).expect("write grid");
    std::fs::create_dir(dir.path().join("duty")).expect("duty dir");
    for f in ["weekly-duty.csv", "holiday-duty.csv"] {
        std::fs::copy(old().join("duty").join(f), dir.path().join("duty").join(f))
            .expect("copy duty table");
    }
    dir
}

fn ids<'a>(items: &'a [Value], key: &str) -> Vec<&'a str> {
    items
        .iter()
        .map(|v| v[key].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn staff_change_opens_the_music_room_blind_spot_and_exits_1() {
    let (code, doc) = diff_json(&old(), &new());
    assert_eq!(code, 1, "a new blind spot must fail the gate: {doc:#}");
    assert_eq!(doc["command"], "diff");
    let file = doc["old"]["file"].as_str().unwrap();
    assert!(
        file.ends_with("tests/fixtures/diff/old/grid.toml"),
        "{file}"
    );
    assert_eq!(doc["new"]["school"], "示例镇中心小学");

    let opened = list(&doc, "blind_spots_opened");
    assert_eq!(opened.len(), 10, "{opened:#?}");
    assert!(opened.iter().all(|b| b["space"] == "music-room"));
    assert_eq!(
        ids(opened, "slot"),
        [
            "arrival",
            "morning-check",
            "lesson-1",
            "recess",
            "lesson-2",
            "lunch",
            "noon",
            "noon-check",
            "lesson-3",
            "dismissal"
        ]
    );
    // after-school and holiday stay covered by the patrol and holiday duty.
    assert_eq!(opened[0]["before"]["state"], "covered");
    assert_eq!(opened[0]["before"]["cells"][0]["id"], "music-room");
    assert!(list(&doc, "blind_spots_closed").is_empty());

    let cells = list(&doc, "cells");
    let find = |kind: &str, cell: &str| {
        cells
            .iter()
            .find(|c| c["kind"] == kind && c["cell"] == cell)
            .unwrap_or_else(|| panic!("no {kind} change of {cell}: {cells:#?}"))
    };
    let admin = find("admin", "class-3-2");
    assert_eq!(admin["old"]["id"], "chen-jing");
    assert_eq!(admin["new"]["name"], "张华");
    let member = find("member", "village-xicun");
    assert_eq!(member["role"]["id"], "grid-worker");
    assert_eq!(member["old"]["name"], "秦峰");
    assert_eq!(member["new"]["name"], "马超");
    let deputy = find("deputy", "class-4-2");
    assert!(deputy["old"].is_null());
    assert_eq!(deputy["new"]["id"], "cao-yu");
    assert_eq!(find("removed", "music-room")["old"]["id"], "ye-qing");
    assert_eq!(cells.len(), 4, "{cells:#?}");

    let people = list(&doc, "people");
    let kinds: Vec<(&str, &str)> = people
        .iter()
        .map(|p| (p["kind"].as_str().unwrap(), p["person"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("added", "zhang-hua"),
            ("added", "ma-chao"),
            ("gone", "qin-feng"),
            ("left", "chen-jing"),
            ("away", "luo-ming"),
        ]
    );
    assert_eq!(people[3]["new"], "2026-11-30");
    assert!(people[3]["old"].is_null());
    assert_eq!(people[4]["new"]["from"], "2026-12-07");

    // Staff changed, but every cell the old version staffed is still staffed.
    assert!(list(&doc, "unstaffed").is_empty());
    assert!(list(&doc, "villages").is_empty());

    let load: Vec<(&str, u64, u64)> = list(&doc, "load")
        .iter()
        .map(|l| {
            (
                l["person"].as_str().unwrap(),
                l["old"].as_u64().unwrap(),
                l["new"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        load,
        [
            ("chen-jing", 1, 0),
            ("zhang-hua", 0, 1),
            ("ye-qing", 1, 0),
            ("ma-chao", 0, 1),
            ("qin-feng", 1, 0),
        ]
    );

    let s = &doc["summary"];
    assert_eq!(s["blind_spots_opened"], 10);
    assert_eq!(s["regressions"], 10);
    assert_eq!(s["changes"], 4 + 5 + 10 + 5);
}

#[test]
fn the_same_version_twice_reports_no_changes() {
    for (a, b) in [
        (old(), old()),
        (new(), new()),
        (
            root().join("grids/example-town-primary"),
            root().join("grids/example-town-primary/grid.toml"),
        ),
    ] {
        let (code, doc) = diff_json(&a, &b);
        assert_eq!(code, 0, "{}: {doc:#}", a.display());
        for key in [
            "cells",
            "people",
            "blind_spots_opened",
            "blind_spots_closed",
            "unstaffed",
            "villages",
            "load",
        ] {
            assert!(list(&doc, key).is_empty(), "{key} of {}", a.display());
        }
        assert_eq!(doc["summary"]["changes"], 0);

        let text = gridctl(&["--lang", "en"], &a, &b);
        assert_eq!(text.code, 0);
        assert!(text.stdout.contains("no changes"), "{}", text.stdout);
        let csv = gridctl(&["--format", "csv"], &a, &b);
        assert_eq!(csv.stdout, "kind,subject,name,detail,old,new\n");
        let quiet = gridctl(&["-q"], &a, &b);
        assert_eq!((quiet.code, quiet.stdout.as_str()), (0, ""));
    }
}

#[test]
fn swapping_an_admin_for_another_serving_person_exits_0() {
    let v = variant(&[("admin = \"chen-jing\"", "admin = \"han-mei\"")]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 0, "{doc:#}");
    let cells = list(&doc, "cells");
    assert_eq!(cells.len(), 1, "{cells:#?}");
    assert_eq!(cells[0]["kind"], "admin");
    assert_eq!(cells[0]["new"]["id"], "han-mei");
    assert!(list(&doc, "blind_spots_opened").is_empty());
    assert!(list(&doc, "unstaffed").is_empty());
    assert_eq!(doc["summary"]["regressions"], 0);
    let load = list(&doc, "load");
    assert_eq!(ids(load, "person"), ["chen-jing", "han-mei"]);
    assert_eq!(load[1]["new"], 2);
}

#[test]
fn an_admin_gone_before_the_term_without_deputy_leaves_the_cell_unstaffed() {
    let v = variant(&[
        (
            "away = [{ from = 2026-11-02, to = 2026-11-20, why = \"培训\" }]",
            "left = 2026-08-20",
        ),
        (
            "deputy = \"han-mei\"           # 陈静培训期间（11月2日—20日）由韩梅代管\n",
            "",
        ),
    ]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 1, "{doc:#}");
    let unstaffed = list(&doc, "unstaffed");
    assert_eq!(ids(unstaffed, "cell"), ["class-3-2"]);
    assert_eq!(unstaffed[0]["reason"], "admin-not-serving");
    assert_eq!(unstaffed[0]["admin"]["id"], "chen-jing");
    assert_eq!(unstaffed[0]["before"][0]["post"], "admin");
    assert_eq!(unstaffed[0]["before"][1]["post"], "deputy");
    // Who holds a place is a matter of staff, not of coverage.
    assert!(list(&doc, "blind_spots_opened").is_empty());

    // With the deputy kept, the cell stays staffed.
    let kept = variant(&[(
        "away = [{ from = 2026-11-02, to = 2026-11-20, why = \"培训\" }]",
        "left = 2026-08-20",
    )]);
    let (code, doc) = diff_json(&old(), kept.path());
    assert_eq!(code, 0, "{doc:#}");
    assert!(list(&doc, "unstaffed").is_empty());
}

#[test]
fn an_offcampus_cell_missing_a_member_loses_its_village() {
    let v = variant(&[(
        "members = { grid-worker = \"qin-feng\", liaison-teacher = \"zhou-yi\", guardian = \"zhao-gang\" }",
        "members = { grid-worker = \"qin-feng\", liaison-teacher = \"zhou-yi\" }",
    )]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 1, "{doc:#}");
    let unstaffed = list(&doc, "unstaffed");
    assert_eq!(ids(unstaffed, "cell"), ["village-xicun"]);
    assert_eq!(unstaffed[0]["reason"], "missing-roles");
    assert_eq!(unstaffed[0]["roles"][0]["id"], "guardian");
    let villages = list(&doc, "villages");
    assert_eq!(ids(villages, "village"), ["xicun"]);
    assert_eq!(villages[0]["reason"], "missing-roles");
    assert_eq!(villages[0]["students"], 64);
}

#[test]
fn a_village_that_loses_its_cell_fails_the_gate() {
    let v = variant(&[(
        "[cells.village-beiling]
name = \"北岭村网格\"
level = 4
parent = \"offcampus\"
scope = \"off-campus\"
villages = [\"beiling\"]
spaces = [\"reservoir-beiling\"]
members = { grid-worker = \"shen-lin\", liaison-teacher = \"tang-jun\", guardian = \"li-jun\" }
",
        "",
    )]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 1, "{doc:#}");
    let villages = list(&doc, "villages");
    assert_eq!(ids(villages, "village"), ["beiling"]);
    assert_eq!(villages[0]["reason"], "no-cell");
    assert_eq!(villages[0]["old_cell"]["id"], "village-beiling");
    // The reservoir keeps the weekly duty at noon, and loses the rest.
    let opened = list(&doc, "blind_spots_opened");
    assert!(opened.iter().all(|b| b["space"] == "reservoir-beiling"));
    assert_eq!(ids(opened, "slot"), ["after-school", "holiday"]);
}

#[test]
fn the_reverse_diff_closes_the_blind_spots() {
    let (code, doc) = diff_json(&new(), &old());
    assert_eq!(code, 0, "{doc:#}");
    let closed = list(&doc, "blind_spots_closed");
    assert_eq!(closed.len(), 10);
    assert_eq!(closed[0]["after"]["state"], "covered");
    assert_eq!(closed[0]["after"]["cells"][0]["id"], "music-room");
    assert!(list(&doc, "blind_spots_opened").is_empty());
    let left = list(&doc, "people")
        .iter()
        .find(|p| p["kind"] == "left")
        .expect("a left change");
    assert_eq!(left["old"], "2026-11-30");
    assert!(left["new"].is_null());
}

#[test]
fn a_waiver_in_force_in_the_new_version_counts_as_covered() {
    let remove_cell = (
        "[cells.music-room]
name = \"音乐教室\"
level = 4
parent = \"academic-office\"
admin = \"ye-qing\"
role = \"room-keeper\"
spaces = [\"music-room\"]
",
        "",
    );
    let waiver = |until: &str| {
        format!(
            "[[waivers]]
rule = \"G301\"
space = \"music-room\"
until = {until}
by = \"wang-fang\"
why = \"音乐教室停用装修，门窗封闭\"

[[waivers]]
rule = \"G301\"
space = \"storeroom\""
        )
    };
    let active = waiver("2027-01-22");
    let v = variant(&[
        remove_cell,
        (
            "[[waivers]]\nrule = \"G301\"\nspace = \"storeroom\"",
            &active,
        ),
    ]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 0, "{doc:#}");
    assert!(list(&doc, "blind_spots_opened").is_empty());

    // An expired waiver covers nothing.
    let expired = waiver("2026-10-31");
    let v = variant(&[
        remove_cell,
        (
            "[[waivers]]\nrule = \"G301\"\nspace = \"storeroom\"",
            &expired,
        ),
    ]);
    let (code, doc) = diff_json(&old(), v.path());
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(list(&doc, "blind_spots_opened").len(), 10);
}

#[test]
fn a_version_that_cannot_be_loaded_exits_2() {
    let missing = root().join("tests/fixtures/diff/no-such-school");
    let broken = root().join("tests/fixtures/bad/not-toml");
    for (a, b) in [
        (old(), missing.clone()),
        (missing.clone(), new()),
        (old(), broken.clone()),
        (broken, old()),
    ] {
        for format in ["text", "json", "csv"] {
            let run = gridctl(&["--format", format], &a, &b);
            assert_eq!(
                run.code,
                2,
                "{} {}: {}",
                a.display(),
                b.display(),
                run.stderr
            );
            assert!(run.stdout.is_empty(), "{}", run.stdout);
            assert!(run.stderr.contains("error"), "{}", run.stderr);
        }
    }
}

#[test]
fn library_diff_is_pure_data() {
    use gridctl::cmd::{Entry, load_one};
    let load = |p: PathBuf| match load_one(&p.join("grid.toml")) {
        Entry::Ok { school, .. } => school,
        _ => panic!("cannot load {}", p.display()),
    };
    let (a, b) = (load(old()), load(new()));
    fn v(s: &gridctl::cmd::School) -> gridctl::diff::Version<'_> {
        gridctl::diff::Version {
            grid: &s.grid,
            cal: &s.cal,
            cov: &s.cov,
        }
    }
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let d = gridctl::diff::diff(v(&a), v(&b), as_of);
    assert_eq!(d.opened.len(), 10);
    assert_eq!(d.regressions(), 10);
    assert!(gridctl::diff::diff(v(&b), v(&b), as_of).is_empty());
}
