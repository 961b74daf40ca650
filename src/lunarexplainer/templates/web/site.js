/* Draws every chart of an exported lesson page with the local plotly.js.
   Each chart's figure JSON sits in a <script type="application/json"> next to its <div>,
   so no code is built from data and the page works from file:// with no server. */
(function () {
  "use strict";

  function drawAll() {
    var specs = document.querySelectorAll("script.lx-plot-data");
    Array.prototype.forEach.call(specs, function (node) {
      var el = document.getElementById(node.getAttribute("data-for"));
      if (!el || typeof Plotly === "undefined") { return; }
      var fig = JSON.parse(node.textContent);
      var config = Object.assign({ displaylogo: false, responsive: true }, fig.config || {});
      Plotly.newPlot(el, { data: fig.data || [], layout: fig.layout || {},
                           frames: fig.frames || [], config: config });
    });
  }

  /* Printing (chart sizes, full tables) is print.js. */

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
