/* Names for ipywidgets' sliders in Voila. A slider's handle (role="slider", drawn by
   noUiSlider) gets no accessible name from ipywidgets 8, although the widget shows its
   description ("Year", "Launch years") as a label beside it. This points each handle at
   that label with aria-labelledby, for every slider on the page and every one drawn later. */
(function () {
  "use strict";
  var count = 0;

  function name(root) {
    var handles = root.querySelectorAll ? root.querySelectorAll(".noUi-handle") : [];
    Array.prototype.forEach.call(handles, function (handle) {
      if (handle.hasAttribute("aria-labelledby") || handle.hasAttribute("aria-label")) { return; }
      var widget = handle.closest(".widget-slider, .widget-hslider, .widget-vslider, .jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      if (!label || !label.textContent.trim()) { return; }
      if (!label.id) { label.id = "lx-slider-label-" + (++count); }
      handle.setAttribute("aria-labelledby", label.id);
    });
  }

  function start() {
    name(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType === 1) { name(node.parentNode || node); }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
