"""Extraction: rules find claims in sentences. No fact is looked at here.

Dates and numbers are found first and masked with same-length placeholder
runs, so patterns can say ``{d:date}`` or ``{n:number}`` whatever the wording
and every offset still indexes the original text. Each rule runs only on
sentences holding one of its trigger words (a cheap folded-substring test),
and each pattern match is bounded by a time limit so a pathological pattern
cannot hang a run.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from verify import dates, numbers
from verify.assertion import is_asserted
from verify.model import Claim, Document, Sentence, Slot
from verify.names import fold
from verify.rules.macros import DATE_CHAR, NUMBER_CHAR
from verify.rules.model import Pattern, Rule, RulePack

MATCH_TIMEOUT = 0.5  # seconds per pattern per sentence


@dataclass(frozen=True)
class Masked:
    text: str  # same length as the sentence text
    dates: tuple[dates.DateMention, ...]
    numbers: tuple[numbers.NumberMention, ...]


def mask_sentence(sentence: Sentence, language: str, ref) -> Masked:
    text = sentence.text
    found_dates = dates.find_dates(text, language, ref, sentence.start)
    chars = list(text)
    for d in found_dates:
        for i in range(d.start - sentence.start, d.end - sentence.start):
            chars[i] = DATE_CHAR
    masked = "".join(chars)
    found_numbers = [
        n for n in numbers.find_numbers(masked, sentence.start) if DATE_CHAR not in masked[
            n.start - sentence.start : n.end - sentence.start]
    ]
    for n in found_numbers:
        for i in range(n.start - sentence.start, n.end - sentence.start):
            chars[i] = NUMBER_CHAR
    return Masked("".join(chars), tuple(found_dates), tuple(found_numbers))


class TimeoutWarning(UserWarning):
    pass


def run_rules(document: Document, rules: Sequence[Rule], hedges: frozenset[str] = frozenset()) -> list[Claim]:
    """Every asserted claim the rules find in the document, overlaps resolved, in text order."""
    claims: list[Claim] = []
    for sentence in document.sentences:
        claims.extend(c for c in sentence_claims(sentence, document, rules) if is_asserted(c, hedges))
    return claims


def sentence_claims(sentence: Sentence, document: Document, rules: Sequence[Rule]) -> list[Claim]:
    folded = " " + fold(sentence.text) + " "
    active = [r for r in rules if r.applies_to(document.language) and _triggered(r, folded)]
    if not active:
        return []
    masked = mask_sentence(sentence, document.language, document.date)
    found: list[Claim] = []
    for rule in active:
        for pattern in rule.patterns:
            found.extend(_matches(rule, pattern, sentence, masked, document))
    return dedupe(found)


def _triggered(rule: Rule, folded_sentence: str) -> bool:
    return not rule.triggers or any(f" {t}" in folded_sentence for t in rule.triggers)


def _matches(rule: Rule, pattern: Pattern, sentence: Sentence, masked: Masked, document: Document
             ) -> Iterable[Claim]:
    try:
        matches = list(pattern.compiled.finditer(masked.text, timeout=MATCH_TIMEOUT))
    except TimeoutError:
        warnings.warn(
            f"rule {rule.id} ({rule.origin}): pattern timed out on {document.path} at offset {sentence.start}; "
            "skipped", TimeoutWarning, stacklevel=2)
        return
    for m in matches:
        slots: list[Slot] = []
        for name, typ in pattern.slot_types.items():
            for s, e in zip(m.starts(name), m.ends(name), strict=True):
                if s < 0 or e <= s:
                    continue
                a, b = _trim(masked.text, s, e)
                if b <= a:
                    continue
                start, end = a + sentence.start, b + sentence.start
                slots.append(Slot(name, typ, document.text[start:end], start, end,
                                  _value(typ, start, end, masked, document.text)))
        attrs = dict(pattern.attrs)
        span_slot = attrs.pop("span", None)
        start, end = m.start() + sentence.start, m.end() + sentence.start
        if span_slot:
            chosen = [s for s in slots if s.name == span_slot]
            if not chosen:
                continue
            start, end = chosen[0].start, chosen[-1].end
        a, b = _trim(document.text, start, end)
        if b <= a:
            continue
        yield Claim(
            rule=rule.id, checker=rule.checker, start=a, end=b, text=document.text[a:b], sentence=sentence,
            slots=tuple(sorted(slots, key=lambda s: (s.start, s.name))), attrs=attrs, severity=rule.severity,
            message=rule.message, priority=rule.priority,
        )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _value(typ: str, start: int, end: int, masked: Masked, text: str) -> object:
    if typ == "date":
        return next((d for d in masked.dates if d.start <= start and end <= d.end), None) or next(
            (d for d in masked.dates if d.start < end and start < d.end), None)
    if typ in ("number", "count"):
        hit = next((n for n in masked.numbers if n.start < end and start < n.end), None)
        if hit is not None:
            return hit
        value = numbers.parse_number(text[start:end])
        if value is not None:
            return numbers.NumberMention(start, end, text[start:end], value, value, value, value, value, "exact")
    return None


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per checker per stretch of text: higher priority, then longer, wins."""
    ranked = sorted(claims, key=lambda c: (-c.priority, -(c.end - c.start), c.start, c.rule))
    kept: list[Claim] = []
    for c in ranked:
        if any(k.checker == c.checker and k.start < c.end and c.start < k.end and _same_subject(k, c) for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end, c.checker, c.rule))


def _same_subject(a: Claim, b: Claim) -> bool:
    """Overlapping claims compete unless each names its own person (two titles, two people)."""
    pa, pb = a.slot("person"), b.slot("person")
    if pa is None or pb is None:
        return True
    return pa.start < pb.end and pb.start < pa.end


def with_rules(pack: RulePack, only: Iterable[str] | None = None) -> list[Rule]:
    if only is None:
        return list(pack.rules)
    wanted = set(only)
    return [r for r in pack.rules if r.id in wanted]

