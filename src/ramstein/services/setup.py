"""First start: load whatever reference data is missing, then the shipped tracker release."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ramstein.domain.access import Actor
from ramstein.domain.coordination.rounds import Round
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import GdpValue, Nation
from ramstein.domain.reference import DatasetInfo, DatasetKind
from ramstein.domain.tracker import Release
from ramstein.services import reference, tracker
from ramstein.services.coordination_setup import ShippedCoordination, install_illustrative
from ramstein.services.industry_setup import IndustryInstalled, ShippedIndustry
from ramstein.services.industry_setup import install_illustrative as install_industry
from ramstein.services.ports import Clock, Progress, UnitOfWorkFactory, no_progress

T = TypeVar("T")
Reader = Callable[[], tuple[T | None, DatasetInfo, Sequence[DataIssue]]]


@dataclass(frozen=True, slots=True)
class ShippedData:
    """Readers of the data shipped in the package; called only when their dataset is missing."""

    nations: Reader[list[Nation]]
    gdp: Reader[list[GdpValue]]
    fx: Reader[RateTable]
    gdp_kiel: Reader[list[GdpValue]]  # the Kiel tracker's own 2021 GDP in EUR, the second GDP source
    release: Callable[[], tuple[Release | None, list[DataIssue]]]
    coordination: Callable[[], ShippedCoordination] | None = None  # the INVENTED illustrative registers
    industry: Callable[[], ShippedIndustry] | None = None  # the INVENTED illustrative industrial base


@dataclass(frozen=True, slots=True)
class Initialised:
    installed: list[reference.Installed]
    tracker: tracker.TrackerImport
    illustrative_round: Round | None = None  # round 1 over the invented registers, on the first init only
    illustrative_industry: IndustryInstalled | None = None  # the invented industrial base, on the first init only


def initialise(
    uow_factory: UnitOfWorkFactory,
    shipped: ShippedData,
    *,
    actor: Actor,
    clock: Clock,
    progress: Progress = no_progress,
) -> Initialised:
    """Idempotent: a second run loads nothing and imports nothing that is already there."""
    installed = []
    missing = reference.missing(uow_factory)
    if DatasetKind.NATIONS in missing:  # first: GDP and the ledger refer to nations
        installed.append(reference.install_nations(uow_factory, *_swap(shipped.nations())))
    if DatasetKind.GDP in missing:
        installed.append(reference.install_gdp(uow_factory, *_swap(shipped.gdp())))
    if DatasetKind.GDP_KIEL in missing:
        installed.append(reference.install_gdp(uow_factory, *_swap(shipped.gdp_kiel())))
    if DatasetKind.FX in missing:
        installed.append(reference.install_rates(uow_factory, *_swap(shipped.fx())))
    found, issues = shipped.release()
    imported = tracker.import_release(uow_factory, found, issues, actor=actor, clock=clock, progress=progress)
    round_ = None
    if shipped.coordination is not None:  # after the nations: offers name their donors
        ready = shipped.coordination()
        data = ready.data(clock().date())
        round_ = install_illustrative(uow_factory, data, ready.catalogue, ready.optimiser, actor=actor, clock=clock)
    built = None
    if shipped.industry is not None:  # after the coordination registers: its contracts add offers
        base = shipped.industry()
        built = install_industry(uow_factory, base.data(clock().date()), base.catalogue, actor=actor, clock=clock)
    return Initialised(installed, imported, round_, built)


def _swap(read: tuple[T | None, DatasetInfo, Sequence[DataIssue]]) -> tuple[DatasetInfo, T | None, Sequence[DataIssue]]:
    data, info, issues = read
    return info, data, issues
