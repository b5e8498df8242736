"""My assessment, part by part: the decision on a part (or on parts considered together) and the
reasons that carry it, each said once.

A reason or a body already given for an earlier part is pointed back to (`sections/again.j2`)
instead of being said again; short reasons share a paragraph, and a short paragraph of facts
joins the decision after it. The drafter (`ombuds.statement.draft`) keeps what has been said:
`said` (a reason's words to its paragraph number), `introduced` (a body to its paragraph) and
`earlier` (the kinds of decision written so far).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ombuds.code.result import Finding
from ombuds.statement.check import sentences, words
from ombuds.statement.facts import PartView
from ombuds.statement.model import StatementSection, Trace
from ombuds.statement.plan import PartPlan
from ombuds.vocabulary import GROUNDS, Ground

if TYPE_CHECKING:
    from ombuds.statement.draft import _Drafter

# A paragraph of My assessment that reasons may share: the style note's paragraphs of 1 to 5
# sentences, kept well inside the checker's limits.
SHARED_PARAGRAPH_SENTENCES = 4
SHARED_PARAGRAPH_WORDS = 75


def key(text: str) -> str:
    """A passage's words, to tell whether it was said before."""
    return " ".join(text.lower().split())


def fits(text: str) -> bool:
    """Whether a paragraph may take this text: at most the shared paragraph's length."""
    return (
        len(sentences(text)) <= SHARED_PARAGRAPH_SENTENCES
        and len(words(text)) <= SHARED_PARAGRAPH_WORDS
    )


def _trace(head: int | None, f: Finding) -> Trace:
    return Trace(head=head, ground=f.ground, stage=f.stage, referral=f.referral)


def decide(
    d: _Drafter,
    sec: StatementSection,
    group: list[PartPlan],
    views: list[PartView],
    opening: list[tuple[str, Trace]],
    *,
    after_facts: bool = False,
) -> None:
    """The decision on a part (or on parts considered together) and the reasons for it: the
    decision with the first reason, then each further reason, then what the person can do next
    where a legal bar points to another body; a reason or body given before is pointed back to,
    and short reasons share a paragraph (see the module)."""
    lead = views[0]
    numbers = [p.number for p in group]
    decided = " ".join(
        d.pack.paragraphs("sections/part_decision.j2", part=lead, group=views, **d.context)
    )
    chunks: list[tuple[str, list[Trace]]] = []
    covered: set[str] = set()
    introducing: dict[str, int] = {}  # body -> the chunk that introduces it
    for g in group[0].grounds:
        text = d._ground_macro(g, "assessment", lead)
        # A reason given for an earlier part (in these or other words): said again, briefly.
        if (key(text) in d.said or g in d.given) and g is not Ground.better_placed:
            text = d._macro("sections/again.j2", "reason")(
                d._ground_macro(g, "final"), d.said.get(key(text), 0)
            )
        d.given.add(g)
        trace = [_trace(p.number, f) for p in group for f in p.relied if f.ground is g]
        trace = trace or [Trace(head=n, ground=g, stage=GROUNDS[g].stage) for n in numbers]
        chunks.append((text, trace))
        if g is Ground.better_placed:
            named = [
                f.referral.value
                for p in group
                for f in p.relied
                if f.ground is Ground.better_placed and f.referral
            ]
            covered.update(named)
            introducing.update({r: len(chunks) - 1 for r in named})
    for ref in group[0].referrals:  # a body a bar points to: what the person can do next
        if ref.value not in covered:
            carrying = [f for p in group for f in p.relied if f.referral is ref]
            trace = [_trace(p.number, f) for p in group for f in p.relied if f.referral is ref] or [
                Trace(head=n, referral=ref) for n in numbers
            ]
            text = d._referral(ref, "next_step", lead)
            if ref in d.stepped:  # the person was told already where to go: once is enough
                continue
            d.stepped.add(ref)
            # The next step belongs with the reason that points to the body.
            at = next(
                (
                    i
                    for i, g in enumerate(group[0].grounds)
                    if carrying and g is carrying[0].ground and i < len(chunks)
                ),
                len(chunks) - 1,
            )
            if chunks:
                chunks[at] = (f"{chunks[at][0]} {text}", chunks[at][1] + trace)
            else:
                chunks.append((text, trace))
    # Findings that apply but do not carry the part stay in the trace of its decision.
    given = {(t.head, t.ground) for _, trace in chunks for t in trace}
    rest = [
        _trace(p.number, f) for p in group for f in p.relied if (p.number, f.ground) not in given
    ]
    if not chunks:
        chunks = [("", [Trace(head=n) for n in numbers])]
    raw = [text for text, _ in chunks]
    first_text, first_trace = chunks[0]
    said = " ".join(d._pronoun_start(text) if i else text for i, (text, _) in enumerate(opening))
    # A decision that names the part itself ("the first part of...") stands for the part.
    naming = [] if lead.named else [Trace(head=n) for n in numbers]
    chunks[0] = (
        f"{said} {decided} {first_text}".strip(),
        naming + [t for _, t in opening] + first_trace + rest,
    )
    # Short reasons share a paragraph, as published statements give them; a long one, or
    # one that would make the paragraph long, starts its own.
    merged: list[tuple[str, list[Trace], list[int]]] = []
    for i, (text, trace) in enumerate(chunks):
        if not text:  # a reason with nothing to add here: its findings stay in the trace
            if merged:
                merged[-1][1].extend(trace)
            elif i + 1 < len(chunks):
                chunks[i + 1] = (chunks[i + 1][0], trace + chunks[i + 1][1])
            continue
        if merged and fits(f"{merged[-1][0]} {text}"):
            last = merged[-1]
            merged[-1] = (f"{last[0]} {text}", last[1] + trace, [*last[2], i])
        else:
            merged.append((text, trace, [i]))
    # The decision joins a short paragraph of facts just before it.
    facts = sec.paragraphs[-1] if after_facts and sec.paragraphs else None
    if facts is not None and merged and fits(f"{facts.text} {merged[0][0]}"):
        sec.paragraphs.pop()
        d.number -= 1
        first, first_traces, members = merged[0]
        merged[0] = (f"{facts.text} {first}", facts.trace + first_traces, members)
    for text, trace, members in merged:
        sec.paragraphs.append(d._paragraph(sec.key, text, trace))
        for i in members:
            if raw[i].strip():
                d.said.setdefault(key(raw[i]), d.number)
            for body_id, chunk in introducing.items():
                if chunk == i:
                    d.introduced.setdefault(body_id, d.number)
