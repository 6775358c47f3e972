"""Make Material's search rank whole words above prefixes and ignore stop words in queries.

Material 9.8.1's search worker appends `*` to every query term, so "in" matches "injection" and
"cervical" matches "cervicalgia" as strongly as the word itself: lay queries such as "pinched
nerve in the neck" then put the wrong page first. The worker has no option for this, so after
each build its query transform is patched in the built copy: a stop word is kept without `*`
(lunr's stop-word filter then drops it), and any other term is searched both exactly and as a
prefix, so an exact match counts twice. The patch fails the build loudly if Material changes.
"""

from __future__ import annotations

import json
from pathlib import Path

ORIGINAL = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)"
PATCHED = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:self.__mgTerm(r))"
SEARCH_CALL = "e=ce(e),!e)return{items:[]}"
SEARCH_PATCHED = "e=(self.__mgIndex=this.index,ce(e)),!e)return{items:[]}"
PRELUDE = Path(__file__).with_name("search_query.js")


class WorkerPatchError(RuntimeError):
    pass


def patch_search_worker(site_dir: Path, terms: dict | None = None) -> Path:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerPatchError(f"expected one Material search worker in {site_dir}, found {len(workers)}")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8")
    if PATCHED in code:
        return worker
    if code.count(ORIGINAL) != 1 or code.count(SEARCH_CALL) != 1:
        raise WorkerPatchError(
            f"{worker.name}: Material's query transform changed; update macros/build/search_worker.py for this version"
        )
    prelude = PRELUDE.read_text(encoding="utf-8").replace("__MG_TERMS__", json.dumps(terms or {"filler": [], "synonyms": {}}))
    code = code.replace(ORIGINAL, PATCHED).replace(SEARCH_CALL, SEARCH_PATCHED)
    worker.write_text(prelude + code, encoding="utf-8")
    return worker
