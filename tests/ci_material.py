"""Sample projects for the CI tests: real drafts from the seeds, written into a temporary folder.

The drafts are the project's seeds, so the tests run the real rule pack on real
text: ``clean.fr.md`` is the seed article (no contradiction, a few unverifiable
claims), ``wrong.fr.md`` the draft that calls Mike Pompeo "secrétaire à
la Défense" and says Congress was warned before the strike (two contradicted
claims), ``role.fr.md`` only its first paragraph (one contradicted role claim).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from tests.conftest import ROOT, SEEDS, Run

FACTS = SEEDS / "soleimani.yaml"
ROLE_RULE = "role-title-name-fr"
INFORMED_RULE = "informed-active-fr"
WRONG_SENTENCE = "La Maison-Blanche avait prévenu le Congrès avant la frappe."


def front(date: str) -> str:
    return f"---\ndate: {date}\nlang: fr\n---\n\n"


def clean_draft() -> str:
    return front("2020-01-04") + (SEEDS / "seed-soleimani.fr.txt").read_text(encoding="utf-8")


def wrong_draft() -> str:
    """The seed draft without its ``facts:`` line: facts come from the config or ``--facts``."""
    text = (SEEDS / "draft-wrong-title.fr.md").read_text(encoding="utf-8")
    return text.replace("facts: [soleimani.yaml]\n", "")


def role_draft() -> str:
    return wrong_draft().replace(WRONG_SENTENCE, "")


def project(root: Path, config: Mapping[str, object] | None = None, drafts: Mapping[str, str] | None = None
            ) -> Path:
    """A folder with ``facts/soleimani.yaml``, ``drafts/*`` and, if given, a ``verify.yaml``."""
    (root / "facts").mkdir(parents=True, exist_ok=True)
    (root / "drafts").mkdir(exist_ok=True)
    shutil.copy(FACTS, root / "facts" / "soleimani.yaml")
    for name, text in (drafts or {}).items():
        (root / "drafts" / name).write_text(text, encoding="utf-8")
    if config is not None:
        (root / "verify.yaml").write_text(yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True),
                                          encoding="utf-8")
    return root


def verify(args: Sequence[str], cwd: Path) -> Run:
    """``verify ARGS`` in ``cwd``, as a separate process on real files."""
    proc = subprocess.run([sys.executable, "-m", "verify.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def claims(report: dict) -> list[dict]:
    return [c for d in report["documents"] for c in d["claims"]]


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


__all__ = ["FACTS", "INFORMED_RULE", "ROLE_RULE", "ROOT", "claims", "clean_draft", "load_json", "project",
           "role_draft", "verify", "wrong_draft"]
