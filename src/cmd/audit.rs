//! `audit`: the closed loop (SPEC §5), grouped by the person who must act.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::{CountyRow, EXIT_CANNOT_RUN, School, Session};
use crate::audit::{Audit, Options};
use crate::cli::{Format, LogArgs};
use crate::findings::{Finding, Summary};
use crate::i18n::{Lang, Msg, severity_label, summary_line};
use crate::model::Fatal;

/// The log files to read: the command line's, else grid.toml's `[logs]`.
/// A named file that does not exist means the audit cannot run.
pub fn log_paths(
    school: &School,
    logs: &LogArgs,
) -> Result<(Option<PathBuf>, Option<PathBuf>), Fatal> {
    let g = &school.grid;
    let pick = |cli: &Option<PathBuf>, cfg: &Option<PathBuf>| {
        cli.clone().or_else(|| cfg.as_ref().map(|p| g.dir.join(p)))
    };
    let ins = pick(&logs.inspections, &g.logs.inspections);
    let haz = pick(&logs.hazards, &g.logs.hazards);
    for p in [&ins, &haz].into_iter().flatten() {
        if !p.is_file() {
            let path = p.display().to_string();
            return Err(Fatal {
                msg: Msg::NotFound { path: path.clone() },
                loc: Some(crate::findings::Loc::file(&path)),
            });
        }
    }
    Ok((ins, haz))
}

/// Run the audit on a loaded school: its logs, from `from` (default: the
/// term's start) to --as-of.
pub fn audit_loaded(
    school: &School,
    logs: &LogArgs,
    from: Option<NaiveDate>,
    as_of: NaiveDate,
    threaded: bool,
    per_person: bool,
) -> Result<(Audit, NaiveDate), Fatal> {
    let (ins, haz) = log_paths(school, logs)?;
    let from = from.unwrap_or(school.cal.start);
    let audit = crate::audit::run(
        school,
        &Options {
            inspections: ins.as_deref(),
            hazards: haz.as_deref(),
            from,
            as_of,
            threaded,
            per_person,
        },
    )
    .map_err(|f| Fatal {
        msg: f.msg,
        loc: f.loc,
    })?;
    Ok((audit, from))
}

/// The grid files of PATH for `audit` and `score`; log paths given on the
/// command line name one school's logs, so they take one school only.
pub fn log_schools(
    sess: &mut Session,
    path: &Option<PathBuf>,
    logs: &LogArgs,
) -> Result<Vec<PathBuf>, i32> {
    let path = super::default_path(path);
    let files = match crate::model::find_grid_files(&path) {
        Ok(f) => f,
        Err(f) => {
            sess.fatal(&f);
            return Err(EXIT_CANNOT_RUN);
        }
    };
    if files.len() > 1 && (logs.inspections.is_some() || logs.hazards.is_some()) {
        return Err(sess.usage(Msg::LogsForOneSchool));
    }
    Ok(files)
}

/// Load one school and audit it; what stops it comes back as findings.
pub fn load_and_audit(
    file: &std::path::Path,
    logs: &LogArgs,
    from: Option<NaiveDate>,
    as_of: NaiveDate,
    threaded: bool,
    per_person: bool,
) -> Result<(School, Audit, NaiveDate), Vec<Finding>> {
    let school = match super::load_one(file) {
        super::Entry::Ok { school, .. } => *school,
        super::Entry::Unusable { findings, .. } => return Err(findings),
        super::Entry::Fatal(f) => return Err(vec![Finding::from(f)]),
    };
    match audit_loaded(&school, logs, from, as_of, threaded, per_person) {
        Ok((audit, from)) => Ok((school, audit, from)),
        Err(f) => {
            let mut finding = Finding::from(f);
            finding.subject.school = Some(school.grid.school.name.clone());
            Err(vec![finding])
        }
    }
}

/// One school's audit, rendered for the session's format.
struct SchoolAudit {
    school: String,
    file: String,
    findings: Vec<Finding>,
    due_now: Vec<serde_json::Value>,
    from: NaiveDate,
    text: String,
    fatal: bool,
}

fn fatal_audit(file: String, findings: Vec<Finding>) -> SchoolAudit {
    let mut findings = findings;
    for f in &mut findings {
        f.subject.school = Some(file.clone());
    }
    SchoolAudit {
        school: file.clone(),
        file,
        findings,
        due_now: Vec::new(),
        from: NaiveDate::MIN,
        text: String::new(),
        fatal: true,
    }
}

fn audit_one(
    sess: &Session,
    file: &std::path::Path,
    logs: &LogArgs,
    from: Option<NaiveDate>,
    threaded: bool,
) -> SchoolAudit {
    let shown = file.display().to_string();
    let (school, mut audit, from) =
        match load_and_audit(file, logs, from, sess.as_of, threaded, false) {
            Ok(x) => x,
            Err(findings) => {
                let school = findings.first().and_then(|f| f.subject.school.clone());
                let mut a = fatal_audit(shown, findings);
                if let Some(name) = school {
                    a.school = name;
                }
                return a;
            }
        };
    let g = &school.grid;
    for f in &mut audit.findings {
        f.subject.school = Some(g.school.name.clone());
    }
    let due_now = audit
        .due_now
        .iter()
        .map(|(c, d, start)| {
            let duty = g.cells[*c].all_duties(g).nth(*d);
            json!({"school": g.school.name, "cell": g.cells[*c].id, "duty": duty.map(|d| d.id.clone()), "period_start": start.to_string()})
        })
        .collect();
    let text = if sess.format == Format::Text {
        grouped_text(sess, &school, &audit.findings)
    } else {
        String::new()
    };
    SchoolAudit {
        school: g.school.name.clone(),
        file: shown,
        findings: audit.findings,
        due_now,
        from,
        text,
        fatal: false,
    }
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
    let files = match log_schools(sess, path, logs) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if files.len() > 1 {
        return county(sess, &files, logs, from);
    }
    // One school reads its log on a second core.
    let a = audit_one(sess, &files[0], logs, from, true);
    if a.fatal {
        for f in &a.findings {
            let d = crate::render::diag::finding(f, sess.lang, sess.err_style);
            sess.err(&d);
        }
        return EXIT_CANNOT_RUN;
    }
    let summary = Summary::of(&a.findings);
    match sess.format {
        Format::Json => {
            let mut doc = crate::render::findings_json("audit", &a.findings, sess.lang);
            doc["as_of"] = json!(sess.as_of.to_string());
            doc["from"] = json!(a.from.to_string());
            doc["summary"]["missed"] = json!(count(&a.findings, "A501"));
            doc["summary"]["overdue"] = json!(count(&a.findings, "A502"));
            doc["summary"]["due_now"] = json!(a.due_now.len());
            doc["due_now"] = json!(a.due_now);
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            if !(sess.quiet && a.findings.is_empty()) {
                sess.out(&crate::render::findings_csv(&a.findings, sess.lang));
            }
        }
        _ => {
            if !(sess.quiet && a.findings.is_empty()) {
                let mut out = String::new();
                section_text(sess, &a, false, &mut out);
                sess.out(&out);
            }
        }
    }
    sess.exit_for(&summary)
}

fn count(list: &[Finding], code: &str) -> usize {
    list.iter().filter(|f| f.code == code).count()
}

/// A school's findings as text, grouped by person, and its summary line.
fn section_text(sess: &Session, a: &SchoolAudit, many: bool, out: &mut String) {
    if many {
        out.push_str(&sess.style.bold(&super::school_heading(&a.school, &a.file)));
    }
    out.push_str(&a.text);
    let s = Summary::of(&a.findings);
    let (missed, overdue) = (count(&a.findings, "A501"), count(&a.findings, "A502"));
    out.push_str(&match sess.lang {
        Lang::En => format!(
            "audit: {} {} – {} — {missed} missed, {overdue} overdue, {} due now; {}\n",
            a.school,
            a.from,
            sess.as_of,
            a.due_now.len(),
            summary_line(sess.lang, &s)
        ),
        Lang::Zh => format!(
            "audit：{} {} 至 {} — 漏检 {missed} 项，逾期 {overdue} 项，待检 {} 项；{}\n",
            a.school,
            a.from,
            sess.as_of,
            a.due_now.len(),
            summary_line(sess.lang, &s)
        ),
    });
    if many {
        out.push('\n');
    }
}

/// `  "key": value` as a field of a pretty-printed JSON document.
fn json_field(key: &str, value: &serde_json::Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    format!("  \"{key}\": {}", pretty.replace('\n', "\n  "))
}

/// One element of a pretty-printed array that is a field of the document.
fn json_element(first: bool, value: &serde_json::Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    let sep = if first { "\n" } else { ",\n" };
    format!("{sep}    {}", pretty.replace('\n', "\n    "))
}

/// How far the cores may run ahead of a slow school whose section is due:
/// the sections of at most this many schools wait in memory.
const SCHOOLS_AHEAD: usize = 16;

/// Standard output for a county run, written as it comes. A closed pipe
/// (`| head`) or a full disk ends the output, not the run.
struct Out<W: std::io::Write> {
    w: W,
    closed: bool,
}

impl<W: std::io::Write> Out<W> {
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }

    fn put_bytes(&mut self, b: &[u8]) {
        if !self.closed && self.w.write_all(b).is_err() {
            self.closed = true;
        }
    }

    fn flush(&mut self) {
        if !self.closed && self.w.flush().is_err() {
            self.closed = true;
        }
    }
}

/// A folder of schools. Every core audits schools; each school's section is
/// rendered as soon as it and the schools before it are done and its
/// findings dropped, so memory holds a summary row per school, not the
/// county's findings. Text waits in a spool for the summary table, which
/// comes first; JSON and CSV findings go straight to stdout.
fn county(sess: &mut Session, files: &[PathBuf], logs: &LogArgs, from: Option<NaiveDate>) -> i32 {
    use crate::render::spool::Spool;

    sess.flush();
    let stdout = std::io::stdout();
    let mut out = Out {
        w: std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        closed: false,
    };
    let shared: &Session = sess;
    let (lang, format, quiet) = (shared.lang, shared.format, shared.quiet);
    let mut rows: Vec<CountyRow> = Vec::new();
    let mut schools_json = Vec::new();
    let mut errors = String::new();
    let mut total = Summary::default();
    let (mut missed, mut overdue, mut due_now) = (0, 0, 0);
    let mut any_fatal = false;
    let mut text = Spool::new();
    let mut due_json = Spool::new();
    let (mut first_finding, mut first_due) = (true, true);
    let mut csv_header = false;
    match format {
        Format::Json => out.put("{\n  \"command\": \"audit\",\n  \"findings\": ["),
        Format::Csv if !quiet => {
            out.put(&crate::render::findings_csv(&[], lang));
            csv_header = true;
        }
        _ => {}
    }
    super::par_each_in_order(
        files,
        SCHOOLS_AHEAD,
        |f| audit_one(shared, f, logs, from, false),
        |a| {
            let summary = Summary::of(&a.findings);
            total.merge(summary);
            let (m, o) = (count(&a.findings, "A501"), count(&a.findings, "A502"));
            (missed, overdue, due_now) = (missed + m, overdue + o, due_now + a.due_now.len());
            any_fatal |= a.fatal;
            match format {
                Format::Json => {
                    for f in &a.findings {
                        let v = crate::render::finding_json(f, lang);
                        out.put(&json_element(first_finding, &v));
                        first_finding = false;
                    }
                    for d in &a.due_now {
                        due_json.push(&json_element(first_due, d));
                        first_due = false;
                    }
                    schools_json.push(json!({
                        "school": a.school,
                        "file": a.file,
                        "loaded": !a.fatal,
                        "summary": summary,
                        "missed": m,
                        "overdue": o,
                    }));
                }
                Format::Csv => {
                    if !a.findings.is_empty() {
                        // The header once, before the first rows.
                        if !csv_header {
                            out.put(&crate::render::findings_csv(&[], lang));
                            csv_header = true;
                        }
                        out.put(&crate::render::findings_csv_rows(&a.findings, lang));
                    }
                }
                _ => {
                    if !quiet {
                        rows.push(CountyRow {
                            school: a.school.clone(),
                            loaded: !a.fatal,
                            summary,
                            blind_spots: None,
                            missed: Some(m),
                            overdue: Some(o),
                        });
                    }
                    if quiet && a.findings.is_empty() {
                        return;
                    }
                    if a.fatal {
                        text.push(
                            &shared
                                .style
                                .bold(&super::school_heading(&a.school, &a.file)),
                        );
                        for f in &a.findings {
                            errors.push_str(&crate::render::diag::finding(
                                f,
                                lang,
                                shared.err_style,
                            ));
                        }
                    } else {
                        let mut section = String::new();
                        section_text(shared, &a, true, &mut section);
                        text.push(&section);
                    }
                }
            }
        },
    );
    let mut spool_error = None;
    match format {
        Format::Json => {
            let mut summary = serde_json::to_value(total).unwrap_or_default();
            summary["missed"] = json!(missed);
            summary["overdue"] = json!(overdue);
            summary["due_now"] = json!(due_now);
            let close = if first_finding { "]" } else { "\n  ]" };
            out.put(&format!("{close},\n{},\n", json_field("summary", &summary)));
            out.put(&format!(
                "{},\n  \"due_now\": [",
                json_field("as_of", &json!(sess.as_of.to_string()))
            ));
            if let Err(e) = due_json.drain(|b| out.put_bytes(b)) {
                spool_error = Some(e);
            }
            let close = if first_due { "]" } else { "\n  ]" };
            out.put(&format!(
                "{close},\n{}\n}}\n",
                json_field("schools", &json!(schools_json))
            ));
        }
        Format::Csv => {}
        _ => {
            if !quiet {
                out.put(&super::county_table(&rows, lang));
                out.put("\n");
            }
            if let Err(e) = text.drain(|b| out.put_bytes(b)) {
                spool_error = Some(e);
            }
        }
    }
    out.flush();
    drop(out);
    sess.err(&errors);
    if let Some(e) = spool_error {
        sess.fatal(&crate::model::Fatal {
            msg: Msg::OutputSpool {
                error: e.to_string(),
            },
            loc: None,
        });
        return EXIT_CANNOT_RUN;
    }
    if any_fatal {
        return EXIT_CANNOT_RUN;
    }
    sess.exit_for(&total)
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
        let help_label = crate::i18n::labels(lang).help;
        for (k, f) in list.iter().enumerate() {
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
            // What to do, once after a run of findings that share it.
            let help = f.msg.help(lang);
            if help.is_some() && list.get(k + 1).and_then(|n| n.msg.help(lang)) != help {
                let help = help.unwrap_or_default();
                out.push_str(&format!("      = {help_label}: {help}\n"));
            }
        }
        out.push('\n');
    }
    out
}
