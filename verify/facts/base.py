"""The fact base: merged facts plus the indexes that make names cheap to find.

Exact lookups go through a dictionary keyed by folded token tuples; rapidfuzz
only sees the few aliases with the same token count and first letter, so the
cost of a name lookup hardly grows with the size of the fact base.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process

from verify.facts.model import Entity, Event, Role, Source
from verify.names import Token, fold, tokens

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio (0-100) a near miss must reach
MAX_ALIAS_TOKENS = 12


@dataclass(frozen=True)
class Target:
    """What an alias names: an entity or an event."""

    type: str  # "entity" | "event"
    id: str


@dataclass(frozen=True)
class Mention:
    """A span of text that names one or more targets."""

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    score: float = 100.0  # 100 for an exact folded match

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


@dataclass(frozen=True)
class RoleMatch:
    entity_id: str
    role: Role
    score: float


@dataclass(frozen=True)
class RoleHolders:
    """Everyone holding a title: the matches in fact-base order, by entity, and whether all are exact."""

    matches: tuple[RoleMatch, ...]
    by_entity: Mapping[str, tuple[RoleMatch, ...]]
    exact: bool


@dataclass
class FactBase:
    """Everything the fact files say, merged; what checkers read through ``ctx.facts``.

    ``extras`` holds the sections plugins add to the fact format (hook
    ``verify_fact_sections``), by section name, each a tuple of read-only
    ``Record`` mappings in file order: ``facts.extras.get("statements", ())``.
    They are kept as validated plain data rather than typed records because
    only the plugin that declared a section knows what it means.
    """

    sources: Mapping[str, Source] = field(default_factory=dict)
    entities: Mapping[str, Entity] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    extras: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)

    # -- indexes -----------------------------------------------------------------

    @cached_property
    def _alias_index(self) -> dict[tuple[str, ...], tuple[Target, ...]]:
        index: dict[tuple[str, ...], list[Target]] = defaultdict(list)
        for ent in self.entities.values():
            for name in ent.names:
                _add(index, name, Target("entity", ent.id))
        for ev in self.events.values():
            for name in ev.names:
                _add(index, name, Target("event", ev.id))
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _fuzzy_buckets(self) -> dict[tuple[int, str, int], tuple[list[str], list[int]]]:
        """Aliases by token count, first letter and length, each with its rank in the alias index.

        ``fuzz.ratio`` >= 90 needs lengths within about 20 % of each other (the
        Indel distance is at least their difference), so a lookup reads only the
        few buckets of nearby lengths; the ranks keep "first best in index
        order" exact across buckets.
        """
        buckets: dict[tuple[int, str, int], tuple[list[str], list[int]]] = {}
        for rank, key in enumerate(self._alias_index):
            joined = " ".join(key)
            if len(joined) >= 5:
                names, ranks = buckets.setdefault((len(key), joined[0], len(joined)), ([], []))
                names.append(joined)
                ranks.append(rank)
        return buckets

    @cached_property
    def _fuzzy_memo(self) -> dict[str, tuple[str, float] | None]:
        return {}

    @cached_property
    def _role_holders_memo(self) -> dict[str, RoleHolders]:
        return {}

    @cached_property
    def _alias_lengths(self) -> dict[str, tuple[int, ...]]:
        """Token counts of the aliases starting with each folded word, longest first.

        Most words of a text start no alias: one dictionary miss skips them,
        instead of a tuple built and looked up for every length up to the longest alias.
        """
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self._alias_index:
            if len(key) <= MAX_ALIAS_TOKENS:
                lengths[key[0]].add(len(key))
        return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    @cached_property
    def _role_index(self) -> dict[tuple[str, ...], tuple[tuple[str, Role], ...]]:
        index: dict[tuple[str, ...], list[tuple[str, Role]]] = defaultdict(list)
        seen: set[tuple[tuple[str, ...], str, Role]] = set()  # a list test made this quadratic in holders
        for ent in self.entities.values():
            for role in ent.roles:
                for name in role.names:
                    key = tuple(fold(name).split())
                    if key and (key, ent.id, role) not in seen:
                        seen.add((key, ent.id, role))
                        index[key].append((ent.id, role))
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _role_choices(self) -> dict[str, tuple[str, ...]]:
        """Each role key joined by spaces, for fuzzy title matching (built once, not per call)."""
        return {" ".join(k): k for k in self._role_index}

    @cached_property
    def _role_choice_names(self) -> tuple[str, ...]:
        return tuple(self._role_choices)

    # -- lookups -----------------------------------------------------------------

    def lookup(self, name: str) -> tuple[Target, ...]:
        """Targets whose name or alias folds to exactly ``name``."""
        return self._alias_index.get(tuple(fold(name).split()), ())

    def find_mentions(self, text: str, offset: int = 0, fuzzy: bool = True) -> list[Mention]:
        """Every name of the fact base found in ``text``, longest match first, left to right."""
        toks = tokens(text, offset)
        return self.mentions_in_tokens(toks, text, offset, fuzzy=fuzzy)

    def mentions_in_tokens(
        self, toks: Sequence[Token], text: str, offset: int, fuzzy: bool = True
    ) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        index = self._alias_index
        lengths = self._alias_lengths
        while i < len(toks):
            found = None
            for n in lengths.get(toks[i].key, ()):
                if n > len(toks) - i:
                    continue
                targets = index.get(tuple(t.key for t in toks[i : i + n]) if n > 1 else (toks[i].key,))
                if targets:
                    found = (n, targets, 100.0)
                    break
            if found is None and fuzzy and toks[i].is_capitalized:
                found = self._fuzzy_at(toks, i)
            if found is None:
                i += 1
                continue
            n, targets, score = found
            start, end = toks[i].start, toks[i + n - 1].end
            out.append(Mention(start, end, text[start - offset : end - offset], targets, score))
            i += n
        return out

    def _fuzzy_at(
        self, toks: Sequence[Token], i: int
    ) -> tuple[int, tuple[Target, ...], float] | None:
        best: tuple[int, tuple[Target, ...], float] | None = None
        for n in range(min(4, len(toks) - i), 0, -1):
            window = toks[i : i + n]
            if not window[-1].is_capitalized and n > 1 and not any(
                t.is_capitalized for t in window[1:]
            ):
                continue
            query = " ".join(t.key for t in window)
            if len(query) < 5:
                continue
            hit = self._nearest_alias(n, query)
            if hit and (best is None or hit[1] > best[2]):
                best = (n, self._alias_index[tuple(hit[0].split())], hit[1])
        return best

    def _nearest_alias(self, n: int, query: str) -> tuple[str, float] | None:
        """The alias of ``n`` tokens nearest ``query`` (ratio >= FUZZY_CUTOFF), first in index order on ties.

        Remembered per fact base: a text names the same people again and again.
        """
        memo = self._fuzzy_memo
        key = f"{n} {query}"
        if key in memo:
            return memo[key]
        found: tuple[int, str, float] | None = None  # (rank, alias, score)
        size = len(query)
        for length in range(int(size * 0.8), int(size * 1.25) + 2):
            bucket = self._fuzzy_buckets.get((n, query[0], length))
            if bucket is None:
                continue
            hit = process.extractOne(query, bucket[0], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit is None:
                continue
            rank = bucket[1][hit[2]]
            if found is None or (-hit[1], rank) < (-found[2], found[0]):
                found = (rank, hit[0], float(hit[1]))
        if len(memo) >= 65536:
            memo.clear()
        memo[key] = None if found is None else (found[1], found[2])
        return memo[key]

    def roles_named(self, title: str) -> list[RoleMatch]:
        """Roles (of any entity) whose title or alias folds to ``title``, else near misses."""
        return list(self.role_holders(title).matches)

    def role_holders(self, title: str) -> RoleHolders:
        """``roles_named`` with the matches grouped by entity, built once per title.

        A generic title ("maire") can have thousands of holders in a large fact
        base; a checker asks whether one person is among them with a dictionary
        lookup instead of a scan.
        """
        memo = self._role_holders_memo
        found = memo.get(title)
        if found is None:
            if len(memo) >= 65536:
                memo.clear()
            matches = tuple(self._roles_named(title))
            by_entity: dict[str, list[RoleMatch]] = defaultdict(list)
            for m in matches:
                by_entity[m.entity_id].append(m)
            found = memo[title] = RoleHolders(matches, {k: tuple(v) for k, v in by_entity.items()},
                                              bool(matches) and all(m.score >= 100 for m in matches))
        return found

    def _roles_named(self, title: str) -> list[RoleMatch]:
        key = tuple(fold(title).split())
        exact = self._role_index.get(key)
        if exact:
            return [RoleMatch(e, r, 100.0) for e, r in exact]
        joined = " ".join(key)
        if len(joined) < 6:
            return []
        choices = self._role_choices
        hit = process.extractOne(joined, self._role_choice_names, scorer=fuzz.ratio, score_cutoff=92)
        if not hit:
            return []
        return [RoleMatch(e, r, float(hit[1])) for e, r in self._role_index[choices[hit[0]]]]

    # -- places ------------------------------------------------------------------

    def ancestors(self, place_id: str) -> list[str]:
        """The chain of places containing ``place_id``, nearest first (cycle-safe)."""
        chain: list[str] = []
        seen = {place_id}
        ent = self.entities.get(place_id)
        while ent is not None and ent.located_in and ent.located_in not in seen:
            chain.append(ent.located_in)
            seen.add(ent.located_in)
            ent = self.entities.get(ent.located_in)
        return chain

    def contains(self, outer: str, inner: str) -> bool:
        """True when ``inner`` is ``outer`` or lies within it."""
        return outer == inner or outer in self.ancestors(inner)


def _add(index: dict[tuple[str, ...], list[Target]], name: str, target: Target) -> None:
    key = tuple(fold(name).split())
    if key and target not in index[key]:
        index[key].append(target)
