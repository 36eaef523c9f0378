"""`ramstein ledger add | list | show | reverse` and `ramstein verify`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.errors import IntegrityError, InvalidInput
from ramstein.domain.ledger import AidType, ChainHead, Entry, EntryKind, LedgerEntry
from ramstein.interfaces.cli.output import EXIT_CODES, number, option_date, print_json, progress, stdout
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.services import ledger, ledger_access
from ramstein.services.entry_form import parse_entry
from ramstein.services.guard import Caller
from ramstein.services.ports import LedgerQuery

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
ledger_app = typer.Typer(
    help="The append-only ledger of pledges, commitments and deliveries. Nothing is ever edited or deleted: "
    "a mistake is corrected by a reversal that points at it.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
    app.command()(verify)


@ledger_app.command("add")
def add(
    kind: Annotated[str, typer.Option(help="pledge, commitment (earmarked) or delivery (arrived).")],
    donor: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 code (DEU, USA, ...) or EU.")],
    amount: Annotated[
        str, typer.Option(help="Digits with a decimal point, optionally scaled: 1500000.50, 2.5m, 10.5bn.")
    ],
    currency: Annotated[str, typer.Option(help="ISO 4217 code: EUR, USD, GBP, DKK, NOK, SEK, ...")],
    on: Annotated[str, typer.Option("--on", help="Date of the pledge, commitment or delivery (YYYY-MM-DD).")],
    recipient: Annotated[str, typer.Option(help="Who receives it.")] = "UKR",
    aid_type: Annotated[str, typer.Option(help="military, financial or humanitarian.")] = "military",
    instrument: Annotated[
        str, typer.Option(help="One of the seven Washington categories, e.g. purchase, in-kind-from-stock.")
    ] = "",
    channel: Annotated[str, typer.Option(help="bilateral, nato, eu, pooled-purchase or other.")] = "bilateral",
    capability: Annotated[
        str, typer.Option(help="air-force, artillery, armour, drones, air-and-missile-defence, ...")
    ] = "",
    item: Annotated[
        list[str] | None, typer.Option(help="An item 'name:quantity[:unit value]'; repeat for several.")
    ] = None,
    source: Annotated[str, typer.Option(help="Where this is stated: a document title or URL.")] = "",
    external_id: Annotated[
        str, typer.Option(help="Your own unique reference; a second entry with it is refused.")
    ] = "",
    starts: Annotated[str, typer.Option(help="A multi-year pledge: first day it covers (YYYY-MM-DD).")] = "",
    ends: Annotated[str, typer.Option(help="A multi-year pledge: last day it covers (YYYY-MM-DD).")] = "",
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Record one pledge, commitment or delivery.

    Example: `ramstein ledger add --kind pledge --donor DNK --amount 10.5bn --currency EUR --on 2024-07-10
    --starts 2024-01-01 --ends 2027-12-31 --source "Danish MoD press release"`
    """
    fields = {k: v for k, v in locals().items() if isinstance(v, str)}
    fields.update(date=on, items="; ".join(item or []))
    parsed = parse_entry(fields, source="command line")
    if not isinstance(parsed, Entry):
        problems = "; ".join(f"--{i.column.replace('_', '-')}: {i.message}" for i in parsed)
        raise InvalidInput(f"the entry was not recorded: {problems}", hint="correct the options and run it again.")
    app = bootstrap.build()
    (recorded,) = ledger_access.record(app.uow, Caller(app.actor), [parsed], app.clock)
    _print_entry(recorded, None, as_json, app.settings.locale)


@ledger_app.command("list")
def list_entries(
    donor: Annotated[str | None, typer.Option(help="Only this donor (e.g. DEU).")] = None,
    kind: Annotated[EntryKind | None, typer.Option(help="Only this kind of entry.")] = None,
    aid_type: Annotated[AidType | None, typer.Option(help="Only this kind of aid.")] = None,
    since: Annotated[str | None, typer.Option(help="Entries dated on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Entries dated on or before (YYYY-MM-DD).")] = None,
    live: Annotated[bool, typer.Option(help="Only entries in force: no reversals, nothing reversed.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many entries to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many matching entries first.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """List entries in the order they were recorded, with filters and paging."""
    query = LedgerQuery(
        donor=donor.upper() if donor else None, kind=kind, aid_type=aid_type,
        since=option_date("since", since), until=option_date("until", until),
        live_only=live, limit=limit, offset=offset,
    )  # fmt: skip
    app = bootstrap.build()
    found, total = ledger.find(app.uow, query)
    if as_json:
        print_json({"total": total, "offset": offset, "entries": found})
        return
    table = Table("#", "date", "kind", "donor", "amount", "cur", "aid", "source", title=f"{total:,} matching entries")
    for record in found:
        entry = record.entry
        table.add_row(
            str(record.seq), entry.on.isoformat(),
            f"{entry.kind}" + (f" of #{entry.reverses}" if entry.reverses else ""), entry.donor,
            number(entry.amount.amount, app.settings.locale), entry.amount.currency, entry.aid_type, entry.source[:40],
        )  # fmt: skip
    stdout.print(table)
    if offset + len(found) < total:
        stdout.print(f"Showing {offset + 1}-{offset + len(found)}; next page: --offset {offset + len(found)}")


@ledger_app.command("show")
def show(
    seq: Annotated[int, typer.Argument(help="The entry's number (see `ledger list`).")], as_json: JsonFlag = False
) -> None:
    """Show one entry in full: every field, who recorded it and when, its hash, and any reversal of it."""
    app = bootstrap.build()
    record, reversal = ledger.show(app.uow, seq)
    _print_entry(record, reversal, as_json, app.settings.locale)


@ledger_app.command("reverse")
def reverse(
    seq: Annotated[int, typer.Argument(help="The number of the entry to cancel.")],
    reason: Annotated[str, typer.Option(help="Why the entry is wrong; kept in the ledger.")],
    on: Annotated[str | None, typer.Option("--on", help="Date of the reversal (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Cancel an entry with a reversal. The original stays in the ledger as history; record a corrected
    entry afterwards if needed."""
    app = bootstrap.build()
    on_date = option_date("on", on)
    recorded = ledger_access.reverse(app.uow, Caller(app.actor), seq, reason=reason, clock=app.clock, on=on_date)
    _print_entry(recorded, None, as_json, app.settings.locale)


def verify(
    anchor: Annotated[
        str | None,
        typer.Option(help="SEQ:HASH of an entry noted earlier (the head a past verify printed): detects a cut-back."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Walk the hash chain of the whole ledger and report the first broken link (exit code 8 if any).

    Keep the head it prints somewhere outside the database and pass it back with --anchor: a chain alone
    cannot show that entries were cut from its end."""
    app = bootstrap.build()
    with progress("Verifying") as update:
        report = ledger.verify(app.uow, update, _anchor(anchor))
    if as_json:
        print_json({"intact": report.intact, **to_jsonable(report)})
        if not report.intact:
            raise typer.Exit(EXIT_CODES[IntegrityError])
        return
    if not report.intact:
        raise IntegrityError(
            f"the ledger is broken at entry #{report.broken_at}: {report.problem}",
            hint=f"the {report.checked:,} entries before it are intact; restore the database from a backup "
            "and compare (docs/ledger.md).",
        )
    stdout.print(f"Ledger intact: {report.checked:,} entries. Head: {report.head.seq}:{report.head.hash}")


def _anchor(text: str | None) -> ChainHead | None:
    if text is None:
        return None
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise InvalidInput(f"--anchor {text!r} is not SEQ:HASH", hint="copy the head a past `ramstein verify` printed.")
    return ChainHead(int(seq), digest.lower())


def _print_entry(record: LedgerEntry, reversal: LedgerEntry | None, as_json: bool, locale: str) -> None:
    if as_json:
        print_json({"entry": record, "reversed_by": reversal.seq if reversal else None})
        return
    entry = record.entry
    table = Table(show_header=False, box=None, title=f"Ledger entry #{record.seq}")
    rows = {
        "kind": entry.kind + (f" of #{entry.reverses}" if entry.reverses else ""),
        "donor -> recipient": f"{entry.donor} -> {entry.recipient}",
        "amount": f"{entry.amount.currency} {number(entry.amount.amount, locale)}",
        "date": entry.on.isoformat(),
        "period": f"{entry.starts} to {entry.ends}" if entry.starts else "",
        "aid type / instrument": f"{entry.aid_type} / {entry.instrument or 'unspecified'}",
        "channel / capability": f"{entry.channel} / {entry.capability or 'unspecified'}",
        "items": "; ".join(f"{i.name} x {i.quantity:,}" for i in entry.items),
        "source": entry.source, "external id": entry.external_id or "", "note": entry.note,
        "recorded": f"by {record.recorded_by} at {record.recorded_at:%Y-%m-%d %H:%M:%S} UTC",
        "hash": f"{record.hash} (previous {record.prev_hash[:16]}...)",
        "reversed by": f"#{reversal.seq}: {reversal.entry.note}" if reversal else "",
    }  # fmt: skip
    for label, value in rows.items():
        if value:
            table.add_row(f"[bold]{label}[/]", value)
    stdout.print(table)
    sys.stdout.flush()
