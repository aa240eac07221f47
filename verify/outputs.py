"""Where reports go: ``--format FORMAT[:FILE]``, several per run, each written atomically.

A report file is either complete or absent: text goes to a temporary file in
the target folder and is renamed over the target at the end. A streaming
format (``jsonl``) writes one line per document as results arrive, into the
same kind of temporary file, so memory stays flat on huge runs. Any failure
(a full disk, Ctrl-C) deletes the temporary file.

``mkstemp`` makes its file readable by its owner only; the report gets the
permissions a plain ``open(path, "w")`` would give it, or keeps those of the
file it replaces, so a CI step running as another user can still read it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from verify.errors import InputError
from verify.model import DocumentReport


@dataclass
class Output:
    reporter: Any
    path: Path | None  # None: standard output
    _fh: IO[str] | None = field(default=None, repr=False)
    _tmp: str | None = field(default=None, repr=False)

    @property
    def streaming(self) -> bool:
        return bool(getattr(self.reporter, "streaming", False))

    def open(self) -> None:
        if self.path is None:
            self._fh = sys.stdout
            return
        folder = _folder(self.path)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=folder)
        _set_mode(fd, self.path)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write_document(self, doc_report: DocumentReport) -> None:
        assert self._fh is not None
        try:
            self._fh.write(self.reporter.render_document(doc_report, {}))
            self._fh.flush()
        except OSError as exc:
            self.abort()
            raise InputError(f"cannot write the report: {exc.strerror or exc}", str(self.path or "<stdout>")) from None

    def close(self) -> None:
        if self.path is None or self._fh is None or self._tmp is None:
            return
        try:
            self._fh.close()
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            raise InputError(f"cannot write the report: {exc.strerror or exc}", str(self.path)) from None

    def abort(self) -> None:
        if self.path is not None and self._tmp is not None:
            if self._fh is not None and not self._fh.closed:
                self._fh.close()
            Path(self._tmp).unlink(missing_ok=True)
            self._tmp = None


def parse_outputs(specs: Sequence[str], output: Path | None, reporters: Mapping[str, Any]) -> list[Output]:
    """``json:report.json`` → (json reporter, report.json); a bare format goes to ``output`` or stdout."""
    outs: list[Output] = []
    to_stdout = 0
    for spec in specs:
        fmt, _, file = spec.partition(":")
        if fmt not in reporters:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(sorted(reporters))}")
        path = Path(file) if file else output
        if path is None:
            to_stdout += 1
        else:
            _folder(path)
        outs.append(Output(reporters[fmt], path))
    if to_stdout > 1:
        raise InputError("only one --format can go to standard output; give the others a file (FORMAT:FILE)")
    return outs


def write_atomic(path: Path, text: str) -> None:
    folder = _folder(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the report: {exc.strerror or exc}", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _set_mode(fd: int, target: Path) -> None:
    """Give the temporary file the mode the report should end with (see the module docstring)."""
    if not hasattr(os, "fchmod"):
        return  # Windows: no modes to speak of
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):  # best effort: the report is still written, readable by its owner
        os.fchmod(fd, mode)


def _folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("cannot write the report: no such folder", str(path))
    return folder
