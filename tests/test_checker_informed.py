"""The informed checker through the built-in rules: timing sets, "never told", open and complete lists.

A claim allows a set of timings ("not told before" allows after and never;
"only told afterwards" allows after; "never told" allows never); it is
supported when the recorded timing is in the set, contradicted when not, and
someone in none of the lists is unverifiable unless the lists are complete.
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "entities": [
        {"id": "jane-roe", "kind": "person", "name": "Jane Roe"},
        {"id": "john-doe", "kind": "person", "name": "John Doe"},
        {"id": "paul-martin", "kind": "person", "name": "Paul Martin"},
        {"id": "city-council", "kind": "organization", "name": "city council", "aliases": ["conseil municipal"]},
        {"id": "press", "kind": "group", "name": "the press", "aliases": ["la presse"]},
    ],
    "events": [
        {"id": "pool-closure", "kind": "closure", "name": "pool closure", "aliases": ["fermeture de la piscine"],
         "date": "2024-02-02",
         "informed": {"before": ["jane-roe"], "after": ["city-council"], "never": ["press"], "complete": False}},
        {"id": "school-closure", "kind": "closure", "name": "school closure", "aliases": ["fermeture de l'école"],
         "date": "2024-03-01", "informed": {"before": ["john-doe"], "after": ["jane-roe"], "complete": True}},
        {"id": "bridge-closure", "kind": "closure", "name": "bridge closure", "aliases": ["fermeture du pont"],
         "date": "2024-03-05"},
    ],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    verify_env.date = "2024-04-01"
    return verify_env


CASES = [
    # told before
    ("Jane Roe was told before the pool closure.", "supported"),
    ("Jane Roe avait été prévenue avant la fermeture de la piscine.", "supported"),
    ("The city council was told before the pool closure.", "contradicted"),
    ("John Doe knew of the school closure beforehand.", "supported"),
    ("Jane Roe knew of the school closure beforehand.", "contradicted"),
    # "not told before" allows after and never
    ("The city council was not told before the pool closure.", "supported"),
    ("Le conseil municipal n'a pas été prévenu avant la fermeture de la piscine.", "supported"),
    ("Jane Roe was not told before the pool closure.", "contradicted"),
    # "only told afterwards" allows after
    ("The city council was only told afterwards about the pool closure.", "supported"),
    ("Le conseil municipal n'a été informé de la fermeture de la piscine qu'après coup.", "supported"),
    ("Jane Roe n'a été informée qu'après la fermeture de la piscine.", "contradicted"),
    ("Jane Roe only learned of the school closure afterwards.", "supported"),
    # "never told" allows never
    ("La presse n'a jamais été prévenue de la fermeture de la piscine.", "supported"),
    ("Le conseil municipal n'a jamais été prévenu de la fermeture de la piscine.", "contradicted"),
    ("The press was kept in the dark about the pool closure.", "supported"),
    # open lists: someone in none of them is unverifiable
    ("Paul Martin n'a jamais été prévenu de la fermeture de la piscine.", "unverifiable"),
    # complete lists: anyone in none of them is contradicted, whatever the timing claimed
    ("Paul Martin was told before the school closure.", "contradicted"),
    ("Paul Martin n'a jamais été prévenu de la fermeture de l'école.", "contradicted"),
    ("La presse n'a été prévenue de la fermeture de l'école qu'après coup.", "contradicted"),
    # several people: any contradiction wins
    ("Ni Jane Roe ni John Doe n'ont été prévenus de la fermeture de l'école.", "contradicted"),
    # no event named
    ("Jane Roe was never told.", "unverifiable"),
    # an event named whose record has no informed lists: not read off another closure's lists
    ("Paul Martin n'a été averti qu'après la fermeture du pont.", "unverifiable"),
    ("The press was told about the bridge closure only afterwards.", "unverifiable"),
]


def test_a_named_event_without_lists_is_not_replaced_by_the_previous_one(env: VerifyEnv) -> None:
    text = ("Paul Martin n'a jamais été prévenu de la fermeture de l'école. "
            "La presse n'a été avertie qu'après la fermeture du pont.")
    out = env.check_text(text, checker="informed")
    assert [c["verdict"] for c in out.claims] == ["contradicted", "unverifiable"]
    assert "fermeture du pont" in out.claims[1]["message"]


@pytest.mark.parametrize(("sentence", "verdict"), CASES)
def test_informed(env: VerifyEnv, sentence: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="informed")
    out.assert_verdicts(checker="informed", **{verdict: 1})


def test_message_says_the_recorded_timing(env: VerifyEnv) -> None:
    out = env.check_text("The city council was told before the pool closure.", checker="informed")
    assert out.claims[0]["message"] == "city council was informed after pool closure, not before"
    assert out.claims[0]["evidence"][0]["fact"] == "events.pool-closure.informed"


def test_a_name_in_a_complement_never_contradicts(env: VerifyEnv) -> None:
    """'Les agents du conseil municipal': the agents were told, not necessarily the council."""
    out = env.check_text("Les agents du conseil municipal n'ont jamais été prévenus de la fermeture de l'école.",
                         checker="informed")
    assert [c["verdict"] for c in out.claims] == ["unverifiable"], out.claims
    direct = env.check_text("Le conseil municipal n'a jamais été prévenu de la fermeture de l'école.",
                            checker="informed")
    assert [c["verdict"] for c in direct.claims] == ["contradicted"]


def test_a_pronoun_subject_supports_but_never_contradicts(env: VerifyEnv) -> None:
    # Jane Roe was told only after the school closure; through a pronoun that is no contradiction
    out = env.check_text("Jane Roe spoke first. She was told before the school closure.", checker="informed")
    assert [c["verdict"] for c in out.claims] == ["unverifiable"], out.claims
    told = env.check_text("John Doe spoke first. He was told before the school closure.", checker="informed")
    assert [c["verdict"] for c in told.claims] == ["supported"], told.claims
    never = env.check_text("John Doe spoke first. Il n'a jamais été prévenu de la fermeture de l'école.",
                           checker="informed")
    assert [c["verdict"] for c in never.claims] == ["unverifiable"], never.claims


def test_a_surname_alone_names_the_person_named_in_full_before(env: VerifyEnv) -> None:
    """'Roe' after 'Jane Roe': the press convention; it supports, never contradicts."""
    out = env.check_text("Jane Roe spoke first. Roe was told before the pool closure.", checker="informed")
    assert [c["verdict"] for c in out.claims] == ["supported"], out.claims
    wrong = env.check_text("Jane Roe spoke first. Roe was told before the school closure.", checker="informed")
    assert [c["verdict"] for c in wrong.claims] == ["unverifiable"], wrong.claims
    first = env.check_text("Roe was told before the pool closure.", checker="informed")
    assert [c["verdict"] for c in first.claims] != ["supported"], first.claims
