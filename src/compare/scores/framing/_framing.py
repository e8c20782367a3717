"""Generic news frames (Semetko & Valkenburg 2000) from cue lexicons, with the words behind them.

Five frames are scored per article, each in [0, 1] (higher = more of the article's wording uses the
frame):

``conflict``
    disagreement between parties, reproach, two sides of a problem, winners and losers;
``human_interest``
    a human face or example, emotions, personal stories and private lives;
``economic``
    financial losses or gains, costs, economic consequences;
``morality``
    a moral message, references to God or religion, social prescriptions;
``responsibility``
    government able to alleviate (or responsible for) the problem, solutions, urgency of action
    (the Narrative Frames Corpus calls this frame "resolution").

How a score is made: the cue lexicon ``compare/data/frames_lexicon.tsv`` (written from the S&V codebook
questions; codebook in ``docs/frames_lexicon.md``) is matched over the Document's word tokens. Each
hit adds its cue's weight (1, 0.5 or 0.25) to its frame; a cue repeated in the article counts at most
three times. The weighted count per 100 words (``density``; texts shorter than 100 words count as
100 words) is mapped to [0, 1] by ``score = 1 - 2 ** (-density / h)`` where ``h`` is the density at
which the score is 0.5 (conflict 1.0, human interest 0.75, economic 1.0, morality 0.5,
responsibility 1.5; chosen a priori, not fitted). A frame counts as *present* at ``score >= 0.5``
(:data:`PRESENCE_THRESHOLD`).

No training and no dataset are needed. For a researcher's own coding scheme, train
:class:`~compare.scores.FrameClassifier` on hand-coded articles.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...text import as_document
from .._base import FamilyResult, empty_result
from ._lexicon import FRAMES, HALF_DENSITY, counted_weights, frame_scores, scan
from ._metrics import FRAME_METRICS
from ._metrics import METRICS as _METRICS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ...model import Article
    from ...text import Document

__all__ = [
    "FRAMES",
    "FRAME_METRICS",
    "HALF_DENSITY",
    "PRESENCE_THRESHOLD",
    "frame_evidence",
    "frames",
    "score",
]

#: A frame is taken as present in an article when its score reaches this value (density = h).
PRESENCE_THRESHOLD = 0.5

_EVIDENCE_COLUMNS = ["metric", "sentence", "start", "end", "text", "weight", "label", "cue", "question"]


def score(
    doc: Document,
    *,
    article: Article | None = None,
    mentions: Any = None,
    options: Mapping[str, Any] | None = None,
) -> FamilyResult:
    """Score the five generic news frames of ``doc`` (the ``framing`` family function).

    Parameters
    ----------
    doc : compare.text.Document
        The analysed article text.
    article : compare.model.Article, optional
        Unused (the frames read only the text).
    options : mapping, optional
        Unused; accepted for the family interface.

    Returns
    -------
    FamilyResult
        ``article``: ``frame_<frame>`` in [0, 1], NaN when the text has no words; ``sentences``:
        ``frame_<frame>_cues`` (cue counts per sentence); ``tables["evidence"]``: one row per cue with
        ``metric, sentence, start, end, text, weight, label`` (label = the frame), ``cue`` (the
        lexicon entry) and ``question`` (the codebook question). ``weight`` is what the hit added to
        the frame's weighted count (0 for a cue's fourth and later repeats).
    """
    del article, mentions, options
    n_words = doc.n_words
    if n_words == 0:
        return empty_result(_METRICS)
    hits = scan(doc)
    scores, _, _ = frame_scores(hits, n_words)
    n_sent = len(doc.sentences)
    per_sentence = [[0.0] * n_sent for _ in FRAMES]
    text = doc.text
    rows = []
    for hit, w in zip(hits, counted_weights(hits), strict=True):
        f = hit.cue.frame
        per_sentence[f][hit.sentence] += 1.0
        rows.append(
            {
                "metric": FRAME_METRICS[FRAMES[f]],
                "sentence": hit.sentence,
                "start": hit.start,
                "end": hit.end,
                "text": text[hit.start : hit.end],
                "weight": w,
                "label": FRAMES[f],
                "cue": hit.cue.cue,
                "question": hit.cue.question,
            }
        )
    return FamilyResult(
        article={FRAME_METRICS[f]: s for f, s in zip(FRAMES, scores, strict=True)},
        sentences={f"frame_{f}_cues": per_sentence[i] for i, f in enumerate(FRAMES)},
        tables={"evidence": rows},
    )


def frames(text: str | Document) -> dict[str, float]:
    """Generic news-frame scores of one text, without training.

    Parameters
    ----------
    text : str or compare.text.Document
        English news text (headline and paragraphs), or its Document.

    Returns
    -------
    dict
        ``{"conflict", "human_interest", "economic", "morality", "responsibility"}`` -> score in
        [0, 1] (higher = more cues of the frame per word; 0.5 or more = frame present). All NaN if
        the text has no words.

    Raises
    ------
    TypeError
        If ``text`` is neither a str nor a Document.

    See Also
    --------
    frame_evidence : The cue words behind the scores.
    compare.scores.FrameClassifier : A trainable classifier for one's own coding scheme.

    Notes
    -----
    ``score = 1 - 2 ** (-density / h)``, ``density`` = weighted cue count per 100 words (at least
    100 words), ``h`` per frame in :data:`HALF_DENSITY`. See the module docstring.

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content analysis of press
    and television news. Journal of Communication, 50(2), 93-109.

    Examples
    --------
    >>> s = frames("Critics accused the minister of lying, and the opposition rejected the plan.")
    >>> s["conflict"] > s["economic"]
    True
    """
    doc = as_document(text, name="text", caller="frames")
    if doc.n_words == 0:
        return dict.fromkeys(FRAMES, math.nan)
    scores, _, _ = frame_scores(scan(doc), doc.n_words)
    return dict(zip(FRAMES, scores, strict=True))


def frame_evidence(text: str | Document) -> pd.DataFrame:
    """The frame cues found in one text, one row per cue, in text order.

    Parameters
    ----------
    text : str or compare.text.Document
        English news text, or its Document.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric`` (``frame_<frame>``), ``sentence`` (index), ``start``, ``end`` (character
        offsets, ``text[start:end]`` is the cue), ``text``, ``weight`` (what the cue added to the
        frame's weighted count), ``label`` (the frame), ``cue`` (the lexicon entry or rule) and
        ``question`` (the codebook question, see ``docs/frames_lexicon.md``).

    Raises
    ------
    TypeError
        If ``text`` is neither a str nor a Document.

    Examples
    --------
    >>> ev = frame_evidence("The plan will cost taxpayers $3 billion.")
    >>> sorted(set(ev["label"]))
    ['economic', 'responsibility']
    """
    import pandas as pd

    doc = as_document(text, name="text", caller="frame_evidence")
    if doc.n_words == 0:
        return pd.DataFrame({c: [] for c in _EVIDENCE_COLUMNS}).astype(
            {"sentence": "int64", "start": "int64", "end": "int64", "weight": "float64"}
        )
    rows = score(doc).tables["evidence"]
    return pd.DataFrame(rows, columns=_EVIDENCE_COLUMNS).astype(
        {"sentence": "int64", "start": "int64", "end": "int64", "weight": "float64"}
    )
