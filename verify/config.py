"""Project configuration: ``verify.yaml``, ``.verify.yaml`` or ``[tool.verify]`` in ``pyproject.toml``.

CI jobs and pre-commit hooks call ``verify check`` with nothing but file
names, so a repository's facts, rules and failure policy have to live in the
repository. Precedence is defaults < config file < command line: an option
typed on the command line always wins, and a list typed there *replaces* the
file's list instead of extending it, so what you type is what runs.

Discovery walks up from the first document's folder (or the current folder)
and stops at the first folder holding ``verify.yaml``, ``.verify.yaml`` or a
``pyproject.toml`` with a ``[tool.verify]`` table, in that order. Relative
paths in the file are relative to the file's folder, never to the current
folder, so one file serves every folder of the repository. A misspelled key is
an error naming file and line (with a did-you-mean), because a silently
ignored ``fail-on:`` would quietly weaken a CI gate.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify import yamlio
from verify.errors import InputError

CONFIG_NAMES = ("verify.yaml", ".verify.yaml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("contradicted", "unverifiable")
LANGS = ("fr", "en", "auto")
KEYS = ("facts", "rules", "lang", "format", "fail_on", "jobs", "plugins", "no_plugins", "suppressions", "baseline",
        "suites")
SUITE_KEYS = ("rules", "facts", "documents", "fail_on", "format")
_SUITE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TOOL_VERIFY = re.compile(r"^\s*\[\s*tool\s*\.\s*verify\s*[\].]", re.MULTILINE)

Position = tuple[int | None, int | None]
Locator = Callable[..., Position]


def _nowhere(*keys: object) -> Position:
    return None, None


@dataclass(frozen=True)
class SuiteConfig:
    """A suite as written: selectors and globs stay raw, suites.py resolves them against ``Config.base``."""

    name: str
    rules: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    facts: tuple[str, ...] | None = None  # None: inherit the top-level facts
    fail_on: str | None = None
    formats: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Config:
    """A loaded config file: the keys it sets (normalised, paths resolved) and where each one is."""

    path: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    suites: Mapping[str, SuiteConfig] = field(default_factory=dict)
    locate: Locator = _nowhere

    @property
    def base(self) -> Path:
        return self.path.parent if self.path is not None else Path(".")

    def error(self, message: str, *keys: str | int) -> InputError:
        return InputError(message, str(self.path) if self.path else None, *self.locate(*keys))


def display_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the current folder when under it, else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative == ".." or relative.startswith(".." + os.sep) else relative


def resolve(base: Path, path: str) -> str:
    return display_path(path if os.path.isabs(path) else base / path)


# -- discovery ------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` (a folder or a file's folder) or its parents."""
    start = Path(os.path.abspath(start))
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / PYPROJECT
        if pyproject.is_file() and _TOOL_VERIFY.search(_read(pyproject)):
            return pyproject
    return None


def discover(start: Path, explicit: Path | None = None, enabled: bool = True) -> Config:
    """``--config FILE`` if given, else the nearest config file (unless ``--no-config``), else no config."""
    if explicit is not None:
        return load_config(explicit)
    if not enabled:
        return Config()
    found = find_config(start)
    return load_config(found) if found is not None else Config()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read config file: {exc.strerror or exc}", str(path)) from None


# -- loading --------------------------------------------------------------------------


def load_config(path: Path) -> Config:
    """Read and check one config file; a ``.toml`` file is read as a pyproject ``[tool.verify]`` table."""
    path = Path(display_path(path))
    if not path.is_file():
        raise InputError("no such config file", str(path))
    text = _read(path)
    if path.suffix == ".toml":
        data, locate = _load_toml(text, path)
    else:
        data = yamlio.loads(text, str(path))
        locate = _yaml_locator(data)
    if data is None:
        data = {}
    config = Config(path=path, locate=locate)
    if not isinstance(data, Mapping):
        raise config.error("a config file must be a mapping of keys (facts:, rules:, fail_on: ...)")
    return _build(config, data)


def _load_toml(text: str, path: Path) -> tuple[Any, Locator]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        if m is None and "end of document" in str(exc):
            line = text.count("\n") + 1
        raise InputError(f"TOML syntax error: {str(exc).split(' (at ')[0]}", str(path), line, col) from None
    tool = doc.get("tool", {})
    if not isinstance(tool, dict) or "verify" not in tool:
        raise InputError("no [tool.verify] table", str(path))
    return tool["verify"], _toml_locator(text)


def _yaml_locator(data: Any) -> Locator:
    def locate(*keys: object) -> Position:
        container, pos = data, yamlio.position(data)
        for key in keys:
            found = yamlio.position(container, key)
            if found == (None, None):
                break
            pos = found
            try:
                container = container[key]
            except (KeyError, IndexError, TypeError):
                break
        return pos

    return locate


def _split_key(text: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', text) if p.strip())


def _toml_locator(text: str) -> Locator:
    """tomllib keeps no positions, so find the line of the longest matching key path by scanning the text."""
    entries: list[tuple[tuple[str, ...], int, int]] = []
    header: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        table = re.match(r"\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$", line)
        if table:
            header = _split_key(table.group(1))
            entries.append((header, number, line.index("[") + 1))
            continue
        key = re.match(r"\s*([A-Za-z0-9_\-.\"' ]+?)\s*=", line)
        if key:
            entries.append((header + _split_key(key.group(1)), number, key.start(1) + 1))

    def locate(*keys: object) -> Position:
        want = ("tool", "verify", *(str(k) for k in keys if not isinstance(k, int)))
        best: Position = (None, None)
        best_len = -1
        for path, number, col in entries:
            if len(path) > best_len and want[: len(path)] == path:
                best, best_len = (number, col), len(path)
        return best

    return locate


def _unknown(config: Config, key: object, allowed: tuple[str, ...], what: str, *where: str | int) -> InputError:
    hint = difflib.get_close_matches(str(key).replace("-", "_"), allowed, n=1, cutoff=0.6)
    extra = f" (did you mean {hint[0]!r}?)" if hint else f"; known keys: {', '.join(allowed)}"
    return config.error(f"unknown {what} key {key!r}{extra}", *where, str(key))


def _build(config: Config, data: Mapping[str, Any]) -> Config:
    for key in data:
        if key not in KEYS:
            raise _unknown(config, key, KEYS, "config")
    values: dict[str, Any] = {}
    base = config.base
    for key in ("facts", "rules"):
        if data.get(key) is not None:
            values[key] = tuple(resolve(base, p) for p in _strings(config, data[key], key))
    if data.get("plugins") is not None:
        values["plugins"] = tuple(resolve(base, p) if p.endswith(".py") or "/" in p else p
                                  for p in _strings(config, data["plugins"], "plugins"))
    if data.get("no_plugins") is not None:
        values["no_plugins"] = _strings(config, data["no_plugins"], "no_plugins")
    if data.get("format") is not None:
        values["format"] = _formats(config, data["format"], "format")
    for key in ("suppressions", "baseline"):
        if data.get(key) is not None:
            values[key] = resolve(base, _string(config, data[key], key))
    if data.get("lang") is not None:
        values["lang"] = _choice(config, data["lang"], LANGS, "lang")
    if data.get("fail_on") is not None:
        values["fail_on"] = _choice(config, data["fail_on"], FAIL_ON, "fail_on")
    if data.get("jobs") is not None:
        jobs = data["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise config.error(f"'jobs' must be a whole number of processes, at least 1, not {jobs!r}", "jobs")
        values["jobs"] = jobs
    suites = _suites(config, data.get("suites"))
    return Config(path=config.path, values=values, suites=suites, locate=config.locate)


def _suites(config: Config, raw: Any) -> dict[str, SuiteConfig]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise config.error("'suites' must be a mapping of suite names to {rules:, documents:, ...}", "suites")
    out: dict[str, SuiteConfig] = {}
    for name, body in raw.items():
        if not isinstance(name, str) or not _SUITE_NAME.match(name):
            raise config.error(f"suite name {name!r} must match [A-Za-z0-9][A-Za-z0-9_.-]*", "suites", str(name))
        if not isinstance(body, Mapping):
            raise config.error(f"suite {name!r} must be a mapping (rules:, documents:, facts:, ...)", "suites", name)
        for key in body:
            if key not in SUITE_KEYS:
                raise _unknown(config, key, SUITE_KEYS, f"suite {name!r}", "suites", name)
        where = ("suites", name)
        facts = body.get("facts")
        fail_on = body.get("fail_on")
        out[name] = SuiteConfig(
            name=name,
            rules=_strings(config, body.get("rules") or [], *where, "rules"),
            documents=_strings(config, body.get("documents") or [], *where, "documents"),
            facts=None if facts is None else tuple(resolve(config.base, p)
                                                   for p in _strings(config, facts, *where, "facts")),
            fail_on=None if fail_on is None else _choice(config, fail_on, FAIL_ON, *where, "fail_on"),
            formats=None if body.get("format") is None else _formats(config, body["format"], *where, "format"),
        )
    return out


# -- value checks ---------------------------------------------------------------------


def _name(keys: tuple[str | int, ...]) -> str:
    return ".".join(str(k) for k in keys)


def _string(config: Config, value: Any, *keys: str | int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise config.error(f"'{_name(keys)}' must be a non-empty string, not {value!r}", *keys)
    return value.strip()


def _strings(config: Config, value: Any, *keys: str | int) -> tuple[str, ...]:
    """A string or a list of strings: ``facts: a.yaml`` is as good as ``facts: [a.yaml]``."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise config.error(f"'{_name(keys)}' must be a list of strings", *keys)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise config.error(f"'{_name(keys)}' must be a list of non-empty strings, not {item!r}", *keys, i)
    return tuple(item.strip() for item in items)


def _choice(config: Config, value: Any, allowed: tuple[str, ...], *keys: str | int) -> str:
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        hint = difflib.get_close_matches(str(value), allowed, n=1)
        extra = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise config.error(f"'{_name(keys)}' must be one of {', '.join(allowed)}, not {value!r}{extra}", *keys)
    return value.strip().lower()


def _formats(config: Config, value: Any, *keys: str | int) -> tuple[str, ...]:
    """``FORMAT[:FILE]``; the FILE is relative to the config file like every other path in it."""
    out = []
    for spec in _strings(config, value, *keys):
        fmt, sep, file = spec.partition(":")
        out.append(f"{fmt}:{resolve(config.base, file)}" if sep and file else fmt)
    return tuple(out)
