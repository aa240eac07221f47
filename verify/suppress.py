"""Suppressions: a writer's reasoned "this claim is fine, stop flagging it".

Two sources, both requiring a reason so a suppression is a decision someone
can review, not a mute button:

- inline, in the draft: ``<!-- verify: ignore RULE -- reason -->`` drops the
  first claim of RULE that starts after the comment;
  ``<!-- verify: ignore-start RULE -- reason -->`` ... ``<!-- verify:
  ignore-end RULE -->`` drops every claim of RULE starting in between. RULE
  may be ``*``. HTML comments are blanked before rules run, so the comment
  itself never becomes a claim; it is read here from ``Document.text``.
- a side file (``.verify-ignore.yaml``) for drafts that must stay clean:
  a list of ``{path: GLOB, rule: ID, text: SUBSTRING, reason: ...}``.

This is a post-processing step over ``DocumentReport``s (the engine stays
unaware of it): suppressed claims leave the report, their number is kept in
``FilteredDocumentReport.suppressed`` and every suppression is listed with
whether it was used, so stale ones can be cleaned up.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify import yamlio
from verify.errors import InputError
from verify.model import Document, DocumentReport, Result

VERBS = ("ignore", "ignore-start", "ignore-end")
SIDE_KEYS = ("path", "rule", "text", "reason")
_COMMENT = re.compile(r"<!--\s*verify\s*:(?P<body>.*?)-->", re.DOTALL)
_BODY = re.compile(r"\s*(?P<verb>\S+)(?:\s+(?P<rule>(?!--(?:\s|$))\S+))?(?:\s+--(?:\s+(?P<reason>.*?))?)?\s*$",
                   re.DOTALL)


@dataclass(frozen=True)
class Suppression:
    """One suppression and how many claims it removed in one document."""

    rule: str
    reason: str
    line: int
    kind: str  # "next", "block" or "file"
    file: str  # the draft for inline ones, the side file otherwise
    used: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "rule": self.rule, "reason": self.reason, "used": self.used > 0,
                               "kind": self.kind}
        if self.kind == "file":
            out["file"] = self.file
        return out


@dataclass(frozen=True)
class FilteredDocumentReport(DocumentReport):
    """A ``DocumentReport`` after suppressions and the baseline: what was left out, and why."""

    suppressed: int = 0
    suppressions: tuple[Suppression, ...] = ()
    baselined: int = 0


def document_extras(doc_report: DocumentReport) -> dict[str, Any]:
    """Extra keys for a document of the JSON report (empty unless something was left out)."""
    if not isinstance(doc_report, FilteredDocumentReport):
        return {}
    out: dict[str, Any] = {}
    if doc_report.suppressions or doc_report.suppressed:
        out["suppressed"] = doc_report.suppressed
        out["suppressions"] = [s.to_json() for s in doc_report.suppressions]
    if doc_report.baselined:
        out["baselined"] = doc_report.baselined
    return out


# -- inline directives ----------------------------------------------------------------


@dataclass(frozen=True)
class Directive:
    """An inline suppression: claims of ``rule`` starting in [start, end) are dropped (``next``: only the first)."""

    rule: str
    reason: str
    line: int
    kind: str  # "next" or "block"
    start: int
    end: int


def parse_directives(doc: Document) -> list[Directive]:
    """The ``<!-- verify: ... -->`` comments of a document; a malformed one is an input error at file:line:col."""
    out: list[Directive] = []
    open_blocks: dict[str, tuple[int, str, int, int]] = {}  # rule -> (start offset, reason, line, col)
    for m in _COMMENT.finditer(doc.text, doc.body_start):
        line, col = doc.line_col(m.start())

        def error(message: str, line: int = line, col: int = col) -> InputError:
            return InputError(message, doc.path, line, col)

        body = _BODY.match(m.group("body"))
        verb = body.group("verb") if body else m.group("body").strip()
        if body is None or verb not in VERBS:
            hint = difflib.get_close_matches(verb.split()[0] if verb.split() else "", VERBS, n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise error(f"malformed verify comment {m.group(0)!r}{extra}; expected "
                        "'<!-- verify: ignore RULE -- reason -->'")
        rule, reason = body.group("rule"), (body.group("reason") or "").strip()
        if not rule:
            raise error(f"'verify: {verb}' needs a rule id (or *)")
        if verb != "ignore-end" and not reason:
            raise error(f"suppression of {rule!r} needs a reason: <!-- verify: {verb} {rule} -- why -->")
        if verb == "ignore":
            out.append(Directive(rule, reason, line, "next", m.end(), len(doc.text)))
        elif verb == "ignore-start":
            if rule in open_blocks:
                raise error(f"ignore-start {rule} is already open (since line {open_blocks[rule][2]})")
            open_blocks[rule] = (m.end(), reason, line, col)
        else:
            if rule not in open_blocks:
                raise error(f"ignore-end {rule} without an ignore-start {rule} before it")
            start, why, start_line, _ = open_blocks.pop(rule)
            out.append(Directive(rule, why, start_line, "block", start, m.start()))
    if open_blocks:
        rule, (_, _, line, col) = next(iter(open_blocks.items()))
        raise InputError(f"ignore-start {rule} is never closed by <!-- verify: ignore-end {rule} -->",
                         doc.path, line, col)
    return sorted(out, key=lambda d: (d.line, d.start))


# -- side file ------------------------------------------------------------------------


@dataclass(frozen=True)
class SideEntry:
    path: str  # a glob relative to the side file's folder; without "/" it matches a file name anywhere
    rule: str
    reason: str
    line: int
    text: str | None = None

    def matches_path(self, doc_path: str, root: Path) -> bool:
        rel = Path(os.path.relpath(os.path.abspath(doc_path), os.path.abspath(root))).as_posix()
        target = rel if "/" in self.path else rel.rsplit("/", 1)[-1]
        return glob_regex(self.path).fullmatch(target) is not None


def glob_regex(pattern: str) -> re.Pattern[str]:
    """``*`` and ``?`` stay within a folder, ``**`` crosses folders (``drafts/**/*.md``)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


@dataclass
class SideFile:
    """The side file's entries, plus what the whole run did with each (for the unused warnings at the end)."""

    path: Path
    entries: tuple[SideEntry, ...]
    matched: set[int] = field(default_factory=set)  # entries whose glob matched a checked document
    used: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> SideFile:
        if not path.is_file():
            raise InputError("no such suppressions file", str(path))
        data = yamlio.load(path)
        if data is None:
            return cls(path, ())
        if not isinstance(data, list):
            raise InputError("a suppressions file is a list of {path:, rule:, text:, reason:}", str(path),
                             *yamlio.position(data))
        entries = []
        for i, raw in enumerate(data):
            where = yamlio.position(data, i)
            if not isinstance(raw, Mapping):
                raise InputError("a suppression is a mapping {path:, rule:, text:, reason:}", str(path), *where)
            for key in raw:
                if key not in SIDE_KEYS:
                    hint = difflib.get_close_matches(str(key), SIDE_KEYS, n=1)
                    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                    raise InputError(f"unknown suppression key {key!r}{extra}", str(path),
                                     *yamlio.position(raw, key))
            for key in ("rule", "reason"):
                if not isinstance(raw.get(key), str) or not raw[key].strip():
                    raise InputError(f"a suppression needs a {key!r} (a non-empty string)", str(path), *where)
            for key in ("path", "text"):
                if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
                    raise InputError(f"{key!r} must be a non-empty string", str(path),
                                     *yamlio.position(raw, key))
            entries.append(SideEntry(path=str(raw.get("path", "**")).strip(), rule=raw["rule"].strip(),
                                     reason=" ".join(raw["reason"].split()), line=where[0] or 1,
                                     text=raw.get("text")))
        return cls(path, tuple(entries))

    def unused(self) -> list[SideEntry]:
        """Entries that applied to some checked document and yet removed nothing."""
        return [e for i, e in enumerate(self.entries) if i in self.matched and i not in self.used]


# -- applying -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _rule_matches(pattern: str, result: Result) -> bool:
    return pattern == "*" or pattern == result.claim.rule


def apply(doc_report: DocumentReport, side: SideFile | None = None,
          directives: Sequence[Directive] | None = None) -> FilteredDocumentReport:
    """Drop the suppressed claims of one document and list every suppression that applies to it."""
    doc = doc_report.document
    if directives is None:
        directives = parse_directives(doc)
    ordered = sorted(doc_report.results, key=lambda r: (r.claim.start, r.claim.end, r.claim.rule))
    dropped: set[int] = set()
    listed: list[Suppression] = []
    for d in directives:
        hits = [r for r in ordered if d.start <= r.claim.start < d.end and _rule_matches(d.rule, r)]
        if d.kind == "next":
            hits = hits[:1]
        dropped.update(id(r) for r in hits)
        listed.append(Suppression(d.rule, d.reason, d.line, d.kind, doc.path, len(hits)))
    if side is not None:
        root = side.path.parent
        for i, e in enumerate(side.entries):
            if not e.matches_path(doc.path, root):
                continue
            side.matched.add(i)
            needle = _fold(e.text) if e.text else None
            hits = [r for r in ordered if _rule_matches(e.rule, r)
                    and (needle is None or needle in _fold(r.claim.text))]
            if hits:
                side.used.add(i)
            dropped.update(id(r) for r in hits)
            listed.append(Suppression(e.rule, e.reason, e.line, "file", str(side.path), len(hits)))
    kept = tuple(r for r in doc_report.results if id(r) not in dropped)
    return FilteredDocumentReport(doc, kept, suppressed=len(doc_report.results) - len(kept),
                                  suppressions=tuple(listed))


def unused_inline(report: FilteredDocumentReport, rule_filter: Iterable[str] | None,
                  known: Iterable[str]) -> list[str]:
    """Warning lines for inline suppressions that removed nothing.

    A suite runs a subset of the rules (``rule_filter``), so a suppression for
    a rule outside it is not stale, just not this suite's business: it is not
    reported. A rule id the run does not know at all gets a did-you-mean.
    """
    kept = set(rule_filter) if rule_filter is not None else None
    pool = sorted(known)
    lines = []
    for s in report.suppressions:
        if s.kind == "file" or s.used:
            continue
        if kept is not None and s.rule != "*" and s.rule not in kept:
            continue
        hint = unknown_rule_hint(s.rule, pool)
        lines.append(f"{s.file}:{s.line}: unused suppression of {s.rule!r} -- {s.reason}{hint}")
    return lines


def unknown_rule_hint(rule: str, pool: Sequence[str]) -> str:
    if rule == "*" or rule in pool:
        return ""
    hint = difflib.get_close_matches(rule, pool, n=1)
    return f" (no rule {rule!r}" + (f"; did you mean {hint[0]!r}?)" if hint else " is loaded)")
