"""Heads whose subject matter the law divides are decided per part.

Schedule 5 paragraph 5A of the LGA 1974 leaves the council's work as a social landlord (repairs,
damp, tenancy management) to the Housing Ombudsman, while what it does as housing authority
(allocations, homelessness) and any other service stays with this Ombudsman. A head that mixes
them is not decided whole: the landlord part is excluded and the rest is assessed. The engine
does that by splitting the head into two parts before any test runs:

- the complaint's own head keeps its place (index `i`) with the topics that are not the
  landlord's; its `HeadAssessment.split_from` is `i`, `topics` lists them and its summary says
  which part it is;
- the landlord part is appended after the complaint's heads, with the landlord topics, the same
  other facts, `split_from = i` and a summary that says which part it is.

Appending keeps every complaint path (`heads[i].judgement...`) pointing at the same head in the
output, which the questions and the open judgements rely on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ombuds.code.rules.excluded import LANDLORD_TOPICS
from ombuds.complaint import Complaint, Head
from ombuds.complaint.facts import Topic


@dataclass(frozen=True)
class Part:
    """One head (or one part of a head) to decide: the facts, and where it came from."""

    source: int  # the index of the complaint's head
    head: Head
    split: bool = False  # True for both parts of a split head

    @property
    def topics(self) -> list[str]:
        return [t.value for t in self.head.topics] if self.split else []


def split_heads(complaint: Complaint) -> list[Part]:
    """The parts to decide: the complaint's heads in order, then the landlord parts split off."""
    kept: list[Part] = []
    landlord_parts: list[Part] = []
    for i, head in enumerate(complaint.heads):
        landlord = [t for t in head.topics if t in LANDLORD_TOPICS]
        rest = [t for t in head.topics if t not in LANDLORD_TOPICS and t is not Topic.other]
        if not landlord or not rest:
            kept.append(Part(i, head))
            continue
        rest_topics = [t for t in head.topics if t not in LANDLORD_TOPICS]
        summary = head.summary.rstrip(".")
        for topics, parts in ((rest_topics, kept), (landlord, landlord_parts)):
            named = ", ".join(t.value for t in topics)
            update = {"topics": topics, "summary": f"{summary} (the part about {named})"}
            parts.append(Part(i, head.model_copy(update=update), split=True))
    return kept + landlord_parts


__all__ = ["Part", "split_heads"]
