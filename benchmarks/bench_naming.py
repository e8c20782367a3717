"""Naming table on real international coverage: spellings, descriptors and contested terms per outlet.

Run: ``.venv/bin/python benchmarks/bench_naming.py``. Prints Markdown tables.

Data: the four real-coverage sets (``benchmarks/real_coverage/<set>.csv`` for outlet groups; texts
in ``../shared/real_coverage/<set>.jsonl``). Each set is run through :func:`compare.analyze` as a
user would; the naming table is built from ``Results.mentions`` and ``Results.labels`` with
:func:`compare.scores.wordchoice.naming_table`, the contested terms with ``find_terms``.

Checks:

- **counts**: the naming table's "Kiev"/"Kyiv" and Zelensky spelling counts per outlet against an
  independent count of the same spellings among the Document's word tokens of each outlet's
  articles (possessive endings stripped). A difference means a mention the actor finder missed
  (or a word it took into another name);
- **labels**: how many descriptor rows and action rows the pipeline gives, by kind (the issue's
  measurement: 270 of 505 label rows were verbs);
- **what a researcher reads**: spellings found from the data, the name of the event, and how
  outlet groups describe Putin.

Nothing here is tuned; the figures describe the shipped rules on data they were not written on
(the descriptor rules were chosen on NewsWCL50, see ``bench_labels.py``).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

import compare
from compare._datasets import datasets_dir
from compare.scores.wordchoice import distinctive_words, find_terms, naming_table
from compare.text import analyze_text

SETS = ("rc-assad-fall-2024", "rc-gaza-ceasefire-2025", "rc-navalny-death-2024", "rc-prisoner-swap-2024")
HERE = Path(__file__).resolve().parent / "real_coverage"
_POSSESSIVE = re.compile(r"['’]s?$")


def _texts_dir() -> Path:
    return datasets_dir().parent / "real_coverage"


def _token_counts(texts: list[str], spellings: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        doc = analyze_text(text)
        for tok, kind in zip(doc.token_texts, doc.token_kinds, strict=True):
            word = _POSSESSIVE.sub("", tok)
            if kind == "word" and word.casefold() in spellings:
                counts[word.casefold()] += 1
    return counts


def _ci(r: pd.Series) -> str:
    return f"{r['share']:.2f} [{r['ci_low']:.2f}, {r['ci_high']:.2f}]"


def main() -> int:
    base = _texts_dir()
    if not base.is_dir():
        print("real-coverage texts not found (../shared/real_coverage)", file=sys.stderr)
        return 1
    naming, labels, actions, term_frames, metas, corpora = [], [], [], [], [], {}
    t_analyze = t_naming = 0.0
    for name in SETS:
        corpus = compare.read_corpus(base / f"{name}.jsonl")
        corpora[name] = corpus
        meta = pd.read_csv(HERE / f"{name}.csv").rename(columns={"id": "article_id"})
        meta["set"] = name
        metas.append(meta[["article_id", "outlet", "group", "country", "set"]])
        t0 = time.perf_counter()
        res = compare.analyze(corpus, progress=False)
        t_analyze += time.perf_counter() - t0
        terms = find_terms(corpus.to_frame())
        t0 = time.perf_counter()
        table = naming_table(res.mentions, res.labels, terms=terms)
        t_naming += time.perf_counter() - t0
        naming.append(table.assign(set=name))
        labels.append(res.labels.assign(set=name))
        term_frames.append(terms)
        fam = res.tables.get("actions")
        if fam is not None and len(fam):
            actions.append(fam.assign(set=name))
    meta = pd.concat(metas, ignore_index=True)
    group_of = dict(zip(meta["outlet"], meta["group"], strict=False))
    table = pd.concat(naming, ignore_index=True)
    lab = pd.concat(labels, ignore_index=True)
    n_articles = sum(len(c) for c in corpora.values())
    print(f"Sets: {len(SETS)}; articles: {n_articles}; outlets: {meta['outlet'].nunique()}; naming rows: {len(table)}")
    print(f"Time: compare.analyze {t_analyze:.1f} s in all; naming_table {1000 * t_naming:.0f} ms in all (2-core machine)")
    print()

    print("### Labels: descriptors only (verbs are in the actions table)")
    print()
    print("| kind | rows |")
    print("|---|---|")
    for kind, n in lab["kind"].value_counts().sort_index().items():
        print(f"| {kind} | {n} |")
    print(f"| all | {len(lab)} |")
    print()

    for title, referent_pattern, spellings in (
        ("Kyiv / Kiev", r"^Kyiv$|^Kiev$", {"kyiv", "kiev"}),
        ("Zelensky's name", r"Zelensk", {"zelensky", "zelenskyy", "zelenskiy", "zelenskyi", "zelenskij", "zelenski"}),
    ):
        sp = table[(table["dimension"] == "spelling") & table["referent"].str.contains(referent_pattern)]
        sp = sp[sp["form"].str.casefold().isin(spellings)]
        found = {(r["set"], r["group"], r["form"].casefold()): r for r in sp.to_dict("records")}
        print(f"### {title}: spellings per outlet (naming table) against a direct token count")
        print()
        print("| set | outlet | group | spelling | naming table count | share [95% Wilson] | direct token count |")
        print("|---|---|---|---|---|---|---|")
        agree = rows = in_table = in_text = 0
        for set_name, corpus in corpora.items():
            outlets = sorted({a.outlet for a in corpus})
            for outlet in outlets:
                direct = _token_counts([a.text for a in corpus if a.outlet == outlet], spellings)
                keys = sorted({k[2] for k in found if k[:2] == (set_name, outlet)} | set(direct))
                for key in keys:
                    r = found.get((set_name, outlet, key))
                    n = int(r["count"]) if r is not None else 0
                    d = direct.get(key, 0)
                    rows += 1
                    agree += int(d == n)
                    in_table += n
                    in_text += d
                    share = _ci(pd.Series(r)) if r is not None else "(not in table)"
                    form = r["form"] if r is not None else key
                    print(f"| {set_name} | {outlet} | {group_of.get(outlet, '')} | {form} | {n} | {share} | {d} |")
        print()
        print(f"Outlet x spelling rows where the table's count equals the direct token count: {agree} of {rows}; "
              f"uses in the table {in_table} of {in_text} in the texts")
        print()

    print("### Spelling variants found from the data (referents with two or more spellings of a word)")
    print()
    print("| set | referent | spellings (uses) |")
    print("|---|---|---|")
    sp = table[table["dimension"] == "spelling"]
    for (set_name, referent), part in sp.groupby(["set", "referent"], sort=True):
        forms = part.groupby("form")["count"].sum().sort_values(ascending=False)
        print(f"| {set_name} | {referent} | {', '.join(f'{f} ({n})' for f, n in forms.items())} |")
    print()

    terms = pd.concat(term_frames, ignore_index=True)
    terms["group"] = terms["outlet"].map(group_of)
    by_group = naming_table(pd.DataFrame(columns=["article_id", "start", "end", "text", "actor"]), terms=terms,
                            by="group", dimensions=["term"])
    print("### Contested terms by outlet group (all sets; article-level uses pooled)")
    print()
    print("| referent | group | form | count | share [95% Wilson] |")
    print("|---|---|---|---|---|")
    for r in by_group.to_dict("records"):
        if r["total"] >= 3:
            print(f"| {r['referent']} | {r['group']} | {r['form']} | {r['count']} | {_ci(pd.Series(r))} |")
    print()

    desc = table[(table["dimension"] == "descriptor") & (table["referent"] == "Vladimir Putin")].copy()
    desc["group"] = desc["group"].map(group_of)
    pooled = desc.groupby(["group", "form"])["count"].sum().reset_index()
    print("### How outlet groups describe Vladimir Putin (descriptor uses, all sets)")
    print()
    print("| group | descriptors (uses) |")
    print("|---|---|")
    for g, part in pooled.groupby("group", sort=True):
        part = part.sort_values(["count", "form"], ascending=[False, True])
        print(f"| {g} | {', '.join(f'{f} ({n})' for f, n in zip(part['form'], part['count'], strict=True))} |")
    print()

    texts = pd.concat(
        [c.to_frame()[["id", "outlet", "text"]].rename(columns={"id": "article_id"}) for c in corpora.values()],
        ignore_index=True,
    ).merge(meta[["article_id", "group"]], on="article_id").merge(
        pd.concat([pd.read_csv(HERE / f"{n}.csv") for n in SETS]).rename(columns={"id": "article_id"})[["article_id", "story"]],
        on="article_id",
    )
    t0 = time.perf_counter()
    vocab = distinctive_words(texts, a="state_affiliated", b="western", by="group", story="story", min_count=3,
                              exclude_stop_words=True)
    elapsed = time.perf_counter() - t0
    pooled_v = vocab[vocab["scope"] == "all"]
    print("### Distinctive words: state-affiliated vs western outlets (pooled over stories, stop words left out)")
    print()
    print(f"Stories with both sides: {int(pooled_v['n_stories'].max())}; words compared: {len(pooled_v)}; "
          f"|z| > 1.96: {int((pooled_v['z'].abs() > 1.96).sum())}; time {elapsed:.1f} s")
    print()
    print("| side | word | count state-affiliated | count western | delta | z |")
    print("|---|---|---|---|---|---|")
    for side, part in (("state-affiliated", pooled_v.head(10)), ("western", pooled_v.tail(10).iloc[::-1])):
        for r in part.to_dict("records"):
            print(f"| {side} | {r['word']} | {r['count_a']} | {r['count_b']} | {r['delta']:+.2f} | {r['z']:+.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
