"""Numbers as journalists write them, per language: decimal commas and points, thousands separators.

The language's own decimal sign always means a decimal ("2,5" is two and a half in Danish, "2.5" in English).
The other sign groups thousands when every group after it has three digits ("1.200" in Danish, "1,200" in
English); when it is followed by fewer digits it is read as a decimal written the other way ("2.5 mia." in a
Danish text). Anything else is refused, not guessed: "1,2,3 mia." has no meaning in any of the languages.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ramstein.domain.errors import InvalidInput

DECIMAL_SIGN = {"en": ".", "da": ",", "nb": ",", "sv": ",", "de": ","}
# Spaces that group thousands: plain, no-break and narrow no-break (Norwegian and Swedish style).
GROUP_SPACES = " \u00a0\u202f"
# A number in running text: space-grouped thousands, or digits with any run of . and , inside.
NUMBER = r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)(?![\d])"
_SEPARATOR = re.compile(r"[.,]")


def parse_number(text: str, language: str) -> Decimal:
    """The value of `text` ("2,5", "1.200", "1 200 000", "1,234.5") read the way `language` writes numbers."""
    digits = "".join(ch for ch in text if ch not in GROUP_SPACES)
    separators = _SEPARATOR.findall(digits)
    groups = _SEPARATOR.split(digits)
    if not separators:
        return Decimal(digits)
    if separators[-1] != separators[0]:  # mixed: the last sign is the decimal, the others group thousands
        if len(set(separators[:-1])) == 1 and _grouped(groups[:-1]):
            return Decimal("".join(groups[:-1]) + "." + groups[-1])
        raise _impossible(text)
    if len(separators) > 1:  # one sign repeated: it can only group thousands
        if _grouped(groups):
            return Decimal("".join(groups))
        raise _impossible(text)
    decimal_sign = DECIMAL_SIGN.get(language, ".")
    if separators[0] != decimal_sign and _grouped(groups):
        return Decimal("".join(groups))
    return Decimal(groups[0] + "." + groups[1])


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _impossible(text: str) -> InvalidInput:
    return InvalidInput(
        f"{text!r} is not a number in any of the supported ways of writing one",
        hint="write a decimal with one comma or point (2,5 or 2.5) and group thousands in threes (1.200.000).",
    )
