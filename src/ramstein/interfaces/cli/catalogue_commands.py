"""`ramstein catalogue list | add`: the items that can be asked for and offered, and adding one."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.coordination.catalogue import CatalogueItem, ItemKind
from ramstein.domain.ledger import Capability
from ramstein.interfaces.cli.coordination_options import JsonFlag, recorded
from ramstein.interfaces.cli.output import print_json, stdout
from ramstein.services import coordination_access as coordination
from ramstein.services.guard import Caller

catalogue_app = typer.Typer(
    help="The item catalogue: families that substitute each other, what fires what; add items to it.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(catalogue_app, name="catalogue")


@catalogue_app.command("list")
def catalogue_list(as_json: JsonFlag = False) -> None:
    """Every item: its code (to use in needs, offers and restrictions), family, capability, kind, the
    platforms that fire it, and who added it (shipped items come with ramstein)."""
    catalogue = bootstrap.build().catalogue()
    if as_json:
        print_json(list(catalogue))
        return
    table = Table("code", "name", "family", "capability", "kind", "fired from", "added")
    for i in catalogue:
        added = recorded(i.recorded_by, i.recorded_at) if i.recorded_by else "shipped"
        table.add_row(i.code, i.name, i.family, i.capability, i.kind, ", ".join(i.fires_from), added)
    stdout.print(table)


@catalogue_app.command("add")
def catalogue_add(
    code: Annotated[str, typer.Option(help="The new item's code: lower-case letters, digits, '-' and '.'.")],
    name: Annotated[str, typer.Option(help="What it is, in words.")],
    family: Annotated[
        str, typer.Option(help="An existing family (its items substitute each other), or CODE for a new one.")
    ],
    capability: Annotated[Capability, typer.Option(help="The capability area it serves.")],
    kind: Annotated[ItemKind, typer.Option(help="platform, ammunition, spares, training (a course type) or other.")],
    fires_from: Annotated[
        str, typer.Option(help="Ammunition: the platforms of the catalogue that fire it, separated by ';'.")
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add an item to the catalogue, checked against it: a known family (or a new one named by the code),
    one kind per family, ammunition fired from known platforms. It is recorded with who added it and when."""
    app = bootstrap.build()
    fires = tuple(p.strip() for p in fires_from.split(";") if p.strip())
    item = CatalogueItem(code.strip(), name.strip(), family.strip(), capability, kind, fires)
    done = coordination.add_catalogue_item(app.uow, Caller(app.actor), app.shipped_catalogue(), item, app.clock)
    if as_json:
        print_json(done)
        return
    stdout.print(f"Added {done.code} ({done.name}) to family {done.family}, {done.kind} for {done.capability}")
