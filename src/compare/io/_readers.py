"""Readers for article folders, tables (JSONL, CSV, Parquet) and saved HTML pages; writers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..exceptions import InvalidInputError, ReadError
from ..model import Article, Corpus, Rejection, _frame_records, corpus_from_records
from ._files import DEFAULT_MAX_BYTES, parse_front_matter, read_text_file

__all__ = [
    "ARTICLE_SUFFIXES",
    "HTML_SUFFIXES",
    "TABLE_SUFFIXES",
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
_SKIP_NAMES = ("readme", "license", "licence", "citation", "changelog", "source.txt", "notice")

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


def _normalise_header(header: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in header.items():
        name = _FIELD_SYNONYMS.get(key.lower(), key)
        if name in out and key != name:
            out.setdefault("extra", {})[key] = value
            continue
        out[name] = value
    return out


def _id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


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
    cites``; any other key goes into ``Article.extra``. Without a ``title``, a first body line
    starting with ``# `` is taken as the title. Without an ``id``, the path relative to ``root``
    (without suffix) is used; without an ``event``, the name of the file's folder relative to
    ``root`` (the "folder per event" layout).

    Raises
    ------
    ReadError
        Naming the file (and field) for unreadable files, malformed headers, empty text or missing
        required fields.
    """
    path = Path(path)
    root_path = Path(root) if root is not None else None
    text = read_text_file(path, encoding=encoding, max_bytes=max_bytes)
    header, body = parse_front_matter(text, path=str(path))
    record: dict[str, Any] = {**(defaults or {}), **_normalise_header(header)}
    body = body.strip("\n")
    lines = body.splitlines()
    if "title" not in record and lines and lines[0].startswith("# "):
        record["title"] = lines[0][2:].strip()
        body = "\n".join(lines[1:]).strip("\n")
    if not body.strip():
        raise ReadError(str(path), "empty text: the file has no article body", field="text")
    record["text"] = body
    record.setdefault("id", _id_for(path, root_path))
    if "event" not in record and root_path is not None:
        parent = path.parent.relative_to(root_path).as_posix()
        if parent not in ("", "."):
            record["event"] = parent
    for key in ("outlet", "id"):
        if record.get(key) is None or (isinstance(record.get(key), str) and not record[key].strip()):
            raise ReadError(str(path), f"missing required field '{key}' in the front matter", field=key)
    extra = dict(record.pop("extra", None) or {})
    try:
        return Article.from_dict({**record, "extra": extra})
    except InvalidInputError as exc:
        from ..model import _field_from_message

        raise ReadError(str(path), str(exc), field=_field_from_message(str(exc))) from None


def read_html(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read a saved HTML page, extracting title, date, author and main text with trafilatura.

    The outlet is taken from ``defaults["outlet"]``, else the page's site name, else its host name.

    Raises
    ------
    ReadError
        If the page has no extractable main text or no outlet can be determined.

    References
    ----------
    Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line Tool for Text
    Discovery and Extraction. ACL-IJCNLP 2021: System Demonstrations.
    """
    import trafilatura

    path = Path(path)
    try:
        raw = read_text_file(path, encoding=encoding, max_bytes=max_bytes)
    except ReadError as exc:
        if "not valid" not in exc.reason:
            raise
        raw = path.read_bytes().decode("latin-1")  # HTML declares its own charset; be lenient
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        raise ReadError(str(path), "no main text could be extracted from the HTML page", field="text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise ReadError(str(path), "no main text could be extracted from the HTML page", field="text")
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
        raise ReadError(str(path), "no outlet found in the page; pass defaults={'outlet': ...}", field="outlet")
    extra = {k: data[k] for k in ("hostname", "sitename", "description") if data.get(k)}
    try:
        return Article.from_dict({**record, "extra": extra})
    except InvalidInputError as exc:
        raise ReadError(str(path), str(exc)) from None


def _records_from_jsonl(path: Path, *, encoding: str, max_bytes: int) -> tuple[list[dict[str, Any]], list[Rejection]]:
    text = read_text_file(path, encoding=encoding, max_bytes=max_bytes)
    records, rejects = [], []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rejects.append(Rejection(f"{path}:{lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            rejects.append(Rejection(f"{path}:{lineno}", f"expected a JSON object, got {type(obj).__name__}"))
            continue
        obj["_source"] = f"{path}:{lineno}"
        records.append(obj)
    return records, rejects


def _map_records(
    records: list[dict[str, Any]], columns: Mapping[str, str] | None, source: str
) -> list[dict[str, Any]]:
    if not columns:
        return records
    import pandas as pd

    sources = [r.pop("_source", None) for r in records]
    mapped = _frame_records(pd.DataFrame(records), columns=columns, caller=f"reading {source}")
    for rec, src in zip(mapped, sources, strict=True):
        rec["_source"] = src
    return mapped


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES * 10,
    name: str | None = None,
) -> Corpus:
    """Read a JSON Lines file, one article per line.

    Parameters
    ----------
    path : path-like
    columns : mapping, optional
        Model field -> your key, e.g. ``{"text": "body", "outlet": "source"}``.
    defaults : mapping, optional
        Values for fields a record lacks (e.g. ``{"outlet": "Reuters"}``).
    on_error : {"reject", "raise"}
        Invalid lines are listed in ``Corpus.rejected`` (default) or raise.

    Returns
    -------
    Corpus
    """
    path = Path(path)
    records, rejects = _records_from_jsonl(path, encoding=encoding, max_bytes=max_bytes)
    if on_error == "raise" and rejects:
        raise ReadError(rejects[0].source, rejects[0].reason)
    records = _map_records(records, columns, str(path))
    if defaults:
        records = [{**defaults, **r} for r in records]
    return corpus_from_records(
        records, name=name or path.stem, source=str(path), on_error=on_error, rejected=rejects
    )


def _read_table_frame(path: Path, *, encoding: str, max_bytes: int):
    import pandas as pd

    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(str(path), f"file is {size / 1e6:.1f} MB, larger than the limit of {max_bytes / 1e6:.1f} MB")
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
        sep = "\t" if suffix == ".tsv" else ","
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(str(path), f"not valid {encoding} text (position {exc.start}); pass encoding=...") from None
    except (ValueError, OSError) as exc:
        raise ReadError(str(path), f"cannot parse the table: {str(exc).splitlines()[0]}") from None
    except Exception as exc:  # noqa: BLE001 - pandas / pyarrow parser errors have many types
        raise ReadError(str(path), f"cannot parse the table: {str(exc).splitlines()[0]}") from None


def _read_table(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None,
    defaults: Mapping[str, Any] | None,
    on_error: str,
    encoding: str,
    max_bytes: int,
    name: str | None,
) -> Corpus:
    path = Path(path)
    df = _read_table_frame(path, encoding=encoding, max_bytes=max_bytes)
    for key, value in (defaults or {}).items():
        if key not in df.columns and key not in (columns or {}):
            df[key] = value
    if path.suffix.lower() in (".csv", ".tsv"):
        df = df.replace({"": None})
    records = _frame_records(df, columns=columns, caller=f"reading {path}")
    header_offset = 2 if path.suffix.lower() in (".csv", ".tsv") else 1  # CSV: line 1 is the header
    for i, rec in enumerate(records):
        rec["_source"] = f"{path}:{i + header_offset}"
    return corpus_from_records(records, name=name or path.stem, source=str(path), on_error=on_error)


def read_csv(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES * 10,
    name: str | None = None,
) -> Corpus:
    """Read a CSV (or, with a ``.tsv`` suffix, tab-separated) file, one article per row.

    ``columns`` maps model fields to your column names; ``authors`` and ``cites`` may be
    comma-separated. Rows are numbered by file line in rejection messages.
    """
    return _read_table(
        path, columns=columns, defaults=defaults, on_error=on_error, encoding=encoding, max_bytes=max_bytes, name=name
    )


def read_parquet(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    on_error: str = "reject",
    max_bytes: int = DEFAULT_MAX_BYTES * 50,
    name: str | None = None,
) -> Corpus:
    """Read a Parquet file, one article per row (as written by :func:`write_parquet`)."""
    return _read_table(
        path, columns=columns, defaults=defaults, on_error=on_error, encoding="utf-8", max_bytes=max_bytes, name=name
    )


def _is_skipped(path: Path) -> bool:
    low = path.name.lower()
    return low.startswith((".", "_")) or any(low.startswith(s) for s in _SKIP_NAMES)


def read_folder(
    path: str | os.PathLike[str],
    *,
    defaults: Mapping[str, Any] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Corpus:
    """Read every article below a folder.

    Markdown / text files with front matter are one article each (a folder per event: the
    subfolder name is the event unless the header says otherwise); ``.html`` pages go through
    :func:`read_html`; ``.jsonl`` / ``.csv`` / ``.tsv`` / ``.parquet`` tables are read as corpora.
    Files named README, LICENSE, CITATION, or starting with ``.`` or ``_`` are documentation and
    skipped. Every other file is either in the corpus or in ``Corpus.rejected`` with its reason.

    Raises
    ------
    ReadError
        If the folder does not exist.
    """
    root = Path(path)
    if not root.is_dir():
        raise ReadError(str(root), "no such folder")
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

    def wanted(p: Path) -> bool:
        parts = p.relative_to(root).parts
        return p.is_file() and not any(_is_skipped(Path(part)) for part in parts)

    files = sorted(p for p in root.rglob("*") if wanted(p))
    for file in files:
        suffix = file.suffix.lower()
        try:
            if suffix in ARTICLE_SUFFIXES:
                add(read_article_file(file, root=root, defaults=defaults, encoding=encoding, max_bytes=max_bytes), str(file))
            elif suffix in HTML_SUFFIXES:
                add(read_html(file, root=root, defaults=defaults, encoding=encoding, max_bytes=max_bytes), str(file))
            elif suffix in TABLE_SUFFIXES:
                reader = read_jsonl if suffix in (".jsonl", ".ndjson") else (read_parquet if suffix in (".parquet", ".pq") else read_csv)
                kwargs: dict[str, Any] = {"columns": columns, "defaults": defaults}
                if reader is not read_parquet:
                    kwargs["encoding"] = encoding
                sub = reader(file, **kwargs)
                rejected.extend(sub.rejected)
                event_default = file.parent.relative_to(root).as_posix()
                for art in sub:
                    if art.event is None and event_default not in ("", "."):
                        from dataclasses import replace

                        art = replace(art, event=event_default)
                    add(art, f"{file} (id {art.id})")
            else:
                rejected.append(Rejection(str(file), f"not an article file (unsupported suffix {suffix or '(none)'!r})"))
        except ReadError as exc:
            rejected.append(Rejection(exc.path, exc.reason, exc.field))
    return Corpus(articles, sources=[str(root)], rejected=rejected, name=name or root.name)


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
