"""The layout shows the flow: data -> pages -> build -> tools, each folder importing only the folders
before it; the live preview reloads every module in an order worked out from the imports; the
benchmark's code stays out of the product."""

from __future__ import annotations

import pytest
from support import ROOT

import macros

ORDER = ["data", "pages", "build", "tools"]


def folder_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ORDER else None


@pytest.mark.parametrize("folder", ORDER)
def test_each_folder_imports_only_the_folders_before_it(folder):
    allowed = set(ORDER[: ORDER.index(folder) + 1])
    wrong = {
        module: sorted(target for target in targets if folder_of(target) not in allowed | {None})
        for module, targets in macros.module_imports().items()
        if folder_of(module) == folder
    }
    assert not {m: t for m, t in wrong.items() if t}, f"{folder}/ imports from a later folder: {wrong}"


def test_every_module_lives_in_one_of_the_four_folders():
    loose = [p.name for p in (ROOT / "macros").glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"modules outside data/, pages/, build/ and tools/: {loose}"
    for folder in ORDER:
        doc = (ROOT / "macros" / folder / "__init__.py").read_text()
        assert doc.startswith('"""') and "import" in doc.lower(), (
            f"macros/{folder}/__init__.py must say what it may import"
        )


def test_the_reload_order_covers_every_module_dependencies_first():
    graph = macros.module_imports()
    order = macros.reload_order()
    assert set(order) == set(graph) - {"macros"}
    position = {name: index for index, name in enumerate(order)}
    for module, targets in graph.items():
        for target in targets - {"macros"}:
            if module == "macros":
                continue
            assert position[target] < position[module], f"{target} must reload before {module}"


def test_the_reload_order_sees_a_new_module(tmp_path, monkeypatch):
    """A module added tomorrow is reloaded without anyone updating a list."""
    extra = ROOT / "macros" / "data" / "zz_probe_for_test.py"
    extra.write_text("from macros.data.text import cited_ids\n")
    try:
        order = macros.reload_order()
        assert order.index("macros.data.zz_probe_for_test") > order.index("macros.data.text")
    finally:
        extra.unlink()


def test_benchmark_code_stays_in_bench():
    for path in (ROOT / "macros").rglob("*.py"):
        text = path.read_text()
        assert "bench" not in {
            part
            for line in text.splitlines()
            if line.startswith(("from ", "import "))
            for part in line.replace(".", " ").split()
        }, path
    hooks = (ROOT / "macros" / "build" / "hooks.py").read_text()
    assert "os.environ" not in hooks, "the product's hooks must not read environment variables for the benchmark"
