"""JSON Lines: one JSON object per document, written as each document is checked.

For archive runs: memory stays flat because nothing waits for the whole run.
Each line is the document object of the JSON report (CONTRACT §3) plus its
own ``summary``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from verify_plugins.json_report import SCHEMA, claim_json

from verify.hookspecs import hookimpl
from verify.model import DocumentReport, Report


def document_json(d: DocumentReport) -> dict[str, Any]:
    doc = d.document
    counts = {"supported": 0, "contradicted": 0, "unverifiable": 0}
    for r in d.results:
        counts[r.verdict] += 1
    return {
        "schema": SCHEMA,
        "path": doc.path,
        "language": doc.language,
        "date": doc.date.isoformat(),
        "claims": [claim_json(r, doc.line_col(r.claim.start)) for r in d.results],
        "summary": counts,
    }


class JsonLinesReporter:
    format = "jsonl"
    streaming = True

    def render_document(self, doc_report: DocumentReport, options: Mapping[str, Any]) -> str:
        return json.dumps(document_json(doc_report), ensure_ascii=False, sort_keys=False) + "\n"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        return "".join(self.render_document(d, options) for d in report.documents)


@hookimpl
def verify_reporters() -> list[object]:
    return [JsonLinesReporter()]
