"""The Markdown reporter: tables with one row per claim, and cells that cannot break the table."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from verify_plugins.markdown_report import MarkdownReporter, cell

from verify.engine import check
from verify.model import Claim, Document, DocumentReport, Evidence, Report, Result, Sentence
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def make_report(text: str, claims: list[tuple[int, int, str, str]], path: str = "draft.txt") -> Report:
    doc = Document(path, text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))
    results = tuple(
        Result(Claim("rule-x", "date", s, e, text[s:e], doc.sentences[0]), verdict, message,
               (Evidence("events.x.date", "src|1"),))
        for s, e, verdict, message in claims)
    return Report((DocumentReport(doc, results),))


def cells(row: str) -> list[str]:
    return [c.strip() for c in UNESCAPED_PIPE.split(row)[1:-1]]


def tables(text: str) -> list[list[str]]:
    """Each run of consecutive table lines."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


@pytest.fixture(scope="module")
def draft_report() -> Report:
    return check([DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "markdown" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.markdown_report"])
    assert "markdown" in {r.format for r in collect(pm, "verify_reporters")}


@needs_dev
def test_one_row_per_claim_and_a_summary(draft_report: Report) -> None:
    out = MarkdownReporter().render(draft_report, {})
    summary, claims = tables(out)
    assert len(summary) == 2 + 1 + 1  # header, separator, one document, total
    total = draft_report.summary()
    expected = ["**Total**", *(f"**{total[v]}**" for v in total), f"**{sum(total.values())}**"]
    assert cells(summary[-1]) == expected
    assert len(claims) - 2 == len(draft_report.documents[0].results) == 23
    assert all(len(cells(row)) == 6 for row in claims)
    contradicted = [row for row in claims if "❌ contradicted" in row]
    assert len(contradicted) == total["contradicted"] == 6
    date_row = next(row for row in contradicted if "29 décembre" in row)
    assert cells(date_row)[:3] == ["3:120", "❌ contradicted", "date<br>event-date-fr"]
    assert "events.k1-attack.date (source: bloomberg-2020-01-04)" in cells(date_row)[5]


def test_pipes_newlines_and_markup_are_escaped() -> None:
    text = "They said a | b\nc <script>x</script> *bold* here."
    report = make_report(text, [(0, len(text) - 1, "contradicted", "x|y\nz")])
    out = MarkdownReporter().render(report, {})
    rows = tables(out)[1][2:]
    assert len(rows) == 1
    claim_cells = cells(rows[0])
    assert len(claim_cells) == 6
    assert claim_cells[3] == r"They said a \| b<br>c \<script\>x\</script\> \*bold\* here"
    assert claim_cells[4] == r"x\|y<br>z"
    assert claim_cells[5] == r"events.x.date (source: src\|1)"
    assert "<script>" not in out


def test_cell_never_empty_and_crlf() -> None:
    assert cell("") == " "
    assert cell("a\r\nb\rc") == "a<br>b<br>c"


def test_document_without_claims() -> None:
    out = MarkdownReporter().render(make_report("Nothing to see.", []), {})
    assert "_No checkable claims found._" in out
    assert len(tables(out)) == 1
