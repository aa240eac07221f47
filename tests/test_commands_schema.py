"""``verify schema rules|facts|report``, and the shipped schemas against the files they describe."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import DEV, ROOT, SEEDS, needs_dev_set, run_cli
from verify.commands.schema import load_schema
from verify.rules.loader import FILE_KEYS, RULE_KEYS

RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))
DEV_FACTS = sorted((DEV / "facts").glob("*.yaml")) if DEV.is_dir() else []


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(name))


def _iso(value: Any) -> Any:
    """Fact files as the schema sees them: YAML dates become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _errors(name: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(name).iter_errors(data)]


@pytest.mark.parametrize("name", ["rules", "facts", "report"])
def test_prints_the_shipped_schema(name: str) -> None:
    run = run_cli(["schema", name])
    assert run.code == 0, run.stderr
    printed = json.loads(run.stdout)
    assert printed == load_schema(name)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(printed)


def test_unknown_schema_is_a_usage_error() -> None:
    run = run_cli(["schema", "other"])
    assert run.code == 2 and "Traceback" not in run.stderr
    assert "'facts', 'report', 'rules'" in run.stderr


def test_printed_report_schema_is_the_shipped_file() -> None:
    run = run_cli(["schema", "report"])
    assert run.code == 0, run.stderr
    assert run.stdout == (ROOT / "verify" / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert {"$schema", "properties"} <= set(json.loads(run.stdout))


@pytest.mark.parametrize("doc", ["seed-soleimani.fr.txt", "draft-wrong-title.fr.md"])
def test_a_real_json_report_validates_against_the_printed_schema(doc: str, tmp_path: Path) -> None:
    """``verify check --format json`` on the seeds, checked with what ``verify schema report`` prints."""
    schema = json.loads(run_cli(["schema", "report"]).stdout)
    target = tmp_path / "report.json"
    run = run_cli(["check", str(SEEDS / doc), "--facts", str(SEEDS / "soleimani.yaml"), "--date", "2020-01-04",
                   "--no-config", "--format", f"json:{target}"])
    assert run.code in (0, 1), run.stderr  # the draft has a contradicted claim: exit 1
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["documents"] and report["documents"][0]["claims"], "the seed report has no claim to validate"
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema).iter_errors(report)]
    assert not errors, errors


def test_report_schema_rejects_an_unknown_key() -> None:
    """The published report schema is closed: a report with a key it does not list does not validate."""
    bad = {"schema": "verify-report/1", "documents": [], "summary": {"supported": 0, "contradicted": 0,
                                                                     "unverifiable": 0}, "extra": 1}
    assert any("'extra' was unexpected" in e for e in _errors("report", bad))
    assert not _errors("report", {k: v for k, v in bad.items() if k != "extra"})


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.name for p in RULE_FILES])
def test_builtin_rule_files_validate(path: Path) -> None:
    assert not _errors("rules", yaml.safe_load(path.read_text(encoding="utf-8")))


@needs_dev_set()
@pytest.mark.parametrize("path", DEV_FACTS, ids=[p.name for p in DEV_FACTS])
def test_dev_fact_files_validate(path: Path) -> None:
    assert not _errors("facts", _iso(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_dev_fact_files_exist() -> None:
    assert len(DEV_FACTS) == 4 or not DEV.is_dir()


def test_rule_schema_mirrors_the_loader() -> None:
    schema = load_schema("rules")
    assert set(schema["properties"]) == FILE_KEYS
    assert set(schema["$defs"]["rule"]["properties"]) == RULE_KEYS
    assert schema["additionalProperties"] is False and schema["$defs"]["rule"]["additionalProperties"] is False


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield f"{where}/{key}", value
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


def test_every_rule_schema_property_is_described() -> None:
    schema = load_schema("rules")
    undescribed = [w for w, prop in _properties(schema) if "description" not in prop]
    undescribed += [f"$defs/{k}" for k, v in schema["$defs"].items() if "description" not in v]
    assert not undescribed


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({"rules": [{"id": "r", "checker": "date", "pattern": ["x"]}]}, "'pattern' was unexpected"),
        ({"rules": [{"id": "R", "checker": "date", "patterns": ["x"]}]}, "does not match"),
        ({"rules": [{"id": "r", "checker": "date", "patterns": []}]}, "should be non-empty"),
        ({"rules": [{"id": "r", "checker": "date", "patterns": [{"attrs": {}}]}]}, "is not valid under any"),
        ({"rules": [{"id": "r", "checker": "date", "patterns": ["x"], "severity": "fatal"}]}, "is not one of"),
        ({"rules": [{"id": "r", "checker": "informed", "patterns": ["x"], "attrs": {"allows": ["soon"]}}]},
         "is not one of"),
        ({"macros": {"lower": "x"}}, "does not match"),
        ({"hedges": "si"}, "is not valid under any"),
        ({"rule": []}, "'rule' was unexpected"),
    ],
    ids=["unknown-key", "bad-id", "no-patterns", "pattern-without-text", "severity", "allows", "macro-name",
         "word-list", "unknown-file-key"],
)
def test_rule_schema_rejects(data: dict[str, Any], complaint: str) -> None:
    errors = _errors("rules", data)
    assert any(complaint in e for e in errors), errors


def test_rule_schema_accepts_the_readme_rule() -> None:
    rule = {"id": "informed-only-after-en", "checker": "informed", "languages": ["en"], "triggers": ["told"],
            "patterns": [{"pattern": "{START}{who:subject} was only told afterwards", "attrs": {"allows": ["after"]}}],
            "examples": {"match": ["Lawmakers were only told afterwards.",
                                   {"text": "X was only told afterwards.", "slots": {"who": "X"}, "lang": "en"}],
                         "no_match": ["Were lawmakers only told afterwards?"]}}
    assert not _errors("rules", {"rules": [rule], "event_kinds": {"meeting": {"fr": ["réunion"], "en": ["met"]}}})
