/* Myelopathy Guide: no dead end in search.
   Under the results, when a typed word is not in the site or nothing is found, show "Did you mean
   ...?" (a correction of each unknown word from the site's own words, window.mgSearchWords, written
   at build time from the search index), the A to Z lists, When to get help and the emergency line
   (that part is in the page: overrides/partials/search.html). Pressing the suggestion searches
   for it. Runs from a file (no inline code) so the Content-Security-Policy can forbid inline
   scripts; nothing the reader types leaves the browser. */
(function () {
  var vocab = window.mgSearchWords;
  var input = document.querySelector("input.md-search__input");
  var box = document.querySelector("[data-mg-search-help]");
  var result = document.querySelector(".md-search-result");
  if (!vocab || !input || !box || !result) return;
  var suggestBox = box.querySelector(".mg-search-help__suggest");
  var emptyBox = box.querySelector(".mg-search-help__empty");
  var button = box.querySelector("[data-mg-suggestion]");
  var filler = new Set(vocab.filler);
  var words = vocab.words;

  /* Optimal string alignment distance (edits, with a swap of neighbours counting as one), or
     limit + 1 once it is certain to exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows[i] = [i];
      var best = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0][j] = j; continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (i > 0 && best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  /* The word as typed and with each common slip undone ("fisio" -> "physio"). */
  function variants(word) {
    var out = [word];
    vocab.slips.forEach(function (pair) {
      [[pair[0], pair[1]], [pair[1], pair[0]]].forEach(function (swap) {
        if (word.indexOf(swap[0]) >= 0) out.push(word.split(swap[0]).join(swap[1]));
      });
    });
    return out;
  }

  /* The site word nearest to an unknown word (commonest on a tie), or null; remembered, since
     the same words come back with every key press. */
  var corrections = new Map();
  function correct(word) {
    if (!corrections.has(word)) corrections.set(word, nearest(word));
    return corrections.get(word);
  }
  function nearest(word) {
    var limit = word.length >= 6 ? 2 : 1;
    var best = null, bestDistance = limit + 1, bestCount = 0;
    variants(word).forEach(function (variant, n) {
      list.forEach(function (candidate) {
        var d = distance(variant, candidate, limit) + (n ? 0.5 : 0);
        if (d < bestDistance || (d === bestDistance && words[candidate] > bestCount)) {
          best = candidate; bestDistance = d; bestCount = words[candidate];
        }
      });
    });
    return bestDistance <= limit + 0.5 ? best : null;
  }

  var list = Object.keys(words);
  function known(word) {
    if (words[word] || filler.has(word)) return true;
    /* a word still being typed, or a form of a site word */
    return list.some(function (w) { return w.indexOf(word) === 0; });
  }

  /* The query with each unknown word replaced by its correction, or null if none changed. */
  function suggestion(query) {
    var changed = false;
    var out = query.split(/\s+/).filter(Boolean).map(function (typed) {
      var word = typed.toLowerCase().replace(/[^\p{L}\p{N}'’]/gu, "");
      if (word.length < 3 || known(word)) return typed;
      var better = correct(word);
      if (!better) return typed;
      changed = true;
      return better;
    });
    return changed ? out.join(" ") : null;
  }

  function update() {
    var query = input.value.trim();
    if (!query) { box.hidden = true; return; }
    var found = result.querySelectorAll(".md-search-result__item").length;
    var better = suggestion(query);
    suggestBox.hidden = !better;
    if (better) button.textContent = better;
    emptyBox.hidden = found > 0;
    box.hidden = found > 0 && !better;
  }

  button.addEventListener("click", function () {
    input.value = button.textContent;
    input.focus();
    /* Material's search reads the box on input (macros/build/search_client.py), as this box does */
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  /* Once typing and the results have settled: the search itself comes first on a slow phone */
  var timer = 0;
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  }
  new MutationObserver(soon).observe(result, { childList: true, subtree: true, characterData: true });
  input.addEventListener("input", soon);
})();
