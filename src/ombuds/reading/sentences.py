"""A letter as sentences, each with its cues, its speaker and its paragraph.

The spaCy pipeline finds sentences and the cue rules; a sentence is also cut at each line break
(letters put headers, sign-offs and list items on lines of their own). Each cue is checked for
negation ("has not apologised"), hypotheticals ("if they don't reply I will...") and reported
speech, and each sentence gets its speaker: the writer, or a quoted message (a forwarded email,
a "> " line, a council letter quoted inside the letter).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ombuds.reading.pipeline import MAX_CHUNK, SPANS_KEY, get_nlp

_RECORD = re.compile(
    r"(?i)\b(records?|assessments?|reports?|file|minutes|notes|plan|letters?|statements?|it says)\b"
)
_NEGATIONS = {"not", "n't", "never", "no", "nobody", "nothing", "without", "neither", "nor"}
_HYPOTHETICAL = re.compile(r"(?i)\b(if|unless|would have|could have|might|whether)\b")
# Families whose cues already carry their polarity ("have not appealed"): never negated again.
_POLAR = re.compile(
    r"not_|no_|_not|missing|declined|upheld_no|remedy_not_enough|nothing_new|unable|"
    r"not_personally|late:|barrier:|outcome_same"
)
_FORWARD = re.compile(
    r"(?im)^(-{2,}\s*original message\s*-{2,}|-{2,}\s*forwarded message\s*-{2,}|on .{4,80} wrote:)\s*$"
)
_GREETING = re.compile(
    r"(?i)^\s*(dear\b.*|to whom it may concern|hello|hi\b.*|to the ombudsman|re:.*|subject:.*|"
    r"yours\b.*|kind regards|regards|best wishes|many thanks|thanks|thank you\.?|sent from my .*|"
    r"from:.*|to:.*|sent:.*|date:.*|cc:.*|please see below\.?)\s*,?\s*$"
)


@dataclass
class Cue:
    family: str  # "topic", "signal", "allegation", ...
    value: str  # the enum member's name or the signal's name
    start: int  # characters in the letter's text
    end: int
    text: str
    rule: str  # the pattern's id
    negated: bool = False
    hypothetical: bool = False


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    quoted: bool = False  # a forwarded or quoted message, not the writer's own words
    cues: list[Cue] = field(default_factory=list)

    def has(self, family: str, value: str | None = None, *, negated: bool | None = False) -> bool:
        return any(
            c.family == family
            and (value is None or c.value == value)
            and (negated is None or c.negated is negated)
            for c in self.cues
        )

    def values(self, family: str) -> list[str]:
        return list(
            dict.fromkeys(c.value for c in self.cues if c.family == family and not c.negated)
        )

    def first(self, family: str, value: str | None = None) -> Cue | None:
        for c in self.cues:
            if c.family == family and (value is None or c.value == value) and not c.negated:
                return c
        return None


def _chunks(text: str) -> list[tuple[int, str]]:
    """The text in pieces of at most MAX_CHUNK characters, cut at paragraph breaks."""
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_CHUNK)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges holding forwarded or quoted messages: after an "Original Message" or
    "On ... wrote:" line up to the next blank-line-separated paragraph the writer resumes, and
    every line starting with ">"."""
    ranges = []
    for m in _FORWARD.finditer(text):
        end = text.find("\n\n", m.end() + 1)
        # the quoted message runs to the next forward marker, or to the writer's own words
        # after the quoted block (a paragraph not starting with a header line)
        block_end = end
        while block_end != -1:
            following = text[block_end + 2 : block_end + 80]
            if re.match(r"(?i)(from|sent|to|subject|date|dear)\b", following):
                block_end = text.find("\n\n", block_end + 2)
                continue
            nxt = text.find("\n\n", block_end + 2)
            block_end = nxt if nxt != -1 and _looks_quoted(text[block_end + 2 : nxt]) else block_end
            break
        ranges.append((m.start(), block_end if block_end != -1 else len(text)))
    for m in re.finditer(r"(?m)^>.*$", text):
        ranges.append((m.start(), m.end()))
    return ranges


def _looks_quoted(paragraph: str) -> bool:
    return paragraph.lstrip().startswith(">")


_LINE_START = re.compile(r"^\s*([-•>*]|\d+[.)]\s|[A-Z][\w-]*:\s)")


def _lines(text: str, at: int, whole: str) -> list[tuple[int, str]]:
    """A sentence cut at its line breaks where a line stands on its own (a header, a list item,
    a short line such as a name or a date, a line ending a sentence), but not where a paragraph
    is merely wrapped: (offset, text) of each piece, stripped."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"\n+", text):
        before, after = text[start : m.start()], text[m.end() :]
        line_start = whole.rfind("\n", 0, at + m.start()) + 1
        line = whole[line_start : at + m.start()]
        stands_alone = (
            "\n\n" in m.group(0)
            or len(line.strip()) < 45
            or before.rstrip().endswith((".", "!", "?", ":", ";"))
            or _LINE_START.match(after) is not None
        )
        if stands_alone:
            pieces.append((start, before))
            start = m.end()
    pieces.append((start, text[start:]))
    result = []
    for offset, piece in pieces:
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            result.append((at + offset + lead, stripped))
    return result


def _negated(doc_tokens: list[str], start: int) -> bool:
    window = doc_tokens[max(0, start - 3) : start]
    return any(t in _NEGATIONS for t in window)


def split(text: str) -> list[Sentence]:
    """The letter's sentences, with their cues."""
    nlp = get_nlp()
    quoted = _quoted_ranges(text)
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    sentences: list[Sentence] = []
    pieces = _chunks(text)
    for (offset, piece), doc in zip(pieces, nlp.pipe(p for _, p in pieces), strict=True):
        lowered = [t.lower_ for t in doc]
        cues_by_sent: dict[int, list[Cue]] = {}
        for span in doc.spans[SPANS_KEY]:
            family, _, value = span.label_.partition(":")
            polar = bool(_POLAR.search(span.label_)) or any(t.lower_ in _NEGATIONS for t in span)
            cue = Cue(
                family=family,
                value=value,
                start=offset + span.start_char,
                end=offset + span.end_char,
                text=span.text,
                rule=span.id_,
                negated=not polar and _negated(lowered, span.start),
            )
            cues_by_sent.setdefault(span.start_char, []).append(cue)
        for sent in doc.sents:
            for local, part in _lines(sent.text, sent.start_char, piece):
                start, end = offset + local, offset + local + len(part)
                para = bisect_right(paragraph_starts, start) - 1
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        start=start,
                        end=end,
                        text=part,
                        paragraph=para,
                        quoted=any(a <= start < b for a, b in quoted),
                    )
                )
        # give each cue to the sentence that holds it
        starts = [s.start for s in sentences]
        for cues in cues_by_sent.values():
            for cue in cues:
                at = bisect_right(starts, cue.start) - 1
                if at >= 0 and cue.start <= sentences[at].end:
                    sentences[at].cues.append(cue)
    for s in sentences:
        s.cues.sort(key=lambda c: c.start)
        if _HYPOTHETICAL.search(s.text):
            for c in s.cues:
                c.hypothetical = True
    return sentences


def is_furniture(sentence: Sentence) -> bool:
    """Greetings, sign-offs, headers and lines that are only a name, an address or a date."""
    text = sentence.text
    if _GREETING.match(text):
        return True
    # a name, a title, an address line, a date
    return len(text.split()) <= 6 and not re.search(r"[.!?]$", text)


__all__ = ["Cue", "Sentence", "is_furniture", "split"]
