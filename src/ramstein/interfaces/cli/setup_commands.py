"""`ramstein init`, `db upgrade`, `data update | list`, `import kiel | ledger`: getting data in."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.adapters.importers import ecb, kiel, ledger_csv, worldbank
from ramstein.domain.access import Role
from ramstein.domain.errors import InvalidInput
from ramstein.interfaces.cli.output import billions, print_issues, print_json, progress, stderr, stdout
from ramstein.services import accounts, ledger_access, ledger_import, reference, setup, tracker
from ramstein.services.guard import Caller

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]

db_app = typer.Typer(help="The database: schema migrations, backup and restore.", no_args_is_help=True)
data_app = typer.Typer(help="Reference data: nations, GDP, exchange rates. Never overwritten, only added.")
import_app = typer.Typer(help="Bring records in from files: a Kiel tracker release, a ledger CSV.")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.add_typer(db_app, name="db")
    app.add_typer(data_app, name="data")
    app.add_typer(import_app, name="import")


def init(as_json: JsonFlag = False) -> None:
    """Create or upgrade the database, load the shipped reference data and the Kiel tracker release.

    Safe to run again: what is already loaded is left as it is.
    """
    app = bootstrap.build()
    app.migrate()
    with progress("Importing the Kiel tracker release") as update:
        factory = ledger_access.installer(app.uow, Caller(app.actor), app.clock)
        done = setup.initialise(factory, app.shipped(), actor=app.actor, clock=app.clock, progress=update)
    if as_json:
        print_json(done)
        return
    stdout.print(f"Database ready: {app.settings.database_url}")
    for installed in done.installed:
        stdout.print(f"  loaded {installed.info.kind}: {installed.info.label} ({installed.info.rows:,} rows)")
    _print_tracker(done.tracker, app.settings.locale)
    if done.illustrative_round is not None:
        found = done.illustrative_round.result
        stdout.print(
            f"  coordination: an INVENTED illustrative data set, matched in allocation round 1 "
            f"({len(found.assignments)} assignments, {len(found.shortfalls)} unmet needs); not in the ledger"
        )
    if done.illustrative_industry is not None:
        built = done.illustrative_industry
        stdout.print(
            f"  industry: an INVENTED illustrative industrial base ({built.lines} production lines, "
            f"{built.contracts} contracts, {built.offers} production offers); see `ramstein forecast`"
        )
    _print_accounts(app)
    stdout.print(
        "Next: `ramstein overview` for the burden overview, `ramstein rounds show 1` for the illustrative "
        "allocation round, `ramstein scenario run largest-donor-stops` for a what-if with bands, "
        "`ramstein serve` for the web app and the API, `ramstein --help` for everything else."
    )


def _print_accounts(app: bootstrap.App) -> None:
    """How to sign in: the web app has no sign-up, so the first coordinator is made here, on the command line."""
    found = accounts.users(app.uow, Caller(app.actor), app.clock)
    if found:
        coordinators = sum(1 for user in found if user.role is Role.COORDINATOR)
        stdout.print(f"  accounts: {len(found)}, coordinators: {coordinators}; `ramstein users list` shows them")
        return
    stdout.print(
        "  accounts: none yet. Create the first coordinator (it asks for a password twice):\n"
        "    ramstein users add NAME --role coordinator\n"
        "  then sign in at http://127.0.0.1:8000/login once `ramstein serve` runs. Without an account the web "
        "app shows the public views only."
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration (a new database is created)."""
    app = bootstrap.build()
    app.migrate()
    stdout.print(f"Database schema is current: {app.settings.database_url}")


@data_app.command("update")
def data_update(
    gdp: Annotated[
        Path | None, typer.Option(help="A newer World Bank GDP CSV (Country Name,Country Code,Year,Value).")
    ] = None,
    fx: Annotated[
        Path | None, typer.Option(help="A newer ECB eurofxref-hist file (.csv, .csv.gz or the ECB's .zip).")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Validate and show what would change; store nothing.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Validate a newer GDP or exchange-rate file, report what it changes, and add it as a new dataset.

    The dataset in use is never overwritten: reports name the dataset they used and can be replayed.
    """
    if (gdp is None) == (fx is None):
        raise InvalidInput("give exactly one file", hint="use --gdp FILE or --fx FILE.")
    app = bootstrap.build()
    now = app.clock()
    if fx is not None:
        table, info, issues = ecb.read_ecb_rates(fx, loaded_at=now)
        done = reference.install_rates(app.uow, info, table, issues, dry_run=dry_run)
    else:
        assert gdp is not None
        values, info, issues = worldbank.read_gdp(gdp, app.known_codes(), loaded_at=now)
        done = reference.install_gdp(app.uow, info, values, issues, dry_run=dry_run)
    if as_json:
        print_json(done)
        return
    verb = "would add" if dry_run and not done.diff.is_empty else "added" if done.stored else "unchanged:"
    stdout.print(f"{done.info.kind}: {verb} {done.info.label}")
    for line in done.diff.summary or ("the file holds nothing new",):
        stdout.print(f"  {line}")
    for change in done.diff.examples:
        stdout.print(f"  e.g. {change.key}: {change.before} -> {change.after}")


@data_app.command("list")
def data_list(as_json: JsonFlag = False) -> None:
    """The reference datasets loaded, oldest first; the newest of each kind is in use."""
    found = reference.datasets(bootstrap.build().uow)
    if as_json:
        print_json(found)
        return
    table = Table("id", "kind", "dataset", "rows", "loaded at", "source")
    for info in found:
        table.add_row(
            str(info.id), info.kind, info.label, f"{info.rows:,}", f"{info.loaded_at:%Y-%m-%d %H:%M}", info.source
        )
    stdout.print(table)


@import_app.command("kiel")
def import_kiel(
    folder: Annotated[
        Path, typer.Argument(help="A Kiel tracker release folder (data_explorer.csv, release_info.csv, ...).")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Import a Kiel Ukraine Support Tracker release: each donor's monthly allocations become commitments.

    Importing the same release again changes nothing; a newer release supersedes the older cell by cell
    through reversal entries, so the history of every figure is kept.
    """
    app = bootstrap.build()
    release, issues = kiel.read_release(folder)
    with progress("Importing") as update:
        factory = ledger_access.importer(app.uow, Caller(app.actor), folder.name, app.clock)
        done = tracker.import_release(factory, release, issues, actor=app.actor, clock=app.clock, progress=update)
    if as_json:
        print_json(done)
        return
    _print_tracker(done, app.settings.locale)


@import_app.command("ledger")
def import_ledger(
    file: Annotated[
        Path, typer.Argument(help="A CSV file with a header: kind,donor,recipient,amount,currency,date,...")
    ],
    skip_invalid: Annotated[
        Path | None,
        typer.Option(help="Record the good rows and write the bad ones, with their problems, to this CSV file."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Import ledger entries from CSV, all or nothing: a file with a bad row is rejected whole, with every
    problem listed (row, column, what is wrong), unless --skip-invalid sets the bad rows aside.

    Columns: kind (pledge|commitment|delivery), donor, amount, currency, date are required; recipient
    (default UKR), aid_type, instrument, channel, capability, source, external_id, starts, ends, note and
    items ('name:quantity[:unit value]; ...') are optional. See docs/ledger.md.
    """
    app = bootstrap.build()
    rows, issues = ledger_csv.read_ledger_csv(file)
    with progress("Recording") as update:
        done = ledger_import.import_rows(
            ledger_access.importer(app.uow, Caller(app.actor), file.name, app.clock), file.name, rows, issues,
            actor=app.actor, clock=app.clock, skip_invalid=skip_invalid is not None, progress=update,
        )  # fmt: skip
    if skip_invalid is not None and done.rejected:
        ledger_csv.write_rejects(skip_invalid, done.rejected)
    if as_json:
        print_json({"recorded": len(done.recorded), "rejected": [r.number for r, _ in done.rejected]})
        return
    first, last = (done.recorded[0].seq, done.recorded[-1].seq) if done.recorded else (0, 0)
    stdout.print(f"Recorded {len(done.recorded):,} entries" + (f" (#{first} to #{last})" if done.recorded else ""))
    if done.rejected:
        stderr.print(f"Set aside {len(done.rejected)} rejected row(s) in {skip_invalid}:")
        print_issues([i for _, issues in done.rejected for i in issues])


def _print_tracker(done: tracker.TrackerImport, locale: str) -> None:
    if done.changed_nothing:
        stdout.print(f"Kiel tracker release {done.release}: already imported, nothing changed.")
    else:
        stdout.print(
            f"Kiel tracker release {done.release}: {done.added:,} entries added, {done.reversed:,} reversed, "
            f"{done.unchanged:,} unchanged."
        )
    totals = ", ".join(f"{kind} EUR {billions(amount, locale)} bn" for kind, amount in sorted(done.in_force.items()))
    everything = billions(sum(done.in_force.values(), Decimal(0)), locale)
    stdout.print(f"  in force from the tracker: {totals}; all EUR {everything} bn")
