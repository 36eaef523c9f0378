"""Source documents: read, store with drafts, review. Against every store (memory, SQLite, PostgreSQL) for the
main path, so the repositories keep the same contract; the rest against the in-memory store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ramstein.adapters.extraction_lexicon import BabelLexicons
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, RateUnavailable
from ramstein.domain.extraction.drafts import Decision, Edits, Status
from ramstein.domain.ledger import AidType, EntryKind
from ramstein.domain.nations import Nation
from ramstein.domain.reference import DatasetKind
from ramstein.services import ledger, reference, sources
from ramstein.services.guard import Caller
from ramstein.services.ports import UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table

CALLER = Caller(ledger.local_actor("reviewer"))
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
LEXICONS = BabelLexicons()
DAY = date(2024, 4, 2)
DANISH = (
    "USA har givet 60 milliarder dollar. Det svarer til omkring 410 milliarder kroner.\n"
    "Regeringen afsætter knap 50 milliarder kroner til en femårig fond. Danmark låner desuden Ukraine 2,5 mia. kr."
)


def clock() -> datetime:
    return NOW


def install(factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    nations = [Nation(code, code, None) for code in ("UKR", "DNK", "USA", "NOR", "SWE", "EU")]
    reference.install_nations(factory, a_dataset(DatasetKind.NATIONS), nations)
    days = [date(2024, 3, 28), DAY, date(2024, 5, 2)]
    table = {"USD": "1.08", "DKK": "7.46", "NOK": "11.7", "SEK": "11.5"}
    rates = a_rate_table({c: dict.fromkeys(days, r) for c, r in table.items()}, last_date=date(2024, 5, 2))
    reference.install_rates(factory, a_dataset(DatasetKind.FX), rates)
    return factory


@pytest.fixture
def uow() -> UnitOfWorkFactory:
    return install(MemoryStore().unit_of_work)


def add(uow: UnitOfWorkFactory, text: str = DANISH, on: date = DAY, title: str = "FMN", lang: str = "da"):
    return sources.add(uow, CALLER, title, text, lang, on, lexicons=LEXICONS, clock=clock)


def test_a_document_is_stored_with_its_drafts_reviewed_and_confirmed_into_the_ledger(uow_factory):
    uow = install(uow_factory)
    stored = add(uow)
    assert stored.restatements == 1  # the kroner restating the dollars: checked, not drafted
    usa, fund, loan = stored.drafts
    assert (usa.finding.amount, usa.finding.currency, usa.finding.donor) == (Decimal("60e9"), "USD", "USA")
    assert (fund.finding.qualifier, fund.finding.kind, fund.finding.starts) == ("almost", "fund", date(2024, 1, 1))
    assert [v.draft.id for v in sources.review_queue(uow, CALLER, clock)] == [usa.id, fund.id, loan.id]

    decision, entry = sources.confirm(uow, CALLER, loan.id, Edits(), clock=clock)
    assert decision.decision is Decision.CONFIRMED and decision.ledger_seq == entry.seq
    assert (entry.entry.kind, entry.entry.donor, entry.entry.amount.amount) == (
        EntryKind.PLEDGE,
        "DNK",
        Decimal("2.5e9"),
    )
    assert entry.entry.aid_type is AidType.FINANCIAL  # a loan
    assert entry.entry.source == f"source document #{stored.document.id}: FMN (2024-04-02, da)"
    assert "Danmark låner desuden Ukraine 2,5 mia. kr." in entry.entry.note

    edited, _ = sources.confirm(uow, CALLER, fund.id, Edits(amount=Decimal("49e9")), clock=clock)
    assert edited.decision is Decision.EDITED and edited.edits == {"amount": "49000000000"}
    sources.reject(uow, CALLER, usa.id, "the US package is recorded from the Kiel data", clock=clock)
    assert sources.review_queue(uow, CALLER, clock) == []
    assert [d.decision for d in sources.show(uow, CALLER, usa.id, clock).decisions] == [Decision.REJECTED]
    assert [(s.document.id, s.drafts, s.waiting, s.confirmed, s.rejected)
            for s in sources.documents(uow, CALLER, clock)] == [(stored.document.id, 3, 0, 2, 1)]  # fmt: skip
    listed = sources.drafts(uow, CALLER, clock)
    assert [(v.draft.id, v.status) for v in listed] == [
        (usa.id, Status.REJECTED), (fund.id, Status.EDITED), (loan.id, Status.CONFIRMED)]  # fmt: skip
    assert sources.drafts(uow, CALLER, clock, stored.document.id) == listed
    assert sources.drafts(uow, CALLER, clock, (stored.document.id or 0) + 1) == []  # a filter: none of another
    assert ledger.verify(uow).intact


def test_a_decision_stands(uow):
    (_, _, loan) = add(uow).drafts
    sources.confirm(uow, CALLER, loan.id, Edits(), clock=clock)
    with pytest.raises(Conflict, match=f"draft {loan.id} was confirmed by reviewer"):
        sources.reject(uow, CALLER, loan.id, "second thoughts", clock=clock)
    with pytest.raises(Conflict):
        sources.confirm(uow, CALLER, loan.id, Edits(), clock=clock)
    with pytest.raises(NotFound, match="no draft 99"):
        sources.confirm(uow, CALLER, 99, Edits(), clock=clock)
    with pytest.raises(InvalidInput, match="needs a reason"):
        sources.reject(uow, CALLER, 1, " ", clock=clock)


def test_a_draft_without_a_currency_or_donor_is_confirmed_only_with_it(uow):
    (draft,) = add(uow, "The new fund adds 5 billion kroner for air defence, officials said.", lang="en").drafts
    assert draft.finding.currency is None
    with pytest.raises(InvalidInput, match="has no currency"):
        sources.confirm(uow, CALLER, draft.id, Edits(), clock=clock)
    with pytest.raises(InvalidInput, match="has no donor"):
        sources.confirm(uow, CALLER, draft.id, Edits(currency="NOK"), clock=clock)
    _, entry = sources.confirm(uow, CALLER, draft.id, Edits(currency="NOK", donor="NOR"), clock=clock)
    assert entry.entry.amount.currency == "NOK"


def test_the_same_support_reported_differently_in_two_documents_is_flagged(uow):
    add(uow, "Danmark giver 10 mia. kr. i en ny pakke.", title="first")
    (same,) = add(uow, "Danmark giver 10 mia. kroner i sin nye pakke.", on=date(2024, 5, 2), title="same").drafts
    (other,) = add(uow, "Danmark giver 12 mia. kr. i en ny pakke.", on=date(2024, 5, 2), title="second").drafts
    assert not any("reported differently" in f for f in same.finding.flags)
    first, second = [f for f in other.finding.flags if f.startswith("reported differently")]
    assert "document #1 (first, 2024-04-02) says DKK 10000000000" in first
    assert "document #2 (same, 2024-05-02) says DKK 10000000000" in second


@pytest.mark.parametrize(
    ("text", "lang", "on", "error", "message"),
    [
        ("", "da", DAY, InvalidInput, "empty"),
        ("Danmark har sendt 19 F-16-fly og 100 kampvogne til Ukraine.", "da", DAY, InvalidInput, "no amounts"),
        ("Danmark giver 2 mia. kr.", "fr", DAY, InvalidInput, "not supported"),
        ("Danmark giver 1,2,3 mia. kr.", "da", DAY, InvalidInput, "not a number"),
        ("Danmark giver 2 mia. kr.", "da", date(2026, 11, 22), RateUnavailable, "outside the exchange-rate data"),
        ("Danmark giver 2 mia. kr.", "da", date(1998, 1, 1), RateUnavailable, "outside the exchange-rate data"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_written(uow, text, lang, on, error, message):
    with pytest.raises(error, match=message):
        add(uow, text, on=on, lang=lang)
    with uow() as work:
        assert work.sources.documents() == [] and work.sources.drafts() == []


def test_the_same_text_is_stored_once(uow):
    add(uow)
    with pytest.raises(Conflict, match="stored already, as source document #1"):
        add(uow, title="again")


def test_extract_detects_the_language_and_stores_nothing(uow):
    with uow() as work:
        rates = work.reference.rates()
    reading = sources.extract(
        "Sverige ger nästan 7,1 miljarder kronor i ett nytt stödpaket.", "auto", DAY, LEXICONS, rates
    )
    assert reading.language == "sv"
    assert [(f.amount, f.currency, f.qualifier) for f in reading.findings] == [(Decimal("7.1e9"), "SEK", "almost")]


ANALYST = Caller(Actor("ida", Role.ANALYST), origin="10.0.0.7")
NORWAY = Caller(Actor("ola", Role.NATION, "NOR"))
DENMARK = Caller(Actor("anna", Role.NATION, "DNK"))
LIAISON = Caller(Actor("olena", Role.LIAISON, "UKR"))


def _audit(uow: UnitOfWorkFactory) -> list[tuple[str, str, bool]]:
    with uow() as work:
        return [(r.actor, r.action, r.allowed) for r in reversed(work.audit.records())]


def test_an_analyst_adds_a_text_corrects_and_rejects_drafts_but_cannot_confirm_one(uow):
    stored = sources.add(uow, ANALYST, "NRK", DANISH, "da", DAY, lexicons=LEXICONS, clock=clock)
    usa, fund, loan = stored.drafts
    assert stored.document.added_by == "ida"
    revision = sources.revise(uow, ANALYST, fund.id, Edits(amount=Decimal("49e9"), donor="DNK"), clock=clock,
                              note="the minister said 49")  # fmt: skip
    assert revision.decision is Decision.REVISED and revision.edits == {"amount": "49000000000"}  # DNK as read
    view = sources.show(uow, ANALYST, fund.id, clock)
    assert view.status.value == "revised" and view.corrections.amount == Decimal("49e9")
    assert [v.draft.id for v in sources.review_queue(uow, ANALYST, clock)] == [usa.id, fund.id, loan.id]
    sources.reject(uow, ANALYST, usa.id, "the US figure is not this coalition's", clock=clock)
    with pytest.raises(Forbidden, match="analyst may not record ledger"):
        sources.confirm(uow, ANALYST, fund.id, Edits(), clock=clock)
    decision, entry = sources.confirm(uow, CALLER, fund.id, Edits(), clock=clock)  # the coordinator
    assert decision.decision is Decision.EDITED and decision.edits == {"amount": "49000000000"}
    assert entry.entry.amount.amount == Decimal("49e9") and entry.recorded_by == "reviewer"
    assert [(s.waiting, s.confirmed, s.rejected) for s in sources.documents(uow, ANALYST, clock)] == [(1, 1, 1)]
    assert _audit(uow)[-5:] == [
        ("ida", "sources.add", True), ("ida", "sources.edit", True), ("ida", "sources.reject", True),
        ("ida", "ledger.record", False), ("reviewer", "ledger.record", True),
    ]  # fmt: skip
    with uow() as work:
        assert work.audit.records()[1].origin == "10.0.0.7"  # the refusal, newest first after the confirmation


WHO = [(CALLER, True), (ANALYST, True), (DENMARK, False), (LIAISON, False), (Caller(Actor.public()), False)]


@pytest.mark.parametrize(("caller", "allowed"), WHO)
def test_who_may_add_correct_and_reject(uow, caller, allowed):
    (_, fund, loan) = add(uow).drafts
    actions = [
        ("sources.add", lambda: sources.add(uow, caller, "t", "Norge giver 3 mia. kroner.", "da", DAY,
                                            lexicons=LEXICONS, clock=clock)),
        ("sources.edit", lambda: sources.revise(uow, caller, fund.id, Edits(amount=Decimal(1)), clock=clock)),
        ("sources.reject", lambda: sources.reject(uow, caller, loan.id, "no", clock=clock)),
    ]  # fmt: skip
    for action, attempt in actions:
        if allowed:
            attempt()
        else:
            with pytest.raises(Forbidden, match="may not"):
                attempt()
        assert _audit(uow)[-1] == (caller.actor.name, action, allowed)
    if not allowed:
        with uow() as work:
            assert len(work.sources.documents()) == 1 and len(work.sources.decisions()) == 0


def test_confirming_is_for_who_may_record_the_donor_s_pledge(uow):
    usa, _, loan = add(uow).drafts
    with pytest.raises(Forbidden, match="representative of DNK may not record ledger for USA"):
        sources.confirm(uow, DENMARK, usa.id, Edits(), clock=clock)
    with pytest.raises(Forbidden, match="representative of NOR may not record ledger for DNK"):
        sources.confirm(uow, NORWAY, loan.id, Edits(), clock=clock)
    with pytest.raises(Forbidden, match="liaison may not record ledger"):
        sources.confirm(uow, LIAISON, loan.id, Edits(), clock=clock)
    _, entry = sources.confirm(uow, DENMARK, loan.id, Edits(), clock=clock)
    assert entry.recorded_by == "anna"
    assert len(sources.review_queue(uow, Caller(Actor("ida", Role.ANALYST)), clock)) == 2
    with pytest.raises(Forbidden):
        sources.review_queue(uow, Caller(Actor.public()), clock)
    refusals = [(who, action) for who, action, allowed in _audit(uow) if not allowed]
    assert refusals == [("anna", "ledger.record"), ("ola", "ledger.record"), ("olena", "ledger.record"),
                        ("public", "sources.read")]  # fmt: skip


def test_a_correction_moves_who_may_confirm_and_a_representative_cannot_re_attribute(uow):
    usa, _, _ = add(uow).drafts
    sources.revise(uow, ANALYST, usa.id, Edits(donor="DNK", currency="DKK", amount=Decimal("4e9")), clock=clock)
    decision, entry = sources.confirm(uow, DENMARK, usa.id, Edits(), clock=clock)  # now Denmark's pledge
    assert (entry.entry.donor, entry.entry.amount.currency) == ("DNK", "DKK")
    assert decision.edits == {"amount": "4000000000", "currency": "DKK", "donor": "DNK"}


def test_a_bad_correction_writes_nothing(uow):
    (_, fund, loan) = add(uow).drafts
    with pytest.raises(InvalidInput, match="unknown nation XYZ") as unknown:
        sources.revise(uow, ANALYST, fund.id, Edits(donor="XYZ"), clock=clock)
    assert unknown.value.key == "draft.donor"
    with pytest.raises(InvalidInput, match="change nothing"):
        sources.revise(uow, ANALYST, fund.id, Edits(amount=fund.finding.amount, donor="DNK"), clock=clock)
    sources.reject(uow, ANALYST, loan.id, "a loan, recorded elsewhere", clock=clock)
    with pytest.raises(Conflict, match="was rejected by ida"):
        sources.revise(uow, ANALYST, loan.id, Edits(amount=Decimal(1)), clock=clock)
    with uow() as work:
        assert [d.decision for d in work.sources.decisions()] == [Decision.REJECTED]


def test_a_confirmation_after_someone_else_s_correction_is_refused(uow, monkeypatch):
    (_, fund, _) = add(uow).drafts
    real = sources.corrections
    calls = []

    def corrected_meanwhile(events):  # the second look, under the lock, sees a revision the first did not
        calls.append(1)
        return Edits(amount=Decimal("1e9")) if len(calls) == 2 else real(events)

    monkeypatch.setattr(sources, "corrections", corrected_meanwhile)
    with pytest.raises(Conflict, match="corrected by someone else meanwhile"):
        sources.confirm(uow, CALLER, fund.id, Edits(), clock=clock)
    with uow() as work:
        assert work.ledger.count() == 0
