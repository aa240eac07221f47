"""The README must stay true: CI runs its test command, and its Python snippet runs as shown."""

from __future__ import annotations

import contextlib
import io
import os
import re

from tests.conftest import ROOT
from verify.cli import EXIT_CONTRADICTED, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PLUGIN_FAILED

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = [line for line in ci.splitlines() if line.startswith("python3 -m venv")][-1]
    assert command in _blocks("sh")[1]


def test_setup_commands_are_the_first_two_blocks() -> None:
    demo, tests = _blocks("sh")[:2]
    assert "verify check seeds/seed-soleimani.fr.txt --facts seeds/soleimani.yaml" in demo
    assert "pytest" in tests


def test_python_snippet_runs_as_shown() -> None:
    (snippet,) = [b for b in _blocks("python") if "Engine.from_paths" in b]
    expected = re.search(r"^# (\[.*\])$", snippet, flags=re.M).group(1)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(snippet, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert out.getvalue().strip() == expected


def test_exit_statuses_are_listed_and_the_errors_page_linked() -> None:
    listed = {int(code) for code in re.findall(r"^\| `(\d+)` \|", README, flags=re.M)}
    assert listed == {EXIT_OK, EXIT_CONTRADICTED, EXIT_ERROR, EXIT_PLUGIN_FAILED, EXIT_INTERRUPTED}
    assert "](docs/errors.md)" in README and (ROOT / "docs" / "errors.md").is_file()
