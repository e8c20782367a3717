"""What people read for each metric: a label and a unit (private; applied by the registry).

Reports, tables and figures show ``Metric.label`` and ``Metric.unit`` instead of column names such as
``compound_sentiment``. ``tests/scores/test_common.py`` checks that every metric has one.
"""

from __future__ import annotations

__all__ = ["DISPLAY"]

_GRADE = "US school grade"
_SHARE_S = "share of sentences"
_P100 = "per 100 words"

#: metric name -> (label, unit)
DISPLAY: dict[str, tuple[str, str]] = {
    "flesch_reading_ease": ("Flesch reading ease", "higher is easier"),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", _GRADE),
    "gunning_fog": ("Gunning fog index", _GRADE),
    "smog_index": ("SMOG index", _GRADE),
    "coleman_liau_index": ("Coleman-Liau index", _GRADE),
    "automated_readability_index": ("Automated readability index", _GRADE),
    "dale_chall_readability_score": ("Dale-Chall score", "4.9 or less: grade 4"),
    "linsear_write_formula": ("Linsear Write", _GRADE),
    "text_standard": ("Consensus grade", _GRADE),
    "flesch_reading_ease_docsents": ("Flesch reading ease, our sentences", "higher is easier"),
    "flesch_kincaid_grade_docsents": ("Flesch-Kincaid grade, our sentences", _GRADE),
    "gunning_fog_docsents": ("Gunning fog index, our sentences", _GRADE),
    "smog_index_docsents": ("SMOG index, our sentences", _GRADE),
    "coleman_liau_index_docsents": ("Coleman-Liau index, our sentences", _GRADE),
    "automated_readability_index_docsents": ("Automated readability index, our sentences", _GRADE),
    "dale_chall_readability_score_docsents": ("Dale-Chall score, our sentences", "4.9 or less: grade 4"),
    "compound_sentiment": ("Sentiment", "mean sentence score, -1 to 1"),
    "positive_sentence_share": ("Positive sentences", _SHARE_S),
    "negative_sentence_share": ("Negative sentences", _SHARE_S),
    "neutral_sentence_share": ("Neutral sentences", _SHARE_S),
    "vader_compound_whole_text_saturating": ("Sentiment of the whole text", "-1 to 1, saturates with length"),
    "sentence_compound": ("Sentence sentiment", "-1 to 1"),
    "sentence_pos": ("Positive words", "share of the sentence"),
    "sentence_neu": ("Neutral words", "share of the sentence"),
    "sentence_neg": ("Negative words", "share of the sentence"),
    "attributions_per_100_words": ("Attributions", _P100),
    "attributions_per_sentence": ("Attributions", "per sentence"),
    "attributed_sentence_share": ("Attributed sentences", _SHARE_S),
    "source_share_person": ("Sources: named persons", "share of sources"),
    "source_share_official": ("Sources: officials", "share of sources"),
    "source_share_anonymous": ("Sources: anonymous", "share of sources"),
    "source_share_media": ("Sources: media", "share of sources"),
    "source_share_document": ("Sources: documents", "share of sources"),
    "source_share_pronoun": ("Sources: pronouns only", "share of sources"),
    "distinct_sources": ("Distinct sources", "count"),
    "direct_quote_share": ("Direct quotations", "share of attributions"),
    "sentence_attributions": ("Attributions in the sentence", "count"),
    "frame_conflict": ("Conflict frame", "0 to 1"),
    "frame_human_interest": ("Human-interest frame", "0 to 1"),
    "frame_economic": ("Economic frame", "0 to 1"),
    "frame_morality": ("Morality frame", "0 to 1"),
    "frame_responsibility": ("Responsibility frame", "0 to 1"),
    "frame_conflict_cues": ("Conflict cues", "count"),
    "frame_human_interest_cues": ("Human-interest cues", "count"),
    "frame_economic_cues": ("Economic cues", "count"),
    "frame_morality_cues": ("Morality cues", "count"),
    "frame_responsibility_cues": ("Responsibility cues", "count"),
    "loaded_words_per_100_words": ("Loaded words", _P100),
    "own_loaded_words_per_100_words": ("Loaded words, own voice", _P100),
    "loaded_sentence_share": ("Sentences with loaded words", _SHARE_S),
    "loaded_score_mean": ("Loaded-language score", "mean probability over sentences"),
    "hedge_density": ("Hedges", _P100),
    "assertive_density": ("Assertive words", _P100),
    "loaded_score": ("Loaded-language score", "probability"),
}
