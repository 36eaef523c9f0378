"""`ramstein users add | role | list | purge | token add | token list | token revoke` and `ramstein serve`."""

from __future__ import annotations

import dataclasses
import sys
from datetime import timedelta
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.access import Role
from ramstein.domain.accounts import Scope
from ramstein.domain.errors import InvalidInput
from ramstein.interfaces.cli.output import print_json, stdout
from ramstein.services import accounts
from ramstein.services.guard import Caller

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
NationOption = Annotated[
    str | None, typer.Option(help="A nation representative's nation (ISO 3166-1 alpha-3, e.g. DEU).")
]
users_app = typer.Typer(
    help="Accounts of the web app and the API: roles (coordinator, nation, liaison, analyst) and API tokens. "
    "The command line acts as the coordinator named by RAMSTEIN_ACTOR.",
    no_args_is_help=True,
)
WORKER_START_S = 60
# The standard library's event loop, not uvloop: under overload uvloop let a few connections wait seconds while
# the others were served (benchmarks/README.md, "Which event loop"); asyncio's loop serves them in turn.
EVENT_LOOP = "asyncio"
token_app = typer.Typer(help="API tokens: hashed at rest, scoped (read or write), revocable.", no_args_is_help=True)
users_app.add_typer(token_app, name="token")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command()(serve)


def _caller(app: bootstrap.App) -> Caller:
    return Caller(app.actor)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user name to sign in with, e.g. anna.berg.")],
    role: Annotated[Role, typer.Option(help="coordinator, nation, liaison or analyst.")],
    nation: NationOption = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin (scripts).")
    ] = False,
) -> None:
    """Create a user. The password (12 characters or more) is asked for twice, or read from stdin.

    Example: `ramstein users add anna.berg --role nation --nation DNK`
    """
    password = _password(password_stdin)
    app = bootstrap.build()
    user = accounts.add_user(app.uow, app.hasher(), _caller(app), app.clock, name=name, password=password,
                             role=role, nation=nation)  # fmt: skip
    stdout.print(f"Added {user.name} as {user.role}{' of ' + user.nation if user.nation else ''}.")


@users_app.command("role")
def role(
    name: Annotated[str, typer.Argument(help="The user.")],
    role: Annotated[Role, typer.Option(help="The new role: coordinator, nation, liaison or analyst.")],
    nation: NationOption = None,
) -> None:
    """Give a user another role; the user's sessions end, so the change applies from its next sign-in."""
    app = bootstrap.build()
    user = accounts.set_role(app.uow, _caller(app), app.clock, name=name, role=role, nation=nation)
    stdout.print(f"{user.name} is now {user.role}{' of ' + user.nation if user.nation else ''}.")


@users_app.command("list")
def list_users(as_json: JsonFlag = False) -> None:
    """List users with their roles, nations and languages (never their password hashes)."""
    app = bootstrap.build()
    found = accounts.users(app.uow, _caller(app), app.clock)
    rows = [{"name": u.name, "role": u.role, "nation": u.nation, "locale": u.locale, "created_at": u.created_at}
            for u in found]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    table = Table("name", "role", "nation", "language", "since", title=f"{len(found)} users")
    for u in found:
        table.add_row(u.name, u.role, u.nation or "", u.locale or "", f"{u.created_at:%Y-%m-%d}")
    stdout.print(table)


@users_app.command("purge")
def purge(as_json: JsonFlag = False) -> None:
    """Delete expired sessions and sign-in failures older than the throttling window (15 minutes).

    Every sign-in does the same on its way, so a busy server needs no cron job; run this on a quiet one, or
    after lowering RAMSTEIN_SESSION_HOURS. The audit trail keeps every sign-in and failure.
    """
    app = bootstrap.build()
    done = accounts.purge(app.uow, _caller(app), app.clock, app.access_policy())
    if as_json:
        print_json(dataclasses.asdict(done))
        return
    stdout.print(f"Deleted {done.sessions} expired session(s) and {done.failures} old sign-in failure(s)")


@token_app.command("add")
def add_token(
    name: Annotated[str, typer.Argument(help="The user the token acts for.")],
    scope: Annotated[Scope, typer.Option(help="read (reads only) or write (reads and writes).")] = Scope.READ,
    label: Annotated[str, typer.Option(help="What the token is for, e.g. 'nightly import'.")] = "",
    days: Annotated[int | None, typer.Option(min=1, help="Expire after this many days (default: never).")] = None,
) -> None:
    """Issue an API token and print it ONCE: only its hash is stored. Send it as `Authorization: Bearer ...`."""
    app = bootstrap.build()
    expires = app.clock() + timedelta(days=days) if days else None
    token, secret = accounts.issue_token(app.uow, _caller(app), app.clock, user=name, scope=scope, label=label,
                                         expires_at=expires)  # fmt: skip
    stdout.print(f"Token {token.id} ({token.scope}) for {token.user}; store it now, it is not shown again:")
    print(secret)


@token_app.command("list")
def list_tokens(
    name: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None, as_json: JsonFlag = False
) -> None:
    """List tokens: id, user, scope, label, when made, expires, revoked (never the secrets)."""
    app = bootstrap.build()
    found = accounts.tokens(app.uow, _caller(app), app.clock, name)
    if as_json:
        print_json([{k: v for k, v in dataclasses.asdict(t).items() if k != "key_hash"} for t in found])
        return
    table = Table("id", "user", "scope", "label", "created", "expires", "revoked", title=f"{len(found)} tokens")
    for t in found:
        table.add_row(t.id, t.user, t.scope, t.label, f"{t.created_at:%Y-%m-%d}",
                      f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "", f"{t.revoked_at:%Y-%m-%d %H:%M}"
                      if t.revoked_at else "")  # fmt: skip
    stdout.print(table)


@token_app.command("revoke")
def revoke_token(token_id: Annotated[str, typer.Argument(help="The token's id (see `users token list`).")]) -> None:
    """Revoke a token: requests with it are refused (401) from now on."""
    app = bootstrap.build()
    token = accounts.revoke_token(app.uow, _caller(app), app.clock, token_id=token_id)
    stdout.print(f"Token {token.id} of {token.user} is revoked.")


def serve(
    host: Annotated[str, typer.Option(help="The address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (use several on PostgreSQL).")] = 1,
) -> None:
    """Serve the web app and the API (uvicorn) on the database of RAMSTEIN_DATABASE_URL.

    Open http://127.0.0.1:8000/ (pages) or http://127.0.0.1:8000/api/v1/docs (the API). Run `ramstein init` first,
    and `ramstein users add NAME --role coordinator` for the first account.
    """
    import uvicorn

    # A worker imports the whole app (solvers, renderers) before it answers the supervisor's health check: on a
    # busy machine that takes longer than uvicorn's default 5 seconds, and the worker would be killed and restarted.
    uvicorn.run("ramstein.interfaces.server:create_app", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, timeout_worker_healthcheck=WORKER_START_S, loop=EVENT_LOOP)  # fmt: skip


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise InvalidInput("the two passwords differ", hint="run the command again and type the same twice.")
    return str(first)
