//! grid.toml → Grid. The TOML is parsed into a spanned tree first, then
//! walked by hand so that every unknown key, wrong type and bad reference is
//! reported in one run, each pointing at its line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::*;
use crate::findings::{Finding, Loc, Severity};
use crate::i18n::{Kind, Msg, ValueType};
use crate::source::SourceFile;

/// What loading produced: the grid when it is usable, and the findings on the
/// way (G101, G102, G104).
#[derive(Debug)]
pub struct Loaded {
    pub grid: Option<Grid>,
    pub findings: Vec<Finding>,
    pub path: PathBuf,
}

/// The file could not be read or parsed at all: exit 2.
#[derive(Debug, Clone)]
pub struct Fatal {
    pub msg: Msg,
    pub loc: Option<Loc>,
}

impl Fatal {
    fn new(msg: Msg, loc: Option<Loc>) -> Fatal {
        Fatal { msg, loc }
    }
}

/// A file that stops a school as a finding (G101), for reports that carry
/// every school's findings.
impl From<Fatal> for crate::findings::Finding {
    fn from(f: Fatal) -> Self {
        let mut finding = crate::findings::Finding::new("G101", f.msg);
        finding.loc = f.loc;
        finding
    }
}

/// Resolve a command's PATH: a grid.toml, a school folder, or a folder of
/// school folders (every `*/grid.toml` one level down, sorted).
pub fn find_grid_files(path: &Path) -> Result<Vec<PathBuf>, Fatal> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| {
        Fatal::new(
            Msg::NotFound {
                path: shown.clone(),
            },
            Some(Loc::file(&shown)),
        )
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let direct = path.join("grid.toml");
    if direct.is_file() {
        return Ok(vec![direct]);
    }
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            let g = e.path().join("grid.toml");
            if g.is_file() {
                found.push(g);
            }
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(Fatal::new(
            Msg::NoGrid {
                path: shown.clone(),
            },
            Some(Loc::file(&shown)),
        ));
    }
    Ok(found)
}

/// Read and load one grid.toml.
pub fn load_file(path: &Path) -> Result<Loaded, Fatal> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let msg = if e.kind() == std::io::ErrorKind::NotFound {
            Msg::NotFound {
                path: shown.clone(),
            }
        } else {
            Msg::Unreadable {
                path: shown.clone(),
                error: e.to_string(),
            }
        };
        Fatal::new(msg, Some(Loc::file(&shown)))
    })?;
    let text = decode_toml(&shown, bytes)?;
    let src = Arc::new(SourceFile::new(path.to_path_buf(), text));
    load_source(src)
}

/// TOML must be UTF-8; say plainly what the file is instead, with the line
/// where it goes wrong.
fn decode_toml(shown: &str, bytes: Vec<u8>) -> Result<String, Fatal> {
    let loc = || Some(Loc::file(shown));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Fatal::new(Msg::Utf16 { path: shown.into() }, loc()));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Fatal::new(Msg::EmptyGrid { path: shown.into() }, loc()));
    }
    if body.contains(&0) {
        return Err(Fatal::new(Msg::Binary { path: shown.into() }, loc()));
    }
    match simdutf8::compat::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = body[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let (_, _, had_errors) = encoding_rs::GB18030.decode(body);
            Err(Fatal::new(
                Msg::NotUtf8 {
                    path: shown.into(),
                    gbk: !had_errors,
                },
                Some(Loc::line(shown, line)),
            ))
        }
    }
}

/// Load grid text that is already in memory (tests, generators); `path` names it in messages.
pub fn load_str(path: &Path, text: &str) -> Result<Loaded, Fatal> {
    load_source(Arc::new(SourceFile::new(
        path.to_path_buf(),
        text.to_string(),
    )))
}

pub(crate) fn load_source(src: Arc<SourceFile>) -> Result<Loaded, Fatal> {
    let root = match DeTable::parse(&src.text) {
        Ok(t) => t,
        Err(e) => {
            let loc = e
                .span()
                .map(|s| Loc::span(&src, &s))
                .or_else(|| Some(Loc::file(&src.path().display().to_string())));
            let detail = e.message().trim().replace('\n', "; ");
            return Err(Fatal::new(Msg::Syntax { detail }, loc));
        }
    };
    let mut w = Walker {
        src: src.clone(),
        findings: Vec::new(),
        suggested: 0,
    };
    let grid = w.grid(root.get_ref());
    Ok(Loaded {
        grid,
        findings: w.findings,
        path: src.path().to_path_buf(),
    })
}

type Val<'i> = Spanned<DeValue<'i>>;

fn span_of<T>(v: &Spanned<T>) -> Span {
    v.span()
}

fn type_of(v: &DeValue) -> ValueType {
    match v {
        DeValue::String(_) => ValueType::String,
        DeValue::Integer(_) => ValueType::Integer,
        DeValue::Float(_) => ValueType::Float,
        DeValue::Boolean(_) => ValueType::Boolean,
        DeValue::Datetime(_) => ValueType::Date,
        DeValue::Array(_) => ValueType::Array,
        DeValue::Table(_) => ValueType::Table,
    }
}

/// A date from a TOML date (or a quoted `YYYY-MM-DD`).
fn as_date(v: &DeValue) -> Option<NaiveDate> {
    match v {
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
        }
        DeValue::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }
    .filter(|d| crate::calendar::YEARS.contains(&chrono::Datelike::year(d)))
}

/// "HH:MM" → minutes; "24:00" allowed as an end.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// "36h", "7d", "2w" → hours.
pub fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()].trim().parse().ok()?;
    let hours = match unit {
        'h' => Some(n),
        'd' => n.checked_mul(24),
        'w' => n.checked_mul(24 * 7),
        _ => None,
    }?;
    // A deadline is hours to years, never nothing and never centuries.
    (1..=MAX_DURATION_HOURS).contains(&hours).then_some(hours)
}

/// Ten years.
pub const MAX_DURATION_HOURS: i64 = 10 * 366 * 24;

const ROOT_KEYS: &[&str] = &[
    "format", "school", "calendar", "slots", "spaces", "villages", "roles", "people", "rosters",
    "cells", "policy", "waivers", "logs",
];

struct Walker {
    src: Arc<SourceFile>,
    findings: Vec<Finding>,
    /// Unknown references given a "did you mean" so far.
    suggested: usize,
}

const MAX_SUGGESTIONS: usize = 100;

/// The longest term gridctl accepts: two years.
const MAX_TERM_DAYS: i64 = 2 * 366;

/// Ids of every section, known before anything refers to them.
#[derive(Default)]
struct Ids {
    index: Index,
    /// Names, for "that is the name of …, use the id" hints.
    names: HashMap<Kind, Vec<(String, String)>>,
    order: HashMap<Kind, Vec<String>>,
}

impl Ids {
    fn map(&self, kind: Kind) -> &HashMap<String, usize> {
        match kind {
            Kind::Slot => &self.index.slots,
            Kind::Space => &self.index.spaces,
            Kind::Village => &self.index.villages,
            Kind::Role => &self.index.roles,
            Kind::Person => &self.index.people,
            Kind::Roster => &self.index.rosters,
            _ => &self.index.cells,
        }
    }
    fn map_mut(&mut self, kind: Kind) -> &mut HashMap<String, usize> {
        match kind {
            Kind::Slot => &mut self.index.slots,
            Kind::Space => &mut self.index.spaces,
            Kind::Village => &mut self.index.villages,
            Kind::Role => &mut self.index.roles,
            Kind::Person => &mut self.index.people,
            Kind::Roster => &mut self.index.rosters,
            _ => &mut self.index.cells,
        }
    }
}

const SECTIONS: [(&str, Kind); 7] = [
    ("slots", Kind::Slot),
    ("spaces", Kind::Space),
    ("villages", Kind::Village),
    ("roles", Kind::Role),
    ("people", Kind::Person),
    ("rosters", Kind::Roster),
    ("cells", Kind::Cell),
];

impl Walker {
    fn push(&mut self, code: &'static str, span: &Span, msg: Msg) {
        let f = Finding::new(code, msg).at_span(&self.src, span);
        self.findings.push(f);
    }

    fn wrong_type(&mut self, key: &str, v: &Val, expected: ValueType) {
        self.push(
            "G101",
            &span_of(v),
            Msg::WrongType {
                key: key.to_string(),
                expected,
                found: type_of(v.get_ref()),
            },
        );
    }

    fn missing(&mut self, span: &Span, key: &str, table: &str) {
        self.push(
            "G101",
            span,
            Msg::MissingKey {
                key: key.to_string(),
                table: table.to_string(),
            },
        );
    }

    /// Report keys not in `allowed`, with the nearest allowed key.
    fn keys(&mut self, t: &DeTable, allowed: &[&str], table: &str) {
        for (k, _) in t.iter() {
            let key: &str = k.get_ref();
            if !allowed.contains(&key) {
                let suggestion = did_you_mean(key, allowed.iter().copied());
                self.push(
                    "G101",
                    &span_of(k),
                    Msg::UnknownKey {
                        key: key.to_string(),
                        table: table.to_string(),
                        suggestion,
                    },
                );
            }
        }
    }

    fn table<'a, 'i>(&mut self, key: &str, v: &'a Val<'i>) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(key, v, ValueType::Table);
                None
            }
        }
    }

    fn string(&mut self, t: &DeTable, key: &str) -> Option<(String, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), span_of(v))),
            _ => {
                self.wrong_type(key, v, ValueType::String);
                None
            }
        }
    }

    fn integer(&mut self, t: &DeTable, key: &str) -> Option<(i64, Span)> {
        let v = t.get(key)?;
        let parsed = v
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match parsed {
            Some(n) => Some((n, span_of(v))),
            None => {
                self.wrong_type(key, v, ValueType::Integer);
                None
            }
        }
    }

    /// The rule a code names (G104 with a "did you mean" otherwise).
    fn rule(&mut self, written: String, span: &Span) -> Option<&'static crate::rules::Rule> {
        let rule = crate::rules::rule(&written);
        if rule.is_none() {
            let suggestion = did_you_mean(&written, crate::rules::RULES.iter().map(|r| r.code));
            let msg = Msg::UnknownRule {
                code: written,
                suggestion,
            };
            self.push("G104", span, msg);
        }
        rule
    }

    /// A whole number of at least `min` (G104 otherwise).
    fn count(&mut self, t: &DeTable, key: &str, min: u32) -> Option<u32> {
        let (n, sp) = self.integer(t, key)?;
        match u32::try_from(n) {
            Ok(c) if c >= min => Some(c),
            _ => {
                let msg = Msg::BadNumber {
                    key: key.into(),
                    value: n,
                    min,
                };
                self.push("G104", &sp, msg);
                None
            }
        }
    }

    fn boolean(&mut self, t: &DeTable, key: &str) -> Option<bool> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, v, ValueType::Boolean);
                None
            }
        }
    }

    fn date_val(&mut self, key: &str, v: &Val) -> Option<NaiveDate> {
        match as_date(v.get_ref()) {
            Some(d) => Some(d),
            None => {
                if let DeValue::String(s) = v.get_ref() {
                    self.push(
                        "G104",
                        &span_of(v),
                        Msg::BadDate {
                            value: s.to_string(),
                        },
                    );
                } else {
                    self.wrong_type(key, v, ValueType::Date);
                }
                None
            }
        }
    }

    fn date(&mut self, t: &DeTable, key: &str) -> Option<(NaiveDate, Span)> {
        let v = t.get(key)?;
        self.date_val(key, v).map(|d| (d, span_of(v)))
    }

    fn array<'a, 'i>(&mut self, t: &'a DeTable<'i>, key: &str) -> Option<&'a [Val<'i>]> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some(&a[..]),
            _ => {
                self.wrong_type(key, v, ValueType::Array);
                None
            }
        }
    }

    fn strings(&mut self, t: &DeTable, key: &str) -> Option<Vec<(String, Span)>> {
        let arr = self.array(t, key)?;
        let mut out = Vec::new();
        for v in arr {
            match v.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), span_of(v))),
                _ => self.wrong_type(key, v, ValueType::String),
            }
        }
        Some(out)
    }

    fn choice<T: Copy>(
        &mut self,
        t: &DeTable,
        key: &str,
        allowed: &[(&'static str, T)],
    ) -> Option<T> {
        let (s, span) = self.string(t, key)?;
        match allowed.iter().find(|(n, _)| *n == s) {
            Some((_, v)) => Some(*v),
            None => {
                self.push(
                    "G104",
                    &span,
                    Msg::BadChoice {
                        key: key.to_string(),
                        value: s.clone(),
                        allowed: allowed
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", "),
                        suggestion: did_you_mean(&s, allowed.iter().map(|(n, _)| *n)),
                    },
                );
                None
            }
        }
    }

    /// Resolve an id reference, or report G102 with the nearest id, or the id
    /// whose name was written.
    fn resolve(&mut self, ids: &Ids, kind: Kind, id: &str, span: &Span) -> Option<usize> {
        if let Some(&i) = ids.map(kind).get(id) {
            return Some(i);
        }
        // A file full of misspelt ids gets hints for the first ones only:
        // each costs a pass over every id and name of the kind.
        self.suggested += 1;
        let hints = self.suggested <= MAX_SUGGESTIONS;
        let by_name = ids
            .names
            .get(&kind)
            .filter(|_| hints)
            .and_then(|v| v.iter().find(|(_, n)| n == id).map(|(i, _)| i.clone()));
        let suggestion = if by_name.is_some() || !hints {
            None
        } else {
            did_you_mean(
                id,
                ids.order
                    .get(&kind)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            )
        };
        self.push(
            "G102",
            span,
            Msg::UnknownRef {
                kind,
                id: id.to_string(),
                suggestion,
                by_name,
            },
        );
        None
    }

    fn resolve_list(
        &mut self,
        ids: &Ids,
        kind: Kind,
        t: &DeTable,
        key: &str,
    ) -> Option<Vec<usize>> {
        let list = self.strings(t, key)?;
        Some(
            list.iter()
                .filter_map(|(s, sp)| self.resolve(ids, kind, s, sp))
                .collect(),
        )
    }

    fn collect_ids(&mut self, root: &DeTable) -> Ids {
        let mut ids = Ids::default();
        for (section, kind) in SECTIONS {
            let Some(v) = root.get(section) else { continue };
            let DeValue::Table(t) = v.get_ref() else {
                continue;
            };
            let mut order = Vec::new();
            let mut names = Vec::new();
            for (i, (k, v)) in t.iter().enumerate() {
                ids.map_mut(kind).insert(k.get_ref().to_string(), i);
                order.push(k.get_ref().to_string());
                if let DeValue::Table(entry) = v.get_ref()
                    && let Some(n) = entry.get("name").and_then(|n| n.get_ref().as_str())
                {
                    names.push((k.get_ref().to_string(), n.to_string()));
                }
            }
            ids.order.insert(kind, order);
            ids.names.insert(kind, names);
        }
        ids
    }

    /// The entries of a section as (id, id span, table), type errors reported.
    fn entries<'a, 'i>(
        &mut self,
        root: &'a DeTable<'i>,
        section: &str,
    ) -> Vec<(String, Span, Option<&'a DeTable<'i>>)> {
        let Some(v) = root.get(section) else {
            return Vec::new();
        };
        let Some(t) = self.table(section, v) else {
            return Vec::new();
        };
        t.iter()
            .map(|(k, v)| {
                let id = k.get_ref().to_string();
                let table = self.table(&format!("{section}.{id}"), v);
                (id, span_of(k), table)
            })
            .collect()
    }

    fn grid(&mut self, root: &DeTable) -> Option<Grid> {
        self.keys(root, ROOT_KEYS, "");
        if root.get("format").is_none() {
            self.missing(&(0..0), "format", "");
        } else if let Some((n, sp)) = self.integer(root, "format")
            && n != 1
        {
            self.push("G104", &sp, Msg::BadFormat { value: n });
        }
        let ids = self.collect_ids(root);
        let school = self.school(root);
        let calendar = self.calendar(root, school.as_ref());
        let slots = self.slots(root);
        let spaces = self.spaces(root, &ids);
        let villages = self.villages(root);
        let roles = self.roles(root);
        let people = self.people(root, &ids);
        let rosters = self.rosters(root, &ids);
        let policy = self.policy(root);
        let cells = self.cells(root, &ids, &policy);
        let waivers = self.waivers(root, &ids);
        let logs = self.logs(root);
        if slots.len() > crate::coverage::MAX_SLOTS {
            self.push(
                "G104",
                &(0..0),
                Msg::TooManySlots {
                    count: slots.len(),
                    max: crate::coverage::MAX_SLOTS,
                },
            );
            return None;
        }
        let school = school?;
        Some(Grid {
            dir: self
                .src
                .path()
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            source: self.src.clone(),
            school,
            calendar,
            slots,
            spaces,
            villages,
            roles,
            people,
            rosters,
            cells,
            policy,
            waivers,
            logs,
            index: ids.index,
        })
    }

    fn school(&mut self, root: &DeTable) -> Option<School> {
        let Some(v) = root.get("school") else {
            self.missing(&(0..0), "school", "");
            return None;
        };
        let t = self.table("school", v)?;
        self.keys(t, &["name", "term"], "school");
        let name = self.string(t, "name").map(|(s, _)| s);
        if name.is_none() && t.get("name").is_none() {
            self.missing(&span_of(v), "name", "school");
        }
        let Some(term) = t.get("term") else {
            self.missing(&span_of(v), "term", "school");
            return None;
        };
        let tt = self.table("term", term)?;
        self.keys(tt, &["start", "end"], "school.term");
        let start = self.date(tt, "start");
        let end = self.date(tt, "end");
        if tt.get("start").is_none() {
            self.missing(&span_of(term), "start", "school.term");
        }
        if tt.get("end").is_none() {
            self.missing(&span_of(term), "end", "school.term");
        }
        let (start, end) = (start?.0, end?.0);
        // A term is a few months; a date typed wrong by years would make
        // every rule walk decades of days.
        if crate::calendar::days_between(start, end) > MAX_TERM_DAYS {
            self.push(
                "G104",
                &span_of(term),
                Msg::TermTooLong {
                    from: start.to_string(),
                    to: end.to_string(),
                },
            );
            return None;
        }
        if end < start {
            self.push(
                "G104",
                &span_of(term),
                Msg::RangeReversed {
                    from: start.to_string(),
                    to: end.to_string(),
                },
            );
            return None;
        }
        Some(School {
            name: name.unwrap_or_default(),
            term_start: start,
            term_end: end,
            term_span: span_of(term),
        })
    }

    fn outside_term(&mut self, school: Option<&School>, d: NaiveDate, span: &Span) {
        if let Some(s) = school
            && (d < s.term_start || d > s.term_end)
        {
            self.push(
                "G104",
                span,
                Msg::DateOutsideTerm {
                    date: d.to_string(),
                    start: s.term_start.to_string(),
                    end: s.term_end.to_string(),
                },
            );
        }
    }

    /// A `{ from, to, … }` range; `extra` are the other allowed keys.
    fn range(
        &mut self,
        v: &Val,
        ctx: &str,
        extra: &[&str],
    ) -> Option<(NaiveDate, NaiveDate, Span)> {
        let t = self.table(ctx, v)?;
        let mut allowed = vec!["from", "to"];
        allowed.extend_from_slice(extra);
        self.keys(t, &allowed, ctx);
        let from = self.date(t, "from");
        let to = self.date(t, "to");
        for k in ["from", "to"] {
            if t.get(k).is_none() {
                self.missing(&span_of(v), k, ctx);
            }
        }
        let ((from, _), (to, _)) = (from?, to?);
        if to < from {
            self.push(
                "G104",
                &span_of(v),
                Msg::RangeReversed {
                    from: from.to_string(),
                    to: to.to_string(),
                },
            );
            return None;
        }
        Some((from, to, span_of(v)))
    }

    fn calendar(&mut self, root: &DeTable, school: Option<&School>) -> CalendarDef {
        let mut cal = CalendarDef {
            weekdays: [true, true, true, true, true, false, false],
            holidays: Vec::new(),
            workdays: Vec::new(),
        };
        let Some(v) = root.get("calendar") else {
            return cal;
        };
        let Some(t) = self.table("calendar", v) else {
            return cal;
        };
        self.keys(t, &["weekdays", "holidays", "workdays"], "calendar");
        const DAYS: [(&str, usize); 7] = [
            ("mon", 0),
            ("tue", 1),
            ("wed", 2),
            ("thu", 3),
            ("fri", 4),
            ("sat", 5),
            ("sun", 6),
        ];
        if let Some(list) = self.strings(t, "weekdays") {
            cal.weekdays = [false; 7];
            for (s, sp) in list {
                match DAYS.iter().find(|(n, _)| *n == s.to_ascii_lowercase()) {
                    Some((_, i)) => cal.weekdays[*i] = true,
                    None => self.push(
                        "G104",
                        &sp,
                        Msg::BadChoice {
                            key: "weekdays".into(),
                            value: s.clone(),
                            allowed: "mon, tue, wed, thu, fri, sat, sun".into(),
                            suggestion: did_you_mean(&s, DAYS.iter().map(|(n, _)| *n)),
                        },
                    ),
                }
            }
        }
        if let Some(arr) = self.array(t, "holidays") {
            for v in arr {
                if let Some((from, to, span)) = self.range(v, "calendar.holidays", &["name"]) {
                    self.outside_term(school, from, &span);
                    if to != from {
                        self.outside_term(school, to, &span);
                    }
                    let name = v
                        .get_ref()
                        .as_table()
                        .and_then(|t| t.get("name"))
                        .and_then(|n| n.get_ref().as_str())
                        .unwrap_or("")
                        .to_string();
                    cal.holidays.push(Holiday {
                        from,
                        to,
                        name,
                        span,
                    });
                }
            }
        }
        if let Some(arr) = self.array(t, "workdays") {
            for v in arr {
                if let Some(d) = self.date_val("workdays", v) {
                    self.outside_term(school, d, &span_of(v));
                    cal.workdays.push((d, span_of(v)));
                }
            }
        }
        cal
    }

    fn slots(&mut self, root: &DeTable) -> Vec<Slot> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "slots") {
            let ctx = format!("slots.{id}");
            let (mut start, mut end) = (0, 24 * 60);
            let mut on = On::SchoolDays;
            let mut name = id.clone();
            if let Some(t) = t {
                self.keys(t, &["name", "time", "on"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    name = n;
                }
                match self.string(t, "time") {
                    Some((s, sp)) => match s
                        .split_once('-')
                        .and_then(|(a, b)| Some((parse_hhmm(a)?, parse_hhmm(b)?)))
                    {
                        Some((a, b)) if a < b && a < 24 * 60 => {
                            start = a;
                            end = b;
                        }
                        _ => self.push("G104", &sp, Msg::BadTimeRange { value: s }),
                    },
                    None if t.get("time").is_none() => self.missing(&span, "time", &ctx),
                    None => {}
                }
                if let Some(o) = self.choice(t, "on", ON_CHOICES) {
                    on = o;
                }
            }
            out.push(Slot {
                id,
                span,
                name,
                start,
                end,
                on,
            });
        }
        out
    }

    fn spaces(&mut self, root: &DeTable, ids: &Ids) -> Vec<Space> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "spaces") {
            let ctx = format!("spaces.{id}");
            let mut space = Space {
                name: id.clone(),
                id,
                span,
                within: None,
                slots: None,
            };
            if let Some(t) = t {
                self.keys(t, &["name", "within", "slots"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    space.name = n;
                }
                if let Some((w, sp)) = self.string(t, "within") {
                    space.within = self.resolve(ids, Kind::Space, &w, &sp);
                }
                space.slots = self.resolve_list(ids, Kind::Slot, t, "slots");
            }
            out.push(space);
        }
        out
    }

    fn villages(&mut self, root: &DeTable) -> Vec<Village> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "villages") {
            let ctx = format!("villages.{id}");
            let mut v = Village {
                name: id.clone(),
                id,
                span,
                students: 0,
            };
            if let Some(t) = t {
                self.keys(t, &["name", "students"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    v.name = n;
                }
                if let Some(n) = self.count(t, "students", 0) {
                    v.students = n;
                }
            }
            out.push(v);
        }
        out
    }

    fn duties(&mut self, t: &DeTable, ctx: &str) -> Vec<Duty> {
        let mut out: Vec<Duty> = Vec::new();
        let Some(arr) = self.array(t, "duties") else {
            return out;
        };
        for v in arr {
            let Some(d) = self.table("duties", v) else {
                continue;
            };
            let dctx = format!("{ctx}.duties");
            self.keys(d, &["id", "text", "every"], &dctx);
            let id = self.string(d, "id");
            let text = self.string(d, "text");
            for k in ["id", "text", "every"] {
                if d.get(k).is_none() {
                    self.missing(&span_of(v), k, &dctx);
                }
            }
            let every = self.choice(d, "every", &Every::ALL);
            if let (Some((id, id_span)), Some((text, _)), Some(every)) = (id, text, every) {
                if out.iter().any(|o| o.id == id) {
                    self.push("G104", &id_span, Msg::DuplicateDuty { id: id.clone() });
                    continue;
                }
                out.push(Duty {
                    id,
                    text,
                    every,
                    span: span_of(v),
                });
            }
        }
        out
    }

    fn roles(&mut self, root: &DeTable) -> Vec<Role> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "roles") {
            let ctx = format!("roles.{id}");
            let mut role = Role {
                name: id.clone(),
                id,
                span,
                duties: Vec::new(),
            };
            if let Some(t) = t {
                self.keys(t, &["name", "duties"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    role.name = n;
                }
                role.duties = self.duties(t, &ctx);
            }
            out.push(role);
        }
        out
    }

    fn people(&mut self, root: &DeTable, ids: &Ids) -> Vec<Person> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "people") {
            let ctx = format!("people.{id}");
            let mut p = Person {
                name: id.clone(),
                id,
                span,
                phone: None,
                roles: Vec::new(),
                left: None,
                away: Vec::new(),
                org: None,
            };
            if let Some(t) = t {
                self.keys(t, &["name", "phone", "roles", "left", "away", "org"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    p.name = n;
                }
                p.phone = self
                    .string(t, "phone")
                    .map(|(s, _)| s)
                    .filter(|s| !s.trim().is_empty());
                p.roles = self
                    .resolve_list(ids, Kind::Role, t, "roles")
                    .unwrap_or_default();
                p.left = self.date(t, "left").map(|(d, _)| d);
                p.org = self.string(t, "org").map(|(s, _)| s);
                if let Some(arr) = self.array(t, "away") {
                    for v in arr {
                        if let Some((from, to, span)) =
                            self.range(v, &format!("{ctx}.away"), &["why"])
                        {
                            let why = v
                                .get_ref()
                                .as_table()
                                .and_then(|t| t.get("why"))
                                .and_then(|n| n.get_ref().as_str())
                                .unwrap_or("")
                                .to_string();
                            p.away.push(Away {
                                from,
                                to,
                                why,
                                span,
                            });
                        }
                    }
                }
            }
            out.push(p);
        }
        out
    }

    fn rosters(&mut self, root: &DeTable, ids: &Ids) -> Vec<Roster> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "rosters") {
            let ctx = format!("rosters.{id}");
            let mut r = Roster {
                name: id.clone(),
                id,
                span: span.clone(),
                per: Per::Week,
                on: On::SchoolDays,
                size: 1,
                pool: Vec::new(),
                file: None,
                file_span: None,
            };
            if let Some(t) = t {
                self.keys(t, &["name", "per", "on", "size", "pool", "file"], &ctx);
                if let Some((n, _)) = self.string(t, "name") {
                    r.name = n;
                }
                if let Some(p) = self.choice(t, "per", &[("week", Per::Week), ("day", Per::Day)]) {
                    r.per = p;
                }
                if let Some(o) = self.choice(t, "on", ON_CHOICES) {
                    r.on = o;
                }
                if let Some(n) = self.count(t, "size", 1) {
                    r.size = n;
                }
                r.pool = self
                    .resolve_list(ids, Kind::Person, t, "pool")
                    .unwrap_or_default();
                if t.get("pool").is_none() {
                    self.missing(&span, "pool", &ctx);
                }
                if let Some((f, sp)) = self.string(t, "file") {
                    r.file = Some(PathBuf::from(f));
                    r.file_span = Some(sp);
                }
            }
            out.push(r);
        }
        out
    }

    fn policy(&mut self, root: &DeTable) -> Policy {
        let mut p = Policy::default();
        let Some(v) = root.get("policy") else {
            return p;
        };
        let Some(t) = self.table("policy", v) else {
            return p;
        };
        self.keys(
            t,
            &[
                "offcampus-roles",
                "max-cells-per-person",
                "require-phone",
                "hazard-deadline",
                "verify-within",
                "score",
                "rules",
            ],
            "policy",
        );
        if let Some(list) = self.strings(t, "offcampus-roles") {
            p.offcampus_roles = list.into_iter().map(|(s, _)| s).collect();
        }
        if let Some(n) = self.count(t, "max-cells-per-person", 1) {
            p.max_cells_per_person = n;
        }
        if let Some(b) = self.boolean(t, "require-phone") {
            p.require_phone = b;
        }
        if let Some(hv) = t.get("hazard-deadline")
            && let Some(h) = self.table("hazard-deadline", hv)
        {
            self.keys(
                h,
                &["general", "serious", "major"],
                "policy.hazard-deadline",
            );
            for (i, k) in ["general", "serious", "major"].iter().enumerate() {
                if let Some(hours) = self.duration(h, k) {
                    p.hazard_deadline_hours[i] = hours;
                }
            }
        }
        if let Some(hours) = self.duration(t, "verify-within") {
            p.verify_within_hours = hours;
        }
        if let Some(sv) = t.get("score")
            && let Some(s) = self.table("score", sv)
        {
            self.keys(s, &["inspections", "hazards"], "policy.score");
            if let Some(n) = self.count(s, "inspections", 0) {
                p.score_inspections = n;
            }
            if let Some(n) = self.count(s, "hazards", 0) {
                p.score_hazards = n;
            }
        }
        if let Some(rv) = t.get("rules")
            && let Some(r) = self.table("rules", rv)
        {
            for (k, v) in r.iter() {
                let written = k.get_ref().to_string();
                let Some(rule) = self.rule(written, &span_of(k)) else {
                    continue;
                };
                let code = rule.code.to_string();
                match v.get_ref().as_str() {
                    Some("off") => {
                        p.rules.insert(code, (None, span_of(v)));
                    }
                    Some(s) if Severity::parse(s).is_some() => {
                        p.rules.insert(code, (Severity::parse(s), span_of(v)));
                    }
                    Some(s) => self.push(
                        "G104",
                        &span_of(v),
                        Msg::BadChoice {
                            key: code.clone(),
                            value: s.to_string(),
                            allowed: "off, info, warning, error".into(),
                            suggestion: did_you_mean(s, ["off", "info", "warning", "error"]),
                        },
                    ),
                    None => self.wrong_type(&code, v, ValueType::String),
                }
            }
        }
        p
    }

    fn duration(&mut self, t: &DeTable, key: &str) -> Option<i64> {
        let (s, sp) = self.string(t, key)?;
        match parse_duration(&s) {
            Some(h) => Some(h),
            None => {
                self.push("G104", &sp, Msg::BadDuration { value: s });
                None
            }
        }
    }

    fn cells(&mut self, root: &DeTable, ids: &Ids, policy: &Policy) -> Vec<Cell> {
        let mut out = Vec::new();
        for (id, span, t) in self.entries(root, "cells") {
            let ctx = format!("cells.{id}");
            let mut c = Cell {
                name: id.clone(),
                id,
                span: span.clone(),
                level: 0,
                level_span: span.clone(),
                parent: None,
                parent_span: None,
                admin: None,
                admin_span: None,
                deputy: None,
                role: None,
                duties: Vec::new(),
                spaces: Vec::new(),
                slots: None,
                scope: Scope::Campus,
                villages: Vec::new(),
                members: Vec::new(),
                members_span: None,
            };
            let Some(t) = t else {
                out.push(c);
                continue;
            };
            self.keys(
                t,
                &[
                    "name", "level", "parent", "admin", "deputy", "role", "duties", "spaces",
                    "slots", "scope", "villages", "members",
                ],
                &ctx,
            );
            if let Some((n, _)) = self.string(t, "name") {
                c.name = n;
            }
            match self.integer(t, "level") {
                Some((n, sp)) if (1..=4).contains(&n) => {
                    c.level = n as u8;
                    c.level_span = sp;
                }
                Some((n, sp)) => {
                    self.push("G104", &sp, Msg::BadLevel { value: n });
                    c.level_span = sp;
                }
                None if t.get("level").is_none() => self.missing(&span, "level", &ctx),
                None => {}
            }
            if let Some((p, sp)) = self.string(t, "parent") {
                c.parent = self.resolve(ids, Kind::Cell, &p, &sp);
                c.parent_span = Some(sp);
            }
            if let Some(s) = self.choice(
                t,
                "scope",
                &[("campus", Scope::Campus), ("off-campus", Scope::OffCampus)],
            ) {
                c.scope = s;
            }
            if let Some((a, sp)) = self.string(t, "admin") {
                c.admin = match a.strip_prefix('@') {
                    Some(r) => self.resolve(ids, Kind::Roster, r, &sp).map(Admin::Roster),
                    None => self.resolve(ids, Kind::Person, &a, &sp).map(Admin::Person),
                };
                c.admin_span = Some(sp);
            }
            if let Some((d, sp)) = self.string(t, "deputy") {
                c.deputy = self.resolve(ids, Kind::Person, &d, &sp);
            }
            if let Some((r, sp)) = self.string(t, "role") {
                c.role = self.resolve(ids, Kind::Role, &r, &sp);
            }
            c.duties = self.duties(t, &ctx);
            c.spaces = self
                .resolve_list(ids, Kind::Space, t, "spaces")
                .unwrap_or_default();
            c.slots = self.resolve_list(ids, Kind::Slot, t, "slots");
            c.villages = self
                .resolve_list(ids, Kind::Village, t, "villages")
                .unwrap_or_default();
            if let Some(mv) = t.get("members")
                && let Some(m) = self.table("members", mv)
            {
                c.members_span = Some(span_of(mv));
                if c.scope == Scope::Campus {
                    self.push("G104", &span_of(mv), Msg::MembersOnCampus);
                }
                for (k, v) in m.iter() {
                    let role = k.get_ref().to_string();
                    if !policy.offcampus_roles.contains(&role) {
                        let suggestion =
                            did_you_mean(&role, policy.offcampus_roles.iter().map(String::as_str));
                        self.push(
                            "G102",
                            &span_of(k),
                            Msg::UnknownRef {
                                kind: Kind::OffcampusRole,
                                id: role.clone(),
                                suggestion,
                                by_name: None,
                            },
                        );
                        continue;
                    }
                    match v.get_ref().as_str() {
                        Some(pid) => {
                            if let Some(person) = self.resolve(ids, Kind::Person, pid, &span_of(v))
                            {
                                c.members.push(Member {
                                    role,
                                    person,
                                    span: span_of(v),
                                });
                            }
                        }
                        None => self.wrong_type(&role, v, ValueType::String),
                    }
                }
            }
            out.push(c);
        }
        out
    }

    fn waivers(&mut self, root: &DeTable, ids: &Ids) -> Vec<Waiver> {
        let mut out = Vec::new();
        let Some(arr) = self.array(root, "waivers") else {
            return out;
        };
        for v in arr {
            let Some(t) = self.table("waivers", v) else {
                continue;
            };
            self.keys(
                t,
                &[
                    "rule", "space", "slot", "cell", "person", "village", "until", "by", "why",
                ],
                "waivers",
            );
            let mut w = Waiver {
                rule: String::new(),
                space: None,
                slot: None,
                cell: None,
                person: None,
                village: None,
                until: None,
                by: None,
                why: String::new(),
                span: span_of(v),
                unresolved: false,
            };
            match self.string(t, "rule") {
                Some((r, sp)) => {
                    let Some(rule) = self.rule(r, &sp) else {
                        continue;
                    };
                    w.rule = rule.code.to_string();
                }
                None => {
                    if t.get("rule").is_none() {
                        self.missing(&span_of(v), "rule", "waivers");
                    }
                    continue;
                }
            }
            let mut unresolved = false;
            let mut one = |w: &mut Walker, key: &str, kind: Kind| -> Option<usize> {
                let (s, sp) = w.string(t, key)?;
                let r = w.resolve(ids, kind, &s, &sp);
                unresolved |= r.is_none();
                r
            };
            w.space = one(self, "space", Kind::Space);
            w.slot = one(self, "slot", Kind::Slot);
            w.cell = one(self, "cell", Kind::Cell);
            w.person = one(self, "person", Kind::Person);
            w.village = one(self, "village", Kind::Village);
            w.by = one(self, "by", Kind::Person);
            w.unresolved = unresolved;
            w.until = self.date(t, "until").map(|(d, _)| d);
            match self.string(t, "why") {
                Some((s, _)) if !s.trim().is_empty() => w.why = s,
                _ => self.missing(&span_of(v), "why", "waivers"),
            }
            if t.get("by").is_none() {
                self.missing(&span_of(v), "by", "waivers");
            }
            out.push(w);
        }
        out
    }

    fn logs(&mut self, root: &DeTable) -> LogPaths {
        let mut l = LogPaths::default();
        let Some(v) = root.get("logs") else { return l };
        let Some(t) = self.table("logs", v) else {
            return l;
        };
        self.keys(t, &["inspections", "hazards"], "logs");
        l.inspections = self.string(t, "inspections").map(|(s, _)| PathBuf::from(s));
        l.hazards = self.string(t, "hazards").map(|(s, _)| PathBuf::from(s));
        l
    }
}

const ON_CHOICES: &[(&str, On)] = &[
    ("schooldays", On::SchoolDays),
    ("non-school", On::NonSchool),
    ("all", On::All),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("36h"), Some(36));
        assert_eq!(parse_duration("7d"), Some(168));
        assert_eq!(parse_duration("2w"), Some(336));
        assert_eq!(parse_duration("7"), None);
        assert_eq!(parse_duration("0d"), None);
        assert_eq!(
            parse_duration("9999999999999d"),
            None,
            "capped, not overflowing"
        );
        assert_eq!(parse_duration("99999999999999999w"), None);
        assert_eq!(parse_duration("3650d"), Some(3650 * 24));
        assert_eq!(parse_hhmm("07:30"), Some(450));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("25:00"), None);
        assert_eq!(parse_hhmm("7:3"), None);
    }
}
