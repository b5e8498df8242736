"""Measure the anonymiser on a labelled set, side by side with vanilla Presidio.

The labelled set marks personal data inline, `{{Okafor|PERSON}}`, and public names that must
survive, `<<Social Work England>>`. Scoring is about what a reader could still see:
- a labelled entity is *recalled* when every letter and digit of it lies inside some detection
  (of any type: a name caught as part of an address is still removed);
- a detection is *correct* when it overlaps a labelled entity; precision is counted per detected
  type (vanilla Presidio's types are mapped onto ours);
- a public name *survives* when no detection touches it.
Both systems are scored by this one function, so the comparison is like for like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

MARK = re.compile(r"\{\{(?P<text>.+?)\|(?P<type>[A-Z_]+)\}\}|<<(?P<public>.+?)>>", re.DOTALL)

# Vanilla Presidio's entity names mapped onto ours (anything else counts as OTHER).
VANILLA_TYPES = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
    "UK_VEHICLE_REGISTRATION": "VEHICLE_REG",
    "LOCATION": "ADDRESS",
    "DATE_TIME": "DATE_OF_BIRTH",
    "ORGANIZATION": "ORGANISATION",
}
NAME_TYPES = ("PERSON",)
IDENTIFIER_TYPES = (
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "NI_NUMBER",
    "NHS_NUMBER",
    "DATE_OF_BIRTH",
    "VEHICLE_REG",
    "ORGANISATION",
    "REFERENCE",
    "SOCIAL_HANDLE",
)


@dataclass
class Paragraph:
    text: str
    entities: list[tuple[int, int, str]]  # (start, end, type)
    public: list[tuple[int, int]]


def parse_marked(line: str) -> Paragraph:
    """Strip the inline marks from one labelled line, keeping their spans."""
    out, entities, public, pos = [], [], [], 0
    length = 0
    for match in MARK.finditer(line):
        out.append(line[pos : match.start()])
        length += match.start() - pos
        inner = match.group("text") if match.group("text") is not None else match.group("public")
        if match.group("type"):
            entities.append((length, length + len(inner), match.group("type")))
        else:
            public.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = match.end()
    out.append(line[pos:])
    return Paragraph("".join(out), entities, public)


def load_labelled(path: Path) -> list[Paragraph]:
    """The marked paragraphs of a labelled file (one a line; blank lines and # comments skipped).

    A line ending in a backslash goes on after a line break on the next one: a paragraph wrapped
    as a letter is, with marks that may span the break."""
    paragraphs, pending = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + "\n"
            continue
        paragraphs.append(parse_marked(pending + line))
        pending = ""
    if pending:
        paragraphs.append(parse_marked(pending.rstrip("\n")))
    return paragraphs


@dataclass
class Scores:
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (found, total)
    precision: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (right, total)
    survived: tuple[int, int] = (0, 0)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def rate(self, table: str, key: str) -> float | None:
        hit, total = getattr(self, table).get(key, (0, 0))
        return hit / total if total else None

    def grouped_recall(self, types: tuple[str, ...]) -> float:
        hit = sum(self.recall.get(t, (0, 0))[0] for t in types)
        total = sum(self.recall.get(t, (0, 0))[1] for t in types)
        return hit / total if total else 1.0

    def overall_precision(self) -> float:
        right = sum(v[0] for v in self.precision.values())
        total = sum(v[1] for v in self.precision.values())
        return right / total if total else 1.0


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(any(s <= i < e for s, e in spans) for i in range(start, end) if text[i].isalnum())


def score(paragraphs: list[Paragraph], detect) -> Scores:
    """`detect(text) -> [(start, end, type)]`, types already in our vocabulary."""
    result = Scores()
    survived = total_public = 0
    for para in paragraphs:
        found = detect(para.text)
        spans = [(s, e) for s, e, _ in found]
        for start, end, kind in para.entities:
            hit, total = result.recall.get(kind, (0, 0))
            ok = _covered(para.text, start, end, spans)
            result.recall[kind] = (hit + ok, total + 1)
            if not ok:
                result.misses.append(f"{kind}: {para.text[start:end]!r} in {para.text[:50]!r}")
        for start, end, kind in found:
            right, total = result.precision.get(kind, (0, 0))
            ok = any(s < end and start < e for s, e, _ in para.entities)
            result.precision[kind] = (right + ok, total + 1)
            if not ok:
                result.false_positives.append(f"{kind}: {para.text[start:end]!r}")
        for start, end in para.public:
            total_public += 1
            survived += not any(s < end and start < e for s, e in spans)
    result.survived = (survived, total_public)
    return result


def leaks(paragraphs: list[Paragraph], rewrite) -> list[str]:
    """The labelled entities still readable after `rewrite(text) -> published text`.

    Detection scores say what was found; this says what a reader of the output could still see
    (a span found but left unreplaced, such as a name whose words the labeller could not read).
    An entity leaks when its exact words appear, as whole words, in its paragraph's output."""
    found = []
    for para in paragraphs:
        output = rewrite(para.text)
        for start, end, kind in para.entities:
            words = para.text[start:end]
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", output):
                found.append(f"{kind}: {words!r} in {output[:60]!r}")
    return found


@dataclass
class PairScores:
    """What a reader of the published text could see, with and without the gate.

    An entity is *removed* when none of its letters or digits is left in the anonymiser's output
    (each input character is followed to where it stands in the output); it is *stopped* when it
    is removed or a gate finding on the output touches what is left of it (publication is then
    blocked until a reviewer looks there). A gate finding touching no labelled entity is a false
    alarm."""

    removed: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (removed, total)
    stopped: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (stopped, total)
    checks: dict[str, tuple[int, int]] = field(default_factory=dict)  # gate check -> (right, all)
    passed_both: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    paragraphs: int = 0
    words: int = 0

    def rate(self, table: str, key: str) -> float | None:
        hit, total = getattr(self, table).get(key, (0, 0))
        return hit / total if total else None

    def grouped(self, table: str, types: tuple[str, ...]) -> float:
        hit = sum(getattr(self, table).get(t, (0, 0))[0] for t in types)
        total = sum(getattr(self, table).get(t, (0, 0))[1] for t in types)
        return hit / total if total else 1.0

    def gate_precision(self) -> float | None:
        right = sum(v[0] for v in self.checks.values())
        total = sum(v[1] for v in self.checks.values())
        return right / total if total else None


def _bump(table: dict[str, tuple[int, int]], key: str, hit: bool) -> None:
    done, total = table.get(key, (0, 0))
    table[key] = (done + hit, total + 1)


def score_pair(paragraphs: list[Paragraph], anonymise, gate) -> PairScores:
    """`anonymise(text)` -> an `Anonymised`; `gate(text)` -> findings with start, end, entity."""
    result = PairScores(paragraphs=len(paragraphs))
    for para in paragraphs:
        published = anonymise(para.text)
        findings = [(f.start, f.end, f.entity, f.text) for f in gate(published.text)]
        result.words += len(published.text.split())
        left_over: list[int] = []
        for start, end, kind in para.entities:
            positions = (published.output_position(i) for i in range(start, end))
            left = [
                p
                for i, p in zip(range(start, end), positions, strict=True)
                if p is not None and para.text[i].isalnum()
            ]
            left_over += left
            flagged = any(s <= p < e for p in left for s, e, _, _ in findings)
            _bump(result.removed, kind, not left)
            _bump(result.stopped, kind, not left or flagged)
            if left and not flagged:
                words = para.text[start:end]
                result.passed_both.append(f"{kind}: {words!r} in {published.text[:70]!r}")
        for start, end, check, words in findings:
            right = any(start <= p < end for p in left_over)
            _bump(result.checks, check, right)
            if not right:
                result.false_alarms.append(f"{check}: {words!r}")
    return result


def unchanged(text: str):
    """The text as written, as if anonymised with nothing replaced (the gate on its own)."""
    from ombuds.privacy.anonymise import Anonymised

    return Anonymised(text, [], False, [(0, len(text), 0)])


@dataclass
class _Found:
    start: int
    end: int
    entity: str
    text: str


def gate_checks_only(text: str) -> list[_Found]:
    """The gate's own checks (gate_checks.py) without the anonymiser's detection."""
    from ombuds.privacy.gate_checks import gate_flags

    return [_Found(f.start, f.end, f.check, text[f.start : f.end]) for f in gate_flags(text)]


def format_pair_table(
    pair: PairScores, vanilla: Scores, gate_alone: PairScores | None = None
) -> str:
    """A Markdown table per labelled type: removed by the anonymiser (and by vanilla Presidio),
    stopped by the anonymiser and the gate together (and by the gate's own checks alone, on the
    text as written); then the gate's findings on the anonymised text per check."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f}%"

    kinds = [k for k in NAME_TYPES + IDENTIFIER_TYPES if k in pair.removed]
    alone = gate_alone or PairScores()
    lines = [
        (
            "| entity type | labelled | anonymiser | vanilla Presidio | anonymiser + gate "
            "| gate's own checks alone |"
        ),
        "|---|---|---|---|---|---|",
    ]
    for kind in kinds:
        lines.append(
            f"| {kind} | {pair.removed[kind][1]} | {pct(pair.rate('removed', kind))} | "
            f"{pct(vanilla.rate('recall', kind))} | {pct(pair.rate('stopped', kind))} | "
            f"{pct(alone.rate('stopped', kind))} |"
        )
    everything = NAME_TYPES + IDENTIFIER_TYPES
    lines.append(
        f"| all | {sum(v[1] for v in pair.removed.values())} | "
        f"{pct(pair.grouped('removed', everything))} | "
        f"{pct(vanilla.grouped_recall(everything))} | {pct(pair.grouped('stopped', everything))}"
        f" | {pct(alone.grouped('stopped', everything)) if gate_alone else 'n/a'} |"
    )
    alarms = len(pair.false_alarms)
    lines += [
        "",
        "| gate check | findings | on a leak | false alarms |",
        "|---|---|---|---|",
    ]
    for check, (right, total) in sorted(pair.checks.items()):
        lines.append(f"| {check} | {total} | {right} | {total - right} |")
    lines.append(
        f"| all | {sum(v[1] for v in pair.checks.values())} | "
        f"{sum(v[0] for v in pair.checks.values())} | {alarms} "
        f"({alarms / max(pair.paragraphs, 1):.2f} a paragraph, "
        f"{1000 * alarms / max(pair.words, 1):.1f} per 1,000 words) |"
    )
    return "\n".join(lines)


def format_table(ours: Scores, vanilla: Scores) -> str:
    """A Markdown table: recall per labelled type, precision per detected type, both systems."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f}%"

    lines = [
        (
            "| entity type | labelled | recall (ombuds) | recall (vanilla) | "
            "precision (ombuds) | precision (vanilla) |"
        ),
        "|---|---|---|---|---|---|",
    ]
    kinds = list(NAME_TYPES + IDENTIFIER_TYPES)
    for kind in kinds + sorted(set(vanilla.precision) - set(kinds)):
        total = ours.recall.get(kind, (0, 0))[1]
        lines.append(
            f"| {kind} | {total} | {pct(ours.rate('recall', kind))} | "
            f"{pct(vanilla.rate('recall', kind))} | {pct(ours.rate('precision', kind))} "
            f"| {pct(vanilla.rate('precision', kind))} |"
        )
    lines.append(
        f"| names (PERSON) | | {pct(ours.grouped_recall(NAME_TYPES))} | "
        f"{pct(vanilla.grouped_recall(NAME_TYPES))} | | |"
    )
    lines.append(
        f"| identifiers (all other types) | | {pct(ours.grouped_recall(IDENTIFIER_TYPES))}"
        f" | {pct(vanilla.grouped_recall(IDENTIFIER_TYPES))} | | |"
    )
    lines.append(
        f"| all detections | | | | {pct(ours.overall_precision())} | "
        f"{pct(vanilla.overall_precision())} |"
    )
    s_ok, s_total = ours.survived
    v_ok, v_total = vanilla.survived
    lines.append(
        f"| public names surviving | {s_total} | {s_ok}/{s_total} | {v_ok}/{v_total} | | |"
    )
    return "\n".join(lines)
