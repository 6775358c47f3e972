"""For the benchmark only: an MkDocs hook that writes each page's final Markdown, front matter
included, so that a plain MkDocs build of exactly the same pages can serve as the baseline.

bench/run.py builds with bench/mkdocs.dump.yml, which inherits the site's configuration and adds
this hook after the product's own; the folder to write to comes from the environment variable
below, which only the benchmark sets.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FOLDER = "MYELOPATHY_GUIDE_DUMP_MARKDOWN"


def on_page_markdown(markdown, page, config, files):
    folder = Path(os.environ[FOLDER])
    target = folder / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    front = f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    (folder.parent / "guide.json").write_text(json.dumps(config.extra["guide"]), encoding="utf-8")
    return markdown
