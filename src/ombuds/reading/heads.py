"""A letter's parts ("heads"): split, then filled with their own facts.

A letter that lists its points ("First...", "Second...", "1.", "I also complain...") has one part
per point. Otherwise each kind of thing complained of is a part of its own, as the Ombudsman
splits them: an officer's conduct, the handling of information, a record's content, a decision,
complaint handling, what happened in court, and a service not given. Sentences that are about
none of these in particular (background, the council's reply, dates) belong to every part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ombuds.complaint.facts import AllegationKind, HeadSubject, Topic
from ombuds.reading.context import ReadContext, tables
from ombuds.reading.sentences import Sentence, is_furniture

_POINT = re.compile(
    r"(?i)^\s*(first(ly)?|second(ly)?|third(ly)?|fourth(ly)?|finally|another thing|"
    r"in addition|i also complain|my (first|second|third|other) complaint|\d+[.)]\s|[a-c][.)]\s)"
)


_DECIDED = re.compile(r"(?i)\b(it|the council|they) (had )?decided\b")


@dataclass
class Part:
    key: str  # court, conduct, information, record, handling, decision, service
    own: list[Sentence] = field(default_factory=list)  # sentences about this part alone
    shared: list[Sentence] = field(default_factory=list)  # background that applies to it too
    explicit: bool = False
    _cached: tuple[tuple[int, int], list[Sentence]] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Sentence]:
        key = (len(self.own), len(self.shared))
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, sorted(self.own + self.shared, key=lambda s: s.start))
        return self._cached[1]

    @property
    def about(self) -> HeadSubject:
        return HeadSubject[tables()["subject_about"][self.key]]


def subject_key(sentence: Sentence) -> str | None:
    """The kind of part a writer's sentence is about, by its allegations, strongest first."""
    allegations = set(sentence.values("allegation"))
    if not allegations:
        if (
            sentence.has("signal", "upheld_no")
            and any(c.text.lower() == "refused" for c in sentence.cues)
            and not sentence.has("signal", "complained")
        ):
            return "decision"
        return None
    if "officer_dishonest" in allegations and re.search(r"(?i)\bcourt\b", sentence.text):
        return "court"
    for key, kinds in tables()["subject_allegations"].items():
        if allegations & set(kinds):
            if key == "conduct" and allegations & {"record_inaccurate", "record_offensive"}:
                return "record"
            if key == "handling" and sentence.has("signal", "declined"):
                continue
            if key == "decision" and (sentence.has("signal", "reply") or sentence.quoted):
                continue
            return key
    if allegations & set(tables()["service_allegations"]):
        return "service"
    return None


def split_parts(ctx: ReadContext) -> list[Part]:
    content = [s for s in ctx.writer if not is_furniture(s)]
    starts = [s for s in content if _POINT.match(s.text) and _is_paragraph_start(s, ctx)]
    if len(starts) >= 2:
        return _explicit(ctx, content, starts)
    parts: dict[str, Part] = {}
    background: list[Sentence] = []
    for s in content:
        key = subject_key(s)
        if key is None or (key == "service" and _council_reply(s)):
            background.append(s)
            continue
        parts.setdefault(key, Part(key=key)).own.append(s)
    if len(parts) > 1 and "service" in parts and len(parts["service"].own) == 1:
        # a single passing mention of delay or failure alongside other parts is background
        background += parts.pop("service").own
    if "conduct" in parts and "record" in parts:
        record_paragraphs = {s.paragraph for s in parts["record"].own}
        if all(s.paragraph in record_paragraphs for s in parts["conduct"].own):
            parts["record"].own = sorted(
                parts["record"].own + parts.pop("conduct").own, key=lambda s: s.start
            )
    if not parts:
        decision = any(s.has("allegation", "disagrees_with_decision") for s in content)
        parts["decision" if decision else "service"] = Part(
            key="decision" if decision else "service"
        )
    # a quoted council letter names the subject and its decision, though not the writer's case
    background += [s for s in ctx.sentences if s.quoted and not is_furniture(s)]
    for part in parts.values():
        part.shared = sorted(background, key=lambda s: s.start)
    return sorted(parts.values(), key=lambda p: p.own[0].start if p.own else 0)


def _is_paragraph_start(sentence: Sentence, ctx: ReadContext) -> bool:
    previous = [s for s in ctx.sentences if s.end <= sentence.start]
    return not previous or previous[-1].paragraph != sentence.paragraph


def _council_reply(sentence: Sentence) -> bool:
    return any(
        sentence.has("signal", v)
        for v in ("reply", "final", "upheld_no", "upheld_yes", "upheld_partly", "complained")
    )


def _explicit(ctx: ReadContext, content: list[Sentence], starts: list[Sentence]) -> list[Part]:
    parts: list[Part] = []
    background: list[Sentence] = []
    for s in content:
        if s in starts:
            parts.append(Part(key="service", explicit=True))
        if parts and s.paragraph == _paragraph_of(parts[-1], starts, s):
            parts[-1].own.append(s)
        else:
            background.append(s)
    for part in parts:
        keys = [k for k in (subject_key(s) for s in part.own) if k]
        order = [*tables()["subject_allegations"], "service"]
        part.key = min(keys, key=order.index) if keys else "service"
        if part.key == "service" and any(_DECIDED.search(s.text) for s in part.own):
            part.key = "decision"  # the council explained a decision it made
        part.shared = list(background)
    return parts


def _paragraph_of(part: Part, starts: list[Sentence], sentence: Sentence) -> int:
    return part.own[0].paragraph if part.own else sentence.paragraph


def officer_in(sentences: list[Sentence]) -> str | None:
    text = " ".join(s.text.lower() for s in sentences)
    for word in tables()["officers"]:
        if re.search(rf"\b{re.escape(word)}\b", text):
            return str(word)
    return None


def part_topics(part: Part, ctx: ReadContext, parts: list[Part]) -> tuple[list[Topic], list[Topic]]:
    """(topics, linked topics) of a part: its own sentences' topics, and the background's
    (court topics only where the part names them; for a complaint-handling part the matter it
    handled is a linked topic)."""
    court = set(tables()["court_topics"])
    landlord = set(tables()["landlord_topics"])
    has_landlord = ctx.has("landlord")
    own: list[str] = []
    for s in part.own:
        own += s.values("topic")
    shared: list[str] = []
    for s in part.shared:
        shared += [t for t in s.values("topic") if t not in court or len(parts) == 1]
    names = list(dict.fromkeys(own + shared))
    names = [n for n in names if n not in landlord or has_landlord]
    topics = [Topic[n] for n in names]
    if part.key == "handling":
        return [], topics
    return topics, []


def part_allegations(part: Part, parts: list[Part]) -> list[AllegationKind]:
    sentences = part.own if (part.own and len(parts) > 1) else part.sentences
    kinds: list[str] = []
    for s in sentences:
        if s.quoted:
            continue
        kinds += s.values("allegation")
    if part.key == "court" and "officer_dishonest" in kinds:
        kinds.append("officer_false_evidence_to_court")
    return [AllegationKind[k] for k in dict.fromkeys(kinds)]


__all__ = ["Part", "officer_in", "part_allegations", "part_topics", "split_parts", "subject_key"]
