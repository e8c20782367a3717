"""The loaded-language lexicon v2 (private): entries, VADER weights, settings, word weights."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import NamedTuple

from ._lexicon import DERIVATION_SUFFIXES, base_forms

__all__ = ["LEXICON_FILE", "LOADED_THRESHOLD", "MODEL_FILE", "PARAMS_FILE", "LoadedSpan", "lexicon", "params"]

LEXICON_FILE = "loaded_lexicon_v2.csv"
#: file name of the tuned settings inside ``compare/data``
PARAMS_FILE = "loaded_v2_params.json"
#: file name of the sentence model's coefficients inside ``compare/data``
MODEL_FILE = "loaded_v2_model.json"
#: a span whose weight reaches this counts as a loaded word in the article metrics
LOADED_THRESHOLD = 0.5


class LoadedSpan(NamedTuple):
    """One loaded word or phrase: ``doc.text[start:end] == text``."""

    token: int
    sentence: int
    start: int
    end: int
    text: str
    category: str
    weight: float
    voice: str



# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------
class _Lexicon(NamedTuple):
    words: dict[str, tuple[str, float, str]]  # base word -> (category, weight, pos)
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]]  # first word -> phrases


@functools.cache
def lexicon() -> _Lexicon:
    """The v2 lexicon: base word -> (category, weight, pos), and phrases by first word.

    Returns
    -------
    _Lexicon
        ``words`` maps a lower-case base word to ``(category, weight, pos)``; ``phrases`` maps a
        first word to its phrases ``(words, category, weight)``, longest first.
    """
    words: dict[str, tuple[str, float, str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
    path = resources.files("compare").joinpath("data", LEXICON_FILE)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith(("#", "entry,")):
                continue
            entry, category, weight, pos = line.split(",")
            parts = tuple(entry.split())
            if len(parts) > 1:
                phrases.setdefault(parts[0], []).append((parts, category, float(weight)))
            else:
                words[entry] = (category, float(weight), pos)
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    return _Lexicon(words, phrases)


@functools.cache
def _vader() -> dict[str, float]:
    """vaderSentiment's word -> mean valence (-4 .. 4), read from the installed package (MIT)."""
    out: dict[str, float] = {}
    path = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0][:1].isalpha():
                try:
                    out[parts[0]] = float(parts[1])
                except ValueError:  # pragma: no cover - malformed line
                    continue
    return out


_DEFAULT_PARAMS: dict[str, float] = {
    "vader_floor": 1.4,
    "vader_scale": 0.6,
    "vader_positive": 0.5,
    "stance_compound": 0.5,
}


@functools.cache
def _params_tuple() -> tuple[tuple[str, float], ...]:
    path = resources.files("compare").joinpath("data", PARAMS_FILE)
    merged = dict(_DEFAULT_PARAMS)
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            merged.update({k: float(v) for k, v in json.load(fh)["params"].items()})
    return tuple(sorted(merged.items()))


def params() -> dict[str, float]:
    """The tuned word-weight settings of the scorer (VADER floor, scale and positive factor, anti-/pro- weight).

    Returns
    -------
    dict of str to float
        A fresh copy; see ``compare/data/loaded_v2_params.json`` for where each value comes from.
    """
    return dict(_params_tuple())


# --------------------------------------------------------------------------------------------
# Word weights
# --------------------------------------------------------------------------------------------
#: v2 strips the derivational suffixes of the v1 lexicon except "-ish" (its weights were fitted so)
_SUFFIXES = tuple(x for x in DERIVATION_SUFFIXES if x != "ish")


@functools.lru_cache(maxsize=8192)
def _word_weight(word: str, setting: tuple[tuple[str, float], ...]) -> tuple[float, str, str]:
    """(weight, category, pos) of a lower-cased word; weight 0 and category "" when not loaded."""
    p = dict(setting)
    words = lexicon().words
    forms = base_forms(word, _SUFFIXES)
    for form in forms:
        hit = words.get(form)
        if hit is not None:
            category, weight, pos = hit
            return weight, category, pos  # a lexicon entry (topical ones included) decides alone
    if "-" in word:
        best = (0.0, "", "any")
        parts = [x for x in word.split("-") if x]
        for part in parts:
            w = _word_weight(part, setting)
            if w[1] == "topical":
                continue
            if w[0] > best[0]:
                best = (w[0], w[1], "any")
        if best[0] == 0.0 and len(parts) == 2 and parts[0] in ("anti", "pro") and p["stance_compound"] > 0:
            best = (p["stance_compound"], "stance_compound", "any")
        return best
    vl = _vader()
    valence = None
    for form in forms:
        valence = vl.get(form)
        if valence is not None:
            break
    if valence is not None:
        mag = abs(valence)
        floor = p["vader_floor"]
        if mag > floor:
            w = min(1.0, p["vader_scale"] * (mag - floor) / (4.0 - floor))
            if valence > 0:
                w *= p["vader_positive"]
            if w > 0:
                return w, "vader", "any"
    return 0.0, "", "any"


