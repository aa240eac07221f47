"""``verify run [SUITE...]`` and ``verify suites``: the config's named suites, run or listed.

``run`` prints a header before each suite's report and, at the end, one line
per suite (``suite NAME: N supported, N contradicted, N unverifiable — PASS``)
so a CI log ends with the verdicts. Exit status: 0 every suite passed, 1 one
failed, 2 an input error (bad config, unknown suite, missing file), 3 a
plugin failed, as for ``verify check``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from verify.commands.options import parse_date, plugin_options, typed
from verify.config import CONFIG_NAMES, Config, discover, display_path
from verify.errors import InputError
from verify.session import EXIT_ERROR, EXIT_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED, execute
from verify.settings import merge
from verify.suites import Suite, plan

CONFIG_OPTION = click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
                             help="The config file holding the suites (default: the nearest verify.yaml, "
                                  ".verify.yaml or pyproject.toml with [tool.verify]).")


def _fail(exc: InputError) -> None:
    click.echo(f"verify: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def load_suites(ctx: click.Context, params: dict[str, Any], names: Sequence[str], strict: bool
                ) -> tuple[Config, list[Suite]]:
    config = discover(Path("."), params.get("config_file"))
    if config.path is None:
        raise InputError(f"no config file found from {display_path('.')} upwards "
                         f"({', '.join(CONFIG_NAMES)} or [tool.verify] in pyproject.toml)")
    if not config.suites:
        raise config.error("the config defines no 'suites'")
    base = merge(config, typed(ctx, params), ())
    return config, plan(config, base, names, strict=strict)


@click.command("run")
@click.argument("names", nargs=-1, metavar="[SUITE]...")
@CONFIG_OPTION
@click.option("--date", "date", callback=parse_date, help="The documents' publication date (ISO).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check documents in this many processes.")
@click.option("--color/--no-color", default=None, help="Colour the text reports (default: on a terminal).")
@plugin_options
@click.pass_context
def run_cmd(ctx: click.Context, names: Sequence[str], **params: Any) -> None:
    """Run the config's suites (all of them, or the ones named)."""
    try:
        _, suites = load_suites(ctx, params, names, strict=True)
    except InputError as exc:
        _fail(exc)
    finals: list[str] = []
    failed = plugin_failed = False
    for suite in suites:
        click.echo(f"== suite {suite.name}: {len(suite.rules)} rules, {len(suite.documents)} documents ==")
        try:
            tally, broke = execute(suite.settings)
        except InputError as exc:
            _fail(exc)
        bad = broke or bool(tally.errors) or tally.failed(suite.settings.fail_on)
        failed, plugin_failed = failed or bad, plugin_failed or broke or bool(tally.errors)
        c = tally.counts
        finals.append(f"suite {suite.name}: {c['supported']} supported, {c['contradicted']} contradicted, "
                      f"{c['unverifiable']} unverifiable — {'FAIL' if bad else 'PASS'}")
    click.echo("")
    for line in finals:
        click.echo(line)
    sys.exit(EXIT_PLUGIN_FAILED if plugin_failed else EXIT_FAILED if failed else EXIT_OK)


@click.command("suites")
@CONFIG_OPTION
@click.pass_context
def suites_cmd(ctx: click.Context, **params: Any) -> None:
    """List the config's suites: rules, documents and facts of each."""
    try:
        config, suites = load_suites(ctx, params, (), strict=False)
    except InputError as exc:
        _fail(exc)
    rows = [("NAME", "RULES", "DOCUMENTS", "FAIL-ON", "FACTS")]
    rows += [(s.name, str(len(s.rules)), str(len(s.documents)), s.settings.fail_on,
              ", ".join(s.settings.facts) or "(front matter)") for s in suites]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    click.echo(f"{len(suites)} suites in {config.path}")


COMMANDS = (run_cmd, suites_cmd)
