"""The default wording is our own: no run of eight words is shared with a published decision."""

from __future__ import annotations

import re
from pathlib import Path

import builders
import pytest

from ombuds.statement import draft_statement
from ombuds.vocabulary import Ground, Outcome, Referral

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "decisions" / "seeds"
RUN = 8  # words


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9']+", text)


def _runs(text: str) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEEDS.glob("*.txt"))
    assert files, f"no seed decisions in {SEEDS}"
    runs: set[tuple[str, ...]] = set()
    for f in files:
        runs |= _runs(f.read_text(encoding="utf-8"))
    return runs


def _drafts():
    yield builders.conduct_and_data_case()
    for g in Ground:
        yield builders.one_ground(g)
    for r in Referral:
        yield builders.assessment(
            builders.head("x", builders.finding(Ground.better_placed, "", referral=r))
        )
    yield builders.assessment(builders.head("a delay", outcome=Outcome.investigate))
    from ombuds.statement.draft import default_pack
    from ombuds.vocabulary import FindingResult

    for name in default_pack().settings["exceptions"]:
        for ground in (Ground.late, Ground.could_not_add):
            yield builders.assessment(
                builders.head(
                    "a delay",
                    builders.finding(
                        ground, "", result=FindingResult.exception_applies, exception=name
                    ),
                )
            )


def test_no_drafted_sentence_repeats_a_published_decision(seed_runs):
    copied = set()
    for a in _drafts():
        s = draft_statement(a)
        # The wording: the summary and every paragraph, each on its own (the header, headings,
        # citations and signature are the published form, not sentences).
        for text in [s.summary, *(t for p in s.paragraphs for t in [p.text, *p.items])]:
            copied |= _runs(text) & seed_runs
    assert not copied, sorted(" ".join(r) for r in copied)


def test_the_check_would_catch_a_pasted_sentence(seed_runs):
    pasted = (
        "We provide a free service, but must use public money carefully. "
        "We do not start or continue an investigation if we decide"
    )
    assert _runs(pasted) & seed_runs
