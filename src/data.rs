//! The data table of a region's schools (`schools.csv`, or JSON): one row of
//! parameter values per school. `instantiate` makes a plan of each row; the
//! roll-up names the rows that have no plan yet.

use std::collections::HashMap;
use std::path::Path;

/// The column that names each plan's file by default: `файл` or `file`, else the first.
pub fn name_column(header: &[String]) -> Option<String> {
    ["файл", "file"]
        .iter()
        .find(|c| header.iter().any(|h| h == *c))
        .map(|c| c.to_string())
        .or_else(|| header.first().cloned())
}

/// The rows with their line numbers (1-based; the header is line 1).
pub type Rows = Vec<(usize, HashMap<String, String>)>;

/// The header (column names) and the rows with their line numbers.
pub fn read(path: &Path) -> Result<(Vec<String>, Rows), (String, String)> {
    let bytes = std::fs::read(path).map_err(|e| (e.to_string(), e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        (
            "файл не в UTF-8".to_string(),
            "the file is not UTF-8".to_string(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if path.extension().is_some_and(|e| e == "json") {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            (
                format!("JSON не читается: {e}"),
                format!("invalid JSON: {e}"),
            )
        })?;
        let items = value.as_array().ok_or((
            "ожидается массив объектов".to_string(),
            "expected an array of objects".to_string(),
        ))?;
        let mut header: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let object = item.as_object().ok_or((
                format!("элемент {} — не объект", i + 1),
                format!("item {} is not an object", i + 1),
            ))?;
            let row: HashMap<String, String> = object
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        // `null` is no value, not the word.
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), value)
                })
                .collect();
            for k in object.keys() {
                if !header.contains(k) {
                    header.push(k.clone());
                }
            }
            rows.push((i + 1, row));
        }
        return Ok((header, rows));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| (e.to_string(), e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| (e.to_string(), e.to_string()))?;
        // From the byte offset: the reader counts a CRLF (Excel's line end)
        // as two lines.
        let line = record.position().map_or(0, |p| {
            // (It may point at the LF of the CRLF before the record.)
            let at = (p.byte() as usize + 1).min(text.len());
            text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = header
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        rows.push((line, row));
    }
    Ok((header, rows))
}

/// A data table as read: its column names and rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The file as it is shown.
    pub file: String,
    pub header: Vec<String>,
    pub rows: Rows,
}

/// The data table a template keeps beside it, `schools.csv` (or
/// `schools.json`), when there is one.
pub fn beside(template: &Path) -> Option<std::path::PathBuf> {
    let dir = template.parent()?;
    ["schools.csv", "schools.json"]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
}
