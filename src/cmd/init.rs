//! `init [DIR]`: a starter school folder that passes `check`.

use std::path::PathBuf;

use super::{EXIT_CANNOT_RUN, EXIT_OK, Session};
use crate::i18n::{Lang, labels};

/// The starter grid: small, complete, and passing `check`.
pub const TEMPLATE: &str = include_str!("init_grid.toml");

pub fn run(sess: &mut Session, dir: &Option<PathBuf>) -> i32 {
    let dir = dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let target = dir.join("grid.toml");
    let l = labels(sess.lang);
    if target.exists() {
        return sess.error(format!("{} {}", target.display(), l.init_exists), None);
    }
    if let Err(e) = std::fs::create_dir_all(&dir)
        .and_then(|_| crate::render::write::atomic_write(&target, TEMPLATE.as_bytes(), false))
    {
        let msg = match sess.lang {
            Lang::En => format!(
                "{}: cannot write {}: {e}\n",
                sess.err_style.red(l.error),
                target.display()
            ),
            Lang::Zh => format!(
                "{}：无法写入 {}：{e}\n",
                sess.err_style.red(l.error),
                target.display()
            ),
        };
        sess.err(&msg);
        return EXIT_CANNOT_RUN;
    }
    if !sess.quiet {
        let next = match sess.lang {
            Lang::En => format!(
                "{}: {}\nnext: edit it, then run `gridctl check {}`\n",
                l.init_done,
                target.display(),
                dir.display()
            ),
            Lang::Zh => format!(
                "{}：{}\n下一步：编辑后运行 `gridctl check {}`\n",
                l.init_done,
                target.display(),
                dir.display()
            ),
        };
        sess.out(&next);
    }
    EXIT_OK
}
