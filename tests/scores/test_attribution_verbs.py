"""Tests of the attribution tagger's fixed list of communication / belief / stance verbs."""

from __future__ import annotations

import re

import numpy as np
import pytest

from compare.scores.attribution import _features as F
from compare.scores.attribution import _model as M
from compare.scores.attribution import extract_attributions
from compare.scores.attribution._verbs import IRREGULAR, VERB_FORMS, VERBS, inflect
from compare.text import analyze_text

_WORD = re.compile(r"[a-z]+")


def test_list_is_plain_lowercase_words():
    # a hand-written list of English verbs: lower-case single words (no multi-word forms, names,
    # digits or punctuation), no duplicates, a few hundred entries
    assert len(VERBS) == len(set(VERBS))
    assert 100 <= len(VERBS) <= 300
    assert all(_WORD.fullmatch(v) for v in VERBS)
    assert all(_WORD.fullmatch(w) for w in VERB_FORMS)
    assert set(IRREGULAR) <= set(VERBS)
    assert frozenset().union(*map(inflect, VERBS)) == VERB_FORMS
    assert len(VERB_FORMS) < 10 * len(VERBS)


def test_inflections():
    assert {"say", "says", "saying", "said"} <= inflect("say")
    assert {"admits", "admitted", "admitting"} <= inflect("admit")
    assert {"worries", "worried", "worrying"} <= inflect("worry")
    assert {"notes", "noted", "noting"} <= inflect("note")
    assert {"wrote", "written", "writes"} <= inflect("write")


@pytest.mark.parametrize("verb", ["retorted", "scoffed"])
def test_listed_verb_outside_learned_vocabulary_is_found(verb):
    # not in the vocabulary learned from PolNeAR train, so the tagger before the verb list never
    # scored it (and found no attribution in this sentence); the list makes it a candidate
    model = M.default_model()
    assert verb in VERB_FORMS
    assert verb not in model.cue_vocab
    text = f"The senator {verb} that the bill would never pass the House."
    doc = analyze_text(text)
    prep = M.prepare(doc, model)
    idx = M.cue_candidates(prep)
    k = [n for n, i in enumerate(idx.tolist()) if doc.tokens[i].text == verb]
    assert len(k) == 1
    X = F.stage2_features(prep, idx, np.zeros(len(idx)))
    assert X[k[0], F.STAGE2_NAMES.index("verb_list_only")] == 1.0
    rows = extract_attributions(doc)
    assert [r.cue for r in rows] == [verb]
    assert rows[0].source == "The senator"


def test_listed_noun_reading_not_forced():
    # the list only adds candidates: a listed form used as a noun is still left out
    rows = extract_attributions(analyze_text("The United States and its allies met in Geneva on Monday."))
    assert [r.cue for r in rows if r.cue] == []
