//! Dates and times as Excel on a Chinese Windows machine writes them into CSV.
//!
//! Accepted dates: `2026-09-08`, `2026-9-8`, `2026/9/8`, `2026.9.8`,
//! `2026年9月8日` (also `…号`), each optionally followed by a time of day
//! (`7:40`, `07:40:00`, `07:40:00.5`) after whitespace or `T`
//! (`2026/9/8 7:40`, `2026-09-08T07:40`). Surrounding whitespace is ignored.
//! Anything else, and impossible dates such as `2026-02-30`, give `None`.

use chrono::{NaiveDate, NaiveTime};

/// The date of a cell such as `2026/9/8` or `2026年9月8日 7:40`; any time is
/// accepted and dropped.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_date_time(s).map(|(date, _)| date)
}

/// The date of a cell and the time of day when the cell has one.
pub fn parse_date_time(s: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let mut cur = Cursor::new(s.trim());
    let (date, chinese) = date(&mut cur)?;
    if cur.at_end() {
        return Some((date, None));
    }
    // A time needs a separator: whitespace (any amount), a single `T` as in
    // ISO 8601, or none after `日`/`号` (`2026年9月8日7:40`).
    if !(cur.eat('T') || cur.eat('t') || cur.skip_whitespace() > 0 || chinese) {
        return None;
    }
    let time = time(&mut cur)?;
    cur.at_end().then_some((date, Some(time)))
}

/// A time of day written `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`,
/// surrounding whitespace ignored.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let mut cur = Cursor::new(s.trim());
    let time = time(&mut cur)?;
    cur.at_end().then_some(time)
}

/// The date at the cursor, and whether it was written the Chinese way.
fn date(cur: &mut Cursor<'_>) -> Option<(NaiveDate, bool)> {
    let year = cur.digits(4, 4)?;
    let chinese = cur.eat_spaced('年');
    let (month, day) = if chinese {
        let month = cur.digits(1, 2)?;
        if !cur.eat_spaced('月') {
            return None;
        }
        let day = cur.digits(1, 2)?;
        cur.skip_whitespace();
        if !(cur.eat('日') || cur.eat('号')) {
            return None;
        }
        (month, day)
    } else {
        let sep = cur.peek().filter(|c| matches!(c, '-' | '/' | '.'))?;
        cur.eat(sep);
        let month = cur.digits(1, 2)?;
        // The same separator both times: `2026-9/8` is more likely a typo
        // than a date.
        if !cur.eat(sep) {
            return None;
        }
        let day = cur.digits(1, 2)?;
        (month, day)
    };
    let year = i32::try_from(year).ok()?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, chinese))
}

fn time(cur: &mut Cursor<'_>) -> Option<NaiveTime> {
    let hour = cur.digits(1, 2)?;
    if !cur.eat(':') {
        return None;
    }
    let minute = cur.digits(2, 2)?;
    let mut second = 0;
    let mut nano = 0;
    if cur.eat(':') {
        second = cur.digits(2, 2)?;
        if cur.eat('.') {
            // Fractions of a second: keep nanoseconds, ignore finer digits.
            let frac = cur.take_digits();
            let kept = &frac[..frac.len().min(9)];
            let scale = 10u32.pow(9 - kept.len() as u32);
            nano = kept.parse::<u32>().ok()? * scale;
        }
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor { s, pos: 0 }
    }

    fn at_end(&self) -> bool {
        self.pos == self.s.len()
    }

    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// `c` with optional whitespace before and after, as in `2026 年 9 月`.
    fn eat_spaced(&mut self, c: char) -> bool {
        let start = self.pos;
        self.skip_whitespace();
        if self.eat(c) {
            self.skip_whitespace();
            true
        } else {
            self.pos = start;
            false
        }
    }

    fn skip_whitespace(&mut self) -> usize {
        let rest = &self.s[self.pos..];
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        skipped
    }

    /// The run of ASCII digits at the cursor (possibly empty).
    fn take_digits(&mut self) -> &'a str {
        let rest = &self.s[self.pos..];
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        self.pos += n;
        &rest[..n]
    }

    /// Between `min` and `max` ASCII digits as a number; `None` when there
    /// are fewer or more.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        let digits = self.take_digits();
        if digits.len() < min || digits.len() > max {
            self.pos = start;
            return None;
        }
        digits.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn every_excel_date_form_gives_the_same_day() {
        for s in [
            "2026-09-08",
            "2026-9-8",
            "2026/9/8",
            "2026/09/08",
            "2026.9.8",
            "2026年9月8日",
            "2026年09月08日",
            "2026年9月8号",
            "2026 年 9 月 8 日",
            "  2026/9/8\t",
            "\u{3000}2026-09-08\u{3000}",
        ] {
            assert_eq!(parse_date(s), Some(d(2026, 9, 8)), "{s:?}");
            assert_eq!(parse_date_time(s), Some((d(2026, 9, 8), None)), "{s:?}");
        }
    }

    #[test]
    fn dates_with_a_time_keep_the_time() {
        let cases = [
            ("2026/9/8 7:40", t(7, 40, 0)),
            ("2026/9/8 07:40", t(7, 40, 0)),
            ("2026-09-08 07:40:00", t(7, 40, 0)),
            ("2026-09-08T07:40", t(7, 40, 0)),
            ("2026-09-08T07:40:59", t(7, 40, 59)),
            ("2026.9.8  23:59", t(23, 59, 0)),
            ("2026年9月8日 7:40", t(7, 40, 0)),
            ("2026年9月8号 07:40:05", t(7, 40, 5)),
            ("2026年9月8日7:40", t(7, 40, 0)),
        ];
        for (s, time) in cases {
            assert_eq!(
                parse_date_time(s),
                Some((d(2026, 9, 8), Some(time))),
                "{s:?}"
            );
            assert_eq!(parse_date(s), Some(d(2026, 9, 8)), "{s:?}");
        }
        assert_eq!(
            parse_date_time("2026-09-08 07:40:00.250"),
            Some((
                d(2026, 9, 8),
                Some(NaiveTime::from_hms_milli_opt(7, 40, 0, 250).unwrap())
            ))
        );
        assert_eq!(
            parse_date_time("2026-09-08 07:40:00.1234567891"),
            Some((
                d(2026, 9, 8),
                Some(NaiveTime::from_hms_nano_opt(7, 40, 0, 123_456_789).unwrap())
            ))
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in [
            "2026-02-30",
            "2026/2/29",
            "2026年13月1日",
            "2026-00-10",
            "2026-09-00",
            "2026-09-31",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
        assert_eq!(parse_date("2028/2/29"), Some(d(2028, 2, 29)));
    }

    #[test]
    fn junk_is_rejected() {
        for s in [
            "",
            "   ",
            "2026",
            "2026-09",
            "2026-09-08-",
            "2026-9/8",
            "26/9/8",
            "9/8/2026",
            "08.09.2026",
            "20260908",
            "46273",
            "2026-009-08",
            "2026-09-008",
            "02026-09-08",
            "2026年9月8",
            "2026年9月8日日",
            "2026-09-08x",
            "2026-09-0807:40",
            "2026/9/8T",
            "2026-09-08T",
            "2026-09-08 7",
            "2026-09-08 7:4",
            "2026-09-08 24:00",
            "2026-09-08 07:60",
            "2026-09-08 07:40:61",
            "2026-09-08 07:40 下午",
            "2026-09-08 07:40Z",
            "2026-09-08T 07:40",
            "2026-09-08 07:40:00.",
            "ok",
            "２０２６-09-08",
        ] {
            assert_eq!(parse_date_time(s), None, "{s:?}");
        }
    }

    #[test]
    fn times_alone() {
        assert_eq!(parse_time("7:40"), Some(t(7, 40, 0)));
        assert_eq!(parse_time(" 07:40:30 "), Some(t(7, 40, 30)));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("7:4"), None);
        assert_eq!(parse_time("740"), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "年",
            "2026年",
            "2026年9",
            "2026年9月",
            "2026年9月8日 ",
            "2026/",
            "2026/9/",
            "2026.",
            "9999-99-99",
            "2026-09-08 99:99:99.9",
            "\u{feff}2026-09-08",
        ] {
            let _ = parse_date_time(s);
        }
    }
}
