//! The rules of `check` (SPEC §3), one fixture each.
//!
//! Every folder under `tests/fixtures/rules/` is the starter grid with one
//! small change; its name starts with the rule code it must trigger
//! (`G103`, `G103-cycle`, …). `check` on it must report findings of exactly
//! that code, at the rule's default severity, each pointing into the file,
//! and exit 1 for error rules, 0 otherwise.
//!
//! `tests/fixtures/policy/` holds grids for `[policy]` and `[[waivers]]`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

const AS_OF: &str = "2026-11-29";

/// Every rule `check` runs on grid.toml alone, with its default severity.
const RULES: &[(&str, &str)] = &[
    ("G101", "error"),
    ("G102", "error"),
    ("G103", "error"),
    ("G104", "error"),
    ("G201", "error"),
    ("G202", "error"),
    ("G203", "warning"),
    ("G204", "warning"),
    ("G205", "warning"),
    ("G206", "warning"),
    ("G207", "info"),
    ("G301", "error"),
    ("G302", "warning"),
    ("G303", "error"),
    ("G304", "warning"),
    ("G401", "error"),
    ("G402", "error"),
    ("G403", "warning"),
];

/// Findings that rightly have no line: (fixture, part of the message).
const NO_LINE: &[(&str, &str)] = &[("G103-no-level-one", "no level-1 cell")];

mod common;
use common::{Run, root};

fn fixtures(kind: &str) -> PathBuf {
    root().join("tests/fixtures").join(kind)
}

fn gridctl(args: &[&str], path: &Path) -> Run {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(path.as_os_str());
    common::run(all)
}

/// `gridctl --as-of 2026-11-29 --lang en --format json check PATH`
fn check_json(path: &Path, extra: &[&str]) -> (Run, Value) {
    let mut args = vec!["--as-of", AS_OF, "--lang", "en", "--format", "json"];
    args.extend_from_slice(extra);
    args.push("check");
    let run = gridctl(&args, path);
    let doc = run.json();
    (run, doc)
}

fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("`findings` is an array")
}

fn codes(doc: &Value) -> BTreeSet<String> {
    findings(doc)
        .iter()
        .map(|f| f["code"].as_str().expect("`code` is a string").to_string())
        .collect()
}

fn severity_of(code: &str) -> &'static str {
    RULES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, s)| *s)
        .unwrap_or_else(|| panic!("no rule {code} in RULES"))
}

fn dirs(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures(kind))
        .expect("fixtures folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("grid.toml").is_file())
        .collect();
    v.sort();
    v
}

fn name_of(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// The one finding of `code` in fixture `rules/NAME`.
fn only(name: &str, code: &str) -> Value {
    let (_, doc) = check_json(&fixtures("rules").join(name), &[]);
    let hits: Vec<&Value> = findings(&doc)
        .iter()
        .filter(|f| f["code"] == code)
        .collect();
    assert_eq!(hits.len(), 1, "{name}: one {code} expected, got {doc:#}");
    hits[0].clone()
}

fn s<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key].as_str().unwrap_or("")
}

/// Every fixture folder gives exactly its rule's code, at the right
/// severity, pointing at the file, with the right exit code. All fixtures are
/// run and all failures listed together.
#[test]
fn each_rule_fixture_gives_exactly_its_code() {
    let mut failures = Vec::new();
    let all = dirs("rules");
    assert!(all.len() >= RULES.len(), "too few rule fixtures");
    for dir in &all {
        let name = name_of(dir);
        let code = name.split('-').next().unwrap();
        let want_sev = severity_of(code);
        let (run, doc) = check_json(dir, &[]);
        let got = codes(&doc);
        let want: BTreeSet<String> = [code.to_string()].into();
        if got != want {
            let msgs: Vec<String> = findings(&doc)
                .iter()
                .map(|f| format!("{}: {}", s(f, "code"), s(f, "message")))
                .collect();
            failures.push(format!(
                "{name}: codes {got:?}, want {want:?}\n      {}",
                msgs.join("\n      ")
            ));
        }
        let want_exit = if want_sev == "error" { 1 } else { 0 };
        if run.code != want_exit {
            failures.push(format!("{name}: exit {}, want {want_exit}", run.code));
        }
        let grid = dir.join("grid.toml");
        for f in findings(&doc) {
            if f["code"] == code && f["severity"] != want_sev {
                failures.push(format!(
                    "{name}: {code} has severity {}, want {want_sev}",
                    f["severity"]
                ));
            }
            for key in ["code", "severity", "message"] {
                if s(f, key).is_empty() {
                    failures.push(format!("{name}: a finding has no `{key}`: {f}"));
                }
            }
            let file = s(f, "file");
            // Roster-table findings point into the table: a line for a row
            // (G402), the file for the table as a whole (G403).
            let table = dir.join("duty/weekly-duty.csv");
            let in_table = matches!(code, "G402" | "G403")
                && Path::new(file).ends_with(table.strip_prefix(root()).unwrap());
            if !in_table
                && (file.is_empty()
                    || !Path::new(file).ends_with(grid.strip_prefix(root()).unwrap()))
            {
                failures.push(format!("{name}: `file` is {:?}, want {grid:?}", f["file"]));
            }
            if code == "G402" && f["line"].as_u64().is_none_or(|n| n < 2) {
                failures.push(format!("{name}: G402 names no table line: {f}"));
            }
            let exempt = in_table
                || NO_LINE
                    .iter()
                    .any(|(n, m)| *n == name && s(f, "message").contains(m));
            if !exempt {
                for key in ["line", "column"] {
                    if f[key].as_u64().is_none_or(|n| n < 1) {
                        failures.push(format!("{name}: `{key}` not set: {f}"));
                    }
                }
            }
            if s(f, "school") != "新建小学" {
                failures.push(format!("{name}: `school` is {}", f["school"]));
            }
        }
        let sum = &doc["summary"];
        let count = |sev: &str| {
            findings(&doc)
                .iter()
                .filter(|f| f["severity"] == sev)
                .count()
        };
        for (key, sev) in [
            ("errors", "error"),
            ("warnings", "warning"),
            ("infos", "info"),
        ] {
            if sum[key].as_u64() != Some(count(sev) as u64) {
                failures.push(format!(
                    "{name}: summary.{key} = {}, want {}",
                    sum[key],
                    count(sev)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule fixture failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// Each rule of the table has its plain fixture `rules/CODE`.
#[test]
fn every_rule_has_a_fixture() {
    for (code, _) in RULES {
        let grid = fixtures("rules").join(code).join("grid.toml");
        assert!(grid.is_file(), "missing fixture {}", grid.display());
        let first = std::fs::read_to_string(&grid).unwrap();
        assert!(
            first.starts_with("# "),
            "{} should start with a comment saying what is wrong",
            grid.display()
        );
    }
}

#[test]
fn starter_and_example_school_are_clean() {
    for path in [
        root().join("src/cmd/init_grid.toml"),
        root().join("grids/example-town-primary"),
    ] {
        let (run, doc) = check_json(&path, &[]);
        assert_eq!(findings(&doc).len(), 0, "{}: {doc:#}", path.display());
        assert_eq!(run.code, 0, "{}", path.display());
        assert_eq!(doc["summary"]["errors"], 0);
        assert_eq!(doc["summary"]["warnings"], 0);
        assert_eq!(doc["summary"]["infos"], 0);
        // Also with --deny-warnings, and in text.
        let (run, _) = check_json(&path, &["--deny-warnings"]);
        assert_eq!(run.code, 0, "{}", path.display());
        let text = gridctl(&["--as-of", AS_OF, "--lang", "en", "check"], &path);
        assert_eq!(text.code, 0, "{}", text.stdout);
        assert!(text.stdout.contains("no findings"), "{}", text.stdout);
    }
}

#[test]
fn policy_rules_off_silences_and_error_fails() {
    // The same grid without the override: one G204 warning, exit 0.
    let (run, doc) = check_json(&fixtures("rules/G204"), &[]);
    assert_eq!(codes(&doc), ["G204".to_string()].into());
    assert_eq!(run.code, 0);

    let (run, doc) = check_json(&fixtures("policy/G204-off"), &[]);
    assert_eq!(findings(&doc).len(), 0, "G204 = \"off\": {doc:#}");
    assert_eq!(run.code, 0);

    let (run, doc) = check_json(&fixtures("policy/G204-error"), &[]);
    assert_eq!(codes(&doc), ["G204".to_string()].into(), "{doc:#}");
    assert_eq!(findings(&doc)[0]["severity"], "error");
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(run.code, 1, "G204 = \"error\" must fail the check");

    let (run, doc) = check_json(&fixtures("policy/no-require-phone"), &[]);
    assert_eq!(findings(&doc).len(), 0, "require-phone = false: {doc:#}");
    assert_eq!(run.code, 0);
}

#[test]
fn policy_rules_bad_severity_is_reported() {
    let (run, doc) = check_json(&fixtures("policy/G204-bad-severity"), &[]);
    let g104: Vec<&Value> = findings(&doc)
        .iter()
        .filter(|f| f["code"] == "G104")
        .collect();
    assert_eq!(g104.len(), 1, "{doc:#}");
    assert!(s(g104[0], "message").contains("silent"), "{doc:#}");
    assert_eq!(run.code, 1);
}

/// The rule code in `[policy.rules]` is matched without regard to case
/// elsewhere (`gridctl explain g204`, waivers); `g204 = "off"` must either
/// silence G204 or be reported, never be accepted and ignored.
#[test]
fn policy_rules_lowercase_code_is_not_silently_ignored() {
    let (_, doc) = check_json(&fixtures("policy/G204-off-lowercase"), &[]);
    let c = codes(&doc);
    assert!(
        !c.contains("G204") || c.contains("G104"),
        "`rules = {{ g204 = \"off\" }}` was accepted but G204 is still reported: {doc:#}"
    );
}

#[test]
fn deny_warnings_counts_warnings() {
    let (run, _) = check_json(&fixtures("rules/G204"), &["--deny-warnings"]);
    assert_eq!(run.code, 1);
    // Info findings do not count.
    let (run, _) = check_json(&fixtures("rules/G207"), &["--deny-warnings"]);
    assert_eq!(run.code, 0);
}

#[test]
fn waivers() {
    // An active waiver hides its blind spot and is used: nothing reported.
    let (run, doc) = check_json(&fixtures("policy/waiver-active"), &[]);
    assert_eq!(findings(&doc).len(), 0, "{doc:#}");
    assert_eq!(run.code, 0);

    // An expired one no longer applies: the gap is back, and G304 says why.
    let (run, doc) = check_json(&fixtures("policy/waiver-expired-gap"), &[]);
    let want: BTreeSet<String> = ["G301".to_string(), "G304".to_string()].into();
    assert_eq!(codes(&doc), want, "{doc:#}");
    assert_eq!(run.code, 1);
    let g304 = findings(&doc).iter().find(|f| f["code"] == "G304").unwrap();
    assert!(s(g304, "message").contains("2026-11-01"), "{g304}");

    // Before it expires, the same waiver still applies.
    let (run, doc) = gridctl_json_as_of("2026-10-15", &fixtures("policy/waiver-expired-gap"));
    assert_eq!(findings(&doc).len(), 0, "as of 2026-10-15: {doc:#}");
    assert_eq!(run.code, 0);
}

/// A waiver whose space is misspelt is a G102; it must not turn into a
/// waiver for every space in that slot and hide the real blind spot.
#[test]
fn waiver_with_unknown_space_waives_nothing() {
    let (run, doc) = check_json(&fixtures("policy/waiver-unknown-space"), &[]);
    let want: BTreeSet<String> = ["G102".to_string(), "G301".to_string()].into();
    assert_eq!(
        codes(&doc),
        want,
        "the blind spot classroom-1-1/dismissal must still be reported: {doc:#}"
    );
    assert_eq!(run.code, 1);
}

fn gridctl_json_as_of(as_of: &str, path: &Path) -> (Run, Value) {
    let run = gridctl(
        &[
            "--as-of", as_of, "--lang", "en", "--format", "json", "check",
        ],
        path,
    );
    let doc = run.json();
    (run, doc)
}

#[test]
fn fixtures_that_must_stay_clean() {
    for name in [
        "deputy-covers",
        "G206-nested",
        "village-no-students",
        "no-require-phone",
    ] {
        let (run, doc) = check_json(&fixtures("policy").join(name), &[]);
        assert_eq!(findings(&doc).len(), 0, "{name}: {doc:#}");
        assert_eq!(run.code, 0, "{name}");
    }
}

/// JSON findings name what they are about.
#[test]
fn findings_name_their_subject() {
    let f = only("G301", "G301");
    assert_eq!(s(&f, "space"), "classroom-1-1");
    assert_eq!(s(&f, "slot"), "dismissal");
    assert_eq!(f["line"], 34, "points at [spaces.classroom-1-1]: {f}");

    let (_, doc) = check_json(&fixtures("rules/G301-new-space"), &[]);
    let slots: BTreeSet<&str> = findings(&doc).iter().map(|f| s(f, "slot")).collect();
    assert_eq!(slots, ["arrival", "dismissal", "lessons"].into());
    assert!(findings(&doc).iter().all(|f| f["space"] == "canteen"));

    let f = only("G301-space-slots", "G301");
    assert_eq!((s(&f, "space"), s(&f, "slot")), ("canteen", "lessons"));

    let f = only("G302", "G302");
    assert_eq!(
        (s(&f, "space"), s(&f, "slot")),
        ("classroom-1-1", "dismissal")
    );
    assert!(
        s(&f, "message").contains("安全办"),
        "names the higher cell: {f}"
    );

    let f = only("G303", "G303");
    assert_eq!(s(&f, "village"), "xicun");

    let f = only("G201", "G201");
    assert_eq!(s(&f, "cell"), "safety");

    let f = only("G201-left", "G201");
    assert_eq!(
        (s(&f, "cell"), s(&f, "person")),
        ("safety-office", "sun-li")
    );

    let f = only("G201-away-all-term", "G201");
    assert_eq!((s(&f, "cell"), s(&f, "person")), ("gate", "zhou-yi"));

    let f = only("G202", "G202");
    assert_eq!(s(&f, "cell"), "dongcun");
    assert!(s(&f, "message").contains("guardian"), "{f}");

    let f = only("G202-two-roles", "G202");
    assert_eq!((s(&f, "cell"), s(&f, "person")), ("dongcun", "liu-cun"));

    let f = only("G202-member-left", "G202");
    assert_eq!(
        (s(&f, "cell"), s(&f, "person")),
        ("dongcun", "wang-jiazhang")
    );

    let f = only("G203", "G203");
    assert_eq!((s(&f, "cell"), s(&f, "person")), ("class-1-1", "chen-jing"));
    assert_eq!(s(&f, "date"), "2026-11-02");
    assert!(s(&f, "message").contains("2026-11-20"), "{f}");

    let f = only("G203-left", "G203");
    assert_eq!((s(&f, "cell"), s(&f, "person")), ("gate", "zhou-yi"));
    assert_eq!(s(&f, "date"), "2026-12-01");

    let f = only("G204", "G204");
    assert_eq!(s(&f, "person"), "sun-li");

    let f = only("G205", "G205");
    assert_eq!(s(&f, "person"), "li-na");

    let f = only("G206", "G206");
    assert_eq!(s(&f, "person"), "chen-jing");
    assert!(["class-1-1", "gate"].contains(&s(&f, "cell")), "{f}");

    let f = only("G207", "G207");
    assert_eq!(s(&f, "person"), "zhang-wei");

    let f = only("G103-two-level-one", "G103");
    assert_eq!(s(&f, "cell"), "school-2");

    let f = only("G103-parent-level", "G103");
    assert_eq!(s(&f, "cell"), "class-1-1");

    let f = only("G102", "G102");
    assert_eq!(f["line"], 127, "{f}");
    assert!(s(&f, "help").contains("did you mean `chen-jing`"), "{f}");

    let f = only("G102-by-name", "G102");
    assert!(s(&f, "help").contains("chen-jing"), "{f}");

    let f = only("G101-unknown-key", "G101");
    assert!(s(&f, "message").contains("deputi"), "{f}");
    assert!(s(&f, "help").contains("did you mean `deputy`"), "{f}");
    assert_eq!(
        (f["line"].clone(), f["column"].clone()),
        (128.into(), 1.into())
    );

    let f = only("G304-expired", "G304");
    assert!(s(&f, "message").contains("expired"), "{f}");
}

/// Messages read as English sentences.
#[test]
fn left_reads_well_in_english() {
    let f = only("G203-left", "G203");
    assert!(
        !s(&f, "message").contains(" is left on "),
        "G203 message: {}",
        s(&f, "message")
    );
}

/// Chinese output of a rule fixture: same codes, Chinese text.
#[test]
fn findings_in_chinese() {
    let run = gridctl(
        &[
            "--as-of", AS_OF, "--lang", "zh", "--format", "json", "check",
        ],
        &fixtures("rules/G301"),
    );
    let doc = run.json();
    assert_eq!(codes(&doc), ["G301".to_string()].into());
    assert!(s(&findings(&doc)[0], "message").contains("盲区"), "{doc:#}");
    assert_eq!(run.code, 1);
}

/// Lists inside a message follow its language: `a, b` or `a、b`.
#[test]
fn lists_in_messages_follow_the_language() {
    for (lang, want) in [("en", "(上学, 上课, 放学)"), ("zh", "（上学、上课、放学）")]
    {
        let run = gridctl(
            &[
                "--as-of", AS_OF, "--lang", lang, "--format", "json", "check",
            ],
            &fixtures("rules/G206"),
        );
        let doc = run.json();
        let message = s(&findings(&doc)[0], "message");
        assert!(message.contains(want), "{lang}: {message}");
    }
}

/// G206 gives one finding per clashing cell, not one per pair: a person put
/// on four rooms at once by a copied template gets three lines, each naming
/// the first clash and counting the others.
#[test]
fn two_places_is_one_finding_per_cell_not_per_pair() {
    let template = std::fs::read_to_string(root().join("src/cmd/init_grid.toml")).unwrap();
    let mut grid = template.replace(
        "admin = \"zhou-yi\"\nrole = \"security\"",
        "admin = \"chen-jing\"\nrole = \"security\"",
    );
    grid = grid.replace(
        "[spaces.playground]",
        "[spaces.room-a]\nname = \"A\"\nwithin = \"campus\"\n[spaces.room-b]\nname = \"B\"\nwithin = \"campus\"\n[spaces.playground]",
    );
    grid.push_str(
        "[cells.room-a]\nname = \"A\"\nlevel = 4\nparent = \"safety-office\"\nadmin = \"chen-jing\"\nspaces = [\"room-a\"]\nslots = [\"lessons\"]\n\
         [cells.room-b]\nname = \"B\"\nlevel = 4\nparent = \"safety-office\"\nadmin = \"chen-jing\"\nspaces = [\"room-b\"]\nslots = [\"lessons\"]\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("grid.toml"), grid).unwrap();
    let (_, doc) = check_json(dir.path(), &[]);
    let g206: Vec<&Value> = findings(&doc)
        .iter()
        .filter(|f| f["code"] == "G206")
        .collect();
    assert_eq!(g206.len(), 3, "{doc:#}");
    let last = g206.iter().find(|f| f["cell"] == "room-b").unwrap();
    assert!(
        s(last, "message").contains("(and 2 more cells)"),
        "{}",
        s(last, "message")
    );
}
