"""What a complainant sends, as text: plain text, an email, a Word file, a PDF or a web form.

`load_letter(path)` returns a `Letter`: the text to read, what kind of input it was, and what the
container itself says (an email's date and sender, a form's council and date). Anything that
cannot be read gives an `UnreadableFile`/`InputError` naming the input and what to do.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import re
import sys
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from ombuds.complaint.guard import TooComplex, check_json
from ombuds.errors import InputError, UnreadableFile
from ombuds.inputs import CONTROL_CHARACTERS

MAX_BYTES = 25 * 1024 * 1024  # a 100-page bundle is well under this
LETTER_SUFFIXES = {".txt", ".text", ".eml", ".docx", ".pdf", ".json"}
STRUCTURED = {".yaml", ".yml"}

# The fields a web form may post (ombuds's documented form; docs/reading.md). Free-text fields
# are read in this order; the others are taken as given.
FORM_TEXT_FIELDS = (
    "complaint",
    "what_happened",
    "what_went_wrong",
    "council_response",
    "injustice",
    "how_affected",
    "outcome_wanted",
    "what_would_put_it_right",
)
FORM_FIELDS = {*FORM_TEXT_FIELDS, "council", "body", "name", "title", "date", "email", "phone"}


@dataclass
class Letter:
    """A letter's text and what its container says about it."""

    text: str
    source: str
    kind: str  # text, email, docx, pdf, form
    date: dt.date | None = None  # from the container (an email's Date header, a form's date)
    date_from: str = ""
    sent: bool = True  # `date` is when the complaint was sent (False: only a date to count from)
    sender: str | None = None
    body: str | None = None  # the council a form names
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes as text: UTF-8, else line by line UTF-8 or Windows-1252 (files that mix the two, as
    pasted letters do). Binary data is refused."""
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            "binary data, not text", source=source, hint="give a .txt, .eml, .docx or .pdf letter"
        )
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines = []
        for line in data.splitlines(keepends=True):
            try:
                lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(line.decode("cp1252", errors="replace"))
        text = "".join(lines)
        warnings.append("the text mixes encodings: lines that were not UTF-8 read as Windows-1252")
    return clean(text), warnings


def clean(text: str) -> str:
    """Line breaks normalised, non-breaking spaces made spaces, control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return CONTROL_CHARACTERS.sub("", text)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError("no such file", source=str(path), hint="check the path")
    if path.is_dir():
        raise InputError("a folder, not a file", source=str(path), hint="give one letter file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile(
            f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)",
            source=str(path),
            hint="send the letter itself, not the whole bundle",
        )
    return path.read_bytes()


def load_letter(path: str | Path, *, stdin_kind: str = "text") -> Letter:
    """Read a letter from `path` (`-` for standard input)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise UnreadableFile("standard input is too large", source="-")
        return _from_bytes(data, "-", stdin_kind)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}",
            source=str(path),
            hint="give a letter as .txt, .eml, .docx, .pdf or a web form's .json "
            "(or a structured complaint as .yaml or .json)",
        )
    kind = {".eml": "email", ".docx": "docx", ".pdf": "pdf", ".json": "form"}.get(suffix, "text")
    return _from_bytes(_read_bytes(path), str(path), kind)


def _from_bytes(data: bytes, source: str, kind: str) -> Letter:
    if not data.strip():
        raise UnreadableFile(
            "the file is empty", source=source, hint="give the letter's text, or its file"
        )
    if kind == "email" or (kind == "text" and _looks_like_email(data)):
        letter = read_email(data, source)
    elif kind == "docx":
        letter = read_docx(data, source)
    elif kind == "pdf":
        letter = read_pdf(data, source)
    elif kind == "form":
        letter = read_form(data, source)
    else:
        text, warnings = decode(data, source)
        letter = Letter(text=text, source=source, kind="text", warnings=warnings)
    if not letter.text.strip():
        raise UnreadableFile("no text to read", source=source, hint="give the letter's text")
    return letter


_HEADER = re.compile(
    rb"^(Received|Return-Path|Message-ID|MIME-Version|Content-Type):", re.IGNORECASE | re.MULTILINE
)


def _looks_like_email(data: bytes) -> bool:
    head = data[:2048]
    return bool(_HEADER.search(head)) and b"\nFrom:" in b"\n" + head


def _email_date(message: EmailMessage) -> dt.date | None:
    value = message.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return None


def read_email(data: bytes, source: str) -> Letter:
    """An .eml message: the Date header dates the letter, From names the sender; the plain-text
    body is read (else the HTML body as text); text, Word and PDF attachments are read after it,
    others are listed as not read."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):  # pragma: no cover - the default policy makes one
        raise UnreadableFile("not an email message", source=source)
    warnings: list[str] = []
    body_part = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body_part is not None:
        content = body_part.get_content()
        if body_part.get_content_subtype() == "html":
            from selectolax.lexbor import LexborHTMLParser

            content = LexborHTMLParser(content).text(separator="\n")
        text = clean(str(content))
    for part in message.iter_attachments():
        name = part.get_filename() or "(unnamed)"
        payload = part.get_payload(decode=True)
        suffix = Path(name).suffix.lower()
        if not isinstance(payload, bytes) or not payload:
            warnings.append(f"attachment {name}: empty, not read")
            continue
        try:
            if suffix in {".txt", ".text"} or part.get_content_type() == "text/plain":
                attached, _ = decode(payload, f"{source}:{name}")
            elif suffix == ".docx":
                attached = read_docx(payload, f"{source}:{name}").text
            elif suffix == ".pdf":
                attached = read_pdf(payload, f"{source}:{name}").text
            else:
                warnings.append(f"attachment {name} ({part.get_content_type()}): not read")
                continue
        except InputError as error:
            warnings.append(f"attachment {name}: not read ({error.message})")
            continue
        text += f"\n\n[Attachment: {name}]\n{attached}"
        warnings.append(f"attachment {name}: read after the email's text")
    sender = message.get("From")
    subject = message.get("Subject")
    if subject:
        text = f"Subject: {clean(str(subject))}\n\n{text}"
    return Letter(
        text=text,
        source=source,
        kind="email",
        date=_email_date(message),
        date_from="the email's Date header",
        sender=str(sender) if sender else None,
        warnings=warnings,
    )


def read_docx(data: bytes, source: str) -> Letter:
    """A Word file: its paragraphs, then its tables' cells, as text."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a damaged file
        raise UnreadableFile(
            f"not a readable Word (.docx) file ({type(error).__name__})",
            source=source,
            hint="save it again as .docx, or as plain text",
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return Letter(text=clean("\n".join(lines)), source=source, kind="docx")


def read_pdf(data: bytes, source: str) -> Letter:
    """A PDF's text layer, page by page. A scan (no text layer) is refused with what to do."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise UnreadableFile(
            f"not a readable PDF ({error})", source=source, hint="save it again as PDF or as text"
        ) from None
    text = clean("\n\n".join(pages))
    if not text.strip():
        raise UnreadableFile(
            f"the PDF has no text layer ({len(pages)} page(s)): it looks like a scan",
            source=source,
            hint="run it through OCR, or type the letter into a .txt file",
        )
    return Letter(text=text, source=source, kind="pdf")


def read_form(data: bytes, source: str) -> Letter:
    """The JSON a web form posts: the council, the writer's name and date, and free text."""
    text, _ = decode(data, source)
    try:
        check_json(text)  # json.loads recurses once per level: refuse deep nesting first
        form: Any = json.loads(text)
    except TooComplex as problem:
        raise InputError(
            f"the form is {problem.message}", source=source, hint="post the form's fields"
        ) from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"not valid JSON: {error.msg} (line {error.lineno})",
            source=source,
            hint="fix the JSON, or save the letter as .txt",
        ) from None
    if not isinstance(form, dict) or not (set(form) & set(FORM_TEXT_FIELDS)):
        raise InputError(
            "a form needs at least one free-text field",
            source=source,
            hint="post one of: " + ", ".join(FORM_TEXT_FIELDS),
        )
    unknown = sorted(set(form) - FORM_FIELDS)
    parts = []
    name = " ".join(str(form[k]) for k in ("title", "name") if form.get(k))
    for key in FORM_TEXT_FIELDS:
        value = form.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(value.strip())
    if name:
        parts.append(name)
    date = None
    if form.get("date"):
        try:
            date = dt.date.fromisoformat(str(form["date"])[:10])
        except ValueError:
            raise InputError(
                f"the form's date {form['date']!r} is not a date",
                source=source,
                hint="post the date as YYYY-MM-DD",
            ) from None
    body = form.get("council") or form.get("body")
    return Letter(
        text=clean("\n\n".join(parts)),
        source=source,
        kind="form",
        date=date,
        date_from="the form's date" if date else "",
        sender=name or None,
        body=clean(str(body)) if body else None,
        warnings=[f"form fields not read: {', '.join(unknown)}"] if unknown else [],
    )


def is_structured_complaint(path: str | Path) -> bool:
    """A YAML file, or a JSON file holding a complaint's `heads` (not a form): the loader's."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in STRUCTURED:
        return True
    if suffix != ".json" or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return False
    try:
        text = path.read_text(encoding="utf-8")
        check_json(text)  # json.loads recurses once per level: refuse deep nesting first
        data = json.loads(text)
    except TooComplex:
        return True  # the complaint loader refuses it, saying why
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "heads" in data


__all__ = ["Letter", "is_structured_complaint", "load_letter"]
