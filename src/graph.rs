//! The dependency graph: every activity a node, every `после:` an edge from
//! the activity depended on to the one that waits for it.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Lag, Roadmap};
use crate::text;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// An edge: the `после:` item it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    /// Index into the activity's `after` list.
    pub item: usize,
    pub lag: Option<Lag>,
}

/// Node `i` is activity `i` of the roadmap.
#[derive(Debug)]
pub struct Graph {
    pub graph: DiGraph<usize, Edge>,
    /// Activities on a cycle; scheduling skips them.
    pub cyclic: Vec<bool>,
}

impl Graph {
    pub fn node(&self, activity: usize) -> NodeIndex {
        NodeIndex::new(activity)
    }
}

/// Builds the graph, reporting unknown and self dependencies and every cycle.
pub fn build(roadmap: &Roadmap, diagnostics: &mut Vec<Diagnostic>) -> Graph {
    let mut graph = DiGraph::with_capacity(roadmap.activities.len(), roadmap.activities.len());
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(roadmap.activities.len());
    for (i, a) in roadmap.activities.iter().enumerate() {
        graph.add_node(i);
        index.entry(a.number.text.as_str()).or_insert(i);
    }
    for (i, activity) in roadmap.activities.iter().enumerate() {
        for (item, dep) in activity.after.iter().enumerate() {
            let number = dep.number.text.as_str();
            match index.get(number) {
                Some(&j) if j == i || number == activity.number.text => {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::SelfDependency,
                            dep.number.span,
                            text!(ru: "Мероприятие {} идёт после самого себя", number; en: "Activity {} comes after itself", number),
                        )
                        .with_label(text!(ru: "ссылка на себя"; en: "refers to itself"))
                        .with_help(text!(ru: "Уберите {} из «после:» или укажите другое мероприятие", number; en: "Remove {} from `after:` or name another activity", number)),
                    );
                }
                Some(&j) => {
                    graph.add_edge(
                        NodeIndex::new(j),
                        NodeIndex::new(i),
                        Edge { item, lag: dep.lag },
                    );
                }
                None => {
                    let closest = closest_activity(roadmap, i, number);
                    let help = match closest {
                        Some(n) => text!(ru: "Может быть, {}?", n; en: "Did you mean {}?", n),
                        None => text!(
                            ru: "Укажите номер существующего мероприятия этой карты";
                            en: "Name the number of an activity of this roadmap"
                        ),
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnknownDependency,
                            dep.number.span,
                            text!(ru: "Мероприятия {} нет в карте", number; en: "There is no activity {} in the roadmap", number),
                        )
                        .with_label(text!(ru: "нет такого мероприятия"; en: "no such activity"))
                        .with_help(help),
                    );
                }
            }
        }
    }
    let mut cyclic = vec![false; roadmap.activities.len()];
    for component in tarjan_scc(&graph) {
        if component.len() < 2 {
            continue;
        }
        for node in &component {
            cyclic[node.index()] = true;
        }
        let cycle = find_cycle(&graph, &component);
        report_cycle(roadmap, &graph, &cycle, diagnostics);
    }
    Graph { graph, cyclic }
}

/// The activity a missing `после:` number most likely meant, for the
/// activity `at`: one a digit away, its own section's first, then the
/// nearest by number within the section («4.3» for «4.2» before «1.2»),
/// then the nearest in the roadmap's order.
fn closest_activity<'a>(roadmap: &'a Roadmap, at: usize, number: &str) -> Option<&'a str> {
    let activity = &roadmap.activities[at];
    let last = |n: &str| -> Option<i64> { n.rsplit('.').next()?.parse().ok() };
    let prefix = |n: &str| n.rsplit_once('.').map(|(p, _)| p.to_string());
    roadmap
        .activities
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != at)
        .filter_map(|(j, a)| {
            let distance = strsim::levenshtein(&a.number.text, number);
            if distance > 1 {
                return None;
            }
            let same_section = a.section.is_some() && a.section == activity.section;
            let same_prefix = prefix(&a.number.text) == prefix(number);
            let apart = match (last(&a.number.text), last(number)) {
                (Some(x), Some(y)) if same_prefix => (x - y).abs(),
                _ => i64::MAX,
            };
            let order = (j as i64 - at as i64).abs();
            Some((
                (!same_section, !same_prefix, apart, distance, order),
                a.number.text.as_str(),
            ))
        })
        .min()
        .map(|(_, n)| n)
}

/// A closed walk through a strongly connected component, from its smallest
/// activity back to it: `[a, b, c]` means a → b → c → a.
fn find_cycle(graph: &DiGraph<usize, Edge>, component: &[NodeIndex]) -> Vec<NodeIndex> {
    let inside: std::collections::HashSet<NodeIndex> = component.iter().copied().collect();
    let start = *component.iter().min().expect("a component has nodes");
    // Breadth-first from start's successors back to start, within the component.
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors(node) {
            if !inside.contains(&next) || previous.contains_key(&next) {
                continue;
            }
            previous.insert(next, node);
            if next == start {
                let mut cycle = vec![node];
                let mut at = node;
                while at != start {
                    at = previous[&at];
                    cycle.push(at);
                }
                cycle.reverse();
                return cycle;
            }
            queue.push_back(next);
        }
    }
    component.to_vec()
}

fn report_cycle(
    roadmap: &Roadmap,
    graph: &DiGraph<usize, Edge>,
    cycle: &[NodeIndex],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let names: Vec<&str> = cycle
        .iter()
        .chain(cycle.first())
        .map(|n| roadmap.activities[n.index()].number.text.as_str())
        .collect();
    let path = names.join(" → ");
    // The `после:` item of the first activity's successor that points back.
    let edge_span = |from: NodeIndex, to: NodeIndex| {
        graph.find_edge(from, to).map(|e| {
            roadmap.activities[to.index()].after[graph[e].item]
                .number
                .span
        })
    };
    let first = cycle[0];
    let second = cycle.get(1).copied().unwrap_or(first);
    let Some(span) = edge_span(first, second) else {
        return;
    };
    let mut diagnostic = Diagnostic::new(
        Code::DependencyCycle,
        span,
        text!(ru: "Зависимости образуют цикл: {}", path; en: "Dependencies form a cycle: {}", path),
    )
    .with_label(text!(
        ru: "{} идёт после {}", names[1], names[0];
        en: "{} comes after {}", names[1], names[0]
    ))
    .with_help(text!(
        ru: "Ни одно мероприятие цикла не может начаться первым: уберите одну из зависимостей";
        en: "No activity of the cycle can start first: remove one of the dependencies"
    ));
    for pair in cycle
        .windows(2)
        .skip(1)
        .chain(std::iter::once([cycle[cycle.len() - 1], first].as_slice()))
    {
        if let Some(span) = edge_span(pair[0], pair[1]) {
            let (a, b) = (
                &roadmap.activities[pair[0].index()].number.text,
                &roadmap.activities[pair[1].index()].number.text,
            );
            diagnostic = diagnostic.with_secondary(
                span,
                text!(ru: "{} идёт после {}", b, a; en: "{} comes after {}", b, a),
            );
        }
    }
    diagnostics.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::code::Code;

    fn help_for_missing(text: &str) -> String {
        let run = crate::run::check_bytes("t.roadmap".into(), text.as_bytes().to_vec());
        let found = run
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownDependency)
            .expect("E0301");
        found.help.as_ref().expect("a help").en.clone()
    }

    const HEAD: &str = "дорожная карта: Т\nпериод: 2022\nучастник P: П\nраздел 1. А\nмероприятие 1.2. x\n  срок: 01.02.2022\n  ответственный: P\nраздел 4. Б\nмероприятие 4.1. y\n  срок: 01.02.2022\n  ответственный: P\n";

    #[test]
    fn a_missing_activity_is_looked_for_among_its_sections_neighbours() {
        // «4.2» is a digit away from 1.2 and 4.1: the section's 4.1 is meant.
        let text = format!(
            "{HEAD}мероприятие 4.3. z\n  срок: 01.03.2022\n  ответственный: P\n  после: 4.2\n"
        );
        assert_eq!(help_for_missing(&text), "Did you mean 4.1?");
        // With 4.1 and 4.3 both a step from 4.2, the one nearer 4.5 wins.
        let text = format!(
            "{HEAD}мероприятие 4.3. z\n  срок: 01.03.2022\n  ответственный: P\nмероприятие 4.5. w\n  срок: 01.04.2022\n  ответственный: P\n  после: 4.2\n"
        );
        assert_eq!(help_for_missing(&text), "Did you mean 4.3?");
        // Nothing a digit away: no guess.
        let text = format!(
            "{HEAD}мероприятие 4.3. z\n  срок: 01.03.2022\n  ответственный: P\n  после: 7.77\n"
        );
        assert_eq!(
            help_for_missing(&text),
            "Name the number of an activity of this roadmap"
        );
    }
}
