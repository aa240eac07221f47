"""The SARIF 2.1.0 report: contradicted claims as code-scanning alerts.

SARIF is what GitHub code scanning, Azure DevOps and most IDE "problems"
panels ingest, so a contradicted claim shows up on the line of the draft that
makes it, next to a linter's findings. Only claims a writer has to act on are
results by default (contradicted as ``error``, unverifiable as ``note``);
``options["sarif_all"]`` adds supported claims as ``level: none, kind: pass``.

Offsets in the neutral model are Python ``str`` indices, i.e. Unicode code
points, so the run declares ``columnKind: unicodeCodePoints`` and columns and
``charOffset``/``charLength`` need no UTF-16 conversion.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import quote

from verify.hookspecs import hookimpl
from verify.model import Document, Report, Result

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "SRCROOT"
LEVELS = {"contradicted": "error", "unverifiable": "note", "supported": "none"}
# SARIF §3.27.9: a result whose kind is not "fail" must have level "none"; a supported claim is a "pass".
KINDS = {"contradicted": "fail", "unverifiable": "fail", "supported": "pass"}


def tool_version() -> str:
    try:
        return version("verify-claims")
    except PackageNotFoundError:
        return "0"


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """A relative URI under ``SRCROOT`` when the document lies under ``root``, else a file: URI."""
    p = Path(path)
    absolute = p if p.is_absolute() else (Path.cwd() / p)
    try:
        relative = Path(os.path.normpath(absolute)).relative_to(root)
    except ValueError:
        return {"uri": Path(os.path.normpath(absolute)).as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def region(doc: Document, start: int, end: int) -> dict[str, int]:
    start_line, start_col = doc.line_col(start)
    end_line, end_col = doc.line_col(end)  # end is exclusive, and so is SARIF's endColumn
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col,
            "charOffset": start, "charLength": end - start}


def fingerprint(result: Result) -> str:
    """Stable across edits elsewhere in the file, so code scanning tracks one alert per claim."""
    key = "\0".join((result.claim.rule, " ".join(result.claim.text.split()), result.verdict))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def sarif_result(doc: Document, result: Result, rule_index: int, root: Path) -> dict[str, Any]:
    c = result.claim
    props: dict[str, Any] = {
        "verdict": result.verdict,
        "checker": c.checker,
        "claim": c.text,
        "evidence": [e.to_json() for e in result.evidence],
    }
    if result.error:
        props["error"] = result.error
    return {
        "ruleId": c.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[result.verdict],
        "kind": KINDS[result.verdict],
        "message": {"text": result.message or result.verdict},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(doc.path, root),
            "region": region(doc, c.start, c.end),
        }}],
        "partialFingerprints": {"verifyClaim/v1": fingerprint(result)},
        "properties": props,
    }


def report_sarif(report: Report, options: Mapping[str, Any]) -> dict[str, Any]:
    root = Path(options.get("root") or Path.cwd()).resolve()
    include_supported = bool(options.get("sarif_all"))
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results = []
    notifications = []
    for d in report.documents:
        for r in d.results:
            if r.verdict == "supported" and not include_supported:
                continue
            c = r.claim
            if c.rule not in rule_index:
                rule_index[c.rule] = len(rules)
                rules.append({
                    "id": c.rule,
                    "name": c.rule,
                    "shortDescription": {"text": f"Claims found by rule {c.rule}, checked by the "
                                                 f"{c.checker} checker against the reference facts"},
                    "properties": {"checker": c.checker},
                })
            results.append(sarif_result(d.document, r, rule_index[c.rule], root))
            if r.error:
                notifications.append({"level": "warning", "message": {"text": r.error}})
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "verify", "version": tool_version(), "rules": rules}},
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"summary": report.summary()},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifReporter:
    format = "sarif"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        return json.dumps(report_sarif(report, options), ensure_ascii=False, indent=2) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [SarifReporter()]
