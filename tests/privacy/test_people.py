"""The pseudonym map: saved, loaded, and refused when it is not one."""

from __future__ import annotations

import pytest

from ombuds.errors import InputError
from ombuds.privacy.people import Person, PseudonymMap, name_words, variants


def test_map_round_trip(tmp_path):
    path = tmp_path / "m.json"
    PseudonymMap([Person("Mrs X", "complainant", ["Mrs Okafor"], "Mrs", None, "Okafor")]).save(path)
    loaded = PseudonymMap.load(path)
    assert loaded.people[0].label == "Mrs X" and loaded.known_names() == ["Mrs Okafor"]
    assert loaded.used_letters() == {"X"}


def test_missing_map_starts_empty(tmp_path):
    assert PseudonymMap.load(tmp_path / "new.json").people == []


def test_bad_map_is_refused(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        PseudonymMap.load(path)
    path.write_text('{"people": [{"nope": 1}]}')
    with pytest.raises(InputError, match="not a pseudonym map"):
        PseudonymMap.load(path)


def test_name_words_and_variants():
    assert name_words("Mrs Ana de Souza") == ["Ana", "Souza"]
    assert name_words("MR SEAN MURPHY") == ["Sean", "Murphy"]
    assert {"Tom", "Thomas", "Tommy"} <= variants("Tom")
