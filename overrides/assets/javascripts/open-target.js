/* Myelopathy Guide: a link to something inside a folded part (a source, a question) opens the fold,
   so the reader lands on what the link promised; printing opens every fold. From a file, so the Content-Security-Policy can
   forbid inline scripts. */
(function () {
  function openTo(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  window.addEventListener("hashchange", function () { openTo(window.location.hash); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) openTo(link.getAttribute("href"));
  });
  openTo(window.location.hash);

  /* Printing shows what is folded, then folds it back. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [].filter.call(document.querySelectorAll("article details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
