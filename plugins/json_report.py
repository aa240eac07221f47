"""The JSON report, exactly as CONTRACT §3 (schema ``verify-report/1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import Report, Result
from verify.suppress import document_extras

SCHEMA = "verify-report/1"


def claim_json(result: Result, line_col: tuple[int, int]) -> dict[str, Any]:
    c = result.claim
    out: dict[str, Any] = {
        "rule": c.rule,
        "checker": c.checker,
        "verdict": result.verdict,
        "span": {"start": c.start, "end": c.end, "line": line_col[0], "column": line_col[1]},
        "text": c.text,
        "message": result.message,
        "evidence": [e.to_json() for e in result.evidence],
        "severity": c.severity,
    }
    if result.error:
        out["error"] = result.error
    return out


def report_json(report: Report) -> dict[str, Any]:
    docs = []
    for d in report.documents:
        doc = d.document
        docs.append({
            "path": doc.path,
            "language": doc.language,
            "date": doc.date.isoformat(),
            "claims": [claim_json(r, doc.line_col(r.claim.start)) for r in d.results],
            **document_extras(d),
        })
    out: dict[str, Any] = {"schema": SCHEMA, "documents": docs, "summary": report.summary()}
    if report.errors:
        out["errors"] = report.errors
    return out


class JsonReporter:
    format = "json"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [JsonReporter()]
