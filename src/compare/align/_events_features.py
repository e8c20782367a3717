"""Per-article story features for event alignment (private; public face in :mod:`compare.align.events`).

What :func:`~compare.align.align_events` needs from one article, small and picklable, so that the
per-article step of :func:`compare.analyze` computes it once from the Document (in a worker) and
the corpus step never reads the text again:

- the words of the headline, the lead and the body (lower-cased words of two or more letters,
  English stop words removed; :func:`~compare.align.align_events` weights them);
- names: capitalised words of the headline and the text, not at a sentence start (people, places,
  organisations), lower-cased;
- numbers (two or more digits) of the text;
- the publication day, outlet and length in words.

Two ways in, with the same features: :func:`story_features` from a :class:`~compare.text.Document`
(the pipeline), :func:`text_story_features` from the raw text with a light tokeniser (library use on
a large corpus, where a full Document per article would dominate the cost). They cut words alike
(letters only, apostrophes and hyphens split), so both give the same features on ordinary text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Article
    from ..text import Document

__all__ = ["StoryFeatures", "story_features", "text_story_features"]

#: Defaults of the term weighting (chosen on the tune halves of BASIL and AllSides, see the docs).
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
LEAD_CHARS = 400
MAX_CHARS = 2000

_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER = re.compile(r"\d[\d,.]*\d")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+$")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True, slots=True, eq=False)
class StoryFeatures:
    """What event alignment needs from one article (small and picklable: a few strings).

    Attributes
    ----------
    article_id, outlet : str
    day : float
        Publication day (UTC) as a proleptic ordinal; NaN when the article has no date.
    title, lead, body : str
        Lower-cased words (two or more letters, English stop words removed), space-separated: of
        the headline, of the lead (the first ``lead_chars`` characters) and of the body read (the
        first ``max_chars`` characters, lead included).
    names : str
        Lower-cased capitalised words (not sentence-initial; every capitalised headline word after
        the first), each once, space-separated.
    numbers : str
        Numbers of two or more digits, each once, space-separated.
    n_words : int
        Words in ``body``.
    """

    article_id: str
    outlet: str
    day: float
    title: str
    lead: str
    body: str
    names: str
    numbers: str
    n_words: int


def _day(published: dt.date | dt.datetime | None) -> float:
    if published is None:
        return math.nan
    if isinstance(published, dt.datetime):
        return float(published.astimezone(dt.timezone.utc).date().toordinal())
    return float(published.toordinal())


def _title_parts(title: str) -> tuple[list[str], list[str]]:
    """Headline words and names (every capitalised headline word counts: headlines are title case)."""
    stop = _stop_words()
    words = _WORD.findall(title or "")
    lowers = [w.lower() for w in words]
    terms = [w for w in lowers if w not in stop]
    names = [w.lower() for w in words[1:] if w[0].isupper() and not w.isupper() and w.lower() not in stop]
    return terms, names


def _assemble(
    article: Article,
    title_terms: list[str],
    lead: list[str],
    body: list[str],
    names: list[str],
    numbers: list[str],
) -> StoryFeatures:
    return StoryFeatures(
        article_id=article.id,
        outlet=article.outlet,
        day=_day(article.published),
        title=" ".join(title_terms),
        lead=" ".join(lead),
        body=" ".join(body),
        names=" ".join(sorted(set(names))),
        numbers=" ".join(sorted(set(numbers))),
        n_words=len(body),
    )


def story_features(
    doc: Document,
    article: Article,
    *,
    lead_chars: int = LEAD_CHARS,
    max_chars: int = MAX_CHARS,
) -> StoryFeatures:
    """Story features of one article from its Document's public token arrays.

    Parameters
    ----------
    doc : Document
        :func:`compare.text.analyze_text` of ``article.text``.
    article : Article
        For the headline, the date, the id and the outlet.
    lead_chars, max_chars
        As in :func:`compare.align.align_events`.

    Returns
    -------
    StoryFeatures
    """
    stop = _stop_words()
    title_terms, names = _title_parts(article.title)
    lead: list[str] = []
    body: list[str] = []
    numbers: list[str] = []
    prev_sentence = -1
    first = True  # no word of the current sentence seen yet
    for start, text, kind, sent in zip(
        doc.token_starts, doc.token_texts, doc.token_kinds, doc.token_sentences, strict=True
    ):
        if start >= max_chars:
            break
        if sent != prev_sentence:
            prev_sentence, first = sent, True
        if kind == "number":
            digits = text.replace(",", "").replace(".", "")
            if len(digits) >= 2:
                numbers.append(digits)
            continue
        if kind != "word":
            continue
        for part in _WORD.findall(text):  # letters only, as the light tokeniser
            low = part.lower()
            was_first, first = first, False
            if low in stop:
                continue
            body.append(low)
            if start < lead_chars:
                lead.append(low)
            if not was_first and part[0].isupper() and not part.isupper():
                names.append(low)
    return _assemble(article, title_terms, lead, body, names, numbers)


def text_story_features(
    article: Article,
    *,
    lead_chars: int = LEAD_CHARS,
    max_chars: int = MAX_CHARS,
) -> StoryFeatures:
    """Story features of one article from its raw text (a light tokeniser; no Document).

    Same features as :func:`story_features` on ordinary text, at a fraction of the cost.
    """
    stop = _stop_words()
    title_terms, names = _title_parts(article.title)
    text = article.text[:max_chars]
    lead: list[str] = []
    body: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if low in stop:
            continue
        body.append(low)
        start = m.start()
        if start < lead_chars:
            lead.append(low)
        if word[0].isupper() and not word.isupper() and start > 0 and not _at_sentence_start(text, start):
            names.append(low)
    numbers = [d for d in (n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text)) if len(d) >= 2]
    return _assemble(article, title_terms, lead, body, names, numbers)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start]
    if not before.strip():
        return "\n" in before or start < 6
    return bool(_SENTENCE_END.search(before))
