"""Every cache of the package, in one list, with its bound; and a way to clear them.

media-compare keeps two kinds of module-level caches:

- **memos** of pure functions of a word or a sentence (syllable counts, VADER scores of a sentence,
  name keys, hashed ids), bounded by a maximum number of entries, so that a long stream of new text
  cannot grow memory without limit;
- **loaders** of shipped data (lexicons, learned weights, the Jinja environment), one entry each.

No cache changes a result: a cleared cache is refilled on the next call with the same values.
:func:`cache_info` lists them all with their current size, :func:`clear_caches` empties them (for
example between two large runs in one long-lived process, or before timing a cold start). Caches
of modules that were never imported are empty and are not imported by either function.

The bounds are set for long streams (``analyze_stream``), where each worker process keeps its own
caches: word-keyed memos hold at most about 100,000 words (a news stream's working vocabulary;
textstat's per-word memo and the attribution token table start afresh when full), and caches that
never hit across articles in a stream (Documents, per-word loaded-language weights behind their
per-setting memo) are small. Pyphen's own word memo, which has no bound, is emptied with
``_hyphenated``'s bound. With these bounds, streaming 100,000 synthetic articles on two workers
peaks at about 1.0 GB, against 2.9 GB before (``benchmarks/bench_stream_memory.py``, see
``docs/performance.md``).

The list is fixed (:data:`CACHES`); ``tests/test_caches.py`` checks that every module-level cache
of the source is in it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CACHES", "Cache", "cache_info", "clear_caches"]


@dataclass(frozen=True)
class Cache:
    """One module-level cache.

    Parameters
    ----------
    module : str
        The module that defines it.
    name : str
        Its name in the module: a function wrapped by :func:`functools.lru_cache` or
        :func:`functools.cache`, or a bounded memo object with ``clear()`` and ``len()``.
    bound : int
        Most entries it holds.
    holds : str
        What it holds.
    """

    module: str
    name: str
    bound: int
    holds: str

    def _object(self) -> Any:
        module = sys.modules.get(self.module)
        return None if module is None else getattr(module, self.name, None)

    def size(self) -> int:
        """Entries held now (0 when the module is not imported)."""
        obj = self._object()
        if obj is None:
            return 0
        if hasattr(obj, "cache_info"):
            return int(obj.cache_info().currsize)
        return len(obj)

    def clear(self) -> int:
        """Empty the cache; return the number of entries dropped."""
        obj = self._object()
        if obj is None:
            return 0
        n = self.size()
        if hasattr(obj, "cache_clear"):
            obj.cache_clear()
        else:
            obj.clear()
        return n


def _c(module: str, name: str, bound: int, holds: str) -> Cache:
    return Cache(f"compare.{module}", name, bound, holds)


#: Every module-level cache of the package.
CACHES: tuple[Cache, ...] = (
    _c("text", "_cached_build", 16, "Documents of recently analysed texts (analyze_text)"),
    _c("_progress", "_bar_class", 1, "the progress-bar class (terminal or Jupyter)"),
    _c("actors._names", "_strip_possessive", 65_536, "names without a possessive ending"),
    _c("actors._names", "_bare_low", 65_536, "lower-cased names without a possessive ending"),
    _c("actors._names", "_fold", 65_536, "names without diacritics, lower case"),
    _c("actors._names", "_translit_key", 65_536, "transliteration keys of surnames"),
    _c("actors._resolve", "_name_words", 65_536, "the words of a name, initials left out"),
    _c("actors._persons", "person_words", 65_536, "the words of a person's name"),
    _c("actors._persons", "surname_key", 65_536, "spelling-insensitive keys of surnames"),
    _c("actors._persons", "first_key", 65_536, "keys of first names (Volodymyr = Vladimir)"),
    _c("actors._gazetteer", "outlet_names", 1, "outlet names that are never actors"),
    _c("actors._gazetteer", "public_figures", 1, "the public-figure list (canonical spellings)"),
    _c("actors._caseless", "common_words", 1, "common English words (lower-case text)"),
    _c("actors._caseless", "dictionary_words", 1, "the CMU dictionary's words (lower-case text)"),
    _c("actors._caseless", "_org_names", 1, "organisation names for lower-case text"),
    _c("actors._caseless", "_first_words", 2, "first words of outlet and place names"),
    _c("align._claims_sim", "stem", 65_536, "light stems of words"),
    _c("align._claims_sim", "_opposite_index", 1, "the list of opposite event directions"),
    _c("align._events_features", "_stop_words", 1, "scikit-learn's English stop words"),
    _c("align._events_pairs", "_shipped", 1, "the shipped event pair model (data/event_pairs.json)"),
    _c("align._claim_match", "_model_file", 1, "the shipped claim-matcher file"),
    _c("align._claim_match", "_idf_table", 1, "the claim matcher's word weights"),
    _c("align._claim_match", "load_model", 1, "the shipped claim-matcher model"),
    _c("align._claim_match", "_char3", 16_384, "character 3-grams of sentences"),
    _c("align.provenance._gazetteer", "_default", 1, "the shipped outlet gazetteer"),
    _c("align.provenance._reuse", "_token_cache", 500_000, "64-bit hashes of words"),
    _c("report.render", "environment", 1, "the Jinja environment of the report templates"),
    _c("scores.attribution._features", "_ID_CACHE", 100_000, "hashed ids of words, stems and suffixes"),
    _c("scores.attribution._features", "_TABLE", 100_000, "per token text: ids and flags of the cue model"),
    _c("scores.attribution._model", "default_model", 1, "the shipped attribution model"),
    _c("scores.framing._lexicon", "load_lexicon", 1, "the shipped frame lexicon"),
    _c("scores.framing._features", "_questions", 1, "the frame codebook questions"),
    _c("scores.framing._features", "_features_one", 8_192, "lexicon features of a text (FrameClassifier)"),
    _c("scores.readability._textstat", "syllable_table", 1, "the CMU pronouncing dictionary's syllable counts"),
    _c("scores.readability._textstat", "_pyphen", 1, "the hyphenation dictionary"),
    _c("wordlists", "dale_chall_easy_words", 1, "the Dale-Chall easy words"),
    _c("scores.readability._textstat", "_MEMO", 1 << 17, "per word: syllables and difficulty counts"),
    _c("scores.readability._textstat", "_hyphenated", 4_096, "Pyphen's syllables of words (and its memo)"),
    _c("io._files", "_loader_class", 1, "the safe YAML loader class for front matter"),
    _c("io.outlets", "default_outlet_table", 1, "the shipped outlet table"),
    _c("stats._blocked", "_t_quantile", 4_096, "Student-t critical values"),
    _c("stats._blocked", "_signs", 64, "sign-flip matrices of the story-blocked test"),
    _c("stats._blocked", "_splits", 32, "label-split matrices of the outlet-unit test"),
    _c("scores.sentiment._vader", "_tables", 1, "VADER's lexicon and word lists"),
    _c("scores.sentiment._vader", "_scorers", 1, "the VADER scorer (with its bounded token memo)"),
    _c("scores.sentiment._vader", "polarity_scores", 1 << 16, "VADER scores of sentences"),
    _c("scores.sentiment._vader", "word_sentiments", 1 << 14, "VADER word sentiments of sentences"),
    _c("scores.wordchoice._lexicon", "lexicon", 1, "the shipped loaded-language lexicon"),
    _c("scores.wordchoice._lexicon", "vader_lexicon", 1, "VADER's lexicon as loaded-language weights"),
    _c("scores.wordchoice._lexicon", "word_info", 131_072, "loaded-language weight and category of words"),
    _c("scores.wordchoice._loaded_lexicon", "lexicon", 1, "the shipped loaded-language lexicon (v2)"),
    _c("scores.wordchoice._loaded_lexicon", "_vader", 1, "VADER valences for loaded language"),
    _c("scores.wordchoice._loaded_lexicon", "_params_tuple", 1, "the shipped loaded-language settings"),
    _c("scores.wordchoice._loaded_lexicon", "_word_weight", 8_192, "per word and setting: weight, category, part of speech"),
    _c("scores.wordchoice._loaded", "_model", 1, "the loaded-sentence model"),
    _c("scores.wordchoice._naming", "_shipped_term_index", 1, "the shipped contested-term list, indexed"),
    _c("scores.wordchoice._loaded", "_WEIGHT_MEMO", 64, "per setting: word weights seen (grid searches pass many)"),
    _c("scores.sentiment._target_model", "load_model", 1, "the shipped target-sentiment weights"),
    _c("scores.sentiment._target_features", "lexicon", 1, "the target model's word lists and valences"),
    _c("scores.sentiment._target_features", "_ascii_classes", 1, "character classes of the target features"),
)


def cache_info() -> pd.DataFrame:
    """Every cache with its bound and current size.

    Returns
    -------
    pandas.DataFrame
        One row per cache: ``module``, ``name``, ``bound``, ``size`` (0 where the module is not
        imported), ``holds``.

    Examples
    --------
    >>> import compare
    >>> info = compare.caches.cache_info()
    >>> bool((info["size"] <= info["bound"]).all())
    True
    """
    import pandas as pd

    rows = [(c.module, c.name, c.bound, c.size(), c.holds) for c in CACHES]
    return pd.DataFrame(rows, columns=["module", "name", "bound", "size", "holds"])


def clear_caches() -> int:
    """Empty every cache of the imported modules.

    Returns
    -------
    int
        Entries dropped.

    Examples
    --------
    >>> import compare
    >>> _ = compare.analyze_text("Talks failed.")
    >>> compare.caches.clear_caches() >= 1
    True
    """
    return sum(c.clear() for c in CACHES)
