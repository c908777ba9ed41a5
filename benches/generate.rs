//! `roadmap-generate`: synthetic roadmaps for the benchmarks (BENCHMARKS.md).
//!
//! ```text
//! roadmap-generate region DIR --schools N [--standalone]
//! roadmap-generate flat FILE --activities N
//! roadmap-generate tjp FILE --activities N
//! roadmap-generate csv FILE --schools N
//! roadmap-generate xlsx FILE --rows N
//! ```
//!
//! `region` writes `DIR/template.roadmap` (a school-year template of the
//! «500+» project: every timing form of docs/timing.md that fits a one-year
//! period, dependencies with lags, indicators, checkpoints, `параметр`
//! declarations) and N school plans `DIR/schools/mNNN/school-NNNNNN.roadmap`,
//! 100 to a municipality folder, each `расширяет: ../../template.roadmap`,
//! binding the parameters, adding 1–3 activities of its own and tightening
//! one deadline. `--standalone` writes each plan as a whole roadmap instead
//! (the template's text with the parameters filled in), as before templates.
//!
//! `flat` writes one roadmap of N activities: blocks of the template's 38
//! activities, each block a section, linked to the block before it.
//! `tjp` writes the same project as `flat` for TaskJuggler (`tj3`): the same
//! tasks, dates, dependencies, lags and durations.
//!
//! `csv` writes the parameters of the same N schools as `region` as the rows
//! `roadmap instantiate --data` reads (`;`-separated, a header of names).
//!
//! `xlsx` writes a workbook of one table of N activity rows as departments
//! keep them, for `roadmap import`: a title row, a header, a section row
//! every 50 rows, titles of varied words, the timings, responsible parties
//! and indicators real tables have.
//!
//! The output depends only on the arguments: the same command writes the same
//! bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A day of 2022, the period of every generated roadmap.
type Day = (u32, u32);

/// How an activity comes after another: `после: N + lag`.
#[derive(Clone, Copy)]
struct After {
    /// Index into [`BLOCK`].
    on: usize,
    /// As written after `+`, or none.
    lag: Option<&'static str>,
    /// The same lag for TaskJuggler.
    tj_gap: Option<&'static str>,
    /// On the activity of the previous block (flat roadmaps only).
    previous_block: bool,
}

const fn after(on: usize) -> After {
    After {
        on,
        lag: None,
        tj_gap: None,
        previous_block: false,
    }
}

const fn lagged(on: usize, lag: &'static str, tj_gap: &'static str) -> After {
    After {
        on,
        lag: Some(lag),
        tj_gap: Some(tj_gap),
        previous_block: false,
    }
}

const fn previous(on: usize, lag: Option<&'static str>, tj_gap: Option<&'static str>) -> After {
    After {
        on,
        lag,
        tj_gap,
        previous_block: true,
    }
}

/// How the activity is dated, and what TaskJuggler is told.
#[derive(Clone, Copy)]
enum When {
    /// `срок:` resolving to one span of days (first, last) for TaskJuggler:
    /// windows, lists and repeats by their hull, «по графику» by the period.
    Fixed(&'static str, Day, Day),
    /// `срок: до …`: a deadline; the window runs from the period's start (or
    /// the dependency) to the day.
    Deadline(&'static str, Day),
    /// `длительность:` (with TaskJuggler's `length`/`duration`), optionally
    /// with a deadline.
    Duration(&'static str, &'static str, Option<&'static str>),
}

#[derive(Clone, Copy)]
struct Activity {
    section: usize,
    /// The number in the template.
    number: &'static str,
    title: &'static str,
    when: When,
    after: &'static [After],
    by: &'static str,
    indicator: Option<&'static str>,
    result: Option<&'static str>,
    checkpoint: Option<&'static str>,
    mandatory: bool,
}

const SECTIONS: [&str; 4] = [
    "Организационно-подготовительная работа",
    "Методическое сопровождение школы в проекте «500+»",
    "Организационно-методическое сопровождение в оценочных процедурах качества подготовки обучающихся",
    "Подведение итогов и распространение опыта",
];

const PERIOD: (Day, Day) = ((1, 1), (12, 31));

/// The template's activities, in an order where every dependency comes first.
const BLOCK: &[Activity] = &[
    Activity {
        section: 0,
        number: "1.1",
        title: "Анкетирование для разработки рискового профиля школы (РПШ) ({школа})",
        when: When::Fixed("17.01. – 04.02.2022", (1, 17), (2, 4)),
        after: &[],
        by: "ОО",
        indicator: Some("охват 1 ОО"),
        result: Some("Анкетирование ОО в ИС МЭДК"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.2",
        title: "Утверждение школьного координатора проекта",
        when: When::Fixed("24.01.2022", (1, 24), (1, 24)),
        after: &[],
        by: "ОО, МунКоорд",
        indicator: None,
        result: Some("Приказ о назначении школьного координатора"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.3",
        title: "Разработка программы антирисковых мер по результатам анализа рискового профиля",
        when: When::Fixed("с 07.02.2022 по 28.02.2022", (2, 7), (2, 28)),
        after: &[lagged(0, "2 дня", "gapduration 2d")],
        by: "ОО, Куратор",
        indicator: Some("доля рисковых направлений, по которым разработаны меры = 100 %"),
        result: Some("Программа антирисковых мер"),
        checkpoint: Some("15.02.2022 — проект программы согласован с куратором"),
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.4",
        title: "Согласование программы антирисковых мер с муниципальным координатором",
        when: When::Duration("10 рабочих дней", "length 10d", Some("до 01.04.2022")),
        after: &[
            lagged(2, "3 дня", "gapduration 3d"),
            previous(2, Some("3 дня"), Some("gapduration 3d")),
        ],
        by: "МунКоорд",
        indicator: None,
        result: Some("Согласованная программа антирисковых мер"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.5",
        title: "Утверждение концептуальных документов школы, размещение в ИС МЭДК",
        when: When::Deadline("до 01.04.2022", (4, 1)),
        after: &[after(3)],
        by: "ОО",
        indicator: None,
        result: Some("Концептуальные документы ОО размещены в ИС МЭДК"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.6",
        title: "Участие в установочном семинаре для школ-участниц проекта и кураторов",
        when: When::Fixed("14–16 марта 2022", (3, 14), (3, 16)),
        after: &[lagged(1, "2 недели", "gapduration 2w")],
        by: "ОО, Куратор",
        indicator: Some("не менее 3 человек от каждой ОО"),
        result: Some("Участие в семинаре"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 0,
        number: "1.7",
        title: "Разработка медиаплана информационного сопровождения проекта",
        when: When::Fixed("март 2022 года", (3, 1), (3, 31)),
        after: &[after(2)],
        by: "ОО",
        indicator: None,
        result: Some("Медиаплан"),
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 0,
        number: "1.8",
        title: "Проведение родительских собраний по итогам анкетирования",
        when: When::Fixed("во II полугодии", (7, 1), (12, 31)),
        after: &[],
        by: "ОО",
        indicator: Some("не менее 80 %"),
        result: None,
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 1,
        number: "2.1",
        title: "Участие в цикле еженедельных вебинаров по обмену опытом для школ-участниц проекта и кураторов",
        when: When::Fixed("еженедельно 10.02.–23.06.2022", (2, 10), (6, 23)),
        after: &[],
        by: "ОО, Куратор",
        indicator: None,
        result: Some("Участие в вебинарах"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.2",
        title: "Консультирование школьной команды куратором",
        when: When::Fixed("не реже 1 раза в месяц в течение 2022 года", (1, 1), (12, 31)),
        after: &[],
        by: "Куратор",
        indicator: Some("не реже 1 раза в месяц"),
        result: Some("Протоколы консультаций"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.3",
        title: "Мониторинг реализации программы антирисковых мер",
        when: When::Fixed("ежеквартально", PERIOD.0, PERIOD.1),
        after: &[],
        by: "МунКоорд",
        indicator: Some("не менее 90 %"),
        result: Some("Аналитическая справка"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.4",
        title: "Заполнение электронной дорожной карты школы в ИС МЭДК",
        when: When::Fixed("ежемесячно до 01.06.2022", (1, 1), (6, 1)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Отметки в ИС МЭДК"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.5",
        title: "Педагогический совет по итогам учебного года",
        when: When::Fixed("ежегодно в мае", (5, 1), (5, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Протокол педагогического совета"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.6",
        title: "Методические выезды специалистов в школу",
        when: When::Fixed(
            "ежеквартально: март, апрель – июнь, август, октябрь",
            (3, 1),
            (10, 31),
        ),
        after: &[],
        by: "МунКоорд, Куратор",
        indicator: Some("не менее 4 выездов"),
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.7",
        title: "Повышение квалификации педагогов по программам ЦНППМ",
        when: When::Fixed("по графику СОИРО", PERIOD.0, PERIOD.1),
        after: &[],
        by: "СОИРО",
        indicator: Some("не менее 5 человек от каждой ОО"),
        result: Some("Удостоверения о повышении квалификации"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.8",
        title: "Адресные консультации по запросам школы",
        when: When::Fixed("по заявкам ОО", PERIOD.0, PERIOD.1),
        after: &[],
        by: "Куратор",
        indicator: Some("Не менее 20 консультаций"),
        result: None,
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 1,
        number: "2.9",
        title: "Информационное сопровождение проекта на сайте школы",
        when: When::Fixed("постоянно", PERIOD.0, PERIOD.1),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Раздел «500+» на сайте школы"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.10",
        title: "Стажировки педагогов на базе школ с высокими образовательными результатами",
        when: When::Fixed("Сентябрь- октябрь 2022 года (по графику)", (9, 1), (10, 31)),
        after: &[],
        by: "МунКоорд",
        indicator: Some("Не менее 10 пар ОО"),
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 1,
        number: "2.11",
        title: "Организация наставничества для молодых педагогов",
        when: When::Fixed("раз в полугодие", PERIOD.0, PERIOD.1),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Отчёт наставника"),
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 2,
        number: "3.1",
        title: "Организация и участие школы в процедурах оценки качества образования (ВПР, НИКО)",
        when: When::Fixed("II квартал 2022 года", (4, 1), (6, 30)),
        after: &[],
        by: "ОО",
        indicator: Some("доля обучающихся, принявших участие в ВПР = 100 %"),
        result: Some("Независимая оценка качества образования"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.2",
        title: "Анализ результатов ВПР, выработка адресных рекомендаций",
        when: When::Fixed("июль – август", (7, 1), (8, 31)),
        after: &[after(19), previous(19, None, None)],
        by: "МунКоорд",
        indicator: None,
        result: Some("Адресные рекомендации"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.3",
        title: "Внутришкольный мониторинг предметных результатов",
        when: When::Fixed("2 раза в год", PERIOD.0, PERIOD.1),
        after: &[],
        by: "ОО",
        indicator: Some("6 баллов из 6"),
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.4",
        title: "Подготовка обучающихся к государственной итоговой аттестации",
        when: When::Fixed("I полугодие 2022", (1, 1), (6, 30)),
        after: &[],
        by: "ОО",
        indicator: Some("не более 5 %"),
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.5",
        title: "Анализ результатов ГИА, корректировка программы антирисковых мер",
        when: When::Fixed("сентябрь", (9, 1), (9, 30)),
        after: &[lagged(22, "10 рабочих дней", "gaplength 10d")],
        by: "ОО, МунКоорд",
        indicator: None,
        result: Some("Аналитическая справка по итогам ГИА"),
        checkpoint: Some("15.09.2022 — аналитическая справка представлена"),
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.6",
        title: "Итоговый мониторинг реализации проекта",
        when: When::Fixed("IV квартал 2022 г.", (10, 1), (12, 31)),
        after: &[],
        by: "РегКоорд",
        indicator: Some("увеличение доли обучающихся, преодолевших минимальный порог"),
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 2,
        number: "3.7",
        title: "Оценка эффективности программы антирисковых мер",
        when: When::Fixed("III кв. 2022", (7, 1), (9, 30)),
        after: &[],
        by: "МунКоорд",
        indicator: None,
        result: Some("Заключение об эффективности"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.1",
        title: "Итоговая региональная конференция проекта «500+»",
        when: When::Fixed("декабрь 2022 года", (12, 1), (12, 31)),
        after: &[lagged(23, "2 недели", "gapduration 2w")],
        by: "РегКоорд, ОО",
        indicator: Some("охват 50 ОО"),
        result: Some("Резолюция конференции"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.2",
        title: "Самообследование школы",
        when: When::Fixed("в течение года", (1, 1), (12, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Отчёт о самообследовании"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.3",
        title: "Заседания школьного методического объединения по итогам анкетирования",
        when: When::Fixed("в течение I квартала 2022 года", (1, 1), (3, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 3,
        number: "4.4",
        title: "Реализация программы развития школы",
        when: When::Fixed("в течение всего периода", PERIOD.0, PERIOD.1),
        after: &[],
        by: "ОО",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.5",
        title: "Отчёт о выполнении первого этапа дорожной карты",
        when: When::Deadline("до конца I квартала", (3, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Отчёт"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.6",
        title: "Открытые уроки для родителей и педагогов района",
        when: When::Fixed("Февраль, март, октябрь", (2, 1), (10, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: false,
    },
    Activity {
        section: 3,
        number: "4.7",
        title: "Сетевое взаимодействие со школами-партнёрами",
        when: When::Fixed("с 01.09.2022", (9, 1), (12, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: Some("Договоры о сетевом взаимодействии"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.8",
        title: "Реализация плана внеурочной деятельности",
        when: When::Fixed("2022 год", (1, 1), (12, 31)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.9",
        title: "Отчёт муниципальному координатору о ходе реализации проекта",
        when: When::Fixed("24.01.2022; II квартал 2022", (1, 24), (6, 30)),
        after: &[],
        by: "ОО",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.10",
        title: "Отчёт в ФИОКО по итогам мониторинга",
        when: When::Fixed("август 2022 года, ноябрь 2022 года", (8, 1), (11, 30)),
        after: &[],
        by: "МунКоорд",
        indicator: None,
        result: None,
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.11",
        title: "Обновление рискового профиля школы",
        when: When::Deadline("не позднее 15.04.2022", (4, 15)),
        after: &[after(0)],
        by: "ОО",
        indicator: None,
        result: Some("Рисковый профиль в ИС МЭДК"),
        checkpoint: None,
        mandatory: true,
    },
    Activity {
        section: 3,
        number: "4.12",
        title: "Подготовка публичного отчёта о результатах участия в проекте",
        when: When::Duration("2 недели", "duration 2w", None),
        after: &[
            after(17),
            lagged(25, "5 рабочих дней", "gaplength 5d"),
            previous(17, None, None),
        ],
        by: "ОО, МунКоорд",
        indicator: None,
        result: Some("Публичный отчёт"),
        checkpoint: None,
        mandatory: true,
    },
];

/// Parties of every roadmap; `{…}` are the template's parameters.
const PARTIES: &str = "\
участник ОО: {школа}
  почта: {почта_школы}
участник Куратор: {куратор}
участник МунКоорд: Муниципальный координатор проекта, {муниципалитет}
участник РегКоорд: Региональный координатор проекта «500+»
участник СОИРО: ГАУ ДПО «Смоленский областной институт развития образования»
  контакты: +7 4812 38-24-85
";

const PARAMETERS: &str = "\
параметр школа
параметр почта_школы
параметр муниципалитет
параметр куратор: Куратор проекта
";

const SETTLEMENTS: &[&str] = &[
    "с. Красногорск",
    "г. Томари",
    "пгт Ильинский",
    "с. Пензенское",
    "г. Рославль",
    "д. Каспля",
    "с. Новодугино",
    "г. Ярцево",
    "пос. Шумячи",
    "с. Холм-Жирковский",
];

/// What a plan adds: (section index, text of the activity).
const OWN: &[(usize, &str)] = &[
    (
        0,
        "мероприятие 1.20. Собрание родителей по итогам анкетирования
  срок: 14.02.2022
  ответственный: ОО
  после: 1.1
  результат: Протокол родительского собрания
",
    ),
    (
        1,
        "мероприятие 2.20. Школьный семинар «Эффективный урок»
  срок: ноябрь 2022 года
  ответственный: ОО
  показатель: не менее 10 учителей
",
    ),
    (
        2,
        "мероприятие 3.20. Диагностика читательской грамотности обучающихся 5–7 классов
  срок: 12–14 октября 2022
  ответственные: ОО, Куратор
  после: 3.2 + 2 недели
  контрольная точка: 13.10.2022 — диагностика проведена в 5–6 классах
",
    ),
    (
        3,
        "мероприятие 4.20. Участие в муниципальном конкурсе методических разработок
  срок: по графику
  ответственный: ОО
",
    ),
];

/// One tightened deadline per plan: (activity number, new timing).
const TIGHTER: &[(&str, &str)] = &[
    ("1.1", "17.01. – 28.01.2022"),
    ("1.4", "до 25.03.2022"),
    ("4.11", "не позднее 08.04.2022"),
    ("3.5", "01.09. – 20.09.2022"),
];

/// splitmix64: a small, fixed generator, so that a seed gives the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn usage() -> ! {
    eprintln!(
        "usage:\n  roadmap-generate region DIR --schools N [--standalone]\n  \
         roadmap-generate flat FILE --activities N\n  roadmap-generate tjp FILE --activities N\n  \
         roadmap-generate csv FILE --schools N\n  roadmap-generate xlsx FILE --rows N"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        usage();
    }
    let count = |flag: &str| -> usize {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.replace('_', "").parse().ok())
            .unwrap_or_else(|| usage())
    };
    let out = PathBuf::from(&args[1]);
    let result = match args[0].as_str() {
        "region" => region(
            &out,
            count("--schools"),
            args.iter().any(|a| a == "--standalone"),
        ),
        "flat" => write(&out, &flat(count("--activities"))),
        "tjp" => write(&out, &tjp(count("--activities"))),
        "csv" => write(&out, &csv(count("--schools"))),
        "xlsx" => xlsx(&out, count("--rows")).map_err(std::io::Error::other),
        _ => usage(),
    };
    if let Err(err) = result {
        eprintln!("roadmap-generate: {}: {err}", out.display());
        std::process::exit(1);
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// One activity's lines. `number` maps a block index to the number written,
/// `previous` to the number in the block before (flat roadmaps), if any.
fn activity(
    out: &mut String,
    a: &Activity,
    title: &str,
    number: &dyn Fn(usize) -> String,
    own: String,
    previous: Option<&dyn Fn(usize) -> String>,
    template: bool,
) {
    let _ = writeln!(out, "мероприятие {own}. {title}");
    if template && !a.mandatory {
        out.push_str("  обязательное: нет\n");
    }
    match a.when {
        When::Fixed(text, ..) | When::Deadline(text, _) => {
            let _ = writeln!(out, "  срок: {text}");
        }
        When::Duration(text, _, deadline) => {
            let _ = writeln!(out, "  длительность: {text}");
            if let Some(deadline) = deadline {
                let _ = writeln!(out, "  срок: {deadline}");
            }
        }
    }
    let _ = writeln!(out, "  ответственные: {}", a.by);
    let deps: Vec<String> = a
        .after
        .iter()
        .filter_map(|d| {
            let n = if d.previous_block {
                previous?(d.on)
            } else {
                number(d.on)
            };
            Some(match d.lag {
                Some(lag) => format!("{n} + {lag}"),
                None => n,
            })
        })
        .collect();
    if !deps.is_empty() {
        let _ = writeln!(out, "  после: {}", deps.join(", "));
    }
    if let Some(i) = a.indicator {
        let _ = writeln!(out, "  показатель: {i}");
    }
    if let Some(r) = a.result {
        let _ = writeln!(out, "  результат: {r}");
    }
    if let Some(c) = a.checkpoint {
        let _ = writeln!(out, "  контрольная точка: {c}");
    }
    out.push('\n');
}

fn template_text() -> String {
    let mut out = String::from(
        "# Шаблон дорожной карты школы — участницы проекта «500+» (сгенерирован roadmap-generate)\n\
         дорожная карта: Дорожная карта проекта «500+» — {школа}\n\
         период: 2022\n\
         утверждена: приказ министерства образования № 3.12-273 от 11.03.2022\n\
         владелец: МунКоорд\n\n",
    );
    out.push_str(PARAMETERS);
    out.push('\n');
    out.push_str(PARTIES);
    let number = |i: usize| BLOCK[i].number.to_string();
    for (s, title) in SECTIONS.iter().enumerate() {
        let _ = writeln!(out, "\nраздел {}. {title}\n", s + 1);
        for a in BLOCK.iter().filter(|a| a.section == s) {
            activity(
                &mut out,
                a,
                a.title,
                &number,
                a.number.to_string(),
                None,
                true,
            );
        }
    }
    out
}

struct School {
    name: String,
    email: String,
    municipality: String,
    own: Vec<usize>,
    tighter: usize,
}

fn school(rng: &mut Rng, index: usize) -> School {
    let settlement = SETTLEMENTS[rng.below(SETTLEMENTS.len())];
    let kind = ["МБОУ СОШ", "МКОУ ООШ", "МБОУ «Лицей»", "МАОУ СОШ"][rng.below(4)];
    let mut own: Vec<usize> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let pick = rng.below(OWN.len());
        if !own.contains(&pick) {
            own.push(pick);
        }
    }
    own.sort_unstable();
    School {
        name: format!("{kind} № {} {settlement}", 1 + index % 40),
        email: format!("school{index:06}@example.org"),
        municipality: format!("МО «Муниципальный округ № {}»", 1 + index / 100),
        own,
        tighter: rng.below(TIGHTER.len()),
    }
}

fn plan_text(s: &School) -> String {
    let mut out = format!(
        "расширяет: ../../template.roadmap\n\
         параметр школа: {}\n\
         параметр почта_школы: {}\n\
         параметр муниципалитет: {}\n",
        s.name, s.email, s.municipality
    );
    for &o in &s.own {
        let (section, text) = OWN[o];
        let _ = write!(
            out,
            "\nраздел {}. {}\n\n{text}",
            section + 1,
            SECTIONS[section]
        );
    }
    let (number, timing) = TIGHTER[s.tighter];
    let _ = write!(
        out,
        "\n# Срок шаблона ужесточён\nмероприятие {number}\n  срок: {timing}\n"
    );
    out
}

/// The template's text with the parameters filled in and the plan's own
/// activities and tighter deadline written into it: a whole roadmap.
fn standalone_text(template: &str, s: &School) -> String {
    let (tight_number, tight_timing) = TIGHTER[s.tighter];
    let mut out = String::with_capacity(template.len() + 1024);
    let mut in_tight = false;
    for line in template.lines() {
        if line.starts_with("параметр ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("мероприятие ") {
            in_tight = rest.split(". ").next() == Some(tight_number);
        }
        if in_tight && line.starts_with("  срок:") {
            let _ = writeln!(out, "  срок: {tight_timing}");
            continue;
        }
        if line.starts_with("  обязательное:") {
            continue;
        }
        out.push_str(
            &line
                .replace("{школа}", &s.name)
                .replace("{почта_школы}", &s.email)
                .replace("{муниципалитет}", &s.municipality)
                .replace("{куратор}", "Куратор проекта"),
        );
        out.push('\n');
    }
    out.push_str("\nраздел 5. Мероприятия школы\n\n");
    for &o in &s.own {
        out.push_str(OWN[o].1);
        out.push('\n');
    }
    out
}

fn csv(schools: usize) -> String {
    let mut out = String::from("файл;школа;почта_школы;муниципалитет\n");
    let mut rng = Rng(0x500);
    for i in 0..schools {
        let s = school(&mut rng, i);
        let _ = writeln!(
            out,
            "school-{i:06};{};{};{}",
            s.name, s.email, s.municipality
        );
    }
    out
}

fn region(dir: &Path, schools: usize, standalone: bool) -> std::io::Result<()> {
    let template = template_text();
    std::fs::create_dir_all(dir)?;
    if !standalone {
        write(&dir.join("template.roadmap"), &template)?;
    }
    let mut rng = Rng(0x500);
    for i in 0..schools {
        let folder = dir.join("schools").join(format!("m{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let s = school(&mut rng, i);
        let text = if standalone {
            standalone_text(&template, &s)
        } else {
            plan_text(&s)
        };
        std::fs::write(folder.join(format!("school-{i:06}.roadmap")), text)?;
    }
    Ok(())
}

/// The flat roadmap's number of block `b`'s activity `i`: `b.i`, 1-based.
fn flat_number(block: usize, i: usize) -> String {
    format!("{}.{}", block + 1, i + 1)
}

fn flat(n: usize) -> String {
    let mut out = String::from(
        "# Сводная дорожная карта региона: мероприятия всех муниципалитетов (сгенерирована roadmap-generate)\n\
         дорожная карта: Сводная дорожная карта проекта «500+» по муниципальным образованиям\n\
         период: 2022\n\
         утверждена: приказ министерства образования № 3.12-273 от 11.03.2022\n\
         владелец: РегКоорд\n\n",
    );
    out.push_str(
        &PARTIES
            .replace("{школа}", "Школы-участницы проекта")
            .replace("{почта_школы}", "schools@example.org")
            .replace("{муниципалитет}", "муниципальные образования")
            .replace("{куратор}", "Кураторы проекта"),
    );
    let titles: Vec<String> = BLOCK
        .iter()
        .map(|a| a.title.replace("{школа}", "школы МО"))
        .collect();
    let blocks = n.div_ceil(BLOCK.len());
    let mut written = 0;
    for b in 0..blocks {
        let _ = writeln!(
            out,
            "\nраздел {}. Муниципальное образование № {}: сопровождение школ в проекте «500+»\n",
            b + 1,
            b + 1
        );
        let number = move |i: usize| flat_number(b, i);
        let previous = move |i: usize| flat_number(b - 1, i);
        let previous: Option<&dyn Fn(usize) -> String> = (b > 0).then_some(&previous as _);
        for (i, a) in BLOCK.iter().enumerate() {
            if written == n {
                break;
            }
            let title = &titles[i];
            activity(
                &mut out,
                a,
                title,
                &number,
                flat_number(b, i),
                previous,
                false,
            );
            written += 1;
        }
    }
    out
}

fn tj_date((month, day): Day, plus_one: bool) -> String {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut m, mut d, mut y) = (month, day, 2022);
    if plus_one {
        d += 1;
        if d > DAYS[m as usize - 1] {
            d = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    format!("{y}-{m:02}-{d:02}")
}

fn tj_id(block: usize, i: usize) -> String {
    format!("a{}_{}", block + 1, i + 1)
}

/// The `flat` roadmap for TaskJuggler: the same tasks, dates, dependencies
/// and lags; the parties become resources named as `responsible` (no
/// allocation, so no levelling: the roadmap does not level either); the
/// federal holidays of 2022 become `leaves holiday`.
fn tjp(n: usize) -> String {
    let mut out = format!(
        "/* Сводная дорожная карта, {n} activities (generated by roadmap-generate) */\n\
         project roadmap \"Сводная дорожная карта проекта «500+»\" 2022-01-01 - 2023-06-30 {{\n  \
         now 2022-01-01\n}}\n\n",
    );
    for (from, to, name) in [
        ("2022-01-01", "2022-01-10", "Новогодние каникулы"),
        ("2022-02-23", "2022-02-24", "День защитника Отечества"),
        ("2022-03-07", "2022-03-09", "Международный женский день"),
        ("2022-05-02", "2022-05-04", "Праздник Весны и Труда"),
        ("2022-05-09", "2022-05-11", "День Победы"),
        ("2022-06-13", "2022-06-14", "День России"),
        ("2022-11-04", "2022-11-05", "День народного единства"),
    ] {
        let _ = writeln!(out, "leaves holiday \"{name}\" {from} - {to}");
    }
    out.push('\n');
    for (id, name) in [
        ("OO", "Школы-участницы проекта"),
        ("Kurator", "Кураторы проекта"),
        ("MunKoord", "Муниципальный координатор проекта"),
        ("RegKoord", "Региональный координатор проекта «500+»"),
        ("SOIRO", "ГАУ ДПО СОИРО"),
    ] {
        let _ = writeln!(out, "resource {id} \"{name}\"");
    }
    out.push('\n');
    let resource = |party: &str| match party {
        "ОО" => "OO",
        "Куратор" => "Kurator",
        "МунКоорд" => "MunKoord",
        "РегКоорд" => "RegKoord",
        _ => "SOIRO",
    };
    let blocks = n.div_ceil(BLOCK.len());
    let mut written = 0;
    'blocks: for b in 0..blocks {
        for (i, a) in BLOCK.iter().enumerate() {
            if written == n {
                break 'blocks;
            }
            written += 1;
            let title = a.title.replace("{школа}", "школы МО").replace('"', "'");
            let _ = writeln!(
                out,
                "task {} \"{} {title}\" {{",
                tj_id(b, i),
                flat_number(b, i)
            );
            let deps: Vec<String> = a
                .after
                .iter()
                .filter(|d| !d.previous_block || b > 0)
                .map(|d| {
                    let id = tj_id(if d.previous_block { b - 1 } else { b }, d.on);
                    match d.tj_gap {
                        Some(gap) => format!("{id} {{ {gap} }}"),
                        None => id,
                    }
                })
                .collect();
            if !deps.is_empty() {
                let _ = writeln!(out, "  depends {}", deps.join(", "));
            }
            match a.when {
                When::Fixed(_, start, end) => {
                    let _ = writeln!(
                        out,
                        "  start {}\n  end {}",
                        tj_date(start, false),
                        tj_date(end, true)
                    );
                }
                When::Deadline(_, by) => {
                    if deps.is_empty() {
                        let _ = writeln!(out, "  start {}", tj_date(PERIOD.0, false));
                    }
                    let _ = writeln!(out, "  end {}", tj_date(by, true));
                }
                When::Duration(_, length, _) => {
                    if deps.is_empty() {
                        let _ = writeln!(out, "  start {}", tj_date(PERIOD.0, false));
                    }
                    let _ = writeln!(out, "  {length}");
                }
            }
            let by: Vec<&str> = a.by.split(", ").map(resource).collect();
            let _ = writeln!(out, "  responsible {}", by.join(", "));
            out.push_str("}\n");
        }
    }
    out
}

/// A workbook of `rows` activity rows for `roadmap import`.
fn xlsx(path: &Path, rows: usize) -> Result<(), rust_xlsxwriter::XlsxError> {
    const WORDS: [&str; 24] = [
        "анализ",
        "результатов",
        "оценочных",
        "процедур",
        "методическое",
        "сопровождение",
        "учителей",
        "школ",
        "с",
        "низкими",
        "образовательными",
        "результатами",
        "проведение",
        "семинаров",
        "для",
        "руководителей",
        "разработка",
        "программ",
        "повышения",
        "качества",
        "образования",
        "мониторинг",
        "рисковых",
        "профилей",
    ];
    const WHEN: [&str; 6] = [
        "17.01. – 04.02.2022",
        "март 2022 года",
        "II квартал 2022 года",
        "в течение года",
        "еженедельно",
        "по графику СОИРО",
    ];
    const BY: [&str; 4] = [
        "ОО",
        "Кураторы, ОО",
        "Отдел образования",
        "Муниципальные координаторы",
    ];
    const INDICATOR: [&str; 3] = [
        "не менее 10 ОО",
        "100 %",
        "увеличение доли учителей высшей категории",
    ];
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(
        0,
        0,
        "Дорожная карта по повышению качества образования на 2022 год",
    )?;
    let header = [
        "№ п/п",
        "Наименование мероприятия",
        "Сроки",
        "Ответственные",
        "Показатель",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h)?;
    }
    let mut seed: u64 = 2022;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut row: u32 = 2;
    for i in 0..rows {
        // Numbers as real tables write them: «a.b.c.», a section per «a.b».
        let (a, b, c) = (i / 2500 + 1, i / 50 % 50 + 1, i % 50 + 1);
        if c == 1 {
            sheet.write_string(row, 0, format!("{a}.{b}. Направление {a}.{b}"))?;
            row += 1;
        }
        let words: Vec<&str> = (0..8 + next() % 10)
            .map(|_| WORDS[next() % WORDS.len()])
            .collect();
        sheet.write_string(row, 0, format!("{a}.{b}.{c}."))?;
        sheet.write_string(row, 1, format!("Мероприятие {i}: {}", words.join(" ")))?;
        sheet.write_string(row, 2, WHEN[i % WHEN.len()])?;
        sheet.write_string(row, 3, BY[i % BY.len()])?;
        sheet.write_string(row, 4, INDICATOR[i % INDICATOR.len()])?;
        row += 1;
    }
    book.save(path)
}
