"""Detection (private): runs of capitalised words in the Document's tokens, classified into
candidate names with their kind and title."""

from __future__ import annotations

import re
from operator import and_
from typing import TYPE_CHECKING

from ..text import Document
from ._caseless import _is_common
from ._lexicon import (
    CONNECTORS,
    DEMONYMS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    LOCATIONS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_SUFFIX_LOWER,
    PLACE_HEADS,
    PLACE_PREFIXES,
    ROLE_WORDS,
    THING_HEADS,
)
from ._names import (
    _LOCATION_ALIASES,
    _MONTH_NAMES,
    _OF_FOR,
    _PLACE_PREPOSITIONS,
    _bare_low,
    _Cand,
    _first_char,
    _is_acronym,
    _new_cand,
    _strip_possessive,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..text import Token

__all__ = []

# ------------------------------------------------------------------------------------------------
# detection
# ------------------------------------------------------------------------------------------------
def _is_headline(toks: tuple[Token, ...]) -> bool:
    """Title case without a final full stop (a headline or a 'read more' line)."""
    if not toks or toks[-1].text in {".", "!", "?", "”", '"', "…"}:
        return False
    words = [t for t in toks if t.kind == "word" and len(t.text) > 3]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps / len(words) >= 0.7


def _runs(toks: tuple[Token, ...], cap: list[bool], doc: Document, off: int) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs (connectors, honorific dots and initials inside).

    ``toks`` is ``doc.tokens[off:...]`` (one sentence), ``cap[i]`` says whether ``toks[i]`` is a
    capitalised word; the Document's token columns are read instead of the tokens.
    """
    texts = doc.token_texts
    starts = doc.token_starts
    ends = doc.token_ends
    kinds = doc.token_kinds
    out = []
    n = len(toks)
    i = 0
    while i < n:
        if not cap[i]:
            try:
                i = cap.index(True, i + 1)
            except ValueError:
                break
            continue
        j = i + 1
        while j < n:
            ptext = texts[off + j - 1]
            if ptext[-1] in "'’ʼ" or ptext[-2:] in {"'s", "’s", "ʼs"}:  # a possessive ends the name
                break
            gap = starts[off + j] - ends[off + j - 1]
            if gap == 1 and doc.text[starts[off + j] - 1] in "\n\r":  # a line break ends a name
                break
            if cap[j] and gap <= 1:
                j += 1
                continue
            nxt_cap = j + 1 < n and cap[j + 1]
            if not nxt_cap:
                break
            ttext = texts[off + j]
            if (
                ttext == "."
                and starts[off + j] == ends[off + j - 1]
                and (ptext.lower() in HONORIFICS or (len(ptext) == 1 and ptext.isupper()))
            ):
                j += 2
                continue
            if kinds[off + j] == "word" and ttext in CONNECTORS:
                j += 2
                continue
            break
        out.append((i, j))
        i = j
    return out


_ROMAN = frozenset({"i", "ii", "iii", "iv", "v"})
_HYPHEN_TITLE = frozenset({"born", "based", "elect", "backed", "led", "run", "designate", "in-chief"})


def _hyphen_title(low: str) -> bool:
    """A hyphenated title word: "President-elect", "Canada-born", "British-Israeli"."""
    parts = low.split("-")
    return any(p in ROLE_WORDS or p in DEMONYMS or p in LOCATIONS or p in _HYPHEN_TITLE for p in parts)


def _verb_like(low: str, n_words: int) -> bool:
    """A title-case verb form: "-ed"/"-ing" of a common word, "-s" too after two name words."""
    if low[-2:] in {"'s", "’s"} or not low.isalpha():
        return False
    if low.endswith("ing") and len(low) > 5:
        return True
    if low.endswith("ed") and len(low) > 4:
        return _is_common(low[:-2]) or _is_common(low[:-1]) or _is_common(low)
    if n_words >= 3 and low.endswith("s") and not low.endswith("ss"):
        return _is_common(low[:-1]) or (low.endswith("es") and _is_common(low[:-2]))
    return False


def _place_prefix(lows: list[str], kinds: list[str], a: int, b: int) -> int:
    """Number of words (1 to 3) of a place name starting at token ``a`` (before ``b``), or 0."""
    for n in (3, 2, 1):
        if a + n > b or any(kinds[x] != "word" for x in range(a, a + n)):
            continue
        low = " ".join(lows[a : a + n])
        if low in LOCATIONS or low in _LOCATION_ALIASES:
            return n
    return 0


def _classify_run(
    doc: Document, toks: tuple[Token, ...], i: int, j: int, si: int, is_first: bool, off: int = 0
) -> list[_Cand]:
    """Candidates of the run ``toks[i:j]``; ``toks`` is ``doc.tokens[off:...]`` (one sentence)."""
    text = doc.text
    all_lows = doc.token_lowers
    all_kinds = doc.token_kinds
    all_texts = doc.token_texts
    # drop leading function words ("The", "In") and note "the"
    k = i
    has_the = i > 0 and all_lows[off + i - 1] == "the"
    while k < j and all_kinds[off + k] == "word" and all_lows[off + k] in FUNCTION_WORDS:
        has_the = all_lows[off + k] == "the"
        k += 1
    if k >= j:
        return []
    sentence_initial = is_first and k == i
    # a verb in title case after the name ("Evan Gershkovich Appears", "Bashar Assad Ended")
    while j - k >= 2 and _verb_like(all_lows[off + j - 1], j - k):
        j -= 1
    # an "-ing"/"-ed" word at the start of a sentence ("Regarding Assad", "Ousted President Assad")
    if sentence_initial and j - k >= 2 and _verb_like(all_lows[off + k], 3):
        k += 1
        sentence_initial = False
    # split at never-names (days, months)
    pieces: list[tuple[int, int]] = []
    s = k
    for m in range(k, j):
        low_m = _bare_low(all_texts[off + m])
        if low_m in NOT_NAMES and not (m > k and low_m in _MONTH_NAMES):  # "Theresa May" is a name
            if m > s:
                pieces.append((s, m))
            s = m + 1
    if s < j:
        pieces.append((s, j))
    if len(pieces) != 1 or pieces[0] != (k, j):
        out = []
        for a, b in pieces:
            while a < b and all_kinds[off + a] != "word":
                a += 1
            if a < b:
                out.extend(_classify_run(doc, toks, a, b, si, is_first and a == i, off))
        return out
    last = toks[j - 1]
    last_bare = _strip_possessive(last.text)
    end = last.start + len(last_bare)
    full = text[toks[k].start : end]
    full_low = full.lower()
    if j - k == 1 and all_kinds[off + k] == "word":  # a one-word run (most runs)
        lows = [all_lows[off + k]]
    else:
        lows = [all_lows[x] for x in range(off + k, off + j) if all_kinds[x] == "word"]
    lows[-1] = _strip_possessive(lows[-1])
    # organisations
    if lows[-1] in THING_HEADS or (len(lows) > 1 and lows[-2] == "war" and lows[-1] in _ROMAN):
        return []  # "North American Free Trade Agreement", "Cold War", "Winter Olympics", "War II"
    if lows[-1] in PLACE_HEADS or (len(lows) > 1 and lows[0] in PLACE_PREFIXES) or full_low in LOCATIONS:
        return [_new_cand((toks[k].start, end, full, "location", si, "", toks[k].start, sentence_initial))]
    is_org = (
        lows[-1] in ORG_HEADS
        or (
            len(lows) > 1
            and any(lows[x] in ORG_HEADS and lows[x + 1] in _OF_FOR for x in range(len(lows) - 1))
        )
        or full_low in KNOWN_ORGS
        or (
            len(lows) == 1
            and _is_acronym(last_bare)
            and full_low not in LOCATIONS
            and full_low not in DEMONYMS
        )
    )
    nxt = toks[j] if j < len(toks) else None
    if (
        not is_org
        and nxt is not None
        and last_bare == last.text
        and nxt.kind == "word"
        and nxt.text.lower() in ORG_SUFFIX_LOWER
    ):
        nb = _strip_possessive(nxt.text)
        end = nxt.start + len(nb)
        return [
            _new_cand(
                (toks[k].start, end, text[toks[k].start : end], "organization", si, "", toks[k].start, False)
            )
        ]
    if is_org:
        # "Russian Defense Ministry" keeps its adjective; a leading title word does not belong to it
        return [
            _new_cand((toks[k].start, end, full, "organization", si, "", toks[k].start, sentence_initial))
        ]
    if full_low in GROUP_WORDS:  # "Russians", "Democrats"
        return [_new_cand((toks[k].start, end, full, "group", si, "", toks[k].start, sentence_initial))]
    # split title from name: the title ends at the last role/honorific/demonym word followed by a name
    name_k = k
    m = k
    while m < j:
        low = all_lows[off + m]
        if all_kinds[off + m] != "word":
            m += 1
            continue
        if (
            low in HONORIFICS
            or low in ROLE_WORDS
            or low in DEMONYMS
            or low in CONNECTORS
            or ("-" in low and _hyphen_title(low))
        ):
            m += 1
            name_k = m
            continue
        # a place or a name before a role word ("Moscow Mayor", "Trump envoy") belongs to the title
        if low in LOCATIONS and any(
            x.kind == "word" and ((r := x.text.lower()) in ROLE_WORDS or r in HONORIFICS)
            for x in toks[m + 1 : j]
        ):
            m += 1
            name_k = m
            continue
        # a place before a name of two words or more: "(President of) Ukraine Volodymyr
        # Zelensky", "Middle East Steve Witkoff"; after a title it belongs to the title, at the
        # start of the run it is a mention of its own
        n_loc = _place_prefix(all_lows, all_kinds, off + m, off + j)
        if n_loc and j - (m + n_loc) >= 2 and not any(
            all_lows[x] in CONNECTORS for x in range(off + m + n_loc, off + j)
        ):
            if name_k > k:
                m += n_loc
                name_k = m
                continue
            first = toks[m + n_loc - 1]
            loc_end = first.start + len(_strip_possessive(first.text))
            loc = _new_cand(
                (toks[m].start, loc_end, text[toks[m].start : loc_end], "location", si, "", toks[m].start, sentence_initial)
            )
            return [loc, *_classify_run(doc, toks, m + n_loc, j, si, False, off)]
        break
    while name_k < j and all_kinds[off + name_k] != "word":
        name_k += 1
    # lower-case role words right before the run ("national security adviser Keith Kellogg")
    title_start = toks[k].start
    b = i - 1
    while (
        b >= 0 and all_kinds[off + b] == "word" and (bt := all_texts[off + b]).islower() and bt in ROLE_WORDS
    ):
        title_start = toks[b].start
        b -= 1
    if b >= 0 and title_start < toks[k].start and _strip_possessive(toks[b].text) != toks[b].text:
        pass  # "Putin's aide": the possessor is its own mention; the title is the role word
    if name_k >= j:
        return []  # only a title ("Senior U.S. officials"): nothing named here
    # "of"/"for" inside the name: "Assad of Syria", "Whelan for Viktor Bout", "Mother of Alexei
    # Navalny"; not "Observatory for Human Rights" (common words after it: an organisation)
    for x in range(name_k + 1, j - 1):
        if all_kinds[off + x] != "word" or all_lows[off + x] not in _OF_FOR:
            continue
        right = [all_lows[y] for y in range(off + x + 1, off + j) if all_kinds[y] == "word"]
        if all(_is_common(_strip_possessive(w)) for w in right):
            break
        n_left = all_kinds[off + name_k : off + x].count("word")
        out_l = [] if (n_left == 1 and len(right) >= 2) else _classify_run(doc, toks, i, x, si, is_first, off)
        return out_l + _classify_run(doc, toks, x + 1, j, si, False, off)
    start = toks[name_k].start
    name = text[start:end]
    title = text[title_start:start].strip()
    low = name.lower()
    if low in _LOCATION_ALIASES or low in LOCATIONS:
        kind = "location"
    elif low in GROUP_WORDS:
        kind = "group"
    elif low in DEMONYMS or low.rsplit(" ", 1)[-1] in DEMONYMS:
        return []  # an adjective ("Central American")
    elif title or all_kinds[off + name_k : off + j].count("word") >= 2:
        kind = "person"
    elif has_the:
        kind = "organization"
    elif i > 0 and toks[i - 1].text in _PLACE_PREPOSITIONS:
        kind = "place?"  # "in Tijuana": a place unless the word is a person's name elsewhere
    elif (
        nxt is not None
        and last_bare == last.text
        and nxt.kind == "word"
        and nxt.text.islower()
        and nxt.text in ROLE_WORDS
        and nxt.text not in DEMONYMS
    ):
        kind = "person"  # "Trump envoy", "Putin aide"
    else:
        kind = "single"
    return [
        _new_cand(
            (
                start,
                end,
                name,
                kind,
                si,
                title,
                title_start if title else start,
                sentence_initial and name_k == k,
            )
        )
    ]


_PARTICLE_RE = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|d|l)[-'’][A-ZÀ-Ý]")


def _detect(doc: Document) -> tuple[list[_Cand], list[int], list[int]]:
    """Candidates of the cased sentences, the headline sentences and the caseless sentences."""
    cands: list[_Cand] = []
    headlines: list[int] = []
    caseless: list[int] = []
    lower: list[int] = []
    text = doc.text
    tokens = doc.tokens
    kinds = doc.token_kinds
    lows = doc.token_lowers
    # capitalised words, with C-level maps: kind is "word" and the first character is upper case
    texts = doc.token_texts
    cap_all = list(map(and_, map("word".__eq__, kinds), map(str.isupper, map(_first_char, texts))))
    for x, t in enumerate(texts):  # "al-Assad", "bin-Salman", "d'Estaing": a name with its particle
        if not cap_all[x] and len(t) > 3 and kinds[x] == "word" and _PARTICLE_RE.match(t):
            cap_all[x] = True
    function_words = FUNCTION_WORDS
    for si, sent in enumerate(doc.sentences):
        a, b = sent.token_start, sent.token_end
        cap = cap_all[a:b]
        if True not in cap:  # no capitalised word: neither a headline nor a name (in cased text)
            lower.append(si)
            continue
        seg = text[sent.start : sent.end]
        if seg.isupper() and b - a >= 3:  # ALL CAPS: capitals say nothing here
            caseless.append(si)
            continue
        toks = tokens[a:b]
        if _is_headline(toks):
            headlines.append(si)
            continue
        try:
            first_word: int | None = kinds.index("word", a, b) - a
        except ValueError:
            first_word = None
        for i, j in _runs(toks, cap, doc, a):
            if j == i + 1 and lows[a + i] in function_words:
                continue  # a lone capitalised function word ("The", "But"): nothing named
            cands.extend(_classify_run(doc, toks, i, j, si, i == first_word, a))
    # a lower-case text (most sentences without a capital): its sentences are caseless too
    if lower and 2 * len(lower) >= len(doc.sentences):
        caseless = sorted(caseless + lower)
    return cands, headlines, caseless


