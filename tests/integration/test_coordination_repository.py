"""The coordination repository contract, run on every store (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ramstein.domain.allocation import Assignment, Lock, Result, Shortfall, Status, Unmet
from ramstein.domain.coordination.catalogue import CatalogueItem, ItemKind
from ramstein.domain.coordination.offers import Withdrawal
from ramstein.domain.coordination.requirements import Decision, RequirementEvent
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.errors import Conflict
from ramstein.domain.ledger import Capability
from ramstein.domain.money import money
from ramstein.services.ports import UnitOfWorkFactory
from tests.coordination_builders import AT, a_course, a_requirement, an_offer


def a_round(number: int = 1) -> Round:
    result = Result(
        Status.OPTIMAL, 2500.5, 2500.5,
        (Assignment("O1", "R1", 500, 0, locked=True), Assignment("C1", "R2", 5, 3)),
        (Shortfall("R1", 500, Unmet.NO_COMPATIBLE_OFFER, "nobody offers 155 mm rounds before August"),),
        "solved",
    )  # fmt: skip
    return Round(number, date(2025, 3, 1), 0, result, (Lock("O1", "R1", 500),), "coordinator", AT, "first")


def test_every_register_reads_back_equal_in_the_order_recorded(uow_factory: UnitOfWorkFactory) -> None:
    requirements = [a_requirement(id=f"R{n}", intended_use="strikes-inside-russia" if n == 2 else None)
                    for n in (1, 2, 10)]  # fmt: skip
    offer = an_offer(restrictions=frozenset({"strikes-deep-inside-russia", "x"}), note="from Bundeswehr stock")
    course = a_course(seat_value=money("12000.50", "EUR"))
    with uow_factory() as uow:
        for r in requirements:
            uow.coordination.add_requirement(r)
            uow.coordination.add_event(RequirementEvent(r.id, Decision.PROPOSED, AT, "UKR liaison"))
        uow.coordination.add_offer(offer)
        uow.coordination.add_course(course)
        uow.coordination.add_course(a_course(id="C2", seat_value=None))
        lifted = uow.coordination.add_restriction(RestrictionChange("USA", "strikes", Action.LIFTED, date(2024, 5, 30)))
        uow.coordination.add_round(a_round())
        uow.coordination.add_acceptance(Acceptance(1, "coordinator", AT, (3, 4)))
        delivery = uow.coordination.add_delivery(Delivery("R1", "O1", 200, date(2025, 5, 2), "UKR liaison", AT))
        uow.commit()
    assert lifted.id is not None and delivery.id is not None
    with uow_factory() as uow:
        registers = uow.coordination.registers()
    assert list(registers.requirements) == requirements
    assert [e.requirement for e in registers.events] == ["R1", "R2", "R10"]
    assert registers.offers == (offer,)
    assert registers.courses == (course, a_course(id="C2", seat_value=None))
    assert registers.restrictions == (lifted,)
    assert registers.rounds == (a_round(),)
    assert registers.acceptances == (Acceptance(1, "coordinator", AT, (3, 4)),)
    assert registers.deliveries == (delivery,)


def test_ids_are_unique_across_offers_and_courses(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.coordination.add_offer(an_offer())
        uow.coordination.add_requirement(a_requirement())
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(Conflict, match="'O1' is taken"):
            uow.coordination.add_course(a_course(id="O1"))
        with pytest.raises(Conflict, match="'R1' is taken"):
            uow.coordination.add_requirement(a_requirement(quantity=5))


def test_a_round_is_stored_and_accepted_once(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.coordination.add_round(a_round())
        uow.coordination.add_acceptance(Acceptance(1, "coordinator", AT, ()))
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(Conflict):
            uow.coordination.add_round(replace(a_round(), note="again"))
        with pytest.raises(Conflict, match="accepted already"):
            uow.coordination.add_acceptance(Acceptance(1, "someone else", AT, ()))


def test_nothing_is_kept_without_a_commit(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.coordination.add_requirement(a_requirement())
    with uow_factory() as uow:
        assert uow.coordination.registers().requirements == ()


def test_the_database_refuses_to_rewrite_a_decision(sql_engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with sql_engine.begin() as conn:
        conn.execute(text("INSERT INTO requirements (id, capability, item, quantity, priority, needed_by, note) "
                          "VALUES ('R1', 'ammunition', '155mm-he-round', 5, 5, '2025-06-01', '')"))  # fmt: skip
    with pytest.raises(Exception, match="append-only"), sql_engine.begin() as conn:
        conn.execute(text("UPDATE requirements SET quantity = 50"))


def test_stamps_withdrawals_and_catalogue_items_read_back_equal(uow_factory: UnitOfWorkFactory) -> None:
    offer = an_offer(recorded_by="DEU liaison", recorded_at=AT)
    course = a_course(recorded_by="GBR liaison", recorded_at=AT)
    item = CatalogueItem("155mm-he-x", "155 mm X", "155mm-nato", Capability.AMMUNITION, ItemKind.AMMUNITION,
                         ("pzh-2000", "caesar"), "coordinator", AT)  # fmt: skip
    with uow_factory() as uow:
        uow.coordination.add_offer(offer)
        uow.coordination.add_course(course)
        change = uow.coordination.add_restriction(
            RestrictionChange("USA", "strikes", Action.IMPOSED, date(2024, 5, 30), recorded_by="USA", recorded_at=AT)
        )
        uow.coordination.add_withdrawal(Withdrawal("O1", "needed at home", "DEU liaison", AT))
        uow.coordination.add_catalogue_item(item)
        uow.commit()
    with uow_factory() as uow:
        registers = uow.coordination.registers()
        assert uow.coordination.catalogue_items() == [item]
        with pytest.raises(Conflict, match="withdrawn already"):
            uow.coordination.add_withdrawal(Withdrawal("O1", "again", "DEU liaison", AT))
        with pytest.raises(Conflict, match="added to the catalogue already"):
            uow.coordination.add_catalogue_item(item)
    assert registers.offers == (offer,) and registers.courses == (course,)
    assert registers.restrictions == (change,) and (change.recorded_by, change.recorded_at) == ("USA", AT)
    assert registers.withdrawals == (Withdrawal("O1", "needed at home", "DEU liaison", AT),)
    assert registers.withdrawn() == {"O1"}
