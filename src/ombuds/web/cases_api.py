"""The authenticated JSON API for casework: the same steps as the pages, for scripts and tools.

Sign in with POST /api/session (email and password) for a bearer token; send it as
`Authorization: Bearer TOKEN`. Every write names the case version it started from; a stale one
is refused with 409 and what changed since. The pseudonym map (real names) is never returned.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ombuds.casework import AuditEvent, Case, CaseStatus, CaseSummary, Session
from ombuds.errors import InputError
from ombuds.web.auth import (
    Investigator,
    InvestigatorCase,
    Public,
    ReviewerCase,
    optional_session,
    session_token,
)
from ombuds.web.errors import ErrorBody

DESCRIPTION = """
## Casework (signed-in users)

* `POST /api/session` with `{"email", "password"}` returns a bearer token; send it as
  `Authorization: Bearer TOKEN`. `DELETE /api/session` signs out. Failed sign-ins are limited
  (429 with Retry-After).
* `GET /api/cases` lists cases (filter by `status`, `assigned_to`); `POST /api/cases` starts one
  from a letter's text or from facts; `GET /api/cases/{case_id}` reads one.
* Steps, each with the `version` the change starts from (409 if someone saved first): facts,
  assess, judgements, draft, statement, anonymise, submit, review (reviewer), publish
  (reviewer), assign (reviewer); `GET .../audit` is the append-only trail and
  `GET .../document?format=docx|pdf` the statement.
"""

router = APIRouter(prefix="/api", tags=["casework"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The step does not fit the case as it is."},
    401: {"model": ErrorBody, "description": "Not signed in."},
    403: {"model": ErrorBody, "description": "The role does not allow it, or a bad CSRF token."},
    404: {"model": ErrorBody, "description": "No such case."},
    409: {"model": ErrorBody, "description": "The case changed since the given version."},
    422: {"model": ErrorBody, "description": "A field is invalid."},
}


class Credentials(BaseModel):
    email: str = Field(max_length=254, examples=["ann@council.example"])
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    token: str
    csrf_token: str
    expires_at: str
    email: str
    role: str


class NewCase(BaseModel):
    letter: str | None = Field(None, max_length=200_000, description="What the person sent.")
    name: str | None = Field(None, max_length=300, description="The file it came in.")
    facts: dict[str, Any] | None = Field(None, description="A complaint (the schema) as JSON.")


class Version(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1, description="The case version the change starts from.")


class Facts(Version):
    facts: dict[str, Any]


class Judgements(Version):
    answers: dict[str, bool | str] = Field(
        description='{"heads[0].judgement.evidence_of_fault": "none", ...}'
    )


class StatementText(Version):
    text: str = Field(max_length=200_000)


class ReviewIn(Version):
    approve: bool
    comment: str = Field("", max_length=5000)


class PublishIn(Version):
    overrides: dict[str, str] = Field(
        default_factory=dict, description="Finding id -> the reviewer's reason."
    )


class AssignIn(Version):
    user_id: int | None = Field(None, ge=1, le=2**31 - 1)


class CaseList(BaseModel):
    total: int
    cases: list[CaseSummary]


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/session", response_model=SessionOut, responses=_ERRORS | {429: {"model": ErrorBody}})
def sign_in(request: Request, _: Public, credentials: Credentials) -> SessionOut:
    token, session = request.app.state.accounts.sign_in(
        credentials.email, credentials.password, client=_client(request)
    )
    return SessionOut(
        token=token,
        csrf_token=session.csrf_token,
        expires_at=session.expires_at,
        email=session.user.email,
        role=session.user.role.value,
    )


@router.delete("/session", status_code=204, responses=_ERRORS)
async def sign_out(request: Request, _: Public) -> Response:
    session: Session | None = await optional_session(request)
    if session is not None:
        await run_in_threadpool(request.app.state.accounts.sign_out, session_token(request)[0])
    return Response(status_code=204)


@router.get("/cases", response_model=CaseList, responses=_ERRORS)
def list_cases(
    request: Request,
    user: Investigator,
    status: Annotated[CaseStatus | None, Query(description="Only cases at this status.")] = None,
    assigned_to: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> CaseList:
    total, found = request.app.state.cases.list_cases(
        status=status, assigned_to=assigned_to, limit=limit, offset=offset
    )
    return CaseList(total=total, cases=found)


@router.post("/cases", response_model=Case, status_code=201, responses=_ERRORS)
def new_case(request: Request, user: Investigator, new: NewCase) -> Case:
    service = request.app.state.cases
    if (new.letter is None) == (new.facts is None):
        raise InputError(
            "give either a letter or facts",
            source="body",
            hint='{"letter": "..."} or {"facts": {...}}',
        )
    if new.letter is not None:
        return service.new_case_from_letter(user, new.letter, name=new.name)
    return service.new_case_from_facts(user, new.facts or {})


@router.get("/cases/{case_id}", response_model=Case, responses=_ERRORS)
def get_case(access: InvestigatorCase) -> Case:
    return access.case


@router.get("/cases/{case_id}/audit", response_model=list[AuditEvent], responses=_ERRORS)
def audit(request: Request, access: InvestigatorCase) -> list[AuditEvent]:
    return request.app.state.cases.audit(access.case.id)


@router.put("/cases/{case_id}/facts", response_model=Case, responses=_ERRORS)
def save_facts(request: Request, access: InvestigatorCase, body: Facts) -> Case:
    return request.app.state.cases.save_facts(access.user, access.case.id, body.version, body.facts)


def _step(name: str) -> Any:
    def endpoint(request: Request, access: InvestigatorCase, body: Version) -> Case:
        return getattr(request.app.state.cases, name)(access.user, access.case.id, body.version)

    endpoint.__name__ = f"{name}_case"
    return endpoint


for _name, _summary in (
    ("assess", "Assess the case's facts again"),
    ("draft", "Draft the statement"),
    ("anonymise", "Anonymise the statement"),
    ("submit", "Send the statement for review"),
):
    router.add_api_route(
        f"/cases/{{case_id}}/{_name}",
        _step(_name),
        methods=["POST"],
        response_model=Case,
        responses=_ERRORS,
        summary=_summary,
    )


@router.post("/cases/{case_id}/judgements", response_model=Case, responses=_ERRORS)
def judgements(request: Request, access: InvestigatorCase, body: Judgements) -> Case:
    return request.app.state.cases.record_judgements(
        access.user, access.case.id, body.version, body.answers
    )


@router.put("/cases/{case_id}/statement", response_model=Case, responses=_ERRORS)
def save_statement(request: Request, access: InvestigatorCase, body: StatementText) -> Case:
    return request.app.state.cases.save_draft(access.user, access.case.id, body.version, body.text)


@router.post("/cases/{case_id}/review", response_model=Case, responses=_ERRORS)
def review(request: Request, access: ReviewerCase, body: ReviewIn) -> Case:
    return request.app.state.cases.review(
        access.user, access.case.id, body.version, approve=body.approve, comment=body.comment
    )


@router.post("/cases/{case_id}/publish", response_model=Case, responses=_ERRORS)
def publish(request: Request, access: ReviewerCase, body: PublishIn) -> Case:
    return request.app.state.cases.publish(
        access.user, access.case.id, body.version, overrides=body.overrides
    )


@router.post("/cases/{case_id}/assign", response_model=Case, responses=_ERRORS)
def assign(request: Request, access: ReviewerCase, body: AssignIn) -> Case:
    return request.app.state.cases.assign(access.user, access.case.id, body.version, body.user_id)


@router.get(
    "/cases/{case_id}/document",
    responses=_ERRORS | {200: {"content": {"application/octet-stream": {}}}},
    response_class=Response,
)
def document(
    request: Request,
    access: InvestigatorCase,
    format: Annotated[Literal["docx", "pdf"], Query(description="docx or pdf")] = "pdf",
) -> Response:
    return download(request, access.case.id, format)


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def download(request: Request, case_id: int, fmt: str) -> Response:
    content, name = request.app.state.cases.document(case_id, fmt)
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
