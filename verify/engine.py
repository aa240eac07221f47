"""The engine: rules, facts and checkers built once, documents checked many times.

``Engine`` is the Python API the CLI is a thin shell over; batch users build
one and call ``check_text``/``check_document`` per document.
"""

from __future__ import annotations

import datetime as dt
import traceback
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import pluggy

from verify import documents, segment
from verify.checking import CheckContext
from verify.errors import InputError
from verify.extract import run_rules
from verify.facts.base import FactBase
from verify.facts.loader import build_factbase, fact_files
from verify.facts.sections import fact_sections
from verify.language import detect_language
from verify.limits import TimeLimitExceeded, time_limit
from verify.model import VERDICTS, Claim, Document, DocumentReport, Report, Result
from verify.plugins import PluginWarning, collect, failed_plugins, get_plugin_manager
from verify.resolve import Resolver
from verify.rules.model import RulePack
from verify.rules.slots import load_rules_for

CLAIM_TIMEOUT = 5.0  # seconds a checker may spend on one claim


class Engine:
    def __init__(self, rules: RulePack, facts: FactBase, pm: pluggy.PluginManager | None = None,
                 claim_timeout: float = CLAIM_TIMEOUT) -> None:
        self.pm = pm or get_plugin_manager()
        self.claim_timeout = claim_timeout
        self.rules = rules
        self.facts = facts
        self.checkers = checkers_of(self.pm)
        self.extractors = collect(self.pm, "verify_extractors")

    @classmethod
    def from_paths(cls, facts: Sequence[Path] = (), rules: Sequence[Path] | None = None,
                   pm: pluggy.PluginManager | None = None) -> Engine:
        pm = pm or get_plugin_manager()
        pack = load_rules_for(pm, list(rules or ()), known_checkers=checkers_of(pm).keys())
        return cls(pack, load_factbase(facts, pm), pm)

    def check_document(self, doc: Document) -> DocumentReport:
        claims = run_rules(doc, self.rules.rules, self.rules.lexicon.hedges)
        for ex in self.extractors:
            claims.extend(self._extract(ex, doc))
        resolver = Resolver(self.facts, doc, self.rules.lexicon)
        ctx = CheckContext(self.facts, doc, resolver, self.rules.lexicon)
        checked = (self._check(claim, ctx) for claim in sorted(claims, key=lambda c: (c.start, c.end, c.rule)))
        return DocumentReport(doc, tuple(r for r in checked if r is not None))

    def check_text(self, text: str, *, date: dt.date | None = None, lang: str | None = None,
                   path: str = "<text>") -> DocumentReport:
        language = lang if lang in ("fr", "en") else detect_language(text)
        doc = Document(path, text, language, date or dt.date.today(), segment.split_sentences(text))
        return self.check_document(doc)

    def check_paths(self, paths: Sequence[Path], *, date: dt.date | None = None, lang: str | None = None
                    ) -> Report:
        docs = [documents.read_document(p, lang=lang, date=date) for p in documents.iter_document_paths(paths)]
        return Report(tuple(self.check_document(d) for d in docs))

    def _extract(self, extractor: object, doc: Document) -> list[Claim]:
        """Claims from a plugin extractor; a failing one is reported and skipped."""
        name = getattr(extractor, "id", type(extractor).__name__)
        try:
            with time_limit(self.claim_timeout * 10):
                found = list(extractor.extract(doc))  # type: ignore[attr-defined]
        except Exception as exc:
            warnings.warn(f"extractor {name!r} failed on {doc.path}: {type(exc).__name__}: {exc}",
                          PluginWarning, stacklevel=2)
            return []
        return [c for c in found if isinstance(c, Claim)]

    def _check(self, claim: Claim, ctx: CheckContext) -> Result | None:
        checker = self.checkers.get(claim.checker)
        if checker is None:
            return Result(claim, "unverifiable", f"no checker named {claim.checker!r}",
                          error=f"unknown checker {claim.checker!r}")
        try:
            with time_limit(self.claim_timeout):
                res = checker.check(claim, ctx)
        except TimeLimitExceeded as exc:
            return Result(claim, "unverifiable", f"checker {claim.checker!r} timed out",
                          error=f"checker {claim.checker!r} {exc} on this claim")
        except Exception as exc:  # a failing plugin is contained to its claim
            tb = traceback.extract_tb(exc.__traceback__)
            where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
            return Result(claim, "unverifiable", f"checker {claim.checker!r} failed",
                          error=f"checker {claim.checker!r} raised {type(exc).__name__}: {exc}{where}")
        if res is None:  # the checker judged the candidate not to be a claim at all
            return None
        if not isinstance(res, Result) or res.verdict not in VERDICTS:
            return Result(claim, "unverifiable", f"checker {claim.checker!r} returned no valid result",
                          error=f"checker {claim.checker!r} returned {type(res).__name__}")
        return res


def checkers_of(pm: pluggy.PluginManager) -> dict[str, object]:
    out: dict[str, object] = {}
    for c in collect(pm, "verify_checkers"):
        if c.id in out:
            raise InputError(f"two plugins provide a checker named {c.id!r}")
        out[c.id] = c
    return out


def load_factbase(paths: Iterable[Path], pm: pluggy.PluginManager) -> FactBase:
    files = fact_files(list(paths)) if paths else []
    raw = []
    for f in files:
        data = _load_one(pm, f)
        if data is None:
            raise InputError(f"no fact loader reads {f.suffix or 'this'} files", str(f))
        raw.append((str(f), data))
    return build_factbase(raw, sections=fact_sections(pm))


def _load_one(pm: pluggy.PluginManager, path: Path) -> object:
    """Ask each fact loader in turn (firstresult), containing a loader that crashes."""
    for impl in reversed(pm.hook.verify_load_facts.get_hookimpls()):
        try:
            data = impl.function(path=path)
        except InputError:
            raise
        except Exception as exc:
            failed_plugins(pm).append(impl.plugin_name)
            warnings.warn(f"fact loader {impl.plugin_name!r} failed on {path}: {type(exc).__name__}: {exc}",
                          PluginWarning, stacklevel=2)
            continue
        if data is not None:
            return data
    return None


def check(paths: Sequence[str | Path], *, facts: Sequence[str | Path] = (), rules: Sequence[str | Path] = (),
          date: dt.date | None = None, lang: str | None = None) -> Report:
    """Check documents against facts with the built-in (or given) rules; the one-call API."""
    engine = Engine.from_paths([Path(f) for f in facts], [Path(r) for r in rules] or None)
    return engine.check_paths([Path(p) for p in paths], date=date, lang=lang)
