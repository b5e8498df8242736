"""The house-style rules on wording across a statement (see `ombuds.statement.check`):

- `phrase`: a phrase of `PHRASE_WORDS` words or more said more than `MAX_PHRASE_USES` times in
  the numbered paragraphs;
- `evaluative`: the Council's work called "thorough", "robust"... where neither that paragraph
  nor the one before says what the Council did or found.
"""

from __future__ import annotations

import re

from ombuds.statement.check import (
    _STOP,
    MAX_PHRASE_USES,
    PHRASE_WORDS,
    Rule,
    StyleFinding,
    sentences,
    words,
)

_EVALUATIVE = re.compile(
    r"\b(?:thorough(?:ly)?|robust(?:ly)?|comprehensive(?:ly)?|rigorous(?:ly)?|careful(?:ly)?"
    r"|exemplary|appropriate(?:ly)?|proper(?:ly)?)\b",
    re.IGNORECASE,
)
_INVESTIGATION = re.compile(
    r"\b(?:investigat\w*|look(?:ed)? into|consider(?:ed|ation)?|enquir\w*|response)\b",
    re.IGNORECASE,
)
# What the Council did or found, told as fact: "It found...", "checked the notes", "apologised".
_COUNCIL_FACT = re.compile(
    r"\b(?:found|checked|explained|decided|concluded|agreed|apologised|offered|accepted|"
    r"reviewed|interviewed|spoke|visited|wrote|paid|refunded|reminded|trained|"
    r"arranged|upheld)\b",
    re.IGNORECASE,
)


def check_evaluative(passages: list[tuple[str, str]]) -> list[StyleFinding]:
    """The Council's investigation or response characterised ("thorough", "robust") where the
    paragraph, and the one before it, say nothing of what the Council did or found."""
    found: list[StyleFinding] = []
    previous = ""
    for where, text in passages:
        for sentence in sentences(text):
            m = _EVALUATIVE.search(sentence)
            if not m or not _INVESTIGATION.search(sentence):
                continue
            rest = f"{previous} {text.replace(sentence, ' ')}"
            if not _COUNCIL_FACT.search(rest):
                found.append(
                    StyleFinding(
                        Rule.evaluative,
                        where,
                        f"calls the Council's work {m.group(0).lower()!r} without saying what it "
                        "did or found",
                        sentence,
                    )
                )
        previous = text
    return found


# Phrases every statement needs ("the Council", "we will not investigate", the person's name...)
# are not counted: a phrase counts only with two words outside this list.
_PHRASE_COMMON = _STOP | frozenset(
    [
        *("council", "council's", "complaint", "complaints", "part", "parts"),
        *("investigate", "investigation", "will", "not", "cannot", "would", "could"),
        *("mr", "mrs", "miss", "ms", "dr", "mx", "x", "y", "z", "s", "v", "b"),
    ]
)


def check_phrases(passages: list[tuple[str, str]]) -> list[StyleFinding]:
    """A phrase of `PHRASE_WORDS` words or more said more than `MAX_PHRASE_USES` times in the
    prose: `passages` in reading order; bullets (the tests listed in role and powers) are left
    out, and so is the Summary, which is read on its own (as for `repeat`); proper names do not
    count. Each sentence counts a phrase once; a longer repeated phrase is reported once."""
    counts: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for where, text in passages:
        if ", bullet " in where or where == "summary":
            continue
        for sentence in sentences(text):
            raw = [w.replace("\u2019", "'") for w in words(sentence)]
            ws = [w.lower() for w in raw]
            # A word counts if it is not a common one and not part of a name (capitalised
            # after the sentence's first word).
            plain = [
                w not in _PHRASE_COMMON and (i == 0 or not raw[i][:1].isupper())
                for i, w in enumerate(ws)
            ]
            grams = dict.fromkeys(  # in reading order, so findings are the same every run
                tuple(ws[i : i + PHRASE_WORDS])
                for i in range(len(ws) - PHRASE_WORDS + 1)
                if sum(plain[i : i + PHRASE_WORDS]) >= 2
            )
            for g in grams:
                counts.setdefault(g, []).append((where, sentence))
    found: list[StyleFinding] = []
    reported: set[str] = set()
    for gram, uses in counts.items():
        if len(uses) <= MAX_PHRASE_USES:
            continue
        where, sentence = uses[-1]
        if sentence in reported:
            continue
        reported.add(sentence)
        found.append(
            StyleFinding(
                Rule.phrase,
                where,
                f"says {' '.join(gram)!r} {len(uses)} times in the statement "
                f"(at most {MAX_PHRASE_USES})",
                sentence,
            )
        )
    return found


__all__ = ["check_evaluative", "check_phrases"]
