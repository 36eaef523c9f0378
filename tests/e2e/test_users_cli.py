"""`ramstein users add | role | list | purge | token add | token list | token revoke` as an operator meets them, and the
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


def test_purge_deletes_expired_sessions_and_old_failures_only(database: Path, cli: Cli) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO users (name, role, nation, password_hash, locale, created_at) "
                     "VALUES ('anna', 'analyst', NULL, 'x', NULL, '2026-01-01T00:00:00+00:00')")  # fmt: skip
        for key, expires in (("old", "2000-01-01T00:00:00+00:00"), ("live", "2999-01-01T00:00:00+00:00")):
            conn.execute("INSERT INTO sessions VALUES (?, 'anna', 'c', '2000-01-01T00:00:00+00:00', ?)", (key, expires))
        conn.execute(
            "INSERT INTO login_failures (user_name, origin, at) VALUES ('anna', 'x', '2000-01-01T00:00:00+00:00')"
        )
    done = cli("users", "purge", "--json")
    assert done.code == 0, done.err
    assert done.json() == {"sessions": 1, "failures": 1}
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT key_hash FROM sessions").fetchall() == [("live",)]
        assert conn.execute("SELECT count(*) FROM login_failures").fetchone() == (0,)
    assert "Deleted 0 expired session(s) and 0 old sign-in failure(s)" in cli("users", "purge").out
