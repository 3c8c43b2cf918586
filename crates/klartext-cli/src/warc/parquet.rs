//! Parquet output (not built yet).

use std::io;

use super::output::RowSink;

pub fn sink(_out: std::io::BufWriter<Box<dyn io::Write + Send>>) -> io::Result<Box<dyn RowSink>> {
    Err(io::Error::other("Parquet output is not available yet"))
}
