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

from ._limits import MAX_COLUMNS, MAX_FIELD_CHARS, MAX_NESTING, MAX_NODES, MAX_TEXT_CHARS
from ._sanitize import clean_text, replace_surrogates
from .exceptions import FieldError, InvalidInputError, SchemaError

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


def _short(value: Any, width: int = 60) -> str:
    """``repr(value)``, cut to ``width`` characters for an error message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def parse_published(value: Any, *, field_name: str = "published") -> _dt.date | _dt.datetime | None:
    """Parse a publication date into a timezone-aware datetime, a date, or None.

    A date without time stays a :class:`datetime.date` (no invented time of day). A datetime
    without a time zone is rejected, since guessing one would shift it by hours.

    Parameters
    ----------
    value : str, datetime, date or None
        ISO 8601 text (``"2025-05-13"``, ``"2025-05-13T09:30:00+02:00"``, ``"...Z"``,
        ``"2025-05-13 09:30:00+02:00"``), a datetime or a date. Empty strings and ``None`` mean
        "unknown".
    field_name : str
        Name of the field, used in error messages.

    Returns
    -------
    datetime.datetime, datetime.date or None

    Raises
    ------
    FieldError
        If the value cannot be parsed (``"2025-13-45"``) or is a naive datetime; its ``field`` is
        ``field_name``.
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
            raise FieldError(msg, field=field_name)
        return value
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        msg = f"The '{field_name}' field must be an ISO 8601 date or datetime. Got {type(value).__name__}."
        raise FieldError(msg, field=field_name)
    text = value.strip()
    if not text or text.lower() in {"unknown", "none", "null", "nan", "nat"}:
        return None
    if len(text) == 10:
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    try:
        if len(text) > 64:  # no ISO 8601 date is this long
            raise ValueError
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        msg = f"The '{field_name}' field must be an ISO 8601 date or datetime. Got {_short(value)} instead."
        raise FieldError(msg, field=field_name) from None
    return parse_published(parsed, field_name=field_name)


def _checked_str(value: str, name: str, ident: str, limit: int = MAX_FIELD_CHARS) -> str:
    """``value`` with lone surrogates replaced; FieldError if it is longer than ``limit``."""
    if len(value) > limit:
        what = "text" if name == "text" else f"field '{name}'"
        msg = (
            f"Article {_short(ident)}: {what} has {len(value):,} characters, over the limit of {limit:,} "
            "(see docs/limits.md); split it or leave it out."
        )
        raise FieldError(msg, field=name, record=ident)
    return replace_surrogates(value)


def _as_str_tuple(value: Any, name: str, article_id: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = _checked_str(value, name, article_id)
        parts = [p.strip() for p in value.replace(";", ",").split(",")] if value.strip() else []
        return tuple(p for p in parts if p)
    if hasattr(value, "tolist") and not isinstance(value, Mapping):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_COLUMNS:
            msg = f"Article {_short(article_id)}: field '{name}' has {len(value):,} items, over the limit of {MAX_COLUMNS:,}."
            raise FieldError(msg, field=name, record=article_id)
        out = []
        for item in value:
            if not isinstance(item, str):
                msg = f"Article {_short(article_id)}: field '{name}' must hold strings. Got {_short(item)}."
                raise FieldError(msg, field=name, record=article_id)
            out.append(_checked_str(item, name, article_id))
        return tuple(out)
    msg = (
        f"Article {_short(article_id)}: field '{name}' must be a string or a list of strings. "
        f"Got {type(value).__name__} {_short(value)}."
    )
    raise FieldError(msg, field=name, record=article_id)


# an int of more digits than this cannot be written as JSON text (Python's int-digit limit, 4,300)
_MAX_INT_BITS = 13_000


def _jsonable(value: Any, path: str, *, record: str | None = None) -> Any:
    """Check that ``value`` survives a JSON round trip within the limits; dates become ISO text.

    Walks iteratively, so that nesting costs no recursion; at most :data:`MAX_NESTING` levels,
    :data:`MAX_NODES` values and :data:`MAX_TEXT_CHARS` characters of strings (keys included).
    Returns a copy made of dicts, lists and JSON scalars, with lone surrogates replaced.
    """
    field_name = path.split(".")[0].split("[")[0]
    nodes = 0
    chars = 0

    def fail(msg: str) -> FieldError:
        return FieldError(msg, field=field_name, record=record)

    def convert(v: Any, where: str, key: Any, depth: int) -> tuple[Any, bool]:
        """The copy of ``v`` (an empty container to fill) and whether it is a container."""
        nonlocal nodes, chars
        nodes += 1
        if nodes > MAX_NODES:
            raise fail(f"Field '{path}' holds more than {MAX_NODES:,} values (see docs/limits.md).")
        t = type(v)
        if t is str:
            chars += len(v)
            if chars > MAX_TEXT_CHARS:
                raise fail(f"Field '{path}' holds more than {MAX_TEXT_CHARS:,} characters of text (see docs/limits.md).")
            return replace_surrogates(v), False
        if v is None or t is bool:
            return v, False
        if t is int:
            if v.bit_length() > _MAX_INT_BITS:
                msg = f"Field '{where}{key}' holds an integer of about {int(v.bit_length() * 0.30103):,} digits, too long to store."
                raise fail(msg)
            return v, False
        if t is float:
            if not math.isfinite(v):
                raise fail(f"Field '{where}{key}' holds {v!r}, which JSON cannot represent.")
            return v, False
        if t is dict or t is list or t is tuple or isinstance(v, (Mapping, list, tuple)):
            if depth > MAX_NESTING:
                raise fail(f"Field '{path}' is nested more than {MAX_NESTING} levels deep (see docs/limits.md).")
            return ({} if isinstance(v, Mapping) else []), True
        if isinstance(v, bool):
            return bool(v), False
        if isinstance(v, int):
            return convert(int(v), where, key, depth)[0], False
        if isinstance(v, str):
            return convert(str(v), where, key, depth)[0], False
        if isinstance(v, float):
            return convert(float(v), where, key, depth)[0], False
        if isinstance(v, (_dt.date, _dt.datetime)):
            return v.isoformat(), False
        raise fail(f"Field '{where}{key}' holds a {type(v).__name__}, which cannot be stored as JSON.")

    root, is_container = convert(value, path, "", 0)
    if not is_container:
        return root
    stack: list[tuple[Any, Any, str, int]] = [(value, root, path, 0)]
    while stack:
        src, dst, where, depth = stack.pop()
        if isinstance(dst, dict):
            for k, v in src.items():
                key = k if type(k) is str else str(k)
                key = replace_surrogates(key)
                chars += len(key)
                out, deeper = convert(v, where, f".{key}", depth + 1)
                dst[key] = out
                if deeper:
                    stack.append((v, out, f"{where}.{key}", depth + 1))
        else:
            for n, v in enumerate(src):
                out, deeper = convert(v, where, f"[{n}]", depth + 1)
                dst.append(out)
                if deeper:
                    stack.append((v, out, f"{where}[{n}]", depth + 1))
    return root


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
    FieldError
        If a field is missing, empty where it must not be, of the wrong form, or over a limit of
        ``docs/limits.md`` (a text of more than 500,000 characters, ``extra`` nested more than
        32 levels...); its ``field`` names the field and ``record`` the id.

    Notes
    -----
    Lone surrogates (U+D800-U+DFFF, which no encoder accepts) in any string field, including
    inside ``extra``, are replaced by U+FFFD, one character for one; everything else is kept as
    given (control characters are made safe where text is shown, not here).
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
            ident = str(ident)
        if not isinstance(ident, str) or not ident.strip():
            msg = f"Article field 'id' must be a non-empty string. Got {_short(ident)}."
            raise FieldError(msg, field="id")
        ident = _checked_str(ident, "id", ident[:60])
        object.__setattr__(self, "id", ident)
        for name in ("outlet", "text"):
            value = getattr(self, name)
            if not isinstance(value, str):
                msg = f"Article {_short(ident)}: field '{name}' must be a string. Got {type(value).__name__}."
                raise FieldError(msg, field=name, record=ident)
            value = _checked_str(value, name, ident, MAX_TEXT_CHARS if name == "text" else MAX_FIELD_CHARS)
            if not value or value.isspace():
                msg = f"Article {_short(ident)}: field '{name}' is empty."
                raise FieldError(msg, field=name, record=ident)
            object.__setattr__(self, name, value)
        title = "" if self.title is None else self.title
        if not isinstance(title, str):
            msg = f"Article {_short(ident)}: field 'title' must be a string. Got {type(title).__name__}."
            raise FieldError(msg, field="title", record=ident)
        object.__setattr__(self, "title", _checked_str(title, "title", ident))
        try:
            published = parse_published(self.published)
        except FieldError as exc:
            msg = f"Article {_short(ident)}: {exc}"
            raise FieldError(msg, field="published", record=ident) from None
        object.__setattr__(self, "published", published)
        if self.url is not None and not isinstance(self.url, str):
            msg = f"Article {_short(ident)}: field 'url' must be a string or None. Got {type(self.url).__name__}."
            raise FieldError(msg, field="url", record=ident)
        if self.url is not None:
            url = _checked_str(self.url, "url", ident)
            object.__setattr__(self, "url", url if url.strip() else None)
        if not isinstance(self.language, str) or not self.language.strip() or len(self.language) > 64:
            msg = f"Article {_short(ident)}: field 'language' must be a language code such as 'en'. Got {_short(self.language)}."
            raise FieldError(msg, field="language", record=ident)
        object.__setattr__(self, "language", replace_surrogates(self.language.strip().lower()))
        if self.event is not None:
            # an int is a label (NewsWCL50 numbers its events); a bool or a float is a mistake
            if not isinstance(self.event, (str, int)) or isinstance(self.event, bool):
                msg = (
                    f"Article {_short(ident)}: field 'event' must be a string (or an integer label) or None. "
                    f"Got {type(self.event).__name__} {_short(self.event)}."
                )
                raise FieldError(msg, field="event", record=ident)
            event = _checked_str(str(self.event), "event", ident)
            object.__setattr__(self, "event", event if event.strip() else None)
        object.__setattr__(self, "authors", _as_str_tuple(self.authors, "authors", ident))
        object.__setattr__(self, "cites", _as_str_tuple(self.cites, "cites", ident))
        if self.extra is None:
            object.__setattr__(self, "extra", {})
        elif not isinstance(self.extra, Mapping):
            msg = (
                f"Article {_short(ident)}: field 'extra' must be a mapping (a JSON object) of further fields. "
                f"Got {type(self.extra).__name__} {_short(self.extra)}."
            )
            raise FieldError(msg, field="extra", record=ident)
        else:
            object.__setattr__(self, "extra", _jsonable(self.extra, "extra", record=ident))

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
        FieldError
            If a required field ('id', 'outlet', 'text') is missing, or a field is invalid
            (``extra`` must itself be a mapping); ``field`` names it.
        TypeError
            If ``data`` is not a mapping.
        """
        if not isinstance(data, Mapping):
            msg = f"Article.from_dict takes a mapping. Got {type(data).__name__}."
            raise TypeError(msg)
        known = {f.name for f in fields(cls)}
        missing = [k for k in _REQUIRED if data.get(k) is None]
        if missing:
            msg = f"Article record is missing the required field(s) {missing!r}."
            ident = data.get("id")
            raise FieldError(msg, field=missing[0], record=ident if isinstance(ident, str) else None)
        kwargs = {k: v for k, v in data.items() if k in known and k != "extra"}
        given = data.get("extra")
        if given is not None and not isinstance(given, Mapping):
            ident = str(data.get("id"))
            msg = (
                f"Article {_short(ident)}: field 'extra' must be a mapping (a JSON object) of further fields. "
                f"Got {type(given).__name__} {_short(given)}."
            )
            raise FieldError(msg, field="extra", record=ident)
        extra = dict(given or {})
        for key, value in data.items():
            if key not in known:
                extra[str(key)] = value
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
            f"<tr><td>{escape(clean_text(str(o)))}</td><td>{n}</td></tr>" for o, n in summary["outlets"].items()
        )
        return (
            f"<div><strong>Corpus {escape(clean_text(self.name))}</strong>: {len(self)} articles, "
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
    return records_from_table(df.to_dict(orient="records"), columns=columns, available=list(df.columns), caller=caller)


def records_from_table(
    rows: Iterable[Mapping[Any, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    available: Sequence[Any] | None = None,
    caller: str,
) -> list[dict[str, Any]]:
    """Turn table rows (column -> value) into article records for :func:`corpus_from_records`.

    ``columns`` maps model fields to column names; other columns go into ``extra``. An
    ``extra`` column may hold a JSON object as text, and ``authors`` / ``cites`` a JSON list.
    A value that cannot be decoded is passed on as it is, so that the record, not the table, is
    rejected (naming the field).

    Parameters
    ----------
    rows : iterable of mapping
    columns : mapping, optional
        Model field -> column name.
    available : sequence, optional
        The table's column names; when given, the mapping and the required fields are checked
        against them once (SchemaError), instead of record by record.
    caller : str
        Who asks, for error messages.

    Returns
    -------
    list of dict

    Raises
    ------
    InvalidInputError
        If ``columns`` maps an unknown field.
    SchemaError
        If ``available`` lacks a mapped or required column, or names a field twice.
    """
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
    if available is not None:
        names = [str(c) for c in available]
        shown = names if len(names) <= 40 else [*names[:40], "..."]
        missing_src = [src for src in rename if src not in names]
        if missing_src:
            msg = (
                f"{caller}: the column mapping names column(s) {missing_src!r}, which are missing. "
                f"Available columns: {shown!r}."
            )
            raise SchemaError(msg)
        fields_given = [rename.get(c, c) for c in names if c in rename or c not in mapping]
        missing = [c for c in _REQUIRED if c not in fields_given]
        if missing:
            msg = (
                f"{caller} needs the columns {missing!r} (map yours with columns={{'text': 'body', ...}}). "
                f"Available columns: {shown!r}."
            )
            raise SchemaError(msg)
        twice = sorted(c for c, n in Counter(fields_given).items() if n > 1 and c in model_fields)
        if twice:
            msg = f"{caller}: the field(s) {twice!r} come from more than one column; keep one (or map one with columns=)."
            raise SchemaError(msg)
    return [_table_record(row, rename, mapping, model_fields) for row in rows]


def _decode_json_text(value: Any, opening: str) -> Any:
    """``value`` decoded if it is JSON text starting with ``opening``; else (or if invalid) unchanged."""
    if isinstance(value, str) and value.lstrip().startswith(opening):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):  # JSONDecodeError, the int-digit limit, nesting
            return value
    return value


def _table_record(row: Mapping[Any, Any], rename: Mapping[str, str], mapping: Mapping[str, str], model_fields: set[str]) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in row.items():
        key = str(key)
        value = _unbox(value)
        name = rename.get(key, key)
        if name in model_fields and (key in rename or name not in mapping):
            rec[name] = value
        elif value is not None:
            extra[key] = value
    given = _decode_json_text(rec.get("extra"), "{")
    if given is None or (isinstance(given, str) and not given.strip()):
        rec["extra"] = extra
    elif isinstance(given, Mapping):
        rec["extra"] = {**given, **extra}
    else:
        rec["extra"] = given  # Article.from_dict rejects it, naming the field
    for list_field in ("authors", "cites"):
        if list_field in rec:
            rec[list_field] = _decode_json_text(rec[list_field], "[")
    return rec


def _unbox(value: Any, depth: int = 0) -> Any:
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
    if depth < MAX_NESTING:
        if isinstance(value, dict):
            return {k: _unbox(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [_unbox(v, depth + 1) for v in value]
    return value


def corpus_from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    name: str,
    source: str,
    on_error: str = "raise",
    sources: Sequence[str] | None = None,
    rejected: Sequence[Rejection] = (),
    locations: Sequence[str] | None = None,
) -> Corpus:
    """Build a corpus from mappings, rejecting (or raising on) invalid ones and duplicate ids.

    Parameters
    ----------
    records : iterable of mapping
        Article records (see :meth:`Article.from_dict`).
    name : str
        Corpus name.
    source : str
        Where the records come from; records are numbered from 1 in messages (``source:N``)
        unless ``locations`` or a record's ``"_source"`` key says where each one is.
    on_error : {"raise", "reject"}
        Raise at the first invalid record, or list it in :attr:`Corpus.rejected`.
    sources : sequence of str, optional
        The corpus's sources (default: ``[source]``).
    rejected : sequence of Rejection
        Rejections made before (unparsable lines...), listed first.
    locations : sequence of str, optional
        Where each record is (``"file.jsonl:17"``), in the order of ``records``; when given,
        a ``"_source"`` key is an ordinary field (it goes into ``extra``).

    Returns
    -------
    Corpus

    Raises
    ------
    FieldError
        If a record is invalid or an id repeats and ``on_error="raise"``.
    """
    if on_error not in ("raise", "reject"):
        msg = f"The 'on_error' parameter must be one of ['raise', 'reject']. Got {on_error!r} instead."
        raise InvalidInputError(msg)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    rejects = list(rejected)
    for i, rec in enumerate(records, start=1):
        if locations is not None:
            where = locations[i - 1]
            clean = rec
        else:
            where = rec.get("_source") or f"{source}:{i}"
            clean = {k: v for k, v in rec.items() if k != "_source"}
        try:
            art = Article.from_dict(clean)
        except InvalidInputError as exc:
            if on_error == "raise":
                msg = f"{where}: {exc}"
                raise FieldError(msg, field=exc.field or "", record=str(where)) from None
            rejects.append(Rejection(str(where), str(exc), exc.field))
            continue
        if art.id in seen:
            msg = f"duplicate id {_short(art.id)} (first seen in {seen[art.id]}); this copy was not loaded"
            if on_error == "raise":
                raise FieldError(f"{where}: {msg}", field="id", record=str(where))
            rejects.append(Rejection(str(where), msg, "id"))
            continue
        seen[art.id] = str(where)
        articles.append(art)
    return Corpus(articles, sources=list(sources or [source]), rejected=rejects, name=name)
