"""``verify baseline create``: record today's claims so ``verify check --baseline`` fails only on new ones.

It takes the options of ``verify check`` that decide which claims a run
finds (facts, rules, lang, date, config, suppressions, plugins), so the
baseline fingerprints exactly the run it will later filter. Suppressed claims
are left out of it (they are already handled). A plugin failure writes
nothing and exits 3: a baseline missing a checker's claims would let them all
through later as "known".
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from verify import baseline as baselines
from verify.commands.options import run_options, settings_from
from verify.errors import InputError
from verify.model import VERDICTS
from verify.session import EXIT_ERROR, EXIT_PLUGIN_FAILED, Pipeline


@click.group("baseline")
def baseline() -> None:
    """Record the claims of existing drafts, to report only new ones later."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@run_options
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), metavar="FILE",
              help="The baseline file to write (default: the config's 'baseline').")
@click.pass_context
def create(ctx: click.Context, paths: Sequence[Path], output: Path | None, **params: Any) -> None:
    """Write a baseline of the claims found in PATH... (checked as `verify check` would)."""
    try:
        settings = settings_from(ctx, paths, params)
        target = output or settings.baseline
        if target is None:
            raise InputError("say where to write the baseline: --output FILE (or 'baseline:' in the config)")
        pipeline = Pipeline.build(settings, use_baseline=False)
        entries: list[baselines.Entry] = []
        counts = dict.fromkeys(VERDICTS, 0)
        errors = 0
        for raw, kept in pipeline.filtered():
            entries.extend(baselines.entries(raw, kept.results, target.parent))
            for r in raw.results:
                errors += bool(r.error)
            for r in kept.results:
                counts[r.verdict] += 1
        if pipeline.runner.plugin_failed or errors:
            click.echo("verify: error: a plugin failed; no baseline written", err=True)
            sys.exit(EXIT_PLUGIN_FAILED)
        written = baselines.write(target, entries)
    except InputError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"verify: baseline of {written} claims ({counts['contradicted']} contradicted, "
               f"{counts['unverifiable']} unverifiable, {counts['supported']} supported) written to {target}")


COMMANDS = (baseline,)
