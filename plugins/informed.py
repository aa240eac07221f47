"""Informed: who was told of an event, and when (before, after, never).

A claim asserts the set of timings it allows (rule attribute ``allows``):
"not told before the strike" allows after and never; "only told afterwards"
allows after; "never told" allows never. Supported when the recorded timing
is in the set, contradicted when it is not; someone in none of the lists is
unverifiable unless ``informed.complete`` is true.
"""

from __future__ import annotations

from verify.checking import CheckContext, combine_parts, event_evidence, unique_refs, unverifiable
from verify.facts.model import Event
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.resolve import Ref

KINDS = ("person", "organization", "group")
TIMINGS = ("before", "after", "never")


def _has_informed(event: Event) -> bool:
    return event.informed is not None


class InformedChecker:
    id = "informed"

    def check(self, claim: Claim, ctx: CheckContext) -> Result:
        allows = claim.attrs.get("allows")
        if isinstance(allows, str):
            allows = [allows]
        if not allows or not set(allows) <= set(TIMINGS):
            return unverifiable(claim, "the rule gives no valid timing ('allows') for this claim")
        refs: list[Ref] = []
        for slot in claim.slots:
            if slot.name.startswith("who"):
                refs.extend(ctx.resolver.entities(claim, slot.start, slot.end, KINDS))
        if not refs:
            return unverifiable(claim, "nobody named that the facts could be checked against")
        pick = ctx.resolver.resolve_event(claim, _has_informed, allow_previous=True, named_first=True)
        event = pick.event
        if event is None or event.informed is None:
            return unverifiable(claim, f"cannot tell which event this is about: {pick.reason}")
        allowed = " or ".join(allows)
        verdicts = []
        for ref in unique_refs(refs):
            verdicts.append(self._one(ref, event, set(allows), allowed, ctx, pick.score))
        return combine_parts(claim, verdicts, [event_evidence(event, "informed", pick)])

    def _one(self, ref: Ref, event: Event, allows: set[str], allowed: str, ctx: CheckContext,
             event_score: float) -> tuple[str, str]:
        informed = event.informed
        assert informed is not None
        if len(ref.ids) > 1:
            return "unverifiable", f"'{ref.text}' could be any of {', '.join(ref.ids)}"
        if ref.ids:
            name = ctx.facts.entities[ref.ids[0]].name
            timing = informed.timing_of(ref.ids[0])
        else:
            name, timing = ref.text, None
        if timing is None:
            if not informed.complete:
                return "unverifiable", f"the facts do not say when {name} learned of {event.name}"
            verdict = "contradicted"
            why = f"{name} is in none of the informed lists of {event.name} (the lists are complete)"
        elif timing in allows:
            verdict, why = "supported", f"{name} was informed {_say(timing)} {event.name}"
        else:
            verdict = "contradicted"
            why = f"{name} was informed {_say(timing)} {event.name}, not {allowed}"
        if verdict == "contradicted" and (ref.score < 100 or event_score < 100):
            return "unverifiable", f"{why}, but the name was matched only approximately"
        return verdict, why


def _say(timing: str) -> str:
    return {"before": "before", "after": "after", "never": "never of"}[timing]


@hookimpl
def verify_checkers() -> list[object]:
    return [InformedChecker()]
