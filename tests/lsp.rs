//! `roadmap lsp` driven as an editor drives it: the real binary over stdio,
//! JSON-RPC with `Content-Length` framing, on copies of the bundled roadmaps.

#[path = "lsp/client.rs"]
mod client;

use client::Client;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn bundled(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("roadmaps")
        .join(name);
    std::fs::read_to_string(path).expect("a bundled roadmap")
}

/// A folder with the Tomari roadmap, its parties and its status file.
fn tomari() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in [
        "tomari-500plus-2022.roadmap",
        "tomari-parties.roadmap",
        "tomari-500plus-2022.status",
    ] {
        std::fs::write(dir.path().join(name), bundled(name)).expect("write");
    }
    dir
}

const PLAN: &str = "tomari-500plus-2022.roadmap";

/// The Tomari roadmap with one mistake: a party that is not declared.
fn broken() -> String {
    bundled(PLAN).replacen("ответственный: ОО\n", "ответственный: ООО\n", 1)
}

/// Applies LSP text edits to a text (edits of one file, not overlapping).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, new) in edits {
        out.replace_range(s..e, new);
    }
    out
}

#[test]
fn an_error_is_published_on_open_and_cleared_when_the_change_fixes_it() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = broken();
    lsp.open(PLAN, &text);
    let found = lsp.diagnostics(PLAN);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "roadmap");
    assert!(d["code"].as_str().unwrap().starts_with('E'), "{d}");
    // The range covers «ООО», counted in UTF-16 units.
    assert_eq!(
        d["range"]["start"],
        lsp.at(PLAN, &text, "ООО", 0, 0)["position"]
    );
    assert_eq!(
        d["range"]["end"],
        lsp.at(PLAN, &text, "ООО", 0, 3)["position"]
    );
    assert!(d["message"].as_str().unwrap().contains("ООО"), "{d}");

    lsp.change(PLAN, 2, &bundled(PLAN));
    assert_eq!(lsp.diagnostics(PLAN), Vec::<Value>::new());
    lsp.shutdown();
}

#[test]
fn a_quick_fix_replaces_a_misspelt_party_with_the_declared_one() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN).replacen("ответственный: ОтделОбр\n", "ответственный: ОтделОб\n", 1);
    lsp.open(PLAN, &text);
    assert_eq!(lsp.diagnostics(PLAN).len(), 1);
    let mut at = lsp.at(PLAN, &text, "ОтделОб\n", 0, 2);
    let position = at["position"].clone();
    at["range"] = json!({ "start": position, "end": position });
    at["context"] = json!({ "diagnostics": [] });
    at.as_object_mut().unwrap().remove("position");
    let actions = lsp.request("textDocument/codeAction", at);
    assert_eq!(actions[0]["title"], "Заменить на «ОтделОбр»");
    let edits = &actions[0]["edit"]["changes"][lsp.uri(PLAN)];
    assert_eq!(apply(&text, edits.as_array().unwrap()), bundled(PLAN));
    lsp.shutdown();
}

#[test]
fn a_hover_over_a_quarter_shows_its_dates_and_place_in_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let name = "moscow-region-2020.roadmap";
    let text = bundled(name);
    std::fs::write(dir.path().join(name), &text).unwrap();
    let mut lsp = Client::start(dir.path());
    lsp.open(name, &text);
    let hover = lsp.request(
        "textDocument/hover",
        lsp.at(name, &text, "II квартал 2020", 0, 4),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("01.04.2020–30.06.2020"), "{shown}");
    insta::assert_snapshot!("hover_quarter", shown);
    lsp.shutdown();
}

#[test]
fn a_hover_over_a_party_shows_its_full_name() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let hover = lsp.request(
        "textDocument/hover",
        lsp.at(PLAN, &text, "ответственный: ОО", 0, 16),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("**ОО** — Общеобразовательная организация"),
        "{shown}"
    );
    lsp.shutdown();
}

#[test]
fn the_definition_of_an_after_lands_on_the_activity() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let found = lsp.request(
        "textDocument/definition",
        lsp.at(PLAN, &text, "после: 1.4", 0, 8),
    );
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["uri"], lsp.uri(PLAN));
    let expected = lsp.at(
        PLAN,
        &text,
        "мероприятие 1.4.",
        0,
        "мероприятие ".chars().count(),
    );
    assert_eq!(found[0]["range"]["start"], expected["position"]);
    lsp.shutdown();
}

#[test]
fn the_definition_of_a_party_is_in_the_included_file() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let found = lsp.request(
        "textDocument/definition",
        lsp.at(PLAN, &text, "ответственный: Кураторы", 0, 17),
    );
    assert_eq!(found[0]["uri"], lsp.uri("tomari-parties.roadmap"));
    assert_eq!(found[0]["range"]["start"]["line"], 5);
    lsp.shutdown();
}

#[test]
fn completion_after_responsible_lists_the_declared_parties() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN).replacen("  ответственный: ОО\n", "  ответственный: \n", 1);
    lsp.open(PLAN, &text);
    let items = lsp.request(
        "textDocument/completion",
        lsp.at(PLAN, &text, "ответственный: \n", 0, 15),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for party in ["ОтделОбр", "ОО", "Кураторы", "РегКоорд", "Галак"]
    {
        assert!(labels.contains(&party), "{party} in {labels:?}");
    }
    assert!(!labels.contains(&"срок"), "{labels:?}");
    lsp.shutdown();
}

#[test]
fn completion_after_when_offers_the_timing_forms() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN).replacen("  срок: 24.01.2022\n", "  срок: \n", 1);
    lsp.open(PLAN, &text);
    let items = lsp.request(
        "textDocument/completion",
        lsp.at(PLAN, &text, "срок: \n", 0, 6),
    );
    let quarter = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "квартал")
        .expect("a snippet for a quarter");
    assert_eq!(quarter["insertTextFormat"], 2);
    assert!(items
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["label"] == "сентябрь"));
    lsp.shutdown();
}

#[test]
fn formatting_gives_what_fmt_writes() {
    let dir = tomari();
    let messy = bundled(PLAN)
        .replace("\n  срок:", "\n      срок:")
        .replace("раздел 2.", "\n\n\nраздел 2.");
    std::fs::write(dir.path().join("messy.roadmap"), &messy).unwrap();
    let mut lsp = Client::start(dir.path());
    lsp.open("messy.roadmap", &messy);
    let edits = lsp.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": lsp.uri("messy.roadmap") }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = apply(&messy, edits.as_array().unwrap());
    assert_ne!(formatted, messy);
    lsp.shutdown();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .args(["fmt", "messy.roadmap"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success());
    assert_eq!(
        formatted,
        std::fs::read_to_string(dir.path().join("messy.roadmap")).unwrap()
    );
}

/// The edits of a rename, by file name.
fn renamed(lsp: &Client, edit: &Value, dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = edit["changes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(uri, edits)| {
            let name = uri.rsplit('/').next().unwrap().to_string();
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            (name, apply(&text, edits.as_array().unwrap()))
        })
        .collect();
    out.sort();
    let _ = lsp;
    out
}

#[test]
fn renaming_a_party_changes_every_file_that_names_it() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let mut params = lsp.at(PLAN, &text, "ответственный: Кураторы", 0, 17);
    params["newName"] = json!("Наставники");
    let edit = lsp.request("textDocument/rename", params);
    let files = renamed(&lsp, &edit, dir.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["tomari-500plus-2022.roadmap", "tomari-parties.roadmap"]
    );
    for (_, text) in &files {
        assert!(!text.contains("участник Кураторы:"), "{text}");
        assert!(!text.contains("ответственный: Кураторы\n"), "{text}");
    }
    assert!(files[1].1.contains("участник Наставники: Кураторы проекта"));
    // The renamed files check clean.
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    lsp.shutdown();
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .args(["check", PLAN])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn renaming_an_activity_changes_its_status_file_too() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let mut params = lsp.at(PLAN, &text, "мероприятие 1.4.", 0, 12);
    params["newName"] = json!("1.40");
    let edit = lsp.request("textDocument/rename", params);
    let files = renamed(&lsp, &edit, dir.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["tomari-500plus-2022.roadmap", "tomari-500plus-2022.status"]
    );
    assert!(files[0]
        .1
        .contains("мероприятие 1.40. Утверждение списка кураторов"));
    assert!(files[0].1.contains("после: 1.40\n"));
    assert!(files[1].1.contains("мероприятие 1.40\n"));

    let mut params = lsp.at(PLAN, &text, "мероприятие 1.4.", 0, 12);
    params["newName"] = json!("первое");
    let refused = lsp.request_raw("textDocument/rename", params);
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("«первое»"));
    lsp.shutdown();
}

#[test]
fn the_outline_holds_sections_with_their_activities() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = bundled(PLAN);
    lsp.open(PLAN, &text);
    let symbols = lsp.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": lsp.uri(PLAN) } }),
    );
    let first = &symbols[0];
    assert_eq!(first["name"], "1 Организационно-подготовительная работа");
    assert!(first["children"][0]["name"]
        .as_str()
        .unwrap()
        .starts_with("1.1 Анкетирование"));
    let tokens = lsp.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": lsp.uri(PLAN) } }),
    );
    assert_eq!(tokens["data"].as_array().unwrap().len() % 5, 0);
    assert!(!tokens["data"].as_array().unwrap().is_empty());
    lsp.shutdown();
}

/// A message of the transcript, one line of JSON: the workspace's folder as
/// `/home/user/roadmaps`, a whole file's text as the count of its lines.
fn shown(message: &Value, dir: &Path) -> String {
    let mut message = message.clone();
    for pointer in ["/params/textDocument/text", "/params/contentChanges/0/text"] {
        if let Some(text) = message.pointer_mut(pointer) {
            let lines = text.as_str().map_or(0, |t| t.lines().count());
            *text = json!(format!("<{lines} lines>"));
        }
    }
    if message["result"]["capabilities"].is_object() {
        let names: Vec<String> = message["result"]["capabilities"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        message["result"]["capabilities"] = json!(names);
    }
    message
        .to_string()
        .replace(&dir.display().to_string(), "/home/user/roadmaps")
}

#[test]
fn a_session_reads_as_the_transcript_in_the_docs() {
    let dir = tomari();
    let mut lsp = Client::start(dir.path());
    let text = broken();
    lsp.open(PLAN, &text);
    lsp.diagnostics(PLAN);
    lsp.request(
        "textDocument/hover",
        lsp.at(PLAN, &text, "17.01. – 04.02.2022", 0, 3),
    );
    lsp.request(
        "textDocument/hover",
        lsp.at(PLAN, &text, "после: 1.4", 0, 8),
    );
    lsp.request(
        "textDocument/definition",
        lsp.at(PLAN, &text, "после: 1.4", 0, 8),
    );
    lsp.change(PLAN, 2, &bundled(PLAN));
    lsp.diagnostics(PLAN);
    let transcript = lsp.shutdown();
    let lines: Vec<String> = transcript
        .iter()
        .map(|(way, m)| format!("{way} {}", shown(m, dir.path())))
        .collect();
    let transcript = lines.join("\n");
    insta::assert_snapshot!("session", transcript);
    let docs =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .unwrap();
    assert!(
        docs.contains(&transcript),
        "docs/editors.md shows this session as it is now"
    );
}

#[test]
fn a_parameter_leads_to_the_template_and_a_hover_shows_its_value() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "template.roadmap",
        "boshnyakovo.roadmap",
        "boshnyakovo.status",
    ] {
        std::fs::write(dir.path().join(name), bundled(&format!("500plus/{name}"))).unwrap();
    }
    let plan = "boshnyakovo.roadmap";
    let text = bundled("500plus/boshnyakovo.roadmap");
    let mut lsp = Client::start(dir.path());
    lsp.open(plan, &text);
    assert_eq!(lsp.diagnostics(plan), Vec::<Value>::new());
    let at = lsp.at(plan, &text, "({школа})", 0, 3);
    let found = lsp.request("textDocument/definition", at.clone());
    // The template's declaration first, then the plan's binding.
    assert_eq!(found[0]["uri"], lsp.uri("template.roadmap"));
    assert_eq!(found[1]["uri"], lsp.uri(plan));
    let template = bundled("500plus/template.roadmap");
    let declared = lsp.at("template.roadmap", &template, "параметр школа\n", 0, 9);
    assert_eq!(found[0]["range"]["start"], declared["position"]);
    let hover = lsp.request("textDocument/hover", at.clone());
    assert_eq!(
        hover["contents"]["value"],
        "`{школа}` = МБОУ СОШ с. Бошняково"
    );
    let mut params = at;
    params["context"] = json!({ "includeDeclaration": true });
    let references = lsp.request("textDocument/references", params);
    let files: std::collections::BTreeSet<&str> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["boshnyakovo.roadmap", "template.roadmap"]
    );
    lsp.shutdown();
}
