"""Actor descriptors and actor actions against NewsWCL50's word-choice and labelling codes.

Run: ``.venv/bin/python benchmarks/bench_labels.py [--misses N]``. Prints Markdown tables.

Text: the 50 articles of NewsWCL50 (10 events x 5 outlets) from ``newswcl50_docs.derived.jsonl``,
lightly detokenised (``Putin 's`` -> ``Putin's``, spaces before punctuation removed).

What is measured, separately:

- **descriptors**: :func:`compare.scores.wordchoice.actor_labels` (titles, pre-name descriptors,
  appositives, nominal mentions, noun predicates: the noun phrases that describe an actor);
- **actions**: :func:`compare.scores.wordchoice.actor_actions` (the verbs an actor governs as
  subject, and adjectives said of it after a copula).

Gold, per article and per person concept (``code_type == "ACTOR"``, e.g. ``USA\\Trump``):

- *naming*: ACTOR mentions that say more than the name, i.e. keep a content word after removing
  the concept's name words, honorifics (Mr., Mrs., Ms., Dr.) and function words ("the FBI
  director", "President Trump" -> "president", "Our president"); these are descriptors;
- *property*: PROPERTY codes whose ``target_concept`` is that person. NewsWCL50 does not give
  their part of speech; a property is counted as *verbal* when its first word is an auxiliary or
  modal ("would not visit"), "to", a past form from a short irregular list ("told", "met"), or
  ends in "-ed" or "-ing" ("raided", "threatening"), and as *nominal* otherwise ("the billionaire
  tycoon", "morally unfit"). This split is a rule of thumb (an "-ed" adjective such as
  "embattled" counts as verbal), documented so the figures can be read.

Descriptor recall is over naming + nominal properties; action recall over verbal properties.

Naming gold, strict (the default here): a naming mention counts only for its lower-case words and
its capitalised role and title words, so "Kim Jong Un" coded under the concept "Jong Un" (a name,
not a label) is not a gold label, while "South Korean President" keeps "president". The last
table repeats the measurement with the gold of the issue's figures (every word left after the
concept's name words), for comparison with precision 0.43 / recall 0.39.
Precision counts a found row as correct when it matches *any* gold item of its concept.

Matching: a found row belongs to a concept when its actor shares a name word (3+ letters) with
the concept's name. Found row and gold item *match* when, in the same article and for the same
concept, their content-word sets (lower-cased, final "s" stripped, name words removed) intersect.
Precision = matched found rows / found rows whose actor maps to a coded person of that article
(rows of uncoded actors cannot be judged); recall = matched gold items / gold items.

Rules chosen by leave-one-event-out: the descriptor rules have a few switches
(``compare.scores.wordchoice._labels.LabelRules``). For each of the 10 events, the switch setting
with the best descriptor F1 on the other 9 events is chosen and applied to the held-out event;
the held-out counts are pooled over the 10 folds. On a tie (F1 equal to 6 decimals) the setting
with more switches on wins: a switch that changes no count keeps the label's words (the
``epithets`` switch changes the words of a label, "illegitimate Russian President", and rarely
whether it matches). The shipped default is the setting chosen on
all 50 articles, reported beside (in-sample).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from compare._datasets import datasets_dir
from compare.actors import actor_mentions
from compare.scores.wordchoice import actor_actions, actor_labels
from compare.scores.wordchoice._labels import _TITLE_WORDS as TITLE_WORDS
from compare.scores.wordchoice._labels import DEFAULT_RULES, ROLE_NOUNS, LabelRules
from compare.text import analyze_text

_STOP = frozenset(
    """
    a an the of and or to in on at for with by from as is was are were be been has have had his her
    its their our my your this that these those who which mr mrs ms dr mr. mrs. ms. dr. 's ’s it he
    she they
    """.split()  # noqa: SIM905
)
_SAY = frozenset(["said", "says", "say", "told", "tells", "tell", "added", "adds"])
_VERBAL_FIRST = frozenset(
    """
    will would shall should can could may might must has have had is was are were be been being did
    does do not never to said told met sent left made took gave came went saw knew thought got held
    led won lost ran fought spoke wrote broke began chose fell felt found kept paid put sought sold
    stood struck swore threw withdrew brought bought caught built heard hit let shook spent stole
    """.split()  # noqa: SIM905
)


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


def _is_verbal(phrase: str) -> bool:
    words = re.findall(r"[\w’'-]+", str(phrase).lower())
    if not words:
        return False
    first = words[0]
    return first in _VERBAL_FIRST or first.endswith(("ed", "ing"))


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


def _name_words(code_name: str) -> set[str]:
    return {w for w in _words(code_name.split("\\")[-1]) if len(w) >= 2}


#: capitalised words that make a naming mention a label ("CIA Director", "South Korean President")
_TITLE_WORDS = frozenset(w.rstrip("s") if w.endswith("s") and len(w) > 3 else w for w in ROLE_NOUNS | TITLE_WORDS)


def _lower_words(s: str) -> set[str]:
    return _words(" ".join(w for w in str(s).split() if w[:1].islower()))


def gold_items(
    ann: pd.DataFrame, *, strict: bool = True
) -> tuple[dict[str, set[str]], list[tuple[str, str, str, frozenset[str], str]]]:
    """Person concepts per doc and gold items (doc, concept, source, words, mention).

    ``source`` is ``"naming"``, ``"property-nominal"`` or ``"property-verbal"``. With ``strict``,
    a naming mention counts only for its lower-case words and its capitalised role and title words
    ("Kim Jong Un" coded under the concept "Jong Un" is a name, not a label; "South Korean
    President" keeps "president").
    """
    persons = ann[ann["code_type"] == "ACTOR"]
    concepts: dict[str, set[str]] = defaultdict(set)
    for doc, name in zip(persons["doc_id"], persons["code_name"], strict=True):
        concepts[doc].add(name)
    short: dict[str, set[str]] = {}
    for names in concepts.values():
        for n in names:
            short.setdefault(n.split("\\")[-1].lower(), set()).add(n)
    items = []
    for r in persons.itertuples():
        w = _words(r.code_mention) - _name_words(r.code_name)
        if strict:
            w = {x for x in w if x in _lower_words(r.code_mention) or x in _TITLE_WORDS}
        if w:
            items.append((r.doc_id, r.code_name, "naming", frozenset(w), r.code_mention))
    props = ann[ann["code_type"] == "PROPERTY"]
    for r in props.itertuples():
        targets = short.get(str(r.target_concept).lower(), set()) & concepts.get(r.doc_id, set())
        for concept in targets:
            w = _words(r.code_mention) - _name_words(concept)
            if w:
                source = "property-verbal" if _is_verbal(r.code_mention) else "property-nominal"
                items.append((r.doc_id, concept, source, frozenset(w), r.code_mention))
    return concepts, items


def _concept_of(actor: str, concepts: set[str]) -> str | None:
    aw = {w for w in _words(actor) if len(w) >= 3}
    for c in sorted(concepts):
        if aw & {w for w in _name_words(c) if len(w) >= 3}:
            return c
    return None


class Scorer:
    """Counts of found rows, matches and recalled gold items, per event."""

    def __init__(self, docs: dict[str, str], ann: pd.DataFrame, *, strict: bool = True) -> None:
        self.docs = docs
        self.concepts, self.items = gold_items(ann, strict=strict)
        self.gold_by: dict[tuple[str, str], list[tuple[int, str, frozenset[str]]]] = defaultdict(list)
        for gi, (doc, concept, source, words, _m) in enumerate(self.items):
            self.gold_by[(doc, concept)].append((gi, source, words))
        self.analysed = {d: analyze_text(t) for d, t in docs.items()}
        self.mentions = {d: actor_mentions(doc) for d, doc in self.analysed.items()}

    def judge(self, doc_id: str, rows: Iterable[tuple[str, str, str]]) -> list[tuple[str, bool, set[int], str, str]]:
        """(kind, matched, recalled gold ids, actor, text) for each found row of a coded actor."""
        out = []
        for actor, text, kind in rows:
            concept = _concept_of(actor, self.concepts.get(doc_id, set()))
            if concept is None:
                continue
            lw = _words(text) - _name_words(concept)
            hits = {gi for gi, _s, gw in self.gold_by.get((doc_id, concept), []) if lw & gw}
            out.append((kind, bool(hits), hits, actor, text))
        return out

    def descriptors(self, doc_id: str, rules: LabelRules) -> list[tuple[str, bool, set[int], str, str]]:
        df = actor_labels(self.analysed[doc_id], mentions=self.mentions[doc_id], rules=rules)
        return self.judge(doc_id, zip(df["actor"], df["label"], df["kind"], strict=True))

    def actions(self, doc_id: str) -> list[tuple[str, bool, set[int], str, str]]:
        df = actor_actions(self.analysed[doc_id], mentions=self.mentions[doc_id])
        return self.judge(doc_id, zip(df["actor"], df["text"], df["kind"], strict=True))

    def gold_ids(self, doc_ids: Iterable[str], sources: tuple[str, ...]) -> set[int]:
        ids = set(doc_ids)
        return {gi for gi, it in enumerate(self.items) if it[0] in ids and it[2] in sources}


_DESC_GOLD = ("naming", "property-nominal")
_VERB_GOLD = ("property-verbal",)


def _pr(judged: list[tuple[str, bool, set[int], str, str]], gold: set[int]) -> tuple[int, int, int, int]:
    found = len(judged)
    matched = sum(1 for j in judged if j[1])
    recalled = len(set().union(*[j[2] for j in judged]) & gold) if judged else 0
    return found, matched, recalled, len(gold)


def _f1(found: int, matched: int, recalled: int, gold: int) -> float:
    p = matched / found if found else 0.0
    r = recalled / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _fmt(x: float) -> str:
    return "nan" if math.isnan(x) else f"{x:.3f}"


def _rules_grid() -> list[LabelRules]:
    fields = LabelRules._fields
    return [LabelRules(**dict(zip(fields, values, strict=True))) for values in itertools.product([False, True], repeat=len(fields))]


def _short(rules: LabelRules) -> str:
    on = [f for f in LabelRules._fields if getattr(rules, f)]
    return "+".join(on) if on else "(none)"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n_misses = int(argv[argv.index("--misses") + 1]) if "--misses" in argv else 0
    if not (datasets_dir() / "newswcl50").is_dir():
        print("NewsWCL50 not found; set MEDIA_COMPARE_DATASETS", file=sys.stderr)
        return 1
    docs, ann = load()
    sc = Scorer(docs, ann)
    events = sorted({d.split("_")[0] for d in docs})
    by_event = {e: [d for d in sorted(docs) if d.split("_")[0] == e] for e in events}
    grid = _rules_grid()
    # descriptor counts per (rules, event)
    counts: dict[tuple[LabelRules, str], tuple[int, int, int, int]] = {}
    for rules in grid:
        for e in events:
            judged = [j for d in by_event[e] for j in sc.descriptors(d, rules)]
            counts[(rules, e)] = _pr(judged, sc.gold_ids(by_event[e], _DESC_GOLD))

    def pooled(rules: LabelRules, evs: Iterable[str]) -> tuple[int, int, int, int]:
        tot = [0, 0, 0, 0]
        for e in evs:
            for k, v in enumerate(counts[(rules, e)]):
                tot[k] += v
        return tot[0], tot[1], tot[2], tot[3]

    held = [0, 0, 0, 0]
    chosen = []
    for e in events:
        train = [x for x in events if x != e]
        best = max(grid, key=lambda r: (round(_f1(*pooled(r, train)), 6), sum(r)))
        chosen.append((e, best))
        for k, v in enumerate(counts[(best, e)]):
            held[k] += v
    on_all = max(grid, key=lambda r: (round(_f1(*pooled(r, events)), 6), sum(r)))

    n_rows = sum(len(actor_labels(sc.analysed[d], mentions=sc.mentions[d])) for d in docs)
    n_actions = sum(len(actor_actions(sc.analysed[d], mentions=sc.mentions[d])) for d in docs)
    kinds = Counter(it[2] for it in sc.items)
    print(
        f"Articles: {len(docs)}; descriptor rows: {n_rows}; action rows: {n_actions}; gold items: {len(sc.items)} "
        f"(naming {kinds['naming']}, nominal properties {kinds['property-nominal']}, "
        f"verbal properties {kinds['property-verbal']})"
    )
    print()
    print("### Descriptors, leave-one-event-out")
    print()
    print("| rules | found (coded actors) | matched | precision | gold | recalled | recall | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    f, m, r, g = held
    print(f"| chosen on the other 9 events, pooled over 10 held-out events | {f} | {m} | {_fmt(m / f if f else float('nan'))} | {g} | {r} | {_fmt(r / g)} | {_fmt(_f1(f, m, r, g))} |")
    f, m, r, g = pooled(DEFAULT_RULES, events)
    print(f"| shipped default ({_short(DEFAULT_RULES)}), all 50 articles (in-sample) | {f} | {m} | {_fmt(m / f if f else float('nan'))} | {g} | {r} | {_fmt(r / g)} | {_fmt(_f1(f, m, r, g))} |")
    f, m, r, g = pooled(LabelRules(*([False] * len(LabelRules._fields))), events)
    print(f"| all switches off, all 50 articles | {f} | {m} | {_fmt(m / f if f else float('nan'))} | {g} | {r} | {_fmt(r / g)} | {_fmt(_f1(f, m, r, g))} |")
    print()
    picks = Counter(_short(b) for _e, b in chosen)
    print("Switches chosen per fold: " + "; ".join(f"{k} ({v} of 10 folds)" for k, v in picks.most_common()))
    print(f"Chosen on all 50 articles: {_short(on_all)}; shipped default: {_short(DEFAULT_RULES)}")
    print()
    # per kind with the shipped default
    judged_d = [j for d in sorted(docs) for j in sc.descriptors(d, DEFAULT_RULES)]
    judged_a = [j for d in sorted(docs) for j in sc.actions(d)]
    print("### Per kind (shipped default, all 50 articles)")
    print()
    print("| table | kind | found (coded actors) | matched | precision |")
    print("|---|---|---|---|---|")
    for table, judged in (("labels", judged_d), ("actions", judged_a)):
        for kind in sorted({j[0] for j in judged}):
            sel = [j for j in judged if j[0] == kind]
            n, k = len(sel), sum(1 for j in sel if j[1])
            print(f"| {table} | {kind} | {n} | {k} | {_fmt(k / n)} |")
    print()
    print("### Descriptors and actions against their gold (shipped default, all 50 articles)")
    print()
    print("| found | gold | found (coded actors) | matched | precision | gold items | recalled | recall |")
    print("|---|---|---|---|---|---|---|---|")
    all_docs = sorted(docs)
    rows = (
        ("descriptors (labels)", "naming + nominal properties", judged_d, _DESC_GOLD),
        ("descriptors (labels)", "naming only", judged_d, ("naming",)),
        ("actions: verbs", "verbal properties", [j for j in judged_a if j[0] == "verb"], _VERB_GOLD),
        ("actions: verbs except say/tell", "verbal properties", [j for j in judged_a if j[0] == "verb" and j[4].lower() not in _SAY], _VERB_GOLD),
        ("actions (all)", "verbal properties", judged_a, _VERB_GOLD),
        ("labels + actions", "all gold", judged_d + judged_a, (*_DESC_GOLD, *_VERB_GOLD)),
    )
    for name, gname, judged, sources in rows:
        f, m, r, g = _pr(judged, sc.gold_ids(all_docs, sources))
        print(f"| {name} | {gname} | {f} | {m} | {_fmt(m / f if f else float('nan'))} | {g} | {r} | {_fmt(r / g if g else float('nan'))} |")
    print()
    print("### Same measurement with the gold of the issue's figures (names count as naming labels)")
    print()
    print("| found | gold | found (coded actors) | matched | precision | gold items | recalled | recall |")
    print("|---|---|---|---|---|---|---|---|")
    loose = Scorer(docs, ann, strict=False)
    judged_l = [j for d in all_docs for j in loose.descriptors(d, DEFAULT_RULES)]
    judged_la = [j for d in all_docs for j in loose.actions(d)]
    for name, gname, judged, sources in (
        ("descriptors (labels)", "naming + nominal properties", judged_l, _DESC_GOLD),
        ("labels + actions", "all gold", judged_l + judged_la, (*_DESC_GOLD, *_VERB_GOLD)),
    ):
        f, m, r, g = _pr(judged, loose.gold_ids(all_docs, sources))
        print(f"| {name} | {gname} | {f} | {m} | {_fmt(m / f if f else float('nan'))} | {g} | {r} | {_fmt(r / g if g else float('nan'))} |")
    if n_misses:
        print()
        print("False descriptors:")
        for j in [j for j in judged_d if not j[1]][:n_misses]:
            print("  -", j[3], "|", j[0], "|", j[4])
        hit = set().union(*[j[2] for j in judged_d])
        print("Missed descriptor gold:")
        missed = [it for gi, it in enumerate(sc.items) if it[2] in _DESC_GOLD and gi not in hit]
        for it in missed[:n_misses]:
            print("  -", it[0], it[1], "|", it[2], "|", it[4])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
