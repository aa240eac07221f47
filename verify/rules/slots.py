"""Slot types from plugins (hook ``verify_slot_types``), usable as ``{x:type}`` in any rule pattern.

A plugin that checks a new kind of claim often needs a new kind of slot (a
quotation between « », an ISBN, a currency amount). The built-in types live in
``verify.rules.macros.SLOT_TYPES``; plugin types are merged here, checked once
(a type may not redefine a built-in one, two plugins may not define the same
name, the regex must compile and hold no named group of its own, since slot
names become group names) and handed to rule compilation.

``load_rules_for(pm, paths)`` is what the CLI and the engine should call
instead of ``load_rules`` so that plugin slot types work in the rules they
load. While ``verify.rules.loader`` does not take the slot types as an
argument, they are added to the shared table for the duration of one
``load_rules`` call only (under a lock) and removed right after; compiled
patterns keep what they were compiled with, so nothing leaks into later runs.
"""

from __future__ import annotations

import inspect
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pluggy
import regex

from verify.errors import InputError
from verify.plugins import PluginWarning, collect, failed_plugins
from verify.rules import loader, macros
from verify.rules.model import RulePack

_LOCK = threading.Lock()


def plugin_slot_types(pm: pluggy.PluginManager) -> dict[str, str]:
    """Every plugin slot type, checked: ``{type_name: regex}``.

    A plugin whose hook raises is warned about and recorded as failed (the
    run goes on; its rules then fail on an unknown slot type); a bad
    definition is an ``InputError`` naming the plugin.
    """
    merged: dict[str, str] = {}
    owner: dict[str, str] = {}
    for impl in reversed(pm.hook.verify_slot_types.get_hookimpls()):
        try:
            part = impl.function() or {}
            if not isinstance(part, Mapping):
                raise TypeError(f"returned {type(part).__name__}, not a mapping")
        except Exception as exc:
            failed_plugins(pm).append(impl.plugin_name)
            warnings.warn(f"plugin {impl.plugin_name!r} failed in verify_slot_types: {type(exc).__name__}: {exc}",
                          PluginWarning, stacklevel=2)
            continue
        for name, body in part.items():
            where = f"plugin {impl.plugin_name!r}: slot type {name!r}"
            if not isinstance(name, str) or not regex.fullmatch(r"[a-z_]+", name):
                raise InputError(f"{where}: a slot type name is lowercase letters and underscores")
            if name in macros.SLOT_TYPES:
                raise InputError(f"{where} redefines a built-in slot type")
            if name in merged:
                raise InputError(f"{where} is also defined by plugin {owner[name]!r}")
            if not isinstance(body, str):
                raise InputError(f"{where}: the pattern must be a string")
            try:
                compiled = regex.compile(body, regex.IGNORECASE | regex.UNICODE)
            except regex.error as exc:
                raise InputError(f"{where}: invalid pattern: {exc}") from None
            if compiled.groupindex:
                raise InputError(f"{where}: named groups are not allowed (slot names become group names)")
            merged[name] = body
            owner[name] = impl.plugin_name
    return merged


@contextmanager
def extended_slot_types(extra: Mapping[str, str]) -> Iterator[None]:
    """The built-in slot types plus ``extra``, for rules compiled inside the block."""
    if not extra:
        yield
        return
    with _LOCK:
        macros.SLOT_TYPES.update(extra)
        try:
            yield
        finally:
            for name in extra:
                macros.SLOT_TYPES.pop(name, None)


def load_rules_for(pm: pluggy.PluginManager, paths: Sequence[Path] = (),
                   known_checkers: Iterable[str] | None = None) -> RulePack:
    """Load rules (``paths``, or every plugin's ``verify_rule_paths``) with the plugins' slot types."""
    chosen = list(paths) or [Path(p) for p in collect(pm, "verify_rule_paths")]
    extra = plugin_slot_types(pm)
    if "slot_types" in inspect.signature(loader.load_rules).parameters:  # the loader takes them directly
        return loader.load_rules(chosen, known_checkers=known_checkers, slot_types=extra)  # type: ignore[call-arg]
    with extended_slot_types(extra):
        return loader.load_rules(chosen, known_checkers=known_checkers)
