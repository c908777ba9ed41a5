//! Which language people read: messages come in Russian or English.

use serde::Serialize;

/// The language of messages and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    /// The language the environment's locale asks for (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, in that order of precedence); English when none names Russian.
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| get(name).filter(|value| !value.is_empty()));
        match locale {
            Some(value) if value.to_ascii_lowercase().starts_with("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }
}

/// The words of a page in `lang`, from `(key, Russian, English)` rows.
pub fn labels(
    lang: Lang,
    rows: &[(&'static str, &'static str, &'static str)],
) -> std::collections::BTreeMap<&'static str, &'static str> {
    rows.iter()
        .map(|&(key, ru, en)| (key, if lang == Lang::Ru { ru } else { en }))
        .collect()
}

/// A text in both languages, picked when it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ru: String,
    pub en: String,
}

impl Text {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ru: ru.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// Builds a [`Text`] from a Russian and an English `format!`.
#[macro_export]
macro_rules! text {
    (ru: $($ru:expr),+ ; en: $($en:expr),+ $(;)?) => {
        $crate::lang::Text::new(format!($($ru),+), format!($($en),+))
    };
}

/// The Russian noun form that agrees with `n`: `plural_ru(n, "файл", "файла", "файлов")`.
pub fn plural_ru<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (last, last_two) = (n % 10, n % 100);
    if (11..=14).contains(&last_two) {
        many
    } else if last == 1 {
        one
    } else if (2..=4).contains(&last) {
        few
    } else {
        many
    }
}

/// The English noun form that agrees with `n`.
pub fn plural_en<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_agreement() {
        let forms = |n| plural_ru(n, "день", "дня", "дней");
        assert_eq!(forms(1), "день");
        assert_eq!(forms(2), "дня");
        assert_eq!(forms(5), "дней");
        assert_eq!(forms(11), "дней");
        assert_eq!(forms(12), "дней");
        assert_eq!(forms(21), "день");
        assert_eq!(forms(22), "дня");
        assert_eq!(forms(111), "дней");
        assert_eq!(forms(0), "дней");
    }

    #[test]
    fn locale_picks_russian_only_when_named() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ru_RU.UTF-8")])),
            Lang::Ru
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ru_RU.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "ru_RU")])),
            Lang::Ru
        );
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
    }
}
