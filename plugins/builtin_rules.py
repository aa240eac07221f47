"""The built-in rule pack, registered like any third-party rule pack."""

from __future__ import annotations

from pathlib import Path

import verify_rules

from verify.hookspecs import hookimpl


@hookimpl
def verify_rule_paths() -> list[Path]:
    return [Path(verify_rules.__file__).parent]
