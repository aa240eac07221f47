"""Compiled rules: what a rule file becomes once loaded and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex


@dataclass(frozen=True)
class Example:
    text: str
    slots: Mapping[str, str] = field(default_factory=dict)
    lang: str | None = None


@dataclass(frozen=True)
class Pattern:
    source: str  # as written in the rule file
    compiled: regex.Pattern[str]
    slot_types: Mapping[str, str]  # slot name -> type
    attrs: Mapping[str, Any]
    line: int | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    checker: str
    description: str
    languages: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "error"
    tags: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()  # folded words; the rule runs only on sentences holding one
    priority: int = 0
    message: str | None = None
    examples_match: tuple[Example, ...] = ()
    examples_no_match: tuple[Example, ...] = ()
    origin: str = ""  # "file:line"

    def applies_to(self, language: str) -> bool:
        return not self.languages or language in self.languages


@dataclass(frozen=True)
class Lexicon:
    """Word lists rules share: event-kind trigger words and count measures."""

    event_kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> words
    measures: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # word -> synonyms
    title_words: frozenset[str] = frozenset()  # folded head words of job titles
    place_words: frozenset[str] = frozenset()  # folded nouns of places: "base", "aéroport", "wing"
    hedges: frozenset[str] = frozenset()  # folded cue words of non-assertion: "si", "if", "dément"


@dataclass(frozen=True)
class RulePack:
    rules: tuple[Rule, ...]
    lexicon: Lexicon = field(default_factory=Lexicon)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
