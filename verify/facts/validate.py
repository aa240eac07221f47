"""Checking fact files before they become a fact base.

Two passes, because they see different things. ``validate_file`` checks the
shape of ONE file against the shipped JSON Schema (editors use the same schema,
so a file that validates there validates here). ``check_references`` checks what
only the merged files can tell: duplicate ids across files, ids that point
nowhere, ``located_in`` cycles, impossible or reversed dates.

Both raise the first problem as an ``InputError`` carrying file, line and
column, so the CLI can print one line and exit 2. Positions come from the
``LDict``/``LList`` containers ``verify.yamlio`` builds; data from loaders that
know no positions (plain dicts and lists) works too, the error then names the
file only.

Two rules worth knowing:

- Entities and events share one id namespace (both are named by ``attendees``,
  ``place``, ``informed``...); sources have their own (they are only ever named
  by ``sources`` lists).
- An event ``place`` that equals a known entity id is that entity; anything
  else is a plain place name, never an error. ``located_in`` on the other hand
  must name a known place.

Plugins may add top-level sections (hook ``verify_fact_sections``): each is a
list whose items follow the plugin's JSON Schema. They are validated like the
built-in sections, so a misspelled section name still gets a did-you-mean, and
an item property marked ``"x-ref": "entity"`` (or ``place``, ``event``,
``source``) must name a known record, exactly like ``attendees`` or
``sources`` do.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jsonschema

from verify import yamlio
from verify.errors import InputError

SECTIONS = ("sources", "entities", "events")
REF_KINDS = ("entity", "place", "event", "source")  # what an ``x-ref`` property of a plugin section may name

Where = tuple[Any, ...]  # a path into a file's data: keys and list indices
Sections = Mapping[str, Mapping[str, Any]]  # plugin section name -> JSON Schema of one item


# -- the schema ----------------------------------------------------------------


@cache
def fact_schema() -> dict[str, Any]:
    """The JSON Schema of one fact file, as shipped in ``verify/schemas``."""
    text = resources.files("verify").joinpath("schemas/facts.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def extended_schema(sections: Sections | None = None, *, strict: bool = True) -> dict[str, Any]:
    """The fact-file schema with plugin sections added as top-level lists of their items.

    An item schema may ``$ref`` the shipped definitions (``#/$defs/id``,
    ``#/$defs/date``, ``#/$defs/text``, ``#/$defs/sourceRefs``...), since it
    is embedded in this schema. ``strict=False`` lets unknown top-level keys
    through: a parser that does not know which plugins are loaded checks the
    sections it knows and leaves the rest to ``build_factbase``.
    """
    schema = copy.deepcopy(fact_schema())
    for name, item in (sections or {}).items():
        schema["properties"][name] = {
            "description": str(item.get("description", f"Records of the {name!r} section, added by a plugin.")),
            "type": ["array", "null"],
            "x-expected": "a list of records",
            "items": dict(item),
        }
    if not strict:
        schema["additionalProperties"] = True
    return schema


def check_sections(sections: Sections) -> None:
    """Refuse plugin sections that could not work: a clash with a built-in section, a bad schema.

    Raises ``ValueError`` naming the section; the caller says which plugin it came from.
    """
    for name, item in sections.items():
        if not isinstance(name, str) or not _SECTION_NAME.match(name):
            raise ValueError(f"fact section name {name!r} must be lowercase letters, digits and underscores")
        if name in SECTIONS:
            raise ValueError(f"fact section {name!r} is built in and cannot be redefined")
        if not isinstance(item, Mapping):
            raise ValueError(f"fact section {name!r}: the item schema must be a mapping")
        try:
            json.dumps(item)
            jsonschema.Draft202012Validator.check_schema(extended_schema({name: item}))
        except (TypeError, ValueError, jsonschema.SchemaError) as exc:
            raise ValueError(f"fact section {name!r}: invalid item schema: {getattr(exc, 'message', exc)}") from None
        for prop, sub in (item.get("properties") or {}).items():
            ref = sub.get("x-ref") if isinstance(sub, Mapping) else None
            if ref is not None and ref not in REF_KINDS:
                raise ValueError(f"fact section {name!r}: property {prop!r} has x-ref {ref!r}; "
                                 f"expected one of {', '.join(REF_KINDS)}")


_SECTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@lru_cache(maxsize=32)
def _validator(key: str = "{}", strict: bool = True) -> jsonschema.Draft202012Validator:
    """One compiled validator per set of sections (``key`` is their JSON), reused across files."""
    return jsonschema.Draft202012Validator(extended_schema(json.loads(key), strict=strict))


_VALIDATED = "_verify_validated_with"  # attribute set on position-carrying data once it passed validation
_LOOSE = "_verify_loosely_validated_with"  # the same, for a validation with strict=False


def _sections_key(sections: Sections | None) -> str:
    return json.dumps(sections or {}, sort_keys=True)


def validate_file(data: Any, path: str, sections: Sections | None = None, *, strict: bool = True) -> None:
    """Raise the first schema violation of one file's data, by position in the file.

    ``sections`` are the plugin sections to accept besides sources, entities
    and events (see ``check_sections``); ``strict=False`` accepts any other
    top-level key too (for parsing before the plugins are known).
    """
    key = _sections_key(sections)
    if strict and getattr(data, _VALIDATED, None) == key:
        return  # checked already, with the same sections (parse, then build)
    if strict and getattr(data, _LOOSE, None) == key:
        # Parsed loosely already: strict adds only "no unknown top-level key". Validating a big file
        # twice would double the largest cost of loading it.
        _check_top_level(data, path, key)
        setattr(data, _VALIDATED, key)
        return
    view = _json_view(data, path, ())
    errors = list(_validator(key, strict).iter_errors(view))
    if not errors:
        if hasattr(data, "__dict__"):  # LDict from YAML: remember; plain dicts are cheap to re-check
            setattr(data, _VALIDATED if strict else _LOOSE, key)
        return
    raise _first_error(data, path, errors)


def schema_error(validator: jsonschema.protocols.Validator, data: Any, path: str) -> InputError | None:
    """The first violation of ``validator``'s schema in ``data`` (parsed YAML), by position; None when valid.

    The same account of errors as fact files get, for any file shipped with a
    schema (the rule loader uses it for shapes its own checks did not expect).
    """
    try:
        view = _json_view(data, path, ())
    except InputError as exc:
        return exc
    errors = list(validator.iter_errors(view))
    return _first_error(data, path, errors) if errors else None


def _first_error(data: Any, path: str, errors: Sequence[jsonschema.ValidationError]) -> InputError:
    located = [(_locate_error(data, e), e) for e in errors]
    best, best_error = min(located, key=lambda pair: _sort_key(pair[0]))
    if best_error.validator == "required":
        best = _misspelt_instead(best, best_error, located)
    where, (line, col), message, _ = best
    text = f"{render_path(where)}: {message}" if where else message
    return InputError(text, path, line, col)


def _check_top_level(data: Any, path: str, key: str) -> None:
    """The strict schema's one addition to the loose one: every top-level key is a known section."""
    allowed = list(_validator(key, True).schema["properties"])
    unknown = [k for k in data if k not in allowed]
    if unknown:
        line, col = yamlio.position(data, unknown[0])
        raise InputError(_unknown_key(unknown[0], allowed), path, line, col)


def _misspelt_instead(best: _Located, error: jsonschema.ValidationError,
                      located: Sequence[tuple[_Located, jsonschema.ValidationError]]) -> _Located:
    """A missing required key next to an unknown key close to it: report the misspelling, with its did-you-mean.

    ``name`` is missing *because* ``nmae`` was written; "unknown key 'nmae' (did you mean 'name'?)" says
    what to fix, "missing required key 'name'" does not.
    """
    missing = [k for k in error.validator_value if k not in error.instance]
    for found, other in sorted(located, key=lambda pair: _sort_key(pair[0])):
        if other.validator != "additionalProperties" or found[0] != best[0]:
            continue
        allowed = list(other.schema.get("properties", {}))
        unknown = [k for k in other.instance if k not in allowed]
        if any(difflib.get_close_matches(str(k), missing, n=1, cutoff=0.6) for k in unknown):
            return found
    return best


def json_view(value: Any, path: str = "<facts>") -> Any:
    """Plain JSON data of a fact file's value: dates become ISO strings, positions are dropped."""
    return _json_view(value, path, ())


def _json_view(value: Any, path: str, where: Where) -> Any:
    """A copy the schema can read: dates become ISO strings, keys stay as they are.

    Keys are kept so that an error's ``absolute_path`` still walks the original
    data (and its positions); a key that is not text is refused here.
    """
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                line, col = yamlio.position(value, key)
                prefix = f"{render_path(where)}: " if where else ""
                raise InputError(f"{prefix}key {key!r} must be text", path, line, col)
            out[key] = _json_view(item, path, (*where, key))
        return out
    if isinstance(value, (list, tuple)):
        return [_json_view(item, path, (*where, i)) for i, item in enumerate(value)]
    return value


# (path, (line, column), message, rank): at one spot a wrong type is said first (rank 0),
# since "expected a text, got 3" explains "3 is not one of ..." and not the reverse.
_Located = tuple[Where, tuple[int | None, int | None], str, int]


def _sort_key(found: _Located) -> tuple[Any, ...]:
    where, (line, col), message, rank = found
    unknown = 1 << 62  # errors without a position sort last, by path
    line_key = line if line is not None else unknown
    col_key = col if col is not None else unknown
    return (line_key, col_key, render_path(where), rank, message)


def _locate_error(data: Any, error: jsonschema.ValidationError) -> _Located:
    where: Where = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and error.validator_value is False:
        allowed = list(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        key = unknown[0] if unknown else None
        container = node_at(data, where)
        pos = yamlio.position(container, key) if key is not None else yamlio.position(container)
        return where, pos, _unknown_key(key, allowed), 1
    return where, position_of(data, where), _message(error), 0 if error.validator == "type" else 1


def _unknown_key(key: Any, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r} (did you mean {close[0]!r}?)"
    return f"unknown key {key!r} (expected one of: {', '.join(allowed)})"


_TYPE_PHRASES = {
    "string": "a text",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "null": "nothing",
}


def describe_value(value: Any) -> str:
    """A value as an error message names it: "the text 'x'", "a list", "the integer 3"."""
    return _describe(value)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return f"a value of type {type(value).__name__}"


def _message(error: jsonschema.ValidationError) -> str:
    kind, value, schema = error.validator, error.instance, error.schema
    expected = schema.get("x-expected") if isinstance(schema, Mapping) else None
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        phrase = expected or " or ".join(_TYPE_PHRASES.get(t, t) for t in types if t != "null")
        return f"expected {phrase}, got {_describe(value)}"
    if kind == "pattern":
        return f"{value!r} is not {expected or 'in the expected form'}"
    if kind == "enum":
        return f"{value!r} is not one of {', '.join(str(v) for v in error.validator_value)}"
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        return f"missing required key {missing[0]!r}" if missing else error.message
    if kind == "minLength":
        return "must not be empty"
    if kind == "minimum":
        return f"{value!r} is negative; a count must be a number >= 0"
    return error.message


# -- positions -------------------------------------------------------------------


def render_path(where: Where) -> str:
    """``("entities", 3, "kind")`` → ``entities[3].kind``."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def node_at(data: Any, where: Where) -> Any:
    """The value at ``where`` inside ``data`` (None when the path leaves the data)."""
    node = data
    for part in where:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def position_of(data: Any, where: Where) -> tuple[int | None, int | None]:
    """Best known (line, column) of the value at ``where``: its key or list item."""
    if not where:
        return yamlio.position(data)
    parent = node_at(data, where[:-1])
    line, col = yamlio.position(parent, where[-1])
    if line is None:  # no position here: fall back to the nearest container that has one
        for cut in range(len(where) - 1, -1, -1):
            line, col = yamlio.position(node_at(data, where[:cut]))
            if line is not None:
                break
    return line, col


# -- dates -----------------------------------------------------------------------


def parse_day(value: Any) -> dt.date:
    """The day an ISO date or date-time names, as written (a time or offset is dropped).

    Raises ``ValueError`` for an impossible date such as 2024-02-30.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    raise ValueError(f"not a date: {value!r}")


# -- merged records --------------------------------------------------------------


@dataclass(frozen=True)
class RawRecord:
    """One source, entity or event as read from a file, with where it came from."""

    section: str  # "sources" | "entities" | "events"
    path: str  # the file
    index: int  # position in its file's section list
    data: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def where(self) -> Where:
        return (self.section, self.index)

    def position(self, *keys: Any) -> tuple[int | None, int | None]:
        """(line, column) of ``data[keys[0]][keys[1]]...``, or of the record itself."""
        if not keys:
            return yamlio.position(self.data)
        return position_of(self.data, keys)

    def origin(self) -> str:
        """``path:line`` of the record (its ``id`` key), or just the path."""
        line, _ = self.position("id")
        return f"{self.path}:{line}" if line is not None else self.path

    def error(self, message: str, *keys: Any) -> InputError:
        """An error about ``data[keys...]``, prefixed with its dotted path in the file."""
        line, col = self.position(*keys)
        return InputError(f"{render_path((*self.where, *keys))}: {message}", self.path, line, col)


def collect_records(files: Sequence[tuple[str, Mapping[str, Any]]]) -> list[RawRecord]:
    """Every record of the (already schema-valid) files, in the order given, file order within."""
    out: list[RawRecord] = []
    for path, data in files:
        for section in data:
            if section not in SECTIONS:
                continue
            for i, record in enumerate(data[section] or ()):
                out.append(RawRecord(section, path, i, record))
    return out


def check_references(records: Sequence[RawRecord]) -> None:
    """Raise the first cross-record problem: duplicate ids, dangling ids, cycles, bad dates."""
    sources: dict[str, RawRecord] = {}
    named: dict[str, RawRecord] = {}  # entities and events: one namespace
    for rec in records:
        table = sources if rec.section == "sources" else named
        first = table.get(rec.id)
        if first is not None:
            raise InputError(
                f"duplicate id {rec.id!r}: {first.origin()} and {rec.origin()}", rec.path, *rec.position("id")
            )
        table[rec.id] = rec
    refs = _Refs(sources, named)
    for rec in records:
        if rec.section == "sources":
            _check_day(rec, "date")
        elif rec.section == "entities":
            refs.check_entity(rec)
        else:
            refs.check_event(rec)
    _check_cycles(records, named)


def collect_section_records(files: Sequence[tuple[str, Mapping[str, Any]]], sections: Sections) -> list[RawRecord]:
    """Every item of the plugin sections, in the order given, file order within."""
    out: list[RawRecord] = []
    for path, data in files:
        for name in sections:
            for i, record in enumerate(data.get(name) or ()):
                out.append(RawRecord(name, path, i, record))
    return out


def check_section_references(extra: Sequence[RawRecord], records: Sequence[RawRecord], sections: Sections) -> None:
    """Raise the first problem of a plugin section item: a duplicate id, a dangling ``x-ref``, a bad date.

    Items with an ``id`` must be unique within their section. A property whose
    schema says ``"x-ref": KIND`` must name a known record of that kind (a list
    of them: each item). A property that is ``{"$ref": "#/$defs/date"}`` must be
    a possible date.
    """
    sources = {r.id: r for r in records if r.section == "sources"}
    named = {r.id: r for r in records if r.section != "sources"}
    seen: dict[tuple[str, str], RawRecord] = {}
    for rec in extra:
        if rec.data.get("id") is not None:
            first = seen.get((rec.section, rec.id))
            if first is not None:
                raise InputError(f"duplicate id {rec.id!r}: {first.origin()} and {rec.origin()}", rec.path,
                                 *rec.position("id"))
            seen[(rec.section, rec.id)] = rec
        for prop, sub in (sections[rec.section].get("properties") or {}).items():
            value = rec.data.get(prop)
            if value is None or not isinstance(sub, Mapping):
                continue
            if sub.get("$ref") == "#/$defs/date":
                _check_day(rec, prop)
            kind = sub.get("x-ref")
            if kind is None:
                continue
            keys = [(prop, i) for i in range(len(value))] if isinstance(value, (list, tuple)) else [(prop,)]
            for where in keys:
                _check_ref(rec, str(kind), where, sources, named)


def _check_ref(rec: RawRecord, kind: str, keys: Where, sources: Mapping[str, RawRecord],
               named: Mapping[str, RawRecord]) -> None:
    value = node_at(rec.data, keys)
    if kind == "source":
        if value not in sources:
            raise rec.error(f"unknown source {value!r}{_did_you_mean(value, sources)}", *keys)
        return
    target = named.get(value)
    want_section = "events" if kind == "event" else "entities"
    pool = [k for k, r in named.items() if r.section == want_section
            and (kind != "place" or r.data.get("kind") == "place")]
    if target is None:
        raise rec.error(f"unknown {kind} {value!r}{_did_you_mean(value, pool)}", *keys)
    if target.section != want_section:
        what = "an event" if target.section == "events" else "an entity"
        raise rec.error(f"{value!r} is {what}, not {_article(kind)} {kind}", *keys)
    if kind == "place" and target.data.get("kind") != "place":
        other = target.data.get("kind")
        raise rec.error(f"{value!r} is {_article(other)} {other}, not a place", *keys)


def _check_day(rec: RawRecord, *keys: Any) -> dt.date | None:
    value = node_at(rec.data, keys)
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        shown = value.isoformat() if isinstance(value, dt.date) else value
        raise rec.error(f"impossible date {shown!r} ({exc})", *keys) from None


@dataclass(frozen=True)
class _Refs:
    sources: Mapping[str, RawRecord]
    named: Mapping[str, RawRecord]

    def check_entity(self, rec: RawRecord) -> None:
        for i, _role in enumerate(rec.data.get("roles") or ()):
            start = _check_day(rec, "roles", i, "from")
            end = _check_day(rec, "roles", i, "to")
            if start and end and end < start:
                raise rec.error(f"role ends ({end}) before it starts ({start})", "roles", i, "to")
        place = rec.data.get("located_in")
        if place is not None:
            target = self.named.get(place)
            if target is None or target.section != "entities":
                raise rec.error(f"unknown place {place!r}{self._hint(place, 'place')}", "located_in")
            if target.data.get("kind") != "place":
                kind = target.data.get("kind")
                raise rec.error(f"{place!r} is {_article(kind)} {kind}, not a place", "located_in")
        self.check_sources(rec)

    def check_event(self, rec: RawRecord) -> None:
        date = rec.data.get("date")
        if isinstance(date, Mapping):
            start = _check_day(rec, "date", "from")
            end = _check_day(rec, "date", "to")
            if start and end and end < start:
                raise rec.error(f"the event ends ({end}) before it starts ({start})", "date", "to")
        else:
            _check_day(rec, "date")
        if rec.data.get("host") is not None:
            self.check_entity_id(rec, "host")
        for i, _ in enumerate(rec.data.get("attendees") or ()):
            self.check_entity_id(rec, "attendees", i)
        informed = rec.data.get("informed") or {}
        timing_of: dict[str, str] = {}
        for timing in ("before", "after", "never"):
            for i, who in enumerate(informed.get(timing) or ()):
                self.check_entity_id(rec, "informed", timing, i)
                if who in timing_of and timing_of[who] != timing:
                    raise rec.error(
                        f"{who!r} is listed under both informed.{timing_of[who]} and informed.{timing}",
                        "informed",
                        timing,
                        i,
                    )
                timing_of[who] = timing
        for name, value in (rec.data.get("counts") or {}).items():
            if isinstance(value, float) and not math.isfinite(value):
                raise rec.error(f"{value!r} is not a finite number", "counts", name)
        self.check_sources(rec)

    def check_entity_id(self, rec: RawRecord, *keys: Any) -> None:
        value = node_at(rec.data, keys)
        target = self.named.get(value)
        if target is None:
            raise rec.error(f"unknown entity {value!r}{self._hint(value, 'entity')}", *keys)
        if target.section != "entities":
            raise rec.error(f"{value!r} is an event, not an entity", *keys)

    def check_sources(self, rec: RawRecord) -> None:
        for i, ref in enumerate(rec.data.get("sources") or ()):
            if ref not in self.sources:
                hint = _did_you_mean(ref, self.sources)
                raise rec.error(f"unknown source {ref!r}{hint}", "sources", i)

    def _hint(self, value: str, want: str) -> str:
        pool = [
            k
            for k, r in self.named.items()
            if r.section == "entities" and (want != "place" or r.data.get("kind") == "place")
        ]
        return _did_you_mean(value, pool)


def _did_you_mean(value: str, pool: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(pool), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _article(word: Any) -> str:
    return "an" if str(word)[:1] in "aeiou" else "a"


def _check_cycles(records: Sequence[RawRecord], named: Mapping[str, RawRecord]) -> None:
    """``located_in`` must never lead back to where it started."""
    parent = {
        r.id: str(r.data["located_in"])
        for r in records
        if r.section == "entities" and r.data.get("located_in") is not None
    }
    done: set[str] = set()
    for rec in records:
        if rec.section != "entities" or rec.id in done:
            continue
        chain: list[str] = []
        node: str | None = rec.id
        while node is not None and node not in done:
            if node in chain:
                cycle = [*chain[chain.index(node) :], node]
                first = named[cycle[0]]
                raise first.error(f"located_in cycle: {' -> '.join(cycle)}", "located_in")
            chain.append(node)
            node = parent.get(node)
        done.update(chain)
