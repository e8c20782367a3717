"""The readability family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

import math

from .._base import Metric

__all__ = ["DESCRIPTION", "METRICS", "REFERENCES"]

_TEXTSTAT_REF = (
    "Bansal, S. & Aggarwal, C. textstat 0.7.13, https://github.com/textstat/textstat (computation rules)."
)
_REFS = {
    "flesch_reading_ease": (
        "Flesch, R. (1948). A new readability yardstick. Journal of Applied Psychology, 32(3), 221-233.",
    ),
    "flesch_kincaid_grade": (
        (
            "Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new "
            "readability formulas for Navy enlisted personnel. Research Branch Report 8-75."
        ),
    ),
    "gunning_fog": ("Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill.",),
    "smog_index": (
        "McLaughlin, G. H. (1969). SMOG grading: a new readability formula. Journal of Reading, 12(8), 639-646.",
    ),
    "coleman_liau_index": (
        (
            "Coleman, M. & Liau, T. L. (1975). A computer readability formula designed for machine scoring. "
            "Journal of Applied Psychology, 60(2), 283-284."
        ),
    ),
    "automated_readability_index": (
        "Senter, R. J. & Smith, E. A. (1967). Automated Readability Index. AMRL-TR-66-220.",
    ),
    "dale_chall_readability_score": (
        "Dale, E. & Chall, J. S. (1948). A formula for predicting readability. Educational Research Bulletin, 27(1), 11-28.",
        "Chall, J. S. & Dale, E. (1995). Readability Revisited: The New Dale-Chall Readability Formula. Brookline Books.",
    ),
    "linsear_write_formula": (
        (
            "Klare, G. R. (1974). Assessing readability. Reading Research Quarterly, 10(1), 62-102 "
            "(Linsear Write, O'Hayre's US Air Force formula)."
        ),
    ),
    "text_standard": (),
}
_SPECS: dict[str, tuple[tuple[float, float], str, str]] = {
    "flesch_reading_ease": (
        (-math.inf, 206.835),
        "higher = easier to read",
        "Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word",
    ),
    "flesch_kincaid_grade": (
        (-15.59, math.inf),
        "higher = harder (US school grade)",
        "Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59",
    ),
    "gunning_fog": (
        (0.0, math.inf),
        "higher = harder (US school grade)",
        "Gunning fog: 0.4 (words/sentence + 100 hard words/words); hard = 3+ syllables, not a Dale-Chall easy word",
    ),
    "smog_index": (
        (3.1291, math.inf),
        "higher = harder (US school grade)",
        "SMOG: 1.043 sqrt(30 polysyllables/sentences) + 3.1291",
    ),
    "coleman_liau_index": (
        (-math.inf, math.inf),
        "higher = harder (US school grade)",
        "Coleman-Liau: 0.058 letters per 100 words - 0.296 sentences per 100 words - 15.8",
    ),
    "automated_readability_index": (
        (-math.inf, math.inf),
        "higher = harder (US school grade)",
        "ARI: 4.71 characters/token + 0.5 words/sentence - 21.43",
    ),
    "dale_chall_readability_score": (
        (0.0, math.inf),
        "higher = harder (4.9 or less: grade 4; 9.0+: college)",
        "Dale-Chall: 0.1579 % difficult words + 0.0496 words/sentence (+3.6365 if > 5 % difficult)",
    ),
    "linsear_write_formula": (
        (-1.0, math.inf),
        "higher = harder (US school grade)",
        "Linsear Write on the first 100 words: (easy + 3 hard) / sentences, -2 if <= 20, halved",
    ),
    "text_standard": (
        (1.0, 18.0),
        "higher = harder (US school grade)",
        "textstat consensus grade: most frequent grade among the formulas' floor/ceil/round",
    ),
}
_DOCSENTS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)


def _metrics() -> tuple[Metric, ...]:
    out = []
    for name, (rng, direction, desc) in _SPECS.items():
        out.append(
            Metric(
                name=name,
                family="readability",
                range=rng,
                direction=direction,
                description=desc + " (textstat 0.7.13 counts and sentence splitting; NaN if undefined).",
                references=(*_REFS[name], _TEXTSTAT_REF),
                headline=name == "flesch_kincaid_grade",
            )
        )
    for name in _DOCSENTS:
        rng, direction, desc = _SPECS[name]
        out.append(
            Metric(
                name=f"{name}_docsents",
                family="readability",
                range=rng,
                direction=direction,
                description=desc
                + " with the Document's sentence count instead of textstat's (textstat's word and syllable counts).",
                references=(*_REFS[name], _TEXTSTAT_REF),
            )
        )
    return tuple(out)


METRICS: tuple[Metric, ...] = _metrics()

DESCRIPTION = (
    "Readability formulas with textstat 0.7.13's exact numbers (one pass, offline), and the same "
    "formulas on the Document's sentence segmentation (*_docsents)."
)
REFERENCES: tuple[str, ...] = (*(r for refs in _REFS.values() for r in refs), _TEXTSTAT_REF)
