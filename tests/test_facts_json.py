"""JSON fact files (plugins/json_facts.py): same records as YAML, errors with file:line:column."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from verify_plugins import json_facts

from verify.engine import load_factbase
from verify.errors import InputError
from verify.facts.loader import build_factbase
from verify.model import Interval
from verify.plugins import get_plugin_manager

FACTS = {
    "sources": [{"id": "minutes", "title": "Minutes", "date": "2024-03-06"}],
    "entities": [
        {"id": "jane-roe", "kind": "person", "name": "Jane Roe", "aliases": ["Roe"],
         "roles": [{"title": "Mayor", "aliases": ["maire"], "from": "2020-07-04"}], "sources": ["minutes"]},
        {"id": "valmont", "kind": "place", "name": "Valmont"},
        {"id": "town-hall", "kind": "place", "name": "Town hall", "located_in": "valmont"},
    ],
    "events": [
        {"id": "committee", "kind": "meeting", "name": "finance committee", "date": {"from": "2024-03-05",
                                                                                  "to": "2024-03-06"},
         "place": "town-hall", "attendees": ["jane-roe"], "attendees_complete": True, "counts": {"votes_for": 27},
         "informed": {"before": ["jane-roe"], "complete": False}, "sources": ["minutes"]},
    ],
}


def write(tmp_path: Path, text: str, name: str = "facts.json") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load(*paths: Path):
    return load_factbase(list(paths), get_plugin_manager())


def error(*paths: Path) -> str:
    with pytest.raises(InputError) as info:
        load(*paths)
    return str(info.value)


def test_json_file_gives_the_same_fact_base_as_yaml(tmp_path: Path) -> None:
    import yaml

    jpath = write(tmp_path, json.dumps(FACTS, indent=2))
    ypath = tmp_path / "y" / "facts.yaml"
    ypath.parent.mkdir()
    ypath.write_text(yaml.safe_dump(FACTS, sort_keys=False), encoding="utf-8")
    from_json, from_yaml = load(jpath), load(ypath)
    assert from_json.entities["jane-roe"].roles == from_yaml.entities["jane-roe"].roles
    assert from_json.events["committee"].date == Interval(dt.date(2024, 3, 5), dt.date(2024, 3, 6))
    assert replace(from_json.events["committee"], origin="") == replace(from_yaml.events["committee"], origin="")
    assert from_json.entities["jane-roe"].origin == f"{jpath}:11"


def test_directory_merges_json_with_yaml(tmp_path: Path) -> None:
    write(tmp_path, json.dumps({"entities": FACTS["entities"], "sources": FACTS["sources"]}), "a.json")
    (tmp_path / "b.yaml").write_text(
        "events:\n  - {id: e, kind: meeting, attendees: [jane-roe], place: town-hall}\n", encoding="utf-8")
    fb = load(tmp_path)
    assert fb.events["e"].attendees == ("jane-roe",)


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, """
        {
          "entities": [
            {"id": "a", "kind": "person", "name": "A",}
          ]
        }
        """)
    assert error(path) == f"{path}:3:47: JSON syntax error: Expecting property name enclosed in double quotes"


def test_schema_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, """
        {
          "entities": [
            {"id": "a", "kind": "person", "name": "A"},
            {"id": "b", "kind": "persn", "name": "B"}
          ]
        }
        """)
    assert error(path) == f"{path}:4:17: entities[1].kind: 'persn' is not one of person, organization, place, group"


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "entites": []\n}\n')
    assert error(path) == f"{path}:2:3: unknown key 'entites' (did you mean 'entities'?)"


def test_dangling_reference_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, """
        {
          "entities": [{"id": "a", "kind": "person", "name": "A"}],
          "events": [
            {"id": "e", "kind": "meeting",
             "attendees": ["a", "ghost"]}
          ]
        }
        """)
    assert error(path) == f"{path}:5:25: events[0].attendees[1]: unknown entity 'ghost'"


def test_impossible_date(tmp_path: Path) -> None:
    path = write(tmp_path, '{"events": [{"id": "e", "kind": "x", "date": "2024-02-30"}]}')
    assert error(path).startswith(f"{path}:1:38: events[0].date: impossible date '2024-02-30'")


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, '{"sources": [{"id": "s",\n "id": "t"}]}')
    assert error(path) == f"{path}:2:2: duplicate key 'id'"


def test_nan_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '{"events": [{"id": "e", "kind": "x", "counts": {"killed": NaN}}]}')
    assert "NaN is not a number" in error(path)


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    path = write(tmp_path, '[1, 2]')
    assert error(path).startswith(f"{path}:1:1: expected a mapping with sources, entities and events")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b'{"sources": [{"id": "caf\xe9"}]}')
    assert error(path) == f"{path}: not UTF-8 text (byte 24)"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text('\ufeff{"sources": [{"id": "s"}]}', encoding="utf-8")
    assert set(load(path).sources) == {"s"}


def test_positions_of_the_reader() -> None:
    reader = json_facts._Reader('{\n  "a": [1, {"b": true}],\n  "c": "x"\n}', "f.json")
    data = reader.document()
    assert data == {"a": [1, {"b": True}], "c": "x"}
    assert data.key_pos == {"a": (2, 3), "c": (3, 3)}
    assert data["a"].item_pos == [(2, 9), (2, 12)]
    assert data["a"][1].key_pos == {"b": (2, 13)}


def test_loader_answers_only_for_json(tmp_path: Path) -> None:
    assert json_facts.verify_load_facts(path=tmp_path / "facts.yaml") is None
    assert json_facts.FORMATS == ["json"]


def test_plain_data_from_the_loader_builds(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(FACTS))
    fb = build_factbase([(str(path), json_facts.parse_json_facts(path))])
    assert fb.events["committee"].counts == {"votes_for": 27}
