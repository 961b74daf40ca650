/* Glossary words in a lesson (lesson/glossary.py marks them): the meaning shows on hover and
   on keyboard focus through CSS alone; a click or tap keeps it open, and Escape or a click
   elsewhere closes it. Used by the static site and by Voila. */
(function () {
  "use strict";

  function closeAll(except) {
    var open = document.querySelectorAll(".lx-term.lx-open, .lx-term.lx-closed");
    Array.prototype.forEach.call(open, function (term) {
      if (term !== except) {
        term.classList.remove("lx-open");
        term.classList.remove("lx-closed");
        term.querySelector(".lx-term-word").setAttribute("aria-expanded", "false");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var word = event.target.closest ? event.target.closest(".lx-term-word") : null;
    if (!word) { closeAll(null); return; }
    var term = word.parentNode;
    closeAll(term);
    var opening = !term.classList.contains("lx-open");
    term.classList.toggle("lx-open", opening);
    term.classList.toggle("lx-closed", !opening);
    word.setAttribute("aria-expanded", opening ? "true" : "false");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var term = event.target.closest ? event.target.closest(".lx-term") : null;
    if (term) {
      term.classList.remove("lx-open");
      term.classList.add("lx-closed"); /* hidden until the next focus or hover */
      term.querySelector(".lx-term-word").setAttribute("aria-expanded", "false");
    }
  });

  document.addEventListener("focusout", function (event) {
    var term = event.target.closest ? event.target.closest(".lx-term") : null;
    if (term) { term.classList.remove("lx-closed"); }
  });
})();
