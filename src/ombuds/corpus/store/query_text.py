"""Read what a user typed in the search box into safe terms, for either full-text engine.

Why not pass the text through: FTS5 and tsquery each have a query language, and user input such as
`"`, `*`, `NEAR(`, `'; drop table x; --` or a lone `-` would be a syntax error or a different query.
We accept a small, forgiving syntax, the one people already type into web search boxes:

- words, all required: `social worker`
- "quoted phrases" (an unbalanced quote runs to the end of the text)
- `word*` for a prefix
- `a OR b` for either; `-word` or `NOT word` to exclude (only when something else is required)
- `AND` between terms is accepted and changes nothing

Every term is reduced to letters and digits, so what reaches the database is always a list of
plain words; the backends quote them (FTS5) or bind them as parameters (PostgreSQL).

The query budget. What a search costs grows with its words and, much faster, with its prefix
terms: `c*` stands for every indexed word starting with c, whose lists of documents the engine
merges (on 20,000 decisions 0.08 s of CPU for `c*`, 0.45 s for `c* s* p* a* t*`, 9 s for 166
`c*`; but 0.035 s for `co*` and 0.007 s for `com*`). So a query may hold at most MAX_WORDS words
and MAX_PREFIX_TERMS prefixes, a one-letter prefix counting as ONE_LETTER_PREFIX_WEIGHT of them
(`s*` alone is fine, `c* s*` is not), in at most MAX_QUERY_CHARACTERS characters; beyond that
`parse_user_query` raises `QueryTooCostly` (an HTTP 400, exit status 2) naming the limits, before
the database does any work. Within the budget, `is_costly` marks the
queries that may still take long (any prefix, or many words): the store runs only a few of those
at once (`ombuds.corpus.store.budget`), and the database stops any search at its time limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ombuds.errors import QueryTooCostly

MAX_QUERY_CHARACTERS = 2_000
MAX_WORDS = 32
MAX_PREFIX_TERMS = 5
ONE_LETTER_PREFIX_WEIGHT = MAX_PREFIX_TERMS  # a one-letter prefix is the whole allowance
COSTLY_WORDS = 8  # more words than this (or any prefix) and a query counts as costly
BUDGET_HINT = (
    f"a search may hold at most {MAX_WORDS} words, of which at most {MAX_PREFIX_TERMS} "
    f"prefixes (word*; a one-letter prefix counts as {ONE_LETTER_PREFIX_WEIGHT}), in at most "
    f"{MAX_QUERY_CHARACTERS:,} characters; use fewer, longer words"
)

_WORD = re.compile(r"[^\W_]+")

# Function words found in nearly every decision. Like PostgreSQL's English configuration, a
# search drops them when they stand alone (not inside a "quoted phrase") and other words remain:
# they cannot narrow a search, and looking them up in every document would make it slow.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
# FTS5's NEAR( and brackets, commas and the like separate words: "NEAR(social worker" is the two
# words social and worker, not the phrase "near social". Hyphens, apostrophes and full stops
# inside a word stay (o'brien, council-tax), and make a phrase of its parts.
_NEAR = re.compile(r"\bNEAR\s*\(")
_SEPARATORS = re.compile(r"[()\[\]{},;:!?<>=|+]")


@dataclass(frozen=True)
class Term:
    """A run of words matched as a phrase; a single word when len(words) == 1."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix (`plan*`)


@dataclass
class TextQuery:
    """All groups are required; a group matches when any of its terms does; excluded terms must
    not occur."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> list[Term]:
        """Every term, required or excluded."""
        return [t for group in self.groups for t in group] + self.excluded

    def word_count(self) -> int:
        """Words the engine looks up for each match (what ranking a match costs)."""
        return sum(len(t.words) for t in self.terms())

    def prefix_count(self) -> int:
        """Prefix terms (`word*`), a one-letter prefix counting ONE_LETTER_PREFIX_WEIGHT: each
        stands for every indexed word it starts, and a single letter starts a great many."""
        return sum(
            ONE_LETTER_PREFIX_WEIGHT if len(t.words[-1]) == 1 else 1
            for t in self.terms()
            if t.prefix
        )

    def is_costly(self) -> bool:
        """Within the budget but possibly slow: any prefix, or more than COSTLY_WORDS words."""
        return self.prefix_count() > 0 or self.word_count() > COSTLY_WORDS


def _term(text: str, *, quoted: bool) -> Term | None:
    words = tuple(_WORD.findall(text))
    if not words:
        return None
    prefix = not quoted and text.rstrip().endswith("*")
    return Term(words, prefix)


def parse_user_query(text: str) -> TextQuery:
    """The TextQuery for a search box's text; empty when it holds no word at all.

    Raises QueryTooCostly for a query beyond the budget (see the module's docstring).
    """
    if len(text or "") > MAX_QUERY_CHARACTERS:
        raise QueryTooCostly(
            f"the search is too long: {len(text):,} characters",
            source="query",
            hint=BUDGET_HINT,
        )
    query = _parse(text)
    words, prefixes = query.word_count(), query.prefix_count()
    if words > MAX_WORDS or prefixes > MAX_PREFIX_TERMS:
        raise QueryTooCostly(
            f"the search is too costly: {words} words, prefixes (word*) counting {prefixes}",
            source="query",
            hint=BUDGET_HINT,
        )
    return query


def _parse(text: str) -> TextQuery:
    items: list[tuple[str, Term | str]] = []  # ("term", Term) | ("op", "OR"/"AND"/"NOT")
    text = _SEPARATORS.sub(" ", _NEAR.sub(" ", text or ""))
    for match in _TOKEN.finditer(text):
        negate, phrase, _closing, bare = match.groups()
        if bare is None:
            term = _term(phrase, quoted=True)
            if term:
                items.append(("neg" if negate else "term", term))
            continue
        if bare in ("OR", "AND", "NOT"):
            items.append(("op", bare))
            continue
        negated = bare.startswith("-") and len(bare) > 1
        term = _term(bare[1:] if negated else bare, quoted=False)
        if term:
            items.append(("neg" if negated else "term", term))

    query = TextQuery()
    join_next = False
    negate_next = False
    for index, (kind, value) in enumerate(items):
        if kind == "op":
            has_left = index > 0 and items[index - 1][0] != "op"
            has_right = index + 1 < len(items) and items[index + 1][0] != "op"
            if value == "OR" and has_left and has_right and query.groups:
                join_next = True
            elif value == "NOT" and has_right:
                negate_next = True
            elif value == "AND" and has_left and has_right:
                pass
            else:  # an operator with nothing to operate on is just a word
                word = Term((str(value),))
                items[index] = ("term", word)
                query.groups.append([word])
            continue
        if not isinstance(value, Term):  # only operators are strings, handled above
            continue
        term = value
        if kind == "neg" or negate_next:
            query.excluded.append(term)
        elif join_next:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        join_next = negate_next = False
    if not query.groups:
        query.excluded = []
    return _without_stopwords(query)


def _is_stopword(term: Term) -> bool:
    return len(term.words) == 1 and not term.prefix and term.words[0].lower() in STOPWORDS


def _without_stopwords(query: TextQuery) -> TextQuery:
    """Drop lone function words (see STOPWORDS) unless nothing else would be left."""
    kept = [[t for t in group if not _is_stopword(t)] for group in query.groups]
    if not any(kept):
        return query
    return TextQuery(
        [group for group in kept if group], [t for t in query.excluded if not _is_stopword(t)]
    )


def _fts5_term(term: Term) -> str:
    # Words are letters and digits only, so double quotes make each a plain string in FTS5.
    phrase = '"' + " ".join(term.words) + '"'
    return phrase + "*" if term.prefix else phrase


def to_fts5(query: TextQuery) -> str:
    """The FTS5 MATCH expression for a non-empty TextQuery."""
    groups = []
    for group in query.groups:
        parts = [_fts5_term(t) for t in group]
        groups.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    expression = " AND ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression
