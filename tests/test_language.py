"""Language detection on the dev documents and on short, clear-cut snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.language import SAMPLE_CHARS, detect_language

DEV_DOCS = Path("/work/shared/eval/dev/docs")
DEV_FILES = sorted(DEV_DOCS.glob("*.*")) if DEV_DOCS.is_dir() else []


def _expected(path: Path) -> str:
    return path.name.split(".")[-2]  # name.fr.txt -> fr


def test_all_dev_documents_are_found() -> None:
    if not DEV_FILES:
        pytest.skip("dev documents not available")
    assert len(DEV_FILES) == 8
    assert {_expected(p) for p in DEV_FILES} == {"fr", "en"}


@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: p.name)
def test_dev_documents(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == _expected(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le conseil municipal a adopté le budget dans la soirée.", "fr"),
        ("Les distributeurs n'ont été avertis qu'après le rappel.", "fr"),
        ("Selon Politico, Donald Trump a tenu une réunion avec le secrétaire d'État.", "fr"),
        ("The works council was briefed two days before the announcement.", "en"),
        ("Two patients have died in the outbreak, the trust said.", "en"),
        ("Donald Trump's decision was taken at Mar-a-Lago with Mike Pompeo.", "en"),
    ],
)
def test_sentences(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   \n", "12 345 678", "Donald Trump Mike Pompeo", "!!!"])
def test_no_evidence_defaults_to_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_only_the_opening_is_read() -> None:
    french = "Le maire a présenté le budget de la ville et les élus ont voté. "
    english = "The mayor presented the budget of the city and the council voted. "
    text = french * (SAMPLE_CHARS // len(french) + 1) + english * 10_000
    assert detect_language(text) == "fr"


def test_markdown_markup_does_not_confuse_it() -> None:
    assert detect_language("# Titre\n\n**Le** conseil a *voté* le budget de la commune.") == "fr"
