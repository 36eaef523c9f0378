"""Tell the language of a text from its most frequent short words and its letters."""

from __future__ import annotations

import re
from collections import Counter

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction import context_words as cw
from ramstein.domain.extraction import words

_WORD = re.compile(r"[^\W\d_]+")
# Letters that belong to some of the languages only: each occurrence is a vote.
_LETTERS = {"æ": ("da", "nb"), "ø": ("da", "nb"), "ä": ("sv", "de"), "ö": ("sv", "de"), "ü": ("de",), "ß": ("de",)}
MIN_VOTES = 3


def detect_language(text: str) -> str:
    """The code of the supported language `text` is written in; a clear error when it is another or unclear."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    votes: Counter[str] = Counter()  # quarter votes: a common word counts 4, a letter 1
    for token in tokens:
        for lang, stopwords in cw.STOPWORDS.items():
            if token in stopwords:
                votes[lang] += 4
    for letter, langs in _LETTERS.items():
        for lang in langs:
            votes[lang] += text.lower().count(letter)
    if not votes or votes.most_common(1)[0][1] < MIN_VOTES * 4:
        raise InvalidInput(
            "cannot tell which language the text is written in (too few common words)",
            hint="give it with --lang da, nb, sv, de or en.",
            key="sources.language_unclear",
        )
    best = votes.most_common(1)[0][0]
    if best in cw.OTHER_LANGUAGES:
        supported = ", ".join(words.LANGUAGE_NAMES[c] for c in words.LANGUAGES)
        raise InvalidInput(
            f"the text looks {cw.OTHER_LANGUAGES[best]}, which ramstein does not read",
            hint=f"ramstein reads {supported}; if the guess is wrong, give the language with --lang.",
            key="sources.language_foreign",
            params={"language": best},
        )
    return best
