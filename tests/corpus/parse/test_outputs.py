"""The parser's whole output, kept: speed work must not change a single field.

- Every fixture and example, and a few hundred decisions of each bench corpus (made from the
  project's own files with a fixed seed), parse to exactly the output frozen in
  data/parse_outputs.json (a digest of the full `ParsedDecision` JSON and of the statement text
  `parse_document` returns, or of the error). After a change of output that is MEANT (a new
  ground pattern, a fixed reading), refresh it: `python bench/parse_outputs.py --freeze`, and say
  why in the commit.
- What the parser remembers between decisions (lines matched, short lines read, citations, page
  classes) never changes a result: the same texts parsed with every memo emptied before each,
  in reverse order, give the same outputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import parse_outputs  # noqa: E402
from ombuds.corpus.parse import forget  # noqa: E402


@pytest.fixture(scope="module")
def inputs() -> list[tuple[str, str]]:
    return parse_outputs.repo_inputs()


def test_outputs_are_the_frozen_ones(inputs):
    frozen = json.loads(parse_outputs.FROZEN.read_text(encoding="utf-8"))
    now = parse_outputs.digests(inputs)
    assert sorted(now) == sorted(frozen), "inputs added or gone: refresh with --freeze"
    changed_inputs = [name for name in now if now[name][0] != frozen[name][0]]
    assert not changed_inputs, (
        f"the inputs themselves changed (a bench generator?): {changed_inputs[:5]}"
    )
    changed = [name for name in now if now[name][1] != frozen[name][1]]
    assert not changed, f"{len(changed)} outputs changed, e.g. {changed[:5]}"


def test_memos_never_change_a_result(inputs):
    forget()
    in_order = {name: parse_outputs.output_of_text(text, name) for name, text in inputs}
    again = {name: parse_outputs.output_of_text(text, name) for name, text in inputs}
    afresh = {}
    for name, text in reversed(inputs):
        forget()
        afresh[name] = parse_outputs.output_of_text(text, name)
    assert again == in_order
    assert afresh == in_order
