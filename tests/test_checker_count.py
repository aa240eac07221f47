"""The count checker through the built-in rules: exact and approximate numbers (see ``verify/numbers.py``).

Exact numbers are supported only at the recorded value; "about N" within ±10 %
and contradicted beyond ±25 %; "une dizaine" 8..12; "dozens" 20..99; "at
least / more than / fewer than N" are bounds; between the supported and the
contradicted band the checker says unverifiable.
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "events": [
        {"id": "taji-attack", "kind": "attack", "name": "Taji attack", "aliases": ["attaque de Taji", "attack on Taji"],
         "date": "2019-12-27", "counts": {"killed": 10, "wounded": 600}},
        {"id": "budget-vote", "kind": "vote", "name": "budget vote", "aliases": ["vote du budget"],
         "date": "2024-03-12", "counts": {"votes_for": 27}},
        {"id": "rail-strike", "kind": "strike", "name": "rail strike", "aliases": ["strike", "walkout"],
         "date": "2024-03-18", "counts": {"drivers_on_strike": 412, "depots": 6}},
    ],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    verify_env.date = "2024-04-01"
    return verify_env


CASES = [
    # a count name's linking words and the event's own kind need not be written: "drivers" on a strike
    ("During the strike, 412 drivers stayed at home.", "supported"),
    ("During the strike, 450 drivers stayed at home.", "contradicted"),
    # "all seven of its depots" is the whole, not a part
    ("The strike closed all seven of its depots.", "contradicted"),
    ("The strike closed all six of its depots.", "supported"),
    # exact numbers, digits or words
    ("The attack on Taji killed 10 people.", "supported"),
    ("L'attaque de Taji a fait dix morts.", "supported"),
    ("The attack on Taji killed 12 people.", "contradicted"),
    ("L'attaque de Taji a fait 3 000 blessés.", "contradicted"),  # "blessés" is the wounded count
    ("Le budget a été adopté par 27 voix.", "supported"),  # votes_for: "voix" and "adopté par"
    ("Le budget a été adopté par 29 voix.", "contradicted"),
    # about N: supported within 10 %, contradicted beyond 25 %, unverifiable in between
    ("The attack on Taji killed about 11 people.", "supported"),
    ("The attack on Taji wounded some 620 people.", "supported"),
    ("The attack on Taji wounded some 700 people.", "unverifiable"),
    ("The attack on Taji wounded some 900 people.", "contradicted"),
    # round-number nouns
    ("L'attaque de Taji a fait une dizaine de morts.", "supported"),
    ("L'attaque de Taji a fait une vingtaine de morts.", "unverifiable"),
    ("The attack on Taji killed dozens of people.", "contradicted"),
    # bounds
    ("The attack on Taji killed at least 8 people.", "supported"),
    ("The attack on Taji killed at least 12 people.", "contradicted"),
    ("The attack on Taji killed more than 12 people.", "contradicted"),
    ("The attack on Taji killed more than 10 people.", "unverifiable"),  # N itself: neither
    ("The attack on Taji killed fewer than 20 people.", "supported"),
]


@pytest.mark.parametrize(("sentence", "verdict"), CASES)
def test_count(env: VerifyEnv, sentence: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="count")
    out.assert_verdicts(checker="count", **{verdict: 1})


def test_what_the_facts_do_not_count_is_no_claim(env: VerifyEnv) -> None:
    """Rules over-generate; a number of something no count names is left out of the report."""
    out = env.check_text("Three sources said the attack on Taji was planned.", checker="count")
    assert out.claims == []


def test_message_and_evidence(env: VerifyEnv) -> None:
    out = env.check_text("The attack on Taji killed 12 people.", checker="count")
    assert out.claims[0]["message"] == "Taji attack: killed = 10, not '12'"
    assert out.claims[0]["evidence"][0]["fact"] == "events.taji-attack.counts.killed"


RECALL = {
    "events": [
        {"id": "recall", "kind": "recall", "name": "pump recall", "aliases": ["recall of the pumps", "rappel"],
         "date": "2025-04-21", "counts": {"units": 12400, "countries": 2, "interventions": 312}},
        {"id": "town-hall", "kind": "meeting", "name": "staff town hall", "aliases": ["town hall"],
         "date": "2025-04-22", "counts": {"employees": 230}},
    ],
}


@pytest.mark.parametrize(("text", "verdicts"), [
    # another number's noun is not this number's measure
    ("The recall of the pumps covers 12,400 units sold across two countries.", ["supported", "supported"]),
    ("The recall of the pumps covers 12,400 pumps sold across three countries.", ["contradicted"]),  # 12,400: no
    # a duration counts nothing the surrounding words name
    ("Les pompiers ont mené 312 interventions en trois jours lors du rappel.", ["supported"]),
    # no event named, the last one mentioned is a guess, and "people" is not "employees"
    ("The town hall drew 230 employees. The company employs about 1,100 people in Canada.",
     ["supported", "unverifiable"]),
])
def test_measure_words_belong_to_their_number(verify_env: VerifyEnv, text: str, verdicts: list[str]) -> None:
    verify_env.facts(RECALL)
    verify_env.date = "2025-05-01"
    out = verify_env.check_text(text, checker="count")
    assert [c["verdict"] for c in out.claims] == verdicts, out.claims


@pytest.mark.parametrize(("text", "verdicts"), [
    # a season's running total is not the one-day event's count
    ("The attack on Taji killed 10 people, bringing to 40 the deaths in the province this year.", ["supported"]),
    # the number counts its head noun, not the complement's ("twenty reports of wounded")
    ("The attack on Taji led to twenty reports of wounded soldiers.", []),
])
def test_what_a_number_counts(env: VerifyEnv, text: str, verdicts: list[str]) -> None:
    out = env.check_text(text, checker="count")
    assert [c["verdict"] for c in out.claims] == verdicts, [(c["text"], c["message"]) for c in out.claims]


@pytest.mark.parametrize("text", [
    "Une femme de 34 ans a été blessée dans l'attaque de Taji.",
    "A 34-year-old woman was injured in the attack on Taji.",
    "L'attaque de Taji a blessé un homme de 52 ans.",
])
def test_an_age_is_no_count(env: VerifyEnv, text: str) -> None:
    out = env.check_text(text, checker="count")
    assert [c["verdict"] for c in out.claims if c["verdict"] == "contradicted"] == [], out.claims
