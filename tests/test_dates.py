"""Date expressions in French and English: spans, intervals, granularity, relation, year inference."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.dates import DateMention, find_dates, infer_year, parse_date
from verify.model import Interval

D = dt.date


def iv(start: str, end: str | None = None) -> Interval:
    return Interval(D.fromisoformat(start), D.fromisoformat(end or start))


def only(text: str, lang: str, ref: dt.date) -> DateMention:
    found = find_dates(text, lang, ref)
    assert len(found) == 1, found
    return found[0]


def check(text: str, lang: str, ref: dt.date, span: str, interval: Interval, granularity: str,
          relation: str = "at", has_year: bool = False) -> None:
    m = only(text, lang, ref)
    assert (m.text, m.interval, m.granularity, m.relation, m.has_year) == (
        span, interval, granularity, relation, has_year)
    assert text[m.start:m.end] == m.text


# ----------------------------------------------------------------------------- year inference

@pytest.mark.parametrize(("month", "day", "ref", "year"), [
    (12, 27, D(2020, 1, 4), 2019),   # closest before-or-at the document date
    (1, 2, D(2020, 1, 4), 2020),
    (3, 12, D(2024, 3, 13), 2024),
    (3, 13, D(2024, 3, 13), 2024),   # the day itself
    (4, 2, D(2024, 3, 20), 2024),    # > 300 days back, 13 days ahead: the near future
    (6, 1, D(2024, 3, 20), 2023),    # 73 days ahead is too far: the past
    (2, 29, D(2021, 6, 1), 2020),    # only leap years have it
    (12, None, D(2020, 1, 4), 2019),
    (1, None, D(2020, 1, 4), 2020),
])
def test_infer_year(month: int, day: int | None, ref: dt.date, year: int) -> None:
    assert infer_year(month, day, ref) == year


@pytest.mark.parametrize(("text", "lang", "ref", "interval"), [
    ("27 décembre", "fr", D(2020, 1, 4), iv("2019-12-27")),
    ("2 janvier", "fr", D(2020, 1, 4), iv("2020-01-02")),
    ("12 mars", "fr", D(2024, 3, 13), iv("2024-03-12")),
    ("du 2 au 12 avril", "fr", D(2024, 3, 20), iv("2024-04-02", "2024-04-12")),
    ("December 29", "en", D(2020, 1, 8), iv("2019-12-29")),
    ("January 4", "en", D(2020, 1, 8), iv("2020-01-04")),
])
def test_year_rule_examples(text: str, lang: str, ref: dt.date, interval: Interval) -> None:
    assert only(text, lang, ref).interval == interval


# ----------------------------------------------------------------------------- day + month

@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval", "has_year"), [
    ("Le 27 décembre, il a parlé.", "fr", D(2020, 1, 4), "27 décembre", iv("2019-12-27"), False),
    ("le 5 mars", "fr", D(2024, 3, 20), "5 mars", iv("2024-03-05"), False),
    ("le 1er mars", "fr", D(2024, 3, 20), "1er mars", iv("2024-03-01"), False),
    ("le 1ᵉʳ mars", "fr", D(2024, 3, 20), "1ᵉʳ mars", iv("2024-03-01"), False),
    ("le 3 octobre 2024", "fr", D(2025, 1, 1), "3 octobre 2024", iv("2024-10-03"), True),
    ("on December 27 he said", "en", D(2020, 1, 4), "December 27", iv("2019-12-27"), False),
    ("on October 3", "en", D(2024, 10, 20), "October 3", iv("2024-10-03"), False),
    ("on 8 October", "en", D(2024, 10, 20), "8 October", iv("2024-10-08"), False),
    ("on December 27, 2019, he", "en", D(2020, 1, 4), "December 27, 2019", iv("2019-12-27"), True),
    ("on Jan. 4 at noon", "en", D(2020, 1, 8), "Jan. 4", iv("2020-01-04"), False),
    ("the 4th of July", "en", D(2020, 8, 1), "4th of July", iv("2020-07-04"), False),
])
def test_day_month(text: str, lang: str, ref: dt.date, span: str, interval: Interval, has_year: bool) -> None:
    check(text, lang, ref, span, interval, "day", has_year=has_year)


@pytest.mark.parametrize(("text", "lang", "month"), [
    ("27 Décembre", "fr", 12), ("27 decembre", "fr", 12), ("27 DÉCEMBRE", "fr", 12),
    ("27 de\u0301cembre", "fr", 12), ("3 février", "fr", 2), ("3 fevrier", "fr", 2), ("15 août", "fr", 8),
    ("15 aout", "fr", 8), ("4 janv.", "fr", 1), ("4 févr.", "fr", 2), ("4 sept.", "fr", 9),
    ("4 déc.", "fr", 12), ("Feb 4", "en", 2), ("Sept. 4", "en", 9), ("4 SEPTEMBER", "en", 9),
])
def test_accents_case_and_abbreviations(text: str, lang: str, month: int) -> None:
    m = only(text, lang, D(2020, 12, 31))
    assert (m.text, m.interval.start.month) == (text, month)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("we may 5 times ask in may", "en", D(2020, 6, 1)) == []
    assert only("on May 5", "en", D(2020, 6, 1)).interval == iv("2020-05-05")


# ----------------------------------------------------------------------------- weekdays

@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval"), [
    ("mardi 12 mars", "fr", D(2024, 3, 13), "mardi 12 mars", iv("2024-03-12")),
    ("le lundi 11 mars", "fr", D(2024, 3, 13), "lundi 11 mars", iv("2024-03-11")),
    ("jeudi 3 octobre", "fr", D(2024, 10, 10), "jeudi 3 octobre", iv("2024-10-03")),
    ("mercredi 12 mars", "fr", D(2024, 3, 13), "mercredi 12 mars", iv("2024-03-12")),  # wrong weekday
    ("on Tuesday, February 4", "en", D(2020, 2, 10), "Tuesday, February 4", iv("2020-02-04")),
    ("Thursday, February 6", "en", D(2020, 2, 10), "Thursday, February 6", iv("2020-02-06")),
    ("Tuesday, October 8", "en", D(2024, 10, 10), "Tuesday, October 8", iv("2024-10-08")),
])
def test_weekday_day_month(text: str, lang: str, ref: dt.date, span: str, interval: Interval) -> None:
    check(text, lang, ref, span, interval, "day")


@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval"), [
    ("mardi 14, il a dit", "fr", D(2024, 5, 20), "mardi 14", iv("2024-05-14")),
    ("lundi 14", "fr", D(2024, 5, 20), "lundi 14", iv("2023-08-14")),  # the last Monday the 14th
    ("mardi 31", "fr", D(2024, 11, 28), "mardi 31", iv("2024-10-31")),  # none in a year: the last 31st
    ("on Tuesday the 14th", "en", D(2024, 5, 20), "Tuesday the 14th", iv("2024-05-14")),
])
def test_weekday_day_without_month(text: str, lang: str, ref: dt.date, span: str, interval: Interval) -> None:
    check(text, lang, ref, span, interval, "day")


def test_weekday_day_is_not_a_time_or_a_count() -> None:
    ref = D(2024, 5, 20)
    assert [m.text for m in find_dates("mardi 14h30", "fr", ref)] == ["mardi"]
    assert [m.text for m in find_dates("dimanche 14 personnes", "fr", ref)] == ["dimanche"]
    assert [m.text for m in find_dates("on Tuesday 14 people", "en", ref)] == ["Tuesday"]


@pytest.mark.parametrize(("text", "lang", "span", "interval"), [
    ("vendredi", "fr", "vendredi", iv("2020-01-03")),
    ("Dimanche, il pleuvait", "fr", "Dimanche", iv("2020-01-05")),
    ("mercredi", "fr", "mercredi", iv("2020-01-08")),  # the document date itself
    ("vendredi dernier", "fr", "vendredi dernier", iv("2020-01-03")),
    ("lundi prochain", "fr", "lundi prochain", iv("2020-01-13")),
    ("Friday", "en", "Friday", iv("2020-01-03")),
    ("on Friday", "en", "Friday", iv("2020-01-03")),
    ("last Wednesday", "en", "last Wednesday", iv("2020-01-01")),
    ("next Friday", "en", "next Friday", iv("2020-01-10")),
])
def test_weekday_alone(text: str, lang: str, span: str, interval: Interval) -> None:
    check(text, lang, D(2020, 1, 8), span, interval, "weekday")  # a Wednesday


# ----------------------------------------------------------------------------- spans

@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval", "granularity", "has_year"), [
    ("du 2 au 3 janvier", "fr", D(2020, 1, 4), "du 2 au 3 janvier",
     iv("2020-01-02", "2020-01-03"), "days", False),
    ("du 2 au 12 avril", "fr", D(2024, 3, 20), "du 2 au 12 avril",
     iv("2024-04-02", "2024-04-12"), "days", False),
    ("Il est mort dans la nuit du 2 au 3 janvier.", "fr", D(2020, 1, 4), "dans la nuit du 2 au 3 janvier",
     iv("2020-01-02", "2020-01-03"), "days", False),
    ("du 28 décembre au 1er janvier", "fr", D(2020, 1, 4), "du 28 décembre au 1er janvier",
     iv("2019-12-28", "2020-01-01"), "days", False),
    ("entre le 4 et le 6 février", "fr", D(2020, 2, 10), "entre le 4 et le 6 février",
     iv("2020-02-04", "2020-02-06"), "days", False),
    ("les 2 et 3 janvier", "fr", D(2020, 1, 4), "les 2 et 3 janvier",
     iv("2020-01-02", "2020-01-03"), "days", False),
    ("entre janvier et juin 2024", "fr", D(2024, 8, 1), "entre janvier et juin 2024",
     iv("2024-01-01", "2024-06-30"), "months", True),
    ("de janvier à juin", "fr", D(2024, 8, 1), "de janvier à juin",
     iv("2024-01-01", "2024-06-30"), "months", False),
    ("de 2019 à 2021", "fr", D(2024, 8, 1), "de 2019 à 2021", iv("2019-01-01", "2021-12-31"), "years", True),
    ("between 2 and 4 April", "en", D(2024, 4, 10), "between 2 and 4 April",
     iv("2024-04-02", "2024-04-04"), "days", False),
    ("between February 4 and February 6", "en", D(2020, 2, 10), "between February 4 and February 6",
     iv("2020-02-04", "2020-02-06"), "days", False),
    ("Between February 4 and February 6", "en", D(2020, 2, 10), "Between February 4 and February 6",
     iv("2020-02-04", "2020-02-06"), "days", False),
    ("from January 27 to February 14", "en", D(2020, 2, 20), "from January 27 to February 14",
     iv("2020-01-27", "2020-02-14"), "days", False),
    ("January 27 to February 14", "en", D(2020, 2, 20), "January 27 to February 14",
     iv("2020-01-27", "2020-02-14"), "days", False),
    ("on 2-3 January", "en", D(2020, 1, 4), "2-3 January", iv("2020-01-02", "2020-01-03"), "days", False),
    ("December 27, 2019 - January 3, 2020", "en", D(2020, 6, 1), "December 27, 2019 - January 3, 2020",
     iv("2019-12-27", "2020-01-03"), "days", True),
    ("between January and June 2024", "en", D(2024, 8, 1), "between January and June 2024",
     iv("2024-01-01", "2024-06-30"), "months", True),
])
def test_spans(text: str, lang: str, ref: dt.date, span: str, interval: Interval, granularity: str,
               has_year: bool) -> None:
    check(text, lang, ref, span, interval, granularity, has_year=has_year)


def test_and_without_between_is_not_a_span() -> None:
    found = find_dates("on January 27 and 5 people", "en", D(2020, 2, 1))
    assert [m.text for m in found] == ["January 27"]


# ----------------------------------------------------------------------------- months and years

@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval", "has_year"), [
    ("janvier 2020", "fr", D(2020, 6, 1), "janvier 2020", iv("2020-01-01", "2020-01-31"), True),
    ("en janvier", "fr", D(2020, 6, 1), "janvier", iv("2020-01-01", "2020-01-31"), False),
    ("en juin", "fr", D(2020, 1, 4), "juin", iv("2019-06-01", "2019-06-30"), False),
    ("au mois d'avril", "fr", D(2020, 6, 1), "avril", iv("2020-04-01", "2020-04-30"), False),
    ("janvier dernier", "fr", D(2020, 1, 4), "janvier dernier", iv("2019-01-01", "2019-01-31"), False),
    ("in July", "en", D(2020, 8, 1), "July", iv("2020-07-01", "2020-07-31"), False),
    ("in September", "en", D(2020, 8, 1), "September", iv("2020-09-01", "2020-09-30"), False),  # near future
    ("in September", "en", D(2020, 6, 1), "September", iv("2019-09-01", "2019-09-30"), False),
    ("June 2024", "en", D(2020, 8, 1), "June 2024", iv("2024-06-01", "2024-06-30"), True),
    ("next July", "en", D(2020, 8, 1), "next July", iv("2021-07-01", "2021-07-31"), False),
])
def test_months(text: str, lang: str, ref: dt.date, span: str, interval: Interval, has_year: bool) -> None:
    check(text, lang, ref, span, interval, "month", has_year=has_year)


@pytest.mark.parametrize(("text", "lang"), [("en 2023", "fr"), ("pendant l'année 2023", "fr"),
                                            ("in 2023", "en"), ("during 2023", "en")])
def test_years(text: str, lang: str) -> None:
    check(text, lang, D(2024, 1, 1), "2023", iv("2023-01-01", "2023-12-31"), "year", has_year=True)


@pytest.mark.parametrize(("text", "lang"), [
    ("le budget 2024", "fr"), ("48 000 personnes", "fr"), ("2023", "fr"), ("mars", "fr"),
    ("budget 2024", "en"), ("1,200 people", "en"), ("2023", "en"), ("a long march", "en"),
    ("Covid-19", "en"), ("score 3-2", "fr"), ("2019-2020", "fr"), ("sept personnes", "fr"),
])
def test_not_dates(text: str, lang: str) -> None:
    assert find_dates(text, lang, D(2024, 1, 1)) == []


@pytest.mark.parametrize(("text", "lang"), [("31 février", "fr"), ("le 30 février 2020", "fr"),
                                            ("30 February", "en"), ("February 30, 2020", "en")])
def test_invalid_dates_are_skipped_whole(text: str, lang: str) -> None:
    assert find_dates(text, lang, D(2020, 6, 1)) == []


# ----------------------------------------------------------------------------- parts

@pytest.mark.parametrize(("text", "lang", "ref", "span", "interval", "has_year"), [
    ("début mars", "fr", D(2024, 3, 20), "début mars", iv("2024-03-01", "2024-03-10"), False),
    ("early March", "en", D(2024, 3, 20), "early March", iv("2024-03-01", "2024-03-10"), False),
    ("mi-mars", "fr", D(2024, 3, 25), "mi-mars", iv("2024-03-11", "2024-03-20"), False),
    ("mid-March", "en", D(2024, 3, 25), "mid-March", iv("2024-03-11", "2024-03-20"), False),
    ("mid March", "en", D(2024, 3, 25), "mid March", iv("2024-03-11", "2024-03-20"), False),
    ("fin mars", "fr", D(2024, 4, 5), "fin mars", iv("2024-03-21", "2024-03-31"), False),
    ("fin février", "fr", D(2024, 4, 5), "fin février", iv("2024-02-21", "2024-02-29"), False),
    ("fin février", "fr", D(2023, 4, 5), "fin février", iv("2023-02-21", "2023-02-28"), False),
    ("late March", "en", D(2024, 4, 5), "late March", iv("2024-03-21", "2024-03-31"), False),
    ("end of March", "en", D(2024, 4, 5), "end of March", iv("2024-03-21", "2024-03-31"), False),
    ("début 2020", "fr", D(2024, 4, 5), "début 2020", iv("2020-01-01", "2020-04-30"), True),
    ("early 2020", "en", D(2024, 4, 5), "early 2020", iv("2020-01-01", "2020-04-30"), True),
    ("fin 2019", "fr", D(2024, 4, 5), "fin 2019", iv("2019-09-01", "2019-12-31"), True),
    ("late 2019", "en", D(2024, 4, 5), "late 2019", iv("2019-09-01", "2019-12-31"), True),
])
def test_parts(text: str, lang: str, ref: dt.date, span: str, interval: Interval, has_year: bool) -> None:
    check(text, lang, ref, span, interval, "part", has_year=has_year)


# ----------------------------------------------------------------------------- numeric dates

@pytest.mark.parametrize(("text", "lang", "interval"), [
    ("2024-03-12", "fr", iv("2024-03-12")), ("2024-03-12", "en", iv("2024-03-12")),
    ("12/03/2024", "fr", iv("2024-03-12")), ("13/03/2024", "en", iv("2024-03-13")),
    ("03/13/2024", "en", iv("2024-03-13")),
])
def test_numeric(text: str, lang: str, interval: Interval) -> None:
    check(f"le {text}.", lang, D(2024, 6, 1), text, interval, "day", has_year=True)


def test_numeric_english_ambiguous() -> None:
    assert find_dates("on 12/03/2024", "en", D(2024, 6, 1)) == []
    assert parse_date("12/03/2024", "en", D(2024, 6, 1)) is None


def test_times_do_not_break_dates() -> None:
    text = "The strike came at 7.30am on Tuesday, February 4."
    m = only(text, "en", D(2020, 2, 10))
    assert (m.text, m.interval) == ("Tuesday, February 4", iv("2020-02-04"))
    assert only("le 5 mars à 14h30", "fr", D(2024, 3, 20)).text == "5 mars"


# ----------------------------------------------------------------------------- relation

@pytest.mark.parametrize(("text", "lang", "span", "relation"), [
    ("avant le 5 mars", "fr", "5 mars", "before"),
    ("dès le 7 mars", "fr", "7 mars", "after"),
    ("depuis janvier", "fr", "janvier", "after"),
    ("depuis 2019", "fr", "2019", "after"),
    ("jusqu'au 4 avril", "fr", "4 avril", "before"),
    ("jusqu’au 4 avril", "fr", "4 avril", "before"),
    ("d'ici le 5 mars", "fr", "5 mars", "before"),
    ("à partir du 7 mars", "fr", "7 mars", "after"),
    ("après le 5 mars", "fr", "5 mars", "after"),
    ("le 5 mars", "fr", "5 mars", "at"),
    ("since March 3", "en", "March 3", "after"),
    ("until 4 April", "en", "4 April", "before"),
    ("before March 5", "en", "March 5", "before"),
    ("after March 5", "en", "March 5", "after"),
    ("by the end of March", "en", "the end of March", "before"),
    ("on March 5", "en", "March 5", "at"),
])
def test_relation(text: str, lang: str, span: str, relation: str) -> None:
    m = only(text, lang, D(2024, 4, 10))
    assert (m.text, m.relation) == (span, relation)


# ----------------------------------------------------------------------------- whole text

def test_longest_wins_and_order() -> None:
    text = "Du 2 au 3 janvier, puis le 5 janvier et mardi 7 janvier."
    found = find_dates(text, "fr", D(2020, 1, 8))
    assert [m.text for m in found] == ["Du 2 au 3 janvier", "5 janvier", "mardi 7 janvier"]


def test_offset_shifts_spans() -> None:
    [m] = find_dates("le 5 mars", "fr", D(2024, 4, 1), offset=100)
    assert (m.start, m.end, m.text) == (103, 109, "5 mars")


def test_other_language_tries_both() -> None:
    found = find_dates("le 5 mars et March 6", "de", D(2024, 4, 1))
    assert [m.interval for m in found] == [iv("2024-03-05"), iv("2024-03-06")]


@pytest.mark.parametrize(("text", "lang", "interval"), [
    ("en janvier", "fr", iv("2020-01-01", "2020-01-31")),
    ("2023", "fr", iv("2023-01-01", "2023-12-31")),
    ("janvier", "fr", iv("2020-01-01", "2020-01-31")),
    ("avant le 5 mars", "fr", iv("2019-03-05")),
    ("dans la nuit du 2 au 3 janvier", "fr", iv("2020-01-02", "2020-01-03")),
    ("Tuesday 31", "en", iv("2019-12-31")),
    ("hier", "fr", iv("2020-01-03")),  # through dateparser
    ("yesterday", "en", iv("2020-01-03")),
    ("la semaine dernière", "fr", iv("2019-12-23", "2019-12-29")),
])
def test_parse_date(text: str, lang: str, interval: Interval) -> None:
    assert parse_date(text, lang, D(2020, 1, 4)) == interval


@pytest.mark.parametrize("text", ["nonsense", "", "5", "le 5 mars à Paris", "31 février", "5 mars et 6 mars"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text, "fr", D(2020, 1, 4)) is None
    assert parse_date(text, "en", D(2020, 1, 4)) is None


_WORDS = st.sampled_from([
    "le", "du", "au", "entre", "et", "between", "and", "from", "to", "mi-", "fin", "early", "depuis", "since",
    "avant", "mardi", "Tuesday", "janvier", "Février", "May", "march", "sept.", "1er", "31", "29", "2", "14h",
    "2020", "1900", "-", "/", ",", ".", "’", "dans la nuit", "12/03/2024", "2024-02-30", "\u0301", " ",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_WORDS, max_size=12).map(" ".join), st.lists(_WORDS).map("".join)),
       st.sampled_from(["fr", "en", "xx"]), st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_find_dates_never_raises(text: str, lang: str, ref: dt.date) -> None:
    found = find_dates(text, lang, ref)
    last_end = 0
    for m in found:
        assert m.start <= m.end and m.interval.start <= m.interval.end
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
    parse_date(text, lang, ref)


def test_the_day_before_an_event_is_a_relation() -> None:
    import datetime as _dt

    from verify.dates import find_dates
    ref = _dt.date(2025, 4, 1)
    assert [d.relation for d in find_dates("La veille du drame, le vendredi 14 mars, il avait signé.", "fr", ref)] \
        == ["before"]
    assert [d.relation for d in find_dates("The day after the vote, on March 6, she resigned.", "en", ref)] \
        == ["after"]
    assert [d.relation for d in find_dates("Le 14 mars, il a signé.", "fr", ref)] == ["at"]
