"""Safe YAML loading that remembers where every value came from.

Rule and fact errors must name file, line and column, so mappings and lists
come back as ``LDict``/``LList``: plain dict/list subclasses carrying the
1-based position of themselves and of each key or item. Only the safe loader
is used (nothing from an input file can construct a Python object: a
``!!python/...`` tag is an error, never executed).

Three limits keep a hostile or accidental file from eating the machine, each
failing fast with a positioned ``InputError``:

- alias uses are capped (``MAX_ALIASES``) and, before anything is built, the
  size the aliases would expand the data to is computed on the node graph: a
  "billion laughs" file, whose node graph is tiny but whose expansion is not,
  is refused there (``MAX_ALIAS_EXPANSION``), as is a recursive alias. The
  expansion check matters because the parsed data stays small (PyYAML shares
  aliased objects); it is the first consumer that copies or walks it (schema
  validation) that would blow up;
- nesting is capped (``MAX_DEPTH``), so 10,000 nested lists are an error, not a
  ``RecursionError``;
- files are capped in size (``MAX_YAML_BYTES``): the pure-Python parser and the
  schema validation cost several seconds and about 100 MB of memory per MB of
  YAML, so a 50 MB file would take minutes. Big fact sets split into several
  files in a folder, which is merged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from verify.errors import InputError

MAX_ALIASES = 200  # more alias uses than this in one file is refused
MAX_ALIAS_EXPANSION = 100_000  # values aliases may add to a file's data once expanded
MAX_DEPTH = 64
MAX_YAML_BYTES = 10_000_000  # a YAML file larger than this is refused before it is read
_UNKNOWN_TAG = re.compile(r"constructor for the tag '([^']*)'")


class LDict(dict):
    """A mapping with positions: ``pos`` for itself, ``key_pos[key]`` for each key."""

    pos: tuple[int, int] = (1, 1)
    key_pos: dict[Any, tuple[int, int]]


class LList(list):
    """A sequence with positions: ``pos`` for itself, ``item_pos[i]`` for each item."""

    pos: tuple[int, int] = (1, 1)
    item_pos: list[tuple[int, int]]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases: list[tuple[yaml.Node, tuple[int, int]]] = []  # each alias use: its target, where
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        alias = self.check_event(yaml.AliasEvent)
        if alias and len(self._aliases) >= MAX_ALIASES:
            raise InputError(f"too many YAML aliases (more than {MAX_ALIASES}); refusing a possible alias bomb",
                             None, *_event_mark(self.peek_event()))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels", None, *_event_mark(self.peek_event()))
            mark = _event_mark(self.peek_event()) if alias else (0, 0)
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
            if alias and node is not None:
                self._aliases.append((node, mark))
            return node
        finally:
            self._depth -= 1

    def get_single_data(self) -> Any:
        """Compose, check what the aliases would expand to, and only then build the data."""
        node = self.get_single_node()
        if node is None:
            return None
        if self._aliases:
            _check_expansion(node, self._aliases)
        return self.construct_document(node)


def _event_mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root: yaml.Node, aliases: list[tuple[yaml.Node, tuple[int, int]]]) -> None:
    """Refuse a recursive alias, or aliases that would add more than ``MAX_ALIAS_EXPANSION`` values.

    Sizes are computed once per distinct node (iteratively: an alias chain can
    be far deeper than ``MAX_DEPTH`` once expanded), so the check costs as much
    as the node graph, not as its expansion.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()  # the nodes on the current path from the root
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in active:
            where = next((mark for target, mark in aliases if target is node), _mark(node))
            raise InputError("recursive YAML alias (a value that contains itself)", None, *where)
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)) if id(child) not in sizes)
    added = sizes[id(root)] - len(sizes)
    if added > MAX_ALIAS_EXPANSION:
        _, where = max(aliases, key=lambda a: sizes[id(a[0])])
        raise InputError(f"YAML aliases would expand this file by {added:,} values (the limit is "
                         f"{MAX_ALIAS_EXPANSION:,}); refusing a possible alias bomb", None, *where)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    out = LDict()
    out.pos = _mark(node)
    out.key_pos = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in out:
            line, col = _mark(key_node)
            raise InputError(f"duplicate key {key!r}", None, line, col)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_pos[key] = _mark(key_node)
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.pos = _mark(node)
    out.item_pos = [_mark(child) for child in node.value]
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:  # "2024-02-30": PyYAML raises without a position
        line, col = _mark(node)
        raise InputError(f"impossible date {node.value!r} ({exc})", None, line, col) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def loads(text: str, path: str = "<string>") -> Any:
    """Parse YAML text safely; any problem becomes an ``InputError`` naming ``path``."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except InputError as exc:
        exc.path = path
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        tag = _UNKNOWN_TAG.search(problem) if isinstance(exc, yaml.constructor.ConstructorError) else None
        if tag:
            shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            raise InputError(f"unsupported YAML tag {shown!r}: only plain data is read (strings, numbers, "
                             "dates, lists, mappings), nothing is constructed or run", path, line, col) from None
        raise InputError(f"YAML syntax error: {problem}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", path) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise InputError(f"invalid value: {exc}", path) from None
    except RecursionError:
        raise InputError("YAML nesting too deep", path) from None
    finally:
        loader.dispose()


def load(path: Path) -> Any:
    """Read and parse a YAML file; unreadable, undecodable or too large files are input errors."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # reading fails the same way just below, with the message for it
    if size > MAX_YAML_BYTES:
        raise InputError(f"file too large: {size:,} bytes, more than the {MAX_YAML_BYTES:,} a YAML file may "
                         "have; split it into several files in a folder", str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        before = exc.object[: exc.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise InputError(f"not UTF-8 text (byte {exc.start})", str(path), line, column) from None
    except FileNotFoundError:
        raise InputError("no such file or directory", str(path)) from None
    except PermissionError:  # worded as for documents (verify.documents), whatever the platform's strerror
        raise InputError("cannot read file: permission denied", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    return loads(text, str(path))


def position(container: Any, key: Any = None) -> tuple[int | None, int | None]:
    """Best known (line, column) of ``container[key]``, or of the container itself."""
    if key is not None:
        if isinstance(container, LDict) and key in getattr(container, "key_pos", {}):
            return container.key_pos[key]
        if isinstance(container, LList) and isinstance(key, int):
            items = getattr(container, "item_pos", [])
            if 0 <= key < len(items):
                return items[key]
    pos = getattr(container, "pos", None)
    return pos if pos else (None, None)
