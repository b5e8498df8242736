"""The precedents panel of the case page and the public decision page (ombuds.precedents).

Both pages call these from their worker thread. The panel is an extra: if the corpus cannot be
searched just now (busy, unreachable), the page still shows, with a line saying why the panel is
missing; a bad reference or store error for the page itself is handled by the page.
"""

from __future__ import annotations

from typing import Any

from ombuds.corpus.store import Store
from ombuds.errors import OmbudsError
from ombuds.precedents import service
from ombuds.vocabulary import normalise_reference

MAX_TEXT = 50_000  # characters of a case's text a precedent search reads


def _panel(found: service.Precedents, *, subject: str) -> dict[str, Any]:
    return {
        "result": found,
        "subject": subject,
        "error": None,
    }


def _failed(error: OmbudsError) -> dict[str, Any]:
    return {"result": None, "error": str(error), "subject": ""}


def for_decision(store: Store, record: dict[str, Any], reference: str) -> dict[str, Any]:
    """The panel for a stored decision (`record`, as the page read it): its nearest others, the
    vote beside its own outcome."""
    try:
        return _panel(service.for_record(store, record, reference), subject="this decision")
    except OmbudsError as error:
        return _failed(error)


def for_case(store: Store, case: Any) -> dict[str, Any] | None:
    """The panel for a case: its letter (or the words of its facts) against the corpus, the vote
    beside the engine's outcome. None when the case has nothing to compare yet."""
    text = case.letter_text or ""
    if not text and case.facts:
        text = "\n".join(service.strings(case.facts))
    if not text.strip():
        return None
    outcome = (case.assessment or {}).get("outcome")
    # Once the case is published (or names its reference), its own decision is no precedent.
    own = case.published_reference or str((case.facts or {}).get("reference") or "")
    try:
        found = service.for_text(
            store,
            text[:MAX_TEXT],
            target=f"case {case.id}",
            engine=service.engine_label(outcome),
            skip=normalise_reference(own) if own else None,
        )
    except OmbudsError as error:
        return _failed(error)
    return _panel(found, subject="this case")
