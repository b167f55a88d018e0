//! Plain text tables for the terminal (comfy-table, no borders to speak of,
//! CJK-aware widths).

use comfy_table::{ContentArrangement, Table, presets};

pub fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    for r in rows {
        t.add_row(r);
    }
    let mut s = t.to_string();
    s.push('\n');
    s
}
