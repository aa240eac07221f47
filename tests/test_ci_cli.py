"""`verify check` as CI runs it: --fail-on, several --format outputs at once, rule severity, quiet progress."""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.ci_material import ROLE_RULE, ROOT, clean_draft, load_json, project, role_draft, verify
from verify import cli

FACTS = ["--facts", "facts/soleimani.yaml"]


def test_fail_on_unverifiable(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    assert verify(["check", "drafts/clean.fr.md", *FACTS], root).code == 0
    run = verify(["check", "drafts/clean.fr.md", *FACTS, "--fail-on", "unverifiable", "--format", "json"], root)
    assert run.code == 1
    summary = run.json()["summary"]
    assert summary["contradicted"] == 0 and summary["unverifiable"] > 0  # the unverifiable claims alone fail it


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"role.fr.md": role_draft(), "clean.fr.md": clean_draft()})
    (root / "out").mkdir()
    run = verify(["check", "drafts", *FACTS, "--format", "text", "--format", "json:out/r.json",
                  "--format", "sarif:out/r.sarif", "--format", "junit:out/r.xml", "--format", "jsonl:out/r.jsonl",
                  "--format", "github:out/r.github"], root)
    assert run.code == 1, run.stderr
    report = load_json(root / "out" / "r.json")
    s = report["summary"]
    assert s["contradicted"] == 1
    assert run.stdout.rstrip().endswith(f"{s['supported']} supported, 1 contradicted, {s['unverifiable']} unverifiable")
    sarif = load_json(root / "out" / "r.sarif")
    assert sarif["version"] == "2.1.0"
    assert [r["level"] for r in sarif["runs"][0]["results"]].count("error") == 1
    assert ET.parse(root / "out" / "r.xml").getroot() is not None
    lines = (root / "out" / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)
    github = (root / "out" / "r.github").read_text(encoding="utf-8")
    assert github.count("::error ") == 1 and "file=drafts/role.fr.md" in github
    twice = verify(["check", "drafts", *FACTS, "--format", "text", "--format", "json"], root)
    assert twice.code == 2 and "only one --format can go to standard output" in twice.stderr


def test_a_warning_severity_rule_does_not_fail_the_run(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"role.fr.md": role_draft()})
    rules = root / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    role = rules / "role.yaml"
    text = role.read_text(encoding="utf-8")
    assert "    checker: role\n" in text
    role.write_text(text.replace("    checker: role\n", "    checker: role\n    severity: warning\n"), encoding="utf-8")
    error = verify(["check", "drafts/role.fr.md", *FACTS], root)
    assert error.code == 1
    warned = verify(["check", "drafts/role.fr.md", *FACTS, "--rules", "rules", "--format", "json"], root)
    assert warned.code == 0, warned.stderr
    found = [c for d in warned.json()["documents"] for c in d["claims"] if c["verdict"] == "contradicted"]
    assert [(c["rule"], c["severity"]) for c in found] == [(ROLE_RULE, "warning")]  # reported, not failing
    strict = verify(["check", "drafts/role.fr.md", *FACTS, "--rules", "rules", "--fail-on", "unverifiable"], root)
    assert strict.code == 0


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"a.fr.md": clean_draft(), "b.fr.md": clean_draft(), "c.fr.md": role_draft()})
    run = verify(["check", "drafts", *FACTS, "--format", "json"], root)
    assert run.code == 1
    assert run.stderr == ""  # captured: a pipe, not a terminal
    assert len(run.json()["documents"]) == 3


def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    cli._progress(1, 3)
    cli._progress(3, 3)
    cli._progress(1, 1)  # one document: no counter
    assert capsys.readouterr().err == "\rverify: 1/3 documents\rverify: 3/3 documents\n"
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    cli._progress(1, 3)
    assert capsys.readouterr().err == ""
