//! G301–G303: no blind spots. Every leaf space in every slot it needs has a
//! level-4 owner; every village with students has its off-campus cell.

use super::Context;
use crate::coverage::{bit, slots_of};
use crate::findings::Finding;
use crate::i18n::Msg;
use crate::model::Scope;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let g = ctx.grid;
    let cov = ctx.cov;
    for s in 0..g.spaces.len() {
        let missing = cov.uncovered(g, s);
        if missing == 0 {
            continue;
        }
        let space = &g.spaces[s];
        for slot in slots_of(missing) {
            let sl = &g.slots[slot];
            let (code, msg) = if cov.higher[s] & bit(slot) != 0 {
                let owners: Vec<String> = cov
                    .owners(g, s, slot)
                    .into_iter()
                    .map(|c| g.cells[c].name.clone())
                    .collect();
                (
                    "G302",
                    Msg::OnlyHigher {
                        space: space.name.clone(),
                        space_id: space.id.clone(),
                        slot: sl.name.clone(),
                        slot_id: sl.id.clone(),
                        cells: owners,
                    },
                )
            } else {
                (
                    "G301",
                    Msg::BlindSpot {
                        space: space.name.clone(),
                        space_id: space.id.clone(),
                        slot: sl.name.clone(),
                        slot_id: sl.id.clone(),
                    },
                )
            };
            out.push(
                Finding::new(code, msg)
                    .at_span(&g.source, &space.span)
                    .space(&space.id)
                    .slot(&sl.id),
            );
        }
    }
    let mut has_cell = vec![false; g.villages.len()];
    for c in &g.cells {
        if c.scope == Scope::OffCampus {
            for &v in &c.villages {
                has_cell[v] = true;
            }
        }
    }
    for (vi, v) in g.villages.iter().enumerate() {
        if v.students > 0 && !has_cell[vi] {
            out.push(
                Finding::new(
                    "G303",
                    Msg::VillageUncovered {
                        village: v.name.clone(),
                        village_id: v.id.clone(),
                        students: v.students,
                    },
                )
                .at_span(&g.source, &v.span)
                .village(&v.id),
            );
        }
    }
}
