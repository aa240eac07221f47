"""The pattern prefilter: what an expression requires, and that it never rules out a real match."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.prefilter import Prefilter, TriggerSet, requirement
from verify.rules.macros import DATE_CHAR


def _strings(pattern: str) -> list[set[str]]:
    return sorted((set(clause) for clause in requirement(pattern)), key=sorted)


# -- what an expression requires -------------------------------------------------------------


def test_a_literal_phrase_is_required_whole() -> None:
    assert _strings("a rencontré") == [{"a rencontré"}]


def test_alternatives_with_few_spellings_combine_with_their_neighbours() -> None:
    assert _strings("(?:met|talked) with") == [{"met with", "talked with"}]
    assert _strings("entourée?s? de") == [{"entouré de", "entourée de", "entourés de", "entourées de"}]


def test_every_part_of_a_sequence_is_required() -> None:
    # a class between two words splits them: both are required, each on its own
    assert _strings(r"(?:has|have) met\s+\w+ at (?:the|a) meeting") == [
        {" at a meeting", " at the meeting"}, {"has met", "have met"}]


def test_letters_are_lower_cased_in_and_out_of_case_sensitive_parts() -> None:
    assert _strings("(?-i:Le) Maire") == [{"le maire"}]


def test_classes_escapes_and_placeholders_are_any_character() -> None:
    assert _strings(r"[Ll]e \p{Lu}\w+ dit") == [{" dit"}, {"e "}]
    assert _strings(DATE_CHAR + "+ à Paris") == [{" à paris"}]
    assert _strings(r"\ue000+ à Paris") == [{" à paris"}]


def test_lookarounds_anchors_and_boundaries_require_nothing() -> None:
    assert _strings(r"^(?<!pas )\b(?=élu)élu(?! hier)\b$") == [{"élu"}]


def test_optional_parts_and_empty_branches_require_nothing() -> None:
    assert _strings("(?:maire)?") == []
    assert _strings("(?:maire|)") == []
    assert _strings("(?:maire)*adjoint") == [{"adjoint"}]
    assert _strings("(?:maire){0,2} adjoint") == [{" adjoint"}]


def test_an_alternation_of_sequences_requires_one_thing_of_each_branch() -> None:
    (clause,) = _strings(r"(?:was \w+ informed|learned \w+ from)")
    assert clause in ({" informed", " from"}, {"was ", "learned "})


def test_repeats_named_groups_atomic_groups_and_possessives_are_read() -> None:
    assert _strings(r"(?P<who>\w+) (?>met) with(?#comment)") == [{" met with"}]
    assert _strings("met?+ with") == [{"me with", "met with"}]
    assert _strings("(?:met)++ with") == [{" with"}, {"met"}]
    assert _strings("(?:ab){2,3}c") == [{"ab"}, {"c"}]
    assert _strings(r"a\{b") == [{"a{b"}]


def test_unknown_constructs_give_no_requirement() -> None:
    for pattern in [r"(?x) a rencontré", r"(a)\1 met", r"(?(1)a|b) met", r"(?:met){e<=1} with", "met (with",
                    r"met [with", r"\L<words> met"]:
        assert requirement(pattern) == (), pattern


# -- never rules out a real match -------------------------------------------------------------

_ALPHABET = "abcdeéÉAB ,'"


@st.composite
def _pattern_and_match(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """A random expression and a text it matches, built together."""
    kinds = ["lit", "class", "any", "lookaround", "boundary"] + (["seq", "alt", "opt", "plus", "count", "group"]
                                                                  if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "lit":
        text = draw(st.text(alphabet=_ALPHABET, min_size=1, max_size=4))
        return regex.escape(text), draw(st.sampled_from([text, text.upper(), text.lower()]))
    if kind == "class":
        char = draw(st.sampled_from("abé"))
        return draw(st.sampled_from([f"[{char}x]", r"\w", r"\p{L}", "[^,]"])), char
    if kind == "any":
        return ".", draw(st.sampled_from(_ALPHABET))
    if kind == "lookaround":
        return draw(st.sampled_from([r"(?=[\s\S])", r"(?!zzz)", r"(?<!zzz)"])), ""
    if kind == "boundary":
        return draw(st.sampled_from(["(?:)", "(?i)", "(?#c)"])), ""
    if kind == "seq":
        parts = draw(st.lists(_pattern_and_match(depth + 1), min_size=1, max_size=4))
        return "".join(f"(?:{p})" for p, _ in parts), "".join(t for _, t in parts)
    if kind == "alt":
        branches = draw(st.lists(_pattern_and_match(depth + 1), min_size=1, max_size=3))
        chosen = draw(st.integers(0, len(branches) - 1))
        return "(?:" + "|".join(p for p, _ in branches) + ")", branches[chosen][1]
    inner, text = draw(_pattern_and_match(depth + 1))
    if kind == "opt":
        return f"(?:{inner})?", draw(st.sampled_from([text, ""]))
    if kind == "plus":
        return f"(?:{inner})++", text * draw(st.integers(1, 2))
    if kind == "count":
        return f"(?:{inner}){{1,3}}", text * draw(st.integers(1, 3))
    return f"(?P<g{depth}>{inner})", text


@settings(max_examples=400, deadline=None)
@given(_pattern_and_match(), st.text(alphabet=_ALPHABET, max_size=5), st.text(alphabet=_ALPHABET, max_size=5))
def test_a_text_the_expression_matches_always_passes_the_prefilter(case: tuple[str, str], before: str,
                                                                   after: str) -> None:
    pattern, text = case
    compiled = regex.compile(pattern, regex.IGNORECASE | regex.UNICODE)
    sentence = before + text + after
    if compiled.search(sentence) is None:  # a lookaround may refuse the built text: nothing to check
        return
    prefilter = Prefilter([pattern])
    assert prefilter.may_match(0, prefilter.satisfied(sentence)), (pattern, sentence, requirement(pattern))


def test_the_prefilter_rules_out_what_cannot_match() -> None:
    prefilter = Prefilter(["a rencontré", "met with", r"\w+"])
    satisfied = prefilter.satisfied("Le maire A RENCONTRÉ le préfet.")
    assert [prefilter.may_match(i, satisfied) for i in range(3)] == [True, False, True]


def test_turned_off_every_expression_may_match() -> None:
    prefilter = Prefilter(["a rencontré", "met with"], enabled=False)
    assert prefilter.may_match(0, prefilter.satisfied("")) and prefilter.may_match(1, set())


def test_trigger_words_are_found_at_word_starts_of_the_folded_text() -> None:
    triggers = TriggerSet(["rencontr", "met", "reunion"])
    assert triggers.present(" le maire a rencontre le prefet ") == {"rencontr"}
    assert triggers.present(" il emet un avis ") == set()  # "met" inside a word is no trigger
    assert TriggerSet([]).present(" anything ") == set()


def test_case_folding_matches_what_ignorecase_matches() -> None:
    patterns = ["strasse", "ilk", "tenu"]
    prefilter = Prefilter(patterns)
    for index, text in enumerate(["STRAſSE", "İLK", "TENU"]):
        assert regex.search(patterns[index], text, regex.IGNORECASE | regex.UNICODE), text
        assert prefilter.may_match(index, prefilter.satisfied(text)), text
