"""The bodies a letter names: councils (every UK authority and its spellings), parish and town
councils, police forces, NHS bodies, housing associations and academies.

Councils come from mySociety's "UK Local Authority Names and Codes" (CC BY 4.0), shipped in
`data/`: 1,774 spellings mapped to 470 authorities, current and former. A spelling counts only
where it is written as a council's name: it names the council ("Kent County Council", "Ealing
Council"), or is followed by a council word, so that "Reading" the verb or "Bath" the tub is not
a council. Where a spelling maps to several authorities, the one in being on the letter's date
wins. Councils outside England are noted: their own nation's ombudsman is the body to go to.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

DATA = Path(__file__).parent.parent / "data"  # shared reference data: ombuds/data/README.md
_COUNCIL_WORDS = re.compile(
    r"^\s*(?:county\s+|city\s+|borough\s+|district\s+|metropolitan\s+(?:borough\s+|district\s+)?)?"
    r"(?:council|counsel|councill?|cc)\b",
    re.IGNORECASE,
)
_NAMES_A_COUNCIL = re.compile(r"\b(council|borough|county|city of|corporation)\b", re.IGNORECASE)
_OTHER_BODIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "parish",
        re.compile(r"\b((?:[A-Z][\w'-]+\s+){1,4}(?:Parish|Town|Community)\s+Council)\b"),
    ),
    (
        "council",
        re.compile(
            r"\b((?:London|Royal)\s+Borough\s+of\s+(?:[A-Z][\w'-]+\s*){1,3}"
            r"|(?:[A-Z][\w'-]+\s+){1,3}(?:County|City|District|Borough|Metropolitan Borough|"
            r"Metropolitan District)\s+Council)\b"
        ),
    ),
    ("police", re.compile(r"\b((?:[A-Z][\w'-]+\s+){1,3}(?:Police|Constabulary))\b")),
    (
        "nhs",
        re.compile(
            r"\b((?:[A-Z][\w'&,-]*\s+(?:and\s+|of\s+)?){1,8}NHS\s+(?:Foundation\s+)?Trust)\b"
        ),
    ),
    (
        "housing_association",
        re.compile(r"\b((?:[A-Z][\w'-]+\s+){1,3}Housing\s+(?:Association|Trust|Group))\b"),
    ),
    ("academy", re.compile(r"\b((?:[A-Z][\w'-]+\s+){1,3}Academy(?:\s+Trust)?)\b")),
)


@dataclass(frozen=True)
class Authority:
    code: str
    name: str  # the official name: "London Borough of Ealing"
    nation: str
    kind: str  # "London borough", "Non-metropolitan district", ...
    start: dt.date | None
    end: dt.date | None

    def in_being(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    text: str
    name: str  # normalised: the official name, or the name as written
    kind: str  # council, parish, police, nhs, housing_association, academy
    nation: str = "England"
    rule: str = ""


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def authorities() -> dict[str, Authority]:
    with (DATA / "uk_local_authorities.csv").open(encoding="utf-8", newline="") as f:
        return {
            row["local-authority-code"]: Authority(
                code=row["local-authority-code"],
                name=" ".join(row["official-name"].split()),
                nation=row["nation"],
                kind=row["local-authority-type-name"],
                start=_date(row["start-date"]),
                end=_date(row["end-date"]),
            )
            for row in csv.DictReader(f)
            if row["local-authority-type"] not in {"COMB", "SRA"}
        }


@cache
def _automaton() -> ahocorasick.Automaton:
    spellings: dict[str, set[str]] = {}
    known = authorities()
    with (DATA / "lookup_name_to_registry.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["local-authority-code"]
            if code in known:
                spellings.setdefault(" ".join(row["la-name"].lower().split()), set()).add(code)
    for code, authority in known.items():
        spellings.setdefault(authority.name.lower(), set()).add(code)
    automaton = ahocorasick.Automaton()
    for spelling, codes in spellings.items():
        if len(spelling) >= 3:
            automaton.add_word(spelling, (spelling, tuple(sorted(codes))))
    automaton.make_automaton()
    return automaton


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def find_councils(text: str, on: dt.date | None) -> list[BodyMention]:
    """Every council named in `text` as a council, longest spellings first, not overlapping."""
    lower = text.lower()
    hits = []
    for end_index, (spelling, codes) in _automaton().iter(lower):
        start, end = end_index - len(spelling) + 1, end_index + 1
        if not _is_word_boundary(lower, start, end):
            continue
        written = text[start:end]
        follows = _COUNCIL_WORDS.match(text[end : end + 40])
        names_council = bool(_NAMES_A_COUNCIL.search(spelling))
        if not names_council and not follows:
            continue
        if not names_council and not written[:1].isupper():
            continue
        if follows and not names_council:
            end += follows.end()
        hits.append((start, end, codes))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    chosen: list[BodyMention] = []
    last_end = -1
    known = authorities()
    for start, end, codes in hits:
        if start < last_end:
            continue
        options = [known[c] for c in codes]
        current = [a for a in options if a.in_being(on)] or options
        authority = current[0]
        chosen.append(
            BodyMention(
                start=start,
                end=end,
                text=text[start:end],
                name=authority.name,
                kind="council",
                nation=authority.nation,
                rule=f"council-name:{authority.code}",
            )
        )
        last_end = end
    return chosen


def find_other_bodies(text: str) -> list[BodyMention]:
    found = []
    for kind, pattern in _OTHER_BODIES:
        for m in pattern.finditer(text):
            name = " ".join(m.group(1).split())
            name = re.sub(r"^(?:The|By|From|To|At|And|Our|My|With)\s+", "", name)
            found.append(
                BodyMention(
                    start=m.start(1),
                    end=m.end(1),
                    text=m.group(1),
                    name=name,
                    kind=kind,
                    rule=f"body-pattern:{kind}",
                )
            )
    return found


def find_bodies(text: str, on: dt.date | None) -> list[BodyMention]:
    """Councils and other bodies, in the order they appear. A council named by pattern that is
    not in the list ("Fooshire County Council") is kept as written."""
    councils = find_councils(text, on)
    others = [
        b
        for b in find_other_bodies(text)
        if not any(c.start <= b.start < c.end or b.start <= c.start < b.end for c in councils)
        or b.kind == "parish"
    ]
    others = [
        b
        if b.kind != "council"
        else BodyMention(b.start, b.end, b.text, b.name, "council", "", b.rule)
        for b in others
    ]
    councils = [
        c
        for c in councils
        if not any(o.kind == "parish" and o.start <= c.start < o.end for o in others)
    ]
    return sorted(councils + others, key=lambda b: b.start)


__all__ = ["Authority", "BodyMention", "authorities", "find_bodies"]
