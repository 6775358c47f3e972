"""A clinic's settings file brands every page; without one the site speaks neutrally."""

from __future__ import annotations

from support import html_pages


def test_every_page_shows_the_clinic_in_header_and_footer(clinic_site):
    for path in html_pages(clinic_site):
        html = path.read_text()
        assert "Myelopathy Guide: Riverside Spine Clinic" in html, f"{path}: no clinic name in the header"
        assert 'href="tel:02079460000"' in html, f"{path}: no clinic phone in the footer"
        assert "Monday to Friday, 8am to 6pm" in html, f"{path}: no opening hours"


def test_help_boxes_use_the_clinic_numbers_and_wording(clinic_site):
    html = (clinic_site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").read_text()
    assert "Emergency: call 999 now" in html
    assert "Get help the same day: call NHS 111, or your GP surgery. You can also call Riverside Spine Clinic" in html
    assert "Routine: contact Riverside Spine Clinic" in html
    assert "your local emergency number" not in html  # the text names the clinic's number instead
    assert "Call 999 now." in html  # the emergency line
    faq = (clinic_site / "faq" / "index.html").read_text()
    assert "call 999 now" in faq and "your local emergency number" not in faq


def test_clinic_page_logo_and_colour(clinic_site):
    page = (clinic_site / "clinic" / "index.html").read_text()
    assert "Contact Riverside Spine Clinic" in page and "1 River Street" in page and "Call us to book" in page
    assert (clinic_site / "assets" / "clinic-logo.svg").is_file()
    assert 'src="../assets/clinic-logo.svg"' in page
    assert "#00543c" in (clinic_site / "assets" / "stylesheets" / "clinic.css").read_text()
    assert 'href="clinic/"' in (clinic_site / "index.html").read_text(), "the clinic page is not in the navigation"


def test_without_a_clinic_the_wording_is_neutral(built_site):
    assert not (built_site / "clinic").exists()
    html = (built_site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").read_text()
    assert "Emergency: call your local emergency number now" in html
    assert "Routine: see your doctor" in html
    assert "tel:" not in html


def test_every_page_is_stamped_with_content_version_and_build_date(built_site):
    import datetime as dt

    today = dt.datetime.now(dt.UTC).date().isoformat()
    for path in html_pages(built_site):
        assert f"Content version 0.1.0, built {today}" in path.read_text(), f"{path} has no build stamp"


def test_a_us_clinic_copy_says_911_everywhere_and_no_other_countrys_numbers(tmp_path):
    """Numbers and services come from the clinic's file: no 999, 111, A&E, GP or NHS in a US copy's pages."""
    import re
    import shutil

    from support import ROOT, copy_project, run_build

    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests" / "fixtures" / "clinic", project / "data", dirs_exist_ok=True)
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text()
        .replace('emergency_number: "999"', 'emergency_number: "911"')
        .replace("urgent_care: call NHS 111, or your GP surgery", "urgent_care: call your doctor's office")
    )
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Emergency: call 911 now" in (site / "conditions" / "cauda-equina-syndrome" / "index.html").read_text()
    for path in html_pages(site):
        if path.parent.name == "sources":
            continue  # the bibliography names its publishers, NHS 111 Wales among them
        html = re.sub(r'(?s)<div class="footnote">.*?</ol>', "", path.read_text())
        text = re.sub(r"(?s)<script.*?</script>|<[^>]+>", " ", html)
        found = re.findall(r"(?<![\w.,/-])(?:999|111|112|000)(?![\w/-])|\bA&amp;E\b|\bGP\b|\bNHS\b", text)
        assert not found, f"{path.relative_to(site)} names {found}, which a US clinic's copy must not"
