"""`mkdocs serve` for editors: a data mistake keeps the preview running and shows its errors.

In a preview, a build whose data has problems renders the last good data instead, with a banner
on every page listing the problems (file:line, field, what to do). When the file is fixed, the
next rebuild drops the banner by itself. `mkdocs build` never does this: it stops on any problem.
The last good data is kept by build/state.py's PreviewMemory.
"""

from __future__ import annotations

import os
import sys


def is_preview() -> bool:
    """True under `mkdocs serve` (or with MYELOPATHY_GUIDE_PREVIEW=1, as `make serve` sets)."""
    if os.environ.get("MYELOPATHY_GUIDE_PREVIEW") == "1":
        return True
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return bool(args) and args[0] == "serve"
