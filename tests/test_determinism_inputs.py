"""Same inputs, same bytes, whatever order the *fact and rule files* were written to disk in.

``tests/test_determinism.py`` covers the number of jobs, the hash seed and the
order of the documents on disk. What it leaves out is the other inputs read
from folders: a folder of fact files (merged; the first of two duplicate ids is
blamed) and a folder of rule files (claims of equal rank are kept by rule id,
macros and word lists are shared across files). Directory listings follow
creation order on most filesystems, so each folder is filled in two orders,
under two hash seeds, and the JSON reports must be byte-identical.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEV, ROOT, needs_dev_set

pytestmark = needs_dev_set()

Order = Callable[[list[Path]], list[Path]]


def fill(folder: Path, files: list[Path], order: Order) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in order(files):
        shutil.copyfile(f, folder / f.name)
    return folder


def report(tmp: Path, order: Order, seed: str, name: str) -> bytes:
    """The report with the folders filled in ``order``; the same folder paths every time (messages may cite them)."""
    facts = fill(tmp / "facts", sorted((DEV / "facts").glob("*.yaml")), order)
    rules = fill(tmp / "rules", sorted((ROOT / "rules").glob("*.yaml")), order)
    out = tmp / f"{name}.json"
    env = {**os.environ, "PYTHONHASHSEED": seed, "VERIFY_CACHE_DIR": "off"}
    proc = subprocess.run(
        [sys.executable, "-m", "verify.cli", "check", str(DEV / "docs"), "--facts", str(facts), "--rules", str(rules),
         "--date", "2024-03-20", "--no-config", "--format", f"json:{out}"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_bytes()


def test_fact_and_rule_folder_order_does_not_change_the_report(tmp_path: Path) -> None:
    first = report(tmp_path, sorted, "0", "a")
    second = report(tmp_path, lambda ps: sorted(ps, reverse=True), "4242", "b")
    assert first == second
    assert b'"claims"' in first


@pytest.mark.parametrize("order", [sorted, lambda ps: sorted(ps, reverse=True)], ids=["sorted", "reversed"])
def test_duplicate_ids_blame_the_same_file_whatever_the_order(tmp_path: Path, order: Order) -> None:
    """With two files defining one id, the error names the same two files in the same order either way."""
    text = "entities:\n  - {id: jane-roe, kind: person, name: Jane Roe}\n"
    sources = [tmp_path / "src" / name for name in ("b.yaml", "a.yaml")]
    for src in sources:
        src.parent.mkdir(exist_ok=True)
        src.write_text(text, encoding="utf-8")
    facts = fill(tmp_path / "facts", sources, order)
    doc = tmp_path / "d.txt"
    doc.write_text("Texte.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "verify.cli", "check", str(doc), "--facts", str(facts),
                           "--no-config", "--date", "2020-01-04"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"verify: error: {facts / 'b.yaml'}:2:6: duplicate id 'jane-roe': "
                                   f"{facts / 'a.yaml'}:2 and {facts / 'b.yaml'}:2")
