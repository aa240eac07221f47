"""Shared fixtures: paths to the seed and the shared development set, and a CLI runner."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(args: Sequence[str], cwd: Path | None = None) -> Run:
    """Run ``verify`` as a user would: a separate process, real files."""
    proc = subprocess.run([sys.executable, "-m", "verify.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


def needs_dev_set() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the project")
