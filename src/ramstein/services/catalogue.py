"""Use cases of the item catalogue: the shipped catalogue with the items added since, and adding one.

An added item is a record like any other (who, when), never edited; it can be asked for, offered and named
in a restriction's scope at once, and it substitutes for the items of its family."""

from __future__ import annotations

from dataclasses import replace

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue, CatalogueItem, check_new_item
from ramstein.domain.errors import InvalidInput
from ramstein.services.ports import CatalogueSource, Clock, UnitOfWorkFactory


def current(uow_factory: UnitOfWorkFactory, shipped: CatalogueSource) -> Catalogue:
    """The shipped catalogue extended by the items recorded in the store."""
    with uow_factory() as uow:
        added = uow.coordination.catalogue_items()
    return shipped.load().extended(added)


def add_item(
    uow_factory: UnitOfWorkFactory, shipped: CatalogueSource, item: CatalogueItem, *, actor: Actor, clock: Clock
) -> CatalogueItem:
    """Check the item against the catalogue as it is now (under the writer lock) and record it."""
    with uow_factory() as uow:
        uow.lock_ledger()
        catalogue = shipped.load().extended(uow.coordination.catalogue_items())
        problems = check_new_item(catalogue, item)
        if problems:
            listed = "; ".join(f"{field}: {problem}" for field, problem in problems)
            raise InvalidInput(f"nothing was added: {listed}", hint="`ramstein catalogue list` shows the catalogue.")
        stored = replace(item, recorded_by=actor.name, recorded_at=clock())
        uow.coordination.add_catalogue_item(stored)
        uow.commit()
    return stored
