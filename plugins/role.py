"""Role: a person's title ("le secrétaire d'État Mike Pompeo").

A role claim holds when the person held that title at the date of the event
the text is about, or else at the document's date. It is contradicted only
when the title is known to the facts *exactly* and the person did not hold it
then (someone else's title, or their own outside its dates). A title the
facts do not know, one matched only partly ("général de l'unité d'élite
Al-Qods du Corps des gardiens..." against "général de l'unité d'élite
Al-Qods"), or a name matched approximately can support, never contradict.
"Former chair X" is checked as a past title.
"""

from __future__ import annotations

import datetime as dt

import regex

from verify.checking import CheckContext, entity_evidence, result, unverifiable
from verify.facts.base import RoleHolders, RoleMatch
from verify.facts.model import Role
from verify.hookspecs import hookimpl
from verify.model import Claim, Result
from verify.names import fold
from verify.resolve import Ref

_PAST = {"former", "ancien", "ancienne", "ex", "previous", "outgoing", "sortant", "sortante", "late", "feu"}
_NEUTRAL = {"new", "nouveau", "nouvel", "nouvelle", "current", "actuel", "actuelle", "then", "alors",
            "incoming", "newly", "appointed"}
_DETERMINERS = {"le", "la", "les", "l", "the", "a", "an", "un", "une", "du", "de", "des", "sa", "son", "ses",
                "his", "her", "its", "their", "leur"}
_HONORIFICS = {"dr", "mr", "mrs", "ms", "m", "mme", "pr", "prof", "sir", "dame", "docteur", "doctor", "me"}
_COMPLEMENT = {"de", "du", "des", "d", "of", "for", "at", "in", "a", "au", "aux", "en"}


_PAST_LEAD = regex.compile(
    r"\b(?:former|ex|who served as|who had been|who was once|previously|formerly|ancien|ancienne|"
    r"qui a été|qui avait été|qui fut|naguère|jadis)\b[\s\-]*$", regex.I)


# The person leaving the post, told in the claim's sentence: the title names them as they were until then.
_DEPARTURE = regex.compile(
    r"\b(?:a|ont|avait|avaient|vient|viennent)\s+(?:de\s+)?(?:démissionné|démissionner|quitté|quitter|"
    r"rendu\s+son\s+tablier|remis\s+sa\s+démission|pris\s+sa\s+retraite|été\s+(?:limogée?|remerciée?|évincée?|"
    r"congédiée?|démise?|remplacée?|relevée?\s+de\s+ses\s+fonctions))"
    r"|\b(?:démissionne|quitte|remet\s+sa\s+démission|est\s+(?:limogée?|remerciée?|évincée?|remplacée?))\b"
    r"|\b(?:resigned|quit|stepped\s+down|steps\s+down|retired|left\s+(?:the|his|her|their)\s+(?:post|job|role|office|"
    r"company|board)|(?:was|has\s+been|had\s+been)\s+(?:fired|dismissed|ousted|sacked|removed|replaced))\b",
    regex.I)


_BY_AGENT = regex.compile(
    r"\s+(?:désigné|nommé|élu|choisi|mandaté|missionné|recruté|appointed|named|elected|chosen|picked|hired)"
    r"(?:e|es|s)?\s+(?:par|by)\b.*$", regex.IGNORECASE | regex.DOTALL)


def clean_title(text: str) -> tuple[str, bool]:
    """The title's words without determiners, possessives and neutral adjectives; and whether 'former'."""
    # "the trust's new medical director"; not in a complement: "chair of the union's pensions committee"
    text = regex.sub(r"^(?:(?!\b(?:of|for|at)\b).)*?\b[\p{L}\-]+['’]s\s+", "", text.strip())
    text = _BY_AGENT.sub("", text)  # "directeur par intérim désigné par l'ARS": who chose them is not the title
    words = fold(text).split()
    past = False
    while words and (words[0] in _DETERMINERS or words[0] in _NEUTRAL or words[0] in _PAST
                     or words[0] in _HONORIFICS):
        past = past or words[0] in _PAST
        words = words[1:]
    while words and words[-1] in _HONORIFICS:
        words = words[:-1]
    return " ".join(words), past


class RoleChecker:
    id = "role"

    def check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        title_slot = claim.slot("title")
        person_slot = claim.slot("person")
        if title_slot is None or person_slot is None:
            return unverifiable(claim, "the rule gives no title or no person")
        lo, hi = min(title_slot.start, person_slot.start), max(title_slot.end, person_slot.end)
        people = ctx.resolver.entities(claim, lo, hi, ("person",), unknown=False, describe=False)
        title_first = title_slot.start < person_slot.start
        if title_first:
            person = next((p for p in reversed(people) if p.start >= title_slot.start + 1), None)
            if person is None:
                # "Deputy Peter Lang" as one alias: the mention swallows the title; the name alone still names him.
                known = [t.id for t in ctx.facts.lookup(person_slot.text)
                         if t.type == "entity" and ctx.facts.entities[t.id].kind == "person"]
                if len(known) == 1:
                    person = Ref(person_slot.text, person_slot.start, person_slot.end, (known[0],))
            title_text = ctx.document.text[title_slot.start : person.start] if person else title_slot.text
        else:
            person = next((p for p in people if p.end <= title_slot.start), None)
            title_text = title_slot.text
        if any(p is not person and title_slot.start <= p.start and p.end <= title_slot.end for p in people):
            return None  # the "title" holds another person's name: two phrases, not one title
        verb_title = claim.attrs.get("verb_title")
        if isinstance(verb_title, str):
            # "X, who chairs the board" / "X, qui préside le conseil": the title is the verb's noun and its object.
            own_id = person.id if person is not None else None
            forms = [_title_of(form, title_text) for form in verb_title.split("|")]
            title_text = next((f for f in forms if self._title_matches(clean_title(f)[0], ctx, own_id).matches),
                              forms[0])
        title, past = clean_title(title_text)
        lead = ctx.document.text[claim.start : title_slot.start]
        past = past or bool(_PAST_LEAD.search(lead)) or claim.attrs.get("past") is True
        if not title:
            return None
        own_id = person.id if person is not None else None
        holders = self._title_matches(title, ctx, own_id)
        matches, exact = holders.matches, holders.exact
        looks_like_title = bool(matches) or bool(set(title.split()) & ctx.lexicon.title_words)
        if not looks_like_title:
            return None  # "la décision de Donald Trump": no title at all
        if person is None:
            named = ctx.facts.lookup(person_slot.text)
            if any(t.type == "event" or ctx.facts.entities[t.id].kind != "person" for t in named):
                return None  # "le maire de Valmont": a place, not a person
            if not matches and not (set(title.split()) & ctx.lexicon.title_words and _full_name(person_slot.text)):
                return None  # nothing to check
            return unverifiable(claim, f"'{person_slot.text}' is not a person the facts know")
        if len(person.ids) > 1:
            return unverifiable(claim, f"'{person.text}' could be any of {', '.join(person.ids)}")
        entity = ctx.facts.entities[person.ids[0]]
        if not matches:
            return unverifiable(claim, f"the facts know no title '{title}'")
        own = holders.by_entity.get(entity.id, ())
        pick = ctx.resolver.resolve_event(claim, lambda e: e.date is not None, allow_previous=True)
        when = [pick.event.date.start] if pick.event and pick.event.date else []
        if pick.event and pick.event.date and pick.event.date.end != pick.event.date.start:
            when.append(pick.event.date.end)
        when.append(ctx.document.date)
        context_source = pick.event.source if pick.event else None
        evidence = [entity_evidence(entity, "roles", person.score, context_source)]
        approximate = person.score < 100 or not exact
        if own:
            role = own[0].role
            if past:
                if any(r.role.start is None or r.role.start <= ctx.document.date for r in own):
                    return result(claim, "supported", f"{entity.name} held the title {role.title} "
                                                      f"({_span(role)})", evidence)
                return unverifiable(claim, f"cannot tell whether {entity.name} had held {role.title}", evidence)
            held = [r for r in own if any(r.role.held_on(d) for d in when)]
            left = [r for r in own if r.role.end is not None and r.role.end <= ctx.document.date]
            if not held and left and _DEPARTURE.search(ctx.document.text, person.end, claim.sentence.end):
                # "La directrice, X, a démissionné": she held the title until the departure the sentence tells of.
                r = left[0].role
                return result(claim, "supported", f"{entity.name} held the title {r.title} until "
                                                  f"{r.end.isoformat()}, when the sentence says they left "
                                                  f"({_span(r)})", evidence)
            if held:
                r = held[0].role
                at = _when_text(when, pick.event is not None)
                return result(claim, "supported", f"{entity.name} held the title {r.title} {at} ({_span(r)})",
                              evidence)
            why = (f"{entity.name} held the title {role.title} only {_span(role)}, not on "
                   f"{', '.join(d.isoformat() for d in when)}")
            if approximate:
                return unverifiable(claim, why + "; the title or name matched only approximately", evidence)
            return result(claim, "contradicted", why, evidence)
        why = f"the facts give the title '{matches[0].role.title}' to {_holders_text(holders, ctx)}, not {entity.name}"
        if claim.attrs.get("indefinite"):
            # "X, a deputy mayor": one of several, so another holder of the title takes nothing from X.
            return unverifiable(claim, why + "; 'a' title may have more holders than the facts list", evidence)
        if past or approximate:
            return unverifiable(claim, why + "; the title or name matched only approximately"
                                if approximate else why + " (a former title)", evidence)
        evidence.extend(entity_evidence(ctx.facts.entities[m.entity_id], "roles", None, context_source)
                        for m in matches[:3])
        return result(claim, "contradicted", why, evidence)

    def _title_matches(self, title: str, ctx: CheckContext, entity_id: str | None = None) -> RoleHolders:
        """Who holds ``title``; ``exact`` only when the whole title matched exactly."""
        holders = ctx.facts.role_holders(title)
        if holders.matches:
            return holders
        # A shorter form of the person's own title: "Mayor Luc Blanc" for "Mayor of Lyon".
        if entity_id is not None:
            ent = ctx.facts.entities[entity_id]
            for role in ent.roles:
                for name in role.names:
                    words = fold(name).split()
                    n = len(title.split())
                    if words[:n] == title.split() and len(words) > n and words[n] in _COMPLEMENT:
                        match = RoleMatch(entity_id, role, 99.0)
                        return RoleHolders((match,), {entity_id: (match,)}, False)
        # A known title followed by a complement the facts do not record: a partial match.
        words = title.split()
        for n in range(len(words) - 1, 0, -1):
            if words[n] in _COMPLEMENT:
                found = ctx.facts.role_holders(" ".join(words[:n]))
                if found.exact:
                    return RoleHolders(found.matches, found.by_entity, False)
        return holders


def _holders_text(holders: RoleHolders, ctx: CheckContext, most: int = 5) -> str:
    """Who holds a title, by name: all of them when few, else the first few and how many more."""
    if len(holders.by_entity) <= most:
        return ", ".join(sorted(ctx.facts.entities[e].name for e in holders.by_entity))
    first = sorted(ctx.facts.entities[e].name for e in list(holders.by_entity)[:most])
    return f"{', '.join(first)} and {len(holders.by_entity) - most:,} others"


_CONTRACT = {"le": "du", "les": "des", "la": "de la", "l'": "de l'", "l’": "de l’"}


def _title_of(noun: str, obj: str) -> str:
    """The title a verb names with its object: ("chair", "the board") -> "chair of the board";
    ("présidente", "le conseil") -> "présidente du conseil"."""
    obj = obj.strip()
    if noun.isascii() and not noun.endswith(("eur", "rice", "ent", "ente")):
        return noun + " of " + _EN_DET.sub("the ", obj)
    m = _FR_DET.match(obj)
    if m is None:
        return noun + " de " + obj
    article = (m.group(1) or m.group(2)).lower()
    joined = _CONTRACT[article] + ("" if article.endswith(("'", "’")) else " ")
    return noun + " " + joined + obj[m.end():]


_EN_DET = regex.compile(r"^(?:its|their)\s+", regex.I)
_FR_DET = regex.compile(r"(?:(les|le|la)\s+|(l['’])\s*)", regex.I)


def _full_name(text: str) -> bool:
    """Two capitalised words or more: "Pekka Lind" (a person the facts may not know)."""
    return sum(1 for w in text.split() if w[:1].isupper()) >= 2


def _span(role: Role) -> str:
    a = role.start.isoformat() if role.start else "?"
    b = role.end.isoformat() if role.end else "now"
    return f"{a} to {b}"


def _when_text(when: list[dt.date], has_event: bool) -> str:
    return "at the event's date or the document's" if has_event else "at the document's date"



@hookimpl
def verify_checkers() -> list[object]:
    return [RoleChecker()]
