"""docs/ci.md stays true: its config examples load, its key tables match the loader, its hook matches ours."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.ci_material import ROOT
from verify.cli import EXIT_CONTRADICTED, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PLUGIN_FAILED
from verify.config import KEYS, SUITE_KEYS, load_config

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def _blocks(info: str) -> list[str]:
    return re.findall(rf"```{info}\n(.*?)```", DOC, flags=re.S)


def _table_keys(heading: str) -> list[str]:
    table = DOC.split(heading, 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M)


def test_config_examples_load(tmp_path: Path) -> None:
    (yaml_example,) = _blocks("yaml verify-config")
    (tmp_path / "verify.yaml").write_text(yaml_example, encoding="utf-8")
    config = load_config(tmp_path / "verify.yaml")
    assert set(config.suites) == {"desk", "data"}
    (toml_example,) = _blocks("toml")
    (tmp_path / "pyproject.toml").write_text(toml_example, encoding="utf-8")
    assert load_config(tmp_path / "pyproject.toml").suites["desk"].rules == ("!tag:count",)


def test_key_tables_list_exactly_the_keys_the_loader_knows() -> None:
    assert _table_keys("| key | value | command-line option | notes |") == list(KEYS)
    assert sorted(_table_keys("| suite key | value | default |")) == sorted(SUITE_KEYS)


def test_the_local_hook_in_the_docs_is_the_published_one_with_language_system() -> None:
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = next(yaml.safe_load(b) for b in _blocks("yaml") if "repo: local" in b)["repos"][0]["hooks"][0]
    assert local["language"] == "system"
    for key in ("id", "name", "entry", "files", "types", "pass_filenames"):
        assert local[key] == published[key], key


def _exit_rows(text: str) -> set[int]:
    return {int(code) for code in re.findall(r"^\| `(\d+)` \|", text, flags=re.M)}


def test_exit_status_table_lists_every_exit_code_and_links_the_errors_page() -> None:
    table = DOC.split("## Exit status", 1)[1].split("\n## ", 1)[0]
    assert _exit_rows(table) == {EXIT_OK, EXIT_CONTRADICTED, EXIT_ERROR, EXIT_PLUGIN_FAILED, EXIT_INTERRUPTED}
    assert "verify: interrupted" in table
    assert "](errors.md)" in table and (ROOT / "docs" / "errors.md").is_file()
