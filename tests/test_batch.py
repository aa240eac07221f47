"""Batch use at scale: shared extraction work, one engine for many texts, parallel runs, the fact-base cache."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from pathlib import Path

import pytest

from tests.conftest import DEV, SEEDS, needs_dev_set
from verify import documents
from verify.batch import RunConfig, Runner, load_pack, run
from verify.engine import Engine, checkers_of, load_factbase
from verify.extract import naive_sentence_claims, sentence_claims
from verify.facts import cache
from verify.model import Document, Report
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import load_rules

DEV_DOCS = DEV / "docs"
DEV_FACTS = DEV / "facts"
_RULE_ID = re.compile(r"^(\s*-\s+id:\s*)([a-z0-9][a-z0-9-]*)\s*$", re.MULTILINE)


def _texts() -> list[Document]:
    """The dev set, the seed and the project's own evaluation sets: about forty real articles."""
    paths = sorted(DEV_DOCS.iterdir()) if DEV_DOCS.is_dir() else []
    paths += sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    paths += sorted(Path(__file__).parent.glob("*/docs/*.txt"))
    return [documents.read_document(p, date=dt.date(2024, 3, 20)) for p in paths]


def _copied_pack(tmp_path: Path, copies: int) -> list:
    """The built-in pack with every rule file copied ``copies`` times under new ids (word lists once)."""
    pm = get_plugin_manager()
    source = Path(collect(pm, "verify_rule_paths")[0])
    for f in sorted(source.glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        if not _RULE_ID.search(text):
            (tmp_path / f.name).write_text(text, encoding="utf-8")
            continue
        for k in range(copies):
            if k:  # shared word lists repeat in the copies: harmless, they are sets in effect
                text = _RULE_ID.sub(lambda m, k=k: f"{m.group(1)}{m.group(2)}-copy{k}", f.read_text(encoding="utf-8"))
            (tmp_path / f"{f.stem}-{k}.yaml").write_text(text, encoding="utf-8")
    return list(load_rules([tmp_path], known_checkers=checkers_of(pm).keys()).rules)


# -- extraction: shared work gives the claims of running every rule in turn ------------------


def test_plan_gives_the_claims_of_every_rule_in_turn() -> None:
    """Triggers, the prefilter and shared runs skip only work that finds nothing."""
    rules = load_pack(get_plugin_manager(), []).rules
    for doc in _texts():
        for s in doc.sentences:
            assert sentence_claims(s, doc, rules) == naive_sentence_claims(s, doc, rules), s.text


def test_copied_rules_cost_one_run_and_give_the_same_claims(tmp_path: Path) -> None:
    """Three copies of every rule: the smallest rule id wins each claim, exactly as in the plain way."""
    rules = _copied_pack(tmp_path, 3)
    assert len({r.id for r in rules}) == len(rules)
    for doc in _texts():
        for s in doc.sentences:
            plan, naive = sentence_claims(s, doc, rules), naive_sentence_claims(s, doc, rules)
            assert plan == naive, s.text
            assert not any(c.rule.endswith(("-copy1", "-copy2")) for c in plan)


# -- the Python API: one engine, many texts ------------------------------------------------


@needs_dev_set()
def test_one_engine_checks_many_texts_as_fresh_engines_do() -> None:
    """Nothing a document leaves behind in a reused engine changes the next document's report."""
    pm = get_plugin_manager()
    pack = load_pack(pm, [])
    facts = [DEV_FACTS]
    texts = [(d.text, d.language, d.date) for d in _texts()]
    engine = Engine(pack, load_factbase(facts, pm), pm)
    reused = [engine.check_text(t, lang=lang, date=date) for t, lang, date in texts]
    again = [engine.check_text(t, lang=lang, date=date) for t, lang, date in reversed(texts)][::-1]
    fresh = [Engine(pack, load_factbase(facts, pm), pm).check_text(t, lang=lang, date=date)
             for t, lang, date in texts]
    assert [r.results for r in reused] == [r.results for r in fresh] == [r.results for r in again]
    assert sum(len(r.results) for r in reused) > 50


# -- processes -------------------------------------------------------------------------------


@needs_dev_set()
def test_jobs_give_the_same_reports_in_the_same_order() -> None:
    paths = documents.iter_document_paths([DEV_DOCS])
    config = RunConfig(facts=(str(DEV_FACTS),), date=dt.date(2024, 3, 20))
    one = list(run(paths, config, jobs=1))
    two = list(run(paths, config, jobs=2))
    assert [d.document.path for d in two] == [str(p) for p in paths]
    assert Report(tuple(one)) == Report(tuple(two))


@needs_dev_set()
def test_forked_workers_inherit_the_runner_already_built() -> None:
    config = RunConfig(facts=(str(DEV_FACTS),), date=dt.date(2024, 3, 20))
    runner = Runner(config)
    paths = documents.iter_document_paths([DEV_DOCS])[:3]
    assert list(run(paths, config, jobs=2, runner=runner)) == list(run(paths, config, jobs=1))
    assert list(run([], config, jobs=2)) == []


# -- the fact-base cache ----------------------------------------------------------------------


def _facts(tmp_path: Path, name: str = "Jane Roe") -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(f"entities:\n  - {{id: jane, kind: person, name: {name}, aliases: [Roe]}}\n", encoding="utf-8")
    return path


def test_cache_serves_the_same_fact_base(tmp_path: Path) -> None:
    pm = get_plugin_manager()
    folder = tmp_path / "cache"
    facts = _facts(tmp_path)
    first = cache.load_factbase_cached([facts], pm, cache_dir=folder)
    entries = list(folder.glob("*.pickle"))
    assert len(entries) == 1
    assert not folder.stat().st_mode & 0o077
    second = cache.load_factbase_cached([facts], pm, cache_dir=folder)
    assert second is not first
    assert second.entities == first.entities == load_factbase([facts], pm).entities
    assert second.find_mentions("Selon Jane Roe,") == first.find_mentions("Selon Jane Roe,")


def test_cache_key_follows_the_content(tmp_path: Path) -> None:
    pm = get_plugin_manager()
    folder = tmp_path / "cache"
    facts = _facts(tmp_path)
    cache.load_factbase_cached([facts], pm, cache_dir=folder)
    _facts(tmp_path, "Jane Doe")
    changed = cache.load_factbase_cached([facts], pm, cache_dir=folder)
    assert changed.entities["jane"].name == "Jane Doe"
    assert len(list(folder.glob("*.pickle"))) == 2


def test_cache_ignores_what_it_cannot_trust(tmp_path: Path) -> None:
    pm = get_plugin_manager()
    folder = tmp_path / "cache"
    facts = _facts(tmp_path)
    cache.load_factbase_cached([facts], pm, cache_dir=folder)
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(cache.MAGIC + b"\0" * 32 + pickle.dumps("not a fact base"))  # bad digest
    assert cache.load_factbase_cached([facts], pm, cache_dir=folder).entities["jane"].name == "Jane Roe"
    if hasattr(os, "getuid"):
        folder.chmod(0o777)  # anyone may write there: nothing in it is read
        key = cache.cache_key([facts], pm)
        assert cache._read(folder, key) is None
        folder.chmod(0o700)
        assert cache._read(folder, key) is not None


def test_cache_can_be_turned_off_and_errors_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.errors import InputError

    pm = get_plugin_manager()
    monkeypatch.setenv("VERIFY_CACHE_DIR", "off")
    assert cache.default_cache_dir() is None
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "c"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: x, kind: persn, name: X}\n", encoding="utf-8")
    with pytest.raises(InputError):
        cache.load_factbase_cached([bad], pm)
    assert not list((tmp_path / "c").glob("*.pickle")) if (tmp_path / "c").exists() else True
