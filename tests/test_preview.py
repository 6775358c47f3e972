"""The editors' live preview, for real: `mkdocs serve` on loopback picks up every kind of edit,
shows data mistakes on the page while it keeps running, and recovers when the file is fixed."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from support import copy_project

from bench.preview_latency import serving

TIMEOUT = 90


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def status(url: str) -> int | None:
    """The HTTP status of `url`, or None when nothing answers (so a dead server never looks like a 404)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for(url: str, predicate, what: str, server) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the preview server stopped while waiting for {what}"
        body = get(url)
        if body and predicate(body):
            return body
        time.sleep(0.25)
    raise AssertionError(f"the preview never showed {what}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview"))
    with serving(project, timeout=TIMEOUT) as (base, server):
        yield project, base, server


def edit(path, old: str, new: str):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_a_data_edit_is_served_with_no_stale_page(preview):
    """`make serve` rebuilds only what changed (--dirty): every page that shows the record must follow."""
    project, base, server = preview
    tingling = project / "data" / "symptoms" / "tingling.yml"
    text = tingling.read_text()
    assert "A prickly" in text and "name: Tingling\n" in text
    tingling.write_text(
        text.replace("A prickly", "A PREVIEW-EDIT prickly").replace("name: Tingling\n", "name: Tingling EDITED\n")
    )
    wait_for(base + "symptoms/tingling/", lambda b: "A PREVIEW-EDIT prickly" in b, "the edited summary", server)
    time.sleep(1)
    assert "A PREVIEW-EDIT prickly" in get(base + "symptoms/"), "the A-Z list is stale"
    page = "conditions/degenerative-cervical-myelopathy/"  # names it among related pages and in the explorer data
    assert "Tingling EDITED" in get(base + page), f"{page} is stale"
    assert "Tingling EDITED" in get(base + "assets/javascripts/reader-tools-data.js"), "the explorer's data is stale"
    assert "A PREVIEW-EDIT prickly" in get(base + "api/v1/symptoms/tingling.json"), "the record's API file is stale"
    linked = get(base + f"api/v1/{page.removesuffix('/')}.json")
    assert "Tingling EDITED" in linked, "the API file of a record that links to it is stale"
    index = json.loads(get(base + "search/search_index.json"))
    locations = {doc["location"] for doc in index["docs"]}
    assert any("A PREVIEW-EDIT prickly" in doc["text"] for doc in index["docs"]), "the search index is stale"
    assert {"symptoms/twitching/", "conditions/opll/", "faq/"} <= locations, "the search index lost pages"
    assert len(locations) == len(index["docs"]), "the search index holds a rebuilt page's old entries too"
    script = get(base + "assets/javascripts/search-words.js")
    words = json.loads(script.removeprefix("window.mgSearchWords = ").rstrip().removesuffix(";"))
    offered, filler = set(words["words"]), set(words["filler"])
    missing = {w for doc in index["docs"] for w in _title_words(doc["title"])} - offered - filler
    assert not missing, f"'Did you mean' lost the words of pages this rebuild skipped: {sorted(missing)[:10]}"
    assert "edited" in offered, "'Did you mean' does not offer the edited name"


def _title_words(title: str) -> set[str]:
    """The words of an index title that 'Did you mean' offers (build/search_index.py's rule, restated)."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", html.unescape(re.sub(r"<[^>]+>", " ", title)))
    return {w.lower() for w in words if len(w) >= 3 and not w.isdigit()}


def test_deleting_a_record_removes_its_page(preview):
    project, base, server = preview
    new = project / "data" / "symptoms" / "foot-drop.yml"
    new.write_text(
        (project / "data" / "symptoms" / "tingling.yml")
        .read_text()
        .replace("name: Tingling", "name: Foot drop")
        .replace("Pins and needles", "Dropped foot")
    )
    wait_for(base + "symptoms/foot-drop/", lambda b: "Foot drop" in b, "the new page", server)
    new.unlink()
    wait_for(base + "symptoms/", lambda b: "Foot drop" not in b, "the index without the deleted record", server)
    assert server.poll() is None, "the preview server stopped"
    deadline = time.monotonic() + TIMEOUT
    while status(base + "symptoms/foot-drop/") != 404 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert status(base + "symptoms/foot-drop/") == 404, "the deleted record's page is still served"
    assert status(base + "symptoms/") == 200, "the server must still answer for other pages"


def test_a_template_edit_is_served(preview):
    project, base, server = preview
    template = project / "macros" / "pages" / "templates" / "record.md.j2"
    edit(template, '## {{ _("Related pages") }}', '## {{ _("Related pages") }} (template edit)')
    wait_for(base + "tests/mri/", lambda b: "Related pages (template edit)" in b, "the template edit", server)


def test_an_override_edit_and_a_new_override_file_are_served(preview):
    """The theme's own files are listed once per preview (build/incremental.py): an edited override and
    a file added to overrides/ still reach the served site."""
    project, base, server = preview
    edit(
        project / "overrides" / "assets" / "stylesheets" / "site.css",
        ".mg-search-help a {",
        ".mg-search-help a { /* edited */",
    )
    wait_for(base + "assets/stylesheets/site.css", lambda b: "/* edited */" in b, "the override edit", server)
    added = project / "overrides" / "assets" / "preview-added.txt"
    added.write_text("added in the preview\n")
    wait_for(base + "assets/preview-added.txt", lambda b: "added in the preview" in b, "the new override file", server)


def test_a_macro_code_edit_is_served(preview):
    project, base, server = preview
    edit(
        project / "macros" / "pages" / "extras.py",
        'heading = data.strings.gettext("Sources")',
        'heading = data.strings.gettext("Sources") + " we used"',
    )
    wait_for(base + "faq/", lambda b: "Sources we used" in b, "the edit of macro code", server)


def test_a_data_mistake_shows_on_the_page_and_the_preview_recovers(preview):
    project, base, server = preview
    record = project / "data" / "symptoms" / "twitching.yml"
    good = record.read_text()
    record.write_text(good.replace("urgency: routine", "urgency: soonish"))
    found = wait_for(base + "preview-problems.json", lambda b: "soonish" in b, "the problem list", server)
    problem = json.loads(found)["problems"][0]
    assert (
        problem.startswith("data/symptoms/twitching.yml:") and "'soonish' is not in the urgency vocabulary" in problem
    )
    page = get(base + "symptoms/twitching/")
    assert "Fasciculations" in page, "the page should still show the last good content"
    assert 'data-mg-problems="../../preview-problems.json"' in page, "the page has no problem banner"
    record.write_text(good.replace("Small, quick flickers", "Small, quick FIXED flickers"))
    wait_for(base + "symptoms/twitching/", lambda b: "FIXED flickers" in b, "the fixed page", server)
    assert json.loads(get(base + "preview-problems.json")) == {"problems": []}


def test_a_content_rule_follows_a_change_to_the_sources_it_judges_by(preview):
    """The preview keeps each record's content-rule findings while the record is unchanged, but only with
    the sources' kinds they were judged by: making a source a weak one reports the claims that rest on it
    alone, in records whose own files did not change, and undoing it clears them."""
    project, base, server = preview
    sources = project / "data" / "sources.yml"
    good = sources.read_text()
    marked = "- id: NH2\n  kind: national-information\n"
    assert marked in good
    sources.write_text(good.replace(marked, "- id: NH2\n  kind: other\n"))
    try:
        found = wait_for(
            base + "preview-problems.json", lambda b: "symptoms/twitching.yml" in b, "the weak-source problem", server
        )
        assert "the claim cited [@NH2] rests only on sources of kind 'other'" in found
    finally:
        sources.write_text(good)
    wait_for(base + "preview-problems.json", lambda b: json.loads(b) == {"problems": []}, "no problems", server)


def test_editor_notes_show_in_the_preview(preview):
    """Notes for editors are shown on the page in the preview (never in a built site: test_site_pages)."""
    project, base, server = preview
    record = project / "data" / "tests" / "mri.yml"
    text = record.read_text()
    note = "  - PREVIEW-NOTE check how long the scan takes.\n"
    if "\neditor_notes:\n" in text:
        text = text.replace("\neditor_notes:\n", "\neditor_notes:\n" + note, 1)
    else:
        text += "editor_notes:\n" + note
    record.write_text(text)
    page = wait_for(base + "tests/mri/", lambda b: "PREVIEW-NOTE" in b, "the editor's note", server)
    assert "mg-editor-notes" in page


def test_an_impossible_date_shows_as_a_problem_and_every_page_is_still_served(preview):
    """2027-02-29 is the likeliest real mistake: the preview keeps serving and names file and line."""
    project, base, server = preview
    record = project / "data" / "symptoms" / "numbness.yml"
    good = record.read_text()
    bad = good.replace("review:\n  status: draft\n", "review:\n  status: reviewed\n  reviewed_on: 2027-02-29\n")
    assert bad != good
    record.write_text(bad)
    try:
        found = wait_for(base + "preview-problems.json", lambda b: "2027-02-29" in b, "the date problem", server)
        assert "data/symptoms/numbness.yml:" in found and "not a real date" in found
        assert "data-mg-problems" in wait_for(base + "symptoms/numbness/", lambda b: "<html" in b, "the page", server)
        assert "data-mg-problems" in wait_for(base, lambda b: "<html" in b, "the home page", server)
    finally:
        record.write_text(good)
    wait_for(base + "preview-problems.json", lambda b: json.loads(b) == {"problems": []}, "no problems", server)


def test_the_preview_serves_the_reviewers_worklist_and_a_sign_off_shows_at_once(preview):
    """/review/ lists every page by state; a sign-off moves the page out of it and onto the page."""
    project, base, server = preview
    listing = wait_for(base + "review/", lambda b: "Clinical review worklist" in b, "the worklist", server)
    assert "Never reviewed (" in listing and 'href="../conditions/opll/"' in listing
    page = wait_for(base + "conditions/opll/", lambda b: "Not yet clinically reviewed" in b, "the draft notice", server)
    assert "Reviewed by" not in page
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "sign-off", "conditions/opll"]
        + ["--reviewer", "Dr Test Fixture", "--role", "Consultant neurologist"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    signed = wait_for(base + "conditions/opll/", lambda b: "Reviewed by" in b, "the reviewer", server)
    assert "Not yet clinically reviewed" not in signed
    wait_for(base + "review/", lambda b: 'href="../conditions/opll/"' not in b, "the worklist without it", server)


def test_kept_values_follow_the_very_same_objects_and_go_when_unused(monkeypatch):
    """data/kept.py: what the preview reuses between rebuilds (validated models, reader texts,
    review texts, API records) is tied to the identity of its inputs, never to equal copies;
    a one-off build keeps nothing (it would only add to its peak memory)."""
    from macros.data import kept as kept_module
    from macros.data.kept import Kept

    monkeypatch.setattr(kept_module, "_keeping", False)
    once, made, inputs = Kept(), [], ["a"]
    once.new_pass()
    assert [once.get((inputs,), lambda: made.append("x") or "x") for _ in range(2)] == ["x", "x"]
    assert made == ["x", "x"] and not once._now, "outside the preview every value is made afresh, none held"
    kept_module.keep_between_builds(True)
    kept, made = Kept(), []

    def make(value):
        made.append(value)
        return value

    first, copy = ["a"], ["a"]
    kept.new_pass()
    assert kept.get((first,), lambda: make("one")) == "one"
    assert kept.get((first,), lambda: make("two")) == "one", "the same object: the kept value"
    assert kept.get((copy,), lambda: make("three")) == "three", "an equal copy is a new input"
    assert kept.get((first,), lambda: make("four"), extra=("loc",)) == "four", "a different plain part"
    assert kept.get((first,), lambda: None, extra="failed") is None
    assert kept.get((first,), lambda: make("five"), extra="failed") == "five", "None is never kept"
    kept.new_pass()
    assert kept.get((first,), lambda: make("six")) == "one", "kept through one build"
    kept.new_pass()
    kept.new_pass()
    assert kept.get((first,), lambda: make("seven")) == "seven", "unused for a whole build: dropped"
    assert made == ["one", "three", "four", "five", "seven"]


def test_a_save_is_noticed_at_once_and_a_read_is_not_a_change(tmp_path, monkeypatch):
    """build/incremental.py's watcher: the system's change reports (inotify here), through a symlinked
    folder as the benchmark's projects have; a build reading files does not start another build; polling
    only when asked for."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver

    from macros.build.incremental import FORCE_POLLING, watcher

    data = tmp_path / "data"
    data.mkdir()
    record = data / "tingling.yml"
    record.write_text("name: Tingling\n")
    linked = tmp_path / "linked"
    linked.symlink_to(data, target_is_directory=True)
    seen: list = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append((time.perf_counter(), event))
    observer = watcher([str(data), str(linked)])
    assert not isinstance(observer, PollingObserver), "this system reports changes: nothing should poll"
    observer.schedule(handler, str(linked), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        assert record.read_text() == "name: Tingling\n"
        time.sleep(0.3)
        assert not seen, f"reading a file was taken for a change: {seen}"
        saved = time.perf_counter()
        record.write_text("name: Tingling edited\n")
        deadline = saved + 5
        while not seen and time.perf_counter() < deadline:
            time.sleep(0.005)
        assert seen, "a save in a symlinked folder was not noticed"
        assert seen[0][0] - saved < 0.05, f"noticed {seen[0][0] - saved:.3f} s after the save"
    finally:
        observer.stop()
        observer.join()
    monkeypatch.setenv(FORCE_POLLING, "1")
    assert isinstance(watcher([str(data)]), PollingObserver)


def test_garbage_is_collected_while_the_preview_is_idle_and_nothing_is_kept_for_ever():
    """build/incremental.py's IdleCollector: what is alive when the preview goes idle is frozen (the next
    build's collections skip it); what becomes garbage later is still freed by the next idle collection."""
    import gc
    import weakref

    from macros.build.incremental import IdleCollector

    class Cycle:
        pass

    try:
        gc.unfreeze()
        collector = IdleCollector()
        collector.start()
        collector.cancel()
        time.sleep(IdleCollector.IDLE_SECONDS + 0.3)
        assert gc.get_freeze_count() == 0, "a cancelled collection ran (it would fall in the middle of a build)"
        node = Cycle()
        node.itself = node
        alive = weakref.ref(node)
        collector.start()
        deadline = time.monotonic() + 5
        while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gc.get_freeze_count() > 0, "the idle preview froze nothing"
        del node
        gc.collect()
        assert alive() is not None, "a frozen object should be left alone by an ordinary collection"
        IdleCollector.collect()
        assert alive() is None, "garbage that was frozen was never freed"
    finally:
        gc.unfreeze()


@pytest.fixture(scope="module")
def spanish_preview(tmp_path_factory):
    """`make serve LANGUAGE=es` on a copy of the project: the Spanish edition alone."""
    project = copy_project(tmp_path_factory.mktemp("preview-es"))
    config = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "--data", str(project / "data"), "edition-config", "es"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with serving(project, timeout=TIMEOUT, config=config, ready="Guía de la mielopatía") as (base, server):
        yield project, base, server


def test_the_spanish_preview_shows_a_translation_edit_and_an_english_edit_makes_it_out_of_date(spanish_preview):
    project, base, server = spanish_preview
    page = base + "conditions/opll/"
    assert "mg-translation-notice--out-of-date" not in get(page)
    translation = project / "data" / "conditions" / "opll.es.yml"
    name = re.search(r"^name: (.+)$", translation.read_text(), re.M).group(1)
    edit(translation, f"name: {name}", f"name: {name} (editado)")
    wait_for(page, lambda b: f"{name} (editado)" in b, "the translation edit", server)
    wait_for(base + "conditions/", lambda b: "(editado)" in b, "the edit on the A-Z list", server)
    english = project / "data" / "conditions" / "opll.yml"
    summary = re.search(r"^summary: (.+)$", english.read_text(), re.M).group(1)
    edit(english, f"summary: {summary}", f"summary: {summary.replace('.', ';', 1)}")
    wait_for(page, lambda b: "mg-translation-notice--out-of-date" in b, "the out-of-date notice", server)


def test_the_spanish_preview_shows_an_edit_of_the_interface_words_and_the_glossary(spanish_preview):
    project, base, server = spanish_preview
    catalogue = project / "data" / "locales" / "es.po"
    edit(catalogue, 'msgstr "Cuándo pedir ayuda"', 'msgstr "Cuándo pedir ayuda ya"')
    wait_for(base + "symptoms/tingling/", lambda b: "Cuándo pedir ayuda ya" in b, "the catalogue edit", server)
    glossary = project / "data" / "glossary.es.yml"
    edit(glossary, "a la forma de caminar y al equilibrio.", "a la forma de caminar y al equilibrio (revisado).")
    wait_for(base + "faq/", lambda b: "(revisado)." in b, "the glossary edit in a tooltip", server)


def test_the_spanish_preview_rebuilds_generated_pages_when_a_translated_glossary_changes(spanish_preview):
    """Tooltips are added to every page's Markdown after it is generated: only the shared key sees them change."""
    project, base, server = spanish_preview
    glossary = project / "data" / "glossary.es.yml"
    edit(glossary, "Daño de la médula espinal en el cuello", "Lesión de la médula en el cuello")
    wait_for(base + "conditions/opll/", lambda b: "Lesión de la médula en el cuello" in b, "the new tooltip", server)
