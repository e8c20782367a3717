"""Rule-based parts of attribution extraction: content spans, direct/indirect, source types."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from ._features import PRONOUNS

__all__ = ["content_span", "quote_kind", "source_type"]

_QUOTE_CHARS = frozenset('"“”«»„')
_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")"})
_SKIP_RIGHT = frozenset({"that", "whether", "if", ",", ":", "—", "–", "to"})
_TRAIL = frozenset({".", "!", "?", ",", ";", ":", "—", "–", "…"})
_quote_end = attrgetter("end")


def _quotes_between(doc: Any, s: int, e: int) -> list[Any]:
    """The quotations of ``doc`` that may overlap the characters ``s:e`` (a superset; by bisection
    over the quotation ends)."""
    qs = sorted(doc.quotes, key=_quote_end)
    ends = [q.end for q in qs]
    out = []
    for k in range(bisect_right(ends, s), len(qs)):
        q = qs[k]
        if q.start >= e:
            break
        out.append(q)
    return out


def content_span(
    doc: Any, lo: int, hi: int, cue: tuple[int, int], source: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Character span of the content for a cue (token range) in sentence tokens ``lo:hi``.

    Quotations touching the cue's sentence (and not containing the cue) are the content; otherwise
    the clause on the other side of the source and cue: the rest of the sentence after them
    (skipping "that" or a colon), or the part before them when they close the sentence
    ("..., officials said.").
    """
    toks = doc.tokens
    sent = doc.sentences[toks[cue[0]].sentence]
    cue_c0, cue_c1 = toks[cue[0]].start, toks[cue[1] - 1].end
    quotes = [
        q
        for q in _quotes_between(doc, sent.start, sent.end)
        if q.start < sent.end and q.end > sent.start and not (q.inner_start <= cue_c0 < q.inner_end)
    ]
    attr_lo = cue[0] if source is None else min(cue[0], source[0])
    attr_hi = cue[1] if source is None else max(cue[1], source[1])
    # the clause to the right of the attribution
    r0 = attr_hi
    while r0 < hi and toks[r0].text.lower() in _SKIP_RIGHT:
        r0 += 1
    r1 = hi
    while r1 > r0 and toks[r1 - 1].text in _TRAIL:
        r1 -= 1
    # the clause to the left
    l1 = attr_lo
    while l1 > lo and (toks[l1 - 1].text in _TRAIL or toks[l1 - 1].text in _QUOTE_CHARS):
        l1 -= 1
    l0 = lo
    right_len = r1 - r0
    left_len = l1 - l0
    if quotes:
        qs = min(q.inner_start for q in quotes)
        qe = max(q.inner_end for q in quotes)
        # a quotation on the far side of the cue only: keep the quote
        if qe <= cue_c0 or qs >= cue_c1:
            return qs, qe
        # quotes on both sides of the cue: the side with the longer quote
        left = [q for q in quotes if q.inner_end <= cue_c0]
        right = [q for q in quotes if q.inner_start >= cue_c1]
        if left and right:
            lq = (min(q.inner_start for q in left), max(q.inner_end for q in left))
            rq = (min(q.inner_start for q in right), max(q.inner_end for q in right))
            return lq if lq[1] - lq[0] >= rq[1] - rq[0] else rq
    if right_len >= 3 and (right_len >= left_len or attr_lo - lo <= 2):
        return toks[r0].start, toks[r1 - 1].end
    if left_len >= 2:
        return toks[l0].start, toks[l1 - 1].end
    if right_len >= 1:
        return toks[r0].start, toks[r1 - 1].end
    return None


def quote_kind(doc: Any, content: tuple[int, int] | None) -> str:
    """``"direct"`` (content all quoted), ``"mixed"`` (partly quoted) or ``"indirect"``."""
    if content is None:
        return "indirect"
    s, e = content
    quoted = 0
    for q in _quotes_between(doc, s, e):
        a, b = max(s, q.inner_start), min(e, q.inner_end)
        if b > a:
            quoted += b - a
    if quoted == 0:
        return "indirect"
    span = doc.text[s:e]
    core = len(span.strip(' \t\n"“”«»„,.:;'))
    return "direct" if quoted >= core - 2 else "mixed"


# ---------------------------------------------------------------------------------------------
# Source types
# ---------------------------------------------------------------------------------------------
_MEDIA_WORDS = frozenset(
    [
        "times",
        "post",
        "journal",
        "news",
        "reuters",
        "ap",
        "afp",
        "bloomberg",
        "cnn",
        "msnbc",
        "fox",
        "bbc",
        "guardian",
        "telegraph",
        "economist",
        "politico",
        "axios",
        "tass",
        "ria",
        "interfax",
        "gazette",
        "herald",
        "tribune",
        "chronicle",
        "magazine",
        "newspaper",
        "outlet",
        "network",
        "broadcaster",
        "radio",
        "television",
        "tv",
        "channel",
        "agency",
        "gaze",
        "wire",
        "daily",
        "weekly",
        "examiner",
        "observer",
        "breitbart",
        "huffpost",
        "npr",
        "pbs",
        "abc",
        "cbs",
        "nbc",
        "vox",
        "slate",
        "atlantic",
        "newsweek",
        "wsj",
        "nyt",
    ]
)
_MEDIA_PHRASES = re.compile(
    r"\b(associated press|wall street journal|new york times|washington post|financial times|"
    r"the newspaper|the paper|the outlet|the magazine|the broadcaster|the network|news agency|"
    r"state media|state television|local media|media reports?|press reports?)\b",
    re.IGNORECASE,
)
_DOCUMENT_WORDS = frozenset(
    [
        "statement",
        "statements",
        "report",
        "reports",
        "study",
        "studies",
        "poll",
        "polls",
        "survey",
        "surveys",
        "document",
        "documents",
        "letter",
        "letters",
        "memo",
        "memos",
        "filing",
        "filings",
        "data",
        "analysis",
        "records",
        "record",
        "email",
        "emails",
        "tweet",
        "tweets",
        "post",
        "release",
        "complaint",
        "lawsuit",
        "indictment",
        "transcript",
        "transcripts",
        "bill",
        "law",
        "order",
        "decree",
        "communique",
        "communiqué",
        "readout",
        "cable",
        "cables",
        "assessment",
        "estimate",
        "estimates",
        "figures",
        "census",
        "ruling",
        "verdict",
        "resolution",
        "proposal",
        "plan",
        "platform",
        "book",
        "article",
        "op-ed",
        "editorial",
        "video",
        "footage",
        "website",
        "page",
        "message",
        "messages",
        "note",
        "notes",
        "affidavit",
        "testimony",
        "findings",
        "research",
        "paper",
        "papers",
        "guidance",
    ]
)
_OFFICIAL_TITLES = frozenset(
    [
        "president",
        "vice",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "envoy",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "general",
        "gen",
        "admiral",
        "colonel",
        "commander",
        "chief",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "adviser",
        "advisor",
        "aide",
        "official",
        "officials",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "sheriff",
        "commissioner",
        "deputy",
        "leader",
        "speaker",
        "prime",
        "foreign",
        "defense",
        "defence",
        "interior",
        "press",
        "council",
        "councilman",
        "councilwoman",
        "lawmaker",
        "lawmakers",
        "diplomat",
        "ministry",
        "department",
        "kremlin",
        "pentagon",
        "parliament",
        "congress",
        "senate",
        "house",
        "government",
        "administration",
        "cabinet",
        "police",
        "army",
        "military",
        "agency",
        "committee",
        "court",
        "commission",
        "authorities",
        "authority",
        "embassy",
        "office",
        "campaign",
        "party",
        "fbi",
        "cia",
        "nato",
        "un",
        "eu",
        "who",
    ]
)
_INSTITUTIONS = frozenset(
    [
        "kremlin",
        "pentagon",
        "white",
        "house",
        "downing",
        "ministry",
        "department",
        "government",
        "administration",
        "parliament",
        "congress",
        "senate",
        "cabinet",
        "police",
        "army",
        "military",
        "agency",
        "committee",
        "court",
        "commission",
        "embassy",
        "office",
        "campaign",
        "party",
        "council",
        "fbi",
        "cia",
        "nato",
        "un",
        "eu",
        "who",
        "bank",
        "fund",
        "union",
    ]
)
_ANON_HEADS = frozenset(
    [
        "source",
        "sources",
        "people",
        "person",
        "persons",
        "diplomats",
        "diplomat",
        "officials",
        "official",
        "experts",
        "expert",
        "analysts",
        "analyst",
        "critics",
        "critic",
        "observers",
        "observer",
        "residents",
        "witnesses",
        "witness",
        "insiders",
        "insider",
        "aides",
        "aide",
        "advisers",
        "advisors",
        "adviser",
        "advisor",
        "supporters",
        "opponents",
        "voters",
        "many",
        "some",
        "others",
        "several",
        "few",
        "most",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "everybody",
        "nobody",
        "one",
        "ones",
        "members",
        "member",
        "staffers",
        "staff",
        "lawmakers",
        "republicans",
        "democrats",
        "conservatives",
        "liberals",
        "activists",
        "economists",
        "scientists",
        "researchers",
        "investors",
        "traders",
        "americans",
        "ukrainians",
        "russians",
        "europeans",
        "observers",
        "pundits",
        "commentators",
        "reports",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)
_ANON_MARKERS = re.compile(
    r"\b(familiar with|anonymity|anonymous|unnamed|not authori[sz]ed|declined to be (?:named|identified)|"
    r"who asked not|speaking on condition|close to|with knowledge|briefed on)\b",
    re.IGNORECASE,
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "some",
        "many",
        "several",
        "few",
        "most",
        "other",
        "another",
        "one",
        "two",
        "three",
        "these",
        "those",
    ]
)


def _is_name(tok_text: str) -> bool:
    return tok_text[:1].isupper()


def source_type(text: str, tokens: Sequence[str], *, outlet: str | None = None) -> str:
    """Type of a source span: person, official, anonymous, media, document or pronoun.

    Parameters
    ----------
    text : str
        The source span's text.
    tokens : sequence of str
        Its word tokens.
    outlet : str, optional
        The article's own outlet (a source naming it is ``media``).
    """
    words = [t for t in tokens if t[:1].isalnum()]
    if not words:
        return "anonymous"
    low = [w.lower().rstrip("’'s") if w.lower().endswith(("’s", "'s")) else w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return "pronoun"
    if outlet and outlet.lower() in text.lower():
        return "media"
    if _MEDIA_PHRASES.search(text):
        return "media"
    if _ANON_MARKERS.search(text):
        return "anonymous"
    head = low[-1]
    # capitalised tokens other than the first word of a determiner phrase
    caps = [w for w in words if _is_name(w)]
    content_caps = [w for w in caps if w.lower() not in _DETERMINERS]
    if head in _DOCUMENT_WORDS:
        return "document"
    if any(w in _MEDIA_WORDS for w in low) and content_caps:
        return "media"
    if head in _INSTITUTIONS or any(w in {"kremlin", "pentagon"} for w in low):
        return "official"
    if low[0] in {"the"} and len(low) >= 2 and "house" in low and "white" in low:
        return "official"
    if head in _ANON_HEADS or low[0] in {"many", "some", "several", "few", "most", "others"}:
        # "Western diplomats", "a senior official", "people familiar with the matter"
        return "anonymous"
    has_title = any(w in _OFFICIAL_TITLES for w in low)
    # a named person: the last word is capitalised (a name), possibly after a title
    if _is_name(words[-1]) and head not in _OFFICIAL_TITLES:
        return "official" if has_title else "person"
    if has_title:
        return "official"
    if content_caps:
        return "official"  # a capitalised organisation ("Amnesty International")
    return "anonymous"
