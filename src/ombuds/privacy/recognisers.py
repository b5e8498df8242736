"""UK and domain recognisers, written as Presidio recognisers so that every finding says who
found it.

Presidio ships US-centred patterns and an NER wrapper; a decision statement needs UK identifiers
(postcodes, National Insurance and NHS numbers, UK phone numbers, vehicle registrations) and the
ways the Ombudsman's statements name people ("her son Tom", "the social worker, Ms Quinn",
"Councillor Fletcher"). Each recogniser here is one compiled regular expression plus, where the
shape alone is not enough, a validator (the NHS number's mod-11 checksum, the phone's digit count).
The expressions run once over the whole text: they are the cheap part of the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

# --- Building blocks --------------------------------------------------------------------------

_TITLES = "Mr|Mrs|Miss|Ms|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Rev|Reverend|Councillor|Cllr"
TITLE = rf"(?:{_TITLES})"
ITITLE = rf"(?i:{_TITLES})"  # the same titles in any case ("MRS", "mr")
# A name word: capitalised, at least two letters, with Mc/Mac/O'/D' prefixes and hyphenated or
# apostrophe parts (O'Brien, Al-Rashid, Min-jun). "'s" after a name is a possessive, not a part.
# Irish and Scottish Gaelic surnames mutate after a particle: "Mac an t-Saoir", "Ó hAodha".
NAME_WORD = (
    r"(?:(?:Mc|Mac|\p{Lu}['’]|[tn]-|h(?=\p{Lu}\p{Ll}))?\p{Lu}\p{Ll}+"
    r"(?:-\p{L}\p{Ll}+|['’]\p{Lu}\p{Ll}+)*)"
)
UPPER_WORD = r"(?:\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})*)"
PARTICLE = (
    r"(?:van|von|de|der|den|da|di|du|del|della|dos|das|la|le|bin|binti|ibn|al|el|ul|ap|"
    r"ab|ter|Ní|Nic|Ó|Ua|Uí|Mhic|an(?=[ \t]+[tn]-))"
)
NAME = rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{NAME_WORD}){{0,3}}"
# Upper-case names stop at upper-case function words ("MR KWAME ASANTE OF 14 HIGH STREET").
_UPPER_STOP = (
    r"(?!(?:OF|AND|THE|AT|IN|ON|TO|FROM|FOR|BY|WITH|IS|WAS|HAS|HAD|SAYS|SAID|AS|OR|"
    r"AN|WHO|COMPLAINED|COMPLAINS|WROTE|ASKED|LIVES|LIVED)\b)"
)
UPPER_NAME = rf"{_UPPER_STOP}{UPPER_WORD}(?:[ \t]+{_UPPER_STOP}{UPPER_WORD}){{0,3}}"
# Initials between a title and a name ("Mr J. R. Smith"), but not a label ending a sentence
# ("… to Mr X. The letter …").
_SENTENCE_WORD = (
    r"(?!(?:The|She|He|It|We|They|His|Her|Their|This|That|In|On|At|When|After|"
    r"However|Further|Mr|Mrs|Ms|Miss|Dr|And|But|So|As|If|I|There|These|Those|Then|What|"
    r"Where|Which|While|Although|Because|Before|Both|Each|Our|My|Its|No|Not|Also|Later|"
    r"Since|Until|During|From|For|With|To|By|Of|Or|A|An)\b)"
)
INITIALS = rf"(?:\p{{Lu}}\.?[ \t]+){{0,3}}{_SENTENCE_WORD}"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{MONTH}[ \t]+\d{{4}}"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}})"
)
# Any two letters, six digits and a letter A-D, in any case and with any separators, even
# across a line break: HMRC's prefix rules are not applied (an unissued "QQ" is still withheld).
_SEP = r"[ \t./-]{0,2}\n?[ \t]*"
NI_NUMBER = (
    rf"(?i:[a-z]{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[a-d]"
    rf"|(?-i:[A-Z]{{2}})\d{{6}})"
)
# A date after "born" that DATE does not cover: "June 2013", "5 Aug 47", "2nd of May", "2014".
LOOSE_DATE = (
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?)?(?i:{MONTH})\.?"
    rf"(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:[ \t]+(?:\d{{4}}|\d{{2}}))?\b"
    rf"|(?:19|20)\d{{2}}\b)"
)
POSTCODE = r"(?:GIR[ \t]?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{2})"
STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Court|Place|"
    r"Terrace|Grove|Square|Hill|Row|Walk|Mews|Park|Rise|View|Parade|Green|Vale|Croft|"
    r"Wharf|Broadway|Kingsway)"
)
# Address parts: a capitalised place word (Glan-yr-Afon, Stoke-on-Trent, ELM), a run of up to four
# (Great Yarmouth, Newcastle upon Tyne), never starting with a title, pronoun or determiner.
PLACE_WORD = r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*"
_NOT_PLACE = (
    r"(?!(?:Mr|Mrs|Ms|Miss|Dr|Mx|He|She|They|We|I|It|His|Her|Their|This|That|These|Those|"
    r"In|On|At|By|To|From|For|With|But|And|Or|So|If|When|While|Then|Now|Later|Since|"
    r"After|Before|Also|However|Meanwhile|Today|Yesterday|Recently|Previously|Last|"
    r"Next|Both|"
    r"Council|Councillor|Cllr|The[ \t]+Council)\b)"
)
PLACE = (
    rf"{_NOT_PLACE}{PLACE_WORD}"
    rf"(?:[ \t]+(?:(?:upon|on|under|le|la|de|en|the)[ \t]+)?{PLACE_WORD}){{0,3}}"
)
UNIT = (
    r"(?:\b(?:(?:c/o|C/O|care[ \t]+of)[ \t]+)?(?:(?:Flat|Apartment|Apt\.?|Unit|Room|Plot|Pitch|"
    r"Suite|Studio|Caravan|Chalet|Berth|Mooring)[ \t]+\d{1,4}[A-Za-z]?"
    r"|(?i:(?:ground|first|second|third|top|lower|upper|basement|\d(?:st|nd|rd|th))"
    r"(?:[ \t]+floor)?[ \t]+flat))"
    r",?[ \t]+)"
)
# Named buildings: "Kestrel House", "Ivy Cottage", "The Old Forge", "Meadow View Caravan Site".
BUILDING = (
    rf"(?:The[ \t]+(?:{PLACE_WORD}[ \t]+){{0,3}}|(?:{PLACE_WORD}[ \t]+){{1,3}})"
    r"(?:Cottages?|House|Farm(?:house)?|Lodge|Barn|Mill|Forge|Manor|Villa|Bungalow|Grange|"
    r"Croft|Rectory|Vicarage|Mansions|Buildings|Tower|Heights|Caravan[ \t]+(?:Site|Park)|"
    r"Travellers?['’]?[ \t]+Site|Gypsy[ \t]+Site|Marina|"
    r"Mobile[ \t]+Home[ \t]+Park)\b"
)
NUMBERED_STREET = (
    rf"(?:\b(?:c/o|C/O)[ \t]+)?\b(?:(?:No\.?|Number)[ \t]+)?"
    rf"\d{{1,4}}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{{1,4}}[A-Za-z]?)?"
    rf",?[ \t]+(?:\p{{Lu}}[\w'’-]+[ \t]+){{1,3}}(?i:{STREET})\b"
)
LOCALITY = rf"(?:,[ \t]*(?!{POSTCODE}\b){PLACE}\b)"
CHILD_WORDS = {
    "son",
    "daughter",
    "child",
    "children",
    "grandson",
    "granddaughter",
    "grandchild",
    "grandchildren",
    "stepson",
    "stepdaughter",
    "baby",
    "boy",
    "girl",
    "sons",
    "daughters",
    "nephew",
    "niece",
    "foster child",
    "pupil",
}
RELATION = (
    r"(?:son|daughter|children|child|grandson|granddaughter|grandchildren|grandchild|"
    r"stepson|stepdaughter|baby|boy|girl|sons|daughters|nephew|niece|brother|sister|"
    r"husband|wife|partner|ex-partner|ex-husband|ex-wife|mother|father|mum|dad|friend|"
    r"neighbour|grandmother|grandfather|aunt|uncle|cousin|son-in-law|daughter-in-law|"
    r"pupil)"
)
ROLE = (
    r"(?:senior social worker|social worker|team manager|team leader|service manager|"
    r"head of service|headteacher|head teacher|deputy head|SENCO|case officer|"
    r"housing officer|planning officer|enforcement officer|civil enforcement officer|"
    r"council officer|care home manager|home manager|occupational therapist|"
    r"family support worker|support worker|care worker|caseworker|case worker|assessor|"
    r"officer|manager|teacher|nurse|warden|investigator|director|chief executive|"
    r"interpreter|key worker|doctor|psychologist|health visitor|midwife|advocate)"
)
# A role may open a sentence ("Social worker Mark Price visited"); posts keep their capitals
# ("the Head of Children's Services, Joanne Pickersgill").
POST = (
    r"(?:(?:Assistant|Deputy|Interim|Acting|Senior)[ \t]+)?(?:Head|Director|Manager|"
    r"Chief[ \t]+Officer|Lead)[ \t]+(?:of|for)[ \t]+\p{Lu}[\w'’]*"
    r"(?:[ \t]+(?:(?:and|&)[ \t]+)?\p{Lu}[\w'’]*){0,3}"
)
ROLE = rf"(?:(?=\p{{Lu}}\p{{Ll}})(?i:{ROLE})|{ROLE})"
DETERMINER = r"(?i:the|her|his|their|a|an|its|our|my|your)"
ORG_WORDS = (
    r"(?:St\.?[ \t]+|Saint[ \t]+)?(?!(?:The|A|An|Her|His|Their|At|In|To|Our|This|That|"
    r"Mr|Mrs|Ms|Miss|Dr)\b)\p{Lu}[\w'’&-]+(?:[ \t]+(?:(?:of|and|the|upon|on|in|&)[ \t]+)?"
    r"\p{Lu}[\w'’&-]+){0,5}"
)


def nhs_checksum_ok(number: str) -> bool:
    """The NHS number's mod-11 check digit: weights 10..2 on the first nine digits."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def uk_phone_ok(number: str) -> bool:
    """A UK number has 10 or 11 digits once +44 becomes 0, and starts 01, 02, 03, 07, 08 or 09."""
    digits = "".join(c for c in number if c.isdigit())
    international = number.lstrip()
    if international.startswith(("+44", "0044")):
        national = digits[4:] if international.startswith("0044") else digits[2:]
        digits = "0" + national.removeprefix("0")  # "+44 (0)161" is "0161"
    return 10 <= len(digits) <= 11 and digits[:2] in {"01", "02", "03", "07", "08", "09"}


class RegexRecogniser(EntityRecognizer):
    """One compiled expression; the `span` group (or the whole match) is the finding.

    `metadata(match)` adds what later steps need (the kind of person, a staff role); `validate`
    rejects shapes that fail a checksum or a length rule.
    """

    name: str  # set by EntityRecognizer.__init__

    def __init__(
        self,
        name: str,
        entity: str,
        pattern: str,
        *,
        score: float = 0.9,
        flags: int = 0,
        validate: Callable[[str], bool] | None = None,
        metadata: Callable[[regex.Match], dict] | None = None,
    ):
        self.pattern = regex.compile(pattern, flags)
        self.entity = entity
        self.score = score
        self.validate = validate
        self.metadata = metadata
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: the pattern is compiled in __init__
        pass

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        for match in self.pattern.finditer(text):
            group = "span" if "span" in self.pattern.groupindex else 0
            start, end = match.span(group)
            if start < 0 or (self.validate and not self.validate(text[start:end])):
                continue
            yield start, end, (self.metadata(match) if self.metadata else {})

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for start, end, extra in self.matches(text):
            meta = {
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                **extra,
            }
            results.append(
                RecognizerResult(self.entity, start, end, self.score, recognition_metadata=meta)
            )
        return results


class ChildListRecogniser(RegexRecogniser):
    """'her two children, Jayden and Aaliyah': every name in the list is a child."""

    LIST = regex.compile(
        rf"(?:[ \t]*\([^()\n]{{0,60}}\))?"  # "Mason (born 4 March 2014) and Harvey"
        rf"(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+)({NAME_WORD})"
    )

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        for match in self.pattern.finditer(text):
            start, end = match.span("span")
            yield start, end, {"person_kind": "child"}
            while (more := self.LIST.match(text, end)) is not None:
                start, end = more.span(1)
                yield start, end, {"person_kind": "child"}


class StaffRoleRecogniser(RegexRecogniser):
    """'the social worker, Ms Quinn' is replaced by its role; in 'the Council's social worker,
    Ms Quinn' the owner stays in the text (it names a public body) and only the role is replaced."""

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        for match in self.pattern.finditer(text):
            meta = _staff(match)
            start = match.start()
            if match.group("owner"):
                start, meta["determiner"] = match.start("role"), ""
            yield start, match.end(), meta


class PostcodeAddressRecogniser(RegexRecogniser):
    """Comma-separated address parts ending in a postcode, whatever their shape ('Sunnyside, Moor
    Road, Great Broughton TS9 7EU'): searched backwards from each postcode, so it costs nothing
    on text without one."""

    POSTCODE_AT = regex.compile(rf"\b{POSTCODE}\b")

    def matches(self, text: str) -> Iterable[tuple[int, int, dict]]:
        ending_here = regex.compile(rf"(?:{self.pattern.pattern})\Z", self.pattern.flags)
        for postcode in self.POSTCODE_AT.finditer(text):
            start = max(0, postcode.start() - 160)
            match = ending_here.search(text, start, postcode.end())
            if match:
                yield match.start(), match.end(), {}


def _relation_kind(match: regex.Match) -> dict:
    word = match.group("rel").lower()
    # "the mother of Ayaan": Ayaan is the child, unless titled
    if "rev" in match.re.groupindex and match.group("rev"):
        titled = regex.match(ITITLE + r"\b", match.group("span"))
        return {"person_kind": "other" if titled else "child", "relation": "child"}
    return {"person_kind": "child" if word in CHILD_WORDS else "other", "relation": word}


def _staff(match: regex.Match) -> dict:
    before = match.string[max(0, match.start() - 3) : match.start()]
    default = "" if before.rstrip().endswith(("'s", "’s")) else "the"
    det = (match.group("det") or default).strip().lower()
    if det in {"a", "an"}:
        det = "the"
    role = match.group("role")
    return {
        "person_kind": "staff",
        "role": role if regex.search(r"\s\p{Lu}", role) else role.lower(),
        "determiner": det,
        "name": match.group("name"),
    }


def build_recognisers() -> list[EntityRecognizer]:
    """Every recogniser of the pipeline except spaCy's NER, in a stable order."""
    # A title is never a name word by itself ("her brother, Mr X" holds no name).
    person_name = rf"(?:{TITLE}\.?[ \t]+)?(?!{TITLE}\b){NAME}"
    return [
        RegexRecogniser(
            "UkPostcodeRecogniser",
            "POSTCODE",
            # also typed in lower case ("ls6 2ab"), with its space
            rf"\b{POSTCODE}\b|\b{POSTCODE.lower()}(?<=[ \t]\d[a-z]{{2}})\b",
        ),
        RegexRecogniser(
            "UkPhoneRecogniser",
            "PHONE",
            r"(?<![\w+])(?:(?:\+|00)44[ \t]?(?:\(0\)[ \t]?)?\d{2,4}|\(?0\d{2,4}\)?)"
            r"[ \t-]?\d{3,4}[ \t-]?"
            r"\d{3,4}(?!\w)",
            validate=uk_phone_ok,
        ),
        RegexRecogniser("EmailRecogniser", "EMAIL", r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\b"),
        RegexRecogniser(  # any two letters: an unissued prefix (QQ, BG) is no reason to publish
            "UkNiNumberRecogniser",
            "NI_NUMBER",
            rf"(?<![\w@/]){NI_NUMBER}(?![\w@/])",
        ),
        RegexRecogniser(
            "UkNhsNumberRecogniser",
            "NHS_NUMBER",
            r"(?<![\w/])\d{3}[ \t-]?\d{3}[ \t-]?\d{4}(?![\w/])",
            validate=nhs_checksum_ok,
        ),
        # Current (KX19 YTB), prefix (M427 XJT, 1983-2001) and suffix (GHW 512K, 1963-83) shapes.
        RegexRecogniser(
            "UkVehicleRegistrationRecogniser",
            "VEHICLE_REG",
            r"\b(?:[A-HJ-PR-Y][A-HJ-PR-Y][ \t]?(?:0[1-9]|[1-9]\d)[ \t]?[A-HJ-PR-Z]{3}"
            r"|[A-HJ-NP-TV-Y]\d{1,3}[ \t][A-HJ-PR-Y]{3}"
            r"|[A-HJ-PR-Y]{3}[ \t]\d{1,3}[A-HJ-NP-TV-Y])\b",
        ),
        RegexRecogniser(
            "DateOfBirthRecogniser",
            "DATE_OF_BIRTH",
            rf"(?i:\bborn|\bdate[ \t]+of[ \t]+birth|\bDOB|\bD\.O\.B\.?|\bbirth[ \t]?date|"
            rf"\bbirthday)(?i:[ \t:,-]*(?:is|was|on|in|of|the|as|given|recorded|shown|listed|"
            rf"being|appears|appeared|written|noted|stated|entered)\b)*[ \t]*[:,-]?[ \t]*"
            rf"(?P<span>{DATE}|{LOOSE_DATE})",
        ),
        RegexRecogniser(  # a numbered street, with its flat, building, places and postcode
            "UkAddressRecogniser",
            "ADDRESS",
            rf"{UNIT}?(?:\b(?:{BUILDING}"
            rf"|(?:\p{{Lu}}\p{{Ll}}+[ \t]+){{1,2}}(?:Cottage|House|Farm|Lodge|Barn)),"
            rf"[ \t]+)?{NUMBERED_STREET}{LOCALITY}{{0,3}}(?:,?[ \t]+{POSTCODE}\b)?",
        ),
        RegexRecogniser(  # a named building with no number: "Croft House, Glenridding, Penrith"
            "HouseNameAddressRecogniser",
            "ADDRESS",
            rf"{UNIT}?\b{BUILDING}(?:,[ \t]+(?:{PLACE_WORD}[ \t]+){{1,3}}(?i:{STREET})\b)?"
            rf"(?:{LOCALITY}{{1,3}}(?:,?[ \t]+{POSTCODE}\b)?|,?[ \t]+{POSTCODE}\b)",
        ),
        PostcodeAddressRecogniser(
            "PostcodeAddressRecogniser",
            "ADDRESS",
            rf"{UNIT}?(?<![\p{{L}}\d'’-])"
            rf"(?:(?:(?:No\.?[ \t]+)?\d{{1,4}}[A-Za-z]?[ \t]+)?(?:The[ \t]+)?{PLACE},[ \t]*){{1,4}}"
            rf"(?:(?:\d{{1,4}}[A-Za-z]?[ \t]+)?{PLACE},?[ \t]+)?{POSTCODE}\b",
        ),
        RegexRecogniser(
            "InstitutionRecogniser",
            "ORGANISATION",
            rf"\b{ORG_WORDS}[ \t]+(?:Primary School|Infant School|Junior School|Secondary School|"
            rf"High School|Grammar School|School|Academy|College|Nursery|Pre-School|Sixth Form|"
            rf"Playgroup|Children['’]s Centre|Family Centre|Day Centre|Childminding|Childminders?|"
            rf"Childcare|Day Care|Creche|Crèche|Out of School Club|After School Club|"
            rf"Breakfast Club|"
            rf"Tuition|Tutoring|"
            rf"Medical Centre|Medical Practice|Health Centre|Surgery|Family Practice|"
            rf"Group Practice|"
            rf"Dental Practice|Health Practice|"
            rf"Pharmacy|Chemist|Care Home|Nursing Home|Residential Home|care home|nursing home|"
            rf"Church|Chapel|Mosque|Masjid|Gurdwara|Mandir|Temple|Synagogue|Kingdom Hall|"
            rf"Ltd|Limited|PLC|plc|LLP|Services)\b"
            rf"|\b(?:Masjid|Jamia|Gurdwara|Mandir)[ \t]+{ORG_WORDS}"
            # "The Laurels Residential Home": a leading "The" belongs to the name
            rf"|\bThe[ \t]+{ORG_WORDS}[ \t]+(?:Care Home|Nursing Home|Residential Home|Nursery|"
            rf"Surgery|Medical Centre|Medical Practice|School|Academy|Church|Mosque)\b",
        ),
        RegexRecogniser(
            "EmployerRecogniser",
            "ORGANISATION",
            rf"\b(?:works?|worked|working|employed)[ \t]+(?:for|at|by)[ \t]+(?P<span>{ORG_WORDS})"
            rf"|\b(?:her|his|their|my)[ \t]+employer,?[ \t]+(?P<span>{ORG_WORDS})",
        ),
        RegexRecogniser(
            "TitledNameRecogniser",
            "PERSON",
            # a name wrapped onto the next line first: "Mrs Siobhan\nMcAllister says"
            rf"\b(?P<span>{TITLE}\.?[ \t]+{NAME_WORD}[ \t]*\n[ \t]*{_SENTENCE_WORD}{NAME_WORD}"
            rf"(?=[ \t]+\p{{Ll}}|[ \t]*[,.;:'’])"
            rf"|{TITLE}\.?[ \t]+{INITIALS}{NAME}|{ITITLE}\.?[ \t]+{UPPER_NAME})\b",
            metadata=lambda m: (
                {"person_kind": "councillor"}
                if m.group("span").lower().startswith(("councillor", "cllr"))
                else {}
            ),
        ),
        RegexRecogniser(
            "RelationNameRecogniser",
            "PERSON",
            rf"(?:\b{DETERMINER}|\b[Ww]hose|(?<=\p{{L}})['’]s)[ \t]+"
            rf"(?:(?:eldest|youngest|older|younger|elder|adult|"
            rf"baby|disabled|foster|adopted|twin|two|three|four|step|late)[ \t]+)*"
            rf"(?P<rel>{RELATION})"
            rf",?[ \t]+(?P<span>{person_name})"
            # the other way round: "the mother of Ayaan"
            rf"|\b(?P<rel>(?:mother|father|parent|parents|grandmother|grandfather|grandparents?|"
            rf"stepmother|stepfather|foster carers?|special guardian))[ \t]+(?P<rev>of)[ \t]+"
            rf"(?P<span>{person_name})\b(?![ \t]+(?:County|City|Borough|Council)\b)",
            metadata=_relation_kind,
        ),
        RegexRecogniser(  # in capitals: "MY SON KWAME HAS HAD NO SCHOOL PLACE"
            "UpperRelationNameRecogniser",
            "PERSON",
            rf"\b(?:MY|HER|HIS|THEIR|OUR)[ \t]+(?P<rel>SON|DAUGHTER|CHILD|GRANDSON|GRANDDAUGHTER|"
            rf"HUSBAND|WIFE|PARTNER|MOTHER|FATHER|BROTHER|SISTER)[ \t,]+(?P<span>{UPPER_NAME})",
            metadata=lambda m: {
                **_relation_kind(m),
                "relation": m.group("rel").lower(),
                "person_kind": "child" if m.group("rel").lower() in CHILD_WORDS else "other",
            },
        ),
        RegexRecogniser(
            "ChildApposRecogniser",
            "PERSON",
            rf"\b(?P<span>{NAME_WORD}),[ \t]+(?:a|the|her|his|their)[ \t]+(?:\w+[ \t]+)?"
            rf"(?:child|boy|girl|baby|toddler|teenager|pupil)\b",
            metadata=lambda m: {"person_kind": "child"},
        ),
        RegexRecogniser(  # "Wiktoria, the complainant's sister, ..."
            "RelationApposRecogniser",
            "PERSON",
            rf"\b(?P<span>{NAME_WORD}),[ \t]+(?:the[ \t]+complainant['’]s|(?:{TITLE}[ \t]+)?"
            rf"\p{{Lu}}['’]s|{DETERMINER})[ \t]+(?:(?:eldest|youngest|older|younger|elder|adult|"
            rf"step|late)[ \t]+)?(?P<rel>{RELATION})\b",
            metadata=_relation_kind,
        ),
        ChildListRecogniser(
            "ChildListRecogniser",
            "PERSON",
            rf"\b(?:children|sons|daughters|grandchildren)[ \t]*,?[ \t]+(?P<span>{NAME_WORD})"
            rf"(?=(?:[ \t]*\([^()\n]{{0,60}}\))?(?:[ \t]*,|[ \t]+and\b))",
        ),
        StaffRoleRecogniser(
            "StaffRoleRecogniser",
            "PERSON",
            rf"\b(?:(?P<owner>(?:{DETERMINER}[ \t]+)?(?:Council['’]s|council)[ \t]+)"
            rf"|(?P<det>{DETERMINER}[ \t]+))?(?:(?P<role>{POST}),|(?P<role>{ROLE}),?)"
            rf"[ \t]+(?P<name>{person_name})(?P<trail>,)?",
            metadata=_staff,
        ),
        RegexRecogniser(
            "StaffApposRecogniser",
            "PERSON",
            rf"\b(?P<name>{person_name}),[ \t]+(?P<det>the|her|his|their)[ \t]+(?P<role>{ROLE})"
            rf"(?P<trail>,)?",
            metadata=_staff,
        ),
        RegexRecogniser(
            "NicknameRecogniser",
            "PERSON",
            rf"(?:\bknown(?:[ \t]+to[ \t]+\w+[ \t]+(?:family|friends))?[ \t]+as|\bcalled|"
            rf"\bnicknamed|\bgoes[ \t]+by|\bsigns[ \t]+(?:his|her|their)[ \t]+(?:emails|letters))"
            rf"[ \t]+[\"“‘']?(?P<span>{NAME_WORD})"
            rf"|{NAME_WORD}[ \t]+[\"“‘'](?P<span>{NAME_WORD})[\"”’'][ \t]+{NAME_WORD}",
            # the nickname is another name of the person just named ("Mr Ogunleye, known as Tunde")
            metadata=lambda m: {"alias": True},
        ),
    ]
