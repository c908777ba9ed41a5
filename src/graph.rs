//! The dependency graph: every activity a node, every `после:` an edge from
//! the activity depended on to the one that waits for it.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Lag, Roadmap};
use crate::text;
// Kosaraju's walk is iterative (petgraph's Tarjan recurses once per
// activity of a chain, and a chain of 90 000 overflows the stack).
use petgraph::algo::kosaraju_scc;
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
                    let closest = roadmap
                        .activities
                        .iter()
                        .map(|a| {
                            (
                                strsim::levenshtein(&a.number.text, number),
                                a.number.text.as_str(),
                            )
                        })
                        .filter(|(d, _)| *d <= 1)
                        .min()
                        .map(|(_, n)| n);
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
    for component in kosaraju_scc(&graph) {
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

/// How many links of a cycle are drawn besides the first.
const MAX_CYCLE_LINKS: usize = 12;

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
    // A few of the links are drawn: drawing ten thousand costs seconds and
    // shows nothing more than the path in the message.
    for pair in cycle
        .windows(2)
        .skip(1)
        .chain(std::iter::once([cycle[cycle.len() - 1], first].as_slice()))
        .take(MAX_CYCLE_LINKS)
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
