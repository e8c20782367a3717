"""Reading single files safely: file kinds, size limits, binary detection, encodings, front matter.

Every reader opens files through :func:`check_file` (a regular file within the size limit, never a
FIFO or a device, which could block or never end) and decodes them with :func:`decode`: a
byte-order mark or the NUL pattern of UTF-16 text chooses the encoding when the caller asked for
UTF-8; a NUL anywhere else in the text makes the file binary. Front matter is parsed with a YAML
loader that keeps dates as text (parsed by :func:`compare.model.parse_published`), refuses aliases
(no "billion laughs"), duplicate keys and deep nesting. All limits are in :mod:`compare._limits`.
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import re
import stat
from pathlib import Path
from typing import Any, ClassVar

from .._limits import MAX_ARTICLE_FILE_BYTES, MAX_FRONT_MATTER_BYTES, MAX_NESTING, MAX_NODES, format_bytes
from .._sanitize import display_path
from ..exceptions import InvalidInputError, ReadError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "check_encoding",
    "check_file",
    "decode",
    "load_yaml_header",
    "open_text",
    "parse_front_matter",
    "read_text_file",
    "sniff_encoding",
]

#: Article files larger than this are rejected unless the caller raises the limit (``max_bytes``).
DEFAULT_MAX_BYTES = MAX_ARTICLE_FILE_BYTES

_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_UTF8 = frozenset({"utf-8", "utf-8-sig"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192


def check_encoding(encoding: str, *, caller: str) -> str:
    """Return the canonical name of a text encoding, or raise one clear error for the whole run.

    Raises
    ------
    InvalidInputError
        If ``encoding`` is unknown or not a text encoding (``"rot13"``, ``"base64"``).
    """
    if not isinstance(encoding, str):
        msg = f"The 'encoding' parameter of {caller} must be a str. Got {type(encoding).__name__} instead."
        raise InvalidInputError(msg)
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        msg = f"The 'encoding' parameter of {caller} names an unknown encoding: {encoding!r} (try 'utf-8' or 'latin-1')."
        raise InvalidInputError(msg) from None
    if not getattr(info, "_is_text_encoding", True):
        msg = f"The 'encoding' parameter of {caller} must be a text encoding. Got {encoding!r}, a {info.name} codec."
        raise InvalidInputError(msg)
    return info.name


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_file(path: Path, *, max_bytes: int, what: str = "file") -> int:
    """Check that ``path`` is a regular file (links followed) of at most ``max_bytes``; return its size.

    Raises
    ------
    ReadError
        For a broken link, a link loop, a FIFO, device, socket or folder, an unreadable file, or
        a file over the limit; the message names the limit.
    """
    where = display_path(path)
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(where, "symbolic link loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise ReadError(where, f"broken symbolic link (to {display_path(path.readlink())})") from None
        raise ReadError(where, f"cannot read the {what}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(where, f"{_kind(st.st_mode)}, not a {what}; only regular files are read")
    if st.st_size > max_bytes:
        reason = (
            f"{what} is {st.st_size:,} bytes ({format_bytes(st.st_size)}), over the limit of "
            f"{max_bytes:,} bytes ({format_bytes(max_bytes)}; see docs/limits.md)"
        )
        raise ReadError(where, reason)
    return st.st_size


def sniff_encoding(head: bytes, encoding: str) -> tuple[str, int]:
    """The encoding to decode with, and the length of the byte-order mark to skip.

    A byte-order mark wins when the caller asked for UTF-8 (the default); so does UTF-16 without
    one, recognised by NUL bytes in every second position of mostly-ASCII text. Otherwise
    ``encoding`` (canonical name) is used as given.
    """
    if encoding not in _UTF8:
        return encoding, 0
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[: _SNIFF - _SNIFF % 2]
    if len(sample) >= 4 and b"\x00" in sample:
        half = len(sample) // 2
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd >= half * 0.4 and even <= half * 0.05:
            return "utf-16-le", 0
        if even >= half * 0.4 and odd <= half * 0.05:
            return "utf-16-be", 0
    return "utf-8", 0


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def decode(data: bytes, *, encoding: str, path: str, fallback: str | None = None) -> str:
    """Decode a whole file's bytes (see :func:`sniff_encoding`); reject binary data.

    Raises
    ------
    ReadError
        If the bytes are not valid text in the encoding (and there is no ``fallback``), or the
        text holds a NUL character anywhere (a binary file).
    """
    name, skip = sniff_encoding(data[:_SNIFF], encoding)
    try:
        text = data[skip:].decode(name)
    except UnicodeDecodeError as exc:
        if fallback is not None:
            text = data[skip:].decode(fallback, errors="replace")
        else:
            if b"\x00" in data[:_SNIFF]:
                raise ReadError(path, "binary file (contains NUL bytes), not text") from None
            bad = data[skip + exc.start : skip + exc.start + 1].hex()
            line = data.count(b"\n", 0, skip + exc.start) + 1
            reason = (
                f"not valid {name} text (byte 0x{bad} at position {skip + exc.start:,}, line {line:,}); "
                "re-save it as UTF-8 or pass encoding=..."
            )
            raise ReadError(path, reason) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ReadError(path, f"binary file (contains NUL characters, first at line {_line_of(text, nul):,}), not text")
    return text.removeprefix("\ufeff")


def read_text_file(
    path: Path, *, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES, fallback: str | None = None
) -> str:
    """Read a whole text file, rejecting special, binary, oversized and wrongly encoded files.

    Parameters
    ----------
    path : pathlib.Path
    encoding : str
        A canonical encoding name (see :func:`check_encoding`).
    max_bytes : int
        Size limit of the file.
    fallback : str, optional
        Encoding to decode with, replacing what cannot be decoded, when ``encoding`` fails
        (HTML pages, which declare their own charset).

    Raises
    ------
    ReadError
        Names the file and says what is wrong.
    """
    check_file(path, max_bytes=max_bytes)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(display_path(path), f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew since it was checked
        raise ReadError(display_path(path), f"file is over the limit of {max_bytes:,} bytes ({format_bytes(max_bytes)})")
    return decode(data, encoding=encoding, path=display_path(path), fallback=fallback)


def open_text(path: Path, *, encoding: str, max_bytes: int, newline: str | None) -> io.TextIOWrapper:
    """Open a (large) text file as a stream, after the checks of :func:`check_file`.

    The encoding is sniffed from the first bytes as in :func:`decode`. Decoding errors and NUL
    characters are the caller's to catch, record by record (a table with one bad record keeps
    its other records).

    Raises
    ------
    ReadError
        For special, oversized or unreadable files.
    """
    check_file(path, max_bytes=max_bytes)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - returned, wrapped, to the caller
    except OSError as exc:
        raise ReadError(display_path(path), f"cannot read the file: {exc.strerror or exc}") from None
    try:
        head = raw.peek(_SNIFF)[:_SNIFF] if hasattr(raw, "peek") else b""
        name, skip = sniff_encoding(head, encoding)
        raw.read(skip)
    except BaseException:
        raw.close()
        raise
    return io.TextIOWrapper(raw, encoding=name, errors="strict", newline=newline)


# -- YAML front matter -------------------------------------------------------------------------
class _Problem(Exception):
    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


@functools.cache
def _loader_class() -> type:
    import yaml
    from yaml.events import AliasEvent

    class FrontMatterLoader(yaml.SafeLoader):
        """SafeLoader without timestamps (dates stay text), aliases, duplicate keys or deep nesting."""

        yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
            first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0
            self._nodes = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(AliasEvent):
                event = self.peek_event()
                raise _Problem(f"YAML aliases (*{event.anchor}) are not accepted in front matter", event.start_mark)
            self._nodes += 1
            if self._nodes > MAX_NODES:
                raise _Problem(f"more than {MAX_NODES:,} values", self.peek_event().start_mark)
            self._depth += 1
            try:
                if self._depth > MAX_NESTING:
                    raise _Problem(f"nested more than {MAX_NESTING} levels deep", self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # PyYAML's signature
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        first = seen[key].start_mark.line + 2
                        raise _Problem(f"duplicate key {key_node.value!r} (first at line {first})", key_node.start_mark)
                    seen[key] = key_node
            return super().construct_mapping(node, deep=deep)

    return FrontMatterLoader


def load_yaml_header(text: str) -> Any:
    """Parse YAML text with the front-matter loader (see the module docstring)."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_QUOTED_RE = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"")
_BRACKET_RE = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """Deepest nesting of ``[`` and ``{`` outside quoted strings (an upper bound for YAML's)."""
    depth = best = 0
    for m in _BRACKET_RE.finditer(_QUOTED_RE.sub("", text)):
        if m.group() in "[{":
            depth += 1
            best = max(best, depth)
        else:
            depth = max(0, depth - 1)
    return best


def parse_front_matter(text: str, *, path: str) -> tuple[dict[str, Any], str]:
    """Split a YAML front-matter header (``---`` ... ``---``) from the body.

    Returns
    -------
    (dict, str)
        The header mapping (empty if there is none) and the body.

    Raises
    ------
    ReadError
        If the header is not valid YAML, not a mapping, over the size limit, or uses aliases,
        duplicate keys or deep nesting; names the file and the line.
    """
    import yaml

    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, text
    m = _FRONT_RE.match(stripped)
    if m is None:
        raise ReadError(path, "front matter opened with '---' but never closed with '---'", field="front matter")
    header_text = m.group(1)
    size = len(header_text.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        reason = (
            f"front matter is {size:,} bytes, over the limit of {MAX_FRONT_MATTER_BYTES:,} "
            f"({format_bytes(MAX_FRONT_MATTER_BYTES)}; see docs/limits.md)"
        )
        raise ReadError(path, reason, field="front matter")
    if _flow_depth(header_text) > MAX_NESTING + 8:
        # PyYAML's scanner is quadratic in the depth of [ and { (5,000 levels: seconds)
        reason = f"malformed YAML front matter: nested more than {MAX_NESTING} levels deep"
        raise ReadError(path, reason, field="front matter")
    try:
        header = load_yaml_header(header_text)
    except (_Problem, yaml.YAMLError, ValueError, TypeError, ArithmeticError, RecursionError) as exc:
        # ValueError & co: a constructor given an impossible value (``!!timestamp 2025-13-45``)
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ReadError(path, f"malformed YAML front matter{where}: {problem}", field="front matter") from None
    if header is None:
        header = {}
    if not isinstance(header, dict):
        raise ReadError(path, "front matter must be a YAML mapping of fields", field="front matter")
    return {str(k): v for k, v in header.items()}, stripped[m.end() :]
