"""Write a batch of parsed decisions in one transaction, with a few statements per batch.

Why batches and executemany: ingest of 100,000 decisions must run close to the speed of a raw
FTS insert, so each batch costs one lookup of the keys already stored, one multi-row insert per
table and one update per changed table, never a round trip per decision. Why one transaction:
a batch is stored entirely or not at all, so a killed ingest leaves no half-written decision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Literal, NamedTuple

import sqlalchemy as sa
from pydantic_core import PydanticSerializationError, to_json

from ombuds.corpus.models import ParsedDecision
from ombuds.corpus.store import counts as facet_counts
from ombuds.corpus.store.bulk import copy_rows
from ombuds.corpus.store.pairs import phrase_pairs, write_pairs
from ombuds.corpus.store.rank_index import write_postings
from ombuds.corpus.store.schema import (
    corpus_state,
    decision_documents,
    decision_grounds,
    decision_referrals,
    decisions,
)
from ombuds.corpus.store.terms import count_words
from ombuds.vocabulary import normalise_reference

log = logging.getLogger(__name__)

_DECISION_COLUMNS = [c.name for c in decisions.columns]
# Where the values set at writing sit in Prepared.values (the columns less the id).
_STORED_AT = _DECISION_COLUMNS.index("stored_at") - 1
_BLOCK = _DECISION_COLUMNS.index("rank_block") - 1

UpsertStatus = Literal["added", "updated", "unchanged"]
NO_REFERENCE_WARNING = "no reference found: stored under the hash of its text"
_KEY_CHUNK = 500  # keys per IN (...) lookup, well under every driver's parameter limit


class UpsertItem(NamedTuple):
    """One decision to store: what the parser read, the text it read it from, and optionally the
    publication record (gate result, reviewer overrides) of `ombuds publish`."""

    parsed: ParsedDecision
    text: str
    publication: dict | None = None


class EncodedJSON(str):
    """A JSON document already encoded, by the process that prepared it: the engine's JSON
    serialiser (`serialise_json`) passes it through instead of encoding it again. Ingest's
    parsing processes encode each document, so the writer neither rebuilds nor re-encodes it."""


def serialise_json(value: object) -> str:
    """The JSON serialiser of every store engine (`engine.py` passes it to create_engine)."""
    if isinstance(value, EncodedJSON):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_key(reference: str | None, digest: str) -> str:
    """The key a decision is stored under: its normalised reference, else its text's hash."""
    if reference and reference.strip():
        return normalise_reference(reference) or " ".join(reference.split())
    return f"sha256:{digest}"


@dataclass
class Prepared:
    """A decision ready to write: rows of plain values, no model objects.

    Ingest prepares decisions in its parsing processes, so what crosses to the writer is cheap
    to pass between processes and the writer only writes. `row["stored_at"]` is set when the
    batch is written.
    """

    key: str
    digest: str
    row: dict
    document: EncodedJSON
    publication: dict | None
    text: str
    grounds: list[str]
    referrals: list[str]
    words: str = ""  # the text's words and their counts, for ranking (terms.count_words)
    counts: bytes = b""
    # Its adjacent word pairs (pairs.phrase_pairs), for PostgreSQL's phrase index; None when the
    # parsing process did not compute them (a SQLite store never needs them).
    pairs: bytes | None = None
    # `row`'s values in the table's column order less the id, as SQLite stores them (dates as
    # ISO text): built by the parsing process, so the writer only adds the id, the time and the
    # block (`_sqlite_row`), about 20 us a decision less in the process that writes.
    values: tuple = ()


def prepare(item: UpsertItem, *, pairs: bool = False) -> Prepared:
    """What `write_batch` writes for one decision (hash, key, rows); pure, so any process can
    do it. With `pairs` (a PostgreSQL store), also its adjacent word pairs."""
    parsed, text = item.parsed, item.text
    digest = content_hash(text)
    key = record_key(parsed.reference, digest)
    warnings = list(parsed.warnings)
    if key.startswith("sha256:"):
        log.warning("%s: %s", parsed.source, NO_REFERENCE_WARNING)
        if NO_REFERENCE_WARNING not in warnings:
            warnings.append(NO_REFERENCE_WARNING)
    words, counts, length = count_words(text)
    grounds = list(dict.fromkeys(str(g) for g in parsed.grounds))
    referrals = list(dict.fromkeys(str(r) for r in parsed.referrals))
    row = {
        "key": key,
        "reference": None if key.startswith("sha256:") else key,
        "body": parsed.body,
        "category": parsed.category,
        "decision": parsed.decision,
        "decision_date": parsed.decision_date,
        "year": parsed.decision_date.year if parsed.decision_date else None,
        "complainant": parsed.complainant,
        "summary": parsed.summary,
        "content_hash": digest,
        "stored_at": None,
        "source": parsed.source,
        "words": length,
        "rank_block": None,
    }
    paragraphs = _paragraph_spans(parsed, text)
    fields = {
        # Sections are usually their paragraphs joined: then they are rebuilt on reading
        # instead of being stored twice (see document_fields); otherwise they are kept as given.
        "sections": None if derivable_sections(parsed) else parsed.sections,
        "paragraphs": paragraphs,
        "statutes": parsed.statutes,
        "grounds": grounds,
        "referrals": referrals,
        "related_references": parsed.related_references,
        "warnings": warnings,
    }
    document = EncodedJSON(_json(fields))
    values = tuple(_sqlite_value(row[c]) for c in _DECISION_COLUMNS[1:])
    return Prepared(
        key,
        digest,
        row,
        document,
        item.publication,
        text,
        grounds,
        referrals,
        words,
        counts,
        phrase_pairs(text) if pairs else None,
        values,
    )


def _json(fields: dict) -> str:
    """`fields` as compact JSON, exactly as json.dumps(ensure_ascii=False) writes it, by
    pydantic-core's encoder (half the CPU); json.dumps for what it refuses (lone surrogates)."""
    try:
        return to_json(fields).decode("utf-8")
    except PydanticSerializationError:
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def _paragraph_spans(parsed: ParsedDecision, text: str) -> list[list]:
    """Paragraphs as stored: `[section, number, start, end]` when the paragraph is the stored
    text's `text[start:end]` (nearly always), else `[section, number, paragraph text]`.

    Why: the stored text already holds every paragraph; writing each one again as JSON made the
    database half as large again and ingest a third slower.
    """
    spans: list[list] = []
    cursor = 0
    for p in parsed.paragraphs:
        start = text.find(p.text, cursor)
        if start < 0 or not p.text:
            spans.append([p.section, p.number, p.text])
            continue
        cursor = start + len(p.text)
        spans.append([p.section, p.number, start, cursor])
    return spans


def _paragraphs(stored: list, text: str) -> list[dict]:
    """The paragraphs of a stored document, as ParsedDecision gives them."""
    out = []
    for p in stored:
        if isinstance(p, dict):  # written before spans were used
            out.append(p)
        elif len(p) == 4:
            out.append({"section": p[0], "number": p[1], "text": text[p[2] : p[3]]})
        else:
            out.append({"section": p[0], "number": p[1], "text": p[2]})
    return out


def _joined_sections(paragraphs: list[dict]) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        sections.setdefault(paragraph["section"], []).append(paragraph["text"])
    return {key: "\n\n".join(texts) for key, texts in sections.items()}


def derivable_sections(parsed: ParsedDecision) -> bool:
    """Whether the sections are exactly their paragraphs joined by blank lines, in order."""
    texts: dict[str, list[str]] = {}
    for paragraph in parsed.paragraphs:
        texts.setdefault(paragraph.section, []).append(paragraph.text)
    sections = parsed.sections
    return list(texts) == list(sections) and all(
        "\n\n".join(parts) == sections[key] for key, parts in texts.items()
    )


def document_fields(document: dict, text: str) -> dict:
    """The ParsedDecision fields kept in a stored document (with the stored `text` its
    paragraph spans point into), in their JSON form."""
    paragraphs = _paragraphs(document.get("paragraphs", []), text)
    sections = document.get("sections")
    return {
        "sections": _joined_sections(paragraphs) if sections is None else sections,
        "paragraphs": paragraphs,
        "statutes": document.get("statutes", []),
        "grounds": document.get("grounds", []),
        "referrals": document.get("referrals", []),
        "related_references": document.get("related_references", []),
        "warnings": document.get("warnings", []),
    }


def _stored(connection: sa.Connection, keys: list[str]) -> dict[str, tuple[int, str, dict | None]]:
    """key -> (id, content_hash, publication) for the keys already in the store."""
    found: dict[str, tuple[int, str, dict | None]] = {}
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        rows = connection.execute(
            sa.select(
                decisions.c.key,
                decisions.c.id,
                decisions.c.content_hash,
                decision_documents.c.publication,
            )
            .join(decision_documents, decision_documents.c.decision_id == decisions.c.id)
            .where(decisions.c.key.in_(chunk))
        )
        for key, id_, digest, publication in rows:
            found[key] = (id_, digest, publication)
    return found


def write_batch(
    connection: sa.Connection, items: list[UpsertItem | Prepared]
) -> list[UpsertStatus]:
    """Store `items` on `connection` (inside the caller's transaction); one status per item.

    Items are applied in order, so a key met twice in one batch is "added" then "updated" (or
    "unchanged"), exactly as if they had come in separate batches.
    """
    if not items:
        return []
    stored_at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    postgres = connection.dialect.name == "postgresql"
    prepared = [
        item if isinstance(item, Prepared) else prepare(item, pairs=postgres) for item in items
    ]
    for p in prepared:
        p.row["stored_at"] = stored_at
    stored = _stored(connection, list(dict.fromkeys(p.key for p in prepared)))

    statuses: list[UpsertStatus] = []
    new: dict[str, Prepared] = {}
    changed: dict[str, tuple[int, Prepared]] = {}
    for p in prepared:
        if p.key in new:
            previous = new[p.key]
            same = p.digest == previous.digest and p.publication in (None, previous.publication)
            if not same:
                p.publication = p.publication if p.publication is not None else previous.publication
                new[p.key] = p
            statuses.append("unchanged" if same else "updated")
            continue
        if p.key in stored:
            id_, digest, publication = stored[p.key]
            same = p.digest == digest and p.publication in (None, publication)
            if same:
                statuses.append("unchanged")
                continue
            if p.publication is None:
                p.publication = publication
            stored[p.key] = (id_, p.digest, p.publication)
            changed[p.key] = (id_, p)
            statuses.append("updated")
            continue
        new[p.key] = p
        statuses.append("added")

    written = list(new.values()) + [p for _id, p in changed.values()]
    if not written:
        return statuses
    # The batch's block number for its word counts: the store's next generation, taken with a
    # row lock, so that concurrent writers (PostgreSQL) never share one.
    block = connection.execute(
        corpus_state.update()
        .values(generation=corpus_state.c.generation + 1)
        .returning(corpus_state.c.generation)
    ).scalar_one()
    for p in written:
        p.row["rank_block"] = block
    removed = facet_counts.stored_values(connection, [id_ for id_, _p in changed.values()])
    ids: dict[str, int] = {}
    if new:
        ids = _insert(connection, list(new.values()))
    if changed:
        _update(connection, list(changed.values()))
        ids.update({key: id_ for key, (id_, _p) in changed.items()})
    for table, column, rows in (
        ("decision_grounds", "ground", [(ids[p.key], g) for p in written for g in p.grounds]),
        ("decision_referrals", "referral", [(ids[p.key], r) for p in written for r in p.referrals]),
    ):
        _insert_pairs(connection, table, column, rows)
    write_postings(connection, [(ids[p.key], p.words, p.counts) for p in written], block)
    if postgres:
        write_pairs(
            connection,
            [(ids[p.key], phrase_pairs(p.text) if p.pairs is None else p.pairs) for p in written],
            block,
        )
    added = [
        pair for p in written for pair in facet_counts.facet_values(p.row, p.grounds, p.referrals)
    ]
    facet_counts.apply(connection, added, removed)
    return statuses


def _insert_pairs(
    connection: sa.Connection, table: str, column: str, rows: list[tuple[int, str]]
) -> None:
    """(decision id, value) rows into `table` (ours): by COPY on PostgreSQL, one plain
    executemany on SQLite (each row through SQLAlchemy's parameter handling, or as one
    statement on PostgreSQL, cost more than the server's work on them)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table, ["decision_id", column], rows)
    else:
        connection.exec_driver_sql(
            f"INSERT INTO {table} (decision_id, {column}) VALUES (?, ?)", rows
        )


def _insert(connection: sa.Connection, new: list[Prepared]) -> dict[str, int]:
    """Insert new decisions with their documents (and on SQLite their full-text rows); returns
    key -> id. PostgreSQL takes them by COPY, several times faster than multi-row INSERTs."""
    if connection.dialect.name == "postgresql":
        return _copy_new(connection, new)
    # SQLite: this transaction holds the database's write lock (BEGIN IMMEDIATE), so the next
    # ids are ours to give, as SQLite would (largest + 1). Plain executemany with our ids avoids
    # INSERT ... RETURNING, which SQLAlchemy must send row by row to keep the rows' order.
    last = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM decisions").scalar_one()
    ids = {p.key: last + number for number, p in enumerate(new, 1)}
    connection.exec_driver_sql(
        f"INSERT INTO decisions ({', '.join(_DECISION_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_DECISION_COLUMNS))})",
        [_sqlite_row(ids[p.key], p) for p in new],
    )
    connection.exec_driver_sql(
        "INSERT INTO decision_documents (decision_id, document, publication, text) "
        "VALUES (?, ?, ?, ?)",
        [
            (
                ids[p.key],
                str(p.document),
                None if p.publication is None else serialise_json(p.publication),
                p.text,
            )
            for p in new
        ],
    )
    # FTS rows by one executemany, not a trigger: see migrations/versions/0001_corpus.py.
    connection.exec_driver_sql(
        "INSERT INTO decisions_fts(rowid, text) VALUES (?, ?)", [(ids[p.key], p.text) for p in new]
    )
    return ids


def _sqlite_value(value: object) -> object:
    """A value as SQLAlchemy stores it in SQLite (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _sqlite_row(id_: int, p: Prepared) -> tuple:
    """The decisions row of `p` for SQLite, in _DECISION_COLUMNS' order."""
    v = p.values or tuple(_sqlite_value(p.row[c]) for c in _DECISION_COLUMNS[1:])
    stored_at, block = p.row["stored_at"], p.row["rank_block"]
    return (id_, *v[:_STORED_AT], stored_at, *v[_STORED_AT + 1 : _BLOCK], block, *v[_BLOCK + 1 :])


def _copy_new(connection: sa.Connection, new: list[Prepared]) -> dict[str, int]:
    numbers = connection.execute(
        sa.text(
            "SELECT nextval(pg_get_serial_sequence('decisions', 'id')) FROM generate_series(1, :n)"
        ),
        {"n": len(new)},
    ).scalars()
    ids = {p.key: int(i) for p, i in zip(new, numbers, strict=True)}
    copy_rows(
        connection,
        "decisions",
        _DECISION_COLUMNS,
        ([ids[p.key] if c == "id" else p.row[c] for c in _DECISION_COLUMNS] for p in new),
    )
    copy_rows(
        connection,
        "decision_documents",
        ["decision_id", "document", "publication", "text"],
        (
            (
                ids[p.key],
                str(p.document),
                None if p.publication is None else serialise_json(p.publication),
                p.text,
            )
            for p in new
        ),
    )
    return ids


def _update(connection: sa.Connection, changed: list[tuple[int, Prepared]]) -> None:
    """Rewrite changed decisions in place (same id), replacing their grounds and referrals."""
    ids = [id_ for id_, _p in changed]
    row_columns = [c for c in decisions.c.keys() if c not in ("id", "key")]  # noqa: SIM118  # a ColumnCollection iterates over columns, not names
    connection.execute(
        decisions.update()
        .where(decisions.c.id == sa.bindparam("b_id"))
        .values({c: sa.bindparam(f"b_{c}") for c in row_columns}),
        [{"b_id": id_, **{f"b_{c}": p.row[c] for c in row_columns}} for id_, p in changed],
    )
    connection.execute(
        decision_documents.update()
        .where(decision_documents.c.decision_id == sa.bindparam("b_id"))
        .values(
            document=sa.bindparam("b_document"),
            publication=sa.bindparam("b_publication"),
            text=sa.bindparam("b_text"),
        ),
        [
            {
                "b_id": id_,
                "b_document": p.document,
                "b_publication": p.publication,
                "b_text": p.text,
            }
            for id_, p in changed
        ],
    )
    for start in range(0, len(ids), _KEY_CHUNK):
        chunk = ids[start : start + _KEY_CHUNK]
        connection.execute(
            decision_grounds.delete().where(decision_grounds.c.decision_id.in_(chunk))
        )
        connection.execute(
            decision_referrals.delete().where(decision_referrals.c.decision_id.in_(chunk))
        )
