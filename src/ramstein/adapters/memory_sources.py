"""The in-memory fake of the sources register, with the SQL store's rules: one copy of a text, add only."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from itertools import count

from ramstein.adapters.store_rules import same_text
from ramstein.domain.extraction.drafts import Draft, DraftDecision, SourceDocument


@dataclass
class SourcesData:
    documents: list[SourceDocument] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    decisions: list[DraftDecision] = field(default_factory=list)

    def extend(self, other: SourcesData) -> None:
        self.documents.extend(other.documents)
        self.drafts.extend(other.drafts)
        self.decisions.extend(other.decisions)

    def clear(self) -> None:
        self.documents.clear()
        self.drafts.clear()
        self.decisions.clear()


class SourcesStore:
    def __init__(self) -> None:
        self.committed = SourcesData()
        self.guard = threading.RLock()
        self.document_ids = count(1)
        self.draft_ids = count(1)


class MemorySourcesRepository:
    def __init__(self, store: SourcesStore) -> None:
        self._store = store
        self._pending = SourcesData()

    def add_document(self, document: SourceDocument) -> SourceDocument:
        same = next((d for d in self._all().documents if d.digest == document.digest), None)
        if same is not None:
            raise same_text(same.id or 0)
        stored = replace(document, id=next(self._store.document_ids))
        self._pending.documents.append(stored)
        return stored

    def add_drafts(self, drafts: Sequence[Draft]) -> list[Draft]:
        stored = [replace(d, id=next(self._store.draft_ids)) for d in drafts]
        self._pending.drafts.extend(stored)
        return stored

    def add_decision(self, decision: DraftDecision) -> None:
        self._pending.decisions.append(decision)

    def documents(self) -> list[SourceDocument]:
        return list(self._all().documents)

    def document(self, id_: int) -> SourceDocument | None:
        return next((d for d in self._all().documents if d.id == id_), None)

    def drafts(self, document: int | None = None) -> list[Draft]:
        return [d for d in self._all().drafts if document is None or d.document == document]

    def draft(self, id_: int) -> Draft | None:
        return next((d for d in self._all().drafts if d.id == id_), None)

    def decisions(self, drafts: Collection[int] | None = None) -> list[DraftDecision]:
        return [d for d in self._all().decisions if drafts is None or d.draft in drafts]

    def publish(self) -> None:
        with self._store.guard:
            digests = {d.digest: d.id for d in self._store.committed.documents}
            for document in self._pending.documents:
                if document.digest in digests:
                    raise same_text(digests[document.digest] or 0)
            self._store.committed.extend(self._pending)
            self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()

    def _all(self) -> SourcesData:
        with self._store.guard:
            data = SourcesData()
            data.extend(self._store.committed)
            data.extend(self._pending)
            return data
