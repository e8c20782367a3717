"""The report's first section (private): what differs most, in words, with links to the evidence.

For a story (event): the measures on which its outlets differ most, ranked by the difference
between the highest and the lowest outlet in units of the corpus-wide spread between articles
(so that a sentiment score and a count per 100 words can be ranked together); each sentence names
the outlets, the measure (display name and unit), both values with their intervals where the
run's ``profiles`` table has them, the tested difference where the ``comparisons`` table has one,
and links to the articles behind the values. Where no test is possible it says so in words.

For the overview: the tested differences across stories (or, where none could be tested, the
sentence saying so and the largest untested ones), one line per story linking to its report, and
a forest plot of the outlet (and group) profiles with their intervals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._data import Block, Section, SummaryBlock, TextBlock
from ._format import format_number, format_pvalue

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results

__all__: list[str] = []

#: Measures ranked for the story summaries: the headline metrics, shown by display name.
_MAX_LINES = 3
#: Outlets shown in one forest plot (the others are named in a note).
MAX_FOREST_ROWS = 30
#: The forest plot's measures, in order of preference.
_FOREST_METRICS = ("compound_sentiment", "loaded_words_per_100_words", "attributions_per_100_words")

TOO_LITTLE = "too little shared coverage to test"


def _cssid(value: Any) -> str:
    """The id the renderer gives an article (same rule as ``render._cssid``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-") or "x"


def display_name(metric: str) -> str:
    """``Label (unit)`` of a metric from the registry; the name with spaces if it is not there."""
    from ..scores import SCORERS

    spec = SCORERS.get(metric)
    return spec.display if spec is not None else metric.replace("_", " ")


def short_name(metric: str) -> str:
    from ..scores import SCORERS

    spec = SCORERS.get(metric)
    return spec.label if spec is not None else metric.replace("_", " ")


def unit_of(metric: str) -> str:
    from ..scores import SCORERS

    spec = SCORERS.get(metric)
    return spec.unit if spec is not None else ""


def _value(x: float, lo: float = math.nan, hi: float = math.nan) -> str:
    text = format_number(x)
    if not (math.isnan(lo) or math.isnan(hi)):
        text += f" [{format_number(lo)}, {format_number(hi)}]"
    return text


def _spread(all_articles: pd.DataFrame, metric: str) -> float:
    if metric not in all_articles.columns:
        return math.nan
    sd = float(pd.to_numeric(all_articles[metric], errors="coerce").std())
    return sd if sd > 0 else math.nan


def _pair_comparison(comparisons: pd.DataFrame, metric: str, a: str, b: str) -> pd.Series | None:
    if comparisons.empty or not {"metric", "group_a", "group_b"} <= set(comparisons.columns):
        return None
    part = (
        comparisons[(comparisons["metric"] == metric) & (comparisons["by"] == "outlet")]
        if "by" in comparisons.columns
        else comparisons[comparisons["metric"] == metric]
    )
    hit = part[
        ((part["group_a"] == a) & (part["group_b"] == b)) | ((part["group_a"] == b) & (part["group_b"] == a))
    ]
    return None if hit.empty else hit.iloc[0]


def story_lines(
    articles: pd.DataFrame,
    all_articles: pd.DataFrame,
    profiles: pd.DataFrame,
    comparisons: pd.DataFrame,
    citations: pd.DataFrame,
    *,
    href: str = "",
    max_lines: int = _MAX_LINES,
    link: bool = True,
    groups: Sequence[str] = (),
) -> list[tuple[tuple[str, str], ...]]:
    """Summary sentences of one story, each a tuple of ``(text, link)`` parts (link ``""``: none).

    ``articles`` are the story's rows of ``Results.articles``; ``profiles`` its outlet profiles
    (scope = the story); ``comparisons`` the corpus-wide comparisons (scope ``all``), used for the
    test of a pair across the stories it shares; ``href`` is prefixed to article anchors (the
    story report's file name in the overview, ``""`` inside the story report).
    """
    from ..scores import headline_metrics

    lines: list[tuple[tuple[str, str], ...]] = []
    if articles.empty or "outlet" not in articles.columns:
        return [((f"No article: {TOO_LITTLE}.", ""),)]
    outlets = sorted({str(o) for o in articles["outlet"].dropna()}, key=str)
    missing = _missing_outlets(citations, articles)
    if len(outlets) < 2:
        only = outlets[0] if outlets else "one outlet"
        lines.append(
            ((f"Only {only} covered this story in the corpus: nothing to compare, {TOO_LITTLE}.", ""),)
        )
        lines.extend(((text, ""),) for text in _missing_lines(missing))
        return lines
    metrics = headline_metrics(articles)
    ranked = []
    for metric in metrics:
        rows = _story_means(articles, profiles, metric)
        if len(rows) < 2:
            continue
        hi_row, lo_row = rows.iloc[rows["mean"].argmax()], rows.iloc[rows["mean"].argmin()]
        diff = float(hi_row["mean"] - lo_row["mean"])
        sd = _spread(all_articles, metric)
        if not diff > 0 or math.isnan(sd):
            continue
        ranked.append((diff / sd, metric, hi_row, lo_row, diff))
    ranked.sort(key=lambda t: (-t[0], t[1]))
    per_outlet = articles.groupby("outlet")["article_id"].nunique()
    single = bool((per_outlet <= 1).all())
    for size, metric, hi_row, lo_row, diff in ranked[:max_lines]:
        a, b = str(hi_row["outlet"]), str(lo_row["outlet"])
        parts: list[tuple[str, str]] = [
            (f"{short_name(metric)}", ""),
            (f" ({unit_of(metric)}): " if unit_of(metric) else ": ", ""),
            (
                f"{a} {_value(hi_row['mean'], hi_row['ci_low'], hi_row['ci_high'])}",
                _article_link(articles, a, metric, "max", href) if link else "",
            ),
            (" vs ", ""),
            (
                f"{b} {_value(lo_row['mean'], lo_row['ci_low'], lo_row['ci_high'])}",
                _article_link(articles, b, metric, "min", href) if link else "",
            ),
            (
                f", a difference of {format_number(diff)} ({format_number(size, 1)} × the standard deviation between articles in the corpus)",
                "",
            ),
        ]
        test = _pair_comparison(comparisons, metric, a, b)
        if test is not None and str(test.get("status")) == "tested" and not pd.isna(test.get("p_adjusted")):
            sign = 1.0 if str(test["group_a"]) == a else -1.0
            lo, hi = sorted((sign * float(test["ci_low"]), sign * float(test["ci_high"])))
            parts.append(
                (
                    (
                        f"; across the {int(test['n_stories'])} stories they share: {format_number(sign * float(test['diff']))} "
                        f"[{format_number(lo)}, {format_number(hi)}], p (Holm) {format_pvalue(test['p_adjusted'])}."
                    ),
                    "",
                )
            )
        else:
            parts.append((".", ""))
        lines.append(tuple(parts))
    if not ranked:
        lines.append(
            (
                (
                    f"The outlets' headline measures do not differ here, or cannot be computed: {TOO_LITTLE}.",
                    "",
                ),
            )
        )
    for by in groups:
        line = _group_line(articles, all_articles, metrics, by)
        if line:
            lines.append(line)
    if single:
        lines.append(
            (
                (
                    (
                        f"Each outlet has one article on this story, so these are differences between single articles: "
                        f"{TOO_LITTLE} within the story."
                    ),
                    "",
                ),
            )
        )
    lines.extend(((text, ""),) for text in _missing_lines(missing))
    return lines


def _group_line(
    articles: pd.DataFrame, all_articles: pd.DataFrame, metrics: Sequence[str], by: str
) -> tuple[tuple[str, str], ...]:
    """The largest difference between two groups (of column ``by``) within a story, as a sentence;
    plain means of the groups' articles (no interval: within one story the groups are few articles)."""
    if by not in articles.columns:
        return ()
    part = articles[articles[by].notna()]
    if part[by].nunique() < 2:
        return ()
    best = None
    for metric in metrics:
        if metric not in part.columns:
            continue
        means = part.groupby(by)[metric].mean().dropna()
        sd = _spread(all_articles, metric)
        if len(means) < 2 or math.isnan(sd):
            continue
        diff = float(means.max() - means.min())
        if diff > 0 and (best is None or diff / sd > best[0]):
            best = (
                diff / sd,
                metric,
                str(means.idxmax()),
                float(means.max()),
                str(means.idxmin()),
                float(means.min()),
                diff,
            )
    if best is None:
        return ()
    size, metric, hi, hi_v, lo, lo_v, diff = best
    n = part.groupby(by)["outlet"].nunique()
    unit = f" ({unit_of(metric)})" if unit_of(metric) else ""
    return (
        (
            (
                f"By {by}: {short_name(metric)}{unit}: {hi} {format_number(hi_v)} ({_n_outlets(int(n[hi]))}) vs {lo} "
                f"{format_number(lo_v)} ({_n_outlets(int(n[lo]))}), a difference of {format_number(diff)} "
                f"({format_number(size, 1)} × the standard deviation between articles in the corpus; plain means of the "
                f"groups' articles on this story, not tested)."
            ),
            "",
        ),
    )


def _n_outlets(n: int) -> str:
    return f"{n} outlet" if n == 1 else f"{n} outlets"


def _story_means(articles: pd.DataFrame, profiles: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Outlet means of one metric in a story: from the run's profiles, else from the articles."""
    if not profiles.empty and {"by", "metric", "group", "mean"} <= set(profiles.columns):
        part = profiles[(profiles["by"] == "outlet") & (profiles["metric"] == metric)].dropna(subset=["mean"])
        if len(part):
            return (
                pd.DataFrame(
                    {
                        "outlet": part["group"].astype(str).to_numpy(),
                        "mean": part["mean"].astype(float).to_numpy(),
                        "ci_low": part["ci_low"].astype(float).to_numpy() if "ci_low" in part else math.nan,
                        "ci_high": part["ci_high"].astype(float).to_numpy()
                        if "ci_high" in part
                        else math.nan,
                    }
                )
                .sort_values("outlet", kind="mergesort")
                .reset_index(drop=True)
            )
    if metric not in articles.columns:
        return pd.DataFrame(columns=["outlet", "mean", "ci_low", "ci_high"])
    means = articles.groupby("outlet")[metric].mean().dropna()
    return (
        pd.DataFrame(
            {
                "outlet": means.index.astype(str),
                "mean": means.to_numpy(dtype=float),
                "ci_low": math.nan,
                "ci_high": math.nan,
            }
        )
        .sort_values("outlet", kind="mergesort")
        .reset_index(drop=True)
    )


def _article_link(articles: pd.DataFrame, outlet: str, metric: str, which: str, href: str) -> str:
    part = articles[articles["outlet"].astype(str) == outlet]
    if part.empty:
        return ""
    if metric in part.columns and part[metric].notna().any():
        values = part[metric].astype(float)
        aid = part.loc[values.idxmax() if which == "max" else values.idxmin(), "article_id"]
    else:
        aid = part["article_id"].iloc[0]
    return f"{href}#article-{_cssid(aid)}"


def _missing_outlets(citations: pd.DataFrame, articles: pd.DataFrame) -> list[tuple[str, str]]:
    """(citing outlet, cited outlet) where the cited outlet has no article on this story."""
    if citations.empty or not {"outlet", "cited_outlet", "article_id"} <= set(citations.columns):
        return []
    ids = set(articles["article_id"].astype(str))
    part = citations[citations["article_id"].astype(str).isin(ids)]
    if "relation" in part.columns:
        part = part[part["relation"].astype(str) != "self"]
    present = {str(o).casefold() for o in articles["outlet"].dropna()}
    found: dict[tuple[str, str], None] = {}
    for outlet, cited in zip(part["outlet"].astype(str), part["cited_outlet"].astype(str), strict=True):
        if (
            cited.casefold() not in present
            and cited.casefold() != outlet.casefold()
            and cited not in {"nan", "None", ""}
        ):
            found[(outlet, cited)] = None
    return sorted(found)


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------
def answer_section(
    results: Results,
    event: str | None,
    articles: pd.DataFrame,
    *,
    links: Mapping[str, str] | None = None,
) -> Section | None:
    """The first section of a report: what differs most (see the module docstring)."""
    from ._sections import _in_scope, _table, event_ids

    all_articles = _table(results, "articles")
    if all_articles.empty or "outlet" not in all_articles.columns:
        return None
    comparisons_all = _in_scope(results.comparisons, None)
    citations = _table(results, "citations")
    if event is not None:
        from ._sections import group_columns, with_groups

        groups = group_columns(results)
        lines = story_lines(
            with_groups(results, articles) if groups else articles,
            all_articles,
            _in_scope(results.profiles, event),
            comparisons_all,
            citations,
            groups=groups,
        )
        intro = TextBlock(
            (
                (
                    "The measures on which this story's outlets differ most (highest vs lowest outlet; "
                    "names link to the article behind the value; 95% intervals in brackets where an outlet has "
                    "more than one article)."
                ),
            )
        )
        return Section("answer", "What differs most", (intro, SummaryBlock(tuple(lines))))
    blocks: list[Block] = [*_corpus_answer(comparisons_all)]
    story_items = []
    for ev in event_ids(results):
        part = all_articles[all_articles["event_id"].astype(str) == ev]
        href = (links or {}).get(ev, "")
        first = story_lines(
            part,
            all_articles,
            _in_scope(results.profiles, ev),
            comparisons_all,
            citations,
            href=href,
            max_lines=1,
            link=bool(href),
        )
        head: tuple[tuple[str, str], ...] = ((f"{ev}", f"{href}#answer" if href else ""), (": ", ""))
        story_items.append(head + first[0])
    if story_items:
        blocks.append(
            TextBlock(("Each story's largest difference (its report has the next ones and the evidence):",))
        )
        blocks.append(SummaryBlock(tuple(story_items)))
    blocks += _forest_blocks(results.profiles)
    return Section("answer", "What differs most", tuple(blocks))


def _corpus_answer(comparisons: pd.DataFrame) -> list[Block]:
    if comparisons.empty or "status" not in comparisons.columns:
        return [TextBlock((f"No outlet comparison in these results: {TOO_LITTLE}.",))]
    tested = comparisons[(comparisons["status"] == "tested") & comparisons["p_adjusted"].notna()]
    items: list[tuple[tuple[str, str], ...]] = []
    if tested.empty:
        pairs = comparisons[["by", "group_a", "group_b"]].drop_duplicates()
        text = (
            f"Across stories: {TOO_LITTLE}. None of the {len(pairs)} pairs of outlets or groups shares enough "
            "stories for a test (a test over shared stories needs at least 6 to reach p < 0.05), so the "
            "differences below are descriptions, not tested findings."
        )
        return [TextBlock((text,))]
    order = tested.assign(
        _abs=tested["std_diff"].abs() if "std_diff" in tested.columns else tested["diff"].abs()
    )
    order = order.sort_values(
        ["p_adjusted", "_abs", "metric", "group_a", "group_b"],
        ascending=[True, False, True, True, True],
        kind="mergesort",
    )
    for r in order.head(5).itertuples(index=False):
        word = "higher" if r.diff > 0 else "lower"
        who = "" if str(r.by) == "outlet" else f" ({r.by})"
        verdict = "significant at 0.05" if r.p_adjusted < 0.05 else "not significant at 0.05"
        unit = f" ({unit_of(r.metric)})" if unit_of(r.metric) else ""
        items.append(
            (
                (
                    (
                        f"{short_name(r.metric)}{unit}: {r.group_a}{who} is {format_number(abs(r.diff))} {word} than {r.group_b} "
                        f"({_interval_words(r.ci_low, r.ci_high)}; "
                        f"{_count(int(r.n_stories), 'shared story', 'shared stories')}; "
                        f"p (Holm) {format_pvalue(r.p_adjusted)}, {verdict}) "
                    ),
                    "",
                ),
                ("table", "#differences"),
            )
        )
    n_untested = int((comparisons["status"] != "tested").sum())
    text = "The largest tested differences across stories (smallest adjusted p first):"
    blocks: list[Block] = [TextBlock((text,)), SummaryBlock(tuple(items))]
    if n_untested:
        blocks.append(
            TextBlock((f"{_count(n_untested, 'other comparison', 'other comparisons')}: {TOO_LITTLE}.",))
        )
    return blocks


def _forest_blocks(profiles: pd.DataFrame) -> list[Block]:
    """Forest plots of the corpus-wide profiles: one per grouping (outlet, then each group column)."""
    from ._sections import _figure, _in_scope

    prof = _in_scope(profiles, None)
    if prof.empty or not {"by", "group", "metric", "ci_low", "ci_high"} <= set(prof.columns):
        return []
    metrics = [m for m in _FOREST_METRICS if (prof["metric"] == m).any()]
    if not metrics:
        metrics = list(dict.fromkeys(prof["metric"].astype(str)))[:3]
    blocks: list[Block] = []
    for by in sorted(set(prof["by"].astype(str)), key=lambda b: (b == "outlet", b)):
        rows = prof[(prof["by"] == by) & prof["metric"].isin(metrics)]
        what = "outlet" if by == "outlet" else f"group ({by})"
        if "status" in rows.columns:
            rows = rows[rows["status"].astype(str) == "estimated"]
        if rows.empty:
            blocks.append(
                TextBlock(
                    (
                        (
                            f"No profile by {what} with an interval: each covers too few stories that others "
                            f"also covered ({TOO_LITTLE})."
                        ),
                    )
                )
            )
            continue
        mean_col = "adjusted_mean" if "adjusted_mean" in rows.columns else "mean"
        sizes = (
            rows.groupby("group")["n_articles"].max()
            if "n_articles" in rows.columns
            else rows.groupby("group").size()
        )
        order = sorted(sizes.index.astype(str), key=lambda g: (-int(sizes[g]), g))
        shown = sorted(order[:MAX_FOREST_ROWS], key=str)
        rows = rows[rows["group"].astype(str).isin(shown)]
        fig = _figure(
            lambda axes, rows=rows, shown=shown, mean_col=mean_col, by=by: _draw_forest(
                axes, rows, shown, metrics, mean_col, by
            ),
            size=(2.1 * len(metrics) + 1.5, 0.2 * len(shown) + 1.2),
            id_prefix=f"forest-{_cssid(by)}-",
            grid=(1, len(metrics)),
            caption=f"Profile by {what}: the mean adjusted for the stories covered (dot) with its 95% interval "
            "(line); a hollow dot has no interval (one story).",
        )
        if fig is not None:
            blocks.append(fig)
        if len(order) > MAX_FOREST_ROWS:
            blocks.append(
                TextBlock(
                    (
                        (
                            f"The plot shows the {MAX_FOREST_ROWS} {what}s with the most articles; "
                            f"{len(order) - MAX_FOREST_ROWS} more are in the table “Headline measures by outlet”."
                        ),
                    )
                )
            )
    return blocks


def _draw_forest(
    axes: Any, rows: pd.DataFrame, shown: Sequence[str], metrics: Sequence[str], mean_col: str, by: str
) -> None:
    import numpy as np

    from ..plotting import stable_color
    from ..plotting._base import plain_label, short_label

    ypos = {g: i for i, g in enumerate(shown)}
    panels = np.asarray(axes, dtype=object).ravel()
    for k, (ax, metric) in enumerate(zip(panels, metrics, strict=False)):
        part = rows[rows["metric"] == metric]
        y = np.array([ypos[str(g)] for g in part["group"]], dtype=float)
        mean = part[mean_col].to_numpy(dtype="float64")
        lo, hi = part["ci_low"].to_numpy(dtype="float64"), part["ci_high"].to_numpy(dtype="float64")
        colors = [stable_color(g) if by != "outlet" else "#1f5fa8" for g in part["group"].astype(str)]
        ok = np.isfinite(lo) & np.isfinite(hi)
        if ok.any():
            ax.hlines(
                y[ok],
                lo[ok],
                hi[ok],
                colors=[c for c, f in zip(colors, ok, strict=True) if f],
                linewidth=1.8,
                alpha=0.7,
            )
        ax.scatter(mean[ok], y[ok], c=[c for c, f in zip(colors, ok, strict=True) if f], s=22, zorder=3)
        if (~ok).any():
            ax.scatter(
                mean[~ok],
                y[~ok],
                facecolors="white",
                edgecolors=[c for c, f in zip(colors, ok, strict=True) if not f],
                s=22,
                zorder=3,
            )
        ax.set_yticks(range(len(shown)))
        ax.set_yticklabels([short_label(g, 26) for g in shown] if k == 0 else [], fontsize=8)
        ax.set_ylim(len(shown) - 0.5, -0.5)
        ax.set_title(plain_label(short_name(metric)), fontsize=9)
        ax.set_xlabel(plain_label(unit_of(metric)), fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", alpha=0.3)


def _count(n: int, one: str, many: str) -> str:
    """``n`` with thousands separators and the right noun: "1 shared story", "17,347 other comparisons"."""
    return f"{n:,} {one if n == 1 else many}"


def _interval_words(low: float, high: float) -> str:
    """The difference's 95% interval in words, or that there is none (too few stories to resample)."""
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return "no interval: too few shared stories to resample"
    return f"95% interval of the difference {format_number(low)} to {format_number(high)}"


#: Up to this many citations of outlets missing from the corpus get a sentence each; more are
#: grouped by the cited outlet in one sentence.
MAX_MISSING_LINES = 3


def _missing_lines(missing: list[tuple[str, str]]) -> list[str]:
    """Sentences naming the cited outlets that have no article on the story."""
    if len(missing) <= MAX_MISSING_LINES:
        return [f"{outlet} cites {cited}: add that article to compare them." for outlet, cited in missing]
    by_cited: dict[str, list[str]] = {}
    for outlet, cited in missing:
        by_cited.setdefault(cited, []).append(outlet)
    ranked = sorted(by_cited.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    parts = [f"{cited} (cited by {', '.join(sorted(set(citing), key=str))})" for cited, citing in ranked]
    return [
        f"Cited but without an article on this story in the corpus: {'; '.join(parts)}. Add those articles to compare them."
    ]
