"""The composition root: the one place where adapters are chosen and wired to the services."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy.engine import Engine

from ramstein.adapters import solvers
from ramstein.adapters.analytics import DuckDbAnalytics, analytics_path
from ramstein.adapters.analytics_python import PythonLedgerAnalytics
from ramstein.adapters.db.backup import SqlBackups
from ramstein.adapters.db.dataset_cache import DatasetCache
from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import upgrade
from ramstein.adapters.db.request_reads import SqlRequestReads
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.adapters.extraction_lexicon import BabelLexicons
from ramstein.adapters.importers import ecb, industry, kiel, kiel_gdp, nations, shipped, worldbank
from ramstein.adapters.importers.catalogue import ShippedCatalogue, read_illustrative
from ramstein.adapters.importers.prices import YamlPriceLists
from ramstein.adapters.importers.rules import YamlRuleSets
from ramstein.adapters.importers.scenarios import read_scenarios
from ramstein.adapters.passwords import Argon2Hasher
from ramstein.adapters.simulation import LocalSimulator
from ramstein.config import Settings
from ramstein.domain.access import Actor
from ramstein.domain.allocation import Problem, Result
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.errors import RejectedImport
from ramstein.domain.fx import RateTable
from ramstein.domain.industry.scenarios import Scenario
from ramstein.services import catalogue as catalogue_service
from ramstein.services import reference
from ramstein.services.access_ports import PasswordHasher, RequestReads
from ramstein.services.accounts import Policy
from ramstein.services.coordination_setup import ShippedCoordination
from ramstein.services.industry_setup import ShippedIndustry
from ramstein.services.ledger import local_actor
from ramstein.services.ports import (
    Clock,
    LedgerAnalytics,
    LedgerDrillDown,
    Lexicons,
    Optimiser,
    Simulator,
    UnitOfWork,
)
from ramstein.services.report_cache import ReportCache
from ramstein.services.setup import ShippedData


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    settings: Settings
    engine: Engine
    actor: Actor
    clock: Clock = field(default=utc_now)  # a test may pass a fixed clock
    datasets: DatasetCache = field(default_factory=DatasetCache)  # reference data read once per process
    reports: ReportCache = field(default_factory=ReportCache)  # built reports while the ledger is unchanged
    solver: ExactOptimiser = field(default_factory=lambda: ExactOptimiser())  # warm re-runs within a process
    _request_reads: SqlRequestReads | None = field(default=None, init=False, repr=False)

    def uow(self) -> UnitOfWork:
        return SqlUnitOfWork(self.engine, self.datasets)

    def request_reads(self) -> RequestReads:
        """Who a web request is and the data stamp, one statement each on a connection of their own."""
        if self._request_reads is None:
            self._request_reads = SqlRequestReads(self.engine)
        return self._request_reads

    def migrate(self) -> None:
        upgrade(self.engine)

    def backups(self) -> SqlBackups:
        return SqlBackups(self.engine)

    def shipped(self) -> ShippedData:
        now = self.clock()
        return ShippedData(
            nations=lambda: nations.read_nations(*shipped.shipped_nations(), loaded_at=now),
            gdp=lambda: worldbank.read_gdp(shipped.shipped_gdp(), self.known_codes(), loaded_at=now),
            fx=lambda: ecb.read_ecb_rates(shipped.shipped_ecb(), loaded_at=now),
            gdp_kiel=lambda: kiel_gdp.read_kiel_gdp(
                shipped.shipped_kiel_release_dir() / kiel.EXPLORER,
                self.known_codes(),
                release=shipped.KIEL_RELEASE.replace("-", " "),
                loaded_at=now,
            ),
            release=lambda: kiel.read_release(shipped.shipped_kiel_release_dir()),
            coordination=lambda: ShippedCoordination(read_illustrative, self.catalogue(), self.optimiser()),
            industry=lambda: ShippedIndustry(industry.read_illustrative, self.catalogue()),
        )

    def analytics(self) -> LedgerAnalytics:
        """The engine that sums the ledger for reports: a DuckDB copy of the ledger (docs/architecture.md), fed
        with new entries on each call; 10 M entries in well under a second. `PythonLedgerAnalytics(self.uow)`
        computes the same sums entry by entry."""
        path = self.settings.analytics_path or analytics_path(self.settings.database_url)
        return DuckDbAnalytics(self.engine, Path(path))

    def drill_down(self) -> LedgerDrillDown:
        return PythonLedgerAnalytics(self.uow)

    def rule_sets(self) -> YamlRuleSets:
        return YamlRuleSets()

    def price_lists(self) -> YamlPriceLists:
        return YamlPriceLists()

    def catalogue(self) -> Catalogue:
        """The shipped item catalogue with the items added since (`ramstein catalogue add`)."""
        return catalogue_service.current(self.uow, self.shipped_catalogue())

    def shipped_catalogue(self) -> ShippedCatalogue:
        return ShippedCatalogue()

    def optimiser(self) -> Optimiser:
        return self.solver

    def hasher(self) -> PasswordHasher:
        return Argon2Hasher()

    def access_policy(self) -> Policy:
        return Policy(
            session_lifetime=timedelta(hours=self.settings.session_hours),
            max_failures=self.settings.login_max_failures,
        )

    def lexicons(self) -> Lexicons:
        return lexicons()

    def scenarios(self, path: Path | None = None) -> list[Scenario]:
        """The shipped what-if scenarios, or those of a user's YAML file."""
        return read_scenarios(path)

    def simulator(self, workers: int = 0, cluster: str | None = None) -> Simulator:
        """NumPy in this process (workers 0, no cluster); else Dask: a LocalCluster of `workers`, or `cluster`."""
        if workers == 0 and cluster is None:
            return LocalSimulator()
        from ramstein.adapters.simulation.distributed import DaskSimulator  # Dask starts slowly: only when asked

        return DaskSimulator(workers=workers or 2, address=cluster)

    def known_codes(self) -> set[str]:
        return {n.code for n in reference.nations(self.uow)}

    def close(self) -> None:
        if self._request_reads is not None:
            self._request_reads.close()
        self.engine.dispose()


class ExactOptimiser:
    """The `Optimiser` port over the exact min-cost-flow backend (adapters/solvers, docs/allocation.md).

    It keeps the solved parts of earlier rounds, so a server re-running a round after a coordinator's lock
    re-solves only the parts that changed (a warm start; the result equals a cold run's). The cache is not
    thread-safe, so rounds in one process are solved one at a time."""

    def __init__(self) -> None:
        self.cache = solvers.PartCache()
        self._lock = threading.Lock()

    def solve(self, problem: Problem) -> Result:
        with self._lock:
            return solvers.solve(problem, cache=self.cache)


def lexicons() -> Lexicons:
    """CLDR's names through Babel, compiled once per language."""
    return BabelLexicons()


@cache
def shipped_rates() -> RateTable:
    """The ECB rates shipped with the package, for work that needs no database (`sources extract`)."""
    table, info, issues = ecb.read_ecb_rates(shipped.shipped_ecb(), loaded_at=utc_now())
    if table is None:
        raise RejectedImport(f"the shipped exchange rates cannot be read ({info.label})", issues)
    return table


def build(settings: Settings | None = None) -> App:
    settings = settings or Settings()
    return App(settings, create_engine_for(settings.database_url), local_actor(settings.actor))
