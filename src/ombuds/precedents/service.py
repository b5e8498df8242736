"""Precedents: the published decisions most like a complaint, a letter or a stored decision.

    similar(url, "complaint.yaml")          # a complaint file or a letter (as `ombuds assess`)
    similar(url, "24 015 969", limit=5)     # a decision already in the corpus
    for_text(store, text, engine_outcome=...) # the casework app's case page
    for_reference(store, reference)           # the public decision page

Two methods, compared on one labelled set (docs/precedents.md): "bm25", the store's own full-text
ranking asked for the decision's key words (the default: it measured better), and "embeddings",
sentence vectors of all-MiniLM-L6-v2 (an optional extra). Each precedent comes with the sentence
that shares most of what was asked. The second opinion is the outcome most of the VOTERS nearest
precedents have, set beside the engine's outcome for a complaint (or the decision's own for a
stored decision) and flagged when the two differ.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ombuds.config import db_url
from ombuds.corpus.store import Store, open_store
from ombuds.corpus.store.writer import document_fields
from ombuds.errors import InputError
from ombuds.inputs import quoted
from ombuds.precedents import lexical, vectors
from ombuds.precedents.models import Precedent, Precedents, SecondOpinion
from ombuds.precedents.text import record_text, similar_sentence
from ombuds.vocabulary import PUBLISHED_LABELS, Outcome, normalise_reference

METHODS = (lexical.METHOD, vectors.METHOD)
DEFAULT_LIMIT = 5
MAX_LIMIT = 50
VOTERS = 5
CLOSED = "Closed after initial enquiries"
# Outcomes that close a complaint without an investigation: they agree with a "closed" vote.
_NOT_INVESTIGATED = {Outcome.closed_after_initial_enquiries, Outcome.invalid, Outcome.premature}


def check_method(method: str) -> str:
    if method not in METHODS:
        raise InputError(
            f"unknown method {quoted(method)}",
            source="--method",
            hint="one of: " + ", ".join(METHODS),
        )
    return method


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"the limit must be 1 to {MAX_LIMIT} (got {limit})",
            source="--limit",
            hint=f"give a number from 1 to {MAX_LIMIT}",
        )
    return limit


def engine_label(outcome: Outcome | str | None) -> str | None:
    """The engine's outcome in the words of the published labels ("Investigate" when it would
    investigate: the published outcome is then upheld or not)."""
    if outcome is None:
        return None
    outcome = Outcome(outcome)
    if outcome in _NOT_INVESTIGATED:
        return CLOSED
    return PUBLISHED_LABELS.get(outcome) or "Investigate"


def second_opinion(
    labels: list[str | None], engine: str | None, source: str = "engine"
) -> SecondOpinion:
    """The vote of the first VOTERS precedents' outcomes (a tie goes to the nearer precedent)."""
    voting = [label for label in labels[:VOTERS] if label]
    votes = Counter(voting)
    outcome = None
    if votes:
        top = max(votes.values())
        outcome = next(label for label in voting if votes[label] == top)
    disagrees = False
    if outcome and engine:  # "Investigate" agrees with either outcome of an investigation
        disagrees = outcome == CLOSED if engine == "Investigate" else outcome != engine
    return SecondOpinion(
        outcome=outcome,
        votes=dict(votes.most_common()),
        voters=len(voting),
        engine=engine,
        engine_source=source if engine else "none",
        disagrees=disagrees,
    )


def _nearest(
    store: Store, text: str, method: str, limit: int, skip: str | None
) -> tuple[dict[str, float], list[tuple[int, float]], dict[int, dict]]:
    """(the words asked with their idf, [(decision id, score)] best first, their records),
    the decision keyed `skip` left out."""
    with store.engine.connect() as connection:
        terms = lexical.matrix(connection)
    asked = terms.key_words(text, lexical.KEY_WORDS)
    weights = {w: float(terms.idf[terms.vocabulary[w]]) for w in asked}
    if method == lexical.METHOD:
        found = terms.nearest(asked, limit + 1)
    else:
        encode = vectors.encoder()
        vectors.index(store.engine, encode, record_text)
        found = vectors.matrix(store.engine).nearest(encode([text])[0], limit + 1)
    records = _records(store.engine, [i for i, _ in found])
    kept = [
        (i, score)
        for i, score in found
        if i in records and (skip is None or records[i]["key"] != skip)
    ]  # (a decision deleted since the matrix was built has no record)
    return weights, kept[:limit], records


_RECORD = (
    "SELECT d.id, d.key, d.reference, d.body, d.category, d.decision, d.decision_date, "
    "d.summary, doc.document, doc.text FROM decisions d JOIN decision_documents doc "
    "ON doc.decision_id = d.id WHERE d.id IN ({ids})"
)


def _records(engine: sa.Engine, ids: list[int]) -> dict[int, dict]:
    """The stored fields a precedent shows, for decisions `ids`, in one read."""
    if not ids:
        return {}
    listed = ", ".join(str(int(i)) for i in ids)  # our own integer ids
    with engine.connect() as connection:
        rows = connection.execute(sa.text(_RECORD.format(ids=listed))).mappings().all()
    found = {}
    for row in rows:
        document = row["document"]
        if isinstance(document, str):
            document = json.loads(document)
        fields = document_fields(document or {}, row["text"])  # as the store reads it back
        found[int(row["id"])] = {
            **dict(row),
            "sections": fields["sections"] or {},
            "grounds": fields["grounds"] or [],
            "referrals": fields["referrals"] or [],
        }
    return found


def _precedent(record: dict, score: float, asked: dict[str, float]) -> Precedent:
    grounds = list(record.get("grounds") or [])
    date = record["decision_date"]
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return Precedent(
        reference=record["reference"] or record["key"],
        body=record["body"],
        category=record["category"],
        decision=record["decision"],
        decision_date=date,
        main_ground=grounds[0] if grounds else None,
        grounds=grounds,
        referrals=list(record.get("referrals") or []),
        summary=record["summary"],
        sentence=similar_sentence(record_text(record), asked),
        score=round(score, 4),
    )


def for_text(
    store: Store,
    text: str,
    *,
    target: str = "text",
    engine: str | None = None,
    engine_source: str = "engine",
    limit: int = DEFAULT_LIMIT,
    method: str = lexical.METHOD,
    skip: str | None = None,
) -> Precedents:
    """The precedents of `text` in `store`, with the second opinion beside `engine`'s label."""
    check_method(method)
    check_limit(limit)
    asked, found, records = _nearest(store, text, method, max(limit, VOTERS), skip)
    precedents = [_precedent(records[i], score, asked) for i, score in found]
    return Precedents(
        target=target,
        method=method,
        asked=list(asked) if method == lexical.METHOD else [],
        precedents=precedents[:limit],
        second_opinion=second_opinion([p.decision for p in precedents], engine, engine_source),
    )


def for_reference(
    store: Store, reference: str, *, limit: int = DEFAULT_LIMIT, method: str = lexical.METHOD
) -> Precedents:
    """The precedents of a stored decision (itself left out); raises NotFound."""
    return for_record(store, store.get(reference), reference, limit=limit, method=method)


def for_record(
    store: Store,
    record: dict[str, Any],
    reference: str,
    *,
    limit: int = DEFAULT_LIMIT,
    method: str = lexical.METHOD,
) -> Precedents:
    """The precedents of a decision already read (`store.get(reference)`), itself left out."""
    return for_text(
        store,
        record_text(record),
        target=record["reference"] or reference,
        engine=record["decision"],
        engine_source="published",
        limit=limit,
        method=method,
        skip=normalise_reference(record["reference"] or "") or reference,
    )


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def file_text(path: str | Path) -> tuple[str, str | None, str | None]:
    """(the words of a complaint file or letter to search with, the engine's outcome label, the
    reference the complaint states, whose own published decision is no precedent for it)."""
    from ombuds.reading.service import assess_path
    from ombuds.reading.sources import is_structured_complaint, load_letter

    if str(path) == "-":  # read standard input once; the engine reads the same text again
        import sys
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "letter.txt"
            copy.write_text(sys.stdin.read(), encoding="utf-8")
            return file_text(copy)
    if is_structured_complaint(path):
        from ombuds.complaint import load_complaint

        complaint = load_complaint(path)
        data = complaint.model_dump(mode="json", exclude={"complainant", "representative"})
        text = "\n".join(strings(data))
        own = normalise_reference(complaint.reference or "")
    else:
        text, own = load_letter(path).text, None
    return text, engine_label(assess_path(path).outcome), own


def similar(
    url: str | None, target: str, *, limit: int = DEFAULT_LIMIT, method: str = lexical.METHOD
) -> Precedents:
    """`ombuds similar`: a complaint file, a letter, or the reference of a stored decision."""
    check_method(method)
    check_limit(limit)
    is_file = target == "-" or Path(target).is_file()
    if not is_file and normalise_reference(target) is None:
        raise InputError(
            f"{quoted(target)} is neither a file nor a decision reference",
            source="FILE|REFERENCE",
            hint="give a complaint YAML, a letter (.txt, .eml, .docx, .pdf) or a reference "
            "such as 24 015 969",
        )
    writable = method == vectors.METHOD  # the embeddings method stores the vectors it makes
    with open_store(db_url(url), create=False, read_only=None if writable else True) as store:
        if not is_file:
            return for_reference(store, target, limit=limit, method=method)
        text, engine, own = file_text(target)
        return for_text(
            store, text, target=target, engine=engine, limit=limit, method=method, skip=own
        )
