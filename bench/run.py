"""Benchmark of verify: throughput, and how cost grows with rules, facts, processes and documents.

    .venv/bin/python bench/run.py            # the full run (a few minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # smaller sizes, under a minute

Everything it checks is generated (see ``bench/gen.py``) from a fixed seed, so
two runs check the same bytes. It prints one table. Absolute figures depend on
the machine; the ratios are measured against baselines in the same run, which
is what the targets are about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen

from verify.batch import load_pack
from verify.engine import Engine, checkers_of, load_factbase
from verify.plugins import collect, get_plugin_manager
from verify.rules.loader import load_rules
from verify.rules.model import RulePack

try:
    from verify.facts.cache import load_factbase_cached
except ImportError:  # an older checkout without the fact-base cache
    load_factbase_cached = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Sizes:
    docs: int  # in-process throughput and floor
    rule_docs: int  # documents for the 1x / 10x / 100x rule packs
    big_entities: int  # the big fact base (the small one has 100 entities; both have the same 10 events)
    event_entities: int  # the base whose events are multiplied by 100 for the events row
    fact_docs: int  # documents for the fact-base comparisons
    jobs_docs: int  # the --jobs 1 / --jobs 2 folder
    memory_docs: int  # the streaming memory run
    memory_jobs: int  # processes of the streaming memory run
    repeat: int  # best of this many timings for in-process measures


FULL = Sizes(docs=300, rule_docs=60, big_entities=100_000, event_entities=10_000, fact_docs=100, jobs_docs=400,
             memory_docs=10_000, memory_jobs=2, repeat=2)
QUICK = Sizes(docs=50, rule_docs=10, big_entities=5_000, event_entities=1_000, fact_docs=20, jobs_docs=80,
              memory_docs=200, memory_jobs=2, repeat=1)
SEED = 1
SMALL_ENTITIES = 100


@dataclass
class Row:
    measure: str
    value: str
    ratio: str = ""
    target: str = ""
    ok: bool | None = None


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def interleaved(runs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Best time of each run, the runs taking turns: a change in machine load hits all of them alike."""
    times: dict[str, float] = {}
    for _ in range(max(2, repeat)):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            times[name] = min(times.get(name, float("inf")), time.perf_counter() - t0)
    return times


def check_all(engine: Engine, docs: Sequence[tuple[str, str, dt.date]]) -> None:
    for text, lang, date in docs:
        engine.check_text(text, date=date, lang=lang)


def trigger_floor(pack: RulePack) -> regex.Pattern[str]:
    """One pattern of every trigger word of the pack: the least any rule engine must do."""
    words = sorted({t for r in pack.rules for t in r.triggers}, key=len, reverse=True)
    return regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")", regex.IGNORECASE)


def floor_pass(pattern: regex.Pattern[str], docs: Sequence[tuple[str, str, dt.date]]) -> int:
    return sum(1 for text, _, _ in docs for _ in pattern.finditer(text))


def cli(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "verify.cli", "check", *args]


def timed_cli(args: Sequence[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cli(args), capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"verify failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return elapsed


_PEAK = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
if proc.returncode not in (0, 1, 3):
    sys.exit(proc.stderr[-2000:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mb(args: Sequence[str]) -> tuple[float, float]:
    """(peak resident MB of the ``verify`` process, seconds); measured in a fresh parent of its own."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, *cli(args)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024, time.perf_counter() - t0


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_parallelism(seconds: float = 0.5) -> float:
    """How much faster 2 processes do 4 equal pure-Python tasks than 1: what the machine gives right now.

    On a shared machine another job may hold a core; verify's ``--jobs`` ratio
    cannot beat this one, so the table shows both.
    """
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    t0 = time.perf_counter()
    _burn(200_000)
    n = max(10_000, int(200_000 * seconds / 4 / max(time.perf_counter() - t0, 1e-6)))
    times = {}
    for procs in (1, 2, 1, 2):
        with ctx.Pool(procs) as pool:
            t0 = time.perf_counter()
            pool.map(_burn, [n] * 4)
            times.setdefault(procs, []).append(time.perf_counter() - t0)
    return min(times[1]) / min(times[2])


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = f", load average {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}{load}"


SECTIONS = ("throughput", "rules", "facts", "events", "jobs", "memory")


@dataclass
class Bench:
    """What every section shares: sizes, a work folder, the plugins, the built-in pack, the small facts, the docs."""

    sizes: Sizes
    work: Path
    progress: Callable[[str], None]
    rows: list[Row]

    def __post_init__(self) -> None:
        self.pm = get_plugin_manager()
        self.builtin = Path(collect(self.pm, "verify_rule_paths")[0])
        self.pack = load_pack(self.pm, [])
        self.progress("generating the fact bases and articles")
        self.small = gen.factbase(SEED, SMALL_ENTITIES)
        self.small_files = gen.write_factbase(self.small, self.work / "facts-small")
        self.docs = list(gen.articles(self.small, SEED, self.sizes.docs))
        self.engine = Engine(self.pack, load_factbase(self.small_files, self.pm), self.pm)


def run(sizes: Sizes, work: Path, progress: Callable[[str], None], only: Sequence[str] = SECTIONS) -> list[Row]:
    bench = Bench(sizes, work, progress, [])
    for name in SECTIONS:
        if name in only:
            globals()[f"bench_{name}"](bench)
    return bench.rows

def bench_throughput(b: Bench) -> None:
    """verify in process on the generated articles, and the floor: one regex of every trigger word."""
    sizes, pack, docs = b.sizes, b.pack, b.docs
    mb = sum(len(t.encode()) for t, _, _ in docs) / 1e6
    b.progress(f"in-process throughput ({sizes.docs} documents)")
    check_all(b.engine, docs[:3])  # lazy indexes and first-use imports are not throughput
    t_verify = best(lambda: check_all(b.engine, docs), sizes.repeat)
    b.rows.append(Row(f"verify, full built-in pack ({len(pack.rules)} rules), {sizes.docs} docs, {mb:.2f} MB",
                      f"{sizes.docs / t_verify:,.0f} docs/s, {mb / t_verify:.2f} MB/s", "1.00x", "≥ 1 MB/s",
                      mb / t_verify >= 1.0))
    floor = trigger_floor(pack)
    t_floor = best(lambda: floor_pass(floor, docs), max(3, sizes.repeat))
    b.rows.append(Row("(a) floor: one regex of all trigger words, same text", f"{mb / t_floor:,.1f} MB/s",
                      f"verify = {t_verify / t_floor:,.0f}x floor"))


def bench_rules(b: Bench) -> None:
    """The same documents with 10 and 100 copies of every rule."""
    known = checkers_of(b.pm).keys()
    rule_docs = b.docs[: b.sizes.rule_docs]
    engines, sizes, loads = {}, {}, {}
    for copies in (1, 10, 100):
        b.progress(f"rule pack x{copies}")
        folder = gen.multiply_rules(b.builtin, b.work / f"rules-x{copies}", copies) if copies > 1 else b.builtin
        t0 = time.perf_counter()
        pack = load_rules([folder], known_checkers=known) if copies > 1 else b.pack
        loads[copies] = time.perf_counter() - t0
        sizes[copies] = len(pack.rules)
        engines[copies] = Engine(pack, b.engine.facts, b.pm)
        check_all(engines[copies], rule_docs[:2])
    b.progress(f"rule packs x1, x10, x100 on {len(rule_docs)} documents")
    times = interleaved({str(c): (lambda e=e: check_all(e, rule_docs)) for c, e in engines.items()}, b.sizes.repeat)
    base_time = times["1"]
    for copies in (1, 10, 100):
        t = times[str(copies)]
        if copies == 1:
            b.rows.append(Row(f"(b) rules x1 ({sizes[1]} rules), {len(rule_docs)} docs",
                              f"{t / len(rule_docs) * 1000:.1f} ms/doc", "1.00x"))
        else:
            b.rows.append(Row(f"(b) rules x{copies} ({sizes[copies]} rules; pack load {loads[copies]:.1f} s)",
                              f"{t / len(rule_docs) * 1000:.1f} ms/doc", f"{t / base_time:.2f}x",
                              "≤ 3x" if copies == 100 else "", t / base_time <= 3 if copies == 100 else None))


def bench_facts(b: Bench) -> None:
    """100 vs many entities (the same 10 events): per document, and loading cold and from the cache."""
    sizes, pm = b.sizes, b.pm
    b.progress(f"fact base of {sizes.big_entities:,} entities: generating")
    big = gen.factbase(SEED, sizes.big_entities, n_events=len(b.small["events"]))
    big_files = gen.write_factbase(big, b.work / "facts-big")
    del big
    fact_docs = b.docs[: sizes.fact_docs]
    cache_dir = b.work / "cache"
    loads: dict[str, dict[str, float]] = {}
    engines: dict[str, Engine] = {}
    for label, files in (("small", b.small_files), ("big", big_files)):
        b.progress(f"fact base {label}: loading")
        t0 = time.perf_counter()
        fb = warm_indexes(load_factbase(files, pm))
        loads[label] = {"cold": time.perf_counter() - t0}
        if load_factbase_cached is not None:
            load_factbase_cached(files, pm, cache_dir=cache_dir, load=lambda _p, _pm, fb=fb: fb)  # fills the cache
            loads[label]["cached"] = best(lambda files=files: warm_indexes(
                load_factbase_cached(files, pm, cache_dir=cache_dir)), sizes.repeat)
        engines[label] = Engine(b.pack, fb, pm)
    b.progress(f"fact bases small and big: checking {len(fact_docs)} documents")
    for eng in engines.values():
        check_all(eng, fact_docs[:2])
    times = interleaved({label: (lambda e=eng: check_all(e, fact_docs)) for label, eng in engines.items()},
                        sizes.repeat)
    per_doc = {label: t / len(fact_docs) for label, t in times.items()}
    n_big = f"{sizes.big_entities:,}"
    ratio = per_doc["big"] / per_doc["small"]
    b.rows.append(Row(f"(c) {n_big} vs 100 entities: time per document",
                      f"{per_doc['big'] * 1000:.1f} vs {per_doc['small'] * 1000:.1f} ms", f"{ratio:.2f}x", "≤ 1.5x",
                      ratio <= 1.5))
    b.rows.append(Row(f"(c) {n_big} vs 100 entities: load, cold (parse, validate, index)",
                      f"{loads['big']['cold']:.2f} vs {loads['small']['cold']:.3f} s",
                      f"{loads['big']['cold'] / loads['small']['cold']:,.0f}x"))
    if "cached" in loads["big"]:
        b.rows.append(Row(f"(c) {n_big} vs 100 entities: load, cached",
                          f"{loads['big']['cached']:.2f} vs {loads['small']['cached']:.3f} s",
                          f"{loads['big']['cached'] / loads['small']['cached']:,.0f}x; "
                          f"cached = {loads['big']['cached'] / loads['big']['cold']:.2f}x cold", "< 2 s",
                          loads["big"]["cached"] < 2.0))
    else:
        b.rows.append(Row(f"(c) {n_big} entities: load, cached", "n/a (no verify.facts.cache)"))


def bench_events(b: Bench) -> None:
    """Many events of the same kinds: what resolving an event by its kind word costs."""
    sizes = b.sizes
    n_ev = sizes.event_entities // 10
    fact_docs = b.docs[: sizes.fact_docs]
    b.progress(f"{sizes.event_entities:,} entities with {n_ev:,} vs 10 events")
    engines = {}
    for label, events in (("few", 10), ("many", n_ev)):
        data = gen.factbase(SEED, sizes.event_entities, n_events=events)
        files = gen.write_factbase(data, b.work / f"facts-events-{label}")
        del data
        engines[label] = Engine(b.pack, warm_indexes(load_factbase(files, b.pm)), b.pm)
        check_all(engines[label], fact_docs[:2])
    times = interleaved({label: (lambda e=eng: check_all(e, fact_docs)) for label, eng in engines.items()},
                        sizes.repeat)
    per_doc = {label: t / len(fact_docs) for label, t in times.items()}
    b.rows.append(Row(f"(c) {n_ev:,} vs 10 events ({sizes.event_entities:,} entities): time per document",
                      f"{per_doc['many'] * 1000:.1f} vs {per_doc['few'] * 1000:.1f} ms",
                      f"{per_doc['many'] / per_doc['few']:.2f}x"))


def bench_jobs(b: Bench) -> None:
    """``verify check --jobs 2`` vs ``--jobs 1``, whole commands, next to what the machine allows right now."""
    sizes = b.sizes
    b.progress(f"verify check --jobs 1 / 2 on {sizes.jobs_docs} documents")
    folder = b.work / "docs-jobs"
    gen.write_articles(b.small, SEED, sizes.jobs_docs, folder)
    common = [str(folder), "--facts", str(b.work / "facts-small")]
    parallel = cpu_parallelism()
    b.rows.append(Row("(d) the machine now: pure-Python CPU burn, 2 vs 1 processes", "", f"{parallel:.2f}x",
                      "(the bound for --jobs 2)"))
    one = b.work / "docs-one"
    one.mkdir(exist_ok=True)
    shutil.copy(sorted(folder.iterdir())[0], one)
    timings: dict[int, float] = {}
    for _ in range(sizes.repeat):
        for jobs in (1, 2):
            out = b.work / f"jobs{jobs}.jsonl"
            t = timed_cli([*common, "--jobs", str(jobs), "--format", f"jsonl:{out}"])
            timings[jobs] = min(timings.get(jobs, float("inf")), t)
        # Start-up (imports, compiling the pack, loading the facts) measured alone: one document, --jobs 1.
        t = timed_cli([str(one), "--facts", str(b.work / "facts-small"), "--format", f"jsonl:{b.work / 'one.jsonl'}"])
        timings[0] = min(timings.get(0, float("inf")), t)
    same = (b.work / "jobs1.jsonl").read_bytes() == (b.work / "jobs2.jsonl").read_bytes()
    speedup = timings[1] / timings[2]
    b.rows.append(Row(f"(d) verify check --jobs 2 vs --jobs 1, {sizes.jobs_docs} docs (whole command)",
                      f"{sizes.jobs_docs / timings[2]:,.0f} vs {sizes.jobs_docs / timings[1]:,.0f} docs/s"
                      + ("" if same else "; OUTPUTS DIFFER"), f"{speedup:.2f}x", "≥ 1.7x", speedup >= 1.7 and same))
    startup = timings[0]
    net = (timings[1] - startup) / max(timings[2] - startup, 1e-9)
    b.rows.append(Row(f"(d) the same, net of start-up ({startup:.2f} s: a one-document run, serial in both)",
                      f"{sizes.jobs_docs / (timings[2] - startup):,.0f} vs "
                      f"{sizes.jobs_docs / (timings[1] - startup):,.0f} docs/s", f"{net:.2f}x"))
    shutil.rmtree(folder)
    shutil.rmtree(one)


def bench_memory(b: Bench) -> None:
    """Peak resident memory while many documents stream to a JSON Lines file."""
    sizes = b.sizes
    b.progress(f"peak memory, {sizes.memory_docs:,} documents streamed to jsonl")
    folder = b.work / "docs-memory"
    gen.write_articles(b.small, SEED, sizes.memory_docs, folder)
    peak, seconds = peak_rss_mb([str(folder), "--facts", str(b.work / "facts-small"), "--jobs",
                                 str(sizes.memory_jobs), "--format", f"jsonl:{b.work / 'memory.jsonl'}"])
    b.rows.append(Row(f"(e) peak RSS of the largest process, verify check --jobs {sizes.memory_jobs} on "
                      f"{sizes.memory_docs:,} docs, --format jsonl:FILE",
                      f"{peak:,.0f} MB ({sizes.memory_docs / seconds:,.0f} docs/s)", "", "< 500 MB", peak < 500))
    shutil.rmtree(folder)

def warm_indexes(fb: Any) -> Any:
    """Build the fact base's lazy indexes, as the first document would."""
    fb.find_mentions("Warm Up", 0)
    fb.roles_named("warm up title")
    return fb


def table(rows: Sequence[Row], title: str) -> str:
    heads = ("measure", "value", "ratio", "target", "")
    cells = [(r.measure, r.value, r.ratio, r.target, "" if r.ok is None else ("ok" if r.ok else "MISSED"))
             for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |" for cell in cells]
    return "\n".join([title, "", line, sep, *body])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: under a minute on 2 cores")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temp dir)")
    parser.add_argument("-q", "--silent", action="store_true", help="no progress lines on standard error")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections (default: all of "
                                                                   f"{','.join(SECTIONS)})")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    t0 = time.perf_counter()
    where = machine()

    def progress(msg: str) -> None:
        if not args.silent:
            print(f"bench: {time.perf_counter() - t0:6.1f} s  {msg}", file=sys.stderr, flush=True)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(sizes, args.keep, progress, only)
    else:
        with tempfile.TemporaryDirectory(prefix="verify-bench-") as tmp:
            rows = run(sizes, Path(tmp), progress, only)
    title = (f"verify bench ({'quick' if args.quick else 'full'}, {time.perf_counter() - t0:.0f} s): "
             f"{where}")
    print(table(rows, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
