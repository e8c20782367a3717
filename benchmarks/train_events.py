"""Fit the pair model of event alignment, and evaluate it leaving one dataset out.

The pair model (``src/compare/data/event_pairs.json``) is a logistic regression on the features of
candidate pairs (:data:`compare.align._events_pairs.PAIR_FEATURES`): each article's nearest
neighbours within the story window, labelled 1 when the two articles belong to the same gold
story. Its two merge levels (``min_probability`` for developments, ``story_probability`` for
stories) are chosen on the same training corpora: the development level on the mean story ARI of
the corpora whose gold events are single developments (BASIL, AllSides, NewsWCL50), the story level
on the mean story ARI of the real-coverage sets (stories with run-up and aftermath).

Corpora (read at run time, never copied into the repository):

- BASIL (100 events x 3 outlets), AllSides roundups (505 stories, real outlet names; the
  left / center / right side is kept for the partisan-pair rate), NewsWCL50 (10 events x 5
  outlets, no dates), from ``../shared/datasets``;
- the real-coverage sets ``benchmarks/real_coverage/<set>.csv`` (story and development labels;
  ``date_shown=0`` pages get no date) with their texts from ``../shared/real_coverage/<set>.jsonl``
  when that cache exists.

``python benchmarks/train_events.py fit`` fits on every corpus and writes the JSON;
``python benchmarks/train_events.py lodo`` fits on all corpora but one and reports on the one left
out, for each corpus in turn (the table in ``docs/benchmarks/events.md``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
try:
    import compare
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(HERE.parent / "src"))
    import compare

from bench_events import bcubed, load_dataset

from compare import Article, Corpus
from compare.align import align_events
from compare.align._events_pairs import PAIR_FEATURES, load_pair_model
from compare.align.events import (
    candidate_pairs,
    development_pairs,
    developments,
    stories,
    text_story_features,
)

RC_DIR = HERE / "real_coverage"
RC_CACHE = HERE.parents[1] / "shared" / "real_coverage"
RC_SETS = ("rc-assad-fall-2024", "rc-gaza-ceasefire-2025", "rc-navalny-death-2024", "rc-prisoner-swap-2024")
MODEL_PATH = HERE.parent / "src" / "compare" / "data" / "event_pairs.json"
DEV_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
STORY_GRID = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: Mean story ARI the corpora of single events may lose to story merges (see ``fit``).
FLAT_LOSS = 0.02
#: Words and names seen in fewer training articles are left out of the background frequencies.
BACKGROUND_MIN_DF = 3


# ----------------------------------------------------------------------------------------------
# corpora: each article's gold story in .event, its development in extra["development"]


def load_real_coverage(name: str, cache: Path = RC_CACHE) -> Corpus | None:
    """A real-coverage set with gold labels, or None when its texts are not in the cache."""
    path = cache / f"{name}.jsonl"
    if not path.is_file():
        return None
    labels = {r["id"]: r for r in csv.DictReader((RC_DIR / f"{name}.csv").open(encoding="utf-8"))}
    arts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        lab = labels.get(d["id"])
        if lab is None:
            continue
        published = dt.date.fromisoformat(lab["date"]) if lab["date_shown"] == "1" and lab["date"] else None
        arts.append(
            Article(
                id=d["id"],
                outlet=lab["outlet_canonical"] or d.get("outlet") or "unknown",
                title=d.get("title") or "",
                text=d.get("text") or "",
                published=published,
                event=lab["story"],
                extra={"development": f"{lab['story']}/{lab['development']}", "decoy": lab["decoy"]},
            )
        )
    return Corpus(arts, name=name)


def corpora() -> dict[str, Corpus]:
    out = {
        "basil": load_dataset("basil"),
        "allsides": load_dataset("allsides", outlet_as_side=False),
        "newswcl50": load_dataset("newswcl50"),
    }
    for name in RC_SETS:
        c = load_real_coverage(name)
        if c is not None:
            out[name] = c
    return out


# ----------------------------------------------------------------------------------------------
# fitting


def _gold(corpus: Corpus, level: str) -> dict[str, str]:
    if level == "story":
        return {a.id: a.event for a in corpus}
    return {a.id: a.extra.get("development") or a.event for a in corpus}


#: Pair features that describe an article's neighbourhood, left out of the story model.
NEIGHBOURHOOD_FEATURES = ("relative_cosine", "mutual_best", "same_outlet")


def _weighted_fit(
    rows: list[tuple[np.ndarray, np.ndarray]], features: tuple[str, ...] = PAIR_FEATURES
) -> tuple[list[float], float, int, int]:
    """Logistic regression on pooled pairs, each corpus weighted equally (weights 0 outside ``features``)."""
    from sklearn.linear_model import LogisticRegression

    rows = [(x, y) for x, y in rows if len(y)]
    cols = [PAIR_FEATURES.index(f) for f in features]
    x = np.vstack([r[0][:, cols] for r in rows])
    y = np.concatenate([r[1] for r in rows])
    w = np.concatenate([np.full(len(r[1]), len(y) / (len(rows) * len(r[1]))) for r in rows])
    if len(set(y.tolist())) < 2:
        msg = "the training pairs hold only one class"
        raise ValueError(msg)
    lr = LogisticRegression(C=1.0, max_iter=5000)
    lr.fit(x, y, sample_weight=w)
    coef = [0.0] * len(PAIR_FEATURES)
    for c, v in zip(cols, lr.coef_[0], strict=True):
        coef[c] = round(float(v), 6)
    return coef, round(float(lr.intercept_[0]), 6), len(y), int(y.sum())


def background(corpora: dict[str, Corpus], *, min_df: int = BACKGROUND_MIN_DF) -> dict:
    """Document frequencies of words and names over the training corpora (counts only, no text)."""
    words: Counter[str] = Counter()
    names: Counter[str] = Counter()
    n = 0
    for corpus in corpora.values():
        for a in corpus:
            f = text_story_features(a)
            words.update(set(f.title.split()) | set(f.body.split()))
            names.update(set(f.names.split()))
            n += 1
    return {
        "n_documents": n,
        "min_df": min_df,
        "df": {w: c for w, c in sorted(words.items()) if c >= min_df},
        "names_df": {w: c for w, c in sorted(names.items()) if c >= min_df},
    }


class Prepared:
    """A corpus's story features and article candidate pairs, computed once."""

    def __init__(self, name: str, corpus: Corpus, spec: dict) -> None:
        self.name = name
        self.corpus = corpus
        self.g = candidate_pairs([text_story_features(a) for a in corpus], background=spec.get("background"))
        self.ids = [f.article_id for f in self.g.features]

    def labels(self, level: str) -> np.ndarray:
        gold = _gold(self.corpus, level)
        return np.array([gold[i] for i in self.ids], dtype=object)

    def article_rows(self) -> tuple[np.ndarray, np.ndarray]:
        lab = self.labels("development")
        return self.g.x, (lab[self.g.a] == lab[self.g.b]).astype(int)

    def developments(self, model: dict, p_dev: float) -> np.ndarray:
        return developments(self.g, model, p_dev, same_outlet="development", window_days=3.0, n_neighbors=10)[
            0
        ]

    def ari(self, model: dict, p_dev: float, p_story: float | None, level: str) -> float:
        from sklearn.metrics import adjusted_rand_score

        dev = self.developments(model, p_dev)
        pred = dev
        if p_story is not None:
            s = development_pairs(self.g, dev, story_window_days=14.0, n_neighbors=10)
            pred = stories(self.g, s, dev, model, p_story, same_outlet="development", story_window_days=14.0)
        return adjusted_rand_score(self.labels(level).astype(str), pred)


def fit(train: dict[str, Corpus], *, log=None) -> dict:
    """Both levels on the training corpora (each weighted equally): the development model on article
    pairs (gold development; BASIL, AllSides, NewsWCL50 events count as one development each) and
    its merge level on the mean development ARI; then the story model on pairs of the developments
    it makes (gold story of most of their articles) and its merge level on the mean story ARI."""
    bg = background(train)
    bg_spec = load_pair_model(
        {
            "features": list(PAIR_FEATURES),
            "coef": [0.0] * len(PAIR_FEATURES),
            "intercept": 0.0,
            "story": {"coef": [0.0] * len(PAIR_FEATURES), "intercept": 0.0},
            "background": bg,
        }
    )
    prepared = [Prepared(k, c, bg_spec) for k, c in train.items()]
    coef, intercept, pairs, positives = _weighted_fit([p.article_rows() for p in prepared])
    model = {
        "features": list(PAIR_FEATURES),
        "coef": coef,
        "intercept": intercept,
        "min_probability": 0.5,
        "story": {"coef": [0.0] * len(PAIR_FEATURES), "intercept": -10.0},
        "story_probability": 0.5,
        "trained_on": sorted(train),
        "pairs": pairs,
        "positives": positives,
        "background": bg,
    }
    spec = load_pair_model(model)
    p_dev = max(
        DEV_GRID,
        key=lambda t: (np.mean([p.ari(spec, t, None, "development") for p in prepared]), -abs(t - 0.5)),
    )
    model["min_probability"] = p_dev
    # The story model: the development model's weights of evidence (shared words, names, numbers,
    # the gap in days), without the features of an article's neighbourhood (relative cosine,
    # one-to-one best match, same outlet), which between developments mostly encode how many
    # stories a corpus holds. (A logistic regression fitted on development pairs learned exactly
    # that: real-coverage sets hold one main story, AllSides hundreds, and the features of their
    # pairs overlap; see docs/benchmarks/events.md.)
    story_coef = list(model["coef"])
    for name in NEIGHBOURHOOD_FEATURES:
        story_coef[PAIR_FEATURES.index(name)] = 0.0
    model["story"] = {"coef": story_coef, "intercept": model["intercept"]}
    spec = load_pair_model(model)
    # The story level: the best mean story ARI on the real-coverage sets among the levels that cost
    # the corpora of single events (BASIL, AllSides, NewsWCL50) at most FLAT_LOSS of mean ARI
    # against developments alone; without real-coverage sets in training, the flat corpora decide.
    flat = [p for p in prepared if not p.name.startswith("rc-")] or prepared
    multi = [p for p in prepared if p.name.startswith("rc-")] or prepared
    base = np.mean([p.ari(spec, p_dev, None, "story") for p in flat])
    scores = {
        t: (
            np.mean([p.ari(spec, p_dev, t, "story") for p in flat]),
            np.mean([p.ari(spec, p_dev, t, "story") for p in multi]),
        )
        for t in STORY_GRID
    }
    allowed = [t for t in STORY_GRID if scores[t][0] >= base - FLAT_LOSS] or [max(STORY_GRID)]
    model["story_probability"] = max(allowed, key=lambda t: (scores[t][1], t))
    if log:
        log(f"fitted on {sorted(train)}: levels {model['min_probability']} / {model['story_probability']}\n")
    return model


# ----------------------------------------------------------------------------------------------
# evaluation


def evaluate(corpus: Corpus, model: dict, p_dev: float | None = None, p_story: float | None = None) -> dict:
    from sklearn.metrics import adjusted_rand_score

    frame = align_events(corpus, model=model, min_probability=p_dev, story_probability=p_story)
    by_id = {a.id: a for a in corpus}
    gold = [by_id[i].event for i in frame["article_id"]]
    pred = frame["event_id"].tolist()
    _, _, f1 = bcubed(gold, pred)
    out = {
        "articles": len(gold),
        "stories": len(set(gold)),
        "predicted": len(set(pred)),
        "ari": adjusted_rand_score(gold, pred),
        "b3_f1": f1,
    }
    devs = [by_id[i].extra.get("development") or by_id[i].event for i in frame["article_id"]]
    if devs:
        pdev = frame["development_id"].tolist()
        out["dev_ari"] = adjusted_rand_score(devs, pdev)
        out["dev_b3_f1"] = bcubed(devs, pdev)[2]
        out["developments"] = len(set(devs))
        out["predicted_dev"] = len(set(pdev))
    sides = [by_id[i].extra.get("side") for i in frame["article_id"]]
    if any(sides):
        for key, column in (("pair_rate", "event_id"), ("pair_rate_dev", "development_id")):
            cluster_of = dict(zip(frame["article_id"], frame[column], strict=True))
            per: dict[str, dict[str, str]] = defaultdict(dict)
            stories_in: dict[str, set[str]] = defaultdict(set)  # cluster -> gold stories of its L/R articles
            for a in corpus:
                if a.extra.get("side") in ("left", "right"):
                    per[a.event][a.extra["side"]] = cluster_of[a.id]
                    stories_in[cluster_of[a.id]].add(a.event)
            pairs = [v for v in per.values() if len(v) == 2]
            out["pairs"] = len(pairs)
            out[key] = float(np.mean([v["left"] == v["right"] for v in pairs])) if pairs else float("nan")
            # matched one to one: together, and no other story's left or right article with them
            out[key + "_only"] = (
                float(np.mean([v["left"] == v["right"] and len(stories_in[v["left"]]) == 1 for v in pairs]))
                if pairs
                else float("nan")
            )
    return out


def _row(name: str, m: dict) -> str:
    dev = (
        f"{m['developments']} / {m['predicted_dev']} | {m['dev_ari']:.4f} | {m['dev_b3_f1']:.4f}"
        if "dev_ari" in m
        else "– | – | –"
    )
    pair = (
        f"{m['pair_rate']:.1%} ({m['pair_rate_only']:.1%}) / {m['pair_rate_dev']:.1%} ({m['pair_rate_dev_only']:.1%}) "
        f"of {m['pairs']}"
        if "pair_rate" in m
        else "–"
    )
    return (
        f"| {name} | {m['articles']} | {m['stories']} / {m['predicted']} | {m['ari']:.4f} | {m['b3_f1']:.4f} | "
        f"{dev} | {pair} |\n"
    )


PAIRS_HEADER = (
    "Centroid cosine of candidate pairs of developments (shipped model; the story level's "
    "evidence), by whether the two developments' gold stories agree\n\n"
    "| corpus | pairs, same story | cosine, same story: min / median / max | pairs, different stories "
    "| cosine, different stories: min / median / max |\n|---|---|---|---|---|\n"
)


def development_pair_row(name: str, corpus: Corpus) -> str:
    """One row of the ``pairs`` table: how alike developments of one story and of two stories are."""
    spec = load_pair_model()
    p = Prepared(name, corpus, spec)
    dev = p.developments(spec, spec["min_probability"])
    s = development_pairs(p.g, dev, story_window_days=14.0, n_neighbors=10)
    lab = p.labels("story").astype(str)
    major = {}
    for d in np.unique(dev).tolist():
        values, counts = np.unique(lab[dev == d], return_counts=True)
        major[d] = values[np.argmax(counts)]
    same = np.array(
        [major[dev[i]] == major[dev[j]] for i, j in zip(s.a.tolist(), s.b.tolist(), strict=True)], bool
    )
    cos = s.x[:, PAIR_FEATURES.index("cosine")]

    def stats(v: np.ndarray) -> str:
        return f"{v.min():.2f} / {np.median(v):.2f} / {v.max():.2f}" if v.size else "–"

    return (
        f"| {name} | {int(same.sum())} | {stats(cos[same])} | {int((~same).sum())} | {stats(cos[~same])} |\n"
    )


HEADER = (
    "| held out | articles | stories gold / predicted | story ARI | story B3 F1 | developments gold / predicted "
    "| development ARI | development B3 F1 | AllSides left-right pairs in one story (alone) / development (alone) |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("fit", "lodo", "pairs"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    out = sys.stdout
    data = corpora()
    missing = [s for s in RC_SETS if s not in data]
    out.write(f"media-compare {compare.__version__}; corpora: {', '.join(data)}\n")
    if missing:
        out.write(f"real-coverage texts not in {RC_CACHE}: {', '.join(missing)} (left out)\n")
    out.write("\n")
    if args.mode == "fit":
        model = fit(data, log=out.write)
        model["fitted"] = dt.datetime.now(dt.timezone.utc).date().isoformat()
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        out.write(f"wrote {args.out}\n")
        return 0
    if args.mode == "pairs":
        out.write(PAIRS_HEADER)
        for name, corpus in data.items():
            out.write(development_pair_row(name, corpus))
        return 0
    out.write(HEADER)
    for held in data:
        model = fit({k: v for k, v in data.items() if k != held})
        m = evaluate(data[held], model)
        out.write(_row(held, m))
        if held == "allsides":  # the same model, sides as outlets (the 3-side cannot-link)
            sides = Corpus([replace(a, outlet=a.extra["side"]) for a in data[held]], name="allsides-sides")
            out.write(_row("allsides (sides as outlets)", evaluate(sides, model)))
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
