"""The gate on its own: every leak class of issue 11, written straight into a statement (the
anonymiser bypassed), must block publication; what a statement needs must not."""

from __future__ import annotations

import pytest

from ombuds.errors import PublicationBlocked
from ombuds.privacy.gate import check_publication, require_clean
from ombuds.privacy.gate_checks import gate_flags

LEAKS = [
    # council and police references, in their real shapes
    ("The Council's reference was ASC/2022/001937.", "ASC/2022/001937"),
    ("Mr X reported it under crime reference 41/55210/23.", "41/55210/23"),
    ("The claim, HB-2023-40417, was suspended.", "HB-2023-40417"),
    ("The claim, hb 2023 40417, was suspended.", "2023 40417"),
    # children's first names in lists and after a comma
    ("The children, Mason (born in 2014) and Harvey (born in 2016), moved.", "Harvey"),
    ("Her children, B and Harvey, moved school.", "Harvey"),
    ("Her daughters, Evie-Grace and C, share a room.", "Evie"),
    # names in capitals, hyphenated, lower case
    ("Mrs X wrote: NOBODY HAS SPOKEN TO MILLIE-ANNE HARGREAVES.", "HARGREAVES"),
    ("Mrs X wrote: NOBODY HAS SPOKEN TO MILLIE-ANNE HARGREAVES.", "MILLIE"),
    ("Her son ARCHIE has no school place.", "ARCHIE"),
    ('"My grandson alfie has waited a year," Mr X wrote.', "alfie"),
    ("Ms X brook says the Council sent her rent statement away.", "brook"),
    ("A letter was addressed to mrs okonjo by mistake.", "okonjo"),
    ("Ms Hargreaves-Lowe says the Council did not reply.", "Hargreaves-Lowe"),
    # a staff member's first name alone
    ("Kirsty said she would call back, but nobody did.", "Kirsty"),
    ("Mr X rang three times. Shannon from the repairs team denied it.", "Shannon"),
    # National Insurance numbers in every case and separator, issued or not
    ("His NI number, ab123456c, was printed on the notice.", "ab123456c"),
    ("The reminder quoted AB-12-34-56-C.", "AB-12-34-56-C"),
    ("The form showed QQ 12 34 56 C, a number never issued.", "QQ 12 34 56 C"),
    ("The form showed BG123456A.", "BG123456A"),
    ("The form showed zz.12.34.56.d.", "zz.12.34.56.d"),
    ("Her number, JC 63 72\n18 D, was on the letter.", "JC 63 72\n18 D"),
    # dates of birth in every shape
    ("Her date of birth was given as 7/9/88 on one form.", "7/9/88"),
    ("The note says DOB is 07/09/1988.", "07/09/1988"),
    ("Her son was born in June 2013.", "June 2013"),
    ("He was born on the 2nd of May 2016.", "May 2016"),
    ("Mr X (d.o.b. 12.11.1954) says the care stopped.", "12.11.1954"),
    ("Mrs X, DOB 3 Jan 56, cares for him.", "3 Jan 56"),
    ("The referral gives 1988-09-07 as the date.", "1988-09-07"),
    # obfuscated e-mails and addresses
    ("Reply to j dot bloggs at hotmail dot com please.", "bloggs"),
    ("His daughter wrote from j.bloggs[at]hotmail.com.", "j.bloggs[at]hotmail.com"),
    ("She gave ada.nkemelu (at) gmail (dot) com.", "nkemelu"),
    ("She gave ADA.NKEMELU@OUTLOOK.COM.", "ADA.NKEMELU@OUTLOOK.COM"),
    ("Write to kdunmore AT icloud DOT com.", "kdunmore"),
    # social media handles
    ("He messaged her as @someone_2008 on Instagram.", "@someone_2008"),
    ("On Snapchat he calls himself bigtaz_x.", "bigtaz_x"),
    ("Her Snapchat name is kaylaxo.", "kaylaxo"),
    ("Her TikTok name is kaceyyy.xo.", "kaceyyy.xo"),
    # other identifiers that slip past a name-shaped search
    ("Call her on 0161 496 0753.", "0161 496 0753"),
    ("His NHS number is 462 180 7536.", "462 180 7536"),
    ("The car, KX19YTB, was towed.", "KX19YTB"),
]


@pytest.mark.parametrize("text, leaked", LEAKS, ids=[leaked for _, leaked in LEAKS])
def test_the_gate_alone_blocks_every_leak_class(text, leaked):
    start = text.index(leaked)
    end = start + len(leaked)
    flags = gate_flags(text)
    assert any(f.start < end and start < f.end for f in flags), (leaked, flags)
    with pytest.raises(PublicationBlocked):
        require_clean(text)


CLEAN = [
    "Mr and Mrs X complained to the Council in March 2024.",
    "Mrs X's son, B, has an education, health and care plan (EHCP).",
    "The Council offered £1,500.00 and a payment of 250.50 in 2023/24.",
    "We cannot investigate (Local Government Act 1974, section 24A(6), as amended).",
    "See paragraph 3.2 and sections 26(1), 26A(1) and 34(3) of the Act.",
    "The meeting was at 10.30am on 4 March 2024; the visit lasted 2.5 hours.",
    "The social worker and the headteacher met the councillor. The councillor agreed.",
    "Ms X says the Council's Special Guardianship Order (SGO) support was poor.",
    "Will the Council review it? Mrs X says it will not.",
    "Guidance is on www.gov.uk and www.lgo.org.uk.",
    "Ms X complained to Leicestershire County Council and to Social Work England.",
    "She moved from Rochdale to Bolton and asked Cheshire West & Chester Council for help.",
    "Our decision 24 015 969 was issued on 10 February 2025.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_what_a_statement_needs_passes(text):
    assert gate_flags(text) == []


def test_the_seed_statements_raise_no_false_alarm(seed_files):
    for path in seed_files:
        decision = check_publication(path.read_text(encoding="utf-8"))
        assert decision.findings == [], (path.name, decision.findings)


def test_every_gate_finding_has_a_stable_id_and_says_which_check():
    text = "Kirsty said she would call back. Kirsty did not."
    assert {f.check for f in gate_flags(text)} == {"FIRST_NAME"}
    findings = check_publication(text).findings
    assert [f.text for f in findings] == ["Kirsty", "Kirsty"]
    ids = {f.id for f in findings}
    assert len(ids) == 1  # one override covers every appearance of the same word
    assert all(f.recogniser for f in findings)
