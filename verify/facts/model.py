"""The reference facts as frozen records (CONTRACT §1).

Checkers read these and nothing else; they never see files or YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from verify.model import Interval


@dataclass(frozen=True)
class Source:
    id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Role:
    title: str
    aliases: tuple[str, ...] = ()
    start: dt.date | None = None  # the fact file's ``from``
    end: dt.date | None = None  # the fact file's ``to``

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # person | organization | place | group
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    located_in: str | None = None
    sources: tuple[str, ...] = ()
    origin: str = ""  # "file:line" where it was defined, for messages

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Informed:
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    complete: bool = False

    def timing_of(self, entity_id: str) -> str | None:
        for timing in ("before", "after", "never"):
            if entity_id in getattr(self, timing):
                return timing
        return None


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    date: Interval | None = None
    place: str | None = None  # an entity id, or a plain name
    host: str | None = None
    attendees: tuple[str, ...] = ()
    attendees_complete: bool = False
    counts: Mapping[str, float] = field(default_factory=dict)
    informed: Informed | None = None
    sources: tuple[str, ...] = ()
    origin: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def source(self) -> str | None:
        return self.sources[0] if self.sources else None
