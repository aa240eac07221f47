"""Rule suites: named runs of the config, each with its own documents, facts, rules and failure policy.

A newsroom rarely wants one gate: "dates and roles must be right in every
draft" is a different promise from "counts are checked only in the data
desk's folder". A suite says which rules (by selector), over which documents
(globs), against which facts, failing on what.

Selectors, in a suite's ``rules:`` list:

- ``rules/house.yaml`` or a folder: the rules defined in that file (anything
  with a ``/`` or ending in ``.yaml``/``.yml``; relative to the config file);
- ``tag:TAG``: the rules carrying that tag;
- ``role-title-name-fr``: one rule, by id;
- ``!SELECTOR``: remove those rules. With only negations, the suite starts
  from every rule: ``["!tag:count"]`` is "everything but counts".

A suite inherits the top-level ``facts``, ``fail_on``, ``lang``, ``plugins``,
``suppressions`` and ``baseline`` unless it sets its own; its format defaults
to ``text`` (two suites inheriting one ``json:report.json`` would overwrite
each other). A selector or glob that matches nothing is an input error at the
config's line: a typo must not silently shrink a CI gate.
"""

from __future__ import annotations

import difflib
import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from verify import documents
from verify.batch import load_pack
from verify.config import Config, SuiteConfig, display_path
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import rule_files
from verify.rules.model import Rule, RulePack
from verify.settings import Settings


@dataclass(frozen=True)
class Suite:
    """A suite ready to run: its settings carry the documents, facts, rule paths and the rule ids it keeps."""

    name: str
    settings: Settings
    rules: tuple[str, ...]
    documents: tuple[Path, ...]


def is_path_selector(selector: str) -> bool:
    return "/" in selector or os.sep in selector or selector.endswith((".yaml", ".yml"))


def _realpaths(paths: Sequence[Path]) -> set[str]:
    return {os.path.realpath(p) for p in rule_files(list(paths))}


def _origin_file(rule: Rule) -> str:
    return os.path.realpath(rule.origin.rsplit(":", 1)[0])


def select(pack: RulePack, selectors: Sequence[str], config: Config, suite: str) -> tuple[str, ...]:
    """The ids of the pack's rules the selectors keep, in pack order."""
    ids = [r.id for r in pack.rules]
    tags = sorted({t for r in pack.rules for t in r.tags})
    positives = [s for s in selectors if not s.startswith("!")]
    chosen: set[str] = set() if positives else set(ids)
    for i, raw in enumerate(selectors):
        negate = raw.startswith("!")
        selector = raw[1:].strip() if negate else raw
        where = ("suites", suite, "rules", i)
        if is_path_selector(selector):
            path = Path(selector) if os.path.isabs(selector) else config.base / selector
            if not path.exists():
                raise config.error(f"suite {suite!r}: no rule file {display_path(path)}", *where)
            files = _realpaths([path])
            matched = {r.id for r in pack.rules if _origin_file(r) in files}
        elif selector.startswith("tag:"):
            tag = selector[4:].strip()
            matched = {r.id for r in pack.rules if tag in r.tags}
            if not matched:
                hint = difflib.get_close_matches(tag, tags, n=1)
                extra = f" (did you mean 'tag:{hint[0]}'?)" if hint else f"; tags: {', '.join(tags)}"
                raise config.error(f"suite {suite!r}: no rule has the tag {tag!r}{extra}", *where)
        else:
            matched = {selector} if selector in ids else set()
            if not matched:
                hint = difflib.get_close_matches(selector, ids, n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise config.error(f"suite {suite!r}: no rule {selector!r}{extra}", *where)
        chosen = chosen - matched if negate else chosen | matched
    return tuple(i for i in ids if i in chosen)


def expand_documents(config: Config, suite: SuiteConfig, strict: bool) -> tuple[Path, ...]:
    """The suite's document globs, relative to the config file, expanded in sorted order."""
    out: list[Path] = []
    seen: set[str] = set()
    for i, pattern in enumerate(suite.documents):
        full = pattern if os.path.isabs(pattern) else os.path.join(config.base, pattern)
        found: list[Path] = []
        for match in sorted(glob.glob(full, recursive=True)):
            p = Path(match)
            if p.is_dir():
                found.extend(documents.iter_document_paths([p]))
            elif not glob.has_magic(pattern) or p.name.lower().endswith(documents.DOCUMENT_SUFFIXES):
                found.append(p)
        if strict and not found:
            raise config.error(f"suite {suite.name!r}: no document matches {pattern!r}",
                               "suites", suite.name, "documents", i)
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                out.append(Path(display_path(p)))
    if strict and not out:
        raise config.error(f"suite {suite.name!r} has no 'documents' (a list of globs)", "suites", suite.name)
    return tuple(out)


def _extra_rule_files(suite: SuiteConfig, config: Config, loaded: set[str]) -> list[Path]:
    """Rule files a suite names by path that the base rule set does not load already."""
    seen = set(loaded)
    out = []
    for raw in suite.rules:
        selector = raw[1:].strip() if raw.startswith("!") else raw
        if not is_path_selector(selector):
            continue
        path = Path(selector) if os.path.isabs(selector) else config.base / selector
        for f in rule_files([path]) if path.exists() else []:
            if os.path.realpath(f) not in seen:
                seen.add(os.path.realpath(f))
                out.append(f)
    return out


def plan(config: Config, base: Settings, names: Sequence[str] = (), strict: bool = True) -> list[Suite]:
    """Resolve the named suites (all of them when none is named) into runnable settings.

    ``strict`` (for ``verify run``) makes a suite without documents an error;
    ``verify suites`` lists it with zero documents instead.
    """
    for name in names:
        if name not in config.suites:
            hint = difflib.get_close_matches(name, list(config.suites), n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else f"; suites: {', '.join(config.suites) or 'none'}"
            raise config.error(f"no suite {name!r}{extra}", "suites")
    chosen = [config.suites[n] for n in (names or list(config.suites))]
    pm = get_plugin_manager(extra=base.plugins, disabled=base.no_plugins)
    base_rules = [Path(r) for r in base.rules] or [Path(p) for p in collect(pm, "verify_rule_paths")]
    loaded = _realpaths(base_rules)
    packs: dict[tuple[str, ...], RulePack] = {}
    out = []
    for suite in chosen:
        extra = _extra_rule_files(suite, config, loaded)
        rule_paths = tuple(display_path(p) for p in [*base_rules, *extra])
        if rule_paths not in packs:
            packs[rule_paths] = load_pack(pm, [Path(p) for p in rule_paths])
        ids = select(packs[rule_paths], suite.rules, config, suite.name)
        docs = expand_documents(config, suite, strict)
        settings = replace(
            base, paths=docs, rules=rule_paths, rule_filter=ids, output=None,
            facts=base.facts if suite.facts is None else suite.facts,
            fail_on=suite.fail_on or base.fail_on,
            formats=suite.formats or ("text",),
            formats_origin=("suites", suite.name, "format") if suite.formats else (),
        )
        out.append(Suite(suite.name, settings, ids, docs))
    return out
