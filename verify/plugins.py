"""Plugin discovery: entry points, explicit files, and nothing global.

``get_plugin_manager()`` is a factory so each run (and each test) gets a fresh
manager. Built-ins are registered from this project's own ``verify`` entry
points, exactly like third-party plugins; when the package metadata is missing
(running from a source tree without installing), ``DEFAULT_PLUGINS`` is the
fallback list of the same modules.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import warnings
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pluggy

from verify import hookspecs
from verify.errors import InputError

DEFAULT_PLUGINS = (
    "verify_plugins.attendance",
    "verify_plugins.informed",
    "verify_plugins.date",
    "verify_plugins.role",
    "verify_plugins.place",
    "verify_plugins.count",
    "verify_plugins.yaml_facts",
    "verify_plugins.json_facts",
    "verify_plugins.csv_facts",
    "verify_plugins.text_report",
    "verify_plugins.json_report",
    "verify_plugins.jsonl_report",
    "verify_plugins.markdown_report",
    "verify_plugins.html_report",
    "verify_plugins.sarif_report",
    "verify_plugins.junit_report",
    "verify_plugins.github_report",
    "verify_plugins.claimreview_report",
    "verify_plugins.builtin_rules",
)
DISABLE_ENV = "VERIFY_DISABLE_PLUGINS"  # "1": no third-party plugins; or a comma list of names


class PluginWarning(UserWarning):
    pass


def failed_plugins(pm: pluggy.PluginManager) -> list[str]:
    """Names of plugins that failed to load or raised in a hook during this run."""
    return pm.__dict__.setdefault("verify_failed", [])


def origins(pm: pluggy.PluginManager) -> dict[str, str]:
    """Where each registered plugin came from: an entry point's distribution, a file, or built in."""
    return pm.__dict__.setdefault("verify_origins", {})


def get_plugin_manager(extra: Iterable[str] = (), disabled: Iterable[str] = ()) -> pluggy.PluginManager:
    """A fresh plugin manager with built-ins, entry-point plugins and ``extra`` files or modules."""
    pm = pluggy.PluginManager("verify")
    pm.add_hookspecs(hookspecs)
    off = set(disabled)
    env = os.environ.get(DISABLE_ENV, "")
    third_party_off = env.strip() in ("1", "all", "true")
    off.update(x.strip() for x in env.split(",") if x.strip() and x.strip() not in ("1", "all", "true"))
    eps = [ep for ep in entry_points(group="verify")]
    loaded = False
    for ep in sorted(eps, key=lambda e: (not e.value.startswith("verify_plugins."), e.name)):
        builtin = ep.value.startswith("verify_plugins.")
        if ep.name in off or (third_party_off and not builtin) or pm.has_plugin(ep.name):
            continue
        try:
            pm.register(ep.load(), name=ep.name)
            loaded = loaded or builtin
            dist = getattr(ep, "dist", None)
            where = "built-in" if builtin else f"entry point of {dist.name if dist else '?'}"
            origins(pm)[ep.name] = f"{where} ({ep.value})"
        except Exception as exc:  # a broken plugin must not stop the run
            failed_plugins(pm).append(ep.name)
            warnings.warn(f"plugin {ep.name!r} ({ep.value}) failed to load: {type(exc).__name__}: {exc}",
                          PluginWarning, stacklevel=2)
    if not loaded:
        for mod in DEFAULT_PLUGINS:
            name = mod.rsplit(".", 1)[1]
            if name in off or pm.has_plugin(name):
                continue
            pm.register(importlib.import_module(mod), name=name)
            origins(pm)[name] = f"built-in ({mod})"
    for spec in extra:
        register_path(pm, spec)
    pm.check_pending()
    return pm


def register_path(pm: pluggy.PluginManager, spec: str) -> Any:
    """Register a plugin given as a ``.py`` file path or an importable module name."""
    try:
        if spec.endswith(".py") or os.sep in spec:
            path = Path(spec)
            if not path.is_file():
                raise InputError("plugin file not found", spec)
            name = f"verify_local_{path.stem}"
            module_spec = importlib.util.spec_from_file_location(name, path)
            if module_spec is None or module_spec.loader is None:
                raise InputError("cannot load plugin file", spec)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(spec)
    except InputError:
        raise
    except Exception as exc:
        failed_plugins(pm).append(spec)
        warnings.warn(f"plugin {spec!r} failed to load: {type(exc).__name__}: {exc}", PluginWarning, stacklevel=2)
        return None
    name = Path(spec).stem if spec.endswith(".py") else spec
    if pm.has_plugin(name) or pm.is_registered(module):
        return module
    pm.register(module, name=name)
    origins(pm)[name] = f"file {spec}" if spec.endswith(".py") else f"module {spec}"
    return module


def collect(pm: pluggy.PluginManager, hook: str) -> list[Any]:
    """Concatenate the lists a non-firstresult hook returns, one plugin at a time.

    A plugin raising in the hook is named in a warning and skipped, so one
    broken plugin never stops the others.
    """
    out: list[Any] = []
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        try:
            part = impl.function()
        except Exception as exc:
            failed_plugins(pm).append(impl.plugin_name)
            warnings.warn(f"plugin {impl.plugin_name!r} failed in {hook}: {type(exc).__name__}: {exc}",
                          PluginWarning, stacklevel=2)
            continue
        out.extend(part or [])
    return out


def provided(pm: pluggy.PluginManager, plugin: object) -> dict[str, list[str]]:
    """What one plugin provides, by kind: checker ids, reporter formats, fact loaders, rule packs..."""
    out: dict[str, list[str]] = {}
    for hook, kind, attr in (("verify_checkers", "checkers", "id"), ("verify_reporters", "reporters", "format"),
                             ("verify_extractors", "extractors", "id")):
        fn = getattr(plugin, hook, None)
        if fn is not None:
            try:
                out[kind] = [str(getattr(x, attr, x)) for x in fn() or []]
            except Exception as exc:
                out[kind] = [f"<failed: {exc}>"]
    if getattr(plugin, "verify_slot_types", None) is not None:
        try:
            out["slot types"] = sorted(plugin.verify_slot_types() or {})  # type: ignore[attr-defined]
        except Exception as exc:
            out["slot types"] = [f"<failed: {exc}>"]
    if getattr(plugin, "verify_fact_sections", None) is not None:
        try:
            out["fact sections"] = sorted(plugin.verify_fact_sections() or {})  # type: ignore[attr-defined]
        except Exception as exc:
            out["fact sections"] = [f"<failed: {exc}>"]
    if getattr(plugin, "verify_load_facts", None) is not None:
        out["fact loaders"] = [getattr(plugin, "FORMATS", "facts")] if isinstance(
            getattr(plugin, "FORMATS", None), str) else list(getattr(plugin, "FORMATS", ["facts"]))
    if getattr(plugin, "verify_rule_paths", None) is not None:
        out["rule packs"] = [str(p) for p in plugin.verify_rule_paths() or []]  # type: ignore[attr-defined]
    return out
