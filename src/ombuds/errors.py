"""One domain exception hierarchy for all of ombuds.

Library code raises these; only the edges turn them into something else: the CLI into a message
on standard error and a non-zero exit status (`ombuds.cli`), the HTTP API into a JSON error with a
4xx status (`ombuds.web`). Every message names the input, says what was expected and how to fix it.
"""

from __future__ import annotations


class OmbudsError(Exception):
    """Base of every error ombuds raises on purpose.

    `source` names the input (a file, a field, a reference); `hint` says how to fix it.
    """

    exit_code = 1
    http_status = 400
    # Seconds after which trying again may succeed (the HTTP edge sends it as Retry-After); None
    # when trying again will not help.
    retry_after: int | None = None

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        self.message = message
        self.source = source
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}" if self.source else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(OmbudsError):
    """An input file or value cannot be used as given."""

    exit_code = 2


class UnreadableFile(InputError):
    """Empty, binary, undecodable or too large."""


class NotADecision(InputError):
    """A page that is not a published decision statement."""


class SchemaError(InputError):
    """A complaint (or other structured input) does not match its schema.

    `problems` holds one dict per problem: {"path", "value", "expected", "line"}.
    """

    http_status = 422

    def __init__(self, message: str, *, problems: list[dict] | None = None, **kw):
        self.problems = problems or []
        super().__init__(message, **kw)


class ContradictoryFacts(InputError):
    """Facts that cannot all be true (a complaint made before the events happened)."""

    http_status = 422


class OutputError(OmbudsError):
    """A file ombuds was asked to write cannot be written (disk full, read-only, no permission)."""

    exit_code = 6
    http_status = 500


class NotFound(OmbudsError):
    """A reference or record that is not in the store."""

    exit_code = 3
    http_status = 404


class StorageError(OmbudsError):
    """The database cannot be reached, opened or migrated."""

    exit_code = 4
    http_status = 503


class UnknownValue(InputError):
    """A filter or option value that matches none of those accepted; the hint lists them (or the
    closest, when there are hundreds)."""

    http_status = 422


class QueryTooCostly(InputError):
    """A search beyond the query budget (too many words or prefix terms): refused before it
    runs. The message says the limits."""


class Unavailable(StorageError):
    """The database cannot answer now; the same request may succeed after `retry_after` seconds
    (HTTP 503 with a Retry-After header)."""

    retry_after: int | None = 5


class QueryTimeout(Unavailable):
    """A search stopped by the database at its time limit."""


class ServerBusy(Unavailable):
    """Too many costly searches at once, or no database connection free in time."""

    retry_after = 2


class PublicationBlocked(OmbudsError):
    """The publication gate found personal data left in a statement.

    `findings` lists what was found, so that a reviewer can fix or override each one.
    """

    exit_code = 5
    http_status = 409

    def __init__(self, message: str, *, findings: list | None = None, **kw):
        self.findings = findings or []
        super().__init__(message, **kw)


# The casework app (issue 12): who may do what, and edits that crossed.


class AuthenticationRequired(OmbudsError):
    """No valid session or credentials: sign in first (HTTP 401; pages redirect to sign-in)."""

    http_status = 401


class PermissionDenied(OmbudsError):
    """Signed in, but the user's role does not allow this action (HTTP 403)."""

    http_status = 403


class CaseChanged(OmbudsError):
    """Someone else saved the case since it was opened: the save is refused, nothing is lost.

    `changes` lists what changed in between: one dict per audit event
    {"at", "actor", "action", "fields"}, so the page can show it beside the user's own edit.
    """

    http_status = 409

    def __init__(self, message: str, *, changes: list | None = None, **kw):
        self.changes = changes or []
        super().__init__(message, **kw)


class TooManyRequests(OmbudsError):
    """Too many attempts (failed sign-ins): wait `retry_after` seconds (HTTP 429)."""

    http_status = 429

    def __init__(self, message: str, *, retry_after: int, **kw):
        self.retry_after = retry_after
        super().__init__(message, **kw)
