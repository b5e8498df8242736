"""The casework service: a complaint from arrival to published decision, one call per step.

The web pages, the JSON API and the load benchmark call these methods; none of them touches the
tables (only `repository` does) or the engine, drafter and gate directly. Each step checks the
case is at a status where it makes sense, saves with the version the user started from
(`CaseChanged` if someone saved first) and leaves an audit row. Roles are checked at the edge
(the web app's typed dependencies); the service checks what the case allows.

    service = CaseService(store, clock=utc_now)
    case = service.new_case_from_letter(user, text, name="letter.txt")
    case = service.save_facts(user, case.id, case.version, facts)       # assesses as well
    case = service.draft(user, case.id, case.version)
    ...
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ombuds.casework import interview
from ombuds.casework.accounts import Clock, stamp, utc_now
from ombuds.casework.models import AuditEvent, Case, CaseStatus, CaseSummary, Role, User
from ombuds.casework.reader import read_letter
from ombuds.casework.repository import Casework
from ombuds.errors import InputError, PermissionDenied
from ombuds.vocabulary import normalise_reference

MAX_LETTER = 200_000  # characters kept as a case's text
EDITABLE_FACTS = {CaseStatus.received, CaseStatus.assessment, CaseStatus.draft}


MAX_DEPTH = 32  # levels of nesting; a complaint has fewer than ten


def _check_depth(data: Any) -> None:
    """InputError if `data` nests deeper than MAX_DEPTH (checked without recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(
                f"the facts are nested more than {MAX_DEPTH} levels deep",
                source="facts",
                hint="a complaint's facts are a few levels of fields and lists",
            )
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        stack.extend((child, depth + 1) for child in children)


class _PlainYaml(yaml.SafeLoader):
    """YAML without anchors or aliases: facts are typed by a person, never need them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("anchors and aliases (& and *) are not allowed in the facts")
        return super().compose_node(parent, index)


def _plain(facts: Any) -> Any:
    """Facts as JSON stores them: dates (from YAML) as ISO text."""
    try:
        return _round_trip(facts)
    except RecursionError:
        raise InputError("the facts are nested too deeply", source="facts") from None


def _round_trip(facts: Any) -> Any:
    return json.loads(
        json.dumps(facts, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))
    )


def _title(facts: dict[str, Any] | None, fallback: str) -> str:
    if not facts:
        return fallback[:300]
    heads = facts.get("heads") or [{}]
    summary = (heads[0] or {}).get("summary") or ""
    body = facts.get("body") or ""
    return (f"{body}: {summary}" if summary else body or fallback)[:300]


class CaseService:
    """Cases in the corpus database `store` (an open `ombuds.corpus.store.Store`)."""

    def __init__(self, store: Any, *, clock: Clock = utc_now):
        self.store = store
        self.repo = Casework(store.engine)
        self.clock = clock

    def _now(self) -> str:
        return stamp(self.clock())

    def _save(
        self, user: User, case: Case, changes: dict[str, Any], action: str, note: str | None = None
    ) -> Case:
        return self.repo.update_case(
            case.id, case.version, changes, actor=user, action=action, at=self._now(), note=note
        )

    def _at(self, case_id: int, version: int, allowed: set[CaseStatus], doing: str) -> Case:
        """The case as the user saw it (`version`), at a status where `doing` makes sense."""
        case = self.repo.check_version(case_id, version)
        if case.status not in allowed:
            names = " or ".join(sorted(s.value for s in allowed))
            raise InputError(
                f"cannot {doing} a case at status {case.status.value!r}",
                source=f"case {case_id}",
                hint=f"this step is for cases at {names}",
            )
        return case

    # Reading -------------------------------------------------------------------------------

    def get(self, case_id: int) -> Case:
        return self.repo.get_case(case_id)

    def list_cases(
        self,
        *,
        status: CaseStatus | None = None,
        assigned_to: int | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> tuple[int, list[CaseSummary]]:
        return self.repo.list_cases(
            status=status, assigned_to=assigned_to, limit=limit, offset=offset
        )

    def audit(self, case_id: int) -> list[AuditEvent]:
        self.repo.get_case(case_id)  # NotFound first
        return self.repo.audit_trail(case_id)

    def users(self) -> list[User]:
        return self.repo.list_users()

    # Starting a case -----------------------------------------------------------------------

    def new_case_from_letter(self, user: User, text: str, *, name: str | None = None) -> Case:
        """A case holding what the complainant sent; read into facts when the reader is there."""
        text = (text or "").replace("\r\n", "\n").strip()
        if not text:
            raise InputError(
                "the letter is empty", source="letter", hint="paste the text or upload a file"
            )
        if len(text) > MAX_LETTER:
            raise InputError(
                f"the letter is longer than {MAX_LETTER:,} characters",
                source="letter",
                hint="upload the complaint itself, not the whole bundle",
            )
        reading = read_letter(text, received=self.clock().date())
        if reading is not None:
            text = reading.text  # the evidence's character spans count in the text as read
        facts = reading.facts if reading else None
        first_line = text.splitlines()[0][:120]
        case = self.repo.create_case(
            {
                "status": CaseStatus.received.value,
                "title": _title(facts, first_line),
                "body": (facts or {}).get("body"),
                "letter_text": text,
                "letter_name": (name or "")[:300] or None,
                "facts": facts,
                "reading": (
                    {
                        "evidence": reading.evidence,
                        "unread": reading.unread,
                        "questions": reading.questions,
                    }
                    if reading
                    else None
                ),
                "assigned_to": user.id if user.role is Role.investigator else None,
            },
            actor=user,
            at=self._now(),
        )
        if facts:
            case = self._assess(user, case, facts, action="read and assessed")
        return case

    def new_case_from_facts(self, user: User, facts: dict[str, Any]) -> Case:
        """A case from the guided form's first page (or any complaint as JSON), assessed."""
        _check_depth(facts)
        facts = _plain(facts)
        complaint = self._check(facts)
        case = self.repo.create_case(
            {
                "status": CaseStatus.received.value,
                "title": _title(facts, "New case"),
                "body": complaint.body,
                "reference": complaint.reference,
                "facts": facts,
                "interview": {"skipped": []},
                "assigned_to": user.id if user.role is Role.investigator else None,
            },
            actor=user,
            at=self._now(),
        )
        return self._assess(user, case, facts, action="assessed")

    # Facts and the assessment --------------------------------------------------------------

    def _check(self, facts: dict[str, Any]) -> Any:
        from ombuds.complaint import parse_complaint

        _check_depth(facts)
        return parse_complaint(facts, source="facts")

    def _assessment(self, facts: dict[str, Any]) -> dict[str, Any]:
        from ombuds.code import assess

        complaint = self._check(facts)
        result = assess(complaint, assessment_date=complaint.assessment_date)
        return result.model_dump(mode="json")

    def _assess(
        self,
        user: User,
        case: Case,
        facts: dict[str, Any],
        *,
        action: str,
        extra: dict[str, Any] | None = None,
    ) -> Case:
        assessment = self._assessment(facts)
        changes: dict[str, Any] = {
            **(extra or {}),
            "facts": facts,
            "assessment": assessment,
            "title": _title(facts, case.title),
            "body": facts.get("body"),
            "reference": facts.get("reference"),
        }
        if case.status is CaseStatus.received:
            changes["status"] = CaseStatus.assessment.value
        return self._save(user, case, changes, action)

    def save_facts(self, user: User, case_id: int, version: int, facts: dict[str, Any]) -> Case:
        """Replace the facts (validated against the complaint schema) and assess again."""
        case = self._at(case_id, version, EDITABLE_FACTS, "change the facts of")
        if not isinstance(facts, dict):
            raise InputError("the facts must be a mapping of fields", source="facts")
        _check_depth(facts)
        facts = _plain(facts)
        return self._assess(user, case, facts, action="facts saved and assessed")

    def save_facts_yaml(self, user: User, case_id: int, version: int, text: str) -> Case:
        """Save facts written as YAML (the facts editor). Anchors and aliases are refused (an
        alias bomb would expand without bound), and so is nesting past any real complaint's."""
        try:
            facts = yaml.load(text, Loader=_PlainYaml)
        except RecursionError:
            raise InputError(
                "the facts are nested too deeply", source="facts", hint="check the indentation"
            ) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f" at line {mark.line + 1}" if mark else ""
            if "aliases" in str(error):
                line = ": anchors and aliases (& and *) are not allowed"
            raise InputError(
                f"the facts are not valid YAML{line}",
                source="facts",
                hint="check the indentation and the colons",
            ) from None
        return self.save_facts(user, case_id, version, facts)

    def assess(self, user: User, case_id: int, version: int) -> Case:
        case = self._at(case_id, version, EDITABLE_FACTS, "assess")
        if not case.facts:
            raise InputError(
                "the case has no facts to assess yet",
                source=f"case {case_id}",
                hint="enter the facts first",
            )
        return self._assess(user, case, case.facts, action="assessed")

    def answer(
        self, user: User, case_id: int, version: int, path: str, value: Any, *, skip: bool = False
    ) -> Case:
        """Record one answer of the guided interview (or skip the question), then assess."""
        case = self._at(case_id, version, EDITABLE_FACTS, "answer questions on")
        if not case.facts:
            raise InputError("the case has no facts yet", source=f"case {case_id}")
        if skip:
            state = dict(case.interview or {"skipped": []})
            state["skipped"] = sorted({*state.get("skipped", []), path})
            return self._save(user, case, {"interview": state}, "question skipped", note=path)
        facts = interview.set_value(case.facts, path, value)
        state = dict(case.interview or {"skipped": []})
        state["answered"] = [*state.get("answered", []), path]
        case = case.model_copy(update={"interview": state})
        return self._assess(
            user, case, facts, action="question answered", extra={"interview": state}
        )

    def record_judgements(
        self, user: User, case_id: int, version: int, answers: dict[str, Any]
    ) -> Case:
        """Set investigator's judgements ({"heads[0].judgement.x": value}) and assess again."""
        case = self._at(case_id, version, EDITABLE_FACTS, "record judgements on")
        facts = case.facts or {}
        for path, value in answers.items():
            if ".judgement." not in path:
                raise InputError("not a judgement", source=path)
            facts = interview.set_value(facts, path, value)
        return self._assess(user, case, facts, action="judgements recorded")

    # The statement -------------------------------------------------------------------------

    def draft(self, user: User, case_id: int, version: int) -> Case:
        """Draft the statement from the facts (the drafter's own service), as editable text."""
        from ombuds.statement import draft_file

        case = self._at(
            case_id, version, {CaseStatus.assessment, CaseStatus.draft}, "draft a statement for"
        )
        complaint = self._check(case.facts or {})
        with tempfile.TemporaryDirectory(prefix="ombuds-case-") as folder:
            path = Path(folder) / "complaint.json"
            path.write_text(complaint.model_dump_json(exclude_none=True), encoding="utf-8")
            made = draft_file(path, fmt="txt", assessment_date=complaint.assessment_date)
        text = (made.content or b"").decode("utf-8")
        return self._save(
            user,
            case,
            {
                "statement": made.statement.model_dump(mode="json"),
                "draft_text": text,
                "anonymised_text": None,
                "replacements": None,
                "status": CaseStatus.draft.value,
            },
            "statement drafted",
        )

    def save_draft(self, user: User, case_id: int, version: int, text: str) -> Case:
        case = self._at(case_id, version, {CaseStatus.draft}, "edit the statement of")
        text = (text or "").replace("\r\n", "\n")
        if not text.strip():
            raise InputError("the statement is empty", source="statement")
        return self._save(
            user,
            case,
            {"draft_text": text, "anonymised_text": None, "replacements": None},
            "statement edited",
        )

    def anonymise(self, user: User, case_id: int, version: int) -> Case:
        """Anonymise the statement with the case's pseudonym map; every replacement kept."""
        from ombuds.privacy import PseudonymMap, anonymise

        case = self._at(case_id, version, {CaseStatus.draft}, "anonymise the statement of")
        if not case.draft_text:
            raise InputError("draft the statement first", source=f"case {case_id}")
        people = PseudonymMap.from_json(case.pseudonyms) if case.pseudonyms else PseudonymMap()
        private_name = ((case.facts or {}).get("complainant") or {}).get("private_name")
        result = anonymise(
            case.draft_text, pseudonyms=people, complainant=private_name, source="statement"
        )
        return self._save(
            user,
            case,
            {
                "anonymised_text": result.text,
                "replacements": result.to_json()["replacements"],
                "pseudonyms": people.to_json(),
            },
            "statement anonymised",
        )

    def submit(self, user: User, case_id: int, version: int) -> Case:
        case = self._at(case_id, version, {CaseStatus.draft}, "send for review")
        if not case.anonymised_text:
            raise InputError(
                "anonymise the statement before sending it for review",
                source=f"case {case_id}",
            )
        return self._save(user, case, {"status": CaseStatus.review.value}, "sent for review")

    def review(
        self, user: User, case_id: int, version: int, *, approve: bool, comment: str
    ) -> Case:
        """A reviewer approves the statement (decided) or returns it with comments (draft)."""
        if not user.role.allows(Role.reviewer):
            raise PermissionDenied("only a reviewer may approve or return a statement")
        case = self._at(case_id, version, {CaseStatus.review}, "review")
        comment = (comment or "").strip()[:5000]
        if not approve and not comment:
            raise InputError(
                "say what needs changing", source="comment", hint="the investigator reads it"
            )
        entry = {
            "at": self._now(),
            "by": user.email,
            "decision": "approved" if approve else "returned",
            "comment": comment,
        }
        status = CaseStatus.decided if approve else CaseStatus.draft
        return self._save(
            user,
            case,
            {"review": [*(case.review or []), entry], "status": status.value},
            "approved" if approve else "returned for changes",
            note=comment or None,
        )

    def check_gate(self, case: Case) -> dict[str, Any]:
        """The publication gate's findings on the case's anonymised statement (nothing saved)."""
        from ombuds.privacy import check_publication

        decision = check_publication(case.anonymised_text or "", source=f"case {case.id}")
        return decision.to_record()

    def publish(
        self, user: User, case_id: int, version: int, *, overrides: dict[str, str] | None = None
    ) -> Case:
        """Publish the approved statement through the gate; each override is recorded with the
        reviewer. Blocked: PublicationBlocked (its findings listed), the case unchanged."""
        from ombuds.privacy import Override, publish_statement

        if not user.role.allows(Role.reviewer):
            raise PermissionDenied("only a reviewer may publish a decision")
        case = self._at(case_id, version, {CaseStatus.decided}, "publish")
        if not (case.facts or {}).get("reference"):
            raise InputError(
                "a decision is published under the Ombudsman's reference",
                source="reference",
                hint="add the reference to the facts (for example 24 015 969)",
            )
        at = self.clock()
        given = [
            Override(fid, reason.strip(), user.email, at)
            for fid, reason in (overrides or {}).items()
            if reason and reason.strip()
        ]
        _, decision = publish_statement(
            case.anonymised_text or "", self.store, source=f"case {case_id}", overrides=given
        )
        stated = (case.facts or {})["reference"]
        reference = normalise_reference(stated) or stated
        return self._save(
            user,
            case,
            {
                "gate": decision.to_record(),
                "status": CaseStatus.published.value,
                "published_reference": reference,
            },
            "published",
            note="; ".join(f"{o.finding_id}: {o.reason}" for o in given) or None,
        )

    def assign(self, user: User, case_id: int, version: int, assignee_id: int | None) -> Case:
        if not user.role.allows(Role.reviewer):
            raise PermissionDenied("only a reviewer or an administrator may assign cases")
        case = self._at(case_id, version, set(CaseStatus), "assign")
        if assignee_id is not None:
            self.repo.get_user(assignee_id)  # NotFound for an unknown user
        return self._save(user, case, {"assigned_to": assignee_id}, "assigned")

    def document(self, case_id: int, fmt: str) -> tuple[bytes, str]:
        """(bytes, file name) of the case's statement as DOCX or PDF: the anonymised text when
        there is one, else the draft."""
        from ombuds.casework.documents import render_statement

        if fmt not in ("docx", "pdf"):
            raise InputError(f"unknown format {fmt!r}", source="format", hint="use docx or pdf")
        case = self.repo.get_case(case_id)
        text = case.anonymised_text or case.draft_text
        if not text:
            raise InputError("draft the statement first", source=f"case {case_id}")
        name = (case.reference or f"case-{case.id}").replace(" ", "-")
        return render_statement(text, case.statement, fmt), f"{name}.{fmt}"
