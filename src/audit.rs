//! The closed loop (SPEC §5): every duty due per period of its `every`,
//! checked against the inspection log (streamed a batch of rows at a
//! time), and every hazard in the ledger checked for overdue, unverified,
//! self-verified, unreported and out-of-order dates.
//!
//! Memory grows with the grid and the audit window (one bit per cell, duty
//! and period), never with the number of log rows.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use crate::calendar::{self, Calendar};
use crate::cmd::School;
use crate::findings::{Finding, Loc};
use crate::i18n::{Kind, Msg};
use crate::logs::hazards::{self, Hazard, Level};
use crate::logs::inspections::{self, Outcome};
use crate::logs::table::TableReader;
use crate::model::{Every, Grid};

/// A small fast hash for the per-row lookups of ids and names (the files are
/// the school's own, so no defence against crafted keys is needed).
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl IdHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type IdMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;
type IdSet<K> = HashSet<K, std::hash::BuildHasherDefault<IdHasher>>;

/// Equality of the short strings of a log row (dates, ids, names) without
/// a call into the C library's `memcmp`, which costs more than comparing
/// a dozen bytes.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    if !(&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q)) {
        return false;
    }
    let (p, q) = (x.remainder(), y.remainder());
    (0..p.len()).all(|i| p[i] == q[i])
}

/// A string as a key of the per-row lookups, compared with [`same`].
#[derive(Clone, Copy, Debug)]
struct Key<'a>(&'a str);

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        same(self.0, other.0)
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

/// Periods of one frequency over the term: start and end (inclusive) of each,
/// and for every day of the term the period it falls in.
#[derive(Debug)]
pub struct Periods {
    pub starts: Vec<NaiveDate>,
    pub ends: Vec<NaiveDate>,
    day: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// The periods of each frequency, in the order of `Every::ALL`.
struct ByEvery([Periods; 6]);

impl std::ops::Index<Every> for ByEvery {
    type Output = Periods;
    fn index(&self, e: Every) -> &Periods {
        // `Every::ALL` lists the variants in declaration order.
        &self.0[e as usize]
    }
}

impl Periods {
    fn build(cal: &Calendar, every: Every) -> Periods {
        let mut p = Periods {
            starts: Vec::new(),
            ends: Vec::new(),
            day: vec![NONE; cal.len()],
        };
        let days: Vec<NaiveDate> = cal.days().collect();
        let mut key_of_last: Option<(i32, u32)> = None;
        for (i, &d) in days.iter().enumerate() {
            let school = cal.is_school_day(d);
            // The key groups days into one period; None: the day is in no period.
            let key: Option<(i32, u32)> = match every {
                Every::SchoolDay => school.then_some((i as i32, 0)),
                Every::Day => Some((i as i32, 0)),
                Every::NonSchool => (!school).then_some((i as i32, 0)),
                Every::Week => Some((
                    calendar::days_between(cal.start, calendar::week_start(d)) as i32,
                    1,
                )),
                Every::Month => Some((chrono::Datelike::year(&d), chrono::Datelike::month(&d))),
                Every::Term => Some((0, 0)),
            };
            let Some(key) = key else { continue };
            if key_of_last != Some(key) {
                p.starts.push(d);
                p.ends.push(d);
                key_of_last = Some(key);
            }
            let idx = p.starts.len() - 1;
            p.ends[idx] = d;
            p.day[i] = idx as u32;
        }
        // A week with no school day is no period of a weekly duty.
        if every == Every::Week {
            let keep: Vec<bool> = (0..p.starts.len())
                .map(|k| {
                    days.iter()
                        .enumerate()
                        .any(|(i, d)| p.day[i] == k as u32 && cal.is_school_day(*d))
                })
                .collect();
            let mut remap = vec![NONE; p.starts.len()];
            let (mut starts, mut ends) = (Vec::new(), Vec::new());
            for k in 0..p.starts.len() {
                if keep[k] {
                    remap[k] = starts.len() as u32;
                    starts.push(p.starts[k]);
                    ends.push(p.ends[k]);
                }
            }
            for v in &mut p.day {
                if *v != NONE {
                    *v = remap[*v as usize];
                }
            }
            p.starts = starts;
            p.ends = ends;
        }
        p
    }

    /// The period of the term's day number `day` (0 = the term's start).
    pub fn of_offset(&self, day: usize) -> Option<usize> {
        let v = *self.day.get(day)?;
        (v != NONE).then_some(v as usize)
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// One (cell, duty) pair and where its periods' bits start.
#[derive(Debug, Clone)]
pub struct Pair {
    pub cell: usize,
    pub duty: usize,
    pub every: Every,
    base: usize,
}

/// Lookup by id or unique name (or duty text), without allocating per row.
struct Names<'g> {
    people: IdMap<Key<'g>, Result<usize, Vec<usize>>>,
    cells: IdMap<Key<'g>, Result<usize, Vec<usize>>>,
    spaces: IdMap<Key<'g>, Result<usize, Vec<usize>>>,
    /// Per cell: duty id or text → pair index.
    duties: Vec<IdMap<Key<'g>, usize>>,
}

fn name_map<'g>(
    ids: impl Iterator<Item = (usize, &'g str, &'g str)>,
) -> IdMap<Key<'g>, Result<usize, Vec<usize>>> {
    let mut by_name: HashMap<&'g str, Vec<usize>> = HashMap::new();
    let mut m: IdMap<Key<'g>, Result<usize, Vec<usize>>> = IdMap::default();
    for (i, id, name) in ids {
        m.insert(Key(id), Ok(i));
        by_name.entry(name).or_default().push(i);
    }
    for (name, v) in by_name {
        if m.contains_key(&Key(name)) {
            continue; // an id wins over a name
        }
        let r = if v.len() == 1 { Ok(v[0]) } else { Err(v) };
        m.insert(Key(name), r);
    }
    m
}

/// What the audit found, and the per-period record `score` builds on.
#[derive(Debug, Default)]
pub struct Audit {
    pub findings: Vec<Finding>,
    /// Duties due now (current period) and not yet logged.
    pub due_now: Vec<(usize, usize, NaiveDate)>,
    pub hazards: Vec<Hazard>,
    /// (person, due, done) inspection periods in the window, by the person
    /// responsible.
    pub duty_periods: Vec<DutyPeriod>,
}

#[derive(Debug, Clone)]
pub struct DutyPeriod {
    pub cell: usize,
    pub duty: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub person: Option<usize>,
    pub done: bool,
}

pub struct Options<'a> {
    pub inspections: Option<&'a Path>,
    pub hazards: Option<&'a Path>,
    pub from: NaiveDate,
    pub as_of: NaiveDate,
    /// Read the inspection log on a second thread (one school; a county
    /// keeps every core busy with schools already).
    pub threaded: bool,
    /// Keep every period with the person answering for it (`score` needs
    /// them; `audit` only needs the missed ones).
    pub per_person: bool,
}

/// Audit a school's logs. Err when a log cannot be read at all (a missing
/// required column, an Excel workbook, an empty file): one clear error.
pub fn run(school: &School, opt: &Options) -> Result<Audit, Finding> {
    let g = &school.grid;
    let cal = &school.cal;
    let mut audit = Audit::default();

    // Periods per frequency and the (cell, duty) pairs.
    let periods = ByEvery(Every::ALL.map(|(_, e)| Periods::build(cal, e)));
    let mut pairs: Vec<Pair> = Vec::new();
    let mut total = 0usize;
    let mut duties: Vec<IdMap<Key, usize>> = vec![IdMap::default(); g.cells.len()];
    for (ci, c) in g.cells.iter().enumerate() {
        for (di, d) in c.all_duties(g).enumerate() {
            let n = periods[d.every].len();
            duties[ci].entry(Key(&d.id)).or_insert(pairs.len());
            duties[ci].entry(Key(&d.text)).or_insert(pairs.len());
            pairs.push(Pair {
                cell: ci,
                duty: di,
                every: d.every,
                base: total,
            });
            total += n;
        }
    }
    let names = Names {
        people: name_map(
            g.people
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.id.as_str(), p.name.as_str())),
        ),
        cells: name_map(
            g.cells
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.id.as_str(), p.name.as_str())),
        ),
        spaces: name_map(
            g.spaces
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.id.as_str(), p.name.as_str())),
        ),
        duties,
    };

    // The ledger first: it is small, and inspections refer to its ids.
    if let Some(path) = opt.hazards {
        audit.hazards = read_ledger(g, &names, path, &mut audit.findings)?;
        // What was found after --as-of had not happened yet.
        audit.hazards.retain(|h| h.found <= opt.as_of);
    }
    let ledger_ids: IdSet<&str> = audit.hazards.iter().map(|h| h.id.as_str()).collect();

    let mut done = vec![0u64; total.div_ceil(64)];
    if let Some(path) = opt.inspections {
        read_inspections(
            g,
            cal,
            &names,
            &pairs,
            &periods,
            &ledger_ids,
            path,
            opt.as_of,
            opt.threaded,
            &mut done,
            &mut audit.findings,
        )?;
    }
    drop(ledger_ids);

    missed(school, opt, &pairs, &periods, &done, &mut audit);
    for h in &audit.hazards {
        check_hazard(school, opt, h, &mut audit.findings);
    }
    audit.findings = crate::rules::finish_codes(g, audit.findings);
    Ok(audit)
}

/// Resolve a name in a log cell; report A508 when it names nothing or two.
/// `loc` is only built when there is something to report.
fn resolve(
    grid: &Grid,
    m: &IdMap<Key, Result<usize, Vec<usize>>>,
    kind: Kind,
    s: &str,
    loc: &dyn Fn() -> Loc,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    match m.get(&Key(s)) {
        Some(Ok(i)) => Some(*i),
        Some(Err(v)) => {
            let ids: Vec<&str> = v
                .iter()
                .map(|&i| match kind {
                    Kind::Person => grid.people[i].id.as_str(),
                    Kind::Cell => grid.cells[i].id.as_str(),
                    _ => grid.spaces[i].id.as_str(),
                })
                .collect();
            out.push(
                Finding::new(
                    "A508",
                    Msg::AmbiguousRef {
                        kind,
                        name: s.to_string(),
                        candidates: ids.join(", "),
                    },
                )
                .at(loc()),
            );
            None
        }
        None => {
            let candidates = m.keys().map(|k| k.0);
            out.push(
                Finding::new(
                    "A508",
                    Msg::UnknownRef {
                        kind,
                        id: s.to_string(),
                        suggestion: crate::model::did_you_mean(s, candidates),
                        by_name: None,
                    },
                )
                .at(loc()),
            );
            None
        }
    }
}

fn bad_value(key: &str, value: &str, loc: &Loc) -> Finding {
    Finding::new(
        "A508",
        Msg::BadLogValue {
            key: key.to_string(),
            value: value.to_string(),
        },
    )
    .at(loc.clone())
}

#[allow(clippy::too_many_arguments)]
fn read_inspections(
    g: &Grid,
    cal: &Calendar,
    names: &Names,
    pairs: &[Pair],
    periods: &ByEvery,
    ledger: &IdSet<&str>,
    path: &Path,
    as_of: NaiveDate,
    threaded: bool,
    done: &mut [u64],
    out: &mut Vec<Finding>,
) -> Result<(), Finding> {
    let file = path.display().to_string();
    let mut last_date_s = String::new();
    let (mut last_cell_s, mut last_cell) = (String::new(), None);
    let mut last_inspector_s = String::new();
    let mut last_date = NaiveDate::MIN;
    let mut last_offset: Option<usize> = None;
    let mut problems = Vec::new();
    let read = crate::logs::stream::for_each_row(
        path,
        inspections::COLUMNS,
        "A508",
        threaded,
        |row| {
            let line = row.line();
            let loc = || Loc::line(&file, line);
            let (Some(date_s), Some(cell_s), Some(duty_s), Some(result_s)) = (
                row.get(inspections::DATE),
                row.get(inspections::CELL),
                row.get(inspections::DUTY),
                row.get(inspections::RESULT),
            ) else {
                let missing = [
                    inspections::DATE,
                    inspections::CELL,
                    inspections::DUTY,
                    inspections::RESULT,
                ]
                .into_iter()
                .filter(|&c| row.get(c).is_none())
                .map(|c| inspections::COLUMNS[c].key)
                .collect();
                out.push(Finding::new("A508", Msg::LogRowIncomplete { missing }).at(loc()));
                return;
            };
            // Rows come in date order: most rows repeat the last row's date.
            let date = if same(date_s, &last_date_s) {
                last_date
            } else {
                let Some(d) = crate::calendar::excel::parse_date(date_s) else {
                    out.push(bad_value("date", date_s, &loc()));
                    return;
                };
                last_date_s.clear();
                last_date_s.push_str(date_s);
                last_date = d;
                last_offset = cal
                    .in_term(d)
                    .then(|| calendar::days_between(cal.start, d) as usize);
                d
            };
            if date > as_of {
                return;
            }
            let Some(outcome) = inspections::parse_result(result_s) else {
                out.push(bad_value("result", result_s, &loc()));
                return;
            };
            // A cell's duties are usually logged together: reuse the last lookup.
            let cell = if last_cell.is_some() && same(cell_s, &last_cell_s) {
                last_cell
            } else {
                last_cell_s.clear();
                last_cell_s.push_str(cell_s);
                last_cell = resolve(g, &names.cells, Kind::Cell, cell_s, &loc, out);
                last_cell
            };
            let Some(cell) = cell else {
                return;
            };
            let Some(&p) = names.duties[cell].get(&Key(duty_s)) else {
                let known = names.duties[cell].keys().map(|k| k.0);
                out.push(
                    Finding::new(
                        "A508",
                        Msg::UnknownDuty {
                            cell: g.cells[cell].id.clone(),
                            duty: duty_s.to_string(),
                            suggestion: crate::model::did_you_mean(duty_s, known),
                        },
                    )
                    .at(loc())
                    .cell(&g.cells[cell].id),
                );
                return;
            };
            if let Some(who) = row.get(inspections::INSPECTOR)
                && !same(who, &last_inspector_s)
                && resolve(g, &names.people, Kind::Person, who, &loc, out).is_some()
            {
                last_inspector_s.clear();
                last_inspector_s.push_str(who);
            }
            if outcome == Outcome::Hazard {
                let id = row.get(inspections::HAZARD).unwrap_or("");
                if !ledger.contains(id) {
                    out.push(
                        Finding::new(
                            "A507",
                            Msg::HazardNotInLedger {
                                id: id.to_string(),
                                cell: g.cells[cell].name.clone(),
                                date: date.to_string(),
                            },
                        )
                        .at(loc())
                        .cell(&g.cells[cell].id)
                        .hazard(id)
                        .date(date),
                    );
                }
            }
            let pair = &pairs[p];
            if let Some(k) = last_offset.and_then(|off| periods[pair.every].of_offset(off)) {
                let bit = pair.base + k;
                done[bit / 64] |= 1 << (bit % 64);
            }
        },
        |f| problems.push(f),
    );
    out.extend(problems);
    read
}

fn is_done(done: &[u64], bit: usize) -> bool {
    done[bit / 64] & (1 << (bit % 64)) != 0
}

/// The day whose staff answers for a period: its last school day (or last
/// day) that is not after --as-of.
fn answer_day(cal: &Calendar, start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> NaiveDate {
    let last = end.min(as_of);
    let mut d = last;
    while d >= start {
        if cal.is_school_day(d) {
            return d;
        }
        d = calendar::add_days(d, -1);
    }
    last
}

fn missed(
    school: &School,
    opt: &Options,
    pairs: &[Pair],
    periods: &ByEvery,
    done: &[u64],
    audit: &mut Audit,
) {
    let g = &school.grid;
    let cal = &school.cal;
    // The person answering for a cell on a day, worked out once: a cell's
    // duties share their days.
    let mut answering: IdMap<(usize, NaiveDate), Option<usize>> = IdMap::default();
    for pair in pairs {
        let ps = &periods[pair.every];
        let cell = &g.cells[pair.cell];
        let Some(duty) = cell.all_duties(g).nth(pair.duty) else {
            continue;
        };
        for k in 0..ps.len() {
            let (start, end) = (ps.starts[k], ps.ends[k]);
            if end < opt.from || start > opt.as_of {
                continue;
            }
            let is = is_done(done, pair.base + k);
            // A period done needs nobody named, unless `score` counts it.
            if is && !opt.per_person {
                continue;
            }
            let day = answer_day(cal, start, end, opt.as_of);
            let person = *answering
                .entry((pair.cell, day))
                .or_insert_with(|| school.staff(pair.cell, day).first());
            if opt.per_person {
                audit.duty_periods.push(DutyPeriod {
                    cell: pair.cell,
                    duty: pair.duty,
                    start,
                    end,
                    person,
                    done: is,
                });
            }
            if is {
                continue;
            }
            if end >= opt.as_of {
                audit.due_now.push((pair.cell, pair.duty, start));
                continue;
            }
            // Up the chain to the first person other than the one responsible.
            let escalate = g
                .chain_up(pair.cell)
                .into_iter()
                .filter_map(|c| school.staff(c, day).first())
                .find(|&p| Some(p) != person);
            let mut f = Finding::new(
                "A501",
                Msg::Missed {
                    cell: cell.name.clone(),
                    cell_id: cell.id.clone(),
                    duty: duty.text.clone(),
                    every: duty.every,
                    start: start.to_string(),
                    end: end.to_string(),
                    person: person.map(|p| g.people[p].name.clone()),
                    escalate: escalate.map(|p| g.people[p].name.clone()),
                },
            )
            .cell(&cell.id)
            .duty(&duty.id)
            .date(start);
            if let Some(p) = person {
                f = f.person(&g.people[p].id);
            }
            if let Some(p) = escalate {
                f = f.escalate_to(&g.people[p].id);
            }
            audit.findings.push(f);
        }
    }
}

fn read_ledger(
    g: &Grid,
    names: &Names,
    path: &Path,
    out: &mut Vec<Finding>,
) -> Result<Vec<Hazard>, Finding> {
    let mut reader = TableReader::open(path, hazards::COLUMNS)
        .map_err(|e| crate::logs::table_error_finding("A508", &e))?;
    let file = reader.file().to_string();
    let mut list: Vec<Hazard> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = reader.next_row() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                out.push(crate::logs::row_error_finding("A508", &e));
                continue;
            }
        };
        let line = row.line();
        let loc = Loc::line(&file, line);
        let Some(id) = row.get(hazards::ID) else {
            let missing = vec![hazards::COLUMNS[hazards::ID].key];
            out.push(Finding::new("A508", Msg::LogRowIncomplete { missing }).at(loc));
            continue;
        };
        if let Some(first) = seen.get(id) {
            out.push(
                Finding::new(
                    "A508",
                    Msg::DuplicateHazard {
                        id: id.to_string(),
                        first: *first,
                    },
                )
                .at(loc)
                .hazard(id),
            );
            continue;
        }
        seen.insert(id.to_string(), line);
        let date =
            |key: &str, col: usize, out: &mut Vec<Finding>| -> Result<Option<NaiveDate>, ()> {
                match row.get(col) {
                    None => Ok(None),
                    Some(s) => match crate::calendar::excel::parse_date(s) {
                        Some(d) => Ok(Some(d)),
                        None => {
                            out.push(bad_value(key, s, &loc).hazard(id));
                            Err(())
                        }
                    },
                }
            };
        let (Ok(found), Ok(due), Ok(rectified), Ok(verified), Ok(reported)) = (
            date("found", hazards::FOUND, out),
            date("due", hazards::DUE, out),
            date("rectified", hazards::RECTIFIED, out),
            date("verified", hazards::VERIFIED, out),
            date("reported", hazards::REPORTED, out),
        ) else {
            continue;
        };
        let Some(found) = found else {
            out.push(bad_value("found", "", &loc).hazard(id));
            continue;
        };
        let level_s = row.get(hazards::LEVEL).unwrap_or("");
        let Some(level) = Level::parse(level_s) else {
            out.push(bad_value("level", level_s, &loc).hazard(id));
            continue;
        };
        let kind_s = row.get(hazards::KIND).unwrap_or("");
        let Some(kind) = hazards::Kind::parse(kind_s) else {
            out.push(bad_value("kind", kind_s, &loc).hazard(id));
            continue;
        };
        let cell = row
            .get(hazards::CELL)
            .and_then(|s| resolve(g, &names.cells, Kind::Cell, s, &|| loc.clone(), out));
        let space = row
            .get(hazards::SPACE)
            .and_then(|s| resolve(g, &names.spaces, Kind::Space, s, &|| loc.clone(), out));
        let owner = match row.get(hazards::OWNER) {
            Some(s) => resolve(g, &names.people, Kind::Person, s, &|| loc.clone(), out),
            None => {
                out.push(bad_value("owner", "", &loc).hazard(id));
                None
            }
        };
        let verifier = row
            .get(hazards::VERIFIER)
            .and_then(|s| resolve(g, &names.people, Kind::Person, s, &|| loc.clone(), out));
        let days = g.policy.deadline_days(level.index());
        let due = due.unwrap_or_else(|| calendar::add_days(found, days));
        list.push(Hazard {
            id: id.to_string(),
            line,
            found,
            cell,
            space,
            description: row.get(hazards::DESCRIPTION).unwrap_or("").to_string(),
            level,
            owner,
            due,
            rectified,
            verifier,
            verified,
            reported,
            kind,
        });
    }
    Ok(list)
}

fn hazard_finding(
    g: &Grid,
    h: &Hazard,
    file: &Option<String>,
    code: &'static str,
    msg: Msg,
) -> Finding {
    let mut f = Finding::new(code, msg).hazard(&h.id);
    if let Some(file) = file {
        f = f.at(Loc::line(file, h.line));
    }
    if let Some(c) = h.cell {
        f = f.cell(&g.cells[c].id);
    }
    if let Some(s) = h.space {
        f = f.space(&g.spaces[s].id);
    }
    f
}

fn check_hazard(school: &School, opt: &Options, h: &Hazard, out: &mut Vec<Finding>) {
    let g = &school.grid;
    let file = opt.hazards.map(|p| p.display().to_string());
    let what = if h.description.is_empty() {
        h.id.clone()
    } else {
        format!("{} {}", h.id, h.description)
    };
    let owner_name = h.owner.map(|p| g.people[p].name.clone());
    let with_person = |f: Finding, p: Option<usize>| match p {
        Some(p) => f.person(&g.people[p].id),
        None => f,
    };
    // A506: dates that run backwards.
    let order_problem = if h.rectified.is_some_and(|r| r < h.found) {
        Some(("rectified", h.rectified, "found", Some(h.found)))
    } else if h.verified.is_some() && h.rectified.is_none() {
        Some(("verified", h.verified, "rectified", None))
    } else if let (Some(v), Some(r)) = (h.verified, h.rectified)
        && v < r
    {
        Some(("verified", Some(v), "rectified", Some(r)))
    } else if h.due < h.found {
        Some(("due", Some(h.due), "found", Some(h.found)))
    } else if h.reported.is_some_and(|r| r < h.found) {
        Some(("reported", h.reported, "found", Some(h.found)))
    } else {
        None
    };
    if let Some((a, ad, b, bd)) = order_problem {
        out.push(hazard_finding(
            g,
            h,
            &file,
            "A506",
            Msg::DatesOutOfOrder {
                hazard: what.clone(),
                first: a.to_string(),
                first_date: ad.map(|d| d.to_string()).unwrap_or_default(),
                second: b.to_string(),
                second_date: bd.map(|d| d.to_string()).unwrap_or_default(),
            },
        ));
    }
    // A502: open past its due date, escalated one level per further deadline.
    if h.rectified.is_none() && opt.as_of > h.due {
        let days_over = calendar::days_between(h.due, opt.as_of);
        let deadline_days = g.policy.deadline_days(h.level.index()).max(1);
        let steps = (days_over / deadline_days) as usize;
        let chain: Vec<usize> = match h.cell {
            Some(c) => g.chain_up(c),
            None => g
                .cells
                .iter()
                .position(|c| c.level == 1)
                .into_iter()
                .collect(),
        };
        let target_cell = if chain.is_empty() {
            None
        } else {
            Some(chain[steps.min(chain.len() - 1)])
        };
        let target = target_cell.and_then(|c| school.staff(c, opt.as_of).first());
        let mut f = hazard_finding(
            g,
            h,
            &file,
            "A502",
            Msg::Overdue {
                hazard: what.clone(),
                level: h.level.as_str().to_string(),
                due: h.due.to_string(),
                days: days_over,
                owner: owner_name.clone(),
                escalate: target.map(|p| g.people[p].name.clone()),
                escalate_cell: target_cell.map(|c| g.cells[c].name.clone()),
            },
        )
        .date(h.due);
        if let Some(p) = target {
            f = f.escalate_to(&g.people[p].id);
        }
        out.push(with_person(f, h.owner));
    }
    // A503: rectified, not verified within verify-within.
    if let (Some(r), None) = (h.rectified, h.verified) {
        let limit = calendar::add_days(r, g.policy.verify_days());
        if opt.as_of > limit {
            let who = h.verifier.or_else(|| {
                h.cell
                    .and_then(|c| g.cells[c].parent)
                    .and_then(|p| school.staff(p, opt.as_of).first())
            });
            let f = hazard_finding(
                g,
                h,
                &file,
                "A503",
                Msg::Unverified {
                    hazard: what.clone(),
                    rectified: r.to_string(),
                    days: calendar::days_between(r, opt.as_of),
                },
            )
            .date(r);
            out.push(with_person(f, who));
        }
    }
    // A504: the owner verified their own work.
    if let (Some(o), Some(v)) = (h.owner, h.verifier)
        && o == v
    {
        let parent = h
            .cell
            .and_then(|c| g.cells[c].parent)
            .and_then(|p| school.staff(p, opt.as_of).first());
        let f = hazard_finding(
            g,
            h,
            &file,
            "A504",
            Msg::SelfVerified {
                hazard: what.clone(),
                person: g.people[o].name.clone(),
            },
        );
        out.push(with_person(f, parent.or(Some(o))));
    }
    // A505: a major hazard not reported upward.
    if h.level == Level::Major && h.reported.is_none() {
        let top = g
            .cells
            .iter()
            .position(|c| c.level == 1)
            .and_then(|c| school.staff(c, opt.as_of).first());
        let f = hazard_finding(
            g,
            h,
            &file,
            "A505",
            Msg::MajorUnreported {
                hazard: what.clone(),
            },
        )
        .date(h.found);
        out.push(with_person(f, top.or(h.owner)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_all_is_in_declaration_order() {
        for (i, (_, e)) in Every::ALL.iter().enumerate() {
            assert_eq!(*e as usize, i, "{e:?}");
        }
    }
}
