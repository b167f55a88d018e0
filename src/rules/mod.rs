//! The rules of `check`: each with its stable code, default severity and
//! `explain` text in both languages, in one table. Rule families live in
//! their own modules; this one runs them and applies waivers and the
//! severity overrides of `[policy.rules]`.

mod coverage;
mod rosters;
mod staffing;
mod tree;

pub use staffing::why as why_absent;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::coverage::Coverage;
use crate::findings::{Finding, Severity};
use crate::i18n::{Lang, Msg};
use crate::model::Grid;

pub struct Rule {
    pub code: &'static str,
    pub default: Severity,
    pub title_en: &'static str,
    pub title_zh: &'static str,
    pub explain_en: &'static str,
    pub explain_zh: &'static str,
}

impl Rule {
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.title_en,
            Lang::Zh => self.title_zh,
        }
    }
    pub fn explain(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.explain_en,
            Lang::Zh => self.explain_zh,
        }
    }
}

use Severity::{Error, Info, Warning};

pub static RULES: &[Rule] = &[
    Rule {
        code: "G101",
        default: Error,
        title_en: "grid file cannot be read, or has an unknown key or a value of the wrong type",
        title_zh: "网格文件无法读取，或有未知的键、类型错误的值",
        explain_en: "grid.toml must be UTF-8 TOML with only the keys gridctl knows (see the file format in the README).\nA misspelt key is reported with the nearest known key; a value of the wrong type says which type it needs.\n\nFix: correct the key or value on the line shown. If the file was saved by Notepad as ANSI/GBK, save it again as UTF-8.",
        explain_zh: "grid.toml 必须是 UTF-8 编码的 TOML，且只能使用 gridctl 认识的键（文件格式见 README）。\n拼错的键会提示最接近的正确写法；类型不对的值会说明应写成什么类型。\n\n修改方法：按提示改正所指行上的键或值。若文件被记事本存成了 ANSI/GBK，请另存为 UTF-8。",
    },
    Rule {
        code: "G102",
        default: Error,
        title_en: "reference to an unknown cell, person, space, slot, role, village or roster",
        title_zh: "引用了不存在的网格、人员、场所、时段、岗位、村或值班表",
        explain_en: "Cells, rosters and waivers refer to other entries by their id (the key after the dot, e.g. `chen-jing` in [people.chen-jing]).\nAn id that is not defined is an error; gridctl suggests the nearest id, or the id whose name you wrote.\n\nFix: correct the id, or add the missing entry (e.g. a [people.ID] table).",
        explain_zh: "网格、值班表和豁免通过 id（例如 [people.chen-jing] 中的 chen-jing）引用其他条目。\n引用未定义的 id 是错误；gridctl 会提示最接近的 id，或与所写姓名对应的 id。\n\n修改方法：改正 id，或补上缺少的条目（例如增加 [people.ID] 表）。",
    },
    Rule {
        code: "G103",
        default: Error,
        title_en: "grid tree: not exactly one level-1 cell, a level not one below its parent, or a cycle",
        title_zh: "网格树：一级网格不是恰好一个、层级与上级不衔接，或存在循环",
        explain_en: "The grid is one tree of four levels: exactly one level-1 cell (the whole school, led by the party secretary); every other cell names a `parent` exactly one level above it. Spaces nest with `within` and must not loop.\n\nFix: give every cell below level 1 a parent one level up, keep a single level-1 cell, and break any loop of `parent` or `within`.",
        explain_zh: "网格是一棵四级树：恰好一个一级网格（全校，由书记负责）；其余每个网格用 `parent` 指向比它高一级的网格。场所用 `within` 嵌套，不得成环。\n\n修改方法：为一级以下的每个网格指定高一级的上级网格，只保留一个一级网格，并打断 `parent` 或 `within` 的循环。",
    },
    Rule {
        code: "G104",
        default: Error,
        title_en: "invalid value: time range, date outside the term, duration, frequency, choice",
        title_zh: "取值无效：时间段、学期外的日期、时长、频次或选项",
        explain_en: "Times are \"HH:MM-HH:MM\" with the start before the end (split an overnight slot in two); dates in the calendar must fall inside the term; durations are like \"36h\", \"7d\", \"2w\"; `every` is one of schoolday, day, week, month, term, non-school; levels are 1 to 4.\n\nFix: write the value in the form shown in the message.",
        explain_zh: "时间写作 \"HH:MM-HH:MM\"，开始早于结束（跨夜的时段请拆成两个）；校历中的日期必须在学期内；时长写作 \"36h\"、\"7d\"、\"2w\"；`every` 取 schoolday、day、week、month、term、non-school 之一；层级为 1 到 4。\n\n修改方法：按提示的格式改写该值。",
    },
    Rule {
        code: "G201",
        default: Error,
        title_en: "cell without an admin, or whose admin serves on no school day of the term",
        title_zh: "网格没有网格员，或网格员本学期无一天在岗",
        explain_en: "One cell, one member (一格一员): every campus cell needs an `admin` who serves during the term. An admin who has `left` before the term, or is `away` for all of it, leaves the cell without its member.\n\nFix: name a serving person as `admin` (re-issue the grid after staff changes), or a roster post such as \"@weekly-duty\".",
        explain_zh: "一格一员：每个校内网格都需要一名本学期在岗的网格员（`admin`）。学期开始前已调离（`left`）或整学期外出（`away`）的网格员等于没有网格员。\n\n修改方法：指定一名在岗人员为 `admin`（人事调动后重新下发网格），或使用值班岗位如 \"@weekly-duty\"。",
    },
    Rule {
        code: "G202",
        default: Error,
        title_en: "off-campus cell missing one of its three members, or one person in two of its roles",
        title_zh: "校外网格缺少“三员”之一，或一人兼任其中两个角色",
        explain_en: "One cell, three members (一格三员): every off-campus cell has one distinct, serving person for each role in `policy.offcampus-roles` (by default the village grid worker, the liaison teacher and a guardian).\n\nFix: fill every role in the cell's `members` with a different person who serves during the term.",
        explain_zh: "一格三员：每个校外网格要为 `policy.offcampus-roles` 中的每个角色（默认：村网格员、包村教师、家长代表）各配一名不同的在岗人员。\n\n修改方法：在该网格的 `members` 中为每个角色填上不同的、本学期在岗的人员。",
    },
    Rule {
        code: "G203",
        default: Warning,
        title_en: "admin not serving on some school days, with no serving deputy",
        title_zh: "网格员部分上学日不在岗，且无在岗的替岗人",
        explain_en: "On the days an admin is away (training, leave) or after they have left, the cell's `deputy` serves. When neither serves, the cell has no owner on those days: a blind spot in time.\n\nFix: add a `deputy` to the cell who serves on those days, or change the admin.",
        explain_zh: "网格员外出（培训、请假）或调离后，由该网格的替岗人（`deputy`）负责。两人都不在岗时，该网格在这些日子里无人负责，形成时间上的盲区。\n\n修改方法：为该网格指定在这些日子在岗的 `deputy`，或更换网格员。",
    },
    Rule {
        code: "G204",
        default: Warning,
        title_en: "person without a phone",
        title_zh: "人员没有联系电话",
        explain_en: "With `policy.require-phone`, every person needs a `phone`: notices, the escalation chain and `who` print it so anyone can reach the owner of a place at once.\n\nFix: add `phone = \"…\"` to the person.",
        explain_zh: "开启 `policy.require-phone` 时，每个人都要有 `phone`：公示牌、上报链和 `who` 都会列出电话，便于随时联系到负责人。\n\n修改方法：为该人员补上 `phone = \"…\"`。",
    },
    Rule {
        code: "G205",
        default: Warning,
        title_en: "person holds more cells than `max-cells-per-person`",
        title_zh: "一人负责的网格数超过 `max-cells-per-person`",
        explain_en: "A person who holds too many cells cannot watch them all; the plan wants the smallest unit and the fastest reaction.\n\nFix: hand some of the person's cells to others, or raise `policy.max-cells-per-person` if the load is deliberate.",
        explain_zh: "一人负责过多网格就难以兼顾；方案要求“单元最小、反应最快”。\n\n修改方法：把其中一些网格交给其他人，或在确属必要时调高 `policy.max-cells-per-person`。",
    },
    Rule {
        code: "G206",
        default: Warning,
        title_en: "one person in two places at once",
        title_zh: "同一人同一时段须在两处",
        explain_en: "A person is admin of two campus level-4 cells whose slots overlap, and neither cell's spaces contain the other's: in that slot they would have to be in two places. (Roster posts and off-campus members are not counted.)\n\nFix: give one of the cells another admin for that slot, or narrow the cells' `slots`.",
        explain_zh: "同一人担任两个校内四级网格的网格员，两者时段重叠，且一方的场所不包含另一方：在该时段此人须同时出现在两处。（值班岗位和校外网格成员不计。）\n\n修改方法：为其中一个网格在该时段另设网格员，或缩小网格的 `slots`。",
    },
    Rule {
        code: "G207",
        default: Info,
        title_en: "person listed but holding no cell and in no roster",
        title_zh: "人员已登记，但不负责任何网格，也不在任何值班表中",
        explain_en: "Everyone listed in [people] should have a post: a cell (admin, deputy or member) or a place in a roster's pool. A person with neither may have been forgotten after a staff change.\n\nFix: give the person a post, or remove them from [people].",
        explain_zh: "[people] 中的每个人都应有岗：负责某个网格（网格员、替岗人或成员），或在某个值班表的轮值名单中。两者都没有，可能是人事调动后被遗漏了。\n\n修改方法：为此人安排岗位，或从 [people] 中删除。",
    },
    Rule {
        code: "G301",
        default: Error,
        title_en: "blind spot: a (space, slot) with no level-4 owner",
        title_zh: "监管盲区：某场所在某时段没有四级网格负责",
        explain_en: "No blind spots (监管无盲区): every space that contains no other space needs a level-4 cell that lists it (or a space containing it) in every slot it needs (its own `slots`, or all) on the days that slot applies.\n\nFix: add the space and slot to a level-4 cell, or, if the gap is accepted (a storeroom locked at noon), record a [[waivers]] entry with `rule = \"G301\"`, the space, the slot, `until`, `by` and `why`.",
        explain_zh: "监管无盲区：每个不再包含其他场所的场所，在它需要的每个时段（它自己的 `slots`，或全部时段）里，都要有一个列出它（或包含它的场所）的四级网格负责。\n\n修改方法：把该场所和时段加入某个四级网格；若确属可接受的空缺（如仓库午间上锁），在 [[waivers]] 中登记 `rule = \"G301\"`、场所、时段、`until`、`by` 和 `why`。",
    },
    Rule {
        code: "G302",
        default: Warning,
        title_en: "a (space, slot) covered only by a higher level",
        title_zh: "某场所在某时段只有上级网格负责",
        explain_en: "Level 1 to 3 cells answer for a whole area but are not front-line owners; a place watched only from above has nobody on the spot.\n\nFix: add the space and slot to a level-4 cell.",
        explain_zh: "一至三级网格对整片区域负总责，但不是一线负责人；只有上级负责的场所，现场无人。\n\n修改方法：把该场所和时段加入某个四级网格。",
    },
    Rule {
        code: "G303",
        default: Error,
        title_en: "village with students and no off-campus cell",
        title_zh: "有学生居住的村没有校外网格",
        explain_en: "Borrow the grid outside (校外借网): every village or community where students live needs an off-campus cell (`scope = \"off-campus\"`) listing it in `villages`, with its three members.\n\nFix: add a level-4 off-campus cell for the village.",
        explain_zh: "校外借网：每个有学生居住的村（社区）都要有一个 `scope = \"off-campus\"` 的校外网格，在 `villages` 中列出它，并配齐三员。\n\n修改方法：为该村增设一个四级校外网格。",
    },
    Rule {
        code: "G304",
        default: Warning,
        title_en: "waiver expired or suppressing nothing",
        title_zh: "豁免已过期，或没有豁免任何问题",
        explain_en: "A waiver puts an accepted gap on the record until a date. An expired waiver no longer applies (its gap is reported again); a waiver that matches no finding is stale and hides nothing.\n\nFix: renew `until` if the gap is still accepted, or delete the waiver.",
        explain_zh: "豁免把可接受的空缺登记在案，有效期至某日。过期的豁免不再生效（原问题会重新报出）；不匹配任何问题的豁免已失效。\n\n修改方法：若空缺仍可接受，更新 `until`；否则删除该豁免。",
    },
    Rule {
        code: "G401",
        default: Error,
        title_en: "roster: a day in the term needing a person has none in the table",
        title_zh: "值班表：学期内需要值班的某天在表中无人",
        explain_en: "Every day a roster needs someone (its `on`) must have `size` people in its table. A roster without a `file` is filled as `gridctl roster` would fill it, so only days its pool cannot cover are missing.\n\nFix: regenerate the table with `gridctl roster`, or add the missing rows by hand; for a roster without a `file`, add people who serve on those days to its `pool`.",
        explain_zh: "值班表在需要值班的每一天（由 `on` 决定）都要安排 `size` 人。未设 `file` 的值班表按 `gridctl roster` 的排法排，只有轮值名单排不满的日子才会缺人。\n\n修改方法：用 `gridctl roster` 重新生成，或手工补上缺少的行；未设 `file` 的，在 `pool` 中加入那几天在岗的人。",
    },
    Rule {
        code: "G402",
        default: Error,
        title_en: "roster: the person named does not serve that day",
        title_zh: "值班表：所排人员当天不在岗",
        explain_en: "A person on the table is away or has left on the day they are on duty.\n\nFix: swap the day with someone who serves, then run `gridctl check` again.",
        explain_zh: "值班表上的人员在其值班当天外出或已调离。\n\n修改方法：与在岗的人调换这一天，然后再运行 `gridctl check`。",
    },
    Rule {
        code: "G403",
        default: Warning,
        title_en: "roster: uneven load",
        title_zh: "值班表：轮值不均",
        explain_en: "Among the pool, the most and the least assigned differ by more than one turn.\n\nFix: regenerate with `gridctl roster`, or swap turns so the load evens out.",
        explain_zh: "轮值名单中，值班次数最多与最少的人相差超过一次。\n\n修改方法：用 `gridctl roster` 重新生成，或调换班次使负担均衡。",
    },
    Rule {
        code: "A501",
        default: Error,
        title_en: "inspection missed: a duty's period ended with no log row",
        title_zh: "漏检：某项职责的检查周期已过，日志中没有记录",
        explain_en: "Every duty of every cell is due once per period of its `every` (each school day, each week with a school day, each month, …). When a period has ended before --as-of and the inspection log has no row for that cell, duty and period, the inspection was missed. The finding names the person responsible that day (admin, deputy or roster person) and the parent cell's admin it escalates to. The current period is due, not missed.\n\nFix: do the check and log it; if it was done but not written down, add the row to the inspection log with the day it was done.",
        explain_zh: "每个网格的每项职责在其 `every` 的每个周期（每个上学日、每个有上学日的周、每月……）都要检查一次。周期在 --as-of 之前已经结束、而检查日志中没有该网格该职责该周期的记录，即为漏检。结果会写明当天的责任人（网格员、替岗人或值班人）以及上报给的上级网格员。当前周期只算“待检”，不算漏检。\n\n处理：补做检查并记录；若已检查但漏记，请在检查日志中补上当天的记录。",
    },
    Rule {
        code: "A502",
        default: Error,
        title_en: "hazard overdue: not rectified by its due date",
        title_zh: "隐患逾期：未在整改期限内整改",
        explain_en: "A hazard must be rectified by its due date (`due`, or `found` plus the policy deadline for its level: general, serious, major). An open hazard past its due date is overdue; it escalates one level up the grid for each further deadline length, up to level 1.\n\nFix: rectify it and write the date in `rectified`; if the deadline was agreed to move, write the new `due` with a note.",
        explain_zh: "隐患须在整改期限（`due`，或 `found` 加上该等级的规定期限：一般、较大、重大）内整改。超过期限仍未整改即为逾期；每再超过一个期限长度，就沿网格向上升级一级，直至一级网格。\n\n处理：完成整改并填写整改完成日期；若经同意延期，请填写新的整改期限并备注。",
    },
    Rule {
        code: "A503",
        default: Warning,
        title_en: "hazard rectified but not verified in time",
        title_zh: "隐患已整改，但未及时验收",
        explain_en: "Closing the loop (闭环) needs a check by someone else: after `rectified`, the hazard must be verified within `policy.verify-within` (default 3 days).\n\nFix: the verifier inspects the fix and writes `verifier` and `verified` in the ledger.",
        explain_zh: "闭环管理要求整改后由他人验收：填写整改完成日期后，须在 `policy.verify-within`（默认 3 天）内验收。\n\n处理：验收人现场复查后，在台账中填写验收人和验收日期。",
    },
    Rule {
        code: "A504",
        default: Warning,
        title_en: "hazard verified by its own owner",
        title_zh: "隐患由整改责任人自己验收",
        explain_en: "The loop is not closed by the person who did the work: the verifier must differ from the owner.\n\nFix: have another person (usually the parent cell's admin or the safety office) verify it and write their name as `verifier`.",
        explain_zh: "闭环不能由整改人自己完成：验收人必须不同于整改责任人。\n\n处理：请他人（通常是上级网格员或安全办）验收，并把其姓名填为验收人。",
    },
    Rule {
        code: "A505",
        default: Error,
        title_en: "major hazard not reported upward",
        title_zh: "重大隐患未书面上报",
        explain_en: "A major (重大) hazard must be reported in writing to the education authority; the ledger records the date in `reported`.\n\nFix: report it and write the date in `reported`.",
        explain_zh: "重大隐患须书面上报教育主管部门，台账在“上报日期”中记录。\n\n处理：完成上报并填写上报日期。",
    },
    Rule {
        code: "A506",
        default: Warning,
        title_en: "ledger dates out of order",
        title_zh: "台账日期先后颠倒",
        explain_en: "A hazard is found, then rectified, then verified: dates that run backwards (verified before rectified, rectified before found, verified with no rectification) are a recording error.\n\nFix: correct the dates in the ledger row.",
        explain_zh: "隐患应先发现、再整改、后验收：日期倒置（验收早于整改、整改早于发现、未整改却已验收）属于记录错误。\n\n处理：改正该行台账中的日期。",
    },
    Rule {
        code: "A507",
        default: Warning,
        title_en: "inspection found a hazard that is not in the ledger",
        title_zh: "检查发现的隐患未录入台账",
        explain_en: "Every hazard found in an inspection goes into the hazard ledger (隐患排查整改台账) so that it goes round the loop. An inspection row with result `hazard` must name a ledger id that exists.\n\nFix: add the hazard to the ledger, or correct the id in the inspection log.",
        explain_zh: "检查中发现的每个隐患都要录入隐患排查整改台账，才能进入闭环。结果为“隐患”的检查记录必须写明台账中存在的隐患编号。\n\n处理：把该隐患录入台账，或改正检查日志中的编号。",
    },
    Rule {
        code: "A508",
        default: Warning,
        title_en: "log row names an unknown cell, duty, person or space, or has a malformed value",
        title_zh: "日志记录引用了不存在的网格、职责、人员或场所，或取值格式错误",
        explain_en: "Log rows refer to cells, duties, people and spaces by id or by their unique name (duties also by their text), with dates like 2026-09-08, 2026/9/8 or 2026年9月8日. A row that cannot be read is reported with its file and line and skipped; the rest of the file is still read.\n\nFix: correct the row in the log (a name that matches two people must be written as the id).",
        explain_zh: "日志记录通过 id 或唯一名称引用网格、职责、人员和场所（职责也可写内容），日期可写作 2026-09-08、2026/9/8 或 2026年9月8日。无法读取的记录会连同文件名和行号报出并跳过，文件其余部分照常读取。\n\n处理：改正日志中的该行（与两人同名的名字须改写为 id）。",
    },
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    let code = code.trim();
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

pub fn default_severity(code: &str) -> Severity {
    rule(code).map(|r| r.default).unwrap_or(Severity::Error)
}

/// What the rules need besides the grid.
pub struct Context<'a> {
    pub grid: &'a Grid,
    pub cal: &'a Calendar,
    pub cov: &'a Coverage,
    pub rosters: &'a crate::roster::RosterTables,
    pub as_of: NaiveDate,
}

/// Every G1xx–G4xx rule on a loaded grid and its roster tables; waivers and overrides applied.
pub fn check(ctx: &Context, mut findings: Vec<Finding>) -> Vec<Finding> {
    tree::check(ctx, &mut findings);
    staffing::check(ctx, &mut findings);
    coverage::check(ctx, &mut findings);
    rosters::check(ctx, &mut findings);
    finish(ctx.grid, ctx.as_of, findings)
}

/// Apply waivers (reporting G304 for expired or useless ones), then the
/// severity overrides of `[policy.rules]`, then sort.
pub fn finish(grid: &Grid, as_of: NaiveDate, findings: Vec<Finding>) -> Vec<Finding> {
    let mut used = vec![false; grid.waivers.len()];
    // Active waivers by (rule, space): a finding is compared with the few
    // that can match it, not with all of them.
    let mut index: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, w) in grid.waivers.iter().enumerate() {
        if w.in_force(as_of) {
            let space = w.space.map(|s| grid.spaces[s].id.as_str());
            index.entry((w.rule.as_str(), space)).or_default().push(i);
        }
    }
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let mut candidates: Vec<usize> = Vec::new();
        if let Some(v) = index.get(&(f.code, f.subject.space.as_deref())) {
            candidates.extend(v);
        }
        if f.subject.space.is_some()
            && let Some(v) = index.get(&(f.code, None))
        {
            candidates.extend(v);
        }
        candidates.sort_unstable();
        match candidates
            .into_iter()
            .find(|&i| waiver_matches(grid, &grid.waivers[i], &f))
        {
            Some(i) => used[i] = true,
            None => kept.push(f),
        }
    }
    for (i, w) in grid.waivers.iter().enumerate() {
        let msg = match w.until {
            Some(u) if as_of > u => Msg::WaiverExpired {
                rule: w.rule.clone(),
                until: u.to_string(),
            },
            // An unresolved waiver is already a G102.
            _ if w.unresolved => continue,
            _ if !used[i] => Msg::WaiverUnused {
                rule: w.rule.clone(),
            },
            _ => continue,
        };
        kept.push(Finding::new("G304", msg).at_span(&grid.source, &w.span));
    }
    finish_codes(grid, kept)
}

/// The G301 waiver in force on `as_of` that accepts the blind spot at
/// (space, slot), matched exactly as `finish` matches waivers to the G301
/// finding (which names only the space and the slot).
pub fn gap_waiver(
    grid: &Grid,
    space: usize,
    slot: usize,
    as_of: NaiveDate,
) -> Option<&crate::model::Waiver> {
    grid.waivers.iter().find(|w| {
        w.rule == "G301"
            && w.in_force(as_of)
            && w.space.is_none_or(|s| s == space)
            && w.slot.is_none_or(|s| s == slot)
            && w.cell.is_none()
            && w.person.is_none()
            && w.village.is_none()
    })
}

/// Severity overrides of `[policy.rules]` for findings that take no waivers
/// (the audit's), then sort.
pub fn finish_codes(grid: &Grid, findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| match grid.policy.rules.get(f.code) {
            Some((None, _)) => None,
            Some((Some(sev), _)) => {
                f.severity = *sev;
                Some(f)
            }
            None => Some(f),
        })
        .collect();
    crate::findings::sort(&mut out);
    out
}

fn waiver_matches(grid: &Grid, w: &crate::model::Waiver, f: &Finding) -> bool {
    if !w.rule.eq_ignore_ascii_case(f.code) {
        return false;
    }
    let s = &f.subject;
    same(w.space.map(|i| grid.spaces[i].id.as_str()), &s.space)
        && same(w.slot.map(|i| grid.slots[i].id.as_str()), &s.slot)
        && same(w.cell.map(|i| grid.cells[i].id.as_str()), &s.cell)
        && same(w.person.map(|i| grid.people[i].id.as_str()), &s.person)
        && same(w.village.map(|i| grid.villages[i].id.as_str()), &s.village)
}

/// A waiver field matches when it is absent or names the finding's subject.
fn same(want: Option<&str>, got: &Option<String>) -> bool {
    want.is_none_or(|w| got.as_deref() == Some(w))
}
