//! `who` on the example school at real moments: the front-line owner of a
//! place, the person serving that day, and the chain up to level 1.

use serde_json::Value;

mod common;

fn who(args: &[&str]) -> Value {
    let head = ["--format", "json", "who", "grids/example-town-primary"];
    let run = common::run(head.iter().chain(args));
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

/// (cell, names serving, chain of cells) for each front-line owner in the slot.
fn owners(v: &Value) -> Vec<(String, Vec<String>, Vec<String>)> {
    assert_eq!(
        v["slots"].as_array().unwrap().len(),
        1,
        "one slot at a moment: {v:#}"
    );
    v["slots"][0]["front_line"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let people = f["staff"]["people"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            let chain = f["chain"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["cell"].as_str().unwrap().to_string())
                .collect();
            (f["cell"].as_str().unwrap().to_string(), people, chain)
        })
        .collect()
}

#[test]
fn gate_at_arrival_on_a_school_day() {
    let v = who(&["gate", "--at", "2026-09-08 07:40"]);
    assert_eq!(v["slots"][0]["slot"], "arrival");
    assert_eq!(v["school_day"], true);
    let o = owners(&v);
    // The security guard at the gate, and the teacher on weekly duty that week.
    assert_eq!(o[0].0, "gate");
    assert_eq!(o[0].1, ["梁山"]);
    assert_eq!(o[0].2, ["safety-office", "safety", "school"]);
    assert_eq!(o[1].0, "weekly-duty");
    assert_eq!(
        o[1].1,
        ["崔林"],
        "the roster table names 崔林 for that week"
    );
    assert_eq!(
        o[1].2.last().map(String::as_str),
        Some("school"),
        "the chain ends at level 1"
    );
}

#[test]
fn gate_on_a_national_day_holiday() {
    let v = who(&["gate", "--at", "2026-10-03 10:00"]);
    assert_eq!(v["school_day"], false);
    assert_eq!(v["slots"][0]["slot"], "holiday");
    let o = owners(&v);
    assert_eq!(o[0].0, "patrol");
    assert_eq!(o[0].1, ["潘刚"]);
    assert_eq!(o[1].0, "holiday-duty");
    assert_eq!(o[1].1, ["孔玲"], "the holiday roster names 孔玲 on 10-03");
    assert_eq!(o[1].2, ["office", "duty-leader", "school"]);
}

#[test]
fn a_class_while_its_teacher_is_away_goes_to_the_deputy() {
    let v = who(&["三(2)班教室", "--at", "2026-11-10 10:00"]);
    let o = owners(&v);
    assert_eq!(o[0].0, "class-3-2");
    assert_eq!(
        o[0].1,
        ["韩梅"],
        "陈静 is away for training; her deputy serves"
    );
    let v = who(&["三(2)班教室", "--at", "2026-11-23 10:00"]);
    assert_eq!(owners(&v)[0].1, ["陈静"], "back from training");
}

#[test]
fn a_moment_outside_every_slot_says_so() {
    let v = who(&["gate", "--at", "2026-09-08 23:30"]);
    assert!(v["slots"].as_array().unwrap().is_empty());
    for (lang, says) in [
        ("en", "no slot covers this time"),
        ("zh", "此时刻不在任何时段内"),
    ] {
        let run = common::run([
            "--lang",
            lang,
            "who",
            "grids/example-town-primary",
            "gate",
            "--at",
            "2026-09-08 23:30",
        ]);
        assert!(run.stdout.contains(says), "{lang}");
    }
}

/// A roster without `file` names the people `gridctl roster` would put on
/// duty; on a day it cannot fill, nobody.
#[test]
fn a_roster_without_a_file_resolves_through_the_table_roster_would_write() {
    let staff = |date: &str| {
        let v = common::run([
            "--format",
            "json",
            "--as-of",
            date,
            "who",
            "tests/fixtures/rules/G401-no-file",
            "cell:weekly-duty",
        ])
        .json();
        let people: Vec<String> = v["staff"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        people
    };
    assert_eq!(staff("2026-11-30"), ["he-ping"]);
    // 何平 is away from 2026-11-02 to 2026-11-15 and the pool has no one else.
    assert!(staff("2026-11-04").is_empty());
}
