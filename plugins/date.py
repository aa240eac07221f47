"""Date: when an event happened.

A claimed date is an interval at its own granularity (a day, a span, a month,
a year). Supported when it overlaps the recorded interval, contradicted when
disjoint. The event must be named in the claim's sentence (by alias, or by a
kind word narrowed by place): a date is never pinned on an event by guesswork.
The one exception only supports: a full date in a sentence naming no event,
when exactly one recorded event took place that day and the sentence names
its place or one of its participants.
"""

from __future__ import annotations

import dataclasses

import regex

from verify.checking import CheckContext, event_evidence, result, unverifiable
from verify.dates import DateMention
from verify.facts.model import Event
from verify.hookspecs import hookimpl
from verify.model import Claim, Result, Sentence
from verify.names import fold
from verify.resolve import EventPick


class DateChecker:
    id = "date"

    def check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        slot = next((s for s in claim.slots if s.type == "date"), None)
        mention = slot.value if slot is not None else None
        if not isinstance(mention, DateMention):
            return unverifiable(claim, "no date found in the claim")
        if mention.relation != "at":
            return unverifiable(claim, f"'{mention.text}' bounds the event ({mention.relation}), "
                                       "it does not date it")
        has_date = lambda e: e.date is not None  # noqa: E731
        dateline = False
        antecedent = ctx.resolver.relative_antecedent(claim.sentence, mention.start)
        if antecedent is not None:
            # "the summit, which was held on May 13": the clause dates its antecedent, or nothing.
            found = ctx.resolver.event_in(claim.sentence, *antecedent, has_date)
            if len(found) != 1:
                return None
            pick = EventPick(found[0], "the antecedent of the relative clause", "alias")
        else:
            pick = ctx.resolver.resolve_event(claim, has_date, allow_previous=False,
                                              ignore=(mention.start, mention.end), anchors=False)
            following = _dateline_of(ctx, claim, mention) if pick.event is None else None
            dateline = following is not None
            if following is not None:
                # "**Dimanche 9 février, 10 heures.** Le président réunit une cellule de crise": a timeline's
                # date heads the sentence after it.
                ahead = dataclasses.replace(claim, sentence=following, start=following.start, end=following.start)
                pick = ctx.resolver.resolve_event(ahead, has_date, allow_previous=False, anchors=False)
        event = pick.event
        if event is None or event.date is None:
            same_day = _only_event_that_day(ctx, mention) if pick.how != "other" and antecedent is None else None
            if same_day is not None and ctx.resolver.corroborated(same_day, claim, (mention.start, mention.end)):
                # "When the alarm went off in Linden Hall on Tuesday, September 8": the one recorded event of that
                # very day, at a place (or with a participant) the sentence names. Support only: a sentence
                # naming no event never contradicts one.
                return result(claim, "supported", f"the sentence names no event, but the facts record one on "
                                                  f"{same_day.date}: {same_day.name}", [event_evidence(same_day,
                                                                                                      "date")])
            return unverifiable(claim, f"cannot tell which event '{mention.text}' dates: {pick.reason}")
        evidence = [event_evidence(event, "date", pick)]
        claimed = mention.interval
        if claimed.overlaps(event.date):
            return result(claim, "supported",
                          f"{event.name} took place {event.date}; '{mention.text}' ({claimed}) overlaps it",
                          evidence)
        fitting = [e for e in pick.alternatives if e.date is not None and claimed.overlaps(e.date)]
        if fitting:
            alt = fitting[0]
            return result(claim, "supported", f"{alt.name} took place {alt.date}; '{mention.text}' ({claimed}) "
                                              "overlaps it", [event_evidence(alt, "date")])
        why = f"{event.name} took place {event.date}, not {claimed} ('{mention.text}')"
        if claimed.start > ctx.document.date >= event.date.end:
            # "Nobody wants to be back on the picket line in December": a date still to come when the text was
            # written tells of what may happen next, not of the past event.
            return unverifiable(claim, why + "; the date is after the document's own, the event before it",
                                evidence)
        other = _nearer_date(ctx, claim, mention, event.id)
        if other is not None:
            # "The report, published on 3 September, puts sailings between June and August at 312": the
            # event's own date is the one next to its name; this one dates something else.
            return unverifiable(claim, why + f"; '{other}' is the date next to the event's name", evidence)
        if pick.alternatives:
            return unverifiable(claim, why + "; the sentence names several events", evidence)
        if pick.score < 100:
            return unverifiable(claim, why + ", but the event was matched only approximately", evidence)
        if pick.how == "kind" and not ctx.resolver.corroborated(event, claim, (mention.start, mention.end)):
            return unverifiable(claim, why + f"; only the word for a {event.kind} ties this sentence to it",
                                evidence)
        if antecedent is None and dateline:
            return unverifiable(claim, why + "; a timeline's date is tied to the event of the entry it heads, which "
                                              "may tell of something else", evidence)
        if claim.attrs.get("support_only"):
            return unverifiable(claim, why + "; the date may be that of the statement, not of the event",
                                evidence)
        gap = max((event.date.start - claimed.end).days, (claimed.start - event.date.end).days)
        if (mention.granularity == "year" or gap > FAR_DAYS) and not _named_specifically(ctx, claim, event.id):
            # "signed in 2019", "un drame en février 2019": a date this far from the event tells of
            # another occurrence far more often than it misdates this one.
            return unverifiable(claim, why + f"; {gap} days away, it likely dates something else", evidence)
        if (mention.granularity == "weekday" and pick.how == "alias" and _in_last_week(event, ctx.document.date)
                and _named_specifically(ctx, claim, event.id)):
            # "on Monday" for an event of last Tuesday: the week is not in doubt, only the day is wrong.
            return result(claim, "contradicted", why + f" (the {mention.text.strip()} of the week before the "
                                                       "document's date)", evidence)
        if mention.granularity in ("weekday", "relative"):
            return unverifiable(claim, why + f"; '{mention.text}' counts from the document's date, too loose to "
                                              "contradict", evidence)
        return result(claim, "contradicted", why, evidence)


def _only_event_that_day(ctx: CheckContext, mention: DateMention) -> Event | None:
    """The one recorded event whose dates overlap a claimed full date (day and month named), if exactly one does."""
    if mention.granularity != "day":
        return None
    found = [e for e in ctx.facts.events.values() if e.date is not None and mention.interval.overlaps(e.date)
             and (e.date.end - e.date.start).days < 7]
    return found[0] if len(found) == 1 else None


# What a dateline may hold besides its date: a time of day and punctuation ("Dimanche 9 février, 10 heures.").
_DATELINE_REST = regex.compile(
    r"[\W_]*(?:(?:à|at|vers|around|about|dès)?\s*(?:\d{1,2}\s?(?:h|heures?)(?:\s?\d{2})?|\d{1,2}[:.]\d{2}"
    r"(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?|midi|minuit|noon|midnight|matin|soir|morning|evening))?[\W_]*",
    regex.IGNORECASE)


def _dateline_of(ctx: CheckContext, claim: Claim, mention: DateMention) -> Sentence | None:
    """The sentence a dateline heads: the next one, when the claim's sentence is only a date (and a time)
    and the next follows on the same line or the next one."""
    sentence = claim.sentence
    rest = sentence.text[: mention.start - sentence.start] + " " + sentence.text[mention.end - sentence.start :]
    if not _DATELINE_REST.fullmatch(rest):
        return None
    following = next((s for s in ctx.document.sentences if s.start >= sentence.end), None)
    if following is None or ctx.document.text.count("\n", sentence.end, following.start) > 1:
        return None
    return following


def _in_last_week(event: object, ref: object) -> bool:
    """The event happened in the six days before the document's date (or on it): a bare weekday means that week."""
    date = getattr(event, "date", None)
    if date is None or date.start != date.end:
        return False
    return 0 <= (ref - date.start).days <= 6  # type: ignore[operator]


def _nearer_date(ctx: CheckContext, claim: Claim, mention: DateMention, event_id: str) -> str | None:
    """Another date of the sentence that sits nearer the event's name than the claimed one, if any."""
    names = [m for m, eid in ctx.resolver.events_named(claim.sentence) if eid == event_id]
    dates = [d for d in ctx.resolver.date_mentions(claim.sentence) if d.relation == "at"]
    if not names or len(dates) < 2:
        return None

    def gap(d: DateMention) -> int:
        return min(max(d.start - m.end, m.start - d.end, 0) for m in names)

    nearest = min(dates, key=gap)
    if nearest.start != mention.start and gap(nearest) < gap(mention):
        return nearest.text
    return None


FAR_DAYS = 120  # a claimed date further than this from the event's is not read as a misdating of it
_DETERMINERS = {"the", "a", "an", "this", "that", "le", "la", "les", "l", "un", "une", "ce", "cette", "its", "their",
                "sa", "son", "ses", "leur"}


def _named_specifically(ctx: CheckContext, claim: Claim, event_id: str) -> bool:
    """The sentence names the event by more than one common word ("the affected units", not "the avalanche").

    A far date next to a one-word alias is most often another occurrence of the same kind of event.
    """
    for m, eid in ctx.resolver.events_named(claim.sentence):
        if eid == event_id and len([w for w in fold(m.text).split() if w not in _DETERMINERS]) >= 2:
            return True
    return False


@hookimpl
def verify_checkers() -> list[object]:
    return [DateChecker()]
