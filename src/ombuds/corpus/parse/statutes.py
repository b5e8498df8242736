"""Statutes cited in a statement, normalised: "Local Government Act 1974, section 24A(6)".

Statements cite the law in brackets after each standard paragraph, in several hands:
- "(Local Government Act 1974, section 24A(6), as amended, section 34(B))": two sections; "34(B)"
  is the provider-side section 34B written with brackets, normalised to "section 34B";
- "(Local Government Act 1974, s26(1) and s26A(1) as amended)";
- "(Local Government Act 1974, Schedule 5/5A, paragraph 1/3, as amended)": two pairs, Schedule 5
  paragraph 1 and Schedule 5A paragraph 3;
- and in running text, "section 202 of the Housing Act 1996".
Bare mentions of an Act ("The Local Government Act 1974 sets out our powers") cite no provision
and are not listed.

The scan looks only where "Act <year>" occurs, so a statement costs a few string searches.
"""

from __future__ import annotations

import functools
import re

# No leading \b: a pattern that starts with a literal is found by a fast scan (the word start
# is checked by `_act_name`, which needs a capitalised word before "Act" anyway).
_ACT_YEAR = re.compile(r"Act,? (\d{4})\b")
_NAME_JOINERS = frozenset(("and", "of", "for", "in", "(England)", "(Wales)"))

# The provisions after an Act's name, one token at a time.
_NUM = r"\d+[A-Z]{0,2}(?:\((?:\d+[A-Za-z]?|[a-z]{1,4}|[A-Z])\))*"
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<sep>,|;|and\b|&|as\ (?:amended|substituted|inserted)|of\ the\ Act)
    | (?:Schedules?|Sch\.?)\s*(?P<sched>\d+[A-Z]?(?:\s*/\s*\d+[A-Z]?)*)
    | (?:paragraphs?|paras?\.?)\s*(?P<para>{_NUM}(?:\s*/\s*{_NUM})*)
    | (?:sections?|ss?\.?)\s*(?P<sec>{_NUM})
    | (?P<bare>{_NUM})
    )""",
    re.VERBOSE,
)
# "section 202 of the Housing Act 1996", "sections 26(6) and 26(7) of the ...".
_BEFORE = re.compile(
    rf"(?:(?:sections?|ss?\.?)\s*(?P<secs>{_NUM}(?:\s*(?:,|and)\s*{_NUM})*)"
    rf"|paragraph\s*(?P<para>{_NUM}) of Schedule (?P<sched>\d+[A-Z]?))"
    r"\s+(?:of|to|under)(?:\s+the)?\s*$"
)
_TAIL_START = re.compile(r",?\s*(?:sections?\b|ss?\.?\s*\d|Sch|paras?\b|paragraphs?\b)")
_PROVIDER_LETTER = re.compile(r"^(\d+)\(([A-Z])\)")  # "34(B)" -> "34B"


def _section(number: str) -> str:
    if m := _PROVIDER_LETTER.match(number):  # one match at most (anchored): no re.sub template
        number = m.group(1) + m.group(2) + number[m.end() :]
    return "section " + number


def _act_name(text: str, start: int) -> str | None:
    """Walk back from "Act" over the capitalised words of its name."""
    words = text[max(0, start - 120) : start].split()
    name: list[str] = []
    for word in reversed(words):
        bare = word.lstrip("([\"'\u201c\u2018")
        if bare[:1].isupper() or bare in _NAME_JOINERS:
            name.append(bare)
        if bare != word or not name or name[-1] != bare:
            break  # an opening bracket starts the name; a lower-case word ends it
    while name and (name[-1] in _NAME_JOINERS or name[-1] in ("The", "the")):
        name.pop()  # the last item is the first word of the name
    if not name or not name[-1][:1].isupper():
        return None
    return " ".join(reversed(name))


def _after(tail: str) -> list[str]:
    """Provisions listed right after an Act's name."""
    found: list[str] = []
    pos, last = 0, ""
    schedules: list[str] = []
    while (m := _TOKEN.match(tail, pos)) and m.end() > pos:
        pos = m.end()
        if m.group("sep"):
            continue
        if sched := m.group("sched"):
            schedules, last = [s.strip() for s in sched.split("/")], "sched"
        elif para := m.group("para"):
            paras = [p.strip() for p in para.split("/")]
            if len(schedules) == len(paras):
                found += [
                    f"Schedule {s}, paragraph {p}" for s, p in zip(schedules, paras, strict=False)
                ]
            elif schedules:
                found += [f"Schedule {s}, paragraph {p}" for s in schedules for p in paras]
            last = "para"
        elif sec := m.group("sec"):
            found.append(_section(sec))
            last = "sec"
        elif (bare := m.group("bare")) and last == "sec":
            found.append(_section(bare))
        else:
            break
    return found


def find_statutes(text: str) -> list[str]:
    """Every provision cited, as "<Act>, section N" / "<Act>, Schedule N, paragraph M", in order."""
    if "Act" not in text:
        return []
    cited: dict[str, None] = {}
    for m in _ACT_YEAR.finditer(text):
        start = m.start()
        if start and not text[start - 1].isspace():
            continue  # "Contract 2019", "(Act 1974"
        begin = max(0, start - _READ_BEFORE)
        for provision in _cited_at(text[begin : m.end() + _READ_AFTER], start - begin):
            cited[provision] = None
    return list(cited)


# How far `_cited_at` reads around "Act <year>": the name (120 characters back), the words before
# it (12), "section N of the" before those (120), the provisions after the year (200).
_READ_BEFORE = 120 + 1 + 12 + 120
_READ_AFTER = 200


@functools.lru_cache(maxsize=4096)
def _cited_at(window: str, start: int) -> tuple[str, ...]:
    """The provisions cited around the "Act <year>" at `start` of `window` (the text around it,
    all `_cited_at` reads). Remembered: the standard paragraphs cite the same law in the same
    words in most statements."""
    m = _ACT_YEAR.match(window, start)
    assert m is not None  # `window` holds the match found in the text
    name = _act_name(window, start)
    if name is None:
        return ()
    cited: list[str] = []
    act = f"{name} Act {m.group(1)}"
    name_start = start - len(name) - 1
    lead = window[max(0, name_start - 12) : name_start].rstrip()
    before = None
    if lead.endswith((" of the", " to the", " under the", " of", " to", " under")):
        before = _BEFORE.search(window, max(0, name_start - 120), name_start)
    if before:
        if before.group("secs"):
            for number in re.split(r"\s*(?:,|and)\s*", before.group("secs")):
                cited.append(f"{act}, {_section(number)}")
        else:
            schedule, paragraph = before.group("sched"), before.group("para")
            cited.append(f"{act}, Schedule {schedule}, paragraph {paragraph}")
    tail = window[m.end() : m.end() + _READ_AFTER]
    if _TAIL_START.match(tail):
        for provision in _after(tail):
            cited.append(f"{act}, {provision}")
    return tuple(cited)


def forget_citations() -> None:
    """Empty the memo of citations read (see `_cited_at`)."""
    _cited_at.cache_clear()
