"""The ``quote`` checker: is this the speaker of these words, according to the recorded statements?

Supported when the speaker (one entity of the facts) has a recorded statement
whose text is similar enough to the quoted or reported words
(``token_set_ratio`` >= ``SUPPORT_SCORE`` on folded text). Statements are an
open list, like attendees without ``attendees_complete``: that the facts give
the words to someone else proves nothing, since two people can say the same
thing. Only a statement marked ``sole_speaker: true`` closes the world for its
words, and then only a close match (>= ``CONTRADICT_SCORE``) attributed to a
person named exactly contradicts. Everything else is unverifiable, with why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz
from verify.checking import CheckContext, result, unique_refs, unverifiable
from verify.model import Claim, Evidence, Result
from verify.names import fold

SUPPORT_SCORE = 80.0
CONTRADICT_SCORE = 90.0
MIN_WORDS = 3  # fewer words ("« grave »") match too many statements to mean anything
KINDS = ("person", "organization", "group")


def similarity(claimed: str, recorded: str) -> float:
    """How close the claimed words are to a statement: case, accents, punctuation and word order ignored."""
    return float(fuzz.token_set_ratio(fold(claimed), fold(recorded)))


def _evidence(statement: Mapping[str, Any], score: float) -> Evidence:
    origin = getattr(statement, "origin", "")
    return Evidence(f"statements.{statement['id']}", statement.get("source"), score if score < 100 else None,
                    f"recorded at {origin}" if origin else None)


class QuoteChecker:
    id = "quote"

    def check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        who, what = claim.slot("who"), claim.slot("what")
        if who is None or what is None:
            return unverifiable(claim, "the rule gives no speaker or no words")
        refs = unique_refs(ctx.resolver.entities(claim, who.start, who.end, KINDS))
        if not refs:
            return None  # "selon le procès-verbal": nobody is speaking, this is no quote claim
        if len(fold(what.text).split()) < MIN_WORDS:
            if claim.attrs.get("form") != "quoted":
                return None  # "Jane Roe said nothing": no words to check
            return unverifiable(claim, f"'{what.text}' is too short to match a statement safely")
        if len(refs) > 1:
            return unverifiable(claim, f"several speakers named: {', '.join(r.text for r in refs)}")
        ref = refs[0]
        if len(ref.ids) > 1:
            return unverifiable(claim, f"'{ref.text}' could be any of {', '.join(ref.ids)}")
        statements = ctx.facts.extras.get("statements", ())
        speaker = ctx.facts.entities[ref.ids[0]].name if ref.ids else ref.text
        scored = sorted(((similarity(what.text, s["what"]), s) for s in statements), key=lambda x: -x[0])
        own = [(score, s) for score, s in scored if s["who"] in ref.ids]
        if own and own[0][0] >= SUPPORT_SCORE:
            score, s = own[0]
            when = f" on {s['when']}" if s.get("when") else ""
            return result(claim, "supported", f"{speaker} said{when}: \"{s['what']}\" (similarity {score:.0f})",
                          [_evidence(s, score)])
        others = [(score, s) for score, s in scored if s["who"] not in ref.ids and score >= SUPPORT_SCORE]
        if others:
            score, s = others[0]
            other = ctx.facts.entities.get(s["who"])
            other_name = other.name if other else s["who"]
            why = f"the facts record these words from {other_name}, not {speaker}"
            evidence = [_evidence(s, score)]
            exact_person = ref.ids and ref.score >= 100 and ctx.facts.entities[ref.ids[0]].kind == "person"
            if s.get("sole_speaker") and score >= CONTRADICT_SCORE and exact_person:
                return result(claim, "contradicted", why + " (recorded as the only speaker)", evidence)
            return unverifiable(claim, why + "; both may have said them", evidence)
        if not ref.ids:
            return unverifiable(claim, f"the facts know nothing of {speaker}")
        if not own:
            return unverifiable(claim, f"the facts record no statement by {speaker}")
        best, s = own[0]
        return unverifiable(claim, f"no recorded statement of {speaker} matches (best similarity {best:.0f}, "
                                   f"below {SUPPORT_SCORE:.0f})", [_evidence(s, best)])
