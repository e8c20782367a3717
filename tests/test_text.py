from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import analyze_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He left.", ["Mr. Smith went to Washington.", "He left."]),
        ("The U.S. Army said it would. The Senate agreed.", ["The U.S. Army said it would.", "The Senate agreed."]),
        ("It grew to $3.5 billion. Sales fell 2.5%.", ["It grew to $3.5 billion.", "Sales fell 2.5%."]),
        ("Sen. Jo Kim (D-Calif.) spoke at 9 a.m. Tuesday. Then she left.", ["Sen. Jo Kim (D-Calif.) spoke at 9 a.m. Tuesday.", "Then she left."]),
        ("John F. Kennedy spoke in Jan. 1961. Crowds cheered.", ["John F. Kennedy spoke in Jan. 1961.", "Crowds cheered."]),
        ('"We will win," he said. "They will lose." Then he left.', ['"We will win," he said.', '"They will lose."', "Then he left."]),
        ("“Is that you?” Weiner asked. He declined.", ["“Is that you?” Weiner asked.", "He declined."]),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ("Headline Without Stop\nBody text here. More.", ["Headline Without Stop", "Body text here.", "More."]),
        ("Wait... what happened? Nobody knows!", ["Wait... what happened?", "Nobody knows!"]),
    ],
)
def test_sentence_splitting(text, expected):
    doc = analyze_text(text)
    assert [s.text for s in doc.sentences] == expected
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_offsets_tokens_and_paragraphs(founding_text):
    doc = analyze_text(founding_text)
    assert len(doc.paragraphs) == 10
    for t in doc.tokens:
        assert founding_text[t.start : t.end] == t.text
        s = doc.sentences[t.sentence]
        assert s.start <= t.start < t.end <= s.end
    assert doc.sentence_at(doc.sentences[3].start + 2) == 3
    words = {t.text for t in doc.words}
    assert {"Zelensky’s", "U.S.", "Zelenskyy"} <= words


def test_quotes_curly_straight_and_across_paragraphs():
    text = '“First part of a quote.\n“It goes on here,” she said. He said "yes" twice.'
    doc = analyze_text(text)
    inner = [text[q.inner_start : q.inner_end] for q in doc.quotes]
    assert inner[0].startswith("First part")
    assert inner[0].endswith("goes on here,")
    assert inner[1] == "yes"
    assert all(q.closed for q in doc.quotes)


def test_unbalanced_quotes_do_not_crash():
    text = 'He said “this never closes. Next sentence.\nNew paragraph ” stray close. And "another'
    doc = analyze_text(text)
    assert len(doc.sentences) >= 3
    assert any(not q.closed for q in doc.quotes)
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)


def test_empty_and_whitespace():
    for text in ("", "   \n\n  "):
        doc = analyze_text(text)
        assert doc.sentences == ()
        assert doc.tokens == ()
        assert doc.n_words == 0


def test_type_error():
    with pytest.raises(TypeError, match="'text' parameter of analyze_text must be a str"):
        analyze_text(None)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\"“”'\n$3,A.B")), max_size=80))
def test_spans_are_consistent(text):
    doc = analyze_text(text)
    last = 0
    for s in doc.sentences:
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text == s.text.strip()
        last = s.end
    for q in doc.quotes:
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)


# ---------------------------------------------------------------------------------------------
# The fast build must give the tokens of the plain rules: tokenising sentence by sentence
# ---------------------------------------------------------------------------------------------
_TRICKY = st.lists(
    st.sampled_from(
        [
            *"aBz.U S'’-\"“”«»„ \n\r\t\x85\u2028\u2029\x1c\x0b\u00a0\u200b3$€%,:!?…()é²_",
            *["Mr.", "U.S.", " said", "The ", "3.5", "don't", "a.m.", "Jones’ "],
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TRICKY)
def test_tokens_equal_per_sentence_tokenisation(text):
    from compare.text import _KIND, _TOKEN_RE, _build

    doc = _build(text)
    expected = []
    for si, s in enumerate(doc.sentences):
        for m in _TOKEN_RE.finditer(text, s.start, s.end):
            expected.append((m.start(), m.end(), m.group(), si, _KIND[m.lastindex]))
    assert [tuple(t) for t in doc.tokens] == expected
    for si, s in enumerate(doc.sentences):
        assert all(t.sentence == si for t in doc.tokens[s.token_start : s.token_end])
    assert doc.words == tuple(t for t in doc.tokens if t.kind == "word")


@settings(max_examples=300, deadline=None)
@given(_TRICKY, st.integers(0, 40), st.integers(0, 40))
def test_next_word_matches_character_loop(text, a, b):
    from compare.text import _OPENERS, _next_word

    pos, hi = sorted((min(a, len(text)), min(b, len(text))))
    i = pos
    while i < hi and text[i].isspace():
        i += 1
    j = i
    while j < hi and text[j] in _OPENERS:
        j += 1
    k = j
    while k < hi and (text[k].isalnum() or text[k] in "'’-"):
        k += 1
    assert _next_word(text, pos, hi) == (i, text[j:k])
