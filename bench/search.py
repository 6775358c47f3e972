"""`make bench-search`: the site's search against Material's own search, on the same built site.

Builds the real site once and makes a baseline copy whose search worker is Material's original
(unpatched) file, serving both; it also builds the offline copy and opens it from disk (there the
search runs on the page's own thread, through the iframe-worker shim). In Chromium it measures:
- accuracy: for every query of tests/search_*.yml, whether the first result is one of the pages
  the set names (the query filled in, its last letter a real key press);
- latency, with the CPU throttled 4x (DevTools' CPU throttling, a slow phone): the first
  --latency-queries queries of each set typed key by key as a reader would (80 ms apart), timed
  from the last key press until the first result is the one that stays (the results for the
  whole query, in place); median, 95th percentile and worst.
The sites alternate query by query, so machine noise falls on all alike. Results go to
bench/results/search.json.

usage: python -m bench.search [--site DIR] [--throttle 4] [--sets typos,questions,lay] [--latency-queries 15]
                              [--key-delay 80] [--latency-only]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SETS = {"typos": "search_typos.yml", "questions": "search_questions.yml", "lay": "search_queries.yml"}
KEY_DELAY_MS = 80
INDEX_PAGES = {"conditions", "symptoms", "causes", "tests", "treatments", "compare"}

WATCH = """() => {
    window.__mgKeyAt = 0; window.__mgChangedAt = 0; window.__mgLog = [];
    document.addEventListener('keydown', () => { window.__mgKeyAt = performance.now(); window.__mgLog = []; }, true);
    const list = document.querySelector('.md-search-result');
    new MutationObserver(() => {
        window.__mgChangedAt = performance.now();
        const first = list.querySelector('li.md-search-result__item > a');
        window.__mgLog.push([window.__mgChangedAt, first ? first.getAttribute('href') : '']);
    }).observe(list, {childList: true, subtree: true, characterData: true});
}"""
FIRST_FINAL = """() => {
    const log = window.__mgLog, final = log.length ? log[log.length - 1][1] : null;
    let at = null;
    for (let i = log.length - 1; i >= 0 && log[i][1] === final; i--) at = log[i][0];
    return at === null ? 0 : Math.max(0, at - window.__mgKeyAt);
}"""
"""ms from the last key press until the first result became the one that stays (a later batch of
results lower down the list, which Material renders as the reader scrolls, does not count)."""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def baseline_copy(site: Path, work: Path) -> Path:
    """The same site with Material's own search worker in place of the patched one."""
    import material

    copy = work / "baseline"
    shutil.copytree(site, copy)
    (worker,) = (copy / "assets/javascripts/workers").glob("search.*.min.js")
    original = Path(material.__file__).parent / "templates/assets/javascripts/workers" / worker.name
    shutil.copyfile(original, worker)
    return copy


def build(site: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "macros.tools.cli", "build", "--site-dir", str(site), *extra]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def offline_url(url: str) -> str:
    """The offline build has no directory URLs: conditions/x/ is conditions/x.html, tests/ is tests/index.html."""
    stem = url.removesuffix("/")
    return f"{stem}/index.html" if stem in INDEX_PAGES else f"{stem}.html"


def open_site(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.evaluate(WATCH)
    page.click("input.md-search__input")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initializing search'",
        timeout=60_000,
    )
    return page


def run_query(page, query: str, key_by_key: bool, delay: int = KEY_DELAY_MS) -> tuple[str, float]:
    """Type the query; return the first result's page and the ms from the last key to the last change."""
    box = page.locator("input.md-search__input")
    box.fill("" if key_by_key else query[:-1])
    page.wait_for_timeout(200)
    page.keyboard.type(query if key_by_key else query[-1], delay=delay)
    page.wait_for_function("() => performance.now() - Math.max(window.__mgKeyAt, window.__mgChangedAt) > 600")
    latency = page.evaluate(FIRST_FINAL)
    first = page.eval_on_selector_all(
        "li.md-search-result__item > a.md-search-result__link", "a => a.length ? a[0].href : ''"
    )
    return first.split("?")[0].split("#")[0], latency


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.95) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="a built site (default: build the real site)")
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--sets", default="typos,questions,lay")
    parser.add_argument("--latency-queries", type=int, default=15)
    parser.add_argument("--key-delay", type=int, default=KEY_DELAY_MS, help="ms between key presses")
    parser.add_argument("--latency-only", action="store_true", help="skip the accuracy figures")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = Path(args.site) if args.site else work / "site"
        offline = work / "site-offline"
        if not args.site:
            build(site)
        build(offline, "--offline")
        urls = {
            "site": serve(site),
            "baseline": serve(baseline_copy(site, work)),
            "offline": offline.joinpath("index.html").as_uri(),
        }
        results: dict = {"throttle": args.throttle, "key_delay_ms": args.key_delay, "sets": {}}
        results["latency_queries_per_set"] = args.latency_queries
        latencies: dict[str, list[float]] = {name: [] for name in urls}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            pages = {name: open_site(browser, url) for name, url in urls.items()}
            sets = {name: yaml.safe_load((ROOT / "tests" / SETS[name]).read_text()) for name in args.sets.split(",")}
            for set_name, cases in sets.items() if not args.latency_only else ():
                right = {name: 0 for name in urls}
                for case in cases:
                    expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
                    for name, page in pages.items():
                        first, _ = run_query(page, case["query"], key_by_key=False)
                        base = urls[name].removesuffix("index.html")
                        want = [offline_url(e) for e in expected] if name == "offline" else expected
                        right[name] += first.removeprefix(base) in want
                results["sets"][set_name] = {"queries": len(cases), **{f"{n}_right_first": right[n] for n in urls}}
                print(set_name + ": " + ", ".join(f"{n} {right[n]}/{len(cases)}" for n in urls), flush=True)
            sessions = [page.context.new_cdp_session(page) for page in pages.values()]  # kept open: throttling lasts
            for session in sessions:
                session.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
            for cases in sets.values():
                for case in cases[: args.latency_queries]:
                    for name, page in pages.items():
                        latencies[name].append(run_query(page, case["query"], True, args.key_delay)[1])
            browser.close()
        results["latency"] = {name: summary(values) for name, values in latencies.items()}
        for name, figures in results["latency"].items():
            print(f"latency {name} (CPU {args.throttle:g}x slower, keys {args.key_delay} ms apart): {figures}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
