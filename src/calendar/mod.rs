//! The school calendar: which days of the term are school days, which slots
//! apply on a date, whether a person serves on a date, and periods (week,
//! month) for rosters and audits. The only module that does date arithmetic.

pub mod excel;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Grid, On, Person};

/// The term's days, with the school-day flag computed once.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    school: Vec<bool>,
}

impl Calendar {
    pub fn new(grid: &Grid) -> Calendar {
        let start = grid.school.term_start;
        let end = grid.school.term_end;
        let n = (end - start).num_days().max(-1) + 1;
        let mut school = Vec::with_capacity(n as usize);
        for i in 0..n {
            let d = start + Duration::days(i);
            let wd = d.weekday().num_days_from_monday() as usize;
            let mut is = grid.calendar.weekdays[wd];
            if grid
                .calendar
                .holidays
                .iter()
                .any(|h| h.from <= d && d <= h.to)
            {
                is = false;
            }
            if grid.calendar.workdays.iter().any(|(w, _)| *w == d) {
                is = true;
            }
            school.push(is);
        }
        Calendar { start, end, school }
    }

    pub fn in_term(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    pub fn is_school_day(&self, d: NaiveDate) -> bool {
        self.in_term(d) && self.school[(d - self.start).num_days() as usize]
    }

    /// Every day of the term, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..self.school.len() as i64).map(move |i| self.start + Duration::days(i))
    }

    pub fn school_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days().filter(move |d| self.is_school_day(*d))
    }

    /// Does a slot with this `on` apply on the date? Outside the term nothing does.
    pub fn applies(&self, on: On, d: NaiveDate) -> bool {
        if !self.in_term(d) {
            return false;
        }
        match on {
            On::SchoolDays => self.is_school_day(d),
            On::NonSchool => !self.is_school_day(d),
            On::All => true,
        }
    }

    /// Does this `on` apply on any day of the term?
    pub fn used(&self, on: On) -> bool {
        match on {
            On::SchoolDays => self.school.iter().any(|s| *s),
            On::NonSchool => self.school.iter().any(|s| !*s),
            On::All => !self.school.is_empty(),
        }
    }

    /// Number of days in the term.
    pub fn len(&self) -> usize {
        self.school.len()
    }

    pub fn is_empty(&self) -> bool {
        self.school.is_empty()
    }
}

/// Does the person serve on the date (not left, not away)?
pub fn serves(p: &Person, d: NaiveDate) -> bool {
    absence(p, d).is_none()
}

/// Why a person does not serve on a date, for messages.
pub enum Absence<'a> {
    Left(NaiveDate),
    Away {
        from: NaiveDate,
        to: NaiveDate,
        why: &'a str,
    },
}

pub fn absence(p: &Person, d: NaiveDate) -> Option<Absence<'_>> {
    if let Some(l) = p.left
        && d >= l
    {
        return Some(Absence::Left(l));
    }
    p.away
        .iter()
        .find(|a| a.from <= d && d <= a.to)
        .map(|a| Absence::Away {
            from: a.from,
            to: a.to,
            why: &a.why,
        })
}

/// The runs of `days` (in their order) for which `pick` holds, as (first
/// day, last day, number of days): "fewer than two people from 2 to 13
/// November (10 school days)" rather than one finding a day.
pub fn runs(
    days: impl IntoIterator<Item = NaiveDate>,
    mut pick: impl FnMut(NaiveDate) -> bool,
) -> Vec<(NaiveDate, NaiveDate, usize)> {
    let mut out: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
    let mut open = false;
    for d in days {
        if !pick(d) {
            open = false;
        } else if let (true, Some(run)) = (open, out.last_mut()) {
            run.1 = d;
            run.2 += 1;
        } else {
            out.push((d, d, 1));
            open = true;
        }
    }
    out
}

/// Monday of the date's week.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    add_days(d, -(d.weekday().num_days_from_monday() as i64))
}

/// The date `n` days on (or back); saturates at the calendar's ends instead
/// of overflowing.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let days = chrono::Days::new(n.unsigned_abs());
    let moved = if n >= 0 {
        d.checked_add_days(days)
    } else {
        d.checked_sub_days(days)
    };
    moved.unwrap_or(if n >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// 0 = Monday .. 6 = Sunday.
pub fn weekday_index(d: NaiveDate) -> usize {
    d.weekday().num_days_from_monday() as usize
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Years gridctl accepts: dates far outside them are typing errors, and
/// keeping away from chrono's limits keeps date arithmetic from overflowing.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Parse a date given on the command line (`2026-09-08`, or anything the
/// Excel reader accepts).
pub fn parse_cli_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| excel::parse_date(s))
        .filter(|d| YEARS.contains(&d.year()))
}

/// Parse `"DATE HH:MM"` (or `DATE` alone, or `HH:MM` alone with the default date).
pub fn parse_moment(s: &str, default_date: NaiveDate) -> Option<(NaiveDate, Option<u16>)> {
    let s = s.trim();
    // A moment is inside a day: 24:00 ends a slot but is no moment.
    let time = |t: &str| crate::model::parse_hhmm(t).filter(|m| *m < 24 * 60);
    if let Some(m) = time(s) {
        return Some((default_date, Some(m)));
    }
    match s.rsplit_once([' ', 'T']) {
        Some((d, t)) => Some((parse_cli_date(d)?, Some(time(t)?))),
        None => Some((parse_cli_date(s)?, None)),
    }
}

/// `HH:MM` from minutes after midnight.
pub fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_the_days_that_match_in_order() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        let days = [2, 3, 4, 5, 6, 9, 10, 11].map(d);
        let short = |x: NaiveDate| ![d(5), d(10)].contains(&x);
        assert_eq!(
            runs(days, short),
            [(d(2), d(4), 3), (d(6), d(9), 2), (d(11), d(11), 1)]
        );
        assert!(runs(days, |_| false).is_empty());
    }
}
