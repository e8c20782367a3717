"""Benchmark of same-event clustering (:func:`compare.align.align_events`).

Accuracy on three gold standards (read from the shared datasets folder at run time):

- **BASIL** (Fan et al. 2019): 300 articles, 100 events x 3 outlets (fox / nyt / hpo);
- **AllSides roundups** (NeuS release, Lee et al. 2022): 1,479 snippets of 506 stories; the
  left / center / right side of each snippet is used as its "outlet" (the cannot-link key);
- **NewsWCL50** (Hamborg et al. 2019): 50 articles, 10 events x 5 outlets, no dates.

The shipped pair model (``src/compare/data/event_pairs.json``) was fitted on these corpora and the
real-coverage sets by ``benchmarks/train_events.py``, so the figures here are in-sample; the
held-out figures (leave one dataset out) come from ``benchmarks/train_events.py lodo``.

Speed: synthetic corpora (``benchmarks/synthetic.py``) of 10,000 and 100,000 articles, each in
a fresh subprocess; wall time and CPU time of ``align_events`` and the process's peak RSS.

Run ``.venv/bin/python benchmarks/bench_events.py`` (``--no-speed`` to skip the speed runs,
``--sizes 10000 100000`` to choose them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
try:
    import compare
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(HERE.parent / "src"))
    import compare

from compare import Article, Corpus
from compare._datasets import datasets_dir
from compare.align import align_events

# ----------------------------------------------------------------------------------------------
# Loading: compare.io when it can read the dataset, else the JSON directly.


def load_dataset(name: str, *, outlet_as_side: bool = True) -> Corpus:
    """Return the dataset as a Corpus with gold ``event`` labels (AllSides: outlet = side)."""
    root = datasets_dir(required=True)
    folder = {"basil": "basil", "allsides": "allsides_neus", "newswcl50": "newswcl50"}[name]
    corpus = None
    try:
        from compare.io import read_corpus

        corpus = read_corpus(root / folder, format=name)
        if not len(corpus) or any(a.event is None for a in corpus):
            corpus = None
    except Exception:  # noqa: BLE001 - the reader may not exist yet or may change
        corpus = None
    if corpus is None:
        corpus = {"basil": _read_basil, "allsides": _read_allsides, "newswcl50": _read_newswcl50}[name](
            root / folder
        )
    if name == "allsides" and outlet_as_side:
        sides = [a.extra.get("side") for a in corpus]
        if all(sides):
            corpus = Corpus(
                [replace(a, outlet=s) for a, s in zip(corpus, sides, strict=True)], name=corpus.name
            )
    return corpus


def _read_basil(folder: Path) -> Corpus:
    arts = []
    for f in sorted((folder / "articles").rglob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(p) for p in d.get("body-paragraphs") or [])
        arts.append(
            Article(
                id=f.stem,
                outlet=str(d["source"]).lower(),
                title=d.get("title") or "",
                text=text,
                published=d.get("date"),
                event=d["triplet-uuid"],
            )
        )
    return Corpus(arts, name="basil")


def _read_allsides(folder: Path) -> Corpus:
    arts = []
    for f in sorted(folder.glob("headline_*crawled_all.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            story = json.loads(line)
            for side, item in (story.get("news") or {}).items():
                body = "\n".join(p for p in item.get("newBody") or [] if p.strip())
                if not body:
                    continue
                arts.append(
                    Article(
                        id=f"allsides-{story['id']}-{side}",
                        outlet=item.get("newsSource") or side,
                        title=item.get("newsTitle") or "",
                        text=body,
                        published=story.get("date"),
                        event=str(story["id"]),
                        extra={"side": side},
                    )
                )
    return Corpus(arts, name="allsides")


def _read_newswcl50(folder: Path) -> Corpus:
    arts = []
    for line in (folder / "newswcl50_docs.derived.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            arts.append(
                Article(
                    id=str(d["doc_id"]),
                    outlet=str(d["outlet"]),
                    text=d["text_tokenized"],
                    event=str(d["event_id"]),
                )
            )
    return Corpus(arts, name="newswcl50")


# ----------------------------------------------------------------------------------------------
# Splits and metrics


def split_half(corpus: Corpus, half: str) -> Corpus:
    """Articles whose gold event falls in the ``"tune"`` or ``"report"`` half (md5 of the label)."""

    def bucket(event: str) -> str:
        return "tune" if int(hashlib.md5(event.encode()).hexdigest(), 16) % 2 == 0 else "report"

    return Corpus([a for a in corpus if bucket(a.event) == half], name=f"{corpus.name}-{half}")


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pairs = Counter(zip(gold, pred, strict=True))
    g, p = Counter(gold), Counter(pred)
    prec = sum(c * c / p[pp] for (gg, pp), c in pairs.items()) / len(gold)
    rec = sum(c * c / g[gg] for (gg, pp), c in pairs.items()) / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def evaluate(corpus: Corpus, **params) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    frame = align_events(corpus, **params)
    gold_of = {a.id: a.event for a in corpus}
    gold = [gold_of[i] for i in frame["article_id"]]
    pred = frame["event_id"].tolist()
    dev = frame["development_id"].tolist()
    p, r, f = bcubed(gold, pred)
    return {
        "articles": len(gold),
        "events": len(set(gold)),
        "predicted": len(set(pred)),
        "ari": adjusted_rand_score(gold, pred),
        "b3_p": p,
        "b3_r": r,
        "b3_f1": f,
        "predicted_dev": len(set(dev)),
        "dev_ari": adjusted_rand_score(gold, dev),
        "dev_b3_f1": bcubed(gold, dev)[2],
    }


# ----------------------------------------------------------------------------------------------
# Speed (each size in a fresh subprocess, so peak RSS is that run's own)

_SPEED_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from synthetic import generate_corpus
from compare.align import align_events
import sklearn.feature_extraction.text  # import cost outside the timing


def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


corpus = generate_corpus({n}, seed=0)
rss_before = rss_mb("VmRSS:")
try:  # reset the peak (VmHWM) so that it measures align_events alone
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
except OSError:
    pass
t0, c0 = time.perf_counter(), time.process_time()
frame = align_events(corpus)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
peak_align = rss_mb("VmHWM:")
peak_process = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from sklearn.metrics import adjusted_rand_score
gold = {{a.id: a.event for a in corpus}}
ari = adjusted_rand_score([gold[i] for i in frame.article_id], frame.event_id)
print(json.dumps({{"n": {n}, "wall": wall, "cpu": cpu, "peak_mb": peak_align, "process_peak_mb": peak_process,
                  "before_mb": rss_before, "events": int(frame.event_id.nunique()),
                  "gold_events": len(set(gold.values())), "ari": ari}}))
"""


def speed(n: int) -> dict[str, float]:
    code = _SPEED_CHILD.format(bench=str(HERE), n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = ap.parse_args(argv)

    out = sys.stdout
    out.write(f"media-compare {compare.__version__}; align_events defaults (shipped pair model)\n\n")
    out.write(
        "| dataset | articles | gold events | predicted stories | story ARI | story B3 F1 "
        "| predicted developments | development ARI | development B3 F1 |\n"
    )
    out.write("|---|---|---|---|---|---|---|---|---|\n")
    for name in ("basil", "allsides", "allsides_outlets", "newswcl50"):
        corpus = (
            load_dataset("allsides", outlet_as_side=False)
            if name == "allsides_outlets"
            else load_dataset(name)
        )
        m = evaluate(corpus)
        out.write(
            f"| {name} | {m['articles']} | {m['events']} | {m['predicted']} | {m['ari']:.4f} | {m['b3_f1']:.4f} "
            f"| {m['predicted_dev']} | {m['dev_ari']:.4f} | {m['dev_b3_f1']:.4f} |\n"
        )
        out.flush()
    if not args.no_speed:
        out.write(
            "\n| synthetic articles | wall s | CPU s | peak RSS during align MB | RSS before align MB "
            "| process peak RSS MB | events (gold) | ARI |\n"
        )
        out.write("|---|---|---|---|---|---|---|---|\n")
        rows = []
        for n in args.sizes:
            r = speed(n)
            rows.append(r)
            out.write(
                f"| {r['n']:,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} | {r['before_mb']:.0f} | "
                f"{r['process_peak_mb']:.0f} | "
                f"{r['events']:,} ({r['gold_events']:,}) | {r['ari']:.4f} |\n"
            )
            out.flush()
        if len(rows) >= 2:
            a, b = rows[0], rows[-1]
            growth = np.log(b["cpu"] / a["cpu"]) / np.log(b["n"] / a["n"])
            out.write(
                f"\nCPU time grows as n^{growth:.2f} from {a['n']:,} to {b['n']:,} articles "
                f"({b['cpu'] / a['cpu']:.1f}x for {b['n'] / a['n']:.0f}x the articles).\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
