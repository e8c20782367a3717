"""Check the real-coverage label files against the shared text cache.

The label files in this folder (``<set>.csv``, ``<set>.actors.csv``, ``<set>.sentences.csv``,
``<set>.claim_pairs.csv``, ``outlets.<set>.csv``) refer to article texts that are *not* in the
repository: they live in ``../shared/real_coverage/<set>.jsonl`` relative to the repository root
(one JSON object per line: ``id, outlet, title, text, url, published``).

This script verifies that every id in the label files exists in the cache, that character offsets
cut real sentences (``text[start:end]``), that loaded words and added words occur where they are
said to, that ``copy_of`` points to an article of the same set, that every actor form occurs in
the texts, and prints the counts per set, story and development as Markdown tables.

Usage::

    python benchmarks/real_coverage/check_sets.py [--cache DIR] [SET ...]

Exit status 1 if any check fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_CACHE = ROOT.parent / "shared" / "real_coverage"
SETS = ("rc-prisoner-swap-2024", "rc-assad-fall-2024")
ARTICLE_COLUMNS = ["id", "url", "outlet", "outlet_canonical", "country", "group", "story", "development",
                   "date", "date_shown", "copy_of", "decoy", "notes"]
GROUPS = {"wire", "western", "state_affiliated", "regional", "ukrainian", "russian_independent",
          "aggregator", "copy_site", "other"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def check_set(name: str, cache: Path) -> tuple[list[str], dict]:
    """Return the problems found in one set and its summary counts."""
    problems: list[str] = []
    cache_file = cache / f"{name}.jsonl"
    texts = {}
    for n, line in enumerate(cache_file.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        if set(rec) != {"id", "outlet", "title", "text", "url", "published"}:
            problems.append(f"{cache_file}:{n}: fields {sorted(rec)}")
        texts[rec["id"]] = rec
    arts = read_csv(HERE / f"{name}.csv")
    if arts and list(arts[0]) != ARTICLE_COLUMNS:
        problems.append(f"{name}.csv: columns {list(arts[0])}")
    ids = {a["id"] for a in arts}
    if ids != set(texts):
        problems.append(f"{name}.csv: ids differ from the cache ({len(ids ^ set(texts))} differ)")
    for a in arts:
        rec = texts.get(a["id"])
        if rec is None:
            continue
        if a["url"] != rec["url"] or a["outlet"] != rec["outlet"]:
            problems.append(f"{name}.csv: {a['id']}: url/outlet differ from the cache")
        if a["group"] not in GROUPS:
            problems.append(f"{name}.csv: {a['id']}: group {a['group']!r}")
        if a["copy_of"] and a["copy_of"] not in ids:
            problems.append(f"{name}.csv: {a['id']}: copy_of {a['copy_of']} not in the set")
        if (a["date_shown"] == "1") != bool(rec["published"]):
            problems.append(f"{name}.csv: {a['id']}: date_shown={a['date_shown']} but published={rec['published']}")
    main = [a for a in arts if a["decoy"] == "0"]
    by_id = {a["id"]: a for a in arts}

    sent = read_csv(HERE / f"{name}.sentences.csv")
    for s in sent:
        rec = texts.get(s["id"])
        if rec is None:
            problems.append(f"{name}.sentences.csv: unknown id {s['id']}")
            continue
        start, end = int(s["start"]), int(s["end"])
        piece = rec["text"][start:end]
        if not (0 <= start < end <= len(rec["text"])) or piece != piece.strip():
            problems.append(f"{name}.sentences.csv: {s['id']} {start}:{end} is not a trimmed span")
        if s["label"] not in ("loaded", "neutral") or s["voice"] not in ("own", "quoted"):
            problems.append(f"{name}.sentences.csv: {s['id']} {start}: label/voice {s['label']}/{s['voice']}")
        words = [w for w in s["loaded_words"].split("|") if w]
        if (s["label"] == "loaded") != bool(words):
            problems.append(f"{name}.sentences.csv: {s['id']} {start}: loaded words do not match the label")
        for w in words:
            if w.lower() not in piece.lower():
                problems.append(f"{name}.sentences.csv: {s['id']} {start}: {w!r} not in the sentence")

    pairs = read_csv(HERE / f"{name}.claim_pairs.csv")
    for p in pairs:
        spans = {}
        for side in ("a", "b"):
            rec = texts.get(p[f"id_{side}"])
            if rec is None:
                problems.append(f"{name}.claim_pairs.csv: unknown id {p[f'id_{side}']}")
                continue
            spans[side] = rec["text"][int(p[f"start_{side}"]):int(p[f"end_{side}"])]
            if by_id[p[f"id_{side}"]]["decoy"] != "0":
                problems.append(f"{name}.claim_pairs.csv: {p[f'id_{side}']} is a decoy article")
        if len(spans) < 2:
            continue
        if by_id[p["id_a"]]["outlet_canonical"] == by_id[p["id_b"]]["outlet_canonical"]:
            problems.append(f"{name}.claim_pairs.csv: {p['id_a']} and {p['id_b']}: same outlet")
        if p["label"] not in ("same", "partial", "different"):
            problems.append(f"{name}.claim_pairs.csv: label {p['label']!r}")
        if p["label"] == "partial":
            side = p["added_side"]
            if side not in ("a", "b"):
                problems.append(f"{name}.claim_pairs.csv: partial pair without added_side")
            else:
                for w in [w for w in p["added_words"].split("|") if w]:
                    if w.lower() not in spans[side].lower():
                        problems.append(f"{name}.claim_pairs.csv: added words {w!r} not in side {side}")

    corpus = "\n".join(r["text"] for r in texts.values())
    actors = read_csv(HERE / f"{name}.actors.csv")
    for a in actors:
        if a["kind"] not in ("person", "location", "organization", "group", "outlet"):
            problems.append(f"{name}.actors.csv: {a['actor']}: kind {a['kind']!r}")
        for form in a["forms"].split("|"):
            if form not in corpus:
                problems.append(f"{name}.actors.csv: {a['actor']}: form {form!r} not in the texts")

    outlets = read_csv(HERE / f"outlets.{name}.csv")
    canon = {o["outlet"] for o in outlets}
    for a in arts:
        if a["outlet_canonical"] not in canon:
            problems.append(f"outlets.{name}.csv: {a['outlet_canonical']} missing")

    summary = {
        "articles": len(arts),
        "main": len(main),
        "outlets": len({a["outlet_canonical"] for a in arts}),
        "countries": len({a["country"] for a in arts if a["country"]}),
        "stories": len({a["story"] for a in arts}),
        "developments": len({a["development"] for a in main}),
        "undated": sum(a["date_shown"] == "0" for a in arts) / len(arts),
        "copies": sum(bool(a["copy_of"]) for a in arts),
        "sentences": len(sent),
        "loaded": sum(s["label"] == "loaded" for s in sent),
        "pairs": Counter(p["label"] for p in pairs),
        "actors": Counter(a["kind"] for a in actors),
        "by_story": Counter((a["story"], a["development"]) for a in arts),
        "by_group": Counter(a["group"] for a in arts),
    }
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of <set>.jsonl")
    args = parser.parse_args(argv)
    failed = False
    rows = []
    details = []
    for name in args.sets:
        problems, s = check_set(name, args.cache)
        failed |= bool(problems)
        for p in problems:
            print(f"- PROBLEM {p}", file=sys.stderr)
        pairs = s["pairs"]
        rows.append(f"| {name} | {s['articles']} | {s['main']} | {s['outlets']} | {s['countries']} | {s['stories']} "
                    f"| {s['developments']} | {s['undated']:.0%} | {s['copies']} | {s['sentences']} "
                    f"({s['loaded'] / s['sentences']:.0%} loaded) | {sum(pairs.values())} "
                    f"({pairs['same']}/{pairs['partial']}/{pairs['different']}) "
                    f"| {sum(s['actors'].values())} ({s['actors']['outlet']} outlets) | {len(problems)} |")
        details.append((name, s))
    print("| set | articles | main story | outlets | countries | stories | developments | undated | copies "
          "| sentences | claim pairs (same/partial/different) | actors | problems |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    for name, s in details:
        print(f"\n**{name}**: articles per story and development\n")
        print("| story | development | articles |\n|---|---|---|")
        for (story, dev), n in sorted(s["by_story"].items()):
            print(f"| {story} | {dev} | {n} |")
        print("\n| group | articles |\n|---|---|")
        for g, n in sorted(s["by_group"].items()):
            print(f"| {g} | {n} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
