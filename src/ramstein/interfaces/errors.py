"""The one error shape of every interface: `{"error": {"code", "message", "hint"[, "issues"]}}`.

The CLI prints it with --json; the API answers every failure with it and the status below.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ramstein.domain import errors
from ramstein.domain.issues import DataIssue

HTTP_STATUS: dict[type[errors.RamsteinError], int] = {
    errors.RejectedImport: 422,
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.RateUnavailable: 422,
    errors.IntegrityError: 500,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.Throttled: 429,
}


def http_status(error: errors.RamsteinError) -> int:
    for kind in type(error).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]
    return 400


def error_body(error: errors.RamsteinError) -> dict[str, Any]:
    issues = error.issues if isinstance(error, errors.RejectedImport) else None
    return body(error.code, error.message, error.hint, issues)


def body(code: str, message: str, hint: str = "", issues: Sequence[DataIssue] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "hint": hint}
    if issues is not None:
        error["issues"] = [dataclasses.asdict(i) for i in issues]
    return {"error": error}
