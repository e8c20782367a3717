"""The generic news-frame cue lexicon and the matcher behind :mod:`compare.scores.framing` (private).

The lexicon (``compare/data/frames_lexicon.tsv``, codebook in ``docs/frames_lexicon.md``) lists cues
per frame, each with a weight and the Semetko & Valkenburg (2000) codebook question it answers.
:func:`scan` walks the word tokens of a :class:`~compare.text.Document` once:

- each distinct token text is looked up once per process (a memo dict): exact cues by ``dict`` look-up,
  ``prefix*`` cues by looking up each prefix of the word in a dict of prefixes;
- multiword cues are tried only at tokens that can start one (token n-grams inside one sentence);
  the longest match wins and its words are not counted again as single-word cues;
- three rules that a word list cannot express: money amounts (``$3.5``, economic), percentages
  (economic, weak), the age apposition of a personal example (``"Maria Lopez, 34,"``, human interest),
  and first-person pronouns inside quotation marks (personal testimony, human interest, weak).
"""

from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass
from importlib.resources import files
from itertools import compress, islice, repeat
from operator import is_, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from ...text import Document

__all__ = [
    "FRAMES",
    "HALF_DENSITY",
    "MAX_REPEATS",
    "MIN_WORDS",
    "Cue",
    "Hit",
    "Lexicon",
    "calibrate",
    "counted_weights",
    "frame_scores",
    "load_lexicon",
    "parse_lexicon",
    "scan",
]

#: The five generic frames, in the order used everywhere (arrays, columns).
FRAMES: tuple[str, ...] = ("conflict", "human_interest", "economic", "morality", "responsibility")

#: Cue density (weighted cues per 100 words) at which a frame's score is 0.5. Chosen a priori from the
#: breadth of each list (a broad list with many weak cues needs more hits), not fitted to any data.
HALF_DENSITY: dict[str, float] = {
    "conflict": 1.0,
    "human_interest": 0.75,
    "economic": 1.0,
    "morality": 0.5,
    "responsibility": 1.5,
}

#: A cue repeated in one article counts at most this many times (a repeated word is one idea).
MAX_REPEATS = 3

#: Texts shorter than this many words are scored as if they had this many words, so that one cue in
#: a headline does not saturate the score.
MIN_WORDS = 100

_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_CURRENCY = "$€£¥"
_TEXT = itemgetter(2)


class Cue(NamedTuple):
    """One lexicon entry: ``frame`` is an index into :data:`FRAMES`."""

    frame: int
    cue: str
    weight: float
    question: str


class Hit(NamedTuple):
    """A cue found in a Document: character span, sentence index and the matching entry."""

    start: int
    end: int
    sentence: int
    cue: Cue


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A parsed cue lexicon (build it with :func:`load_lexicon`)."""

    exact: dict[str, tuple[Cue, ...]]
    prefixes: dict[str, tuple[Cue, ...]]
    prefix_lengths: tuple[int, ...]
    multi: dict[str, tuple[tuple[tuple[str, ...], tuple[Cue, ...]], ...]]
    multi_prefix: dict[str, tuple[tuple[tuple[str, ...], tuple[Cue, ...]], ...]]
    bigrams: dict[tuple[str, str], tuple[tuple[tuple[str, ...], tuple[Cue, ...]], ...]]
    digest: str
    n_cues: int

    @functools.cached_property
    def norms(self) -> dict[str, str]:
        """Token text -> normalised form; filled on demand."""
        return {}

    def norm(self, token: str) -> str:
        """The normalised form of ``token`` (lower case, one apostrophe, no trailing apostrophe)."""
        found = self.norms.get(token)
        if found is None:
            found = _normalise(token)
            if len(self.norms) > 100_000:
                self.norms.clear()
            self.norms[token] = found
        return found

    @functools.cached_property
    def memo(self) -> dict[str, Any]:
        """Token text -> ``False`` (nothing to match) or ``(single cues, multiword cues, rule)``."""
        return {}

    def lookup(self, token: str) -> Any:
        """What may match at a token with text ``token``; memoised (see :attr:`memo`).

        Returns ``False`` when nothing can match, else ``(singles, multis, rule)``: the single-word
        cues, the multiword cues that may start at the token (a dict keyed by their second word,
        ``None`` for a second word given as a prefix; longest cue first) and a rule code
        (0 none, 1 money amount, 2 percentage, 3 small whole number, 4 first-person pronoun).
        """
        memo = self.memo
        found = memo.get(token)
        if found is not None:
            return found
        rule = 0
        singles: tuple[Cue, ...] = ()
        multis: tuple[tuple[tuple[str, ...], tuple[Cue, ...]], ...] = ()
        first = token[:1]
        if first in _CURRENCY and len(token) > 1:
            rule = 1
        elif first.isdigit():
            if token[-1] == "%":
                rule = 2
            elif token.isdecimal() and len(token) <= 3 and 0 < int(token) <= 110:  # isdigit() holds for "¹", which int() refuses
                rule = 3
        else:
            norm = _normalise(token)
            if norm in _FIRST_PERSON:
                rule = 4
            singles = self._singles(norm)
            if not singles and norm.endswith("'s"):
                singles = self._singles(norm[:-2])
            multis = self.multi.get(norm, ())
            for n in self.prefix_lengths:
                if n >= len(norm):
                    break
                more = self.multi_prefix.get(norm[:n])
                if more:
                    multis = multis + more
        by_second: dict[str | None, tuple[tuple[tuple[str, ...], tuple[Cue, ...]], ...]] = {}
        for entry in sorted(multis, key=lambda m: -len(m[0])):  # longest first
            second = entry[0][1]
            key = None if second.endswith("*") else second
            by_second[key] = (*by_second.get(key, ()), entry)
        found = (singles, by_second, rule) if (singles or by_second or rule) else False
        if len(memo) > 100_000:  # bound memory on endless streams of new words
            memo.clear()
        memo[token] = found
        return found

    def _singles(self, norm: str) -> tuple[Cue, ...]:
        out = self.exact.get(norm, ())
        prefixes = self.prefixes
        for n in self.prefix_lengths:
            if n > len(norm):
                break
            more = prefixes.get(norm[:n])
            if more:
                out = out + more
        return out


def _normalise(token: str) -> str:
    return token.lower().replace("’", "'").rstrip("'")


def _element_matches(norm: str, element: str) -> bool:
    if element.endswith("*"):
        return norm.startswith(element[:-1])
    return norm == element


def parse_lexicon(text: str) -> Lexicon:
    """Parse lexicon TSV text (see ``compare/data/frames_lexicon.tsv`` for the format).

    Raises
    ------
    ValueError
        On a malformed line (naming the line number).
    """
    exact: dict[str, list[Cue]] = {}
    prefixes: dict[str, list[Cue]] = {}
    multi: dict[tuple[str, ...], list[Cue]] = {}
    n = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[0] not in FRAMES:
            msg = f"frames lexicon line {lineno}: expected 'frame<TAB>cue<TAB>weight<TAB>question', got {line!r}"
            raise ValueError(msg)
        frame, cue, weight, question = parts
        entry = Cue(FRAMES.index(frame), cue, float(weight), question)
        n += 1
        elements = tuple(_normalise(e) if not e.endswith("*") else e for e in cue.split())
        if len(elements) > 1:
            multi.setdefault(elements, []).append(entry)
        elif cue.endswith("*"):
            prefixes.setdefault(cue[:-1], []).append(entry)
        else:
            exact.setdefault(_normalise(cue), []).append(entry)
    multi_exact: dict[str, list[tuple[tuple[str, ...], tuple[Cue, ...]]]] = {}
    multi_prefix: dict[str, list[tuple[tuple[str, ...], tuple[Cue, ...]]]] = {}
    bigrams: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[Cue, ...]]]] = {}
    for elements, cues in sorted(multi.items(), key=lambda item: -len(item[0])):  # longest first
        first = elements[0]
        if not first.endswith("*") and not elements[1].endswith("*"):
            # the fast path: found by a set look-up of token bigrams
            bigrams.setdefault((first, elements[1]), []).append((elements, tuple(cues)))
        elif first.endswith("*"):
            multi_prefix.setdefault(first[:-1], []).append((elements, tuple(cues)))
        else:
            multi_exact.setdefault(first, []).append((elements, tuple(cues)))
    lengths = sorted({len(p) for p in prefixes} | {len(p) for p in multi_prefix})
    return Lexicon(
        exact={k: tuple(v) for k, v in exact.items()},
        prefixes={k: tuple(v) for k, v in prefixes.items()},
        prefix_lengths=tuple(lengths),
        multi={k: tuple(v) for k, v in multi_exact.items()},
        multi_prefix={k: tuple(v) for k, v in multi_prefix.items()},
        bigrams={k: tuple(v) for k, v in bigrams.items()},
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        n_cues=n,
    )


@functools.cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon, parsed once per process."""
    text = files("compare.data").joinpath("frames_lexicon.tsv").read_text(encoding="utf-8")
    return parse_lexicon(text)


_MONEY = Cue(FRAMES.index("economic"), "<money amount>", 1.0, "E2")
_PERCENT = Cue(FRAMES.index("economic"), "<percentage>", 0.25, "E1")
_AGE = Cue(FRAMES.index("human_interest"), "<name, age,>", 1.0, "H1")
_FIRST_PERSON_QUOTE = Cue(FRAMES.index("human_interest"), "<first person in quote>", 0.25, "H4")


def scan(doc: Document, lexicon: Lexicon | None = None) -> list[Hit]:
    """All cue hits of ``doc``, in text order (``lexicon``: the shipped one by default)."""
    return _scan(doc, load_lexicon() if lexicon is None else lexicon)


def _match_rest(
    tokens: tuple[Any, ...], norms: list[str], i: int, elements: tuple[str, ...], start: int
) -> bool:
    """Whether ``elements[start:]`` match the tokens from ``i + start`` on, within one sentence."""
    sent = tokens[i][3]
    n = len(tokens)
    for k in range(start, len(elements)):
        j = i + k
        if j >= n:
            return False
        other = tokens[j]
        if other[3] != sent or other[4] != "word" or not _element_matches(norms[j], elements[k]):
            return False
    return True


def _scan(doc: Document, lexicon: Lexicon) -> list[Hit]:
    tokens = doc.tokens
    n = len(tokens)
    texts = list(map(_TEXT, tokens))
    # what may match at each token (memoised per distinct token text)
    # memo look-ups in C; only token texts never seen before (None) go through Python
    infos = list(map(lexicon.memo.get, texts))
    if None in infos:
        lookup = lexicon.lookup
        for i in compress(range(n), map(is_, infos, repeat(None))):
            infos[i] = lookup(texts[i])
    norms = list(map(lexicon.norms.get, texts))
    if None in norms:
        norm = lexicon.norm
        for i in compress(range(n), map(is_, norms, repeat(None))):
            norms[i] = norm(texts[i])
    # token bigrams that start a multiword cue
    bigrams = lexicon.bigrams
    starts = set(
        compress(range(n - 1), map(bigrams.__contains__, zip(norms, islice(norms, 1, None), strict=False)))
    )
    positions: Any = compress(range(n), infos)
    if starts:
        positions = sorted(starts.union(positions))
    hits: list[Hit] = []
    append = hits.append
    new_hit = tuple.__new__
    skip_to = 0
    for i in positions:
        if i < skip_to:
            continue
        tok = tokens[i]
        sent = tok[3]
        if i in starts and tokens[i + 1][3] == sent and tokens[i + 1][4] == "word":
            matched = False
            for elements, cues in bigrams[(norms[i], norms[i + 1])]:
                if len(elements) == 2 or _match_rest(tokens, norms, i, elements, 2):
                    j = i + len(elements)
                    end = tokens[j - 1][1]
                    for cue in cues:
                        append(new_hit(Hit, (tok[0], end, sent, cue)))
                    skip_to = j
                    matched = True
                    break
            if matched:
                continue
        info = infos[i]
        if not info:
            continue
        singles, multis, rule = info
        if multis and i + 1 < n and tokens[i + 1][3] == sent:
            cands = multis.get(norms[i + 1], ())
            if None in multis:
                cands = cands + multis[None]
            matched = False
            for elements, cues in cands:
                if _match_rest(tokens, norms, i, elements, 1):
                    j = i + len(elements)
                    end = tokens[j - 1][1]
                    for cue in cues:
                        append(new_hit(Hit, (tok[0], end, sent, cue)))
                    skip_to = j
                    matched = True
                    break
            if matched:
                continue
        if singles:
            for cue in singles:
                append(new_hit(Hit, (tok[0], tok[1], sent, cue)))
        elif rule == 1:
            append(new_hit(Hit, (tok[0], tok[1], sent, _MONEY)))
        elif rule == 2:
            append(new_hit(Hit, (tok[0], tok[1], sent, _PERCENT)))
        elif rule == 3:
            if (
                2 <= i < n - 1
                and texts[i - 1] == ","
                and texts[i + 1] == ","
                and tokens[i - 2][4] == "word"
                and texts[i - 2][:1].isupper()
                and tokens[i - 2][3] == sent == tokens[i + 1][3]
            ):
                append(new_hit(Hit, (tokens[i - 2][0], tokens[i + 1][1], sent, _AGE)))
        elif rule == 4 and doc.in_quote(tok[0]):
            append(new_hit(Hit, (tok[0], tok[1], sent, _FIRST_PERSON_QUOTE)))
    return hits


def counted_weights(hits: list[Hit]) -> list[float]:
    """The weight each hit adds to its frame's score: its cue weight, 0 after :data:`MAX_REPEATS`."""
    seen: dict[int, int] = {}
    get = seen.get
    out = []
    append = out.append
    for h in hits:
        cue = h[3]
        key = id(cue)  # one Cue object per lexicon entry (and per rule)
        c = get(key, 0) + 1
        seen[key] = c
        append(cue[2] if c <= MAX_REPEATS else 0.0)
    return out


def calibrate(density: float, half_density: float) -> float:
    """Map a cue density (weighted cues per 100 words) to [0, 1]: ``1 - 2 ** (-density / half)``."""
    return 1.0 - 2.0 ** (-density / half_density)


def frame_scores(hits: list[Hit], n_words: int) -> tuple[list[float], list[float], list[float]]:
    """Per frame (in :data:`FRAMES` order): calibrated score, density and raw weighted count.

    Scores are NaN when ``n_words`` is 0.
    """
    raw = [0.0] * len(FRAMES)
    for h, w in zip(hits, counted_weights(hits), strict=True):
        raw[h[3][0]] += w
    if n_words <= 0:
        nan = [math.nan] * len(FRAMES)
        return nan, nan, raw
    denom = max(n_words, MIN_WORDS)
    density = [100.0 * r / denom for r in raw]
    scores = [calibrate(d, HALF_DENSITY[f]) for d, f in zip(density, FRAMES, strict=True)]
    return scores, density, raw
