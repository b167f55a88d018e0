//! Findings as text, the way rustc shows them: a header line with the code,
//! `--> file:line:column`, the source line with a caret, and what to change.

use std::fmt::Write as _;

use super::{Style, str_width};
use crate::findings::{Finding, Loc, Severity};
use crate::i18n::{Lang, Msg, labels, severity_label};

pub fn finding(f: &Finding, lang: Lang, style: Style) -> String {
    render(f.code, f.severity, &f.msg, f.loc.as_ref(), lang, style)
}

pub fn render(
    code: &str,
    sev: Severity,
    msg: &Msg,
    loc: Option<&Loc>,
    lang: Lang,
    style: Style,
) -> String {
    let mut out = String::new();
    let head = format!("{}[{code}]", severity_label(lang, sev));
    let head = match sev {
        Severity::Error => style.red(&head),
        Severity::Warning => style.yellow(&head),
        Severity::Info => style.cyan(&head),
    };
    let _ = writeln!(out, "{head}: {}", style.bold(&msg.text(lang)));
    let help = msg.help(lang);
    let mut gutter = 1;
    if let Some(loc) = loc {
        let pos = match (loc.line, loc.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", loc.file),
            (Some(l), None) => format!("{}:{l}", loc.file),
            _ => loc.file.clone(),
        };
        if let (Some(ex), Some(line)) = (&loc.excerpt, loc.line) {
            let num = line.to_string();
            gutter = num.len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}{} {pos}", style.blue("-->"));
            let _ = writeln!(out, "{pad} {}", style.blue("|"));
            let _ = writeln!(out, "{} {} {}", style.blue(&num), style.blue("|"), ex.text);
            let before: String = ex
                .text
                .chars()
                .take(ex.col_start.saturating_sub(1))
                .collect();
            let under: String = ex
                .text
                .chars()
                .skip(ex.col_start.saturating_sub(1))
                .take(ex.col_len)
                .collect();
            let carets = "^".repeat(str_width(&under).max(1));
            let carets = match sev {
                Severity::Error => style.red(&carets),
                Severity::Warning => style.yellow(&carets),
                Severity::Info => style.cyan(&carets),
            };
            let _ = writeln!(
                out,
                "{pad} {} {}{carets}",
                style.blue("|"),
                " ".repeat(str_width(&before))
            );
        } else {
            let _ = writeln!(out, "{}{} {pos}", " ".repeat(gutter), style.blue("-->"));
        }
    }
    if let Some(h) = help {
        let _ = writeln!(
            out,
            "{} {} {}: {h}",
            " ".repeat(gutter),
            style.blue("="),
            style.bold(labels(lang).help)
        );
    }
    out
}
