"""Probe for issue 14 work: type each query of the given YAML sets into the real search box of a built site
(python bench/search_probe.py SITE_DIR tests/search_typos.yml ...) and print misses and the share right."""
import sys, yaml, functools, threading, time
from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler
from pathlib import Path
from playwright.sync_api import sync_playwright

site = Path(sys.argv[1]); files = sys.argv[2:]
class Q(SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
srv = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Q, directory=str(site)))
threading.Thread(target=srv.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{srv.server_address[1]}/"
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = b.new_page()
    page.goto(url)
    for f in files:
        cases = yaml.safe_load(open(f)); ok = 0
        for c in cases:
            exp = c["expect"] if isinstance(c["expect"], list) else [c["expect"]]
            page.click("input.md-search__input")
            page.fill("input.md-search__input", "")
            page.keyboard.type(c["query"])
            time.sleep(0.5)
            items = page.locator("li.md-search-result__item a.md-search-result__link")
            hrefs = [items.nth(i).get_attribute("href") for i in range(min(3, items.count()))]
            hrefs = [h.replace(url, "").split("?")[0] for h in hrefs]
            first = hrefs[0].split("#")[0] if hrefs else ""
            good = any(first.startswith(e) for e in exp)
            ok += good
            if not good: print(f"  MISS {c['query']!r} -> {hrefs} (want {exp})")
        print(f"{f}: {ok}/{len(cases)}")
    b.close()
