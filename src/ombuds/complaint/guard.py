"""The checks a complaint file passes before it is built into Python objects.

A complaint is a few kilobytes of fields nested four or five levels deep. A hostile or broken file
can be built to cost far more than its size suggests:
- a YAML "billion laughs": anchors whose aliases repeat each other, so that 342 bytes describe
  billions of values (every later step, the schema check or an error message, walks them all);
- nesting thousands of levels deep, which overflows Python's recursion limit (`RecursionError`)
  or, in the C parsers, the C stack (a segfault);
- a file of hundreds of megabytes.
So the file's size is bounded first, then its structure is read as a stream of events (libyaml's
parser and a scan of JSON's brackets are both iterative: no recursion) and refused, with its line,
as soon as it goes beyond a limit. Only then is it built.

Also here: where each field of a JSON file is (its line), for error messages.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any

import yaml

from ombuds.errors import InputError

# A complaint file of this size would be a few hundred pages of facts; the examples are 1-3 KB.
MAX_FILE_BYTES = 1_000_000
# Levels of nesting (mappings and lists inside each other). The schema needs five or six.
MAX_DEPTH = 32
# YAML aliases (`*name`): people repeat an anchor a few times at most.
MAX_ALIASES = 100
# Values once aliases are expanded: what the schema check and error messages would walk.
MAX_VALUES = 100_000


class TooComplex(Exception):
    """The file goes beyond a limit: `message` says which, `line` where (1-based) if known."""

    def __init__(self, message: str, line: int | None, expected: str):
        self.message = message
        self.line = line
        self.expected = expected
        super().__init__(message)


def load_yaml_file(path: Path, what: str, hint: str) -> Any:
    """A person's own YAML file other than a complaint (self-check answers, a questions file),
    read within the same limits: an InputError naming `path` when it cannot be read, is not
    YAML, or is too large or too complex (`what` names it in the message: "the answers file")."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{what} is too large", source=str(path), hint=f"at most {MAX_FILE_BYTES:,} bytes"
            )
        text = path.read_text(encoding="utf-8")
        check_yaml(text, yaml.SafeLoader)
        return yaml.safe_load(text)
    except TooComplex as problem:
        raise InputError(
            f"cannot read {what}: {problem.message}", source=str(path), hint=hint
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(
            f"cannot read {what}: {type(error).__name__}", source=str(path), hint=hint
        ) from None


def check_yaml(text: str, loader: type) -> None:
    """Raise TooComplex if the YAML nests deeper than MAX_DEPTH, uses more than MAX_ALIASES
    aliases or expands to more than MAX_VALUES values; yaml.YAMLError if it is not YAML."""
    depth = 0
    aliases = 0
    values = 0
    anchored: dict[str, int] = {}  # anchor -> values it expands to
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, values before it started)
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooComplex(
                    f"nested more than {MAX_DEPTH} levels deep",
                    line,
                    f"at most {MAX_DEPTH} levels of nesting",
                )
            open_nodes.append((event.anchor, values))
            values += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, before = open_nodes.pop()
            if anchor is not None:
                anchored[anchor] = values - before
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            if event.anchor is not None:
                anchored[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise TooComplex(
                    f"more than {MAX_ALIASES} aliases (*name)",
                    line,
                    f"at most {MAX_ALIASES} aliases; write the values out instead",
                )
            if any(anchor == event.anchor for anchor, _ in open_nodes):
                raise TooComplex(
                    f"the alias *{event.anchor} is inside its own anchor (a loop)",
                    line,
                    "values that do not contain themselves",
                )
            values += anchored.get(event.anchor or "", 1)
        if values > MAX_VALUES:
            raise TooComplex(
                f"expands to more than {MAX_VALUES:,} values",
                line,
                f"at most {MAX_VALUES:,} values, aliases expanded",
            )


_JSON_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]', re.DOTALL)


def check_json(text: str) -> None:
    """Raise TooComplex if the JSON nests deeper than MAX_DEPTH (before `json.loads`, whose C
    scanner recurses once per level)."""
    depth = 0
    for match in _JSON_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TooComplex(
                    f"nested more than {MAX_DEPTH} levels deep",
                    text.count("\n", 0, match.start()) + 1,
                    f"at most {MAX_DEPTH} levels of nesting",
                )
        elif token in "]}":
            depth -= 1


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', re.DOTALL)


class _Open:
    """A JSON object or array being read: its path, and the key or index of its next value."""

    def __init__(self, path: tuple[str | int, ...], is_array: bool):
        self.path = path
        self.is_array = is_array
        self.index = 0
        self.key: str = ""
        self.expect_key = not is_array


def json_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map every path in a JSON document (already known to be valid) to its 1-based line.

    A member's line is its key's; an array item's, where the item starts.
    """
    breaks = [m.start() for m in re.finditer("\n", text)]
    lines: dict[tuple[str | int, ...], int] = {}
    stack: list[_Open] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        line = bisect.bisect_right(breaks, match.start()) + 1
        top = stack[-1] if stack else None
        if token in "]}":
            stack.pop()
            continue
        if token == ",":
            if top is not None and not top.is_array:
                top.expect_key = True
            continue
        if token == ":":
            continue
        if top is not None and top.expect_key:  # a member's name
            top.key = json.loads(token)
            top.expect_key = False
            lines.setdefault((*top.path, top.key), line)
            continue
        if top is None:
            path: tuple[str | int, ...] = ()
        elif top.is_array:
            path = (*top.path, top.index)
            top.index += 1
        else:
            path = (*top.path, top.key)
        lines.setdefault(path, line)
        if token in "[{":
            stack.append(_Open(path, token == "["))
    return lines
