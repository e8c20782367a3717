"""Actor labels against NewsWCL50's word-choice and labelling codes.

Run: ``.venv/bin/python benchmarks/bench_labels.py``. Prints Markdown tables. Nothing is tuned on
NewsWCL50; the label patterns are rules (see ``compare.scores.wordchoice``).

Text: the 50 articles of NewsWCL50 (10 events x 5 outlets) from ``newswcl50_docs.derived.jsonl``,
lightly detokenised (``Putin 's`` -> ``Putin's``, spaces before punctuation removed).

Gold, per article and per person concept (``code_type == "ACTOR"``, e.g. ``USA\\Trump``):

- *naming labels*: ACTOR mentions that say more than the name, i.e. keep a content word after
  removing the concept's name words, honorifics (Mr., Mrs., Ms., Dr.) and function words
  ("the FBI director", "President Trump" -> "president", "Our president");
- *properties*: PROPERTY codes whose ``target_concept`` is that person ("the billionaire tycoon",
  "morally unfit", "raided").

Matching: a found label belongs to a concept when its actor shares a name word (3+ letters) with
the concept name. Found label and gold item *match* when, in the same article and for the same
concept, their content-word sets (lower-cased, final "s" stripped, name words removed) intersect.
Precision = matched found labels / found labels whose actor maps to a coded person of that article
(labels of uncoded actors cannot be judged). Recall = matched gold items / gold items.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict

import pandas as pd

from compare._datasets import datasets_dir
from compare.scores import actor_labels

_STOP = {
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "mr",
        "mrs",
        "ms",
        "dr",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "'s",
        "’s",
        "it",
        "he",
        "she",
        "they",
}


_SAY = frozenset(["said", "says", "say", "told", "tells", "tell", "added", "adds"])


def _detok(text: str) -> str:
    t = re.sub(r" (['’]s|n't|['’]re|['’]ve|['’]ll|['’]d)\b", r"\1", text)
    t = re.sub(r" ([,.;:!?%)\]])", r"\1", t)
    t = re.sub(r"([(\[$]) ", r"\1", t)
    t = re.sub(r"(\w) - (\w)", r"\1-\2", t)
    return t.replace("`` ", "\u201c").replace(" ''", "\u201d")


def _words(s: str) -> set[str]:
    out = set()
    for w in re.findall(r"[\w’'.-]+", str(s).lower()):
        w = w.strip(".'’-")
        if len(w) < 2 or w in _STOP:
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


def load() -> tuple[dict[str, str], pd.DataFrame]:
    base = datasets_dir() / "newswcl50"
    docs = {}
    with (base / "newswcl50_docs.derived.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["doc_id"]] = _detok(d["text_tokenized"])
    ann = pd.read_csv(base / "Annotations.csv", skiprows=1)
    ann["doc_id"] = ann["event_id"].astype(str) + "_" + ann["publisher_id"].astype(str)
    return docs, ann


def gold_items(ann: pd.DataFrame) -> tuple[dict[str, set[str]], list[tuple[str, str, str, frozenset[str]]]]:
    """Person concepts per doc ({doc: {concept}}) and gold items (doc, concept, source, words)."""
    persons = ann[ann["code_type"] == "ACTOR"]
    concepts: dict[str, set[str]] = defaultdict(set)
    for doc, name in zip(persons["doc_id"], persons["code_name"], strict=True):
        concepts[doc].add(name)
    short = {}  # short concept name ("Trump", "KIM") -> full code names
    for names in concepts.values():
        for n in names:
            short.setdefault(n.split("\\")[-1].lower(), set()).add(n)
    items = []
    for r in persons.itertuples():
        w = _words(r.code_mention) - _name_words(r.code_name)
        if w:
            items.append((r.doc_id, r.code_name, "naming", frozenset(w)))
    props = ann[ann["code_type"] == "PROPERTY"]
    for r in props.itertuples():
        targets = short.get(str(r.target_concept).lower(), set()) & concepts.get(r.doc_id, set())
        for concept in targets:
            w = _words(r.code_mention) - _name_words(concept)
            if w:
                items.append((r.doc_id, concept, "property", frozenset(w)))
    return concepts, items


def _name_words(code_name: str) -> set[str]:
    return {w for w in _words(code_name.split("\\")[-1]) if len(w) >= 2}


def _concept_of(actor: str, concepts: set[str]) -> str | None:
    aw = {w for w in _words(actor) if len(w) >= 3}
    best = None
    for c in sorted(concepts):
        if aw & {w for w in _name_words(c) if len(w) >= 3}:
            best = c
            break
    return best


def main() -> int:
    if not (datasets_dir() / "newswcl50").is_dir():
        print("NewsWCL50 not found; set MEDIA_COMPARE_DATASETS", file=sys.stderr)
        return 1
    docs, ann = load()
    concepts, items = gold_items(ann)
    gold_by = defaultdict(list)
    for doc, concept, source, words in items:
        gold_by[(doc, concept)].append((source, words))
    found_total = defaultdict(int)
    found_match = defaultdict(int)
    matched_gold: set[tuple[str, str, int]] = set()
    n_rows = 0
    for doc_id, text in sorted(docs.items()):
        df = actor_labels(text)
        n_rows += len(df)
        for r in df.itertuples():
            concept = _concept_of(r.actor, concepts.get(doc_id, set()))
            if concept is None:
                continue
            lw = _words(r.label) - _name_words(concept)
            found_total[r.kind] += 1
            neutral_verb = r.kind == "verb" and r.label.lower() in _SAY
            if not neutral_verb:
                found_total["non-say"] += 1
            hit = False
            for gi, (_source, gw) in enumerate(gold_by.get((doc_id, concept), [])):
                if lw & gw:
                    hit = True
                    matched_gold.add((doc_id, concept, gi))
            if hit:
                found_match[r.kind] += 1
                if not neutral_verb:
                    found_match["non-say"] += 1
    print(f"Articles: {len(docs)}; label rows found: {n_rows}; gold items: {len(items)}")
    print()
    print("| found kind | found (coded actors) | matched | precision |")
    print("|---|---|---|---|")
    for kind in ("title", "descriptor", "appositive", "verb"):
        n, m = found_total[kind], found_match[kind]
        print(f"| {kind} | {n} | {m} | {m / n if n else float('nan'):.3f} |")
    n, m = found_total["non-say"], found_match["non-say"]
    print(f"| all except say/tell verbs | {n} | {m} | {m / n if n else float('nan'):.3f} |")
    n = sum(v for k, v in found_total.items() if k != "non-say")
    m = sum(v for k, v in found_match.items() if k != "non-say")
    p_all = m / n if n else float("nan")
    print(f"| all | {n} | {m} | {p_all:.3f} |")
    print()
    print("| gold source | gold items | recalled | recall |")
    print("|---|---|---|---|")
    rec = {}
    for source in ("naming", "property"):
        idx = [(d, c, gi) for (d, c), lst in gold_by.items() for gi, (s, _w) in enumerate(lst) if s == source]
        hit = sum(1 for k in idx if k in matched_gold)
        rec[source] = (hit, len(idx))
        print(f"| {source} | {len(idx)} | {hit} | {hit / len(idx) if idx else float('nan'):.3f} |")
    hit = sum(v[0] for v in rec.values())
    tot = sum(v[1] for v in rec.values())
    r_all = hit / tot if tot else float("nan")
    print(f"| all | {tot} | {hit} | {r_all:.3f} |")
    f1 = 2 * p_all * r_all / (p_all + r_all) if p_all + r_all else float("nan")
    print()
    print(f"F1 (all kinds, all gold): {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
