//! `score`: the assessment per person (SPEC §6), as a table, CSV or JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::{EXIT_CANNOT_RUN, EXIT_OK, Session};
use crate::cli::{Format, LogArgs};
use crate::i18n::Lang;
use crate::score::{PersonScore, Veto};

fn pct(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn veto_text(v: &Veto, lang: Lang) -> String {
    match (v, lang) {
        (Veto::OverdueMajor { hazard }, Lang::En) => format!("overdue major hazard {hazard}"),
        (Veto::OverdueMajor { hazard }, Lang::Zh) => format!("重大隐患 {hazard} 逾期未整改"),
        (
            Veto::MissedBeforeHazard {
                cell,
                duty,
                date,
                hazard,
                found,
            },
            Lang::En,
        ) => {
            format!("missed {duty} in {cell} ({date}); hazard {hazard} found there on {found}")
        }
        (
            Veto::MissedBeforeHazard {
                cell,
                duty,
                date,
                hazard,
                found,
            },
            Lang::Zh,
        ) => {
            format!("{cell}“{duty}”漏检（{date}），{found} 在此发现隐患 {hazard}")
        }
    }
}

/// One school's assessment, or why it could not be made.
struct SchoolScores {
    school: String,
    from: NaiveDate,
    to: NaiveDate,
    /// (person id, name, scores) per person.
    people: Vec<(String, String, PersonScore)>,
    weights: (u32, u32),
    fatal: Vec<crate::findings::Finding>,
    /// Log rows that could not be read (A508): not counted.
    unreadable: usize,
}

fn score_one(
    sess: &Session,
    file: &std::path::Path,
    logs: &LogArgs,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    threaded: bool,
) -> SchoolScores {
    let shown = file.display().to_string();
    let failed = |findings: Vec<crate::findings::Finding>| SchoolScores {
        school: shown.clone(),
        from: sess.as_of,
        to: sess.as_of,
        people: Vec::new(),
        weights: (0, 0),
        fatal: findings,
        unreadable: 0,
    };
    let (school, audit, from) =
        match super::audit::load_and_audit(file, logs, from, sess.as_of, threaded, true) {
            Ok(x) => x,
            Err(findings) => return failed(findings),
        };
    let g = &school.grid;
    let to = to.unwrap_or(sess.as_of);
    let people = crate::score::score(g, &audit, from, to, sess.as_of)
        .into_iter()
        .map(|s| {
            (
                g.people[s.person].id.clone(),
                g.people[s.person].name.clone(),
                s,
            )
        })
        .collect();
    SchoolScores {
        school: g.school.name.clone(),
        from,
        to,
        people,
        weights: (g.policy.score_inspections, g.policy.score_hazards),
        fatal: Vec::new(),
        unreadable: audit.findings.iter().filter(|f| f.code == "A508").count(),
    }
}

pub fn run(
    sess: &mut Session,
    path: &Option<PathBuf>,
    logs: &LogArgs,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let files = match super::audit::log_schools(sess, path, logs) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let shared: &Session = sess;
    let threaded = files.len() == 1;
    let sets = super::par_map(&files, |f| score_one(shared, f, logs, from, to, threaded));
    let many = sets.len() > 1;
    let lang = sess.lang;
    for set in &sets {
        for f in &set.fatal {
            let d = crate::render::diag::finding(f, lang, sess.err_style);
            sess.err(&d);
        }
        if set.unreadable > 0 {
            let msg = crate::i18n::Msg::RowsNotCounted {
                school: set.school.clone(),
                count: set.unreadable,
            };
            let d = crate::render::diag::render(
                "A508",
                crate::findings::Severity::Warning,
                &msg,
                None,
                lang,
                sess.err_style,
            );
            sess.err(&d);
        }
    }
    let mut header: Vec<String> = match lang {
        Lang::En => vec![
            "person",
            "name",
            "inspections due",
            "done",
            "done %",
            "hazards owned",
            "on time %",
            "overdue now",
            "verifications on time",
            "score",
            "veto",
        ],
        Lang::Zh => vec![
            "人员",
            "姓名",
            "应检",
            "已检",
            "完成率",
            "负责隐患",
            "按期整改率",
            "当前逾期",
            "按期验收",
            "得分",
            "一票否决",
        ],
    }
    .into_iter()
    .map(String::from)
    .collect();
    if many {
        header.insert(0, lang.pick("school", "学校").to_string());
    }
    let row = |set: &SchoolScores, id: &str, name: &str, s: &PersonScore| -> Vec<String> {
        let mut r = vec![
            id.to_string(),
            name.to_string(),
            s.inspections_due.to_string(),
            s.inspections_done.to_string(),
            pct(s.inspection_rate()),
            s.hazards_owned.to_string(),
            pct(s.hazard_rate()),
            s.overdue_now.to_string(),
            format!("{}/{}", s.verified_on_time, s.verifications),
            format!("{:.1}", s.score),
            s.veto
                .iter()
                .map(|v| veto_text(v, lang))
                .collect::<Vec<_>>()
                .join("; "),
        ];
        if many {
            r.insert(0, set.school.clone());
        }
        r
    };
    match sess.format {
        Format::Json => {
            let people: Vec<_> = sets
                .iter()
                .flat_map(|set| {
                    set.people.iter().map(move |(id, name, s)| {
                        json!({
                            "school": set.school,
                            "person": id,
                            "name": name,
                            "inspections_due": s.inspections_due,
                            "inspections_done": s.inspections_done,
                            "inspection_rate": s.inspection_rate(),
                            "hazards_owned": s.hazards_owned,
                            "closed_on_time": s.closed_on_time,
                            "hazard_rate": s.hazard_rate(),
                            "overdue_now": s.overdue_now,
                            "verifications": s.verifications,
                            "verified_on_time": s.verified_on_time,
                            "score": s.score,
                            "veto": !s.veto.is_empty(),
                            "veto_reasons": s.veto.iter().map(|v| veto_text(v, lang)).collect::<Vec<_>>(),
                        })
                    })
                })
                .collect();
            let mut doc = json!({
                "command": "score",
                "as_of": sess.as_of.to_string(),
                "people": people,
            });
            if let [set] = sets.as_slice() {
                doc["school"] = json!(set.school);
                doc["from"] = json!(set.from.to_string());
                doc["to"] = json!(set.to.to_string());
                doc["weights"] = json!({"inspections": set.weights.0, "hazards": set.weights.1});
            }
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            let mut t = crate::render::csvout::Table::new(header);
            for set in &sets {
                for (id, name, s) in &set.people {
                    t.row(row(set, id, name, s));
                }
            }
            sess.out(&t.to_stdout_string());
        }
        _ => {
            for set in sets.iter().filter(|s| s.fatal.is_empty()) {
                let (wi, wh) = set.weights;
                let head = match lang {
                    Lang::En => format!(
                        "{} — assessment {} – {} (inspections {wi}%, hazards {wh}%)\n",
                        set.school, set.from, set.to
                    ),
                    Lang::Zh => format!(
                        "{} — 考核 {} 至 {}（检查 {wi}%，隐患整改 {wh}%）\n",
                        set.school, set.from, set.to
                    ),
                };
                sess.out(&sess.style.bold(&head));
                let body = set
                    .people
                    .iter()
                    .map(|(id, name, s)| row(set, id, name, s))
                    .collect();
                sess.out(&crate::render::table::table(header.clone(), body));
                if many {
                    sess.out("\n");
                }
            }
        }
    }
    if sets.iter().any(|s| !s.fatal.is_empty()) {
        EXIT_CANNOT_RUN
    } else {
        EXIT_OK
    }
}
