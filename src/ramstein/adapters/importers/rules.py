"""Rule set files: YAML in, `RuleSet` out, and every mistake reported with its line.

The file is read as a YAML node tree (not as plain data) so that each problem can name the line it is on:
an unknown or misspelt key (with the valid keys and the closest one), a value of the wrong kind (with the
values allowed), a missing required key. Every problem is collected before the file is rejected, as the
other importers do. Shipped rule sets live in `ramstein/data/rules/NAME.yaml`; a user's file is given by path.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from ramstein.adapters.importers.named_files import NamedFiles, is_path
from ramstein.adapters.importers.shipped import data_dir, shipped_kiel_release_dir
from ramstein.domain.errors import InvalidInput, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, Channel, EntryKind, Instrument
from ramstein.domain.money import parse_amount
from ramstein.domain.rules import (
    EuAttribution,
    Fund,
    FxBasis,
    GdpSource,
    InvalidRuleSet,
    Key,
    MembershipOn,
    Participants,
    PeriodKind,
    Phasing,
    RuleSet,
    Valuation,
)

KIEL_EU_SHARES = "kiel-release-29"  # the EU budget shares Kiel ships in eu_aid_shares.csv


class Bad(Exception):
    """A value that cannot be read; the message says what is allowed."""


Parser = Callable[[yaml.Node], Any]


def _text(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise Bad("expected a single value, not a list or a section")
    return str(node.value).strip()


def _int(node: yaml.Node) -> int:
    text = _text(node)
    if not text.isdigit():
        raise Bad(f"'{text}' is not a whole number")
    return int(text)


def _bool(node: yaml.Node) -> bool:
    text = _text(node).lower()
    if text not in ("true", "false", "yes", "no"):
        raise Bad(f"'{text}' is not true or false")
    return text in ("true", "yes")


def _date(node: yaml.Node) -> date:
    text = _text(node)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Bad(f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2024-07-10") from None


def _amount(node: yaml.Node) -> Decimal:
    text = _text(node)
    try:
        return parse_amount(text)
    except InvalidInput:
        raise Bad(f"'{text}' is not an amount in EUR; write e.g. 40bn or 40000000000") from None


def _choice(kind: type[StrEnum]) -> Parser:
    def parse(node: yaml.Node) -> StrEnum:
        text = _text(node)
        try:
            return kind(text)
        except ValueError:
            raise Bad(f"'{text}' is not one of: {', '.join(m.value for m in kind)}") from None

    return parse


def _set_of(kind: type[StrEnum], *, any_ok: bool) -> Parser:
    def parse(node: yaml.Node) -> frozenset[Any] | None:
        if any_ok and isinstance(node, yaml.ScalarNode) and node.value == "any":
            return None
        if not isinstance(node, yaml.SequenceNode):
            shown = "'any' or " if any_ok else ""
            raise Bad(f"expected {shown}a list such as [{', '.join(m.value for m in kind)}]")
        return frozenset(_choice(kind)(item) for item in node.value)

    return parse


def _codes(node: yaml.Node) -> frozenset[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise Bad("expected a list of nation codes, e.g. [ISL, HUN]")
    codes = [_text(item) for item in node.value]
    wrong = [c for c in codes if not (c.isalpha() and c.isupper() and 2 <= len(c) <= 3)]
    if wrong:
        raise Bad(f"{', '.join(wrong)}: use ISO 3166-1 alpha-3 codes such as ISL")
    return frozenset(codes)


def _stage(node: yaml.Node) -> EntryKind:
    text = _text(node)
    if text not in ("pledge", "commitment", "delivery"):
        raise Bad(f"'{text}' is not one of: pledge, commitment, delivery")
    return EntryKind(text)


def _gdp_year(node: yaml.Node) -> int | None:
    if _text(node) == "year-before-period":
        return None
    try:
        return _int(node)
    except Bad:
        raise Bad(f"'{_text(node)}' is not a year or 'year-before-period'") from None


def _fx(node: yaml.Node) -> tuple[FxBasis, date | None]:
    if _text(node) == FxBasis.YEAR_AVERAGE.value:
        return FxBasis.YEAR_AVERAGE, None
    try:
        return FxBasis.DATE, _date(node)
    except Bad:
        raise Bad(f"'{_text(node)}' is not 'year-average' or a date such as 2024-07-10") from None


def _eu_shares(node: yaml.Node) -> tuple[dict[str, Decimal], str]:
    if isinstance(node, yaml.ScalarNode) and node.value == KIEL_EU_SHARES:
        return kiel_eu_shares(), "Kiel tracker release 29, eu_aid_shares.csv"
    if not isinstance(node, yaml.MappingNode):
        raise Bad(f"expected '{KIEL_EU_SHARES}' or a section of member: fraction, e.g. DEU: 0.24")
    shares = {_text(k): Decimal(_amount(v)) for k, v in node.value}
    total = sum(shares.values(), Decimal(0))
    if abs(total - 1) > Decimal("0.0001"):
        raise Bad(f"the shares add up to {total}, not 1")
    return shares, "given in the rule set"


def kiel_eu_shares(folder: Path | None = None) -> dict[str, Decimal]:
    """Each member's fraction of the EU institutions' aid, from the EUR amounts Kiel attributes to it."""
    path = (folder or shipped_kiel_release_dir()) / "eu_aid_shares.csv"
    with path.open(encoding="utf-8") as handle:
        amounts = {row["iso"]: Decimal(row["eu_share_bn"]) for row in csv.DictReader(handle)}
    total = sum(amounts.values(), Decimal(0))
    return {code: amount / total for code, amount in amounts.items()}


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the file: how to read it and which RuleSet field(s) it sets."""

    parse: Parser
    target: str | tuple[str, ...]  # two targets: the parser returns a pair


SECTIONS: Mapping[str, Mapping[str, Field]] = {
    "period": {"kind": Field(_choice(PeriodKind), "period_kind"), "summit": Field(_date, "summit")},
    "participants": {
        "who": Field(_choice(Participants), "participants"),
        "membership-on": Field(_choice(MembershipOn), "membership_on"),
        "exempt": Field(_codes, "exempt"),
        "redistribute-exempt": Field(_bool, "redistribute_exempt"),
    },
    "key": {
        "kind": Field(_choice(Key), "key"),
        "gdp-source": Field(_choice(GdpSource), "gdp_source"),
        "gdp-year": Field(_gdp_year, "gdp_year"),
        "gdp-fallback": Field(_bool, "gdp_fallback"),
        "fx": Field(_fx, ("fx", "fx_date")),
    },
    "credit": {
        "stage": Field(_stage, "stage"),
        "aid-types": Field(_set_of(AidType, any_ok=False), "aid_types"),
        "instruments": Field(_set_of(Instrument, any_ok=True), "instruments"),
        "channels": Field(_set_of(Channel, any_ok=True), "channels"),
        "phasing": Field(_choice(Phasing), "phasing"),
        "eu-attribution": Field(_choice(EuAttribution), "eu_attribution"),
        "eu-shares": Field(_eu_shares, ("eu_shares", "eu_shares_source")),
        "valuation": Field(_choice(Valuation), "valuation"),
        "price-list": Field(_text, "price_list"),
    },
    "fund": {
        "target": Field(_amount, "target_eur"),
        "years": Field(_int, "years"),
        "start-year": Field(_int, "start_year"),
    },
}
TOP: Mapping[str, Field] = {
    "name": Field(_text, "name"),
    "version": Field(_int, "version"),
    "title": Field(_text, "title"),
    "description": Field(_text, "description"),
    "floor": Field(_amount, "floor_eur"),
    "history-from": Field(_int, "history_from"),
}
REQUIRED = ("name", "version", "title")
VALID_TOP = sorted([*TOP, *SECTIONS])


@dataclass
class _Reading:
    source: str
    values: dict[str, Any]
    fund: dict[str, Any]
    lines: dict[str, int]  # dotted key -> line, to point the domain's checks at the file
    issues: list[DataIssue]

    def add(self, node: yaml.Node, key: str, message: str) -> None:
        self.issues.append(DataIssue(self.source, node.start_mark.line + 1, key, message))

    def line_of(self, key: str) -> int:
        return self.lines.get(key) or self.lines.get(key.split(".")[0], 0)


def parse_rule_set(text: str, source: str) -> RuleSet:
    """Read one rule set from YAML text; `source` names it in problems (a file name)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else 0
        raise _rejected(source, [DataIssue(source, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(root, yaml.MappingNode):
        raise _rejected(source, [DataIssue(source, 1, "", f"expected a rule set with the keys {', '.join(VALID_TOP)}")])
    reading = _Reading(source, {}, {}, {}, [])
    _read(root, reading)
    for key in REQUIRED:
        if key not in reading.lines:
            reading.issues.append(DataIssue(source, 1, key, f"the required key '{key}' is missing"))
    if reading.fund and len(reading.fund) != len(SECTIONS["fund"]):
        reading.issues.append(
            DataIssue(source, reading.line_of("fund"), "fund", "a fund needs target, years and start-year")
        )
    if reading.issues:
        raise _rejected(source, reading.issues)
    fund = Fund(**reading.fund) if reading.fund else None
    try:
        return RuleSet(**reading.values, fund=fund)
    except InvalidRuleSet as exc:
        raise _rejected(source, [DataIssue(source, reading.line_of(k), k, m) for k, m in exc.problems]) from None


def _read(root: yaml.MappingNode, reading: _Reading) -> None:
    for key_node, value in _pairs(root, "", VALID_TOP, reading):
        key = key_node.value
        if key in TOP:
            _set(TOP[key], key, value, reading.values, reading)
        else:
            if not isinstance(value, yaml.MappingNode):
                reading.add(value, key, f"'{key}' is a section: indent its keys ({', '.join(SECTIONS[key])}) below it")
                continue
            into = reading.fund if key == "fund" else reading.values
            for sub_node, sub_value in _pairs(value, key, sorted(SECTIONS[key]), reading):
                _set(SECTIONS[key][sub_node.value], f"{key}.{sub_node.value}", sub_value, into, reading)


def _pairs(
    node: yaml.MappingNode, section: str, valid: list[str], reading: _Reading
) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The known keys of a mapping; unknown and repeated keys become problems with their line."""
    found = []
    for key_node, value in node.value:
        key = str(key_node.value)
        where = f"{section}.{key}" if section else key
        if key not in valid:
            close = difflib.get_close_matches(key, valid, n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            place = f"in '{section}'" if section else "at the top level"
            reading.add(key_node, where, f"unknown key '{key}' {place}: {guess}valid keys are {', '.join(valid)}")
        elif where in reading.lines:
            reading.add(key_node, where, f"'{key}' appears twice (also on line {reading.lines[where]})")
        else:
            reading.lines[where] = key_node.start_mark.line + 1
            found.append((key_node, value))
    return found


def _set(field: Field, where: str, node: yaml.Node, into: dict[str, Any], reading: _Reading) -> None:
    try:
        value = field.parse(node)
    except Bad as bad:
        reading.add(node, where, f"{where}: {bad}")
        return
    if isinstance(field.target, tuple):
        into.update(zip(field.target, value, strict=True))
    else:
        into[field.target] = value


def _rejected(source: str, issues: list[DataIssue]) -> RejectedImport:
    return RejectedImport(
        f"rule set {source} has {len(issues)} problem(s)",
        sorted(issues, key=lambda i: i.row),
        hint="correct the lines listed; `ramstein rules show washington-2024` prints a valid rule set to start from.",
    )


def rules_dir() -> Path:
    return data_dir() / "rules"


class YamlRuleSets:
    """The shipped rule sets by name, and users' files by path."""

    def __init__(self, folder: Path | None = None) -> None:
        self._files = NamedFiles(
            folder or rules_dir(),
            "rule set",
            missing_hint="check the path, or name a shipped rule set.",
            others_hint=" (`ramstein rules list`); or give the path of your own YAML file.",
        )

    def names(self) -> list[str]:
        return self._files.names()

    def all(self) -> list[RuleSet]:
        return [self.load(name) for name in self.names()]

    def text(self, name_or_path: str) -> str:
        return self._files.path(name_or_path).read_text(encoding="utf-8")

    def load(self, name_or_path: str) -> RuleSet:
        path = self._files.path(name_or_path)
        rules = parse_rule_set(path.read_text(encoding="utf-8"), path.name)
        listed = rules.price_list
        if listed is not None and is_path(listed) and not Path(listed).is_absolute():
            # A rule set and its price list travel together: a relative path is read beside the rule set.
            rules = replace(rules, price_list=str(path.parent / listed))
        return rules
