//! The inspection log (SPEC §1.3): one row per check done.

use super::table::Column;

pub static COLUMNS: &[Column] = &[
    Column {
        key: "date",
        aliases: &["日期", "检查日期"],
        required: true,
    },
    Column {
        key: "cell",
        aliases: &["网格"],
        required: true,
    },
    Column {
        key: "duty",
        aliases: &["检查项目", "职责", "项目"],
        required: true,
    },
    Column {
        key: "inspector",
        aliases: &["检查人", "检查人员"],
        required: true,
    },
    Column {
        key: "result",
        aliases: &["结果", "检查结果"],
        required: true,
    },
    Column {
        key: "hazard",
        aliases: &["隐患编号"],
        required: false,
    },
    Column {
        key: "note",
        aliases: &["备注"],
        required: false,
    },
];
pub const DATE: usize = 0;
pub const CELL: usize = 1;
pub const DUTY: usize = 2;
pub const INSPECTOR: usize = 3;
pub const RESULT: usize = 4;
pub const HAZARD: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Hazard,
    NotApplicable,
}

/// `ok` | `hazard` | `n/a`, and what Chinese ledgers write for them.
pub fn parse_result(s: &str) -> Option<Outcome> {
    match s {
        "ok" | "OK" | "Ok" | "正常" | "合格" | "无异常" | "√" | "✓" => Some(Outcome::Ok),
        "hazard" | "Hazard" | "HAZARD" | "隐患" | "异常" | "有隐患" => Some(Outcome::Hazard),
        "n/a" | "N/A" | "na" | "NA" | "不适用" | "无需检查" => Some(Outcome::NotApplicable),
        _ => None,
    }
}
