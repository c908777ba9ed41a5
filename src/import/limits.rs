//! How much import reads at most. A document is untrusted input: a zip
//! archive that unpacks to gigabytes, a row of a million cells or a merge
//! repeated a million times would otherwise take the machine's memory or
//! time. Past these limits the import stops with a clear error; a real
//! roadmap (a few hundred rows of a dozen columns) is far below them.

use std::io::Read;

/// The unpacked size of one part of a `.docx`, `.xlsx` or `.ods` archive.
pub const PART_BYTES: u64 = 64 << 20;
/// The unpacked size of all the parts of an archive together.
pub const ARCHIVE_BYTES: u64 = 256 << 20;
/// The parts of an archive.
pub const PARTS: usize = 10_000;
/// The cells of one row of a table.
pub const COLUMNS: usize = 1_000;
/// The cells of a document, all tables together (empty ones included).
pub const CELLS: usize = 2_000_000;

/// Which limit a document goes past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    /// A part of the archive unpacks to more than [`PART_BYTES`].
    Part { name: String },
    /// The archive unpacks to more than [`ARCHIVE_BYTES`].
    Archive,
    /// The archive holds more than [`PARTS`] parts.
    Parts { parts: usize },
    /// Row `row` (from 1) of table `table` (from 1) has more than
    /// [`COLUMNS`] cells.
    Row { table: usize, row: usize },
    /// More than [`CELLS`] cells.
    Cells,
}

/// Unpacks every part of a zip archive without keeping it, to count its
/// real size (the sizes an archive declares may lie): nothing is read into
/// memory before the archive is known to be within the limits. An archive
/// or a part that cannot be read is left to the readers, which say what is
/// wrong with it.
pub fn archive(bytes: &[u8]) -> Option<Exceeded> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if zip.len() > PARTS {
        return Some(Exceeded::Parts { parts: zip.len() });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part
            .name()
            .map_or_else(|_| format!("#{}", i + 1), |n| n.into_owned());
        let mut counted = Counted(0);
        // A damaged part counts as far as it unpacks.
        let _ = std::io::copy(&mut part.take(PART_BYTES + 1), &mut counted);
        if counted.0 > PART_BYTES {
            return Some(Exceeded::Part { name });
        }
        total += counted.0;
        if total > ARCHIVE_BYTES {
            return Some(Exceeded::Archive);
        }
    }
    None
}

/// A sink that counts the bytes written to it.
struct Counted(u64);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether row `row` of table `table` (both from 1) may have `cells` cells.
pub fn width(table: usize, row: usize, cells: usize) -> Result<(), Exceeded> {
    if cells > COLUMNS {
        return Err(Exceeded::Row { table, row });
    }
    Ok(())
}

/// Counts cells as a reader makes them: [`Exceeded`] once a row or the
/// document holds too many.
#[derive(Debug, Default)]
pub struct Counter {
    cells: usize,
}

impl Counter {
    /// Counts a row of `cells` cells, row `row` of table `table` (both from 1).
    pub fn row(&mut self, table: usize, row: usize, cells: usize) -> Result<(), Exceeded> {
        width(table, row, cells)?;
        self.add(cells)
    }

    /// Counts `cells` more cells.
    pub fn add(&mut self, cells: usize) -> Result<(), Exceeded> {
        self.cells = self.cells.saturating_add(cells);
        if self.cells > CELLS {
            return Err(Exceeded::Cells);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_after_reading_at_most_the_limit() {
        let zeros = vec![0u8; (PART_BYTES + 1) as usize];
        let bomb = zipped(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
        assert_eq!(
            archive(&bomb),
            Some(Exceeded::Part {
                name: "word/document.xml".into()
            })
        );
        assert_eq!(archive(&zipped(&[("a", b"small")])), None);
    }

    #[test]
    fn a_row_too_wide_or_too_many_cells_is_counted_out() {
        let mut counter = Counter::default();
        assert_eq!(counter.row(1, 1, COLUMNS), Ok(()));
        assert_eq!(
            counter.row(1, 2, COLUMNS + 1),
            Err(Exceeded::Row { table: 1, row: 2 })
        );
        assert_eq!(counter.add(CELLS), Err(Exceeded::Cells));
    }
}
