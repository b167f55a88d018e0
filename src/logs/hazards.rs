//! The hazard ledger (SPEC §1.4), 隐患排查整改台账: one row per hazard or
//! incident, updated as it goes round the loop.

use chrono::NaiveDate;

use super::table::Column;

pub static COLUMNS: &[Column] = &[
    Column {
        key: "id",
        aliases: &["编号", "序号", "隐患编号"],
        required: true,
    },
    Column {
        key: "found",
        aliases: &["发现日期", "排查日期"],
        required: true,
    },
    Column {
        key: "cell",
        aliases: &["网格"],
        required: false,
    },
    Column {
        key: "space",
        aliases: &["部位", "隐患部位"],
        required: false,
    },
    Column {
        key: "description",
        aliases: &["隐患描述", "隐患内容", "描述"],
        required: false,
    },
    Column {
        key: "level",
        aliases: &["等级", "隐患等级"],
        required: true,
    },
    Column {
        key: "owner",
        aliases: &["整改责任人", "责任人"],
        required: true,
    },
    Column {
        key: "due",
        aliases: &["整改期限"],
        required: false,
    },
    Column {
        key: "rectified",
        aliases: &["整改完成日期", "整改日期"],
        required: false,
    },
    Column {
        key: "verifier",
        aliases: &["验收人", "复查人"],
        required: false,
    },
    Column {
        key: "verified",
        aliases: &["验收日期", "销号日期", "复查日期"],
        required: false,
    },
    Column {
        key: "reported",
        aliases: &["上报日期"],
        required: false,
    },
    Column {
        key: "note",
        aliases: &["备注"],
        required: false,
    },
    Column {
        key: "kind",
        aliases: &["类型"],
        required: false,
    },
];
pub const ID: usize = 0;
pub const FOUND: usize = 1;
pub const CELL: usize = 2;
pub const SPACE: usize = 3;
pub const DESCRIPTION: usize = 4;
pub const LEVEL: usize = 5;
pub const OWNER: usize = 6;
pub const DUE: usize = 7;
pub const RECTIFIED: usize = 8;
pub const VERIFIER: usize = 9;
pub const VERIFIED: usize = 10;
pub const REPORTED: usize = 11;
pub const KIND: usize = 13;

/// 一般 / 较大 / 重大.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    General,
    Serious,
    Major,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim() {
            "general" | "General" | "一般" | "一般隐患" => Some(Level::General),
            "serious" | "Serious" | "较大" | "较大隐患" => Some(Level::Serious),
            "major" | "Major" | "重大" | "重大隐患" => Some(Level::Major),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::General => "general",
            Level::Serious => "serious",
            Level::Major => "major",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Hazard,
    Incident,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim() {
            "" | "hazard" | "隐患" => Some(Kind::Hazard),
            "incident" | "事件" | "事故" => Some(Kind::Incident),
            _ => None,
        }
    }
}

/// One ledger row, resolved against the grid.
#[derive(Clone, Debug)]
pub struct Hazard {
    pub id: String,
    pub line: u64,
    pub found: NaiveDate,
    pub cell: Option<usize>,
    pub space: Option<usize>,
    pub description: String,
    pub level: Level,
    pub owner: Option<usize>,
    pub due: NaiveDate,
    pub rectified: Option<NaiveDate>,
    pub verifier: Option<usize>,
    pub verified: Option<NaiveDate>,
    pub reported: Option<NaiveDate>,
    pub kind: Kind,
}
