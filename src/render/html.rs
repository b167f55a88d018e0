//! Printable HTML documents (checklists, notices): one self-contained file,
//! no external resources, A4 pages, a Chinese font list that exists on
//! Windows and Linux. The documents build their pages; this module escapes,
//! styles and wraps them.

use crate::i18n::Lang;

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An empty tick box, drawn with CSS so it prints whatever fonts exist.
pub const BOX: &str = "<span class=\"box\" title=\"☐\"></span>";

/// The fonts, in order: Windows (YaHei, SimSun), macOS, then Linux
/// (Noto CJK from fonts-noto-cjk, WenQuanYi), then anything sans-serif.
pub const FONT_FAMILY: &str = "\"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"SimSun\", \"宋体\", sans-serif";

/// One printed page: a class for its kind (`checklist`, `notice`) and its
/// already-escaped body.
pub struct Page {
    pub class: &'static str,
    pub body: String,
}

const CSS: &str = r#"
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: FONTS; font-size: 10.5pt; line-height: 1.35; color: #000; background: #fff; }
.page { width: 180mm; margin: 0 auto; }
.page:not(:last-child) { break-after: page; page-break-after: always; }
@media screen {
  .page { width: 100%; max-width: 210mm; min-height: 297mm; padding: 15mm; }
  .page:not(:last-child) { border-bottom: 1px dashed #999; }
}
h1, h2, h3 { margin: 0; font-weight: bold; }
h2 { font-size: 11.5pt; margin: 3.5mm 0 1.5mm; border-bottom: 0.4mm solid #000; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.25mm solid #555; padding: 0.9mm 1.5mm; vertical-align: middle; text-align: left; }
th { background: #eee; font-weight: bold; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
.id { font-weight: normal; color: #555; font-size: 0.8em; }
.muted { color: #666; }
.gap { color: #b00; font-weight: bold; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.3mm solid #000; vertical-align: middle; background: #fff; }
.na { color: #aaa; text-align: center; }
.tick { text-align: center; width: 11mm; }
.chain { margin: 0; padding-left: 6mm; }
.chain li { margin: 0.3mm 0; }
.sign { margin-top: 8mm; display: flex; gap: 12mm; font-size: 11pt; }
.sign span { flex: 1; border-bottom: 0.3mm solid #000; padding-bottom: 1mm; }

.checklist .school { font-size: 10pt; color: #333; }
.checklist h1 { font-size: 16pt; margin: 1mm 0 2mm; }
.checklist .meta th { width: 22mm; }
.checklist .duties th.day { text-align: center; width: 14mm; font-size: 9pt; line-height: 1.2; }
.checklist .duties tr.group th { background: #ddd; text-align: left; }
.checklist ul.tasks { list-style: none; margin: 0; padding: 0; }
.checklist ul.tasks li { margin: 0.8mm 0; padding-left: 6mm; text-indent: -6mm; }
.checklist ul.tasks .box { margin-right: 2mm; text-indent: 0; }
.checklist .period { color: #444; font-size: 0.9em; }
.checklist h3.group { font-size: 10.5pt; margin: 2.5mm 0 1mm; }
.checklist .duties td { height: 7mm; }
.checklist .duties tr.signrow th, .checklist .duties tr.signrow td { height: 9mm; }
.checklist .notes { margin-top: 4mm; border: 0.25mm solid #555; flex: 1 1 auto; min-height: 12mm; max-height: 60mm; padding: 1mm 1.5mm; color: #444; font-size: 9.5pt; }
/* The notes box takes what the page has left: a sheet fills its page and
   a long one still keeps to it. */
.page.checklist { display: flex; flex-direction: column; min-height: 258mm; }
@media screen { .page.checklist { min-height: 297mm; } }

.notice { text-align: left; }
.notice .school { text-align: center; font-size: 13pt; margin-top: 2mm; }
.notice h1 { text-align: center; font-size: 30pt; margin: 3mm 0 1mm; letter-spacing: 0.05em; }
.notice .sub { text-align: center; font-size: 17pt; margin-bottom: 5mm; }
html:lang(zh-CN) .notice .sub { letter-spacing: 0.3em; }
.notice table { font-size: 10.5pt; }
.notice th, .notice td { padding: 0.7mm 1.5mm; }
.notice td.phone, .notice td.nowrap { white-space: nowrap; }
.notice .chain { font-size: 11pt; }
.notice .hint { margin-top: 4mm; font-size: 11pt; border: 0.4mm solid #000; padding: 2mm 3mm; }
.notice .foot { margin-top: 4mm; text-align: right; font-size: 11pt; }
/* Places with many slots and owners: smaller type so one page holds them. */
.notice.dense h1 { font-size: 24pt; margin: 1mm 0; }
.notice.dense .sub { font-size: 14pt; margin-bottom: 3mm; }
.notice.dense table, .notice.dense .chain { font-size: 9.5pt; }
.notice.dense th, .notice.dense td { padding: 0.4mm 1.2mm; }
.notice.dense .hint, .notice.dense .foot { margin-top: 2.5mm; font-size: 10pt; }
.notice.denser table, .notice.denser .chain { font-size: 8.5pt; }
.notice.denser th, .notice.denser td { padding: 0.2mm 1mm; line-height: 1.2; }
"#;

/// A complete document: doctype, language, title, the shared style, and the
/// pages, each on its own sheet of A4.
pub fn document(lang: Lang, title: &str, pages: &[Page]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(match lang {
        Lang::En => "<html lang=\"en\">\n",
        Lang::Zh => "<html lang=\"zh-CN\">\n",
    });
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    out.push_str("<style>");
    out.push_str(&CSS.replace("FONTS", FONT_FAMILY));
    out.push_str("</style>\n</head>\n<body>\n");
    for p in pages {
        out.push_str(&format!(
            "<section class=\"page {}\">\n{}</section>\n",
            p.class, p.body
        ));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"陈\" & 'x'</b>"),
            "&lt;b&gt;&quot;陈&quot; &amp; &#39;x&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn document_is_self_contained() {
        let d = document(
            Lang::Zh,
            "标题",
            &[
                Page {
                    class: "notice",
                    body: "<p>一</p>".into(),
                },
                Page {
                    class: "notice",
                    body: "<p>二</p>".into(),
                },
            ],
        );
        assert!(d.starts_with("<!DOCTYPE html>"));
        assert!(d.contains("<html lang=\"zh-CN\">"));
        assert!(d.contains("@page { size: A4; margin: 15mm; }"));
        assert!(d.contains("Microsoft YaHei"));
        assert!(!d.contains("http://") && !d.contains("https://") && !d.contains("<link"));
        assert_eq!(d.matches("<section class=\"page notice\">").count(), 2);
    }
}
