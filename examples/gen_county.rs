//! A county of synthetic schools, for `benches/county.sh`.
//!
//! ```text
//! cargo run --release --example gen_county -- --schools N --out DIR [--weeks W] [--seed S]
//! cargo run --release --example gen_county -- --bare-pass DIR [--runs R] [--threads N]
//! ```
//!
//! The first form writes `DIR/school-0001/` … `DIR/school-NNNN/`, each a
//! school folder built like `grids/example-town-primary`: the same four-level
//! tree, roles and slots, but its own name, 6–24 classes over six grades,
//! 2–6 villages (plus the town community, 一格三员 each), its own people
//! (Chinese names, pinyin ids, phones), now and then a class teacher away
//! for training or leaving mid-term with a serving deputy. Beside
//! `grid.toml`:
//!
//! - `duty/weekly-duty.csv`, `duty/holiday-duty.csv`: the roster tables, made
//!   by the library's own roster generation (`gridctl::roster::generate`)
//!   and written as `gridctl roster` writes them (UTF-8 BOM, CRLF);
//! - `logs/inspections.csv`: one row per duty per period of its `every`,
//!   for every cell, from the term's start to the Saturday of week `W` or
//!   the term's end (default 21 weeks: the whole term, 2026-09-01 to
//!   2027-01-22; the summary line gives the `--as-of` that audits all of
//!   it), by the person on duty that day, with a few periods left
//!   out (missed) and a few rows naming a hazard of the ledger. As in the
//!   example log, rows mostly use ids, sometimes a cell's or person's name
//!   or a duty's text, and now and then a note. One school in five keeps
//!   its log the Excel way: BOM, CRLF, Chinese headers, `2026/9/8`, `正常`.
//! - `logs/hazards.csv`: a ledger of 18–22 hazards and incidents, most
//!   rectified and verified in time, a few still open, now and then one
//!   overdue, unverified or self-verified.
//!
//! Every school is loaded back, checked with the library's rules and must
//! have no error (the run stops otherwise). Deterministic: the same
//! arguments give the same bytes, whatever the number of threads.
//!
//! `--bare-pass DIR` is the yardstick for `audit`: it reads every
//! `DIR/*/logs/inspections.csv` with the `csv` crate alone (every record
//! into one reused `ByteRecord`, nothing else), once on one thread and once
//! on every core (files shared out as `audit` shares out schools), best of
//! `R` runs (default 3), and prints the bytes, records and seconds. With
//! `--threads N`, only on N threads (`--threads 1 --runs 1` under
//! callgrind counts the instructions of one bare pass).
//!
//! `plan_inspections` and `LogWriter` are also used by
//! `benches/audit_throughput.rs`.

// Also compiled into benches/audit_throughput.rs, which uses only a part.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use gridctl::calendar::{self, Calendar};
use gridctl::cmd::School;
use gridctl::findings::Severity;
use gridctl::model::{Admin, Every, Grid, Scope};

// ---------------------------------------------------------------------------
// A small deterministic random source (SplitMix64).
// ---------------------------------------------------------------------------

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        (self.next_u64() % 1000) < u64::from(per_mille)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

// ---------------------------------------------------------------------------
// Inspection logs (shared with benches/audit_throughput.rs)
// ---------------------------------------------------------------------------

/// One inspection the school should log: a (cell, duty) pair's period, on
/// the date it was done, by whom.
#[derive(Clone, Debug)]
pub struct Planned {
    pub date: NaiveDate,
    pub cell: usize,
    /// Index into the cell's `all_duties`.
    pub duty: usize,
    pub person: Option<usize>,
    /// Whether the period ends before `log_end` (a row left out is then
    /// missed, not due).
    pub closed: bool,
}

/// The candidate dates of each period of `every` from the term's start to
/// `log_end`, as `audit` groups days into periods (SPEC §5), and each
/// period's last day in the term.
fn periods(cal: &Calendar, every: Every, log_end: NaiveDate) -> Vec<(Vec<NaiveDate>, NaiveDate)> {
    let days: Vec<NaiveDate> = cal.days().collect();
    let mut out: Vec<(Vec<NaiveDate>, NaiveDate)> = Vec::new();
    let mut key_of_last = None;
    for &d in &days {
        let school = cal.is_school_day(d);
        let key: Option<(i32, u32)> = match every {
            Every::SchoolDay => school.then_some((d.num_days_from_ce(), 0)),
            Every::Day => Some((d.num_days_from_ce(), 0)),
            Every::NonSchool => (!school).then_some((d.num_days_from_ce(), 0)),
            Every::Week => Some((calendar::week_start(d).num_days_from_ce(), 1)),
            Every::Month => Some((d.year(), d.month())),
            Every::Term => Some((0, 0)),
        };
        let Some(key) = key else { continue };
        if key_of_last != Some(key) {
            out.push((Vec::new(), d));
            key_of_last = Some(key);
        }
        let last = out.last_mut().expect("pushed");
        last.1 = d;
        if d <= log_end {
            last.0.push(d);
        }
    }
    out.retain(|(cands, _)| !cands.is_empty());
    if every == Every::Week {
        // A week with no school day is no period of a weekly duty.
        out.retain(|(_, end)| {
            let start = calendar::week_start(*end).max(cal.start);
            (0..7)
                .map(|i| calendar::add_days(start, i))
                .take_while(|d| d <= end)
                .any(|d| cal.is_school_day(d))
        });
    }
    out
}

/// For an off-campus cell, the member who does each of its duties (the
/// member whose role template it comes from); `None` for the others.
fn duty_members(g: &Grid, ci: usize) -> Vec<Option<usize>> {
    let c = &g.cells[ci];
    let mut out = Vec::new();
    if let Some(r) = c.role {
        out.extend(g.roles[r].duties.iter().map(|_| None));
    }
    out.extend(c.duties.iter().map(|_| None));
    for m in &c.members {
        if let Some(&r) = g.index.roles.get(&m.role)
            && Some(r) != c.role
        {
            out.extend(g.roles[r].duties.iter().map(|_| Some(m.person)));
        }
    }
    out
}

/// Every inspection of every cell's duties, one per period, from the term's
/// start to `log_end`, sorted by date then cell, as a school's log runs.
/// Campus duties are done on school days when their period has one.
pub fn plan_inspections(school: &School, log_end: NaiveDate, rng: &mut Rng) -> Vec<Planned> {
    let g = &school.grid;
    let cal = &school.cal;
    let mut by_every: HashMap<Every, Vec<(Vec<NaiveDate>, NaiveDate)>> = HashMap::new();
    let mut out = Vec::new();
    for (ci, c) in g.cells.iter().enumerate() {
        let offcampus = c.scope == Scope::OffCampus;
        let members = duty_members(g, ci);
        for (di, duty) in c.all_duties(g).enumerate() {
            let ps = by_every
                .entry(duty.every)
                .or_insert_with(|| periods(cal, duty.every, log_end));
            for (cands, end) in ps.iter() {
                let school_days: Vec<NaiveDate> = cands
                    .iter()
                    .copied()
                    .filter(|d| cal.is_school_day(*d))
                    .collect();
                let pool = if offcampus || school_days.is_empty() {
                    cands.as_slice()
                } else {
                    school_days.as_slice()
                };
                let pool = if duty.every == Every::Term {
                    &pool[..pool.len().min(10)]
                } else {
                    pool
                };
                let d = *rng.pick(pool);
                let person = members.get(di).copied().flatten().or_else(|| {
                    let staff = school.staff(ci, d);
                    staff.people().first().copied().or(match c.admin {
                        Some(Admin::Person(p)) => Some(p),
                        _ => None,
                    })
                });
                out.push(Planned {
                    date: d,
                    cell: ci,
                    duty: di,
                    person,
                    closed: *end < log_end,
                });
            }
        }
    }
    out.sort_by_key(|p| (p.date, p.cell));
    out
}

/// What an inspection found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Hazard,
    NotApplicable,
}

const NOTES: &[(&str, &[&str])] = &[
    (
        "morning-check",
        &[
            "全勤，零报告",
            "缺勤1人（病假），已联系家长",
            "1人发热，家长已接回",
        ],
    ),
    ("noon-check", &["全勤，零报告", "1人午间未到校，已联系家长"]),
    ("attendance", &["缺勤学生已电话联系家长", "全勤"]),
    (
        "illness-followup",
        &["1人感冒请假，已登记", "病假学生已复课"],
    ),
    (
        "classroom-check",
        &["门窗完好", "电路正常", "1张课桌松动，已自行加固"],
    ),
    (
        "safety-lesson",
        &[
            "防溺水主题班会",
            "交通安全教育",
            "防火、用电安全",
            "防诈骗教育",
        ],
    ),
    ("room-check", &["门窗完好", "灯具、线路正常", "仪器完好"]),
    ("room-lockup", &["已断电锁门"]),
    (
        "gate-visitors",
        &["来访2人已登记", "外来车辆1辆已登记", "快递员未入校"],
    ),
    ("security-patrol", &["未见异常", "放学后清校完毕"]),
    ("duty-recess", &["楼梯口秩序良好", "提醒学生不在走廊追跑"]),
    ("duty-waters", &["未见学生逗留水边"]),
    ("holiday-patrol", &["门窗、水电正常", "未见异常"]),
    ("holiday-log", &["已交接班"]),
    ("food-sample", &["留样48小时，已登记"]),
    (
        "village-waters",
        &["未见学生在水边", "警示牌完好", "午间、傍晚各巡查一次"],
    ),
    ("village-surroundings", &["周边商铺正常", "网吧未见学生"]),
    ("fire-check", &["灭火器压力正常，疏散通道畅通"]),
    ("pe-equipment", &["篮球架、单双杠完好"]),
    ("home-visit", &["已发放致家长一封信，回执收回"]),
];

const HEAD_EN: [&str; 7] = [
    "date",
    "cell",
    "duty",
    "inspector",
    "result",
    "hazard",
    "note",
];
const HEAD_ZH: [&str; 7] = [
    "日期",
    "网格",
    "检查项目",
    "检查人",
    "结果",
    "隐患编号",
    "备注",
];

/// Names that may stand in for ids: only the unique ones.
fn unique_names<'g>(names: impl Iterator<Item = &'g str>) -> Vec<Option<&'g str>> {
    let names: Vec<&str> = names.collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for n in &names {
        *count.entry(n).or_default() += 1;
    }
    names
        .into_iter()
        .map(|n| (count[n] == 1).then_some(n))
        .collect()
}

/// Writes inspection rows the way people type them into a shared sheet.
pub struct LogWriter<'g> {
    g: &'g Grid,
    cell_names: Vec<Option<&'g str>>,
    person_names: Vec<Option<&'g str>>,
    /// Duty texts, per cell, in `all_duties` order: (id, text).
    duties: Vec<Vec<(&'g str, &'g str)>>,
    notes: HashMap<&'static str, &'static [&'static str]>,
    excel: bool,
    date: String,
}

impl<'g> LogWriter<'g> {
    /// `excel`: the log as Excel keeps it: Chinese headers, `2026/9/8`,
    /// `正常`, CRLF (the caller writes the BOM).
    pub fn new(g: &'g Grid, excel: bool) -> LogWriter<'g> {
        LogWriter {
            g,
            cell_names: unique_names(g.cells.iter().map(|c| c.name.as_str())),
            person_names: unique_names(g.people.iter().map(|p| p.name.as_str())),
            duties: g
                .cells
                .iter()
                .map(|c| {
                    c.all_duties(g)
                        .map(|d| (d.id.as_str(), d.text.as_str()))
                        .collect()
                })
                .collect(),
            notes: NOTES.iter().copied().collect(),
            excel,
            date: String::new(),
        }
    }

    pub fn csv_writer<W: Write>(&self, w: W) -> csv::Writer<W> {
        csv::WriterBuilder::new()
            .terminator(if self.excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .buffer_capacity(256 * 1024)
            .from_writer(w)
    }

    pub fn header<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(if self.excel { &HEAD_ZH } else { &HEAD_EN })
    }

    /// One row: mostly ids; now and then (by `rng`) a name or the duty's
    /// text, and a note.
    pub fn row<W: Write>(
        &mut self,
        w: &mut csv::Writer<W>,
        p: &Planned,
        outcome: Outcome,
        hazard: &str,
        rng: &mut Rng,
    ) -> csv::Result<()> {
        let g = self.g;
        self.date.clear();
        if self.excel {
            let _ = write!(
                self.date,
                "{}/{}/{}",
                p.date.year(),
                p.date.month(),
                p.date.day()
            );
        } else {
            let _ = write!(self.date, "{}", p.date.format("%Y-%m-%d"));
        }
        let cell = match self.cell_names[p.cell] {
            Some(name) if rng.chance(100) => name,
            _ => g.cells[p.cell].id.as_str(),
        };
        let (duty_id, duty_text) = self.duties[p.cell][p.duty];
        let duty = if rng.chance(80) { duty_text } else { duty_id };
        let inspector = match p.person {
            Some(q) => match self.person_names[q] {
                Some(name) if rng.chance(150) => name,
                _ => g.people[q].id.as_str(),
            },
            None => "",
        };
        let result = match (outcome, self.excel) {
            (Outcome::Ok, false) => "ok",
            (Outcome::Ok, true) => "正常",
            (Outcome::Hazard, false) => "hazard",
            (Outcome::Hazard, true) => "隐患",
            (Outcome::NotApplicable, false) => "n/a",
            (Outcome::NotApplicable, true) => "不适用",
        };
        let note = match self.notes.get(duty_id) {
            Some(opts) if outcome == Outcome::Ok && rng.chance(120) => *rng.pick(opts),
            _ => "",
        };
        w.write_record([
            self.date.as_str(),
            cell,
            duty,
            inspector,
            result,
            hazard,
            note,
        ])
    }
}

// ---------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------

const SURNAMES: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("田", "tian"),
    ("董", "dong"),
    ("潘", "pan"),
    ("蒋", "jiang"),
    ("蔡", "cai"),
    ("余", "yu"),
    ("杜", "du"),
    ("叶", "ye"),
    ("程", "cheng"),
    ("苏", "su"),
    ("魏", "wei"),
    ("吕", "lv"),
    ("丁", "ding"),
    ("沈", "shen"),
    ("姜", "jiang"),
    ("崔", "cui"),
    ("钱", "qian"),
];
const GIVEN: &[(&str, &str)] = &[
    ("静", "jing"),
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀英", "xiuying"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂英", "guiying"),
    ("华", "hua"),
    ("玉兰", "yulan"),
    ("丽", "li"),
    ("红", "hong"),
    ("建华", "jianhua"),
    ("文", "wen"),
    ("辉", "hui"),
    ("鹏", "peng"),
    ("宇", "yu"),
    ("慧", "hui"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("梅", "mei"),
    ("燕", "yan"),
    ("帆", "fan"),
    ("怡", "yi"),
    ("佳", "jia"),
    ("浩", "hao"),
    ("博", "bo"),
    ("琳", "lin"),
    ("海", "hai"),
    ("峰", "feng"),
    ("兰", "lan"),
    ("东", "dong"),
    ("凯", "kai"),
];
const TOWNS: &[&str] = &[
    "东岭", "西河", "南山", "北坪", "青石", "白沙", "桃源", "柳河", "杨庄", "李集", "马坡", "黄岗",
    "龙潭", "凤凰", "金沙", "石门", "清水", "长乐", "永安", "太平", "新丰", "大桥", "三河", "双龙",
    "梅花", "松林", "枫林", "云台", "高桥", "横山", "花园", "官庄", "土桥", "河口", "沙河", "安平",
    "兴隆", "万寿", "白马", "黄土",
];
const VILLAGES: &[(&str, &str)] = &[
    ("东村", "dongcun"),
    ("西村", "xicun"),
    ("南湾村", "nanwan"),
    ("北岭村", "beiling"),
    ("石桥村", "shiqiao"),
    ("新庄村", "xinzhuang"),
    ("河口村", "hekou"),
    ("柳林村", "liulin"),
    ("枣园村", "zaoyuan"),
    ("双塘村", "shuangtang"),
    ("高坡村", "gaopo"),
    ("龙泉村", "longquan"),
    ("张湾村", "zhangwan"),
    ("王庄村", "wangzhuang"),
    ("桥头村", "qiaotou"),
    ("竹园村", "zhuyuan"),
];
const WATERS: &[(&str, &str)] = &[
    ("山塘", "pond"),
    ("灌溉渠", "canal"),
    ("河", "river"),
    ("水库", "reservoir"),
    ("鱼塘", "fishpond"),
];
const GRADES: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// 1..=99 in Chinese numerals.
fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n].into(),
        10..=19 => format!("十{}", D[n % 10]),
        _ => format!("{}十{}", D[n / 10 % 10], D[n % 10]),
    }
}

#[derive(Default)]
struct Person {
    id: String,
    name: String,
    phone: String,
    roles: Vec<&'static str>,
    org: Option<String>,
    away: Option<(NaiveDate, NaiveDate, &'static str)>,
    left: Option<NaiveDate>,
    note: String,
}

/// People with unique names and ids.
struct People {
    list: Vec<Person>,
    names: HashSet<String>,
    ids: HashSet<String>,
    phone_base: u64,
}

impl People {
    fn add(&mut self, rng: &mut Rng, roles: &[&'static str], note: &str) -> usize {
        let (name, id) = loop {
            let (s, sp) = *rng.pick(SURNAMES);
            let (g, gp) = *rng.pick(GIVEN);
            let name = format!("{s}{g}");
            if self.names.contains(&name) {
                continue;
            }
            let mut id = format!("{sp}-{gp}");
            let mut k = 2;
            while self.ids.contains(&id) {
                id = format!("{sp}-{gp}-{k}");
                k += 1;
            }
            break (name, id);
        };
        self.names.insert(name.clone());
        self.ids.insert(id.clone());
        let phone = format!("139{:08}", self.phone_base + self.list.len() as u64 + 1);
        self.list.push(Person {
            id,
            name,
            phone,
            roles: roles.to_vec(),
            note: note.to_string(),
            ..Person::default()
        });
        self.list.len() - 1
    }
}

struct Village {
    id: String,
    name: String,
    students: u32,
    /// The water the village cell owns (its pond or river), or the town
    /// community's `surroundings`.
    water: Option<(String, String)>,
    grid_worker: usize,
    liaison: usize,
    guardian: usize,
}

/// The roles block, as in the example school.
const ROLES: &str = r#"
# ---------------------------------------------------------------------------
# 清单式: roles are duty templates; a cell gets its role's duties plus its own.
# ---------------------------------------------------------------------------
[roles.secretary]
name = "党支部书记（一级网格员）"
duties = [
  { id = "school-safety-meeting", text = "主持学校安全工作领导小组会议，研究部署安全工作", every = "month" },
  { id = "school-full-check", text = "带队开展学期安全大检查，重大隐患书面上报教育主管部门", every = "term" },
]

[roles.leader]
name = "分管领导（二级网格员）"
duties = [
  { id = "leader-patrol", text = "责任时空内安全巡查，对各工作环节全程安全监控", every = "week" },
  { id = "leader-meeting", text = "参加安全保卫会议，转达、发放、上报、收集安全文件和材料", every = "month" },
]

[roles.office-director]
name = "处室主任（三级网格员）"
duties = [
  { id = "office-check", text = "本处室分管范围安全检查，在安全平台反馈", every = "week" },
  { id = "office-report", text = "收集、上报本处室安全信息，反馈工作成效", every = "month" },
]

[roles.grade-director]
name = "年级组长（三级网格员）"
duties = [
  { id = "grade-relay", text = "安全工作上传下达，及时收集本年级安全信息", every = "week" },
  { id = "grade-summary", text = "汇总本年级晨午检、考勤和因病缺课情况并上报", every = "week" },
]

[roles.class-teacher]
name = "班主任"
duties = [
  { id = "morning-check", text = "晨检：出勤与健康，8:20前上报（无缺勤零报告）", every = "schoolday" },
  { id = "noon-check", text = "午检：午间到校与健康情况，14:00前上报", every = "schoolday" },
  { id = "attendance", text = "考勤：缺勤学生当天联系家长，查明原因", every = "schoolday" },
  { id = "illness-followup", text = "因病缺课登记、上报与追踪，直至复课", every = "schoolday" },
  { id = "class-activities", text = "课间、升旗、大扫除、少先队活动及集体活动的学生安全", every = "schoolday" },
  { id = "safety-lesson", text = "安全教育：交通、防火、防溺水、防触电、防诈骗", every = "week" },
  { id = "classroom-check", text = "教室门窗、电路、桌椅安全自查", every = "week" },
  { id = "home-contact", text = "家校联系：学生及家庭信息精准摸排、更新，精准推送安全提示", every = "month" },
]

[roles.subject-teacher]
name = "科任教师"
duties = [
  { id = "lesson-safety", text = "科任课期间学生安全：课前清点人数，课堂安全提醒", every = "schoolday" },
  { id = "lesson-absence", text = "课堂缺勤或学生异常即时告知班主任", every = "schoolday" },
]

[roles.weekly-duty]
name = "值周教师"
duties = [
  { id = "duty-recess", text = "课间、大课间巡查：楼梯走廊防拥挤踩踏", every = "schoolday" },
  { id = "duty-noon", text = "午餐、午休秩序巡查", every = "schoolday" },
  { id = "duty-waters", text = "周边水域防溺水巡查", every = "schoolday" },
  { id = "duty-bus", text = "上下学路队及乘车安全", every = "schoolday" },
  { id = "duty-log", text = "填写值周记录，周五值周总结", every = "week" },
]

[roles.holiday-duty]
name = "值班教师"
duties = [
  { id = "holiday-patrol", text = "值班巡查：门窗、水电、校园财产安全", every = "non-school" },
  { id = "holiday-log", text = "填写值班记录、交接班，异常情况及时报告值班领导", every = "non-school" },
]

[roles.pe-teacher]
name = "体育教师"
duties = [
  { id = "pe-lesson", text = "体育课、课间操安全：场地检查、课前热身", every = "schoolday" },
  { id = "pe-equipment", text = "体育设施设备检查维护（篮球架、单双杠、跑道）", every = "week" },
  { id = "pe-events", text = "运动会等大型活动安全预案与演练", every = "term" },
]

[roles.room-keeper]
name = "专用教室负责人"
duties = [
  { id = "room-lockup", text = "离室关窗锁门、断电，防盗", every = "schoolday" },
  { id = "room-check", text = "桌椅、门窗、仪器、教具、电灯、电路等设施安全检查维护", every = "week" },
  { id = "room-inventory", text = "室内物品登记清点", every = "month" },
]

[roles.security]
name = "安保人员"
duties = [
  { id = "gate-visitors", text = "来客询问、核验、登记；外来车辆指挥与停放", every = "schoolday" },
  { id = "gate-dismissal", text = "上放学期间学生离校管理，下午放学交通疏导", every = "schoolday" },
  { id = "security-patrol", text = "校园巡查，处置学生在校期间偶发纠纷", every = "day" },
  { id = "security-gear", text = "一键报警、监控和防护器材检查", every = "week" },
]

[roles.canteen-keeper]
name = "食堂管理员"
duties = [
  { id = "food-sample", text = "食品进货查验与留样", every = "schoolday" },
  { id = "canteen-order", text = "就餐秩序与地面防滑", every = "schoolday" },
  { id = "canteen-gas", text = "燃气、消毒设备安全检查", every = "week" },
]

# 一格三员: the three off-campus roles (see policy.offcampus-roles)
[roles.grid-worker]
name = "村网格员"
duties = [
  { id = "village-waters", text = "巡查辖区危险水域（午间、傍晚），检查警示牌和救生设施", every = "day" },
  { id = "village-surroundings", text = "巡查上学路段和校园周边（商铺、网吧、流动摊贩）", every = "week" },
  { id = "village-report", text = "发现隐患或学生异常情况即时告知学校", every = "week" },
]

[roles.liaison-teacher]
name = "包村教师"
duties = [
  { id = "home-visit", text = "家访，发放致家长一封信并收回回执", every = "month" },
  { id = "special-ledger", text = "更新特殊学生台账（只记人数与标记，不公开姓名）", every = "month" },
  { id = "absence-notify", text = "学生异常缺勤告知家长和村网格员", every = "week" },
]

[roles.guardian]
name = "家长代表"
duties = [
  { id = "guardian-road", text = "上下学路段接送与交通安全监督", every = "week" },
  { id = "guardian-feedback", text = "收集家长意见，反馈学生校外安全情况", every = "month" },
]
"#;

const SLOTS: &str = r#"
[slots.arrival]
name = "上学"
time = "07:30-08:10"
[slots.morning-check]
name = "晨检"
time = "08:10-08:20"
[slots.lesson-1]
name = "上课（上午第1—2节）"
time = "08:20-09:50"
[slots.recess]
name = "大课间"
time = "09:50-10:20"
[slots.lesson-2]
name = "上课（上午第3—4节）"
time = "10:20-11:50"
[slots.lunch]
name = "午餐"
time = "11:50-12:30"
[slots.noon]
name = "午休"
time = "12:30-13:50"
[slots.noon-check]
name = "午检"
time = "13:50-14:00"
[slots.lesson-3]
name = "上课（下午第5—7节）"
time = "14:00-16:20"
[slots.dismissal]
name = "放学"
time = "16:20-16:50"
[slots.after-school]
name = "放学后清校巡查"
time = "16:50-18:00"
[slots.holiday]
name = "节假日"
time = "00:00-24:00"
on = "non-school"
"#;

const CLASS_SLOTS: &str = r#"["arrival", "morning-check", "lesson-1", "recess", "lesson-2", "lunch", "noon", "noon-check", "lesson-3", "dismissal"]"#;

/// A school's grid.toml; `i` counts from 1.
fn grid_toml(i: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let classes = 6 + rng.below(19);
    let rural = 2 + rng.below(5);
    let town = TOWNS[(i - 1) % TOWNS.len()];
    let nth = (i - 1) / TOWNS.len() + 1;
    let school_name = if nth == 1 {
        format!("{town}镇中心小学")
    } else {
        format!("{town}镇第{}小学", chinese_number(nth))
    };
    let mut people = People {
        list: Vec::new(),
        names: HashSet::new(),
        ids: HashSet::new(),
        phone_base: (i as u64 % 1000) * 10_000,
    };
    let p = &mut people;
    let secretary = p.add(&mut rng, &["secretary"], "党支部书记、校长");
    let leaders: Vec<usize> = [
        "副校长，分管教学",
        "副校长，分管安全、后勤",
        "分管德育",
        "值班领导",
    ]
    .iter()
    .map(|n| p.add(&mut rng, &["leader"], n))
    .collect();
    let academic = p.add(&mut rng, &["office-director"], "教务处主任");
    let safety_dir = p.add(&mut rng, &["office-director"], "安全办主任");
    let affairs = p.add(&mut rng, &["office-director"], "总务处主任");
    let moral_dir = p.add(&mut rng, &["office-director"], "德育处主任");
    let office_dir = p.add(&mut rng, &["office-director", "holiday-duty"], "办公室主任");
    let offcampus_dir = p.add(&mut rng, &["office-director"], "德育处副主任，校外网格联络");

    // Classes over six grades: the first grades get the extra classes.
    let per_grade: Vec<usize> = (0..6)
        .map(|g| classes / 6 + usize::from(g < classes % 6))
        .collect();
    let mut class_list: Vec<(usize, usize, usize)> = Vec::new(); // (grade, k, teacher)
    for (g, &n) in per_grade.iter().enumerate() {
        for k in 1..=n {
            let roles: &[&str] = if k == 1 {
                &["class-teacher", "grade-director"]
            } else {
                &["class-teacher"]
            };
            let t = p.add(&mut rng, roles, "");
            class_list.push((g + 1, k, t));
        }
    }
    let subject_a = p.add(&mut rng, &["subject-teacher"], "英语（一至三年级）");
    let subject_b = p.add(&mut rng, &["subject-teacher"], "英语（四至六年级）");
    let duty_teachers: Vec<usize> = (0..4)
        .map(|k| {
            let roles: &[&str] = if k == 3 {
                &["weekly-duty", "holiday-duty"]
            } else {
                &["weekly-duty"]
            };
            p.add(&mut rng, roles, "")
        })
        .collect();
    let pe = [
        p.add(&mut rng, &["pe-teacher"], ""),
        p.add(&mut rng, &["pe-teacher"], ""),
    ];
    let computer = p.add(&mut rng, &["room-keeper", "holiday-duty"], "信息技术");
    let science = p.add(&mut rng, &["room-keeper"], "科学");
    let library = p.add(&mut rng, &["room-keeper", "holiday-duty"], "图书管理员");
    let music = p.add(&mut rng, &["room-keeper", "weekly-duty"], "音乐");
    let clinic = p.add(&mut rng, &["room-keeper"], "校医");
    let storeroom = p.add(&mut rng, &["room-keeper", "holiday-duty"], "总务处保管员");
    let canteen = p.add(&mut rng, &["canteen-keeper"], "");
    let security: Vec<usize> = ["", "", "替班保安"]
        .iter()
        .map(|n| p.add(&mut rng, &["security"], n))
        .collect();
    for &s in &security {
        p.list[s].org = Some("县平安保安服务公司".into());
    }

    // One class teacher away for training (with the building's subject
    // teacher as deputy), in a grade with a second class so the grade
    // director stays; another leaving mid-term, in some schools.
    let mut away_class = None;
    let mut left_class = None;
    let spare: Vec<usize> = (0..class_list.len())
        .filter(|&c| class_list[c].1 > 1)
        .collect();
    if !spare.is_empty() && rng.chance(600) {
        let c = spare[rng.below(spare.len())];
        away_class = Some(c);
        let t = class_list[c].2;
        p.list[t].away = Some((date(2026, 11, 2), date(2026, 11, 20), "培训"));
        p.list[t].roles.push("weekly-duty");
        p.list[t].note = "县级骨干教师培训".into();
    }
    if spare.len() > 1 && rng.chance(300) {
        let c = *spare
            .iter()
            .find(|&&c| Some(c) != away_class)
            .expect("two spare classes");
        left_class = Some(c);
        let t = class_list[c].2;
        p.list[t].left = Some(date(2026, 12, 14));
        p.list[t].note = "人事调动".into();
    }

    // Villages: 2–6 rural ones, each with its water, and the town community.
    let mut vnames: Vec<usize> = (0..VILLAGES.len()).collect();
    for k in (1..vnames.len()).rev() {
        vnames.swap(k, rng.below(k + 1));
    }
    let liaisons: Vec<usize> = (0..class_list.len())
        .filter(|&c| Some(c) != away_class && Some(c) != left_class)
        .map(|c| class_list[c].2)
        .collect();
    let mut villages = Vec::new();
    for (k, &v) in vnames.iter().take(rural).enumerate() {
        let (name, id) = VILLAGES[v];
        let (wname, wid) = *rng.pick(WATERS);
        let stem = name.trim_end_matches('村');
        let worker = p.add(&mut rng, &["grid-worker"], "");
        p.list[worker].org = Some(format!("{name}村委"));
        let guardian = p.add(&mut rng, &["guardian"], "");
        p.list[guardian].org = Some(format!("{name}家长代表"));
        let liaison = liaisons[(2 * k + 1) % liaisons.len()];
        villages.push(Village {
            id: id.to_string(),
            name: name.to_string(),
            students: 30 + rng.below(120) as u32,
            water: Some((format!("{wid}-{id}"), format!("{stem}{wname}"))),
            grid_worker: worker,
            liaison,
            guardian,
        });
    }
    let worker = p.add(&mut rng, &["grid-worker"], "");
    p.list[worker].org = Some("镇区社区居委会".into());
    let guardian = p.add(&mut rng, &["guardian"], "");
    p.list[guardian].org = Some("镇区社区家长代表".into());
    villages.push(Village {
        id: "zhenqu".into(),
        name: "镇区社区".into(),
        students: 100 + rng.below(250) as u32,
        water: None,
        grid_worker: worker,
        liaison: duty_teachers[2],
        guardian,
    });
    for v in &villages {
        let l = &mut p.list[v.liaison];
        if !l.roles.contains(&"liaison-teacher") {
            l.roles.push("liaison-teacher");
        }
    }

    let id = |q: usize| people.list[q].id.as_str();
    let mut t = String::with_capacity(32 * 1024);
    let w = &mut t;
    let _ = writeln!(
        w,
        "# {school_name} · 校园安全网格化管理（gen_county 生成，第 {i} 所）\n\
         # Built like grids/example-town-primary; `gridctl check` reports no errors.\n\n\
         format = 1\n\n\
         [school]\n\
         name = \"{school_name}\"\n\
         term = {{ start = 2026-09-01, end = 2027-01-22 }}\n\n\
         [calendar]\n\
         weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         holidays = [\n  \
           {{ from = 2026-10-01, to = 2026-10-08, name = \"国庆节、中秋节\" }},\n  \
           {{ from = 2027-01-01, to = 2027-01-03, name = \"元旦\" }},\n\
         ]\n\
         workdays = [2026-09-27, 2026-10-10]"
    );
    w.push_str(SLOTS);

    // Spaces.
    w.push_str("\n[spaces.campus]\nname = \"校园\"\n");
    for (b, bname, grades) in [("a", "教学楼A", 1..=3), ("b", "教学楼B", 4..=6)] {
        let _ = writeln!(
            w,
            "[spaces.bldg-{b}]\nname = \"{bname}\"\nwithin = \"campus\""
        );
        for &(g, k, _) in class_list.iter().filter(|c| grades.contains(&c.0)) {
            let _ = writeln!(
                w,
                "[spaces.room-{g}-{k}]\nname = \"{}({k})班教室\"\nwithin = \"bldg-{b}\"",
                GRADES[g - 1]
            );
        }
        let _ = writeln!(
            w,
            "[spaces.stairs-{b}]\nname = \"{bname}楼梯走廊\"\nwithin = \"bldg-{b}\"\n\
             [spaces.toilet-{b}]\nname = \"{bname}厕所\"\nwithin = \"bldg-{b}\""
        );
    }
    w.push_str("[spaces.bldg-c]\nname = \"综合楼\"\nwithin = \"campus\"\n");
    for (sid, sname) in [
        ("computer-lab", "计算机教室"),
        ("science-lab", "科学实验室"),
        ("library", "图书室"),
        ("music-room", "音乐教室"),
        ("clinic", "卫生室"),
        ("storeroom", "器材仓库"),
    ] {
        let _ = writeln!(w, "[spaces.{sid}]\nname = \"{sname}\"\nwithin = \"bldg-c\"");
    }
    w.push_str(
        "[spaces.canteen]\nname = \"食堂\"\nwithin = \"campus\"\nslots = [\"lunch\", \"holiday\"]\n\
         [spaces.playground]\nname = \"操场\"\nwithin = \"campus\"\n\
         [spaces.gate]\nname = \"校门\"\nwithin = \"campus\"\n\
         [spaces.surroundings]\nname = \"校园周边\"\nslots = [\"arrival\", \"dismissal\", \"holiday\"]\n\
         [spaces.waters]\nname = \"周边水域\"\n",
    );
    for v in &villages {
        if let Some((wid, wname)) = &v.water {
            let _ = writeln!(
                w,
                "[spaces.{wid}]\nname = \"{wname}\"\nwithin = \"waters\"\n\
                 slots = [\"noon\", \"after-school\", \"holiday\"]"
            );
        }
    }

    // Villages.
    w.push('\n');
    for v in &villages {
        let _ = writeln!(
            w,
            "[villages.{}]\nname = \"{}\"\nstudents = {}",
            v.id, v.name, v.students
        );
    }
    w.push_str(ROLES);

    // People.
    w.push_str("\n# People. Phone numbers are fake (139xxxxxxxx).\n");
    for q in &people.list {
        let roles: Vec<String> = q.roles.iter().map(|r| format!("\"{r}\"")).collect();
        let _ = write!(
            w,
            "[people.{}]\nname = \"{}\"\nphone = \"{}\"\nroles = [{}]",
            q.id,
            q.name,
            q.phone,
            roles.join(", ")
        );
        if !q.note.is_empty() {
            let _ = write!(w, "   # {}", q.note);
        }
        w.push('\n');
        if let Some(org) = &q.org {
            let _ = writeln!(w, "org = \"{org}\"");
        }
        if let Some(left) = q.left {
            let _ = writeln!(w, "left = {left}");
        }
        if let Some((from, to, why)) = q.away {
            let _ = writeln!(
                w,
                "away = [{{ from = {from}, to = {to}, why = \"{why}\" }}]"
            );
        }
    }

    // Rosters.
    let mut weekly_pool: Vec<usize> = duty_teachers.clone();
    weekly_pool.push(music);
    if let Some(c) = away_class {
        weekly_pool.push(class_list[c].2);
    }
    let holiday_pool = [office_dir, storeroom, library, computer, duty_teachers[3]];
    let pool = |v: &[usize]| {
        v.iter()
            .map(|&q| format!("\"{}\"", id(q)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        w,
        "\n[rosters.weekly-duty]\nname = \"值周\"\nper = \"week\"\non = \"schooldays\"\nsize = 1\n\
         pool = [{}]\nfile = \"duty/weekly-duty.csv\"\n\n\
         [rosters.holiday-duty]\nname = \"节假日值班\"\nper = \"day\"\non = \"non-school\"\nsize = 1\n\
         pool = [{}]\nfile = \"duty/holiday-duty.csv\"",
        pool(&weekly_pool),
        pool(&holiday_pool)
    );

    // Cells: level 1 and 2.
    let cell = |w: &mut String, cid: &str, name: &str, level: u8, parent: &str, admin: &str| {
        let _ = write!(w, "\n[cells.{cid}]\nname = \"{name}\"\nlevel = {level}\n");
        if !parent.is_empty() {
            let _ = writeln!(w, "parent = \"{parent}\"");
        }
        let _ = writeln!(w, "admin = \"{admin}\"");
    };
    cell(w, "school", "全校", 1, "", id(secretary));
    w.push_str("role = \"secretary\"\n");
    for (k, (cid, name)) in [
        ("teaching", "教学分管"),
        ("safety", "安全后勤分管"),
        ("moral", "德育分管"),
        ("duty-leader", "值班领导"),
    ]
    .into_iter()
    .enumerate()
    {
        cell(w, cid, name, 2, "school", id(leaders[k]));
        w.push_str("role = \"leader\"\n");
    }
    w.push_str(
        "duties = [\n  { id = \"duty-leader-check\", text = \"检查值周、节假日值班到岗和值班记录\", every = \"week\" },\n]\n",
    );
    // Level 3.
    cell(w, "academic-office", "教务处", 3, "teaching", id(academic));
    w.push_str(
        "role = \"office-director\"\nduties = [\n  { id = \"teaching-routine\", text = \"教学常规安全管理：课堂、实验课、体育课安全要求落实\", every = \"week\" },\n]\n",
    );
    for &(g, k, teacher) in &class_list {
        if k == 1 {
            cell(
                w,
                &format!("grade-{g}"),
                &format!("{}年级组", GRADES[g - 1]),
                3,
                "teaching",
                id(teacher),
            );
            w.push_str("role = \"grade-director\"\n");
        }
    }
    cell(w, "safety-office", "安全办", 3, "safety", id(safety_dir));
    w.push_str(
        "role = \"office-director\"\nduties = [\n\
         \x20 { id = \"safety-curriculum\", text = \"制定安全教育课程教学计划\", every = \"term\" },\n\
         \x20 { id = \"safety-platform\", text = \"安全教育平台工作检查与反馈\", every = \"week\" },\n\
         \x20 { id = \"safety-lesson-check\", text = \"检查安全课教学实施情况\", every = \"month\" },\n]\n",
    );
    cell(w, "general-affairs", "总务处", 3, "safety", id(affairs));
    w.push_str(
        "role = \"office-director\"\nduties = [\n\
         \x20 { id = \"building-check\", text = \"校舍、电路、体艺设备、食堂设备维护检修\", every = \"week\" },\n\
         \x20 { id = \"fire-check\", text = \"消防器材、疏散通道检查\", every = \"month\" },\n\
         \x20 { id = \"hygiene-check\", text = \"食品卫生、传染病防控管理检查\", every = \"week\" },\n]\n",
    );
    cell(w, "moral-office", "德育处", 3, "moral", id(moral_dir));
    w.push_str(
        "role = \"office-director\"\nduties = [\n\
         \x20 { id = \"safety-publicity\", text = \"安全教育与宣传：国旗下讲话、黑板报、致家长信\", every = \"week\" },\n\
         \x20 { id = \"theme-education\", text = \"防溺水、交通安全主题教育活动\", every = \"month\" },\n]\n",
    );
    cell(
        w,
        "offcampus",
        "校外网格（校外借网）",
        3,
        "moral",
        id(offcampus_dir),
    );
    w.push_str(
        "role = \"office-director\"\nduties = [\n\
         \x20 { id = \"offcampus-collect\", text = \"汇总各村网格员反馈，转交处置并回复，闭环\", every = \"week\" },\n\
         \x20 { id = \"offcampus-holiday\", text = \"节假日前组织包村教师家访、发放致家长一封信\", every = \"month\" },\n]\n",
    );
    cell(w, "office", "办公室", 3, "duty-leader", id(office_dir));
    w.push_str(
        "role = \"office-director\"\nduties = [\n\
         \x20 { id = \"duty-tables\", text = \"编排值周表、节假日值班表并公示（含电话）\", every = \"term\" },\n]\n",
    );

    // Level 4: classes.
    w.push_str("\n# 四级网格（校内一格一员）：班主任\n");
    for (c, &(g, k, teacher)) in class_list.iter().enumerate() {
        cell(
            w,
            &format!("class-{g}-{k}"),
            &format!("{}({k})班", GRADES[g - 1]),
            4,
            &format!("grade-{g}"),
            id(teacher),
        );
        if Some(c) == away_class || Some(c) == left_class {
            let deputy = if g <= 3 { subject_a } else { subject_b };
            let _ = writeln!(w, "deputy = \"{}\"", id(deputy));
        }
        let _ = writeln!(
            w,
            "role = \"class-teacher\"\nspaces = [\"room-{g}-{k}\"]\nslots = {CLASS_SLOTS}"
        );
    }
    let lessons = "slots = [\"lesson-1\", \"lesson-2\", \"lesson-3\"]\n";
    cell(
        w,
        "subjects-a",
        "教学楼A科任课",
        4,
        "academic-office",
        id(subject_a),
    );
    w.push_str("role = \"subject-teacher\"\nspaces = [\"bldg-a\"]\n");
    w.push_str(lessons);
    cell(
        w,
        "subjects-b",
        "教学楼B科任课",
        4,
        "academic-office",
        id(subject_b),
    );
    w.push_str("role = \"subject-teacher\"\nspaces = [\"bldg-b\"]\n");
    w.push_str(lessons);
    cell(
        w,
        "pe-1",
        "操场体育课（一）",
        4,
        "academic-office",
        id(pe[0]),
    );
    w.push_str(
        "role = \"pe-teacher\"\nspaces = [\"playground\"]\nslots = [\"lesson-1\", \"recess\", \"lesson-2\", \"lesson-3\"]\n",
    );
    cell(
        w,
        "pe-2",
        "操场体育课（二）",
        4,
        "academic-office",
        id(pe[1]),
    );
    w.push_str("role = \"pe-teacher\"\nspaces = [\"playground\"]\n");
    w.push_str(lessons);
    for (cid, name, parent, who, extra) in [
        (
            "computer-lab",
            "计算机教室",
            "academic-office",
            computer,
            "",
        ),
        (
            "science-lab",
            "科学实验室",
            "academic-office",
            science,
            "duties = [\n  { id = \"lab-chemicals\", text = \"化学用品登记、专柜存放、双人双锁\", every = \"week\" },\n]\n",
        ),
        ("library", "图书室", "academic-office", library, ""),
        ("music-room", "音乐教室", "academic-office", music, ""),
        (
            "clinic",
            "卫生室",
            "general-affairs",
            clinic,
            "duties = [\n\
             \x20 { id = \"clinic-medicine\", text = \"药品登记、效期检查、专柜上锁\", every = \"week\" },\n\
             \x20 { id = \"clinic-epidemic\", text = \"汇总全校晨午检和因病缺课，传染病按规定报告\", every = \"schoolday\" },\n]\n",
        ),
    ] {
        cell(w, cid, name, 4, parent, id(who));
        let _ = write!(w, "role = \"room-keeper\"\nspaces = [\"{cid}\"]\n{extra}");
    }
    cell(
        w,
        "storeroom",
        "器材仓库",
        4,
        "general-affairs",
        id(storeroom),
    );
    w.push_str(
        "role = \"room-keeper\"\nspaces = [\"storeroom\"]\n\
         slots = [\"arrival\", \"morning-check\", \"lesson-1\", \"recess\", \"lesson-2\", \"lunch\", \"noon-check\", \"lesson-3\", \"dismissal\"]   # 午休上锁，不排人\n",
    );
    cell(w, "canteen", "食堂", 4, "general-affairs", id(canteen));
    w.push_str("role = \"canteen-keeper\"\nspaces = [\"canteen\"]\nslots = [\"lunch\"]\n");
    cell(w, "gate", "校门安保", 4, "safety-office", id(security[0]));
    let _ = writeln!(
        w,
        "deputy = \"{}\"\nrole = \"security\"\nspaces = [\"gate\", \"surroundings\"]\nslots = {CLASS_SLOTS}",
        id(security[2])
    );
    cell(
        w,
        "patrol",
        "清校及节假日安保巡查",
        4,
        "safety-office",
        id(security[1]),
    );
    let _ = writeln!(
        w,
        "deputy = \"{}\"\nrole = \"security\"\nspaces = [\"campus\"]\nslots = [\"after-school\", \"holiday\"]",
        id(security[2])
    );
    cell(w, "weekly-duty", "值周", 4, "office", "@weekly-duty");
    w.push_str(
        "role = \"weekly-duty\"\n\
         spaces = [\"stairs-a\", \"toilet-a\", \"stairs-b\", \"toilet-b\", \"playground\", \"canteen\", \"gate\", \"surroundings\", \"waters\"]\n\
         slots = [\"arrival\", \"morning-check\", \"recess\", \"lunch\", \"noon\", \"noon-check\", \"dismissal\"]\n",
    );
    cell(
        w,
        "holiday-duty",
        "节假日值班",
        4,
        "office",
        "@holiday-duty",
    );
    w.push_str("role = \"holiday-duty\"\nspaces = [\"campus\"]\nslots = [\"holiday\"]\n");

    // Level 4 off campus: 一格三员.
    w.push_str("\n# 四级网格（校外一格三员）\n");
    for v in &villages {
        let space = v
            .water
            .as_ref()
            .map_or("surroundings", |(wid, _)| wid.as_str());
        let _ = writeln!(
            w,
            "\n[cells.village-{}]\nname = \"{}网格\"\nlevel = 4\nparent = \"offcampus\"\n\
             scope = \"off-campus\"\nvillages = [\"{}\"]\nspaces = [\"{space}\"]\n\
             members = {{ grid-worker = \"{}\", liaison-teacher = \"{}\", guardian = \"{}\" }}",
            v.id,
            v.name,
            v.id,
            id(v.grid_worker),
            id(v.liaison),
            id(v.guardian)
        );
    }

    let _ = writeln!(
        w,
        "\n[policy]\n\
         offcampus-roles = [\"grid-worker\", \"liaison-teacher\", \"guardian\"]\n\
         max-cells-per-person = 6\nrequire-phone = true\n\
         hazard-deadline = {{ general = \"7d\", serious = \"3d\", major = \"1d\" }}\n\
         verify-within = \"3d\"\nscore = {{ inspections = 60, hazards = 40 }}\n\
         rules = {{ G204 = \"error\" }}\n\n\
         [[waivers]]\nrule = \"G301\"\nspace = \"storeroom\"\nslot = \"noon\"\nuntil = 2027-01-22\n\
         by = \"{}\"\nwhy = \"器材仓库午休时段上锁，学生不得进入，经学校安全领导小组同意不排人\"\n\n\
         [logs]\ninspections = \"logs/inspections.csv\"\nhazards = \"logs/hazards.csv\"",
        id(secretary)
    );
    t
}

// ---------------------------------------------------------------------------
// Roster tables and hazard ledgers
// ---------------------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Every roster's table, generated by the library and written as
/// `gridctl roster` writes it: UTF-8 BOM, CRLF.
fn write_rosters(grid: &Grid, dir: &Path) -> Result<(), String> {
    let cal = Calendar::new(grid);
    for (ri, r) in grid.rosters.iter().enumerate() {
        let plan = gridctl::roster::generate(grid, &cal, ri, cal.start, cal.end, &[]);
        if !plan.unfilled.is_empty() {
            return Err(format!(
                "{}: roster {} has {} unfilled periods",
                dir.display(),
                r.id,
                plan.unfilled.len()
            ));
        }
        let file = r.file.as_ref().ok_or("roster without a file")?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(BOM.to_vec());
        let _ = w.write_record(["roster", "date", "weekday", "person", "name", "phone"]);
        for a in &plan.rows {
            let p = &grid.people[a.person];
            let _ = w.write_record([
                r.id.as_str(),
                &a.date.to_string(),
                &a.date.weekday().to_string(),
                &p.id,
                &p.name,
                p.phone.as_deref().unwrap_or(""),
            ]);
        }
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        write_file(&dir.join(file), &bytes)?;
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

const LEVELS: [(&str, &str, i64); 3] = [
    ("general", "一般", 7),
    ("serious", "较大", 3),
    ("major", "重大", 1),
];

fn hazard_text(space_id: &str, rng: &mut Rng) -> &'static str {
    let list: &[&str] = match space_id {
        s if s.starts_with("room-") => &[
            "后门闭门器损坏，门扇回弹易夹手",
            "吊扇异响，固定螺栓松动",
            "窗户限位器缺失",
            "插座面板破损，有打火痕迹",
            "靠墙书柜未固定，有倾倒风险",
        ],
        s if ["pond-", "canal-", "river-", "reservoir-", "fishpond-"]
            .iter()
            .any(|p| s.starts_with(p)) =>
        {
            &[
                "防溺水警示牌缺失",
                "沿岸护栏缺损约10米",
                "救生圈、救生绳缺失",
                "警示牌被车辆撞倒",
            ]
        }
        "surroundings" => &[
            "流动摊贩占道经营，影响放学路队",
            "上学路段减速带损坏",
            "路口交通标志被树枝遮挡",
        ],
        "playground" => &[
            "单杠底座锈蚀，螺栓松动",
            "跑道局部塑胶破损起翘",
            "篮球架底座松动",
        ],
        "canteen" => &[
            "燃气软管老化开裂",
            "后厨排水沟盖板缺失",
            "留样冰箱温度异常（显示8℃）",
        ],
        "gate" => &[
            "道闸故障，放学时无法抬杆",
            "一键报警按钮失灵",
            "监控摄像头画面模糊",
        ],
        _ => &[
            "灭火器过期（2具）",
            "地面瓷砖破损，易滑倒",
            "灯管松动",
            "门锁损坏",
            "墙面瓷砖空鼓",
        ],
    };
    list[rng.below(list.len())]
}

/// A ledger of 18–22 hazards found on inspections of the log (whose rows
/// are marked `hazard` with the ledger id) and an incident or two; most
/// closed in time, the last few open, now and then one overdue, unverified
/// or self-verified. Rows as the ledger's 14 columns.
fn hazard_ledger(
    school: &School,
    plan: &[Planned],
    outcomes: &mut [Outcome],
    hazard_ids: &mut [Option<String>],
    log_end: NaiveDate,
    excel: bool,
    rng: &mut Rng,
) -> Vec<[String; 14]> {
    let g = &school.grid;
    let n = 18 + rng.below(5);
    let start = school.cal.start;
    let span = calendar::days_between(start, log_end).max(1);
    let fmt = |d: NaiveDate| {
        if excel {
            format!("{}/{}/{}", d.year(), d.month(), d.day())
        } else {
            d.to_string()
        }
    };
    let affairs = g.index.cells.get("general-affairs").copied();
    let safety = g.index.cells.get("safety-office").copied();
    let admin_of = |c: Option<usize>, d: NaiveDate| {
        c.and_then(|c| school.staff(c, d).people().first().copied())
    };
    let anomaly = rng.below(4); // 0 overdue, 1 unverified, 2 self-verified, 3 none
    let mut major_done = false;
    let mut rows = Vec::new();
    for k in 0..n {
        let hid = format!("YH-2026-{:03}", k + 1);
        let incident = k % 9 == 4;
        // An inspection around the k-th slice of the log that found it.
        let target = calendar::add_days(start, (k as i64 * span) / n as i64 + rng.below(4) as i64);
        let eligible = |r: usize| {
            let c = &g.cells[plan[r].cell];
            c.level == 4
                && !c.spaces.is_empty()
                && plan[r].person.is_some()
                && outcomes[r] == Outcome::Ok
        };
        // A random inspection of the first day from `target` that has one.
        let from = plan.partition_point(|p| p.date < target);
        let Some(first) = (from..plan.len()).chain(0..from).find(|&r| eligible(r)) else {
            continue;
        };
        let day = plan[first].date;
        let same_day: Vec<usize> = (first..plan.len())
            .take_while(|&r| plan[r].date == day)
            .filter(|&r| eligible(r))
            .collect();
        let r = *rng.pick(&same_day);
        let p = &plan[r];
        let c = &g.cells[p.cell];
        let found = p.date;
        let space = c.spaces[rng.below(c.spaces.len())];
        let space_s = if rng.chance(300) {
            g.spaces[space].name.clone()
        } else {
            g.spaces[space].id.clone()
        };
        let cell_s = if rng.chance(150) {
            c.name.clone()
        } else {
            c.id.clone()
        };
        let level = if !major_done && !incident && rng.chance(60) {
            major_done = true;
            2
        } else if rng.chance(220) {
            1
        } else {
            0
        };
        let (lvl_en, lvl_zh, days) = LEVELS[level];
        let (desc, kind) = if incident {
            (
                format!("{}学生课间追逐摔伤，膝盖擦伤", g.spaces[space].name),
                ("incident", "事件"),
            )
        } else {
            (
                format!(
                    "{}{}",
                    g.spaces[space].name,
                    hazard_text(&g.spaces[space].id, rng)
                ),
                ("hazard", "隐患"),
            )
        };
        // Owner: the person on the cell, or 总务处 for repairs on campus.
        let on_cell = p.person.expect("filtered");
        let owner = if c.scope == Scope::Campus && !incident && rng.chance(500) {
            admin_of(affairs, found).unwrap_or(on_cell)
        } else {
            on_cell
        };
        let verifier = [admin_of(safety, found), admin_of(affairs, found)]
            .into_iter()
            .flatten()
            .find(|&v| v != owner)
            .unwrap_or(owner);
        let (mut rectified, mut verified) = (None, None);
        let mut verifier = Some(verifier);
        let mut owner = owner;
        // Open while within its deadline (the last few); else rectified in
        // time and verified within two days, up to the end of the log.
        let recent = calendar::add_days(found, days) > log_end;
        if !recent || rng.chance(300) {
            let r = calendar::add_days(found, rng.below(days as usize + 1) as i64);
            let v = calendar::add_days(r, rng.below(3) as i64);
            if r <= log_end {
                rectified = Some(r);
                if v <= log_end {
                    verified = Some(v);
                }
            }
        }
        if k == n / 2 {
            match anomaly {
                0 => rectified = None,
                1 => verified = None,
                2 => owner = verifier.unwrap_or(owner),
                _ => {}
            }
        }
        if rectified.is_none() {
            verified = None;
        }
        if verified.is_none() {
            verifier = verifier.filter(|_| rectified.is_some() && rng.chance(500));
        }
        let mut person_s = |q: usize| {
            if rng.chance(150) {
                g.people[q].name.clone()
            } else {
                g.people[q].id.clone()
            }
        };
        let owner_s = person_s(owner);
        let verifier_s = verifier.map(person_s).unwrap_or_default();
        let due = if rng.chance(150) {
            fmt(calendar::add_days(found, days))
        } else {
            String::new()
        };
        let reported = if level == 2 {
            fmt(found)
        } else {
            String::new()
        };
        let note = match (rectified, incident) {
            (_, true) => "校医处置，已通知家长；班会开展课间安全教育",
            (Some(_), _) => "已整改",
            (None, _) => "已设警示标志，待整改",
        };
        if !incident {
            outcomes[r] = Outcome::Hazard;
            hazard_ids[r] = Some(hid.clone());
        }
        rows.push([
            hid,
            fmt(found),
            cell_s,
            space_s,
            desc,
            (if excel { lvl_zh } else { lvl_en }).to_string(),
            owner_s,
            due,
            rectified.map(fmt).unwrap_or_default(),
            verifier_s,
            verified.map(fmt).unwrap_or_default(),
            reported,
            note.to_string(),
            (if excel { kind.1 } else { kind.0 }).to_string(),
        ]);
    }
    rows
}

// ---------------------------------------------------------------------------
// A school, a county
// ---------------------------------------------------------------------------

/// The Saturday of the term's week `weeks` (week 1 holds the term's start),
/// at most the term's end.
pub fn log_end(cal: &Calendar, weeks: u32) -> NaiveDate {
    let sat = calendar::add_days(calendar::week_start(cal.start), 7 * i64::from(weeks) - 2);
    sat.min(cal.end)
}

/// What one generated school holds.
pub struct Made {
    pub log_bytes: u64,
    pub rows: usize,
    /// Periods left out of the log: what `audit` must report missed.
    pub missed: usize,
    pub hazards: usize,
    pub warnings: usize,
    /// The day after the last logged day (at most the term's end): audit
    /// `--as-of` it to see every period of the log.
    pub as_of: NaiveDate,
}

/// Writes school `i` into `out/school-NNNN`, checks it (Err on any error)
/// and says what it holds.
pub fn make_school(out: &Path, i: usize, weeks: u32, seed: u64) -> Result<Made, String> {
    let dir = out.join(format!("school-{i:04}"));
    let text = grid_toml(i, seed);
    let grid_path = dir.join("grid.toml");
    write_file(&grid_path, text.as_bytes())?;
    let loaded = gridctl::model::load_file(&grid_path)
        .map_err(|f| format!("{}: {:?}", grid_path.display(), f.msg))?;
    let errors: Vec<String> = loaded
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.code, f.msg.text(gridctl::i18n::Lang::En)))
        .collect();
    let Some(grid) = loaded.grid.filter(|_| errors.is_empty()) else {
        return Err(format!("{}: {errors:#?}", grid_path.display()));
    };
    write_rosters(&grid, &dir)?;
    let (school, table_findings) = School::new(grid);
    let mut load_findings = loaded.findings;
    load_findings.extend(table_findings);
    let end = log_end(&school.cal, weeks);
    // The day after the last logged day, but within the term (waivers run to
    // its end).
    let as_of = calendar::add_days(end, 1).min(school.cal.end);
    let findings = gridctl::cmd::check::check_school(&school, load_findings, as_of);
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .take(5)
        .map(|f| format!("{} {}", f.code, f.msg.text(gridctl::i18n::Lang::En)))
        .collect();
    if !errors.is_empty() {
        return Err(format!("{}: check: {errors:#?}", dir.display()));
    }

    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let excel = i % 5 == 0;
    let plan = plan_inspections(&school, end, &mut rng);
    let mut outcomes = vec![Outcome::Ok; plan.len()];
    let mut hazard_ids: Vec<Option<String>> = vec![None; plan.len()];
    let ledger = hazard_ledger(
        &school,
        &plan,
        &mut outcomes,
        &mut hazard_ids,
        end,
        excel,
        &mut rng,
    );
    // Periods left out: a school's miss rate is 0.1 %, 0.3 % or 1 %.
    let miss_rate = [1, 3, 10][rng.below(3)];
    let g = &school.grid;
    let mut writer = LogWriter::new(g, excel);
    let mut buf = Vec::with_capacity(plan.len() * 64);
    if excel {
        buf.extend_from_slice(BOM);
    }
    let mut w = writer.csv_writer(&mut buf);
    writer.header(&mut w).map_err(|e| e.to_string())?;
    let (mut rows, mut missed) = (0, 0);
    for (r, p) in plan.iter().enumerate() {
        if p.closed && outcomes[r] == Outcome::Ok && rng.chance(miss_rate) {
            missed += 1;
            continue;
        }
        let duty = g.cells[p.cell].all_duties(g).nth(p.duty);
        let outcome = match outcomes[r] {
            Outcome::Ok if duty.is_some_and(|d| d.every == Every::SchoolDay) && rng.chance(5) => {
                Outcome::NotApplicable
            }
            o => o,
        };
        let hazard = hazard_ids[r].as_deref().unwrap_or("");
        writer
            .row(&mut w, p, outcome, hazard, &mut rng)
            .map_err(|e| e.to_string())?;
        rows += 1;
    }
    drop(w);
    write_file(&dir.join("logs/inspections.csv"), &buf)?;

    let mut hw = csv::WriterBuilder::new()
        .terminator(if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(if excel { BOM.to_vec() } else { Vec::new() });
    let head_en = [
        "id",
        "found",
        "cell",
        "space",
        "description",
        "level",
        "owner",
        "due",
        "rectified",
        "verifier",
        "verified",
        "reported",
        "note",
        "kind",
    ];
    let head_zh = [
        "编号",
        "发现日期",
        "网格",
        "部位",
        "隐患描述",
        "等级",
        "整改责任人",
        "整改期限",
        "整改完成日期",
        "验收人",
        "验收日期",
        "上报日期",
        "备注",
        "类型",
    ];
    let _ = hw.write_record(if excel { head_zh } else { head_en });
    for h in &ledger {
        let _ = hw.write_record(h);
    }
    let hbytes = hw.into_inner().map_err(|e| e.to_string())?;
    write_file(&dir.join("logs/hazards.csv"), &hbytes)?;
    Ok(Made {
        log_bytes: buf.len() as u64,
        rows,
        missed,
        hazards: ledger.len(),
        warnings: findings.len(),
        as_of,
    })
}

/// The `inspections.csv` of every school folder of `dir`, sorted.
pub fn county_logs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path().join("logs").join("inspections.csv"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Read `path` with the `csv` crate alone: every record into one reused
/// `ByteRecord`. Returns the records read.
pub fn bare_csv_pass(path: &Path) -> io::Result<u64> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(io::Error::other)?;
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while rdr.read_byte_record(&mut rec).map_err(io::Error::other)? {
        n += 1;
    }
    Ok(n)
}

/// `f` over `items` on `workers` threads, each taking the next item in turn
/// (as `gridctl::cmd::par_map` shares out schools), results in order.
fn par_map_n<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break mine };
                        mine.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn bare_pass_main(dir: &Path, runs: usize, only: Option<usize>) -> Result<(), String> {
    let files = county_logs(dir);
    if files.is_empty() {
        return Err(format!("{}: no */logs/inspections.csv", dir.display()));
    }
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let passes = match only {
        Some(n) => vec![("as asked", n.max(1))],
        None => vec![("1 thread", 1), ("all cores", threads)],
    };
    for (label, workers) in passes {
        let mut best = Duration::MAX;
        let mut records = 0;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let counts = par_map_n(&files, workers, |f| bare_csv_pass(f));
            let elapsed = t.elapsed();
            records = 0;
            for c in counts {
                records += c.map_err(|e| e.to_string())?;
            }
            best = best.min(elapsed);
        }
        println!(
            "bare-pass {label}: threads={workers} files={} bytes={bytes} records={records} seconds={:.4} mb_per_s={:.1}",
            files.len(),
            best.as_secs_f64(),
            bytes as f64 / 1e6 / best.as_secs_f64()
        );
    }
    Ok(())
}

#[allow(dead_code)] // also compiled into benches/audit_throughput.rs, which has its own main
fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("gen_county: {e}");
        std::process::exit(2);
    }
}

/// The weeks of the generated term (2026-09-01 to 2027-01-22): by default a
/// log covers all of it.
const WHOLE_TERM: u32 = 21;

fn run(args: Vec<String>) -> Result<(), String> {
    let mut schools = None;
    let mut out = None;
    let mut weeks = WHOLE_TERM;
    let mut seed = 20_260_901u64;
    let mut bare = None;
    let mut runs = 3usize;
    let mut threads = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--schools" => {
                schools = Some(
                    val("--schools")?
                        .parse()
                        .map_err(|e| format!("--schools: {e}"))?,
                )
            }
            "--out" => out = Some(PathBuf::from(val("--out")?)),
            "--weeks" => {
                weeks = val("--weeks")?
                    .parse()
                    .map_err(|e| format!("--weeks: {e}"))?
            }
            "--seed" => seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--bare-pass" => bare = Some(PathBuf::from(val("--bare-pass")?)),
            "--runs" => runs = val("--runs")?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--threads" => {
                threads = Some(
                    val("--threads")?
                        .parse()
                        .map_err(|e| format!("--threads: {e}"))?,
                )
            }
            "-h" | "--help" => {
                println!(
                    "usage: gen_county --schools N --out DIR [--weeks W] [--seed S]\n       gen_county --bare-pass DIR [--runs R] [--threads N]"
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    if let Some(dir) = bare {
        return bare_pass_main(&dir, runs, threads);
    }
    let (Some(n), Some(out)) = (schools, out) else {
        return Err("--schools N and --out DIR are required (try --help)".into());
    };
    if weeks == 0 {
        return Err("--weeks must be at least 1".into());
    }
    let t = Instant::now();
    let ids: Vec<usize> = (1..=n).collect();
    let made = gridctl::cmd::par_map(&ids, |&i| make_school(&out, i, weeks, seed));
    let mut total = Made {
        log_bytes: 0,
        rows: 0,
        missed: 0,
        hazards: 0,
        warnings: 0,
        as_of: NaiveDate::MIN,
    };
    for m in made {
        let m = m?;
        total.as_of = total.as_of.max(m.as_of);
        total.log_bytes += m.log_bytes;
        total.rows += m.rows;
        total.missed += m.missed;
        total.hazards += m.hazards;
        total.warnings += m.warnings;
    }
    println!(
        "gen_county: {n} schools in {} ({:.1} s): {} inspection rows ({:.1} MB, {} periods left out, audit with --as-of {}), {} ledger rows, {} check findings below error",
        out.display(),
        t.elapsed().as_secs_f64(),
        total.rows,
        total.log_bytes as f64 / 1e6,
        total.missed,
        total.as_of,
        total.hazards,
        total.warnings
    );
    Ok(())
}
