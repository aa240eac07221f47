"""The testing kit for plugin authors: write facts and documents, run verify, assert on verdicts.

Installed with verify as a pytest plugin (entry point ``pytest11``), so any
test suite gets the ``verify_env`` fixture without importing anything::

    def test_pompeo_was_there(verify_env):
        verify_env.facts({"entities": [...], "events": [...]})
        out = verify_env.check_text("Trump met with Mike Pompeo at Mar-a-Lago.", date="2020-01-04")
        out.assert_verdicts(supported=1)

Why a kit: a checker is only meaningful together with the rules that find its
claims and the facts it reads, and a plugin author should test exactly what a
user will run (the same rule pack, the same fact loading, the same CLI), not
a hand-built ``Claim``. Two ways to run, returning the same ``Outcome``:

- ``check(...)`` / ``cli(...)`` run the real command line in-process
  (``click.testing.CliRunner`` on ``verify.cli.main``): exit status, stderr
  warnings, reporters, ``--plugin`` loading, everything.
- ``check_text(text, checker=...)`` builds the engine in-process and can keep
  only the rules of one checker, for focused checker tests and for plugin
  objects defined inside a test.

Runs are isolated from whatever else is installed: ``VERIFY_DISABLE_PLUGINS=1``
is set (no third-party entry-point plugins; the built-ins stay), and the
plugins a test wants are added with ``env.plugin(...)`` (a module name, a
``.py`` file, or any object with ``@hookimpl`` methods).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
import textwrap
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

__all__ = ["Outcome", "VerifyEnv", "verify_env"]

VERDICT_NAMES = ("supported", "contradicted", "unverifiable")


@dataclass
class Outcome:
    """What a run gave: exit status, output, and the JSON report when there is one."""

    exit_code: int
    stdout: str = ""
    stderr: str = ""
    json: dict[str, Any] | None = None

    @property
    def claims(self) -> list[dict[str, Any]]:
        """Every claim of every document, as in the JSON report (``verdict``, ``checker``, ``text``...)."""
        if self.json is None:
            raise AssertionError(f"no JSON report (exit {self.exit_code}); stderr: {self.stderr.strip()!r}")
        return [c for d in self.json.get("documents", []) for c in d.get("claims", [])]

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Claims a plugin failed on (they carry an ``error`` entry)."""
        return [c for c in self.claims if c.get("error")]

    def select(self, checker: str | None = None, rule: str | None = None) -> list[dict[str, Any]]:
        return [c for c in self.claims if (checker is None or c["checker"] == checker)
                and (rule is None or c["rule"] == rule)]

    def verdicts(self, checker: str | None = None, rule: str | None = None) -> dict[str, int]:
        counts = Counter(c["verdict"] for c in self.select(checker, rule))
        return {v: counts.get(v, 0) for v in VERDICT_NAMES}

    def assert_verdicts(self, *, checker: str | None = None, rule: str | None = None, supported: int = 0,
                        contradicted: int = 0, unverifiable: int = 0) -> None:
        """Assert how many claims got each verdict (all three counts; omitted ones must be 0).

        ``checker=``/``rule=`` count only that checker's or rule's claims. On
        failure the message lists every claim with its verdict and reason.
        """
        want = {"supported": supported, "contradicted": contradicted, "unverifiable": unverifiable}
        got = self.verdicts(checker, rule)
        if got != want:
            raise AssertionError(f"verdicts {got}, expected {want}\n{self.describe()}")

    def claim(self, containing: str) -> dict[str, Any]:
        """The one claim whose text contains ``containing``."""
        found = [c for c in self.claims if containing in c["text"]]
        if len(found) != 1:
            raise AssertionError(f"{len(found)} claims contain {containing!r}\n{self.describe()}")
        return found[0]

    def describe(self) -> str:
        lines = [f"exit {self.exit_code}"]
        if self.json is not None:
            for c in self.claims:
                error = f" [error: {c['error']}]" if c.get("error") else ""
                lines.append(f"  {c['verdict']:<12} {c['checker']}/{c['rule']}: {c['text']!r} -- {c['message']}"
                             f"{error}")
        if self.stderr.strip():
            lines.append("stderr: " + self.stderr.strip())
        return "\n".join(lines)


@dataclass
class VerifyEnv:
    """A scratch folder with fact files, documents and rules, and ways to run verify on them."""

    root: Path
    date: dt.date | str | None = None  # default document date (front matter / --date)
    lang: str | None = None  # default document language
    isolated: bool = True  # no third-party entry-point plugins in runs
    fact_paths: list[Path] = field(default_factory=list)
    document_paths: list[Path] = field(default_factory=list)
    rule_paths: list[Path] = field(default_factory=list)
    plugins: list[Any] = field(default_factory=list)  # module names, .py paths, or plugin objects

    # -- writing inputs ----------------------------------------------------------------

    def _write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def facts(self, data: Mapping[str, Any] | str, name: str = "facts.yaml") -> Path:
        """Write a fact file (a mapping as YAML, or as JSON when ``name`` ends in .json; text as is)."""
        if isinstance(data, str):
            text = textwrap.dedent(data).lstrip("\n")
        elif name.endswith(".json"):
            text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        else:
            text = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True)
        path = self._write(name, text)
        if path not in self.fact_paths:
            self.fact_paths.append(path)
        return path

    def document(self, text: str, name: str = "doc.md", *, date: dt.date | str | None = None,
                 lang: str | None = None) -> Path:
        """Write a document; a ``.md`` one gets front matter with its date and language."""
        date = date if date is not None else self.date
        lang = lang if lang is not None else self.lang
        body = textwrap.dedent(text).lstrip("\n")
        if name.endswith(".md") and (date or lang):
            meta = "".join(f"{k}: {v}\n" for k, v in (("date", date), ("lang", lang)) if v)
            body = f"---\n{meta}---\n{body}"
        path = self._write(name, body)
        if path not in self.document_paths:
            self.document_paths.append(path)
        return path

    def rules(self, text: str, name: str = "rules.yaml") -> Path:
        """Write a rule file; once any is written, runs use these rules instead of the built-in pack."""
        path = self._write(name, textwrap.dedent(text).lstrip("\n"))
        if path not in self.rule_paths:
            self.rule_paths.append(path)
        return path

    def plugin(self, plugin: Any) -> Any:
        """Load this plugin in every run: a module name, a ``.py`` path, or an object with hook methods."""
        self.plugins.append(str(plugin) if isinstance(plugin, Path) else plugin)
        return plugin

    # -- running the command line ------------------------------------------------------

    def cli(self, *args: str) -> Outcome:
        """Run ``verify ARGS...`` in-process; stdout is parsed as JSON when it is JSON."""
        from click.testing import CliRunner

        from verify.cli import main
        from verify.plugins import PluginWarning

        runner = CliRunner()
        with self._plugin_modules() as specs, warnings.catch_warnings():
            warnings.simplefilter("always", PluginWarning)
            extra = [a for spec in specs for a in ("--plugin", spec)] if _takes_plugins(main, args) else []
            env = {"VERIFY_DISABLE_PLUGINS": "1"} if self.isolated else {}
            result = runner.invoke(main, [*args, *extra], env=env, catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr, _maybe_json(result.stdout))

    def check(self, *paths: str | Path, format: str = "json", date: dt.date | str | None = None,
              lang: str | None = None, options: Sequence[str] = ()) -> Outcome:
        """``verify check`` on ``paths`` (default: every document written) with the env's facts and rules."""
        chosen = [str(p) for p in paths] or [str(p) for p in self.document_paths]
        args = ["check", *chosen, "--format", format]
        for f in self.fact_paths:
            args += ["--facts", str(f)]
        for r in self.rule_paths:
            args += ["--rules", str(r)]
        plain = not all(str(p).endswith(".md") for p in chosen)  # no front matter to carry date and language
        if date or (self.date and plain):
            args += ["--date", str(date or self.date)]
        if lang or (self.lang and plain):
            args += ["--lang", str(lang or self.lang)]
        return self.cli(*args, *options)

    # -- running the engine in-process --------------------------------------------------

    def check_text(self, text: str, *, checker: str | Any | None = None, date: dt.date | str | None = None,
                   lang: str | None = None, claim_timeout: float | None = None) -> Outcome:
        """Check one text in-process; with ``checker`` (an id, or a checker object) only its rules run.

        A checker object (``id`` and ``check(claim, ctx)``) replaces the built-in checker of the same id.
        """
        from verify_plugins.json_report import report_json

        from verify.engine import CLAIM_TIMEOUT, Engine, checkers_of
        from verify.model import Report
        from verify.plugins import failed_plugins
        from verify.rules.model import RulePack
        from verify.rules.slots import load_rules_for

        checker_id = checker if isinstance(checker, str) or checker is None else str(checker.id)
        with _recorded_warnings() as caught:
            pm = self.plugin_manager(checker if checker is not None and not isinstance(checker, str) else None)
            known = None if failed_plugins(pm) else checkers_of(pm).keys()
            pack = load_rules_for(pm, self.rule_paths, known_checkers=known)
            if checker_id is not None:
                pack = RulePack(tuple(r for r in pack.rules if r.checker == checker_id), pack.lexicon)
            facts = load_facts_for(pm, self.fact_paths)
            engine = Engine(pack, facts, pm, claim_timeout=claim_timeout or CLAIM_TIMEOUT)
            day = _day(date if date is not None else self.date)
            doc = engine.check_text(textwrap.dedent(text).strip(), date=day, lang=lang or self.lang)
        report = Report((doc,))
        stderr = "".join(f"verify: warning: {w.message}\n" for w in caught)
        return Outcome(_exit_status(report, bool(failed_plugins(pm))), "", stderr, report_json(report))

    def run_checker(self, checker: str | Any, text: str, **options: Any) -> Outcome:
        """Only ``checker``'s rules on ``text`` (see ``check_text``)."""
        return self.check_text(text, checker=checker, **options)

    def plugin_manager(self, checker: Any = None) -> Any:
        """A fresh plugin manager with the env's plugins (and a checker object, replacing its namesake)."""
        from verify.hookspecs import hookimpl
        from verify.plugins import get_plugin_manager

        disabled = [str(checker.id)] if checker is not None else []
        with _environ({"VERIFY_DISABLE_PLUGINS": "1"} if self.isolated else {}):
            pm = get_plugin_manager(extra=[p for p in self.plugins if isinstance(p, str)], disabled=disabled)
        for obj in self.plugins:
            if not isinstance(obj, str):
                pm.register(obj)
        if checker is not None:
            class _One:
                @hookimpl
                def verify_checkers(self) -> list[Any]:
                    return [checker]

            if pm.has_plugin(str(checker.id)):
                pm.unregister(name=str(checker.id))
            pm.register(_One(), name=f"test-checker-{checker.id}")
        pm.check_pending()
        return pm

    @contextlib.contextmanager
    def _plugin_modules(self) -> Iterator[list[str]]:
        """Plugin objects made importable for ``--plugin`` (a temporary ``sys.modules`` entry each)."""
        specs: list[str] = []
        added: list[str] = []
        for i, obj in enumerate(self.plugins):
            if isinstance(obj, str):
                specs.append(obj)
            else:
                name = f"verify_testing_kit_plugin_{id(self)}_{i}"
                sys.modules[name] = obj
                added.append(name)
                specs.append(name)
        try:
            yield specs
        finally:
            for name in added:
                sys.modules.pop(name, None)


def load_facts_for(pm: Any, paths: Sequence[Path]) -> Any:
    """Fact files through the plugins' loaders, with the plugins' sections (what the engine does)."""
    from verify.errors import InputError
    from verify.facts.loader import build_factbase, fact_files
    from verify.facts.sections import fact_sections

    raw = []
    for f in fact_files(list(paths)) if paths else []:
        data = pm.hook.verify_load_facts(path=f)
        if data is None:
            raise InputError(f"no fact loader reads {f.suffix or 'this'} files", str(f))
        raw.append((str(f), data))
    return build_factbase(raw, sections=fact_sections(pm))


def _probe_pm() -> Any:
    """Built-ins plus a plugin with one fact section and one slot type, to probe the CLI's code path."""
    from verify.hookspecs import hookimpl
    from verify.plugins import get_plugin_manager

    class Probe:
        @hookimpl
        def verify_fact_sections(self) -> dict[str, Any]:
            return {"kit_probe": {"type": "object"}}

        @hookimpl
        def verify_slot_types(self) -> dict[str, str]:
            return {"kit_probe": "probe"}

    with _environ({"VERIFY_DISABLE_PLUGINS": "1"}):
        pm = get_plugin_manager()
    pm.register(Probe())
    return pm


@functools.cache
def engine_supports_fact_sections() -> bool:
    """Whether the engine's fact loading (``verify.engine.load_factbase``, the CLI's path) knows plugin sections."""
    import tempfile

    from verify.engine import load_factbase
    from verify.errors import InputError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.yaml"
        path.write_text("kit_probe: []\n", encoding="utf-8")
        try:
            load_factbase([path], _probe_pm())
        except InputError:
            return False
    return True


@functools.cache
def engine_supports_slot_types() -> bool:
    """Whether the CLI's rule loading (``verify.batch.load_pack``) knows plugin slot types."""
    import tempfile

    from verify.batch import load_pack
    from verify.errors import InputError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.yaml"
        path.write_text("rules:\n  - {id: probe, checker: date, patterns: ['{x:kit_probe}']}\n", encoding="utf-8")
        try:
            load_pack(_probe_pm(), [path])
        except InputError:
            return False
    return True


def _takes_plugins(group: Any, args: Sequence[str]) -> bool:
    """Whether the subcommand ``args`` start with has a ``--plugin`` option (check, plugins...)."""
    command = group.commands.get(args[0]) if args else None
    return command is not None and any(getattr(p, "name", None) == "plugin" for p in command.params)


def _exit_status(report: Any, plugin_failed: bool) -> int:
    """The exit status ``verify check`` would give (CONTRACT §2, plus 3 for a failed plugin)."""
    if report.errors or plugin_failed:
        return 3
    failing = any(r.verdict == "contradicted" and r.claim.severity == "error"
                  for d in report.documents for r in d.results)
    return 1 if failing else 0


def _maybe_json(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _day(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@contextlib.contextmanager
def _environ(values: Mapping[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def _recorded_warnings() -> Iterator[list[warnings.WarningMessage]]:
    from verify.plugins import PluginWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        yield caught  # type: ignore[misc]
    caught[:] = [w for w in caught if issubclass(w.category, PluginWarning)]


@pytest.fixture
def verify_env(tmp_path: Path) -> VerifyEnv:
    """A ``VerifyEnv`` in a fresh folder of ``tmp_path``: write facts, documents, rules; run verify."""
    return VerifyEnv(tmp_path / "verify-env")
