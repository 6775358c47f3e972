"""Rules on help boxes: one level per situation site-wide, whole red-flag lists, authoritative sources.

Registered with content_rules' `rule` decorator; each has a fixture in tests/fixtures/invalid/<name>/.
"""

from __future__ import annotations

import re

from macros.data.content_rules import AUTHORITATIVE, DISPUTE, EDITOR_NOTE, add_problem, kind_of, records, rule
from macros.data.loader import SiteData, suggest
from macros.data.models import HELP_LEVELS
from macros.data.problems import ProblemList
from macros.data.text import CITATION, cited_ids

NEEDS_HELP_BOX = ("conditions", "symptoms")
ACTION = re.compile(
    r"\b(call|phone|ring|go to|see (your|a) (doctor|nurse)|book|ask for|make an appointment|get help)\b", re.I
)


@rule("help-level", "A record lists a help situation under another level than data/help.yml gives it.")
def help_levels(data: SiteData, problems: ProblemList) -> None:
    for _, entry in records(data):
        help_box = entry.model.when_to_get_help
        if help_box is None:
            continue
        for level in HELP_LEVELS:
            for index, situation_id in enumerate(getattr(help_box, level)):
                loc = ("when_to_get_help", level, index)
                situation = data.situations.get(situation_id)
                if situation is None and f"help/{situation_id}" not in data.broken:
                    add_problem(
                        problems,
                        entry,
                        loc,
                        f"there is no help situation '{situation_id}'{suggest(situation_id, data.situations)}; "
                        "use an id from data/help.yml or add the situation there",
                    )
                elif situation is not None and situation.model.level != level:
                    site_level = situation.model.level
                    lower = HELP_LEVELS.index(level) > HELP_LEVELS.index(site_level)
                    add_problem(
                        problems,
                        entry,
                        loc,
                        f"'{situation_id}' is {site_level} everywhere on the site, but is listed here as {level}"
                        f"{' (lower)' if lower else ''}; move it under {site_level}",
                    )


@rule("partial-red-flags", "A page lists some emergency items of a national red-flag list, but not all of them.")
def partial_red_flags(data: SiteData, problems: ProblemList) -> None:
    sets: dict[str, list[str]] = {}
    for situation_id, entry in data.situations.items():
        if entry.model.red_flags and entry.model.level == "emergency":
            sets.setdefault(entry.model.red_flags, []).append(situation_id)
    for _, entry in records(data):
        box = entry.model.when_to_get_help
        listed = set(box.emergency) if box else set()
        for name, members in sets.items():
            missing = [m for m in members if m not in listed]
            if listed & set(members) and missing:
                add_problem(
                    problems,
                    entry,
                    ("when_to_get_help", "emergency"),
                    f"lists part of the {name} red flags; a red-flag list is never shortened, so add "
                    f"{', '.join(missing)}",
                )


@rule("help-box", "A condition or symptom page has no help box.")
def help_boxes(data: SiteData, problems: ProblemList) -> None:
    for kind, entry in records(data):
        box = entry.model.when_to_get_help
        if kind in NEEDS_HELP_BOX and (box is None or not any(getattr(box, level) for level in HELP_LEVELS)):
            add_problem(
                problems,
                entry,
                (),
                f"a {kind[:-1]} page needs a help box; add when_to_get_help with situation ids from data/help.yml",
            )


@rule("help-source", "A help situation cites no guideline or national health information.", uses_sources=True)
def help_sources(data: SiteData, problems: ProblemList) -> None:
    for entry in data.situations.values():
        kinds = {kind_of(data, sid) for sid in cited_ids(entry.model.text)}
        if not kinds & AUTHORITATIVE:
            add_problem(
                problems,
                entry,
                ("text",),
                "cites no guideline or national health information; cite the national pathway or "
                "guidance this situation comes from",
            )


@rule("help-item-action", "A help situation hedges, carries a note for editors or names an action of its own.")
def help_item_action(data: SiteData, problems: ProblemList) -> None:
    for entry in data.situations.values():
        text = CITATION.sub("", entry.model.text)
        if DISPUTE in text or EDITOR_NOTE.search(text):
            add_problem(
                problems,
                entry,
                ("text",),
                "says the sources disagree or holds a note for editors; a help item needs one clear level, "
                "so give the higher one and move the note to editor_notes",
            )
        elif found := ACTION.search(text):
            add_problem(
                problems,
                entry,
                ("text",),
                f"names an action of its own ('{found.group(0)}'); the level's heading says what to do, "
                "so describe only the situation",
            )
