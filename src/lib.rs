//! gridctl: a school's safety grid (校园安全网格化管理) as files a program can
//! check. Data flows one way: files → model → analysis → findings → renderers.

// Messages carry their arguments as data; the errors that hold them are
// returned once per file, so their size does not matter.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

pub mod audit;
pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod coverage;
pub mod diff;
pub mod findings;
pub mod i18n;
pub mod logs;
pub mod model;
pub mod render;
pub mod roster;
pub mod rules;
pub mod score;
pub mod source;

use clap::FromArgMatches;

/// Parse the command line, run the command, and give the exit code.
pub fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = cli::command(cli::lang_of_args(&args))
        .try_get_matches_from(&args)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                cmd::EXIT_CANNOT_RUN
            } else {
                cmd::EXIT_OK
            };
        }
    };
    let mut sess = cmd::Session::new(&cli.global);
    let code = match &cli.command {
        cli::Command::Check { path } => cmd::check::run(&mut sess, path, false),
        cli::Command::Gaps { path } => cmd::check::run(&mut sess, path, true),
        cli::Command::Tree { path } => cmd::tree::run(&mut sess, path),
        cli::Command::Who { args, at } => cmd::who::run(&mut sess, args, at),
        cli::Command::Matrix { path } => cmd::matrix::run(&mut sess, path),
        cli::Command::Checklist(a) => cmd::checklist::run(&mut sess, a),
        cli::Command::Notice(a) => cmd::notice::run(&mut sess, a),
        cli::Command::Roster(a) => cmd::roster::run(&mut sess, a),
        cli::Command::Audit { path, logs, from } => cmd::audit::run(&mut sess, path, logs, *from),
        cli::Command::Score {
            path,
            logs,
            from,
            to,
        } => cmd::score::run(&mut sess, path, logs, *from, *to),
        cli::Command::Diff { old, new } => cmd::diff::run(&mut sess, old, new),
        cli::Command::Explain { code } => cmd::explain::run(&mut sess, code),
        cli::Command::Init { dir } => cmd::init::run(&mut sess, dir),
    };
    sess.flush();
    code
}
