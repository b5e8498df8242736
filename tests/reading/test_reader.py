"""The reader on letters: facts with evidence, unread sentences, questions, and pitfalls."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.complaint.facts import AllegationKind, RemedyStatus, Topic, Upheld
from ombuds.reading.reader import read_letter
from ombuds.reading.sources import Letter


def read(text, **kw):
    return read_letter(Letter(text=text, source="test", kind="text", **kw))


LETTER = """14 March 2025

Dear Ombudsman,

Kent County Council gave me a penalty charge notice for parking outside my own house. I complained
on 6 January 2025 and the council sent its final response on 10 February 2025, saying the ticket
stands. The letter said I can appeal to the Traffic Penalty Tribunal but I have not appealed.

The weather has been awful this year.

I want the ticket cancelled.

Mrs Jane Doe
"""


def test_facts_carry_spans_of_the_text_and_their_rule():
    result = read(LETTER)
    complaint, reading = result.complaint, result.reading
    assert complaint is not None
    assert complaint.body == "Kent County Council"
    assert complaint.complainant.alias == "Mrs X"
    assert complaint.dates.complained_to_council == dt.date(2025, 1, 6)
    assert complaint.dates.council_replies[0].final
    assert complaint.dates.came_to_ombudsman == dt.date(2025, 3, 14)
    (head,) = complaint.heads
    assert Topic.penalty_charge_notice in head.topics
    assert head.appeal_rights and not head.appeal_rights[0].used
    for evidence in reading.evidence:
        for span in evidence.spans:
            assert LETTER[span.start : span.end] == span.text
        assert evidence.rule and 0 < evidence.confidence <= 1
    body = next(e for e in reading.evidence if e.fact == "body")
    assert body.spans[0].text == "Kent County Council" and body.rule == "council-name:KEN"


def test_the_private_name_is_kept_but_never_dumped():
    complaint = read(LETTER).complaint
    assert complaint.complainant.private_name == "Jane Doe"
    assert "Jane" not in complaint.model_dump_json()


def test_a_sentence_no_rule_used_is_listed_as_unread():
    unread = [u.text for u in read(LETTER).reading.unread]
    assert unread == ["The weather has been awful this year."]


def test_missing_facts_become_questions():
    result = read("Dear Sir,\nThe council never fixed the street light outside my house.\nBob")
    assert result.complaint is None
    facts = {q.fact for q in result.reading.questions}
    assert {"body", "letter_date"} <= facts


def test_another_language_gives_questions_only():
    result = read("Je voudrais me plaindre du conseil municipal qui n'a pas répondu à ma lettre.")
    assert result.complaint is None
    assert result.reading.questions[0].fact == "letter"


def test_negation_hypotheticals_and_quoted_text():
    text = """2 June 2025

Dear Ombudsman,
Leeds City Council has not apologised and nobody has apologised since. If they don't reply I
will go to court. The council wrote: "You have the right to appeal to the tribunal."
I complained on 1 May 2025 and the final response came on 20 May 2025.

Mr K Lowe
"""
    complaint = read(text).complaint
    (head,) = complaint.heads
    assert not head.council_response.remedies
    assert not complaint.court_cases


def test_remedies_by_their_own_clause():
    text = """2 June 2025

Dear Ombudsman,
Leeds City Council upheld my complaint about missed care visits. It apologised, reminded staff
and agreed to review the care plan. I complained on 1 April 2025; the final response was on
20 May 2025.

Mrs K Lowe
"""
    head = read(text).complaint.heads[0]
    assert head.council_response.upheld is Upheld.yes
    statuses = {r.action.name: r.status for r in head.council_response.remedies}
    assert statuses["apology"] is RemedyStatus.done
    assert statuses["staff_reminder"] is RemedyStatus.done


def test_a_representative_and_consent():
    text = """18 July 2025

Dear Ombudsman,
I am writing on behalf of our constituent, Mr Tariq Aziz, who has signed the enclosed consent
form. Wolverhampton City Council removed him from the housing register. He complained on
24 March 2025 and the council's final response was on 19 June 2025.

Daniel Hughes, Caseworker
"""
    complaint = read(text).complaint
    assert complaint.complainant.alias == "Mr X"
    assert complaint.representative.written_consent is True
    assert "caseworker" in complaint.representative.relationship


def test_several_parts_are_split():
    text = """20 January 2025

Dear Ombudsman,
The social worker from Leicestershire County Council was rude and biased against me.
She has also been withholding information and documents that I have asked for.
I complained on 1 September 2024 and the final response was on 2 December 2024.

Miss A Grant
"""
    heads = read(text).complaint.heads
    assert [h.about.name for h in heads] == ["officer_conduct", "information_handling"]
    assert AllegationKind.information_withheld in [a.kind for a in heads[1].allegations]
    assert heads[0].allegations[0].officer == "social worker"


def test_an_undated_letter_uses_the_received_date_and_says_so():
    result = read_letter(
        Letter(text="Kent County Council ignored me last week.", source="t", kind="text"),
        received=dt.date(2025, 5, 1),
    )
    assert result.reading.letter_date == dt.date(2025, 5, 1)
    assert any("no date" in w for w in result.reading.warnings)


@pytest.mark.parametrize("pages", [100])
def test_a_long_bundle_is_read(pages):
    page = (
        LETTER.replace("14 March 2025\n\n", "")
        + "\n"
        + ("The council said it would look into this and write to me again soon. " * 40)
        + "\n\n"
    )
    result = read("14 March 2025\n\n" + page * pages)
    assert result.complaint is not None and result.complaint.body == "Kent County Council"
