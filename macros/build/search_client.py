"""Patch Material's main bundle (in the built copy) so search answers as the reader types.

Two changes to Material 9.8.1's search box, each a fixed text replaced in the minified bundle:

- Read the box on `input` too. Material sends the box's text to the search worker when a key is
  released (`keyup`), so each result waits for the finger to lift (about a tenth of a second when
  typing), and text that arrives without a key at all (pasted with the mouse, dictated by voice,
  picked from the phone's suggestions) is not searched until the next key. `input` fires as soon as
  the text changes; Material already drops a repeated value, so a key that fires both events sends
  one query.
- Draw the first results first. Material builds its first 10 results (some 300 elements) in one
  task before the browser can paint any of them (on a slow phone, 60 ms of script and 70 ms of
  layout and paint). The patched bundle builds the first FIRST_BATCH results, lets the browser paint
  them, and builds the rest of the first 10 in the task after that frame; results beyond 10 still
  come in fours as the reader scrolls, as in Material. A newer query cancels the pending rest (the
  same switch Material uses for its own later batches).

Each patch must match exactly once, or the build fails loudly naming this file, so a Material
upgrade cannot silently undo it; a rebuild over an already patched bundle (the preview) leaves it as
it is.
"""

from __future__ import annotations

from pathlib import Path

FIRST_BATCH = 4

QUERY_EVENTS = 'L(t.pipe(Re(zt)),h(e,"keyup"),o)'
QUERY_EVENTS_PATCHED = 'L(t.pipe(Re(zt)),h(e,"keyup"),h(e,"input"),o)'

RESULT_BATCHES = "L($(...l.slice(0,10)),$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>f)))"
# H is RxJS defer (a promise resolved after the next frame), b the switch Material uses per query
AFTER_NEXT_FRAME = "H(()=>new Promise(r=>requestAnimationFrame(()=>setTimeout(r))))"
RESULT_BATCHES_PATCHED = (
    f"L($(...l.slice(0,{FIRST_BATCH})),{AFTER_NEXT_FRAME}.pipe(b(()=>"
    f"L($(...l.slice({FIRST_BATCH},10)),$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>f))))))"
)

PATCHES = (
    ("search box events", QUERY_EVENTS, QUERY_EVENTS_PATCHED),
    ("search result batches", RESULT_BATCHES, RESULT_BATCHES_PATCHED),
)


class ClientPatchError(RuntimeError):
    pass


def patch_search_client(site_dir: Path) -> Path:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ClientPatchError(f"expected one Material bundle in {site_dir}, found {len(bundles)}")
    bundle = bundles[0]
    code = original = bundle.read_text(encoding="utf-8")
    for name, before, after in PATCHES:
        if code.count(after) == 1:
            continue
        if code.count(before) != 1:
            raise ClientPatchError(
                f"{bundle.name}: Material's {name} changed; update macros/build/search_client.py for this version"
            )
        code = code.replace(before, after)
    if code != original:
        bundle.write_text(code, encoding="utf-8")
    return bundle
