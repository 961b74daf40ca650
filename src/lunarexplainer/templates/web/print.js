/* Printing a lesson page: charts at a readable size, every table row, and the screen layout
   restored afterwards. On screen, a table chart scrolls inside itself: with the mouse wheel
   and its scroll bar (Plotly's own), and from the keyboard (below).

   - Before printing, each chart is redrawn at the paper's width and at its own screen height
     (never under MIN_HEIGHT px); after printing it gets back the width and height it had, so
     nothing stays collapsed until a reload. (Plotly.Plots.resize is not used: it sets
     autosize, and an autosized height collapses to the plot box's 200 px minimum.)
   - A Plotly table shows only the rows that fit its box, so each table chart also gets a plain
     HTML table with every row, built from the same figure data. It is hidden on screen and
     printed instead of the chart; paper breaks it between rows and repeats the header. */
(function () {
  "use strict";
  var PRINT_WIDTH = 680; /* px: fits A4 and US Letter with 15 mm margins */
  var MIN_HEIGHT = 200;
  var saved = null;

  function plots() {
    /* a table chart prints as its plain table instead (below) */
    return Array.prototype.slice.call(
      document.querySelectorAll(".lx-plot.js-plotly-plot:not(.lx-has-print-table)"));
  }

  function beforePrint() {
    if (saved || typeof Plotly === "undefined") { return; }
    saved = plots().map(function (el) {
      var full = el._fullLayout || {};
      var state = { el: el, width: el.layout.width, height: el.layout.height || full.height };
      Plotly.relayout(el, { width: PRINT_WIDTH, height: Math.max(MIN_HEIGHT, state.height || 0) });
      return state;
    });
  }

  function afterPrint() {
    if (!saved) { return; }
    saved.forEach(function (s) {
      Plotly.relayout(s.el, { width: s.width === undefined ? null : s.width,
                              height: s.height === undefined ? null : s.height });
    });
    saved = null;
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) { beforePrint(); } else { afterPrint(); } };
    if (mq.addEventListener) { mq.addEventListener("change", onChange); }
    else if (mq.addListener) { mq.addListener(onChange); }
  }

  /* Plotly's label markup (<b>, <br>, entities) as plain text; DOMParser runs no scripts. */
  var parser = new DOMParser();
  function plain(value) {
    var text = String(value === null || value === undefined ? "" : value)
      .replace(/<br\s*\/?>/gi, "\n");
    return parser.parseFromString("<body>" + text + "</body>", "text/html").body.textContent;
  }

  function cellText(tag, value) {
    var cell = document.createElement(tag);
    plain(value).split("\n").forEach(function (line, i) {
      if (i) { cell.appendChild(document.createElement("br")); }
      cell.appendChild(document.createTextNode(line));
    });
    return cell;
  }

  function printTable(trace, title) {
    var header = (trace.header || {}).values || [];
    var columns = (trace.cells || {}).values || [];
    var rows = columns.reduce(function (n, col) { return Math.max(n, (col || []).length); }, 0);
    var table = document.createElement("table");
    table.className = "lx-print-table";
    if (title) { table.appendChild(cellText("caption", title)); }
    var head = table.appendChild(document.createElement("thead")).appendChild(
      document.createElement("tr"));
    header.forEach(function (h) {
      var th = head.appendChild(cellText("th", Array.isArray(h) ? h.join(" ") : h));
      th.setAttribute("scope", "col");
    });
    var body = table.appendChild(document.createElement("tbody"));
    for (var r = 0; r < rows; r++) {
      var tr = body.appendChild(document.createElement("tr"));
      columns.forEach(function (col) { tr.appendChild(cellText("td", (col || [])[r])); });
    }
    return table;
  }

  function addPrintTables() {
    Array.prototype.forEach.call(document.querySelectorAll("script.lx-plot-data"), function (node) {
      var el = document.getElementById(node.getAttribute("data-for"));
      if (!el) { return; }
      var fig = JSON.parse(node.textContent);
      var tables = (fig.data || []).filter(function (t) { return t.type === "table"; });
      if (!tables.length) { return; }
      var title = ((fig.layout || {}).title || {});
      title = plain(typeof title === "string" ? title : title.text || "");
      var box = document.createElement("div");
      box.className = "lx-print-only";
      tables.forEach(function (t) { box.appendChild(printTable(t, title)); });
      el.classList.add("lx-has-print-table");
      el.parentNode.insertBefore(box, el.nextSibling);
      scrollsWithKeys(el);
    });
  }

  /* Tab reaches a table chart; the arrow keys, Page Up/Down, Home and End scroll its rows,
     through the same wheel handler Plotly scrolls a table with. */
  var STEPS = { ArrowDown: 40, ArrowUp: -40, PageDown: 0.8, PageUp: -0.8, Home: -1e6, End: 1e6 };
  function scrollsWithKeys(el) {
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    var hint = (window.LX_TEXT && window.LX_TEXT.tableHint) ||
      "(table: scroll it with the arrow keys)";
    el.setAttribute("aria-label", (el.getAttribute("aria-label") || "") + " " + hint);
    el.addEventListener("keydown", function (e) {
      var step = STEPS[e.key];
      var view = el.querySelector(".table-control-view");
      if (step === undefined || !view || e.altKey || e.ctrlKey || e.metaKey) { return; }
      if (Math.abs(step) < 1) { step *= view.getBoundingClientRect().height; }
      view.dispatchEvent(new WheelEvent("wheel", { deltaY: step, bubbles: true, cancelable: true }));
      e.preventDefault();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addPrintTables);
  } else {
    addPrintTables();
  }
})();
