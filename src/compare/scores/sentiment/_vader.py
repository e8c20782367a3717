"""A fast VADER sentence scorer with the same numbers as vaderSentiment (private).

:func:`polarity_scores` re-implements ``SentimentIntensityAnalyzer.polarity_scores`` of
vaderSentiment 3.3.2 (Hutto & Gilbert 2014) rule for rule, including its quirks (the ``but`` rule
that rescales the *first* sentiment equal in value, negation and idiom checks that only run when
the preceding word is not itself a lexicon word, ``so``/``this`` three words back boosting by
1.25), so that rounding our unrounded values the way vaderSentiment does (``round(x, 3)`` for
``pos``/``neu``/``neg``, ``round(x, 4)`` for ``compound``) gives exactly vaderSentiment's dict.
``tests/scores/test_vader_parity.py`` checks this on every sentence of BASIL and PolNeAR.

What makes it faster (about an order of magnitude, see ``docs/benchmarks/vader.md``): each word is
lower-cased once (vaderSentiment rebuilds the lower-cased word list inside every negation and idiom
check, which is quadratic in sentence length), the lexicon words are found in one C-level pass
(``compress`` + ``map``), a text without any word a rule reacts to takes its lexicon valences
directly, the emoji pass is skipped for ASCII text, and the lexicon is parsed once per process.

:func:`word_sentiments` (and :func:`sentence_details` + :func:`details_word_sentiments`, which
share one pass with the sentence scores) expose each word's sentiment after every rule, for the
target-sentiment model.

The lexicon and the emoji lexicon are read from the installed vaderSentiment package (via
:mod:`importlib.resources`), which stays the source of truth; the rule constants (booster words,
negations, special cases) are imported from it as well.
"""

from __future__ import annotations

import functools
import math
import re
import string
from collections.abc import Callable, Iterable
from itertools import compress
from typing import Any, NamedTuple

__all__ = [
    "SentimentScores",
    "details_word_sentiments",
    "polarity_scores",
    "rounded_scores",
    "score_sentences",
    "sentence_details",
    "word_sentiments",
]


class SentimentScores(NamedTuple):
    """VADER scores of one sentence, unrounded.

    ``compound`` is in [-1, 1]; ``pos``, ``neu`` and ``neg`` are shares in [0, 1] summing to 1 (all
    0.0 for a sentence without words, as in vaderSentiment).
    """

    compound: float
    pos: float
    neu: float
    neg: float


class _Tables(NamedTuple):
    lexicon: dict[str, float]
    emojis: dict[str, str]
    boosters: dict[str, float]
    negate: frozenset[str]
    special: dict[str, float]
    b_incr: float
    c_incr: float
    n_scalar: float
    scored: frozenset[str]  # lexicon words that are not boosters (the only ones with valence)
    emoji_chars: frozenset[str]  # the single characters vaderSentiment replaces by descriptions
    token_cache: _TokenCache  # whitespace token -> stripped, lower-cased word
    idiom_words: frozenset[str]  # words of SPECIAL_CASES keys and multi-word boosters


def _read_package_text(name: str) -> str:
    from importlib.resources import files

    # bytes + decode: the same text as vaderSentiment's codecs.open (no newline translation)
    return files("vaderSentiment").joinpath(name).read_bytes().decode("utf-8")


@functools.cache
def _tables() -> _Tables:
    from vaderSentiment import vaderSentiment as vs

    lexicon: dict[str, float] = {}
    for line in _read_package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    emojis: dict[str, str] = {}
    for line in _read_package_text("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return _Tables(
        lexicon=lexicon,
        emojis=emojis,
        boosters=dict(vs.BOOSTER_DICT),
        negate=frozenset(vs.NEGATE),
        special=dict(vs.SPECIAL_CASES),
        b_incr=vs.B_INCR,
        c_incr=vs.C_INCR,
        n_scalar=vs.N_SCALAR,
        scored=frozenset(lexicon) - frozenset(vs.BOOSTER_DICT),
        emoji_chars=frozenset(e for e in emojis if len(e) == 1),
        token_cache=_TokenCache(),
        idiom_words=frozenset(
            w for key in (*vs.SPECIAL_CASES, *(b for b in vs.BOOSTER_DICT if " " in b)) for w in key.split()
        ),
    )


_PUNCT = string.punctuation
_EMPTY = SentimentScores(0.0, 0.0, 0.0, 0.0)
_NEUTRAL = SentimentScores(0.0, 0.0, 1.0, 0.0)
_TOKEN_CACHE_MAX = 1 << 17  # entries of the token memo; a long stream of new tokens must not grow memory
_WORD_RE = re.compile(r"\S+")
_match_start = re.Match.start


def _replace_emojis(text: str, emojis: dict[str, str]) -> str:
    # vaderSentiment's loop: each single character found in the emoji lexicon becomes its
    # description, preceded by a space unless the previous character was a space.
    out: list[str] = []
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out.append(" ")
            out.append(emojis[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out)


class _TokenCache(dict[str, str]):
    """Memo: whitespace token -> lower-cased word as SentiText strips it."""

    def __missing__(self, tok: str) -> str:
        stripped = tok.strip(_PUNCT)
        word = (tok if len(stripped) <= 2 else stripped).lower()
        if len(self) < _TOKEN_CACHE_MAX:
            self[tok] = word
        return word


def _special_idioms(
    valence: float, low: list[str], i: int, special: dict[str, float], boosters: dict[str, float]
) -> float:
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    n = len(low)
    if n - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _but_check(low: list[str], positions: list[int], values: list[float]) -> None:
    """SentimentIntensityAnalyzer._but_check on the lexicon-word positions only, in place.

    vaderSentiment walks every sentiment ``v`` and rescales the *first* sentiment equal to ``v``
    (``list.index``) by 0.5 before the first "but" and by 1.5 after it. Zeros stay zero whatever
    is done to them, and a nonzero ``v`` can only equal a lexicon-word position, so walking the
    nonzero values of ``positions``/``values`` (word order) with the same ``index`` rule gives
    exactly vaderSentiment's list.
    """
    bi = low.index("but")
    for k in range(len(values)):
        v = values[k]
        if v == 0:
            continue
        si = values.index(v)
        p = positions[si]
        if p < bi:
            values[si] = v * 0.5
        elif p > bi:
            values[si] = v * 1.5


def _make_scorer(t: _Tables) -> tuple[Callable[..., Any], ...]:
    """Build the scoring functions, with every table bound as a closure variable (fast look-ups).

    Returns ``score`` (text -> SentimentScores), ``word_sentiments`` (text -> the nonzero
    sentiments of its words after every rule, as (character offset of the word, sentiment)),
    ``details`` (text -> (SentimentScores, opaque word details or None)) and ``offsets`` (word
    details -> what ``word_sentiments`` gives), so that one pass can serve both.
    """
    lexicon = t.lexicon
    emojis = t.emojis
    emoji_chars = t.emoji_chars
    boosters = t.boosters
    negate = t.negate
    special = t.special
    idiom_words = t.idiom_words
    scored = t.scored
    is_scored = scored.__contains__
    token_cache = t.token_cache
    lookup = token_cache.__getitem__
    c_incr = t.c_incr
    n_scalar = t.n_scalar
    # Words that can change the valence of a lexicon word up to three words after or two words
    # before them (besides "n't" contractions): boosters, negations, the words of vaderSentiment's
    # special rules, and for each multi-word idiom or booster one word it cannot match without
    # (preferably one outside the lexicon, so that common lexicon words do not trigger).
    common = {"the", "of", "to", "for", "right", "just"}
    idiom_anchors = set()
    for key in (*special, *boosters):
        words = key.split()
        if len(words) > 1:
            rare = [w for w in words if w not in common] or words
            idiom_anchors.add(next((w for w in reversed(rare) if w not in lexicon), rare[-1]))
    trigger_words = (
        frozenset(boosters)
        | negate
        | {"no", "never", "without", "least", "so", "this", "kind"}
        | idiom_anchors
    )
    fabs = math.fabs
    sqrt = math.sqrt
    new_tuple = tuple.__new__  # builds the NamedTuple without its Python-level __new__

    def scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
        # vaderSentiment's scalar_inc_dec, for a word known to be a booster
        scalar = boosters[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            if valence > 0:
                scalar += c_incr
            else:
                scalar -= c_incr
        return scalar

    def valence_at(i: int, toks: list[str], low: list[str], is_cap_diff: bool) -> float:
        """SentimentIntensityAnalyzer.sentiment_valence for the lexicon word at ``i``.

        The loop over the three preceding words is unrolled; a preceding word that is a lexicon
        word skips its booster, negation and idiom checks (as in vaderSentiment). Adding a zero
        scalar for a non-booster word is left out: it can only turn -0.0 into 0.0.
        """
        item_lower = low[i]
        base = lexicon[item_lower]
        valence = base
        if item_lower == "no" and i != len(low) - 1 and low[i + 1] in lexicon:
            valence = 0.0
        if i > 0 and (
            low[i - 1] == "no"
            or (i > 1 and low[i - 2] == "no")
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))
        ):
            valence = base * n_scalar
        if is_cap_diff and toks[i].isupper():
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        if i > 0:
            w1 = low[i - 1]
            if w1 not in lexicon:
                if w1 in boosters:
                    valence = valence + scalar_inc_dec(toks[i - 1], w1, valence, is_cap_diff)
                if w1 in negate or "n't" in w1:
                    valence = valence * n_scalar
            if i > 1:
                w2 = low[i - 2]
                if w2 not in lexicon:
                    if w2 in boosters:
                        sc = scalar_inc_dec(toks[i - 2], w2, valence, is_cap_diff)
                        if sc != 0:
                            sc = sc * 0.95
                        valence = valence + sc
                    if w2 == "never" and (w1 == "so" or w1 == "this"):
                        valence = valence * 1.25
                    elif w2 == "without" and w1 == "doubt":
                        pass
                    elif w2 in negate or "n't" in w2:
                        valence = valence * n_scalar
                if i > 2:
                    w3 = low[i - 3]
                    if w3 not in lexicon:
                        if w3 in boosters:
                            sc = scalar_inc_dec(toks[i - 3], w3, valence, is_cap_diff)
                            if sc != 0:
                                sc = sc * 0.9
                            valence = valence + sc
                        if (w3 == "never" and (w2 == "so" or w2 == "this")) or (w1 == "so" or w1 == "this"):
                            valence = valence * 1.25
                        elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                            pass
                        elif w3 in negate or "n't" in w3:
                            valence = valence * n_scalar
                        # an idiom or multi-word booster needs one of these words to be in one
                        if item_lower in idiom_words or w1 in idiom_words or w2 in idiom_words:
                            valence = _special_idioms(valence, low, i, special, boosters)
        # _least_check ("least" is not a lexicon word)
        if i > 1 and low[i - 1] == "least":
            if low[i - 2] != "at" and low[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and low[i - 1] == "least":
            valence = valence * n_scalar
        return valence

    def core(text: str) -> tuple[str, list[str], list[int], list[float]] | SentimentScores:
        """The sentiments of the lexicon words (after every rule), or the final scores if none."""
        if not text.isascii() and not emoji_chars.isdisjoint(text):
            text = _replace_emojis(text, emojis)
        # (vaderSentiment strips the text; str.split ignores surrounding whitespace anyway, and
        # stripping whitespace changes no "!" or "?" count)
        toks = text.split()
        n = len(toks)
        if not n:
            return _EMPTY
        # lower-cased words after vaderSentiment's punctuation stripping (memoised per token)
        low = list(map(lookup, toks))
        # positions of lexicon words, in word order (one C-level pass over the words)
        positions = list(compress(range(n), map(is_scored, low)))
        if not positions:
            # no lexicon word: every sentiment is 0, so compound = pos = neg = 0 and neu = 1
            return _NEUTRAL
        # stripping ASCII punctuation never changes str.isupper, so the raw tokens serve for it
        n_upper = sum(map(str.isupper, toks))
        is_cap_diff = 0 < n - n_upper < n
        has_nt = "'" in text and "n't" in text.lower()
        if not is_cap_diff and not has_nt and trigger_words.isdisjoint(low):
            # no word in the text that any rule reacts to: every lexicon word keeps its valence
            values = list(map(lexicon.__getitem__, map(low.__getitem__, positions)))
            if "but" in low:
                _but_check(low, positions, values)
            return text, toks, positions, values
        values: list[float] = []
        for i in positions:
            lo = i - 3 if i > 3 else 0
            if trigger_words.isdisjoint(low[lo : i + 3]) and not (
                has_nt and any("n't" in w for w in low[lo:i])
            ):
                # no booster, negation, "no", "never", "without", "least", "so"/"this", "kind" or
                # idiom word within three words: vaderSentiment's rules leave the valence as it
                # is, except for the ALL-CAPS emphasis
                v = lexicon[low[i]]
                if is_cap_diff and toks[i].isupper():
                    v = v + c_incr if v > 0 else v - c_incr
                values.append(v)
            elif i < n - 1 and low[i] == "kind" and low[i + 1] == "of":
                values.append(0)
            else:
                values.append(valence_at(i, toks, low, is_cap_diff))
        if "but" in low:
            _but_check(low, positions, values)
        return text, toks, positions, values

    def finish(res: tuple[str, list[str], list[int], list[float]]) -> SentimentScores:
        text, toks, _, values = res
        n = len(toks)
        # every other word has sentiment 0, which adds nothing to the sums below
        nonzero = [v for v in values if v != 0]

        # score_valence
        sum_s = float(sum(nonzero))
        punct = 0.0
        if "!" in text:
            punct = min(text.count("!"), 4) * 0.292
        qm_count = text.count("?") if "?" in text else 0
        if qm_count > 1:
            punct = punct + (qm_count * 0.18 if qm_count <= 3 else 0.96)
        if sum_s > 0:
            sum_s += punct
        elif sum_s < 0:
            sum_s -= punct
        compound = sum_s / sqrt((sum_s * sum_s) + 15)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0

        pos_sum = 0.0
        neg_sum = 0.0
        for v in nonzero:
            if v > 0:
                pos_sum += float(v) + 1
            else:
                neg_sum += float(v) - 1
        neu_count = n - len(nonzero)
        if pos_sum > fabs(neg_sum):
            pos_sum += punct
        elif pos_sum < fabs(neg_sum):
            neg_sum -= punct
        total = pos_sum + fabs(neg_sum) + neu_count
        return new_tuple(
            SentimentScores, (compound, fabs(pos_sum / total), fabs(neu_count / total), fabs(neg_sum / total))
        )

    def score(text: str) -> SentimentScores:
        res = core(text)
        if res.__class__ is SentimentScores:
            return res
        return finish(res)

    def details(text: str) -> tuple[SentimentScores, Any]:
        res = core(text)
        if res.__class__ is SentimentScores:
            return res, None
        return finish(res), res

    def word_sentiments(text: str) -> tuple[tuple[int, float], ...]:
        return offsets(core(text))

    def offsets(res: Any) -> tuple[tuple[int, float], ...]:
        if res is None or res.__class__ is SentimentScores:
            return ()
        text, toks, positions, values = res
        starts = list(map(_match_start, _WORD_RE.finditer(text)))
        if len(starts) != len(toks):  # (never seen) str.split and \\S+ disagree: no offsets
            return ()
        return tuple((starts[p], v) for p, v in zip(positions, values, strict=True) if v != 0)

    return score, word_sentiments, details, offsets


@functools.cache
def _scorers() -> tuple[Callable[..., Any], ...]:
    return _make_scorer(_tables())


def _scorer() -> Callable[[str], SentimentScores]:
    return _scorers()[0]


def _score(text: str) -> SentimentScores:
    """Score one sentence, without the result cache of :func:`polarity_scores`."""
    return _scorer()(text)


@functools.lru_cache(maxsize=1 << 16)
def polarity_scores(sentence: str) -> SentimentScores:
    """VADER scores of one sentence, unrounded.

    The same computation as vaderSentiment's ``SentimentIntensityAnalyzer().polarity_scores``;
    :func:`rounded_scores` of the result equals vaderSentiment's dict exactly.

    Parameters
    ----------
    sentence : str
        One sentence (VADER is a sentence-level model).

    Returns
    -------
    SentimentScores
        ``compound`` in [-1, 1] (higher = more positive), and the ``pos``, ``neu``, ``neg`` shares.
        A sentence without words gets all zeros, as in vaderSentiment; callers that aggregate
        should treat it as undefined.

    References
    ----------
    Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment
    Analysis of Social Media Text. ICWSM-14.

    Examples
    --------
    >>> round(polarity_scores("The plan is very good.").compound, 4)
    0.4927
    """
    return _scorer()(sentence)


@functools.lru_cache(maxsize=1 << 14)
def word_sentiments(sentence: str) -> tuple[tuple[int, float], ...]:
    """VADER's sentiment of each word of ``sentence``, after every rule, where it is nonzero.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    tuple of (int, float)
        ``(offset, sentiment)`` per word with a nonzero sentiment, in word order: ``offset`` is the
        character offset of the whitespace-separated word in ``sentence`` (after vaderSentiment's
        emoji replacement, which only non-ASCII text can need), ``sentiment`` the value VADER sums
        for the compound score (negation, boosters, capitals and the "but" rule applied; the
        "!"/"?" emphasis is not a word's and is left out).
    """
    return _scorers()[1](sentence)


def sentence_details(sentence: str) -> tuple[SentimentScores, Any]:
    """:func:`polarity_scores` (uncached) and the details :func:`details_word_sentiments` reads.

    One VADER pass gives both the sentence scores and, on demand, its word sentiments.
    """
    return _scorers()[2](sentence)


def details_word_sentiments(details: Any) -> tuple[tuple[int, float], ...]:
    """:func:`word_sentiments` of the sentence that :func:`sentence_details` returned ``details`` for."""
    return _scorers()[3](details)


def rounded_scores(scores: SentimentScores) -> dict[str, float]:
    """Round as vaderSentiment does: ``{"neg", "neu", "pos"}`` to 3 decimals, ``compound`` to 4.

    Parameters
    ----------
    scores : SentimentScores
        Unrounded scores from :func:`polarity_scores`.

    Returns
    -------
    dict
        Exactly what ``SentimentIntensityAnalyzer().polarity_scores`` returns for the same text.
    """
    return {
        "neg": round(scores.neg, 3),
        "neu": round(scores.neu, 3),
        "pos": round(scores.pos, 3),
        "compound": round(scores.compound, 4),
    }


def score_sentences(sentences: Iterable[str]) -> list[SentimentScores]:
    """Score each sentence with :func:`polarity_scores`.

    Parameters
    ----------
    sentences : iterable of str
        The sentences, one string each.

    Returns
    -------
    list of SentimentScores
        One per sentence, in order.
    """
    return [polarity_scores(s) for s in sentences]
