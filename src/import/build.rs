//! Sheets to a value design: each row read into the model (a cell that is
//! not a number, not a kind, missing where required is located there), then
//! the design validated as a loaded file is, its problems located back on
//! the cells they come from ([`super::locate`]).

use serde::de::DeserializeOwned;

use super::columns::{CADENCES, GOALS, KINDS, MODELS, ROLES};
use super::problem::ImportProblem;
use super::sheet::{Sheet, Sheets};
use crate::code::DiagnosticCode;
use crate::model::{Cost, Driver, Ecosystem, Exchange, Extract, Flow, Follow, Node, Text};
use crate::validate::ValueDesign;

/// A text cell as the user meant it: trimmed, with the apostrophe that
/// `export` puts before a would-be formula taken off again.
fn unguard(s: &str) -> &str {
    let s = s.trim();
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}

/// A number as a spreadsheet shows it: `1200`, `1,200`, `1 200` (any space,
/// the non-breaking ones included), `0.05`, `-3`, `1e6`. A comma only groups
/// thousands (`12,00` and `1,5` are refused: in many locales the comma is the
/// decimal mark, and guessing would read 1.5 as 15). The error is what to do.
pub(super) fn parse_number(v: &str) -> Result<f64, &'static str> {
    if v.starts_with('=') {
        return Err("the formula has no saved result (a file written by a program, not saved by Excel): open the workbook in Excel or LibreOffice and save it, or type the number");
    }
    if v.starts_with('#') {
        return Err("the formula in this cell gives an error: fix the formula, or type the number");
    }
    if v.starts_with(super::sheet::DATE_MARK) {
        return Err("the cell holds a date: format the cell as a number and type the number");
    }
    let cleaned: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if cleaned.contains(',') {
        let unsigned = cleaned.trim_start_matches(['-', '+']);
        let end = unsigned.find(['.', 'e', 'E']).unwrap_or(unsigned.len());
        let (int, rest) = unsigned.split_at(end);
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        let grouped = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3)
            && int.chars().all(|c| c.is_ascii_digit() || c == ',')
            && !rest.contains(',');
        if !grouped {
            return Err("write a point for decimals (12.50, not 12,50); a comma may only group thousands (1,200)");
        }
    }
    cleaned
        .replace(',', "")
        .parse::<f64>()
        .map_err(|_| "write a plain number such as 1200 or 0.05 (no currency sign or %)")
}

/// Reads one sheet's cells, collecting problems.
pub(super) struct Rows<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) problems: &'a mut Vec<ImportProblem>,
    /// Required columns the sheet lacks, already reported (once each).
    missing: Vec<&'static str>,
}

impl<'a> Rows<'a> {
    fn new(sheet: &'a Sheet, problems: &'a mut Vec<ImportProblem>) -> Self {
        Rows {
            sheet,
            problems,
            missing: Vec::new(),
        }
    }

    fn raw(&self, row: usize, col: &str) -> Option<(&str, usize)> {
        let c = self.sheet.column(col)?;
        let v = unguard(self.sheet.rows[row].get(c)?);
        (!v.is_empty()).then_some((v, c))
    }

    fn problem(
        &mut self,
        code: DiagnosticCode,
        row: usize,
        col: usize,
        message: String,
        help: Option<String>,
    ) {
        self.problems.push(ImportProblem {
            code,
            at: self.sheet.at(row, col),
            message,
            help,
        });
    }

    fn text(&self, row: usize, col: &str) -> Option<Text> {
        self.raw(row, col).map(|(v, _)| Text::from(v))
    }

    fn list(&self, row: usize, col: &str) -> Vec<Text> {
        self.raw(row, col).map_or_else(Vec::new, |(v, _)| {
            v.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Text::from)
                .collect()
        })
    }

    fn required(&mut self, row: usize, col: &'static str) -> Text {
        match self.raw(row, col) {
            Some((v, _)) => Text::from(v),
            None if self.sheet.column(col).is_none() => {
                // A missing column is one problem, at the header.
                if !self.missing.contains(&col) {
                    self.missing.push(col);
                    self.problems.push(ImportProblem {
                        code: DiagnosticCode::MissingField,
                        at: self.sheet.header_at(self.sheet.header.len()),
                        message: format!(
                            "the `{}` sheet has no `{col}` column, and every row needs one",
                            self.sheet.name
                        ),
                        help: Some(format!(
                            "add a `{col}` column to the header row (docs/format.md lists the columns)"
                        )),
                    });
                }
                Text::default()
            }
            None => {
                let c = self.sheet.column(col).unwrap_or(self.sheet.header.len());
                self.problem(
                    DiagnosticCode::MissingField,
                    row,
                    c,
                    format!(
                        "`{col}` is empty, and every row of `{}` needs one",
                        self.sheet.name
                    ),
                    Some(format!(
                        "fill in the `{col}` cell (docs/format.md lists the columns)"
                    )),
                );
                Text::default()
            }
        }
    }

    fn number(&mut self, row: usize, col: &str) -> Option<f64> {
        let (v, c) = self.raw(row, col)?;
        match parse_number(v) {
            Ok(n) => Some(n),
            Err(help) => {
                let v = v.to_owned();
                self.problem(
                    DiagnosticCode::WrongType,
                    row,
                    c,
                    format!("`{v}` in `{col}` is not a number"),
                    Some(help.to_owned()),
                );
                None
            }
        }
    }

    /// A cell naming one of `names` (read by the `ron` crate, so `Times(4)`
    /// works as in a file); case is forgiven.
    fn variant<T: DeserializeOwned>(&mut self, row: usize, col: &str, names: &[&str]) -> Option<T> {
        let (v, c) = self.raw(row, col)?;
        let fixed = match names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(v.split('(').next().unwrap_or(v).trim()))
        {
            Some(n) => match v.find('(') {
                Some(i) => format!("{n}{}", &v[i..]),
                None => (*n).to_owned(),
            },
            None => v.to_owned(),
        };
        match ron::from_str::<T>(&fixed) {
            Ok(x) => Some(x),
            Err(_) => {
                let hint = cadence_hint(v, names).map_or_else(
                    || {
                        crate::suggest::did_you_mean(v, names.iter().copied()).map_or_else(
                            || format!("one of: {}", names.join(", ")),
                            |s| format!("did you mean `{s}`?"),
                        )
                    },
                    str::to_owned,
                );
                let v = v.to_owned();
                self.problem(
                    DiagnosticCode::UnknownVariant,
                    row,
                    c,
                    format!("`{v}` is not a {col}"),
                    Some(hint),
                );
                None
            }
        }
    }
}

/// What to write for a cadence said in words (`weekly`, `quarterly`), or
/// for `Times` without its count.
fn cadence_hint(v: &str, names: &[&str]) -> Option<&'static str> {
    if !names.contains(&"Times") {
        return None;
    }
    let words = v.trim().to_lowercase().replace(['-', '_'], " ");
    Some(match words.as_str() {
        "weekly" | "every week" => "write Times(52): 52 times a year",
        "daily" | "every day" => "write Times(365): 365 times a year",
        "quarterly" | "every quarter" => "write Times(4): four times a year",
        "half yearly" | "semiannually" | "semi annually" | "biannually" | "twice a year" => {
            "write Times(2): twice a year"
        }
        "annually" | "annual" | "every year" | "per year" => "write Yearly",
        "one off" | "one time" | "single" => "write Once",
        w if w.starts_with("times") => {
            "write Times(N) with how many times a year: Times(4) is four times a year"
        }
        _ => return None,
    })
}

fn flow(r: &mut Rows<'_>, row: usize) -> Option<Flow> {
    let (v, c) = r.raw(row, "flow")?;
    if let Some(f) = Flow::ALL.iter().find(|f| f.word().eq_ignore_ascii_case(v)) {
        return Some(*f);
    }
    let words: Vec<&str> = Flow::ALL.iter().map(|f| f.word()).collect();
    let hint = crate::suggest::did_you_mean(&v.to_lowercase(), words.iter().copied()).map_or_else(
        || format!("one of: {}", words.join(", ")),
        |s| format!("did you mean `{s}`?"),
    );
    let v = v.to_owned();
    r.problem(
        DiagnosticCode::UnknownVariant,
        row,
        c,
        format!("`{v}` is not a flow"),
        Some(hint),
    );
    None
}

fn nodes(
    r: &mut Rows<'_>,
    costs: Option<&Sheet>,
    problems_costs: &mut Vec<ImportProblem>,
    cost_rows: &mut Vec<(usize, usize)>,
) -> Vec<Node> {
    let mut nodes: Vec<Node> = (0..r.sheet.rows.len())
        .map(|row| Node {
            id: r.required(row, "id"),
            label: r.text(row, "label").unwrap_or_default(),
            kind: r.variant(row, "kind", KINDS).unwrap_or_else(|| {
                if r.raw(row, "kind").is_none() {
                    r.required(row, "kind");
                }
                crate::model::NodeKind::Organization
            }),
            count: r.number(row, "count").unwrap_or(1.0),
            growth: r.number(row, "growth").unwrap_or(0.0),
            churn: r.number(row, "churn"),
            parent: r.text(row, "parent"),
            drivers: r.list(row, "drivers"),
            activities: r.list(row, "activities"),
            resources: r.list(row, "resources"),
            costs: Vec::new(),
            iot_role: r.variant(row, "iot_role", ROLES),
            decides_for: r.text(row, "decides_for"),
            goal: r.variant(row, "goal", GOALS),
            industry: r.text(row, "industry"),
        })
        .collect();
    if let Some(sheet) = costs {
        let mut c = Rows::new(sheet, problems_costs);
        for row in 0..sheet.rows.len() {
            let node = c.required(row, "node");
            let cost = Cost {
                label: c.required(row, "label"),
                amount: c.number(row, "amount").unwrap_or(0.0),
                cadence: c.variant(row, "cadence", CADENCES),
                per_exchange: c.text(row, "per_exchange"),
            };
            match nodes.iter().position(|n| n.id == node) {
                Some(i) => {
                    cost_rows.push((i, row));
                    nodes[i].costs.push(cost);
                }
                None if node.is_empty() => {}
                None => {
                    let col = sheet.column("node").unwrap_or(0);
                    let hint =
                        crate::suggest::did_you_mean(&node, nodes.iter().map(|n| n.id.as_str()))
                            .map(|s| format!("did you mean `{s}`?"));
                    c.problem(
                        DiagnosticCode::UnknownId,
                        row,
                        col,
                        format!("no node `{node}` in the nodes sheet"),
                        hint,
                    );
                }
            }
        }
    }
    nodes
}

fn exchanges(r: &mut Rows<'_>) -> Vec<Exchange> {
    (0..r.sheet.rows.len())
        .map(|row| {
            let follows = r.text(row, "follows").map(|exchange| Follow {
                exchange,
                ratio: r.number(row, "follows_ratio").unwrap_or(1.0),
            });
            Exchange {
                id: r.required(row, "id"),
                from: r.required(row, "from"),
                to: r.required(row, "to"),
                flow: flow(r, row).unwrap_or_else(|| {
                    if r.raw(row, "flow").is_none() {
                        r.required(row, "flow");
                    }
                    Flow::Money
                }),
                offering: r.text(row, "offering").unwrap_or_default(),
                value: r.number(row, "value").unwrap_or_else(|| {
                    if r.raw(row, "value").is_none() {
                        r.required(row, "value");
                    }
                    0.0
                }),
                cadence: r.variant(row, "cadence", CADENCES).unwrap_or_else(|| {
                    if r.raw(row, "cadence").is_none() {
                        r.required(row, "cadence");
                    }
                    crate::model::Cadence::Yearly
                }),
                per: r.text(row, "per"),
                follows,
                reciprocates: r.text(row, "reciprocates"),
                drivers: r.list(row, "drivers"),
                channel: r.text(row, "channel"),
                relationship: r.text(row, "relationship"),
                revenue_model: r.variant(row, "revenue_model", MODELS),
            }
        })
        .collect()
}

/// The ecosystem's own fields, from the `ecosystem` sheet (field, value).
fn ecosystem_fields(sheet: Option<&Sheet>, problems: &mut Vec<ImportProblem>, eco: &mut Ecosystem) {
    let Some(sheet) = sheet else { return };
    let (Some(kc), Some(vc)) = (sheet.column("field"), sheet.column("value")) else {
        problems.push(ImportProblem {
            code: DiagnosticCode::MissingField,
            at: format!("{}!A1", sheet.name),
            message: "the ecosystem sheet needs the columns `field` and `value`".into(),
            help: Some(
                "one row per field: name, description, currency, horizon_years, discount_rate"
                    .into(),
            ),
        });
        return;
    };
    for (row, cells) in sheet.rows.iter().enumerate() {
        let key_text = cells
            .get(kc)
            .map_or_else(String::new, |s| s.trim().to_lowercase().replace(' ', "_"));
        let key = key_text.as_str();
        let value = unguard(cells.get(vc).map_or("", String::as_str)).to_owned();
        let at = sheet.at(row, vc);
        let mut bad = |code, message: String, help: &str| {
            problems.push(ImportProblem {
                code,
                at: at.clone(),
                message,
                help: Some(help.to_owned()),
            });
        };
        match key {
            "name" => eco.name = value.into(),
            "description" => eco.description = value.into(),
            "currency" if !value.is_empty() => eco.currency = value.into(),
            "horizon_years" if !value.is_empty() => match value.parse() {
                Ok(v) => eco.horizon_years = v,
                Err(_) => bad(
                    DiagnosticCode::WrongType,
                    format!("`{value}` is not a whole number of years"),
                    "write the horizon in years, such as 5",
                ),
            },
            "discount_rate" if !value.is_empty() => match value.parse() {
                Ok(v) => eco.discount_rate = v,
                Err(_) => bad(
                    DiagnosticCode::WrongType,
                    format!("`{value}` is not a number"),
                    "write the rate as a fraction: 0.08 for 8%",
                ),
            },
            "findings" if !value.is_empty() => match ron::from_str(&value) {
                Ok(v) => eco.findings = v,
                Err(e) => bad(
                    DiagnosticCode::Syntax,
                    format!("the findings are not readable RON: {e}"),
                    "write them as in a design file: {\"keystone-risk\": Allow}",
                ),
            },
            "scenarios" if !value.is_empty() => match ron::from_str(&value) {
                Ok(v) => eco.scenarios = v,
                Err(e) => bad(
                    DiagnosticCode::Syntax,
                    format!("the scenarios are not readable RON: {e}"),
                    "write them as in a design file: [Scenario(id: ..., changes: [...])]",
                ),
            },
            "uncertainty" if !value.is_empty() => match ron::from_str(&value) {
                Ok(v) => eco.uncertainty = v,
                Err(e) => bad(
                    DiagnosticCode::Syntax,
                    format!("the ranges are not readable RON: {e}"),
                    "write them as in a design file: [Range(path: ..., low: ..., high: ...)]",
                ),
            },
            "" | "currency" | "horizon_years" | "discount_rate" | "findings" | "scenarios"
            | "uncertainty" => {}
            other => {
                let known = [
                    "name",
                    "description",
                    "currency",
                    "horizon_years",
                    "discount_rate",
                    "findings",
                    "scenarios",
                    "uncertainty",
                ];
                let hint = crate::suggest::did_you_mean(other, known.iter().copied()).map_or_else(
                    || format!("the fields are: {}", known.join(", ")),
                    |s| format!("did you mean `{s}`?"),
                );
                problems.push(ImportProblem {
                    code: DiagnosticCode::UnknownField,
                    at: sheet.at(row, kc),
                    message: format!("`{other}` is not a field of the ecosystem"),
                    help: Some(hint),
                });
            }
        }
    }
}

/// The value design the sheets describe (not yet defaulted, as a file would
/// be written), or every problem found, located.
pub fn design(sheets: &Sheets) -> Result<Ecosystem, Vec<ImportProblem>> {
    let mut problems = super::columns::duplicates(sheets);
    let Some(node_sheet) = sheets.get("nodes") else {
        return Err(vec![ImportProblem {
            code: DiagnosticCode::MissingField,
            at: "nodes".into(),
            message: "there is no `nodes` sheet: a design needs its actors".into(),
            help: Some(
                "name the sheet (or the CSV file) `nodes`, with a row per node: id, label, kind..."
                    .into(),
            ),
        }]);
    };
    let mut eco = Ecosystem::named("Imported design");
    ecosystem_fields(sheets.get("ecosystem"), &mut problems, &mut eco);
    let mut cost_problems = Vec::new();
    let mut cost_rows = Vec::new();
    eco.nodes = nodes(
        &mut Rows::new(node_sheet, &mut problems),
        sheets.get("costs"),
        &mut cost_problems,
        &mut cost_rows,
    );
    problems.extend(cost_problems);
    if node_sheet.rows.is_empty() {
        // Every exchange would name an unknown node: say the cause once.
        problems.push(ImportProblem {
            code: DiagnosticCode::MissingField,
            at: format!("{}!A{}", node_sheet.name, node_sheet.header_row + 1),
            message: "the `nodes` sheet has no rows: a design needs its actors".into(),
            help: Some(
                "add a row per node under the header: id, label, kind (docs/format.md lists the columns)"
                    .into(),
            ),
        });
        return Err(problems);
    }
    if let Some(s) = sheets.get("exchanges") {
        eco.exchanges = exchanges(&mut Rows::new(s, &mut problems));
    }
    if let Some(s) = sheets.get("drivers") {
        let mut r = Rows::new(s, &mut problems);
        eco.drivers = (0..s.rows.len())
            .map(|row| Driver {
                id: r.required(row, "id"),
                label: r.text(row, "label").unwrap_or_default(),
            })
            .collect();
    }
    if let Some(s) = sheets.get("extracts") {
        let mut r = Rows::new(s, &mut problems);
        eco.extracts = (0..s.rows.len())
            .map(|row| Extract {
                id: r.required(row, "id"),
                label: r.text(row, "label").unwrap_or_default(),
                nodes: r.list(row, "nodes"),
                exchanges: r.list(row, "exchanges"),
                focus: r.text(row, "focus"),
                radius: r.number(row, "radius").map_or(1, |v| v.max(0.0) as u32),
            })
            .collect();
    }
    // The design is validated even when some cells did not read (each taken
    // as its field's default), so every problem is reported in one run; a
    // problem at a cell already reported is that cell's, said once.
    let mut defaulted = eco.clone();
    defaulted.apply_defaults();
    if let Err(found) = ValueDesign::new(defaulted) {
        let mut reported: rustc_hash::FxHashSet<String> =
            problems.iter().map(|q| q.at.clone()).collect();
        for p in found {
            let p = super::locate::problem(sheets, &cost_rows, p);
            if reported.insert(p.at.clone()) {
                problems.push(p);
            }
        }
    }
    if problems.is_empty() {
        Ok(eco)
    } else {
        Err(problems)
    }
}
