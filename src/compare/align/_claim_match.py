"""Pairwise claim matching: same claim, one states more (partial), or different (private).

A sentence is read once into a :class:`ClaimSentence` (normalised words, stems, numbers with their
values, dates, names, negation and event direction, clause boundaries, character offsets into the
article). A pair of them gives a fixed vector of features (:data:`FEATURES`): IDF-weighted
coverage of each side by the other, word and character n-gram overlap, sequence similarity,
explicit agreement or conflict of numbers (with tolerance), dates, names (a surname matches the
full name), negation and direction ("approved" / "rejected"), and the longest run of words one
side adds. A logistic regression shipped in ``compare/data/claim_match.json`` turns them into the
probability that the two sentences state the same claim. The three-way decision then reads:

- ``"same"``: the probability is at or above the model's threshold and neither side adds a clause;
- ``"partial"``: one side (``longer``) states what the other does and adds a clause (``added``:
  character spans into its article text, cut at clause boundaries);
- ``"different"``: otherwise.

Both the model and its thresholds were chosen by leave-one-dataset-out evaluation
(``benchmarks/train_claim_match.py``, ``benchmarks/bench_claim_pairs.py``,
``docs/benchmarks/claim_pairs.md``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Any, NamedTuple

import numpy as np

from ..exceptions import InvalidInputError
from ..text import Document
from ._claims_sim import _STOP, _opposite_index, stem

__all__ = [
    "CONFLICTS",
    "FEATURES",
    "ClaimMatch",
    "ClaimSentence",
    "claim_sentence",
    "claim_sentences",
    "claim_text",
    "decide",
    "load_model",
    "match_claims",
    "match_features",
    "pair_features",
    "partial_stats",
    "three_way",
]

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "without",
        "none",
        "nobody",
        "nothing",
        "neither",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "hasnt",
        "havent",
        "hadnt",
        "couldnt",
        "wouldnt",
        "shouldnt",
    ]
)
#: the word before a number that makes it approximate ("about 700", "more than 17,000", "at least 30")
_APPROX = frozenset(
    [
        "about",
        "approximately",
        "around",
        "nearly",
        "almost",
        "roughly",
        "some",
        "over",
        "under",
        "than",
        "least",
        "estimated",
        "est",
        "approached",
        "approaching",
    ]
)
_MAGNITUDE = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "m": 1e6,
    "tn": 1e12,
    "k": 1e3,
}
_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30.0,
    "forty": 40.0,
    "fifty": 50.0,
    "sixty": 60.0,
    "seventy": 70.0,
    "eighty": 80.0,
    "ninety": 90.0,
    "dozen": 12.0,
    "dozens": 24.0,
    "half": 0.5,
    "first": 1.0,
    "second": 2.0,
    "third": 3.0,
    "fourth": 4.0,
    "fifth": 5.0,
    "sixth": 6.0,
    "seventh": 7.0,
    "eighth": 8.0,
    "ninth": 9.0,
    "tenth": 10.0,
}
_CURRENCY_WORDS = frozenset(
    [
        "dollar",
        "dollars",
        "euro",
        "euros",
        "pound",
        "pounds",
        "yen",
        "yuan",
        "rupee",
        "rupees",
        "cents",
        "cent",
        "francs",
        "franc",
    ]
)
_PERCENT_WORDS = frozenset({"percent", "pct"})
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for m in names.split()
}
#: words that open a clause: an added clause usually starts at a comma, a dash or one of these
_CLAUSE_OPENERS = frozenset(
    [
        "but",
        "and",
        "while",
        "whereas",
        "although",
        "though",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "after",
        "before",
        "as",
        "because",
        "since",
        "until",
        "unless",
        "if",
        "so",
        "including",
        "despite",
        "amid",
        "with",
        "according",
        "adding",
        "saying",
    ]
)
_CLAUSE_PUNCT = frozenset(',;:—–-()[]"“”')
_SAID = frozenset(["said", "says", "say", "told", "according", "added", "stated", "announced", "reported"])
_NUM_BODY = re.compile(r"\d+(?:[.,:]\d+)*")


# --------------------------------------------------------------------------------------------
# One sentence
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimSentence:
    """What the claim matcher needs from one sentence; build it with :func:`claim_sentence`.

    Attributes
    ----------
    start, end : int
        Character offsets of the sentence in its text.
    lows : tuple of str
        Lower-cased word and number tokens, in order (punctuation left out).
    stems : tuple of str
        Light stems of ``lows`` (numbers as ``"#<value>"``).
    content : tuple of bool
        Whether each token is a content word (not a stop word, not a one-letter word).
    spans : tuple of (int, int)
        Character offsets of each token.
    clause_start : tuple of bool
        Whether a clause may start at each token (after a comma, dash, bracket or quotation mark,
        or at a clause-opening word such as "but" or "which").
    numbers : tuple of (float, float, bool, str)
        ``(low, high, approximate, unit)`` of each number ("60-70" gives low 60, high 70; unit is
        ``"$"``, ``"%"``, ``"year"`` or ``""``).
    weekdays, months : frozenset
        Weekday names and month numbers mentioned.
    names : tuple of frozenset
        Capitalised names, one frozenset of stems per run of capitalised words ("Vladimir Putin").
    name_of : tuple of int
        For each token, the index of its name in ``names``, or -1.
    negations : int
        Negating words ("not", "never", "n't", "without", ...).
    polarity : frozenset
        ``(class, sign)`` of event directions ("raised" is ``("amount", 1)``).
    content_set, name_words : frozenset of str
        Content stems; word stems plus the words of names (what a name of the other side may match).
    values : tuple of float
        The value of each number token (its low end for a range).
    char3 : frozenset of str
        Character 3-grams of the lower-cased tokens.
    weights : tuple of float
        IDF weight of each token (0 for words that are not content words).
    grams : tuple of frozenset
        Sets of the 1-, 2-, 3- and 4-grams of ``stems``.
    """

    start: int
    end: int
    lows: tuple[str, ...]
    stems: tuple[str, ...]
    content: tuple[bool, ...]
    spans: tuple[tuple[int, int], ...]
    clause_start: tuple[bool, ...]
    numbers: tuple[tuple[float, float, bool, str], ...]
    weekdays: frozenset[str]
    months: frozenset[int]
    names: tuple[frozenset[str], ...]
    name_of: tuple[int, ...]
    negations: int
    polarity: frozenset[tuple[str, int]]
    content_set: frozenset[str]
    name_words: frozenset[str]
    values: tuple[float, ...]
    char3: frozenset[str]
    weights: tuple[float, ...]
    grams: tuple[frozenset, frozenset, frozenset, frozenset]


def _parse_number(text: str) -> tuple[float, float, str] | None:
    """Value(s) and unit of a number token ("$US346,807" -> 346807, 346807, "$")."""
    unit = ""
    if "$" in text or text[:1] in "€£¥" or text.startswith("Rs") or text[-1:] in "€£¥":
        unit = "$"
    if text.endswith("%"):
        unit = "%"
    bodies = _NUM_BODY.findall(text)
    if not bodies:
        return None
    values = []
    for body in bodies[:2]:
        if ":" in body:  # clock time: keep it as a label (10:30 -> 1030)
            body = body.replace(":", "")
        elif "," in body:
            parts = body.split(",")
            # thousands separators: every group after the first has three digits
            body = body.replace(",", "") if all(len(p) == 3 for p in parts[1:]) else parts[0]
        try:
            values.append(float(body))
        except ValueError:  # pragma: no cover - the regex gives digits and one dot at most
            return None
    low, high = values[0], values[-1]
    tail = text.rstrip("%€£¥").lower()
    for suf, mult in (("bn", 1e9), ("mn", 1e6), ("tn", 1e12), ("m", 1e6), ("k", 1e3)):
        if tail.endswith(suf) and not tail.endswith("th"):
            low, high = low * mult, high * mult
            break
    if (
        not unit
        and low == high
        and 1900 <= low <= 2100
        and float(low).is_integer()
        and not text.endswith("s")
    ):
        unit = "year"
    return low, high, unit


def _sentence_tokens(doc: Document, index: int) -> Sequence[Any]:
    s = doc.sentences[index]
    return doc.tokens[s.token_start : s.token_end]


def claim_sentence(doc: Document, index: int) -> ClaimSentence:
    """Read sentence ``index`` of ``doc`` for the claim matcher.

    Parameters
    ----------
    doc : Document
        An analysed text (:func:`compare.analyze_text`).
    index : int
        Index into ``doc.sentences``.

    Returns
    -------
    ClaimSentence
    """
    sent = doc.sentences[index]
    return _read(_sentence_tokens(doc, index), sent.start, sent.end)


def claim_text(text: str) -> ClaimSentence:
    """Read a whole text (one claim, possibly several sentences) for the claim matcher.

    Parameters
    ----------
    text : str

    Returns
    -------
    ClaimSentence
        Offsets are into ``text``.
    """
    from ..text import analyze_text

    doc = analyze_text(text)
    return _read(doc.tokens, 0, len(text))


def _read(toks: Sequence[Any], start: int, end: int) -> ClaimSentence:
    opposites = _opposite_index()
    idf, default = _idf_table()
    lows: list[str] = []
    stems: list[str] = []
    content: list[bool] = []
    spans: list[tuple[int, int]] = []
    clause: list[bool] = []
    numbers: list[tuple[float, float, bool, str]] = []
    weekdays: set[str] = set()
    months: set[int] = set()
    names: list[frozenset[str]] = []
    name_run: list[str] = []
    name_of: list[int] = []  # per token: index of its name run in ``names``, or -1
    negations = 0
    polarity: set[tuple[str, int]] = set()
    after_break = True
    first_word = True
    pending_magnitude: int | None = None  # index into numbers of the last number (for "3.5 million")

    run_pos: list[int] = []  # token indices of the current name run
    tentative = [False]  # the run starts with the sentence's first word (a name only if one follows)

    def close_run() -> None:
        if name_run and not (tentative[0] and len(name_run) == 1):
            for pos in run_pos:
                name_of[pos] = len(names)
            names.append(frozenset(name_run))
        name_run.clear()
        run_pos.clear()
        tentative[0] = False

    for tok in toks:
        text, kind = tok.text, tok.kind
        if kind == "punct":
            if text in _CLAUSE_PUNCT:
                after_break = True
            close_run()
            continue
        low = text.lower().replace("’", "'")
        prev = lows[-1] if lows else ""
        if kind == "number":
            parsed = _parse_number(text)
            if parsed is not None:
                lo, hi, unit = parsed
                approx = prev in _APPROX
                numbers.append((lo, hi, approx, unit))
                pending_magnitude = len(numbers) - 1
                st = "#" + (f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}")
            else:
                st = "#" + low
            close_run()
        else:
            bare = low.replace("'", "")
            if low in _MAGNITUDE and pending_magnitude is not None and stems and stems[-1].startswith("#"):
                lo, hi, approx, unit = numbers[pending_magnitude]
                mult = _MAGNITUDE[low]
                numbers[pending_magnitude] = (lo * mult, hi * mult, approx, unit)
                st = "#mag"
            elif low in _CURRENCY_WORDS and numbers and pending_magnitude is not None:
                lo, hi, approx, _ = numbers[pending_magnitude]
                numbers[pending_magnitude] = (lo, hi, approx, "$")
                st = "#cur"
            elif low in _PERCENT_WORDS and numbers and pending_magnitude is not None:
                lo, hi, approx, _ = numbers[pending_magnitude]
                numbers[pending_magnitude] = (lo, hi, approx, "%")
                st = "#pct"
            elif (low in _WORD_NUMBERS and low not in ("second", "half")) or (
                low in ("half", "second") and prev in ("a", "one", "the")
            ):
                value = _WORD_NUMBERS[low]
                numbers.append((value, value, prev in _APPROX, ""))
                pending_magnitude = len(numbers) - 1
                st = "#" + f"{value:g}"
                low = "#" + f"{value:g}"
            else:
                st = stem(low) if low not in _STOP else low
                pending_magnitude = None if low not in ("per", "cent") else pending_magnitude
            if bare in _NEGATORS or low.endswith("n't"):
                negations += 1
            if low in opposites:
                polarity.add(opposites[low])
            if low in _WEEKDAYS:
                weekdays.add(low)
            if low in _MONTHS and (low != "may" or text[:1] == "M") and text[:1].isupper():
                months.add(_MONTHS[low])
            is_cap = (
                text[:1].isupper()
                and low not in _STOP
                and low not in _WEEKDAYS
                and low not in _MONTHS
                and len(low) > 1
            )
            if is_cap:
                if first_word and not text.isupper():
                    tentative[0] = True
                name_run.append(stem(low))
                run_pos.append(len(lows))
            else:
                close_run()
        name_of.append(-1)
        clause.append(after_break or (kind == "word" and low in _CLAUSE_OPENERS))
        after_break = False
        first_word = False
        lows.append(low)
        stems.append(st)
        if st in ("#mag", "#cur", "#pct"):  # "million", "dollars", "percent": part of the number before
            content.append(False)
        else:
            content.append(st.startswith("#") or (low not in _STOP and len(low) > 1))
        spans.append((tok.start, tok.end))
    close_run()
    return ClaimSentence(
        start=start,
        end=end,
        lows=tuple(lows),
        stems=tuple(stems),
        content=tuple(content),
        spans=tuple(spans),
        clause_start=tuple(clause),
        numbers=tuple(numbers),
        weekdays=frozenset(weekdays),
        months=frozenset(months),
        names=tuple(names),
        name_of=tuple(name_of),
        negations=negations,
        polarity=frozenset(polarity),
        content_set=frozenset(st for st, c in zip(stems, content, strict=True) if c),
        name_words=frozenset(st for st in stems if not st.startswith("#"))
        | frozenset(w for r in names for w in r),
        values=tuple(v for v in (_stem_value(st) for st in stems if st.startswith("#")) if v is not None),
        char3=_char3(" ".join(lows)),
        weights=tuple(_idf(st, idf, default) if c else 0.0 for st, c in zip(stems, content, strict=True)),
        grams=(frozenset(stems), *(frozenset(_ngram_set(stems, n)) for n in (2, 3, 4))),  # type: ignore[arg-type]
    )


def claim_sentences(doc: Document) -> list[ClaimSentence]:
    """:func:`claim_sentence` for every sentence of ``doc``.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    list of ClaimSentence
        One per ``doc.sentences``.
    """
    return [claim_sentence(doc, i) for i in range(len(doc.sentences))]


# --------------------------------------------------------------------------------------------
# Model data
# --------------------------------------------------------------------------------------------
@cache
def _model_file() -> dict[str, Any]:
    from importlib.resources import files

    return json.loads(files("compare.data").joinpath("claim_match.json").read_text(encoding="utf-8"))


@cache
def _idf_table() -> tuple[dict[str, float], float]:
    from importlib.resources import files

    raw = json.loads(files("compare.data").joinpath("claim_idf.json").read_text(encoding="utf-8"))
    n = float(raw["n_documents"])
    table = {w: math.log((1.0 + n) / (1.0 + df)) + 1.0 for w, df in raw["df"].items()}
    return table, math.log((1.0 + n) / 1.0) + 1.0


def _idf(stem_: str, table: dict[str, float], default: float) -> float:
    if stem_.startswith("#"):
        return 0.0 if stem_ in ("#mag", "#cur", "#pct") else default * 0.8
    return table.get(stem_, default)


@dataclass(frozen=True, slots=True)
class ClaimModel:
    """Logistic-regression weights and decision thresholds of the claim matcher."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    same_threshold: float
    partial_coverage: float
    partial_min_words: int
    partial_loose_coverage: float
    partial_min_probability: float
    veto: tuple[str, ...]
    info: dict[str, Any]

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same claim) for rows of features ``x``."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def model_from_dict(raw: dict[str, Any]) -> ClaimModel:
    """A :class:`ClaimModel` from its JSON form (see ``benchmarks/train_claim_match.py``)."""
    feats = tuple(raw["features"])
    if feats != FEATURES:
        msg = (
            f"The claim-match model's 'features' field does not match this version's features: "
            f"expected {list(FEATURES)}, got {list(feats)}."
        )
        raise InvalidInputError(msg)
    return ClaimModel(
        features=feats,
        mean=np.asarray(raw["mean"], dtype=float),
        scale=np.asarray(raw["scale"], dtype=float),
        coef=np.asarray(raw["coef"], dtype=float),
        intercept=float(raw["intercept"]),
        same_threshold=float(raw["same_threshold"]),
        partial_coverage=float(raw["partial_coverage"]),
        partial_min_words=int(raw["partial_min_words"]),
        partial_loose_coverage=float(raw.get("partial_loose_coverage", 2.0)),
        partial_min_probability=float(raw.get("partial_min_probability", 2.0)),
        veto=tuple(raw.get("veto", ())),
        info=dict(raw.get("info", {})),
    )


@cache
def load_model() -> ClaimModel:
    """The shipped model (``compare/data/claim_match.json``)."""
    return model_from_dict(_model_file())


# --------------------------------------------------------------------------------------------
# Pair features
# --------------------------------------------------------------------------------------------
#: Names of the pair features, in order. Symmetric: swapping the two sentences gives the same vector.
FEATURES: tuple[str, ...] = (
    "cov_min",
    "cov_max",
    "cos_idf",
    "jaccard",
    "uni_f1",
    "bi_f1",
    "tri_f1",
    "bleu_min",
    "char3",
    "seq_ratio",
    "len_log_ratio",
    "len_diff",
    "added_run_max",
    "added_run_min",
    "added_idf_max",
    "added_idf_min",
    "num_both",
    "num_exact",
    "num_near",
    "num_loose",
    "num_unmatched_max",
    "num_conflict",
    "date_conflict",
    "names_unmatched_max",
    "names_unmatched_min",
    "names_match",
    "neg_mismatch",
    "direction_conflict",
    "conflict_x_cov",
    "neg_x_cov",
    "unmatched_max",
    "unmatched_min",
    "unmatched_idf_max",
    "unmatched_idf_min",
    "bleu_max",
    "bleu4_min",
    "prefix_cov_min",
    "prefix_cov_max",
    "num_equal",
    "num_subset",
    "len_min",
    "said_mismatch",
    "content_seq_ratio",
)


def _num_match(x: tuple[float, float, bool, str], y: tuple[float, float, bool, str], tol: float) -> bool:
    if x[3] and y[3] and x[3] != y[3]:
        return False
    lo = max(x[0], y[0])
    hi = min(x[1], y[1])
    if lo <= hi:  # ranges overlap ("60-70" vs "65")
        return True
    gap = lo - hi
    scale = max(abs(x[0]), abs(y[0]), abs(x[1]), abs(y[1]), 1e-9)
    return gap / scale <= tol


def _num_share(a: Sequence, b: Sequence, tol: float) -> tuple[float, int]:
    """Share of the numbers of ``a`` and ``b`` that find a partner on the other side; unmatched count."""
    if not a and not b:
        return math.nan, 0
    ma = [any(_num_match(x, y, tol) for y in b) for x in a]
    mb = [any(_num_match(y, x, tol) for x in a) for y in b]
    return (sum(ma) + sum(mb)) / (len(ma) + len(mb)), max(len(ma) - sum(ma), len(mb) - sum(mb))


def _ngram_set(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _f1(sa: set, sb: set) -> float:
    if not sa or not sb:
        return 0.0
    inter = len(sa & sb)
    return 2.0 * inter / (len(sa) + len(sb))


def _precision(sa: set, sb: set) -> float:
    return len(sa & sb) / len(sa) if sa else 0.0


@lru_cache(maxsize=16384)
def _char3(low_text: str) -> frozenset[str]:
    t = " " + low_text + " "
    return frozenset(t[i : i + 3] for i in range(len(t) - 2))


def _stem_value(st: str) -> float | None:
    try:
        return float(st[1:].split("-")[0])
    except ValueError:
        return None


def _matched(x: ClaimSentence, y: ClaimSentence) -> list[bool]:
    """Which tokens of ``x`` the other side ``y`` states too.

    A content word matches by stem; a word of a name matches when any word of that name is on the
    other side (a surname for the full name); a number matches a number of the other side within
    20% ("about 700" / "approximately 600"). Stop words count as matched.
    """
    y_values = y.values
    y_content = y.content_set
    y_words = y.name_words
    out = []
    for st, c, nm in zip(x.stems, x.content, x.name_of, strict=True):
        if not c or st in y_content or (nm >= 0 and x.names[nm] & y_words):
            out.append(True)
        elif st.startswith("#") and y_values:
            v = _stem_value(st)
            out.append(v is not None and any(abs(v - w) <= 0.2 * max(abs(v), abs(w), 1e-9) for w in y_values))
        else:
            out.append(False)
    return out


def _added_runs(x: ClaimSentence, matched: Sequence[bool]) -> tuple[int, float, int, int]:
    """Longest run of content words of ``x`` missing from the other side (stop words do not break a run).

    Returns (content words in the run, their IDF mass, first token, last token).
    """
    best = (0, 0.0, -1, -1)
    count, mass, first, last = 0, 0.0, -1, -1
    for i, (is_content, ok) in enumerate(zip(x.content, matched, strict=True)):
        if not is_content:
            continue
        if ok:
            count, mass, first = 0, 0.0, -1
            continue
        if first < 0:
            first = i
        count += 1
        mass += x.weights[i]
        last = i
        if (count, mass) > best[:2]:
            best = (count, mass, first, last)
    return best


def _coverage(x: ClaimSentence, matched: Sequence[bool]) -> float:
    tot = 0.0
    hit = 0.0
    for w, c, ok in zip(x.weights, x.content, matched, strict=True):
        if not c:
            continue
        tot += w
        if ok:
            hit += w
    return hit / tot if tot > 0 else math.nan


def _names_unmatched(x: ClaimSentence, other_words: set[str]) -> int:
    # a name matches when any of its words (a surname, a first name) appears on the other side
    return sum(1 for run in x.names if not (run & other_words))


def _name_words(x: ClaimSentence) -> set[str]:
    return {s for s in x.stems if not s.startswith("#")} | {w for run in x.names for w in run}


#: Explicit conflicts between two sentences, in the order reported.
CONFLICTS: tuple[str, ...] = ("negation", "direction", "date", "number")


def _conflicts(a: ClaimSentence, b: ClaimSentence) -> tuple[str, ...]:
    """Which explicit conflicts the pair has (see :data:`CONFLICTS`).

    ``negation``: one side is negated and the other not; ``direction``: opposite sides of an event
    direction ("approved" / "rejected", "rose" / "fell"); ``date``: different weekdays, months or
    years; ``number``: both state numbers and none agree (within 1%, or 20% when either is
    approximate: "about 700" / "approximately 600").
    """
    out = []
    if (a.negations > 0) != (b.negations > 0):
        out.append("negation")
    for cls, sign in a.polarity:
        if (cls, -sign) in b.polarity and (cls, sign) not in b.polarity and (cls, -sign) not in a.polarity:
            out.append("direction")
            break
    years_a = {n[0] for n in a.numbers if n[3] == "year"}
    years_b = {n[0] for n in b.numbers if n[3] == "year"}
    if (
        (a.weekdays and b.weekdays and not (a.weekdays & b.weekdays))
        or (a.months and b.months and not (a.months & b.months))
        or (years_a and years_b and not (years_a & years_b))
    ):
        out.append("date")
    if (
        a.numbers
        and b.numbers
        and not any(_num_match(x, y, 0.2 if x[2] or y[2] else 0.01) for x in a.numbers for y in b.numbers)
    ):
        out.append("number")
    return tuple(out)


def _sides(
    a: ClaimSentence, b: ClaimSentence
) -> tuple[frozenset[str], frozenset[str], list[bool], list[bool]]:
    return a.content_set, b.content_set, _matched(a, b), _matched(b, a)


def _pair_core(a: ClaimSentence, b: ClaimSentence) -> dict[str, float]:
    sa, sb, ma, mb = _sides(a, b)
    cov_a = _coverage(a, ma)  # how much of a is in b
    cov_b = _coverage(b, mb)
    cov_a = 0.0 if math.isnan(cov_a) else cov_a
    cov_b = 0.0 if math.isnan(cov_b) else cov_b
    # IDF-weighted cosine over content stems (binary counts)
    wa = {s: w for s, w, c in zip(a.stems, a.weights, a.content, strict=True) if c}
    wb = {s: w for s, w, c in zip(b.stems, b.weights, b.content, strict=True) if c}
    dot = sum(wa[s] * wb[s] for s in sa & sb)
    na = math.sqrt(sum(v * v for v in wa.values()))
    nb = math.sqrt(sum(v * v for v in wb.values()))
    cos = dot / (na * nb) if na > 0 and nb > 0 else 0.0
    union = sa | sb
    jac = len(sa & sb) / len(union) if union else 0.0
    la, lb = list(a.stems), list(b.stems)
    uni_a, bi_a, tri_a, q_a = a.grams
    uni_b, bi_b, tri_b, q_b = b.grams
    uni = _f1(uni_a, uni_b)
    bi = _f1(bi_a, bi_b)
    tri = _f1(tri_a, tri_b)
    # BLEU-like geometric mean of n-gram precisions, each direction; keep the lower
    bleus = []
    for p, q, pb, qb, pt, qt in (
        (uni_a, uni_b, bi_a, bi_b, tri_a, tri_b),
        (uni_b, uni_a, bi_b, bi_a, tri_b, tri_a),
    ):
        precs = [_precision(p, q), _precision(pb, qb), _precision(pt, qt)]
        bleus.append(math.exp(sum(math.log(v + 0.01) for v in precs) / 3.0))
    c3 = _f1(a.char3, b.char3)
    seq = SequenceMatcher(None, la, lb, autojunk=False).ratio() if la and lb else 0.0
    nca, ncb = max(1, sum(a.content)), max(1, sum(b.content))
    run_a = _added_runs(a, ma)
    run_b = _added_runs(b, mb)
    # numbers
    num_both = float(bool(a.numbers) and bool(b.numbers))
    exact, _ = _num_share(a.numbers, b.numbers, 1e-9)
    near, _ = _num_share(a.numbers, b.numbers, 0.05)
    loose, unmatched = _num_share(a.numbers, b.numbers, 0.2)
    num_conflict = float(num_both and exact == 0.0)
    years_a = {n[0] for n in a.numbers if n[3] == "year"}
    years_b = {n[0] for n in b.numbers if n[3] == "year"}
    date_conflict = float(
        (bool(a.weekdays) and bool(b.weekdays) and not (a.weekdays & b.weekdays))
        or (bool(a.months) and bool(b.months) and not (a.months & b.months))
        or (bool(years_a) and bool(years_b) and not (years_a & years_b))
    )
    wa_names = a.name_words
    wb_names = b.name_words
    nu_a = _names_unmatched(a, wb_names)
    nu_b = _names_unmatched(b, wa_names)
    n_names = len(a.names) + len(b.names)
    names_match = (n_names - nu_a - nu_b) / n_names if n_names else 0.5
    neg_mismatch = float((a.negations > 0) != (b.negations > 0))
    direction = 0.0
    for cls, sign in a.polarity:
        if (cls, -sign) in b.polarity and (cls, sign) not in b.polarity and (cls, -sign) not in a.polarity:
            direction = 1.0
    cov_min = min(cov_a, cov_b)
    # unmatched content words, by count and IDF mass
    un_a = [w for w, ok in zip(a.weights, ma, strict=True) if not ok]
    un_b = [w for w, ok in zip(b.weights, mb, strict=True) if not ok]
    ui_a = sum(un_a)
    ui_b = sum(un_b)
    # coverage with 5-letter prefixes ("legalising" / "legalizing", "strict" / "stricter")
    pa = {st[:5] for st in sa}
    pb = {st[:5] for st in sb}
    pc_a = sum(1 for st in sa if st[:5] in pb) / len(sa) if sa else 0.0
    pc_b = sum(1 for st in sb if st[:5] in pa) / len(sb) if sb else 0.0
    # BLEU-4 (precisions of 1- to 4-grams), each direction
    b4 = []
    for p1, q1, p2, q2, p3, q3, p4, q4 in (
        (uni_a, uni_b, bi_a, bi_b, tri_a, tri_b, q_a, q_b),
        (uni_b, uni_a, bi_b, bi_a, tri_b, tri_a, q_b, q_a),
    ):
        precs = [_precision(p1, q1), _precision(p2, q2), _precision(p3, q3), _precision(p4, q4)]
        b4.append(math.exp(sum(math.log(v + 0.01) for v in precs) / 4.0))
    nums_a = {(n[0], n[1]) for n in a.numbers}
    nums_b = {(n[0], n[1]) for n in b.numbers}
    said_a = any(w in _SAID for w in a.lows)
    said_b = any(w in _SAID for w in b.lows)
    ca = [st for st, c in zip(a.stems, a.content, strict=True) if c]
    cb = [st for st, c in zip(b.stems, b.content, strict=True) if c]
    cseq = SequenceMatcher(None, ca, cb, autojunk=False).ratio() if ca and cb else 0.0
    return {
        "cov_min": cov_min,
        "cov_max": max(cov_a, cov_b),
        "cos_idf": cos,
        "jaccard": jac,
        "uni_f1": uni,
        "bi_f1": bi,
        "tri_f1": tri,
        "bleu_min": min(bleus),
        "char3": c3,
        "seq_ratio": seq,
        "len_log_ratio": abs(math.log(nca / ncb)),
        "len_diff": float(abs(nca - ncb)),
        "added_run_max": float(max(run_a[0], run_b[0])),
        "added_run_min": float(min(run_a[0], run_b[0])),
        "added_idf_max": max(run_a[1], run_b[1]),
        "added_idf_min": min(run_a[1], run_b[1]),
        "num_both": num_both,
        "num_exact": 0.5 if math.isnan(exact) else exact,
        "num_near": 0.5 if math.isnan(near) else near,
        "num_loose": 0.5 if math.isnan(loose) else loose,
        "num_unmatched_max": float(min(unmatched, 3)),
        "num_conflict": num_conflict,
        "date_conflict": date_conflict,
        "names_unmatched_max": float(min(max(nu_a, nu_b), 3)),
        "names_unmatched_min": float(min(min(nu_a, nu_b), 3)),
        "names_match": names_match,
        "neg_mismatch": neg_mismatch,
        "direction_conflict": direction,
        "conflict_x_cov": max(direction, num_conflict, date_conflict) * cov_min,
        "neg_x_cov": neg_mismatch * cov_min,
        "unmatched_max": float(max(len(un_a), len(un_b))),
        "unmatched_min": float(min(len(un_a), len(un_b))),
        "unmatched_idf_max": max(ui_a, ui_b),
        "unmatched_idf_min": min(ui_a, ui_b),
        "bleu_max": max(bleus),
        "bleu4_min": min(b4),
        "prefix_cov_min": min(pc_a, pc_b),
        "prefix_cov_max": max(pc_a, pc_b),
        "num_equal": float(bool(nums_a) and nums_a == nums_b),
        "num_subset": float(bool(nums_a) and bool(nums_b) and (nums_a <= nums_b or nums_b <= nums_a)),
        "len_min": float(min(nca, ncb)),
        "said_mismatch": float(said_a != said_b),
        "content_seq_ratio": cseq,
        # not features: what the three-way decision needs
        "_cov_a": cov_a,
        "_cov_b": cov_b,
        "_partial": _partial_from(a, b, ma, mb, run_a, run_b),  # type: ignore[dict-item]
        "_conflicts": _conflicts(a, b),  # type: ignore[dict-item]
    }


def pair_features(a: ClaimSentence, b: ClaimSentence) -> np.ndarray:
    """The feature vector (:data:`FEATURES`) of one sentence pair.

    Parameters
    ----------
    a, b : ClaimSentence

    Returns
    -------
    numpy.ndarray
        Shape ``(len(FEATURES),)``; symmetric in ``a`` and ``b``.
    """
    core = _pair_core(a, b)
    return np.array([core[f] for f in FEATURES], dtype=float)


# --------------------------------------------------------------------------------------------
# Decision
# --------------------------------------------------------------------------------------------
class ClaimMatch(NamedTuple):
    """The claim matcher's answer for one sentence pair.

    Attributes
    ----------
    probability : float
        Probability that the two sentences state the same claim, in [0, 1] (higher: more alike).
    decision : str
        ``"same"``, ``"partial"`` (one side states the other's claim and adds to it) or
        ``"different"``.
    longer : str or None
        For ``"partial"``: ``"a"`` or ``"b"``, the side that states more; else None.
    added : tuple of (int, int)
        For ``"partial"``: character spans, into the longer side's text, of the words it adds
        (cut at clause boundaries); else empty.
    coverage_a, coverage_b : float
        IDF-weighted share of the content words of ``a`` found in ``b``, and of ``b`` in ``a``.
    conflicts : tuple of str
        Explicit conflicts found (:data:`CONFLICTS`: negation, direction, date, number); those in the
        model's ``veto`` turn a ``"same"`` decision into ``"different"``.
    """

    probability: float
    decision: str
    longer: str | None
    added: tuple[tuple[int, int], ...]
    coverage_a: float
    coverage_b: float
    conflicts: tuple[str, ...]


def _clause_span(x: ClaimSentence, first: int, last: int, matched: Sequence[bool]) -> tuple[int, int]:
    """Token range [i, j] of the added words, widened to clause boundaries.

    Goes back from ``first`` to the nearest clause start, as long as the words crossed are not on
    the other side (so "but" or "which" joins the added clause, a shared word does not); forward
    from ``last`` over words the other side lacks, up to the next clause start.
    """
    i = first
    while i > 0 and not x.clause_start[i]:
        prev = i - 1
        if x.content[prev] and matched[prev]:
            break
        i = prev
    j = last
    n = len(x.stems)
    while j + 1 < n and not x.clause_start[j + 1]:
        nxt = j + 1
        if x.content[nxt] and matched[nxt]:
            break
        j = nxt
    return i, j


def partial_stats(a: ClaimSentence, b: ClaimSentence) -> tuple[str, float, int, tuple[int, int]]:
    """Which side adds, how much of the other side it covers, and the added words.

    Parameters
    ----------
    a, b : ClaimSentence

    Returns
    -------
    tuple
        ``(longer, covered, added_words, span)``: ``longer`` is ``"a"`` or ``"b"`` (the side
        with the longer run of words the other lacks); ``covered`` is the IDF-weighted share of
        the *other* side's content words found in it (NaN without content words); ``added_words``
        is the number of content words in that run; ``span`` is its character span, widened to
        clause boundaries ((-1, -1) without a run).
    """
    _, _, ma, mb = _sides(a, b)
    run_a = _added_runs(a, ma)
    run_b = _added_runs(b, mb)
    return _partial_from(a, b, ma, mb, run_a, run_b)


def _partial_from(
    a: ClaimSentence,
    b: ClaimSentence,
    ma: Sequence[bool],
    mb: Sequence[bool],
    run_a: tuple[int, float, int, int],
    run_b: tuple[int, float, int, int],
) -> tuple[str, float, int, tuple[int, int]]:
    if (run_a[0], run_a[1]) >= (run_b[0], run_b[1]):
        longer, x, run, covered, matched = "a", a, run_a, _coverage(b, mb), ma
    else:
        longer, x, run, covered, matched = "b", b, run_b, _coverage(a, ma), mb
    if run[0] == 0:
        return longer, covered, 0, (-1, -1)
    i, j = _clause_span(x, run[2], run[3], matched)
    return longer, covered, run[0], (x.spans[i][0], x.spans[j][1])


def three_way(probability: float, covered: float, added_words: int, vetoed: bool, model: ClaimModel) -> str:
    """The three-way rule (see :func:`decide`), on precomputed quantities.

    Parameters
    ----------
    probability : float
        P(same claim).
    covered, added_words : float, int
        From :func:`partial_stats`.
    vetoed : bool
        Whether the pair has a conflict in ``model.veto``.
    model : ClaimModel

    Returns
    -------
    str
        ``"same"``, ``"partial"`` or ``"different"``.
    """
    has_run = added_words >= model.partial_min_words and not math.isnan(covered)
    if has_run and covered >= model.partial_coverage:
        return "partial"  # the other side is contained, this one adds a clause
    if vetoed:
        return "different"
    if probability >= model.same_threshold:
        return "same"
    if has_run and covered >= model.partial_loose_coverage and probability >= model.partial_min_probability:
        return "partial"  # paraphrased, and this side adds words
    return "different"


def decide(
    probability: float,
    a: ClaimSentence,
    b: ClaimSentence,
    *,
    model: ClaimModel | None = None,
) -> ClaimMatch:
    """Three-way decision and added span for one pair whose probability is known.

    The rule, in order: ``"partial"`` if one side adds a run of at least
    ``model.partial_min_words`` content words and covers at least ``model.partial_coverage`` of
    the other (IDF-weighted); ``"different"`` if the pair has a conflict in ``model.veto``;
    ``"same"`` if ``probability >= model.same_threshold``; ``"partial"`` if the probability is at
    least ``model.partial_min_probability`` and the adding side covers at least
    ``model.partial_loose_coverage`` of the other (a paraphrase plus added words); else
    ``"different"``.

    Parameters
    ----------
    probability : float
        P(same claim) from the model.
    a, b : ClaimSentence
    model : ClaimModel, optional
        Thresholds; the shipped model by default.

    Returns
    -------
    ClaimMatch
    """
    model = load_model() if model is None else model
    return _decide_core(probability, _pair_core(a, b), model)


def _decide_core(probability: float, core: dict[str, Any], model: ClaimModel) -> ClaimMatch:
    longer, covered, words, span = core["_partial"]
    conflicts = core["_conflicts"]
    vetoed = bool(set(conflicts) & set(model.veto))
    label = three_way(probability, covered, words, vetoed, model)
    cov_a, cov_b = float(core["_cov_a"]), float(core["_cov_b"])
    if label == "partial":
        return ClaimMatch(float(probability), "partial", longer, (span,), cov_a, cov_b, conflicts)
    return ClaimMatch(float(probability), label, None, (), cov_a, cov_b, conflicts)


def match_features(
    pairs: Sequence[tuple[ClaimSentence, ClaimSentence]], *, model: ClaimModel | None = None
) -> list[ClaimMatch]:
    """:class:`ClaimMatch` for many precomputed sentence pairs (what an aligner calls).

    Parameters
    ----------
    pairs : sequence of (ClaimSentence, ClaimSentence)
    model : ClaimModel, optional
        The shipped model by default.

    Returns
    -------
    list of ClaimMatch
        One per pair, in order.
    """
    model = load_model() if model is None else model
    if not pairs:
        return []
    cores = [_pair_core(a, b) for a, b in pairs]
    x = np.array([[core[f] for f in FEATURES] for core in cores], dtype=float)
    probs = model.probability(x)
    return [_decide_core(float(p), core, model) for p, core in zip(probs, cores, strict=True)]


def match_claims(doc_a: Document, sent_a: int, doc_b: Document, sent_b: int) -> ClaimMatch:
    """Whether sentence ``sent_a`` of ``doc_a`` and ``sent_b`` of ``doc_b`` state the same claim.

    Parameters
    ----------
    doc_a, doc_b : Document
        Analysed texts (:func:`compare.analyze_text`).
    sent_a, sent_b : int
        Sentence indices into ``doc_a.sentences`` and ``doc_b.sentences``.

    Returns
    -------
    ClaimMatch
        Probability of the same claim, the decision ``"same"`` / ``"partial"`` / ``"different"``,
        and for ``"partial"`` the longer side and the character spans of what it adds (offsets
        into that document's text).

    Raises
    ------
    TypeError
        If a document is not a Document.
    InvalidInputError
        If a sentence index is out of range.
    """
    for name, doc, idx in (("doc_a", doc_a, sent_a), ("doc_b", doc_b, sent_b)):
        if not isinstance(doc, Document):
            msg = f"The '{name}' parameter of match_claims must be a Document. Got {type(doc).__name__} instead."
            raise TypeError(msg)
        sname = "sent_a" if name == "doc_a" else "sent_b"
        if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < len(doc.sentences):
            msg = (
                f"The '{sname}' parameter of match_claims must be a sentence index in "
                f"[0, {len(doc.sentences)}). Got {idx!r} instead."
            )
            raise InvalidInputError(msg)
    a = claim_sentences(doc_a)[sent_a]
    b = claim_sentences(doc_b)[sent_b]
    return match_features([(a, b)])[0]
