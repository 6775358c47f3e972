"""The printable leaflets (make leaflets): an A4 PDF per condition and a paper symptom diary.

They are made once, by the real command, from a clinic's copy of the project published at an
address, with one condition signed off; the checks read them back with pypdf.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import ContentStream
from support import ROOT, cli, copy_project, english_yml, sign_off

from macros.build.environment import load_graph
from macros.data.clinic import Clinic, help_wording
from macros.data.text import CITATION, CITED_ID
from macros.pages import leaflets
from macros.pages.leaflet_text import LeafletText
from macros.tools import leaflet_files

CLINIC = Path(__file__).parent / "fixtures" / "clinic"
SITE_URL = "https://guide.example.org/guide/"
CONDITIONS = sorted(path.stem for path in english_yml(ROOT / "data" / "conditions"))
SIGNED = "degenerative-cervical-myelopathy"
SIGNING = ["--date", "2024-03-02", "--next-review", "2027-03-02"]
A4 = sorted((595.28, 841.89))
MAX_BYTES = 300_000
HOSTILE = "O'Neil & <b>Daughters</b>"


def with_site_url(project: Path, url: str | None) -> None:
    settings = project / "data" / "settings.yml"
    lines = [line for line in settings.read_text().splitlines() if not line.startswith("site_url:")]
    settings.write_text("\n".join(lines + ([f"site_url: {url}"] if url else [])) + "\n")


def squash(text: str) -> str:
    """Text without any whitespace, so that a title or address wrapped over lines still matches."""
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def clinic_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("leaflets-project"))
    shutil.copytree(CLINIC, project / "data", dirs_exist_ok=True)
    with_site_url(project, SITE_URL)
    sign_off(project, f"conditions/{SIGNED}", extra=SIGNING)
    return project


@pytest.fixture(scope="module")
def made(clinic_project) -> tuple[Path, str]:
    """(the leaflets folder, what the command printed)."""
    out = clinic_project / "leaflets"
    result = cli(clinic_project, "leaflets", "--out", str(out), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def clinic_graph(clinic_project):
    return load_graph(clinic_project / "data")


@pytest.fixture(scope="module")
def neutral_leaflets(tmp_path_factory) -> Path:
    """The leaflets of a copy without a clinic or a site address, made in-process."""
    project = copy_project(tmp_path_factory.mktemp("neutral-project"))
    with_site_url(project, None)
    out = tmp_path_factory.mktemp("neutral-leaflets")
    leaflets.write_leaflets(load_graph(project / "data"), out)
    return out


def test_one_leaflet_per_condition_and_the_diary(made):
    out, printed = made
    expected = {f"{cid}.pdf" for cid in CONDITIONS} | {"symptom-diary.pdf"}
    assert {p.name for p in out.iterdir()} == expected | {"es"}  # each other edition in its own folder
    assert {p.name for p in (out / "es").iterdir()} == expected
    for name in expected:
        assert re.search(rf"^wrote .*leaflets/{re.escape(name)} \(\d+ KB\)$", printed, re.M), printed
        assert re.search(rf"^wrote .*leaflets/es/{re.escape(name)} \(\d+ KB\)$", printed, re.M), printed
    assert not list(out.parent.glob(".leaflets.*")), "the staging folder was left behind"


def test_every_page_is_a4_and_every_file_small(made):
    out, _ = made
    for path in sorted(out.glob("*.pdf")):
        reader = PdfReader(path)
        for page in reader.pages:
            size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
            assert size == pytest.approx(A4, abs=1), f"{path.name}: a page is {size} pt, not A4"
        assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size:,} bytes"
    assert len(PdfReader(out / "symptom-diary.pdf").pages) == 1, "the diary sheet must fit on one page"


def test_leaflets_are_tagged_pdf_with_a_title_language_and_dejavu_text(made):
    out, _ = made
    reader = PdfReader(out / f"{SIGNED}.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Degenerative cervical myelopathy: Riverside Spine Clinic"
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu-Sans" in font for font in fonts), fonts


def test_each_edition_has_its_leaflets_in_its_own_language(made):
    out, _ = made
    reader = PdfReader(out / "es" / f"{SIGNED}.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "es"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Mielopatía cervical degenerativa" in text
    assert reader.metadata.title == "Mielopatía cervical degenerativa: Riverside Spine Clinic"
    assert "Cuándo pedir ayuda" in text and "Página 1 de" in text and "Page 1 of" not in text
    diary = " ".join(PdfReader(out / "es" / "symptom-diary.pdf").pages[0].extract_text().split())
    assert "diario" in diary.lower()


def cited_titles(condition_id: str) -> list[str]:
    """Titles of the sources the condition's own text cites, read straight from the data files."""
    text = (ROOT / "data" / "conditions" / f"{condition_id}.yml").read_text()
    ids = {sid for group in CITATION.findall(text) for sid in CITED_ID.findall("@" + group)}
    sources = yaml.safe_load((ROOT / "data" / "sources.yml").read_text())["sources"]
    return [source["title"] for source in sources if source["id"] in ids]


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_condition_leaflet_says_what_the_page_says(made, condition_id):
    out, _ = made
    text = pdf_text(out / f"{condition_id}.pdf")
    record = yaml.safe_load((ROOT / "data" / "conditions" / f"{condition_id}.yml").read_text())
    settings = yaml.safe_load((ROOT / "data" / "settings.yml").read_text())
    for expected in (
        "Riverside Spine Clinic",
        "020 7946 0000",
        "Call 999 now",
        "Call us to book, or ask at reception.",
        settings["disclaimer"].split(". ")[0].strip() + ".",
        record["name"],
        f"Content version {settings['content_version']}",
    ):
        assert expected in text, f"{condition_id}: {expected!r} is not on the leaflet"
    titles = cited_titles(condition_id)
    assert titles and all(squash(title) in squash(text) for title in titles), condition_id
    assert "[@" not in text, "a citation was left unnumbered"
    if condition_id == SIGNED:
        assert (
            "Reviewed on 2 March 2024 by Dr Test Fixture, Consultant neurologist. Next review due 2 March 2027." in text
        )
    else:
        assert "Not yet clinically reviewed." in text


def drawing_operations(page, reader) -> int:
    return sum(op in (b"m", b"l", b"re") for _, op in ContentStream(page.get_contents(), reader).operations)


def test_a_qr_code_leads_to_the_page_online(made):
    out, _ = made
    page_url = f"{SITE_URL}conditions/{SIGNED}/"
    reader = PdfReader(out / f"{SIGNED}.pdf")
    pages = [page for page in reader.pages if squash(page_url) in squash(page.extract_text())]
    assert pages, f"the address {page_url} is not printed"
    # the QR code is drawn as vector paths, a few hundred of them, on the page that prints the address
    assert drawing_operations(pages[0], reader) > 150
    assert squash(f"{SITE_URL}symptom-diary/") in squash(pdf_text(out / "symptom-diary.pdf"))


def test_the_qr_code_scans(made, tmp_path):
    assert shutil.which("pdftoppm") and shutil.which("zbarimg"), "run `make install-test` (poppler-utils, zbar-tools)"
    out, _ = made
    for name, page_url in (("opll", f"{SITE_URL}conditions/opll/"), ("symptom-diary", f"{SITE_URL}symptom-diary/")):
        subprocess.run(["pdftoppm", "-png", "-r", "150", str(out / f"{name}.pdf"), str(tmp_path / name)], check=True)
        pages = [str(path) for path in sorted(tmp_path.glob(f"{name}*.png"))]
        found = subprocess.run(["zbarimg", "-q", *pages], capture_output=True, text=True)
        assert found.stdout.strip() == f"QR-Code:{page_url}"


def test_the_qr_code_is_made_from_the_page_address(clinic_graph):
    assert leaflets.online_url(SITE_URL, "conditions/opll.md") == f"{SITE_URL}conditions/opll/"
    assert leaflets.online_url(SITE_URL, "symptom-diary.md") == f"{SITE_URL}symptom-diary/"
    context = leaflets.condition_context(clinic_graph, "opll")
    assert context["online_url"] == f"{SITE_URL}conditions/opll/"
    assert context["qr"] == leaflets.qr_data_uri(f"{SITE_URL}conditions/opll/")
    html = leaflets.condition_html(clinic_graph, "opll")
    assert html.count('class="qr"') == 1 and 'alt="QR code that opens' in html
    assert leaflets.diary_context(clinic_graph)["qr"] == leaflets.qr_data_uri(f"{SITE_URL}symptom-diary/")


def test_under_reviewed_only_a_qr_code_leads_only_to_a_published_page(clinic_graph):
    clinic = clinic_graph.data.clinic.model_copy(update={"publish": "reviewed-only"})
    site = dataclasses.replace(clinic_graph, data=dataclasses.replace(clinic_graph.data, clinic=clinic))
    assert leaflets.condition_context(site, SIGNED)["online_url"] == f"{SITE_URL}conditions/{SIGNED}/"
    assert leaflets.diary_context(site)["online_url"] is None, "the diary page is a draft, left out of the site"


def test_without_a_site_address_or_clinic_the_leaflets_are_neutral_and_have_no_qr(neutral_leaflets):
    assert {p.name for p in neutral_leaflets.iterdir()} == {f"{cid}.pdf" for cid in CONDITIONS} | {"symptom-diary.pdf"}
    for name in (f"{SIGNED}.pdf", "symptom-diary.pdf"):
        text = pdf_text(neutral_leaflets / name)
        assert "Myelopathy Guide" in text and "Riverside" not in text
        assert "your local emergency number" in text
        assert "https://guide.example.org" not in text and "scan the code" not in text
        assert ",." not in text
    reader = PdfReader(neutral_leaflets / f"{SIGNED}.pdf")
    assert all(drawing_operations(page, reader) < 50 for page in reader.pages), "a QR code is drawn"


def test_the_diary_sheet_has_the_online_diarys_measures_and_help(made, clinic_graph):
    out, _ = made
    text = pdf_text(out / "symptom-diary.pdf")
    for word in ("Date", "Hands", "Walking", "Balance", "Bladder", "Pain", "Notes", "Name:"):
        assert word in text
    for number, word in enumerate(leaflets.SCALE):
        assert f"{number} {word}" in text
    assert "Emergency: call 999 now" in text and "Urgent: get help the same day" in text
    assert "New trouble passing urine" in text and "call Riverside Spine Clinic on 020 7946 0000" in text
    html = leaflets.diary_html(clinic_graph)
    assert html.count("<tr><td></td>") == leaflets.DIARY_ROWS


def test_the_paper_diary_matches_the_online_one():
    script = (ROOT / "overrides" / "assets" / "javascripts" / "diary.js").read_text()
    measures = re.findall(r'\{ id: "\w+", label: t\("([^"]+)"\), hint: t\("([^"]+)"\)', script)
    scale = re.search(r"var SCALE = \[([^\]]+)\]", script).group(1)
    assert tuple(measures) == leaflets.MEASURES
    assert tuple(re.findall(r't\("([^"]+)"\)', scale)) == leaflets.SCALE


@pytest.mark.parametrize("clinic_file", [None, CLINIC / "clinic.yml"], ids=["neutral", "clinic"])
def test_the_diarys_help_lines_are_whole_sentences(clinic_file):
    clinic = Clinic.model_validate(yaml.safe_load(clinic_file.read_text())) if clinic_file else None
    for wording in help_wording(clinic, "999 in the UK, 911 in the US, 112 in the EU").values():
        line = leaflets.short_action(wording["action"])
        assert line.endswith(".") and not line.endswith(",.") and "if:" not in line, line


def test_a_hostile_clinic_name_is_printed_as_text(clinic_graph, tmp_path):
    hostile = Clinic.model_construct(
        name=HOSTILE, phone="020 7946 0000", booking="Call us.", emergency_number="999", urgent_care="call 111"
    )
    site = dataclasses.replace(clinic_graph, data=dataclasses.replace(clinic_graph.data, clinic=hostile))
    html = leaflets.condition_html(site, "opll")
    assert "&lt;b&gt;Daughters&lt;/b&gt;" in html and "<b>" not in html
    path = leaflets.write_pdf(html, tmp_path / "hostile.pdf")
    assert HOSTILE in pdf_text(path)


def test_data_text_becomes_paragraphs_lists_and_numbered_citations():
    text = LeafletText()
    blocks = text.blocks("Signs are [@B1]:\n\n- **clumsy** hands [@D1, @B1]\n- *stiff*\n  legs\n\nA & B < C [@D1].")
    assert [block.tag for block in blocks] == ["p", "ul", "p"]
    assert str(blocks[0].items[0]) == 'Signs are<span class="cite">\u00a0[1]</span>:'
    assert [str(item) for item in blocks[1].items] == [
        '<strong>clumsy</strong> hands<span class="cite">\u00a0[2, 1]</span>',
        "<em>stiff</em> legs",
    ]
    assert str(blocks[2].items[0]) == 'A &amp; B &lt; C<span class="cite">\u00a0[2]</span>.'
    assert text.cited == ["B1", "D1"]


def test_a_failure_leaves_the_previous_leaflets_whole(clinic_graph, tmp_path, monkeypatch):
    out = tmp_path / "leaflets"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"%PDF-1.7 the previous leaflet")

    def too_big(site, staging, language):
        (staging / "half-written.pdf").write_bytes(b"%PDF")
        raise leaflets.LeafletError("half-written.pdf is too big")

    monkeypatch.setattr(leaflet_files, "write_leaflets", too_big)
    with pytest.raises(leaflets.LeafletError):
        leaflet_files.publish_leaflets(clinic_graph, out)
    assert [p.name for p in out.iterdir()] == ["old.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["leaflets"], "the staging folder was left behind"


def test_bad_data_stops_the_command_and_keeps_the_leaflets(tmp_path):
    out = tmp_path / "leaflets"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"%PDF-1.7 the previous leaflet")
    (tmp_path / "data").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "leaflets", "--data", str(tmp_path / "data"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "settings.yml" in result.stderr, result.stdout + result.stderr
    assert [p.name for p in out.iterdir()] == ["old.pdf"]


def test_a_leaflet_over_the_size_limit_stops_the_run(clinic_graph, tmp_path, monkeypatch):
    monkeypatch.setattr(leaflets, "MAX_BYTES", 1_000)
    with pytest.raises(leaflets.LeafletError, match="over the 1 KB a leaflet may be"):
        leaflets.write_pdf(leaflets.diary_html(clinic_graph), tmp_path / "symptom-diary.pdf")
