//! The part of `analyse` about the ecosystem as a whole: its exchange
//! indicators, its value loops and how the value created is shared.

use std::fmt::Write as _;

use super::table::Table;
use crate::analysis::{loops, Analysis};
use crate::model::Ecosystem;
use crate::words::{amount, percent};

fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), percent)
}

/// The ecosystem's indicators, its best loops, each actor's indicators and
/// the sharing of value.
pub(super) fn whole(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let e = &an.indicators.ecosystem;
    let _ = writeln!(out, "\nThe ecosystem as a whole");
    let _ = writeln!(
        out,
        "  type: {}",
        crate::words::ecosystem_type(eco, &an.typing)
    );
    let _ = writeln!(
        out,
        "  {} actors; density {} (ordered pairs of actors that exchange); reciprocity {} (exchanges answered by a flow back)",
        e.actors,
        share(e.density),
        share(e.reciprocity)
    );
    let _ = writeln!(
        out,
        "  revenue concentration (Herfindahl) {}; intangible share of the value exchanged {}",
        e.revenue_hhi
            .map_or_else(|| "-".to_owned(), |h| format!("{h:.3}")),
        share(e.intangible_share)
    );
    value_loops(out, eco, an);
    indicators(out, eco, an);
    sharing(out, eco, an);
}

fn value_loops(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let l = &an.loops;
    let _ = writeln!(
        out,
        "\nValue loops (how value given returns to the giver; score: the product of each step's share of what the sender gives)"
    );
    if l.loops.is_empty() {
        let _ = writeln!(
            out,
            "  none: no value given returns to its giver through other actors"
        );
        return;
    }
    let mut t = Table::new(
        &["#", "loop", "score", "exchanges"],
        &[true, false, true, true],
    );
    for (k, x) in l.loops.iter().enumerate() {
        t.row(vec![
            (k + 1).to_string(),
            crate::words::value_loop(eco, x),
            crate::words::score(x.score),
            x.steps.iter().map(Vec::len).sum::<usize>().to_string(),
        ]);
    }
    out.push_str(&t.render("  "));
    let _ = writeln!(
        out,
        "  {}; {} of up to {} actors (the best {} are kept){}; draw one with `map --loop N`",
        crate::words::parts(&l.parts),
        crate::words::count(l.loops.len(), "loop", "loops"),
        loops::MAX_LEN,
        loops::TOP,
        if l.complete {
            String::new()
        } else {
            format!(
                " (the search stopped after {} steps: these are the best found, not surely the best)",
                amount(loops::BUDGET as f64)
            )
        }
    );
}

fn indicators(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let _ = writeln!(
        out,
        "\nExchange indicators over {} years ({}): value given and got, tangible shares, reciprocity, the largest partner's share of what it gets",
        an.timeline.years, eco.currency
    );
    let mut t = Table::new(
        &[
            "node",
            "gives",
            "gets",
            "tangible given",
            "tangible got",
            "reciprocity",
            "depends on",
        ],
        &[false, true, true, true, true, true, false],
    );
    for a in an.network.actors() {
        let x = &an.indicators.actors[a];
        t.row(vec![
            eco.node(a).id.to_string(),
            amount(x.gives),
            amount(x.gets),
            share(x.gives_tangible),
            share(x.gets_tangible),
            share(x.reciprocity),
            x.dependence.map_or_else(
                || "-".to_owned(),
                |(s, p)| format!("{} {}", eco.node(p).id, percent(s)),
            ),
        ]);
    }
    out.push_str(&t.render("  "));
}

fn sharing(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let s = &an.sharing;
    let _ = writeln!(
        out,
        "\nHow value is shared ({}): created {} (profit actors' NPV plus worth actors' net value); put in {} (the depth of each business's cumulative cash below zero: a profit actor's, or a segment's that sells)",
        eco.currency,
        amount(s.created),
        amount(s.put_in)
    );
    let mut t = Table::new(
        &["node", "takes", "share", "puts in", "share"],
        &[false, true, true, true, true],
    );
    for p in &s.parts {
        t.row(vec![
            eco.node(p.actor).id.to_string(),
            amount(p.takes),
            share(p.takes_share),
            p.puts_in.map_or_else(|| "-".to_owned(), amount),
            share(p.puts_in_share),
        ]);
    }
    out.push_str(&t.render("  "));
    if let Some((taker, investor)) = s.imbalance() {
        let _ = writeln!(
            out,
            "  {} takes {} of the value while {} puts in {} of the investment (finding value-capture-imbalance)",
            eco.node(taker.actor).id,
            share(taker.takes_share),
            eco.node(investor.actor).id,
            share(investor.puts_in_share)
        );
    }
}
