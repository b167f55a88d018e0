//! CSV records straight into buffers the caller owns, so a batch of rows is
//! read without copying each record a second time.
//!
//! Most lines of a log hold no quote: such a line, when it lies whole in the
//! read buffer, is split at its delimiters eight bytes at a time (`memchr`
//! finds its end), faster than stepping `csv_core`'s state machine byte by
//! byte. Every other record (the first, quotes, a line across the buffer's
//! end, CR as terminator) goes to `csv_core`, whose tables are built once
//! per thread and reused from file to file. Both give the same fields and
//! line numbers: a property test reads random input both ways.

use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Read};

use csv_core::{ReadRecordResult, Reader, ReaderBuilder, Terminator};

/// Record bytes and field ends, grown as needed; `used` and `ends_used`
/// say how much holds records (the rest is room to read into).
#[derive(Debug, Default)]
pub struct Area {
    pub bytes: Vec<u8>,
    pub used: usize,
    /// The end of each field, relative to the start of its record.
    pub ends: Vec<usize>,
    pub ends_used: usize,
}

impl Area {
    pub fn clear(&mut self) {
        self.used = 0;
        self.ends_used = 0;
    }

    /// Forgets everything after `used` bytes and `ends_used` ends.
    pub fn truncate(&mut self, used: usize, ends_used: usize) {
        self.used = used;
        self.ends_used = ends_used;
    }

    /// Appends bytes to the record being built by hand.
    pub fn push(&mut self, bytes: &[u8]) {
        room(&mut self.bytes, self.used + bytes.len());
        self.bytes[self.used..self.used + bytes.len()].copy_from_slice(bytes);
        self.used += bytes.len();
    }

    /// Appends a field end (relative to its record's start).
    pub fn push_end(&mut self, end: usize) {
        room(&mut self.ends, self.ends_used + 1);
        self.ends[self.ends_used] = end;
        self.ends_used += 1;
    }

    /// The fields of the record at `base` whose ends are `ends`.
    pub fn fields<'a>(
        &'a self,
        base: usize,
        ends: &'a [usize],
    ) -> impl Iterator<Item = &'a [u8]> + 'a {
        let mut start = 0;
        ends.iter().map(move |&end| {
            let field = &self.bytes[base + start..base + end];
            start = end;
            field
        })
    }
}

/// Makes `v` at least `need` long, at least doubling it, so that growing
/// a little at a time stays linear.
fn room<T: Copy + Default>(v: &mut Vec<T>, need: usize) {
    if v.len() < need {
        v.resize((2 * v.len()).max(need), T::default());
    }
}

/// One record as read: where it lies and the lines around it.
#[derive(Debug, Clone, Copy)]
pub struct Read1 {
    /// The record's first byte in the area.
    pub base: usize,
    /// Its field ends: `area.ends[ends..ends + fields]`.
    pub ends: usize,
    pub fields: usize,
    /// The line count (see [`Records::line`]) before and after the record.
    pub before: u64,
    pub after: u64,
}

thread_local! {
    /// Parsers no longer in use, by (delimiter, CRLF terminator).
    static PARSERS: RefCell<Vec<(u8, bool, Reader)>> = const { RefCell::new(Vec::new()) };
}

/// Reads records from a byte stream.
pub struct Records {
    parser: Option<(u8, bool, Reader)>,
    input: BufReader<Box<dyn Read>>,
    /// Line feeds read past the parser (by [`Records::split_line`]).
    lines: u64,
    /// Between records: the parser has nothing of a record half read.
    between: bool,
    /// Lines may be split without the parser (see [`Records::new`]).
    quick: bool,
}

impl Records {
    /// Records of `input` split at `delimiter`; lines end at LF, or at CR or
    /// LF when `crlf`.
    pub fn new(input: Box<dyn Read>, delimiter: u8, crlf: bool) -> Records {
        let reused = PARSERS.with(|p| {
            let mut p = p.borrow_mut();
            let i = p
                .iter()
                .position(|(d, c, _)| *d == delimiter && *c == crlf)?;
            Some(p.swap_remove(i))
        });
        let parser = reused.unwrap_or_else(|| {
            let terminator = if crlf {
                Terminator::CRLF
            } else {
                Terminator::Any(b'\n')
            };
            let parser = ReaderBuilder::new()
                .delimiter(delimiter)
                .terminator(terminator)
                .build();
            (delimiter, crlf, parser)
        });
        Records {
            parser: Some(parser),
            input: BufReader::with_capacity(64 * 1024, input),
            lines: 0,
            // The first record goes to the parser: on its first read it
            // drops a UTF-8 byte order mark, which is data after that.
            between: false,
            // With CR as a terminator too, a line may hold several records;
            // a quote or LF as delimiter would be the parser's to make sense of.
            quick: !crlf && delimiter != b'"' && delimiter != b'\n',
        }
    }

    /// The line count: 1 plus the line feeds read so far.
    pub fn line(&self) -> u64 {
        self.lines + self.parser.as_ref().map_or(1, |(_, _, p)| p.line())
    }

    /// The next record when it is one line, without a quote, whole in the
    /// buffer; `None` leaves the input as it was, for the parser.
    ///
    /// This is what the parser does with such a line, once it has read its
    /// first record (it drops a byte order mark then): at the start of a
    /// record it skips line feeds (blank lines), then every byte up to the
    /// next LF is a field's or a delimiter, and the LF ends the record.
    #[inline]
    fn split_line(&mut self, area: &mut Area) -> io::Result<Option<Read1>> {
        let delimiter = match &self.parser {
            Some((d, _, _)) if self.quick && self.between => *d,
            _ => return Ok(None),
        };
        let buf = self.input.fill_buf()?;
        let blank = buf.iter().take_while(|&&b| b == b'\n').count();
        let rest = &buf[blank..];
        let Some(len) = memchr::memchr2(b'\n', b'"', rest) else {
            return Ok(None);
        };
        if rest[len] != b'\n' {
            return Ok(None);
        }
        let line = &rest[..len];
        let (base, ends) = (area.used, area.ends_used);
        room(&mut area.bytes, base + len);
        // At most one field more than the line has bytes.
        room(&mut area.ends, ends + len + 1);
        let (written, fields) = split_fields(
            line,
            delimiter,
            &mut area.bytes[base..],
            &mut area.ends[ends..],
        );
        area.used = base + written;
        area.ends_used = ends + fields;
        let before = self.line();
        self.input.consume(blank + len + 1);
        self.lines += blank as u64 + 1;
        Ok(Some(Read1 {
            base,
            ends,
            fields,
            before,
            after: before + blank as u64 + 1,
        }))
    }

    /// Appends the next record to `area`; `None` at the end of the input.
    pub fn read(&mut self, area: &mut Area) -> io::Result<Option<Read1>> {
        if let Some(read) = self.split_line(area)? {
            return Ok(Some(read));
        }
        let before = self.line();
        let Some((_, _, parser)) = &mut self.parser else {
            return Ok(None);
        };
        self.between = false;
        let (base, ends) = (area.used, area.ends_used);
        let (mut out, mut end) = (base, ends);
        loop {
            // Room for the parser to write into.
            room(&mut area.bytes, out + 4096);
            room(&mut area.ends, end + 64);
            let input = self.input.fill_buf()?;
            let (res, nin, nout, nend) =
                parser.read_record(input, &mut area.bytes[out..], &mut area.ends[end..]);
            self.input.consume(nin);
            out += nout;
            end += nend;
            match res {
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => {
                    area.used = out;
                    area.ends_used = end;
                    self.between = true;
                    return Ok(Some(Read1 {
                        base,
                        ends,
                        fields: end - ends,
                        before,
                        after: self.lines + parser.line(),
                    }));
                }
                ReadRecordResult::End => {
                    self.between = true;
                    return Ok(None);
                }
            }
        }
    }
}

/// Splits `line` at `delimiter`: the fields go to `out` back to back and
/// each field's end to `ends`. Returns the bytes written and the fields.
/// `out` needs room for `line.len()` bytes, `ends` for `line.len() + 1`.
///
/// Eight bytes at a time: each word is copied whole, and where it holds a
/// delimiter the next copy starts over it.
fn split_fields(line: &[u8], delimiter: u8, out: &mut [u8], ends: &mut [usize]) -> (usize, usize) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = 0x0101_0101_0101_0101 * u64::from(delimiter);
    let (mut i, mut written, mut fields) = (0, 0, 0);
    while let Some(bytes) = line.get(i..i + 8) {
        let word = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
        out[written..written + 8].copy_from_slice(bytes);
        // The top bit of each byte equal to the delimiter (exact: no carry
        // crosses from one byte into the next).
        let x = word ^ pattern;
        let found = !(((x & LOW7) + LOW7) | x | LOW7);
        if found == 0 {
            i += 8;
            written += 8;
            continue;
        }
        let k = (found.trailing_zeros() / 8) as usize;
        written += k;
        ends[fields] = written;
        fields += 1;
        i += k + 1;
    }
    for &b in &line[i..] {
        if b == delimiter {
            ends[fields] = written;
            fields += 1;
        } else {
            out[written] = b;
            written += 1;
        }
    }
    ends[fields] = written;
    (written, fields + 1)
}

impl Drop for Records {
    fn drop(&mut self) {
        if let Some((d, c, mut parser)) = self.parser.take() {
            parser.reset();
            PARSERS.with(|p| p.borrow_mut().push((d, c, parser)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hands out at most `step` bytes a read, so records cross the end of
    /// the read buffer.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Every record as (fields, line before, line after), and the final
    /// line count.
    type AllRead = (Vec<(Vec<Vec<u8>>, u64, u64)>, u64);

    fn read_all(bytes: &[u8], delimiter: u8, step: usize, quick: bool) -> AllRead {
        let input = Trickle {
            bytes: bytes.to_vec(),
            at: 0,
            step,
        };
        let mut records = Records::new(Box::new(input), delimiter, false);
        records.quick = quick;
        let mut area = Area::default();
        let mut out = Vec::new();
        // Several records into one area, as a batch does.
        while let Some(r) = records.read(&mut area).expect("in memory") {
            let ends = &area.ends[r.ends..r.ends + r.fields];
            let fields = area.fields(r.base, ends).map(<[u8]>::to_vec).collect();
            out.push((fields, r.before, r.after));
            if out.len() % 3 == 0 {
                area.clear();
            }
        }
        (out, records.line())
    }

    #[test]
    fn split_lines_are_what_the_parser_reads() {
        let text = "date,cell,duty\n\n2026-09-01,一(1)班,晨检\r\n,,\n\"a,b\",c\nlast,line";
        for step in [1, 2, 3, 7, 64, 1 << 16] {
            assert_eq!(
                read_all(text.as_bytes(), b',', step, true),
                read_all(text.as_bytes(), b',', step, false),
                "step {step}"
            );
        }
        // A byte order mark is the parser's to drop on its first read only,
        // wherever the second one comes.
        for text in ["\u{feff}a,b\nc\n", "a\n\u{feff}\"x,y\"\n\u{feff}z\n"] {
            for step in [1, 2, 1 << 16] {
                assert_eq!(
                    read_all(text.as_bytes(), b',', step, true),
                    read_all(text.as_bytes(), b',', step, false),
                    "{text:?} step {step}"
                );
            }
        }
        let (records, lines) = read_all(text.as_bytes(), b',', 1 << 16, true);
        assert_eq!(
            records[1].0,
            [
                &b"2026-09-01"[..],
                "一(1)班".as_bytes(),
                b"\xe6\x99\xa8\xe6\xa3\x80\r"
            ]
        );
        assert_eq!(records[3].0, [&b"a,b"[..], b"c"]);
        assert_eq!(lines, 6);
    }

    #[test]
    fn quote_free_lines_skip_the_parser() {
        let text = "date,cell\n2026-09-01,gate\n\"2026-09-02\",gate\n2026-09-03,gate\n";
        let mut records = Records::new(Box::new(text.as_bytes()), b',', false);
        let mut area = Area::default();
        while records.read(&mut area).expect("in memory").is_some() {}
        // The header and the quoted row went to the parser, two rows not.
        assert_eq!(records.lines, 2);
        assert_eq!(records.line(), 5);
    }

    proptest! {
        #[test]
        fn split_lines_match_the_parser_on_any_input(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "a", "b", ",", ",", "\t", "\t", "\"", "\n", "\n", "\r", " ",
                    "中", "\u{feff}", "abcdefghij",
                ]),
                0..300,
            ),
            tab in any::<bool>(),
            step in prop::sample::select(vec![1usize, 2, 5, 8, 9, 17, 1 << 16]),
        ) {
            let bytes = pieces.concat().into_bytes();
            let delimiter = if tab { b'\t' } else { b',' };
            prop_assert_eq!(
                read_all(&bytes, delimiter, step, true),
                read_all(&bytes, delimiter, step, false)
            );
        }
    }

    #[test]
    fn split_fields_finds_every_delimiter() {
        for line in [
            "",
            ",",
            "abcdefgh",
            "abcdefgh,",
            ",abcdefghijklmnop,,q",
            "a,b,c,d,e,f,g,h,i,j",
        ] {
            let mut area = Area::default();
            room(&mut area.bytes, line.len());
            room(&mut area.ends, line.len() + 1);
            let (written, fields) =
                split_fields(line.as_bytes(), b',', &mut area.bytes, &mut area.ends);
            let got: Vec<&[u8]> = area.fields(0, &area.ends[..fields]).collect();
            let want: Vec<&[u8]> = line.split(',').map(str::as_bytes).collect();
            assert_eq!(got, want, "{line:?}");
            assert_eq!(written, line.len() + 1 - fields);
        }
    }
}
