"""What a complainant sends: text, email, Word, PDF, a web form, standard input; and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
from email.message import EmailMessage

import pytest

from ombuds.errors import InputError, UnreadableFile
from ombuds.reading.sources import is_structured_complaint, load_letter

LETTER = (
    "3 March 2025\n\nDear Ombudsman,\nKent County Council ignored my complaint.\n\nMr A Smith\n"
)


def test_plain_text_and_mixed_encodings(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.encode("utf-8") + "It cost me £40 \u2013 twice.\n".encode("cp1252"))
    letter = load_letter(path)
    assert letter.kind == "text" and "£40 – twice" in letter.text
    assert any("encodings" in w for w in letter.warnings)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"  \n", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("letter.odt", b"x", "unsupported file type"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        load_letter(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_letter(tmp_path / "nope.txt")


def _email(tmp_path, attachments=()):
    message = EmailMessage()
    message["From"] = "Sam Ferreira <sam@example.org>"
    message["Date"] = "Wed, 18 Jun 2025 10:00:00 +0100"
    message["Subject"] = "complaint about a data breach"
    message.set_content("Dear Ombudsman,\nBrighton and Hove City Council sent my address to my ex.")
    for name, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    path = tmp_path / "complaint.eml"
    path.write_bytes(bytes(message))
    return path


def test_email_header_gives_date_and_sender_and_attachments_are_read_or_listed(tmp_path):
    path = _email(
        tmp_path,
        [
            ("timeline.txt", b"On 2 April 2025 I complained.", "text", "plain"),
            ("photo.jpg", b"\xff\xd8\xff", "image", "jpeg"),
        ],
    )
    letter = load_letter(path)
    assert letter.kind == "email" and letter.date == dt.date(2025, 6, 18)
    assert "Sam Ferreira" in letter.sender
    assert "Subject: complaint about a data breach" in letter.text
    assert "On 2 April 2025 I complained." in letter.text
    assert any("photo.jpg" in w and "not read" in w for w in letter.warnings)


def test_docx(tmp_path):
    from docx import Document

    document = Document()
    for line in LETTER.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "letter.docx"
    document.save(path)
    letter = load_letter(path)
    assert letter.kind == "docx" and "Kent County Council ignored my complaint." in letter.text
    (tmp_path / "broken.docx").write_bytes(b"PK not really")
    with pytest.raises(UnreadableFile, match="Word"):
        load_letter(tmp_path / "broken.docx")


def test_pdf_with_text_and_a_scan_without(tmp_path):
    from pypdf import PdfWriter
    from weasyprint import HTML

    path = tmp_path / "letter.pdf"
    HTML(string="<p>" + LETTER.replace("\n", "<br>") + "</p>").write_pdf(path)
    assert "Kent County Council" in load_letter(path).text
    scan = PdfWriter()
    scan.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    scan.write(buffer)
    (tmp_path / "scan.pdf").write_bytes(buffer.getvalue())
    with pytest.raises(UnreadableFile, match="no text layer"):
        load_letter(tmp_path / "scan.pdf")


def test_web_form(tmp_path):
    path = tmp_path / "form.json"
    form = {
        "council": "Kent CC",
        "name": "Ann Lee",
        "title": "Ms",
        "date": "2025-03-03",
        "complaint": "They never fixed the pothole.",
        "outcome_wanted": "An apology.",
    }
    path.write_text(json.dumps(form))
    letter = load_letter(path)
    assert letter.kind == "form" and letter.date == dt.date(2025, 3, 3)
    assert letter.body == "Kent CC" and "pothole" in letter.text
    assert not is_structured_complaint(path)
    path.write_text(json.dumps({"nothing": "here"}))
    with pytest.raises(InputError, match="free-text field"):
        load_letter(path)


def test_a_structured_complaint_is_not_a_letter(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"body": "x", "heads": []}))
    assert is_structured_complaint(path)


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(LETTER.encode())))
    letter = load_letter("-")
    assert letter.source == "-" and "Kent County Council" in letter.text
