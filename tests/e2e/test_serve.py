"""`ramstein serve` answers over HTTP: on the initialised SQLite default, and with two workers on PostgreSQL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(*options: str) -> Iterator[str]:
    port = free_port()
    command = [str(Path(sys.executable).with_name("ramstein")), "serve", "--port", str(port), *options]
    server = subprocess.Popen(command, env=os.environ.copy(), stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/v1/me", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else "server died"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_on_the_sqlite_default(database: Path) -> None:
    with serving() as base:
        nations = httpx.get(f"{base}/api/v1/nations?member_of=NATO").json()
        assert nations["total"] >= 30
        missing = httpx.get(f"{base}/api/v1/ledger/999999999")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not-found"


@pytest.mark.postgres
def test_serve_with_two_workers_on_postgresql(postgres_url: str) -> None:
    with serving("--workers", "2") as base:
        answers = {httpx.get(f"{base}/api/v1/me").json()["role"] for _ in range(10)}
        assert answers == {"public"}


def test_serve_runs_on_the_standard_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not uvloop: under overload it let a few connections wait seconds (benchmarks/README.md, "Which event loop")."""
    import uvicorn
    from typer.testing import CliRunner

    from ramstein.interfaces.cli.app import app

    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: started.update(options, target=target))
    done = CliRunner().invoke(app, ["serve", "--port", "8123", "--workers", "2"])
    assert done.exit_code == 0, done.output
    assert started["loop"] == "asyncio"
    assert (started["port"], started["workers"], started["factory"]) == (8123, 2, True)
