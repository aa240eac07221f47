"""The command line: a thin shell over ``verify.batch`` and ``verify.engine``.

Exit status (CONTRACT §2): 0 no failing claim, 1 at least one (by default a
contradicted claim of an error-severity rule; see ``--fail-on``), 2 a usage or
input error, printed as one line with file, line and column where known, never
a traceback, 3 a plugin failed (its claims carry an error entry). Reports are
written to a temporary file and renamed, so a report file is either complete
or absent.
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from verify import documents
from verify.batch import RunConfig, Runner, run
from verify.commands import register
from verify.errors import InputError
from verify.model import DocumentReport, Report
from verify.outputs import Output, parse_outputs, write_atomic
from verify.plugins import collect

EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_PLUGIN_FAILED = 0, 1, 2, 3
EXIT_CONTRADICTED = EXIT_FAILED
FAIL_ON = ("contradicted", "unverifiable")


def _warn(message: warnings.WarningMessage | Any, *args: Any, **kwargs: Any) -> None:
    click.echo(f"verify: warning: {message}", err=True)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verify-claims", prog_name="verify")
def main() -> None:
    """Flag checkable claims in news text and check them against reference facts."""
    warnings.showwarning = _warn  # type: ignore[assignment]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--facts", "facts", multiple=True, type=click.Path(path_type=Path),
              help="Fact file or directory; repeatable.")
@click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory; repeatable. Default: the built-in rule pack.")
@click.option("--date", "date", callback=_parse_date, help="The documents' publication date (ISO).")
@click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default="auto", show_default=True)
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help="Report format (text, json, jsonl, ...), optionally with its own file; repeatable, e.g. "
                   "--format json:report.json --format sarif:report.sarif. Default: text.")
@click.option("--output", type=click.Path(path_type=Path),
              help="Write the report of a --format given without a file there instead of stdout.")
@click.option("--fail-on", "fail_on", type=click.Choice(FAIL_ON), default="contradicted", show_default=True,
              help="Exit 1 when a claim of an error-severity rule is contradicted (or, with 'unverifiable', "
                   "contradicted or unverifiable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check documents in this many processes.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@plugin_options
def check(paths: Sequence[Path], facts: Sequence[Path], rules: Sequence[Path], date: dt.date | None, lang: str,
          formats: Sequence[str], output: Path | None, fail_on: str, jobs: int, color: bool | None,
          plugin: Sequence[str], no_plugin: Sequence[str]) -> None:
    """Check the claims in PATH... (.txt/.md files or folders of them)."""
    config = RunConfig(facts=tuple(map(str, facts)), rules=tuple(map(str, rules)), plugins=tuple(plugin),
                       no_plugins=tuple(no_plugin), date=date, lang=None if lang == "auto" else lang)
    try:
        runner = Runner(config)
        reporters = {r.format: r for r in collect(runner.pm, "verify_reporters")}
        outputs = parse_outputs(formats or ("text",), output, reporters)
        doc_paths = documents.iter_document_paths(list(paths))
        tally = _check_all(runner, config, doc_paths, jobs, outputs, color)
    except InputError as exc:
        _fail(exc)
    sys.exit(exit_status(tally, fail_on, runner.plugin_failed))


@dataclass
class Tally:
    """What the exit status needs, kept without the documents so streaming runs stay flat in memory."""

    failing: dict[str, int] = field(default_factory=lambda: {"contradicted": 0, "unverifiable": 0})
    errors: int = 0

    def add(self, doc_report: DocumentReport) -> None:
        for r in doc_report.results:
            self.errors += bool(r.error)
            if r.verdict in self.failing and r.claim.severity == "error":
                self.failing[r.verdict] += 1


def _check_all(runner: Runner, config: RunConfig, doc_paths: Sequence[Path], jobs: int, outputs: list[Output],
               color: bool | None) -> Tally:
    """Run the documents and write every output; streaming outputs are written as results arrive."""
    streams = [o for o in outputs if o.streaming]
    keep = any(not o.streaming for o in outputs)
    tally = Tally()
    results: list[DocumentReport] = []
    for o in streams:
        o.open()
    try:
        for i, doc_report in enumerate(run(doc_paths, config, jobs, runner=runner if jobs <= 1 else None), 1):
            tally.add(doc_report)
            for o in streams:
                o.write_document(doc_report)
            if keep:
                results.append(doc_report)
            _progress(i, len(doc_paths))
    except BaseException:
        for o in streams:
            o.abort()
        raise
    for o in streams:
        o.close()
    report = Report(tuple(results))
    for o in outputs:
        if not o.streaming:
            use_color = color if color is not None else (o.path is None and sys.stdout.isatty())
            text = o.reporter.render(report, {"color": use_color})
            if o.path is None:
                click.echo(text, nl=False)
            else:
                write_atomic(o.path, text)
    return tally


def _progress(done: int, total: int) -> None:
    """A counter on standard error for multi-document runs, only when it is a terminal."""
    if total > 1 and sys.stderr.isatty():
        click.echo(f"\rverify: {done}/{total} documents", err=True, nl=done == total)


def exit_status(tally: Tally, fail_on: str, plugin_failed: bool) -> int:
    if tally.errors or plugin_failed:
        return EXIT_PLUGIN_FAILED
    if tally.failing["contradicted"] or (fail_on == "unverifiable" and tally.failing["unverifiable"]):
        return EXIT_FAILED
    return EXIT_OK


def _fail(exc: InputError) -> None:
    click.echo(f"verify: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


register(main)

if __name__ == "__main__":
    main()
