"""Load test of `ramstein serve`: wrk on loopback, 200 clients, a read-heavy mix and a write mix, on SQLite and
PostgreSQL, each printed beside a minimal FastAPI endpoint returning a constant, served the same way in the
same run. After the writes: the ledger's count against the 201s the clients saw, and the chain verified.

Two kinds of run (benchmarks/README.md, "Load"): *closed* runs send each client's next request as soon as the
answer arrives (saturation: throughput, errors); *paced* runs make each client a user reading a page about once
a second (latency at 200 clients: p99). The targets say which run judges them.

    .venv/bin/python benchmarks/load.py --backend both --clients 200 --duration 20

wrk comes from Debian (`make setup` installs it when missing). The servers and wrk share this machine's cores:
compare the ratios to the constant endpoint, not the absolute figures. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).parent))
from load_checks import LedgerCheck, check_ledger, entries_with, postgres_database, send_retries

from ramstein.interfaces.cli.users_commands import EVENT_LOOP  # the constant is served as `ramstein serve` is

HERE = Path(__file__).parent
WRK_SCRIPTS = HERE / "wrk"
BIN = Path(sys.executable).parent
READ_PATHS = "3 /;3 /nations/DNK;2 /reports/burden.json?period=2024"  # overview, nation page, report JSON
API_PATHS = "1 /api/v1/nations/DNK;1 /api/v1/ledger?donor=DNK&limit=20"
PASSWORD = "load-test-password-1"  # a throwaway account in a throwaway database
PACE_MS = 1000  # a paced client's mean wait before each request: 200 users, each reading a page a second


@dataclass(frozen=True)
class Run:
    label: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    created: int | None = None
    kinds: str = ""  # which errors: wrk's connect, read, write, status (not 2xx/3xx), timeout
    cpu_ms: float = 0.0  # the server's CPU time (all its processes) per answered request: the load-proof figure

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def main() -> None:
    args = _arguments()
    args.port = args.port or _free_port()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make setup` installs it (Debian package wrk)")
    print(f"{args.clients} clients, {args.duration} s per run, {args.workers} worker(s); load average at start: "
          f"{_load()}")  # fmt: skip
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="ramstein-load-") as folder, _database(backend, Path(folder)) as url:
            failed |= not _measure(backend, url, Path(folder), args)
    print(f"load average at end: {_load()}")
    sys.exit(1 if failed and args.strict else 0)


def _measure(backend: str, url: str, folder: Path, args: argparse.Namespace) -> bool:
    env = _environment(url, folder)
    print(f"\n== {backend}: preparing (ramstein init, an analyst and a coordinator with tokens)", flush=True)
    _cli(env, "init")
    read_token = _account(env, "reader", "analyst", "read")
    write_token = _account(env, "writer", "coordinator", "write")
    runs: list[Run] = []
    paced = {"LOAD_PACE_MS": str(args.pace_ms)}
    with _server([str(BIN / "python"), "-m", "uvicorn", "--factory", "constant_app:create_app", "--app-dir",
                  str(HERE), "--port", str(args.port), "--workers", str(args.workers), "--loop", EVENT_LOOP],
                 env, args.port, "/") as (base, pid):  # fmt: skip
        runs.append(_wrk("constant", base, pid, "get.lua", args, {"LOAD_PATHS": "1 /"}))
        runs.append(_wrk("constant paced", base, pid, "get.lua", args, {"LOAD_PATHS": "1 /", **paced}))
        runs.append(_wrk("constant 75 KB", base, pid, "get.lua", args, {"LOAD_PATHS": "1 /page"}))  # not a target
    serve = [str(BIN / "ramstein"), "serve", "--port", str(args.port), "--workers", str(args.workers)]
    reads = {"LOAD_TOKEN": read_token}
    # A fresh server for each mix: requests still queued when wrk stops would otherwise starve the next mix.
    for label, read_paths, pace in (("read mix", args.read_paths, {}), ("read paced", args.read_paths, paced),
                                    ("API reads", args.api_paths, {})):  # fmt: skip
        with _server(serve, env, args.port, "/api/v1/openapi.json") as (base, pid):
            _wrk("warm-up", base, pid, "get.lua", args, {**reads, "LOAD_PATHS": read_paths}, clients=4, duration=5)
            runs.append(_wrk(label, base, pid, "get.lua", args, {**reads, "LOAD_PATHS": read_paths, **pace}))
    keys = folder / "keys"
    keys.mkdir()
    tag = f"{backend}{int(time.time())}"
    with _server(serve, env, args.port, "/api/v1/openapi.json") as (base, pid):
        runs.append(_wrk("write mix", base, pid, "pledge.lua", args,
                         {"LOAD_TOKEN": write_token, "LOAD_RUN": tag, "LOAD_KEYS_DIR": str(keys)}))  # fmt: skip
        retried = send_retries(base, write_token, f"retry-{tag}-")
    ledger = check_ledger(url, f"load-{tag}-", keys)
    retries = (retried, entries_with(url, f"retry-{tag}-"))
    return _print(backend, runs, ledger, retries, args)


def _print(backend: str, runs: list[Run], ledger: LedgerCheck, retries: tuple[int, int],
           args: argparse.Namespace) -> bool:  # fmt: skip
    by = {run.label: run for run in runs}
    base, read, paced, write = by["constant"].per_second, by["read mix"], by["read paced"], by["write mix"]
    print(f"\n{'':14} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs constant':>12} "
          f"{'CPU ms/request':>15}")  # fmt: skip
    for run in runs:
        ratio = "(paced)" if "paced" in run.label else f"{run.per_second / base:.0%}"  # paced: set by the clients
        print(f"{run.label:14} {run.per_second:11,.0f} {run.p50_ms:8.1f} {run.p99_ms:8.1f} {run.errors:7,} "
              f"{ratio:>12} {run.cpu_ms:15.2f}  {run.kinds}")  # fmt: skip
    print(f"closed runs: each client sends again as soon as it is answered, so mean latency = clients / throughput "
          f"(Little's law), and large answers wait longest (p99 of the constant's 75 KB answer: "
          f"{by['constant 75 KB'].p99_ms:,.0f} ms; the read mix's: {read.p99_ms:,.0f} ms); paced runs: each client "
          f"waits {args.pace_ms / 2000:g}-{args.pace_ms * 1.5 / 1000:g} s before each request ({args.clients} users, "
          f"each reading about a page every {args.pace_ms / 1000:g} s)")  # fmt: skip
    print(f"writes: {write.created:,} answered 201; the ledger gained {ledger.gained:,} with {ledger.keys:,} distinct "
          f"keys; recorded twice: {ledger.duplicated}; answered 201 but missing: {ledger.lost}; recorded after the "
          f"clients stopped waiting (in flight at the end): {ledger.unanswered}")  # fmt: skip
    print(f"retries: {retries[0]} pledges sent twice with the same Idempotency-Key; the ledger holds {retries[1]}")
    print(f"chain: {'intact' if ledger.intact else 'BROKEN'}, {ledger.checked:,} entries")
    checks = {
        "reads p99 < 100 ms (read paced)": paced.p99_ms < 100,
        "zero errors (every ramstein run)": all(
            run.errors == 0 for run in runs if not run.label.startswith("constant")
        ),
        "reads >= 50 % of constant (read mix vs constant, closed)": read.per_second >= 0.5 * base,
        "no lost or duplicated writes": ledger.lost == 0 and ledger.duplicated == 0 and retries[0] == retries[1],
        "chain intact": ledger.intact,
    }
    print(f"{backend} targets: " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks.items()))
    return all(checks.values())


def _wrk(label: str, base: str, server: int, script: str, args: argparse.Namespace, env: dict[str, str],
         clients: int | None = None, duration: int | None = None) -> Run:  # fmt: skip
    clients = clients or args.clients
    cpu_before = _cpu_seconds(server)
    command = ["wrk", f"-t{args.threads}", f"-c{clients}", f"-d{duration or args.duration}s", "--timeout", "10s",
               "-s", str(WRK_SCRIPTS / script), base]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True,
                          env={**os.environ, "LOAD_LUA_DIR": str(WRK_SCRIPTS), **env})  # fmt: skip
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    found = json.loads(line.removeprefix("RESULT "))
    cpu_ms = (_cpu_seconds(server) - cpu_before) * 1000 / max(found["requests"], 1)
    kinds = {k: found[k] for k in ("connect", "read", "write", "status", "timeout") if found[k]}
    return Run(label, found["requests"], found["duration_us"] / 1e6, found["p50_us"] / 1000, found["p99_us"] / 1000,
               sum(kinds.values()), found.get("created"), " ".join(f"{k} {n}" for k, n in kinds.items()),
               cpu_ms)  # fmt: skip


def _cpu_seconds(group: int) -> float:
    """User and system CPU time of every process in a process group (the server and its workers), from /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[2]) == group:  # pgrp
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def _server(command: list[str], env: dict[str, str], port: int, probe: str) -> Iterator[tuple[str, int]]:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base + probe, process, log)
            yield base, process.pid  # the pid is also the group id: start_new_session
        finally:
            os.killpg(process.pid, signal.SIGTERM)  # the server and its workers: a process group of our own
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # still answering a backlog of queued requests: no need
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"the server stopped: {log.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not answer {url} within a minute")


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
    else:
        with postgres_database() as url:
            yield url


def _environment(url: str, folder: Path) -> dict[str, str]:
    return {**os.environ, "RAMSTEIN_DATABASE_URL": url, "RAMSTEIN_ANALYTICS_PATH": str(folder / "analytics.duckdb"),
            "RAMSTEIN_ACTOR": "load-admin", "RAMSTEIN_COOKIE_SECURE": "false"}  # fmt: skip


def _cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([str(BIN / "ramstein"), *args], input=stdin, env=env, capture_output=True, text=True,
                          check=False)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"ramstein {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def _account(env: dict[str, str], name: str, role: str, scope: str) -> str:
    _cli(env, "users", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    return _cli(env, "users", "token", "add", name, "--scope", scope).strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=200, help="concurrent connections (wrk -c)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (both servers)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--read-paths", default=READ_PATHS, help='"weight path;..." of the read mix')
    parser.add_argument("--api-paths", default=API_PATHS, help='"weight path;..." of the API reads')
    parser.add_argument("--pace-ms", type=int, default=PACE_MS, help="a paced client's mean wait between requests")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args()


if __name__ == "__main__":
    main()
