"""Shared drawing helpers (private): palette, axes, labels, SVG output."""

from __future__ import annotations

import hashlib
import io
import re
from typing import TYPE_CHECKING, Any

from .._optional import require
from .._sanitize import clean_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..results import Results

__all__ = [
    "ACTOR_SENTIMENT_COLUMNS",
    "COVERAGE_COLORS",
    "PALETTE",
    "SOURCE_TYPE_COLORS",
    "plain_label",
    "short_label",
    "stable_color",
    "to_svg",
]

PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

#: Colours of the claim coverage states.
COVERAGE_COLORS: dict[str, str] = {
    "carried": "#4c9a2a",
    "carried_in_part": "#a8d08d",
    "only_here": "#e5a50a",
    "omitted": "#e6e6e6",
}

#: Colours of the attribution source types: the same in every report and figure.
SOURCE_TYPE_COLORS: dict[str, str] = {
    "official": "#1f5fa8",
    "person": "#2ca02c",
    "anonymous": "#7f7f7f",
    "media": "#9467bd",
    "document": "#8c564b",
    "expert": "#17becf",
    "organization": "#e377c2",
    "pronoun": "#c7c7c7",
    "unknown": "#e6e6e6",
}


def stable_color(label: object, fixed: dict[str, str] | None = None) -> str:
    """The colour of a name (a source type, an outlet group): from ``fixed`` if it is there, else
    one of :data:`PALETTE` chosen by a hash of the name, so a name gets the same colour in every
    report whatever the other names are."""
    key = str(label)
    if fixed and key in fixed:
        return fixed[key]
    digest = hashlib.sha1(key.strip().lower().encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


#: Columns of an actors table that hold a sentiment value, in order of preference.
ACTOR_SENTIMENT_COLUMNS = ("target_sentiment", "sentiment_mean", "sentence_compound", "compound_sentiment")


def _pyplot(caller: str) -> Any:
    return require("matplotlib.pyplot", extra="plot", caller=caller)


def _new_axes(ax: Any, caller: str, *, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot(caller)
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plain_label(label: Any) -> str:
    """``label`` as literal text: a ``$`` is escaped, so that no name reaches the mathtext parser
    (``Money $\\frac{1}{$ News`` would otherwise fail to draw, and ``$5 ... $6`` would turn into
    math), and control characters are replaced (they have no glyph, and reach the report's SVG)."""
    return clean_text(str(label), newlines=False).replace("$", r"\$")


def _cut(label: Any, width: int) -> str:
    text = str(label)
    return text if len(text) <= width else text[: width - 1] + "…"


def short_label(label: Any, width: int = 28) -> str:
    """``label`` cut to ``width`` characters, as literal text for matplotlib."""
    return plain_label(_cut(label, width))


def _table(results: Results, name: str) -> pd.DataFrame:
    return results.tables[name]


def _event_filter(df: pd.DataFrame, results: Results, event: str | None) -> pd.DataFrame:
    """Rows of ``df`` that belong to ``event`` (via ``event_id`` or the article ids)."""
    if event is None or df.empty:
        return df
    if "event_id" in df.columns:
        return df[df["event_id"].astype(str) == str(event)]
    articles = _table(results, "articles")
    if "article_id" in df.columns and not articles.empty:
        ids = set(articles.loc[articles["event_id"].astype(str) == str(event), "article_id"])
        return df[df["article_id"].isin(ids)]
    return df


# ----------------------------------------------------------------------------------------------
# SVG export
# ----------------------------------------------------------------------------------------------
_ID_RE = re.compile(r'\bid="([^"]+)"')


def to_svg(fig: Any, *, id_prefix: str | None = None) -> str:
    """Render a matplotlib figure as an SVG string for inlining in HTML.

    The output is deterministic (``svg.hashsalt`` is fixed and the date metadata dropped), has no
    XML prolog or DOCTYPE, keeps text as (escaped, searchable) ``<text>`` elements, and prefixes
    every ``id`` (and every reference to it) so that several figures can share one HTML page.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    id_prefix : str, optional
        Prefix of the element ids; by default derived from a hash of the SVG itself.

    Returns
    -------
    str
        An ``<svg>`` element.
    """
    mpl = require("matplotlib", extra="plot", caller="to_svg")
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "media-compare", "svg.fonttype": "none", "svg.image_inline": True}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    if id_prefix is None:
        id_prefix = "f" + hashlib.sha1(svg.encode("utf-8")).hexdigest()[:8] + "-"
    ids = set(_ID_RE.findall(svg))
    if ids:
        pattern = re.compile(r'(id="|href="#|url\(#)(' + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r')(?=[")])')
        svg = pattern.sub(lambda m: m.group(1) + id_prefix + m.group(2), svg)
    return svg.strip() + "\n"


