"""CSV fact sheets (plugins/csv_facts.py): entities with one row per role, events, sources; errors by row."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from verify_plugins import csv_facts

from verify.engine import load_factbase
from verify.errors import InputError
from verify.facts.base import FactBase
from verify.model import Interval
from verify.plugins import get_plugin_manager

D = dt.date

PEOPLE = """
id,kind,name,aliases,title,title_aliases,from,to,located_in,sources
mike-pompeo,person,Mike Pompeo,Pompeo;Michael Pompeo,Secretary of State,\
secrétaire d'État;chef de la diplomatie,2018-04-26,2021-01-20,,politico
mike-pompeo,,,,CIA Director,directeur de la CIA,2017-01-23,2018-04-26,,
donald-trump,person,Donald Trump,Trump,,,,,,
florida,place,Florida,Floride,,,,,,
mar-a-lago,place,Mar-a-Lago,,,,,,florida,
"""
EVENTS = """
id,kind,name,aliases,date,date_from,date_to,place,host,attendees,attendees_complete,\
informed_before,informed_after,informed_never,informed_complete,counts,sources
mal-meeting,meeting,Mar-a-Lago meeting,réunion de Mar-a-Lago,2019-12-29,,,mar-a-lago,donald-trump,\
donald-trump;mike-pompeo,true,,,,,,politico

strike,strike,the strike,frappe,,2020-01-02,2020-01-03,Baghdad airport,,,,\
mike-pompeo,donald-trump,,false,killed=10;wounded=6,
"""
SOURCES = """
id,title,url,publisher,date
politico,How Trump decided,https://example.org/a,Politico,2020-01-04
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load(*paths: Path) -> FactBase:
    return load_factbase(list(paths), get_plugin_manager())


def error(*paths: Path) -> str:
    with pytest.raises(InputError) as info:
        load(*paths)
    return str(info.value)


@pytest.fixture
def sheets(tmp_path: Path) -> list[Path]:
    return [write(tmp_path, "people.csv", PEOPLE), write(tmp_path, "events.csv", EVENTS),
            write(tmp_path, "sources.csv", SOURCES)]


def test_entities_span_one_row_per_role(sheets: list[Path]) -> None:
    fb = load(*sheets)
    pompeo = fb.entities["mike-pompeo"]
    assert pompeo.name == "Mike Pompeo"
    assert pompeo.aliases == ("Pompeo", "Michael Pompeo")
    assert [(r.title, r.aliases, r.start, r.end) for r in pompeo.roles] == [
        ("Secretary of State", ("secrétaire d'État", "chef de la diplomatie"), D(2018, 4, 26), D(2021, 1, 20)),
        ("CIA Director", ("directeur de la CIA",), D(2017, 1, 23), D(2018, 4, 26)),
    ]
    assert pompeo.sources == ("politico",)
    assert pompeo.origin == f"{sheets[0]}:2"
    assert fb.entities["mar-a-lago"].located_in == "florida"
    assert fb.entities["donald-trump"].roles == ()


def test_events_sheet(sheets: list[Path]) -> None:
    fb = load(*sheets)
    meeting, strike = fb.events["mal-meeting"], fb.events["strike"]
    assert meeting.date == Interval(D(2019, 12, 29), D(2019, 12, 29))
    assert meeting.attendees == ("donald-trump", "mike-pompeo")
    assert meeting.attendees_complete is True
    assert meeting.host == "donald-trump" and meeting.place == "mar-a-lago"
    assert meeting.aliases == ("réunion de Mar-a-Lago",)
    assert strike.date == Interval(D(2020, 1, 2), D(2020, 1, 3))
    assert strike.place == "Baghdad airport"  # a plain place name, not an entity id
    assert strike.counts == {"killed": 10, "wounded": 6}
    assert strike.informed is not None
    assert strike.informed.timing_of("mike-pompeo") == "before"
    assert strike.informed.timing_of("donald-trump") == "after"
    assert strike.informed.complete is False
    assert strike.origin == f"{sheets[1]}:4"  # the blank line is skipped, the line count is not


def test_sources_sheet(sheets: list[Path]) -> None:
    src = load(*sheets).sources["politico"]
    assert (src.title, src.publisher, src.date) == ("How Trump decided", "Politico", D(2020, 1, 4))


def test_columns_in_any_order_and_subset(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "name,id,kind\nJane Roe,jane-roe,person\n")
    assert load(path).entities["jane-roe"].name == "Jane Roe"


def test_quoted_cells_with_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", 'id,kind,name,aliases\nacme,organization,"Acme, Inc.","Acme; ACME Corp"\n')
    assert load(path).entities["acme"].aliases == ("Acme", "ACME Corp")


def test_csv_with_yaml_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path, "people.csv", PEOPLE.replace(",politico\n", ",\n"))
    write(tmp_path, "more.yaml", "events:\n  - {id: e, kind: meeting, attendees: [mike-pompeo]}\n")
    assert load(tmp_path).events["e"].attendees == ("mike-pompeo",)


def test_empty_file_is_empty_facts(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.csv", "")
    assert load(path).entities == {}


# -- errors: file, the row's line, and the cell's column --------------------------------------


def test_unknown_column_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name,alias\nx,person,X,\n")
    assert error(path) == f"{path}:1:14: unknown column 'alias' in a sheet of entities (did you mean 'aliases'?)"


def test_missing_required_column(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,name\nx,X\n")
    assert error(path) == f"{path}:1:1: a sheet of entities needs the column(s) kind"


def test_mixed_sheet_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name,title,attendees\n")
    assert "mixes entity columns ('title') and event columns ('attendees')" in error(path)


def test_semicolon_separated_file_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id;kind;name\nx;person;X\n")
    assert error(path) == f"{path}:1:1: expected comma-separated columns (the header has no comma)"


def test_schema_error_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name\na,person,A\nb,persn,B\n")
    assert error(path) == f"{path}:3:3: entities[1].kind: 'persn' is not one of person, organization, place, group"


def test_missing_name_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name\na,person,A\nb,person,\n")
    assert error(path) == f"{path}:3:1: entities[1]: missing required key 'name'"


def test_impossible_role_date(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", 'id,kind,name,title,from\na,person,"A, the first",Mayor,2020-02-30\n')
    assert error(path).startswith(f"{path}:2:31: entities[0].roles[0].from: impossible date '2020-02-30'")


def test_conflicting_rows_of_one_entity(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name,title\na,person,A,Mayor\na,person,B,Senator\n")
    assert error(path) == f"{path}:3:10: name: 'B' differs from 'A' given for 'a' on line 2"


def test_role_dates_without_title(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name,title,from\na,person,A,,2020-01-01\n")
    assert error(path) == f"{path}:2:13: from: given without a title on this row"


def test_dangling_attendee_names_the_row(tmp_path: Path) -> None:
    people = write(tmp_path, "people.csv", "id,kind,name\na,person,A\n")
    events = write(tmp_path, "events.csv", "id,kind,attendees\ne,meeting,a;ghost\n")
    assert error(people, events) == f"{events}:2:11: events[0].attendees[1]: unknown entity 'ghost'"


def test_duplicate_event_names_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,date\ne,meeting,2020-01-01\ne,meeting,2020-01-02\n")
    assert error(path) == f"{path}:3:1: duplicate id 'e': {path}:2 and {path}:3"


def test_bad_boolean(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,attendees_complete\ne,meeting,maybe\n")
    assert error(path) == f"{path}:2:11: attendees_complete: expected true or false, got 'maybe'"


def test_bad_counts(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,counts\ne,strike,killed 10\n")
    assert error(path) == f"{path}:2:10: counts: 'killed 10' is not name=number (e.g. killed=10;wounded=6)"
    path = write(tmp_path, "events.csv", "id,kind,counts\ne,strike,killed=ten\n")
    assert error(path) == f"{path}:2:10: counts: 'ten' is not a number (in 'killed=ten')"


def test_negative_count_fails_the_schema(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,counts\ne,strike,killed=-1\n")
    assert error(path).startswith(f"{path}:2:10: events[0].counts.killed: -1 is negative")


def test_date_and_date_from_together(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,date,date_from,date_to\ne,x,2020-01-01,2020-01-01,2020-01-02\n")
    assert error(path) == f"{path}:2:5: date: give either date or date_from/date_to, not both"


def test_half_open_span(tmp_path: Path) -> None:
    path = write(tmp_path, "events.csv", "id,kind,date_from,date_to\ne,x,2020-01-01,\n")
    assert error(path) == f"{path}:2:5: events[0].date: missing required key 'to'"


def test_too_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "id,kind,name\na,person,A,extra\n")
    assert error(path) == f"{path}:2:12: 4 cells but the header names 3 columns"


def test_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text('id,kind,name\na,person,"A\n', encoding="utf-8")
    assert error(path).startswith(f"{path}:")


def test_cell_positions_with_quotes() -> None:
    assert csv_facts._cell_positions('a,"b,""c""",d', 7) == [(7, 1), (7, 3), (7, 13)]
    assert csv_facts._cell_positions('a,"x\ny",z', 2) == [(2, 1), (2, 3), (3, 4)]
    assert csv_facts._cell_positions("a,", 1) == [(1, 1), (1, 3)]


def test_loader_answers_only_for_csv(tmp_path: Path) -> None:
    assert csv_facts.verify_load_facts(path=tmp_path / "facts.json") is None
    assert csv_facts.FORMATS == ["csv"]
