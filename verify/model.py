"""The plain data that flows down the pipeline: documents, claims, verdicts.

Every stage is a function over these frozen dataclasses, so a stage can be
tested alone and nothing reaches back upstream (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["supported", "contradicted", "unverifiable"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "unverifiable")


@dataclass(frozen=True, order=True)
class Interval:
    """A closed interval of days; a claimed or recorded date at its own granularity."""

    start: dt.date
    end: dt.date

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: offsets into the document's text, end exclusive."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A decoded document. ``text`` is the whole file; offsets index it."""

    path: str
    text: str
    language: str
    date: dt.date
    sentences: tuple[Sentence, ...]
    body_start: int = 0  # where the text after any front matter begins
    meta: Mapping[str, object] = field(default_factory=dict)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col


@dataclass(frozen=True)
class Slot:
    """A typed piece of a claim as the rule found it: raw text and its span."""

    name: str
    type: str  # person, persons, organization, place, date, event, role, number, text
    text: str
    start: int
    end: int
    value: object = None  # a DateMention for dates, a NumberMention for numbers


@dataclass(frozen=True)
class Claim:
    """A checkable claim found by a rule, before any fact is looked at."""

    rule: str
    checker: str
    start: int
    end: int
    text: str
    sentence: Sentence
    slots: tuple[Slot, ...] = ()
    attrs: Mapping[str, object] = field(default_factory=dict)
    severity: str = "error"
    message: str | None = None  # the rule's message template, if any
    priority: int = 0  # overlapping claims of one checker: the higher priority wins

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    def slots_named(self, name: str) -> list[Slot]:
        return [s for s in self.slots if s.name == name]


@dataclass(frozen=True)
class Evidence:
    """A fact a verdict rests on, and the source that records it."""

    fact: str  # dotted path into the fact base, e.g. events.k1-attack.date
    source: str | None = None
    score: float | None = None  # name-match score when a name was matched fuzzily
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"fact": self.fact, "source": self.source}
        if self.score is not None:
            out["score"] = round(self.score, 1)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Result:
    """A checker's verdict on one claim."""

    claim: Claim
    verdict: Verdict
    message: str
    evidence: tuple[Evidence, ...] = ()
    error: str | None = None  # set when a plugin failed on this claim


@dataclass(frozen=True)
class DocumentReport:
    document: Document
    results: tuple[Result, ...]


@dataclass(frozen=True)
class Report:
    """The one neutral result model every reporter renders."""

    documents: tuple[DocumentReport, ...]

    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in VERDICTS}
        for doc in self.documents:
            for r in doc.results:
                counts[r.verdict] += 1
        return counts

    @property
    def errors(self) -> int:
        return sum(1 for d in self.documents for r in d.results if r.error)
