"""The JUnit reporter: counts a CI dashboard can trust, and XML that always parses."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from verify_plugins.junit_report import JunitReporter

from verify.engine import check
from verify.model import Claim, Document, DocumentReport, Evidence, Report, Result, Sentence
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
SEED = DEV / "docs" / "seed-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")


def parse(report: Report) -> ET.Element:
    out = JunitReporter().render(report, {})
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(out.encode("utf-8"))


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "junit" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.junit_report"])
    assert "junit" in {r.format for r in collect(pm, "verify_reporters")}


@needs_dev
def test_counts_match_the_summary() -> None:
    report = check([SEED, DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))
    root = parse(report)
    summary = report.summary()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(SEED), str(DRAFT)]
    cases = root.findall("testsuite/testcase")
    assert len(cases) == sum(summary.values()) == int(root.get("tests"))
    failures = root.findall("testsuite/testcase/failure")
    skipped = root.findall("testsuite/testcase/skipped")
    assert len(failures) == summary["contradicted"] == int(root.get("failures", "-1"))
    assert len(skipped) == summary["unverifiable"] == int(root.get("skipped", "-1"))
    assert root.get("errors") == "0"
    for suite, d in zip(suites, report.documents, strict=True):
        assert int(suite.get("tests")) == len(suite.findall("testcase")) == len(d.results)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
    passing = [c for c in cases if len(c) == 0]
    assert len(passing) == summary["supported"]


@needs_dev
def test_a_contradicted_claim_is_a_failure() -> None:
    root = parse(check([DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6)))
    case = next(c for c in root.iter("testcase") if c.get("name") == "3:120 event-date-fr: 29 décembre")
    assert case.get("classname") == "date"
    assert case.get("line") == "3"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("rocket attack on K-1 Air Base took place 2019-12-27")
    assert "evidence: events.k1-attack.date (source: bloomberg-2020-01-04)" in (failure.text or "")


def test_forbidden_characters_and_plugin_errors() -> None:
    text = "Form\x0cfeed and NUL\x00 <b>&amp;</b> here."
    doc = Document("a&b.txt", text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))
    claim = Claim("rule-x", "count", 0, len(text), text, doc.sentences[0])
    results = (
        Result(claim, "contradicted", "not \x01 so <b>", (Evidence("events.x.counts", "s"),)),
        Result(claim, "unverifiable", "checker failed", error="boom"),
        Result(claim, "unverifiable", "unknown"),
    )
    root = parse(Report((DocumentReport(doc, results),)))
    suite = root.find("testsuite")
    assert suite is not None
    counts = [suite.get(k) for k in ("tests", "failures", "errors", "skipped")]
    assert counts == ["3", "1", "1", "1"]
    names = [c.get("name") for c in suite.iter("testcase")]
    assert names[0] == "1:1 rule-x: Form feed and NUL <b>&amp;</b> here."  # \x0c is whitespace, \x00 dropped
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("message") == "not  so <b>"
