"""The ports services talk to. Adapters implement them (SQL, in-memory fakes); services never see which.

Repositories of the ledger have `add` and queries only: there is no update and no delete, by design.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import TracebackType
from typing import Protocol, Self

from ramstein.domain.allocation import Problem, Result
from ramstein.domain.coordination.catalogue import Catalogue, CatalogueItem
from ramstein.domain.coordination.offers import Course, DonorOffer, Withdrawal
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Requirement, RequirementEvent
from ramstein.domain.coordination.restrictions import RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.credit import CreditFilter, SumsByDonor
from ramstein.domain.extraction.drafts import Draft, DraftDecision, SourceDocument
from ramstein.domain.extraction.lexicon import Lexicon
from ramstein.domain.fx import RateTable
from ramstein.domain.industry.model import ForecastModel
from ramstein.domain.industry.production import Contract, ProductionLine, Ramp
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount
from ramstein.domain.industry.uncertainty import Simulation, Uncertainty
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, ChainHead, EntryKind, LedgerEntry
from ramstein.domain.nations import GdpValue, Nation, NationRegistry
from ramstein.domain.periods import Period
from ramstein.domain.prices import PriceList
from ramstein.domain.reference import DatasetInfo, DatasetKind
from ramstein.services.access_ports import AccessRepository, AuditRepository


@dataclass(frozen=True, slots=True)
class LedgerQuery:
    """Filters for listing entries; every field narrows, None means any. Results are in sequence order."""

    donor: str | None = None
    kind: EntryKind | None = None
    aid_type: AidType | None = None
    since: date | None = None  # entry date, inclusive
    until: date | None = None  # entry date, inclusive
    external_prefix: str | None = None
    live_only: bool = False  # leave out reversals and the entries they cancel
    with_items: bool = False  # only entries that list items (price-list valuation reads just these)
    limit: int | None = None
    offset: int = 0


class LedgerRepository(Protocol):
    def head(self) -> ChainHead:
        """The last link; `EMPTY_CHAIN` when the ledger is empty."""

    def add(self, records: Sequence[LedgerEntry]) -> None:
        """Append records that continue the chain from `head()`; the store refuses anything else."""

    def get(self, seq: int) -> LedgerEntry | None: ...

    def reversal_of(self, seq: int) -> LedgerEntry | None:
        """The reversal that cancels entry `seq`, if there is one."""

    def existing_external_ids(self, ids: Collection[str]) -> set[str]: ...

    def find(self, query: LedgerQuery) -> list[LedgerEntry]: ...

    def count(self, query: LedgerQuery | None = None) -> int: ...

    def scan(self, batch_size: int = 10_000) -> Iterator[LedgerEntry]:
        """Every entry in sequence order, read in batches (for verify and reports)."""


class ReferenceRepository(Protocol):
    def add_nations(self, info: DatasetInfo, nations: Sequence[Nation]) -> DatasetInfo: ...

    def add_gdp(self, info: DatasetInfo, values: Sequence[GdpValue]) -> DatasetInfo: ...

    def add_rates(self, info: DatasetInfo, table: RateTable) -> DatasetInfo: ...

    def datasets(self, kind: DatasetKind | None = None) -> list[DatasetInfo]:
        """Loaded datasets, oldest first."""

    def latest(self, kind: DatasetKind) -> DatasetInfo | None: ...

    def nations(self, dataset_id: int | None = None) -> NationRegistry:
        """The nations of a dataset (the latest when None); raises NotFound when none is loaded."""

    def gdp(self, dataset_id: int | None = None, kind: DatasetKind = DatasetKind.GDP) -> list[GdpValue]:
        """GDP values of a dataset of `kind` (GDP or GDP_KIEL; the latest of that kind when None)."""

    def rates(self, dataset_id: int | None = None, currencies: Collection[str] | None = None) -> RateTable:
        """A rate table (the latest dataset when None), optionally only for some currencies."""


class CoordinationRepository(Protocol):
    """The coordination engine's registers. Add and read only: a decision, a lifted restriction or an
    accepted round is a new record, never an edit of an old one."""

    def add_requirement(self, requirement: Requirement) -> None:
        """Raises Conflict when a requirement with this id exists."""

    def add_event(self, event: RequirementEvent) -> None: ...

    def add_offer(self, offer: DonorOffer) -> None:
        """Raises Conflict when an offer or course with this id exists."""

    def add_course(self, course: Course) -> None:
        """Raises Conflict when an offer or course with this id exists."""

    def add_restriction(self, change: RestrictionChange) -> RestrictionChange:
        """The change with its new id."""

    def add_round(self, round_: Round) -> None:
        """Raises Conflict when a round with this number exists."""

    def add_acceptance(self, acceptance: Acceptance) -> None:
        """Raises Conflict when the round was accepted already."""

    def add_delivery(self, delivery: Delivery) -> Delivery:
        """The delivery with its new id."""

    def add_withdrawal(self, withdrawal: Withdrawal) -> None:
        """Raises Conflict when the offer or course was withdrawn already."""

    def add_catalogue_item(self, item: CatalogueItem) -> None:
        """Raises Conflict when an item with this code was added already."""

    def catalogue_items(self) -> list[CatalogueItem]:
        """The items added to the shipped catalogue, in the order recorded."""

    def registers(self) -> Registers:
        """Everything, each register in the order it was recorded."""


class SourcesRepository(Protocol):
    """Source documents, the drafts read from them and the decisions on drafts. Add and read only."""

    def add_document(self, document: SourceDocument) -> SourceDocument:
        """The document with its new id; raises Conflict when the same text is stored already."""

    def add_drafts(self, drafts: Sequence[Draft]) -> list[Draft]:
        """The drafts with their new ids."""

    def add_decision(self, decision: DraftDecision) -> None: ...

    def documents(self) -> list[SourceDocument]:
        """Every document, oldest first."""

    def document(self, id_: int) -> SourceDocument | None: ...

    def drafts(self, document: int | None = None) -> list[Draft]:
        """The drafts of one document (of all when None), in id order."""

    def draft(self, id_: int) -> Draft | None: ...

    def decisions(self, drafts: Collection[int] | None = None) -> list[DraftDecision]:
        """Decisions (on these drafts, or all), in the order they were made."""


class UnitOfWork(Protocol):
    """One transaction: everything done through it is committed together or not at all."""

    ledger: LedgerRepository
    reference: ReferenceRepository
    coordination: CoordinationRepository
    access: AccessRepository
    audit: AuditRepository
    sources: SourcesRepository
    industry: IndustryRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Roll back whatever was not committed."""

    def commit(self) -> None: ...

    def lock_ledger(self) -> None:
        """Serialise appends: call before reading the head in a transaction that will append."""


UnitOfWorkFactory = Callable[[], UnitOfWork]


class LedgerAnalytics(Protocol):
    """Sums over the whole ledger, fast: `domain.credit.stage_sums`, computed by an analytic engine.

    Implementations must return what `stage_sums` returns for the same ledger (a test compares them).
    """

    def stage_sums(
        self, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
    ) -> tuple[SumsByDonor, list[DataIssue]]: ...


class LedgerDrillDown(Protocol):
    """The entries behind the sums, to explain a figure: read entry by entry, so meant for one donor or one
    report's source list, not for millions of entries in a benchmark."""

    def entries(self, period: Period, credit: CreditFilter, donor: str) -> list[tuple[LedgerEntry, Decimal]]:
        """The entries in force that `credit` admits and that count in `period` for `donor`, each with the
        fraction of it the period gets (1 unless a phased multi-year pledge), in sequence order."""

    def sources(self, period: Period, credit: CreditFilter) -> list[tuple[str, int]]:
        """(source, number of entries) of every entry counted in `period`, most entries first."""


class PriceLists(Protocol):
    """Price lists for `valuation: price-list`, by the name or path a rule set gives (`credit.price-list`)."""

    def load(self, name_or_path: str) -> PriceList:
        """The list; raises NotFound for an unknown name or a missing file, RejectedImport for a bad file."""


class Optimiser(Protocol):
    """The matching backend: a status, never an exception, for infeasible or empty problems."""

    def solve(self, problem: Problem) -> Result: ...


class Lexicons(Protocol):
    """The extraction reader's vocabulary of each language (CLDR names through Babel, in the adapters)."""

    def for_language(self, language: str) -> Lexicon:
        """Raises InvalidInput for a language that is not supported."""


class CatalogueSource(Protocol):
    def load(self) -> Catalogue:
        """The item catalogue with its families and packages; raises RejectedImport for a bad file."""


Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]  # (done, total): interfaces draw bars from it


def no_progress(done: int, total: int) -> None:
    """The default progress callback: report nothing."""


class IndustryRepository(Protocol):
    """The industrial base's registers: stock counts, donations, replenishments, lines, ramps, contracts.
    Add and read only; ids (D1, P1, L1, K1) are unique and given by the services."""

    def add_count(self, count: StockCount) -> None: ...

    def add_donation(self, donation: Donation) -> None:
        """Raises Conflict when a donation with this id exists."""

    def add_replenishment(self, plan: Replenishment) -> None:
        """Raises Conflict when a replenishment with this id exists."""

    def add_line(self, line: ProductionLine) -> None:
        """Raises Conflict when a line with this id exists."""

    def add_ramp(self, ramp: Ramp) -> None: ...

    def add_contract(self, contract: Contract) -> None:
        """Raises Conflict when a contract with this id exists."""

    def registers(self) -> IndustryRegisters:
        """Everything, each register in the order it was recorded."""


class Simulator(Protocol):
    """Monte Carlo over a forecast model: the same seed gives the same numbers, however it is executed."""

    def run(
        self, model: ForecastModel, uncertainty: Uncertainty, runs: int, seed: int, progress: Progress = no_progress
    ) -> Simulation: ...
