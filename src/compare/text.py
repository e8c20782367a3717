"""The Document: the one analysis of an article's text, shared by every scorer.

:func:`analyze_text` cuts a text once into paragraphs, sentences, tokens and quotation spans, all
with character offsets into the original string (``text[start:end]`` is the piece). Every score
family reads the :class:`Document`; none re-splits the raw text, so all families agree on what a
sentence is.

Sentence splitting is rule-based and tuned for news: abbreviations and titles ("U.S.", "Mr.",
"Sen.", "a.m.", "Jan."), initials ("John F. Kennedy"), decimals and money ("$3.5 billion"),
sentences that end inside quotation marks, and headlines or datelines without a full stop (a line
break always ends a sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from itertools import accumulate, chain, compress, cycle, repeat
from operator import itemgetter
from typing import NamedTuple

from ._sanitize import replace_surrogates
from ._validation import check_text
from .wordlists import QUOTE_SPEECH_VERBS

__all__ = [
    "Document",
    "Quote",
    "Sentence",
    "Span",
    "Token",
    "analyze_text",
    "as_document",
    "split_sentences",
    "tokenize",
]


class Span(NamedTuple):
    """A piece of text: ``text[start:end]``."""

    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    """A sentence with its offsets, its paragraph index and its token range.

    ``doc.tokens[token_start:token_end]`` are the sentence's tokens.
    """

    start: int
    end: int
    text: str
    paragraph: int
    token_start: int
    token_end: int


class Token(NamedTuple):
    """A token with its offsets and the index of its sentence.

    ``kind`` is ``"word"`` (letters, possibly with digits, apostrophes, hyphens or inner dots),
    ``"number"`` or ``"punct"``.
    """

    start: int
    end: int
    text: str
    sentence: int
    kind: str


class Quote(NamedTuple):
    """A quotation: ``start``/``end`` include the marks; ``inner_start``/``inner_end`` do not.

    ``closed`` is False for a quotation whose closing mark is missing; such a quote ends at the end
    of its paragraph, unless the next paragraph opens with a quotation mark (the news convention
    for a quote that runs across paragraphs), in which case it continues.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------
#: A number token: an optional currency prefix ("$", "€", "£", "¥", "US$", "$US", "A$", "C$", "NZ$",
#: "HK$", "S$", "R$", "Rs", "Rs."), digits with thousands separators, decimals or clock colons, an
#: optional range ("60-70", "$5-$10", "1,000–2,000") and an optional suffix: ordinal or decade
#: ("3rd", "1990s"), percent, a currency sign ("5€") or a magnitude ("$2bn", "£3m", "5k").
#: Non-capturing groups only: the token patterns below count their groups.
_NUMBER = r"""(?:(?:US|NZ|HK|AU|[ACSR])?\$(?:US|A|C)?|[€£¥]|Rs\.?)?\d+(?:[.,:]\d+)*(?:[-–](?:(?:US|NZ|HK|AU|[ACSR])?\$(?:US|A|C)?|[€£¥]|Rs\.?)?\d+(?:[.,:]\d+)*)?(?:%|st|nd|rd|th|s(?![A-Za-z])|[€£¥]|(?:bn|mn|tn|m|k)(?![A-Za-z]))?"""

_TOKEN_RE = re.compile(
    r"""
    (?=\S)(?:                                                      # skip whitespace fast
    (?P<abbr>(?:[A-Za-z]\.){2,}(?![A-Za-z]))                      # U.S.  a.m.  D.C.
    | (?P<number>{NUMBER})                                          # 3.5  $US346,807  A$4.56  Rs500  60-70  €5  5€  $2bn  30%  1990s
    | (?P<word>\w+(?:['’\-.]\w+)*(?:['’](?=\s|$))?)                 # don't  well-known  Zelensky’s
    | (?P<punct>\S))
    """.replace("{NUMBER}", _NUMBER),
    re.VERBOSE | re.UNICODE,
)


#: The same tokens as ``_TOKEN_RE`` (number and abbreviation swapped: their first characters
#: differ), one capture group per kind, for ``split``: no Match object per token.
_SPLIT_TOKEN_RE = re.compile(
    r"""
    (?=\S)(?:
    ({NUMBER})
    | ((?:[A-Za-z]\.){2,}(?![A-Za-z]) | \w+(?:['’\-.]\w+)*(?:['’](?=\s|$))?)
    | (\S))
    """.replace("{NUMBER}", _NUMBER),
    re.VERBOSE | re.UNICODE,
)
_SPLIT_KINDS = ("number", "word", "punct")


# group number of _TOKEN_RE -> token kind (abbreviations are words); with _TOKEN_RE, the readable
# specification that the tests hold the Document's tokens (_token_columns) to
_KIND = {1: "word", 2: "number", 3: "word", 4: "punct"}


def tokenize(text: str) -> list[tuple[int, int, str, str]]:
    """Split ``text`` into ``(start, end, text, kind)`` tuples (kind: word, number, punct)."""
    return list(zip(*_token_columns(text), strict=True))


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------
#: Abbreviations that (almost) never end a sentence when followed by a capitalised word.
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "gens", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "rev", "fr", "hon", "pres", "supt", "insp", "cong", "del", "v", "st", "jr", "sr", "messrs", "mmes", "mme", "mlle", "det", "atty", "dist", "ave", "blvd", "rd", "mt", "ft", "sq", "no", "nos", "vol", "vols", "fig", "figs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn", "est", "approx", "vs", "etc", "al", "cf", "ie", "eg", "ca", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nebr", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wisc", "wyo"]
)
#: Abbreviations after which a capitalised word usually *does* start a new sentence.
_STATES = frozenset(
    ["ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nebr", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wisc", "wyo"]
)
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "corp", "co", "ltd", "llc", "plc", "bros"}) | _STATES
#: Speech verbs: a quotation ending in ?/!/. followed by "<Name> said" does not end the sentence.
_SPEECH_VERBS = QUOTE_SPEECH_VERBS
#: Words that start sentences; after "U.S." or "a.m." they signal a boundary.
_STARTERS = frozenset(
    ["the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there", "but", "and", "or", "so", "yet", "however", "in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "his", "her", "its", "their", "our", "my", "what", "who", "why", "how", "where", "meanwhile", "still", "also", "then", "now", "later", "earlier", "today", "yesterday", "tomorrow", "instead", "indeed", "though", "although"]
)

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_CLOSERS = "\"'”’»)]}"
_QUOTE_CHAR_RE = re.compile('[“”«»„"]')
_OPENERS = "\"'“‘«([{"
# A candidate boundary: terminal punctuation (with closing quotes/brackets) followed by whitespace.
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)|[.!?…]+[\"'”’»)\]]*$")


_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Lines with content, trimmed; each line is a paragraph (headlines and datelines included)."""
    spans = []
    for m in _LINE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _word_before(text: str, pos: int, lo: int) -> str:
    """The token (letters and dots) that ends right before ``pos`` (the terminal punctuation)."""
    i = pos
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in ".'’-"):
        i -= 1
    return text[i:pos]


#: whitespace (``str.isspace``), opening marks (``_OPENERS``), then a word (``str.isalnum`` or ``'’-``)
_NEXT_WORD_RE = re.compile(r"\s*(?P<open>[\"'“‘«(\[{]*)(?P<word>(?:[^\W_]|['’\-])*)")


def _next_word(text: str, pos: int, hi: int) -> tuple[int, str]:
    """Skip whitespace and opening marks after ``pos``; return (index, following word)."""
    m = _NEXT_WORD_RE.match(text, pos, hi)
    return m.start("open"), m.group("word")  # type: ignore[union-attr]  # always matches


def _speech_follows(text: str, pos: int, hi: int) -> bool:
    """Whether one of the next four words (before any punctuation) is a speech verb."""
    words = re.match(r"[\w.’'\- ]{0,60}", text[pos:hi])
    if words is None:
        return False
    return any(w.strip(".’'-").lower() in _SPEECH_VERBS for w in words.group().split()[:4])


def _is_boundary(text: str, m: re.Match[str], lo: int, hi: int) -> bool:
    if m.end() >= hi:  # the end of the paragraph (nothing follows)
        return True
    punct = m.group()
    after_index, nxt = _next_word(text, m.end(), hi)
    if after_index >= hi:
        return True
    first = text[after_index]
    # the next sentence must start with a capital, a digit, an opening mark or a dash
    if nxt:
        starts_ok = nxt[0].isupper() or nxt[0].isdigit()
    else:
        starts_ok = first in _OPENERS or first in "—–-•*.…"
    if not starts_ok:
        return False
    if punct[0] in "?!" and punct[-1] in _CLOSERS and _speech_follows(text, after_index, hi):
        return False  # "Is that you?" Weiner replied.
    if punct[0] != ".":  # ! ? … : boundaries when followed by a capitalised word
        return True
    if len(punct) > 1 and punct.startswith(".."):
        return True  # ellipsis followed by a capital
    closing = punct.lstrip(".")
    word = _word_before(text, m.start(), lo)
    bare = word.rstrip(".").lower()
    if closing:  # ." or .) : the quotation ends the sentence
        return True
    if not word:
        return True
    if "." in word.rstrip("."):  # U.S. / a.m. / D.C. / Ph.D.
        return nxt.lower() in _STARTERS
    if bare in _ABBREVIATIONS:
        if bare in _SENTENCE_FINAL_ABBREVIATIONS:
            return nxt.lower() in _STARTERS
        if bare in {"no", "nos"} and not nxt[:1].isdigit():
            return True
        if bare in {"mar", "may", "jun", "jul", "sept", "sep", "dec", "ind", "miss", "wash", "la", "pa", "del", "ga"}:
            # real words too: an abbreviation only before a number ("Dec. 5") or a capitalised name
            return not (nxt[:1].isdigit() or (nxt[:1].isupper() and nxt.lower() not in _STARTERS))
        return False
    if len(word) == 1 and word.isupper():  # an initial: John F. Kennedy
        return nxt.lower() in _STARTERS and word not in "AI"
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; see the module docstring for the rules.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (int, int)
        Offsets, in order, without surrounding whitespace. Empty for blank text.

    Examples
    --------
    >>> t = "Mr. Smith paid $3.5 billion. He left the U.S. Army in Jan. 2020."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Mr. Smith paid $3.5 billion.', 'He left the U.S. Army in Jan. 2020.']
    """
    return [
        span for p_start, p_end in _paragraph_spans(text) for span in _split_paragraph(text, p_start, p_end)
    ]


def _split_paragraph(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    start = lo
    for m in _BOUNDARY_RE.finditer(text, lo, hi):
        if m.end() <= start:
            continue
        if _is_boundary(text, m, lo, hi):
            end = m.end()
            if end > start:
                out.append((start, end))
            nxt = end
            while nxt < hi and text[nxt].isspace():
                nxt += 1
            start = nxt
    if start < hi:
        out.append((start, hi))
    return out


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------


def _find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Double-quotation spans (straight or curly), robust to unbalanced marks.

    Straight quotes alternate open/close within a paragraph. An open quote left unclosed at the end
    of a paragraph continues into the next paragraph if that paragraph starts with an opening mark
    (news convention); otherwise it is closed at the paragraph end with ``closed=False``.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    for pi, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if open_at is not None and text[p_start] in _DOUBLE_OPEN + '"':
            # continuing quote: the paragraph opens with a quotation mark; skip that mark
            i = p_start + 1
        for m in _QUOTE_CHAR_RE.finditer(text, i, p_end):
            i = m.start()
            ch = text[i]
            if ch in _DOUBLE_OPEN:
                if open_at is not None:  # nested or missing close: close the old one unclosed
                    quotes.append(Quote(open_at, i, open_at + 1, i, False))
                open_at = i
            elif ch in _DOUBLE_CLOSE:
                if open_at is not None:
                    quotes.append(Quote(open_at, i + 1, open_at + 1, i, True))
                    open_at = None
                # a stray closing mark without an opening one is ignored
            elif ch == '"':
                if open_at is None:
                    open_at = i
                else:
                    quotes.append(Quote(open_at, i + 1, open_at + 1, i, True))
                    open_at = None
        if open_at is not None:
            nxt = paragraphs[pi + 1][0] if pi + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] in _DOUBLE_OPEN + '"':
                continue  # runs on into the next paragraph
            quotes.append(Quote(open_at, p_end, open_at + 1, p_end, False))
            open_at = None
    return quotes


# --------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Document:
    """The analysed text of one article. Build it with :func:`analyze_text`.

    Attributes
    ----------
    text : str
        The text, unchanged; every offset points into it.
    paragraphs : tuple of Span
        Non-empty lines, trimmed.
    sentences : tuple of Sentence
    tokens : tuple of Token
    quotes : tuple of Quote
        Double-quotation spans, including those running across paragraphs.
    token_texts, token_lowers, token_starts, token_ends, token_kinds, token_sentences : tuple
        The tokens column by column (text, lower-cased text, start and end offsets, kind, sentence
        index), for loops that read one attribute of many tokens; ``token_texts[i]`` is
        ``tokens[i].text``. Built once per Document, like every cached attribute here.
    sentence_starts : tuple of int
        Start offset of each sentence.

    Notes
    -----
    A Document holds the text's analysis only; what score families, actors and alignment compute
    from it is returned by them (see :mod:`compare.analysis`), never stored on the Document.
    """

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    quotes: tuple[Quote, ...]

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        return (
            f"Document({head!r}..., paragraphs={len(self.paragraphs)}, sentences={len(self.sentences)}, "
            f"tokens={len(self.tokens)}, quotes={len(self.quotes)})"
        )

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """Word tokens (letters), without numbers and punctuation."""
        return tuple(compress(self.tokens, map("word".__eq__, self.token_kinds)))

    @property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.words)

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        """Tokens of sentence ``index``."""
        s = self.sentences[index]
        return self.tokens[s.token_start : s.token_end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, or None."""
        import bisect

        starts = self.sentence_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        """Start offset of each sentence, ascending."""
        return tuple(s.start for s in self.sentences)

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation (marks included)."""
        return any(q.start <= offset < q.end for q in self.quotes)

    # Token arrays: the public, column-wise view of ``tokens`` that scorers, actors and alignment
    # read in their loops (as spaCy's ``Doc.to_array``). Tuples, built once per Document.
    @cached_property
    def token_texts(self) -> tuple[str, ...]:
        """Text of each token (``tokens[i].text``)."""
        return tuple(map(_token_text, self.tokens))

    @cached_property
    def token_starts(self) -> tuple[int, ...]:
        """Start offset of each token, ascending."""
        return tuple(t.start for t in self.tokens)

    @cached_property
    def token_ends(self) -> tuple[int, ...]:
        """End offset of each token."""
        return tuple(t.end for t in self.tokens)

    @cached_property
    def token_kinds(self) -> tuple[str, ...]:
        """Kind of each token: ``"word"``, ``"number"`` or ``"punct"``."""
        return tuple(map(_token_kind, self.tokens))

    @cached_property
    def token_lowers(self) -> tuple[str, ...]:
        """Lower-cased text of each token."""
        return tuple(map(str.lower, self.token_texts))

    @cached_property
    def token_sentences(self) -> tuple[int, ...]:
        """Index of the sentence of each token."""
        return tuple(t.sentence for t in self.tokens)


_new_token = partial(tuple.__new__, Token)
_new_sentence = partial(tuple.__new__, Sentence)
_new_span = partial(tuple.__new__, Span)
_token_kind = itemgetter(4)
_token_text = itemgetter(2)


def _token_columns(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """Starts, ends, texts and kinds of the tokens of ``text``, built with C-level loops only.

    ``split`` with one group per kind gives ``[gap, number, word, punct, gap, ...]`` (two of the
    three groups None); offsets are the running sums of gap and token lengths.
    """
    parts = _SPLIT_TOKEN_RE.split(text)
    gaps = parts[::4]
    del parts[::4]
    texts = list(filter(None, parts))
    kinds = list(compress(cycle(_SPLIT_KINDS), parts))
    acc = list(accumulate(chain.from_iterable(zip(map(len, gaps), map(len, texts), strict=False)), initial=0))
    return acc[1::2], acc[2::2], texts, kinds


def _build(text: str) -> Document:
    paragraphs = _paragraph_spans(text)
    # Sentence boundaries always fall on whitespace (or the end of a paragraph), and no token
    # contains or looks past whitespace differently at a sentence end, so tokenising the whole text
    # once gives exactly the tokens of tokenising sentence by sentence.
    starts, ends, texts, kinds = _token_columns(text)
    sentences: list[Sentence] = []
    counts: list[int] = []
    t0 = 0
    for pi, (ps, pe) in enumerate(paragraphs):
        for s, e in _split_paragraph(text, ps, pe):
            t1 = bisect_left(starts, e, t0)
            sentences.append(_new_sentence((s, e, text[s:e], pi, t0, t1)))
            counts.append(t1 - t0)
            t0 = t1
    sentence_ids = chain.from_iterable(map(repeat, range(len(counts)), counts))
    tokens = tuple(map(_new_token, zip(starts, ends, texts, sentence_ids, kinds, strict=True)))
    doc = Document(
        text=text,
        paragraphs=tuple(map(_new_span, [(s, e, text[s:e]) for s, e in paragraphs])),
        sentences=tuple(sentences),
        tokens=tokens,
        quotes=tuple(_find_quotes(text, paragraphs)),
    )
    # the columns are at hand: fill the cached properties
    vars(doc).update(
        token_texts=tuple(texts), token_kinds=tuple(kinds), token_starts=tuple(starts), token_ends=tuple(ends)
    )
    return doc


# A few recent Documents, for a caller who passes the same text to several scorers; the pipeline
# analyses each article once and keeps what later steps need, so it needs no cache here (about
# 0.1-0.3 MB per Document).
@lru_cache(maxsize=16)
def _cached_build(text: str) -> Document:
    # a lone surrogate (which no encoder accepts) becomes U+FFFD, one for one: offsets still hold
    return _build(replace_surrogates(text))


def analyze_text(text: str) -> Document:
    """Analyse ``text`` once: paragraphs, sentences, tokens and quotes with offsets.

    Results are cached for recently seen texts, so calling it again on the same string is cheap.

    Parameters
    ----------
    text : str
        Article text; paragraphs separated by line breaks. May be empty. Lone surrogates are
        replaced by U+FFFD in ``Document.text`` (same length, so offsets are unchanged).

    Returns
    -------
    Document

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> doc = analyze_text('He said: "We will go." Then he left.')
    >>> [s.text for s in doc.sentences]
    ['He said: "We will go."', 'Then he left.']
    >>> doc.quotes[0].closed
    True
    """
    check_text(text, name="text", caller="analyze_text")
    return _cached_build(text)


def as_document(value: str | Document, *, name: str, caller: str) -> Document:
    """Return ``value`` if it is a Document, else analyse it as text; the one converter for scorers.

    Parameters
    ----------
    value : str or Document
        What the caller was given.
    name : str
        The caller's parameter name, for the error message.
    caller : str
        The public function, for the error message.

    Returns
    -------
    Document

    Raises
    ------
    TypeError
        If ``value`` is neither a str nor a Document.
    """
    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        return _cached_build(value)
    msg = f"The '{name}' parameter of {caller} must be a str or a Document. Got {type(value).__name__} instead."
    raise TypeError(msg)
