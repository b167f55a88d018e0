//! The inspection log (SPEC §1.3): one row per check done.

use super::table::Column;

pub static COLUMNS: &[Column] = &[
    Column::required("date", &["日期", "检查日期"]),
    Column::required("cell", &["网格"]),
    Column::required("duty", &["检查项目", "职责", "项目"]),
    Column::required("inspector", &["检查人", "检查人员"]),
    Column::required("result", &["结果", "检查结果"]),
    Column::optional("hazard", &["隐患编号"]),
    Column::optional("note", &["备注"]),
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
