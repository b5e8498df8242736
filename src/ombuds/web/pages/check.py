"""The public self-check pages: /check, one question a page, no sign-in and nothing stored.

The answers so far travel in the form itself, as hidden fields (`a:KEY`), and are checked again
on every request (`SelfCheck.load`): the server keeps no state and sets no cookie, so a form
post changes nothing on the server and needs no CSRF token. "Save" returns the answers and the
result as a text file the person downloads; nothing else keeps them. Works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from ombuds.errors import InputError
from ombuds.selfcheck import SelfCheck
from ombuds.selfcheck.catalogue import UNKNOWN
from ombuds.selfcheck.interview import Step
from ombuds.web.auth import Public

router = APIRouter(include_in_schema=False)
TITLE = "Can the Ombudsman look at my complaint?"
MAX_FORM_FIELDS = 300


def _check(request: Request) -> SelfCheck:
    return SelfCheck(request.app.state.settings.clock().date())


async def _form(request: Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the answers carried in hidden fields, the other fields)."""
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    carried: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for name in form:
        values = [str(v) for v in form.getlist(name)]
        if name.startswith("a:"):
            carried[name[2:]] = values if len(values) > 1 or name.endswith("[]") else values[0]
        else:
            fields[name] = values
    carried = {k.removesuffix("[]"): v for k, v in carried.items()}
    return carried, fields


def _hidden(check: SelfCheck, answers: dict[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for k, v in answers.items():
        if isinstance(v, list):
            pairs += [(f"a:{k}[]", str(item)) for item in v]
        else:
            pairs.append((f"a:{k}", str(v)))
    return pairs


def _raw_answer(step: Step, fields: dict[str, Any]) -> Any:
    if "unknown" in fields.get("action", []):
        return UNKNOWN
    q = step.question
    if q is not None and q.kind == "date":
        parts = [
            str((fields.get(f"answer-{p}") or [""])[0]).strip() for p in ("year", "month", "day")
        ]
        if not all(parts) or not all(p.isdigit() for p in parts):
            raise InputError(
                "Enter the date as a day, month and year, or choose I don't know", source="answer"
            )
        try:
            import datetime as dt

            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
        except ValueError:
            raise InputError("Enter a real date, for example 27 3 2024", source="answer") from None
    values = fields.get("answer") or []
    if not values:
        raise InputError("Select an answer, or choose I don't know", source="answer")
    if q is not None and q.kind == "choices":
        return values
    return values[0]


def _render_step(
    request: Request, check: SelfCheck, answers: dict[str, Any], error: str | None = None
) -> HTMLResponse:
    step = check.next_step(answers)
    pages = request.app.state.pages
    hidden = _hidden(check, answers)
    number = len(answers) + 1
    if not step.key:
        result = check.ending(answers)
        return pages.render(
            request,
            "check/ending.html",
            {"title": result.heading, "result": result, "hidden": hidden, "answered": number - 1},
        )
    q = step.question
    context = {
        "title": q.text if q else check.catalogue.more_parts_text,
        "hint": (q.hint if q else check.catalogue.more_parts_hint),
        "kind": q.kind if q else "choice",
        "options": [(o.value, o.label, o.hint) for o in q.options]
        if q
        else [("yes", "Yes", ""), ("no", "No", "")],
        "part": step.part + 1 if step.part is not None and check.parts(answers) > 1 else None,
        "step_key": step.key,
        "number": number,
        "hidden": hidden,
        "error": error,
        "errors": [
            {"text": error, "href": "#answer" if not q or q.kind != "date" else "#answer-day"}
        ]
        if error
        else [],
    }
    return pages.render(request, "check/question.html", context, status_code=400 if error else 200)


@router.get("/check", response_class=HTMLResponse)
async def start(request: Request, _: Public) -> HTMLResponse:
    return request.app.state.pages.render(request, "check/start.html", {"title": TITLE})


@router.get("/check/questions", response_class=HTMLResponse)
async def first_question(request: Request, _: Public) -> HTMLResponse:
    check = _check(request)
    return await run_in_threadpool(_render_step, request, check, {})


@router.post("/check/questions", response_class=HTMLResponse)
async def answer(request: Request, _: Public) -> HTMLResponse:
    check = _check(request)
    carried, fields = await _form(request)
    answers = check.load(carried)
    action = (fields.get("action") or ["answer"])[0]
    if action == "back":
        answers = dict(list(answers.items())[:-1])
        return await run_in_threadpool(_render_step, request, check, answers)
    step = await run_in_threadpool(check.next_step, answers)
    if not step.key or (fields.get("key") or [""])[0] != step.key:
        return await run_in_threadpool(_render_step, request, check, answers)
    try:
        raw = _raw_answer(step, fields)
        answers = await run_in_threadpool(check.answer, answers, step, raw)
    except InputError as error:
        message = error.message[:1].upper() + error.message[1:]
        return await run_in_threadpool(_render_step, request, check, answers, message)
    return await run_in_threadpool(_render_step, request, check, answers)


@router.post("/check/save")
async def save(request: Request, _: Public) -> PlainTextResponse:
    check = _check(request)
    carried, _fields = await _form(request)
    answers = check.load(carried)
    text = await run_in_threadpool(check.export_text, answers)
    return PlainTextResponse(
        text,
        headers={"content-disposition": 'attachment; filename="ombudsman-self-check.txt"'},
    )
