"""Runs every allocation scenario in tests/scenarios/allocation/*.yaml (see the README beside them).

A scenario goes through what a coordinator uses: the registers of the in-memory store filled by the real
services (propose and approve lines, record offers, courses and restriction changes, withdraw), a round run
by `services.rounds` with the real catalogue and the exact optimiser, accepted and delivered when the
scenario says so. `via: allocate` runs the database-free interchange form instead (`ramstein allocate`).
The answers in the files were worked out by hand from the objective in docs/allocation.md.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import yaml

from ramstein.adapters.importers import nations, shipped
from ramstein.adapters.importers.catalogue import ShippedCatalogue
from ramstein.adapters.memory import MemoryStore
from ramstein.adapters.solvers import solve
from ramstein.bootstrap import ExactOptimiser
from ramstein.domain.allocation import Lock, Result
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.errors import RamsteinError
from ramstein.domain.money import money
from ramstein.domain.nations import Nation
from ramstein.domain.reference import DatasetInfo
from ramstein.interfaces.cli.allocate_commands import interchange_problem
from ramstein.services import needs, reference, rounds, supply
from ramstein.services.ledger import local_actor
from ramstein.services.ports import UnitOfWorkFactory

HERE = Path(__file__).parent / "allocation"
SCENARIOS = sorted(HERE.glob("*.yaml"))
ACTOR = local_actor("scenario")
CATALOGUE = ShippedCatalogue().load()


@pytest.fixture(scope="module")
def known_nations() -> tuple[list[Nation], DatasetInfo]:
    """The shipped nations: a scenario's donors are real nations, as in the registers."""
    found, info, issues = nations.read_nations(*shipped.shipped_nations(), loaded_at=datetime(2000, 1, 1, tzinfo=UTC))
    assert not issues
    return found, info


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, known_nations: tuple[list[Nation], DatasetInfo], tmp_path: Path) -> None:
    case = yaml.safe_load(path.read_text())
    if case.get("via") == "allocate":
        check(allocate(case, tmp_path), case["expect"], None)
        return
    factory = MemoryStore().unit_of_work
    found, info = known_nations
    reference.install_nations(factory, info, found)
    for step in [case, *case.get("then", [])]:
        today = step.get("today", case.get("today"))
        result = run_step(factory, step, today)
        check(result, step["expect"], factory)


def run_step(factory: UnitOfWorkFactory, step: dict[str, Any], today: date) -> Result | str:
    """Record what the step brings, run a round (or take the refusal's message), accept and deliver."""

    def clock() -> datetime:
        return datetime.combine(today, time(9), UTC)

    record(factory, step, clock)
    locks = [Lock(k["offer"], k["need"], k["quantity"]) for k in step.get("locks", [])]
    try:
        done = rounds.run(factory, ExactOptimiser(), CATALOGUE, as_of=today, actor=ACTOR, clock=clock, locks=locks)
    except RamsteinError as refused:
        return refused.message
    if step.get("accept"):
        rounds.accept(factory, done.number, actor=ACTOR, clock=clock)
    for d in step.get("deliveries", []):
        rounds.confirm_delivery(factory, d["need"], d["offer"], d["quantity"], on=today, actor=ACTOR, clock=clock)
    return done.result


def record(factory: UnitOfWorkFactory, step: dict[str, Any], clock: Any) -> None:
    lines = [requirement(n, CATALOGUE) for n in step.get("needs", [])]
    if lines:
        needs.propose(factory, lines, actor=ACTOR, clock=clock)
        approved = [n["id"] for n in step["needs"] if n.get("status", "approved") != "proposed"]
        needs.decide(factory, approved, Decision.APPROVED, actor=ACTOR, clock=clock)
    if step.get("offers"):
        supply.add_offers(factory, CATALOGUE, [offer(o) for o in step["offers"]], actor=ACTOR, clock=clock)
    for c in step.get("courses", []):
        supply.add_course(factory, CATALOGUE, course(c), actor=ACTOR, clock=clock)
    for r in step.get("restrictions", []):
        change = RestrictionChange(r["donor"], r["use"], Action(r["action"]), r["date"], r.get("scope", "*"))
        supply.add_restriction(factory, CATALOGUE, change, actor=ACTOR, clock=clock)
    if step.get("withdraw-offers"):
        supply.withdraw(factory, step["withdraw-offers"], reason="scenario", actor=ACTOR, clock=clock)
    if step.get("withdraw-needs"):
        needs.decide(factory, step["withdraw-needs"], Decision.WITHDRAWN, actor=ACTOR, clock=clock)


def requirement(n: dict[str, Any], catalogue: Catalogue) -> Requirement:
    return Requirement(
        n["id"], catalogue.get(n["item"]).capability, n["item"], n["quantity"], n.get("priority", 3),
        n["needed-by"], n.get("use"), crew_for=n.get("crew-for"),
    )  # fmt: skip


def offer(o: dict[str, Any]) -> DonorOffer:
    value = money(str(o.get("unit-value", 1000)), o.get("currency", "EUR"))
    uses = frozenset(o.get("forbids", []))
    return DonorOffer(o["id"], o["donor"], o["item"], o["quantity"], o["available"], Origin.STOCK, value, uses)


def course(c: dict[str, Any]) -> Course:
    return Course(c["id"], c["host"], c["type"], c["seats"], c["starts"], c["ends"])


def allocate(case: dict[str, Any], folder: Path) -> Result:
    """The interchange form: the needs, offers and locks written as `ramstein allocate` reads them."""
    files = {
        "needs": [{"id": n["id"], "item": n["item"], "quantity": n["quantity"], "priority": n.get("priority", 3),
                   "needed_by": n["needed-by"], "intended_use": n.get("use", "")} for n in case.get("needs", [])],
        "offers": [{"id": o["id"], "donor": o["donor"], "item": o["item"], "quantity": o["quantity"],
                    "available_on": o["available"], "forbidden_uses": ";".join(o.get("forbids", []))}
                   for o in case.get("offers", [])],
        "locks": [{"offer": k["offer"], "need": k["need"], "quantity": k["quantity"]} for k in case.get("locks", [])],
    }  # fmt: skip
    headers = {
        "needs": "id,item,quantity,priority,needed_by,intended_use",
        "offers": "id,donor,item,quantity,available_on,forbidden_uses",
        "locks": "offer,need,quantity",
    }
    for name, rows in files.items():
        with (folder / f"{name}.csv").open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=headers[name].split(","))
            writer.writeheader()
            writer.writerows(rows)
    locks = folder / "locks.csv" if files["locks"] else None
    return solve(interchange_problem(folder / "needs.csv", folder / "offers.csv", locks))


def check(result: Result | str, expect: dict[str, Any], factory: UnitOfWorkFactory | None) -> None:
    if "refused" in expect:
        assert isinstance(result, str), f"expected a refusal saying {expect['refused']!r}, got {result}"
        assert expect["refused"] in result, result
        assert factory is None or len(needs.registers(factory).rounds) == expect.get("rounds", 0)
        return
    assert not isinstance(result, str), f"refused: {result}"
    assert result.status.value == expect["status"], (result.status, result.message)
    if "objective" in expect:
        assert result.objective == pytest.approx(expect["objective"], abs=1e-6), result.objective
    if "message" in expect:
        assert expect["message"] in result.message, result.message
    if "assignments" in expect:
        got = sorted((a.offer, a.need, a.quantity) for a in result.assignments)
        wanted = sorted((a["offer"], a["need"], a["quantity"]) for a in expect["assignments"] or [])
        assert got == wanted, f"assignments {got} != {wanted}"
        by_pair = {(a.offer, a.need): a for a in result.assignments}
        for a in expect["assignments"] or []:
            for key, field in (("days-late", "days_late"), ("locked", "locked")):
                if key in a:
                    assert getattr(by_pair[a["offer"], a["need"]], field) == a[key], (a, by_pair[a["offer"], a["need"]])
    if "unmet" in expect:
        check_unmet(result, expect["unmet"] or [])
    if factory is not None:
        check_lines(factory, expect.get("lines", {}))


def check_unmet(result: Result, expected: list[dict[str, Any]]) -> None:
    got = {s.need: s for s in result.shortfalls}
    assert sorted(got) == sorted(u["need"] for u in expected), f"unmet needs {sorted(got)}"
    for u in expected:
        short = got[u["need"]]
        assert short.quantity == u["quantity"], short
        assert "reason" not in u or short.reason.value == u["reason"], short
        if "detail" in u:
            assert u["detail"] in short.detail, short.detail


def check_lines(factory: UnitOfWorkFactory, expected: dict[str, dict[str, Any]]) -> None:
    progress = {p.requirement.id: p for p in needs.progress(factory)}
    for id_, wanted in expected.items():
        line = progress[id_]
        seen = {"status": line.status.value, "committed": line.committed, "delivered": line.delivered,
                "open": line.open, "by": dict(line.by_donor), "why-open": line.why_open}  # fmt: skip
        why = wanted.get("why-open", "")
        assert why in line.why_open, f"{id_} is open because {line.why_open!r}, not {why!r}"
        assert {k: seen[k] for k in wanted if k != "why-open"} == {
            k: v for k, v in wanted.items() if k != "why-open"
        }, f"{id_}: {seen}"
