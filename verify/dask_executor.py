"""Check documents on a Dask cluster, with the same reports, in the same order, as a local run.

    from verify.batch import RunConfig
    from verify.dask_executor import run_dask

    config = RunConfig(facts=("facts/",))
    for report in run_dask(paths, config, "tcp://scheduler:8786"):  # or "local"
        ...

Documents travel as paths, in chunks of a few, and each worker checks them
with a ``Runner`` it builds once per configuration and keeps (``_runner``): the
plugin manager, the rule pack and the fact base are built once per worker
process, not once per task. Results are yielded in document order whatever
order the chunks finish in, and the objects are the ones a local run builds,
so any reporter renders them byte for byte as it would after
``verify.batch.run``. A bounded number of chunks is in flight at once, so
memory stays flat on archives of any size.

What the workers need: ``verify`` installed with the same plugins, and the
documents and fact files readable at the same paths (a shared filesystem).
Checker time limits rely on ``SIGALRM`` in a main thread; Dask runs tasks in
worker threads, so there a checker runs unbounded (pattern timeouts still
apply).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from verify.batch import RunConfig, Runner
from verify.errors import InputError
from verify.model import DocumentReport

CHUNK = 8  # documents per task: enough to amortise the scheduler's per-task cost
IN_FLIGHT_PER_THREAD = 4  # chunks queued per worker thread


def run_dask(paths: Iterable[Path], config: RunConfig, scheduler: str | None = None, *,
             chunk_size: int = CHUNK) -> Iterator[DocumentReport]:
    """Check ``paths`` on a Dask cluster and yield their reports in order.

    ``scheduler``: a scheduler address (``tcp://host:8786``), ``"local"`` for a
    ``LocalCluster`` of one single-threaded worker process per core, or None
    for the client already active in this process (else a local cluster).
    An ``InputError`` met on a worker (a bad document or fact file) is raised
    here, at that document's place in the order, as ``verify.batch.run`` does.
    """
    todo = [str(p) for p in paths]
    if not todo:
        return
    chunks = [todo[i : i + chunk_size] for i in range(0, len(todo), max(1, chunk_size))]
    with _client(scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        pending: deque[Any] = deque()
        queue = iter(chunks)
        try:
            for chunk in queue:
                pending.append(client.submit(_check_chunk, config, chunk, pure=False))
                if len(pending) >= window:
                    break
            while pending:
                results = pending.popleft().result()
                for chunk in queue:
                    pending.append(client.submit(_check_chunk, config, chunk, pure=False))
                    break
                for item in results:
                    if isinstance(item, InputError):
                        raise item
                    yield item
        finally:
            if pending:
                client.cancel(list(pending))


@contextmanager
def _client(scheduler: str | None) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster, get_client
    except ImportError:
        raise InputError("the Dask executor needs dask[distributed]: pip install 'verify-claims[dask]'") from None
    if scheduler is None:
        try:
            yield get_client()
            return
        except ValueError:  # no client in this process
            scheduler = "local"
    if scheduler == "local":
        with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        yield client


# -- on the workers --------------------------------------------------------------------------

_RUNNERS: list[tuple[RunConfig, Runner]] = []  # per worker process, most recent last
_LOCK = threading.Lock()
_KEEP = 4


def _runner(config: RunConfig) -> Runner:
    """This worker's runner for ``config``, built on its first task and reused by the next ones."""
    with _LOCK:
        for known, runner in _RUNNERS:
            if known == config:
                return runner
        runner = Runner(config)
        _RUNNERS.append((config, runner))
        del _RUNNERS[:-_KEEP]
        return runner


def _check_chunk(config: RunConfig, paths: list[str]) -> list[DocumentReport | InputError]:
    runner = _runner(config)
    out: list[DocumentReport | InputError] = []
    for path in paths:
        try:
            out.append(runner.check_path(Path(path)))
        except InputError as exc:  # raised on the client, in document order
            out.append(exc)
            break
    return out
