//! `score`: the assessment per person (SPEC §6), as a table, CSV or JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::{EXIT_OK, Session};
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
    let (school, audit, from) = match super::audit::audit_school(sess, path, logs, from) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let g = &school.grid;
    let to = to.unwrap_or(sess.as_of);
    let scores = crate::score::score(g, &audit, from, to, sess.as_of);
    let lang = sess.lang;
    let header: Vec<String> = match lang {
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
    let row = |s: &PersonScore| -> Vec<String> {
        let p = &g.people[s.person];
        vec![
            p.id.clone(),
            p.name.clone(),
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
        ]
    };
    match sess.format {
        Format::Json => {
            let people: Vec<_> = scores
                .iter()
                .map(|s| {
                    let p = &g.people[s.person];
                    json!({
                        "person": p.id,
                        "name": p.name,
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
                .collect();
            let doc = json!({
                "command": "score",
                "school": g.school.name,
                "from": from.to_string(),
                "to": to.to_string(),
                "as_of": sess.as_of.to_string(),
                "weights": {"inspections": g.policy.score_inspections, "hazards": g.policy.score_hazards},
                "people": people,
            });
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            let mut t = crate::render::csvout::Table::new(header);
            for s in &scores {
                t.row(row(s));
            }
            sess.out(&t.to_stdout_string());
        }
        _ => {
            let head = match lang {
                Lang::En => format!(
                    "{} — assessment {from} – {to} (inspections {}%, hazards {}%)\n",
                    g.school.name, g.policy.score_inspections, g.policy.score_hazards
                ),
                Lang::Zh => format!(
                    "{} — 考核 {from} 至 {to}（检查 {}%，隐患整改 {}%）\n",
                    g.school.name, g.policy.score_inspections, g.policy.score_hazards
                ),
            };
            sess.out(&sess.style.bold(&head));
            let body = scores.iter().map(row).collect();
            sess.out(&crate::render::table::table(header, body));
        }
    }
    EXIT_OK
}
