"""Fixtures for the store tests: every test that takes `store` runs on SQLite AND PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.corpus.models import Paragraph, ParsedDecision
from ombuds.corpus.store import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh database URL: a real SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus' / 'ombuds.db'}"
    return request.getfixturevalue("postgres_schema_url")


@pytest.fixture
def store(store_url):
    opened = open_store(store_url)
    yield opened
    opened.close()


def decision(
    reference: str | None = "24 015 969",
    *,
    body: str = "Kent County Council",
    category: str = "Education > School transport",
    label: str = "Closed after initial enquiries",
    date: dt.date | None = dt.date(2025, 2, 10),
    grounds=("better_placed",),
    referrals=("ico",),
    summary: str = "We will not investigate.",
    source: str = "test.txt",
) -> ParsedDecision:
    """A ParsedDecision as the parser would give it (only what a test sets varies)."""
    return ParsedDecision(
        source=source,
        reference=reference,
        body=body,
        category=category,
        decision=label,
        decision_date=date,
        complainant="Mr X",
        summary=summary,
        sections={"the_complaint": "Mr X complained."},
        paragraphs=[Paragraph(section="the_complaint", number=1, text="Mr X complained.")],
        statutes=["Local Government Act 1974, section 24A(6)"],
        grounds=list(grounds),
        referrals=list(referrals),
        related_references=[],
        warnings=[],
    )
