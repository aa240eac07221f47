"""Find date expressions in French and English news text and read them as intervals.

A date claim can only be checked once its words become an interval at the granularity the
writer chose ("27 décembre" is a day, "janvier 2020" a month) with the year a reader of the
article would assume, i.e. relative to the publication date and not to today. dateparser
reads one expression well but cannot find expressions inside a sentence, happily reads
"budget 2024" or "48 000" as dates, and infers years from its own rules; so candidate spans
are found here with precompiled patterns (cheap enough to run on every sentence of an
archive), years are inferred against the document date (:func:`infer_year`), and dateparser
is kept as the fallback for odd wordings handed whole to :func:`parse_date` ("hier",
"la semaine dernière", "the day before yesterday").
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from verify.model import Interval

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["DateMention", "find_dates", "infer_year", "parse_date"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text; offsets are shifted by the ``offset`` given to find_dates."""

    start: int
    end: int  # exclusive
    text: str
    interval: Interval
    granularity: str  # day, days, month, months, year, years, part, weekday, relative ("hier", "today")
    relation: str  # at, before, after (the introducing word is outside the span)
    has_year: bool


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, dict[str, int]] = {
    "fr": {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12},
    "en": {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
           "august": 8, "september": 9, "october": 10, "november": 11, "december": 12},
}
# Abbreviations take an optional dot; those ending in "." need it ("sept" alone is "seven").
_MONTH_ABBR: dict[str, dict[str, int]] = {
    "fr": {"janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept.": 9, "oct": 10, "nov": 11,
           "dec": 12},
    "en": {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12},
}
_WEEKDAYS: dict[str, dict[str, int]] = {
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
           "sunday": 6},
}
_LOOKUP: dict[str, int] = {
    k.rstrip("."): v for table in (*_MONTHS.values(), *_MONTH_ABBR.values()) for k, v in table.items()
}
_WD_LOOKUP: dict[str, int] = {k: v for table in _WEEKDAYS.values() for k, v in table.items()}
_ACCENTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uûùü", "c": "cç"}


def _norm(word: str) -> str:
    """'Déc.' -> 'dec': the key of the month and weekday tables."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".").strip()


def _fold(word: str) -> str:
    """A pattern for ``word`` that ignores accents (precomposed or combining)."""
    return "".join(f"[{_ACCENTS[c]}]\\p{{M}}?" if c in _ACCENTS else regex.escape(c) for c in word)


def _alt(words: Iterable[str]) -> str:
    return "|".join(_fold(w) for w in sorted(set(words), key=len, reverse=True))


# --------------------------------------------------------------------------- patterns

_B = r"(?<![\w])(?<!\d[.,:/-])"  # an expression never starts inside a word or a number
_DAYNUM = r"3[01]|[12]\d|0?[1-9]"
_SUFFIX = r"(?:er|ᵉʳ|re|st|nd|rd|th)"
_Y = r"(?:(?:19|20)\d\d|2100)(?!\d|[.,]\d)"
_CONN = r"(?:\s*[-–]\s*|\s+(?:au|et|à|a|to|and|until|till|through)\s+)"
_ART = r"(?:(?:le|the)\s+)?"


def _tokens(langs: tuple[str, ...]) -> tuple[str, str]:
    words = [w for lang in langs for w in _MONTHS[lang] if w != "may"]
    abbr = [w for lang in langs for w in _MONTH_ABBR[lang] if not w.endswith(".")]
    dotted = [w.rstrip(".") for lang in langs for w in _MONTH_ABBR[lang] if w.endswith(".")]
    parts = [_alt(words)]
    if "en" in langs:
        parts.append("(?-i:May|MAY)")  # the month, not the modal verb
    parts.append(f"(?:{_alt(abbr)})\\.?")
    if dotted:
        parts.append(f"(?:{_alt(dotted)})\\.")
    month = f"(?<!\\p{{L}})(?:{'|'.join(parts)})(?!\\p{{L}})"
    weekday = f"(?<!\\p{{L}})(?:{_alt(w for lang in langs for w in _WEEKDAYS[lang])})(?!\\p{{L}})"
    return month, weekday


_Compiled = tuple[regex.Pattern[str], regex.Pattern[str], list[tuple[str, regex.Pattern[str]]]]


# Days named relative to the document's date: a live blog's "ce matin", a wire's "yesterday".
_RELATIVE_DAYS = {
    "avant-hier": -2, "avant hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "ce matin": 0,
    "ce midi": 0, "cet après-midi": 0, "ce soir": 0, "cette nuit": 0, "demain": 1, "après-demain": 2,
    "the day before yesterday": -2, "yesterday": -1, "today": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "tonight": 0, "last night": -1, "tomorrow": 1, "the day after tomorrow": 2,
}
_RELATIVE_WORDS = "|".join(
    regex.escape(w).replace("\\ ", "\\s+").replace("'", "['’]") for w in sorted(_RELATIVE_DAYS, key=len, reverse=True)
)


def _compile(langs: tuple[str, ...]) -> _Compiled:
    """(trigger: anything a date could start with, a month name, [(kind, pattern)]) for some languages."""
    month, wd = _tokens(langs)

    def m(name: str) -> str:
        return f"(?P<{name}>{month})"

    def w(name: str) -> str:
        return f"(?P<{name}>{wd})"

    def d(name: str) -> str:
        return f"(?P<{name}>{_DAYNUM}){_SUFFIX}?(?![\\d\\p{{L}}])"

    def y(name: str) -> str:
        return f"(?P<{name}>{_Y})"

    opt_year = f"(?:\\s*,?\\s*{y('y')})?"
    pats = {
        "dm": f"{_B}(?:{w('w')}\\s*,?\\s+{_ART})?{d('d')}\\s+(?:(?:of|de)\\s+)?{m('m')}{opt_year}",
        "dspan": (
            f"{_B}(?:(?P<night>(?:dans\\s+)?la\\s+nuit\\s+du|(?:(?:in|on)\\s+)?the\\s+night\\s+of(?:\\s+the)?)\\s+"
            f"|(?P<pre>du|entre|les|from|between)\\s+{_ART})?(?:{w('w1')}\\s+)?"
            f"{d('d1')}(?:\\s+{m('m1')}(?:\\s+{y('y1')})?)?(?P<conn>{_CONN}){_ART}(?:{w('w2')}\\s+)?"
            f"{d('d2')}\\s+(?:of\\s+)?{m('m2')}(?:\\s*,?\\s*{y('y2')})?"
        ),
        "mspan": (
            f"{_B}(?:(?:entre|between|from|de)\\s+|d['’]\\s*){m('m1')}(?:\\s+{y('y1')})?"
            f"(?P<conn>{_CONN}){m('m2')}(?:\\s+{y('y2')})?"
        ),
        "yspan": f"{_B}(?:entre|between|from|de)\\s+{y('y1')}(?P<conn>{_CONN}){y('y2')}",
        "month": (
            f"{_B}(?:(?P<pre>last|next)\\s+)?{m('m')}"
            f"(?:\\s+(?:(?:de|of)\\s+)?{y('y')}|\\s+(?P<post>dernier|prochain)(?!\\p{{L}}))?"
        ),
        "year": f"{_B}{y('y')}",
        "part": (
            f"{_B}(?P<part>{_fold('debut')}|fin|mi|early|mid|late|(?:the\\s+)?(?:beginning|start|end|middle)"
            f"\\s+of)(?:\\s*-\\s*|\\s+)(?:(?:du\\s+mois\\s+de|de\\s+l['’]ann[ée]e|de|the\\s+month\\s+of)\\s+"
            f"|d['’]\\s*)?(?:{m('m')}(?:\\s+{y('y')})?|{y('y2')})"
        ),
        "wdday": (
            f"{_B}{w('w')}\\s+(?:the\\s+)?(?P<d>{_DAYNUM})(?P<suf>{_SUFFIX})?(?![\\d\\p{{L}}])"
            r"(?![:.,h]\s?\d|\s*h\b|\s*%)"
            r"(?=\s*(?:$|[^\w\s]|(?:et|au|à|dans|soir|matin|midi|après-midi|avec|lors|pour|en|sur|and|at|in|on)\b))"
        ),
        "weekday": f"{_B}(?:(?P<pre>last|next)\\s+)?{w('w')}(?:\\s+(?P<post>dernier|prochain)(?!\\p{{L}}))?",
        "iso": r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
        "num": r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])",
    }
    if "en" in langs:
        pats["md"] = f"{_B}(?:{w('w')}\\s*,?\\s+)?{m('m')}\\s+(?:the\\s+)?{d('d')}{opt_year}"
        pats["mdspan"] = (
            f"{_B}(?:(?P<pre>from|between)\\s+)?(?:{w('w1')}\\s*,?\\s+)?{m('m1')}\\s+(?:the\\s+)?{d('d1')}"
            f"(?:\\s*,?\\s*{y('y1')})?(?P<conn>{_CONN})(?:(?:{w('w2')}\\s*,?\\s+)?{m('m2')}\\s+)?"
            f"(?:the\\s+)?{d('d2')}(?:\\s*,?\\s*{y('y2')})?"
        )
    rel = _RELATIVE_WORDS
    pats["rel"] = f"{_B}(?P<rel>{rel})(?!\\p{{L}})"
    trigger = regex.compile(f"\\d|{month}|{wd}|{rel}", regex.IGNORECASE)
    compiled = [(kind, regex.compile(p, regex.IGNORECASE)) for kind, p in pats.items()]
    return trigger, regex.compile(month, regex.IGNORECASE), compiled


_PATTERNS = {"fr": _compile(("fr",)), "en": _compile(("en",)), "any": _compile(("fr", "en"))}

# Words that, just before a bare month or year, make it a date ("en 2023", "since July").
_CONTEXT = regex.compile(
    r"(?<!\w)(?:en|in|during|pendant|depuis|since|avant|before|after|apr[èe]s|until|till|by|from|dès"
    r"|jusqu['’]\s*(?:en|à|a|au)|d['’]\s*ici|courant|au\s+cours\s+de|lors\s+de|l['’]ann[ée]e|year"
    r"|(?:mois|month)\s+(?:de|of))\s+$|(?<!\w)mois\s+d['’]$",
    regex.IGNORECASE,
)
_RELATION = regex.compile(
    r"(?<!\w)(?:(?P<before>avant|before|until|till|by|jusqu['’]\s*(?:au|aux|à|a|en)|d['’]\s*ici(?:\s+(?:à|a|au))?"
    r"|prior\s+to|no\s+later\s+than|ahead\s+of"
    # "La veille du drame, le 14 mars": the date is that of the day before the event named.
    r"|(?:la\s+veille|l['’]avant-veille|the\s+day\s+before|the\s+eve)\s+(?:du|de|des|d['’]|of|the)\b[^,.;]{1,40},)"
    r"|(?P<after>apr[èe]s|after|since|depuis|dès|from"
    r"|[àa]\s+partir\s+(?:du|de|d['’])|starting(?:\s+(?:on|from|in))?"
    r"|(?:le\s+lendemain|au\s+lendemain|the\s+day\s+after|the\s+morning\s+after)\s+(?:du|de|des|d['’]|of|the)\b[^,.;]{1,40},))"
    r"(?:\s+(?:le|la|les|the|on|in|en|of))?\s*$",
    regex.IGNORECASE,
)
_PARTS = {"debut": "early", "early": "early", "beginning": "early", "start": "early",
          "mi": "mid", "mid": "mid", "middle": "mid", "fin": "late", "late": "late", "end": "late"}


# --------------------------------------------------------------------------- reading

def infer_year(month: int, day: int | None, ref: dt.date) -> int:
    """The year a reader of a text published on ``ref`` gives to a day (or month) written without one.

    The rule (CONTRACT, "Dates overlap"): take the year that puts the date closest before-or-at
    ``ref`` ("27 décembre" read on 2020-01-04 is 2019-12-27). One exception, because news text
    announces near events: if that date lies more than 300 days back while the same date in the
    following year is at most 60 days after ``ref``, take the near future ("du 2 au 12 avril"
    read on 2024-03-20 is April 2024). A month alone is placed by its first day. A day that
    exists in no nearby year (31 February) gets ``ref.year``; building the date then fails.
    """
    past: dt.date | None = None
    future: dt.date | None = None
    for year in range(ref.year + 1, ref.year - 9, -1):
        try:
            cand = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if cand > ref:
            future = cand
        else:
            past = cand
            break
    if past is None:
        return future.year if future else ref.year
    if future and (ref - past).days > 300 and (future - ref).days <= 60:
        return future.year
    return past.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span_years(a: tuple[int, int], b: tuple[int, int], y1: int | None, y2: int | None,
                ref: dt.date) -> tuple[int, int]:
    """Years of both ends of a span (month, day) a..b; a later end month-day keeps the year."""
    wraps = b < a  # "du 28 décembre au 1er janvier"
    if y1 and y2:
        return y1, y2
    if y2:
        return y2 - wraps, y2
    start = y1 or infer_year(a[0], a[1] or None, ref)
    return start, start + wraps


def _weekday_back(wd: int, ref: dt.date, strict: bool = False) -> dt.date:
    back = (ref.weekday() - wd) % 7
    return ref - dt.timedelta(days=back or (7 if strict else 0))


def _weekday_day(wd: int, day: int, ref: dt.date) -> dt.date | None:
    """The latest day-``day`` on or before ref within a year that falls on ``wd``, else the latest one."""
    year, month, fallback = ref.year, ref.month, None
    for _ in range(13):
        try:
            cand: dt.date | None = dt.date(year, month, day)
        except ValueError:
            cand = None
        if cand and cand <= ref:
            if cand.weekday() == wd:
                return cand
            fallback = fallback or cand
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return fallback


def _get(g: dict[str, str], key: str) -> int | None:
    return int(g[key]) if key in g else None


_Reading = tuple[Interval, str, bool]  # interval, granularity, has_year
_NO_SUCH_DAY = "no such day"


@lru_cache(maxsize=8192)
def _interpret(kind: str, text: str, groups: tuple[tuple[str, str], ...], lang: str,
               ref: dt.date) -> _Reading | str | None:
    """Read a matched ``text`` (with its pattern ``groups``); None when the match is not a date after all.

    ``text`` is only part of the cache key: the groups carry everything read.

    A well-formed expression naming a day that does not exist ("31 février") gives ``_NO_SUCH_DAY``:
    it yields no mention but still hides its parts ("février"), which would claim too much.
    """
    try:
        return _read(kind, dict(groups), lang, ref)
    except ValueError:
        return _NO_SUCH_DAY
    except (KeyError, OverflowError):  # an odd case-folded letter; a reference date at the ends of time
        return None


def _read(kind: str, g: dict[str, str], lang: str, ref: dt.date) -> _Reading | None:
    if kind in ("dm", "md"):
        month, day, year = _LOOKUP[_norm(g["m"])], int(g["d"]), _get(g, "y")
        when = dt.date(year or infer_year(month, day, ref), month, day)
        return Interval(when, when), "day", year is not None
    if kind in ("dspan", "mdspan"):
        conn, pre = g["conn"].strip().casefold(), g.get("pre", "").casefold()
        if (conn in ("et", "and")) != (pre in ("entre", "between", "les")):  # "entre le 4 et le 6"
            return None
        m2 = _LOOKUP[_norm(g["m2"])] if "m2" in g else _LOOKUP[_norm(g["m1"])]
        m1 = _LOOKUP[_norm(g["m1"])] if "m1" in g else m2
        d1, d2 = int(g["d1"]), int(g["d2"])
        y1, y2 = _span_years((m1, d1), (m2, d2), _get(g, "y1"), _get(g, "y2"), ref)
        start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
        return (Interval(start, end), "days", "y1" in g or "y2" in g) if start <= end else None
    if kind == "mspan":
        m1, m2 = _LOOKUP[_norm(g["m1"])], _LOOKUP[_norm(g["m2"])]
        y1, y2 = _span_years((m1, 0), (m2, 0), _get(g, "y1"), _get(g, "y2"), ref)
        start, end = dt.date(y1, m1, 1), _month_end(y2, m2)
        return (Interval(start, end), "months", "y1" in g or "y2" in g) if start <= end else None
    if kind == "yspan":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return (Interval(dt.date(y1, 1, 1), dt.date(y2, 12, 31)), "years", True) if y1 <= y2 else None
    if kind == "month":
        month, year = _LOOKUP[_norm(g["m"])], _get(g, "y")
        mod, has_year = (g.get("pre") or g.get("post") or "").casefold(), year is not None
        if year is None and mod in ("next", "prochain"):
            year = ref.year + (month <= ref.month)
        elif year is None and mod in ("last", "dernier"):
            year = ref.year - (month >= ref.month)
        year = year or infer_year(month, None, ref)
        return Interval(dt.date(year, month, 1), _month_end(year, month)), "month", has_year
    if kind == "year":
        year = int(g["y"])
        return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31)), "year", True
    if kind == "part":
        part = next(_PARTS[w] for w in _norm(g["part"]).split() if w in _PARTS)
        if "y2" in g:  # early/mid/late of a year: thirds of four months
            year, first = int(g["y2"]), {"early": 1, "mid": 5, "late": 9}[part]
            return Interval(dt.date(year, first, 1), _month_end(year, first + 3)), "part", True
        month, year = _LOOKUP[_norm(g["m"])], _get(g, "y")
        first_day = {"early": 1, "mid": 11, "late": 21}[part]
        year_ = year or infer_year(month, first_day, ref)
        last = _month_end(year_, month) if part == "late" else dt.date(year_, month, first_day + 9)
        return Interval(dt.date(year_, month, first_day), last), "part", year is not None
    if kind == "wdday":
        when = _weekday_day(_WD_LOOKUP[_norm(g["w"])], int(g["d"]), ref)
        return (Interval(when, when), "day", False) if when else None
    if kind == "weekday":
        wd, mod = _WD_LOOKUP[_norm(g["w"])], (g.get("pre") or g.get("post") or "").casefold()
        if mod in ("next", "prochain"):
            when = ref + dt.timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
        else:
            when = _weekday_back(wd, ref, strict=mod in ("last", "dernier"))
        return Interval(when, when), "weekday", False
    if kind == "rel":
        word = regex.sub(r"\s+", " ", g["rel"].casefold().replace("’", "'"))
        when = ref + dt.timedelta(days=_RELATIVE_DAYS.get(word, _RELATIVE_DAYS.get(word.replace("'", "’"), 0)))
        return Interval(when, when), "relative", False
    if kind == "iso":
        when = dt.date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return Interval(when, when), "day", True
    if kind == "num":
        a, b = int(g["a"]), int(g["b"])
        if lang != "fr":  # en: month/day order is ambiguous unless one side cannot be a month
            if a <= 12 and b <= 12:
                return None
            a, b = (a, b) if a > 12 else (b, a)
        when = dt.date(int(g["y"]), b, a)
        return Interval(when, when), "day", True
    return None


def _scan(text: str, lang: str, ref: dt.date, relaxed: bool) -> list[tuple[int, int, _Reading | str]]:
    """Non-overlapping readings of ``text``, longest expression first, in order of position."""
    trigger, _, patterns = _PATTERNS[lang]
    if not trigger.search(text):
        return []
    found: list[tuple[int, int, _Reading | str]] = []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if not relaxed and not _accept(kind, groups, text, match.start(), lang):
                continue
            reading = _interpret(kind, match.group(), tuple(sorted(groups.items())), lang, ref)
            if reading is not None:
                found.append((match.start(), match.end(), reading))
    chosen: list[tuple[int, int, _Reading | str]] = []
    taken = bytearray(len(text))
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):  # longest first
        if not any(taken[cand[0]:cand[1]]):
            chosen.append(cand)
            taken[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
    return sorted(chosen, key=lambda c: c[0])


def _accept(kind: str, g: dict[str, str], text: str, start: int, lang: str) -> bool:
    """Context a bare month, bare year or English "Tuesday 14" needs before it counts as a date."""
    if kind == "year" or (kind == "month" and not ({"y", "pre", "post"} & g.keys())):
        return _CONTEXT.search(text, max(0, start - 30), start) is not None
    if kind == "wdday" and lang == "en":
        return "suf" in g
    return True


def _key(lang: str) -> str:
    return lang if lang in ("fr", "en") else "any"


def find_dates(text: str, lang: str, ref: dt.date, offset: int = 0) -> list[DateMention]:
    """Every date expression of ``text``, non-overlapping (the longest wins), in order of position."""
    return list(_find_dates(text, lang, ref, offset))


@lru_cache(maxsize=256)
def _find_dates(text: str, lang: str, ref: dt.date, offset: int) -> tuple[DateMention, ...]:
    """Remembered: extraction masks a sentence's dates and the resolver reads them again (a few documents
    long, like ``names.tokens``)."""
    out = []
    for start, end, reading in _scan(text, _key(lang), ref, relaxed=False):
        if isinstance(reading, str):
            continue
        interval, granularity, has_year = reading
        rel = _RELATION.search(text, max(0, start - 80), start)
        relation = "at" if rel is None else ("before" if rel.group("before") else "after")
        out.append(DateMention(start + offset, end + offset, text[start:end], interval, granularity,
                               relation, has_year))
    return tuple(out)


_FILLER = frozenset({  # words that may surround a date handed to parse_date, accents stripped
    "le", "la", "les", "l", "the", "on", "in", "en", "au", "aux", "du", "de", "d", "of", "during",
    "pendant", "avant", "apres", "before", "after", "since", "depuis", "des", "until", "till", "jusqu",
    "jusque", "by", "ici", "from", "a", "at", "this", "ce", "cette", "courant", "lors",
})
_WORD = regex.compile(r"[\p{L}\d]+")
_LETTER = regex.compile(r"\p{L}")
_HAS_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def parse_date(text: str, lang: str, ref: dt.date) -> Interval | None:
    """Read one whole date expression (a claim's date slot); None when it is not one.

    Leading prepositions and relation words ("en janvier", "avant le 5 mars") are allowed, and a
    bare month or year counts here. Wordings the patterns do not know go to dateparser.
    """
    found = _scan(text, _key(lang), ref, relaxed=True)
    if len(found) == 1:
        start, end, reading = found[0]
        rest = f"{text[:start]} {text[end:]}"
        if isinstance(reading, str) or not all(_norm(w) in _FILLER for w in _WORD.findall(rest)):
            return None
        return reading[0]
    if found:
        return None
    return _dateparser_read(text.strip(), _key(lang), ref)


@lru_cache(maxsize=64)
def _dateparser(lang: str, ref: dt.date) -> DateDataParser:
    from dateparser.date import DateDataParser  # imported late: slow to import, rarely needed

    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": dt.datetime.combine(ref, dt.time())}
    return DateDataParser(languages=["fr", "en"] if lang == "any" else [lang], settings=settings)


@lru_cache(maxsize=4096)
def _dateparser_read(text: str, lang: str, ref: dt.date) -> Interval | None:
    if not text or len(text) > 60 or not _LETTER.search(text):  # a bare number is not a date
        return None
    try:
        data = _dateparser(lang, ref).get_date_data(text)
    except (ValueError, OverflowError):  # a reference date at the ends of the calendar
        return None
    if data.date_obj is None:
        return None
    day, period = data.date_obj.date(), data.period
    if not _HAS_YEAR.search(text) and _PATTERNS[lang][1].search(text):  # a written month: our year rule
        try:
            day = day.replace(year=infer_year(day.month, day.day if period in ("day", "time") else None, ref))
        except ValueError:  # 29 February
            return None
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return Interval(monday, monday + dt.timedelta(days=6))
    if period == "month":
        return Interval(day.replace(day=1), _month_end(day.year, day.month))
    if period == "year":
        return Interval(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    return Interval(day, day)
