"""The databases themselves refuse to change or remove what was recorded; the hash chain shows any edit
made behind their back (by somebody who dropped the triggers first)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from ramstein.adapters.db.access_tables import MUTABLE
from ramstein.adapters.db.tables import metadata
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.domain.access import Marking, Role
from ramstein.domain.accounts import AuditRecord, MarkingChange
from ramstein.domain.allocation import Assignment, Lock, Result, Shortfall, Status, Unmet
from ramstein.domain.coordination.catalogue import CatalogueItem, ItemKind
from ramstein.domain.coordination.offers import Withdrawal
from ramstein.domain.coordination.requirements import Decision, RequirementEvent
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.extraction.drafts import Decision as DraftDecisionKind
from ramstein.domain.extraction.drafts import Draft, DraftDecision, SourceDocument
from ramstein.domain.extraction.reading import Finding
from ramstein.domain.ledger import Capability, Item, verify_chain
from ramstein.domain.money import money
from ramstein.domain.reference import DatasetKind
from tests.builders import a_dataset, a_rate_table, an_entry, append, some_gdp, some_nations
from tests.coordination_builders import AT, a_course, a_requirement, an_offer
from tests.industry_builders import fill_industry


@pytest.fixture
def filled(sql_engine: Engine) -> Engine:
    """A database with two entries (one with items) and a dataset of each kind."""
    append(lambda: SqlUnitOfWork(sql_engine), an_entry(items=(Item("155 mm round", 1000),)), an_entry(donor="DEU"))
    with SqlUnitOfWork(sql_engine) as uow:
        uow.reference.add_rates(a_dataset(DatasetKind.FX), a_rate_table({"USD": {date(2024, 3, 1): "1.0856"}}))
        uow.reference.add_gdp(a_dataset(DatasetKind.GDP), some_gdp())
        uow.reference.add_nations(a_dataset(DatasetKind.NATIONS), some_nations())
        fill_coordination(uow)
        fill_trail(uow)
        fill_sources(uow)
        fill_industry(uow)
        uow.commit()
    return sql_engine


def fill_coordination(uow: SqlUnitOfWork) -> None:
    """A row in every register of the coordination engine."""
    uow.coordination.add_requirement(a_requirement())
    uow.coordination.add_event(RequirementEvent("R1", Decision.PROPOSED, AT, "liaison"))
    uow.coordination.add_offer(an_offer())
    uow.coordination.add_course(a_course())
    uow.coordination.add_restriction(RestrictionChange("DEU", "strikes", Action.IMPOSED, date(2024, 1, 1)))
    result = Result(Status.OPTIMAL, 1.0, 1.0, (Assignment("O1", "R1", 1, 0),), (Shortfall("R1", 9, Unmet.OUTBID, ""),))
    uow.coordination.add_round(Round(1, date(2025, 3, 1), 0, result, (Lock("O1", "R1", 1),), "c", AT))
    uow.coordination.add_acceptance(Acceptance(1, "c", AT, (1,)))
    uow.coordination.add_delivery(Delivery("R1", "O1", 1, date(2025, 3, 1), "liaison", AT, 1))
    uow.coordination.add_withdrawal(Withdrawal("O1", "needed at home", "DEU", AT))
    uow.coordination.add_catalogue_item(
        CatalogueItem("155mm-x", "155 mm X", "155mm-nato", Capability.AMMUNITION, ItemKind.AMMUNITION, (), "c", AT)
    )


def fill_trail(uow: SqlUnitOfWork) -> None:
    """An audit record and a marking: the append-only part of access control."""
    uow.audit.add(AuditRecord(AT, "anna", Role.NATION, "DEU", "ledger.record", "ledger:DEU", "cli", True, "own"))
    uow.audit.add_marking(MarkingChange("ledger", "1", Marking.PUBLIC, AT, "anna"))


def fill_sources(uow: SqlUnitOfWork) -> None:
    """A source document, a draft read from it and a decision on the draft."""
    document = uow.sources.add_document(
        SourceDocument("statement", "da", date(2024, 4, 2), "Danmark giver 2 mia. kr.", "a", AT)
    )
    finding = Finding(
        0, 11, "2 mia. kr.", "Danmark giver 2 mia. kr.", Decimal("2e9"), "DKK", None, None, "DNK", "UKR", None, None,
        date(2024, 4, 2), Decimal("0.95"),
    )  # fmt: skip
    (draft,) = uow.sources.add_drafts([Draft(document.id or 0, 1, finding)])
    uow.sources.add_decision(DraftDecision(draft.id or 0, DraftDecisionKind.CONFIRMED, "a", AT, ledger_seq=1))


APPEND_ONLY = [t.name for t in reversed(metadata.sorted_tables) if t.name not in MUTABLE]


def snapshot(engine: Engine, table: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entries SET amount = 2 WHERE seq = 1",
        "UPDATE ledger_entries SET note = 'edited'",
        "DELETE FROM ledger_entries WHERE seq = 2",
        "UPDATE ledger_items SET quantity = 2000",
        "DELETE FROM ledger_items",
        "UPDATE fx_rates SET rate = 1.2",
        "DELETE FROM fx_rates",
        "UPDATE audit_records SET allowed = false",
        "UPDATE markings SET marking = 'coalition'",
    ],
)
def test_updates_and_deletes_are_refused(filled: Engine, statement: str) -> None:
    table = statement.split()[1] if statement.startswith("UPDATE") else statement.split()[2]
    before = snapshot(filled, table)
    with pytest.raises(DBAPIError, match=f"{table} is append-only"), filled.begin() as conn:
        conn.execute(text(statement))
    assert snapshot(filled, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_every_table_refuses_deletes(filled: Engine, table: str) -> None:
    before = snapshot(filled, table)
    assert before, f"the fixture should put rows into {table}"
    with pytest.raises(DBAPIError, match="append-only"), filled.begin() as conn:
        conn.execute(text(f"DELETE FROM {table}"))
    assert snapshot(filled, table) == before


def test_postgresql_refuses_truncate(filled: Engine) -> None:
    if filled.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    for table in APPEND_ONLY:
        with pytest.raises(DBAPIError, match="append-only"), filled.begin() as conn:
            conn.execute(text(f"TRUNCATE {table} CASCADE"))
        assert snapshot(filled, table)


def test_an_edit_behind_the_triggers_back_breaks_the_hash_chain(filled: Engine) -> None:
    with filled.begin() as conn:
        if filled.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE ledger_entries DISABLE TRIGGER ALL"))
        else:
            conn.execute(text("DROP TRIGGER ledger_entries_no_update"))
        conn.execute(text("UPDATE ledger_entries SET amount = :amount WHERE seq = 1"), {"amount": "999"})
    with SqlUnitOfWork(filled) as uow:
        tampered = uow.ledger.get(1)
        assert tampered is not None
        assert tampered.entry.amount == money(Decimal(999), "EUR")
        assert tampered.expected_hash() != tampered.hash
        report = verify_chain(uow.ledger.scan())
    assert report.broken_at == 1
    assert "changed after it was recorded" in report.problem
