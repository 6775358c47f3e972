"""Edit-to-served latency of the live preview (`mkdocs serve`), with a check that nothing is stale.

For each size it starts the preview on loopback, changes one record's summary, and times until
the record's page, a page that links to it, and the search index all show the change.
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
def serving(project: Path, timeout: float = 180):
    """`mkdocs serve --dirty` (as `make serve` runs it) on a free loopback port, until the block ends.

    Yields (base URL, server process) once the first build is served; the log is project/serve.log.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    with open(project / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while "Myelopathy Guide" not in _get(base):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the preview did not start; see {project / 'serve.log'}")
                time.sleep(0.2)
            yield base, server
        finally:
            server.terminate()
            server.wait(timeout=20)


def measure(project: Path, edits: int = 3, timeout: float = 180) -> dict:
    with serving(project, timeout) as (base, _server):
        symptom, condition, path = _linked_record(project)
        latencies, stale = [], []
        original = Path(path).read_text()
        for n in range(edits):
            marker = f"Edited{n}x{time.time_ns()}"  # one word: the summary stays under its word limit
            Path(path).write_text(original.replace("summary: ", f"summary: {marker} ", 1))
            started = time.perf_counter()
            while marker not in _get(f"{base}symptoms/{symptom}/"):
                if time.perf_counter() - started > timeout:
                    raise RuntimeError("the edit was never served")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - started)
            time.sleep(1.0)  # let any second rebuild finish before checking for stale pages
            if marker not in _get(f"{base}conditions/{condition}/"):
                stale.append(f"conditions/{condition}/ does not show the new summary of {symptom}")
            index = json.loads(_get(f"{base}search/search_index.json") or "{}")
            if not any(marker in d.get("text", "") for d in index.get("docs", [])):
                stale.append("the search index does not have the new summary")
            if len(index.get("docs", [])) < 10:
                stale.append("the search index lost pages")
        return {
            "latency_s": {"median": statistics.median(latencies), "min": min(latencies), "max": max(latencies)},
            "stale": stale,
        }


def preview_latency(work: Path, sizes: list[str]) -> list[dict]:
    out = []
    for size in sizes:
        project = generator_project(work / f"preview-{size}", None if size == "real" else int(size))
        result = measure(project)
        result["size"] = size
        out.append(result)
        print(
            f"  preview N={size}: {result['latency_s']['median']:.2f} s, stale: {result['stale'] or 'none'}", flush=True
        )
    return out
