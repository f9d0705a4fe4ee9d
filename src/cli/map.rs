//! `valuedesign map`: the value-design map of one file, whole or zoomed, as
//! SVG or PNG, for a page or (`--slide`) a 16:9 slide, written into the
//! file's report folder.

use super::{default_out_dir, write_file, MapArgs, MapFormat, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::render::map::view::{self as map_view, Zoom};
use crate::render::map::{layout as map_layout, slide as map_slide, svg as map_svg};
use crate::render::{escape, png, RenderError};

/// Runs `map`; returns the exit code.
pub(super) fn run(args: &MapArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    // The names the report gives: unique among all extracts (or nodes).
    let stem_among = |id: &str, ids: Vec<&str>| {
        let at = ids.iter().position(|x| *x == id);
        at.map_or_else(
            || escape::file_stem(id),
            |i| escape::unique_file_stems(ids).swap_remove(i),
        )
    };
    let (zoom, name) = if let Some(id) = &args.extract {
        let ids = eco.extracts.iter().map(|x| x.id.as_str()).collect();
        (
            Zoom::Extract(id.clone()),
            format!("map-extract-{}", stem_among(id, ids)),
        )
    } else if let Some(node) = &args.focus {
        (
            Zoom::Focus {
                node: node.clone(),
                radius: args.radius,
            },
            format!(
                "map-focus-{}-r{}",
                stem_among(node, eco.nodes.iter().map(|n| n.id.as_str()).collect()),
                args.radius
            ),
        )
    } else if let Some(n) = args.value_loop {
        (Zoom::Loop(n), format!("map-loop-{n}"))
    } else if let Some(level) = args.level {
        (Zoom::Level(level), format!("map-level-{level}"))
    } else {
        (Zoom::Auto, "map".to_owned())
    };
    let an = super::analysed(&design, &Config::default());
    let drawn = if args.slide {
        let name = format!("{name}-slide");
        map_slide::slide(&design, &an, &zoom, &format!("{name}-")).map(|s| (s.view, s.svg, name))
    } else {
        map_view::view(&design, &an, &zoom)
            .map_err(RenderError::from)
            .and_then(|view| {
                let layout = map_layout::layout(&view);
                let svg = map_svg::svg(&view, &layout, &format!("{name}-"))?;
                Ok((view, svg, name))
            })
    };
    let (view, svg, name) = match drawn {
        Ok(x) => x,
        Err(RenderError::Zoom(e)) => {
            errln!("error: {}: {e}", file.name);
            return EXIT_INPUT;
        }
        Err(e) => {
            errln!("error: cannot draw the map of {}: {e}", file.name);
            return EXIT_INPUT;
        }
    };
    for note in &view.notes {
        errln!("note: {note}");
    }
    super::note_findings(&file.name, &design, &an, &args.what_if);
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&args.file));
    let (bytes, ext) = match args.format {
        MapFormat::Svg => (svg.into_bytes(), "svg"),
        MapFormat::Png => match png::png(&svg) {
            Ok(b) => (b, "png"),
            Err(e) => {
                errln!("error: cannot render the map of {} to PNG: {e}", file.name);
                return EXIT_INPUT;
            }
        },
    };
    let path = dir.join(format!("{name}.{ext}"));
    if let Err(code) = write_file(&path, &bytes) {
        return code;
    }
    outln!("wrote {}", path.display());
    EXIT_OK
}
