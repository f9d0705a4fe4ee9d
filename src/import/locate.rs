//! Where a validation problem is on the sheets: a design's path
//! (`nodes[3].parent`, `nodes[0].costs[1].amount`, `exchanges[2].follows.ratio`)
//! turned into the cell it was read from (`nodes!D5`, `costs!C3`,
//! `exchanges!J4`); a path with no cell of its own names its row's first cell
//! or, for the ecosystem's own fields, the `ecosystem` sheet's row.

use super::problem::ImportProblem;
use super::sheet::Sheets;
use crate::syntax::path::{Path, Seg};
use crate::validate::Problem;

/// `p` located on `sheets`; `cost_rows` says which row of `costs` each
/// node's costs came from, in order: (node, row).
pub(super) fn problem(sheets: &Sheets, cost_rows: &[(usize, usize)], p: Problem) -> ImportProblem {
    let at = place(sheets, cost_rows, &p.path).unwrap_or_else(|| p.path.to_string());
    let mut message = p.message;
    if p.code == crate::code::DiagnosticCode::DuplicateId {
        if let Some(first) = first_copy(sheets, &p.path) {
            message.push_str(&format!(" (the first is {first})"));
        }
    }
    ImportProblem {
        code: p.code,
        at,
        message,
        help: p.help,
    }
}

/// For a duplicate id at `path` (`nodes[3].id`), the cell of its first copy.
fn first_copy(sheets: &Sheets, path: &Path) -> Option<String> {
    let [Seg::Field(list), Seg::Index(i), ..] = path.0.as_slice() else {
        return None;
    };
    let sheet = sheets.get(list)?;
    let c = sheet.column("id")?;
    let id = sheet.rows.get(*i)?.get(c)?.trim();
    let j = sheet.rows[..*i]
        .iter()
        .position(|r| r.get(c).is_some_and(|x| x.trim() == id))?;
    Some(sheet.at(j, c))
}

fn field(seg: Option<&Seg>) -> Option<&str> {
    match seg {
        Some(Seg::Field(f)) => Some(f.as_str()),
        _ => None,
    }
}

fn place(sheets: &Sheets, cost_rows: &[(usize, usize)], path: &Path) -> Option<String> {
    match path.0.as_slice() {
        [Seg::Field(list), Seg::Index(i), Seg::Field(costs), Seg::Index(j), rest @ ..]
            if list == "nodes" && costs == "costs" =>
        {
            let sheet = sheets.get("costs")?;
            let row = cost_rows.iter().filter(|(n, _)| n == i).nth(*j)?.1;
            let col = field(rest.first())
                .and_then(|f| sheet.column(f))
                .unwrap_or(0);
            Some(sheet.at(row, col))
        }
        [Seg::Field(list), Seg::Index(i), rest @ ..]
            if matches!(
                list.as_str(),
                "nodes" | "exchanges" | "drivers" | "extracts"
            ) =>
        {
            let sheet = sheets.get(list)?;
            let name = match (field(rest.first()), field(rest.get(1))) {
                (Some("follows"), Some("ratio")) => Some("follows_ratio"),
                (f, _) => f,
            };
            let col = name
                .and_then(|f| sheet.column(f))
                .or_else(|| sheet.column("id"))
                .unwrap_or(0);
            (*i < sheet.rows.len()).then(|| sheet.at(*i, col))
        }
        [Seg::Field(f), ..] => {
            let sheet = sheets.get("ecosystem")?;
            let (kc, vc) = (sheet.column("field")?, sheet.column("value")?);
            let row = sheet
                .rows
                .iter()
                .position(|r| r.get(kc).is_some_and(|k| k.trim() == f))?;
            Some(sheet.at(row, vc))
        }
        _ => None,
    }
}
