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
from dataclasses import dataclass, field

import regex

from verify.checking import CheckContext, event_evidence, result, unverifiable
from verify.facts.model import Event
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.names import fold, tokens
from verify.numbers import NumberMention, find_numbers
from verify.resolve import EventPick


def matching_keys(counts: Mapping[str, float], measure_words: str, explicit: str | None,
                  synonyms: Mapping[str, tuple[str, ...]], kind: str | None = None) -> list[str]:
    """Count names the claim's measure refers to.

    Every word of the name must be covered by the measure, but for linking words and the event's own kind:
    "412 drivers" on a strike names ``drivers_on_strike``. At least one word must be the measure's own.
    """
    if explicit:
        wanted = {fold(explicit.replace("_", " "))}
        for syn in synonyms.get(fold(explicit), ()):
            wanted.add(syn)
        return [k for k in counts if fold(k.replace("_", " ")) in wanted]
    padded = f" {measure_words} "
    implied = _LINKING | ({fold(kind)} if kind else set())
    out = []
    for key in counts:
        words = fold(key.replace("_", " ").replace("-", " ")).split()
        own = [w for w in words if w not in implied or _covered(w, padded, synonyms)]
        if own and all(_covered(w, padded, synonyms) for w in own):
            out.append(key)
    return out


_LINKING = frozenset({"on", "of", "in", "at", "to", "for", "by", "the", "de", "du", "des", "d", "en", "au", "aux",
                      "par", "pour", "sur", "le", "la", "les", "l", "a"})


@dataclass(frozen=True)
class _RecordsCount:
    """Does an event record a count the claim's measure names?

    A value, not a closure: claims with the same measure ask the same question, so the resolver's
    per-document memos (the event context sentence by sentence) serve them all.
    """

    measure: str
    explicit: str | None
    lexicon: int  # id of ``synonyms``: tests over different word lists differ
    synonyms: Mapping[str, tuple[str, ...]] = field(compare=False, repr=False)

    def __call__(self, event: Event) -> bool:
        key = (tuple(event.counts), event.kind, self.measure, self.explicit, self.lexicon)
        found = _RECORDS.get(key)
        if found is None or found[0] is not self.synonyms:  # the entry holds its word lists: ids are not reused
            if len(_RECORDS) >= 65536:
                _RECORDS.clear()
            found = _RECORDS[key] = (self.synonyms, bool(matching_keys(event.counts, self.measure, self.explicit,
                                                                        self.synonyms, event.kind)))
        return found[1]


_RECORDS: dict[tuple[tuple[str, ...], str, str, str | None, int], tuple[Mapping[str, tuple[str, ...]], bool]] = {}


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


# Units of time, money, distance and age, folded: a number of them is a duration, a sum or a length,
# and counts nothing the surrounding words name ("300 interventions en trois jours").
_UNITS = frozenset(fold(w) for w in (
    "seconde", "minute", "heure", "jour", "semaine", "mois", "an", "ans", "annee", "siecle", "decennie", "second",
    "hour", "day", "week", "month", "year", "decade", "century", "euro", "dollar", "livre", "pound", "franc",
    "centime", "cent", "km", "kilometre", "kilometer", "metre", "meter", "mile", "kg", "kilo", "tonne", "ton",
    "litre", "liter", "hectare", "acre",
))


def _unit_of(claim: Claim, number: NumberMention) -> str | None:
    """The unit the claim's number is of ("trois jours", "12 million euros"), if it is one."""
    after = tokens(claim.text[number.end - claim.start :])[:2] if number.end >= claim.start else []
    for t in after:
        if t.key in _UNITS:
            return t.key
        if t.key not in ("million", "milliard", "billion", "mille", "thousand"):
            break
    return None


def _own_noun_matches(claim: Claim, number: NumberMention, keys: list[str],
                      synonyms: Mapping[str, tuple[str, ...]], text: str | None = None) -> bool:
    """The words of the claim itself (not its surroundings) name one of ``keys``: "12 blessés", not "1,100 people"
    beside "employs". ``text``: other words to test instead of the claim's."""
    padded = f" {fold(text if text is not None else claim.text)} "
    return any(_covered(w, padded, synonyms) for k in keys for w in fold(k.replace("_", " ").replace("-", " ")).split()
               if len(w) > 3)


# A running total over a season or a year counts many events, not the one a text is about.
_AGGREGATE = regex.compile(
    r"\b(?:cet hiver|cet été|cette année|cette saison|depuis le début (?:de l['’]année|de la saison|de l['’]hiver)"
    r"|depuis janvier|en un an|this (?:year|winter|summer|season)|so far this|since the (?:start|beginning) of the "
    r"(?:year|season)|since january|year to date)\b",
    regex.IGNORECASE)
_NOUN_AFTER = regex.compile(r"\s*[\p{L}\p{N}'’\-]+")


def _without_other_numbers(text: str) -> str:
    """``text`` without its numbers and the word after each (what that number counts)."""
    out, at = [], 0
    for n in find_numbers(text):
        if n.start < at:
            continue
        out.append(text[at : n.start])
        noun = _NOUN_AFTER.match(text, n.end)
        at = noun.end() if noun else n.end
    out.append(text[at:])
    return " ".join(out)


# Words that count people or things in general: the words around them say what is counted.
_COUNTERS = frozenset(fold(w) for w in (
    "personnes", "personne", "people", "persons", "individus", "gens", "membres", "members", "fois", "times", "cas",
    "cases", "unités", "units", "exemplaires", "pièces", "items",
))


def _rest_of_clause(claim: Claim) -> str:
    """The sentence after the claim, up to the next punctuation."""
    sentence = claim.sentence
    return regex.split(r"[,;:.!?]", sentence.text[claim.end - sentence.start :], maxsplit=1)[0]


def _head_noun(claim: Claim, number: NumberMention) -> str | None:
    """The noun right after the number when a complement follows it ("témoignages" in "vingtaine de
    témoignages d'agents"): what the number counts, whatever the complement names."""
    rest = claim.text[max(0, number.end - claim.start):]
    toks = tokens(rest)
    if len(toks) >= 3 and toks[1].key in ("de", "d", "of", "du", "des"):
        return toks[0].key
    return None


def _measure_text(claim: Claim) -> str:
    """The words that say what is counted: three words before the claim ("will close nearly 40"), the
    claim, and the rest of its clause ("450 archers from 38 nations had been expected")."""
    sentence = claim.sentence
    head = sentence.text[: claim.start - sentence.start]
    rest = _rest_of_clause(claim)
    # Another number and its noun are its own: "12,400 pumps sold across three countries" counts no countries,
    # "300 interventions en trois jours" no interventions in "trois jours"; the verb stays ("450 archers from
    # 38 nations had been expected").
    head, rest = _without_other_numbers(head[-80:]), _without_other_numbers(rest)
    before = tokens(head)[-3:]
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
        unit = _unit_of(claim, number)
        if unit and explicit:
            return None  # "une femme de 34 ans a été blessée": an age, not the number of the injured
        # A duration, an age or a sum counts its unit and nothing else: "trois jours" is no number of
        # interventions, "une femme de 34 ans a été blessée" no number of injured.
        measure = unit if unit and not explicit else _measure_text(claim)
        synonyms = ctx.lexicon.measures
        noun = _head_noun(claim, number)
        if not explicit and noun is not None and not _names_a_count(noun, ctx, synonyms) and not _counts_something(
                noun, synonyms) and noun not in _COUNTERS:
            return None  # "une vingtaine de témoignages d'agents": the number counts testimonies, not staff

        need = _RecordsCount(measure, explicit, id(synonyms), synonyms)
        holders = [e for e in ctx.facts.events.values() if need(e)]
        if not explicit and not holders and not _counts_something(measure, synonyms) and not _names_a_count(
                measure, ctx, synonyms):
            return None  # "trois sources proches du dossier": nothing the facts count
        pick = ctx.resolver.resolve_event(claim, need, allow_previous=True, anchors=False)
        if pick.event is None and pick.how != "other" and len(holders) == 1:
            # The only event recording such a count: "Eleven members voted in favour".
            pick = EventPick(holders[0], "the only event recording this count", "kind", 99.0)
        event = pick.event
        if event is None:
            return unverifiable(claim, f"no recorded count matches '{claim.text}': {pick.reason}")
        if _AGGREGATE.search(claim.text + _rest_of_clause(claim)) and (event.date is None or (
                event.date.end - event.date.start).days < 30):
            return None  # "sept morts en montagne cet hiver": a season's running total, not this event's count
        keys = matching_keys(event.counts, measure, explicit, synonyms, event.kind)
        if not explicit and noun is not None and noun not in _COUNTERS and not _own_noun_matches(
                claim, number, keys, synonyms, text=noun):
            return None  # "twenty reports of wounded soldiers" counts reports, whatever the event's wounded
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
            if pick.how == "previous" and len(holders) > 0 and not _own_noun_matches(claim, number, keys, synonyms):
                return unverifiable(claim, f"{event.name}: {facts}, not '{number.text}'; but the sentence names no "
                                           "event and the number's own words name no recorded count", evidence)
            return result(claim, "contradicted", f"{event.name}: {facts}, not '{number.text}'", evidence)
        return unverifiable(claim, f"{event.name}: {facts}; '{number.text}' is too approximate to decide",
                            evidence)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


@hookimpl
def verify_checkers() -> list[object]:
    return [CountChecker()]
