//! CSV input as Excel on Chinese Windows writes it: one reader for every
//! table the tool reads (roster tables, inspection logs, hazard ledgers).

pub mod table;
