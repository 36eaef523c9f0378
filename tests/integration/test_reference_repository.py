"""The reference repository contract, run on every store (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.money import money
from ramstein.domain.nations import Body, GdpValue, Nation
from ramstein.domain.reference import DatasetKind
from ramstein.services.ports import UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table, some_gdp, some_nations

RATES = {
    "USD": {date(2024, 3, 1): "1.0856", date(2024, 3, 4): "1.0849", date(2024, 3, 5): "1.0855"},
    "JPY": {date(2024, 3, 1): "162.47", date(2024, 3, 4): "162.64"},
    "XDR": {date(2024, 3, 1): "0.000001", date(2024, 3, 5): "123456789012345678.123456789"},
}


def test_a_rate_table_reads_back_equal_and_names_its_dataset(uow_factory: UnitOfWorkFactory) -> None:
    table = a_rate_table(RATES)
    with uow_factory() as uow:
        info = uow.reference.add_rates(a_dataset(DatasetKind.FX, "ECB to 2024-03-05", rows=7), table)
        uow.commit()
    assert info.id is not None
    with uow_factory() as uow:
        read = uow.reference.rates()
        assert read.all_series() == table.all_series()
        assert read.source == "ECB to 2024-03-05"
        assert [s.currency for s in uow.reference.rates(currencies={"USD", "XDR", "GBP"}).all_series()] == [
            "USD",
            "XDR",
        ]
        assert uow.reference.rates(info.id, currencies=[]).all_series() == []


def test_gdp_values_read_back_equal(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.reference.add_gdp(a_dataset(DatasetKind.GDP), some_gdp())
        uow.commit()
    with uow_factory() as uow:
        assert uow.reference.gdp() == sorted(some_gdp(), key=lambda v: (v.nation, v.year))


def test_nations_and_their_memberships_read_back_equal(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.reference.add_nations(a_dataset(DatasetKind.NATIONS), some_nations())
        uow.commit()
    with uow_factory() as uow:
        registry = uow.reference.nations()
    assert sorted(registry, key=lambda n: n.code) == sorted(some_nations(), key=lambda n: n.code)
    sweden = registry.get("SWE")
    assert sweden.membership(Body.UDCG) is not None
    assert sweden.membership(Body.UDCG).approximate  # type: ignore[union-attr]
    assert sweden.member_of(Body.NATO, date(2024, 3, 7))
    assert not registry.get("GBR").member_of(Body.EU, date(2021, 1, 1))


def test_datasets_keep_their_provenance_and_the_latest_is_the_newest(uow_factory: UnitOfWorkFactory) -> None:
    loaded = datetime(2026, 4, 14, 8, 0, tzinfo=UTC)
    old_nations = [Nation("DEU", "West Germany", "DEM")]
    with uow_factory() as uow:
        old = uow.reference.add_nations(a_dataset(DatasetKind.NATIONS, "old", loaded_at=loaded), old_nations)
        uow.reference.add_gdp(a_dataset(DatasetKind.GDP, "gdp"), some_gdp())
        later = loaded + timedelta(days=1)
        new = uow.reference.add_nations(a_dataset(DatasetKind.NATIONS, "new", loaded_at=later), some_nations())
        uow.commit()
    with uow_factory() as uow:
        assert uow.reference.datasets(DatasetKind.NATIONS) == [old, new]
        assert [d.label for d in uow.reference.datasets()] == ["old", "gdp", "new"]
        assert uow.reference.latest(DatasetKind.NATIONS) == new
        assert uow.reference.latest(DatasetKind.FX) is None
        assert new.loaded_at == later and new.loaded_at.tzinfo is not None
        assert len(uow.reference.nations()) == len(some_nations())
        assert list(uow.reference.nations(old.id)) == old_nations


def test_reading_what_was_never_loaded_says_how_to_load_it(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        for read in (uow.reference.nations, uow.reference.gdp, uow.reference.rates):
            with pytest.raises(NotFound, match=r"no \w+ dataset is loaded") as missing:
                read()
            assert "ramstein init" in missing.value.hint
        info = uow.reference.add_gdp(a_dataset(DatasetKind.GDP), some_gdp())
        with pytest.raises(NotFound, match=f"no gdp dataset #{(info.id or 0) + 10}"):
            uow.reference.gdp((info.id or 0) + 10)
        with pytest.raises(NotFound):
            uow.reference.nations(info.id)  # a GDP dataset is not a nations dataset


def test_a_dataset_of_the_wrong_kind_or_with_duplicates_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        with pytest.raises(InvalidInput, match="is a gdp dataset, not nations"):
            uow.reference.add_nations(a_dataset(DatasetKind.GDP), some_nations())
        with pytest.raises(InvalidInput, match="nation DEU appears twice"):
            uow.reference.add_nations(a_dataset(DatasetKind.NATIONS), [*some_nations(), Nation("DEU", "x", None)])
        with pytest.raises(InvalidInput, match="GDP value DEU 2023 appears twice"):
            uow.reference.add_gdp(a_dataset(DatasetKind.GDP), [*some_gdp(), some_gdp()[0]])
        uow.commit()
        assert uow.reference.datasets() == []


def test_gdp_keeps_its_currency(uow_factory: UnitOfWorkFactory) -> None:
    """Kiel's own GDP figures are in EUR; the World Bank's in USD."""
    in_euro = [GdpValue("DEU", 2021, money("3601.75bn", "EUR"), "Kiel tracker, 2021 GDP in EUR")]
    with uow_factory() as uow:
        uow.reference.add_gdp(a_dataset(DatasetKind.GDP), in_euro)
        uow.commit()
    with uow_factory() as uow:
        assert uow.reference.gdp() == in_euro


def test_uncommitted_datasets_are_dropped(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.reference.add_rates(a_dataset(DatasetKind.FX), a_rate_table(RATES))
        assert len(uow.reference.datasets()) == 1  # visible inside its own unit of work
    with uow_factory() as uow:
        assert uow.reference.datasets() == []
