/* Draws every chart of an exported lesson page with the local plotly.js.
   Each chart's figure JSON sits in a <script type="application/json"> next to its <div>,
   so no code is built from data and the page works from file:// with no server. */
(function () {
  "use strict";
  var PRINT_WIDTH = 680; /* px: fits A4 and US Letter with 15 mm margins */
  var plots = [];

  function drawAll() {
    var specs = document.querySelectorAll("script.lx-plot-data");
    Array.prototype.forEach.call(specs, function (node) {
      var el = document.getElementById(node.getAttribute("data-for"));
      if (!el || typeof Plotly === "undefined") { return; }
      var fig = JSON.parse(node.textContent);
      var config = Object.assign({ displaylogo: false, responsive: true }, fig.config || {});
      Plotly.newPlot(el, { data: fig.data || [], layout: fig.layout || {},
                           frames: fig.frames || [], config: config });
      plots.push(el);
    });
  }

  function setPrintWidth(printing) {
    plots.forEach(function (el) {
      Plotly.relayout(el, { width: printing ? PRINT_WIDTH : null, autosize: true });
    });
  }

  window.addEventListener("beforeprint", function () { setPrintWidth(true); });
  window.addEventListener("afterprint", function () { setPrintWidth(false); });
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { setPrintWidth(e.matches); };
    if (mq.addEventListener) { mq.addEventListener("change", onChange); }
    else if (mq.addListener) { mq.addListener(onChange); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
