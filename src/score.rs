//! Assessment (SPEC §6, 刚性化考核): per person, for a window, inspections
//! due and done, hazards owned and closed on time, overdue now,
//! verifications on time, a weighted score, and the veto (一票否决).

use chrono::NaiveDate;

use crate::audit::Audit;
use crate::calendar;
use crate::logs::hazards::Level;
use crate::model::Grid;

#[derive(Debug, Clone, Default)]
pub struct PersonScore {
    pub person: usize,
    pub inspections_due: usize,
    pub inspections_done: usize,
    pub hazards_owned: usize,
    pub closed_on_time: usize,
    pub overdue_now: usize,
    pub verifications: usize,
    pub verified_on_time: usize,
    /// 0–100.
    pub score: f64,
    pub veto: Vec<Veto>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Veto {
    /// Owns a major hazard that is overdue now.
    OverdueMajor { hazard: String },
    /// A missed inspection of the cell in the week before a hazard was found there.
    MissedBeforeHazard {
        cell: String,
        duty: String,
        date: String,
        hazard: String,
        found: String,
    },
}

impl PersonScore {
    pub fn inspection_rate(&self) -> Option<f64> {
        (self.inspections_due > 0)
            .then(|| self.inspections_done as f64 / self.inspections_due as f64)
    }
    pub fn hazard_rate(&self) -> Option<f64> {
        (self.hazards_owned > 0).then(|| self.closed_on_time as f64 / self.hazards_owned as f64)
    }
}

/// How long before a hazard's discovery a missed inspection counts as having hidden it.
const HIDDEN_WINDOW_DAYS: i64 = 7;

pub fn score(
    grid: &Grid,
    audit: &Audit,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Vec<PersonScore> {
    let mut s: Vec<PersonScore> = (0..grid.people.len())
        .map(|p| PersonScore {
            person: p,
            ..PersonScore::default()
        })
        .collect();
    // Inspections: periods that ended inside the window (or were done in it).
    for dp in &audit.duty_periods {
        if dp.end < from || dp.start > to {
            continue;
        }
        let ended = dp.end < as_of;
        if let Some(p) = dp.person
            && (ended || dp.done)
        {
            s[p].inspections_due += 1;
            if dp.done {
                s[p].inspections_done += 1;
            }
        }
    }
    let verify_days = grid.policy.verify_days();
    for h in &audit.hazards {
        if let Some(o) = h.owner {
            if h.found >= from && h.found <= to {
                s[o].hazards_owned += 1;
                if h.rectified.is_some_and(|r| r <= h.due) {
                    s[o].closed_on_time += 1;
                }
            }
            if h.rectified.is_none() && as_of > h.due {
                s[o].overdue_now += 1;
                if h.level == Level::Major {
                    s[o].veto.push(Veto::OverdueMajor {
                        hazard: h.id.clone(),
                    });
                }
            }
        }
        if let (Some(v), Some(r)) = (h.verifier, h.rectified)
            && r >= from
            && r <= to
        {
            s[v].verifications += 1;
            if h.verified
                .is_some_and(|d| d >= r && calendar::days_between(r, d) <= verify_days)
            {
                s[v].verified_on_time += 1;
            }
        }
        // A missed inspection of the same cell shortly before the hazard was found.
        if let Some(c) = h.cell {
            for dp in &audit.duty_periods {
                if dp.cell != c || dp.done || dp.end >= as_of {
                    continue;
                }
                let gap = calendar::days_between(dp.end, h.found);
                if (0..=HIDDEN_WINDOW_DAYS).contains(&gap)
                    && dp.end >= from
                    && dp.end <= to
                    && let Some(p) = dp.person
                {
                    let duty = grid.cells[c]
                        .all_duties(grid)
                        .nth(dp.duty)
                        .map(|d| d.text.clone())
                        .unwrap_or_default();
                    let v = Veto::MissedBeforeHazard {
                        cell: grid.cells[c].name.clone(),
                        duty,
                        date: dp.start.to_string(),
                        hazard: h.id.clone(),
                        found: h.found.to_string(),
                    };
                    // One reason per hazard and duty, however many days were missed.
                    let same = |w: &Veto| match (w, &v) {
                        (
                            Veto::MissedBeforeHazard {
                                duty: d1,
                                hazard: h1,
                                ..
                            },
                            Veto::MissedBeforeHazard {
                                duty: d2,
                                hazard: h2,
                                ..
                            },
                        ) => d1 == d2 && h1 == h2,
                        _ => false,
                    };
                    if !s[p].veto.iter().any(same) {
                        s[p].veto.push(v);
                    }
                }
            }
        }
    }
    let (wi, wh) = (
        grid.policy.score_inspections as f64,
        grid.policy.score_hazards as f64,
    );
    let total = (wi + wh).max(1.0);
    for ps in &mut s {
        let ri = ps.inspection_rate().unwrap_or(1.0);
        let rh = ps.hazard_rate().unwrap_or(1.0);
        let raw = (wi * ri + wh * rh) / total * 100.0;
        ps.score = (raw * 10.0).round() / 10.0;
    }
    s.retain(|p| {
        p.inspections_due > 0
            || p.hazards_owned > 0
            || p.verifications > 0
            || p.overdue_now > 0
            || !p.veto.is_empty()
    });
    s
}
