//! The grid: typed, resolved, spanned. Ids are turned into indices once, at
//! load time; every value keeps the span it came from so findings can point
//! at the line to change.

mod load;
mod suggest;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

pub use load::{Fatal, Loaded, find_grid_files, load_file, load_str, parse_duration, parse_hhmm};
pub use suggest::did_you_mean;

use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    SchoolDays,
    NonSchool,
    All,
}

/// How often a duty is due (`every`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Every {
    SchoolDay,
    Day,
    Week,
    Month,
    Term,
    NonSchool,
}

impl Every {
    pub const ALL: [(&'static str, Every); 6] = [
        ("schoolday", Every::SchoolDay),
        ("day", Every::Day),
        ("week", Every::Week),
        ("month", Every::Month),
        ("term", Every::Term),
        ("non-school", Every::NonSchool),
    ];
    pub fn as_str(self) -> &'static str {
        Every::ALL
            .iter()
            .find(|(_, e)| *e == self)
            .map(|(s, _)| *s)
            .unwrap_or("")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Week,
    Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Campus,
    OffCampus,
}

#[derive(Debug, Clone)]
pub struct School {
    pub name: String,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub term_span: Span,
}

#[derive(Debug, Clone)]
pub struct Holiday {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CalendarDef {
    /// Monday = 0 .. Sunday = 6.
    pub weekdays: [bool; 7],
    pub holidays: Vec<Holiday>,
    pub workdays: Vec<(NaiveDate, Span)>,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub id: String,
    pub span: Span,
    pub name: String,
    /// Minutes after midnight, half-open [start, end).
    pub start: u16,
    pub end: u16,
    pub on: On,
}

#[derive(Debug, Clone)]
pub struct Space {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub within: Option<usize>,
    /// Slots in which this space needs an owner; `None` means every slot.
    pub slots: Option<Vec<usize>>,
}

#[derive(Debug, Clone)]
pub struct Village {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub students: u32,
}

#[derive(Debug, Clone)]
pub struct Duty {
    pub id: String,
    pub text: String,
    pub every: Every,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub duties: Vec<Duty>,
}

#[derive(Debug, Clone)]
pub struct Away {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub why: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub phone: Option<String>,
    pub roles: Vec<usize>,
    /// Serves until the day before.
    pub left: Option<NaiveDate>,
    pub away: Vec<Away>,
    pub org: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Roster {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub per: Per,
    pub on: On,
    pub size: u32,
    pub pool: Vec<usize>,
    pub file: Option<PathBuf>,
    pub file_span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admin {
    Person(usize),
    Roster(usize),
}

#[derive(Debug, Clone)]
pub struct Member {
    pub role: String,
    pub person: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub id: String,
    pub span: Span,
    pub name: String,
    pub level: u8,
    pub level_span: Span,
    pub parent: Option<usize>,
    pub parent_span: Option<Span>,
    pub admin: Option<Admin>,
    pub admin_span: Option<Span>,
    pub deputy: Option<usize>,
    pub role: Option<usize>,
    pub duties: Vec<Duty>,
    pub spaces: Vec<usize>,
    /// `None` means every slot.
    pub slots: Option<Vec<usize>>,
    pub scope: Scope,
    pub villages: Vec<usize>,
    pub members: Vec<Member>,
    pub members_span: Option<Span>,
}

impl Cell {
    /// The duties of the cell: its role's template, then its own; an
    /// off-campus cell also has the duties of its members' roles (一格三员:
    /// a member role such as `grid-worker` takes the template
    /// `[roles.grid-worker]` when there is one).
    pub fn all_duties<'a>(&'a self, grid: &'a Grid) -> impl Iterator<Item = &'a Duty> + 'a {
        let member_roles = self
            .members
            .iter()
            .filter_map(|m| grid.index.roles.get(&m.role).copied())
            .filter(move |r| Some(*r) != self.role);
        self.role
            .map(|r| grid.roles[r].duties.as_slice())
            .unwrap_or(&[])
            .iter()
            .chain(self.duties.iter())
            .chain(member_roles.flat_map(|r| grid.roles[r].duties.iter()))
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub offcampus_roles: Vec<String>,
    pub max_cells_per_person: u32,
    pub require_phone: bool,
    /// Hours allowed to fix a hazard: general, serious, major.
    pub hazard_deadline_hours: [i64; 3],
    pub verify_within_hours: i64,
    pub score_inspections: u32,
    pub score_hazards: u32,
    /// Severity overrides; `None` means the rule is off.
    pub rules: HashMap<String, (Option<crate::findings::Severity>, Span)>,
}

impl Policy {
    /// Days to fix a hazard of the level (`general`, `serious`, `major` as
    /// 0, 1, 2): its deadline in hours, counted in started days.
    pub fn deadline_days(&self, level: usize) -> i64 {
        days_of(self.hazard_deadline_hours[level])
    }

    /// Days to verify a fixed hazard, counted in started days.
    pub fn verify_days(&self) -> i64 {
        days_of(self.verify_within_hours)
    }
}

/// Hours as the days they start: 1 h is a day, 24 h is a day, 25 h two.
fn days_of(hours: i64) -> i64 {
    (hours + 23) / 24
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            offcampus_roles: vec![
                "grid-worker".into(),
                "liaison-teacher".into(),
                "guardian".into(),
            ],
            max_cells_per_person: 6,
            require_phone: true,
            hazard_deadline_hours: [7 * 24, 3 * 24, 24],
            verify_within_hours: 3 * 24,
            score_inspections: 60,
            score_hazards: 40,
            rules: HashMap::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Waiver {
    pub rule: String,
    pub space: Option<usize>,
    pub slot: Option<usize>,
    pub cell: Option<usize>,
    pub person: Option<usize>,
    pub village: Option<usize>,
    pub until: Option<NaiveDate>,
    pub by: Option<usize>,
    pub why: String,
    pub span: Span,
    /// A reference in the waiver names nothing (G102): it waives nothing.
    pub unresolved: bool,
}

impl Waiver {
    /// Whether the waiver accepts anything on `as_of`: it names nothing
    /// unknown and has not expired.
    pub fn in_force(&self, as_of: NaiveDate) -> bool {
        !self.unresolved && self.until.is_none_or(|u| as_of <= u)
    }
}

#[derive(Debug, Clone, Default)]
pub struct LogPaths {
    pub inspections: Option<PathBuf>,
    pub hazards: Option<PathBuf>,
}

/// A whole school's grid, resolved.
#[derive(Debug)]
pub struct Grid {
    pub source: Arc<SourceFile>,
    /// The folder of grid.toml; paths inside it are relative to this.
    pub dir: PathBuf,
    pub school: School,
    pub calendar: CalendarDef,
    pub slots: Vec<Slot>,
    pub spaces: Vec<Space>,
    pub villages: Vec<Village>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
    pub rosters: Vec<Roster>,
    pub cells: Vec<Cell>,
    pub policy: Policy,
    pub waivers: Vec<Waiver>,
    pub logs: LogPaths,
    pub index: Index,
}

/// Id → index maps for every kind of thing, and names for lookups by name.
#[derive(Debug, Default)]
pub struct Index {
    pub slots: HashMap<String, usize>,
    pub spaces: HashMap<String, usize>,
    pub villages: HashMap<String, usize>,
    pub roles: HashMap<String, usize>,
    pub people: HashMap<String, usize>,
    pub rosters: HashMap<String, usize>,
    pub cells: HashMap<String, usize>,
}

impl Grid {
    pub fn file_name(&self) -> String {
        self.source.path().display().to_string()
    }

    /// The cell's parent chain, from the cell's parent up to level 1.
    /// Stops on a cycle.
    pub fn chain_up(&self, cell: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.cells[cell].parent;
        while let Some(p) = cur {
            if p == cell || out.contains(&p) || out.len() > self.cells.len() {
                break;
            }
            out.push(p);
            cur = self.cells[p].parent;
        }
        out
    }
}

/// Find things by id or by unique name, for command-line targets and CSV cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(usize),
    Ambiguous(Vec<usize>),
    Missing,
}

pub fn lookup<'a>(
    by_id: &HashMap<String, usize>,
    names: impl Iterator<Item = (usize, &'a str)>,
    key: &str,
) -> Lookup {
    if let Some(&i) = by_id.get(key) {
        return Lookup::Found(i);
    }
    let hits: Vec<usize> = names.filter(|(_, n)| *n == key).map(|(i, _)| i).collect();
    match hits.len() {
        0 => Lookup::Missing,
        1 => Lookup::Found(hits[0]),
        _ => Lookup::Ambiguous(hits),
    }
}
