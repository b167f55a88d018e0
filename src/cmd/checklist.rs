//! `checklist`: the checklist (清单) of duties of a person's cells, of one
//! cell, or of every cell. With `--week DATE` it is dated for the week
//! (Monday to Sunday) containing DATE: one box per duty per day it falls due,
//! as the school calendar says (holidays, make-up school days), one box for
//! the week, month or term for the others. Text, Markdown, CSV (one row per
//! duty per day) or printable HTML (one cell per A4 page).

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::{School, Session, Target, find_target, load_single, staff_text};
use crate::calendar::Calendar;
use crate::cli::Format;
use crate::i18n::{Kind, Labels, Lang, Msg, labels};
use crate::model::{Admin, Duty, Every, Grid, Lookup, lookup};
use crate::render::csvout::Table;
use crate::render::{Style, html};

pub use crate::cli::ChecklistArgs as Args;

/// The order the frequencies are printed in: the daily kinds (a box per
/// day), then the periods (a box per period).
const ORDER: [Every; 6] = [
    Every::SchoolDay,
    Every::Day,
    Every::NonSchool,
    Every::Week,
    Every::Month,
    Every::Term,
];

fn is_daily(e: Every) -> bool {
    matches!(e, Every::SchoolDay | Every::Day | Every::NonSchool)
}

pub use crate::i18n::every_label;

/// The seven days, Monday to Sunday, of the week containing a date.
struct Week {
    days: [NaiveDate; 7],
}

impl Week {
    fn containing(d: NaiveDate) -> Week {
        // The calendar saturates at its ends, so no week panics.
        let mon = crate::calendar::week_start(d);
        Week {
            days: std::array::from_fn(|i| crate::calendar::add_days(mon, i as i64)),
        }
    }
}

/// Is a daily-kind duty due on this day?
fn due_on(cal: &Calendar, every: Every, d: NaiveDate) -> bool {
    match every {
        Every::SchoolDay => cal.is_school_day(d),
        Every::Day => cal.in_term(d),
        Every::NonSchool => cal.in_term(d) && !cal.is_school_day(d),
        _ => false,
    }
}

/// The boxes a period duty gets in a week: (the day it is dated on, what
/// period it is for). Empty when it is not due that week.
fn period_boxes(cal: &Calendar, every: Every, week: &Week, lang: Lang) -> Vec<(NaiveDate, String)> {
    let l = labels(lang);
    let in_term: Vec<NaiveDate> = week
        .days
        .iter()
        .copied()
        .filter(|d| cal.in_term(*d))
        .collect();
    // Dated on the first school day of the days given, else the first of them.
    let first = |days: &[NaiveDate]| {
        days.iter()
            .copied()
            .find(|d| cal.is_school_day(*d))
            .or_else(|| days.first().copied())
    };
    match every {
        Every::Week => in_term
            .iter()
            .copied()
            .find(|d| cal.is_school_day(*d))
            .map(|d| vec![(d, l.this_week.to_string())])
            .unwrap_or_default(),
        Every::Term => first(&in_term)
            .map(|d| vec![(d, l.this_term.to_string())])
            .unwrap_or_default(),
        Every::Month => {
            let mut out = Vec::new();
            let mut months: Vec<(i32, u32)> = Vec::new();
            for d in &in_term {
                if !months.contains(&(d.year(), d.month())) {
                    months.push((d.year(), d.month()));
                }
            }
            for (y, m) in months {
                let part: Vec<NaiveDate> = in_term
                    .iter()
                    .copied()
                    .filter(|d| d.year() == y && d.month() == m)
                    .collect();
                if let Some(d) = first(&part) {
                    let label = match lang {
                        Lang::En => format!("{y}-{m:02}"),
                        Lang::Zh => format!("{y}年{m}月"),
                    };
                    out.push((d, label));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// One cell's checklist, built once, rendered in any format.
struct Sheet<'g> {
    cell: usize,
    title: String,
    fields: Vec<(String, String)>,
    chain: Vec<String>,
    groups: Vec<(Every, Vec<Item<'g>>)>,
}

/// A duty as the sheet shows it: off-campus cells also list the duties of
/// their members' roles, marked with the role.
struct Item<'g> {
    duty: &'g Duty,
    text: String,
}

use crate::i18n::cap;

fn short(d: NaiveDate) -> String {
    d.format("%m-%d").to_string()
}

/// "cell (id) · level 4" in words.
fn cell_title(grid: &Grid, c: usize, lang: Lang) -> String {
    let cell = &grid.cells[c];
    match lang {
        Lang::En => format!("{} ({}) · level {}", cell.name, cell.id, cell.level),
        Lang::Zh => format!("{}（{}）· {} 级网格", cell.name, cell.id, cell.level),
    }
}

fn sheet<'g>(
    school: &'g School,
    c: usize,
    held_as: Option<String>,
    week: Option<&Week>,
    as_of: NaiveDate,
    lang: Lang,
) -> Sheet<'g> {
    let g = &school.grid;
    let l = labels(lang);
    let cell = &g.cells[c];
    let mut fields: Vec<(String, String)> = Vec::new();
    if let Some(h) = held_as {
        fields.push((l.held_as.to_string(), h));
    }
    if let Some(r) = cell.role {
        fields.push((Kind::Role.name(lang).to_string(), g.roles[r].name.clone()));
    }
    match cell.admin {
        Some(Admin::Person(a)) => {
            fields.push((l.admin.to_string(), super::person_text(g, a)));
        }
        Some(Admin::Roster(r)) => {
            let ro = &g.rosters[r];
            fields.push((
                l.admin.to_string(),
                match lang {
                    Lang::En => format!("@{} {} ({})", ro.id, ro.name, l.by_roster),
                    Lang::Zh => format!("@{} {}（{}）", ro.id, ro.name, l.by_roster),
                },
            ));
        }
        None => {}
    }
    if let Some(d) = cell.deputy {
        fields.push((l.deputy.to_string(), super::person_text(g, d)));
    }
    for m in &cell.members {
        fields.push((
            super::role_name(g, &m.role).to_string(),
            super::person_text(g, m.person),
        ));
    }
    let sep = lang.pick(", ", "、");
    if !cell.spaces.is_empty() {
        let v: Vec<&str> = cell
            .spaces
            .iter()
            .map(|&s| g.spaces[s].name.as_str())
            .collect();
        fields.push((l.spaces.to_string(), v.join(sep)));
    }
    if !cell.villages.is_empty() {
        let v: Vec<&str> = cell
            .villages
            .iter()
            .map(|&s| g.villages[s].name.as_str())
            .collect();
        fields.push((l.villages.to_string(), v.join(sep)));
    }

    // The cell's duties (`Cell::all_duties`: its role's, its own, and off
    // campus those of its members' roles, which are marked with the role).
    let member_roles: Vec<usize> = cell
        .members
        .iter()
        .filter_map(|m| g.index.roles.get(&m.role).copied())
        .filter(|r| cell.role != Some(*r))
        .collect();
    let mut items: Vec<Item> = cell
        .all_duties(g)
        .map(|d| {
            let from = member_roles
                .iter()
                .find(|&&r| g.roles[r].duties.iter().any(|x| std::ptr::eq(x, d)));
            let text = match (from, lang) {
                (None, _) => d.text.clone(),
                (Some(&r), Lang::En) => format!("[{}] {}", g.roles[r].name, d.text),
                (Some(&r), Lang::Zh) => format!("【{}】{}", g.roles[r].name, d.text),
            };
            Item { duty: d, text }
        })
        .collect();
    let mut groups: Vec<(Every, Vec<Item>)> = Vec::new();
    for e in ORDER {
        let mut ds: Vec<Item> = Vec::new();
        let mut rest: Vec<Item> = Vec::new();
        for it in items {
            if it.duty.every == e {
                ds.push(it);
            } else {
                rest.push(it);
            }
        }
        items = rest;
        if !ds.is_empty() {
            groups.push((e, ds));
        }
    }

    let chain_date = match week {
        Some(w) => w.days[0],
        None => as_of,
    };
    if let Some(w) = week {
        fields.push((
            l.week.to_string(),
            crate::i18n::day_range(&w.days[0].to_string(), &w.days[6].to_string(), lang),
        ));
        for line in on_duty(school, c, w, &groups, lang) {
            fields.push((l.on_duty.to_string(), line));
        }
    }
    let chain = g
        .chain_up(c)
        .into_iter()
        .map(|p| super::cell_line(school, p, chain_date, lang))
        .collect();
    Sheet {
        cell: c,
        title: cell_title(g, c, lang),
        fields,
        chain,
        groups,
    }
}

/// Who serves the cell on the days of the week that matter for it, as runs
/// of days with the same people: "10-09 至 10-10：陈静 13800000017".
fn on_duty(
    school: &School,
    c: usize,
    week: &Week,
    groups: &[(Every, Vec<Item>)],
    lang: Lang,
) -> Vec<String> {
    let cal = &school.cal;
    let mut days: Vec<NaiveDate> = week
        .days
        .iter()
        .copied()
        .filter(|&d| {
            groups
                .iter()
                .any(|(e, _)| is_daily(*e) && due_on(cal, *e, d))
        })
        .collect();
    if days.is_empty() {
        days = week
            .days
            .iter()
            .copied()
            .filter(|d| cal.is_school_day(*d))
            .collect();
    }
    if days.is_empty() {
        days = week
            .days
            .iter()
            .copied()
            .filter(|d| cal.in_term(*d))
            .collect();
    }
    let mut runs: Vec<(NaiveDate, NaiveDate, String)> = Vec::new();
    for d in days {
        let who = who_text(&school.grid, &school.staff(c, d), lang, d);
        match runs.last_mut() {
            Some((_, end, w)) if *w == who => *end = d,
            _ => runs.push((d, d, who)),
        }
    }
    runs.into_iter()
        .map(|(a, b, who)| {
            let when = crate::i18n::day_range(&short(a), &short(b), lang);
            match lang {
                Lang::En => format!("{when}: {who}"),
                Lang::Zh => format!("{when} {who}"),
            }
        })
        .collect()
}

/// Who serves, in words; off-campus members by role name, without phones
/// (they are listed with phones above).
fn who_text(g: &Grid, st: &crate::coverage::Staff, lang: Lang, d: NaiveDate) -> String {
    match st {
        crate::coverage::Staff::Members(m) if !m.is_empty() => m
            .iter()
            .map(|(role, p)| format!("{} {}", super::role_name(g, role), g.people[*p].name))
            .collect::<Vec<_>>()
            .join(lang.pick(", ", "、")),
        _ => staff_text(g, st, lang, d),
    }
}

pub fn run(sess: &mut Session, args: &Args) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Md, Format::Csv, Format::Html]) {
        return code;
    }
    let chosen = args.person.is_some() as usize + args.cell.is_some() as usize + args.all as usize;
    if chosen != 1 {
        let l = labels(sess.lang);
        return sess.error(
            l.need_selector.to_string(),
            Some(l.need_selector_help.to_string()),
        );
    }
    let (school, load_errors) = match load_single(sess, &args.path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let g = &school.grid;
    let lang = sess.lang;
    let l = labels(lang);
    let cells: Vec<(usize, Option<String>)> = if let Some(key) = &args.person {
        let p = match resolve(g, Kind::Person, key, lang) {
            Ok(p) => p,
            Err((text, help)) => return sess.error(text, help),
        };
        let held = held_by(g, p, lang);
        if held.is_empty() {
            let person = &g.people[p];
            let head = sess.err_style.yellow(l.warning);
            sess.err(&format!(
                "{head}: {} ({}): {}\n",
                person.name, person.id, l.holds_nothing
            ));
            return sess.exit_for(&load_errors);
        }
        held.into_iter().map(|(c, how)| (c, Some(how))).collect()
    } else if let Some(key) = &args.cell {
        match resolve(g, Kind::Cell, key, lang) {
            Ok(c) => vec![(c, None)],
            Err((text, help)) => return sess.error(text, help),
        }
    } else {
        (0..g.cells.len()).map(|c| (c, None)).collect()
    };
    let week = args.week.map(Week::containing);
    if let Some(w) = &week
        && !w.days.iter().any(|d| school.cal.in_term(*d))
    {
        let head = sess.err_style.yellow(l.warning);
        sess.err(&format!("{head}: {}\n", l.week_outside_term));
    }
    let sheets: Vec<Sheet> = cells
        .into_iter()
        .map(|(c, how)| sheet(&school, c, how, week.as_ref(), sess.as_of, lang))
        .collect();

    let to_file = args.output.is_some();
    let style = if to_file {
        Style { color: false }
    } else {
        sess.style
    };
    let (stdout, file): (String, Vec<u8>) = match sess.format {
        Format::Csv => {
            let t = csv_table(&school, &sheets, week.as_ref(), lang);
            if to_file {
                (String::new(), t.to_excel_bytes())
            } else {
                (t.to_stdout_string(), Vec::new())
            }
        }
        Format::Md => {
            let s = markdown(&school, &sheets, week.as_ref(), lang);
            (s.clone(), s.into_bytes())
        }
        Format::Html => {
            let s = html_doc(&school, &sheets, week.as_ref(), lang);
            (s.clone(), s.into_bytes())
        }
        _ => {
            let s = text(&school, &sheets, week.as_ref(), lang, style);
            (s.clone(), s.into_bytes())
        }
    };
    if let Err(code) = emit(sess, args.output.as_deref(), args.force, &stdout, &file) {
        return code;
    }
    sess.exit_for(&load_errors)
}

/// The cells a person holds, with how: admin, deputy, member (by role), or
/// in the pool of a roster post.
fn held_by(g: &Grid, p: usize, lang: Lang) -> Vec<(usize, String)> {
    let l = labels(lang);
    let mut out = Vec::new();
    for (ci, c) in g.cells.iter().enumerate() {
        let how = if c.admin == Some(Admin::Person(p)) {
            Some(l.admin.to_string())
        } else if c.deputy == Some(p) {
            Some(l.deputy.to_string())
        } else if let Some(m) = c.members.iter().find(|m| m.person == p) {
            Some(super::role_name(g, &m.role).to_string())
        } else if let Some(Admin::Roster(r)) = c.admin
            && g.rosters[r].pool.contains(&p)
        {
            Some(format!(
                "{} @{} ({})",
                l.in_pool, g.rosters[r].id, g.rosters[r].name
            ))
        } else {
            None
        };
        if let Some(h) = how {
            out.push((ci, h));
        }
    }
    out
}

/// Find a cell, person or space by id or unique name. On failure, the
/// message and its help, saying what the key is when it is something else.
pub(crate) fn resolve(
    g: &Grid,
    kind: Kind,
    key: &str,
    lang: Lang,
) -> Result<usize, (String, Option<String>)> {
    let found = match kind {
        Kind::Cell => lookup(
            &g.index.cells,
            g.cells.iter().map(|x| x.name.as_str()).enumerate(),
            key,
        ),
        Kind::Person => lookup(
            &g.index.people,
            g.people.iter().map(|x| x.name.as_str()).enumerate(),
            key,
        ),
        _ => lookup(
            &g.index.spaces,
            g.spaces.iter().map(|x| x.name.as_str()).enumerate(),
            key,
        ),
    };
    let id_of = |i: usize| match kind {
        Kind::Cell => g.cells[i].id.clone(),
        Kind::Person => g.people[i].id.clone(),
        _ => g.spaces[i].id.clone(),
    };
    let l = labels(lang);
    match found {
        Lookup::Found(i) => Ok(i),
        Lookup::Ambiguous(v) => {
            let msg = Msg::AmbiguousTarget {
                target: key.to_string(),
                candidates: v
                    .iter()
                    .map(|&i| format!("{} `{}`", kind.name(lang), id_of(i)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            Err((msg.text(lang), msg.help(lang)))
        }
        Lookup::Missing => {
            let other = match find_target(g, key) {
                Ok(Target::Space(i)) => Some((Kind::Space, g.spaces[i].id.clone())),
                Ok(Target::Cell(i)) => Some((Kind::Cell, g.cells[i].id.clone())),
                Ok(Target::Person(i)) => Some((Kind::Person, g.people[i].id.clone())),
                Err(_) => None,
            };
            if let Some((ok, id)) = other {
                let text = match lang {
                    Lang::En => format!(
                        "`{key}` {} {} (it is the {} `{id}`)",
                        l.not_a,
                        kind.name(lang),
                        ok.name(lang)
                    ),
                    Lang::Zh => format!(
                        "`{key}` {}{}（它是{} `{id}`）",
                        l.not_a,
                        kind.name(lang),
                        ok.name(lang)
                    ),
                };
                return Err((text, None));
            }
            let ids: Vec<String> = match kind {
                Kind::Cell => g.cells.iter().map(|x| x.id.clone()).collect(),
                Kind::Person => g.people.iter().map(|x| x.id.clone()).collect(),
                _ => g.spaces.iter().map(|x| x.id.clone()).collect(),
            };
            let suggestion = crate::model::did_you_mean(key, ids.iter().map(|s| s.as_str()));
            let text = match lang {
                Lang::En => format!("{} {}: `{key}`", l.no_such, kind.name(lang)),
                Lang::Zh => format!("{}{}：`{key}`", l.no_such, kind.name(lang)),
            };
            let help = Msg::UnknownTarget {
                target: key.to_string(),
                suggestion,
            }
            .help(lang);
            Err((text, help))
        }
    }
}

/// A command-line problem with its own words, on stderr; exit 2.
/// Write the document to FILE (whole or not at all, never over an existing
/// file without --force) or to stdout.
pub(crate) fn emit(
    sess: &mut Session,
    output: Option<&Path>,
    force: bool,
    stdout: &str,
    file: &[u8],
) -> Result<(), i32> {
    let Some(path) = output else {
        sess.out(stdout);
        return Ok(());
    };
    super::write_file(sess, path, file, force)?;
    if !sess.quiet {
        let l = labels(sess.lang);
        sess.err(&format!("{} {}\n", l.wrote, path.display()));
    }
    Ok(())
}

fn day_head(l: &Labels, d: NaiveDate) -> (String, String) {
    (
        l.weekdays[d.weekday().num_days_from_monday() as usize].to_string(),
        short(d),
    )
}

fn sign_line(lang: Lang) -> String {
    let l = labels(lang);
    match lang {
        Lang::En => format!(
            "{}: ____________________    {}: ____________",
            cap(l.signature),
            cap(l.date)
        ),
        Lang::Zh => format!(
            "{}：____________________    {}：____________",
            l.signature, l.date
        ),
    }
}

fn doc_head(school: &School, lang: Lang) -> String {
    let l = labels(lang);
    format!("{} · {}", school.grid.school.name, cap(l.checklist_title))
}

fn text(
    school: &School,
    sheets: &[Sheet],
    week: Option<&Week>,
    lang: Lang,
    style: Style,
) -> String {
    let l = labels(lang);
    let cal = &school.cal;
    let mut out = String::new();
    for (i, sh) in sheets.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("\n{}\n\n", "─".repeat(60)));
        }
        out.push_str(&format!("{}\n", style.bold(&doc_head(school, lang))));
        out.push_str(&format!("{}\n", style.bold(&sh.title)));
        for (k, v) in &sh.fields {
            out.push_str(&format!(
                "  {}{}{v}\n",
                crate::i18n::cap_in(lang, k),
                lang.colon()
            ));
        }
        if !sh.chain.is_empty() {
            out.push_str(&format!(
                "{}{}\n",
                crate::i18n::cap_in(lang, l.escalation),
                lang.colon().trim_end()
            ));
            for c in &sh.chain {
                out.push_str(&format!("  ↑ {c}\n"));
            }
        }
        if sh.groups.is_empty() {
            out.push_str(&format!("\n  ({})\n", l.no_duties));
        }
        for (e, duties) in &sh.groups {
            out.push_str(&format!("\n{}\n", style.bold(every_label(l, *e))));
            match week {
                Some(w) if is_daily(*e) => {
                    let mut header = vec![crate::i18n::cap_in(lang, l.duty_col)];
                    for d in &w.days {
                        let (wd, md) = day_head(l, *d);
                        header.push(format!("{wd}\n{md}"));
                    }
                    let rows = duties
                        .iter()
                        .map(|du| {
                            let mut r = vec![du.text.clone()];
                            for d in &w.days {
                                r.push(if due_on(cal, *e, *d) { "☐" } else { "-" }.to_string());
                            }
                            r
                        })
                        .collect();
                    out.push_str(&crate::render::table::table(header, rows));
                }
                Some(w) => {
                    for du in duties {
                        let boxes = period_boxes(cal, *e, w, lang);
                        if boxes.is_empty() {
                            out.push_str(&format!("  -  {} ({})\n", du.text, l.not_due));
                        }
                        for (_, label) in boxes {
                            out.push_str(&format!("  ☐  {} ({label})\n", du.text));
                        }
                    }
                }
                None => {
                    for du in duties {
                        out.push_str(&format!("  ☐  {}\n", du.text));
                    }
                }
            }
        }
        out.push_str(&format!("\n{}\n", sign_line(lang)));
    }
    out
}

/// Markdown: escape what would turn into markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(school: &School, sheets: &[Sheet], week: Option<&Week>, lang: Lang) -> String {
    let l = labels(lang);
    let cal = &school.cal;
    let mut out = String::new();
    for (i, sh) in sheets.iter().enumerate() {
        if i > 0 {
            out.push_str("\n***\n\n");
        }
        out.push_str(&format!("# {}\n\n", md(&sh.title)));
        out.push_str(&format!("{}\n\n", md(&doc_head(school, lang))));
        for (k, v) in &sh.fields {
            out.push_str(&format!(
                "- **{}**{}{}\n",
                md(&crate::i18n::cap_in(lang, k)),
                lang.colon(),
                md(v)
            ));
        }
        if !sh.chain.is_empty() {
            out.push_str(&format!(
                "\n## {}\n\n",
                md(&crate::i18n::cap_in(lang, l.escalation))
            ));
            for (n, c) in sh.chain.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, md(c)));
            }
        }
        if sh.groups.is_empty() {
            out.push_str(&format!("\n({})\n", md(l.no_duties)));
        }
        for (e, duties) in &sh.groups {
            out.push_str(&format!("\n## {}\n\n", md(every_label(l, *e))));
            match week {
                Some(w) if is_daily(*e) => {
                    out.push_str(&format!(
                        "| {} |",
                        md(&crate::i18n::cap_in(lang, l.duty_col))
                    ));
                    for d in &w.days {
                        let (wd, dd) = day_head(l, *d);
                        out.push_str(&format!(" {wd} {dd} |"));
                    }
                    out.push_str("\n| --- |");
                    for _ in &w.days {
                        out.push_str(" :-: |");
                    }
                    out.push('\n');
                    for du in duties {
                        out.push_str(&format!("| {} |", md(&du.text)));
                        for d in &w.days {
                            out.push_str(if due_on(cal, *e, *d) {
                                " ☐ |"
                            } else {
                                " - |"
                            });
                        }
                        out.push('\n');
                    }
                }
                Some(w) => {
                    for du in duties {
                        let boxes = period_boxes(cal, *e, w, lang);
                        if boxes.is_empty() {
                            out.push_str(&format!("- {} ({})\n", md(&du.text), md(l.not_due)));
                        }
                        for (_, label) in boxes {
                            out.push_str(&format!("- [ ] {} ({})\n", md(&du.text), md(&label)));
                        }
                    }
                }
                None => {
                    for du in duties {
                        out.push_str(&format!("- [ ] {}\n", md(&du.text)));
                    }
                }
            }
        }
        // Underscores with no text between them stay literal in Markdown.
        out.push_str(&format!("\n{}\n", sign_line(lang)));
    }
    out
}

fn csv_table(school: &School, sheets: &[Sheet], week: Option<&Week>, lang: Lang) -> Table {
    let l = labels(lang);
    let cal = &school.cal;
    let g = &school.grid;
    let header: Vec<String> = match lang {
        Lang::En => [
            "cell",
            "cell_name",
            "date",
            "weekday",
            "duty",
            "duty_text",
            "every",
            "done",
            "signature",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        Lang::Zh => [
            "网格",
            "网格名称",
            "日期",
            "星期",
            "检查项目",
            "职责内容",
            "频次",
            "完成",
            "签字",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    };
    let mut t = Table::new(header);
    for sh in sheets {
        let cell = &g.cells[sh.cell];
        let row = |d: Option<NaiveDate>, du: &Item| {
            vec![
                cell.id.clone(),
                cell.name.clone(),
                d.map(|d| d.to_string()).unwrap_or_default(),
                d.map(|d| l.weekdays[d.weekday().num_days_from_monday() as usize].to_string())
                    .unwrap_or_default(),
                du.duty.id.clone(),
                du.text.clone(),
                du.duty.every.as_str().to_string(),
                String::new(),
                String::new(),
            ]
        };
        for (e, duties) in &sh.groups {
            for du in duties {
                match week {
                    None => t.row(row(None, du)),
                    Some(w) if is_daily(*e) => {
                        for d in w.days.iter().filter(|d| due_on(cal, *e, **d)) {
                            t.row(row(Some(*d), du));
                        }
                    }
                    Some(w) => {
                        for (d, _) in period_boxes(cal, *e, w, lang) {
                            t.row(row(Some(d), du));
                        }
                    }
                }
            }
        }
    }
    t
}

fn html_doc(school: &School, sheets: &[Sheet], week: Option<&Week>, lang: Lang) -> String {
    use html::escape as esc;
    let l = labels(lang);
    let cal = &school.cal;
    let mut pages = Vec::new();
    for sh in sheets {
        let mut b = String::new();
        b.push_str(&format!(
            "<div class=\"school\">{}</div>\n",
            esc(&doc_head(school, lang))
        ));
        b.push_str(&format!("<h1>{}</h1>\n", esc(&sh.title)));
        b.push_str("<table class=\"meta\">\n");
        for (k, v) in &sh.fields {
            b.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                esc(&crate::i18n::cap_in(lang, k)),
                esc(v)
            ));
        }
        b.push_str("</table>\n");
        if !sh.chain.is_empty() {
            b.push_str(&format!(
                "<h2>{}</h2>\n<ol class=\"chain\">\n",
                esc(&crate::i18n::cap_in(lang, l.escalation))
            ));
            for c in &sh.chain {
                b.push_str(&format!("<li>{}</li>\n", esc(c)));
            }
            b.push_str("</ol>\n");
        }
        b.push_str(&format!(
            "<h2>{}</h2>\n",
            esc(&crate::i18n::cap_in(lang, l.duties))
        ));
        if sh.groups.is_empty() {
            b.push_str(&format!("<p class=\"muted\">{}</p>\n", esc(l.no_duties)));
        }
        // Daily kinds in one table with a column per day (with --week).
        if let Some(w) = week {
            let daily: Vec<&(Every, Vec<Item>)> =
                sh.groups.iter().filter(|(e, _)| is_daily(*e)).collect();
            if !daily.is_empty() {
                b.push_str("<table class=\"duties\">\n<thead><tr>");
                b.push_str(&format!(
                    "<th>{}</th>",
                    esc(&crate::i18n::cap_in(lang, l.duty_col))
                ));
                for d in &w.days {
                    let (wd, md) = day_head(l, *d);
                    b.push_str(&format!(
                        "<th class=\"day\">{}<br>{}</th>",
                        esc(&wd),
                        esc(&md)
                    ));
                }
                b.push_str("</tr></thead>\n<tbody>\n");
                for (e, duties) in daily {
                    b.push_str(&format!(
                        "<tr class=\"group\"><th colspan=\"8\">{}</th></tr>\n",
                        esc(every_label(l, *e))
                    ));
                    for du in duties {
                        b.push_str(&format!("<tr><td>{}</td>", esc(&du.text)));
                        for d in &w.days {
                            if due_on(cal, *e, *d) {
                                b.push_str(&format!("<td class=\"tick\">{}</td>", html::BOX));
                            } else {
                                b.push_str("<td class=\"na\">–</td>");
                            }
                        }
                        b.push_str("</tr>\n");
                    }
                }
                // The person who did the day's checks signs under the day.
                b.push_str(&format!(
                    "<tr class=\"signrow\"><th>{}</th>",
                    esc(&crate::i18n::cap_in(lang, l.signature))
                ));
                for d in &w.days {
                    if sh
                        .groups
                        .iter()
                        .any(|(e, _)| is_daily(*e) && due_on(cal, *e, *d))
                    {
                        b.push_str("<td></td>");
                    } else {
                        b.push_str("<td class=\"na\">–</td>");
                    }
                }
                b.push_str("</tr>\n</tbody>\n</table>\n");
            }
        }
        for (e, duties) in &sh.groups {
            if week.is_some() && is_daily(*e) {
                continue;
            }
            b.push_str(&format!(
                "<h3 class=\"group\">{}</h3>\n<ul class=\"tasks\">\n",
                esc(every_label(l, *e))
            ));
            for du in duties {
                match week {
                    Some(w) => {
                        let boxes = period_boxes(cal, *e, w, lang);
                        if boxes.is_empty() {
                            b.push_str(&format!(
                                "<li class=\"muted\">– {} <span class=\"period\">({})</span></li>\n",
                                esc(&du.text),
                                esc(l.not_due)
                            ));
                        }
                        for (_, label) in boxes {
                            b.push_str(&format!(
                                "<li>{}{} <span class=\"period\">({})</span></li>\n",
                                html::BOX,
                                esc(&du.text),
                                esc(&label)
                            ));
                        }
                    }
                    None => {
                        b.push_str(&format!("<li>{}{}</li>\n", html::BOX, esc(&du.text)));
                    }
                }
            }
            b.push_str("</ul>\n");
        }
        b.push_str(&format!(
            "<div class=\"notes\"><div>{}</div></div>\n",
            esc(&crate::i18n::cap_in(lang, l.notes))
        ));
        b.push_str(&format!(
            "<div class=\"sign\"><span>{}{}</span><span>{}{}</span></div>\n",
            esc(&crate::i18n::cap_in(lang, l.signature)),
            lang.colon(),
            esc(&crate::i18n::cap_in(lang, l.date)),
            lang.colon()
        ));
        pages.push(html::Page {
            class: "checklist",
            body: b,
        });
    }
    let title = match sheets {
        [one] => format!(
            "{} — {}",
            one.title,
            crate::i18n::cap_in(lang, l.checklist_title)
        ),
        _ => doc_head(school, lang),
    };
    html::document(lang, &title, &pages)
}
