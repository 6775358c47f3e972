"""Read one YAML file into plain data while keeping the line of every field.

PyYAML's composed node tree carries line marks; a pydantic error's `loc` is walked along it
to find the line an editor must look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(message)


@dataclass
class YamlDocument:
    path: str
    node: yaml.Node | None
    data: object

    def line(self, loc: tuple = ()) -> int:
        """1-based line of the deepest node reachable along `loc`."""
        node = self.node
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line


def _child(node: yaml.Node, part) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def _duplicate_keys(node: yaml.Node, path: tuple = ()):
    """Yield (line, dotted key) for keys repeated in one mapping: YAML keeps only the last."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = getattr(key, "value", None)
            if name in seen:
                yield key.start_mark.line + 1, ".".join(map(str, (*path, name)))
            seen.add(name)
            yield from _duplicate_keys(value, (*path, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*path, index))


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse a file; raise YamlProblem with a line and a plain sentence on any syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, f"is not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = mark.line + 1 if mark else 1
        what = " ".join(filter(None, [exc.problem, exc.context])) or "the YAML cannot be read"
        raise YamlProblem(
            line, f"YAML syntax error: {what}; check indentation, colons and quotes on this line or the one above"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML syntax error: {exc}; check the file's structure") from None
    for line, key in _duplicate_keys(node) if node is not None else ():
        raise YamlProblem(line, f"'{key}' appears twice; keep one of them")
    try:
        data = yaml.SafeLoader("").construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlProblem(mark.line + 1 if mark else 1, f"YAML value cannot be read: {exc}") from None
    return YamlDocument(display, node, data)
