//! The report an import prints on standard error: what was read, what was
//! written, and each place in the new file a person must look at.

use crate::lang::Lang;

/// How many places the report lists by line; the rest are counted.
const SHOWN: usize = 10;

/// The figures of one import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// The source's file name.
    pub source: String,
    pub tables: usize,
    /// The tables read, from 1.
    pub read: Vec<usize>,
    /// Tables left out and why (no header).
    pub skipped: Vec<usize>,
    pub rows: usize,
    pub sections: usize,
    pub activities: usize,
    /// Activities and sections numbered in order because the table gives no number.
    pub counted: usize,
    pub timings_resolved: usize,
    /// (activity, line in the new file).
    pub timings_left: Vec<(String, usize)>,
    pub indicators_typed: usize,
    pub indicators_left: Vec<(String, usize)>,
    pub funding_read: usize,
    pub funding_left: Vec<(String, usize)>,
    pub parties: Vec<String>,
    /// Places with no value: no title, no period.
    pub missing: Vec<&'static str>,
    /// Every `# импорт:` comment of the new file: the places a person must
    /// decide and the notes on what the import assumed (a number given in
    /// order, a year or a unit taken from a column's header, …).
    pub comments: usize,
}

impl Report {
    /// Places in the new file a person must look at.
    pub fn places(&self) -> usize {
        self.timings_left.len()
            + self.indicators_left.len()
            + self.funding_left.len()
            + self.missing.len()
    }

    /// Comments that say what the import assumed, with nothing to decide.
    pub fn notes(&self) -> usize {
        self.comments.saturating_sub(self.places())
    }

    pub fn render(&self, lang: Lang, output: Option<&str>) -> String {
        let ru = lang == Lang::Ru;
        let mut out = String::new();
        let list = |v: &[usize]| {
            v.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&if ru {
            format!(
                "{}: таблиц {}, прочитаны: {}{}\n",
                self.source,
                self.tables,
                list(&self.read),
                if self.skipped.is_empty() {
                    String::new()
                } else {
                    format!(" (без заголовка, пропущены: {})", list(&self.skipped))
                }
            )
        } else {
            format!(
                "{}: {} table(s), read: {}{}\n",
                self.source,
                self.tables,
                list(&self.read),
                if self.skipped.is_empty() {
                    String::new()
                } else {
                    format!(" (no header, left out: {})", list(&self.skipped))
                }
            )
        });
        out.push_str(&if ru {
            format!(
                "  строк прочитано: {}; записано разделов: {}, мероприятий: {}\n",
                self.rows, self.sections, self.activities
            )
        } else {
            format!(
                "  rows read: {}; written: {} section(s), {} activit{}\n",
                self.rows,
                self.sections,
                self.activities,
                if self.activities == 1 { "y" } else { "ies" }
            )
        });
        if self.counted > 0 {
            out.push_str(&if ru {
                format!(
                    "  номеров нет в таблице — даны по порядку: {}\n",
                    self.counted
                )
            } else {
                format!(
                    "  numbered in order (the table gives no number): {}\n",
                    self.counted
                )
            });
        }
        // The first places, and how many more: the file marks them all.
        let at = |v: &[(String, usize)]| -> String {
            let mut shown: Vec<String> = v
                .iter()
                .take(SHOWN)
                .map(|(n, l)| {
                    if ru {
                        format!("{n} (строка {l})")
                    } else {
                        format!("{n} (line {l})")
                    }
                })
                .collect();
            if v.len() > SHOWN {
                let more = v.len() - SHOWN;
                shown.push(if ru {
                    format!("и ещё {more}")
                } else {
                    format!("and {more} more")
                });
            }
            shown.join(", ")
        };
        // The line under a count that names the places to look at, if any.
        let look_at = |v: &[(String, usize)]| -> String {
            match (v.is_empty(), ru) {
                (true, _) => String::new(),
                (false, true) => format!("    посмотреть: {}\n", at(v)),
                (false, false) => format!("    look at: {}\n", at(v)),
            }
        };
        out.push_str(&if ru {
            format!(
                "  сроки: распознаны {}, оставлены как есть {}\n",
                self.timings_resolved,
                self.timings_left.len()
            )
        } else {
            format!(
                "  timings: {} resolved, {} left as written\n",
                self.timings_resolved,
                self.timings_left.len()
            )
        });
        out.push_str(&look_at(&self.timings_left));
        out.push_str(&if ru {
            format!(
                "  показатели: с числом {}, текстом {}\n",
                self.indicators_typed,
                self.indicators_left.len()
            )
        } else {
            format!(
                "  indicators: {} typed, {} left as text\n",
                self.indicators_typed,
                self.indicators_left.len()
            )
        });
        out.push_str(&look_at(&self.indicators_left));
        if self.funding_read + self.funding_left.len() > 0 {
            out.push_str(&if ru {
                format!(
                    "  финансирование: прочитано строк {}, не распознано {}\n",
                    self.funding_read,
                    self.funding_left.len()
                )
            } else {
                format!(
                    "  funding: {} line(s) read, {} not understood\n",
                    self.funding_read,
                    self.funding_left.len()
                )
            });
        }
        out.push_str(&look_at(&self.funding_left));
        out.push_str(&if ru {
            format!(
                "  участники: {} ({})\n",
                self.parties.len(),
                self.parties.join(", ")
            )
        } else {
            format!(
                "  parties: {} ({})\n",
                self.parties.len(),
                self.parties.join(", ")
            )
        });
        for m in &self.missing {
            out.push_str(&match (*m, ru) {
                ("title", true) => {
                    "  названия карты нет над таблицей — впишите «дорожная карта:»\n".to_string()
                }
                ("title", false) => {
                    "  no title above the table: fill in `дорожная карта:`\n".to_string()
                }
                (_, true) => "  период не найден — впишите «период:»\n".to_string(),
                (_, false) => "  no period found: fill in `период:`\n".to_string(),
            });
        }
        let places = self.places();
        let next = output
            .map(|o| format!("roadmap check {o}"))
            .unwrap_or_else(|| "roadmap check".into());
        let (comments, notes) = (places + self.notes(), self.notes());
        out.push_str(&match (comments, ru) {
            (0, true) => format!("всё распознано; дальше: {next}\n"),
            (0, false) => format!("everything resolved; next: {next}\n"),
            (n, true) if notes == 0 => {
                format!("мест, где решать человеку: {n} (помечены «# импорт:»); дальше: {next}\n")
            }
            (n, false) if notes == 0 => {
                format!("{n} place(s) for a person to decide (marked `# импорт:`); next: {next}\n")
            }
            (_, true) if places == 0 => format!(
                "всё распознано; пояснений, что допущено при импорте: {notes} (помечены «# импорт:»); дальше: {next}\n"
            ),
            (_, false) if places == 0 => format!(
                "everything resolved; {notes} note(s) on what the import assumed (marked `# импорт:`); next: {next}\n"
            ),
            (n, true) => format!(
                "комментариев «# импорт:»: {n} — мест, где решать человеку: {places}, пояснений, что допущено при импорте: {notes}; дальше: {next}\n"
            ),
            (n, false) => format!(
                "{n} comment(s) marked `# импорт:`: {places} place(s) for a person to decide, {notes} note(s) on what the import assumed; next: {next}\n"
            ),
        });
        out
    }
}
