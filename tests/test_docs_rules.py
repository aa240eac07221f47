"""docs/rules.md is executable: its rule examples must pass and its commands must run.

Fenced blocks marked ```yaml rule-example are rule files whose examples must
all pass; each line of a ```sh doc-test block is a command run from the project
folder, expected to exit 0 or the status of its trailing ``# exit N`` comment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from verify import yamlio
from verify.rules.loader import build_pack
from verify.rules.testing import run_examples

DOC = ROOT / "docs" / "rules.md"
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```\s*$", re.M | re.S)
_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


def _blocks(info: str) -> list[tuple[int, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(2)) for m in _FENCE.finditer(text)
            if m.group(1).strip() == info]


def _commands() -> list[tuple[int, str, int]]:
    out = []
    for line_no, body in _blocks("sh doc-test"):
        for i, line in enumerate(body.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                found = _EXIT.search(line)
                out.append((line_no + i, line, int(found.group(1)) if found else 0))
    return out


RULE_BLOCKS = _blocks("yaml rule-example")
COMMANDS = _commands()


def test_the_guide_has_runnable_examples() -> None:
    assert len(RULE_BLOCKS) >= 3 and len(COMMANDS) >= 3


@pytest.mark.parametrize(("line", "body"), RULE_BLOCKS, ids=[f"line-{n}" for n, _ in RULE_BLOCKS])
def test_rule_example_block(line: int, body: str) -> None:
    where = f"{DOC}:{line}"
    pack = build_pack([(where, yamlio.loads(body, where))])
    assert pack.rules, f"{where}: a rule-example block holds no rule"
    results = run_examples(pack)
    failures = [f"{r.rule_id}: {f}" for r in results for f in r.failures]
    assert not failures, "\n".join(failures)
    assert all(r.total for r in results), f"{where}: every rule of a rule-example block needs examples"


@pytest.mark.parametrize(("line", "command", "status"), COMMANDS, ids=[f"line-{n}" for n, _, _ in COMMANDS])
def test_doc_command(line: int, command: str, status: int) -> None:
    bindirs = [str(Path(sys.executable).parent), str(ROOT / ".venv" / "bin")]  # where `verify` is installed
    env = {**os.environ, "PATH": os.pathsep.join([*bindirs, os.environ.get("PATH", "")])}
    proc = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == status, f"{DOC}:{line}: {command}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr
