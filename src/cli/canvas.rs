//! `valuedesign canvas`: every actor's derived Business Model Canvas, in the
//! terminal, as Markdown or as JSON, printed or written into a folder.

use super::output::write_atomic;
use super::{CanvasArgs, CanvasFormat, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::canvas::canvas;
use crate::render::canvas::{svg as canvas_svg, text as canvas_text};
use crate::render::escape;
use crate::suggest::did_you_mean;

/// Runs `canvas`; returns the exit code.
pub(super) fn run(args: &CanvasArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    let actors: Vec<crate::index::NodeIdx> = match &args.actor {
        Some(id) => match design.node_index().get(id.as_str()) {
            Some(&a) if eco.node(a).kind.is_actor() => vec![a],
            Some(&a) => {
                let n = eco.node(a);
                errln!(
                    "error: `{id}` in {} is a {:?}, which has no canvas of its own",
                    file.name,
                    n.kind
                );
                let owner = an_owner(&design, a);
                match owner {
                    Some(o) => errln!(
                        "  help: what it does is in the canvas of the actor it belongs to: `--actor {}`",
                        eco.node(o).id
                    ),
                    None => errln!("  help: canvases are drawn for organisations, segments and persons"),
                }
                return EXIT_INPUT;
            }
            None => {
                let ids: Vec<&str> = eco.nodes.iter().map(|n| n.id.as_str()).collect();
                errln!("error: {} has no node `{id}`", file.name);
                match did_you_mean(id, ids.iter().copied()) {
                    Some(best) => errln!("  help: did you mean `{best}`?"),
                    None => errln!("  help: the nodes are {}", ids.join(", ")),
                }
                return EXIT_INPUT;
            }
        },
        None => crate::index::all::<crate::index::NodeIdx>(eco.nodes.len())
            .filter(|&a| eco.node(a).kind.is_actor())
            .collect(),
    };
    let an = super::analysed(&design, &Config::default());
    // Several SVG canvases cannot share standard output: they go to the
    // report folder of this file, `output/<file stem>/`, unless --out says otherwise.
    let out_dir = match (&args.out, args.format) {
        (Some(dir), _) => Some(dir.clone()),
        (None, CanvasFormat::Svg) if actors.len() > 1 => {
            let stem = args
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some(std::path::PathBuf::from("output").join(escape::file_stem(&stem)))
        }
        (None, _) => None,
    };
    let stems = escape::unique_file_stems(eco.nodes.iter().map(|n| n.id.as_str()));
    let mut printed = String::new();
    if args.format == CanvasFormat::Json && out_dir.is_none() {
        // One JSON document: an array of canvases.
        let all: Vec<_> = actors.iter().map(|&a| canvas(&design, &an, a)).collect();
        return match super::say::json(&all) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                errln!("error: cannot write JSON: {e}");
                EXIT_INPUT
            }
        };
    }
    for &a in &actors {
        let c = canvas(&design, &an, a);
        let (text, ext) = match args.format {
            CanvasFormat::Human => (canvas_text::human(&c, &eco.currency), "txt"),
            CanvasFormat::Md => (canvas_text::md(&c, &eco.currency), "md"),
            CanvasFormat::Svg => {
                let summary = canvas_svg::LedgerSummary::of(eco, &an, a);
                match canvas_svg::svg(&c, &summary, &format!("in canvas-{}.md", stems[a.index()])) {
                    Ok(svg) => (svg, "svg"),
                    Err(e) => {
                        errln!("error: cannot draw the canvas of `{}`: {e}", c.actor);
                        return EXIT_INPUT;
                    }
                }
            }
            CanvasFormat::Json => match serde_json::to_string_pretty(&c) {
                Ok(s) => (s + "\n", "json"),
                Err(e) => {
                    errln!("error: cannot write JSON: {e}");
                    return EXIT_INPUT;
                }
            },
        };
        match &out_dir {
            Some(dir) => {
                let path = dir.join(format!("canvas-{}.{ext}", stems[a.index()]));
                if let Err(e) = write_atomic(&path, text.as_bytes()) {
                    errln!(
                        "error: cannot write {}: {e}\n  help: check that the folder is writable",
                        path.display()
                    );
                    return EXIT_INPUT;
                }
                outln!("wrote {}", path.display());
            }
            None => {
                if !printed.is_empty() {
                    printed.push('\n');
                }
                printed.push_str(&text);
            }
        }
    }
    out!("{printed}");
    EXIT_OK
}

/// The actor node `a` belongs to (itself, or its nearest actor ancestor).
fn an_owner(
    design: &crate::ValueDesign,
    a: crate::index::NodeIdx,
) -> Option<crate::index::NodeIdx> {
    crate::network::Network::new(design).owner(a)
}
