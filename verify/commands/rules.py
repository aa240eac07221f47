"""``verify rules``: test, list and explain rules, so rule authors never guess what a rule does.

A rule's examples are its tests (``test``), the pack is browsable (``list``),
and ``explain`` shows a rule as the engine sees it: each pattern as written
and as the regular expression it compiles to, with its typed slots.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from verify.engine import checkers_of
from verify.errors import InputError
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import load_rules
from verify.rules.macros import DATE_CHAR, NUMBER_CHAR
from verify.rules.model import Example, Rule, RulePack
from verify.rules.testing import did_you_mean, run_examples

REGEX_SHOWN = 160  # characters of a compiled pattern shown unless --full
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def load_pack(paths: Sequence[Path]) -> RulePack:
    """The rules at ``paths``, else the installed rule packs, as ``verify check`` loads them."""
    pm = get_plugin_manager()
    chosen = list(paths) or [Path(p) for p in collect(pm, "verify_rule_paths")]
    return load_rules(chosen, known_checkers=checkers_of(pm).keys())


def fail(exc: InputError) -> NoReturn:
    """Input errors end as one line and exit 2, as in ``verify check`` (CONTRACT §2)."""
    click.echo(f"verify: error: {exc}", err=True)
    sys.exit(2)


@click.group("rules")
def rules() -> None:
    """Test, list and explain rules."""


@rules.command("test")
@PATHS
@click.option("--rule", "rule_ids", multiple=True, metavar="ID", help="Only this rule; repeatable.")
def test_cmd(paths: Sequence[Path], rule_ids: Sequence[str]) -> None:
    """Run the examples of every rule in PATH... (default: the built-in pack)."""
    try:
        results = run_examples(load_pack(paths), rule_ids or None)
    except InputError as exc:
        fail(exc)
    width = max((len(r.rule_id) for r in results), default=0)
    for res in results:
        click.echo(f"{'PASS' if res.ok else 'FAIL'} {res.rule_id:<{width}}  {res.passed}/{res.total} examples")
        for failure in res.failures:
            click.echo(f"  {_where(res.origin)}: {failure}")
    passed, failed = sum(r.passed for r in results), sum(r.failed for r in results)
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


@rules.command("list")
@PATHS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_cmd(paths: Sequence[Path], fmt: str) -> None:
    """List the rules in PATH... (default: the built-in pack)."""
    try:
        pack = load_pack(paths)
    except InputError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps([_summary(r) for r in pack.rules], indent=2, ensure_ascii=False))
        return
    rows = [("ID", "CHECKER", "LANG", "TAGS", "DESCRIPTION")]
    rows += [(r.id, r.checker, ",".join(r.languages) or "any", ",".join(r.tags), _short(r.description, 70))
             for r in pack.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4])


def _summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "checker": rule.checker, "languages": list(rule.languages), "tags": list(rule.tags),
        "description": rule.description, "severity": rule.severity, "priority": rule.priority,
        "origin": rule.origin, "patterns": len(rule.patterns),
        "examples": {"match": len(rule.examples_match), "no_match": len(rule.examples_no_match)},
    }


@rules.command("explain")
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory; repeatable. Default: the built-in rule pack.")
@click.option("--full", is_flag=True, help="Show compiled patterns in full.")
def explain_cmd(rule_id: str, paths: Sequence[Path], full: bool) -> None:
    """Show what rule ID matches: patterns, compiled regexes, slots, attrs and examples."""
    try:
        pack = load_pack(paths)
        rule = pack.get(rule_id)
        if rule is None:
            raise InputError(f"unknown rule {rule_id!r}{did_you_mean(rule_id, (r.id for r in pack.rules))}")
    except InputError as exc:
        fail(exc)
    out = [f"{rule.id}  ({_where(rule.origin)})", f"  {rule.description}" if rule.description else ""]
    out += [f"checker:   {rule.checker}", f"languages: {', '.join(rule.languages) or 'any'}",
            f"severity:  {rule.severity}", f"priority:  {rule.priority}", f"tags:      {', '.join(rule.tags)}",
            f"triggers:  {', '.join(rule.triggers) or '(none: runs on every sentence)'}",
            f"attrs:     {_attrs(rule.attrs)}"]
    if rule.message:
        out.append(f"message:   {rule.message}")
    out.append("patterns:")
    for i, pat in enumerate(rule.patterns, 1):
        shown = _visible(pat.compiled.pattern)
        regex_text = shown if full else _short(shown, REGEX_SHOWN, f" ({len(shown)} chars; --full shows all)")
        out += [f"  {i}. (line {pat.line}) {pat.source}", f"     regex: {regex_text}",
                f"     slots: {', '.join(f'{n} ({t})' for n, t in pat.slot_types.items()) or '(none)'}",
                f"     attrs: {_attrs(pat.attrs)}"]
    out += ["examples:", "  match:", *(_example(e) for e in rule.examples_match)]
    out += ["  no_match:", *(_example(e) for e in rule.examples_no_match)]
    click.echo("\n".join(line for line in out if line))


def _example(example: Example) -> str:
    slots = ", ".join(f"{k}={v!r}" for k, v in example.slots.items())
    lang = f" [{example.lang}]" if example.lang else ""
    return f"    - {example.text!r}{lang}" + (f"  {slots}" if slots else "")


def _attrs(attrs: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in attrs.items()) or "(none)"


def _short(text: str, limit: int, more: str = "") -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…{more}"


def _visible(pattern: str) -> str:
    """Masked dates and numbers are private-use characters: show them as the escapes they match."""
    return pattern.replace(DATE_CHAR, "\\ue000").replace(NUMBER_CHAR, "\\ue001")


def _where(origin: str) -> str:
    """``file:line`` relative to the working directory when it lies inside it (shorter, clickable)."""
    path, _, line = origin.rpartition(":")
    with contextlib.suppress(ValueError):
        path = str(Path(path).resolve().relative_to(Path.cwd()))
    return f"{path}:{line}"


COMMANDS = [rules]
