//! `roster`: generate a roster's duty table (SPEC §4) and write it whole or
//! not at all.

use std::path::PathBuf;

use super::{EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, School, Session};
use crate::cli::Format;
use crate::i18n::{Lang, Msg, weekday_name};
use crate::model::{Lookup, lookup};
use crate::render::csvout;
use crate::roster::{Assignment, Plan, generate, read_table, table_path};

pub use crate::cli::RosterArgs as Args;

pub fn run(sess: &mut Session, a: &Args) -> i32 {
    let (path, key) = match a.args.as_slice() {
        [k] => (None, k.clone()),
        [p, k] => (Some(PathBuf::from(p)), k.clone()),
        _ => return EXIT_CANNOT_RUN,
    };
    let (school, load_errors) = match super::load_single_with(sess, &path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // A table generated from a grid with errors would carry them along; a
    // broken table is what regenerating it mends, so that does not stop it.
    let grid_file = school.grid.file_name();
    if load_errors
        .iter()
        .any(|f| f.loc.as_ref().is_some_and(|l| l.file == grid_file))
    {
        return EXIT_FINDINGS;
    }
    let g = &school.grid;
    let ri = match lookup(
        &g.index.rosters,
        g.rosters.iter().map(|r| r.name.as_str()).enumerate(),
        &key,
    ) {
        Lookup::Found(i) => i,
        Lookup::Ambiguous(v) => {
            let ids: Vec<String> = v
                .iter()
                .map(|&i| format!("`{}`", g.rosters[i].id))
                .collect();
            return sess.usage(Msg::AmbiguousTarget {
                target: key.clone(),
                candidates: ids.join(", "),
            });
        }
        Lookup::Missing => {
            return sess.usage(Msg::UnknownRef {
                kind: crate::i18n::Kind::Roster,
                id: key.clone(),
                suggestion: crate::model::did_you_mean(
                    &key,
                    g.rosters.iter().map(|r| r.id.as_str()),
                ),
                by_name: None,
            });
        }
    };
    let roster = &g.rosters[ri];
    // Where the table goes: -o (`-` is stdout); else the roster's `file`
    // when writing the CSV table; else stdout. An ics or text rendering never
    // replaces the table people edit.
    let csv_wanted = !sess.format_given || sess.format == Format::Csv;
    let target: Option<PathBuf> = match &a.output {
        Some(o) if o.as_os_str() == "-" => None,
        Some(o) => Some(o.clone()),
        None if csv_wanted => table_path(g, roster),
        None => None,
    };
    let format = if sess.format_given {
        sess.format
    } else {
        match &target {
            Some(t) if t.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics")) => Format::Ics,
            Some(t) if t.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) => Format::Text,
            Some(_) => Format::Csv,
            None => Format::Text,
        }
    };
    if !matches!(format, Format::Csv | Format::Ics | Format::Text) {
        sess.format = format;
        if let Err(code) = sess.only_formats(&[Format::Csv, Format::Ics, Format::Text]) {
            return code;
        }
    }
    let mut from = a.from.unwrap_or(school.cal.start).max(school.cal.start);
    let to = a.to.unwrap_or(school.cal.end).min(school.cal.end);
    if from > to {
        return sess.usage(Msg::RangeReversed {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    // A weekly post changes hands on Mondays: regenerate whole weeks.
    if roster.per == crate::model::Per::Week {
        from = crate::calendar::week_start(from).max(school.cal.start);
    }
    // With --from or --to, the existing table's rows outside the range are
    // kept: those before it also carry the fairness counts on.
    let mut kept: Vec<Assignment> = Vec::new();
    let mut after: Vec<Assignment> = Vec::new();
    if a.from.is_some() || a.to.is_some() {
        let own = table_path(g, roster);
        let source = target
            .clone()
            .filter(|t| t.exists() && format == Format::Csv)
            .or_else(|| own.clone().filter(|t| t.exists()));
        let existing = match (&source, school.tables.table(ri)) {
            // The roster's own table was read with the school.
            (Some(t), Some(table)) if Some(t) == own.as_ref() => table.rows.clone(),
            (Some(t), _) => {
                let (table, findings) = read_table(g, ri, t);
                if !findings.is_empty() {
                    for f in &findings {
                        let d = crate::render::diag::finding(f, sess.lang, sess.err_style);
                        sess.err(&d);
                    }
                    return EXIT_CANNOT_RUN;
                }
                table.map(|t| t.rows).unwrap_or_default()
            }
            (None, _) => Vec::new(),
        };
        for r in existing {
            if r.date < from {
                kept.push(r);
            } else if r.date > to {
                after.push(r);
            }
        }
        kept.sort_by_key(|r| r.date);
        after.sort_by_key(|r| r.date);
    }
    let plan = generate(g, &school.cal, ri, from, to, &kept);
    let mut rows = kept.clone();
    rows.extend(plan.rows.iter().cloned());
    rows.extend(after);
    let unfilled = report_unfilled(sess, &school, ri, &plan);
    let bytes = match format {
        Format::Ics => ics(&school, ri, &rows).into_bytes(),
        Format::Csv => {
            let t = csv_table(&school, ri, &rows, sess.lang);
            if target.is_some() {
                t.to_excel_bytes()
            } else {
                t.to_stdout_string().into_bytes()
            }
        }
        _ => text(&school, ri, &rows, sess.lang).into_bytes(),
    };
    if unfilled && !a.force {
        return EXIT_FINDINGS;
    }
    match target {
        None => {
            sess.out(&String::from_utf8_lossy(&bytes));
        }
        Some(t) => {
            if let Err(code) = super::write_file(sess, &t, &bytes, a.force) {
                return code;
            }
            if !sess.quiet {
                let msg = match sess.lang {
                    Lang::En => format!(
                        "wrote {} ({} rows, {} – {})\n",
                        t.display(),
                        rows.len(),
                        from,
                        to
                    ),
                    Lang::Zh => format!(
                        "已写入 {}（{} 行，{} 至 {}）\n",
                        t.display(),
                        rows.len(),
                        from,
                        to
                    ),
                };
                sess.err(&msg);
            }
        }
    }
    if unfilled { EXIT_FINDINGS } else { EXIT_OK }
}

/// Say which periods could not be filled and why; true when any.
fn report_unfilled(sess: &mut Session, school: &School, ri: usize, plan: &Plan) -> bool {
    let g = &school.grid;
    for u in &plan.unfilled {
        let absent: Vec<String> = u
            .absent
            .iter()
            .map(|(p, why)| format!("{} ({})", g.people[*p].name, why.text(sess.lang)))
            .collect();
        let msg = Msg::RosterUnfilled {
            roster: g.rosters[ri].id.clone(),
            from: u.from.to_string(),
            to: u.to.to_string(),
            need: u.need,
            have: u.have.len(),
            absent: absent.join("; "),
        };
        let d = crate::render::diag::render(
            "G401",
            crate::findings::Severity::Error,
            &msg,
            None,
            sess.lang,
            sess.err_style,
        );
        sess.err(&d);
    }
    !plan.unfilled.is_empty()
}

fn header(lang: Lang) -> Vec<String> {
    let h: [&str; 6] = match lang {
        Lang::En => ["roster", "date", "weekday", "person", "name", "phone"],
        Lang::Zh => ["值班表", "日期", "星期", "人员", "姓名", "电话"],
    };
    h.iter().map(|s| s.to_string()).collect()
}

fn row(school: &School, ri: usize, a: &Assignment, lang: Lang) -> Vec<String> {
    let g = &school.grid;
    let p = &g.people[a.person];
    vec![
        g.rosters[ri].id.clone(),
        a.date.to_string(),
        weekday_name(lang, crate::calendar::weekday_index(a.date)).to_string(),
        p.id.clone(),
        p.name.clone(),
        p.phone.clone().unwrap_or_default(),
    ]
}

fn csv_table(school: &School, ri: usize, rows: &[Assignment], lang: Lang) -> csvout::Table {
    let mut t = csvout::Table::new(header(lang));
    for a in rows {
        t.row(row(school, ri, a, lang));
    }
    t
}

fn text(school: &School, ri: usize, rows: &[Assignment], lang: Lang) -> String {
    let body = rows.iter().map(|a| row(school, ri, a, lang)).collect();
    crate::render::table::table(header(lang), body)
}

/// iCalendar: one all-day event per person-day, with UIDs and stamps derived
/// from the data so a re-import updates rather than duplicates.
fn ics(school: &School, ri: usize, rows: &[Assignment]) -> String {
    let g = &school.grid;
    let r = &g.rosters[ri];
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(&fold(s));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//gridctl//roster//ZH");
    line("CALSCALE:GREGORIAN");
    line(&format!(
        "X-WR-CALNAME:{}",
        escape(&format!("{} {}", g.school.name, r.name))
    ));
    for a in rows {
        let p = &g.people[a.person];
        let day = a.date.format("%Y%m%d").to_string();
        let next = crate::calendar::add_days(a.date, 1)
            .format("%Y%m%d")
            .to_string();
        line("BEGIN:VEVENT");
        line(&format!("UID:{}-{}-{}@gridctl", r.id, day, p.id));
        line(&format!("DTSTAMP:{day}T000000Z"));
        line(&format!("DTSTART;VALUE=DATE:{day}"));
        line(&format!("DTEND;VALUE=DATE:{next}"));
        line(&format!(
            "SUMMARY:{}",
            escape(&format!("{}：{}", r.name, p.name))
        ));
        if let Some(ph) = &p.phone {
            line(&format!(
                "DESCRIPTION:{}",
                escape(&format!("{} {ph}", p.name))
            ));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
fn fold(s: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_long_lines_on_char_boundaries() {
        let s = format!("SUMMARY:{}", "值周".repeat(30));
        let f = fold(&s);
        for part in f.split("\r\n") {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(f.replace("\r\n ", ""), s);
    }
}
