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
    /// Output format [default: text; for files written by `roster`, from the file's extension]
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
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
        /// [PATH] TARGET: a space, cell or person (id or name); `cell:ID`,
        /// `space:ID`, `person:ID` when a space and a cell share an id
        #[arg(num_args = 1..=2, required = true, value_name = "PATH] [TARGET")]
        args: Vec<String>,
        /// The moment, "2026-09-08 07:40" (or "07:40" on --as-of)
        #[arg(long, value_name = "DATE HH:MM")]
        at: Option<String>,
    },
    /// The space × slot coverage matrix: each entry the owner or a gap
    Matrix { path: Option<PathBuf> },
    /// The checklist (清单) of duties for a person, a cell or every cell;
    /// dated for one week with --week (one box per duty per school day)
    Checklist {
        path: Option<PathBuf>,
        /// A person (id or name): the checklists of every cell they hold
        #[arg(long, conflicts_with_all = ["cell", "all"])]
        person: Option<String>,
        /// A cell (id or name)
        #[arg(long, conflicts_with = "all")]
        cell: Option<String>,
        /// Every cell
        #[arg(long)]
        all: bool,
        /// Date the checklist for the week (Monday to Sunday) containing DATE
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        week: Option<NaiveDate>,
        /// Write to FILE (whole or not at all) instead of stdout
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// A one-page html notice to post at a place: owner per slot, the chain up
    /// to level 1, phones
    Notice {
        /// [PATH] SPACE (id or name); with --all, only [PATH]
        #[arg(num_args = 0..=2, value_name = "PATH] [SPACE")]
        args: Vec<String>,
        /// A notice for every space, one per page
        #[arg(long)]
        all: bool,
        /// Mask phones as 138****0004, for notices the public can read
        #[arg(long)]
        redact: bool,
        /// Write to FILE (whole or not at all) instead of stdout
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Generate a roster's duty table (值周, 值班) for the term
    Roster {
        /// [PATH] ROSTER: ROSTER is the roster's id or name
        #[arg(num_args = 1..=2, required = true, value_name = "PATH] [ROSTER")]
        args: Vec<String>,
        /// Regenerate from DATE on, keeping the table's rows before it
        #[arg(long, value_parser = parse_date, value_name = "D")]
        from: Option<NaiveDate>,
        /// Last day to fill [default: the term's end]
        #[arg(long, value_parser = parse_date, value_name = "D")]
        to: Option<NaiveDate>,
        /// Write to FILE, or `-` for stdout [default: the roster's `file`; stdout when it has none]
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite an existing file; write even when a period cannot be filled
        #[arg(long)]
        force: bool,
    },
    /// The closed loop over the inspection log and the hazard ledger: missed
    /// inspections, overdue, unverified, self-verified and unreported hazards
    Audit {
        path: Option<PathBuf>,
        #[command(flatten)]
        logs: LogArgs,
        /// Start of the audit window [default: the term's start]
        #[arg(long, value_parser = parse_date, value_name = "D")]
        from: Option<NaiveDate>,
    },
    /// Assessment per person (刚性化考核): inspections done, hazards closed on
    /// time, verifications, weighted score, veto
    Score {
        path: Option<PathBuf>,
        #[command(flatten)]
        logs: LogArgs,
        /// Start of the window [default: the term's start]
        #[arg(long, value_parser = parse_date, value_name = "D")]
        from: Option<NaiveDate>,
        /// End of the window [default: --as-of]
        #[arg(long, value_parser = parse_date, value_name = "D")]
        to: Option<NaiveDate>,
    },
    /// What a new version of the grid changes: admins, people, blind spots
    /// opened and closed, villages, load per person
    Diff {
        /// The grid as it is (grid.toml or school folder)
        old: PathBuf,
        /// The grid as it will be
        new: PathBuf,
    },
    /// What a rule means and how to fix it; without CODE, every rule
    Explain { code: Option<String> },
    /// Write a starter school folder that passes `check`
    Init {
        /// Folder to create [default: .]
        dir: Option<PathBuf>,
    },
}

/// Where the logs are, when not where `[logs]` in grid.toml says.
#[derive(Args, Debug, Clone)]
pub struct LogArgs {
    /// The inspection log [default: `logs.inspections` of grid.toml]
    #[arg(long, value_name = "F")]
    pub inspections: Option<PathBuf>,
    /// The hazard ledger [default: `logs.hazards` of grid.toml]
    #[arg(long, value_name = "F")]
    pub hazards: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::calendar::parse_cli_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as 2026-09-08"))
}
