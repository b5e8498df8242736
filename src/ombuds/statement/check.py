"""The house-style checker: what a reviewer would send back before a draft is published.

It reads the prose of a statement (the Summary and every numbered paragraph, with its bullets)
and reports each place that breaks a rule of the house style (../shared/domain/statement-style.md
and docs/statement.md):

- `repeat`: a sentence that says again what another sentence of the statement said, anywhere in
  it (word for word, or the same content words: a near duplicate), such as the same reason or
  the same referral paragraph given for a second part, or the complaint's text reported again
  in My assessment; and a Final decision that repeats the Summary;
- `marker`: engine or schema wording: remedy status markers ("[done]"), ids ("could_not_add"),
  schema paths ("heads[0]"), the engine's "The person wants...", and the complaint schema's own
  multi-word values quoted as if they were anyone's words;
- `council`: "the council" in lower case where the body complained about is a council
  ("the Council" throughout);
- `date`: a date written as 2025-07-10 or 10/07/2025 (write "10 July 2025");
- `reference`: an Ombudsman reference written as 24-003-117 (write "24 003 117");
- `template`: leftover template syntax ("{{", "{%", "{#");
- `length`: a sentence longer than `MAX_SENTENCE_WORDS` words, or a Summary or Final decision of
  more than `MAX_SUMMARY_SENTENCES` sentences;
- `capital`: a sentence that starts with a lower-case letter;
- `abbreviation`: an abbreviation in the Summary (it is read on its own, so names are spelt out);
- `typography`: a doubled word, a space before punctuation, a doubled full stop, or a sentence
  without its closing punctuation;
- `paragraph`: a paragraph (without its bullets) of more than `MAX_PARAGRAPH_SENTENCES`
  sentences or `MAX_PARAGRAPH_WORDS` words;
- `phrase`: a phrase of `PHRASE_WORDS` words or more said more than `MAX_PHRASE_USES` times in
  the numbered paragraphs ("better placed than us" twice in My assessment and again in the Final
  decision); the Summary (read on its own), the lists of role and powers, names and the phrases
  every statement needs are left out;
- `final`: a Final decision whose sentence giving the outcome runs over `MAX_FINAL_WORDS` words
  (it gives the decision and its main reason, not every ground again);
- `evaluative`: the Council's work called "thorough", "robust", "comprehensive"... where
  neither that paragraph nor the one before says what the Council did or found;
- `budget`: a statement whose prose runs to more than its budget: `BUDGET_BASE` words plus
  `BUDGET_PER_PART` for each part of the complaint, and never more than `BUDGET_MAX`.

`check_statement(statement)` checks a drafted `Statement`; `check_parsed(text)` checks a
statement read back from any rendered format (so the same rules run on txt, md, html, docx and
pdf output). Both return `StyleFinding`s; an empty list is a clean draft.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from enum import Enum, StrEnum

# GOV.UK guidance aims at about 15 to 20 words a sentence on average; published statements run
# longer in places. 35 words is the most a sentence of a draft may have.
MAX_SENTENCE_WORDS = 35
MAX_SUMMARY_SENTENCES = 3
# A phrase of PHRASE_WORDS words or more may be said at most MAX_PHRASE_USES times in a statement.
PHRASE_WORDS = 4
MAX_PHRASE_USES = 2
# The Final decision: the decision and its main reason in one sentence of at most this many words
# (a second reason only where it fits; the reasons for each part are in My assessment).
MAX_FINAL_WORDS = 25
# Two neighbouring sentences that share this share of their content words say the same thing.
REPEAT_OVERLAP = 0.6
MIN_REPEAT_WORDS = 4  # content words a sentence needs before it can count as a repeat
MIN_EXACT_WORDS = 5  # words a sentence needs before saying it twice, word for word, counts
# The style note: assessment paragraphs of 1 to 5 sentences; the longest paragraph of the five
# seeds' published text has about 95 words.
MAX_PARAGRAPH_SENTENCES = 5
MAX_PARAGRAPH_WORDS = 100
# Words of prose (Summary, paragraphs and bullets; not headings, citations or the signature):
# the Summary, the complaint, role and powers, how I considered it and the Final decision take
# about BUDGET_BASE; each part of the complaint its facts and reasons. The style note: a whole
# statement usually runs 150 to 700 words; the five seeds' published text runs to 439 words for
# one part, 522 for two and 535 to 678 for three (420, 510 and 600 here).
BUDGET_BASE = 330
BUDGET_PER_PART = 90
BUDGET_MAX = 700

_STOP_WORDS = """
    a an the and or but of to in on at for with by from as is are was were be been being it its
    this that these those there their they them he she his her we our us i my me you your so
    not no nor if then than has have had do does did will would can could may might must should
    shall which who whom whose what when where why how about into also any all some such more
    most other only own same very just
"""
_STOP = frozenset(_STOP_WORDS.split())
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Za-z0-9£])")
_ABBREVIATION_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Mx|St|No|e\.g|i\.e|etc)\.$")
_WORD = re.compile(r"[A-Za-z0-9£][A-Za-z0-9£'\u2019-]*")

_MARKERS = [
    (re.compile(r"\[(?:done|offered|agreed[^\]]*)\]"), "a remedy status marker"),
    (re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"), "an internal id"),
    (re.compile(r"\bheads?\[\d+\]|\bjudgement\.\w+|\bcouncil_response\b"), "a schema path"),
    (re.compile(r"(?:^|[.:;]\s+)The person (?:wants|says|has|had|can|is|was)\b"), "engine wording"),
    (
        re.compile(r"\bno fact shows\b|\bis not stated\b|\bnot recorded\b", re.IGNORECASE),
        "engine wording",
    ),
    (re.compile(r"\bPart \d+ of [^:]{1,40}:"), "a template label"),
    (
        re.compile(r"\b(?:my|me|mine|myself)\b", re.IGNORECASE),
        "the complainant's first person",
    ),
]
_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_HYPHEN_REFERENCE = re.compile(r"\b\d{2}-\d{3}-\d{3}[a-z]?\b")
_LOWER_COUNCIL = re.compile(r"\b[Tt]he council\b(?! tax)")
_ABBREVIATIONS = re.compile(r"\b(?:ICO|PHSO|VOA|DfE|PCN|EHC|SWE|LGSCO|FOI|SAR)\b")
_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s[,.;:!?]")


class Rule(StrEnum):
    repeat = "repeat"
    marker = "marker"
    council = "council"
    date = "date"
    reference = "reference"
    template = "template"
    length = "length"
    capital = "capital"
    abbreviation = "abbreviation"
    typography = "typography"
    paragraph = "paragraph"
    budget = "budget"
    phrase = "phrase"
    final = "final"
    evaluative = "evaluative"


@dataclass(frozen=True)
class StyleFinding:
    """One place that breaks the house style."""

    rule: Rule
    where: str  # "summary", "paragraph 9", "paragraph 4, bullet 2"
    message: str
    text: str  # the sentence (or passage) at fault

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 90 else self.text[:87] + "..."
        return f"{self.where}: {self.message} ({self.rule.value}): {excerpt!r}"


def sentences(text: str) -> list[str]:
    """The sentences of a passage (a full stop after Mr, Dr, e.g. does not end one)."""
    parts: list[str] = []
    for piece in _SENTENCE.split(" ".join(text.split())):
        if parts and _ABBREVIATION_END.search(parts[-1]):
            parts[-1] += " " + piece
        elif piece:
            parts.append(piece)
    return parts


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _content(sentence: str) -> set[str]:
    return {w.lower().replace("\u2019", "'") for w in words(sentence)} - _STOP


def _overlap(a: str, b: str) -> float:
    ca, cb = _content(a), _content(b)
    if min(len(ca), len(cb)) < MIN_REPEAT_WORDS:
        return 0.0
    return len(ca & cb) / len(ca | cb)


@functools.lru_cache(maxsize=1)
def schema_phrases() -> tuple[re.Pattern[str], ...]:
    """The complaint schema's own values that read as a form, not as anyone's words: those of
    four words or more that offer alternatives ("a different social worker or officer") or name
    "the person" or "the complainant"."""
    from ombuds.complaint import facts

    phrases = set()
    for value in vars(facts).values():
        if isinstance(value, type) and issubclass(value, Enum) and value is not Enum:
            for member in value:
                text = str(member.value)
                formal = (" or " in text, "the person" in text, "complainant" in text)
                if len(text.split()) >= 4 and any(formal):
                    phrases.add(text)
    return tuple(
        re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE) for p in sorted(phrases, key=len)
    )


def _check_sentence(sentence: str, where: str, council: bool) -> list[StyleFinding]:
    found: list[StyleFinding] = []

    def add(rule: Rule, message: str) -> None:
        found.append(StyleFinding(rule, where, message, sentence))

    for pattern, what in _MARKERS:
        if pattern.search(sentence):
            add(Rule.marker, f"{what} in the prose")
    for pattern in schema_phrases():
        m = pattern.search(sentence)
        if m:
            add(Rule.marker, f"the complaint schema's wording {m.group(0)!r}")
    if _TEMPLATE.search(sentence):
        add(Rule.template, "leftover template syntax")
    if _ISO_DATE.search(sentence):
        add(Rule.date, "a date not written as '10 July 2025'")
    if _HYPHEN_REFERENCE.search(sentence):
        add(Rule.reference, "a reference not written as '24 003 117'")
    if council and _LOWER_COUNCIL.search(sentence):
        add(Rule.council, "'the council' where the body is 'the Council'")
    n = len(words(sentence))
    if n > MAX_SENTENCE_WORDS:
        add(Rule.length, f"a sentence of {n} words (at most {MAX_SENTENCE_WORDS})")
    first = re.search(r"[A-Za-z]", sentence)
    if first and first.group(0).islower() and not sentence.startswith(("e.g", "i.e")):
        add(Rule.capital, "a sentence that starts in lower case")
    doubled = _DOUBLED.search(sentence)
    if doubled and doubled.group(1).lower() not in {"had", "that"}:
        add(Rule.typography, f"a doubled word {doubled.group(0)!r}")
    if _SPACE_BEFORE.search(sentence) or ".." in sentence.replace("...", ""):
        add(Rule.typography, "a space before punctuation or a doubled full stop")
    return found


def check_passage(
    text: str, where: str, *, council: bool = True, items: list[str] | None = None
) -> list[StyleFinding]:
    """Check one paragraph (and its bullets): each sentence alone, then each against the one
    before it."""
    found: list[StyleFinding] = []
    said = sentences(text)
    for s in said:
        found += _check_sentence(s, where, council)
    last = said[-1] if said else ""
    if last and not last.rstrip("\"'\u2019\u201d)").endswith((".", "!", "?", ":")):
        found.append(StyleFinding(Rule.typography, where, "no closing punctuation", last))
    for before, after in itertools.pairwise(said):
        if _overlap(before, after) >= REPEAT_OVERLAP:
            found.append(
                StyleFinding(Rule.repeat, where, "says again what the sentence before said", after)
            )
    n = len(words(text))
    if len(said) > MAX_PARAGRAPH_SENTENCES or n > MAX_PARAGRAPH_WORDS:
        found.append(
            StyleFinding(
                Rule.paragraph,
                where,
                f"a paragraph of {len(said)} sentences and {n} words (at most "
                f"{MAX_PARAGRAPH_SENTENCES} and {MAX_PARAGRAPH_WORDS})",
                text,
            )
        )
    for i, item in enumerate(items or [], start=1):
        for s in sentences(item):
            found += [
                f
                for f in _check_sentence(s, f"{where}, bullet {i}", council)
                if f.rule is not Rule.capital  # bullets continue the sentence before them
            ]
    return found


def _check_summary_and_final(summary: str, final: str, council: bool) -> list[StyleFinding]:
    found = check_passage(summary, "summary", council=council)
    for where, text in (("summary", summary), ("final decision", final)):
        n = len(sentences(text))
        if n > MAX_SUMMARY_SENTENCES:
            found.append(
                StyleFinding(
                    Rule.length,
                    where,
                    f"{n} sentences (at most {MAX_SUMMARY_SENTENCES})",
                    text,
                )
            )
    m = _ABBREVIATIONS.search(summary)
    if m:
        found.append(
            StyleFinding(
                Rule.abbreviation,
                "summary",
                f"the abbreviation {m.group(0)!r} (the Summary is read on its own)",
                summary,
            )
        )
    first = sentences(final)[0] if final else ""
    if len(words(first)) > MAX_FINAL_WORDS:
        found.append(
            StyleFinding(
                Rule.final,
                "final decision",
                f"{len(words(first))} words (at most {MAX_FINAL_WORDS}: the decision and its "
                "main reason, not every ground)",
                first,
            )
        )
    if final and " ".join(summary.split()) == " ".join(final.split()):
        found.append(
            StyleFinding(Rule.repeat, "final decision", "repeats the Summary word for word", final)
        )
    return found


def _normal(sentence: str) -> str:
    return " ".join(w.lower().replace("\u2019", "'") for w in words(sentence))


def check_repeats(passages: list[tuple[str, str]]) -> list[StyleFinding]:
    """Sentences that say again what an earlier sentence said, anywhere in the statement:
    `passages` are (where, text) in reading order (the Summary, each paragraph and each bullet).
    The Summary is read on its own, so it is only compared with the Final decision, and then
    only word for word (the Final decision restates its outcome and reason, compressed)."""
    found: list[StyleFinding] = []
    seen: list[tuple[str, str]] = []  # (where, sentence)
    for where, text in passages:
        for sentence in sentences(text):
            for before_where, before in seen:
                exact = _normal(sentence) == _normal(before)
                # The Final decision restates the Summary's outcome and reason by design; only
                # saying it again word for word is a repeat.
                pair = {where, before_where}
                if "summary" in pair and ("final decision" not in pair or not exact):
                    continue
                if not (exact and len(words(sentence)) >= MIN_EXACT_WORDS) and (
                    _overlap(before, sentence) < REPEAT_OVERLAP
                ):
                    continue
                how = "word for word" if exact else "in nearly the same words"
                found.append(
                    StyleFinding(
                        Rule.repeat, where, f"says again, {how}, what {before_where} said", sentence
                    )
                )
                break
            seen.append((where, sentence))
    return found


def check_budget(passages: list[tuple[str, str]], parts: int | None) -> list[StyleFinding]:
    """A statement longer than its budget (see the module); `parts` None: the ceiling only."""
    n = sum(len(words(text)) for _, text in passages)
    budget = BUDGET_MAX if parts is None else min(BUDGET_MAX, BUDGET_BASE + BUDGET_PER_PART * parts)
    if n <= budget:
        return []
    what = "" if parts is None else f" for {parts} part{'s' if parts != 1 else ''}"
    return [
        StyleFinding(Rule.budget, "statement", f"{n} words of prose (at most {budget}{what})", "")
    ]


def _wording(passages: list[tuple[str, str]]) -> list[StyleFinding]:
    """The rules on wording across the statement (`phrase`, `evaluative`), kept in their own
    module (`ombuds.statement.check_words`)."""
    from ombuds.statement.check_words import check_evaluative, check_phrases

    return check_phrases(passages) + check_evaluative(passages)


def _unique(found: list[StyleFinding]) -> list[StyleFinding]:
    """One finding per rule and sentence (a repeat of the sentence just before is found by both
    the paragraph's check and the statement's)."""
    seen: set[tuple[Rule, str, str]] = set()
    out = []
    for f in found:
        if (f.rule, f.where, f.text) not in seen:
            seen.add((f.rule, f.where, f.text))
            out.append(f)
    return out


def _passages(summary: str, paragraphs: list[tuple[str, str, list[str]]]) -> list[tuple[str, str]]:
    out = [("summary", summary)]
    for where, text, items in paragraphs:
        out.append((where, text))
        out += [(f"{where}, bullet {i}", item) for i, item in enumerate(items, start=1)]
    return out


def check_statement(statement) -> list[StyleFinding]:  # type: ignore[no-untyped-def]
    """The house-style findings for a drafted `ombuds.statement.model.Statement`."""
    council = "council" in statement.body.lower()
    found: list[StyleFinding] = []
    final = " ".join(
        p.text for s in statement.sections if s.key == "final_decision" for p in s.paragraphs
    )
    found += _check_summary_and_final(statement.summary, final, council)
    paragraphs = []
    for p in statement.paragraphs:
        where = f"paragraph {p.number}"
        found += check_passage(p.text, where, council=council, items=p.items)
        where = "final decision" if p.section == "final_decision" else where
        paragraphs.append((where, p.text, p.items))
    passages = _passages(statement.summary, paragraphs)
    parts = max((t.head for p in statement.paragraphs for t in p.trace if t.head), default=1)
    return _unique(
        found + check_repeats(passages) + _wording(passages) + check_budget(passages, parts)
    )


_BULLET_SPLIT = re.compile(r"\s*\u2022\s*")
_CITATION_END = re.compile(
    r"\s*\((?:[^()]|\([^()]*\))*\b(?:Act|Schedule|section)\b(?:[^()]|\([^()]*\))*\)\s*$"
)


def _unbullet(text: str) -> tuple[str, list[str]]:
    """A parsed paragraph's text and its bullets ("... we decide: • a, or • b.") with the
    citation in brackets that closes it set aside (it is not a sentence)."""
    text = _CITATION_END.sub("", text)
    intro, *items = _BULLET_SPLIT.split(text)
    return intro.strip(), [_CITATION_END.sub("", i).strip() for i in items]


def check_parsed(
    text: str, source: str = "draft", *, parts: int | None = None
) -> list[StyleFinding]:
    """The house-style findings for a rendered statement read back by the corpus parser, so the
    rules run on what a reader of the txt, md, html, docx or pdf file actually sees (`parts`: how
    many parts the complaint has, for the length budget; None: the ceiling only)."""
    from ombuds.corpus.parse import parse_text

    parsed = parse_text(text, source)
    council = "council" in (parsed.body or "").lower()
    final = " ".join(p.text for p in parsed.paragraphs if p.section == "final_decision")
    found = _check_summary_and_final(parsed.summary or "", final, council)
    paragraphs = []
    for p in parsed.paragraphs:
        intro, items = _unbullet(p.text)
        where = f"paragraph {p.number}"
        found += check_passage(intro, where, council=council, items=items)
        where = "final decision" if p.section == "final_decision" else where
        paragraphs.append((where, intro, items))
    passages = _passages(parsed.summary or "", paragraphs)
    return _unique(
        found + check_repeats(passages) + _wording(passages) + check_budget(passages, parts)
    )


__all__ = [
    "BUDGET_BASE",
    "BUDGET_MAX",
    "BUDGET_PER_PART",
    "MAX_FINAL_WORDS",
    "MAX_PARAGRAPH_SENTENCES",
    "MAX_PARAGRAPH_WORDS",
    "MAX_PHRASE_USES",
    "MAX_SENTENCE_WORDS",
    "MAX_SUMMARY_SENTENCES",
    "PHRASE_WORDS",
    "Rule",
    "StyleFinding",
    "check_budget",
    "check_parsed",
    "check_repeats",
    "check_statement",
    "sentences",
]
