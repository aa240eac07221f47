"""Many documents: one engine per fact set, built once, and optional parallelism.

``run`` streams ``DocumentReport``s in the order of the documents, whatever
the executor, so reports are byte-identical across ``--jobs 1``, ``--jobs N``
and a Dask cluster. Each worker process builds its plugin manager, rule pack
and engines once (in its initializer), then only receives document paths.

With ``fork`` (Linux), workers do not even build those: ``run`` loads the
run's fact files in the parent first, and the workers inherit the parent's
runner (rule pack, plugins, fact base) as copy-on-write memory. Fact sets of
1 MB or more go through the fact-base cache (``verify.facts.cache``).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify import documents
from verify.engine import Engine, checkers_of, load_factbase
from verify.errors import InputError
from verify.facts.cache import load_factbase_cached
from verify.model import DocumentReport
from verify.plugins import failed_plugins, get_plugin_manager
from verify.rules.model import RulePack
from verify.rules.slots import load_rules_for


@dataclass(frozen=True)
class RunConfig:
    """Everything a worker needs to rebuild the engine: plain, picklable data."""

    facts: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    no_plugins: tuple[str, ...] = ()
    date: dt.date | None = None
    lang: str | None = None
    rule_filter: tuple[str, ...] | None = None  # rule ids to keep (suites), None for all
    extra: dict[str, Any] = field(default_factory=dict)


class Runner:
    """Builds the rule pack once and one engine per distinct set of fact files."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.pm = get_plugin_manager(extra=config.plugins, disabled=config.no_plugins)
        self.pack = load_pack(self.pm, [Path(r) for r in config.rules])
        if config.rule_filter is not None:
            keep = set(config.rule_filter)
            self.pack = RulePack(tuple(r for r in self.pack.rules if r.id in keep), self.pack.lexicon)
        self._engines: dict[tuple[str, ...], Engine] = {}
        self._lock = threading.Lock()  # threads of a Dask worker share one runner
        _RUNNERS[:] = [r for r in _RUNNERS if r() is not None]
        _RUNNERS.append(weakref.ref(self))

    def engine_for(self, facts: Sequence[Path]) -> Engine:
        key = tuple(sorted(str(f) for f in facts))
        engine = self._engines.get(key)
        if engine is None:
            with self._lock:
                engine = self._engines.get(key)
                if engine is None:
                    base = load_factbase_cached(list(facts), self.pm, min_bytes=CACHE_MIN_BYTES, load=load_factbase)
                    engine = self._engines[key] = Engine(self.pack, base, self.pm)
        return engine

    def check_path(self, path: Path) -> DocumentReport:
        doc = documents.read_document(path, lang=self.config.lang, date=self.config.date)
        doc_facts = [Path(f) for f in self.config.facts] + front_matter_facts(doc.meta, path)
        return self.engine_for(doc_facts).check_document(doc)

    @property
    def plugin_failed(self) -> bool:
        return bool(failed_plugins(self.pm))


def load_pack(pm: Any, rules: Sequence[Path]) -> RulePack:
    known = checkers_of(pm).keys()
    # When a plugin failed, its checkers are missing: its rules still run and their claims carry
    # an error entry, instead of the whole run stopping on "unknown checker".
    return load_rules_for(pm, list(rules), known_checkers=None if failed_plugins(pm) else known)


def front_matter_facts(meta: Any, path: Path) -> list[Path]:
    raw = meta.get("facts") if hasattr(meta, "get") else None
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise InputError("front matter 'facts' must be a path or a list of paths", str(path))
    return [path.parent / x for x in items]


CACHE_MIN_BYTES = 1_000_000  # smaller fact sets load faster than a cache entry is checked

# -- process pool -----------------------------------------------------------------

_WORKER: Runner | None = None
_INHERITED: Runner | None = None  # set in the parent just while forking the pool
_RUNNERS: list[weakref.ref[Runner]] = []  # runners built in this process, to hand to forked workers


def _init_worker(config: RunConfig) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: only the parent handles it (one line, exit 130, the pool
    # terminated); a worker interrupted mid-document would print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inherited = _INHERITED
    _WORKER = inherited if inherited is not None and inherited.config == config else Runner(config)
    gc.freeze()  # rules and facts live as long as the worker: keep them out of every collection


def _live_runner(config: RunConfig) -> Runner | None:
    """A runner this process already built for the same configuration (the CLI builds one first)."""
    _RUNNERS[:] = [r for r in _RUNNERS if r() is not None]
    for ref in reversed(_RUNNERS):
        runner = ref()
        if runner is not None and runner.config == config:
            return runner
    return None


def _work(path: str) -> DocumentReport | InputError:
    assert _WORKER is not None
    try:
        return _WORKER.check_path(Path(path))
    except InputError as exc:  # travels back to the parent, which stops the run cleanly
        return exc


def run(paths: Iterable[Path], config: RunConfig, jobs: int = 1, runner: Runner | None = None
        ) -> Iterator[DocumentReport]:
    """Check documents in order; ``jobs > 1`` spreads them over worker processes."""
    if jobs <= 1:
        local = runner or Runner(config)
        for p in paths:
            yield local.check_path(p)
        return
    todo = [str(p) for p in paths]  # the pool reads them all at once anyway
    if not todo:
        return
    method = "fork" if os.name == "posix" else "spawn"
    ctx = multiprocessing.get_context(method)
    global _INHERITED
    if method == "fork":
        # Build once, here, what every worker needs; forked workers share it instead of each
        # rebuilding it. Freezing the heap across the fork keeps the collector from touching (and so
        # copying) the shared pages; the parent unfreezes at once.
        parent = runner or _live_runner(config) or Runner(config)
        if config.facts:
            parent.engine_for([Path(f) for f in config.facts])
        _INHERITED = parent
        gc.freeze()
    try:
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(config,))
    finally:
        if method == "fork":
            _INHERITED = None
            gc.unfreeze()
    with pool:
        for item in pool.imap(_work, todo, chunksize=4):
            if isinstance(item, InputError):
                raise item
            yield item
