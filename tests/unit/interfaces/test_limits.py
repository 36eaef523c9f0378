"""The request body limit: refused with 413 and the one error shape, whether the size is declared or not."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from ramstein.interfaces.limits import BodySizeLimit

LIMIT = 1000


def client() -> TestClient:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    @app.get("/ping")
    async def ping() -> dict[str, str]:
        return {"ping": "pong"}

    app.add_middleware(BodySizeLimit, max_bytes=LIMIT)
    return TestClient(app)


def chunks(total: int, size: int = 100) -> Iterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def test_bodies_up_to_the_limit_reach_the_route_whole() -> None:
    with client() as http:
        assert http.post("/echo", content=b"x" * LIMIT).json() == {"received": LIMIT}
        assert http.post("/echo", content=chunks(LIMIT)).json() == {"received": LIMIT}
        assert http.get("/ping").json() == {"ping": "pong"}


def test_a_declared_size_over_the_limit_is_refused_before_reading() -> None:
    with client() as http:
        refused = http.post("/echo", content=b"x" * (LIMIT + 1))
    assert refused.status_code == 413
    error = refused.json()["error"]
    assert error["code"] == "payload-too-large"
    assert "1,000 bytes" in error["message"] and "RAMSTEIN_MAX_REQUEST_BYTES" in error["hint"]


def test_a_chunked_body_is_refused_once_it_passes_the_limit() -> None:
    with client() as http:
        refused = http.post("/echo", content=chunks(LIMIT * 5))
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "payload-too-large"
