"""The signed-off version of a page, found in git history, for the reviewer's "what changed" diff.

A page changed since review still carries the fingerprint of the text its clinician saw. Walking
back through the commits that touched its file, the first version whose reader-facing text has
that hash is the signed-off one; the diff between its text and today's shows what needs review.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from pydantic import ValidationError

from macros.data import models
from macros.data.review import (
    FINGERPRINT,
    PAGES,
    ReviewState,
    prose_text,
    record_text,
    split_front_matter,
    text_hash,
)
from macros.data.yaml_source import YamlProblem, parse_yaml

MAX_COMMITS = 200
"""How far back to look for the signed-off version of one file."""


@dataclass(frozen=True)
class Change:
    diff: list[str]
    """Unified diff lines of the reader-facing text, signed-off version first; empty when not found."""
    note: str
    """Where the signed-off version came from, or why there is no diff."""


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _model_of(ref: str):
    kind = ref.split("/", 1)[0]
    return {"faqs": models.Faq, "comparisons": models.Comparison}.get(kind) or models.RECORD_KINDS.get(kind)


def _situations_at(root: Path, commit: str, parsed: dict) -> dict:
    """The help situations of data/help.yml at `commit`; `parsed` keeps them by blob, as most commits share one."""
    blob = (_git(root, "rev-parse", f"{commit}:data/help.yml") or "").strip()
    if blob not in parsed:
        parsed[blob] = _parse_situations(root, blob) if blob else {}
    return parsed[blob]


def _parse_situations(root: Path, blob: str) -> dict:
    text = _git(root, "cat-file", "blob", blob)
    try:
        data = parse_yaml(text, "help.yml").data if text else None
    except YamlProblem:
        return {}
    situations = {}
    for item in (data or {}).get("situations", []) if isinstance(data, dict) else []:
        try:
            situation = models.HelpSituation.model_validate(item)
        except ValidationError:
            continue
        situations[situation.id] = SimpleNamespace(model=situation)
    return situations


def _reader_text_at(root: Path, ref: str, path: str, commit: str, text: str, parsed: dict) -> str | None:
    """The reader-facing text of `ref` as its file was at `commit`; None when it cannot be read."""
    try:
        if ref.startswith(f"{PAGES}/"):
            front, body = split_front_matter(text)
            meta = parse_yaml(front, path).data if front else {}
            meta = meta if isinstance(meta, dict) else {}
            return prose_text(body, meta)
        data = parse_yaml(text, path).data
        if not isinstance(data, dict):
            return None
        data = {key: value for key, value in data.items() if key not in ("review", "editor_notes")}
        return record_text(_model_of(ref).model_validate(data), _situations_at(root, commit, parsed))
    except (YamlProblem, ValidationError, AttributeError, TypeError):
        return None


def change_since_review(root: Path, state: ReviewState, cache: dict | None = None) -> Change:
    """The diff of a changed page against the version its clinician signed off.

    `cache` (the live preview keeps one across rebuilds) holds answers by file, fingerprint, text
    and HEAD, so that a page that stays changed is not looked up in git on every rebuild.
    """
    match = FINGERPRINT.match(state.review.fingerprint or "")
    if not match:
        return Change([], "it has no fingerprint to compare with")
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    key = (state.path, state.review.fingerprint, text_hash(state.reader_text), head)
    if cache is not None and key in cache:
        return cache[key]
    change = _find_change(root, state, match.group("text"))
    if cache is not None:
        cache[key] = change
    return change


def _find_change(root: Path, state: ReviewState, wanted: str) -> Change:
    log = _git(root, "log", f"-{MAX_COMMITS}", "--format=%H %as", "--", state.path)
    if log is None:
        return Change([], "git history is not available here, so the signed-off text cannot be shown")
    parsed: dict = {}
    for line in log.splitlines():
        commit, _, date = line.partition(" ")
        text = _git(root, "show", f"{commit}:{state.path}")
        if text is None:
            continue
        old = _reader_text_at(root, state.ref, state.path, commit, text, parsed)
        if old is not None and text_hash(old) == wanted:
            diff = difflib.unified_diff(
                old.splitlines(), state.reader_text.splitlines(), "signed off", "now", lineterm="", n=1
            )
            return Change(list(diff)[2:], f"compared with the version signed off in commit {commit[:10]} ({date})")
    return Change(
        [],
        f"the signed-off version is not in the last {MAX_COMMITS} commits of {state.path}; "
        "compare it by hand, or commit sign-offs before editing",
    )
