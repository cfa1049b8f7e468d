// TechBridge progressive enhancement; no inline scripts (the CSP forbids them).
(function () {
  "use strict";
  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  onReady(function () {
    document.querySelectorAll("select.js-autosubmit").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (ev) {
        if (!window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
      });
    });
    var summary = document.getElementById("id_summary");
    var counter = document.getElementById("summary-count");
    if (summary && counter) {
      var update = function () {
        counter.textContent = summary.value.length + " / 500";
        counter.classList.toggle("over", summary.value.length > 500);
      };
      summary.addEventListener("input", update);
      update();
    }
  });
})();
// Close an open navigation menu when another opens or the user clicks elsewhere.
document.addEventListener("click", function (ev) {
  document.querySelectorAll("details.navgroup[open]").forEach(function (d) {
    if (!d.contains(ev.target)) d.removeAttribute("open");
  });
});
