"""docs/github-workflow.yml is a real workflow: its commands exist, and its verify step runs here as written."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci_material import ROOT, clean_draft, load_json, project, verify, wrong_draft
from verify.cli import main
from verify.plugins import collect, get_plugin_manager

WORKFLOW = ROOT / "docs" / "github-workflow.yml"
CI_DOC = ROOT / "docs" / "ci.md"


@pytest.fixture(scope="module")
def steps() -> list[dict[str, Any]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = data["jobs"]
    assert list(jobs) == ["verify"]
    return jobs["verify"]["steps"]


def _verify_step(steps: list[dict[str, Any]]) -> dict[str, Any]:
    found = [s for s in steps if "verify check" in s.get("run", "")]
    assert len(found) == 1
    return found[0]


def _argv(step: dict[str, Any]) -> list[str]:
    commands = [line for line in step["run"].splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(commands) == 1
    return shlex.split(commands[0])


def test_the_workflow_names_commands_and_formats_that_exist(steps: list[dict[str, Any]]) -> None:
    argv = _argv(_verify_step(steps))
    assert argv[:2] == ["verify", "check"] and "check" in main.commands
    formats = [argv[i + 1] for i, a in enumerate(argv) if a == "--format"]
    assert formats == ["github", "sarif:verify.sarif"]
    known = {r.format for r in collect(get_plugin_manager(), "verify_reporters")}
    assert {f.partition(":")[0] for f in formats} <= known
    options = {p.opts[0] for p in main.commands["check"].params for _ in [0] if p.opts}
    assert {a for a in argv if a.startswith("--")} <= options
    install = [s for s in steps if "pip install" in s.get("run", "")]
    assert install and "VERIFY_PACKAGE" in install[0]["run"]
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["with"]["sarif_file"] == "verify.sarif"
    assert "always()" in upload[0]["if"]  # the check step fails the job on a contradiction; upload anyway


def test_the_verify_step_runs_locally(steps: list[dict[str, Any]], tmp_path: Path) -> None:
    argv = _argv(_verify_step(steps))
    root = project(tmp_path, {"facts": ["facts/soleimani.yaml"]}, {"clean.fr.md": clean_draft()})
    summary = verify(["check", "drafts/", "--format", "json"], root).json()["summary"]
    assert summary["contradicted"] == 0 and summary["unverifiable"] > 0
    ok = verify(argv[1:], root)
    assert ok.code == 0, ok.stderr
    assert ok.stdout.splitlines()[-1] == (f"verify: {summary['supported']} supported, 0 contradicted, "
                                          f"{summary['unverifiable']} unverifiable")
    assert ok.stdout.count("::notice ") == summary["unverifiable"]
    sarif = load_json(root / "verify.sarif")
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"]

    (root / "drafts" / "wrong.fr.md").write_text(wrong_draft(), encoding="utf-8")
    failing = verify(argv[1:], root)
    assert failing.code == 1
    errors = [line for line in failing.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2 and all("file=drafts/wrong.fr.md" in line for line in errors)
    assert sum(r["level"] == "error" for r in load_json(root / "verify.sarif")["runs"][0]["results"]) == 2


def test_docs_quote_the_workflow_file() -> None:
    doc = CI_DOC.read_text(encoding="utf-8")
    assert WORKFLOW.read_text(encoding="utf-8").strip() in doc
