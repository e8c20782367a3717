"""Reading single files safely: size limits, binary detection, encodings, front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..exceptions import ReadError

__all__ = ["DEFAULT_MAX_BYTES", "parse_front_matter", "read_text_file"]

#: Files larger than this are rejected unless the caller raises the limit (``max_bytes``).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FRONT_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


def read_text_file(path: Path, *, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a text file, rejecting binary, oversized and wrongly encoded files with a clear reason.

    Raises
    ------
    ReadError
        Names the file and says what is wrong.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        reason = (
            f"file is {size / 1e6:.1f} MB, larger than the limit of {max_bytes / 1e6:.1f} MB "
            "(raise max_bytes to read it)"
        )
        raise ReadError(str(path), reason)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise ReadError(str(path), "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        reason = (
            f"not valid {encoding} text (byte 0x{bad} at position {exc.start}); "
            "re-save it as UTF-8 or pass encoding=..."
        )
        raise ReadError(str(path), reason) from None
    except LookupError:
        raise ReadError(str(path), f"unknown encoding {encoding!r}") from None
    return text.removeprefix("\ufeff")


def parse_front_matter(text: str, *, path: str) -> tuple[dict[str, Any], str]:
    """Split a YAML front-matter header (``---`` ... ``---``) from the body.

    Returns
    -------
    (dict, str)
        The header mapping (empty if there is none) and the body.

    Raises
    ------
    ReadError
        If the header is not valid YAML or not a mapping; names the file and the line.
    """
    import yaml

    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, text
    m = _FRONT_RE.match(stripped)
    if m is None:
        raise ReadError(path, "front matter opened with '---' but never closed with '---'", field="front matter")
    try:
        header = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(path, f"malformed YAML front matter{where}: {problem}", field="front matter") from None
    if header is None:
        header = {}
    if not isinstance(header, dict):
        raise ReadError(path, "front matter must be a YAML mapping of fields", field="front matter")
    return {str(k): v for k, v in header.items()}, stripped[m.end() :]
