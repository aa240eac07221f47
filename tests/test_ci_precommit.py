"""The pre-commit hook, run by pre-commit itself against a sample repository, offline.

The sample's ``.pre-commit-config.yaml`` copies the hook from the project's
``.pre-commit-hooks.yaml`` into a ``repo: local`` entry with ``language:
system``: pre-commit then runs the ``verify`` already installed beside this
Python instead of cloning the repository and building a virtualenv, so the test
needs no network. Everything else (entry, file filter, pass_filenames) is the
published hook's. pre-commit is installed into the venv when missing; the tests
are skipped, saying why, when that is impossible (offline, no git).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ci_material import ROOT, clean_draft, project, wrong_draft

HOOKS = ROOT / ".pre-commit-hooks.yaml"


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed; pre-commit needs it")
    probe = subprocess.run([sys.executable, "-c", "import pre_commit"], capture_output=True)
    if probe.returncode != 0:
        install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pre-commit"], capture_output=True,
                                 text=True, timeout=600)
        if install.returncode != 0:
            pytest.skip(f"pre-commit is not installed and `pip install pre-commit` failed: "
                        f"{install.stderr.strip().splitlines()[-1:] or install.returncode}")
    return [sys.executable, "-m", "pre_commit"]


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # where `verify` is
    env["PRE_COMMIT_HOME"] = str(home / "pre-commit-cache")
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["HOME"] = str(home)
    env.pop("VIRTUAL_ENV", None)
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["verify"]
    return dict(hooks[0])


def test_the_hook_manifest_is_valid(pre_commit: list[str]) -> None:
    hook = _hook()
    assert hook["entry"] == "verify check" and hook["language"] == "python" and hook["pass_filenames"] is True
    run = subprocess.run([*pre_commit, "validate-manifest", str(HOOKS)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_pre_commit_fails_on_a_contradiction_and_passes_when_clean(pre_commit: list[str], tmp_path: Path) -> None:
    env = _env(tmp_path)
    repo = project(tmp_path / "repo", {"facts": ["facts/soleimani.yaml"]}, {"clean.fr.md": clean_draft()})
    hook = {**_hook(), "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")

    clean = subprocess.run([*pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                           timeout=600)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "verify claims" in clean.stdout and "Passed" in clean.stdout

    (repo / "drafts" / "wrong.fr.md").write_text(wrong_draft(), encoding="utf-8")
    _git(repo, env, "add", "-A")
    failing = subprocess.run([*pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                             timeout=600)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout and "exit code: 1" in failing.stdout
    assert "contradicted [role/role-title-name-fr] le secrétaire à la Défense Mike Pompeo" in failing.stdout
