"""Word choice: loaded language, and the labels and verbs an outlet attaches to each actor.

Two parts:

**Loaded language.** Every word and phrase gets a *loadedness* weight from a hand-written,
part-of-speech-tagged lexicon (``compare/data/loaded_lexicon_v2.csv``) or its VADER valence, taken
back where the word is not used as a loaded word (names and titles, the other part of speech,
medical and legal phrases) and marked with its *voice*: the outlet's own, or quoted and reported
speech (:mod:`._loaded`). A span of weight >= 0.5 is *loaded*. A sentence's loaded score is the
probability, under a small logistic model over its span counts, that it is loaded: no mean over
words, so a short sentence is not pushed to either end. The settings and the model were chosen
with BABE/MBIC left out (``docs/benchmarks/loaded_language.md``, ``docs/loaded_lexicon.md``).

**Actor labels and actions.** For every actor mention (from :func:`compare.actors.actor_mentions`)
the *descriptors* around it (:func:`actor_labels`, the ``labels`` table): title prefixes with their
epithets ("illegitimate Russian President"), pre-name descriptors ("Putin's aide"), appositives
("Medinsky — a former culture minister —", "X, the Y of Z,"), nominal mentions ("the Russian
leader"), noun predicates ("is a former minister"), unnamed groups ("junior officials"); and,
apart, its *actions* (:func:`actor_actions`, the ``actions`` table): the verb the actor governs as
subject ("Putin has dispatched" -> "dispatched"), found by the token pattern
``actor [aux|adverb]* VERB``, and adjectives after a copula ("will be brave enough").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...text import as_document
from .._base import FamilyResult, empty_result
from . import _loaded
from ._lexicon import ASSERTIVES, HEDGES, word_info
from ._loaded_lexicon import LOADED_THRESHOLD as _LOADED_THRESHOLD
from ._metrics import METRICS as _METRICS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ...model import Article
    from ...text import Document
    from ._labels import LabelRules

__all__ = [
    "ACTION_COLUMNS",
    "LABEL_COLUMNS",
    "LOADED_THRESHOLD",
    "actor_actions",
    "actor_labels",
    "label_table",
    "loaded_language",
    "score",
]

#: a span whose weight reaches this is counted as loaded
LOADED_THRESHOLD = _LOADED_THRESHOLD


def _hedges_and_assertives(doc: Document) -> tuple[list[int], list[int]]:
    """Token indices of hedges ("may", "reportedly") and assertives ("clearly", "in fact")."""
    hedges, assertives = [], []
    for i, (kind, low) in enumerate(zip(doc.token_kinds, doc.token_lowers, strict=True)):
        if kind != "word":
            continue
        if low in HEDGES:
            hedges.append(i)
        elif low in ASSERTIVES:
            assertives.append(i)
    return hedges, assertives


def loaded_language(text_or_doc: str | Document) -> pd.DataFrame:
    """Loaded words with their offsets and voice, and the loaded score of every sentence.

    Parameters
    ----------
    text_or_doc : str or Document
        Article text, or a Document from :func:`compare.text.analyze_text`.

    Returns
    -------
    pandas.DataFrame
        One row per sentence (``level="sentence"``, ``weight`` = the sentence's loaded score, the
        probability that it is loaded, in (0, 1); NaN for a sentence without words) followed by
        its loaded words and phrases (``level="word"``, ``weight`` in [0.5, 1]). Columns:
        ``level, sentence, start, end, text, weight, category, voice``. ``category`` is the
        lexicon category (e.g. ``"pejorative_label"``) or ``"vader"``; ``voice`` is ``"own"`` (the
        outlet's words) or ``"quoted"`` (inside quotation marks, or reported speech). Offsets
        point into the text: ``text[start:end]``.

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Document.

    See Also
    --------
    actor_labels : Labels attached to actors.

    References
    ----------
    Recasens, Danescu-Niculescu-Mizil & Jurafsky (2013), ACL; Spinde et al. (2021), Findings of
    EMNLP (BABE); Hutto & Gilbert (2014), ICWSM (VADER).

    Examples
    --------
    >>> df = loaded_language("Putin continues to press for Ukraine's capitulation.")
    >>> df.loc[df.level == "word", "text"].tolist()
    ['capitulation']
    """
    import pandas as pd

    doc = as_document(text_or_doc, name="text_or_doc", caller="loaded_language")
    spans, scores = _loaded.analyse(doc)
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for sp in spans:
        if sp.weight >= LOADED_THRESHOLD:
            by_sentence.setdefault(sp.sentence, []).append(
                {
                    "level": "word",
                    "sentence": sp.sentence,
                    "start": sp.start,
                    "end": sp.end,
                    "text": sp.text,
                    "weight": sp.weight,
                    "category": sp.category,
                    "voice": sp.voice,
                }
            )
    rows: list[dict[str, Any]] = []
    for k, s in enumerate(doc.sentences):
        rows.append(
            {
                "level": "sentence",
                "sentence": k,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "weight": scores[k],
                "category": "",
                "voice": "",
            }
        )
        rows.extend(by_sentence.get(k, ()))
    columns = ["level", "sentence", "start", "end", "text", "weight", "category", "voice"]
    df = pd.DataFrame(rows, columns=columns)
    return df.astype({"sentence": "int64", "start": "int64", "end": "int64", "weight": "float64"})


def _label_rows(
    doc: Document, mentions: Sequence[Any], *, rules: LabelRules | None = None
) -> list[dict[str, Any]]:
    """Descriptor and action rows of a Document, in text order (see :func:`._labels.extract_labels`)."""
    from ._labels import DEFAULT_RULES, extract_labels, group_descriptors

    rows = extract_labels(doc, mentions, rules=rules or DEFAULT_RULES)
    covered: set[int] = set()
    if mentions:
        import bisect

        starts = doc.token_starts
        for m in mentions:
            i0 = bisect.bisect_left(starts, m.start)
            i1 = bisect.bisect_left(starts, m.end)
            covered.update(range(i0, i1))
    taken = {(r["start"], r["end"]) for r in rows}
    spans = [(r["start"], r["end"]) for r in rows]
    for r in group_descriptors(doc, covered):
        if (r["start"], r["end"]) in taken or any(s <= r["start"] and r["end"] <= e for s, e in spans):
            continue
        rows.append({**r, "group": True})
    for r in rows:
        r["weight"] = max((word_info(w.lower())[0] for w in r["label"].split()), default=0.0)
    rows.sort(key=lambda r: (r["start"], r["end"], r["actor"]))
    return rows


#: columns of :func:`actor_labels` (the ``labels`` table, without ``article_id`` and ``outlet``)
LABEL_COLUMNS = ("actor", "label", "kind", "sentence", "start", "end", "weight", "in_quote")
#: columns of :func:`actor_actions` (the ``actions`` table, without ``article_id`` and ``outlet``)
ACTION_COLUMNS = ("actor", "text", "kind", "sentence", "start", "end", "negated", "in_quote", "weight")


def _split_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Label rows and action rows, each with its table's columns."""
    from ._labels import ACTION_KINDS

    labels, actions = [], []
    for r in rows:
        if r["kind"] in ACTION_KINDS:
            actions.append({c: (r["label"] if c == "text" else r[c]) for c in ACTION_COLUMNS})
        else:
            labels.append({c: r[c] for c in LABEL_COLUMNS})
    return labels, actions


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(columns))
    types = {"sentence": "int64", "start": "int64", "end": "int64", "weight": "float64", "in_quote": "bool"}
    if "negated" in columns:
        types["negated"] = "bool"
    return df.astype(types)


def _doc_and_mentions(
    text_or_doc: str | Document, mentions: Sequence[Any] | None, aliases: Mapping[str, Any] | None, caller: str
) -> tuple[Document, Sequence[Any]]:
    doc = as_document(text_or_doc, name="text_or_doc", caller=caller)
    if mentions is None:
        from ...actors import actor_mentions

        mentions = actor_mentions(doc, aliases=aliases)
    return doc, mentions


def actor_labels(
    text_or_doc: str | Document,
    *,
    aliases: Mapping[str, Any] | None = None,
    mentions: Sequence[Any] | None = None,
    rules: LabelRules | None = None,
) -> pd.DataFrame:
    """The descriptors an article attaches to each actor: noun phrases that describe it.

    Verbs and adjectives said of an actor are not descriptors: they are in :func:`actor_actions`.

    Parameters
    ----------
    text_or_doc : str or Document
        Article text, or a Document from :func:`compare.text.analyze_text`.
    aliases : mapping, optional
        Passed to :func:`compare.actors.actor_mentions` (alias -> canonical actor).
    mentions : sequence of Mention, optional
        The Document's actor mentions, if already found (``aliases`` is then unused).
    rules : LabelRules, optional
        Switches of the descriptor rules (default :data:`DEFAULT_RULES`, chosen by
        leave-one-event-out on NewsWCL50).

    Returns
    -------
    pandas.DataFrame
        Columns ``actor, label, kind, sentence, start, end, weight, in_quote``; ``label`` is
        ``text[start:end]``. ``kind``:

        - ``"title"``: a capitalised title before a name ("Russian President"; honorifics such as
          "Mr." are not labels);
        - ``"descriptor"``: a pre-name phrase with a lower-case word ("Putin's aide",
          "illegitimate Russian President", "Trump envoy"), a nominal mention resolved to the actor
          ("the Russian leader"), or an unnamed group ("junior officials", whose actor is then its
          head noun, ``"officials"``);
        - ``"appositive"``: "Medinsky — a former culture minister —", "its leader, Kim Jong-un";
        - ``"predicative"``: a noun phrase after a copula ("Medinsky is a former culture minister").

        ``weight`` is the largest loaded-language weight of the label's words (0 = neutral);
        ``in_quote`` tells whether the label stands inside a quotation (a source's words).

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Document.

    See Also
    --------
    actor_actions : The verbs and adjectives said of each actor.
    label_table : Pivot labels from several articles to actor x outlet.
    naming_table : Names, spellings and descriptors per referent and outlet, with shares.

    Examples
    --------
    >>> df = actor_labels("Illegitimate Russian President Vladimir Putin has dispatched a team of junior officials.")
    >>> sorted(df.loc[df.actor.str.contains("Putin"), "label"])
    ['Illegitimate Russian President']
    """
    doc, mentions = _doc_and_mentions(text_or_doc, mentions, aliases, "actor_labels")
    labels, _ = _split_rows(_label_rows(doc, mentions, rules=rules))
    return _frame(labels, LABEL_COLUMNS)


def actor_actions(
    text_or_doc: str | Document,
    *,
    aliases: Mapping[str, Any] | None = None,
    mentions: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """What an article lets each actor do, and the adjectives it says of it.

    Parameters
    ----------
    text_or_doc : str or Document
        Article text, or a Document from :func:`compare.text.analyze_text`.
    aliases : mapping, optional
        Passed to :func:`compare.actors.actor_mentions` (alias -> canonical actor).
    mentions : sequence of Mention, optional
        The Document's actor mentions, if already found (``aliases`` is then unused).

    Returns
    -------
    pandas.DataFrame
        Columns ``actor, text, kind, sentence, start, end, negated, in_quote, weight``; ``text``
        is ``text[start:end]``. ``kind`` is ``"verb"`` (the verb the actor governs as subject,
        found by the pattern ``actor [aux|adverb]* VERB``, with a particle if any: "dispatched",
        "lashed out"; reporting verbs such as "said" included) or ``"adjective"`` (an adjective
        phrase after a copula: "will be brave enough", "was furious"). ``negated``: a negation
        stands between the actor and the words ("has not ignored"); ``in_quote``: the words stand
        inside a quotation; ``weight``: largest loaded-language weight of the words.

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Document.

    See Also
    --------
    actor_labels : The noun phrases that describe each actor.

    Notes
    -----
    Patterns on the Document's tokens, without a tagger: a verb is a word after the actor (and
    any auxiliaries or adverbs) that ends in "-ed" or "-s" or is a known irregular past form, or
    any word after an auxiliary. Against NewsWCL50's verbal property codes the precision is low,
    as its coders marked only framing-relevant actions (see ``docs/benchmarks/wordchoice.md``).

    Examples
    --------
    >>> df = actor_actions("Russian President Vladimir Putin has dispatched a team of junior officials.")
    >>> df[["actor", "text", "kind"]].values.tolist()
    [['Vladimir Putin', 'dispatched', 'verb']]
    """
    doc, mentions = _doc_and_mentions(text_or_doc, mentions, aliases, "actor_actions")
    _, actions = _split_rows([r for r in _label_rows(doc, mentions) if not r.get("group")])
    return _frame(actions, ACTION_COLUMNS)


def _merge_surnames(actors: pd.Series) -> pd.Series:
    """Map a one-word actor ("Trump") to the only multi-word actor ending in it ("Donald Trump")."""
    names = set(actors.dropna().astype(str))
    full: dict[str, set[str]] = {}
    for n in names:
        parts = n.split()
        if len(parts) > 1:
            full.setdefault(parts[-1], set()).add(n)
    mapping = {n: next(iter(full[n])) for n in names if " " not in n and len(full.get(n, ())) == 1}
    return actors.map(lambda a: mapping.get(a, a))


def label_table(
    labels: pd.DataFrame,
    *,
    kinds: tuple[str, ...] | None = None,
    min_count: int = 1,
    merge_surnames: bool = True,
) -> pd.DataFrame:
    """Pivot label rows from several articles to one actor x outlet table.

    Parameters
    ----------
    labels : pandas.DataFrame
        The ``labels`` table of a run (columns ``actor, label, kind, outlet``; ``article_id`` is
        used if present), or the concatenated output of :func:`actor_labels` with an ``outlet``
        column added.
    kinds : tuple of str, optional
        Keep only these kinds (``"title"``, ``"descriptor"``, ``"appositive"``, ``"predicative"``;
        ``"verb"`` and ``"adjective"`` for tables saved before verbs moved to ``actions``).
    min_count : int
        Keep labels used at least this many times by an outlet for an actor.
    merge_surnames : bool
        Actors are resolved per article; with True, a one-word actor ("Trump") is merged into
        the only multi-word actor of the table that ends with it ("Donald Trump").

    Returns
    -------
    pandas.DataFrame
        Index: actor; columns: outlets (sorted); cells: the outlet's labels for the actor, most
        frequent first, as ``"label (n)"`` joined with ``"; "``; empty string where none.

    Raises
    ------
    compare.exceptions.SchemaError
        If a required column is missing.
    compare.exceptions.InvalidInputError
        If ``min_count`` < 1 or ``kinds`` names an unknown kind.
    """
    import pandas as pd

    from ..._validation import check_columns
    from ...exceptions import InvalidInputError

    check_columns(labels, ["actor", "label", "kind", "outlet"], caller="label_table")
    if not isinstance(min_count, int) or min_count < 1:
        msg = f"The 'min_count' parameter of label_table must be an int >= 1. Got {min_count!r} instead."
        raise InvalidInputError(msg)
    from ._labels import ACTION_KINDS, DESCRIPTOR_KINDS

    known = (*DESCRIPTOR_KINDS, *ACTION_KINDS)
    if kinds is not None:
        bad = [k for k in kinds if k not in known]
        if bad:
            msg = f"The 'kinds' parameter of label_table must contain only {list(known)!r}. Got {bad!r} instead."
            raise InvalidInputError(msg)
        labels = labels[labels["kind"].isin(list(kinds))]
    df = labels.assign(label_norm=labels["label"].astype(str).str.strip())
    if merge_surnames:
        df = df.assign(actor=_merge_surnames(df["actor"]))
    counts = df.groupby(["actor", "outlet", "label_norm"], sort=True).size().rename("n").reset_index()
    counts = counts[counts["n"] >= min_count]
    counts = counts.sort_values(["actor", "outlet", "n", "label_norm"], ascending=[True, True, False, True])
    cells = (
        counts.assign(cell=counts["label_norm"] + " (" + counts["n"].astype(str) + ")")
        .groupby(["actor", "outlet"], sort=True)["cell"]
        .agg("; ".join)
    )
    table = cells.unstack("outlet")
    if table.empty:
        return pd.DataFrame(index=pd.Index([], name="actor"))
    table = table.reindex(columns=sorted(table.columns)).fillna("")
    table.columns.name = "outlet"
    return table


def _actor_rows(label_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per actor named in the text: distinct descriptors and verbs, in order of first use."""
    from ._labels import ACTION_KINDS

    per: dict[str, dict[str, list[str]]] = {}
    for r in label_rows:
        if r.get("group"):
            continue
        d = per.setdefault(r["actor"], {"labels": [], "verbs": []})
        bucket = d["verbs"] if r["kind"] in ACTION_KINDS else d["labels"]
        if r["label"] not in bucket:
            bucket.append(r["label"])
    return [
        {"actor": a, "labels": "; ".join(d["labels"]), "verbs": "; ".join(d["verbs"])} for a, d in per.items()
    ]


def score(
    doc: Document,
    *,
    article: Article | None = None,
    mentions: Sequence[Any] | None = None,
    options: Mapping[str, Any] | None = None,
) -> FamilyResult:
    """Score one Document: loaded-language metrics, sentence scores, evidence and actor labels.

    Parameters
    ----------
    doc : Document
        The analysed article text.
    article : Article, optional
        Unused (metadata is added by the pipeline).
    options : mapping, optional
        ``labels`` (bool, default True): also extract the ``labels`` and ``actions`` tables;
        ``aliases``: passed to the actor finder.

    Returns
    -------
    FamilyResult
        Article metrics (NaN for text without words), the sentence metric ``loaded_score``, and
        the tables ``evidence`` (metric, sentence, start, end, text, weight, label), ``terms`` (the
        contested terms the article uses, see :func:`find_terms`), ``labels``
        (descriptors, see :func:`actor_labels`), ``actions`` (verbs and adjectives, see
        :func:`actor_actions`) and ``actors`` (``actor, labels, verbs``: the distinct descriptors
        and the distinct actions of each named actor, joined with ``"; "``; unnamed groups such as
        "junior officials" appear in ``labels`` only).
    """
    del article  # the family needs only the text
    options = options or {}
    if not doc.sentences or doc.n_words == 0:
        result = empty_result(_METRICS)
        if doc.sentences:
            result.sentences["loaded_score"] = [math.nan] * len(doc.sentences)
        return result
    spans, scores = _loaded.analyse(doc)
    n = doc.n_words
    tokens = doc.tokens
    hedges, assertives = _hedges_and_assertives(doc)
    article_metrics = {
        **_loaded._article_metrics(doc, spans, scores),
        "hedge_density": 100.0 * len(hedges) / n,
        "assertive_density": 100.0 * len(assertives) / n,
    }
    evidence = [
        {
            "metric": "loaded_words_per_100_words",
            "sentence": sp.sentence,
            "start": sp.start,
            "end": sp.end,
            "text": sp.text,
            "weight": sp.weight,
            "label": sp.category,
            "voice": sp.voice,
        }
        for sp in spans
        if sp.weight >= LOADED_THRESHOLD
    ]
    for metric, idx in (("hedge_density", hedges), ("assertive_density", assertives)):
        for i in idx:
            t = tokens[i]
            evidence.append(
                {
                    "metric": metric,
                    "sentence": t.sentence,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "weight": 1.0,
                    "label": metric.split("_")[0],
                }
            )
    from ._naming import document_terms

    tables: dict[str, list[dict[str, Any]]] = {"evidence": evidence, "terms": document_terms(doc)}
    if options.get("labels", True):
        if mentions is None:
            from ...actors import actor_mentions

            mentions = actor_mentions(doc, aliases=options.get("aliases"))
        label_rows = _label_rows(doc, mentions)
        tables["labels"], tables["actions"] = _split_rows(label_rows)
        tables["actors"] = _actor_rows(label_rows)
    return FamilyResult(article=article_metrics, sentences={"loaded_score": list(scores)}, tables=tables)
