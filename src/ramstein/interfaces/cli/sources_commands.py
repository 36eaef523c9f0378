"""`ramstein sources extract | add | list | review`: amounts read from news and statements, as drafts."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction.drafts import Draft, Edits
from ramstein.domain.extraction.reading import Finding
from ramstein.domain.ledger import AidType
from ramstein.domain.money import canonical_decimal
from ramstein.interfaces.cli.output import option_date, print_json, stderr, stdout, to_jsonable
from ramstein.services import sources
from ramstein.services.draft_form import parse_edits, raise_problems
from ramstein.services.guard import Caller

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
FileArg = Annotated[
    str, typer.Argument(metavar="FILE", help="A UTF-8 text file with the article or statement; - reads stdin.")
]
LangOption = Annotated[str, typer.Option("--lang", help="auto, da, nb, sv, de or en.")]
sources_app = typer.Typer(
    help="Read pledged amounts out of news and official statements (da, nb, sv, de, en) into drafts that a "
    "person confirms or rejects; a confirmed draft becomes a ledger pledge whose source is the document.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")


@sources_app.command("extract")
def extract(
    file: FileArg,
    lang: LangOption = "auto",
    on: Annotated[
        str | None,
        typer.Option("--date", help="The document's date (default: today, or the last day of the shipped rates)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Read amounts from FILE and print them; nothing is stored and no database is needed.

    Example: `ramstein sources extract statement.txt --lang da --date 2024-04-02 --json`
    """
    text = _read(file)
    rates = bootstrap.shipped_rates()
    when = option_date("date", on) or _default_date(rates.last_date)
    reading = sources.extract(text, lang, when, bootstrap.lexicons(), rates)
    if as_json:
        print_json(
            {"language": reading.language, "date": when, "findings": [finding_json(f) for f in reading.findings]}
        )
    else:
        _print_findings(list(reading.findings), f"{file}: {reading.language}, {when.isoformat()}")
    if not reading.findings:
        stderr.print("No amounts of money found (an amount needs a currency: EUR 40 billion, 2,5 mia. kr.).")


def _default_date(last_rate: date | None) -> date:
    """Today, unless the shipped exchange rates end earlier: a stated conversion can only be checked on a day
    with rates, so without --date the reader checks at the last one and says so."""
    today = bootstrap.utc_now().date()
    if last_rate is None or today <= last_rate:
        return today
    stderr.print(f"No --date: conversions are checked at the ECB rates of {last_rate.isoformat()}, the last shipped.")
    return last_rate


@sources_app.command("add")
def add(
    file: FileArg,
    on: Annotated[str, typer.Option("--date", help="The document's date of publication (YYYY-MM-DD).")],
    lang: LangOption = "auto",
    title: Annotated[str, typer.Option(help="What the document is (default: the file name).")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Store FILE as a source document with a draft for each amount read from it, for review.

    Example: `ramstein sources add statement.txt --lang da --date 2024-04-02 --title "FMN, 2 April 2024"`
    """
    text = _read(file)
    when = option_date("date", on) or date.min
    app = bootstrap.build()
    stored = sources.add(
        app.uow, Caller(app.actor), title or Path(file).name, text, lang, when, lexicons=app.lexicons(), clock=app.clock
    )
    if as_json:
        print_json({"document": _document_json(stored.document), "drafts": [draft_json(d) for d in stored.drafts]})
        return
    _print_drafts(stored.drafts, f"source document #{stored.document.id}: {len(stored.drafts)} drafts")
    if stored.restatements:
        stdout.print(f"{stored.restatements} restatement(s) in a second currency were checked, not drafted.")
    stdout.print("Review them with `ramstein sources review`.")


@sources_app.command("list")
def list_documents(as_json: JsonFlag = False) -> None:
    """The stored source documents with their number of drafts: waiting for review, confirmed, rejected."""
    app = bootstrap.build()
    found = sources.documents(app.uow, Caller(app.actor), app.clock)
    if as_json:
        print_json([{**_document_json(s.document), "drafts": s.drafts, "waiting": s.waiting,
                     "confirmed": s.confirmed, "rejected": s.rejected} for s in found])  # fmt: skip
        return
    table = Table("#", "date", "lang", "title", "drafts", "waiting", "confirmed", "rejected",
                  title=f"{len(found)} source documents")  # fmt: skip
    for s in found:
        doc = s.document
        table.add_row(str(doc.id), doc.on.isoformat(), doc.language, doc.title[:60], str(s.drafts), str(s.waiting),
                      str(s.confirmed), str(s.rejected))  # fmt: skip
    stdout.print(table)


@sources_app.command("review")
def review(
    draft: Annotated[int | None, typer.Argument(help="A draft's number; without it, list the drafts waiting.")] = None,
    document: Annotated[int | None, typer.Option(help="Only the drafts of this document.")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="Confirm DRAFT (with the corrections given).")] = False,
    edit: Annotated[
        bool, typer.Option("--edit", help="Correct DRAFT without deciding on it (replaces an earlier correction).")
    ] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject DRAFT; give --reason.")] = False,
    reason: Annotated[str, typer.Option(help="Why the draft is rejected (with --edit: a note).")] = "",
    amount: Annotated[str | None, typer.Option(help="Correct the amount: 2500000000 or 2.5bn.")] = None,
    currency: Annotated[str | None, typer.Option(help="Correct the currency (ISO 4217).")] = None,
    donor: Annotated[str | None, typer.Option(help="Correct the donor (e.g. DNK, EU).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Correct the recipient (default UKR).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Correct the pledge's date.")] = None,
    starts: Annotated[str | None, typer.Option(help="Correct the first day of a multi-year term.")] = None,
    ends: Annotated[str | None, typer.Option(help="Correct the last day of a multi-year term.")] = None,
    aid_type: Annotated[AidType | None, typer.Option(help="military (default; loans: financial).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List drafts waiting for review, show one, correct one (--edit), or decide on one: --confirm (with
    corrections: an edit) or --reject --reason. A confirmed draft becomes a ledger pledge whose source is its
    document; a corrected one waits, with its corrections, for someone who may confirm it.

    Example: `ramstein sources review 3 --confirm --donor DNK`
    """
    app = bootstrap.build()
    caller = Caller(app.actor)
    if draft is None:
        if confirm or reject or edit:
            raise InvalidInput(
                "--confirm, --edit and --reject need a DRAFT number", hint="e.g. ramstein sources review 3 --confirm"
            )
        _print_queue(sources.review_queue(app.uow, caller, app.clock, document), as_json)
    elif confirm + reject + edit > 1:
        raise InvalidInput("give one of --confirm, --edit or --reject")
    elif confirm or edit:
        fields = {"amount": amount, "currency": currency, "donor": donor, "recipient": recipient, "on": on,
                  "starts": starts, "ends": ends, "aid_type": aid_type.value if aid_type else None}  # fmt: skip
        edits = parse_edits({k: v or "" for k, v in fields.items()})
        if not isinstance(edits, Edits):
            raise_problems(edits)
            return
        if edit:
            revision = sources.revise(app.uow, caller, draft, edits, clock=app.clock, note=reason)
            _print_decision(revision, as_json, f"corrections: {revision.edits}")
            return
        decision, entry = sources.confirm(app.uow, caller, draft, edits, clock=app.clock)
        _print_decision(decision, as_json, f"recorded as ledger entry #{entry.seq}")
    elif reject:
        decision = sources.reject(app.uow, caller, draft, reason, clock=app.clock)
        _print_decision(decision, as_json, f"reason: {decision.reason}")
    else:
        _print_view(sources.show(app.uow, caller, draft, app.clock), as_json)


def _print_queue(waiting: list[sources.DraftView], as_json: bool) -> None:
    if as_json:
        print_json([{**draft_json(v.draft), "document_title": v.document.title} for v in waiting])
    else:
        _print_drafts([v.draft for v in waiting], f"{len(waiting)} drafts waiting for review")


def _print_view(view: sources.DraftView, as_json: bool) -> None:
    if as_json:
        print_json({**draft_json(view.draft), "document_title": view.document.title, "decisions": view.decisions})
        return
    _print_drafts([view.draft], f"draft {view.draft.id} of {view.document.label()}")
    stdout.print(f"Sentence: {view.draft.finding.sentence}", markup=False)
    for d in view.decisions:
        stdout.print(f"{d.decision} by {d.by} at {d.at:%Y-%m-%d %H:%M} {d.reason}", markup=False)


def finding_json(f: Finding) -> dict[str, Any]:
    body: dict[str, Any] = to_jsonable(f)
    body["amount"] = canonical_decimal(f.amount)
    return body


def draft_json(d: Draft) -> dict[str, Any]:
    return {"draft": d.id, "document": d.document, "position": d.position, **finding_json(d.finding)}


def _document_json(doc: Any) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "language": doc.language, "date": doc.on.isoformat(),
            "added_by": doc.added_by, "added_at": doc.added_at.isoformat()}  # fmt: skip


def _read(file: str) -> str:
    try:
        return sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"no file {file}", hint="give the path of a text file, or - for stdin.") from None
    except (UnicodeDecodeError, IsADirectoryError) as error:
        raise InvalidInput(f"{file} is not a UTF-8 text file ({error})", hint="save the text as UTF-8.") from None


def _print_findings(findings: list[Finding], title: str) -> None:
    table = Table("#", "text", "amount", "cur", "qualifier", "donor", "kind", "term", "conf.", "flags", title=title)
    for i, f in enumerate(findings):
        table.add_row(*_row(f, str(i)))
    stdout.print(table)


def _print_drafts(drafts: list[Draft], title: str) -> None:
    table = Table("draft", "text", "amount", "cur", "qualifier", "donor", "kind", "term", "conf.", "flags", title=title)
    for d in drafts:
        table.add_row(*_row(d.finding, str(d.id)))
    stdout.print(table)


def _row(f: Finding, number: str) -> tuple[str, ...]:
    term = f"{f.starts.year}–{f.ends.year}" if f.starts and f.ends else ""
    flags = "; ".join(f.flags)
    if f.conversion_of is not None:
        flags = f"restates #{f.conversion_of}; {flags}".rstrip("; ")
    return (
        number, f.text, f"{canonical_decimal(f.amount)}", f.currency or "?", f.qualifier or "", f.donor or "?",
        f.kind or "", term, f"{f.confidence}", flags,
    )  # fmt: skip


def _print_decision(decision: Any, as_json: bool, detail: str) -> None:
    if as_json:
        print_json(decision)
        return
    stdout.print(f"draft {decision.draft} {decision.decision}: {detail}", markup=False)
