//! CSV records straight from `csv_core` into buffers the caller owns, so a
//! batch of rows is read without copying each record a second time. The
//! parser's tables are built once per thread and reused from file to file.

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
        if self.bytes.len() < self.used + bytes.len() {
            self.bytes
                .resize((2 * self.bytes.len()).max(self.used + bytes.len()), 0);
        }
        self.bytes[self.used..self.used + bytes.len()].copy_from_slice(bytes);
        self.used += bytes.len();
    }

    /// Appends a field end (relative to its record's start).
    pub fn push_end(&mut self, end: usize) {
        if self.ends.len() <= self.ends_used {
            self.ends.resize((2 * self.ends.len()).max(64), 0);
        }
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

/// One record as read: where it lies and the lines around it.
#[derive(Debug, Clone, Copy)]
pub struct Read1 {
    /// The record's first byte in the area.
    pub base: usize,
    /// Its field ends: `area.ends[ends..ends + fields]`.
    pub ends: usize,
    pub fields: usize,
    /// The parser's line count before and after the record.
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
        }
    }

    /// The parser's line count: 1 plus the line feeds read so far.
    pub fn line(&self) -> u64 {
        self.parser.as_ref().map_or(1, |(_, _, p)| p.line())
    }

    /// Appends the next record to `area`; `None` at the end of the input.
    pub fn read(&mut self, area: &mut Area) -> io::Result<Option<Read1>> {
        let Some((_, _, parser)) = &mut self.parser else {
            return Ok(None);
        };
        let before = parser.line();
        let (base, ends) = (area.used, area.ends_used);
        let (mut out, mut end) = (base, ends);
        loop {
            if area.bytes.len() < out + 256 {
                area.bytes.resize((2 * area.bytes.len()).max(out + 4096), 0);
            }
            if area.ends.len() < end + 8 {
                area.ends.resize((2 * area.ends.len()).max(end + 64), 0);
            }
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
                    return Ok(Some(Read1 {
                        base,
                        ends,
                        fields: end - ends,
                        before,
                        after: parser.line(),
                    }));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }
}

impl Drop for Records {
    fn drop(&mut self) {
        if let Some((d, c, mut parser)) = self.parser.take() {
            parser.reset();
            PARSERS.with(|p| p.borrow_mut().push((d, c, parser)));
        }
    }
}
