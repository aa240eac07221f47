"""Extraction: rules find claims in sentences. No fact is looked at here.

Dates and numbers are found first and masked with same-length placeholder
runs, so patterns can say ``{d:date}`` or ``{n:number}`` whatever the wording
and every offset still indexes the original text. Each rule runs only on
sentences holding one of its trigger words (a cheap folded-substring test),
and each pattern match is bounded by a time limit so a pathological pattern
cannot hang a run.

Cost grows with the *distinct* work in a pack, not with its number of rules
(``_Plan``): rules with the same languages and triggers are tested once per
sentence, an expression runs only if the sentence holds one of the strings it
requires (``verify.prefilter``, one pass for the whole pack), each distinct
compiled expression runs at most once per sentence and its
matches are shared by every rule using it, and of claims that would differ in
nothing but their rule id only the one ``dedupe`` keeps (the smallest id) is
built at all. ``tests/test_batch.py`` checks this gives the claims of running
every rule in turn.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from verify import dates, numbers
from verify.assertion import is_asserted
from verify.model import Claim, Document, Sentence, Slot
from verify.names import fold
from verify.prefilter import Prefilter, TriggerSet
from verify.rules.macros import DATE_CHAR, NUMBER_CHAR
from verify.rules.model import Pattern, Rule

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
    plan = _plan(rules)
    claims: list[Claim] = []
    for sentence in document.sentences:
        claims.extend(c for c in plan.sentence_claims(sentence, document) if is_asserted(c, hedges))
    return claims


def sentence_claims(sentence: Sentence, document: Document, rules: Sequence[Rule]) -> list[Claim]:
    return _plan(rules).sentence_claims(sentence, document)


def naive_sentence_claims(sentence: Sentence, document: Document, rules: Sequence[Rule]) -> list[Claim]:
    """``sentence_claims`` the plain way, every rule and pattern in turn: the reference the plan must equal."""
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


class _Use(NamedTuple):
    """One pattern of one rule, with what its claims are keyed and ranked by."""

    rule_index: int
    pattern_index: int
    rule: Rule
    pattern: Pattern
    types: tuple[tuple[str, str], ...]  # the pattern's slot types, as a key
    span_slot: object  # the ``span`` attribute, if any
    same: tuple[object, ...]  # what, besides the span and slots, makes two claims equal but for their rule


class _Plan:
    """A rule list arranged for extraction, giving the claims of ``naive_sentence_claims``.

    ``groups``: rules by (languages, triggers), in order of first appearance;
    whether a rule applies and is triggered depends on those two only, so the
    group's first rule answers for all. ``exprs``: each distinct compiled
    expression once, with the patterns using it by group, so per sentence an
    expression runs once and, when it does not match (the common case), its
    users cost nothing more.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
        for i, rule in enumerate(self.rules):
            groups.setdefault((rule.languages, rule.triggers), []).append(i)
        self.groups = [self.rules[idx[0]] for idx in groups.values()]
        group_of = {i: g for g, idx in enumerate(groups.values()) for i in idx}
        exprs: dict[object, tuple[Pattern, dict[int, list[_Use]]]] = {}
        for i, rule in enumerate(self.rules):
            for j, p in enumerate(rule.patterns):
                attrs = {k: v for k, v in p.attrs.items() if k != "span"}
                use = _Use(i, j, rule, p, tuple(p.slot_types.items()), p.attrs.get("span"),
                           (rule.checker, rule.priority, rule.severity, rule.message, _frozen(attrs)))
                key = (type(p.compiled), p.compiled.pattern, p.compiled.flags)
                exprs.setdefault(key, (p, {}))[1].setdefault(group_of[i], []).append(use)
        self.exprs = list(exprs.values())
        self.prefilter = Prefilter([first.compiled.pattern for first, _ in self.exprs])
        self._runs: dict[tuple[int, ...], list[tuple[int, Pattern, list[_Use]]]] = {}
        # Every trigger word of the pack in one automaton: a sentence is read once, not once per word.
        self.triggers = TriggerSet(t for rule in self.groups for t in rule.triggers)

    def triggered_groups(self, sentence_text: str, language: str) -> tuple[int, ...]:
        """The groups that apply to ``language`` and whose triggers the sentence holds (as in ``_triggered``)."""
        present = self.triggers.present(" " + fold(sentence_text) + " ")
        return tuple(g for g, rule in enumerate(self.groups)
                     if rule.applies_to(language) and (not rule.triggers or not present.isdisjoint(rule.triggers)))

    def runs(self, on: tuple[int, ...]) -> list[tuple[int, Pattern, list[_Use]]]:
        """The expressions to run when the groups ``on`` are triggered, by index, with their users (memoised)."""
        found = self._runs.get(on)
        if found is None:
            on_set = set(on)
            found = [(i, first, users) for i, (first, by_group) in enumerate(self.exprs)
                     if (users := [u for g, us in by_group.items() if g in on_set for u in us])]
            if len(self._runs) >= 4096:
                self._runs.clear()
            self._runs[on] = found
        return found

    def sentence_claims(self, sentence: Sentence, document: Document) -> list[Claim]:
        language = document.language
        on = self.triggered_groups(sentence.text, language)
        if not on:
            return []
        satisfied = self.prefilter.satisfied(sentence.text)
        runs = [run for run in self.runs(on) if self.prefilter.may_match(run[0], satisfied)]
        if not runs:
            return []
        masked = mask_sentence(sentence, language, document.date)
        # Claims equal in everything but their rule id: dedupe keeps at most the smallest id, so only
        # that one is built. Ranks are (rule id, rule index, pattern index, match index).
        best: dict[object, tuple[tuple[str, int, int, int], _Use, list[Slot], int, int]] = {}
        timed_out: list[_Use] = []
        for _, first, users in runs:
            try:
                matches = list(first.compiled.finditer(masked.text, timeout=MATCH_TIMEOUT))
            except TimeoutError:
                timed_out.extend(users)
                continue
            for j, m in enumerate(matches):
                slot_memo: dict[object, list[Slot]] = {}
                span_memo: dict[object, tuple[int, int] | None] = {}
                for u in users:
                    slots = slot_memo.get(u.types)
                    if slots is None:
                        slots = slot_memo[u.types] = _slots(u.pattern, m, sentence, masked, document)
                    where = (u.types, repr(u.span_slot))
                    if where not in span_memo:
                        span_memo[where] = _claim_span(u.span_slot, m, slots, sentence, document)
                    span = span_memo[where]
                    if span is None:
                        continue
                    a, b = span
                    same = (u.same, a, b, id(slots))
                    rank = (u.rule.id, u.rule_index, u.pattern_index, j)
                    current = best.get(same)
                    if current is None or rank < current[0]:
                        best[same] = (rank, u, slots, a, b)
        for u in sorted(timed_out, key=lambda u: (u.rule_index, u.pattern_index)):
            warnings.warn(
                f"rule {u.rule.id} ({u.rule.origin}): pattern timed out on {document.path} at offset "
                f"{sentence.start}; skipped", TimeoutWarning, stacklevel=3)
        chosen = sorted(best.values(), key=lambda v: v[0][1:])
        claims = [_claim(u.rule, slots, {k: v for k, v in u.pattern.attrs.items() if k != "span"}, a, b, sentence,
                         document) for _, u, slots, a, b in chosen]
        return dedupe(claims)


_PLANS: dict[int, _Plan] = {}


def _plan(rules: Sequence[Rule]) -> _Plan:
    """The plan of ``rules``, built once per rule list (an engine passes the same tuple every time)."""
    plan = _PLANS.get(id(rules))
    if plan is None or len(plan.rules) != len(rules) or any(a is not b for a, b in zip(plan.rules, rules, strict=True)):
        if len(_PLANS) >= 32:
            _PLANS.clear()
        plan = _PLANS[id(rules)] = _Plan(rules)
    return plan


def _frozen(value: object) -> object:
    """A hashable stand-in for an attribute value: equal stand-ins only for values of the same shape."""
    if isinstance(value, Mapping):
        return (type(value).__name__, tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return (type(value).__name__, tuple(_frozen(v) for v in items))
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return (type(value).__name__, value)


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
        slots = _slots(pattern, m, sentence, masked, document)
        found = _span(pattern, m, slots, sentence, document)
        if found is not None:
            a, b, attrs = found
            yield _claim(rule, slots, attrs, a, b, sentence, document)


def _slots(pattern: Pattern, m: regex.Match[str], sentence: Sentence, masked: Masked, document: Document
           ) -> list[Slot]:
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
    return slots


def _span(pattern: Pattern, m: regex.Match[str], slots: list[Slot], sentence: Sentence, document: Document
          ) -> tuple[int, int, dict[str, object]] | None:
    """The claim's trimmed span and attributes, or None when the match makes no claim."""
    attrs = dict(pattern.attrs)
    span = _claim_span(attrs.pop("span", None), m, slots, sentence, document)
    return None if span is None else (*span, attrs)


def _claim_span(span_slot: object, m: regex.Match[str], slots: list[Slot], sentence: Sentence, document: Document
                ) -> tuple[int, int] | None:
    start, end = m.start() + sentence.start, m.end() + sentence.start
    if span_slot:
        chosen = [s for s in slots if s.name == span_slot]
        if not chosen:
            return None
        start, end = chosen[0].start, chosen[-1].end
    a, b = _trim(document.text, start, end)
    if b <= a:
        return None
    return a, b


def _claim(rule: Rule, slots: list[Slot], attrs: dict[str, object], a: int, b: int, sentence: Sentence,
           document: Document) -> Claim:
    return Claim(
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
    """One claim per checker per stretch of text: higher priority, then longer, wins.

    Of claims equal in all but their rule id, at most the smallest id may be kept: ``_Plan`` relies
    on it to build only that one (``tests/test_batch.py`` holds both to the same result).
    """
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

