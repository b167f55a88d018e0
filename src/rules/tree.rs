//! G103: the grid is one tree of four levels, and spaces do not loop.

use super::Context;
use crate::findings::Finding;
use crate::i18n::Msg;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let g = ctx.grid;
    let src = &g.source;
    let tops: Vec<usize> = (0..g.cells.len())
        .filter(|&c| g.cells[c].level == 1)
        .collect();
    if tops.is_empty() && !g.cells.is_empty() {
        out.push(
            Finding::new("G103", Msg::NoLevelOne).at(crate::findings::Loc::file(&g.file_name())),
        );
    }
    for &extra in tops.iter().skip(1) {
        let c = &g.cells[extra];
        out.push(
            Finding::new(
                "G103",
                Msg::SecondLevelOne {
                    cell: c.id.clone(),
                    first: g.cells[tops[0]].id.clone(),
                },
            )
            .at_span(src, &c.level_span)
            .cell(&c.id),
        );
    }
    for (i, c) in g.cells.iter().enumerate() {
        if c.level == 0 {
            continue; // no valid level: already G101/G104
        }
        match (c.level, c.parent) {
            (1, Some(_)) => out.push(
                Finding::new("G103", Msg::TopHasParent { cell: c.id.clone() })
                    .at_span(src, c.parent_span.as_ref().unwrap_or(&c.span))
                    .cell(&c.id),
            ),
            (1, None) => {}
            (_, None) => {
                if c.parent_span.is_none() {
                    out.push(
                        Finding::new(
                            "G103",
                            Msg::NoParent {
                                cell: c.id.clone(),
                                level: c.level,
                            },
                        )
                        .at_span(src, &c.span)
                        .cell(&c.id),
                    );
                }
            }
            (lvl, Some(p)) => {
                let pc = &g.cells[p];
                if pc.level != 0 && pc.level + 1 != lvl && p != i {
                    out.push(
                        Finding::new(
                            "G103",
                            Msg::ParentLevel {
                                cell: c.id.clone(),
                                level: lvl,
                                parent: pc.id.clone(),
                                parent_level: pc.level,
                            },
                        )
                        .at_span(src, c.parent_span.as_ref().unwrap_or(&c.span))
                        .cell(&c.id),
                    );
                }
            }
        }
    }
    // Parent cycles, each loop once.
    for cyc in crate::coverage::loops(g.cells.len(), |c| g.cells[c].parent) {
        let Some(&first) = cyc.iter().min() else {
            continue;
        };
        let names: Vec<&str> = cyc.iter().map(|&x| g.cells[x].id.as_str()).collect();
        let fc = &g.cells[first];
        out.push(
            Finding::new(
                "G103",
                Msg::CellCycle {
                    cells: format!("{} → {}", names.join(" → "), names[0]),
                },
            )
            .at_span(src, fc.parent_span.as_ref().unwrap_or(&fc.span))
            .cell(&fc.id),
        );
    }
    // Space loops, found once by the coverage pass.
    let mut seen = vec![false; g.spaces.len()];
    for s in 0..g.spaces.len() {
        if !ctx.cov.in_cycle[s] || seen[s] {
            continue;
        }
        let mut cyc = vec![s];
        seen[s] = true;
        let mut cur = g.spaces[s].within;
        while let Some(c) = cur {
            if c == s || seen[c] {
                break;
            }
            seen[c] = true;
            cyc.push(c);
            cur = g.spaces[c].within;
        }
        let names: Vec<&str> = cyc.iter().map(|&x| g.spaces[x].id.as_str()).collect();
        out.push(
            Finding::new(
                "G103",
                Msg::SpaceCycle {
                    spaces: format!("{} → {}", names.join(" → "), names[0]),
                },
            )
            .at_span(src, &g.spaces[s].span)
            .space(&g.spaces[s].id),
        );
    }
}
