//! `diff OLD NEW`: what a new version of a school's grid changes, in text,
//! JSON or CSV. The analysis is `crate::diff`; this module only loads the
//! two versions and renders.
//!
//! Exit codes: 1 when the new version opens a blind spot, leaves a cell
//! unstaffed that the old one staffed, or takes a village's three members
//! away (or when either version has load errors at error severity, as for
//! every command); 2 when either version cannot be loaded; else 0.

use std::path::Path;

use serde_json::{Value, json};

use super::{EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, School, Session, load_single};
use crate::cli::Format;
use crate::diff::{
    BlindSpot, CellKind, Diff, Holder, Named, PairState, PersonKind, Unstaffed, Version,
    VillageLoss,
};
use crate::i18n::{DiffLabels, DiffMsg, Lang, diff_labels};

pub fn run(sess: &mut Session, old: &Path, new: &Path) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    // A version that cannot be used is "could not run", whatever the loader
    // says: exit 1 is kept for what the new version changes.
    let (old_school, old_errors) = match load_single(sess, &Some(old.to_path_buf())) {
        Ok(s) => s,
        Err(_) => return EXIT_CANNOT_RUN,
    };
    let (new_school, new_errors) = match load_single(sess, &Some(new.to_path_buf())) {
        Ok(s) => s,
        Err(_) => return EXIT_CANNOT_RUN,
    };
    let d = crate::diff::diff(version(&old_school), version(&new_school), sess.as_of);
    let ctx = Ctx {
        old: &old_school,
        new: &new_school,
        d: &d,
        lang: sess.lang,
    };
    match sess.format {
        Format::Json => {
            let doc = json_doc(&ctx, sess.as_of);
            sess.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            sess.out("\n");
        }
        Format::Csv => {
            if !(sess.quiet && d.is_empty()) {
                let s = csv_doc(&ctx);
                sess.out(&s);
            }
        }
        _ => {
            if !(sess.quiet && d.is_empty()) {
                let s = text_doc(sess, &ctx);
                sess.out(&s);
            }
        }
    }
    // load_single counts load errors only (warnings are not shown).
    let mut load = old_errors;
    load.merge(new_errors);
    let code = if d.regressions() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    code.max(sess.exit_for(&load))
}

fn version(s: &School) -> Version<'_> {
    Version {
        grid: &s.grid,
        cal: &s.cal,
        cov: &s.cov,
    }
}

struct Ctx<'a> {
    old: &'a School,
    new: &'a School,
    d: &'a Diff,
    lang: Lang,
}

impl Ctx<'_> {
    fn l(&self) -> &'static DiffLabels {
        diff_labels(self.lang)
    }

    /// "陈静 (chen-jing)" / "陈静（chen-jing）".
    fn named(&self, n: &Named) -> String {
        DiffMsg::Named {
            name: n.name.clone(),
            id: n.id.clone(),
        }
        .text(self.lang)
    }

    fn name_or_none(&self, n: &Option<Named>) -> String {
        n.as_ref()
            .map(|n| n.name.clone())
            .unwrap_or_else(|| self.l().none.to_string())
    }

    /// What a cell change is about: admin, deputy, or the member role's name.
    fn what(&self, kind: &CellKind) -> String {
        match kind {
            CellKind::Admin => self.l().admin.to_string(),
            CellKind::Deputy => self.l().deputy.to_string(),
            CellKind::Member(role) => role.name.clone(),
            CellKind::Added | CellKind::Removed => String::new(),
        }
    }

    fn pair_msg(&self, state: &PairState, before: bool) -> String {
        let (cells, waived) = match state {
            PairState::Covered(c) if !c.is_empty() => (
                Some(
                    c.iter()
                        .map(|n| self.named(n))
                        .collect::<Vec<_>>()
                        .join(self.l().sep),
                ),
                false,
            ),
            PairState::Waived => (None, true),
            _ => (None, false),
        };
        if before {
            DiffMsg::Before { cells, waived }.text(self.lang)
        } else {
            DiffMsg::Now { cells, waived }.text(self.lang)
        }
    }

    fn unstaffed_msg(&self, r: &Unstaffed) -> String {
        match r {
            Unstaffed::NoAdmin => DiffMsg::NoAdmin,
            Unstaffed::AdminNotServing { admin, why, deputy } => DiffMsg::AdminNotServing {
                admin: admin.name.clone(),
                why: why.clone(),
                deputy: deputy.as_ref().map(|d| d.name.clone()),
            },
            Unstaffed::MissingRoles(roles) => DiffMsg::MissingRoles {
                roles: self.role_list(roles),
            },
        }
        .text(self.lang)
    }

    /// "admin 陈静, deputy 韩梅" / "网格员 陈静、替岗人 韩梅"; `None` when nobody.
    fn holders(&self, list: &[Holder]) -> Option<String> {
        if list.is_empty() {
            return None;
        }
        let l = self.l();
        let one = |h: &Holder| {
            let post = match h {
                Holder::Admin(_) => l.admin,
                Holder::Deputy(_) => l.deputy,
                Holder::Member { role, .. } => role.name.as_str(),
            };
            format!("{post} {}", h.person().name)
        };
        Some(list.iter().map(one).collect::<Vec<_>>().join(l.sep))
    }

    fn role_list(&self, roles: &[Named]) -> String {
        roles
            .iter()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
            .join(self.l().sep)
    }

    fn village_msg(&self, v: &crate::diff::VillageChange) -> String {
        match &v.loss {
            VillageLoss::NoCell => DiffMsg::VillageNoCell {
                students: v.students,
                old_cell: self.named(&v.old_cell),
            },
            VillageLoss::MissingRoles { cell, roles } => DiffMsg::VillageMissingRoles {
                students: v.students,
                cell: self.named(cell),
                roles: self.role_list(roles),
            },
        }
        .text(self.lang)
    }

    fn person_msg(&self, kind: &PersonKind) -> String {
        let l = self.l();
        match kind {
            PersonKind::Added => l.added.to_string(),
            PersonKind::Gone => l.gone.to_string(),
            PersonKind::Left { old, new } => DiffMsg::PersonLeft {
                old: old.map(|d| d.to_string()),
                new: new.map(|d| d.to_string()),
            }
            .text(self.lang),
            PersonKind::Away { from, to, why } => crate::i18n::Why::Away {
                from: from.to_string(),
                to: to.to_string(),
                why: why.clone(),
            }
            .text(self.lang),
        }
    }

    fn summary_line(&self) -> String {
        let d = self.d;
        DiffMsg::Summary {
            cells: d.cells.len(),
            people: d.people.len(),
            opened: d.opened.len(),
            closed: d.closed.len(),
            unstaffed: d.unstaffed.len(),
            villages: d.villages.len(),
            load: d.load.len(),
            regressions: d.regressions(),
        }
        .text(self.lang)
    }
}

fn text_doc(sess: &Session, c: &Ctx) -> String {
    let l = c.l();
    let lang = c.lang;
    let st = sess.style;
    let col = lang.colon();
    let mut out = String::new();
    let school = if c.old.grid.school.name == c.new.grid.school.name {
        c.new.grid.school.name.clone()
    } else {
        format!("{} → {}", c.old.grid.school.name, c.new.grid.school.name)
    };
    let head = DiffMsg::Header {
        school,
        old: c.old.grid.file_name(),
        new: c.new.grid.file_name(),
    }
    .text(lang);
    out.push_str(&st.bold(&head));
    out.push('\n');
    if c.d.is_empty() {
        out.push_str(&format!("{}\n", st.green(l.no_changes)));
        return out;
    }
    let section = |out: &mut String, title: &str, n: usize| {
        let t = match lang {
            Lang::En => format!("{title} ({n})"),
            Lang::Zh => format!("{title}（{n}）"),
        };
        out.push('\n');
        out.push_str(&st.bold(&t));
        out.push('\n');
    };
    let d = c.d;
    if !d.cells.is_empty() {
        section(&mut out, l.cells, d.cells.len());
        for ch in &d.cells {
            let (mark, what) = match &ch.kind {
                CellKind::Added => (
                    st.green("+"),
                    DiffMsg::CellAdded {
                        level: ch.level,
                        held: c.holders(&ch.holders),
                    }
                    .text(lang),
                ),
                CellKind::Removed => (
                    st.red("-"),
                    DiffMsg::CellRemoved {
                        held: c.holders(&ch.holders),
                    }
                    .text(lang),
                ),
                kind => (
                    st.yellow("~"),
                    format!(
                        "{} {} → {}",
                        c.what(kind),
                        c.name_or_none(&ch.old),
                        c.name_or_none(&ch.new)
                    ),
                ),
            };
            out.push_str(&format!("  {mark} {}{col}{what}\n", c.named(&ch.cell)));
        }
    }
    if !d.people.is_empty() {
        section(&mut out, l.people, d.people.len());
        for ch in &d.people {
            let mark = match ch.kind {
                PersonKind::Added => st.green("+"),
                PersonKind::Gone => st.red("-"),
                _ => st.yellow("~"),
            };
            out.push_str(&format!(
                "  {mark} {}{col}{}\n",
                c.named(&ch.person),
                c.person_msg(&ch.kind)
            ));
        }
    }
    let spots = |out: &mut String, list: &[BlindSpot], before: bool| {
        // One line per space and state in the other version, its slots listed.
        let mut i = 0;
        while i < list.len() {
            let mut j = i + 1;
            while j < list.len() && list[j].space == list[i].space && list[j].other == list[i].other
            {
                j += 1;
            }
            let slots: Vec<&str> = list[i..j].iter().map(|b| b.slot.name.as_str()).collect();
            let line = format!(
                "  {}{col}{} — {}\n",
                c.named(&list[i].space),
                slots.join(l.sep),
                c.pair_msg(&list[i].other, before)
            );
            out.push_str(&if before { st.red(&line) } else { line });
            i = j;
        }
    };
    if !d.opened.is_empty() {
        section(&mut out, l.opened, d.opened.len());
        spots(&mut out, &d.opened, true);
    }
    if !d.closed.is_empty() {
        section(&mut out, l.closed, d.closed.len());
        spots(&mut out, &d.closed, false);
    }
    if !d.unstaffed.is_empty() {
        section(&mut out, l.unstaffed, d.unstaffed.len());
        for u in &d.unstaffed {
            let was = match c.holders(&u.before) {
                None => String::new(),
                Some(people) => format!(" — {}", DiffMsg::HeldBy { people }.text(lang)),
            };
            let line = format!(
                "  {}{col}{}{was}\n",
                c.named(&u.cell),
                c.unstaffed_msg(&u.reason)
            );
            out.push_str(&st.red(&line));
        }
    }
    if !d.villages.is_empty() {
        section(&mut out, l.villages, d.villages.len());
        for v in &d.villages {
            let line = format!("  {}{col}{}\n", c.named(&v.village), c.village_msg(v));
            out.push_str(&st.red(&line));
        }
    }
    if !d.load.is_empty() {
        section(&mut out, l.load, d.load.len());
        let rows = d
            .load
            .iter()
            .map(|x| vec![c.named(&x.person), x.old.to_string(), x.new.to_string()])
            .collect();
        let table = crate::render::table::table(
            vec![l.person.to_string(), l.old.to_string(), l.new.to_string()],
            rows,
        );
        for line in table.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push('\n');
    let summary = crate::i18n::labels(lang).summary;
    out.push_str(&format!("{summary}{col}{}\n", c.summary_line()));
    out
}

fn named_json(n: &Named) -> Value {
    json!({"id": n.id, "name": n.name})
}

fn opt_json(n: &Option<Named>) -> Value {
    n.as_ref().map(named_json).unwrap_or(Value::Null)
}

/// Everyone holding a cell: `{"post": "admin"|"deputy"|role id, "id", "name"}`.
fn holders_json(list: &[Holder]) -> Vec<Value> {
    list.iter()
        .map(|h| json!({"post": h.post(), "id": h.person().id, "name": h.person().name}))
        .collect()
}

fn pair_json(state: &PairState) -> Value {
    let cells: Vec<Value> = match state {
        PairState::Covered(c) => c.iter().map(named_json).collect(),
        _ => Vec::new(),
    };
    json!({"state": state.as_str(), "cells": cells})
}

fn spot_json(b: &BlindSpot, key: &str) -> Value {
    let mut v = json!({
        "space": b.space.id,
        "space_name": b.space.name,
        "slot": b.slot.id,
        "slot_name": b.slot.name,
    });
    v[key] = pair_json(&b.other);
    v
}

fn json_doc(c: &Ctx, as_of: chrono::NaiveDate) -> Value {
    let d = c.d;
    let side = |s: &School| json!({"file": s.grid.file_name(), "school": s.grid.school.name});
    let cells: Vec<Value> = d
        .cells
        .iter()
        .map(|ch| {
            let role = match &ch.kind {
                CellKind::Member(r) => named_json(r),
                _ => Value::Null,
            };
            json!({
                "kind": ch.kind.as_str(),
                "cell": ch.cell.id,
                "name": ch.cell.name,
                "level": ch.level,
                "role": role,
                "old": opt_json(&ch.old),
                "new": opt_json(&ch.new),
                "holders": holders_json(&ch.holders),
            })
        })
        .collect();
    let people: Vec<Value> = d
        .people
        .iter()
        .map(|ch| {
            let (old, new) = match &ch.kind {
                PersonKind::Left { old, new } => (
                    json!(old.map(|d| d.to_string())),
                    json!(new.map(|d| d.to_string())),
                ),
                PersonKind::Away { from, to, why } => (
                    Value::Null,
                    json!({"from": from.to_string(), "to": to.to_string(), "why": why}),
                ),
                _ => (Value::Null, Value::Null),
            };
            json!({
                "kind": ch.kind.as_str(),
                "person": ch.person.id,
                "name": ch.person.name,
                "old": old,
                "new": new,
                "message": c.person_msg(&ch.kind),
            })
        })
        .collect();
    let unstaffed: Vec<Value> = d
        .unstaffed
        .iter()
        .map(|u| {
            let (admin, deputy, roles) = match &u.reason {
                Unstaffed::NoAdmin => (Value::Null, Value::Null, Vec::new()),
                Unstaffed::AdminNotServing { admin, deputy, .. } => {
                    (named_json(admin), opt_json(deputy), Vec::new())
                }
                Unstaffed::MissingRoles(r) => {
                    (Value::Null, Value::Null, r.iter().map(named_json).collect())
                }
            };
            json!({
                "cell": u.cell.id,
                "name": u.cell.name,
                "reason": u.reason.as_str(),
                "admin": admin,
                "deputy": deputy,
                "roles": roles,
                "before": holders_json(&u.before),
                "message": c.unstaffed_msg(&u.reason),
            })
        })
        .collect();
    let villages: Vec<Value> = d
        .villages
        .iter()
        .map(|v| {
            let (cell, roles) = match &v.loss {
                VillageLoss::NoCell => (Value::Null, Vec::new()),
                VillageLoss::MissingRoles { cell, roles } => {
                    (named_json(cell), roles.iter().map(named_json).collect())
                }
            };
            json!({
                "village": v.village.id,
                "name": v.village.name,
                "students": v.students,
                "reason": v.loss.as_str(),
                "old_cell": named_json(&v.old_cell),
                "cell": cell,
                "roles": roles,
                "message": c.village_msg(v),
            })
        })
        .collect();
    let load: Vec<Value> = d
        .load
        .iter()
        .map(|x| json!({"person": x.person.id, "name": x.person.name, "old": x.old, "new": x.new}))
        .collect();
    json!({
        "command": "diff",
        "old": side(c.old),
        "new": side(c.new),
        "as_of": as_of.to_string(),
        "changes": {
            "cells": cells,
            "people": people,
            "blind_spots_opened": d.opened.iter().map(|b| spot_json(b, "before")).collect::<Vec<_>>(),
            "blind_spots_closed": d.closed.iter().map(|b| spot_json(b, "after")).collect::<Vec<_>>(),
            "unstaffed": unstaffed,
            "villages": villages,
            "load": load,
        },
        "summary": {
            "cells": d.cells.len(),
            "people": d.people.len(),
            "blind_spots_opened": d.opened.len(),
            "blind_spots_closed": d.closed.len(),
            "unstaffed": d.unstaffed.len(),
            "villages": d.villages.len(),
            "load": d.load.len(),
            "changes": d.changes(),
            "regressions": d.regressions(),
            "message": c.summary_line(),
        },
    })
}

pub const CSV_HEADER: [&str; 6] = ["kind", "subject", "name", "detail", "old", "new"];

fn csv_doc(c: &Ctx) -> String {
    let d = c.d;
    let l = c.l();
    let mut t =
        crate::render::csvout::Table::new(CSV_HEADER.iter().map(|s| s.to_string()).collect());
    let name = |n: &Option<Named>| n.as_ref().map(|n| n.name.clone()).unwrap_or_default();
    for ch in &d.cells {
        let (kind, detail) = match &ch.kind {
            CellKind::Added => ("cell-added", String::new()),
            CellKind::Removed => ("cell-removed", String::new()),
            CellKind::Admin => ("admin", String::new()),
            CellKind::Deputy => ("deputy", String::new()),
            CellKind::Member(r) => ("member", r.id.clone()),
        };
        t.row(vec![
            kind.into(),
            ch.cell.id.clone(),
            ch.cell.name.clone(),
            detail,
            name(&ch.old),
            name(&ch.new),
        ]);
    }
    for ch in &d.people {
        let (kind, detail, old, new) = match &ch.kind {
            PersonKind::Added => ("person-added", String::new(), String::new(), String::new()),
            PersonKind::Gone => ("person-gone", String::new(), String::new(), String::new()),
            PersonKind::Left { old, new } => (
                "person-left",
                String::new(),
                old.map(|d| d.to_string()).unwrap_or_default(),
                new.map(|d| d.to_string()).unwrap_or_default(),
            ),
            PersonKind::Away { from, to, why } => (
                "person-away",
                why.clone(),
                String::new(),
                format!("{from}..{to}"),
            ),
        };
        t.row(vec![
            kind.into(),
            ch.person.id.clone(),
            ch.person.name.clone(),
            detail,
            old,
            new,
        ]);
    }
    let state = |s: &PairState| match s {
        PairState::Covered(cells) => cells
            .iter()
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
            .join("; "),
        PairState::Waived => l.waived.to_string(),
        PairState::NotNeeded => l.not_needed.to_string(),
    };
    for b in &d.opened {
        t.row(vec![
            "blind-spot-opened".into(),
            b.space.id.clone(),
            b.space.name.clone(),
            b.slot.id.clone(),
            state(&b.other),
            l.blind.to_string(),
        ]);
    }
    for b in &d.closed {
        t.row(vec![
            "blind-spot-closed".into(),
            b.space.id.clone(),
            b.space.name.clone(),
            b.slot.id.clone(),
            l.blind.to_string(),
            state(&b.other),
        ]);
    }
    for u in &d.unstaffed {
        t.row(vec![
            "unstaffed".into(),
            u.cell.id.clone(),
            u.cell.name.clone(),
            u.reason.as_str().into(),
            u.before
                .iter()
                .map(|h| h.person().name.clone())
                .collect::<Vec<_>>()
                .join("; "),
            c.unstaffed_msg(&u.reason),
        ]);
    }
    for v in &d.villages {
        t.row(vec![
            "village".into(),
            v.village.id.clone(),
            v.village.name.clone(),
            v.loss.as_str().into(),
            v.old_cell.name.clone(),
            c.village_msg(v),
        ]);
    }
    for x in &d.load {
        t.row(vec![
            "load".into(),
            x.person.id.clone(),
            x.person.name.clone(),
            String::new(),
            x.old.to_string(),
            x.new.to_string(),
        ]);
    }
    t.to_stdout_string()
}
