"""``verify facts check`` through the CLI: the same errors as ``verify check``, plus warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import DEV, SEEDS, needs_dev_set, run_cli

WEAK = """\
sources:
  - {id: minutes, title: Minutes}
  - {id: unused, title: Never cited}
entities:
  - id: jane-roe
    kind: person
    name: Jane Roe
    aliases: [Roe]
    roles:
      - {title: Mayor, from: 2020-01-01, to: 2022-12-31}
      - {title: mayor, from: 2022-06-01}
      - {title: Senator, from: 2010-01-01, to: 2014-12-31}
      - {title: Senator, from: 2016-01-01}
    sources: [minutes]
  - {id: john-roe, kind: person, name: John Roe, aliases: [ROE]}
events:
  - {id: budget, kind: meeting, name: Budget meeting, sources: [minutes]}
  - {id: budget-2, kind: meeting, name: budget  meeting}
"""


def _counts(*files: Path) -> str:
    data = [yaml.safe_load(f.read_text(encoding="utf-8")) or {} for f in files]
    n = {k: sum(len(d.get(k) or []) for d in data) for k in ("sources", "entities", "events")}
    return f"OK: {n['sources']} sources, {n['entities']} entities, {n['events']} events"


def _error_line(run) -> str:
    assert run.code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_seed_facts_are_clean() -> None:
    run = run_cli(["facts", "check", "seeds/soleimani.yaml"])
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == [_counts(SEEDS / "soleimani.yaml")]


@needs_dev_set()
def test_dev_fact_folder_merges_files() -> None:
    run = run_cli(["facts", "check", str(DEV / "facts"), "--strict"])
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == _counts(*sorted((DEV / "facts").glob("*.yaml")))


@pytest.fixture
def weak(tmp_path: Path) -> Path:
    path = tmp_path / "weak.yaml"
    path.write_text(WEAK, encoding="utf-8")
    return path


def test_warnings(weak: Path) -> None:
    run = run_cli(["facts", "check", str(weak)])
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == "OK: 2 sources, 2 entities, 2 events; 5 warnings"
    assert lines[:-1] == [
        f"{weak}:15: warning: name 'roe' is shared by entities jane-roe ('Roe') and john-roe ('ROE'); "
        "a mention of it is ambiguous",
        f"{weak}:18: warning: name 'budget meeting' is shared by events budget ('Budget meeting') and "
        "budget-2 ('budget  meeting'); a mention of it is ambiguous",
        f"{weak}:5: warning: 'jane-roe' holds the title 'Mayor' twice over overlapping dates "
        "(2020-01-01 to 2022-12-31 and 2022-06-01 to …)",
        f"{weak}:18: warning: event 'budget-2' cites no source, so its verdicts carry no evidence source",
        f"{weak}:3: warning: source 'unused' is never cited by an entity or event",
    ]


def test_strict_fails_on_warnings(weak: Path) -> None:
    run = run_cli(["facts", "check", "--strict", str(weak)])
    assert run.code == 1
    assert run.stdout.splitlines()[-1].startswith("OK: 2 sources")


def test_names_shared_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("entities:\n  - {id: a, kind: place, name: Valmont}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("entities:\n  - {id: b, kind: place, name: X, aliases: [VALMONT]}\n",
                                     encoding="utf-8")
    run = run_cli(["facts", "check", str(tmp_path)])
    assert run.code == 0
    assert f"{tmp_path / 'b.yaml'}:2: warning: name 'valmont' is shared by entities a ('Valmont') and b" in run.stdout


def test_an_entity_and_an_event_may_share_a_name(tmp_path: Path) -> None:
    """The resolver looks entities and events up separately: no ambiguity."""
    facts = tmp_path / "f.yaml"
    facts.write_text("sources: [{id: s}]\nentities: [{id: k1, kind: place, name: K-1, sources: [s]}]\n"
                     "events: [{id: k1-attack, kind: attack, aliases: [K-1], sources: [s]}]\n", encoding="utf-8")
    run = run_cli(["facts", "check", "--strict", str(facts)])
    assert (run.code, run.stdout) == (0, "OK: 1 sources, 1 entities, 1 events\n")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("events:\n  - {id: e, kind: meeting, attendees: [nobody]}\n", ":2:", "unknown entity 'nobody'"),
        ("entities:\n  - {id: a, kind: place, name: A, located_in: b}\n  - {id: b, kind: place, name: B, "
         "located_in: a}\n", ":2:", "located_in cycle: a -> b -> a"),
        ("entities:\n  - id: p\n    kind: person\n    name: P\n    roles:\n      - {title: T, from: 2020-01-02, "
         "to: 2020-01-01}\n", ":6:", "role ends (2020-01-01) before it starts (2020-01-02)"),
        ("entities:\n  - id: x\n    kind: persn\n    name: X\n", ":3:5:", "entities[0].kind: 'persn' is not one of"),
        ("entities: [\n  {id: x\n", ":", "YAML syntax error"),
    ],
    ids=["dangling-id", "cycle", "date-order", "schema", "yaml"],
)
def test_errors_are_one_line_exit_2(tmp_path: Path, text: str, where: str, message: str) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    line = _error_line(run_cli(["facts", "check", str(facts)]))
    assert line.startswith(f"verify: error: {facts}{where}") and message in line, line


def test_missing_path() -> None:
    assert "no/such.yaml: no such file or directory" in _error_line(run_cli(["facts", "check", "no/such.yaml"]))


def test_a_path_is_required() -> None:
    assert run_cli(["facts", "check"]).code == 2
