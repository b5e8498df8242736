"""The case list, starting a case (from a letter or the guided form), and the case page."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ombuds.casework import Case, CaseStatus, Role
from ombuds.casework.documents import house_style
from ombuds.casework.interview import next_question
from ombuds.casework.reader import reader_available
from ombuds.complaint.facts import HeadSubject
from ombuds.errors import InputError, SchemaError
from ombuds.web.auth import Investigator, InvestigatorCase
from ombuds.web.cases_api import download
from ombuds.web.errors import page_errors
from ombuds.web.pages import precedents as precedents_panel

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 1_000_000
TAG_CLASSES = {
    "received": "govuk-tag--grey",
    "assessment": "govuk-tag--light-blue",
    "draft": "govuk-tag--yellow",
    "review": "govuk-tag--orange",
    "decided": "govuk-tag--purple",
    "published": "govuk-tag--green",
}


def case_page(
    request: Request,
    case: Case,
    *,
    notice: str | None = None,
    success: bool = False,
    errors: list | None = None,
    status: int = 200,
) -> HTMLResponse:
    service = request.app.state.cases
    evidence = (case.reading or {}).get("evidence", [])
    facts_yaml = (
        yaml.safe_dump(case.facts, sort_keys=False, allow_unicode=True) if case.facts else ""
    )
    skipped = (case.interview or {}).get("skipped", [])
    return request.app.state.pages.render(
        request,
        "case.html",
        {
            "title": case.title,
            "case": case,
            "assessment": case.assessment,
            "question": next_question(case.assessment, skipped),
            "evidence": evidence,
            "precedents": precedents_panel.for_case(request.app.state.store, case),
            "reader": reader_available(),
            "facts_yaml": facts_yaml,
            "style_notes": house_style(case.draft_text) if case.draft_text else [],
            "audit": service.audit(case.id),
            "users": service.users(),
            "roles": Role,
            "tag_classes": TAG_CLASSES,
            "notice": notice,
            "notice_success": success,
            "errors": errors or [],
        },
        status_code=status,
    )


@router.get("/cases", response_class=HTMLResponse)
def list_cases(
    request: Request,
    user: Investigator,
    status: Annotated[str, Query(max_length=20)] = "",
    assigned_to: Annotated[str, Query(max_length=12)] = "",
) -> HTMLResponse:
    try:
        wanted = CaseStatus(status) if status else None
    except ValueError:
        raise InputError(
            f"unknown status {status!r}",
            source="status",
            hint="use one of " + ", ".join(s.value for s in CaseStatus),
        ) from None
    assignee = int(assigned_to) if assigned_to.isdigit() else None
    total, found = request.app.state.cases.list_cases(status=wanted, assigned_to=assignee)
    return request.app.state.pages.render(
        request,
        "cases.html",
        {
            "title": "Cases",
            "cases": found,
            "total": total,
            "statuses": list(CaseStatus),
            "status": status,
            "assigned": assigned_to,
            "users": request.app.state.cases.users(),
            "tag_classes": TAG_CLASSES,
        },
    )


def _new_page(
    request: Request, *, letter: str = "", errors: list | None = None, status: int = 200
) -> HTMLResponse:
    return request.app.state.pages.render(
        request,
        "new_case.html",
        {
            "title": "Start a new case",
            "reader": reader_available(),
            "letter": letter,
            "letter_error": errors[0]["text"] if errors else None,
            "errors": errors or [],
        },
        status_code=status,
    )


@router.get("/cases/new", response_class=HTMLResponse)
def new_case(request: Request, user: Investigator) -> HTMLResponse:
    return _new_page(request)


@router.post("/cases/new/letter", response_class=HTMLResponse)
async def new_case_from_letter(
    request: Request,
    user: Investigator,
    letter: Annotated[str, Form(max_length=200_000)] = "",
    upload: UploadFile | None = None,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    name = None
    if upload is not None and upload.filename:
        data = await upload.read(MAX_UPLOAD + 1)
        try:
            if len(data) > MAX_UPLOAD:
                raise InputError("the file is larger than 1 MB", source="letter")
            if b"\x00" in data[:8192]:
                raise InputError(
                    "the file is not text", source="letter", hint="upload a .txt or .eml file"
                )
            try:
                letter = data.decode("utf-8")
            except UnicodeDecodeError:
                letter = data.decode("cp1252", errors="strict")
        except (InputError, UnicodeDecodeError) as error:
            problem = (
                error
                if isinstance(error, InputError)
                else InputError(
                    "the file is not text", source="letter", hint="upload a .txt or .eml file"
                )
            )
            return _new_page(request, errors=page_errors(problem, {"letter": "upload"}), status=400)
        name = upload.filename[:300]
    try:
        case = await run_in_threadpool(
            request.app.state.cases.new_case_from_letter, user, letter, name=name
        )
    except InputError as error:
        return _new_page(
            request, letter=letter, errors=page_errors(error, {"letter": "letter"}), status=400
        )
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


SUBJECTS = [(s.value, s.value) for s in HeadSubject]
GUIDED_FIELDS = {
    "body": "body",
    "reference": "reference",
    "complainant.title": "title",
    "complainant.alias": "alias",
    "heads.0.summary": "summary",
    "heads.0.about": "about",
    "assessment_date": "assessment_date-day",
}


def _guided_page(
    request: Request, form: dict[str, str], errors: list, status: int = 200
) -> HTMLResponse:
    field_errors: dict[str, str] = {}
    for item in errors:
        key = item["href"].lstrip("#").removesuffix("-day")
        field_errors.setdefault(key, item["text"])
    return request.app.state.pages.render(
        request,
        "guided.html",
        {
            "title": "Start a case by answering questions",
            "form": form,
            "subjects": SUBJECTS,
            "errors": errors,
            "field_errors": field_errors,
        },
        status_code=status,
    )


@router.get("/cases/new/guided", response_class=HTMLResponse)
def guided(request: Request, user: Investigator) -> HTMLResponse:
    today = request.app.state.settings.clock().date()
    form = dict.fromkeys(("body", "reference", "title", "alias", "summary", "about"), "")
    form.update(day=str(today.day), month=str(today.month), year=str(today.year))
    return _guided_page(request, form, [])


def _guided_facts(form: dict[str, str]) -> dict[str, Any]:
    import datetime as dt

    try:
        date = dt.date(int(form["year"]), int(form["month"]), int(form["day"])).isoformat()
    except ValueError:
        raise SchemaError(
            "the assessment date is not a real date",
            problems=[{"path": "assessment_date", "value": None, "expected": "a real date"}],
        ) from None
    facts: dict[str, Any] = {
        "body": form["body"].strip(),
        "assessment_date": date,
        "complainant": {"title": form["title"].strip(), "alias": form["alias"].strip()},
        "heads": [{"summary": form["summary"].strip(), "about": form["about"]}],
    }
    if form["reference"].strip():
        facts["reference"] = form["reference"].strip()
    return facts


@router.post("/cases/new/guided", response_class=HTMLResponse)
def guided_start(
    request: Request,
    user: Investigator,
    body: Annotated[str, Form(max_length=300)] = "",
    reference: Annotated[str, Form(max_length=40)] = "",
    title: Annotated[str, Form(max_length=40)] = "",
    alias: Annotated[str, Form(max_length=100)] = "",
    summary: Annotated[str, Form(max_length=2000)] = "",
    about: Annotated[str, Form(max_length=200)] = "",
    day: Annotated[str, Form(alias="assessment_date-day", max_length=4)] = "",
    month: Annotated[str, Form(alias="assessment_date-month", max_length=4)] = "",
    year: Annotated[str, Form(alias="assessment_date-year", max_length=6)] = "",
) -> Response:
    form = {
        "body": body,
        "reference": reference,
        "title": title,
        "alias": alias,
        "summary": summary,
        "about": about,
        "day": day,
        "month": month,
        "year": year,
    }
    errors = []
    for key, message in (
        ("body", "Enter the council or care provider"),
        ("title", "Enter how the complainant is addressed"),
        ("alias", "Enter the alias used in the decision, for example Miss X"),
        ("summary", "Say what the complaint is about"),
        ("about", "Select what the complaint is mainly about"),
    ):
        if not form[key].strip():
            errors.append({"text": message, "href": f"#{key}"})
    if errors:
        return _guided_page(request, form, errors, status=400)
    try:
        case = request.app.state.cases.new_case_from_facts(user, _guided_facts(form))
    except (SchemaError, InputError) as error:
        items = [
            {
                "text": f"{p['path']}: {p['expected']}",
                "href": "#"
                + GUIDED_FIELDS.get(str(p["path"]).replace("[", ".").rstrip("]"), "body"),
            }
            for p in getattr(error, "problems", [])
        ] or page_errors(error)
        return _guided_page(request, form, items, status=400)
    target = (
        f"/cases/{case.id}/questions" if case.assessment.get("questions") else f"/cases/{case.id}"
    )
    return RedirectResponse(target, status_code=303)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def show_case(request: Request, access: InvestigatorCase) -> HTMLResponse:
    return case_page(request, access.case)


@router.get("/cases/{case_id}/audit.csv")
def audit_csv(request: Request, access: InvestigatorCase) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at", "actor", "action", "version", "field", "before", "after", "note"])
    for event in request.app.state.cases.audit(access.case.id):
        for name, change in sorted(event.changes.items()) or [("", {})]:
            writer.writerow(
                [
                    event.id,
                    event.at,
                    event.actor,
                    event.action,
                    event.version,
                    name,
                    json.dumps(change.get("old"), ensure_ascii=False)[:10_000] if name else "",
                    json.dumps(change.get("new"), ensure_ascii=False)[:10_000] if name else "",
                    event.note or "",
                ]
            )
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="case-{access.case.id}-audit.csv"'},
    )


@router.get("/cases/{case_id}/statement.docx")
def statement_docx(request: Request, access: InvestigatorCase) -> Response:
    return download(request, access.case.id, "docx")


@router.get("/cases/{case_id}/statement.pdf")
def statement_pdf(request: Request, access: InvestigatorCase) -> Response:
    return download(request, access.case.id, "pdf")
