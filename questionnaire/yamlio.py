"""Reading YAML (and JSON) from people: safely, and remembering where every value came from.

The parser here differs from PyYAML's ``SafeLoader`` in four ways:

* ``yes``/``no``/``on``/``off`` stay strings; only ``true``/``false`` are booleans (YAML 1.2),
  so an option with id ``yes`` means what its author wrote.
* A key given twice in one mapping is a problem reported at the second occurrence, instead of
  the first value being silently dropped.
* Aliases are allowed, but a document whose aliases expand past ``MAX_NODES`` values (an
  "alias bomb") or refer to themselves is refused before anything walks it.
* Input is limited in size and must be UTF-8 text.

:func:`parse` returns the data and the composed node tree; :func:`node_at` maps a pydantic-style
location (keys and indexes) back to the node, hence to a line and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 5_000_000
MAX_NODES = 200_000
MAX_DEPTH = 200

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located where possible (line and column are 1-based)."""

    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in one input."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


# libyaml's parser when PyYAML has it (about ten times faster); the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2 booleans and duplicate-key detection."""

    duplicates: list[tuple[Node, str]]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> Any:  # type: ignore[override]
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, ScalarNode):
                continue
            key = self.construct_object(key_node)
            if key in seen:
                first = seen[key].start_mark
                self.duplicates.append(
                    (
                        key_node,
                        f"key {key!r} appears twice in this mapping (first at line {first.line + 1}); remove one",
                    )
                )
            else:
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # PyYAML's constructors raise plain Python errors for some values that parse but
        # cannot be built: `2026-02-30` (no such date), `!!int abc`, `!!timestamp x`,
        # `!!set [a]`. Turn them into a YAML error at the value, like any other.
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError) as exc:
            tag = node.tag.rsplit(":", 1)[-1]
            what = _TAG_NAMES.get(tag, f"!!{tag}")
            value = f" {node.value!r}" if isinstance(node, ScalarNode) else ""
            detail = "" if isinstance(exc, AttributeError | TypeError | KeyError) else f" ({exc})"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read{value} as {what}{detail}", node.start_mark
            ) from None


_TAG_NAMES = {"timestamp": "a date", "int": "an integer", "float": "a number", "bool": "true/false"}


# Replace the YAML 1.1 boolean resolver (yes/no/on/off) with the YAML 1.2 one.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _expanded_size(root: Node, path: str) -> Problem | None:
    """Refuse self-referencing aliases, absurd nesting and documents that expand too far."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Refused(
                node, "an alias refers to the node that contains it (a recursive structure)"
            )
        if depth > MAX_DEPTH:
            raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels")
        active.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        active.discard(key)
        if total > MAX_NODES:
            raise _Refused(
                node, f"the document expands to more than {MAX_NODES:,} values (too many aliases?)"
            )
        sizes[key] = total
        return total

    try:
        size(root, 0)
    except _Refused as refused:
        mark = refused.node.start_mark
        return Problem(path, mark.line + 1, mark.column + 1, refused.message)
    return None


class _Refused(Exception):
    def __init__(self, node: Node, message: str):
        self.node = node
        self.message = message


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError(
            [Problem(path, None, None, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise InputError([Problem(path, line, column, "binary data (a NUL byte) in a text file")])
    return text


def parse(raw: bytes, path: str) -> tuple[Any, Node | None, list[Problem]]:
    """Parse one YAML or JSON document into (data, node tree, problems).

    Duplicate keys come back as problems so the caller can report them with the rest;
    anything that stops the document being read at all is raised. A document that starts
    with ``{`` or ``[`` is read as JSON (so JSON indented with tabs, which YAML forbids, and
    numbers such as ``1e3`` mean what JSON says); its node tree, for locations, still comes
    from the YAML parser.

    Raises:
        InputError: when the input cannot be read as one YAML or JSON document.
    """
    text = _decode(raw, path)
    if not text.strip():
        raise InputError([Problem(path, None, None, "file is empty")])
    if text.lstrip()[:1] in ("{", "["):
        return _parse_json(text, path)
    data, node, duplicates = _parse_yaml(text, path)
    return data, node, duplicates


def _parse_json(text: str, path: str) -> tuple[Any, Node | None, list[Problem]]:
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        repeated.extend(k for i, k in enumerate(keys) if k in keys[:i])
        return dict(items)

    try:
        data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]
        ) from None
    except ValueError as exc:
        raise InputError([Problem(path, None, None, f"not valid JSON: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(path, None, None, "nesting too deep to read")]) from None
    # Valid JSON has tabs only between tokens, so turning each into a space keeps every
    # column and lets the YAML parser supply line and column numbers.
    try:
        _, node, duplicates = _parse_yaml(text.replace("\t", " "), path)
    except InputError as exc:
        if not all(p.message.startswith("YAML error") for p in exc.problems):
            raise  # too deep or too large: refused whichever way it is read
        # Valid JSON that YAML reads differently: the values stand, without locations.
        unplaced = [
            Problem(path, None, None, f"key {k!r} appears twice in a mapping") for k in repeated
        ]
        return data, None, unplaced
    return data, node, duplicates


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_yaml(text: str, path: str) -> tuple[Any, Node | None, list[Problem]]:
    loader = _Loader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError([Problem(path, None, None, "file has no content (only comments?)")])
        refused = _expanded_size(node, path)
        if refused:
            raise InputError([refused])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if mark is None:
            raise InputError([Problem(path, None, None, f"YAML error: {message}")]) from None
        raise InputError(
            [Problem(path, mark.line + 1, mark.column + 1, f"YAML error: {message}")]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, None, None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(path, None, None, "nesting too deep to read")]) from None
    except (ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError) as exc:
        # A value built after its node (e.g. `!!set [a]`), so no single node to blame.
        raise InputError(
            [Problem(path, None, None, f"YAML error: cannot read the document: {exc}")]
        ) from None
    finally:
        loader.dispose()
    return data, node, [located(path, n, msg) for n, msg in loader.duplicates]


def located(path: str, node: Node | None, message: str) -> Problem:
    """A problem at a node's start."""
    if node is None:
        return Problem(path, None, None, message)
    mark = node.start_mark
    return Problem(path, mark.line + 1, mark.column + 1, message)


def node_at(root: Node | None, loc: Loc) -> tuple[Node | None, bool]:
    """The node a location points to, and whether the whole location was found.

    When a key is missing the deepest node that exists is returned (the mapping the key
    should be in), so "field required" lands on the right block.
    """
    node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            return node, False
        node = child
    return node, True


def key_node_at(root: Node | None, loc: Loc) -> Node | None:
    """The key node of the last step of loc (for problems about a key itself)."""
    if not loc:
        return root
    parent, found = node_at(root, loc[:-1])
    if not found or not isinstance(parent, MappingNode):
        return None
    for key, _ in _pairs(parent):
        if isinstance(key, ScalarNode) and key.value == str(loc[-1]):
            return key
    return None


def _pairs(node: MappingNode) -> list[tuple[Node, Node]]:
    pairs: list[tuple[Node, Node]] = []
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge":
            merged = value.value if isinstance(value, SequenceNode) else [value]
            for m in merged:
                if isinstance(m, MappingNode):
                    pairs.extend(_pairs(m))
        else:
            pairs.append((key, value))
    return pairs


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        found = None
        for key, value in _pairs(node):
            if isinstance(key, ScalarNode) and key.value == str(part):
                found = value  # the last one wins, as in the constructed data
        return found
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None
