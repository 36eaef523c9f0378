"""The pages' words in English, Danish and Norwegian: the report catalogues (reports/render/messages) plus the
pages' own (web/messages), by the same mechanism: one JSON file per language, `str.format` templates.

An area of the pages may keep its words in a file of its own, `messages/<area>.<lang>.json` (sources), merged
into the language's catalogue: a key defined twice is an error, never a silent override."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ramstein.reports.render.messages import LANGUAGES, Messages, catalogue

__all__ = ["LANGUAGES", "PageMessages", "page_catalogue"]


class PageMessages(Messages):
    """A page's catalogue: its own messages first, then the report's (chart labels, column names)."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self._catalogue = {**catalogue(lang), **page_catalogue(lang)}

    def has(self, key: str) -> bool:
        return key in self._catalogue


@cache
def page_catalogue(lang: str) -> dict[str, str]:
    folder = resources.files(__package__).joinpath("messages")
    loaded: dict[str, str] = json.loads(folder.joinpath(f"{lang}.json").read_text(encoding="utf-8"))
    for part in sorted((p for p in folder.iterdir() if p.name.endswith(f".{lang}.json")), key=lambda p: p.name):
        area: dict[str, str] = json.loads(part.read_text(encoding="utf-8"))
        if twice := sorted(area.keys() & loaded.keys()):
            raise ValueError(f"messages/{part.name} defines keys defined already: {', '.join(twice)}")
        loaded.update(area)
    return loaded
