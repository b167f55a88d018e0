//! The hazard ledger (SPEC §1.4), 隐患排查整改台账: one row per hazard or
//! incident, updated as it goes round the loop.

use chrono::NaiveDate;

use super::table::Column;

pub static COLUMNS: &[Column] = &[
    Column::required("id", &["编号", "序号", "隐患编号"]),
    Column::required("found", &["发现日期", "排查日期"]),
    Column::optional("cell", &["网格"]),
    Column::optional("space", &["部位", "隐患部位"]),
    Column::optional("description", &["隐患描述", "隐患内容", "描述"]),
    Column::required("level", &["等级", "隐患等级"]),
    Column::required("owner", &["整改责任人", "责任人"]),
    Column::optional("due", &["整改期限"]),
    Column::optional("rectified", &["整改完成日期", "整改日期"]),
    Column::optional("verifier", &["验收人", "复查人"]),
    Column::optional("verified", &["验收日期", "销号日期", "复查日期"]),
    Column::optional("reported", &["上报日期"]),
    Column::optional("note", &["备注"]),
    Column::optional("kind", &["类型"]),
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
