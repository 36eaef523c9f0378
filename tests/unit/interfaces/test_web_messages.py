"""The pages' catalogue: every key in every language with the same placeholders, every key a template or
handler names exists, and every value of an enum a template translates has its message."""

from __future__ import annotations

import re
import string
from importlib import resources

import pytest

from ramstein.domain.access import ACTIONS, REFUSALS, Actor, Marking, Resource, Role, decide, english
from ramstein.domain.allocation import Status, Unmet
from ramstein.domain.coordination.offers import Origin
from ramstein.domain.coordination.requirements import LineStatus
from ramstein.domain.coordination.restrictions import Action as RestrictionAction
from ramstein.domain.extraction.drafts import Decision as DraftEvent
from ramstein.domain.extraction.drafts import Status as DraftStatus
from ramstein.domain.industry.production import Purpose
from ramstein.domain.ledger import AidType, EntryKind
from ramstein.interfaces.web.account import safe_next
from ramstein.interfaces.web.formats import Formats
from ramstein.interfaces.web.i18n import LANGUAGES, PageMessages, page_catalogue
from ramstein.interfaces.web.problems import refusal
from ramstein.reports.render.locale import Formatter

DYNAMIC = {"kind.": EntryKind, "aid.": AidType, "role.": Role, "line.": LineStatus, "origin.": Origin,
           "result.": Status, "unmet.": Unmet, "marking.": Marking, "industry.purpose.": Purpose,
           "draft.status.": DraftStatus, "draft.short.": DraftStatus, "draft.done.": DraftStatus,
           "draft.event.": DraftEvent, "restriction.action.": RestrictionAction}  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_translated_into_every_language_with_the_same_placeholders():
    english = page_catalogue("en")
    for lang in LANGUAGES:
        assert set(page_catalogue(lang)) == set(english), lang
        for key, text in page_catalogue(lang).items():
            assert text.strip(), (lang, key)
            assert placeholders(text) == placeholders(english[key]), (lang, key)


def _named_keys() -> set[str]:
    package = resources.files("ramstein.interfaces.web")
    sources = [p.read_text(encoding="utf-8") for p in package.joinpath("templates").iterdir()]
    sources += [p.read_text(encoding="utf-8") for p in package.iterdir() if p.name.endswith(".py")]
    keys: set[str] = set()
    for text in sources:
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_0-9]+(?:\.[a-z_0-9]+)*)["']""", text))
        keys |= set(re.findall(r'"(nav\.[a-z_]+)"', text))
    return keys


def test_every_key_the_pages_name_exists():
    keys = _named_keys()
    assert len(keys) > 150
    english = PageMessages("en")
    missing = [key for key in keys if not key.endswith(".") and key not in english._catalogue]
    assert missing == []


@pytest.mark.parametrize("prefix", DYNAMIC)
def test_every_enum_value_a_template_translates_has_a_message(prefix):
    for lang in LANGUAGES:
        t = PageMessages(lang)
        for member in DYNAMIC[prefix]:
            assert t(prefix + member.value), (lang, prefix, member)


@pytest.mark.parametrize(
    ("asked", "kept"),
    [("/nations/DNK", "/nations/DNK"), ("/", "/"), ("https://evil.example/", "/"), ("//evil.example", "/"),
     ("/\\evil.example", "/"), ("javascript:alert(1)", "/"), ("ledger", "/")],
)  # fmt: skip
def test_after_login_only_a_path_on_this_site_is_followed(asked, kept):
    assert safe_next(asked) == kept


def test_the_sources_words_name_every_qualifier_kind_and_flag_the_reader_can_produce():
    from ramstein.domain.extraction.reading import PENALTY

    qualifiers = ("about", "almost", "up-to", "more-than", "at-least", "less-than", "between")
    flags = {*PENALTY, "range-from", "reported-differently", "conversion-unchecked"}
    for lang in LANGUAGES:
        t = PageMessages(lang)
        assert all(t.has(f"draft.qualifier.{q}") for q in qualifiers), lang
        assert all(t.has(f"draft.kind.{k}") for k in ("fund", "annual-floor", "package", "loan")), lang
        assert sorted(f for f in flags if not t.has(f"flag.{f}")) == [], lang


def test_an_area_catalogue_may_not_define_a_key_twice(tmp_path, monkeypatch):
    import json

    from ramstein.interfaces.web import i18n

    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "en.json").write_text(json.dumps({"nav.label": "Main"}))
    (folder / "sources.en.json").write_text(json.dumps({"nav.label": "Other"}))
    monkeypatch.setattr(i18n.resources, "files", lambda _package: tmp_path)
    i18n.page_catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"sources\.en\.json defines keys defined already: nav\.label"):
            i18n.page_catalogue("en")
    finally:
        i18n.page_catalogue.cache_clear()


def test_the_pages_english_refusals_are_the_access_policys_own_words():
    english_page = page_catalogue("en")
    assert {k: english_page[f"error.forbidden.{k}"] for k in REFUSALS} == REFUSALS
    for name, codes in {"action": ACTIONS, "role": list(Role), "marking": list(Marking)}.items():
        for code in codes:
            assert english_page[f"access.{name}.{code}"] == english(name, code), (name, code)
    assert all(f"error.forbidden.{k}.hint" in english_page for k in REFUSALS)  # a page says what to do, too


@pytest.mark.parametrize(
    ("actor", "action", "resource", "said"),
    [(Actor("lars", Role.NATION, "DNK"), "offers.add", Resource("offer", nation="FRA"),
      {"en": "a representative of DNK may not add offers for FRA",
       "da": "en repræsentant for DNK må ikke tilføje tilbud for FRA",
       "nb": "en representant for DNK kan ikke legge til tilbud for FRA"}),
     (Actor("ana", Role.ANALYST), "ledger.record", Resource("ledger", nation="DNK"),
      {"en": "an analyst may not record ledger", "da": "en analytiker må ikke føre i regnskabet",
       "nb": "en analytiker kan ikke føre i regnskapet"}),
     (Actor.public(), "ledger.read", Resource("ledger", marking=Marking.COALITION),
      {"en": "the public may read only records marked public, not coalition",
       "da": "offentligheden må kun læse registreringer mærket offentlig, ikke koalition",
       "nb": "offentligheten kan bare lese poster merket offentlig, ikke koalisjon"})],
)  # fmt: skip
def test_a_refusal_is_said_in_the_readers_language(actor, action, resource, said):
    decision = decide(actor, action, resource)
    assert not decision.allowed and decision.reason == said["en"]
    for lang in LANGUAGES:
        assert refusal(PageMessages(lang), Formats(Formatter(lang)), decision) == said[lang]
