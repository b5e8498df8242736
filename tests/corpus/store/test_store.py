"""Writing and reading decisions, on both backends (see conftest: `store` is parametrised)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from ombuds.corpus.models import ParsedDecision, SearchQuery
from ombuds.corpus.store import NotFound, UpsertItem, open_store
from ombuds.corpus.store.writer import NO_REFERENCE_WARNING, content_hash

from .conftest import decision

TEXT = "Kent County Council (24 015 969)\nThe complaint\nMr X complained about school transport."


def _rows(store, sql: str) -> list[tuple]:
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(sa.text(sql))]


def test_upsert_reports_added_unchanged_updated(store):
    assert store.upsert(decision(), TEXT) == "added"
    assert store.upsert(decision(), TEXT) == "unchanged"
    assert store.upsert(decision(), TEXT + " Changed.") == "updated"
    assert store.count() == 1
    assert store.get("24 015 969")["text"] == TEXT + " Changed."


def test_the_reference_is_normalised_so_any_spelling_is_the_same_decision(store):
    assert store.upsert(decision("24-015-969"), TEXT) == "added"
    assert store.upsert(decision("24015969"), TEXT) == "unchanged"
    for spelling in ("24 015 969", "24-015-969", "24015969", " 24 015 969 "):
        assert store.get(spelling)["reference"] == "24 015 969"


def test_get_returns_every_parsed_field_plus_text_hash_publication_and_time(store):
    parsed = decision(
        grounds=("could_not_add", "better_placed"), referrals=("social_work_england", "ico")
    )
    store.upsert(parsed, TEXT, publication={"by": "reviewer", "why": "checked"})
    record = store.get("24 015 969")
    expected = parsed.model_dump(mode="json")
    for key, value in expected.items():
        assert record[key] == value, key
    assert record["grounds"] == ["could_not_add", "better_placed"]  # the parser's order is kept
    assert record["content_hash"] == content_hash(TEXT)
    assert record["publication"] == {"by": "reviewer", "why": "checked"}
    assert dt.datetime.fromisoformat(record["stored_at"]).tzinfo is not None
    assert (
        ParsedDecision.model_validate(
            {k: v for k, v in record.items() if k in ParsedDecision.model_fields}
        )
        == parsed
    )


def test_sections_that_are_not_just_their_paragraphs_are_kept_as_given(store):
    parsed = decision()
    parsed.sections = {
        "the_complaint": "A subheading\n\nMr X complained.",
        "final_decision": "We will not investigate.",
    }
    store.upsert(parsed, TEXT)
    record = store.get("24 015 969")
    assert record["sections"] == parsed.sections
    assert record["paragraphs"] == [
        {"section": "the_complaint", "number": 1, "text": "Mr X complained."}
    ]


def test_unknown_or_malformed_reference_is_not_found_with_a_hint(store):
    store.upsert(decision(), TEXT)
    with pytest.raises(NotFound) as error:
        store.get("99 999 999")
    assert "99 999 999" in str(error.value) and "ingest" in str(error.value)
    with pytest.raises(NotFound) as error:
        store.get("not a reference")
    assert "24 015 969" in error.value.hint


def test_publication_is_kept_when_not_given_and_updated_when_it_changes(store):
    store.upsert(decision(), TEXT, publication={"by": "a"})
    assert store.upsert(decision(), TEXT) == "unchanged"
    assert store.get("24015969")["publication"] == {"by": "a"}
    assert store.upsert(decision(), TEXT, publication={"by": "a"}) == "unchanged"
    assert store.upsert(decision(), TEXT, publication={"by": "b", "overrides": [1]}) == "updated"
    assert store.get("24015969")["publication"] == {"by": "b", "overrides": [1]}
    assert store.upsert(decision(), TEXT + " new") == "updated"
    assert store.get("24015969")["publication"] == {"by": "b", "overrides": [1]}


def test_a_decision_without_reference_is_keyed_by_its_hash_and_warned_about(store):
    assert store.upsert(decision(None), "text one") == "added"
    assert store.upsert(decision(None), "text one") == "unchanged"
    assert store.upsert(decision(None), "text two") == "added"
    key = f"sha256:{content_hash('text one')}"
    record = store.get(key)
    assert record["reference"] is None
    assert NO_REFERENCE_WARNING in record["warnings"]
    hits = store.search(SearchQuery(q="one")).results
    assert [h.reference for h in hits] == [key]


def test_grounds_and_referrals_live_in_their_own_tables_and_follow_updates(store):
    store.upsert(decision(grounds=("late", "better_placed", "late"), referrals=("ico",)), TEXT)
    assert sorted(_rows(store, "SELECT ground FROM decision_grounds")) == [
        ("better_placed",),
        ("late",),
    ]
    store.upsert(decision(grounds=("premature",), referrals=()), TEXT + " v2")
    assert _rows(store, "SELECT ground FROM decision_grounds") == [("premature",)]
    assert _rows(store, "SELECT referral FROM decision_referrals") == []
    assert store.search(SearchQuery(ground="late")).total == 0
    assert store.search(SearchQuery(ground="premature")).total == 1


def test_upsert_many_applies_items_in_order_in_one_call(store):
    statuses = store.upsert_many(
        [
            UpsertItem(decision("24 000 001"), "first"),
            (decision("24 000 002"), "second"),
            (decision("24 000 001"), "first"),
            (decision("24 000 001"), "first, edited"),
        ]
    )
    assert statuses == ["added", "added", "unchanged", "updated"]
    assert store.count() == 2
    assert store.get("24 000 001")["text"] == "first, edited"
    assert store.search(SearchQuery(q="edited")).total == 1


def test_a_batch_that_fails_midway_stores_nothing(store, monkeypatch):
    from ombuds.corpus.store import writer

    store.upsert(decision("24 000 001"), "kept")
    original = writer._update

    def update_then_fail(connection, changed):
        original(connection, changed)  # the new row and the update are already sent
        raise RuntimeError("power cut mid-batch")

    monkeypatch.setattr(writer, "_update", update_then_fail)
    with pytest.raises(RuntimeError):
        store.upsert_many([(decision("24 000 002"), "new"), (decision("24 000 001"), "changed")])
    assert store.count() == 1
    assert store.get("24 000 001")["text"] == "kept"
    assert store.search(SearchQuery(q="changed")).total == 0
    assert store.check_consistency() == []


def test_stats_counts_by_decision_category_ground_referral_and_year(store):
    store.upsert(
        decision(
            "24 000 001", label="Upheld", date=dt.date(2024, 5, 1), grounds=("late",), referrals=()
        ),
        "a",
    )
    store.upsert(
        decision("24 000 002", category="Housing > Homelessness", date=dt.date(2025, 1, 2)), "b"
    )
    store.upsert(decision("24 000 003", date=None, grounds=(), referrals=("ico",)), "c")
    figures = store.stats()
    assert figures["decisions"] == 3
    assert figures["by_decision"] == {"Closed after initial enquiries": 2, "Upheld": 1}
    assert figures["by_category"] == {
        "Education > School transport": 2,
        "Housing > Homelessness": 1,
    }
    assert figures["by_ground"] == {"better_placed": 1, "late": 1}
    assert figures["by_referral"] == {"ico": 2}
    assert figures["by_year"] == {"2025": 1, "2024": 1}
    assert figures["by_body"] == {"Kent County Council": 3}


def test_empty_store_has_zero_stats_and_no_results(store):
    assert store.stats()["decisions"] == 0
    results = store.search(SearchQuery(q="anything"))
    assert results.total == 0 and results.results == []
    assert store.search(SearchQuery()).total == 0


def test_reopening_keeps_the_data_and_does_not_migrate_again(store_url):
    with open_store(store_url) as first:
        first.upsert(decision(), TEXT)
    with open_store(store_url) as second:
        assert second.get("24 015 969")["text"] == TEXT
        assert second.check_consistency() == []


def test_a_database_that_goes_away_is_a_storage_error_naming_it(tmp_path):
    from ombuds.errors import StorageError

    path = tmp_path / "gone.db"
    store = open_store(f"sqlite:///{path}")
    store.upsert(decision("24 000 001"), "text")
    store.engine.dispose()  # drop pooled connections, then take the file away
    path.unlink()
    path.mkdir()  # a folder where the database was: SQLite cannot open it
    for read in (
        lambda: store.search(SearchQuery(q="x")),
        lambda: store.get("24 000 001"),
        store.stats,
        store.count,
    ):
        with pytest.raises(StorageError, match="cannot read the database") as caught:
            read()
        assert str(path) in str(caught.value)


def test_paragraphs_are_kept_as_spans_of_the_text_when_they_are_part_of_it(store_url):
    from ombuds.corpus.models import Paragraph

    parsed = decision()
    text = "Kent County Council (24 015 969)\n1. Mr X complained.\n2. The council replied."
    parsed.paragraphs = [
        Paragraph(section="the_complaint", number=1, text="Mr X complained."),
        Paragraph(section="assessment", number=2, text="The council replied."),
        Paragraph(section="assessment", number=3, text="Not in the text at all."),
    ]
    parsed.sections = {
        "the_complaint": "Mr X complained.",
        "assessment": "The council replied.\n\nNot in the text at all.",
    }
    with open_store(store_url) as store:
        store.upsert(parsed, text)
        record = store.get("24 015 969")
        with store.engine.connect() as connection:
            stored = connection.execute(
                sa.text("SELECT document FROM decision_documents")
            ).scalar_one()
    stored = stored if isinstance(stored, dict) else __import__("json").loads(stored)
    assert stored["paragraphs"][:2] == [["the_complaint", 1, 36, 52], ["assessment", 2, 56, 76]]
    assert stored["paragraphs"][2] == ["assessment", 3, "Not in the text at all."]
    assert [p["text"] for p in record["paragraphs"]] == [p.text for p in parsed.paragraphs]
    assert record["sections"] == parsed.sections


def test_kept_counts_follow_updates_and_match_the_rows(store):
    """stats reads the counts the writer keeps; re-storing a decision with other facts moves its
    counts, and they always equal a fresh count of the rows."""
    store.upsert_many(
        [
            (decision("24 000 001", body="Kent County Council", grounds=("late",)), "one"),
            (decision("24 000 002", body="Kent County Council", referrals=()), "two"),
        ]
    )
    store.upsert(decision("24 000 001", body="Leeds City Council", label="Upheld"), "one, again")
    figures = store.stats()
    assert figures["decisions"] == 2
    assert figures["by_body"] == {"Kent County Council": 1, "Leeds City Council": 1}
    assert figures["by_decision"] == {"Closed after initial enquiries": 1, "Upheld": 1}
    assert figures["by_ground"] == {"better_placed": 2}
    assert figures["by_referral"] == {"ico": 1}
    assert store.check_consistency() == []
