"""verify.yaml / .verify.yaml / [tool.verify]: discovery, precedence (defaults < file < command line), errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ci_material import clean_draft, load_json, project, verify, wrong_draft
from verify.config import Config, find_config, load_config
from verify.errors import InputError
from verify.settings import merge

FACTS_ONLY = {"facts": ["facts/soleimani.yaml"]}


def _one_error_line(run) -> str:
    assert run.code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


# -- precedence through the CLI ------------------------------------------------------


def test_config_sets_fail_on_and_the_command_line_overrides_it(tmp_path: Path) -> None:
    root = project(tmp_path, {**FACTS_ONLY, "fail_on": "unverifiable"}, {"clean.fr.md": clean_draft()})
    from_config = verify(["check", "drafts/clean.fr.md"], root)
    assert from_config.code == 1, from_config.stderr  # 3 unverifiable claims fail under the config's policy
    overridden = verify(["check", "drafts/clean.fr.md", "--fail-on", "contradicted"], root)
    assert overridden.code == 0, overridden.stderr
    ignored = verify(["check", "drafts/clean.fr.md", "--no-config", "--facts", "facts/soleimani.yaml"], root)
    assert ignored.code == 0, ignored.stderr


def test_config_facts_are_relative_to_the_config_file_not_the_current_folder(tmp_path: Path) -> None:
    root = project(tmp_path, FACTS_ONLY, {"wrong.fr.md": wrong_draft()})
    run = verify(["check", "wrong.fr.md", "--format", "json"], root / "drafts")  # found by walking up
    assert run.code == 1, run.stderr
    assert run.json()["summary"]["contradicted"] == 2


def test_command_line_list_replaces_the_config_list(tmp_path: Path) -> None:
    root = project(tmp_path, {"facts": ["facts/missing.yaml"]}, {"wrong.fr.md": wrong_draft()})
    assert verify(["check", "drafts/wrong.fr.md"], root).code == 2  # the config's facts are used...
    run = verify(["check", "drafts/wrong.fr.md", "--facts", "facts/soleimani.yaml"], root)
    assert run.code == 1, run.stderr  # ...unless the command line gives its own


def test_config_formats_write_files_relative_to_the_config(tmp_path: Path) -> None:
    root = project(tmp_path, {**FACTS_ONLY, "format": ["text", "json:out/report.json"]}, {"w.fr.md": wrong_draft()})
    (root / "out").mkdir()
    run = verify(["check", "w.fr.md"], root / "drafts")
    assert run.code == 1
    assert "2 contradicted" in run.stdout
    assert load_json(root / "out" / "report.json")["summary"]["contradicted"] == 2


def test_explicit_config_file_and_pyproject(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.verify]\nfacts = ["facts/soleimani.yaml"]\n'
                                         'fail_on = "unverifiable"\n', encoding="utf-8")
    assert verify(["check", "drafts/clean.fr.md"], root).code == 1
    other = root / "ci.yaml"
    other.write_text("facts: facts/soleimani.yaml\n", encoding="utf-8")
    assert verify(["check", "drafts/clean.fr.md", "--config", "ci.yaml"], root).code == 0


# -- errors ---------------------------------------------------------------------------


def test_unknown_key_is_one_line_with_file_line_and_a_suggestion(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    (root / "verify.yaml").write_text("facts: [facts/soleimani.yaml]\nfail-on: unverifiable\n", encoding="utf-8")
    line = _one_error_line(verify(["check", "drafts/clean.fr.md"], root))
    assert line == "verify: error: verify.yaml:2:1: unknown config key 'fail-on' (did you mean 'fail_on'?)"


def test_unknown_key_in_pyproject_names_its_line(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    (root / "pyproject.toml").write_text('[tool.verify]\nfacts = ["facts/soleimani.yaml"]\njbos = 2\n',
                                         encoding="utf-8")
    line = _one_error_line(verify(["check", "drafts/clean.fr.md"], root))
    assert "pyproject.toml:3:1: unknown config key 'jbos' (did you mean 'jobs'?)" in line


@pytest.mark.parametrize(("text", "expected"), [
    ("fail_on: sometimes\n", "verify.yaml:1:1: 'fail_on' must be one of contradicted, unverifiable"),
    ("jobs: 0\n", "verify.yaml:1:1: 'jobs' must be a whole number"),
    ("facts: [1]\n", "verify.yaml:1:9: 'facts' must be a list of non-empty strings"),
    ("lang: de\n", "verify.yaml:1:1: 'lang' must be one of fr, en, auto"),
    ("- facts\n", "verify.yaml:1:1: a config file must be a mapping"),
    ("suites:\n  s:\n    rules: [tag:role]\n    document: [x]\n",
     "verify.yaml:4:5: unknown suite 's' key 'document' (did you mean 'documents'?)"),
])
def test_bad_values_are_input_errors(tmp_path: Path, text: str, expected: str) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    (root / "verify.yaml").write_text(text, encoding="utf-8")
    assert expected in _one_error_line(verify(["check", "drafts/clean.fr.md"], root))


def test_a_bad_format_in_the_config_points_at_the_config(tmp_path: Path) -> None:
    root = project(tmp_path, {**FACTS_ONLY, "format": ["yml"]}, {"clean.fr.md": clean_draft()})
    line = _one_error_line(verify(["check", "drafts/clean.fr.md"], root))
    assert "verify.yaml:3:1: unknown format 'yml'" in line


def test_missing_explicit_config(tmp_path: Path) -> None:
    root = project(tmp_path, None, {"clean.fr.md": clean_draft()})
    line = _one_error_line(verify(["check", "drafts/clean.fr.md", "--config", "nope.yaml"], root))
    assert "nope.yaml: no such config file" in line


# -- the library ----------------------------------------------------------------------


def test_discovery_order_and_stop(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")  # no [tool.verify]
    found = find_config(tmp_path / "a" / "b" / "doc.md")
    assert found is None or tmp_path not in found.parents  # a pyproject without [tool.verify] is no config
    (tmp_path / "pyproject.toml").write_text("[tool.verify]\nfail_on = 'unverifiable'\n", encoding="utf-8")
    assert find_config(tmp_path / "a" / "b" / "doc.md") == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".verify.yaml").write_text("jobs: 2\n", encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / ".verify.yaml"
    (tmp_path / "a" / "verify.yaml").write_text("jobs: 3\n", encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / "verify.yaml"


def test_merge_precedence(tmp_path: Path) -> None:
    path = tmp_path / "verify.yaml"
    path.write_text("fail_on: unverifiable\njobs: 4\nlang: fr\n", encoding="utf-8")
    config = load_config(path)
    assert merge(Config(), {}).fail_on == "contradicted"  # default
    settings = merge(config, {"jobs": 2}, discover_ignore=False)
    assert (settings.fail_on, settings.jobs, settings.lang) == ("unverifiable", 2, "fr")
    assert merge(config, {"lang": "auto"}, discover_ignore=False).lang is None


def test_toml_syntax_error_has_a_position(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.verify]\nfacts = [\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.line is not None and "TOML syntax error" in str(info.value)
