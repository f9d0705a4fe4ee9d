//! `valuedesign analyse`: every actor's ledger and verdict, the keystones, the
//! extracts and the drivers, as readable tables or as `analysis.json`.

use std::fmt::Write as _;

use super::table::Table;
use super::{AnalyseArgs, Format, EXIT_INPUT, EXIT_OK};
use crate::analysis::format::{amount, percent};
use crate::analysis::{self, json, Analysis, Config, Field, Method, Verdict};
use crate::model::Ecosystem;

/// Runs `analyse`; returns the exit code.
pub(super) fn run(args: &AnalyseArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let cfg = Config {
        years: args.years,
        ..Config::default()
    };
    let an = analysis::analyse(&design, &cfg);
    let eco = design.ecosystem();
    match args.format {
        Format::Json => {
            let doc = json::build(eco, &an, cfg.diffusion.damping, cfg.diffusion.tolerance);
            match serde_json::to_string_pretty(&doc) {
                Ok(s) => outln!("{s}"),
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
        Format::Human => out!("{}", human(eco, &an)),
    }
    EXIT_OK
}

fn kind_name(k: crate::model::NodeKind) -> String {
    format!("{k:?}")
}

/// The readable report.
pub fn human(eco: &Ecosystem, an: &Analysis) -> String {
    let net = &an.network;
    let years = an.timeline.years;
    let cur = &eco.currency;
    let mut out = String::new();
    let actors: Vec<usize> = (0..net.node_count())
        .filter(|&a| net.kinds[a].is_actor())
        .collect();
    let failing = actors.iter().filter(|&&a| an.verdicts[a].fails()).count();
    let _ = writeln!(out, "{}", eco.name);
    let _ = writeln!(
        out,
        "{years} years, figures in {cur}, discount rate {}; {} nodes, {} exchanges",
        percent(eco.discount_rate),
        net.node_count(),
        net.exchange_count()
    );
    if failing == 0 {
        let _ = writeln!(out, "Win-win: yes, for all {} actors\n", actors.len());
    } else {
        let _ = writeln!(
            out,
            "Win-win: NO, {failing} of {} actors fail (see below)\n",
            actors.len()
        );
    }

    let _ = writeln!(out, "Summary over {years} years ({cur})");
    let mut t = Table::new(
        &[
            "node",
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
        &[false, true, true, true, true, true, true, true, true, false],
    );
    for a in 0..net.node_count() {
        let l = &an.ledgers;
        let worth = l.total(a, Field::WorthTangible) + l.total(a, Field::WorthIntangible);
        t.row(vec![
            eco.nodes[a].id.to_string(),
            amount(l.total(a, Field::Revenue)),
            amount(l.total(a, Field::Spend)),
            amount(l.total(a, Field::Costs)),
            amount(l.total(a, Field::Cash)),
            amount(l.npv[a]),
            crate::analysis::format::breakeven(l, a),
            amount(worth),
            amount(l.total(a, Field::NetValue)),
            match crate::analysis::format::verdict_word(an, a) {
                "no" => "NO".to_owned(),
                word => word.to_owned(),
            },
        ]);
    }
    out.push_str(&t.render("  "));
    for line in [
        "Segment figures are totals for all members. breakeven: first year with cumulative cash >= 0;",
        "no money: it neither pays nor is paid. worth rcvd: worth of the goods, services, data,",
        "knowledge and benefits it receives. unvalued: what it receives has value 0.0 in the file.",
        "reach: how strongly data, knowledge and benefits reach the node (a score; higher = more).",
        "betweenness: share of shortest paths between other nodes that pass through the node.",
        "removal impact: share of year-1 exchange value lost if the node leaves (shares overlap).",
    ] {
        let _ = writeln!(out, "  {line}");
    }

    for &a in &actors {
        let n = &eco.nodes[a];
        let _ = writeln!(out, "\n{} ({}, {})", n.label, n.id, kind_name(n.kind));
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
            let row = an.ledgers.get(a, field);
            let mut cells = vec![name.to_owned()];
            cells.extend(row.iter().map(|&v| amount(v)));
            cells.push(if field == Field::CumulativeCash {
                String::new()
            } else {
                amount(row.iter().sum())
            });
            t.row(cells);
        }
        out.push_str(&t.render("  "));
        let _ = writeln!(
            out,
            "  NPV {} {cur}; breakeven {}; reach {}; betweenness {:.4}; removal impact {}",
            amount(an.ledgers.npv[a]),
            an.ledgers.breakeven[a].map_or("never within the horizon".to_owned(), |y| format!(
                "in year {y}"
            )),
            amount(an.diffusion.reach[a]),
            an.betweenness.normalised[a],
            percent(an.removal.impact[a]),
        );
        match &an.verdicts[a] {
            Verdict::Fails(reasons) => {
                let _ = writeln!(out, "  win-win: NO: {}", reasons.join("; "));
            }
            _ => {
                let _ = writeln!(out, "  win-win: yes");
            }
        }
    }

    let _ = writeln!(
        out,
        "\nKeystones (by removal impact: share of year-1 exchange value lost if the node leaves)"
    );
    let mut order: Vec<usize> = (0..net.node_count()).collect();
    order.sort_by(|&x, &y| {
        an.removal.impact[y]
            .total_cmp(&an.removal.impact[x])
            .then(x.cmp(&y))
    });
    let mut t = Table::new(
        &["node", "kind", "removal impact", "betweenness"],
        &[false, false, true, true],
    );
    for &a in order.iter().take(5) {
        let mark = if an.keystone == Some(a as u32) {
            " (keystone)"
        } else {
            ""
        };
        t.row(vec![
            format!("{}{mark}", eco.nodes[a].id),
            kind_name(net.kinds[a]),
            percent(an.removal.impact[a]),
            format!("{:.4}", an.betweenness.normalised[a]),
        ]);
    }
    out.push_str(&t.render("  "));
    let _ = writeln!(
        out,
        "  betweenness: {}",
        match an.betweenness.method {
            Method::Exact => "exact".to_owned(),
            Method::Sampled { pivots, seed } =>
                format!("sampled from {pivots} sources (seed {seed})"),
        }
    );

    if !eco.extracts.is_empty() {
        let _ = writeln!(
            out,
            "\nValue extracts (money captured per year, {cur}: what the extract's core actors receive from outside it)"
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
                    .map(|&d| eco.drivers[d as usize].id.as_str())
                    .collect();
                let _ = writeln!(out, "  {} serves: {}", x.id, names.join(", "));
            }
        }
    }

    if !eco.drivers.is_empty() {
        let _ = writeln!(out, "\nValue drivers");
        let mut t = Table::new(
            &["driver", "shared", "pursued by", "served by exchanges"],
            &[false, false, false, true],
        );
        for (d, x) in eco.drivers.iter().enumerate() {
            t.row(vec![
                x.id.to_string(),
                if an.drivers.shared(d) {
                    "shared".into()
                } else {
                    "individual".into()
                },
                an.drivers.pursued_by[d]
                    .iter()
                    .map(|&a| eco.nodes[a as usize].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                an.drivers.served_by[d].len().to_string(),
            ]);
        }
        out.push_str(&t.render("  "));
    }
    out
}
