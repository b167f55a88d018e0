//! Rosters (值周, 值班): generating a fair, deterministic duty table, and
//! reading the table back (hand-edited in Excel) to resolve `@roster` posts
//! and to check it (G401–G403).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::{self, Calendar};
use crate::coverage::RosterLookup;
use crate::findings::{Finding, Loc};
use crate::i18n::{Kind, Msg, Why};
use crate::logs::table::{Column, TableReader};
use crate::model::{Grid, Lookup, Per, Roster, lookup};

/// One person on duty on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub date: NaiveDate,
    pub person: usize,
    /// Line in the table file, for rows read back.
    pub line: Option<u64>,
}

/// The days a roster needs someone, between `from` and `to` inclusive.
pub fn needed_days(
    cal: &Calendar,
    roster: &Roster,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    cal.days()
        .filter(|d| *d >= from && *d <= to && cal.applies(roster.on, *d))
        .collect()
}

/// Group days into periods: each day, or each Monday–Sunday week.
pub fn periods(days: &[NaiveDate], per: Per) -> Vec<Vec<NaiveDate>> {
    let mut out: Vec<Vec<NaiveDate>> = Vec::new();
    for &d in days {
        let same = match (per, out.last()) {
            (Per::Week, Some(p)) => calendar::week_start(p[0]) == calendar::week_start(d),
            _ => false,
        };
        if same {
            if let Some(p) = out.last_mut() {
                p.push(d);
            }
        } else {
            out.push(vec![d]);
        }
    }
    out
}

/// A period that could not be filled, and why.
#[derive(Clone, Debug)]
pub struct Unfilled {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub need: u32,
    pub have: Vec<usize>,
    /// Pool members who do not serve on some day of the period.
    pub absent: Vec<(usize, Why)>,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub rows: Vec<Assignment>,
    pub unfilled: Vec<Unfilled>,
}

/// Fill the roster's periods from `from` to `to`, continuing the fairness
/// counts of `kept` (the rows before `from`). Deterministic: fewest
/// assignments first, then longest since last, then pool order; nobody twice
/// in a row when anyone else can serve.
pub fn generate(
    grid: &Grid,
    cal: &Calendar,
    r: usize,
    from: NaiveDate,
    to: NaiveDate,
    kept: &[Assignment],
) -> Plan {
    let roster = &grid.rosters[r];
    let mut pool: Vec<usize> = Vec::new();
    for &p in &roster.pool {
        if !pool.contains(&p) {
            pool.push(p);
        }
    }
    let mut count: HashMap<usize, u32> = HashMap::new();
    let mut last: HashMap<usize, NaiveDate> = HashMap::new();
    let mut prev: Vec<usize> = Vec::new();
    // Fairness counts from the kept rows, one turn per person per period.
    let kept_days: Vec<NaiveDate> = {
        let mut d: Vec<NaiveDate> = kept.iter().map(|a| a.date).collect();
        d.sort();
        d.dedup();
        d
    };
    for period in periods(&kept_days, roster.per) {
        let mut people: Vec<usize> = kept
            .iter()
            .filter(|a| period.contains(&a.date))
            .map(|a| a.person)
            .collect();
        people.sort();
        people.dedup();
        for &p in &people {
            *count.entry(p).or_default() += 1;
            last.insert(p, period[0]);
        }
        prev = people;
    }

    let mut plan = Plan::default();
    let days = needed_days(cal, roster, from, to);
    for period in periods(&days, roster.per) {
        let can: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&p| period.iter().all(|d| calendar::serves(&grid.people[p], *d)))
            .collect();
        let mut order: Vec<(usize, usize)> = can
            .iter()
            .map(|&p| (pool.iter().position(|&q| q == p).unwrap_or(0), p))
            .collect();
        order.sort_by_key(|&(pos, p)| {
            (
                count.get(&p).copied().unwrap_or(0),
                last.get(&p).copied(),
                pos,
            )
        });
        let size = roster.size as usize;
        let mut chosen: Vec<usize> = order
            .iter()
            .map(|&(_, p)| p)
            .filter(|p| !prev.contains(p))
            .take(size)
            .collect();
        if chosen.len() < size {
            for &(_, p) in &order {
                if chosen.len() >= size {
                    break;
                }
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
        }
        if chosen.len() < size {
            let absent = pool
                .iter()
                .filter(|p| !can.contains(p))
                .filter_map(|&p| {
                    period
                        .iter()
                        .find(|d| !calendar::serves(&grid.people[p], **d))
                        .map(|d| (p, crate::rules::why_absent(&grid.people[p], *d)))
                })
                .collect();
            plan.unfilled.push(Unfilled {
                from: period[0],
                to: *period.last().unwrap_or(&period[0]),
                need: roster.size,
                have: chosen.clone(),
                absent,
            });
        }
        for &p in &chosen {
            *count.entry(p).or_default() += 1;
            last.insert(p, period[0]);
        }
        for &d in &period {
            for &p in &chosen {
                plan.rows.push(Assignment {
                    date: d,
                    person: p,
                    line: None,
                });
            }
        }
        prev = chosen;
    }
    plan
}

/// The columns of a roster table, SPEC §1.2.
pub static COLUMNS: &[Column] = &[
    Column::optional("roster", &["值班表", "值班类别", "类别"]),
    Column::required("date", &["日期", "值班日期"]),
    Column::optional("weekday", &["星期"]),
    Column::required("person", &["人员", "姓名", "值班人", "值班人员"]),
    Column::optional("name", &["名字"]),
    Column::optional("phone", &["电话", "联系电话"]),
];
const COL_ROSTER: usize = 0;
const COL_DATE: usize = 1;
const COL_PERSON: usize = 3;

/// A roster's table as read from its file.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub rows: Vec<Assignment>,
    by_date: HashMap<NaiveDate, Vec<usize>>,
}

impl Table {
    pub fn new(file: String, rows: Vec<Assignment>) -> Table {
        let mut by_date: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
        for a in &rows {
            by_date.entry(a.date).or_default().push(a.person);
        }
        Table {
            file,
            rows,
            by_date,
        }
    }

    pub fn on(&self, d: NaiveDate) -> &[usize] {
        self.by_date.get(&d).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Where a roster's table stands.
#[derive(Debug)]
pub enum TableState {
    /// The roster names no `file`: its table is the one `gridctl roster`
    /// would print (the generator is deterministic), made when loading.
    Generated(Table),
    /// Its `file` does not exist yet.
    Missing(PathBuf),
    /// Its `file` could not be read (a finding says why).
    Unreadable,
    Read(Table),
}

/// Every roster's table, by roster index.
#[derive(Debug, Default)]
pub struct RosterTables {
    pub states: Vec<TableState>,
}

impl RosterTables {
    pub fn table(&self, roster: usize) -> Option<&Table> {
        match self.states.get(roster)? {
            TableState::Read(t) | TableState::Generated(t) => Some(t),
            _ => None,
        }
    }
}

impl RosterLookup for RosterTables {
    fn on(&self, roster: usize, date: NaiveDate) -> Option<Vec<usize>> {
        self.table(roster).map(|t| t.on(date).to_vec())
    }
}

pub fn table_path(grid: &Grid, roster: &Roster) -> Option<PathBuf> {
    roster.file.as_ref().map(|f| grid.dir.join(f))
}

/// Read every roster's table, or make it when the roster names no `file`.
/// Bad rows become findings with their line.
pub fn load_tables(grid: &Grid, cal: &Calendar) -> (RosterTables, Vec<Finding>) {
    let mut out = RosterTables::default();
    let mut findings = Vec::new();
    for (ri, r) in grid.rosters.iter().enumerate() {
        let state = match table_path(grid, r) {
            Some(path) if path.exists() => {
                let (t, f) = read_table(grid, ri, &path);
                findings.extend(f);
                t.map_or(TableState::Unreadable, TableState::Read)
            }
            Some(path) => TableState::Missing(path),
            None => {
                let plan = generate(grid, cal, ri, cal.start, cal.end, &[]);
                let name = format!("gridctl roster {}", r.id);
                TableState::Generated(Table::new(name, plan.rows))
            }
        };
        out.states.push(state);
    }
    (out, findings)
}

/// Read one roster's table: the rows naming this roster (or no roster).
pub fn read_table(grid: &Grid, ri: usize, path: &Path) -> (Option<Table>, Vec<Finding>) {
    let shown = path.display().to_string();
    let roster = &grid.rosters[ri];
    let mut findings = Vec::new();
    let mut reader = match TableReader::open(path, COLUMNS) {
        Ok(r) => r,
        Err(e) => {
            findings.push(crate::logs::table_error_finding("G101", &e).roster(&roster.id));
            return (None, findings);
        }
    };
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                findings.push(crate::logs::row_error_finding("G104", &e).roster(&roster.id));
                continue;
            }
        };
        let line = row.line();
        if let Some(name) = row.get(COL_ROSTER)
            && name != roster.id
            && name != roster.name
        {
            continue;
        }
        let date = match row.get(COL_DATE) {
            Some(s) => match crate::calendar::excel::parse_date(s) {
                Some(d) => d,
                None => {
                    findings.push(
                        Finding::new(
                            "G104",
                            Msg::BadDate {
                                value: s.to_string(),
                            },
                        )
                        .at(Loc::line(&shown, line))
                        .roster(&roster.id),
                    );
                    continue;
                }
            },
            None => {
                findings.push(
                    Finding::new(
                        "G104",
                        Msg::BadLogValue {
                            key: "date".into(),
                            value: String::new(),
                        },
                    )
                    .at(Loc::line(&shown, line))
                    .roster(&roster.id),
                );
                continue;
            }
        };
        let Some(who) = row.get(COL_PERSON) else {
            // An empty person cell: the day stays unfilled (G401).
            continue;
        };
        match lookup(
            &grid.index.people,
            grid.people.iter().map(|p| p.name.as_str()).enumerate(),
            who,
        ) {
            Lookup::Found(p) => rows.push(Assignment {
                date,
                person: p,
                line: Some(line),
            }),
            Lookup::Ambiguous(ps) => findings.push(
                Finding::new(
                    "G102",
                    Msg::AmbiguousName {
                        name: who.to_string(),
                        candidates: ps
                            .iter()
                            .map(|&p| grid.people[p].id.clone())
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                )
                .at(Loc::line(&shown, line))
                .roster(&roster.id)
                .date(date),
            ),
            Lookup::Missing => findings.push(
                Finding::new(
                    "G102",
                    Msg::UnknownRef {
                        kind: Kind::Person,
                        id: who.to_string(),
                        suggestion: crate::model::did_you_mean(
                            who,
                            grid.people.iter().map(|p| p.id.as_str()),
                        ),
                        by_name: None,
                    },
                )
                .at(Loc::line(&shown, line))
                .roster(&roster.id)
                .date(date),
            ),
        }
    }
    (Some(Table::new(shown, rows)), findings)
}
