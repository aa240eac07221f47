"""The JUnit XML report: claims as test cases, for CI systems that chart tests.

Jenkins, GitLab, Azure Pipelines and most CI dashboards read JUnit XML and
nothing else, so a document becomes a ``<testsuite>`` and each claim a
``<testcase>``: a contradicted claim is a ``<failure>``, an unverifiable one is
``<skipped>`` (the check could not be run, which is not a pass), a supported
one passes. A claim a plugin failed on is an ``<error>`` rather than skipped,
so ``failures`` equals the contradicted count and ``skipped + errors`` the
unverifiable count.

Document text can hold characters XML 1.0 forbids (form feeds, NULs); they are
dropped, because one of them would make the whole file unreadable to the CI.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import DocumentReport, Report, Result

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def case_name(d: DocumentReport, r: Result) -> str:
    line, col = d.document.line_col(r.claim.start)
    return xml_text(f"{line}:{col} {r.claim.rule}: {' '.join(r.claim.text.split())}")


def details(d: DocumentReport, r: Result) -> str:
    line, col = d.document.line_col(r.claim.start)
    lines = [r.message, f"claim: {' '.join(r.claim.text.split())}", f"at: {d.document.path}:{line}:{col}"]
    for e in r.evidence:
        lines.append(f"evidence: {e.fact}" + (f" (source: {e.source})" if e.source else ""))
    if r.error:
        lines.append(f"error: {r.error}")
    return xml_text("\n".join(lines))


def testsuite(d: DocumentReport) -> ET.Element:
    doc = d.document
    suite = ET.Element("testsuite", name=xml_text(doc.path), timestamp=doc.date.isoformat())
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="language", value=doc.language)
    ET.SubElement(props, "property", name="date", value=doc.date.isoformat())
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in d.results:
        line, _ = doc.line_col(r.claim.start)
        case = ET.SubElement(suite, "testcase", classname=xml_text(r.claim.checker), name=case_name(d, r),
                             file=xml_text(doc.path), line=str(line), time="0")
        counts["tests"] += 1
        message = xml_text(r.message)
        if r.error:
            counts["errors"] += 1
            ET.SubElement(case, "error", message=message, type="plugin-error").text = details(d, r)
        elif r.verdict == "contradicted":
            counts["failures"] += 1
            ET.SubElement(case, "failure", message=message, type="contradicted").text = details(d, r)
        elif r.verdict == "unverifiable":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=message).text = details(d, r)
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", "0")
    return suite


def report_junit(report: Report) -> ET.Element:
    root = ET.Element("testsuites", name="verify")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for d in report.documents:
        suite = testsuite(d)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


class JunitReporter:
    format = "junit"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        root = report_junit(report)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [JunitReporter()]
