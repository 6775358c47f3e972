"""The site at its real address (site_url in data/settings.yml or data/clinic.yml): canonical links, a sitemap
of every page, a 404 page that works under a sub-path; and without one, nothing absolute at all."""

from __future__ import annotations

import re

from support import copy_project, run_build


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _url_of(site, page) -> str:
    return page.relative_to(site).as_posix().removesuffix("index.html")


def test_every_page_has_its_canonical_address(public_site):
    for page in _pages(public_site.site):
        found = re.findall(r'<link rel="canonical" href="([^"]+)">', page.read_text(encoding="utf-8"))
        assert found == [public_site.url + _url_of(public_site.site, page)], page


def test_the_sitemap_lists_every_page(public_site):
    sitemap = (public_site.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    expected = [public_site.url + _url_of(public_site.site, page) for page in _pages(public_site.site)]
    assert sorted(listed) == sorted(expected) and len(listed) > 100


def test_the_404_page_loads_from_the_sub_path(public_site):
    html = (public_site.site / "404.html").read_text(encoding="utf-8")
    assert 'href="/guide/assets/stylesheets/site.css"' in html
    assert not re.search(r'(?:href|src)="/(?!guide/)', html), "the 404 page points outside /guide/"


def test_without_an_address_nothing_is_absolute(built_site):
    html = (built_site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").read_text()
    assert 'rel="canonical"' not in html and "https://guide" not in html
    assert "<loc>" not in (built_site / "sitemap.xml").read_text()


def test_a_clinic_address_replaces_the_settings_one_and_a_bad_one_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        "name: Riverside Spine Clinic\nphone: 020 7946 0000\nbooking: Call us to book.\nemergency_number: '999'\n"
        "urgent_care: call NHS 111\nsite_url: http://intranet.example/spine\n"
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/clinic.yml:6" in result.stderr and "site_url" in result.stderr and "ending in /" in result.stderr
    clinic.write_text(clinic.read_text().replace("/spine\n", "/spine/\n"))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "faq" / "index.html").read_text()
    assert '<link rel="canonical" href="http://intranet.example/spine/faq/">' in html
