"""The pages' words in English, Danish and Norwegian: the report catalogues (reports/render/messages) plus the
pages' own (web/messages), by the same mechanism: one JSON file per language, `str.format` templates."""

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


@cache
def page_catalogue(lang: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath("messages", f"{lang}.json").read_text(encoding="utf-8")
    loaded: dict[str, str] = json.loads(text)
    return loaded
