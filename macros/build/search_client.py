"""Patch Material's main bundle (in the built copy) so search answers as the reader types.

Material 9.8.1 sends the search box's text to the search worker when a key is released (`keyup`),
so each result waits for the finger to lift (about a tenth of a second when typing), and text that
arrives without a key at all (pasted with the mouse, dictated by voice, picked from the phone's
suggestions) is not searched until the next key. The patch adds the `input` event, which fires as
soon as the text changes; Material already drops a repeated value, so a key that fires both events
sends one query. The patch must match exactly once, or the build fails loudly naming this file, so
a Material upgrade cannot silently undo it; a rebuild over an already patched bundle (the preview)
leaves it as it is.
"""

from __future__ import annotations

from pathlib import Path

QUERY_EVENTS = 'L(t.pipe(Re(zt)),h(e,"keyup"),o)'
QUERY_EVENTS_PATCHED = 'L(t.pipe(Re(zt)),h(e,"keyup"),h(e,"input"),o)'


class ClientPatchError(RuntimeError):
    pass


def patch_search_client(site_dir: Path) -> Path:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ClientPatchError(f"expected one Material bundle in {site_dir}, found {len(bundles)}")
    bundle = bundles[0]
    code = bundle.read_text(encoding="utf-8")
    if code.count(QUERY_EVENTS_PATCHED) == 1:
        return bundle
    if code.count(QUERY_EVENTS) != 1:
        raise ClientPatchError(
            f"{bundle.name}: Material's search box events changed; update macros/build/search_client.py for this version"
        )
    bundle.write_text(code.replace(QUERY_EVENTS, QUERY_EVENTS_PATCHED), encoding="utf-8")
    return bundle
