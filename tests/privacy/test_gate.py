"""The publication gate: pure decisions first, then the real store (a SQLite file)."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.errors import InputError, NotFound, PublicationBlocked
from ombuds.privacy.gate import (
    check_publication,
    finding_id,
    parse_override,
    publish_statement,
    require_clean,
)

WHEN = dt.datetime(2025, 2, 10, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def clean(seed_files) -> str:
    return seed_files[0].read_text(encoding="utf-8")


@pytest.fixture
def with_a_name(clean) -> str:
    text = clean.replace("Miss X complained her", "Miss Jolene Fairweather complained her", 1)
    assert text != clean
    return text


def test_clean_statement_passes(clean):
    decision = require_clean(clean)
    assert decision.passed and decision.findings == []


def test_a_name_left_in_blocks_with_the_finding(with_a_name):
    with pytest.raises(PublicationBlocked) as caught:
        require_clean(with_a_name)
    (finding,) = caught.value.findings
    assert (finding.entity, finding.text) == ("PERSON", "Miss Jolene Fairweather")
    assert finding.id == finding_id("PERSON", "Miss Jolene Fairweather")
    assert caught.value.exit_code == 5


def test_override_is_recorded_with_who_when_why(with_a_name):
    fid = finding_id("PERSON", "Miss Jolene Fairweather")
    override = parse_override(
        f"{fid}:the name of a public programme", reviewer="A Reviewer", at=WHEN
    )
    decision = check_publication(with_a_name, [override])
    assert decision.passed
    record = decision.to_record()
    assert record["overrides"] == [
        {
            "finding_id": fid,
            "reason": "the name of a public programme",
            "reviewer": "A Reviewer",
            "at": "2025-02-10T09:30:00+00:00",
        }
    ]
    assert record["findings"][0]["text"] == "Miss Jolene Fairweather"


@pytest.mark.parametrize(
    "spec,reviewer,message",
    [
        ("no-colon", "A", "not FINDING_ID:reason"),
        ("PERSON-1:", "A", "not FINDING_ID:reason"),
        ("PERSON-1:why", None, "reviewer"),
    ],
)
def test_bad_overrides(spec, reviewer, message):
    with pytest.raises(InputError, match=message):
        parse_override(spec, reviewer=reviewer, at=WHEN)


def test_override_of_an_unknown_finding_is_an_error(clean):
    override = parse_override("PERSON-00000000:typo", reviewer="A", at=WHEN)
    with pytest.raises(InputError, match="not a finding"):
        check_publication(clean, [override])


def test_publish_stores_only_clean_statements(tmp_path, clean, with_a_name):
    from ombuds.corpus.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    try:
        with pytest.raises(PublicationBlocked):
            publish_statement(with_a_name, store, source="dirty.txt")
        with pytest.raises(NotFound):
            store.get("24 015 969")
        status, decision = publish_statement(clean, store, source="clean.txt")
        assert status == "added" and decision.passed
        record = store.get("24 015 969")
        assert record["publication"]["passed"] is True
        assert record["publication"]["findings"] == []
    finally:
        store.close()


def test_publish_keeps_the_override_with_the_decision(tmp_path, with_a_name):
    from ombuds.corpus.store import open_store

    fid = finding_id("PERSON", "Miss Jolene Fairweather")
    override = parse_override(f"{fid}:consented to be named", reviewer="A Reviewer", at=WHEN)
    store = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    try:
        status, _ = publish_statement(with_a_name, store, source="s.txt", overrides=[override])
        assert status == "added"
        stored = store.get("24 015 969")["publication"]
        assert stored["overrides"][0]["reviewer"] == "A Reviewer"
        assert stored["overrides"][0]["reason"] == "consented to be named"
    finally:
        store.close()


@pytest.mark.postgres
def test_publish_to_postgresql(postgres_schema_url, clean, with_a_name):
    from ombuds.corpus.store import open_store

    store = open_store(postgres_schema_url)
    try:
        with pytest.raises(PublicationBlocked):
            publish_statement(with_a_name, store, source="dirty.txt")
        assert store.count() == 0
        status, _ = publish_statement(clean, store, source="clean.txt")
        assert status == "added"
        assert store.get("24 015 969")["publication"]["passed"] is True
    finally:
        store.close()
