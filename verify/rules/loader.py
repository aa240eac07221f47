"""Load rule files (YAML), check them, and compile their patterns once per run.

A rule error is an ``InputError`` naming the file and line, like a compiler
error: the rule author must be able to jump straight to it. Every key the
loader reads is type-checked where it is read (a value of the wrong type is
an error at its own line, never a ``TypeError`` deep in the build); should a
shape still slip through, the file is validated against the shipped rule
schema to name the offending value, so a bad rule file never shows a traceback.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import regex

from verify import yamlio
from verify.errors import InputError
from verify.facts.validate import describe_value, schema_error
from verify.names import fold
from verify.rules.macros import BUILTIN_MACROS, SLOT_TYPES
from verify.rules.model import Example, Lexicon, Pattern, Rule, RulePack

RULE_KEYS = {
    "id", "description", "checker", "languages", "patterns", "attrs", "severity", "tags",
    "triggers", "priority", "message", "examples",
}
FILE_KEYS = {"rules", "macros", "event_kinds", "measures", "title_words", "place_words", "hedges", "version"}
SEVERITIES = ("error", "warning", "info")
MAX_PATTERN_CHARS = 100_000  # a pattern after macro expansion; the built-in pack's longest is about 3,400
_PLACEHOLDER = regex.compile(r"(?<!\\[pPN])\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z_]+))?\}")
LIST_TYPES = ("entities", "persons", "person")
_ID = regex.compile(r"^[a-z0-9][a-z0-9-]*$")


def rule_files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise InputError("no such file or directory", str(p))
    return out


def load_rules(paths: Sequence[Path], known_checkers: Iterable[str] | None = None) -> RulePack:
    """Load and compile every rule file under ``paths`` into one pack."""
    files = rule_files(paths)
    docs = [(str(f), yamlio.load(f)) for f in files]
    return build_pack(docs, known_checkers)


def build_pack(docs: Sequence[tuple[str, Any]], known_checkers: Iterable[str] | None = None) -> RulePack:
    """Check and compile parsed rule files (``(path, data)`` pairs) into one pack; errors are ``InputError``s."""
    current: list[tuple[str, Any]] = []  # the file being read, to blame if a wrong shape slipped through
    try:
        return _build_pack(docs, known_checkers, current)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        path, data = current[-1] if current else ("<rules>", None)
        raise _explain(path, data, exc) from None


def _explain(path: str, data: Any, exc: Exception) -> InputError:
    """The schema's account of a file the hand-written checks let through, else the bare failure."""
    found = schema_error(rules_validator(), data, path) if data is not None else None
    return found or InputError(f"invalid rule file ({type(exc).__name__}: {exc})", path)


@lru_cache(maxsize=1)
def rules_validator() -> jsonschema.Draft202012Validator:
    text = resources.files("verify").joinpath("schemas/rules.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _build_pack(docs: Sequence[tuple[str, Any]], known_checkers: Iterable[str] | None,
                current: list[tuple[str, Any]]) -> RulePack:
    macros: dict[str, str] = dict(BUILTIN_MACROS)
    kinds: dict[str, list[str]] = {}
    measures: dict[str, list[str]] = {}
    title_words: set[str] = set()
    place_words: set[str] = set()
    hedges: set[str] = set()
    for path, data in docs:
        current.append((path, data))
        if data is None:
            continue
        if not isinstance(data, Mapping):
            raise InputError("a rule file must be a mapping with a 'rules' list", path, 1, 1)
        _check_keys(data, FILE_KEYS, path, "rule file")
        for key in ("macros", "event_kinds", "measures"):
            _expect(data, key, _is_mapping, "a mapping", path)
        for name, body in (data.get("macros") or {}).items():
            if not isinstance(body, str) or not regex.fullmatch(r"[A-Z][A-Z0-9_]*", str(name)):
                line, col = yamlio.position(data["macros"], name)
                raise InputError(f"macro {name!r}: names are UPPER_CASE and bodies are strings", path, line, col)
            macros[name] = body
        for kind, words in (data.get("event_kinds") or {}).items():
            kinds.setdefault(str(kind), []).extend(_word_list(words, path, data["event_kinds"], kind))
        for word, syns in (data.get("measures") or {}).items():
            measures.setdefault(fold(str(word)), []).extend(
                fold(s) for s in _word_list(syns, path, data["measures"], word)
            )
        for key, bag in (("title_words", title_words), ("place_words", place_words), ("hedges", hedges)):
            if data.get(key) is not None:
                bag.update(fold(w) for w in _word_list(data[key], path, data, key))
    checkers = set(known_checkers) if known_checkers is not None else None
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path, data in docs:
        current.append((path, data))
        if not data:
            continue
        items = data.get("rules") or []
        if not isinstance(items, list):
            line, col = yamlio.position(data, "rules")
            raise InputError("'rules' must be a list", path, line, col)
        for i, raw in enumerate(items):
            rule = _build_rule(raw, path, items, i, macros, checkers)
            if rule.id in seen:
                raise InputError(f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id]})",
                                 path, *yamlio.position(items, i))
            seen[rule.id] = rule.origin
            rules.append(rule)
    lexicon = Lexicon(
        event_kinds={k: tuple(fold(w) for w in v) for k, v in kinds.items()},
        measures={k: tuple(v) for k, v in measures.items()},
        title_words=frozenset(title_words),
        place_words=frozenset(place_words),
        hedges=frozenset(hedges),
    )
    return RulePack(tuple(rules), lexicon)


def _word_list(words: Any, path: str, container: Any, key: Any) -> list[str]:
    if isinstance(words, Mapping):  # per-language lists: {fr: [...], en: [...]}
        flat: list[str] = []
        for v in words.values():
            flat.extend(_word_list(v, path, words, None))
        return flat
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        line, col = yamlio.position(container, key)
        raise InputError(f"{key}: expected a list of words", path, line, col)
    return list(words)


def _check_keys(data: Mapping[str, Any], allowed: set[str], path: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            line, col = yamlio.position(data, key)
            raise InputError(f"unknown {what} key {key!r}{extra}", path, line, col)


def _build_rule(
    raw: Any, path: str, items: list[Any], index: int, macros: Mapping[str, str], checkers: set[str] | None
) -> Rule:
    line, col = yamlio.position(items, index)
    if not isinstance(raw, Mapping):
        raise InputError("a rule must be a mapping", path, line, col)
    _check_keys(raw, RULE_KEYS, path, "rule")

    def need(key: str, kind: type | tuple[type, ...]) -> Any:
        if key not in raw:
            raise InputError(f"rule is missing {key!r}", path, line, col)
        value = raw[key]
        if not isinstance(value, kind):
            raise InputError(f"{key!r} has the wrong type", path, *yamlio.position(raw, key))
        return value

    rule_id = str(need("id", str))
    if not _ID.match(rule_id):
        raise InputError(f"rule id {rule_id!r} must match [a-z0-9][a-z0-9-]*", path, *yamlio.position(raw, "id"))
    checker = str(need("checker", str))
    if checkers is not None and checker not in checkers:
        hint = difflib.get_close_matches(checker, sorted(checkers), n=1)
        extra = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise InputError(f"rule {rule_id}: unknown checker {checker!r}{extra}", path,
                         *yamlio.position(raw, "checker"))
    severity = str(raw.get("severity", "error"))
    if severity not in SEVERITIES:
        raise InputError(f"rule {rule_id}: severity must be one of {', '.join(SEVERITIES)}", path,
                         *yamlio.position(raw, "severity"))
    _expect(raw, "languages", lambda v: isinstance(v, str) or _is_words(v), "a language or a list of them",
            path, rule_id)
    _expect(raw, "tags", _is_words, "a list of texts", path, rule_id)
    _expect(raw, "triggers", _is_words, "a list of words", path, rule_id)
    _expect(raw, "priority", _is_int, "a whole number", path, rule_id)
    _expect(raw, "message", lambda v: isinstance(v, str), "a text", path, rule_id)
    _expect(raw, "description", _is_scalar, "a text", path, rule_id)
    _check_examples(raw, path, rule_id)
    languages = raw.get("languages", [])
    if isinstance(languages, str):
        languages = [languages]
    attrs = raw.get("attrs") or {}
    if not isinstance(attrs, Mapping):
        raise InputError(f"rule {rule_id}: 'attrs' must be a mapping", path, *yamlio.position(raw, "attrs"))
    raw_patterns = need("patterns", list)
    if not raw_patterns:
        raise InputError(f"rule {rule_id}: 'patterns' is empty", path, *yamlio.position(raw, "patterns"))
    patterns = []
    for j, p in enumerate(raw_patterns):
        pline, pcol = yamlio.position(raw_patterns, j)
        if isinstance(p, str):
            source, pattrs = p, {}
        elif isinstance(p, Mapping) and isinstance(p.get("pattern"), str):
            _expect(p, "attrs", _is_mapping, "a mapping", path, rule_id)
            _expect(p, "priority", _is_int, "a whole number", path, rule_id)
            source, pattrs = p["pattern"], dict(p.get("attrs") or {})
        else:
            raise InputError(f"rule {rule_id}: a pattern is a string or {{pattern: ..., attrs: ...}}",
                             path, pline, pcol)
        patterns.append(compile_pattern(source, macros, {**attrs, **pattrs}, path, pline, pcol, rule_id))
    examples = raw.get("examples") or {}
    return Rule(
        id=rule_id,
        checker=checker,
        description=str(raw.get("description", "")).strip(),
        languages=tuple(str(x) for x in languages),
        patterns=tuple(patterns),
        attrs=dict(attrs),
        severity=severity,
        tags=tuple(str(t) for t in raw.get("tags", []) or []),
        triggers=tuple(fold(str(t)) for t in raw.get("triggers", []) or []),
        priority=int(raw.get("priority", 0)),
        message=raw.get("message"),
        examples_match=tuple(_example(e) for e in examples.get("match", []) or []),
        examples_no_match=tuple(_example(e) for e in examples.get("no_match", []) or []),
        origin=f"{path}:{line}",
    )


def _is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)


# The checks accept what the loader always read (``tags: [2024]`` is the tag "2024", ``priority: "2"`` is 2):
# they exist to turn what used to crash into an error at its line, not to narrow the format.

def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float))


def _is_words(value: Any) -> bool:
    return isinstance(value, list) and all(_is_scalar(v) for v in value)


def _is_int(value: Any) -> bool:
    if not _is_scalar(value):
        return False
    try:
        int(value)
    except (ValueError, OverflowError):
        return False
    return True


def _expect(container: Mapping[str, Any], key: str, ok: Callable[[Any], bool], expected: str, path: str,
            rule_id: str | None = None) -> None:
    """Raise at ``container[key]``'s position when it is there, not null, and not what ``ok`` accepts."""
    value = container.get(key)
    if value is None or ok(value):
        return
    prefix = f"rule {rule_id}: " if rule_id else ""
    raise InputError(f"{prefix}{key!r} must be {expected}, not {describe_value(value)}", path,
                     *yamlio.position(container, key))


def _check_examples(raw: Mapping[str, Any], path: str, rule_id: str) -> None:
    """``examples: {match: [...], no_match: [...]}``, each a sentence or ``{text: ..., slots: ..., lang: ...}``."""
    _expect(raw, "examples", _is_mapping, "a mapping with 'match' and 'no_match' lists", path, rule_id)
    examples = raw.get("examples") or {}
    for key in ("match", "no_match"):
        _expect(examples, key, lambda v: isinstance(v, list), "a list of example sentences", path, rule_id)
        items = examples.get(key) or []
        for i, item in enumerate(items):
            good = isinstance(item, str) or (
                isinstance(item, Mapping) and isinstance(item.get("text"), str)
                and isinstance(item.get("slots") or {}, Mapping))
            if not good:
                raise InputError(f"rule {rule_id}: an example is a sentence or {{text: ..., slots: {{...}}}}, not "
                                 f"{describe_value(item)}", path, *yamlio.position(items, i))


def _example(raw: Any) -> Example:
    if isinstance(raw, str):
        return Example(raw)
    return Example(str(raw.get("text", "")), dict(raw.get("slots") or {}), raw.get("lang"))


def translate(source: str, macros: Mapping[str, str], path: str = "", line: int | None = None,
              col: int | None = None, rule_id: str = "", expanding: tuple[str, ...] = ()) -> tuple[str, dict[str, str]]:
    """Turn a rule pattern into a regular expression; returns it and its slot types.

    ``expanding``: the macros being expanded around this text, so a macro that uses itself, directly
    or through others, is an error instead of endless recursion.
    """
    slots: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(source):
        out.append(_literal(source[pos : m.start()]))
        name, typ = m.group(1), m.group(2)
        if typ is not None:
            if typ not in SLOT_TYPES or typ == "LIST_END":
                hint = difflib.get_close_matches(typ, sorted(SLOT_TYPES), n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise InputError(f"rule {rule_id}: unknown slot type {typ!r}{extra}", path, line, col)
            slots[name] = typ
            body = SLOT_TYPES[typ]
            if typ in LIST_TYPES and not source[m.end() :].strip():
                body += SLOT_TYPES["LIST_END"]
            out.append(f"(?P<{name}>{body})")
        elif name in macros:
            if name in expanding:
                cycle = " -> ".join((*expanding[expanding.index(name):], name))
                raise InputError(f"rule {rule_id}: macro {{{name}}} uses itself ({cycle})", path, line, col)
            body, _ = translate(macros[name], macros, path, line, col, rule_id, (*expanding, name)) if (
                "{" in macros[name]) else (macros[name], {})
            out.append(f"(?:{body})")
            size = sum(map(len, out))
            if size > MAX_PATTERN_CHARS:  # macros using macros twice, level after level, grow exponentially
                raise InputError(f"rule {rule_id}: pattern expands to more than {MAX_PATTERN_CHARS:,} characters "
                                 f"(through macro {{{name}}})", path, line, col)
        else:
            raise InputError(f"rule {rule_id}: unknown macro {{{name}}}", path, line, col)
        pos = m.end()
    out.append(_literal(source[pos:]))
    return "".join(out), slots


def _literal(text: str) -> str:
    """Make hand-written pattern text forgiving: any spacing, either apostrophe."""
    out: list[str] = []
    in_class = False
    escaped = False
    prev_space = False
    for ch in text:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            out.append(ch)
            escaped = True
            prev_space = False
            continue
        if in_class:
            out.append("'’" if ch == "'" else ch)
            if ch == "]":
                in_class = False
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
        elif ch == " ":
            if not prev_space:
                out.append(r"\s+")
            prev_space = True
            continue
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(ch)
        prev_space = False
    return "".join(out)


def compile_pattern(source: str, macros: Mapping[str, str], attrs: Mapping[str, Any], path: str,
                    line: int | None, col: int | None, rule_id: str) -> Pattern:
    expr, slots = translate(source, macros, path, line, col, rule_id)
    try:
        compiled = regex.compile(expr, regex.IGNORECASE | regex.UNICODE)
    except regex.error as exc:
        raise InputError(f"rule {rule_id}: invalid pattern: {exc}", path, line, col) from None
    return Pattern(source, compiled, slots, dict(attrs), line)
