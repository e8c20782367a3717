"""Sentence-boundary precision / recall / F1 on BASIL, for the Document's splitter and others.

BASIL's articles come split into sentences by their annotators. Two protocols:

``flat``
    all sentences of an article joined with single spaces (no paragraph breaks, so layout gives
    nothing away); every sentence end except the article's last is a boundary. This is the usual
    way of measuring splitters on pre-split corpora, and the headline figure.
``in-paragraph``
    the text as :func:`compare.io.read_basil` builds it (line breaks between paragraphs), counting
    only boundaries *inside* paragraphs; the hardest view, since paragraph ends are free.

Boundaries are character offsets matched exactly. blingfire and pysbd are measured when
installed (``pip install blingfire pysbd``); they are not dependencies of media-compare.

Run: ``python benchmarks/bench_sentences.py [--errors N]``
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from compare import analyze_text, read_corpus
from compare._datasets import datasets_dir


def _spans_to_ends(text: str, pieces: list[str]) -> list[int]:
    ends, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:
            continue
        pos = i + len(piece)
        ends.append(pos)
    return ends


def splitters() -> dict:
    out = {"media-compare Document": lambda t: [s.end for s in analyze_text(t).sentences]}
    try:
        import blingfire

        out["blingfire"] = lambda t: _spans_to_ends(t, blingfire.text_to_sentences(t).split("\n"))
    except ImportError:
        pass
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        out["pysbd"] = lambda t: _spans_to_ends(t, seg.segment(t))
    except ImportError:
        pass
    return out


def evaluate(corpus, split, *, protocol: str):
    tp = n_pred = n_gold = 0
    errors = []
    for art in corpus:
        offsets = art.extra["sentence_offsets"]
        if protocol == "flat":
            sents = [art.text[s:e] for s, e in offsets]
            text = " ".join(sents)
            gold, pos = set(), 0
            for s in sents[:-1]:
                pos += len(s)
                gold.add(pos)
                pos += 1
            skip = {len(text)}
        else:
            text = art.text
            skip = {e for s, e in offsets if e == len(text) or text[e : e + 1] == "\n"} | {len(text)}
            gold = {e for s, e in offsets if e not in skip}
        pred = {e for e in split(text) if e not in skip}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        for e in sorted(gold ^ pred):
            errors.append(("missed" if e in gold else "spurious", re.sub(r"\s+", " ", text[max(0, e - 60) : e + 40])))
    p, r = tp / n_pred, tp / n_gold
    return p, r, 2 * p * r / (p + r), n_gold, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print N error examples of ours (stderr)")
    args = ap.parse_args(argv)
    corpus = read_corpus(datasets_dir(required=True) / "basil", format="basil")
    print(f"BASIL: {len(corpus)} articles, {sum(len(a.extra['sentence_offsets']) for a in corpus)} sentences\n")
    print("| protocol | splitter | precision | recall | F1 | gold boundaries | seconds |")
    print("|---|---|---|---|---|---|---|")
    for protocol in ("flat", "in-paragraph"):
        for name, split in splitters().items():
            t0 = time.perf_counter()
            p, r, f, n, errors = evaluate(corpus, split, protocol=protocol)
            dt = time.perf_counter() - t0
            print(f"| {protocol} | {name} | {p:.4f} | {r:.4f} | **{f:.4f}** | {n} | {dt:.2f} |")
            if args.errors and name.startswith("media-compare") and protocol == "flat":
                for kind, snippet in errors[: args.errors]:
                    print(f"    {kind}: {snippet!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
