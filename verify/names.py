"""Name folding: the one way two spellings of a name are compared.

"M.Trump", "M. Trump" and "m trump" must be the same key, and so must
"gouvernement étranger" and "gouvernements étrangers". We fold case, accents,
punctuation and spacing, and drop a plural ``s``/``x`` on longer words, token by
token, so a key can be mapped back to offsets in the original text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

import regex

# A word: letters and digits; apostrophes, hyphens and dots split words.
_WORD = regex.compile(r"[\p{L}\p{N}]+")


class Token(NamedTuple):
    """A word with its span; a named tuple because texts make many of them and they are only read."""

    text: str
    start: int
    end: int
    key: str  # folded form used for lookups

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Lowercase, strip accents, drop a plural ending on words of 4+ letters."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    base = base.replace("ł", "l").replace("ø", "o").replace("æ", "ae").replace("œ", "oe")
    if len(base) >= 4 and base[-1] in "sx" and not base.endswith(("ss", "us", "is")):
        base = base[:-1]
    return base


@lru_cache(maxsize=256)
def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word tokens of ``text`` with spans shifted by ``offset``.

    Remembered: the checkers of one sentence tokenize the same stretches (the sentence, the text before a
    claim) about three times over, and a tuple cannot be changed by one caller under another. The memory
    is a few documents long on purpose: reuse across documents would make benchmarks that check the same
    texts twice look faster than an archive run.
    """
    return tuple(Token(m.group(), m.start() + offset, m.end() + offset, fold_word(m.group()))
                 for m in _WORD.finditer(text))


def fold(text: str) -> str:
    """The folded key of a whole name: folded words joined by single spaces."""
    return " ".join(fold_word(m.group()) for m in _WORD.finditer(text))
