"""The item catalogue: what can be asked for and offered, which items substitute each other, which
ammunition a platform fires, and what a complete package of a platform holds.

Substitution is by family: items of one family serve each other's needs (any 155 mm NATO round serves a
need for 155 mm rounds). A platform's family is usually its own code: a CAESAR does not replace a Patriot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.ledger import Capability


class ItemKind(StrEnum):
    PLATFORM = "platform"
    AMMUNITION = "ammunition"
    SPARES = "spares"
    TRAINING = "training"  # a course type: its quantities are trainee seats
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    code: str
    name: str
    family: str
    capability: Capability
    kind: ItemKind
    fires_from: tuple[str, ...] = ()  # ammunition: the platforms that fire it
    recorded_by: str = ""  # an item added from the command line: who added it, and when ("": shipped)
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.code.strip() or not self.family.strip():
            raise InvalidInput("a catalogue item needs a code and a family")


@dataclass(frozen=True, slots=True)
class PackagePart:
    item: str
    per_platform: int


@dataclass(frozen=True, slots=True)
class Package:
    """A complete package: one platform plus, per platform, ammunition, spares and training seats."""

    platform: str
    parts: tuple[PackagePart, ...]


class Catalogue:
    def __init__(self, items: Iterable[CatalogueItem], packages: Iterable[Package] = ()) -> None:
        self._items = {i.code: i for i in items}
        self._packages = {p.platform: p for p in packages}
        for package in self._packages.values():
            for code in (package.platform, *(part.item for part in package.parts)):
                if code not in self._items:
                    raise InvalidInput(f"package of {package.platform} names {code!r}, which is not in the catalogue")

    def __contains__(self, code: object) -> bool:
        return code in self._items

    def __iter__(self) -> Iterator[CatalogueItem]:
        return iter(sorted(self._items.values(), key=lambda i: (i.capability, i.code)))

    def __len__(self) -> int:
        return len(self._items)

    def families(self) -> dict[str, list[CatalogueItem]]:
        found: dict[str, list[CatalogueItem]] = {}
        for item in self:
            found.setdefault(item.family, []).append(item)
        return found

    def extended(self, additions: Iterable[CatalogueItem]) -> Catalogue:
        """This catalogue with items added to it (the shipped file plus the items recorded since)."""
        return Catalogue([*self._items.values(), *additions], self._packages.values())

    def get(self, code: str) -> CatalogueItem:
        item = self._items.get(code)
        if item is None:
            raise NotFound(
                f"unknown item {code!r}",
                hint="use an item code of the catalogue, e.g. 155mm-he-round; `ramstein catalogue list` shows them.",
            )
        return item

    def substitutes(self) -> Mapping[str, frozenset[str]]:
        """need item -> the other items of its family, the optimiser's `Problem.substitutes`."""
        families: dict[str, set[str]] = {}
        for item in self._items.values():
            families.setdefault(item.family, set()).add(item.code)
        return {
            code: frozenset(families[item.family] - {code})
            for code, item in self._items.items()
            if len(families[item.family]) > 1
        }

    def ammunition_for(self, platform: str) -> list[CatalogueItem]:
        return sorted((i for i in self._items.values() if platform in i.fires_from), key=lambda i: i.code)

    def package(self, platform: str) -> Package:
        found = self._packages.get(platform)
        if found is None:
            known = ", ".join(sorted(self._packages)) or "none"
            raise NotFound(f"no package is defined for {platform!r}", hint=f"packages exist for: {known}.")
        return found

    def expand(self, platform: str, count: int) -> list[tuple[CatalogueItem, int]]:
        """The lines of `count` complete packages: the platforms first, then each part times `count`."""
        if count <= 0:
            raise InvalidInput(f"a package count must be positive, not {count}")
        package = self.package(platform)
        lines = [(self.get(platform), count)]
        lines += [(self.get(part.item), part.per_platform * count) for part in package.parts]
        return lines


CODE = re.compile(r"[a-z0-9][a-z0-9.-]*")


def check_new_item(catalogue: Catalogue, item: CatalogueItem) -> list[tuple[str, str]]:
    """(field, problem) of an item to be added; empty when it may be added.

    A family must exist already, or be the item's own code (a new family starts with its first item), so a
    misspelt family cannot silently keep an item from substituting for its kin; the items of one family are
    of one kind; ammunition names the platforms of the catalogue that fire it, and only ammunition does."""
    problems = []
    if not CODE.fullmatch(item.code):
        problems.append(("code", f"{item.code!r} is not a code: use lower-case letters, digits, '-' and '.'"))
    families = catalogue.families()
    if item.code in catalogue:
        problems.append(("code", f"{item.code!r} is in the catalogue already"))
    elif item.code in families:
        problems.append(("code", f"{item.code!r} is the name of a family; choose another code"))
    kin = families.get(item.family)
    if kin is None and item.family != item.code:
        problems.append(("family", f"unknown family {item.family!r}: use a family of the catalogue, or the item's "
                                   f"own code {item.code!r} to start a new one"))  # fmt: skip
    elif kin and kin[0].kind is not item.kind:
        problems.append(("family", f"family {item.family!r} holds items of kind {kin[0].kind}, not {item.kind}"))
    if item.fires_from and item.kind is not ItemKind.AMMUNITION:
        problems.append(("fires_from", f"only ammunition names the platforms that fire it, not a {item.kind}"))
    for platform in item.fires_from:
        if platform not in catalogue or catalogue.get(platform).kind is not ItemKind.PLATFORM:
            problems.append(("fires_from", f"{platform!r} is not a platform of the catalogue"))
    return problems
