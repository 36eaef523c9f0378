"""Rules every store enforces the same way, with the same messages: the SQL repositories and the in-memory
fakes both call these, so a service sees one behaviour whichever store it is wired to.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence

from ramstein.domain.errors import Conflict, InvalidInput, NotFound, RamsteinError
from ramstein.domain.ledger import ChainHead, LedgerEntry
from ramstein.domain.reference import DatasetInfo, DatasetKind

_RETRY = "take the ledger lock (lock_ledger) before reading the head, chain the entries again and retry."


def check_continues(head: ChainHead, records: Sequence[LedgerEntry]) -> None:
    """Refuse records that do not continue the chain from `head` link by link."""
    expected = head
    for record in records:
        if record.seq != expected.seq + 1 or record.prev_hash != expected.hash:
            if expected == head:
                raise Conflict(
                    f"entry #{record.seq} does not continue the ledger, which ends at entry #{head.seq}: "
                    "another append came first",
                    hint=_RETRY,
                )
            raise Conflict(
                f"entry #{record.seq} does not follow entry #{expected.seq}: the entries do not form a chain",
                hint="number and link new entries with ramstein.domain.ledger.chain().",
            )
        expected = ChainHead(record.seq, record.hash)


def find_conflict(
    records: Sequence[LedgerEntry],
    *,
    external_ids: Mapping[str, int],
    reversals: Mapping[int, int],
    existing: Collection[int],
) -> RamsteinError | None:
    """The first record that clashes with what is stored or with an earlier record of the batch.

    `external_ids` maps stored external ids to their entry, `reversals` maps each stored reversed entry to
    the reversal that cancels it; `existing` holds the stored entries among those the records reverse.
    """
    taken, cancelled, known = dict(external_ids), dict(reversals), set(existing)
    for record in records:
        entry = record.entry
        if entry.external_id is not None:
            if entry.external_id in taken:
                return Conflict(
                    f"external id {entry.external_id!r} is already recorded, as entry #{taken[entry.external_id]}",
                    hint="skip the rows that were imported before, or give this one a new external id.",
                )
            taken[entry.external_id] = record.seq
        if entry.reverses is not None:
            if entry.reverses in cancelled:
                return Conflict(
                    f"entry #{entry.reverses} is already reversed, by entry #{cancelled[entry.reverses]}",
                    hint="an entry is cancelled only once: nothing more to do.",
                )
            if entry.reverses not in known:
                return NotFound(
                    f"entry #{entry.reverses} does not exist, so entry #{record.seq} cannot reverse it",
                    hint="check the number of the entry to reverse (ramstein ledger list).",
                )
            cancelled[entry.reverses] = record.seq
        known.add(record.seq)
    return None


def concurrent_append(first: LedgerEntry) -> Conflict:
    """What to say when another writer appended between reading the head and adding after it."""
    return Conflict(f"another writer appended to the ledger while entry #{first.seq} was being added", hint=_RETRY)


def check_kind(info: DatasetInfo, *kinds: DatasetKind) -> None:
    if info.kind not in kinds:
        raise InvalidInput(f"dataset {info.label!r} is a {info.kind} dataset, not {' or '.join(kinds)}")


def check_unique(keys: Iterable[Hashable], what: str) -> None:
    """Refuse a dataset that states the same thing twice (the same nation, the same GDP year)."""
    seen: set[Hashable] = set()
    for key in keys:
        if key in seen:
            shown = " ".join(str(part) for part in key) if isinstance(key, tuple) else str(key)
            raise InvalidInput(f"{what} {shown} appears twice in the dataset", hint="keep one row for it.")
        seen.add(key)


def pick_dataset(kind: DatasetKind, dataset_id: int | None, loaded: Sequence[DatasetInfo]) -> DatasetInfo:
    """The dataset to read: `dataset_id`, or the latest loaded of its kind. `loaded` is oldest first."""
    if not loaded:
        raise NotFound(f"no {kind} dataset is loaded", hint="run `ramstein init` to load the shipped reference data.")
    if dataset_id is None:
        return loaded[-1]
    for info in loaded:
        if info.id == dataset_id:
            return info
    ids = ", ".join(f"#{info.id}" for info in loaded)
    raise NotFound(f"there is no {kind} dataset #{dataset_id}", hint=f"the loaded {kind} datasets are {ids}.")


def same_text(existing: int) -> Conflict:
    """A source document whose text is stored already (the stores compare SHA-256 digests)."""
    return Conflict(
        f"the same text is stored already, as source document #{existing}",
        hint=f"review its drafts with `ramstein sources review --document {existing}`.",
        key="sources.duplicate",
        params={"document": existing},
    )
