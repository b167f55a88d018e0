//! CSV input as Excel on Chinese Windows writes it: one reader for every
//! table the tool reads (roster tables, inspection logs, hazard ledgers),
//! and the typed records of the logs.

pub mod hazards;
pub mod inspections;
pub mod records;
pub mod stream;
pub mod table;

use crate::findings::{Finding, Loc};
use crate::i18n::Msg;
use table::{RowError, RowErrorKind, TableError, TableErrorKind};

/// A table that cannot be read at all, as a message in either language.
pub fn table_error_msg(e: &TableError) -> Msg {
    let file = e.file.clone();
    match &e.kind {
        TableErrorKind::Open(err) | TableErrorKind::Read(err) => Msg::TableOpen {
            file,
            error: err.to_string(),
        },
        TableErrorKind::Empty { columns } => Msg::TableEmpty {
            file,
            columns: columns
                .iter()
                .filter(|c| c.required)
                .map(|c| c.key)
                .collect::<Vec<_>>()
                .join(","),
        },
        TableErrorKind::Workbook => Msg::TableWorkbook { file },
        TableErrorKind::MissingColumns { missing, found } => Msg::TableMissingColumns {
            file,
            missing: missing
                .iter()
                .map(|c| {
                    if c.aliases.is_empty() {
                        format!("`{}`", c.key)
                    } else {
                        format!("`{}` ({})", c.key, c.aliases.join(" / "))
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            found: found.join(", "),
        },
    }
}

pub fn table_error_finding(code: &'static str, e: &TableError) -> Finding {
    let loc = match e.line {
        Some(l) => Loc::line(&e.file, l),
        None => Loc::file(&e.file),
    };
    Finding::new(code, table_error_msg(e)).at(loc)
}

/// A row that cannot be read, as a finding at its line.
pub fn row_error_finding(code: &'static str, e: &RowError) -> Finding {
    let msg = match &e.kind {
        RowErrorKind::InvalidText {
            key,
            column,
            encoding,
        } => Msg::RowInvalidText {
            column: *column,
            key: key.to_string(),
            encoding: encoding.name().to_string(),
        },
        RowErrorKind::UnclosedQuote { end_line } => Msg::RowUnclosedQuote {
            end_line: *end_line,
        },
        RowErrorKind::Read(err) => Msg::RowUnreadable {
            error: err.to_string(),
        },
    };
    Finding::new(code, msg).at(Loc::line(&e.file, e.line))
}
