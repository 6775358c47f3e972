/* Myelopathy Guide, preview only (mkdocs serve): shows the data's problems in the box at the top of the
   page. Every preview build writes preview-problems.json (macros/build/preview.py); the page itself
   does not change when a mistake is saved or fixed, so only that file has to be rebuilt. */
(function () {
  var box = document.querySelector("[data-mg-problems]");
  if (!box || !window.fetch) return;
  function add(parent, tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  fetch(box.getAttribute("data-mg-problems"), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
    .then(function (found) {
      var problems = found.problems || [];
      if (!problems.length) return;
      var n = problems.length;
      add(box, "p", "The data has " + n + " problem" + (n === 1 ? "" : "s") +
        ": this preview shows the last version that built").className = "admonition-title";
      var list = add(box, "ul");
      problems.forEach(function (problem) { add(add(list, "li"), "code", problem); });
      add(box, "p", "Fix the file and save it: the preview rebuilds by itself.");
      box.hidden = false;
    })
    .catch(function () {});
})();
