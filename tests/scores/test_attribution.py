"""Tests of the attribution family (cues, sources, content, types, metrics)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from compare.scores import FAMILIES, SCORERS, attributions
from compare.scores.attribution import FAMILY, SOURCE_TYPES, extract_attributions
from compare.text import analyze_text

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "the-gaze-putin-istanbul.txt"


def _row(df: pd.DataFrame, cue_text: str, text: str) -> pd.Series:
    """The row whose cue (or content, for quote-only rows) contains ``cue_text``."""
    for _, r in df.iterrows():
        if r["cue_start"] is not pd.NA and cue_text in text[r["cue_start"] : r["cue_end"]]:
            return r
    raise AssertionError(f"no attribution with cue {cue_text!r}: {df[['cue', 'source']].to_dict('records')}")


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("seed article missing")
    return SEED.read_text(encoding="utf-8")


def test_registered():
    assert "attribution" in FAMILIES
    assert SCORERS["attributions_per_100_words"].headline
    for t in SOURCE_TYPES:
        assert f"source_share_{t}" in SCORERS


def test_said_inversion_and_types():
    text = "The plan will fail, officials said on Monday. Smith told reporters the deal was dead."
    df = attributions(text)
    r = _row(df, "said", text)
    assert r["source"] == "officials"
    assert r["source_type"] == "anonymous"
    assert r["kind"] == "indirect"
    assert text[r["content_start"] : r["content_end"]].startswith("The plan will fail")
    r2 = _row(df, "told", text)
    assert "Smith" in r2["source"]
    assert r2["source_type"] == "person"


def test_according_to_and_citing():
    text = (
        "The talks collapsed, according to Western diplomats. "
        "Moscow sent junior officials, The Gaze reports, citing The Wall Street Journal."
    )
    df = attributions(text)
    r = _row(df, "according", text)
    assert r["source"] == "Western diplomats"
    assert r["source_type"] == "anonymous"
    r2 = _row(df, "citing", text)
    assert "Wall Street Journal" in r2["source"]
    assert r2["source_type"] == "media"


def test_direct_quote_and_pronoun_resolution():
    text = '"We will not give up," Zelenskyy said on Tuesday. "We should do our part," he added.'
    df = attributions(text)
    r = _row(df, "said", text)
    assert r["kind"] == "direct"
    assert r["source_type"] == "person"
    assert text[r["content_start"] : r["content_end"]] == "We will not give up,"
    r2 = _row(df, "added", text)
    assert r2["source_type"] == "pronoun"
    assert r2["resolved_source"] == "Zelenskyy"


def test_dataframe_schema():
    df = attributions("Officials said the plan would fail.")
    for col in (
        "start",
        "end",
        "cue_start",
        "cue_end",
        "source_start",
        "source_end",
        "content_start",
        "content_end",
    ):
        assert str(df[col].dtype) == "Int64"
    for col in ("cue", "source", "source_type", "kind", "actor", "quote_only"):
        assert col in df.columns
    r = df.iloc[0]
    # the whole span holds cue, source and content
    assert r["start"] <= r["cue_start"]
    assert r["end"] >= r["cue_end"]
    assert r["start"] <= r["source_start"]
    assert r["end"] >= r["source_end"]


def test_quote_only_has_missing_cue():
    text = 'The minister spoke at length.\n"This is a war of attrition and we are ready for it," the minister said.\n"Nobody here believes in a quick end to the fighting at all."'
    df = attributions(text)
    q = df[df["quote_only"]]
    assert len(q) == 1
    assert q["cue_start"].isna().all()
    # the quotation continues the minister's quoted speech: it inherits that source
    assert q["source"].iloc[0] == "the minister"
    assert attributions(text, quotes_alone=False)["quote_only"].sum() == 0
    lone = attributions('"Nobody here believes in a quick end to the fighting at all."')
    assert len(lone) == 1
    assert lone["source_start"].isna().all()
    assert lone["source_type"].isna().all()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        'He said "this never closes',
        '"Unbalanced at the start.\nThe next paragraph has no quote.',
        '"A quote that runs\n"into the next paragraph," she said.',
        "”“”“",
        ':::: — — "',
        "said said said",
    ],
)
def test_bad_input_does_not_crash(text):
    df = attributions(text)
    assert isinstance(df, pd.DataFrame)
    n = len(text)
    for col in ("start", "end", "cue_start", "cue_end", "source_start", "source_end"):
        vals = df[col].dropna()
        assert ((vals >= 0) & (vals <= n)).all()


def test_no_invented_attributions():
    for text in ["", "The sun rose over the hills and the river ran on.", "Prices rose 3% in March."]:
        assert len(attributions(text)) == 0


def test_family_empty_is_nan():
    res = FAMILY(analyze_text(""))
    assert res.article
    assert all(math.isnan(v) for v in res.article.values())


def test_family_metrics_and_tables():
    text = "The plan will fail, officials said. Smith told reporters it was over. The river ran on."
    res = FAMILY(analyze_text(text))
    a = res.article
    n = len(res.tables["attributions"])
    assert n == 2
    doc = analyze_text(text)
    assert a["attributions_per_100_words"] == pytest.approx(100 * n / doc.n_words)
    assert a["attributed_sentence_share"] == pytest.approx(2 / 3)
    shares = [a[f"source_share_{t}"] for t in SOURCE_TYPES]
    assert sum(shares) == pytest.approx(1.0)
    for m in FAMILY.metrics:
        if m.level == "article":
            v = a[m.name]
            assert math.isnan(v) or m.range[0] <= v <= m.range[1]
    ev = res.tables["evidence"]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in ev)
    assert len(res.sentences["sentence_attributions"]) == len(doc.sentences)


def test_family_no_attributions_shares_nan():
    res = FAMILY(analyze_text("The sun rose over the hills."))
    assert res.article["attributions_per_100_words"] == 0.0
    assert math.isnan(res.article["source_share_person"])
    assert math.isnan(res.article["direct_quote_share"])


def test_deterministic_and_cached():
    text = "Officials said the plan would fail. Smith told reporters it was over."
    doc = analyze_text(text)
    assert extract_attributions(doc) == extract_attributions(doc)
    assert attributions(text).equals(attributions(text))


def test_type_errors():
    with pytest.raises(TypeError, match="text"):
        attributions(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------
# The founding article
# ------------------------------------------------------------------------------------------------
def test_seed_article(seed_text):
    df = attributions(seed_text)
    t = seed_text

    def find(cue_piece: str, near: str) -> pd.Series:
        at = t.index(near)
        for _, r in df.iterrows():
            if r["cue_start"] is pd.NA:
                continue
            if cue_piece in t[r["cue_start"] : r["cue_end"]] and abs(r["cue_start"] - at) < 80:
                return r
        raise AssertionError(
            f"{cue_piece!r} near {near!r} not found: {df[['cue', 'source']].to_dict('records')}"
        )

    z = find("said", "Zelenskyy said at a press")
    assert "Zelenskyy" in z["source"]
    assert z["source_type"] == "person"
    assert z["kind"] == "direct"
    wd = find("say", "Western diplomats say")
    assert "diplomats" in wd["source"]
    assert wd["source_type"] == "anonymous"
    wsj = find("citing", "citing The Wall Street Journal")
    assert "Wall Street Journal" in wsj["source"]
    assert wsj["source_type"] == "media"
    acc = find("according", "according to Western diplomats")
    assert "Western diplomats" in acc["source"]
    assert acc["source_type"] == "anonymous"
    many = find("fear", "many fear")
    assert many["source"] == "many"
    assert many["source_type"] == "anonymous"
    call = find("call for", "Zelensky’s call for")
    assert call["source"] == "Zelensky’s"  # not "Instead of accepting Zelensky’s"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("One of Trump’s main talking points during the debate was trade.", "Trump’s"),
        ("Aides dismissed some of Mr. Trump's criticism of the plan.", "Mr. Trump's"),
    ],
)
def test_possessive_source_is_the_name_that_owns_the_cue(text, source):
    rows = attributions(text, quotes_alone=False)
    owned = [r for r in rows["source"] if isinstance(r, str) and r.endswith(("’s", "'s"))]
    assert owned == [source]  # the name (with its title), not the words before it


# ------------------------------------------------------------------------------------------------
# PolNeAR (a small slice of dev; the full check is benchmarks/bench_attribution.py)
# ------------------------------------------------------------------------------------------------
@pytest.mark.datasets
def test_polnear_dev_slice_cue_recall_and_precision():
    import re

    from compare._datasets import datasets_dir

    root = datasets_dir() / "polnear" / "dev"
    if not root.is_dir():
        pytest.skip("PolNeAR not available")
    files = sorted((root / "attributions").glob("*.ann"))[:12]
    tp_p = n_p = tp_g = n_g = 0
    for f in files:
        text = (root / "text" / (f.stem.rsplit("_", 1)[0] + ".txt")).read_text(encoding="utf-8")
        gold = []
        for line in f.read_text(encoding="utf-8").splitlines():
            m = re.match(r"T\d+\tCue (\d+) (\d+)", line)
            if m:
                gold.append((int(m.group(1)), int(m.group(2))))
        df = attributions(text, quotes_alone=False)
        pred = list(zip(df["cue_start"].astype(int), df["cue_end"].astype(int), strict=False))
        n_p += len(pred)
        n_g += len(gold)
        tp_p += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in pred)
        tp_g += sum(any(s < pe and ps < e for ps, pe in pred) for s, e in gold)
    precision, recall = tp_p / n_p, tp_g / n_g
    assert precision > 0.55
    assert recall > 0.55


def test_quote_only_rows_listed_not_counted():
    text = (
        'Smith said the plan was dead. "It will never pass the Senate this year," the memo read aloud today.'
    )
    doc = analyze_text(text)
    rows = extract_attributions(doc)
    res = FAMILY(doc)
    cued = [r for r in rows if not r.quote_only]
    assert res.article["attributions_per_100_words"] == pytest.approx(100 * len(cued) / doc.n_words)
    assert len(res.tables["evidence"]) == len(cued)
    assert all(e["start"] is not None for e in res.tables["evidence"])


def test_multiword_cue_merged():
    text = "Reporters asked Clinton about the emails on Monday."
    df = attributions(text, quotes_alone=False)
    cues = df["cue"].tolist()
    # "asked ... about" is one cue, never two attributions
    assert len(cues) <= 1


def test_hashed_features_stable_across_documents():
    from compare.scores.attribution import _model as M

    model = M.default_model()
    a = analyze_text("Officials said the plan would fail.")
    b = analyze_text("Yesterday, officials said the plan would fail.")
    pa, pb = M.prepare(a, model), M.prepare(b, model)
    assert int(pa.wid[1]) == int(pb.wid[3])  # "said" gets the same id in both documents
    ia, qa = M.cue_probs(pa, model)
    assert len(ia) > 0
    assert 0.0 <= float(qa.max()) <= 1.0


def test_every_named_actor_gets_a_voice_count_zero_included():
    from compare.scores.attribution import FAMILY
    from compare.text import analyze_text

    text = "Senator Jane Doe arrived late on Monday. Mayor John Roe said it would pass. Paris was calm."
    counts = {r["actor"]: r["times_quoted"] for r in FAMILY(analyze_text(text)).tables["actors"]}
    assert counts.get("John Roe") == 1
    assert counts.get("Jane Doe") == 0  # named but not quoted: a count of 0, not a missing value
    assert "Paris" not in counts  # places only when they are quoted
