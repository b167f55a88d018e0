//! G201–G207: one cell one member, three members off campus, who serves when,
//! phones, load, two places at once, people without a post.

use chrono::NaiveDate;

use super::Context;
use crate::calendar::{self, Absence};
use crate::findings::Finding;
use crate::i18n::{Msg, Why};
use crate::model::{Admin, Grid, Person, Scope};

pub fn why(p: &Person, d: NaiveDate) -> Why {
    match calendar::absence(p, d) {
        Some(Absence::Left(l)) => Why::Left {
            date: l.to_string(),
        },
        Some(Absence::Away { from, to, why }) => Why::Away {
            from: from.to_string(),
            to: to.to_string(),
            why: why.to_string(),
        },
        None => Why::Serving,
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let g = ctx.grid;
    let src = &g.source;
    let mut held = vec![Vec::<usize>::new(); g.people.len()];
    let mut has_post = vec![false; g.people.len()];
    for r in &g.rosters {
        for &p in &r.pool {
            has_post[p] = true;
        }
    }

    for (ci, c) in g.cells.iter().enumerate() {
        if let Some(d) = c.deputy {
            has_post[d] = true;
        }
        for m in &c.members {
            has_post[m.person] = true;
            held[m.person].push(ci);
        }
        if c.scope == Scope::OffCampus {
            offcampus(ctx, ci, out);
            if let Some(Admin::Person(a)) = c.admin {
                has_post[a] = true;
            }
            continue;
        }
        match c.admin {
            None => {
                if c.admin_span.is_none() {
                    out.push(
                        Finding::new("G201", Msg::NoAdmin { cell: c.id.clone() })
                            .at_span(src, &c.span)
                            .cell(&c.id),
                    );
                }
            }
            Some(Admin::Roster(_)) => {}
            Some(Admin::Person(a)) => {
                has_post[a] = true;
                held[a].push(ci);
                let person = &g.people[a];
                // Someone never away and never gone serves every day: neither
                // G201 nor G203 can apply, so the days need not be listed.
                if person.left.is_none() && person.away.is_empty() {
                    continue;
                }
                let days = ctx.cov.cell_days(ctx.grid, ctx.cal, ci);
                let span = c.admin_span.as_ref().unwrap_or(&c.span);
                if !days.is_empty() && days.iter().all(|d| !calendar::serves(person, *d)) {
                    out.push(
                        Finding::new(
                            "G201",
                            Msg::AdminNeverServes {
                                cell: c.id.clone(),
                                person: person.name.clone(),
                                why: why(person, days[0]),
                            },
                        )
                        .at_span(src, span)
                        .cell(&c.id)
                        .person(&person.id),
                    );
                    continue;
                }
                // G203: runs of relevant days with neither admin nor deputy.
                let deputy = c.deputy.map(|d| &g.people[d]);
                let uncovered = |d| {
                    !calendar::serves(person, d) && deputy.is_none_or(|dp| !calendar::serves(dp, d))
                };
                for (from, to, n) in calendar::runs(days, uncovered) {
                    out.push(
                        Finding::new(
                            "G203",
                            Msg::Unstaffed {
                                cell: c.id.clone(),
                                person: person.name.clone(),
                                from: from.to_string(),
                                to: to.to_string(),
                                days: n,
                                why: why(person, from),
                                deputy: deputy.map(|d| d.name.clone()),
                            },
                        )
                        .at_span(src, span)
                        .cell(&c.id)
                        .person(&person.id)
                        .date(from),
                    );
                }
            }
        }
    }

    for (pi, p) in g.people.iter().enumerate() {
        let span = &p.span;
        if g.policy.require_phone && p.phone.is_none() {
            out.push(
                Finding::new(
                    "G204",
                    Msg::NoPhone {
                        person: p.name.clone(),
                    },
                )
                .at_span(src, span)
                .person(&p.id),
            );
        }
        let n = held[pi].len();
        if n > g.policy.max_cells_per_person as usize {
            let cells: Vec<String> = held[pi].iter().map(|&c| g.cells[c].id.clone()).collect();
            out.push(
                Finding::new(
                    "G205",
                    Msg::TooManyCells {
                        person: p.name.clone(),
                        count: n,
                        max: g.policy.max_cells_per_person as usize,
                        cells,
                    },
                )
                .at_span(src, span)
                .person(&p.id),
            );
        }
        if !has_post[pi] {
            out.push(
                Finding::new(
                    "G207",
                    Msg::Idle {
                        person: p.name.clone(),
                    },
                )
                .at_span(src, span)
                .person(&p.id),
            );
        }
    }
    two_places(ctx, out);
}

fn offcampus(ctx: &Context, ci: usize, out: &mut Vec<Finding>) {
    let g = ctx.grid;
    let c = &g.cells[ci];
    let span = c.members_span.as_ref().unwrap_or(&c.span);
    for role in &g.policy.offcampus_roles {
        if !c.members.iter().any(|m| &m.role == role) {
            out.push(
                Finding::new(
                    "G202",
                    Msg::MissingMember {
                        cell: c.id.clone(),
                        role: role.clone(),
                    },
                )
                .at_span(&g.source, span)
                .cell(&c.id),
            );
        }
    }
    for (i, m) in c.members.iter().enumerate() {
        if let Some(first) = c.members[..i].iter().find(|o| o.person == m.person) {
            out.push(
                Finding::new(
                    "G202",
                    Msg::TwoRoles {
                        cell: c.id.clone(),
                        person: g.people[m.person].name.clone(),
                        first: first.role.clone(),
                        second: m.role.clone(),
                    },
                )
                .at_span(&g.source, &m.span)
                .cell(&c.id)
                .person(&g.people[m.person].id),
            );
        }
        let p = &g.people[m.person];
        let days: Vec<NaiveDate> = ctx.cal.days().collect();
        if !days.is_empty() && days.iter().all(|d| !calendar::serves(p, *d)) {
            out.push(
                Finding::new(
                    "G202",
                    Msg::MemberNeverServes {
                        cell: c.id.clone(),
                        role: m.role.clone(),
                        person: p.name.clone(),
                        why: why(p, days[0]),
                    },
                )
                .at_span(&g.source, &m.span)
                .cell(&c.id)
                .person(&p.id),
            );
        }
    }
}

/// G206: for each person, their campus level-4 cells taken pairwise. The
/// pairs are per person, so the cost is Σ k² over people's cell counts.
fn two_places(ctx: &Context, out: &mut Vec<Finding>) {
    let g = ctx.grid;
    let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); g.people.len()];
    for (ci, c) in g.cells.iter().enumerate() {
        if c.level == 4
            && c.scope == Scope::Campus
            && !c.spaces.is_empty()
            && let Some(Admin::Person(a)) = c.admin
        {
            by_person[a].push(ci);
        }
    }
    // One finding per cell that clashes with an earlier cell of the same
    // person, naming the first clash and counting the rest: a person put on
    // every room by a copied template gives one line per room, not per pair.
    for (pi, cells) in by_person.iter().enumerate() {
        for (j, &b) in cells.iter().enumerate() {
            let clashes: Vec<usize> = cells[..j]
                .iter()
                .copied()
                .filter(|&a| {
                    let shared = ctx.cov.cell_slots[a] & ctx.cov.cell_slots[b] & ctx.cov.term_slots;
                    shared != 0 && !contains_all(ctx, a, b) && !contains_all(ctx, b, a)
                })
                .collect();
            let Some(&a) = clashes.first() else { continue };
            let shared = ctx.cov.cell_slots[a] & ctx.cov.cell_slots[b] & ctx.cov.term_slots;
            let slots: Vec<String> = crate::coverage::slots_of(shared)
                .map(|s| g.slots[s].name.clone())
                .collect();
            let (ca, cb) = (&g.cells[a], &g.cells[b]);
            out.push(
                Finding::new(
                    "G206",
                    Msg::TwoPlaces {
                        person: g.people[pi].name.clone(),
                        a: ca.id.clone(),
                        b: cb.id.clone(),
                        slots,
                        more: clashes.len() - 1,
                    },
                )
                .at_span(&g.source, cb.admin_span.as_ref().unwrap_or(&cb.span))
                .cell(&cb.id)
                .person(&g.people[pi].id),
            );
        }
    }
}

/// Does every space of cell `inner` lie within some space of cell `outer`?
fn contains_all(ctx: &Context, outer: usize, inner: usize) -> bool {
    let g: &Grid = ctx.grid;
    g.cells[inner].spaces.iter().all(|&s| {
        g.cells[outer]
            .spaces
            .iter()
            .any(|&o| ctx.cov.contains(o, s))
    })
}
