//! Bad input gives a clear message in the chosen language, naming the file
//! (and line when there is one), with the right exit code, and never a panic.
//!
//! Fixtures are under `tests/fixtures/bad/`; each `grid.toml` that is text
//! starts with a comment saying what is wrong.

const AS_OF: &str = "2026-11-29";

mod common;
use common::{Run, root};

impl Run {
    /// stdout and stderr together: a message may be a finding (stdout) or a
    /// could-not-run diagnostic (stderr).
    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

fn gridctl(args: &[&str]) -> Run {
    common::run(args)
}

struct Case {
    /// Relative to the crate root; passed to gridctl as written.
    path: &'static str,
    exit: i32,
    /// Where the message must point: `file` or `file:line`.
    at: &'static str,
    /// Phrases the English output must contain.
    en: &'static [&'static str],
    /// Phrases the Chinese output must contain.
    zh: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        path: "tests/fixtures/bad/not-toml",
        exit: 2,
        at: "tests/fixtures/bad/not-toml/grid.toml:5:8",
        en: &["not valid TOML"],
        zh: &["不是有效的 TOML", "引号"],
    },
    Case {
        path: "tests/fixtures/bad/empty",
        exit: 2,
        at: "tests/fixtures/bad/empty/grid.toml",
        en: &["is empty", "gridctl init"],
        zh: &["是空文件"],
    },
    Case {
        path: "tests/fixtures/bad/binary",
        exit: 2,
        at: "tests/fixtures/bad/binary/grid.toml",
        en: &["not a text file"],
        zh: &["不是文本文件"],
    },
    Case {
        path: "tests/fixtures/bad/gbk",
        exit: 2,
        at: "tests/fixtures/bad/gbk/grid.toml:5",
        en: &["GBK", "UTF-8", "Save As"],
        zh: &["GBK", "UTF-8", "另存为"],
    },
    Case {
        path: "tests/fixtures/bad/utf16",
        exit: 2,
        at: "tests/fixtures/bad/utf16/grid.toml",
        en: &["UTF-16", "UTF-8"],
        zh: &["UTF-16", "UTF-8", "另存为"],
    },
    Case {
        path: "tests/fixtures/bad/bom",
        exit: 0,
        at: "",
        en: &["no findings"],
        zh: &["未发现问题"],
    },
    Case {
        path: "tests/fixtures/bad/does-not-exist",
        exit: 2,
        at: "tests/fixtures/bad/does-not-exist",
        en: &["no such file or folder"],
        zh: &["文件或文件夹不存在"],
    },
    Case {
        path: "tests/fixtures/bad/missing/grid.toml",
        exit: 2,
        at: "tests/fixtures/bad/missing/grid.toml",
        en: &["no such file or folder"],
        zh: &["文件或文件夹不存在"],
    },
    Case {
        path: "tests/fixtures/bad/no-grid",
        exit: 2,
        at: "tests/fixtures/bad/no-grid",
        en: &["no grid.toml"],
        zh: &["没有 grid.toml"],
    },
    Case {
        path: "tests/fixtures/bad/cycle",
        exit: 1,
        at: "tests/fixtures/bad/cycle/grid.toml:116:10",
        en: &["[G103]", "loop", "safety → safety-office → safety"],
        zh: &["[G103]", "成环"],
    },
    Case {
        path: "tests/fixtures/bad/two-level-one",
        exit: 1,
        at: "tests/fixtures/bad/two-level-one/grid.toml:115:9",
        en: &["[G103]", "second level-1 cell", "school-2"],
        zh: &["[G103]", "第二个一级网格"],
    },
    Case {
        path: "tests/fixtures/bad/unknown-person",
        exit: 1,
        at: "tests/fixtures/bad/unknown-person/grid.toml:127:9",
        en: &["[G102]", "chen-jin", "did you mean `chen-jing`"],
        zh: &["[G102]", "不存在", "是否应为 `chen-jing`"],
    },
    Case {
        path: "tests/fixtures/bad/date-outside-term",
        exit: 1,
        at: "tests/fixtures/bad/date-outside-term/grid.toml:11:37",
        en: &["[G104]", "2027-02-20", "outside the term"],
        zh: &["[G104]", "2027-02-20", "不在学期内"],
    },
    Case {
        path: "tests/fixtures/bad/time-25",
        exit: 1,
        at: "tests/fixtures/bad/time-25/grid.toml:19:8",
        en: &["[G104]", "25:00-26:00", "not a time range"],
        zh: &["[G104]", "25:00-26:00", "不是有效的时间段"],
    },
];

/// Every case in text, in English and Chinese: message, place, exit code.
#[test]
fn bad_input_text_both_languages() {
    let mut failures = Vec::new();
    for c in CASES {
        for (lang, phrases) in [("en", c.en), ("zh", c.zh)] {
            let run = gridctl(&["--as-of", AS_OF, "--lang", lang, "check", c.path]);
            let all = run.all();
            let what = format!("{} --lang {lang}", c.path);
            if run.code != c.exit {
                failures.push(format!("{what}: exit {}, want {}\n{all}", run.code, c.exit));
            }
            if !c.at.is_empty() && !all.contains(c.at) {
                failures.push(format!("{what}: does not point at `{}`\n{all}", c.at));
            }
            for p in phrases {
                if !all.contains(p) {
                    failures.push(format!("{what}: missing {p:?}\n{all}"));
                }
            }
            let head = if lang == "zh" { "错误" } else { "error" };
            if c.exit != 0 && !all.contains(head) {
                failures.push(format!("{what}: no {head:?} label\n{all}"));
            }
            if lang == "zh" && c.exit == 2 && all.contains("error:") {
                failures.push(format!("{what}: English label in Chinese output\n{all}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n----\n")
    );
}

/// The same cases with `--format json`: same exit code; stdout is empty or
/// one JSON document, and then the finding carries the file (and line).
#[test]
fn bad_input_json() {
    for c in CASES {
        for lang in ["en", "zh"] {
            let run = gridctl(&[
                "--as-of", AS_OF, "--lang", lang, "--format", "json", "check", c.path,
            ]);
            assert_eq!(run.code, c.exit, "{} --format json: {}", c.path, run.all());
            if run.stdout.trim().is_empty() {
                assert_eq!(c.exit, 2, "{}: no output but exit {}", c.path, run.code);
                assert!(run.stderr.contains(c.at), "{}: {}", c.path, run.stderr);
                continue;
            }
            let doc: serde_json::Value = serde_json::from_str(&run.stdout)
                .unwrap_or_else(|e| panic!("{}: stdout not JSON ({e}): {}", c.path, run.stdout));
            let findings = doc["findings"].as_array().expect("findings");
            if c.exit == 0 {
                assert!(findings.is_empty(), "{}: {doc:#}", c.path);
                continue;
            }
            assert!(!findings.is_empty(), "{}: {doc:#}", c.path);
            let mut parts = c.at.splitn(3, ':');
            let file = parts.next().unwrap();
            let line: Option<u64> = parts.next().map(|l| l.parse().unwrap());
            assert!(
                findings.iter().any(|f| f["file"] == file
                    && line.is_none_or(|l| f["line"].as_u64() == Some(l))
                    && f["severity"] == "error"),
                "{}: no error finding at {}: {doc:#}",
                c.path,
                c.at
            );
            if c.exit == 2 {
                assert_eq!(doc["summary"]["errors"], 1, "{}", c.path);
            }
        }
    }
}

/// A format the command does not produce is a usage error, in both languages.
#[test]
fn unknown_format_for_command() {
    let run = gridctl(&["--format", "html", "check", "src/cmd/init_grid.toml"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("--format html"), "{}", run.stderr);
    assert!(
        run.stderr.contains("json"),
        "lists the formats: {}",
        run.stderr
    );

    let run = gridctl(&[
        "--lang",
        "zh",
        "--format",
        "html",
        "check",
        "src/cmd/init_grid.toml",
    ]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("不支持"), "{}", run.stderr);

    // Not a format at all: clap refuses it.
    let run = gridctl(&["--format", "xml", "check", "src/cmd/init_grid.toml"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("xml"), "{}", run.stderr);
}

#[test]
fn bad_as_of_date_exits_2() {
    for lang in ["en", "zh"] {
        let run = gridctl(&[
            "--as-of",
            "2026-13-45",
            "--lang",
            lang,
            "check",
            "src/cmd/init_grid.toml",
        ]);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(run.stderr.contains("2026-13-45"), "{}", run.stderr);
    }
}

/// A folder of schools with a broken one: the others are still checked, and
/// the exit code says the run was incomplete.
#[test]
fn broken_school_among_others() {
    let run = gridctl(&[
        "--as-of",
        AS_OF,
        "--lang",
        "en",
        "--format",
        "json",
        "check",
        "tests/fixtures/bad",
    ]);
    assert_eq!(run.code, 2, "{}", run.all());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let schools = doc["schools"].as_array().expect("schools");
    assert!(
        schools.iter().any(|s| s["loaded"] == true),
        "the good schools were checked: {doc:#}"
    );
    assert!(
        schools.iter().any(|s| s["loaded"] == false),
        "the broken ones are listed: {doc:#}"
    );
}

/// The encoding fixtures really are BOM-prefixed, GBK and binary.
#[test]
fn fixtures_are_what_they_claim() {
    let bom = std::fs::read(root().join("tests/fixtures/bad/bom/grid.toml")).unwrap();
    assert!(bom.starts_with(&[0xEF, 0xBB, 0xBF]));
    let gbk = std::fs::read(root().join("tests/fixtures/bad/gbk/grid.toml")).unwrap();
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the GBK fixture must not be UTF-8"
    );
    let bin = std::fs::read(root().join("tests/fixtures/bad/binary/grid.toml")).unwrap();
    assert!(bin.contains(&0), "the binary fixture must contain NUL");
}
