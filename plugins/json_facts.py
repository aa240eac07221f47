"""Fact loader for JSON fact files: the same structure as a YAML fact file (CONTRACT §1).

Why JSON at all: fact files are often exported by other tools (a newsroom
database, a spreadsheet macro), and those speak JSON. Syntax errors come from
the standard library's parser, with its line and column. Validation happens
later, in ``build_factbase``, like for every loader; to let its errors name a
line too, the (already valid) text is read a second time by a tiny parser
that keeps the position of every object, array, key and item, in the
``LDict``/``LList`` containers the YAML reader uses. A key given twice in one
object is an error (JSON parsers usually keep the last one silently).
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from verify.errors import InputError
from verify.hookspecs import hookimpl
from verify.yamlio import LDict, LList

FORMATS = ["json"]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


def parse_json_facts(path: Path) -> Any:
    """One JSON fact file as raw data carrying positions (not yet validated)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    try:
        json.loads(text, parse_constant=_refuse_constant)
        return _Reader(text, str(path)).document()
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", str(path), exc.lineno, exc.colno) from None
    except ValueError as exc:
        raise InputError(f"JSON syntax error: {exc}", str(path)) from None
    except RecursionError:
        raise InputError("JSON nesting too deep", str(path)) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a fact file may hold")


class _Reader:
    """Reads JSON text that ``json.loads`` accepted, remembering positions."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.i = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def skip(self) -> None:
        match = _WS.match(self.text, self.i)
        self.i = match.end() if match else self.i

    def document(self) -> Any:
        return self.value()

    def value(self) -> Any:
        self.skip()
        c = self.text[self.i]
        if c == "{":
            return self.mapping()
        if c == "[":
            return self.sequence()
        if c == '"':
            s, self.i = scanstring(self.text, self.i + 1)
            return s
        for word, val in _LITERALS.items():
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return val
        m = _NUMBER.match(self.text, self.i)
        assert m is not None  # json.loads accepted the text
        self.i = m.end()
        return float(m.group()) if m.group(1) or m.group(2) else int(m.group())

    def mapping(self) -> LDict:
        out = LDict()
        out.pos = self.pos(self.i)
        out.key_pos = {}
        self.i += 1
        self.skip()
        if self.text[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.skip()
            at = self.i
            key, self.i = scanstring(self.text, self.i + 1)
            self.skip()
            self.i += 1  # the colon
            item = self.value()
            if key in out:
                line, col = self.pos(at)
                raise InputError(f"duplicate key {key!r}", self.path, line, col)
            out[key] = item
            out.key_pos[key] = self.pos(at)
            self.skip()
            c = self.text[self.i]
            self.i += 1
            if c == "}":
                return out

    def sequence(self) -> LList:
        out = LList()
        out.pos = self.pos(self.i)
        out.item_pos = []
        self.i += 1
        self.skip()
        if self.text[self.i] == "]":
            self.i += 1
            return out
        while True:
            self.skip()
            out.item_pos.append(self.pos(self.i))
            out.append(self.value())
            self.skip()
            c = self.text[self.i]
            self.i += 1
            if c == "]":
                return out


@hookimpl(trylast=True)
def verify_load_facts(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() != ".json":
        return None
    data: dict[str, Any] = parse_json_facts(path)
    return data
