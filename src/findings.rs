//! Findings are plain data: a rule code, a severity, a message with its
//! arguments, where it points and what it is about. Renderers turn them into
//! text, JSON or CSV in either language.

use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Msg;
use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a finding points: a file, and when known a line and column, and for
/// grid.toml the source line with the span to underline.
#[derive(Clone, Debug, Default)]
pub struct Loc {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// Byte offset in the file, for sorting by file position.
    pub offset: usize,
    pub excerpt: Option<Excerpt>,
}

/// One source line and the character range under the caret.
#[derive(Clone, Debug)]
pub struct Excerpt {
    pub text: String,
    pub col_start: usize,
    pub col_len: usize,
}

impl Loc {
    pub fn file(path: &str) -> Loc {
        Loc {
            file: path.to_string(),
            ..Loc::default()
        }
    }

    pub fn line(path: &str, line: u64) -> Loc {
        Loc {
            file: path.to_string(),
            line: Some(line),
            offset: line as usize,
            ..Loc::default()
        }
    }

    /// A span inside a TOML source, with the excerpt of its first line.
    pub fn span(src: &SourceFile, span: &Span) -> Loc {
        let (line, col) = src.line_col(span.start);
        let text = src.line_text(line).to_string();
        let (end_line, end_col) = src.line_col(span.end);
        let len = if end_line == line && end_col > col {
            end_col - col
        } else {
            (text.chars().count() + 1).saturating_sub(col).max(1)
        };
        Loc {
            file: src.path().display().to_string(),
            line: Some(line as u64),
            column: Some(col as u64),
            offset: span.start,
            excerpt: Some(Excerpt {
                text,
                col_start: col,
                col_len: len,
            }),
        }
    }
}

/// What a finding is about, by id. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub school: Option<String>,
    pub cell: Option<String>,
    pub space: Option<String>,
    pub slot: Option<String>,
    pub person: Option<String>,
    pub village: Option<String>,
    pub roster: Option<String>,
    pub date: Option<String>,
    pub duty: Option<String>,
    pub hazard: Option<String>,
    /// Whom the finding escalates to (a person id).
    pub escalate_to: Option<String>,
}
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub msg: Msg,
    pub loc: Option<Loc>,
    pub subject: Subject,
}

impl Finding {
    pub fn new(code: &'static str, msg: Msg) -> Finding {
        Finding {
            code,
            severity: crate::rules::default_severity(code),
            msg,
            loc: None,
            subject: Subject::default(),
        }
    }

    pub fn at(mut self, loc: Loc) -> Finding {
        self.loc = Some(loc);
        self
    }

    pub fn at_span(self, src: &Arc<SourceFile>, span: &Span) -> Finding {
        self.at(Loc::span(src, span))
    }

    pub fn cell(mut self, id: &str) -> Finding {
        self.subject.cell = Some(id.to_string());
        self
    }
    pub fn space(mut self, id: &str) -> Finding {
        self.subject.space = Some(id.to_string());
        self
    }
    pub fn slot(mut self, id: &str) -> Finding {
        self.subject.slot = Some(id.to_string());
        self
    }
    pub fn person(mut self, id: &str) -> Finding {
        self.subject.person = Some(id.to_string());
        self
    }
    pub fn village(mut self, id: &str) -> Finding {
        self.subject.village = Some(id.to_string());
        self
    }
    pub fn roster(mut self, id: &str) -> Finding {
        self.subject.roster = Some(id.to_string());
        self
    }
    pub fn date(mut self, d: impl ToString) -> Finding {
        self.subject.date = Some(d.to_string());
        self
    }
    pub fn duty(mut self, id: &str) -> Finding {
        self.subject.duty = Some(id.to_string());
        self
    }
    pub fn hazard(mut self, id: &str) -> Finding {
        self.subject.hazard = Some(id.to_string());
        self
    }
    pub fn escalate_to(mut self, id: &str) -> Finding {
        self.subject.escalate_to = Some(id.to_string());
        self
    }
}

/// Counts by severity, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            s.add(f.severity);
        }
        s
    }

    pub fn add(&mut self, sev: Severity) {
        match sev {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn merge(&mut self, o: Summary) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }
}

/// Sort by file position, then code, so output is stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let ka = a.loc.as_ref().map(|l| (l.file.as_str(), l.offset));
        let kb = b.loc.as_ref().map(|l| (l.file.as_str(), l.offset));
        // Located findings first, in file order; then the rest by code.
        (ka.is_none(), ka, a.code).cmp(&(kb.is_none(), kb, b.code))
    });
}
