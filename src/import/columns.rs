//! The columns each sheet has: the ones `import` reads, the figures
//! `export` adds (read by nobody), and what a column the importer does not
//! know is taken for: a warning with the closest known column (a heading
//! such as `Growth rate` or `Members` is not silently dropped), and two
//! columns of one name an error (which one is meant cannot be guessed).

use super::problem::ImportProblem;
use super::sheet::{Sheet, Sheets};
use crate::code::DiagnosticCode;

/// The node kinds, as a cell names them.
pub const KINDS: &[&str] = &[
    "Organization",
    "Segment",
    "Person",
    "Device",
    "Activity",
    "Process",
    "Group",
];
/// The cadences, as a cell names them.
pub const CADENCES: &[&str] = &["Once", "Yearly", "Monthly", "Times"];
/// The goals.
pub const GOALS: &[&str] = &["Profit", "Worth"];
/// The IoT roles.
pub const ROLES: &[&str] = &["Enabler", "Engager", "Enhancer", "Embedder"];
/// The revenue models.
pub const MODELS: &[&str] = &[
    "AssetSale",
    "Subscription",
    "UsageFee",
    "Leasing",
    "Licensing",
    "GainSharing",
    "DataSale",
    "Advertising",
    "Freemium",
    "Brokerage",
    "ServiceFee",
    "Transfer",
];

/// The columns `import` reads, per sheet.
pub fn read(sheet: &str) -> &'static [&'static str] {
    match sheet {
        "ecosystem" => &["field", "value"],
        "nodes" => &[
            "id",
            "label",
            "kind",
            "parent",
            "drivers",
            "count",
            "growth",
            "churn",
            "activities",
            "resources",
            "iot_role",
            "decides_for",
            "goal",
            "industry",
        ],
        "exchanges" => &[
            "id",
            "from",
            "to",
            "flow",
            "offering",
            "value",
            "cadence",
            "per",
            "follows",
            "follows_ratio",
            "reciprocates",
            "drivers",
            "channel",
            "relationship",
            "revenue_model",
        ],
        "costs" => &["node", "label", "amount", "cadence", "per_exchange"],
        "drivers" => &["id", "label"],
        "extracts" => &["id", "label", "nodes", "exchanges", "focus", "radius"],
        _ => &[],
    }
}

/// The figures `export` adds to a design sheet, which `import` leaves alone.
pub fn figures(sheet: &str) -> &'static [&'static str] {
    match sheet {
        "nodes" => &[
            "judged_on",
            "revenue",
            "spend",
            "costs",
            "net_value",
            "npv",
            "win_win",
        ],
        "exchanges" => &["tangible", "per_year"],
        _ => &[],
    }
}

/// Headings people write for a column, and the column they mean.
const ALIASES: &[(&str, &str)] = &[
    ("members", "count"),
    ("customers", "count"),
    ("name", "label"),
    ("type", "kind"),
    ("source", "from"),
    ("target", "to"),
    ("frequency", "cadence"),
    ("price", "value"),
    ("amount", "value"),
    ("growth_rate", "growth"),
    ("churn_rate", "churn"),
    ("role", "iot_role"),
    ("model", "revenue_model"),
];

fn suggestion(sheet: &str, heading: &str) -> Option<&'static str> {
    let known = read(sheet);
    if let Some((_, to)) = ALIASES
        .iter()
        .find(|(from, to)| *from == heading && known.contains(to))
    {
        return Some(to);
    }
    if let Some(k) = known
        .iter()
        .find(|k| heading.starts_with(**k) || k.starts_with(heading))
    {
        return Some(k);
    }
    crate::suggest::did_you_mean(heading, known.iter().copied())
        .and_then(|s| known.iter().find(|k| **k == s).copied())
}

/// Two columns of one name in a design sheet: errors, at the second.
pub(super) fn duplicates(sheets: &Sheets) -> Vec<ImportProblem> {
    let mut out = Vec::new();
    for s in design_sheets(sheets) {
        for (c, h) in s.header.iter().enumerate() {
            if !h.is_empty() && s.header[..c].contains(h) {
                let first = s.header.iter().position(|x| x == h).unwrap_or(0);
                out.push(ImportProblem {
                    code: DiagnosticCode::DuplicateField,
                    at: s.header_at(c),
                    message: format!(
                        "a second `{h}` column (the first is {})",
                        s.header_at(first)
                    ),
                    help: Some("keep one of them: which one is meant cannot be guessed".into()),
                });
            }
        }
    }
    out
}

fn design_sheets(sheets: &Sheets) -> impl Iterator<Item = &Sheet> {
    sheets
        .sheets
        .iter()
        .filter(|s| super::SHEETS.contains(&s.name.as_str()))
}

/// Columns of a design sheet that `import` does not read and `export` does
/// not write: warnings, each with the column it may be.
pub fn unknown(sheets: &Sheets) -> Vec<ImportProblem> {
    let mut out = Vec::new();
    for s in design_sheets(sheets) {
        let (known, figures) = (read(&s.name), figures(&s.name));
        for (c, h) in s.header.iter().enumerate() {
            if h.is_empty() || known.contains(&h.as_str()) || figures.contains(&h.as_str()) {
                continue;
            }
            out.push(ImportProblem {
                code: DiagnosticCode::UnknownField,
                at: s.header_at(c),
                message: format!("`{h}` is not a column of `{}`: it is not read", s.name),
                help: Some(match suggestion(&s.name, h) {
                    Some(k) => format!("did you mean `{k}`? Rename the column to read it"),
                    None => format!("the columns are: {}", known.join(", ")),
                }),
            });
        }
    }
    out
}
