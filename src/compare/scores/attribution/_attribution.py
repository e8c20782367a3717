"""Attribution: who is given voice, how, and how often.

An *attribution* ties reported content to a source through a cue: in "Putin, Western diplomats
say, continues to press ..." the cue is "say", the source "Western diplomats" and the content the
rest of the clause. :func:`attributions` finds every attribution in a text with character offsets:

- the **cue**: reporting verbs and phrases ("said", "told", "according to", "citing", "in a
  statement", a colon or dash introducing a quotation), found by a linear token tagger learned from
  the PolNeAR train split (Newell et al. 2018) over the word, its suffix, its neighbours and its
  position relative to quotation marks; a quotation with no cue in its sentence is an attribution
  by quotation marks alone (``quote_only``);
- the **source**: the tokens near the cue a second linear scorer picks (the subject "X said",
  the inversion "said X", the object of "according to"), typed by rules as ``person``,
  ``official``, ``anonymous``, ``media``, ``document`` or ``pronoun`` (pronouns resolved to the
  nearest preceding named source);
- the **content**: the quotation touching the cue's sentence, or the clause on the other side of
  source and cue; ``kind`` is ``direct`` (all quoted), ``mixed`` (partly) or ``indirect``.

The family ``attribution`` reports per article: cue-marked attributions per 100 words
(headline; quotation-only rows are listed but not counted), per sentence, the share of sentences
with one, the share of each source type, the number of
distinct sources and the share of direct quotations.

References
----------
.. [1] Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for political
   news. LREC 2018.
.. [2] Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural language processing to
   measure gender bias in media. PLOS ONE 16(1).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ...text import Document, as_document
from .._base import FamilyResult, empty_result
from . import _model as _M
from . import _rules as _R
from ._metrics import METRICS, SOURCE_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ...model import Article

__all__ = [
    "SOURCE_TYPES",
    "Attribution",
    "attributions",
    "extract_attributions",
    "score",
]

class Attribution(NamedTuple):
    """One attribution; spans are character offsets into the text, ``None`` when absent.

    ``start``/``end`` cover the whole relation: the smallest span holding cue, source and content.
    """

    sentence: int
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    cue: str
    source_start: int | None
    source_end: int | None
    source: str
    source_type: str | None
    resolved_source: str | None
    kind: str
    content_start: int | None
    content_end: int | None
    quote_only: bool
    confidence: float
    actor: str | None


_PRONOUN_FIT = {
    "he": ("person", "official"),
    "she": ("person", "official"),
    "i": ("person", "official"),
    "him": ("person", "official"),
    "her": ("person", "official"),
}


def _actor_mentions(doc: Document) -> list[Any]:
    from ...actors import actor_mentions  # imported here: compare.actors imports the scorers' siblings

    return list(actor_mentions(doc))


def extract_attributions(
    doc: Document,
    *,
    outlet: str | None = None,
    quotes_alone: bool = True,
    model: Any = None,
    mentions: Sequence[Any] | None = None,
) -> list[Attribution]:
    """All attributions of an analysed document, in text order.

    Parameters
    ----------
    doc : Document
        From :func:`compare.text.analyze_text`.
    outlet : str, optional
        The article's outlet; a source naming it is typed ``media``.
    quotes_alone : bool, default True
        Also report quotations with no cue in their sentence (``quote_only=True``).
    model : TaggerModel, optional
        Weights to use instead of the shipped ones (for retraining experiments).
    mentions : sequence of Mention, optional
        The article's actor mentions (:func:`compare.actors.actor_mentions`), which sources are
        linked to; found here when not given.

    Returns
    -------
    list of Attribution
    """
    return _extract(
        doc, outlet=outlet, quotes_alone=quotes_alone, model=model or _M.default_model(), mentions=mentions
    )


def _extract(
    doc: Document, *, outlet: str | None, quotes_alone: bool, model: Any, mentions: Sequence[Any] | None
) -> list[Attribution]:
    toks = doc.tokens
    if not toks:
        return []
    text = doc.text
    prep = _M.prepare(doc, model)
    cues = _M.tag_cues(doc, model, prep)
    taken = {i for cs, ce, _ in cues for i in range(cs, ce)}
    sprobs = _M.source_probs(model, prep, cues)
    rows: list[Attribution] = []
    covered: list[tuple[int, int]] = []
    for (cs, ce, p), sp in zip(cues, sprobs, strict=True):
        sent_i = toks[cs].sentence
        sent = doc.sentences[sent_i]
        lo, hi = sent.token_start, sent.token_end
        src = _M.find_source(doc, model, sp, (cs, ce), lo, hi, taken)
        src_span = (src[0], src[1]) if src else None
        content = _R.content_span(doc, lo, hi, (cs, ce), src_span)
        c0, c1 = toks[cs].start, toks[ce - 1].end
        if src_span:
            s0, s1 = toks[src_span[0]].start, toks[src_span[1] - 1].end
            stext = text[s0:s1]
            stype = _R.source_type(stext, [t.text for t in toks[src_span[0] : src_span[1]]], outlet=outlet)
        else:
            s0 = s1 = None
            stext = ""
            stype = None
        lo_c = min(x for x in (c0, s0, content[0] if content else None) if x is not None)
        hi_c = max(x for x in (c1, s1, content[1] if content else None) if x is not None)
        if content:
            covered.append(content)
        covered.append((c0, c1))
        rows.append(
            Attribution(
                sentence=sent_i,
                start=lo_c,
                end=hi_c,
                cue_start=c0,
                cue_end=c1,
                cue=text[c0:c1],
                source_start=s0,
                source_end=s1,
                source=stext,
                source_type=stype,
                resolved_source=None,
                kind=_R.quote_kind(doc, content),
                content_start=content[0] if content else None,
                content_end=content[1] if content else None,
                quote_only=False,
                confidence=p,
                actor=None,
            )
        )
    if quotes_alone:
        rows.extend(_quote_only(doc, covered))
        rows.sort(key=lambda r: (r.start, r.end))
    rows = _resolve_pronouns(rows)
    if quotes_alone:
        rows = _inherit_quote_sources(doc, rows)
    return _link_actors(doc, rows, mentions)


def _quote_only(doc: Document, covered: list[tuple[int, int]]) -> list[Attribution]:
    """Quotations (three words or more) that no cue's content or cue overlaps."""
    out = []
    # covered spans as sorted starts and the running maximum of their ends: a quotation overlaps
    # one iff some span starting before its end ends after its start
    spans = sorted(covered)
    starts = [a for a, _ in spans]
    reach: list[int] = []
    m = -1
    for _, b in spans:
        m = max(m, b)
        reach.append(m)
    for q in doc.quotes:
        k = bisect_left(starts, q.inner_end)
        if k and reach[k - 1] > q.inner_start:
            continue
        inner = doc.text[q.inner_start : q.inner_end]
        if len(inner.split()) < 3:
            continue  # a scare quote or a title, not speech
        sent_i = doc.sentence_at(q.start)
        if sent_i is None:
            continue
        out.append(
            Attribution(
                sentence=sent_i,
                start=q.inner_start,
                end=q.inner_end,
                cue_start=None,
                cue_end=None,
                cue="",
                source_start=None,
                source_end=None,
                source="",
                source_type=None,
                resolved_source=None,
                kind="direct",
                content_start=q.inner_start,
                content_end=q.inner_end,
                quote_only=True,
                confidence=math.nan,
                actor=None,
            )
        )
    return out


def _fits(pronoun: str, r: Attribution) -> bool:
    if r.source_type is None or r.source_type == "pronoun" or not r.source:
        return False
    allowed = _PRONOUN_FIT.get(pronoun)
    if allowed is None:  # they, we, it, who: any source
        return True
    if r.source_type not in allowed:
        return False
    last = r.source.split()[-1]
    # he/she: a named person or a titled official ("President Zelenskyy"), not a group
    return last[:1].isupper() and not last.lower().endswith("s")


def _resolve_pronouns(rows: list[Attribution]) -> list[Attribution]:
    """Resolve pronoun sources to the nearest preceding fitting source (by position in the text)."""
    named = sorted(
        (r for r in rows if r.source_start is not None and r.source_type != "pronoun"),
        key=lambda r: r.source_start,
    )
    out: list[Attribution] = []
    for r in rows:
        if r.source_type == "pronoun" and r.source_start is not None:
            p = r.source.lower()
            resolved = None
            for prev in reversed(named):
                if prev.source_start < r.source_start and _fits(p, prev):
                    resolved = prev.source
                    break
            r = r._replace(resolved_source=resolved)
        out.append(r)
    return out


def _inherit_quote_sources(doc: Document, rows: list[Attribution]) -> list[Attribution]:
    """A quotation-only row continuing a quoted speaker in its paragraph (or the previous one) gets
    that speaker as source ("“...,” Zelenskyy said. “We should do our part.”")."""
    out: list[Attribution] = []
    for r in rows:
        if r.quote_only:
            para = doc.sentences[r.sentence].paragraph
            for prev in reversed(out):
                if prev.quote_only or prev.source_start is None:
                    continue
                if doc.sentences[prev.sentence].paragraph < para - 1:
                    break
                if prev.kind in ("direct", "mixed"):
                    r = r._replace(
                        source_start=prev.source_start,
                        source_end=prev.source_end,
                        source=prev.source,
                        source_type=prev.source_type,
                        resolved_source=prev.resolved_source,
                    )
                    break
        out.append(r)
    return out


def _link_actors(doc: Document, rows: list[Attribution], mentions: Sequence[Any] | None) -> list[Attribution]:
    if not any(r.source_start is not None for r in rows):
        return rows
    if mentions is None:
        mentions = _actor_mentions(doc)
    if not mentions:
        return rows
    # the mentions overlapping a source, in list order, found by bisection over their starts
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    starts = [mentions[k].start for k in order]
    longest = max(m.end - m.start for m in mentions)
    out = []
    for r in rows:
        actor = None
        if r.source_start is not None:
            a = bisect_left(starts, r.source_start - longest)
            b = bisect_left(starts, r.source_end)
            hits = [k for k in order[a:b] if r.source_start < mentions[k].end]
            if hits:
                actor = mentions[min(hits)].actor
        if actor is None and r.resolved_source:
            for m in mentions:
                if m.text == r.resolved_source or r.resolved_source.endswith(m.text):
                    actor = m.actor
                    break
        out.append(r._replace(actor=actor) if actor else r)
    return out


_INT_COLUMNS = (
    "start",
    "end",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "content_start",
    "content_end",
)


def attributions(
    text: str | Document, *, outlet: str | None = None, quotes_alone: bool = True
) -> pd.DataFrame:
    """Attributions of a text as a DataFrame, one row each, in text order.

    Parameters
    ----------
    text : str or Document
        Article text (or its analysed Document).
    outlet : str, optional
        The article's own outlet (sources naming it are typed ``media``).
    quotes_alone : bool, default True
        Include quotations with no cue in their sentence (rows with ``quote_only`` True and no cue).

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence``, ``start``, ``end`` (the whole attribution: smallest span holding
        cue, source and content), ``cue_start``, ``cue_end``, ``cue``, ``source_start``,
        ``source_end``, ``source``, ``source_type`` (person, official, anonymous, media,
        document, pronoun), ``resolved_source`` (a pronoun's antecedent), ``kind`` (direct,
        indirect, mixed), ``content_start``, ``content_end``, ``quote_only``, ``confidence``
        (cue probability) and ``actor``. Offset columns are nullable ``Int64``; missing spans are
        ``pd.NA``.

    Raises
    ------
    TypeError
        If ``text`` is neither a str nor a Document.

    Examples
    --------
    >>> df = attributions("The plan will fail, officials said.")
    >>> df.loc[0, ["cue", "source", "source_type", "kind"]].tolist()
    ['said', 'officials', 'anonymous', 'indirect']
    """
    import pandas as pd

    doc = as_document(text, name="text", caller="attributions")
    rows = extract_attributions(doc, outlet=outlet, quotes_alone=quotes_alone)
    cols: dict[str, Any] = {}
    for j, name in enumerate(Attribution._fields):
        values = [r[j] for r in rows]
        if name in _INT_COLUMNS:
            cols[name] = pd.array(values, dtype="Int64")
        elif name == "sentence":
            cols[name] = pd.array(values, dtype="int64")
        elif name == "quote_only":
            cols[name] = pd.array(values, dtype=bool)
        elif name == "confidence":
            cols[name] = pd.array(values, dtype="float64")
        else:
            cols[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(cols)


# ---------------------------------------------------------------------------------------------
# The family
# ---------------------------------------------------------------------------------------------
def score(
    doc: Document,
    *,
    article: Article | None = None,
    mentions: Sequence[Any] | None = None,
    options: Mapping[str, Any] | None = None,
) -> FamilyResult:
    """Score one Document for the ``attribution`` family (see the module docstring).

    Returns
    -------
    FamilyResult
        Article metrics (NaN for empty text; shares NaN when there is nothing to share), tables
        ``attributions``, ``actors`` (``times_quoted`` and ``times_quoted_directly`` for every
        person, organisation and group the article names, 0 when never given a voice; places only
        when quoted) and ``evidence`` (cue spans behind ``attributions_per_100_words``).
    """
    options = options or {}
    n_words = doc.n_words
    if n_words == 0 or not doc.sentences:
        return empty_result(METRICS)  # sentence metrics: no sentences, no values
    outlet = getattr(article, "outlet", None)
    if mentions is None:
        from ...actors import actor_mentions

        mentions = actor_mentions(doc, aliases=options.get("aliases"))
    rows = extract_attributions(
        doc, outlet=outlet, quotes_alone=bool(options.get("quotes_alone", True)), mentions=mentions
    )
    n = len(rows)
    # the counts are of cue-marked attributions: a quotation with no cue in its sentence mostly
    # continues an attributed quotation (PolNeAR counts it once), so counting it as another
    # attribution lowered the rank correlation with the gold density (train hold-out, see
    # docs/benchmarks/attribution.md); quotation-only rows stay in the table
    cued = [r for r in rows if not r.quote_only]
    n_sent = len(doc.sentences)
    art: dict[str, float] = {
        "attributions_per_100_words": 100.0 * len(cued) / n_words,
        "attributions_per_sentence": len(cued) / n_sent,
        "attributed_sentence_share": len({r.sentence for r in cued}) / n_sent,
    }
    with_src = [r for r in rows if r.source_type is not None]
    for t in SOURCE_TYPES:
        art[f"source_share_{t}"] = (
            sum(r.source_type == t for r in with_src) / len(with_src) if with_src else math.nan
        )
    names = {(r.resolved_source or r.source).lower() for r in with_src if (r.resolved_source or r.source)}
    art["distinct_sources"] = float(len(names))
    art["direct_quote_share"] = sum(r.kind == "direct" for r in rows) / n if n else math.nan

    table = [r._asdict() for r in rows]
    per_sentence = [0.0] * n_sent
    for r in cued:
        per_sentence[r.sentence] += 1.0
    # every person, organisation and group of the article gets a count, 0 when never given a voice
    # (so that outlet means of times_quoted are right); places only when they are quoted
    actors: dict[str, dict[str, Any]] = {
        m.actor: {"actor": m.actor, "times_quoted": 0, "times_quoted_directly": 0}
        for m in mentions
        if m.kind != "location"
    }
    for r in rows:
        if r.actor:
            a = actors.setdefault(r.actor, {"actor": r.actor, "times_quoted": 0, "times_quoted_directly": 0})
            a["times_quoted"] += 1
            a["times_quoted_directly"] += r.kind == "direct"
    evidence = []
    for r in cued:
        s, e = r.cue_start, r.cue_end
        evidence.append(
            {
                "metric": "attributions_per_100_words",
                "start": s,
                "end": e,
                "text": doc.text[s:e],
                "weight": 1.0,
                "sentence": r.sentence,
                "label": r.source_type or "unsourced",
            }
        )
    return FamilyResult(
        article=art,
        sentences={"sentence_attributions": per_sentence},
        tables={
            "attributions": table,
            "actors": sorted(actors.values(), key=lambda d: d["actor"]),
            "evidence": evidence,
        },
    )
