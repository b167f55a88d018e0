//! The whole command surface (clap derive). What the user asked, not how it
//! is done.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "gridctl",
    version,
    about = "Checks, audits and prints a school's safety grid (校园安全网格化管理)",
    long_about = "Checks, audits and prints a school's safety grid (校园安全网格化管理).\n\nPATH is a grid.toml, a school folder, or a folder of school folders; without it, ./grid.toml.\nExit codes: 0 nothing at error severity; 1 findings at error severity (--deny-warnings: warnings too); 2 could not run."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct Global {
    /// Output format
    #[arg(long, global = true, value_enum, default_value = "text")]
    pub format: Format,
    /// Language of messages and headers [default: from GRIDCTL_LANG, then LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// The date to evaluate at, e.g. 2026-09-08 [default: today]
    #[arg(long, global = true, value_parser = parse_date, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Print nothing when there is nothing to report
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour the text output
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Count warnings as errors for the exit code
    #[arg(long, global = true)]
    pub deny_warnings: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
    Md,
    Html,
    Ics,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Html => "html",
            Format::Ics => "ics",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Every rule on the grid and its roster tables: all findings, not the first
    Check {
        /// grid.toml, school folder, or folder of school folders
        path: Option<PathBuf>,
    },
    /// The unassigned: blind spots, cells without an active admin, villages
    /// without their three members, roster days without a person
    Gaps { path: Option<PathBuf> },
    /// The grid tree with each cell's admin (resolved for --as-of) and phone
    Tree { path: Option<PathBuf> },
    /// Who answers for a space, cell or person; a space at a moment with --at
    Who {
        /// [PATH] TARGET: TARGET is a space, cell or person (id or name)
        #[arg(num_args = 1..=2, required = true, value_name = "PATH] [TARGET")]
        args: Vec<String>,
        /// The moment, "2026-09-08 07:40" (or "07:40" on --as-of)
        #[arg(long, value_name = "DATE HH:MM")]
        at: Option<String>,
    },
    /// The space × slot coverage matrix: each entry the owner or a gap
    Matrix { path: Option<PathBuf> },
    /// What a rule means and how to fix it; without CODE, every rule
    Explain { code: Option<String> },
    /// Write a starter school folder that passes `check`
    Init {
        /// Folder to create [default: .]
        dir: Option<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::calendar::parse_cli_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as 2026-09-08"))
}
