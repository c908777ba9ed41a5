//! Help in the reader's language: the command line clap builds from the
//! English doc comments, with every description put in Russian from one table
//! when messages are in Russian (`--lang ru` or a Russian locale).

use super::Cli;
use crate::lang::Lang;
use clap::CommandFactory;
use std::ffi::OsString;

/// The Russian texts: `command` (space-separated path under `roadmap`, empty
/// for `roadmap` itself) for a command's description, `command:arg` for an
/// argument's, `:arg` for one every command shares. The English ones are the
/// doc comments on the argument structs.
const RU: &[(&str, &str)] = &[
    ("", "Дорожные карты в виде текста: проверка, график, контроль исполнения."),
    (":lang", "Язык сообщений; по умолчанию — язык системы (LANG, LC_ALL)."),
    (":color", "Когда раскрашивать вывод."),
    (":help", "Показать справку"),
    (":version", "Показать версию"),
    (
        ":templates",
        "Папка с шаблонами (те же имена файлов, что в templates/), которые заменяют встроенные.",
    ),
    (":output", "Записать сюда (атомарно), а не в стандартный вывод."),
    (":force", "Заменить FILE, если он уже есть."),
    (":party", "Только мероприятия, за которые отвечает эта сторона (её id)."),
    (":format", "Формат вывода."),
    (
        "check:format",
        "Формат вывода: human — для людей: строки исходника с указателями, цвет в терминале; \
         json — один документ JSON (docs/diagnostics.md); github — команды GitHub Actions \
         (`::error file=…`); gitlab — отчёт GitLab Code Quality.",
    ),
    (
        "schedule:format",
        "Формат вывода; по умолчанию тот, что называет расширение `-o FILE`, иначе md. \
         md — таблица Markdown на группу; html — страница для печати: таблица и диаграмма Ганта; \
         csv — через `;`, UTF-8 с BOM, для Excel; xlsx — книга Excel; json — весь график \
         (docs/schedule.md); ics — календарь iCalendar: событие на каждое окно дат, серию, \
         контрольную точку; mermaid — диаграмма Mermaid `gantt` для Markdown в GitLab или GitHub; \
         docx — документ Word: утверждаемая форма, альбомный A4.",
    ),
    (
        "schedule:by",
        "Как группировать таблицы: section — по разделам дорожной карты, в её порядке; \
         month — по месяцам, каждое мероприятие в каждом месяце, когда оно идёт; \
         party — план каждой ответственной стороны.",
    ),
    (
        "schedule:alarm",
        "Для ics: напоминание за столько дней до срока (3d, 1w; 0d — в день срока) \
         или none — без напоминаний.",
    ),
    (
        "schedule:windows",
        "Для ics: период длиннее дня показать ещё и фоновым событием, кроме события в день срока.",
    ),
    (
        "graph:format",
        "Формат вывода: dot — Graphviz (`dot -Tsvg`); mermaid — блок-схема Mermaid.",
    ),
    (
        "status:format",
        "Формат вывода: text — текст для терминала или письма; md — таблицы Markdown; \
         html — страница HTML для печати; json — весь отчёт в JSON (docs/state.md); \
         xlsx — сводка по папке планов книгой Excel (нужен -o ФАЙЛ); \
         docx — документ Word с подписью (нужен -o ФАЙЛ): для одной карты «Информация о ходе реализации», \
         для папки — сводный мониторинг по школам.",
    ),
    (
        "watch:format",
        "Что записывать в --out, через запятую или повторяя параметр; по умолчанию html. \
         md — таблица Markdown на группу; html — страница для печати: таблица и диаграмма Ганта; \
         csv — через `;`, UTF-8 с BOM, для Excel; xlsx — книга Excel; json — весь график \
         (docs/schedule.md); ics — календарь iCalendar; mermaid — диаграмма Mermaid `gantt`; \
         docx — документ Word.",
    ),
    (
        ":as_of",
        "Дата, на которую судить (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); по умолчанию сегодня.",
    ),
    (
        ":within",
        "За сколько до срока мероприятие «скоро»: `14d`, `14`, `2w` (или `14д`, `2н`).",
    ),
    (
        "help",
        "Показать эту справку или справку указанной команды",
    ),
    ("help:subcommand", "Команда, справку которой показать"),
    ("check", "Проверить дорожные карты: файлы или папки, где искать *.roadmap."),
    ("check:paths", "Файлы дорожных карт или папки, где искать файлы *.roadmap."),
    (
        "fmt",
        "Переписать дорожные карты в каноническом виде (комментарии и смысл сохраняются).",
    ),
    ("fmt:paths", "Файлы дорожных карт или папки, где искать файлы *.roadmap."),
    (
        "fmt:check",
        "Ничего не менять: показать разницу и выйти с кодом 1, если файл не отформатирован.",
    ),
    (
        "instantiate",
        "Записать по плану на каждую строку данных, расширяющему шаблон.",
    ),
    ("instantiate:template", "Шаблон дорожной карты, который расширяют планы."),
    (
        "instantiate:data",
        "Строки значений параметров: CSV (`;` или `,`, первая строка — имена параметров) \
         или JSON (массив объектов).",
    ),
    ("instantiate:out", "Папка, куда записать планы (создаётся, если её нет)."),
    (
        "instantiate:name_column",
        "Столбец с именем каждого файла; по умолчанию `файл` или `file`, иначе первый столбец.",
    ),
    (
        "instantiate:transliterate",
        "Писать имена файлов латиницей (ГОСТ 7.79-2000, система Б).",
    ),
    ("instantiate:force", "Перезаписать файлы, которые уже есть."),
    (
        "schedule",
        "Показать график дорожной карты: md, html (с диаграммой Ганта), csv, xlsx, json, ics, mermaid, docx. \
         В плане отмечено, что он берёт из шаблона.",
    ),
    ("schedule:path", "Файл дорожной карты."),
    ("schedule:by", "Как группировать таблицы."),
    (
        "schedule:as_of",
        "Дата, на которую показано исполнение и которую отмечает линия «сегодня» на диаграмме \
         (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); по умолчанию сегодня.",
    ),
    (
        "schedule:no_progress",
        "План как утверждён: без состояния мероприятий, доли выполненного, фактических \
         значений и подтверждений из отметок.",
    ),
    (
        "graph",
        "Показать граф зависимостей дорожной карты (Graphviz dot или Mermaid).",
    ),
    ("graph:path", "Файл дорожной карты."),
    (
        "status",
        "Отчёт о мониторинге на дату: выполнено в срок, просрочено, скоро срок, показатели.",
    ),
    (
        "status:path",
        "Файл дорожной карты (читается и ИМЯ.status рядом с ним) или папка планов \
         для сводки по всем.",
    ),
    (
        "status:data",
        "Для сводки по папке: список школ региона (CSV или JSON, как для instantiate), \
         чтобы назвать школы без плана; по умолчанию schools.csv рядом с шаблоном.",
    ),
    (
        "status:files",
        "Для сводки по папке: показать файл каждого плана.",
    ),
    (
        "next",
        "Что можно делать сейчас: просрочено, скоро срок, в работе, можно начинать.",
    ),
    (
        "next:path",
        "Файл дорожной карты (читается и ИМЯ.status рядом с ним).",
    ),
    (
        "next:format",
        "Формат вывода: text — строка на мероприятие, json — состояния мероприятий (docs/state.md).",
    ),
    (
        "remind",
        "Письма-напоминания каждой ответственной стороне: показать, записать .eml или отправить по SMTP.",
    ),
    (
        "remind:path",
        "Файл дорожной карты (читается и ИМЯ.status рядом с ним).",
    ),
    ("remind:party", "Только письмо этой стороне."),
    (
        "remind:out",
        "Записать по файлу .eml (RFC 5322) на каждую сторону в DIR (создаётся, если её нет).",
    ),
    (
        "remind:smtp",
        "Отправить по SMTP: smtp://host:port (без шифрования), smtp+starttls://host:port, \
         smtps://host:port. Учётные данные: ROADMAP_SMTP_USER, ROADMAP_SMTP_PASSWORD.",
    ),
    (
        "remind:from",
        "Отправитель; по умолчанию ROADMAP_SMTP_FROM, иначе e-mail стороны-владельца.",
    ),
    (
        "remind:log",
        "Журнал отправленных напоминаний; по умолчанию ИМЯ.remind.log рядом с дорожной картой.",
    ),
    ("remind:no_digest", "Не добавлять еженедельную сводку."),
    (
        "watch",
        "Проверять заново и перестраивать при каждом сохранении; Ctrl-C — остановить.",
    ),
    (
        "watch:out",
        "Записывать график каждой дорожной карты в эту папку (атомарно), заново после каждого изменения.",
    ),
    (
        "serve",
        "Показывать график каждой дорожной карты на локальной веб-странице, которая \
         обновляется при каждом сохранении.",
    ),
    (
        "serve:port",
        "Порт; 0 — выбрать свободный. Адрес страницы печатается.",
    ),
    (
        "serve:bind",
        "Адрес, на котором слушать: петлевой (127.0.0.1), если не указан другой, \
         например 0.0.0.0 — все сетевые интерфейсы.",
    ),
    (
        "serve:allow_marks",
        "Разрешить отмечать выполнение из браузера: у каждого мероприятия на странице графика \
         появляется форма (отметка, дата, документ, комментарий), отметка проверяется и \
         добавляется в файл .status дорожной карты. Без этого флага сервер только показывает.",
    ),
    (
        ":path",
        "Файл дорожной карты или папка, где искать файлы *.roadmap.",
    ),
    (
        ":poll",
        "Опрашивать файлы, а не ждать вестей от операционной системы \
         (сетевые диски, некоторые контейнеры и виртуальные машины).",
    ),
    (
        ":debounce",
        "Сколько миллисекунд файл должен не меняться после записи, прежде чем его прочитать: \
         редактор часто сохраняет в несколько приёмов.",
    ),
    (
        "watch:as_of",
        "Дата, которую отмечает линия «сегодня» на диаграммах (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); \
         по умолчанию сегодня.",
    ),
    (
        "serve:as_of",
        "Дата, которую отмечает линия «сегодня» на диаграммах (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); \
         по умолчанию сегодня.",
    ),
    (
        ":root",
        "Папка, внутри которой должны лежать подключаемые файлы, шаблоны и файлы отметок; \
         по умолчанию — рабочее дерево git с каждым указанным путём, иначе указанная папка \
         (для файла — его папка).",
    ),
    (
        "import",
        "Перевести таблицу дорожной карты (Word, Excel, OpenDocument, CSV) в файл дорожной карты.",
    ),
    ("import:force", "Заменить OUT, если он уже есть."),
    (
        "import:file",
        "Документ: .docx, .xlsx, .ods, .csv, .tsv или текстовая таблица.",
    ),
    (
        "import:table",
        "Взять только эту таблицу (с 1); по умолчанию — все таблицы с шапкой.",
    ),
    ("import:latin_ids", "Составлять обозначения участников латиницей."),
    (
        "import:rules",
        "Файл правил: строка шапки, поле каждого столбца, обозначения участников, период.",
    ),
    (
        "import:print_rules",
        "Вывести правила, по которым читается этот документ (готовые к правке), вместо карты.",
    ),
    (
        "form",
        "Записать для каждого плана форму для заполнения (xlsx или docx), по которой школа отчитывается.",
    ),
    (
        "form:paths",
        "Планы: файлы или папки, в которых искать *.roadmap.",
    ),
    (
        "form:out",
        "Папка, куда записать ИМЯ.xlsx (или ИМЯ.docx), по одной форме на план.",
    ),
    (
        "form:format",
        "Формат формы: xlsx — книга Excel: отметка из списка, остальные ячейки защищены; \
         docx — документ Word (альбомный): таблица, отметка из раскрывающегося списка.",
    ),
    (
        "marks",
        "Отметки из заполненных форм: `marks import ФОРМА.xlsx|ФОРМА.docx…` добавляет их в файлы отметок.",
    ),
    (
        "marks import",
        "Прочитать заполненные формы и добавить их отметки в файл .status каждого плана.",
    ),
    (
        "marks import:forms",
        "Заполненные формы, записанные командой `roadmap form`.",
    ),
    (
        "marks import:dry_run",
        "Показать, что добавится в каждый файл отметок, в виде diff; ничего не записывать.",
    ),
    (
        "marks help",
        "Показать эту справку или справку по указанной команде.",
    ),
    (
        "marks help import",
        "Прочитать заполненные формы и добавить их отметки в файл .status каждого плана.",
    ),
    (
        "marks help help",
        "Показать эту справку или справку по указанной команде.",
    ),
    (
        "remind:attach_form",
        "Приложить форму плана (как её пишет `roadmap form`, с мероприятиями со сроком до даты) \
         и попросить вернуть её вместо строки в файле отметок.",
    ),
    (
        "lsp",
        "Языковой сервер (LSP) для редакторов, через стандартные ввод и вывод.",
    ),
    (
        "assets",
        "Записать man-страницы (русскую и английскую) и дополнения для bash, zsh и fish.",
    ),
    ("assets:out", "Папка, куда их записать (создаётся, если её нет)."),
];

/// clap's own words in help and errors, and theirs in Russian. Applied to
/// what clap renders, where the descriptions are already Russian.
const RU_FRAMING: &[(&str, &str)] = &[
    ("Usage:", "Использование:"),
    ("Options:", "Параметры:"),
    ("Arguments:", "Аргументы:"),
    ("Commands:", "Команды:"),
    ("Possible values:", "Возможные значения:"),
    ("[possible values: ", "[возможные значения: "),
    ("[default: ", "[по умолчанию: "),
    ("[aliases: ", "[другие имена: "),
    ("[alias: ", "[другое имя: "),
    ("(see more with '--help')", "(подробнее: '--help')"),
    ("(see a summary with '-h')", "(кратко: '-h')"),
    ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
    ("<COMMAND>", "<КОМАНДА>"),
    ("[COMMAND]", "[КОМАНДА]"),
    ("error:", "ошибка:"),
    ("tip:", "подсказка:"),
    ("For more information, try", "Подробнее:"),
    (
        "the following required arguments were not provided:",
        "не указаны обязательные аргументы:",
    ),
    ("unexpected argument", "лишний аргумент"),
    ("unrecognized subcommand", "неизвестная команда"),
    ("invalid value", "недопустимое значение"),
];

/// The language help is in: `--lang` when the arguments give it (before
/// clap reads them, since clap prints help while it reads), else the locale's.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut given = None;
    let mut iter = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => iter.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("ru") => given = Some(Lang::Ru),
            Some("en") => given = Some(Lang::En),
            _ => {}
        }
    }
    given.unwrap_or_else(Lang::from_env)
}

/// The command line, with its descriptions in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    // Built first, so that the help and version flags, the `help` command and
    // the global options copied into every command are there to translate.
    cmd.build();
    translate(cmd, "")
}

/// clap's rendering of help or an error, with its own words in `lang`.
pub fn frame(lang: Lang, rendered: String) -> String {
    match lang {
        Lang::En => rendered,
        Lang::Ru => RU_FRAMING
            .iter()
            .fold(rendered, |text, (en, ru)| text.replace(en, ru)),
    }
}

/// The Russian text for `key`, or for the shared `:arg` after `path:`;
/// without the final full stop, as clap leaves the English ones.
fn russian(key: &str) -> Option<&'static str> {
    let lookup = |k: &str| {
        RU.iter()
            .find(|(name, _)| *name == k)
            .map(|(_, t)| t.strip_suffix('.').unwrap_or(t))
    };
    lookup(key).or_else(|| {
        let (_, arg) = key.split_once(':')?;
        lookup(&format!(":{arg}"))
    })
}

fn translate(cmd: clap::Command, path: &str) -> clap::Command {
    let mut cmd = match russian(path) {
        Some(about) => cmd.about(about).long_about(None),
        None => cmd,
    };
    cmd = cmd.mut_args(|arg| {
        let key = format!("{path}:{}", arg.get_id());
        match russian(&key) {
            // The values' own descriptions are English: the Russian text
            // describes them instead.
            Some(help)
                if arg
                    .get_possible_values()
                    .iter()
                    .any(|v| v.get_help().is_some()) =>
            {
                arg.help(help).long_help(None).hide_possible_values(true)
            }
            Some(help) => arg.help(help).long_help(None),
            None => arg,
        }
    });
    cmd.mut_subcommands(|sub| {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        translate(sub, &sub_path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument a user can see, with what it says.
    fn texts(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        if !cmd.is_hide_set() {
            let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
            out.push((path.to_string(), about));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let help = arg.get_help().map(|s| s.to_string()).unwrap_or_default();
            out.push((format!("{path}:{}", arg.get_id()), help));
        }
        // `help`'s own commands are only names to complete.
        for sub in cmd.get_subcommands().filter(|_| path != "help") {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            texts(sub, &sub_path, out);
        }
    }

    #[test]
    fn every_text_a_user_sees_has_a_russian_one() {
        let mut out = Vec::new();
        texts(&command(Lang::Ru), "", &mut out);
        let untranslated: Vec<_> = out
            .iter()
            .filter(|(_, text)| !text.chars().any(|c| ('а'..='я').contains(&c)))
            .map(|(key, text)| format!("{key:?}: {text:?}"))
            .collect();
        assert!(
            untranslated.is_empty(),
            "add these to RU in src/cli/help.rs:\n{}",
            untranslated.join("\n")
        );
        assert!(out.len() > 40, "only {} texts seen", out.len());
    }

    #[test]
    fn english_keeps_the_doc_comments() {
        let mut out = Vec::new();
        texts(&command(Lang::En), "", &mut out);
        let check = out.iter().find(|(k, _)| k == "check:paths").unwrap();
        assert_eq!(
            check.1,
            "Roadmap files, or folders to search for *.roadmap files"
        );
    }

    #[test]
    fn lang_flag_is_read_before_clap() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&args(&["roadmap", "--lang", "ru", "--help"])),
            Lang::Ru
        );
        assert_eq!(lang_of(&args(&["roadmap", "check", "--lang=ru"])), Lang::Ru);
        assert_eq!(lang_of(&args(&["roadmap", "--lang=en", "check"])), Lang::En);
        assert_eq!(
            lang_of(&args(&["roadmap", "check", "--", "--lang", "ru"])),
            lang_of(&args(&["roadmap"]))
        );
    }

    #[test]
    fn framing_is_russian_only_in_russian() {
        let help = "Usage: roadmap [OPTIONS] <COMMAND>\n\nOptions:\n".to_string();
        assert_eq!(frame(Lang::En, help.clone()), help);
        assert_eq!(
            frame(Lang::Ru, help),
            "Использование: roadmap [ПАРАМЕТРЫ] <КОМАНДА>\n\nПараметры:\n"
        );
    }
}
