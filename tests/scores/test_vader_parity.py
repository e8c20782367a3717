"""The fast VADER scorer gives vaderSentiment's polarity_scores exactly."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.scores.sentiment import _vader
from compare.text import analyze_text


@pytest.fixture(scope="module")
def analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def mismatches(analyzer, sentences: list[str]) -> list[tuple[str, dict, dict]]:
    bad = []
    for s, ours in zip(sentences, _vader.score_sentences(sentences), strict=True):
        ref = analyzer.polarity_scores(s)
        got = _vader.rounded_scores(ours)
        if got != ref:
            bad.append((s, ref, got))
    return bad


TRICKY = [
    "",
    "   ",
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",
    "Not bad at all",
    "no good, no love, no or nor happiness",
    "He was the shit and the bomb, a bad ass, yeah right, kiss of death.",
    "never so good; never this bad; without doubt great; without any doubt fine",
    "It was not the least bit good. at least good. very least good.",
    "Why??? Why?? Really? Great!!!!! Awful!!!",
    "\u00a9 2025 The Gaze \u00ae \u2014 \u201cterrible\u201d said Zelensky\u2019s aide",
    "but but but good bad but",
    "good good good but bad bad bad",
    "GOOD but BAD",
    "ALL CAPS SENTENCE WITH GREAT WORDS",
    "sort of good, kind of bad, just enough hope",
    "I don't think it's not good",
    "It aint bad, it aint good",
    "The upper hand, cut the mustard, under the weather",
    "Absolutely AMAZINGLY terrible and extremely, EXTREMELY good",
    "x" * 5 + " :) :( ;) :-( </3 <3",
    "Kind of",
    "kind",
    "no",
]


def test_tricky_sentences(analyzer) -> None:
    assert mismatches(analyzer, TRICKY) == []


VOCAB = [
    "good", "GOOD", "bad", "BAD", "great", "horrible", "love", "hate", "but", "BUT", "not", "NOT",
    "no", "nor", "or", "never", "so", "this", "without", "doubt", "least", "at", "very", "VERY",
    "kind", "of", "sort", "just", "enough", "the", "shit", "bomb", "yeah", "right", "isn't",
    "don't", "aint", "extremely", "barely", "somewhat", "!", "?", "!!", ":)", ":(", "lol",
    "\U0001f601", "\u00a9", "funny,", "(nice)", "'bad'", "he", "said", "Zelensky\u2019s", "\u2014",
    "uh-uh", "kinda", "smart.", "utterly", "okay", "fine", "kiss", "death", "die", "to", "for", "heart",
    "beating", "bus", "stop", "ass", "bomb", "sort", "more", "most", "little", "hardly",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=14), st.sampled_from(["", ".", "!", "?", "!!!", "??"]))
def test_random_sentences(analyzer, words: list[str], end: str) -> None:
    sentence = " ".join(words) + end
    assert mismatches(analyzer, [sentence]) == []


def test_unrounded_and_types() -> None:
    s = _vader.polarity_scores("The plan is very good, but the timing is terrible.")
    assert isinstance(s, _vader.SentimentScores)
    assert -1.0 <= s.compound <= 1.0
    assert math.isclose(s.pos + s.neu + s.neg, 1.0)
    assert _vader.score_sentences(["a", "good"]) == [
        _vader.polarity_scores("a"),
        _vader.polarity_scores("good"),
    ]
    # deterministic, and the cache does not change results
    assert _vader._score("The plan is very good, but the timing is terrible.") == s


def test_lexicon_read_from_installed_package(analyzer) -> None:
    tables = _vader._tables()
    assert tables.lexicon == analyzer.lexicon
    assert tables.emojis == analyzer.emojis


@pytest.mark.datasets
def test_every_basil_and_polnear_sentence(analyzer, datasets_dir) -> None:
    sentences: list[str] = []
    for file in sorted((datasets_dir / "basil" / "articles").rglob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for paragraph in data["body-paragraphs"]:
            sentences.extend(paragraph)
    n_basil = len(sentences)
    for split in ("train", "dev"):
        for file in sorted((datasets_dir / "polnear" / split).rglob("*.txt")):
            doc = analyze_text(file.read_text(encoding="utf-8"))
            sentences.extend(s.text for s in doc.sentences)
    assert n_basil > 7000
    assert len(sentences) > 35000
    bad = mismatches(analyzer, sentences)
    assert bad == [], f"{len(bad)} of {len(sentences)} sentences differ, e.g. {bad[:3]!r}"


def test_word_sentiments_add_up_to_the_compound() -> None:
    # without "!" or "?", VADER's compound is the normalised sum of its word sentiments
    for s in [*TRICKY, "The talks failed, but Putin praised the good, honest envoy.", "Hello Smith."]:
        scores, details = _vader.sentence_details(s)
        assert scores == _vader.polarity_scores(s)
        words = _vader.word_sentiments(s)
        assert _vader.details_word_sentiments(details) == words
        assert all(v != 0 for _, v in words)
        assert [o for o, _ in words] == sorted(o for o, _ in words)
        if "!" in s or "?" in s or not s.isascii():
            continue
        for o, _ in words:  # each offset starts a whitespace-separated word
            assert o == 0 or s[o - 1].isspace()
            assert not s[o].isspace()
        total = sum(v for _, v in words)
        assert scores.compound == pytest.approx(
            total / math.sqrt(total * total + 15) if words else 0.0, abs=1e-12
        )
