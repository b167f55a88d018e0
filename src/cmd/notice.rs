//! `notice`: a one-page HTML notice (安全责任公示) to post at a place: for
//! each slot the place needs an owner in, the front-line cell and the person
//! serving on --as-of with their phone; then the chain up to level 1. With
//! `--all`, one page per leaf space. `--redact` masks phones (138****0004)
//! for notices the public can read.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::checklist::{emit, resolve};
use super::{School, Session, load_single};
use crate::calendar::hhmm;
use crate::cli::Format;
use crate::coverage::{Staff, slots_of};
use crate::i18n::{Kind, Lang, labels};
use crate::model::{Grid, On};
use crate::render::html::{self, escape as esc};

pub use crate::cli::NoticeArgs as Args;

pub fn run(sess: &mut Session, args: &Args) -> i32 {
    // html is the notice's only format; the default (text) means html too.
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Html]) {
        return code;
    }
    let l = labels(sess.lang);
    let (path, key) = if args.all {
        match args.args.as_slice() {
            [] => (None, None),
            [p] => (Some(PathBuf::from(p)), None),
            _ => return sess.error(l.all_takes_path.to_string(), None),
        }
    } else {
        match args.args.as_slice() {
            // A lone argument that is a folder or file is a PATH without a SPACE.
            [s] if std::path::Path::new(s).exists() => {
                return sess.error(
                    l.need_space.to_string(),
                    Some(l.need_space_help.to_string()),
                );
            }
            [s] => (None, Some(s.clone())),
            [p, s] => (Some(PathBuf::from(p)), Some(s.clone())),
            _ => {
                return sess.error(
                    l.need_space.to_string(),
                    Some(l.need_space_help.to_string()),
                );
            }
        }
    };
    let (school, load_errors) = match load_single(sess, &path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let g = &school.grid;
    let lang = sess.lang;
    let spaces: Vec<usize> = match key {
        Some(k) => match resolve(g, Kind::Space, &k, lang) {
            Ok(s) => vec![s],
            Err((text, help)) => return sess.error(text, help),
        },
        None => (0..g.spaces.len())
            .filter(|&s| school.cov.is_leaf(s))
            .collect(),
    };
    if spaces.is_empty() {
        let head = sess.err_style.yellow(l.warning);
        sess.err(&format!("{head}: {}\n", l.nothing_to_print));
        return sess.exit_for(&load_errors);
    }
    let date = sess.as_of;
    let pages: Vec<html::Page> = spaces
        .iter()
        .map(|&s| {
            let (body, rows) = page(&school, s, date, lang, args.redact);
            html::Page {
                class: match rows {
                    0..=16 => "notice",
                    17..=24 => "notice dense",
                    _ => "notice dense denser",
                },
                body,
            }
        })
        .collect();
    let title = match spaces.as_slice() {
        [one] => format!("{} — {}", g.spaces[*one].name, l.notice_title),
        _ => format!("{} — {}", g.school.name, l.notice_title),
    };
    let doc = html::document(lang, &title, &pages);
    if let Err(code) = emit(
        sess,
        args.output.as_deref(),
        args.force,
        &doc,
        doc.as_bytes(),
    ) {
        return code;
    }
    sess.exit_for(&load_errors)
}

/// `13800000004` → `138****0004`: the first three and last four digits
/// stay. Shorter numbers keep only their last two characters.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.trim().chars().collect();
    let n = chars.len();
    if n >= 8 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[n - 4..].iter().collect();
        format!("{head}****{tail}")
    } else if n > 2 {
        let tail: String = chars[n - 2..].iter().collect();
        format!("{}{tail}", "*".repeat(n - 2))
    } else {
        "*".repeat(n)
    }
}

/// People who answer for a cell on the date: (name with a note, phone).
fn people(g: &Grid, st: &Staff, lang: Lang, redact: bool) -> Result<Vec<(String, String)>, String> {
    let l = labels(lang);
    let phone = |p: usize| match &g.people[p].phone {
        Some(ph) if redact => mask_phone(ph),
        Some(ph) => ph.clone(),
        None => "—".to_string(),
    };
    let name = |p: usize| g.people[p].name.clone();
    Ok(match st {
        Staff::Admin(p) => vec![(name(*p), phone(*p))],
        Staff::Deputy { admin, deputy } => {
            let note = match lang {
                Lang::En => format!("{} ({} {})", name(*deputy), l.serving_for, name(*admin)),
                Lang::Zh => format!("{}（{}{}）", name(*deputy), l.serving_for, name(*admin)),
            };
            vec![(note, phone(*deputy))]
        }
        Staff::Roster { roster, people } if people.is_empty() => {
            let r = &g.rosters[*roster];
            let note = match lang {
                Lang::En => format!("{} ({})", r.name, l.by_roster),
                Lang::Zh => format!("{}（{}）", r.name, l.by_roster),
            };
            vec![(note, "—".to_string())]
        }
        Staff::Roster { people, .. } => people.iter().map(|&p| (name(p), phone(p))).collect(),
        Staff::Members(m) if !m.is_empty() => m
            .iter()
            .map(|(role, p)| {
                let role = super::role_name(g, role);
                let text = match lang {
                    Lang::En => format!("{role}: {}", name(*p)),
                    Lang::Zh => format!("{role}：{}", name(*p)),
                };
                (text, phone(*p))
            })
            .collect(),
        Staff::Members(_) | Staff::Nobody { .. } => return Err(l.nobody.to_string()),
    })
}

fn days_label(on: On, lang: Lang) -> String {
    let l = labels(lang);
    crate::i18n::cap_in(
        lang,
        match on {
            On::SchoolDays => l.school_day,
            On::NonSchool => l.non_school_day,
            On::All => l.every_day,
        },
    )
}

/// A label as a heading: capitalised in English (Chinese has no case).
/// An accepted gap (a G301 waiver in force on the date) for this place and
/// slot: the same waiver `check` accepts.
fn waiver_for(g: &Grid, space: usize, slot: usize, date: NaiveDate) -> Option<String> {
    crate::rules::gap_waiver(g, space, slot, date).map(|w| w.why.clone())
}

/// The page's body, and how many table and chain rows it has (for the
/// density of its type).
fn page(school: &School, s: usize, date: NaiveDate, lang: Lang, redact: bool) -> (String, usize) {
    let g = &school.grid;
    let l = labels(lang);
    let sp = &g.spaces[s];
    let mut b = String::new();
    b.push_str(&format!(
        "<div class=\"school\">{}</div>\n",
        esc(&g.school.name)
    ));
    b.push_str(&format!("<h1>{}</h1>\n", esc(&sp.name)));
    b.push_str(&format!(
        "<div class=\"sub\">{}</div>\n",
        esc(l.notice_title)
    ));

    b.push_str("<table class=\"slots\">\n<thead><tr>");
    for h in [l.slot, l.time, l.days, l.front_line, l.responsible, l.phone] {
        b.push_str(&format!("<th>{}</th>", esc(&crate::i18n::cap_in(lang, h))));
    }
    b.push_str("</tr></thead>\n<tbody>\n");
    // Front-line cells in order of first appearance, for the chains below.
    let mut front_cells: Vec<usize> = Vec::new();
    let mut rows = 0;
    let needed = school.cov.needed(g, s);
    for slot in slots_of(needed).filter(|&i| i < g.slots.len()) {
        let sl = &g.slots[slot];
        let owners = school.cov.front_owners(g, s, slot);
        let time = format!("{}–{}", hhmm(sl.start), hhmm(sl.end));
        rows += owners.len().max(1);
        let span = match owners.len() {
            0 | 1 => String::new(),
            n => format!(" rowspan=\"{n}\""),
        };
        let lead = format!(
            "<td{span}>{}</td><td{span} class=\"nowrap\">{}</td><td{span} class=\"nowrap\">{}</td>",
            esc(&sl.name),
            esc(&time),
            esc(&days_label(sl.on, lang))
        );
        if owners.is_empty() {
            let (note, class) = match waiver_for(g, s, slot, date) {
                Some(why) => (
                    match lang {
                        Lang::En => format!("{} ({}: {why})", l.no_front_line, l.waived),
                        Lang::Zh => format!("{}（{}：{why}）", l.no_front_line, l.waived),
                    },
                    "muted",
                ),
                None => (l.no_front_line.to_string(), "gap"),
            };
            b.push_str(&format!(
                "<tr>{lead}<td colspan=\"3\" class=\"{class}\">{}</td></tr>\n",
                esc(&note)
            ));
            continue;
        }
        for (i, &c) in owners.iter().enumerate() {
            if !front_cells.contains(&c) {
                front_cells.push(c);
            }
            let st = school.staff(c, date);
            let (who, phones) = match people(g, &st, lang, redact) {
                Ok(v) => (
                    v.iter()
                        .map(|(n, _)| esc(n))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                    v.iter()
                        .map(|(_, p)| esc(p))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                ),
                Err(gap) => (
                    format!("<span class=\"gap\">{}</span>", esc(&gap)),
                    String::new(),
                ),
            };
            b.push_str(&format!(
                "<tr>{}<td>{}</td><td>{who}</td><td class=\"phone\">{phones}</td></tr>\n",
                if i == 0 { lead.as_str() } else { "" },
                esc(&g.cells[c].name),
            ));
        }
    }
    if needed & school.cov.all_slots == 0 || g.slots.is_empty() {
        b.push_str(&format!(
            "<tr><td colspan=\"6\" class=\"muted\">{}</td></tr>\n",
            esc(l.no_slot_at)
        ));
    }
    b.push_str("</tbody>\n</table>\n");

    // The chain up to level 1, once per distinct chain.
    let mut chains: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for &c in &front_cells {
        let up = g.chain_up(c);
        match chains.iter_mut().find(|(ch, _)| *ch == up) {
            Some((_, cells)) => cells.push(c),
            None => chains.push((up, vec![c])),
        }
    }
    if chains.iter().any(|(up, _)| !up.is_empty()) {
        b.push_str(&format!(
            "<h2>{}</h2>\n<ul class=\"chain\">\n",
            esc(&crate::i18n::cap_in(lang, l.escalation))
        ));
        for (up, cells) in &chains {
            if up.is_empty() {
                continue;
            }
            let names: Vec<String> = cells.iter().map(|&c| esc(&g.cells[c].name)).collect();
            let mut line = format!("<b>{}</b>", names.join(lang.pick(", ", "、")));
            for &p in up {
                let who = match people(g, &school.staff(p, date), lang, redact) {
                    Ok(v) => v
                        .iter()
                        .map(|(n, ph)| esc(&format!("{n} {ph}")))
                        .collect::<Vec<_>>()
                        .join(lang.pick(", ", "、")),
                    Err(gap) => format!("<span class=\"gap\">{}</span>", esc(&gap)),
                };
                line.push_str(&format!(
                    " ↑ {} {who}",
                    esc(&format!("[{}] {}", g.cells[p].level, g.cells[p].name))
                ));
            }
            b.push_str(&format!("<li>{line}</li>\n"));
            rows += 2;
        }
        b.push_str("</ul>\n");
    }
    b.push_str(&format!(
        "<div class=\"hint\">{}</div>\n",
        esc(l.report_hazard)
    ));
    b.push_str(&format!(
        "<div class=\"foot\">{} · {}{}{date}</div>\n",
        esc(&g.school.name),
        esc(&crate::i18n::cap_in(lang, l.date)),
        lang.colon()
    ));
    (b, rows)
}

#[cfg(test)]
mod tests {
    use super::mask_phone;

    #[test]
    fn masks_phones() {
        assert_eq!(mask_phone("13800000004"), "138****0004");
        assert_eq!(mask_phone("0571-88881234"), "057****1234");
        assert_eq!(mask_phone("12345"), "***45");
        assert_eq!(mask_phone("1"), "*");
        assert_eq!(mask_phone(""), "");
    }
}
