//! What the graph templates (`graph.dot.hbs`, `graph.mermaid.hbs`) see: the
//! activities as nodes in their sections, the `после:` edges with their lags,
//! and the critical path.

use super::{gantt::truncate, labels, task_id, text, view::section_heading};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::{Lag, Roadmap};
use crate::schedule::Schedule;
use crate::syntax::LagUnit;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Characters per line of a node's label in Graphviz.
const LINE: usize = 34;
const LINES: usize = 4;

#[derive(Debug, Serialize)]
pub struct GraphData {
    pub title: String,
    pub lang: &'static str,
    pub labels: BTreeMap<&'static str, &'static str>,
    /// Sections with their activities, in the roadmap's order.
    pub clusters: Vec<Cluster>,
    /// Activities outside any section.
    pub loose: Vec<Node>,
    pub edges: Vec<Edge>,
    pub critical_path: Vec<String>,
    /// Node ids on the critical path, comma-separated (for Mermaid's `class`).
    pub critical_nodes: String,
    /// Indices of the critical edges, comma-separated (for Mermaid's `linkStyle`).
    pub critical_edges: String,
}

#[derive(Debug, Serialize)]
pub struct Cluster {
    /// `cluster_0`…: Graphviz draws a subgraph as a box only by this prefix.
    pub id: String,
    pub number: String,
    pub title: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub id: String,
    pub number: String,
    /// «1.5. Анкетирование кандидатов…» on one line.
    pub label: String,
    /// The same wrapped for Graphviz.
    pub lines: Vec<String>,
    /// The dates, in words.
    pub dates: String,
    pub critical: bool,
    /// On a dependency cycle (an error `check` reports).
    pub cyclic: bool,
}

#[derive(Debug, Serialize)]
pub struct Edge {
    pub index: usize,
    pub from: String,
    pub to: String,
    /// «+ 5 дней», when the dependency has a lag.
    pub lag: Option<String>,
    pub critical: bool,
}

fn wrap(s: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        let rest = lines[max - 1..].join(" ");
        lines.truncate(max - 1);
        lines.push(truncate(&rest, width));
    }
    lines
}

fn lag(lag: Lag, lang: Lang) -> String {
    let n = i64::from(lag.amount);
    let words = match (lag.unit, lang) {
        (LagUnit::Days, _) => text::days(n, lang),
        (LagUnit::Weeks, Lang::Ru) => text::plural(n, "неделя", "недели", "недель", lang),
        (LagUnit::Weeks, Lang::En) => text::plural(n, "week", "weeks", "weeks", lang),
        (LagUnit::Months, Lang::Ru) => text::plural(n, "месяц", "месяца", "месяцев", lang),
        (LagUnit::Months, Lang::En) => text::plural(n, "month", "months", "months", lang),
        (LagUnit::Years, Lang::Ru) => text::plural(n, "год", "года", "лет", lang),
        (LagUnit::Years, Lang::En) => text::plural(n, "year", "years", "years", lang),
        (LagUnit::WorkingDays, Lang::Ru) => {
            text::plural(n, "рабочий день", "рабочих дня", "рабочих дней", lang)
        }
        (LagUnit::WorkingDays, Lang::En) => {
            text::plural(n, "working day", "working days", "working days", lang)
        }
    };
    format!("+ {words}")
}

pub fn data(roadmap: &Roadmap, graph: &Graph, schedule: &Schedule, lang: Lang) -> GraphData {
    let critical: HashSet<&str> = schedule.critical_path.iter().map(String::as_str).collect();
    let node = |a: usize| {
        let activity = &roadmap.activities[a];
        let number = activity.number.text.clone();
        let label = format!("{}. {}", number.trim_end_matches('.'), activity.title);
        let entry = schedule.entries.iter().find(|e| e.activity == a);
        Node {
            id: task_id(&number),
            lines: wrap(&label, LINE, LINES),
            label: truncate(&label, 90),
            dates: entry.map(|e| text::resolved(e, lang)).unwrap_or_default(),
            critical: critical.contains(number.as_str()),
            cyclic: graph.cyclic.get(a).copied().unwrap_or(false),
            number,
        }
    };
    let loose = (0..roadmap.activities.len())
        .filter(|&a| roadmap.activities[a].section.is_none())
        .map(node)
        .collect();
    let clusters = roadmap
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| Cluster {
            id: format!("cluster_{s}"),
            number: section.number.text.clone(),
            title: truncate(&section_heading(&section.number.text, &section.title), 90),
            nodes: (0..roadmap.activities.len())
                .filter(|&a| roadmap.activities[a].section == Some(s))
                .map(node)
                .collect(),
        })
        .filter(|c| !c.nodes.is_empty())
        .collect();
    let consecutive: HashSet<(&str, &str)> = schedule
        .critical_path
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    let mut edges: Vec<Edge> = graph
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (from, to) = (e.source().index(), e.target().index());
            let (f, t) = (
                &roadmap.activities[from].number.text,
                &roadmap.activities[to].number.text,
            );
            Edge {
                index: 0,
                from: task_id(f),
                to: task_id(t),
                lag: e.weight.lag.map(|l| lag(l, lang)),
                critical: consecutive.contains(&(f.as_str(), t.as_str())),
            }
        })
        .collect();
    for (i, e) in edges.iter_mut().enumerate() {
        e.index = i;
    }
    let critical_nodes = schedule
        .critical_path
        .iter()
        .map(|n| task_id(n))
        .collect::<Vec<_>>()
        .join(",");
    let critical_edges = edges
        .iter()
        .filter(|e| e.critical)
        .map(|e| e.index.to_string())
        .collect::<Vec<_>>()
        .join(",");
    GraphData {
        title: roadmap
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_default(),
        lang: match lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        labels: labels(lang),
        clusters,
        loose,
        edges,
        critical_path: schedule.critical_path.clone(),
        critical_nodes,
        critical_edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_words() {
        assert_eq!(
            wrap(
                "1.1. Анкетирование отобранных для участия в проекте ОО",
                20,
                4
            ),
            vec![
                "1.1. Анкетирование",
                "отобранных для",
                "участия в проекте ОО"
            ]
        );
        assert_eq!(wrap("a b c d e f", 3, 2), vec!["a b", "c…"]);
    }
}
