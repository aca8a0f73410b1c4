// cert-bulletin console: small additions to pages that work without it. A breakdown says as you
// type whether its parts add up to its total; a problem's link in the JSON editor selects its line.
"use strict";
(function () {
  function number(input) {
    var text = (input.value || "").replace(/[,\s]/g, "");
    return /^\d+$/.test(text) ? parseInt(text, 10) : null;
  }
  function check(group) {
    var total = document.getElementById(group.dataset.total);
    var live = document.getElementById(group.dataset.live);
    if (!total || !live) { return; }
    var parts = group.querySelectorAll("input.part");
    var sum = 0, any = false;
    parts.forEach(function (p) { var n = number(p); if (n !== null) { sum += n; any = true; } });
    var value = number(total);
    if (!any || value === null) { live.textContent = ""; live.classList.remove("ok"); return; }
    if (sum !== value) {
      live.textContent = group.dataset.message.replace("{0}", sum).replace("{1}", value);
      live.classList.remove("ok");
      parts.forEach(function (p) { p.setAttribute("aria-describedby", live.id); });
    } else {
      live.textContent = group.dataset.ok;
      live.classList.add("ok");
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.parts[data-total]").forEach(function (group) {
      var total = document.getElementById(group.dataset.total);
      var run = function () { check(group); };
      group.addEventListener("input", run);
      if (total) { total.addEventListener("input", run); }
    });
    var json = document.getElementById("json");
    document.querySelectorAll("a[data-line]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        if (!json) { return; }
        event.preventDefault();
        var lines = json.value.split("\n");
        var line = Math.max(1, Math.min(lines.length, parseInt(a.dataset.line, 10)));
        var start = 0;
        for (var i = 0; i < line - 1; i++) { start += lines[i].length + 1; }
        json.focus();
        json.setSelectionRange(start, start + lines[line - 1].length);
        var height = json.scrollHeight / Math.max(lines.length, 1);
        json.scrollTop = Math.max(0, (line - 5) * height);
      });
    });
  });
})();
