"""Tests of the generic news-frame scores (compare.scores.framing)."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import compare.scores as cs
from compare.scores import framing
from compare.scores.framing._lexicon import FRAMES, load_lexicon, parse_lexicon, scan
from compare.text import analyze_text

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "the-gaze-putin-istanbul.txt"

CONFLICT = (
    "Opposition leaders accused the government of lying and slammed its handling of the crisis. "
    "The dispute between the two parties deepened as critics condemned the deal and rivals clashed in parliament."
)
ECONOMIC = (
    "The plan will cost taxpayers $3.5 billion, and prices for consumers could rise 4%. "
    "Economists warned of job losses and a budget deficit as the economy slows."
)
HUMAN = (
    "Maria Lopez, 34, a mother of three, wept as she recalled the night her family lost everything. "
    '"I was terrified for my children," she said.'
)
MORAL = (
    "The bishop said it was a moral duty and a sin to ignore the poor. "
    "Church leaders prayed that we ought to protect God's creation for future generations."
)
RESPONSIBILITY = (
    "The government must act now: lawmakers called for urgent legislation, new regulations and a plan "
    "to solve the problem, and the agency pledged to implement the proposal immediately."
)
EXAMPLES = {
    "conflict": CONFLICT,
    "economic": ECONOMIC,
    "human_interest": HUMAN,
    "morality": MORAL,
    "responsibility": RESPONSIBILITY,
}


def test_frames_keys_and_range():
    s = cs.frames(CONFLICT)
    assert list(s) == ["conflict", "human_interest", "economic", "morality", "responsibility"]
    assert all(0.0 <= v <= 1.0 for v in s.values())


@pytest.mark.parametrize("frame", FRAMES)
def test_each_example_scores_highest_on_its_frame(frame):
    s = cs.frames(EXAMPLES[frame])
    assert max(s, key=s.get) == frame
    assert s[frame] >= framing.PRESENCE_THRESHOLD


@pytest.mark.parametrize("text", ["", "   \n ", "123 456 !!!"])
def test_no_words_gives_nan(text):
    assert all(math.isnan(v) for v in cs.frames(text).values())
    res = framing.FAMILY(analyze_text(text))
    assert all(math.isnan(res.article[f"frame_{f}"]) for f in FRAMES)
    ev = cs.frame_evidence(text)
    assert len(ev) == 0
    assert {"metric", "sentence", "start", "end", "text", "weight", "label"} <= set(ev.columns)


def test_neutral_text_scores_low():
    s = cs.frames("The museum opens at nine on weekdays. Visitors enter through the north door. " * 5)
    assert all(v < 0.2 for v in s.values())


def test_frames_accepts_document_and_matches_text():
    doc = analyze_text(ECONOMIC)
    assert cs.frames(doc) == cs.frames(ECONOMIC)


def test_frames_rejects_non_text():
    with pytest.raises(TypeError, match="'text' parameter of frames"):
        cs.frames(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'text' parameter of frame_evidence"):
        cs.frame_evidence(None)  # type: ignore[arg-type]


def test_evidence_spans_point_at_cue_words():
    ev = cs.frame_evidence(ECONOMIC)
    assert isinstance(ev, pd.DataFrame)
    for row in ev.itertuples():
        assert ECONOMIC[row.start : row.end] == row.text
        assert row.metric == f"frame_{row.label}"
    econ = ev[ev["label"] == "economic"]
    assert {"$3.5", "billion", "4%", "economy"} <= set(econ["text"])
    assert (econ.loc[econ["text"] == "$3.5", "cue"] == "<money amount>").all()


def test_rules_age_apposition_and_first_person_in_quote():
    ev = cs.frame_evidence(HUMAN)
    assert list(ev.loc[ev["cue"] == "<name, age,>", "text"]) == ["Lopez, 34,"]
    first = ev[ev["cue"] == "<first person in quote>"]
    assert list(first["text"]) == ["I", "my"]
    # outside quotation marks, "I" is the author, not a personal testimony
    assert "<first person in quote>" not in set(cs.frame_evidence("I think the plan is fine.")["cue"])


def test_multiword_cue_wins_over_its_words():
    ev = cs.frame_evidence("On the other hand, the plan has critics.")
    assert "On the other hand" in set(ev["text"])
    assert "hand" not in set(ev["text"])


def test_repeats_are_capped():
    one = cs.frames("The dispute went on. " * 3 + "The museum opens today. " * 25)
    many = cs.frames("The dispute went on. " * 10 + "The museum opens today. " * 18)
    assert many["conflict"] == pytest.approx(one["conflict"], abs=1e-12)
    ev = cs.frame_evidence("The dispute went on. " * 5)
    assert list(ev["weight"]) == [1.0, 1.0, 1.0, 0.0, 0.0]


def test_score_grows_with_cue_density():
    base = "The museum opens at nine on weekdays and closes at five. "
    low = cs.frames(base * 8 + "Critics slammed it.")["conflict"]
    high = cs.frames(base * 2 + "Critics slammed it. Rivals clashed. The dispute deepened.")["conflict"]
    assert high > low


def test_family_result_shapes():
    doc = analyze_text(CONFLICT + "\n" + ECONOMIC)
    res = framing.FAMILY(doc)
    assert set(res.article) == {f"frame_{f}" for f in FRAMES}
    for f in FRAMES:
        counts = res.sentences[f"frame_{f}_cues"]
        assert len(counts) == len(doc.sentences)
        n_rows = sum(1 for r in res.tables["evidence"] if r["label"] == f)
        assert sum(counts) == n_rows
    assert res.sentences["frame_conflict_cues"][0] > 0
    assert res.sentences["frame_economic_cues"][-1] > 0
    for row in res.tables["evidence"]:
        assert (
            doc.sentences[row["sentence"]].start
            <= row["start"]
            < row["end"]
            <= doc.sentences[row["sentence"]].end
        )


def test_registered_in_registry():
    fams = cs.load_families(["framing"])
    assert "framing" in fams
    for f in FRAMES:
        m = cs.SCORERS[f"frame_{f}"]
        assert m.family == "framing"
        assert m.range == (0.0, 1.0)
        assert cs.SCORERS[f"frame_{f}_cues"].level == "sentence"


def test_deterministic_and_whitespace_invariant():
    a = cs.frames(CONFLICT + "\n" + HUMAN)
    b = cs.frames(CONFLICT.replace(" ", "  ") + "\n\n" + HUMAN)
    assert a == pytest.approx(b)


def test_lexicon_parses_and_is_documented():
    lex = load_lexicon()
    assert lex.n_cues > 400
    doc = (Path(__file__).resolve().parents[2] / "docs" / "frames_lexicon.md").read_text(encoding="utf-8")
    for q in (
        "C1",
        "C2",
        "C3",
        "C4",
        "H1",
        "H2",
        "H3",
        "H4",
        "E1",
        "E2",
        "E3",
        "M1",
        "M2",
        "M3",
        "R1",
        "R2",
        "R3",
        "R5",
    ):
        assert q in doc


def test_custom_lexicon_and_bad_line():
    lex = parse_lexicon("# x\nmorality\tkindness\t1\tM1\nconflict\tsplit over*\t1\tC1\n")
    hits = scan(analyze_text("Kindness matters, but they split over taxes."), lex)
    assert [(h.cue.cue, FRAMES[h.cue.frame]) for h in hits] == [
        ("kindness", "morality"),
        ("split over*", "conflict"),
    ]
    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon("nonsense\tx\t1\tQ\n")


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not present")
def test_seed_article_is_conflict_framed_with_evidence():
    text = SEED.read_text(encoding="utf-8")
    s = cs.frames(text)
    assert s["conflict"] >= framing.PRESENCE_THRESHOLD
    assert s["conflict"] == max(s.values())
    ev = cs.frame_evidence(text)
    conflict_words = {t.lower() for t in ev.loc[ev["label"] == "conflict", "text"]}
    assert {"warring", "invasion", "surrender", "ceasefire"} <= conflict_words
    for row in ev.itertuples():
        assert text[row.start : row.end] == row.text


def test_speed_under_half_millisecond_per_600_words():
    para = (
        "Critics accused the government of failing families, as the plan would cost taxpayers billions. "
        "Maria Lopez, 34, said she feared for her children. Church leaders called it a moral duty to act. "
        "The agency pledged new rules to solve the crisis, but opponents rejected the proposal. "
        "The museum opens at nine on weekdays and the river runs past the old mill in the valley. "
    )
    text = "\n".join([para] * 9)  # about 600 words
    doc = analyze_text(text)
    assert 550 <= doc.n_words <= 700
    lex = load_lexicon()
    scan(doc, lex)  # warm the token memo
    from compare.scores.framing._lexicon import frame_scores

    best = math.inf
    for _ in range(5):
        t0 = time.process_time()  # CPU time: robust to other processes on a busy machine
        for _ in range(20):
            frame_scores(scan(doc, lex), doc.n_words)
        best = min(best, (time.process_time() - t0) / 20)
    # about 0.3 ms on the development machine; the bound leaves slack for slower CI machines
    assert best < 2e-3


@pytest.mark.datasets
def test_untrained_scores_rank_narrative_frames_articles():
    """Untrained scores separate framed from unframed articles (macro ROC AUC >= 0.75)."""
    from sklearn.metrics import roc_auc_score

    from compare._datasets import datasets_dir

    path = datasets_dir() / "narrative_frames" / "articles_metadata.tsv"
    if not path.is_file():
        pytest.skip("Narrative Frames Corpus not present")
    df = pd.read_csv(path, sep="\t")
    columns = {
        "CO": "conflict",
        "HI": "human_interest",
        "EC": "economic",
        "MO": "morality",
        "RE": "responsibility",
    }
    raw = {c: df[c].astype("string").str.strip().str.rstrip(")") for c in columns}
    keep = np.logical_and.reduce([raw[c].isin(["True", "False"]).to_numpy() for c in columns])
    scores = pd.DataFrame([cs.frames(t) for t in df.loc[keep, "text"].astype(str)])
    aucs = [roc_auc_score((raw[c][keep] == "True").to_numpy(), scores[f]) for c, f in columns.items()]
    assert min(aucs) > 0.6
    assert np.mean(aucs) >= 0.75
