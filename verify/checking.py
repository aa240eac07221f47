"""What a checker receives, and helpers every checker shares.

A checker is a small object: ``id`` and ``check(claim, ctx) -> Result``. It
reads ``ctx`` and never changes it. The helpers here keep verdict wording and
evidence uniform across checkers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from verify.facts.base import FactBase
from verify.facts.model import Entity, Event
from verify.model import Claim, Document, Evidence, Result, Verdict
from verify.resolve import EventPick, Ref, Resolver
from verify.rules.model import Lexicon


@dataclass(frozen=True)
class CheckContext:
    facts: FactBase
    document: Document
    resolver: Resolver
    lexicon: Lexicon


class Checker(Protocol):
    id: str

    def check(self, claim: Claim, ctx: CheckContext) -> Result: ...


def result(claim: Claim, verdict: Verdict, message: str, evidence: list[Evidence] | tuple[Evidence, ...] = ()
           ) -> Result:
    return Result(claim, verdict, message, tuple(evidence))


def unverifiable(claim: Claim, why: str, evidence: list[Evidence] | tuple[Evidence, ...] = ()) -> Result:
    return Result(claim, "unverifiable", why, tuple(evidence))


def event_evidence(event: Event, field: str, pick: EventPick | None = None) -> Evidence:
    note = None
    if pick is not None and pick.how and pick.how != "alias":
        note = f"event chosen as {pick.reason}"
    score = pick.score if pick is not None and pick.score < 100 else None
    return Evidence(f"events.{event.id}.{field}", event.source, score, note)


def entity_evidence(entity: Entity, field: str, score: float | None = None, fallback_source: str | None = None
                    ) -> Evidence:
    """Evidence from an entity record; its own source, else the source of the event in question."""
    source = entity.sources[0] if entity.sources else fallback_source
    note = f"recorded at {entity.origin}" if entity.origin else None
    return Evidence(f"entities.{entity.id}.{field}", source, score if score is not None and score < 100 else None,
                    note)


def name_of(ctx: CheckContext, entity_id: str) -> str:
    ent = ctx.facts.entities.get(entity_id)
    return ent.name if ent else entity_id


def unique_refs(refs: list[Ref]) -> list[Ref]:
    """Each named entity once (a name repeated in a claim is one item)."""
    seen: set[tuple[str, ...] | str] = set()
    out = []
    for r in refs:
        key = r.ids or r.text
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def combine_parts(claim: Claim, parts: list[tuple[str, str]], evidence: list[Evidence]) -> Result:
    """One verdict for a claim about several items (a list of attendees, of people told).

    Any contradiction wins; else supported when some item is (the items left
    open are named in the message); else unverifiable.
    """
    contra = [w for v, w in parts if v == "contradicted"]
    support = [w for v, w in parts if v == "supported"]
    open_ = [w for v, w in parts if v == "unverifiable"]
    if contra:
        return result(claim, "contradicted", "; ".join(contra), evidence)
    if support:
        msg = "; ".join(support)
        if open_:
            msg += "; unverifiable: " + "; ".join(open_)
        return result(claim, "supported", msg, evidence)
    return unverifiable(claim, "; ".join(open_), evidence)
