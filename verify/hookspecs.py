"""Every hook a plugin can implement, in one place (the pytest/pluggy way).

Hooks are called with keyword arguments. A plugin is a module or object with
functions decorated by ``verify.hookimpl`` and named like the specs below;
``get_plugin_manager()`` checks them with ``check_pending()`` so a misspelled
hook fails loudly instead of being ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("verify")
hookimpl = pluggy.HookimplMarker("verify")


@hookspec
def verify_checkers() -> list[Any]:
    """Return checker objects this plugin provides.

    Each checker has ``id: str`` (the name rules use in ``checker:``) and
    ``check(claim, ctx) -> verify.model.Result | None``, where ``ctx`` is a
    ``verify.checking.CheckContext`` (facts, document, resolver, lexicon).
    ``None`` means the candidate the rule found is not a claim of this kind
    at all (rules over-generate; "à la mort d'un Américain" is no place), and
    it is left out of the report.
    A checker must not mutate ``ctx`` or the facts. Not firstresult: the lists
    of all plugins are concatenated; two checkers with one id is an error.
    """


@hookspec(firstresult=True)
def verify_load_facts(path: Path) -> dict[str, Any] | None:
    """Parse one fact file into the fact-file mapping of CONTRACT §1, or None.

    Return ``None`` when the file is not of a format this plugin reads (judge by
    suffix), so the next plugin is asked. Raise ``verify.errors.InputError``
    with file and line for a malformed file (a syntax error). firstresult: the
    first non-None answer wins. The engine validates what comes back against
    the fact schema (with the plugin sections of ``verify_fact_sections``),
    checks references and merges it (``verify.facts.loader.build_factbase``),
    so a loader only parses. Mappings and lists that carry positions
    (``verify.yamlio.LDict``/``LList``) make those errors name the line.
    """


@hookspec
def verify_fact_sections() -> dict[str, dict[str, Any]]:
    """Return extra top-level fact-file sections: ``{section_name: JSON Schema of one item}``.

    A fact file may then hold ``section_name: [item, ...]``; items are validated
    against the schema (which may ``$ref`` the shipped ``#/$defs/id``,
    ``#/$defs/date``, ``#/$defs/text``, ``#/$defs/sourceRefs``), and a property
    marked ``"x-ref": "entity"`` (or ``place``, ``event``, ``source``) must name
    a known record. Checkers read the items as
    ``ctx.facts.extras[section_name]``: a tuple of read-only mappings, dates as
    ISO strings. Not firstresult: all mappings are merged; redefining a
    built-in section (sources, entities, events) or another plugin's is an error.
    """


@hookspec
def verify_reporters() -> list[Any]:
    """Return reporter objects: ``format: str`` and ``render(report, options) -> str``.

    ``report`` is a ``verify.model.Report``; ``options`` a mapping of CLI
    options (e.g. ``color``). Not firstresult: all lists are concatenated.
    """


@hookspec
def verify_rule_paths() -> list[Path]:
    """Return folders or files of rule YAML this plugin ships (a rule pack).

    Used when ``verify check`` gets no ``--rules``: the built-in pack is
    registered this way too. Not firstresult: all paths are loaded, in
    plugin registration order.
    """


@hookspec
def verify_extractors() -> list[Any]:
    """Return claim extractors that are not regex rules.

    Each has ``id: str`` and ``extract(document) -> Iterable[verify.model.Claim]``
    (for example a spaCy-based extractor). Their claims go through the same
    checkers as rule claims. Not firstresult.
    """


@hookspec
def verify_slot_types() -> dict[str, str]:
    """Return extra slot types for rule patterns: ``{type_name: regex}``.

    A rule can then write ``{x:type_name}``. Not firstresult: all mappings are
    merged; redefining a built-in type (or another plugin's) is an error, and
    the regex may hold no named group. Rules are compiled with them by
    ``verify.rules.slots.load_rules_for(pm, paths)``.
    """
