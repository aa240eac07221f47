"""Place: where an event happened, with containment (``located_in``).

Supported when the recorded place is the claimed place or lies within it;
unverifiable when the claimed place is unknown or lies inside the recorded
one (more precise than the facts); contradicted only when both places are
known and neither contains the other. The claimed place is the head of the
place phrase (the name it ends with): "a U.S. drone strike" is not a place.
"""

from __future__ import annotations

from verify.checking import CheckContext, entity_evidence, event_evidence, result, unverifiable
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.names import fold, tokens


class PlaceChecker:
    id = "place"

    def check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        slot = next((s for s in claim.slots if s.type == "place"), None)
        if slot is None:
            return unverifiable(claim, "no place phrase in the claim")
        places = [r for r in ctx.resolver.places(claim, slot.start, slot.end + 200) if r.start < slot.end]
        head = next((r for r in places if r.end >= slot.end), None)
        if head is None and not _names_something(slot.text, ctx.lexicon.place_words):
            return None  # "à la mort d'un Américain": no place at all
        if _after_title(claim, slot.start, ctx.lexicon.title_words):
            return None  # "le secrétaire à la Défense": part of a title, not a place
        pick = ctx.resolver.resolve_event(claim, lambda e: e.place is not None, allow_previous=False,
                                          ignore=(slot.start, max(slot.end, head.end if head else 0)), anchors=False)
        event = pick.event
        if event is None or event.place is None:
            return unverifiable(claim, f"cannot tell which event '{slot.text}' locates: {pick.reason}")
        evidence = [event_evidence(event, "place", pick)]
        fact_place = ctx.facts.entities.get(event.place)
        fact_name = fact_place.name if fact_place else event.place
        if head is None:
            if fact_place is None and fold(event.place) in fold(slot.text):
                return result(claim, "supported", f"{event.name} took place at {event.place}", evidence)
            return unverifiable(claim, f"'{slot.text}' is not a place the facts know", evidence)
        if len(head.ids) > 1:
            return unverifiable(claim, f"'{head.text}' could be any of {', '.join(head.ids)}", evidence)
        claimed = ctx.facts.entities[head.ids[0]]
        evidence.append(entity_evidence(claimed, "located_in", head.score))
        if fact_place is None:
            return unverifiable(claim, f"{event.name} is recorded at '{event.place}', a place the facts do "
                                       "not describe", evidence)
        if ctx.facts.contains(claimed.id, fact_place.id):
            how = "is" if claimed.id == fact_place.id else "lies within"
            return result(claim, "supported", f"{event.name} took place at {fact_name}, which {how} "
                                              f"{claimed.name}", evidence)
        if ctx.facts.contains(fact_place.id, claimed.id):
            return unverifiable(claim, f"{claimed.name} lies within {fact_name}, where {event.name} took place; "
                                       "the facts are not that precise", evidence)
        for alt in pick.alternatives:
            if alt.place in ctx.facts.entities and ctx.facts.contains(claimed.id, alt.place):
                return result(claim, "supported", f"{alt.name} took place at {ctx.facts.entities[alt.place].name}, "
                                                  f"within {claimed.name}", [event_evidence(alt, "place")])
        why = f"{event.name} took place at {fact_name}, which is not in {claimed.name}"
        if pick.alternatives:
            return unverifiable(claim, why + "; the sentence names several events", evidence)
        if head.score < 100 or pick.score < 100:
            return unverifiable(claim, why + ", but a name was matched only approximately", evidence)
        if pick.how == "kind" and not ctx.resolver.corroborated(event, claim, (slot.start, head.end)):
            return unverifiable(claim, why + f"; only the word for a {event.kind} ties this sentence to it",
                                evidence)
        noun = _place_noun_before(claim, slot.start, ctx.lexicon.place_words)
        if noun:
            return unverifiable(claim, why + f"; the phrase says where the {noun} is, not where {event.name} "
                                              "took place", evidence)
        return result(claim, "contradicted", why, evidence)


_SKIP = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "sa", "son", "ses", "leur", "the", "a",
         "an", "his", "her", "its", "their", "this", "that", "ce", "cette"}


def _names_something(text: str, place_words: frozenset[str]) -> bool:
    """Whether a place phrase the facts do not know still names a place.

    It does when its first word (after determiners) is capitalised ("Ahvaz",
    "l'hôtel Ritz" is caught by the place noun) or it holds a place noun from
    the rules' ``place_words``; "la mort d'un Américain" does not.
    """
    toks = tokens(text)
    words = [t for t in toks if t.key not in _SKIP]
    if not words:
        return False
    if words[0].text.isupper() and len(words[0].text) > 1:
        return any(t.key in place_words for t in words)  # "EN DIRECT": a headline, not a place
    return words[0].is_capitalized or any(t.key in place_words for t in words)


def _place_noun_before(claim: Claim, start: int, place_words: frozenset[str]) -> str | None:
    """The owned place the phrase hangs on, if any: "its Kettlebrook site in Nottinghamshire" locates the site.

    Only after a possessive: "at a town hall in Moncton" is one place phrase, the event's.
    """
    sentence = claim.sentence
    before = tokens(sentence.text[: start - sentence.start])[-5:]
    if len(before) >= 2 and before[-2].key in place_words and any(t.key in _POSSESSIVES for t in before[:-2]):
        return before[-2].text
    return None


_POSSESSIVES = {"its", "their", "his", "her", "our", "son", "sa", "ses", "leur", "leurs", "notre", "nos"}


def _after_title(claim: Claim, start: int, title_words: frozenset[str]) -> bool:
    sentence = claim.sentence
    before = tokens(sentence.text[: start - sentence.start])[-4:]
    return len(before) >= 2 and any(t.key in title_words for t in before[:-1])


@hookimpl
def verify_checkers() -> list[object]:
    return [PlaceChecker()]
