//! `explain CODE`: what a rule means and how to fix it.

use super::{EXIT_OK, Session};
use crate::cli::Format;
use crate::i18n::{Msg, labels};
use crate::rules::{RULES, rule};

pub fn run(sess: &mut Session, code: &Option<String>) -> i32 {
    if let Err(code) = sess.only_formats(&[Format::Text, Format::Json, Format::Csv]) {
        return code;
    }
    let lang = sess.lang;
    let Some(code) = code else {
        match sess.format {
            Format::Json => {
                let list: Vec<_> = RULES
                    .iter()
                    .map(|r| serde_json::json!({"code": r.code, "severity": r.default, "title": r.title(lang)}))
                    .collect();
                let s = serde_json::to_string_pretty(&serde_json::json!({ "rules": list }))
                    .unwrap_or_default();
                sess.out(&s);
                sess.out("\n");
            }
            Format::Csv => {
                let mut t = crate::render::csvout::Table::new(vec![
                    "code".into(),
                    "severity".into(),
                    "title".into(),
                ]);
                for r in RULES {
                    t.row(vec![
                        r.code.into(),
                        r.default.as_str().into(),
                        r.title(lang).into(),
                    ]);
                }
                let s = t.to_stdout_string();
                sess.out(&s);
            }
            _ => {
                let rows = RULES
                    .iter()
                    .map(|r| {
                        vec![
                            r.code.to_string(),
                            crate::i18n::severity_label(lang, r.default).to_string(),
                            r.title(lang).to_string(),
                        ]
                    })
                    .collect();
                let l = labels(lang);
                let header = vec![
                    lang.pick("code", "代码").to_string(),
                    lang.pick("severity", "级别").to_string(),
                    l.rules_header.to_string(),
                ];
                let s = crate::render::table::table(header, rows);
                sess.out(&s);
            }
        }
        return EXIT_OK;
    };
    let Some(r) = rule(code) else {
        let suggestion =
            crate::model::did_you_mean(&code.to_ascii_uppercase(), RULES.iter().map(|r| r.code));
        return sess.usage(Msg::UnknownRule {
            code: code.clone(),
            suggestion,
        });
    };
    match sess.format {
        Format::Json => {
            let s = serde_json::to_string_pretty(&serde_json::json!({
                "code": r.code,
                "severity": r.default,
                "title": r.title(lang),
                "explain": r.explain(lang),
            }))
            .unwrap_or_default();
            sess.out(&s);
            sess.out("\n");
        }
        Format::Csv => {
            let mut t = crate::render::csvout::Table::new(vec![
                "code".into(),
                "severity".into(),
                "title".into(),
                "explain".into(),
            ]);
            t.row(vec![
                r.code.into(),
                r.default.as_str().into(),
                r.title(lang).into(),
                r.explain(lang).into(),
            ]);
            let s = t.to_stdout_string();
            sess.out(&s);
        }
        _ => {
            let head = format!(
                "{} ({}): {}\n\n",
                r.code,
                crate::i18n::severity_label(lang, r.default),
                r.title(lang)
            );
            let head = sess.style.bold(&head);
            sess.out(&head);
            sess.out(r.explain(lang));
            sess.out("\n");
        }
    }
    EXIT_OK
}
