"""The place checker through the built-in rules: containment (``located_in``) both ways.

Supported when the recorded place is the claimed one or lies within it;
contradicted when both are known and neither contains the other; unverifiable
when the claimed place is unknown, lies inside the recorded one (more precise
than the facts), or the recorded place is a plain name the facts do not describe.
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "entities": [
        {"id": "valmont", "kind": "place", "name": "Valmont"},
        {"id": "town-hall", "kind": "place", "name": "Valmont town hall", "aliases": ["town hall", "mairie"],
         "located_in": "valmont"},
        {"id": "council-room", "kind": "place", "name": "Vaucanson room", "aliases": ["salle Vaucanson"],
         "located_in": "town-hall"},
        {"id": "lyon", "kind": "place", "name": "Lyon"},
    ],
    "events": [
        {"id": "finance-committee", "kind": "meeting", "name": "finance committee",
         "aliases": ["commission des finances"], "date": "2024-03-05", "place": "town-hall"},
        {"id": "council-session", "kind": "meeting", "name": "council session", "aliases": ["séance du conseil"],
         "date": "2024-03-20", "place": "council-room"},
        {"id": "rally", "kind": "rally", "name": "spring rally", "aliases": ["rassemblement de printemps"],
         "date": "2024-03-21", "place": "Place Bellecour"},
    ],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    verify_env.date = "2024-04-01"
    return verify_env


CASES = [
    # the recorded place itself
    ("The finance committee took place at the town hall.", "supported"),
    ("La commission des finances a eu lieu à la mairie.", "supported"),
    ("La séance du conseil s'est tenue dans la salle Vaucanson.", "supported"),
    # a place containing it, directly or transitively
    ("The finance committee met in Valmont.", "supported"),
    ("The council session took place at the town hall.", "supported"),
    ("La séance du conseil s'est tenue à Valmont.", "supported"),
    # two known places, neither containing the other
    ("The finance committee took place in Lyon.", "contradicted"),
    ("La commission des finances s'est réunie à Lyon.", "contradicted"),
    ("The council session was held in Lyon.", "contradicted"),
    # more precise than the facts
    ("The finance committee took place in the Vaucanson room.", "unverifiable"),
    # a place the facts do not know
    ("The finance committee took place in Paris.", "unverifiable"),
    # a recorded place that is a plain name
    ("The spring rally took place at Place Bellecour.", "supported"),
    ("Le rassemblement de printemps a eu lieu à Lyon.", "unverifiable"),
]


@pytest.mark.parametrize(("sentence", "verdict"), CASES)
def test_place(env: VerifyEnv, sentence: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="place")
    out.assert_verdicts(checker="place", **{verdict: 1})


def test_containment_is_explained(env: VerifyEnv) -> None:
    out = env.check_text("The council session took place at the town hall.", checker="place")
    assert out.claims[0]["message"] == ("council session took place at Vaucanson room, which lies within "
                                        "Valmont town hall")
    assert [e["fact"] for e in out.claims[0]["evidence"]] == ["events.council-session.place",
                                                               "entities.town-hall.located_in"]


@pytest.mark.parametrize(("sentence", "verdict"), [
    ("The finance committee met in Lyon.", "contradicted"),
    # "its office in Lyon" says where the office is, not where the committee met
    ("The finance committee decided to move staff to its office in Lyon.", "unverifiable"),
])
def test_a_phrase_on_an_owned_place_locates_that_place(env: VerifyEnv, sentence: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="place")
    assert [c["verdict"] for c in out.claims if "Lyon" in c["text"]] == [verdict], out.claims
