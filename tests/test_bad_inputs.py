"""Bad inputs through the real command line: what the user sees, case by case (docs/errors.md).

Every case runs ``python -m verify.cli check ...`` in a subprocess on files
made in ``tmp_path``, under a memory cap and a time limit, and holds the run to
the contract (CONTRACT §2, docs/ci.md): an input error exits 2 with exactly
one line on standard error naming the file (and line:column where there are
ones), never a traceback; a run that goes on (a rule timing out) exits 0/1
with one warning line naming the rule; and the report file is either complete
(valid JSON of the published schema) or absent, with no temporary file left.

What a subprocess cannot simulate portably (a full disk, an unreadable file
when the tests run as root, Ctrl-C at a chosen point) runs in-process through
click's test runner with one function monkeypatched; a real SIGINT is also
sent to a subprocess checking a big folder.

docs/errors.md lists every case id of this file; ``test_errors_doc_matches``
keeps the two in step. The last part checks that nothing in an input is ever
executed: YAML tags, ``eval``/``exec``, and markup in the HTML report.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from verify import cli, documents, outputs, yamlio
from verify.engine import CLAIM_TIMEOUT
from verify.errors import InputError
from verify.extract import MATCH_TIMEOUT
from verify.rules.loader import MAX_PATTERN_CHARS

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "seeds" / "seed-soleimani.fr.txt"
SEED_FACTS = ROOT / "seeds" / "soleimani.yaml"
REPORT_SCHEMA = ROOT / "verify" / "schemas" / "report.schema.json"
ERRORS_DOC = ROOT / "docs" / "errors.md"
MEMORY_CAP = 1 << 30  # bytes of address space per run: an alias bomb or a 50 MB file must not need more
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- the harness --------------------------------------------------------------------------------


@dataclass
class Expect:
    """What one case must produce; ``args`` follow ``verify check`` (``--no-config`` and a date are added)."""

    args: list[str]
    code: int = 2
    file: Path | None = None  # the file the error line must name
    where: tuple[int, int] | None = None  # its line and column, when the error has them
    message: str = ""  # a piece of the error (or warning) line
    warning: str | None = None  # for runs that go on: a warning line must hold this
    seconds: float = 20.0  # wall-clock bound of the whole run, start-up included
    report: bool = True  # add --format json:REPORT and check it is complete or absent
    then: Callable[[Path, dict[str, Any] | None], None] | None = None  # extra checks: (tmp_path, report)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_verify(args: list[str], cwd: Path, timeout: float = 120) -> Run:
    """``verify`` as a user runs it: a fresh process, real files, no fact-base cache, memory capped."""
    env = {**os.environ, "VERIFY_CACHE_DIR": "off"}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "verify.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, preexec_fn=_cap_memory)
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


CASES: dict[str, Callable[[Path], Expect]] = {}


def case(case_id: str) -> Callable[[Callable[[Path], Expect]], Callable[[Path], Expect]]:
    def register(build: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
        assert case_id not in CASES, case_id
        CASES[case_id] = build
        return build
    return register


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def no_rules(tmp: Path) -> list[str]:
    """An empty rule pack: the built-in one takes two seconds to compile and is beside the point of most cases."""
    return ["--rules", str(write(tmp / "rules-none.yaml", "rules: []\n"))]


def facts_case(tmp: Path, files: dict[str, str], *, blame: str, where: tuple[int, int] | None, message: str,
               seconds: float = 20.0) -> Expect:
    """A fact-file case: the files go in ``tmp/facts/``, the seed article is checked against them."""
    for name, text in files.items():
        write(tmp / "facts" / name, text)
    given = tmp / "facts" if len(files) > 1 else tmp / "facts" / next(iter(files))
    return Expect([str(SEED_TEXT), "--facts", str(given), *no_rules(tmp)], file=tmp / "facts" / blame,
                  where=where, message=message, seconds=seconds)


def rules_case(tmp: Path, files: dict[str, str], *, blame: str, where: tuple[int, int] | None,
               message: str) -> Expect:
    for name, text in files.items():
        write(tmp / "rules" / name, text)
    given = tmp / "rules" if len(files) > 1 else tmp / "rules" / next(iter(files))
    return Expect([str(SEED_TEXT), "--rules", str(given)], file=tmp / "rules" / blame, where=where,
                  message=message)


def _report_schema() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))


def leftovers(folder: Path) -> list[str]:
    """Files in the report folder: none after a failed run (no report, no temporary file)."""
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- fact files ---------------------------------------------------------------------------------

PERSON = "entities:\n  - id: jane-roe\n    kind: person\n    name: Jane Roe\n"


@case("facts-yaml-syntax")
def _(tmp: Path) -> Expect:
    return facts_case(tmp, {"f.yaml": "entities: [\n  {id: x\n"}, blame="f.yaml", where=(3, 1),
                      message="YAML syntax error")


@case("facts-not-utf8")
def _(tmp: Path) -> Expect:
    facts = write(tmp / "facts" / "f.yaml", "entities:\n  - id: x\n    name: Besançon\n".encode("latin-1"))
    return Expect([str(SEED_TEXT), "--facts", str(facts), *no_rules(tmp)], file=facts, where=(3, 16),
                  message="not UTF-8 text (byte 35)")


@case("facts-wrong-type")
def _(tmp: Path) -> Expect:
    text = "entities:\n  - id: x\n    kind: person\n    name: [Jane, Roe]\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(4, 5),
                      message="entities[0].name: expected a text, got a list")


@case("facts-unknown-key")
def _(tmp: Path) -> Expect:
    text = "entities:\n  - id: x\n    kind: person\n    nmae: X\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(4, 5),
                      message="entities[0]: unknown key 'nmae' (did you mean 'name'?)")


@case("facts-unknown-value")
def _(tmp: Path) -> Expect:
    text = "entities:\n  - id: x\n    kind: persn\n    name: X\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(3, 5),
                      message="entities[0].kind: 'persn' is not one of")


@case("facts-duplicate-id")
def _(tmp: Path) -> Expect:
    expect = facts_case(tmp, {"a.yaml": PERSON, "b.yaml": PERSON}, blame="b.yaml", where=(2, 5),
                        message="duplicate id 'jane-roe'")
    expect.message = f"duplicate id 'jane-roe': {tmp / 'facts' / 'a.yaml'}:2 and {tmp / 'facts' / 'b.yaml'}:2"
    return expect


@case("facts-dangling-reference")
def _(tmp: Path) -> Expect:
    text = PERSON + "events:\n  - id: e\n    kind: meeting\n    attendees: [jane-ro]\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(8, 17),
                      message="events[0].attendees[0]: unknown entity 'jane-ro' (did you mean 'jane-roe'?)")


@case("facts-located-in-cycle")
def _(tmp: Path) -> Expect:
    text = ("entities:\n  - {id: p1, kind: place, name: P1, located_in: p2}\n"
            "  - {id: p2, kind: place, name: P2, located_in: p1}\n")
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(2, 37),
                      message="entities[0].located_in: located_in cycle: p1 -> p2 -> p1")


@case("facts-impossible-date")
def _(tmp: Path) -> Expect:
    text = "events:\n  - id: e\n    kind: meeting\n    date: 2024-02-30\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(4, 11), message="impossible date '2024-02-30'")


@case("facts-role-ends-before-start")
def _(tmp: Path) -> Expect:
    text = PERSON + "    roles:\n      - {title: Mayor, from: 2020-07-04, to: 2019-01-01}\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(6, 42),
                      message="entities[0].roles[0].to: role ends (2019-01-01) before it starts (2020-07-04)")


@case("facts-python-tag")
def _(tmp: Path) -> Expect:
    marker = tmp / "executed"
    text = f"entities: !!python/object/apply:os.system ['touch {marker}']\n"
    expect = facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(1, 11),
                        message="unsupported YAML tag '!!python/object/apply:os.system'")
    expect.then = lambda tmp, report: _not_executed(marker)
    return expect


def _not_executed(marker: Path) -> None:
    assert not marker.exists(), "a YAML tag ran code"


@case("facts-alias-bomb")
def _(tmp: Path) -> Expect:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")  # 9^9 = 387 million "lol"s
    return facts_case(tmp, {"f.yaml": "\n".join(lines) + "\n"}, blame="f.yaml", where=(9, 8),
                      message="refusing a possible alias bomb", seconds=10)


@case("facts-recursive-alias")
def _(tmp: Path) -> Expect:
    return facts_case(tmp, {"f.yaml": "entities: &a [*a]\n"}, blame="f.yaml", where=(1, 15),
                      message="recursive YAML alias")


@case("facts-deep-nesting")
def _(tmp: Path) -> Expect:
    text = "entities: " + "[" * 10_000 + "]" * 10_000 + "\n"
    return facts_case(tmp, {"f.yaml": text}, blame="f.yaml", where=(1, 74), message="nesting deeper than 64 levels",
                      seconds=10)


def big_fact_file(path: Path, size: int) -> Path:
    """Realistic fact YAML (people with roles, meetings with attendees) of at least ``size`` bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("entities:\n")
        written, i = 0, 0
        while written < size:
            chunk = (f"  - id: person-{i}\n    kind: person\n    name: Person Number {i}\n"
                     f"    aliases: [P{i}, Personne {i}]\n"
                     f"    roles:\n      - {{title: Clerk {i}, from: 2020-01-01, to: 2021-01-01}}\n")
            fh.write(chunk)
            written += len(chunk)
            i += 1
    return path


@case("facts-too-large")
def _(tmp: Path) -> Expect:
    big = big_fact_file(tmp / "facts" / "f.yaml", 50_000_000)
    size = big.stat().st_size
    return Expect([str(SEED_TEXT), "--facts", str(big), *no_rules(tmp)], file=big, seconds=10,
                  message=f"file too large: {size:,} bytes, more than the {yamlio.MAX_YAML_BYTES:,}")


# -- rule files ---------------------------------------------------------------------------------

RULE = "rules:\n  - id: r\n    checker: date\n    patterns: ['x']\n"


@case("rules-yaml-syntax")
def _(tmp: Path) -> Expect:
    return rules_case(tmp, {"r.yaml": "rules:\n  - id: r\n    patterns: ['x'\n"}, blame="r.yaml", where=(4, 1),
                      message="YAML syntax error")


@case("rules-wrong-type")
def _(tmp: Path) -> Expect:
    return rules_case(tmp, {"r.yaml": RULE + "    priority: high\n"}, blame="r.yaml", where=(5, 5),
                      message="rule r: 'priority' must be a whole number, not the text 'high'")


@case("rules-unknown-key")
def _(tmp: Path) -> Expect:
    text = "rules:\n  - id: r\n    checker: date\n    pattern: ['x']\n"
    return rules_case(tmp, {"r.yaml": text}, blame="r.yaml", where=(4, 5),
                      message="unknown rule key 'pattern' (did you mean 'patterns'?)")


@case("rules-unknown-checker")
def _(tmp: Path) -> Expect:
    return rules_case(tmp, {"r.yaml": RULE.replace("checker: date", "checker: dates")}, blame="r.yaml",
                      where=(3, 5), message="rule r: unknown checker 'dates' (did you mean 'date'?)")


@case("rules-duplicate-id")
def _(tmp: Path) -> Expect:
    expect = rules_case(tmp, {"a.yaml": RULE, "b.yaml": RULE}, blame="b.yaml", where=(2, 5), message="")
    expect.message = f"duplicate rule id 'r' (first defined at {tmp / 'rules' / 'a.yaml'}:2)"
    return expect


@case("rules-invalid-pattern")
def _(tmp: Path) -> Expect:
    text = "rules:\n  - id: r\n    checker: date\n    patterns:\n      - '(unclosed'\n"
    return rules_case(tmp, {"r.yaml": text}, blame="r.yaml", where=(5, 9),
                      message="rule r: invalid pattern: missing )")


@case("rules-recursive-macro")
def _(tmp: Path) -> Expect:
    text = "macros:\n  AA: 'a{BB}'\n  BB: 'b{AA}'\n" + RULE.replace("['x']", "['{AA}']")
    return rules_case(tmp, {"r.yaml": text}, blame="r.yaml", where=(7, 16),
                      message="rule r: macro {AA} uses itself (AA -> BB -> AA)")


def slow_pattern_case(tmp: Path, pattern: str, warns: bool) -> Expect:
    """A pattern run on one 5,000-letter sentence ending in 'b': bounded by the per-match timeout."""
    rules = write(tmp / "rules" / "r.yaml",
                  f"rules:\n  - id: slow-rule\n    checker: date\n    patterns: ['{pattern}']\n")
    doc = write(tmp / "aaa.txt", "a" * 5000 + "b\n")
    warning = f"rule slow-rule ({rules}:2): pattern timed out on {doc} at offset 0; skipped" if warns else None
    return Expect([str(doc), "--rules", str(rules)], code=0, warning=warning, seconds=15)


@case("rules-catastrophic-backtracking")
def _(tmp: Path) -> Expect:
    return slow_pattern_case(tmp, "(a|aa)+$", warns=True)  # about 1.6^5000 paths: only the timeout ends it


@case("rules-nested-quantifier")
def _(tmp: Path) -> Expect:
    return slow_pattern_case(tmp, "(a+)+$", warns=True)  # the textbook case, case-insensitive as rules are


# -- documents ----------------------------------------------------------------------------------


def _no_claims(tmp: Path, report: dict[str, Any] | None) -> None:
    assert report is not None and report["summary"] == {"supported": 0, "contradicted": 0, "unverifiable": 0}


@case("doc-empty")
def _(tmp: Path) -> Expect:
    doc = write(tmp / "empty.txt", "")
    return Expect([str(doc), *no_rules(tmp)], code=0, then=_no_claims)


@case("doc-missing")
def _(tmp: Path) -> Expect:
    return Expect([str(tmp / "nowhere.txt"), *no_rules(tmp)], file=tmp / "nowhere.txt",
                  message="no such file or directory")


@case("doc-binary")
def _(tmp: Path) -> Expect:
    doc = write(tmp / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return Expect([str(doc), *no_rules(tmp)], file=doc, message="binary file, not text (NUL byte at byte 8)")


@case("doc-not-utf8")
def _(tmp: Path) -> Expect:
    doc = write(tmp / "latin1.txt", "Première ligne.\nLe président est à Besançon.\n".encode("latin-1"))
    return Expect([str(doc), *no_rules(tmp)], file=doc, where=(1, 6), message="not UTF-8 text (byte 5)")


@case("doc-bad-front-matter")
def _(tmp: Path) -> Expect:
    doc = write(tmp / "draft.md", "---\ntitle: x\ndate: 4 janvier\n---\nTexte.\n")
    return Expect([str(doc), *no_rules(tmp)], file=doc, where=(3, 1),
                  message="front matter 'date' is not an ISO date (YYYY-MM-DD): '4 janvier'")


BOM_CRLF_TEXT = (
    "Le 3 janvier 2020, le secrétaire d'État Mike Pompeo a appelé le président.\r\n"
    "Donald Trump a tenu une réunion à Mar-a-Lago le 29 décembre avec Mike Pompeo et Mark Milley.\r\n\r\n"
    "Le Congrès n'a pas été prévenu avant la frappe.\r\n"
)


@case("doc-bom-crlf")
def _(tmp: Path) -> Expect:
    doc = write(tmp / "windows.txt", ("\ufeff" + BOM_CRLF_TEXT).encode("utf-8"))
    for name in ("mac.txt", "mixed.md"):
        newline = "\r" if name == "mac.txt" else "\n"
        write(tmp / "docs" / name, ("\ufeff" + BOM_CRLF_TEXT.replace("\r\n", newline)).encode("utf-8"))
    return Expect([str(doc), str(tmp / "docs"), "--facts", str(SEED_FACTS)], code=0, seconds=30,
                  then=_spans_index_read_text)


def _spans_index_read_text(tmp: Path, report: dict[str, Any] | None) -> None:
    """CONTRACT §3: offsets index ``Path.read_text(encoding="utf-8")``; line and column agree with them."""
    assert report is not None
    assert len(report["documents"]) == 3
    assert sum(len(d["claims"]) for d in report["documents"]) >= 6, "the sample must give claims to check"
    for d in report["documents"]:
        text = Path(d["path"]).read_text(encoding="utf-8")
        assert text.startswith("\ufeff") and "\r" not in text
        for c in d["claims"]:
            span = c["span"]
            assert text[span["start"]:span["end"]] == c["text"]
            before = text[: span["start"]]
            assert span["line"] == before.count("\n") + 1
            assert span["column"] == span["start"] - (before.rfind("\n") + 1) + 1


@case("doc-too-large")
def _(tmp: Path) -> Expect:
    doc = tmp / "book.txt"
    sentence = SEED_TEXT.read_text(encoding="utf-8") + "\n\n"
    with doc.open("w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(sentence.encode("utf-8")) + 1):
            fh.write(sentence)
    size = doc.stat().st_size
    return Expect([str(doc), *no_rules(tmp)], file=doc, seconds=10,
                  message=f"document too large: {size:,} bytes, more than the {documents.MAX_DOCUMENT_BYTES:,}")


@case("doc-symlink-loop")
def _(tmp: Path) -> Expect:
    folder = tmp / "drafts"
    write(folder / "a.txt", "Le secrétaire d'État Mike Pompeo.\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # drafts/sub/up -> drafts
    (folder / "self").symlink_to(folder / "self")  # a link to itself: not even a folder
    return Expect([str(folder), *no_rules(tmp)], code=0, seconds=15, then=_one_document)


def _one_document(tmp: Path, report: dict[str, Any] | None) -> None:
    assert report is not None and [d["path"] for d in report["documents"]] == [str(tmp / "drafts" / "a.txt")]


@case("doc-unreadable")
def _(tmp: Path) -> Expect:
    if IS_ROOT:
        pytest.skip("root reads a chmod 000 file anyway; test_doc_unreadable_in_process simulates it")
    doc = write(tmp / "secret.txt", "Texte.\n")
    doc.chmod(0)
    return Expect([str(doc), *no_rules(tmp)], file=doc, message="cannot read file: permission denied")


# -- outputs ------------------------------------------------------------------------------------


@case("output-missing-folder")
def _(tmp: Path) -> Expect:
    target = tmp / "missing" / "report.json"
    expect = Expect([str(SEED_TEXT), *no_rules(tmp), "--format", f"json:{target}"], file=target,
                    message="cannot write the report: no such folder", report=False)
    expect.then = lambda tmp, report: _absent(target)
    return expect


def _absent(target: Path) -> None:
    assert not target.exists() and not target.parent.exists()


@case("option-bad-value")
def _(tmp: Path) -> Expect:
    """A usage error: click's exit 2, said in one line like any input error (no file to name)."""
    return Expect([str(SEED_TEXT), *no_rules(tmp), "--date", "04/01/2020"], file=None,
                  message="verify: error: Invalid value for '--date': '04/01/2020' is not an ISO date (YYYY-MM-DD) "
                          "(see '")  # then the program's name as run: 'verify check --help' from the shell


# -- running the matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_bad_input(case_id: str, tmp_path: Path) -> None:
    expect = CASES[case_id](tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    report_path = out / "report.json"
    args = ["check", *expect.args, "--no-config"]
    if "--date" not in args:
        args += ["--date", "2020-01-04"]
    if expect.report:
        args += ["--format", f"json:{report_path}"]
    run = run_verify(args, cwd=tmp_path, timeout=max(60.0, expect.seconds * 3))

    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == expect.code, (run.code, run.stderr[-2000:])
    assert run.seconds < expect.seconds, f"took {run.seconds:.1f} s"
    report: dict[str, Any] | None = None
    if expect.code == 2:
        assert len(run.lines) == 1, run.stderr
        line = run.lines[0]
        assert line.startswith("verify: error: "), line
        if expect.file is not None:
            where = f"{expect.file}:{expect.where[0]}:{expect.where[1]}: " if expect.where else f"{expect.file}: "
            assert line.startswith(f"verify: error: {where}"), (where, line)
        assert expect.message in line, line
        assert leftovers(out) == [], "a failed run left a report or a temporary file"
    else:
        assert all(line.startswith("verify: warning: ") for line in run.lines), run.stderr
        if expect.warning is not None:
            assert any(expect.warning in line for line in run.lines), run.stderr
        else:
            assert run.lines == [], run.stderr
        if expect.report:
            assert leftovers(out) == ["report.json"]
            report = json.loads(report_path.read_text(encoding="utf-8"))
            errors = sorted(_report_schema().iter_errors(report), key=str)
            assert not errors, errors[0].message
    if expect.then is not None:
        expect.then(tmp_path, report)


# -- in-process cases: a full disk, an unreadable file as root, Ctrl-C ----------------------------

IN_PROCESS = ("output-disk-full", "output-disk-full-streaming", "doc-unreadable-in-process",
              "facts-unreadable-in-process", "interrupt-in-reporter", "interrupt-while-writing",
              "interrupt-sigint")


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``verify check ARGS`` in this process (click's runner); the CLI's warning hook is undone afterwards."""
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli.main, ["check", *args, "--no-config", "--date", "2020-01-04"])
    return run


def one_error_line(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


class _FailingFile:
    """A text file whose writes fail with ``exc`` (a full disk, a Ctrl-C in the middle of the write)."""

    def __init__(self, fh: Any, exc: BaseException) -> None:
        self._fh, self._exc = fh, exc

    def write(self, text: str) -> int:
        raise self._exc

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()

    @property
    def closed(self) -> bool:
        return bool(self._fh.closed)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._fh.close()


def fail_report_writes(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    """Make every file ``verify.outputs`` opens fail on write (only there: ``os`` is swapped in that module)."""
    real_fdopen = os.fdopen

    class _Os:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        @staticmethod
        def fdopen(fd: int, *args: Any, **kwargs: Any) -> _FailingFile:
            return _FailingFile(real_fdopen(fd, *args, **kwargs), exc)

    monkeypatch.setattr(outputs, "os", _Os())


ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_output_disk_full(tmp_path: Path, invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is written whole to a temporary file and renamed: a full disk leaves neither behind."""
    fail_report_writes(monkeypatch, ENOSPC)
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    line = one_error_line(invoke(str(SEED_TEXT), *no_rules(tmp_path), "--format", f"json:{target}"))
    assert line == f"verify: error: {target}: cannot write the report: No space left on device"
    assert leftovers(target.parent) == []


def test_output_disk_full_streaming(tmp_path: Path, invoke: Callable[..., Result],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for jsonl, which streams into its temporary file document by document."""
    fail_report_writes(monkeypatch, ENOSPC)
    target = tmp_path / "out" / "report.jsonl"
    target.parent.mkdir()
    line = one_error_line(invoke(str(SEED_TEXT), *no_rules(tmp_path), "--format", f"jsonl:{target}"))
    assert line == f"verify: error: {target}: cannot write the report: No space left on device"
    assert leftovers(target.parent) == []


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make reading one path fail with EACCES, as chmod 000 does for anyone but root."""
    blocked: set[Path] = set()
    read_bytes, read_text = Path.read_bytes, Path.read_text

    def deny(path: Path) -> None:
        if path in blocked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def fake_read_bytes(self: Path) -> bytes:
        deny(self)
        return read_bytes(self)

    def fake_read_text(self: Path, *args: Any, **kwargs: Any) -> str:
        deny(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", fake_read_bytes)
    monkeypatch.setattr(Path, "read_text", fake_read_text)
    return blocked.add


def test_doc_unreadable_in_process(tmp_path: Path, invoke: Callable[..., Result],
                                   unreadable: Callable[[Path], None]) -> None:
    doc = write(tmp_path / "secret.txt", "Texte.\n")
    unreadable(doc)
    line = one_error_line(invoke(str(doc), *no_rules(tmp_path)))
    assert line == f"verify: error: {doc}: cannot read file: permission denied"


def test_facts_unreadable_in_process(tmp_path: Path, invoke: Callable[..., Result],
                                     unreadable: Callable[[Path], None]) -> None:
    facts = write(tmp_path / "facts.yaml", PERSON)
    unreadable(facts)
    line = one_error_line(invoke(str(SEED_TEXT), "--facts", str(facts), *no_rules(tmp_path)))
    assert line == f"verify: error: {facts}: cannot read file: permission denied"


def test_interrupt_in_reporter(tmp_path: Path, invoke: Callable[..., Result],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while a report is rendered: exit 130, one line, and no report file."""
    from verify_plugins import json_report

    def interrupted(self: object, report: object, options: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(json_report.JsonReporter, "render", interrupted)
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    line = one_error_line(invoke(str(SEED_TEXT), *no_rules(tmp_path), "--format", f"json:{target}"), code=130)
    assert line == "verify: interrupted"
    assert leftovers(target.parent) == []


def test_interrupt_while_writing(tmp_path: Path, invoke: Callable[..., Result],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of writing the report file: its temporary file goes too."""
    fail_report_writes(monkeypatch, KeyboardInterrupt())
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    line = one_error_line(invoke(str(SEED_TEXT), *no_rules(tmp_path), "--format", f"json:{target}"), code=130)
    assert line == "verify: interrupted"
    assert leftovers(target.parent) == []


def test_interrupt_sigint(tmp_path: Path) -> None:
    """A real SIGINT to a run over a big folder, once its streaming report has started: 130, nothing left."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    text = SEED_TEXT.read_bytes()
    for i in range(300):
        (folder / f"draft-{i:03d}.txt").write_bytes(text)
    out = tmp_path / "out"
    out.mkdir()
    args = [sys.executable, "-m", "verify.cli", "check", str(folder), "--facts", str(SEED_FACTS), "--no-config",
            "--date", "2020-01-04", "--format", f"jsonl:{out / 'r.jsonl'}", "--format", f"json:{out / 'r.json'}"]
    env = {**os.environ, "VERIFY_CACHE_DIR": "off"}
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size for p in out.glob(".r.jsonl.*")):  # the first document is written
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the run never started writing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "Traceback" not in stderr, stderr
    assert proc.returncode == 130, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == ["verify: interrupted"]
    assert leftovers(out) == []


def test_in_process_cases_have_tests() -> None:
    names = {name for name in globals() if name.startswith("test_")}
    for case_id in IN_PROCESS:
        assert "test_" + case_id.replace("-", "_") in names, case_id


# -- the documentation of this matrix ---------------------------------------------------------------

_DOC_ID = re.compile(r"^\| `([a-z]+(?:-[a-z0-9]+)+)` \|", re.MULTILINE)  # a case row, not an exit status


def test_errors_doc_matches() -> None:
    """docs/errors.md describes exactly the cases tested here: every id in the doc is a case, and back."""
    documented = _DOC_ID.findall(ERRORS_DOC.read_text(encoding="utf-8"))
    assert len(documented) == len(set(documented)), "an id is listed twice"
    tested = set(CASES) | set(IN_PROCESS)
    assert sorted(set(documented) - tested) == [], "documented but not tested"
    assert sorted(tested - set(documented)) == [], "tested but not documented"


def test_errors_doc_limits_are_current() -> None:
    """The limits the doc quotes are the code's."""
    text = ERRORS_DOC.read_text(encoding="utf-8")
    for value in (yamlio.MAX_YAML_BYTES, documents.MAX_DOCUMENT_BYTES, yamlio.MAX_ALIASES,
                  yamlio.MAX_ALIAS_EXPANSION, yamlio.MAX_DEPTH, MAX_PATTERN_CHARS):
        assert f"| {value:,} " in text, value
    assert f"| {MATCH_TIMEOUT:g} s |" in text and f"| {CLAIM_TIMEOUT:g} s |" in text


# -- nothing from an input is ever executed ---------------------------------------------------------

UNSAFE_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/object:os.system {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!include other.yaml",
]


@pytest.mark.parametrize("tag", UNSAFE_TAGS)
def test_yaml_tags_are_refused(tag: str, tmp_path: Path) -> None:
    """Only the safe loader is used: a Python tag is an input error at its position, and nothing runs."""
    marker = tmp_path / "executed"
    source = "entities: " + tag.format(marker=marker) + "\n"
    with pytest.raises(InputError) as info:
        yamlio.loads(source, "f.yaml")
    assert (info.value.path, info.value.line, info.value.column) == ("f.yaml", 1, 11)
    assert "unsupported YAML tag" in info.value.message
    assert not marker.exists()


def test_front_matter_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    doc = write(tmp_path / "d.md", f"---\ndate: !!python/object/apply:os.system ['touch {marker}']\n---\nTexte.\n")
    with pytest.raises(InputError) as info:
        documents.read_document(doc)
    assert (info.value.line, info.value.column) == (2, 7) and "unsupported YAML tag" in info.value.message
    assert not marker.exists()


_EXECUTES = re.compile(r"(?<![\w.])(?:eval|exec)\s*\(|\byaml\.(?:unsafe_|full_)?load(?:_all)?\("
                       r"|\b(?:Full|Unsafe)Loader\b|\byaml\.Loader\b|\bshell\s*=\s*True")


def test_no_eval_or_exec_in_the_code() -> None:
    """No ``eval``/``exec``, no unsafe YAML loader, no shell in verify/ and plugins/ (tests may do as they like)."""
    for bad in ("x = eval(text)", "exec (code)", "yaml.load(f)", "yaml.unsafe_load(f)", "Loader=yaml.FullLoader",
                "run(cmd, shell=True)"):
        assert _EXECUTES.search(bad), bad
    for fine in ("spec.loader.exec_module(m)", "ast.literal_eval(s)", "yamlio.load(path)", "self.evaluate(x)"):
        assert not _EXECUTES.search(fine), fine
    found = []
    for folder in (ROOT / "verify", ROOT / "plugins"):
        for path in folder.rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _EXECUTES.search(line.split("#")[0]):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_html_report_escapes_markup(tmp_path: Path) -> None:
    """``<script>`` in a draft, in a fact name and in a rule message never becomes markup in the HTML report.

    The report shows the document text, claim texts, the checkers' messages
    (which quote names from the facts) and the rule's ``message``; each is
    escaped in the markup and in the page's JSON island.
    """
    from verify_plugins.html_report import render_page

    from verify.engine import Engine
    from verify.hookspecs import hookimpl
    from verify.model import Report, Result
    from verify.plugins import get_plugin_manager

    xss = "<script>alert(1)</script>"
    facts = write(tmp_path / "facts.yaml",
                  f"entities:\n  - {{id: evil, kind: person, name: 'Jane {xss} Roe', aliases: [Jane Roe]}}\n")
    rules = write(tmp_path / "rules.yaml", (
        "rules:\n  - id: xss-rule\n    checker: echo\n    languages: [en]\n"
        f"    message: \"{xss} <img src=x onerror=alert(2)>\"\n"
        "    patterns: ['Jane Roe [^.]* attended']\n"
    ))

    class Echo:
        """A checker that repeats the rule's message and the resolved fact names: all untrusted."""

        id = "echo"

        def check(self, claim: Any, ctx: Any) -> Result:
            names = ", ".join(e.name for e in ctx.facts.entities.values())
            return Result(claim, "contradicted", f"{claim.message} / {names} / {claim.text}")

    class Plugin:
        @hookimpl
        def verify_checkers(self) -> list[object]:
            return [Echo()]

    pm = get_plugin_manager()
    pm.register(Plugin(), name="echo-checker")
    engine = Engine.from_paths(facts=[facts], rules=[rules], pm=pm)
    text = f"Jane Roe {xss} attended. {xss}"
    doc_report = engine.check_text(text, lang="en", path=f"draft{xss}.md")
    assert doc_report.results and xss in doc_report.results[0].message
    page = render_page(Report((doc_report,)))
    body = page.split("<body>", 1)[1]
    assert body.count("<script") == 2  # the page's own two: its JSON island and its code
    assert "<img" not in body and "alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown, as text
    island = body.split('<script type="application/json" id="verify-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island and ">" not in island
    data = json.loads(island)
    assert xss in data["documents"][0]["claims"][0]["message"]


def test_matrix_is_not_empty() -> None:
    assert len(CASES) >= 30
