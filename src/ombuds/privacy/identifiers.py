"""Issue 11's identifiers: case references of councils, police forces and benefit offices,
social media handles, e-mail addresses written out to dodge filters, and dates of birth listed
after a first one ("born in June 2013 and her daughter on the 2nd of May 2016"). Presidio
recognisers like those of `recognisers.py`, added to the pipeline by `analyzer.engine()`.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer import EntityRecognizer

from ombuds.privacy.recognisers import DATE, LOOSE_DATE, RegexRecogniser

_DOT = r"(?:\.|[ \t]+(?i:dot)[ \t]+|[ \t]*[\[({](?i:dot)[\])}][ \t]*)"
# An address written out to dodge filters, found from its "at" outwards (cheap on text without
# one): the local part before it, the domain after it.
AT_MARK = r"(?:[ \t]+(?i:at)[ \t]+|[ \t]*[\[({<](?i:at)[\])}>][ \t]*)"
LOCAL_PART = rf"\b[\w-]+(?:{_DOT}[\w-]+)*$"
DOMAIN = (
    rf"\p{{L}}[\w-]*(?:{_DOT}[\w-]+)*{_DOT}"
    r"(?i:com|co|uk|net|org|ac|gov|edu|io|me|info|biz|ie|fr|de|pt|pl|ro|es|it|nl)\b"
)
NETWORK = (
    r"\b(?:snapchat|snap|instagram|insta|tiktok|twitter|facebook|discord|telegram|youtube|"
    r"reddit|whatsapp|xbox|playstation|gamertag)\b"
)
# A case reference: letters or digits in groups joined by / - . with at least four digits.
REFERENCE = (
    r"(?<![\w/@.£-])"
    r"[A-Za-z0-9]+(?:[ \t]?[/-][ \t]?|\.|/\n|-\n)[A-Za-z0-9]+(?:(?:[/-]|\.|/\n|-\n)[A-Za-z0-9]+)*"
    r"(?![\w/@]|\.\w)"
)
_FIGURE_DATE = regex.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")


def handle_ok(token: str) -> bool:
    """A handle has an @, a digit, an underscore or a dot in it, or is no ordinary word."""
    from ombuds.privacy.lexicon import fold, lexicon

    if any(c in token for c in "@_.0123456789"):
        return True
    lex = lexicon()
    return fold(token) not in lex.english and fold(token) not in lex.public


def reference_ok(token: str) -> bool:
    """Four or more digits, with letters or two separators: not a date in figures (a date of
    birth has its own rule), a financial year ("2023/24"), a range ("10-12") or a decimal."""
    digits = sum(c.isdigit() for c in token)
    plain = regex.sub(r"\s", "", token)
    if digits < 4 or _FIGURE_DATE.match(plain) or regex.match(r"^\d+(?:\.\d+)?$", plain):
        return False
    if regex.match(r"^(?:19|20)\d{2}[/-](?:(?:19|20)?\d{2})$", plain):
        return False
    if regex.match(r"^\d{1,4}[-/]\d{1,4}$", plain) and digits < 6:  # "1-10", "3/2024"
        return False
    return (
        any(c.isalpha() for c in plain) or len(regex.findall(r"[/.-]", plain)) >= 2 or digits >= 6
    )


class ObfuscatedEmailRecogniser(RegexRecogniser):
    """'j dot bloggs at hotmail dot com', 'j.bloggs[at]hotmail.com': from each 'at', the local
    part before it and a domain with a known ending after it."""

    LOCAL = regex.compile(LOCAL_PART)
    DOMAIN = regex.compile(DOMAIN)

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        for mark in self.pattern.finditer(text):
            domain = self.DOMAIN.match(text, mark.end())
            local = self.LOCAL.search(text, max(0, mark.start() - 80), mark.start())
            if domain and local:
                yield local.start(), domain.end(), {}


def identifier_recognisers() -> list[EntityRecognizer]:
    """The recognisers of this module, in a stable order."""
    return [
        RegexRecogniser(  # "her son was born in June 2013 and her daughter on the 2nd of May 2016"
            "DateOfBirthListRecogniser",
            "DATE_OF_BIRTH",
            rf"(?i:\bborn|\bDOB|\bdate[ \t]+of[ \t]+birth)[^.;\n]{{0,80}}?\band[ \t]+"
            rf"(?:(?i:his|her|their|the|a)[ \t]+)?(?:[\w'’-]+[ \t]+){{0,2}}?"
            rf"(?:(?i:was|is)[ \t]+(?i:born)[ \t]+)?(?i:on|in)[ \t]+(?:(?i:the)[ \t]+)?"
            rf"(?P<span>{DATE}|{LOOSE_DATE})",
        ),
        ObfuscatedEmailRecogniser("ObfuscatedEmailRecogniser", "EMAIL", AT_MARK),
        RegexRecogniser(  # "@someone_2008", and the name after a network ("on Snapchat as jd_07")
            "SocialHandleRecogniser",
            "SOCIAL_HANDLE",
            rf"(?<![\w@.])(?P<span>@[\w][\w.]*\w)|(?i:{NETWORK})[^.;\n]{{0,30}}?\b(?:as|is|"
            rf"called|named|calls[ \t]+(?:him|her|them)sel(?:f|ves)|name(?:[ \t]+is)?|handle|"
            rf"username)[ \t]*:?[ \t]+[\"“‘']?(?P<span>@?[\w][\w.]*\w)",
            validate=handle_ok,
        ),
        RegexRecogniser(  # after the word "reference" or "claim", groups split by spaces too
            "NamedReferenceRecogniser",
            "REFERENCE",
            r"(?i:\b(?:reference|ref\.?|claim|case|account|crime|incident|log|file|policy)"
            r"(?:[ \t]+(?:number|no\.?|ref(?:erence)?))?)[ \t]*[:#]?[ \t]*"
            r"(?P<span>(?=[A-Za-z]{0,4}[ \t]?\d)[A-Za-z0-9]{2,}(?:[ \t/.-][A-Za-z0-9]{2,}){1,4})"
            r"(?![\w/])",
            # five digits or more, and not the Ombudsman's own reference ("24 021 658")
            validate=lambda token: (
                sum(c.isdigit() for c in token) >= 5
                and not regex.fullmatch(r"\d{2}[ \t]\d{3}[ \t]\d{3}", token)
            ),
        ),
        RegexRecogniser(  # "ASC/2022/001937", "41/55210/23", "HB-2023-40417", "SC-00912345"
            "CaseReferenceRecogniser",
            "REFERENCE",
            REFERENCE,
            validate=reference_ok,
        ),
    ]
