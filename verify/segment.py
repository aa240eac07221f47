"""Split a document into sentences, keeping exact character offsets.

Rules match within a sentence, so a boundary in the wrong place either glues
two claims together or cuts one in half. News text in French and English has a
few traps that a naive "split after a period" gets wrong, and each is handled
here on purpose:

* abbreviations and initials ("M. Trump", "Mr. Smith", "Donald J. Trump",
  "U.S. soil") do not end a sentence, but a dotted acronym that really ends a
  sentence ("... on U.S. soil. The Pentagon ...", "... by the U.S. The ...")
  still does when a capitalized determiner or pronoun follows it;
* closing quotes and brackets after the punctuation belong to the sentence,
  and a closing quote followed by a comma ("« ... », a promis X") is not an end;
* a line that ends without terminal punctuation (headline, Markdown heading,
  list item) ends a sentence, unless the line is visibly hard-wrapped prose
  (it ends on a comma or a preposition/article/conjunction, or the next line
  carries on with a lower-case word);
* copied web articles glue a sub-headline to the next sentence with no
  punctuation at all ("Entretiens top secret Ses plus proches conseillers...");
  at the start of a line, a capitalized sentence-opening function word after
  a plain lower-case word starts a new sentence ("selon Le Monde" does not).

The scan is a single pass of one compiled regex over candidate boundaries
(terminal punctuation followed by white space, and line breaks), with possessive
quantifiers and look-behinds so no position is ever re-scanned: linear time,
no catastrophic backtracking, fit for documents of tens of megabytes. Every
other check looks at a bounded window around a candidate.
"""

from __future__ import annotations

import itertools
import re

from verify.model import Sentence


def _words(words: str) -> frozenset[str]:
    """A word list written as white-space-separated text (easier to read and extend)."""
    return frozenset(words.split())


# Candidate boundaries. ``term``: a run of terminal punctuation (matched only
# from the start of the run), closing quotes/brackets that belong to the
# sentence (a French » may follow a space), then the white space after it.
# ``nl``: a line break and all white space after it (blank lines included).
_SCAN = re.compile(
    r"(?<![.!?…])(?P<term>[.!?…]++)(?P<close>(?:[»”’\"')\]]|[ \u00a0\u202f]»)*+)(?P<ws>\s++)"
    r"|(?P<nl>\n\s*+)"
)
_LEADING_SPACE = re.compile(r"[\s\ufeff]*+")
_HAS_WORD = re.compile(r"[^\W_]")

# Abbreviations that never end a sentence (compared case-sensitively, without the dot).
ABBREVIATIONS = _words(
    """
    M MM Mme Mmes Mlle Mlles Mgr Mr Mrs Ms Messrs Dr Drs Pr Prof St Ste Sr Jr Gen Lt Col Capt Cpt Sgt
    Gov Sen Rep Rev Hon Adm Cmdr Maj Brig Supt Insp etc vs p pp n° No Nos Nr approx ca cf env
    janv févr avr juil sept déc Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Fig Vol
    Ave av bd boul chap éd
    """
)
# An abbreviation that is also a common sentence end: treated like an acronym.
_SOFT_ABBREVIATIONS = frozenset({"etc"})
# After a dotted acronym or an initial, these words mean a new sentence started.
SENTENCE_OPENERS = _words(
    "The A An Le La Les Un Une Ce Cette Il Elle Ils Elles They He She It In On We I"
)
# "U.S", "a.m", "e.g", "J.R.R", "J.-C" (the final dot is not part of the token).
_ACRONYM = re.compile(r"[^\W\d_]\.(?:-?[^\W\d_]\.)*-?[^\W\d_]")
_TOKEN_LOOKBACK = 40
_OPENING_PUNCT = "«\"“‘'([¿¡—–-"
_TOKEN_STRIP = "«\"“‘'([{*_"
_NEXT_WORD = re.compile(r"[^\W\d_]+")

# Line continuation: a line ending like this is hard-wrapped prose, not a title.
_CONTINUING_CHARS = ",;(«“‘[—–&/"
_CONNECTORS = _words(
    """
    de du des à au aux en dans par pour sur selon avec et ou ni mais que qui dont d l le la les un une
    chez vers contre sous entre après avant depuis pendant sans comme son sa ses leur leurs ce cette ces
    of by in on at to from with and or nor but the a an as for into onto over under about than
    that which who whose whom his her their its this these those
    """
)

# Glued headlines: words that may open a sentence, and the words after which
# they do not (prepositions, articles, conjunctions, verbs of saying...).
GLUE_OPENERS = _words(
    """
    Le La Les L' L’ Un Une Des Ses Son Sa Ce Cette Ces Il Elle Ils Elles Selon
    The A An His Her Their It He She They This These
    """
)
GLUE_BLOCKERS = _words(
    """
    de du des à au aux en dans par pour sur selon avec et ou ni mais que qui comme chez vers contre
    sous entre après avant depuis pendant sans le la les un une l d a dit rapporte rapportent écrit
    écrivent indique affirme explique cite citant lit lisait est sont était été devient
    of by in on at to from with and or nor but the an as for into onto over under about than via per
    like unlike said says told tells reported reports wrote writes read reads quoted quoting cited
    citing is was are were be been became named called
    """
)
# A space run right after a letter (no punctuation between) and a capitalized word.
_GLUE = re.compile(r"(?<=[^\W\d_])[ \t\u00a0]++(?P<word>L['’](?=[^\W\d_])|[A-Z][a-z]*+(?![\w'’-]))")
_GLUE_MAX_WORDS = 12
_GLUE_WINDOW = 200  # characters of a line's first sentence searched for a glued headline


def _is_upper(ch: str) -> bool:
    return ch.isupper() or ch.istitle()


def _token_before(text: str, pos: int, floor: int) -> str:
    """The white-space-delimited token ending at ``pos`` (bounded look-back)."""
    lo = max(floor, pos - _TOKEN_LOOKBACK)
    i = pos
    while i > lo and not text[i - 1].isspace():
        i -= 1
    if i == lo and lo > floor and not text[lo - 1].isspace():
        return "\x00long"  # longer than any abbreviation: an ordinary word
    return text[i:pos].lstrip(_TOKEN_STRIP)


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, min(end, pos + 40))
    return m.group() if m else ""


def _abbreviation_blocks(text: str, dot: int, next_pos: int, floor: int, end: int) -> bool:
    """True when the single period at ``dot`` closes an abbreviation, not a sentence."""
    token = _token_before(text, dot, floor)
    if not token:
        return False
    if token in ABBREVIATIONS and token not in _SOFT_ABBREVIATIONS:
        return True
    if token.isdigit() and len(token) <= 3 and _at_line_start(text, dot - len(token), floor):
        return True  # "1. First point": a numbered list item, not a one-word sentence
    if (
        token in _SOFT_ABBREVIATIONS
        or (len(token) == 1 and _is_upper(token))
        or _ACRONYM.fullmatch(token)
    ):
        return _next_word(text, next_pos, end) not in SENTENCE_OPENERS
    return False


def _word_before(text: str, pos: int, floor: int) -> str:
    """The word (letters, digits, apostrophes, hyphens) ending at ``pos``, bounded look-back."""
    lo = max(floor, pos - _TOKEN_LOOKBACK)
    i = pos
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "'’-"):
        i -= 1
    return text[i:pos]


def _line_continues(text: str, nl: int, next_pos: int, floor: int, indented: bool) -> bool:
    """True when the line break at ``nl`` sits inside hard-wrapped prose."""
    if not indented and next_pos < len(text) and text[next_pos].islower():
        return True
    tail = text[max(floor, nl - _TOKEN_LOOKBACK) : nl].rstrip()
    if not tail:
        return False
    if tail[-1] in _CONTINUING_CHARS:
        return True
    return _word_before(tail, len(tail), 0).lower() in _CONNECTORS


def _at_line_start(text: str, pos: int, floor: int) -> bool:
    i = pos
    while i > floor and text[i - 1] in " \t\ufeff":
        i -= 1
    return i == floor or text[i - 1] == "\n"


def _glued_split(text: str, start: int, end: int) -> int | None:
    """Where a headline glued to the sentence after it ends, if it does."""
    window_end = min(end, start + _GLUE_WINDOW)
    if not _is_upper(text[start]) and not text[start].isdigit():
        return None
    for m in _GLUE.finditer(text, start, window_end):
        word = m.group("word")
        if text.count(" ", start, m.start("word")) >= _GLUE_MAX_WORDS:
            return None
        if word not in GLUE_OPENERS:
            continue
        prev = _word_before(text, m.start(), start)
        if not prev or not prev.islower() or prev.lower() in GLUE_BLOCKERS:
            continue
        after = m.end("word")
        if word[-1] not in "'’" and word != "Selon":
            # "Le Monde", "The Guardian": a title, not a sentence start
            nxt = after + 1 if after < window_end and text[after] in " \u00a0" else None
            if nxt is None or nxt >= end or not text[nxt].islower():
                continue
        return m.start("word")
    return None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences with absolute offsets into ``text``.

    Each sentence is stripped of surrounding white space (and of a byte order
    mark), and ``sentence.text == text[sentence.start:sentence.end]``. Pieces
    without a single letter or digit (rules, stray punctuation) are dropped.
    """
    if end is None or end > len(text):
        end = len(text)
    start = max(0, start)
    cuts: list[int] = [start]
    for m in _SCAN.finditer(text, start, end):
        next_pos = m.end()
        if m.group("nl") is not None:
            ws = m.group("nl")
            if ws.count("\n") >= 2 or next_pos >= end:
                cuts.append(m.start())
                continue
            indented = ws[ws.rfind("\n") + 1 :] != ""
            if not _line_continues(text, m.start(), next_pos, cuts[-1], indented):
                cuts.append(m.start())
            continue
        ws = m.group("ws")
        term = m.group("term")
        if next_pos >= end:
            continue
        if ws.count("\n") >= 2:
            cuts.append(m.start("ws"))
            continue
        nxt = text[next_pos]
        if "\n" not in ws and not (_is_upper(nxt) or nxt.isdigit() or nxt in _OPENING_PUNCT):
            continue
        if term == "." and _abbreviation_blocks(text, m.start("term"), next_pos, cuts[-1], end):
            continue
        cuts.append(m.start("ws"))
    cuts.append(end)

    out: list[Sentence] = []
    for lo, hi in itertools.pairwise(cuts):
        for s, e in _glue_pieces(text, lo, hi, start):
            out.append(Sentence(s, e, text[s:e]))
    return tuple(out)


def _strip(text: str, lo: int, hi: int) -> tuple[int, int]:
    lo = _LEADING_SPACE.match(text, lo, hi).end()  # type: ignore[union-attr]
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == "\ufeff"):
        hi -= 1
    return lo, hi


def _glue_pieces(text: str, lo: int, hi: int, floor: int) -> list[tuple[int, int]]:
    lo, hi = _strip(text, lo, hi)
    if lo >= hi or not _HAS_WORD.search(text, lo, hi):
        return []
    if _at_line_start(text, lo, floor):
        cut = _glued_split(text, lo, hi)
        if cut is not None:
            head = _strip(text, lo, cut)
            tail = _strip(text, cut, hi)
            return [p for p in (head, tail) if p[0] < p[1] and _HAS_WORD.search(text, p[0], p[1])]
    return [(lo, hi)]
