"""Figures with matplotlib, in the scikit-learn "Display" pattern.

Each display first computes a small table (its constructor takes that table), then draws it:

>>> disp = OutletProfileDisplay.from_results(results)        # doctest: +SKIP
>>> disp.plot()                                              # doctest: +SKIP
>>> disp.figure_.savefig("profile.svg")                      # doctest: +SKIP

``plot(*, ax=None)`` draws onto the given Axes (or a new figure), sets ``ax_`` and ``figure_`` and
returns the display. matplotlib is imported inside ``plot`` only, no global style is changed and
``plt.show()`` is never called. :func:`to_svg` turns a figure into an inline SVG string for the
reports (deterministic, with ids unique per figure).

Displays:

- :class:`OutletProfileDisplay`: mean of each metric per outlet with bootstrap intervals;
- :class:`ActorSentimentDisplay`: sentiment toward each actor, actors x outlets;
- :class:`SourceTypeDisplay`: attributed sources by type, per outlet;
- :class:`FrameProfileDisplay`: mean frame scores per outlet;
- :class:`CoverageMatrixDisplay`: which outlet carried (wholly or in part), omitted or alone reported each claim;
- :class:`CitationGraphDisplay`: which outlet cites which (outlets on a circle, arrows);
- :class:`NamingDisplay`: how each outlet names one referent (shares of forms, with intervals);
- :class:`VocabularyDisplay`: distinctive words of two sides (frequency against z-score).
"""

from __future__ import annotations

from .._lazy import attach

_LAZY = {
    "ACTOR_SENTIMENT_COLUMNS": "._base",
    "COVERAGE_COLORS": "._base",
    "PALETTE": "._base",
    "SOURCE_TYPE_COLORS": "._base",
    "stable_color": "._base",
    "to_svg": "._base",
    "OutletProfileDisplay": "._outlets",
    "FrameProfileDisplay": "._outlets",
    "frame_columns": "._outlets",
    "headline_metrics": "._outlets",
    "ActorSentimentDisplay": "._actors",
    "SourceTypeDisplay": "._actors",
    "CoverageMatrixDisplay": "._alignment",
    "CitationGraphDisplay": "._alignment",
    "NamingDisplay": "._naming",
    "VocabularyDisplay": "._vocabulary",
}

__all__ = sorted(_LAZY)  # noqa: PLE0605

__getattr__, __dir__ = attach(__name__, _LAZY)
