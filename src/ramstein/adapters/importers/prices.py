"""Price list files: YAML in, `PriceList` out, and every mistake reported with its line.

    name: nato-reference-2024
    title: Illustrative reference prices
    illustrative: true
    currency: USD
    date: 2024-01-01          # the day the prices are of
    prices:
      155 mm round: 8000
      Leopard 2A4 tank: 5.5m

As with rule sets, the file is read as a YAML node tree so each problem names its line (an unknown key with
the closest valid one, a malformed price, an unknown currency, an item listed twice, ignoring case), and
every problem is collected before the file is rejected. Shipped lists live in `ramstein/data/prices/`; a
rule set names one by name, or a user's file by path.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ramstein.adapters.importers.named_files import NamedFiles
from ramstein.adapters.importers.shipped import data_dir
from ramstein.domain.errors import InvalidInput, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.money import Money, check_currency, parse_amount
from ramstein.domain.prices import PriceList, item_key

KEYS = ("currency", "date", "description", "illustrative", "name", "prices", "title")
REQUIRED = ("name", "title", "currency", "date", "prices")


def parse_price_list(text: str, source: str) -> PriceList:
    """Read one price list from YAML text; `source` names it in problems (a file name)."""
    issues: list[DataIssue] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else 0
        raise _rejected(source, [DataIssue(source, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(root, yaml.MappingNode):
        raise _rejected(source, [DataIssue(source, 1, "", f"expected a price list with the keys {', '.join(KEYS)}")])
    nodes = _top(root, source, issues)
    issues.extend(DataIssue(source, 1, k, f"the required key '{k}' is missing") for k in REQUIRED if k not in nodes)
    values = _values(nodes, source, issues)
    if issues:
        raise _rejected(source, issues)
    return PriceList(**values)


def _top(root: yaml.MappingNode, source: str, issues: list[DataIssue]) -> dict[str, yaml.Node]:
    nodes: dict[str, yaml.Node] = {}
    for key_node, value in root.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            issues.append(DataIssue(source, line, key, f"unknown key '{key}': {guess}valid keys are {', '.join(KEYS)}"))
        elif key in nodes:
            issues.append(DataIssue(source, line, key, f"'{key}' appears twice"))
        else:
            nodes[key] = value
    return nodes


def _values(nodes: dict[str, yaml.Node], source: str, issues: list[DataIssue]) -> dict[str, Any]:
    def bad(node: yaml.Node, key: str, message: str) -> None:
        issues.append(DataIssue(source, node.start_mark.line + 1, key, message))

    values: dict[str, Any] = {}
    for key in ("name", "title", "description"):
        if key in nodes and (text := _scalar(nodes[key])) is not None:
            values[key] = text
        elif key in nodes:
            bad(nodes[key], key, f"'{key}' is a single value, not a list or a section")
    if "illustrative" in nodes:
        flag = (_scalar(nodes["illustrative"]) or "").lower()
        if flag not in ("true", "false"):
            bad(nodes["illustrative"], "illustrative", f"'{flag}' is not true or false")
        values["illustrative"] = flag == "true"
    if "date" in nodes:
        try:
            values["priced_on"] = date.fromisoformat(_scalar(nodes["date"]) or "")
        except ValueError:
            bad(nodes["date"], "date", "write the prices' date as YYYY-MM-DD, e.g. 2024-01-01")
    currency = _scalar(nodes["currency"]) if "currency" in nodes else None
    if currency is not None:
        try:
            check_currency(currency)
        except InvalidInput as exc:
            bad(nodes["currency"], "currency", f"{exc.message}: {exc.hint}")
            currency = None
    if "prices" in nodes:
        values["prices"] = _prices(nodes["prices"], currency, bad)
    return values


def _prices(node: yaml.Node, currency: str | None, bad: Any) -> dict[str, Money]:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        bad(node, "prices", "'prices' is a section of item name: unit price, e.g. '155 mm round: 8000'")
        return {}
    found: dict[str, Money] = {}
    lines: dict[str, int] = {}
    for key_node, value in node.value:
        name, line = str(key_node.value).strip(), key_node.start_mark.line + 1
        key = item_key(name)
        if not name:
            bad(key_node, "prices", "an item needs a name")
        elif key in lines:
            bad(key_node, name, f"'{name}' is listed twice (also on line {lines[key]}; names ignore case)")
        lines.setdefault(key, line)
        text = _scalar(value) or ""
        try:
            price = parse_amount(text)
        except InvalidInput:
            price = None
        if price is None or price <= 0:
            bad(value, name, f"'{text}' is not a unit price: write a positive amount, e.g. 8000 or 5.5m")
        elif currency is not None and name:
            found.setdefault(key, Money(price, currency))
    return found


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def _rejected(source: str, issues: list[DataIssue]) -> RejectedImport:
    return RejectedImport(
        f"price list {source} has {len(issues)} problem(s)",
        sorted(issues, key=lambda i: i.row),
        hint="correct the lines listed; src/ramstein/data/prices/ holds a valid price list to start from.",
    )


def prices_dir() -> Path:
    return data_dir() / "prices"


class YamlPriceLists:
    """The shipped price lists by name, and users' files by path (the `PriceLists` port)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._files = NamedFiles(
            folder or prices_dir(),
            "price list",
            missing_hint="check credit.price-list in the rule set.",
            others_hint="; or give the path of a YAML file under credit.price-list.",
        )

    def names(self) -> list[str]:
        return self._files.names()

    def load(self, name_or_path: str) -> PriceList:
        path = self._files.path(name_or_path)
        return parse_price_list(path.read_text(encoding="utf-8"), path.name)
