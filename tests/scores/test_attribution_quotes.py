"""Tests of the attribution tagger's reading of quotation conventions the Document does not mark
(two apostrophes as a quotation mark) and of colon cue candidates."""

from __future__ import annotations

from compare.scores import attributions
from compare.scores.attribution import _model as M
from compare.text import analyze_text


def _prep(text: str):
    model = M.default_model()
    doc = analyze_text(text)
    return doc, M.prepare(doc, model)


def test_double_apostrophe_quotation_is_read_as_quoted():
    text = "The senator spoke on Monday. ''We will not back down,'' she said. Voters were unmoved."
    doc, prep = _prep(text)
    inside = {t.text for i, t in enumerate(doc.tokens) if prep.inq[i]}
    assert {"We", "will", "not", "back", "down"} <= inside
    assert "senator" not in inside
    assert "Voters" not in inside
    assert "said" not in inside


def test_possessive_apostrophes_are_not_quotations():
    text = "The economists' forecast and the voters' mood diverged. Officials said little."
    _doc, prep = _prep(text)
    assert not prep.inq.any()
    assert not prep.isq.any()


def test_colon_in_sentence_is_a_cue_candidate_but_final_colon_is_not():
    doc, prep = _prep("Graham: Trump is destroying the party. The list follows:")
    cand = {doc.tokens[i].start for i in M.cue_candidates(prep).tolist()}
    colons = [t.start for t in doc.tokens if t.text == ":"]
    assert colons[0] in cand
    assert colons[-1] not in cand


def test_apostrophe_quotes_keep_the_table_shape():
    text = "''It is over,'' the mayor said on Tuesday.\n\nThe council agreed: ''We move on.''"
    df = attributions(text)
    for col in ("start", "end", "cue_start", "cue_end", "source_start", "source_end", "source", "kind"):
        assert col in df.columns
    assert "said" in set(df["cue"])
