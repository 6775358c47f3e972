"""Patch Material's search worker (in the built copy) to read queries the way readers type them.

Material 9.8.1's worker appends `*` to every query term and ranks by lunr's summed clause scores,
with no option for typos, synonyms, filler words or red flags. After each build the worker gets a
prelude (search_query.js, with the word lists from data/search.yml filled in) and five small
patches that call it: at the start of a search (__mgStart), for each query term (__mgTerm: filler
dropped, corrections of misspellings and synonyms added), to rank the matches (__mgSearch), to
report which of the reader's words a result lacks (__mgTerms) and to send the results list only
what it shows (__mgTrim: a short teaser per section, a few sections per page). Each patch must match exactly once,
or the build fails loudly naming this file, so a Material upgrade cannot silently undo it. A rebuild
(the preview) replaces the prelude, so edits to data/search.yml show at once.
"""

from __future__ import annotations

import json
from pathlib import Path

ORIGINAL = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)"
PATCHED = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:self.__mgTerm(r))"
SEARCH_CALL = "e=ce(e),!e)return{items:[]}"
SEARCH_PATCHED = "e=ce(self.__mgStart(this.index,e)),!e)return{items:[]}"
TERMS_CALL = "let f=he(r,Object.keys(u.metadata))"
TERMS_PATCHED = "let f=self.__mgTerms(he(r,Object.keys(u.metadata)),Object.keys(u.metadata))"
RANK_CALL = "n=this.index.search(e).reduce("
RANK_PATCHED = "n=self.__mgSearch(this.index,e,this.map).reduce("
RESULT_CALL = "return _({items:[...n.values()]}"
RESULT_PATCHED = "return _({items:self.__mgTrim([...n.values()])}"
PATCHES = {
    ORIGINAL: PATCHED,
    SEARCH_CALL: SEARCH_PATCHED,
    RANK_CALL: RANK_PATCHED,
    TERMS_CALL: TERMS_PATCHED,
    RESULT_CALL: RESULT_PATCHED,
}
PRELUDE = Path(__file__).with_name("search_query.js")
PRELUDE_END = "/* end of the Myelopathy Guide search prelude */\n"


EMPTY_TERMS = {"language": "en", "filler": [], "questions": [], "slips": [], "synonyms": {}, "phrases": [], "red_flags": [], "help": "", "faqs": "faq/#"}


class WorkerPatchError(RuntimeError):
    pass


def patch_search_worker(site_dir: Path, terms: dict | None = None) -> Path:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerPatchError(f"expected one Material search worker in {site_dir}, found {len(workers)}")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8")
    prelude = PRELUDE.read_text(encoding="utf-8").replace("__MG_TERMS__", json.dumps(terms or EMPTY_TERMS)) + PRELUDE_END
    if PRELUDE_END in code:  # a rebuild over a patched worker (the preview): write only a changed prelude
        if not code.startswith(prelude):
            worker.write_text(prelude + code.split(PRELUDE_END, 1)[1], encoding="utf-8")
        return worker
    if any(code.count(part) != 1 for part in PATCHES):
        raise WorkerPatchError(
            f"{worker.name}: Material's query transform changed; update macros/build/search_worker.py for this version"
        )
    for original, patched in PATCHES.items():
        code = code.replace(original, patched)
    worker.write_text(prelude + code, encoding="utf-8")
    return worker
