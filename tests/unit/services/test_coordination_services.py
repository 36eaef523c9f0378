"""The coordination workflow with the in-memory store and a tiny fake optimiser: propose, approve, offer,
run a round (with locks), accept (ledger commitments the burden report credits), confirm deliveries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ramstein.adapters.analytics_python import PythonLedgerAnalytics
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.allocation import Lock
from ramstein.domain.coordination.requirements import Decision, LineStatus
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.errors import Conflict, InvalidInput, NotFound, RejectedImport
from ramstein.domain.ledger import Capability, EntryKind
from ramstein.domain.money import money
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.reference import DatasetKind
from ramstein.domain.rules import RuleSet, report_period
from ramstein.services import burden, ledger, needs, reference, rounds, supply
from ramstein.services.ledger_import import Row
from ramstein.services.ports import LedgerQuery, UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table
from tests.coordination_builders import GreedyOptimiser, a_catalogue, a_course, a_requirement, an_offer

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)
ACTOR = ledger.local_actor("coordinator")
ALLY = (Membership(Body.NATO, date(1949, 8, 24)),)


def clock() -> datetime:
    return NOW


@pytest.fixture
def factory() -> UnitOfWorkFactory:
    made = MemoryStore().unit_of_work
    found = [Nation("UKR", "Ukraine", "UAH"), Nation("DEU", "Germany", "EUR", memberships=ALLY),
             Nation("USA", "United States", "USD", memberships=ALLY)]  # fmt: skip
    reference.install_nations(made, a_dataset(DatasetKind.NATIONS), found)
    reference.install_rates(made, a_dataset(DatasetKind.FX), a_rate_table({"USD": {date(2025, 1, 2): "1.03"}}))
    gdp = [GdpValue(c, 2024, money(v, "EUR"), "test") for c, v in (("DEU", "4000bn"), ("USA", "26000bn"))]
    reference.install_gdp(made, a_dataset(DatasetKind.GDP), gdp)
    return made


def approved(factory: UnitOfWorkFactory, *lines) -> list[str]:  # type: ignore[no-untyped-def]
    recorded = needs.propose(factory, [a_requirement(id="", **line) for line in lines], actor=ACTOR, clock=clock)
    ids = [r.id for r in recorded]
    needs.decide(factory, ids, Decision.APPROVED, actor=ACTOR, clock=clock)
    return ids


def run(factory: UnitOfWorkFactory, locks=()):  # type: ignore[no-untyped-def]
    return rounds.run(factory, GreedyOptimiser(), a_catalogue(), as_of=NOW.date(), actor=ACTOR, clock=clock,
                      locks=locks)  # fmt: skip


def test_only_approved_lines_are_matched_and_a_line_is_partly_met(factory: UnitOfWorkFactory) -> None:
    (r1,) = approved(factory, {"quantity": 1000})
    needs.propose(factory, [a_requirement(id="", quantity=5)], actor=ACTOR, clock=clock)  # R2: only proposed
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=600)], actor=ACTOR, clock=clock)
    done = run(factory)
    assert [(a.offer, a.need, a.quantity) for a in done.result.assignments] == [("O1", r1, 600)]
    rounds.accept(factory, done.number, actor=ACTOR, clock=clock)
    line = {p.requirement.id: p for p in needs.progress(factory)}[r1]
    assert (line.status, line.committed, line.open, line.by_donor) == (LineStatus.PARTLY_MET, 600, 400, {"DEU": 600})


def test_locks_are_kept_and_the_rest_is_reoptimised(factory: UnitOfWorkFactory) -> None:
    urgent, later = approved(factory, {"quantity": 100, "priority": 5}, {"quantity": 100, "priority": 1})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=150)], actor=ACTOR, clock=clock)
    done = run(factory, locks=[Lock("O1", later, 80)])
    got = {(a.need, a.quantity, a.locked) for a in done.result.assignments}
    assert got == {(later, 80, True), (urgent, 70, False)}
    assert done.locks == (Lock("O1", later, 80),)


def test_a_lock_beyond_a_quantity_is_refused_and_nothing_is_stored(factory: UnitOfWorkFactory) -> None:
    (r1,) = approved(factory, {"quantity": 100})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=50)], actor=ACTOR, clock=clock)
    with pytest.raises(InvalidInput, match="locks give 60 to offer O1, which has only 50 open"):
        run(factory, locks=[Lock("O1", r1, 60)])
    with pytest.raises(InvalidInput, match="R9 is not open"):
        run(factory, locks=[Lock("O1", "R9", 1)])
    assert needs.registers(factory).rounds == ()


def test_accepting_writes_commitments_that_the_burden_report_credits(factory: UnitOfWorkFactory) -> None:
    approved(factory, {"quantity": 1000})
    offer = an_offer(id="", quantity=600, unit_value=money("4000", "EUR"))
    supply.add_offers(factory, a_catalogue(), [offer], actor=ACTOR, clock=clock)
    done = run(factory)
    acceptance = rounds.accept(factory, done.number, actor=ACTOR, clock=clock)
    entries, _ = ledger.find(factory, LedgerQuery(kind=EntryKind.COMMITMENT))
    assert [r.seq for r in entries] == list(acceptance.entries)
    (entry,) = [r.entry for r in entries]
    assert (entry.donor, entry.recipient, entry.amount, entry.source) == ("DEU", "UKR", money("2.4m", "EUR"),
                                                                          "allocation round 1")  # fmt: skip
    assert (entry.items[0].name, entry.items[0].quantity, entry.capability) == ("155mm-he-round", 600,
                                                                                Capability.AMMUNITION)  # fmt: skip
    rules = RuleSet("test", 1, "Test")
    analytics = PythonLedgerAnalytics(factory)
    report = burden.burden_report(factory, analytics, analytics,
                                  burden.BurdenRequest(rules, report_period(rules, "2025")), clock)  # fmt: skip
    assert {r.nation: r.committed_eur for r in report.rows}["DEU"] == Decimal("2400000")
    with pytest.raises(Conflict, match="accepted already"):
        rounds.accept(factory, done.number, actor=ACTOR, clock=clock)


def test_a_round_run_before_another_was_accepted_is_stale(factory: UnitOfWorkFactory) -> None:
    approved(factory, {"quantity": 10})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=600)], actor=ACTOR, clock=clock)
    first, second = run(factory), run(factory)
    rounds.accept(factory, second.number, actor=ACTOR, clock=clock)
    with pytest.raises(Conflict, match="stale"):
        rounds.accept(factory, first.number, actor=ACTOR, clock=clock)
    assert run(factory).result.assignments == ()  # the need is committed: nothing left to match


def test_deliveries_close_the_line_step_by_step(factory: UnitOfWorkFactory) -> None:
    (r1,) = approved(factory, {"quantity": 100})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=100)], actor=ACTOR, clock=clock)
    rounds.accept(factory, run(factory).number, actor=ACTOR, clock=clock)
    first = rounds.confirm_delivery(factory, r1, "O1", 40, on=date(2025, 2, 20), actor=ACTOR, clock=clock)
    assert {p.requirement.id: p.status for p in needs.progress(factory)}[r1] is LineStatus.COMMITTED
    rounds.confirm_delivery(factory, r1, "O1", 60, on=date(2025, 2, 28), actor=ACTOR, clock=clock)
    assert {p.requirement.id: p.status for p in needs.progress(factory)}[r1] is LineStatus.MET
    delivered, _ = ledger.find(factory, LedgerQuery(kind=EntryKind.DELIVERY))
    assert [r.entry.amount for r in delivered] == [money("160000", "EUR"), money("240000", "EUR")]
    assert first.ledger_seq == delivered[0].seq
    with pytest.raises(InvalidInput, match="0 committed and not yet delivered"):
        rounds.confirm_delivery(factory, r1, "O1", 1, on=date(2025, 2, 28), actor=ACTOR, clock=clock)


def test_a_restriction_keeps_an_offer_from_a_forbidden_use(factory: UnitOfWorkFactory) -> None:
    (deep,) = approved(factory, {"quantity": 10, "intended_use": "strikes-deep-inside-russia"})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", donor="USA", quantity=10)], actor=ACTOR, clock=clock)
    imposed = RestrictionChange("USA", "strikes-deep-inside-russia", Action.IMPOSED, date(2022, 2, 24))
    supply.add_restriction(factory, a_catalogue(), imposed, actor=ACTOR, clock=clock)
    assert run(factory).result.assignments == ()
    lifted = RestrictionChange("USA", "strikes-deep-inside-russia", Action.LIFTED, date(2025, 4, 1),
                               scope="155mm-nato")  # fmt: skip
    supply.add_restriction(factory, a_catalogue(), lifted, actor=ACTOR, clock=clock)
    assert [a.need for a in run(factory).result.assignments] == [deep]  # lifted before the offer is available


def test_crews_are_matched_to_courses_ending_before_their_equipment_arrives(factory: UnitOfWorkFactory) -> None:
    catalogue = a_catalogue()
    template = a_requirement(id="", item="pzh-2000", needed_by=date(2025, 9, 1), priority=4)
    lines = needs.propose_package(factory, catalogue, template, 2, actor=ACTOR, clock=clock)
    assert [(r.item, r.quantity, r.crew_for, r.package) for r in lines] == [
        ("pzh-2000", 2, None, "P1"), ("155mm-he-round", 1000, None, "P1"), ("pzh-2000-spares", 2, None, "P1"),
        ("course-pzh-2000-crew", 10, lines[0].id, "P1"),
    ]  # fmt: skip
    needs.decide(factory, [r.id for r in lines], Decision.APPROVED, actor=ACTOR, clock=clock)
    howitzers = an_offer(id="", item="pzh-2000", quantity=2, available_on=date(2025, 6, 1))
    supply.add_offers(factory, catalogue, [howitzers], actor=ACTOR, clock=clock)
    supply.add_course(factory, catalogue, a_course(id="", ends=date(2025, 5, 15)), actor=ACTOR, clock=clock)
    optimiser = GreedyOptimiser()
    rounds.run(factory, optimiser, catalogue, as_of=NOW.date(), actor=ACTOR, clock=clock)
    crew_need = next(n for n in optimiser.problems[-1].needs if n.id == lines[3].id)
    assert crew_need.needed_by == date(2025, 6, 1)  # the day the howitzers arrive, not 2025-09-01


def test_bad_input_is_refused_with_nothing_written(factory: UnitOfWorkFactory) -> None:
    catalogue = a_catalogue()
    with pytest.raises(NotFound, match="unknown nation 'XXX'"):
        supply.add_offers(factory, catalogue, [an_offer(id="", donor="XXX")], actor=ACTOR, clock=clock)
    with pytest.raises(NotFound, match="unknown item"):
        supply.add_offers(factory, catalogue, [an_offer(id="", item="laser-cannon")], actor=ACTOR, clock=clock)
    rows = [Row(2, {"item": "155mm-he-round", "quantity": "-5", "priority": "5", "needed_by": "2025-06-01"}),
            Row(3, {"item": "laser-cannon", "quantity": "5", "priority": "5", "needed_by": "2024-06-01"})]  # fmt: skip
    with pytest.raises(RejectedImport) as rejected:
        needs.import_rows(factory, catalogue, "needs.csv", rows, [], actor=ACTOR, clock=clock)
    assert [(i.row, i.column) for i in rejected.value.issues] == [(2, "quantity"), (3, "item"), (3, "needed_by")]
    assert needs.registers(factory).requirements == () and needs.registers(factory).offers == ()


def test_a_partly_committed_offer_withdrawn_keeps_its_commitment_and_gives_no_more(factory: UnitOfWorkFactory) -> None:
    (first,) = approved(factory, {"quantity": 400})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=600)], actor=ACTOR, clock=clock)
    rounds.accept(factory, run(factory).number, actor=ACTOR, clock=clock)
    (second,) = approved(factory, {"quantity": 100})
    stale = run(factory)
    assert [(a.need, a.quantity) for a in stale.result.assignments] == [(second, 100)]
    with pytest.raises(InvalidInput, match="needs a reason"):
        supply.withdraw(factory, ["O1"], reason=" ", actor=ACTOR, clock=clock)
    (done,) = supply.withdraw(factory, ["O1"], reason="needed at home", actor=ACTOR, clock=clock)
    assert (done.supply, done.recorded_by, done.recorded_at) == ("O1", "coordinator", NOW)
    assert run(factory).result.assignments == ()  # the 200 not committed left the pool
    with pytest.raises(Conflict, match="O1, withdrawn since it was run"):
        rounds.accept(factory, stale.number, actor=ACTOR, clock=clock)
    line = {p.requirement.id: p for p in needs.progress(factory)}[first]
    assert (line.status, line.committed) == (LineStatus.COMMITTED, 400)  # what was committed stays committed


def test_a_fully_committed_offer_cannot_be_withdrawn(factory: UnitOfWorkFactory) -> None:
    approved(factory, {"quantity": 600})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=600)], actor=ACTOR, clock=clock)
    supply.add_course(factory, a_catalogue(), a_course(id=""), actor=ACTOR, clock=clock)
    rounds.accept(factory, run(factory).number, actor=ACTOR, clock=clock)
    with pytest.raises(Conflict, match="nothing is left to withdraw"):
        supply.withdraw(factory, ["C1", "O1"], reason="changed our mind", actor=ACTOR, clock=clock)
    assert needs.registers(factory).withdrawals == ()  # all or none: the course was not withdrawn either
    with pytest.raises(NotFound, match="no offer or course O7"):
        supply.withdraw(factory, ["O7"], reason="x", actor=ACTOR, clock=clock)


def test_a_line_withdrawn_after_a_round_was_run_keeps_that_round_from_being_accepted(
    factory: UnitOfWorkFactory,
) -> None:
    (r1,) = approved(factory, {"quantity": 10})
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=10)], actor=ACTOR, clock=clock)
    done = run(factory)
    needs.decide(factory, [r1], Decision.WITHDRAWN, actor=ACTOR, clock=clock, note="no longer needed")
    with pytest.raises(Conflict, match=f"assigns {r1}, withdrawn since it was run"):
        rounds.accept(factory, done.number, actor=ACTOR, clock=clock)


def test_every_record_is_stamped_with_who_entered_it_and_when(factory: UnitOfWorkFactory) -> None:
    (offer,) = supply.add_offers(factory, a_catalogue(), [an_offer(id="")], actor=ACTOR, clock=clock)
    course = supply.add_course(factory, a_catalogue(), a_course(id=""), actor=ACTOR, clock=clock)
    change = RestrictionChange("USA", "x", Action.IMPOSED, date(2024, 1, 1))
    stored = supply.add_restriction(factory, a_catalogue(), change, actor=ACTOR, clock=clock)
    registers = needs.registers(factory)
    for record in (offer, course, stored, *registers.offers, *registers.courses, *registers.restrictions):
        assert (record.recorded_by, record.recorded_at) == ("coordinator", NOW)


def test_why_a_line_is_open(factory: UnitOfWorkFactory) -> None:
    (r1,) = approved(factory, {"quantity": 1000})
    (r2,) = [r.id for r in needs.propose(factory, [a_requirement(id="")], actor=ACTOR, clock=clock)]
    why = {p.requirement.id: p.why_open for p in needs.progress(factory)}
    assert why == {r1: "not matched yet: no round has run since it was approved",
                   r2: "awaiting approval: only approved lines are matched"}  # fmt: skip
    supply.add_offers(factory, a_catalogue(), [an_offer(id="", quantity=1000)], actor=ACTOR, clock=clock)
    number = run(factory).number
    assert {p.requirement.id: p.why_open for p in needs.progress(factory)}[r1] == (
        f"round {number} proposes 1,000, not accepted yet"
    )
    rounds.accept(factory, number, actor=ACTOR, clock=clock)
    assert {p.requirement.id: p.why_open for p in needs.progress(factory)}[r1] == ""
