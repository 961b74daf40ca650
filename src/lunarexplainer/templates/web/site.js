/* Draws every chart of an exported lesson page with the local plotly.js.
   Each chart's figure JSON sits in a <script type="application/json"> next to its <div>,
   so no code is built from data and the page works from file:// with no server.

   A chart with Plotly menus or sliders says what each choice shows: every button and slider
   step sets the title, the in-plot note for an empty choice and layout.meta.summary (the
   chart's summary of that choice, written by the same Python builder as the live explorer).
   After each change the caption under the chart (.lx-summary, an aria-live region) and the
   chart's accessible name follow. */
(function () {
  "use strict";

  function plainText(markup) {
    /* Title markup (<b>, <br>, entities) as the words it shows; DOMParser runs no script. */
    var doc = new DOMParser().parseFromString(String(markup).replace(/<br\s*\/?>/gi, " "),
                                              "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  }

  function sayWhatIsShown(el) {
    var layout = el.layout || {};
    var meta = layout.meta || {};
    var figure = el.closest("figure");
    var box = figure && figure.querySelector(".lx-summary");
    if (box && typeof meta.summary === "string" && box.textContent.trim() !== meta.summary) {
      var p = document.createElement("p");
      p.textContent = meta.summary;
      box.replaceChildren(p);
    }
    var title = layout.title && typeof layout.title === "object" ? layout.title.text : layout.title;
    var words = (window.LX_TEXT && window.LX_TEXT.chart) || "Chart: {title}";
    if (title) { el.setAttribute("aria-label", words.replace("{title}", plainText(title))); }
  }

  function followChoices(el) {
    var say = function () { sayWhatIsShown(el); };
    ["plotly_update", "plotly_relayout", "plotly_buttonclicked", "plotly_sliderchange"]
      .forEach(function (name) { el.on(name, say); });
    el.on("plotly_treemapclick", function (ev) { return openView(el, ev); });
  }

  function openView(el, ev) {
    /* A click that lxTreemapView (treemap_views.js) turns into a view: press the menu button
       that draws that view (as the student would pick it), so the title, caption and menu
       follow. false stops plotly.js's own zoom; undefined lets it zoom. */
    var level = lxTreemapView(el, ev);
    if (level === null) { return undefined; }
    var menus = (el.layout && el.layout.updatemenus) || [];
    for (var m = 0; m < menus.length; m++) {
      var buttons = menus[m].buttons || [];
      for (var b = 0; b < buttons.length; b++) {
        var args = buttons[b].args || [];
        var levels = args[0] && args[0].level;
        if (buttons[b].method === "update" && Array.isArray(levels) && levels[0] === level) {
          var layout = Object.assign({}, args[1] || {});
          layout["updatemenus[" + m + "].active"] = b;
          Plotly.update(el, args[0], layout);
          return false;
        }
      }
    }
    return undefined;
  }

  function drawAll() {
    var specs = document.querySelectorAll("script.lx-plot-data");
    Array.prototype.forEach.call(specs, function (node) {
      var el = document.getElementById(node.getAttribute("data-for"));
      if (!el || typeof Plotly === "undefined") { return; }
      var fig = JSON.parse(node.textContent);
      var config = Object.assign({ displaylogo: false, responsive: true }, fig.config || {});
      if (window.LX_PLOTLY_LOCALE) { config.locale = window.LX_PLOTLY_LOCALE; }
      Plotly.newPlot(el, { data: fig.data || [], layout: fig.layout || {},
                           frames: fig.frames || [], config: config }).then(followChoices);
    });
  }

  /* Printing (chart sizes, full tables) is print.js. */

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
