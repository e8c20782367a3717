"""Actor mention detection and alias merging against NewsWCL50's coreference annotations.

NewsWCL50 (Hamborg, Zhukova & Gipp, JCDL 2019) codes mentions of actors in 50 articles (10
events x 5 outlets); the CoNLL release (Diverse_CDCR_datasets) carries the full tokenised texts
with one chain id per coded concept. We rebuild each text from its tokens (one sentence per
line), run :func:`compare.actors.actor_mentions`, and compare with the gold chains of type
``ACTOR``/``ACTOR-I`` (persons), ``GROUP`` and ``COUNTRY``.

- *Named* gold mentions are those containing a capitalised word that is not a function word
  (NewsWCL50 also codes pronouns and descriptions such as "the president", which a name finder
  does not look for); recall is reported for named and for all gold mentions.
- A predicted mention matches a gold mention when their tokens overlap.
- Precision: share of predicted mentions of a kind that overlap a gold mention of the matching
  types (NewsWCL50 codes only the concepts its coders chose, so this is a lower bound).
- Merging: pairwise precision/recall over pairs of matched mentions in the same article (same
  predicted actor vs same gold chain).

Run: ``.venv/bin/python benchmarks/bench_actors.py``
"""

from __future__ import annotations

import time
from collections import defaultdict
from itertools import combinations

from compare._datasets import datasets_dir
from compare.actors import actor_mentions
from compare.actors._lexicon import FUNCTION_WORDS
from compare.text import analyze_text


def read_conll(path):
    docs: dict[str, dict] = {}
    open_chains: dict[str, list[int]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        doc_id, sent, _, tok = parts[0], int(parts[1]), parts[2], parts[3]
        chains = parts[4].strip() if len(parts) > 4 else "-"
        d = docs.setdefault(doc_id, {"tokens": [], "mentions": []})
        ti = len(d["tokens"])
        d["tokens"].append((sent, tok))
        if chains == "-":
            continue
        for c in chains.split("|"):
            c = c.strip()
            if not c or c == "-":
                continue
            cid = c.strip("()")
            if c.startswith("("):
                open_chains[doc_id + cid].append(ti)
            if c.endswith(")"):
                stack = open_chains[doc_id + cid]
                start = stack.pop() if stack else ti
                d["mentions"].append((start, ti + 1, cid))
    return docs


def gold_type(cid: str) -> str:
    return cid.rsplit("_", 1)[-1]


def main() -> None:
    root = datasets_dir(required=True) / "newswcl50"
    docs = read_conll(root / "NewsWCL50.conll")
    stats = defaultdict(int)
    pair = defaultdict(int)
    elapsed = 0.0
    n_words = 0
    for d in docs.values():
        # rebuild the text: tokens joined by spaces, one sentence per line
        pieces, offsets, last_sent = [], [], None
        pos = 0
        for sent, tok in d["tokens"]:
            if last_sent is not None:
                sep = "\n" if sent != last_sent else " "
                pieces.append(sep)
                pos += 1
            offsets.append((pos, pos + len(tok)))
            pieces.append(tok)
            pos += len(tok)
            last_sent = sent
        text = "".join(pieces)
        doc = analyze_text(text)
        if not n_words:
            actor_mentions(doc)  # warm-up: word lists and caches are loaded once per process, not timed
        t0 = time.process_time()
        mentions = actor_mentions(doc)
        elapsed += time.process_time() - t0
        n_words += doc.n_words

        def span(m, offsets=offsets):
            return offsets[m[0]][0], offsets[m[1] - 1][1]

        gold = []
        for m in d["mentions"]:
            typ = gold_type(m[2])
            if typ not in {"ACTOR", "ACTOR-I", "GROUP", "COUNTRY"}:
                continue
            s, e = span(m)
            words = text[s:e].split()
            named = any(w[:1].isupper() and w.lower() not in FUNCTION_WORDS for w in words)
            gold.append((s, e, m[2], typ, named))
        person_gold = [g for g in gold if g[3] in {"ACTOR", "ACTOR-I"}]
        actor_gold = [g for g in gold if g[3] in {"ACTOR", "ACTOR-I", "GROUP"}]

        def overlaps(m, gs):
            return [g for g in gs if m.start < g[1] and g[0] < m.end]

        preds = {
            "person": [m for m in mentions if m.kind == "person"],
            "person+organization+group": [m for m in mentions if m.kind != "location"],
            "location": [m for m in mentions if m.kind == "location"],
        }
        targets = {
            "person": person_gold,
            "person+organization+group": actor_gold,
            "location": [g for g in gold if g[3] == "COUNTRY"],
        }
        for key, ps in preds.items():
            gs = targets[key]
            stats[key, "pred"] += len(ps)
            stats[key, "tp_pred"] += sum(1 for m in ps if overlaps(m, gs))
            for g in gs:
                hit = any(m.start < g[1] and g[0] < m.end for m in ps)
                stats[key, "gold"] += 1
                stats[key, "tp_gold"] += hit
                if g[4]:
                    stats[key, "gold_named"] += 1
                    stats[key, "tp_gold_named"] += hit
        # merging: matched person mentions, pairwise
        matched = []
        for m in preds["person"]:
            g = overlaps(m, person_gold)
            if g:
                matched.append((m.actor, g[0][2]))
        for (pa, ga), (pb, gb) in combinations(matched, 2):
            same_p, same_g = pa == pb, ga == gb
            pair["tp"] += same_p and same_g
            pair["fp"] += same_p and not same_g
            pair["fn"] += same_g and not same_p

    def ratio(a, b):
        return a / b if b else float("nan")

    print(f"NewsWCL50: {len(docs)} articles, {n_words} words\n")
    print("| predicted kind | gold codes | predicted | precision | recall (named gold) | recall (all gold) |")
    print("|---|---|---|---|---|---|")
    names = {
        "person": "ACTOR, ACTOR-I",
        "person+organization+group": "ACTOR, ACTOR-I, GROUP",
        "location": "COUNTRY",
    }
    for key in ("person", "person+organization+group", "location"):
        p = ratio(stats[key, "tp_pred"], stats[key, "pred"])
        rn = ratio(stats[key, "tp_gold_named"], stats[key, "gold_named"])
        ra = ratio(stats[key, "tp_gold"], stats[key, "gold"])
        print(
            f"| {key} | {names[key]} | {stats[key, 'pred']} | {p:.3f} | {rn:.3f} (n={stats[key, 'gold_named']}) | "
            f"{ra:.3f} (n={stats[key, 'gold']}) |"
        )
    pp = ratio(pair["tp"], pair["tp"] + pair["fp"])
    pr = ratio(pair["tp"], pair["tp"] + pair["fn"])
    print(
        f"\nAlias merging (pairs of matched person mentions in one article, same actor vs same gold chain): "
        f"precision {pp:.3f}, recall {pr:.3f}, F1 {2 * pp * pr / (pp + pr):.3f}."
    )
    print(
        f"\nSpeed: {1e3 * elapsed / len(docs):.2f} ms per article (actor_mentions on an analysed Document, CPU time), "
        f"{1e3 * elapsed / n_words * 600:.2f} ms per 600 words, one core."
    )


if __name__ == "__main__":
    main()
