"""The Markdown report: for pull-request comments, job summaries and wikis.

Writers read verdicts where they review text, and that is usually a rendered
Markdown surface (a PR comment, ``$GITHUB_STEP_SUMMARY``, an issue). So the
report is GitHub-flavoured Markdown tables: one summary table, then per document
one row per claim. Cell text comes from documents and fact files, so it is
escaped: ``|`` would split a cell, a newline would end the row, and ``*``,
``_``, ``<`` and friends would turn a quoted claim into markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import VERDICTS, DocumentReport, Report, Result

EMOJI = {"supported": "✅", "contradicted": "❌", "unverifiable": "⚠️"}

# Backslash escapes work for any ASCII punctuation in CommonMark; these are the
# characters that would otherwise start markup inside a table cell.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def cell(text: str) -> str:
    """One table cell: markup escaped, ``|`` escaped, newlines as ``<br>``."""
    escaped = _MARKUP.sub(r"\\\1", text)
    return _NEWLINES.sub("<br>", escaped).strip() or " "


def verdict_cell(verdict: str) -> str:
    return f"{EMOJI.get(verdict, '')} {verdict}".strip()


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def summary_table(report: Report) -> list[str]:
    head = ["Document", *(verdict_cell(v) for v in VERDICTS), "Claims"]
    lines = [row(head), row(["---"] + ["---:"] * (len(head) - 1))]
    for d in report.documents:
        counts = {v: sum(1 for r in d.results if r.verdict == v) for v in VERDICTS}
        lines.append(row([cell(d.document.path), *(str(counts[v]) for v in VERDICTS), str(len(d.results))]))
    total = report.summary()
    lines.append(row(["**Total**", *(f"**{total[v]}**" for v in VERDICTS), f"**{sum(total.values())}**"]))
    return lines


def evidence_cell(result: Result) -> str:
    items = []
    for e in result.evidence:
        text = cell(e.fact)
        if e.source:
            text += f" (source: {cell(e.source)})"
        if e.score is not None:
            text += f" [match {e.score:.0f}%]"
        items.append(text)
    if result.error:
        items.append(f"**error:** {cell(result.error)}")
    return "<br>".join(items) or " "


def claims_table(d: DocumentReport) -> list[str]:
    doc = d.document
    lines = [row(["Line:Col", "Verdict", "Checker", "Claim", "Message", "Evidence"]),
             row(["---:", "---", "---", "---", "---", "---"])]
    for r in d.results:
        line, col = doc.line_col(r.claim.start)
        checker = f"{cell(r.claim.checker)}<br>{cell(r.claim.rule)}"
        lines.append(row([f"{line}:{col}", verdict_cell(r.verdict), checker, cell(r.claim.text),
                          cell(r.message), evidence_cell(r)]))
    return lines


class MarkdownReporter:
    format = "markdown"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        lines = ["# verify report", "", *summary_table(report)]
        for d in report.documents:
            doc = d.document
            about = f"Language {cell(doc.language)}, date {doc.date.isoformat()}, {len(d.results)} claims."
            lines += ["", f"## {cell(doc.path)}", "", about, ""]
            lines += claims_table(d) if d.results else ["_No checkable claims found._"]
        if report.errors:
            lines += ["", f"**{report.errors} claims could not be checked because a plugin failed.**"]
        return "\n".join(lines) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [MarkdownReporter()]
