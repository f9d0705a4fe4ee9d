//! `valuedesign analyse`: every actor's ledger and verdict, the keystones, the
//! extracts and the drivers, as readable tables or as `analysis.json`.

use std::fmt::Write as _;

use super::table::Table;
use super::{AnalyseArgs, Format, EXIT_INPUT, EXIT_OK};
use crate::analysis::{Analysis, Config, Field, Method};
use crate::model::Ecosystem;
use crate::render::json;
use crate::words::{amount, percent};

/// Runs `analyse`; returns the exit code.
pub(super) fn run(args: &AnalyseArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let cfg = Config {
        years: args.years,
        ..Config::default()
    };
    let an = super::analysed(&design, &cfg);
    let eco = design.ecosystem();
    let code = match args.format {
        Format::Json => {
            // The findings are counted on one thread while the JSON is
            // written on the other; the note follows the JSON.
            let (note, written) = rayon::join(
                || super::findings_note(&file.name, &design, &an, &args.what_if),
                || {
                    let doc = json::build(eco, &an, cfg.diffusion.damping, cfg.diffusion.tolerance);
                    super::say::json(&doc)
                },
            );
            if let Some(note) = note {
                errln!("{note}");
            }
            match written {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    EXIT_INPUT
                }
            }
        }
        Format::Human => {
            super::note_findings(&file.name, &design, &an, &args.what_if);
            out!("{}", human(eco, &an));
            EXIT_OK
        }
    };
    super::output::leave_to_exit((design, an));
    code
}

fn kind_name(k: crate::model::NodeKind) -> String {
    format!("{k:?}")
}

/// The readable report: the headline, the summary table, every actor's
/// ledger and verdict, the keystones, the extracts, the drivers, and the
/// ecosystem as a whole (indicators, value loops, sharing).
pub(crate) fn human(eco: &Ecosystem, an: &Analysis) -> String {
    let mut out = String::new();
    headline(&mut out, eco, an);
    summary(&mut out, eco, an);
    for a in an
        .network
        .nodes()
        .filter(|&a| an.network.kinds[a].is_actor())
    {
        actor(&mut out, eco, an, a);
    }
    customers(&mut out, eco, an);
    keystones(&mut out, eco, an);
    extracts(&mut out, eco, an);
    drivers(&mut out, eco, an);
    super::analyse_whole::whole(&mut out, eco, an);
    out
}

fn headline(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let net = &an.network;
    let actors = net.nodes().filter(|&a| net.kinds[a].is_actor()).count();
    let failing = an.verdicts.iter().filter(|v| v.fails()).count();
    let _ = writeln!(out, "{}", eco.name);
    let _ = writeln!(
        out,
        "{} years, figures in {}, discount rate {}; {} nodes, {} exchanges",
        an.timeline.years,
        eco.currency,
        percent(eco.discount_rate),
        net.node_count(),
        net.exchange_count()
    );
    if failing == 0 {
        let _ = writeln!(out, "Win-win: yes, for all {actors} actors\n");
    } else {
        let _ = writeln!(
            out,
            "Win-win: NO, {failing} of {actors} actors fail (see below)\n"
        );
    }
}

fn summary(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let net = &an.network;
    let l = &an.ledgers;
    let _ = writeln!(
        out,
        "Summary over {} years ({})",
        an.timeline.years, eco.currency
    );
    let mut t = Table::new(
        &[
            "node",
            "goal",
            "revenue",
            "spend",
            "costs",
            "cash",
            "NPV",
            "breakeven",
            "worth rcvd",
            "net value",
            "win-win",
        ],
        &[
            false, false, true, true, true, true, true, true, true, true, false,
        ],
    );
    for a in net.nodes() {
        let worth = l.total(a, Field::WorthTangible) + l.total(a, Field::WorthIntangible);
        t.row(vec![
            eco.node(a).id.to_string(),
            if net.kinds[a].is_actor() {
                crate::words::goal(net.goals[a]).to_owned()
            } else {
                "-".to_owned()
            },
            amount(l.total(a, Field::Revenue)),
            amount(l.total(a, Field::Spend)),
            amount(l.total(a, Field::Costs)),
            amount(l.total(a, Field::Cash)),
            amount(l.npv[a]),
            crate::words::breakeven(l, a),
            amount(worth),
            amount(l.total(a, Field::NetValue)),
            match crate::words::verdict_word(an, a) {
                "no" => "NO".to_owned(),
                word => word.to_owned(),
            },
        ]);
    }
    out.push_str(&t.render("  "));
    for line in [
        "Segment figures are totals for all members. goal: profit actors (organisations) are judged",
        "on money (net value = cash; win-win needs NPV >= 0); worth actors (segments, persons, or",
        "`goal: Worth`) on worth (net value = worth received + cash). breakeven: first year with",
        "cumulative cash >= 0; no money: it neither pays nor is paid. worth rcvd: worth of the goods,",
        "services, data, knowledge and benefits it receives (for a profit actor, goods and services",
        "are inputs and the rest strategic value: neither is in its net value). unvalued: what it",
        "receives has value 0.0 in the file. reach: how strongly data, knowledge and benefits reach",
        "the node (a score). betweenness: share of shortest paths between other nodes through it.",
        "removal impact: share of the exchange value over the horizon lost if it leaves.",
    ] {
        let _ = writeln!(out, "  {line}");
    }
}

/// A ledger as a table: one row per field, one column per year, and totals.
pub(super) fn ledger_table<R: crate::index::Idx>(
    out: &mut String,
    l: &crate::analysis::Ledgers<R>,
    row: R,
) {
    ledger_table_split(out, l, row, None);
}

/// [`ledger_table`], with revenue and spend each split into first-year and
/// renewing customers (and the rest) when `split` gives node `a`'s cohorts.
fn ledger_table_split<R: crate::index::Idx>(
    out: &mut String,
    l: &crate::analysis::Ledgers<R>,
    row: R,
    split: Option<(&crate::analysis::cohorts::Cohorts, crate::index::NodeIdx)>,
) {
    use crate::analysis::cohorts::Part;
    let years = l.years;
    let mut header: Vec<String> = (1..=years).map(|y| format!("year {y}")).collect();
    header.insert(0, String::new());
    header.push("total".to_owned());
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    right[0] = false;
    let mut t = Table::new(&header_refs, &right);
    for (name, field) in [
        ("revenue", Field::Revenue),
        ("spend", Field::Spend),
        ("costs", Field::Costs),
        ("cash", Field::Cash),
        ("cumulative cash", Field::CumulativeCash),
        ("received worth, tangible", Field::WorthTangible),
        ("received worth, intangible", Field::WorthIntangible),
        ("net value", Field::NetValue),
    ] {
        let values = l.get(row, field);
        let line = |name: &str, values: &[f64]| {
            let mut cells = vec![name.to_owned()];
            cells.extend(values.iter().map(|&v| amount(v)));
            cells.push(if field == Field::CumulativeCash {
                String::new()
            } else {
                amount(values.iter().sum())
            });
            cells
        };
        t.row(line(name, values));
        let parts = match (field, split) {
            (Field::Revenue, Some(s)) => Some((s, Part::RevenueNew, Part::RevenueRenewing)),
            (Field::Spend, Some(s)) => Some((s, Part::SpendNew, Part::SpendRenewing)),
            _ => None,
        };
        if let Some(((c, a), new, renewing)) = parts {
            let (new, renewing) = (c.split(a, new), c.split(a, renewing));
            if renewing.iter().any(|&v| v != 0.0) {
                let other: Vec<f64> = (0..years)
                    .map(|y| values[y] - new[y] - renewing[y])
                    .collect();
                t.row(line("  first-year customers", new));
                t.row(line("  renewing customers", renewing));
                if other
                    .iter()
                    .any(|v| v.abs() > 1e-6 * values[0].abs().max(1.0))
                {
                    t.row(line("  other", &other));
                }
            }
        }
    }
    out.push_str(&t.render("  "));
}

fn actor(out: &mut String, eco: &Ecosystem, an: &Analysis, a: crate::index::NodeIdx) {
    let net = &an.network;
    let n = &eco.node(a);
    let _ = writeln!(out, "\n{} ({}, {})", n.label, n.id, kind_name(n.kind));
    ledger_table_split(out, &an.ledgers, a, Some((&an.cohorts, a)));
    if an.cohorts.has_renewals(a) {
        let _ = writeln!(
            out,
            "  first-year customers: exchanges with customers in the year they are won; renewing: with customers from earlier years"
        );
    }
    let _ = writeln!(
        out,
        "  NPV {} {}; breakeven {}; reach {}; betweenness {:.4}; removal impact {}",
        amount(an.ledgers.npv[a]),
        eco.currency,
        crate::words::breakeven(&an.ledgers, a),
        amount(an.diffusion.reach[a]),
        an.betweenness.normalised[a],
        percent(an.removal.impact[a]),
    );
    let basis = crate::words::verdict_basis(eco, an, a);
    let _ = writeln!(
        out,
        "  win-win ({} actor): {}",
        crate::words::goal(net.goals[a]),
        basis
            .strip_prefix("no:")
            .map_or(basis.clone(), |r| format!("NO:{r}"))
    );
    if let Some(g) = an.group_ledgers.slot_of(a) {
        let members = net.children.row(a).len();
        let _ = writeln!(
            out,
            "  group ledger (its own plus what it holds: {}, and theirs)",
            crate::words::count(members, "node", "nodes")
        );
        ledger_table(out, &an.group_ledgers.ledgers, g);
        let gl = &an.group_ledgers.ledgers;
        let _ = writeln!(
            out,
            "  group NPV {} {}; group breakeven {}",
            amount(gl.npv[g]),
            eco.currency,
            crate::words::breakeven(gl, g)
        );
    }
}

/// Unit economics: per customer of each segment, for each actor it pays.
fn customers(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    use crate::render::unit_economics as show;
    if an.unit_economics.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nUnit economics ({}; margin: revenue less the money paid out and the costs each sale drives, not fixed costs)",
        eco.currency
    );
    for u in &an.unit_economics {
        let _ = writeln!(out, "\n{}", show::heading(eco, u));
        let mut right = vec![true; show::HEADER.len()];
        right[0] = false;
        let mut t = Table::new(&show::HEADER, &right);
        for r in show::rows(eco, u) {
            t.row(r.to_vec());
        }
        out.push_str(&t.render("  "));
        for l in show::lines(eco, an, u) {
            let _ = writeln!(out, "  {l}");
        }
    }
}

fn keystones(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    let net = &an.network;
    let _ = writeln!(
        out,
        "\nKeystones (by removal impact: share of the exchange value over {} years lost if the actor leaves)",
        an.timeline.years
    );
    let mut order: Vec<crate::index::NodeIdx> =
        net.nodes().filter(|&a| net.kinds[a].is_actor()).collect();
    order.sort_by(|&x, &y| {
        an.removal.impact[y]
            .total_cmp(&an.removal.impact[x])
            .then(x.cmp(&y))
    });
    // Suppliers (actors that sell) are whom others depend on; customers are
    // ranked apart: depending on one's customers is what an ecosystem is for.
    for (title, sellers) in [("suppliers (actors that sell)", true), ("customers", false)] {
        let rows: Vec<crate::index::NodeIdx> = order
            .iter()
            .copied()
            .filter(|&a| an.sells[a] == sellers)
            .take(5)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {title}");
        let mut t = Table::new(
            &["node", "kind", "removal impact", "betweenness"],
            &[false, false, true, true],
        );
        for a in rows {
            let mark = if an.keystone == Some(a) {
                " (keystone)"
            } else {
                ""
            };
            t.row(vec![
                format!("{}{mark}", eco.node(a).id),
                kind_name(net.kinds[a]),
                percent(an.removal.impact[a]),
                format!("{:.4}", an.betweenness.normalised[a]),
            ]);
        }
        out.push_str(&t.render("  "));
    }
    let _ = writeln!(
        out,
        "  betweenness: {}",
        match an.betweenness.method {
            Method::Exact => "exact".to_owned(),
            Method::Sampled {
                pivots,
                seed,
                error,
            } => format!(
                "sampled from {pivots} sources (seed {seed}); the 10 most central within ±{:.1}% (one standard error)",
                error * 100.0
            ),
            Method::NotComputed => "not computed".to_owned(),
        }
    );
}

fn extracts(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    if eco.extracts.is_empty() {
        return;
    }
    let years = an.timeline.years;
    let _ = writeln!(
        out,
        "\nValue extracts (money captured per year, {}: the money exchanges it names, and what its core actors receive from outside it)",
        eco.currency
    );
    let mut header: Vec<String> = vec!["extract".into(), "nodes".into(), "exchanges".into()];
    header.extend((1..=years).map(|y| format!("year {y}")));
    header.push("drivers".into());
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    right[0] = false;
    right[header.len() - 1] = false;
    let mut t = Table::new(&refs, &right);
    for (x, r) in eco.extracts.iter().zip(&an.extracts) {
        let mut cells = vec![
            x.id.to_string(),
            r.nodes.len().to_string(),
            r.exchanges.len().to_string(),
        ];
        cells.extend(r.money.iter().map(|&m| amount(m)));
        cells.push(r.drivers.len().to_string());
        t.row(cells);
    }
    out.push_str(&t.render("  "));
    // The drivers in full, under the table (a column would cut them).
    for (x, r) in eco.extracts.iter().zip(&an.extracts) {
        if !r.drivers.is_empty() {
            let names: Vec<&str> = r
                .drivers
                .iter()
                .map(|&d| eco.driver(d).id.as_str())
                .collect();
            let _ = writeln!(out, "  {} serves: {}", x.id, names.join(", "));
        }
    }
}

fn drivers(out: &mut String, eco: &Ecosystem, an: &Analysis) {
    if eco.drivers.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nValue drivers");
    let mut t = Table::new(
        &["driver", "shared", "pursued by", "served by exchanges"],
        &[false, false, false, true],
    );
    for (d, x) in eco.drivers.iter().enumerate() {
        let d = crate::index::DriverIdx::new(d);
        t.row(vec![
            x.id.to_string(),
            if an.drivers.shared(d) {
                "shared".into()
            } else {
                "individual".into()
            },
            an.drivers.pursued_by[d]
                .iter()
                .map(|&a| eco.node(a).id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            an.drivers.served_by[d].len().to_string(),
        ]);
    }
    out.push_str(&t.render("  "));
}
