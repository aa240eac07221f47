"""Ctrl-C during ``verify check --jobs 2``: the parent says one line and exits 130, the workers stay quiet.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group, the
worker processes included, not just to ``verify``. So the run is started in a
session of its own and the signal goes to that group (``os.killpg``), once the
streaming report shows that the workers are checking documents. Without the
workers ignoring SIGINT (``verify.batch._init_worker``), each one printed
"Process ForkPoolWorker-N:" and a KeyboardInterrupt traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "seeds" / "seed-soleimani.fr.txt"
SEED_FACTS = ROOT / "seeds" / "soleimani.yaml"
DOCUMENTS = 500  # about 15 s of work for two workers: the signal lands well before the run could end
START_TIMEOUT = 90.0  # seconds until the first document's report is written
EXIT_TIMEOUT = 60.0  # seconds from the signal to the exit

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group is left (signal 0 only checks)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_with_jobs_exits_130_without_worker_tracebacks(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    text = SEED_TEXT.read_bytes()
    for i in range(DOCUMENTS):
        (folder / f"draft-{i:03d}.txt").write_bytes(text)
    out = tmp_path / "out"
    out.mkdir()
    args = [sys.executable, "-m", "verify.cli", "check", str(folder), "--facts", str(SEED_FACTS), "--no-config",
            "--date", "2020-01-04", "--jobs", "2", "--format", f"jsonl:{out / 'r.jsonl'}"]
    env = {**os.environ, "VERIFY_CACHE_DIR": "off"}
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, which Ctrl-C would reach as a whole
    pgid = proc.pid
    try:
        deadline = time.monotonic() + START_TIMEOUT
        # A document's report in the streaming file: the pool is up and its workers are checking documents.
        while not any(p.stat().st_size for p in out.glob(".r.jsonl.*")):
            if proc.poll() is not None:
                _, stderr = proc.communicate()
                pytest.fail(f"the run ended before it was interrupted ({proc.returncode}): {stderr[-2000:]}")
            assert time.monotonic() < deadline, "the run never started writing its report"
            time.sleep(0.02)
        os.killpg(pgid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=EXIT_TIMEOUT)
        deadline = time.monotonic() + 10
        while _group_alive(pgid) and time.monotonic() < deadline:  # the pool's workers are gone too
            time.sleep(0.05)
        assert not _group_alive(pgid), "worker processes outlived the interrupted run"
    finally:
        if _group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)
        if proc.poll() is None:
            proc.communicate()
    assert "Traceback" not in stderr, stderr
    assert "KeyboardInterrupt" not in stderr, stderr
    assert proc.returncode == 130, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == ["verify: interrupted"], stderr
    assert sorted(p.name for p in out.iterdir()) == [], "an interrupted run left a report or a temporary file"
