//! Reading a long table a batch of rows at a time (see
//! [`TableReader::fill`]), optionally on a second core: one thread reads and
//! checks the CSV (the reader is not `Send`, so it lives there), the
//! caller's thread works on the rows. Batches are sent back to be refilled,
//! so memory stays at a few batches whatever the file's length.

use std::path::Path;
use std::sync::mpsc;

use super::table::{Batch, BatchRow, Column, TableReader};
use crate::findings::Finding;

/// Rows per batch: a few dozen KiB, reused, well inside the caches.
pub const BATCH_ROWS: usize = 512;

enum Message {
    Rows(Batch),
    /// The table cannot be read at all (missing, empty, a missing column).
    Unreadable(Finding),
}

/// Read `path` and hand every row to `on_row`, and every row that cannot be
/// read (as a finding with `code`) to `on_problem`. Err when the table cannot
/// be read at all. With `threaded`, the CSV is read on a second thread
/// while the caller works: worth it when a core is free (one school), not
/// when every core already has a school of its own (a county).
pub fn for_each_row(
    path: &Path,
    columns: &'static [Column],
    code: &'static str,
    threaded: bool,
    mut on_row: impl FnMut(&BatchRow),
    mut on_problem: impl FnMut(Finding),
) -> Result<(), Finding> {
    let mut take = |batch: &Batch| {
        for p in batch.problems() {
            on_problem(super::row_error_finding(code, p));
        }
        for row in batch.rows() {
            on_row(&row);
        }
    };
    if !threaded {
        let mut reader =
            TableReader::open(path, columns).map_err(|e| super::table_error_finding(code, &e))?;
        // A county reads one log after another on each thread: the batch's
        // buffers are kept for the next log instead of allocated anew.
        thread_local! {
            static SPARE: std::cell::Cell<Option<Batch>> = const { std::cell::Cell::new(None) };
        }
        let mut batch = SPARE.take().unwrap_or_default();
        loop {
            let more = reader.fill(&mut batch, BATCH_ROWS);
            take(&batch);
            if !more {
                if !batch.is_large() {
                    SPARE.set(Some(batch));
                }
                return Ok(());
            }
        }
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
            loop {
                let mut batch = recycle_rx.try_recv().unwrap_or_default();
                let more = reader.fill(&mut batch, BATCH_ROWS);
                if tx.send(Message::Rows(batch)).is_err() || !more {
                    return;
                }
            }
        });
        for msg in rx {
            match msg {
                Message::Rows(batch) => {
                    take(&batch);
                    let _ = recycle_tx.send(batch);
                }
                Message::Unreadable(f) => return Err(f),
            }
        }
        Ok(())
    })
}
