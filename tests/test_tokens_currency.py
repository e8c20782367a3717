"""Number tokens with currency prefixes and suffixes, thousands separators and ranges (issue #20, part 4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.text import analyze_text, tokenize


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(t, k) for _s, _e, t, k in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("He paid $US346,807 for it.", "$US346,807"),
        ("He paid US$111,595 for it.", "US$111,595"),
        ("Shares closed at A$4.56 on Friday.", "A$4.56"),
        ("Shares closed at C$3.80 on Friday.", "C$3.80"),
        ("It cost NZ$1,200 in all.", "NZ$1,200"),
        ("It cost HK$12.5 in all.", "HK$12.5"),
        ("It cost S$40 in all.", "S$40"),
        ("It cost R$300 in all.", "R$300"),
        ("The fine was €5,000 this time.", "€5,000"),
        ("The fine was 5.000€ this time.", "5.000€"),
        ("The fine was £2.5m this time.", "£2.5m"),
        ("The deal is worth $2bn in total.", "$2bn"),
        ("The ticket costs Rs500 now.", "Rs500"),
        ("The ticket costs Rs.1,200 now.", "Rs.1,200"),
        ("About 1,234,567 people voted.", "1,234,567"),
        ("Between 60-70 people came.", "60-70"),
        ("Between 1,000–2,000 people came.", "1,000–2,000"),
        ("Tickets cost $5-$10 each.", "$5-$10"),
        ("Prices rose 30% last year.", "30%"),
        ("In the 1990s it was different.", "1990s"),
        ("She finished 3rd in the race.", "3rd"),
        ("It starts at 10:30 sharp.", "10:30"),
        ("He won 5k at the fair.", "5k"),
    ],
)
def test_one_number_token(text, number):
    hits = [(s, e) for s, e, t, k in tokenize(text) if t == number and k == "number"]
    assert len(hits) == 1
    s, e = hits[0]
    # the whole written number, from the space before it to the space or full stop after it
    assert text[s - 1] == " "
    assert text[e] in " ."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rs 300", [("Rs", "word"), ("300", "number")]),  # a space keeps the prefix apart
        ("5km", [("5", "number"), ("km", "word")]),  # a unit is not a magnitude suffix
        ("10sec", [("10", "number"), ("sec", "word")]),
        ("NASA$5", [("NASA", "word"), ("$5", "number")]),
        ("AS$5", [("AS", "word"), ("$5", "number")]),
        ("COVID-19", [("COVID-19", "word")]),
        ("19-year-old", [("19", "number"), ("-", "punct"), ("year-old", "word")]),
        ("U.S.$5", [("U.S.", "word"), ("$5", "number")]),
        ("$", [("$", "punct")]),
        ("US$", [("US", "word"), ("$", "punct")]),
    ],
)
def test_edges(text, expected):
    assert _tokens(text) == expected


def test_offsets_point_into_text():
    text = "Aid of $US346,807 (about A$500,000) and €5-€10m, or 60–70 Rs.1,200 tickets."
    for s, e, t, _k in tokenize(text):
        assert text[s:e] == t


def test_document_tokens_and_sentences():
    doc = analyze_text("The council paid $US346,807. Then it paid US$111,595.")
    assert [s.text for s in doc.sentences] == ["The council paid $US346,807.", "Then it paid US$111,595."]
    nums = [t.text for t in doc.tokens if t.kind == "number"]
    assert nums == ["$US346,807", "US$111,595"]


_CURRENCY = st.lists(
    st.sampled_from(
        [
            *"$€£¥,.-–:% \n3A5SRsUmkbn",
            "US",
            "$US",
            "US$",
            "A$",
            "Rs.",
            "1,000",
            "3.5",
            "60-70",
            "bn",
            " said",
            ". The ",
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CURRENCY)
def test_fast_build_equals_readable_regex(text):
    """The Document's split-based tokens equal the readable ``_TOKEN_RE`` run per sentence."""
    from compare.text import _KIND, _TOKEN_RE, _build

    doc = _build(text)
    expected = []
    for si, s in enumerate(doc.sentences):
        for m in _TOKEN_RE.finditer(text, s.start, s.end):
            expected.append((m.start(), m.end(), m.group(), si, _KIND[m.lastindex]))
    assert [tuple(t) for t in doc.tokens] == expected
