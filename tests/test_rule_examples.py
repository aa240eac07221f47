"""Every built-in rule's examples are its test cases (one pytest case per rule, the sqlfluff way).

A rule whose examples fail because its PATTERN (or triggers/macros) is wrong is
listed in ``XFAIL`` with the reason, strictly: once the pattern is fixed the
case passes, pytest reports the XPASS as a failure, and the entry must go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verify import yamlio
from verify.engine import checkers_of
from verify.errors import InputError
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import build_pack, load_rules
from verify.rules.model import RulePack
from verify.rules.testing import run_examples

XFAIL: dict[str, str] = {}


def _builtin_pack() -> RulePack:
    pm = get_plugin_manager()
    return load_rules([Path(p) for p in collect(pm, "verify_rule_paths")], known_checkers=checkers_of(pm).keys())


try:
    PACK = _builtin_pack()
    PACK_ERROR = ""
except InputError as exc:  # a broken pack fails its tests, not the whole collection
    PACK, PACK_ERROR = RulePack(()), str(exc)


def _case(rule_id: str) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[rule_id], strict=True)] if rule_id in XFAIL else []
    return pytest.param(rule_id, id=rule_id, marks=marks)


def test_builtin_pack_loads() -> None:
    assert not PACK_ERROR, PACK_ERROR


@pytest.mark.parametrize("rule_id", [_case(r.id) for r in PACK.rules])
def test_rule_examples(rule_id: str) -> None:
    [result] = run_examples(PACK, [rule_id])
    assert result.ok, "\n".join(str(f) for f in result.failures)


def test_every_rule_has_enough_examples() -> None:
    thin = [
        f"{r.id}: {len(r.examples_match)} match, {len(r.examples_no_match)} no_match"
        for r in PACK.rules
        if len(r.examples_match) < 3 or len(r.examples_no_match) < 2
    ]
    assert not thin, "rules need at least 3 match and 2 no_match examples:\n" + "\n".join(thin)


def test_xfail_entries_name_real_rules() -> None:
    """A renamed or removed rule must not leave a stale entry behind."""
    assert set(XFAIL) <= {r.id for r in PACK.rules}


# -- run_examples itself, on small packs ------------------------------------------

_PACK_YAML = """
hedges: [if]
rules:
  - id: told-after
    checker: informed
    languages: [en]
    triggers: [told]
    patterns: ["{who:name} was only told afterwards"]
    examples:
      match:
        - text: "Jane Roe was only told afterwards."
          slots: {who: "Jane Roe."}
        - {text: "John Doe was only told afterwards.", lang: en}
      no_match:
        - "Jane Roe was only told afterwards?"
        - "If Jane Roe was only told afterwards, she would say so."
"""


def _pack(text: str, hedges: bool = True) -> RulePack:
    data = yamlio.loads(text if hedges else text.replace("hedges: [if]", ""), "pack.yaml")
    return build_pack([("pack.yaml", data)])


def test_run_examples_passes_questions_and_hypotheticals_as_no_match() -> None:
    [res] = run_examples(_pack(_PACK_YAML))
    assert (res.rule_id, res.passed, res.failed, res.ok) == ("told-after", 4, 0, True)
    assert res.origin == "pack.yaml:4"  # the line of "- id: told-after"


def test_hypotheticals_match_without_the_packs_hedges() -> None:
    [res] = run_examples(_pack(_PACK_YAML, hedges=False))
    [failure] = res.failures
    assert failure.kind == "no_match" and failure.index == 2 and "the rule matched" in failure.problem
    assert "Jane Roe was only told afterwards" in str(failure)


def test_wrong_slot_and_missing_match_are_explained() -> None:
    text = _PACK_YAML.replace('who: "Jane Roe."', 'who: "Roe"').replace("John Doe was", "John Doe is")
    [res] = run_examples(_pack(text))
    assert res.failed == 2
    slot, missing = res.failures
    assert "slot who: expected 'Roe', found 'Jane Roe'" in slot.problem
    assert "found: 'Jane Roe was only told afterwards' {who='Jane Roe'}" in str(slot)
    assert missing.problem == "no claim from this rule" and missing.index == 2


def test_example_in_a_language_the_rule_skips() -> None:
    [res] = run_examples(_pack(_PACK_YAML.replace("lang: en", "lang: fr")))
    assert "does not apply to language 'fr'" in res.failures[0].problem


def test_unknown_rule_id() -> None:
    with pytest.raises(InputError, match=r"unknown rule 'told-aftr' \(did you mean 'told-after'\?\)"):
        run_examples(_pack(_PACK_YAML), ["told-aftr"])
