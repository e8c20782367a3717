"""Readers for article folders, tables (JSONL, CSV, Parquet) and saved HTML pages; writers.

Whatever cannot become an article is listed in ``Corpus.rejected``: the file (and line or row),
the field where there is one, and the reason. One bad file never costs the good ones beside it;
one bad line or row never costs the rest of its table. The limits are in :mod:`compare._limits`
(documented in ``docs/limits.md``).
"""

from __future__ import annotations

import csv
import json
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from .._limits import (
    MAX_COLUMNS,
    MAX_HTML_FILE_BYTES,
    MAX_RECORD_BYTES,
    MAX_REJECTED_PER_FILE,
    MAX_TABLE_BYTES,
    MAX_TABLE_CHARS,
)
from .._sanitize import display_path
from ..exceptions import InvalidInputError, ReadError
from ..model import Article, Corpus, Rejection, corpus_from_records, records_from_table
from ._files import (
    DEFAULT_MAX_BYTES,
    check_encoding,
    check_file,
    open_text,
    parse_front_matter,
    read_text_file,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "DOC_NAMES",
    "HTML_SUFFIXES",
    "TABLE_SUFFIXES",
    "merge_listing_duplicates",
    "read_article_file",
    "read_csv",
    "read_folder",
    "read_html",
    "read_jsonl",
    "read_parquet",
    "write_jsonl",
    "write_parquet",
]

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".pq")
#: Documentation files that a folder may hold beside its articles, skipped by their exact name
#: (any suffix, any case): ``README.md``, ``LICENSE``, ``CITATION.cff``... but not
#: ``readme-of-the-week.md``.
DOC_NAMES = frozenset({"readme", "license", "licence", "copying", "citation", "changelog", "notice"})

# front-matter keys accepted as synonyms of model fields
_FIELD_SYNONYMS = {
    "date": "published",
    "author": "authors",
    "source": "outlet",
    "publisher": "outlet",
    "lang": "language",
    "headline": "title",
    "link": "url",
    "event_id": "event",
    "cite": "cites",
}


def _normalise_header(header: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header keys mapped to model fields, and the synonyms that lost to a field given twice (kept
    for ``extra``, not lost)."""
    out: dict[str, Any] = {}
    via: dict[str, str] = {}  # field -> the header key it came from
    extra: dict[str, Any] = {}
    for key, value in header.items():
        name = _FIELD_SYNONYMS.get(key.lower(), key)
        if name in out:
            if key != name:  # a synonym of a field already given
                extra[key] = value
                continue
            extra[via[name]] = out[name]  # the synonym came first; the field itself wins
        out[name] = value
        via[name] = key
    return out, extra


def _id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    text = rel.with_suffix("").as_posix()
    # a name with bytes that are not UTF-8 keeps them as \xNN escapes (distinct and printable)
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def _fail(path: Path, exc: InvalidInputError) -> ReadError:
    return ReadError(display_path(path), str(exc), field=exc.field)


def read_article_file(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one Markdown or plain-text article with an optional YAML front-matter header.

    The header may hold ``id, outlet, title, published (or date), url, authors, language, event,
    cites``; any other key goes into ``Article.extra`` (a key ``extra`` must be a mapping, whose
    keys join them). Without a ``title``, a first body line starting with ``# `` is taken as the
    title. Without an ``id``, the path relative to ``root`` (without suffix) is used; without an
    ``event``, the name of the file's folder relative to ``root`` (the "folder per event" layout).
    Dates are read as written (``2025-05-13``, ``2025-05-13T09:30:00+02:00``), never guessed.

    Raises
    ------
    ReadError
        Naming the file (and field) for unreadable files, malformed or oversized headers
        (aliases, duplicate keys and deep nesting are refused), empty text, missing required
        fields or fields of the wrong form.
    """
    path = Path(path)
    where = display_path(path)
    root_path = Path(root) if root is not None else None
    text = read_text_file(path, encoding=check_encoding(encoding, caller="read_article_file"), max_bytes=max_bytes)
    header, body = parse_front_matter(text, path=where)
    fields_given, synonyms = _normalise_header(header)
    record: dict[str, Any] = {**(defaults or {}), **fields_given}
    body = body.strip("\n")
    lines = body.splitlines()
    if "title" not in record and lines and lines[0].startswith("# "):
        record["title"] = lines[0][2:].strip()
        body = "\n".join(lines[1:]).strip("\n")
    if not body.strip():
        raise ReadError(where, "empty text: the file has no article body", field="text")
    record["text"] = body
    record.setdefault("id", _id_for(path, root_path))
    if "event" not in record and root_path is not None:
        parent = path.parent.relative_to(root_path).as_posix()
        if parent not in ("", "."):
            record["event"] = os.fsencode(parent).decode("utf-8", "backslashreplace")
    for key in ("outlet", "id"):
        if record.get(key) is None or (isinstance(record.get(key), str) and not record[key].strip()):
            raise ReadError(where, f"missing required field '{key}' in the front matter", field=key)
    if synonyms:
        given = record.get("extra")
        if given is None:
            record["extra"] = synonyms
        elif isinstance(given, Mapping):
            record["extra"] = {**synonyms, **given}
        # else: Article.from_dict rejects the file, naming the field 'extra'
    try:
        return Article.from_dict(record)
    except InvalidInputError as exc:
        raise _fail(path, exc) from None


def read_html(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    max_bytes: int = MAX_HTML_FILE_BYTES,
) -> Article:
    """Read a saved HTML page, extracting title, date, author and main text with trafilatura.

    The outlet is taken from ``defaults["outlet"]``, else the page's site name, else its host name.
    A page that is not valid text in ``encoding`` is read as Latin-1 (pages declare their own
    charset).

    Raises
    ------
    ReadError
        If the page cannot be read or parsed, has no extractable main text, or no outlet can be
        determined.

    References
    ----------
    Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line Tool for Text
    Discovery and Extraction. ACL-IJCNLP 2021: System Demonstrations.
    """
    import trafilatura

    path = Path(path)
    where = display_path(path)
    raw = read_text_file(
        path, encoding=check_encoding(encoding, caller="read_html"), max_bytes=max_bytes, fallback="latin-1"
    )
    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken markup
        raise ReadError(where, f"the HTML page could not be parsed ({type(exc).__name__})", field="text") from None
    if doc is None:
        raise ReadError(where, "no main text could be extracted from the HTML page", field="text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise ReadError(where, "no main text could be extracted from the HTML page", field="text")
    record: dict[str, Any] = dict(defaults or {})
    record.setdefault("outlet", data.get("sitename") or data.get("hostname"))
    record.setdefault("title", data.get("title") or "")
    record.setdefault("url", data.get("url"))
    if data.get("date"):
        record.setdefault("published", data["date"])
    if data.get("author"):
        record.setdefault("authors", [a.strip() for a in str(data["author"]).split(";") if a.strip()])
    record["text"] = text
    record.setdefault("id", _id_for(path, Path(root) if root is not None else None))
    if not record.get("outlet"):
        raise ReadError(where, "no outlet found in the page; pass defaults={'outlet': ...}", field="outlet")
    extra = {k: data[k] for k in ("hostname", "sitename", "description") if data.get(k)}
    try:
        return Article.from_dict({**record, "extra": extra})
    except InvalidInputError as exc:
        raise _fail(path, exc) from None


# -- tables -------------------------------------------------------------------------------------
class _Rows:
    """Records of one table file with where each is, and the rejections, capped per file."""

    def __init__(self, path: Path) -> None:
        self.where = display_path(path)
        self.records: list[dict[str, Any]] = []
        self.locations: list[str] = []
        self.rejected: list[Rejection] = []

    def add(self, record: dict[str, Any], place: str) -> None:
        self.records.append(record)
        self.locations.append(f"{self.where}:{place}")

    def reject(self, place: str, reason: str, field: str | None = None) -> bool:
        """List a rejection; False once the file has too many (the caller stops reading)."""
        self.rejected.append(Rejection(f"{self.where}:{place}", reason, field))
        return len(self.rejected) < MAX_REJECTED_PER_FILE

    def give_up(self, place: str, what: str) -> None:
        reason = (
            f"{MAX_REJECTED_PER_FILE:,} {what} could not be read; the rest of the file, from here on, "
            "was not read (is it in the right format?)"
        )
        self.rejected.append(Rejection(f"{self.where}:{place}-", reason))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            msg = f"duplicate key {key[:60]!r} in one object"
            raise ValueError(msg)
        out[key] = value
    return out


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno:,})"
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    if "digits" in first:  # Python's int-digit limit
        first = "a number has more than 4,300 digits"
    return f"invalid JSON: {first}"


def _jsonl_rows(path: Path, *, encoding: str, max_bytes: int) -> _Rows:
    rows = _Rows(path)
    with open_text(path, encoding=encoding, max_bytes=max_bytes, newline="\n") as fh:
        lineno = 0
        while True:
            try:
                line = fh.readline(MAX_RECORD_BYTES + 1)
                if len(line) > MAX_RECORD_BYTES and not line.endswith("\n"):
                    while (more := fh.readline(1 << 20)) and not more.endswith("\n"):
                        pass
                    lineno += 1
                    reason = f"line is longer than the limit of {MAX_RECORD_BYTES:,} characters (see docs/limits.md)"
                    if not rows.reject(str(lineno), reason):
                        rows.give_up(str(lineno + 1), "lines")
                        break
                    continue
            except UnicodeDecodeError as exc:
                reason = (
                    f"not valid {fh.encoding} text from here on ({exc.reason}); the lines before were read; "
                    "re-save it as UTF-8 or pass encoding=..."
                )
                rows.rejected.append(Rejection(f"{rows.where}:{lineno + 1}-", reason))
                break
            if not line:
                break
            lineno += 1
            text = line.rstrip("\n").rstrip("\r")
            if not text.strip():
                continue
            if "\x00" in text:
                ok = rows.reject(str(lineno), "binary data (NUL characters), not a JSON record")
            else:
                try:
                    obj = json.loads(text, object_pairs_hook=_no_duplicate_keys)
                except (ValueError, RecursionError) as exc:
                    ok = rows.reject(str(lineno), _json_problem(exc))
                else:
                    if isinstance(obj, dict):
                        rows.add(obj, str(lineno))
                        continue
                    ok = rows.reject(str(lineno), f"expected a JSON object, got {type(obj).__name__}")
            if not ok:
                rows.give_up(str(lineno + 1), "lines")
                break
    return rows


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    encoding: str = "utf-8",
    max_bytes: int = MAX_TABLE_BYTES,
    name: str | None = None,
) -> Corpus:
    """Read a JSON Lines file, one article per line.

    The file is read line by line (memory is bounded by the corpus, not the file); a line over
    the record limit, invalid JSON (including numbers of over 4,300 digits, very deep nesting
    and duplicate keys) and records that are not JSON objects are listed with their line number.

    Parameters
    ----------
    path : path-like
    columns : mapping, optional
        Model field -> your key, e.g. ``{"text": "body", "outlet": "source"}``.
    defaults : mapping, optional
        Values for fields a record lacks (e.g. ``{"outlet": "Reuters"}``).
    on_error : {"reject", "raise"}
        Invalid lines are listed in ``Corpus.rejected`` (default) or raise.
    encoding : str
        Text encoding (default UTF-8; a byte-order mark or UTF-16 text is recognised).
    max_bytes : int
        Size limit of the file.
    name : str, optional
        Corpus name (default: the file name).

    Returns
    -------
    Corpus

    Raises
    ------
    ReadError
        If the file cannot be read at all (missing, special, binary, too large), or a line is
        invalid and ``on_error="raise"``.
    """
    path = Path(path)
    encoding = check_encoding(encoding, caller="read_jsonl")
    rows = _jsonl_rows(path, encoding=encoding, max_bytes=max_bytes)
    if on_error == "raise" and rows.rejected:
        raise ReadError(rows.rejected[0].source, rows.rejected[0].reason)
    records = records_from_table(rows.records, columns=columns, caller=f"read_jsonl({rows.where})") if columns else rows.records
    _apply_defaults(records, defaults)
    return corpus_from_records(
        records,
        name=name or path.stem,
        source=rows.where,
        on_error=on_error,
        rejected=rows.rejected,
        locations=rows.locations,
    )


def _apply_defaults(records: list[dict[str, Any]], defaults: Mapping[str, Any] | None) -> None:
    """Fill the fields a record lacks or leaves empty (None) from ``defaults``, in place."""
    for key, value in (defaults or {}).items():
        for rec in records:
            if rec.get(key) is None:
                rec[key] = value


@contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    """Let the csv module read fields up to ``limit`` characters (its default is 131,072), then restore it."""
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _header_names(header: list[str]) -> list[str]:
    """Column names, blank ones named after their position and repeats numbered (``x``, ``x.1``)."""
    names = [h.strip() or f"column {i + 1}" for i, h in enumerate(header)]
    seen: Counter[str] = Counter()
    out = []
    for n in names:
        out.append(n if not seen[n] else f"{n}.{seen[n]}")
        seen[n] += 1
    return out


def _csv_rows(path: Path, *, encoding: str, max_bytes: int, delimiter: str, columns: Mapping[str, str] | None) -> tuple[_Rows, list[str]]:
    rows = _Rows(path)
    header: list[str] | None = None
    names: list[str] = []
    with open_text(path, encoding=encoding, max_bytes=max_bytes, newline="") as fh, _csv_field_limit(MAX_RECORD_BYTES):
        # strict: a stray quote or a quote never closed is an error for that row, not a row that
        # silently swallows the rows after it
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        last = 0
        while True:
            first = last + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                last = reader.line_num
                place = str(first) if first >= last else f"{first}-{last}"
                if rows.reject(place, f"malformed CSV row: {exc}"):
                    continue
                rows.give_up(str(last + 1), "rows")
                break
            except UnicodeDecodeError as exc:
                reason = (
                    f"not valid {fh.encoding} text from here on ({exc.reason}); the rows before were read; "
                    "re-save it as UTF-8 or pass encoding=..."
                )
                rows.rejected.append(Rejection(f"{rows.where}:{first}-", reason))
                break
            last = reader.line_num
            place = str(first) if first == last else f"{first}-{last}"
            if not row or (len(row) == 1 and not row[0].strip() and header is not None):
                continue  # a blank line
            if header is None:
                if len(row) > MAX_COLUMNS:
                    raise ReadError(rows.where, f"the header has {len(row):,} columns, over the limit of {MAX_COLUMNS:,}")
                header, names = row, _header_names(row)
                # the mapping and the required columns, checked once for the whole file
                records_from_table([], columns=columns, available=[h.strip() for h in header], caller=f"reading {rows.where}")
                continue
            if len(row) != len(header):
                ok = rows.reject(place, f"the row has {len(row):,} fields, the header {len(header):,} (a stray delimiter or quote?)")
            elif any("\x00" in v for v in row):
                ok = rows.reject(place, "binary data (NUL characters) in the row")
            else:
                rows.add({n: (v if v != "" else None) for n, v in zip(names, row, strict=True)}, place)
                continue
            if not ok:
                rows.give_up(str(last + 1), "rows")
                break
    if header is None:
        raise ReadError(rows.where, "empty table: no header row")
    return rows, names


def _batch_rows(batch: Any) -> Iterator[dict[str, Any]]:
    """Rows of a record batch as dicts of Python values; a dictionary-encoded column's values are
    converted once and shared, so a value repeated in every row is held once in memory."""
    columns = []
    for array in batch.columns:
        if hasattr(array, "dictionary"):
            values = array.dictionary.to_pylist()
            columns.append([None if i is None else values[i] for i in array.indices.to_pylist()])
        else:
            columns.append(array.to_pylist())
    names = [str(n) for n in batch.schema.names]
    for values in zip(*columns, strict=True):
        yield dict(zip(names, values, strict=True))


def _parquet_rows(path: Path, *, max_bytes: int, columns: Mapping[str, str] | None) -> _Rows:
    rows = _Rows(path)
    check_file(path, max_bytes=max_bytes)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pq.read_schema(path)
        if len(schema) > MAX_COLUMNS:
            raise ReadError(rows.where, f"the table has {len(schema):,} columns, over the limit of {MAX_COLUMNS:,}")
        records_from_table([], columns=columns, available=list(schema.names), caller=f"reading {rows.where}")
        # string columns stay dictionary-encoded, so that a value repeated a million times is
        # not materialised a million times; the decoded size is counted row by row below
        strings = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        pf = pq.ParquetFile(path, read_dictionary=strings)
        decoded = 0
        index = 0
        for batch in pf.iter_batches(batch_size=1024):
            for row in _batch_rows(batch):
                index += 1
                decoded += sum(len(v) for v in row.values() if isinstance(v, (str, bytes)))
                if decoded > MAX_TABLE_CHARS:
                    reason = (
                        f"the table holds more than {MAX_TABLE_CHARS:,} characters of values once decoded "
                        "(see docs/limits.md); rows from here on were not read"
                    )
                    rows.rejected.append(Rejection(f"{rows.where}:row {index}-", reason))
                    return rows
                rows.add(row, f"row {index}")
    except (ReadError, InvalidInputError):
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds on damaged files
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise ReadError(rows.where, f"cannot parse the Parquet file: {first}") from None
    return rows


def _table_corpus(
    rows: _Rows,
    *,
    columns: Mapping[str, str] | None,
    defaults: Mapping[str, Any] | None,
    on_error: str,
    name: str,
) -> Corpus:
    if on_error == "raise" and rows.rejected:
        raise ReadError(rows.rejected[0].source, rows.rejected[0].reason)
    records = records_from_table(rows.records, columns=columns, caller=f"reading {rows.where}")
    _apply_defaults(records, defaults)
    return corpus_from_records(
        records, name=name, source=rows.where, on_error=on_error, rejected=rows.rejected, locations=rows.locations
    )


def read_csv(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    encoding: str = "utf-8",
    max_bytes: int = MAX_TABLE_BYTES,
    name: str | None = None,
) -> Corpus:
    """Read a CSV (or, with a ``.tsv`` suffix, tab-separated) file, one article per row.

    ``columns`` maps model fields to your column names; ``authors`` and ``cites`` may be
    comma-separated. Rows are named by their lines in the file (``data.csv:7-9`` for a row whose
    quoted text spans three lines); a row with more or fewer fields than the header is listed,
    and the rows around it are read.

    Raises
    ------
    ReadError
        If the file cannot be read at all, has no header, or a row is invalid and
        ``on_error="raise"``.
    SchemaError
        If a required or mapped column is missing.
    """
    path = Path(path)
    encoding = check_encoding(encoding, caller="read_csv")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows, _ = _csv_rows(path, encoding=encoding, max_bytes=max_bytes, delimiter=delimiter, columns=columns)
    return _table_corpus(rows, columns=columns, defaults=defaults, on_error=on_error, name=name or path.stem)


def read_parquet(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    max_bytes: int = MAX_TABLE_BYTES,
    name: str | None = None,
) -> Corpus:
    """Read a Parquet file, one article per row (as written by :func:`write_parquet`).

    Rows are named ``row N`` (from 1). The decoded size is bounded as well as the file size, so a
    small file that expands enormously is refused past the limit.

    Raises
    ------
    ReadError
        If the file cannot be read or parsed, or a row is invalid and ``on_error="raise"``.
    SchemaError
        If a required or mapped column is missing.
    """
    path = Path(path)
    rows = _parquet_rows(path, max_bytes=max_bytes, columns=columns)
    return _table_corpus(rows, columns=columns, defaults=defaults, on_error=on_error, name=name or path.stem)


# -- folders ------------------------------------------------------------------------------------
def _is_skipped(name: str, *, is_dir: bool) -> bool:
    """Hidden entries (``.git``, ``.DS_Store``), and documentation files by exact name."""
    if name.startswith("."):
        return True
    return not is_dir and name.lower().split(".", 1)[0] in DOC_NAMES


def _walk(root: Path) -> list[tuple[Path, str | None]]:
    """Every entry below ``root`` that should become an article, sorted; with a reason for those
    that cannot (a link to a folder, an unlistable folder). Iterative: no depth limit applies."""
    found: list[tuple[Path, str | None]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            found.append((folder, f"cannot list the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            p = Path(entry.path)
            try:
                if _is_skipped(entry.name, is_dir=entry.is_dir(follow_symlinks=False)):
                    continue
                if entry.is_symlink():
                    try:
                        target = p.stat()
                    except OSError:
                        found.append((p, None))  # broken or looping: check_file names it
                        continue
                    if stat.S_ISDIR(target.st_mode):
                        found.append((p, "symbolic link to a folder: not followed (give that folder itself)"))
                        continue
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(p)
                    continue
            except OSError as exc:
                found.append((p, f"cannot read: {exc.strerror or exc}"))
                continue
            found.append((p, None))
    return sorted(found, key=lambda item: item[0])


def read_folder(
    path: str | os.PathLike[str],
    *,
    defaults: Mapping[str, Any] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    max_bytes: int | None = None,
    name: str | None = None,
) -> Corpus:
    """Read every article below a folder.

    Markdown / text files with front matter are one article each (a folder per event: the
    subfolder name is the event unless the header says otherwise); ``.html`` pages go through
    :func:`read_html`; ``.jsonl`` / ``.csv`` / ``.tsv`` / ``.parquet`` tables are read as corpora.
    Hidden entries (names starting with ``.``) and documentation files named exactly README,
    LICENSE, LICENCE, COPYING, CITATION, CHANGELOG or NOTICE (any suffix) are skipped. Every other
    entry is either in the corpus or in ``Corpus.rejected`` with its reason: unreadable, binary,
    oversized or malformed files, tables without the required columns, symbolic links to folders
    (not followed), broken or looping links, FIFOs and devices (never opened), duplicate ids.

    Parameters
    ----------
    path : path-like
    defaults, columns : mapping, optional
        As for :func:`read_jsonl`.
    encoding : str
        Text encoding of the files; an unknown one is one error for the whole folder.
    max_bytes : int, optional
        Size limit of every file; by default each kind has its own (article files 8 MB, HTML
        pages 3 MB, tables 200 MB; see ``docs/limits.md``).
    name : str, optional

    Raises
    ------
    ReadError
        If the folder does not exist.
    InvalidInputError
        If ``encoding`` or ``columns`` is invalid (a problem of the whole run, not of one file).
    """
    root = Path(path)
    if not root.is_dir():
        raise ReadError(display_path(root), "no such folder")
    encoding = check_encoding(encoding, caller="read_folder")
    records_from_table([], columns=columns, caller="read_folder")  # the mapping's own errors, once
    articles: list[Article] = []
    rejected: list[Rejection] = []
    seen: dict[str, str] = {}

    def add(article: Article, where: str) -> None:
        if article.id in seen:
            rejected.append(
                Rejection(where, f"duplicate id {article.id!r} (first seen in {seen[article.id]}); not loaded", "id")
            )
            return
        seen[article.id] = where
        articles.append(article)

    for file, problem in _walk(root):
        where = display_path(file)
        if problem is not None:
            rejected.append(Rejection(where, problem))
            continue
        suffix = file.suffix.lower()
        try:
            if suffix in ARTICLE_SUFFIXES:
                art = read_article_file(
                    file, root=root, defaults=defaults, encoding=encoding, max_bytes=max_bytes or DEFAULT_MAX_BYTES
                )
                add(art, where)
            elif suffix in HTML_SUFFIXES:
                art = read_html(file, root=root, defaults=defaults, encoding=encoding, max_bytes=max_bytes or MAX_HTML_FILE_BYTES)
                add(art, where)
            elif suffix in TABLE_SUFFIXES:
                kwargs: dict[str, Any] = {"columns": columns, "defaults": defaults, "max_bytes": max_bytes or MAX_TABLE_BYTES}
                if suffix in (".parquet", ".pq"):
                    sub = read_parquet(file, **kwargs)
                else:
                    reader = read_jsonl if suffix in (".jsonl", ".ndjson") else read_csv
                    sub = reader(file, encoding=encoding, **kwargs)
                rejected.extend(sub.rejected)
                event_default = file.parent.relative_to(root).as_posix()
                for art in sub:
                    if art.event is None and event_default not in ("", "."):
                        art = replace(art, event=os.fsencode(event_default).decode("utf-8", "backslashreplace"))
                    add(art, f"{where} (id {art.id})")
            else:
                check_file(file, max_bytes=1 << 62)  # names FIFOs, devices and broken links as such
                rejected.append(Rejection(where, f"not an article file (unsupported suffix {suffix or '(none)'!r})"))
        except ReadError as exc:
            rejected.append(Rejection(exc.path, exc.reason, exc.field))
        except InvalidInputError as exc:  # SchemaError: a table without the required columns
            rejected.append(Rejection(where, str(exc), exc.field))
        except Exception as exc:  # noqa: BLE001 - one file's unforeseen failure must not cost the others
            reason = f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:200]}); please report it"
            rejected.append(Rejection(where, reason))
    return Corpus(articles, sources=[display_path(root)], rejected=rejected, name=name or root.name)


def merge_listing_duplicates(corpora: Iterable[Corpus], *, name: str | None = None) -> Corpus:
    """Concatenate corpora read from several paths; an id seen before is listed, not fatal.

    Parameters
    ----------
    corpora : iterable of Corpus
    name : str, optional
        Name of the result (default: the names joined with ``+``).

    Returns
    -------
    Corpus
    """
    articles: list[Article] = []
    rejected: list[Rejection] = []
    sources: list[str] = []
    names: list[str] = []
    seen: dict[str, str] = {}
    for corpus in corpora:
        sources.extend(corpus.sources)
        rejected.extend(corpus.rejected)
        names.append(corpus.name)
        origin = ", ".join(corpus.sources) or corpus.name
        for art in corpus:
            if art.id in seen:
                reason = f"duplicate id {art.id!r} (first seen in {seen[art.id]}); not loaded"
                rejected.append(Rejection(f"{origin} (id {art.id})", reason, "id"))
                continue
            seen[art.id] = origin
            articles.append(art)
    unique = list(dict.fromkeys(names))
    return Corpus(articles, sources=sources, rejected=rejected, name=name or "+".join(unique))


# -- writers ------------------------------------------------------------------------------------
def write_jsonl(corpus: Corpus | Iterable[Article], path: str | os.PathLike[str]) -> Path:
    """Write articles as UTF-8 JSON Lines (one article per line). Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for article in corpus:
            fh.write(json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True))
            fh.write("\n")
    return path


def write_parquet(corpus: Corpus, path: str | os.PathLike[str]) -> Path:
    """Write articles as Parquet (``published`` as ISO text, ``extra`` as JSON text). Returns the path."""
    import pandas as pd

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for a in corpus:
        d = a.to_dict()
        d["extra"] = json.dumps(d["extra"], ensure_ascii=False, sort_keys=True)
        rows.append(d)
    df = pd.DataFrame(rows, columns=["id", "outlet", "title", "text", "published", "url", "authors", "language", "event", "cites", "extra"])
    df.to_parquet(path, index=False)
    return path
