"""docs/plugins.md is executable: the tutorial's plugin is built from its snippets, loaded and tested.

Blocks ```python plugin-snippet, ```toml and ```yaml whose first line is
``# file: PATH`` are the tutorial's project: they are written into a scratch
folder, the plugin module its pyproject.toml names is loaded with
``get_plugin_manager(extra=[file])`` (no pip install), a check is run through
the testing kit, and the tutorial's own tests are run with pytest. Every other
``python plugin-snippet`` block is loaded as a plugin on its own and its hooks
are called; every other ``yaml`` block is a fact or rule file that must load.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from verify import yamlio
from verify.engine import checkers_of
from verify.facts.loader import build_factbase
from verify.facts.sections import fact_sections
from verify.plugins import collect, failed_plugins, get_plugin_manager
from verify.rules.loader import build_pack
from verify.testing_kit import VerifyEnv

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "plugins.md"
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```\s*$", re.M | re.S)
_FILE = re.compile(r"^# file: (\S+)\s*\n")
EXECUTED = ("python plugin-snippet", "toml", "yaml")


def _blocks() -> list[tuple[int, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1).strip(), m.group(2)) for m in _FENCE.finditer(text)
            if m.group(1).strip() in EXECUTED]


BLOCKS = _blocks()
FILES = {m.group(1): body for _, _, body in BLOCKS if (m := _FILE.match(body))}
STANDALONE = [(line, body) for line, info, body in BLOCKS
              if info == "python plugin-snippet" and not _FILE.match(body)]
OTHER_YAML = [(line, body) for line, info, body in BLOCKS if info == "yaml" and not _FILE.match(body)]
OTHER_TOML = [(line, body) for line, info, body in BLOCKS if info == "toml" and not _FILE.match(body)]


@pytest.fixture
def tutorial(tmp_path: Path) -> Path:
    root = tmp_path / "verify-host"
    for name, body in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def plugin_file(root: Path) -> Path:
    """The module the tutorial's pyproject.toml registers in the ``verify`` entry-point group."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    (module,) = project["project"]["entry-points"]["verify"].values()
    return root / (module.replace(".", "/") + ".py")


def test_the_tutorial_has_every_part() -> None:
    assert {"pyproject.toml", "verify_host/__init__.py", "verify_host/plugin.py", "verify_host/rules/host.yaml",
            "tests/test_host.py", "facts.yaml"} <= set(FILES)
    assert len(STANDALONE) >= 7  # one example per hook, at least


def test_pyproject_ships_the_rules(tutorial: Path) -> None:
    project = tomllib.loads((tutorial / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["verify"] == {"host": "verify_host.plugin"}
    assert plugin_file(tutorial).is_file()
    data = project["tool"]["setuptools"]["package-data"]["verify_host"]
    assert [p.relative_to(tutorial / "verify_host").as_posix() for p in (tutorial / "verify_host").glob(data[0])] == [
        "rules/host.yaml"]


def test_the_plugin_loads_from_its_file(tutorial: Path) -> None:
    pm = get_plugin_manager(extra=[str(plugin_file(tutorial))])
    assert failed_plugins(pm) == []
    assert "host" in checkers_of(pm)
    assert tutorial / "verify_host" / "rules" in [Path(p) for p in collect(pm, "verify_rule_paths")]


def test_a_check_through_the_kit(tutorial: Path, verify_env: VerifyEnv) -> None:
    verify_env.plugin(plugin_file(tutorial))
    verify_env.facts((tutorial / "facts.yaml").read_text(encoding="utf-8"))
    verify_env.document("John Doe hosted the finance committee.", name="draft.txt")
    out = verify_env.check(date="2024-04-01")
    assert out.exit_code == 1
    (claim,) = out.select(checker="host")
    assert claim["verdict"] == "contradicted"
    assert claim["message"] in DOC.read_text(encoding="utf-8")  # the output the guide shows


def test_the_text_report_is_as_shown(tutorial: Path, verify_env: VerifyEnv) -> None:
    verify_env.plugin(plugin_file(tutorial))
    verify_env.facts((tutorial / "facts.yaml").read_text(encoding="utf-8"))
    verify_env.document("John Doe hosted the finance committee.", name="draft.txt")
    out = verify_env.check(format="text", date="2024-04-01", options=["--no-color"])
    assert "✘ contradicted [host/host-en] John Doe hosted the finance committee" in out.stdout


def test_verify_plugins_lists_it(tutorial: Path, verify_env: VerifyEnv) -> None:
    out = verify_env.cli("plugins", "--plugin", str(plugin_file(tutorial)))
    assert "checkers: host" in out.stdout
    assert f"rule packs: {tutorial / 'verify_host' / 'rules'}" in out.stdout


def test_the_tutorial_tests_pass(tutorial: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tutorial), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=tutorial,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout


@pytest.mark.parametrize(("line", "body"), STANDALONE, ids=[f"line-{n}" for n, _ in STANDALONE])
def test_standalone_snippet(line: int, body: str, tmp_path: Path) -> None:
    path = tmp_path / f"snippet_{line}.py"
    path.write_text(body, encoding="utf-8")
    pm = get_plugin_manager(extra=[str(path)])
    assert failed_plugins(pm) == [], f"{DOC}:{line}: the snippet does not load"
    plugin = pm.get_plugin(path.stem)
    hooks = [c.name for c in pm.get_hookcallers(plugin) or []]
    assert hooks, f"{DOC}:{line}: the snippet implements no hook"
    for hook in hooks:
        if hook == "verify_load_facts":
            assert getattr(plugin, hook)(path=tmp_path / "x.unknown-suffix") is None
            for fmt in getattr(plugin, "FORMATS", []):
                sample = tmp_path / f"sample.{fmt}"
                sample.write_text("jane-roe = Jane Roe\n", encoding="utf-8")
                build_factbase([(str(sample), getattr(plugin, hook)(path=sample))])
        else:
            assert getattr(plugin, hook)() is not None


@pytest.mark.parametrize(("line", "body"), OTHER_YAML, ids=[f"line-{n}" for n, _ in OTHER_YAML])
def test_yaml_snippet(line: int, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    where = f"{DOC}:{line}"
    data = yamlio.loads(body, where)
    if "rules" in data:
        assert build_pack([(where, data)]).rules
        return
    monkeypatch.syspath_prepend(str(ROOT / "plugins" / "verify-quote"))  # its statements section
    with pytest.MonkeyPatch.context() as m:
        m.setenv("VERIFY_DISABLE_PLUGINS", "1")
        pm = get_plugin_manager(extra=["verify_quote.plugin"])
    build_factbase([(where, data)], sections=fact_sections(pm))


def test_toml_snippets_parse() -> None:
    for _line, body in OTHER_TOML:
        assert isinstance(tomllib.loads(body), dict)
