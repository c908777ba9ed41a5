//! `roadmap assets --out DIR` (hidden): the man pages, in English and in
//! Russian, and the bash, zsh and fish completions, made from the same
//! command line as `--help` so that they never disagree with it. The Debian
//! package is built from what it writes (`.ci/run`, README).

use super::help::{command, frame};
use super::{Env, CLEAN, FAILURE};
use crate::atomic::write_atomically;
use crate::lang::Lang;
use clap_complete::Shell;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write them into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Where each file goes under `--out`, as the package installs them.
const MAN_EN: &str = "man/man1";
const MAN_RU: &str = "man/ru/man1";
const COMPLETIONS: &str = "completions";

/// The words clap_mangen writes itself, and the Russian man pages' ones.
const RU_SECTIONS: &[(&str, &str)] = &[
    (".SH NAME", ".SH ИМЯ"),
    (".SH SYNOPSIS", ".SH ОБЗОР"),
    (".SH DESCRIPTION", ".SH ОПИСАНИЕ"),
    (".SH OPTIONS", ".SH ПАРАМЕТРЫ"),
    (".SH SUBCOMMANDS", ".SH КОМАНДЫ"),
    (".SH VERSION", ".SH ВЕРСИЯ"),
    (".SH AUTHORS", ".SH АВТОРЫ"),
    (".SH EXTRA", ".SH ДОПОЛНИТЕЛЬНО"),
    ("<subcommands>", "<команды>"),
];

pub fn run(args: &Args, env: &Env) -> i32 {
    let mut files = Vec::new();
    for (lang, dir) in [(Lang::En, MAN_EN), (Lang::Ru, MAN_RU)] {
        for (name, page) in man_pages(lang) {
            files.push((Path::new(dir).join(format!("{name}.1")), page));
        }
    }
    for (shell, name) in [
        (Shell::Bash, "roadmap.bash"),
        (Shell::Zsh, "_roadmap"),
        (Shell::Fish, "roadmap.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command(Lang::En), "roadmap", &mut script);
        files.push((Path::new(COMPLETIONS).join(name), script));
    }
    let count = files.len();
    for (relative, contents) in files {
        let path = args.out.join(relative);
        let written = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        }
        .and_then(|()| write_atomically(&path, contents));
        if let Err(err) = written {
            eprintln!("{}", super::fmt::write_failed(&path, &err, env.lang));
            return FAILURE;
        }
    }
    // A closed standard error is no reason to fail once the files are written.
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        match env.lang {
            Lang::Ru => format!("{}: записано файлов: {count}", args.out.display()),
            Lang::En => format!("{}: {count} files written", args.out.display()),
        }
    );
    CLEAN
}

/// `roadmap.1` and a `roadmap-COMMAND.1` for every command, in `lang`.
fn man_pages(lang: Lang) -> Vec<(String, Vec<u8>)> {
    let root = command(lang);
    let mut pages = vec![("roadmap".to_string(), man_page(lang, root.clone()))];
    for sub in root.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("roadmap-{}", sub.get_name());
        let page = man_page(
            lang,
            sub.clone().name(name.clone()).display_name(name.clone()),
        );
        pages.push((name, page));
    }
    pages
}

fn man_page(lang: Lang, cmd: clap::Command) -> Vec<u8> {
    let mut roff = Vec::new();
    let man = clap_mangen::Man::new(cmd).manual(match lang {
        Lang::Ru => "Дорожные карты",
        Lang::En => "Roadmaps",
    });
    // Writing into memory does not fail.
    let _ = man.render(&mut roff);
    let roff = String::from_utf8_lossy(&roff).into_owned();
    match lang {
        Lang::En => roff.into_bytes(),
        Lang::Ru => {
            let roff = RU_SECTIONS
                .iter()
                .fold(roff, |text, (en, ru)| text.replace(en, ru));
            frame(lang, roff).into_bytes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: Lang, name: &str) -> String {
        let (_, page) = man_pages(lang)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap();
        String::from_utf8(page).unwrap()
    }

    #[test]
    fn russian_man_page_speaks_russian() {
        let page = page(Lang::Ru, "roadmap-check");
        assert!(page.contains(".SH ИМЯ"), "{page}");
        assert!(page.contains("Проверить дорожные карты"), "{page}");
        assert!(!page.contains(".SH OPTIONS"), "{page}");
    }

    #[test]
    fn english_man_page_lists_every_command() {
        let page = page(Lang::En, "roadmap");
        for name in ["check", "fmt", "schedule", "status", "remind", "serve"] {
            assert!(
                page.contains(&format!("roadmap\\-{name}(1)")),
                "{name}: {page}"
            );
        }
        assert!(
            !page.contains("assets"),
            "the hidden command is listed: {page}"
        );
    }
}
