"""Peak memory of ``analyze_stream`` on synthetic articles, main process and workers apart.

Streams ``n`` articles from ``benchmarks/synthetic.py`` (generated 2,000 at a time, a new seed per
block, as ``bench_pipeline.py --stream-source synthetic`` does) through
``compare.pipeline.analyze_stream`` with all five families, and prints one table row: seconds,
articles/s, the main process's peak RSS, the largest worker's peak RSS, and main + jobs x worker
(the upper bound ``bench_pipeline.py`` reports; forked workers share pages with the main process,
so the true total is lower).

To compare two versions of the code, run it with each checkout's sources first on the path, at the
same time (so both see the same machine load), and keep the tables of a smaller run to compare:

    PYTHONPATH=/path/to/before/src python benchmarks/bench_stream_memory.py 20000
    PYTHONPATH=src python benchmarks/bench_stream_memory.py 20000
    PYTHONPATH=/path/to/before/src python benchmarks/bench_stream_memory.py 3000 --jobs 1 --keep /tmp/a
    PYTHONPATH=src python benchmarks/bench_stream_memory.py 3000 --jobs 1 --keep /tmp/b --tiny-bounds
    python benchmarks/bench_stream_memory.py --compare /tmp/a /tmp/b

``--tiny-bounds`` sets the word memos' bounds to a few thousand entries, so that they start afresh
many times within the run; ``--compare`` checks that every table is exactly equal.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

FAMILIES = ("readability", "sentiment", "attribution", "framing", "wordchoice")


def _articles(n: int):
    from synthetic import generate_corpus

    for block in range(0, n, 2000):
        for k, a in enumerate(generate_corpus(min(2000, n - block), seed=block)):
            yield replace(a, id=f"s{block + k}")


def _tiny_bounds() -> None:
    from compare.scores.attribution import _features
    from compare.scores.readability import _textstat

    _features._TABLE_MAX = 3000
    _textstat._MEMO_MAX = 2000
    _textstat._PYPHEN_MEMO_MAX = 50


def run(n: int, jobs: int, keep: str | None) -> None:
    from compare._accel import backend
    from compare.pipeline import RunConfig, analyze_stream

    cfg = RunConfig(families=FAMILIES, jobs=jobs, progress=False, claims=False, provenance=False)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        counts = analyze_stream(_articles(n), keep or tmp, config=cfg, chunk_size=2000)
        secs = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        "| articles | jobs | kernels | seconds | articles/s | main MB | largest worker MB | main + jobs x worker MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {n:,} | {jobs} | {backend()} | {secs:.1f} | {n / secs:.0f} | {own:.0f} | {kids:.0f} "
        f"| {own + jobs * kids if jobs > 1 else own:.0f} |"
    )
    print(f"\nRows written: {counts}")


def compare_dirs(a: Path, b: Path) -> int:
    import pandas as pd

    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        print(f"different tables: {names} / {sorted(p.name for p in b.iterdir())}")
        return 1
    for name in names:
        x, y = pd.read_parquet(a / name), pd.read_parquet(b / name)
        pd.testing.assert_frame_equal(x, y, check_exact=True)
        print(f"{name}: {x.shape[0]:,} rows x {x.shape[1]} columns, equal")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=20_000, help="articles to stream")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default=None, help="write the tables here (kept) instead of a temporary folder")
    ap.add_argument("--tiny-bounds", action="store_true", help="word memos bounded to a few thousand entries")
    ap.add_argument("--compare", nargs=2, metavar="DIR", help="check that two kept outputs are equal")
    args = ap.parse_args(argv)
    if args.compare:
        return compare_dirs(Path(args.compare[0]), Path(args.compare[1]))
    if args.tiny_bounds:
        _tiny_bounds()
    run(args.n, args.jobs, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
