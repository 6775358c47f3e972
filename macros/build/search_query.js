/* Myelopathy Guide: how search reads a reader's words (prepended to Material's search worker).
   __MG_TERMS__ is replaced at build time by {filler: [...], question: [...], synonyms: {word: [...]}}
   from data/search.yml. Each query word becomes lunr clauses:
   - a filler word ("why", "my", "can't") is left out, so the content words decide;
   - a word in the index: the word itself and as a prefix (exact matches count twice);
   - a word only the start of indexed words (still typing): the prefix;
   - an unknown word: the indexed words one edit away (two for words of 6 letters or more),
     at a third of the weight (lunr boosts are whole numbers), so a misspelling finds the page and never outranks an exact match;
   - its synonyms from data/search.yml, at a third of the weight (lunr boosts are whole numbers). */
(function () {
  var terms = __MG_TERMS__;
  var filler = new Set(terms.filler);
  var MAX_FUZZY = 6;
  function matches(index, pattern) {
    return index.tokenSet.intersect(pattern).toArray();
  }
  self.__mgTerm = function (term) {
    var word = term.toLowerCase();
    var index = self.__mgIndex;
    if (filler.has(word)) return "";
    if (!index || !lunr.stopWordFilter(word) || !/^[\p{L}\p{N}'’]+$/u.test(word)) return term + "*";
    var out = [];
    if (word in index.invertedIndex) {
      out.push(word + "^10", word + "*^10");
    } else if (matches(index, lunr.TokenSet.fromString(word + "*")).length) {
      out.push(word + "*^10");
    } else if (word.length >= 4) {
      var near = matches(index, lunr.TokenSet.fromFuzzyString(word, 1));
      if (!near.length && word.length >= 6) near = matches(index, lunr.TokenSet.fromFuzzyString(word, 2));
      near.sort(function (a, b) {
        return Object.keys(index.invertedIndex[b]).length - Object.keys(index.invertedIndex[a]).length;
      });
      near.slice(0, MAX_FUZZY).forEach(function (w) { out.push(w + "^5"); });
    }
    (terms.synonyms[word] || []).forEach(function (w) {
      if (w in index.invertedIndex) out.push(w + "^5");
    });
    return out.length ? out.join(" ") : term + "*";
  };
})();
