"""The App's cache of reference datasets: read once, never served for a dataset it was not read from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ramstein.adapters.db.dataset_cache import DatasetCache
from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import upgrade
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.domain.reference import DatasetKind
from tests.builders import a_dataset, a_rate_table, some_gdp, some_nations

OLD = {"USD": {date(2024, 3, 1): "1.0856"}}
NEW = {"USD": {date(2024, 3, 1): "1.0856", date(2024, 3, 4): "1.0849"}}


def test_a_dataset_is_read_once_and_a_newer_one_replaces_it(database_url: str) -> None:
    engine = create_engine_for(database_url)
    kept = DatasetCache()
    with SqlUnitOfWork(engine, kept) as uow:
        uow.reference.add_rates(a_dataset(DatasetKind.FX, "old", rows=1), a_rate_table(OLD))
        uow.reference.add_nations(a_dataset(DatasetKind.NATIONS), some_nations())
        uow.reference.add_gdp(a_dataset(DatasetKind.GDP), some_gdp())
        uow.commit()
    with SqlUnitOfWork(engine, kept) as first, SqlUnitOfWork(engine, kept) as second:
        assert first.reference.rates() is second.reference.rates()
        assert first.reference.nations() is second.reference.nations()
        assert first.reference.gdp() == second.reference.gdp() == sorted(some_gdp(), key=lambda v: (v.nation, v.year))
        assert first.reference.rates(currencies={"USD"}) is not first.reference.rates()  # another view
    with SqlUnitOfWork(engine, kept) as uow:
        uow.reference.add_rates(a_dataset(DatasetKind.FX, "new", rows=2), a_rate_table(NEW))
        uow.commit()
        assert uow.reference.rates().source == "new"
        assert len(uow.reference.rates().series("USD").dates) == 2
    engine.dispose()


def test_the_same_dataset_id_in_another_database_is_read_again(tmp_path: Path) -> None:
    """As after a restore: dataset #1 is now another file's; its identity differs, so it is not served."""
    kept = DatasetCache()
    sources = []
    for n, (label, rates) in enumerate([("backup A", OLD), ("backup B", NEW)]):
        engine = create_engine_for(f"sqlite:///{tmp_path / f'{n}.db'}")
        upgrade(engine)
        with SqlUnitOfWork(engine, kept) as uow:
            info = uow.reference.add_rates(
                a_dataset(DatasetKind.FX, label, rows=len(rates["USD"])), a_rate_table(rates)
            )
            uow.commit()
            assert info.id == 1
            sources.append((uow.reference.rates().source, len(uow.reference.rates().series("USD").dates)))
        engine.dispose()
    assert sources == [("backup A", 1), ("backup B", 2)]
