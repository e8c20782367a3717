"""Making untrusted text safe to store, print and render.

Article fields come from files and scrapers: they may hold lone surrogates (which no encoder
accepts, so they crash printing, Parquet and hashing), terminal control sequences (an outlet named
``"\\x1b]0;pwned\\x07"`` would retitle the terminal) and bidirectional overrides (which reorder
what a reader sees). Three helpers, each used at one boundary:

- :func:`replace_surrogates` when an :class:`~compare.Article` is built and when text is analysed:
  each lone surrogate becomes U+FFFD, one character for one, so that offsets still hold;
- :func:`clean_text` for the terminal and for reports: also replaces control characters (C0 and
  C1, except tab and line feed) and bidirectional embeddings, overrides and isolates;
- :func:`display_path` for file names in messages: undecodable bytes and control characters are
  shown as ``\\xNN`` escapes, so the name stays recognisable and cannot act on the terminal.
"""

from __future__ import annotations

import os
import re

__all__ = ["clean_text", "display_path", "replace_surrogates"]

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_BIDI = "\u202a-\u202e\u2066-\u2069"
# C0 except tab and line feed, DEL, C1, bidi controls, lone surrogates
_UNSAFE_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_UNSAFE_LINE_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_CONTROL_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_ESCAPES_RE = re.compile("[\udc80-\udcff]")


def replace_surrogates(text: str) -> str:
    """Return ``text`` with every lone surrogate (U+D800-U+DFFF) replaced by U+FFFD.

    The result has the same length, so character offsets into ``text`` stay valid.

    Examples
    --------
    >>> replace_surrogates("a\\ud800b")
    'a\\ufffdb'
    """
    if text.isascii() or _SURROGATE_RE.search(text) is None:  # isascii() is O(1)
        return text
    return _SURROGATE_RE.sub("\ufffd", text)


def clean_text(text: str, *, newlines: bool = True) -> str:
    """Return ``text`` safe to print on a terminal or put in a report.

    Control characters (C0 and C1, DEL), bidirectional embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069) and lone surrogates become U+FFFD. Tab and line feed are kept
    when ``newlines`` is true (a CR LF pair or a lone CR becomes a line feed); otherwise they too
    are replaced, for text that must stay on one line.

    Parameters
    ----------
    text : str
    newlines : bool
        Keep tabs and line breaks.

    Returns
    -------
    str

    Examples
    --------
    >>> clean_text("Daily\\x1b[31m News\\u202e")
    'Daily\\ufffd[31m News\\ufffd'
    """
    if newlines:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        pattern = _UNSAFE_RE
    else:
        pattern = _UNSAFE_LINE_RE
    if pattern.search(text) is None:
        return text
    return pattern.sub("\ufffd", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name as it may be shown: undecodable bytes and control characters as escapes.

    Examples
    --------
    >>> display_path("caf\\udce9\\x1b.md")
    'caf\\\\xe9\\\\x1b.md'
    """
    text = os.fspath(path)
    if isinstance(text, bytes):  # pragma: no cover - callers pass str paths
        text = os.fsdecode(text)
    text = _ESCAPES_RE.sub(_escape, text)
    text = _CONTROL_RE.sub(_escape, text)
    return replace_surrogates(text)
