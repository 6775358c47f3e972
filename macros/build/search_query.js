/* Myelopathy Guide: how search reads a reader's words (prepended to Material's search worker).
   __MG_TERMS__ is replaced at build time by the settings from data/search.yml and the records:
   {filler: [...], synonyms: {word: [...]}, red_flags: [page, ...], help: page, faqs: prefix}.

   1. Each query word becomes one "concept" with the lunr clauses that can match it:
      - a filler word ("why", "my", "can't") is left out, so the content words decide, and so is
        a single letter (the start of a word still being typed: it would match most of the site);
      - a word in the index: itself and as a prefix; a word only the start of indexed words
        (still typing): the prefix;
      - an unknown word (a misspelling): the indexed words one edit away (two for words of
        6 letters or more), the commonest first; in another language than English, a word whose
        stem the pages use is not unknown: the words of that stem, never a correction;
      - the word's synonyms from data/search.yml (a synonym may be a phrase: "pins and needles"
        adds its words; a phrase typed in the query adds the single words of its group).
   2. lunr finds every page matching any clause. Its own score adds every clause up, so a page
      using three synonyms of one word would beat a page using the reader's word and another
      of their words. The pages are ranked again here: each concept counts once, by its best
      match on the page (the reader's own word 1, the word with an ending such as -s or -ing
      0.9, a misspelling's correction 0.8, a prefix 0.8 while the reader is still typing but
      0.3 after a whole word, a synonym 0.6), times how rare the word is on the site, times
      1000 in a page's names (its tags: a record's name and aliases, an FAQ's question, a
      page's front-matter tags), 100 in its title and 1 in its text. A page's own entry ranks
      1.5 times above its sections; an FAQ entry ranks as a page of its own when the reader
      typed a question. Then the share of the best-covered name the query matched raises the
      score up to twice ("Numbness" before "Saddle numbness" for "numbness"), and an FAQ whose
      question holds most of a question's words (two or more) counts twice again: it answers it.
   3. A query whose best pages include a red-flag symptom (urgency: emergency) also shows
      "When to get help" second.
   Material then groups the results by page; the scores given to it are spaced sixfold so that its
   own boosts (at most fivefold) cannot reorder them. */
(function () {
  var PAGES = 40;
  var terms = __MG_TERMS__;
  var filler = new Set(terms.filler);
  var redFlags = new Set(terms.red_flags);
  var MAX_FUZZY = 6;
  var QUESTION = new Set(terms.questions);
  /* Letters without their accents, as readers often type them ("cirugia" for "cirugía"): the word lists
     in data/search*.yml are written without accents. */
  function bare(word) { return word.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var concepts = [];
  var extra = {};
  var question = false;

  function matches(index, pattern) {
    return index.tokenSet.intersect(pattern).toArray();
  }
  /* The word as typed and with each common slip from data/search.yml undone (f for ph, c for k),
     each with and without a possessive 's. */
  function variants(word) {
    var out = [word];
    terms.slips.forEach(function (pair) {
      [[pair[0], pair[1]], [pair[1], pair[0]]].forEach(function (swap) {
        if (word.indexOf(swap[0]) >= 0) out.push(word.split(swap[0]).join(swap[1]));
      });
    });
    return out.concat(out.map(function (w) { return w + "'s"; }));
  }
  /* Indexed words within `distance` edits of a variant of the word. */
  function nearby(index, word, distance) {
    var found = new Set();
    variants(word).forEach(function (v) {
      matches(index, lunr.TokenSet.fromFuzzyString(v, distance)).forEach(function (w) { found.add(w); });
    });
    return Array.from(found);
  }
  /* Indexed words by their letters without accents, made once per index: "mielopatia" typed finds
     "mielopatía" as the very word, not as a one-letter typo. */
  var foldedIndex = null, foldedFor = null;
  function folded(index) {
    if (foldedFor !== index) {
      foldedIndex = {};
      foldedFor = index;
      Object.keys(index.invertedIndex).forEach(function (token) {
        var key = bare(token);
        if (key !== token) (foldedIndex[key] = foldedIndex[key] || []).push(token);
      });
    }
    return foldedIndex;
  }
  /* Another edition than English: indexed words by their stem, from lunr's stemmer for the language
     (Snowball, loaded by Material's worker for `lang`), so that "operarme" also finds "operación" and
     "operado". English keeps its own tuned endings (ENDINGS below). */
  var stemIndex = null, stemFor = null;
  function stemmer() {
    var lang = terms.language;
    return lang && lang !== "en" && self.lunr && lunr[lang] && lunr[lang].stemmer;
  }
  function stemOf(word) {
    return stemmer()(new lunr.Token(bare(word), {})).toString();
  }
  function stems(index) {
    if (!stemmer()) return null;
    if (stemFor !== index) {
      stemIndex = {};
      stemFor = index;
      Object.keys(index.invertedIndex).forEach(function (token) {
        if (!/^[\p{L}]{3,}$/u.test(token)) return;
        var key = stemOf(token);
        (stemIndex[key] = stemIndex[key] || []).push(token);
      });
    }
    return stemIndex;
  }
  function docFreq(index, word) {
    var posting = index.invertedIndex[word], refs = {};
    if (!posting) return 0;
    Object.keys(posting).forEach(function (field) {
      if (field !== "_index") Object.keys(posting[field]).forEach(function (ref) { refs[ref] = 1; });
    });
    return Object.keys(refs).length;
  }
  var rarity = {};
  function idf(index, word) {
    if (!(word in rarity)) {
      var n = self.__mgDocs || (self.__mgDocs = Object.keys(index.fieldVectors).length / index.fields.length);
      var df = docFreq(index, word);
      rarity[word] = Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
    }
    return rarity[word];
  }

  /* Called with the reader's whole query, before Material splits it into terms. */
  self.__mgStart = function (index, query) {
    self.__mgIndex = index;
    concepts = [];
    extra = {};
    worth = {};
    var text = " " + bare(query.toLowerCase()).replace(/[^\p{L}\p{N}'’]+/gu, " ") + " ";
    terms.phrases.forEach(function (entry) {
      if (text.indexOf(" " + entry[0] + " ") < 0) return;
      entry[0].split(" ").forEach(function (w) { extra[w] = (extra[w] || []).concat(entry[1]); });
    });
    var words = bare(query.toLowerCase()).replace(/^[¿¡]+/, "").split(/\s+/).filter(Boolean);
    question = /\?\s*$/.test(query) || (words.length >= 3 && QUESTION.has(words[0]));
    return query;
  };

  /* Called for each term: the lunr clauses for it, and its concept noted for the ranking. */
  self.__mgTerm = function (term) {
    var word = term.toLowerCase();
    var index = self.__mgIndex;
    var plain = bare(word);
    if ((filler.has(plain) && !extra[plain]) || word.length < 2) return "";
    if (!index || (!lunr.stopWordFilter(word) && !extra[word]) || !/^[\p{L}\p{N}'’]+$/u.test(word)) return term + "*";
    var concept = { word: word, weights: {} };
    var out = [];
    /* words with the same stem ("noto": "notar", "notado"): a word whose stem the pages use is a word, not
       a misspelling to correct ("noto" is not "roto") */
    var sameStem = (word.length >= 4 && stems(index) && stems(index)[stemOf(word)]) || [];
    if (filler.has(word) || !lunr.stopWordFilter(word)) {
      /* a filler word inside a phrase synonym ("look after"): only the phrase's synonyms */
    } else if (word in index.invertedIndex) {
      out.push(word + "^10", word + "*^10");
    } else if (folded(index)[plain]) {
      folded(index)[plain].forEach(function (w) { out.push(w + "^10", w + "*^10"); concept.weights[w] = 1; });
    } else if (matches(index, lunr.TokenSet.fromString(word + "*")).length) {
      out.push(word + "*^10");
    } else if (word.length >= 4 && !sameStem.length) {
      var near = nearby(index, word, 1);
      if (!near.length && word.length >= 6) near = nearby(index, word, 2);
      near.sort(function (a, b) { return docFreq(index, b) - docFreq(index, a); });
      near.slice(0, MAX_FUZZY).forEach(function (w) { out.push(w + "^5"); concept.weights[w] = 0.8; });
    }
    sameStem.forEach(function (w) {
      if (w === word || concept.weights[w]) return;
      out.push(w + "^5");
      concept.weights[w] = 0.6;
    });
    concept.complete = word in index.invertedIndex || !!folded(index)[plain] || sameStem.length > 0;
    (terms.synonyms[plain] || []).concat(extra[plain] || []).forEach(function (entry) {
      entry.split(" ").forEach(function (w) {
        if (filler.has(w) || !lunr.stopWordFilter(w)) return;
        /* the lists are written without accents; the pages' words may have them ("cirugia": "cirugía") */
        (w in index.invertedIndex ? [w] : folded(index)[w] || []).forEach(function (found) {
          if (concept.weights[found]) return;
          out.push(found + "^5");
          concept.weights[found] = 0.6;
        });
      });
    });
    concepts.push(concept);
    return out.length ? out.join(" ") : term + "*";
  };

  function weight(concept, token) {
    if (token === concept.word) return 1;
    if (concept.weights[token]) return concept.weights[token];
    if (token.indexOf(concept.word) === 0) {
      if (!concept.complete) return 0.8;
      return ENDINGS.test(token.slice(concept.word.length)) ? 0.9 : 0.3;
    }
    return 0;
  }

  /* A longer word that is the reader's word plus one of these is the same word ("feel", "feeling"). */
  var ENDINGS = /^(s|es|d|ed|ing|er|ers|ly|y|'s|’s)$/;
  var FIELD_WEIGHT = { tags: 1000, title: 100, text: 1 };
  var PAGE_BOOST = 1.5;
  var FAQ_BOOST = 2, FAQ_SHARE = 0.6;

  /* What a token matched in the index is worth to each concept: [[concept, value, weight]],
     cached for the query (a prefix a reader is still typing can match hundreds of words). */
  var worth = {};
  function tokenWorth(index, token) {
    if (worth[token]) return worth[token];
    var out = [];
    concepts.forEach(function (concept, i) {
      var w = weight(concept, token);
      if (!w) return;
      var rare = concept.complete ? Math.min(idf(index, token), idf(index, concept.word)) : idf(index, token);
      out.push([i, w * rare, w]);
    });
    return (worth[token] = out);
  }

  /* How well the best of a page's names (its tags: name and aliases, or an FAQ's question) is
     covered by the query: "Numbness" (all of it) before "Saddle numbness" (half) for "numbness". */
  function nameCover(index, doc) {
    var best = 0;
    ((doc && doc.tags) || []).forEach(function (tag) {
      var words = tag.toLowerCase().split(lunr.tokenizer.separator).map(function (w) {
        return w.replace(/[^\p{L}\p{N}'’]+/gu, "");  /* "¿cómo", "diagnosed?": the words themselves */
      }).filter(function (w) {
        return w && lunr.stopWordFilter(w) && !filler.has(bare(w));
      });
      if (!words.length) return;
      var hit = words.filter(function (w) {
        return tokenWorth(index, w).some(function (entry) { return entry[2] >= 0.5; });
      }).length;
      best = Math.max(best, hit / words.length);
    });
    return best;
  }

  /* An FAQ answers a question when its own question holds two or more of the reader's words and most of
     them ("puedo hacer ejercicio con mielopatia": "¿Es seguro hacer ejercicio si tengo mielopatía?"); a
     one-word question ("qué es la mielopatía") is the page of that name's. */
  function answers(index, result) {
    var metadata = result.matchData.metadata, held = {};
    Object.keys(metadata).forEach(function (token) {
      if (!metadata[token].tags) return;
      tokenWorth(index, token).forEach(function (entry) { if (entry[2] >= 0.5) held[entry[0]] = true; });
    });
    var count = Object.keys(held).length;
    return count >= 2 && count >= FAQ_SHARE * concepts.length;
  }

  function score(index, result) {
    var metadata = result.matchData.metadata;
    var best = concepts.map(function () { return 0; });
    Object.keys(metadata).forEach(function (token) {
      var fields = metadata[token];
      var field = fields.tags ? FIELD_WEIGHT.tags : fields.title ? FIELD_WEIGHT.title : FIELD_WEIGHT.text;
      tokenWorth(index, token).forEach(function (entry) {
        best[entry[0]] = Math.max(best[entry[0]], entry[1] * field);
      });
    });
    var total = best.reduce(function (a, b) { return a + b; }, 0);
    var ref = result.ref;
    var faq = ref.indexOf(terms.faqs) === 0;
    if (ref.indexOf("#") < 0 || (faq && question)) total *= PAGE_BOOST;
    return total;
  }

  function byScore(a, b) {
    return b.mgScore - a.mgScore || b.raw - a.raw;
  }

  /* Called for each result with Material's {term: found} (which would list every synonym and
     correction a page lacks as "missing"): the words found, and only the reader's own words missing. */
  self.__mgTerms = function (original, tokens) {
    if (!concepts.length) return original;
    var out = {}, found = {};
    tokens.forEach(function (token) {
      tokenWorth(self.__mgIndex, token).forEach(function (entry) {
        out[token] = true;
        found[entry[0]] = true;
      });
    });
    concepts.forEach(function (concept, i) {
      if (!found[i]) out[concept.word] = false;
    });
    return out;
  };

  /* Called instead of index.search: lunr's matches, ranked as above. */
  self.__mgSearch = function (index, query, docs) {
    var results = index.search(query);
    if (!concepts.length) return results;
    results.forEach(function (r) { r.raw = r.score; r.mgScore = score(index, r); });
    results.sort(byScore);
    /* names raise a score at most twice: only results within half of the tenth can move up */
    var floor = results.length ? results[Math.min(9, results.length - 1)].mgScore / 2 : 0;
    var head = results.filter(function (r) { return r.mgScore >= floor; }).slice(0, 300);
    head.forEach(function (r) {
      var cover = nameCover(index, docs.get(r.ref));
      /* a question: the FAQ whose question it matches well answers it */
      var answer = question && r.ref.indexOf(terms.faqs) === 0 && answers(index, r) ? FAQ_BOOST : 1;
      r.mgScore *= (1 + cover) * answer;
    });
    results = head.sort(byScore).concat(results.slice(head.length));
    var pages = [];
    results.forEach(function (r) {
      var page = r.ref.split("#")[0];
      if (pages.length < 3 && pages.indexOf(page) < 0) pages.push(page);
    });
    var redFlag = pages.some(function (page) { return redFlags.has(page); });
    if (redFlag && terms.help && pages[0] !== terms.help) {
      var at = results.findIndex(function (r) { return r.ref === terms.help; });
      var help = at >= 0 ? results.splice(at, 1)[0] : { ref: terms.help, score: 0, matchData: { metadata: {} } };
      results.splice(1, 0, help);
    }
    /* the best PAGES pages are listed; further ones matched only a stray word, and highlighting
       and drawing them cost a slow phone more than any reader gains by scrolling that far */
    var listed = new Set();
    results = results.filter(function (r) {
      var page = r.ref.split("#")[0];
      if (listed.size < PAGES) listed.add(page);
      return listed.has(page);
    });
    results.forEach(function (r, rank) { r.score = Math.pow(6, -Math.min(rank, 390)); });
    return results;
  };
  /* What the results list shows, and no more: Material renders every matching section of a page in
     full (hidden ones too) with its parent page and tags copied in, which on a slow phone took most of
     the time between the last key and the results. Each page keeps its own entry, the sections that
     score as high, and MORE others; a section's text becomes one short teaser around its first match,
     without citation numbers. */
  var MORE = 3, TEASER = 260;
  function teaser(html) {
    var text = html.replace(/<sup>.*?<\/sup>/g, "").replace(/<(?!\/?mark>)[^>]*>/g, " ")
      .replace(/\s+/g, " ").replace(/ ([.,;:!?])/g, "$1").trim();
    if (text.length <= TEASER) return text ? "<p>" + text + "</p>" : "";
    var hit = text.indexOf("<mark>"), start = hit > TEASER / 3 ? text.lastIndexOf(" ", hit - TEASER / 3) + 1 : 0;
    var end = text.lastIndexOf(" ", start + TEASER);
    var cut = text.slice(start, end > start ? end : start + TEASER);
    if (cut.lastIndexOf("<mark>") > cut.lastIndexOf("</mark>")) cut += "</mark>";
    return "<p>" + (start ? "… " : "") + cut + " …</p>";
  }
  self.__mgTrim = function (groups) {
    return groups.map(function (group) {
      var top = group[0].score, more = 0;
      return group.filter(function (doc) {
        return doc.location.indexOf("#") < 0 || doc.score >= top || more++ < MORE;
      }).map(function (doc) {
        var shown = { location: doc.location, title: doc.title, text: teaser(doc.text), score: doc.score, terms: doc.terms };
        if (doc.location.indexOf("#") < 0 && doc.tags) shown.tags = doc.tags;
        return shown;
      });
    });
  };
})();
