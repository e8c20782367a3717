"""Common tests over every registered score family and metric (as sklearn's metrics/tests/test_common)."""

from __future__ import annotations

import math

import pytest

from compare import analyze_text
from compare.scores import ALL_FAMILIES, FAMILIES, SCORERS

TEXTS = [
    "Officials said the talks collapsed on Tuesday. \"We will not give up,\" the minister told reporters.",
    "Prices rose 3.5% in March, the U.S. Labor Department reported. Critics blamed the government's policies.",
    "The flood destroyed homes. Families wept as rescuers searched for the missing; the mayor promised help.",
]


def _close(a: float, b: float) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


@pytest.fixture(scope="module", params=ALL_FAMILIES)
def family(request):
    return FAMILIES[request.param]


def test_the_registry_is_a_fixed_table_complete_without_importing_any_family():
    """Every family and metric is listed before any implementation module is imported (a worker
    process and the parent see the same registry): checked in a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import sys, compare.scores as s; "
        "print(len(s.FAMILIES), len(s.SCORERS), "
        "sum(m.startswith('compare.scores.') and m.rsplit('.', 1)[-1].startswith('_') "
        "and not m.endswith(('._metrics', '._base', '._registry', '._lexicon', '._display')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(ALL_FAMILIES)), str(len(SCORERS)), "0"]
    assert list(FAMILIES) == list(ALL_FAMILIES)
    for name, family in FAMILIES.items():
        module = __import__(family.implementation, fromlist=["score"])
        assert callable(module.score), name


def test_metrics_are_described(family):
    for m in family.metrics:
        assert SCORERS[m.name] is m
        assert m.family == family.name
        assert m.description, f"{m.name} lacks a description"
        assert m.label, f"{m.name} lacks a label"
        assert "_" not in m.label, f"{m.name}: the label is not readable"
        assert m.display.startswith(m.label)
        assert m.direction, f"{m.name} lacks a direction"
        lo, hi = m.range
        assert lo <= hi
    assert family.metrics, "a family without metrics"


def test_empty_text_gives_nan(family):
    result = family(analyze_text(""))
    article_metrics = {m.name for m in family.metrics if m.level == "article"}
    assert article_metrics <= set(result.article)
    for name in article_metrics:
        assert math.isnan(result.article[name]), f"{name} on empty text is {result.article[name]!r}, not NaN"


@pytest.mark.parametrize("text", TEXTS)
def test_values_in_range_and_registered(family, text, founding_text):
    for t in (text, founding_text):
        doc = analyze_text(t)
        result = family(doc)
        for name, value in result.article.items():
            assert name in SCORERS, f"{family.name} returns the unregistered metric {name!r}"
            assert isinstance(value, float), f"{name} is a {type(value).__name__}, not a float"
            if not math.isnan(value):
                lo, hi = SCORERS[name].range
                assert lo <= value <= hi, f"{name}={value} outside {SCORERS[name].range}"
        for name, values in result.sentences.items():
            assert len(values) == len(doc.sentences), name


def test_determinism(family, founding_text):
    from compare.text import _build  # a fresh Document, bypassing analyze_text's cache

    a = family(analyze_text(founding_text))
    b = family(_build(founding_text))
    assert a.article.keys() == b.article.keys()
    assert all(_close(a.article[k], b.article[k]) for k in a.article)
    assert a.tables == b.tables


def test_whitespace_invariance(family, founding_text):
    spaced = "\n  " + founding_text.replace(". ", ".   ").replace(", ", ",  ") + "  \n\n"
    a = family(analyze_text(founding_text)).article
    b = family(analyze_text(spaced)).article
    for name in a:
        assert _close(a[name], b[name]), f"{name}: {a[name]} != {b[name]} after adding whitespace"


def test_evidence_offsets_point_into_text(family, founding_text):
    result = family(analyze_text(founding_text))
    for row in result.tables.get("evidence", []):
        assert 0 <= row["start"] < row["end"] <= len(founding_text)
        if row.get("text") is not None:
            assert founding_text[row["start"] : row["end"]] == row["text"]
