"""Shared fixtures: a tiny synthetic corpus, the founding article, the datasets folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Article, Corpus
from compare._datasets import datasets_dir as _datasets_dir

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpora" / "istanbul-talks-2025" / "the-gaze-putin-istanbul.md"


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    path = _datasets_dir()
    if not path.is_dir():
        pytest.skip("research datasets (../shared/datasets) not present")
    return path


@pytest.fixture(scope="session")
def founding_article() -> Article:
    from compare.io import read_article_file

    return read_article_file(SEED, root=SEED.parents[1])


@pytest.fixture(scope="session")
def founding_text(founding_article: Article) -> str:
    return founding_article.text


_EVENTS = {
    "flood": [
        (
            "Heavy rain flooded the river town of Elmsford on Monday, forcing 2,000 residents from their homes. "
            "Mayor Ann Ortiz said the city had opened three shelters. \"We have never seen water this high,\" she told reporters."
        ),
        (
            "Floodwater swept through Elmsford after days of heavy rain, and officials evacuated about 2,000 people. "
            "Critics blamed the council for cutting the levee budget last year, according to local residents."
        ),
        (
            "Elmsford residents fled rising floodwater on Monday. The mayor, Ann Ortiz, opened shelters; insurers "
            "warned that damage could cost millions of dollars."
        ),
    ],
    "strike": [
        (
            "Dock workers at the port of Carden went on strike on Tuesday over pay, halting shipments. "
            "Union leader Sam Patel said the company had refused to negotiate."
        ),
        (
            "A strike by Carden port workers stopped cargo on Tuesday. The company said it offered a fair raise, "
            "while the union accused managers of bad faith."
        ),
        (
            "Shipping at Carden ground to a halt as dockers walked out over wages. Economists warned the strike "
            "could raise prices for consumers, Reuters reported."
        ),
    ],
}
_OUTLETS = ["Daily Ledger", "Morning Post", "City Wire"]


@pytest.fixture(scope="session")
def tiny_corpus() -> Corpus:
    """2 events x 3 outlets, license-clean, written for the tests."""
    articles = []
    for event, texts in _EVENTS.items():
        for outlet, text in zip(_OUTLETS, texts, strict=True):
            articles.append(
                Article(
                    id=f"{event}-{outlet.split()[0].lower()}",
                    outlet=outlet,
                    title=f"{event.title()} report",
                    text=text,
                    published="2024-03-04" if event == "flood" else "2024-03-05",
                    event=event,
                )
            )
    return Corpus(articles, name="tiny")


@pytest.fixture
def pyplot():
    plt = pytest.importorskip("matplotlib.pyplot")
    yield plt
    plt.close("all")
