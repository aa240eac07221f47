"""The kit's ``verify_env`` fixture comes from verify's pytest plugin; here it also loads this plugin."""

from __future__ import annotations

from pathlib import Path

import pytest
from verify.testing_kit import VerifyEnv

DATA = Path(__file__).parent / "data"


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    """An env with verify-quote loaded (explicitly: the same whether or not it is pip-installed)."""
    verify_env.plugin("verify_quote.plugin")
    return verify_env


@pytest.fixture
def facts(env: VerifyEnv) -> VerifyEnv:
    """The env with the demo facts of ``data/facts.yaml``."""
    env.facts((DATA / "facts.yaml").read_text(encoding="utf-8"))
    return env
