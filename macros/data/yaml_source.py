"""Read one YAML file into plain data while keeping the line of every field.

PyYAML's composed node tree carries line marks; once a file is checked, a document keeps only
the lines (Lines), and a pydantic error's `loc` is walked along them to find the line an editor
must look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import yaml

from macros.data.kept import keeping

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(message)


Lines: TypeAlias = "int | tuple[int, dict[str, tuple[int, Lines]]] | tuple[int, list[Lines]]"
"""Where each value of a file starts: a scalar's line; a mapping's line and, for each key, the key's
line and its value's Lines; a sequence's line and its items' Lines. What a document keeps of the
composed node tree once the file is checked (the tree, with two position marks per node, was the
largest part of a big build's data in memory)."""


@dataclass
class YamlDocument:
    path: str
    lines: Lines | None
    data: object
    first_line: int = 1
    """The file line the YAML starts on (2 for a Markdown page's front matter)."""

    def line(self, loc: tuple = ()) -> int:
        """1-based line of the deepest value reachable along `loc` (of its key, inside a mapping)."""
        lines = self.lines
        if lines is None:
            return self.first_line
        offset = self.first_line - 1
        line = _start(lines) + offset
        for part in loc:
            if isinstance(lines, int):
                break
            children = lines[1]
            if isinstance(children, dict):
                if str(part) not in children:
                    break
                key_line, lines = children[str(part)]
                line = key_line + offset
            elif isinstance(part, int) and 0 <= part < len(children):
                lines = children[part]
                line = _start(lines) + offset
            else:
                break
        return line


def _start(lines) -> int:
    return lines if isinstance(lines, int) else lines[0]


def _lines(root: yaml.Node):
    """The Lines of a node tree that passed _shape_problem (so it is shallow and finite); a node shared
    by aliases gives one shared entry. Raises YamlProblem for a key repeated in one mapping (YAML would
    keep only the last), naming the first such key in the file."""
    made: dict[int, object] = {}
    path: list = []  # the keys and indexes down to the node being read, for the message

    def of(node: yaml.Node):
        if type(node) is yaml.ScalarNode:
            return node.start_mark.line + 1
        if id(node) in made:
            return made[id(node)]
        line = node.start_mark.line + 1
        if type(node) is yaml.MappingNode:
            children: dict = {}
            lines = made[id(node)] = (line, children)
            for key, value in node.value:
                path.append(key.value)
                if key.value in children:
                    dotted = ".".join(map(str, path))
                    raise YamlProblem(key.start_mark.line + 1, f"'{dotted}' appears twice; keep one of them")
                children[key.value] = (key.start_mark.line + 1, of(value))
                path.pop()
        else:
            items: list = []
            lines = made[id(node)] = (line, items)
            for index, item in enumerate(node.value):
                path.append(index)
                items.append(of(item))
                path.pop()
        return lines

    return of(root)


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
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVER = yaml.resolver.Resolver()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_KEY_TAGS = frozenset(
    (_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
)


def _shape_problem(root: yaml.Node, tagged: bool = True) -> YamlProblem | None:
    """Depth, size, self-reference, explicit tags and non-text keys.

    Aliases share one node, so the walk counts each node once but charges its expanded size: a
    small file that expands to millions of values is refused before anything walks it in full.
    The walk recurses at most DEPTH_MAX + 1 levels: a deeper node is refused before its children.
    `tagged`: whether the text may hold explicit tags at all (every tag starts with "!"); without
    one, each node's tag is the one YAML resolved for it, and only dates are checked.
    """
    expanded: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        if depth > DEPTH_MAX:
            raise YamlProblem(
                _line(node), f"nests more than {DEPTH_MAX} levels deep; data files need only a few levels"
            )
        if (tagged or node.tag == _TIMESTAMP) and (problem := _tag_problem(node)):
            raise problem
        if type(node) is yaml.ScalarNode:
            return 1
        key = id(node)
        if key in on_path:
            raise YamlProblem(
                _line(node), "an alias refers to the value that contains it, which never ends; remove the alias (*name)"
            )
        if key in expanded:
            return expanded[key]
        on_path.add(key)
        total = 1
        if type(node) is yaml.MappingNode:
            for key_node, value in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag not in _KEY_TAGS:
                    raise YamlProblem(
                        _line(key_node),
                        "has a key that is a list, a group or a special value; "
                        "keys must be plain field names followed by a colon",
                    )
                total += size(key_node, depth + 1) + size(value, depth + 1)
        else:
            for item in node.value:
                total += size(item, depth + 1)
        on_path.discard(key)
        if total > NODES_MAX:
            raise YamlProblem(
                _line(node),
                f"expands to more than {NODES_MAX:,} values (through aliases *name); "
                "write the values out once instead of repeating aliases",
            )
        expanded[key] = total
        return total

    try:
        size(root, 0)
    except YamlProblem as problem:
        return problem
    return None


def _tag_problem(node: yaml.Node) -> YamlProblem | None:
    """Refuse explicit tags (!!int, !!python/..., !custom): plain data never needs them."""
    if isinstance(node, yaml.ScalarNode):
        expected = _STR if node.style else _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    else:
        expected = _STANDARD_TAGS[type(node)]
    if node.tag != expected:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return YamlProblem(_line(node), f"uses the YAML tag {tag}; remove it and write the value plainly")
    if node.tag == _TIMESTAMP:
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            return YamlProblem(
                _line(node),
                f"'{node.value}' is not a real date or time ({exc}); write a date that exists, as YYYY-MM-DD",
            )
    return None


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
each rebuild, but parses only the ones whose text changed. Documents are never changed after parsing.
Only the preview keeps them (kept.keeping()): a one-off build would only hold every file's text to its end."""


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
    if keeping():
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
        problem = _shape_problem(node, tagged="!" in text)
        if problem:
            raise problem
    lines = _lines(node) if node is not None else None  # also refuses a repeated key
    try:
        data = yaml.SafeLoader("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, f"YAML value cannot be read: {exc.problem}") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise YamlProblem(1, f"YAML value cannot be read ({exc}); check the values in this file") from None
    return YamlDocument(display, lines, data, first_line)


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
