//! Output that must wait for what is printed before it (a county's summary
//! table comes before the schools' findings): held in memory up to
//! [`MEMORY_LIMIT`], then in an unnamed temporary file, so the findings of
//! two thousand schools never have to fit in memory at once.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};

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

    /// Hands everything pushed to `sink`, in pieces. Err when the
    /// temporary file could not be written or read back; what could be
    /// read is handed over first.
    pub fn drain(self, mut sink: impl FnMut(&[u8])) -> io::Result<()> {
        let mut result = self.error.map_or(Ok(()), Err);
        let Some(file) = self.file else {
            sink(&self.memory);
            return result;
        };
        let mut file = match file.into_inner() {
            Ok(file) => file,
            Err(e) => {
                result = result.and(Err(io::Error::new(e.error().kind(), e.error().to_string())));
                e.into_inner().into_parts().0
            }
        };
        let mut piece = vec![0u8; 1 << 16];
        let read = file.rewind().and_then(|()| {
            loop {
                match file.read(&mut piece) {
                    Ok(0) => return Ok(()),
                    Ok(n) => sink(&piece[..n]),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        });
        result.and(read)
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
            spool.drain(|b| out.extend_from_slice(b)).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
