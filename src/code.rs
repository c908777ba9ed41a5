//! The stable code of every check, its severity and its one-line description.

use crate::lang::Lang;
use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $ru:literal, $en:literal;)+) => {
        /// Every check the tool runs. The code string never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),+ }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),+ }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),+ }
            }

            /// What the check finds, in one line.
            pub fn describe(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$variant, Lang::Ru) => $ru, (Code::$variant, Lang::En) => $en),+
                }
            }
        }
    };
}

codes! {
    NotUtf8 = "E0001", Error, "файл не в кодировке UTF-8", "the file is not UTF-8 text";
    Syntax = "E0002", Error, "строку нельзя прочитать", "a line that cannot be read";
    UnknownKeyword = "E0003", Error, "неизвестное ключевое слово", "an unknown keyword";
    Misplaced = "E0004", Error, "строка не на своём месте", "a line in the wrong place";
    Repeated = "E0005", Error, "свойство указано дважды", "a property given twice";
    MissingHeader = "E0006", Error, "нет обязательного заголовка", "a required header is missing";
    EmptyValue = "E0007", Error, "пустое значение", "an empty value";
    BadPeriod = "E0008", Error, "период карты нельзя прочитать", "the roadmap's period cannot be read";
    BadDate = "E0009", Error, "дату нельзя прочитать", "a date that cannot be read";
    ControlCharacter = "E0010", Error, "управляющий символ в тексте", "a control character in the text";
    BlankApproval = "W0010", Warning, "в строке утверждения не заполнены номер или дата", "the approval line leaves its number or date blank";
    IncludeNotFound = "E0101", Error, "подключаемый файл не найден", "an included file is not found";
    IncludeCycle = "E0102", Error, "файлы подключают друг друга по кругу", "files include each other in a cycle";
    IncludeContent = "E0103", Error, "в подключаемом файле что-то кроме участников", "an included file holds more than parties";
    OutsideRoot = "E0104", Error, "файл вне корня проверки", "a file outside the root of the check";
    NotRegularFile = "E0105", Error, "не обычный файл (устройство, канал, системный файл)", "not a regular file (a device, a pipe, a system file)";
    FileTooLarge = "E0106", Error, "файл больше допустимого размера", "a file larger than the limit";
    DuplicateSection = "E0201", Error, "номер раздела повторяется", "a section number is used twice";
    DuplicateActivity = "E0202", Error, "номер мероприятия повторяется", "an activity number is used twice";
    UnknownParty = "E0203", Error, "неизвестный участник", "an unknown party";
    DuplicateParty = "E0204", Error, "участник объявлен дважды", "a party declared twice";
    BadEmail = "E0205", Error, "почта участника — не адрес", "a party's e-mail is not an address";
    UnknownDependency = "E0301", Error, "зависимость от несуществующего мероприятия", "a dependency on an activity that does not exist";
    SelfDependency = "E0302", Error, "мероприятие зависит от себя", "an activity depends on itself";
    DependencyCycle = "E0303", Error, "зависимости образуют цикл", "dependencies form a cycle";
    StartsBeforeDependency = "E0304", Error, "мероприятие не помещается после того, после которого оно идёт: его срок кончается раньше", "an activity cannot fit after one it comes after: its window ends first";
    UnresolvedTiming = "E0401", Error, "срок нельзя прочитать", "a timing that cannot be resolved";
    AmbiguousYear = "E0402", Error, "месяц без года в многолетней карте", "a month without a year in a multi-year roadmap";
    OutsidePeriod = "E0403", Error, "срок выходит за период карты", "a timing outside the roadmap's period";
    CheckpointOutside = "E0404", Error, "контрольная точка вне срока мероприятия", "a checkpoint outside its activity's window";
    BadDuration = "E0405", Error, "длительность нельзя прочитать", "a duration that cannot be read";
    DurationWithWindow = "E0406", Error, "у мероприятия и точный срок, и длительность", "an activity has both a fixed window and a duration";
    DurationPastDeadline = "E0407", Error, "длительность не укладывается в срок «до …»", "a duration that ends after the activity's deadline";
    UnknownMarked = "E0601", Error, "отметка к несуществующему мероприятию", "a mark for an activity that does not exist";
    DoneBeforeStarted = "E0602", Error, "выполнено раньше, чем начато", "done before it was started";
    DoneBeforeDependency = "E0603", Error, "выполнено раньше того, после чего идёт", "done before an activity it comes after was done";
    UnitMismatch = "E0604", Error, "факт в других единицах, чем показатель", "an actual value in a unit other than the target's";
    BadFormCell = "E0605", Error, "ячейку формы нельзя прочитать", "a form's cell that cannot be read";
    NotAForm = "E0606", Error, "файл не форма отметок или её план не найден", "not a form of marks, or its plan is not found";
    FormOfOtherVersion = "W0607", Warning, "форма составлена по другой редакции плана", "the form was made from another version of the plan";
    LockedCellChanged = "W0608", Warning, "изменена защищённая ячейка формы", "a locked cell of the form was changed";
    LaterDeadline = "E0701", Error, "срок плана позже срока шаблона", "a plan's deadline later than its template's";
    LowerTarget = "E0702", Error, "показатель плана ниже показателя шаблона", "a plan's target lower than its template's";
    MandatoryCancelled = "E0703", Error, "обязательное мероприятие отменено без причины", "a mandatory activity cancelled without a reason";
    ParameterTwice = "E0704", Error, "параметр задан дважды", "a parameter bound twice";
    ParameterUnbound = "E0705", Error, "параметр шаблона не задан", "a template's parameter left unbound";
    UnknownParameter = "E0706", Error, "неизвестный параметр", "an unknown parameter";
    BadFunding = "E0801", Error, "финансирование нельзя прочитать", "a funding line that cannot be read";
    UnknownRisk = "E0802", Error, "нет фактора риска с таким номером", "no risk factor has this number";
    OutsideParent = "E0803", Error, "подпункт вне срока своего мероприятия", "a sub-item outside its activity's window";
    NoResponsible = "W0501", Warning, "у мероприятия нет ответственного", "an activity without a responsible party";
    EmptySection = "W0502", Warning, "пустой раздел", "an empty section";
    NoTiming = "W0503", Warning, "у мероприятия нет срока", "an activity without a timing";
    NonWorkingDay = "W0504", Warning, "срок приходится на нерабочий день", "a deadline falls on a non-working day";
    PeriodInferred = "W0801", Warning, "период карты взят по срокам мероприятий", "the roadmap's period is taken from its timings";
    EmptyFile = "W0505", Warning, "файл пуст", "the file is empty";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} used twice");
            let letter = match code.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(s.starts_with(letter) && s.len() == 5, "{s}");
        }
    }

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../docs/diagnostics.md");
        for code in Code::ALL {
            assert!(
                doc.contains(&format!("| {} |", code.as_str())),
                "{code} is missing from docs/diagnostics.md"
            );
        }
    }
}
