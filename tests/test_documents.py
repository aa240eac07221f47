"""Reading documents: decoding, front matter, Markdown masking, path expansion."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify import yamlio
from verify.documents import (
    decode_text,
    iter_document_paths,
    mask_markdown,
    parse_front_matter,
    read_document,
)
from verify.errors import InputError
from verify.model import Document

DEV_DOCS = Path("/work/shared/eval/dev/docs")
DEV_FILES = sorted(DEV_DOCS.glob("*.*")) if DEV_DOCS.is_dir() else []
TODAY = dt.date(2024, 5, 1)


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def sentence_at(doc: Document, offset: int):
    found = [s for s in doc.sentences if s.start <= offset < s.end]
    assert len(found) == 1, f"offset {offset} is in {len(found)} sentences"
    return found[0]


def check_one_line_error(exc: InputError, path: Path | str) -> str:
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


# --- plain text -----------------------------------------------------------


def test_txt_document(tmp_path: Path) -> None:
    text = "Titre de l'article\n\nM. Trump a parlé. Le Congrès n'a pas été informé.\n"
    path = write(tmp_path / "a.txt", text)
    doc = read_document(path, today=TODAY)
    assert doc.path == str(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.language == "fr"
    assert doc.date == TODAY
    assert doc.body_start == 0
    assert doc.meta == {}
    assert [s.text for s in doc.sentences] == [
        "Titre de l'article",
        "M. Trump a parlé.",
        "Le Congrès n'a pas été informé.",
    ]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_txt_never_has_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ndate: 2020-01-01\n---\nThe text.")
    doc = read_document(path, today=TODAY)
    assert doc.meta == {}
    assert doc.body_start == 0
    assert doc.date == TODAY


def test_txt_is_not_masked(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "The *budget* was [adopted](x). It passed.")
    doc = read_document(path, today=TODAY)
    assert doc.sentences[0].text == "The *budget* was [adopted](x)."


@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: p.name)
def test_dev_documents(path: Path) -> None:
    doc = read_document(path, today=TODAY)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.language == path.name.split(".")[-2]
    assert len(doc.sentences) >= 5
    for s in doc.sentences:
        assert s.start >= doc.body_start
        assert len(s.text) == s.end - s.start
        if path.suffix == ".txt":
            assert doc.text[s.start : s.end] == s.text


def test_dev_markdown_front_matter() -> None:
    path = DEV_DOCS / "norvalis-recall.en.md"
    if not path.is_file():
        pytest.skip("dev documents not available")
    doc = read_document(path, today=TODAY)
    assert doc.date == dt.date(2024, 10, 9)
    assert doc.language == "en"
    assert doc.text[doc.body_start :].startswith("\n# Norvalis recalls")
    assert doc.sentences[0].text == "Norvalis recalls 48,000 pressure cookers over lid fault"


# --- Markdown -------------------------------------------------------------

MARKDOWN = """---
date: 2020-01-04
lang: fr
title: "Frappe : les coulisses"
facts: ../facts/soleimani.yaml
custom: kept
---

## Entretiens **top** secret

Selon *Politico*, Donald Trump a tenu une réunion avec [Mike Pompeo](https://example.org/pompeo).
<!-- note interne -->
- Le secrétaire d'État était présent.
- Le Congrès n'a pas été prévenu.
"""


def test_markdown_front_matter_and_offsets(tmp_path: Path) -> None:
    path = write(tmp_path / "draft.md", MARKDOWN)
    raw = path.read_text(encoding="utf-8")
    doc = read_document(path, today=TODAY)
    assert doc.text == raw
    assert doc.language == "fr"
    assert doc.date == dt.date(2020, 1, 4)
    assert doc.body_start == raw.index("\n## Entretiens")
    assert doc.meta["title"] == "Frappe : les coulisses"
    assert doc.meta["facts"] == ["../facts/soleimani.yaml"]
    assert doc.meta["custom"] == "kept"
    assert yamlio.position(doc.meta, "facts") == (5, 1)

    # offsets are the raw file's: words found in the raw text sit inside their sentence
    for word in ("secret", "Politico", "Pompeo", "secrétaire", "Congrès"):
        offset = raw.index(word)
        sentence = sentence_at(doc, offset)
        assert sentence.text[offset - sentence.start :].startswith(word)
        assert len(sentence.text) == sentence.end - sentence.start

    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Entretiens   top   secret"
    assert texts[1] == (
        "Selon  Politico , Donald Trump a tenu une réunion avec  Mike Pompeo"
        + " " * len("](https://example.org/pompeo)")
        + "."
    )
    assert "Le secrétaire d'État était présent." in texts
    assert "Le Congrès n'a pas été prévenu." in texts
    assert not any("note interne" in t or "https" in t or "#" in t for t in texts)


def test_markdown_language_argument_wins(tmp_path: Path) -> None:
    path = write(tmp_path / "draft.md", MARKDOWN)
    assert read_document(path, lang="en").language == "en"
    assert read_document(path, lang="auto").language == "fr"
    assert read_document(path, lang=None).language == "fr"


def test_date_precedence(tmp_path: Path) -> None:
    with_date = write(tmp_path / "a.md", "---\ndate: 2020-01-04\n---\nText.")
    without = write(tmp_path / "b.md", "---\ntitle: x\n---\nText.")
    forced = dt.date(2021, 2, 3)
    assert read_document(with_date, date=forced, today=TODAY).date == forced
    assert read_document(with_date, today=TODAY).date == dt.date(2020, 1, 4)
    assert read_document(without, today=TODAY).date == TODAY
    assert read_document(without).date == dt.date.today()


def test_language_detected_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "# Title\n\nThe council was told before the vote, and the mayor was not.")
    doc = read_document(path, lang="auto")
    assert doc.language == "en"
    assert doc.meta == {}


def test_front_matter_lang_auto_detects(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\nlang: auto\n---\nLe conseil a voté le budget de la ville.")
    assert read_document(path).language == "fr"


def test_string_date_in_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ndate: '2020-01-04'\n---\nText.")
    assert read_document(path).date == dt.date(2020, 1, 4)


def test_facts_list(tmp_path: Path) -> None:
    meta, _ = parse_front_matter("---\nfacts:\n  - a.yaml\n  - b/\n---\n", "d.md")
    assert meta["facts"] == ["a.yaml", "b/"]


# --- front matter parsing -------------------------------------------------


def test_no_front_matter() -> None:
    assert parse_front_matter("Just text.\n---\n", "d.md") == ({}, 0)
    assert parse_front_matter("---\ndate: 2020-01-01\nno closing line\n", "d.md") == ({}, 0)
    assert parse_front_matter("", "d.md") == ({}, 0)


def test_front_matter_body_start() -> None:
    text = "---\ntitle: T\n...\nBody"
    meta, body_start = parse_front_matter(text, "d.md")
    assert meta == {"title": "T"}
    assert text[body_start:] == "Body"
    meta, body_start = parse_front_matter("---\n---\nBody", "d.md")
    assert (meta, body_start) == ({}, 8)
    meta, body_start = parse_front_matter("---\ntitle: T\n---", "d.md")
    assert body_start == len("---\ntitle: T\n---")


def test_bad_yaml_names_document_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: ok\ndate: [2020\nlang: fr\n---\nBody.")
    with pytest.raises(InputError) as info:
        read_document(path)
    message = check_one_line_error(info.value, path)
    assert "YAML" in message
    assert info.value.line is not None and info.value.line >= 4  # a line of the document, not of the YAML


def test_duplicate_key_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        parse_front_matter("---\ntitle: a\ntitle: b\n---\n", "d.md")
    assert info.value.path == "d.md"
    assert info.value.line == 3


def test_front_matter_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\n- a\n- b\n---\nBody.")
    with pytest.raises(InputError) as info:
        read_document(path)
    message = check_one_line_error(info.value, path)
    assert "mapping" in message
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("front", "line", "word"),
    [
        ("title: x\ndate: 2020-02-30\n", 3, "date"),  # matches YAML's timestamp form, invalid day
        ("title: x\ndate: 'janvier 2020'\n", 3, "date"),
        ("date: 2020\n", 2, "date"),
        ("lang: de\n", 2, "lang"),
        ("facts: {a: 1}\n", 2, "facts"),
        ("facts: [a.yaml, 3]\n", 2, "facts"),
    ],
)
def test_invalid_front_matter_values(tmp_path: Path, front: str, line: int, word: str) -> None:
    path = write(tmp_path / "a.md", f"---\n{front}---\nBody.")
    with pytest.raises(InputError) as info:
        read_document(path)
    message = check_one_line_error(info.value, path)
    assert word in message or "date" in message
    assert info.value.line == line


# --- decoding -------------------------------------------------------------


def test_crlf_offsets_index_read_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Titre\r\n\r\nLe conseil a vot\xc3\xa9. La suite.\rFin\r\n")
    doc = read_document(path, today=TODAY)
    raw = path.read_text(encoding="utf-8")
    assert doc.text == raw
    assert "\r" not in doc.text
    assert [s.text for s in doc.sentences] == ["Titre", "Le conseil a voté.", "La suite.", "Fin"]
    for s in doc.sentences:
        assert raw[s.start : s.end] == s.text
    assert doc.sentences[2].start == raw.index("La suite")


def test_crlf_markdown_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", b"---\r\ndate: 2020-01-04\r\n---\r\n# Titre\r\n\r\nLe texte.\r\n")
    doc = read_document(path)
    raw = path.read_text(encoding="utf-8")
    assert doc.text == raw
    assert doc.date == dt.date(2020, 1, 4)
    assert raw[doc.body_start :] == "# Titre\n\nLe texte.\n"
    assert [s.text for s in doc.sentences] == ["Titre", "Le texte."]
    assert doc.sentences[1].start == raw.index("Le texte")


def test_bom_is_kept_but_never_starts_a_sentence(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "\ufeffLe conseil a voté. La suite.")
    doc = read_document(path, today=TODAY)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.text[0] == "\ufeff"
    assert doc.sentences[0].start == 1
    assert doc.sentences[0].text == "Le conseil a voté."


def test_bom_before_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "\ufeff---\nlang: en\n---\nText here.")
    doc = read_document(path)
    assert doc.language == "en"
    assert doc.text[doc.body_start :] == "Text here."
    assert doc.sentences[0].text == "Text here."


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "Première ligne\nCafé".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_document(path)
    message = check_one_line_error(info.value, path)
    assert "not UTF-8 text (byte 5)" in message  # the "è" of "Première"
    assert (info.value.line, info.value.column) == (1, 6)


def test_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "binary file" in check_one_line_error(info.value, path)


def test_utf16_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", "Texte".encode("utf-16"))
    with pytest.raises(InputError, match="binary file"):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "no such file" in check_one_line_error(info.value, path)


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_document(tmp_path)
    assert "directory" in check_one_line_error(info.value, tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "Text.")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            read_document(path)
        assert "permission" in check_one_line_error(info.value, path)
    finally:
        path.chmod(0o644)


def test_permission_error_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "Text.")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert check_one_line_error(info.value, path).endswith("cannot read file: permission denied")


def test_bad_lang_argument(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    with pytest.raises(InputError, match="unknown language"):
        read_document(path, lang="de")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", " ", ".", "\r", "\n", "\r\n", "\ufeff", "€", "😀"])).map("".join))
def test_decoding_matches_read_text(text: str) -> None:
    data = text.encode("utf-8")
    expected = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()  # what read_text does
    assert decode_text(data, "x.txt") == expected


# --- masking --------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "masked"),
    [
        ("## Heading", "   Heading"),
        ("# Title ##", "  Title   "),
        ("**bold** and _it_", "  bold   and  it "),
        ("use `code` here", "use  code  here"),
        ("> quoted text", "  quoted text"),
        ("- item\n* star\n+ plus\n12. twelve", "  item\n  star\n  plus\n    twelve"),
        ("see [the report](https://x.org/a_b) now", "see  the report" + " " * 20 + " now"),
        ("an ![image](pic.png) here", "an " + " " * 17 + " here"),
        ("a <!-- hidden\nnote --> b", "a " + " " * 11 + "\n" + " " * 8 + " b"),
        ("snake_case and 2 * 3", "snake_case and 2 * 3"),
        ("text\n---\nmore", "text\n   \nmore"),
        ("```python\ncode\n```", "         \ncode\n   "),
        ("#hashtag is text", "#hashtag is text"),
        ("[sic] stays", "[sic] stays"),
        ("- [x] done", "      done"),
        ("Le 3 <b>mars</b>", "Le 3    mars    "),
    ],
)
def test_mask_markdown(markdown: str, masked: str) -> None:
    assert mask_markdown(markdown) == masked


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab #*_`>-+1.[]()!<>\n\r:/ \t~=", "<!--", "-->"])).map("".join))
def test_mask_keeps_length_and_line_breaks(text: str) -> None:
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    for original, new in zip(text, masked, strict=True):
        assert new == original or new == " "
        if original in "\n\r":
            assert new == original


# --- path expansion -------------------------------------------------------


def test_iter_document_paths(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    for name in ("z.txt", "a/y.md", "b/x.markdown", "b/deep/w.TXT", "b/notes.yaml", ".hidden/h.txt", "c.md"):
        write(root / name, "Text.")
    other = write(tmp_path / "README.rst", "Explicit files are taken whatever their extension.")
    found = iter_document_paths([root, other])
    assert found == [
        root / "a" / "y.md",
        root / "b" / "deep" / "w.TXT",
        root / "b" / "x.markdown",
        root / "c.md",
        root / "z.txt",
        other,
    ]


def test_iter_document_paths_dedupes(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.txt", "Text.")
    assert iter_document_paths([doc, tmp_path, doc]) == [doc]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_iter_document_paths_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "a.txt", "Text.")
    try:
        (tmp_path / "d" / "loop").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    found = iter_document_paths([tmp_path])
    assert found == [tmp_path / "d" / "a.txt"]


def test_iter_document_paths_missing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    with pytest.raises(InputError) as info:
        iter_document_paths([missing])
    assert str(info.value) == f"{missing}: no such file or directory"
