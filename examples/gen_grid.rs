//! Synthetic school grid for scale tests of `gridctl check`.
//!
//! ```text
//! cargo run --release --example gen_grid -- --cells 10000 --spaces 20000 --slots 12 --out DIR
//! ```
//!
//! writes `DIR/grid.toml`: one level-1 cell, three level-2 cells, a level-3
//! office per building (plus safety, logistics and off-campus offices), and
//! level-4 cells for the rest: room cells (class teachers), the gate, the
//! canteen, a `@weekly-duty` post over the grounds, a `@holiday-duty` post
//! over the whole campus on the non-school slot, and one off-campus cell per
//! village with its three members. Spaces nest campus → buildings → floors →
//! rooms. Some admins are away for training or leave mid-term, each with a
//! serving deputy. Every leaf space × slot it needs has a level-4 owner, except
//! one storeroom at noon, which is covered by a waiver, so `check` should
//! report nothing at all.
//!
//! The output depends only on the three numbers: same input, same bytes.
//! `generate` is also used by `benches/check_scale.rs`.

use std::fmt::Write as _;

/// Floors per building.
const FLOORS: usize = 4;
/// Spaces per building, roughly (the building, its floors and its rooms).
const SPACES_PER_BUILDING: usize = 200;
/// Spaces that are not in a building: campus, grounds, playground, gate,
/// canteen, storeroom.
const FIXED_SPACES: usize = 6;
/// People in each roster's pool.
const POOL: usize = 8;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
];
const GIVEN: &[&str] = &[
    "静", "伟", "芳", "娜", "敏", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "丽", "红", "建", "文", "辉", "鹏", "林", "宇",
];
const BUILDING_NAMES: &[&str] = &["教学楼", "实验楼", "综合楼", "图书楼", "宿舍楼", "艺术楼"];
/// The school-day slots of a 12-slot grid (the 12th is the holiday slot).
const NAMED_SLOTS: &[(&str, &str)] = &[
    ("arrival", "上学"),
    ("lesson-1", "第一节"),
    ("lesson-2", "第二节"),
    ("recess", "大课间"),
    ("lesson-3", "第三节"),
    ("noon", "午间"),
    ("lesson-4", "第四节"),
    ("lesson-5", "第五节"),
    ("activity", "课外活动"),
    ("lesson-6", "第六节"),
    ("dismissal", "放学"),
];

/// A unique Chinese name for every index below 48 × 32 × 32 = 49,152, then a
/// numbered one.
fn person_name(i: usize) -> String {
    let s = SURNAMES[i % SURNAMES.len()];
    let rest = i / SURNAMES.len();
    let g1 = GIVEN[rest % GIVEN.len()];
    let rest = rest / GIVEN.len();
    if rest == 0 {
        return format!("{s}{g1}");
    }
    let g2 = GIVEN[(rest - 1) % GIVEN.len()];
    let rest = (rest - 1) / GIVEN.len();
    if rest == 0 {
        format!("{s}{g1}{g2}")
    } else {
        format!("{s}{g1}{g2}{rest}")
    }
}

/// How the generated grid is laid out; computed from the three sizes.
struct Plan {
    buildings: usize,
    rooms: usize,
    villages: usize,
    room_cells: usize,
    school_slots: Vec<(String, String)>,
    noon: String,
}

impl Plan {
    /// The layout, or why the sizes cannot make a valid grid.
    fn new(cells: usize, spaces: usize, slots: usize) -> Result<Plan, String> {
        if !(2..=128).contains(&slots) {
            return Err(format!(
                "--slots {slots}: need 2..=128 (school-day slots plus one holiday slot)"
            ));
        }
        let buildings = (spaces / SPACES_PER_BUILDING).max(1);
        let floors = buildings * FLOORS;
        let min_spaces = FIXED_SPACES + buildings + 2 * floors;
        if spaces < min_spaces {
            return Err(format!(
                "--spaces {spaces} is too small: need at least {min_spaces}"
            ));
        }
        let rooms = spaces - FIXED_SPACES - buildings - floors;
        let villages = (cells / 100).max(1);
        // level 1, three level 2, an office per building plus three, gate,
        // canteen, weekly duty, holiday duty, one per village.
        let fixed_cells = 1 + 3 + (buildings + 3) + 4 + villages;
        if cells <= fixed_cells {
            return Err(format!(
                "--cells {cells} is too small for {spaces} spaces: need more than {fixed_cells}"
            ));
        }
        let m = slots - 1;
        let school_slots: Vec<(String, String)> = if m == NAMED_SLOTS.len() {
            NAMED_SLOTS
                .iter()
                .map(|(id, name)| (id.to_string(), name.to_string()))
                .collect()
        } else {
            (1..=m)
                .map(|i| (format!("period-{i:03}"), format!("第{i}时段")))
                .collect()
        };
        let noon = school_slots[m / 2].0.clone();
        Ok(Plan {
            buildings,
            rooms,
            villages,
            room_cells: cells - fixed_cells,
            school_slots,
            noon,
        })
    }

    /// Rooms fill the floors in order, each floor an equal run (at least one
    /// room, since there are at least as many rooms as floors).
    fn floor_of_room(&self, r: usize) -> usize {
        r * (self.buildings * FLOORS) / self.rooms
    }

    fn building_of_room(&self, r: usize) -> usize {
        self.floor_of_room(r) / FLOORS
    }

    /// The rooms room cell `c` covers: a run of about rooms / room cells
    /// rooms, or one room (shared) when there are more cells than rooms.
    fn rooms_of_cell(&self, c: usize) -> std::ops::Range<usize> {
        if self.room_cells >= self.rooms {
            let r = c % self.rooms;
            r..r + 1
        } else {
            (c * self.rooms / self.room_cells)..((c + 1) * self.rooms / self.room_cells)
        }
    }
}

fn room_id(p: &Plan, r: usize) -> String {
    let f = p.floor_of_room(r);
    format!("b{:03}-f{}-r{:05}", f / FLOORS + 1, f % FLOORS + 1, r + 1)
}

/// "教学楼1号3层305室": rooms are numbered per floor.
fn room_name(p: &Plan, r: usize) -> String {
    let f = p.floor_of_room(r);
    let floors = p.buildings * FLOORS;
    let first = (f * p.rooms).div_ceil(floors);
    let floor = f % FLOORS + 1;
    format!(
        "{}{floor}层{floor}{:02}室",
        building_name(f / FLOORS),
        r - first + 1
    )
}

fn floor_id(f: usize) -> String {
    format!("b{:03}-f{}", f / FLOORS + 1, f % FLOORS + 1)
}

fn building_id(b: usize) -> String {
    format!("b{:03}", b + 1)
}

fn building_name(b: usize) -> String {
    format!("{}{}号", BUILDING_NAMES[b % BUILDING_NAMES.len()], b + 1)
}

fn teacher_id(c: usize) -> String {
    format!("t{:05}", c + 1)
}

fn quoted_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", q.join(", "))
}

/// Is room cell `c`'s teacher away for three weeks of training? Their
/// deputy is the next room cell's teacher, who never is.
fn teacher_away(c: usize) -> bool {
    c % 50 == 7
}

/// Does room cell `c`'s teacher leave mid-term (人事调动)?
fn teacher_leaves(c: usize) -> bool {
    c % 200 == 13
}

/// A synthetic school grid with about `cells` cells, exactly `spaces` spaces
/// and exactly `slots` slots (the last one the non-school holiday slot).
/// Panics when the sizes are too small to make a valid grid.
pub fn generate(cells: usize, spaces: usize, slots: usize) -> String {
    let p = Plan::new(cells, spaces, slots).unwrap_or_else(|e| panic!("gen_grid: {e}"));
    let mut o = String::with_capacity(cells * 400 + spaces * 120);
    let school_slot_ids: Vec<String> = p.school_slots.iter().map(|(id, _)| id.clone()).collect();
    let all_school_slots = quoted_list(&school_slot_ids);
    let mut person_no = 0usize;
    let mut person = |o: &mut String, id: &str, extra: &str| {
        person_no += 1;
        let _ = writeln!(
            o,
            "[people.{id}]\nname = \"{}\"\nphone = \"139{:08}\"{extra}",
            person_name(person_no),
            person_no
        );
    };

    let _ = writeln!(
        o,
        "# Synthetic grid: {cells} cells, {spaces} spaces, {slots} slots (examples/gen_grid.rs)\n\
         format = 1\n\n\
         [school]\nname = \"合成规模测试学校\"\nterm = {{ start = 2026-09-01, end = 2027-01-22 }}\n\n\
         [calendar]\nweekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         holidays = [\n  {{ from = 2026-10-01, to = 2026-10-08, name = \"国庆节、中秋节\" }},\n  \
         {{ from = 2027-01-01, to = 2027-01-03, name = \"元旦\" }},\n]\n\
         workdays = [2026-09-27, 2026-10-10]\n"
    );

    // Slots: the school day from 07:00 to 18:00 split evenly, then the holiday.
    let m = p.school_slots.len();
    for (i, (id, name)) in p.school_slots.iter().enumerate() {
        let a = 7 * 60 + i * 660 / m;
        let b = 7 * 60 + (i + 1) * 660 / m;
        let _ = writeln!(
            o,
            "[slots.{id}]\nname = \"{name}\"\ntime = \"{:02}:{:02}-{:02}:{:02}\"",
            a / 60,
            a % 60,
            b / 60,
            b % 60
        );
    }
    let _ = writeln!(
        o,
        "[slots.holiday]\nname = \"节假日\"\ntime = \"00:00-24:00\"\non = \"non-school\"\n"
    );

    // Spaces.
    let _ = writeln!(
        o,
        "[spaces.campus]\nname = \"校园\"\n\
         [spaces.grounds]\nname = \"室外场地\"\nwithin = \"campus\"\n\
         [spaces.playground]\nname = \"操场\"\nwithin = \"grounds\"\n\
         [spaces.gate]\nname = \"校门\"\nwithin = \"grounds\"\n\
         [spaces.canteen]\nname = \"食堂\"\nwithin = \"campus\"\nslots = [\"{noon}\"]\n\
         [spaces.storeroom]\nname = \"器材仓库\"\nwithin = \"campus\"\nslots = [\"{noon}\"]",
        noon = p.noon
    );
    for b in 0..p.buildings {
        let _ = writeln!(
            o,
            "[spaces.{}]\nname = \"{}\"\nwithin = \"campus\"",
            building_id(b),
            building_name(b)
        );
        for f in b * FLOORS..(b + 1) * FLOORS {
            let _ = writeln!(
                o,
                "[spaces.{}]\nname = \"{}{}层\"\nwithin = \"{}\"",
                floor_id(f),
                building_name(b),
                f % FLOORS + 1,
                building_id(b)
            );
        }
    }
    for r in 0..p.rooms {
        let f = p.floor_of_room(r);
        let _ = writeln!(
            o,
            "[spaces.{}]\nname = \"{}\"\nwithin = \"{}\"",
            room_id(&p, r),
            room_name(&p, r),
            floor_id(f)
        );
    }
    o.push('\n');

    // Villages.
    for v in 0..p.villages {
        let _ = writeln!(
            o,
            "[villages.v{:04}]\nname = \"第{}村\"\nstudents = {}",
            v + 1,
            v + 1,
            20 + (v * 37) % 80
        );
    }
    o.push('\n');

    // Roles.
    o.push_str(
        "[roles.class-teacher]\nname = \"班主任\"\nduties = [\n  \
         { id = \"morning-check\", text = \"晨检：出勤与健康，8:00前上报\", every = \"schoolday\" },\n  \
         { id = \"safety-lesson\", text = \"安全教育：交通、防火、防溺水、防触电、防诈骗\", every = \"week\" },\n]\n\
         [roles.security]\nname = \"安保人员\"\nduties = [\n  \
         { id = \"visitors\", text = \"来访人员查验登记\", every = \"schoolday\" },\n  \
         { id = \"patrol\", text = \"校园巡逻\", every = \"schoolday\" },\n]\n\
         [roles.canteen]\nname = \"食堂管理员\"\nduties = [{ id = \"food\", text = \"食品留样与操作间检查\", every = \"schoolday\" }]\n\
         [roles.duty-teacher]\nname = \"值周教师\"\nduties = [{ id = \"recess\", text = \"课间、午间巡查\", every = \"schoolday\" }]\n\
         [roles.holiday-duty]\nname = \"值班教师\"\nduties = [{ id = \"holiday-patrol\", text = \"节假日值班巡查\", every = \"non-school\" }]\n\
         [roles.village-grid]\nname = \"校外网格\"\nduties = [{ id = \"waters\", text = \"危险水域巡查\", every = \"week\" }]\n\
         [roles.office]\nname = \"网格长\"\nduties = [{ id = \"review\", text = \"检查下级网格台账\", every = \"month\" }]\n\n",
    );

    // People: leaders, then teachers, then the roster pools, then villagers.
    person(&mut o, "principal", "");
    for id in ["vp-teaching", "vp-safety", "vp-logistics"] {
        person(&mut o, id, "");
    }
    for b in 0..p.buildings {
        person(&mut o, &format!("head-{}", building_id(b)), "");
    }
    for id in [
        "head-safety",
        "head-logistics",
        "head-offcampus",
        "guard",
        "cook",
    ] {
        person(&mut o, id, "");
    }
    for c in 0..p.room_cells {
        let mut extra = String::from("\nroles = [\"class-teacher\"]");
        if teacher_away(c) {
            extra.push_str(
                "\naway = [{ from = 2026-11-02, to = 2026-11-20, why = \"省级骨干教师培训\" }]",
            );
        }
        if teacher_leaves(c) {
            extra.push_str("\nleft = 2026-12-15");
        }
        person(&mut o, &teacher_id(c), &extra);
    }
    for i in 0..POOL {
        person(&mut o, &format!("duty-{:02}", i + 1), "");
    }
    for i in 0..POOL {
        person(&mut o, &format!("holiday-{:02}", i + 1), "");
    }
    for v in 0..p.villages {
        person(
            &mut o,
            &format!("worker-v{:04}", v + 1),
            &format!("\norg = \"第{}村村委\"", v + 1),
        );
        person(
            &mut o,
            &format!("parent-v{:04}", v + 1),
            &format!("\norg = \"第{}村\"", v + 1),
        );
    }
    o.push('\n');

    // Rosters (no tables yet: `gridctl roster` writes them).
    let pool = |prefix: &str| {
        let ids: Vec<String> = (1..=POOL).map(|i| format!("{prefix}-{i:02}")).collect();
        quoted_list(&ids)
    };
    let _ = writeln!(
        o,
        "[rosters.weekly-duty]\nname = \"值周\"\nper = \"week\"\non = \"schooldays\"\nsize = 1\npool = {}\n\
         [rosters.holiday-duty]\nname = \"节假日值班\"\nper = \"day\"\non = \"non-school\"\nsize = 1\npool = {}\n",
        pool("duty"),
        pool("holiday")
    );

    // Cells: the tree from the top.
    o.push_str(
        "[cells.school]\nname = \"全校\"\nlevel = 1\nadmin = \"principal\"\nrole = \"office\"\n\
         [cells.teaching]\nname = \"教学分管\"\nlevel = 2\nparent = \"school\"\nadmin = \"vp-teaching\"\nrole = \"office\"\n\
         [cells.safety]\nname = \"安全分管\"\nlevel = 2\nparent = \"school\"\nadmin = \"vp-safety\"\nrole = \"office\"\n\
         [cells.logistics]\nname = \"后勤分管\"\nlevel = 2\nparent = \"school\"\nadmin = \"vp-logistics\"\nrole = \"office\"\n\
         [cells.safety-office]\nname = \"安全办\"\nlevel = 3\nparent = \"safety\"\nadmin = \"head-safety\"\nrole = \"office\"\n\
         [cells.off-campus]\nname = \"校外网格\"\nlevel = 3\nparent = \"safety\"\nadmin = \"head-offcampus\"\nrole = \"office\"\n\
         [cells.logistics-office]\nname = \"总务处\"\nlevel = 3\nparent = \"logistics\"\nadmin = \"head-logistics\"\nrole = \"office\"\n",
    );
    for b in 0..p.buildings {
        let id = building_id(b);
        let _ = writeln!(
            o,
            "[cells.office-{id}]\nname = \"{}网格\"\nlevel = 3\nparent = \"teaching\"\nadmin = \"head-{id}\"\nrole = \"office\"\nspaces = [\"{id}\"]",
            building_name(b)
        );
    }
    let _ = writeln!(
        o,
        "[cells.gate]\nname = \"校门\"\nlevel = 4\nparent = \"safety-office\"\nadmin = \"guard\"\nrole = \"security\"\nspaces = [\"gate\"]\nslots = {all_school_slots}\n\
         [cells.weekly-duty]\nname = \"值周\"\nlevel = 4\nparent = \"safety-office\"\nadmin = \"@weekly-duty\"\nrole = \"duty-teacher\"\nspaces = [\"grounds\"]\nslots = {all_school_slots}\n\
         [cells.holiday-duty]\nname = \"节假日值班\"\nlevel = 4\nparent = \"safety-office\"\nadmin = \"@holiday-duty\"\nrole = \"holiday-duty\"\nspaces = [\"campus\"]\nslots = [\"holiday\"]\n\
         [cells.canteen]\nname = \"食堂\"\nlevel = 4\nparent = \"logistics-office\"\nadmin = \"cook\"\nrole = \"canteen\"\nspaces = [\"canteen\"]\nslots = [\"{}\"]",
        p.noon
    );
    for c in 0..p.room_cells {
        let rooms = p.rooms_of_cell(c);
        let b = p.building_of_room(rooms.start);
        let ids: Vec<String> = rooms.clone().map(|r| room_id(&p, r)).collect();
        let _ = write!(
            o,
            "[cells.room-{:05}]\nname = \"{}网格\"\nlevel = 4\nparent = \"office-{}\"\nadmin = \"{}\"\n",
            c + 1,
            room_name(&p, rooms.start),
            building_id(b),
            teacher_id(c)
        );
        if teacher_away(c) || teacher_leaves(c) {
            let _ = writeln!(o, "deputy = \"{}\"", teacher_id((c + 1) % p.room_cells));
        }
        let _ = writeln!(
            o,
            "role = \"class-teacher\"\nspaces = {}\nslots = {all_school_slots}",
            quoted_list(&ids)
        );
    }
    let stride = (p.room_cells / p.villages).max(1);
    for v in 0..p.villages {
        let _ = writeln!(
            o,
            "[cells.v{n:04}]\nname = \"第{}村网格\"\nlevel = 4\nparent = \"off-campus\"\nscope = \"off-campus\"\nrole = \"village-grid\"\n\
             villages = [\"v{n:04}\"]\n\
             members = {{ grid-worker = \"worker-v{n:04}\", liaison-teacher = \"{}\", guardian = \"parent-v{n:04}\" }}",
            v + 1,
            teacher_id((v * stride) % p.room_cells),
            n = v + 1
        );
    }
    o.push('\n');

    o.push_str(
        "[policy]\noffcampus-roles = [\"grid-worker\", \"liaison-teacher\", \"guardian\"]\n\
         max-cells-per-person = 6\nrequire-phone = true\n\n",
    );
    let _ = writeln!(
        o,
        "[[waivers]]\nrule = \"G301\"\nspace = \"storeroom\"\nslot = \"{}\"\nuntil = 2026-12-31\n\
         by = \"principal\"\nwhy = \"仓库午间上锁\"",
        p.noon
    );
    o
}

#[allow(dead_code)] // also compiled into benches/check_scale.rs, which has its own main
fn main() {
    fn usage() -> ! {
        eprintln!(
            "usage: gen_grid [--cells N] [--spaces N] [--slots N] --out DIR\n\
             defaults: --cells 10000 --spaces 2×cells --slots 12"
        );
        std::process::exit(2)
    }
    let mut cells = 10_000usize;
    let mut spaces = None;
    let mut slots = 12usize;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        let num = || -> usize { value.parse().unwrap_or_else(|_| usage()) };
        match a.as_str() {
            "--cells" => cells = num(),
            "--spaces" => spaces = Some(num()),
            "--slots" => slots = num(),
            "--out" => out = Some(std::path::PathBuf::from(&value)),
            _ => usage(),
        }
    }
    let Some(out) = out else { usage() };
    let spaces = spaces.unwrap_or(cells * 2);
    if let Err(e) = Plan::new(cells, spaces, slots) {
        eprintln!("gen_grid: {e}");
        std::process::exit(2);
    }
    let text = generate(cells, spaces, slots);
    let file = out.join("grid.toml");
    if let Err(e) = std::fs::create_dir_all(&out).and_then(|_| std::fs::write(&file, &text)) {
        eprintln!("gen_grid: cannot write {}: {e}", file.display());
        std::process::exit(1);
    }
    eprintln!(
        "gen_grid: wrote {} ({} bytes, {} lines)",
        file.display(),
        text.len(),
        text.lines().count()
    );
}
