"""Word weights for loaded language (private).

A word's *loadedness* weight in [0, 1] is the larger of

- its entry in the hand-written lexicon ``compare/data/loaded_lexicon.csv`` (matched on the word or
  on a base form obtained by stripping common inflections: ``-s``, ``-es``, ``-ed``, ``-ing``,
  ``-ly``, ``-ness``, ``-ism``, ...), and
- its VADER valence (vaderSentiment's MIT-licensed lexicon): ``|valence|`` above ``VADER_FLOOR``
  mapped linearly onto ``[0, VADER_SCALE]`` (strongly valenced words are evaluative, hence loaded).

Weights are cached per lower-cased word, so scoring a token costs one dict lookup after warm-up.
The hedge and assertive lists (``HEDGES``, ``ASSERTIVES``) are short hand-written lists of common
epistemic markers; see ``docs/loaded_lexicon.md``.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = [
    "ASSERTIVES",
    "HEDGES",
    "LEXICON_FILE",
    "TOPICAL",
    "VADER_FLOOR",
    "VADER_FLOOR_POSITIVE",
    "VADER_SCALE",
    "base_forms",
    "lexicon",
    "vader_lexicon",
    "word_info",
]

#: file name of the loaded-language lexicon inside ``compare/data``
LEXICON_FILE = "loaded_lexicon.csv"
#: |VADER valence| at or below which a word gets no VADER weight (tuned on BABE SG2 minus SG1)
VADER_FLOOR = 1.4
#: valence at or below which a *positive* word gets no VADER weight (praise words such as "success"
#: or "win" are mostly reported, not loaded; tuned on BABE SG2 minus SG1)
VADER_FLOOR_POSITIVE = 1.4
#: "anti-police", "pro-criminal": hyphenated stance compounds get this weight (0 disables)
COMPOUND_WEIGHT = 0.5
COMPOUND_PREFIXES = ("anti-", "pro-")
#: weight given to a word of |valence| 4 (the VADER maximum)
VADER_SCALE = 1.0

#: hedges: markers of uncertainty or distance (hand-written, after the notion in Hyland 2005)
HEDGES = frozenset(
    """
    may might could perhaps possibly probably likely unlikely apparently seemingly seem seems seemed
    appear appears appeared suggest suggests suggested reportedly allegedly presumably arguably
    somewhat fairly relatively roughly approximately about around estimate estimated believe
    believes believed think thinks suspect suspected unclear uncertain unconfirmed possible
    potential potentially tend tends tended
    """.split()  # noqa: SIM905
)
#: assertives and certainty markers (hand-written)
ASSERTIVES = frozenset(
    """
    clearly obviously certainly undoubtedly undeniably unquestionably indeed definitely surely
    plainly evidently manifestly doubtless admittedly truly really actually fact facts proven prove
    proves insist insists insisted assert asserts asserted declare declares declared maintain
    maintains maintained acknowledge acknowledges acknowledged concede concedes conceded admit
    admits admitted always never
    """.split()  # noqa: SIM905
)


#: words whose valence comes from the event being reported, not from the writer's choice of words
#: (harm, crime, illness, legal terms); they get weight 0 whatever VADER says (hand-written)
TOPICAL = frozenset(
    """
    death deaths die dies died dead dying kill kills killed killing killings murder murders murdered
    rape raped rapes assault assaults assaulted violence shooting shootings shot shoot injured
    injury injuries wounded wound wounds victim victims abuse abused abuses crime crimes criminality
    slavery injustice injustices inequality discrimination racism sexism brutality war wars warfare
    attack attacks attacked bomb bombs bombing bombings terror disease diseases cancer cancers
    pandemic epidemic virus suicide suicides poverty hunger fire fires crash crashes accident
    accidents fatal fatally casualties casualty prison prisoner prisoners jail jailed arrest
    arrested arrests protest protests protesters illness sick pain grief mourning funeral emergency
    threat threats threatened risk risks fear fears alleged allegedly suspect suspects suspected
    accused charged guilty conviction convicted lawsuit massacre crackdown genocide invasion
    conflict opioid overdose hate harassment
    """.split()  # noqa: SIM905
)


def _read_lexicon() -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    path = resources.files("compare").joinpath("data", LEXICON_FILE)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith(("#", "word,")):
                continue
            word, category, weight = line.split(",")
            out[word] = (category, float(weight))
    return out


@functools.cache
def lexicon() -> dict[str, tuple[str, float]]:
    """The loaded-language lexicon: base word -> (category, weight)."""
    return _read_lexicon()


@functools.cache
def vader_lexicon() -> dict[str, float]:
    """vaderSentiment's word -> mean valence (-4 .. 4), read from the installed package."""
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


_VOWELS = frozenset("aeiou")


#: Derivational suffixes :func:`base_forms` strips by default.
DERIVATION_SUFFIXES = ("ism", "ist", "ists", "ity", "ment", "ish")


def base_forms(word: str, suffixes: tuple[str, ...] = DERIVATION_SUFFIXES) -> list[str]:
    """Candidate base forms of a lower-cased ``word`` (the word itself first).

    ``suffixes`` are the derivational suffixes stripped besides the inflections.
    """
    w = word
    out = [w]
    n = len(w)
    if n <= 3:
        return out

    def add(stem: str) -> None:
        if len(stem) >= 3 and stem not in out:
            out.append(stem)

    if w.endswith(("'s", "’s")):
        add(w[:-2])
    if w.endswith("ies"):
        add(w[:-3] + "y")
    if w.endswith("es"):
        add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        add(w[:-1])
    if w.endswith("ied"):
        add(w[:-3] + "y")
    if w.endswith("ed"):
        add(w[:-2])
        add(w[:-1])
        if n > 5 and w[-3] == w[-4]:
            add(w[:-3])
    if w.endswith("ing"):
        add(w[:-3])
        add(w[:-3] + "e")
        if n > 6 and w[-4] == w[-5]:
            add(w[:-4])
    if w.endswith("ily"):
        add(w[:-3] + "y")
    if w.endswith("ally"):
        add(w[:-4])
        add(w[:-2])
    if w.endswith("ly"):
        add(w[:-2])
        add(w[:-2] + "e")
        add(w[:-1] + "e")  # horribly -> horrible
    if w.endswith("ness"):
        add(w[:-4])
        if w[-5:-4] == "i":
            add(w[:-5] + "y")
    for suffix in suffixes:
        if w.endswith(suffix):
            add(w[: -len(suffix)])
    if w.endswith("er") and n > 5:
        add(w[:-2])
        add(w[:-1])
    if w.endswith("est") and n > 6:
        add(w[:-3])
        add(w[:-2])
    return out


@functools.lru_cache(maxsize=131072)
def word_info(word: str) -> tuple[float, str]:
    """(weight, source) of a lower-cased word; source is a lexicon category, ``"vader"`` or ``""``.

    The weight is 0.0 for a word with no loaded reading (a weight, not an undefined score).
    """
    if word in TOPICAL:
        return 0.0, ""
    lex = lexicon()
    best, source = 0.0, ""
    for form in base_forms(word):
        hit = lex.get(form)
        if hit is not None:
            category, weight = hit
            if weight > best:
                best, source = weight, category
            break
    vl = vader_lexicon()
    valence = vl.get(word)
    if valence is None:
        for form in base_forms(word)[1:]:
            valence = vl.get(form)
            if valence is not None:
                break
    if valence is not None:
        mag = abs(valence)
        floor = VADER_FLOOR_POSITIVE if valence > 0 else VADER_FLOOR
        if mag > floor:
            vw = VADER_SCALE * (mag - floor) / (4.0 - floor)
            if vw > best:
                best, source = vw, "vader"
    if best < COMPOUND_WEIGHT and word.startswith(COMPOUND_PREFIXES) and word.count("-") == 1:
        best, source = COMPOUND_WEIGHT, "stance_compound"
    return best, source
