"""Citation finding: outlet mentions plus a citing cue next to them (private).

A *mention* is a gazetteer name or alias, or an unknown name that looks like an outlet (a
capitalised name ending in a media word such as Times/Post/News, or one next to a media noun such
as "news agency"). A mention is a *citation* only if a cue ties it to reporting: "according to M",
"citing M", "told M", "M reported", "a M report", "(M) —" datelines, "Read more on M", ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text import Document
from ._gazetteer import Gazetteer, normalize_outlet

__all__ = ["Citation", "extract_citations"]

_CAP = r"[A-Z][\w&'’.-]*"
_MEDIA_HEAD = (
    r"(?:Times|Post|News|Journal|Herald|Agency|TV|Radio|Daily|Gazette|Gazeta|Tribune|Telegraph|"
    r"Chronicle|Observer|Wire|Press|Magazine|Network|Broadcasting|Standard|Examiner|Inquirer|"
    r"Courier|Sentinel|Bulletin|Dispatch|Express|Monitor|Register|Independent|Insider|Media|"
    r"Pravda|Vedomosti|Channel|Review|Report|Newsweek|Today)"
)
# a capitalised name ending in a media word: "Novaya Gazeta", "Kyiv Daily News", "The Moscow Post"
_UNKNOWN_HEAD_RE = re.compile(rf"(?<![\w.])(?:[Tt]he\s+)?(?:{_CAP}\s+){{1,4}}{_MEDIA_HEAD}(?![\w])")
_MEDIA_NOUN = (
    r"(?:news\s+(?:agency|outlet|site|website|channel|network|service|portal|wire)|newspaper|"
    r"broadcaster|daily|weekly|tabloid|magazine|publication|outlet|TV\s+channel|television\s+channel|"
    r"television|radio\s+station|radio|news\s+site)"
)
# "the newspaper Kommersant", "the Russian state news agency Zvezda" / "the Izvestia newspaper"
_NOUN_THEN_NAME_RE = re.compile(rf"\b{_MEDIA_NOUN}\s+((?:{_CAP})(?:\s+{_CAP}){{0,3}})")
_NAME_THEN_NOUN_RE = re.compile(rf"\b[Tt]he\s+((?:{_CAP})(?:\s+{_CAP}){{0,3}})\s+{_MEDIA_NOUN}\b")
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "As",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Read",
        "More",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)

_REPORT_NOUN = (
    r"report|reports|reporting|article|story|investigation|interview|analysis|poll|survey|piece|op-ed|"
    r"editorial|column|broadcast|documentary|podcast|exclusive|dispatch|correspondent|reporter|"
    r"journalist|tally|count|estimate|data|review|footage|video|feed"
)
# cues that end right before the mention (matched on the text before it, anchored at its end)
_BEFORE = [
    (
        "according to",
        re.compile(
            r"\baccording\s+to\s+(?:(?:a|an|the)\s+)?(?:(?:new|recent|latest|earlier|exclusive|separate)\s+)?"
            rf"(?:(?:{_REPORT_NOUN})\s+(?:by|from|in|on|published\s+by|for)\s+)?$",
            re.IGNORECASE,
        ),
    ),
    (
        "citing",
        re.compile(
            r"\b(?:citing|cited|quoting|quoted)\s+(?:(?:a|an|the)\s+)?(?:(?:new|recent|earlier)\s+)?"
            rf"(?:(?:{_REPORT_NOUN}|sources?)\s+(?:by|from|in|on|of|with|cited\s+by|published\s+by)\s+)?$",
            re.IGNORECASE,
        ),
    ),
    ("told", re.compile(r"\b(?:told|tells|tell|telling)\s+$", re.IGNORECASE)),
    (
        "reported by",
        re.compile(
            r"\b(?:first\s+|originally\s+|earlier\s+|previously\s+|initially\s+)?"
            r"(?:reported|revealed|published|broken|disclosed|obtained|seen|reviewed|cited|quoted|"
            r"aired|broadcast|confirmed|carried|shared|released|run|verified|analy[sz]ed|conducted|"
            r"commissioned|produced|sponsored)"
            r"\s+(?:first\s+|earlier\s+)?(?:by|to|in|on|with|for)\s+$",
            re.IGNORECASE,
        ),
    ),
    (
        "interview with",
        re.compile(
            r"\b(?:interview|interviews|conversation|remarks|appearance|op-ed|column|statement|essay|"
            r"podcast|broadcast|article|piece|comments|remarks|speaking|spoke|talking|talked|speaks|"
            r"appeared|appearing|said|says|wrote|writing|written|writes|write|published)"
            r"\s+(?:with|to|on|in|for)\s+$",
            re.IGNORECASE,
        ),
    ),
    (
        "as reported by",
        re.compile(
            r"\b(?:as|like)\s+(?:first\s+|previously\s+|earlier\s+)?(?:reported|noted|revealed)\s+(?:by|in)\s+$",
            re.IGNORECASE,
        ),
    ),
    ("per", re.compile(r"(?:^|[\s(,;—–-])(?:per|via)\s+$", re.IGNORECASE)),
    (
        "read more on",
        re.compile(
            r"\b(?:read\s+more\s+(?:on|at|in|from)|more\s+(?:on|at)|subscribe\s+to|follow|source:|sources:)\s+$",
            re.IGNORECASE,
        ),
    ),
]
# cues right after the mention (anchored at its end)
_AFTER_VERB_RE = re.compile(
    r"^(?:['’]s?)?\s*(?:,\s*(?:which|who)\s+)?"
    r"(?:(?:has|had|have|was|were|is|also|first|previously|earlier|exclusively|originally|later|"
    r"separately|initially|then|now|itself|just)\s+)*"
    r"(reported|reports|reporting|report|wrote|writes|write|revealed|reveals|published|publishes|"
    r"learned|learnt|learns|cited|cites|quoted|quotes|noted|notes|obtained|confirmed|confirms|"
    r"broke|first\s+reported|broadcast|aired|announced|claimed|claims|understands|said|says|"
    r"described|describes|estimated|estimates|found|finds|counted|analy[sz]ed|verified|disclosed)\b",
)
_AFTER_CITING_RE = re.compile(r"^\s*,\s*(citing|quoting)\b")
_AFTER_NOUN_RE = re.compile(
    rf"^(?:['’]s?)?\s+(?:(?:own|new|recent|latest|earlier|exclusive|separate|original|"
    rf"investigative|senior|chief|White\s+House|Moscow|Kyiv|Washington|London|foreign|"
    rf"political|national|security)\s+)?({_REPORT_NOUN})\b",
)
_TRAILING_THE_RE = re.compile(r"(?<=\s)[Tt]he\s+$")
_COORD_RE = re.compile(r"^\s*(?:,\s*)?(?:and|or|&|as\s+well\s+as)\s+(?:[Tt]he\s+)?$|^\s*,\s*(?:[Tt]he\s+)?$")
_NAME_BEFORE_RE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+\.?)\s+$")
_FUNCTION_CAPS_WORDS = (
    "The A An According Citing Told Tells As In On At Per Via Speaking Writing Asked Quoted Reported Read "
    "Source Sources More Follow Subscribe Like By To For With From And Or But While After Before When "
    "Says Said Reports Meanwhile Separately Also Earlier Later Yesterday Today Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday Interview Watch Listen Exclusive Update Updated"
)
_FUNCTION_CAPS = frozenset(_FUNCTION_CAPS_WORDS.split())
_DATELINE_BEFORE_RE = re.compile(r"\(\s*$")
_DATELINE_AFTER_RE = re.compile(r"^\s*\)\s*[—–-]")
_SELF_ONLY_CUES = frozenset({"read more on"})
# bare heads that usually refer back to a named outlet: "the Journal reported"
_GENERIC_HEADS = frozenset(
    {"Times", "Post", "Journal", "Globe", "Herald", "Guardian", "Telegraph", "Tribune"}
)
_GENERIC_RE = re.compile(r"(?<![\w.])[Tt]he\s+(Times|Post|Journal|Globe|Herald|Tribune)(?![\w])")


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of an outlet in a text (offsets into the text)."""

    start: int
    end: int
    mention: str
    cited_outlet: str
    known: bool
    cue: str
    cue_start: int
    cue_end: int
    relation: str
    core: bool
    sentence: int


def _mentions(text: str, gazetteer: Gazetteer, own: str | None = None) -> list[tuple[int, int, str, bool]]:
    """Outlet mentions ``(start, end, canonical, known)``, non-overlapping, in order.

    ``own`` is the canonical name of the article's outlet: a bare "the Times" in a New York Times
    article with no other Times named before it is the article's own paper.
    """
    found: list[tuple[int, int, str, bool]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    for m in gazetteer.pattern.finditer(text):
        form = m.group()
        if " " not in form:
            # a one-word name after a capitalised first name or title is a person: "Michael Bloomberg"
            pm = _NAME_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
            if pm and pm.group(1) not in _FUNCTION_CAPS:
                continue
        found.append((m.start(), m.end(), gazetteer.forms[form], True))
        taken.append((m.start(), m.end()))
    # generic heads ("the Journal") refer back to the last outlet named with that head word
    for m in _GENERIC_RE.finditer(text):
        head = m.group(1)
        prior = [c for s, _, c, _ in found if s < m.start() and c.split()[-1] == head]
        if not prior and own is not None and own.split()[-1] == head:
            prior = [own]
        if prior and (m.start(), m.end()) not in taken and free(m.start(), m.end()):
            found.append((m.start(), m.end(), prior[-1], True))
            taken.append((m.start(), m.end()))
        elif prior:
            found = [(s, e, prior[-1] if (s, e) == (m.start(), m.end()) else c, k) for s, e, c, k in found]
    for regex, group in ((_UNKNOWN_HEAD_RE, 0), (_NOUN_THEN_NAME_RE, 1), (_NAME_THEN_NOUN_RE, 1)):
        for m in regex.finditer(text):
            s, e = m.span(group)
            name = m.group(group)
            words = name.split()
            while words and words[0] in _NOT_NAMES and words[0] != "The" and len(words) > 1:
                s += len(words[0]) + 1
                words = words[1:]
                name = " ".join(words)
            if not words or (len(words) == 1 and words[0] in _NOT_NAMES) or words == ["The"]:
                continue
            if not free(s, e):
                continue
            canonical = gazetteer.canonical(name) or re.sub(r"^the\s+", "The ", name)
            found.append((s, e, canonical, gazetteer.canonical(name) is not None))
            taken.append((s, e))
    found.sort()
    return found


def _cue(text: str, s: int, e: int, lo: int, hi: int) -> tuple[str, int, int] | None:
    """The cue tying the mention at ``[s, e)`` to reporting, within the sentence ``[lo, hi)``."""
    before = text[max(lo, s - 90) : s]
    base = s - len(before)
    m_the = _TRAILING_THE_RE.search(before)
    if m_the:
        before = before[: m_the.start()]
    after = text[e : min(hi, e + 90)]
    if _DATELINE_BEFORE_RE.search(before) and _DATELINE_AFTER_RE.match(text[e : min(len(text), e + 6)]):
        return "dateline", s - 1, e + 1
    for name, regex in _BEFORE:
        m = regex.search(before)
        if m:
            piece = m.group()
            lead_ws = len(piece) - len(piece.lstrip(" \t(,;—–-"))
            return name, base + m.start() + lead_ws, base + m.start() + len(piece.rstrip())
    m = _AFTER_CITING_RE.match(after)
    if m:
        return "citing", e + m.start(1), e + m.end(1)
    m = _AFTER_VERB_RE.match(after)
    if m:
        word = re.sub(r"\s+", " ", m.group(1).lower())
        return word, e + m.start(1), e + m.end(1)
    m = _AFTER_NOUN_RE.match(after)
    if m:
        return m.group(1).lower(), e + m.start(1), e + m.end(1)
    return None


def _lead_sentences(doc: Document, n: int) -> set[int]:
    """Indices of the lead: the first ``n`` sentences, skipping a headline-like first line."""
    sents = doc.sentences
    first = 0
    if len(doc.paragraphs) > 1 and sents:
        p0 = doc.paragraphs[0]
        in_p0 = [i for i, s in enumerate(sents) if s.paragraph == 0]
        if len(in_p0) == 1 and p0.text.rstrip()[-1:] not in ".!?\"”’'":
            first = 1
    return set(range(first, min(len(sents), first + n)))


def extract_citations(
    doc: Document,
    *,
    gazetteer: Gazetteer,
    outlet: str | None,
    lead: int,
    min_repeat: int,
) -> list[Citation]:
    """Citations in ``doc``; see :func:`compare.align.provenance.find_citations`."""
    text = doc.text
    if not doc.sentences:
        return []
    own = None
    if outlet is not None:
        own = normalize_outlet(gazetteer.canonical(outlet) or outlet)
    own_canonical = None if outlet is None else (gazetteer.canonical(outlet) or outlet)
    raw = []
    prev: tuple[int, tuple[str, int, int], int] | None = None  # end, cue, sentence of last citation
    for s, e, canonical, known in _mentions(text, gazetteer, own_canonical):
        si = doc.sentence_at(s)
        if si is None:
            continue
        sent = doc.sentences[si]
        cue = _cue(text, s, e, sent.start, sent.end)
        if cue is None and prev is not None and prev[2] == si and _COORD_RE.match(text[prev[0] : s]):
            cue = prev[1]  # "conducted for NPR and PBS": the second outlet shares the cue
        if cue is None:
            continue
        prev = (e, cue, si)
        relation = "self" if own is not None and normalize_outlet(canonical) == own else "source"
        raw.append((s, e, canonical, known, cue, relation, si))
    lead_set = _lead_sentences(doc, lead)
    sentences_by_outlet: dict[str, set[int]] = {}
    for _s, _e, canonical, _known, _cue_info, relation, si in raw:
        if relation == "source":
            sentences_by_outlet.setdefault(canonical, set()).add(si)
    out = []
    for s, e, canonical, known, (cue, cs, ce), relation, si in raw:
        core = relation == "source" and (
            si in lead_set or cue == "dateline" or len(sentences_by_outlet.get(canonical, ())) >= min_repeat
        )
        if cue in _SELF_ONLY_CUES:
            core = False
        cue_text = cue if cue == "dateline" else " ".join(text[cs:ce].lower().split())
        out.append(Citation(s, e, text[s:e], canonical, known, cue_text, cs, ce, relation, core, si))
    return out
