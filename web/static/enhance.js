// Progressive enhancement only: every page works without this file.
// - sort and "one hit per document" apply as soon as they change;
// - on narrow screens the filter panel starts folded so the hits come first;
// - "/" moves the focus to the search box (every page that has one: search, document, similar).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.querySelectorAll("[data-autosubmit]").forEach(function (control) {
    control.addEventListener("change", function () {
      if (control.form) { control.form.submit(); }
    });
  });

  if (window.matchMedia("(max-width: 48rem)").matches) {
    document.querySelectorAll("details[data-close-when-narrow]").forEach(function (panel) {
      panel.open = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT" || target.isContentEditable);
    if (event.key === "/" && box && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
