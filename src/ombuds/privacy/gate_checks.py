"""The publication gate's own checks: deliberately over-cautious, and blind in other places than
the anonymiser (no NER, no context rules about who is who: shapes and word lists).

Each check returns `Flag`s (a span, the check's name, why). What a check flags blocks publication
until a reviewer overrides it with a reason. The checks:

- TITLE: a title ("Mr", "mrs", "Cllr" ...) followed by anything but a label letter ("Mr X",
  "Ms Y2"); and a label followed by a lower-case first name or surname ("Ms X brook").
- FIRST_NAME: a first name from the name lists, in any case: capitalised or in capitals always;
  in lower case when it is not also an ordinary English word ("alfie", but not "will").
- WORD: a capitalised word or a word in capitals that is not ordinary English, not a public word
  and not part of a local authority's name; and a lower-case word that is none of these either,
  once common endings are taken off ("ffion", but not "complained").
- NUMBER: a run of letters and digits joined by separators (/ . - _ : or spaces between groups
  of digits), or letters mixed with digits ("KX19YTB", "ab123456c"), or a number shaped like a
  National Insurance number in any case and with any separators; but not money, a time, a
  financial year, a statutory citation, a paragraph number or the Ombudsman's own reference.
- DATE_OF_BIRTH: any date, or a month or a year, after "born", "DOB", "date of birth", "d.o.b.",
  "birthday", and any date in the same sentence ("born in June 2013 and her daughter on the 2nd
  of May 2016"); and any date written in figures ("7/9/88": the Ombudsman writes dates in words).
- EMAIL: any "@", "[at]" or "(at)"; "at ... dot"; "dot com", "dot co dot uk"; a mail provider's
  name; a web address that is not a public body's.
- HANDLE: the word after a social network's name or "username", "handle", "account" when it is
  not ordinary English.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from ombuds.privacy.lexicon import Lexicon, fold, lexicon

TITLES = (
    r"(?i:mr|mrs|miss|ms|mx|dr|prof|professor|sir|dame|lady|lord|rev|revd|reverend|"
    r"councillor|cllr)"
)
LABEL = r"\p{Lu}\d{0,2}"
TITLE_RUN = regex.compile(
    rf"\b(?P<title>{TITLES})\b\.?(?P<gap>[ \t]*\n?[ \t]*)(?P<next>[\p{{L}}\d][\p{{L}}\d'’-]*)?"
)
LABEL_ONLY = regex.compile(rf"^{LABEL}(?:['’]s)?$")
AFTER_LABEL = regex.compile(r"[ \t]+(?P<word>\p{Ll}[\p{L}'’-]*)")
WORD = regex.compile(r"(?<![\p{L}\d@_.])[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*(?![\p{L}\d@_])")
ENDINGS = (
    "'s",
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ly",
    "er",
    "ers",
    "est",
    "ness",
    "ment",
    "ments",
    "able",
    "ful",
    "less",
    "al",
    "ally",
    "ised",
    "ises",
    "ising",
    "isation",
    "ation",
    "ations",
)
SENTENCE_START = regex.compile(r"(?:^|[.!?:;]\s+|\n\s*(?:[-•*\d.)]+\s+)?|[\"“‘(]\s*)$")

# Runs of letters and digits with separators, or digit groups split by spaces or line breaks.
SEPARATED = regex.compile(
    r"(?<![\w@])(?:[A-Za-z0-9]+(?:[/\\._:-]+[A-Za-z0-9]+)+|\d+(?:(?:[ \t]+\n?|\n)[ \t]*\d+)+)"
    r"(?![\w@])"
)
MIXED = regex.compile(r"(?<![\w@])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{5,}(?![\w@])")
NI_SHAPE = regex.compile(
    r"(?<![\w@])[A-Za-z]{2}[\s./-]{0,3}\d{2}[\s./-]{0,3}\d{2}[\s./-]{0,3}\d{2}"
    r"(?:[\s./-]{0,3}[A-Da-d])?(?![\w@])"
)
POSTCODE_SHAPE = regex.compile(
    r"(?i)(?<![\w@])(?:gir[ \t]?0aa|[a-pr-uwyz][a-hk-y]?\d[a-z\d]?[ \t]?\d[abd-hjlnp-uw-z]{2})(?![\w@])"
)
LONG_NUMBER = regex.compile(r"(?<![\w@£$€.,])\+?\d{7,}(?![\w@])")
STREET_WORDS = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Court|Place|"
    r"Terrace|Grove|Square|Hill|Row|Walk|Mews|Park|Rise|View|Parade|Green|Vale|Croft|Wharf|"
    r"Broadway|Kingsway|Estate|Fold|Yard|Gate|Chase|Meadows?|Heights|Villas|Cottages)"
)
ADDRESS_SHAPE = regex.compile(
    rf"(?i:\b(?:flat|apartment|apt|unit|plot|pitch|room|suite|caravan|chalet|no\.?)[ \t]+\d{{1,4}}[a-z]?\b)"
    rf"|\b\d{{1,4}}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{{1,4}}[A-Za-z]?)?,?[ \t]+"
    rf"(?:\p{{Lu}}[\p{{L}}'’-]+[ \t]+){{1,3}}{STREET_WORDS}\b"
)
INSTITUTION = regex.compile(
    r"(?:\b(?:St\.?|Saint)[ \t]+)?(?:\p{Lu}[\p{L}'’&-]*[ \t]+(?:(?:of|and|the|&)[ \t]+)?){1,5}"
    r"(?:Primary|Infant|Junior|Secondary|High|Grammar|Technology|Day|Pre-)?[ \t]?"
    r"(?:School|Academy|College|Nursery|Surgery|Medical[ \t]+(?:Centre|Practice)|"
    r"Health[ \t]+Centre|Practice|Pharmacy|Chemist|Care[ \t]+Home|Nursing[ \t]+Home|"
    r"Residential[ \t]+Home|Church|Chapel|Mosque|Masjid|Gurdwara|Mandir|Temple|Synagogue|"
    r"Ltd|Limited|PLC|plc|LLP)\b|\b(?:Masjid|Gurdwara|Mandir)[ \t]+\p{Lu}[\p{L}'’-]*"
)
MONEY = regex.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+\.\d{2}$")
TIME = regex.compile(r"(?i)^\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:am|pm)?$")
DECIMAL = regex.compile(r"^\d{1,3}\.\d{1,2}$")
FINANCIAL_YEAR = regex.compile(r"^(?:19|20)(\d{2})[/-](?:(?:19|20)?(\d{2}))$")
OMBUDSMAN_REFERENCE = regex.compile(r"^\d{2}[ \t]\d{3}[ \t]\d{3}$")
CITATION_BEFORE = regex.compile(
    r"(?i)(?:\bsections?|\bss?\.|\bparagraphs?|\bparas?\.?|\bregulations?|\bregs?\.|"
    r"\bschedules?|\bsch\.|\barticles?|\bart\.|\brules?|\bparts?|\bclauses?|\bchapters?|"
    r"\bpages?|\bpp?\.|\bstandards?|\bcriteria|\bcriterion|\bannex|\bappendix|\bversion|"
    r"\bv\.|\bpoint)[ \t]+(?:[\w().]+(?:,[ \t]*|[ \t]+(?:and|or|to)[ \t]+))*$"
)
DATE_FIGURES = regex.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
BIRTH = regex.compile(
    rf"(?i)\b(?:born|d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birth[ \t]?date|birthday)\b"
    r"(?P<gap>[ \t:,-]*(?:(?:is|was|on|in|of|the|as|given|recorded|listed|shown|being|"
    r"around|about|early|late|mid|at|end|start)[ \t:,-]+){0,4})"
    rf"(?P<date>(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?)?{MONTHS}\.?"
    rf"(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:[ \t]+\d{{2,4}})?\b|\d[\d/.\- \t]*\d|\d)"
)
# A sentence about someone's birth, and any date in it: "her son was born in June 2013 and her
# daughter on the 2nd of May 2016" (the second date has no "born" before it).
BIRTH_SENTENCE = regex.compile(
    r"(?i)[^.!?\n]*\b(?:born|d\.?o\.?b|date[ \t]+of[ \t]+birth|birth[ \t]?date|birthday)\b"
    r"[^.!?\n]*"
)
ANY_DATE = regex.compile(
    rf"(?i)\b(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{MONTHS}\.?(?:[ \t]+\d{{2,4}})?"
    rf"|{MONTHS}\.?[ \t]+(?:\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+)?\d{{2,4}}"
    rf"|(?:19|20)\d{{2}})\b"
)
AT_SIGNS = regex.compile(
    r"(?i)[^\s]*@[^\s]*|[\[({<]\s*at\s*[\])}>]|[\[({<]\s*dot\s*[\])}>]"
    r"|\b(?:dot)[ \t]+(?:com|co|uk|net|org|ac|gov)\b"
    r"|\b(?:hotmail|gmail|googlemail|yahoo|outlook|icloud|btinternet|aol|protonmail|live\.co|"
    r"sky\.com|virginmedia|talktalk|ymail|msn)\b"
)
# A whole address written out to dodge filters: "j dot bloggs at hotmail dot com".
_DOT = r"(?:\.|[ \t]+dot[ \t]+|[ \t]*[\[({]dot[\])}][ \t]*)"
OBFUSCATED = regex.compile(
    rf"(?i)\b[\w-]+(?:{_DOT}[\w-]+)*(?:[ \t]+at[ \t]+|[ \t]*[\[({{<]at[\])}}>][ \t]*)"
    rf"[a-z][\w-]*(?:{_DOT}[\w-]+)*{_DOT}"
    r"(?:com|co|uk|net|org|ac|gov|edu|io|me|info|biz|ie|fr|de|pt|pl|ro|es|it|nl)\b"
)
WEB_ADDRESS = regex.compile(
    r"(?i)\b(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.uk|org|org\.uk|net|uk|io|me|info)"
    r"\b(?:/[^\s]*)?"
)
PUBLIC_WEB = regex.compile(
    r"(?i)(?:^|\.)(?:gov\.uk|nhs\.uk|lgo\.org\.uk|police\.uk|parliament\.uk|ico\.org\.uk)$"
)
SOCIAL = regex.compile(
    r"(?i)\b(?:snapchat|snap|instagram|insta|tiktok|twitter|facebook|fb|discord|telegram|"
    r"youtube|reddit|whatsapp|xbox|playstation|psn|username|user[ \t]name|screen[ \t]name|"
    r"gamertag)\b[^;\n]{0,60}"
)
TOKEN = regex.compile(r"(?<![\w.@])[\w.@]*\w(?![\w@])")
# Words that follow a label in running text ("Mr X will", "Ms X said"): never a surname there.
FOLLOWS_A_SUBJECT = STOP_WORDS | {
    "said",
    "says",
    "told",
    "asked",
    "wrote",
    "rang",
    "called",
    "later",
    "still",
}
# A lower-case word after a title that may be a role in running text ("the councillor said").
WORD_TITLES = frozenset({"sir", "lady", "lord", "dame", "miss", "rev", "councillor", "professor"})
SEASON_AFTER = regex.compile(r"[ \t]+(?:\d{4}|(?i:term|half-term|holidays?))\b")
ACRONYM_DEFINED = regex.compile(r"\((\p{Lu}{2,6})s?\)")


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    check: str
    why: str


def _flag(span: tuple[int, int], check: str, why: str) -> Flag:
    return Flag(span[0], span[1], check, why)


def _sentence_start(text: str, start: int) -> bool:
    return SENTENCE_START.search(text, max(0, start - 6), start) is not None


def _ordinary_here(word: str, text: str, start: int, lower: set[str]) -> bool:
    """A first name that is also a word ("Will", "Grace") is taken as the word where it opens a
    sentence or stands in capitals, and the text uses it in lower case elsewhere (`lower`: the
    text's lower-case words)."""
    if fold(word) in STOP_WORDS:
        return True
    opens = _sentence_start(text, start) or word.isupper()
    return opens and word.lower() in lower


def plain_form(word: str, lex: Lexicon) -> bool:
    """Ordinary English without WordNet's proper nouns, once a common ending is taken off: for
    capitalised words and words after a title, where a surname would hide ("Gaskell")."""
    return _in_with_endings(fold(word), lex.plain, lex.public)


def english_form(word: str, lex: Lexicon) -> bool:
    """An ordinary English word, or one once a common ending is taken off ("complained")."""
    folded = fold(word)
    known = _ENGLISH_SEEN.get(folded)
    if known is None:
        if len(_ENGLISH_SEEN) > 500_000:  # a bound on memory for huge, odd inputs
            _ENGLISH_SEEN.clear()
        known = _ENGLISH_SEEN[folded] = _english_form(folded, lex)
    return known


_ENGLISH_SEEN: dict[str, bool] = {}


def _english_form(folded: str, lex: Lexicon) -> bool:
    return _in_with_endings(folded, lex.english, lex.public)


def _in_with_endings(folded: str, words: frozenset[str], public: frozenset[str]) -> bool:
    """`folded` is in `words` or `public`, itself or once a common ending is taken off."""
    if folded in words or folded in public:
        return True
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            stem = folded[: -len(ending)]
            if stem in words or stem + "e" in words or stem in public:
                return True
            if stem.endswith("i") and stem[:-1] + "y" in words:  # "families", "tried"
                return True
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in words:  # "stopped"
                return True
    return False


def _not_a_name_after_title(text: str, match: regex.Match, lex: Lexicon) -> bool:
    """'Mr and Mrs X', 'the councillor said', 'Councillor conduct and standards': what follows
    the title is no name."""
    title, following = match.group("title"), match.group("next")
    if following[0].isdigit():  # "the councillor.\n 2. We ...": a paragraph number
        return True
    if following.lower() in {"and", "&"} and regex.match(
        rf"[ \t]+{TITLES}\.?[ \t]+{LABEL}\b", text[match.end() :]
    ):
        return True
    if following[0].islower() and fold(following) in STOP_WORDS:
        return True
    if following[0].islower() and plain_form(following, lex) and not lex.is_first_name(following):
        return True
    # a title written as an ordinary word ("the councillor", "a lord"), then punctuation
    return fold(title) in WORD_TITLES and title[0].islower() and not match.group("gap").strip(" \t")


def check_titles(text: str, lex: Lexicon) -> list[Flag]:
    flags = []
    for match in TITLE_RUN.finditer(text):
        following = match.group("next")
        if following is None:
            continue
        following = following.rstrip("'’-")
        if not LABEL_ONLY.match(following):
            if _not_a_name_after_title(text, match, lex):
                continue
            flags.append(Flag(match.start(), match.end(), "TITLE", "a title before a name"))
            continue
        after = None if following.endswith(("'s", "’s")) else AFTER_LABEL.match(text, match.end())
        if after:
            word = after.group("word")
            if len(word) > 1 and fold(word) not in FOLLOWS_A_SUBJECT and lex.is_name(word):
                flags.append(Flag(match.start(), after.end(), "TITLE", "a name after a label"))
    return flags


def defined_acronyms(text: str, lex: Lexicon) -> set[str]:
    """Acronyms the text spells out from public words: "Special Guardianship Order (SGO)"."""
    found = set()
    for match in ACRONYM_DEFINED.finditer(text):
        letters = match.group(1)
        words = [
            w
            for w in regex.findall(r"[\p{L}'’]+", text[max(0, match.start() - 120) : match.start()])
            if w.lower() not in {"of", "and", "the", "for", "to", "in", "on", "a"}
        ][-len(letters) :]
        if (
            len(words) == len(letters)
            and "".join(w[0] for w in words).upper() == letters
            and all(english_form(w, lex) or lex.is_public(w) for w in words)
        ):
            found.add(letters)
    return found


def check_words(text: str, lex: Lexicon, skip: list[tuple[int, int]]) -> list[Flag]:
    flags = []
    skip_at = {i for start, end in skip for i in range(start, end)}
    acronyms = defined_acronyms(text, lex)
    lower = set(regex.findall(r"(?<!\p{L})\p{Ll}+(?!\p{L})", text))
    for match in WORD.finditer(text):
        if match.start() in skip_at or match.group() in acronyms:
            continue
        offset = match.start()
        for part in match.group().split("-"):
            start, end = offset, offset + len(part)
            offset = end + 1
            bare = part.rstrip("'’")
            bare = bare[:-2] if bare.endswith(("'s", "’s")) else bare
            if len(bare) < 2:
                continue
            capital = bare[0].isupper()
            if lex.is_public(bare) and (capital or not lex.is_first_name(bare)):
                continue
            first = lex.is_first_name(bare)
            english = plain_form(bare, lex) if capital else english_form(bare, lex)
            if capital and first:
                if english and _ordinary_here(bare, text, match.start(), lower):
                    continue  # "Will the Council ..." opens a sentence
                if english and SEASON_AFTER.match(text, end):
                    continue  # "Spring 2023", "Summer term"
                flags.append(Flag(start, end, "FIRST_NAME", "a first name"))
            elif first and not english:
                flags.append(Flag(start, end, "FIRST_NAME", "a first name in lower case"))
            elif not english:
                flags.append(
                    Flag(start, end, "WORD", "a word that is not ordinary English or public")
                )
    return flags


def _allowed_number(text: str, start: int, token: str) -> bool:
    plain = " ".join(token.split())
    if MONEY.match(plain) or TIME.match(plain) or OMBUDSMAN_REFERENCE.match(plain):
        return True
    year = FINANCIAL_YEAR.match(plain)
    if year and (int(year.group(2)) - int(year.group(1))) % 100 == 1:
        return True
    before = text[max(0, start - 60) : start]
    if CITATION_BEFORE.search(before) and not DATE_FIGURES.match(plain):
        return True
    if regex.search(r"£[ \t]*$", before) or regex.match(r"[ \t]*%", text[start + len(token) :]):
        return True
    if regex.match(r"^\d+-(?:\p{L}+)$", plain):  # "20-week", "25-year"
        return True
    if DECIMAL.match(plain) and not regex.search(r"(?i)\b(?:born|dob|birth)\b", before[-20:]):
        return True
    # a numbered paragraph ("3.2 The Council ...") at the start of a line
    return bool(regex.match(r"^\d{1,2}(?:\.\d{1,2}){1,2}$", plain)) and (
        start == 0 or text[start - 1] == "\n"
    )


def check_places(text: str, lex: Lexicon) -> list[Flag]:
    """Postcodes, numbered streets and flats, and the names of schools, surgeries, care homes,
    places of worship and firms, unless every word of the name is public."""
    flags = [_flag(m.span(), "ADDRESS", "a postcode") for m in POSTCODE_SHAPE.finditer(text)]
    flags += [
        _flag(m.span(), "ADDRESS", "a numbered street or flat")
        for m in ADDRESS_SHAPE.finditer(text)
    ]
    for match in INSTITUTION.finditer(text):
        words = regex.findall(r"\p{L}[\p{L}'’]*", match.group())
        if not all(
            lex.is_public(w) or w.lower() in {"of", "and", "the", "st", "saint"} for w in words
        ):
            flags.append(_flag(match.span(), "ORGANISATION", "a school, surgery, home or firm"))
    return flags


def check_numbers(text: str, skip: list[tuple[int, int]]) -> list[Flag]:
    flags = []
    skip_at = {i for start, end in skip for i in range(start, end)}
    for match in LONG_NUMBER.finditer(text):
        if match.start() not in skip_at:
            flags.append(_flag(match.span(), "NUMBER", "a long number"))
    for match in NI_SHAPE.finditer(text):
        letters, rest = match.group()[:2], match.group()[2:]
        if letters.lower() in STOP_WORDS and rest[:1].isspace() and rest[-1:].isdigit():
            continue  # "in 2023/24", "on 12 03 2024": a word, then a number
        flags.append(Flag(match.start(), match.end(), "NUMBER", "shaped like an NI number"))
    for pattern in (SEPARATED, MIXED):
        for match in pattern.finditer(text):
            token = match.group()
            if not any(c.isdigit() for c in token) or match.start() in skip_at:
                continue
            if pattern is MIXED and regex.fullmatch(r"\d+(?:st|nd|rd|th|s|am|pm)", token, regex.I):
                continue
            if pattern is SEPARATED and _allowed_number(text, match.start(), token):
                continue
            why = "a date in figures" if DATE_FIGURES.match(token) else "an identifier's shape"
            flags.append(Flag(match.start(), match.end(), "NUMBER", why))
    for match in BIRTH.finditer(text):
        start, end = match.span("date")
        flags.append(Flag(start, end, "DATE_OF_BIRTH", "a date after 'born' or 'DOB'"))
    for sentence in BIRTH_SENTENCE.finditer(text):
        for date in ANY_DATE.finditer(text, sentence.start(), sentence.end()):
            flags.append(_flag(date.span(), "DATE_OF_BIRTH", "a date in a sentence about a birth"))
    return flags


def _host(address: str) -> str:
    return address.split("://", 1)[-1].split("/", 1)[0]


def check_contacts(text: str, lex: Lexicon) -> list[Flag]:
    flags = []
    for pattern in (OBFUSCATED, AT_SIGNS):
        for match in pattern.finditer(text):
            flags.append(
                Flag(match.start(), match.end(), "EMAIL", "an e-mail address or part of one")
            )
    for match in WEB_ADDRESS.finditer(text):
        if not PUBLIC_WEB.search(_host(match.group())):
            flags.append(Flag(match.start(), match.end(), "EMAIL", "a web or mail address"))
    for match in SOCIAL.finditer(text):
        tokens = TOKEN.finditer(text, match.start(), min(len(text), match.end() + 40))
        for token in (t for t in tokens if t.start() < match.end()):
            word = token.group().strip(".")
            odd = any(c in word for c in "_.@0123456789")
            if odd or (word[:1].islower() and not english_form(word, lex)):
                flags.append(_flag(token.span(), "HANDLE", "a name on a social network"))
    return flags


def gate_flags(text: str) -> list[Flag]:
    """Everything the gate's own checks flag in `text`, one flag a span, in text order."""
    lex = lexicon()
    public_web = [
        m.span() for m in WEB_ADDRESS.finditer(text) if PUBLIC_WEB.search(_host(m.group()))
    ]
    flags = (
        check_titles(text, lex)
        + check_words(text, lex, lex.place_spans(text) + public_web)
        + check_numbers(text, public_web)
        + check_places(text, lex)
        + check_contacts(text, lex)
    )
    unique: dict[tuple[int, int], Flag] = {}
    for flag in flags:
        unique.setdefault((flag.start, flag.end), flag)
    return sorted(unique.values(), key=lambda f: (f.start, f.end))
