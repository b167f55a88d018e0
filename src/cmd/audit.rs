//! `audit`: the closed loop (SPEC §5), grouped by the person who must act.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::{EXIT_CANNOT_RUN, School, Session, load_single};
use crate::audit::{Audit, Options};
use crate::cli::{Format, LogArgs};
use crate::findings::{Finding, Summary};
use crate::i18n::{Lang, Msg, labels, severity_label, summary_line};

/// The log files to read: the command line's, else grid.toml's `[logs]`.
/// A named file that does not exist stops the command (exit 2).
pub fn log_paths(
    sess: &mut Session,
    school: &School,
    logs: &LogArgs,
) -> Result<(Option<PathBuf>, Option<PathBuf>), i32> {
    let g = &school.grid;
    let pick = |cli: &Option<PathBuf>, cfg: &Option<PathBuf>| {
        cli.clone().or_else(|| cfg.as_ref().map(|p| g.dir.join(p)))
    };
    let ins = pick(&logs.inspections, &g.logs.inspections);
    let haz = pick(&logs.hazards, &g.logs.hazards);
    for p in [&ins, &haz].into_iter().flatten() {
        if !p.is_file() {
            let f = crate::model::Fatal {
                msg: Msg::NotFound {
                    path: p.display().to_string(),
                },
                loc: Some(crate::findings::Loc::file(&p.display().to_string())),
            };
            sess.fatal(&f);
            return Err(EXIT_CANNOT_RUN);
        }
    }
    Ok((ins, haz))
}

/// Load the school, find its logs, and run the audit.
pub fn audit_school(
    sess: &mut Session,
    path: &Option<PathBuf>,
    logs: &LogArgs,
    from: Option<NaiveDate>,
) -> Result<(School, Audit, NaiveDate), i32> {
    let (school, _) = load_single(sess, path)?;
    let (ins, haz) = log_paths(sess, &school, logs)?;
    let from = from.unwrap_or(school.cal.start);
    let audit = crate::audit::run(
        &school,
        &Options {
            inspections: ins.as_deref(),
            hazards: haz.as_deref(),
            from,
            as_of: sess.as_of,
        },
    );
    Ok((school, audit, from))
}

pub fn run(
    sess: &mut Session,
    path: &Option<PathBuf>,
    logs: &LogArgs,
    from: Option<NaiveDate>,
) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let (school, mut audit, from) = match audit_school(sess, path, logs, from) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let g = &school.grid;
    for f in &mut audit.findings {
        f.subject.school = Some(g.school.name.clone());
    }
    let summary = Summary::of(&audit.findings);
    let count = |code: &str| audit.findings.iter().filter(|f| f.code == code).count();
    match sess.format {
        Format::Json => {
            let mut doc = crate::render::findings_json("audit", &audit.findings, sess.lang);
            doc["as_of"] = json!(sess.as_of.to_string());
            doc["from"] = json!(from.to_string());
            doc["summary"]["missed"] = json!(count("A501"));
            doc["summary"]["overdue"] = json!(count("A502"));
            doc["summary"]["due_now"] = json!(audit.due_now.len());
            doc["due_now"] = json!(
                audit
                    .due_now
                    .iter()
                    .map(|(c, d, start)| {
                        let duty = g.cells[*c].all_duties(g).nth(*d);
                        json!({"cell": g.cells[*c].id, "duty": duty.map(|d| d.id.clone()), "period_start": start.to_string()})
                    })
                    .collect::<Vec<_>>()
            );
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            if !(sess.quiet && audit.findings.is_empty()) {
                sess.out(&crate::render::findings_csv(&audit.findings, sess.lang));
            }
        }
        _ => {
            if !(sess.quiet && audit.findings.is_empty()) {
                let text = grouped_text(sess, &school, &audit.findings);
                sess.out(&text);
                let line = match sess.lang {
                    Lang::En => format!(
                        "audit: {} {} – {} — {} missed, {} overdue, {} due now; {}\n",
                        g.school.name,
                        from,
                        sess.as_of,
                        count("A501"),
                        count("A502"),
                        audit.due_now.len(),
                        summary_line(sess.lang, &summary)
                    ),
                    Lang::Zh => format!(
                        "audit：{} {} 至 {} — 漏检 {} 项，逾期 {} 项，待检 {} 项；{}\n",
                        g.school.name,
                        from,
                        sess.as_of,
                        count("A501"),
                        count("A502"),
                        audit.due_now.len(),
                        summary_line(sess.lang, &summary)
                    ),
                };
                sess.out(&line);
            }
        }
    }
    sess.exit_for(&summary)
}

/// Findings grouped by the person who must act, with phones; findings about
/// the records themselves last.
pub fn grouped_text(sess: &Session, school: &School, findings: &[Finding]) -> String {
    let g = &school.grid;
    let lang = sess.lang;
    let mut groups: Vec<(Option<usize>, Vec<&Finding>)> = Vec::new();
    for f in findings {
        let p = f
            .subject
            .person
            .as_ref()
            .and_then(|id| g.index.people.get(id).copied());
        match groups.iter_mut().find(|(k, _)| *k == p) {
            Some((_, v)) => v.push(f),
            None => groups.push((p, vec![f])),
        }
    }
    groups.sort_by_key(|(p, _)| (p.is_none(), *p));
    let mut out = String::new();
    for (p, list) in groups {
        let head = match p {
            Some(p) => format!("{} ({})", super::person_text(g, p), list.len()),
            None => format!(
                "{} ({})",
                lang.pick("records to correct", "需更正的记录"),
                list.len()
            ),
        };
        out.push_str(&sess.style.bold(&head));
        out.push('\n');
        for f in list {
            let sev = format!("{}[{}]", severity_label(lang, f.severity), f.code);
            let sev = match f.severity {
                crate::findings::Severity::Error => sess.style.red(&sev),
                crate::findings::Severity::Warning => sess.style.yellow(&sev),
                crate::findings::Severity::Info => sess.style.cyan(&sev),
            };
            out.push_str(&format!("  {sev} {}\n", f.msg.text(lang)));
            if let Some(loc) = &f.loc {
                let at = match loc.line {
                    Some(l) => format!("{}:{l}", loc.file),
                    None => loc.file.clone(),
                };
                out.push_str(&format!("      --> {at}\n"));
            }
        }
        out.push('\n');
    }
    let _ = labels(lang);
    out
}
