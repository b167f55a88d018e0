//! What a new version of a grid changes (`diff OLD NEW`): pure data, no
//! printing. Things are matched by id: cells, people, spaces, slots,
//! villages and roles keep their ids across versions; a renamed id is a
//! removal and an addition.
//!
//! The blind spots are the G301 computation of `rules::coverage` (leaf
//! spaces, slots used in the term, level-4 coverage only), with each
//! version's own active G301 waivers counting as cover; severity overrides
//! in `[policy.rules]` do not hide a blind spot here.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::calendar::{self, Calendar};
use crate::coverage::{Coverage, bit, slots_of};
use crate::i18n::Why;
use crate::model::{Admin, Grid, Person, Scope};

/// One version of a school: the grid and what the analyses computed of it.
#[derive(Clone, Copy)]
pub struct Version<'a> {
    pub grid: &'a Grid,
    pub cal: &'a Calendar,
    pub cov: &'a Coverage,
}

/// Something named in a grid: its id and its name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl Named {
    fn person(g: &Grid, p: usize) -> Named {
        Named {
            id: g.people[p].id.clone(),
            name: g.people[p].name.clone(),
        }
    }

    fn cell(g: &Grid, c: usize) -> Named {
        Named {
            id: g.cells[c].id.clone(),
            name: g.cells[c].name.clone(),
        }
    }

    /// A cell's admin: a person, or a roster post as `@id`.
    fn admin(g: &Grid, a: Admin) -> Named {
        match a {
            Admin::Person(p) => Named::person(g, p),
            Admin::Roster(r) => Named {
                id: format!("@{}", g.rosters[r].id),
                name: g.rosters[r].name.clone(),
            },
        }
    }

    /// An off-campus role: its id, and the name of `[roles.ID]` when there is one.
    fn role(g: &Grid, role: &str) -> Named {
        let name = g
            .index
            .roles
            .get(role)
            .map(|&r| g.roles[r].name.clone())
            .unwrap_or_else(|| role.to_string());
        Named {
            id: role.to_string(),
            name,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellKind {
    Added,
    Removed,
    Admin,
    Deputy,
    /// An off-campus member role (一格三员).
    Member(Named),
}

impl CellKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CellKind::Added => "added",
            CellKind::Removed => "removed",
            CellKind::Admin => "admin",
            CellKind::Deputy => "deputy",
            CellKind::Member(_) => "member",
        }
    }
}

/// Who holds a cell, in one of its posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    Admin(Named),
    Deputy(Named),
    Member { role: Named, person: Named },
}

impl Holder {
    /// `admin`, `deputy`, or the member role's id.
    pub fn post(&self) -> &str {
        match self {
            Holder::Admin(_) => "admin",
            Holder::Deputy(_) => "deputy",
            Holder::Member { role, .. } => &role.id,
        }
    }

    pub fn person(&self) -> &Named {
        match self {
            Holder::Admin(p) | Holder::Deputy(p) | Holder::Member { person: p, .. } => p,
        }
    }
}

/// A cell added or removed (old/new: its admin; `holders`: everyone who
/// holds it), or a change of who holds one post of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellChange {
    pub cell: Named,
    pub level: u8,
    pub kind: CellKind,
    pub old: Option<Named>,
    pub new: Option<Named>,
    pub holders: Vec<Holder>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonKind {
    Added,
    Gone,
    /// The `left` date is new or moved (old and new dates).
    Left {
        old: Option<NaiveDate>,
        new: Option<NaiveDate>,
    },
    /// An `away` range that the old version did not have.
    Away {
        from: NaiveDate,
        to: NaiveDate,
        why: String,
    },
}

impl PersonKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            PersonKind::Added => "added",
            PersonKind::Gone => "gone",
            PersonKind::Left { .. } => "left",
            PersonKind::Away { .. } => "away",
        }
    }

    fn order(&self) -> u8 {
        match self {
            PersonKind::Added => 0,
            PersonKind::Gone => 1,
            PersonKind::Left { .. } => 2,
            PersonKind::Away { .. } => 3,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonChange {
    pub person: Named,
    pub kind: PersonKind,
}

/// How a (space, slot) stands in the other version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairState {
    /// Covered: the cells that cover it, most specific first (level 4, or
    /// only higher levels).
    Covered(Vec<Named>),
    /// A G301 waiver in force covers it.
    Waived,
    /// The space or slot is not there, or the pair needs no owner
    /// (not a leaf space, a slot the space does not list, a slot not used in the term).
    NotNeeded,
}

impl PairState {
    pub fn as_str(&self) -> &'static str {
        match self {
            PairState::Covered(_) => "covered",
            PairState::Waived => "waived",
            PairState::NotNeeded => "not-needed",
        }
    }
}

/// A (space, slot) that became, or stopped being, a blind spot. `other` is
/// how it stands in the other version: the old one for an opened blind
/// spot, the new one for a closed one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlindSpot {
    pub space: Named,
    pub slot: Named,
    pub other: PairState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unstaffed {
    /// No admin (一格一员).
    NoAdmin,
    /// The admin serves on none of the cell's days of the term and no
    /// deputy serves on any of them.
    AdminNotServing {
        admin: Named,
        why: Why,
        deputy: Option<Named>,
    },
    /// An off-campus cell without a serving member for these roles.
    MissingRoles(Vec<Named>),
}

impl Unstaffed {
    pub fn as_str(&self) -> &'static str {
        match self {
            Unstaffed::NoAdmin => "no-admin",
            Unstaffed::AdminNotServing { .. } => "admin-not-serving",
            Unstaffed::MissingRoles(_) => "missing-roles",
        }
    }
}

/// A cell the old version staffed and the new one leaves unstaffed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnstaffedCell {
    pub cell: Named,
    pub reason: Unstaffed,
    /// Who held it in the old version.
    pub before: Vec<Holder>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VillageLoss {
    /// No off-campus cell lists the village any more (G303).
    NoCell,
    /// The cells that list it lack serving members for these roles.
    MissingRoles { cell: Named, roles: Vec<Named> },
}

impl VillageLoss {
    pub fn as_str(&self) -> &'static str {
        match self {
            VillageLoss::NoCell => "no-cell",
            VillageLoss::MissingRoles { .. } => "missing-roles",
        }
    }
}

/// A village with students that had an off-campus cell with all its
/// members, and in the new version has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VillageChange {
    pub village: Named,
    pub students: u32,
    /// The old cell that had all its members.
    pub old_cell: Named,
    pub loss: VillageLoss,
}

/// Cells a person holds: admin of campus cells plus off-campus memberships.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadChange {
    pub person: Named,
    pub old: usize,
    pub new: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub cells: Vec<CellChange>,
    pub people: Vec<PersonChange>,
    pub opened: Vec<BlindSpot>,
    pub closed: Vec<BlindSpot>,
    pub unstaffed: Vec<UnstaffedCell>,
    pub villages: Vec<VillageChange>,
    pub load: Vec<LoadChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes() == 0
    }

    /// Every change reported, of every kind.
    pub fn changes(&self) -> usize {
        self.cells.len()
            + self.people.len()
            + self.opened.len()
            + self.closed.len()
            + self.unstaffed.len()
            + self.villages.len()
            + self.load.len()
    }

    /// What makes the new version worse than the old: blind spots opened,
    /// cells left unstaffed, villages that lost their three members.
    pub fn regressions(&self) -> usize {
        self.opened.len() + self.unstaffed.len() + self.villages.len()
    }
}

/// Compare two versions of a school's grid. `as_of` decides which waivers
/// are in force, as it does for `check`.
pub fn diff(old: Version, new: Version, as_of: NaiveDate) -> Diff {
    let mut d = Diff {
        cells: cells(old.grid, new.grid),
        people: people(old.grid, new.grid),
        ..Diff::default()
    };
    let old_blind = blind_spots(old, as_of);
    let new_blind = blind_spots(new, as_of);
    d.opened = new_blind
        .iter()
        .filter(|k| !old_blind.contains(k))
        .map(|k| blind_spot(new, old, k, as_of))
        .collect();
    d.closed = old_blind
        .iter()
        .filter(|k| !new_blind.contains(k))
        .map(|k| blind_spot(old, new, k, as_of))
        .collect();
    d.unstaffed = unstaffed(old, new);
    d.villages = villages(old, new);
    d.load = load(old.grid, new.grid);
    d
}

fn cells(old: &Grid, new: &Grid) -> Vec<CellChange> {
    let mut out = Vec::new();
    for (ni, c) in new.cells.iter().enumerate() {
        let Some(&oi) = old.index.cells.get(&c.id) else {
            out.push(CellChange {
                cell: Named::cell(new, ni),
                level: c.level,
                kind: CellKind::Added,
                old: None,
                new: c.admin.map(|a| Named::admin(new, a)),
                holders: holders(new, ni),
            });
            continue;
        };
        let o = &old.cells[oi];
        let mut change = |kind: CellKind, a: Option<Named>, b: Option<Named>| {
            if a.as_ref().map(|n| &n.id) != b.as_ref().map(|n| &n.id) {
                out.push(CellChange {
                    cell: Named::cell(new, ni),
                    level: c.level,
                    kind,
                    old: a,
                    new: b,
                    holders: Vec::new(),
                });
            }
        };
        change(
            CellKind::Admin,
            o.admin.map(|a| Named::admin(old, a)),
            c.admin.map(|a| Named::admin(new, a)),
        );
        change(
            CellKind::Deputy,
            o.deputy.map(|p| Named::person(old, p)),
            c.deputy.map(|p| Named::person(new, p)),
        );
        // Member roles in the order the new version lists them, then roles
        // only the old version had.
        let mut roles: Vec<&str> = c.members.iter().map(|m| m.role.as_str()).collect();
        for m in &o.members {
            if !roles.contains(&m.role.as_str()) {
                roles.push(&m.role);
            }
        }
        for role in roles {
            let holder = |g: &Grid, cell: &crate::model::Cell| {
                cell.members
                    .iter()
                    .find(|m| m.role == role)
                    .map(|m| Named::person(g, m.person))
            };
            let named = if c.members.iter().any(|m| m.role == role) {
                Named::role(new, role)
            } else {
                Named::role(old, role)
            };
            change(CellKind::Member(named), holder(old, o), holder(new, c));
        }
    }
    for (oi, c) in old.cells.iter().enumerate() {
        if !new.index.cells.contains_key(&c.id) {
            out.push(CellChange {
                cell: Named::cell(old, oi),
                level: c.level,
                kind: CellKind::Removed,
                old: c.admin.map(|a| Named::admin(old, a)),
                new: None,
                holders: holders(old, oi),
            });
        }
    }
    out
}

fn people(old: &Grid, new: &Grid) -> Vec<PersonChange> {
    let mut out = Vec::new();
    for (ni, p) in new.people.iter().enumerate() {
        let person = Named::person(new, ni);
        let Some(&oi) = old.index.people.get(&p.id) else {
            out.push(PersonChange {
                person,
                kind: PersonKind::Added,
            });
            continue;
        };
        let o = &old.people[oi];
        if o.left != p.left {
            out.push(PersonChange {
                person: person.clone(),
                kind: PersonKind::Left {
                    old: o.left,
                    new: p.left,
                },
            });
        }
        for a in &p.away {
            if !o.away.iter().any(|b| b.from == a.from && b.to == a.to) {
                out.push(PersonChange {
                    person: person.clone(),
                    kind: PersonKind::Away {
                        from: a.from,
                        to: a.to,
                        why: a.why.clone(),
                    },
                });
            }
        }
    }
    for (oi, p) in old.people.iter().enumerate() {
        if !new.index.people.contains_key(&p.id) {
            out.push(PersonChange {
                person: Named::person(old, oi),
                kind: PersonKind::Gone,
            });
        }
    }
    // Added, gone, left, away; file order within each.
    out.sort_by_key(|c| c.kind.order());
    out
}

/// The G301 pairs of a version, as (space id, slot id), in the version's
/// space then slot order.
fn blind_spots(v: Version, as_of: NaiveDate) -> Vec<(String, String)> {
    let (g, cov) = (v.grid, v.cov);
    let mut out = Vec::new();
    for s in 0..g.spaces.len() {
        for slot in slots_of(cov.blind(g, s)) {
            if !waived(g, s, slot, as_of) {
                out.push((g.spaces[s].id.clone(), g.slots[slot].id.clone()));
            }
        }
    }
    out
}

/// Does a G301 waiver in force cover (space, slot)?
fn waived(g: &Grid, space: usize, slot: usize, as_of: NaiveDate) -> bool {
    crate::rules::gap_waiver(g, space, slot, as_of).is_some()
}

/// A blind spot of `this` version, with how it stands in `other`.
fn blind_spot(
    this: Version,
    other: Version,
    key: &(String, String),
    as_of: NaiveDate,
) -> BlindSpot {
    let g = this.grid;
    let s = g.index.spaces[&key.0];
    let slot = g.index.slots[&key.1];
    BlindSpot {
        space: Named {
            id: g.spaces[s].id.clone(),
            name: g.spaces[s].name.clone(),
        },
        slot: Named {
            id: g.slots[slot].id.clone(),
            name: g.slots[slot].name.clone(),
        },
        other: pair_state(other, key, as_of),
    }
}

fn pair_state(v: Version, key: &(String, String), as_of: NaiveDate) -> PairState {
    let (g, cov) = (v.grid, v.cov);
    let (Some(&s), Some(&slot)) = (g.index.spaces.get(&key.0), g.index.slots.get(&key.1)) else {
        return PairState::NotNeeded;
    };
    if !cov.is_leaf(s) || cov.in_cycle[s] || cov.needed(g, s) & bit(slot) == 0 {
        return PairState::NotNeeded;
    }
    let owners = cov.owners(g, s, slot);
    if owners.is_empty() && waived(g, s, slot, as_of) {
        return PairState::Waived;
    }
    PairState::Covered(owners.into_iter().map(|c| Named::cell(g, c)).collect())
}

fn serves_on_any(p: &Person, days: &[NaiveDate]) -> bool {
    days.iter().any(|d| calendar::serves(p, *d))
}

/// Off-campus roles without a member who serves on some day of the term.
fn missing_roles(v: Version, cell: usize) -> Vec<Named> {
    let g = v.grid;
    let c = &g.cells[cell];
    let term: Vec<NaiveDate> = v.cal.days().collect();
    g.policy
        .offcampus_roles
        .iter()
        .filter(|role| {
            !c.members
                .iter()
                .any(|m| &m.role == *role && serves_on_any(&g.people[m.person], &term))
        })
        .map(|role| Named::role(g, role))
        .collect()
}

/// Why a cell is unstaffed in a version, or `None` when it is staffed.
fn unstaffed_reason(v: Version, cell: usize) -> Option<Unstaffed> {
    let g = v.grid;
    let c = &g.cells[cell];
    if c.scope == Scope::OffCampus {
        let missing = missing_roles(v, cell);
        return (!missing.is_empty()).then_some(Unstaffed::MissingRoles(missing));
    }
    match c.admin {
        None => Some(Unstaffed::NoAdmin),
        Some(Admin::Roster(_)) => None,
        Some(Admin::Person(a)) => {
            let days = v.cov.cell_days(v.grid, v.cal, cell);
            let admin = &g.people[a];
            if days.is_empty() || serves_on_any(admin, &days) {
                return None;
            }
            if c.deputy.is_some_and(|d| serves_on_any(&g.people[d], &days)) {
                return None;
            }
            Some(Unstaffed::AdminNotServing {
                admin: Named::person(g, a),
                why: crate::rules::why_absent(admin, days[0]),
                deputy: c.deputy.map(|d| Named::person(g, d)),
            })
        }
    }
}

/// Who holds a cell: its admin, deputy and members, by role.
fn holders(g: &Grid, cell: usize) -> Vec<Holder> {
    let c = &g.cells[cell];
    let mut out = Vec::new();
    if let Some(a) = c.admin {
        out.push(Holder::Admin(Named::admin(g, a)));
    }
    if let Some(d) = c.deputy {
        out.push(Holder::Deputy(Named::person(g, d)));
    }
    for m in &c.members {
        out.push(Holder::Member {
            role: Named::role(g, &m.role),
            person: Named::person(g, m.person),
        });
    }
    out
}

fn unstaffed(old: Version, new: Version) -> Vec<UnstaffedCell> {
    let mut out = Vec::new();
    for ni in 0..new.grid.cells.len() {
        let Some(&oi) = old.grid.index.cells.get(&new.grid.cells[ni].id) else {
            continue;
        };
        if unstaffed_reason(old, oi).is_some() {
            continue;
        }
        if let Some(reason) = unstaffed_reason(new, ni) {
            out.push(UnstaffedCell {
                cell: Named::cell(new.grid, ni),
                reason,
                before: holders(old.grid, oi),
            });
        }
    }
    out
}

/// The off-campus cells listing each village, by village index.
fn village_cells(g: &Grid) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); g.villages.len()];
    for (ci, c) in g.cells.iter().enumerate() {
        if c.scope == Scope::OffCampus {
            for &v in &c.villages {
                out[v].push(ci);
            }
        }
    }
    out
}

fn villages(old: Version, new: Version) -> Vec<VillageChange> {
    let old_cells = village_cells(old.grid);
    let new_cells = village_cells(new.grid);
    let mut out = Vec::new();
    for (nv, village) in new.grid.villages.iter().enumerate() {
        if village.students == 0 {
            continue;
        }
        let Some(&ov) = old.grid.index.villages.get(&village.id) else {
            continue;
        };
        let Some(&old_cell) = old_cells[ov]
            .iter()
            .find(|&&c| missing_roles(old, c).is_empty())
        else {
            continue;
        };
        let cells = &new_cells[nv];
        if cells.iter().any(|&c| missing_roles(new, c).is_empty()) {
            continue;
        }
        let loss = match cells.first() {
            None => VillageLoss::NoCell,
            Some(&c) => VillageLoss::MissingRoles {
                cell: Named::cell(new.grid, c),
                roles: missing_roles(new, c),
            },
        };
        out.push(VillageChange {
            village: Named {
                id: village.id.clone(),
                name: village.name.clone(),
            },
            students: village.students,
            old_cell: Named::cell(old.grid, old_cell),
            loss,
        });
    }
    out
}

/// Cells per person, by person id: admin of campus cells and off-campus
/// memberships (what G205 counts; a person in two roles of one cell holds
/// it once).
fn cells_held(g: &Grid) -> HashMap<&str, usize> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for c in &g.cells {
        if c.scope != Scope::OffCampus
            && let Some(Admin::Person(a)) = c.admin
        {
            *n.entry(g.people[a].id.as_str()).or_default() += 1;
        }
        // A person listed twice in one cell holds it once.
        let members: BTreeSet<usize> = c.members.iter().map(|m| m.person).collect();
        for p in members {
            *n.entry(g.people[p].id.as_str()).or_default() += 1;
        }
    }
    n
}

fn load(old: &Grid, new: &Grid) -> Vec<LoadChange> {
    let a = cells_held(old);
    let b = cells_held(new);
    let count = |m: &HashMap<&str, usize>, id: &str| m.get(id).copied().unwrap_or(0);
    let mut out = Vec::new();
    for (i, p) in new.people.iter().enumerate() {
        let (o, n) = (count(&a, &p.id), count(&b, &p.id));
        if o != n {
            out.push(LoadChange {
                person: Named::person(new, i),
                old: o,
                new: n,
            });
        }
    }
    for (i, p) in old.people.iter().enumerate() {
        if !new.index.people.contains_key(&p.id) {
            let o = count(&a, &p.id);
            if o != 0 {
                out.push(LoadChange {
                    person: Named::person(old, i),
                    old: o,
                    new: 0,
                });
            }
        }
    }
    out
}
