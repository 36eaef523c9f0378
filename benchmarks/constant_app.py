"""The baseline of benchmarks/load.py: the smallest FastAPI app, one route returning a constant.

Served by uvicorn with the same workers, event loop and logging as `ramstein serve`, it shows what the framework, the
server and the load generator cost on this machine in the same run: ramstein's figures are read beside it.
`/page` answers a constant body the size of the overview page, for what answer size alone does under load.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

PAGE_BYTES = 75_000  # about the overview page's size: what a large answer costs the server, wrk and the kernel


def create_app() -> FastAPI:
    app = FastAPI()
    page = "x" * PAGE_BYTES

    @app.get("/")
    def constant() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/page", response_class=HTMLResponse)
    def large() -> str:
        return page

    return app
