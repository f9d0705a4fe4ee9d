//! The explorable map of `index.html`: the map with its layer
//! (`render::map::explore`), the controls (search an actor, filter by flow
//! kind, driver and extract, zoom), the side panel that opens on an actor,
//! and the one inline script that runs them. Without the script (or in
//! print) the page is the static report: the controls and the panel stay
//! hidden, the layer is invisible.
//!
//! Keyboard: Tab reaches every actor on the map (focus shows its flows as
//! hover does), Enter or Space opens its panel, Escape closes it; `+`, `-`
//! and `0` zoom while the map has focus. Highlights are outlines and a veil
//! over the rest, never colour alone.

use std::fmt::Write as _;

use super::parts::ReportParts;
use crate::index::NodeIdx;
use crate::model::Flow;
use crate::render::escape::xml;
use crate::render::map::explore::{facts_json, layer};
use crate::render::palette::flow_color;

/// The styles of the explorable map (added to the page's).
pub(crate) const STYLE: &str = r#"
.vd-controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; font-size: 13px; margin: 0 0 8px; }
.vd-controls fieldset { border: 1px solid #ddd; padding: 2px 8px; margin: 0; } .vd-controls legend { font-size: 12px; color: #555; }
.vd-controls label { white-space: nowrap; } .vd-swatch { display: inline-block; width: 14px; height: 4px; vertical-align: middle; margin-right: 3px; }
.vd-controls input[type=search] { font: inherit; padding: 3px 6px; width: 14em; } .vd-controls select, .vd-controls button { font: inherit; }
.vd-status { color: #555; }
.vd-wrap { display: flex; gap: 12px; align-items: flex-start; } .vd-wrap > .scroll { flex: 1 1 auto; min-width: 0; overflow: auto; max-height: 85vh; cursor: grab; }
.vd-stage { position: relative; width: max(100%, var(--w)); } figure.map .vd-stage > svg { width: 100%; height: auto; display: block; }
.vd-layer { position: absolute; left: 0; top: 0; height: 100%; border: none !important; }
.vd-veil { fill: #fff; opacity: 0; pointer-events: none; } .vd-on .vd-veil { opacity: 0.8; }
.vd-flow polyline { fill: none; opacity: 0; stroke-linecap: round; stroke-linejoin: round; pointer-events: stroke; }
.vd-flow.hl polyline { opacity: 1; }
.vd-label { fill: none; pointer-events: none; }
.vd-node rect { fill: transparent; stroke: none; cursor: pointer; }
.vd-node.hl rect { stroke: #1a1a1a; stroke-width: 3; } .vd-node.sel rect { stroke: #0b57d0; stroke-width: 5; }
.vd-node:focus { outline: none; } .vd-node:focus rect { stroke: #0b57d0; stroke-width: 4; stroke-dasharray: 8 4; }
#vd-panel { flex: 0 0 400px; border: 1px solid #ccc; border-radius: 6px; padding: 10px 14px; font-size: 13px; max-height: 85vh; overflow: auto; background: #fcfcfd; }
#vd-panel h3 { margin-top: 4px; } #vd-panel table { width: 100%; font-size: 12px; } #vd-panel td, #vd-panel th { padding: 3px 5px; } #vd-panel button { float: right; font: inherit; }
@media print { .vd-controls, #vd-panel, .vd-layer { display: none !important; } .vd-wrap > .scroll { max-height: none; overflow: visible; } .vd-stage { width: 100% !important; } }
"#;

/// The script of the explorable map.
const SCRIPT: &str = r#"
(function () {
  var stage = document.getElementById('vd-stage');
  if (!stage) { return; }
  var figure = stage.closest('figure');
  var scroller = stage.parentNode;
  var facts = JSON.parse(document.getElementById('vd-facts').textContent);
  var flows = Array.prototype.slice.call(stage.querySelectorAll('.vd-flow'));
  var nodes = Array.prototype.slice.call(stage.querySelectorAll('.vd-node'));
  var holes = document.getElementById('vd-holes');
  var panel = document.getElementById('vd-panel');
  var controls = figure.querySelector('.vd-controls');
  var kinds = Array.prototype.slice.call(controls.querySelectorAll('input[data-kind]'));
  var driver = document.getElementById('vd-driver');
  var extract = document.getElementById('vd-extract');
  var search = document.getElementById('vd-search');
  var status = figure.querySelector('.vd-status');
  controls.hidden = false;
  var hovered = null, selected = null;
  function has(list, word) { return (' ' + list + ' ').indexOf(' ' + word + ' ') >= 0; }
  function filtering() { return kinds.some(function (c) { return !c.checked; }) || driver.value !== '' || extract.value !== ''; }
  function passes(f) {
    var on = kinds.filter(function (c) { return c.checked; }).map(function (c) { return c.dataset.kind; });
    if (on.indexOf(f.dataset.kind) < 0) { return false; }
    if (driver.value !== '' && !has(f.dataset.drivers, driver.value)) { return false; }
    if (extract.value !== '' && !has(f.dataset.extracts, extract.value)) { return false; }
    return true;
  }
  function show() {
    var focus = hovered !== null ? hovered : selected;
    var active = focus !== null || filtering();
    var lit = {}, shown = 0, labels = [];
    flows.forEach(function (f) {
      var on = active && passes(f) && (focus === null || f.dataset.from === focus || f.dataset.to === focus);
      f.classList.toggle('hl', on);
      if (on) {
        lit[f.dataset.from] = true; lit[f.dataset.to] = true; shown += 1;
        var label = f.querySelector('.vd-label');
        if (label) { labels.push(label); }
      }
    });
    if (focus !== null) { lit[focus] = true; }
    stage.classList.toggle('vd-on', active);
    while (holes.firstChild) { holes.removeChild(holes.firstChild); }
    labels.forEach(function (l) {
      var r = l.cloneNode(false);
      r.removeAttribute('class');
      r.setAttribute('fill', 'black');
      holes.appendChild(r);
    });
    var actors = 0;
    nodes.forEach(function (n) {
      var on = active && lit[n.dataset.node] === true;
      n.classList.toggle('hl', on);
      if (on) {
        actors += 1;
        var r = n.querySelector('rect').cloneNode(false);
        r.setAttribute('fill', 'black');
        holes.appendChild(r);
      }
    });
    status.textContent = active ? (shown + ' of ' + flows.length + ' flows and ' + actors + ' actors shown') : (flows.length + ' flows; hover or Tab to an actor, click it for its ledger');
  }
  function cell(row, text, tag) { var c = document.createElement(tag || 'td'); c.textContent = text; row.appendChild(c); return c; }
  function money(x) { return Math.round(x).toLocaleString('en-GB'); }
  function open(n) {
    selected = n.dataset.node;
    nodes.forEach(function (x) { x.classList.toggle('sel', x === n); });
    var f = facts[Number(selected)];
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var close = document.createElement('button');
    close.type = 'button'; close.textContent = 'Close'; close.setAttribute('aria-label', 'Close the panel');
    close.addEventListener('click', closePanel);
    panel.appendChild(close);
    var h = document.createElement('h3'); h.textContent = f.label; panel.appendChild(h);
    var k = document.createElement('p'); k.textContent = f.kind; panel.appendChild(k);
    if (f.verdict !== null) {
      var v = document.createElement('p'); v.className = 'vd-verdict ' + (f.fails ? 'bad' : 'ok'); v.textContent = f.verdict; panel.appendChild(v);
      var t = document.createElement('table'); var head = document.createElement('tr');
      ['year', 'revenue', 'spend', 'costs', 'net value'].forEach(function (w) { cell(head, w, 'th'); });
      t.appendChild(head);
      f.years.forEach(function (y, i) {
        var r = document.createElement('tr'); cell(r, String(i + 1));
        y.forEach(function (x) { cell(r, money(x)).className = 'n'; });
        t.appendChild(r);
      });
      panel.appendChild(t);
      var npv = document.createElement('p'); npv.textContent = 'NPV: ' + money(f.npv); panel.appendChild(npv);
      if (f.canvas !== null) {
        var a = document.createElement('a'); a.href = '#' + f.canvas; a.textContent = 'Its Business Model Canvas'; panel.appendChild(a);
      }
    } else {
      var none = document.createElement('p'); none.textContent = 'No ledger of its own on this map (not an actor, or several nodes folded into one).'; panel.appendChild(none);
    }
    panel.hidden = false;
    show();
  }
  function closePanel() {
    var was = selected;
    selected = null; panel.hidden = true;
    nodes.forEach(function (x) { x.classList.remove('sel'); });
    show();
    if (was !== null) { nodes.filter(function (n) { return n.dataset.node === was; }).forEach(function (n) { n.focus(); }); }
  }
  nodes.forEach(function (n) {
    n.addEventListener('mouseenter', function () { hovered = n.dataset.node; show(); });
    n.addEventListener('mouseleave', function () { hovered = null; show(); });
    n.addEventListener('focus', function () { hovered = n.dataset.node; show(); });
    n.addEventListener('blur', function () { hovered = null; show(); });
    n.addEventListener('click', function () { open(n); });
    n.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(n); } });
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && selected !== null) { closePanel(); } });
  kinds.concat([driver, extract]).forEach(function (c) { c.addEventListener('change', show); });
  function find() {
    var q = search.value.trim().toLowerCase();
    if (q === '') { return; }
    var hit = nodes.filter(function (n) { return facts[Number(n.dataset.node)].label.toLowerCase().indexOf(q) >= 0; })[0];
    if (hit) { hit.focus(); open(hit); search.setCustomValidity(''); } else { search.setCustomValidity('No actor is called that'); search.reportValidity(); }
  }
  search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); find(); } });
  search.addEventListener('change', find);
  var base = stage.getBoundingClientRect().width, zoom = 1;
  function zoomTo(z) { zoom = Math.min(6, Math.max(0.3, z)); stage.style.width = (base * zoom) + 'px'; }
  document.getElementById('vd-zoom-in').addEventListener('click', function () { zoomTo(zoom * 1.25); });
  document.getElementById('vd-zoom-out').addEventListener('click', function () { zoomTo(zoom / 1.25); });
  document.getElementById('vd-zoom-fit').addEventListener('click', function () { zoomTo(1); });
  scroller.addEventListener('wheel', function (e) { if (e.ctrlKey) { e.preventDefault(); zoomTo(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1)); } }, { passive: false });
  scroller.addEventListener('keydown', function (e) {
    if (e.key === '+' || e.key === '=') { zoomTo(zoom * 1.25); } else if (e.key === '-') { zoomTo(zoom / 1.25); } else if (e.key === '0') { zoomTo(1); }
  });
  var drag = null;
  scroller.addEventListener('mousedown', function (e) { if (e.target.closest('.vd-node')) { return; } drag = { x: e.clientX, y: e.clientY, l: scroller.scrollLeft, t: scroller.scrollTop }; });
  window.addEventListener('mousemove', function (e) { if (drag) { scroller.scrollLeft = drag.l - (e.clientX - drag.x); scroller.scrollTop = drag.t - (e.clientY - drag.y); } });
  window.addEventListener('mouseup', function () { drag = null; });
  show();
})();
"#;

/// The Content-Security-Policy source that lets the page's one script run.
pub(crate) const SCRIPT_SOURCE: &str = "'unsafe-inline'";

/// One `<option>` per `(id, label)` (the id when the label is empty).
fn options<'a>(o: &mut String, items: impl Iterator<Item = (&'a str, &'a str)>) {
    for (id, label) in items {
        let label = if label.is_empty() { id } else { label };
        let _ = write!(o, "<option value=\"{}\">{}</option>", xml(id), xml(label));
    }
}

/// The explorable map figure, its facts and its script.
pub(crate) fn map_figure(o: &mut String, p: &ReportParts<'_>, svg: &str, caption: &str) {
    let eco = p.design.ecosystem();
    let an = p.analysis;
    let view = &p.map.view;
    let width = super::inline::drawn_width(svg);
    o.push_str("<figure class=\"map\">\n<div class=\"vd-controls\" hidden role=\"group\" aria-label=\"Explore the map\">\n");
    o.push_str("<label>Find an actor <input type=\"search\" id=\"vd-search\" list=\"vd-names\" placeholder=\"name, then Enter\"></label>\n<datalist id=\"vd-names\">");
    for n in &view.nodes {
        let _ = write!(o, "<option value=\"{}\">", xml(&n.label));
    }
    o.push_str("</datalist>\n<fieldset><legend>Flows</legend>");
    for f in [
        Flow::Money,
        Flow::Goods,
        Flow::Service,
        Flow::Data,
        Flow::Knowledge,
        Flow::Benefit,
    ] {
        let c = flow_color(f);
        let _ = write!(
            o,
            "<label><input type=\"checkbox\" data-kind=\"{k}\" id=\"vd-kind-{k}\" checked><span class=\"vd-swatch\" style=\"background:#{:02x}{:02x}{:02x}\"></span>{k}</label> ",
            c.0,
            c.1,
            c.2,
            k = f.word()
        );
    }
    o.push_str(
        "</fieldset>\n<label>Driver <select id=\"vd-driver\"><option value=\"\">any</option>",
    );
    options(
        o,
        eco.drivers
            .iter()
            .map(|d| (d.id.as_str(), d.label.as_str())),
    );
    o.push_str("</select></label>\n<label>Extract <select id=\"vd-extract\"><option value=\"\">any</option>");
    options(
        o,
        eco.extracts
            .iter()
            .map(|x| (x.id.as_str(), x.label.as_str())),
    );
    o.push_str("</select></label>\n<span><button type=\"button\" id=\"vd-zoom-in\" aria-label=\"Zoom in\">+</button> <button type=\"button\" id=\"vd-zoom-out\" aria-label=\"Zoom out\">&#8722;</button> <button type=\"button\" id=\"vd-zoom-fit\">fit</button></span>\n<span class=\"vd-status\" aria-live=\"polite\"></span>\n</div>\n");
    let inline = super::inline::inline_svg(svg);
    let layer = layer(view, &p.map.layout, eco, an);
    // The veil's holes (the actors shown) are made by the script.
    let layer = layer.replacen(
        "<rect class=\"vd-veil\"",
        "<defs><mask id=\"vd-mask\"><rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"white\"/><g id=\"vd-holes\"></g></mask></defs>\n<rect class=\"vd-veil\" mask=\"url(#vd-mask)\"",
        1,
    );
    let _ = writeln!(
        o,
        "<div class=\"vd-wrap\"><div class=\"scroll\" tabindex=\"0\" aria-label=\"The map: + and - zoom, 0 fits\" style=\"--w: {:.0}px\"><div class=\"vd-stage\" id=\"vd-stage\">{inline}{layer}</div></div><aside id=\"vd-panel\" hidden aria-live=\"polite\" aria-label=\"The chosen actor\"></aside></div>\n<figcaption>{}</figcaption></figure>",
        width * 0.8,
        xml(caption)
    );
    let canvases = |a: NodeIdx| {
        p.canvases
            .iter()
            .find(|c| c.node == a)
            .map(|c| format!("canvas-{}", c.stem))
    };
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"vd-facts\">{}</script>\n<script>{SCRIPT}</script>",
        facts_json(view, p.design, an, &canvases)
    );
}
