"""Whether a matched claim is asserted at all.

Rules match the grammar of a claim; this module removes matches the writer
does not assert: questions ("Les pompiers ont-ils été prévenus ?"),
hypotheticals ("Si le maire avait été informé..."), reported denials ("X
dément avoir été informé"), hopes and plans ("hopes to reopen in April",
"will meet again in June"). The cue words are the rule pack's ``hedges``
lexicon, looked for in the claim's own clause; relative clauses (", which
would handle ...,") are left out of the search because they describe a
noun, not the claim.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from verify.model import Claim
from verify.names import tokens

# A relative clause (", which would handle ...,") describes a noun, not the claim; the resolver also
# ignores the dates inside one.
DESCRIBING_CLAUSE = regex.compile(r",\s*(?:qui|which|who|whose|dont|où|where|lequel|laquelle)\b[^,]*(?:,|$)",
                                  regex.I)
_CLAUSE_BREAK = regex.compile(r"[,;:—–(]")


def is_asserted(claim: Claim, hedges: frozenset[str]) -> bool:
    sentence = claim.sentence
    if sentence.text.rstrip(" \t\"'»”)").endswith("?"):
        return False
    if not hedges:
        return True
    start = claim.start - sentence.start
    end = claim.end - sentence.start
    before = sentence.text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_start = breaks[-1].end() if breaks else 0
    window = DESCRIBING_CLAUSE.sub(" ", sentence.text[clause_start:end])
    keys = [t.key for t in tokens(window)]
    words, phrases = _split(hedges)
    if not words.isdisjoint(keys):
        return False
    joined = f" {' '.join(keys)} "
    return not any(f" {h} " in joined for h in phrases)


@lru_cache(maxsize=8)
def _split(hedges: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """One-word hedges (a set test per claim) apart from phrases (a substring test each)."""
    return frozenset(h for h in hedges if " " not in h), tuple(sorted(h for h in hedges if " " in h))
