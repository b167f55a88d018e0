//! `who`: for a space at a moment, the front-line owner and the chain up to
//! level 1 with phones; for a cell, its people and chain; for a person,
//! everything they hold.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{
    EXIT_CANNOT_RUN, School, Session, Target, find_target, load_single, person_text, staff_json,
    staff_text,
};
use crate::calendar::hhmm;
use crate::cli::Format;
use crate::coverage::bit;
use crate::i18n::{Lang, Msg, labels};
use crate::model::Admin;

pub fn run(sess: &mut Session, args: &[String], at: &Option<String>) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json]) {
        return code;
    }
    let (path, target) = match args {
        [t] => (None, t.clone()),
        [p, t] => (Some(std::path::PathBuf::from(p)), t.clone()),
        _ => return EXIT_CANNOT_RUN,
    };
    let (date, minute) = match at {
        None => (sess.as_of, None),
        Some(s) => match crate::calendar::parse_moment(s, sess.as_of) {
            Some(m) => m,
            None => return sess.usage(Msg::BadMoment { value: s.clone() }),
        },
    };
    let (school, load_errors) = match load_single(sess, &path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let t = match find_target(&school.grid, &target) {
        Ok(t) => t,
        Err(msg) => return sess.usage(msg),
    };
    let doc = match t {
        Target::Space(s) => space(&school, s, date, minute, sess.lang),
        Target::Cell(c) => cell_doc(&school, c, date, sess.lang),
        Target::Person(p) => person(&school, p, date, sess.lang),
    };
    match sess.format {
        Format::Json => {
            sess.out(&serde_json::to_string_pretty(&doc.json).unwrap_or_default());
            sess.out("\n");
        }
        _ => {
            let text = doc.text(sess);
            sess.out(&text);
        }
    }
    sess.exit_for(&load_errors)
}

/// The answer, built once as data, shown as JSON or text.
struct Answer {
    json: Value,
    lines: Vec<Line>,
}

enum Line {
    Title(String),
    Field(&'static str, &'static str, String),
    Item(String),
    Gap(String),
}

impl Answer {
    fn text(&self, sess: &Session) -> String {
        let mut out = String::new();
        for l in &self.lines {
            match l {
                Line::Title(s) => out.push_str(&format!("{}\n", sess.style.bold(s))),
                Line::Field(en, zh, v) => {
                    out.push_str(&format!("  {}: {v}\n", sess.lang.pick(en, zh)))
                }
                Line::Item(s) => out.push_str(&format!("    {s}\n")),
                Line::Gap(s) => out.push_str(&format!("  {}\n", sess.style.red(s))),
            }
        }
        out
    }
}

fn chain_json(school: &School, c: usize, date: NaiveDate) -> Value {
    let g = &school.grid;
    json!(
        g.chain_up(c)
            .into_iter()
            .map(|p| json!({
                "cell": g.cells[p].id,
                "name": g.cells[p].name,
                "level": g.cells[p].level,
                "staff": staff_json(g, &school.staff(p, date)),
            }))
            .collect::<Vec<_>>()
    )
}

fn space(school: &School, s: usize, date: NaiveDate, minute: Option<u16>, lang: Lang) -> Answer {
    let g = &school.grid;
    let sp = &g.spaces[s];
    let mut lines = Vec::new();
    let mut slots_json = Vec::new();
    // Which slots: the one(s) at the moment, or every slot that applies that day.
    let slots: Vec<usize> = (0..g.slots.len())
        .filter(|&i| {
            let sl = &g.slots[i];
            school.cal.applies(sl.on, date) && minute.is_none_or(|m| sl.start <= m && m < sl.end)
        })
        .collect();
    let when = match minute {
        Some(m) => format!("{date} {}", hhmm(m)),
        None => date.to_string(),
    };
    lines.push(Line::Title(format!("{} ({}) — {when}", sp.name, sp.id)));
    if !school.cal.in_term(date) {
        lines.push(Line::Gap(labels(lang).not_in_term.to_string()));
    } else if slots.is_empty() {
        lines.push(Line::Gap(labels(lang).no_slot_at.to_string()));
    }
    let leaves_inside = school.cov.children[s].len();
    for slot in slots {
        let sl = &g.slots[slot];
        let owners = school.cov.owners(g, s, slot);
        let front = school.cov.front_owners(g, s, slot);
        let needed = !school.cov.is_leaf(s) || school.cov.needed(g, s) & bit(slot) != 0;
        lines.push(Line::Field(
            "slot",
            "时段",
            format!(
                "{} ({}) {}-{}",
                sl.name,
                sl.id,
                hhmm(sl.start),
                hhmm(sl.end)
            ),
        ));
        let mut owner_json = Vec::new();
        if front.is_empty() {
            if needed {
                lines.push(Line::Gap(format!(
                    "{}: {}",
                    labels(lang).gap,
                    owners
                        .iter()
                        .map(|&c| super::cell_line(school, c, date, lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                )));
            } else {
                lines.push(Line::Item(format!(
                    "— ({})",
                    lang.pick("not needed in this slot", "此时段无需负责人")
                )));
            }
        }
        for &c in &front {
            lines.push(Line::Field(
                "front-line",
                "一线负责",
                super::cell_line(school, c, date, lang),
            ));
            for p in g.chain_up(c) {
                lines.push(Line::Item(format!(
                    "↑ {}",
                    super::cell_line(school, p, date, lang)
                )));
            }
            owner_json.push(json!({
                "cell": g.cells[c].id,
                "name": g.cells[c].name,
                "staff": staff_json(g, &school.staff(c, date)),
                "chain": chain_json(school, c, date),
            }));
        }
        slots_json.push(json!({
            "slot": sl.id,
            "name": sl.name,
            "time": format!("{}-{}", hhmm(sl.start), hhmm(sl.end)),
            "needed": needed,
            "front_line": owner_json,
            "higher": owners.iter().filter(|&&c| g.cells[c].level != 4).map(|&c| g.cells[c].id.clone()).collect::<Vec<_>>(),
        }));
    }
    if leaves_inside > 0 {
        lines.push(Line::Item(match lang {
            Lang::En => format!("({leaves_inside} spaces inside)"),
            Lang::Zh => format!("（内含 {leaves_inside} 个场所）"),
        }));
    }
    Answer {
        json: json!({
            "target": "space",
            "space": sp.id,
            "name": sp.name,
            "date": date.to_string(),
            "time": minute.map(hhmm),
            "school_day": school.cal.is_school_day(date),
            "slots": slots_json,
        }),
        lines,
    }
}

fn cell_doc(school: &School, c: usize, date: NaiveDate, lang: Lang) -> Answer {
    let g = &school.grid;
    let cell = &g.cells[c];
    let st = school.staff(c, date);
    let mut lines = vec![Line::Title(format!(
        "[{}] {} ({}) — {date}",
        cell.level, cell.name, cell.id
    ))];
    lines.push(Line::Field(
        "serving",
        "在岗",
        staff_text(g, &st, lang, date),
    ));
    match cell.admin {
        Some(Admin::Person(a)) => lines.push(Line::Field("admin", "网格员", person_text(g, a))),
        Some(Admin::Roster(r)) => lines.push(Line::Field(
            "admin",
            "网格员",
            format!("@{} ({})", g.rosters[r].id, g.rosters[r].name),
        )),
        None => {}
    }
    if let Some(d) = cell.deputy {
        lines.push(Line::Field("deputy", "替岗人", person_text(g, d)));
    }
    for m in &cell.members {
        lines.push(Line::Field(
            "member",
            "成员",
            format!("{}: {}", m.role, person_text(g, m.person)),
        ));
    }
    let spaces: Vec<String> = cell
        .spaces
        .iter()
        .map(|&s| g.spaces[s].name.clone())
        .collect();
    if !spaces.is_empty() {
        lines.push(Line::Field("spaces", "场所", spaces.join("、")));
    }
    let slots = match &cell.slots {
        None => labels(lang).every_slot.to_string(),
        Some(v) => v
            .iter()
            .map(|&s| g.slots[s].name.clone())
            .collect::<Vec<_>>()
            .join("、"),
    };
    lines.push(Line::Field("slots", "时段", slots));
    let villages: Vec<String> = cell
        .villages
        .iter()
        .map(|&v| g.villages[v].name.clone())
        .collect();
    if !villages.is_empty() {
        lines.push(Line::Field("villages", "村", villages.join("、")));
    }
    for d in cell.all_duties(g) {
        lines.push(Line::Field(
            "duty",
            "职责",
            format!(
                "[{}] {}",
                crate::i18n::every_label(labels(lang), d.every),
                d.text
            ),
        ));
    }
    for p in g.chain_up(c) {
        lines.push(Line::Item(format!(
            "↑ {}",
            super::cell_line(school, p, date, lang)
        )));
    }
    Answer {
        json: json!({
            "target": "cell",
            "cell": cell.id,
            "name": cell.name,
            "level": cell.level,
            "date": date.to_string(),
            "staff": staff_json(g, &st),
            "deputy": cell.deputy.map(|d| g.people[d].id.clone()),
            "spaces": cell.spaces.iter().map(|&s| g.spaces[s].id.clone()).collect::<Vec<_>>(),
            "slots": cell.slots.as_ref().map(|v| v.iter().map(|&s| g.slots[s].id.clone()).collect::<Vec<_>>()),
            "villages": cell.villages.iter().map(|&v| g.villages[v].id.clone()).collect::<Vec<_>>(),
            "duties": cell.all_duties(g).map(|d| json!({"id": d.id, "text": d.text, "every": d.every.as_str()})).collect::<Vec<_>>(),
            "chain": chain_json(school, c, date),
        }),
        lines,
    }
}

fn person(school: &School, p: usize, date: NaiveDate, lang: Lang) -> Answer {
    let g = &school.grid;
    let person = &g.people[p];
    let mut lines = vec![Line::Title(format!(
        "{} ({}) — {date}",
        person.name, person.id
    ))];
    if let Some(ph) = &person.phone {
        lines.push(Line::Field("phone", "电话", ph.clone()));
    }
    if let Some(org) = &person.org {
        lines.push(Line::Field("org", "单位", org.clone()));
    }
    let why = crate::rules::why_absent(person, date);
    lines.push(Line::Field("on the date", "当日", why.text(lang)));
    let mut held = Vec::new();
    let l = labels(lang);
    for c in &g.cells {
        // (as, shown): the machine value for JSON, the words for people.
        let how = if c.admin == Some(Admin::Person(p)) {
            Some(("admin", l.admin))
        } else if c.deputy == Some(p) {
            Some(("deputy", l.deputy))
        } else {
            c.members
                .iter()
                .find(|m| m.person == p)
                .map(|m| (m.role.as_str(), super::role_name(g, &m.role)))
        };
        if let Some((how, shown)) = how {
            lines.push(Line::Field(
                "holds",
                "负责",
                format!("{shown}: [{}] {} ({})", c.level, c.name, c.id),
            ));
            for d in c.all_duties(g) {
                lines.push(Line::Item(format!(
                    "[{}] {}",
                    crate::i18n::every_label(l, d.every),
                    d.text
                )));
            }
            held.push(json!({"cell": c.id, "name": c.name, "level": c.level, "as": how,
                "duties": c.all_duties(g).map(|d| json!({"id": d.id, "text": d.text, "every": d.every.as_str()})).collect::<Vec<_>>()}));
        }
    }
    let pools: Vec<&crate::model::Roster> =
        g.rosters.iter().filter(|r| r.pool.contains(&p)).collect();
    for r in &pools {
        lines.push(Line::Field(
            "roster",
            "值班表",
            format!("{} ({})", r.name, r.id),
        ));
    }
    if held.is_empty() && pools.is_empty() {
        lines.push(Line::Gap(labels(lang).holds_nothing.to_string()));
    }
    Answer {
        json: json!({
            "target": "person",
            "person": person.id,
            "name": person.name,
            "phone": person.phone,
            "serving": crate::calendar::serves(person, date),
            "date": date.to_string(),
            "holds": held,
            "rosters": pools.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        }),
        lines,
    }
}
