"""Click options shared by ``verify check`` and ``verify baseline create``, and their merge with the config.

Both commands must find the same config, facts and rules for the same paths,
or a baseline would fingerprint a different run from the one it filters. The
merge needs to know which options were *typed* (they beat the config file),
which click tells through ``get_parameter_source``; defaults never override
the config.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from verify.config import discover
from verify.settings import Settings, merge

# click parameter name -> Settings field
FIELDS = {"facts": "facts", "rules": "rules", "date": "date", "lang": "lang", "formats": "formats",
          "output": "output", "fail_on": "fail_on", "jobs": "jobs", "color": "color", "plugin": "plugins",
          "no_plugin": "no_plugins", "suppressions": "suppressions", "baseline": "baseline",
          "executor": "executor", "scheduler": "scheduler"}


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def plugin_options(f: Any) -> Any:
    f = click.option("--no-plugin", "no_plugin", multiple=True, metavar="NAME",
                     help="Do not load this plugin (by name); repeatable. VERIFY_DISABLE_PLUGINS=1 disables all "
                          "third-party plugins.")(f)
    return click.option("--plugin", "plugin", multiple=True, metavar="FILE|MODULE",
                        help="Load a plugin from a .py file or a module; repeatable.")(f)


def config_options(f: Any) -> Any:
    f = click.option("--no-config", "no_config", is_flag=True,
                     help="Ignore verify.yaml, .verify.yaml, [tool.verify] and .verify-ignore.yaml.")(f)
    return click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
                        help="Read this config file instead of looking for one (verify.yaml, .verify.yaml, or a "
                             "pyproject.toml with [tool.verify]).")(f)


def run_options(f: Any) -> Any:
    """The options that decide which claims a run finds: shared by check and baseline create."""
    f = plugin_options(f)
    f = config_options(f)
    f = click.option("--suppressions", type=click.Path(path_type=Path), metavar="FILE",
                     help="Side file of suppressions. Default: the config's 'suppressions', else "
                          ".verify-ignore.yaml.")(f)
    f = click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Check documents in this many processes.")(f)
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="With --executor dask: the scheduler (tcp://host:8786), or 'local' for a local cluster.")(f)
    f = click.option("--executor", type=click.Choice(["processes", "dask"]), default=None,
                     help="Run documents as local processes (default) or on a Dask cluster (verify-claims[dask]).")(f)
    f = click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default="auto", show_default=True)(f)
    f = click.option("--date", "date", callback=parse_date, help="The documents' publication date (ISO).")(f)
    f = click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
                     help="Rule file or directory; repeatable. Default: the built-in rule pack.")(f)
    return click.option("--facts", "facts", multiple=True, type=click.Path(path_type=Path),
                        help="Fact file or directory; repeatable.")(f)


def typed(ctx: click.Context, params: Mapping[str, Any]) -> dict[str, Any]:
    """The options the user typed (or set through the environment), as Settings fields."""
    out = {}
    for name, value in params.items():
        if name not in FIELDS:
            continue
        source = ctx.get_parameter_source(name)
        if source in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            out[FIELDS[name]] = tuple(map(str, value)) if isinstance(value, tuple) else value
    return out


def settings_from(ctx: click.Context, paths: Sequence[Path], params: Mapping[str, Any]) -> Settings:
    """Config file (found from the first path) merged under the typed options."""
    paths = tuple(paths)
    enabled = not params.get("no_config")
    config = discover(paths[0] if paths else Path("."), params.get("config_file"), enabled=enabled)
    return merge(config, typed(ctx, params), paths, discover_ignore=enabled)
