//! Who owns which (space, slot): the space tree, each cell's slots, and the
//! front-line (level-4) and higher-level coverage of every space, computed in
//! one pass down the tree — O(spaces × slot words + cells × listed spaces).

use chrono::NaiveDate;

use crate::calendar::{self, Calendar};
use crate::model::{Admin, Grid, Scope};

/// Slots are held in a u128 bit set; a grid with more slots is refused (G104).
pub const MAX_SLOTS: usize = 128;
pub type SlotSet = u128;

pub fn bit(slot: usize) -> SlotSet {
    1u128 << slot
}

pub fn slots_of(set: SlotSet) -> impl Iterator<Item = usize> {
    (0..MAX_SLOTS).filter(move |i| set & bit(*i) != 0)
}

#[derive(Debug)]
pub struct Coverage {
    /// The space's parent in the tree; `None` for roots and for spaces whose
    /// `within` chain loops (reported as G103).
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    /// Spaces whose `within` chain loops back on itself.
    pub in_cycle: Vec<bool>,
    /// Euler-tour interval: `a` contains `b` iff tin[a] <= tin[b] < tout[a].
    tin: Vec<u32>,
    tout: Vec<u32>,
    /// Slots each cell covers (its `slots`, or every slot).
    pub cell_slots: Vec<SlotSet>,
    /// Cells that list each space directly.
    pub listed_by: Vec<Vec<usize>>,
    /// Slots in which a level-4 cell covers the space (directly or through a
    /// space containing it).
    pub front: Vec<SlotSet>,
    /// Slots in which a cell above level 4 covers the space.
    pub higher: Vec<SlotSet>,
    /// Slots that apply on some day of the term.
    pub term_slots: SlotSet,
    pub all_slots: SlotSet,
}

impl Coverage {
    pub fn new(grid: &Grid, cal: &Calendar) -> Coverage {
        let n = grid.spaces.len();
        let all_slots: SlotSet = if grid.slots.len() >= MAX_SLOTS {
            SlotSet::MAX
        } else {
            bit(grid.slots.len()) - 1
        };
        let term_slots = grid
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| cal.used(s.on))
            .fold(0, |acc, (i, _)| acc | bit(i));

        // Break `within` cycles: mark every space on a loop.
        let mut in_cycle = vec![false; n];
        for cycle in loops(n, |s| grid.spaces[s].within) {
            for p in cycle {
                in_cycle[p] = true;
            }
        }
        let parent: Vec<Option<usize>> = (0..n)
            .map(|s| {
                if in_cycle[s] {
                    None
                } else {
                    grid.spaces[s].within
                }
            })
            .collect();
        let mut children = vec![Vec::new(); n];
        for (s, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(s);
            }
        }

        let cell_slots: Vec<SlotSet> = grid
            .cells
            .iter()
            .map(|c| match &c.slots {
                None => all_slots,
                Some(list) => list.iter().fold(0, |acc, &s| acc | bit(s)),
            })
            .collect();
        let mut listed_by = vec![Vec::new(); n];
        let mut own_front = vec![0 as SlotSet; n];
        let mut own_higher = vec![0 as SlotSet; n];
        for (ci, c) in grid.cells.iter().enumerate() {
            for &s in &c.spaces {
                listed_by[s].push(ci);
                // A cell without a valid level (already G104) counts as
                // front-line, so one wrong number is one finding, not a
                // cascade of blind spots.
                if c.level == 4 || c.level == 0 {
                    own_front[s] |= cell_slots[ci];
                } else {
                    own_higher[s] |= cell_slots[ci];
                }
            }
        }

        // Pre-order walk from the roots, carrying the coverage down.
        let mut tin = vec![0u32; n];
        let mut tout = vec![0u32; n];
        let mut front = own_front.clone();
        let mut higher = own_higher.clone();
        let mut clock = 0u32;
        let mut stack: Vec<(usize, bool)> = Vec::new();
        for root in (0..n).filter(|&s| parent[s].is_none()).rev() {
            stack.push((root, false));
        }
        while let Some((s, done)) = stack.pop() {
            if done {
                tout[s] = clock;
                continue;
            }
            tin[s] = clock;
            clock += 1;
            if let Some(p) = parent[s] {
                front[s] |= front[p];
                higher[s] |= higher[p];
            }
            stack.push((s, true));
            for &c in children[s].iter().rev() {
                stack.push((c, false));
            }
        }

        Coverage {
            parent,
            children,
            in_cycle,
            tin,
            tout,
            cell_slots,
            listed_by,
            front,
            higher,
            term_slots,
            all_slots,
        }
    }

    pub fn is_leaf(&self, space: usize) -> bool {
        self.children[space].is_empty()
    }

    /// Does `outer` contain `inner` (or equal it)?
    pub fn contains(&self, outer: usize, inner: usize) -> bool {
        self.tin[outer] <= self.tin[inner]
            && self.tin[inner] < self.tout[outer].max(self.tin[outer] + 1)
    }

    /// Slots in which a leaf space needs an owner during the term.
    pub fn needed(&self, grid: &Grid, space: usize) -> SlotSet {
        let own = match &grid.spaces[space].slots {
            None => self.all_slots,
            Some(list) => list.iter().fold(0, |acc, &s| acc | bit(s)),
        };
        own & self.term_slots
    }

    /// The slots of a space that need a front-line owner and have none
    /// (G301 and G302). Only spaces that contain no other are judged, and
    /// not those on a `within` loop (reported once as G103).
    pub fn uncovered(&self, grid: &Grid, space: usize) -> SlotSet {
        if !self.is_leaf(space) || self.in_cycle[space] {
            return 0;
        }
        self.needed(grid, space) & !self.front[space]
    }

    /// The blind spots (G301) of a space: uncovered, and not even higher up.
    pub fn blind(&self, grid: &Grid, space: usize) -> SlotSet {
        self.uncovered(grid, space) & !self.higher[space]
    }

    /// The level-4 (front-line) cells covering a space in a slot, most
    /// specific first.
    pub fn front_owners(&self, grid: &Grid, space: usize, slot: usize) -> Vec<usize> {
        let mut v = self.owners(grid, space, slot);
        v.retain(|&c| grid.cells[c].level == 4);
        v
    }

    /// The days of the term on which any of the cell's slots apply (every
    /// school day when the grid has no slots).
    pub fn cell_days(&self, grid: &Grid, cal: &Calendar, cell: usize) -> Vec<NaiveDate> {
        if grid.slots.is_empty() {
            return cal.school_days().collect();
        }
        let ons: Vec<_> = slots_of(self.cell_slots[cell] & self.term_slots)
            .filter(|&i| i < grid.slots.len())
            .map(|i| grid.slots[i].on)
            .collect();
        cal.days()
            .filter(|d| ons.iter().any(|on| cal.applies(*on, *d)))
            .collect()
    }

    /// The cells covering a space in a slot, most specific first: those listing
    /// the space itself, then those listing a space containing it.
    pub fn owners(&self, grid: &Grid, space: usize, slot: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = Some(space);
        let mut steps = 0;
        while let Some(s) = cur {
            for &c in &self.listed_by[s] {
                if self.cell_slots[c] & bit(slot) != 0 && !out.contains(&c) {
                    out.push(c);
                }
            }
            cur = self.parent[s];
            steps += 1;
            if steps > grid.spaces.len() {
                break;
            }
        }
        out
    }
}

/// Who serves a cell on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staff {
    /// The admin serves.
    Admin(usize),
    /// The admin does not serve; the deputy does.
    Deputy { admin: usize, deputy: usize },
    /// The cell is a roster post: whoever the roster's table names that day.
    Roster { roster: usize, people: Vec<usize> },
    /// An off-campus cell: its members who serve that day.
    Members(Vec<(String, usize)>),
    /// Nobody serves the cell that day.
    Nobody { admin: Option<usize> },
}

impl Staff {
    pub fn is_staffed(&self) -> bool {
        match self {
            Staff::Admin(_) | Staff::Deputy { .. } | Staff::Roster { .. } => true,
            Staff::Members(m) => !m.is_empty(),
            Staff::Nobody { .. } => false,
        }
    }

    /// The people who answer for the cell that day.
    /// What kind of staffing this is, as JSON and CSV name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Staff::Admin(_) => "admin",
            Staff::Deputy { .. } => "deputy",
            Staff::Roster { .. } => "roster",
            Staff::Members(_) => "members",
            Staff::Nobody { .. } => "nobody",
        }
    }

    /// The one who answers: the first of `people`, without collecting them.
    pub fn first(&self) -> Option<usize> {
        match self {
            Staff::Admin(p) | Staff::Deputy { deputy: p, .. } => Some(*p),
            Staff::Roster { people, .. } => people.first().copied(),
            Staff::Members(m) => m.first().map(|(_, p)| *p),
            Staff::Nobody { .. } => None,
        }
    }

    pub fn people(&self) -> Vec<usize> {
        match self {
            Staff::Admin(p) => vec![*p],
            Staff::Deputy { deputy, .. } => vec![*deputy],
            Staff::Roster { people, .. } => people.clone(),
            Staff::Members(m) => m.iter().map(|(_, p)| *p).collect(),
            Staff::Nobody { .. } => Vec::new(),
        }
    }
}

/// Resolves roster posts to people; `None` for rosters without a table.
pub trait RosterLookup {
    fn on(&self, roster: usize, date: NaiveDate) -> Option<Vec<usize>>;
}

pub fn staff(grid: &Grid, cell: usize, date: NaiveDate, rosters: &dyn RosterLookup) -> Staff {
    let c = &grid.cells[cell];
    if c.scope == Scope::OffCampus && !c.members.is_empty() {
        return Staff::Members(
            c.members
                .iter()
                .filter(|m| calendar::serves(&grid.people[m.person], date))
                .map(|m| (m.role.clone(), m.person))
                .collect(),
        );
    }
    let deputy = c
        .deputy
        .filter(|&d| calendar::serves(&grid.people[d], date));
    match c.admin {
        Some(Admin::Person(a)) if calendar::serves(&grid.people[a], date) => Staff::Admin(a),
        Some(Admin::Person(a)) => match deputy {
            Some(d) => Staff::Deputy {
                admin: a,
                deputy: d,
            },
            None => Staff::Nobody { admin: Some(a) },
        },
        Some(Admin::Roster(r)) => {
            let people = rosters.on(r, date).unwrap_or_default();
            let serving: Vec<usize> = people
                .into_iter()
                .filter(|&p| calendar::serves(&grid.people[p], date))
                .collect();
            Staff::Roster {
                roster: r,
                people: serving,
            }
        }
        None => match deputy {
            Some(d) => Staff::Admin(d),
            None => Staff::Nobody { admin: None },
        },
    }
}

/// The loops of a forest given by `next` (each node's parent) over nodes
/// `0..n`: each loop once, as the nodes on it in walk order. One pass, each
/// node walked once (coloured: new, on the current walk, done).
pub fn loops(n: usize, next: impl Fn(usize) -> Option<usize>) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut state = vec![0u8; n];
    for s in 0..n {
        let mut path = Vec::new();
        let mut cur = Some(s);
        while let Some(c) = cur {
            match state[c] {
                2 => break,
                1 => {
                    if let Some(pos) = path.iter().position(|&p| p == c) {
                        out.push(path[pos..].to_vec());
                    }
                    break;
                }
                _ => {
                    state[c] = 1;
                    path.push(c);
                    cur = next(c);
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    out
}
