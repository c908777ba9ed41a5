//! `roadmap remind PATH`: for every responsible party, a letter with what is
//! overdue, what is due soon and a weekly digest — printed, written as one
//! `.eml` file per party (`--out DIR`), or sent over SMTP (`--smtp URL`).
//! What was written or sent is logged (`NAME.remind.log`), so a daily run
//! never repeats a reminder; a failed send is not logged, so the next run
//! tries it again, and the run exits 2.

use super::schedule::Loaded;
use super::status::On;
use super::stdout::print;
use super::{Env, CLEAN, FAILURE, FOUND_ERRORS};
use crate::lang::Lang;
use crate::render::findings;
use crate::state::remind::{self, Letter, Log};
use crate::state::{self, mail, report};
use chrono::NaiveDate;
use lettre::message::Mailbox;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roadmap file (its NAME.status next to it is read too).
    pub path: PathBuf,
    #[command(flatten)]
    pub on: On,
    /// Only this party's letter.
    #[arg(long, value_name = "ID")]
    pub party: Option<String>,
    /// Write one RFC 5322 .eml file per party into DIR (created if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "smtp")]
    pub out: Option<PathBuf>,
    /// Send over SMTP: smtp://host:port (plain), smtp+starttls://host:port,
    /// smtps://host:port. Credentials: ROADMAP_SMTP_USER, ROADMAP_SMTP_PASSWORD.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// The sender; by default ROADMAP_SMTP_FROM, else the owner party's e-mail.
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// The log of reminders sent; by default NAME.remind.log next to the roadmap.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Attach the plan's fill-in form (as `roadmap form` writes it, for the
    /// activities due by the date) and ask for it back instead of a line in
    /// the status file.
    #[arg(long)]
    pub attach_form: bool,
    /// Leave out the weekly digest.
    #[arg(long)]
    pub no_digest: bool,
    /// A folder whose templates (same file names as templates/) replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

fn say(lang: Lang, ru: String, en: String) {
    eprintln!("{}", if lang == Lang::Ru { ru } else { en });
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let loaded = match super::schedule::load(&args.path, env) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let code = remind_all(args, env, &loaded);
    loaded.exit_code(code)
}

/// The letters of a roadmap read and checked. With errors in the roadmap
/// they are only shown, with its findings: nothing is written or sent from
/// dates that may be wrong.
fn remind_all(args: &Args, env: &Env, loaded: &Loaded) -> i32 {
    let lang = env.lang;
    let (roadmap, schedule) = (&loaded.roadmap, &loaded.schedule);
    let party = args
        .party
        .as_deref()
        .map(|p| crate::model::declared_party(roadmap, p));
    if let Err(e) = report::check_party(roadmap, party) {
        eprintln!("{}", e.message(lang));
        return FAILURE;
    }
    let options = args.on.options();
    let assessment = state::assess(roadmap, schedule, &options);
    let log_path = args
        .log
        .clone()
        .unwrap_or_else(|| Log::default_path(&args.path));
    // Sending: one run at a time, and the log read under the lock.
    let _lock = if args.out.is_some() || args.smtp.is_some() {
        match crate::state::lock::lock(&log_path) {
            Ok(lock) => Some(lock),
            Err(e) => {
                say(lang, format!("ошибка: {}", e.ru()), format!("error: {e}"));
                return FAILURE;
            }
        }
    } else {
        None
    };
    let mut log = match Log::read(&log_path) {
        Ok(log) => log,
        Err(e) => {
            say(
                lang,
                format!(
                    "ошибка: не удалось прочитать журнал {}: {e}",
                    log_path.display()
                ),
                format!("error: cannot read the log {}: {e}", log_path.display()),
            );
            return FAILURE;
        }
    };
    let file = args.path.display().to_string();
    let mut letters = remind::letters(
        roadmap,
        &assessment,
        &log,
        &file,
        party,
        remind::Options {
            digest: !args.no_digest,
        },
        lang,
    );
    let form = if args.attach_form {
        match attached_form(&args.path, options.as_of) {
            Some(form) => Some(form),
            None => {
                say(
                    lang,
                    format!(
                        "ошибка: {} — шаблон, а не план школы: формы к нему нет",
                        file
                    ),
                    format!("error: {file} is a template, not a school's plan: it has no form"),
                );
                return FAILURE;
            }
        }
    } else {
        None
    };
    for letter in &mut letters {
        letter.form = form.as_ref().map(|(name, _)| name.clone());
    }
    if let Err(e) = remind::render(&mut letters, lang, args.templates.as_deref()) {
        eprintln!("{}", e.message(lang));
        return FAILURE;
    }
    let sender = args
        .from
        .clone()
        .or_else(|| std::env::var(mail::FROM_VAR).ok().filter(|s| !s.is_empty()))
        .or_else(|| {
            let owner = roadmap.owner.as_ref()?;
            let party = roadmap.parties.iter().find(|p| p.id.text == owner.text)?;
            party.email.clone()
        });
    if args.out.is_none() && args.smtp.is_none() {
        for letter in letters.iter().filter(|l| l.party.email.is_none()) {
            no_address(letter, lang);
        }
        let preview = remind::preview(&letters, sender.as_deref(), lang);
        return print(
            &findings::append(preview, findings::Kind::Text, &loaded.findings, lang),
            lang,
        );
    }
    if loaded.errors > 0 {
        say(
            lang,
            "ошибка: в карте есть ошибки — письма не записаны и не отправлены; исправьте их (roadmap check) или посмотрите письма без --out и --smtp".into(),
            "error: the roadmap has errors, so no letter is written or sent; fix them (roadmap check), or preview the letters without --out and --smtp".into(),
        );
        return FOUND_ERRORS;
    }
    let Some(sender) = sender else {
        say(
            lang,
            format!(
                "ошибка: не указан отправитель: добавьте --from АДРЕС или задайте {}",
                mail::FROM_VAR
            ),
            format!(
                "error: no sender: add --from ADDRESS or set {}",
                mail::FROM_VAR
            ),
        );
        return FAILURE;
    };
    let from = match mail::mailbox(&sender) {
        Ok(from) => from,
        Err(e) => {
            say(
                lang,
                format!("ошибка: адрес отправителя не годится: {e}"),
                format!("error: the sender's address is not valid: {e}"),
            );
            return FAILURE;
        }
    };
    let attached = form.as_ref().map(|(name, bytes)| mail::Attached {
        name,
        mime: mail::XLSX,
        bytes,
    });
    let attached = attached.as_ref();
    let mut outcome = Outcome::default();
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            say(
                lang,
                format!("ошибка: не удалось создать папку {}: {e}", dir.display()),
                format!("error: cannot create the folder {}: {e}", dir.display()),
            );
            return FAILURE;
        }
        if !log_writable(&mut log, options.as_of, lang) {
            return FAILURE;
        }
        for letter in &letters {
            if outcome.unlogged {
                break;
            }
            deliver(
                letter,
                &from,
                attached,
                &mut log,
                options.as_of,
                lang,
                &mut outcome,
                |m| {
                    let path = eml_path(dir, options.as_of, &letter.party.id);
                    super::fmt::write_atomically(&path, m.formatted())
                        .map(|()| path.display().to_string())
                        .map_err(|e| format!("{}: {e}", path.display()))
                },
            );
        }
    } else if let Some(url) = &args.smtp {
        let transport = match mail::parse_url(url).and_then(|s| mail::transport(&s)) {
            Ok(t) => t,
            Err(e) => {
                say(
                    lang,
                    format!("ошибка: --smtp: {e}"),
                    format!("error: --smtp: {e}"),
                );
                return FAILURE;
            }
        };
        if !log_writable(&mut log, options.as_of, lang) {
            return FAILURE;
        }
        for letter in &letters {
            if outcome.unlogged {
                break;
            }
            deliver(
                letter,
                &from,
                attached,
                &mut log,
                options.as_of,
                lang,
                &mut outcome,
                |m| mail::send(&transport, m).map(|()| url.clone()),
            );
        }
    }
    say(
        lang,
        format!(
            "Писем отправлено: {}; без адреса почты: {}; не отправлено из-за ошибок: {}",
            outcome.sent, outcome.no_address, outcome.failed
        ),
        format!(
            "Letters sent: {}; parties without an e-mail address: {}; failed: {}",
            outcome.sent, outcome.no_address, outcome.failed
        ),
    );
    if outcome.failed > 0 {
        FAILURE
    } else {
        CLEAN
    }
}

/// A letter sent but not logged would be sent again by every later run:
/// nothing is sent unless the log can be written (its header, or itself
/// again, is written first).
fn log_writable(log: &mut Log, as_of: NaiveDate, lang: Lang) -> bool {
    let Err(e) = log.record(&[], as_of) else {
        return true;
    };
    say(
        lang,
        format!(
            "ошибка: журнал {} нельзя записать, письма не отправлены: {e}",
            log.path.display()
        ),
        format!(
            "error: the log {} cannot be written, so no letter was sent: {e}",
            log.path.display()
        ),
    );
    false
}

#[derive(Default)]
struct Outcome {
    sent: usize,
    no_address: usize,
    failed: usize,
    /// A letter was sent but the log could not say so: stop sending.
    unlogged: bool,
}

fn no_address(letter: &Letter, lang: Lang) {
    say(
        lang,
        format!(
            "внимание: у участника {} нет адреса почты («почта:»): письмо не может быть отправлено",
            letter.party.id
        ),
        format!(
            "warning: party {} has no e-mail address (`email:`): its letter cannot be sent",
            letter.party.id
        ),
    );
}

/// Builds the message, hands it to `send` and, when that worked, logs it.
#[allow(clippy::too_many_arguments)]
fn deliver(
    letter: &Letter,
    from: &Mailbox,
    attached: Option<&mail::Attached<'_>>,
    log: &mut Log,
    as_of: NaiveDate,
    lang: Lang,
    outcome: &mut Outcome,
    send: impl FnOnce(&lettre::Message) -> Result<String, String>,
) {
    if letter.party.email.is_none() {
        no_address(letter, lang);
        outcome.no_address += 1;
        return;
    }
    let result = mail::message(letter, from, attached).and_then(|m| send(&m));
    match result {
        Ok(whereto) => {
            outcome.sent += 1;
            say(
                lang,
                format!("{}: письмо → {}", letter.party.id, whereto),
                format!("{}: letter → {}", letter.party.id, whereto),
            );
            if let Err(e) = log.record(&letter.keys, as_of) {
                outcome.failed += 1;
                outcome.unlogged = true;
                say(
                    lang,
                    format!(
                        "ошибка: не удалось записать журнал {}: {e}",
                        log.path.display()
                    ),
                    format!("error: cannot write the log {}: {e}", log.path.display()),
                );
            }
        }
        Err(e) => {
            outcome.failed += 1;
            say(
                lang,
                format!(
                    "ошибка: письмо участнику {} не отправлено: {e}",
                    letter.party.id
                ),
                format!("error: the letter to {} was not sent: {e}", letter.party.id),
            );
        }
    }
}

/// The plan's form for the letters: its file name and the workbook's bytes;
/// `None` for a template.
fn attached_form(path: &Path, as_of: NaiveDate) -> Option<(String, Vec<u8>)> {
    let run = crate::run::check_files(&[path.to_path_buf()]);
    let (plan, form) = crate::form::of_run(&run, Some(as_of)).into_iter().next()?;
    let bytes = crate::form::xlsx::render(&form).ok()?;
    Some((crate::form::file_name(&plan, "xlsx"), bytes))
}

/// `DIR/2022-03-15-ОО.eml`, or `…-2.eml` and so on when that exists.
fn eml_path(dir: &Path, as_of: NaiveDate, party: &str) -> PathBuf {
    let safe: String = party
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = format!("{as_of}-{safe}");
    let mut path = dir.join(format!("{base}.eml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.eml"));
        n += 1;
    }
    path
}
