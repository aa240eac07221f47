"""verify-quote through the testing kit: its rules find attributed speech, its checker judges it."""

from __future__ import annotations

import pytest
from conftest import DATA
from verify.engine import checkers_of
from verify.rules.slots import load_rules_for
from verify.rules.testing import run_examples
from verify.testing_kit import VerifyEnv, engine_supports_fact_sections

from verify_quote.checker import similarity

needs_engine_sections = pytest.mark.xfail(
    not engine_supports_fact_sections(), strict=True,
    reason="this verify's engine.load_factbase does not pass plugin fact sections to the CLI path yet")

CASES = [
    # the speaker's own recorded words, quoted or reported, French or English
    ("« Le budget est équilibré et les impôts n'augmenteront pas », a déclaré Jane Roe.", "fr", "supported"),
    ("Jane Roe a déclaré que le budget était équilibré et que les impôts n'augmenteraient pas.", "fr",
     "supported"),
    ("Selon John Doe, la dette de la ville a baissé de dix pour cent.", "fr", "supported"),
    ("Jane Roe a déclaré : « Le budget est équilibré »", "fr", "supported"),  # a part of the statement
    ("\"No school will close this year,\" said Jane Roe.", "en", "supported"),
    ("“No school will close this year,” the mayor said.", "en", "supported"),  # the mayor is Jane Roe
    ("According to John Doe, the car park will be free on Saturdays.", "en", "supported"),
    # words the facts give to someone else: open world, unless recorded as said by that one speaker only
    ("According to Paul Martin, the car park will be free on Saturdays.", "en", "unverifiable"),
    ("Jane Roe a affirmé que la dette de la ville avait baissé de dix pour cent.", "fr", "contradicted"),
    # no matching statement, no statement at all, nobody the facts know
    ("Jane Roe said that the swimming pool will reopen in May.", "en", "unverifiable"),
    ("Paul Martin a déclaré que la piscine rouvrirait en mai.", "fr", "unverifiable"),
    ("Selon Marie Dupont, la piscine rouvrira en mai.", "fr", "unverifiable"),
    # a one-word partial quote is too short to match safely
    ("« Équilibré », a déclaré Jane Roe.", "fr", "unverifiable"),
]


@pytest.mark.parametrize(("sentence", "lang", "verdict"), CASES)
def test_quote(facts: VerifyEnv, sentence: str, lang: str, verdict: str) -> None:
    out = facts.check_text(sentence, checker="quote", lang=lang, date="2024-03-07")
    out.assert_verdicts(checker="quote", **{verdict: 1})


def test_sole_speaker_contradiction_names_the_speaker(facts: VerifyEnv) -> None:
    out = facts.check_text("Jane Roe a affirmé que la dette de la ville avait baissé de dix pour cent.",
                           checker="quote", lang="fr", date="2024-03-07")
    claim = out.claim("dette")
    assert claim["message"] == "the facts record these words from John Doe, not Jane Roe (recorded as the only speaker)"
    assert claim["evidence"][0]["fact"] == "statements.doe-debt"
    assert claim["evidence"][0]["source"] == "council-minutes"


def test_sole_speaker_needs_an_exactly_named_person(facts: VerifyEnv) -> None:
    """"le maire" is matched as a description, not a name: it may support, never contradict."""
    out = facts.check_text("Selon la maire, la dette de la ville a baissé de dix pour cent.", checker="quote",
                           lang="fr", date="2024-03-07")
    out.assert_verdicts(checker="quote", unverifiable=1)


def test_nobody_speaking_is_no_claim(facts: VerifyEnv) -> None:
    out = facts.check_text("Selon le procès-verbal, la dette de la ville a baissé de dix pour cent.",
                           checker="quote", lang="fr", date="2024-03-07")
    assert out.select(checker="quote") == []


def test_without_statements_everything_is_unverifiable(env: VerifyEnv) -> None:
    env.facts({"entities": [{"id": "jane-roe", "kind": "person", "name": "Jane Roe"}]})
    out = env.check_text("Jane Roe said that the budget was balanced.", checker="quote", lang="en")
    out.assert_verdicts(checker="quote", unverifiable=1)
    assert out.claims[0]["message"] == "the facts record no statement by Jane Roe"


def test_statements_are_validated(env: VerifyEnv) -> None:
    env.facts({"entities": [{"id": "jane-roe", "kind": "person", "name": "Jane Roe"}],
               "statements": [{"id": "s", "who": "jane-rose", "what": "Hello there, everyone."}]})
    with pytest.raises(Exception, match=r"statements\[0\]\.who: unknown entity 'jane-rose' \(did you mean"):
        env.check_text("Jane Roe said hello.", lang="en")


def test_similarity_ignores_case_accents_and_order() -> None:
    assert similarity("LE BUDGET EST EQUILIBRE", "Le budget est équilibré.") == 100
    assert similarity("the budget is balanced", "Taxes will rise next year.") < 50


def test_rule_examples() -> None:
    """The plugin's rules carry their own test cases, run like the built-in pack's."""
    env = VerifyEnv(DATA)  # only for its plugin manager; nothing is written
    env.plugin("verify_quote.plugin")
    pm = env.plugin_manager()
    pack = load_rules_for(pm, known_checkers=checkers_of(pm).keys())
    results = run_examples(pack, [r.id for r in pack.rules if r.checker == "quote"])
    assert len(results) == 4
    for r in results:
        assert r.ok, "\n".join(str(f) for f in r.failures)


@needs_engine_sections
def test_demo_article_through_the_cli(facts: VerifyEnv) -> None:
    out = facts.check(DATA / "article.fr.md")
    out.assert_verdicts(checker="quote", supported=2, contradicted=1, unverifiable=1)
    assert out.exit_code == 1


@needs_engine_sections
def test_english_demo_through_the_cli(facts: VerifyEnv) -> None:
    out = facts.check(DATA / "article.en.txt", date="2024-03-07", lang="en")
    out.assert_verdicts(checker="quote", supported=1, unverifiable=2)
    assert out.exit_code == 0


def test_verify_plugins_lists_it(env: VerifyEnv) -> None:
    out = env.cli("plugins", "--plugin", "verify_quote.plugin", "--format", "json")
    (row,) = [p for p in out.json["plugins"] if p["name"] == "verify_quote.plugin"]
    assert row["provides"]["checkers"] == ["quote"]
    assert "verify_fact_sections" in row["hooks"]
