"""Use cases of reference data: install a dataset (shipped or newer file), list what is loaded.

A dataset is never overwritten: a newer file that differs becomes a new dataset beside the old one, and
figures name the dataset they used. A file identical in content to the one in use is not stored again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ramstein.domain.errors import RejectedImport
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import GdpValue, Nation, NationRegistry
from ramstein.domain.reference import (
    DatasetDiff,
    DatasetInfo,
    DatasetKind,
    diff_gdp,
    diff_nations,
    diff_rates,
)
from ramstein.services.ports import ReferenceRepository, UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Installed:
    info: DatasetInfo  # with its id when stored; the dataset in use otherwise
    diff: DatasetDiff
    stored: bool


def install_rates(
    uow_factory: UnitOfWorkFactory,
    info: DatasetInfo,
    table: RateTable | None,
    issues: Sequence[DataIssue] = (),
    *,
    dry_run: bool = False,
) -> Installed:
    if table is None or issues:
        raise _rejected(info, issues)

    def diff(repo: ReferenceRepository, current: DatasetInfo | None) -> DatasetDiff:
        return diff_rates(repo.rates(current.id) if current else None, table)

    return _install(uow_factory, info, dry_run, diff, lambda repo: repo.add_rates(info, table))


def install_gdp(
    uow_factory: UnitOfWorkFactory,
    info: DatasetInfo,
    values: Sequence[GdpValue] | None,
    issues: Sequence[DataIssue] = (),
    *,
    dry_run: bool = False,
) -> Installed:
    if values is None or issues:
        raise _rejected(info, issues)

    def diff(repo: ReferenceRepository, current: DatasetInfo | None) -> DatasetDiff:
        return diff_gdp(repo.gdp(current.id, current.kind) if current else [], values)

    return _install(uow_factory, info, dry_run, diff, lambda repo: repo.add_gdp(info, values))


def install_nations(
    uow_factory: UnitOfWorkFactory,
    info: DatasetInfo,
    found: Sequence[Nation] | None,
    issues: Sequence[DataIssue] = (),
    *,
    dry_run: bool = False,
) -> Installed:
    if found is None or issues:
        raise _rejected(info, issues)

    def diff(repo: ReferenceRepository, current: DatasetInfo | None) -> DatasetDiff:
        return diff_nations(list(repo.nations(current.id)) if current else [], found)

    return _install(uow_factory, info, dry_run, diff, lambda repo: repo.add_nations(info, found))


def _rejected(info: DatasetInfo, issues: Sequence[DataIssue]) -> RejectedImport:
    return RejectedImport(
        f"the {info.kind} file was rejected: {len(issues)} problem(s) found, nothing was loaded",
        list(issues),
        hint="fix the rows listed and run the command again.",
    )


def _install(
    uow_factory: UnitOfWorkFactory,
    info: DatasetInfo,
    dry_run: bool,
    diff: Callable[[ReferenceRepository, DatasetInfo | None], DatasetDiff],
    add: Callable[[ReferenceRepository], DatasetInfo],
) -> Installed:
    """Compare with the dataset in use, and store as a new dataset if anything changed."""
    with uow_factory() as uow:
        current = uow.reference.latest(info.kind)
        changes = diff(uow.reference, current)
        if current is not None and changes.is_empty:
            return Installed(current, changes, stored=False)
        if dry_run:
            return Installed(info, changes, stored=False)
        stored = add(uow.reference)
        uow.commit()
    return Installed(stored, changes, stored=True)


def missing(uow_factory: UnitOfWorkFactory) -> list[DatasetKind]:
    with uow_factory() as uow:
        return [kind for kind in DatasetKind if uow.reference.latest(kind) is None]


def datasets(uow_factory: UnitOfWorkFactory) -> list[DatasetInfo]:
    with uow_factory() as uow:
        return uow.reference.datasets()


def nations(uow_factory: UnitOfWorkFactory) -> NationRegistry:
    with uow_factory() as uow:
        return uow.reference.nations()


def rates(uow_factory: UnitOfWorkFactory, currencies: Sequence[str] | None = None) -> RateTable:
    with uow_factory() as uow:
        return uow.reference.rates(currencies=currencies)
