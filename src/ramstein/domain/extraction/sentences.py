"""Split a text into sentences without breaking at abbreviations ("mia.", "Mrd.", "ca.") or ordinal dates
("den 2. april", "am 2. April")."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


# Abbreviations that never end a sentence; scale and currency abbreviations end one only when the next word
# is not itself a currency (German capitalises nouns: "2 Mrd. Euro").
_NEVER = frozenset(_words("ca c bl.a f.eks z.b bzw dr nr mr mrs ms st hr fr jf vgl u.a d.h s.k t.ex m.fl"))
_END = re.compile(r"[.!?]+[\"”»)]?(?=\s+[\"“„«(]?[A-ZÆØÅÄÖÜ0-9])|\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*$")
_NEXT_WORD = re.compile(r"\s*[\"“„«(]?([\w$€£]+)")
_CURRENCY_NEXT = frozenset(_words("euro eur dollar dollars us-dollar usd pfund kronen kroner kronor kr dkk nok sek"))


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if not _ends_here(text, match):
            continue
        _add(sentences, text, start, match.end())
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


def sentence_at(sentences: list[Sentence], position: int) -> Sentence:
    """The sentence that holds `position` (or the last one starting before it)."""
    return (
        [s for s in sentences if s.start <= position][-1]
        if sentences and sentences[0].start <= position
        else (sentences[0])
    )


def _ends_here(text: str, match: re.Match[str]) -> bool:
    if match.group(0).strip() == "":  # a blank line
        return True
    before = _WORD_BEFORE.search(text, 0, match.start() + 1)
    word = (before.group(1) if before else "").lower().rstrip(".")
    standalone = before is not None and (before.start(1) == 0 or text[before.start(1) - 1].isspace())
    if word.isdigit() and len(word) <= 2 and match.group(0) == "." and standalone:
        return False  # "2. April": an ordinal date (but "F-16." ends its sentence)
    if word in _NEVER:
        return False
    following = _NEXT_WORD.match(text, match.end())
    return not (following and following.group(1).lower() in _CURRENCY_NEXT)


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + chunk.index(stripped)
        sentences.append(Sentence(offset, offset + len(stripped), stripped))
