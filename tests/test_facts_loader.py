"""Fact files → FactBase: the real dev files load, and every bad input names file:line."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from verify.errors import InputError
from verify.facts.base import FactBase
from verify.facts.loader import build_factbase, fact_files, load_facts, parse_yaml_facts
from verify.facts.validate import validate_file
from verify.model import Interval

DEV_FACTS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "facts"
needs_dev = pytest.mark.skipif(not DEV_FACTS.is_dir(), reason="dev fact files not available")

D = dt.date


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(*paths: Path) -> str:
    with pytest.raises(InputError) as info:
        load_facts(list(paths))
    return str(info.value)


# -- the real dev files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def dev() -> FactBase:
    if not DEV_FACTS.is_dir():
        pytest.skip("dev fact files not available")
    return load_facts(sorted(DEV_FACTS.glob("*.yaml")))


@needs_dev
def test_dev_files_load(dev: FactBase) -> None:
    assert {"politico-2020-01-03", "norvalis-pv-ca-2024-10-03"} <= set(dev.sources)
    assert {"donald-trump", "luc-hermans", "ward-12", "valmont"} <= set(dev.entities)
    assert len(dev.events) == 14


@needs_dev
def test_dev_meeting_attendees(dev: FactBase) -> None:
    ev = dev.events["mar-a-lago-meeting"]
    assert ev.attendees == ("donald-trump", "mike-pompeo", "mark-milley", "robert-obrien", "eric-ueland")
    assert ev.host == "donald-trump"
    assert ev.place == "mar-a-lago"
    assert ev.attendees_complete is False
    assert ev.sources == ("politico-2020-01-03",)
    assert ev.origin.endswith("soleimani.yaml:152")


@needs_dev
def test_dev_strike_interval_counts_and_informed(dev: FactBase) -> None:
    ev = dev.events["soleimani-strike"]
    assert ev.date == Interval(D(2020, 1, 2), D(2020, 1, 3))
    assert ev.counts == {"killed": 10}
    assert ev.informed is not None
    assert ev.informed.timing_of("congress") == "after"
    assert ev.informed.timing_of("foreign-governments") == "never"
    assert ev.informed.complete is False
    assert dev.events["k1-attack"].counts == {"killed": 1, "wounded": 6, "rockets": 30}


@needs_dev
def test_dev_datetime_becomes_its_day(dev: FactBase) -> None:
    # 2024-03-12T18:30:00+01:00: the day as written, not shifted to UTC
    assert dev.events["valmont-budget-session-2024-03-12"].date == Interval(D(2024, 3, 12), D(2024, 3, 12))
    assert dev.events["ridgemoor-crisis-meeting-2025-02-04"].date == Interval(D(2025, 2, 4), D(2025, 2, 4))
    assert dev.events["valmont-budget-session-2024-03-12"].counts["votes_for"] == 27


@needs_dev
def test_dev_roles_are_dated(dev: FactBase) -> None:
    cfo, chair = dev.entities["luc-hermans"].roles
    assert (cfo.title, cfo.start, cfo.end) == ("Chief Financial Officer", D(2016, 1, 4), D(2024, 6, 30))
    assert (chair.title, chair.start, chair.end) == ("Chairman of the Board", D(2024, 7, 1), None)
    assert "directeur financier" in cfo.aliases
    assert chair.held_on(D(2024, 10, 3)) and not cfo.held_on(D(2024, 10, 3))


@needs_dev
def test_dev_sources_and_places(dev: FactBase) -> None:
    assert dev.sources["dod-2020-01-02"].date == D(2020, 1, 2)
    assert dev.sources["dod-2020-01-02"].publisher == "US Department of Defense"
    assert dev.entities["k1-air-base"].located_in == "kirkuk"
    assert dev.entities["luc-hermans"].origin.endswith("norvalis.yaml:25")


@needs_dev
def test_dev_directory_merge_equals_file_list(dev: FactBase) -> None:
    merged = load_facts([DEV_FACTS])
    assert merged.entities == dev.entities
    assert merged.events == dev.events
    assert list(merged.entities) == list(dev.entities)


@needs_dev
def test_dev_files_match_schema_directly() -> None:
    """The shipped schema, as an editor would use it, accepts the dev files."""
    schema = json.loads(resources.files("verify").joinpath("schemas/facts.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(DEV_FACTS.glob("*.yaml")):
        data = json.loads(json.dumps(parse_yaml_facts(path), default=str))
        assert list(validator.iter_errors(data)) == [], path


# -- merging and finding files ----------------------------------------------------------


def test_directory_merge(tmp_path: Path) -> None:
    write(
        tmp_path,
        "facts/people.yaml",
        """
        entities:
          - id: alice
            kind: person
            name: Alice Martin
        """,
    )
    write(
        tmp_path,
        "facts/sub/events.yml",
        """
        sources:
          - {id: memo, title: Memo, date: 2024-05-01}
        events:
          - id: lunch
            kind: meeting
            date: {from: 2024-05-01, to: 2024-05-02}
            place: Le Petit Bistro
            attendees: [alice]
            sources: [memo]
        """,
    )
    write(tmp_path, "facts/.hidden/skip.yaml", "entities: [{id: x}]\n")
    write(tmp_path, "facts/notes.txt", "not a fact file\n")
    fb = load_facts([tmp_path / "facts"])
    assert set(fb.entities) == {"alice"}
    lunch = fb.events["lunch"]
    assert lunch.name == "lunch"  # name defaults to the id
    assert lunch.place == "Le Petit Bistro"  # not an entity id: a plain name
    assert lunch.date == Interval(D(2024, 5, 1), D(2024, 5, 2))
    assert lunch.origin == f"{tmp_path / 'facts/sub/events.yml'}:4"
    assert fb.sources["memo"].date == D(2024, 5, 1)


def test_fact_files_expands_sorted_and_dedupes(tmp_path: Path) -> None:
    b = write(tmp_path, "d/b.yaml", "{}\n")
    a = write(tmp_path, "d/a.json", "{}\n")
    c = write(tmp_path, "d/z/c.csv", "id\n")
    write(tmp_path, "d/readme.md", "x\n")
    assert fact_files([tmp_path / "d", b]) == [a, b, c]


def test_fact_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        fact_files([tmp_path / "nope.yaml"])
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file or directory"


def test_load_facts_refuses_unknown_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.json", "{}\n")
    assert "cannot read .json fact files" in load_error(path)


def test_empty_file_is_empty_facts(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.yaml", "# nothing yet\n")
    assert parse_yaml_facts(path) == {}
    fb = load_facts([path])
    assert (dict(fb.sources), dict(fb.entities), dict(fb.events)) == ({}, {}, {})


def test_null_sections_are_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "sources:\nentities:\nevents:\n")
    assert dict(load_facts([path]).entities) == {}


def test_build_factbase_from_plain_dicts() -> None:
    """Other loaders (JSON, CSV) hand over plain data: no positions, string dates."""
    data: dict[str, Any] = {
        "sources": [{"id": "s", "date": "2024-01-02"}],
        "entities": [
            {"id": "paris", "kind": "place", "name": "Paris"},
            {
                "id": "bob",
                "kind": "person",
                "name": "Bob",
                "roles": [{"title": "Mayor", "from": "2020-01-01"}],
            },
        ],
        "events": [
            {
                "id": "gala",
                "kind": "party",
                "name": "Gala",
                "date": "2024-03-12T18:30:00+01:00",
                "place": "paris",
                "counts": {"guests": 120.5},
            }
        ],
    }
    validate_file(data, "facts.json")
    fb = build_factbase([("facts.json", data)])
    assert fb.events["gala"].date == Interval(D(2024, 3, 12), D(2024, 3, 12))
    assert fb.events["gala"].origin == "facts.json"
    assert fb.entities["bob"].roles[0].start == D(2020, 1, 1)
    assert fb.sources["s"].date == D(2024, 1, 2)


def test_plain_dict_errors_name_the_file() -> None:
    data = {"events": [{"id": "e", "kind": "x", "attendees": ["ghost"]}]}
    with pytest.raises(InputError) as info:
        build_factbase([("facts.json", data)])
    assert str(info.value) == "facts.json: events[0].attendees[0]: unknown entity 'ghost'"


def test_files_are_merged_in_path_order() -> None:
    a = {"entities": [{"id": "x", "kind": "person", "name": "X"}]}
    b = {"entities": [{"id": "y", "kind": "person", "name": "Y"}]}
    assert list(build_factbase([("b.json", b), ("a.json", a)]).entities) == ["x", "y"]


# -- errors: one line, file:line:column -----------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        """
        entities:
          - id: a
            kind: person
            name: [unclosed
        """,
    )
    message = load_error(path)
    assert message.startswith(f"{path}:5:")
    assert "YAML syntax error" in message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "list.yaml", "- id: a\n")
    assert load_error(path) == f"{path}:1:1: expected a mapping with sources, entities and events, got a list"


def test_wrong_type(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - id: a
            kind: person
            name: A
          - id: b
            kind: 3
            name: B
        """,
    )
    assert load_error(path) == f"{path}:6:5: entities[1].kind: expected a text, got the integer 3"


def test_bad_enum(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "entities:\n  - id: a\n    kind: persn\n    name: A\n")
    assert load_error(path) == (
        f"{path}:3:5: entities[0].kind: 'persn' is not one of person, organization, place, group"
    )


def test_missing_required_key(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "entities:\n  - id: a\n    kind: person\n")
    assert load_error(path) == f"{path}:2:5: entities[0]: missing required key 'name'"


def test_bad_id(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "entities:\n  - id: Mike_Pompeo\n    kind: person\n    name: M\n")
    message = load_error(path)
    assert message.startswith(f"{path}:2:5: entities[0].id: 'Mike_Pompeo' is not an id")


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: a, kind: person, name: A}
        events:
          - id: e
            kind: meeting
            atendees: [a]
        """,
    )
    assert load_error(path) == f"{path}:6:5: events[0]: unknown key 'atendees' (did you mean 'attendees'?)"


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "entites: []\n")
    assert load_error(path) == f"{path}:1:1: unknown key 'entites' (did you mean 'entities'?)"


def test_first_error_by_position(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        events:
          - id: e
            kind: 7
            date: soon
        entities:
          - {id: a, kind: alien, name: A}
        """,
    )
    assert load_error(path).startswith(f"{path}:3:5: events[0].kind:")


def test_bad_event_date_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "events:\n  - id: e\n    kind: x\n    date: {from: 2024-01-01}\n")
    assert load_error(path) == f"{path}:4:5: events[0].date: missing required key 'to'"


def test_negative_count(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "events:\n  - id: e\n    kind: x\n    counts: {killed: -1}\n")
    assert load_error(path).startswith(f"{path}:4:14: events[0].counts.killed: -1 is negative")


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    a = write(tmp_path, "facts/a.yaml", "entities:\n  - id: x\n    kind: person\n    name: X\n")
    b = write(
        tmp_path,
        "facts/b.yaml",
        "sources:\n  - id: s\nevents:\n  - id: y\n    kind: meeting\n  - id: x\n    kind: meeting\n",
    )
    message = load_error(tmp_path / "facts")
    assert message == f"{b}:6:5: duplicate id 'x': {a}:2 and {b}:6"


def test_duplicate_id_within_one_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: x, kind: person, name: X}
          - {id: y, kind: person, name: Y}
          - {id: x, kind: place, name: X}
        """,
    )
    assert load_error(path) == f"{path}:4:6: duplicate id 'x': {path}:2 and {path}:4"


def test_dangling_attendee(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: mike-pompeo, kind: person, name: Mike Pompeo}
        events:
          - id: meeting
            kind: meeting
            attendees: [mike-pompeo, mike-pompio]
        """,
    )
    assert load_error(path) == (
        f"{path}:6:30: events[0].attendees[1]: unknown entity 'mike-pompio' (did you mean 'mike-pompeo'?)"
    )


def test_dangling_host_and_informed(tmp_path: Path) -> None:
    host = write(tmp_path, "h.yaml", "events:\n  - id: e\n    kind: x\n    host: nobody\n")
    assert load_error(host) == f"{host}:4:5: events[0].host: unknown entity 'nobody'"
    informed = write(
        tmp_path,
        "i.yaml",
        "events:\n  - id: e\n    kind: x\n    informed:\n      before: []\n      after: [ghost]\n",
    )
    assert load_error(informed) == f"{informed}:6:15: events[0].informed.after[0]: unknown entity 'ghost'"


def test_event_is_not_an_attendee(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "events:\n  - id: a\n    kind: x\n  - id: b\n    kind: x\n    host: a\n")
    assert load_error(path) == f"{path}:6:5: events[1].host: 'a' is an event, not an entity"


def test_informed_twice(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: a, kind: person, name: A}
        events:
          - id: e
            kind: x
            informed: {before: [a], never: [a]}
        """,
    )
    assert load_error(path).startswith(f"{path}:6:37: events[0].informed.never[0]: 'a' is listed under both")


def test_unknown_located_in(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: kirkuk, kind: place, name: Kirkuk}
          - id: k1-air-base
            kind: place
            name: K-1 Air Base
            located_in: kirkouk
        """,
    )
    assert load_error(path) == (
        f"{path}:6:5: entities[1].located_in: unknown place 'kirkouk' (did you mean 'kirkuk'?)"
    )


def test_located_in_must_be_a_place(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: acme, kind: organization, name: Acme}
          - {id: hq, kind: place, name: HQ, located_in: acme}
        """,
    )
    assert load_error(path) == f"{path}:3:37: entities[1].located_in: 'acme' is an organization, not a place"


def test_located_in_cycle(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - {id: top, kind: place, name: Top}
          - id: a
            kind: place
            name: A
            located_in: b
          - id: b
            kind: place
            name: B
            located_in: a
        """,
    )
    assert load_error(path) == f"{path}:6:5: entities[1].located_in: located_in cycle: a -> b -> a"


def test_located_in_self(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "entities:\n  - {id: a, kind: place, name: A, located_in: a}\n")
    assert load_error(path).endswith("located_in cycle: a -> a")


def test_impossible_date(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        events:
          - id: e
            kind: meeting
            date: 2024-02-30
        """,
    )
    assert (
        load_error(path)
        == f"{path}:4:11: impossible date '2024-02-30' (day is out of range for month)"
    )


def test_impossible_quoted_date(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "sources:\n  - id: s\n    date: '2024-13-01'\n")
    message = load_error(path)
    assert message.startswith(f"{path}:3:5: sources[0].date: impossible date '2024-13-01'")


def test_not_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "sources:\n  - id: s\n    date: 12/03/2024\n")
    assert load_error(path) == f"{path}:3:5: sources[0].date: '12/03/2024' is not an ISO date (YYYY-MM-DD)"


def test_role_ends_before_it_starts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        entities:
          - id: a
            kind: person
            name: A
            roles:
              - title: Mayor
                from: 2020-07-04
                to: 2020-07-03
        """,
    )
    assert load_error(path) == (
        f"{path}:8:9: entities[0].roles[0].to: role ends (2020-07-03) before it starts (2020-07-04)"
    )


def test_event_ends_before_it_starts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        events:
          - id: e
            kind: strike
            date:
              from: 2020-01-03
              to: 2020-01-02
        """,
    )
    assert load_error(path) == (
        f"{path}:6:7: events[0].date.to: the event ends (2020-01-02) before it starts (2020-01-03)"
    )


def test_unknown_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        """
        sources:
          - id: politico-2020-01-03
        entities:
          - id: a
            kind: person
            name: A
            sources: [politico-2020-01-04]
        """,
    )
    assert load_error(path) == (
        f"{path}:7:15: entities[0].sources[0]: unknown source 'politico-2020-01-04' "
        "(did you mean 'politico-2020-01-03'?)"
    )


def test_non_text_key(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "events:\n  - id: e\n    kind: x\n    counts: {2020: 3}\n")
    assert load_error(path) == f"{path}:4:14: events[0].counts: key 2020 must be text"


# -- the schema itself ----------------------------------------------------------------------


def test_every_schema_property_has_a_description() -> None:
    schema = json.loads(resources.files("verify").joinpath("schemas/facts.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")

    walk(schema, "$")
    assert missing == []
