//! `index.html`: the whole report in one self-contained page. The SVGs are
//! inline, the measured font is embedded as a data URL, there is no script,
//! and a Content-Security-Policy forbids any network request. Print styles
//! keep figures whole and start each section on a fresh page. Every user
//! label is escaped.

use std::fmt::Write as _;

use base64::Engine as _;

use super::inline::{drawn_width, inline_svg};
use super::parts::ReportParts;
use crate::analysis::Field;
use crate::model::Severity;
use crate::render::escape::xml;
use crate::render::fonts;
use crate::words::{amount, failing_actors, percent};

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 0 auto; max-width: 1280px; padding: 24px; line-height: 1.45; }
h1 { font-size: 28px; margin: 0 0 4px; } h2 { font-size: 21px; margin-top: 36px; border-bottom: 2px solid #ddd; padding-bottom: 4px; } h3 { font-size: 16px; margin: 22px 0 6px; }
.lead { color: #555; margin: 0 0 12px; } tr.group td { color: #555; font-size: 0.92em; } .ok { color: #0a7a3c; font-weight: bold; } .bad { color: #b3261e; font-weight: bold; }
nav ol { columns: 2; font-size: 14px; } nav a { color: #1a4d8f; }
figure { margin: 12px 0 24px; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
figure.map .scroll { overflow-x: auto; } figure.map svg { width: max(100%, var(--w)); } figcaption { color: #666; font-size: 13px; }
details { margin: -12px 0 24px; font-size: 13px; } details small { color: #777; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; } th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; } td.n { text-align: right; white-space: nowrap; } th { background: #f4f6f8; }
div.scroll { overflow-x: auto; } table.wide { font-size: 12px; } table.wide td, table.wide th { padding: 3px 5px; }
.sev-deny { color: #b3261e; font-weight: bold; } .sev-warn { color: #9a6700; }
footer { color: #777; font-size: 12px; margin-top: 40px; border-top: 1px solid #ddd; padding-top: 8px; }
.print-only { display: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; } nav { display: none; }
  section { break-before: page; } section#summary { break-before: auto; }
  figure, tr, h2, h3 { break-inside: avoid; } h2, h3 { break-after: avoid; } thead { display: table-header-group; }
  h2 { margin-top: 0; } footer { display: none; }
  figure svg, figure.map svg { border: none; width: 100%; max-height: 13.5cm; } figure.map .scroll { overflow: visible; }
  .keep { break-inside: avoid; } .keep ~ .keep { break-before: page; } .keep figure.map svg { max-height: 12.5cm; }
  .canvas figure svg { max-height: 16cm; } .canvas:first-of-type figure svg { max-height: 14.5cm; } .canvas figcaption { display: none; }
  details { display: none; } .print-only { display: block; break-before: page; font-size: 8.5pt; }
  .print-only table { font-size: 8.5pt; width: 100%; }
}
@page { size: A4 landscape; margin: 1.2cm; }
"#;

/// The ledger columns of one row: revenue, spend, costs, cash, worth
/// received, net value, NPV, breakeven.
fn ledger_cells<R: crate::index::Idx>(l: &crate::analysis::Ledgers<R>, a: R) -> String {
    let worth = l.total(a, Field::WorthTangible) + l.total(a, Field::WorthIntangible);
    let mut cells = String::new();
    for x in [
        l.total(a, Field::Revenue),
        l.total(a, Field::Spend),
        l.total(a, Field::Costs),
        l.total(a, Field::Cash),
        worth,
        l.total(a, Field::NetValue),
        l.npv[a],
    ] {
        let _ = write!(cells, "<td class=\"n\">{}</td>", amount(x));
    }
    let _ = write!(cells, "<td>{}</td>", crate::words::breakeven(l, a));
    cells
}

/// The verdict with its basis: the word, coloured, then its tests in words.
fn verdict_cell(
    eco: &crate::model::Ecosystem,
    an: &crate::analysis::Analysis,
    a: crate::index::NodeIdx,
) -> String {
    let v = &an.verdicts[a];
    if !v.applies() {
        return "n/a".to_owned();
    }
    let basis = crate::words::verdict_basis(eco, an, a);
    let (word, rest) = basis.split_once(": ").unwrap_or((&basis, ""));
    let class = if v.fails() { "bad" } else { "ok" };
    format!(
        "<span class=\"{class}\">{}</span>: {}",
        xml(word),
        xml(rest)
    )
}

/// Text already escaped, with `id` spans turned into `<code>` elements (the
/// backticks of finding messages, written for the terminal).
fn code_spans(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    for (k, part) in escaped.split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Every entry of a canvas with its sources, folded under the drawing (the
/// drawing may have had to leave some out).
fn canvas_details(out: &mut String, c: &crate::canvas::Canvas, currency: &str, left_out: usize) {
    let table = entries_table(c, currency);
    let _ = write!(
        out,
        "<details><summary>Every entry, with the exchanges, nodes and costs it comes from</summary>\n{table}</details>\n"
    );
    // On paper there is nothing to unfold: when the drawing left entries
    // out, the whole list follows it.
    if left_out > 0 {
        let _ = write!(
            out,
            "<div class=\"print-only\"><h3>{}: every entry of the canvas ({left_out} not drawn above)</h3>\n{table}</div>\n",
            xml(&c.label)
        );
    }
}

/// Every block of a canvas with its entries and their sources, as a table.
/// Most unit-economics tables in a report.
pub(crate) const MAX_UNIT_TABLES: usize = 20;

fn entries_table(c: &crate::canvas::Canvas, currency: &str) -> String {
    use crate::render::canvas::svg::{entry_text, source_ids};
    let mut out = String::from("<table>\n");
    for (title, entries) in c.blocks() {
        let _ = write!(out, "<tr><th>{}</th><td>", xml(title));
        if entries.is_empty() {
            out.push_str("(none in the value network)");
        }
        for e in entries {
            let _ = write!(
                out,
                "<div>{} <small>(from {})</small></div>",
                xml(&entry_text(e, currency)),
                xml(&source_ids(e))
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</table>\n");
    out
}

fn figure(out: &mut String, svg: &str, caption: &str) {
    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        inline_svg(svg),
        xml(caption)
    );
}

/// A map: on screen at no less than 80% of its drawn size (scrolling
/// sideways when wider than the page), so its text stays readable; printed
/// to the page width.
fn map_figure(out: &mut String, svg: &str, caption: &str) {
    let width = drawn_width(svg);
    let _ = writeln!(
        out,
        "<figure class=\"map\"><div class=\"scroll\" style=\"--w: {:.0}px\">{}</div><figcaption>{}</figcaption></figure>",
        width * 0.8,
        inline_svg(svg),
        xml(caption)
    );
}

/// The page: head, headline, then one section each for the summary, the map,
/// the extracts, the charts, the findings and the canvases.
pub fn html(p: &ReportParts<'_>) -> String {
    let eco = p.design.ecosystem();
    let mut o = String::with_capacity(4 << 20);
    let font = base64::engine::general_purpose::STANDARD.encode(fonts::REGULAR);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {}; style-src 'unsafe-inline'; font-src data:; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · value design report</title>\n<style>@font-face {{ font-family: \"DejaVu Sans\"; src: url(data:font/ttf;base64,{font}) format(\"truetype\"); }}{STYLE}{}</style>\n</head>\n<body>\n",
        super::explore::SCRIPT_SOURCE,
        xml(&eco.name),
        super::explore::STYLE
    );
    header(&mut o, p);
    summary_section(&mut o, p);
    map_section(&mut o, p);
    extracts_section(&mut o, p);
    customers_section(&mut o, p);
    super::whole::html(&mut o, p);
    charts_section(&mut o, p);
    scenarios_section(&mut o, p);
    sensitivity_section(&mut o, p);
    uncertainty_section(&mut o, p);
    findings_section(&mut o, p);
    canvases_section(&mut o, p);
    let _ = writeln!(
        o,
        "<footer>Made by valuedesign {} from {}. What every figure means: docs/semantics.md; the findings: docs/findings.md.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        xml(&p.source_name)
    );
    o
}

/// The headline: the design, and whether it is win-win for every actor (if not, who fails and why).
fn header(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let (actors, failing) = (&p.actors, &p.failing);
    let _ = write!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n",
        xml(&eco.name),
        xml(&eco.description)
    );
    if failing.is_empty() {
        let _ = writeln!(o, "<p class=\"ok\">Win-win for every actor: all {} actors receive value that serves their drivers; over the {} years no firm loses money (NPV ≥ 0) and no customer pays more than what it receives is worth.</p>", actors.len(), an.timeline.years);
    } else {
        // Each failing actor with why, the first few; the summary has them all.
        let mut items: Vec<String> = failing
            .iter()
            .take(5)
            .map(|&a| {
                format!(
                    "<li><b>{}</b>: {}</li>",
                    xml(&eco.node(a).label),
                    code_spans(&xml(&crate::words::verdict_failures(eco, an, a).join("; ")))
                )
            })
            .collect();
        if failing.len() > 5 {
            items.push(format!(
                "<li>and {} more (see the summary)</li>",
                failing.len() - 5
            ));
        }
        let _ = writeln!(
            o,
            "<p class=\"bad\">Not win-win: {}.</p>\n<ul class=\"why\">{}</ul>",
            failing_actors(failing.len(), actors.len()),
            items.join("")
        );
    }
    o.push_str("</header>\n<nav><ol><li><a href=\"#summary\">Summary: every actor's ledger</a></li><li><a href=\"#map\">Value-design map</a></li>");
    if !p.extract_maps.is_empty() {
        o.push_str("<li><a href=\"#extracts\">Value extracts</a></li>");
    }
    if !p.analysis.unit_economics.is_empty() {
        o.push_str("<li><a href=\"#customers\">Customers: unit economics</a></li>");
    }
    o.push_str("<li><a href=\"#charts\">Charts</a></li>");
    if !p.scenarios.is_empty() {
        o.push_str("<li><a href=\"#scenarios\">What if: the scenarios</a></li>");
    }
    if !p.tornadoes.is_empty() {
        o.push_str("<li><a href=\"#sensitivity\">How sure: sensitivity</a></li>");
    }
    if p.simulation.is_some() {
        o.push_str("<li><a href=\"#uncertainty\">How likely: uncertainty</a></li>");
    }
    o.push_str("<li><a href=\"#findings\">Findings</a></li><li><a href=\"#canvases\">Business Model Canvases</a></li></ol></nav>\n");
}

/// The summary: every actor's ledger and verdict, group ledgers, the keystone.
fn summary_section(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let cur = xml(&p.design.ecosystem().currency);
    let _ = write!(o, "<section id=\"summary\">\n<h2>Summary: every actor over {} years ({cur})</h2>\n<table>\n<thead><tr><th>actor</th><th>kind</th><th>goal</th><th>revenue</th><th>spend</th><th>costs</th><th>cash</th><th>worth received</th><th>net value</th><th>NPV</th><th>breakeven</th><th>win-win</th></tr></thead>\n", an.timeline.years);
    for &a in &p.table_actors {
        let goal = crate::words::goal(an.network.goals[a]);
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{:?}</td><td>{goal}</td>{}<td>{}</td></tr>",
            xml(&eco.node(a).label),
            eco.node(a).kind,
            ledger_cells(&an.ledgers, a),
            verdict_cell(eco, an, a),
        );
        // An actor that holds devices, activities or other nodes: its group
        // ledger (its own plus theirs) on a row of its own, for reference.
        if let Some(g) = an.group_ledgers.slot_of(a) {
            let _ = writeln!(
                o,
                "<tr class=\"group\"><td>↳ with what it holds</td><td>group</td><td></td>{}<td></td></tr>",
                ledger_cells(&an.group_ledgers.ledgers, g),
            );
        }
    }
    o.push_str("</table>\n<p class=\"lead\">Totals over the horizon. <b>Revenue</b>: money received; <b>spend</b>: money paid to other nodes; <b>costs</b>: the actor's own costs; <b>cash</b> = revenue − spend − costs; <b>worth received</b>: the value of the goods, services, data, knowledge and benefits it receives; <b>goal</b>: what the actor is in the ecosystem for: a <b>profit</b> actor (an organisation, by default) is judged on money: its <b>net value</b> is its cash, because the goods and services it buys are inputs to what it sells and the data, knowledge and benefits it receives are strategic value, shown but never added; a <b>worth</b> actor (a segment, a person, or any node with <code>goal: Worth</code>) is judged on worth: its net value = cash + worth received; <b>NPV</b>: cash discounted at the design's rate; <b>breakeven</b>: the first year its cumulative cash is zero or more. <b>Win-win</b>: it receives value that serves its drivers, and a profit actor's NPV, a worth actor's net value, is not negative; the reasons are given in words; <b>with what it holds</b>: the group ledger of an actor with devices, activities or members (its own plus theirs); <b>unvalued</b>: it is win-win, but nothing it receives has a value in the file (0.0), so its net value of 0 says little: estimate what its inflows are worth to it.</p>\n");
    for note in &p.left_out {
        let _ = writeln!(o, "<p class=\"lead\">{}</p>", xml(note));
    }
    if let Some(k) = an.keystone {
        let _ = writeln!(o, "<p>Keystone: <b>{}</b>: {} of the exchange value over {} years depends on it (removal impact; the keystone is the supplier others depend on most, customers are not counted).</p>", xml(&eco.node(k).label), percent(an.removal.impact[k]), an.timeline.years);
    }
    o.push_str("</section>\n");
}

/// The value-design map of the whole network.
fn map_section(o: &mut String, p: &ReportParts<'_>) {
    o.push_str("<section id=\"map\">\n<h2>Value-design map</h2>\n");
    for n in &p.map.view.notes {
        let _ = writeln!(o, "<p class=\"lead\">{}</p>", xml(n));
    }
    super::explore::map_figure(o, p, &p.map.svg, "Every node and flow: tangible flows solid, intangible dashed, width by value per year. On screen: hover or Tab to an actor to see its flows, click it (or Enter) for its ledger, verdict and canvas; filter the flows by kind, driver or extract. Also in map.svg and map.png, and on a 16:9 slide in map-slide.svg and map-slide.png.");
    o.push_str("</section>\n");
}

/// One map per value extract, with what it captures.
fn extracts_section(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let cur = xml(&p.design.ecosystem().currency);
    if !p.extract_maps.is_empty() {
        o.push_str("<section id=\"extracts\">\n<h2>Value extracts</h2>\n");
        for ((stem, m), (x, r)) in p
            .extract_maps
            .iter()
            .zip(eco.extracts.iter().zip(&an.extracts))
        {
            let money: f64 = r.money.iter().sum();
            let _ = writeln!(
                o,
                "<div class=\"keep\">\n<h3>{}</h3>\n<p>{} nodes, {} exchanges; captures {} {cur} over {} years ({} {cur} flowing in the closure).</p>",
                xml(&x.label),
                r.nodes.len(),
                r.exchanges.len(),
                amount(money),
                an.timeline.years,
                amount(r.money_flowing.iter().sum())
            );
            map_figure(
                o,
                &m.svg,
                &format!(
                    "Everything the extract \"{}\" needs to create and capture its value (map-extract-{stem}.svg).",
                    x.label
                ),
            );
            o.push_str("</div>\n");
        }
        o.push_str("</section>\n");
    }
}

/// Unit economics: per customer of each segment, for each actor it pays
/// (at most [`MAX_UNIT_TABLES`] tables).
fn customers_section(o: &mut String, p: &ReportParts<'_>) {
    use crate::render::unit_economics as show;
    let eco = p.design.ecosystem();
    let an = p.analysis;
    if an.unit_economics.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<section id=\"customers\">\n<h2>Customers: unit economics</h2>\n<p class=\"lead\">Per customer, in {}: margin is revenue less the money paid out and the costs each sale drives (not fixed costs, which the customers needed must cover).</p>",
        xml(&eco.currency)
    );
    for u in an.unit_economics.iter().take(MAX_UNIT_TABLES) {
        let _ = writeln!(
            o,
            "<div class=\"keep\">\n<h3>{}</h3>\n<table>\n<tr>",
            xml(&show::heading(eco, u))
        );
        for h in show::HEADER {
            let _ = write!(o, "<th>{}</th>", xml(h));
        }
        o.push_str("</tr>\n");
        for r in show::rows(eco, u) {
            o.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                let _ = write!(
                    o,
                    "<td{}>{}</td>",
                    if i > 0 { " class=\"n\"" } else { "" },
                    xml(c)
                );
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n");
        for l in show::lines(eco, an, u) {
            let _ = writeln!(o, "<p>{}</p>", xml(&l));
        }
        o.push_str("</div>\n");
    }
    if an.unit_economics.len() > MAX_UNIT_TABLES {
        let _ = writeln!(
            o,
            "<p>{} more in <code>valuedesign analyse FILE</code> and <code>analysis.json</code>.</p>",
            an.unit_economics.len() - MAX_UNIT_TABLES
        );
    }
    o.push_str("</section>\n");
}

/// The charts, each with its caption.
fn charts_section(o: &mut String, p: &ReportParts<'_>) {
    o.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    for (name, svg) in &p.chart_svgs {
        let caption = match name.as_str() {
            "cash-flow.svg" => "Where each actor's cash stands at the end of each year; crossing zero is its breakeven (cash-flow.svg).",
            "net-value.svg" => "What each actor gains over the horizon, by its goal: a firm its cash, a customer the worth of what it receives less what it pays (net-value.svg).",
            "money-matrix.svg" => "Who pays whom, per year (money-matrix.svg).",
            "value-sharing.svg" => "How value is shared: each actor's share of the value the ecosystem creates beside its share of what the businesses put in (value-sharing.svg).",
            other => other,
        };
        figure(o, svg, caption);
    }
    o.push_str("</section>\n");
}

/// Each scenario of the file compared with the design: the verdicts that
/// flip, every actor's figures side by side, what changed, and the
/// difference map.
fn scenarios_section(o: &mut String, p: &ReportParts<'_>) {
    use crate::render::compare as show;
    if p.scenarios.is_empty() {
        return;
    }
    o.push_str("<section id=\"scenarios\">\n<h2>What if: the scenarios of this design</h2>\n<p class=\"lead\">Each scenario of the file changes some numbers or takes some actors and flows out; here each is compared with the design as it is. <code>valuedesign compare FILE</code> prints the same; <code>--scenario ID</code> on any command analyses one.</p>\n");
    for s in &p.scenarios {
        let c = &s.comparison;
        let _ = writeln!(
            o,
            "<div class=\"keep\">\n<h3 id=\"scenario-{}\">{} <small>(<code>{}</code>)</small></h3>",
            xml(&s.stem),
            xml(&s.label),
            xml(&s.id)
        );
        if !s.description.is_empty() {
            let _ = writeln!(o, "<p class=\"lead\">{}</p>", xml(&s.description));
        }
        let head = show::headline(c);
        let class = if c.flips().next().is_some() {
            "bad"
        } else {
            "ok"
        };
        let _ = writeln!(
            o,
            "<p>{}</p>\n<p class=\"{class}\">{}</p>",
            xml(&head[1]),
            xml(&head[2..].join(" "))
        );
        // One row per actor: each figure before, after and its change.
        o.push_str("<div class=\"scroll\"><table class=\"wide\">\n<thead><tr><th rowspan=\"2\">actor</th><th rowspan=\"2\">win-win</th><th colspan=\"3\">revenue</th><th colspan=\"3\">cash</th><th colspan=\"3\">NPV</th><th colspan=\"3\">net value</th><th rowspan=\"2\">breakeven</th></tr>\n<tr>");
        for _ in 0..4 {
            o.push_str("<th>before</th><th>after</th><th>change</th>");
        }
        o.push_str("</tr></thead>\n");
        let arrow = |b: &str, a: &str| {
            if a == b {
                a.to_owned()
            } else {
                format!("{b} → {a}")
            }
        };
        for chunk in show::changed_rows(c).chunks(6) {
            let [verdict, numbers @ .., breakeven] = chunk else {
                continue;
            };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td>",
                xml(&verdict[0]),
                arrow(&verdict[2], &verdict[3])
            );
            for r in numbers {
                let _ = write!(
                    o,
                    "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                    r[2], r[3], r[4]
                );
            }
            let _ = writeln!(o, "<td>{}</td></tr>", arrow(&breakeven[2], &breakeven[3]));
        }
        o.push_str("</table></div>\n");
        let _ = writeln!(o, "<p class=\"lead\">{}</p>", show::FOOTNOTE);
        if let Some(l) = show::unchanged_line(c) {
            let _ = writeln!(o, "<p>{}</p>", xml(&l));
        }
        for (title, lines) in show::groups(c) {
            let _ = write!(o, "<p>{title}:</p>\n<ul>");
            for l in lines {
                let _ = write!(o, "<li>{}</li>", xml(&l));
            }
            o.push_str("</ul>\n");
        }
        map_figure(
            o,
            &s.map.svg,
            &format!(
                "The scenario's map with what changes marked: added and changed actors and flows haloed and tagged, removed ones faded and dashed (diff-scenario-{}.svg).",
                s.stem
            ),
        );
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
}

/// How sure: the numbers whose 20% swing flips a verdict, and each leading
/// actor's tornado chart.
fn sensitivity_section(o: &mut String, p: &ReportParts<'_>) {
    use crate::render::sensitivity as show;
    if p.tornadoes.is_empty() {
        return;
    }
    let eco = p.design.ecosystem();
    let s = &p.sensitivity;
    let head = show::headline(s, eco, p.analysis);
    let _ = writeln!(
        o,
        "<section id=\"sensitivity\">\n<h2>How sure: sensitivity</h2>\n<p class=\"lead\">{} {} <code>valuedesign sensitivity FILE</code> lists every number.</p>",
        xml(&head[0]),
        xml(&head[1])
    );
    let flips = show::flips(s, eco);
    if flips.is_empty() {
        o.push_str("<p class=\"ok\">No single number moved by 20% flips a verdict.</p>\n");
    } else {
        o.push_str("<p class=\"bad\">Numbers whose swing flips a verdict:</p>\n<ul>");
        for l in flips {
            let _ = write!(o, "<li><code>{}</code></li>", xml(&l));
        }
        o.push_str("</ul>\n");
    }
    for (a, stem, svg) in &p.tornadoes {
        let _ = writeln!(
            o,
            "<div class=\"keep\">\n<h3>{}</h3>",
            xml(&eco.node(*a).label)
        );
        figure(
            o,
            svg,
            &format!(
                "The numbers that move it most, each down and up by 20% (tornado-{stem}.svg)."
            ),
        );
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
}

/// How likely: the simulation over the file's ranges.
fn uncertainty_section(o: &mut String, p: &ReportParts<'_>) {
    let Some((s, svg)) = &p.simulation else {
        return;
    };
    let eco = p.design.ecosystem();
    let ranges: Vec<String> = s
        .ranges
        .iter()
        .map(|(path, _)| format!("<code>{}</code>", xml(path)))
        .collect();
    let _ = writeln!(
        o,
        "<section id=\"uncertainty\">\n<h2>How likely: uncertainty</h2>\n<p class=\"lead\">{} runs drawing the file's ranges on {} (seed {}); <code>valuedesign simulate FILE</code> runs it again.</p>\n<p class=\"{}\">Every actor is win-win in {} of the runs.</p>",
        amount(s.runs as f64),
        ranges.join(", "),
        s.seed,
        if s.all_win >= 0.5 { "ok" } else { "bad" },
        percent(s.all_win)
    );
    o.push_str("<table>\n<thead><tr><th>actor</th><th>score</th><th>in the design</th><th>win-win in</th><th>5%</th><th>50%</th><th>95%</th></tr></thead>\n");
    for a in &s.actors {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            xml(&eco.node(a.actor).label),
            if a.goal == crate::model::Goal::Profit { "NPV" } else { "net value" },
            amount(a.base),
            percent(a.win_win),
            amount(a.percentile(5.0)),
            amount(a.percentile(50.0)),
            amount(a.percentile(95.0))
        );
    }
    o.push_str("</table>\n");
    figure(o, svg, "Where each actor's score falls in 90% of the runs, its median, and its score in the design (uncertainty.svg).");
    o.push_str("</section>\n");
}

/// The findings table, code by code (deny-level first); above
/// [`super::parts::FINDINGS_LISTED_IN_FULL`] findings, the first few of each
/// code and how many more.
fn findings_section(o: &mut String, p: &ReportParts<'_>) {
    o.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if p.findings.is_empty() {
        o.push_str("<p class=\"ok\">No finding: every check of the catalogue passes.</p>\n");
        o.push_str("</section>\n");
        return;
    }
    let listed = super::parts::finding_groups(&p.findings);
    if listed.summarised {
        let _ = writeln!(
            o,
            "<p class=\"lead\">{} of {}: the first {} of each code are listed. <code>valuedesign check {}&nbsp;--all</code> lists every one (<code>--format json</code> too).</p>",
            crate::words::count(p.findings.len(), "finding", "findings"),
            crate::words::count(listed.codes, "code", "codes"),
            super::parts::SHOWN_PER_CODE,
            xml(&p.source_name)
        );
    }
    o.push_str("<table>\n<thead><tr><th>severity</th><th>code</th><th>finding</th><th>why</th><th>source</th></tr></thead>\n");
    for (shown, more) in &listed.runs {
        for f in shown {
            let (class, word) = if f.severity == Severity::Deny {
                ("sev-deny", "deny")
            } else {
                ("sev-warn", "warning")
            };
            let _ = writeln!(o, "<tr><td class=\"{class}\">{word}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>", xml(f.code.as_str()), code_spans(&xml(&f.message)), xml(f.why), xml(f.source));
        }
        if let Some((code, more)) = more {
            let _ = writeln!(
                o,
                "<tr><td></td><td><code>{}</code></td><td colspan=\"3\">and {}</td></tr>",
                xml(code.as_str()),
                crate::words::count(*more, "more", "more")
            );
        }
    }
    o.push_str("</table>\n</section>\n");
}

/// Every actor's canvas (or customer profile) with its details.
fn canvases_section(o: &mut String, p: &ReportParts<'_>) {
    let eco = p.design.ecosystem();
    o.push_str(
        "<section id=\"canvases\">\n<h2>Business Model Canvases, derived from the network</h2>\n<p class=\"lead\">Every actor that sells has its nine-block canvas; an actor that sells nothing (a customer) has its customer profile instead: the jobs it wants done (its drivers), its gains and its pains.</p>\n",
    );
    for c in &p.canvases {
        let _ = writeln!(
            o,
            "<div class=\"keep canvas\">\n<h3 id=\"canvas-{}\">{}: {}</h3>",
            xml(&c.stem),
            xml(&c.canvas.label),
            c.canvas.title()
        );
        figure(
            o,
            &c.svg,
            &format!(
                "canvas-{}.svg (and .png for slides, .md for documents)",
                c.stem
            ),
        );
        o.push_str("</div>\n");
        canvas_details(o, &c.canvas, &eco.currency, c.left_out);
    }
    o.push_str("</section>\n");
}
