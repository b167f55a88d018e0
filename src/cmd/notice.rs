//! `notice` (being written).

use std::path::PathBuf;

use super::Session;

pub struct Args {
    pub args: Vec<String>,
    pub all: bool,
    pub redact: bool,
    pub output: Option<PathBuf>,
    pub force: bool,
}

pub fn run(_sess: &mut Session, _args: &Args) -> i32 {
    2
}
