"""Every format shows the same statement; DOCX and PDF are opened back to check it."""

from __future__ import annotations

import io
import re

import pytest
from builders import assessment, finding, head

from ombuds.errors import InputError
from ombuds.statement import draft_statement, render
from ombuds.vocabulary import Ground

HEADINGS = [
    "The complaint",
    "The Ombudsman's role and powers",
    "How I considered this complaint",
    "My assessment",
    "Final decision",
]


@pytest.fixture
def statement(conduct_case):
    return draft_statement(conduct_case)


def test_text_keeps_the_published_layout(statement):
    text = render(statement, "txt").decode()
    lines = text.splitlines()
    assert lines[:6] == [
        "Northfield County Council (24 123 456)",
        "Category : Children's care services > Other",
        "Decision : Closed after initial enquiries",
        "Decision date : 10 Feb 2025",
        "The Ombudsman's final decision:",
        f"Summary: {statement.summary}",
    ]
    positions = [lines.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    numbers = [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", text, re.MULTILINE)]
    assert numbers == list(range(1, len(statement.paragraphs) + 1))
    assert "   \u2022 another body is better placed to consider the complaint, or" in lines
    assert "   (Local Government Act 1974, section 24A(6))" in lines
    assert lines[-1] == "Investigator's decision on behalf of the Ombudsman"


def test_markdown_has_headings_numbers_and_escapes_markup(conduct_case):
    conduct_case.heads[0].summary = "the *worst* <b>social</b> worker"
    md = render(draft_statement(conduct_case), "md").decode()
    assert md.startswith("# Northfield County Council (24 123 456)")
    for h in HEADINGS:
        assert f"## {h}" in md
    assert r"\*worst\* \<b\>social\</b\>" in md
    assert re.search(r"^1\. Miss X complains", md, re.MULTILINE)


def test_html_escapes_what_the_complaint_says():
    a = assessment(
        head(
            "the officer wrote <script>alert(1)</script> & more",
            finding(Ground.could_not_add, "an engine reason"),
        ),
        complaint_summary="x",
        subject="Tom & Jerry's <b>reply</b>",
    )
    html = render(draft_statement(a), "html").decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "Tom &amp; Jerry" in html and "<b>reply</b>" not in html


def test_html_paragraphs_carry_their_section_and_finding(statement):
    html = render(statement, "html").decode()
    for p in statement.paragraphs:
        assert f'id="p{p.number}" data-section="{p.section}"' in html
    keys = [set(v.split()) for v in re.findall(r'data-finding="([^"]*)"', html)]
    for key in ("1:individual_conduct", "2:better_placed", "3:could_not_add"):
        assert any(key in k for k in keys), key
    assert any("1:" in k for k in keys)  # the sentence introducing part 1
    assert 'data-section="summary"' in html


def test_docx_opens_back_with_headings_and_numbered_paragraphs(statement):
    import docx

    document = docx.Document(io.BytesIO(render(statement, "docx")))
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Northfield County Council (24 123 456)", *HEADINGS]
    numbered = [t for t in texts if re.match(r"^\d+\.\t", t)]
    assert [int(t.split(".")[0]) for t in numbered] == list(range(1, len(statement.paragraphs) + 1))
    assert any(t.startswith("Summary: Miss X has complained to us.") for t in texts)
    assert "Investigator's decision on behalf of the Ombudsman" in texts
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 2


def test_pdf_opens_back_with_the_sections(statement):
    from pypdf import PdfReader

    data = render(statement, "pdf")
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for h in [
        "Northfield County Council (24 123 456)",
        *HEADINGS,
        "Investigator's decision on behalf of the Ombudsman",
    ]:
        assert h in text.replace("\u2019", "'"), h
    assert "Summary:" in text
    for n in (1, len(statement.paragraphs)):
        assert f"{n}." in text


def test_an_unknown_format_is_refused_with_the_list(statement):
    with pytest.raises(InputError, match=r"unknown format 'rtf'.*txt, md, html, docx, pdf"):
        render(statement, "rtf")


def test_pdf_text_keeps_each_paragraph_number_with_its_paragraph_in_order(statement):
    """Text extracted from the PDF (pypdf, as copying does) has every number before its own
    paragraph, in order, and every bullet in place under its paragraph."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(statement, "pdf")))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split()).replace("\u2019", "'")
    positions = []
    for p in statement.paragraphs:
        opening = " ".join(p.text.split()[:4])
        at = flat.find(f"{p.number}. {opening}")
        assert at >= 0, (p.number, opening)
        positions.append(at)
    assert positions == sorted(positions)
    for p in statement.paragraphs:
        for item in p.items:
            assert f"\u2022 {' '.join(item.split()[:4])}" in flat


def test_the_pdf_is_tagged(statement):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(statement, "pdf")))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_a_body_name_longer_than_a_docx_property_holds_is_drafted(conduct_case):
    import docx

    long_body = "The " + "Very " * 60 + "Long Borough Council"
    assert len(long_body) > 255
    s = draft_statement(
        conduct_case.model_copy(
            update={"case": conduct_case.case.model_copy(update={"body": long_body})}
        )
    )
    document = docx.Document(io.BytesIO(render(s, "docx")))
    title = document.core_properties.title
    assert len(title) <= 255 and title.endswith("\u2026") and title.startswith("The Very")
    assert document.paragraphs[0].text == s.title  # the heading keeps the whole name
