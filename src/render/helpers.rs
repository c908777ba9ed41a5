//! Template helpers: Russian (or English, by `--lang`) dates, months,
//! quarters, number agreement and date arithmetic. Each returns a value, so
//! it works both as `{{date start}}` and inside another: `{{plural (days_between
//! start end) "день" "дня" "дней"}}`. Dates go in and out as `YYYY-MM-DD`.

use super::text::{self, Case};
use crate::lang::Lang;
use crate::model::timing::Frequency;
use chrono::{Datelike, NaiveDate};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde_json::Value;

pub(crate) type Fun = dyn Fn(&[&Value], Lang) -> Result<Value, String> + Send + Sync;

/// Registers a helper made of a function of its parameters, speaking `lang`;
/// the status report's helpers are made the same way.
pub(crate) fn add(hb: &mut Handlebars<'_>, lang: Lang, name: &str, f: Box<Fun>) {
    hb.register_helper(name, Box::new(ValueHelper { lang, f }));
}

/// A helper from a function of its parameters.
struct ValueHelper {
    lang: Lang,
    f: Box<Fun>,
}

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let params: Vec<&Value> = h.params().iter().map(|p| p.value()).collect();
        (self.f)(&params, self.lang)
            .map(ScopedJson::Derived)
            .map_err(|m| RenderErrorReason::Other(format!("helper `{}`: {m}", h.name())).into())
    }
}

fn date(v: Option<&&Value>) -> Result<Option<NaiveDate>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        // Dates in the data are ISO; a template may also pass one as people write it.
        Some(Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .or_else(|| crate::model::timing::parse_date(s))
            .map(Some)
            .ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD)")),
        Some(other) => Err(format!("`{other}` is not a date (YYYY-MM-DD)")),
    }
}

fn required(v: Option<&&Value>) -> Result<NaiveDate, String> {
    date(v)?.ok_or_else(|| "a date is required".to_string())
}

fn int(v: Option<&&Value>) -> Result<i64, String> {
    match v {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .ok_or_else(|| format!("`{n}` is not a whole number")),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not a whole number")),
        Some(Value::Array(a)) => Ok(a.len() as i64),
        Some(other) => Err(format!("`{other}` is not a number")),
        None => Err("a number is required".into()),
    }
}

fn string<'a>(v: Option<&&'a Value>) -> Option<&'a str> {
    match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

fn iso(d: NaiveDate) -> Value {
    Value::String(d.format("%Y-%m-%d").to_string())
}

fn s(v: String) -> Result<Value, String> {
    Ok(Value::String(v))
}

/// `{{date d}}` «1 марта 2022 г.»; styles: `"short"` «01.03.2022»,
/// `"day_month"` «1 марта», `"month_year"` «март 2022», `"iso"`.
fn date_helper(p: &[&Value], lang: Lang) -> Result<Value, String> {
    let Some(d) = date(p.first())? else {
        return s(String::new());
    };
    s(match string(p.get(1)).unwrap_or("long") {
        "long" => text::date_long(d, lang),
        "short" => text::date_short(d, lang),
        "day_month" => text::day_month(d, lang),
        "month_year" => text::month_year(d, lang),
        "iso" => d.format("%Y-%m-%d").to_string(),
        other => return Err(format!("unknown style `{other}`")),
    })
}

/// `{{date_range a b}}` «17.01–04.02.2022»; `"long"`: «17 января – 4 февраля 2022 г.».
fn date_range(p: &[&Value], lang: Lang) -> Result<Value, String> {
    let (Some(a), Some(b)) = (date(p.first())?, date(p.get(1))?) else {
        return s(String::new());
    };
    s(match string(p.get(2)).unwrap_or("short") {
        "short" => text::range_short(a, b, lang),
        "long" => text::range_long(a, b, lang),
        other => return Err(format!("unknown style `{other}`")),
    })
}

/// `{{month d}}` «март», `{{month d "gen"}}` «марта», `{{month 3 "short"}}` «мар».
fn month(p: &[&Value], lang: Lang) -> Result<Value, String> {
    let m = match p.first() {
        Some(Value::Number(_)) => int(p.first())? as u32,
        _ => required(p.first())?.month(),
    };
    if !(1..=12).contains(&m) {
        return Err(format!("{m} is not a month"));
    }
    let case = match string(p.get(1)).unwrap_or("nom") {
        "nom" => Case::Nominative,
        "gen" => Case::Genitive,
        "short" => Case::Short,
        other => return Err(format!("unknown case `{other}` (nom, gen, short)")),
    };
    s(text::month_name(m, case, lang).to_string())
}

/// `{{plural n "день" "дня" "дней"}}` «21 день»; with two forms, English
/// rules: `{{plural n "day" "days"}}`.
fn plural(p: &[&Value], _: Lang) -> Result<Value, String> {
    let n = int(p.first())?;
    let forms: Vec<&str> = p[1.min(p.len())..]
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    s(match forms.as_slice() {
        [one, few, many] => text::plural(n, one, few, many, Lang::Ru),
        [one, many] => text::plural(n, one, many, many, Lang::En),
        _ => return Err("give the forms for 1, 2 and 5 (or for 1 and many)".into()),
    })
}

fn frequency(p: &[&Value], lang: Lang) -> Result<Value, String> {
    let every = match string(p.first()).map(str::to_ascii_lowercase).as_deref() {
        Some("weekly") => Frequency::Weekly,
        Some("monthly") => Frequency::Monthly,
        Some("quarterly") => Frequency::Quarterly,
        Some("halfyearly" | "half_yearly") => Frequency::HalfYearly,
        Some("yearly") => Frequency::Yearly,
        None => return s(String::new()),
        Some(other) => return Err(format!("unknown frequency `{other}`")),
    };
    s(text::frequency(every, lang).to_string())
}

fn join(p: &[&Value], _: Lang) -> Result<Value, String> {
    let sep = string(p.get(1)).unwrap_or(", ");
    let items: Vec<String> = match p.first() {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                Value::Object(o) => o
                    .get("name")
                    .or_else(|| o.get("text"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    };
    s(items.join(sep))
}

/// Registers every helper, speaking `lang`.
pub fn register(hb: &mut Handlebars<'_>, lang: Lang) {
    let mut add = |name: &str, f: Box<Fun>| {
        hb.register_helper(name, Box::new(ValueHelper { lang, f }));
    };
    add("date", Box::new(date_helper));
    add("date_range", Box::new(date_range));
    add("month", Box::new(month));
    add(
        "quarter",
        Box::new(|p, lang| s(text::quarter(required(p.first())?, lang))),
    );
    add(
        "half_year",
        Box::new(|p, lang| s(text::half_year(required(p.first())?, lang))),
    );
    add(
        "year",
        Box::new(|p, _| Ok(Value::from(required(p.first())?.year()))),
    );
    add(
        "weekday",
        Box::new(|p, lang| s(text::weekday(required(p.first())?, lang).to_string())),
    );
    add("plural", Box::new(plural));
    add(
        "count_days",
        Box::new(|p, lang| s(text::days(int(p.first())?, lang))),
    );
    add(
        "days_between",
        Box::new(|p, _| {
            let (a, b) = (required(p.first())?, required(p.get(1))?);
            Ok(Value::from((b - a).num_days()))
        }),
    );
    add(
        "add_days",
        Box::new(|p, _| {
            let d = required(p.first())?;
            let n = int(p.get(1))?;
            let moved = if n >= 0 {
                d.checked_add_days(chrono::Days::new(n as u64))
            } else {
                d.checked_sub_days(chrono::Days::new(n.unsigned_abs()))
            };
            moved.map(iso).ok_or_else(|| "out of range".into())
        }),
    );
    add(
        "capitalize",
        Box::new(|p, _| s(text::capitalize(string(p.first()).unwrap_or_default()))),
    );
    add("frequency", Box::new(frequency));
    add("join", Box::new(join));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(template: &str, data: Value, lang: Lang) -> String {
        let mut hb = Handlebars::new();
        register(&mut hb, lang);
        hb.register_escape_fn(handlebars::no_escape);
        hb.render_template(template, &data).unwrap()
    }

    #[test]
    fn dates_in_russian_and_english() {
        let data = json!({"d": "2022-03-01", "e": "2022-03-15"});
        assert_eq!(
            render("{{date d}}", data.clone(), Lang::Ru),
            "1 марта 2022 г."
        );
        assert_eq!(render("{{date d}}", data.clone(), Lang::En), "1 March 2022");
        assert_eq!(
            render("{{date d \"short\"}}", data.clone(), Lang::Ru),
            "01.03.2022"
        );
        assert_eq!(
            render("{{month d}} {{month d \"gen\"}}", data.clone(), Lang::Ru),
            "март марта"
        );
        assert_eq!(render("{{quarter d}}", data.clone(), Lang::Ru), "I квартал");
        assert_eq!(
            render("{{quarter \"2022-05-02\"}}", data.clone(), Lang::Ru),
            "II квартал"
        );
        assert_eq!(
            render("{{date_range d e \"long\"}}", data.clone(), Lang::Ru),
            "1–15 марта 2022 г."
        );
        assert_eq!(render("{{date missing}}", data, Lang::Ru), "");
    }

    #[test]
    fn agreement_and_arithmetic() {
        let data = json!({"d": "2022-03-01", "e": "2022-03-22"});
        for (n, want) in [
            (1, "1 день"),
            (2, "2 дня"),
            (5, "5 дней"),
            (11, "11 дней"),
            (21, "21 день"),
        ] {
            let got = render(
                "{{plural n \"день\" \"дня\" \"дней\"}}",
                json!({ "n": n }),
                Lang::Ru,
            );
            assert_eq!(got, want);
        }
        assert_eq!(
            render("{{plural 1 \"day\" \"days\"}}", json!({}), Lang::En),
            "1 day"
        );
        assert_eq!(render("{{days_between d e}}", data.clone(), Lang::Ru), "21");
        assert_eq!(
            render(
                "{{plural (days_between d e) \"день\" \"дня\" \"дней\"}}",
                data.clone(),
                Lang::Ru
            ),
            "21 день"
        );
        assert_eq!(
            render("{{date (add_days d 30) \"short\"}}", data.clone(), Lang::Ru),
            "31.03.2022"
        );
        assert_eq!(render("{{add_days d -1}}", data, Lang::Ru), "2022-02-28");
    }

    #[test]
    fn a_bad_date_is_an_error() {
        let mut hb = Handlebars::new();
        register(&mut hb, Lang::Ru);
        assert!(hb
            .render_template("{{date \"31.02.2022\"}}", &json!({}))
            .is_err());
    }
}
