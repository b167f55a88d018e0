//! `tree`: the grid tree with each cell's admin for --as-of, and phones.

use std::path::PathBuf;

use serde_json::json;

use super::{Session, load_single, staff_json, staff_text};
use crate::cli::Format;
use crate::i18n::Lang;

pub fn run(sess: &mut Session, path: &Option<PathBuf>) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let (school, load_errors) = match load_single(sess, path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let g = &school.grid;
    let date = sess.as_of;
    let lang = sess.lang;
    let staffs: Vec<_> = (0..g.cells.len()).map(|c| school.staff(c, date)).collect();
    match sess.format {
        Format::Json => {
            let cells: Vec<_> = g
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    json!({
                        "id": c.id,
                        "name": c.name,
                        "level": c.level,
                        "parent": c.parent.map(|p| g.cells[p].id.clone()),
                        "scope": if c.scope == crate::model::Scope::OffCampus { "off-campus" } else { "campus" },
                        "staff": staff_json(g, &staffs[i]),
                    })
                })
                .collect();
            let doc = json!({"school": g.school.name, "as_of": date.to_string(), "cells": cells});
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            let header: [&str; 7] = match lang {
                Lang::En => [
                    "cell", "name", "level", "parent", "staff", "people", "phones",
                ],
                Lang::Zh => [
                    "网格",
                    "名称",
                    "层级",
                    "上级网格",
                    "在岗方式",
                    "人员",
                    "电话",
                ],
            };
            let mut t =
                crate::render::csvout::Table::new(header.iter().map(|s| s.to_string()).collect());
            for (i, c) in g.cells.iter().enumerate() {
                let people = staffs[i].people();
                t.row(vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.level.to_string(),
                    c.parent.map(|p| g.cells[p].id.clone()).unwrap_or_default(),
                    staffs[i].kind().to_string(),
                    people
                        .iter()
                        .map(|&p| g.people[p].name.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                    people
                        .iter()
                        .map(|&p| g.people[p].phone.clone().unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join("; "),
                ]);
            }
            sess.out(&t.to_stdout_string());
        }
        _ => {
            let mut children = vec![Vec::new(); g.cells.len()];
            let mut roots = Vec::new();
            for (i, c) in g.cells.iter().enumerate() {
                match c.parent {
                    Some(p) if p != i => children[p].push(i),
                    _ => roots.push(i),
                }
            }
            let head = match lang {
                Lang::En => format!("{} — grid as of {date}\n", g.school.name),
                Lang::Zh => format!("{} — 网格（{date}）\n", g.school.name),
            };
            sess.out(&sess.style.bold(&head));
            let mut out = String::new();
            let mut seen = vec![false; g.cells.len()];
            for r in roots {
                walk(
                    sess, &school, &staffs, &children, r, "", true, true, &mut seen, &mut out,
                );
            }
            // Cells on a loop of parents (G103) have no root above them:
            // show them too, each loop from its first cell.
            for c in 0..g.cells.len() {
                if !seen[c] {
                    walk(
                        sess, &school, &staffs, &children, c, "", true, true, &mut seen, &mut out,
                    );
                }
            }
            sess.out(&out);
        }
    }
    sess.exit_for(&load_errors)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    sess: &Session,
    school: &super::School,
    staffs: &[crate::coverage::Staff],
    children: &[Vec<usize>],
    c: usize,
    prefix: &str,
    last: bool,
    root: bool,
    seen: &mut [bool],
    out: &mut String,
) {
    if seen[c] {
        return;
    }
    seen[c] = true;
    let g = &school.grid;
    let cell = &g.cells[c];
    let branch = if root {
        ""
    } else if last {
        "└─ "
    } else {
        "├─ "
    };
    let who = staff_text(g, &staffs[c], sess.lang, sess.as_of);
    let who = if staffs[c].is_staffed() {
        who
    } else {
        sess.style.red(&who)
    };
    out.push_str(&format!(
        "{prefix}{branch}[{}] {} ({}) — {who}\n",
        cell.level, cell.name, cell.id
    ));
    let next = if root {
        String::new()
    } else {
        format!("{prefix}{}", if last { "   " } else { "│  " })
    };
    let kids = &children[c];
    for (i, &k) in kids.iter().enumerate() {
        walk(
            sess,
            school,
            staffs,
            children,
            k,
            &next,
            i + 1 == kids.len(),
            false,
            seen,
            out,
        );
    }
}
