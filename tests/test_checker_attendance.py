"""The attendance checker through the built-in rules (CONTRACT §1: open world, closed lists, absence).

Every case is one sentence checked with only the attendance rules, through the
testing kit, against a small fact base: a committee whose attendee list is
complete, and a board meeting whose list is not.
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "entities": [
        {"id": "jane-roe", "kind": "person", "name": "Jane Roe"},
        {"id": "john-doe", "kind": "person", "name": "John Doe"},
        {"id": "paul-martin", "kind": "person", "name": "Paul Martin"},
        {"id": "acme", "kind": "organization", "name": "Acme Corp", "aliases": ["Acme", "the company"]},
    ],
    "events": [
        {"id": "finance-committee", "kind": "meeting", "name": "finance committee",
         "aliases": ["commission des finances"], "date": "2024-03-05",
         "attendees": ["jane-roe", "john-doe"], "attendees_complete": True},
        {"id": "board-meeting", "kind": "meeting", "name": "board meeting",
         "aliases": ["conseil d'administration"], "date": "2024-03-08",
         "attendees": ["jane-roe"], "attendees_complete": False},
    ],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    verify_env.date = "2024-04-01"
    return verify_env


CASES = [
    # a recorded attendee
    ("Jane Roe attended the finance committee.", "supported"),
    ("Jane Roe a assisté à la commission des finances.", "supported"),
    ("Jane Roe a tenu une réunion de la commission des finances avec John Doe.", "supported"),
    # closed list: anyone else named is contradicted, known to the facts or not
    ("La commission des finances s'est réunie en présence de Jane Roe et de Paul Martin.", "contradicted"),
    ("Jane Roe met with John Doe and Mary Major at the finance committee.", "contradicted"),
    ("On 5 March, Mary Major also attended the finance committee.", "contradicted"),
    # an organisation qualifying a title is no attendee; named on its own, it is one
    ("The finance committee brought together Acme treasurer Jane Roe and John Doe.", "supported"),
    ("Jane Roe met with John Doe, the company's director of finance, at the finance committee.", "supported"),
    ("Jane Roe met with Acme and John Doe at the finance committee.", "contradicted"),
    # absence claims
    ("John Doe n'assistait pas à la commission des finances.", "contradicted"),
    ("Jane Roe was absent from the finance committee.", "contradicted"),
    ("Paul Martin était absent de la commission des finances.", "supported"),
    ("Paul Martin did not attend the finance committee.", "supported"),
    # open list: absence from it proves nothing
    ("Paul Martin attended the board meeting.", "unverifiable"),
    ("Paul Martin n'a pas assisté au conseil d'administration.", "unverifiable"),
    ("Jane Roe did not attend the board meeting.", "contradicted"),
    ("Jane Roe a assisté au conseil d'administration.", "supported"),
    # no event the facts know
    ("Paul Martin attended the summer gala.", "unverifiable"),
]


@pytest.mark.parametrize(("sentence", "verdict"), CASES)
def test_attendance(env: VerifyEnv, sentence: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="attendance")
    out.assert_verdicts(checker="attendance", **{verdict: 1})


def test_contradiction_names_the_missing_person(env: VerifyEnv) -> None:
    out = env.check_text("Jane Roe met with John Doe and Mary Major at the finance committee.", checker="attendance")
    claim = out.claim("Mary Major")
    assert "Mary Major is not among the recorded attendees of finance committee" in claim["message"]
    assert claim["evidence"][0]["fact"] == "events.finance-committee.attendees"


def test_whole_cli_run(env: VerifyEnv) -> None:
    env.document("Jane Roe attended the finance committee. Paul Martin attended the finance committee too.",
                 name="draft.txt")
    out = env.check()
    assert out.exit_code == 1
    out.assert_verdicts(checker="attendance", supported=1, contradicted=1)


@pytest.mark.parametrize(("text", "verdicts"), [
    # the sentence before names the finance committee: "wasn't there" is about it (complete list)
    ("Jane Roe attended the finance committee. Paul Martin wasn't there.", ["supported", "supported"]),
    # a kind word and a date move the context to the one meeting they fit (the board, 8 March)
    ("Jane Roe attended the finance committee. We met again on 8 March. Paul Martin wasn't there.",
     ["supported", "unverifiable"]),
    # a meeting on a date no recorded meeting has: what follows is about it, not the last one named
    ("Jane Roe attended the finance committee. They met on 20 March. John Doe wasn't there.",
     ["supported", "unverifiable"]),
])
def test_the_event_context_follows_kind_words(env: VerifyEnv, text: str, verdicts: list[str]) -> None:
    out = env.check_text(text, checker="attendance")
    assert [c["verdict"] for c in out.claims] == verdicts, [(c["text"], c["message"]) for c in out.claims]


@pytest.mark.parametrize(("text", "verdicts"), [
    # a quoted claim starts its clause after the opening quote
    ('"Jane Roe did not attend the finance committee." — a post shared online', ["contradicted"]),
    ("« Paul Martin était présent à la commission des finances », affirme un tract.", ["contradicted"]),
    # a leading conjunction does not hide the subject
    ("But Paul Martin was not present at the finance committee.", ["supported"]),
])
def test_clause_starts(env: VerifyEnv, text: str, verdicts: list[str]) -> None:
    out = env.check_text(text, checker="attendance")
    assert [c["verdict"] for c in out.claims] == verdicts, [(c["text"], c["message"]) for c in out.claims]


def test_another_meeting_in_a_later_part_of_the_sentence(env: VerifyEnv) -> None:
    """'X n'y assistait pas : il était retenu par une autre réunion' is still about the meeting named before."""
    text = ("Jane Roe a assisté à la commission des finances. "
            "Paul Martin n'y assistait pas : il était retenu à Lyon par une autre réunion.")
    out = env.check_text(text, checker="attendance")
    assert [c["verdict"] for c in out.claims] == ["supported", "supported"], [c["message"] for c in out.claims]
    other = env.check_text("Jane Roe a assisté à la commission des finances. "
                           "Paul Martin assistait à une autre réunion.", checker="attendance")
    assert [c["verdict"] for c in other.claims][1:] in ([], ["unverifiable"])
