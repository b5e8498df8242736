"""Each step of a case as a page: questions, facts, judgements, the statement, review, publish.

Every form carries the case version it was opened at. A save that finds the case moved on is
refused (409): the page comes back with the user's own input kept and the list of changes made
in between, so nothing is lost. Domain errors on a form are shown in the GOV.UK error summary,
linked to the field.
"""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ombuds.casework import Case
from ombuds.casework.documents import house_style
from ombuds.casework.interview import field_for, next_question, read_answer
from ombuds.errors import CaseChanged, InputError, OmbudsError, PublicationBlocked
from ombuds.web.auth import InvestigatorCase, ReviewerCase
from ombuds.web.errors import page_errors
from ombuds.web.pages.casework import case_page

router = APIRouter(include_in_schema=False)
VersionForm = Annotated[int, Form(ge=1, le=2**31 - 1)]


def _done(case: Case, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/cases/{case.id}{anchor}", status_code=303)


def _form_page(
    request: Request,
    template: str,
    case: Case,
    title: str,
    values: dict[str, Any],
    *,
    version: int,
    error: OmbudsError | None = None,
    fields: dict[str, str] | None = None,
) -> HTMLResponse:
    status = 200
    errors: list = []
    changes: list = []
    if error is not None:
        status = error.http_status
        errors = page_errors(error, fields)
        changes = getattr(error, "changes", [])
    return request.app.state.pages.render(
        request,
        template,
        {
            "title": title,
            "case": case,
            "version": version,
            "errors": errors,
            "changes": changes,
            **values,
        },
        status_code=status,
    )


# The guided interview -----------------------------------------------------------------------


def _question_page(
    request: Request, case: Case, *, error: OmbudsError | None = None, status: int = 200
) -> Response:
    question = next_question(case.assessment, (case.interview or {}).get("skipped", []))
    if question is None:
        return _done(case, "#assessment")
    fld = field_for(question["fact"], case.facts or {})
    number = len((case.interview or {}).get("answered", [])) + 1
    return request.app.state.pages.render(
        request,
        "question.html",
        {
            "title": fld.label[:1].upper() + fld.label[1:],
            "case": case,
            "question": question,
            "field": fld,
            "number": number,
            "error": error.message[:1].upper() + error.message[1:] if error else None,
            "errors": page_errors(
                error, {fld.name: fld.name + ("-day" if fld.kind == "date" else "")}
            )
            if error
            else [],
        },
        status_code=error.http_status if error else status,
    )


@router.get("/cases/{case_id}/questions", response_class=HTMLResponse)
def question(request: Request, access: InvestigatorCase) -> Response:
    return _question_page(request, access.case)


@router.post("/cases/{case_id}/questions", response_class=HTMLResponse)
async def answer(request: Request, access: InvestigatorCase) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    values: dict[str, Any] = {
        k: [str(v) for v in form.getlist(k)] if len(form.getlist(k)) > 1 else str(form.get(k))
        for k in form
    }
    path = str(form.get("path") or "")
    version = str(form.get("version") or "")
    if not version.isdigit():
        raise InputError("the form has no case version", source="version")
    service = request.app.state.cases
    try:
        fld = field_for(path, access.case.facts or {})
        if form.get("action") == "skip":
            case = await run_in_threadpool(
                service.answer, access.user, access.case.id, int(version), path, None, skip=True
            )
        else:
            if fld.kind == "choices" and not isinstance(values.get(fld.name), list):
                values[fld.name] = [values[fld.name]] if values.get(fld.name) else []
            value = read_answer(fld, values)
            case = await run_in_threadpool(
                service.answer, access.user, access.case.id, int(version), path, value
            )
    except CaseChanged as error:
        return _question_page(request, service.get(access.case.id), error=error)
    except InputError as error:
        return _question_page(request, access.case, error=error)
    return RedirectResponse(f"/cases/{case.id}/questions", status_code=303)


# Facts and judgements -----------------------------------------------------------------------


@router.get("/cases/{case_id}/facts", response_class=HTMLResponse)
def facts_form(request: Request, access: InvestigatorCase) -> HTMLResponse:
    case = access.case
    text = yaml.safe_dump(case.facts, sort_keys=False, allow_unicode=True) if case.facts else ""
    return _form_page(
        request,
        "facts.html",
        case,
        f"Facts of case {case.id}",
        {"text": text},
        version=case.version,
    )


@router.post("/cases/{case_id}/facts", response_class=HTMLResponse)
def save_facts(
    request: Request,
    access: InvestigatorCase,
    version: VersionForm,
    facts: Annotated[str, Form(max_length=500_000)] = "",
) -> Response:
    try:
        case = request.app.state.cases.save_facts_yaml(access.user, access.case.id, version, facts)
    except OmbudsError as error:
        return _form_page(
            request,
            "facts.html",
            access.case,
            f"Facts of case {access.case.id}",
            {"text": facts},
            version=version,
            error=error,
            fields={"facts": "facts", "*": "facts"},
        )
    return _done(case, "#assessment")


def _judgements(case: Case) -> list[dict[str, Any]]:
    items = []
    for judgement in (case.assessment or {}).get("open_judgements", []):
        if judgement.get("head") is None:
            continue
        items.append(
            {"judgement": judgement, "field": field_for(judgement["fact"], case.facts or {})}
        )
    return items


@router.get("/cases/{case_id}/judgements", response_class=HTMLResponse)
def judgements_form(request: Request, access: InvestigatorCase) -> HTMLResponse:
    case = access.case
    return _form_page(
        request,
        "judgements.html",
        case,
        f"Judgements for case {case.id}",
        {"judgements": _judgements(case), "chosen": {}},
        version=case.version,
    )


@router.post("/cases/{case_id}/judgements", response_class=HTMLResponse)
async def record_judgements(request: Request, access: InvestigatorCase) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    version = str(form.get("version") or "")
    if not version.isdigit():
        raise InputError("the form has no case version", source="version")
    items = _judgements(access.case)
    chosen = {i["field"].name: str(form.get(i["field"].name) or "") for i in items}
    try:
        answers = {
            i["field"].path: read_answer(i["field"], {i["field"].name: chosen[i["field"].name]})
            for i in items
            if chosen[i["field"].name]
        }
        if not answers:
            raise InputError(
                "record at least one judgement", source=items[0]["field"].name if items else "*"
            )
        case = await run_in_threadpool(
            request.app.state.cases.record_judgements,
            access.user,
            access.case.id,
            int(version),
            answers,
        )
    except OmbudsError as error:
        return _form_page(
            request,
            "judgements.html",
            access.case,
            f"Judgements for case {access.case.id}",
            {"judgements": items, "chosen": chosen},
            version=int(version),
            error=error,
            fields={i["field"].name: i["field"].name for i in items},
        )
    return _done(case, "#assessment")


# One-button steps ---------------------------------------------------------------------------


def _button_step(name: str, notice: str) -> Any:
    def endpoint(request: Request, access: InvestigatorCase, version: VersionForm) -> Response:
        try:
            case = getattr(request.app.state.cases, name)(access.user, access.case.id, version)
        except OmbudsError as error:
            current = request.app.state.cases.get(access.case.id)
            return case_page(request, current, errors=page_errors(error), status=error.http_status)
        return case_page(request, case, notice=notice, success=True)

    endpoint.__name__ = f"{name}_step"
    return endpoint


for _name, _notice in (
    ("assess", "Assessed again."),
    ("draft", "The statement is drafted: check it, edit it if needed, then anonymise it."),
    ("anonymise", "The statement is anonymised: check every replacement below."),
    ("submit", "Sent for review."),
):
    router.add_api_route(
        f"/cases/{{case_id}}/{_name}",
        _button_step(_name, _notice),
        methods=["POST"],
        response_class=HTMLResponse,
    )


@router.post("/cases/{case_id}/assign", response_class=HTMLResponse)
def assign(
    request: Request,
    access: ReviewerCase,
    version: VersionForm,
    assignee: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    try:
        case = request.app.state.cases.assign(
            access.user, access.case.id, version, int(assignee) if assignee.isdigit() else None
        )
    except OmbudsError as error:
        current = request.app.state.cases.get(access.case.id)
        return case_page(request, current, errors=page_errors(error), status=error.http_status)
    return case_page(
        request, case, notice=f"Assigned to {case.assigned_email or 'nobody'}.", success=True
    )


# The statement, review and publication ------------------------------------------------------


@router.get("/cases/{case_id}/statement", response_class=HTMLResponse)
def statement_form(request: Request, access: InvestigatorCase) -> HTMLResponse:
    case = access.case
    text = case.draft_text or ""
    return _form_page(
        request,
        "statement_edit.html",
        case,
        f"Edit the statement of case {case.id}",
        {"text": text, "style_notes": house_style(text)},
        version=case.version,
    )


@router.post("/cases/{case_id}/statement", response_class=HTMLResponse)
def save_statement(
    request: Request,
    access: InvestigatorCase,
    version: VersionForm,
    text: Annotated[str, Form(max_length=200_000)] = "",
) -> Response:
    try:
        case = request.app.state.cases.save_draft(access.user, access.case.id, version, text)
    except OmbudsError as error:
        return _form_page(
            request,
            "statement_edit.html",
            access.case,
            f"Edit the statement of case {access.case.id}",
            {"text": text, "style_notes": house_style(text)},
            version=version,
            error=error,
            fields={"statement": "text", "*": "text"},
        )
    return _done(case, "#statement")


@router.get("/cases/{case_id}/review", response_class=HTMLResponse)
def review_form(request: Request, access: ReviewerCase) -> HTMLResponse:
    case = access.case
    return _form_page(
        request,
        "review.html",
        case,
        f"Review case {case.id}",
        {"decision": "", "comment": "", "field_error": None, "field_error_for": ""},
        version=case.version,
    )


@router.post("/cases/{case_id}/review", response_class=HTMLResponse)
def review(
    request: Request,
    access: ReviewerCase,
    version: VersionForm,
    decision: Annotated[str, Form(max_length=10)] = "",
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    values = {"decision": decision, "comment": comment, "field_error": None, "field_error_for": ""}
    try:
        if decision not in ("approve", "return"):
            raise InputError("select approve or return", source="decision")
        case = request.app.state.cases.review(
            access.user, access.case.id, version, approve=decision == "approve", comment=comment
        )
    except OmbudsError as error:
        source = error.source if error.source in ("decision", "comment") else ""
        values.update(
            field_error=error.message[:1].upper() + error.message[1:], field_error_for=source
        )
        return _form_page(
            request,
            "review.html",
            access.case,
            f"Review case {access.case.id}",
            values,
            version=version,
            error=error,
            fields={"decision": "decision", "comment": "comment"},
        )
    return _done(case)


def _publish_page(
    request: Request,
    case: Case,
    version: int,
    findings: list,
    overrides: dict[str, str],
    error: OmbudsError | None = None,
) -> HTMLResponse:
    return _form_page(
        request,
        "publish.html",
        case,
        f"Publish case {case.id}",
        {"findings": findings, "overrides": overrides},
        version=version,
        error=error,
    )


@router.get("/cases/{case_id}/publish", response_class=HTMLResponse)
def publish_form(request: Request, access: ReviewerCase) -> HTMLResponse:
    gate = request.app.state.cases.check_gate(access.case)
    return _publish_page(request, access.case, access.case.version, gate["findings"], {})


@router.post("/cases/{case_id}/publish", response_class=HTMLResponse)
async def publish(request: Request, access: ReviewerCase) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    version = str(form.get("version") or "")
    if not version.isdigit():
        raise InputError("the form has no case version", source="version")
    overrides = {
        str(k).removeprefix("override-"): str(v)[:500]
        for k, v in form.items()
        if str(k).startswith("override-") and str(v).strip()
    }
    try:
        case = await run_in_threadpool(
            lambda: request.app.state.cases.publish(
                access.user, access.case.id, int(version), overrides=overrides
            )
        )
    except OmbudsError as error:
        findings = [
            f.__dict__ if hasattr(f, "__dict__") else f for f in getattr(error, "findings", [])
        ]
        if not isinstance(error, PublicationBlocked):
            gate = request.app.state.cases.check_gate(access.case)
            findings = gate["findings"]
        return _publish_page(request, access.case, int(version), findings, overrides, error)
    return case_page(
        request, case, notice=f"Published as {case.published_reference}.", success=True
    )
