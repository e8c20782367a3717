"""Snapshot every table of ``compare.analyze`` and compare two snapshots, table by table.

A refactoring that promises "the same outputs" is checked with this script: run ``save`` before the
change and after it, then ``diff`` the two folders. Every table of :class:`compare.Results` is
compared with ``pandas.testing.assert_frame_equal`` (exact values, column order, dtypes loosely).

Run::

    python benchmarks/snapshot_tables.py save BEFORE_DIR [--jobs 1] [--corpora bundled basil polnear]
    python benchmarks/snapshot_tables.py diff BEFORE_DIR AFTER_DIR

``save`` analyses each corpus with ``analyze``'s defaults (all families, events, claims, provenance)
and writes ``<corpus>/<table>.parquet``; ``diff`` prints one Markdown row per corpus and table.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

import compare
from compare._datasets import datasets_dir

CORPORA = ("bundled", "basil", "polnear")


def _corpus(name: str) -> compare.Corpus:
    if name == "bundled":
        return compare.bundled_corpus()
    return compare.read_corpus(datasets_dir(required=True) / name)


def save(folder: Path, names: list[str], jobs: int) -> None:
    for name in names:
        corpus = _corpus(name)
        t0 = time.perf_counter()
        res = compare.analyze(corpus, jobs=jobs, progress=False)
        took = time.perf_counter() - t0
        out = folder / name
        out.mkdir(parents=True, exist_ok=True)
        for table, df in res.tables.items():
            df.to_pickle(out / f"{table}.pkl")
        print(f"| {name} | {len(corpus)} articles | {took:.1f} s | " + ", ".join(
            f"{t}={len(df)}" for t, df in res.tables.items()) + " |")


def _equal(a: pd.DataFrame, b: pd.DataFrame) -> str:
    if a.empty and b.empty:
        return "equal (empty)"
    try:
        pd.testing.assert_frame_equal(
            a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False, check_column_type=False
        )
    except AssertionError as exc:
        return "DIFFERENT: " + " ".join(str(exc).split())[:300]
    return f"equal ({len(a)} rows)"


def diff(before: Path, after: Path) -> int:
    bad = 0
    print("| corpus | table | result |\n|---|---|---|")
    for corpus_dir in sorted(p for p in before.iterdir() if p.is_dir()):
        for file in sorted(corpus_dir.glob("*.pkl")):
            other = after / corpus_dir.name / file.name
            if not other.is_file():
                print(f"| {corpus_dir.name} | {file.stem} | MISSING after |")
                bad += 1
                continue
            verdict = _equal(pd.read_pickle(file), pd.read_pickle(other))
            bad += verdict.startswith("DIFFERENT")
            print(f"| {corpus_dir.name} | {file.stem} | {verdict} |")
        for file in sorted((after / corpus_dir.name).glob("*.pkl")):
            if not (corpus_dir / file.name).is_file():
                print(f"| {corpus_dir.name} | {file.stem} | NEW after ({len(pd.read_pickle(file))} rows) |")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save")
    s.add_argument("folder", type=Path)
    s.add_argument("--jobs", type=int, default=1)
    s.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=CORPORA)
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "save":
        save(args.folder, args.corpora, args.jobs)
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
