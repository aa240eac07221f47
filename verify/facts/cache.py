"""A disk cache of built fact bases, keyed by what went into building them.

Reading, validating and indexing a fact base of 100,000 entities takes
minutes; unpickling the built ``FactBase``, indexes included, takes about a
second. The key is a SHA-256 of everything the result depends on: each fact
file's path (origins in messages name it) and bytes, the source of the
``verify`` package and of every registered plugin (loaders and fact sections
shape the result; a code change must never serve a stale base), and the Python
version. A hit is therefore the same fact base a fresh load would build.

Pickle runs code when it loads, so only our own files are read: the cache
folder is created private (0700) and, like each entry, must belong to the
current user and be writable by nobody else; an entry starts with a magic line
and carries the SHA-256 of its payload, so a truncated or foreign file is
ignored. Entries are written to a temporary file and renamed (atomic). Any
error (permissions, a full disk, an unpicklable plugin record) makes the cache
step aside: the fact base is then simply loaded as if there were no cache.

Where: ``$VERIFY_CACHE_DIR``, else ``$XDG_CACHE_HOME/verify``, else
``~/.cache/verify``. ``VERIFY_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import inspect
import os
import pickle
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from verify.facts.base import FactBase
from verify.facts.loader import fact_files

MAGIC = b"verify-factbase-cache/1\n"
KEEP = 8  # entries kept in the folder (most recently used)
_OFF = ("off", "0", "no", "false", "none")


def default_cache_dir() -> Path | None:
    """The cache folder, or None when ``VERIFY_CACHE_DIR=off``."""
    env = os.environ.get("VERIFY_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in (*_OFF, "") else Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "verify"


def load_factbase_cached(paths: Iterable[Path], pm: Any, *, cache_dir: Path | str | None = "default",
                         load: Callable[[list[Path], Any], FactBase] | None = None,
                         min_bytes: int = 0) -> FactBase:
    """``verify.engine.load_factbase(paths, pm)``, from the cache when the same inputs were built before.

    ``cache_dir`` overrides the folder (None: no cache). Fact sets smaller than
    ``min_bytes`` are loaded directly: they load faster than a cache entry is
    checked. Errors in the facts are raised exactly as by a direct load (a
    failed load is never cached).
    """
    if load is None:
        from verify.engine import load_factbase as load
    paths = list(paths)
    folder = default_cache_dir() if cache_dir == "default" else (Path(cache_dir) if cache_dir else None)
    key = None
    if folder is not None:
        try:
            files = fact_files(paths) if paths else []
            if sum(f.stat().st_size for f in files) >= min_bytes and files:
                key = cache_key(files, pm)
        except Exception:  # an unreadable file: the direct load reports it properly
            key = None
    if key is not None and folder is not None:
        found = _read(folder, key)
        if found is not None:
            return found
    with warnings.catch_warnings(record=True) as caught, _no_gc():
        warnings.simplefilter("always")
        facts = load(paths, pm)
    for w in caught:  # replayed, and a load that warned (a failing loader plugin) is not cached
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if key is not None and folder is not None and not caught:
        with _no_gc():
            build_indexes(facts)
        _write(folder, key, facts)
    return facts


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Building or unpickling a big fact base makes millions of objects and no garbage: the cyclic
    collector, which would run again and again over all of them, is paused meanwhile (4x faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_indexes(facts: FactBase) -> FactBase:
    """Compute every lazy index (``cached_property``) of the fact base, so the cache holds them built."""
    for name, attr in inspect.getmembers(type(facts)):
        if isinstance(attr, cached_property):
            getattr(facts, name)
    return facts


def cache_key(files: Sequence[Path], pm: Any) -> str:
    h = hashlib.sha256(MAGIC)
    h.update(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}\n".encode())
    h.update(_code_fingerprint(pm).encode())
    for f in files:
        h.update(f"{f}\n".encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def _code_fingerprint(pm: Any) -> str:
    """A hash of the verify package's source and of every registered plugin's module."""
    import verify

    h = hashlib.sha256()
    root = Path(verify.__file__).resolve().parent
    for src in sorted(root.rglob("*.py")):
        h.update(str(src.relative_to(root)).encode())
        h.update(src.read_bytes())
    modules = set()
    for plugin in pm.get_plugins() if pm is not None else ():
        name = pm.get_name(plugin) or ""
        module = getattr(plugin, "__name__", None) if inspect.ismodule(plugin) else type(plugin).__module__
        source = sys.modules.get(module).__file__ if module in sys.modules else None  # type: ignore[union-attr]
        modules.add((name, module or "", source or ""))
    for name, module, source in sorted(modules):
        h.update(f"{name}|{module}\n".encode())
        if source and os.path.isfile(source):
            h.update(Path(source).read_bytes())
    return h.hexdigest()


# -- the files ---------------------------------------------------------------------------


def _private_dir(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is ours alone (created private when asked)."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _ours(st)


def _ours(st: os.stat_result) -> bool:
    return (not hasattr(os, "getuid") or st.st_uid == os.getuid()) and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(folder: Path, key: str) -> FactBase | None:
    path = folder / f"{key}.pickle"
    try:
        if not _private_dir(folder, create=False):
            return None
        with open(path, "rb") as fh:
            if not _ours(os.fstat(fh.fileno())):
                return None
            head = fh.read(len(MAGIC))
            digest = fh.read(32)
            payload = fh.read()
        if head != MAGIC or hashlib.sha256(payload).digest() != digest:
            return None
        with _no_gc():
            facts = pickle.loads(payload)
        if not isinstance(facts, FactBase):
            return None
        os.utime(path)  # most recently used: kept by the pruning
        return facts
    except Exception:
        return None


def _write(folder: Path, key: str, facts: FactBase) -> None:
    tmp = None
    try:
        payload = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        if not _private_dir(folder, create=True):
            return
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(hashlib.sha256(payload).digest())
            fh.write(payload)
        os.replace(tmp, folder / f"{key}.pickle")
        tmp = None
        _prune(folder)
    except Exception:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
