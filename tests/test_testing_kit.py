"""The testing kit itself (verify/testing_kit.py): what plugin authors rely on must hold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from verify.hookspecs import hookimpl
from verify.testing_kit import Outcome, VerifyEnv

FACTS = {"entities": [{"id": "jane-roe", "kind": "person", "name": "Jane Roe"}],
         "events": [{"id": "committee", "kind": "meeting", "name": "finance committee", "date": "2024-03-05",
                     "attendees": ["jane-roe"], "attendees_complete": True}]}


def test_fixture_is_provided_by_the_pytest_plugin(verify_env: VerifyEnv) -> None:
    assert isinstance(verify_env, VerifyEnv)
    assert verify_env.isolated


def test_facts_are_written_as_yaml_or_json(verify_env: VerifyEnv) -> None:
    yaml_path = verify_env.facts(FACTS)
    json_path = verify_env.facts({"sources": [{"id": "s"}]}, name="more.json")
    assert yaml_path.read_text(encoding="utf-8").startswith("entities:")
    assert json.loads(json_path.read_text(encoding="utf-8")) == {"sources": [{"id": "s"}]}
    assert verify_env.fact_paths == [yaml_path, json_path]


def test_markdown_documents_get_front_matter(verify_env: VerifyEnv) -> None:
    path = verify_env.document("Jane Roe spoke.", date="2024-03-06", lang="en")
    assert path.read_text(encoding="utf-8") == "---\ndate: 2024-03-06\nlang: en\n---\nJane Roe spoke."


def test_check_and_check_text_agree(verify_env: VerifyEnv) -> None:
    verify_env.facts(FACTS)
    verify_env.document("Jane Roe attended the finance committee.", date="2024-04-01", lang="en")
    via_cli = verify_env.check()
    in_process = verify_env.check_text("Jane Roe attended the finance committee.", date="2024-04-01", lang="en")
    assert via_cli.exit_code == in_process.exit_code == 0
    assert [c["verdict"] for c in via_cli.claims] == [c["verdict"] for c in in_process.claims] == ["supported"]


def test_assert_verdicts_explains_a_mismatch(verify_env: VerifyEnv) -> None:
    verify_env.facts(FACTS)
    out = verify_env.check_text("Jane Roe attended the finance committee.", date="2024-04-01", lang="en")
    with pytest.raises(AssertionError, match=r"(?s)expected \{'supported': 0, 'contradicted': 1.*attendance"):
        out.assert_verdicts(contradicted=1)
    out.assert_verdicts(supported=1)
    out.assert_verdicts(checker="date")  # no date claim: all zero


def test_plugin_objects_reach_the_command_line(verify_env: VerifyEnv) -> None:
    class Reporter:
        format = "count"

        def render(self, report: Any, options: Any) -> str:
            return f"{sum(report.summary().values())}\n"

    class Plugin:
        @hookimpl
        def verify_reporters(self) -> list[Any]:
            return [Reporter()]

    verify_env.plugin(Plugin())
    verify_env.facts(FACTS)
    verify_env.document("Jane Roe attended the finance committee.", name="d.txt")
    assert verify_env.check(format="count", date="2024-04-01").stdout == "1\n"
    listed = verify_env.cli("plugins", "--format", "json")
    assert any(p["provides"].get("reporters") == ["count"] for p in listed.json["plugins"])


def test_a_checker_object_replaces_its_namesake(verify_env: VerifyEnv) -> None:
    class Doubtful:
        id = "attendance"

        def check(self, claim: Any, ctx: Any) -> Any:
            from verify.checking import unverifiable

            return unverifiable(claim, "always in doubt")

    verify_env.facts(FACTS)
    out = verify_env.check_text("Jane Roe attended the finance committee.", checker=Doubtful(), lang="en")
    out.assert_verdicts(unverifiable=1)
    assert out.claims[0]["message"] == "always in doubt"


def test_outcome_without_json_says_why() -> None:
    with pytest.raises(AssertionError, match="no JSON report"):
        _ = Outcome(2, "", "verify: error: bad").claims
