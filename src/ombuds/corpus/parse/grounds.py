r"""Which grounds a statement relies on, and which bodies it refers the complainant to.

THE TABLES BELOW ARE MEANT TO BE EXTENDED. Each ground id (and referral id) maps to a list of
regular expressions, each with a comment naming the legal concept it recognises. Add a pattern
when a statement words a ground in a way the table misses; the statement drafter's own sentences
must parse back to the grounds it drafted, so its authors append patterns here.

How the patterns are matched (write them accordingly):
- against a LOWER-CASED copy of the text, with curly quotes made straight ('), single spaces,
  and paragraphs separated by newlines; so write patterns in lower case, with straight quotes;
- grounds are read from the role-and-powers section (the tests an assessment lists are the ones
  it relies on), the summary, "What I have investigated", the assessment or findings and the
  final decision; never from "The complaint", which gives the complainant's view;
- referrals are read from the same sections EXCEPT role-and-powers: the standard paragraph
  about the Information Commissioner appears there whether or not the case is referred;
- `[^.\n]{0,N}` keeps a match inside one sentence;
- match the legal concept ("better placed", "add to ... investigation", "different outcome",
  "question the merits"), not one decision's sentence;
- a match counts only where it starts at the beginning of a word ("ico" never inside "magico");
- `matching.py` runs the tables; before it runs a pattern it checks the rare words that any
  match must contain (found automatically), so patterns made of plain words are cheap; end a
  pattern with `\b` when its last word must be whole (the check can then use that word too).

Before adding a pattern, run tests/corpus/parse/test_seeds.py: the seed README lists, for each
seed, the grounds required and the only ones acceptable, so a pattern that fires too widely fails.
"""

from __future__ import annotations

import re

from ombuds.vocabulary import Ground, Referral

_NOT = r"(?:not|n't|unlikely|nothing|never|cannot|can not|no)\b"  # a negation before a verb
_CANNOT = r"(?:cannot|can't|can not|could not|couldn't|unable to|not able to)"
_WE = r"(?:we|the ombudsman|the ombudsmen|ombudsman|ombudsmen)"


def _re(pattern: str) -> re.Pattern[str]:
    """A table pattern. Matches count only at the start of a word ("ico" never in "magico")."""
    return re.compile(pattern)


GROUND_PATTERNS: dict[Ground, list[re.Pattern[str]]] = {
    # ---- Jurisdiction ("we cannot investigate") ----
    Ground.body_out_of_jurisdiction: [
        # "we cannot investigate the actions of an academy / the police / the NHS"
        _re(
            rf"{_CANNOT} (?:investigate|consider|look at) (?:complaints? about )?"
            r"(?:the actions of )?(?:an? |the )?(?:academ(?:y|ies)|free schools?|police|nhs|"
            r"valuation office|"
            r"hm courts|courts service|member of parliament|government department)\b"
        ),
        # "academies are outside our jurisdiction"
        _re(
            r"(?:academ(?:y|ies)|free schools?)(?: trusts?)?(?:,? which)? (?:is|are) "
            r"(?:outside|not (?:within|in)|beyond) (?:our|the ombudsman's) jurisdiction"
        ),
        # "is not a body we can investigate"
        _re(rf"not (?:a )?bod(?:y|ies) (?:that |which )?{_WE} (?:can|could) investigate"),
    ],
    Ground.not_member_of_public: [
        # section 27(1)(a): a public body cannot complain
        _re(r"not (?:a )?members? of the public"),
        _re(
            r"(?:parish|town) councils? (?:cannot|can't|can not|is not able to|are not able to) "
            r"complain"
        ),
    ],
    Ground.no_standing: [
        # section 26A(1): only someone who claims injustice to themselves (or acts for them)
        _re(r"\bno (?:legal )?standing\b|not have (?:legal )?standing"),
        _re(
            r"(?:suffered|sustained|caused) (?:no |an |any )?injustice (?:to )?"
            r"(?:themselves|himself|herself)\b"
        ),
        _re(r"(?:does|do|did) not act for (?:anyone|someone|anybody) who (?:has|had)\b"),
    ],
    Ground.not_administrative_function: [
        # section 26(1): the council's administrative functions, not another capacity
        _re(
            r"(?:not|outside)\b[^.\n]{0,60}\badministrative functions?\b|"
            r"\badministrative functions?\b[^.\n]{0,60}(?:cannot|can't|outside|not)\b"
        ),
        _re(r"(?:as|acting as|in its (?:role|capacity) as) (?:the |a )?(?:charity )?trustees?\b"),
    ],
    Ground.no_consent: [
        # section 26A: a representative needs the person's written consent
        _re(r"consent (?:to (?:complain|act|represent)|from (?:the person|him|her|them) to)"),
        _re(r"not (?:a )?suitable (?:person|representative)"),
        _re(r"on (?:his|her|their|someone's|another person's) behalf without"),
    ],
    Ground.late: [
        # sections 26B, 34D: twelve months from knowing of the matter
        _re(r"late (?:complaints?|in complaining)|complain(?:ed|ing|ts?)? (?:to us )?too late"),
        # "her complaint is late", "the complaint was made late"
        _re(r"complaints? (?:is|was|are|were) (?:made |brought )?(?:too )?late\b"),
        # "no good reason for the delay in complaining"
        _re(r"good reasons? for (?:the|her|his|their) delay"),
        _re(r"(?:within|more than|after) (?:12|twelve) months (?:of|after|before|since|from)"),
        _re(
            r"good reasons? (?:to|why we should|for us to) (?:investigate|look at|accept) "
            r"(?:this |the |a )?(?:late|complaint now|older|earlier)"
        ),
    ],
    Ground.premature: [
        # section 26(5): the council must have had the chance to reply
        _re(r"premature(?:ly)?\b"),
        _re(
            r"(?:chance|opportunity) to (?:consider|respond|reply|deal with|put (?:things|it|"
            r"this) right)"
        ),
        _re(
            r"(?:has not|hasn't|have not|haven't|not yet|did not) (?:completed?|finish(?:ed)?|"
            r"exhaust(?:ed)?|gone through) (?:the council's |its |the |their )?(?:own )?"
            r"(?:statutory )?complaints? (?:procedure|process)"
        ),
    ],
    Ground.tribunal_appeal: [
        # section 26(6)(a): a right of appeal to a tribunal (or an admission appeal panel)
        _re(
            r"(?:right of appeal|appeal|appealed|apply|applied|go|gone|went) to (?:a|the) "
            r"(?:[\w'-]+ ){0,5}tribunal"
        ),
        _re(r"tribunal (?:is|was|would be) (?:better placed|the (?:appropriate|right|proper))"),
        _re(r"(?:admissions?|independent) appeal panel"),
    ],
    Ground.ministerial_appeal: [
        # section 26(6)(b): appeal to a Minister, in practice the Planning Inspectorate
        _re(r"appeal (?:to )?(?:the )?(?:planning inspectorate|secretary of state|a minister)"),
        _re(r"planning appeal|right of appeal to (?:a|the) minister"),
    ],
    Ground.court_remedy: [
        # section 26(6)(c): a remedy by way of proceedings in a court
        _re(r"remedy (?:by way of proceedings )?in (?:a|the) courts?"),
        _re(
            r"(?:go|going|take (?:the matter|legal action|it|this)|apply|applying|claim) "
            r"(?:to|in|through) (?:the |a )?(?:county |small claims |magistrates'? )?courts?\b"
        ),
        _re(
            r"(?:legal|court) (?:remedy|claim|action) (?:is|was|would be) (?:available|open|"
            r"reasonable)"
        ),
        _re(
            r"(?:decide|determine|establish|decision on) (?:legal )?(?:liability|negligence)\b|"
            r"claims? (?:of|for) (?:negligence|personal injury|damages)"
        ),
        _re(r"only (?:a|the) courts? (?:can|could)"),
    ],
    Ground.court_proceedings: [
        # Schedule 5 paragraph 1: starting court action, or what happened in court
        _re(r"(?:start|starting|beginning|commencement) of (?:court|legal) (?:action|proceedings)"),
        _re(r"what (?:happened|was said|went on) in (?:the )?court\b"),
        _re(
            rf"{_CANNOT} (?:investigate|consider|look at) [^.\n]{{0,60}}\b(?:courts?|"
            rf"proceedings)\b"
        ),
        _re(
            r"(?:gave|give|given|provided|presented|submitted|filed) (?:to )?(?:a|the) (?:family "
            r")?court"
        ),
    ],
    Ground.crime: [
        # Schedule 5 paragraph 2: investigation or prevention of crime
        _re(r"investigation (?:or|and) prevention of crime"),
        _re(rf"{_CANNOT} (?:investigate|consider|look at) [^.\n]{{0,40}}\b(?:crimes?|criminal)\b"),
        _re(r"(?:matters?|issues?) for the police"),
    ],
    Ground.commercial: [
        # Schedule 5 paragraph 3: commercial or contractual transactions
        _re(
            r"commercial (?:or contractual )?(?:matters?|transactions?|dealings?)|"
            r"contractual (?:matters?|disputes?|transactions?)"
        ),
    ],
    Ground.personnel: [
        # Schedule 5 paragraph 4: appointments, pay, discipline and other personnel matters
        _re(r"personnel matters?"),
        _re(r"(?:disciplinary|employment) matters?[^.\n]{0,60}(?:outside|not within|cannot|can't)"),
        _re(r"between (?:the|a) council and its (?:employees|staff)"),
        _re(
            rf"{_CANNOT} (?:investigate|consider|look at)[^.\n]{{0,40}}\b(?:disciplinary|"
            r"discipline|employment|personnel|staff appointments?)\b"
        ),
    ],
    Ground.school_internal: [
        # Schedule 5 paragraph 5(2): teaching, curriculum, discipline, internal management
        _re(r"internal (?:management|matters?|affairs) of (?:a|the) school"),
        _re(r"teaching,? (?:the )?curriculum|curriculum,? (?:discipline|teaching)"),
    ],
    Ground.social_housing: [
        # Schedule 5 paragraph 5A: the council as social landlord
        _re(r"(?:as|acting as|in its role as) (?:a |the |its )?(?:social )?landlord\b"),
        _re(r"social landlord|housing ombudsman"),
    ],
    Ground.all_or_most: [
        # section 26(7): a matter affecting all or most people in the area
        _re(r"all or most (?:of the )?(?:people|residents|council tax payers)"),
        _re(
            r"(?:affects?|affecting) (?:all|most) (?:of the )?(?:people|residents) (?:in|of|"
            r"living)"
        ),
    ],
    Ground.previously_decided: [
        # section 24A(6): the Ombudsman has already decided the same matter
        _re(
            rf"{_WE}(?: have| has)?(?: also)? (?:already|previously) (?:considered|decided|"
            r"investigated|looked at)\b"
        ),
        _re(r"previously (?:considered|decided|investigated) (?:and|by us|under)"),
        _re(r"considered[^.\n]{0,80}under (?:case )?reference \d"),
    ],
    # ---- Discretion ("we will not investigate") ----
    Ground.insufficient_evidence_of_fault: [
        # "there is not enough evidence of fault to justify investigating"
        _re(
            r"(?:not enough|insufficient|no|little|any) (?:evidence|sign|signs|indication|"
            r"suggestion)"
            r" (?:of|that there was) (?:any )?(?:fault|wrongdoing|maladministration)"
        ),
        # "we are unlikely to find fault", "nor that we would find fault"
        _re(
            r"(?:unlikely|not likely|nor that|not that) (?:to |that )?(?:we )?(?:would |could )?"
            r"(?:find|identify) (?:any )?fault\b"
        ),
        _re(r"(?:would|could) not (?:find|identify) (?:any )?fault\b"),
    ],
    Ground.merits_without_fault: [
        # section 34(3): a decision taken without fault cannot be questioned
        _re(r"question the merits"),
        _re(
            rf"{_CANNOT} question (?:whether|the outcome|a decision|the decision|decisions|"
            r"the council's decision|a council's decision|professional judgement)"
        ),
        _re(
            r"decisions? (?:that (?:were|was|is) |which (?:were|was) )?(?:made|taken|reached) "
            r"without fault"
        ),
        _re(r"not an appeal (?:body|route|process)"),
    ],
    Ground.no_injustice_from_fault: [
        # "any fault did not cause injustice"; "the outcome would have been the same"
        _re(
            r"(?:did not|didn't|has not|hasn't|would not|had not|does not|doesn't) "
            r"(?:cause|caused|lead to|led to|result in|resulted in) (?:\w+ ){0,3}"
            r"(?:injustice|harm|loss|disadvantage)"
        ),
        _re(r"no (?:significant )?injustice (?:was )?(?:caused|resulted|resulting|from)\b"),
        _re(r"(?:outcome|decision|result) would (?:probably |likely |still )?have been the same\b"),
    ],
    Ground.injustice_not_significant: [
        # "any injustice is not significant enough to justify our involvement"
        _re(r"not (?:significant|serious) enough to (?:justify|warrant)"),
        _re(
            r"not (?:been )?(?:personally|directly) affected|no (?:significant )?personal "
            r"injustice"
        ),
    ],
    Ground.could_not_add: [
        # "we could not add to any previous investigation", "unlikely we could add to its reply"
        _re(
            rf"{_NOT}[^.\n]{{0,40}}?\badd (?:anything |much |something |very much )?"
            r"(?:significant |further |more |new |useful )?to\b"
        ),
        # "there is nothing we could add"
        _re(rf"nothing (?:more |further |else )?(?:to add|{_WE} (?:could|can|would) add)"),
    ],
    Ground.no_different_outcome: [
        # "further investigation would not lead to a different outcome"
        _re(rf"{_NOT}[^.\n]{{0,50}}\bdifferent (?:outcome|result)s?\b"),
        # "the apology is an appropriate remedy", "the apologies appropriately remedy"; a remedy
        # called suitable in an upheld investigation's agreed action is not this ground, so the
        # remedy must be an apology, or the sentence must go on to say nothing more is needed
        _re(
            r"apolog[^.\n]{0,80}(?:appropriate|proportionate|suitable|sufficient|adequate) remedy|"
            r"(?:appropriate|proportionate|suitable|sufficient|adequate) remedy[^.\n]{0,60}"
            r"(?:nothing (?:more|further)|no further|not (?:investigate|achieve))|"
            r"appropriately remed"
        ),
        # "the apology and reminder to staff were reasonable and proportionate"
        _re(r"reasonable and proportionate|proportionate and reasonable"),
        _re(r"already (?:put (?:this|it|things|matters|the matter) right|remedied)"),
    ],
    Ground.cannot_achieve_outcome: [
        # "we cannot achieve the outcome someone wants", "we could not achieve this"
        _re(rf"{_CANNOT} achieve (?:the outcomes?|the result|what|this|that|(?:the )?remed)"),
        # "there is nothing more we could achieve", "we could achieve nothing more"
        _re(rf"nothing more {_WE} (?:could|can) achieve|achieve nothing more"),
        # "we cannot ask the council to dismiss / discipline / replace the officer"
        _re(
            rf"{_CANNOT} (?:ask|order|make|require|direct|tell|force|recommend) (?:the council |"
            r"a council |the organisation |it )?(?:to )?(?:\w+ )?(?:disciplin|dismiss|sack)"
        ),
        _re(rf"not something {_WE} (?:can|could) (?:achieve|provide|order)"),
    ],
    Ground.no_worthwhile_outcome: [
        # "our intervention would achieve nothing significant"
        _re(r"achieve (?:nothing|anything) (?:significant|worthwhile|meaningful|useful)"),
        # "there is nothing further we would seek to achieve"
        _re(rf"nothing (?:further|more) {_WE} would (?:seek to )?achieve"),
        _re(
            r"(?:nothing|anything) (?:significant|worthwhile|meaningful) (?:would|could|can) "
            r"(?:now )?be achieved|no worthwhile (?:outcome|purpose)|serve no (?:useful )?purpose"
        ),
    ],
    Ground.better_placed: [
        # "another body is better placed"; a referral also implies this ground unless a
        # jurisdiction ground found in the same statement explains it (see SIGNPOSTED_BY)
        _re(r"better placed|a better position|(?:more|most) appropriate (?:body|organisation)"),
    ],
    Ground.council_review_available: [
        # "reasonable to ask for the council's own review / appeal first"
        _re(
            r"(?:request|ask for|asking for|use|using|seek|seeking) (?:a |the |its |"
            r"(?:the |a |their )council's )(?:own )?(?:statutory )?(?:review|appeal)\b(?! panel)"
        ),
        _re(r"section 202 review"),
    ],
    Ground.satisfied_with_actions: [
        # section 24A(7): satisfied with what the body has done or agreed to do
        _re(
            r"satisfied with (?:the|its|what|an|the council's|an organisation's|the organisation's)"
            r"[^.\n]{0,40}(?:actions?|remedy|done|agreed|offered|proposed)"
        ),
    ],
    Ground.complaint_handling_only: [
        # complaint handling alone is not investigated when the substance is not
        _re(r"complaint[- ]handling\b[^.\n]{0,80}(?:alone|on its own|in isolation|separately)"),
        _re(
            r"not a good use of public (?:money|resources) to (?:investigate|look at|consider)"
            r"[^.\n]{0,40}complaint"
        ),
    ],
    Ground.individual_conduct: [
        # "our role is to investigate the council as a corporate body, not an individual"
        _re(r"corporate body|organisational (?:fault|failings?)"),
        # "not to hold a single officer accountable"
        _re(
            r"hold (?:a |an )?(?:single |individual )?(?:officer|member of staff|employee|"
            r"worker|individual)s? (?:personally )?(?:accountable|responsible)"
        ),
        # "professional competence", "fitness to practise", "professional body / regulator"
        _re(r"fitness to practi[sc]e|professional (?:regulators?|body|competence|misconduct)"),
        _re(r"rather than (?:to investigate |to look at )?an individual"),
    ],
    Ground.linked_to_excluded_matter: [
        # R (M) v Commissioner for Local Administration [2006]
        _re(r"commissioner for local administration|\br \(m\)"),
        _re(rf"linked to (?:a |the )?(?:matters?|issues?) (?:that |which )?{_WE} {_CANNOT}"),
    ],
    Ground.linked_to_legal_proceedings: [
        # issues that could reasonably be, or have been, raised in legal proceedings
        _re(
            r"raised (?:in|during|as part of) (?:the |those |these |related |ongoing |legal |"
            r"court |"
            r"care |family )*proceedings"
        ),
        _re(
            r"(?:linked|connected|related) to (?:the |ongoing |related |legal |court |care |"
            r"family )+"
            r"proceedings"
        ),
    ],
    Ground.tests_not_met: [
        # "the tests set out in our Assessment Code are not met"
        _re(
            r"tests (?:set out )?in (?:our|the) assessment code (?:are|were|have) not (?:been "
            r")?met"
        ),
        _re(r"(?:does|do|did) not meet (?:the|our) (?:assessment code )?(?:tests|criteria)"),
    ],
}

REFERRAL_PATTERNS: dict[Referral, list[re.Pattern[str]]] = {
    # data protection, subject access, rectification, FOI
    Referral.ico: [_re(r"information commissioner"), _re(r"\bico\b")],
    # conduct or fitness to practise of a social worker
    Referral.social_work_england: [_re(r"social work england")],
    # alleged crimes: signposting, not a mention of the police in the facts
    Referral.police: [
        _re(
            r"(?:report|reporting|refer|contact|complain|raise|matters? for|better placed|go to)"
            r"[^.\n]{0,60}\bpolice\b"
        ),
        _re(r"independent office for police conduct"),
        # "the police may consider it"
        _re(
            r"\bpolice (?:may|can|could|will|would) (?:be able to )?(?:consider|investigate|look "
            r"at|deal with)"
        ),
    ],
    # liability, negligence, damages, family matters
    Referral.courts: [
        _re(
            r"(?:go|going|take (?:the matter|legal action|it|this)|apply|applying|claim|"
            r"matters? for|issues? for)[^.\n]{0,30}\b(?:to|in|for|through) (?:the |a )?"
            r"(?:county |small claims |magistrates'? )?courts?\b"
        ),
        _re(r"only (?:a|the) courts? (?:can|could)"),
    ],
    Referral.insurers: [_re(r"insurers?\b|insurance claim")],
    Referral.independent_review_mechanism: [_re(r"independent review mechanism")],
    Referral.housing_ombudsman: [_re(r"housing ombudsman")],
    Referral.phso: [
        _re(
            r"health service ombudsman|\bphso\b|nhs complaints? (?:procedure|"
            r"process)"
        )
    ],
    Referral.planning_inspectorate: [_re(r"planning inspectorate")],
    Referral.tribunal: [
        _re(
            r"(?:appeal|appealed|apply|applied|go|right of appeal) to (?:a|the) (?:[\w'-]+ ){0,5}"
            r"tribunal"
        ),
    ],
    Referral.dfe: [_re(r"department for education|\bdfe\b|education and skills funding agency")],
    Referral.valuation_office_agency: [_re(r"valuation office|\bvoa\b")],
    # objections to a school's admission arrangements
    Referral.schools_adjudicator: [_re(r"schools adjudicator|office of the schools adjudicator")],
    # an unused appeal against the refusal of a school place
    Referral.admission_appeal_panel: [
        _re(
            r"(?:appeal|apply|go) to (?:an? |the )?(?:independent )?(?:school )?admissions? "
            r"appeal panel"
        ),
        _re(r"(?:appeal|panel)[^.\n]{0,40}independent of the (?:school|council|admission)"),
    ],
    # the ombudsmen of the other nations, for their councils
    Referral.psow: [_re(r"public services ombudsman for wales|\bpsow\b")],
    Referral.spso: [_re(r"scottish public services ombudsman|\bspso\b")],
    Referral.nipso: [
        _re(r"northern ireland public services ombudsman|\bnipso\b|ombudsman for northern ireland")
    ],
}

# Provisions of the Local Government Act 1974 that belong to one ground only: citing one in the
# statement (normalised as in `statutes.py`) is relying on that ground. Shared provisions such
# as section 24A(6) are deliberately absent.
STATUTE_GROUNDS: dict[str, Ground] = {
    "Local Government Act 1974, section 25": Ground.body_out_of_jurisdiction,
    "Local Government Act 1974, section 34A": Ground.body_out_of_jurisdiction,
    "Local Government Act 1974, section 26(5)": Ground.premature,
    "Local Government Act 1974, section 26(6)(a)": Ground.tribunal_appeal,
    "Local Government Act 1974, section 26(6)(b)": Ground.ministerial_appeal,
    "Local Government Act 1974, section 26(6)(c)": Ground.court_remedy,
    "Local Government Act 1974, section 26(7)": Ground.all_or_most,
    "Local Government Act 1974, section 26B": Ground.late,
    "Local Government Act 1974, section 34D": Ground.late,
    "Local Government Act 1974, section 27(1)(a)": Ground.not_member_of_public,
    "Local Government Act 1974, section 24A(7)": Ground.satisfied_with_actions,
    "Local Government Act 1974, section 34(3)": Ground.merits_without_fault,
    "Local Government Act 1974, section 34B(8)": Ground.linked_to_legal_proceedings,
    "Local Government Act 1974, Schedule 5, paragraph 1": Ground.court_proceedings,
    "Local Government Act 1974, Schedule 5A, paragraph 3": Ground.court_proceedings,
    "Local Government Act 1974, Schedule 5, paragraph 2": Ground.crime,
    "Local Government Act 1974, Schedule 5, paragraph 3": Ground.commercial,
    "Local Government Act 1974, Schedule 5, paragraph 4": Ground.personnel,
    "Local Government Act 1974, Schedule 5, paragraph 5(2)": Ground.school_internal,
    "Local Government Act 1974, Schedule 5, paragraph 5A": Ground.social_housing,
}


# Bodies a statement names because a jurisdiction ground sends the person there ("we cannot
# investigate alleged crimes: the police can"), not because the Ombudsman decided under its
# discretion that another body is better placed. A referral counts as reliance on `better_placed`
# unless one of the grounds listed for it was found in the same statement. The ICO, Social Work
# England and the Independent Review Mechanism are always a discretionary referral.
SIGNPOSTED_BY: dict[Referral, frozenset[Ground]] = {
    Referral.police: frozenset({Ground.crime}),
    Referral.housing_ombudsman: frozenset({Ground.social_housing}),
    Referral.tribunal: frozenset({Ground.tribunal_appeal}),
    Referral.planning_inspectorate: frozenset({Ground.ministerial_appeal}),
    Referral.courts: frozenset({Ground.court_remedy, Ground.court_proceedings}),
    Referral.insurers: frozenset({Ground.court_remedy}),
    Referral.dfe: frozenset({Ground.body_out_of_jurisdiction}),
    Referral.phso: frozenset({Ground.body_out_of_jurisdiction}),
    Referral.valuation_office_agency: frozenset(
        {Ground.body_out_of_jurisdiction, Ground.tribunal_appeal}
    ),
    Referral.admission_appeal_panel: frozenset({Ground.tribunal_appeal}),
    Referral.psow: frozenset({Ground.body_out_of_jurisdiction}),
    Referral.spso: frozenset({Ground.body_out_of_jurisdiction}),
    Referral.nipso: frozenset({Ground.body_out_of_jurisdiction}),
}
