"""The reference facts as frozen records (CONTRACT §1).

Checkers read these and nothing else; they never see files or YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

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


class Record(Mapping[str, Any]):
    """One item of a plugin-defined fact section (``FactBase.extras``), read-only.

    Plugin sections have no dataclass of their own (their shape is the
    plugin's JSON Schema), so their items stay plain data, frozen so that a
    checker cannot change what other checkers read: values are text, numbers,
    booleans, ``None``, tuples and nested ``Record``s; dates are ISO strings
    whatever the file format (YAML, JSON, CSV). ``origin`` is ``file:line``
    where the item was written, for messages.
    """

    __slots__ = ("_data", "origin")

    def __init__(self, data: Mapping[str, Any], origin: str = "") -> None:
        object.__setattr__(self, "_data", {str(k): freeze(v) for k, v in data.items()})
        object.__setattr__(self, "origin", origin)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a fact record is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Record, (self._data, self.origin))

    def __repr__(self) -> str:
        return f"Record({self._data!r})"


def freeze(value: Any) -> Any:
    """Plain JSON-like data made immutable: mappings become ``Record``s, lists tuples."""
    if isinstance(value, Record):
        return value
    if isinstance(value, Mapping):
        return Record(value)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value
