"""The shared vocabulary: ground, referral and outcome ids, categories and citations.

Every part of ombuds (engine, drafter, parser, corpus, privacy, web) speaks these ids. They are
defined here once and documented from here (`docs/vocabulary.md` is checked against this module
by the test suite). Adding an id is fine; renaming one is a breaking change.

Source: ../shared/domain/vocabulary.md and assessment-code.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

LGA_1974 = "Local Government Act 1974"
LEGISLATION_BASE = "https://www.legislation.gov.uk/ukpga/1974/7"


@dataclass(frozen=True)
class Citation:
    """A structured citation: the Act, the provision and where to read it.

    `provision` is written the way decisions normalise it: "section 24A(6)",
    "Schedule 5, paragraph 1". `url` points at legislation.gov.uk for statute, or at the
    judgment for case law (then `act` holds the case name).
    """

    act: str
    provision: str
    url: str

    def __str__(self) -> str:
        return f"{self.act}, {self.provision}" if self.provision else self.act

    @property
    def is_statute(self) -> bool:
        return self.url.startswith(LEGISLATION_BASE)


_SECTION = re.compile(r"^section (\d+[A-Z]?)(\(\d+\))?(\([a-z]\))?$")
_SCHEDULE = re.compile(r"^Schedule (\d+[A-Z]?), paragraph (\d+[A-Z]?)(\(\d+\))?$")


def section(provision: str) -> Citation:
    """A citation of a section of the Local Government Act 1974, e.g. section("24A(6)")."""
    text = f"section {provision}"
    m = _SECTION.match(text)
    if not m:
        raise ValueError(f"not a section reference: {provision!r}")
    return Citation(LGA_1974, text, f"{LEGISLATION_BASE}/section/{m.group(1)}")


def schedule(number: str, paragraph: str) -> Citation:
    """A citation of a paragraph of a schedule of the Local Government Act 1974."""
    text = f"Schedule {number}, paragraph {paragraph}"
    m = _SCHEDULE.match(text)
    if not m:
        raise ValueError(f"not a schedule reference: {number!r} {paragraph!r}")
    return Citation(LGA_1974, text, f"{LEGISLATION_BASE}/schedule/{number}/paragraph/{m.group(2)}")


def check_citation(citation: Citation) -> None:
    """Raise ValueError unless the citation's provision and link agree.

    Called when the rules load, so that a typo in the law-as-data fails loudly and early.
    """
    if citation.is_statute:
        m = _SECTION.match(citation.provision)
        if m:
            expected = f"{LEGISLATION_BASE}/section/{m.group(1)}"
        else:
            m = _SCHEDULE.match(citation.provision)
            if not m:
                raise ValueError(f"unrecognised provision {citation.provision!r}")
            expected = f"{LEGISLATION_BASE}/schedule/{m.group(1)}/paragraph/{m.group(2)}"
        if citation.url != expected:
            raise ValueError(f"citation {citation} links to {citation.url}, expected {expected}")
        if citation.act != LGA_1974:
            raise ValueError(f"citation {citation} links to the LGA 1974 but names {citation.act}")
    elif not citation.url.startswith("https://"):
        raise ValueError(f"citation {citation} has no https link")


class Stage(StrEnum):
    validity = "validity"
    jurisdiction = "jurisdiction"
    discretion = "discretion"


class Ground(StrEnum):
    """Why the Ombudsman cannot (jurisdiction) or will not (discretion) investigate."""

    # Jurisdiction: "we cannot investigate".
    body_out_of_jurisdiction = "body_out_of_jurisdiction"
    not_member_of_public = "not_member_of_public"
    no_standing = "no_standing"
    no_consent = "no_consent"
    not_administrative_function = "not_administrative_function"
    late = "late"
    premature = "premature"
    tribunal_appeal = "tribunal_appeal"
    ministerial_appeal = "ministerial_appeal"
    court_remedy = "court_remedy"
    court_proceedings = "court_proceedings"
    crime = "crime"
    commercial = "commercial"
    personnel = "personnel"
    school_internal = "school_internal"
    social_housing = "social_housing"
    all_or_most = "all_or_most"
    # Discretion: "we will not investigate". `previously_decided` is discretion (s24A(6)), not a
    # bar on jurisdiction; it comes first so the engine weighs it before the other tests.
    previously_decided = "previously_decided"
    insufficient_evidence_of_fault = "insufficient_evidence_of_fault"
    merits_without_fault = "merits_without_fault"
    no_injustice_from_fault = "no_injustice_from_fault"
    injustice_not_significant = "injustice_not_significant"
    could_not_add = "could_not_add"
    no_different_outcome = "no_different_outcome"
    cannot_achieve_outcome = "cannot_achieve_outcome"
    no_worthwhile_outcome = "no_worthwhile_outcome"
    better_placed = "better_placed"
    council_review_available = "council_review_available"
    satisfied_with_actions = "satisfied_with_actions"
    complaint_handling_only = "complaint_handling_only"
    individual_conduct = "individual_conduct"
    linked_to_excluded_matter = "linked_to_excluded_matter"
    linked_to_legal_proceedings = "linked_to_legal_proceedings"
    tests_not_met = "tests_not_met"


@dataclass(frozen=True)
class GroundInfo:
    id: Ground
    stage: Stage
    title: str
    test: str
    citations: tuple[Citation, ...]

    @property
    def citation(self) -> Citation:
        return self.citations[0]

    @property
    def citation_text(self) -> str:
        """All citations joined as decisions print them."""
        first, *rest = self.citations
        text = str(first)
        for c in rest:
            text += f", {c.provision}" if c.act == first.act else f"; {c}"
        return text


_J, _D = Stage.jurisdiction, Stage.discretion
_R_M = Citation(
    "R (M) v Commissioner for Local Administration [2006] EWHC 2847 (Admin)",
    "",
    "https://www.bailii.org/ew/cases/EWHC/Admin/2006/2847.html",
)

GROUNDS: dict[Ground, GroundInfo] = {
    g.id: g
    for g in (
        GroundInfo(
            Ground.body_out_of_jurisdiction,
            _J,
            "Body out of jurisdiction",
            "The act complained of was done by a body the Ombudsman cannot investigate.",
            (section("25"), section("34A")),
        ),
        GroundInfo(
            Ground.not_member_of_public,
            _J,
            "Not a member of the public",
            "The complainant is itself a public body.",
            (section("27(1)(a)"),),
        ),
        GroundInfo(
            Ground.no_standing,
            _J,
            "No standing",
            "The complainant claims no injustice to themselves and is not authorised in writing "
            "by someone who does (nor represents a person who has died or cannot authorise).",
            (section("26A(1)"), section("26A(2)")),
        ),
        GroundInfo(
            Ground.no_consent,
            _J,
            "No consent",
            "A third party complains without the person's written consent or is not a "
            "suitable representative.",
            (section("26A(1)(b)"), section("26A(2)(b)")),
        ),
        GroundInfo(
            Ground.not_administrative_function,
            _J,
            "Not an administrative function",
            "The act complained of was not done in the exercise of the council's administrative "
            "functions (for example as a school's employer in an internal matter, or as a "
            "charity trustee).",
            (section("26(1)"),),
        ),
        GroundInfo(
            Ground.late,
            _J,
            "Late",
            "The person first knew of the matter more than 12 months before complaining "
            "to the Ombudsman.",
            (section("26B"), section("34D")),
        ),
        GroundInfo(
            Ground.premature,
            _J,
            "Premature",
            "The council (or the care provider) has not had the chance to consider the complaint "
            "and reply.",
            (section("26(5)"), section("34B(6)")),
        ),
        GroundInfo(
            Ground.tribunal_appeal,
            _J,
            "Right of appeal to a tribunal",
            "The person has or had a right of appeal to a tribunal.",
            (section("26(6)(a)"),),
        ),
        GroundInfo(
            Ground.ministerial_appeal,
            _J,
            "Right of appeal to a Minister",
            "The person has or had a right of appeal to a Minister (the Planning Inspectorate).",
            (section("26(6)(b)"),),
        ),
        GroundInfo(
            Ground.court_remedy,
            _J,
            "Remedy in a court",
            "The person has or had a remedy by way of proceedings in a court.",
            (section("26(6)(c)"),),
        ),
        GroundInfo(
            Ground.court_proceedings,
            _J,
            "Court proceedings",
            "The complaint is about starting court action or what happened in court.",
            (schedule("5", "1"), schedule("5A", "3")),
        ),
        GroundInfo(
            Ground.crime,
            _J,
            "Crime",
            "The act complained of was taken by or for a local policing body in connection with "
            "the investigation or prevention of crime.",
            (schedule("5", "2"),),
        ),
        GroundInfo(
            Ground.commercial,
            _J,
            "Commercial matter",
            "The complaint is about a commercial or contractual transaction in one of five "
            "areas: public passenger transport, docks and harbours, entertainment, industrial "
            "establishments, markets.",
            (schedule("5", "3"),),
        ),
        GroundInfo(
            Ground.personnel,
            _J,
            "Personnel matter",
            "The complaint is about appointments, pay, discipline or other personnel matters.",
            (schedule("5", "4"),),
        ),
        GroundInfo(
            Ground.school_internal,
            _J,
            "School internal matter",
            "The complaint is about teaching, curriculum, discipline or internal "
            "management of a school.",
            (schedule("5", "5(2)"),),
        ),
        GroundInfo(
            Ground.social_housing,
            _J,
            "Social housing",
            "The complaint is about the council as a social landlord.",
            (schedule("5", "5A"),),
        ),
        GroundInfo(
            Ground.all_or_most,
            _J,
            "Affects all or most people",
            "The matter affects all or most people in the council's area.",
            (section("26(7)"),),
        ),
        GroundInfo(
            Ground.previously_decided,
            _D,
            "Previously decided",
            "The Ombudsman has already decided the same matter.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.insufficient_evidence_of_fault,
            _D,
            "Not enough evidence of fault",
            "There is not enough sign of fault to justify investigating.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.merits_without_fault,
            _D,
            "Merits of a decision without fault",
            "The Ombudsman cannot question a decision taken without fault.",
            (section("34(3)"),),
        ),
        GroundInfo(
            Ground.no_injustice_from_fault,
            _D,
            "No injustice from fault",
            "Any fault did not cause the complainant injustice.",
            (section("24A(6)"), section("26(1)"), section("26A(1)")),
        ),
        GroundInfo(
            Ground.injustice_not_significant,
            _D,
            "Injustice not significant",
            "The injustice claimed is too small to justify involvement.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.could_not_add,
            _D,
            "Could not add",
            "The body has already investigated properly; an investigation would add nothing.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.no_different_outcome,
            _D,
            "No different outcome",
            "An investigation would not change the outcome: the body has already put it "
            "right proportionately.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.cannot_achieve_outcome,
            _D,
            "Cannot achieve the outcome wanted",
            "The Ombudsman cannot give what the complainant wants.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.no_worthwhile_outcome,
            _D,
            "No worthwhile outcome",
            "Nothing significant or worthwhile could be achieved now.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.better_placed,
            _D,
            "Another body better placed",
            "Another body is better placed to consider the matter.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.council_review_available,
            _D,
            "Council review available",
            "It is reasonable to use the council's own review or appeal first.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.satisfied_with_actions,
            _D,
            "Satisfied with the body's actions",
            "The Ombudsman is satisfied with what the body has done or agreed to do.",
            (section("24A(7)"),),
        ),
        GroundInfo(
            Ground.complaint_handling_only,
            _D,
            "Complaint handling only",
            "Complaint handling alone is not investigated when the substance is not.",
            (section("24A(6)"),),
        ),
        GroundInfo(
            Ground.individual_conduct,
            _D,
            "Individual conduct",
            "The Ombudsman looks at organisational fault, not an individual's "
            "professional competence.",
            (section("26(1)"), section("26A(1)")),
        ),
        GroundInfo(
            Ground.linked_to_excluded_matter,
            _D,
            "Linked to an excluded matter",
            "The complaint is about the body's actions on a matter the Ombudsman cannot look at.",
            (_R_M,),
        ),
        GroundInfo(
            Ground.linked_to_legal_proceedings,
            _D,
            "Linked to legal proceedings",
            "The issues could reasonably be, or have been, raised in related legal proceedings.",
            (section("24A(6)"), section("34B(8)")),
        ),
        GroundInfo(
            Ground.tests_not_met,
            _D,
            "Assessment Code tests not met",
            "The Assessment Code's tests for starting an investigation are not met.",
            (section("24A(6)"),),
        ),
    )
}

JURISDICTION_GROUNDS = tuple(g for g, i in GROUNDS.items() if i.stage is Stage.jurisdiction)
DISCRETION_GROUNDS = tuple(g for g, i in GROUNDS.items() if i.stage is Stage.discretion)


class Referral(StrEnum):
    """A body better placed than the Ombudsman to consider a matter."""

    ico = "ico"
    social_work_england = "social_work_england"
    police = "police"
    courts = "courts"
    insurers = "insurers"
    independent_review_mechanism = "independent_review_mechanism"
    housing_ombudsman = "housing_ombudsman"
    phso = "phso"
    planning_inspectorate = "planning_inspectorate"
    tribunal = "tribunal"
    dfe = "dfe"
    valuation_office_agency = "valuation_office_agency"
    schools_adjudicator = "schools_adjudicator"
    admission_appeal_panel = "admission_appeal_panel"
    psow = "psow"
    spso = "spso"
    nipso = "nipso"


REFERRAL_BODIES: dict[Referral, str] = {
    Referral.ico: "the Information Commissioner's Office",
    Referral.social_work_england: "Social Work England",
    Referral.police: "the police",
    Referral.courts: "the courts",
    Referral.insurers: "the council's insurers",
    Referral.independent_review_mechanism: "the Independent Review Mechanism",
    Referral.housing_ombudsman: "the Housing Ombudsman",
    Referral.phso: "the Parliamentary and Health Service Ombudsman",
    Referral.planning_inspectorate: "the Planning Inspectorate",
    Referral.tribunal: "the tribunal",
    Referral.dfe: "the Department for Education",
    Referral.valuation_office_agency: "the Valuation Office Agency",
    Referral.schools_adjudicator: "the Schools Adjudicator",
    Referral.admission_appeal_panel: "an independent panel for school admission appeals",
    Referral.psow: "the Public Services Ombudsman for Wales",
    Referral.spso: "the Scottish Public Services Ombudsman",
    Referral.nipso: "the Northern Ireland Public Services Ombudsman",
}


def id_label(value: str) -> str:
    """How a page names a ground or referral id: the ground's title, or the body's name with a
    capital (e.g. `ico` -> "The Information Commissioner's Office"); any other value as it is."""
    if value in Ground.__members__:
        return GROUNDS[Ground(value)].title
    if value in Referral.__members__:
        body = REFERRAL_BODIES[Referral(value)]
        return body[0].upper() + body[1:]
    return value


class Outcome(StrEnum):
    # Assessment.
    investigate = "investigate"
    closed_after_initial_enquiries = "closed_after_initial_enquiries"
    invalid = "invalid"
    premature = "premature"
    # Investigation.
    upheld = "upheld"
    not_upheld = "not_upheld"


PUBLISHED_LABELS: dict[Outcome, str | None] = {
    Outcome.investigate: None,  # not a final decision: the investigation's outcome is published
    Outcome.closed_after_initial_enquiries: "Closed after initial enquiries",
    Outcome.invalid: None,  # closed by letter, not published
    Outcome.premature: None,  # closed by letter, not published
    Outcome.upheld: "Upheld",
    Outcome.not_upheld: "Not upheld",
}
DECISION_LABELS = ("Closed after initial enquiries", "Upheld", "Not upheld")


class FindingResult(StrEnum):
    """The result of one test on one head: never a silent default."""

    applies = "applies"
    does_not_apply = "does_not_apply"
    exception_applies = "exception_applies"
    needs_judgement = "needs_judgement"


# Categories observed on published decisions ("Top > Sub"). The list is open: an unseen category
# is stored as given (with a warning where a user typed it), never rejected.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Adult care services": (
        "Assessment and care plan",
        "Charging",
        "Direct payments",
        "Disabled facilities grants",
        "Domiciliary care",
        "Residential care",
        "Safeguarding",
        "Transport",
        "Other",
    ),
    "Benefits and tax": (
        "Council tax",
        "Council tax support",
        "Housing benefit and council tax benefit",
        "COVID-19",
    ),
    "Children's care services": (
        "Child protection",
        "Disabled children",
        "Fostering",
        "Friends and family carers",
        "Looked after children",
        "Other",
    ),
    "Education": ("School admissions", "School transport", "Special educational needs", "Other"),
    "Environment and regulation": (
        "Antisocial behaviour",
        "Cemeteries and crematoria",
        "Noise",
        "Refuse and recycling",
    ),
    "Health": ("Hospital acute services", "Other"),
    "Housing": ("Allocations", "Homelessness", "Private housing", "Other"),
    "Other Categories": (
        "Councillor conduct and standards",
        "Land",
        "Leisure and culture",
        "Other",
    ),
    "Planning": ("Enforcement", "Planning applications", "Other"),
    "Transport and highways": (
        "Highway repair and maintenance",
        "Parking and other penalties",
        "Other",
    ),
}
KNOWN_CATEGORIES = frozenset(f"{top} > {sub}" for top, subs in CATEGORIES.items() for sub in subs)


def normalise_category(text: str) -> str:
    """Fold white space and the separator so "Education>Other" reads "Education > Other"."""
    parts = [" ".join(p.split()) for p in text.replace("\u00a0", " ").split(">")]
    return " > ".join(p for p in parts if p)


def is_known_category(text: str) -> bool:
    return normalise_category(text) in KNOWN_CATEGORIES


_REFERENCE = re.compile(r"^\s*(\d{2})[\s\-\u00a0]?(\d{3})[\s\-\u00a0]?(\d{3})([a-z]?)\s*$")


def normalise_reference(text: str) -> str | None:
    """ "24-015-969", "24015969" or "24 015 969" -> "24 015 969"; joint cases keep their letter."""
    m = _REFERENCE.match(text)
    if not m:
        return None
    return f"{m.group(1)} {m.group(2)} {m.group(3)}{m.group(4)}"


def _check_all() -> None:
    for info in GROUNDS.values():
        for c in info.citations:
            check_citation(c)
    assert set(GROUNDS) == set(Ground), "every ground has its GroundInfo"
    assert set(REFERRAL_BODIES) == set(Referral), "every referral names its body"


_check_all()
