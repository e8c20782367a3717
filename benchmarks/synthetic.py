"""Synthetic news corpora for alignment tests and performance benchmarks.

:func:`generate_corpus` writes ``n`` news-like articles (300-600 words, headline, paragraphs of
sentences) from many outlets about many events spread over a date range. Words come from a fixed
pseudo-vocabulary: a Zipf-distributed general vocabulary with English function words, broad topics
(politics, courts, ...) whose words many events share, and per-event words and names that the
articles on one event share. Each article's ``event`` field holds its true event, so the corpus is
also a clustering gold standard (a hard one: events of one topic on nearby days share vocabulary).

Run ``python benchmarks/synthetic.py 1000`` to print a sample article.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np

try:
    from compare import Article, Corpus
except ImportError:  # pragma: no cover - run from a checkout without install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from compare import Article, Corpus

__all__ = ["generate_corpus"]

_FUNCTION_WORDS = (  # noqa: SIM905 - easier to read as one string
    "the of and to a in that is was for on with as by at from it his her their said has have had "
    "be been are were this which who will would but not they he she an or its after over also "
    "more than about into when there could other some what out new up last year people two first "
    "told on Tuesday Monday officials state government according week statement percent"
).split()
_ONSETS = [
    "b",
    "br",
    "c",
    "cl",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st"]
_OUTLET_WORDS = [
    "Daily",
    "Herald",
    "Tribune",
    "Post",
    "Times",
    "Chronicle",
    "Gazette",
    "Observer",
    "Journal",
    "Wire",
    "Record",
    "Courier",
]


def _pseudo_words(rng: np.random.Generator, n: int, syllables: tuple[int, int]) -> list[str]:
    onsets, vowels, codas = (np.array(x, dtype=object) for x in (_ONSETS, _VOWELS, _CODAS))
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < n:
        m = 2 * (n - len(words)) + 16
        k = rng.integers(syllables[0], syllables[1] + 1, m)
        parts = (
            onsets[rng.integers(0, onsets.size, (m, syllables[1]))]
            + vowels[rng.integers(0, vowels.size, (m, syllables[1]))]
            + codas[rng.integers(0, codas.size, (m, syllables[1]))]
        )
        for row, kk in zip(parts.tolist(), k.tolist(), strict=True):
            w = "".join(row[:kk])
            if len(w) > 2 and w not in seen:
                seen.add(w)
                words.append(w)
                if len(words) == n:
                    break
    return words


def generate_corpus(
    n: int,
    *,
    seed: int = 0,
    n_outlets: int = 60,
    days: int = 365,
    articles_per_event: float = 8.0,
    start: dt.date = dt.date(2024, 1, 1),
) -> Corpus:
    """Generate a synthetic news corpus of ``n`` articles.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int
        Random seed; the same seed gives the same corpus.
    n_outlets : int
        Number of outlets; an outlet covers an event at most once.
    days : int
        Events are spread uniformly over this many days from ``start``.
    articles_per_event : float
        Mean number of articles per event (at most ``n_outlets``).
    start : datetime.date
        First day.

    Returns
    -------
    Corpus
        Articles with ids ``"s000001"``..., timezone-aware ``published`` datetimes (0-2 days after
        the event), 300-600 words each, and the true event in ``event``.
    """
    rng = np.random.default_rng(seed)
    general = np.array(_FUNCTION_WORDS + _pseudo_words(rng, 20000, (1, 3)), dtype=object)
    ranks = np.arange(1, general.size + 1, dtype=np.float64)
    zipf = 1.0 / ranks**1.05
    zipf /= zipf.sum()
    zipf_cdf = np.cumsum(zipf)
    n_topics = 24
    topic_words = np.array(_pseudo_words(rng, n_topics * 80, (2, 3)), dtype=object).reshape(n_topics, 80)
    event_pool = np.array(_pseudo_words(rng, 40000, (2, 4)), dtype=object)
    names = np.array([w.capitalize() for w in _pseudo_words(rng, 8000, (2, 3))], dtype=object)
    outlets = [
        f"The {names[i]} {_OUTLET_WORDS[i % len(_OUTLET_WORDS)]}"
        for i in rng.choice(names.size, n_outlets, replace=False)
    ]
    outlet_weight = rng.gamma(2.0, 1.0, n_outlets)
    outlet_weight /= outlet_weight.sum()

    # Events and their coverage until n articles are assigned.
    plan: list[tuple[int, int]] = []  # (event, outlet)
    n_events = 0
    while len(plan) < n:
        size = int(min(n_outlets, 1 + rng.poisson(articles_per_event - 1)))
        for o in rng.choice(n_outlets, size, replace=False, p=outlet_weight):
            plan.append((n_events, int(o)))
        n_events += 1
    plan = plan[:n]
    ev_day = rng.integers(0, days, n_events)
    ev_topic = rng.integers(0, n_topics, n_events)
    ev_words = rng.integers(0, event_pool.size, (n_events, 14))
    ev_names = rng.integers(0, names.size, (n_events, 4))

    order = rng.permutation(n)
    articles = []
    for k, p in enumerate(order):
        ev, outlet = plan[p]
        own = np.concatenate((event_pool[ev_words[ev]], names[ev_names[ev]]))
        topic = topic_words[ev_topic[ev]]
        n_words = int(rng.integers(300, 601))
        draw = rng.random(n_words)
        lead_len = min(60, n_words)
        p_event = np.where(np.arange(n_words) < lead_len, 0.22, 0.08)
        words = general[np.searchsorted(zipf_cdf, rng.random(n_words) * zipf_cdf[-1])]
        is_topic = (draw >= p_event) & (draw < p_event + 0.06)
        is_event = draw < p_event
        words[is_topic] = topic[rng.integers(0, topic.size, int(is_topic.sum()))]
        words[is_event] = own[rng.zipf(1.6, int(is_event.sum())).clip(1, own.size) - 1]
        text = _sentences(rng, words)
        title_words = (
            list(own[rng.choice(own.size, 3, replace=False)])
            + list(general[np.searchsorted(zipf_cdf, rng.random(4) * zipf_cdf[-1])])
            + [topic[rng.integers(topic.size)]]
        )
        rng.shuffle(title_words)
        title = " ".join(title_words).capitalize()
        day = start + dt.timedelta(days=int(ev_day[ev]) + int(rng.choice([0, 0, 0, 1, 1, 2])))
        published = dt.datetime(
            day.year,
            day.month,
            day.day,
            int(rng.integers(0, 24)),
            int(rng.integers(0, 60)),
            tzinfo=dt.timezone.utc,
        )
        articles.append(
            Article(
                id=f"s{k + 1:06d}",
                outlet=outlets[outlet],
                title=title,
                text=text,
                published=published,
                event=f"ev{ev:06d}",
            )
        )
    return Corpus(articles, name=f"synthetic-{n}-seed{seed}")


def _sentences(rng: np.random.Generator, words: np.ndarray) -> str:
    paragraphs = []
    sentences: list[str] = []
    i = 0
    n = words.size
    per_par = int(rng.integers(2, 5))
    while i < n:
        length = int(rng.integers(12, 29))
        chunk = words[i : i + length]
        i += length
        s = " ".join(chunk)
        sentences.append(s[:1].upper() + s[1:] + ".")
        if len(sentences) == per_par or i >= n:
            paragraphs.append(" ".join(sentences))
            sentences = []
            per_par = int(rng.integers(2, 5))
    return "\n".join(paragraphs)


if __name__ == "__main__":  # pragma: no cover
    corpus = generate_corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    a = corpus[0]
    sys.stdout.write(
        f"{len(corpus)} articles; first: {a.outlet} | {a.published} | {a.event}\n{a.title}\n\n{a.text[:1200]}\n"
    )
