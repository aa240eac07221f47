"""Baselines: fingerprints that survive edits elsewhere; `check --baseline` reports only new claims."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tests.ci_material import ROLE_RULE, claims, load_json, project, verify, wrong_draft
from verify.baseline import SCHEMA, fingerprints
from verify.model import Claim, Document, DocumentReport, Result, Sentence

CONFIG = {"facts": ["facts/soleimani.yaml"]}
NEW_CLAIM = "Le secrétaire à la Défense Mike Pompeo a parlé ensuite."


def _edit_elsewhere(path: Path) -> None:
    """Shift every line and offset: a new paragraph at the top, a reworded heading."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("# Brouillon : la réunion de Mar-a-Lago",
                        "Un chapeau ajouté en tête.\n\nDeux lignes de plus.\n\n# Brouillon revu : Mar-a-Lago")
    path.write_text(text, encoding="utf-8")


def test_only_new_claims_are_reported_after_an_edit_elsewhere(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG, {"d.fr.md": wrong_draft()})
    s = verify(["check", "drafts", "--format", "json"], root).json()["summary"]
    assert s["contradicted"] == 2
    made = verify(["baseline", "create", "drafts", "--output", "baseline.json"], root)
    assert made.code == 0, made.stderr
    assert (f"baseline of {sum(s.values())} claims (2 contradicted, {s['unverifiable']} unverifiable, "
            f"{s['supported']} supported) written to baseline.json") in made.stdout
    data = load_json(root / "baseline.json")
    assert data["schema"] == SCHEMA and {c["path"] for c in data["claims"]} == {"drafts/d.fr.md"}

    draft = root / "drafts" / "d.fr.md"
    _edit_elsewhere(draft)
    quiet = verify(["check", "drafts", "--baseline", "baseline.json", "--format", "json"], root)
    assert quiet.code == 0, quiet.stdout
    assert claims(quiet.json()) == []

    draft.write_text(draft.read_text(encoding="utf-8") + "\n" + NEW_CLAIM + "\n", encoding="utf-8")
    new = verify(["check", "drafts", "--baseline", "baseline.json", "--format", "json"], root)
    assert new.code == 1
    found = claims(new.json())
    assert [(c["rule"], c["verdict"], c["text"]) for c in found] == [
        (ROLE_RULE, "contradicted", "Le secrétaire à la Défense Mike Pompeo")]  # same text, second occurrence
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert found[0]["span"]["line"] == next(i for i, line in enumerate(lines, 1) if NEW_CLAIM in line)


def test_baseline_paths_are_relative_so_the_repository_can_move(tmp_path: Path) -> None:
    root = project(tmp_path / "one", CONFIG, {"d.fr.md": wrong_draft()})
    assert verify(["baseline", "create", "drafts", "-o", "baseline.json"], root).code == 0
    moved = tmp_path / "two"
    shutil.copytree(root, moved)
    assert verify(["check", "drafts", "--baseline", "baseline.json"], moved).code == 0
    assert verify(["check", "d.fr.md", "--baseline", "../baseline.json"], moved / "drafts").code == 0


def test_baseline_from_the_config(tmp_path: Path) -> None:
    root = project(tmp_path, {**CONFIG, "baseline": "ci/baseline.json"}, {"d.fr.md": wrong_draft()})
    (root / "ci").mkdir()
    assert verify(["baseline", "create", "d.fr.md"], root / "drafts").code == 0  # --output defaults to the key
    assert (root / "ci" / "baseline.json").is_file()
    assert verify(["check", "d.fr.md"], root / "drafts").code == 0
    assert verify(["check", "d.fr.md", "--no-config", "--facts", "../facts/soleimani.yaml"], root / "drafts").code == 1


def test_baseline_errors(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG, {"d.fr.md": wrong_draft()})
    no_output = verify(["baseline", "create", "drafts"], root)
    assert no_output.code == 2 and "--output FILE" in no_output.stderr
    missing = verify(["check", "drafts", "--baseline", "nope.json"], root)
    assert missing.code == 2 and "nope.json: no such baseline file" in missing.stderr
    (root / "bad.json").write_text('{"schema": "verify-baseline/1",\n "claims": [}\n', encoding="utf-8")
    bad = verify(["check", "drafts", "--baseline", "bad.json"], root)
    assert bad.code == 2 and "bad.json:2:13: not JSON" in bad.stderr and "Traceback" not in bad.stderr


def _report(text: str, spans: list[tuple[str, str]]) -> DocumentReport:
    doc = Document("/x/drafts/a.md", text, "fr", dt.date(2020, 1, 1), (Sentence(0, len(text), text),))
    results = []
    pos = 0
    for rule, words in spans:
        start = text.index(words, pos)
        pos = start + 1
        results.append(Result(Claim(rule, "role", start, start + len(words), words, doc.sentences[0]), "supported",
                              "m"))
    return DocumentReport(doc, tuple(results))


def test_fingerprints_ignore_positions_but_count_occurrences() -> None:
    before = _report("Le Ministre X. Puis le ministre  x.", [("r", "Le Ministre X"), ("r", "le ministre  x")])
    after = _report("Intro.\nEncore.\nLe Ministre X. Puis le ministre  x.",
                    [("r", "Le Ministre X"), ("r", "le ministre  x")])
    fa = [fingerprints(before, Path("/x"))[id(r)] for r in before.results]
    fb = [fingerprints(after, Path("/x"))[id(r)] for r in after.results]
    assert fa == fb  # same claims, shifted: same fingerprints
    assert fa[0] != fa[1]  # same folded text, but the second occurrence
    assert fingerprints(before, Path("/x/drafts"))[id(before.results[0])] != fa[0]  # the path is part of it
