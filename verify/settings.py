"""One run's settings, merged in a fixed order: defaults < config file < command line.

The merge lives here, apart from click, so ``verify check``, ``verify baseline
create`` and each suite of ``verify run`` get the same answer to "which facts,
which rules, which failure policy" and the precedence is written down once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from verify.batch import RunConfig
from verify.config import FAIL_ON, Config, display_path

IGNORE_FILE = ".verify-ignore.yaml"
__all__ = ["FAIL_ON", "IGNORE_FILE", "Settings", "find_ignore_file", "merge"]

# config key -> Settings field; each value is already normalised by verify.config
_FROM_CONFIG = {"facts": "facts", "rules": "rules", "lang": "lang", "format": "formats", "fail_on": "fail_on",
                "jobs": "jobs", "plugins": "plugins", "no_plugins": "no_plugins", "suppressions": "suppressions",
                "baseline": "baseline"}


@dataclass(frozen=True)
class Settings:
    """Everything a check run needs; plain data, so suites can derive theirs with ``dataclasses.replace``."""

    paths: tuple[Path, ...] = ()
    facts: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    date: dt.date | None = None
    lang: str | None = None  # None: auto
    formats: tuple[str, ...] = ("text",)
    output: Path | None = None
    fail_on: str = "contradicted"
    jobs: int = 1
    executor: str = "processes"
    scheduler: str | None = None
    color: bool | None = None
    plugins: tuple[str, ...] = ()
    no_plugins: tuple[str, ...] = ()
    suppressions: Path | None = None  # the side file of suppressions, if any
    baseline: Path | None = None
    rule_filter: tuple[str, ...] | None = None  # rule ids a suite keeps
    config: Config = field(default_factory=Config)
    formats_origin: tuple[str, ...] = ()  # the config key the formats came from, so an error can point at it

    def run_config(self) -> RunConfig:
        return RunConfig(facts=self.facts, rules=self.rules, plugins=self.plugins, no_plugins=self.no_plugins,
                         date=self.date, lang=self.lang, rule_filter=self.rule_filter)


def _coerce(name: str, value: Any) -> Any:
    if name == "lang":
        return None if value in (None, "auto") else value
    if name in ("suppressions", "baseline", "output"):
        return None if value is None else Path(value)
    if name in ("facts", "rules", "plugins", "no_plugins", "formats"):
        return tuple(str(v) for v in value)
    return value


def merge(config: Config, given: Mapping[str, Any], paths: tuple[Path, ...] = (),
          discover_ignore: bool = True) -> Settings:
    """Defaults, overridden by the config's keys, overridden by what the command line gave.

    ``given`` holds only options the user typed (Settings field names). A list
    typed on the command line replaces the config's list. Without a
    ``suppressions`` path anywhere, ``.verify-ignore.yaml`` is looked for
    beside the config file, or without one from the first document's folder
    upwards (unless ``discover_ignore`` is off, as with ``--no-config``).
    """
    values: dict[str, Any] = {"paths": paths, "config": config}
    for key, name in _FROM_CONFIG.items():
        if key in config.values:
            values[name] = _coerce(name, config.values[key])
    if "format" in config.values and "formats" not in given:
        values["formats_origin"] = ("format",)
    for name, value in given.items():
        values[name] = _coerce(name, value)
    settings = Settings(**values)
    if settings.suppressions is None and discover_ignore:
        found = find_ignore_file(paths[0] if paths else Path("."), config)
        if found is not None:
            settings = replace(settings, suppressions=found)
    return settings


def find_ignore_file(start: Path, config: Config) -> Path | None:
    """``.verify-ignore.yaml`` beside the config file, else the nearest one above ``start``."""
    if config.path is not None:
        beside = config.base / IGNORE_FILE
        return beside if beside.is_file() else None
    start = Path(os.path.abspath(start))
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        if (d / IGNORE_FILE).is_file():
            return Path(display_path(d / IGNORE_FILE))
    return None
