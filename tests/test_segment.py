"""Sentence splitting: boundaries, abbreviations, glued headlines, offsets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.model import Sentence
from verify.segment import split_sentences

SEED = Path("/work/shared/eval/dev/docs/seed-soleimani.fr.txt")


def texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [s.text for s in split_sentences(text, start, end)]


def check_offsets(text: str, sentences: tuple[Sentence, ...]) -> None:
    previous_end = 0
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end
        assert s.text == s.text.strip()
        previous_end = s.end


# --- terminal punctuation -------------------------------------------------


def test_simple_split_and_offsets() -> None:
    text = "Le conseil a voté. Le budget est adopté! Qui paiera? 12 élus ont voté contre."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Le conseil a voté.",
        "Le budget est adopté!",
        "Qui paiera?",
        "12 élus ont voté contre.",
    ]
    assert (sentences[1].start, sentences[1].end) == (19, 40)
    check_offsets(text, sentences)


def test_lowercase_after_period_does_not_split() -> None:
    assert texts("Il est parti. et puis il est revenu.") == ["Il est parti. et puis il est revenu."]


def test_ellipsis_splits_before_capital() -> None:
    assert texts("Il hésite… Puis il part. Il attend... Rien.") == [
        "Il hésite…",
        "Puis il part.",
        "Il attend...",
        "Rien.",
    ]


def test_closing_quote_belongs_to_sentence() -> None:
    assert texts('He said "We acted." Then he left.') == ['He said "We acted."', "Then he left."]
    assert texts("Il a dit « Non. » Puis il est parti.") == ["Il a dit « Non. »", "Puis il est parti."]
    assert texts("(Voir plus bas.) La suite.") == ["(Voir plus bas.)", "La suite."]


def test_french_quote_followed_by_comma_is_one_sentence() -> None:
    text = "« Nous ne laisserons pas Valmont sans piscine », a promis Claire Vernet. Elle briguera un mandat."
    assert texts(text) == [
        "« Nous ne laisserons pas Valmont sans piscine », a promis Claire Vernet.",
        "Elle briguera un mandat.",
    ]
    assert texts("« Pourquoi ? » demande-t-il. « Non ! », a-t-il dit.") == [
        "« Pourquoi ? » demande-t-il.",
        "« Non ! », a-t-il dit.",
    ]


def test_opening_quote_starts_a_sentence() -> None:
    assert texts('The trust defended it. "We acted within hours," Priya Nair said.') == [
        "The trust defended it.",
        '"We acted within hours," Priya Nair said.',
    ]


# --- abbreviations, initials, acronyms, numbers ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tout au long de la semaine, M. Trump a consulté ses conseillers.",
        "MM. Dupont et Durand sont arrivés.",
        "Mme. Vernet et Mr. Smith ont parlé avec Dr. Jones.",
        "Dr Haddad was at the meeting with Prof. Nair and Gen. Milley.",
        "Donald J. Trump met Michael R. Pompeo at Mar-a-Lago.",
        "Any retaliation on U.S. soil was handled by the U.K. government.",
        "The meeting was at 7.30am on Tuesday, Feb. 4, and lasted 1.5 hours.",
        "Le budget atteint 48,6 millions d'euros, soit 4.5 % de plus.",
        "Tout au long de la semaine, M.Trump a sollicité l'avis d'autres conseillers.",
        "They met at 9 a.m. Tuesday, e.g. before the vote, i.e. early.",
        "See p. 12 and No. 10 Downing Street, approx. 30 people vs. 40.",
        "Le 3 janv. 2020, il est mort.",
    ],
)
def test_no_split_inside(text: str) -> None:
    assert texts(text) == [text]


def test_acronym_at_a_real_sentence_end() -> None:
    text = "The Department of Homeland Security handled any retaliation on U.S. soil. The Pentagon was told."
    assert texts(text) == [
        "The Department of Homeland Security handled any retaliation on U.S. soil.",
        "The Pentagon was told.",
    ]
    assert texts("The decision was made by the U.S. The French were not told.") == [
        "The decision was made by the U.S.",
        "The French were not told.",
    ]
    assert texts("He was killed in a U.S. drone strike. Ten people died.") == [
        "He was killed in a U.S. drone strike.",
        "Ten people died.",
    ]


def test_abbreviation_does_not_split_across_a_line_break() -> None:
    assert texts("He met Mr.\nSmith today.") == ["He met Mr.\nSmith today."]


# --- line breaks ----------------------------------------------------------


def test_headline_line_without_punctuation_ends_a_sentence() -> None:
    text = "Mort de Soleimani : les coulisses d'une décision\nLa décision a été prise. Fin."
    assert texts(text) == [
        "Mort de Soleimani : les coulisses d'une décision",
        "La décision a été prise.",
        "Fin.",
    ]


def test_blank_line_always_ends_a_sentence() -> None:
    assert texts("Il a dit que\n\nle budget est adopté") == ["Il a dit que", "le budget est adopté"]
    assert texts("Premier.\n\n\n   Second.") == ["Premier.", "Second."]


def test_list_items_are_sentences() -> None:
    # masked Markdown bullets leave the items indented
    assert texts("Attendees\n  Anke De Vos\n  Luc Hermans") == ["Attendees", "Anke De Vos", "Luc Hermans"]
    assert texts("1. Premier point\n2. Second point") == ["1. Premier point", "2. Second point"]


def test_hard_wrapped_prose_is_one_sentence() -> None:
    text = "Trump met at his resort with\nMike Pompeo, Mark Milley and\nRobert O'Brien, Politico\nreported."
    assert texts(text) == [text]


def test_crlf_line_breaks() -> None:
    text = "Titre\r\nLe texte. La suite.\r\n\r\nAutre paragraphe"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Titre", "Le texte.", "La suite.", "Autre paragraphe"]
    check_offsets(text, sentences)


# --- glued headlines ------------------------------------------------------


def test_glued_headlines() -> None:
    assert texts("Entretiens top secret Ses plus proches conseillers étaient dispersés.") == [
        "Entretiens top secret",
        "Ses plus proches conseillers étaient dispersés.",
    ]
    assert texts("Soleimani n'était pas spécialement surveillé Un responsable américain a parlé.") == [
        "Soleimani n'était pas spécialement surveillé",
        "Un responsable américain a parlé.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Une ligne rouge a été franchie selon Le Monde et selon Les Echos.",
        "The strike was reported by The Guardian on Friday.",
        "Il lit Le Monde chaque matin.",
        "Marine Le Pen a réagi dans la soirée.",
        "He said The plan was ready.",
        "Le département, dit Le responsable, a été informé.",
    ],
)
def test_no_glued_split(text: str) -> None:
    assert texts(text) == [text]


def test_glued_split_only_at_a_line_start() -> None:
    text = "Il est parti. Tout est calme ici Un autre jour viendra."
    assert texts(text) == ["Il est parti.", "Tout est calme ici Un autre jour viendra."]


# --- the seed article -----------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[str, tuple[Sentence, ...]]:
    if not SEED.is_file():
        pytest.skip("seed article not available")
    text = SEED.read_text(encoding="utf-8")
    return text, split_sentences(text)


def test_seed_offsets(seed: tuple[str, tuple[Sentence, ...]]) -> None:
    text, sentences = seed
    check_offsets(text, sentences)
    assert len(sentences) == 16


def test_seed_glued_headlines(seed: tuple[str, tuple[Sentence, ...]]) -> None:
    _, sentences = seed
    starts = [s.text for s in sentences]
    assert "Entretiens top secret" in starts
    assert "Soleimani n'était pas spécialement surveillé" in starts
    assert any(s.text.startswith("Ses plus proches conseillers étant dispersés") for s in sentences)
    assert any(s.text.startswith("Un responsable américain a déclaré") for s in sentences)


def test_seed_known_sentences(seed: tuple[str, tuple[Sentence, ...]]) -> None:
    _, sentences = seed
    by_start = {s.text[:30]: s.text for s in sentences}
    trump = [s.text for s in sentences if "M.Trump a sollicité" in s.text]
    assert trump == [
        "Tout au long de la semaine, M.Trump a sollicité l'avis d'autres conseillers par téléphone."
    ]
    assert sentences[0].text.startswith("La décision de Donald Trump")
    assert sentences[0].text.endswith("contre une base américaine en Irak.")
    assert sentences[-1].text.endswith("dans la nuit du 2 au 3 janvier.")
    assert any(t.startswith("Selon Politico, en début de semaine") for t in by_start.values())
    # "selon Bloomberg" closes sentences without starting new ones
    assert sum(s.text.endswith("selon Bloomberg.") for s in sentences) == 2


# --- regions, edge cases --------------------------------------------------


def test_region_offsets_are_absolute() -> None:
    text = "---\ndate: 2024-01-01\n---\nPremière phrase. Seconde phrase."
    start = text.index("Première")
    sentences = split_sentences(text, start)
    assert [s.text for s in sentences] == ["Première phrase.", "Seconde phrase."]
    assert sentences[0].start == start
    check_offsets(text, sentences)
    assert texts(text, start, start + 16) == ["Première phrase."]


def test_empty_and_blank() -> None:
    assert split_sentences("") == ()
    assert split_sentences("  \n\n \t ") == ()
    assert split_sentences("--- ... ***") == ()


def test_bom_never_starts_a_sentence() -> None:
    text = "\ufeffBonjour. Au revoir."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Bonjour.", "Au revoir."]
    assert sentences[0].start == 1


def test_linear_on_adversarial_input() -> None:
    cases = [". " * 200_000, "." * 400_000, "U.S. " * 100_000, "a \n" * 200_000, "A. " * 100_000]
    for text in cases:
        started = time.perf_counter()
        check_offsets(text, split_sentences(text))
        assert time.perf_counter() - started < 10


# --- property -------------------------------------------------------------

ALPHABET = st.sampled_from(
    [
        *"aAbBéÉzZ 0123456789",
        *[" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\ufeff", "\u00a0"],
        *".!?…,;:«»\"'’()[]-—*#_",
        *["M.", "U.S.", "Mr. ", "Le ", "Un ", "The ", "selon ", "etc. "],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join), st.integers(0, 10), st.integers(0, 5))
def test_sentences_are_exact_ordered_slices(text: str, start_cut: int, end_cut: int) -> None:
    sentences = split_sentences(text)
    check_offsets(text, sentences)
    assert all(not s.text.startswith("\ufeff") for s in sentences)
    start = min(start_cut, len(text))
    end = max(start, len(text) - end_cut)
    region = split_sentences(text, start, end)
    check_offsets(text, region)
    assert all(start <= s.start and s.end <= end for s in region)
