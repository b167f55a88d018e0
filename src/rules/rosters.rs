//! G401–G403: the roster tables cover every day that needs someone, with
//! people who serve that day, and share the load fairly.

use std::collections::{BTreeSet, HashMap};

use super::Context;
use crate::calendar;
use crate::findings::{Finding, Loc};
use crate::i18n::Msg;
use crate::roster::{needed_days, periods};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let tables = ctx.rosters;
    let g = ctx.grid;
    for (ri, r) in g.rosters.iter().enumerate() {
        // A post filled in turn from nobody is never filled.
        if r.pool.is_empty() && ctx.cal.used(r.on) {
            out.push(
                Finding::new(
                    "G401",
                    Msg::RosterEmptyPool {
                        roster: r.id.clone(),
                    },
                )
                .at_span(&g.source, &r.span)
                .roster(&r.id),
            );
            continue;
        }
        if let Some(crate::roster::TableState::Missing(path)) = tables.states.get(ri) {
            let span = r.file_span.as_ref().unwrap_or(&r.span);
            out.push(
                Finding::new(
                    "G401",
                    Msg::RosterTableMissing {
                        roster: r.id.clone(),
                        file: path.display().to_string(),
                    },
                )
                .at_span(&g.source, span)
                .roster(&r.id),
            );
            continue;
        }
        let Some(table) = tables.table(ri) else {
            continue;
        };
        // A table made for a roster without `file` has no file to point at,
        // and nobody edited it: only days it cannot fill are worth saying.
        let generated = matches!(
            tables.states.get(ri),
            Some(crate::roster::TableState::Generated(_))
        );
        let days = needed_days(ctx.cal, r, ctx.cal.start, ctx.cal.end);
        // G401: runs of days with fewer than `size` people.
        let short = |d| {
            let mut people: Vec<usize> = table.on(d).to_vec();
            people.sort();
            people.dedup();
            people.len() < r.size as usize
        };
        for (from, to, days) in calendar::runs(days.iter().copied(), short) {
            let (roster, from_s, to_s, need) =
                (r.id.clone(), from.to_string(), to.to_string(), r.size);
            let finding = if generated {
                Finding::new(
                    "G401",
                    Msg::RosterUnfillable {
                        roster,
                        from: from_s,
                        to: to_s,
                        days,
                        need,
                    },
                )
                .at_span(&g.source, &r.span)
            } else {
                Finding::new(
                    "G401",
                    Msg::RosterDaysEmpty {
                        roster,
                        from: from_s,
                        to: to_s,
                        days,
                        need,
                    },
                )
                .at(Loc::file(&table.file))
            };
            out.push(finding.roster(&r.id).date(from));
        }
        if generated {
            continue;
        }
        // G402: rows naming someone who does not serve that day.
        for a in &table.rows {
            let p = &g.people[a.person];
            if !calendar::serves(p, a.date) {
                out.push(
                    Finding::new(
                        "G402",
                        Msg::RosterAbsent {
                            roster: r.id.clone(),
                            person: p.name.clone(),
                            date: a.date.to_string(),
                            why: crate::rules::why_absent(p, a.date),
                        },
                    )
                    .at(Loc::line(&table.file, a.line.unwrap_or(0)))
                    .roster(&r.id)
                    .person(&p.id)
                    .date(a.date),
                );
            }
        }
        // G403: turns per pool member (one per period), among those who can serve.
        let mut turns: HashMap<usize, usize> = r.pool.iter().map(|&p| (p, 0)).collect();
        for period in periods(&days, r.per) {
            let on: BTreeSet<usize> = period
                .iter()
                .flat_map(|d| table.on(*d).iter().copied())
                .collect();
            for p in on {
                if let Some(t) = turns.get_mut(&p) {
                    *t += 1;
                }
            }
        }
        let active: Vec<(usize, usize)> = r
            .pool
            .iter()
            .filter(|&&p| days.iter().any(|d| calendar::serves(&g.people[p], *d)))
            .map(|&p| (p, turns.get(&p).copied().unwrap_or(0)))
            .collect();
        if let (Some(max), Some(min)) = (
            active.iter().map(|x| x.1).max(),
            active.iter().map(|x| x.1).min(),
        ) && max - min > 1
        {
            let counts: Vec<String> = active
                .iter()
                .map(|(p, n)| format!("{} {n}", g.people[*p].name))
                .collect();
            out.push(
                Finding::new(
                    "G403",
                    Msg::RosterUneven {
                        roster: r.id.clone(),
                        max,
                        min,
                        counts,
                    },
                )
                .at(Loc::file(&table.file))
                .roster(&r.id),
            );
        }
    }
}
