"""Reading and writing corpora.

:func:`read_corpus` is the one entry point: it reads a file or folder of any supported format
(article folders with YAML front matter, JSONL, CSV/TSV, Parquet, saved HTML pages, and the
research datasets BASIL, AllSides roundups, NewsWCL50 and PolNeAR) into a :class:`~compare.Corpus`.
Inputs that cannot become articles are listed in ``Corpus.rejected`` with their reason.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .._sanitize import display_path
from ..exceptions import InvalidInputError, ReadError
from ..model import Corpus, records_from_table
from ._files import check_encoding
from ._readers import (
    ARTICLE_SUFFIXES,
    HTML_SUFFIXES,
    merge_listing_duplicates,
    read_article_file,
    read_csv,
    read_folder,
    read_html,
    read_jsonl,
    read_parquet,
    write_jsonl,
    write_parquet,
)
from .datasets import DATASET_FORMATS, detect_dataset, read_allsides, read_basil, read_newswcl50, read_polnear

__all__ = [
    "FORMATS",
    "bundled_corpus",
    "bundled_corpus_path",
    "read_allsides",
    "read_article_file",
    "read_basil",
    "read_corpus",
    "read_csv",
    "read_folder",
    "read_html",
    "read_jsonl",
    "read_newswcl50",
    "read_parquet",
    "read_polnear",
    "write_jsonl",
    "write_parquet",
]

#: Formats accepted by :func:`read_corpus`.
FORMATS = ("folder", "article", "html", "jsonl", "csv", "tsv", "parquet", *DATASET_FORMATS)

_SUFFIX_FORMAT = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    **dict.fromkeys(ARTICLE_SUFFIXES, "article"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
}


def _detect(path: Path) -> str:
    if path.is_dir():
        return detect_dataset(path) or "folder"
    fmt = _SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        msg = (
            f"{display_path(path)}: cannot tell the format from the suffix {path.suffix!r}; "
            f"pass format= one of {list(FORMATS)!r}."
        )
        raise InvalidInputError(msg)
    return fmt


def read_corpus(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    encoding: str = "utf-8",
    max_bytes: int | None = None,
    name: str | None = None,
) -> Corpus:
    """Read a corpus from a file, a folder, or several of them.

    Parameters
    ----------
    path : path-like or sequence of path-like
        A file or folder; several are merged (an id already read from an earlier path is listed
        in ``Corpus.rejected``, not loaded twice).
    format : str, optional
        One of :data:`FORMATS`. By default it is detected: research dataset folders by their
        layout, other folders as article folders, files by suffix.
    columns : mapping, optional
        For JSONL / CSV / Parquet: model field -> your column name, e.g. ``{"text": "body"}``.
    defaults : mapping, optional
        Values for fields a record lacks, e.g. ``{"outlet": "Reuters"}``.
    encoding : str
        Text encoding of the files (default UTF-8; byte-order marks and UTF-16 are recognised).
    max_bytes : int, optional
        Size limit of every file; by default each kind has its own (see ``docs/limits.md``).
    name : str, optional
        Corpus name (default: the file or folder name).

    Returns
    -------
    Corpus
        Inputs that could not be read are in ``Corpus.rejected`` with the reason.

    Raises
    ------
    ReadError
        If ``path`` does not exist, or a single file given directly cannot be read.
    InvalidInputError
        If the format, the encoding or the column mapping is invalid (one error for the run).

    Examples
    --------
    >>> import compare
    >>> corpus = compare.read_corpus(compare.io.bundled_corpus_path())  # doctest: +SKIP
    """
    encoding = check_encoding(encoding, caller="read_corpus")
    records_from_table([], columns=columns, caller="read_corpus")  # an unknown field, once
    if format is not None and format not in FORMATS:
        msg = f"The 'format' parameter of read_corpus must be one of {list(FORMATS)!r}. Got {format!r} instead."
        raise InvalidInputError(msg)
    if isinstance(path, (list, tuple)):
        if not path:
            msg = "The 'path' parameter of read_corpus is an empty list."
            raise InvalidInputError(msg)
        corpora = [
            read_corpus(p, format=format, columns=columns, defaults=defaults, encoding=encoding, max_bytes=max_bytes)
            for p in path
        ]
        return merge_listing_duplicates(corpora, name=name)
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise ReadError(display_path(p), "no such file or folder")
    fmt = format or _detect(p)
    sizes = {} if max_bytes is None else {"max_bytes": max_bytes}
    if fmt in DATASET_FORMATS:
        corpus = DATASET_FORMATS[fmt](p)
    elif fmt == "folder":
        corpus = read_folder(p, defaults=defaults, columns=columns, encoding=encoding, max_bytes=max_bytes)
    elif fmt == "article":
        article = read_article_file(p, defaults=defaults, encoding=encoding, **sizes)
        corpus = Corpus([article], sources=[display_path(p)])
    elif fmt == "html":
        corpus = Corpus([read_html(p, defaults=defaults, encoding=encoding, **sizes)], sources=[display_path(p)])
    elif fmt == "jsonl":
        corpus = read_jsonl(p, columns=columns, defaults=defaults, encoding=encoding, **sizes)
    elif fmt in ("csv", "tsv"):
        corpus = read_csv(p, columns=columns, defaults=defaults, encoding=encoding, **sizes)
    else:
        corpus = read_parquet(p, columns=columns, defaults=defaults, **sizes)
    corpus.name = name or (p.stem if p.is_file() else p.name)
    return corpus


def bundled_corpus_path() -> Path:
    """The ``corpora/`` folder of a source checkout (the bundled example corpora).

    Raises
    ------
    ReadError
        If the folder cannot be found (for example in an installed wheel run outside a checkout).
    """
    here = Path(__file__).resolve()
    cwd = Path.cwd().resolve()
    candidates = [*(p / "corpora" for p in (cwd, *cwd.parents)), *(p / "corpora" for p in here.parents)]
    for c in candidates:
        if (c / "README.md").is_file() and c.is_dir():
            return c
    raise ReadError("corpora/", "the bundled corpora folder was not found; run from the repository root")


def bundled_corpus(name: str | None = None) -> Corpus:
    """Read the bundled example corpora (all of ``corpora/``, or the sub-corpus ``name``).

    Examples
    --------
    >>> import compare
    >>> corpus = compare.bundled_corpus("istanbul-talks-2025")  # doctest: +SKIP
    """
    root = bundled_corpus_path()
    target = root / name if name else root
    if not target.exists():
        available = sorted(p.name for p in root.iterdir() if p.is_dir())
        msg = f"No bundled corpus {name!r}; available: {available!r}."
        raise InvalidInputError(msg)
    return read_corpus(target, name=name or "bundled")
