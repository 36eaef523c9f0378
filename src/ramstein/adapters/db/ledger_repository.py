"""The ledger in SQL: append in bulk, read by number, filter, scan. No update, no delete."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, exists, func, select
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.exc import OperationalError

from ramstein.adapters.db.bulk import bulk_insert
from ramstein.adapters.db.rows import entry_row, item_rows, row_to_entry
from ramstein.adapters.db.tables import ledger_entries, ledger_items
from ramstein.adapters.store_rules import check_continues, concurrent_append, find_conflict
from ramstein.domain.errors import RamsteinError
from ramstein.domain.ledger import EMPTY_CHAIN, ChainHead, EntryKind, LedgerEntry
from ramstein.services.ports import LedgerQuery

_IN_CHUNK = 500  # values per IN (...) list: well below every backend's parameter limit
# What the database says when a sequence number is taken (SQLite names the column, PostgreSQL the
# constraint): another writer appended without the ledger lock.
_LINK_CLASHES = ("ledger_entries.seq", "pk_ledger_entries")

_e = ledger_entries.c


MAX_SEQ = 2**63 - 1  # the largest entry number SQLite's and PostgreSQL's 64-bit integers hold


class SqlLedgerRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def head(self) -> ChainHead:
        row = self._conn.execute(select(_e.seq, _e.hash).order_by(_e.seq.desc()).limit(1)).first()
        return ChainHead(row.seq, row.hash) if row else EMPTY_CHAIN

    def add(self, records: Sequence[LedgerEntry]) -> None:
        """Append in bulk. All or nothing: a refused batch leaves the rest of the transaction as it was."""
        if not records:
            return
        check_continues(self.head(), records)
        try:
            with self._conn.begin_nested():
                bulk_insert(self._conn, ledger_entries, map(entry_row, records))
                bulk_insert(self._conn, ledger_items, (row for r in records if r.entry.items for row in item_rows(r)))
        except DbIntegrityError as exc:
            problem = self._explain(records, exc)
            if problem is None:
                raise  # not a clash the ledger knows about: a bug, shown as it is
            raise problem from exc
        except OperationalError as exc:
            # SQLite cannot make a transaction that has read into a writer while another writes.
            if "locked" not in str(exc.orig):
                raise
            raise concurrent_append(records[0]) from exc

    def get(self, seq: int) -> LedgerEntry | None:
        if not 0 < seq <= MAX_SEQ:  # no such entry; the driver would refuse the number (found by fuzzing the API)
            return None
        found = self._load(select(ledger_entries).where(_e.seq == seq))
        return found[0] if found else None

    def reversal_of(self, seq: int) -> LedgerEntry | None:
        if not 0 < seq <= MAX_SEQ:
            return None
        found = self._load(select(ledger_entries).where(_e.reverses == seq))
        return found[0] if found else None

    def existing_external_ids(self, ids: Collection[str]) -> set[str]:
        return set(self._external_seqs(ids))

    def find(self, query: LedgerQuery) -> list[LedgerEntry]:
        statement = select(ledger_entries).where(*_filters(query)).order_by(_e.seq)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        if query.offset:
            statement = statement.offset(query.offset)
        return self._load(statement)

    def count(self, query: LedgerQuery | None = None) -> int:
        """How many entries match, ignoring the query's limit and offset (the total behind a page)."""
        filters = _filters(query) if query else []
        return int(self._conn.scalar(select(func.count()).select_from(ledger_entries).where(*filters)) or 0)

    def scan(self, batch_size: int = 10_000) -> Iterator[LedgerEntry]:
        """Every entry in sequence order; keyset pagination keeps each batch an index range scan."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        last = 0
        while batch := self._load(select(ledger_entries).where(_e.seq > last).order_by(_e.seq).limit(batch_size)):
            yield from batch
            last = batch[-1].seq

    def _load(self, statement: Select[Any]) -> list[LedgerEntry]:
        rows = self._conn.execute(statement).mappings().all()
        if not rows:
            return []
        items = self._items_of([row["seq"] for row in rows])
        return [row_to_entry(row, items.get(row["seq"], ())) for row in rows]

    def _items_of(self, seqs: list[int]) -> dict[int, list[Any]]:
        """The item rows of some entries, by entry, in position order."""
        ordered = select(ledger_items).order_by(ledger_items.c.entry_seq, ledger_items.c.position)
        low, high = min(seqs), max(seqs)
        if high - low + 1 == len(seqs):  # a run of numbers (scan, most pages): one range query
            statements = [ordered.where(ledger_items.c.entry_seq.between(low, high))]
        else:
            statements = [ordered.where(ledger_items.c.entry_seq.in_(chunk)) for chunk in _chunks(seqs)]
        found: dict[int, list[Any]] = {}
        for statement in statements:
            for row in self._conn.execute(statement).mappings():
                found.setdefault(row["entry_seq"], []).append(row)
        return found

    def _external_seqs(self, ids: Collection[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(list(ids)):
            rows = self._conn.execute(select(_e.external_id, _e.seq).where(_e.external_id.in_(chunk)))
            found.update((row.external_id, row.seq) for row in rows)
        return found

    def _explain(self, records: Sequence[LedgerEntry], exc: DbIntegrityError) -> RamsteinError | None:
        """Turn the database's refusal into a message that names what clashed."""
        targets = [r.entry.reverses for r in records if r.entry.reverses is not None]
        reversals: dict[int, int] = {}
        existing: set[int] = set()
        for chunk in _chunks(targets):
            rows = self._conn.execute(select(_e.reverses, _e.seq).where(_e.reverses.in_(chunk)))
            reversals.update((row.reverses, row.seq) for row in rows)
            existing.update(self._conn.scalars(select(_e.seq).where(_e.seq.in_(chunk))))
        external = self._external_seqs([r.entry.external_id for r in records if r.entry.external_id is not None])
        found = find_conflict(records, external_ids=external, reversals=reversals, existing=existing)
        if found is not None:
            return found
        if any(clash in str(exc.orig) for clash in _LINK_CLASHES):
            return concurrent_append(records[0])
        return None


def _filters(query: LedgerQuery) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if query.donor is not None:
        filters.append(_e.donor == query.donor)
    if query.kind is not None:
        filters.append(_e.kind == str(query.kind))
    if query.aid_type is not None:
        filters.append(_e.aid_type == str(query.aid_type))
    if query.since is not None:
        filters.append(_e.on_date >= query.since)
    if query.until is not None:
        filters.append(_e.on_date <= query.until)
    if query.external_prefix is not None:
        # substr, not LIKE: LIKE ignores case on SQLite and treats % and _ as wildcards.
        prefix = query.external_prefix
        filters.append(func.substr(_e.external_id, 1, len(prefix)) == prefix)
    if query.with_items:
        # IN over the (few) item rows, not EXISTS per entry: the database walks ledger_items, not the ledger.
        filters.append(_e.seq.in_(select(ledger_items.c.entry_seq)))
    if query.live_only:
        reversal = ledger_entries.alias("reversal")
        filters.append(_e.kind != EntryKind.REVERSAL.value)
        filters.append(~exists().where(reversal.c.reverses == _e.seq))
    return filters


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]
