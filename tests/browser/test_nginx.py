"""The intranet server for real: nginx on loopback with the shipped configuration, checked for
pages, the 404 page, headers, compression and search in Chromium with no CSP violation."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Watch
from support import ROOT, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextmanager
def nginx_serving(site: Path, work: Path, *extra: str):
    """nginx on loopback serving a world-readable copy of `site` with the shipped configuration (the
    `nginx` command's output, with `extra` options such as --path): yields the address of the site."""
    assert Path(NGINX).exists(), "nginx is not installed: run `make install-test` (installs Debian's nginx-light)"
    # nginx's workers run as an unprivileged user: serve a world-readable copy, as a clinic would.
    public = Path(tempfile.mkdtemp(prefix="myelopathy-guide-nginx-"))
    public.chmod(0o755)
    shutil.copytree(site, public / "site")
    for folder in [public / "site", *(p for p in (public / "site").rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
    port = free_port()
    command = [sys.executable, "-m", "macros.tools.cli", "nginx", "--site-dir", str(public / "site")]
    server = subprocess.run(
        [*command, "--listen", f"127.0.0.1:{port}", *extra], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    path = next(
        line.split()[1] for line in server.splitlines() if line.strip().startswith("location ") and "=" not in line
    )
    for sub in ("logs", "tmp"):
        (work / sub).mkdir()
    mime = Path("/etc/nginx/mime.types")
    (work / "nginx.conf").write_text(f"""
pid {work}/nginx.pid;
error_log {work}/logs/error.log;
worker_processes 1;
daemon off;
events {{ worker_connections 64; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log {work}/logs/access.log;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
{server}
}}
""")
    process = subprocess.Popen(
        [NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(50):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"nginx did not start: {process.stdout.read().decode()}") from None
            time.sleep(0.1)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(public, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="module")
def subpath_url(public_site, tmp_path_factory):
    """The site built with site_url https://guide.example.org/guide/, served by nginx at /guide/ (the path the
    `nginx` command takes from the data)."""
    with nginx_serving(
        public_site.site, tmp_path_factory.mktemp("nginx-subpath"), "--data", str(public_site.project / "data")
    ) as url:
        yield url


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_and_security_headers(nginx_url):
    status, headers, body = fetch(nginx_url + "conditions/degenerative-cervical-myelopathy/")
    assert status == 200 and b"Degenerative cervical myelopathy" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-cache"


def test_the_404_page(nginx_url):
    status, headers, body = fetch(nginx_url + "no/such/page/")
    assert status == 404
    assert b"not medical advice" in body and b"mg-emergency-line" in body
    assert "Content-Security-Policy" in headers


def test_assets_are_compressed_and_cached(nginx_url):
    status, headers, body = fetch(nginx_url + "assets/stylesheets/site.css", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert b".mg-disclaimer" in gzip.decompress(body)
    assert "immutable" in headers["Cache-Control"]
    assert "charset=utf-8" in headers["Content-Type"]


def test_search_works_under_the_csp_with_no_console_error(browser, nginx_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(nginx_url + "symptoms/")
    page.click("input.md-search__input")
    page.keyboard.type("dropping things")
    first = page.locator("li.md-search-result__item a.md-search-result__link").first
    first.wait_for(state="attached", timeout=10_000)
    page.wait_for_timeout(800)
    assert "symptoms/clumsy-hands/" in first.get_attribute("href")
    from test_search import help_box, retype

    assert retype(page, "lamenectomy")[0] == nginx_url + "treatments/laminectomy/"
    assert help_box(page)["suggestion"] == "laminectomy", "search-help.js did not run under the CSP"
    page.click("[data-mg-suggestion]")
    page.wait_for_function("() => document.querySelector('input.md-search__input').value === 'laminectomy'")
    assert nginx_url + "when-to-get-help/" in retype(page, "bowel accidents")[:3]
    page.goto(nginx_url + "faq/")
    page.locator("article details summary").first.click()
    watch.assert_clean("nginx with CSP")
    context.close()


def test_explorer_diary_and_questions_under_the_csp(browser, nginx_url):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    watch = Watch(page)
    page.goto(nginx_url)
    page.wait_for_selector(".mg-explorer--ready")
    page.locator(".mg-explorer__form input[value='bladder-changes']").first.check()
    assert page.locator(".mg-explorer__emergency").is_visible()
    assert page.locator(".mg-explorer__results li").count() > 1
    page.goto(nginx_url + "questions-to-ask/")
    page.locator("li.mg-question-item input").first.check()
    page.goto(nginx_url + "symptom-diary/")
    page.wait_for_selector(".mg-diary--ready")
    page.check("#mg-diary-hands-1")
    page.click(".mg-diary__form button[type=submit]")
    assert page.locator(".mg-diary__entries tbody tr").count() == 1
    page.evaluate("() => { window.print = () => {}; }")
    page.locator("button", has_text="Print a summary").click()
    assert page.locator(".mg-diary__summary li").count() == 1, "the ticked question is not in the summary"
    watch.assert_clean("reader tools under the CSP")
    context.close()


def test_the_api_can_be_read_from_other_sites(nginx_url):
    status, headers, body = fetch(nginx_url + "api/v1/conditions/index.json")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Content-Type"].startswith("application/json")
    assert b"degenerative-cervical-myelopathy" in body


def test_under_a_sub_path_a_missing_page_keeps_its_styles_and_links(browser, subpath_url):
    assert subpath_url.endswith("/guide/")
    status, _, body = fetch(subpath_url + "no/such/page/")
    assert status == 404 and b'href="/guide/assets/' in body and b'href="/assets/' not in body
    assert fetch(subpath_url.removesuffix("guide/") + "conditions/")[0] in (403, 404), "the site leaks out of /guide/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(subpath_url + "no/such/page/")
    assert page.locator("h1").inner_text() == "404 - Not found"
    stylesheet = page.evaluate(
        "() => [...document.styleSheets].map(s => s.href).find(h => h && h.includes('site.css'))"
    )
    assert stylesheet == subpath_url + "assets/stylesheets/site.css"
    header = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky", "Material's stylesheet did not load on the 404 page"
    assert failed == [subpath_url + "no/such/page/"], f"requests failed besides the page itself: {failed}"
    page.locator("nav.md-tabs a, .md-nav--primary a.md-nav__link", has_text="Conditions").first.click()
    page.wait_for_url(subpath_url + "conditions/")
    assert page.locator("h1").inner_text() == "Conditions"
    watch.errors = [e for e in watch.errors if "404" not in e]  # the page's own status
    watch.assert_clean("404 page under a sub-path")
    context.close()
