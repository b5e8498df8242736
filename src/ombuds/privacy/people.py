"""Who is who: group the name mentions of a statement into people and give each one a label.

The published conventions: the complainant is "Mr X" (or Mrs, Miss, Ms, Dr X); other adults are
"Mr Y", "Ms Z" and so on; children are a letter ("her son, B"); staff are their role ("the social
worker"); councillors are "Councillor W". The same person keeps one label through a document and,
with a `PseudonymMap` loaded from the case file, through every document of the case. The map is
private case data: it says who "Mr Y" is, so it is saved beside the case, never published.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

from ombuds.complaint.guard import TooComplex, check_json
from ombuds.errors import InputError
from ombuds.outputs import write_output
from ombuds.privacy.lexicon import lexicon
from ombuds.privacy.recognisers import ITITLE, NAME_WORD, UPPER_WORD

TITLE_WORDS = {
    "mr",
    "mrs",
    "miss",
    "ms",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lady",
    "lord",
    "rev",
    "reverend",
    "councillor",
    "cllr",
}
LABEL_TITLE = {
    "mr": "Mr",
    "mrs": "Mrs",
    "miss": "Miss",
    "ms": "Ms",
    "dr": "Dr",
    "sir": "Mr",
    "lord": "Mr",
    "dame": "Ms",
    "lady": "Ms",
    "councillor": "Councillor",
    "cllr": "Councillor",
}
FEMALE = {"Mrs", "Miss", "Ms"}
ADULT_LETTERS = "XYZWVUTSRQPNMLKJHGF"
CHILD_LETTERS = "BCDEFGHJKLMNPQRSTUVW"
WORD = regex.compile(rf"{NAME_WORD}|{UPPER_WORD}")
PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "del",
    "della",
    "dos",
    "das",
    "la",
    "le",
    "bin",
    "binti",
    "ibn",
    "al",
    "el",
    "ul",
    "ap",
    "ab",
    "ter",
    "ó",
    "ní",
    "nic",
    "ua",
    "uí",
    "mhic",
    "an",
}
NON_NAMES = {"The", "Her", "His", "Their", "Council", "Council's", "the"}
EXISTING_LABEL = regex.compile(
    rf"\b(?:{ITITLE}\.?|[Cc]ouncillor|son|daughter|child|children|grandson|granddaughter)"
    rf",?[ \t]+(\p{{Lu}})\b(?:(?=['’]s\b)|(?![’'\p{{L}}]))"  # "Mr X's", not "Mr O'Brien"
)

# Short forms and the name they stand for, so that "Tom" is found as "Thomas Reid".
NICKNAMES = {
    "Tom": "Thomas",
    "Tommy": "Thomas",
    "Liz": "Elizabeth",
    "Lizzie": "Elizabeth",
    "Beth": "Elizabeth",
    "Betty": "Elizabeth",
    "Bill": "William",
    "Billy": "William",
    "Will": "William",
    "Bob": "Robert",
    "Bobby": "Robert",
    "Rob": "Robert",
    "Jim": "James",
    "Jimmy": "James",
    "Jamie": "James",
    "Mike": "Michael",
    "Mick": "Michael",
    "Dave": "David",
    "Steve": "Stephen",
    "Chris": "Christopher",
    "Kate": "Katherine",
    "Katie": "Katherine",
    "Kathy": "Katherine",
    "Sue": "Susan",
    "Maggie": "Margaret",
    "Meg": "Margaret",
    "Peggy": "Margaret",
    "Jen": "Jennifer",
    "Jenny": "Jennifer",
    "Alex": "Alexander",
    "Sam": "Samuel",
    "Ben": "Benjamin",
    "Dan": "Daniel",
    "Danny": "Daniel",
    "Nick": "Nicholas",
    "Tony": "Anthony",
    "Pat": "Patricia",
    "Trish": "Patricia",
    "Mo": "Mohammed",
    "Mohammad": "Mohammed",
    "Muhammad": "Mohammed",
    "Chidi": "Chidiebere",
    "Femi": "Oluwafemi",
    "Tomek": "Tomasz",
    "Kasia": "Katarzyna",
    "Gosia": "Malgorzata",
    "Sasha": "Alexander",
}


def canonical(word: str) -> str:
    """The full form of a name word ("KASIA" and "Kasia" -> "Katarzyna")."""
    word = word.title() if word.isupper() else word
    return NICKNAMES.get(word, word)


def variants(word: str) -> set[str]:
    """The word and its other forms (nicknames of the same name, the upper-case form)."""
    base = canonical(word)
    forms = {word, base} | {short for short, full in NICKNAMES.items() if full == base}
    return {f for f in forms if f}


def name_words(text: str) -> list[str]:
    """The name words of a mention, without titles or particles ('Mrs Ana de Souza' → Ana, Souza).

    A mention written all in lower case ("mr fairclough") is read as if capitalised."""
    if text.islower():
        text = text.title()
    words = []
    for match in WORD.finditer(text):
        word = match.group()
        # a particle written in lower case is not a name ("Ana de Souza"); capitalised, it is
        # part of the surname as the person writes it ("Mr Da Silva", "Mr Le")
        if word.lower() in TITLE_WORDS or word in PARTICLES or word in NON_NAMES:
            continue
        words.append(word.title() if word.isupper() else word)
    return words


MAP_LIMIT = 20_000_000  # bytes: a case map lists people, never more than a few thousand


@dataclass
class Person:
    label: str
    kind: str  # complainant, adult, child, staff, councillor
    names: list[str] = field(default_factory=list)
    title: str | None = None
    first: str | None = None
    surname: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)  # "known as Tunde": other names they go by

    def matches(
        self, first: str | None, surname: str | None, single: str | None, title: str | None
    ) -> bool:
        if (
            title
            and self.title
            and (title in FEMALE) != (self.title in FEMALE)
            and "Dr" not in (title, self.title)
            and "Councillor" not in (title, self.title)
        ):
            return False
        if single and single in self.aliases:
            return True
        if first and surname:
            if self.surname is None:  # met first by first name: "Bogdan", then "Mr Bogdan Lungu"
                return self.first is not None and canonical(self.first) == canonical(first)
            return self.surname == surname and (
                self.first is None or canonical(self.first) == canonical(first)
            )
        if surname:
            return surname == self.surname
        if single:
            return single == self.surname or (
                self.first is not None and canonical(single) == canonical(self.first)
            )
        return False


@dataclass
class PseudonymMap:
    """The people of one case and their labels; load and save it with the case's private files."""

    people: list[Person] = field(default_factory=list)

    def known_names(self) -> list[str]:
        return [name for person in self.people for name in person.names]

    def used_letters(self) -> set[str]:
        letters = set()
        for person in self.people:
            last = person.label.split()[-1]
            if last[:1].isupper() and (len(last) == 1 or last[1:].isdigit()):
                letters.add(last)
        return letters

    def to_json(self) -> dict:
        return {"version": 1, "people": [asdict(p) for p in self.people]}

    @classmethod
    def from_json(cls, data: dict, source: str = "pseudonym map") -> PseudonymMap:
        try:
            return cls([Person(**p) for p in data["people"]])
        except (KeyError, TypeError) as error:
            raise InputError(
                f"not a pseudonym map ({error})",
                source=source,
                hint="give a file written by `ombuds anonymise --map`",
            ) from None

    @classmethod
    def load(cls, path: Path) -> PseudonymMap:
        """The map saved at `path` (an empty one if there is none yet). Only a regular file of
        at most MAP_LIMIT bytes is read: a device or a pipe (`/dev/zero`) would never end."""
        if not path.exists():
            return cls()
        if not path.is_file():
            raise InputError(
                "the map is not a regular file",
                source=str(path),
                hint="give the path of a file written by `ombuds anonymise --map`",
            )
        try:
            if path.stat().st_size > MAP_LIMIT:
                raise InputError(
                    f"the map is larger than {MAP_LIMIT:,} bytes: not a file ombuds wrote",
                    source=str(path),
                    hint="give the path of a file written by `ombuds anonymise --map`",
                )
            text = path.read_text(encoding="utf-8")
            check_json(text)
            return cls.from_json(json.loads(text), str(path))
        except TooComplex as problem:
            raise InputError(
                f"the map is {problem.message}",
                source=str(path),
                hint="give a file written by `ombuds anonymise --map`",
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                f"cannot read the map ({error.__class__.__name__}: {error})"[:300],
                source=str(path),
                hint="give a readable file written by `ombuds anonymise --map`",
            ) from None
        except json.JSONDecodeError as error:
            raise InputError(
                f"not valid JSON ({error})",
                source=str(path),
                hint="give a file written by `ombuds anonymise --map`",
            ) from None

    def save(self, path: Path) -> None:
        """Save the map: private case data (real names), so the file is readable by its owner
        only (0600), written whole or not at all (`ombuds.outputs`)."""
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False)
        write_output(path, text.encode("utf-8"), private=True)


@dataclass
class Mention:
    start: int
    end: int
    kind: str | None
    title: str | None
    first: str | None
    surname: str | None
    single: str | None
    role: str | None
    name: str
    relation: str | None = None
    alias: bool = False


def parse_mention(text: str, start: int, end: int, meta: dict) -> Mention | None:
    """A detected person span as title, first name, surname (or a single name) and role; None
    when it holds no name word."""
    name = meta.get("name") or text[start:end]
    title_match = regex.match(rf"{ITITLE}\b", name)
    title = LABEL_TITLE.get(title_match.group().lower(), "Mx") if title_match else None
    words = name_words(name)
    if not words:
        return None
    kind = meta.get("person_kind")
    first = surname = single = None
    if len(words) >= 2:
        first, surname = words[0], words[-1]
    elif title:
        surname = words[0]
    else:
        single = words[0]
    return Mention(
        start,
        end,
        kind,
        title,
        first,
        surname,
        single,
        meta.get("role"),
        name,
        meta.get("relation"),
        bool(meta.get("alias")) and single is not None,
    )


def _gender_clash(person: Person, mention: Mention) -> bool:
    """A title and a first name met only through a shared surname that cannot be one person:
    "Mrs Bakare" and "Tobias Bakare" (a first name the name lists give only to men)."""
    if mention.first and mention.surname and person.first is None and person.title:
        title, first = person.title, mention.first
    elif mention.title and not mention.first and person.first and not person.title:
        title, first = mention.title, person.first
    else:
        return False
    lex = lexicon()
    head = first.split("-")[0]
    if title == "Mr":
        return lex.only_female(head)
    return title in FEMALE and lex.only_male(head)


def _age_clash(person: Person, mention: Mention) -> bool:
    """A child met by first name and surname is not the titled adult of the same surname
    ("Tayo Adeyinka" in a list of children is not "Mr Adeyinka")."""
    if mention.kind == "child" and person.kind != "child":
        return person.title is not None and mention.first is not None
    if person.kind == "child" and mention.kind != "child":
        return mention.title is not None and person.first is not None
    return False


class Labeller:
    """Groups mentions into people (new ones join the map) and hands out labels."""

    def __init__(self, pseudonyms: PseudonymMap, text: str, complainant: str | None = None):
        self.map = pseudonyms
        self.text = text
        self.in_text = set(EXISTING_LABEL.findall(text))
        self.taken = pseudonyms.used_letters() | self.in_text
        self.complainant_hint = set(name_words(complainant)) if complainant else None
        self.roles: dict[str, int] = {}
        self.last: Person | None = None  # the person of the previous mention (for aliases)
        for person in pseudonyms.people:
            if person.role:
                self.roles[person.role] = self.roles.get(person.role, 0) + 1

    def _letter(self, pool: str) -> str:
        """The next free letter of the pool; past the last one, Y2, Z2 ... then Y3 ..."""
        round_ = 1
        while True:
            for letter in pool:
                label = letter if round_ == 1 else f"{letter}{round_}"
                if label not in self.taken:
                    self.taken.add(label)
                    return label
            round_ += 1

    def _title(self, mention: Mention) -> str | None:
        """The title the text gives this person, never one guessed from a relation word or a
        pronoun (a birth mother is not "Mr Y" because a "he" follows)."""
        return mention.title if mention.title and mention.title != "Mx" else None

    def _is_complainant(self, mention: Mention) -> bool:
        if "X" in self.in_text or any(p.kind == "complainant" for p in self.map.people):
            return False
        if self.complainant_hint is not None:
            return bool(
                self.complainant_hint
                & set(filter(None, (mention.first, mention.surname, mention.single)))
            )
        return mention.kind in (None, "other") and mention.title not in (None, "Councillor")

    def person_for(self, mention: Mention) -> Person:
        """The person this mention is (an earlier one, or a new one added to the map)."""
        self.last = self._find(mention)
        return self.last

    def _find(self, mention: Mention) -> Person:
        if (
            mention.alias
            and mention.single is not None
            and self.last is not None
            and not self.last.matches(None, None, mention.single, None)
        ):
            self.last.aliases.append(mention.single)
            self.last.names.append(mention.name)
            return self.last
        candidates = [
            p
            for p in self.map.people
            if p.matches(mention.first, mention.surname, mention.single, mention.title)
            and not _gender_clash(p, mention)
            and not _age_clash(p, mention)
        ]
        if not candidates and mention.first and mention.surname:
            # a compound surname without the first name: "Mr Abu Bakr" is "Mr Yusuf Abu Bakr"
            words = name_words(mention.name)
            candidates = [
                p
                for p in self.map.people
                for n in p.names
                if len(name_words(n)) > len(words) and name_words(n)[-len(words) :] == words
            ]
        if not candidates and mention.surname and not mention.first:
            # a family name written first: "Mr Le" is "Mr Le Van Thanh" when no one is called Le
            candidates = [
                p
                for p in self.map.people
                if any(mention.surname in name_words(n)[:-1] for n in p.names)
                and p.matches(p.first, p.surname, None, mention.title)
            ]
        if candidates:
            same_title = [p for p in candidates if mention.title and p.title == mention.title]
            person = (same_title or candidates)[-1]
            if mention.first and person.first is None:
                person.first = mention.first
            if mention.surname and person.surname is None:
                person.surname = mention.surname
            if mention.name not in person.names:
                person.names.append(mention.name)
            return person
        person = self._new_person(mention)
        self.map.people.append(person)
        return person

    def _new_person(self, mention: Mention) -> Person:
        kind = mention.kind or "adult"
        title = self._title(mention)
        if kind == "child":
            label = self._letter(CHILD_LETTERS)
        elif kind == "staff":
            role = mention.role or "officer"
            self.roles[role] = self.roles.get(role, 0) + 1
            label = f"the {role}" + (f" {self.roles[role]}" if self.roles[role] > 1 else "")
        elif kind == "councillor" or title == "Councillor":
            kind, label = "councillor", f"Councillor {self._letter(ADULT_LETTERS[1:])}"
        elif self._is_complainant(mention):
            kind = "complainant"
            label = f"{title} X" if title and title != "Mx" else "X"
            self.taken.add("X")
        else:
            kind = "adult"
            letter = self._letter(ADULT_LETTERS[1:])
            label = f"{title} {letter}" if title and title != "Mx" else letter
        return Person(
            label=label,
            kind=kind,
            names=[mention.name],
            title=mention.title,
            first=mention.first or mention.single,
            surname=mention.surname,
            role=mention.role if kind == "staff" else None,
        )
