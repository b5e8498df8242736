"""The statement's text: house-style notes, and DOCX and PDF made from the edited text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ombuds.casework.documents import house_style, render_statement, statement_from_text
from ombuds.errors import InputError
from ombuds.statement import draft_file

SEED = Path(__file__).resolve().parents[2] / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"


@pytest.fixture(scope="module")
def drafted():
    made = draft_file(SEED, fmt="txt")
    return made.content.decode(), made.statement.model_dump(mode="json")


def test_house_style_notes(drafted):
    text = "1. The council did it. The council did it.\n2. See 2025-01-03 and [done].\n3. the Council and the council."
    messages = " ".join(n.message for n in house_style(text))
    assert "repeats" in messages and "2025-01-03" in messages and "[done]" in messages
    assert "the Council" in messages
    long = "1. " + " ".join(["word"] * 40) + "."
    assert any("40 words" in n.message for n in house_style(long))


def test_the_edited_text_renders_as_docx_and_pdf(drafted):
    import docx
    import pypdf

    text, original = drafted
    edited = text.replace("Summary:", "Summary: Edited by the investigator.", 1)
    statement = statement_from_text(edited, original)
    assert statement.summary.startswith("Edited by the investigator")
    assert next(s.key for s in statement.sections) == "the_complaint"
    word = docx.Document(io.BytesIO(render_statement(edited, original, "docx")))
    assert any("Edited by the investigator" in p.text for p in word.paragraphs)
    pdf = pypdf.PdfReader(io.BytesIO(render_statement(edited, original, "pdf")))
    assert "Edited by the investigator" in "".join(p.extract_text() for p in pdf.pages)


def test_text_that_lost_its_layout_is_refused(drafted):
    with pytest.raises(InputError):
        statement_from_text("Just some words.", drafted[1])
