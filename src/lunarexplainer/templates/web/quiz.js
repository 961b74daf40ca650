/* Quizzes on the static site, with no kernel: each <form data-quiz-question> carries its
   verdicts as JSON (computed at export by the lesson's own quiz code), and this script only
   looks the answer up and writes the feedback into the form's aria-live line. */
(function () {
  "use strict";

  function show(form, fb, text) {
    var line = form.querySelector(".lx-feedback");
    line.className = "lx-feedback " + (fb.correct ? "lx-right" : "lx-wrong");
    line.textContent = "";
    var verdict = document.createElement("strong");
    verdict.textContent = fb.verdict;
    line.appendChild(verdict);
    line.appendChild(document.createTextNode(" " + (text === undefined ? fb.message : text)));
    form.setAttribute("data-answered", fb.correct ? "right" : "wrong");
  }

  /* The same steps as NumericQuestion.check in lesson/quiz.py. */
  function judgeNumber(data, raw) {
    var typed = raw.trim().replace(/,/g, "");
    if (!typed) { return [data.empty]; }
    var value = /^[+-]?inf(inity)?$/i.test(typed) ? (typed[0] === "-" ? -Infinity : Infinity)
                                                  : Number(typed);
    if (isNaN(value)) {
      var fb = data.not_a_number;
      return [fb, fb.message.split(fb.slot).join("'" + raw.trim() + "'")];
    }
    if (Math.abs(value - data.answer) <= data.tolerance) { return [data.right]; }
    for (var i = 0; i < data.near.length; i++) {
      if (Math.abs(value - data.near[i][0]) <= data.tolerance) {
        return [{ correct: false, verdict: data.low.verdict, message: data.near[i][1] }];
      }
    }
    return [value < data.answer ? data.low : data.high];
  }

  function check(form) {
    var data = JSON.parse(form.querySelector("script.lx-quiz-data").textContent);
    var result;
    if (data.kind === "choice") {
      var picked = form.querySelector("input[type=radio]:checked");
      result = [picked ? data.options[Number(picked.value)] : data.empty];
    } else {
      result = judgeNumber(data, form.querySelector("input[type=text]").value);
    }
    show(form, result[0], result[1]);
  }

  function setUp() {
    var forms = document.querySelectorAll("form[data-quiz-question]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
      /* Enter on a radio button checks, as it does in the number box. */
      form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target.type === "radio") {
          event.preventDefault();
          check(form);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
