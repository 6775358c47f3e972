"""Data for the readers' tools in the browser, made by the build from the records (never kept by hand).

The symptom explorer (overrides/assets/javascripts/symptom-explorer.js) lets a reader tick what they
notice, grouped by body region, and lists the conditions whose records name those symptoms, most
matches first. The symptom diary (diary.js) shows the help wording when entries get worse. All they
show comes from here: symptom and condition names and pages, each symptom's level of urgency, and the
emergency and urgent help wording (from the clinic file, or settings and their emergency numbers),
so the tools can never disagree with the pages.
"""

from __future__ import annotations

import json

from macros.pages import links
from macros.pages.render import Parts, plain

TOOLS_JSON = "assets/reader-tools.json"
TOOLS_SCRIPT = "assets/javascripts/reader-tools-data.js"
"""The same data twice: as JSON, and as a script, which a page opened from a file can load (fetch cannot)."""


def tools_data(parts: Parts, directory_urls: bool) -> dict:
    data = parts.data

    def url(kind: str, record_id: str) -> str:
        return links.page_url(directory_urls, links.record_path(kind, record_id))

    symptoms = data.records.get("symptoms", {})
    conditions = data.records.get("conditions", {})
    regions = []
    for region in data.vocab.body_regions:
        ids = sorted(
            (sid for sid, entry in symptoms.items() if region.id in entry.model.body_regions),
            key=lambda sid: symptoms[sid].model.name.lower(),
        )
        if ids:
            regions.append({"id": region.id, "label": parts.name(region.label), "symptoms": ids})
    wording = parts.help_wording
    return {
        "regions": regions,
        "symptoms": {
            sid: {"name": parts.name(entry.model.name), "url": url("symptoms", sid), "urgency": entry.model.urgency}
            for sid, entry in symptoms.items()
        },
        "conditions": [
            {
                "id": cid,
                "name": parts.name(entry.model.name),
                "url": url("conditions", cid),
                "summary": plain(entry.model.summary),
                "symptoms": [sid for sid in entry.model.symptoms if sid in symptoms],
            }
            for cid, entry in sorted(conditions.items(), key=lambda item: item[1].model.name.lower())
        ],
        "urgency": [{"id": term.id, "label": parts.name(term.label)} for term in data.vocab.urgency],
        "emergency": {
            "title": wording["emergency"]["title"],
            "action": wording["emergency"]["action"],
            "help_url": links.page_url(directory_urls, links.PAGES["help"]),
        },
        "urgent": {"title": wording["urgent"]["title"], "action": wording["urgent"]["action"]},
    }


def tools_files(parts: Parts, directory_urls: bool) -> dict[str, str]:
    """{path in the site: text} for the tools' data. JSON escapes <, > and & too, so no text from
    the records can close the script or open markup when the page reads it."""
    payload = json.dumps(tools_data(parts, directory_urls), ensure_ascii=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return {TOOLS_JSON: payload + "\n", TOOLS_SCRIPT: f"window.mgTools = {payload};\n"}
