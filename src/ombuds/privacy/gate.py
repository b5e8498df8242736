"""The publication gate: a statement is published only when no personal data is left in it.

`check_publication(text, overrides)` is pure (text in, decision out; no store, no clock): it runs
the same detection as the anonymiser and turns each detection into a `Finding` with a stable id
(the same words of the same type always get the same id, so a reviewer's override survives a
re-run). A reviewer may override a finding ("Brighter Futures is a council service, not a
person") with a recorded reason; who, when and why are kept with the decision. The time of an
override is given by the caller (the CLI takes it at its edge), never read here.

`publish_statement` is the one place that touches the store: gate first, then parse and upsert,
so a blocked statement leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from ombuds.errors import InputError, PublicationBlocked
from ombuds.privacy.analyzer import Spans, detect
from ombuds.privacy.gate_checks import gate_flags
from ombuds.privacy.text_input import prepare_text, read_text_file

GATE_VERSION = 2


@dataclass(frozen=True)
class Finding:
    """Personal data the gate found left in a statement."""

    id: str
    entity: str
    text: str
    start: int
    end: int
    recogniser: str

    def __str__(self) -> str:
        return (
            f"{self.id}: {self.entity} {self.text!r} at {self.start}-{self.end} ({self.recogniser})"
        )


@dataclass(frozen=True)
class Override:
    """A reviewer's acceptance of one finding: who, when and why, kept with the decision."""

    finding_id: str
    reason: str
    reviewer: str
    at: dt.datetime

    def to_json(self) -> dict:
        return {
            "finding_id": self.finding_id,
            "reason": self.reason,
            "reviewer": self.reviewer,
            "at": self.at.isoformat(),
        }


@dataclass
class GateDecision:
    """The gate's findings on a statement and the overrides given; it passes when every finding
    is overridden."""

    findings: list[Finding]
    overrides: list[Override] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        allowed = {o.finding_id for o in self.overrides}
        return [f for f in self.findings if f.id not in allowed]

    @property
    def passed(self) -> bool:
        return not self.blocking

    def to_record(self) -> dict:
        """What the store keeps with the decision (its `publication` JSON)."""
        return {
            "gate_version": GATE_VERSION,
            "passed": self.passed,
            "findings": [asdict(f) for f in self.findings],
            "overrides": [o.to_json() for o in self.overrides],
        }


def finding_id(entity: str, text: str) -> str:
    """A stable id for a finding: the same words of the same type always get the same id."""
    digest = hashlib.sha1(f"{entity}\x00{' '.join(text.split())}".encode()).hexdigest()[:8]
    return f"{entity}-{digest}"


def parse_override(spec: str, *, reviewer: str | None, at: dt.datetime) -> Override:
    """'FINDING_ID:reason' from the command line, with the reviewer who gives it."""
    finding, sep, reason = spec.partition(":")
    if not sep or not finding.strip() or not reason.strip():
        raise InputError(
            f"override {spec!r} is not FINDING_ID:reason",
            source="--override",
            hint='write it as --override "PERSON-1a2b3c4d:a public programme name"',
        )
    if not reviewer or not reviewer.strip():
        raise InputError(
            "an override needs the reviewer's name",
            source="--reviewer",
            hint="add --reviewer 'Your Name'",
        )
    return Override(finding.strip(), reason.strip(), reviewer.strip(), at)


def check_publication(
    text: str, overrides: Sequence[Override] = (), *, source: str = "statement"
) -> GateDecision:
    """The gate's decision on `text`: every finding, and which overrides apply.

    An override naming no finding of this text is an error (a typo would otherwise be recorded
    as a reviewer's decision about nothing)."""
    text, _ = prepare_text(text, source)
    return _decide(text, overrides, source)


def _decide(text: str, overrides: Sequence[Override], source: str) -> GateDecision:
    """The gate's decision on text already prepared (`prepare_text`)."""
    # the anonymiser's own detection first, then the gate's independent checks (gate_checks.py)
    # where they add a span the first did not cover: one finding for one stretch of text
    detections = detect(text)
    found = [(d.start, d.end, d.entity, d.recogniser) for d in detections]
    taken = Spans((d.start, d.end) for d in detections)
    last_end = -1
    for flag in sorted(gate_flags(text), key=lambda f: (f.start, f.start - f.end)):
        if flag.start >= last_end and not taken.overlaps(flag.start, flag.end):
            found.append((flag.start, flag.end, flag.check, f"gate: {flag.why}"))
            last_end = flag.end
    findings, seen = [], set()
    for start, end, entity, recogniser in sorted(found):
        fid = finding_id(entity, text[start:end])
        findings.append(Finding(fid, entity, text[start:end], start, end, recogniser))
        seen.add(fid)
    for override in overrides:
        if override.finding_id not in seen:
            raise InputError(
                f"override names {override.finding_id!r}, which is not a finding of this statement",
                source=source,
                hint="run `ombuds publish` without overrides to list the findings",
            )
    return GateDecision(findings, list(overrides))


def require_clean(
    text: str, overrides: Sequence[Override] = (), *, source: str = "statement"
) -> GateDecision:
    """The decision if the statement may be published; PublicationBlocked (with findings) if not."""
    return _refuse_if_blocked(check_publication(text, overrides, source=source), source)


def _refuse_if_blocked(decision: GateDecision, source: str) -> GateDecision:
    if not decision.passed:
        raise PublicationBlocked(
            f"personal data left in the statement ({len(decision.blocking)} finding(s)); "
            f"nothing was stored",
            source=source,
            findings=decision.blocking,
            hint="anonymise it with `ombuds anonymise`, or override a finding with "
            "--override 'ID:reason' --reviewer NAME",
        )
    return decision


def publish_statement(
    text: str, store, *, source: str, overrides: Sequence[Override] = ()
) -> tuple[str, GateDecision]:
    """Gate, parse and store one statement; returns the store's status and the gate decision.

    Nothing is written unless the gate passes; the decision (findings and overrides) is stored
    with the statement as its `publication` record.
    """
    from ombuds.corpus.parse import parse_text

    clean_text, _ = prepare_text(text, source)
    decision = _refuse_if_blocked(_decide(clean_text, overrides, source), source)
    parsed = parse_text(clean_text, source)
    status = store.upsert(parsed, clean_text, publication=decision.to_record())
    return status, decision


def publish_file(
    path,
    *,
    db_url: str,
    override_specs: Sequence[str] = (),
    reviewer: str | None = None,
    at: dt.datetime | None = None,
) -> dict:
    """`ombuds publish`: read a statement, gate it, store it. Returns what the CLI prints."""
    from ombuds.corpus.store import open_store

    if override_specs and at is None:
        raise InputError("an override needs the time it was given", source="--override")
    overrides = [
        parse_override(spec, reviewer=reviewer, at=at) for spec in override_specs if at is not None
    ]
    text = read_text_file(path)
    store = open_store(db_url)
    try:
        status, decision = publish_statement(text, store, source=str(path), overrides=overrides)
    finally:
        store.close()
    return {"status": status, "source": str(path), "publication": decision.to_record()}
