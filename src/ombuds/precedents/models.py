"""What a precedent search answers: the nearest published decisions and their vote."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Precedent(BaseModel):
    reference: str
    body: str | None
    category: str | None
    decision: str | None  # the published outcome label
    decision_date: dt.date | None
    main_ground: str | None  # the first ground the decision gives
    grounds: list[str] = Field(default_factory=list)
    referrals: list[str] = Field(default_factory=list)
    summary: str | None = None
    sentence: str | None = None  # the sentence sharing most of what was asked (plain text)
    score: float


class SecondOpinion(BaseModel):
    """The outcome the nearest precedents vote for, beside the engine's (or the published one)."""

    outcome: str | None  # the label most of the VOTERS nearest precedents have; None: no vote
    votes: dict[str, int]  # label -> how many of the nearest precedents have it
    voters: int
    engine: str | None  # the engine's outcome as a label, or the decision's own outcome
    engine_source: str  # "engine", "published" or "none"
    disagrees: bool


class Precedents(BaseModel):
    target: str  # the file or reference asked about
    method: str  # "bm25" or "embeddings"
    asked: list[str] = Field(default_factory=list)  # the words searched for (bm25)
    precedents: list[Precedent]
    second_opinion: SecondOpinion
