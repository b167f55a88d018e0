//! The one CSV reader behind every table gridctl reads: roster tables,
//! inspection logs, hazard ledgers (SPEC §1.2–§1.5).
//!
//! It reads files as Excel on a Chinese Windows machine writes them, and
//! streams: memory is bounded by the sniff prefix and the longest record,
//! never by the file size.
//!
//! - **Encoding**, sniffed from the first 64 KiB: a UTF-8 BOM → UTF-8; a
//!   UTF-16 BOM → UTF-16 (Excel's "Unicode text"); a prefix that is UTF-8 →
//!   UTF-8, passed through untouched (the fast path); otherwise GB18030 (a
//!   superset of GBK). A prefix that is UTF-8 apart from a few damaged
//!   characters stays UTF-8, so the damage becomes row errors instead of
//!   turning the whole file into mojibake. When the prefix is pure ASCII
//!   (English headers, ids only) nothing says which encoding later rows
//!   use, so a row that is not UTF-8 there, and has no UTF-8 beyond ASCII
//!   either, is read as GB18030 when it is valid GB18030.
//! - **Delimiter**, from the first line holding a tab or a comma: tab when it
//!   has more tabs than commas, else comma.
//! - **Layout**: CRLF or LF, quoted fields (with line breaks inside), blank
//!   lines and rows of empty cells skipped, rows shorter or longer than the
//!   header, whitespace (including U+3000) around values trimmed.
//! - **Headers** are matched against a schema of [`Column`]s by key or alias
//!   (English or Chinese, ASCII case ignored); columns in any order, unknown
//!   ones ignored, the first match wins. Up to [`MAX_TITLE_ROWS`] title rows
//!   above the header (a sheet title such as `隐患排查整改台账`) are skipped
//!   when they match no column.
//! - **Line numbers** are the physical line where a row starts, counting
//!   from 1 at the top of the file. (csv's own record positions are off
//!   after CRLF and blank lines, so they are worked out here.)
//! - **Errors**: a file that cannot be used at all is a [`TableError`]; a bad
//!   row is a [`RowError`] with its line number, and reading goes on. Cells
//!   that are not text in the file's encoding, and a quote that is never
//!   closed (which swallows the rows after it), are row errors.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use csv::{ByteRecord, StringRecord};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::records::{Area, Read1, Records};

/// How much of the file is read up front to sniff the encoding and delimiter.
const SNIFF_LEN: usize = 64 * 1024;

/// How many non-blank records above the header may be skipped as titles.
pub const MAX_TITLE_ROWS: usize = 5;

/// The character encoding a table was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 without a BOM (also plain ASCII).
    Utf8,
    /// UTF-8 with a byte order mark, as Excel's "CSV UTF-8" writes it.
    Utf8Bom,
    /// UTF-16 little endian with a BOM: Excel's "Unicode text".
    Utf16Le,
    /// UTF-16 big endian with a BOM.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312: Excel's "CSV" on Chinese Windows.
    Gb18030,
}

impl Encoding {
    /// The usual name of the encoding, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (with BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// The decoder to transcode with; `None` for UTF-8, which is read as is.
    fn transcoder(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => None,
            Encoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            Encoding::Utf16Be => Some(encoding_rs::UTF_16BE),
            Encoding::Gb18030 => Some(encoding_rs::GB18030),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One column a table may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The English header, also the column's name in messages: `date`.
    pub key: &'static str,
    /// Other accepted headers, usually Chinese: `日期`, `检查日期`.
    pub aliases: &'static [&'static str],
    /// Whether a table without this column is refused.
    pub required: bool,
}

impl Column {
    pub const fn required(key: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            key,
            aliases,
            required: true,
        }
    }

    pub const fn optional(key: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            key,
            aliases,
            required: false,
        }
    }

    /// Whether a header cell names this column: after trimming whitespace and
    /// a BOM, it equals the key or an alias, ignoring ASCII case.
    pub fn matches(&self, header: &str) -> bool {
        let header = normalize_header(header);
        !header.is_empty()
            && std::iter::once(&self.key)
                .chain(self.aliases)
                .any(|name| name.eq_ignore_ascii_case(header))
    }
}

fn normalize_header(s: &str) -> &str {
    s.trim().trim_start_matches('\u{feff}').trim()
}

/// A table that cannot be read at all.
#[derive(Debug)]
pub struct TableError {
    /// The file name as given to [`TableReader::open`] or [`TableReader::from_reader`].
    pub file: String,
    /// The 1-based line the error is about, when it is about one.
    pub line: Option<u64>,
    pub kind: TableErrorKind,
}

#[derive(Debug)]
pub enum TableErrorKind {
    /// The file cannot be opened.
    Open(io::Error),
    /// The file cannot be read.
    Read(io::Error),
    /// The file holds no header line: it is empty or blank.
    Empty { columns: &'static [Column] },
    /// The file is an Excel workbook (`.xlsx` or `.xls`), not CSV text.
    Workbook,
    /// Required columns are absent from the header line.
    MissingColumns {
        /// The required columns not found, in schema order.
        missing: Vec<&'static Column>,
        /// The non-empty header cells that were found, in file order.
        found: Vec<String>,
    },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            TableErrorKind::Open(err) => write!(
                f,
                "cannot open the file: {err}; check the path in grid.toml or on the command line"
            ),
            TableErrorKind::Read(err) => write!(f, "cannot read the file: {err}"),
            TableErrorKind::Empty { columns } => {
                f.write_str("the file is empty; it needs a header line such as `")?;
                write_keys(f, columns.iter().filter(|c| c.required), ",")?;
                f.write_str("` and one row per entry below it")
            }
            TableErrorKind::Workbook => f.write_str(
                "this is an Excel workbook, not a CSV file; \
                 in Excel use File > Save As and choose \"CSV UTF-8 (Comma delimited)\"",
            ),
            TableErrorKind::MissingColumns { missing, found } => {
                let s = if missing.len() == 1 { "" } else { "s" };
                write!(f, "missing required column{s} ")?;
                for (i, column) in missing.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", column.key)?;
                    if !column.aliases.is_empty() {
                        write!(f, " ({})", column.aliases.join(" / "))?;
                    }
                }
                f.write_str("; the header line has ")?;
                if found.is_empty() {
                    f.write_str("no names")?;
                } else {
                    f.write_str(&found.join(", "))?;
                }
                f.write_str(". Add the column to the header line, by its English or Chinese name")
            }
        }
    }
}

fn write_keys<'a>(
    f: &mut fmt::Formatter<'_>,
    columns: impl Iterator<Item = &'a Column>,
    sep: &str,
) -> fmt::Result {
    for (i, column) in columns.enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        f.write_str(column.key)?;
    }
    Ok(())
}

impl std::error::Error for TableError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            TableErrorKind::Open(err) | TableErrorKind::Read(err) => Some(err),
            _ => None,
        }
    }
}

/// A row that cannot be read; the rows after it still are.
#[derive(Debug)]
pub struct RowError {
    pub file: String,
    /// The 1-based physical line where the row starts.
    pub line: u64,
    pub kind: RowErrorKind,
}

#[derive(Debug)]
pub enum RowErrorKind {
    /// A cell of a schema column holds bytes that are not text in the
    /// file's encoding.
    InvalidText {
        /// The schema column's key.
        key: &'static str,
        /// The 1-based column in the file.
        column: usize,
        /// The encoding the file was read in.
        encoding: Encoding,
    },
    /// A cell starts with a double quote that is not closed where it should
    /// be, so the lines up to `end_line` were read as this one row.
    UnclosedQuote { end_line: u64 },
    /// Reading failed; no further rows are read after this error.
    Read(io::Error),
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        match &self.kind {
            RowErrorKind::InvalidText {
                key,
                column,
                encoding,
            } => write!(
                f,
                "column {column} (`{key}`) holds bytes that are not valid {} text; \
                 retype that cell, or save the whole file from Excel as \"CSV UTF-8\"",
                match encoding {
                    Encoding::Utf8Bom => Encoding::Utf8,
                    other => *other,
                }
            ),
            RowErrorKind::UnclosedQuote { end_line } => write!(
                f,
                "a cell starts with a double quote (\") that is not closed, so lines {}-{end_line} \
                 were read as one row; remove the stray quote or close it",
                self.line
            ),
            RowErrorKind::Read(err) => write!(f, "cannot read the file: {err}"),
        }
    }
}

impl std::error::Error for RowError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            RowErrorKind::Read(err) => Some(err),
            _ => None,
        }
    }
}

/// Reads one table, row by row (`next_row`) or a batch of rows at a time
/// (`fill`); see the module documentation.
pub struct TableReader {
    file: String,
    records: Records,
    /// Where `next_row` reads a record before it becomes `bytes`.
    scratch: Area,
    encoding: Encoding,
    delimiter: u8,
    /// Read a non-UTF-8 row as GB18030 (UTF-8 files with a pure ASCII prefix).
    gb18030_fallback: bool,
    columns: &'static [Column],
    headers: Vec<String>,
    header_line: u64,
    /// For each schema column, its 0-based field index in the file.
    fields: Vec<Option<usize>>,
    /// A row has at least this many delimiters; swallowed rows show it.
    row_delimiters: usize,
    /// The reused row buffer.
    bytes: ByteRecord,
    /// The row as text when its bytes were not UTF-8: read as GB18030, or
    /// with unusable cells of unknown columns replaced.
    fallback: StringRecord,
    done: bool,
}

impl fmt::Debug for TableReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableReader")
            .field("file", &self.file)
            .field("encoding", &self.encoding)
            .field("delimiter", &char::from(self.delimiter))
            .field("headers", &self.headers)
            .field("header_line", &self.header_line)
            .finish_non_exhaustive()
    }
}

impl TableReader {
    /// Opens `path` and reads its header line against `columns`.
    pub fn open(path: &Path, columns: &'static [Column]) -> Result<TableReader, TableError> {
        let file = path.display().to_string();
        match File::open(path) {
            Ok(f) => Self::start(file, Box::new(f), columns),
            Err(err) => Err(TableError {
                file,
                line: None,
                kind: TableErrorKind::Open(err),
            }),
        }
    }

    /// Reads a table from any byte stream; `name` is used in messages.
    pub fn from_reader<R: Read + 'static>(
        name: &str,
        r: R,
        columns: &'static [Column],
    ) -> Result<TableReader, TableError> {
        Self::start(name.to_string(), Box::new(r), columns)
    }

    fn start(
        file: String,
        mut input: Box<dyn Read>,
        columns: &'static [Column],
    ) -> Result<TableReader, TableError> {
        let error = |line, kind| TableError {
            file: file.clone(),
            line,
            kind,
        };

        let mut prefix = Vec::with_capacity(SNIFF_LEN);
        if let Err(err) = (&mut input).take(SNIFF_LEN as u64).read_to_end(&mut prefix) {
            return Err(error(None, TableErrorKind::Read(err)));
        }
        let at_eof = prefix.len() < SNIFF_LEN;
        if is_workbook(&prefix) {
            return Err(error(None, TableErrorKind::Workbook));
        }
        let sniffed = sniff_encoding(&prefix, at_eof);
        let delimiter = match sniffed.encoding.transcoder() {
            Some(enc) if matches!(sniffed.encoding, Encoding::Utf16Le | Encoding::Utf16Be) => {
                let (text, _) = enc.decode_without_bom_handling(&prefix[sniffed.bom_len..]);
                sniff_delimiter(text.as_bytes()).unwrap_or(b'\t')
            }
            // ASCII tabs and commas never occur inside a UTF-8 or GB18030
            // multibyte character, so the raw bytes will do.
            _ => sniff_delimiter(&prefix[sniffed.bom_len..]).unwrap_or(b','),
        };

        // Records end at LF only, and the stream always ends with one, so
        // every record's last byte is its LF and line numbers can be worked
        // out exactly (see `start_line`). A CR before the LF stays in the
        // last cell, where trimming removes it. Files with CR alone (old Mac
        // Excel) fall back to CR or LF as terminator.
        let crlf = !prefix.contains(&b'\n') && prefix.contains(&b'\r');
        let mut head = io::Cursor::new(prefix);
        head.set_position(sniffed.bom_len as u64);
        let bytes = head.chain(input);
        let final_newline: &'static [u8] = b"\n";
        let stream: Box<dyn Read> = match sniffed.encoding.transcoder() {
            None => Box::new(bytes.chain(final_newline)),
            Some(enc) => Box::new(
                DecodeReaderBytesBuilder::new()
                    .encoding(Some(enc))
                    .bom_sniffing(false)
                    .build(bytes)
                    .chain(final_newline),
            ),
        };
        let mut records = Records::new(stream, delimiter, crlf);
        let mut scratch = Area::default();

        // The header is the first non-blank record, unless that matches no
        // column and one of the next few does (title rows above the header).
        let mut record = ByteRecord::new();
        let mut first: Option<(u64, Vec<String>)> = None;
        let mut header = None;
        let mut candidates = 0;
        while candidates <= MAX_TITLE_ROWS {
            scratch.clear();
            let read = match records.read(&mut scratch) {
                Ok(Some(read)) => read,
                Ok(None) => break,
                Err(err) => return Err(error(None, TableErrorKind::Read(err))),
            };
            to_byte_record(&scratch, &read, &mut record);
            if is_blank(record.as_slice()) {
                continue;
            }
            candidates += 1;
            let (line, _) = start_line(record.as_slice(), read.before, read.after);
            let cells: Vec<String> = record
                .iter()
                .map(|cell| normalize_header(&decode_header_cell(cell)).to_string())
                .collect();
            let fields = map_columns(columns, &cells);
            if fields.iter().any(Option::is_some) {
                header = Some((line, cells, fields));
                break;
            }
            first.get_or_insert((line, cells));
        }

        let (header_line, headers, fields) = match (header, first) {
            (Some(found), _) => found,
            (None, None) => return Err(error(None, TableErrorKind::Empty { columns })),
            (None, Some((line, cells))) => {
                let fields = vec![None; columns.len()];
                (line, cells, fields)
            }
        };
        let mut missing: Vec<&'static Column> = columns
            .iter()
            .zip(&fields)
            .filter(|(c, f)| c.required && f.is_none())
            .map(|(c, _)| c)
            .collect();
        if fields.iter().all(Option::is_none) && missing.is_empty() {
            // No column at all is as useless as a missing required one.
            missing = columns.iter().collect();
        }
        if !missing.is_empty() {
            let found = headers.iter().filter(|h| !h.is_empty()).cloned().collect();
            return Err(error(
                Some(header_line),
                TableErrorKind::MissingColumns { missing, found },
            ));
        }

        let row_delimiters = columns
            .iter()
            .zip(&fields)
            .filter(|(c, _)| c.required)
            .filter_map(|(_, f)| *f)
            .max()
            .unwrap_or(0)
            .max(1);
        Ok(TableReader {
            file,
            records,
            scratch,
            encoding: sniffed.encoding,
            delimiter,
            gb18030_fallback: sniffed.ascii_only,
            columns,
            headers,
            header_line,
            fields,
            row_delimiters,
            bytes: record,
            fallback: StringRecord::new(),
            done: false,
        })
    }

    /// The file name used in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The encoding the file is read in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The field delimiter: `b','` or `b'\t'`.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The header cells as found (trimmed), one per column of the file.
    pub fn headers_found(&self) -> &[String] {
        &self.headers
    }

    /// The 1-based line of the header.
    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    /// The 1-based column in the file of a schema column, when present.
    pub fn column_in_file(&self, column: usize) -> Option<usize> {
        self.fields.get(column).copied().flatten().map(|f| f + 1)
    }

    /// The next data row, or the error that stops one row from being read.
    ///
    /// Blank lines and rows whose cells are all empty are skipped. After an
    /// error the next call goes on with the next row, except after
    /// [`RowErrorKind::Read`], which ends the table.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        Some(match self.read_record()? {
            Ok(line) => self.text_row(line),
            Err(e) => Err(e),
        })
    }

    /// Reads the next non-blank record into `self.bytes` and gives its line.
    fn read_record(&mut self) -> Option<Result<u64, RowError>> {
        loop {
            if self.done {
                return None;
            }
            self.scratch.clear();
            let read = match self.records.read(&mut self.scratch) {
                Ok(Some(read)) => read,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(err) => {
                    self.done = true;
                    let line = self.records.line();
                    return Some(Err(self.row_error(line, RowErrorKind::Read(err))));
                }
            };
            to_byte_record(&self.scratch, &read, &mut self.bytes);
            match self.check_record(&self.scratch, &read) {
                Checked::Blank => continue,
                Checked::Row(line) => return Some(Ok(line)),
                Checked::Unclosed(e) => return Some(Err(e)),
            }
        }
    }

    /// Whether a record just read is blank, a row, or an unclosed quote.
    fn check_record(&self, area: &Area, read: &Read1) -> Checked {
        let bytes = &area.bytes[read.base..area.used];
        if is_blank(bytes) {
            return Checked::Blank;
        }
        let (line, newlines) = start_line(bytes, read.before, read.after);
        let ends = &area.ends[read.ends..read.ends + read.fields];
        if newlines > 0 && self.swallows_rows(area.fields(read.base, ends)) {
            // Up to the last line with text: at the end of the file the
            // open quote also swallows the final line breaks.
            let text = bytes.trim_ascii_end();
            let end_line = line + text.iter().filter(|&&b| b == b'\n').count() as u64;
            let kind = RowErrorKind::UnclosedQuote { end_line };
            return Checked::Unclosed(self.row_error(line, kind));
        }
        Checked::Row(line)
    }

    /// The record in `self.bytes` as a row of text.
    fn text_row(&mut self, line: u64) -> Result<Row<'_>, RowError> {
        // The row is checked for UTF-8 once, as one slice; cells are then
        // slices of that text.
        let bad = match record_text(&self.bytes) {
            Some(text) => match self.replaced_cell(text, &self.bytes) {
                None => {
                    return Ok(Row {
                        line,
                        text,
                        record: &self.bytes,
                        fields: &self.fields,
                    });
                }
                Some(bad) => bad,
            },
            None => match decode_slowly(
                &mut self.fallback,
                &self.bytes,
                &self.fields,
                self.gb18030_fallback,
            ) {
                Ok(()) => {
                    return Ok(Row {
                        line,
                        text: self.fallback.as_slice(),
                        record: self.fallback.as_byte_record(),
                        fields: &self.fields,
                    });
                }
                Err(bad) => bad,
            },
        };
        Err(self.invalid_text(line, bad))
    }

    /// The error for a row whose cell (schema index, field index) is not
    /// text.
    fn invalid_text(&self, line: u64, (schema_index, field): (usize, usize)) -> RowError {
        let kind = RowErrorKind::InvalidText {
            key: self.columns[schema_index].key,
            column: field + 1,
            encoding: self.encoding,
        };
        self.row_error(line, kind)
    }

    /// Reads up to `max_rows` rows into `batch`, replacing what it held.
    /// False once the table is done (the batch then holds its last rows).
    ///
    /// The rows' schema cells are copied into one text, so a UTF-8 file is
    /// checked for UTF-8 once per batch rather than once per row, and only
    /// rows with a bad cell are looked at one by one. Files in other
    /// encodings, or whose rows may be GB18030 (see the module
    /// documentation), go row by row as `next_row` does.
    pub fn fill(&mut self, batch: &mut Batch, max_rows: usize) -> bool {
        batch.area.clear();
        batch.rows.clear();
        batch.problems.clear();
        batch.fields.clear();
        batch.fields.extend_from_slice(&self.fields);
        let plain = self.encoding.transcoder().is_none() && !self.gb18030_fallback;
        let mut more = true;
        while batch.rows.len() < max_rows {
            if !plain {
                match self.read_record() {
                    None => {
                        more = false;
                        break;
                    }
                    Some(Err(e)) => batch.problems.push(e),
                    Some(Ok(line)) => match self.text_row(line) {
                        Ok(row) => batch.push_row(&row),
                        Err(e) => batch.problems.push(e),
                    },
                }
                continue;
            }
            if self.done {
                more = false;
                break;
            }
            let (used, ends_used) = (batch.area.used, batch.area.ends_used);
            let read = match self.records.read(&mut batch.area) {
                Ok(Some(read)) => read,
                Ok(None) => {
                    self.done = true;
                    more = false;
                    break;
                }
                Err(err) => {
                    self.done = true;
                    let line = self.records.line();
                    batch
                        .problems
                        .push(self.row_error(line, RowErrorKind::Read(err)));
                    more = false;
                    break;
                }
            };
            match self.check_record(&batch.area, &read) {
                Checked::Row(line) => batch.rows.push(BatchRowAt {
                    line,
                    base: read.base,
                    ends: read.ends,
                    fields: read.fields,
                }),
                Checked::Blank => batch.area.truncate(used, ends_used),
                Checked::Unclosed(e) => {
                    batch.problems.push(e);
                    batch.area.truncate(used, ends_used);
                }
            }
        }
        if !batch.is_text() {
            self.drop_invalid_rows(batch);
        }
        // Rows dropped just now come after the problems met while reading.
        batch.problems.sort_by_key(|p| p.line);
        more
    }

    /// Makes the batch text when some of it is not: rows with a schema cell
    /// that is not UTF-8 become problems; the others are kept, with cells of
    /// other columns that are not UTF-8 left empty.
    fn drop_invalid_rows(&self, batch: &mut Batch) {
        let old = std::mem::take(&mut batch.area);
        let rows = std::mem::take(&mut batch.rows);
        for at in rows {
            let ends = &old.ends[at.ends..at.ends + at.fields];
            let cells: Vec<&[u8]> = old.fields(at.base, ends).collect();
            // The first cell, in file order, of a schema column that is not
            // text (as `decode_slowly` names it for `next_row`).
            let bad = cells.iter().enumerate().find_map(|(i, cell)| {
                let column = self.fields.iter().position(|f| *f == Some(i))?;
                std::str::from_utf8(cell).is_err().then_some((column, i))
            });
            if let Some(bad) = bad {
                batch.problems.push(self.invalid_text(at.line, bad));
                continue;
            }
            let base = batch.area.used;
            let first_end = batch.area.ends_used;
            let mut end = 0;
            for cell in &cells {
                let cell: &[u8] = if std::str::from_utf8(cell).is_ok() {
                    cell
                } else {
                    b""
                };
                batch.area.push(cell);
                end += cell.len();
                batch.area.push_end(end);
            }
            batch.rows.push(BatchRowAt {
                line: at.line,
                base,
                ends: first_end,
                fields: cells.len(),
            });
        }
    }

    fn row_error(&self, line: u64, kind: RowErrorKind) -> RowError {
        RowError {
            file: self.file.clone(),
            line,
            kind,
        }
    }

    /// In a transcoded file, the first schema cell holding U+FFFD, which the
    /// decoder puts where bytes are not valid in the file's encoding, as
    /// (schema index, field index).
    fn replaced_cell(&self, text: &str, record: &ByteRecord) -> Option<(usize, usize)> {
        self.encoding.transcoder()?;
        self.fields.iter().enumerate().find_map(|(i, field)| {
            let field = (*field)?;
            let cell = text.get(record.range(field)?)?;
            cell.contains('\u{FFFD}').then_some((i, field))
        })
    }

    /// Whether the record holds, inside a quoted cell, lines that look like
    /// rows of their own: the mark of a quote that was never closed.
    fn swallows_rows<'a>(&self, mut cells: impl Iterator<Item = &'a [u8]>) -> bool {
        cells.any(|cell| {
            cell.split(|&b| b == b'\n').skip(1).any(|line| {
                line.iter().filter(|&&b| b == self.delimiter).count() >= self.row_delimiters
            })
        })
    }
}

/// Fills `fallback` from a record that is not UTF-8: as GB18030 when the
/// file's prefix left the encoding open and no cell of the row is
/// UTF-8 beyond ASCII (that would make it a damaged UTF-8 row), else
/// cell by cell. `Err` names the first schema cell that is not text, as
/// (schema index, field index); cells of unknown columns never make a
/// row fail.
fn decode_slowly(
    fallback: &mut StringRecord,
    bytes: &ByteRecord,
    fields: &[Option<usize>],
    gb18030_fallback: bool,
) -> Result<(), (usize, usize)> {
    let schema_index = |field| fields.iter().position(|f| *f == Some(field));
    let utf8_beyond_ascii = |cell: &[u8]| !cell.is_ascii() && std::str::from_utf8(cell).is_ok();
    if gb18030_fallback && !bytes.iter().any(utf8_beyond_ascii) {
        fallback.clear();
        let gb = encoding_rs::GB18030;
        let all_text = bytes.iter().enumerate().all(|(i, cell)| {
            match gb.decode_without_bom_handling_and_without_replacement(cell) {
                Some(text) => {
                    fallback.push_field(&text);
                    true
                }
                None if schema_index(i).is_none() => {
                    fallback.push_field("");
                    true
                }
                None => false,
            }
        });
        if all_text {
            return Ok(());
        }
    }
    fallback.clear();
    let mut bad = None;
    for (i, cell) in bytes.iter().enumerate() {
        match std::str::from_utf8(cell) {
            Ok(text) => fallback.push_field(text),
            Err(_) => {
                if let Some(s) = schema_index(i) {
                    bad.get_or_insert((s, i));
                }
                fallback.push_field("");
            }
        }
    }
    bad.map_or(Ok(()), Err)
}

/// Rows read a batch at a time by [`TableReader::fill`]: the records as
/// read, one after another, and where each row lies among them.
#[derive(Debug, Default)]
pub struct Batch {
    /// The records; UTF-8 text once `fill` is done.
    area: Area,
    rows: Vec<BatchRowAt>,
    /// For each schema column, its field in the records.
    fields: Vec<Option<usize>>,
    /// The rows that could not be read, in file order.
    problems: Vec<RowError>,
}

#[derive(Debug, Clone, Copy)]
struct BatchRowAt {
    line: u64,
    /// The record's first byte in the area.
    base: usize,
    /// Its field ends: `area.ends[ends..ends + fields]`.
    ends: usize,
    fields: usize,
}

impl Batch {
    /// The rows read, in file order.
    pub fn rows(&self) -> impl Iterator<Item = BatchRow<'_>> {
        // One fast check per batch turns the bytes `fill` checked into text;
        // it cannot fail, and would only leave the cells empty if it did.
        let bytes = &self.area.bytes[..self.area.used];
        let text = simdutf8::basic::from_utf8(bytes).unwrap_or_default();
        debug_assert_eq!(text.len(), bytes.len());
        self.rows.iter().map(move |at| BatchRow {
            line: at.line,
            text,
            base: at.base,
            ends: &self.area.ends[at.ends..at.ends + at.fields],
            fields: &self.fields,
        })
    }

    /// The rows that could not be read, in file order.
    pub fn problems(&self) -> &[RowError] {
        &self.problems
    }

    /// Whether the batch grew large (a huge record, such as a quote left
    /// open over much of a file): not worth keeping for the next table.
    pub fn is_large(&self) -> bool {
        self.area.bytes.len() > 4 << 20 || self.area.ends.len() > 1 << 18
    }

    /// Appends a row already read as text.
    fn push_row(&mut self, row: &Row) {
        let (base, first_end) = (self.area.used, self.area.ends_used);
        self.area.push(row.text.as_bytes());
        let fields = row.record.len();
        for i in 0..fields {
            let end = row.record.range(i).map_or(0, |r| r.end);
            self.area.push_end(end);
        }
        self.rows.push(BatchRowAt {
            line: row.line,
            base,
            ends: first_end,
            fields,
        });
    }

    /// Whether the records are UTF-8 and every schema cell starts and ends
    /// on a character boundary (a cell cut inside a character is not text
    /// even when the record around it is).
    fn is_text(&self) -> bool {
        let bytes = &self.area.bytes[..self.area.used];
        if simdutf8::basic::from_utf8(bytes).is_err() {
            return false;
        }
        if bytes.is_ascii() {
            return true;
        }
        let boundary = |i: usize| bytes.get(i).is_none_or(|&b| !(0x80..0xC0).contains(&b));
        self.rows.iter().all(|at| {
            let ends = &self.area.ends[at.ends..at.ends + at.fields];
            self.fields.iter().flatten().all(|&f| {
                let end = ends.get(f).map_or(0, |&e| e);
                let start = if f == 0 {
                    0
                } else {
                    ends.get(f - 1).map_or(0, |&e| e)
                };
                boundary(at.base + start) && boundary(at.base + end)
            })
        })
    }
}

/// One row of a [`Batch`].
#[derive(Debug, Clone, Copy)]
pub struct BatchRow<'b> {
    line: u64,
    text: &'b str,
    base: usize,
    ends: &'b [usize],
    fields: &'b [Option<usize>],
}

impl<'b> BatchRow<'b> {
    /// The 1-based physical line where the row starts.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The value of a schema column, trimmed; `None` when the file has no
    /// such column or the cell is empty.
    pub fn get(&self, column: usize) -> Option<&'b str> {
        let field = (*self.fields.get(column)?)?;
        let end = *self.ends.get(field)?;
        let start = if field == 0 { 0 } else { self.ends[field - 1] };
        let value = trim_cell(self.text.get(self.base + start..self.base + end)?);
        (!value.is_empty()).then_some(value)
    }
}

/// What a record just read turned out to be.
enum Checked {
    Blank,
    /// A row starting on this line.
    Row(u64),
    Unclosed(RowError),
}

/// The record `read` of `area` as a `ByteRecord`.
fn to_byte_record(area: &Area, read: &Read1, record: &mut ByteRecord) {
    record.clear();
    let ends = &area.ends[read.ends..read.ends + read.fields];
    for field in area.fields(read.base, ends) {
        record.push_field(field);
    }
}

/// One data row, borrowed from the reader until the next call to
/// [`TableReader::next_row`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'r> {
    line: u64,
    /// The record's cells, concatenated.
    text: &'r str,
    /// Where each cell lies in `text`.
    record: &'r ByteRecord,
    fields: &'r [Option<usize>],
}

/// The cells of `record` as one text, when each of them is UTF-8: one check
/// over the concatenation, and every cell starting on a character boundary
/// (a cell cannot end in the middle of a character then, as the next one
/// would start there).
fn record_text(record: &ByteRecord) -> Option<&str> {
    let text = std::str::from_utf8(record.as_slice()).ok()?;
    (0..record.len())
        .all(|i| {
            record
                .range(i)
                .is_some_and(|r| text.is_char_boundary(r.start))
        })
        .then_some(text)
}

impl<'r> Row<'r> {
    /// The 1-based physical line where the row starts (the header is line 1
    /// unless blank or title lines come before it).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The value of a schema column (index into the `columns` slice), trimmed;
    /// `None` when the file has no such column or the cell is empty.
    pub fn get(&self, column: usize) -> Option<&'r str> {
        let field = (*self.fields.get(column)?)?;
        let value = trim_cell(self.text.get(self.record.range(field)?)?);
        (!value.is_empty()).then_some(value)
    }

    /// The 1-based column in the file of a schema column, for messages.
    pub fn column_in_file(&self, column: usize) -> Option<usize> {
        self.fields.get(column).copied().flatten().map(|f| f + 1)
    }
}

struct Sniffed {
    encoding: Encoding,
    bom_len: usize,
    /// No byte above 0x7F in the prefix: nothing tells UTF-8 from GB18030.
    ascii_only: bool,
}

fn sniff_encoding(prefix: &[u8], at_eof: bool) -> Sniffed {
    let bom = |encoding, bom_len| Sniffed {
        encoding,
        bom_len,
        ascii_only: false,
    };
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return bom(Encoding::Utf8Bom, 3);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return bom(Encoding::Utf16Le, 2);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return bom(Encoding::Utf16Be, 2);
    }
    if simdutf8::basic::from_utf8(prefix).is_ok() {
        // The common case, checked at SIMD speed: all of it UTF-8.
        return Sniffed {
            encoding: Encoding::Utf8,
            bom_len: 0,
            ascii_only: prefix.is_ascii(),
        };
    }
    let (multibyte, invalid) = utf8_census(prefix, at_eof);
    // GBK text is mostly invalid UTF-8, with the odd pair of bytes that
    // happens to be valid; a UTF-8 file with a damaged cell is the reverse.
    let encoding = if invalid == 0 || multibyte >= 4 * invalid {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    };
    Sniffed {
        encoding,
        bom_len: 0,
        ascii_only: multibyte == 0 && invalid == 0,
    }
}

/// Counts the valid multibyte UTF-8 characters and the invalid sequences in
/// `bytes`. A character cut off at the end counts as neither unless the
/// file ends there.
fn utf8_census(mut bytes: &[u8], at_eof: bool) -> (usize, usize) {
    let leads = |b: &[u8]| b.iter().filter(|&&b| b >= 0xC0).count();
    let (mut multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return (multibyte + leads(bytes), invalid),
            Err(err) => {
                let (valid, rest) = bytes.split_at(err.valid_up_to());
                multibyte += leads(valid);
                match err.error_len() {
                    Some(len) => {
                        invalid += 1;
                        bytes = &rest[len..];
                    }
                    None => return (multibyte, invalid + usize::from(at_eof)),
                }
            }
        }
    }
}

/// The delimiter of the first line holding a tab or a comma.
fn sniff_delimiter(text: &[u8]) -> Option<u8> {
    text.split(|&b| b == b'\n').find_map(|line| {
        let tabs = line.iter().filter(|&&b| b == b'\t').count();
        let commas = line.iter().filter(|&&b| b == b',').count();
        match (tabs, commas) {
            (0, 0) => None,
            (t, c) if t > c => Some(b'\t'),
            _ => Some(b','),
        }
    })
}

/// `.xlsx` (a zip archive) or `.xls` (an OLE compound file).
fn is_workbook(prefix: &[u8]) -> bool {
    prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// `s` without leading and trailing whitespace, Unicode's included (the
/// ideographic space U+3000 is common in Chinese cells).
#[inline]
fn trim_cell(s: &str) -> &str {
    let plain_edge = |b: &u8| !b.is_ascii_whitespace() && *b != 0x0B && *b < 0x80;
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(plain_edge) && bytes.last().is_some_and(plain_edge) {
        // Nothing to trim: most cells.
        return s;
    }
    let s = s.trim_ascii();
    // The rest of Unicode's whitespace is U+000B and, beyond ASCII, U+0085,
    // U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and
    // U+3000, whose UTF-8 starts with one of these bytes and ends with one
    // of those; most cells start and end otherwise and skip the Unicode trim.
    let bytes = s.as_bytes();
    let may_start = matches!(bytes.first(), Some(0x0B | 0xC2 | 0xE1..=0xE3));
    let may_end = matches!(
        bytes.last(),
        Some(0x0B | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
    );
    if (may_start && s.starts_with(char::is_whitespace))
        || (may_end && s.ends_with(char::is_whitespace))
    {
        s.trim()
    } else {
        s
    }
}

/// A record of nothing but whitespace cells: a blank line, a whitespace
/// line, or a row of empty cells as Excel writes for formatted blank rows.
/// (The cells' bytes, concatenated, are whitespace exactly when each is.)
fn is_blank(record: &[u8]) -> bool {
    record.iter().all(u8::is_ascii_whitespace)
}

/// The 1-based line where a record starts, and how many line breaks its
/// cells hold; `before` and `after` are the parser's line counts around it.
///
/// `before` is where the previous record ended, which is off when blank
/// lines come between; but the record ends with the LF just before `after`,
/// so counting back over its cells gives the exact line.
fn start_line(record: &[u8], before: u64, after: u64) -> (u64, u64) {
    if after == before + 1 {
        // The common case: one line, no blank lines before it.
        return (before, 0);
    }
    let newlines = record.iter().filter(|&&b| b == b'\n').count() as u64;
    let line = after.saturating_sub(1 + newlines).max(before);
    (line, newlines)
}

/// A header cell as text: UTF-8, else GB18030, else UTF-8 with replacements.
fn decode_header_cell(cell: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(cell) {
        return Cow::Borrowed(text);
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(cell)
        .unwrap_or_else(|| String::from_utf8_lossy(cell))
}

fn map_columns(columns: &[Column], cells: &[String]) -> Vec<Option<usize>> {
    columns
        .iter()
        .map(|column| cells.iter().position(|cell| column.matches(cell)))
        .collect()
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
