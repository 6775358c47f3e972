"""The clinical reviewer's worklist: what needs review, as an HTML page and a CSV file.

`make review` writes both into build/review/; the live preview serves the page at /review/.
Four lists, most pressing first: changed since review (with what changed), overdue, due within
30 days, never reviewed. Written for clinicians: plain words, the command to sign each page off.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from macros.data.history import Change
from macros.data.review import DUE_SOON_DAYS, ReviewState
from macros.pages import links
from macros.pages.render import TEMPLATES, long_date

SECTIONS = (
    ("changed", "Changed since review", "A clinician signed these off, then the text changed. Check what changed."),
    ("overdue", "Overdue", "Signed off, but the next review date has passed."),
    ("due-soon", f"Due within {DUE_SOON_DAYS} days", "Signed off; the next review is coming up."),
    ("draft", "Never reviewed", "No clinician has signed these off yet."),
)


@dataclass(frozen=True)
class WorkItem:
    state: ReviewState
    section: str
    url: str
    change: Change | None

    @property
    def sign_off(self) -> str:
        return f'make sign-off ID={self.state.ref} REVIEWER="Your name" ROLE="Your role"'


def work_items(reviews: dict[str, ReviewState], today: dt.date, change_of: Callable[[ReviewState], Change]):
    """Every page that needs a clinician, in the worklist's order, and the count of those that do not."""
    items, up_to_date = [], 0
    for ref in sorted(reviews):
        state = reviews[ref]
        section = "changed" if state.status == "changed" else state.due(today) or state.status
        if section == "reviewed":
            up_to_date += 1
            continue
        src, anchor = links.ref_target(ref)
        url = links.page_url(True, src) + (f"#{anchor}" if anchor else "")
        items.append(WorkItem(state, section, url, change_of(state) if section == "changed" else None))
    order = [key for key, _, _ in SECTIONS]
    items.sort(key=lambda item: (order.index(item.section), item.state.ref))
    return items, up_to_date


def worklist_html(items: list[WorkItem], up_to_date: int, today: dt.date, link_base: str | None) -> str:
    """The page; with `link_base` (the preview's site root) every title links to its page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True)
    env.filters["long_date"] = long_date
    return env.get_template("worklist.html.j2").render(
        sections=[
            (key, title, explain, [item for item in items if item.section == key]) for key, title, explain in SECTIONS
        ],
        up_to_date=up_to_date,
        today=today.isoformat(),
        link_base=link_base,
    )


CSV_FIELDS = ("state", "id", "title", "file", "line", "reviewer", "role", "reviewed_on", "next_review", "what_changed")


def worklist_csv(items: list[WorkItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    titles = {key: title for key, title, _ in SECTIONS}
    for item in items:
        review = item.state.review
        writer.writerow(
            [
                titles[item.section],
                item.state.ref,
                _cell(item.state.title),
                item.state.path,
                item.state.line,
                _cell(review.reviewer.name) if review.reviewer else "",
                _cell(review.reviewer.role) if review.reviewer else "",
                review.reviewed_on or "",
                review.next_review or "",
                _cell("\n".join(item.change.diff) or item.change.note) if item.change else "",
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula: make it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_worklist(out_dir: Path, items: list[WorkItem], up_to_date: int, today: dt.date, link_base=None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "index.html").write_text(worklist_html(items, up_to_date, today, link_base), encoding="utf-8")
    (out_dir / "worklist.csv").write_text(worklist_csv(items), encoding="utf-8")
