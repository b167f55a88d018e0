//! Output that must wait for what is printed before it (a county's summary
//! table comes before the schools' findings): held in memory up to
//! [`MEMORY_LIMIT`], then in an unnamed temporary file, so the findings of
//! two thousand schools never have to fit in memory at once.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// How much a spool keeps in memory before it moves to a temporary file.
pub const MEMORY_LIMIT: usize = 4 << 20;

#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    /// The first error writing the temporary file; what follows is lost.
    error: Option<io::Error>,
}

impl Spool {
    pub fn new() -> Spool {
        Spool::default()
    }

    pub fn push(&mut self, s: &str) {
        if self.error.is_some() {
            return;
        }
        if let Some(file) = &mut self.file {
            if let Err(e) = file.write_all(s.as_bytes()) {
                self.error = Some(e);
            }
            return;
        }
        self.memory.extend_from_slice(s.as_bytes());
        if self.memory.len() > MEMORY_LIMIT {
            // No temporary file to be had: stay in memory.
            if let Ok(file) = tempfile::tempfile() {
                let mut file = BufWriter::with_capacity(1 << 16, file);
                match file.write_all(&self.memory) {
                    Ok(()) => {
                        self.memory = Vec::new();
                        self.file = Some(file);
                    }
                    Err(e) => self.error = Some(e),
                }
            }
        }
    }

    /// Writes everything pushed to `out`. Err when the temporary file
    /// could not be written or read back.
    pub fn copy_to(self, out: &mut impl Write) -> io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        match self.file {
            None => out.write_all(&self.memory),
            Some(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                io::copy(&mut file, out).map(|_| ())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_spools_give_back_what_was_pushed() {
        for pieces in [3, MEMORY_LIMIT / 1000 + 10] {
            let mut spool = Spool::new();
            let mut expected = String::new();
            for i in 0..pieces {
                let s = format!("{i:0>999}\n");
                spool.push(&s);
                expected.push_str(&s);
            }
            let moved = spool.file.is_some();
            assert_eq!(moved, pieces > 1000, "{pieces}");
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
