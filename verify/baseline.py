"""Baselines: adopt ``verify`` on a pile of existing drafts and fail only on what is new.

A baseline file lists fingerprints of the claims a run reported. ``verify
check --baseline FILE`` then leaves those claims out and reports only the
others. A fingerprint must survive edits elsewhere in the document, so it
holds no line number or offset: it is the sha256 of the document path
(relative to the baseline file's folder, so the repository can move), the
rule, the checker, the verdict, the claim text with whitespace and case
folded, and the occurrence index of that (rule, text) pair in the document
(so a second identical claim added later is new). A claim whose verdict
changes (facts were corrected) is new as well.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.errors import InputError
from verify.model import DocumentReport, Result
from verify.outputs import write_atomic

SCHEMA = "verify-baseline/1"


def fold_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def relative_path(doc_path: str, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(doc_path), os.path.abspath(root))).as_posix()


def fingerprint(path: str, rule: str, checker: str, verdict: str, text: str, index: int) -> str:
    fields = (path, rule, checker, verdict, fold_text(text), str(index))
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def fingerprints(doc_report: DocumentReport, root: Path) -> dict[int, str]:
    """``id(result) -> fingerprint`` for every claim of one document, before anything is filtered out.

    The occurrence index counts over the unfiltered results, so suppressing a
    claim later does not renumber the ones after it.
    """
    path = relative_path(doc_report.document.path, root)
    seen: Counter[tuple[str, str]] = Counter()
    out: dict[int, str] = {}
    ordered = sorted(doc_report.results, key=lambda r: (r.claim.start, r.claim.end, r.claim.rule))
    for r in ordered:
        key = (r.claim.rule, fold_text(r.claim.text))
        out[id(r)] = fingerprint(path, r.claim.rule, r.claim.checker, r.verdict, r.claim.text, seen[key])
        seen[key] += 1
    return out


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    verdict: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "path": self.path, "rule": self.rule, "verdict": self.verdict,
                "text": " ".join(self.text.split())}


@dataclass(frozen=True)
class Baseline:
    path: Path
    known: frozenset[str]

    @property
    def root(self) -> Path:
        return self.path.parent

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such baseline file (make one with 'verify baseline create')", str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the baseline: {exc}", str(path)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", str(path), exc.lineno, exc.colno) from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("claims"), list):
            raise InputError(f"not a verify baseline (expected {{\"schema\": \"{SCHEMA}\", \"claims\": [...]}})",
                             str(path))
        known = set()
        for item in data["claims"]:
            if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
                raise InputError("every baseline claim needs a 'fingerprint' string", str(path))
            known.add(item["fingerprint"])
        return cls(path, frozenset(known))

    def new_results(self, doc_report: DocumentReport, results: Iterable[Result]) -> tuple[Result, ...]:
        """The ``results`` (a filtered subset of ``doc_report``'s) whose fingerprint is not in the baseline."""
        fps = fingerprints(doc_report, self.root)
        return tuple(r for r in results if fps[id(r)] not in self.known)


def entries(doc_report: DocumentReport, results: Iterable[Result], root: Path) -> list[Entry]:
    fps = fingerprints(doc_report, root)
    path = relative_path(doc_report.document.path, root)
    return [Entry(fps[id(r)], path, r.claim.rule, r.verdict, r.claim.text) for r in results]


def write(path: Path, items: Iterable[Entry]) -> int:
    """Write the baseline sorted and without timestamps, so it diffs cleanly under version control."""
    unique = {e.fingerprint: e for e in items}
    rows = sorted(unique.values(), key=lambda e: (e.path, e.rule, e.text, e.verdict, e.fingerprint))
    data: dict[str, Any] = {"schema": SCHEMA, "claims": [e.to_json() for e in rows]}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(rows)
