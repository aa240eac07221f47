"""One check run from settings to exit status: run → suppress → baseline → outputs → tally.

``verify check``, each suite of ``verify run`` and ``verify baseline create``
share this road, so a claim suppressed in a draft is suppressed the same way
everywhere and the exit status means the same thing in every command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from verify import documents
from verify.baseline import Baseline
from verify.batch import Runner, run
from verify.errors import InputError
from verify.model import VERDICTS, DocumentReport, Report
from verify.outputs import Output, parse_outputs, write_atomic
from verify.plugins import collect
from verify.settings import Settings
from verify.suppress import FilteredDocumentReport, SideFile, apply, unused_inline

EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_PLUGIN_FAILED = 0, 1, 2, 3
Progress = Callable[[int, int], None]


@dataclass
class Tally:
    """What the exit status needs, kept without the documents so streaming runs stay flat in memory."""

    failing: dict[str, int] = field(default_factory=lambda: {"contradicted": 0, "unverifiable": 0})
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    errors: int = 0

    def add(self, doc_report: DocumentReport) -> None:
        for r in doc_report.results:
            self.errors += bool(r.error)
            self.counts[r.verdict] += 1
            if r.verdict in self.failing and r.claim.severity == "error":
                self.failing[r.verdict] += 1

    def failed(self, fail_on: str) -> bool:
        return bool(self.failing["contradicted"] or (fail_on == "unverifiable" and self.failing["unverifiable"]))


def exit_status(tally: Tally, fail_on: str, plugin_failed: bool) -> int:
    if tally.errors or plugin_failed:
        return EXIT_PLUGIN_FAILED
    return EXIT_FAILED if tally.failed(fail_on) else EXIT_OK


def warn(message: str) -> None:
    click.echo(f"verify: warning: {message}", err=True)


@dataclass
class Pipeline:
    """The runner plus the post-processing steps one run applies to each document."""

    settings: Settings
    runner: Runner
    side: SideFile | None = None
    baseline: Baseline | None = None

    @classmethod
    def build(cls, settings: Settings, use_baseline: bool = True) -> Pipeline:
        runner = Runner(settings.run_config())
        side = SideFile.load(settings.suppressions) if settings.suppressions is not None else None
        baseline = Baseline.load(settings.baseline) if use_baseline and settings.baseline is not None else None
        return cls(settings, runner, side, baseline)

    def documents(self) -> list[Path]:
        return documents.iter_document_paths(list(self.settings.paths))

    def filtered(self, progress: Progress | None = None) -> Iterator[tuple[DocumentReport, FilteredDocumentReport]]:
        """Each document's raw report and what is left of it after suppressions and the baseline."""
        paths = self.documents()
        runner = self.runner if self.settings.jobs <= 1 else None
        known = [r.id for r in self.runner.pack.rules]
        if self.settings.executor == "dask":
            from verify.dask_executor import run_dask  # an optional extra: imported only when asked for

            results = run_dask(paths, self.settings.run_config(), self.settings.scheduler)
        else:
            results = run(paths, self.settings.run_config(), self.settings.jobs, runner=runner)
        for i, raw in enumerate(results, 1):
            report = apply(raw, self.side)
            for line in unused_inline(report, self.settings.rule_filter, known):
                warn(line)
            if self.baseline is not None:
                kept = self.baseline.new_results(raw, report.results)
                report = FilteredDocumentReport(report.document, kept, suppressed=report.suppressed,
                                                suppressions=report.suppressions,
                                                baselined=len(report.results) - len(kept))
            yield raw, report
            if progress is not None:
                progress(i, len(paths))
        if self.side is not None:
            for e in self.side.unused():
                warn(f"{self.side.path}:{e.line}: unused suppression of {e.rule!r} -- {e.reason}")


def outputs_for(settings: Settings, runner: Runner) -> list[Output]:
    reporters = {r.format: r for r in collect(runner.pm, "verify_reporters")}
    try:
        return parse_outputs(settings.formats or ("text",), settings.output, reporters)
    except InputError as exc:
        if settings.formats_origin and exc.path is None:
            raise settings.config.error(exc.message, *settings.formats_origin) from None
        raise


def execute(settings: Settings, progress: Progress | None = None) -> tuple[Tally, bool]:
    """Check the documents and write every output; return the tally and whether a plugin failed."""
    pipeline = Pipeline.build(settings)
    outputs = outputs_for(settings, pipeline.runner)
    streams = [o for o in outputs if o.streaming]
    keep = any(not o.streaming for o in outputs)
    tally = Tally()
    results: list[DocumentReport] = []
    for o in streams:
        o.open()
    try:
        for _, doc_report in pipeline.filtered(progress):
            tally.add(doc_report)
            for o in streams:
                o.write_document(doc_report)
            if keep:
                results.append(doc_report)
    except BaseException:
        for o in streams:
            o.abort()
        raise
    for o in streams:
        o.close()
    render(Report(tuple(results)), outputs, settings.color)
    return tally, pipeline.runner.plugin_failed


def render(report: Report, outputs: Sequence[Output], color: bool | None) -> None:
    for o in outputs:
        if o.streaming:
            continue
        use_color = color if color is not None else (o.path is None and sys.stdout.isatty())
        text = o.reporter.render(report, {"color": use_color})
        if o.path is None:
            click.echo(text, nl=False)
        else:
            write_atomic(o.path, text)
