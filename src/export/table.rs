//! The two tables every export is written from: one row per node (what the
//! file says of it, and its figures from the analysis) and one per exchange
//! (what the file says, and its value per year), in file order.

use std::borrow::Cow;

use super::cell::Cell;
use crate::analysis::{Analysis, Field};
use crate::index::{ExchangeIdx, NodeIdx};
use crate::validate::ValueDesign;

/// A table: column names and rows of cells, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names (also the attribute names of GraphML, GEXF and Kumu).
    pub columns: Vec<Cow<'static, str>>,
    /// One row per node or exchange.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Leaves out the columns named in `names`.
    pub fn drop_columns(&mut self, names: &[&str]) {
        let keep: Vec<bool> = self
            .columns
            .iter()
            .map(|c| !names.contains(&c.as_ref()))
            .collect();
        let mut k = 0;
        self.columns.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        for row in &mut self.rows {
            let mut k = 0;
            row.retain(|_| {
                k += 1;
                keep[k - 1]
            });
        }
    }

    /// The cell of `row` in `column`.
    pub fn get(&self, row: usize, column: &str) -> &Cell {
        let k = self
            .columns
            .iter()
            .position(|c| c == column)
            .unwrap_or(usize::MAX);
        self.rows[row].get(k).unwrap_or(&Cell::Empty)
    }
}

/// The columns of a design sheet as `import` reads them
/// (`import::columns::read`), then the figures `export` adds
/// (`import::columns::figures`): one list of names for both directions.
fn design_then_figures(sheet: &str) -> Vec<Cow<'static, str>> {
    use crate::import::columns::{figures, read};
    read(sheet)
        .iter()
        .chain(figures(sheet))
        .map(|&n| Cow::Borrowed(n))
        .collect()
}

/// Column names for a table.
pub fn columns(names: &[&'static str]) -> Vec<Cow<'static, str>> {
    names.iter().map(|&n| Cow::Borrowed(n)).collect()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

/// The separator of a list in one cell, as Kumu writes them.
pub const LIST_SEPARATOR: &str = " | ";

fn list<S: AsRef<str>>(items: &[S]) -> Cell {
    Cell::Text(
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    )
}

fn debug<T: std::fmt::Debug>(v: Option<T>) -> Cell {
    v.map_or(Cell::Empty, |v| text(&format!("{v:?}")))
}

/// One row per node: what the file says (id, label, kind, parent, drivers,
/// count, growth, churn, activities, resources, IoT role, decides_for,
/// goal as written, empty for the default, and industry), then from the analysis the goal
/// it was judged on, its revenue, spend, costs and net value over the
/// horizon, its NPV and whether it is win-win (empty where the rule does not
/// apply). `import` reads the file's columns and ignores the figures.
pub fn nodes(design: &ValueDesign, an: &Analysis) -> Table {
    let eco = design.ecosystem();
    let columns = design_then_figures("nodes");
    let rows = eco
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let a = NodeIdx::new(i);
            let v = &an.verdicts[a];
            let total = |f: Field| Cell::Number(an.ledgers.total(a, f));
            vec![
                text(&n.id),
                text(&n.label),
                text(&format!("{:?}", n.kind)),
                opt(n.parent.as_deref()),
                list(&n.drivers),
                Cell::Number(n.count),
                Cell::Number(n.growth),
                n.churn.map_or(Cell::Empty, Cell::Number),
                list(&n.activities),
                list(&n.resources),
                debug(n.iot_role),
                opt(n.decides_for.as_deref()),
                debug(n.goal),
                opt(n.industry.as_deref()),
                debug(v.goal),
                total(Field::Revenue),
                total(Field::Spend),
                total(Field::Costs),
                total(Field::NetValue),
                Cell::Number(an.ledgers.npv[a]),
                if v.goal.is_some() {
                    Cell::Bool(!v.fails())
                } else {
                    Cell::Empty
                },
            ]
        })
        .collect();
    Table { columns, rows }
}

/// One row per exchange: what the file says (id, from, to, flow, offering,
/// value, cadence, per, follows and its ratio, reciprocates, drivers,
/// channel, relationship, revenue model as written), then whether it is
/// tangible and its value per year (the mean over the horizon of value times
/// occurrences, as on the map).
pub fn exchanges(design: &ValueDesign, an: &Analysis) -> Table {
    let eco = design.ecosystem();
    let columns = design_then_figures("exchanges");
    let rows = eco
        .exchanges
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let occ = an.timeline.occurrences(ExchangeIdx::new(k));
            let per_year = x.value * occ.iter().sum::<f64>() / occ.len().max(1) as f64;
            vec![
                text(&x.id),
                text(&x.from),
                text(&x.to),
                text(x.flow.word()),
                text(&x.offering),
                Cell::Number(x.value),
                text(&format!("{:?}", x.cadence)),
                opt(x.per.as_deref()),
                opt(x.follows.as_ref().map(|f| f.exchange.as_str())),
                x.follows
                    .as_ref()
                    .map_or(Cell::Empty, |f| Cell::Number(f.ratio)),
                opt(x.reciprocates.as_deref()),
                list(&x.drivers),
                opt(x.channel.as_deref()),
                opt(x.relationship.as_deref()),
                debug(x.revenue_model),
                Cell::Bool(x.flow.is_tangible()),
                Cell::Number(per_year),
            ]
        })
        .collect();
    Table { columns, rows }
}
