"""`make bench`: the generator against a plain MkDocs build of the same pages, side by side.

For each size N (the real content's size, then 1,000 and 10,000 records of synthetic data) it
builds, alternating within each repetition, (a) the generator over the data and (b) a plain
MkDocs + Material project whose Markdown is the generator's own rendered output. It reports the
median (min-max) of wall time, CPU time, peak memory, output and search-index size and per-page time, the
generator/baseline ratio paired within each repetition (and of one more pair in which the generator
compiles every template afresh, as a first build does), the share of the build spent loading,
validating and linking data, the reader-side weight of a record page, and the edit-to-served
latency of the live preview. Results go to bench/results/latest.json and latest.png.

usage: python -m bench.run [--sizes real,1000,10000] [--reps 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.dump_hook import FOLDER as DUMP_FOLDER
from bench.preview_latency import preview_latency
from bench.project import ROOT, baseline_project, generator_project
from bench.reader import reader_side
from macros.build.hooks import TEMPLATE_CACHE

RESULTS = ROOT / "bench" / "results"


def measured_build(project: Path, site: Path) -> dict:
    if site.exists():
        shutil.rmtree(site)
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), str(project), str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    pages = sum(1 for _ in site.rglob("*.html"))
    result.update(
        pages=pages,
        out_mb=sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        index_kb=(site / "search" / "search_index.json").stat().st_size / 1024,
        ms_per_page=result["wall_s"] * 1000 / pages,
    )
    return result


def load_seconds(project: Path) -> float:
    code = (
        "import time,sys; from pathlib import Path; sys.path.insert(0, '.');"
        "from macros.build.environment import load_graph; t=time.perf_counter(); load_graph(Path('data'));"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def dump_markdown(project: Path, work: Path) -> tuple[Path, dict]:
    """One untimed generator build that writes every page's final Markdown for the baseline."""
    dump = work / "dump"
    if dump.exists():
        shutil.rmtree(dump)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", DUMP_FOLDER: str(dump / "docs")}
    # The benchmark's own configuration: the site's, plus the dump hook after the product's hooks
    # (INHERIT replaces lists, so the product's hook is listed again).
    hook = Path(__file__).resolve().with_name("dump_hook.py")
    (project / "mkdocs.dump.yml").write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - macros/build/hooks.py\n  - {hook}\n")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.dump.yml", "-d", str(work / "dump-site")],
        cwd=project,
        env=env,
        check=True,
    )
    return dump / "docs", json.loads((dump / "guide.json").read_text())


def byte_compile() -> None:
    """Compile the generator's own modules once, untimed, as pip compiled the installed packages that
    both sides import. Where PYTHONDONTWRITEBYTECODE is set (this project's sandbox sets it), Python
    would otherwise compile those 40-odd modules from source in every generator build (about 0.1 s at
    real size, charged to the generator alone); an editor's machine writes them once, on the first build."""
    compileall.compile_dir(ROOT / "macros", quiet=1)


def paired(runs: dict, key: str) -> list[float]:
    """Generator/baseline of `key` within each repetition."""
    return [g[key] / b[key] for g, b in zip(runs["generator"], runs["baseline"], strict=True)]


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def bench_size(size: str, reps: int, work: Path) -> dict:
    total = None if size == "real" else int(size)
    folder = work / f"n-{size}"
    folder.mkdir(parents=True, exist_ok=True)
    generator = generator_project(folder / "generator", total)
    markdown, guide = dump_markdown(generator, folder)
    baseline = baseline_project(folder / "baseline", markdown, guide)
    runs = {"generator": [], "baseline": []}
    for rep in range(reps):
        order = ("generator", "baseline") if rep % 2 == 0 else ("baseline", "generator")
        for name in order:
            project = generator if name == "generator" else baseline
            runs[name].append(measured_build(project, folder / f"site-{name}"))
            print(f"  N={size} rep {rep + 1} {name}: {runs[name][-1]['wall_s']:.1f} s", flush=True)
    # The pairs above reuse the templates compiled by earlier builds (macros/pages/template_cache.py), as
    # an editor's builds do after the first; one more pair shows a first build, as on a fresh clone.
    shutil.rmtree(generator / TEMPLATE_CACHE, ignore_errors=True)
    cold = measured_build(generator, folder / "site-generator")
    cold_baseline = measured_build(baseline, folder / "site-baseline")
    loads = [load_seconds(generator) for _ in range(reps)]
    records = sum(  # English records: a translation (<id>.es.yml) is not another record
        sum(1 for p in (generator / "data" / k).glob("*.yml") if p.suffixes == [".yml"])
        for k in ("conditions", "symptoms", "causes", "tests", "treatments")
    )
    result = {
        "size": size,
        "records": records,
        "pages": runs["generator"][0]["pages"],
        "ratio": summary(paired(runs, "wall_s")),
        "cpu_ratio": summary(paired(runs, "cpu_s")),
        "cold_ratio": cold["wall_s"] / cold_baseline["wall_s"],
        "load_share": summary([lo / g["wall_s"] for lo, g in zip(loads, runs["generator"], strict=True)]),
    }
    for name, items in runs.items():
        result[name] = {
            key: summary([r[key] for r in items])
            for key in ("wall_s", "cpu_s", "peak_mb", "out_mb", "index_kb", "ms_per_page")
        }
    if size == "real":
        result["reader"] = reader_side(folder / "site-generator")
    return result


def chart(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, colour in (("generator", "tab:blue"), ("baseline", "tab:orange")):
        xs = [r["records"] for r in results]
        med = [r[name]["wall_s"]["median"] for r in results]
        low = [m - r[name]["wall_s"]["min"] for m, r in zip(med, results, strict=True)]
        high = [r[name]["wall_s"]["max"] - m for m, r in zip(med, results, strict=True)]
        ax.errorbar(xs, med, yerr=[low, high], marker="o", capsize=4, color=colour, label=name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("records (N)")
    ax.set_ylabel("build wall time, s (median, min-max)")
    ax.set_title("Myelopathy Guide generator vs plain MkDocs build of the same pages")
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table(results: list[dict]) -> str:
    def fmt(s, digits=1):
        return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}-{s['max']:.{digits}f})"

    lines = [
        "| N records | pages | generator s | baseline s | ratio | CPU ratio | ms/page gen | ms/page base "
        "| first build ratio | peak MB gen | output MB | search index KB | data load share |",
        "|" + "---|" * 13,
    ]
    for r in results:
        g, b = r["generator"], r["baseline"]
        lines.append(
            f"| {r['records']} | {r['pages']} | {fmt(g['wall_s'])} | {fmt(b['wall_s'])} | "
            f"{fmt(r['ratio'], 2)} | {fmt(r['cpu_ratio'], 2)} | {fmt(g['ms_per_page'])} | {fmt(b['ms_per_page'])} | "
            f"{r['cold_ratio']:.2f} | {fmt(g['peak_mb'], 0)} | {g['out_mb']['median']:.1f} | "
            f"{g['index_kb']['median']:.0f} | "
            f"{r['load_share']['median'] * 100:.1f}% |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="real,1000,10000")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / "build" / "bench"))
    parser.add_argument("--no-preview", action="store_true", help="skip the live-preview latency")
    args = parser.parse_args(argv)
    work = Path(args.work)
    started = time.time()
    byte_compile()
    results = []
    for size in args.sizes.split(","):
        print(f"N={size}", flush=True)
        results.append(bench_size(size, args.reps, work))
    output = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "reps": args.reps,
        "cpus": os.cpu_count(),
        "results": results,
        "seconds": round(time.time() - started),
    }
    if not args.no_preview:
        output["preview"] = preview_latency(work, [s for s in ("real", "1000") if s in args.sizes.split(",")])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(output, indent=2))
    chart(results, RESULTS / "latest.png")
    print(table(results))
    if "preview" in output:
        for item in output["preview"]:
            print(
                f"preview N={item['size']}, {item['mode']}: edit to served {item['latency_s']['median']:.2f} s "
                f"({item['latency_s']['min']:.2f}-{item['latency_s']['max']:.2f}), mistake shown "
                f"{item['mistake_shown_s']['median']:.2f} s, fix shown {item['fix_shown_s']['median']:.2f} s"
            )
    if results and "reader" in results[0]:
        print(json.dumps(results[0]["reader"], indent=2))
    print(f"results: {RESULTS / 'latest.json'}, chart: {RESULTS / 'latest.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
