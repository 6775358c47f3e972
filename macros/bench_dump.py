"""For the benchmark only: write each page's final Markdown, front matter included, so that a plain
MkDocs build of exactly the same pages can serve as the baseline."""

from __future__ import annotations

import json
from pathlib import Path


def dump_page(folder: str, page, markdown: str, config) -> None:
    target = Path(folder) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    front = f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    (Path(folder).parent / "guide.json").write_text(json.dumps(config.extra["guide"]), encoding="utf-8")
