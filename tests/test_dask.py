"""The Dask executor gives the bytes of a local run, in the same order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DEV, needs_dev_set

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (pip install 'verify-claims[dask]')")
dask = pytest.importorskip("dask")

from verify_plugins.json_report import JsonReporter  # noqa: E402

from verify import documents  # noqa: E402
from verify.batch import RunConfig, run  # noqa: E402
from verify.dask_executor import run_dask  # noqa: E402
from verify.errors import InputError  # noqa: E402
from verify.model import DocumentReport, Report  # noqa: E402

pytestmark = needs_dev_set()

CONFIG = RunConfig(facts=(str(DEV / "facts"),), date=dt.date(2024, 3, 20))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two single-threaded workers in this process, on the in-process transport: nothing leaves the machine."""
    with dask.config.set({"distributed.comm.timeouts.connect": "10s", "distributed.comm.timeouts.tcp": "10s",
                          "distributed.scheduler.work-stealing": False}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                                     protocol="inproc") as cluster:
        yield cluster.scheduler_address


def render(results: Iterator[DocumentReport]) -> str:
    return JsonReporter().render(Report(tuple(results)), {})


def test_dask_gives_the_bytes_of_a_local_run(scheduler: str) -> None:
    paths = documents.iter_document_paths([DEV / "docs"])
    assert len(paths) > 4
    local = render(run(paths, CONFIG, jobs=1))
    assert render(run(paths, CONFIG, jobs=2)) == local
    assert render(run_dask(paths, CONFIG, scheduler)) == local
    assert render(run_dask(paths, CONFIG, scheduler, chunk_size=1)) == local  # many small tasks, same order


def test_dask_raises_input_errors_in_document_order(scheduler: str, tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Le maire a parlé.", encoding="utf-8")
    bad = tmp_path / "b.md"
    bad.write_text("---\ndate: not-a-date\n---\nTexte.\n", encoding="utf-8")
    seen = []
    with pytest.raises(InputError):
        for item in run_dask([good, bad], CONFIG, scheduler):
            seen.append(item.document.path)
    assert seen == [str(good)]


def test_no_documents_no_cluster_needed() -> None:
    assert list(run_dask([], CONFIG, "tcp://127.0.0.1:1")) == []
