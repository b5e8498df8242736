"""People found by the name lists (`ombuds.privacy.lexicon`) where no context rule speaks:
"Kirsty said she would call back", "Harvey", "ARCHIE", "MILLIE-ANNE HARGREAVES", "alfie",
"ms harrington", "Ms Dawn marsh".

A first name from the lists is a name:
- capitalised or in capitals, unless it is an ordinary English word used as one here ("Will the
  Council ...": it opens a sentence, or stands in capitals, and the text also writes it in lower
  case), a public word or part of a council's name;
- in lower case, when it is not also an ordinary English word ("alfie", never "will").
The name runs on over the words after it that are themselves names and not ordinary English
("Tobias Bakare", "POPPY-MAE BUCKLEY"). After a title, a lower-case word that is not English is
a surname ("ms harrington"), and after "Title Name" a lower-case surname from the lists joins
the name ("Ms Dawn marsh").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from ombuds.privacy.gate_checks import (
    FOLLOWS_A_SUBJECT,
    SEASON_AFTER,
    SENTENCE_START,
    english_form,
)
from ombuds.privacy.lexicon import Lexicon, fold, lexicon
from ombuds.privacy.recognisers import ITITLE, NAME_WORD, RegexRecogniser

WORD = regex.compile(r"(?<![\p{L}\d@_.'’-])[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*(?![\p{L}\d@_])")
LOWER_WORD = regex.compile(r"(?<![\p{L}])\p{Ll}+(?![\p{L}])")
GAP = regex.compile(r"[ \t]+|[ \t]*\n[ \t]*")
TITLED_LOWER = regex.compile(
    rf"\b{ITITLE}\.?[ \t]+(?P<first>\p{{Lu}}\p{{Ll}}+(?:-\p{{L}}\p{{Ll}}+)*[ \t]+)?"
    rf"(?P<word>\p{{Ll}}[\p{{Ll}}'’-]+)\b"
)


def _bare(word: str) -> str:
    """The word without a possessive ("Okoro's" -> "Okoro")."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


CHILD_BEFORE = regex.compile(
    r"(?i:\b(?:son|daughter|child|grandson|granddaughter|stepson|stepdaughter|baby|nephew|niece|"
    r"foster[ \t]+(?:son|daughter|child)))[ \t]*,?[ \t]*$"
)
# A bulleted list under "her children:": every line's first name is a child's
CHILD_LIST_ABOVE = regex.compile(
    r"(?i:\b(?:son|daughter|child))(?i:ren|s)?[^.\n]*:[ \t]*\n(?:[ \t]*[-•*][^\n]*\n)*"
    r"[ \t]*[-•*][ \t]*$"
)
# "Gemma from the housing team": a member of staff, named by role
TEAM_AFTER = regex.compile(
    r"[ \t]+(?:from|at|in|of|on)[ \t]+the[ \t]+(?:[\w'’-]+[ \t]+){0,4}?"
    r"(?i:team|department|service|office|council|hub|desk|helpline|contact[ \t]+centre)\b"
)


def _kind(text: str, start: int, end: int) -> dict:
    """What the words around a listed name say about the person: a child, a member of staff."""
    before = CHILD_BEFORE.search(text, max(0, start - 30), start)
    if before:
        relation = before.group().strip(" \t,").split()[-1].lower()
        return {"person_kind": "child", "relation": relation}
    if CHILD_LIST_ABOVE.search(text, max(0, start - 300), start):
        return {"person_kind": "child", "relation": "child"}
    if TEAM_AFTER.match(text, end):
        return {"person_kind": "staff", "role": "officer", "determiner": "the"}
    return {}


BULLET_NAME = regex.compile(
    rf"(?m)^[ \t]*[-•*][ \t]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})(?=[ \t]*[,(:;–-]|$)"
)


class ListedNameRecogniser(RegexRecogniser):
    """First names from the lists, and the surnames after them (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__("ListedNameRecogniser", "PERSON", r"(?!)", score=0.7)

    def _bulleted_children(self, text: str) -> Iterable[tuple[int, int, dict]]:
        """Each line of a bulleted list under "her children:" opens with a child's name, listed
        or not ("- Folake, aged 12")."""
        for match in BULLET_NAME.finditer(text):
            if CHILD_LIST_ABOVE.search(text, max(0, match.start() - 300), match.start("name")):
                yield (*match.span("name"), {"person_kind": "child", "relation": "child"})

    def _english_here(self, lex: Lexicon, word: str, text: str, start: int, lower: set) -> bool:
        """Is this capitalised first name an ordinary word where it stands?"""
        if not english_form(word, lex):
            return False
        opens = SENTENCE_START.search(text, max(0, start - 6), start) is not None
        return (opens or word.isupper()) and word.lower() in lower

    def _is_first(self, lex: Lexicon, word: str, text: str, start: int, lower: set) -> bool:
        bare = _bare(word)
        if "-" not in bare and fold(bare) not in lex.first_names:
            return False  # most words: one look-up
        parts = [p for p in bare.split("-") if p]
        # "POPPY-MAE", "Evie-Grace": a compound with a first name in it that is no word
        if (
            len(parts) > 1
            and not english_form(_bare(word), lex)
            and any(lex.is_first_name(p) and not english_form(p, lex) for p in parts)
        ):
            return True
        head = parts[0]
        if len(head) < 2 or not lex.is_first_name(head) or lex.is_public(head):
            return False
        if fold(head) in STOP_WORDS:  # "An", "MY": a word, whatever a list of names says
            return False
        if SEASON_AFTER.match(text, start + len(word)):  # "Spring 2023", "Summer term"
            return False
        if head[0].islower():
            return word.islower() and not english_form(head, lex)
        if head.isupper() and english_form(head, lex):  # "SON", "GRACE" in a shouted letter
            return False
        return not self._english_here(lex, head, text, start, lower)

    def _is_surname(self, lex: Lexicon, word: str) -> bool:
        bare = _bare(word)
        if len(bare) < 2 or lex.is_public(bare) or bare[0].islower():
            return False
        return all(not english_form(p, lex) for p in bare.split("-") if p)

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        yield from self._bulleted_children(text)
        lex = lexicon()
        places = {i for s, e in lex.place_spans(text) for i in range(s, e)}
        words = [m for m in WORD.finditer(text) if m.start() not in places]
        lower = set(LOWER_WORD.findall(text))
        i = 0
        while i < len(words):
            word = words[i]
            if not self._is_first(lex, word.group(), text, word.start(), lower):
                i += 1
                continue
            end, j = word.end(), i + 1
            # the name runs on over surnames: "Tobias Bakare", "POPPY-MAE BUCKLEY"
            while (
                j < len(words)
                and GAP.fullmatch(text, end, words[j].start())
                and (words[j].group().isupper() == word.group().isupper())
                and self._is_surname(lex, words[j].group())
            ):
                end, j = words[j].end(), j + 1
            end = word.start() + len(_bare(text[word.start() : end]))
            yield word.start(), end, _kind(text, word.start(), end)
            i = j
        for match in TITLED_LOWER.finditer(text):
            lower = match.group("word")
            if match.group("first"):  # "Ms Dawn marsh": a name from the lists, not a verb
                if fold(lower) in FOLLOWS_A_SUBJECT or not lex.is_name(lower):
                    continue
            elif english_form(lower, lex):  # "ms harrington", not "Mrs said"
                continue
            yield match.start(), match.end(), {}
