"""The message catalogue: every key in every language, with the same placeholders, and no empty message."""

from __future__ import annotations

import re
import string
from importlib import resources

import pytest

from ramstein.domain.errors import InvalidInput
from ramstein.reports.render.messages import LANGUAGES, Messages, catalogue


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_translated_into_every_language():
    english = catalogue("en")
    for lang in LANGUAGES:
        assert set(catalogue(lang)) == set(english), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders_and_say_something(lang):
    for key, text in catalogue(lang).items():
        assert text.strip(), (lang, key)
        assert placeholders(text) == placeholders(catalogue("en")[key]), (lang, key)


def test_every_key_the_renderers_use_exists():
    """Keys are named in code: every `t("key")` and every dotted message id in the renderers must exist."""
    package = resources.files("ramstein.reports.render")
    used: set[str] = set()
    for name in ("view.py", "as_csv.py", "as_xlsx.py", "charts.py"):
        source = package.joinpath(name).read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\("(\w+(?:\.\w+)*)"', source))
        used |= set(re.findall(r'"((?:col|field|sheet|figure|status|method|chart)\.[a-z_.]+)"', source))
    assert len(used) > 40
    assert used - set(catalogue("en")) == set()


def test_an_abbreviation_at_the_end_of_a_sentence_keeps_one_full_stop():
    t = Messages("nb")
    assert t("summary.missed", floor="x", period="2024", credit="y", margin="€ 2,3 mrd.").endswith("mrd.")


def test_an_unknown_language_names_the_choices():
    with pytest.raises(InvalidInput) as raised:
        Messages("sv")
    assert "en, da, nb" in raised.value.hint
