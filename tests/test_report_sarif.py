"""The SARIF reporter: valid against the official 2.1.0 schema, with exact regions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from verify_plugins.sarif_report import SarifReporter

from verify.engine import check
from verify.model import Claim, Document, DocumentReport, Evidence, Report, Result, Sentence
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
SEED = DEV / "docs" / "seed-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
SCHEMA = Path("/work/shared/spec/sarif-schema-2.1.0.json")
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    if not SCHEMA.is_file():
        pytest.skip("the SARIF schema is not available")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def draft_report() -> Report:
    return check([DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))


def render(report: Report, **options: object) -> dict:
    return json.loads(SarifReporter().render(report, options))


def assert_valid(validator: jsonschema.Draft7Validator, sarif: dict) -> None:
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def make_report(text: str, path: str, spans: list[tuple[int, int, str]]) -> Report:
    doc = Document(path, text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))
    results = tuple(Result(Claim(f"rule-{v}", "place", s, e, text[s:e], doc.sentences[0]), v, f"{v} message",
                           (Evidence("events.x.place", "src"),)) for s, e, v in spans)
    return Report((DocumentReport(doc, results),))


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "sarif" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.sarif_report"])
    assert "sarif" in {r.format for r in collect(pm, "verify_reporters")}


@needs_dev
def test_draft_is_valid_sarif(validator: jsonschema.Draft7Validator, draft_report: Report) -> None:
    sarif = render(draft_report)
    assert_valid(validator, sarif)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "verify"
    summary = draft_report.summary()
    results = run["results"]
    assert len(results) == summary["contradicted"] + summary["unverifiable"]
    assert sum(r["level"] == "error" for r in results) == summary["contradicted"]
    assert sum(r["level"] == "note" for r in results) == summary["unverifiable"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules) == len({r["ruleId"] for r in results})
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert rules[r["ruleIndex"]]["shortDescription"]["text"]


@needs_dev
def test_region_of_a_known_claim(draft_report: Report) -> None:
    run = render(draft_report)["runs"][0]
    result = next(r for r in run["results"] if r["properties"]["claim"] == "29 décembre")
    assert result["level"] == "error"
    assert result["ruleId"] == "event-date-fr"
    assert result["message"]["text"].startswith("rocket attack on K-1 Air Base took place 2019-12-27")
    assert result["properties"]["verdict"] == "contradicted"
    assert result["properties"]["checker"] == "date"
    evidence = [{"fact": "events.k1-attack.date", "source": "bloomberg-2020-01-04"}]
    assert result["properties"]["evidence"] == evidence
    location = result["locations"][0]["physicalLocation"]
    region = location["region"]
    where = (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"])
    assert where == (3, 120, 3, 131)
    text = DRAFT.read_text(encoding="utf-8")
    assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == "29 décembre"
    assert location["artifactLocation"]["uri"] == DRAFT.as_uri()  # outside the working directory


@needs_dev
def test_sarif_all_adds_supported_as_passes(validator: jsonschema.Draft7Validator) -> None:
    report = check([SEED], facts=[FACTS], date=dt.date(2020, 1, 4))
    default = render(report)
    assert_valid(validator, default)
    assert all(r["level"] != "none" for r in default["runs"][0]["results"])
    everything = render(report, sarif_all=True)
    assert_valid(validator, everything)
    results = everything["runs"][0]["results"]
    assert len(results) == sum(report.summary().values())
    passes = [r for r in results if r["level"] == "none"]
    assert len(passes) == report.summary()["supported"] > 0
    assert all(r["kind"] == "pass" for r in passes)


def test_relative_uri_and_multiline_region(validator: jsonschema.Draft7Validator, tmp_path: Path) -> None:
    text = "First line.\nA claim that runs\nover two lines, in Kirkuk é."
    start, end = text.index("runs"), text.index("lines,") + len("lines")
    report = make_report(text, str(tmp_path / "sub dir" / "draft.txt"), [(start, end, "contradicted")])
    sarif = render(report, root=str(tmp_path))
    assert_valid(validator, sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "sub%20dir/draft.txt", "uriBaseId": "SRCROOT"}
    assert location["region"] == {"startLine": 2, "startColumn": 14, "endLine": 3, "endColumn": 15,
                                  "charOffset": start, "charLength": end - start}


def test_empty_report_is_valid(validator: jsonschema.Draft7Validator) -> None:
    sarif = render(Report(()))
    assert_valid(validator, sarif)
    assert sarif["runs"][0]["results"] == []
