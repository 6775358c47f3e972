"""Property-based: random and mutated YAML fed to the loader ends in valid models or clear
problems (file, line, message), never in an unhandled exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from macros.environment import load_graph
from macros.problems import DataError

RECORD = yaml.safe_load((ROOT / "data" / "symptoms" / "tingling.yml").read_text())
VALID = {key: value for key, value in RECORD.items() if key not in ("causes", "treatments")}  # no other records here
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=40),
    st.sampled_from(["<script>x</script>", "[@NOPE]", "{{ x }}", "[a](http://x)", "routine"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def small_data_dir() -> Path:
    """settings, vocabularies, help, sources and glossary, with one symptom file to fuzz."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-")) / "data"
    (folder / "symptoms").mkdir(parents=True)
    for name in ("settings", "vocabularies", "help", "sources"):
        shutil.copy2(ROOT / "data" / f"{name}.yml", folder / f"{name}.yml")
    (folder / "glossary.yml").write_text("terms: []\n")
    return folder


DATA = small_data_dir()


def load(text: bytes):
    (DATA / "symptoms" / "fuzzed.yml").write_bytes(text)
    try:
        return load_graph(DATA)
    except DataError as error:
        assert error.problems, "a DataError must carry problems"
        for problem in error.problems.items:
            assert problem.file.endswith(".yml") and problem.message, problem
            assert "Traceback" not in str(problem)
        return error


@st.composite
def mutated(draw):
    document = dict(VALID)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["drop", "set", "add", "nest"]))
        key = draw(st.sampled_from(sorted(document) or ["name"]))
        if action == "drop" and document:
            document.pop(key, None)
        elif action == "set":
            document[key] = draw(VALUES)
        elif action == "add":
            document[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
        elif isinstance(document.get("sections"), dict):
            document["sections"] = {**document["sections"], draw(st.text(max_size=10)): draw(VALUES)}
    return yaml.safe_dump(document, allow_unicode=True).encode()


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated())
def test_mutated_records(text):
    load(text)


@FUZZ
@given(st.text(max_size=300).map(str.encode))
def test_random_text(text):
    load(text)


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes(data):
    load(data)


def test_the_valid_record_loads():
    result = load(yaml.safe_dump(VALID).encode())
    assert not isinstance(result, DataError), str(result)
