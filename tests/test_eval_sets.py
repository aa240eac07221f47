"""The rule pack's accuracy on annotated sets, held to a floor (the scorer is ../shared/eval/score.py).

- the shared development set: every claim right, no false alarm;
- tests/tune and tests/tune2: our own sets in styles the dev set lacks, used to find rule gaps;
- tests/eval: held out during the first rule pack, used for tuning since a fresh held-out set replaced it;
- tests/tune3: the first held-out set, used for tuning since the third session;
- tests/holdout2 and tests/holdout3: held-out sets (written 2026-11-25 without seeing the rules), never used
  for tuning: only their summary line is read. Their floors guard against regressions, not targets to tune to.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import DEV, ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
VERIFY = f"{sys.executable} -m verify.cli"


def _score(set_dir, *bounds: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCORER), str(set_dir), "--verify-cmd", VERIFY, *bounds],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not beside the project")


def _summary(proc: subprocess.CompletedProcess[str]) -> dict[str, float]:
    line = proc.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the project")
def test_dev_set() -> None:
    s = _summary(_score(DEV))
    assert s["errors"] == 0 and s["false_alarms"] == 0
    assert s["accuracy"] >= 0.97 and s["contra_recall"] >= 0.95


# Our own sets: (folder under tests/, most false alarms, least accuracy). tests/holdout2 was written at the
# end of the second session and measured once (accuracy 0.691) before its floor was set.
OWN_SETS = [
    ("tune", 1, 0.87),
    ("tune2", 1, 0.75),
    ("eval", 1, 0.82),  # the former held-out set
    ("tune3", 1, 0.78),  # the first held-out set
    ("holdout2", 3, 0.69),
    ("holdout3", 2, 0.67),  # written in the third session; first measured at 0.683 with 1 false alarm
]


@pytest.mark.parametrize(("name", "max_false_alarms", "min_accuracy"), OWN_SETS, ids=[n for n, _, _ in OWN_SETS])
def test_own_set(name: str, max_false_alarms: int, min_accuracy: float) -> None:
    s = _summary(_score(ROOT / "tests" / name))
    assert s["errors"] == 0 and s["false_alarms"] <= max_false_alarms
    assert s["accuracy"] >= min_accuracy
