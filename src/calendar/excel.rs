//! Dates as Excel on a Chinese Windows machine writes them. (Placeholder until
//! the shared CSV reader lands.)

use chrono::NaiveDate;

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
