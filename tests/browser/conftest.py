"""Browser fixtures: the built site served on loopback, and one Debian Chromium for the session.

Every page opened through `open_page` fails its test on a console error or on a request to any
host but the one serving the site.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", ""}
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    """The offline build (make offline), shared by the offline and search tests."""
    from support import ROOT, cli

    site = tmp_path_factory.mktemp("offline") / "site-offline"
    result = cli(ROOT, "build", "--offline", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Console errors, page errors and requests to other hosts seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", self._request)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about", "file", "chrome-error"):
            return
        if parts.hostname not in LOCAL_HOSTS and f"[{parts.hostname}]" not in LOCAL_HOSTS:
            self.outside.append(request.url)

    def assert_clean(self, where: str):
        assert not self.outside, f"{where} requested other hosts: {self.outside}"
        assert not self.errors, f"{where} had console errors: {self.errors}"


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport=DESKTOP) -> (page, watch); contexts close after the test."""
    contexts = []

    def _open(url: str, viewport: dict = DESKTOP, **context_args):
        context = browser.new_context(viewport=viewport, **context_args)
        contexts.append(context)
        page = context.new_page()
        watch = Watch(page)
        page.goto(url, wait_until="load")
        return page, watch

    yield _open
    for context in contexts:
        context.close()
