//! `check` and `gaps`: run the rules over every school of PATH.

use std::path::PathBuf;

use serde_json::json;

use super::{CountyRow, EXIT_CANNOT_RUN, Entry, School, Session, county_table, default_path};
use crate::cli::Format;
use crate::findings::{Finding, Summary};
use crate::i18n::{Lang, summary_line};
use crate::render::{self, diag};

/// The codes `gaps` shows: what is unassigned.
const GAP_CODES: &[&str] = &["G201", "G202", "G203", "G301", "G302", "G303", "G401"];

/// The findings of one school.
pub struct Report {
    pub school: String,
    pub file: String,
    pub findings: Vec<Finding>,
    pub fatal: bool,
    /// Read, but not usable for the rules (no valid term, …): every finding
    /// it has is shown, also by `gaps`.
    pub unusable: bool,
}

/// Run `check` on every school of PATH: library entry point for tests and benches.
pub fn run_check(
    path: &std::path::Path,
    as_of: chrono::NaiveDate,
) -> Result<Vec<Report>, crate::model::Fatal> {
    let files = crate::model::find_grid_files(path)?;
    Ok(super::par_map(&files, |f| {
        report(super::load_one(f), as_of)
    }))
}

pub fn check_school(
    school: &School,
    load_findings: Vec<Finding>,
    as_of: chrono::NaiveDate,
) -> Vec<Finding> {
    crate::rules::check(&school.ctx(as_of), load_findings)
}

fn report(e: Entry, as_of: chrono::NaiveDate) -> Report {
    match e {
        Entry::Ok { school, findings } => {
            let name = school.grid.school.name.clone();
            let file = school.grid.file_name();
            let mut findings = check_school(&school, findings, as_of);
            for f in &mut findings {
                f.subject.school = Some(name.clone());
            }
            Report {
                school: name,
                file,
                findings,
                fatal: false,
                unusable: false,
            }
        }
        Entry::Unusable { path, mut findings } => {
            let file = path.display().to_string();
            crate::findings::sort(&mut findings);
            for f in &mut findings {
                f.subject.school = Some(file.clone());
            }
            Report {
                school: file.clone(),
                file,
                findings,
                fatal: false,
                unusable: true,
            }
        }
        Entry::Fatal(fatal) => {
            let file = fatal
                .loc
                .as_ref()
                .map(|l| l.file.clone())
                .unwrap_or_default();
            let mut f = Finding::from(fatal);
            f.subject.school = Some(file.clone());
            Report {
                school: file.clone(),
                file,
                findings: vec![f],
                fatal: true,
                unusable: true,
            }
        }
    }
}

pub fn run(sess: &mut Session, path: &Option<PathBuf>, gaps_only: bool) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let path = default_path(path);
    let mut reports = match run_check(&path, sess.as_of) {
        Ok(r) => r,
        Err(f) => {
            sess.fatal(&f);
            return EXIT_CANNOT_RUN;
        }
    };
    if gaps_only {
        for r in &mut reports {
            r.findings
                .retain(|f| r.unusable || GAP_CODES.contains(&f.code));
        }
    }
    let command = if gaps_only { "gaps" } else { "check" };
    let mut total = Summary::default();
    for r in &reports {
        total.merge(Summary::of(&r.findings));
    }
    let any_fatal = reports.iter().any(|r| r.fatal);
    match sess.format {
        Format::Json => {
            let all: Vec<Finding> = reports
                .iter()
                .flat_map(|r| r.findings.iter().cloned())
                .collect();
            let mut doc = render::findings_json(command, &all, sess.lang);
            doc["as_of"] = json!(sess.as_of.to_string());
            doc["schools"] = json!(
                reports
                    .iter()
                    .map(|r| json!({
                        "school": r.school,
                        "file": r.file,
                        "loaded": !r.fatal,
                        "summary": Summary::of(&r.findings),
                    }))
                    .collect::<Vec<_>>()
            );
            let s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            sess.out(&s);
            sess.out("\n");
        }
        Format::Csv => {
            let all: Vec<Finding> = reports
                .iter()
                .flat_map(|r| r.findings.iter().cloned())
                .collect();
            if !(sess.quiet && all.is_empty()) {
                let s = render::findings_csv(&all, sess.lang);
                sess.out(&s);
            }
        }
        _ => text(sess, &reports, command, &total),
    }
    if any_fatal {
        EXIT_CANNOT_RUN
    } else {
        sess.exit_for(&total)
    }
}

fn text(sess: &mut Session, reports: &[Report], command: &str, total: &Summary) {
    let many = reports.len() > 1;
    if many && !sess.quiet {
        let rows: Vec<CountyRow> = reports
            .iter()
            .map(|r| CountyRow {
                school: r.school.clone(),
                loaded: !r.fatal,
                summary: Summary::of(&r.findings),
                blind_spots: Some(r.findings.iter().filter(|f| f.code == "G301").count()),
                missed: None,
                overdue: None,
            })
            .collect();
        let t = county_table(&rows, sess.lang);
        sess.out(&t);
        sess.out("\n");
    }
    for r in reports {
        let s = Summary::of(&r.findings);
        if sess.quiet && r.findings.is_empty() {
            continue;
        }
        if many {
            let head = super::school_heading(&r.school, &r.file);
            let head = sess.style.bold(&head);
            sess.out(&head);
        }
        // A school that could not be read is a diagnostic (stderr), not a result.
        if r.fatal {
            for f in &r.findings {
                let d = diag::finding(f, sess.lang, sess.err_style);
                sess.err(&d);
            }
            if !many {
                continue;
            }
        } else {
            for f in &r.findings {
                let d = diag::finding(f, sess.lang, sess.style);
                sess.out(&d);
                sess.out("\n");
            }
        }
        if !sess.quiet {
            let line = if r.findings.is_empty() {
                let clean = crate::i18n::labels(sess.lang).clean;
                format!("{command}: {} — {}\n", r.school, sess.style.green(clean))
            } else {
                format!(
                    "{command}: {} — {}\n",
                    r.school,
                    summary_line(sess.lang, &s)
                )
            };
            sess.out(&line);
        }
        if many {
            sess.out("\n");
        }
    }
    if many && !sess.quiet {
        let line = match sess.lang {
            Lang::En => format!(
                "{command}: {} schools — {}\n",
                reports.len(),
                summary_line(sess.lang, total)
            ),
            Lang::Zh => format!(
                "{command}：共 {} 所学校 — {}\n",
                reports.len(),
                summary_line(sess.lang, total)
            ),
        };
        sess.out(&line);
    }
}
