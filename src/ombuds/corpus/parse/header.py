"""The page header: body and reference, category, decision, decision date, summary; the alias.

```
Leicestershire County Council (24 015 969)
Category : Children's care services > Other
Decision : Closed after initial enquiries
Decision date : 10 Feb 2025
The Ombudsman's final decision:
Summary: We will not investigate ...
```
Copies vary: the colon may lose its spaces, a value may sit on the line after its label (saved
HTML often puts label and value in separate elements), the reference may be hyphenated or carry a
joint-case letter, older decisions append detail to the label ("Upheld: maladministration and
injustice"). Each reader here returns the value and, when something is odd, a warning in words a
reader of the JSON understands.
"""

from __future__ import annotations

import datetime as dt
import re

from ombuds.vocabulary import DECISION_LABELS, is_known_category, normalise_category

# "<Body> (<yy nnn nnn>)": the title line. The body may itself contain brackets.
TITLE = re.compile(r"(?P<body>\S.*?)\s*\(\s*(?P<ref>\d{2}[ \-]?\d{3}[ \-]?\d{3}[a-zA-Z]?)\s*\)\s*")
# "Label : value" header fields; the value may be empty (then it is on the next line).
FIELD = re.compile(
    r"(?P<label>category|decision date|date of decision|decision|date)\s*:\s*(?P<value>.*)",
    re.IGNORECASE,
)
# "The Ombudsman's final decision:" / "The Ombudsmen's final decision:" (joint cases).
FINAL_DECISION_INTRO = re.compile(r"the ombudsm[ae]n['\u2019]?s? final decisions?:?", re.IGNORECASE)
SUMMARY = re.compile(r"summary\s*:?\s*(?P<rest>.*)", re.IGNORECASE)

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DATE_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_SLASH = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")  # UK order: day/month/year

_TITLES = r"(?:Mr|Mrs|Miss|Ms|Mx|Dr)"
# "The complainant, who I will refer to as Mr X" / "whom I shall call Miss X".
# (`_may_introduce` lists a literal of each alternative below: keep the two in step.)
_ALIAS_INTRODUCED = re.compile(
    rf"(?:refer to (?:him|her|them) as|refer to as|referred to as|shall call|will call|"
    rf"call (?:him|her|them)|known as)\s+((?:{_TITLES}\.? and )?{_TITLES})\.?\s+([A-Z])(?![\w])"
)
# "Mr X", "Mrs B", "Mr and Mrs X", "Dr. X".
_ALIAS = re.compile(rf"\b((?:{_TITLES}\.? and )?{_TITLES})\.?\s+([A-Z])(?!\w)")


def parse_title(text: str) -> tuple[str, str] | None:
    """(body, reference as written) from a title line, or None."""
    m = TITLE.fullmatch(text)
    if not m:
        return None
    return m.group("body").strip(" -:\u2013"), m.group("ref")


def parse_date(text: str) -> dt.date | None:
    """ "10 Feb 2025", "10 February 2025", "2025-02-10" or "10/02/2025"; None if not a date."""
    try:
        if m := _DATE_WORDS.search(text):
            month = _MONTHS.get(m.group(2)[:3].lower())
            if month is None:
                return None
            return dt.date(int(m.group(3)), month, int(m.group(1)))
        if m := _DATE_ISO.search(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DATE_SLASH.search(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:  # 31 Feb and the like
        return None
    return None


def read_category(text: str) -> tuple[str, str | None]:
    """The category in canonical spacing and straight quotes, and a warning if it is unseen.

    The list of categories is open: an unseen one is kept as given, only flagged.
    """
    category = normalise_category(text.replace("\u2019", "'").replace("\u2018", "'"))
    if is_known_category(category):
        return category, None
    return category, f"unknown category {category!r} (kept as given)"


# Each label, lower-cased, and the starts of a label with detail after it; longest first, so
# that "Not upheld" is tried before "Upheld".
_DECISION_FORMS = tuple(
    (label, label.lower(), (label.lower() + ":", label.lower() + " -", label.lower() + ","))
    for label in sorted(DECISION_LABELS, key=len, reverse=True)
)


def read_decision(text: str) -> tuple[str, str | None]:
    """One of the published labels, folding case and trailing detail; else as given + warning."""
    value = " ".join(text.split()).rstrip(".")
    low = value.lower()
    for label, folded, starts in _DECISION_FORMS:
        if low == folded or low.startswith(starts):
            return label, None
    return value, f"unknown decision label {value!r} (kept as given)"


def _may_introduce(text: str) -> bool:
    """Whether `text` holds a literal every `_ALIAS_INTRODUCED` match holds: substring tests
    are far cheaper than that regex, which starts with an alternation and so tries every
    position."""
    if "refer" in text or "known as" in text:
        return True
    pos = text.find("call")
    while pos >= 0:  # "shall call", "will call", "call him/her/them"
        if text[max(0, pos - 3) : pos] == "ll " or text.startswith((" h", " t"), pos + 4):
            return True
        pos = text.find("call", pos + 4)
    return False


def find_alias(*texts: str) -> str | None:
    """The complainant's alias: an explicit "I will refer to as", else the first alias seen.

    `texts` are searched in order (the complaint, the summary, the rest), so that a relative
    named later ("her father, Mr Y") does not win over the complainant.
    """
    for text in texts:
        if text and _may_introduce(text) and (m := _ALIAS_INTRODUCED.search(text)):
            return f"{m.group(1)} {m.group(2)}"
    for text in texts:
        if text and (m := _ALIAS.search(text)):
            return f"{m.group(1)} {m.group(2)}"
    return None
