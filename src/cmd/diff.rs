//! `diff OLD NEW` (being written).

use std::path::Path;

use super::Session;

pub fn run(_sess: &mut Session, _old: &Path, _new: &Path) -> i32 {
    2
}
