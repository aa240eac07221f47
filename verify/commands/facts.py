"""``verify facts check``: lint fact files before a check run trips over them.

Errors are exactly those ``verify check`` raises (the same loader is used), so
a file that passes here loads there. Warnings are things that load fine but
quietly weaken verdicts: a name two records share can never be resolved (so
claims about it stay unverifiable), overlapping terms of the same title make
role claims ambiguous, and evidence without sources cannot be cited.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import click
import pluggy

from verify.commands.rules import fail
from verify.engine import load_factbase
from verify.errors import InputError
from verify.facts.base import FactBase
from verify.facts.loader import fact_files
from verify.facts.model import Entity, Event, Role
from verify.facts.validate import collect_records
from verify.names import fold
from verify.plugins import get_plugin_manager


@click.group("facts")
def facts() -> None:
    """Check reference fact files."""


@facts.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
def check_cmd(paths: Sequence[Path], strict: bool) -> None:
    """Load fact files as `verify check` does; report errors (exit 2) and warnings."""
    pm = get_plugin_manager()
    try:
        base = load_factbase(paths, pm)
        warnings = list(fact_warnings(base, lambda: _source_origins(paths, pm)))
    except InputError as exc:
        fail(exc)
    for where, message in warnings:
        click.echo(f"{where}: warning: {message}")
    tail = f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    click.echo(f"OK: {len(base.sources)} sources, {len(base.entities)} entities, {len(base.events)} events{tail}")
    sys.exit(1 if strict and warnings else 0)


def fact_warnings(base: FactBase, source_origins: Callable[[], Mapping[str, str]] | None = None
                  ) -> Iterator[tuple[str, str]]:
    """(where, message) for each weakness of a loaded fact base, in a stable order.

    ``source_origins`` is a callable giving ``{source id: "file:line"}``; sources
    carry no origin in the fact base, so it is only asked when a source is unused.
    """
    yield from _shared_names("entities", base.entities.values())
    yield from _shared_names("events", base.events.values())
    for ent in base.entities.values():
        yield from _overlapping_roles(ent)
    for ev in base.events.values():
        if not ev.sources:
            yield ev.origin, f"event {ev.id!r} cites no source, so its verdicts carry no evidence source"
    cited = {s for rec in (*base.entities.values(), *base.events.values()) for s in rec.sources}
    unused = [s for s in base.sources if s not in cited]
    where = source_origins() if unused and source_origins is not None else {}
    for sid in unused:
        yield where.get(sid, "facts"), f"source {sid!r} is never cited by an entity or event"


def _shared_names(section: str, records: Iterable[Entity | Event]) -> Iterator[tuple[str, str]]:
    """A folded name that two records of one kind share: mentions of it are ambiguous."""
    owners: dict[str, dict[str, str]] = defaultdict(dict)  # folded name -> {id: name as written}
    origin: dict[str, str] = {}
    for rec in records:
        origin[rec.id] = rec.origin
        for name in rec.names:
            key = fold(name)
            if key:
                owners[key].setdefault(rec.id, name)
    for key, ids in owners.items():
        if len(ids) > 1:
            others = list(ids)[1:]
            shown = " and ".join(f"{i} ({ids[i]!r})" for i in ids)
            yield (origin[others[0]], f"name {key!r} is shared by {section} {shown}; a mention of it is ambiguous")


def _overlapping_roles(ent: Entity) -> Iterator[tuple[str, str]]:
    by_title: dict[str, list[Role]] = defaultdict(list)
    for role in ent.roles:
        by_title[fold(role.title)].append(role)
    for roles in by_title.values():
        for i, a in enumerate(roles):
            for b in roles[i + 1 :]:
                if _overlap(a, b):
                    yield ent.origin, (f"{ent.id!r} holds the title {a.title!r} twice over overlapping dates "
                                       f"({_span(a)} and {_span(b)})")


def _overlap(a: Role, b: Role) -> bool:
    return (a.start is None or b.end is None or a.start <= b.end) and (
        b.start is None or a.end is None or b.start <= a.end)


def _span(role: Role) -> str:
    return f"{role.start or '…'} to {role.end or '…'}"


def _source_origins(paths: Sequence[Path], pm: pluggy.PluginManager) -> dict[str, str]:
    """Where each source is defined; read again because the fact base does not keep it."""
    raw = [(str(f), pm.hook.verify_load_facts(path=f)) for f in fact_files(list(paths))]
    return {r.id: r.origin() for r in collect_records([x for x in raw if x[1]]) if r.section == "sources"}


COMMANDS = [facts]
