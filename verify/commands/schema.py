"""``verify schema rules|facts|report``: print the JSON Schemas ``verify`` ships.

Editors (the YAML language server) and other tools can then check rule and
fact files while they are written, with the very schema the loaders validate
against; ``report`` is the schema of ``verify check --format json`` reports, for
whatever consumes them (a CI step, a dashboard).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import click

SCHEMAS = {"rules": "rules.schema.json", "facts": "facts.schema.json", "report": "report.schema.json"}


def schema_text(name: str) -> str:
    """The shipped schema file ``name`` (rules, facts or report), as text."""
    return resources.files("verify").joinpath("schemas", SCHEMAS[name]).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@click.command("schema")
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def schema(name: str) -> None:
    """Print the JSON Schema of rule files, fact files or JSON reports (save it for your editor)."""
    text = schema_text(name)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


COMMANDS = [schema]
