//! `matrix`: every leaf space × every slot of the term, each entry the
//! front-line owner (as of --as-of), a higher-level-only owner, or a gap.

use std::path::PathBuf;

use serde_json::json;

use super::{Session, load_single};
use crate::cli::Format;
use crate::coverage::{Staff, bit};
use crate::i18n::labels;

enum Entry {
    NotNeeded,
    Owned {
        cells: Vec<usize>,
        people: Vec<String>,
    },
    Higher {
        cells: Vec<usize>,
    },
    Gap,
}

pub fn run(sess: &mut Session, path: &Option<PathBuf>) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let (school, load_errors) = match load_single(sess, path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let g = &school.grid;
    let cov = &school.cov;
    let date = sess.as_of;
    let l = labels(sess.lang);
    let slots: Vec<usize> = (0..g.slots.len())
        .filter(|&s| cov.term_slots & bit(s) != 0)
        .collect();
    // Leaves in tree order.
    let mut order = Vec::new();
    let mut stack: Vec<usize> = (0..g.spaces.len())
        .filter(|&s| cov.parent[s].is_none())
        .rev()
        .collect();
    while let Some(s) = stack.pop() {
        if cov.is_leaf(s) {
            order.push(s);
        }
        stack.extend(cov.children[s].iter().rev());
    }
    let mut staff_cache: Vec<Option<Staff>> = vec![None; g.cells.len()];
    let mut staff_of = |c: usize| -> Staff {
        staff_cache[c]
            .get_or_insert_with(|| school.staff(c, date))
            .clone()
    };
    let mut rows: Vec<(usize, Vec<Entry>)> = Vec::new();
    for &s in &order {
        let needed = cov.needed(g, s);
        let entries = slots
            .iter()
            .map(|&slot| {
                if needed & bit(slot) == 0 {
                    return Entry::NotNeeded;
                }
                let owners = cov.owners(g, s, slot);
                let front = cov.front_owners(g, s, slot);
                if !front.is_empty() {
                    let people = front
                        .iter()
                        .map(|&c| match staff_of(c) {
                            Staff::Roster { roster, people } if people.is_empty() => {
                                format!("@{}", g.rosters[roster].id)
                            }
                            Staff::Nobody { .. } => l.nobody.to_string(),
                            st => st
                                .people()
                                .iter()
                                .map(|&p| g.people[p].name.clone())
                                .collect::<Vec<_>>()
                                .join("/"),
                        })
                        .collect();
                    Entry::Owned {
                        cells: front,
                        people,
                    }
                } else if !owners.is_empty() {
                    Entry::Higher { cells: owners }
                } else {
                    Entry::Gap
                }
            })
            .collect();
        rows.push((s, entries));
    }
    let cell_text = |e: &Entry| -> String {
        match e {
            Entry::NotNeeded => "·".into(),
            Entry::Owned { people, .. } => {
                if people.len() > 1 {
                    format!("{} +{}", people[0], people.len() - 1)
                } else {
                    people[0].clone()
                }
            }
            Entry::Higher { cells } => format!("↑{}", g.cells[cells[0]].name),
            Entry::Gap => l.gap.to_string(),
        }
    };
    match sess.format {
        Format::Json => {
            let doc = json!({
                "school": g.school.name,
                "as_of": date.to_string(),
                "slots": slots.iter().map(|&s| json!({"id": g.slots[s].id, "name": g.slots[s].name})).collect::<Vec<_>>(),
                "rows": rows.iter().map(|(s, es)| json!({
                    "space": g.spaces[*s].id,
                    "name": g.spaces[*s].name,
                    "entries": es.iter().zip(&slots).map(|(e, &slot)| {
                        let (status, cells, people) = match e {
                            Entry::NotNeeded => ("not-needed", vec![], vec![]),
                            Entry::Owned { cells, people } => ("owned", cells.clone(), people.clone()),
                            Entry::Higher { cells } => ("higher-only", cells.clone(), vec![]),
                            Entry::Gap => ("gap", vec![], vec![]),
                        };
                        json!({"slot": g.slots[slot].id, "status": status,
                               "cells": cells.iter().map(|&c| g.cells[c].id.clone()).collect::<Vec<_>>(),
                               "people": people})
                    }).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            let mut header = vec![
                sess.lang.pick("space", "场所").to_string(),
                sess.lang.pick("name", "名称").to_string(),
            ];
            header.extend(slots.iter().map(|&s| g.slots[s].id.clone()));
            let mut t = crate::render::csvout::Table::new(header);
            for (s, es) in &rows {
                let mut r = vec![g.spaces[*s].id.clone(), g.spaces[*s].name.clone()];
                r.extend(es.iter().map(cell_text));
                t.row(r);
            }
            sess.out(&t.to_stdout_string());
        }
        _ => {
            let mut header = vec![l.space.to_string()];
            header.extend(slots.iter().map(|&s| g.slots[s].name.clone()));
            let body = rows
                .iter()
                .map(|(s, es)| {
                    let mut r = vec![g.spaces[*s].name.clone()];
                    r.extend(es.iter().map(cell_text));
                    r
                })
                .collect();
            let head = format!("{} — {date}\n", g.school.name);
            sess.out(&sess.style.bold(&head));
            sess.out(&crate::render::table::table(header, body));
        }
    }
    sess.exit_for(&load_errors)
}
