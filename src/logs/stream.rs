//! Reading a long table on a second core: one thread decodes and splits the
//! CSV (the reader is not `Send`, so it lives there), the caller's thread
//! works on the rows. Rows travel in batches of plain text with offsets, and
//! batches are recycled, so memory stays at a few batches whatever the
//! file's length.

use std::path::Path;
use std::sync::mpsc;

use super::table::{Column, TableReader};
use crate::findings::Finding;

const BATCH_ROWS: usize = 4096;
const NONE: u32 = u32::MAX;

/// Rows of one batch: every schema column's trimmed text, or none.
#[derive(Default)]
pub struct Batch {
    text: String,
    /// Per row: its line and where its cells start in `cells`.
    rows: Vec<u64>,
    /// `columns` (start, end) pairs per row; `NONE` when the cell is empty.
    cells: Vec<(u32, u32)>,
    columns: usize,
}

impl Batch {
    fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
        self.cells.clear();
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, i: usize) -> RowView<'_> {
        RowView { batch: self, i }
    }
}

/// A row as the caller sees it, read from a batch or straight from the
/// reader.
pub trait Cells {
    fn line(&self) -> u64;
    fn get(&self, column: usize) -> Option<&str>;
}

impl Cells for RowView<'_> {
    fn line(&self) -> u64 {
        RowView::line(self)
    }
    fn get(&self, column: usize) -> Option<&str> {
        RowView::get(self, column)
    }
}

impl Cells for super::table::Row<'_> {
    fn line(&self) -> u64 {
        super::table::Row::line(self)
    }
    fn get(&self, column: usize) -> Option<&str> {
        super::table::Row::get(self, column)
    }
}

/// One row of a batch, read like `table::Row`.
#[derive(Clone, Copy)]
pub struct RowView<'b> {
    batch: &'b Batch,
    i: usize,
}

impl<'b> RowView<'b> {
    pub fn line(&self) -> u64 {
        self.batch.rows[self.i]
    }

    pub fn get(&self, column: usize) -> Option<&'b str> {
        let (s, e) = *self.batch.cells.get(self.i * self.batch.columns + column)?;
        (s != NONE).then(|| &self.batch.text[s as usize..e as usize])
    }
}

enum Message {
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
            let fresh = || Batch {
                columns: columns.len(),
                ..Batch::default()
            };
            let mut batch = fresh();
            while let Some(row) = reader.next_row() {
                match row {
                    Ok(r) => {
                        batch.rows.push(r.line());
                        for c in 0..columns.len() {
                            match r.get(c) {
                                Some(v) if batch.text.len() + v.len() < NONE as usize => {
                                    let start = batch.text.len() as u32;
                                    batch.text.push_str(v);
                                    batch.cells.push((start, batch.text.len() as u32));
                                }
                                _ => batch.cells.push((NONE, NONE)),
                            }
                        }
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
                if batch.len() >= BATCH_ROWS {
                    let next = recycle_rx.try_recv().unwrap_or_else(|_| fresh());
                    if tx
                        .send(Message::Rows(std::mem::replace(&mut batch, next)))
                        .is_err()
                    {
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Message::Rows(batch));
            }
        });
        for msg in rx {
            match msg {
                Message::Rows(mut batch) => {
                    for i in 0..batch.len() {
                        on_row(&batch.row(i));
                    }
                    batch.clear();
                    let _ = recycle_tx.send(batch);
                }
                Message::Problem(f) => on_problem(f),
                Message::Unreadable(f) => return Err(f),
            }
        }
        Ok(())
    })
}
