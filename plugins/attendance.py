"""Attendance: who was (or was not) at a meeting.

Open world by default: someone missing from an open attendee list is
unverifiable. Only ``attendees_complete: true`` turns absence from the list
into a contradiction, for anyone named, known to the facts or not. A name
matched only approximately can support a claim but never contradict one.
"""

from __future__ import annotations

from verify.checking import CheckContext, combine_parts, event_evidence, unique_refs, unverifiable
from verify.facts.model import Event
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.resolve import Ref

KINDS = ("person", "organization", "group")


def _has_attendance(event: Event) -> bool:
    return bool(event.attendees) or event.attendees_complete


class AttendanceChecker:
    id = "attendance"

    def check(self, claim: Claim, ctx: CheckContext) -> Result:
        absent = claim.attrs.get("polarity") == "absent"
        refs: list[Ref] = []
        for slot in claim.slots:
            if slot.name.startswith(("who", "host")):
                refs.extend(ctx.resolver.entities(claim, slot.start, slot.end, KINDS))
        if not refs:
            return unverifiable(claim, "no attendee named that the facts could be checked against")
        pick = ctx.resolver.resolve_event(claim, _has_attendance, allow_previous=True, anchors=False,
                                            named_first=True)
        event = pick.event
        if event is None:
            return unverifiable(claim, f"cannot tell which meeting this is: {pick.reason}")
        ev = [event_evidence(event, "attendees", pick)]
        verdicts: list[tuple[str, str]] = []
        for ref in unique_refs(refs):
            verdicts.append(self._one(ref, event, absent, ctx, pick.score))
        return combine_parts(claim, verdicts, ev)

    def _one(self, ref: Ref, event: Event, absent: bool, ctx: CheckContext, event_score: float
             ) -> tuple[str, str]:
        name = ref.text
        if len(ref.ids) > 1:
            return "unverifiable", f"'{name}' could be any of {', '.join(ref.ids)}"
        approximate = ref.score < 100 or event_score < 100
        if ref.ids:
            ent = ctx.facts.entities[ref.ids[0]]
            name = ent.name
            present = ent.id in event.attendees
        else:
            present = False
        if present:
            verdict = "contradicted" if absent else "supported"
            why = f"{name} is a recorded attendee of {event.name}"
        elif event.attendees_complete:
            verdict = "supported" if absent else "contradicted"
            why = f"{name} is not among the recorded attendees of {event.name} (the list is complete)"
        else:
            return "unverifiable", f"{name} is not in the attendee list of {event.name}, which is not complete"
        if verdict == "contradicted" and approximate:
            return "unverifiable", f"{why}, but the name was matched only approximately"
        return verdict, why


@hookimpl
def verify_checkers() -> list[object]:
    return [AttendanceChecker()]
