"""Backing up and restoring the whole database; a restore is trusted only once its ledger chain verifies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ramstein.domain.errors import IntegrityError
from ramstein.domain.ledger import ChainReport
from ramstein.services import ledger
from ramstein.services.ports import Progress, UnitOfWorkFactory, no_progress


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A backup on disk: its path, the backend it came from or went to, its size and schema revision."""

    path: str
    backend: str  # "sqlite" | "postgresql"
    size: int
    revision: str  # the Alembic revision the backed-up schema was at


class Backups(Protocol):
    """Whole-database copies, consistent while other processes read and write."""

    def backup(self, target: Path, *, force: bool) -> BackupFile:
        """Write a consistent copy to `target`; an existing file is replaced only with `force`."""

    def restore(self, source: Path, *, force: bool) -> BackupFile:
        """Replace the database by the copy in `source`, all or nothing; a database that holds any row is
        replaced only with `force`."""


@dataclass(frozen=True, slots=True)
class Restored:
    backup: BackupFile
    chain: ChainReport


def restore(
    backups: Backups, uow_factory: UnitOfWorkFactory, source: Path, *, force: bool, progress: Progress = no_progress
) -> Restored:
    """Restore `source`, then walk the restored ledger's hash chain: a damaged backup is reported, not used."""
    restored = backups.restore(source, force=force)
    report = ledger.verify(uow_factory, progress)
    if not report.intact:
        raise IntegrityError(
            f"the restored ledger is broken at entry #{report.broken_at}: {report.problem}",
            hint=f"the backup {source} is damaged or was edited; restore an older backup (with --force) and compare.",
        )
    return Restored(restored, report)
