//! `roadmap watch PATH [--out DIR]`: checks the roadmaps, then again after
//! every save of a file they depend on, printing the findings as `check`
//! does under a timestamp line, and re-renders their schedules into DIR.
//! A broken, half-written, renamed or deleted file is reported and waited
//! out; Ctrl-C ends it with status 0.

use super::parse_date;
use super::{Env, CLEAN, FAILURE};
use crate::diagnostic::Report;
use crate::lang::{plural_en, plural_ru, Lang};
use crate::render::{self, By, Format, Options};
use crate::schedule::{self, calendar::Calendar};
use crate::text;
use crate::watch::{self, Checked, Event, FileOutcome, Mode, Tree, Watcher};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// What `watch` and `serve` share: what to watch and how.
#[derive(Debug, clap::Args)]
pub struct Settings {
    /// A roadmap file, or a folder searched for *.roadmap files.
    pub path: PathBuf,
    /// Poll the files instead of asking the operating system to tell of
    /// changes (network drives, some containers and virtual machines).
    #[arg(long)]
    pub poll: bool,
    /// How long a file must stay quiet after a write before it is read, in
    /// milliseconds: an editor's save is often several writes.
    #[arg(long, value_name = "MS", default_value_t = 100)]
    pub debounce: u64,
    /// The date the charts' "today" line marks (YYYY-MM-DD or DD.MM.YYYY); today by default.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub settings: Settings,
    /// Render every roadmap's schedule into this folder (atomically), again after each change.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Outputs written into --out, comma-separated or repeated; html by default.
    #[arg(long, value_enum, value_delimiter = ',', requires = "out")]
    pub format: Vec<Format>,
}

/// How often the loop looks whether a watched folder that was deleted is
/// back.
const TICK: Duration = Duration::from_secs(1);
/// How often files are looked at when polling.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// The watch loop: the tree of files, the watcher, and what it sends.
pub(super) struct Loop {
    pub tree: Tree,
    watcher: Watcher,
    rx: Receiver<Event>,
    /// The watched folder was deleted; it is watched again when it is back.
    lost: bool,
}

impl Loop {
    /// Starts watching (before the first check, so that no save is missed)
    /// and Ctrl-C handling. `out`, where outputs go, is not watched for
    /// roadmaps. On failure, the message is printed and the exit code
    /// returned.
    pub fn start(settings: &Settings, out: Option<&Path>, env: &Env) -> Result<Loop, i32> {
        let lang = env.lang;
        let (tx, rx) = mpsc::channel();
        if let Err(err) = watch::on_interrupt(tx.clone()) {
            eprintln!(
                "{}",
                text!(
                    ru: "предупреждение: Ctrl-C не перехватить: {}", err;
                    en: "warning: cannot handle Ctrl-C: {}", err
                )
                .get(lang)
            );
        }
        let mut tree = Tree::new(&settings.path).map_err(|failure| {
            eprintln!("{}", failure.message(lang));
            FAILURE
        })?;
        if let Some(out) = out {
            tree.ignore(out);
        }
        let (root, recursive) = tree.watch_targets();
        let watcher = Watcher::start(
            &root,
            recursive,
            settings.poll,
            Duration::from_millis(settings.debounce.max(1)),
            POLL_INTERVAL,
            tx,
        )
        .map_err(|err| {
            eprintln!(
                "{}",
                text!(
                    ru: "ошибка: не удалось следить за {}: {}", root.display(), err;
                    en: "error: cannot watch {}: {}", root.display(), err
                )
                .get(lang)
            );
            FAILURE
        })?;
        if let Some(why) = &watcher.fell_back {
            eprintln!(
                "{}",
                text!(
                    ru: "уведомления об изменениях недоступны ({}); файлы проверяются каждые {} мс", why, POLL_INTERVAL.as_millis();
                    en: "change notifications are not available ({}); looking at the files every {} ms", why, POLL_INTERVAL.as_millis()
                )
                .get(lang)
            );
        }
        let how = match (watcher.mode(), lang) {
            (Mode::Native, Lang::Ru) => "",
            (Mode::Native, Lang::En) => "",
            (Mode::Poll, Lang::Ru) => " (опрос файлов)",
            (Mode::Poll, Lang::En) => " (polling)",
        };
        eprintln!(
            "{}",
            text!(
                ru: "[{}] слежу за {}{} — Ctrl-C, чтобы остановить", watch::timestamp(), settings.path.display(), how;
                en: "[{}] watching {}{} — Ctrl-C to stop", watch::timestamp(), settings.path.display(), how
            )
            .get(lang)
        );
        Ok(Loop {
            tree,
            watcher,
            rx,
            lost: false,
        })
    }

    /// Checks every file.
    pub fn check_all(&mut self) -> Checked {
        let checked = self.tree.check_all();
        self.watch_outside();
        checked
    }

    /// Waits for a change that touches a roadmap and re-checks what it
    /// touches; `None` on Ctrl-C.
    pub fn next(&mut self, lang: Lang) -> Option<Checked> {
        loop {
            match self.rx.recv_timeout(TICK) {
                Ok(Event::Changed(mut paths)) => {
                    // Whatever else is already waiting goes in the same re-check.
                    while let Ok(event) = self.rx.try_recv() {
                        match event {
                            Event::Changed(more) => paths.extend(more),
                            Event::Rescan => return Some(self.check_all()),
                            Event::Failed(message) => failed(&message, lang),
                            Event::Stop => return None,
                        }
                    }
                    if let Some(checked) = self.tree.update(&paths) {
                        self.watch_outside();
                        return Some(checked);
                    }
                }
                Ok(Event::Rescan) => return Some(self.check_all()),
                Ok(Event::Failed(message)) => failed(&message, lang),
                Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {
                    let (root, recursive) = self.tree.watch_targets();
                    if !root.is_dir() {
                        self.lost = true;
                    } else if self.lost && self.watcher.rewatch(&root, recursive).is_ok() {
                        self.lost = false;
                        return Some(self.check_all());
                    }
                }
            }
        }
    }

    /// Templates and included files outside the watched folder are watched
    /// too, each in its folder.
    fn watch_outside(&mut self) {
        for dir in self.tree.folders_outside() {
            let _ = self.watcher.add(&dir);
        }
    }
}

fn failed(message: &str, lang: Lang) {
    eprintln!(
        "{}",
        text!(
            ru: "[{}] предупреждение: {}", watch::timestamp(), message;
            en: "[{}] warning: {}", watch::timestamp(), message
        )
        .get(lang)
    );
}

/// Prints what a check found, as `check` does, under a timestamp line.
pub(super) fn print(checked: &Checked, env: &Env) {
    let lang = env.lang;
    let time = watch::timestamp();
    let n = checked.files.len() as u64;
    let files = match lang {
        Lang::Ru => format!("{n} {}", plural_ru(n, "файл", "файла", "файлов")),
        Lang::En => format!("{n} {}", plural_en(n, "file", "files")),
    };
    if checked.changed.is_empty() {
        eprintln!(
            "{}",
            text!(ru: "[{}] проверено: {}", time, files; en: "[{}] checked {}", time, files)
                .get(lang)
        );
    } else {
        let mut changed = checked.changed.iter().take(3).cloned().collect::<Vec<_>>();
        if checked.changed.len() > 3 {
            changed.push(format!("… (+{})", checked.changed.len() - 3));
        }
        eprintln!(
            "{}",
            text!(
                ru: "[{}] изменено: {} — перепроверено: {}", time, changed.join(", "), files;
                en: "[{}] changed: {} — re-checked {}", time, changed.join(", "), files
            )
            .get(lang)
        );
    }
    for (_, name) in &checked.removed {
        eprintln!(
            "{}",
            text!(ru: "[{}] удалён: {}", time, name; en: "[{}] removed: {}", time, name).get(lang)
        );
    }
    let report = Report {
        sources: &checked.sources,
        diagnostics: &checked.diagnostics,
        files: checked.sources.len(),
        activities: checked.activities,
    };
    env.print_findings(&report);
    for failure in &checked.failures {
        eprintln!("{}", failure.message(lang));
    }
    if !checked.files.is_empty() {
        eprintln!("{}", report.summary(lang));
    }
}

/// The file extension of an output.
pub(super) fn extension(format: Format) -> &'static str {
    match format {
        Format::Md => "md",
        Format::Html => "html",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
        Format::Json => "json",
        Format::Ics => "ics",
        Format::Mermaid => "mmd",
        Format::Docx => "docx",
    }
}

/// A roadmap's schedule in `format`; `None` for a file that is not a
/// roadmap or has errors.
fn render_one(
    file: &FileOutcome,
    format: Format,
    as_of: Option<NaiveDate>,
    lang: Lang,
) -> Option<Result<Vec<u8>, render::Error>> {
    let (roadmap, graph) = file.roadmap.as_ref()?;
    if file.errors > 0 {
        return None;
    }
    let schedule = schedule::compute(roadmap, graph, Calendar::russia());
    let options = Options {
        lang,
        as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        period_ended: None,
        by: By::Section,
        party: None,
        templates: None,
        file: file.path.display().to_string(),
        findings: Vec::new(),
        progress: true,
    };
    Some(render::schedule(format, roadmap, &schedule, &options))
}

/// Where `--out` keeps a file's output: its name with the format's extension.
fn output(out: &Path, name: &str, format: Format) -> PathBuf {
    out.join(name).with_extension(extension(format))
}

/// Writes the outputs of the re-checked roadmaps (on every core: a thousand
/// pages take a while) and deletes those of the removed ones. A roadmap with
/// errors keeps its last good outputs.
fn write_outputs(
    checked: &Checked,
    out: &Path,
    formats: &[Format],
    as_of: Option<NaiveDate>,
    lang: Lang,
) {
    let time = watch::timestamp();
    let mut jobs = Vec::new();
    for file in &checked.files {
        if file.roadmap.is_some() && file.errors > 0 {
            eprintln!(
                "{}",
                text!(
                    ru: "[{}] {}: есть ошибки — в {} остаётся прежняя версия", time, file.name, out.display();
                    en: "[{}] {}: has errors — {} keeps the last good version", time, file.name, out.display()
                )
                .get(lang)
            );
        } else if file.roadmap.is_some() {
            jobs.extend(formats.iter().map(|&format| (file, format)));
        }
    }
    // Only files it wrote before, or new ones: never a file someone made.
    let mut manifest = watch::Manifest::load(out);
    jobs.retain(|(file, format)| {
        let path = output(out, &file.name, *format);
        let mine = manifest.may_write(&path);
        if !mine {
            eprintln!(
                "{}",
                text!(
                    ru: "[{}] {}: этот файл записал не roadmap watch — он не перезаписывается", time, path.display();
                    en: "[{}] {}: not written by roadmap watch — left as it is", time, path.display()
                )
                .get(lang)
            );
        }
        mine
    });
    let write = |(file, format): &(&FileOutcome, Format)| {
        let path = output(out, &file.name, *format);
        let result = match render_one(file, *format, as_of, lang) {
            None => return None,
            Some(Err(err)) => Err(err.message(lang)),
            Some(Ok(bytes)) => path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| crate::atomic::write_atomically(&path, &bytes))
                .map_err(|e| {
                    text!(
                        ru: "ошибка: не удалось записать {}: {}", path.display(), e;
                        en: "error: cannot write {}: {}", path.display(), e
                    )
                    .get(lang)
                    .to_string()
                }),
        };
        Some((file.name.clone(), path, result))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len() / 4 + 1);
    let results: Vec<_> = if threads <= 1 {
        jobs.iter().filter_map(write).collect()
    } else {
        let chunk = jobs.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().filter_map(write).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    let mut written = Vec::new();
    for (name, path, result) in results {
        match result {
            Ok(()) => {
                manifest.add(&path);
                written.push(path);
            }
            Err(message) => eprintln!("[{time}] {name}: {message}"),
        }
    }
    let time = watch::timestamp();
    if written.len() > 10 {
        eprintln!(
            "{}",
            text!(
                ru: "[{}] записано файлов в {}: {}", time, out.display(), written.len();
                en: "[{}] wrote {} files into {}", time, written.len(), out.display()
            )
            .get(lang)
        );
    } else {
        for path in &written {
            eprintln!(
                "{}",
                text!(ru: "[{}] записан {}", time, path.display(); en: "[{}] wrote {}", time, path.display())
                    .get(lang)
            );
        }
    }
    for (_, name) in &checked.removed {
        for &format in formats {
            let path = output(out, name, format);
            if !manifest.owns(&path) {
                continue;
            }
            manifest.remove(&path);
            if std::fs::remove_file(&path).is_ok() {
                eprintln!(
                    "{}",
                    text!(ru: "[{}] удалён {}", time, path.display(); en: "[{}] deleted {}", time, path.display())
                        .get(lang)
                );
            }
        }
    }
    if let Err(err) = manifest.save() {
        eprintln!(
            "{}",
            text!(
                ru: "[{}] ошибка: не удалось записать список файлов в {}: {}", time, out.display(), err;
                en: "[{}] error: cannot write the list of files in {}: {}", time, out.display(), err
            )
            .get(lang)
        );
    }
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let mut formats: Vec<Format> = Vec::new();
    for &format in &args.format {
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    if formats.is_empty() {
        formats.push(Format::Html);
    }
    if let Some(out) = &args.out {
        if let Err(err) = std::fs::create_dir_all(out) {
            eprintln!(
                "{}",
                text!(
                    ru: "ошибка: не удалось создать папку {}: {}", out.display(), err;
                    en: "error: cannot create the folder {}: {}", out.display(), err
                )
                .get(env.lang)
            );
            return FAILURE;
        }
    }
    let mut watching = match Loop::start(&args.settings, args.out.as_deref(), env) {
        Ok(watching) => watching,
        Err(code) => return code,
    };
    let mut checked = Some(watching.check_all());
    while let Some(done) = checked {
        print(&done, env);
        if let Some(out) = &args.out {
            write_outputs(&done, out, &formats, args.settings.as_of, env.lang);
        }
        checked = watching.next(env.lang);
    }
    eprintln!(
        "{}",
        text!(ru: "[{}] остановлено", watch::timestamp(); en: "[{}] stopped", watch::timestamp())
            .get(env.lang)
    );
    CLEAN
}
