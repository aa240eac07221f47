"""Safe YAML loading that remembers where every value came from.

Rule and fact errors must name file, line and column, so mappings and lists
come back as ``LDict``/``LList``: plain dict/list subclasses carrying the
1-based position of themselves and of each key or item. Only the safe loader
is used (nothing from an input file can construct a Python object), and alias
expansion is capped so a "billion laughs" file fails fast instead of eating
memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from verify.errors import InputError

MAX_ALIASES = 200  # more alias uses than this in one file is refused
MAX_DEPTH = 64


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
        self._alias_uses = 0
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self._alias_uses += 1
            if self._alias_uses > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(
                    f"line {mark.line + 1}: too many YAML aliases (more than {MAX_ALIASES}); "
                    "refusing a possible alias bomb"
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"line {mark.line + 1}: nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


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
    """Read and parse a YAML file; unreadable or undecodable files are input errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
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
