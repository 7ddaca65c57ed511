// The participant list's bulk action: a checkbox in the header ticks every person's.
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    var boxes = function () { return document.querySelectorAll('input[type="checkbox"][name="' + name + '"]'); };
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
  });
})();
