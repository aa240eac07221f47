"""Resolution: from a claim's raw slot text to entities, events and places.

This is the only stage that reads both the document and the facts. Checkers
ask it questions ("who is named in this slot?", "which event is this claim
about?") and get back plain answers with the reason, so a checker can say
*why* it could not decide.

Event resolution follows one fixed order, and never guesses:
1. an event named by one of its aliases in the claim's sentence;
2. else events of a kind whose trigger word is in the sentence (rules'
   ``event_kinds``), narrowed by a date or place the sentence names;
3. else the last event the document mentioned before the claim (only for
   claim kinds that allow it: attendance, informed, count, role);
4. else unverifiable, with the reason.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import types
import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import regex

from verify import dates
from verify.assertion import DESCRIBING_CLAUSE
from verify.facts.base import FactBase, Mention, Target
from verify.facts.model import Event, Role
from verify.model import Claim, Document, Interval, Sentence
from verify.names import Token, fold, tokens
from verify.rules.macros import NAME
from verify.rules.model import Lexicon

_NAME_RE = regex.compile(NAME)
_ANCHOR = regex.compile(
    r"\b(?:after|before|since|following|until|ahead of|prior to|après|avant|depuis|suite à|jusqu['’]à|"
    r"lendemain|veille)\b[^,.;]{0,45}$", regex.I)


_ATTACHED_GAP = regex.compile(r"[\s,]*(?:(?:du|de|des|d['’]|le|la|l['’]|of|on|in|at|à|au|en|the)\s*){0,3}", regex.I)


def _attached(sentence: Sentence, m: Mention, claim_start: int) -> bool:
    """The claim starts right after the mention, with at most a comma and a few particles between."""
    if claim_start < m.end or claim_start - m.end > 25:
        return False
    return bool(_ATTACHED_GAP.fullmatch(sentence.text[m.end - sentence.start : claim_start - sentence.start]))


_RELATIVE_CLAUSE = regex.compile(
    r",\s*(?:qui|dont|lequel|laquelle|lesquels|lesquelles|who|which|whose|whom)\b[^,;:]*(?=,)", regex.I)


def _relative_clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of relative clauses closed by a comma: ", which represents many workers,"."""
    return [(m.start() + sentence.start, m.end() + sentence.start) for m in _RELATIVE_CLAUSE.finditer(sentence.text)]


def _clause(sentence: Sentence, offset: int, opens: str = ",;:(—", closes: str = ",;:)—") -> tuple[int, int]:
    """The stretch of the sentence holding ``offset`` between delimiters (by default, commas and the like)."""
    text = sentence.text
    i = offset - sentence.start
    a = max(text.rfind(c, 0, i) for c in opens) + 1
    ends = [j for j in (text.find(c, i) for c in closes) if j >= 0]
    b = min(ends) if ends else len(text)
    return sentence.start + a, sentence.start + b


def _apposed(sentence: Sentence, people: Sequence[Ref], d: Ref) -> bool:
    """A title right after a name and a comma describes that name: "Jane Roe, the mayor"."""
    return any(0 <= d.start - p.end <= 12 and "," in sentence.text[p.end - sentence.start : d.start - sentence.start]
               for p in people)


def _is_anchor(sentence: Sentence, start: int) -> bool:
    """The event mention at ``start`` follows "after", "a day before", "depuis": a time reference."""
    return bool(_ANCHOR.search(sentence.text[max(0, start - sentence.start - 60) : start - sentence.start]))


_COMPLEMENT = {"de", "du", "des", "d", "of", "for", "at", "in", "a", "au", "aux", "en"}
# "another summit", "une autre réunion": an event other than the one the facts may hold.
_OTHER = regex.compile(
    r"\b(?:another|a separate|a second|a different|an earlier|a later|a previous|a further|a new|an extra|"
    r"une autre|un autre|une nouvelle|un nouveau|une seconde|un second|une précédente|un précédent|"
    r"une deuxième|un deuxième|une troisième|un troisième|the previous|the next|la prochaine|le prochain|"
    r"la précédente|le précédent)(?:\s+[\p{L}\-]+){0,2}\s*$", regex.I)
_NEGATED_ITEM = regex.compile(
    r"(?:,\s*|\b)(?:not|rather than|instead of|but not|except|et non|mais pas|non pas|plutôt que|au lieu de|"
    r"sauf|hormis|excepté)\s+(?:de\s+|d['’]\s*|the\s+|le\s+|la\s+|les\s+|l['’]\s*)?$", regex.I)
_ORG_BEFORE = regex.compile(r"\b(?:from|of|at|for|chez|auprès de)\s*$", regex.I)
_GROUP_AFTER = regex.compile(
    r"\s+(?:officials|representatives|delegates|members|staff|officers|employees|residents|leaders|ministers|"
    r"executives|workers|police|authorities|responsables|représentants|délégués|membres|élus|agents|habitants|"
    r"salariés|dirigeants|autorités)\b", regex.I)
_FIRST_PERSON_SINGULAR = {"i", "je", "j'", "moi", "me"}
_FIRST_PERSON = _FIRST_PERSON_SINGULAR | {"we", "nous"}
_SPEAKER_LABEL = regex.compile(r"[ \t]*(?:\*\*)?(\p{Lu}[\p{L}'’\-]+(?:[ \-]\p{Lu}[\p{L}'’\-]+){0,2})(?:\*\*)?\s*:")
_PRONOUNS = {"il", "elle", "he", "she", "lui", "him", "her"}
_RELATIVE_START = regex.compile(
    r",\s*(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles|who|which|whose|whom|where)\b", regex.I)
_FUNCTION_WORDS = {
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cette", "ces", "son", "sa", "ses", "selon",
    "the", "a", "an", "this", "these", "his", "her", "their", "its", "according", "mais", "but", "et", "and",
    "en", "in", "on", "at", "dans", "pour", "for", "with", "avec", "chez", "aussi", "also", "dimanche",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "former", "ancien", "ancienne", "new", "nouveau",
    "nouvelle", "chief", "director", "secretary", "president", "président", "présidente", "general",
    "général", "minister", "ministre", "deputy", "mayor", "maire", "dr", "mr", "mrs", "ms", "m", "mme",
}


@dataclass(frozen=True)
class Ref:
    """A name found in a slot: one entity, several (ambiguous), or none (unknown name)."""

    text: str
    start: int
    end: int
    ids: tuple[str, ...]  # empty: a name the facts do not know
    score: float = 100.0

    @property
    def id(self) -> str | None:
        return self.ids[0] if len(self.ids) == 1 else None


@dataclass(frozen=True)
class EventPick:
    event: Event | None
    reason: str  # how it was found, or why not
    how: str = ""  # alias | kind | previous | none | other (the sentence tells of an event the facts lack)
    score: float = 100.0
    alternatives: tuple[Event, ...] = ()  # other events the sentence names


class Resolver:
    def __init__(self, facts: FactBase, document: Document, lexicon: Lexicon) -> None:
        self.facts = facts
        self.doc = document
        self.lexicon = lexicon
        self._mention_cache: dict[int, list[Mention]] = {}
        self._other_event: dict[int, list[int]] = {}  # sentence start -> where it speaks of "another meeting"
        # Per-document memos: checkers ask about the same sentences again and again.
        self._tokens_cache: dict[Sentence, tuple[Token, ...]] = {}
        self._kinds_cache: dict[tuple[Sentence, int | None, int | None], frozenset[str]] = {}
        self._of_kinds_cache: dict[tuple[frozenset[str], Hashable], tuple[Event, ...]] = {}
        self._timelines: dict[Hashable, list[Event | None]] = {}
        self._sentence_ends = [s.end for s in document.sentences]
        self._base_cache: dict[int, list[Mention]] = {}
        self._first_named_cache: dict[str, int] | None = None
        self._dates_cache: dict[Sentence, tuple[dates.DateMention, ...]] = {}
        self._events_named_cache: dict[tuple[Sentence, int | None, int | None], tuple[tuple[Mention, str], ...]] = {}

    # -- names -------------------------------------------------------------------

    def sentence_mentions(self, sentence: Sentence) -> list[Mention]:
        cached = self._mention_cache.get(sentence.start)
        if cached is None:
            cached = self._with_surnames(sentence, self._base_mentions(sentence))
            self._mention_cache[sentence.start] = cached
        return cached

    def _base_mentions(self, sentence: Sentence) -> list[Mention]:
        found = self._base_cache.get(sentence.start)
        if found is None:
            found = self._base_cache[sentence.start] = self.facts.find_mentions(sentence.text, sentence.start)
        return found

    def _with_surnames(self, sentence: Sentence, found: list[Mention]) -> list[Mention]:
        """Add people named by their surname alone ("Baines said he was told"), as the press does once the
        full name has been given: the one person of the facts with that surname whose full name the
        document used before. Matched below 100: such a mention can support, never contradict."""
        surnames = per_facts(self.facts, "surnames", lambda: _surname_index(self.facts))
        if not surnames:
            return found
        extra = []
        for tok in self.sentence_tokens(sentence):
            if not tok.is_capitalized or tok.key not in surnames or any(m.start <= tok.start < m.end for m in found):
                continue
            ids = surnames[tok.key]
            if len(ids) == 1 and self._first_named().get(ids[0], tok.start) < tok.start:
                extra.append(Mention(tok.start, tok.end, tok.text, (Target("entity", ids[0]),), 95.0))
        return sorted(found + extra, key=lambda m: m.start) if extra else found

    def _first_named(self) -> dict[str, int]:
        """Where the document first names each entity by a full, exact name or alias."""
        if self._first_named_cache is None:
            first: dict[str, int] = {}
            for sentence in self.doc.sentences:
                for m in self._base_mentions(sentence):
                    if m.exact:
                        for t in m.targets:
                            first.setdefault(t.id, m.end - 1)
            self._first_named_cache = first
        return self._first_named_cache

    def mentions(self, sentence: Sentence, start: int, end: int) -> list[Mention]:
        return [m for m in self.sentence_mentions(sentence) if m.start >= start and m.end <= end]

    def entities(self, claim: Claim, start: int, end: int,
                 kinds: Sequence[str] = ("person", "organization", "group"),
                 unknown: bool = True, describe: bool = True) -> list[Ref]:
        """Entities of ``kinds`` named between ``start`` and ``end``, plus unknown names.

        With ``describe``, also people referred to by their title alone ("the
        mayor") or by a pronoun, matched below 100 so they never contradict.
        """
        refs: list[Ref] = []
        taken: list[tuple[int, int]] = []
        relatives = _relative_clauses(claim.sentence)
        for m in self.mentions(claim.sentence, start, end):
            taken.append((m.start, m.end))
            if any(a <= m.start and m.end <= b for a, b in relatives):
                continue  # "UFCW Local 555, which represents the workers, was told": not the workers
            if _NEGATED_ITEM.search(claim.sentence.text[max(0, m.start - claim.sentence.start - 25)
                                                        : m.start - claim.sentence.start]):
                continue  # "Paul Martin, not Anna Weber, attended": Anna Weber is excluded
            ids = tuple(t.id for t in m.targets if t.type == "entity" and self.facts.entities[t.id].kind in kinds)
            if ids and not self._in_title(claim.sentence, m, ids):
                score = m.score
                base = claim.sentence.start
                lead = claim.sentence.text[max(start, m.start - 40) - base : m.start - base]
                if _COMPLEMENT_OF.search(lead):
                    # "les agents de la collectivité": the claim is about the agents; the collectivity only
                    # qualifies them, so it may support but never contradict.
                    score = min(score, 90.0)
                refs.append(Ref(m.text, m.start, m.end, ids, score))
        if unknown:
            refs.extend(self.unknown_names(claim.sentence, start, end, taken))
        if "person" in kinds and describe:
            taken.extend((r.start, r.end) for r in refs)
            named_people = [r for r in refs if r.ids]
            refs.extend(d for d in self.described_people(claim.sentence, start, end, taken)
                        if not any(a <= d.start and d.end <= b for a, b in relatives)
                        and not _apposed(claim.sentence, named_people, d))
            if not refs:
                refs.extend(self.pronoun(claim.sentence, start, end))
        refs.sort(key=lambda r: r.start)
        return refs

    def described_people(self, sentence: Sentence, start: int, end: int, taken: Sequence[tuple[int, int]]
                         ) -> list[Ref]:
        """"the mayor", "la directrice générale": the one person holding that title at the document's date.

        Matched with a score below 100, so such a reference can support a claim
        but never contradict one (the writer may mean another mayor).
        """
        toks = tokens(sentence.text[start - sentence.start : end - sentence.start], start)
        out: list[Ref] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(self._title_len, len(toks) - i), 0, -1):
                key = tuple(t.key for t in toks[i : i + n])
                if key in self._title_keys:
                    hit = n
                    break
            if hit is None:
                i += 1
                continue
            a, b = toks[i].start, toks[i + hit - 1].end
            i += hit
            if any(x < b and a < y for x, y in taken):
                continue
            nxt = toks[i] if i < len(toks) else None
            if nxt is not None and nxt.is_capitalized and nxt.start - b <= 2:
                continue  # "the mayor Luc Blanc": the name itself is the reference
            key = tuple(t.key for t in toks[i - hit : i])
            holders = {eid for eid, role in self._title_index[key] if role.held_on(self.doc.date)}
            if len(holders) == 1:
                out.append(Ref(sentence.text[a - sentence.start : b - sentence.start], a, b, (holders.pop(),), 95.0))
        return out

    @cached_property
    def _title_index(self) -> dict[tuple[str, ...], list[tuple[str, Role]]]:
        """Folded titles (and their short forms before "of/de": "mayor" for "mayor of Lyon") → holders."""
        return per_facts(self.facts, "title_index", self._build_title_index)

    def _build_title_index(self) -> dict[tuple[str, ...], list[tuple[str, Role]]]:
        index: dict[tuple[str, ...], list[tuple[str, Role]]] = {}
        for ent in self.facts.entities.values():
            for role in ent.roles:
                for name in role.names:
                    words = tuple(fold(name).split())
                    keys = {words}
                    keys.update(words[:n] for n in range(1, len(words)) if words[n] in _COMPLEMENT)
                    for key in keys:
                        if key and not (len(key) == 1 and len(key[0]) <= 3):
                            index.setdefault(key, []).append((ent.id, role))
        return index

    @cached_property
    def _title_keys(self) -> set[tuple[str, ...]]:
        return per_facts(self.facts, "title_keys", lambda: set(self._title_index))  # type: ignore[no-any-return]

    @cached_property
    def _title_len(self) -> int:
        return per_facts(self.facts, "title_len", lambda: max((len(k) for k in self._title_index), default=1))

    def pronoun(self, sentence: Sentence, start: int, end: int) -> list[Ref]:
        """"il", "she": the last person named before, in this sentence or the previous one.

        Score 90: a pronoun can support a claim, never contradict one.
        """
        text = sentence.text[start - sentence.start : end - sentence.start].strip().casefold().replace("’", "'")
        if text in _FIRST_PERSON:
            return self.speaker(sentence, start, end, 100.0 if text in _FIRST_PERSON_SINGULAR else 90.0)
        if text not in _PRONOUNS:
            return []
        for s in reversed([x for x in self.doc.sentences if x.start <= sentence.start][-2:]):
            limit = start if s.start == sentence.start else s.end
            people = [m for m in self.sentence_mentions(s) if m.end <= limit and any(
                t.type == "entity" and self.facts.entities[t.id].kind == "person" for t in m.targets)]
            if people:
                m = people[-1]
                ids = tuple(t.id for t in m.targets if t.type == "entity")
                return [Ref(m.text, start, end, ids, min(m.score, 90.0))]
        return []

    def speaker(self, sentence: Sentence, start: int, end: int, score: float) -> list[Ref]:
        """"I", "je": the speaker named by the label opening the line ("Ashdown: I was never told").

        An interview's answers carry their speaker's name; that label is as
        explicit as a name, so "I" resolves with full confidence ("we" only
        supports). Without a label that names a known person, nothing.
        """
        text = self.doc.text
        line_start = text.rfind("\n", 0, sentence.start) + 1
        label = _SPEAKER_LABEL.match(text, line_start)
        if not label or label.end() > start:
            return []
        found = [t for t in self.facts.lookup(label.group(1)) if t.type == "entity"
                 and self.facts.entities[t.id].kind == "person"]
        if len(found) != 1:
            return []
        return [Ref(label.group(1), start, end, (found[0].id,), score)]

    def _in_title(self, sentence: Sentence, m: Mention, ids: tuple[str, ...]) -> bool:
        """An organisation named as the complement of a title is not a list item.

        In "la cheffe de file de l'opposition, Hélène Garnier" or "the head of
        NHS England, Jane Roe", the organisation belongs to the title.
        """
        if any(self.facts.entities[i].kind == "person" for i in ids):
            return False
        if self._qualifies_title(sentence, m):
            return True
        before = tokens(sentence.text[: m.start - sentence.start], sentence.start)[-7:]
        keys = [t.key for t in before]
        while keys and keys[-1] in ("le", "la", "l", "les", "the"):
            keys.pop()
        if not keys or keys[-1] not in ("de", "du", "des", "d", "of"):
            return False
        head = keys[:-1][-5:]
        return any(k in self.lexicon.title_words for k in head)

    def _qualifies_title(self, sentence: Sentence, m: Mention) -> bool:
        """An organisation right before a title qualifies it: "Westmere managing director Diane Okafor",
        "the university's director of estates", "Acme's chief executive"."""
        rest = sentence.text[m.end - sentence.start :]
        possessive = _POSSESSIVE.match(rest)
        if possessive:
            rest = rest[possessive.end() :]
        elif not rest[:1].isspace():
            return False
        for tok in tokens(rest)[:2]:
            if tok.key in self.lexicon.title_words:
                return True
            if tok.key in _FUNCTION_WORDS:
                return False  # "Acme and Mayor Smith": a list goes on
        return False

    def unknown_names(self, sentence: Sentence, start: int, end: int,
                      taken: Sequence[tuple[int, int]]) -> list[Ref]:
        """Capitalised multi-word names that no fact names: "Pierre Lemaire"."""
        out: list[Ref] = []
        text = sentence.text[start - sentence.start : end - sentence.start]
        for m in _NAME_RE.finditer(text):
            s, e = m.start() + start, m.end() + start
            if any(a < e and s < b for a, b in taken):
                continue
            all_words = tokens(m.group())
            if any(t.key in self.lexicon.title_words for t in all_words):
                continue  # "Executive Officer", "Chair of the Board": a title, not a name
            words = [t for t in all_words if t.key not in _FUNCTION_WORDS]
            caps = [t for t in words if t.is_capitalized]
            if len(caps) < 2 or any(t.text.isupper() and len(t.text) > 1 for t in caps):
                continue
            if caps[0].start == 0 and s == sentence.start and len(caps) < 2:
                continue  # sentence-initial capital: may be an ordinary word
            before = sentence.text[: s - sentence.start]
            after = sentence.text[e - sentence.start :]
            if _ORG_BEFORE.search(before) or _GROUP_AFTER.match(after):
                continue  # "officials from Acme Corp", "New York officials": not a person
            first = caps[0].start
            out.append(Ref(m.group()[first:], s + first, e, ()))
        return out

    def places(self, claim: Claim, start: int, end: int) -> list[Ref]:
        refs = []
        for m in self.mentions(claim.sentence, start, end):
            ids = tuple(t.id for t in m.targets if t.type == "entity" and self.facts.entities[t.id].kind == "place")
            if ids:
                refs.append(Ref(m.text, m.start, m.end, ids, m.score))
        return refs

    # -- events ------------------------------------------------------------------

    @cached_property
    def _kind_words(self) -> list[tuple[tuple[str, ...], str]]:
        """Phrases that refer to an event of a kind.

        A fact file's ``kind`` is a free word: "raid" gets the words of the
        lexicon group holding "raid" (strike: "frappe", "opération"...), and
        every kind is also its own word ("notice" for kind ``notice``).
        """
        pairs = []
        groups = {kind: [tuple(w.split()) for w in words] for kind, words in self.lexicon.event_kinds.items()}
        fact_kinds = {e.kind for e in self.facts.events.values()}
        free = {fk for fk in fact_kinds if fk not in groups}  # kinds the lexicon has no group for
        for kind, keys in groups.items():
            targets = {kind} | {fk for fk in free if tuple(fold(fk).split()) in keys}
            for key in keys:
                if key:
                    pairs.extend((key, t) for t in targets)
        for fk in fact_kinds:
            key = tuple(fold(fk).split())
            if key:
                pairs.append((key, fk))
        pairs.sort(key=lambda p: -len(p[0]))
        return pairs

    @cached_property
    def _kind_table(self) -> list[tuple[int, dict[tuple[str, ...], frozenset[str]]]]:
        """``_kind_words`` as one dictionary per phrase length: folded phrase → kinds.

        Built once per fact base and word lists, not per document (it costs ~1.5 ms with the built-in lexicon).
        """
        def build() -> tuple[Lexicon, list[tuple[int, dict[tuple[str, ...], frozenset[str]]]]]:
            tables: dict[int, dict[tuple[str, ...], set[str]]] = {}
            for key, kind in self._kind_words:
                tables.setdefault(len(key), {}).setdefault(key, set()).add(kind)
            frozen = [(n, {k: frozenset(v) for k, v in table.items()}) for n, table in sorted(tables.items())]
            return self.lexicon, frozen

        lexicon, table = per_facts(self.facts, f"kind_table:{id(self.lexicon)}", build)
        return table if lexicon is self.lexicon else build()[1]  # the entry holds its lexicon: ids are not reused

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        """The sentence's word tokens (document offsets), computed once per document; do not modify."""
        toks = self._tokens_cache.get(sentence)
        if toks is None:
            toks = self._tokens_cache[sentence] = tokens(sentence.text, sentence.start)
        return toks

    def kinds_in(self, sentence: Sentence, start: int | None = None, end: int | None = None,
                 skip_anchors: bool = False) -> set[str]:
        """Event kinds the sentence (or a stretch of it) refers to by a word.

        With ``skip_anchors``, words in a time reference ("four months after the
        notice") do not count: they name the reference point, not the event.
        """
        key = (sentence, start, end, skip_anchors)
        found = self._kinds_cache.get(key)
        if found is None:
            toks = self.sentence_tokens(sentence)
            if start is not None and end is not None:
                toks = [t for t in toks if t.start >= start and t.end <= end]
            keys = [t.key for t in toks]
            hits: set[str] = set()
            other = False
            for n, table in self._kind_table:
                for i in range(len(keys) - n + 1):
                    kinds = table.get(tuple(keys[i : i + n]))
                    if kinds:
                        a = toks[i].start - sentence.start
                        if _OTHER.search(sentence.text[max(0, a - 30) : a]):
                            other = True  # "another summit": an event the facts may not hold
                            places = self._other_event.setdefault(sentence.start, [])
                            if toks[i].start not in places:
                                places.append(toks[i].start)
                        if skip_anchors and _is_anchor(sentence, toks[i].start):
                            continue
                        hits |= kinds
            found = self._kinds_cache[key] = frozenset() if other else frozenset(hits)
        return set(found)

    def _speaks_of_another(self, sentence: Sentence, offset: int) -> bool:
        """"Another meeting" in the part of the sentence (between colons and semicolons) holding ``offset``:
        "X n'y assistait pas : il était retenu par une autre réunion" is still about the meeting."""
        places = self._other_event.get(sentence.start)
        if not places:
            return False
        a, b = _clause(sentence, offset, ";:—", ";:—")
        return any(a <= p < b for p in places)

    def _kind_pool(self, kinds: set[str] | frozenset[str]) -> Iterator[Event]:
        index = per_facts(self.facts, "events_by_kind", lambda: _events_by_kind(self.facts))
        pools = [index[k] for k in kinds if k in index]
        for _, e in pools[0] if len(pools) == 1 else heapq.merge(*pools, key=_first):
            yield e

    def events_of_kinds(self, kinds: set[str] | frozenset[str], need: Callable[[Event], bool]) -> list[Event]:
        """Events of any of ``kinds`` that ``need`` accepts, in fact-base order.

        The same list as scanning every event of the fact base, from an index by
        kind, and remembered for the document (``need`` must be a pure test).
        """
        if not kinds:
            return []
        key = (frozenset(kinds), _predicate_key(need))
        found = self._of_kinds_cache.get(key)
        if found is None:
            found = self._of_kinds_cache[key] = tuple(e for e in self._kind_pool(kinds) if need(e))
        return list(found)

    def events_named(self, sentence: Sentence, start: int | None = None, end: int | None = None
                     ) -> list[tuple[Mention, str]]:
        """``_events_named``, remembered for the document: claims ask about the same sentences again and again."""
        key = (sentence, start, end)
        found = self._events_named_cache.get(key)
        if found is None:
            found = self._events_named_cache[key] = tuple(self._events_named(sentence, start, end))
        return list(found)

    def _events_named(self, sentence: Sentence, start: int | None = None, end: int | None = None
                      ) -> list[tuple[Mention, str]]:
        """Event aliases in the sentence, except those that name another one ("another summit")."""
        out = []
        for m in self.sentence_mentions(sentence):
            if start is not None and end is not None and not (m.start >= start and m.end <= end):
                continue
            if _OTHER.search(sentence.text[max(0, m.start - sentence.start - 30) : m.start - sentence.start]):
                continue
            for t in m.targets:
                if t.type == "event":
                    out.append((m, t.id))
        return out

    def resolve_event(self, claim: Claim, need: Callable[[Event], bool], *, allow_previous: bool,
                      ignore: tuple[int, int] | None = None, anchors: bool = True, named_first: bool = False
                      ) -> EventPick:
        """``_resolve_event``, then one more test for claims about the event itself (``anchors=False``):
        an event named by a common alias ("the avalanche") or carried over from an earlier sentence is
        not the one a sentence dated otherwise tells of ("a drame en février 2019 : une avalanche y avait
        fait trois morts" is about an earlier avalanche)."""
        pick = self._resolve_event(claim, need, allow_previous=allow_previous, ignore=ignore, anchors=anchors,
                                   named_first=named_first)
        if (pick.event is not None and pick.how in ("alias", "previous") and not anchors
                and self._dated_otherwise(pick.event, claim.sentence, ignore)):
            return EventPick(None, f"the sentence's date does not fit {pick.event.name}; it may be about "
                                   "another occurrence", "other")
        return pick

    def _dated_otherwise(self, event: Event, sentence: Sentence, ignore: tuple[int, int] | None) -> bool:
        """The sentence dates what it tells of (outside ``ignore``) months before ``event``.

        Only a distant date says "another occurrence": one a few days off is more likely the same event
        misdated (which the date claim itself reports). Dates in relative clauses (", who stepped down in
        June,") describe someone, not what the sentence tells of.
        """
        if event.date is None:
            return False
        relative = [m.span() for m in DESCRIBING_CLAUSE.finditer(sentence.text)]
        claimed = [d.interval for d in self.date_mentions(sentence) if d.relation == "at"
                   and not (ignore and d.start >= ignore[0] and d.end <= ignore[1])
                   and not any(a <= d.start - sentence.start < b for a, b in relative)]
        if not claimed:
            return False
        # Earlier only: a later date is as often the same story's schedule ("expected next August").
        far = dt.timedelta(days=OTHER_OCCURRENCE_DAYS)
        return all(c.end < event.date.start - far for c in claimed)

    def _resolve_event(self, claim: Claim, need: Callable[[Event], bool], *, allow_previous: bool,
                       ignore: tuple[int, int] | None = None, anchors: bool = True, named_first: bool = False
                       ) -> EventPick:
        """The event a claim is about. ``ignore`` is the claim's own slot (not used to narrow).

        With ``named_first``, an event the sentence names is the one the claim is
        about even when ``need`` rejects it (no event is then picked): who was told
        of or attended "the closure" is not read off the lists of another event.
        Counts, places and dates go without it, because a fact file may record
        them on a neighbouring event ("the decision" taken at a meeting).

        With ``anchors=False``, an event named only as a time reference ("four
        months after the notice", "a day before the vote") is not the event the
        claim is about: the date or meeting in that sentence is another one.
        """
        sentence = claim.sentence
        self.kinds_in(sentence)
        if self._speaks_of_another(sentence, claim.start):
            return EventPick(None, "the sentence is about another event ('another ...')", "none")
        if not anchors:
            clause = _clause(sentence, claim.start)
            by_alias = {eid for m, eid in self.events_named(sentence, *clause)
                        if not (ignore and m.start >= ignore[0] and m.end <= ignore[1])
                        and need(self.facts.events[eid])}
            if len(by_alias) == 1:
                # "..., toutes produites courant avril": the clause's own event, not the sentence's subject.
                ev = self.facts.events[by_alias.pop()]
                return EventPick(ev, f"named in the same clause ('{ev.name}')", "alias")
            if not by_alias:
                kinds = self.kinds_in(sentence, *clause)
                here = self._narrow(self.events_of_kinds(kinds, need), claim.sentence,
                                    ignore, strict=True, within=clause)
                if len(here) == 1:
                    return EventPick(here[0], f"the only {here[0].kind} that fits", "kind")
        named: dict[str, Mention] = {}
        unfit: dict[str, Mention] = {}  # named, but the facts record nothing of what the claim needs
        for m, eid in self.events_named(sentence):
            if ignore and m.start >= ignore[0] and m.end <= ignore[1]:
                continue
            if not need(self.facts.events[eid]):
                if named_first and (anchors or not _is_anchor(sentence, m.start)) and not any(
                        a <= m.start and m.end <= b for a, b in _relative_clauses(sentence)):
                    unfit.setdefault(eid, m)  # (not in ", qui n'avait pas été convié à la réunion,")
                continue
            if _attached(sentence, m, claim.start):
                # "l'attaque à la roquette du 27 décembre", "La fermeture ..., vendredi 8 mars":
                # the claim qualifies this very mention.
                return EventPick(self.facts.events[eid], f"named '{m.text}'", "alias", m.score)
            between = sentence.text[m.end - sentence.start : claim.start - sentence.start]
            if not anchors and _is_anchor(sentence, m.start) and (claim.start < m.start or "," in between):
                continue  # the claim is not within the anchor's own phrase
            named.setdefault(eid, m)
        slot = claim.slot("event")
        if slot and named:
            inside = {e: m for e, m in named.items() if m.start >= slot.start and m.end <= slot.end}
            named = inside or named
        if len(named) == 1:
            eid, m = next(iter(named.items()))
            return EventPick(self.facts.events[eid], f"named '{m.text}'", "alias", m.score)
        if not named and unfit:
            # "avertis qu'après la fermeture du pont": the claim is about the closure, whose record is silent
            # on it; another event (the last one mentioned, one of the same kind) would be a guess.
            names = ", ".join(f"'{m.text}' ({self.facts.events[e].name})" for e, m in sorted(unfit.items()))
            return EventPick(None, f"the sentence names {names}, and the facts record nothing of this for it",
                             "other")
        if len(named) > 1:
            # Several events named: take the one nearest before the claim's anchor.
            anchor = claim.start
            before = sorted(((anchor - m.end, e) for e, m in named.items() if m.end <= claim.end), key=lambda x: x[0])
            if before and (len(before) == 1 or before[0][0] != before[1][0]):
                eid = before[0][1]
                others = tuple(self.facts.events[e] for e in sorted(named) if e != eid)
                return EventPick(self.facts.events[eid], f"named '{named[eid].text}' (nearest)", "alias",
                                 alternatives=others)
            names = ", ".join(sorted(self.facts.events[e].name for e in named))
            return EventPick(None, f"the sentence names several events ({names})", "none")
        kinds = self.kinds_in(sentence, skip_anchors=not anchors)
        if kinds:
            found = self.events_of_kinds(kinds, need)
            # Strict for claims about the event itself; an informed claim's dates are often those of the
            # telling ("prévenu ... qu'à 6 heures ce matin"), so they only narrow.
            cands = self._narrow(found, claim.sentence, ignore, strict=not anchors)
            if anchors and len(cands) > 1:
                cands = self._narrow(cands, claim.sentence, ignore)
            if found and not cands:
                names = ", ".join(sorted(e.name for e in found))
                return EventPick(None, f"the date or place this sentence names does not fit {names}; it may "
                                       "be about another event", "none")
            if len(cands) == 1:
                return EventPick(cands[0], f"the only {cands[0].kind} that fits", "kind")
            if len(cands) > 1:
                names = ", ".join(sorted(e.name for e in cands))
                if not allow_previous:
                    return EventPick(None, f"ambiguous event: {names}", "none")
        if allow_previous:
            prev = self.previous_event(claim.start, need)
            if prev is not None:
                return EventPick(prev, f"the last event mentioned before ('{prev.name}')", "previous")
        return EventPick(None, "no event of the facts is named in this sentence", "none")

    def _narrow(self, cands: list[Event], sentence: Sentence, ignore: tuple[int, int] | None, strict: bool = False,
                within: tuple[int, int] | None = None) -> list[Event]:
        """Keep the events that fit the dates and places the sentence names.

        With ``strict``, an event whose recorded date or place conflicts with the
        sentence's is dropped even when it is the only candidate: an event found
        only by a kind word ("met") must not be pinned on a sentence about
        another meeting ("sat down with X in Paris").
        """
        claimed: list[Interval] = []
        for d in self.date_mentions(sentence):
            if ignore and d.start >= ignore[0] and d.end <= ignore[1]:
                continue
            if within and not (within[0] <= d.start and d.end <= within[1]):
                continue
            if d.relation == "at":
                claimed.append(d.interval)
        if claimed:
            by_date = [e for e in cands if e.date and any(e.date.overlaps(c) for c in claimed)]
            if strict:
                fits = {id(e) for e in by_date}  # by identity: the events of a fact base are all distinct
                cands = [e for e in cands if e.date is None or id(e) in fits]
            elif by_date:
                cands = by_date
        place_ids = set()
        for m in self.sentence_mentions(sentence):
            if ignore and m.start >= ignore[0] and m.end <= ignore[1]:
                continue
            if within and not (within[0] <= m.start and m.end <= within[1]):
                continue
            for t in m.targets:
                if t.type == "entity" and self.facts.entities[t.id].kind == "place":
                    place_ids.add(t.id)
        if place_ids and strict:
            cands = [e for e in cands if not self._place_conflict(e, place_ids)]
        if place_ids and len(cands) > 1:
            by_place = [e for e in cands if e.place and any(self.facts.contains(p, e.place) for p in place_ids)]
            if by_place:
                cands = by_place
        return cands

    def corroborated(self, event: Event, claim: Claim, ignore: tuple[int, int] | None) -> bool:
        """Whether the sentence ties itself to ``event`` beyond a kind word.

        A compatible place, an overlapping date, or a participant (host,
        attendee, someone informed) named in the sentence, outside the claim's
        own slot. An event found only through a kind word ("closed", "met") may
        support a date or place claim, but contradicts it only when corroborated.
        """
        sentence = claim.sentence
        people = {event.host, *event.attendees}
        if event.informed is not None:
            people.update(event.informed.before + event.informed.after + event.informed.never)
        participant = outsider = False
        for m in self.sentence_mentions(sentence):
            if ignore and m.start < ignore[1] and ignore[0] < m.end:
                continue
            for t in m.targets:
                if t.type != "entity":
                    continue
                kind = self.facts.entities[t.id].kind
                if t.id in people:
                    participant = True
                elif kind == "person" and event.attendees_complete:
                    outsider = True  # someone the closed attendee list excludes: maybe another meeting
                if (kind == "place" and event.place in self.facts.entities
                        and (self.facts.contains(t.id, event.place) or self.facts.contains(event.place, t.id))):
                    return True
        if event.date is not None:
            for d in self.date_mentions(sentence):
                if ignore and d.start < ignore[1] and ignore[0] < d.end:
                    continue
                if d.relation == "at" and d.interval.overlaps(event.date):
                    return True
        return participant and not outsider

    def _place_conflict(self, event: Event, place_ids: set[str]) -> bool:
        """Every place the sentence names is known and unrelated to the event's place."""
        if not event.place or event.place not in self.facts.entities:
            return False
        return all(not self.facts.contains(p, event.place) and not self.facts.contains(event.place, p)
                   for p in place_ids)

    def relative_antecedent(self, sentence: Sentence, offset: int) -> tuple[int, int] | None:
        """If ``offset`` lies in a relative clause (", qui ...", ", which ..."), the span of its antecedent.

        The antecedent is the stretch of the sentence before that comma, back to the
        previous comma or the sentence start.
        """
        text = sentence.text[: offset - sentence.start]
        starts = list(_RELATIVE_START.finditer(text))
        m = starts[-1] if starts else None
        if m is None or "," in text[m.end() :]:
            return None
        before = text[: m.start()]
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
        return sentence.start + cut + 1, sentence.start + m.start()

    def event_in(self, sentence: Sentence, start: int, end: int, need: Callable[[Event], bool]
                 ) -> list[Event]:
        """Events named (by alias, else by a kind word) between ``start`` and ``end``."""
        named = sorted({eid for m, eid in self.events_named(sentence, start, end)})
        evs = [self.facts.events[e] for e in named if need(self.facts.events[e])]
        if evs:
            return evs
        kinds = self.kinds_in(sentence, start, end)
        return self.events_of_kinds(kinds, need)

    def previous_event(self, offset: int, need: Callable[[Event], bool]) -> Event | None:
        """The last event the document told of before ``offset``, by alias or by kind word.

        A sentence with a kind word ("We met on 6 February") moves the context
        to the one event of that kind its date and place fit; when they fit none
        the facts record, it tells of another event and the context is lost
        (what follows, "X wasn't there", is not about the last recorded one).
        """
        sentences = self.doc.sentences
        # timeline[k]: the context after the first k sentences, for this ``need``; grown as far as asked
        timeline = self._timelines.setdefault(_predicate_key(need), [None])
        whole = bisect.bisect_right(self._sentence_ends, offset)  # sentences ending at or before ``offset``
        while len(timeline) <= whole:
            sentence = sentences[len(timeline) - 1]
            timeline.append(_after(timeline[-1], self._context_step(sentence, sentence.end, need)))
        last = timeline[whole]
        if whole < len(sentences) and sentences[whole].start < offset:  # the sentence holding ``offset``
            last = _after(last, self._context_step(sentences[whole], offset, need))
        return last

    def _context_step(self, sentence: Sentence, offset: int, need: Callable[[Event], bool]
                      ) -> tuple[str, Event | None]:
        """What a sentence (up to ``offset``) does to the event context: set it, reset it, or keep it."""
        named = [(m, eid) for m, eid in self.events_named(sentence) if m.end <= offset]
        fitting = [eid for m, eid in named if need(self.facts.events[eid])]
        if fitting:
            return ("set", self.facts.events[fitting[-1]])
        if named:
            return ("keep", None)
        kinds = self.kinds_in(sentence, sentence.start, min(sentence.end, offset))
        if not kinds:
            return ("keep", None)
        cands = self.events_of_kinds(kinds, need)
        if not cands:
            return ("keep", None)
        fits = self._narrow(cands, sentence, None, strict=True)
        if len(fits) > 1:
            fits = self._narrow(fits, sentence, None)
        if len(fits) == 1:
            return ("set", fits[0])
        if not fits and sentence.end <= offset:
            return ("reset", None)
        return ("keep", None)

    def date_mentions(self, sentence: Sentence) -> list[dates.DateMention]:
        found = self._dates_cache.get(sentence)
        if found is None:
            found = self._dates_cache[sentence] = tuple(
                dates.find_dates(sentence.text, self.doc.language, self.doc.date, sentence.start))
        return list(found)


# -- indexes kept per fact base ------------------------------------------------------------
#
# A Resolver lives for one document, but some of what it needs depends on the
# fact base alone (titles → holders, events by kind). Building those per
# document made every document pay for the size of the fact base; they are
# built once per FactBase object and dropped with it. A FactBase is never
# changed once built (checkers must not mutate facts), which is what makes
# this safe.

_PER_FACTS: dict[int, dict[str, Any]] = {}

# The possessive after an organisation's name that qualifies a title: "the university's director".
_POSSESSIVE = regex.compile(r"['’]s?\s")
# A mention that is the complement of a lowercase noun: "les agents [de la collectivité]", "staff [of the
# council]". Titles are handled apart (``_in_title``); capitalised heads ("Ministry of Health") are names.
_COMPLEMENT_OF = regex.compile(
    r"(?-i:\b\p{Ll}[\p{L}\-]{2,})\s+(?:de|du|des|d['’]|of|from)\s+"
    r"(?:(?:la|le|les|l['’]|the|its|their|sa|son|ses|leur)\s*)?$", regex.I)


def _surname_index(facts: FactBase) -> dict[str, tuple[str, ...]]:
    """Folded last word of each person's name (and aliases of two words or more) -> the people it names."""
    index: dict[str, set[str]] = {}
    for ent in facts.entities.values():
        if ent.kind != "person":
            continue
        for name in ent.names:
            words = fold(name).split()
            if len(words) >= 2 and len(words[-1]) >= 3:
                index.setdefault(words[-1], set()).add(ent.id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


# How far a sentence's date must be from an event's for the sentence to tell of another occurrence.
OTHER_OCCURRENCE_DAYS = 60


def per_facts(facts: FactBase, name: str, build: Callable[[], Any]) -> Any:
    """``build()``, computed once per fact base object and name."""
    memo = _PER_FACTS.get(id(facts))
    if memo is None:
        try:
            weakref.finalize(facts, _PER_FACTS.pop, id(facts), None)
        except TypeError:  # not weak-referenceable: no memo, rather than one that could outlive it
            return build()
        memo = _PER_FACTS[id(facts)] = {}
    if name not in memo:
        memo[name] = build()
    return memo[name]


def _events_by_kind(facts: FactBase) -> dict[str, list[tuple[int, Event]]]:
    index: dict[str, list[tuple[int, Event]]] = {}
    for pos, event in enumerate(facts.events.values()):
        index.setdefault(event.kind, []).append((pos, event))
    return index


def _first(item: tuple[int, Event]) -> int:
    return item[0]


def _after(last: Event | None, step: tuple[str, Event | None]) -> Event | None:
    """The event context once a sentence has set it, reset it or kept it."""
    return step[1] if step[0] == "set" else None if step[0] == "reset" else last


def _predicate_key(need: Callable[[Event], bool]) -> Hashable:
    """Two lambdas written at the same place with no captured variables test the same thing."""
    if isinstance(need, types.FunctionType) and need.__closure__ is None:
        return (need.__code__, need.__defaults__, need.__kwdefaults__ and tuple(sorted(need.__kwdefaults__.items())),
                id(need.__globals__))
    return need

