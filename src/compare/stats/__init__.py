"""Compare outlets and groups of outlets: means with intervals, story-blocked tests, effect sizes.

The functions take a *wide* table (one row per article, one column per metric, as
``Results.articles``) or the *long* score table (``metric`` and ``value`` columns, as
``Results.scores``) and return tidy DataFrames.

For coverage data (several outlets, several stories), start with the story-blocked functions:

- :func:`compare_groups`: outlet against outlet, or group against group (a grouping column or a
  mapping from :class:`compare.io.outlets.OutletTable`), across the stories both covered; the
  difference with its interval in the metric's units and standardised, a permutation p-value, a
  multiple-comparison adjustment, and a ``status`` that says when the shared coverage is too thin
  to test;
- :func:`group_profiles`: story-adjusted means per outlet or group with intervals (forest plots);
- :func:`min_attainable_p`: how many shared stories (or outlets) a test needs.

Article-level tools, which ignore the story and suit one story at a time:

- :func:`outlet_means`: mean per outlet (or group) and metric with a percentile-bootstrap interval;
- :func:`compare_outlets`: per-pair permutation tests of articles, Cohen's d, Hedges' g,
  Cliff's delta;
- :func:`adjust_pvalues`: Holm, Benjamini-Hochberg or Bonferroni adjustment on its own.

Missing values (``NaN``) are dropped per metric, and the counts that remain are reported. Every
random draw comes from :func:`numpy.random.default_rng` seeded with ``seed`` and depends only on
the seed and the sample sizes, so relabelling outlets only relabels the output. The designs, and
their error rates measured by simulation, are described in ``docs/statistics.md``.
"""

from __future__ import annotations

from ._basic import (
    CORRECTIONS,
    adjust_pvalues,
    cliffs_delta,
    cohens_d,
    compare_outlets,
    hedges_g,
    metric_columns,
    outlet_means,
)
from ._blocked import (
    GROUP_COLUMNS,
    PROFILE_COLUMNS,
    STATUS_ESTIMATED,
    STATUS_NOT_CONNECTED,
    STATUS_TESTED,
    STATUS_TOO_LITTLE,
    UNITS,
    compare_groups,
    group_profiles,
    min_attainable_p,
)

__all__ = [
    "CORRECTIONS",
    "GROUP_COLUMNS",
    "PROFILE_COLUMNS",
    "STATUS_ESTIMATED",
    "STATUS_NOT_CONNECTED",
    "STATUS_TESTED",
    "STATUS_TOO_LITTLE",
    "UNITS",
    "adjust_pvalues",
    "cliffs_delta",
    "cohens_d",
    "compare_groups",
    "compare_outlets",
    "group_profiles",
    "hedges_g",
    "metric_columns",
    "min_attainable_p",
    "outlet_means",
]
