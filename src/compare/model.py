"""The data model: :class:`Article`, :class:`Corpus` and :class:`Rejection`, plus column names.

An :class:`Article` is one news article as read from a source, validated at construction. A
:class:`Corpus` holds articles with unique ids, where they came from, and the inputs that were
*rejected* (with the reason), so that nothing read in is lost silently.

Both convert to and from a pandas DataFrame and JSONL without loss; the ``extra`` mapping keeps
every field a source had that the model has no slot for.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from .exceptions import InvalidInputError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "Article",
    "Corpus",
    "Rejection",
    "parse_published",
]

#: Columns of :meth:`Corpus.to_frame`, in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "title",
    "text",
    "published",
    "url",
    "authors",
    "language",
    "event",
    "cites",
    "extra",
)

_REQUIRED = ("id", "outlet", "text")


def parse_published(value: Any, *, field_name: str = "published") -> _dt.date | _dt.datetime | None:
    """Parse a publication date into a timezone-aware datetime, a date, or None.

    A date without time stays a :class:`datetime.date` (no invented time of day). A datetime
    without a time zone is rejected, since guessing one would shift it by hours.

    Parameters
    ----------
    value : str, datetime, date or None
        ISO 8601 text (``"2025-05-13"``, ``"2025-05-13T09:30:00+02:00"``, ``"...Z"``), a
        datetime or a date. Empty strings and ``None`` mean "unknown".
    field_name : str
        Name of the field, used in error messages.

    Returns
    -------
    datetime.datetime, datetime.date or None

    Raises
    ------
    InvalidInputError
        If the value cannot be parsed or is a naive datetime.
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):  # NaN from pandas
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        if value is getattr(value, "NaT", object()):
            return None
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            msg = (
                f"The '{field_name}' field must be timezone-aware (e.g. '2025-05-13T09:30:00+00:00'). "
                f"Got the naive datetime {value.isoformat()!r} instead."
            )
            raise InvalidInputError(msg)
        return value
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        msg = f"The '{field_name}' field must be an ISO 8601 date or datetime. Got {type(value).__name__}."
        raise InvalidInputError(msg)
    text = value.strip()
    if not text or text.lower() in {"unknown", "none", "null", "nan", "nat"}:
        return None
    if len(text) == 10:
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    try:
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        msg = f"The '{field_name}' field must be an ISO 8601 date or datetime. Got {value!r} instead."
        raise InvalidInputError(msg) from None
    return parse_published(parsed, field_name=field_name)


def _as_str_tuple(value: Any, name: str, article_id: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",")] if value.strip() else []
        return tuple(p for p in parts if p)
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, Iterable):
        out = []
        for item in value:
            if not isinstance(item, str):
                msg = f"Article {article_id!r}: field '{name}' must hold strings. Got {item!r}."
                raise InvalidInputError(msg)
            out.append(item)
        return tuple(out)
    msg = f"Article {article_id!r}: field '{name}' must be a list of strings. Got {type(value).__name__}."
    raise InvalidInputError(msg)


def _jsonable(value: Any, path: str) -> Any:
    """Check that ``value`` survives a JSON round trip; convert dates to ISO text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            msg = f"Field '{path}' holds {value!r}, which JSON cannot represent."
            raise InvalidInputError(msg)
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, f"{path}[{i}]") for i, v in enumerate(value)]
    msg = f"Field '{path}' holds a {type(value).__name__}, which cannot be stored as JSON."
    raise InvalidInputError(msg)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Article:
    """One news article.

    Parameters
    ----------
    id : str
        Stable identifier, unique within a corpus.
    outlet : str
        The outlet that published it, as it names itself ("The Wall Street Journal").
    text : str
        Body text; paragraphs separated by newlines. Must not be empty.
    title : str
        Headline; may be empty.
    published : datetime.datetime, datetime.date or None
        Publication time (timezone-aware) or date; ``None`` when unknown. Strings are parsed.
    url : str or None
    authors : tuple of str
    language : str
        ISO 639-1 code; ``"en"`` by default.
    event : str or None
        An event label given by the corpus, if any.
    cites : tuple of str
        Outlets the article is declared (by its metadata) to re-report.
    extra : mapping
        Everything else the source had; JSON-serialisable.

    Raises
    ------
    InvalidInputError
        If a field is missing, empty where it must not be, or of the wrong form.
    """

    id: str
    outlet: str
    text: str
    title: str = ""
    published: _dt.datetime | _dt.date | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"
    event: str | None = None
    cites: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ident = self.id
        if isinstance(ident, int) and not isinstance(ident, bool):
            object.__setattr__(self, "id", str(ident))
            ident = self.id
        if not isinstance(ident, str) or not ident.strip():
            msg = f"Article field 'id' must be a non-empty string. Got {ident!r}."
            raise InvalidInputError(msg)
        for name in ("outlet", "text"):
            value = getattr(self, name)
            if not isinstance(value, str):
                msg = f"Article {ident!r}: field '{name}' must be a string. Got {type(value).__name__}."
                raise InvalidInputError(msg)
            if not value.strip():
                msg = f"Article {ident!r}: field '{name}' is empty."
                raise InvalidInputError(msg)
        title = "" if self.title is None else self.title
        if not isinstance(title, str):
            msg = f"Article {ident!r}: field 'title' must be a string. Got {type(title).__name__}."
            raise InvalidInputError(msg)
        object.__setattr__(self, "title", title)
        try:
            published = parse_published(self.published)
        except InvalidInputError as exc:
            msg = f"Article {ident!r}: {exc}"
            raise InvalidInputError(msg) from None
        object.__setattr__(self, "published", published)
        if self.url is not None and not isinstance(self.url, str):
            msg = f"Article {ident!r}: field 'url' must be a string or None. Got {type(self.url).__name__}."
            raise InvalidInputError(msg)
        if self.url is not None and not self.url.strip():
            object.__setattr__(self, "url", None)
        if not isinstance(self.language, str) or not self.language.strip():
            msg = f"Article {ident!r}: field 'language' must be a language code such as 'en'."
            raise InvalidInputError(msg)
        object.__setattr__(self, "language", self.language.strip().lower())
        if self.event is not None:
            if not isinstance(self.event, (str, int)):
                msg = f"Article {ident!r}: field 'event' must be a string or None."
                raise InvalidInputError(msg)
            object.__setattr__(self, "event", str(self.event) if str(self.event).strip() else None)
        object.__setattr__(self, "authors", _as_str_tuple(self.authors, "authors", ident))
        object.__setattr__(self, "cites", _as_str_tuple(self.cites, "cites", ident))
        if self.extra is None:
            object.__setattr__(self, "extra", {})
        elif not isinstance(self.extra, Mapping):
            msg = f"Article {ident!r}: field 'extra' must be a mapping. Got {type(self.extra).__name__}."
            raise InvalidInputError(msg)
        else:
            object.__setattr__(self, "extra", _jsonable(dict(self.extra), "extra"))

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        published = None if self.published is None else self.published.isoformat()
        return (
            f"Article(id={self.id!r}, outlet={self.outlet!r}, title={self.title!r}, published={published!r}, "
            f"event={self.event!r}, words={self.n_words}, text={text!r})"
        )

    # -- conversion -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO text, tuples as lists)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "text": self.text,
            "published": None if self.published is None else self.published.isoformat(),
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "event": self.event,
            "cites": list(self.cites),
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an article from a mapping; unknown keys go into ``extra``.

        Raises
        ------
        InvalidInputError
            If a required field ('id', 'outlet', 'text') is missing or invalid.
        """
        known = {f.name for f in fields(cls)}
        missing = [k for k in _REQUIRED if data.get(k) is None]
        if missing:
            msg = f"Article record is missing the required field(s) {missing!r}."
            raise InvalidInputError(msg)
        kwargs = {k: v for k, v in data.items() if k in known and k != "extra"}
        extra = dict(data.get("extra") or {})
        for key, value in data.items():
            if key not in known:
                extra[key] = value
        return cls(**kwargs, extra=extra)

    @property
    def n_words(self) -> int:
        """Whitespace-separated words in the text (a quick size measure)."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, and why.

    Parameters
    ----------
    source : str
        File (and record number or line, where there is one), e.g. ``"data.jsonl:17"``.
    reason : str
        What was wrong, naming the field where there is one.
    field : str or None
        The field at fault, if known.
    """

    source: str
    reason: str
    field: str | None = None

    def __str__(self) -> str:
        where = self.source + (f" [{self.field}]" if self.field else "")
        return f"{where}: {self.reason}"


class Corpus(Sequence[Article]):
    """An ordered collection of articles with unique ids.

    Parameters
    ----------
    articles : iterable of Article
    sources : sequence of str
        Where the articles came from (paths or dataset names).
    rejected : sequence of Rejection
        Inputs that were read but could not become articles.
    name : str
        A label for reports.

    Raises
    ------
    InvalidInputError
        If two articles share an id, or an item is not an Article.

    Examples
    --------
    >>> from compare import Article, Corpus
    >>> c = Corpus([Article(id="a", outlet="X", text="Hello there.")])
    >>> len(c), c.outlets
    (1, ['X'])
    """

    __slots__ = ("_articles", "_index", "name", "rejected", "sources")

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        sources: Sequence[str] = (),
        rejected: Sequence[Rejection] = (),
        name: str = "corpus",
    ) -> None:
        items = tuple(articles)
        index: dict[str, int] = {}
        for i, art in enumerate(items):
            if not isinstance(art, Article):
                msg = f"Corpus items must be Article objects. Item {i} is a {type(art).__name__}."
                raise TypeError(msg)
            if art.id in index:
                msg = f"Duplicate article id {art.id!r} (items {index[art.id]} and {i}); ids must be unique."
                raise InvalidInputError(msg)
            index[art.id] = i
        self._articles = items
        self._index = index
        self.sources = tuple(str(s) for s in sources)
        self.rejected = tuple(rejected)
        self.name = name

    # -- sequence protocol ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, slice):
            return Corpus(self._articles[key], sources=self.sources, name=self.name)
        if isinstance(key, str):
            try:
                return self._articles[self._index[key]]
            except KeyError:
                msg = f"No article with id {key!r} in this corpus."
                raise KeyError(msg) from None
        return self._articles[key]

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._index
        return item in self._articles

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return self._articles == other._articles

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Corpus(name={self.name!r}, articles={len(self)}, outlets={len(self.outlets)}, "
            f"events={len(self.events)}, rejected={len(self.rejected)})"
        )

    def _repr_html_(self) -> str:
        from html import escape

        summary = self.summary()
        rows = "".join(
            f"<tr><td>{escape(str(o))}</td><td>{n}</td></tr>" for o, n in summary["outlets"].items()
        )
        return (
            f"<div><strong>Corpus {escape(self.name)}</strong>: {len(self)} articles, "
            f"{len(self.outlets)} outlets, {len(self.events)} events, {len(self.rejected)} rejected"
            f"<table><tr><th>outlet</th><th>articles</th></tr>{rows}</table></div>"
        )

    # -- views ------------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """Article ids in corpus order."""
        return [a.id for a in self._articles]

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets, sorted."""
        return sorted({a.outlet for a in self._articles})

    @property
    def events(self) -> list[str]:
        """Distinct corpus-given event labels, sorted (articles without one are left out)."""
        return sorted({a.event for a in self._articles if a.event is not None})

    def content_hash(self) -> str:
        """SHA-256 of the articles' canonical JSON, independent of order and of ``sources``."""
        digest = hashlib.sha256()
        for art in sorted(self._articles, key=lambda a: a.id):
            digest.update(json.dumps(art.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()

    def summary(self) -> dict[str, Any]:
        """Counts per outlet and event, words, and the rejected inputs."""
        outlets = Counter(a.outlet for a in self._articles)
        events = Counter(a.event or "(none)" for a in self._articles)
        return {
            "articles": len(self),
            "outlets": dict(sorted(outlets.items())),
            "events": dict(sorted(events.items())),
            "words": sum(a.n_words for a in self._articles),
            "rejected": [str(r) for r in self.rejected],
        }

    def filter(self, predicate) -> Corpus:
        """Return a corpus with the articles for which ``predicate(article)`` is true."""
        return Corpus(
            (a for a in self._articles if predicate(a)),
            sources=self.sources,
            rejected=self.rejected,
            name=self.name,
        )

    def merge(self, other: Corpus) -> Corpus:
        """Concatenate two corpora; ids must stay unique."""
        return Corpus(
            (*self._articles, *other._articles),
            sources=(*self.sources, *other.sources),
            rejected=(*self.rejected, *other.rejected),
            name=self.name if self.name == other.name else f"{self.name}+{other.name}",
        )

    def with_events(self, mapping: Mapping[str, str]) -> Corpus:
        """Return a copy whose articles carry the event labels in ``mapping`` (id -> event)."""
        return Corpus(
            (replace(a, event=mapping.get(a.id, a.event)) for a in self._articles),
            sources=self.sources,
            rejected=self.rejected,
            name=self.name,
        )

    # -- conversion ------------------------------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """Articles as JSON-ready dicts."""
        return [a.to_dict() for a in self._articles]

    def to_frame(self) -> pd.DataFrame:
        """One row per article with the columns of :data:`ARTICLE_COLUMNS`.

        ``published`` holds :class:`datetime.datetime` / :class:`datetime.date` objects or None,
        ``authors`` and ``cites`` lists, and ``extra`` dicts, so that :meth:`from_frame`
        gives back an equal corpus.
        """
        import pandas as pd

        rows = []
        for a in self._articles:
            rows.append(
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "text": a.text,
                    "published": a.published,
                    "url": a.url,
                    "authors": list(a.authors),
                    "language": a.language,
                    "event": a.event,
                    "cites": list(a.cites),
                    "extra": dict(a.extra),
                }
            )
        return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS)).astype(
            {"published": object, "url": object, "event": object}
        )

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        columns: Mapping[str, str] | None = None,
        name: str = "corpus",
        source: str = "<DataFrame>",
        on_error: str = "raise",
    ) -> Corpus:
        """Build a corpus from a DataFrame.

        Parameters
        ----------
        df : pandas.DataFrame
            One row per article.
        columns : mapping, optional
            Maps *model* field names to the frame's column names, e.g.
            ``{"text": "body", "outlet": "source"}``. Unmapped columns whose name is a model field are
            used as they are; all other columns go into ``extra``.
        name : str
            Corpus name.
        source : str
            Where the frame came from, for error messages.
        on_error : {"raise", "reject"}
            ``"raise"`` stops at the first invalid row; ``"reject"`` records it in
            :attr:`Corpus.rejected` and goes on.

        Returns
        -------
        Corpus

        Raises
        ------
        SchemaError
            If a required column is missing after mapping.
        InvalidInputError
            If a row is invalid and ``on_error="raise"``.
        """
        records = _frame_records(df, columns=columns, caller="Corpus.from_frame")
        return corpus_from_records(records, name=name, source=source, on_error=on_error)

    def to_jsonl(self, path) -> None:
        """Write the corpus as JSON Lines (one article per line, UTF-8)."""
        from .io import write_jsonl

        write_jsonl(self, path)


def _frame_records(df: pd.DataFrame, *, columns: Mapping[str, str] | None, caller: str) -> list[dict[str, Any]]:
    mapping = dict(columns or {})
    model_fields = set(ARTICLE_COLUMNS)
    unknown_targets = [k for k in mapping if k not in model_fields]
    if unknown_targets:
        msg = (
            f"The 'columns' parameter of {caller} maps unknown field(s) {unknown_targets!r}; "
            f"fields are {list(ARTICLE_COLUMNS)!r}."
        )
        raise InvalidInputError(msg)
    rename = {src: dst for dst, src in mapping.items()}
    missing_src = [src for src in rename if src not in df.columns]
    if missing_src:
        msg = (
            f"{caller}: the column mapping names column(s) {missing_src!r}, which are missing. "
            f"Available columns: {list(map(str, df.columns))!r}."
        )
        raise SchemaError(msg)
    frame = df.rename(columns=rename)
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        msg = (
            f"{caller} needs the columns {missing!r} (map yours with columns={{'text': 'body', ...}}). "
            f"Available columns: {list(map(str, df.columns))!r}."
        )
        raise SchemaError(msg)
    records = []
    for row in frame.to_dict(orient="records"):
        rec: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in row.items():
            value = _unbox(value)
            if key in model_fields:
                rec[key] = value
            else:
                if value is not None:
                    extra[str(key)] = value
        if isinstance(rec.get("extra"), Mapping):
            extra = {**rec["extra"], **extra}
        elif isinstance(rec.get("extra"), str) and rec["extra"].strip().startswith("{"):
            extra = {**json.loads(rec["extra"]), **extra}
        rec["extra"] = extra
        for list_field in ("authors", "cites"):
            v = rec.get(list_field)
            if isinstance(v, str) and v.strip().startswith("["):
                try:
                    rec[list_field] = json.loads(v)
                except json.JSONDecodeError:
                    pass
        records.append(rec)
    return records


def _unbox(value: Any) -> Any:
    """Turn numpy / pandas scalars and missing values into plain Python objects."""
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in {"NaTType", "NAType"}:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if isinstance(value, dict):
        return {k: _unbox(v) for k, v in value.items()}
    return value


def corpus_from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    name: str,
    source: str,
    on_error: str = "raise",
    sources: Sequence[str] | None = None,
    rejected: Sequence[Rejection] = (),
) -> Corpus:
    """Build a corpus from mappings, rejecting (or raising on) invalid ones and duplicate ids.

    Records are numbered from 1 in messages (``source:N``).
    """
    if on_error not in ("raise", "reject"):
        msg = f"The 'on_error' parameter must be one of ['raise', 'reject']. Got {on_error!r} instead."
        raise InvalidInputError(msg)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    rejects = list(rejected)
    for i, rec in enumerate(records, start=1):
        where = rec.get("_source") or f"{source}:{i}"
        clean = {k: v for k, v in rec.items() if k != "_source"}
        try:
            art = Article.from_dict(clean)
        except InvalidInputError as exc:
            field_name = _field_from_message(str(exc))
            if on_error == "raise":
                msg = f"{where}: {exc}"
                raise InvalidInputError(msg) from None
            rejects.append(Rejection(str(where), str(exc), field_name))
            continue
        if art.id in seen:
            msg = f"duplicate id {art.id!r} (first seen in {seen[art.id]}); this copy was not loaded"
            if on_error == "raise":
                raise InvalidInputError(f"{where}: {msg}")
            rejects.append(Rejection(str(where), msg, "id"))
            continue
        seen[art.id] = str(where)
        articles.append(art)
    return Corpus(articles, sources=list(sources or [source]), rejected=rejects, name=name)


def _field_from_message(message: str) -> str | None:
    for name in ARTICLE_COLUMNS:
        if f"'{name}'" in message:
            return name
    return None
