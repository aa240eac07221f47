"""The command line: a thin shell over ``verify.engine``.

Exit status (CONTRACT §2): 0 no contradicted claim, 1 at least one, 2 a usage
or input error, printed as one line with file, line and column where known,
never a traceback. Reports are written to a temporary file and renamed, so a
report file is either complete or absent.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import pluggy

from verify import documents
from verify.commands import register
from verify.engine import Engine, checkers_of, load_factbase
from verify.errors import InputError
from verify.model import Report
from verify.plugins import collect, failed_plugins, get_plugin_manager
from verify.rules.loader import load_rules
from verify.rules.model import RulePack

EXIT_OK, EXIT_CONTRADICTED, EXIT_ERROR, EXIT_PLUGIN_FAILED = 0, 1, 2, 3


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


def make_plugin_manager(plugin: Sequence[str], no_plugin: Sequence[str]) -> pluggy.PluginManager:
    return get_plugin_manager(extra=plugin, disabled=no_plugin)


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
@click.option("--format", "fmt", default="text", show_default=True, help="Report format: text, json, ...")
@click.option("--output", type=click.Path(path_type=Path), help="Write the report there instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@plugin_options
def check(paths: Sequence[Path], facts: Sequence[Path], rules: Sequence[Path], date: dt.date | None, lang: str,
          fmt: str, output: Path | None, color: bool | None, plugin: Sequence[str], no_plugin: Sequence[str]
          ) -> None:
    """Check the claims in PATH... (.txt/.md files or folders of them).

    Exit status: 0 no contradicted claim; 1 at least one; 2 a usage or input
    error; 3 a plugin failed (its claims carry an error entry).
    """
    try:
        pm = make_plugin_manager(plugin, no_plugin)
        reporters = {r.format: r for r in collect(pm, "verify_reporters")}
        if fmt not in reporters:
            raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(sorted(reporters))}",
                                     param_hint="--format")
        pack = _load_pack(pm, rules)
        report = _run(pm, pack, paths, facts, date, None if lang == "auto" else lang)
        use_color = color if color is not None else (output is None and sys.stdout.isatty())
        text = reporters[fmt].render(report, {"color": use_color})
        _write(text, output)
    except InputError as exc:
        _fail(exc)
    if report.errors or failed_plugins(pm):
        sys.exit(EXIT_PLUGIN_FAILED)
    sys.exit(EXIT_CONTRADICTED if report.summary()["contradicted"] else EXIT_OK)


def _load_pack(pm: pluggy.PluginManager, rules: Sequence[Path]) -> RulePack:
    paths = list(rules) or [Path(p) for p in collect(pm, "verify_rule_paths")]
    known = checkers_of(pm).keys()
    # When a plugin failed, its checkers are missing: its rules still run and their claims carry
    # an error entry, instead of the whole run stopping on "unknown checker".
    return load_rules(paths, known_checkers=None if failed_plugins(pm) else known)


def _run(pm: pluggy.PluginManager, pack: RulePack, paths: Sequence[Path], facts: Sequence[Path],
         date: dt.date | None, lang: str | None) -> Report:
    engines: dict[tuple[str, ...], Engine] = {}
    results = []
    for path in documents.iter_document_paths(list(paths)):
        doc = documents.read_document(path, lang=lang, date=date)
        doc_facts = list(facts) + _front_matter_facts(doc.meta, path)
        key = tuple(sorted(str(f) for f in doc_facts))
        if key not in engines:
            engines[key] = Engine(pack, load_factbase(doc_facts, pm), pm)
        results.append(engines[key].check_document(doc))
    return Report(tuple(results))


def _front_matter_facts(meta: Any, path: Path) -> list[Path]:
    raw = meta.get("facts") if hasattr(meta, "get") else None
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise InputError("front matter 'facts' must be a path or a list of paths", str(path))
    return [path.parent / x for x in items]


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("cannot write the report: no such folder", str(output))
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the report: {exc.strerror or exc}", str(output)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fail(exc: InputError) -> None:
    click.echo(f"verify: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


register(main)

if __name__ == "__main__":
    main()
