"""Same inputs, same bytes: whatever the number of processes, the hash seed or the order files sit on disk.

Reports are diffed in CI and kept as baselines, so a report that changes
between two runs of the same inputs is a bug even when every verdict is right.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEV, ROOT, needs_dev_set

pytestmark = needs_dev_set()

DOCS = DEV / "docs"
FACTS = DEV / "facts"


def report(docs: Path, out: Path, *args: str, seed: str = "0") -> bytes:
    """The JSON report of ``verify check`` on ``docs`` (a fresh process with the given hash seed)."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "VERIFY_CACHE_DIR": "off"}
    proc = subprocess.run(
        [sys.executable, "-m", "verify.cli", "check", str(docs), "--facts", str(FACTS), "--date", "2024-03-20",
         "--no-config", "--format", f"json:{out}", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return report(DOCS, tmp_path_factory.mktemp("ref") / "report.json")


def test_jobs_do_not_change_the_report(reference: bytes, tmp_path: Path) -> None:
    assert report(DOCS, tmp_path / "j2.json", "--jobs", "2") == reference


@pytest.mark.parametrize("seed", ["1", "4242"])
def test_hash_seed_does_not_change_the_report(reference: bytes, tmp_path: Path, seed: str) -> None:
    assert report(DOCS, tmp_path / "seeded.json", seed=seed) == reference


def test_order_on_disk_does_not_change_the_report(tmp_path: Path) -> None:
    """The same folder filled in two orders (directory listings follow creation order on most filesystems)."""
    folder = tmp_path / "docs"
    outputs = []
    for order in (sorted, lambda ps: sorted(ps, reverse=True)):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for p in order(DOCS.iterdir()):
            shutil.copyfile(p, folder / p.name)
        outputs.append(report(folder, tmp_path / f"order{len(outputs)}.json"))
    assert outputs[0] == outputs[1]
    assert b'"claims"' in outputs[0]
