"""Fact-file sections added by plugins (hook ``verify_fact_sections``), merged and checked once.

The fact format is fixed by the contract, but a plugin checking a new kind of
claim needs facts of a new kind (the example ``verify-quote`` plugin needs
recorded statements). Rather than an escape hatch that accepts anything, each
plugin declares its section with a JSON Schema, so a typo in a fact file still
gets a did-you-mean and a bad item still gets file:line.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import pluggy

from verify.errors import InputError
from verify.facts.validate import check_sections
from verify.plugins import PluginWarning, failed_plugins


def fact_sections(pm: pluggy.PluginManager) -> dict[str, Mapping[str, Any]]:
    """Every plugin section, by name: the JSON Schema of one of its items.

    A plugin whose hook raises is named in a warning and recorded as failed
    (the run goes on without its sections, like ``collect``); a section that
    clashes with a built-in one or another plugin's, or whose schema is not a
    valid JSON Schema, is an ``InputError`` naming the plugin, since fact files
    could not be read unambiguously.
    """
    merged: dict[str, Mapping[str, Any]] = {}
    owner: dict[str, str] = {}
    for impl in reversed(pm.hook.verify_fact_sections.get_hookimpls()):
        try:
            part = impl.function() or {}
            if not isinstance(part, Mapping):
                raise TypeError(f"returned {type(part).__name__}, not a mapping")
        except Exception as exc:
            failed_plugins(pm).append(impl.plugin_name)
            warnings.warn(f"plugin {impl.plugin_name!r} failed in verify_fact_sections: {type(exc).__name__}: "
                          f"{exc}", PluginWarning, stacklevel=2)
            continue
        try:
            check_sections(part)
        except ValueError as exc:
            raise InputError(f"plugin {impl.plugin_name!r}: {exc}") from None
        for name, schema in part.items():
            if name in merged:
                raise InputError(f"plugins {owner[name]!r} and {impl.plugin_name!r} both define the fact "
                                 f"section {name!r}")
            merged[name] = schema
            owner[name] = impl.plugin_name
    return merged
