"""Reading YAML (and JSON) from people: safely, and remembering where every value came from.

The parser here differs from PyYAML's ``SafeLoader`` in four ways:

* ``yes``/``no``/``on``/``off`` stay strings; only ``true``/``false`` are booleans (YAML 1.2),
  so an option with id ``yes`` means what its author wrote.
* A key given twice in one mapping is a problem reported at the second occurrence, instead of
  the first value being silently dropped.
* Aliases are allowed, but a document whose aliases expand past ``MAX_NODES`` values (an
  "alias bomb") or refer to themselves is refused before anything walks it.
* Input is limited in size and must be UTF-8 text; :func:`read_limited` reads at most one byte
  more than the limit, so a huge file (or ``/dev/zero``) is refused without being read whole.
* A string holding a control character (after escapes such as ``\\u0000`` or ``"\\e"`` are
  decoded) is a problem at that string: :func:`control_problems`.

:func:`parse` returns the data and the composed node tree; :func:`node_at` maps a pydantic-style
location (keys and indexes) back to the node, hence to a line and column. Each mapping's keys
are indexed once, so locating many problems costs time in proportion to their number, and an
:class:`InputError` lists at most ``limits.PROBLEMS_SHOWN`` problems and counts the rest.
"""

from __future__ import annotations

import json
import os
import re
import stat
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questionnaire import limits

MAX_BYTES = limits.FILE_BYTES
MAX_NODES = limits.DOCUMENT_VALUES
MAX_DEPTH = limits.NESTING

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
        #: Every problem, in file order (a caller may add them to its own InputError).
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
        super().__init__("\n".join(str(p) for p in self.shown))

    @property
    def shown(self) -> list[Problem]:
        """The problems to show a person: at most ``limits.PROBLEMS_SHOWN``, then one line
        that counts the rest."""
        shown = limits.PROBLEMS_SHOWN
        if len(self.problems) <= shown:
            return self.problems
        rest = len(self.problems) - shown
        return self.problems[:shown] + [
            Problem(
                self.problems[shown].path,
                None,
                None,
                f"and {rest:,} more problem{'s' if rest != 1 else ''} not listed "
                f"(at most {shown} are listed; fix these and run again)",
            )
        ]


def quoted(value: Any, limit: int = 60) -> str:
    """``repr(value)``, shortened in the middle of a long value, for a message."""
    try:
        text = repr(value)
    except ValueError:  # an integer of more digits than Python will print
        return "a number too long to show"
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


# libyaml's parser when PyYAML has it (about ten times faster); the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Rules(yaml.constructor.SafeConstructor):
    """SafeLoader with YAML 1.2 booleans and duplicate-key detection (a mixin)."""

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


class _Loader(_Rules, _BaseLoader):  # type: ignore[misc,valid-type]
    """The parser used for every document: libyaml's when PyYAML has it."""


class _PureLoader(_Rules, yaml.SafeLoader):
    """The pure-Python parser: only to locate values in JSON that libyaml refuses to read
    (a lone surrogate such as ``"\\ud800"``), so its problem still gets a line and column."""


_TAG_NAMES = {"timestamp": "a date", "int": "an integer", "float": "a number", "bool": "true/false"}


# Replace the YAML 1.1 boolean resolver (yes/no/on/off) with the YAML 1.2 one.
for _cls in (_Loader, _PureLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )


def _expanded_size(root: Node, path: str) -> Problem | None:
    """Refuse self-referencing aliases, absurd nesting and documents that expand too far."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    shared = False  # whether an alias has reused a node yet

    def size(node: Node, depth: int) -> int:
        nonlocal shared
        key = id(node)
        if key in sizes:
            shared = True
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
            reason = (
                f"the document expands through its aliases to more than {MAX_NODES:,} values"
                if shared
                else f"the document holds more than {MAX_NODES:,} values"
            )
            raise _Refused(node, f"{reason}; the limit is {MAX_NODES:,}")
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


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """Read a file, never more than ``limit`` + 1 bytes.

    Raises:
        InputError: for a missing or unreadable file, a directory, or one over the limit
            (the message states the limit).
    """
    name = str(path)
    try:
        # Opened without blocking, so a named pipe with no writer is read as empty instead
        # of waiting for ever; then blocking again, so a pipe being written is read whole.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(descriptor, "rb", closefd=True) as handle:
            os.set_blocking(descriptor, True)
            size = os.fstat(descriptor)
            if stat.S_ISDIR(size.st_mode):
                raise IsADirectoryError(path)
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(name, None, None, f"cannot read: {exc.strerror or exc}")]
        ) from None
    if len(raw) > limit:
        found = (
            limits.too_long("file", size.st_size, limit, "bytes")
            if stat.S_ISREG(size.st_mode)
            else f"file is more than {limit:,} bytes; the limit is {limit:,}"
        )
        raise InputError([Problem(name, None, None, found)])
    return raw


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError(
            [Problem(path, None, None, limits.too_long("file", len(raw), MAX_BYTES, "bytes"))]
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
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                repeated.append(key)
            seen.add(key)
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
    spaced = text.replace("\t", " ")
    try:
        _, node, duplicates = _parse_yaml(spaced, path)
    except InputError as exc:
        if not _only_yaml_errors(exc):
            raise  # too deep or too large: refused whichever way it is read
        try:
            _, node, duplicates = _parse_yaml(spaced, path, _PureLoader)
        except InputError as again:
            if not _only_yaml_errors(again):
                raise
            # Valid JSON that YAML reads differently: the values stand, without locations.
            unplaced = [
                Problem(path, None, None, f"key {quoted(k)} appears twice in a mapping")
                for k in repeated
            ]
            return data, None, unplaced
    return data, node, duplicates


def _only_yaml_errors(exc: InputError) -> bool:
    return all(p.message.startswith("YAML error") for p in exc.problems)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_yaml(
    text: str, path: str, parser: type[_Rules] = _Loader
) -> tuple[Any, Node | None, list[Problem]]:
    loader: Any = None
    try:
        loader = parser(text)  # type: ignore[call-arg]
        loader.duplicates = []
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
        if loader is not None:
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
    entry = _index(parent).get(str(loc[-1]))
    return entry[0] if entry else None


# Each mapping node's keys, indexed the first time a location is looked up in it. Without
# this, locating one problem scans the mapping, and a file of 10,000 unknown keys takes
# minutes (a quadratic cost); with it, locating is a dictionary lookup.
_INDEXES: weakref.WeakKeyDictionary[MappingNode, dict[str, tuple[Node, Node]]] = (
    weakref.WeakKeyDictionary()
)


def _index(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    index = _INDEXES.get(node)
    if index is None:
        index = {}
        for key, value in _pairs(node):
            if isinstance(key, ScalarNode):
                index[key.value] = (key, value)  # the last one wins, as in the data
        _INDEXES[node] = index
    return index


def _pairs(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """The (key, value) pairs of a mapping, merge keys (``<<: *base``) expanded in place."""
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge":
            merged = value.value if isinstance(value, SequenceNode) else [value]
            for m in merged:
                if isinstance(m, MappingNode):
                    yield from _pairs(m)
        else:
            yield key, value


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        entry = _index(node).get(str(part))
        return entry[1] if entry else None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


# --- control characters ------------------------------------------------------------------

# C0 controls other than tab, line feed and carriage return; DEL; C1 controls; and lone
# surrogates (JSON's "\ud800" gives one; no file can be written back with it).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str) -> str | None:
    """The first forbidden character of ``text``, described (``the control character
    U+001B``), or None."""
    found = _CONTROL.search(text)
    if not found:
        return None
    code = ord(found.group())
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
    return f"{kind} U+{code:04X}"


def control_problems(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, bool]]:
    """(location, message, at_key) for every key or string value holding a control character.

    Such characters come into a file through escapes (``"\\u0000"`` in JSON, ``"\\e"`` in
    YAML) and would reach a CSV export, a database (PostgreSQL refuses NUL) or a terminal.
    """
    stack: list[tuple[Loc, Any]] = [(loc, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            bad = control_character(value)
            if bad:
                yield where, f"contains {bad}; remove it", False
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    bad = control_character(key)
                    if bad:
                        yield (*where, key), f"the key contains {bad}", True
                stack.append(((*where, key), item))
        elif isinstance(value, list):
            stack.extend(((*where, i), item) for i, item in enumerate(value))
