"""Edit-to-served latency of the live preview, with a check that nothing is stale.

For each size and each way of starting it (`make serve`, which runs `mkdocs serve --dirty`, and plain
`mkdocs serve` as typed) it starts the preview on loopback, changes one record's summary EDITS times, and
times until the record's page serves the change, then checks that the A-Z list (which shows summaries),
the search index and the record's API file show it too; then it saves a data mistake and times until
the problem box's list (preview-problems.json, which every page's banner shows) names it, and the fix
until the list is empty.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.project import generator_project


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def _linked_record(project: Path) -> tuple[str, str, str]:
    """A symptom, a condition that lists it, and the symptom's file."""
    import yaml

    for path in sorted((project / "data" / "conditions").glob("*.yml")):
        symptoms = yaml.safe_load(path.read_text()).get("symptoms") or []
        if symptoms:
            return symptoms[0], path.stem, str(project / "data" / "symptoms" / f"{symptoms[0]}.yml")
    raise RuntimeError("no condition lists a symptom")


@contextlib.contextmanager
def serving(
    project: Path, timeout: float = 180, dirty: bool = True, config: str | None = None, ready: str = "Myelopathy Guide"
):
    """`mkdocs serve --dirty` (as `make serve` runs it), or plain `mkdocs serve` with dirty=False, on a free
    loopback port, until the block ends.

    Yields (base URL, server process) once the first build is served; the log is project/serve.log.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    with open(project / "serve.log", "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                *(["--dirty"] if dirty else []),
                *(["-f", config] if config else []),
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while ready not in _get(base):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the preview did not start; see {project / 'serve.log'}")
                time.sleep(0.2)
            yield base, server
        finally:
            server.terminate()
            server.wait(timeout=20)


EDITS = 5


def _until(url: str, predicate, timeout: float) -> float:
    started = time.perf_counter()
    while not predicate(_get(url)):
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"{url} never showed the change")
        time.sleep(0.02)
    return time.perf_counter() - started


def _median(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(project: Path, edits: int = EDITS, timeout: float = 180, dirty: bool = True) -> dict:
    with serving(project, timeout, dirty) as (base, _server):
        symptom, condition, path = _linked_record(project)
        page = f"{base}symptoms/{symptom}/"
        problems = f"{base}preview-problems.json"  # what the banner on every page shows (preview-problems.js)
        latencies, mistakes, fixes, stale = [], [], [], []
        original = Path(path).read_text()
        for n in range(edits):
            time.sleep(1.0)  # let the previous rebuild finish, as between an editor's saves
            marker = f"Edited{n}x{time.time_ns()}"  # one word: the summary stays under its word limit
            Path(path).write_text(original.replace("summary: ", f"summary: {marker} ", 1))
            latencies.append(_until(page, lambda body, m=marker: m in body, timeout))
            time.sleep(0.5)  # then check that nothing else is stale
            if marker not in _get(f"{base}symptoms/"):
                stale.append(f"the A-Z list of symptoms does not show the new summary of {symptom}")
            index = json.loads(_get(f"{base}search/search_index.json") or "{}")
            if not any(marker in d.get("text", "") for d in index.get("docs", [])):
                stale.append("the search index does not have the new summary")
            if len(index.get("docs", [])) < 10:
                stale.append("the search index lost pages")
            if marker not in _get(f"{base}api/v1/symptoms/{symptom}.json"):
                stale.append("the content API does not have the new summary")
        for _ in range(2):
            time.sleep(1.0)
            Path(path).write_text(original.replace("summary: ", "summary: A <b>mistake</b> ", 1))
            mistakes.append(_until(problems, lambda body: f"symptoms/{symptom}.yml" in body, timeout))
            time.sleep(1.0)
            Path(path).write_text(original)
            fixes.append(_until(problems, lambda body: body == '{"problems": []}', timeout))
        return {
            "mode": "make serve (mkdocs serve --dirty)" if dirty else "mkdocs serve",
            "latency_s": _median(latencies),
            "mistake_shown_s": _median(mistakes),
            "fix_shown_s": _median(fixes),
            "stale": stale,
        }


def preview_latency(work: Path, sizes: list[str]) -> list[dict]:
    out = []
    for size in sizes:
        for dirty in (True, False):
            project = generator_project(
                work / f"preview-{size}-{'dirty' if dirty else 'plain'}", None if size == "real" else int(size)
            )
            result = measure(project, dirty=dirty)
            result["size"] = size
            out.append(result)
            print(
                f"  preview N={size}, {result['mode']}: edit {result['latency_s']['median']:.2f} s, "
                f"mistake shown {result['mistake_shown_s']['median']:.2f} s, "
                f"fix {result['fix_shown_s']['median']:.2f} s, "
                f"stale: {result['stale'] or 'none'}",
                flush=True,
            )
    return out


if __name__ == "__main__":  # the preview row alone: python -m bench.preview_latency real 1000
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(preview_latency(Path(scratch), sys.argv[1:] or ["real"]), indent=2))
