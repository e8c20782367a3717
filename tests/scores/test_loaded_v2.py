"""Loaded language v2 (issue #17, part 4): context rules, voice, sentence scores without length artefacts."""

from __future__ import annotations

import math

import pytest

from compare import analyze_text
from compare.scores.wordchoice._loaded import (
    FEATURES,
    LOADED_THRESHOLD,
    _model,
    article_loaded_metrics,
    lexicon,
    loaded_spans,
    model_score,
    params,
    sentence_loaded_scores,
    span_features,
)

#: the score of a sentence without any loaded word (the model's base rate)
BASE = model_score([0.0] * len(FEATURES))


def _texts(text: str, *, min_weight: float = LOADED_THRESHOLD) -> list[str]:
    return [s.text for s in loaded_spans(analyze_text(text), min_weight=min_weight)]


def _span(text: str, word: str):
    hits = [s for s in loaded_spans(analyze_text(text)) if s.text == word]
    assert len(hits) == 1, (text, word, loaded_spans(analyze_text(text)))
    return hits[0]


# ---------------------------------------------------------------------------- the examples
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("She woke up at six and went to work.", "woke"),
        ("He woke early on Tuesday.", "woke"),
        ("Sen. Luther Strange voted for the bill.", "Strange"),
        ("The bill was backed by Luther Strange, the Alabama senator.", "Strange"),
        ("His silence on the matter lasted a week.", "silence"),
        ("Two prisoners were seriously ill and a third was severely wounded.", "ill"),
        ("Two prisoners were seriously ill and a third was severely wounded.", "seriously"),
        ("Two prisoners were seriously ill and a third was severely wounded.", "severely"),
        ("The pilot was awarded the title Hero of Russia in 2016.", "Hero"),
    ],
)
def test_not_loaded_in_names_medical_phrases_and_other_parts_of_speech(text, word):
    assert word not in _texts(text, min_weight=0.0)  # not even a weak VADER cue


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The illegitimate government met on Monday.", "illegitimate"),
        ("The company cynically raised prices.", "cynically"),
        ("He habitually ignores the rules.", "habitually"),
        ("A spit-foaming crowd gathered outside.", "spit-foaming"),
        ("The woke mob tore down the statue.", "woke"),
        ("They want to silence their critics.", "silence"),
        ("That is a strange decision.", "strange"),
    ],
)
def test_loaded_words_are_found(text, word):
    span = _span(text, word)
    assert span.weight >= LOADED_THRESHOLD
    assert span.voice == "own"


def test_the_same_word_is_loaded_or_not_by_context():
    assert "silence" in _texts("The government moved to silence the press.")
    assert "silence" not in _texts("The government's silence angered the press.", min_weight=0.0)


# ---------------------------------------------------------------------------- voice
@pytest.mark.parametrize(
    "text",
    [
        'The senator called the vote "a disgraceful sham" on Monday.',
        "The senator called the vote a ‘disgraceful sham’ on Monday.",
        "The senator called the vote a 'disgraceful sham' on Monday.",
        "The senator said that the vote was a disgraceful sham.",
        "The vote was a disgraceful sham, the senator said.",
        "According to the senator, the vote was a disgraceful sham.",
    ],
)
def test_quoted_and_reported_speech_is_quoted_voice(text):
    span = _span(text, "sham")
    assert span.voice == "quoted"


def test_own_voice_outside_quotes():
    text = 'The disgraceful vote, which he called "historic", passed.'
    assert _span(text, "disgraceful").voice == "own"


def test_quoted_words_count_less_than_own_words():
    own = sentence_loaded_scores(analyze_text("The vote was a disgraceful sham."))[0]
    quoted = sentence_loaded_scores(analyze_text('The vote was "a disgraceful sham."'))[0]
    assert BASE < quoted < own


def test_apostrophes_are_not_quotes():
    text = "The voters' anger grew, and the senators' disgraceful sham went on."
    assert _span(text, "sham").voice == "own"


# ---------------------------------------------------------------------------- sentence scores
def test_fragments_do_not_dominate():
    added, whinged = sentence_loaded_scores(analyze_text("He added. He whinged."))
    long_plain = sentence_loaded_scores(
        analyze_text("The committee will meet again on Thursday to discuss the budget for next year.")
    )[0]
    long_loaded = sentence_loaded_scores(
        analyze_text("The committee, in a disgraceful display of cowardice, buried the damning report again.")
    )[0]
    # no loaded word: the base rate, whatever the length
    assert added == pytest.approx(BASE, abs=1e-12)
    assert long_plain == pytest.approx(BASE, abs=1e-12)
    assert whinged > added
    assert long_loaded > whinged  # more loaded words score higher, not fewer words


def test_plain_said_sentences_are_not_negative():
    scores = sentence_loaded_scores(
        analyze_text("The minister said the budget would rise. He added. Officials said 12 people attended.")
    )
    assert scores == pytest.approx([BASE] * 3, abs=1e-12)
    assert 0 < BASE < 0.5
    assert min(scores) >= sentence_loaded_scores(analyze_text("The budget would rise."))[0]


def test_scores_are_monotone_in_loaded_words():
    one = sentence_loaded_scores(analyze_text("The plan is absurd."))[0]
    two = sentence_loaded_scores(analyze_text("The plan is absurd and the rollout a fiasco."))[0]
    assert BASE < one < two < 1


def test_model_coefficients_are_non_negative():
    coef, intercept = _model()
    assert len(coef) == len(FEATURES)
    assert min(coef) >= 0
    assert math.isfinite(intercept)


# ---------------------------------------------------------------------------- properties
@pytest.mark.parametrize("text", ["", "   ", "\n\n", "— …"])
def test_nan_on_empty(text):
    doc = analyze_text(text)
    assert loaded_spans(doc) == []
    assert all(math.isnan(x) for x in sentence_loaded_scores(doc))
    assert all(math.isnan(v) for v in article_loaded_metrics(doc).values())


def test_one_score_per_sentence_and_nan_for_sentences_without_words():
    doc = analyze_text("The absurd plan failed.\n2024.\nHe left.")
    scores = sentence_loaded_scores(doc)
    assert len(scores) == len(doc.sentences) == 3
    assert scores[0] > scores[2]
    assert math.isnan(scores[1])
    assert scores[2] == pytest.approx(BASE, abs=1e-12)


TEXT = (
    "Sen. Luther Strange slammed the illegitimate deal as a sham.\n"
    '"It is a disgraceful betrayal," he said, adding that the cronies of the regime would profit.\n'
    "The woke mob, critics said, had cynically hijacked the debate. She woke up to chaos."
)


def test_deterministic_and_offsets_point_at_the_words():
    first = loaded_spans(analyze_text(TEXT))
    doc = analyze_text(TEXT)
    second = loaded_spans(doc)
    assert first == second
    assert sentence_loaded_scores(doc) == sentence_loaded_scores(analyze_text(TEXT))
    assert first, "the text has loaded words"
    for s in first:
        assert TEXT[s.start : s.end] == s.text
        assert doc.tokens[s.token].start == s.start
        assert doc.tokens[s.token].sentence == s.sentence
        assert 0 < s.weight <= 1
        assert s.voice in {"own", "quoted"}
    assert [s.start for s in first] == sorted(s.start for s in first)


def test_example_text_voices():
    spans = {s.text: s.voice for s in loaded_spans(analyze_text(TEXT))}
    assert spans["slammed"] == "own"
    assert spans["disgraceful"] == "quoted"
    assert spans["cronies"] == "quoted"  # reported speech after "adding that"
    assert "Strange" not in spans
    assert list(spans).count("woke") == 1


def test_article_metrics_ranges():
    m = article_loaded_metrics(analyze_text(TEXT))
    assert 0 < m["own_loaded_words_per_100_words"] <= m["loaded_words_per_100_words"] <= 100
    assert 0 < m["loaded_sentence_share"] <= 1
    assert 0 < m["loaded_score_mean"] < 1


def test_lexicon_has_no_empty_or_duplicate_entries():
    lex = lexicon()
    assert len(lex.words) > 500
    for word, (category, weight, pos) in lex.words.items():
        assert word
        assert word == word.lower().strip()
        assert 0.0 <= weight <= 1.0
        assert pos in {"any", "noun", "verb", "adj"}
        assert (weight == 0.0) == (category == "topical")
    for phrases in lex.phrases.values():
        for words, category, weight in phrases:
            assert len(words) > 1
            assert (weight == 0.0) == (category == "neutral_phrase")


def test_min_weight_filters_and_sentence_score_uses_every_span():
    doc = analyze_text("Officials hope the absurd plan will help families.")
    every = loaded_spans(doc, min_weight=0.0)
    strong = loaded_spans(doc)
    assert {s.text for s in strong} == {"absurd"}
    assert {s.text for s in strong} < {s.text for s in every}
    assert sentence_loaded_scores(doc)[0] == pytest.approx(model_score(span_features(every)), abs=1e-12)
    assert set(params()) == {"vader_floor", "vader_scale", "vader_positive", "stance_compound"}


def test_possessive_span_points_at_the_word():
    span = _span("The regime's illegitimate sham vote.", "regime")
    assert (span.start, span.end) == (4, 10)
