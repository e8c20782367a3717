"""A small hand-made Results for the report tests (no scoring run needed)."""

from __future__ import annotations

import pandas as pd
import pytest

from compare import Article, Corpus, Results, RunConfig
from compare.pipeline import outlet_comparisons

TEXT_1 = "Putin refused to meet Zelenskyy.\nOfficials said the talks would go on, Reuters reported."
TEXT_2 = "The Kremlin sent junior officials. Critics called it a snub."
TEXT_3 = "Talks began in Istanbul.\nUkraine's president waited."


@pytest.fixture(scope="session")
def fake_results():
    """Read-only: tests that change tables build a new Results from ``fake_results.tables``."""
    corpus = Corpus(
        [
            Article(id="a1", outlet="The Gaze", title="Putin <script>alert(1)</script> snubs talks", text=TEXT_1, event="e1"),
            Article(id="a2", outlet="The Wall Street Journal", title="Kremlin sends juniors", text=TEXT_2, event="e1"),
            Article(id="a3", outlet="The Gaze", title="Talks begin", text=TEXT_3, event="e2"),
        ],
        name="fake",
    )
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "outlet": ["The Gaze", "The Wall Street Journal", "The Gaze"],
            "title": [a.title for a in corpus],
            "event_id": ["e1", "e1", "e2"],
            "published": [None, None, None],
            "n_words": [14, 10, 7],
            "n_sentences": [2, 2, 2],
            "flesch_reading_ease": [60.0, 55.5, 70.25],
            "compound_sentiment": [-0.2, -0.4, 0.1],
            "frame_conflict": [0.8, 0.5, 0.1],
        }
    )
    evidence = pd.DataFrame(
        {
            "article_id": ["a1", "a2"],
            "family": ["framing", "wordchoice"],
            "metric": ["frame_conflict", "loaded_words_per_100_words"],
            "sentence": [0, 1],
            "start": [TEXT_1.index("refused"), TEXT_2.index("snub")],
            "end": [TEXT_1.index("refused") + 7, TEXT_2.index("snub") + 4],
            "text": ["refused", "snub"],
            "weight": [1.0, 1.0],
            "label": ["conflict", None],
        }
    )
    coverage = pd.DataFrame(
        {
            "event_id": ["e1"] * 4,
            "claim_id": ["c1", "c1", "c2", "c2"],
            "outlet": ["The Gaze", "The Wall Street Journal"] * 2,
            "status": ["carried", "carried", "only_here", "omitted"],
        }
    )
    claims = pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e1"],
            "claim_id": ["c1", "c1", "c2"],
            "article_id": ["a1", "a2", "a1"],
            "outlet": ["The Gaze", "The Wall Street Journal", "The Gaze"],
            "sentence": [0, 0, 1],
            "start": [0, 0, 33],
            "end": [32, 34, 88],
            "text": [TEXT_1[:32], TEXT_2[:34], TEXT_1[33:]],
        }
    )
    start = TEXT_1.index("Reuters")
    citations = pd.DataFrame(
        {
            "article_id": ["a1"],
            "outlet": ["The Gaze"],
            "start": [start],
            "end": [start + 7],
            "cited_outlet": ["Reuters"],
            "cue": ["reported"],
            "relation": ["source"],
            "core": [True],
        }
    )
    tables = {
        "articles": articles,
        "evidence": evidence,
        "events": articles[["article_id", "event_id", "outlet"]],
        "claims": claims,
        "coverage": coverage,
        "citations": citations,
        **outlet_comparisons(articles, n_boot=200, n_perm=200, seed=0),
    }
    manifest = {"package": "media-compare", "corpus": {"hash": corpus.content_hash()}, "created": "2025-01-01T00:00:00+00:00"}
    return Results(tables, corpus=corpus, config=RunConfig(), manifest=manifest)
