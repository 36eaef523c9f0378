"""The one web application: the JSON API at /api/v1, the pages at /, static files at /static.

uvicorn --factory ramstein.interfaces.server:create_app     (what `ramstein serve` runs)
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ramstein import __version__
from ramstein.bootstrap import App, build
from ramstein.interfaces import api, web
from ramstein.interfaces.answer_cache import AnswerCache
from ramstein.interfaces.api.errors import install_error_handlers
from ramstein.interfaces.auth import CsrfCookie
from ramstein.interfaces.limits import BodySizeLimit

Container = App
STATIC = Path(__file__).parent / "web" / "static"

DESCRIPTION = """The ramstein API: the registry of nations, the append-only ledger (append and reverse, never
edit), rule sets and fair-share reports, Ukraine's requirements, donors' offers and training courses, allocation
rounds. Authenticate with `Authorization: Bearer <token>` (`ramstein users token add`); without one you are the
public and see records marked public only. Every failure answers with one body:
`{"error": {"code", "message", "hint"}}` (plus `issues` for rejected input). A POST with an `Idempotency-Key`
header is recorded once however often it is retried; a retry gets the first answer again."""


def create_app(container: Container | None = None) -> FastAPI:
    container = container or build()
    app = FastAPI(
        title="ramstein",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url="/api/v1/docs/oauth2-redirect",
    )
    app.state.container = container
    install_error_handlers(app)
    # Innermost first (each added one wraps the ones before): the kept answers, the CSRF cookie for the new
    # token a kept page may hand out, the body size limit outermost.
    app.add_middleware(AnswerCache)
    app.add_middleware(CsrfCookie, secure=container.settings.cookie_secure)
    app.add_middleware(BodySizeLimit, max_bytes=container.settings.max_request_bytes)
    app.include_router(api.router)
    app.include_router(web.router)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
