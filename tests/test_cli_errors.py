"""Bad inputs through the CLI: one line naming file, line and column; exit 2; no traceback."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from tests.conftest import run_cli
from verify.cli import _quiet_interrupts

SEED = "seeds/seed-soleimani.fr.txt"


def _one_error_line(run) -> str:
    assert run.code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_malformed_fact_file(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text("entities:\n  - id: x\n    kind: persn\n    name: X\n", encoding="utf-8")
    line = _one_error_line(run_cli(["check", SEED, "--facts", str(bad)]))
    assert f"{bad}:3:5:" in line and "persn" in line


def test_fact_yaml_syntax_error(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text("entities: [\n  {id: x\n", encoding="utf-8")
    line = _one_error_line(run_cli(["check", SEED, "--facts", str(bad)]))
    assert line.startswith(f"verify: error: {bad}:") and "YAML syntax error" in line


def test_malformed_rule_pattern(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - id: r\n    checker: date\n    patterns:\n      - '(unclosed'\n", encoding="utf-8")
    line = _one_error_line(run_cli(["check", SEED, "--rules", str(bad)]))
    assert f"{bad}:5:9:" in line and "invalid pattern" in line


def test_rule_with_unknown_checker(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - id: r\n    checker: dates\n    patterns: ['x']\n", encoding="utf-8")
    line = _one_error_line(run_cli(["check", SEED, "--rules", str(bad)]))
    assert f"{bad}:3:5:" in line and "unknown checker 'dates' (did you mean 'date'?)" in line


def test_rule_with_unknown_key(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - id: r\n    checker: date\n    pattern: ['x']\n", encoding="utf-8")
    line = _one_error_line(run_cli(["check", SEED, "--rules", str(bad)]))
    assert f"{bad}:4:5:" in line and "did you mean 'patterns'" in line


def test_missing_document() -> None:
    line = _one_error_line(run_cli(["check", "no/such/file.txt"]))
    assert "no/such/file.txt" in line


def test_bad_date_option() -> None:
    run = run_cli(["check", SEED, "--date", "04/01/2020"])
    assert run.code == 2 and "Traceback" not in run.stderr and "ISO date" in run.stderr


def test_unknown_format() -> None:
    run = run_cli(["check", SEED, "--format", "yaml"])
    assert run.code == 2 and "unknown format 'yaml'" in run.stderr


def test_output_in_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    line = _one_error_line(run_cli(["check", SEED, "--facts", "seeds/soleimani.yaml", "--output", str(target)]))
    assert "no such folder" in line
    assert not target.exists()


def test_not_utf8_document(tmp_path: Path) -> None:
    doc = tmp_path / "latin1.txt"
    doc.write_bytes("Le président a été informé à Besançon.".encode("latin-1"))
    line = _one_error_line(run_cli(["check", str(doc)]))
    assert str(doc) in line and "not UTF-8" in line


def test_an_interrupt_a_finaliser_swallowed_is_raised_again() -> None:
    """Ctrl-C during garbage collection: no "Exception ignored" traceback, and the run still stops."""
    with pytest.raises(KeyboardInterrupt):
        _quiet_interrupts(types.SimpleNamespace(exc_value=KeyboardInterrupt(), exc_type=KeyboardInterrupt,
                                                exc_traceback=None, err_msg=None, object=None))
