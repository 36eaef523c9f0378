"""Allocation rounds: run one (build the problem, call the optimiser, store the round), accept one (write
the commitments to the ledger), and confirm deliveries (write delivery entries, closing lines when met).

Crews tied to equipment are matched in a second solve, once the first says when their equipment arrives:
the training needs form their own groups, so the second solve changes only their needed-by dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ramstein.domain.access import Actor
from ramstein.domain.allocation import Assignment, Lock, Problem, Result, Status, compatible
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.problem import build_problem
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Decision, decision
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round, ledger_entry, round_source
from ramstein.domain.errors import Conflict, InvalidInput, NotFound
from ramstein.domain.ledger import Entry, EntryKind
from ramstein.services.ledger import append
from ramstein.services.ports import Clock, Optimiser, UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class RoundView:
    round: Round
    acceptance: Acceptance | None
    registers: Registers  # to name the donors, items and needs behind the ids


def run(
    uow_factory: UnitOfWorkFactory, optimiser: Optimiser, catalogue: Catalogue, *, as_of: date,
    actor: Actor, clock: Clock, locks: Sequence[Lock] = (), note: str = "",
) -> Round:  # fmt: skip
    with uow_factory() as uow:
        uow.lock_ledger()  # one writer at a time: round numbers never clash
        registers = uow.coordination.registers()
        problem = build_problem(registers, catalogue, as_of, locks=tuple(locks))
        check_locks(problem)
        result = _solve(optimiser, registers, catalogue, problem, as_of)
        number = max((r.number for r in registers.rounds), default=0) + 1
        done = Round(number, as_of, registers.last_accepted(), result, tuple(locks), actor.name, clock(), note)
        uow.coordination.add_round(done)
        uow.commit()
    return done


def _solve(optimiser: Optimiser, registers: Registers, catalogue: Catalogue, problem: Problem, as_of: date) -> Result:
    result = optimiser.solve(problem)
    crews_for = {r.crew_for for r in registers.requirements if r.crew_for}
    available = {o.id: o.available_on for o in problem.offers}
    expected: dict[str, date] = {}
    for a in result.assignments:
        if a.need in crews_for:
            expected[a.need] = max(expected.get(a.need, available[a.offer]), available[a.offer])
    if not expected:
        return result
    again = build_problem(registers, catalogue, as_of, locks=problem.locks, expected_deliveries=expected)
    return result if again.needs == problem.needs else optimiser.solve(again)


def check_locks(problem: Problem) -> None:
    """A lock names an open offer and an open need that are compatible, within both quantities."""
    needs, offers = {n.id: n for n in problem.needs}, {o.id: o for o in problem.offers}
    by_need, by_offer = Counter[str](), Counter[str]()
    for lock in problem.locks:
        need, offer = needs.get(lock.need), offers.get(lock.offer)
        if need is None or offer is None:
            missing = lock.need if need is None else lock.offer
            raise InvalidInput(f"lock {lock.offer}:{lock.need}: {missing} is not open in this round")
        if lock.quantity <= 0 or not compatible(need, offer, problem.substitutes):
            raise InvalidInput(f"lock {lock.offer}:{lock.need}: a positive quantity of a compatible offer is needed")
        by_need[lock.need] += lock.quantity
        by_offer[lock.offer] += lock.quantity
    for counts, sizes, what in ((by_need, needs, "need"), (by_offer, offers, "offer")):
        for id_, locked in counts.items():
            if locked > sizes[id_].quantity:
                raise InvalidInput(
                    f"locks give {locked} to {what} {id_}, which has only {sizes[id_].quantity} open",
                    hint="lower the locked quantities; nothing was stored.",
                )


def show(uow_factory: UnitOfWorkFactory, number: int) -> RoundView:
    with uow_factory() as uow:
        registers = uow.coordination.registers()
    found = next((r for r in registers.rounds if r.number == number), None)
    if found is None:
        raise NotFound(f"no allocation round {number}", hint="`ramstein rounds run` runs one.")
    acceptance = next((a for a in registers.acceptances if a.round == number), None)
    return RoundView(found, acceptance, registers)


def accept(uow_factory: UnitOfWorkFactory, number: int, *, actor: Actor, clock: Clock) -> Acceptance:
    """Write one commitment entry per valued assignment to the ledger, dated today, so credit follows."""
    with uow_factory() as uow:
        uow.lock_ledger()
        registers = uow.coordination.registers()
        view = RoundView(_round(registers, number), None, registers)
        _check_acceptable(view)
        on = clock().date()
        pairs = Counter[tuple[str, str]]()  # a locked and a free part of one pair make one commitment
        for a in view.round.result.assignments:
            pairs[a.offer, a.need] += a.quantity
        assigned = [Assignment(offer, need, quantity, 0) for (offer, need), quantity in pairs.items()]
        entries = [e for a in assigned if (e := _entry(registers, number, a, on)) is not None]
        recorded = append(uow, entries, actor, clock)
        acceptance = Acceptance(number, actor.name, clock(), tuple(r.seq for r in recorded))
        uow.coordination.add_acceptance(acceptance)
        uow.commit()
    return acceptance


def confirm_delivery(
    uow_factory: UnitOfWorkFactory, requirement: str, offer: str, quantity: int, *, on: date,
    actor: Actor, clock: Clock,
) -> Delivery:  # fmt: skip
    """Ukraine's liaison confirms what arrived: partial deliveries allowed, never more than was committed."""
    if on > clock().date():
        raise InvalidInput(f"a delivery on {on} is in the future", hint="confirm it once it has arrived.")
    with uow_factory() as uow:
        uow.lock_ledger()
        registers = uow.coordination.registers()
        line, supply = registers.requirement(requirement), registers.supply(offer)
        if line is None or supply is None:
            raise NotFound(f"no requirement {requirement} or no offer {offer}", hint="see `ramstein needs list`.")
        outstanding = registers.committed_pair(offer, requirement) - registers.delivered_pair(offer, requirement)
        if not 0 < quantity <= outstanding:
            raise InvalidInput(
                f"{offer} has {outstanding} committed and not yet delivered for {requirement}, not {quantity}",
                hint="confirm at most what an accepted round committed (`ramstein rounds show N`).",
            )
        key = f"delivery-{len(registers.deliveries) + 1}:{offer}:{requirement}"
        entry = ledger_entry(EntryKind.DELIVERY, supply, line, quantity, on=on, source="delivery confirmed", key=key)
        seq = append(uow, [entry], actor, clock)[0].seq if entry else None
        stored = uow.coordination.add_delivery(Delivery(requirement, offer, quantity, on, actor.name, clock(), seq))
        uow.commit()
    return stored


def _round(registers: Registers, number: int) -> Round:
    found = next((r for r in registers.rounds if r.number == number), None)
    if found is None:
        raise NotFound(f"no allocation round {number}", hint="`ramstein rounds run` runs one.")
    return found


def _check_acceptable(view: RoundView) -> None:
    number, registers = view.round.number, view.registers
    if any(a.round == number for a in registers.acceptances):
        raise Conflict(f"round {number} was accepted already")
    if view.round.basis != registers.last_accepted():
        raise Conflict(
            f"round {number} is stale: round {registers.last_accepted()} was accepted after it was run",
            hint="run a new round (`ramstein rounds run`) and accept that one.",
        )
    if view.round.result.status not in (Status.OPTIMAL, Status.FEASIBLE) or not view.round.result.assignments:
        raise Conflict(f"round {number} ({view.round.result.status}) assigns nothing to accept")
    gone = registers.withdrawn() | {r.id for r in registers.requirements
                                    if decision(registers.events, r.id) is Decision.WITHDRAWN}  # fmt: skip
    if used := sorted({x for a in view.round.result.assignments for x in (a.offer, a.need)} & gone):
        raise Conflict(
            f"round {number} assigns {', '.join(used)}, withdrawn since it was run",
            hint="run a new round (`ramstein rounds run`) and accept that one.",
        )


def _entry(registers: Registers, number: int, a: Assignment, on: date) -> Entry | None:
    supply, line = registers.supply(a.offer), registers.requirement(a.need)
    if supply is None or line is None:  # pragma: no cover - a round only names what its registers held
        raise NotFound(f"round {number} names {a.offer} or {a.need}, which are not in the registers")
    key = f"round-{number}:{a.offer}:{a.need}"
    return ledger_entry(EntryKind.COMMITMENT, supply, line, a.quantity, on=on, source=round_source(number), key=key)
