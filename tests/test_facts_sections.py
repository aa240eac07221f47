"""Plugin fact sections: validated like built-in ones, kept as frozen ``FactBase.extras``."""

from __future__ import annotations

import pickle
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest

from verify.errors import InputError
from verify.facts.base import FactBase
from verify.facts.loader import build_factbase, load_facts, parse_yaml_facts
from verify.facts.model import Record
from verify.facts.sections import fact_sections
from verify.facts.validate import check_sections, extended_schema
from verify.hookspecs import hookimpl
from verify.plugins import PluginWarning, failed_plugins, get_plugin_manager

STATEMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["who", "what"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "who": {"$ref": "#/$defs/id", "x-ref": "entity"},
        "what": {"$ref": "#/$defs/text"},
        "when": {"$ref": "#/$defs/date"},
        "source": {"$ref": "#/$defs/id", "x-ref": "source"},
    },
}
SECTIONS = {"statements": STATEMENT}

FACTS = """
sources:
  - {id: pv, title: Minutes}
entities:
  - {id: jane-roe, kind: person, name: Jane Roe}
statements:
  - id: s1
    who: jane-roe
    what: The budget is balanced.
    when: 2024-03-05
    source: pv
"""


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load(path: Path, sections: Any = SECTIONS) -> FactBase:
    return load_facts([path], sections=sections)


def error(path: Path, sections: Any = SECTIONS) -> str:
    with pytest.raises(InputError) as info:
        load(path, sections)
    return str(info.value)


def test_extras_are_kept_as_frozen_plain_data(tmp_path: Path) -> None:
    fb = load(write(tmp_path, FACTS))
    (statement,) = fb.extras["statements"]
    assert dict(statement) == {"id": "s1", "who": "jane-roe", "what": "The budget is balanced.",
                               "when": "2024-03-05", "source": "pv"}  # a YAML date becomes ISO text
    assert statement.origin.endswith("f.yaml:6")
    with pytest.raises(TypeError):
        statement["what"] = "changed"  # type: ignore[index]
    with pytest.raises(AttributeError):
        statement.origin = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(statement)) == statement


def test_nested_values_are_frozen() -> None:
    record = Record({"a": [1, {"b": [2]}]})
    assert record["a"] == (1, Record({"b": (2,)}))
    assert isinstance(record["a"][1], Record)


def test_declared_section_without_items_is_empty(tmp_path: Path) -> None:
    fb = load(write(tmp_path, "entities: []\n"))
    assert fb.extras == {"statements": ()}
    assert FactBase().extras == {}


def test_unknown_section_without_the_plugin(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS)
    assert error(path, None) == f"{path}:5:1: unknown key 'statements' (did you mean 'events'?)"


def test_misspelled_plugin_section_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "statement: []\n")
    assert error(path) == f"{path}:1:1: unknown key 'statement' (did you mean 'statements'?)"


def test_item_schema_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS.replace("source: pv", "sauce: pv"))
    assert error(path) == f"{path}:10:5: statements[0]: unknown key 'sauce' (did you mean 'source'?)"


def test_x_ref_entity_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS.replace("who: jane-roe", "who: jane-rose"))
    assert error(path) == f"{path}:7:5: statements[0].who: unknown entity 'jane-rose' (did you mean 'jane-roe'?)"


def test_x_ref_source_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS.replace("source: pv", "source: minutes"))
    assert error(path) == f"{path}:10:5: statements[0].source: unknown source 'minutes'"


def test_impossible_date_in_a_section(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS.replace("2024-03-05", "'2024-02-30'"))
    assert error(path).startswith(f"{path}:9:5: statements[0].when: impossible date '2024-02-30'")


def test_duplicate_ids_within_a_section(tmp_path: Path) -> None:
    path = write(tmp_path, FACTS + "  - {id: s1, who: jane-roe, what: Again.}\n")
    assert error(path) == f"{path}:11:6: duplicate id 's1': {path}:6 and {path}:11"


def test_plain_dicts_from_other_loaders() -> None:
    data = {"entities": [{"id": "a", "kind": "person", "name": "A"}],
            "statements": [{"who": "a", "what": "Hello."}]}
    fb = build_factbase([("f.json", data)], sections=SECTIONS)
    assert fb.extras["statements"][0]["what"] == "Hello."
    assert fb.extras["statements"][0].origin == "f.json"


def test_parse_without_sections_leaves_top_level_to_the_build(tmp_path: Path) -> None:
    """The YAML plugin parses before it knows the plugins; the build still checks everything."""
    path = write(tmp_path, FACTS)
    data = parse_yaml_facts(path)
    assert build_factbase([(str(path), data)], sections=SECTIONS).extras["statements"][0]["who"] == "jane-roe"
    with pytest.raises(InputError):
        parse_yaml_facts(write(tmp_path, "entities: [{id: a, kind: persn, name: A}]\n", "g.yaml"))
    with pytest.raises(InputError, match="unknown key 'statements'"):
        parse_yaml_facts(path, sections={})


def test_item_schema_can_use_shipped_definitions() -> None:
    schema = extended_schema(SECTIONS)
    assert schema["properties"]["statements"]["items"]["properties"]["who"]["$ref"] == "#/$defs/id"


@pytest.mark.parametrize(("sections", "message"), [
    ({"entities": {"type": "object"}}, "built in and cannot be redefined"),
    ({"Statements": {"type": "object"}}, "must be lowercase"),
    ({"s": {"type": "objet"}}, "invalid item schema"),
    ({"s": {"properties": {"who": {"x-ref": "person"}}}}, "x-ref 'person'"),
    ({"s": "not a schema"}, "must be a mapping"),
])
def test_bad_section_definitions(sections: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_sections(sections)


@pytest.fixture(autouse=True)
def _no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the sections registered here: an installed plugin (verify-quote) would add its own."""
    monkeypatch.setenv("VERIFY_DISABLE_PLUGINS", "1")


class Sections:
    def __init__(self, sections: Any) -> None:
        self.sections = sections

    @hookimpl
    def verify_fact_sections(self) -> Any:
        if isinstance(self.sections, Exception):
            raise self.sections
        return self.sections


def test_fact_sections_merges_plugins() -> None:
    pm = get_plugin_manager()
    pm.register(Sections(SECTIONS))
    pm.register(Sections({"quotes": {"type": "object"}}))
    assert set(fact_sections(pm)) == {"statements", "quotes"}


def test_two_plugins_defining_one_section_is_an_error() -> None:
    pm = get_plugin_manager()
    pm.register(Sections(SECTIONS), name="one")
    pm.register(Sections(SECTIONS), name="two")
    with pytest.raises(InputError, match=r"plugins .(one|two). and .(one|two). both define the fact section .st"):
        fact_sections(pm)


def test_bad_section_names_the_plugin() -> None:
    pm = get_plugin_manager()
    pm.register(Sections({"events": {}}), name="bad")
    with pytest.raises(InputError, match="plugin 'bad': fact section 'events' is built in"):
        fact_sections(pm)


def test_raising_plugin_is_warned_about_and_skipped() -> None:
    pm = get_plugin_manager()
    pm.register(Sections(RuntimeError("boom")), name="broken")
    pm.register(Sections(SECTIONS), name="fine")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert set(fact_sections(pm)) == {"statements"}
    assert any(issubclass(w.category, PluginWarning) and "'broken'" in str(w.message) for w in caught)
    assert failed_plugins(pm) == ["broken"]
