"""The industry repository contract, run on every store (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ramstein.domain.errors import Conflict
from ramstein.services.ports import UnitOfWorkFactory
from tests.industry_builders import fill_industry


def test_every_register_reads_back_equal_in_the_order_recorded(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        recorded = fill_industry(uow)
        uow.commit()
    with uow_factory() as uow:
        assert uow.industry.registers() == recorded


def test_ids_are_unique_and_nothing_is_kept_without_commit(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        recorded = fill_industry(uow)
        uow.commit()
        with pytest.raises(Conflict, match="contract id 'K1' is taken"):
            uow.industry.add_contract(recorded.contracts[0])
    with uow_factory() as uow:
        uow.industry.add_line(replace(recorded.lines[0], id="L2"))
    with uow_factory() as uow:
        assert [line.id for line in uow.industry.registers().lines] == ["L1"]
