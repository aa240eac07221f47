"""The human report: grouped by document, one block per claim, verdict colours on a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from verify.hookspecs import hookimpl
from verify.model import Report

COLOURS = {"supported": "green", "contradicted": "red", "unverifiable": "yellow"}
MARKS = {"supported": "✔", "contradicted": "✘", "unverifiable": "?"}


class TextReporter:
    format = "text"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        color = bool(options.get("color"))
        lines: list[str] = []
        for d in report.documents:
            doc = d.document
            lines.append(click.style(f"{doc.path}", bold=True, fg=None) if color else doc.path)
            lines.append(f"  language {doc.language}, date {doc.date.isoformat()}, {len(d.results)} claims")
            for r in d.results:
                line, col = doc.line_col(r.claim.start)
                verdict = f"{MARKS[r.verdict]} {r.verdict}"
                if color:
                    verdict = click.style(verdict, fg=COLOURS[r.verdict], bold=r.verdict == "contradicted")
                snippet = " ".join(r.claim.text.split())
                if len(snippet) > 100:
                    snippet = snippet[:97] + "..."
                lines.append(f"  {line}:{col} {verdict} [{r.claim.checker}/{r.claim.rule}] {snippet}")
                lines.append(f"      {r.message}")
                for e in r.evidence:
                    src = f" (source: {e.source})" if e.source else ""
                    score = f" [match {e.score:.0f}%]" if e.score is not None else ""
                    note = f"; {e.note}" if e.note else ""
                    lines.append(f"      evidence: {e.fact}{src}{score}{note}")
                if r.error:
                    lines.append("      " + (click.style("error: ", fg="red") if color else "error: ") + r.error)
            lines.append("")
        s = report.summary()
        total = f"{s['supported']} supported, {s['contradicted']} contradicted, {s['unverifiable']} unverifiable"
        if report.errors:
            total += f", {report.errors} plugin errors"
        lines.append(total)
        return "\n".join(lines) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [TextReporter()]
