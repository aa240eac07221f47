"""Fact loader for CSV spreadsheets: one sheet of entities, events or sources per file.

Why CSV: newsrooms keep who-is-who and timelines in spreadsheets, and asking
them to retype those as YAML loses the habit. A sheet becomes the same mapping
a YAML fact file gives, so it goes through the same schema validation and
reference checks (``build_factbase``); every record and cell keeps its line
and column, so an error names the row it came from.

What kind of sheet a file is comes from its header (comma-separated, first row):

- **entities**: ``id,kind,name,aliases,title,title_aliases,from,to,located_in,sources``.
  One row per role: the rows of one id are one entity, later rows may leave
  ``kind``/``name`` empty (if given, they must agree) and each row with a
  ``title`` adds a role (``title_aliases``, ``from``, ``to``).
- **events** (a ``kind`` column and any of ``date``, ``date_from``, ``place``,
  ``attendees``, ``counts``, ``informed_*``...):
  ``id,kind,name,aliases,date,date_from,date_to,place,host,attendees,attendees_complete,``
  ``informed_before,informed_after,informed_never,informed_complete,counts,sources``.
- **sources** (no ``kind`` column): ``id,title,url,publisher,date``.

Lists are ``;``-separated (``Pompeo;Michael Pompeo``), counts are
``killed=10;wounded=6``, booleans ``true``/``false`` (also yes/no, oui/non,
1/0), empty cells are absent values. Columns may come in any order and any
subset, as long as the sheet's required ones (``id,kind,name`` for entities,
``id,kind`` for events, ``id`` for sources) are there.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from verify.errors import InputError
from verify.hookspecs import hookimpl
from verify.yamlio import LDict, LList

FORMATS = ["csv"]

ENTITY_COLUMNS = ("id", "kind", "name", "aliases", "title", "title_aliases", "from", "to", "located_in", "sources")
EVENT_COLUMNS = ("id", "kind", "name", "aliases", "date", "date_from", "date_to", "place", "host", "attendees",
                 "attendees_complete", "informed_before", "informed_after", "informed_never", "informed_complete",
                 "counts", "sources")
SOURCE_COLUMNS = ("id", "title", "url", "publisher", "date")
REQUIRED = {"entities": ("id", "kind", "name"), "events": ("id", "kind"), "sources": ("id",)}
_ENTITY_ONLY = set(ENTITY_COLUMNS) - set(EVENT_COLUMNS)
_EVENT_ONLY = set(EVENT_COLUMNS) - set(ENTITY_COLUMNS)
_TRUE = {"true", "yes", "y", "1", "oui", "vrai"}
_FALSE = {"false", "no", "n", "0", "non", "faux"}

Pos = tuple[int, int]


class _Row:
    """One CSV row: its cells by column name, each with its (line, column) in the file."""

    def __init__(self, path: str, line: int, cells: dict[str, str], where: dict[str, Pos]) -> None:
        self.path, self.line, self.cells, self.where = path, line, cells, where

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def pos(self, column: str) -> Pos:
        return self.where.get(column, (self.line, 1))

    def error(self, column: str, message: str) -> InputError:
        return InputError(f"{column}: {message}", self.path, *self.pos(column))

    def items(self, column: str) -> list[str]:
        return [x.strip() for x in self.get(column).split(";") if x.strip()]


def parse_csv_facts(path: Path) -> dict[str, Any]:
    """One CSV sheet as raw fact data carrying positions (not yet validated)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    rows = _read_rows(text, str(path))
    out = LDict()
    out.pos, out.key_pos = (1, 1), {}
    if not rows:
        return out
    header, *body = rows
    sheet, columns = _sheet(header, str(path))
    records = []
    for line, cells, where in body:
        if not any(c.strip() for c in cells):
            continue  # blank rows separate groups in spreadsheets
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise InputError(f"{len(cells)} cells but the header names {len(columns)} columns", str(path),
                             *where[len(columns)])
        records.append(_Row(str(path), line, dict(zip(columns, cells, strict=False)),
                            dict(zip(columns, where, strict=False))))
    build = {"entities": _entities, "events": _events, "sources": _sources}[sheet]
    out[sheet] = _llist(build(records), [r.line for r in records])
    out.key_pos[sheet] = (1, 1)
    return out


def _read_rows(text: str, path: str) -> list[tuple[int, list[str], list[Pos]]]:
    """Rows with the line they start on and the (line, column) of each cell."""
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text), strict=True)
    out = []
    done = 0
    try:
        for cells in reader:
            start, done = done + 1, reader.line_num
            out.append((start, cells, _cell_positions("\n".join(lines[start - 1 : done]), start)))
    except csv.Error as exc:
        raise InputError(f"CSV syntax error: {exc}", path, reader.line_num) from None
    return out


def _cell_positions(raw: str, first_line: int) -> list[Pos]:
    """Where each cell of one row starts (the csv module does not say)."""
    out: list[Pos] = []
    line, col = first_line, 1
    at_start, quoted = True, False
    i = 0
    while i < len(raw):
        c = raw[i]
        if at_start:
            out.append((line, col))
            at_start = False
            quoted = c == '"'
            if quoted:
                i, col = i + 1, col + 1
                continue
        if quoted and c == '"':
            if raw[i + 1 : i + 2] == '"':
                i, col = i + 2, col + 2
                continue
            quoted = False
        elif c == "," and not quoted:
            at_start = True
        if c == "\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    if at_start:
        out.append((line, col))
    return out


def _sheet(header: tuple[int, list[str], list[Pos]], path: str) -> tuple[str, list[str]]:
    """Which sheet the header describes, and its column names; unknown columns are errors."""
    _, cells, where = header
    columns = [c.strip().lower() for c in cells]
    if len(columns) == 1 and (";" in columns[0] or "\t" in columns[0]):
        raise InputError("expected comma-separated columns (the header has no comma)", path, 1, 1)
    names = set(columns)
    if "kind" not in names and names <= set(SOURCE_COLUMNS):
        sheet, allowed = "sources", SOURCE_COLUMNS
    elif names & _EVENT_ONLY or ("date" in names and not names & _ENTITY_ONLY):
        if names & _ENTITY_ONLY:
            both = sorted(names & _ENTITY_ONLY)[0], sorted(names & _EVENT_ONLY)[0]
            raise InputError(f"the header mixes entity columns ({both[0]!r}) and event columns ({both[1]!r}); "
                             "put entities and events in separate files", path, 1, 1)
        sheet, allowed = "events", EVENT_COLUMNS
    else:
        sheet, allowed = "entities", ENTITY_COLUMNS
    seen: set[str] = set()
    for name, pos in zip(columns, where, strict=False):
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (expected some of: {', '.join(allowed)})"
            raise InputError(f"unknown column {name!r} in a sheet of {sheet}{hint}", path, *pos)
        if name in seen:
            raise InputError(f"column {name!r} appears twice", path, *pos)
        seen.add(name)
    missing = [c for c in REQUIRED[sheet] if c not in seen]
    if missing:
        raise InputError(f"a sheet of {sheet} needs the column(s) {', '.join(missing)}", path, 1, 1)
    return sheet, columns


def _ldict(row: _Row, pairs: Sequence[tuple[str, Any, str]]) -> LDict:
    """A record from (key, value, column) triples; empty values are left out."""
    out = LDict()
    out.pos, out.key_pos = (row.line, 1), {}
    for key, value, column in pairs:
        if value is None or value == "" or value == []:
            continue
        out[key] = value
        out.key_pos[key] = row.pos(column)
    return out


def _llist(items: Sequence[Any], lines_or_pos: Sequence[Any]) -> LList:
    out = LList(items)
    out.pos = (1, 1)
    out.item_pos = [p if isinstance(p, tuple) else (p, 1) for p in lines_or_pos]
    return out


def _list(row: _Row, column: str) -> LList | list[str]:
    items = row.items(column)
    return _llist(items, [row.pos(column)] * len(items)) if items else []


def _bool(row: _Row, column: str) -> bool | None:
    value = row.get(column).lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise row.error(column, f"expected true or false, got {row.get(column)!r}")


def _counts(row: _Row) -> LDict | None:
    if not row.get("counts"):
        return None
    out = LDict()
    out.pos, out.key_pos = row.pos("counts"), {}
    for item in row.items("counts"):
        name, sep, number = (x.strip() for x in item.partition("="))
        if not sep or not name:
            raise row.error("counts", f"{item!r} is not name=number (e.g. killed=10;wounded=6)")
        try:
            value: float = int(number) if number.lstrip("-").isdigit() else float(number)
        except ValueError:
            raise row.error("counts", f"{number!r} is not a number (in {item!r})") from None
        if name in out:
            raise row.error("counts", f"count {name!r} given twice")
        out[name] = value
        out.key_pos[name] = row.pos("counts")
    return out


def _entities(rows: Sequence[_Row]) -> list[LDict]:
    """Rows grouped by id, in order of first appearance; each row may add a role."""
    by_id: dict[str, LDict] = {}
    first_row: dict[str, _Row] = {}
    for row in rows:
        ent_id = row.get("id")
        ent = by_id.get(ent_id) if ent_id else None
        if ent is None:
            ent = _ldict(row, [(k, row.get(k), k) for k in ("id", "kind", "name", "located_in")])
            ent["aliases"], ent["sources"], ent["roles"] = _llist([], []), _llist([], []), _llist([], [])
            by_id[ent_id or f"<line {row.line}>"] = ent
            first_row[ent_id] = row
        else:
            for key in ("kind", "name", "located_in"):
                if row.get(key) and row.get(key) != ent.get(key):
                    raise row.error(key, f"{row.get(key)!r} differs from {ent.get(key)!r} given for "
                                         f"{ent_id!r} on line {first_row[ent_id].line}")
        for key in ("aliases", "sources"):
            for item in row.items(key):
                if item not in ent[key]:
                    ent[key].append(item)
                    ent[key].item_pos.append(row.pos(key))
        if row.get("title"):
            role = _ldict(row, [("title", row.get("title"), "title"),
                                ("aliases", _list(row, "title_aliases"), "title_aliases"),
                                ("from", row.get("from"), "from"), ("to", row.get("to"), "to")])
            ent["roles"].append(role)
            ent["roles"].item_pos.append(row.pos("title"))
        else:
            for column in ("title_aliases", "from", "to"):
                if row.get(column):
                    raise row.error(column, "given without a title on this row")
    for ent in by_id.values():
        for key in ("aliases", "sources", "roles"):
            if not ent[key]:
                del ent[key]
            else:
                ent.key_pos[key] = ent[key].item_pos[0]
    return list(by_id.values())


def _events(rows: Sequence[_Row]) -> list[LDict]:
    out = []
    for row in rows:
        date: Any = row.get("date")
        date_column = "date"
        if row.get("date_from") or row.get("date_to"):
            if date:
                raise row.error("date", "give either date or date_from/date_to, not both")
            date = _ldict(row, [("from", row.get("date_from"), "date_from"), ("to", row.get("date_to"), "date_to")])
            date.pos = row.pos("date_from" if row.get("date_from") else "date_to")
            date_column = "date_from" if row.get("date_from") else "date_to"
        informed = None
        if any(row.get(f"informed_{t}") for t in ("before", "after", "never", "complete")):
            informed = _ldict(row, [(t, _list(row, f"informed_{t}"), f"informed_{t}")
                                    for t in ("before", "after", "never")]
                              + [("complete", _bool(row, "informed_complete"), "informed_complete")])
            informed.pos = next(row.pos(f"informed_{t}") for t in ("before", "after", "never", "complete")
                                if row.get(f"informed_{t}"))
        out.append(_ldict(row, [
            ("id", row.get("id"), "id"), ("kind", row.get("kind"), "kind"), ("name", row.get("name"), "name"),
            ("aliases", _list(row, "aliases"), "aliases"), ("date", date, date_column),
            ("place", row.get("place"), "place"), ("host", row.get("host"), "host"),
            ("attendees", _list(row, "attendees"), "attendees"),
            ("attendees_complete", _bool(row, "attendees_complete"), "attendees_complete"),
            ("counts", _counts(row), "counts"), ("informed", informed, "informed_before"),
            ("sources", _list(row, "sources"), "sources"),
        ]))
        if informed is not None:
            out[-1].key_pos["informed"] = informed.pos
    return out


def _sources(rows: Sequence[_Row]) -> list[LDict]:
    return [_ldict(row, [(k, row.get(k), k) for k in SOURCE_COLUMNS]) for row in rows]


@hookimpl(trylast=True)
def verify_load_facts(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() != ".csv":
        return None
    return parse_csv_facts(path)
