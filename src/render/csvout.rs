//! CSV output. On stdout: plain UTF-8 with LF, for pipes. Written to a file:
//! a UTF-8 BOM and CRLF so Excel on Chinese Windows shows the Chinese, and
//! cells that Excel would run as formulas are prefixed with `'`.

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Table {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, r: Vec<String>) {
        self.rows.push(r);
    }

    fn write(&self, crlf: bool, guard: bool, header: bool) -> Vec<u8> {
        let mut b = csv::WriterBuilder::new();
        b.terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        });
        let mut w = b.from_writer(Vec::new());
        let fix = |s: &String| if guard { guard_formula(s) } else { s.clone() };
        // Writing to a Vec cannot fail.
        if header {
            let _ = w.write_record(self.header.iter().map(fix));
        }
        for r in &self.rows {
            let _ = w.write_record(r.iter().map(fix));
        }
        w.into_inner().unwrap_or_default()
    }

    pub fn to_stdout_string(&self) -> String {
        String::from_utf8(self.write(false, false, true)).unwrap_or_default()
    }

    /// The rows alone, for output that goes on below a header already
    /// printed.
    pub fn rows_to_stdout_string(&self) -> String {
        String::from_utf8(self.write(false, false, false)).unwrap_or_default()
    }

    /// Bytes for a file that Excel opens: BOM, CRLF, formula guard.
    pub fn to_excel_bytes(&self) -> Vec<u8> {
        let mut out = vec![0xEF, 0xBB, 0xBF];
        out.extend(self.write(true, true, true));
        out
    }
}

/// Cells beginning with `= + - @`, tab or CR are prefixed with `'` so Excel
/// shows them as text instead of running them.
pub fn guard_formula(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_bytes_have_bom_crlf_and_guard() {
        let mut t = Table::new(vec!["人员".into(), "备注".into()]);
        t.row(vec!["陈静".into(), "=HYPERLINK(\"x\")".into()]);
        let b = t.to_excel_bytes();
        assert!(b.starts_with(&[0xEF, 0xBB, 0xBF]));
        let s = String::from_utf8(b[3..].to_vec()).unwrap();
        assert_eq!(s, "人员,备注\r\n陈静,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }
}
