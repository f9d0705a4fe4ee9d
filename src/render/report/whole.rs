//! The report's section on the ecosystem as a whole, in HTML and Markdown:
//! its exchange indicators, its best value loops, each actor's indicators
//! and how the value created is shared (docs/semantics.md, "The ecosystem
//! as a whole"). Labels are escaped.

use std::fmt::Write as _;

use super::parts::ReportParts;
use crate::analysis::loops;
use crate::render::escape::{markdown as md, xml};
use crate::words::{amount, percent};

/// Actor `a`'s risk: the spread of its score (NPV or net value) over the
/// simulation's runs, 5th to 95th percentile, when the design has ranges.
fn risk(p: &ReportParts<'_>, a: crate::index::NodeIdx) -> Option<String> {
    let (sim, _) = p.simulation.as_ref()?;
    // The simulation's actors are in file order.
    let k = sim.actors.binary_search_by_key(&a, |o| o.actor).ok()?;
    let o = &sim.actors[k];
    Some(format!(
        "{} to {}",
        amount(o.percentile(5.0)),
        amount(o.percentile(95.0))
    ))
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), percent)
}

/// One line on the ecosystem's indicators.
fn headline(p: &ReportParts<'_>) -> String {
    let e = &p.analysis.indicators.ecosystem;
    format!(
        "{} actors; density {} (ordered pairs of actors that exchange); reciprocity {} (exchanges answered by a flow back); revenue concentration (Herfindahl) {}; intangible share of the value exchanged {}.",
        e.actors,
        share(e.density),
        share(e.reciprocity),
        e.revenue_hhi.map_or_else(|| "–".to_owned(), |h| format!("{h:.3}")),
        share(e.intangible_share)
    )
}

fn loops_note(p: &ReportParts<'_>) -> String {
    let l = &p.analysis.loops;
    let mut s = format!(
        "Score: the product of each step's share of what the sender gives other actors (1: each gives everything to the next). {}; {} of up to {} actors (the best {} are kept). Draw one on the map with `valuedesign map FILE --loop N`.",
        crate::words::parts(&l.parts),
        crate::words::count(l.loops.len(), "loop", "loops"),
        loops::MAX_LEN,
        loops::TOP
    );
    if !l.complete {
        s.push_str(" The search stopped at its bound: these are the best loops found, not surely the best.");
    }
    s
}

/// The HTML section.
pub(crate) fn html(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let cur = xml(&eco.currency);
    o.push_str("<section id=\"whole\">\n<h2>The ecosystem as a whole</h2>\n");
    let _ = writeln!(
        o,
        "<p><b>Type</b>: {}.</p>",
        xml(&crate::words::ecosystem_type(eco, &an.typing))
    );
    let _ = writeln!(o, "<p>{}</p>", xml(&headline(p)));
    o.push_str("<h3>Value loops: how value given returns to the giver</h3>\n");
    if an.loops.loops.is_empty() {
        o.push_str("<p>None: no value given returns to its giver through other actors.</p>\n");
    } else {
        o.push_str("<table>\n<thead><tr><th>#</th><th>loop</th><th>score</th><th>exchanges</th></tr></thead>\n");
        for (k, l) in an.loops.loops.iter().enumerate() {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                k + 1,
                xml(&crate::words::value_loop_labels(eco, l)),
                crate::words::score(l.score),
                l.steps.iter().map(Vec::len).sum::<usize>()
            );
        }
        o.push_str("</table>\n");
    }
    let _ = writeln!(o, "<p class=\"lead\">{}</p>", xml(&loops_note(p)));
    let _ = writeln!(
        o,
        "<h3>Exchange indicators over {} years ({cur})</h3>",
        an.timeline.years
    );
    o.push_str("<table>\n<thead><tr><th>actor</th><th>gives</th><th>gets</th><th>tangible given</th><th>tangible got</th><th>reciprocity</th><th>depends most on</th></tr></thead>\n");
    for &a in &p.table_actors {
        let x = &an.indicators.actors[a];
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            xml(&eco.node(a).label),
            amount(x.gives),
            amount(x.gets),
            share(x.gives_tangible),
            share(x.gets_tangible),
            share(x.reciprocity),
            x.dependence.map_or_else(
                || "–".to_owned(),
                |(s, q)| format!("{} ({})", xml(&eco.node(q).label), percent(s))
            )
        );
    }
    o.push_str("</table>\n");
    let s = &an.sharing;
    let _ = writeln!(
        o,
        "<h3>How value is shared ({cur})</h3>\n<p>The ecosystem creates {} (every profit actor's NPV plus every worth actor's net value); the businesses put in {} (the deepest each one's cumulative cash goes below zero: a profit actor's, or a segment's that sells).</p>",
        amount(s.created),
        amount(s.put_in)
    );
    let ranged = p.simulation.is_some();
    let _ = writeln!(
        o,
        "<table>\n<thead><tr><th>actor</th><th>takes</th><th>share of the value</th><th>puts in</th><th>share of what is put in</th>{}</tr></thead>",
        if ranged {
            "<th>risk: what it takes, 5th to 95th percentile of the runs</th>"
        } else {
            ""
        }
    );
    for &a in &p.table_actors {
        let Some(x) = s.part(a) else {
            continue;
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>",
            xml(&eco.node(a).label),
            amount(x.takes),
            share(x.takes_share),
            x.puts_in.map_or_else(|| "–".to_owned(), amount),
            share(x.puts_in_share),
            if ranged {
                format!("<td>{}</td>", risk(p, a).unwrap_or_else(|| "–".to_owned()))
            } else {
                String::new()
            }
        );
    }
    o.push_str("</table>\n<p class=\"lead\">A customer's payments (a worth actor that sells nothing) are the price of what it gets, already in its net value, so it puts in nothing here (–). Where the design has ranges (<code>uncertainty</code>), the risk is the spread of what the actor takes over the simulation's runs (see \"How likely\"). The chart value-sharing.svg draws both shares.</p>\n</section>\n");
}

/// The Markdown section.
pub(crate) fn markdown(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let _ = writeln!(
        o,
        "\n## The ecosystem as a whole\n\n**Type**: {}.\n\n{}\n",
        md(&crate::words::ecosystem_type(eco, &an.typing)),
        md(&headline(p))
    );
    if !an.loops.loops.is_empty() {
        o.push_str("Value loops, best first:\n\n| # | loop | score |\n|--:|---|--:|\n");
        for (k, l) in an.loops.loops.iter().enumerate() {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                k + 1,
                md(&crate::words::value_loop_labels(eco, l)),
                crate::words::score(l.score)
            );
        }
        let _ = writeln!(o, "\n{}\n", md(&loops_note(p)));
    }
    let s = &an.sharing;
    let _ = writeln!(
        o,
        "How value is shared ({}): created {}, put in {}.\n\n| actor | takes | share | puts in | share |\n|---|--:|--:|--:|--:|",
        md(&eco.currency),
        amount(s.created),
        amount(s.put_in)
    );
    for &a in &p.table_actors {
        let Some(x) = s.part(a) else {
            continue;
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            md(&eco.node(a).label),
            amount(x.takes),
            share(x.takes_share),
            x.puts_in.map_or_else(|| "–".to_owned(), amount),
            share(x.puts_in_share)
        );
    }
}
