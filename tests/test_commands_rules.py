"""``verify rules test|list|explain`` through the CLI: output, exit codes, error lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_rule_examples import PACK, XFAIL

RULES = """\
hedges: [if]
rules:
  - id: told-after
    description: X was only told afterwards
    checker: informed
    languages: [en]
    tags: [informed, demo]
    triggers: [told]
    patterns:
      - pattern: "{who:name} was only told (?:afterwards|later)"
        attrs: {allows: [after]}
    examples:
      match:
        - text: "Jane Roe was only told afterwards."
          slots: {who: Jane Roe}
        - "John Doe was only told later."
        - "Mary Major was only told afterwards."
      no_match:
        - "Jane Roe was only told afterwards?"
        - "If Jane Roe was only told afterwards, she would say so."
"""


@pytest.fixture
def rule_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def _error_line(run) -> str:
    assert run.code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


# -- verify rules test ---------------------------------------------------------------


def test_builtin_pack_summary() -> None:
    run = run_cli(["rules", "test"])
    lines = run.stdout.splitlines()
    rule_lines = [re.fullmatch(r"(PASS|FAIL) (\S+) +(\d+)/(\d+) examples", line) for line in lines]
    rule_lines = [m for m in rule_lines if m]
    assert [m.group(2) for m in rule_lines] == [r.id for r in PACK.rules]
    passed = sum(int(m.group(3)) for m in rule_lines)
    failed = sum(int(m.group(4)) - int(m.group(3)) for m in rule_lines)
    assert lines[-1] == f"{passed} passed, {failed} failed"
    failing = {m.group(2) for m in rule_lines if m.group(1) == "FAIL"}
    assert failing <= set(XFAIL), f"rules failing outside the known list: {failing - set(XFAIL)}"
    assert run.code == (1 if failed else 0)


def test_passing_file(rule_file: Path) -> None:
    run = run_cli(["rules", "test", str(rule_file)])
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == ["PASS told-after  5/5 examples", "5 passed, 0 failed"]


def test_failing_examples_are_detailed(rule_file: Path) -> None:
    rule_file.write_text(RULES.replace("slots: {who: Jane Roe}", "slots: {who: Roe}")
                         .replace('"John Doe was only told later."', '"John Doe was told later."'), encoding="utf-8")
    run = run_cli(["rules", "test", str(rule_file)])
    assert run.code == 1
    out = run.stdout
    assert "FAIL told-after  3/5 examples" in out
    assert (f"{rule_file}:3: match #1 'Jane Roe was only told afterwards.': "
            "slot who: expected 'Roe', found 'Jane Roe'") in out
    assert "found: 'Jane Roe was only told afterwards' {who='Jane Roe'}" in out
    assert "match #2 'John Doe was told later.': no claim from this rule" in out
    assert out.splitlines()[-1] == "3 passed, 2 failed"


def test_only_some_rules() -> None:
    run = run_cli(["rules", "test", "--rule", "informed-passive-en", "--rule", "informed-passive-fr"])
    assert [line.split()[1] for line in run.stdout.splitlines()[:-1] if line[:4] in ("PASS", "FAIL")] == [
        "informed-passive-fr", "informed-passive-en"]


def test_unknown_rule_option() -> None:
    line = _error_line(run_cli(["rules", "test", "--rule", "informed-pasive-en"]))
    assert line == "verify: error: unknown rule 'informed-pasive-en' (did you mean 'informed-passive-en'?)"


def test_rule_file_error_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: r\n    checker: date\n    patterns:\n      - '(unclosed'\n", encoding="utf-8")
    line = _error_line(run_cli(["rules", "test", str(bad)]))
    assert line.startswith(f"verify: error: {bad}:5:9: ") and "invalid pattern" in line


def test_missing_rule_path() -> None:
    assert "no/such.yaml: no such file or directory" in _error_line(run_cli(["rules", "test", "no/such.yaml"]))


# -- verify rules list ---------------------------------------------------------------


def test_list_text(rule_file: Path) -> None:
    run = run_cli(["rules", "list", str(rule_file)])
    assert run.code == 0
    header, row = run.stdout.splitlines()
    assert header.split() == ["ID", "CHECKER", "LANG", "TAGS", "DESCRIPTION"]
    assert row.split(None, 4) == ["told-after", "informed", "en", "informed,demo", "X was only told afterwards"]


def test_list_builtin_json() -> None:
    run = run_cli(["rules", "list", "--format", "json"])
    assert run.code == 0
    rows = run.json()
    assert [r["id"] for r in rows] == [r.id for r in PACK.rules]
    first = rows[0]
    assert {"id", "checker", "languages", "tags", "description"} <= set(first)
    assert first["examples"]["match"] >= 3


def test_list_bad_format() -> None:
    assert run_cli(["rules", "list", "--format", "xml"]).code == 2


# -- verify rules explain ------------------------------------------------------------


def test_explain(rule_file: Path) -> None:
    run = run_cli(["rules", "explain", "told-after", "--rules", str(rule_file)])
    assert run.code == 0, run.stderr
    out = run.stdout
    assert out.startswith(f"told-after  ({rule_file}:3)\n  X was only told afterwards\n")
    for expected in ("checker:   informed", "languages: en", "severity:  error", "tags:      informed, demo",
                     "triggers:  told", "1. (line 10) {who:name} was only told (?:afterwards|later)",
                     "regex: (?P<who>", "slots: who (name)", 'attrs: allows=["after"]',
                     "- 'Jane Roe was only told afterwards.'  who='Jane Roe'",
                     "  no_match:\n    - 'Jane Roe was only told afterwards?'"):
        assert expected in out, expected


def test_explain_builtin_truncates_regex_unless_full() -> None:
    short = run_cli(["rules", "explain", "informed-passive-en"]).stdout
    full = run_cli(["rules", "explain", "informed-passive-en", "--full"]).stdout
    assert "chars; --full shows all)" in short and "chars; --full shows all)" not in full
    assert len(full) > len(short)
    dates = run_cli(["rules", "explain", "event-date-en", "--full"]).stdout
    assert "\\ue000+" in dates and "\ue000" not in dates  # masked dates shown as the escape they match


def test_explain_unknown_rule() -> None:
    line = _error_line(run_cli(["rules", "explain", "role-title-nam-fr"]))
    assert line == "verify: error: unknown rule 'role-title-nam-fr' (did you mean 'role-title-name-fr'?)"
