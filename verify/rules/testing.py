"""Run the examples a rule carries, so a rule's documentation is also its test.

Every rule lists sentences it must match (optionally with the text each slot
must capture) and sentences it must not. ``run_examples`` runs each example
through the same extraction a real document goes through (segmentation,
date and number masking, triggers, and the pack's hedges, so a question or a
hypothetical counts as "no match"), with only that rule active. It ships in
the package, like sqlfluff's rule-testing helpers, so plugin authors test
their own packs with it (``verify rules test``) or from pytest.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from verify import segment
from verify.errors import InputError
from verify.extract import run_rules
from verify.language import detect_language
from verify.model import Claim, Document
from verify.rules.model import Example, Rule, RulePack

# A fixed document date: examples must give the same result whatever day the tests run.
EXAMPLE_DATE = dt.date(2024, 6, 15)


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as its rule file says."""

    kind: str  # "match" | "no_match"
    index: int  # 1-based position in its list
    text: str
    problem: str
    found: tuple[str, ...] = ()  # the rule's claims on the example, rendered

    def __str__(self) -> str:
        head = f"{self.kind} #{self.index} {self.text!r}: {self.problem}"
        return "\n".join([head, *(f"    found: {f}" for f in self.found)])


@dataclass(frozen=True)
class RuleExampleResult:
    rule_id: str
    origin: str  # "file:line" of the rule
    passed: int
    failed: int
    failures: tuple[ExampleFailure, ...] = ()

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def ok(self) -> bool:
        return self.failed == 0


def run_examples(pack: RulePack, rule_ids: Iterable[str] | None = None) -> list[RuleExampleResult]:
    """Check every example of the chosen rules (all by default), in pack order."""
    rules = list(pack.rules)
    if rule_ids is not None:
        wanted = list(dict.fromkeys(rule_ids))
        known = {r.id for r in rules}
        for rule_id in wanted:
            if rule_id not in known:
                raise InputError(f"unknown rule {rule_id!r}{did_you_mean(rule_id, known)}")
        rules = [r for r in rules if r.id in set(wanted)]
    return [check_rule(pack, rule) for rule in rules]


def check_rule(pack: RulePack, rule: Rule) -> RuleExampleResult:
    failures: list[ExampleFailure] = []
    cases = [("match", i, ex) for i, ex in enumerate(rule.examples_match, 1)]
    cases += [("no_match", i, ex) for i, ex in enumerate(rule.examples_no_match, 1)]
    for kind, index, example in cases:
        failure = check_example(pack, rule, example, kind, index)
        if failure is not None:
            failures.append(failure)
    return RuleExampleResult(rule.id, rule.origin, len(cases) - len(failures), len(failures), tuple(failures))


def check_example(pack: RulePack, rule: Rule, example: Example, kind: str, index: int) -> ExampleFailure | None:
    """None when the example behaves as written, else what went wrong."""
    language = example_language(rule, example)
    claims = example_claims(pack, rule, example.text, language)
    found = tuple(render_claim(c) for c in claims)
    if kind == "no_match":
        return ExampleFailure(kind, index, example.text, "the rule matched", found) if claims else None
    if not claims:
        why = "no claim from this rule"
        if not rule.applies_to(language):
            why += f" (the rule does not apply to language {language!r})"
        return ExampleFailure(kind, index, example.text, why)
    if not example.slots or any(_slots_agree(c, example.slots) for c in claims):
        return None
    problems = [_slot_problem(claims, str(name), str(want)) for name, want in example.slots.items()]
    problem = "; ".join(p for p in problems if p) or "no single claim has all the expected slots"
    return ExampleFailure(kind, index, example.text, problem, found)


def example_language(rule: Rule, example: Example) -> str:
    """The example's ``lang``, else the rule's only language, else the text's own."""
    if example.lang:
        return example.lang
    if len(rule.languages) == 1:
        return rule.languages[0]
    return detect_language(example.text)


def example_claims(pack: RulePack, rule: Rule, text: str, language: str) -> list[Claim]:
    """The asserted claims ``rule`` alone finds in ``text``, as ``verify check`` would find them."""
    doc = Document("<example>", text, language, EXAMPLE_DATE, segment.split_sentences(text))
    return [c for c in run_rules(doc, [rule], pack.lexicon.hedges) if c.rule == rule.id]


def render_claim(claim: Claim) -> str:
    slots = ", ".join(f"{s.name}={s.text.strip()!r}" for s in claim.slots)
    return f"{claim.text!r}" + (f" {{{slots}}}" if slots else "")


def normalize(text: str) -> str:
    """Slot text as compared: spacing collapsed, trailing punctuation dropped."""
    return " ".join(str(text).split()).rstrip(" .,;:!?…").strip()


def _slots_agree(claim: Claim, expected: Mapping[str, str]) -> bool:
    return all(
        any(normalize(s.text) == normalize(want) for s in claim.slots_named(str(name)))
        for name, want in expected.items()
    )


def _slot_problem(claims: list[Claim], name: str, want: str) -> str | None:
    got = [normalize(s.text) for c in claims for s in c.slots_named(name)]
    if normalize(want) in got:
        return None
    if not got:
        return f"slot {name}: expected {want!r}, but no claim has that slot"
    return f"slot {name}: expected {want!r}, found {', '.join(repr(g) for g in dict.fromkeys(got))}"


def did_you_mean(value: str, pool: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(pool), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
