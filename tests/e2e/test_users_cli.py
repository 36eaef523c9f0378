"""`ramstein users add | role | list | token add | token list | token revoke` as an operator meets them, and the
audit trail they leave (origin `cli`, actor RAMSTEIN_ACTOR)."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli

PASSWORD = "a passphrase of five words\n"


def add(cli: Cli, monkeypatch: pytest.MonkeyPatch, *args: str, password: str = PASSWORD):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password))
    return cli("users", "add", *args, "--password-stdin")


def test_users_are_added_listed_and_given_roles(database: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    done = add(cli, monkeypatch, "anna.berg", "--role", "nation", "--nation", "dnk")
    assert done.code == 0, done.err
    assert "Added anna.berg as nation of DNK" in done.out
    assert add(cli, monkeypatch, "anna.berg", "--role", "analyst").code == 6  # taken
    short = add(cli, monkeypatch, "bo", "--role", "analyst", password="short\n")
    assert short.code == 3 and "too short" in short.err
    nationless = add(cli, monkeypatch, "carl", "--role", "nation")
    assert nationless.code == 3 and "--nation" in nationless.err
    assert cli("users", "role", "anna.berg", "--role", "liaison").code == 0
    listed = cli("users", "list", "--json").json()
    assert [(u["name"], u["role"], u["nation"]) for u in listed] == [("anna.berg", "liaison", "UKR")]
    assert "password" not in str(listed)
    with sqlite3.connect(database) as conn:
        trail = conn.execute("SELECT actor, action, origin, allowed FROM audit_records ORDER BY seq").fetchall()
    assert ("tester", "users.manage", "cli", 1) in trail


def test_tokens_are_shown_once_listed_without_secrets_and_revoked(
    database: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(cli, monkeypatch, "robot", "--role", "analyst")
    issued = cli("users", "token", "add", "robot", "--scope", "read", "--label", "nightly", "--days", "30")
    assert issued.code == 0, issued.err
    secret = issued.out.strip().splitlines()[-1]
    assert secret.startswith("rst_")
    (token,) = cli("users", "token", "list", "robot", "--json").json()
    assert token["label"] == "nightly" and token["expires_at"] and secret not in str(token)
    assert "key_hash" not in token
    assert cli("users", "token", "revoke", token["id"]).code == 0
    assert cli("users", "token", "list", "--json").json()[0]["revoked_at"]
    assert cli("users", "token", "revoke", "nope").code == 5
