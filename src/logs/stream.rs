//! Reading a long table on a second core: one thread decodes and splits the
//! CSV (the reader is not `Send`, so it lives there), the caller's thread
//! works on the rows. Rows travel as whole records in batches that are sent
//! back to be refilled, so nothing is copied cell by cell and memory stays at
//! a few batches whatever the file's length.

use std::path::Path;
use std::sync::mpsc;

use csv::StringRecord;

use super::table::{Column, TableReader, cell};
use crate::findings::Finding;

const BATCH_ROWS: usize = 4096;

/// A row as the caller sees it, read from a batch or straight from the
/// reader.
pub trait Cells {
    fn line(&self) -> u64;
    fn get(&self, column: usize) -> Option<&str>;
}

impl Cells for super::table::Row<'_> {
    fn line(&self) -> u64 {
        super::table::Row::line(self)
    }
    fn get(&self, column: usize) -> Option<&str> {
        super::table::Row::get(self, column)
    }
}

/// One row of a batch: its line and its record.
struct Moved<'b> {
    line: u64,
    record: &'b StringRecord,
    fields: &'b [Option<usize>],
}

impl Cells for Moved<'_> {
    fn line(&self) -> u64 {
        self.line
    }
    fn get(&self, column: usize) -> Option<&str> {
        cell(self.record, self.fields, column)
    }
}

/// Rows moved out of the reader; `records` beyond `len` are spares.
#[derive(Default)]
struct Batch {
    lines: Vec<u64>,
    records: Vec<StringRecord>,
    len: usize,
}

enum Message {
    /// Which field of a record holds each schema column; sent first.
    Fields(Vec<Option<usize>>),
    Rows(Batch),
    /// A row that could not be read.
    Problem(Finding),
    /// The table cannot be read at all (missing, empty, a missing column).
    Unreadable(Finding),
}

/// Read `path` and hand every row to `on_row`, and every row that cannot be
/// read (as a finding with `code`) to `on_problem`. Err when the table cannot
/// be read at all. With `threaded`, the CSV is decoded on a second thread
/// while the caller works: worth it when a core is free (one school), not
/// when every core already has a school of its own (a county).
pub fn for_each_row(
    path: &Path,
    columns: &'static [Column],
    code: &'static str,
    threaded: bool,
    mut on_row: impl FnMut(&dyn Cells),
    mut on_problem: impl FnMut(Finding),
) -> Result<(), Finding> {
    if !threaded {
        let mut reader =
            TableReader::open(path, columns).map_err(|e| super::table_error_finding(code, &e))?;
        while let Some(row) = reader.next_row() {
            match row {
                Ok(r) => on_row(&r),
                Err(e) => on_problem(super::row_error_finding(code, &e)),
            }
        }
        return Ok(());
    }
    let (tx, rx) = mpsc::sync_channel::<Message>(4);
    let (recycle_tx, recycle_rx) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut reader = match TableReader::open(path, columns) {
                Ok(r) => r,
                Err(e) => {
                    let _ = tx.send(Message::Unreadable(super::table_error_finding(code, &e)));
                    return;
                }
            };
            if tx.send(Message::Fields(reader.fields().to_vec())).is_err() {
                return;
            }
            let mut batch = Batch::default();
            loop {
                if batch.records.len() == batch.len {
                    batch.records.push(StringRecord::new());
                }
                let Some(next) = reader.next_into(&mut batch.records[batch.len]) else {
                    break;
                };
                match next {
                    Ok(line) => {
                        batch.lines.push(line);
                        batch.len += 1;
                    }
                    Err(e) => {
                        if tx
                            .send(Message::Problem(super::row_error_finding(code, &e)))
                            .is_err()
                        {
                            return;
                        }
                    }
                }
                if batch.len >= BATCH_ROWS {
                    let mut next = recycle_rx.try_recv().unwrap_or_default();
                    next.lines.clear();
                    next.len = 0;
                    if tx
                        .send(Message::Rows(std::mem::replace(&mut batch, next)))
                        .is_err()
                    {
                        return;
                    }
                }
            }
            if batch.len > 0 {
                let _ = tx.send(Message::Rows(batch));
            }
        });
        let mut fields: Vec<Option<usize>> = Vec::new();
        for msg in rx {
            match msg {
                Message::Fields(f) => fields = f,
                Message::Rows(batch) => {
                    for i in 0..batch.len {
                        on_row(&Moved {
                            line: batch.lines[i],
                            record: &batch.records[i],
                            fields: &fields,
                        });
                    }
                    let _ = recycle_tx.send(batch);
                }
                Message::Problem(f) => on_problem(f),
                Message::Unreadable(f) => return Err(f),
            }
        }
        Ok(())
    })
}
