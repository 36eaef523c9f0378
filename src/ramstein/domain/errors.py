"""Errors that stop a request: one small typed hierarchy.

Problems found *in data* are not errors but `DataIssue` values (see `issues.py`). These classes are for
failures that stop the whole request. Each carries a message that says what was wrong and a `hint` that
says what to do next; interfaces map the class to an HTTP status or a CLI exit code, never the reverse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ramstein.domain.issues import DataIssue


class RamsteinError(Exception):
    """Base of every error ramstein raises on purpose.

    `key` and `params` optionally name the message in the pages' catalogues (web/messages: `error.<key>` and
    `error.<key>.hint`), so a page can say the same thing in the reader's language; the English `message`
    and `hint` stay what the command line and the API print.
    """

    code = "error"

    def __init__(
        self, message: str, *, hint: str = "", key: str = "", params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key
        self.params = dict(params or {})

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class InvalidInput(RamsteinError):
    """A value given by the user is malformed (an amount, a date, a code)."""

    code = "invalid-input"


class UnknownCurrency(InvalidInput):
    code = "unknown-currency"


class CurrencyMismatch(InvalidInput):
    """Two amounts in different currencies were combined without a conversion."""

    code = "currency-mismatch"


class RateUnavailable(RamsteinError):
    """No exchange rate can honestly be given for this currency and date."""

    code = "rate-unavailable"


class NotFound(RamsteinError):
    code = "not-found"


class Conflict(RamsteinError):
    """The request contradicts what is already recorded (a duplicate, a second reversal)."""

    code = "conflict"


class RejectedImport(RamsteinError):
    """A file was rejected whole; `issues` lists every problem found in it."""

    code = "rejected-import"

    def __init__(self, message: str, issues: Sequence[DataIssue], *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.issues = list(issues)


class IntegrityError(RamsteinError):
    """Stored data fails a consistency check (a broken hash chain)."""

    code = "integrity"


class Unauthenticated(RamsteinError):
    """The request needs a signed-in user or a valid API token (or the credentials given are wrong)."""

    code = "unauthenticated"


class Forbidden(RamsteinError):
    """The access policy refused the action; the message is the decision's reason."""

    code = "forbidden"


class Throttled(RamsteinError):
    """Too many failed sign-ins for this user or address in a short time."""

    code = "throttled"
