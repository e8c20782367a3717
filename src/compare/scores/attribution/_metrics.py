"""The attribution family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

import math

from .._base import Metric

__all__ = ["DESCRIPTION", "METRICS", "REFERENCES", "SOURCE_TYPES"]

#: Source types, in report order.
SOURCE_TYPES = ("person", "official", "anonymous", "media", "document", "pronoun")

_REFERENCES = (
    "Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for political news. LREC.",
    "Asr, F. T. et al. (2021). The Gender Gap Tracker. PLOS ONE 16(1): e0245533.",
)


def _m(
    name: str, description: str, *, range_=(0.0, 1.0), headline: bool = False, direction: str = ""
) -> Metric:
    return Metric(
        name=name,
        family="attribution",
        range=range_,
        direction=direction or "higher = more of it",
        description=description,
        references=_REFERENCES,
        headline=headline,
    )


METRICS = (
    _m(
        "attributions_per_100_words",
        "Cue-marked attributions per 100 words (quotation-only rows are listed in the table but "
        "not counted).",
        range_=(0.0, math.inf),
        headline=True,
        direction="higher = more of the text is attributed to sources",
    ),
    _m("attributions_per_sentence", "Cue-marked attributions per sentence.", range_=(0.0, math.inf)),
    _m("attributed_sentence_share", "Share of sentences holding at least one cue-marked attribution."),
    *(
        _m(
            f"source_share_{t}",
            f"Share of attributions with a source whose type is {t!r} (of those with a source).",
        )
        for t in SOURCE_TYPES
    ),
    _m("distinct_sources", "Number of distinct sources (pronouns resolved).", range_=(0.0, math.inf)),
    _m("direct_quote_share", "Share of attributions whose content is a direct quotation."),
    Metric(
        name="sentence_attributions",
        family="attribution",
        level="sentence",
        range=(0.0, math.inf),
        direction="higher = more attributions in the sentence",
        description="Number of cue-marked attributions in the sentence.",
        references=_REFERENCES,
    ),
)


DESCRIPTION = "Who is given voice: attribution cues, sources and their types, direct vs indirect."
REFERENCES: tuple[str, ...] = _REFERENCES
