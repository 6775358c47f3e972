"""What the site adds to Material's search index, and the word lists its search worker reads.

- Each FAQ becomes its own entry, its question as title and as tags (the field record pages fill
  with their name and aliases, weighted far above body text), so a reader's question can reach
  the answer and not just the long FAQ page.
- worker_terms() is what the worker's ranking reads (macros/build/search_query.js): synonyms
  (data/search.yml's, and each glossary term with its other forms), spelling slips and filler
  words from data/search.yml, the red-flag pages (symptoms whose urgency
  is emergency) and where "When to get help" and the FAQs are.
- vocabulary_script() is the word list the "Did you mean" box suggests from
  (overrides/assets/javascripts/search-help.js): every word of the index's titles, as a script
  file so that it also loads from file:// under the Content-Security-Policy.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from itertools import chain
from pathlib import Path

from markupsafe import escape

from macros.data.loader import SiteData
from macros.pages.links import PAGES, faq_anchor, record_path
from macros.pages.render import plain

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
TAG = re.compile(r"<[^>]+>")


def add_faqs(entries: list[dict], faq_url: str, data: SiteData) -> None:
    for faq_id, entry in data.faqs.items():
        faq = entry.model
        entries.append(
            {
                "location": f"{faq_url}#{faq_anchor(faq_id)}",
                "title": str(escape(faq.question)),
                "text": f"<p>{escape(plain(faq.answer))}</p>",
                "tags": [str(escape(faq.question))],
            }
        )


def glossary_groups(data: SiteData) -> list[list[str]]:
    """Each glossary term with its other forms ("vertebra", "vertebrae", "vertebral"), as synonyms."""
    groups = []
    for entry in data.glossary.values():
        term = entry.model
        group = [" ".join(re.sub(r"[^\w'’]+", " ", text.lower()).split()) for text in (term.term, *term.forms)]
        group = list(dict.fromkeys(g for g in group if g))
        if len(group) > 1:
            groups.append(group)
    return groups


def synonym_lists(data: SiteData) -> tuple[dict[str, list[str]], list[tuple[str, list[str]]]]:
    """data/search.yml's synonyms, then the glossary's forms: word -> other entries, and the phrases."""
    words: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for group in [*data.search.synonyms, *glossary_groups(data)]:
        for entry in group:
            others = [e for e in group if e != entry]
            target = phrases if " " in entry else words
            target[entry] = list(dict.fromkeys([*target.get(entry, []), *others]))
    return words, list(phrases.items())


def worker_terms(data: SiteData, urls: dict[str, str]) -> dict:
    """`urls`: each page's source path -> its URL in this build (index locations differ offline)."""
    terms = data.search
    synonyms, phrases = synonym_lists(data)
    red_flags = [
        urls[record_path("symptoms", symptom_id)]
        for symptom_id, entry in data.records.get("symptoms", {}).items()
        if entry.model.urgency == "emergency" and record_path("symptoms", symptom_id) in urls
    ]
    return {
        "filler": terms.filler,
        "questions": terms.questions,
        "language": data.language,
        "slips": terms.slips,
        "synonyms": synonyms,
        "phrases": phrases,
        "red_flags": red_flags,
        "help": urls.get(PAGES["help"], ""),
        "faqs": f"{urls.get(PAGES['faq'], 'faq/')}#",
    }


def vocabulary(index_docs: list[dict], data: SiteData) -> dict[str, int]:
    """Words a suggestion may offer, with how often each appears: every word of the index's titles
    and names (record names, aliases, FAQ questions, headings) and the synonyms."""
    names = chain(
        (doc.get("title", "") for doc in index_docs),
        (tag for doc in index_docs for tag in doc.get("tags", [])),
        (entry for group in data.search.synonyms for entry in group),
    )
    counts = Counter(chain.from_iterable(map(_words, names)))
    for word in data.search.filler:
        counts.pop(word, None)
    return dict(sorted(counts.items()))


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """The words of a title or name that a suggestion may offer (kept: the preview asks again on every
    rebuild for the same titles)."""
    words = (word.lower() for word in WORD.findall(html.unescape(TAG.sub(" ", text))))
    return tuple(word for word in words if len(word) >= 3 and not word.isdigit())


def vocabulary_script(index_docs: list[dict], data: SiteData) -> str:
    """The script assets/javascripts/search-words.js: the vocabulary, filler words and slips."""
    words = {"words": vocabulary(index_docs, data), "filler": data.search.filler, "slips": data.search.slips}
    return f"window.mgSearchWords = {json.dumps(words, ensure_ascii=True, separators=(',', ':'))};\n"


VOCABULARY_SCRIPT = "assets/javascripts/search-words.js"
"""Where the vocabulary goes in the built site (listed in mkdocs.yml extra_javascript)."""


def search_entries(config) -> list[dict] | None:
    """The search plugin's entries in memory: what it writes to search_index.json after the pages are
    built (FAQ entries are added to them; the vocabulary is made from them rather than parsing the file
    back, which at 10,000 records is 140 MB of JSON). None without a search plugin."""
    search = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
    return None if search is None else search.search_index.entries


def write_vocabulary(site_dir: Path, data: SiteData, index_docs: list[dict] | None = None) -> Path:
    """From `index_docs`, or from the search index the build wrote when they are not given."""
    if index_docs is None:
        index_docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    target = site_dir / VOCABULARY_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vocabulary_script(index_docs, data), encoding="utf-8")
    return target
