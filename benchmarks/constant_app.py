"""The baseline of benchmarks/load.py: the smallest FastAPI app, one route returning a constant.

Served by uvicorn with the same workers and logging as `ramstein serve`, it shows what the framework, the
server and the load generator cost on this machine in the same run: ramstein's figures are read beside it.
"""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/")
    def constant() -> dict[str, str]:
        return {"status": "ok"}

    return app
