"""A one-pass prefilter over every pattern of a pack: which expressions *may* match a sentence.

Most pattern runs find nothing (nine in ten on the benchmark's articles), and
a run that finds nothing costs about as much as one that does. So each
expression gets a *requirement*: sets of case-folded strings, each of which
any match must hit ("a rencontré" or "met with"; and "au" or "à"). One
Aho-Corasick pass (``pyahocorasick``, a C automaton) over the case-folded
sentence finds every required string present; an expression whose
requirement is not met is not run. This is the "required factors" prefilter of
regex engines and code search tools, done once for the whole pack.

A requirement must never be wrong, or a claim is silently missed, so it is
computed from the expression's syntax tree by rules that only ever widen:

- character classes, class escapes (``\\w``, ``\\p{Lu}``), ``.`` and the date
  and number placeholders match "any one character", so the prefilter reads
  the sentence before dates and numbers are masked (a placeholder stands for
  exactly one original character);
- lookarounds, word boundaries, anchors and inline flags match "nothing";
- letters are case-folded (the sentence is too), so case-sensitive and
  case-insensitive parts both match loosely;
- a sequence requires what its strongest part requires, where runs of parts
  with few possible spellings combine ("a" then "rencontré" gives
  "a rencontré"); an alternation requires what all of its branches require;
  an optional part requires nothing; a sequence keeps its six strongest
  clauses, all of which must hold.

An expression using a construct the parser does not know (verbose mode,
conditionals, recursion, fuzzy matching, back-references) has no requirement
and always runs. ``VERIFY_PREFILTER=0`` turns the prefilter off, which tests
use to check the claims are the same either way.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from verify.rules.macros import DATE_CHAR, NUMBER_CHAR

_CLASS_ESCAPES = set("wWdDsShHvVX")
_ZERO_WIDTH_ESCAPES = set("bBAZzGmM")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "a": "\a", "e": "\x1b"}
_HEX = set("0123456789abcdefABCDEF")
_PLACEHOLDERS = {DATE_CHAR, NUMBER_CHAR}
_SPELLINGS = 64  # the most spellings a part may have and still be combined with its neighbours


class Unsupported(Exception):
    """The expression uses a construct the parser does not widen safely."""


# Syntax tree: ("lit", text) | ("any",) | ("empty",) | ("seq", parts) | ("alt", branches) | ("rep", node, min, one)
Node = tuple


def parse(pattern: str) -> Node:
    """The loose syntax tree of ``pattern`` (``regex`` V0 syntax); raises Unsupported."""
    parser = _Parser(pattern)
    node = parser.alternation()
    if parser.i != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    return node


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self) -> Node:
        parts: list[Node] = []
        p = self.p
        while self.i < len(p) and p[self.i] not in "|)":
            atom = self.atom()
            if atom is None:
                continue
            parts.append(self.quantified(atom))
        return ("seq", parts)

    def quantified(self, atom: Node) -> Node:
        p = self.p
        while self.i < len(p):
            c = p[self.i]
            if c in "*+?":
                self.i += 1
                atom = ("rep", atom, 1 if c == "+" else 0, c == "?")
            elif c == "{" and (bounds := self._bounds()) is not None:
                low, high = bounds
                atom = atom if (low, high) == (1, 1) else ("rep", atom, min(low, 1), high == 1)
            else:
                return atom
            if self.i < len(p) and p[self.i] in "?+":  # lazy or possessive: same texts
                self.i += 1
        return atom

    def _bounds(self) -> tuple[int, int | None] | None:
        p = self.p
        end = p.find("}", self.i)
        if end < 0:
            return None
        body = p[self.i + 1 : end]
        low, comma, high = body.partition(",")
        if not (low.isdigit() or (not low and comma)) or (high and not high.isdigit()):
            if any(ch in body for ch in "<=") or body.strip() in ("e", "s", "i", "d"):
                raise Unsupported("fuzzy constraint")
            return None  # a literal brace
        self.i = end + 1
        lo = int(low) if low else 0
        hi = int(high) if high else (None if comma else lo)
        return lo, hi

    def atom(self) -> Node | None:
        p = self.p
        c = p[self.i]
        if c == "\\":
            return self._escape()
        if c == "[":
            self._skip_class()
            return ("any",)
        if c == "(":
            return self._group()
        self.i += 1
        if c in "^$":
            return ("empty",)
        if c == ".":
            return ("any",)
        if c in "*+?":
            raise Unsupported("quantifier without operand")
        return _lit(c)

    def _escape(self) -> Node:
        p = self.p
        if self.i + 1 >= len(p):
            raise Unsupported("trailing backslash")
        c = p[self.i + 1]
        self.i += 2
        if c in _CLASS_ESCAPES:
            return ("rep", ("any",), 1, False) if c == "X" else ("any",)
        if c in "pP":
            if self.i < len(p) and p[self.i] == "{":
                end = p.find("}", self.i)
                if end < 0:
                    raise Unsupported("unclosed property")
                self.i = end + 1
            else:
                self.i += 1
            return ("any",)
        if c in _ZERO_WIDTH_ESCAPES:
            return ("empty",)
        if c in _CONTROL_ESCAPES:
            return _lit(_CONTROL_ESCAPES[c])
        if c in "uUx":
            return _lit(self._code_point(c))
        if c == "N":
            end = p.find("}", self.i)
            if self.i >= len(p) or p[self.i] != "{" or end < 0:
                raise Unsupported("bad \\N")
            try:
                char = unicodedata.lookup(p[self.i + 1 : end])
            except KeyError as exc:
                raise Unsupported("unknown character name") from exc
            self.i = end + 1
            return _lit(char)
        if c.isalnum() or c == "_":
            raise Unsupported(f"escape \\{c}")  # back-references, \L<list>, \K, octal...
        return _lit(c)

    def _code_point(self, kind: str) -> str:
        p = self.p
        if kind == "x" and self.i < len(p) and p[self.i] == "{":
            end = p.find("}", self.i)
            digits = p[self.i + 1 : end] if end > 0 else ""
            self.i = end + 1 if end > 0 else len(p)
        else:
            width = {"u": 4, "U": 8, "x": 2}[kind]
            digits = p[self.i : self.i + width]
            self.i += width
        if not digits or len(digits) > 8 or not set(digits) <= _HEX:
            raise Unsupported("bad code point")
        return chr(int(digits, 16))

    def _skip_class(self) -> None:
        """Skip a bracket expression: ``[]a]``, ``[^]a]``, ``[[:alpha:]]``, escapes. Nested sets are V1 only."""
        p = self.p
        j = self.i + 1
        if j < len(p) and p[j] == "^":
            j += 1
        if j < len(p) and p[j] == "]":
            j += 1
        while j < len(p) and p[j] != "]":
            if p[j] == "\\":
                j += 2
            elif p.startswith("[:", j) and (end := p.find(":]", j + 2)) > 0:
                j = end + 2
            else:
                j += 1
        if j >= len(p):
            raise Unsupported("unclosed class")
        self.i = j + 1

    def _group(self) -> Node | None:
        p = self.p
        if not p.startswith("(?", self.i):
            self.i += 1
            return self._group_body()
        rest = p[self.i + 2 : self.i + 4]
        if rest.startswith(("=", "!", "<=", "<!")):  # lookaround: matches no text
            self.i += 2 + (2 if rest.startswith("<") else 1)
            self._group_body()
            return ("empty",)
        if rest.startswith(("P<", "<")):  # named group
            end = p.find(">", self.i)
            if end < 0:
                raise Unsupported("bad group name")
            self.i = end + 1
            return self._group_body()
        if rest.startswith((">", "|", ":")):  # atomic, branch reset, plain
            self.i += 3
            return self._group_body()
        if rest.startswith("#"):
            end = p.find(")", self.i)
            if end < 0:
                raise Unsupported("unclosed comment")
            self.i = end + 1
            return None
        j = self.i + 2  # inline flags, scoped "(?i-s:...)" or global "(?i)"
        while j < len(p) and (p[j].isalpha() or p[j] == "-"):
            j += 1
        flags = p[self.i + 2 : j]
        if j >= len(p) or not flags or p[j] not in ":)" or set(flags) - set("imsuaL-"):
            raise Unsupported(f"group (?{flags}")  # verbose mode, versions, conditionals, recursion, (?P=...)
        self.i = j + 1
        return self._group_body() if p[j] == ":" else None

    def _group_body(self) -> Node:
        node = self.alternation()
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise Unsupported("unclosed group")
        self.i += 1
        return node


def _lit(char: str) -> Node:
    return ("any",) if char in _PLACEHOLDERS else ("lit", fold_case(char))


def fold_case(text: str) -> str:
    """Case-folded, with the dotted capital I as a plain "i" (its fold has two characters)."""
    return text.replace("İ", "i").casefold()


Clause = frozenset  # strings of which every match holds at least one
_MAX_CLAUSES = 6  # the strongest clauses kept per node


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # every text the node can match, when few
    need: tuple[Clause, ...]  # clauses every match satisfies, all of them; () when nothing is known


def _needs(info: _Info) -> tuple[Clause, ...]:
    if info.exact is not None:
        return () if "" in info.exact else (info.exact,)
    return info.need


def _strength(clause: Clause) -> tuple[int, int]:
    """Larger is more selective: the shortest string counts most, then fewer strings."""
    return (min(4, min(len(s) for s in clause)), -len(clause))


def _strongest(clauses: list[Clause]) -> tuple[Clause, ...]:
    unique = {c for c in clauses if c and "" not in c}
    return tuple(sorted(unique, key=lambda c: (_strength(c), sorted(c)), reverse=True)[:_MAX_CLAUSES])


def _info(node: Node) -> _Info:
    kind = node[0]
    if kind == "lit":
        return _Info(frozenset([node[1]]), ())
    if kind == "empty":
        return _Info(frozenset([""]), ())
    if kind == "any":
        return _Info(None, ())
    if kind == "alt":
        infos = [_info(b) for b in node[1]]
        exact = None
        if all(i.exact is not None for i in infos):
            union = frozenset().union(*(i.exact for i in infos))
            exact = union if len(union) <= _SPELLINGS else None
        needs = [_needs(i) for i in infos]
        # (A and B) or (C and D) implies (A or C): one clause, from each branch's strongest
        need = (frozenset().union(*(n[0] for n in needs)),) if all(needs) else ()
        return _Info(exact, need)
    if kind == "rep":
        inner = _info(node[1])
        if node[2] == 0:
            exact = inner.exact | {""} if node[3] and inner.exact is not None else None
            return _Info(exact, ())
        return _Info(None, _needs(inner))
    # sequence: every part's clauses hold; runs of parts with few spellings combine ("a" + "rencontré")
    clauses: list[Clause] = []
    run = frozenset([""])
    whole = True  # every part so far has few spellings, all in ``run``
    for part in node[1]:
        info = _info(part)
        if info.exact is not None and len(run) * len(info.exact) <= _SPELLINGS:
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        whole = False
        clauses.append(run)
        if info.exact is not None:
            run = info.exact
        else:
            run = frozenset([""])
            clauses.extend(info.need)
    if whole:
        return _Info(run, ())
    clauses.append(run)
    return _Info(None, _strongest(clauses))


def requirement(pattern: str) -> tuple[Clause, ...]:
    """Clauses every match of ``pattern`` satisfies: each a set of case-folded strings, one of which it holds.

    Empty when nothing is known (the expression must always run).
    """
    try:
        info = _info(parse(pattern))
    except (Unsupported, RecursionError):
        return ()
    return _strongest(list(_needs(info)))


class Prefilter:
    """Which of a list of expressions may match a sentence, from one pass over it."""

    def __init__(self, patterns: Sequence[str], enabled: bool | None = None) -> None:
        self.enabled = (os.environ.get("VERIFY_PREFILTER", "1") != "0") if enabled is None else enabled
        needs = [requirement(p) if self.enabled else () for p in patterns]
        clause_ids: dict[Clause, int] = {}
        self.needs = [frozenset(clause_ids.setdefault(c, len(clause_ids)) for c in need) for need in needs]
        holders: dict[str, set[int]] = {}  # string -> the clauses it satisfies
        for clause, cid in clause_ids.items():
            for s in clause:
                holders.setdefault(s, set()).add(cid)
        self._automaton = None
        if holders:
            automaton = ahocorasick.Automaton()
            for s, cids in holders.items():
                automaton.add_word(s, frozenset(cids))
            automaton.make_automaton()
            self._automaton = automaton

    def satisfied(self, sentence_text: str) -> set[int]:
        """The clauses ``sentence_text`` satisfies, by id: one pass over its case-folded text."""
        found: set[int] = set()
        if self._automaton is not None:
            for _, cids in self._automaton.iter(fold_case(sentence_text)):
                found |= cids
        return found

    def may_match(self, index: int, satisfied: set[int]) -> bool:
        """Whether expression ``index`` may match a sentence satisfying the clauses ``satisfied``."""
        return self.needs[index] <= satisfied


class TriggerSet:
    """Rule trigger words found in one pass: ``t`` is present when `` t`` occurs in the folded sentence."""

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = None
        unique = sorted(set(words))
        if unique:
            automaton = ahocorasick.Automaton()
            for word in unique:
                automaton.add_word(" " + word, word)
            automaton.make_automaton()
            self._automaton = automaton

    def present(self, folded: str) -> set[str]:
        """The trigger words in ``folded`` (a folded sentence with a space before it)."""
        if self._automaton is None:
            return set()
        return {word for _, word in self._automaton.iter(folded)}
