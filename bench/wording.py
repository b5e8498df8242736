"""The raw material of the synthetic corpus: councils, categories, ground wording, topic words.

Kept apart from `synthetic.py` (which assembles and renders decisions) so that the lists can be
read and extended on their own. Every sentence here is our own wording. The role-and-powers
paragraphs keep the short statutory formulae and citations a real statement carries, because
those are what the parser is meant to recognise; the assessment wording is varied on purpose.
"""

from __future__ import annotations

from ombuds.vocabulary import CATEGORIES, Ground, Referral

# Real English councils of every kind (county, district, borough, unitary, metropolitan, London).
COUNTY = [
    f"{name} County Council"
    for name in (
        "Cambridgeshire",
        "Derbyshire",
        "Devon",
        "East Sussex",
        "Essex",
        "Gloucestershire",
        "Hampshire",
        "Hertfordshire",
        "Kent",
        "Lancashire",
        "Leicestershire",
        "Lincolnshire",
        "Norfolk",
        "Nottinghamshire",
        "Oxfordshire",
        "Staffordshire",
        "Suffolk",
        "Surrey",
        "Warwickshire",
        "West Sussex",
        "Worcestershire",
        "Durham",
        "Northumberland",
        "Rutland",
    )
]
DISTRICT = [
    f"{name} District Council"
    for name in (
        "Babergh",
        "Braintree",
        "Cherwell",
        "Chichester",
        "East Hertfordshire",
        "Maldon",
        "Mid Suffolk",
        "New Forest",
        "South Cambridgeshire",
        "Tandridge",
        "Uttlesford",
        "Wealden",
        "Rother",
        "Lewes",
        "Stroud",
        "Cotswold",
        "Forest of Dean",
        "West Oxfordshire",
        "South Oxfordshire",
        "Vale of White Horse",
        "Harborough",
        "Blaby",
        "North West Leicestershire",
        "Bassetlaw",
        "Newark and Sherwood",
        "Ashfield",
        "Mansfield",
        "Derbyshire Dales",
        "East Devon",
        "Mid Devon",
        "Teignbridge",
        "Torridge",
        "South Hams",
        "Horsham",
        "Mid Sussex",
        "Arun",
    )
]
BOROUGH = [
    f"{name} Borough Council"
    for name in (
        "Basingstoke and Deane",
        "Dacorum",
        "Gravesham",
        "Maidstone",
        "Tunbridge Wells",
        "Swale",
        "Charnwood",
        "Oadby and Wigston",
        "Nuneaton and Bedworth",
        "Rugby",
        "Stafford",
        "Tamworth",
        "Gedling",
        "Broxtowe",
        "Rushcliffe",
        "Pendle",
        "Burnley",
        "Hyndburn",
        "Ribble Valley",
        "Rossendale",
        "Fylde",
        "Elmbridge",
        "Guildford",
        "Runnymede",
        "Spelthorne",
        "Woking",
        "Reigate and Banstead",
        "Basildon",
        "Castle Point",
        "Brentwood",
        "Rushmoor",
        "Gosport",
        "Fareham",
        "Havant",
        "Eastleigh",
        "Test Valley",
        "Crawley",
        "Hastings",
        "Ipswich",
        "Great Yarmouth",
        "Amber Valley",
        "High Peak",
        "Tewkesbury",
        "West Devon",
    )
]
UNITARY = [
    "Bristol City Council",
    "Cornwall Council",
    "Shropshire Council",
    "Wiltshire Council",
    "Buckinghamshire Council",
    "Dorset Council",
    "Herefordshire Council",
    "Isle of Wight Council",
    "Bath and North East Somerset Council",
    "North Somerset Council",
    "South Gloucestershire Council",
    "Swindon Borough Council",
    "Plymouth City Council",
    "Torbay Council",
    "Bournemouth, Christchurch and Poole Council",
    "Southampton City Council",
    "Portsmouth City Council",
    "Brighton and Hove City Council",
    "Medway Council",
    "Milton Keynes City Council",
    "Luton Borough Council",
    "Bedford Borough Council",
    "Central Bedfordshire Council",
    "Peterborough City Council",
    "Thurrock Council",
    "Southend-on-Sea City Council",
    "Reading Borough Council",
    "Slough Borough Council",
    "West Berkshire Council",
    "Wokingham Borough Council",
    "Bracknell Forest Council",
    "Leicester City Council",
    "Nottingham City Council",
    "Derby City Council",
    "Stoke-on-Trent City Council",
    "Telford and Wrekin Council",
    "Hull City Council",
    "East Riding of Yorkshire Council",
    "North Lincolnshire Council",
    "North East Lincolnshire Council",
    "City of York Council",
    "Middlesbrough Council",
    "Redcar and Cleveland Borough Council",
    "Stockton-on-Tees Borough Council",
    "Hartlepool Borough Council",
    "Darlington Borough Council",
    "Blackpool Council",
    "Blackburn with Darwen Borough Council",
    "Warrington Borough Council",
    "Halton Borough Council",
    "Cheshire East Council",
    "Cheshire West and Chester Council",
    "North Yorkshire Council",
    "Somerset Council",
    "Cumberland Council",
    "Westmorland and Furness Council",
    "North Northamptonshire Council",
    "West Northamptonshire Council",
    "Royal Borough of Windsor and Maidenhead",
]
METROPOLITAN = [
    "Birmingham City Council",
    "Manchester City Council",
    "Leeds City Council",
    "Sheffield City Council",
    "Liverpool City Council",
    "City of Bradford Metropolitan District Council",
    "Kirklees Council",
    "Calderdale Metropolitan Borough Council",
    "Wigan Metropolitan Borough Council",
    "Bolton Metropolitan Borough Council",
    "Stockport Metropolitan Borough Council",
    "Oldham Metropolitan Borough Council",
    "Rochdale Borough Council",
    "Salford City Council",
    "Trafford Council",
    "Tameside Metropolitan Borough Council",
    "Bury Metropolitan Borough Council",
    "Wirral Metropolitan Borough Council",
    "Sefton Metropolitan Borough Council",
    "Knowsley Metropolitan Borough Council",
    "St Helens Borough Council",
    "Sunderland City Council",
    "Newcastle upon Tyne City Council",
    "Gateshead Metropolitan Borough Council",
    "North Tyneside Metropolitan Borough Council",
    "South Tyneside Metropolitan Borough Council",
    "Coventry City Council",
    "Wolverhampton City Council",
    "Dudley Metropolitan Borough Council",
    "Sandwell Metropolitan Borough Council",
    "Walsall Metropolitan Borough Council",
    "Solihull Metropolitan Borough Council",
    "Doncaster Metropolitan Borough Council",
    "Rotherham Metropolitan Borough Council",
    "Barnsley Metropolitan Borough Council",
]
LONDON = [
    f"London Borough of {name}"
    for name in (
        "Barnet",
        "Camden",
        "Croydon",
        "Ealing",
        "Enfield",
        "Hackney",
        "Haringey",
        "Harrow",
        "Hillingdon",
        "Hounslow",
        "Islington",
        "Lambeth",
        "Lewisham",
        "Merton",
        "Newham",
        "Redbridge",
        "Southwark",
        "Sutton",
        "Tower Hamlets",
        "Waltham Forest",
        "Wandsworth",
        "Bromley",
        "Bexley",
        "Brent",
        "Havering",
        "Richmond upon Thames",
        "Barking and Dagenham",
        "Hammersmith and Fulham",
    )
] + [
    "Royal Borough of Greenwich",
    "Royal Borough of Kensington and Chelsea",
    "Royal Borough of Kingston upon Thames",
    "Westminster City Council",
]
BODIES = COUNTY + DISTRICT + BOROUGH + UNITARY + METROPOLITAN + LONDON
# Social care and education belong to county, unitary, metropolitan and London councils only.
CARE_BODIES = COUNTY + UNITARY + METROPOLITAN + LONDON

# Categories: every known one, plus a few the vocabulary has not seen (stored as given).
KNOWN_CATEGORIES = [f"{top} > {sub}" for top, subs in CATEGORIES.items() for sub in subs]
UNSEEN_CATEGORIES = [
    "Corporate and other services > Information governance",
    "Benefits and tax > Business rates",
    "Transport and highways > Street lighting",
    "Environment and regulation > Licensing",
]
CARE_TOPS = {"Adult care services", "Children's care services", "Education"}

ALIASES = [
    "Mr X",
    "Mrs X",
    "Miss X",
    "Ms X",
    "Dr X",
    "Mr Y",
    "Mrs Y",
    "Ms Y",
    "Mr B",
    "Mrs D",
    "Miss C",
    "Mr E",
    "Ms F",
]

# What each top-level category is about, for the narrative paragraphs (search terms live here).
TOPICS: dict[str, dict[str, list[str]]] = {
    "Adult care services": {
        "things": [
            "care package",
            "care and support plan",
            "financial assessment",
            "home care visits",
            "care home fees",
            "direct payment budget",
            "carer's assessment",
            "respite care",
            "hospital discharge plan",
            "deferred payment agreement",
            "stairlift adaptation",
            "day centre place",
        ],
        "people": [
            "the social care assessor",
            "the care provider",
            "the occupational therapist",
            "the care home manager",
            "the financial assessment team",
        ],
    },
    "Benefits and tax": {
        "things": [
            "council tax bill",
            "council tax reduction",
            "single person discount",
            "housing benefit overpayment",
            "liability order",
            "enforcement agent visit",
            "backdated claim",
            "arrears letter",
            "discretionary housing payment",
            "hardship fund application",
        ],
        "people": [
            "the revenues team",
            "the benefits officer",
            "the enforcement agent",
            "the council tax office",
        ],
    },
    "Children's care services": {
        "things": [
            "child and family assessment",
            "child protection plan",
            "core group meeting",
            "contact arrangements",
            "foster placement",
            "special guardianship allowance",
            "child in need plan",
            "pathway plan",
            "strategy meeting minutes",
            "kinship care assessment",
        ],
        "people": [
            "the allocated social worker",
            "the team manager",
            "the independent reviewing officer",
            "the family support worker",
            "the fostering team",
        ],
    },
    "Education": {
        "things": [
            "school place application",
            "home to school transport",
            "EHC plan review",
            "annual review meeting",
            "alternative provision",
            "admission appeal",
            "bus pass",
            "needs assessment request",
            "tuition arrangements",
            "elective home education enquiry",
        ],
        "people": [
            "the SEN caseworker",
            "the admissions team",
            "the transport team",
            "the educational psychologist",
            "the inclusion officer",
        ],
    },
    "Environment and regulation": {
        "things": [
            "missed bin collection",
            "noise nuisance diary",
            "fly-tipping report",
            "grave maintenance",
            "antisocial behaviour case review",
            "bonfire smoke",
            "recycling container",
            "barking dog complaint",
            "statutory nuisance visit",
            "cremation booking",
        ],
        "people": [
            "the environmental health officer",
            "the waste contractor",
            "the community safety team",
            "the bereavement services manager",
        ],
    },
    "Health": {
        "things": [
            "discharge arrangements",
            "reablement service",
            "hospital social work referral",
            "continuing healthcare checklist",
            "mental health aftercare",
            "public health contract",
            "sexual health clinic appointment",
        ],
        "people": [
            "the hospital social work team",
            "the discharge coordinator",
            "the reablement team",
            "the commissioning officer",
        ],
    },
    "Housing": {
        "things": [
            "housing register application",
            "homelessness application",
            "temporary accommodation",
            "banding decision",
            "personal housing plan",
            "disrepair inspection",
            "licensing of a house in multiple occupation",
            "medical priority request",
            "suitability review",
            "bidding account",
        ],
        "people": [
            "the housing options officer",
            "the allocations team",
            "the private sector housing officer",
            "the homelessness caseworker",
        ],
    },
    "Other Categories": {
        "things": [
            "councillor's comments at a meeting",
            "land ownership query",
            "leisure centre membership",
            "community asset listing",
            "allotment tenancy",
            "library service change",
            "standards committee assessment",
            "boundary fence",
        ],
        "people": [
            "the monitoring officer",
            "the estates team",
            "the leisure services manager",
            "the parks officer",
        ],
    },
    "Planning": {
        "things": [
            "planning application",
            "neighbour's extension",
            "enforcement investigation",
            "site notice",
            "planning condition",
            "tree preservation order",
            "boundary wall",
            "committee report",
            "change of use",
            "loss of privacy",
        ],
        "people": [
            "the planning officer",
            "the enforcement officer",
            "the case officer",
            "the planning committee",
        ],
    },
    "Transport and highways": {
        "things": [
            "pothole report",
            "penalty charge notice",
            "resident parking permit",
            "dropped kerb application",
            "street lighting fault",
            "gritting route",
            "road closure",
            "blue badge application",
            "footway repair",
            "bus lane camera",
        ],
        "people": [
            "the highways inspector",
            "the parking services team",
            "the network management officer",
            "the streetworks coordinator",
        ],
    },
    "Corporate and other services": {
        "things": [
            "subject access request",
            "records retention",
            "complaint reference",
            "customer contact log",
            "data sharing agreement",
        ],
        "people": ["the information governance officer", "the customer services team"],
    },
}

INJUSTICE = [
    "distress",
    "uncertainty",
    "time and trouble",
    "frustration",
    "avoidable worry",
    "financial loss",
    "inconvenience",
    "lost opportunity",
]
WANTS = [
    "an apology",
    "a refund",
    "compensation",
    "a fresh decision",
    "a change of policy",
    "a meeting with a senior manager",
    "an explanation",
    "the record corrected",
]

# 24A(6)-family grounds: a bullet each, listed after "We do not start or continue an
# investigation if we decide:" (several forms each, as real statements vary slightly).
BULLETS: dict[Ground, list[str]] = {
    Ground.insufficient_evidence_of_fault: [
        "there is not enough evidence of fault to justify investigating",
        "there is not enough evidence of fault to justify an investigation",
    ],
    Ground.injustice_not_significant: [
        "any injustice is not significant enough to justify our involvement",
        "any injustice caused is not significant enough to justify our involvement",
    ],
    Ground.could_not_add: [
        "we could not add to any previous investigation by the organisation",
        "we could not add to any previous investigation by the Council",
    ],
    Ground.no_different_outcome: [
        "further investigation would not lead to a different outcome",
        "further investigation would not lead to a different outcome for the complainant",
    ],
    Ground.cannot_achieve_outcome: [
        "we cannot achieve the outcome someone wants",
        "we cannot achieve the outcome the complainant wants",
    ],
    Ground.no_worthwhile_outcome: [
        "there is no worthwhile outcome achievable by our investigation",
        "there is no worthwhile outcome our investigation could achieve",
    ],
    Ground.no_injustice_from_fault: [
        "any fault did not cause injustice to the person who complained",
        "the fault did not cause the complainant an injustice",
    ],
    Ground.better_placed: [
        "there is another body better placed to consider this complaint",
        "another body is better placed to consider this complaint",
    ],
}
BULLET_CITATION = "(Local Government Act 1974, section 24A(6), as amended)"

# Grounds stated in a paragraph of their own, ending with the citation.
PARAGRAPHS: dict[Ground, list[str]] = {
    Ground.merits_without_fault: [
        (
            "We cannot question whether a council’s decision is right or wrong simply because "
            "someone disagrees with it. We look at whether there was fault in how it was reached. "
            "(Local Government Act 1974, section 34(3), as amended)"
        ),
        (
            "Where there was no fault in how the organisation made its decision, we cannot question "
            "its merits. (Local Government Act 1974, section 34(3), as amended)"
        ),
    ],
    Ground.individual_conduct: [
        (
            "We look at organisational fault, not individual professional competence. Questions "
            "about a person’s fitness to practise are for their employer and their professional "
            "regulator. (Local Government Act 1974, s26(1) and s26A(1), as amended)"
        )
    ],
    Ground.late: [
        (
            "We cannot investigate late complaints unless we decide there are good reasons. A "
            "complaint is late when someone takes more than 12 months to complain to us about "
            "something a council has done. (Local Government Act 1974, sections 26B and 34D, as "
            "amended)"
        )
    ],
    Ground.premature: [
        (
            "The law says we cannot normally investigate a complaint unless we are satisfied the "
            "council knows about it and has had an opportunity to investigate and reply. "
            "(Local Government Act 1974, section 26(5), as amended)"
        )
    ],
    Ground.tribunal_appeal: [
        (
            "The law says we cannot normally investigate a complaint when someone can appeal to a "
            "tribunal, unless we consider it would be unreasonable to expect them to appeal. "
            "(Local Government Act 1974, section 26(6)(a), as amended)"
        )
    ],
    Ground.ministerial_appeal: [
        (
            "The law says we cannot normally investigate a complaint when someone can appeal to a "
            "government minister, unless we consider it would be unreasonable to expect them to "
            "appeal. (Local Government Act 1974, section 26(6)(b), as amended)"
        )
    ],
    Ground.court_remedy: [
        (
            "The law says we cannot normally investigate a complaint when someone could take the "
            "matter to court, unless it would be unreasonable to expect them to do so. "
            "(Local Government Act 1974, section 26(6)(c), as amended)"
        )
    ],
    Ground.court_proceedings: [
        (
            "We cannot investigate a complaint about the start of court action or what happened in "
            "court. (Local Government Act 1974, Schedule 5, paragraph 1, as amended)"
        )
    ],
    Ground.crime: [
        (
            "We cannot investigate complaints about the investigation or prevention of crime. "
            "(Local Government Act 1974, Schedule 5, paragraph 2, as amended)"
        )
    ],
    Ground.commercial: [
        (
            "We cannot investigate complaints about a council’s commercial or contractual "
            "dealings. (Local Government Act 1974, Schedule 5, paragraph 3, as amended)"
        )
    ],
    Ground.personnel: [
        (
            "We cannot investigate complaints about appointments, pay, discipline or other "
            "personnel matters. (Local Government Act 1974, Schedule 5, paragraph 4, as amended)"
        )
    ],
    Ground.school_internal: [
        (
            "We cannot investigate complaints about teaching, the curriculum, discipline or the "
            "internal management of a school. (Local Government Act 1974, Schedule 5, "
            "paragraph 5(2), as amended)"
        )
    ],
    Ground.social_housing: [
        (
            "We cannot investigate complaints about the management of social housing by a council "
            "acting as landlord. (Local Government Act 1974, Schedule 5, paragraph 5A, as amended)"
        )
    ],
    Ground.all_or_most: [
        (
            "We cannot investigate a complaint about something that affects all or most of the "
            "people in a council’s area. (Local Government Act 1974, section 26(7), as amended)"
        )
    ],
    Ground.body_out_of_jurisdiction: [
        (
            "We cannot investigate the actions of academies and free schools, which are outside "
            "our jurisdiction. (Local Government Act 1974, sections 25 and 34A, as amended)"
        )
    ],
    Ground.not_member_of_public: [
        (
            "We cannot investigate a complaint made by a public body, such as a parish or town "
            "council. (Local Government Act 1974, section 27(1)(a), as amended)"
        )
    ],
    Ground.satisfied_with_actions: [
        (
            "We may end an investigation if we are satisfied with an organisation’s actions or "
            "proposed actions. (Local Government Act 1974, section 24A(7), as amended)"
        )
    ],
    Ground.council_review_available: [
        (
            "Where a review is available, we expect people to use the council’s own review or "
            "appeal process first, if it is reasonable to do so. (Local Government Act 1974, "
            "section 24A(6), as amended)"
        )
    ],
    Ground.complaint_handling_only: [
        (
            "We do not normally look at complaint handling on its own when we are not looking at "
            "the matter the complaint was about. (Local Government Act 1974, section 24A(6), as "
            "amended)"
        )
    ],
    Ground.linked_to_excluded_matter: [
        (
            "We cannot investigate a council’s actions on a matter that is itself outside our "
            "jurisdiction. (R (M) v Commissioner for Local Administration [2006] EWHC 2847 "
            "(Admin))"
        )
    ],
    Ground.linked_to_legal_proceedings: [
        (
            "We normally will not investigate issues that could reasonably be, or have been, "
            "raised in related legal proceedings. (Local Government Act 1974, section 24A(6) and "
            "section 34B(8), as amended)"
        )
    ],
    Ground.tests_not_met: [
        (
            "We may decide not to start an investigation if the tests set out in our Assessment "
            "Code are not met. (Local Government Act 1974, section 24A(6), as amended)"
        )
    ],
    Ground.previously_decided: [
        (
            "We will not normally look again at a complaint we have already decided. "
            "(Local Government Act 1974, section 24A(6), as amended)"
        )
    ],
}

# What the assessment says about each ground, in several wordings ({x} alias, {c} "the Council",
# {thing} a topic word, {ref} an earlier reference, {who} the referral body).
REASONS: dict[Ground, list[str]] = {
    Ground.insufficient_evidence_of_fault: [
        (
            "There is not enough evidence of fault in how the Council handled the {thing} to justify "
            "an investigation."
        ),
        (
            "The Council followed its published policy on the {thing}; there is not enough evidence "
            "of fault to warrant investigating."
        ),
    ],
    Ground.merits_without_fault: [
        (
            "{x} disagrees with the decision about the {thing}, but we cannot question the merits of "
            "a decision made without fault."
        ),
        (
            "The decision on the {thing} was a professional judgement reached properly, and we "
            "cannot question its merits where there was no fault."
        ),
    ],
    Ground.no_injustice_from_fault: [
        "Even if there was some fault over the {thing}, it did not cause {x} an injustice.",
        "The outcome for {x} would have been the same, so any fault did not cause an injustice.",
    ],
    Ground.injustice_not_significant: [
        (
            "The impact on {x} of the delay with the {thing} is not significant enough to justify "
            "our involvement."
        ),
        "Any injustice to {x} from the {thing} is too minor to justify our involvement.",
    ],
    Ground.could_not_add: [
        (
            "The Council has already looked at the {thing} in detail, and we could not add to its "
            "investigation."
        ),
        (
            "The Council’s final response dealt with each point about the {thing}; an investigation "
            "by us would add nothing to it."
        ),
    ],
    Ground.no_different_outcome: [
        (
            "The Council accepted it got the {thing} wrong, apologised and put it right. Further "
            "investigation would not lead to a different outcome."
        ),
        (
            "As the Council has already accepted fault over the {thing} and remedied it, an "
            "investigation would not lead to a different outcome."
        ),
    ],
    Ground.cannot_achieve_outcome: [
        "{x} wants an officer disciplined over the {thing}. We cannot achieve that outcome.",
        "We cannot achieve the outcome {x} wants, which is a different decision on the {thing}.",
    ],
    Ground.no_worthwhile_outcome: [
        "The {thing} ended some time ago and there is no worthwhile outcome we could achieve now.",
        (
            "{x}’s views on the {thing} are already on file, so there is no worthwhile outcome an "
            "investigation could achieve."
        ),
    ],
    Ground.better_placed: [
        (
            "{who} is better placed to consider this part of the complaint, and {x} may contact it "
            "directly. It will decide for itself whether to act."
        ),
        (
            "We consider {who} is better placed to look at this. It is for that body to decide "
            "whether to take the matter up."
        ),
    ],
    Ground.individual_conduct: [
        (
            "{x} is unhappy with the conduct of an individual officer. We look at the Council’s "
            "actions as an organisation, not at an individual’s fitness to practise."
        ),
        (
            "Our role is to consider organisational fault rather than the professional competence "
            "of one member of staff."
        ),
    ],
    Ground.late: [
        (
            "{x} knew about the {thing} more than 12 months before complaining to us, and there are "
            "no good reasons to look at it now."
        ),
        "The complaint about the {thing} is late and I see no good reason to accept it.",
    ],
    Ground.premature: [
        (
            "{x} has not yet complained to the Council about the {thing}. It must have the chance "
            "to reply first, so the complaint is premature."
        ),
        (
            "The Council has not had an opportunity to respond about the {thing}; it is premature "
            "for us to consider it."
        ),
    ],
    Ground.tribunal_appeal: [
        (
            "{x} has a right of appeal to the tribunal about the {thing}, and it is reasonable to "
            "expect that right to be used."
        ),
        (
            "The tribunal can decide the dispute about the {thing}. It would be reasonable for {x} "
            "to appeal to the tribunal."
        ),
    ],
    Ground.ministerial_appeal: [
        (
            "{x} could appeal to the Planning Inspectorate on behalf of the Secretary of State about "
            "the {thing}, and it is reasonable to expect that appeal to be made."
        )
    ],
    Ground.court_remedy: [
        (
            "Whether the Council is liable for the {thing} is a matter the courts can decide, and it "
            "would be reasonable for {x} to go to court."
        ),
        (
            "The claim about the {thing} is for a judge to decide; it is reasonable for {x} to go "
            "to court."
        ),
    ],
    Ground.court_proceedings: [
        (
            "Part of the complaint concerns what was said in court about the {thing}. We cannot look "
            "at what happened in court."
        ),
        "The evidence given during the proceedings in court is outside our remit.",
    ],
    Ground.crime: [
        (
            "{x} alleges a crime was committed in connection with the {thing}. We cannot look at the "
            "investigation of crime; {x} may report the matter to the police."
        )
    ],
    Ground.commercial: [
        "The dispute over the {thing} concerns a commercial contract, which we cannot look at."
    ],
    Ground.personnel: [
        "{x} wants a member of staff dismissed. That is a personnel matter we cannot look at."
    ],
    Ground.school_internal: [
        (
            "The complaint about the {thing} concerns the internal management of a school, which we "
            "cannot look at."
        )
    ],
    Ground.social_housing: [
        (
            "The repairs complaint concerns the Council as a social landlord, which we cannot look "
            "at; the Housing Ombudsman may consider it."
        )
    ],
    Ground.all_or_most: [
        "The change to the {thing} affects all or most people in the area, so we cannot look at it."
    ],
    Ground.body_out_of_jurisdiction: [
        (
            "The {thing} was handled by an academy trust, which is outside our jurisdiction. The "
            "Department for Education may consider the complaint."
        )
    ],
    Ground.not_member_of_public: [
        "The complaint is brought by a town council, which is itself a public body."
    ],
    Ground.satisfied_with_actions: [
        (
            "After our initial enquiries the Council agreed to apologise to {x} and review the "
            "{thing}. I am satisfied with those actions."
        ),
        (
            "The Council has agreed to pay {x} a symbolic sum for the distress caused and to "
            "reconsider the {thing}; I am satisfied with its actions."
        ),
    ],
    Ground.council_review_available: [
        (
            "It is reasonable for {x} to ask for the Council’s own review of the decision on the "
            "{thing} first."
        )
    ],
    Ground.complaint_handling_only: [
        (
            "As we are not looking at the {thing} itself, we will not look at the Council’s "
            "complaint handling in isolation."
        )
    ],
    Ground.linked_to_excluded_matter: [
        (
            "The Council’s actions on the {thing} are so closely linked to a matter outside our "
            "jurisdiction that we cannot separate them."
        )
    ],
    Ground.linked_to_legal_proceedings: [
        (
            "The issues about the {thing} could reasonably have been raised in the related legal "
            "proceedings, so we will not investigate them."
        )
    ],
    Ground.tests_not_met: [
        "The tests in our Assessment Code for starting an investigation are not met."
    ],
    Ground.previously_decided: [
        (
            "We have already decided a complaint from {x} about the {thing} under reference {ref}, "
            "and we will not look at the same matter again."
        )
    ],
}

# The body each referral names, and the grounds that bring it.
REFERRAL_NAMES: dict[Referral, str] = {
    Referral.ico: "The Information Commissioner’s Office",
    Referral.social_work_england: "Social Work England",
    Referral.police: "The police",
    Referral.courts: "The courts",
    Referral.insurers: "The Council’s insurers",
    Referral.independent_review_mechanism: "The Independent Review Mechanism",
    Referral.housing_ombudsman: "The Housing Ombudsman",
    Referral.phso: "The Parliamentary and Health Service Ombudsman",
    Referral.planning_inspectorate: "The Planning Inspectorate",
    Referral.tribunal: "The tribunal",
    Referral.dfe: "The Department for Education",
    Referral.valuation_office_agency: "The Valuation Office Agency",
}
# A jurisdiction ground whose own wording names a better-placed body.
GROUND_REFERRAL: dict[Ground, Referral] = {
    Ground.tribunal_appeal: Referral.tribunal,
    Ground.ministerial_appeal: Referral.planning_inspectorate,
    Ground.court_remedy: Referral.courts,
    Ground.crime: Referral.police,
    Ground.social_housing: Referral.housing_ombudsman,
    Ground.body_out_of_jurisdiction: Referral.dfe,
}
# Referrals that fit a top-level category, for a plain better_placed.
CATEGORY_REFERRALS: dict[str, list[Referral]] = {
    "Adult care services": [Referral.ico, Referral.social_work_england, Referral.phso],
    "Benefits and tax": [Referral.ico, Referral.valuation_office_agency],
    "Children's care services": [
        Referral.ico,
        Referral.social_work_england,
        Referral.independent_review_mechanism,
    ],
    "Education": [Referral.ico, Referral.dfe],
    "Environment and regulation": [Referral.ico, Referral.insurers],
    "Health": [Referral.phso, Referral.ico],
    "Housing": [Referral.ico],  # the Housing Ombudsman comes with social_housing
    "Other Categories": [Referral.ico],
    "Planning": [Referral.ico, Referral.planning_inspectorate],
    "Transport and highways": [Referral.insurers, Referral.ico],
    "Corporate and other services": [Referral.ico],
}
# Grounds that fit a top-level category (discretion grounds fit everything).
CATEGORY_JURISDICTION: dict[str, list[Ground]] = {
    "Adult care services": [Ground.late, Ground.court_remedy, Ground.crime],
    "Benefits and tax": [
        Ground.tribunal_appeal,
        Ground.all_or_most,
        Ground.late,
        Ground.court_proceedings,
    ],
    "Children's care services": [
        Ground.court_proceedings,
        Ground.late,
        Ground.personnel,
        Ground.linked_to_legal_proceedings,
    ],
    "Education": [
        Ground.tribunal_appeal,
        Ground.school_internal,
        Ground.body_out_of_jurisdiction,
        Ground.late,
    ],
    "Environment and regulation": [
        Ground.court_remedy,
        Ground.crime,
        Ground.commercial,
        Ground.not_member_of_public,
    ],
    "Health": [Ground.late],
    "Housing": [
        Ground.social_housing,
        Ground.court_remedy,
        Ground.late,
        Ground.council_review_available,
    ],
    "Other Categories": [Ground.commercial, Ground.personnel, Ground.all_or_most],
    "Planning": [Ground.ministerial_appeal, Ground.late, Ground.not_member_of_public],
    "Transport and highways": [
        Ground.tribunal_appeal,
        Ground.court_remedy,
        Ground.council_review_available,
    ],
    "Corporate and other services": [Ground.complaint_handling_only, Ground.late],
}
DISCRETION = [
    Ground.insufficient_evidence_of_fault,
    Ground.merits_without_fault,
    Ground.no_injustice_from_fault,
    Ground.injustice_not_significant,
    Ground.could_not_add,
    Ground.no_different_outcome,
    Ground.cannot_achieve_outcome,
    Ground.no_worthwhile_outcome,
    Ground.individual_conduct,
    Ground.tests_not_met,
    Ground.complaint_handling_only,
    Ground.linked_to_excluded_matter,
    Ground.previously_decided,
]
