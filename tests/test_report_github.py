"""The GitHub Actions reporter: exact workflow-command lines, escaped by the runner's rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from verify_plugins.github_report import GithubReporter, escape_data, escape_property

from verify.engine import check
from verify.model import Claim, Document, DocumentReport, Report, Result, Sentence
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "github" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.github_report"])
    assert "github" in {r.format for r in collect(pm, "verify_reporters")}


@needs_dev
def test_exact_line_for_a_contradicted_claim() -> None:
    report = check([DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))
    lines = GithubReporter().render(report, {"root": str(DEV)}).splitlines()
    assert ("::error file=docs/draft-soleimani.fr.txt,line=3,col=120,endLine=3,endColumn=131,"
            "title=verify date::rocket attack on K-1 Air Base took place 2019-12-27, "
            "not 2019-12-29 ('29 décembre')") in lines
    summary = report.summary()
    assert sum(line.startswith("::error ") for line in lines) == summary["contradicted"]
    assert sum(line.startswith("::notice ") for line in lines) == summary["unverifiable"]
    assert lines[-1] == "verify: 14 supported, 6 contradicted, 3 unverifiable"


def test_escaping_of_messages_and_properties(tmp_path: Path) -> None:
    text = "Line one.\nIt killed 50%, in Kirkuk: really."
    start = text.index("killed")
    path = tmp_path / "dir,x" / "a:b.txt"
    doc = Document(str(path), text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))
    claim = Claim("count-x", "count", start, start + 6, "killed", doc.sentences[0])
    results = (
        Result(claim, "contradicted", "100% sure, a: b\r\nnext"),
        Result(claim, "unverifiable", "maybe"),
        Result(claim, "supported", "fine"),
    )
    out = GithubReporter().render(Report((DocumentReport(doc, results),)), {"root": str(tmp_path)})
    lines = out.splitlines()
    assert lines == [
        "::error file=dir%2Cx/a%3Ab.txt,line=2,col=4,endLine=2,endColumn=10,title=verify count"
        "::100%25 sure, a: b%0D%0Anext",
        "::notice file=dir%2Cx/a%3Ab.txt,line=2,col=4,endLine=2,endColumn=10,title=verify count::maybe",
        "verify: 1 supported, 1 contradicted, 1 unverifiable",
    ]


def test_escape_functions() -> None:
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_plugin_error_is_a_warning() -> None:
    text = "Something."
    doc = Document("d.txt", text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))
    claim = Claim("r", "date", 0, 9, "Something", doc.sentences[0])
    out = GithubReporter().render(Report((DocumentReport(doc, (Result(claim, "unverifiable", "failed",
                                                                      error="boom"),)),)), {})
    assert out.splitlines()[0] == ("::warning file=d.txt,line=1,col=1,endLine=1,endColumn=10,"
                                   "title=verify date plugin error::failed%0Aboom")
