//! A derived canvas as a terminal listing or as Markdown.

use std::fmt::Write as _;

use crate::canvas::{Canvas, Entry, Source};
use crate::render::escape::markdown;
use crate::words::amount;

fn amounts(e: &Entry, currency: &str) -> String {
    match &e.per_year {
        Some(v) if v.iter().any(|x| *x != 0.0) => {
            let years: Vec<String> = v
                .iter()
                .enumerate()
                .map(|(y, x)| format!("y{} {}", y + 1, amount(*x)))
                .collect();
            format!(" [{currency}: {}]", years.join(", "))
        }
        _ => String::new(),
    }
}

fn sources(e: &Entry) -> String {
    e.sources
        .iter()
        .map(|s| match s {
            Source::Exchange(id) => format!("exchange {id}"),
            Source::Node(id) => format!("node {id}"),
            Source::Cost(l) => format!("cost \"{l}\""),
            Source::Resource(l) => format!("resource \"{l}\""),
            Source::Activity(l) => format!("activity \"{l}\""),
            Source::Driver(id) => format!("driver {id}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name (evidence, ...)` for each label.
fn labels(ls: &[crate::classify::Label]) -> String {
    if ls.is_empty() {
        return "none shown by the value network".to_owned();
    }
    ls.iter()
        .map(|l| format!("{} ({})", l.name, l.evidence.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The canvas as plain text for the terminal: each block, its entries, tags,
/// amounts per year and sources, then its business-model patterns and IoT roles.
pub(crate) fn human(c: &Canvas, currency: &str) -> String {
    let mut out = format!("{}: {} ({})\n", c.title(), c.label, c.actor);
    for (title, entries) in c.blocks() {
        let _ = writeln!(out, "\n{title}");
        if entries.is_empty() {
            out.push_str("  (none in the value network)\n");
        }
        for e in entries {
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.tags.join(", "))
            };
            let _ = writeln!(out, "  - {}{tags}{}", e.text, amounts(e, currency));
            let _ = writeln!(out, "      from: {}", sources(e));
        }
    }
    let _ = writeln!(out, "\nBusiness-model patterns: {}", labels(&c.patterns));
    if !c.iot_roles.is_empty() {
        let _ = writeln!(out, "IoT role: {}", labels(&c.iot_roles));
    }
    out
}

/// The canvas as Markdown for proposals: a heading, a section per block, one
/// list item per entry with its sources. Every user text is escaped.
pub fn md(c: &Canvas, currency: &str) -> String {
    let mut out = format!(
        "## {}: {} (`{}`)\n",
        c.title(),
        markdown(&c.label),
        markdown(&c.actor)
    );
    for (title, entries) in c.blocks() {
        let _ = writeln!(out, "\n### {title}\n");
        if entries.is_empty() {
            out.push_str("- *(none in the value network)*\n");
        }
        for e in entries {
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!(" *({})*", markdown(&e.tags.join(", ")))
            };
            let _ = writeln!(
                out,
                "- {}{tags}{}  \n  *from: {}*",
                markdown(&e.text),
                markdown(&amounts(e, currency)),
                markdown(&sources(e))
            );
        }
    }
    let _ = writeln!(
        out,
        "\n**Business-model patterns:** {}",
        markdown(&labels(&c.patterns))
    );
    if !c.iot_roles.is_empty() {
        let _ = writeln!(out, "\n**IoT role:** {}", markdown(&labels(&c.iot_roles)));
    }
    out
}
