"""``verify schema rules|facts``: print the JSON Schemas the loaders validate against.

Editors (the YAML language server) and other tools can then check rule and
fact files while they are written, with the very schema ``verify`` ships.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import click

SCHEMAS = {"rules": "rules.schema.json", "facts": "facts.schema.json"}


def schema_text(name: str) -> str:
    """The shipped schema file ``name`` (rules or facts), as text."""
    return resources.files("verify").joinpath("schemas", SCHEMAS[name]).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@click.command("schema")
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def schema(name: str) -> None:
    """Print the JSON Schema of rule files or fact files (save it for your editor)."""
    text = schema_text(name)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


COMMANDS = [schema]
