//! `valuedesign sensitivity`: every number of a design moved down and up by
//! a swing, one at a time; per actor, the numbers ranked by how far they
//! move its score, and every number whose swing flips a verdict.

use super::table::Table;
use super::{SensitivityArgs, TableFormat, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::render::sensitivity as show;
use crate::whatif::sensitivity;

/// Runs `sensitivity`; returns the exit code.
pub(super) fn run(args: &SensitivityArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let actors = match super::actors_or_one(&file.name, &design, args.actor.as_deref()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    let an = super::analysed(&design, &Config::default());
    let s = sensitivity(&design, &an, args.swing);
    match args.format {
        TableFormat::Json => {
            let doc = show::SensitivityJson::new(&s, eco, &an, &actors, args.top);
            match super::say::json(&doc) {
                Ok(()) => {}
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
        TableFormat::Md => out!("{}", show::markdown(&s, eco, &an, &actors, args.top)),
        TableFormat::Human => {
            let mut o = String::new();
            for l in show::headline(&s, eco, &an) {
                o.push_str(&l);
                o.push('\n');
            }
            let flips = show::flips(&s, eco);
            if flips.is_empty() {
                o.push_str("No single number moved this far flips a verdict.\n");
            } else {
                o.push_str("\nNumbers whose swing flips a verdict:\n");
                for l in flips {
                    o.push_str(&format!("  - {l}\n"));
                }
            }
            for &a in &actors {
                o.push_str(&format!("\n{}\n", show::actor_heading(&s, eco, &an, a)));
                let rows = show::rows(&s, eco, a, args.top);
                if rows.is_empty() {
                    o.push_str("  no number moves it\n");
                    continue;
                }
                let header = show::header(s.swing);
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                let mut t = Table::new(&header, &[false, true, true, true, true, false]);
                for r in rows {
                    t.row(r.to_vec());
                }
                o.push_str(&t.render("  "));
            }
            out!("{o}");
        }
    }
    EXIT_OK
}
