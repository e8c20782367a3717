"""Each compiled kernel against its pure-Python twin, on the step it serves.

For every kernel of ``compare._speedups`` the step that uses it is timed twice in one process:
with the compiled kernel and with the pure-Python fallback (the module's ``speedups`` hook set
to None), on the same real articles (BASIL's 300, then PolNeAR's; ``--n``). CPU time
(``time.process_time``), median of ``--repeats`` runs; the outputs of the two paths are checked
equal before timing. A kernel is kept only if it saves at least 20% on its step.

Steps:

- ``provenance_features``: citations and reuse fingerprints of one article (kernel: word-token
  hashing, n-gram shingles and winnowing).

(A second kernel, for the vocabulary loops of scikit-learn's ``TfidfVectorizer`` in the claim
similarity, was dropped when the claim step began to compute its TF-IDF directly with numpy, which
removed those loops on both paths.)

``--parts`` prints, instead, what each part of the per-article analysis costs on each path: the
Document (cold), actor mentions, each score family, and the features alignment needs (claims,
provenance), CPU ms per article, run in the pipeline's order with the pipeline's garbage-collector
settings, all caches emptied before each pass (median of ``--repeats`` passes).

Run: ``python benchmarks/bench_accel.py [--n 300] [--repeats 5] [--parts]``
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import load_articles


def _median_cpu(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--parts", action="store_true", help="per-part costs of the per-article analysis")
    args = ap.parse_args(argv)
    if args.parts:
        return parts(args.n, args.repeats)

    from compare import _accel, analyze_text
    from compare.align import provenance_features
    from compare.align.provenance import _reuse

    if _accel.speedups() is None:
        raise SystemExit("the compiled kernels are not built (or MEDIA_COMPARE_PURE_PYTHON is set)")
    arts = list(load_articles(args.n))
    docs = [analyze_text(a.text) for a in arts]
    for d in docs:  # the token columns, built once per Document in the pipeline too
        _ = d.token_texts, d.token_kinds, d.token_starts, d.token_ends

    steps = [
        (
            "provenance_features (per article)",
            _reuse,
            lambda: [provenance_features(d) for d in docs],
            len(docs),
        ),
    ]
    gc.disable()
    print(
        f"# Compiled kernels against their pure-Python twins: {len(docs)} articles\n"
    )
    print(f"CPU ms per item, median of {args.repeats} runs.\n")
    print("| step | items | pure Python (ms) | compiled (ms) | saved | identical output |")
    print("|---|---|---|---|---|---|")
    for name, module, run, items in steps:
        compiled_out = run()
        hook = module.speedups
        module.speedups = lambda: None
        try:
            pure_out = run()
            t_pure = _median_cpu(run, args.repeats)
        finally:
            module.speedups = hook
        t_fast = _median_cpu(run, args.repeats)
        same = all(_equal(x, y) for x, y in zip(compiled_out, pure_out, strict=True))
        print(
            f"| {name} | {items} | {1000 * t_pure / items:.3f} | {1000 * t_fast / items:.3f} | "
            f"{100 * (1 - t_fast / t_pure):.0f}% | {'yes' if same else 'NO'} |",
            flush=True,
        )
    return 0


def parts(n: int, repeats: int) -> int:
    """CPU ms per article of each part of ``analyze_article``, on both kernel paths."""
    import os

    from bench_pipeline import clear_caches, use_path

    from compare import _accel
    from compare._parallel import relaxed_gc
    from compare.actors import actor_mentions
    from compare.align import claim_features, provenance_features
    from compare.scores import ALL_FAMILIES, FAMILIES
    from compare.text import _cached_build

    arts = list(load_articles(n))
    names = ["document", "actors", *ALL_FAMILIES, "claim features", "provenance features"]

    def one_pass() -> dict[str, float]:
        clear_caches()
        spent = dict.fromkeys(names, 0.0)
        clock = time.process_time
        with relaxed_gc():
            for a in arts:
                t0 = clock()
                doc = _cached_build(a.text)
                t1 = clock()
                mentions = tuple(actor_mentions(doc, outlet=a.outlet))
                t2 = clock()
                spent["document"] += t1 - t0
                spent["actors"] += t2 - t1
                for name in ALL_FAMILIES:
                    t0 = clock()
                    FAMILIES[name](doc, article=a, mentions=mentions, options={})
                    spent[name] += clock() - t0
                t0 = clock()
                claim_features(doc)
                t1 = clock()
                provenance_features(doc, outlet=a.outlet)
                spent["claim features"] += t1 - t0
                spent["provenance features"] += clock() - t1
        return spent

    paths = ["python", "compiled"] if _accel.speedups() is not None else ["python"]
    table = {}
    for path in paths:
        use_path(path)
        one_pass()  # warm-up: lexicons, models, lazy imports
        passes = [one_pass() for _ in range(repeats)]
        table[path] = {k: statistics.median(p[k] for p in passes) * 1000 / len(arts) for k in names}
    os.environ.pop(_accel.ENV_PURE, None)
    print(
        f"# Per-article cost of each part: {len(arts)} articles, CPU ms per article, median of {repeats} passes\n"
    )
    print("| part | " + " | ".join(paths) + (" | saved |" if len(paths) == 2 else " |"))
    print("|---|" + "---|" * len(paths) + ("---|" if len(paths) == 2 else ""))
    for k in [*names, "total"]:
        vals = [sum(table[p].values()) if k == "total" else table[p][k] for p in paths]
        cells = " | ".join(f"{v:.2f}" for v in vals)
        saved = f" | {100 * (1 - vals[1] / vals[0]):.0f}%" if len(vals) == 2 and vals[0] else ""
        print(f"| {k} | {cells}{saved} |")
    return 0


def _equal(x, y) -> bool:
    if isinstance(x, np.ndarray):
        return x.dtype == y.dtype and np.array_equal(x, y)
    fx, fy = x.fingerprint, y.fingerprint  # ProvenanceFeatures
    return x.citations == y.citations and all(
        np.array_equal(getattr(fx, f), getattr(fy, f))
        for f in ("shingles", "tok_start", "tok_end", "fingerprints")
    )


if __name__ == "__main__":
    raise SystemExit(main())
