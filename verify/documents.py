"""Read input documents: decode, front matter, Markdown masking, sentences.

Every offset the engine reports must index the string that
``Path(path).read_text(encoding="utf-8")`` returns, because that is how users'
editors and the evaluation scorer see the file. So the text is decoded exactly
that way (strict UTF-8, universal newlines, a byte order mark kept), and
nothing downstream ever works on a shortened or re-encoded copy: Markdown
markup is *masked* (replaced by spaces, same length) instead of stripped, and
front matter is skipped by starting sentence splitting after it.

Anything wrong with an input file is an ``InputError`` naming the file (and
the line where there is one), which the CLI prints as one line with exit 2.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from verify import yamlio
from verify.errors import InputError
from verify.language import detect_language
from verify.model import Document
from verify.segment import split_sentences

# Checking costs up to about a minute per MB of claim-dense text (the built-in pack, one process), so a
# bigger file is refused before it is read: a run stays bounded, and the fix (split the file) is easy.
MAX_DOCUMENT_BYTES = 1_000_000
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
LANGUAGES = ("fr", "en")
BOM = "\ufeff"

# ---------------------------------------------------------------------------
# Markdown masking
# ---------------------------------------------------------------------------

# Markup at the start of a line: indentation, blockquote markers, then a
# heading's hashes or a list bullet (with an optional task box).
_LINE_PREFIX = re.compile(
    r"^[ \t]*+(?:>[ \t]?)*+[ \t]*+"
    r"(?:\#{1,6}(?=[ \t]|$)|(?:[-*+]|\d{1,9}[.)])[ \t]++(?:\[[ xX]\][ \t]++)?)?",
    re.MULTILINE,
)
_HEADING_LINE = re.compile(r"^[ \t]*+(?:>[ \t]?)*+[ \t]*+\#{1,6}(?:[ \t][^\n]*+)?$", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"[ \t]\#++[ \t]*+$")
# Thematic breaks and setext underlines (---, ***, ___, ===) and code fences.
_RULE_LINE = re.compile(r"^[ \t]{0,3}+(?:(?:[-*_=][ \t]*+){3,}|(?:`{3,}|~{3,})[^\n]*+)$", re.MULTILINE)
# [text](url), ![alt](src), [text][ref]; each bracket run is bounded by the next bracket.
_LINK = re.compile(r"(?P<bang>!?)\[(?P<label>[^\[\]\n]*+)\](?P<target>\([^()\n]*+\)|\[[^\[\]\n]*+\])?")
_REFERENCE_DEF = re.compile(r"^[ \t]{0,3}+\[[^\[\]\n]++\]:[^\n]*+$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]*+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")
_STARS = re.compile(r"\*++")
_UNDERSCORES = re.compile(r"_++")
_BACKTICKS = re.compile(r"`++")


def _html_comment_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while (start := text.find("<!--", pos)) != -1:
        close = text.find("-->", start + 4)
        if close == -1:
            break  # an unclosed comment is left alone (and found in linear time)
        spans.append((start, close + 3))
        pos = close + 3
    return spans


def _emphasis_spans(text: str) -> list[tuple[int, int]]:
    """``*``/``_`` delimiter runs that touch a word on one side (not ``2 * 3``, not ``snake_case``)."""
    spans = []
    n = len(text)
    for m in _STARS.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < n else " "
        if not (before.isspace() and after.isspace()):
            spans.append(m.span())
    for m in _UNDERSCORES.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < n else " "
        if not (before.isalnum() and after.isalnum()) and not (before.isspace() and after.isspace()):
            spans.append(m.span())
    return spans


def _markup_spans(text: str) -> list[tuple[int, int]]:
    spans = _html_comment_spans(text)
    for m in _LINE_PREFIX.finditer(text):
        if m.end() > m.start() and not text[m.start() : m.end()].isspace():
            spans.append(m.span())
    for m in _HEADING_LINE.finditer(text):
        closing = _CLOSING_HASHES.search(text, m.start(), m.end())
        if closing:
            spans.append(closing.span())
    spans.extend(m.span() for m in _RULE_LINE.finditer(text))
    spans.extend(m.span() for m in _REFERENCE_DEF.finditer(text))
    for m in _LINK.finditer(text):
        if m.group("target") is None:
            continue  # "[sic]", "[...]": plain brackets, not a link
        if m.group("bang"):
            spans.append(m.span())  # an image has no prose: blank it whole
        else:
            spans.append((m.start(), m.start("label")))  # "["
            spans.append((m.end("label"), m.end()))  # "](url)" or "][ref]"
    spans.extend(m.span() for m in _AUTOLINK.finditer(text))
    spans.extend(m.span() for m in _HTML_TAG.finditer(text))
    spans.extend(_emphasis_spans(text))
    spans.extend(m.span() for m in _BACKTICKS.finditer(text))
    return spans


def _blank(segment: str) -> str:
    if "\n" not in segment and "\r" not in segment:
        return " " * len(segment)
    return re.sub(r"[^\n\r]", " ", segment)


def mask_markdown(text: str) -> str:
    """Replace Markdown markup by spaces; the result has exactly ``len(text)`` characters.

    Headings' hashes, blockquote and list markers, emphasis and code
    delimiters, link and image syntax (a link's text is kept), HTML comments
    and tags, thematic breaks and code fences become spaces; line breaks are
    kept, so every offset and line number of the masked text is the original's.
    """
    spans = sorted(s for s in _markup_spans(text) if s[0] < s[1])
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(_blank(text[start:end]))
        pos = end
    out.append(text[pos:])
    masked = "".join(out)
    assert len(masked) == len(text)
    return masked


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

_OPENING = re.compile(r"---[ \t]*+(?:\n|\r\n?)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t\r]*+$", re.MULTILINE)
_BAD_DATE_LINE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _shift(data: Any, lines: int, seen: set[int] | None = None) -> Any:
    """Move the positions yamlio recorded from the YAML's lines to the document's."""
    seen = set() if seen is None else seen
    if id(data) in seen:
        return data  # an alias: the same object, already moved
    if isinstance(data, yamlio.LDict):
        seen.add(id(data))
        data.pos = (data.pos[0] + lines, data.pos[1])
        data.key_pos = {k: (ln + lines, col) for k, (ln, col) in data.key_pos.items()}
        for value in data.values():
            _shift(value, lines, seen)
    elif isinstance(data, yamlio.LList):
        seen.add(id(data))
        data.pos = (data.pos[0] + lines, data.pos[1])
        data.item_pos = [(ln + lines, col) for ln, col in data.item_pos]
        for value in data:
            _shift(value, lines, seen)
    return data


def _parse_date(value: object, path: str, line: int | None, column: int | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"front matter 'date' is not an ISO date (YYYY-MM-DD): {value!r}", path, line, column)


def parse_front_matter(text: str, path: str) -> tuple[dict[str, Any], int]:
    """Parse a leading ``---`` YAML block; return (mapping, offset where the body starts).

    Without front matter (no ``---`` first line, or no closing ``---``/``...``
    line) this is ``({}, 0)``. Known keys are checked and normalised: ``date``
    becomes a ``datetime.date``, ``lang`` one of fr/en/auto, ``facts`` a list of
    path strings. Other keys are kept as they are. The mapping is a
    ``yamlio.LDict`` whose positions are lines of the document file.
    """
    skip = 1 if text.startswith(BOM) else 0
    opening = _OPENING.match(text, skip)
    if not opening:
        return {}, 0
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return {}, 0
    body_start = closing.end()
    if body_start < len(text) and text[body_start] == "\r":
        body_start += 1
    if body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    source = text[opening.end() : closing.start()]
    lines_before = 1  # the opening "---" line
    try:
        data = yamlio.loads(source, path)
    except InputError as exc:
        if exc.line is not None:
            exc.line += lines_before
        exc.path = path
        raise
    except (ValueError, TypeError) as exc:  # e.g. "date: 2024-13-45" fails inside the YAML library
        line = next(
            (i for i, ln in enumerate(source.splitlines(), 1) if _BAD_DATE_LINE.search(ln)),
            None,
        )
        raise InputError(
            f"front matter: {exc}", path, line + lines_before if line else lines_before + 1
        ) from None
    if data is None:
        return {}, body_start
    if not isinstance(data, dict):
        line, column = yamlio.position(data)
        raise InputError(
            "front matter must be a YAML mapping (key: value lines)",
            path,
            (line or 1) + lines_before,
            column,
        )
    meta = _shift(data, lines_before)
    _check_front_matter(meta, path)
    return meta, body_start


def _check_front_matter(meta: dict[str, Any], path: str) -> None:
    def where(key: str) -> tuple[int | None, int | None]:
        return yamlio.position(meta, key)

    if "date" in meta and meta["date"] is not None:
        meta["date"] = _parse_date(meta["date"], path, *where("date"))
    if "lang" in meta and meta["lang"] is not None:
        lang = meta["lang"]
        if not isinstance(lang, str) or lang.strip().lower() not in (*LANGUAGES, "auto"):
            message = f"front matter 'lang' must be fr, en or auto, not {lang!r}"
            raise InputError(message, path, *where("lang"))
        meta["lang"] = lang.strip().lower()
    if "facts" in meta and meta["facts"] is not None:
        facts = meta["facts"]
        if isinstance(facts, str):
            facts = [facts]
        if not isinstance(facts, list) or not all(isinstance(f, str) and f.strip() for f in facts):
            raise InputError(
                "front matter 'facts' must be a path or a list of paths (relative to the document's folder)",
                path,
                *where("facts"),
            )
        meta["facts"] = [f.strip() for f in facts]


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or an ``InputError``: missing, a folder, unreadable, or over ``MAX_DOCUMENT_BYTES``."""
    try:
        info = path.stat()
        size = info.st_size if stat.S_ISREG(info.st_mode) else 0
        data = b"" if size > MAX_DOCUMENT_BYTES else path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or directory", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document file", str(path)) from None
    except PermissionError:
        raise InputError("cannot read file: permission denied", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    size = max(size, len(data))  # a special file may report no size
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(f"document too large: {size:,} bytes, more than the {MAX_DOCUMENT_BYTES:,} a document "
                         "may have; split it into several files", str(path))
    return data


def decode_text(data: bytes, path: str) -> str:
    """Decode like ``Path.read_text(encoding="utf-8")``: strict UTF-8, universal newlines, BOM kept."""
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file, not text (NUL byte at byte {nul})", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise InputError(f"not UTF-8 text (byte {exc.start})", path, line, column) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_document(
    path: Path,
    *,
    lang: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> Document:
    """Read one document file into a ``Document`` with its sentences.

    ``lang``: "fr"/"en" forces the language; None or "auto" takes the front
    matter's ``lang``, else detects it. The date is ``date``, else the front
    matter's, else ``today``, else the system date.
    """
    path = Path(path)
    name = str(path)
    if lang is not None and lang not in (*LANGUAGES, "auto"):
        raise InputError(f"unknown language {lang!r} (expected fr, en or auto)")
    text = decode_text(_read_bytes(path), name)

    meta: dict[str, Any] = {}
    body_start = 0
    scan_text = text
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        meta, body_start = parse_front_matter(text, name)
        scan_text = mask_markdown(text[body_start:])
        scan_text = text[:body_start] + scan_text  # same length: offsets are the file's

    if lang in LANGUAGES:
        language = lang
    elif meta.get("lang") in LANGUAGES:
        language = str(meta["lang"])
    else:
        language = detect_language(scan_text[body_start:])

    doc_date = date or meta.get("date") or today or dt.date.today()

    return Document(
        path=name,
        text=text,
        language=language,
        date=doc_date,
        sentences=split_sentences(scan_text, body_start),
        body_start=body_start,
        meta=meta,
    )


def iter_document_paths(paths: Sequence[Path]) -> list[Path]:
    """Expand the command line's paths into the document files to check.

    A file is taken whatever its extension; a directory contributes its
    ``.txt``/``.md``/``.markdown`` files, recursively, in sorted order (never
    the order the disk returns), skipping hidden entries (``.git``,
    ``.venv``...) and never entering a directory twice (symlink loops). A file
    reached twice is listed once.
    """
    out: list[Path] = []
    seen_files: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen_files:
            seen_files.add(key)
            out.append(p)

    for given in paths:
        given = Path(given)
        if not given.exists():
            raise InputError("no such file or directory", str(given))
        if not given.is_dir():
            add(given)
            continue
        found: list[Path] = []
        visited: set[str] = set()
        stack = [given]
        while stack:
            folder = stack.pop()
            real = os.path.realpath(folder)
            if real in visited:
                continue
            visited.add(real)
            try:
                entries = list(os.scandir(folder))
            except OSError as exc:
                raise InputError(f"cannot read directory: {exc.strerror or exc}", str(folder)) from None
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                child = folder / entry.name
                try:
                    if entry.is_dir():
                        stack.append(child)
                    elif entry.is_file() and entry.name.lower().endswith(DOCUMENT_SUFFIXES):
                        found.append(child)
                except OSError:
                    continue
        for p in sorted(found, key=lambda p: p.parts):
            add(p)
    return out
