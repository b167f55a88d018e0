#!/usr/bin/env python3
"""Generate the example school's inspection log and hazard ledger.

    python3 examples/make_logs.py

Reads grids/example-town-primary/grid.toml and its roster tables, and writes

    grids/example-town-primary/logs/inspections.csv   UTF-8, ISO dates
    grids/example-town-primary/logs/hazards.csv       UTF-8, ISO dates
    examples/excel/hazards-gbk.csv                    the ledger as Excel "CSV (逗号分隔)" saves it
    examples/excel/inspections-utf16.txt              the log as Excel "Unicode 文本" saves it

The log covers the autumn term from its start up to and including LOG_END,
the way the school keeps it: one row per duty per period of its `every`.
A few rows are left out on purpose (MISSING below) so `gridctl audit` has
something to find, a few rows name hazards from the ledger, and three rows
are malformed. Deterministic: the same grid gives byte-identical files.
"""

import csv
import datetime as dt
import io
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHOOL = ROOT / "grids" / "example-town-primary"
EXCEL = ROOT / "examples" / "excel"

LOG_END = dt.date(2026, 11, 28)      # last day the log covers (Saturday)
SEED = 20260901

D = dt.date.fromisoformat


def days(a, b):
    """Every date from a to b inclusive."""
    while a <= b:
        yield a
        a += dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# The grid
# ---------------------------------------------------------------------------
grid = tomllib.loads((SCHOOL / "grid.toml").read_text(encoding="utf-8"))
term_start = grid["school"]["term"]["start"]
term_end = grid["school"]["term"]["end"]
cal = grid["calendar"]
WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
weekdays = {WD.index(w) for w in cal.get("weekdays", WD[:5])}
holidays = set()
for h in cal.get("holidays", []):
    holidays.update(days(h["from"], h["to"]))
workdays = set(cal.get("workdays", []))


def is_school_day(d):
    if not (term_start <= d <= term_end):
        return False
    if d in workdays:
        return True
    return d.weekday() in weekdays and d not in holidays


people = grid["people"]
cells = grid["cells"]
roles = grid["roles"]


def serves(pid, d):
    p = people[pid]
    if "left" in p and d >= p["left"]:
        return False
    return not any(a["from"] <= d <= a["to"] for a in p.get("away", []))


def read_roster(name):
    path = SCHOOL / grid["rosters"][name]["file"]
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {D(r["date"]): r["person"] for r in csv.DictReader(f)}


rosters = {name: read_roster(name) for name in grid["rosters"]}

# Names that may stand in for ids: only unique ones (the reader rejects
# ambiguous names).
def unique_names(table):
    seen = {}
    for k, v in table.items():
        seen.setdefault(v["name"], []).append(k)
    return {ks[0]: n for n, ks in seen.items() if len(ks) == 1}


person_name = unique_names(people)
cell_name = unique_names(cells)


def cell_duties(cid):
    """(duty, member role or None) for every duty of a cell: its role's, its
    own, and off campus those of its members' roles (一格三员)."""
    c = cells[cid]
    out = []
    if "role" in c:
        out += [(d, None) for d in roles[c["role"]]["duties"]]
    out += [(d, None) for d in c.get("duties", [])]
    for role in c.get("members", {}):
        if role != c.get("role"):
            out += [(d, role) for d in roles[role]["duties"]]
    return out


all_texts = {}
for r in roles.values():
    for d in r["duties"]:
        all_texts.setdefault(d["text"], []).append(d["id"])
for c in cells.values():
    for d in c.get("duties", []):
        all_texts.setdefault(d["text"], []).append(d["id"])
assert all(len(v) == 1 for v in all_texts.values()), "duty texts must be unique"


def responsible(cid, d, member_role=None):
    """Who does a cell's duty on date d."""
    c = cells[cid]
    if c.get("scope") == "off-campus":
        return c["members"][member_role or "grid-worker"]
    admin = c["admin"]
    if admin.startswith("@"):
        pid = rosters[admin[1:]].get(d)
        if pid is None:
            raise SystemExit(f"no {admin} in the roster table on {d}")
        return pid
    if serves(admin, d):
        return admin
    dep = c.get("deputy")
    if dep and serves(dep, d):
        return dep
    raise SystemExit(f"{cid} unstaffed on {d}")


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------
span = list(days(term_start, LOG_END))
school_days = [d for d in span if is_school_day(d)]
non_school = [d for d in span if not is_school_day(d)]


def monday(d):
    return d - dt.timedelta(days=d.weekday())


weeks = []            # (monday, [days of the week within the log span])
for d in span:
    if not weeks or weeks[-1][0] != monday(d):
        weeks.append((monday(d), []))
    weeks[-1][1].append(d)
weeks = [(m, ds) for m, ds in weeks if any(is_school_day(x) for x in days(m, m + dt.timedelta(days=6)))]

months = []
for d in span:
    key = (d.year, d.month)
    if not months or months[-1][0] != key:
        months.append((key, []))
    months[-1][1].append(d)

rng = random.Random(SEED)


def periods(every, offcampus):
    """(period key, candidate dates) for a duty's `every`."""
    if every == "schoolday":
        return [(d.isoformat(), [d]) for d in school_days]
    if every == "day":
        return [(d.isoformat(), [d]) for d in span]
    if every == "non-school":
        return [(d.isoformat(), [d]) for d in non_school]
    if every == "week":
        return [(f"week of {m}", ds if offcampus else [x for x in ds if is_school_day(x)]) for m, ds in weeks]
    if every == "month":
        return [(f"{y}-{mo:02d}", ds if offcampus else [x for x in ds if is_school_day(x)]) for (y, mo), ds in months]
    if every == "term":
        first = [d for d in (span if offcampus else school_days) if d <= term_start + dt.timedelta(days=13)]
        return [("term", first)]
    raise SystemExit(f"unknown every: {every}")


# ---------------------------------------------------------------------------
# Deliberate gaps: (cell, duty, period key). Missed as of 2026-11-29 unless
# in the current week (11-23..11-29), where they are still due.
# ---------------------------------------------------------------------------
MISSING = [
    # 三(2)班 午检, four October school days (10-10 is the make-up Saturday)
    ("class-3-2", "noon-check", "2026-10-10"),
    ("class-3-2", "noon-check", "2026-10-14"),
    ("class-3-2", "noon-check", "2026-10-21"),
    ("class-3-2", "noon-check", "2026-10-29"),
    # 五(2)班 宋佳: weekly safety lesson, two weeks
    ("class-5-2", "safety-lesson", "week of 2026-09-14"),
    ("class-5-2", "safety-lesson", "week of 2026-10-19"),
    # 音乐教室 叶青: monthly inventory for October
    ("music-room", "room-inventory", "2026-10"),
    # 校门安保 梁山: visitor check on three days
    ("gate", "gate-visitors", "2026-09-09"),
    ("gate", "gate-visitors", "2026-10-28"),
    ("gate", "gate-visitors", "2026-11-11"),
    # 西村网格 秦峰: the water patrol, one whole week
    *[("village-xicun", "village-waters", f"2026-09-{x:02d}") for x in range(14, 21)],
    # 计算机教室 彭博: lock-up on two days
    ("computer-lab", "room-lockup", "2026-09-17"),
    ("computer-lab", "room-lockup", "2026-11-05"),
    # 值周 (孔玲's week): water patrol on one day
    ("weekly-duty", "duty-waters", "2026-09-24"),
    # 食堂 方桂: gas check, one week
    ("canteen", "canteen-gas", "week of 2026-10-12"),
    # 节假日值班 (国庆 10-04, 徐静): duty record not written
    ("holiday-duty", "holiday-log", "2026-10-04"),
    # 一(2)班 周怡: September home contact
    ("class-1-2", "home-contact", "2026-09"),
    # current week: classroom self-check not yet done — due, not missed
    ("class-4-1", "classroom-check", "week of 2026-11-23"),
    ("class-4-2", "classroom-check", "week of 2026-11-23"),
]
MISSING_SET = set(MISSING)
assert len(MISSING_SET) == len(MISSING)

# Inspections that found a ledger hazard: (cell, duty, date) -> (id, note).
# YH-2026-031 is deliberately not in the ledger (A507).
FOUND = {
    ("pe-1", "pe-equipment", D("2026-09-07")): ("YH-2026-002", "单杠底座锈蚀，已报总务处"),
    ("weekly-duty", "duty-recess", D("2026-09-16")): ("YH-2026-005", "二楼走廊灯管松动，已报修"),
    ("computer-lab", "room-check", D("2026-10-14")): ("YH-2026-010", "发现插座松动，有打火痕迹，已断电"),
    ("village-nanwan", "village-waters", D("2026-10-19")): ("YH-2026-011", "南湾河护栏缺损，已电话报告学校"),
    ("library", "room-check", D("2026-10-26")): ("YH-2026-013", "靠墙书架未固定"),
    ("class-2-2", "classroom-check", D("2026-11-16")): ("YH-2026-020", "吊扇异响，已停用"),
    ("village-dongcun", "village-surroundings", D("2026-11-19")): ("YH-2026-031", "校门东侧200米雨水井盖缺失，已电话告知学校"),
    ("pe-2", "pe-equipment", D("2026-11-24")): ("YH-2026-023", "跑道塑胶起翘，已摆放警示锥"),
}

RAINY = {D("2026-09-15"), D("2026-10-20"), D("2026-11-10"), D("2026-11-11")}

NOTES = {
    "morning-check": ["全勤，零报告", "全勤，零报告", "缺勤1人（病假），已联系家长", "1人发热，家长已接回", "缺勤1人（事假）"],
    "noon-check": ["全勤，零报告", "1人午间未到校，已联系家长，系家中有事"],
    "attendance": ["缺勤学生已电话联系家长", "全勤"],
    "illness-followup": ["1人感冒请假，已登记", "病假学生已复课"],
    "classroom-check": ["门窗完好", "电路正常", "1张课桌松动，已自行加固"],
    "safety-lesson": ["防溺水主题班会", "交通安全教育", "防火、用电安全", "防诈骗教育", "冬季防火、防一氧化碳中毒"],
    "room-check": ["门窗完好", "灯具、线路正常", "仪器完好"],
    "room-lockup": ["已断电锁门"],
    "gate-visitors": ["来访2人已登记", "外来车辆1辆已登记", "快递员未入校"],
    "security-patrol": ["未见异常", "放学后清校完毕"],
    "security-gear": ["一键报警测试正常", "监控正常"],
    "duty-recess": ["楼梯口秩序良好", "提醒学生不在走廊追跑"],
    "duty-waters": ["未见学生逗留水边"],
    "duty-noon": ["午餐秩序良好"],
    "duty-bus": ["路队整齐"],
    "holiday-patrol": ["门窗、水电正常", "未见异常"],
    "holiday-log": ["已交接班"],
    "canteen-gas": ["燃气阀门、管道正常"],
    "food-sample": ["留样48小时，已登记"],
    "village-waters": ["未见学生在水边", "警示牌完好", "午间、傍晚各巡查一次"],
    "village-surroundings": ["周边商铺正常", "网吧未见学生"],
    "building-check": ["校舍未见异常"],
    "fire-check": ["灭火器压力正常，疏散通道畅通"],
    "pe-equipment": ["篮球架、单双杠完好"],
    "home-visit": ["已发放致家长一封信，回执收回"],
    "lab-chemicals": ["化学品账物相符"],
    "clinic-medicine": ["药品均在效期内"],
}


def note_for(duty_id):
    opts = NOTES.get(duty_id)
    if opts and rng.random() < 0.12:
        return rng.choice(opts)
    return ""


def pick_date(duty_id, cands, offcampus):
    if len(cands) == 1:
        return cands[0]
    if duty_id == "duty-log":            # 周五值周总结: last school day of the week
        return cands[-1]
    if duty_id in ("school-safety-meeting", "leader-meeting") and not offcampus:
        return cands[0] if duty_id == "school-safety-meeting" else cands[min(2, len(cands) - 1)]
    return rng.choice(cands)


# ---------------------------------------------------------------------------
# Build the log
# ---------------------------------------------------------------------------
rows = []          # dicts with real dates; presentation decided below
seen_missing = set()
for cid, c in cells.items():
    offcampus = c.get("scope") == "off-campus"
    for duty, mrole in cell_duties(cid):
        for key, cands in periods(duty["every"], offcampus):
            if (cid, duty["id"], key) in MISSING_SET:
                seen_missing.add((cid, duty["id"], key))
                continue
            # a period with a planned finding takes the finding's date
            fixed = [d for d in cands if (cid, duty["id"], d) in FOUND]
            d = fixed[0] if fixed else pick_date(duty["id"], cands, offcampus)
            who = responsible(cid, d, mrole)
            result, hazard, note = "ok", "", note_for(duty["id"])
            if (cid, duty["id"], d) in FOUND:
                result = "hazard"
                hazard, note = FOUND[(cid, duty["id"], d)]
            elif duty["id"] == "pe-lesson" and d in RAINY:
                result, note = "n/a", "雨天，体育课改在教室上"
            elif duty["id"] == "lab-chemicals" and key in ("week of 2026-10-05", "week of 2026-11-23"):
                result, note = "n/a", "本周无分组实验，化学品未启用"
            elif duty["id"] == "duty-bus" and d == D("2026-10-10"):
                result, note = "n/a", "调休日校车未运行"
            rows.append(dict(date=d, cell=cid, duty=duty, inspector=who, result=result, hazard=hazard, note=note))

assert seen_missing == MISSING_SET, MISSING_SET - seen_missing
assert {(r["cell"], r["duty"]["id"], r["date"]) for r in rows if r["hazard"]} == set(FOUND)

cell_order = {cid: i for i, cid in enumerate(cells)}
rows.sort(key=lambda r: (r["date"], cell_order[r["cell"]]))

# How each row is written: mostly ids; now and then a name or the duty text,
# as different people type into the shared sheet.
for r in rows:
    r["cell_s"] = cell_name[r["cell"]] if r["cell"] in cell_name and rng.random() < 0.10 else r["cell"]
    r["duty_s"] = r["duty"]["text"] if rng.random() < 0.08 else r["duty"]["id"]
    p = r["inspector"]
    r["inspector_s"] = person_name[p] if p in person_name and rng.random() < 0.15 else p
    r["date_s"] = r["date"].isoformat()

# Malformed rows for A508, placed where a clerk would have typed them.
BAD = [
    # after the last row of 2026-10-13: month and day typed wrongly
    ("after", D("2026-10-13"), dict(date_s="2026/13/40", cell_s="class-4-1", duty_s="morning-check",
                                    inspector_s="gao-yan", result="ok", hazard="", note="")),
    # a class that does not exist
    ("after", D("2026-10-16"), dict(date_s="2026-10-16", cell_s="class-9-9", duty_s="morning-check",
                                    inspector_s="lin-hui", result="ok", hazard="", note="全勤，零报告")),
    # a duty that is on no checklist
    ("after", D("2026-11-04"), dict(date_s="2026-11-04", cell_s="science-lab", duty_s="消防演练",
                                    inspector_s="lu-ping", result="ok", hazard="", note="配合全校消防疏散演练")),
]
for _, after, bad in BAD:
    idx = max(i for i, r in enumerate(rows) if r.get("date") == after) + 1
    rows.insert(idx, dict(bad, bad=True))

HEAD_EN = ["date", "cell", "duty", "inspector", "result", "hazard", "note"]
HEAD_ZH = ["日期", "网格", "检查项目", "检查人", "结果", "隐患编号", "备注"]
RESULT_ZH = {"ok": "正常", "hazard": "隐患", "n/a": "不适用"}


def excel_date(s):
    """2026-09-08 -> 2026/9/8 (Excel's short date on Chinese Windows)."""
    try:
        d = D(s)
    except ValueError:
        return s
    return f"{d.year}/{d.month}/{d.day}"


def insp_fields(r, excel):
    if excel:
        return [excel_date(r["date_s"]), r["cell_s"], r["duty_s"], r["inspector_s"],
                RESULT_ZH[r["result"]], r["hazard"], r["note"]]
    return [r["date_s"], r["cell_s"], r["duty_s"], r["inspector_s"], r["result"], r["hazard"], r["note"]]


def csv_text(header, records, delimiter=",", crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    w.writerows(records)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# The hazard ledger (隐患排查整改台账), as of 2026-11-29.
# Policy: general 7d / serious 3d / major 1d; verify within 3d.
# ---------------------------------------------------------------------------
HZ_HEAD_EN = ["id", "found", "cell", "space", "description", "level", "owner", "due", "rectified",
              "verifier", "verified", "reported", "note", "kind"]
HZ_HEAD_ZH = ["编号", "发现日期", "网格", "部位", "隐患描述", "等级", "整改责任人", "整改期限", "整改完成日期",
              "验收人", "验收日期", "上报日期", "备注", "类型"]
# id, found, cell, space, description, level, owner, due, rectified, verifier, verified, reported, note, kind
HAZARDS = [
    ("YH-2026-001", "2026-09-02", "class-2-1", "room-2-1", "二(1)班教室后门闭门器损坏，门扇回弹易夹手", "general", "zheng-qiang", "", "2026-09-04", "wu-lei", "2026-09-05", "", "已更换闭门器", "hazard"),
    ("YH-2026-002", "2026-09-07", "pe-1", "操场", "操场单杠底座锈蚀，螺栓松动", "general", "郑强", "", "2026-09-11", "邓超", "2026-09-12", "", "除锈加固，刷防锈漆", "hazard"),
    ("YH-2026-003", "2026-09-09", "gate", "gate", "校门口道闸故障，放学时无法抬杆", "serious", "zheng-qiang", "", "2026-09-10", "liang-shan", "2026-09-11", "", "厂家上门更换电机", "hazard"),
    ("YH-2026-004", "2026-09-14", "食堂", "canteen", "食堂燃气软管老化开裂", "较大", "fang-gui", "", "2026-09-15", "郑强", "2026-09-16", "", "更换为不锈钢波纹管", "hazard"),
    ("YH-2026-005", "2026-09-16", "weekly-duty", "stairs-a", "教学楼A二楼走廊灯管松动", "general", "zheng-qiang", "", "2026-09-17", "he-jun", "2026-09-18", "", "", "hazard"),
    ("YH-2026-006", "2026-09-22", "weekly-duty", "教学楼B楼梯走廊", "学生课间追逐摔伤，四(2)班一名学生膝盖擦伤", "general", "kong-ling", "", "2026-09-22", "ma-li", "2026-09-23", "", "校医处置，已通知家长；班会开展课间安全教育", "incident"),
    ("YH-2026-007", "2026-09-24", "village-dongcun", "pond-dongcun", "东村山塘防溺水警示牌缺失", "serious", "liu-cun", "", "2026-09-26", "guo-hong", "2026-09-28", "", "村委补设警示牌2块", "hazard"),
    ("YH-2026-008", "2026-09-29", "science-lab", "science-lab", "实验室酒精灯与酒精未入柜上锁", "general", "lu-ping", "2026-09-30", "2026-09-30", "zheng-qiang", "2026-09-30", "", "当场整改", "hazard"),
    ("YH-2026-009", "2026-10-12", "镇区社区网格", "校园周边", "校门口流动摊贩占道经营，影响放学路队", "general", "wei-dong", "", "2026-10-15", "guo-hong", "2026-10-16", "", "联系城管劝离", "hazard"),
    ("YH-2026-010", "2026-10-14", "computer-lab", "computer-lab", "计算机教室插座松动，有打火痕迹", "serious", "peng-bo", "", "2026-10-15", "郑强", "2026-10-16", "", "更换插座并检查线路", "hazard"),
    ("YH-2026-011", "2026-10-19", "village-nanwan", "river-nanwan", "周边水域护栏缺损：南湾河沿岸护栏缺损约15米，临近上学路段", "major", "yu-hai", "", "2026-10-20", "guo-hong", "2026-10-21", "2026-10-19", "当日设临时围挡和警示牌，书面报县教育局、镇政府；永久护栏由镇水利站修复", "hazard"),
    ("YH-2026-012", "2026-10-21", "storeroom", "器材仓库", "器材仓库灭火器过期（2具）", "general", "qian-fu", "", "2026-10-23", "钱福", "2026-10-24", "", "", "hazard"),
    ("YH-2026-013", "2026-10-26", "library", "library", "图书室靠墙书架未固定，有倾倒风险", "general", "jiang-hua", "", "", "", "", "", "已报总务处，待采购膨胀螺栓", "hazard"),
    ("YH-2026-014", "2026-10-28", "卫生室", "clinic", "卫生室药品柜锁损坏", "general", "du-juan", "", "2026-11-03", "zheng-qiang", "2026-11-01", "", "", "hazard"),
    ("YH-2026-015", "2026-11-03", "general-affairs", "bldg-b", "教学楼B外墙瓷砖空鼓脱落，下方为学生通道", "重大", "zheng-qiang", "", "2026-11-04", "zhao-min", "2026-11-05", "", "当日拉警戒线封闭通道，请施工队铲除空鼓瓷砖", "hazard"),
    ("YH-2026-016", "2026-11-05", "gate", "gate", "校门口陌生男子徘徊，多次询问学生姓名", "general", "liang-shan", "", "2026-11-05", "wu-lei", "2026-11-06", "", "保安劝离并报派出所，调取监控备查", "incident"),
    ("YH-2026-017", "2026-11-09", "class-6-1", "六(1)班教室", "六(1)班教室窗户限位器缺失", "general", "zheng-qiang", "2026-11-13", "2026-11-12", "唐军", "2026-11-13", "", "", "hazard"),
    ("YH-2026-018", "2026-11-10", "canteen", "食堂", "食堂后厨排水沟盖板缺失", "serious", "方桂", "", "2026-11-12", "", "", "", "已补装盖板，待总务处验收", "hazard"),
    ("YH-2026-019", "2026-11-13", "weekly-duty", "toilet-b", "教学楼B厕所地面瓷砖破损，易滑倒", "一般", "zheng-qiang", "2026-11-20", "", "", "", "", "瓷砖已订货，暂设防滑警示牌", "hazard"),
    ("YH-2026-020", "2026-11-16", "class-2-2", "room-2-2", "二(2)班教室吊扇异响，固定螺栓松动", "general", "zheng-qiang", "", "2026-11-20", "", "", "", "", "hazard"),
    ("YH-2026-021", "2026-11-17", "village-beiling", "reservoir-beiling", "北岭水库救生圈、救生绳缺失", "较大", "shen-lin", "", "2026-11-19", "guo-hong", "2026-11-20", "", "村委补配救生圈4个", "hazard"),
    ("YH-2026-022", "2026-11-18", "canteen", "canteen", "食堂留样冰箱温度异常（显示8℃）", "general", "fang-gui", "", "2026-11-19", "du-juan", "2026-11-20", "", "维修后恢复至2℃", "hazard"),
    ("YH-2026-023", "2026-11-24", "pe-2", "playground", "操场跑道局部塑胶破损起翘", "serious", "zheng-qiang", "", "", "", "", "", "已设警示锥，联系厂家维修", "hazard"),
    ("YH-2026-024", "2026-11-25", "music-room", "音乐教室", "音乐教室窗户插销损坏", "general", "ye-qing", "", "", "", "", "", "", "hazard"),
    ("YH-2026-025", "2026-11-27", "village-xicun", "canal-xicun", "西村灌溉渠防溺水警示牌被车辆撞倒", "较大", "qin-feng", "", "", "", "", "", "已临时摆放警示桶", "hazard"),
]
LEVEL_ZH = {"general": "一般", "serious": "较大", "major": "重大"}
KIND_ZH = {"hazard": "隐患", "incident": "事件"}
DATE_COLS = [1, 7, 8, 10, 11]

ledger_ids = {h[0] for h in HAZARDS}
for (cid, _, d), (hid, _) in FOUND.items():
    if hid in ledger_ids:
        h = next(h for h in HAZARDS if h[0] == hid)
        assert h[1] == d.isoformat(), hid
assert "YH-2026-031" not in ledger_ids


def hz_excel(h):
    h = list(h)
    for i in DATE_COLS:
        h[i] = excel_date(h[i]) if h[i] else ""
    h[5] = LEVEL_ZH.get(h[5], h[5])
    h[13] = KIND_ZH[h[13]]
    return h


# ---------------------------------------------------------------------------
# Write
# ---------------------------------------------------------------------------
def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)}")


insp_utf8 = csv_text(HEAD_EN, [insp_fields(r, False) for r in rows])
write(SCHOOL / "logs" / "inspections.csv", insp_utf8.encode("utf-8"))
hz_utf8 = csv_text(HZ_HEAD_EN, HAZARDS)
write(SCHOOL / "logs" / "hazards.csv", hz_utf8.encode("utf-8"))

# Excel "CSV (逗号分隔)" on Chinese Windows: GBK, CRLF, no BOM.
write(EXCEL / "hazards-gbk.csv", csv_text(HZ_HEAD_ZH, [hz_excel(h) for h in HAZARDS], crlf=True).encode("gbk"))
# Excel "Unicode 文本": UTF-16 LE with BOM, tab-separated, CRLF.
txt = csv_text(HEAD_ZH, [insp_fields(r, True) for r in rows], delimiter="\t", crlf=True)
write(EXCEL / "inspections-utf16.txt", b"\xff\xfe" + txt.encode("utf-16-le"))

# A summary for whoever runs this.
print(f"inspections: {len(rows)} rows ({len(rows) - len(BAD)} good, {len(BAD)} malformed); hazards: {len(HAZARDS)} rows")
for i, r in enumerate(rows):
    if r.get("bad"):
        print(f"  malformed row at line {i + 2}: {','.join(insp_fields(r, False))}")
