"""From fact files to a ``FactBase``.

Parsing and building are separate steps on purpose: YAML is parsed here, but
JSON or CSV fact files (or anything a plugin reads) only have to produce the
same dict shape; ``build_factbase`` then validates every file against the
schema (extended with the sections plugins add, hook ``verify_fact_sections``),
merges them, checks the references between them and turns the raw data into
the frozen records checkers read. Validating in ``build_factbase`` means a
third-party loader cannot hand over malformed data and cause a traceback.
Files are merged in path order, so the same inputs always give the same fact
base and the same first error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from verify import yamlio
from verify.errors import InputError
from verify.facts.base import FactBase
from verify.facts.model import Entity, Event, Informed, Record, Role, Source
from verify.facts.validate import (
    RawRecord,
    Sections,
    check_references,
    check_section_references,
    collect_records,
    collect_section_records,
    json_view,
    parse_day,
    render_path,
    validate_file,
)
from verify.model import Interval

FACT_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
YAML_SUFFIXES = (".yaml", ".yml")

Parser = Callable[[Path], Mapping[str, Any]]


# -- finding and parsing files -----------------------------------------------------


def fact_files(paths: Sequence[Path]) -> list[Path]:
    """The fact files named by ``paths``: directories expand to their fact files, recursively.

    A file named explicitly is kept whatever its suffix (the caller decides whether
    it can read it); inside directories only ``.yaml``/``.yml``/``.json``/``.csv``
    files count, hidden files and directories are skipped. Each file appears once.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (
                    f
                    for f in path.rglob("*")
                    if f.suffix.lower() in FACT_SUFFIXES
                    and f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(path).parts)
                ),
                key=lambda f: f.as_posix(),
            )
        elif path.exists():
            found = [path]
        else:
            raise InputError("no such file or directory", str(path))
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def parse_yaml_facts(path: Path, sections: Sections | None = None) -> dict[str, Any]:
    """One YAML fact file as raw, schema-valid data (an ``LDict`` carrying positions).

    An empty file is an empty fact file. With ``sections`` (the plugin
    sections, see ``verify_fact_sections``) the file is checked completely.
    Without, top-level keys other than sources, entities and events are left
    for ``build_factbase`` to judge, since only it is told which plugin
    sections exist; everything else is checked here, so the error still comes
    with the file's positions.
    """
    try:
        data = yamlio.load(path)
    except ValueError as exc:  # an impossible date such as 2024-02-30, from PyYAML's constructor
        raise _bad_scalar(path, exc) from None
    if data is None:
        data = yamlio.LDict()
        data.key_pos = {}
    validate_file(data, str(path), sections, strict=sections is not None)
    result: dict[str, Any] = data
    return result


def _bad_scalar(path: Path, exc: ValueError) -> InputError:
    """Find the scalar PyYAML could not construct, to report its line and column."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        root = None
    constructor = yaml.SafeLoader("")
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())] if root is not None else []
    seen: set[int] = set()
    while stack:
        node, where = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except ValueError as err:
                what = "impossible date" if node.tag.endswith(":timestamp") else "invalid value"
                prefix = f"{render_path(where)}: " if where else ""
                line, col = node.start_mark.line + 1, node.start_mark.column + 1
                return InputError(f"{prefix}{what} {node.value!r} ({err})", str(path), line, col)
            except yaml.YAMLError:
                pass
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*where, i)) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, (*where, key.value)), (key, where)))
    return InputError(f"invalid value ({exc})", str(path))


# -- building the fact base ----------------------------------------------------------


def build_factbase(files: Sequence[tuple[str, Mapping[str, Any]]], sections: Sections | None = None) -> FactBase:
    """Validate fact data from several files and merge it into one checked ``FactBase``.

    ``files`` holds ``(path, data)`` pairs; ``data`` is what ``parse_yaml_facts`` (or
    another loader) returned. Plain dicts and lists without positions work too;
    errors then name the file only. ``sections`` maps each plugin section to the
    JSON Schema of one of its items (hook ``verify_fact_sections``); their items
    end up in ``FactBase.extras``. Data already validated with the same sections
    (by ``parse_yaml_facts``) is not validated twice.
    """
    sections = dict(sections or {})
    ordered = sorted(files, key=lambda f: str(f[0]))
    for path, data in ordered:
        validate_file(data, str(path), sections)
    records = collect_records(ordered)
    check_references(records)
    extra = collect_section_records(ordered, sections)
    check_section_references(extra, records, sections)
    sources: dict[str, Source] = {}
    entities: dict[str, Entity] = {}
    events: dict[str, Event] = {}
    for rec in records:
        if rec.section == "sources":
            sources[rec.id] = _source(rec)
        elif rec.section == "entities":
            entities[rec.id] = _entity(rec)
        else:
            events[rec.id] = _event(rec)
    extras = {name: tuple(Record(json_view(r.data, r.path), r.origin()) for r in extra if r.section == name)
              for name in sections}
    return FactBase(sources=sources, entities=entities, events=events, extras=extras)


def load_facts(paths: Sequence[Path], parsers: Mapping[str, Parser] | None = None,
               sections: Sections | None = None) -> FactBase:
    """Find, parse and merge fact files; YAML only unless ``parsers`` maps more suffixes."""
    table: Mapping[str, Parser] = parsers or {suffix: parse_yaml_facts for suffix in YAML_SUFFIXES}
    parsed: list[tuple[str, Mapping[str, Any]]] = []
    for path in fact_files(paths):
        parse = table.get(path.suffix.lower())
        if parse is None:
            known = ", ".join(sorted(table))
            what = path.suffix or "suffix-less"
            raise InputError(f"cannot read {what} fact files (known: {known})", str(path))
        parsed.append((str(path), parse(path)))
    return build_factbase(parsed, sections)


def _day(value: Any) -> dt.date | None:
    return None if value is None else parse_day(value)


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _source(rec: RawRecord) -> Source:
    d = rec.data
    return Source(
        id=rec.id,
        title=d.get("title"),
        url=d.get("url"),
        publisher=d.get("publisher"),
        date=_day(d.get("date")),
    )


def _entity(rec: RawRecord) -> Entity:
    d = rec.data
    roles = tuple(
        Role(
            title=str(r["title"]),
            aliases=_strings(r.get("aliases")),
            start=_day(r.get("from")),
            end=_day(r.get("to")),
        )
        for r in d.get("roles") or ()
    )
    return Entity(
        id=rec.id,
        kind=str(d["kind"]),
        name=str(d["name"]),
        aliases=_strings(d.get("aliases")),
        roles=roles,
        located_in=d.get("located_in"),
        sources=_strings(d.get("sources")),
        origin=rec.origin(),
    )


def _event(rec: RawRecord) -> Event:
    d = rec.data
    date = d.get("date")
    interval: Interval | None = None
    if isinstance(date, Mapping):
        interval = Interval(parse_day(date["from"]), parse_day(date["to"]))
    elif date is not None:
        day = parse_day(date)
        interval = Interval(day, day)
    informed = d.get("informed")
    return Event(
        id=rec.id,
        kind=str(d["kind"]),
        name=str(d.get("name") or rec.id),
        aliases=_strings(d.get("aliases")),
        date=interval,
        place=d.get("place"),
        host=d.get("host"),
        attendees=_strings(d.get("attendees")),
        attendees_complete=bool(d.get("attendees_complete", False)),
        counts={str(k): v for k, v in (d.get("counts") or {}).items()},
        informed=None
        if informed is None
        else Informed(
            before=_strings(informed.get("before")),
            after=_strings(informed.get("after")),
            never=_strings(informed.get("never")),
            complete=bool(informed.get("complete", False)),
        ),
        sources=_strings(d.get("sources")),
        origin=rec.origin(),
    )
