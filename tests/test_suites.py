"""Rule suites: selectors (file, id, tag:, negation), `verify run` exit codes and `verify suites`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ci_material import ROLE_RULE, clean_draft, load_json, project, role_draft, verify
from verify.batch import load_pack
from verify.config import load_config
from verify.errors import InputError
from verify.plugins import get_plugin_manager
from verify.rules.model import RulePack
from verify.suites import select


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_pack(get_plugin_manager(), [])


def _config(tmp_path: Path, text: str):
    path = tmp_path / "verify.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def _ids(pack: RulePack, tag: str) -> tuple[str, ...]:
    return tuple(r.id for r in pack.rules if tag in r.tags)


# -- selectors ------------------------------------------------------------------------


def test_select_by_tag_id_file_and_negation(pack: RulePack, tmp_path: Path) -> None:
    config = _config(tmp_path, "suites: {}\n")
    all_ids = tuple(r.id for r in pack.rules)
    roles = _ids(pack, "role")
    assert roles and ROLE_RULE in roles
    assert select(pack, ["tag:role"], config, "s") == roles
    assert select(pack, ["!tag:count"], config, "s") == tuple(i for i in all_ids if i not in _ids(pack, "count"))
    assert select(pack, ["tag:role", f"!{ROLE_RULE}"], config, "s") == tuple(i for i in roles if i != ROLE_RULE)
    assert select(pack, [ROLE_RULE, "tag:count"], config, "s") == tuple(
        i for i in all_ids if i == ROLE_RULE or i in _ids(pack, "count"))
    # The built-in pack is read from wherever it is installed (the source tree, or site-packages).
    role_file = next(r.origin.rsplit(":", 1)[0] for r in pack.rules if r.id == ROLE_RULE)
    by_file = select(pack, [role_file], config, "s")
    assert set(by_file) == {r.id for r in pack.rules if r.origin.rsplit(":", 1)[0].endswith("role.yaml")}
    assert select(pack, ["!tag:role", "!tag:count"], config, "s") == tuple(
        i for i in all_ids if i not in roles and i not in _ids(pack, "count"))


@pytest.mark.parametrize(("selector", "message"), [
    ("tag:roel", "no rule has the tag 'roel' (did you mean 'tag:role'?)"),
    ("role-title-name-fx", "no rule 'role-title-name-fx' (did you mean 'role-title-name-fr'?)"),
    ("!tag:cnt", "no rule has the tag 'cnt'"),
    ("house/rules.yaml", "no rule file"),
])
def test_a_selector_that_matches_nothing_is_an_error_at_its_line(pack: RulePack, tmp_path: Path, selector: str,
                                                                  message: str) -> None:
    config = _config(tmp_path, f"suites:\n  s:\n    rules:\n      - tag:role\n      - '{selector}'\n")
    with pytest.raises(InputError) as info:
        select(pack, config.suites["s"].rules, config, "s")
    assert info.value.line == 5 and message in info.value.message


# -- verify run / verify suites -------------------------------------------------------

SUITES = {
    "facts": ["facts/soleimani.yaml"],
    "suites": {
        "roles": {"rules": ["tag:role"], "documents": ["drafts/role.fr.md"]},
        "no-roles": {"rules": ["!tag:role"], "documents": ["drafts/role.fr.md"],
                     "format": ["json:no-roles.json"]},
        "clean": {"rules": ["!tag:count"], "documents": ["drafts/clean*.md"]},
        "strict": {"rules": ["tag:place", "tag:role"], "documents": ["drafts/clean.fr.md"], "fail_on": "unverifiable"},
    },
}
FINAL = re.compile(r"^suite (\S+): (\d+) supported, (\d+) contradicted, (\d+) unverifiable — (PASS|FAIL)$")


def _finals(stdout: str) -> dict[str, tuple[int, int, int, str]]:
    out = {}
    for line in stdout.splitlines():
        m = FINAL.match(line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(5))
    return out


@pytest.fixture
def suites_project(tmp_path: Path) -> Path:
    return project(tmp_path, SUITES, {"role.fr.md": role_draft(), "clean.fr.md": clean_draft()})


def test_run_every_suite(suites_project: Path) -> None:
    run = verify(["run"], suites_project)
    assert run.code == 1, run.stderr
    finals = _finals(run.stdout)
    assert list(finals) == ["roles", "no-roles", "clean", "strict"]
    assert finals["roles"][1:] == (1, 0, "FAIL")  # the role contradiction
    assert finals["no-roles"][1:] == (0, 0, "PASS")  # everything but roles: nothing contradicted
    assert finals["clean"][1] == 0 and finals["clean"][3] == "PASS"
    assert finals["strict"][2] > 0 and finals["strict"][3] == "FAIL"  # unverifiable claims fail this suite
    for name in finals:
        assert f"== suite {name}: " in run.stdout
    report = load_json(suites_project / "no-roles.json")  # the suite's own format, relative to the config
    assert report["summary"]["contradicted"] == 0
    assert not any(c["checker"] == "role" for d in report["documents"] for c in d["claims"])


def test_run_named_suites_and_exit_codes(suites_project: Path) -> None:
    assert verify(["run", "no-roles", "clean"], suites_project).code == 0
    assert verify(["run", "roles"], suites_project).code == 1
    unknown = verify(["run", "clen"], suites_project)
    assert unknown.code == 2 and "no suite 'clen' (did you mean 'clean'?)" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_run_input_errors(tmp_path: Path) -> None:
    nothing = verify(["run"], project(tmp_path / "a"))
    assert nothing.code == 2 and "no config file found" in nothing.stderr
    root = project(tmp_path / "b")
    (root / "verify.yaml").write_text("suites:\n  s:\n    rules: [tag:role]\n    documents: [drafts/*.md]\n",
                                      encoding="utf-8")
    empty = verify(["run"], root)
    assert empty.code == 2 and "verify.yaml:4:17: suite 's': no document matches 'drafts/*.md'" in empty.stderr


def test_suites_listing(suites_project: Path, pack: RulePack) -> None:
    run = verify(["suites"], suites_project)
    assert run.code == 0, run.stderr
    rows = {line.split()[0]: line.split() for line in run.stdout.splitlines()[1:-1]}
    assert run.stdout.splitlines()[0].split() == ["NAME", "RULES", "DOCUMENTS", "FAIL-ON", "FACTS"]
    assert rows["roles"][1:5] == [str(len(_ids(pack, "role"))), "1", "contradicted", "facts/soleimani.yaml"]
    assert rows["clean"][1:3] == [str(len(pack.rules) - len(_ids(pack, "count"))), "1"]
    assert rows["strict"][3] == "unverifiable"
    assert run.stdout.splitlines()[-1] == "4 suites in verify.yaml"
