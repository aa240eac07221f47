"""The command line: a thin shell over ``verify.session`` (which runs ``verify.batch`` and ``verify.engine``).

Exit status (CONTRACT §2): 0 no failing claim, 1 at least one (by default a
contradicted claim of an error-severity rule; see ``--fail-on``), 2 a usage or
input error, printed as one line with file, line and column where known, never
a traceback, 3 a plugin failed (its claims carry an error entry), 130 the run
was interrupted (Ctrl-C), said in one line. Reports are written to a temporary
file and renamed, so a report file is either complete or absent, interrupted
or not.

Settings come from defaults < config file (``verify.yaml``, ``.verify.yaml``
or ``[tool.verify]``, see ``verify.config``) < the command line. Suppressions
(``verify.suppress``) and a baseline (``verify.baseline``) are applied to each
document's report before it is counted or written.
"""

from __future__ import annotations

import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from verify.commands import register
from verify.commands.options import parse_date as _parse_date
from verify.commands.options import plugin_options, run_options, settings_from
from verify.errors import InputError
from verify.session import EXIT_ERROR, EXIT_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED, Tally, execute, exit_status
from verify.settings import FAIL_ON

EXIT_CONTRADICTED = EXIT_FAILED
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a process stopped by Ctrl-C
__all__ = ["EXIT_CONTRADICTED", "EXIT_ERROR", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PLUGIN_FAILED",
           "FAIL_ON", "Tally", "_parse_date", "exit_status", "main", "plugin_options"]


def _warn(message: warnings.WarningMessage | Any, *args: Any, **kwargs: Any) -> None:
    click.echo(f"verify: warning: {message}", err=True)


def _quiet_interrupts(unraisable: Any) -> None:
    """Ctrl-C landing in a finaliser (a ``__del__`` run by the garbage collector) is "ignored" by Python with
    a traceback on stderr, and the run would go on. Raise it again where it can stop the run (exit 130)."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)
        return
    sys.__unraisablehook__(unraisable)


class _Main(click.Group):
    """The command group, with Ctrl-C and usage errors of every subcommand said in one line.

    click's own handling of Ctrl-C prints "Aborted!" and exits 1, which a CI
    script cannot tell from "a claim is contradicted"; an interrupted run exits
    130 instead. Partial report files are already gone by then:
    ``verify.outputs`` deletes its temporary file on any exception. A usage
    error (a bad option value, a missing argument) exits 2 as click does, but
    as one ``verify: error:`` line like every other input error, instead of
    click's usage block.
    """

    def invoke(self, ctx: click.Context) -> Any:
        sys.unraisablehook = _quiet_interrupts
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("verify: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.UsageError as exc:
            if isinstance(exc, click.exceptions.NoArgsIsHelpError):
                raise  # "verify rules" alone: click prints the help
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"verify: error: {exc.format_message().rstrip('.')}{hint}".replace("\n", " "), err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verify-claims", prog_name="verify")
def main() -> None:
    """Flag checkable claims in news text and check them against reference facts."""
    warnings.showwarning = _warn  # type: ignore[assignment]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@run_options
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help="Report format (text, json, jsonl, ...), optionally with its own file; repeatable, e.g. "
                   "--format json:report.json --format sarif:report.sarif. Default: text.")
@click.option("--output", type=click.Path(path_type=Path),
              help="Write the report of a --format given without a file there instead of stdout.")
@click.option("--fail-on", "fail_on", type=click.Choice(FAIL_ON), default="contradicted", show_default=True,
              help="Exit 1 when a claim of an error-severity rule is contradicted (or, with 'unverifiable', "
                   "contradicted or unverifiable).")
@click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Report only claims not in this baseline (made by 'verify baseline create').")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@click.pass_context
def check(ctx: click.Context, paths: Sequence[Path], **params: Any) -> None:
    """Check the claims in PATH... (.txt/.md files or folders of them).

    Options not given here come from the nearest config file (verify.yaml,
    .verify.yaml or [tool.verify] in pyproject.toml), then from the defaults.
    """
    try:
        settings = settings_from(ctx, paths, params)
        tally, plugin_failed = execute(settings, progress=_progress)
    except InputError as exc:
        _fail(exc)
    sys.exit(exit_status(tally, settings.fail_on, plugin_failed))


def _progress(done: int, total: int) -> None:
    """A counter on standard error for multi-document runs, only when it is a terminal."""
    if total > 1 and sys.stderr.isatty():
        click.echo(f"\rverify: {done}/{total} documents", err=True, nl=done == total)


def _fail(exc: InputError) -> None:
    click.echo(f"verify: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


register(main)

if __name__ == "__main__":
    main()
