"""Fact loader for YAML fact files (CONTRACT §1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verify.facts.loader import parse_yaml_facts
from verify.hookspecs import hookimpl

FORMATS = ["yaml"]


@hookimpl(trylast=True)
def verify_load_facts(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    return parse_yaml_facts(path)
