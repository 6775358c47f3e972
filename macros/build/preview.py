"""`mkdocs serve` for editors: a data mistake keeps the preview running and shows its errors.

In a preview, a build whose data has problems renders the last good data instead, with a banner
on every page listing the problems (file:line, field, what to do): the pages load the list from
preview-problems.json (write_problems), so a mistake or its fix changes one file, not every page.
When the file is fixed, the next rebuild empties the list and the banner goes by itself. `mkdocs build` never does this: it stops on any problem.
The last good data is kept by build/state.py's PreviewMemory. The preview also serves the clinical
reviewer's worklist at /review/ (pages/worklist.py).
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


def write_worklist(config, state) -> None:
    """The reviewer's worklist at /review/ of the preview, as `make review` writes it (pages/worklist.py)."""
    import datetime as dt
    from pathlib import Path

    from macros.build.state import PreviewMemory
    from macros.data.history import change_since_review
    from macros.pages.worklist import work_items
    from macros.pages.worklist import write_worklist as write

    project = Path(config.config_file_path).parent
    today = dt.date.today()
    cache = PreviewMemory.diffs()
    items, up_to_date = work_items(
        state.data.reviews, today, lambda review: change_since_review(project, review, cache)
    )
    write(Path(config.site_dir) / "review", items, up_to_date, today, link_base="../")


def write_problems(config, problems: list[str]) -> None:
    """preview-problems.json: the data's problems, for the banner (overrides/assets/javascripts/preview-problems.js)."""
    import json
    from pathlib import Path

    target = Path(config.site_dir) / "preview-problems.json"
    target.write_text(json.dumps({"problems": problems}, ensure_ascii=False), encoding="utf-8")
