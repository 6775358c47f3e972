"""What `publish: reviewed-only` changes in hand-written pages: links to left-out pages become text.

Generated pages are built from the policy's own graph and never link to a left-out page; a
hand-written page may, in its Markdown and in its nav entry.
"""

from __future__ import annotations

import posixpath
import re

LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<href>[^)\s#]*\.md)?(?:#(?P<anchor>[^)\s]*))?\)")
"""A Markdown inline link to a page and/or an anchor (images excluded)."""


def unlink(markdown: str, page_src: str, withheld: set[tuple[str, str | None]]) -> str:
    """`markdown` with every link to a left-out page (or FAQ anchor) replaced by its text."""
    here = posixpath.dirname(page_src)

    def replace(match: re.Match) -> str:
        href, anchor = match.group("href"), match.group("anchor")
        if href is None and anchor is None:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, href)) if href else page_src
        if (target, None) in withheld or (anchor and (target, anchor) in withheld):
            return match.group("text")
        return match.group(0)

    return LINK.sub(replace, markdown)


def prune_nav(nav, withheld: set[str]):
    """mkdocs.yml's nav without the left-out pages, and without sections left empty."""
    if isinstance(nav, list):
        items = [prune_nav(item, withheld) for item in nav]
        return [item for item in items if item not in (None, [], {})]
    if isinstance(nav, dict):
        pruned = {title: prune_nav(value, withheld) for title, value in nav.items()}
        return {title: value for title, value in pruned.items() if value not in (None, [], {})} or None
    return None if nav in withheld else nav
