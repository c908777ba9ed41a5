//! Junk, huge and cut-short input finishes without panicking.

use super::*;
use pest::Parser as _;

// ------------------------------------------------------------ robustness

#[test]
fn junk_of_a_megabyte_finishes_without_panicking() {
    let junk = [
        "абв где ".repeat(1 << 17),
        "1".repeat(1 << 20),
        "1.".repeat(1 << 19),
        "2020-".repeat(1 << 18),
        "январь ;; ".repeat(1 << 17),
        "(".repeat(1 << 20),
        "i".repeat(1 << 20),
        " ".repeat(1 << 20),
        "😀".repeat(1 << 18),
        "январь – ".repeat(1 << 17),
        "не реже 1 раза в ".repeat(1 << 16),
    ];
    for text in &junk {
        assert!(text.len() >= 1 << 20);
        let e = err(text, year(2022));
        assert!(
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        );
        let _ = (e.message(Lang::Ru), e.help(Lang::En));
    }
    // Months separated by spaces are a list: a megabyte of one month is that month.
    let months = "январь ".repeat(1 << 17);
    assert_eq!(window(&months, year(2022)), month(2022, 1));
    // A schedule owner may be long; it is kept whole.
    let long_owner = format!("по графику {}", "СОИРО ".repeat(1 << 17));
    assert!(matches!(ok(&long_owner, year(2022)), Timing::NoDate { .. }));
}

#[test]
fn list_of_100_000_months_finishes() {
    let text = "январь, ".repeat(100_000);
    assert_eq!(window(&text, year(2022)), month(2022, 1));
    let text = "январь, февраль, ".repeat(50_000);
    assert_eq!(
        windows(&text, year(2022)),
        vec![month(2022, 1), month(2022, 2)]
    );
}

#[test]
fn every_prefix_of_valid_timings_resolves_or_fails_cleanly() {
    let samples = [
        "ежеквартально: март, апрель – июнь, август, октябрь",
        "Сентябрь - октябрь 2021 г. (по графику СОИРО)",
        "не реже 1 раза в месяц в течение года",
        "21 октября – 10 ноября 2022 года",
        "в течение 2021/2022 учебного года",
        "first half of 2021, Q4 2021",
    ];
    for ctx in [year(2022), years(2020, 2022), school(2021), none()] {
        for s in samples {
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let prefix = &s[..i];
                if let Err(e) = resolve(prefix, &ctx) {
                    assert!(e.span.end <= prefix.len(), "{prefix:?}");
                    assert!(
                        prefix.is_char_boundary(e.span.start)
                            && prefix.is_char_boundary(e.span.end)
                    );
                }
            }
        }
    }
}

#[test]
fn pseudo_random_text_never_panics() {
    let alphabet: Vec<char> =
        "0123456789.-–—,;:() /IVXQHгодаянвмртсеиюлкбпзщўжЁ№«»ё \u{a0}\u{301}İ"
            .chars()
            .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let len = (seed % 40) as usize;
        let mut s = String::new();
        for _ in 0..len {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        for ctx in [year(2022), years(2020, 2022), none()] {
            if let Err(e) = resolve(&s, &ctx) {
                assert!(
                    e.span.end <= s.len()
                        && s.is_char_boundary(e.span.start)
                        && s.is_char_boundary(e.span.end),
                    "{s:?}"
                );
            }
        }
        let _ = resolve_period(&s);
        let _ = parse_date(&s);
    }
}

/// pest's `^"..."` folds ASCII letters only, so the resolver lowercases the
/// text itself before parsing. This shows both halves of that.
#[test]
fn cyrillic_case_is_folded_by_the_resolver_not_by_pest() {
    mod probe {
        #[derive(pest_derive::Parser)]
        #[grammar_inline = "w = { SOI ~ ^\"сентябрь\" ~ EOI }"]
        pub(super) struct Probe;
    }
    use probe::{Probe, Rule as ProbeRule};
    assert!(Probe::parse(ProbeRule::w, "сентябрь").is_ok());
    assert!(
        Probe::parse(ProbeRule::w, "Сентябрь").is_err(),
        "pest now folds Cyrillic case; the lowercasing in `fold` could go"
    );
    assert_eq!(fold("СЕНТЯБРЬ Ёлка İ"), "сентябрь елка İ");
    assert_eq!(fold("СЕНТЯБРЬ Ёлка İ").len(), "СЕНТЯБРЬ Ёлка İ".len());
}
