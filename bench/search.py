"""`make bench-search`: the site's search against Material's own search, on the same built site.

Builds the real site once and makes a baseline copy whose search worker is Material's original
(unpatched) file, serving both; it also builds the offline copy and opens it from disk (there the
search runs on the page's own thread, through the iframe-worker shim). In Chromium it measures:
- accuracy: for every query of tests/search_*.yml, whether the first result is one of the pages
  the set names (the query filled in, its last letter a real key press);
- latency, with the CPU throttled 4x (DevTools' CPU throttling, a slow phone): the first
  --latency-queries queries of each set typed key by key as a reader would (a key every
  --key-delay ms, each held down --key-hold ms), timed from the last key press until the first
  result is the one that stays (the results for the whole query, in place): "updated" when the
  list changes, "shown" when the browser painted the first result's title (Element Timing's
  renderTime, so work queued after that frame does not count); median, 95th percentile and
  worst. A query whose paint was never reported is counted ("unpainted") and timed at its change.
The baseline is Material's own search: its original worker and main bundle on the same pages.
The sites alternate query by query, so machine noise falls on all alike. Results go to
bench/results/search.json.

usage: python -m bench.search [--site DIR] [--throttle 4] [--sets typos,questions,lay] [--latency-queries 15]
                              [--key-delay 200] [--key-hold 100] [--latency-only]
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
KEY_DELAY_MS = 200
KEY_HOLD_MS = 100
INDEX_PAGES = {"conditions", "symptoms", "causes", "tests", "treatments", "compare"}

WATCH = """() => {
    window.__mgKeyAt = 0; window.__mgChangedAt = 0; window.__mgLog = [];
    document.addEventListener('keydown', () => { window.__mgKeyAt = performance.now(); window.__mgLog = []; }, true);
    const list = document.querySelector('.md-search-result');
    const byMark = new Map();
    let marks = 0;
    /* Element Timing: the time the first result's title was first painted (presented), not merely changed */
    new PerformanceObserver(found => {
        for (const timing of found.getEntries()) {
            const entry = byMark.get(timing.identifier);
            const at = timing.renderTime || timing.loadTime;
            if (entry && (entry[2] === null || at < entry[2])) entry[2] = at;
        }
    }).observe({type: 'element', buffered: true});
    new MutationObserver(() => {
        window.__mgChangedAt = performance.now();
        const first = list.querySelector('li.md-search-result__item > a');
        const entry = [window.__mgChangedAt, first ? first.getAttribute('href') : '', null];
        const title = first && first.querySelector('h1, h2');
        if (title && !title.hasAttribute('elementtiming')) {
            /* the title and its highlights: a title that is all <mark> has no text of its own */
            ++marks;
            const parts = [title, ...title.querySelectorAll('*')];
            for (const part of parts) part.setAttribute('elementtiming', 'mg' + marks);
            byMark.set('mg' + marks, entry);
        }
        window.__mgLog.push(entry);
    }).observe(list, {childList: true, subtree: true, characterData: true});
}"""
FIRST_FINAL = """() => {
    const log = window.__mgLog, final = log.length ? log[log.length - 1][1] : null;
    const run = [];
    for (let i = log.length - 1; i >= 0 && log[i][1] === final; i--) run.unshift(log[i]);
    if (!run.length) return [0, 0, true];
    const painted = run.map(entry => entry[2]).filter(at => at !== null);
    const shown = painted.length ? Math.min(...painted) : run[0][0];
    return [Math.max(0, run[0][0] - window.__mgKeyAt), Math.max(0, shown - window.__mgKeyAt), painted.length > 0];
}"""
"""[updated, shown, painted]: ms from the last key press until the first result became the one that
stays, and until the browser first painted it (if Material redrew the list with the same first result
before a paint, the later drawing's paint counts); painted is false when no paint time was reported
(shown is then the change time)."""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def baseline_copy(site: Path, work: Path) -> Path:
    """The same site with Material's own search worker and main bundle in place of the patched ones."""
    import material

    copy = work / "baseline"
    shutil.copytree(site, copy)
    scripts = copy / "assets/javascripts"
    for patched in [*scripts.glob("workers/search.*.min.js"), *scripts.glob("bundle.*.min.js")]:
        original = Path(material.__file__).parent / "templates" / patched.relative_to(copy)
        shutil.copyfile(original, patched)
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


def type_keys(page, text: str, delay: int = KEY_DELAY_MS, hold: int = KEY_HOLD_MS) -> None:
    """Type as a person does: each key pressed, held for `hold` ms and released, a key every `delay` ms.
    (Playwright's own type(delay=...) holds every key down for the whole delay, which no typist does.)"""
    for char in text:
        page.keyboard.down(char)
        page.wait_for_timeout(hold)
        page.keyboard.up(char)
        page.wait_for_timeout(max(0, delay - hold))


def run_query(
    page, query: str, key_by_key: bool, delay: int = KEY_DELAY_MS, hold: int = KEY_HOLD_MS
) -> tuple[str, list[float]]:
    """Type the query; return the first result's page and [updated, shown] ms from the last key press."""
    box = page.locator("input.md-search__input")
    box.fill("" if key_by_key else query[:-1])
    page.wait_for_timeout(200)
    type_keys(page, query if key_by_key else query[-1], delay, min(hold, delay))
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
    parser.add_argument("--key-hold", type=int, default=KEY_HOLD_MS, help="ms each key is held down")
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
        results: dict = {"throttle": args.throttle, "key_delay_ms": args.key_delay, "key_hold_ms": args.key_hold}
        results |= {"sets": {}, "latency_queries_per_set": args.latency_queries}
        latencies: dict[str, list[list[float]]] = {name: [] for name in urls}
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
                        latencies[name].append(run_query(page, case["query"], True, args.key_delay, args.key_hold)[1])
            browser.close()
        results["latency"] = {
            name: {
                "updated": summary([v[0] for v in values]),
                "shown": summary([v[1] for v in values]),
                "unpainted": sum(not v[2] for v in values),
            }
            for name, values in latencies.items()
        }
        keys = f"a key every {args.key_delay} ms, held {args.key_hold} ms"
        for name, figures in results["latency"].items():
            for moment in ("updated", "shown"):
                print(f"latency {name} {moment} (CPU {args.throttle:g}x slower, {keys}): {figures[moment]}")
            print(f"latency {name}: {figures['unpainted']} queries without a reported paint")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
