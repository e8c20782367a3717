"""Benchmark the corpus-level claims step on the process pool (issue 21).

1. Claims step alone (``compare.pipeline._claim_tables``, what ``analyze`` times as "claims"),
   ``jobs=1`` against ``jobs=2`` (the pool forced on), on the first K stories of a corpus with the
   per-article claim features made once beforehand, for several K: where the pool starts to pay
   (the rule :data:`compare.pipeline.PARALLEL_CLAIM_WORK`). Every table is checked equal. Besides
   wall time, CPU seconds: the parent's and the busiest worker's, whose sum is the step's wall
   time on two free cores (the machine is shared, so wall speed-ups are capped by what two
   processes get; the "CPU ceiling" lines measure that cap in the same run).
2. ``compare.analyze(corpus, jobs=N)`` with its defaults, wall clock and the claims step from
   ``Results.manifest["timings"]``.

Corpora: BASIL (100 stories x 3 outlets, ``../shared/datasets/basil``) and, when the cache
``/work/shared/real_coverage/*.jsonl`` is present, the real-coverage stories (many outlets each).

Run: ``python benchmarks/bench_corpus_steps.py [--repeats R] [--no-analyze] [--sizes 2,10,100] [--pickle]``
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

import compare
from compare import Corpus, RunConfig, read_corpus
from compare._datasets import datasets_dir
from compare.analysis import AnalysisSpec, analyze_chunk
from compare.pipeline import PARALLEL_CLAIM_WORK, _claim_tables, _claim_work
from compare.pipeline import _align_story_claims as _ALIGN

REAL_COVERAGE = Path("/work/shared/real_coverage")


def basil() -> Corpus:
    return read_corpus(datasets_dir(required=True) / "basil", format="basil")


def real_coverage() -> Corpus | None:
    files = sorted(REAL_COVERAGE.glob("*.jsonl"))
    if not files:
        return None
    arts = []
    for f in files:
        for a in read_corpus(f):
            arts.append(a if a.event is not None else replace(a, event=f.stem))
    return Corpus(arts, name="real-coverage")


def features_of(corpus: Corpus) -> dict:
    spec = AnalysisSpec.from_config(RunConfig(families=(), progress=False))
    _, feats = analyze_chunk(list(corpus), spec)
    return {f.article_id: f for f in feats}


_CPU_LOG = Path(tempfile.gettempdir()) / f"bench_corpus_steps.{os.getpid()}.cpu"


def _timed_stories(tasks, options):
    """``_align_story_claims`` that logs its process's CPU seconds (a forked worker inherits it)."""
    t0 = time.process_time()
    out = _ALIGN(tasks, options)
    with _CPU_LOG.open("a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {time.process_time() - t0}\n")
    return out


def claim_step(corpus, event_of, feats, jobs, repeats):
    """Median wall seconds, and CPU seconds: the parent's, each worker's, all children's."""
    runs, out = [], None
    cfg = RunConfig(jobs=jobs, progress=False)
    for _ in range(repeats):
        _CPU_LOG.unlink(missing_ok=True)
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        c0, t0 = time.process_time(), time.perf_counter()
        out = _claim_tables(corpus, event_of, feats, cfg)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        children = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
        per_pid: dict[str, float] = {}
        if jobs > 1 and _CPU_LOG.exists():
            for line in _CPU_LOG.read_text(encoding="utf-8").splitlines():
                pid, sec = line.split()
                per_pid[pid] = per_pid.get(pid, 0.0) + float(sec)
        busiest = max(per_pid.values(), default=0.0)
        runs.append((wall, cpu, busiest, children))
    _CPU_LOG.unlink(missing_ok=True)
    return sorted(runs)[len(runs) // 2], out


def claims_table(name: str, corpus: Corpus, sizes: list[int], repeats: int) -> None:
    import compare.pipeline as pl

    feats = features_of(corpus)
    stories = sorted({a.event for a in corpus})
    warm = Corpus([a for a in corpus if a.event == stories[0]])
    _claim_tables(warm, {a.id: a.event for a in warm}, feats, RunConfig(progress=False))  # model, imports
    print(f"\n### {name}: claims step, jobs=1 vs jobs=2 (pool forced on; median of {repeats})\n")
    print(
        "| stories | articles | claim sentences | shared work | jobs=1 s | jobs=2 s | speed-up (wall) "
        "| jobs=1 CPU s | jobs=2 parent CPU s | busiest worker CPU s | all workers CPU s "
        "| CPU critical path speed-up | tables equal | rule |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for k in sizes:
        keep = set(stories[:k])
        sub = Corpus([a for a in corpus if a.event in keep], name=f"{name}-{k}")
        event_of = {a.id: a.event for a in sub}
        n_sent = sum(len(feats[a.id].claims) for a in sub)
        sizes = {}
        for a in sub:
            sizes[a.event] = sizes.get(a.event, 0) + len(feats[a.id].claims)
        work = _claim_work(list(sizes.values()))
        saved = pl.PARALLEL_CLAIM_WORK
        pl.PARALLEL_CLAIM_WORK = 0  # force the pool on to find where it pays
        pl._align_story_claims = _timed_stories
        try:
            one, t1 = claim_step(sub, event_of, feats, 1, repeats)
            two, t2 = claim_step(sub, event_of, feats, 2, repeats)
        finally:
            pl.PARALLEL_CLAIM_WORK = saved
            pl._align_story_claims = _ALIGN
        equal = all(t1[n].equals(t2[n]) for n in ("claims", "coverage", "omission"))
        rule = "pool" if len(keep) > 1 and work >= saved else "serial"
        path = two[1] + two[2]  # the parent's CPU, then the busiest worker's: two free cores
        print(
            f"| {len(keep)} | {len(sub)} | {n_sent} | {work:,} | {one[0]:.2f} | {two[0]:.2f} "
            f"| {one[0] / two[0]:.2f}x | {one[1]:.2f} | {two[1]:.2f} | {two[2]:.2f} | {two[3]:.2f} "
            f"| {one[1] / path:.2f}x | {equal} | {rule} |"
        )


def analyze_table(name: str, corpus: Corpus) -> None:
    print(f"\n### {name}: compare.analyze(corpus, jobs=N), defaults (one run each)\n")
    print("| jobs | total s | claims s | claims share | per-article s | provenance s | naming s | events s |")
    print("|---|---|---|---|---|---|---|---|")
    ref = None
    for jobs in (1, 2):
        t0 = time.perf_counter()
        res = compare.analyze(corpus, jobs=jobs, progress=False)
        dt = time.perf_counter() - t0
        t = res.manifest["timings"]
        per_article = t.get("articles", t.get("scoring", float("nan")))
        print(
            f"| {jobs} | {dt:.1f} | {t.get('claims', float('nan')):.1f} | {t.get('claims', 0) / dt:.0%} "
            f"| {per_article:.1f} | {t.get('provenance', float('nan')):.1f} | {t.get('naming', float('nan')):.1f} "
            f"| {t.get('events', float('nan')):.1f} |"
        )
        tables = {n: res.tables[n] for n in ("claims", "coverage", "omission")}
        if ref is None:
            ref = tables
        else:
            for n, table in tables.items():
                pd.testing.assert_frame_equal(ref[n], table)


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def cpu_ceiling() -> float:
    """What two processes give over one right now on this machine (shared): pure-Python work."""
    from concurrent.futures import ProcessPoolExecutor

    n = 6_000_000
    t0 = time.perf_counter()
    for _ in range(4):
        _burn(n)
    t1 = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [n] * 4))
    return (t1 - t0) / (time.perf_counter() - t1)


def pickle_line(name: str, corpus: Corpus) -> None:
    """What sending the claim features between processes costs (why forked workers share them)."""
    import pickle

    feats = features_of(corpus)
    claims = [feats[a.id].claims for a in corpus]
    t0 = time.perf_counter()
    blob = pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL)
    t1 = time.perf_counter()
    pickle.loads(blob)
    t2 = time.perf_counter()
    n = sum(len(c) for c in claims)
    print(
        f"{name}: claim features of {len(corpus)} articles ({n} sentences) pickle to {len(blob) / 1e6:.1f} MB "
        f"({len(blob) / n / 1e3:.1f} kB a sentence): dump {t1 - t0:.2f} s, load {t2 - t1:.2f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-analyze", action="store_true")
    ap.add_argument("--pickle", action="store_true", help="only the size and cost of pickling claim features")
    ap.add_argument("--sizes", default="1,2,5,10,25,50,100")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.pickle:
        pickle_line("BASIL", basil())
        return
    print(
        "rule: the pool runs claims when jobs > 1 and the shared work (sum of stories' sentences squared "
        f"less the largest) >= {PARALLEL_CLAIM_WORK:,}"
    )
    print(f"CPU ceiling now: two processes run pure-Python work {cpu_ceiling():.2f}x as fast as one")
    corpus = basil()
    claims_table("BASIL", corpus, sizes, args.repeats)
    rc = real_coverage()
    if rc is None:
        print("\n(real-coverage cache absent: /work/shared/real_coverage/*.jsonl)")
    else:
        n = len({a.event for a in rc})
        claims_table("real coverage", rc, [k for k in (2, n) if k <= n], args.repeats)
    if not args.no_analyze:
        analyze_table("BASIL", corpus)
    print(f"\nCPU ceiling after: {cpu_ceiling():.2f}x")


if __name__ == "__main__":
    main()
