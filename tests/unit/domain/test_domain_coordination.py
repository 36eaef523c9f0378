"""The coordination registers: restrictions over time, packages, lines' status, training tied to deliveries,
and the problem built from the registers as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from ramstein.domain.allocation import Assignment, Result, Status
from ramstein.domain.coordination.catalogue import CatalogueItem, ItemKind, check_new_item
from ramstein.domain.coordination.problem import build_problem
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import (
    Decision,
    LineStatus,
    RequirementEvent,
    check_requirement,
    check_transition,
    line_status,
    next_id,
)
from ramstein.domain.coordination.restrictions import Action, RestrictionChange, forbidden_uses
from ramstein.domain.coordination.rounds import Acceptance, Round
from ramstein.domain.errors import Conflict, InvalidInput, NotFound
from ramstein.domain.ledger import Capability
from tests.coordination_builders import AT, TODAY, a_catalogue, a_course, a_requirement, an_offer

BORDER, DEEP = "strikes-inside-russia-border-area", "strikes-deep-inside-russia"
US_POLICY = [
    RestrictionChange("USA", BORDER, Action.IMPOSED, date(2022, 2, 24)),
    RestrictionChange("USA", DEEP, Action.IMPOSED, date(2022, 2, 24)),
    RestrictionChange("USA", BORDER, Action.LIFTED, date(2024, 5, 30)),  # partly lifted: the border area only
    RestrictionChange("USA", DEEP, Action.LIFTED, date(2024, 11, 17), scope="atacms"),  # then for one item
]


def forbidden(item: str, on: date, family: str = "") -> frozenset[str]:
    return forbidden_uses(US_POLICY, donor="USA", item=item, family=family or item, on=on)


def test_a_restriction_is_imposed_then_partly_lifted_over_time() -> None:
    assert forbidden("gmlrs", date(2022, 2, 23)) == frozenset()
    assert forbidden("gmlrs", date(2024, 5, 29)) == {BORDER, DEEP}
    assert forbidden("gmlrs", date(2024, 5, 30)) == {DEEP}
    assert forbidden("gmlrs", date(2024, 12, 1)) == {DEEP}  # lifted for ATACMS only
    assert forbidden("atacms", date(2024, 12, 1)) == frozenset()
    assert forbidden_uses(US_POLICY, donor="DEU", item="gmlrs", family="gmlrs", on=date(2024, 1, 1)) == frozenset()


def test_on_one_date_the_item_beats_its_family_which_beats_every_item() -> None:
    changes = [
        RestrictionChange("DEU", DEEP, Action.IMPOSED, date(2024, 1, 1), scope="storm-shadow"),
        RestrictionChange("DEU", DEEP, Action.LIFTED, date(2024, 1, 1), scope="cruise-missiles"),
        RestrictionChange("DEU", DEEP, Action.IMPOSED, date(2024, 1, 1)),
    ]
    on = date(2024, 1, 2)
    assert forbidden_uses(changes, donor="DEU", item="storm-shadow", family="cruise-missiles", on=on) == {DEEP}
    assert forbidden_uses(changes, donor="DEU", item="taurus", family="cruise-missiles", on=on) == frozenset()
    assert forbidden_uses(changes, donor="DEU", item="iris-t", family="iris-t", on=on) == {DEEP}


def test_a_package_expands_to_platform_ammunition_spares_and_seats() -> None:
    catalogue = a_catalogue()
    lines = [(item.code, quantity) for item, quantity in catalogue.expand("pzh-2000", 4)]
    assert lines == [("pzh-2000", 4), ("155mm-he-round", 2000), ("pzh-2000-spares", 4), ("course-pzh-2000-crew", 20)]
    assert [i.code for i in catalogue.ammunition_for("caesar")] == ["155mm-he-dm121", "155mm-he-round"]
    assert catalogue.substitutes()["155mm-he-round"] == {"155mm-he-dm121"}
    assert "152mm-he-round" not in catalogue.substitutes()  # no other 152 mm item: nothing substitutes it
    with pytest.raises(NotFound, match="no package"):
        catalogue.expand("caesar", 1)
    with pytest.raises(InvalidInput):
        catalogue.expand("pzh-2000", 0)


def test_a_new_line_is_checked_against_the_catalogue_and_the_calendar() -> None:
    assert check_requirement(a_requirement(), a_catalogue(), TODAY) == []
    problems = check_requirement(a_requirement(item="laser-cannon", needed_by=date(2025, 1, 1)), a_catalogue(), TODAY)
    assert [column for column, _ in problems] == ["item", "needed_by"]
    with pytest.raises(InvalidInput, match="positive"):
        a_requirement(quantity=-5)
    with pytest.raises(InvalidInput, match="priority"):
        a_requirement(priority=6)


def test_a_line_moves_from_proposed_to_met() -> None:
    assert line_status(Decision.PROPOSED, 10, 0, 0) is LineStatus.PROPOSED
    assert line_status(Decision.APPROVED, 10, 0, 0) is LineStatus.APPROVED
    assert line_status(Decision.APPROVED, 10, 4, 0) is LineStatus.PARTLY_MET
    assert line_status(Decision.APPROVED, 10, 10, 3) is LineStatus.COMMITTED
    assert line_status(Decision.APPROVED, 10, 10, 10) is LineStatus.MET
    assert line_status(Decision.WITHDRAWN, 10, 0, 0) is LineStatus.WITHDRAWN
    check_transition(Decision.PROPOSED, Decision.APPROVED, "R1")
    with pytest.raises(Conflict, match="withdrawn and cannot be approved"):
        check_transition(Decision.WITHDRAWN, Decision.APPROVED, "R1")
    assert next_id("R", ["R1", "R9", "R10", "O44"]) == "R11"


def approved(*requirements) -> Registers:  # type: ignore[no-untyped-def]
    events = tuple(RequirementEvent(r.id, Decision.APPROVED, AT, "coordinator") for r in requirements)
    return Registers(requirements=tuple(requirements), events=events)


def test_the_problem_holds_what_is_open_as_of_the_date() -> None:
    registers = approved(a_requirement(), a_requirement(id="R2", quantity=50))
    accepted = Round(1, TODAY, 0, Result(Status.OPTIMAL, 1, 1, (Assignment("O1", "R1", 400, 0),)), (), "c", AT)
    registers = Registers(
        requirements=(*registers.requirements, a_requirement(id="R3")),  # R3 is only proposed
        events=registers.events,
        offers=(an_offer(), an_offer(id="O2", donor="USA", quantity=10, available_on=date(2024, 6, 1))),
        courses=(a_course(), a_course(id="C2", starts=date(2025, 2, 1))),  # C2 has started already
        restrictions=tuple(US_POLICY),
        rounds=(accepted,),
        acceptances=(Acceptance(1, "coordinator", AT, ()),),
    )
    problem = build_problem(registers, a_catalogue(), TODAY)
    assert [(n.id, n.quantity, n.group) for n in problem.needs] == [("R1", 600, "ammunition"), ("R2", 50, "ammunition")]
    assert [(o.id, o.quantity) for o in problem.offers] == [("O1", 200), ("O2", 10), ("C1", 10)]
    assert problem.offers[1].forbidden_uses == {DEEP}  # resolved on its availability date
    assert problem.offers[2].available_on == date(2025, 5, 15)  # a course's seats are ready when it ends
    assert problem.substitutes["155mm-he-round"] == {"155mm-he-dm121"}


def test_crews_are_needed_when_their_equipment_arrives() -> None:
    howitzers = a_requirement(id="R1", capability=Capability.ARTILLERY, item="pzh-2000", quantity=4)
    crews = a_requirement(id="R2", capability=Capability.TRAINING, item="course-pzh-2000-crew", quantity=20,
                          needed_by=date(2025, 12, 1), crew_for="R1")  # fmt: skip
    registers = approved(howitzers, crews)
    by_id = {n.id: n for n in build_problem(registers, a_catalogue(), TODAY).needs}
    assert by_id["R2"].needed_by == howitzers.needed_by  # no delivery known yet: the equipment's own date
    later = build_problem(registers, a_catalogue(), TODAY, expected_deliveries={"R1": date(2025, 8, 20)})
    assert {n.id: n.needed_by for n in later.needs}["R2"] == date(2025, 8, 20)


def test_a_new_item_joins_a_family_or_starts_its_own_and_then_substitutes():
    catalogue = a_catalogue()
    gun = CatalogueItem("archer", "Archer", "archer", Capability.ARTILLERY, ItemKind.PLATFORM)
    shell = CatalogueItem("155mm-he-l15", "155 mm L15", "155mm-nato", Capability.AMMUNITION, ItemKind.AMMUNITION,
                          ("caesar", "archer"))  # fmt: skip
    assert check_new_item(catalogue, gun) == []
    assert check_new_item(catalogue, shell) == [("fires_from", "'archer' is not a platform of the catalogue")]
    extended = catalogue.extended([gun])
    assert check_new_item(extended, shell) == []
    assert "155mm-he-l15" in extended.extended([shell]).substitutes()["155mm-he-round"]
    assert "archer" not in catalogue  # extending makes a new catalogue; the old one is as it was
