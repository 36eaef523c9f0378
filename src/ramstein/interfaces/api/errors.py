"""Every API failure answers with the one error body (interfaces/errors.py), whatever raised it: a service's
error, a request that does not validate, an unknown route, a refused method, an oversized body, a crash.
Pages (paths outside /api) get a redirect to the sign-in page when they need a user."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.interfaces.auth import LoginRequired
from ramstein.interfaces.errors import body, error_body, http_status

log = logging.getLogger("ramstein.api")
HTTP_CODES = {
    400: "bad-request", 401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
    406: "not-acceptable", 409: "conflict", 413: "payload-too-large", 415: "unsupported-media-type",
    422: "invalid-input", 429: "throttled",
}  # fmt: skip


class Replay(Exception):
    """A retried POST with a known Idempotency-Key: answer with the stored response."""

    def __init__(self, status: int, content: str) -> None:
        super().__init__(status)
        self.status, self.content = status, content


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RamsteinError, _ramstein)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(LoginRequired, _login)  # type: ignore[arg-type]
    app.add_exception_handler(Replay, _replay)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)


def error_response(status: int, content: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(content, status_code=status, headers=headers)


def too_large(limit: int) -> JSONResponse:
    return error_response(
        413,
        body(
            "payload-too-large",
            f"the request body is larger than {limit:,} bytes",
            "send less data at once (bulk imports: `ramstein import`), or raise RAMSTEIN_MAX_REQUEST_BYTES.",
        ),
    )


async def _ramstein(request: Request, exc: RamsteinError) -> JSONResponse:
    status = http_status(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return error_response(status, error_body(exc), headers)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    issues = [_issue(e) for e in exc.errors()]
    message = "the request is not valid: " + "; ".join(f"{i.column}: {i.message}" for i in issues[:5])
    hint = "correct the fields named in `issues`; the OpenAPI schema at /api/v1/openapi.json describes them."
    return error_response(422, body("invalid-input", message, hint, issues))


def _issue(error: Any) -> DataIssue:
    location = [str(part) for part in error.get("loc", ())]
    source = location[0] if location else "request"
    return DataIssue(source, 0, ".".join(location[1:]), str(error.get("msg", "invalid")))


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    code = HTTP_CODES.get(exc.status_code, "error")
    message = str(exc.detail) if exc.detail else code
    if exc.status_code == 404:
        message, hint = f"nothing at {request.url.path}", "the API's routes are listed at /api/v1/docs."
    elif exc.status_code == 405:
        message, hint = f"{request.method} is not allowed on {request.url.path}", "see /api/v1/docs."
    elif exc.status_code == 400:
        hint = "send JSON in UTF-8 with `Content-Type: application/json`, as /api/v1/openapi.json describes."
    else:
        hint = ""
    return error_response(exc.status_code, body(code, message, hint), getattr(exc, "headers", None))


async def _login(request: Request, exc: LoginRequired) -> Response:
    return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)


async def _replay(request: Request, exc: Replay) -> Response:
    return Response(exc.content, status_code=exc.status, media_type="application/json",
                    headers={"Idempotent-Replayed": "true"})  # fmt: skip


async def _crash(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    message = "the server failed to answer this request"
    return error_response(500, body("internal", message, "try again; if it keeps failing, tell the operator."))
