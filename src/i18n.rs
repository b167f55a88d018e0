//! Every user-facing string, in English and Chinese. Messages are data
//! (`Msg`) until a renderer asks for them in a language; fixed labels live in
//! the two `Labels` tables.

use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `GRIDCTL_LANG`, then `LANG` (zh_CN.UTF-8 → zh), else English.
    pub fn from_env() -> Lang {
        for var in ["GRIDCTL_LANG", "LC_ALL", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.to_ascii_lowercase();
                if v.starts_with("zh") {
                    return Lang::Zh;
                }
                if !v.is_empty() && var == "GRIDCTL_LANG" {
                    return Lang::En;
                }
                if v.starts_with("en") {
                    return Lang::En;
                }
            }
        }
        Lang::En
    }

    /// A list as a sentence writes it: `a, b` or `a、b`.
    pub fn join(self, items: &[String]) -> String {
        items.join(self.pick(", ", "、"))
    }

    /// The colon after a field name: `: ` or `：`.
    pub fn colon(self) -> &'static str {
        self.pick(": ", "：")
    }

    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Kinds of things an id can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Slot,
    Space,
    Village,
    Role,
    Person,
    Roster,
    Cell,
    Duty,
    OffcampusRole,
}

impl Kind {
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Kind::Slot => ("slot", "时段"),
            Kind::Space => ("space", "场所"),
            Kind::Village => ("village", "村"),
            Kind::Role => ("role", "岗位"),
            Kind::Person => ("person", "人员"),
            Kind::Roster => ("roster", "值班表"),
            Kind::Cell => ("cell", "网格"),
            Kind::Duty => ("duty", "职责"),
            Kind::OffcampusRole => ("off-campus role", "校外网格角色"),
        };
        lang.pick(en, zh)
    }

    /// The section where ids of this kind are defined.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Slot => "slots",
            Kind::Space => "spaces",
            Kind::Village => "villages",
            Kind::Role => "roles",
            Kind::Person => "people",
            Kind::Roster => "rosters",
            Kind::Cell => "cells",
            Kind::Duty => "duties",
            Kind::OffcampusRole => "policy.offcampus-roles",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    Array,
    Table,
}

impl ValueType {
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            ValueType::String => ("a string", "字符串"),
            ValueType::Integer => ("an integer", "整数"),
            ValueType::Float => ("a decimal number", "小数"),
            ValueType::Boolean => ("true or false", "true 或 false"),
            ValueType::Date => ("a date (2026-09-01)", "日期（如 2026-09-01）"),
            ValueType::Array => ("a list [ … ]", "列表 [ … ]"),
            ValueType::Table => ("a table { … }", "表 { … }"),
        };
        lang.pick(en, zh)
    }
}

/// Why a person does not serve on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    Left {
        date: String,
    },
    Away {
        from: String,
        to: String,
        why: String,
    },
    Serving,
}

impl Why {
    /// The reason as the end of a sentence about the person: "has left (on …)".
    pub fn clause(&self, lang: Lang) -> String {
        match (self, lang) {
            (Why::Left { date }, Lang::En) => format!("has left (on {date})"),
            (Why::Away { .. }, Lang::En) => format!("is {}", self.text(lang)),
            (Why::Serving, Lang::En) => "is serving".into(),
            (_, Lang::Zh) => format!("（{}）", self.text(lang)),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Why::Left { date }, Lang::En) => format!("left on {date}"),
            (Why::Left { date }, Lang::Zh) => format!("{date} 起已调离"),
            (Why::Away { from, to, why }, Lang::En) if why.is_empty() => {
                format!("away {from} – {to}")
            }
            (Why::Away { from, to, why }, Lang::En) => format!("away {from} – {to} ({why})"),
            (Why::Away { from, to, why }, Lang::Zh) if why.is_empty() => {
                format!("{from} 至 {to} 外出")
            }
            (Why::Away { from, to, why }, Lang::Zh) => format!("{from} 至 {to} 外出（{why}）"),
            (Why::Serving, Lang::En) => "serving".into(),
            (Why::Serving, Lang::Zh) => "在岗".into(),
        }
    }
}

/// A message with its arguments. `text` renders it; `help` says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    // Could not run (exit 2).
    NotFound {
        path: String,
    },
    /// A county run's output could not be held in a temporary file.
    OutputSpool {
        error: String,
    },
    NoGrid {
        path: String,
    },
    Unreadable {
        path: String,
        error: String,
    },
    EmptyGrid {
        path: String,
    },
    Binary {
        path: String,
    },
    Utf16 {
        path: String,
    },
    NotUtf8 {
        path: String,
        gbk: bool,
    },
    Syntax {
        detail: String,
    },
    // G101
    UnknownKey {
        key: String,
        table: String,
        suggestion: Option<String>,
    },
    WrongType {
        key: String,
        expected: ValueType,
        found: ValueType,
    },
    MissingKey {
        key: String,
        table: String,
    },
    // G102
    UnknownRef {
        kind: Kind,
        id: String,
        suggestion: Option<String>,
        by_name: Option<String>,
    },
    // G103
    NoLevelOne,
    SecondLevelOne {
        cell: String,
        first: String,
    },
    TopHasParent {
        cell: String,
    },
    NoParent {
        cell: String,
        level: u8,
    },
    ParentLevel {
        cell: String,
        level: u8,
        parent: String,
        parent_level: u8,
    },
    CellCycle {
        cells: String,
    },
    SpaceCycle {
        spaces: String,
    },
    // G104
    BadDate {
        value: String,
    },
    BadChoice {
        key: String,
        value: String,
        allowed: String,
        suggestion: Option<String>,
    },
    BadFormat {
        value: i64,
    },
    TooManySlots {
        count: usize,
        max: usize,
    },
    RangeReversed {
        from: String,
        to: String,
    },
    DateOutsideTerm {
        date: String,
        start: String,
        end: String,
    },
    BadTimeRange {
        value: String,
    },
    BadNumber {
        key: String,
        value: i64,
        /// The smallest number the key takes.
        min: u32,
    },
    DuplicateDuty {
        id: String,
    },
    UnknownRule {
        code: String,
        suggestion: Option<String>,
    },
    BadDuration {
        value: String,
    },
    BadLevel {
        value: i64,
    },
    MembersOnCampus,
    // G2xx
    NoAdmin {
        cell: String,
    },
    AdminNeverServes {
        cell: String,
        person: String,
        why: Why,
    },
    MissingMember {
        cell: String,
        role: String,
    },
    TwoRoles {
        cell: String,
        person: String,
        first: String,
        second: String,
    },
    MemberNeverServes {
        cell: String,
        role: String,
        person: String,
        why: Why,
    },
    Unstaffed {
        cell: String,
        person: String,
        from: String,
        to: String,
        days: usize,
        why: Why,
        deputy: Option<String>,
    },
    NoPhone {
        person: String,
    },
    TooManyCells {
        person: String,
        count: usize,
        max: usize,
        cells: Vec<String>,
    },
    TwoPlaces {
        person: String,
        a: String,
        b: String,
        slots: Vec<String>,
        more: usize,
    },
    Idle {
        person: String,
    },
    // G3xx
    BlindSpot {
        space: String,
        space_id: String,
        slot: String,
        slot_id: String,
    },
    OnlyHigher {
        space: String,
        space_id: String,
        slot: String,
        slot_id: String,
        cells: Vec<String>,
    },
    VillageUncovered {
        village: String,
        village_id: String,
        students: u32,
    },
    WaiverExpired {
        rule: String,
        until: String,
    },
    WaiverUnused {
        rule: String,
    },
    // Reading CSV tables (roster tables, logs).
    TableOpen {
        file: String,
        error: String,
    },
    TableEmpty {
        file: String,
        columns: String,
    },
    TableWorkbook {
        file: String,
    },
    TableMissingColumns {
        file: String,
        missing: String,
        found: String,
    },
    RowInvalidText {
        column: usize,
        key: String,
        encoding: String,
    },
    RowUnclosedQuote {
        end_line: u64,
    },
    RowUnreadable {
        error: String,
    },
    // Roster tables (G401–G403) and generation.
    AmbiguousName {
        name: String,
        candidates: String,
    },
    RosterTableMissing {
        roster: String,
        file: String,
    },
    RosterDaysEmpty {
        roster: String,
        from: String,
        to: String,
        days: usize,
        need: u32,
    },
    RosterAbsent {
        roster: String,
        person: String,
        date: String,
        why: Why,
    },
    RosterUneven {
        roster: String,
        max: usize,
        min: usize,
        counts: Vec<String>,
    },
    RosterUnfilled {
        roster: String,
        from: String,
        to: String,
        need: u32,
        have: usize,
        absent: String,
    },
    // Writing files.
    FileExists {
        path: String,
    },
    WriteFailed {
        path: String,
        error: String,
    },
    ReadOnly {
        path: String,
    },
    // The closed loop (A501–A508).
    Missed {
        cell: String,
        cell_id: String,
        duty: String,
        every: crate::model::Every,
        start: String,
        end: String,
        person: Option<String>,
        escalate: Option<String>,
    },
    Overdue {
        hazard: String,
        level: String,
        due: String,
        days: i64,
        owner: Option<String>,
        escalate: Option<String>,
        escalate_cell: Option<String>,
    },
    Unverified {
        hazard: String,
        rectified: String,
        days: i64,
    },
    SelfVerified {
        hazard: String,
        person: String,
    },
    MajorUnreported {
        hazard: String,
    },
    DatesOutOfOrder {
        hazard: String,
        first: String,
        first_date: String,
        second: String,
        second_date: String,
    },
    HazardNotInLedger {
        id: String,
        cell: String,
        date: String,
    },
    AmbiguousRef {
        kind: Kind,
        name: String,
        candidates: String,
    },
    BadLogValue {
        key: String,
        value: String,
    },
    /// A log row without a value it needs, by column key.
    LogRowIncomplete {
        missing: Vec<&'static str>,
    },
    UnknownDuty {
        cell: String,
        duty: String,
        suggestion: Option<String>,
    },
    DuplicateHazard {
        id: String,
        first: u64,
    },
    RosterEmptyPool {
        roster: String,
    },
    /// Days a roster without `file` cannot fill from its pool.
    RosterUnfillable {
        roster: String,
        from: String,
        to: String,
        days: usize,
        need: u32,
    },
    TermTooLong {
        from: String,
        to: String,
    },
    RowsNotCounted {
        school: String,
        count: usize,
    },
    // Command-line problems.
    LogsForOneSchool,
    UnknownTarget {
        target: String,
        suggestion: Option<String>,
    },
    AmbiguousTarget {
        target: String,
        candidates: String,
    },
    BadMoment {
        value: String,
    },
}

fn dym(lang: Lang, s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| match lang {
        Lang::En => format!("did you mean `{s}`?"),
        Lang::Zh => format!("是否应为 `{s}`？"),
    })
}

fn key_at(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        use Lang::*;
        use Msg::*;
        match (self, lang) {
            (NotFound { path }, En) => format!("{path}: no such file or folder"),
            (OutputSpool { error }, En) => {
                format!(
                    "the output could not be held in a temporary file ({error}); part of it is missing"
                )
            }
            (OutputSpool { error }, Zh) => {
                format!("输出无法暂存到临时文件（{error}），部分内容缺失")
            }
            (NotFound { path }, Zh) => format!("{path}：文件或文件夹不存在"),
            (NoGrid { path }, En) => {
                format!("{path}: no grid.toml here, nor in any folder directly below")
            }
            (NoGrid { path }, Zh) => format!("{path}：此处及其下一级文件夹中都没有 grid.toml"),
            (Unreadable { path, error }, En) => format!("{path}: cannot be read ({error})"),
            (Unreadable { path, error }, Zh) => format!("{path}：无法读取（{error}）"),
            (EmptyGrid { path }, En) => format!("{path} is empty"),
            (EmptyGrid { path }, Zh) => format!("{path} 是空文件"),
            (Binary { path }, En) => format!("{path} is not a text file"),
            (Binary { path }, Zh) => format!("{path} 不是文本文件"),
            (Utf16 { path }, En) => {
                format!("{path} is saved as UTF-16 (\"Unicode\"); grid.toml must be UTF-8")
            }
            (Utf16 { path }, Zh) => {
                format!("{path} 是 UTF-16（“Unicode”）编码；grid.toml 必须是 UTF-8")
            }
            (NotUtf8 { path, gbk: true }, En) => {
                format!("{path} is not UTF-8: it looks saved as GBK/ANSI; grid.toml must be UTF-8")
            }
            (NotUtf8 { path, gbk: true }, Zh) => {
                format!("{path} 不是 UTF-8 编码：看起来是 GBK/ANSI；grid.toml 必须是 UTF-8")
            }
            (NotUtf8 { path, gbk: false }, En) => format!("{path} is not UTF-8 text"),
            (NotUtf8 { path, gbk: false }, Zh) => format!("{path} 不是 UTF-8 文本"),
            (Syntax { detail }, En) => format!("not valid TOML: {detail}"),
            (Syntax { detail }, Zh) => format!("不是有效的 TOML：{detail}"),
            (UnknownKey { key, table, .. }, En) if table.is_empty() => {
                format!("unknown key `{key}` at the top level")
            }
            (UnknownKey { key, table, .. }, Zh) if table.is_empty() => {
                format!("顶层有未知的键 `{key}`")
            }
            (UnknownKey { key, table, .. }, En) => format!("unknown key `{key}` in [{table}]"),
            (UnknownKey { key, table, .. }, Zh) => format!("[{table}] 中有未知的键 `{key}`"),
            (
                WrongType {
                    key,
                    expected,
                    found,
                },
                En,
            ) => {
                format!(
                    "`{key}` must be {}, found {}",
                    expected.name(En),
                    found.name(En)
                )
            }
            (
                WrongType {
                    key,
                    expected,
                    found,
                },
                Zh,
            ) => {
                format!(
                    "`{key}` 应为{}，实际是{}",
                    expected.name(Zh),
                    found.name(Zh)
                )
            }
            (MissingKey { key, table }, En) => format!("missing `{}`", key_at(table, key)),
            (MissingKey { key, table }, Zh) => format!("缺少 `{}`", key_at(table, key)),
            (UnknownRef { kind, id, .. }, En) => format!("unknown {} `{id}`", kind.name(En)),
            (UnknownRef { kind, id, .. }, Zh) => format!("{}“{id}”不存在", kind.name(Zh)),
            (NoLevelOne, En) => "the grid has no level-1 cell".into(),
            (NoLevelOne, Zh) => "网格中没有一级网格".into(),
            (SecondLevelOne { cell, first }, En) => {
                format!("`{cell}` is a second level-1 cell; `{first}` is level 1 already")
            }
            (SecondLevelOne { cell, first }, Zh) => {
                format!("`{cell}` 是第二个一级网格；`{first}` 已是一级网格")
            }
            (TopHasParent { cell }, En) => format!("level-1 cell `{cell}` must not have a parent"),
            (TopHasParent { cell }, Zh) => format!("一级网格 `{cell}` 不应有上级"),
            (NoParent { cell, level }, En) => format!("level-{level} cell `{cell}` has no parent"),
            (NoParent { cell, level }, Zh) => format!("{level} 级网格 `{cell}` 没有上级网格"),
            (
                ParentLevel {
                    cell,
                    level,
                    parent,
                    parent_level,
                },
                En,
            ) => format!(
                "level-{level} cell `{cell}` has parent `{parent}` at level {parent_level}; a parent must be one level up ({})",
                level - 1
            ),
            (
                ParentLevel {
                    cell,
                    level,
                    parent,
                    parent_level,
                },
                Zh,
            ) => format!(
                "{level} 级网格 `{cell}` 的上级 `{parent}` 是 {parent_level} 级；上级应恰好高一级（{} 级）",
                level - 1
            ),
            (CellCycle { cells }, En) => format!("cells form a loop of parents: {cells}"),
            (CellCycle { cells }, Zh) => format!("网格的上级关系成环：{cells}"),
            (SpaceCycle { spaces }, En) => format!("spaces form a loop of `within`: {spaces}"),
            (SpaceCycle { spaces }, Zh) => format!("场所的 `within` 关系成环：{spaces}"),
            (BadDate { value }, En) => format!("`{value}` is not a date"),
            (BadDate { value }, Zh) => format!("`{value}` 不是日期"),
            (
                BadChoice {
                    key,
                    value,
                    allowed,
                    ..
                },
                En,
            ) => format!("`{key}` cannot be \"{value}\"; use one of: {allowed}"),
            (
                BadChoice {
                    key,
                    value,
                    allowed,
                    ..
                },
                Zh,
            ) => format!("`{key}` 不能是 \"{value}\"；可选：{allowed}"),
            (BadFormat { value }, En) => {
                format!("format {value} is not known; this gridctl reads format 1")
            }
            (BadFormat { value }, Zh) => {
                format!("不认识的格式版本 {value}；本版 gridctl 读取格式 1")
            }
            (TooManySlots { count, max }, En) => {
                format!("{count} slots; gridctl handles at most {max}")
            }
            (TooManySlots { count, max }, Zh) => {
                format!("共 {count} 个时段；gridctl 最多支持 {max} 个")
            }
            (RangeReversed { from, to }, En) => {
                format!("the range ends ({to}) before it starts ({from})")
            }
            (RangeReversed { from, to }, Zh) => format!("结束日期（{to}）早于开始日期（{from}）"),
            (DateOutsideTerm { date, start, end }, En) => {
                format!("{date} is outside the term ({start} – {end})")
            }
            (DateOutsideTerm { date, start, end }, Zh) => {
                format!("{date} 不在学期内（{start} 至 {end}）")
            }
            (BadTimeRange { value }, En) => format!("`{value}` is not a time range"),
            (BadTimeRange { value }, Zh) => format!("`{value}` 不是有效的时间段"),
            (BadNumber { key, value, .. }, En) => format!("`{key}` cannot be {value}"),
            (BadNumber { key, value, .. }, Zh) => format!("`{key}` 不能是 {value}"),
            (DuplicateDuty { id }, En) => format!("duty `{id}` is listed twice"),
            (DuplicateDuty { id }, Zh) => format!("职责 `{id}` 重复出现"),
            (UnknownRule { code, .. }, En) => format!("there is no rule `{code}`"),
            (UnknownRule { code, .. }, Zh) => format!("没有规则 `{code}`"),
            (BadDuration { value }, En) => format!("`{value}` is not a duration"),
            (BadDuration { value }, Zh) => format!("`{value}` 不是有效的时长"),
            (BadLevel { value }, En) => format!("level {value} does not exist; levels are 1 to 4"),
            (BadLevel { value }, Zh) => format!("没有 {value} 级；层级为 1 到 4"),
            (MembersOnCampus, En) => "`members` is only for off-campus cells".into(),
            (MembersOnCampus, Zh) => "只有校外网格才有 `members`".into(),
            (NoAdmin { cell }, En) => format!("cell `{cell}` has no admin"),
            (NoAdmin { cell }, Zh) => format!("网格 `{cell}` 没有网格员"),
            (AdminNeverServes { cell, person, why }, En) => {
                format!(
                    "admin {person} of cell `{cell}` serves on no day of the term: {}",
                    why.text(En)
                )
            }
            (AdminNeverServes { cell, person, why }, Zh) => {
                format!(
                    "网格 `{cell}` 的网格员{person}本学期无一天在岗：{}",
                    why.text(Zh)
                )
            }
            (MissingMember { cell, role }, En) => {
                format!("off-campus cell `{cell}` has no `{role}`")
            }
            (MissingMember { cell, role }, Zh) => format!("校外网格 `{cell}` 缺少 `{role}`"),
            (
                TwoRoles {
                    cell,
                    person,
                    first,
                    second,
                },
                En,
            ) => {
                format!("{person} holds two roles of cell `{cell}`: `{first}` and `{second}`")
            }
            (
                TwoRoles {
                    cell,
                    person,
                    first,
                    second,
                },
                Zh,
            ) => {
                format!("{person}在网格 `{cell}` 中兼任 `{first}` 和 `{second}` 两个角色")
            }
            (
                MemberNeverServes {
                    cell,
                    role,
                    person,
                    why,
                },
                En,
            ) => {
                format!(
                    "`{role}` {person} of cell `{cell}` serves on no day of the term: {}",
                    why.text(En)
                )
            }
            (
                MemberNeverServes {
                    cell,
                    role,
                    person,
                    why,
                },
                Zh,
            ) => {
                format!(
                    "网格 `{cell}` 的 `{role}` {person}本学期无一天在岗：{}",
                    why.text(Zh)
                )
            }
            (
                Unstaffed {
                    cell,
                    person,
                    from,
                    to,
                    days,
                    why,
                    deputy,
                },
                En,
            ) => {
                let d = match deputy {
                    Some(d) => format!("deputy {d} does not serve either"),
                    None => "the cell has no deputy".into(),
                };
                let range = day_range(from, to, En);
                format!(
                    "cell `{cell}` has nobody on {range} ({days} day{}): admin {person} {}, and {d}",
                    if *days == 1 { "" } else { "s" },
                    why.clause(En)
                )
            }
            (
                Unstaffed {
                    cell,
                    person,
                    from,
                    to,
                    days,
                    why,
                    deputy,
                },
                Zh,
            ) => {
                let d = match deputy {
                    Some(d) => format!("替岗人{d}也不在岗"),
                    None => "该网格没有替岗人".into(),
                };
                let range = day_range(from, to, Zh);
                format!(
                    "网格 `{cell}` 在 {range}（共 {days} 天）无人负责：网格员{person}{}，且{d}",
                    why.clause(Zh)
                )
            }
            (NoPhone { person }, En) => format!("{person} has no phone"),
            (NoPhone { person }, Zh) => format!("{person}没有联系电话"),
            (
                TooManyCells {
                    person,
                    count,
                    max,
                    cells,
                },
                En,
            ) => {
                format!(
                    "{person} holds {count} cells (more than {max}): {}",
                    En.join(cells)
                )
            }
            (
                TooManyCells {
                    person,
                    count,
                    max,
                    cells,
                },
                Zh,
            ) => {
                format!(
                    "{person}负责 {count} 个网格（超过 {max} 个）：{}",
                    Zh.join(cells)
                )
            }
            (
                TwoPlaces {
                    person,
                    a,
                    b,
                    slots,
                    more,
                },
                En,
            ) => {
                let others = match more {
                    0 => String::new(),
                    1 => " (and 1 more cell)".to_string(),
                    n => format!(" (and {n} more cells)"),
                };
                format!(
                    "{person} is admin of `{a}`{others} and `{b}` in the same slots ({}), in different places",
                    En.join(slots)
                )
            }
            (
                TwoPlaces {
                    person,
                    a,
                    b,
                    slots,
                    more,
                },
                Zh,
            ) => {
                let others = if *more > 0 {
                    format!("（及另外 {more} 个网格）")
                } else {
                    String::new()
                };
                format!(
                    "{person}同时是 `{a}`{others}和 `{b}` 的网格员，两处在同一时段（{}）须同时有人",
                    Zh.join(slots)
                )
            }
            (Idle { person }, En) => format!("{person} holds no cell and is in no roster"),
            (Idle { person }, Zh) => format!("{person}不负责任何网格，也不在任何值班表中"),
            (
                BlindSpot {
                    space,
                    space_id,
                    slot,
                    slot_id,
                },
                En,
            ) => {
                format!(
                    "blind spot: {space} ({space_id}) has no level-4 owner in slot {slot} ({slot_id})"
                )
            }
            (
                BlindSpot {
                    space,
                    space_id,
                    slot,
                    slot_id,
                },
                Zh,
            ) => {
                format!(
                    "监管盲区：{space}（{space_id}）在“{slot}”（{slot_id}）时段没有四级网格负责"
                )
            }
            (
                OnlyHigher {
                    space,
                    space_id,
                    slot,
                    slot_id,
                    cells,
                },
                En,
            ) => {
                format!(
                    "{space} ({space_id}) in slot {slot} ({slot_id}) is covered only by a higher level: {}",
                    En.join(cells)
                )
            }
            (
                OnlyHigher {
                    space,
                    space_id,
                    slot,
                    slot_id,
                    cells,
                },
                Zh,
            ) => {
                format!(
                    "{space}（{space_id}）在“{slot}”（{slot_id}）时段只有上级网格负责：{}",
                    Zh.join(cells)
                )
            }
            (
                VillageUncovered {
                    village,
                    village_id,
                    students,
                },
                En,
            ) => {
                format!(
                    "village {village} ({village_id}) has {students} students and no off-campus cell"
                )
            }
            (
                VillageUncovered {
                    village,
                    village_id,
                    students,
                },
                Zh,
            ) => {
                format!("{village}（{village_id}）有 {students} 名学生，但没有校外网格")
            }
            (WaiverExpired { rule, until }, En) => format!("waiver for {rule} expired on {until}"),
            (WaiverExpired { rule, until }, Zh) => format!("{rule} 的豁免已于 {until} 过期"),
            (WaiverUnused { rule }, En) => format!("waiver for {rule} suppresses nothing"),
            (WaiverUnused { rule }, Zh) => format!("{rule} 的豁免没有豁免任何问题"),
            (TableOpen { file, error }, En) => format!("{file}: cannot be read ({error})"),
            (TableOpen { file, error }, Zh) => format!("{file}：无法读取（{error}）"),
            (TableEmpty { file, columns }, En) => {
                format!("{file} is empty; it needs a header line such as `{columns}`")
            }
            (TableEmpty { file, columns }, Zh) => {
                format!("{file} 是空文件；第一行应为表头，如 `{columns}`")
            }
            (TableWorkbook { file }, En) => format!("{file} is an Excel workbook, not a CSV file"),
            (TableWorkbook { file }, Zh) => format!("{file} 是 Excel 工作簿，不是 CSV 文件"),
            (
                TableMissingColumns {
                    file,
                    missing,
                    found,
                },
                En,
            ) => {
                format!("{file}: missing column {missing}; the header line has: {found}")
            }
            (
                TableMissingColumns {
                    file,
                    missing,
                    found,
                },
                Zh,
            ) => format!("{file}：缺少列 {missing}；表头中有：{found}"),
            (
                RowInvalidText {
                    column,
                    key,
                    encoding,
                },
                En,
            ) => {
                format!("column {column} (`{key}`) holds bytes that are not valid {encoding} text")
            }
            (
                RowInvalidText {
                    column,
                    key,
                    encoding,
                },
                Zh,
            ) => format!("第 {column} 列（`{key}`）含有无效的 {encoding} 字符"),
            (RowUnclosedQuote { end_line }, En) => {
                format!("a quote opened here is not closed before line {end_line}")
            }
            (RowUnclosedQuote { end_line }, Zh) => {
                format!("此处的引号直到第 {end_line} 行仍未闭合")
            }
            (RowUnreadable { error }, En) => format!("the row cannot be read ({error})"),
            (RowUnreadable { error }, Zh) => format!("该行无法读取（{error}）"),
            (AmbiguousName { name, candidates }, En) => {
                format!("`{name}` is the name of more than one person: {candidates}")
            }
            (AmbiguousName { name, candidates }, Zh) => format!("`{name}` 对应多人：{candidates}"),
            (RosterTableMissing { roster, file }, En) => {
                format!("roster `{roster}` has no table yet: {file} does not exist")
            }
            (RosterTableMissing { roster, file }, Zh) => {
                format!("值班表 `{roster}` 尚未生成：{file} 不存在")
            }
            (
                RosterDaysEmpty {
                    roster,
                    from,
                    to,
                    days,
                    need,
                },
                En,
            ) => {
                let range = day_range(from, to, En);
                format!(
                    "roster `{roster}` has fewer than {need} on {range} ({days} day{} needing someone)",
                    if *days == 1 { "" } else { "s" }
                )
            }
            (
                RosterDaysEmpty {
                    roster,
                    from,
                    to,
                    days,
                    need,
                },
                Zh,
            ) => {
                let range = day_range(from, to, Zh);
                format!("值班表 `{roster}` 在 {range}（共 {days} 天需要值班）不足 {need} 人")
            }
            (
                RosterAbsent {
                    roster,
                    person,
                    date,
                    why,
                },
                En,
            ) => {
                format!(
                    "{person} is on roster `{roster}` on {date} but does not serve that day: {}",
                    why.text(En)
                )
            }
            (
                RosterAbsent {
                    roster,
                    person,
                    date,
                    why,
                },
                Zh,
            ) => {
                format!(
                    "{person}在 {date} 排在值班表 `{roster}` 上，但当天不在岗：{}",
                    why.text(Zh)
                )
            }
            (
                RosterUneven {
                    roster,
                    max,
                    min,
                    counts,
                },
                En,
            ) => {
                format!(
                    "roster `{roster}` is uneven: {min} to {max} turns ({})",
                    En.join(counts)
                )
            }
            (
                RosterUneven {
                    roster,
                    max,
                    min,
                    counts,
                },
                Zh,
            ) => {
                format!(
                    "值班表 `{roster}` 轮值不均：{min} 到 {max} 次（{}）",
                    Zh.join(counts)
                )
            }
            (
                RosterUnfilled {
                    roster,
                    from,
                    to,
                    need,
                    have,
                    absent,
                },
                En,
            ) => {
                let range = day_range(from, to, En);
                format!(
                    "roster `{roster}`: {range} needs {need}, only {have} can serve; not serving: {absent}"
                )
            }
            (
                RosterUnfilled {
                    roster,
                    from,
                    to,
                    need,
                    have,
                    absent,
                },
                Zh,
            ) => {
                let range = day_range(from, to, Zh);
                format!(
                    "值班表 `{roster}`：{range} 需要 {need} 人，只有 {have} 人能值班；不在岗：{absent}"
                )
            }
            (FileExists { path }, En) => format!("{path} already exists"),
            (FileExists { path }, Zh) => format!("{path} 已存在"),
            (WriteFailed { path, error }, En) => format!("cannot write {path}: {error}"),
            (WriteFailed { path, error }, Zh) => format!("无法写入 {path}：{error}"),
            (ReadOnly { path }, En) => {
                format!("cannot write {path}: it is read-only or locked by another program")
            }
            (ReadOnly { path }, Zh) => format!("无法写入 {path}：文件只读，或被其他程序占用"),
            (
                Missed {
                    cell,
                    cell_id,
                    duty,
                    every,
                    start,
                    end,
                    person,
                    escalate,
                },
                En,
            ) => {
                let when = period_text(*every, start, end, En);
                let who = person
                    .clone()
                    .unwrap_or_else(|| "nobody (the cell was unstaffed)".into());
                let up = escalate
                    .as_ref()
                    .map(|e| format!("; escalates to {e}"))
                    .unwrap_or_default();
                format!("missed: {cell} ({cell_id}) {duty} — {when}; responsible: {who}{up}")
            }
            (
                Missed {
                    cell,
                    cell_id,
                    duty,
                    every,
                    start,
                    end,
                    person,
                    escalate,
                },
                Zh,
            ) => {
                let when = period_text(*every, start, end, Zh);
                let who = person
                    .clone()
                    .unwrap_or_else(|| "无人（该网格当时无人在岗）".into());
                let up = escalate
                    .as_ref()
                    .map(|e| format!("；上报{e}"))
                    .unwrap_or_default();
                format!("漏检：{cell}（{cell_id}）{duty} — {when}；责任人：{who}{up}")
            }
            (
                Overdue {
                    hazard,
                    level,
                    due,
                    days,
                    owner,
                    escalate,
                    escalate_cell,
                },
                En,
            ) => {
                let o = owner.clone().unwrap_or_else(|| "no owner".into());
                let up = match (escalate, escalate_cell) {
                    (Some(p), Some(c)) => format!("; escalated to {p} ({c})"),
                    (None, Some(c)) => format!("; escalated to {c}"),
                    _ => String::new(),
                };
                format!(
                    "overdue: {hazard} ({level}) was due {due}, {days} day{} ago; owner {o}{up}",
                    if *days == 1 { "" } else { "s" }
                )
            }
            (
                Overdue {
                    hazard,
                    level,
                    due,
                    days,
                    owner,
                    escalate,
                    escalate_cell,
                },
                Zh,
            ) => {
                let o = owner.clone().unwrap_or_else(|| "无责任人".into());
                let lv = match level.as_str() {
                    "major" => "重大",
                    "serious" => "较大",
                    _ => "一般",
                };
                let up = match (escalate, escalate_cell) {
                    (Some(p), Some(c)) => format!("；已升级至{p}（{c}）"),
                    (None, Some(c)) => format!("；已升级至{c}"),
                    _ => String::new(),
                };
                format!("逾期：{hazard}（{lv}）整改期限 {due}，已逾期 {days} 天；责任人{o}{up}")
            }
            (
                Unverified {
                    hazard,
                    rectified,
                    days,
                },
                En,
            ) => format!(
                "unverified: {hazard} was rectified on {rectified}, {days} days ago, and is not verified"
            ),
            (
                Unverified {
                    hazard,
                    rectified,
                    days,
                },
                Zh,
            ) => format!("未验收：{hazard} 已于 {rectified} 整改（{days} 天前），尚未验收"),
            (SelfVerified { hazard, person }, En) => {
                format!("self-verified: {hazard} was verified by its owner {person}")
            }
            (SelfVerified { hazard, person }, Zh) => {
                format!("自行验收：{hazard} 由整改责任人{person}本人验收")
            }
            (MajorUnreported { hazard }, En) => {
                format!("major hazard not reported upward: {hazard}")
            }
            (MajorUnreported { hazard }, Zh) => format!("重大隐患未书面上报：{hazard}"),
            (
                DatesOutOfOrder {
                    hazard,
                    first,
                    first_date,
                    second,
                    second_date,
                },
                En,
            ) => {
                if second_date.is_empty() {
                    format!(
                        "dates out of order: {hazard} has `{first}` {first_date} but no `{second}` date"
                    )
                } else {
                    format!(
                        "dates out of order: {hazard} has `{first}` {first_date} before `{second}` {second_date}"
                    )
                }
            }
            (
                DatesOutOfOrder {
                    hazard,
                    first,
                    first_date,
                    second,
                    second_date,
                },
                Zh,
            ) => {
                if second_date.is_empty() {
                    format!("日期颠倒：{hazard} 有 `{first}` {first_date}，却没有 `{second}` 日期")
                } else {
                    format!(
                        "日期颠倒：{hazard} 的 `{first}` {first_date} 早于 `{second}` {second_date}"
                    )
                }
            }
            (HazardNotInLedger { id, cell, date }, En) if id.is_empty() => {
                format!("the inspection of {cell} on {date} found a hazard but names no ledger id")
            }
            (HazardNotInLedger { id, cell, date }, Zh) if id.is_empty() => {
                format!("{cell} {date} 的检查发现隐患，但未填写台账编号")
            }
            (HazardNotInLedger { id, cell, date }, En) => format!(
                "the inspection of {cell} on {date} found hazard {id}, which is not in the ledger"
            ),
            (HazardNotInLedger { id, cell, date }, Zh) => {
                format!("{cell} {date} 的检查发现隐患 {id}，但台账中没有该编号")
            }
            (
                AmbiguousRef {
                    kind,
                    name,
                    candidates,
                },
                En,
            ) => format!(
                "`{name}` is the name of more than one {}: {candidates}",
                kind.name(En)
            ),
            (
                AmbiguousRef {
                    kind,
                    name,
                    candidates,
                },
                Zh,
            ) => format!("`{name}` 对应多个{}：{candidates}", kind.name(Zh)),
            (BadLogValue { key, value }, En) if value.is_empty() => format!("`{key}` is empty"),
            (BadLogValue { key, value }, Zh) if value.is_empty() => format!("`{key}` 为空"),
            (BadLogValue { key, value }, En) => format!("`{key}` cannot be \"{value}\""),
            (BadLogValue { key, value }, Zh) => format!("`{key}` 不能是 \"{value}\""),
            (LogRowIncomplete { missing }, En) => {
                let cols: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
                format!("the row has no {}", cols.join(", "))
            }
            (LogRowIncomplete { missing }, Zh) => {
                let cols: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
                format!("该行缺少 {}", cols.join("、"))
            }
            (UnknownDuty { cell, duty, .. }, En) => format!("cell `{cell}` has no duty `{duty}`"),
            (UnknownDuty { cell, duty, .. }, Zh) => format!("网格 `{cell}` 没有职责 `{duty}`"),
            (DuplicateHazard { id, first }, En) => {
                format!("hazard id {id} is already used on line {first}")
            }
            (DuplicateHazard { id, first }, Zh) => format!("隐患编号 {id} 已在第 {first} 行使用"),
            (LogsForOneSchool, En) => {
                "--inspections and --hazards name one school's logs; PATH holds several schools"
                    .into()
            }
            (LogsForOneSchool, Zh) => {
                "--inspections 和 --hazards 只能用于一所学校；PATH 下有多所学校".into()
            }
            (
                RosterUnfillable {
                    roster,
                    from,
                    to,
                    days,
                    need,
                },
                lang,
            ) => {
                let range = day_range(from, to, lang);
                match lang {
                    En => format!(
                        "roster `{roster}` has no `file`, and its pool cannot give {need} on {range} ({days} day{} needing someone)",
                        if *days == 1 { "" } else { "s" }
                    ),
                    Zh => format!(
                        "值班表 `{roster}` 未设 `file`，按轮值名单在 {range}（共 {days} 天需要值班）排不满 {need} 人"
                    ),
                }
            }
            (RosterEmptyPool { roster }, En) => format!("roster `{roster}` has nobody in its pool"),
            (RosterEmptyPool { roster }, Zh) => format!("值班表 `{roster}` 的轮值名单为空"),
            (TermTooLong { from, to }, En) => {
                format!("the term {from} – {to} is longer than two years")
            }
            (TermTooLong { from, to }, Zh) => format!("学期 {from} 至 {to} 超过两年"),
            (RowsNotCounted { school, count }, En) => {
                format!("{school}: {count} log rows could not be read and are not counted")
            }
            (RowsNotCounted { school, count }, Zh) => {
                format!("{school}：有 {count} 行日志无法读取，未计入")
            }
            (UnknownTarget { target, .. }, En) => {
                format!("no space, cell or person is called `{target}`")
            }
            (UnknownTarget { target, .. }, Zh) => format!("没有叫 `{target}` 的场所、网格或人员"),
            (AmbiguousTarget { target, candidates }, En) => {
                format!("`{target}` could be any of: {candidates}")
            }
            (AmbiguousTarget { target, candidates }, Zh) => {
                format!("`{target}` 对应多个：{candidates}")
            }
            (BadMoment { value }, En) => format!("`{value}` is not a moment"),
            (BadMoment { value }, Zh) => format!("`{value}` 不是有效的时刻"),
        }
    }

    /// What to change, when there is something to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Lang::*;
        use Msg::*;
        let s = match (self, lang) {
            (NoGrid { .. }, En) => "pass a grid.toml, a school folder, or a folder of school folders; `gridctl init DIR` makes a starter".into(),
            (NoGrid { .. }, Zh) => "请给出 grid.toml、学校文件夹或包含多个学校文件夹的文件夹；`gridctl init 目录` 可生成模板".into(),
            (NotFound { .. }, En) => "check the path; without PATH gridctl reads ./grid.toml".into(),
            (OutputSpool { .. }, En) => "free disk space in the temporary folder (TMPDIR), or run fewer schools at once".into(),
            (OutputSpool { .. }, Zh) => "请清理临时文件夹（TMPDIR）的磁盘空间，或分批运行学校".into(),
            (NotFound { .. }, Zh) => "请检查路径；不给 PATH 时读取 ./grid.toml".into(),
            (EmptyGrid { .. }, En) => "start from `gridctl init DIR`, which writes a grid that passes `check`".into(),
            (EmptyGrid { .. }, Zh) => "可用 `gridctl init 目录` 生成一个能通过 `check` 的网格文件".into(),
            (Binary { .. }, En) => "point gridctl at the grid's TOML file, not a spreadsheet or document".into(),
            (Binary { .. }, Zh) => "请指向网格的 TOML 文件，而不是表格或文档".into(),
            (Utf16 { .. }, En) | (NotUtf8 { .. }, En) => {
                "open it in Notepad, choose File → Save As, set Encoding to UTF-8, and save".into()
            }
            (Utf16 { .. }, Zh) | (NotUtf8 { .. }, Zh) => "用记事本打开，选择“文件 → 另存为”，编码选 UTF-8 后保存".into(),
            (Syntax { .. }, En) => "check the quotes, brackets and `=` on this line".into(),
            (Syntax { .. }, Zh) => "请检查此行的引号、括号和等号".into(),
            (UnknownKey { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownKey { .. }, En) => "remove it, or see the file format in the README for the keys allowed here".into(),
            (UnknownKey { .. }, Zh) => "请删除它，或查阅 README 中的文件格式".into(),
            (MissingKey { key, .. }, En) => format!("add `{key} = …`"),
            (MissingKey { key, .. }, Zh) => format!("请补上 `{key} = …`"),
            (UnknownRef { by_name: Some(id), kind, .. }, En) => {
                format!("that is the name of {} `{id}`; refer to it by its id", kind.name(En))
            }
            (UnknownRef { by_name: Some(id), kind, .. }, Zh) => format!("这是{} `{id}` 的名称；请写它的 id", kind.name(Zh)),
            (UnknownRef { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownRef { kind, id, .. }, En) => match kind {
                Kind::OffcampusRole => format!("add \"{id}\" to `policy.offcampus-roles`, or use one of its roles"),
                _ => format!("add [{}.{id}], or correct the id", kind.section()),
            },
            (UnknownRef { kind, id, .. }, Zh) => match kind {
                Kind::OffcampusRole => format!("把 \"{id}\" 加入 `policy.offcampus-roles`，或改用其中的角色"),
                _ => format!("请增加 [{}.{id}]，或改正 id", kind.section()),
            },
            (BadChoice { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownRule { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownRule { .. }, En) => "`gridctl explain` lists the rules".into(),
            (UnknownRule { .. }, Zh) => "`gridctl explain` 列出所有规则".into(),
            (BadDate { .. }, En) => "write a date as 2026-09-01, without quotes".into(),
            (BadDate { .. }, Zh) => "日期写作 2026-09-01，不加引号".into(),
            (BadTimeRange { .. }, En) => "write \"HH:MM-HH:MM\" with the start before the end, e.g. \"07:30-08:10\"; split an overnight slot in two".into(),
            (BadTimeRange { .. }, Zh) => "写作 \"HH:MM-HH:MM\"，开始早于结束，如 \"07:30-08:10\"；跨夜时段请拆成两个".into(),
            (BadDuration { .. }, En) => "write a number and a unit: \"36h\", \"7d\" or \"2w\", between 1 hour and 10 years".into(),
            (BadDuration { .. }, Zh) => "写作数字加单位：\"36h\"、\"7d\" 或 \"2w\"，介于 1 小时与 10 年之间".into(),
            (DateOutsideTerm { .. }, En) => "correct the date, or the term in [school]".into(),
            (DateOutsideTerm { .. }, Zh) => "请改正日期，或 [school] 中的学期".into(),
            (RangeReversed { .. }, En) => "swap the two dates".into(),
            (RangeReversed { .. }, Zh) => "请交换两个日期".into(),
            (MembersOnCampus, En) => "add `scope = \"off-campus\"` to the cell, or use `admin`".into(),
            (MembersOnCampus, Zh) => "为该网格加上 `scope = \"off-campus\"`，或改用 `admin`".into(),
            (NoLevelOne, En) => "add the whole-school cell with `level = 1` (its admin is the party secretary)".into(),
            (NoLevelOne, Zh) => "请增加 `level = 1` 的全校网格（网格员为书记）".into(),
            (SecondLevelOne { first, .. }, En) => format!("make it level 2 with `parent = \"{first}\"`"),
            (SecondLevelOne { first, .. }, Zh) => format!("改为 2 级，并写 `parent = \"{first}\"`"),
            (NoParent { .. }, En) => "add `parent = \"…\"` naming a cell one level up".into(),
            (NoParent { .. }, Zh) => "请加上 `parent = \"…\"`，指向高一级的网格".into(),
            (ParentLevel { .. }, En) => "change the cell's `level`, or name a parent one level up".into(),
            (ParentLevel { .. }, Zh) => "请修改该网格的 `level`，或改为高一级的上级网格".into(),
            (CellCycle { .. }, En) | (SpaceCycle { .. }, En) => "break the loop: one of them must point further up".into(),
            (CellCycle { .. }, Zh) | (SpaceCycle { .. }, Zh) => "请打断循环：其中之一应指向更上一级".into(),
            (NoAdmin { .. }, En) => "add `admin = \"PERSON-ID\"`, or `admin = \"@ROSTER\"` for a duty post".into(),
            (NoAdmin { .. }, Zh) => "请加上 `admin = \"人员ID\"`，值班岗位可写 `admin = \"@值班表ID\"`".into(),
            (AdminNeverServes { .. }, En) => "name a person who serves this term as admin".into(),
            (AdminNeverServes { .. }, Zh) => "请改由本学期在岗的人员担任网格员".into(),
            (MissingMember { role, .. }, En) => format!("add `{role} = \"PERSON-ID\"` to the cell's `members`"),
            (MissingMember { role, .. }, Zh) => format!("在该网格的 `members` 中加上 `{role} = \"人员ID\"`"),
            (TwoRoles { .. }, En) => "give one of the roles to another person".into(),
            (TwoRoles { .. }, Zh) => "请把其中一个角色交给另一人".into(),
            (MemberNeverServes { .. }, En) => "replace the member with a person who serves this term".into(),
            (MemberNeverServes { .. }, Zh) => "请换成本学期在岗的人员".into(),
            (Unstaffed { deputy: None, .. }, En) => "add `deputy = \"PERSON-ID\"` to the cell".into(),
            (Unstaffed { deputy: None, .. }, Zh) => "请为该网格加上 `deputy = \"人员ID\"`".into(),
            (Unstaffed { .. }, En) => "name a deputy who serves on those days".into(),
            (Unstaffed { .. }, Zh) => "请指定在这些日子在岗的替岗人".into(),
            (NoPhone { .. }, En) => "add `phone = \"…\"`".into(),
            (NoPhone { .. }, Zh) => "请加上 `phone = \"…\"`".into(),
            (TooManyCells { .. }, En) => "hand some cells to others, or raise `policy.max-cells-per-person`".into(),
            (TooManyCells { .. }, Zh) => "请把部分网格交给他人，或调高 `policy.max-cells-per-person`".into(),
            (TwoPlaces { .. }, En) => "give one of the cells another admin, or narrow its `slots`".into(),
            (TwoPlaces { .. }, Zh) => "请为其中一个网格另设网格员，或缩小其 `slots`".into(),
            (Idle { .. }, En) => "give the person a post, or remove them from [people]".into(),
            (Idle { .. }, Zh) => "请为其安排岗位，或从 [people] 中删除".into(),
            (BlindSpot { space_id, slot_id, .. }, En) => format!(
                "add \"{space_id}\" (or a space containing it) and slot \"{slot_id}\" to a level-4 cell, or record a [[waivers]] entry"
            ),
            (BlindSpot { space_id, slot_id, .. }, Zh) => format!(
                "请把 \"{space_id}\"（或包含它的场所）和时段 \"{slot_id}\" 加入某个四级网格，或在 [[waivers]] 中登记豁免"
            ),
            (OnlyHigher { space_id, slot_id, .. }, En) => {
                format!("add \"{space_id}\" and slot \"{slot_id}\" to a level-4 cell")
            }
            (OnlyHigher { space_id, slot_id, .. }, Zh) => {
                format!("请把 \"{space_id}\" 和时段 \"{slot_id}\" 加入某个四级网格")
            }
            (VillageUncovered { village_id, .. }, En) => format!(
                "add a level-4 cell with `scope = \"off-campus\"`, `villages = [\"{village_id}\"]` and its three members"
            ),
            (VillageUncovered { village_id, .. }, Zh) => format!(
                "请增设四级网格：`scope = \"off-campus\"`、`villages = [\"{village_id}\"]`，并配齐三员"
            ),
            (WaiverExpired { .. }, En) => "renew `until` if the gap is still accepted, or delete the waiver".into(),
            (WaiverExpired { .. }, Zh) => "若空缺仍可接受请更新 `until`，否则删除该豁免".into(),
            (WaiverUnused { .. }, En) => "delete the waiver, or correct its rule, space or slot".into(),
            (WaiverUnused { .. }, Zh) => "请删除该豁免，或改正其规则、场所或时段".into(),
            (TableWorkbook { .. }, En) => "in Excel choose File → Save As → \"CSV UTF-8 (Comma delimited)\"".into(),
            (TableWorkbook { .. }, Zh) => "请在 Excel 中选择“文件 → 另存为 → CSV UTF-8（逗号分隔）”".into(),
            (TableMissingColumns { .. }, En) => "add the column to the header line, by its English or Chinese name".into(),
            (TableMissingColumns { .. }, Zh) => "请在表头中加上该列（英文或中文列名均可）".into(),
            (TableOpen { .. }, En) => "check the path in grid.toml or on the command line".into(),
            (TableOpen { .. }, Zh) => "请检查 grid.toml 或命令行中的路径".into(),
            (RowInvalidText { .. }, En) => "retype that cell, or save the whole file from Excel as \"CSV UTF-8\"".into(),
            (RowInvalidText { .. }, Zh) => "请重新输入该单元格，或在 Excel 中把整个文件另存为“CSV UTF-8”".into(),
            (RowUnclosedQuote { .. }, En) => "close the quote, or remove it".into(),
            (RowUnclosedQuote { .. }, Zh) => "请补上或删除该引号".into(),
            (AmbiguousName { .. }, En) => "write the person's id instead of the name".into(),(AmbiguousName { .. }, Zh) => "请改写人员的 id".into(),
            (RosterTableMissing { roster, .. }, En) => format!("generate it with `gridctl roster {roster}`"),
            (RosterTableMissing { roster, .. }, Zh) => format!("请用 `gridctl roster {roster}` 生成"),
            (RosterDaysEmpty { roster, .. }, En) => format!("add the missing rows, or regenerate with `gridctl roster {roster} --from DATE --force`"),
            (RosterDaysEmpty { roster, .. }, Zh) => format!("请补上缺少的行，或用 `gridctl roster {roster} --from 日期 --force` 重新生成"),
            (RosterAbsent { .. }, En) => "swap the day with someone who serves, then run `gridctl check` again".into(),
            (RosterAbsent { .. }, Zh) => "请与当天在岗的人调班，再运行 `gridctl check`".into(),
            (RosterUneven { roster, .. }, En) => format!("swap turns, or regenerate with `gridctl roster {roster}`"),
            (RosterUneven { roster, .. }, Zh) => format!("请调换班次，或用 `gridctl roster {roster}` 重新生成"),
            (RosterUnfilled { .. }, En) => "add people to the roster's `pool`, or change who is away; `--force` writes the table with the gap".into(),
            (RosterUnfilled { .. }, Zh) => "请在值班表的 `pool` 中增加人员，或调整外出安排；加 `--force` 可照样写出（留有空缺）".into(),
            (FileExists { .. }, En) => "add --force to replace it".into(),
            (FileExists { .. }, Zh) => "如需覆盖请加 --force".into(),
            (ReadOnly { .. }, En) => "close it in Excel (or make it writable) and run the command again".into(),
            (ReadOnly { .. }, Zh) => "请在 Excel 中关闭该文件（或取消只读）后重新运行".into(),
            (Missed { .. }, En) => "do the check and log it; if it was done, add the row to the inspection log".into(),
            (Missed { .. }, Zh) => "请补做检查并记录；若已检查，请在检查日志中补上记录".into(),
            (Overdue { .. }, En) => "rectify it and write the date in `rectified` (整改完成日期)".into(),
            (Overdue { .. }, Zh) => "请完成整改并填写整改完成日期".into(),
            (Unverified { .. }, En) => "have it checked by someone other than the owner and write `verifier` and `verified`".into(),
            (Unverified { .. }, Zh) => "请由整改责任人以外的人验收，并填写验收人和验收日期".into(),
            (SelfVerified { .. }, En) => "have another person verify it and write their name as `verifier`".into(),
            (SelfVerified { .. }, Zh) => "请由他人验收，并填写其姓名为验收人".into(),
            (MajorUnreported { .. }, En) => "report it in writing to the education authority and write the date in `reported`".into(),
            (MajorUnreported { .. }, Zh) => "请书面上报教育主管部门，并填写上报日期".into(),
            (DatesOutOfOrder { .. }, En) => "correct the dates in the ledger row".into(),
            (DatesOutOfOrder { .. }, Zh) => "请改正该行台账中的日期".into(),
            (HazardNotInLedger { .. }, En) => "add the hazard to the ledger, or correct the id in the inspection log".into(),
            (HazardNotInLedger { .. }, Zh) => "请把该隐患录入台账，或改正检查日志中的编号".into(),
            (BadNumber { min, .. }, En) => format!("write a whole number, {min} or more"),
            (BadNumber { min, .. }, Zh) => format!("请写不小于 {min} 的整数"),
            (LogRowIncomplete { .. }, En) => "fill in the missing cells, or delete the row if it records nothing".into(),
            (LogRowIncomplete { .. }, Zh) => "请补填缺少的单元格；若该行不是记录，请删除".into(),
            (AmbiguousRef { .. }, En) => "write the id instead of the name".into(),
            (AmbiguousRef { .. }, Zh) => "请改写 id".into(),
            (BadLogValue { key, .. }, En) => match key.as_str() {
                "result" => "write ok, hazard or n/a (正常, 隐患, 不适用)".into(),
                "level" => "write general, serious or major (一般, 较大, 重大)".into(),
                "kind" => "write hazard or incident (隐患, 事件)".into(),
                _ => "write a date as 2026-09-08, 2026/9/8 or 2026年9月8日".into(),
            },
            (BadLogValue { key, .. }, Zh) => match key.as_str() {
                "result" => "请写 正常、隐患 或 不适用（ok、hazard、n/a）".into(),
                "level" => "请写 一般、较大 或 重大".into(),
                "kind" => "请写 隐患 或 事件".into(),
                _ => "日期写作 2026-09-08、2026/9/8 或 2026年9月8日".into(),
            },
            (UnknownDuty { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownDuty { .. }, En) => "write the duty's id or its text as in grid.toml (`gridctl who PATH CELL` lists them)".into(),
            (UnknownDuty { .. }, Zh) => "请写 grid.toml 中的职责 id 或职责内容（`gridctl who 路径 网格` 可列出）".into(),
            (DuplicateHazard { .. }, En) => "give each hazard its own id; update a hazard in its row instead of adding a new one".into(),
            (DuplicateHazard { .. }, Zh) => "每个隐患一个编号；隐患进展请在原行更新，不要另起一行".into(),
            (LogsForOneSchool, En) => "run each school on its own, or drop the options to read each school's [logs]".into(),
            (LogsForOneSchool, Zh) => "请逐校运行，或去掉这两个选项，改读各校 [logs] 中的日志".into(),
            (RosterUnfillable { .. }, En) => "add people who serve on those days to its `pool`, or give it a `file` and fill those days by hand".into(),
            (RosterUnfillable { .. }, Zh) => "请在 `pool` 中加入那几天在岗的人，或为它设 `file` 后手工补排".into(),
            (RosterEmptyPool { .. }, En) => "list the people who take turns in `pool = [\"ID\", …]`".into(),
            (RosterEmptyPool { .. }, Zh) => "请在 `pool = [\"ID\", …]` 中列出轮值人员".into(),
            (TermTooLong { .. }, En) => "check the years of `start` and `end`; a grid describes one term".into(),
            (TermTooLong { .. }, Zh) => "请检查 `start` 和 `end` 的年份；一个网格文件描述一个学期".into(),
            (RowsNotCounted { .. }, En) => "`gridctl audit` lists them with their lines".into(),
            (RowsNotCounted { .. }, Zh) => "`gridctl audit` 会列出这些行及其行号".into(),
            (UnknownTarget { suggestion: Some(_), .. }, _) => return dym(lang, self.suggestion()),
            (UnknownTarget { .. }, En) => "give an id or a name from grid.toml".into(),
            (UnknownTarget { .. }, Zh) => "请给出 grid.toml 中的 id 或名称".into(),
            (AmbiguousTarget { .. }, En) => "write one of these instead".into(),
            (AmbiguousTarget { .. }, Zh) => "请改写为其中之一".into(),
            (BadMoment { .. }, En) => "write \"2026-09-08 07:40\"".into(),
            (BadMoment { .. }, Zh) => "写作 \"2026-09-08 07:40\"".into(),
            _ => return None,
        };
        Some(s)
    }

    fn suggestion(&self) -> &Option<String> {
        match self {
            Msg::UnknownKey { suggestion, .. }
            | Msg::UnknownRef { suggestion, .. }
            | Msg::BadChoice { suggestion, .. }
            | Msg::UnknownRule { suggestion, .. }
            | Msg::UnknownTarget { suggestion, .. }
            | Msg::UnknownDuty { suggestion, .. } => suggestion,
            _ => &None,
        }
    }
}

/// Fixed labels of the renderers and commands.
pub struct Labels {
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    pub help: &'static str,
    pub clean: &'static str,
    pub summary: &'static str,
    pub errors: &'static str,
    pub warnings: &'static str,
    pub infos: &'static str,
    pub level: &'static str,
    pub admin: &'static str,
    pub deputy: &'static str,
    pub phone: &'static str,
    pub cell: &'static str,
    pub space: &'static str,
    pub slot: &'static str,
    pub person: &'static str,
    pub school: &'static str,
    pub gap: &'static str,
    pub nobody: &'static str,
    pub serving_for: &'static str,
    pub chain: &'static str,
    pub owner: &'static str,
    pub no_slot_at: &'static str,
    pub not_in_term: &'static str,
    pub in_pool: &'static str,
    pub duties: &'static str,
    pub spaces: &'static str,
    pub slots: &'static str,
    pub every_slot: &'static str,
    pub villages: &'static str,
    pub members: &'static str,
    pub holds_nothing: &'static str,
    pub school_day: &'static str,
    pub non_school_day: &'static str,
    pub init_done: &'static str,
    pub init_exists: &'static str,
    pub rules_header: &'static str,
    pub contains: &'static str,
    pub away: &'static str,
    pub left: &'static str,
    pub checklist_title: &'static str,
    pub week: &'static str,
    pub on_duty: &'static str,
    pub escalation: &'static str,
    pub duty_col: &'static str,
    pub every_schoolday: &'static str,
    pub every_day: &'static str,
    pub every_week: &'static str,
    pub every_month: &'static str,
    pub every_term: &'static str,
    pub every_nonschool: &'static str,
    pub this_week: &'static str,
    pub this_term: &'static str,
    pub not_due: &'static str,
    pub no_duties: &'static str,
    pub signature: &'static str,
    pub date: &'static str,
    pub week_outside_term: &'static str,
    pub need_selector: &'static str,
    pub need_selector_help: &'static str,
    pub held_as: &'static str,
    pub notice_title: &'static str,
    pub time: &'static str,
    pub days: &'static str,
    pub front_line: &'static str,
    pub responsible: &'static str,
    pub no_front_line: &'static str,
    pub waived: &'static str,
    pub by_roster: &'static str,
    pub report_hazard: &'static str,
    pub need_space: &'static str,
    pub need_space_help: &'static str,
    pub all_takes_path: &'static str,
    pub wrote: &'static str,
    pub not_a: &'static str,
    pub no_such: &'static str,
    pub nothing_to_print: &'static str,
    pub weekdays: [&'static str; 7],
    pub notes: &'static str,
}

pub static EN: Labels = Labels {
    error: "error",
    warning: "warning",
    info: "info",
    help: "help",
    clean: "no findings",
    summary: "summary",
    errors: "errors",
    warnings: "warnings",
    infos: "infos",
    level: "level",
    admin: "admin",
    deputy: "deputy",
    phone: "phone",
    cell: "cell",
    space: "space",
    slot: "slot",
    person: "person",
    school: "school",
    gap: "GAP",
    nobody: "nobody",
    serving_for: "serving for",
    chain: "chain",
    owner: "owner",
    no_slot_at: "no slot covers this time",
    not_in_term: "outside the term",
    in_pool: "in the pool of roster",
    duties: "duties",
    spaces: "spaces",
    slots: "slots",
    every_slot: "every slot",
    villages: "villages",
    members: "members",
    holds_nothing: "holds no cell and is in no roster",
    school_day: "school day",
    non_school_day: "non-school day",
    init_done: "wrote a starter school folder",
    init_exists: "already exists; not overwritten",
    rules_header: "rules",
    contains: "contains",
    away: "away",
    left: "left",
    checklist_title: "Safety duty checklist",
    week: "week",
    on_duty: "on duty",
    escalation: "report up to",
    duty_col: "duty",
    every_schoolday: "Every school day",
    every_day: "Every day",
    every_week: "Every week",
    every_month: "Every month",
    every_term: "Every term",
    every_nonschool: "Every non-school day",
    this_week: "this week",
    this_term: "this term",
    not_due: "not due this week",
    no_duties: "no duties listed",
    signature: "signature",
    date: "date",
    week_outside_term: "the week is outside the term: nothing falls due",
    need_selector: "give one of --person ID, --cell ID or --all",
    need_selector_help: "`gridctl tree` lists the cells; --all prints every one",
    held_as: "held as",
    notice_title: "Safety responsibility notice",
    time: "time",
    days: "days",
    front_line: "front-line cell",
    responsible: "person responsible",
    no_front_line: "no front-line owner",
    waived: "accepted gap on record",
    by_roster: "by the duty roster",
    report_hazard: "Report any hazard or emergency at once to the person responsible; if they cannot be reached, go up the chain.",
    need_space: "give a SPACE (id or name), or --all for every space",
    need_space_help: "`gridctl matrix` lists the spaces",
    all_takes_path: "with --all, give at most PATH",
    wrote: "wrote",
    not_a: "is not a",
    no_such: "no such",
    nothing_to_print: "nothing to print",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    notes: "problems found and action taken",
};

pub static ZH: Labels = Labels {
    error: "错误",
    warning: "警告",
    info: "提示",
    help: "建议",
    clean: "未发现问题",
    summary: "汇总",
    errors: "错误",
    warnings: "警告",
    infos: "提示",
    level: "级",
    admin: "网格员",
    deputy: "替岗人",
    phone: "电话",
    cell: "网格",
    space: "场所",
    slot: "时段",
    person: "人员",
    school: "学校",
    gap: "空缺",
    nobody: "无人",
    serving_for: "代",
    chain: "上报链",
    owner: "负责人",
    no_slot_at: "此时刻不在任何时段内",
    not_in_term: "不在学期内",
    in_pool: "轮值名单",
    duties: "职责",
    spaces: "场所",
    slots: "时段",
    every_slot: "全部时段",
    villages: "村",
    members: "成员",
    holds_nothing: "不负责任何网格，也不在任何值班表中",
    school_day: "上学日",
    non_school_day: "非上学日",
    init_done: "已生成学校文件夹模板",
    init_exists: "已存在，未覆盖",
    rules_header: "规则",
    contains: "包含",
    away: "外出",
    left: "调离",
    checklist_title: "安全责任清单",
    week: "周次",
    on_duty: "在岗",
    escalation: "逐级上报",
    duty_col: "职责",
    every_schoolday: "每个上学日",
    every_day: "每天",
    every_week: "每周",
    every_month: "每月",
    every_term: "每学期",
    every_nonschool: "每个非上学日",
    this_week: "本周",
    this_term: "本学期",
    not_due: "本周无需",
    no_duties: "未列职责",
    signature: "签字",
    date: "日期",
    week_outside_term: "该周不在学期内，无检查任务",
    need_selector: "请指定 --person ID、--cell ID 或 --all 之一",
    need_selector_help: "`gridctl tree` 可列出所有网格；--all 输出全部网格",
    held_as: "担任",
    notice_title: "安全责任公示",
    time: "时间",
    days: "适用日",
    front_line: "一线责任网格",
    responsible: "责任人",
    no_front_line: "无一线责任人",
    waived: "已备案",
    by_roster: "按值班表轮值",
    report_hazard: "发现安全隐患或突发情况，请立即报告责任人；联系不上的，逐级向上报告。",
    need_space: "请指定场所 SPACE（id 或名称），或用 --all 输出全部场所",
    need_space_help: "`gridctl matrix` 可列出所有场所",
    all_takes_path: "使用 --all 时只能给出 PATH",
    wrote: "已写入",
    not_a: "不是",
    no_such: "没有这个",
    nothing_to_print: "没有可输出的内容",
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    notes: "发现问题及处理情况",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

pub fn severity_label(lang: Lang, sev: crate::findings::Severity) -> &'static str {
    let l = labels(lang);
    match sev {
        crate::findings::Severity::Error => l.error,
        crate::findings::Severity::Warning => l.warning,
        crate::findings::Severity::Info => l.info,
    }
}

/// "2 errors, 1 warning" in the language.
pub fn summary_line(lang: Lang, s: &crate::findings::Summary) -> String {
    let mut out = String::new();
    match lang {
        Lang::En => {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let _ = write!(
                out,
                "{}, {}",
                plural(s.errors, "error"),
                plural(s.warnings, "warning")
            );
            if s.infos > 0 {
                let _ = write!(out, ", {} info", s.infos);
            }
        }
        Lang::Zh => {
            let _ = write!(out, "{} 个错误，{} 个警告", s.errors, s.warnings);
            if s.infos > 0 {
                let _ = write!(out, "，{} 个提示", s.infos);
            }
        }
    }
    out
}

/// Mon..Sun / 周一..周日, Monday = 0.
pub fn weekday_name(lang: Lang, i: usize) -> &'static str {
    const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const ZH_DAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    match lang {
        Lang::En => EN_DAYS[i % 7],
        Lang::Zh => ZH_DAYS[i % 7],
    }
}

/// A period of a duty in words: "school day 2026-10-12", "week of 2026-10-12".
pub fn period_text(every: crate::model::Every, start: &str, end: &str, lang: Lang) -> String {
    use crate::model::Every::*;
    match (every, lang) {
        (SchoolDay, Lang::En) => format!("school day {start}"),
        (SchoolDay, Lang::Zh) => format!("{start}（上学日）"),
        (Day, Lang::En) => format!("day {start}"),
        (Day, Lang::Zh) => start.to_string(),
        (NonSchool, Lang::En) => format!("non-school day {start}"),
        (NonSchool, Lang::Zh) => format!("{start}（非上学日）"),
        (Week, Lang::En) => format!("week {start} – {end}"),
        (Week, Lang::Zh) => format!("{start} 至 {end} 这一周"),
        (Month, Lang::En) => format!("month {start} – {end}"),
        (Month, Lang::Zh) => format!("{start} 至 {end} 这个月"),
        (Term, Lang::En) => format!("the term ({start} – {end})"),
        (Term, Lang::Zh) => format!("本学期（{start} 至 {end}）"),
    }
}

// ---------------------------------------------------------------------------
// `diff OLD NEW`: section titles and sentences.
// ---------------------------------------------------------------------------

/// Fixed words of the `diff` report.
pub struct DiffLabels {
    pub cells: &'static str,
    pub people: &'static str,
    pub opened: &'static str,
    pub closed: &'static str,
    pub unstaffed: &'static str,
    pub villages: &'static str,
    pub load: &'static str,
    pub no_changes: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub gone: &'static str,
    pub admin: &'static str,
    pub deputy: &'static str,
    pub none: &'static str,
    pub blind: &'static str,
    pub waived: &'static str,
    pub not_needed: &'static str,
    pub person: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    /// Between items of a list: ", " / "、".
    pub sep: &'static str,
}

pub static DIFF_EN: DiffLabels = DiffLabels {
    cells: "Cells",
    people: "People",
    opened: "Blind spots opened (G301)",
    closed: "Blind spots closed",
    unstaffed: "Cells left unstaffed",
    villages: "Villages losing their three members",
    load: "Cells per person",
    no_changes: "no changes",
    added: "added",
    removed: "removed",
    gone: "gone",
    admin: "admin",
    deputy: "deputy",
    none: "—",
    blind: "blind spot",
    waived: "waived",
    not_needed: "not needed",
    person: "person",
    old: "old",
    new: "new",
    sep: ", ",
};

pub static DIFF_ZH: DiffLabels = DiffLabels {
    cells: "网格变动",
    people: "人员变动",
    opened: "新增盲区（G301）",
    closed: "消除的盲区",
    unstaffed: "失去负责人的网格",
    villages: "失去“三员”的村",
    load: "每人负责的网格数",
    no_changes: "无变化",
    added: "新增",
    removed: "已删除",
    gone: "已移除",
    admin: "网格员",
    deputy: "替岗人",
    none: "（无）",
    blind: "盲区",
    waived: "已备案豁免",
    not_needed: "无需负责人",
    person: "人员",
    old: "原",
    new: "现",
    sep: "、",
};

pub fn diff_labels(lang: Lang) -> &'static DiffLabels {
    match lang {
        Lang::En => &DIFF_EN,
        Lang::Zh => &DIFF_ZH,
    }
}

/// Sentences of the `diff` report, with their arguments (names and ids
/// already in display form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffMsg {
    /// "{subject} ({id})" / "{subject}（{id}）"; just the id when the name is the id.
    Named {
        name: String,
        id: String,
    },
    /// The heading: school, old file, new file.
    Header {
        school: String,
        old: String,
        new: String,
    },
    /// `held`: who holds it ("admin 张华"), when anyone does.
    CellAdded {
        level: u8,
        held: Option<String>,
    },
    CellRemoved {
        held: Option<String>,
    },
    /// A new or moved `left` date.
    PersonLeft {
        old: Option<String>,
        new: Option<String>,
    },
    /// How an opened blind spot stood before: covered by these cells
    /// (empty: `waived` or `not needed` instead).
    Before {
        cells: Option<String>,
        waived: bool,
    },
    /// How a closed blind spot stands now.
    Now {
        cells: Option<String>,
        waived: bool,
    },
    NoAdmin,
    AdminNotServing {
        admin: String,
        why: Why,
        deputy: Option<String>,
    },
    MissingRoles {
        roles: String,
    },
    /// Who held an unstaffed cell before.
    HeldBy {
        people: String,
    },
    VillageNoCell {
        students: u32,
        old_cell: String,
    },
    VillageMissingRoles {
        students: u32,
        cell: String,
        roles: String,
    },
    Summary {
        cells: usize,
        people: usize,
        opened: usize,
        closed: usize,
        unstaffed: usize,
        villages: usize,
        load: usize,
        regressions: usize,
    },
}

impl DiffMsg {
    pub fn text(&self, lang: Lang) -> String {
        use DiffMsg::*;
        use Lang::*;
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        match (self, lang) {
            (Named { name, id }, _) if name == id => id.clone(),
            (Named { name, id }, En) => format!("{name} ({id})"),
            (Named { name, id }, Zh) => format!("{name}（{id}）"),
            (Header { school, old, new }, En) => format!("{school}: {old} → {new}"),
            (Header { school, old, new }, Zh) => format!("{school}：{old} → {new}"),
            (
                CellAdded {
                    level,
                    held: Some(h),
                },
                En,
            ) => format!("added, level {level} ({h})"),
            (CellAdded { level, held: None }, En) => format!("added, level {level}"),
            (CellAdded { level, held }, Zh) => {
                let level = match level {
                    1 => "一".to_string(),
                    2 => "二".to_string(),
                    3 => "三".to_string(),
                    4 => "四".to_string(),
                    n => n.to_string(),
                };
                match held {
                    Some(h) => format!("新增{level}级网格（{h}）"),
                    None => format!("新增{level}级网格"),
                }
            }
            (CellRemoved { held: Some(h) }, En) => format!("removed (was: {h})"),
            (CellRemoved { held: None }, En) => "removed".into(),
            (CellRemoved { held: Some(h) }, Zh) => format!("已删除（原为 {h}）"),
            (CellRemoved { held: None }, Zh) => "已删除".into(),
            (
                PersonLeft {
                    old: None,
                    new: Some(d),
                },
                En,
            ) => format!("left on {d}"),
            (
                PersonLeft {
                    old: Some(o),
                    new: Some(d),
                },
                En,
            ) => format!("left on {d} (was {o})"),
            (
                PersonLeft {
                    old: Some(o),
                    new: None,
                },
                En,
            ) => {
                format!("no longer leaving (was {o})")
            }
            (
                PersonLeft {
                    old: None,
                    new: Some(d),
                },
                Zh,
            ) => format!("{d} 起已调离"),
            (
                PersonLeft {
                    old: Some(o),
                    new: Some(d),
                },
                Zh,
            ) => {
                format!("{d} 起已调离（原为 {o}）")
            }
            (
                PersonLeft {
                    old: Some(o),
                    new: None,
                },
                Zh,
            ) => format!("不再调离（原为 {o} 起）"),
            (PersonLeft { .. }, _) => String::new(),
            (Before { cells: Some(c), .. }, En) => format!("before: {c}"),
            (Before { waived: true, .. }, En) => "before: waived".into(),
            (Before { .. }, En) => "before: not needed".into(),
            (Before { cells: Some(c), .. }, Zh) => format!("原由{c}负责"),
            (Before { waived: true, .. }, Zh) => "原已备案豁免".into(),
            (Before { .. }, Zh) => "原无需负责人".into(),
            (Now { cells: Some(c), .. }, En) => format!("now: {c}"),
            (Now { waived: true, .. }, En) => "now: waived".into(),
            (Now { .. }, En) => "now: not needed".into(),
            (Now { cells: Some(c), .. }, Zh) => format!("现由{c}负责"),
            (Now { waived: true, .. }, Zh) => "现已备案豁免".into(),
            (Now { .. }, Zh) => "现无需负责人".into(),
            (NoAdmin, En) => "no admin".into(),
            (NoAdmin, Zh) => "没有网格员".into(),
            (
                AdminNotServing {
                    admin,
                    why,
                    deputy: None,
                },
                En,
            ) => {
                format!("admin {admin} {}, and no deputy", why.clause(En))
            }
            (
                AdminNotServing {
                    admin,
                    why,
                    deputy: Some(d),
                },
                En,
            ) => format!(
                "admin {admin} {}, and deputy {d} serves on none of its days",
                why.clause(En)
            ),
            (
                AdminNotServing {
                    admin,
                    why,
                    deputy: None,
                },
                Zh,
            ) => {
                format!("网格员{admin}{}，且没有替岗人", why.clause(Zh))
            }
            (
                AdminNotServing {
                    admin,
                    why,
                    deputy: Some(d),
                },
                Zh,
            ) => {
                format!("网格员{admin}{}，替岗人{d}也无一天在岗", why.clause(Zh))
            }
            (MissingRoles { roles }, En) => format!("no serving {roles}"),
            (MissingRoles { roles }, Zh) => format!("缺少在岗的{roles}"),
            (HeldBy { people }, En) => format!("was: {people}"),
            (HeldBy { people }, Zh) => format!("原为 {people}"),
            (VillageNoCell { students, old_cell }, En) => format!(
                "{}, no off-campus cell any more (was {old_cell})",
                n(*students as usize, "student", "students")
            ),
            (VillageNoCell { students, old_cell }, Zh) => {
                format!("学生 {students} 人，已没有校外网格（原为 {old_cell}）")
            }
            (
                VillageMissingRoles {
                    students,
                    cell,
                    roles,
                },
                En,
            ) => format!(
                "{}, {cell} has no serving {roles}",
                n(*students as usize, "student", "students")
            ),
            (
                VillageMissingRoles {
                    students,
                    cell,
                    roles,
                },
                Zh,
            ) => {
                format!("学生 {students} 人，{cell}缺少在岗的{roles}")
            }
            (
                Summary {
                    cells,
                    people,
                    opened,
                    closed,
                    unstaffed,
                    villages,
                    load,
                    regressions,
                },
                En,
            ) => {
                let verdict = if *regressions > 0 {
                    "the new version opens gaps"
                } else {
                    "no new gaps"
                };
                format!(
                    "{}, {}, {} opened, {} closed, {} left unstaffed, {} losing members, {} with a new load — {verdict}",
                    n(*cells, "cell change", "cell changes"),
                    n(*people, "staff change", "staff changes"),
                    n(*opened, "blind spot", "blind spots"),
                    closed,
                    n(*unstaffed, "cell", "cells"),
                    n(*villages, "village", "villages"),
                    n(*load, "person", "people"),
                )
            }
            (
                Summary {
                    cells,
                    people,
                    opened,
                    closed,
                    unstaffed,
                    villages,
                    load,
                    regressions,
                },
                Zh,
            ) => {
                let verdict = if *regressions > 0 {
                    "新版本出现新的缺口"
                } else {
                    "没有新的缺口"
                };
                format!(
                    "网格变动 {cells} 处，人员变动 {people} 项，新增盲区 {opened} 个，消除盲区 {closed} 个，失去负责人的网格 {unstaffed} 个，失去“三员”的村 {villages} 个，负责网格数变化 {load} 人 — {verdict}"
                )
            }
        }
    }
}

/// "Every school day" / "每个上学日", for a duty's frequency.
pub fn every_label(l: &Labels, e: crate::model::Every) -> &'static str {
    use crate::model::Every;
    match e {
        Every::SchoolDay => l.every_schoolday,
        Every::Day => l.every_day,
        Every::Week => l.every_week,
        Every::Month => l.every_month,
        Every::Term => l.every_term,
        Every::NonSchool => l.every_nonschool,
    }
}

/// A label with its first letter in upper case, for headings.
/// `s` with a capital first letter in English (as a heading or a sentence
/// start); as it is in Chinese.
pub fn cap_in(lang: Lang, s: &str) -> String {
    match lang {
        Lang::En => cap(s),
        Lang::Zh => s.to_string(),
    }
}

pub fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A run of days as one day or `from – to` (`from 至 to`).
pub fn day_range(from: &str, to: &str, lang: Lang) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}{}{to}", lang.pick(" – ", " 至 "))
    }
}
