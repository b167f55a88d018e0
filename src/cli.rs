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
    Checklist(ChecklistArgs),
    /// A one-page html notice to post at a place: owner per slot, the chain up
    /// to level 1, phones
    Notice(NoticeArgs),
    /// Generate a roster's duty table (值周, 值班) for the term
    Roster(RosterArgs),
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

/// What `checklist` is asked for.
#[derive(Args, Debug, Clone)]
pub struct ChecklistArgs {
    pub path: Option<PathBuf>,
    /// A person (id or name): the checklists of every cell they hold
    #[arg(long, conflicts_with_all = ["cell", "all"])]
    pub person: Option<String>,
    /// A cell (id or name)
    #[arg(long, conflicts_with = "all")]
    pub cell: Option<String>,
    /// Every cell
    #[arg(long)]
    pub all: bool,
    /// Date the checklist for the week (Monday to Sunday) containing DATE
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub week: Option<NaiveDate>,
    /// Write to FILE (whole or not at all) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,
}

/// What `notice` is asked for.
#[derive(Args, Debug, Clone)]
pub struct NoticeArgs {
    /// [PATH] SPACE (id or name); with --all, only [PATH]
    #[arg(num_args = 0..=2, value_name = "PATH] [SPACE")]
    pub args: Vec<String>,
    /// A notice for every space, one per page
    #[arg(long)]
    pub all: bool,
    /// Mask phones as 138****0004, for notices the public can read
    #[arg(long)]
    pub redact: bool,
    /// Write to FILE (whole or not at all) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,
}

/// What `roster` is asked for.
#[derive(Args, Debug, Clone)]
pub struct RosterArgs {
    /// [PATH] ROSTER: ROSTER is the roster's id or name
    #[arg(num_args = 1..=2, required = true, value_name = "PATH] [ROSTER")]
    pub args: Vec<String>,
    /// Regenerate from DATE on, keeping the table's rows before it
    #[arg(long, value_parser = parse_date, value_name = "D")]
    pub from: Option<NaiveDate>,
    /// Last day to fill [default: the term's end]
    #[arg(long, value_parser = parse_date, value_name = "D")]
    pub to: Option<NaiveDate>,
    /// Write to FILE, or `-` for stdout [default: the roster's `file`; stdout when it has none]
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file; write even when a period cannot be filled
    #[arg(long)]
    pub force: bool,
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

/// The command line in `lang`: clap's help comes from the English doc
/// comments above; in Chinese every description, heading and the help and
/// version flags are replaced from [`ZH`]. (clap's own error messages stay
/// English.)
pub fn command(lang: crate::i18n::Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    match lang {
        crate::i18n::Lang::En => cmd,
        crate::i18n::Lang::Zh => in_chinese(cmd),
    }
}

/// The language asked for on the command line (`--lang zh`, `--lang=zh`),
/// else from the environment; for help, before the arguments are parsed.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> crate::i18n::Lang {
    let mut given = None;
    for (i, a) in args.iter().enumerate() {
        let a = a.to_string_lossy();
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(|v| v.to_string_lossy().into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => given = Some(crate::i18n::Lang::Zh),
            Some("en") => given = Some(crate::i18n::Lang::En),
            _ => {}
        }
    }
    given.unwrap_or_else(crate::i18n::Lang::from_env)
}

/// (command, argument) → Chinese help; `""` is the command itself, `"*"` an
/// argument of every command.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "检查、审核并打印学校安全网格（校园安全网格化管理）"),
    (
        "",
        "format",
        "输出格式［默认：text；roster 写文件时按文件扩展名］",
    ),
    (
        "",
        "lang",
        "消息和表头的语言［默认：GRIDCTL_LANG，其次 LANG］",
    ),
    ("", "as_of", "按哪一天评估，如 2026-09-08［默认：今天］"),
    ("", "quiet", "没有需要报告的内容时不输出"),
    ("", "color", "文本输出是否着色"),
    ("", "deny_warnings", "计算退出码时把警告当作错误"),
    (
        "*",
        "path",
        "grid.toml、学校文件夹，或包含多个学校文件夹的文件夹",
    ),
    (
        "*",
        "output",
        "写入 FILE（要么完整写入，要么不写）而不是标准输出",
    ),
    ("*", "force", "FILE 已存在时覆盖"),
    (
        "check",
        "",
        "检查网格及其排班表的全部规则：列出所有问题，而不只是第一个",
    ),
    (
        "gaps",
        "",
        "尚未落实之处：监管盲区、没有在岗负责人的网格、三员不全的村网格、无人值守的排班日",
    ),
    (
        "tree",
        "",
        "网格树，及各网格的负责人（按 --as-of 确定）和电话",
    ),
    (
        "who",
        "",
        "某处所、网格或人员由谁负责；用 --at 查某一时刻某处所的负责人",
    ),
    (
        "who",
        "args",
        "[PATH] TARGET：处所、网格或人员（编号或姓名）；处所与网格同号时写 `cell:编号`、`space:编号`、`person:编号`",
    ),
    (
        "who",
        "at",
        "时刻，如 \"2026-09-08 07:40\"（或 --as-of 当天的 \"07:40\"）",
    ),
    ("matrix", "", "处所 × 时段覆盖矩阵：每一格是负责人或盲区"),
    (
        "checklist",
        "",
        "某人、某网格或全部网格的职责清单；用 --week 生成某一周的日期版（每个上学日每项职责一格）",
    ),
    (
        "checklist",
        "person",
        "某人（编号或姓名）：其负责的每个网格的清单",
    ),
    ("checklist", "cell", "某个网格（编号或姓名）"),
    ("checklist", "all", "全部网格"),
    (
        "checklist",
        "week",
        "为 DATE 所在的一周（周一至周日）生成日期版",
    ),
    (
        "notice",
        "",
        "张贴在处所的一页 html 公示：各时段负责人、直到一级网格的责任链、电话",
    ),
    (
        "notice",
        "args",
        "[PATH] SPACE（处所编号或名称）；用 --all 时只给 [PATH]",
    ),
    ("notice", "all", "每个处所一份公示，每份一页"),
    ("notice", "redact", "电话显示为 138****0004，用于公开张贴"),
    ("roster", "", "生成本学期的排班表（值周、值班）"),
    ("roster", "args", "[PATH] ROSTER：ROSTER 为排班的编号或名称"),
    ("roster", "from", "从该日起重新排，保留表中此前的行"),
    ("roster", "to", "排到哪一天［默认：学期末］"),
    (
        "roster",
        "output",
        "写入 FILE，`-` 为标准输出［默认：排班的 `file`；没有时为标准输出］",
    ),
    ("roster", "force", "覆盖已有文件；有排不满的时段也照样写入"),
    (
        "audit",
        "",
        "检查记录与隐患台账的闭环：漏检，以及逾期、未复查、自查自验、未上报的隐患",
    ),
    ("audit", "from", "审核起始日［默认：学期开始］"),
    (
        "*",
        "inspections",
        "检查记录［默认：grid.toml 中的 `logs.inspections`］",
    ),
    (
        "*",
        "hazards",
        "隐患台账［默认：grid.toml 中的 `logs.hazards`］",
    ),
    (
        "score",
        "",
        "个人考核（刚性化考核）：检查完成率、隐患按期整改、复查、加权得分、一票否决",
    ),
    ("score", "from", "考核起始日［默认：学期开始］"),
    ("score", "to", "考核截止日［默认：--as-of］"),
    (
        "diff",
        "",
        "网格新版本会带来什么变化：负责人、人员、新增和消除的盲区、村网格、每人负责的网格数",
    ),
    ("diff", "old", "现行的网格（grid.toml 或学校文件夹）"),
    ("diff", "new", "将要启用的网格"),
    (
        "explain",
        "",
        "规则的含义和修正方法；不给 CODE 时列出全部规则",
    ),
    ("explain", "code", "规则代码，如 G301"),
    ("init", "", "生成一个能通过 `check` 的学校文件夹模板"),
    ("init", "dir", "要创建的文件夹［默认：.］"),
];

fn zh_help(command: &str, arg: &str) -> Option<&'static str> {
    let find = |c: &str| ZH.iter().find(|(zc, za, _)| *zc == c && *za == arg);
    find(command)
        .or_else(|| find("*"))
        .map(|(_, _, text)| *text)
}

fn in_chinese(cmd: clap::Command) -> clap::Command {
    const TEMPLATE: &str =
        "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
    let translate = |cmd: clap::Command, name: &str| -> clap::Command {
        let ids: Vec<String> = cmd
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        let mut cmd = cmd
            .help_template(TEMPLATE)
            .subcommand_help_heading("命令")
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help("显示帮助"),
            );
        if let Some(about) = zh_help(name, "") {
            cmd = cmd.about(about).long_about(None);
        }
        for id in ids {
            cmd = cmd.mut_arg(&id, |a| {
                let heading = if a.is_positional() {
                    "参数"
                } else {
                    "选项"
                };
                let mut help = zh_help(name, &id).map(str::to_string);
                // clap would add "[possible values: …]" and "[default: …]".
                let values: Vec<String> = if a.get_action().takes_values() {
                    a.get_possible_values()
                        .iter()
                        .map(|v| v.get_name().to_string())
                        .collect()
                } else {
                    Vec::new()
                };
                let mut a = a.help_heading(heading);
                if !values.is_empty() {
                    a = a.hide_possible_values(true).hide_default_value(true);
                    let default: Vec<String> = a
                        .get_default_values()
                        .iter()
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect();
                    let mut extra = format!("［可选：{}", values.join("、"));
                    if !default.is_empty() {
                        extra.push_str(&format!("；默认：{}", default.join("、")));
                    }
                    extra.push('］');
                    help = Some(help.unwrap_or_default() + &extra);
                }
                match help {
                    Some(help) => a.help(help),
                    None => a,
                }
            });
        }
        cmd.mut_arg("help", |a| a.help_heading("选项"))
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = translate(cmd, "")
        .long_about(
            "检查、审核并打印学校安全网格（校园安全网格化管理）。\n\n\
             PATH 为 grid.toml、学校文件夹，或包含多个学校文件夹的文件夹；不给时读取 ./grid.toml。\n\
             退出码：0 没有错误级别的问题；1 有错误级别的问题（--deny-warnings 时警告也算）；2 无法运行。",
        )
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| translate(s, &name));
    }
    // clap adds the `help` subcommand when it builds the command.
    cmd.build();
    cmd.mut_subcommand("help", |s| {
        s.about("显示本帮助，或所给子命令的帮助")
            .help_template(TEMPLATE)
    })
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn both_command_lines_are_well_formed() {
        super::command(Lang::En).debug_assert();
        super::command(Lang::Zh).debug_assert();
    }

    #[test]
    fn every_chinese_entry_names_a_real_command_and_argument() {
        let cmd = super::command(Lang::En);
        for (command, arg, _) in super::ZH {
            let commands: Vec<&clap::Command> = match *command {
                "" => vec![&cmd],
                "*" => cmd.get_subcommands().collect(),
                name => vec![cmd.find_subcommand(name).expect(name)],
            };
            if arg.is_empty() {
                continue;
            }
            let known = commands
                .iter()
                .any(|c| c.get_arguments().any(|a| a.get_id() == *arg));
            assert!(known, "{command} {arg}");
        }
    }

    #[test]
    fn the_language_comes_from_the_arguments_first() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            super::lang_of_args(&args(&["gridctl", "--lang", "zh", "check"])),
            Lang::Zh
        );
        assert_eq!(
            super::lang_of_args(&args(&["gridctl", "check", "--lang=zh"])),
            Lang::Zh
        );
        assert_eq!(
            super::lang_of_args(&args(&["gridctl", "--lang", "en"])),
            Lang::En
        );
    }
}
