"""Placing lines: headings, paragraphs, sub-items, wrapped lines and citations."""

from __future__ import annotations

from ombuds.corpus.parse.clean import is_furniture, statement_lines
from ombuds.corpus.parse.sections import heading_key, split_statement


def split(text: str):
    lines, _signed = statement_lines(text)
    return split_statement(lines)


def test_headings_and_their_variants():
    assert heading_key("The Ombudsman\u2019s role and powers", False) == "role_and_powers"
    assert heading_key("The Ombudsmen's role and powers:", False) == "role_and_powers"
    assert heading_key("What I have and have not investigated", True) == "what_investigated"
    assert heading_key("How we thought about this complaint", False) == "how_considered"
    assert heading_key("What we found out", False) == "assessment"
    assert heading_key("What we found out", True) == "findings"
    assert heading_key("Final decision", False) == "final_decision"
    assert heading_key("The Council replied in detail.", False) is None


def test_hard_wrapped_paragraphs_are_joined():
    st = split(
        "The complaint\n1. Mr X complains that the council\n   took too long to reply.\n"
        "2. He wants an apology.\n"
    )
    assert [p.text for p in st.paragraphs] == [
        "Mr X complains that the council took too long to reply.",
        "He wants an apology.",
    ]


def test_unmarked_paragraphs_each_stand_alone():
    st = split("My assessment\nThe council replied in detail.\n\nWe could not add to it.\n")
    assert [p.text for p in st.paragraphs] == [
        "The council replied in detail.",
        "We could not add to it.",
    ]


def test_lettered_and_unmarked_lower_case_items_after_a_colon_are_sub_items():
    st = split(
        "The complaint\n1. She says:\na) the route is unsafe;\nb) the fare is high.\n"
        "2. Also:\nthe bus is late.\n"
    )
    assert [p.text for p in st.paragraphs] == [
        "She says:\n\u2022 the route is unsafe;\n\u2022 the fare is high.",
        "Also:\n\u2022 the bus is late.",
    ]


def test_signature_ends_the_statement_and_furniture_is_dropped():
    lines, signed = statement_lines(
        "Final decision\n1. Done.\nBack to top\n"
        "Assistant Ombudsman\u2019s decision on behalf of the Ombudsman\n"
        "Print this page\nMore text"
    )
    assert signed
    assert [line.text for line in lines] == ["Final decision", "1. Done."]
    assert is_furniture("We recommend you set these \u2018ON\u2019.")
    assert not is_furniture("We will not investigate Mr X's complaint.")


def test_header_value_on_the_line_after_its_label():
    st = split(
        "Kent County Council (21 019 030)\nCategory :\nChildren's care services > Other\n"
        "Decision:\nUpheld\nDecision date :\n20 Apr 2022\nSummary:\nA short summary.\n"
        "The complaint\n1. Text.\n"
    )
    assert st.title == ("Kent County Council", "21 019 030")
    assert st.fields == {
        "category": "Children's care services > Other",
        "decision": "Upheld",
        "date": "20 Apr 2022",
    }
    assert st.summary == "A short summary."


def test_header_labels_without_colons_before_the_first_section():
    st = split(
        "Kent County Council (21 019 030)\nCategory\nHousing > Allocations\nDecision\n"
        "Not upheld\nDecision date\n20 Apr 2022\nThe complaint\n1. Text.\nDecision\n"
        "1. We found no fault.\n"
    )
    assert st.fields == {
        "category": "Housing > Allocations",
        "decision": "Not upheld",
        "date": "20 Apr 2022",
    }
    assert list(st.blocks) == ["the_complaint", "final_decision"]
