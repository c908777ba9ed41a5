//! A party's e-mail address that a letter could not be sent to: one that is
//! not an address, or one with a line break or another control character,
//! which would add a header of its own to every letter `remind` sends.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Roadmap;
use crate::text;

pub(super) fn check(roadmap: &Roadmap, diagnostics: &mut Vec<Diagnostic>) {
    for party in &roadmap.parties {
        // A template's `{почта_школы}` is filled in by each plan.
        let Some(email) = party
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty() && !e.contains('{'))
        else {
            continue;
        };
        if crate::state::mail::mailbox(email).is_ok() && !email.chars().any(char::is_control) {
            continue;
        }
        let shown: String = email
            .chars()
            .map(|c| if c.is_control() { '␣' } else { c })
            .collect();
        diagnostics.push(
            Diagnostic::new(
                Code::BadEmail,
                party.id.span,
                text!(
                    ru: "У участника {} почта «{}» — не адрес электронной почты", party.id.text, shown;
                    en: "The e-mail of party {} is not an address: `{}`", party.id.text, shown
                ),
            )
            .with_label(text!(ru: "этот участник"; en: "this party"))
            .with_help(text!(
                ru: "Напишите один адрес в строке «почта:», например «school@example.org», без переносов строк и других символов";
                en: "Write one address on the `email:` line, e.g. `school@example.org`, with no line break or other character"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_with_a_header_in_it_is_found() {
        let text = "дорожная карта: Т\nпериод: 2022\n\nучастник ОО: Школа\n  почта: a@b.org\rBcc: c@d.org\n\
                    участник К: Кураторы\n  почта: curators@example.org\n\
                    участник Р: Район\n  почта: нет адреса\n";
        let run = crate::run::check_bytes("t.roadmap".into(), text.as_bytes().to_vec());
        let found: Vec<_> = run
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::code::Code::BadEmail)
            .map(|d| run.workspace.sources.text(d.span))
            .collect();
        assert_eq!(found, ["ОО", "Р"]);
    }
}
