"""Check the real-coverage evaluation sets: labels in this folder against the page-text cache.

The article texts are not in the repository (research use only). They are read from the cache
folder ``../shared/real_coverage`` next to the repository root (``<set>.jsonl``, one article a
line: ``id, outlet, title, text, url, published``). The labels live beside this script:

- ``<set>.csv``: one row per article (story, development, outlet, country, group, dates, copies);
- ``<set>.sentences.csv``: loaded-language labels with character offsets into ``text``;
- ``<set>.claim_pairs.csv``: sentence pairs of the main story labelled same / partial / different;
- ``<set>.actors.csv``: actors and every surface form that occurs in the texts;
- ``outlets.<set>.csv``: outlet table (aliases, country, group, state affiliation, leaning).

The script verifies that every id in every label file exists in the cache, that offsets are
valid, that loaded words lie inside their sentence, that claim pairs join two different outlets
of the main story, that every actor form occurs in the texts and every actor in two articles at
least, that copies point at an article of another outlet, and that the outlet table covers every
outlet. It then prints the counts per set as Markdown tables. It exits with status 1 and names the
file, row and field at fault when a check fails.

Run ``python benchmarks/real_coverage/check_sets.py`` (``--cache DIR`` to read the texts from
elsewhere, ``--sets NAME ...`` to check some sets only).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE.parents[1].parent / "shared" / "real_coverage"

ARTICLE_COLUMNS = [
    "id",
    "url",
    "outlet",
    "outlet_canonical",
    "country",
    "group",
    "story",
    "development",
    "date",
    "date_shown",
    "copy_of",
    "decoy",
    "notes",
]
GROUPS = {
    "wire",
    "western",
    "state_affiliated",
    "regional",
    "ukrainian",
    "russian_independent",
    "aggregator",
    "copy_site",
    "other",
}
KINDS = {"person", "location", "organization", "group", "outlet"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SetError(Exception):
    """A label file disagrees with the cache or with its own format."""


def _read_csv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    """Return the rows of ``path`` after checking its header against ``columns``."""
    if not path.is_file():
        raise SetError(f"{path.name}: file is missing")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            raise SetError(f"{path.name}: header is {reader.fieldnames}, expected {columns}")
        return list(reader)


def _read_cache(path: Path) -> dict[str, dict]:
    """Return the cached articles of one set, keyed by id."""
    if not path.is_file():
        raise SetError(f"{path}: cache file is missing (texts are kept outside the repository)")
    articles = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            record = json.loads(line)
            for field in ("id", "outlet", "title", "text", "url", "published"):
                if field not in record:
                    raise SetError(f"{path.name}:{n}: field {field!r} is missing")
            if record["published"] is not None and not ISO_DATE.fullmatch(record["published"]):
                raise SetError(f"{path.name}:{n}: field 'published' is not YYYY-MM-DD")
            articles[record["id"]] = record
    return articles


def _span(text: str, start: str, end: str, where: str) -> str:
    """Return ``text[start:end]`` after checking that the span is a trimmed, non-empty slice."""
    s, e = int(start), int(end)
    if not 0 <= s < e <= len(text):
        raise SetError(f"{where}: offsets {s}:{e} outside the text (length {len(text)})")
    span = text[s:e]
    if span != span.strip():
        raise SetError(f"{where}: span {s}:{e} starts or ends with white space")
    return span


def check_set(name: str, *, cache: Path) -> dict:
    """Check one set and return its counts.

    Parameters
    ----------
    name : str
        Set name, e.g. ``"rc-gaza-ceasefire-2025"``.
    cache : pathlib.Path
        Folder holding ``<name>.jsonl``.

    Returns
    -------
    dict
        Counts used by the report tables.

    Raises
    ------
    SetError
        If a label file is missing, malformed or inconsistent with the cache.
    """
    articles = _read_cache(cache / f"{name}.jsonl")
    rows = _read_csv(HERE / f"{name}.csv", ARTICLE_COLUMNS)
    label = {}
    for n, r in enumerate(rows, 2):
        where = f"{name}.csv row {n}"
        if r["id"] not in articles:
            raise SetError(f"{where}: id {r['id']!r} is not in the cache")
        a = articles[r["id"]]
        if r["url"] != a["url"] or r["outlet"] != a["outlet"]:
            raise SetError(f"{where}: url or outlet differs from the cache")
        if r["group"] not in GROUPS:
            raise SetError(f"{where}: group {r['group']!r} is not one of {sorted(GROUPS)}")
        if r["date"] and not ISO_DATE.fullmatch(r["date"]):
            raise SetError(f"{where}: date {r['date']!r} is not YYYY-MM-DD")
        if r["date_shown"] != ("1" if a["published"] else "0"):
            raise SetError(f"{where}: date_shown disagrees with the cached 'published'")
        if r["decoy"] not in ("0", "1"):
            raise SetError(f"{where}: decoy must be 0 or 1")
        label[r["id"]] = r
    if set(label) != set(articles):
        raise SetError(f"{name}.csv: ids differ from the cache ({len(label)} vs {len(articles)})")
    mains = {r["story"] for r in rows if r["decoy"] == "0"}
    if len(mains) != 1:
        raise SetError(f"{name}.csv: expected one main story (decoy=0), found {sorted(mains)}")
    main = mains.pop()
    for r in rows:
        if r["copy_of"]:
            other = label.get(r["copy_of"])
            if other is None:
                raise SetError(f"{name}.csv: copy_of {r['copy_of']!r} of {r['id']} is not an id")
            if other["outlet_canonical"] == r["outlet_canonical"]:
                raise SetError(f"{name}.csv: {r['id']} is marked as a copy of its own outlet")

    sentences = _read_csv(
        HERE / f"{name}.sentences.csv", ["id", "start", "end", "label", "voice", "loaded_words"]
    )
    for n, r in enumerate(sentences, 2):
        where = f"{name}.sentences.csv row {n}"
        if r["id"] not in articles:
            raise SetError(f"{where}: id {r['id']!r} is not in the cache")
        span = _span(articles[r["id"]]["text"], r["start"], r["end"], where)
        if r["label"] == "loaded":
            if r["voice"] not in ("own", "quoted") or not r["loaded_words"]:
                raise SetError(f"{where}: a loaded sentence needs voice own/quoted and loaded_words")
            for word in r["loaded_words"].split("|"):
                if word not in span:
                    raise SetError(f"{where}: loaded word {word!r} is not in the sentence")
        elif r["label"] == "neutral":
            # a neutral sentence has no loaded words; its voice may be left empty or given
            if r["voice"] not in ("", "own", "quoted") or r["loaded_words"]:
                raise SetError(f"{where}: a neutral sentence has no loaded_words (and voice empty, own or quoted)")
        else:
            raise SetError(f"{where}: label {r['label']!r} is not loaded/neutral")

    pairs = _read_csv(
        HERE / f"{name}.claim_pairs.csv",
        ["id_a", "start_a", "end_a", "id_b", "start_b", "end_b", "label", "added_side", "added_words"],
    )
    for n, r in enumerate(pairs, 2):
        where = f"{name}.claim_pairs.csv row {n}"
        for side in ("a", "b"):
            aid = r[f"id_{side}"]
            if aid not in articles:
                raise SetError(f"{where}: id_{side} {aid!r} is not in the cache")
            if label[aid]["story"] != main:
                raise SetError(f"{where}: id_{side} {aid} is not in the main story {main!r}")
            _span(articles[aid]["text"], r[f"start_{side}"], r[f"end_{side}"], f"{where} side {side}")
        if label[r["id_a"]]["outlet_canonical"] == label[r["id_b"]]["outlet_canonical"]:
            raise SetError(f"{where}: both sentences come from the same outlet")
        if r["label"] == "partial":
            if r["added_side"] not in ("a", "b") or not r["added_words"]:
                raise SetError(f"{where}: a partial pair needs added_side a/b and added_words")
        elif r["label"] in ("same", "different"):
            if r["added_side"] or r["added_words"]:
                raise SetError(f"{where}: only partial pairs have added_side / added_words")
        else:
            raise SetError(f"{where}: label {r['label']!r} is not same/partial/different")

    actors = _read_csv(HERE / f"{name}.actors.csv", ["actor", "kind", "forms"])
    texts = [a["text"] for a in articles.values()]
    for n, r in enumerate(actors, 2):
        where = f"{name}.actors.csv row {n} ({r['actor']})"
        if r["kind"] not in KINDS:
            raise SetError(f"{where}: kind {r['kind']!r} is not one of {sorted(KINDS)}")
        docs = set()
        for form in r["forms"].split("|"):
            hits = [i for i, t in enumerate(texts) if form in t]
            if not hits:
                raise SetError(f"{where}: form {form!r} does not occur in any text")
            docs.update(hits)
        if len(docs) < 2 and r["kind"] != "outlet":  # outlets named in a text are listed even once
            raise SetError(f"{where}: the forms occur in fewer than two articles")

    outlets = _read_csv(
        HERE / f"outlets.{name}.csv",
        ["outlet", "aliases", "country", "group", "state_affiliated", "leaning"],
    )
    table = {r["outlet"]: r for r in outlets}
    for r in rows:
        o = table.get(r["outlet_canonical"])
        if o is None:
            raise SetError(f"outlets.{name}.csv: outlet {r['outlet_canonical']!r} is missing")
        names = {o["outlet"], *o["aliases"].split("|")}
        if r["outlet"] not in names:
            raise SetError(f"outlets.{name}.csv: alias {r['outlet']!r} of {o['outlet']} is missing")
        if (o["country"], o["group"]) != (r["country"], r["group"]):
            raise SetError(f"outlets.{name}.csv: country/group of {o['outlet']} differ from {name}.csv")

    return {
        "name": name,
        "main": main,
        "rows": rows,
        "sentences": sentences,
        "pairs": pairs,
        "actors": actors,
        "outlets": outlets,
    }


def _table(header: list[str], body: list[list]) -> str:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in body]
    return "\n".join(lines)


def report(results: list[dict]) -> str:
    """Return the Markdown tables for the checked sets."""
    out = ["### Real-coverage sets: counts", ""]
    body = []
    for r in results:
        rows = r["rows"]
        n = len(rows)
        shown = sum(x["date_shown"] == "1" for x in rows)
        stories = {x["story"] for x in rows}
        devs = {x["development"] for x in rows if x["story"] == r["main"]}
        loaded = sum(s["label"] == "loaded" for s in r["sentences"])
        body.append(
            [
                r["name"],
                n,
                len({x["outlet_canonical"] for x in rows}),
                len({x["country"] for x in rows if x["country"]}),
                len(stories),
                len(devs),
                f"{1 - shown / n:.0%}",
                sum(bool(x["copy_of"]) for x in rows),
                sum(x["group"] == "copy_site" for x in rows),
                f"{len(r['sentences'])} ({loaded / len(r['sentences']):.0%} loaded)",
                len(r["pairs"]),
                len(r["actors"]),
            ]
        )
    out.append(
        _table(
            [
                "set",
                "articles",
                "outlets",
                "countries",
                "stories",
                "main developments",
                "undated",
                "copy_of links",
                "copy sites",
                "sentences",
                "claim pairs",
                "actors",
            ],
            body,
        )
    )
    for r in results:
        out += ["", f"### {r['name']}: articles per story and development", ""]
        per = Counter((x["story"], x["development"], x["decoy"]) for x in r["rows"])
        dates = defaultdict(list)
        for x in r["rows"]:
            if x["date"]:
                dates[(x["story"], x["development"])].append(x["date"])
        out.append(
            _table(
                ["story", "development", "decoy", "articles", "dates"],
                [
                    [s, d, k, c, f"{min(dates[(s, d)])} to {max(dates[(s, d)])}" if dates[(s, d)] else ""]
                    for (s, d, k), c in sorted(
                        per.items(), key=lambda kv: (kv[0][2], kv[0][0], min(dates[kv[0][:2]] or [""]))
                    )
                ],
            )
        )
        out += ["", f"### {r['name']}: outlets by group", ""]
        groups = Counter(x["group"] for x in r["outlets"])
        out.append(
            _table(
                ["group", "outlets", "state-affiliated"],
                [
                    [g, c, sum(o["state_affiliated"] == "1" for o in r["outlets"] if o["group"] == g)]
                    for g, c in groups.most_common()
                ],
            )
        )
        out += ["", f"### {r['name']}: labels", ""]
        voices = Counter(s["voice"] for s in r["sentences"] if s["label"] == "loaded")
        pl = Counter(p["label"] for p in r["pairs"])
        kinds = Counter(a["kind"] for a in r["actors"])
        out.append(
            _table(
                [
                    "loaded own",
                    "loaded quoted",
                    "neutral",
                    "pairs same",
                    "pairs partial",
                    "pairs different",
                    "actors by kind",
                ],
                [
                    [
                        voices["own"],
                        voices["quoted"],
                        sum(s["label"] == "neutral" for s in r["sentences"]),
                        pl["same"],
                        pl["partial"],
                        pl["different"],
                        ", ".join(f"{k} {c}" for k, c in sorted(kinds.items())),
                    ]
                ],
            )
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Check the sets named on the command line (default: every set in this folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of <set>.jsonl")
    parser.add_argument("--sets", nargs="*", default=None, help="set names (default: all)")
    args = parser.parse_args(argv)
    names = args.sets or sorted(
        p.name[: -len(".csv")] for p in HERE.glob("rc-*.csv") if p.name.count(".") == 1
    )
    try:
        results = [check_set(name, cache=args.cache) for name in names]
    except SetError as err:
        print(f"check failed: {err}", file=sys.stderr)
        return 1
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
