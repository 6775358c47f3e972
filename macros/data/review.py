"""Clinical review: the state of every record and hand-written page, and the fingerprint behind it.

A page is a draft until a clinician signs it off (`make sign-off`, tools/sign_off.py). Sign-off
writes the reviewer, the dates and a fingerprint: a hash of the reader-facing text the clinician
saw, plus a short seal over that hash, the reviewer and the dates. Then:

- the text changes after sign-off -> the hash no longer matches -> "changed since review";
- someone edits the reviewer, the dates or the fingerprint by hand -> the seal no longer matches
  -> a data problem naming the file and line (sign it off again instead).

The reader-facing text of a record is every field a reader sees (not `review` or `editor_notes`)
plus the words of the help situations its help box lists, since those are on its page too. A
hand-written page's is its title, description and Markdown body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from macros.data import models
from macros.data.kept import Kept
from macros.data.loader import Entry, SiteData, validate
from macros.data.problems import ProblemList, dotted
from macros.data.yaml_source import YamlDocument, YamlProblem, parse_yaml

FINGERPRINT = re.compile(r"^(?P<text>[0-9a-f]{16})-(?P<seal>[0-9a-f]{8})$")
DUE_SOON_DAYS = 30
PAGES = "pages"
"""The kind name of hand-written pages in refs: pages/prevention is docs/prevention.md."""
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*\n?", re.S | re.M)

STATE_LABELS = {
    "draft": "Never reviewed",
    "changed": "Changed since review",
    "reviewed": "Reviewed",
}


@dataclass
class ProsePage:
    """A hand-written page of docs/ with its front matter, for its review state."""

    src: str
    """Path under docs/, e.g. prevention.md."""
    doc: YamlDocument | None
    """The front matter (None when the page has none)."""
    title: str
    body: str
    review: models.Review

    def line(self, *loc) -> int:
        return self.doc.line(loc) if self.doc else 1


@dataclass(frozen=True)
class ReviewState:
    ref: str
    """kind/id, e.g. conditions/degenerative-cervical-myelopathy, faqs/how-common-is-dcm, pages/prevention."""
    title: str
    path: str
    """The file to edit, as editors see it: data/conditions/x.yml or docs/prevention.md."""
    line: int
    """The line of its review block (1 when it has none)."""
    status: str
    """draft, reviewed, or changed (signed off, but the text has changed since)."""
    review: models.Review
    reader_text: str

    def due(self, today: dt.date) -> str | None:
        """overdue or due-soon (within DUE_SOON_DAYS) for a signed-off page, else None."""
        if self.review.status != "reviewed" or self.review.next_review is None:
            return None
        if self.review.next_review < today:
            return "overdue"
        if self.review.next_review <= today + dt.timedelta(days=DUE_SOON_DAYS):
            return "due-soon"
        return None

    @property
    def publishable(self) -> bool:
        return self.status == "reviewed"

    def meta(self) -> dict:
        """What a page keeps in page.meta.review, for the page and machine-readable outputs."""
        review = self.review
        meta = {"status": self.status}
        if review.status == "reviewed":
            meta |= {
                "reviewer": review.reviewer.name,
                "role": review.reviewer.role,
                "registration": review.reviewer.registration,
                "reviewed_on": review.reviewed_on.isoformat(),
                "next_review": review.next_review.isoformat(),
            }
        return meta


def text_hash(reader_text: str) -> str:
    return hashlib.sha256(reader_text.encode("utf-8")).hexdigest()[:16]


def seal(hashed: str, reviewer: models.Reviewer, reviewed_on: dt.date, next_review: dt.date) -> str:
    signed = "\x1f".join(
        (
            hashed,
            reviewer.name,
            reviewer.role,
            reviewer.registration or "",
            reviewed_on.isoformat(),
            next_review.isoformat(),
        )
    )
    return hashlib.sha256(signed.encode("utf-8")).hexdigest()[:8]


def fingerprint(reader_text: str, reviewer: models.Reviewer, reviewed_on: dt.date, next_review: dt.date) -> str:
    """What make sign-off writes: the text's hash and the seal over it, the reviewer and the dates."""
    hashed = text_hash(reader_text)
    return f"{hashed}-{seal(hashed, reviewer, reviewed_on, next_review)}"


def _block(label: str, text: str) -> list[str]:
    lines = text.strip("\n").splitlines()
    if len(lines) == 1:
        return [f"{label}: {lines[0]}"]
    return [f"{label}:", *(f"    {line}".rstrip() for line in lines)]


def record_text(model, situations: dict[str, Entry]) -> str:
    """The reader-facing text of a record, FAQ or comparison, one field after another (kept with the
    model and the help situations it names, which the preview reuses while their files are unchanged)."""
    help = getattr(model, "when_to_get_help", None)
    named = [situations.get(i) for i in help.situation_ids()] if help else []
    objects = (model, *(entry.model if entry else None for entry in named))
    return _RECORD_TEXTS.get(objects, lambda: _record_text(model, situations))


_RECORD_TEXTS: Kept[str] = Kept()


def _record_text(model, situations: dict[str, Entry]) -> str:
    lines: list[str] = []
    for loc, text in models.texts(model):
        if loc[0] in ("review", "editor_notes"):
            continue
        lines += _block(dotted(loc), text)
        if loc[0] == "when_to_get_help":
            situation = situations.get(text)
            if situation is not None:
                lines += _block(f"  help box ({situation.model.level})", situation.model.text)
    return "\n".join(lines) + "\n"


def prose_text(body: str, meta: dict) -> str:
    """The reader-facing text of a hand-written page: title, description and Markdown body."""
    lines = []
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            lines += _block(key, meta[key])
    body = "\n".join(line.rstrip() for line in body.strip("\n").splitlines())
    return "\n".join(lines) + "\n\n" + body + "\n"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter YAML or None, body) of a Markdown page, as MkDocs splits it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group("yaml"), text[match.end() :]


def load_prose(docs_dir: Path, problems: ProblemList) -> dict[str, tuple[ProsePage, str]]:
    """Every hand-written page under docs/ with its review and reader-facing text, by source path."""
    pages: dict[str, tuple[ProsePage, str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in Path(src).parts):
            continue
        display = f"{docs_dir.name}/{src}"
        text = path.read_text(encoding="utf-8")
        front, body = split_front_matter(text)
        doc, meta, review = None, {}, models.DRAFT
        if front is not None:
            try:
                doc = parse_yaml(front, display, first_line=2)
            except YamlProblem as exc:
                problems.add(display, exc.line, "", exc.message)
                continue
            meta = doc.data if isinstance(doc.data, dict) else {}
            if "review" in meta:
                review = validate(models.Review, doc, problems, ("review",))
                if review is None:
                    continue
        title = meta.get("title") if isinstance(meta.get("title"), str) else src
        page = ProsePage(src, doc, title, body, review)
        pages[src] = (page, prose_text(body, meta))
    return pages


def prose_ref(src: str) -> str:
    return f"{PAGES}/{src.removesuffix('.md')}"


def _state(ref, title, path, line, review: models.Review, reader_text: str) -> ReviewState:
    status = review.status
    if status == "reviewed":
        match = FINGERPRINT.match(review.fingerprint or "")
        if match and match.group("text") != text_hash(reader_text):
            status = "changed"
    return ReviewState(ref, title, path, line, status, review, reader_text)


def _check(review: models.Review, where, problems: ProblemList, today: dt.date) -> None:
    """Problems of a review block: `where(*fields)` gives (file, line, dotted field)."""
    signed = ("reviewer", "reviewed_on", "next_review", "fingerprint")
    if review.status == "draft":
        for name in signed:
            if getattr(review, name) is not None:
                problems.add(
                    *where(name),
                    "a draft has no reviewer, dates or fingerprint; delete the line, or have a clinician sign the "
                    "page off with make sign-off",
                )
        return
    missing = [name for name in signed if getattr(review, name) is None]
    for name in missing:
        problems.add(
            *where(name),
            f"a reviewed page needs {name}, which make sign-off writes; sign it off with make sign-off "
            "(or set status: draft)",
        )
    if missing:
        return
    if review.reviewed_on > today:
        problems.add(
            *where("reviewed_on"),
            f"{review.reviewed_on} is in the future (today is {today}); write the day the review happened",
        )
    if review.next_review <= review.reviewed_on:
        problems.add(
            *where("next_review"),
            f"{review.next_review} is not after reviewed_on ({review.reviewed_on}); "
            "set a later date with make sign-off",
        )
    match = FINGERPRINT.match(review.fingerprint)
    if not match:
        problems.add(
            *where("fingerprint"),
            f"{review.fingerprint!r} was not written by make sign-off; never edit it by hand: sign the page off "
            "again with make sign-off",
        )
    elif match.group("seal") != seal(match.group("text"), review.reviewer, review.reviewed_on, review.next_review):
        problems.add(
            *where("fingerprint"),
            "does not match the reviewer and dates it was signed with, so the review block was edited by hand; "
            "sign the page off again with make sign-off",
        )


def review_states(data: SiteData, prose: dict[str, tuple[ProsePage, str]], problems: ProblemList, today: dt.date):
    """The review state of every record, FAQ, comparison and hand-written page, by ref."""
    states: dict[str, ReviewState] = {}
    _RECORD_TEXTS.new_pass()
    groups = [(kind, entries) for kind, entries in data.records.items()]
    groups += [("faqs", data.faqs), ("comparisons", data.comparisons)]
    for kind, entries in groups:
        for record_id, entry in entries.items():
            model = entry.model
            review = model.review

            def where(*loc, entry=entry):
                full = ("review", *loc)
                return entry.doc.path, entry.line(*full), dotted(full)

            _check(review, where, problems, today)
            title = getattr(model, "name", None) or getattr(model, "question", None) or model.title
            states[f"{kind}/{record_id}"] = _state(
                f"{kind}/{record_id}",
                title,
                entry.doc.path,
                entry.line("review"),
                review,
                record_text(model, data.situations),
            )
    for src, (page, reader_text) in prose.items():
        display = f"docs/{src}"

        def where(*loc, page=page, display=display):
            full = ("review", *loc)
            return display, page.line(*full), dotted(full)

        _check(page.review, where, problems, today)
        ref = prose_ref(src)
        states[ref] = _state(ref, page.title, display, page.line("review"), page.review, reader_text)
    return states
