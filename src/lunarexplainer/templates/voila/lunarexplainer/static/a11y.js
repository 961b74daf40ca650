/* Keyboard and screen-reader fixes for ipywidgets 8 in Voila, for every widget on the page
   and every one drawn later:
   - A slider's handle (role="slider", drawn by noUiSlider) gets no accessible name, although
     the widget shows its description ("Year", "Launch years") as a label beside it: point
     the handle at that label with aria-labelledby.
   - The options of a RadioButtons widget (the quizzes) have no shared name, so each is its
     own Tab stop and the arrow keys do nothing: give each group one name, as in a form. */
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

  function group(root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll(".widget-radio-box") : [];
    Array.prototype.forEach.call(boxes, function (box) {
      var inputs = box.querySelectorAll("input[type=radio]:not([name])");
      if (!inputs.length) { return; }
      var groupName = box.getAttribute("data-lx-group") || "lx-radio-" + (++count);
      box.setAttribute("data-lx-group", groupName);
      Array.prototype.forEach.call(inputs, function (input) { input.name = groupName; });
    });
  }

  function fix(root) { name(root); group(root); }

  function start() {
    fix(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType === 1) { fix(node.parentNode || node); }
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
