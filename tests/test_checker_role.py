"""The role checker through the built-in rules: dated titles, at the event's date or else the document's.

A title claim is contradicted when the facts know the title but the person did
not hold it then (someone else's title, or their own outside its dates); a
title the facts do not know is unverifiable; "former X" is a past title.
"""

from __future__ import annotations

import pytest

from verify.testing_kit import VerifyEnv

FACTS = {
    "entities": [
        {"id": "jane-roe", "kind": "person", "name": "Jane Roe", "roles": [
            {"title": "Mayor", "aliases": ["maire"], "from": "2020-07-04"},
            {"title": "Deputy mayor", "aliases": ["adjointe au maire"], "from": "2014-03-30", "to": "2020-07-03"},
        ]},
        {"id": "john-doe", "kind": "person", "name": "John Doe",
         "roles": [{"title": "Treasurer", "aliases": ["trésorier"], "from": "2019-01-01"}]},
        {"id": "paul-martin", "kind": "person", "name": "Paul Martin"},
    ],
    "events": [
        {"id": "summer-gala", "kind": "gala", "name": "summer gala", "date": "2019-06-01", "attendees": ["jane-roe"]},
    ],
}


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    return verify_env


CASES = [
    # the title held at the document's date, in every word order the rules know
    ("La maire Jane Roe a défendu le budget.", "2024-04-01", "supported"),
    ("La maire, Jane Roe, a défendu le budget.", "2024-04-01", "supported"),
    ("Jane Roe, la maire, a défendu le budget.", "2024-04-01", "supported"),
    ("Mayor Jane Roe defended the budget.", "2024-04-01", "supported"),
    ("Jane Roe, the mayor, defended the budget.", "2024-04-01", "supported"),
    ("Treasurer John Doe defended the budget.", "2024-04-01", "supported"),
    # someone else's title
    ("Treasurer Jane Roe defended the budget.", "2024-04-01", "contradicted"),
    # copular sentences: "is" claims the title now; "was"/"était" a past title, which never contradicts
    ("Jane Roe is the mayor of the town.", "2024-04-01", "supported"),
    ("Jane Roe est maire depuis 2020.", "2024-04-01", "supported"),
    ("John Doe is the mayor.", "2024-04-01", "contradicted"),
    ("Jane Roe was deputy mayor.", "2024-04-01", "supported"),
    ("John Doe was the mayor.", "2024-04-01", "unverifiable"),
    ("Paul Martin était trésorier.", "2024-04-01", "unverifiable"),
    ("Le trésorier Jane Roe a défendu le budget.", "2024-04-01", "contradicted"),
    ("Mayor John Doe defended the budget.", "2024-04-01", "contradicted"),
    ("Le maire Paul Martin a défendu le budget.", "2024-04-01", "contradicted"),
    # the person's own title, outside its dates
    ("Deputy mayor Jane Roe defended the budget.", "2024-04-01", "contradicted"),
    ("L'adjointe au maire Jane Roe a défendu le budget.", "2024-04-01", "contradicted"),
    ("Mayor Jane Roe defended the budget.", "2019-06-01", "contradicted"),
    # ...but held at the document's date
    ("Deputy mayor Jane Roe defended the budget.", "2019-06-01", "supported"),
    # ...or at the date of the event the sentence is about
    ("Deputy mayor Jane Roe attended the summer gala.", "2024-04-01", "supported"),
    # a former title
    ("Former deputy mayor Jane Roe defended the budget.", "2024-04-01", "supported"),
    ("L'ancienne adjointe au maire Jane Roe a défendu le budget.", "2024-04-01", "supported"),
    ("Jane Roe, the former deputy mayor, defended the budget.", "2024-04-01", "supported"),
    ("Former mayor John Doe defended the budget.", "2024-04-01", "unverifiable"),  # someone else's, once maybe
    # a possessive inside the title's complement stays in it (not "pensions committee" alone)
    ("John Doe, who chairs the union's pensions committee, spoke.", "2024-04-01", "unverifiable"),
    # who chose the holder is not part of the title
    ("Jane Roe, maire désignée par le conseil, a défendu le budget.", "2024-04-01", "supported"),
    ("Jane Roe, the mayor appointed by the council, defended the budget.", "2024-04-01", "supported"),
    # "a" title is one of several: another holder takes nothing from the person
    ("Paul Martin, a treasurer, defended the budget.", "2024-04-01", "unverifiable"),
    ("John Doe, a treasurer, defended the budget.", "2024-04-01", "supported"),
    ("Paul Martin, le trésorier, a défendu le budget.", "2024-04-01", "contradicted"),
    # a title given to someone as they leave it: held until the departure the sentence tells of
    ("Deputy mayor Jane Roe resigned in 2020.", "2024-04-01", "supported"),
    ("L'adjointe au maire, Jane Roe, a démissionné en 2020.", "2024-04-01", "supported"),
    ("Deputy mayor Jane Roe opened the fair.", "2024-04-01", "contradicted"),
    # a title the facts do not know, a person the facts do not know
    ("Le préfet John Doe a défendu le budget.", "2024-04-01", "unverifiable"),
    ("Mayor Mary Major defended the budget.", "2024-04-01", "unverifiable"),
]


@pytest.mark.parametrize(("sentence", "date", "verdict"), CASES)
def test_role(env: VerifyEnv, sentence: str, date: str, verdict: str) -> None:
    out = env.check_text(sentence, checker="role", date=date)
    out.assert_verdicts(checker="role", **{verdict: 1})


@pytest.mark.parametrize("sentence", ["Jane Roe, former deputy mayor, defended the budget.",
                                      "Jane Roe, who served as deputy mayor, defended the budget."])
def test_apposed_former_title_is_no_contradiction(env: VerifyEnv, sentence: str) -> None:
    out = env.check_text(sentence, checker="role", date="2024-04-01")
    assert [c["verdict"] for c in out.claims] in (["supported"], ["unverifiable"])


def test_evidence_cites_where_the_role_is_recorded(env: VerifyEnv) -> None:
    out = env.check_text("Treasurer Jane Roe defended the budget.", checker="role", date="2024-04-01")
    claim = out.claims[0]
    assert claim["message"] == "the facts give the title 'Treasurer' to John Doe, not Jane Roe"
    assert claim["evidence"][0]["fact"] == "entities.jane-roe.roles"
    assert claim["evidence"][0]["note"].startswith("recorded at ")


BOARD = {
    "entities": [
        {"id": "doug", "kind": "person", "name": "Douglas Menzies",
         "roles": [{"title": "Chair of the board", "from": "2020-01-01"}]},
        {"id": "ruth", "kind": "person", "name": "Ruth Calloway",
         "roles": [{"title": "Chief executive", "from": "2021-01-01"}]},
        {"id": "anne", "kind": "person", "name": "Anne Roux",
         "roles": [{"title": "Présidente du conseil départemental", "from": "2021-07-01"}]},
    ],
}


@pytest.mark.parametrize(("sentence", "verdict"), [
    ("Douglas Menzies, who chairs the board, was there.", "supported"),
    ("Ruth Calloway, who chairs the board, was there.", "contradicted"),
    ("Anne Roux, qui préside le conseil départemental, a parlé.", "supported"),
    # a body the facts do not know: "chair" alone is someone's title, but never a contradiction here
    ("Ruth Calloway, who chairs the residents' association, was there.", "unverifiable"),
])
def test_a_title_told_by_a_relative_verb(verify_env: VerifyEnv, sentence: str, verdict: str) -> None:
    verify_env.facts(BOARD)
    verify_env.date = "2024-04-01"
    out = verify_env.check_text(sentence, checker="role")
    assert [c["verdict"] for c in out.claims] == [verdict], out.claims
