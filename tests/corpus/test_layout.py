"""corpus.layout: a stored decision laid out as its statement reads, for `show` and the web."""

from __future__ import annotations

from ombuds.corpus.layout import Block, as_text, lay_out

RECORD = {
    "text": "Sheffield City Council (25 000 777)\n\nCategory : Education\n\n...",
    "summary": "We will not investigate.",
    "sections": {
        "role_and_powers": "We do not start an investigation if we decide:\n• one, or\n• two\n"
        "(Local Government Act 1974, section 24A(6))\n\nLaw and guidance\n\nThe law says so.",
        "final_decision": "We will not investigate.",
    },
    "paragraphs": [
        {
            "section": "role_and_powers",
            "number": 4,
            "text": "We do not start an investigation if we decide:\n• one, or\n• two\n"
            "(Local Government Act 1974, section 24A(6))",
        },
        {"section": "role_and_powers", "number": 5, "text": "The law says so."},
        {"section": "final_decision", "number": 6, "text": "We will not investigate."},
    ],
}


def test_paragraphs_keep_their_numbers_and_sub_headings_stay_unnumbered():
    layout = lay_out(RECORD)
    assert layout.structured and layout.title == "Sheffield City Council (25 000 777)"
    headings = [s.heading for s in layout.sections]
    assert headings == ["The Ombudsman's role and powers", "Final decision"]
    blocks = layout.sections[0].blocks
    assert [b.number for b in blocks] == [4, None, 5]
    assert blocks[1].heading and not blocks[0].heading and not blocks[2].heading


def test_bullets_are_grouped_and_the_citation_stays_a_line_of_its_own():
    parts = lay_out(RECORD).sections[0].blocks[0].parts()
    assert [(p.kind, p.lines) for p in parts] == [
        ("text", ("We do not start an investigation if we decide:",)),
        ("bullets", ("one, or", "two")),
        ("text", ("(Local Government Act 1974, section 24A(6))",)),
    ]


def test_a_long_or_finished_unnumbered_line_is_not_a_heading():
    assert not Block(None, ("The Council apologised.",)).heading
    assert not Block(None, ("x" * 81,)).heading
    assert Block(None, ("x" * 80,)).heading
    assert not Block(None, ("Two", "lines")).heading


def test_text_numbers_each_paragraph_and_indents_its_other_lines():
    text = as_text(lay_out(RECORD))
    assert text.splitlines()[:4] == [
        "Sheffield City Council (25 000 777)",
        "",
        "Summary: We will not investigate.",
        "",
    ]
    assert "4. We do not start an investigation if we decide:\n   • one, or\n   • two\n" in text
    assert "\n\nLaw and guidance\n\n5. The law says so." in text
    assert text.endswith("Final decision\n\n6. We will not investigate.")


def test_a_decision_without_numbered_paragraphs_is_shown_as_stored():
    record = {"text": "Some page\n\nwith text", "summary": None, "paragraphs": []}
    layout = lay_out(record)
    assert not layout.structured and as_text(layout) == "Some page\n\nwith text"
