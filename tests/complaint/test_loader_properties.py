"""Properties of the complaint loader: whatever a file holds, the loader returns a Complaint or
raises a domain error (InputError) with a short message, never another exception; YAML and JSON
holding the same data give the same verdict; and every line it names is in the file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ombuds.complaint import Complaint, load_complaint
from ombuds.errors import InputError, SchemaError

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
SEED_DATA = json.loads(load_complaint(SEED).model_dump_json(exclude_none=True))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["2025-02-30", "0000-01-01", "yes", "no", "~", "null", "1e999"]),
)
data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=40,
)


def _paths(value, prefix=()):
    """Every path into a JSON-like value, leaves and branches."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


def _verdict(path: Path):
    """("ok", None) or ("error", the problems' paths); anything else fails the test."""
    try:
        complaint = load_complaint(path)
    except SchemaError as error:
        assert len(str(error)) < 3000
        lines = path.read_text(encoding="utf-8").count("\n") + 1
        for problem in error.problems:
            assert problem["line"] is None or 1 <= problem["line"] <= lines, problem
        return "error", sorted(p["path"] for p in error.problems)
    except InputError as error:
        assert len(str(error)) < 3000
        return "refused", None
    assert isinstance(complaint, Complaint)
    return "ok", None


@given(text=st.text(max_size=400), suffix=st.sampled_from([".yaml", ".json"]))
@example(text="a: &a [*a]", suffix=".yaml")
@example(text="a: !!python/object/apply:os.system ['id']", suffix=".yaml")
@example(text="a: !!binary AAA=", suffix=".yaml")
@example(text="body: 2025-02-30 12:00:00", suffix=".yaml")
@example(text='{"a": 1e999999}', suffix=".json")
@example(text="[" * 40, suffix=".json")
@settings(
    max_examples=settings.default.max_examples * 3,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_file_is_a_complaint_or_a_short_domain_error(tmp_path, text, suffix):
    path = tmp_path / f"complaint{suffix}"
    path.write_text(text, encoding="utf-8")
    _verdict(path)


@given(value=data)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_yaml_and_json_of_the_same_data_give_the_same_verdict(tmp_path, value):
    as_yaml = tmp_path / "c.yaml"
    as_json = tmp_path / "c.json"
    text = yaml.safe_dump(value, allow_unicode=True)
    assume(yaml.safe_load(text) == value)  # YAML reads some characters (U+0085) as line breaks
    as_yaml.write_text(text, encoding="utf-8")
    as_json.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    assert _verdict(as_yaml) == _verdict(as_json)


@given(where=st.sampled_from(list(_paths(SEED_DATA))[1:]), new=data)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_one_wrong_value_in_a_real_complaint_is_reported_at_its_path(tmp_path, where, new):
    changed = _replace(SEED_DATA, where, new)
    for suffix, text in (
        (".yaml", yaml.safe_dump(changed, allow_unicode=True, sort_keys=False)),
        (".json", json.dumps(changed, ensure_ascii=False, indent=2)),
    ):
        path = tmp_path / f"c{suffix}"
        path.write_text(text, encoding="utf-8")
        verdict, problem_paths = _verdict(path)
        if verdict == "error":
            # Every problem is at the changed value, inside it, or at a field it makes missing
            # or inconsistent beside it (its parent or a sibling).
            top = str(where[0])
            assert any(p.startswith(top) or p == "(top level)" for p in problem_paths), (
                where,
                problem_paths,
            )
