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
    first_line: int = 1
    """The file line the YAML starts on (2 for a Markdown page's front matter)."""

    def line(self, loc: tuple = ()) -> int:
        """1-based line of the deepest node reachable along `loc`."""
        node = self.node
        if node is None:
            return self.first_line
        offset = self.first_line - 1
        line = node.start_mark.line + 1 + offset
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1 + offset
        return line


def _child(node: yaml.Node, part) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


FILE_MAX_BYTES = 2_000_000
"""The largest data file: the biggest real one (sources.yml) is about 60 kB."""
DEPTH_MAX = 40
"""How deeply fields may nest: real files go 6 deep."""
NODES_MAX = 200_000
"""Values in one file once aliases are expanded: a bound on "billion laughs" files."""

_STANDARD_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _shape_problem(root: yaml.Node) -> YamlProblem | None:
    """Depth, size, self-reference, explicit tags and non-text keys, without recursion.

    Aliases share one node, so the walk counts each node once but charges its expanded size: a
    small file that expands to millions of values is refused before anything walks it in full.
    """
    expanded: dict[int, int] = {}
    stack = [(root, 0, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            expanded[key] = 1 + sum(expanded[id(child)] for child in children)
            if expanded[key] > NODES_MAX:
                return YamlProblem(
                    _line(node),
                    f"expands to more than {NODES_MAX:,} values (through aliases *name); "
                    "write the values out once instead of repeating aliases",
                )
            continue
        if key in on_path:
            return YamlProblem(
                _line(node), "an alias refers to the value that contains it, which never ends; remove the alias (*name)"
            )
        if key in expanded:
            continue
        if depth > DEPTH_MAX:
            return YamlProblem(
                _line(node), f"nests more than {DEPTH_MAX} levels deep; data files need only a few levels"
            )
        tag_problem = _tag_problem(node)
        if tag_problem:
            return tag_problem
        on_path.add(key)
        stack.append((node, depth, True))
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                    _STR,
                    "tag:yaml.org,2002:int",
                    "tag:yaml.org,2002:bool",
                    "tag:yaml.org,2002:null",
                    "tag:yaml.org,2002:merge",
                ):
                    return YamlProblem(
                        _line(key_node),
                        "has a key that is a list, a group or a special value; "
                        "keys must be plain field names followed by a colon",
                    )
        stack.extend((child, depth + 1, False) for child in _children(node))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _tag_problem(node: yaml.Node) -> YamlProblem | None:
    """Refuse explicit tags (!!int, !!python/..., !custom): plain data never needs them."""
    if isinstance(node, yaml.ScalarNode):
        expected = _STR if node.style else _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    else:
        expected = _STANDARD_TAGS[type(node)]
    if node.tag != expected:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return YamlProblem(_line(node), f"uses the YAML tag {tag}; remove it and write the value plainly")
    if node.tag == "tag:yaml.org,2002:timestamp":
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            return YamlProblem(
                _line(node),
                f"'{node.value}' is not a real date or time ({exc}); write a date that exists, as YYYY-MM-DD",
            )
    return None


def _duplicate_keys(node: yaml.Node, path: tuple = ()):
    """Yield (line, dotted key) for keys repeated in one mapping: YAML keeps only the last.

    Runs after _shape_problem, so the tree is known to be shallow and finite; aliases are walked
    once each.
    """
    seen_nodes: set[int] = set()
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                name = getattr(key, "value", None)
                if name in seen:
                    yield key.start_mark.line + 1, ".".join(map(str, (*path, name)))
                seen.add(name)
                stack.append((value, (*path, name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse a file; raise YamlProblem with a line and a plain sentence on any problem."""
    if not path.is_file():
        raise YamlProblem(1, "is a folder or a special file, not a data file; remove it or rename it")
    size = path.stat().st_size
    if size > FILE_MAX_BYTES:
        raise YamlProblem(1, f"is {size:,} bytes; the most a data file may be is {FILE_MAX_BYTES:,}, so split it")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, f"is not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    return parse_yaml(text, display)


_PARSED: dict[tuple[str, int], tuple[str, YamlDocument]] = {}
"""The last text parsed for each (file, first line), with its document: the preview re-reads every file on
each rebuild, but parses only the ones whose text changed. Documents are never changed after parsing."""


def parse_yaml(text: str, display: str, first_line: int = 1) -> YamlDocument:
    """Parse YAML text that starts on line `first_line` of file `display`; problems as in read_yaml."""
    key = (display, first_line)
    if key in _PARSED and _PARSED[key][0] == text:
        return _PARSED[key][1]
    try:
        document = _parse(text, display, first_line)
    except YamlProblem as exc:
        exc.line += first_line - 1
        raise
    _PARSED[key] = (text, document)
    return document


def _parse(text: str, display: str, first_line: int) -> YamlDocument:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem(
            line, f"contains the control character U+{exc.character:04X}, which YAML does not allow; delete it"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML syntax error: {' '.join(str(exc).split())}; check the file's structure") from None
    except RecursionError:
        raise YamlProblem(1, f"nests more than {DEPTH_MAX} levels deep; data files need only a few levels") from None
    if node is not None:
        problem = _shape_problem(node)
        if problem:
            raise problem
        for line, key in _duplicate_keys(node):
            raise YamlProblem(line, f"'{key}' appears twice; keep one of them")
    try:
        data = yaml.SafeLoader("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, f"YAML value cannot be read: {exc.problem}") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise YamlProblem(1, f"YAML value cannot be read ({exc}); check the values in this file") from None
    return YamlDocument(display, node, data, first_line)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """The line an editor must fix.

    A token left open (a quote, a bracket) is reported where it starts, since the end of the file is
    no help; any other error where reading failed, not at the start of the mapping it sits in.
    """
    context = exc.context or ""
    if context.startswith("while scanning") and exc.context_mark:
        line = exc.context_mark.line + 1
        what = " ".join(filter(None, [exc.problem, context]))
    else:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or context or "the YAML cannot be read"
        started = exc.context_mark.line + 1 if exc.context_mark else line
        what += f" (in the part that starts at line {started})" if started != line else ""
    return YamlProblem(
        line, f"YAML syntax error: {what}; check indentation, colons and quotes on this line or the one above"
    )
