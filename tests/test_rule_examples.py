"""Every built-in rule's examples are its test cases (one pytest case per rule, the sqlfluff way).

A rule whose examples fail because its PATTERN (or triggers/macros) is wrong is
listed in ``XFAIL`` with the reason, strictly: once the pattern is fixed the
case passes, pytest reports the XPASS as a failure, and the entry must go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.engine import checkers_of
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import load_rules
from verify.rules.model import RulePack
from verify.rules.testing import run_examples

XFAIL: dict[str, str] = {
    "attendance-subject-fr": "{who:subject} takes any noun phrase: 'Le risque était présent' is an attendance claim",
    "attendance-absent-fr": "{who:subject} takes any noun phrase: 'Le bruit était absent' is an absence claim",
    "attendance-subject-en": "{who:subject} takes any noun phrase: 'The risk was present' is an attendance claim",
    "attendance-absent-en": "{who:subject} takes any noun phrase: 'The data was absent' is an absence claim",
    "attendance-meeting-with-en": "the LEAD macro lacks 'on': host is 'On December 29, Trump', not 'Trump'",
    "attendance-inverted-en": "triggers lack chaired/hosted/convened/led/attended: the 'chaired by X' pattern never runs",
    "event-date-fr": "{d:date} can start inside a masked date, after the 'né le' look-behind: matches 'mars 1960'",
    "event-date-en": "{d:date} can start inside a masked date, after the 'born on' look-behind: matches 'March 1960'",
    "informed-excluded-fr": "bare 'exclu'/'écarté' with any subject: 'exclu du match', 'Le risque est écarté' match",
    "role-title-name-fr": "{title:title} takes any lowercase words: 'La ville de Paris' gives title 'ville de'",
    "role-title-name-en": "the (?<=^) branch lets {title:titlecase} swallow 'Trump met with Secretary of'",
    "role-name-comma-title-en": "{person:name} takes a capitalised preposition: 'In Paris, the city voted' matches",
}


def _builtin_pack() -> RulePack:
    pm = get_plugin_manager()
    return load_rules([Path(p) for p in collect(pm, "verify_rule_paths")], known_checkers=checkers_of(pm).keys())


PACK = _builtin_pack()


def _case(rule_id: str) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[rule_id], strict=True)] if rule_id in XFAIL else []
    return pytest.param(rule_id, id=rule_id, marks=marks)


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
