//! Renderers: findings and documents to text, JSON and CSV. Nothing here
//! computes; everything here formats.

pub mod csvout;
pub mod diag;
pub mod html;
pub mod spool;
pub mod table;
pub mod write;

use serde_json::{Value, json};

use crate::findings::{Finding, Summary};
use crate::i18n::Lang;

/// Terminal styling: ANSI colours when asked for.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.paint("1;31", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
    pub fn blue(&self, s: &str) -> String {
        self.paint("1;34", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.paint("1;32", s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.paint("1;36", s)
    }
}

/// Terminal columns a character takes (CJK and full-width forms take two).
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// One finding as a JSON object with the stable field set.
pub fn finding_json(f: &Finding, lang: Lang) -> Value {
    let loc = f.loc.as_ref();
    json!({
        "code": f.code,
        "severity": f.severity,
        "message": f.msg.text(lang),
        "help": f.msg.help(lang),
        "file": loc.map(|l| l.file.clone()),
        "line": loc.and_then(|l| l.line),
        "column": loc.and_then(|l| l.column),
        "school": f.subject.school,
        "cell": f.subject.cell,
        "space": f.subject.space,
        "slot": f.subject.slot,
        "person": f.subject.person,
        "village": f.subject.village,
        "roster": f.subject.roster,
        "date": f.subject.date,
        "duty": f.subject.duty,
        "hazard": f.subject.hazard,
        "escalate_to": f.subject.escalate_to,
    })
}

pub fn findings_json(command: &str, findings: &[Finding], lang: Lang) -> Value {
    let summary = Summary::of(findings);
    json!({
        "command": command,
        "findings": findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
        "summary": summary,
    })
}

pub const FINDING_CSV_HEADER: [&str; 18] = [
    "code",
    "severity",
    "message",
    "help",
    "file",
    "line",
    "column",
    "school",
    "cell",
    "space",
    "slot",
    "person",
    "village",
    "roster",
    "date",
    "duty",
    "hazard",
    "escalate_to",
];
pub fn findings_csv(findings: &[Finding], lang: Lang) -> String {
    findings_table(findings, lang).to_stdout_string()
}

/// The rows of `findings_csv` without its header line.
pub fn findings_csv_rows(findings: &[Finding], lang: Lang) -> String {
    findings_table(findings, lang).rows_to_stdout_string()
}

fn findings_table(findings: &[Finding], lang: Lang) -> csvout::Table {
    let mut t = csvout::Table::new(FINDING_CSV_HEADER.iter().map(|s| s.to_string()).collect());
    for f in findings {
        let loc = f.loc.as_ref();
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        t.row(vec![
            f.code.to_string(),
            f.severity.as_str().to_string(),
            f.msg.text(lang),
            f.msg.help(lang).unwrap_or_default(),
            loc.map(|l| l.file.clone()).unwrap_or_default(),
            loc.and_then(|l| l.line)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            loc.and_then(|l| l.column)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            o(&f.subject.school),
            o(&f.subject.cell),
            o(&f.subject.space),
            o(&f.subject.slot),
            o(&f.subject.person),
            o(&f.subject.village),
            o(&f.subject.roster),
            o(&f.subject.date),
            o(&f.subject.duty),
            o(&f.subject.hazard),
            o(&f.subject.escalate_to),
        ]);
    }
    t
}
