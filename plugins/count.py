"""Count: how many were killed, injured, recalled, voted for...

A claim's number is compared with the event's ``counts``. Which count is
meant comes from the measure: the rule's ``measure`` attribute (a count name)
or the words of the claim, matched against each count name's words and their
synonyms in the rules' ``measures`` lexicon ("blessés" for ``injured``). Every
word of a count name must be matched, so "patients remain in intensive care"
is not ``patients_transferred``. How approximate numbers are checked is
documented in ``verify/numbers.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from verify.checking import CheckContext, event_evidence, result, unverifiable
from verify.facts.model import Event
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.names import fold, tokens
from verify.numbers import NumberMention
from verify.resolve import EventPick


def matching_keys(counts: Mapping[str, float], measure_words: str, explicit: str | None,
                  synonyms: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Count names the claim's measure refers to."""
    if explicit:
        wanted = {fold(explicit.replace("_", " "))}
        for syn in synonyms.get(fold(explicit), ()):
            wanted.add(syn)
        return [k for k in counts if fold(k.replace("_", " ")) in wanted]
    padded = f" {measure_words} "
    out = []
    for key in counts:
        words = fold(key.replace("_", " ").replace("-", " ")).split()
        if words and all(_covered(w, padded, synonyms) for w in words):
            out.append(key)
    return out


def _covered(word: str, padded: str, synonyms: Mapping[str, tuple[str, ...]]) -> bool:
    if f" {word} " in padded:
        return True
    if any(f" {syn} " in padded for syn in synonyms.get(word, ())):
        return True
    return any(_same_stem(word, w) for w in padded.split())


def _same_stem(a: str, b: str) -> bool:
    """'arrested' ~ 'arrests', 'closure' ~ 'closed': a shared stem of 4+ letters, short endings."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= max(len(a), len(b)) - 4


def _measure_text(claim: Claim) -> str:
    """The words that say what is counted: three words before the claim ("will close nearly 40"), the
    claim, and the rest of its clause ("450 archers from 38 nations had been expected")."""
    sentence = claim.sentence
    before = tokens(sentence.text[: claim.start - sentence.start])[-3:]
    rest = sentence.text[claim.end - sentence.start :]
    rest = regex.split(r"[,;:.!?]", rest, maxsplit=1)[0]
    after = tokens(rest)[:6]
    return fold(" ".join(t.text for t in before) + " " + claim.text + " " + " ".join(t.text for t in after))


def _counts_something(text: str, synonyms: Mapping[str, tuple[str, ...]]) -> bool:
    padded = f" {text} "
    return any(f" {w} " in padded or any(f" {s} " in padded for s in syns) for w, syns in synonyms.items())


def _names_a_count(measure: str, ctx: CheckContext, synonyms: Mapping[str, tuple[str, ...]]) -> bool:
    """The measure names one word of some recorded count ("212 stores" and ``stores_closed``)."""
    padded = f" {measure} "
    return any(_covered(w, padded, synonyms) for e in ctx.facts.events.values() for k in e.counts
               for w in fold(k.replace("_", " ").replace("-", " ")).split() if len(w) > 3)


class CountChecker:
    id = "count"

    def check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        slot = next((s for s in claim.slots if s.type in ("number", "count")), None)
        number = slot.value if slot is not None else None
        if not isinstance(number, NumberMention):
            return unverifiable(claim, "no number found in the claim")
        explicit = claim.attrs.get("measure")
        measure = _measure_text(claim)
        synonyms = ctx.lexicon.measures

        def need(e: Event) -> bool:
            return bool(matching_keys(e.counts, measure, explicit, synonyms))

        holders = [e for e in ctx.facts.events.values() if need(e)]
        if not explicit and not holders and not _counts_something(measure, synonyms) and not _names_a_count(
                measure, ctx, synonyms):
            return None  # "trois sources proches du dossier": nothing the facts count
        pick = ctx.resolver.resolve_event(claim, need, allow_previous=True, anchors=False)
        if pick.event is None and len(holders) == 1:
            # The only event recording such a count: "Eleven members voted in favour".
            pick = EventPick(holders[0], "the only event recording this count", "kind", 99.0)
        event = pick.event
        if event is None:
            return unverifiable(claim, f"no recorded count matches '{claim.text}': {pick.reason}")
        keys = matching_keys(event.counts, measure, explicit, synonyms)
        evidence = [event_evidence(event, f"counts.{k}", pick) for k in keys]
        values = {k: event.counts[k] for k in keys}
        supported = [k for k, v in values.items() if number.supports(v)]
        if supported:
            k = supported[0]
            return result(claim, "supported", f"{event.name}: {k} = {_fmt(values[k])}, as claimed "
                                              f"('{number.text}')", evidence)
        contradicted = [k for k, v in values.items() if number.contradicts(v)]
        facts = ", ".join(f"{k} = {_fmt(v)}" for k, v in values.items())
        if contradicted and len(contradicted) == len(values):
            if pick.score < 100:
                return unverifiable(claim, f"{event.name}: {facts}, not '{number.text}', but the event was "
                                           "matched only approximately", evidence)
            return result(claim, "contradicted", f"{event.name}: {facts}, not '{number.text}'", evidence)
        return unverifiable(claim, f"{event.name}: {facts}; '{number.text}' is too approximate to decide",
                            evidence)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


@hookimpl
def verify_checkers() -> list[object]:
    return [CountChecker()]
