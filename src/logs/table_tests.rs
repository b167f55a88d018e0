//! Tests for the shared CSV reader, over the Excel-style fixtures in
//! `tests/fixtures/csv/` (written by `make.py` there).

use std::io::{self, BufWriter, Cursor, Read, Write};
use std::path::PathBuf;

use super::*;
use crate::calendar::excel::parse_date;

const INSPECTIONS: &[Column] = &[
    Column::required("date", &["日期"]),
    Column::required("cell", &["网格"]),
    Column::required("duty", &["检查项目"]),
    Column::required("inspector", &["检查人"]),
    Column::required("result", &["结果"]),
    Column::optional("hazard", &["隐患编号"]),
    Column::optional("note", &["备注"]),
];

/// A row as the tests compare it: the date normalized, every other cell as read.
type Values = [Option<String>; 7];

fn canonical() -> Vec<Values> {
    let row = |cells: [&str; 7]| cells.map(|c| (!c.is_empty()).then(|| c.to_string()));
    vec![
        row(["2026-09-08", "三(2)班", "晨检", "陈静", "正常", "", ""]),
        row([
            "2026-09-08",
            "食堂",
            "食品留样",
            "李娜",
            "隐患",
            "YH-2026-001",
            "留样柜温度偏高,已报修",
        ]),
        row([
            "2026-09-09",
            "东村网格",
            "入户走访",
            "刘村",
            "ok",
            "",
            "家长说：\"下周再来\"",
        ]),
        row([
            "2026-09-09",
            "class-3-2",
            "morning-check",
            "chen-jing",
            "n/a",
            "",
            "晨检表\n下午补交",
        ]),
        row(["2026-09-10", "校门", "门卫值守", "周毅", "合格", "", ""]),
        row([
            "2026-09-10",
            "三(2)班",
            "安全教育：防溺水",
            "陈静",
            "正常",
            "",
            "前后有空格",
        ]),
    ]
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

fn open(name: &str) -> TableReader {
    TableReader::open(&fixture(name), INSPECTIONS)
        .unwrap_or_else(|err| panic!("{name} should open: {err}"))
}

/// Every row as (line, values), and every row error.
fn read_all(reader: &mut TableReader) -> (Vec<(u64, Values)>, Vec<RowError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    while let Some(result) = reader.next_row() {
        match result {
            Ok(row) => {
                let mut values: Values = std::array::from_fn(|i| row.get(i).map(str::to_string));
                if let Some(date) = &values[0] {
                    let parsed = parse_date(date).unwrap_or_else(|| panic!("date {date:?}"));
                    values[0] = Some(parsed.to_string());
                }
                rows.push((row.line(), values));
            }
            Err(err) => errors.push(err),
        }
    }
    (rows, errors)
}

const LINES: [u64; 6] = [2, 3, 4, 5, 7, 8];

#[test]
fn every_excel_flavour_gives_the_same_rows() {
    let cases = [
        ("utf8.csv", Encoding::Utf8, b',', LINES),
        ("utf8-bom.csv", Encoding::Utf8Bom, b',', LINES),
        ("gbk.csv", Encoding::Gb18030, b',', LINES),
        ("utf16le.txt", Encoding::Utf16Le, b'\t', LINES),
        ("utf16be.txt", Encoding::Utf16Be, b'\t', LINES),
        (
            "blank-lines.csv",
            Encoding::Utf8,
            b',',
            [3, 6, 7, 8, 12, 13],
        ),
        ("title-row.csv", Encoding::Utf8Bom, b',', [3, 4, 5, 6, 8, 9]),
    ];
    for (name, encoding, delimiter, lines) in cases {
        let mut reader = open(name);
        assert_eq!(reader.encoding(), encoding, "{name}");
        assert_eq!(reader.delimiter(), delimiter, "{name}");
        let (rows, errors) = read_all(&mut reader);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let got_lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(got_lines, lines, "{name}: line numbers");
        let values: Vec<Values> = rows.into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, canonical(), "{name}: values");
    }
}

#[test]
fn headers_are_reported_as_found() {
    let reader = open("utf8-bom.csv");
    assert_eq!(
        reader.headers_found(),
        [
            "cell",
            "date",
            "inspector",
            "duty",
            "result",
            "note",
            "hazard",
            "remark2"
        ]
    );
    assert_eq!(reader.header_line(), 1);
    assert_eq!(reader.column_in_file(0), Some(2)); // date is the second column
    assert_eq!(reader.column_in_file(6), Some(6)); // note

    let reader = open("title-row.csv");
    assert_eq!(reader.header_line(), 2);
    assert_eq!(reader.headers_found()[0], "日期");

    let reader = open("blank-lines.csv");
    assert_eq!(reader.header_line(), 2);
    assert_eq!(reader.headers_found().len(), 9); // two trailing empty header cells
}

#[test]
fn a_malformed_row_is_an_error_and_the_rest_is_read() {
    for (name, encoding) in [
        ("malformed-row.csv", Encoding::Utf8),
        ("malformed-row-gbk.csv", Encoding::Gb18030),
    ] {
        let mut reader = open(name);
        assert_eq!(reader.encoding(), encoding, "{name}");
        let (rows, errors) = read_all(&mut reader);
        let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3, 5, 6, 8, 9], "{name}");
        let values: Vec<Values> = rows.into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, canonical(), "{name}");

        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        let err = &errors[0];
        assert_eq!(err.line, 4);
        assert!(err.file.ends_with(name));
        match &err.kind {
            RowErrorKind::InvalidText {
                key,
                column,
                encoding: e,
            } => {
                assert_eq!((*key, *column, *e), ("inspector", 4, encoding), "{name}");
            }
            other => panic!("{name}: unexpected {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains(&format!("{name}:4: column 4 (`inspector`)")),
            "{message}"
        );
        assert!(message.contains(encoding.name()), "{message}");
        assert!(message.contains("CSV UTF-8"), "{message}");
    }
}

#[test]
fn a_missing_required_column_is_one_error_naming_it() {
    let err = TableReader::open(&fixture("missing-column.csv"), INSPECTIONS).unwrap_err();
    assert_eq!(err.line, Some(1));
    match &err.kind {
        TableErrorKind::MissingColumns { missing, found } => {
            let keys: Vec<&str> = missing.iter().map(|c| c.key).collect();
            assert_eq!(keys, ["cell"]);
            assert_eq!(
                found,
                &["日期", "检查项目", "检查人", "结果", "备注", "地点"]
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("missing-column.csv:1: "), "{message}");
    assert!(
        message.contains("missing required column `cell` (网格)"),
        "{message}"
    );
    assert!(
        message.contains("日期, 检查项目, 检查人, 结果, 备注, 地点"),
        "{message}"
    );
}

#[test]
fn several_missing_columns_are_listed_together() {
    let input = "date,note\n2026-09-08,x\n";
    let err = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap_err();
    let TableErrorKind::MissingColumns { missing, found } = &err.kind else {
        panic!("{err:?}");
    };
    let keys: Vec<&str> = missing.iter().map(|c| c.key).collect();
    assert_eq!(keys, ["cell", "duty", "inspector", "result"]);
    assert_eq!(found, &["date", "note"]);
    assert!(
        err.to_string()
            .contains("missing required columns `cell` (网格), `duty`")
    );
}

#[test]
fn a_header_of_unknown_names_is_reported_not_skipped() {
    let input = "foo,bar\n1,2\n3,4\n";
    let err = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap_err();
    assert_eq!(err.line, Some(1));
    let TableErrorKind::MissingColumns { missing, found } = &err.kind else {
        panic!("{err:?}");
    };
    assert_eq!(missing.len(), 5);
    assert_eq!(found, &["foo", "bar"]);
}

#[test]
fn an_unclosed_quote_is_reported_with_the_lines_it_swallowed() {
    let mut reader = open("unclosed-quote.csv");
    let first = reader.next_row().unwrap().unwrap();
    assert_eq!(first.line(), 2);
    let err = reader.next_row().unwrap().unwrap_err();
    assert_eq!(err.line, 3);
    assert!(
        matches!(err.kind, RowErrorKind::UnclosedQuote { end_line: 5 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("lines 3-5 were read as one row"));
    assert!(reader.next_row().is_none());
}

#[test]
fn a_multiline_note_is_not_an_unclosed_quote() {
    // Line breaks inside a cell with a few commas are a note, not rows.
    let input = "日期,网格,检查项目,检查人,结果,备注\n\
                 2026-09-08,a,b,c,ok,\"第一行,有逗号\n第二行,也有\n第三行\"\n\
                 2026-09-09,a,b,c,ok,\n";
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap();
    let (rows, errors) = read_all(&mut reader);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].0, 5);
    assert_eq!(
        rows[0].1[6].as_deref(),
        Some("第一行,有逗号\n第二行,也有\n第三行")
    );
}

#[test]
fn empty_and_blank_files_need_a_header() {
    for input in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\n\r\n  \n",
        b",,,\n,,\n",
        b"\xFF\xFE",
    ] {
        let err = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap_err();
        assert!(
            matches!(err.kind, TableErrorKind::Empty { .. }),
            "{input:?}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains("log.csv: the file is empty; it needs a header line such as `date,cell,duty,inspector,result`"),
            "{message}"
        );
    }
}

#[test]
fn a_header_without_rows_is_fine() {
    let input = "date,cell,duty,inspector,result\r\n";
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap();
    assert!(reader.next_row().is_none());
    assert!(reader.next_row().is_none());
}

#[test]
fn excel_workbooks_are_refused_with_advice() {
    for magic in [
        &b"PK\x03\x04rest"[..],
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
    ] {
        let err =
            TableReader::from_reader("log.xlsx", Cursor::new(magic), INSPECTIONS).unwrap_err();
        assert!(matches!(err.kind, TableErrorKind::Workbook), "{err:?}");
        assert!(err.to_string().contains("Save As"));
    }
}

#[test]
fn a_missing_file_cannot_be_opened() {
    let err = TableReader::open(&fixture("no-such-file.csv"), INSPECTIONS).unwrap_err();
    assert!(matches!(err.kind, TableErrorKind::Open(_)), "{err:?}");
    assert_eq!(err.line, None);
    assert!(
        err.to_string()
            .contains("no-such-file.csv: cannot open the file")
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn headers_match_by_key_or_alias_ignoring_case_space_and_bom() {
    let input = "\u{feff} DATE ,Cell,\u{3000}检查项目\u{3000},Inspector,RESULT,unknown\n\
                 2026-09-08,a,b,c,ok,zzz\n";
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8Bom);
    assert_eq!(reader.headers_found()[0], "DATE");
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!(row.get(0), Some("2026-09-08"));
    assert_eq!(row.get(2), Some("b"));
    assert_eq!(row.get(5), None); // no hazard column
    assert_eq!(row.get(6), None); // no note column
    assert_eq!(row.get(99), None); // not in the schema
    assert_eq!(row.column_in_file(2), Some(3));
    assert_eq!(row.column_in_file(5), None);

    assert!(INSPECTIONS[0].matches("\u{feff}Date"));
    assert!(INSPECTIONS[0].matches(" 日期 "));
    assert!(!INSPECTIONS[0].matches("dates"));
    assert!(!INSPECTIONS[0].matches(""));
}

#[test]
fn the_first_matching_header_wins() {
    let input = "日期,date,cell,duty,inspector,result\n2026-09-08,2027-01-01,a,b,c,ok\n";
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap();
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!(row.get(0), Some("2026-09-08"));
}

#[test]
fn short_and_long_rows_are_read() {
    let input = "date,cell,duty,inspector,result,note\n\
                 2026-09-08,a,b\n\
                 2026-09-09,a,b,c,ok,n,extra,extra\n";
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(input), INSPECTIONS).unwrap();
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!(
        (row.get(2), row.get(3), row.get(6)),
        (Some("b"), None, None)
    );
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!(row.get(6), Some("n"));
}

#[test]
fn the_delimiter_comes_from_the_header_line() {
    // A tab file whose header has a comma in a quoted name.
    let input =
        "date\tcell\t\"duty,item\"\tduty\tinspector\tresult\n2026-09-08\ta,b\tx\td\te\tok\n";
    let mut reader = TableReader::from_reader("log.txt", Cursor::new(input), INSPECTIONS).unwrap();
    assert_eq!(reader.delimiter(), b'\t');
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!(row.get(1), Some("a,b"));
    assert_eq!(row.get(2), Some("d"));

    // Equal numbers (here none of either on a one-column title) mean comma.
    assert_eq!(sniff_delimiter(b"title\n\na,b\tc\n"), Some(b','));
    assert_eq!(sniff_delimiter(b"a\tb\tc,d\n"), Some(b'\t'));
    assert_eq!(sniff_delimiter(b"title only"), None);
}

#[test]
fn encoding_sniffing() {
    let sniff = |bytes: &[u8], eof| sniff_encoding(bytes, eof).encoding;
    assert_eq!(sniff(b"date,cell\n", true), Encoding::Utf8);
    assert_eq!(sniff("日期,网格\n".as_bytes(), true), Encoding::Utf8);
    // A character cut at the end of the prefix is fine, unless the file ends there.
    let cut = &"日期,网格".as_bytes()[..11];
    assert_eq!(sniff(cut, false), Encoding::Utf8);
    let gbk = encoding_rs::GBK
        .encode("日期,网格,检查项目,检查人\n2026/9/8,三(2)班,晨检,陈静")
        .0;
    assert_eq!(sniff(&gbk, true), Encoding::Gb18030);
    assert_eq!(sniff(b"\xEF\xBB\xBFdate", true), Encoding::Utf8Bom);
    assert_eq!(sniff(b"\xFF\xFEd\0", true), Encoding::Utf16Le);
    assert_eq!(sniff(b"\xFE\xFF\0d", true), Encoding::Utf16Be);
    assert!(sniff_encoding(b"date,cell\n", true).ascii_only);
    assert!(!sniff_encoding("日期".as_bytes(), true).ascii_only);
}

/// A UTF-8 file whose prefix is ASCII, with `tail` appended after 64 KiB.
fn ascii_prefix_then(tail: &[u8]) -> Vec<u8> {
    let mut data = b"date,cell,duty,inspector,result,note\n".to_vec();
    while data.len() <= SNIFF_LEN {
        data.extend_from_slice(b"2026-09-08,class-3-2,morning-check,chen-jing,ok,\n");
    }
    data.extend_from_slice(tail);
    data
}

#[test]
fn gbk_rows_after_an_ascii_prefix_are_read() {
    let mut tail = b"2026-09-09,".to_vec();
    tail.extend_from_slice(
        &encoding_rs::GBK
            .encode("三(2)班,晨检,陈静,正常,门窗完好\n")
            .0,
    );
    tail.extend_from_slice("2026-09-10,三(2)班,晨检,陈静,正常,UTF-8 也行\n".as_bytes());
    tail.extend_from_slice(b"2026-09-11,a,b,c,ok,\xFF\n");
    let mut reader = TableReader::from_reader(
        "log.csv",
        Cursor::new(ascii_prefix_then(&tail)),
        INSPECTIONS,
    )
    .unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    let mut last = Vec::new();
    let mut errors = Vec::new();
    while let Some(row) = reader.next_row() {
        match row {
            Ok(row) => last.push(row.get(6).map(str::to_string)),
            Err(err) => errors.push(err),
        }
    }
    let n = last.len();
    assert_eq!(last[n - 2].as_deref(), Some("门窗完好"));
    assert_eq!(last[n - 1].as_deref(), Some("UTF-8 也行"));
    // 0xFF is neither UTF-8 nor GB18030.
    assert_eq!(errors.len(), 1);
    assert!(matches!(
        errors[0].kind,
        RowErrorKind::InvalidText {
            key: "note",
            column: 6,
            ..
        }
    ));
}

#[test]
fn a_utf8_character_cut_by_the_sniff_window_is_read_whole() {
    let mut data = "日期,网格,检查项目,检查人,结果,备注\n".as_bytes().to_vec();
    let row = "2026-09-08,三(2)班,晨检,陈静,正常,门窗完好\n".as_bytes();
    while data.len() + 2 * row.len() <= SNIFF_LEN {
        data.extend_from_slice(row);
    }
    // Put the first byte of 门 at the last byte of the window.
    let pad = SNIFF_LEN - data.len() - "2026-09-08,三(2)班,晨检,陈静,正常,".len() - 1;
    data.extend_from_slice(&vec![b' '; pad]);
    data.extend_from_slice(row);
    assert_eq!(data[SNIFF_LEN - 1], "门".as_bytes()[0]);
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(data), INSPECTIONS).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    let (rows, errors) = read_all(&mut reader);
    assert!(errors.is_empty());
    assert!(
        rows.iter()
            .all(|(_, v)| v[6].as_deref() == Some("门窗完好"))
    );
}

#[test]
fn a_read_error_ends_the_table() {
    struct Failing(Cursor<Vec<u8>>);
    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(io::Error::other("disk on fire")),
                n => Ok(n),
            }
        }
    }
    let data = ascii_prefix_then(b"2026-09-09,a,b,c,ok,last\n");
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64;
    let mut reader =
        TableReader::from_reader("log.csv", Failing(Cursor::new(data)), INSPECTIONS).unwrap();
    let mut count = 0;
    let err = loop {
        match reader.next_row().unwrap() {
            Ok(_) => count += 1,
            Err(err) => break err,
        }
    };
    assert_eq!(count, lines - 1);
    assert!(matches!(err.kind, RowErrorKind::Read(_)), "{err:?}");
    assert!(err.to_string().contains("disk on fire"));
    assert!(reader.next_row().is_none());
}

#[test]
fn rows_stream_without_holding_the_file() {
    // About 50 MB; the rows are counted, never kept.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut out = BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "日期,网格,检查项目,检查人,结果,隐患编号,备注").unwrap();
    let rows: u64 = 500_000;
    for i in 0..rows {
        writeln!(
            out,
            "2026-09-{:02},三({})班,晨检：出勤与健康,陈静{},正常,,备注 {} 门窗完好，无异常",
            i % 28 + 1,
            i % 9 + 1,
            i % 50,
            i
        )
        .unwrap();
    }
    out.into_inner().unwrap().sync_all().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 45_000_000);

    let mut reader = TableReader::open(&path, INSPECTIONS).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    let (mut count, mut last_line, mut errors) = (0u64, 0, 0);
    while let Some(row) = reader.next_row() {
        match row {
            Ok(row) => {
                count += 1;
                last_line = row.line();
                assert!(row.get(0).is_some() && row.get(5).is_none());
            }
            Err(_) => errors += 1,
        }
    }
    assert_eq!((count, last_line, errors), (rows, rows + 1, 0));
}

#[test]
fn row_errors_and_table_errors_read_well() {
    let err = RowError {
        file: "logs/inspections.csv".into(),
        line: 12,
        kind: RowErrorKind::InvalidText {
            key: "note",
            column: 7,
            encoding: Encoding::Utf8Bom,
        },
    };
    assert_eq!(
        err.to_string(),
        "logs/inspections.csv:12: column 7 (`note`) holds bytes that are not valid UTF-8 text; \
         retype that cell, or save the whole file from Excel as \"CSV UTF-8\""
    );
    let err = TableError {
        file: "logs/hazards.csv".into(),
        line: None,
        kind: TableErrorKind::Workbook,
    };
    assert!(
        err.to_string()
            .starts_with("logs/hazards.csv: this is an Excel workbook")
    );
}

#[test]
fn cells_are_trimmed_of_all_unicode_whitespace() {
    for c in (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
    {
        for s in [format!("{c}x{c}"), format!("{c}{c}中{c}"), format!("{c}")] {
            assert_eq!(trim_cell(&s), s.trim(), "U+{:04X}", c as u32);
        }
    }
    assert_eq!(trim_cell("\u{3000}三(2)班\u{3000} "), "三(2)班");
    assert_eq!(trim_cell("门窗\u{3000}完好"), "门窗\u{3000}完好");
    assert_eq!(trim_cell("  "), "");
}

#[test]
fn bad_bytes_in_an_unknown_column_do_not_fail_the_row() {
    let mut data = "日期,网格,检查项目,检查人,结果,附件\n2026-09-08,a,b,c,正常,"
        .as_bytes()
        .to_vec();
    data.extend_from_slice(b"\xFF\xFE\n");
    let mut reader = TableReader::from_reader("log.csv", Cursor::new(data), INSPECTIONS).unwrap();
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!((row.line(), row.get(4)), (2, Some("正常")));
    assert!(reader.next_row().is_none());
}

#[test]
fn a_lone_surrogate_in_utf16_is_a_row_error() {
    let mut data = b"\xFF\xFE".to_vec();
    let utf16 = |s: &str| {
        s.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
    };
    data.extend(utf16(
        "date\tcell\tduty\tinspector\tresult\r\n2026/9/8\ta\tb\t",
    ));
    data.extend_from_slice(&0xD800u16.to_le_bytes());
    data.extend(utf16("\tok\r\n2026/9/9\ta\tb\tc\tok\r\n"));
    let mut reader = TableReader::from_reader("log.txt", Cursor::new(data), INSPECTIONS).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf16Le);
    let err = reader.next_row().unwrap().unwrap_err();
    assert_eq!(err.line, 2);
    assert!(matches!(
        err.kind,
        RowErrorKind::InvalidText {
            key: "inspector",
            column: 4,
            encoding: Encoding::Utf16Le
        }
    ));
    let row = reader.next_row().unwrap().unwrap();
    assert_eq!((row.line(), row.get(3)), (3, Some("c")));
}

#[test]
fn a_damaged_utf8_row_after_an_ascii_prefix_is_not_read_as_gbk() {
    // `陈静` is cut short: E6 9D would be a GBK character, but the rest of
    // the row is UTF-8, so the row is reported, not turned into mojibake.
    // (`晨检` in UTF-8 happens to be valid GB18030 too.)
    let mut tail = "2026-09-10,class-3-2,晨检,".as_bytes().to_vec();
    let gb = encoding_rs::GB18030;
    assert!(
        gb.decode_without_bom_handling_and_without_replacement(&tail)
            .is_some()
    );
    tail.extend_from_slice(b"\xE6\x9D,ok,\n");
    let mut reader = TableReader::from_reader(
        "log.csv",
        Cursor::new(ascii_prefix_then(&tail)),
        INSPECTIONS,
    )
    .unwrap();
    let mut errors = Vec::new();
    while let Some(row) = reader.next_row() {
        if let Err(err) = row {
            errors.push(err);
        }
    }
    assert_eq!(errors.len(), 1);
    assert!(matches!(
        errors[0].kind,
        RowErrorKind::InvalidText {
            key: "inspector",
            column: 4,
            ..
        }
    ));
}

/// What a reader gives, as text: each row's line and values, each error.
fn transcript_by_rows(mut reader: TableReader) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(row) = reader.next_row() {
        out.push(match row {
            Ok(row) => {
                let values: Vec<_> = (0..INSPECTIONS.len()).map(|c| row.get(c)).collect();
                format!("{}: {values:?}", row.line())
            }
            Err(err) => format!("error {err}"),
        });
    }
    out
}

/// The same, read with `fill` in batches of `size` rows; a batch's errors
/// are placed among its rows by line.
fn transcript_by_batches(mut reader: TableReader, size: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut batch = Batch::default();
    loop {
        let more = reader.fill(&mut batch, size);
        let mut lines: Vec<(u64, String)> = batch
            .problems()
            .iter()
            .map(|e| (e.line, format!("error {e}")))
            .collect();
        for row in batch.rows() {
            let values: Vec<_> = (0..INSPECTIONS.len()).map(|c| row.get(c)).collect();
            lines.push((row.line(), format!("{}: {values:?}", row.line())));
        }
        lines.sort_by_key(|(line, _)| *line);
        out.extend(lines.into_iter().map(|(_, s)| s));
        if !more {
            return out;
        }
    }
}

#[test]
fn batches_read_what_rows_read() {
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "txt"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    inputs.sort();
    let utf8 = |tail: &[u8]| {
        let mut data =
            "date,cell,duty,inspector,result,note,附件\n2026-09-08,三(2)班,晨检,陈静,正常,,\n"
                .as_bytes()
                .to_vec();
        data.extend_from_slice(tail);
        data.extend_from_slice("2026-09-12,三(2)班,晨检,陈静,正常,最后, \u{3000}\n".as_bytes());
        data
    };
    // A schema cell that is not UTF-8; a bad cell in an unknown column.
    inputs.push((
        "damaged".into(),
        utf8(b"2026-09-09,a,\xFF,c,ok,,\n2026-09-10,a,b,c,ok,,\xFF\n"),
    ));
    // Two cells that are UTF-8 only when run together: E4 BD | A0 is `你`.
    inputs.push(("split".into(), utf8(b"2026-09-09,a,\xE4\xBD,\xA0,ok,,\n")));
    // Unicode whitespace, an unclosed quote at the end.
    inputs.push((
        "spaces".into(),
        utf8(
            " 2026-09-11 ,\u{3000}a\u{3000},\u{a0}b, c ,ok,\"open\n2026-09-12,a,b,c,ok,,\n"
                .as_bytes(),
        ),
    ));
    // Columns in another order than the schema's: the first bad cell in the
    // file is the one named.
    inputs.push((
        "reordered".into(),
        "result,date,cell,duty,inspector,note\nok,2026-09-01,a,b,c,门窗完好门窗完好\n"
            .bytes()
            .chain(*b"\xff,2026-09-0\xff,a,b,c,\n")
            .collect(),
    ));
    let mut gbk_tail = b"2026-09-09,".to_vec();
    gbk_tail.extend_from_slice(
        &encoding_rs::GBK
            .encode("三(2)班,晨检,陈静,正常,门窗完好\n")
            .0,
    );
    gbk_tail.extend_from_slice(b"2026-09-11,a,b,c,ok,\xFF\n2026-09-12,a,b,\xE6\x9D,ok,\n");
    inputs.push(("gbk after ascii".into(), ascii_prefix_then(&gbk_tail)));

    for (name, data) in &inputs {
        let open = || TableReader::from_reader(name, Cursor::new(data.clone()), INSPECTIONS);
        let Ok(reader) = open() else { continue };
        let expected = transcript_by_rows(reader);
        assert!(!expected.is_empty(), "{name}");
        for size in [1, 2, 3, 4096] {
            let got = transcript_by_batches(open().unwrap(), size);
            assert_eq!(got, expected, "{name}, batches of {size}");
        }
    }
    // The cases above do what they say.
    let damaged = transcript_by_rows(open_bytes(&inputs[inputs.len() - 5].1));
    assert!(damaged[1].contains("column 3 (`duty`)"), "{damaged:?}");
    assert!(damaged[2].starts_with("4: "), "{damaged:?}");
    let split = transcript_by_rows(open_bytes(&inputs[inputs.len() - 4].1));
    assert!(split[1].contains("column 3 (`duty`)"), "{split:?}");
    let reordered = transcript_by_rows(open_bytes(&inputs[inputs.len() - 2].1));
    assert!(
        reordered[1].contains("column 1 (`result`)"),
        "{reordered:?}"
    );
}

fn open_bytes(data: &[u8]) -> TableReader {
    TableReader::from_reader("log.csv", Cursor::new(data.to_vec()), INSPECTIONS).unwrap()
}
