"""Compiled templates kept between builds (macros/pages/template_cache.py): a later build reuses them and
publishes the same site, an edited template is compiled afresh, and a cache that cannot be written or
read back is no error."""

from __future__ import annotations

import filecmp

import jinja2
from support import copy_project, run_build

from macros.pages.template_cache import CompiledTemplates


def _same_tree(left, right) -> list[str]:
    """Files that differ or exist on one side only (sitemap.xml.gz holds its own time: left out)."""
    out = []
    compared = filecmp.dircmp(left, right, ignore=["sitemap.xml.gz"])
    stack = [compared]
    while stack:
        each = stack.pop()
        out += [f"{each.left}/{name}" for name in each.left_only + each.right_only]
        _, mismatch, errors = filecmp.cmpfiles(each.left, each.right, each.common_files, shallow=False)
        out += [f"{each.left}/{name}" for name in mismatch + errors]
        stack.extend(each.subdirs.values())
    return out


def test_a_later_build_reuses_compiled_templates_and_an_edited_one_is_compiled_afresh(tmp_path):
    project = copy_project(tmp_path / "project")
    first = run_build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-3000:]
    kept = sorted((project / ".cache" / "templates").glob("*.jinja"))
    assert len(kept) > 20, "the theme's and the pages' templates are kept"
    written = {path.name: path.stat().st_mtime_ns for path in kept}

    second = run_build(project, tmp_path / "second")
    assert second.returncode == 0, second.stderr[-3000:]
    assert {p.name: p.stat().st_mtime_ns for p in (project / ".cache" / "templates").glob("*.jinja")} == written, (
        "nothing compiled again: every template came from the cache"
    )
    assert _same_tree(tmp_path / "first", tmp_path / "second") == []

    partial = project / "overrides" / "partials" / "disclaimer.html"  # on every page
    partial.write_text(partial.read_text() + "\n<!-- edited override -->\n")
    third = run_build(project, tmp_path / "third")
    assert third.returncode == 0, third.stderr[-3000:]
    assert "<!-- edited override -->" in (tmp_path / "third" / "index.html").read_text()
    assert "<!-- edited override -->" not in (tmp_path / "second" / "index.html").read_text()


def _environment(cache: CompiledTemplates, folder, **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache, **settings)


def test_environments_that_compile_a_template_differently_never_share_it(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("{% if true %}\n  yes\n{% endif %}\n")
    trimmed = _environment(CompiledTemplates(), tmp_path / "t", trim_blocks=True, lstrip_blocks=True)
    plain = _environment(CompiledTemplates(), tmp_path / "t")
    for cache in (trimmed.bytecode_cache, plain.bytecode_cache):
        cache.keep_in(tmp_path / "cache")
    assert trimmed.get_template("page.html").render() == "  yes\n"
    assert plain.get_template("page.html").render() == "\n  yes\n"
    again = _environment(CompiledTemplates(), tmp_path / "t")
    again.bytecode_cache.keep_in(tmp_path / "cache")
    assert again.get_template("page.html").render() == "\n  yes\n"
    assert len(list((tmp_path / "cache").glob("*.jinja"))) == 2


def test_a_damaged_or_unwritable_cache_is_no_error(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}")
    cache = CompiledTemplates()
    cache.keep_in(tmp_path / "cache")
    _environment(cache, tmp_path / "t").get_template("page.html")
    (saved,) = (tmp_path / "cache").glob("*.jinja")
    for damage in (b"", b"garbage", saved.read_bytes()[:-7]):
        saved.write_bytes(damage)
        fresh = CompiledTemplates()
        fresh.keep_in(tmp_path / "cache")
        assert _environment(fresh, tmp_path / "t").get_template("page.html").render(name="you") == "Hello you"

    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    blocked = CompiledTemplates()
    blocked.keep_in(tmp_path / "blocked" / "templates")
    assert _environment(blocked, tmp_path / "t").get_template("page.html").render(name="you") == "Hello you"
