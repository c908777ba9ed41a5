//! Template helpers of the status report and the reminders, besides the
//! render module's (`date`, `plural`, `count_days`…): shares as percentages,
//! numbers with a decimal comma, states, comparators, and the phrases that
//! must agree with a number of days («просрочено на 21 день», «через 2 дня»).
//! Each returns a value, so it also works inside another helper.

use crate::lang::Lang;
use crate::model::{Comparator, Target};
use crate::render::text;
use handlebars::Handlebars;
use serde_json::Value;

type Fun = dyn Fn(&[&Value], Lang) -> Result<String, String> + Send + Sync;

fn float(v: Option<&&Value>) -> Result<Option<f64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(format!("`{other}` is not a number")),
    }
}

fn int(v: Option<&&Value>) -> Result<i64, String> {
    float(v)?
        .map(|f| f as i64)
        .ok_or_else(|| "a number is required".to_string())
}

/// A number as people write it: at most `digits` decimals, no trailing
/// zeros, a decimal comma in Russian.
pub fn number(x: f64, digits: usize, lang: Lang) -> String {
    let mut s = format!("{x:.digits$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A share (0..1) as a percentage: «76,9 %», "76.9%"; «—» for none.
pub fn percent(share: Option<f64>, lang: Lang) -> String {
    match share {
        None => "—".into(),
        Some(x) => match lang {
            Lang::Ru => format!("{} %", number(x * 100.0, 1, lang)),
            Lang::En => format!("{}%", number(x * 100.0, 1, lang)),
        },
    }
}

/// «просрочено на 21 день» / "21 days overdue".
pub fn late(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("просрочено на {}", text::days(days, lang)),
        Lang::En => format!("{} overdue", text::days(days, lang)),
    }
}

/// «с опозданием на 2 дня» / "2 days late".
pub fn done_late(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("с опозданием на {}", text::days(days, lang)),
        Lang::En => format!("{} late", text::days(days, lang)),
    }
}

/// «сегодня», «завтра», «через 5 дней» / "today", "tomorrow", "in 5 days".
pub fn due_in(days: i64, lang: Lang) -> String {
    match (days, lang) {
        (0, Lang::Ru) => "сегодня".into(),
        (0, Lang::En) => "today".into(),
        (1, Lang::Ru) => "завтра".into(),
        (1, Lang::En) => "tomorrow".into(),
        (n, Lang::Ru) => format!("через {}", text::days(n, lang)),
        (n, Lang::En) => format!("in {}", text::days(n, lang)),
    }
}

/// A state's name in words.
pub fn state(key: &str, lang: Lang) -> Result<String, String> {
    let (ru, en) = match key {
        "planned" => ("запланировано", "planned"),
        "ready" => ("можно начинать", "ready"),
        "in_progress" => ("в работе", "in progress"),
        "due_soon" => ("скоро срок", "due soon"),
        "overdue" => ("просрочено", "overdue"),
        "done_on_time" => ("выполнено в срок", "done on time"),
        "done_late" => ("выполнено с опозданием", "done late"),
        "cancelled" => ("отменено", "cancelled"),
        "undated" => ("без фиксированного срока", "no fixed date"),
        other => return Err(format!("unknown state `{other}`")),
    };
    Ok(match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
    .to_string())
}

/// A comparator in words: «не менее» / "at least".
pub fn comparator(key: &str, lang: Lang) -> Result<String, String> {
    let (ru, en) = match key {
        "at_least" => ("не менее", "at least"),
        "more" => ("более", "more than"),
        "at_most" => ("не более", "at most"),
        "less" => ("менее", "less than"),
        "exactly" => ("ровно", "exactly"),
        "between" => ("от", "from"),
        "coverage" => ("охват не менее", "coverage of at least"),
        other => return Err(format!("unknown comparator `{other}`")),
    };
    Ok(match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
    .to_string())
}

fn key<'a>(p: &[&'a Value]) -> Result<&'a str, String> {
    p.first()
        .and_then(|v| v.as_str())
        .ok_or_else(|| "a name is required".to_string())
}

/// Registers `percent`, `fmt_number`, `overdue_by`, `late_by`, `due_in`,
/// `state_name`, `comparator_name` and `target_text`, speaking `lang`.
pub fn register(hb: &mut Handlebars<'_>, lang: Lang) {
    let mut add = |name: &str, f: Box<Fun>| {
        let f = move |p: &[&Value], lang: Lang| f(p, lang).map(Value::String);
        crate::render::helpers::add(hb, lang, name, Box::new(f));
    };
    add(
        "percent",
        Box::new(|p, lang| Ok(percent(float(p.first())?, lang))),
    );
    add(
        "fmt_number",
        Box::new(|p, lang| {
            Ok(float(p.first())?
                .map(|x| number(x, 2, lang))
                .unwrap_or_else(|| "—".into()))
        }),
    );
    add(
        "overdue_by",
        Box::new(|p, lang| Ok(late(int(p.first())?, lang))),
    );
    add(
        "late_by",
        Box::new(|p, lang| Ok(done_late(int(p.first())?, lang))),
    );
    add(
        "due_in",
        Box::new(|p, lang| Ok(due_in(int(p.first())?, lang))),
    );
    add("state_name", Box::new(|p, lang| state(key(p)?, lang)));
    add(
        "comparator_name",
        Box::new(|p, lang| comparator(key(p)?, lang)),
    );
    add(
        "target_text",
        Box::new(|p, lang| target_text(p.first().copied(), lang)),
    );
}

/// An indicator state's target in signs: «≥ 32 куратора», «5–10 человек».
pub fn target_text(state: Option<&Value>, lang: Lang) -> Result<String, String> {
    let state = state.ok_or("an indicator state is required")?;
    let comparator: Comparator = serde_json::from_value(state["comparator"].clone())
        .map_err(|e| format!("comparator: {e}"))?;
    let target = Target {
        comparator,
        value: state["target"]
            .as_f64()
            .ok_or("target: a number is required")?,
        upper: state["upper"].as_f64(),
        unit: state["unit"].as_str().map(str::to_string),
        out_of: None,
        at: 0..0,
    };
    Ok(text::targets(&[target], lang).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_of_days() {
        let ru: Vec<String> = [1, 2, 5, 11, 21]
            .iter()
            .map(|&n| late(n, Lang::Ru))
            .collect();
        assert_eq!(
            ru,
            [
                "просрочено на 1 день",
                "просрочено на 2 дня",
                "просрочено на 5 дней",
                "просрочено на 11 дней",
                "просрочено на 21 день"
            ]
        );
        assert_eq!(late(1, Lang::En), "1 day overdue");
        assert_eq!(late(21, Lang::En), "21 days overdue");
        assert_eq!(due_in(2, Lang::Ru), "через 2 дня");
        assert_eq!(due_in(21, Lang::Ru), "через 21 день");
        assert_eq!(due_in(1, Lang::Ru), "завтра");
        assert_eq!(due_in(11, Lang::En), "in 11 days");
        assert_eq!(done_late(2, Lang::Ru), "с опозданием на 2 дня");
    }

    #[test]
    fn numbers_and_shares() {
        assert_eq!(percent(Some(10.0 / 13.0), Lang::Ru), "76,9 %");
        assert_eq!(percent(Some(10.0 / 13.0), Lang::En), "76.9%");
        assert_eq!(percent(Some(1.0), Lang::Ru), "100 %");
        assert_eq!(percent(None, Lang::Ru), "—");
        assert_eq!(number(0.5, 2, Lang::Ru), "0,5");
        assert_eq!(number(350.0, 2, Lang::En), "350");
    }

    #[test]
    fn a_target_in_signs() {
        let state = serde_json::json!({
            "comparator": "between", "target": 5.0, "upper": 10.0, "unit": "человек"
        });
        assert_eq!(target_text(Some(&state), Lang::Ru).unwrap(), "5–10 человек");
        let state = serde_json::json!({"comparator": "at_least", "target": 32.0, "upper": null, "unit": "куратора"});
        assert_eq!(
            target_text(Some(&state), Lang::En).unwrap(),
            "≥ 32 куратора"
        );
        assert!(target_text(Some(&serde_json::json!({"comparator": "nearly"})), Lang::En).is_err());
    }

    #[test]
    fn helpers_in_a_template() {
        let mut hb = Handlebars::new();
        register(&mut hb, Lang::Ru);
        let out = hb
            .render_template(
                "{{overdue_by n}}; {{state_name s}}; {{percent x}}",
                &serde_json::json!({"n": 21, "s": "due_soon", "x": 0.5}),
            )
            .unwrap();
        assert_eq!(out, "просрочено на 21 день; скоро срок; 50 %");
    }
}
