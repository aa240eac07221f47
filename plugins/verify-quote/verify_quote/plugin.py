"""The plugin module verify loads (entry point ``quote`` in the ``verify`` group).

Three hooks, each a small piece: the checker, the rule pack that finds
attributed speech, and the ``statements`` fact section the checker reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verify.hookspecs import hookimpl

from verify_quote.checker import QuoteChecker

STATEMENT_SCHEMA: dict[str, Any] = {
    "description": "Something a person or organisation said, checked against attributed speech by verify-quote.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "who", "what"],
    "properties": {
        "id": {"description": "Unique id of the statement.", "$ref": "#/$defs/id"},
        "who": {"description": "Id of the entity who said it.", "$ref": "#/$defs/id", "x-ref": "entity"},
        "what": {"description": "What was said, as recorded.", "$ref": "#/$defs/text"},
        "when": {"description": "When it was said (ISO date).", "$ref": "#/$defs/date"},
        "source": {"description": "Id of the source recording it.", "$ref": "#/$defs/id", "x-ref": "source"},
        "sole_speaker": {"description": "true: nobody else said these words; a quote giving them to someone "
                                        "else is contradicted.", "type": "boolean"},
    },
}


@hookimpl
def verify_checkers() -> list[object]:
    return [QuoteChecker()]


@hookimpl
def verify_rule_paths() -> list[Path]:
    return [Path(__file__).parent / "rules"]


@hookimpl
def verify_fact_sections() -> dict[str, dict[str, Any]]:
    return {"statements": STATEMENT_SCHEMA}
