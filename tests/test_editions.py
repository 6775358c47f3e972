"""The Spanish edition: translations laid over the data, every page's twin and switcher, hreflang,
the "only in English" note, translation status (out of date, draft) on pages and in the linter,
and the clinic's choice of editions."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, cli, copy_project, html_pages, publish_reviewed_only, sign_off

from macros.build.editions import languages
from macros.data.loader import load_site
from macros.data.problems import ProblemList
from macros.data.translation import Untranslated, english_fingerprint, translate_site

SWITCH = re.compile(r'<a class="mg-language__link" href="([^"]+)" hreflang="(\w+)"')
HREFLANG = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="(\w+)"')
NOTE_ES = "Esta parte solo está en inglés."


def pages_of(site: Path, edition: str = "") -> set[str]:
    root = site / edition if edition else site
    return {
        p.relative_to(root).as_posix()
        for p in html_pages(root)
        if not p.relative_to(root).as_posix().startswith(("assets/", "es/"))
    }


def resolve(site: Path, page: str, href: str) -> Path:
    """Where a relative link on `page` (a path under site) leads, as a file."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    path = site / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def test_every_page_has_its_twin_and_the_switcher_links_resolve(editions_site):
    english, spanish = pages_of(editions_site), pages_of(editions_site, "es")
    assert len(english) > 100
    assert english == spanish, f"without a twin: {sorted(english ^ spanish)[:10]}"
    problems = []
    for rel in sorted(english - {"404.html"}):
        for page, other, lang in ((rel, f"es/{rel}", "es"), (f"es/{rel}", rel, "en")):
            html = (editions_site / page).read_text(encoding="utf-8")
            links = SWITCH.findall(html)
            if [code for _, code in links] != [lang]:
                problems.append(f"{page}: switcher {links}")
                continue
            target = resolve(editions_site, page, links[0][0])
            if target != editions_site / other:
                problems.append(f"{page}: the switcher leads to {target}, not {other}")
            roots = {code: resolve(editions_site, page, href) for href, code in HREFLANG.findall(html)}
            if roots != {"en": editions_site / "index.html", "es": editions_site / "es" / "index.html"}:
                problems.append(f"{page}: the editions' roots in its head (hreflang) are {roots}")
    assert not problems, "\n".join(problems[:20])
    for page, lang, home in (("404.html", "es", "/es/"), ("es/404.html", "en", "/")):  # served at any address
        links = SWITCH.findall((editions_site / page).read_text(encoding="utf-8"))
        assert [(posixpath.normpath(h) + "/").replace("//", "/") for h, _ in links] == [home], (page, links)
        assert [code for _, code in links] == [lang]


def test_with_a_public_address_the_sitemaps_give_each_page_its_twin(tmp_path):
    import gzip

    project = copy_project(tmp_path / "project")
    settings = project / "data" / "settings.yml"
    settings.write_text(settings.read_text() + "site_url: https://guide.example.org/guide/\n")
    site = tmp_path / "site"
    result = _build_spanish(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    root = "https://guide.example.org/guide/"
    for sitemap, own in ((site / "sitemap.xml", root), (site / "es" / "sitemap.xml", root + "es/")):
        xml = sitemap.read_text(encoding="utf-8")
        assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
        pages = re.findall(r"<loc>([^<]+)</loc>", xml)
        assert len(pages) > 100
        for page in pages:
            path = page.removeprefix(own)
            for code, edition in (("en", root), ("es", root + "es/")):
                assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{edition}{path}"/>' in xml, (sitemap, path)
                assert (site / ("" if code == "en" else "es") / path / "index.html").is_file(), (code, path)
        assert gzip.decompress(sitemap.with_suffix(".xml.gz").read_bytes()).decode("utf-8") == xml


def test_spanish_pages_speak_spanish(editions_site):
    home = (editions_site / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home
    dcm = (editions_site / "es/conditions/degenerative-cervical-myelopathy/index.html").read_text(encoding="utf-8")
    assert "Mielopatía cervical degenerativa" in dcm
    for words in ("Cuándo pedir ayuda", "Guía de la mielopatía", "su número local de emergencias"):
        assert words in dcm, words
    assert "Squashed spinal cord in the neck" not in dcm  # the English record's text is not shown
    english = (editions_site / "conditions/degenerative-cervical-myelopathy/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "Mielopatía" not in english


def test_the_real_translations_load_cleanly_and_cover_every_text():
    problems = ProblemList()
    site = load_site(ROOT / "data", problems)
    translated, result = translate_site(site, "es", problems)
    assert not problems, problems.report()
    missing = sorted(ref for ref, state in result.states.items() if state.path is None)
    assert not missing, f"no Spanish translation: {missing}"
    shown_in_english = {ref: sorted(state.untranslated) for ref, state in result.states.items() if state.untranslated}
    assert not shown_in_english, shown_in_english
    stale = sorted(ref for ref, state in result.states.items() if state.out_of_date)
    assert not stale, f"out of date (run python -m macros.tools.cli translated es): {stale}"
    assert all(not isinstance(s.model.text, Untranslated) for s in translated.situations.values())
    assert all(not isinstance(t.model.definition, Untranslated) for t in translated.glossary.values())


def _build_spanish(project: Path, site: Path) -> subprocess.CompletedProcess:
    return cli(project, "build", "--site-dir", str(site))


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A copy where the English of one record changed after its translation, one translation lost a
    section, and one record has no translation at all; built with both editions."""
    project = copy_project(tmp_path_factory.mktemp("edited"))
    for part in ("Makefile", "pyproject.toml"):
        if (ROOT / part).exists():
            (project / part).write_bytes((ROOT / part).read_bytes())
    dcm = project / "data/conditions/degenerative-cervical-myelopathy.yml"
    dcm.write_text(dcm.read_text().replace("This can make hands clumsy", "This can make your hands clumsy", 1))
    opll = project / "data/conditions/opll.es.yml"
    text = opll.read_text()
    start = text.index("  recovery:") if "  recovery:" in text else text.index("  what_helps:")
    end = re.search(r"\n  [a-z_]+:", text[start + 3 :])
    opll.write_text(text[:start] + (text[start + 3 + end.start() + 1 :] if end else ""))
    (project / "data/faqs/is-exercise-safe.es.yml").unlink()
    for language in ("en", "es"):  # one record signed off, then its translation: both pages show the dates
        signed = cli(
            project,
            *("sign-off", "conditions/cervical-radiculopathy", "--reviewer", "Dra Ana Ruiz", "--role", "Neurologist"),
            *("--date", "2026-12-01", "--language", language),
        )
        assert signed.returncode == 0, signed.stderr
    site = tmp_path_factory.mktemp("edited-site") / "site"
    result = _build_spanish(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def test_an_english_edit_marks_the_translation_out_of_date(edited):
    project, site = edited
    problems = ProblemList()
    data = load_site(project / "data", problems)
    _, result = translate_site(data, "es", problems)
    state = result.states["conditions/degenerative-cervical-myelopathy"]
    assert state.out_of_date and state.status == "out-of-date"
    assert state.info.english != english_fingerprint(
        data.records["conditions"]["degenerative-cervical-myelopathy"].model
    )
    page = (site / "es/conditions/degenerative-cervical-myelopathy/index.html").read_text(encoding="utf-8")
    assert "mg-translation-notice--out-of-date" in page
    fresh = (site / "es/conditions/cervical-radiculopathy/index.html").read_text(encoding="utf-8")
    assert "mg-translation-notice--out-of-date" not in fresh
    lint = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros.tools.cli",
            "--data",
            str(project / "data"),
            "lint",
            "--no-build",
            "--only",
            "translation",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert re.search(
        r"WARNING\s+translation\s+data/conditions/degenerative-cervical-myelopathy\.es\.yml:\d+: out of date",
        lint.stdout,
    ), lint.stdout
    assert "cervical-radiculopathy.es.yml:1: out of date" not in lint.stdout


def test_english_shown_in_another_edition_always_says_so(edited):
    project, site = edited
    problems = ProblemList()
    data = load_site(project / "data", problems)
    _, result = translate_site(data, "es", problems)
    assert result.states["conditions/opll"].untranslated, "the test removed a section"
    english = data.records["conditions"]["opll"].model.sections
    page = (site / "es/conditions/opll/index.html").read_text(encoding="utf-8")
    for loc in result.states["conditions/opll"].untranslated:
        value = getattr(english, loc[1])
        first_words = " ".join(re.sub(r"\[@[^\]]*\]", "", value).split()[:6])
        assert first_words in page
        before = page[: page.index(first_words)]
        assert NOTE_ES in before[-400:], f"{loc}: English without its note"
    faq_page = (site / "es/faq/index.html").read_text(encoding="utf-8")
    question = data.faqs["is-exercise-safe"].model.question
    assert f"{question} (en inglés)" in faq_page
    # Every other text of the Spanish site is translated: the note appears only where English is shown
    notes = sum(p.read_text(encoding="utf-8").count(NOTE_ES) for p in html_pages(site / "es"))
    assert notes >= 1 + len(result.states["conditions/opll"].untranslated)


def test_dates_and_footnotes_are_written_in_the_edition_language(edited):
    """A signed-off translation's review dates, the sources' fold and each footnote's back-link, in Spanish on
    the Spanish page and in English on the English one; the sources' English titles marked as English."""
    _, site = edited
    spanish = (site / "es/conditions/cervical-radiculopathy/index.html").read_text(encoding="utf-8")
    english = (site / "conditions/cervical-radiculopathy/index.html").read_text(encoding="utf-8")
    review = re.search(r'<aside class="mg-review".*?</aside>', spanish, re.S)
    assert review and "Dra Ana Ruiz" in review.group(0)
    assert '<time datetime="2026-12-01">1 de diciembre de 2026</time>' in review.group(0)
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">\d+ de [a-z]+ de \d{4}</time>', review.group(0))
    assert "December" not in review.group(0) and "mg-translation-notice" not in spanish  # translation reviewed
    assert '<time datetime="2026-12-01">1 December 2026</time>' in english
    assert "Traducción revisada por Dra Ana Ruiz" in spanish and "Traducción revisada" not in english
    draft = (site / "es/conditions/opll/index.html").read_text(encoding="utf-8")
    assert "Traducción revisada" not in draft and "mg-translation-notice" in draft
    back_links = re.findall(r'class="footnote-backref"[^>]*title="([^"]+)"', spanish)
    back_links += re.findall(r'title="([^"]+)"[^>]*class="footnote-backref"', spanish)
    assert back_links and all(t.startswith("Volver a la cita ") for t in back_links), back_links[:3]
    assert "Jump back" not in spanish and "Jump back to footnote 1 in the text" in english
    assert re.search(r"<summary>Fuentes [^<]*\(\d+ fuentes?\)</summary>", spanish)
    assert re.search(r"<summary>Sources for this page \(\d+ sources?\)</summary>", english)
    sources = re.search(r'<details class="mg-sources".*?</details>', spanish, re.S).group(0)
    entries = re.findall(r'<li id="fn:.*?</li>', sources, re.S)  # English titles read in an English voice
    assert entries and all('<span lang="en">' in entry for entry in entries)
    assert 'lang="en"' not in re.search(r'<details class="mg-sources".*?</details>', english, re.S).group(0)


def test_reviewed_only_publishes_the_same_pages_in_every_edition(tmp_path):
    """An edition shows the English pages' clinical review (its text is what the clinician signed), so a
    clinic that publishes reviewed pages only gets the same pages in Spanish, not none."""
    from macros.build.environment import load_graph, published_graph

    project = copy_project(tmp_path / "project")
    sign_off(project, "pages/index", "conditions/cervical-radiculopathy", "symptoms/clumsy-hands")
    publish_reviewed_only(project)
    kept = {}
    for language in ("en", "es"):
        site, withheld = published_graph(load_graph(project / "data", language))
        kept[language] = {f"{kind}/{rid}" for kind, entries in site.data.records.items() for rid in entries}
        assert site.data.reviews["conditions/cervical-radiculopathy"].status == "reviewed"
    assert kept["es"] == kept["en"] and "symptoms/clumsy-hands" in kept["es"]
    assert "conditions/opll" not in kept["es"]


def test_a_translation_that_breaks_a_rule_stops_the_build_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data/conditions/opll.es.yml"
    path.write_text(path.read_text() + "body_regions: [neck]\nsummary_extra: x\n")
    site = tmp_path / "site"
    result = _build_spanish(project, site)
    assert result.returncode != 0
    assert re.search(
        r"data/conditions/opll\.es\.yml:\d+: field 'body_regions': comes from the English file", result.stderr
    )
    assert not site.exists()


def test_a_clinic_gives_its_own_words_in_each_edition_and_english_ones_say_so(tmp_path):
    """data/clinic.es.yml translates the clinic's texts; what it leaves out is shown in English, with its note,
    on the clinic page, in the footer and in every help box."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests" / "fixtures" / "clinic", project / "data", dirs_exist_ok=True)
    (project / "data" / "clinic.es.yml").write_text(
        "booking: Llame para pedir cita o pregunte en recepción.\n"
        "urgent_care: llame al NHS 111 o a su consulta de medicina general\n",
        encoding="utf-8",
    )  # no opening_hours: they stay in English
    site = tmp_path / "site"
    result = cli(project, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "es/clinic/index.html").read_text(encoding="utf-8")
    assert "Llame para pedir cita o pregunte en recepción." in page and "Call us to book" not in page
    assert "Saturday, 9am to 12 noon (en inglés)" in page  # the last opening-hours line carries the note
    footer = re.search(r'<aside class="mg-clinic md-grid".*?</aside>', page, re.S)
    assert "(en inglés)" in footer.group(0) and "Llame para pedir cita" in footer.group(0)
    help_page = (site / "es/symptoms/twitching/index.html").read_text(encoding="utf-8")
    assert "llame al NHS 111 o a su consulta de medicina general." in help_page
    assert "call NHS 111" not in help_page
    english = (site / "clinic/index.html").read_text(encoding="utf-8")
    assert "Call us to book" in english and "inglés" not in english and "(in English)" not in english

    problems = ProblemList()  # only the clinic's texts may be translated, and only a clinic's own file
    (project / "data" / "clinic.es.yml").write_text("booking: Llame.\nphone: 020 7946 1111\n", encoding="utf-8")
    translate_site(load_site(project / "data", problems), "es", problems)
    assert re.search(r"data/clinic\.es\.yml:2: field 'phone': comes from the English file", problems.report())
    (project / "data" / "clinic.yml").unlink()
    problems = ProblemList()
    load_site(project / "data", problems)
    assert "clinic.es.yml: file: is a translation of data/clinic.yml, which does not exist" in problems.report()


def test_clinics_choose_their_editions(tmp_path):
    project = copy_project(tmp_path / "project")
    assert languages(project) == ["en", "es"]
    (project / "data/clinic.yml").write_text("languages: [en]\n")
    assert languages(project) == ["en"]


def test_spanish_readability_uses_a_spanish_formula_and_the_translations_meet_its_bars():
    from macros.tools.readability import EASE_MEDIAN_MIN, EASE_PAGE_MIN, ease, ease_scores, scores

    english_before = scores(load_site(ROOT / "data", ProblemList()))

    easy = "El cuello duele. La mano se duerme. El médico mira la espalda."
    hard = (
        "La osificación del ligamento longitudinal posterior constituye una enfermedad degenerativa "
        "caracterizada por la calcificación progresiva de estructuras ligamentosas intrarraquídeas."
    )
    assert ease(easy, "es") > 80 > 40 > ease(hard, "es")
    problems = ProblemList()
    translated, _ = translate_site(load_site(ROOT / "data", problems), "es", problems)
    results = ease_scores(translated, "es")
    assert min(s.page for s in results) >= EASE_PAGE_MIN
    assert sorted(s.page for s in results)[len(results) // 2] >= EASE_MEDIAN_MIN
    assert scores(load_site(ROOT / "data", ProblemList())) == english_before  # English grades are unmoved


def test_a_reviewer_signs_a_translation_off_and_a_later_edit_undoes_it(tmp_path):
    project = copy_project(tmp_path / "project")
    command = [sys.executable, "-m", "macros.tools.cli", "--data", str(project / "data"), "sign-off"]
    who = ["--reviewer", "Dra Ana Ruiz", "--role", "Neuróloga", "--date", "2026-12-01", "--language", "es"]
    done = subprocess.run([*command, "conditions/opll", *who], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "signed off the es translation of conditions/opll" in done.stdout

    def status():
        problems = ProblemList()
        _, result = translate_site(load_site(project / "data", problems), "es", problems)
        return result.states["conditions/opll"].status, result.states["conditions/myelopathy"].status

    assert status() == ("reviewed", "draft")
    path = project / "data/conditions/opll.es.yml"
    text = path.read_text()
    assert "reviewer:" in text and "Dra Ana Ruiz" in text
    name = re.search(r"^name: (.+)$", text, re.M).group(1)
    path.write_text(text.replace(f"name: {name}", f"name: {name} (OLLP)", 1))
    assert status()[0] == "changed"
    dcm = project / "data/conditions/degenerative-cervical-myelopathy.yml"
    dcm.write_text(dcm.read_text().replace("This can make hands clumsy", "This can make your hands clumsy", 1))
    stale = subprocess.run(
        [*command, "conditions/degenerative-cervical-myelopathy", *who], cwd=project, capture_output=True, text=True
    )
    assert stale.returncode == 1 and "the English changed after this translation was made" in stale.stderr


def test_every_interface_text_marked_in_the_code_has_its_spanish_translation():
    from macros.tools.catalogue import marked, read_catalogue, untranslated

    found = marked(ROOT)
    for text in ("Related pages", "Add an entry", "This part is only in English.", "Symptom explorer", "Page"):
        assert text in found, text  # Python, scripts, the nav, templates: each kind of marking is read
    assert len(found) > 150
    catalogue = read_catalogue(ROOT / "data" / "locales" / "es.po")
    assert not untranslated(catalogue, found)
    for text, places in found.items():  # placeholders survive translation
        if isinstance(text, str) and "{" in text:
            ours = catalogue.get(text).string
            assert sorted(re.findall(r"\{\w+\}", ours)) == sorted(re.findall(r"\{\w+\}", text)), (text, places)


def test_texts_marked_inside_f_strings_are_found_too(tmp_path):
    """Babel's extractor does not look inside f-strings; the catalogue's own pass over the code does."""
    from macros.tools.catalogue import marked

    project = copy_project(tmp_path / "project")
    module = project / "macros" / "pages" / "render.py"
    module.write_text(
        module.read_text()
        + "\n\ndef _probe(strings):\n"
        + "    return f\"{strings.gettext('Said inside an f-string')} and {strings.ngettext('one', 'many', 2)}\"\n"
    )
    found = marked(project)
    assert "Said inside an f-string" in found and ("one", "many") in found
    assert all(len(places) == len(set(places)) for places in found.values())  # each place named once


def test_the_strings_command_adds_a_new_marked_text_to_the_catalogue(tmp_path):
    project = copy_project(tmp_path / "project")
    template = project / "macros" / "pages" / "templates" / "record.md.j2"
    template.write_text(template.read_text() + '{{ _("A brand new heading") }}\n')
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "--data", str(project / "data"), "strings"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "1 not translated yet" in result.stdout and "A brand new heading" in result.stdout
    assert 'msgid "A brand new heading"\nmsgstr ""' in (project / "data" / "locales" / "es.po").read_text()
