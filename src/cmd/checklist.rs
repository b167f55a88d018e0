//! `checklist` (being written).

use std::path::PathBuf;

use chrono::NaiveDate;

use super::Session;

pub struct Args {
    pub path: Option<PathBuf>,
    pub person: Option<String>,
    pub cell: Option<String>,
    pub all: bool,
    pub week: Option<NaiveDate>,
    pub output: Option<PathBuf>,
    pub force: bool,
}

pub fn run(_sess: &mut Session, _args: &Args) -> i32 {
    2
}
