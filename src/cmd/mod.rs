//! One module per command. This one holds what they share: the session
//! (language, format, colour, date), loading the schools of a PATH, and the
//! exit code.

pub mod audit;
pub mod check;
pub mod checklist;
pub mod diff;
pub mod explain;
pub mod init;
pub mod matrix;
pub mod notice;
pub mod roster;
pub mod score;
pub mod tree;
pub mod who;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::cli::{ColorArg, Format, Global};
use crate::coverage::Coverage;
use crate::findings::{Finding, Severity, Summary};
use crate::i18n::{Lang, Msg};
use crate::model::{Fatal, Grid, Loaded, find_grid_files, load_file};
use crate::render::{Style, diag};

/// Exit codes, SPEC §2.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

pub struct Session {
    pub lang: Lang,
    pub format: Format,
    /// Whether --format was given (commands that write files may pick a
    /// format from the file's extension otherwise).
    pub format_given: bool,
    pub style: Style,
    pub err_style: Style,
    pub as_of: NaiveDate,
    pub quiet: bool,
    pub deny_warnings: bool,
    out: Vec<u8>,
    err: Vec<u8>,
}

impl Session {
    pub fn new(g: &Global) -> Session {
        let lang = match g.lang {
            Some(crate::cli::LangArg::En) => Lang::En,
            Some(crate::cli::LangArg::Zh) => Lang::Zh,
            None => Lang::from_env(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = |tty: bool| match g.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => tty && !no_color,
        };
        Session {
            lang,
            format: g.format.unwrap_or(Format::Text),
            format_given: g.format.is_some(),
            style: Style {
                color: color(std::io::stdout().is_terminal()),
            },
            err_style: Style {
                color: color(std::io::stderr().is_terminal()),
            },
            as_of: g.as_of.unwrap_or_else(crate::calendar::today),
            quiet: g.quiet,
            deny_warnings: g.deny_warnings,
            out: Vec::new(),
            err: Vec::new(),
        }
    }

    pub fn out(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    pub fn err(&mut self, s: &str) {
        self.err.extend_from_slice(s.as_bytes());
    }

    /// Write what was gathered. A closed pipe (`| head`) is not an error.
    pub fn flush(&mut self) {
        let _ = std::io::stdout().write_all(&self.out);
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().write_all(&self.err);
        self.out.clear();
        self.err.clear();
    }

    /// Report a could-not-run error on stderr.
    pub fn fatal(&mut self, f: &Fatal) {
        let s = diag::render(
            "G101",
            Severity::Error,
            &f.msg,
            f.loc.as_ref(),
            self.lang,
            self.err_style,
        );
        self.err(&s);
    }

    /// A problem with the command line itself, on stderr; exit 2.
    pub fn usage(&mut self, msg: Msg) -> i32 {
        self.error(msg.text(self.lang), msg.help(self.lang))
    }

    /// `error: TEXT` and what to do about it, on stderr; exit 2.
    pub fn error(&mut self, text: String, help: Option<String>) -> i32 {
        let l = crate::i18n::labels(self.lang);
        let mut s = format!("{}: {text}\n", self.err_style.red(l.error));
        if let Some(h) = help {
            s.push_str(&format!("  = {}: {h}\n", l.help));
        }
        self.err(&s);
        EXIT_CANNOT_RUN
    }

    /// Refuse a format the command does not produce.
    pub fn only_formats(&mut self, allowed: &[Format]) -> Result<(), i32> {
        if allowed.contains(&self.format) {
            return Ok(());
        }
        let list: Vec<&str> = allowed.iter().map(|f| f.as_str()).collect();
        let msg = match self.lang {
            Lang::En => format!(
                "this command has no --format {}; use one of: {}",
                self.format.as_str(),
                list.join(", ")
            ),
            Lang::Zh => format!(
                "此命令不支持 --format {}；可选：{}",
                self.format.as_str(),
                list.join("、")
            ),
        };
        Err(self.error(msg, None))
    }

    /// 1 when findings reach error severity (warnings too with --deny-warnings).
    pub fn exit_for(&self, s: &Summary) -> i32 {
        if s.errors > 0 || (self.deny_warnings && s.warnings > 0) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

/// A loaded school and what the analyses need of it.
pub struct School {
    pub grid: Grid,
    pub cal: Calendar,
    pub cov: Coverage,
    pub tables: crate::roster::RosterTables,
}

impl School {
    /// Analyse a loaded grid and read its roster tables; bad table rows come
    /// back as findings.
    pub fn new(grid: Grid) -> (School, Vec<Finding>) {
        let cal = Calendar::new(&grid);
        let cov = Coverage::new(&grid, &cal);
        let (tables, findings) = crate::roster::load_tables(&grid, &cal);
        (
            School {
                grid,
                cal,
                cov,
                tables,
            },
            findings,
        )
    }

    /// Resolves `@roster` admins through the roster tables.
    pub fn rosters(&self) -> &dyn crate::coverage::RosterLookup {
        &self.tables
    }

    /// Who serves a cell on a date.
    pub fn staff(&self, cell: usize, date: NaiveDate) -> crate::coverage::Staff {
        crate::coverage::staff(&self.grid, cell, date, self.rosters())
    }

    pub fn ctx(&self, as_of: NaiveDate) -> crate::rules::Context<'_> {
        crate::rules::Context {
            grid: &self.grid,
            cal: &self.cal,
            cov: &self.cov,
            rosters: &self.tables,
            as_of,
        }
    }
}

/// What one grid file gave: a usable school, or findings only, or a fatal error.
pub enum Entry {
    Ok {
        school: Box<School>,
        findings: Vec<Finding>,
    },
    Unusable {
        path: PathBuf,
        findings: Vec<Finding>,
    },
    Fatal(Fatal),
}

pub fn default_path(p: &Option<PathBuf>) -> PathBuf {
    p.clone().unwrap_or_else(|| PathBuf::from("grid.toml"))
}

/// Load every school of PATH. Err when PATH itself cannot be resolved.
pub fn load_all(path: &Path) -> Result<Vec<Entry>, Fatal> {
    let files = find_grid_files(path)?;
    Ok(files.iter().map(|f| load_one(f)).collect())
}

/// Map over items on every core, keeping their order: the work of a county
/// run is per school, and schools do not share anything.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= items.len() {
                            break mine;
                        }
                        mine.push((i, f(&items[i])));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Like [`par_map`], but each result goes to `take`, in item order, as soon
/// as it and every result before it are done. Workers run at most `ahead`
/// items past the first one not yet taken, so however slow one item is, only
/// that many results wait in memory.
pub fn par_each_in_order<T: Sync, R: Send>(
    items: &[T],
    ahead: usize,
    f: impl Fn(&T) -> R + Sync,
    take: impl FnMut(R),
) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    in_order_on(cores, items, ahead, f, take);
}

/// [`par_each_in_order`] on `workers` threads.
fn in_order_on<T: Sync, R: Send>(
    workers: usize,
    items: &[T],
    ahead: usize,
    f: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R),
) {
    use std::sync::{Condvar, Mutex, PoisonError};

    let workers = workers.min(items.len());
    if workers <= 1 {
        items.iter().map(f).for_each(take);
        return;
    }
    // (next item to hand out, first item not yet taken)
    let state = Mutex::new((0usize, 0usize));
    let moved = Condvar::new();
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(2 * workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (state, moved, f) = (&state, &moved, &f);
            scope.spawn(move || {
                // Should `f` panic, hand out nothing more, so that the
                // others stop instead of waiting for its result.
                struct Stop<'a>(&'a Mutex<(usize, usize)>, &'a Condvar, usize);
                impl Drop for Stop<'_> {
                    fn drop(&mut self) {
                        if std::thread::panicking() {
                            self.0.lock().unwrap_or_else(PoisonError::into_inner).0 = self.2;
                            self.1.notify_all();
                        }
                    }
                }
                let _stop = Stop(state, moved, items.len());
                loop {
                    let i = {
                        let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
                        while s.0 < items.len() && s.0 >= s.1 + ahead.max(workers) {
                            s = moved.wait(s).unwrap_or_else(PoisonError::into_inner);
                        }
                        if s.0 >= items.len() {
                            break;
                        }
                        s.0 += 1;
                        s.0 - 1
                    };
                    if tx.send((i, f(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            let before = due;
            while let Some(r) = waiting.remove(&due) {
                take(r);
                due += 1;
            }
            if due > before {
                state.lock().unwrap_or_else(PoisonError::into_inner).1 = due;
                moved.notify_all();
            }
        }
    });
}

/// The heading of one school's section in a county run.
pub fn school_heading(school: &str, file: &str) -> String {
    if school == file {
        format!("== {file} ==\n")
    } else {
        format!("== {school} ({file}) ==\n")
    }
}

/// One row of the county summary: a school and its counts.
pub struct CountyRow {
    pub school: String,
    pub loaded: bool,
    pub summary: Summary,
    pub blind_spots: Option<usize>,
    pub missed: Option<usize>,
    pub overdue: Option<usize>,
}

/// The summary table printed before the findings of a folder of schools.
pub fn county_table(rows: &[CountyRow], lang: Lang) -> String {
    let header: Vec<String> = match lang {
        Lang::En => [
            "school",
            "errors",
            "warnings",
            "blind spots",
            "missed inspections",
            "overdue hazards",
        ],
        Lang::Zh => ["学校", "错误", "警告", "监管盲区", "漏检", "逾期隐患"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let n = |v: Option<usize>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let body = rows
        .iter()
        .map(|r| {
            let school = if r.loaded {
                r.school.clone()
            } else {
                format!("{} ({})", r.school, lang.pick("not loaded", "无法读取"))
            };
            vec![
                school,
                r.summary.errors.to_string(),
                r.summary.warnings.to_string(),
                n(r.blind_spots),
                n(r.missed),
                n(r.overdue),
            ]
        })
        .collect();
    crate::render::table::table(header, body)
}

pub fn load_one(file: &Path) -> Entry {
    match load_file(file) {
        Err(f) => Entry::Fatal(f),
        Ok(Loaded {
            grid: Some(grid),
            mut findings,
            ..
        }) => {
            let (school, table_findings) = School::new(grid);
            findings.extend(table_findings);
            Entry::Ok {
                school: Box::new(school),
                findings,
            }
        }
        Ok(Loaded {
            grid: None,
            findings,
            path,
        }) => Entry::Unusable { path, findings },
    }
}

/// For commands that need exactly one school: load it, report load errors on
/// stderr, and give the school (or the exit code to stop with).
pub fn load_single(sess: &mut Session, path: &Option<PathBuf>) -> Result<(School, Summary), i32> {
    let (school, errors) = load_single_with(sess, path)?;
    Ok((school, Summary::of(&errors)))
}

/// As `load_single`, giving the error findings themselves (already shown).
pub fn load_single_with(
    sess: &mut Session,
    path: &Option<PathBuf>,
) -> Result<(School, Vec<Finding>), i32> {
    let path = default_path(path);
    let entries = match load_all(&path) {
        Ok(e) => e,
        Err(f) => {
            sess.fatal(&f);
            return Err(EXIT_CANNOT_RUN);
        }
    };
    if entries.len() != 1 {
        let msg = match sess.lang {
            Lang::En => format!(
                "{} holds {} schools; this command takes one: pass one school folder",
                path.display(),
                entries.len()
            ),
            Lang::Zh => format!(
                "{} 下有 {} 所学校；此命令只处理一所：请指定一个学校文件夹",
                path.display(),
                entries.len()
            ),
        };
        return Err(sess.error(msg, None));
    }
    match entries.into_iter().next() {
        Some(Entry::Ok { school, findings }) => {
            let errors: Vec<Finding> = findings
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            for f in &errors {
                let s = diag::finding(f, sess.lang, sess.err_style);
                sess.err(&s);
            }
            Ok((*school, errors))
        }
        Some(Entry::Unusable { findings, .. }) => {
            for f in &findings {
                let s = diag::finding(f, sess.lang, sess.err_style);
                sess.err(&s);
            }
            Err(EXIT_FINDINGS)
        }
        Some(Entry::Fatal(f)) => {
            sess.fatal(&f);
            Err(EXIT_CANNOT_RUN)
        }
        None => Err(EXIT_CANNOT_RUN),
    }
}

/// Look a command-line target up among spaces, cells and people, by id or name.
pub enum Target {
    Space(usize),
    Cell(usize),
    Person(usize),
}

pub fn find_target(grid: &Grid, key: &str) -> Result<Target, Msg> {
    // `space:canteen`, `cell:canteen`, `person:陈静` say which kind is meant
    // when a space and a cell share an id.
    for (prefix, want) in [("space:", 0), ("cell:", 1), ("person:", 2)] {
        if let Some(rest) = key.strip_prefix(prefix) {
            let (by_id, names): (&HashMap<String, usize>, Vec<&str>) = match want {
                0 => (
                    &grid.index.spaces,
                    grid.spaces.iter().map(|s| s.name.as_str()).collect(),
                ),
                1 => (
                    &grid.index.cells,
                    grid.cells.iter().map(|s| s.name.as_str()).collect(),
                ),
                _ => (
                    &grid.index.people,
                    grid.people.iter().map(|s| s.name.as_str()).collect(),
                ),
            };
            return match crate::model::lookup(by_id, names.into_iter().enumerate(), rest) {
                crate::model::Lookup::Found(i) => Ok(match want {
                    0 => Target::Space(i),
                    1 => Target::Cell(i),
                    _ => Target::Person(i),
                }),
                _ => Err(Msg::UnknownTarget {
                    target: key.to_string(),
                    suggestion: None,
                }),
            };
        }
    }
    use crate::model::{Lookup, lookup};
    let mut hits: Vec<(Target, String)> = Vec::new();
    let mut ambiguous: Vec<String> = Vec::new();
    let mut take = |r: Lookup, mk: &dyn Fn(usize) -> (Target, String)| match r {
        Lookup::Found(i) => hits.push(mk(i)),
        Lookup::Ambiguous(v) => ambiguous.extend(v.into_iter().map(|i| mk(i).1)),
        Lookup::Missing => {}
    };
    take(
        lookup(
            &grid.index.spaces,
            grid.spaces.iter().map(|s| s.name.as_str()).enumerate(),
            key,
        ),
        &|i| (Target::Space(i), format!("`space:{}`", grid.spaces[i].id)),
    );
    take(
        lookup(
            &grid.index.cells,
            grid.cells.iter().map(|s| s.name.as_str()).enumerate(),
            key,
        ),
        &|i| (Target::Cell(i), format!("`cell:{}`", grid.cells[i].id)),
    );
    take(
        lookup(
            &grid.index.people,
            grid.people.iter().map(|s| s.name.as_str()).enumerate(),
            key,
        ),
        &|i| (Target::Person(i), format!("`person:{}`", grid.people[i].id)),
    );
    // An exact id wins over names of other kinds.
    let exact = hits.iter().position(|(t, _)| match t {
        Target::Space(i) => grid.spaces[*i].id == key,
        Target::Cell(i) => grid.cells[*i].id == key,
        Target::Person(i) => grid.people[*i].id == key,
    });
    if let Some(pos) = exact {
        return Ok(hits.swap_remove(pos).0);
    }
    if hits.len() == 1 && ambiguous.is_empty() {
        return Ok(hits.remove(0).0);
    }
    if hits.len() + ambiguous.len() > 1 {
        let mut all: Vec<String> = hits.into_iter().map(|(_, s)| s).collect();
        all.extend(ambiguous);
        return Err(Msg::AmbiguousTarget {
            target: key.to_string(),
            candidates: all.join(", "),
        });
    }
    let ids = grid
        .spaces
        .iter()
        .map(|s| s.id.as_str())
        .chain(grid.cells.iter().map(|c| c.id.as_str()))
        .chain(grid.people.iter().map(|p| p.id.as_str()));
    Err(Msg::UnknownTarget {
        target: key.to_string(),
        suggestion: crate::model::did_you_mean(key, ids),
    })
}

/// A person as "陈静 13800000004".
pub fn person_text(grid: &Grid, p: usize) -> String {
    let person = &grid.people[p];
    match &person.phone {
        Some(ph) => format!("{} {ph}", person.name),
        None => person.name.clone(),
    }
}

/// Who serves a cell, in words: "陈静 13800000004", "韩梅 138… (for 陈静: away …)".
/// "[level] name (id) — who serves on `date`", a line of a chain of cells.
pub fn cell_line(school: &School, c: usize, date: NaiveDate, lang: Lang) -> String {
    let g = &school.grid;
    let cell = &g.cells[c];
    let st = school.staff(c, date);
    format!(
        "[{}] {} ({}) — {}",
        cell.level,
        cell.name,
        cell.id,
        staff_text(g, &st, lang, date)
    )
}

pub fn staff_text(
    grid: &Grid,
    staff: &crate::coverage::Staff,
    lang: Lang,
    date: NaiveDate,
) -> String {
    use crate::coverage::Staff;
    let l = crate::i18n::labels(lang);
    match staff {
        Staff::Admin(p) => person_text(grid, *p),
        Staff::Deputy { admin, deputy } => {
            let why = crate::rules::why_absent(&grid.people[*admin], date).text(lang);
            match lang {
                Lang::En => format!(
                    "{} ({} {}: {why})",
                    person_text(grid, *deputy),
                    l.serving_for,
                    grid.people[*admin].name
                ),
                Lang::Zh => format!(
                    "{}（{}{}：{why}）",
                    person_text(grid, *deputy),
                    l.serving_for,
                    grid.people[*admin].name
                ),
            }
        }
        Staff::Roster { roster, people } => {
            let r = &grid.rosters[*roster];
            if people.is_empty() {
                format!("@{} ({})", r.id, r.name)
            } else {
                let names: Vec<String> = people.iter().map(|&p| person_text(grid, p)).collect();
                format!("{} (@{})", names.join(", "), r.id)
            }
        }
        Staff::Members(m) => m
            .iter()
            .map(|(role, p)| format!("{}: {}", role_name(grid, role), person_text(grid, *p)))
            .collect::<Vec<_>>()
            .join("; "),
        Staff::Nobody { admin: Some(a) } => {
            let why = crate::rules::why_absent(&grid.people[*a], date).text(lang);
            format!("{} ({} {}: {why})", l.nobody, l.admin, grid.people[*a].name)
        }
        Staff::Nobody { admin: None } => l.nobody.to_string(),
    }
}

/// An off-campus member role by the name of its `[roles.ID]` template, if any.
pub fn role_name<'a>(grid: &'a Grid, role: &'a str) -> &'a str {
    grid.index
        .roles
        .get(role)
        .map(|&r| grid.roles[r].name.as_str())
        .unwrap_or(role)
}

/// Who serves a cell, as JSON.
pub fn staff_json(grid: &Grid, staff: &crate::coverage::Staff) -> serde_json::Value {
    use crate::coverage::Staff;
    use serde_json::json;
    let p = |i: usize| {
        let person = &grid.people[i];
        json!({"id": person.id, "name": person.name, "phone": person.phone})
    };
    match staff {
        Staff::Admin(a) => json!({"kind": staff.kind(), "people": [p(*a)]}),
        Staff::Deputy { admin, deputy } => {
            json!({"kind": staff.kind(), "people": [p(*deputy)], "for": grid.people[*admin].id})
        }
        Staff::Roster { roster, people } => json!({
            "kind": staff.kind(),
            "roster": grid.rosters[*roster].id,
            "people": people.iter().map(|&i| p(i)).collect::<Vec<_>>(),
        }),
        Staff::Members(m) => json!({
            "kind": staff.kind(),
            "people": m.iter().map(|(role, i)| { let mut v = p(*i); v["role"] = json!(role); v }).collect::<Vec<_>>(),
        }),
        Staff::Nobody { admin } => json!({
            "kind": staff.kind(),
            "people": [],
            "for": admin.map(|a| grid.people[a].id.clone()),
        }),
    }
}

/// Write an output file whole or not at all (creating its folder), never
/// over an existing file without `force`; say plainly why when it fails.
pub fn write_file(
    sess: &mut Session,
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
) -> Result<(), i32> {
    let shown = path.display().to_string();
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let d = write_error(sess, &shown, e);
        sess.err(&d);
        return Err(EXIT_CANNOT_RUN);
    }
    match crate::render::write::atomic_write(path, bytes, force) {
        Ok(()) => Ok(()),
        Err(e) => {
            let d = write_error(sess, &shown, e);
            sess.err(&d);
            Err(EXIT_CANNOT_RUN)
        }
    }
}

/// A write error in words: exists, read-only or locked, or the OS's reason.
pub fn write_error(sess: &Session, shown: &str, e: std::io::Error) -> String {
    let msg = match e.kind() {
        std::io::ErrorKind::AlreadyExists => Msg::FileExists {
            path: shown.to_string(),
        },
        std::io::ErrorKind::PermissionDenied => Msg::ReadOnly {
            path: shown.to_string(),
        },
        _ => Msg::WriteFailed {
            path: shown.to_string(),
            error: e.to_string(),
        },
    };
    crate::render::diag::render(
        "G101",
        crate::findings::Severity::Error,
        &msg,
        None,
        sess.lang,
        sess.err_style,
    )
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// Runs `body` on its own thread: a hang fails the test after 20 s.
    fn within_time<R: Send + 'static>(body: impl FnOnce() -> R + Send + 'static) -> R {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(body());
        });
        rx.recv_timeout(Duration::from_secs(20))
            .expect("finished in time")
    }

    #[test]
    fn results_are_taken_in_item_order_whatever_finishes_first() {
        let taken = within_time(|| {
            let items: Vec<u64> = (0..64).collect();
            let mut taken = Vec::new();
            super::in_order_on(
                4,
                &items,
                4,
                |&i| {
                    // Early items take longest, so later ones finish first.
                    std::thread::sleep(Duration::from_micros((64 - i) * 50));
                    i * 10
                },
                |r| taken.push(r),
            );
            taken
        });
        assert_eq!(taken, (0..64).map(|i| i * 10).collect::<Vec<u64>>());
    }

    #[test]
    fn a_slow_first_item_holds_back_only_a_few_results() {
        let (taken, most) = within_time(|| {
            let items: Vec<usize> = (0..40).collect();
            let waiting = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let mut taken = 0;
            super::in_order_on(
                4,
                &items,
                6,
                |&i| {
                    if i == 0 {
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    let w = waiting.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(w, Ordering::SeqCst);
                    i
                },
                |i| {
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    assert_eq!(i, taken);
                    taken += 1;
                },
            );
            (taken, most.into_inner())
        });
        assert_eq!(taken, 40);
        // Done but not yet taken: never more than the window allows.
        assert!(most <= 6, "{most} results held");
    }

    #[test]
    fn a_panic_in_one_item_ends_the_run_instead_of_hanging() {
        let run = within_time(|| {
            std::panic::catch_unwind(|| {
                let items: Vec<u64> = (0..40).collect();
                super::in_order_on(
                    4,
                    &items,
                    2,
                    |&i| {
                        if i == 1 {
                            panic!("item 1 fails");
                        }
                        std::thread::sleep(Duration::from_millis(1));
                        i
                    },
                    |_| {},
                )
            })
        });
        assert!(run.is_err());
    }
}
