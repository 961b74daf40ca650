/* Presenter mode for a lesson page: one section per screen, charts filling the window.

   The same file runs on the static site (cells are the children of <main id="content">) and in
   Voila (cells are the children of #rendered_cells > div), with no server and no download.
   Press "p" or the "Present" button to start; arrow keys, Page Up/Down (a clicker), Space,
   Home and End step; Escape or "Exit presenting" leaves. A page opened as
   lesson.html#present starts presenting at once.

   A screen is a heading and what follows it up to the next heading. A section with charts
   gives one screen per chart: its heading, the chart (scaled to the window, every chart text
   at least MIN_FONT px) and the short text right after it (the question to think about).
   Anything longer after a chart gets a screen of its own under the same heading. Charts are
   restyled through Plotly.relayout/restyle, and every change is undone on exit. */
(function () {
  "use strict";
  var MIN_FONT = 20;   /* px: smallest chart text on a projector */
  var SHORT_TEXT = 320; /* characters: text this short stays on its chart's screen */
  var TEXT = Object.assign({
    present: "Present",
    presentHint: "Show this lesson one section at a time, for a projector (key: P)",
    exit: "Exit presenting",
    previous: "Previous",
    next: "Next",
    controls: "Presenter controls",
    screen: "Screen {n} of {total}"
  }, window.LX_TEXT || {});  /* the page language's words: lx-text.js */

  var state = null; /* while presenting: {screens, index, bar, status, saved} */

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
  }

  function plotlyLib() {
    return window.Plotly || null;
  }

  /* ------------------------------------------------------------------ page structure */

  function container() {
    return document.querySelector("main#content") ||
      document.querySelector("#rendered_cells > div") ||
      document.querySelector("#rendered_cells");
  }

  function cells() {
    var root = container();
    if (!root) { return []; }
    return Array.prototype.filter.call(root.children, function (el) {
      if (el.tagName === "SCRIPT" || el.tagName === "STYLE") { return false; }
      if (el.classList.contains("jp-mod-noOutputs") && el.classList.contains("jp-mod-noInput")) {
        return false;
      }
      return el.getClientRects().length > 0 || el.classList.contains("lx-pres-off");
    });
  }

  function headingOf(cell) {  /* an h1/h2 with no visible text before it in the cell */
    var h = cell.querySelector("h1, h2");
    if (!h) { return null; }
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (h.contains(node)) { return h; }
      if (node.parentElement.closest("script, style")) { continue; }
      if (node.textContent.trim()) { return null; }
    }
    return h;
  }

  function plotsIn(cell) {
    return Array.prototype.slice.call(cell.querySelectorAll(".js-plotly-plot"));
  }

  function isShortText(cell) {
    return !cell.querySelector("table, .js-plotly-plot, img, input, select, button") &&
      cell.textContent.trim().length <= SHORT_TEXT;
  }

  function tailIsShort(list, from) {  /* only short text from here to the next chart */
    for (var i = from; i < list.length && !plotsIn(list[i]).length; i++) {
      if (!isShortText(list[i])) { return false; }
    }
    return true;
  }

  /* Screens: [{heading: cell|null, titleOnly: bool, cells: [...], chart: cell|null}] */
  function buildScreens() {
    var groups = [], group = null;
    cells().forEach(function (cell) {
      if (headingOf(cell) || !group) {
        group = { heading: headingOf(cell) ? cell : null, rest: [] };
        groups.push(group);
        if (group.heading) { return; }
      }
      group.rest.push(cell);
    });
    var screens = [];
    groups.forEach(function (g) {
      var charts = g.rest.filter(function (c) { return plotsIn(c).length > 0; });
      if (!charts.length) {
        screens.push({ heading: g.heading, titleOnly: false, cells: g.rest, chart: null });
        return;
      }
      var current = null, extra = null;
      g.rest.forEach(function (cell, i) {
        if (plotsIn(cell).length) {
          current = { heading: g.heading, titleOnly: true, cells: [cell], chart: cell };
          screens.push(current);
          extra = null;
          return;
        }
        if (!current) { return; }
        /* Text before a section's first chart is the page's reading text; the teacher
           speaks to the chart instead, and the page keeps it. Short text after a chart
           (a question to think about) stays with it, unless more follows (a table). */
        if (!extra && tailIsShort(g.rest, i)) {
          current.cells.push(cell);
          return;
        }
        if (!extra) {
          extra = { heading: g.heading, titleOnly: true, cells: [], chart: null };
          screens.push(extra);
        }
        extra.cells.push(cell);
      });
    });
    return screens.filter(function (s) { return s.heading || s.cells.length; });
  }

  /* ------------------------------------------------------------------ chart fonts and size */

  var FONT_KEYS = /^(font|tickfont|textfont|insidetextfont|outsidetextfont|titlefont)$/;
  var LAYOUT_KEYS = /^(font|title|legend|hoverlabel|annotations|updatemenus|sliders|[xy]axis\d*|coloraxis\d*|polar\d*|geo\d*)$/;

  function walkFonts(obj, path, depth, out) {
    if (!obj || typeof obj !== "object" || depth > 5) { return; }
    if (Array.isArray(obj)) {
      obj.forEach(function (item, i) { walkFonts(item, path + "[" + i + "]", depth + 1, out); });
      return;
    }
    Object.keys(obj).forEach(function (key) {
      if (key.charAt(0) === "_") { return; }
      var value = obj[key], here = path ? path + "." + key : key;
      if (FONT_KEYS.test(key) && value && typeof value === "object" && !Array.isArray(value) &&
          value.size !== undefined) {
        out.push({ path: here + ".size", size: value.size });
      }
      if (value && typeof value === "object" && key !== "size") {
        walkFonts(value, here, depth + 1, out);
      }
    });
  }

  function getPath(obj, path) {
    var parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    for (var i = 0; i < parts.length; i++) {
      if (obj === undefined || obj === null) { return undefined; }
      obj = obj[parts[i]];
    }
    return obj;
  }

  function bigger(size) {
    if (Array.isArray(size)) { return size.map(bigger); }
    var s = Number(size) || 12;
    return Math.max(MIN_FONT, s);  /* larger text only where needed: the layout stays */
  }

  function layoutFonts(gd) {
    var full = gd._fullLayout || {}, found = [];
    Object.keys(full).forEach(function (key) {
      if (LAYOUT_KEYS.test(key)) {
        if (key === "font" && full.font) { found.push({ path: "font.size", size: full.font.size }); }
        else { walkFonts(full[key], key, 1, found); }
      }
    });
    return found;
  }

  function traceUpdates(trace, user) {
    var found = [], update = {}, saved = {};
    walkFonts(trace, "", 0, found);
    found.forEach(function (f) {
      if (/^(legendgrouptitle|marker\.colorbar\.title)/.test(f.path) && f.size === undefined) { return; }
      update[f.path] = bigger(f.size);
      saved[f.path] = getPath(user, f.path);
    });
    if (trace.type === "table") {
      ["cells", "header"].forEach(function (part) {
        var size = getPath(trace, part + ".font.size");
        var height = getPath(trace, part + ".height") || 28;
        if (size !== undefined) {
          var s = Array.isArray(size) ? Math.max.apply(null, size) : size;
          update[part + ".height"] = Math.round(height * bigger(s) / s);
          saved[part + ".height"] = getPath(user, part + ".height");
        }
      });
    }
    return { update: update, saved: saved };
  }

  function wrap(values) {  /* restyle takes one value per trace: wrap arrays once more */
    var out = {};
    Object.keys(values).forEach(function (k) {
      var v = values[k];
      out[k] = [v === undefined ? null : v];
    });
    return out;
  }

  function enlargeChart(gd, width, height) {
    var P = plotlyLib();
    if (!P || !gd._fullLayout) { return; }
    var saved = { gd: gd, layout: {}, traces: [] };
    var update = { width: Math.round(width), height: Math.round(height) };
    saved.layout.width = gd.layout.width;
    /* A height left to the page (autosize) comes back as the height drawn before: in Voila
       the plot's box would otherwise collapse. */
    saved.layout.height = gd.layout.height || gd._fullLayout.height;
    layoutFonts(gd).forEach(function (f) {
      update[f.path] = bigger(f.size);
      saved.layout[f.path] = getPath(gd.layout, f.path);
    });
    /* The "Facts up to … / Source" footer starts at the chart's left edge, so its larger
       text still fits the width. */
    var size = gd._fullLayout._size;
    (gd.layout.annotations || []).forEach(function (a, i) {
      if (a.name === "source" && a.xref === "paper" && size && size.w > 0) {
        var key = "annotations[" + i + "].x";
        update[key] = (12 - size.l) * (size.w / (size.w + 0)) / size.w;
        saved.layout[key] = a.x;
      }
    });
    (gd._fullData || []).forEach(function (trace, i) {
      var t = traceUpdates(trace, (gd.data || [])[i] || {});
      if (Object.keys(t.update).length) {
        P.restyle(gd, wrap(t.update), [i]);
        saved.traces.push({ index: i, values: t.saved });
      }
    });
    saved.arrows = [];
    var arrows = function () {
      /* Plotly sets a menu's arrow font only when it first draws the menu */
      Array.prototype.forEach.call(gd.querySelectorAll(".updatemenu-header-arrow"), function (a) {
        if (saved.arrows.every(function (x) { return x[0] !== a; })) {
          saved.arrows.push([a, a.style.fontSize]);
        }
        a.style.fontSize = Math.max(MIN_FONT, parseFloat(a.style.fontSize) || 0) + "px";
      });
    };
    var done = P.relayout(gd, update);
    arrows();
    if (done && done.then) { done.then(arrows); }
    return saved;
  }

  function restoreChart(saved) {
    var P = plotlyLib();
    if (!P || !saved) { return; }
    var gd = saved.gd, layout = {};
    Object.keys(saved.layout).forEach(function (k) {
      layout[k] = saved.layout[k] === undefined ? null : saved.layout[k];
    });
    (saved.arrows || []).forEach(function (a) { a[0].style.fontSize = a[1]; });
    try {
      saved.traces.forEach(function (t) { P.restyle(gd, wrap(t.values), [t.index]); });
      P.relayout(gd, layout);  /* not Plots.resize: it would autosize the height */
    } catch (err) {  /* never leave the page stuck in presenter mode */
      if (window.console) { console.warn("presenter: could not restore a chart", err); }
    }
  }

  /* ------------------------------------------------------------------ screens */

  function setHeadingOnly(cell, on) {
    var h = headingOf(cell);
    if (!h) { return; }
    Array.prototype.forEach.call(h.parentElement.children, function (el) {
      if (el !== h) { el.classList.toggle("lx-pres-hide", on); }
    });
  }

  function hideAll() {
    cells().forEach(function (cell) {
      cell.classList.add("lx-pres-off");
      cell.classList.remove("lx-pres-on", "lx-pres-chart");
      setHeadingOnly(cell, false);
      Array.prototype.forEach.call(cell.querySelectorAll(".lx-pres-sr"), function (el) {
        el.classList.remove("lx-pres-sr");
      });
    });
  }

  function fitCharts(screen) {
    if (!screen.chart) { return; }
    var root = container();
    var plots = plotsIn(screen.chart);
    var plotsHeight = plots.reduce(function (sum, p) {
      return sum + p.getBoundingClientRect().height;
    }, 0);
    var bottom = 0;  /* where the screen's content ends, margins included */
    screen.cells.concat(screen.heading ? [screen.heading] : []).forEach(function (cell) {
      var margin = parseFloat(getComputedStyle(cell).marginBottom) || 0;
      bottom = Math.max(bottom, cell.getBoundingClientRect().bottom + margin);
    });
    var box = root.getBoundingClientRect();
    var free = box.bottom - (parseFloat(getComputedStyle(root).paddingBottom) || 0) - bottom;
    var each = Math.max(240, (plotsHeight + free - 4) / plots.length);
    plots.forEach(function (gd) {
      var width = Math.min(gd.parentElement.getBoundingClientRect().width,
                           window.innerWidth - 32);
      var saved = enlargeChart(gd, width, each);
      if (saved) { state.saved.push(saved); }
    });
  }

  function show(index) {
    var screens = state.screens;
    index = Math.max(0, Math.min(screens.length - 1, index));
    state.saved.forEach(restoreChart);
    state.saved = [];
    state.index = index;
    hideAll();
    var screen = screens[index];
    if (screen.heading) {
      screen.heading.classList.remove("lx-pres-off");
      screen.heading.classList.add("lx-pres-on");
      setHeadingOnly(screen.heading, screen.titleOnly);
    }
    screen.cells.forEach(function (cell) {
      cell.classList.remove("lx-pres-off");
      cell.classList.add("lx-pres-on");
    });
    if (screen.chart) {
      screen.chart.classList.add("lx-pres-chart");
      /* A chart's text summary and source line stay for screen readers but give the chart
         the room on screen (the chart's own footer names its sources). */
      Array.prototype.forEach.call(
        screen.chart.querySelectorAll("figcaption, .jp-OutputArea-child"), function (el) {
          if (!el.querySelector(".js-plotly-plot")) { el.classList.add("lx-pres-sr"); }
        });
    }
    container().scrollTop = 0;
    window.scrollTo(0, 0);
    fitCharts(screen);
    var title = screen.heading ? headingOf(screen.heading).textContent.replace("¶", "").trim() : "";
    state.counter.textContent = (index + 1) + " / " + screens.length;
    state.status.textContent = fmt(TEXT.screen, { n: index + 1, total: screens.length }) +
      (title ? ": " + title : "");
    state.prev.disabled = index === 0;
    state.next.disabled = index === screens.length - 1;
  }

  function makeButton(label, cls, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function startAt() {  /* the screen of the first cell at or below the top of the window */
    var screens = buildScreens();
    for (var i = 0; i < screens.length; i++) {
      var first = screens[i].heading || screens[i].cells[0];
      if (first && first.getBoundingClientRect().bottom > 0) { return i; }
    }
    return 0;
  }

  function start(index) {
    if (state) { return; }
    var screens = buildScreens();
    if (!screens.length) { return; }
    var at = index === undefined ? startAt() : index;
    var bar = document.createElement("nav");
    bar.className = "lx-pres-bar";
    bar.setAttribute("aria-label", TEXT.controls);
    var status = document.createElement("p");
    status.className = "lx-sr lx-pres-status";
    status.setAttribute("aria-live", "polite");
    var counter = document.createElement("span");
    counter.className = "lx-pres-counter";
    counter.setAttribute("aria-hidden", "true");
    state = { screens: screens, index: 0, bar: bar, status: status, counter: counter, saved: [] };
    state.prev = makeButton("◀ " + TEXT.previous, "lx-pres-prev", function () { step(-1); });
    state.next = makeButton(TEXT.next + " ▶", "lx-pres-next", function () { step(1); });
    var exit = makeButton(TEXT.exit, "lx-pres-exit", stop);
    [state.prev, counter, state.next, exit, status].forEach(function (el) { bar.appendChild(el); });
    document.body.appendChild(bar);
    document.documentElement.classList.add("lx-presenting");
    var root = container();
    /* a screen taller than the window scrolls, so keyboard users can focus it */
    state.tabindex = root.getAttribute("tabindex");
    root.setAttribute("tabindex", "0");
    show(at);
    root.focus({ preventScroll: true });
  }

  function stop() {
    if (!state) { return; }
    state.saved.forEach(restoreChart);
    document.documentElement.classList.remove("lx-presenting");
    hideAll();
    cells().forEach(function (cell) { cell.classList.remove("lx-pres-off"); });
    var shown = state.screens[state.index];
    var root = container();
    if (state.tabindex === null) { root.removeAttribute("tabindex"); }
    else { root.setAttribute("tabindex", state.tabindex); }
    state.bar.parentNode.removeChild(state.bar);
    state = null;
    var back = shown && (shown.heading || shown.cells[0]);
    if (back) { back.scrollIntoView(); }
    var button = document.querySelector(".lx-present-start");
    if (button) { button.focus({ preventScroll: true }); }
  }

  function step(delta) {
    if (state) { show(state.index + delta); }
  }

  function typing(target) {
    if (!target || !target.closest) { return false; }
    return !!target.closest("input, textarea, select, [contenteditable=''], " +
                            "[contenteditable='true'], [role='slider'], .widget-slider");
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    if (!state) {
      if (e.key === "p" || e.key === "P") { e.preventDefault(); start(); }
      return;
    }
    var keys = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                 ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (e.key in keys && !(e.key === " " && e.target.closest && e.target.closest("button"))) {
      e.preventDefault();
      step(e.shiftKey && e.key === " " ? -1 : keys[e.key]);
    } else if (e.key === "Home") { e.preventDefault(); show(0); }
    else if (e.key === "End") { e.preventDefault(); show(state.screens.length - 1); }
    else if (e.key === "Escape") { e.preventDefault(); stop(); }
  });

  window.addEventListener("resize", function () {
    if (state) { show(state.index); }
  });

  function addStartButton() {
    if (document.querySelector(".lx-present-start") || !container()) { return; }
    var b = makeButton(TEXT.present, "lx-present-start", function () { start(); });
    b.title = TEXT.presentHint;
    b.setAttribute("aria-keyshortcuts", "P");
    var bar = document.querySelector("header.lx-top .lx-bar");
    if (bar) { bar.appendChild(b); } else { b.classList.add("lx-present-float"); document.body.appendChild(b); }
  }

  function init() {
    addStartButton();
    if (/^#present$/.test(window.location.hash)) {
      /* wait until the charts are drawn */
      setTimeout(function () { start(0); }, 300);
    }
  }

  window.lxPresenter = { start: start, stop: stop, step: step, screens: buildScreens,
                         get index() { return state ? state.index : -1; } };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
