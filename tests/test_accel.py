"""The compiled kernels (``compare._speedups``) and their pure-Python twins give identical results.

CI runs the suite on an install that built the extension; ``tox -e pure`` (or
``MEDIA_COMPARE_PURE_PYTHON=1 pytest``) runs it again on the fallback. The tests here run both
paths in the same session: kernel against twin directly, and ``compare.analyze`` end to end in two
fresh interpreters (compiled, and forced to the fallback), comparing every Results table.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import _accel
from compare.results import RESULT_TABLES

COMPILED = _accel.speedups() is not None
needs_compiled = pytest.mark.skipif(
    not COMPILED, reason="compiled kernels not built, or MEDIA_COMPARE_PURE_PYTHON set"
)

_TEXTS = [
    "",
    "One.",
    "Too short to shingle",
    'Officials said the talks collapsed. "We will not give up," Foreign Minister Sergei Lavrov said.',
    "Kyiv’s mayor said the city’s power was back. KYIV’S MAYOR SAID THE CITY’S POWER WAS BACK!",
    "Prices rose 3.5% to $2bn in 1990s-era deals... — and then fell; émigrés' café naïve Zelensky’s",
    " ".join(["the same words again and again"] * 30),
]


def _backend_in_fresh_interpreter(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != _accel.ENV_PURE}
    if env_value is not None:
        env[_accel.ENV_PURE] = env_value
    code = "import compare._accel as a; print(a.backend())"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return proc.stdout.strip()


def test_environment_variable_forces_the_fallback():
    assert _backend_in_fresh_interpreter("1") == "python"
    assert _backend_in_fresh_interpreter("true") == "python"
    expected = "compiled" if COMPILED and os.environ.get(_accel.ENV_PURE) is None else None
    if expected:
        assert _backend_in_fresh_interpreter(None) == "compiled"
        assert _backend_in_fresh_interpreter("0") == "compiled"


def test_import_compare_does_not_load_the_extension_or_numpy():
    code = "import sys, compare; print('compare._speedups' in sys.modules, 'numpy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["False", "False"]


def test_manifest_records_the_path_that_ran():
    res = compare.analyze(
        compare.Corpus([compare.Article(id="a", outlet="X", text="Officials said the talks failed.")]),
        config=compare.RunConfig(claims=False, provenance=False, progress=False),
    )
    assert res.manifest["accel"] == _accel.backend()


@needs_compiled
@pytest.mark.parametrize("ngram", [1, 3, 6])
@pytest.mark.parametrize("window", [1, 4, 50])
def test_reuse_fingerprint_kernel_equals_its_twin(ngram, window):
    from compare.align.provenance import _reuse

    texts = [*_TEXTS, *(a.text for a in list(compare.bundled_corpus())[:20])]
    for text in texts:
        doc = compare.analyze_text(text)
        fast = _reuse.fingerprint(doc, ngram=ngram, window=window)
        slow = _reuse._fingerprint_py(doc, ngram=ngram, window=window)
        for field in ("shingles", "tok_start", "tok_end", "fingerprints"):
            a, b = getattr(fast, field), getattr(slow, field)
            assert a.dtype == b.dtype, field
            np.testing.assert_array_equal(a, b, err_msg=f"{field} of {text[:40]!r}")
        assert fast.span_chars == slow.span_chars


_RUN = """
import pickle, sys
import compare
from compare.results import RESULT_TABLES
corpus = compare.Corpus(list(compare.bundled_corpus())[:36])
cfg = compare.RunConfig(progress=False, comparison_options={"n_boot": 100, "n_perm": 100})
res = compare.analyze(corpus, config=cfg)
pickle.dump((res.manifest["accel"], {n: res.tables[n] for n in RESULT_TABLES}), sys.stdout.buffer)
"""


@needs_compiled
@pytest.mark.slow
def test_analyze_gives_identical_tables_on_both_paths():
    """``compare.analyze`` with its defaults on a slice of the bundled corpora, once with the
    compiled kernels and once forced to the fallback: every table equal."""
    root = compare.io.bundled_corpus_path().parent
    out = {}
    for pure in (False, True):
        env = {k: v for k, v in os.environ.items() if k != _accel.ENV_PURE}
        if pure:
            env[_accel.ENV_PURE] = "1"
        run = subprocess.run(
            [sys.executable, "-c", _RUN], capture_output=True, check=False, cwd=root, env=env, timeout=900
        )
        assert run.returncode == 0, run.stderr.decode()[-2000:]
        out[pure] = pickle.loads(run.stdout)
    assert out[False][0] == "compiled"
    assert out[True][0] == "python"
    compiled, pure = out[False][1], out[True][1]
    assert sum(len(compiled[n]) for n in RESULT_TABLES) > 0
    for name in RESULT_TABLES:
        pd.testing.assert_frame_equal(compiled[name], pure[name], obj=name)


def _claim_sentence_groups() -> list[list]:
    """Sentence features of the bundled corpora, one list per story, plus awkward cases."""
    from compare.align._claims_sim import sentence_features

    groups: dict[str, list] = {}
    for a in compare.bundled_corpus():
        groups.setdefault(str(a.event), []).extend(sentence_features(compare.analyze_text(a.text)))
    odd = [sentence_features(compare.analyze_text(t)) for t in _TEXTS]
    return [*groups.values(), [f for fs in odd for f in fs]]


_WORDY = st.text(
    alphabet=st.sampled_from([*"abcXYZ éÉİß’'-.,!? \n\t0123456789$%“”", "\u00a0", "\u2028", "ǅ"]),
    max_size=300,
)


@needs_compiled
@settings(max_examples=150, deadline=None)
@given(text=_WORDY, ngram=st.integers(1, 7), window=st.integers(1, 9))
def test_reuse_fingerprint_kernel_on_random_text(text, ngram, window):
    from compare.align.provenance import _reuse

    doc = compare.analyze_text(text)
    fast = _reuse.fingerprint(doc, ngram=ngram, window=window)
    slow = _reuse._fingerprint_py(doc, ngram=ngram, window=window)
    for field in ("shingles", "tok_start", "tok_end", "fingerprints"):
        np.testing.assert_array_equal(getattr(fast, field), getattr(slow, field))
        assert getattr(fast, field).dtype == getattr(slow, field).dtype
    assert fast.span_chars == slow.span_chars
