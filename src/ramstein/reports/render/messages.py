"""The report's words in each language: one JSON catalogue per language, keyed by message id.

A JSON file per language (rather than gettext .po/.mo) keeps translation a matter of copying `en.json` and
editing strings, with no compile step at build time; a test checks that every language has every key and
the same `{placeholders}`. Messages are `str.format` templates with named fields.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ramstein.domain.errors import InvalidInput

LANGUAGES = ("en", "da", "nb")
# A compact amount can end in an abbreviation's full stop ("2,3 mrd."); a sentence ending on it gets one stop.
DOUBLED_STOP = re.compile(r"(?<=\.)\.(?=\s|$)")


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise InvalidInput(f"unknown report language {lang!r}", hint=f"choose one of: {', '.join(LANGUAGES)}.")


class Messages:
    """The catalogue of one language."""

    def __init__(self, lang: str) -> None:
        check_language(lang)
        self.lang = lang
        self._catalogue = catalogue(lang)

    def __call__(self, key: str, /, **fields: object) -> str:
        text = self._catalogue[key]  # a missing key is a bug the catalogue test catches, not user input
        return DOUBLED_STOP.sub("", text.format(**fields)) if fields else text


@cache
def catalogue(lang: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath("messages", f"{lang}.json").read_text(encoding="utf-8")
    loaded: dict[str, str] = json.loads(text)
    return loaded
