"""Read a complaint file (YAML or JSON) into a `Complaint`, with errors a person can act on.

A schema error names the file, the field path, the value and what was expected, and the line: a
YAML file is composed into a node tree first, so every path can be traced back to its line, and a
JSON file's lines are found by a scan of its tokens when there is an error to report.

Hostile files are refused before they are built (`guard.py`: size, nesting, YAML aliases), and
every value quoted back in an error is cut short (`ombuds.inputs.shorten`), so no file can make
the loader hang, crash or print megabytes. A value YAML cannot build (an impossible date such as
2025-02-30, an integer of thousands of digits) is kept as its text, so the schema check reports
it with its path and line like any other wrong value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ombuds.complaint.guard import (
    MAX_FILE_BYTES,
    TooComplex,
    check_json,
    check_yaml,
    json_lines,
)
from ombuds.complaint.model import Complaint
from ombuds.errors import InputError, SchemaError, UnreadableFile
from ombuds.inputs import CONTROL_CHARACTERS, quoted, shorten

STRUCTURED_SUFFIXES = {".yaml", ".yml", ".json"}
FIX_HINT = "run `ombuds schema complaint` to see every field"
# Problems listed in one SchemaError (the message gives the total): enough to fix a file in a
# few passes, never thousands of lines from a file of thousands of wrong values.
MAX_PROBLEMS = 50
LineMap = dict[tuple[str | int, ...], int]  # a field's path -> its line in the file


def _path_text(loc: tuple[str | int, ...]) -> str:
    """("heads", 0, "council_response", "upheld") -> "heads[0].council_response.upheld"."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _yaml_lines(
    node: yaml.Node, prefix: tuple[str | int, ...] = ()
) -> dict[tuple[str | int, ...], int]:
    """Map every path in a composed YAML document to its 1-based line."""
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*prefix, key.value)
            lines[path] = key.start_mark.line + 1
            for sub, line in _yaml_lines(value, path).items():
                lines.setdefault(sub, line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_yaml_lines(item, (*prefix, i)))
    return lines


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The value at a path of loaded data."""
    for part in loc:
        data = data[part]
    return data


def _line_for(loc: tuple[str | int, ...], lines: dict[tuple[str | int, ...], int]) -> int | None:
    """The line of the deepest part of `loc` present in the file (a missing field: its parent)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return None


_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: much faster


class _Loader(_BASE_LOADER):  # type: ignore[misc]  # a base chosen at import time is Any
    """The safe loader, but a scalar that cannot be built (`2025-02-30`, `0000-01-01`, an
    integer beyond Python's 4,300 digits) is kept as its text for the schema check to report."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError):
            if not isinstance(node, yaml.ScalarNode):
                raise
            value = node.value
            self.constructed_objects[node] = value
            return value


def _too_complex(problem: TooComplex, path: Path) -> SchemaError:
    return SchemaError(
        f"the file is too complex to read: {problem.message}",
        source=str(path),
        hint="a complaint is a few fields nested a few levels; check this is the right file",
        problems=[
            {"path": "(file)", "value": None, "expected": problem.expected, "line": problem.line}
        ],
    )


def _read_data(path: Path, text: str) -> tuple[Any, Callable[[], LineMap]]:
    """The loaded data, and a function giving each path's line (called only on an error)."""
    if path.suffix.lower() == ".json":
        try:
            check_json(text)
            return json.loads(text), lambda: json_lines(text)
        except TooComplex as problem:
            raise _too_complex(problem, path) from None
        except json.JSONDecodeError as error:
            raise SchemaError(
                f"not valid JSON: {error.msg}",
                source=str(path),
                hint="fix the JSON syntax",
                problems=[
                    {
                        "path": "(file)",
                        "value": None,
                        "expected": "valid JSON",
                        "line": error.lineno,
                    }
                ],
            ) from None
    try:
        check_yaml(text, _Loader)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except TooComplex as problem:
        raise _too_complex(problem, path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SchemaError(
            f"not valid YAML: {shorten(str(getattr(error, 'problem', None) or error), 200)}",
            source=str(path),
            hint="fix the YAML syntax",
            problems=[{"path": "(file)", "value": None, "expected": "valid YAML", "line": line}],
        ) from None
    return data, lambda: _yaml_lines(node) if node is not None else {}


def _with_control_characters(
    data: Any, loc: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
    """The paths of the strings in `data` that hold a control character."""
    if isinstance(data, str):
        return [loc] if CONTROL_CHARACTERS.search(data) else []
    if isinstance(data, dict):
        return [
            bad
            for key, value in data.items()
            for bad in _with_control_characters(value, (*loc, key))
        ]
    if isinstance(data, list):
        return [
            bad for i, item in enumerate(data) for bad in _with_control_characters(item, (*loc, i))
        ]
    return []


def _schema_error(problems: list[dict[str, Any]], source: str) -> SchemaError:
    """One SchemaError listing the problems (the first MAX_PROBLEMS), the first in its message.

    Every value quoted is cut short: a file may hold a value of any length.
    """
    shown = [
        {**problem, "value": shorten(problem["value"]), "path": shorten(problem["path"], 200)}
        for problem in problems[:MAX_PROBLEMS]
    ]
    first = shown[0]
    where = f" (line {first['line']})" if first["line"] else ""
    more = f" (the first {MAX_PROBLEMS} are listed)" if len(problems) > MAX_PROBLEMS else ""
    return SchemaError(
        f"{len(problems)} problem(s) with the complaint{more}; first: {first['path']}{where}: "
        f"{first['expected']} (got {quoted(first['value'])})",
        source=source,
        hint=FIX_HINT,
        problems=shown,
    )


def parse_complaint(
    data: Any,
    *,
    source: str = "complaint",
    lines: Callable[[], dict[tuple[str | int, ...], int]] | None = None,
) -> Complaint:
    """Validate already-loaded data; raise SchemaError listing every problem.

    `lines`, when given, returns the map of field paths to file lines; it is called only when
    there is an error to report, so a valid file is parsed once.
    """
    if not isinstance(data, dict):
        raise SchemaError(
            "a complaint must be a mapping of fields",
            source=source,
            hint=FIX_HINT,
            problems=[
                {
                    "path": "(top level)",
                    "value": type(data).__name__,
                    "expected": "a mapping with body, complainant and heads",
                    "line": 1,
                }
            ],
        )
    controlled = _with_control_characters(data)
    if controlled:
        line_map = lines() if lines else {}
        raise _schema_error(
            [
                {
                    "path": _path_text(loc),
                    "value": _value_at(data, loc),
                    "expected": "text without control characters (such as terminal escape codes)",
                    "line": _line_for(loc, line_map),
                }
                for loc in controlled
            ],
            source,
        )
    try:
        return Complaint.model_validate(data)
    except ValidationError as error:
        line_map = lines() if lines else {}
        problems = []
        for item in error.errors():
            loc = tuple(item["loc"])
            value = item.get("input") if item["type"] != "missing" else None
            problems.append(
                {
                    "path": _path_text(loc),
                    "value": value,
                    "expected": item["msg"],
                    "line": _line_for(loc, line_map),
                }
            )
        raise _schema_error(problems, source) from None


def load_complaint(path: str | Path) -> Complaint:
    """Read a structured complaint (.yaml, .yml or .json).

    A plain-text letter (.txt) is not read yet: that is a later piece of work, so it is refused
    with an error that says how to write the complaint as YAML instead.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raise InputError(
            "plain-text letters are not read yet",
            source=str(path),
            hint="write the complaint's facts as YAML or JSON instead; `ombuds schema complaint` "
            "prints the fields and examples/complaints/ has worked examples",
        )
    if suffix not in STRUCTURED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}",
            source=str(path),
            hint="give a .yaml, .yml or .json complaint",
        )
    if not path.is_file():
        raise InputError("no such file", source=str(path), hint="check the path")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"the file is {size:,} bytes, above the {MAX_FILE_BYTES:,}-byte limit for a complaint",
            source=str(path),
            hint="a complaint file holds its facts, not its documents; check this is the right file",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(
            "not UTF-8 text", source=str(path), hint="save the complaint as UTF-8"
        ) from None
    if not text.strip():
        raise UnreadableFile("the file is empty", source=str(path), hint=FIX_HINT)
    data, lines = _read_data(path, text)
    return parse_complaint(data, source=str(path), lines=lines)
