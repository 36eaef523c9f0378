"""`ramstein init` says how to make the first coordinator account, and says no more once there is one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli


def test_init_explains_the_first_coordinator_until_there_is_one(
    cli: Cli, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cli("init")
    assert first.code == 0, first.err
    assert "accounts: none yet" in first.out
    assert "ramstein users add NAME --role coordinator" in first.out

    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert cli("users", "add", "anna.berg", "--role", "coordinator", "--password-stdin").code == 0

    again = cli("init")
    assert "accounts: 1, coordinators: 1" in again.out
    assert "none yet" not in again.out
