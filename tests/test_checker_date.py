"""The date checker through the built-in rules: intervals at their own granularity, overlap, year inference.

A claimed date is supported when it overlaps the recorded interval and
contradicted when disjoint; a date without a year takes the year that puts it
closest before-or-at the document date (with the near-future exception
documented in ``verify.dates.infer_year``).
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "events": [
        {"id": "finance-committee", "kind": "meeting", "name": "finance committee",
         "aliases": ["commission des finances"], "date": "2024-03-05"},
        {"id": "pool-closure", "kind": "closure", "name": "pool closure", "aliases": ["fermeture de la piscine"],
         "date": {"from": "2024-02-02", "to": "2024-02-03"}},
        {"id": "year-end-council", "kind": "meeting", "name": "year-end council",
         "aliases": ["conseil de fin d'année"], "date": "2024-12-20"},
        {"id": "avalanche", "kind": "avalanche", "name": "Combe avalanche", "aliases": ["avalanche"],
         "date": "2024-03-15", "counts": {"killed": 2}, "place": "combe"},
    ],
    "entities": [{"id": "combe", "kind": "place", "name": "the Combe", "aliases": ["Combe"]}],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    return verify_env


CASES = [
    # a sentence naming no event: the one event recorded on that very day, at the place the sentence names,
    # supports it; nothing contradicts
    ("When the alarm went off in the Combe on Friday, March 15, the hikers were asleep.", "2024-04-01",
     "supported"),
    ("When the alarm went off on Friday, March 15, the hikers were asleep.", "2024-04-01", "unverifiable"),
    ("When the alarm went off in the Combe on March 16, the hikers were asleep.", "2024-04-01", "unverifiable"),
    ("When the alarm went off in the Combe in March, the hikers were asleep.", "2024-04-01", "unverifiable"),
    # a date after the document's, for an event before it, tells of what may come next
    ("Nobody wants another finance committee like that in May.", "2024-04-01", "unverifiable"),
    ("The finance committee met on April 20.", "2024-04-01", "unverifiable"),
    # a date months away from an event named by one common word tells of another occurrence
    ("En février 2019, une avalanche avait déjà frappé la combe.", "2024-04-01", "unverifiable"),
    ("An avalanche killed two hikers there in January 2021.", "2024-04-01", "unverifiable"),
    # a few days off is the same event misdated; a specific name makes even a far date a contradiction
    ("L'avalanche est survenue le 12 mars.", "2024-04-01", "contradicted"),
    ("La fermeture de la piscine a eu lieu en 2019.", "2024-04-01", "contradicted"),
    # a day
    ("La commission des finances, réunie le 5 mars, a débattu du budget.", "2024-04-01", "supported"),
    ("La commission des finances, réunie le 7 mars, a débattu du budget.", "2024-04-01", "contradicted"),
    ("The finance committee met on March 5.", "2024-04-01", "supported"),
    ("The finance committee met on March 7.", "2024-04-01", "contradicted"),
    ("The finance committee met on 5 March 2024.", "2024-04-01", "supported"),
    # coarser dates are intervals: they overlap or not
    ("La commission des finances s'est réunie en mars 2024.", "2024-04-01", "supported"),
    ("The finance committee met in March.", "2024-04-01", "supported"),
    ("The finance committee met in February.", "2024-04-01", "contradicted"),
    ("The finance committee met in 2023.", "2024-04-01", "contradicted"),
    ("La commission des finances s'est réunie début mars.", "2024-04-01", "supported"),
    ("La commission des finances s'est réunie du 1er au 3 mars.", "2024-04-01", "contradicted"),
    ("The finance committee met between March 4 and March 6.", "2024-04-01", "supported"),
    # spans against spans: "the night of the 2nd to the 3rd"
    ("La fermeture de la piscine a eu lieu dans la nuit du 2 au 3 février.", "2024-04-01", "supported"),
    ("La fermeture de la piscine a eu lieu dans la nuit du 4 au 5 février.", "2024-04-01", "contradicted"),
    ("The pool closure took place on February 3.", "2024-04-01", "supported"),
    # year inference: the latest such day before-or-at the document date...
    ("The year-end council met on December 20.", "2025-02-10", "supported"),
    ("Le conseil de fin d'année s'est réuni le 20 décembre.", "2025-02-10", "supported"),
    ("The finance committee met on March 5.", "2025-06-10", "contradicted"),  # read as 2025-03-05
    # ...except a date a few weeks ahead of a document that announces it (infer_year)
    ("The finance committee met on March 5.", "2024-03-01", "supported"),
    # a bare weekday in the week before the document: the committee met that Tuesday
    ("The finance committee met on Wednesday.", "2024-03-05", "contradicted"),
    # what a date claim cannot decide
    ("The finance committee met before March 10.", "2024-04-01", "unverifiable"),  # a bound, not a date
    ("Jane Roe est arrivée le 5 mars.", "2024-04-01", "unverifiable"),  # no event named
]


@pytest.mark.parametrize(("sentence", "date", "verdict"), CASES)
def test_date(env: VerifyEnv, sentence: str, date: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="date", date=date)
    out.assert_verdicts(checker="date", **{verdict: 1})


def test_message_gives_both_intervals(env: VerifyEnv) -> None:
    out = env.check_text("The finance committee met in February.", checker="date", date="2024-04-01")
    assert out.claims[0]["message"] == ("finance committee took place 2024-03-05, not 2024-02-01..2024-02-29 "
                                        "('February')")


def test_document_date_from_front_matter(env: VerifyEnv) -> None:
    env.document("The year-end council met on December 20.\n", name="note.md", date="2025-02-10", lang="en")
    out = env.check()
    assert out.exit_code == 0
    out.assert_verdicts(checker="date", supported=1)


def test_a_sentence_dated_far_from_the_event_tells_of_another_occurrence(env: VerifyEnv) -> None:
    """Not only date claims: a count in a sentence dated months away is not the event's count."""
    env.date = "2024-04-01"
    other = env.check_text("En février 2019, l'avalanche avait fait trois morts.", checker="count")
    assert [c["verdict"] for c in other.claims] == ["unverifiable"]
    assert "another occurrence" in other.claims[0]["message"]
    same = env.check_text("Le 15 mars, l'avalanche a fait trois morts.", checker="count")
    assert [c["verdict"] for c in same.claims] == ["contradicted"]


@pytest.mark.parametrize(("text", "verdict"), [
    ("Mardi 5 mars, 18 heures. La commission des finances se réunit.", "supported"),
    # a timeline entry's date never contradicts: the entry may tell of something else than the event it names
    ("Jeudi 7 mars. La commission des finances se réunit.", "unverifiable"),
    # not a dateline: the sentence says more than a date
    ("Mardi 5 mars, il pleuvait. La commission des finances se réunit.", "unverifiable"),
])
def test_a_dateline_dates_the_entry_it_heads(env: VerifyEnv, text: str, verdict: str) -> None:
    env.date = "2024-04-01"
    out = env.check_text(text, checker="date")
    assert [c["verdict"] for c in out.claims] == [verdict], [(c["text"], c["message"]) for c in out.claims]


@pytest.mark.parametrize(("doc_date", "verdict"), [
    ("2024-03-07", "contradicted"),  # the committee met on Tuesday 5 March, in the week before the document
    ("2024-04-01", "unverifiable"),  # a month later, "lundi" could be any Monday
])
def test_a_bare_weekday_contradicts_only_within_the_week(env: VerifyEnv, doc_date: str, verdict: str) -> None:
    env.date = doc_date
    out = env.check_text("La commission des finances s'est réunie lundi.", checker="date")
    assert [c["verdict"] for c in out.claims] == [verdict], [(c["text"], c["message"]) for c in out.claims]


def test_the_date_next_to_the_events_name_is_its_date(env: VerifyEnv) -> None:
    """Two dates in a sentence: the one beside the event's name dates it, the other dates something else."""
    env.date = "2024-04-01"
    out = env.check_text("La commission des finances, réunie le 5 mars, a examiné les dépenses engagées le 2 février.",
                         checker="date")
    assert [c["verdict"] for c in out.claims] == ["supported", "unverifiable"], out.claims
    assert "5 mars" in out.claims[0]["text"] and "2 février" in out.claims[1]["text"]
    assert "next to the event's name" in out.claims[1]["message"]
