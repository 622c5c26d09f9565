(function () {
  "use strict";
  var RANK = { prohibited: 0, critical: 1, warning: 2, info: 3 };
  var form = document.getElementById("filters");
  if (!form) { return; }
  var sev = document.getElementById("f-severity");
  var grp = document.getElementById("f-group");
  var ns = document.getElementById("f-namespace");
  var q = document.getElementById("f-search");
  var shown = document.getElementById("f-shown");
  var none = document.getElementById("f-none");
  var findings = Array.prototype.slice.call(document.querySelectorAll("[data-finding]"));
  var rules = Array.prototype.slice.call(document.querySelectorAll("[data-rule]"));

  function matches(el) {
    var s = sev.value, g = grp.value, n = ns.value;
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (s && RANK[el.getAttribute("data-severity")] > RANK[s]) { return false; }
    if (g && el.getAttribute("data-group") !== g) { return false; }
    if (n === "-" && el.getAttribute("data-namespace") !== "") { return false; }
    if (n && n !== "-" && el.getAttribute("data-namespace") !== n) { return false; }
    var text = el.getAttribute("data-search") || "";
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) === -1) { return false; }
    }
    return true;
  }

  function apply() {
    var visible = 0;
    findings.forEach(function (el) {
      var ok = matches(el);
      el.hidden = !ok;
      if (ok) { visible++; }
    });
    var active = sev.value || grp.value || ns.value || q.value;
    rules.forEach(function (rule) {
      rule.hidden = rule.querySelector("[data-finding]:not([hidden])") === null;
      if (active && !rule.hidden) { rule.open = true; }
    });
    shown.textContent = "Showing " + visible + " of " + findings.length + " findings";
    none.hidden = visible !== 0;
  }

  [sev, grp, ns].forEach(function (el) { el.addEventListener("change", apply); });
  q.addEventListener("input", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.rule").forEach(function (d) { d.open = true; });
  });
  form.hidden = false;
  apply();
})();
