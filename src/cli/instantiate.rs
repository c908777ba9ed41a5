//! `roadmap instantiate TEMPLATE --data schools.csv --out DIR`: one thin plan
//! per data row, extending the template and binding its parameters; written
//! atomically, never over an existing file without `--force`.

use super::fmt::write_atomically;
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::diagnostic::{Human, Report};
use crate::lang::Lang;
use crate::model::{self, Loaded, Workspace};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The template roadmap the plans extend.
    pub template: PathBuf,
    /// Rows of parameter values: CSV (`;` or `,`, a header row of parameter
    /// names) or JSON (an array of objects).
    #[arg(long)]
    pub data: PathBuf,
    /// The folder to write the plans into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// The column that names each file; by default `файл` or `file`, else the first column.
    #[arg(long)]
    pub name_column: Option<String>,
    /// Write file names in Latin letters (ГОСТ 7.79-2000, system B).
    #[arg(long)]
    pub transliterate: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// A problem with the data, by line (1-based; the header is line 1).
struct RowError {
    line: usize,
    ru: String,
    en: String,
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let lang = env.lang;
    let mut ws = Workspace::default();
    let template = match ws.load(&args.template) {
        Ok(id) => id,
        Err(err) => {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!(
                        "ошибка: не удалось прочитать {}: {err}",
                        args.template.display()
                    ),
                    format!("error: cannot read {}: {err}", args.template.display())
                )
            );
            return FAILURE;
        }
    };
    let mut diagnostics = Vec::new();
    let folded = model::extend::fold(&mut ws, template, &mut diagnostics);
    if let Loaded::Shared = model::build(&mut ws, template, &mut diagnostics) {
        eprintln!(
            "{}",
            say(
                lang,
                format!("ошибка: {} — не дорожная карта", args.template.display()),
                format!("error: {} is not a roadmap", args.template.display())
            )
        );
        return FAILURE;
    }
    diagnostics.append(&mut ws.diagnostics);
    if diagnostics
        .iter()
        .any(|d| d.severity() == crate::code::Severity::Error)
    {
        let report = Report {
            sources: &ws.sources,
            diagnostics: &diagnostics,
            files: 1,
            activities: 0,
        };
        eprint!("{}", Human::plain(lang).render(&report));
        eprintln!(
            "{}",
            say(
                lang,
                "В шаблоне ошибки: планы не созданы".into(),
                "The template has errors: no plans written".into()
            )
        );
        return FOUND_ERRORS;
    }
    let parameters: Vec<(String, bool)> = folded
        .parameters
        .iter()
        .map(|(name, p)| (name.clone(), p.value.is_none()))
        .collect();
    let (header, rows) = match crate::data::read(&args.data) {
        Ok(data) => data,
        Err(message) => {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("ошибка: {}: {}", args.data.display(), message.0),
                    format!("error: {}: {}", args.data.display(), message.1)
                )
            );
            return FAILURE;
        }
    };
    let mut errors: Vec<RowError> = Vec::new();
    let missing: Vec<&str> = parameters
        .iter()
        .filter(|(name, required)| *required && !header.contains(name))
        .map(|(name, _)| name.as_str())
        .collect();
    if !missing.is_empty() {
        let list = missing.join(", ");
        eprintln!(
            "{}",
            say(
                lang,
                format!(
                    "{}:1: нет столбцов для обязательных параметров шаблона: {list}",
                    args.data.display()
                ),
                format!(
                    "{}:1: no columns for the template's required parameters: {list}",
                    args.data.display()
                )
            )
        );
        return FOUND_ERRORS;
    }
    let name_column = args
        .name_column
        .clone()
        .or_else(|| crate::data::name_column(&header))
        .unwrap_or_default();
    if !header.contains(&name_column) {
        eprintln!(
            "{}",
            say(
                lang,
                format!("ошибка: в данных нет столбца «{name_column}»"),
                format!("error: the data has no column `{name_column}`")
            )
        );
        return FAILURE;
    }
    if let Err(err) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "{}",
            say(
                lang,
                format!("ошибка: не удалось создать {}: {err}", args.out.display()),
                format!("error: cannot create {}: {err}", args.out.display())
            )
        );
        return FAILURE;
    }
    let extends = relative(&args.template, &args.out);
    let mut names: HashMap<String, usize> = HashMap::new();
    let (mut written, mut kept) = (0usize, Vec::new());
    for (line, row) in &rows {
        let raw = row
            .get(&name_column)
            .map(String::as_str)
            .unwrap_or("")
            .trim();
        let stem = safe_name(raw, args.transliterate);
        if raw == "." || raw == ".." {
            errors.push(RowError {
                line: *line,
                ru: format!("«{raw}» в столбце «{name_column}» — не имя файла, а папка"),
                en: format!("`{raw}` in column `{name_column}` names a folder, not a file"),
            });
            continue;
        }
        if stem.is_empty() {
            errors.push(RowError {
                line: *line,
                ru: format!("пустое имя файла в столбце «{name_column}»"),
                en: format!("an empty file name in column `{name_column}`"),
            });
            continue;
        }
        if let Some(first) = names.insert(stem.clone(), *line) {
            names.insert(stem.clone(), first);
            errors.push(RowError {
                line: *line,
                ru: format!("имя файла «{stem}» уже занято строкой {first}"),
                en: format!("the file name `{stem}` is taken by line {first}"),
            });
            continue;
        }
        let mut text = format!(
            "# План по шаблону {extends}.\n# Создан командой roadmap instantiate; его можно править.\nрасширяет: {extends}\n"
        );
        let mut bad = None;
        for (name, required) in &parameters {
            let value = row.get(name).map(|v| v.trim()).unwrap_or("");
            if value.is_empty() {
                if *required {
                    bad = Some((
                        format!("пусто значение параметра «{name}»"),
                        format!("parameter `{name}` has no value"),
                    ));
                }
                continue;
            }
            if value.contains(['\n', '\r']) {
                bad = Some((
                    format!("значение «{name}» в несколько строк"),
                    format!("the value of `{name}` spans several lines"),
                ));
                continue;
            }
            text.push_str(&format!("параметр {name}: {value}\n"));
        }
        if let Some((ru, en)) = bad {
            errors.push(RowError {
                line: *line,
                ru,
                en,
            });
            continue;
        }
        let path = args.out.join(format!("{stem}.roadmap"));
        if path.exists() && !args.force {
            kept.push(path);
            continue;
        }
        if let Err(err) = write_atomically(&path, &text) {
            eprintln!(
                "{}",
                say(
                    lang,
                    format!("ошибка: не удалось записать {}: {err}", path.display()),
                    format!("error: cannot write {}: {err}", path.display())
                )
            );
            return FAILURE;
        }
        written += 1;
    }
    for e in &errors {
        eprintln!(
            "{}:{}: {}",
            args.data.display(),
            e.line,
            say(lang, e.ru.clone(), e.en.clone())
        );
    }
    if !kept.is_empty() {
        eprintln!("{}", say(lang,
            format!("{} файл(ов) уже есть и не перезаписаны (--force, чтобы перезаписать), например {}", kept.len(), kept[0].display()),
            format!("{} file(s) already exist and were not overwritten (--force to overwrite), e.g. {}", kept.len(), kept[0].display())));
    }
    eprintln!(
        "{}",
        say(
            lang,
            format!(
                "Записано планов: {written} в {}; строк с ошибками: {}",
                args.out.display(),
                errors.len()
            ),
            format!(
                "Wrote {written} plan(s) into {}; rows with errors: {}",
                args.out.display(),
                errors.len()
            )
        )
    );
    if errors.is_empty() {
        CLEAN
    } else {
        FOUND_ERRORS
    }
}

fn say(lang: Lang, ru: String, en: String) -> String {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A file name every OS accepts: no separators or reserved characters, no
/// trailing dots or spaces, not a reserved Windows name, at most 100 characters.
fn safe_name(raw: &str, transliterate: bool) -> String {
    let mut name: String = raw
        .chars()
        .flat_map(|c| {
            let piece = if transliterate {
                crate::translit::latin(c)
            } else {
                None
            };
            piece.map_or_else(|| vec![c], |s| s.chars().collect())
        })
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    while name.ends_with(['.', '-']) {
        name.pop();
    }
    while name.starts_with(['.', '-']) {
        name.remove(0);
    }
    let reserved = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if reserved.contains(&name.to_lowercase().as_str()) {
        name.push('_');
    }
    name
}

/// `template` as a path relative to `dir`, for the `расширяет:` line.
fn relative(template: &Path, dir: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (to, from) = (absolute(template), absolute(dir));
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for c in &to[common..] {
        path.push(c);
    }
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(
            safe_name("МБОУ СОШ № 1 г. Холмск", false),
            "МБОУ-СОШ-№-1-г.-Холмск"
        );
        assert_eq!(safe_name("Красногорск", true), "krasnogorsk");
        assert_eq!(safe_name("a/b:c?", false), "a-b-c");
        assert_eq!(safe_name("CON", false), "CON_");
        assert_eq!(safe_name(" ..x.. ", false), "x");
    }
}
