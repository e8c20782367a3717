"""Where ``analyze_stream``'s memory goes, in one process: per cache, or per source line.

``python benchmarks/profile_stream_memory.py N`` streams ``N`` synthetic articles (as
``bench_stream_memory.py``) with ``jobs=1``, then empties each listed cache in turn
(``compare.caches``) and prints how much resident memory that gave back (after ``gc`` and
``malloc_trim``; fragmentation makes it a lower bound), with its entries and, for ``lru_cache``
functions, hits and misses. ``--tracemalloc`` instead traces allocations (about 2x slower) and
prints the largest live allocations by source line at the end, with the traced peak.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main(argv: list[str] | None = None) -> int:
    from bench_stream_memory import FAMILIES, _articles

    from compare import caches
    from compare.pipeline import RunConfig, analyze_stream

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=8000)
    ap.add_argument("--tracemalloc", action="store_true")
    args = ap.parse_args(argv)
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(1)
    cfg = RunConfig(families=FAMILIES, jobs=1, progress=False, claims=False, provenance=False)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        analyze_stream(_articles(args.n), tmp, config=cfg, chunk_size=2000)
        secs = time.perf_counter() - t
    gc.collect()
    print(f"{args.n:,} articles in {secs:.1f} s; resident {_rss_mb():.0f} MB")
    if args.tracemalloc:
        now, peak = tracemalloc.get_traced_memory()
        print(f"traced: {now / 2**20:.0f} MB live, {peak / 2**20:.0f} MB peak\n")
        for st in tracemalloc.take_snapshot().statistics("lineno")[:25]:
            frame = st.traceback[0]
            print(f"{st.size / 2**20:8.1f} MB {st.count:9,d}  {frame.filename}:{frame.lineno}")
        return 0
    trim = getattr(ctypes.CDLL("libc.so.6"), "malloc_trim", None)
    rows = []
    for c in caches.CACHES:
        n = c.size()
        if not n:
            continue
        obj = c._object()
        info = obj.cache_info() if hasattr(obj, "cache_info") else None
        before = _rss_mb()
        c.clear()
        gc.collect()
        if trim is not None:
            trim(0)
        hits = f"{info.hits:,} hits, {info.misses:,} misses" if info else ""
        rows.append((before - _rss_mb(), f"{c.module}.{c.name}", n, c.bound, hits))
    print("\n| MB given back | cache | entries | bound | hits |\n|---|---|---|---|---|")
    for mb, name, n, bound, hits in sorted(rows, reverse=True):
        print(f"| {mb:.1f} | {name} | {n:,} | {bound:,} | {hits} |")
    print(f"\nresident after emptying every cache: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
