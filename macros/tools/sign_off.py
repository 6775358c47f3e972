"""`make sign-off`: record a clinician's review in the data file or page, in place.

The review block is written with ruamel.yaml's round trip, so comments, key order, quoting and
block style in the rest of the file stay as they were; a Markdown page's body is not touched.
Everything is checked first and then written, so a mistake in one id writes nothing; after
writing, the data is loaded again and every page signed must read as reviewed, or every file is
put back as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from macros.build.environment import load_graph
from macros.data.loader import suggest
from macros.data.models import Reviewer
from macros.data.problems import DataError
from macros.data.review import fingerprint, split_front_matter

DEFAULT_INTERVAL_YEARS = 1


class SignOffError(Exception):
    """One sentence per problem; nothing was written."""


@dataclass(frozen=True)
class Signing:
    reviewer: Reviewer
    reviewed_on: dt.date
    next_review: dt.date


def _yaml() -> YAML:
    """The round-trip settings that reproduce this project's files byte for byte."""
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def make_signing(name: str, role: str, registration: str | None, on: str | None, next_review: str | None, today=None):
    """Check the reviewer and the dates; raise SignOffError with one sentence per problem."""
    today = today or dt.date.today()
    problems = []
    try:
        reviewer = Reviewer(name=name, role=role, registration=registration or None)
    except ValidationError as exc:
        reviewer = None
        for error in exc.errors():
            field = {"name": "REVIEWER", "role": "ROLE", "registration": "REGISTRATION"}[error["loc"][0]]
            empty = error["type"] in ("missing", "string_too_short")
            detail = "is required" if empty else error["msg"].removeprefix("Value error, ")
            problems.append(f"{field}: {detail}; give the clinician's {error['loc'][0]} as readers should see it")
    reviewed_on = _date(on, "DATE", problems) if on else today
    if reviewed_on and reviewed_on > today:
        problems.append(f"DATE: {reviewed_on} is in the future (today is {today}); give the day the review happened")
    following = _date(next_review, "NEXT", problems) if next_review else None
    if reviewed_on and following is None and not next_review:
        following = _years_later(reviewed_on, DEFAULT_INTERVAL_YEARS)
    if reviewed_on and following and following <= reviewed_on:
        problems.append(f"NEXT: {following} is not after the review date {reviewed_on}; give a later date")
    if problems:
        raise SignOffError("\n".join(problems))
    return Signing(reviewer, reviewed_on, following)


def _date(text: str, name: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"{name}: {text!r} is not a date; write it as YYYY-MM-DD, like 2026-12-02")
        return None


def _years_later(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _review_block(signing: Signing, reader_text: str) -> CommentedMap:
    reviewer = CommentedMap(name=signing.reviewer.name, role=signing.reviewer.role)
    if signing.reviewer.registration:
        reviewer["registration"] = signing.reviewer.registration
    block = CommentedMap()
    block["status"] = "reviewed"
    block["reviewer"] = reviewer
    block["reviewed_on"] = signing.reviewed_on
    block["next_review"] = signing.next_review
    block["fingerprint"] = fingerprint(reader_text, signing.reviewer, signing.reviewed_on, signing.next_review)
    return block


def _with_review(yaml_text: str, block: CommentedMap) -> str:
    yaml = _yaml()
    data = yaml.load(yaml_text)
    if not isinstance(data, CommentedMap):
        raise SignOffError("the file is not a group of fields")
    data["review"] = block  # in place when present, else at the end
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def round_trip(yaml_text: str) -> str:
    """The file as ruamel.yaml writes it back unchanged (tests show this is byte for byte)."""
    yaml = _yaml()
    out = io.StringIO()
    yaml.dump(yaml.load(yaml_text), out)
    return out.getvalue()


def signed_text(path: Path, block: CommentedMap) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        front, body = split_front_matter(text)
        front = _with_review(front, block) if front else _new_front(block)
        return f"---\n{front}---\n{body}"
    return _with_review(text, block)


def _new_front(block: CommentedMap) -> str:
    yaml = _yaml()
    out = io.StringIO()
    yaml.dump(CommentedMap(review=block), out)
    return out.getvalue()


def _resolve(refs: list[str], reviews: dict) -> list[str]:
    problems = []
    kinds = sorted({ref.split("/", 1)[0] for ref in reviews})
    for ref in refs:
        if ref in reviews:
            continue
        kind, _, name = ref.partition("/")
        if kind not in kinds:
            problems.append(
                f"ID {ref}: '{kind}' is not a kind of page{suggest(kind, kinds)}; write kind/id with one of: "
                + ", ".join(kinds)
            )
        else:
            ids = [r.split("/", 1)[1] for r in reviews if r.startswith(f"{kind}/")]
            problems.append(
                f"ID {ref}: there is no {kind} page '{name}'{suggest(name, ids)}; check the id (make review lists them)"
            )
    if not refs:
        problems.append("ID: no page given; write ID=kind/id, e.g. ID=conditions/degenerative-cervical-myelopathy")
    if problems:
        raise SignOffError("\n".join(problems))
    return list(dict.fromkeys(refs))


def sign_off(project: Path, refs: list[str], signing: Signing) -> list[str]:
    """Sign the pages off; return one line per page signed. Raise SignOffError or DataError, writing nothing."""
    site = load_graph(project / "data")
    reviews = site.data.reviews
    refs = _resolve(refs, reviews)
    new_texts = {}
    for ref in refs:
        state = reviews[ref]
        path = project / state.path
        new_texts[path] = signed_text(path, _review_block(signing, state.reader_text))
    _write_all(new_texts, refs, lambda: load_graph(project / "data").data.reviews)
    who = signing.reviewer.name
    return [
        f"signed off {ref} ({reviews[ref].path}) by {who} on {signing.reviewed_on}, next review {signing.next_review}"
        for ref in refs
    ]


def _write_all(new_texts: dict[Path, str], refs: list[str], states_after) -> None:
    """Write every file, then load the data again: each page signed (`states_after()`: ref -> its state) must
    read as reviewed, or every file is put back as it was."""
    originals = {path: path.read_bytes() for path in new_texts}
    try:
        for path, text in new_texts.items():
            _write(path, text.encode("utf-8"))
        after = states_after()
        wrong = [ref for ref in refs if after[ref].status != "reviewed"]
        if wrong:
            raise SignOffError(f"after writing, {', '.join(wrong)} did not read as reviewed; nothing was changed")
    except (SignOffError, DataError):
        for path, data in originals.items():
            _write(path, data)
        raise


def _write(path: Path, data: bytes) -> None:
    """Replace the file in one step, so an editor's preview never reads half a file."""
    tmp = path.with_name(f".{path.name}.sign-off")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def sign_off_translation(project: Path, language: str, refs: list[str], signing: Signing) -> list[str]:
    """Record a reviewer's check of translations into `language` (their `translation.review`), like sign_off:
    everything is checked first; a translation made from English that has changed since cannot be signed."""
    from macros.data.problems import ProblemList
    from macros.data.translation import translate_site

    site = load_graph(project / "data")
    problems = ProblemList()
    _, translated = translate_site(site.data, language, problems)
    if problems:
        raise DataError(problems)
    states = translated.states
    refs = _resolve(refs, {ref: None for ref in states})
    errors = []
    for ref in refs:
        state = states[ref]
        if state.path is None:
            errors.append(f"ID {ref}: there is no {language} translation to sign off (data/{ref}.{language}.yml)")
        elif state.out_of_date:
            errors.append(
                f"ID {ref}: the English changed after this translation was made; update the translation, run "
                f"`python -m macros.tools.cli translated {language} {ref}`, then sign it off"
            )
    if errors:
        raise SignOffError("\n".join(errors))
    new_texts = {}
    for ref in refs:
        path = project / states[ref].path
        yaml = _yaml()
        data = yaml.load(path.read_text(encoding="utf-8"))
        block = data.get("translation") or CommentedMap()
        block["review"] = _review_block(signing, states[ref].reader_text)
        data["translation"] = block
        out = io.StringIO()
        yaml.dump(data, out)
        new_texts[path] = out.getvalue()
    _write_all(
        new_texts, refs, lambda: translate_site(load_graph(project / "data").data, language, ProblemList())[1].states
    )
    return [
        f"signed off the {language} translation of {ref} ({states[ref].path}) by {signing.reviewer.name} "
        f"on {signing.reviewed_on}, next review {signing.next_review}"
        for ref in refs
    ]
