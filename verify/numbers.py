"""Numbers as journalists write them, with how precise they claim to be.

"48 000", "48,000", "vingt-trois", "Nineteen", "une dizaine", "at least twelve",
"more than 200", "quelque 600". Each becomes a ``NumberMention`` holding two
ranges: ``low..high`` is what the text supports (an exact number is a single
point), and ``loose_low..loose_high`` is the band outside which the text is
contradicted. Between the two the count checker says unverifiable, because an
approximation neither clearly holds nor clearly fails there:

- exact ("12")                   supported at 12, contradicted elsewhere
- about ("environ 600", "some")  supported within ±10 %, contradicted beyond ±25 %
- "une dizaine", "a dozen"       supported 8..12 (10) / 10..14 (12), contradicted beyond ±50 %
- "des dizaines", "dozens"       supported 20..99, contradicted below 13 or at 1000+
- at least / au moins N          supported at N or more, contradicted below N
- more than / plus de N          supported above N, contradicted below N (N itself unverifiable)
- at most / up to / jusqu'à N    supported at N or less, contradicted above N
- fewer than / moins de N        supported below N, contradicted above N
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from verify.names import fold_word

_UNITS = {
    "zero": 0, "zéro": 0, "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
    "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "eleven": 11, "douze": 12,
    "twelve": 12, "treize": 13, "thirteen": 13, "quatorze": 14, "fourteen": 14, "quinze": 15,
    "fifteen": 15, "seize": 16, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "vingt": 20, "twenty": 20, "trente": 30, "thirty": 30, "quarante": 40, "forty": 40,
    "cinquante": 50, "fifty": 50, "soixante": 60, "sixty": 60, "seventy": 70, "quatre-vingt": 80,
    "quatre-vingts": 80, "eighty": 80, "ninety": 90,
}
_HUNDRED = {"cent": 100, "cents": 100, "hundred": 100}
_SCALES = {"mille": 1000, "thousand": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9,
           "milliards": 10**9, "billion": 10**9, "billions": 10**9}
_APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                 "quarantaine": 40, "cinquantaine": 50, "centaine": 100, "millier": 1000, "dozen": 12,
                 "score": 20}
_PLURAL_NOUNS = {"dizaines": (20, 99), "centaines": (200, 999), "milliers": (2000, 9999),
                 "dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 9999)}

_WORDS = sorted([*_UNITS, *_HUNDRED, *_SCALES], key=len, reverse=True)
_WORD_ALT = "|".join(regex.escape(w) for w in _WORDS)
# Number words joined by hyphens, spaces or "et"/"and": "vingt-trois", "two hundred and five".
# "un"/"une"/"one" alone are articles far more often than counts: they count only
# when a rule asks for them (slot type ``count``), never in the general scan.
_WORD_NUMBER = rf"(?:{_WORD_ALT})(?:(?:[\s\-]+|\s+(?:et|and)\s+)(?:{_WORD_ALT}))*"
_DIGITS = r"\d{1,3}(?:(?:[ \u00a0\u202f]|,(?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_AFTER = r"(?:\s+(?:millions?|milliards?|billions?|thousand|mille|k\b))?"
_QUALIFIER = (
    r"(?P<qual>au\s+moins|at\s+least|no\s+fewer\s+than|plus\s+de|more\s+than|over|upwards\s+of|"
    r"moins\s+de|fewer\s+than|less\s+than|under|at\s+most|up\s+to|jusqu['’]à|au\s+plus|"
    r"environ|quelque|près\s+de|presque|about|around|roughly|some|nearly|almost|approximately|"
    r"approximativement|une\s+bonne|a\s+good)\s+"
)
_NOUN_APPROX = r"(?P<ap>(?:une|a)\s+(?:" + "|".join(_APPROX_NOUNS) + r")s?(?:\s+de|\s+of)?)"
_NOUN_PLURAL = (
    r"(?P<pl>(?:des\s+|several\s+|many\s+)?(?:" + "|".join(_PLURAL_NOUNS)
    + r")(?:\s+(?:de|d['’]|of)\s*(?:milliers|thousands))?)"
)
NUMBER_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?<!\p{{L}}[\-‐])(?:{_QUALIFIER})?(?:{_NOUN_APPROX}|{_NOUN_PLURAL}|"
    rf"(?P<num>(?:{_DIGITS}){_SCALE_AFTER}|{_WORD_NUMBER}))(?![\p{{L}}\p{{N}}])",
    regex.IGNORECASE,
)
# Clock times are no counts: "11 h 52", "11h52", "10 heures", "14:30", "9.30am", "at 9 pm".
_DIGIT = regex.compile(r"\d")
_CLOCK = regex.compile(
    r"(?<![\p{L}\p{N}])\d{1,2}\s?(?:h|heures?)(?:\s?\d{2})?(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}])\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}])\d{1,2}\s?[ap]\.?m\b\.?",
    regex.IGNORECASE,
)
_STANDALONE_ONE = {"un", "une", "one"}
_NAME_CONTEXT_SKIP = {"le", "la", "les", "des", "the", "some", "quelque", "about", "environ", "plus", "more",
                      "than", "over", "de", "of", "et", "and", "a", "par", "by", "avec", "with", "for", "pour",
                      "in", "dans", "en", "sur", "on", "to", "à", "au", "aux", "ces", "these", "those", "its",
                      "their", "leurs", "ses", "nos", "our", "all", "tous", "toutes", "only", "seulement"}


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    loose_low: float
    loose_high: float
    kind: str  # exact | approx | min | max | range

    def supports(self, actual: float) -> bool:
        return self.low <= actual <= self.high

    def contradicts(self, actual: float) -> bool:
        return not (self.loose_low <= actual <= self.loose_high)


def words_value(text: str) -> float | None:
    """Value of number words ("vingt-trois", "two hundred and five"); None if not a number."""
    t = regex.sub(r"quatre[\s\-]vingts?", "quatre-vingt", text.casefold())
    parts = [p for p in regex.split(r"[\s\-]+", t) if p and p not in ("et", "and")]
    if not parts:
        return None
    total = current = 0
    for p in parts:
        if p in _UNITS:
            current += _UNITS[p]
        elif p in _HUNDRED:
            current = max(current, 1) * 100
        elif p in _SCALES:
            total += max(current, 1) * _SCALES[p]
            current = 0
        else:
            return None
    return float(total + current)


def digits_value(text: str) -> float | None:
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    scale = 1
    m = regex.search(r"\s*(millions?|milliards?|billions?|thousand|mille|k)$", t, regex.IGNORECASE)
    if m:
        word = m.group(1).casefold()
        if word.startswith("million"):
            scale = 10**6
        elif word.startswith(("milliard", "billion")):
            scale = 10**9
        else:
            scale = 1000
        t = t[: m.start()]
    t = t.replace(" ", "")
    thousands = regex.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t)
    t = t.replace(",", "") if thousands else t.replace(",", ".")
    try:
        return float(t) * scale
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """The value of a bare number in digits or words, or None."""
    t = text.strip()
    if not t:
        return None
    if t[0].isdigit():
        return digits_value(t)
    if fold_word(t) in ("un", "une", "one", "a", "an", "single", "seul", "seule"):
        return 1.0
    return words_value(t)


def _ranges(value: float, qual: str | None) -> tuple[float, float, float, float, str]:
    q = regex.sub(r"\s+", " ", (qual or "").casefold().replace("’", "'"))
    inf = math.inf
    if q in ("au moins", "at least", "no fewer than"):
        return value, inf, value, inf, "min"
    if q in ("plus de", "more than", "over", "upwards of"):
        return value + 1e-9, inf, value, inf, "min"
    if q in ("at most", "up to", "jusqu'à", "au plus"):
        return 0, value, 0, value, "max"
    if q in ("moins de", "fewer than", "less than", "under"):
        return 0, value - 1e-9, 0, value, "max"
    if q:
        return value * 0.9, value * 1.1, value * 0.75, value * 1.25, "approx"
    return value, value, value, value, "exact"


def find_numbers(text: str, offset: int = 0, with_one: bool = False) -> list[NumberMention]:
    """Every number in ``text``; "un"/"one" only with ``with_one``. Never raises."""
    out: list[NumberMention] = []
    clocks = [c.span() for c in _CLOCK.finditer(text)] if _DIGIT.search(text) else []
    for m in NUMBER_RE.finditer(text):
        if clocks and any(a < m.end() and m.start() < b for a, b in clocks):
            continue
        qual = m.group("qual")
        if m.group("ap"):
            noun = regex.search(r"(" + "|".join(_APPROX_NOUNS) + r")", m.group("ap"), regex.I)
            v = float(_APPROX_NOUNS[noun.group(1).casefold()]) if noun else 10.0
            low, high, llow, lhigh, kind = v * 0.8, v * 1.2, v * 0.5, v * 1.5, "approx"
        elif m.group("pl"):
            words = m.group("pl").casefold().split()
            noun = next(w for w in words if w in _PLURAL_NOUNS)
            low, high = _PLURAL_NOUNS[noun]
            if words[-1] in ("milliers", "thousands") and noun not in ("milliers", "thousands"):
                low, high = low * 1000, high * 1000  # "des dizaines de milliers"
            v = float(low)
            llow, lhigh, kind = low * 0.66, high * 10, "range"
        else:
            num = m.group("num")
            if num.casefold() in _STANDALONE_ONE and not with_one:
                continue
            v = digits_value(num) if num[0].isdigit() else words_value(num)
            if v is None:
                continue
            if not qual and _looks_like_name_part(text, m.start()):
                continue
            low, high, llow, lhigh, kind = _ranges(v, qual)
        out.append(NumberMention(m.start() + offset, m.end() + offset, m.group(), v, low, high, llow, lhigh,
                                 kind))
    return out


def _looks_like_name_part(text: str, start: int) -> bool:
    """'Ward 12', 'Apollo 11': a number glued to a capitalised name is part of it."""
    before = text[:start].rstrip()
    if len(before) == len(text[:start]):
        return False
    prev = regex.search(r"(\p{L}+)$", before)
    if not prev:
        return False
    word = prev.group(1)
    return word[:1].isupper() and word.casefold() not in _NAME_CONTEXT_SKIP and bool(
        regex.search(r"\p{L}", before[: prev.start()])
    )
