//! `summary.md`: the report's findings in Markdown, for pasting into a
//! proposal: the win-win answer, every actor's ledger, the extracts, the
//! keystone, the findings, and the files of the report. Labels are escaped.

use std::fmt::Write as _;

use super::parts::ReportParts;
use crate::analysis::Field;
use crate::model::Severity;
use crate::render::escape::markdown as md;
use crate::words::{amount, percent};

/// A finding message for Markdown: text outside backticks escaped, the `id`
/// spans kept as code spans (whose content Markdown shows literally).
fn md_code_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let parts: Vec<&str> = s.split('`').collect();
    for (k, part) in parts.iter().enumerate() {
        // An unmatched last backtick: its text is escaped like the rest.
        if k % 2 == 1 && k + 1 < parts.len() && !part.contains('\n') {
            out.push('`');
            out.push_str(part);
            out.push('`');
        } else {
            out.push_str(&md(part));
        }
    }
    out
}

/// The Markdown text.
pub(crate) fn markdown(p: &ReportParts<'_>) -> String {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let years = an.timeline.years;
    let cur = md(&eco.currency);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&eco.name));
    if !eco.description.is_empty() {
        let _ = writeln!(o, "{}\n", md(&eco.description));
    }
    let (actors, failing) = (&p.actors, &p.failing);
    if failing.is_empty() {
        let _ = writeln!(o, "**Win-win for every actor**: all {} actors receive value that serves their drivers; over the {years} years no firm loses money (NPV ≥ 0) and no customer pays more than what it receives is worth.\n", actors.len());
    } else {
        let _ = writeln!(
            o,
            "**Not win-win**: {}.\n",
            crate::words::failing_actors(failing.len(), actors.len())
        );
        for &a in failing.iter().take(20) {
            let reasons = crate::words::verdict_failures(eco, an, a);
            let _ = writeln!(
                o,
                "- {}: {}",
                md(&eco.node(a).label),
                md(&reasons.join("; "))
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Every actor over {years} years ({cur})\n");
    o.push_str("| actor | goal | revenue | spend | costs | cash | worth received | net value | NPV | breakeven | win-win |\n|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
    for &a in &p.table_actors {
        let l = &an.ledgers;
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&eco.node(a).label),
            crate::words::goal(an.network.goals[a]),
            amount(l.total(a, Field::Revenue)),
            amount(l.total(a, Field::Spend)),
            amount(l.total(a, Field::Costs)),
            amount(l.total(a, Field::Cash)),
            amount(l.total(a, Field::WorthTangible) + l.total(a, Field::WorthIntangible)),
            amount(l.total(a, Field::NetValue)),
            amount(l.npv[a]),
            crate::words::breakeven(l, a),
            match crate::words::verdict_word(an, a) {
                "no" => "**no**",
                word => word,
            }
        );
    }
    o.push_str("\n*Goal*: a profit actor is judged on money (its net value is its cash: what it buys is an input, what data, knowledge and benefits it receives is strategic value; win-win needs NPV ≥ 0); a worth actor on worth (net value = cash + worth received ≥ 0).\n");
    if p.table_actors
        .iter()
        .any(|&a| crate::words::verdict_word(an, a) == "yes, unvalued")
    {
        o.push_str("\n*Yes, unvalued*: win-win, but nothing the actor receives has a value in the file (0.0), so its net value of 0 says little; estimate what its inflows are worth to it.\n");
    }
    for note in &p.left_out {
        let _ = writeln!(o, "\n{}", md(note));
    }
    if let Some(k) = an.keystone {
        let _ = writeln!(
            o,
            "\nKeystone: **{}**: {} of the exchange value over the horizon depends on it.",
            md(&eco.node(k).label),
            percent(an.removal.impact[k])
        );
    }
    if !eco.extracts.is_empty() {
        let _ = writeln!(o, "\n## Value extracts\n");
        for ((x, r), (stem, _)) in eco.extracts.iter().zip(&an.extracts).zip(&p.extract_maps) {
            let _ = writeln!(
                o,
                "- **{}**: captures {} {cur} over {years} years; {} nodes, {} exchanges (map-extract-{}.svg)",
                md(&x.label),
                amount(r.money.iter().sum()),
                r.nodes.len(),
                r.exchanges.len(),
                md(stem)
            );
        }
    }
    if !an.unit_economics.is_empty() {
        let _ = writeln!(o, "\n## Customers: unit economics\n");
        let _ = writeln!(o, "Per customer, in {cur}: margin is revenue less the money paid out and the costs each sale drives (not fixed costs, which the customers needed must cover).\n");
        o.push_str(&crate::render::unit_economics::markdown(
            eco,
            an,
            crate::render::report::html::MAX_UNIT_TABLES,
        ));
    }
    super::whole::markdown(&mut o, p);
    what_if_sections(&mut o, p);
    findings_section(&mut o, p);
    let _ = writeln!(o, "\n## Files of this report\n");
    o.push_str("- `index.html`: the whole report in one page (map, extracts, charts, findings, canvases)\n- `map.svg`, `map.png`: the value-design map\n- `map-slide.svg`, `map-slide.png`: the map on a 16:9 slide (1920 x 1080, text of 14 px or more; what it leaves out is in its header)\n");
    for (stem, _) in &p.extract_maps {
        let _ = writeln!(
            o,
            "- `map-extract-{stem}.svg`, `.png`: one extract's closure"
        );
    }
    if !p.scenarios.is_empty() {
        o.push_str("- `diff-scenario-<id>.svg`, `.png`: each scenario's difference map\n");
    }
    if !p.tornadoes.is_empty() {
        o.push_str("- `tornado-<id>.svg`: what moves each leading actor's score most\n");
    }
    o.push_str("- `cash-flow.svg`, `net-value.svg`, `money-matrix.svg`, `value-sharing.svg`: the charts\n- `canvas-<id>.svg`, `.png` and `.md`: every actor's Business Model Canvas (a customer's profile for an actor that sells nothing)\n- `analysis.json`: every figure, keyed by ids\n");
    let _ = writeln!(
        o,
        "\nMade by valuedesign {} from {}.",
        env!("CARGO_PKG_VERSION"),
        md(&p.source_name)
    );
    o
}

/// The scenarios, the sensitivity and the simulation, when the design has them.
fn what_if_sections(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    if !p.scenarios.is_empty() {
        let _ = writeln!(o, "\n## What if: the scenarios of this design\n");
        for s in &p.scenarios {
            let _ = writeln!(o, "### {} (`{}`)\n", md(&s.label), s.id.replace('`', "'"));
            if !s.description.is_empty() {
                let _ = writeln!(o, "{}\n", md(&s.description));
            }
            o.push_str(&crate::render::compare::markdown(&s.comparison, 4));
            let _ = writeln!(o, "Difference map: diff-scenario-{}.svg\n", md(&s.stem));
        }
    }
    if !p.tornadoes.is_empty() {
        let s = &p.sensitivity;
        let _ = writeln!(o, "\n## How sure: sensitivity\n");
        let head = crate::render::sensitivity::headline(s, eco, an);
        let _ = writeln!(o, "{}\n", md(&head[1]));
        let flips = crate::render::sensitivity::flips(s, eco);
        if flips.is_empty() {
            o.push_str("No single number moved by 20% flips a verdict.\n");
        } else {
            o.push_str("Numbers whose swing flips a verdict:\n\n");
            for l in flips {
                let _ = writeln!(o, "- {}", md(&l));
            }
        }
        o.push('\n');
        for (a, stem, _) in &p.tornadoes {
            let top: Vec<String> = s
                .ranked(*a)
                .iter()
                .take(3)
                .map(|(i, e)| {
                    format!(
                        "{} (moves it by {})",
                        i.target.path(eco),
                        amount(e.reach(s.base[*a]))
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "- **{}**: {} (tornado-{}.svg)",
                md(&eco.node(*a).label),
                md(&top.join("; ")),
                md(stem)
            );
        }
    }
    if let Some((s, _)) = &p.simulation {
        let _ = writeln!(
            o,
            "\n## How likely: uncertainty\n\n{} runs drawing the file's ranges (seed {}): every actor is win-win in {} of them (uncertainty.svg).\n",
            amount(s.runs as f64),
            s.seed,
            percent(s.all_win)
        );
        o.push_str(
            "| actor | in the design | win-win in | 5% | 50% | 95% |\n|---|--:|--:|--:|--:|--:|\n",
        );
        for a in &s.actors {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                md(&eco.node(a.actor).label),
                amount(a.base),
                percent(a.win_win),
                amount(a.percentile(5.0)),
                amount(a.percentile(50.0)),
                amount(a.percentile(95.0))
            );
        }
    }
}

/// The findings, every one or (above 200) the first few of each code.
fn findings_section(o: &mut String, p: &ReportParts<'_>) {
    let _ = writeln!(o, "\n## Findings\n");
    if p.findings.is_empty() {
        o.push_str("None: every check of the catalogue passes.\n");
    }
    let listed = super::parts::finding_groups(&p.findings);
    if listed.summarised {
        let _ = writeln!(
            o,
            "{} of {}: the first {} of each code. `valuedesign check {} --all` lists every one (`--format json` too).\n",
            crate::words::count(p.findings.len(), "finding", "findings"),
            crate::words::count(listed.codes, "code", "codes"),
            super::parts::SHOWN_PER_CODE,
            md(&p.source_name)
        );
    }
    for (shown, more) in &listed.runs {
        for f in shown {
            let level = if f.severity == Severity::Deny {
                "deny"
            } else {
                "warning"
            };
            let title = md(f.title);
            let _ = writeln!(
                o,
                "- **{title}** ({level}, `{}`): {}  \n  *Why:* {}",
                f.code,
                md_code_spans(&f.message),
                md(f.why)
            );
        }
        if let Some((code, more)) = more {
            let _ = writeln!(
                o,
                "- `{code}`: and {}",
                crate::words::count(*more, "more", "more")
            );
        }
    }
}
