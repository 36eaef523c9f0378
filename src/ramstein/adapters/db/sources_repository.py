"""Source documents, drafts and decisions in SQL: rows in, domain objects out, through explicit functions."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from ramstein.adapters.db.tables import draft_decisions, source_documents, source_drafts
from ramstein.adapters.store_rules import same_text
from ramstein.domain.extraction.drafts import Decision, Draft, DraftDecision, SourceDocument
from ramstein.domain.extraction.reading import Finding

Row = Mapping[str, Any]


class SqlSourcesRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add_document(self, document: SourceDocument) -> SourceDocument:
        digest = document.digest
        same = self._conn.execute(select(source_documents.c.id).where(source_documents.c.sha256 == digest)).first()
        if same is not None:
            raise same_text(same.id)
        d = document
        (new_id,) = self._conn.execute(
            insert(source_documents).values(
                title=d.title, language=d.language, on_date=d.on, text=d.text, sha256=digest, added_by=d.added_by,
                added_at=d.added_at,
            )
        ).inserted_primary_key or (0,)  # fmt: skip
        return SourceDocument(d.title, d.language, d.on, d.text, d.added_by, d.added_at, id=int(new_id))

    def add_drafts(self, drafts: Sequence[Draft]) -> list[Draft]:
        stored = []
        for draft in drafts:
            (new_id,) = self._conn.execute(insert(source_drafts).values(**draft_row(draft))).inserted_primary_key or (
                0,
            )
            stored.append(Draft(draft.document, draft.position, draft.finding, id=int(new_id)))
        return stored

    def add_decision(self, decision: DraftDecision) -> None:
        d = decision
        self._conn.execute(
            insert(draft_decisions).values(
                draft=d.draft, decision=d.decision.value, edits=json.dumps(d.edits, sort_keys=True), reason=d.reason,
                by_actor=d.by, at=d.at, ledger_seq=d.ledger_seq,
            )
        )  # fmt: skip

    def documents(self) -> list[SourceDocument]:
        rows = self._conn.execute(select(source_documents).order_by(source_documents.c.id)).mappings()
        return [document_from_row(dict(r)) for r in rows]

    def document(self, id_: int) -> SourceDocument | None:
        row = self._conn.execute(select(source_documents).where(source_documents.c.id == id_)).mappings().first()
        return document_from_row(dict(row)) if row else None

    def drafts(self, document: int | None = None) -> list[Draft]:
        query = select(source_drafts).order_by(source_drafts.c.id)
        if document is not None:
            query = query.where(source_drafts.c.document == document)
        return [draft_from_row(dict(r)) for r in self._conn.execute(query).mappings()]

    def draft(self, id_: int) -> Draft | None:
        row = self._conn.execute(select(source_drafts).where(source_drafts.c.id == id_)).mappings().first()
        return draft_from_row(dict(row)) if row else None

    def decisions(self, drafts: Collection[int] | None = None) -> list[DraftDecision]:
        query = select(draft_decisions).order_by(draft_decisions.c.seq)
        if drafts is not None:
            query = query.where(draft_decisions.c.draft.in_(list(drafts)))
        return [decision_from_row(dict(r)) for r in self._conn.execute(query).mappings()]


def draft_row(draft: Draft) -> dict[str, Any]:
    f = draft.finding
    return dict(  # noqa: C408 - keyword arguments read like the columns they fill
        document=draft.document, position=draft.position, span_start=f.start, span_end=f.end, quote=f.text,
        sentence=f.sentence, amount=f.amount, currency=f.currency, qualifier=f.qualifier, kind=f.kind,
        donor=f.donor, recipient=f.recipient, starts=f.starts, ends=f.ends, on_date=f.on, confidence=f.confidence,
        flags="\n".join(f.flags),
    )  # fmt: skip


def draft_from_row(r: Row) -> Draft:
    finding = Finding(
        start=r["span_start"], end=r["span_end"], text=r["quote"], sentence=r["sentence"], amount=r["amount"],
        currency=r["currency"], qualifier=r["qualifier"], kind=r["kind"], donor=r["donor"],
        recipient=r["recipient"], starts=r["starts"], ends=r["ends"], on=r["on_date"], confidence=r["confidence"],
        flags=tuple(r["flags"].split("\n")) if r["flags"] else (),
    )  # fmt: skip
    return Draft(r["document"], r["position"], finding, id=r["id"])


def document_from_row(r: Row) -> SourceDocument:
    return SourceDocument(
        r["title"], r["language"], r["on_date"], r["text"], r["added_by"],
        r["added_at"], id=r["id"],
    )  # fmt: skip


def decision_from_row(r: Row) -> DraftDecision:
    return DraftDecision(
        r["draft"], Decision(r["decision"]), r["by_actor"], r["at"], json.loads(r["edits"]), r["reason"],
        r["ledger_seq"],
    )  # fmt: skip
