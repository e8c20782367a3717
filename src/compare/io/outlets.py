"""The outlet table: canonical outlet names, their aliases, and the groups a researcher compares.

Coverage data spells one outlet many ways ("CNN", "CNN (Online News)", "cnn.com"), and a
researcher compares outlets *in groups* (state-affiliated vs independent, left vs right, one country
vs another). This module holds both:

- :func:`normalize_outlet` gives the key under which two spellings of a name are the same outlet;
- :class:`OutletTable` maps names and aliases to one canonical name and carries any grouping
  columns; :func:`read_outlet_table` reads one from CSV or YAML, and :func:`default_outlet_table`
  builds one from the outlet list shipped with the package.

File format
-----------
CSV (``.csv``, or ``.tsv`` with tabs), one row per outlet::

    name,aliases,country,leaning,state_affiliated
    RT,Russia Today|rt.com,RU,,yes
    The Kyiv Independent,Kyiv Independent,UA,,no
    Fox News,Fox News Channel,US,right,no

- ``name`` (or ``outlet``): the canonical name, required and non-empty; it is what comparisons and
  reports show.
- ``aliases``: optional; other spellings separated by ``|``.
- every other column is a grouping column (or any attribute: domain, URL, notes); an empty cell
  means "no value" and leaves the outlet out of that column's groups.

YAML (``.yaml`` / ``.yml``): a list of mappings with the same keys, where ``aliases`` may be a list,
or a mapping with that list under ``outlets``::

    outlets:
      - name: RT
        aliases: [Russia Today, rt.com]
        country: RU
        state_affiliated: "yes"
      - name: Fox News
        leaning: right

Names and aliases are compared by their :func:`normalize_outlet` key, so case, spacing, a leading
"The" and qualifiers such as "(Online News)" do not matter. Two outlets whose names or aliases share
a key are an error, reported with both rows.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import InvalidInputError, ReadError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "OutletGroups",
    "OutletTable",
    "default_outlet_table",
    "normalize_outlet",
    "normalize_space",
    "read_outlet_table",
]

# Invisible characters dropped before comparing: zero-width space / non-joiner / joiner, word
# joiner, BOM (zero-width no-break space), soft hyphen, and the bidi marks, embeddings, overrides
# and isolates (LRM, RLM, ALM, LRE..RLO, LRI..PDI).
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x061C,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SPACE_RE = re.compile(r"\s+")
_THE_RE = re.compile(r"^the\s+(?=\S)")
# Parenthesised or bracketed qualifiers that name a medium or an edition, not another outlet:
# "CNN (Online News)", "Wall Street Journal (News)", "NBC News (Online)", "BBC [Web]".
_QUALIFIER_WORDS = frozenset(
    {"online", "news", "web", "website", "site", "print", "edition", "digital", "blog", "blogs",
     "newswire", "wire", "tv", "television", "radio", "broadcast", "transcript", "transcripts",
     "newspaper", "magazine", "and", "&", "/", "-"}
)
_QUALIFIER_RE = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_WEB_RE = re.compile(r"^(?:https?://)?(?:www\.)?(.+?)(?:\.com|\.org|\.net)/?$")
_JOIN_RE = re.compile(r"(?<=\w)[.'’](?=\w)|(?<=\w)\.(?=\s|$)")


def normalize_space(name: str) -> str:
    """Return ``name`` with invisible characters removed and white space collapsed.

    Parameters
    ----------
    name : str
        An outlet name as written.

    Returns
    -------
    str
        The name in Unicode NFKC, without zero-width spaces, byte-order marks or bidi marks, every run
        of white space (no-break spaces included) replaced by one space, and trimmed. Case and
        punctuation are kept.

    Examples
    --------
    >>> normalize_space("  Wall\\u00a0Street  Journal\\u200b ")
    'Wall Street Journal'
    """
    if not isinstance(name, str):
        msg = f"The 'name' parameter of normalize_space must be a str. Got {type(name).__name__} instead."
        raise TypeError(msg)
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE)
    return _SPACE_RE.sub(" ", text).strip()


def normalize_outlet(name: str) -> str:
    """Return the key under which two spellings of an outlet's name are the same outlet.

    Parameters
    ----------
    name : str
        An outlet name as written ("The Wall Street Journal", "CNN (Online News)", "reuters.com").

    Returns
    -------
    str
        The name after :func:`normalize_space`, case-folded, with a trailing qualifier in brackets
        dropped when it only names a medium or edition ("(Online News)", "(News)", "(Online)",
        "(Print)", "(Web)", ...), a web address reduced to its name ("www.cnn.com" -> "cnn"; the
        endings ``.com``, ``.org`` and ``.net``), dots and apostrophes inside words removed
        ("L.A." -> "la"), other punctuation turned into spaces, and a leading "the" dropped.

    Raises
    ------
    TypeError
        If ``name`` is not a str.

    Notes
    -----
    The rules were decided on cases: "CNN" / "CNN (Online News)", "The Wall Street Journal" /
    "Wall Street Journal (News)", "NBC News (Online)" / "NBC News" and "Reuters" / "reuters" /
    " Reuters " / "REUTERS" meet; "Fox News" and "Fox Business" stay apart, and so do "NBC News"
    and "NBC" (a word that is part of a name, such as "News" or "News Agency", is never dropped:
    spellings that differ by one, like "Xinhua" / "Xinhua News Agency", are aliases in the
    outlet table). Diacritics are kept (dropping them would merge distinct Cyrillic letters).

    Examples
    --------
    >>> normalize_outlet("The Wall Street Journal") == normalize_outlet("Wall Street Journal (News)")
    True
    >>> normalize_outlet("CNN (Online News)")
    'cnn'
    >>> normalize_outlet("Fox News") == normalize_outlet("Fox Business")
    False
    """
    if not isinstance(name, str):
        msg = f"The 'name' parameter of normalize_outlet must be a str. Got {type(name).__name__} instead."
        raise TypeError(msg)
    text = normalize_space(name).casefold()
    while True:
        m = _QUALIFIER_RE.search(text)
        if not m or m.start() == 0:
            break
        words = set(m.group(1).replace("/", " / ").replace("-", " - ").split())
        if not words or not words <= _QUALIFIER_WORDS:
            break
        text = text[: m.start()].rstrip()
    web = _WEB_RE.match(text)
    if web and " " not in text:
        text = web.group(1)
    text = _JOIN_RE.sub("", text)
    text = "".join(ch if (ch.isalnum() or ch.isspace()) else " " for ch in text)
    text = _SPACE_RE.sub(" ", text).strip()
    return _THE_RE.sub("", text)


# ----------------------------------------------------------------------------------------------
# the table
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class OutletTable:
    """Canonical outlet names, their aliases, and grouping columns.

    Build one with :func:`read_outlet_table`, :func:`default_outlet_table` or
    :meth:`from_records`; the constructor itself takes already validated parts.

    Parameters
    ----------
    names : tuple of str
        Canonical names, in table order.
    aliases : dict
        Canonical name -> tuple of aliases as written.
    attributes : dict
        Canonical name -> {column: value}; a missing value is absent or ``None``.
    columns : tuple of str
        The grouping (attribute) columns, in file order.
    source : str
        Where the table came from (a path or a description), used in messages.

    See Also
    --------
    read_outlet_table, default_outlet_table

    Examples
    --------
    >>> table = OutletTable.from_records(
    ...     [{"name": "CNN", "aliases": "Cable News Network", "leaning": "left"},
    ...      {"name": "Fox News", "leaning": "right"}])
    >>> table.resolve("CNN (Online News)"), table.resolve("the cable news network")
    ('CNN', 'CNN')
    >>> table.resolve("Unknown  Gazette")
    'Unknown Gazette'
    >>> dict(table.groups("leaning"))
    {'CNN': 'left', 'Fox News': 'right'}
    >>> table.groups("leaning")["cable news network"]
    'left'
    """

    names: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    attributes: dict[str, dict[str, str | None]]
    columns: tuple[str, ...]
    source: str = "<records>"
    _index: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for name in self.names:
            for surface in (name, *self.aliases.get(name, ())):
                index.setdefault(normalize_outlet(surface), name)
        object.__setattr__(self, "_index", index)

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *, source: str = "<records>") -> OutletTable:
        """Build a table from rows (mappings with ``name``, optional ``aliases``, other columns).

        Parameters
        ----------
        records : iterable of mapping
            One mapping per outlet. ``aliases`` is a ``|``-separated string or a list of strings.
        source : str
            Name of the origin, used in error messages (``"outlets.csv"``).

        Returns
        -------
        OutletTable

        Raises
        ------
        InvalidInputError
            If a row has no name, two rows share a name, or an alias of one outlet is the name or
            alias of another (after :func:`normalize_outlet`); the message names the rows.
        """
        rows = [dict(r) for r in records]
        columns: list[str] = []
        for row in rows:
            for key in row:
                k = str(key).strip()
                if k not in ("name", "outlet", "aliases") and k not in columns:
                    columns.append(k)
        return cls._build(list(enumerate(rows, start=1)), columns, source=source)

    @classmethod
    def _build(cls, rows: list[tuple[int, dict[str, Any]]], columns: list[str], *, source: str) -> OutletTable:
        """Validate numbered rows (row number, mapping) and build the table."""
        names: list[str] = []
        aliases: dict[str, tuple[str, ...]] = {}
        attributes: dict[str, dict[str, str | None]] = {}
        owner: dict[str, tuple[str, int]] = {}  # key -> (canonical name, row number)
        for number, raw in rows:
            row = {str(k).strip(): v for k, v in raw.items() if k is not None}
            if "name" in row and "outlet" in row:
                msg = f"{source}: row {number} has both a 'name' and an 'outlet' field; use one."
                raise InvalidInputError(msg)
            name = _cell(row.get("name", row.get("outlet")), source=source, row=number, column="name")
            if not name:
                msg = f"{source}: row {number}, column 'name': the outlet name is empty."
                raise InvalidInputError(msg)
            found = _alias_list(row.get("aliases"), source=source, row=number)
            if not normalize_outlet(name):
                msg = f"{source}: row {number}, column 'name': {name!r} has no letters or digits."
                raise InvalidInputError(msg)
            mine: list[str] = []
            for surface in (name, *found):
                key = normalize_outlet(surface)
                if not key:
                    continue
                if key in owner and owner[key][1] == number:
                    # the row repeats its own name among its aliases (or two spellings of one alias)
                    if surface != name and surface not in mine:
                        mine.append(surface)
                    continue
                if key in owner and surface == name:
                    msg = (
                        f"{source}: row {number}: the outlet {name!r} appears twice (also row {owner[key][1]}, "
                        f"as {owner[key][0]!r})."
                    )
                    raise InvalidInputError(msg)
                if key in owner and owner[key][0] != name:
                    other, other_row = owner[key]
                    msg = (
                        f"{source}: row {number}: {surface!r} names the same outlet as {other!r} "
                        f"(row {other_row}); merge the rows or remove the alias."
                    )
                    raise InvalidInputError(msg)
                owner.setdefault(key, (name, number))
                if surface != name and surface not in mine:
                    mine.append(surface)
            names.append(name)
            aliases[name] = tuple(mine)
            attributes[name] = {
                c: _cell(row.get(c), source=source, row=number, column=c) or None for c in columns
            }
        return cls(names=tuple(names), aliases=aliases, attributes=attributes, columns=tuple(columns), source=source)

    # -- lookups -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize_outlet(name) in self._index

    def __repr__(self) -> str:
        return f"OutletTable({len(self)} outlets, columns={list(self.columns)!r}, source={self.source!r})"

    def canonical(self, name: str) -> str | None:
        """Return the canonical name of ``name`` (a name or alias in any spelling), or None.

        Parameters
        ----------
        name : str
            An outlet name as written.

        Returns
        -------
        str or None
            The canonical name, or ``None`` if the table does not know the outlet.
        """
        if not isinstance(name, str):
            msg = f"The 'name' parameter of OutletTable.canonical must be a str. Got {type(name).__name__} instead."
            raise TypeError(msg)
        return self._index.get(normalize_outlet(name))

    def resolve(self, name: str) -> str:
        """Return the canonical name of ``name``, or ``name`` itself when the table does not know it.

        Parameters
        ----------
        name : str
            An outlet name as written.

        Returns
        -------
        str
            The canonical name if ``name`` or one of its spellings is in the table; otherwise
            ``name`` after :func:`normalize_space` only (case and wording kept), so that unknown
            outlets are not merged by guesswork.
        """
        found = self.canonical(name)
        return found if found is not None else normalize_space(name)

    def value(self, name: str, column: str) -> str | None:
        """Return the value of ``column`` for the outlet ``name`` (any spelling), or None.

        Parameters
        ----------
        name : str
            An outlet name as written.
        column : str
            A grouping column of the table.

        Returns
        -------
        str or None
            ``None`` when the outlet is unknown or has no value in that column.
        """
        self._check_column(column, caller="OutletTable.value")
        found = self.canonical(name)
        return None if found is None else self.attributes[found].get(column)

    def groups(self, column: str) -> OutletGroups:
        """Return the outlets' values in a grouping column: canonical name -> group.

        Parameters
        ----------
        column : str
            A grouping column of the table (``"country"``, ``"leaning"``, ...).

        Returns
        -------
        OutletGroups
            A read-only mapping canonical name -> value, in table order; outlets without a value
            are left out. Looking up any spelling of a name (an alias, another case) gives the
            outlet's group, so the mapping can be passed as ``by=`` to
            :func:`compare.stats.compare_groups` on tables whose outlet names were not resolved.

        Raises
        ------
        InvalidInputError
            If the table has no such column (the message lists the columns it has).
        """
        self._check_column(column, caller="OutletTable.groups")
        values = {n: v for n in self.names if (v := self.attributes[n].get(column)) is not None}
        return OutletGroups(values, self)

    def _check_column(self, column: str, *, caller: str) -> None:
        if column not in self.columns:
            msg = (
                f"The 'column' parameter of {caller} must be a column of the outlet table {self.source}: "
                f"one of {list(self.columns)!r}. Got {column!r} instead."
            )
            raise InvalidInputError(msg)

    def annotate(self, df: pd.DataFrame, *, column: str = "outlet", groups: Sequence[str] | None = None) -> pd.DataFrame:
        """Return a copy of ``df`` with canonical outlet names and the table's grouping columns.

        Parameters
        ----------
        df : pandas.DataFrame
            A table with an outlet column (``Results.articles``, ``Results.scores``, ...).
        column : str
            The outlet column; its values are replaced by :meth:`resolve`.
        groups : sequence of str, optional
            Grouping columns to add (default: all the table's columns). Outlets the table does not
            know, or that have no value, get ``None``.

        Returns
        -------
        pandas.DataFrame
            A new frame; ``df`` is not changed.

        Raises
        ------
        SchemaError
            If ``column`` is missing from ``df``, or a grouping column to add is already there.
        InvalidInputError
            If ``groups`` names a column the table lacks.
        """
        import pandas as pd

        from .._validation import check_columns

        if not isinstance(df, pd.DataFrame):
            msg = f"The 'df' parameter of OutletTable.annotate must be a pandas DataFrame. Got {type(df).__name__} instead."
            raise TypeError(msg)
        check_columns(df, [column], caller="OutletTable.annotate")
        wanted = list(self.columns) if groups is None else [str(g) for g in groups]
        for g in wanted:
            self._check_column(g, caller="OutletTable.annotate")
        clash = [g for g in wanted if g in df.columns and g != column]
        if clash:
            msg = (
                f"OutletTable.annotate would overwrite the columns {clash!r} of the table; "
                "drop them first or pass groups= without them."
            )
            raise SchemaError(msg)
        out = df.copy()
        names = out[column].tolist()
        resolved = {n: self.resolve(n) for n in set(names) if isinstance(n, str)}
        out[column] = [resolved.get(n, n) if isinstance(n, str) else n for n in names]
        for g in wanted:
            values = {n: self.attributes[c].get(g) for n in resolved if (c := self.canonical(n)) is not None}
            out[g] = pd.Series([values.get(n) if isinstance(n, str) else None for n in names], index=out.index,
                               dtype=object)
        return out

    def to_frame(self) -> pd.DataFrame:
        """Return the table as a DataFrame: ``name, aliases`` (joined with ``|``), then the columns.

        Returns
        -------
        pandas.DataFrame
            One row per outlet, in table order; missing values are ``None``.
        """
        import pandas as pd

        rows = [
            {"name": n, "aliases": "|".join(self.aliases[n]), **{c: self.attributes[n].get(c) for c in self.columns}}
            for n in self.names
        ]
        return pd.DataFrame(rows, columns=["name", "aliases", *self.columns])


class OutletGroups(Mapping[str, str]):
    """Read-only mapping canonical outlet name -> group that also accepts aliases as keys.

    Returned by :meth:`OutletTable.groups`; iteration, ``len`` and equality use the canonical names.

    Parameters
    ----------
    values : dict
        Canonical name -> group.
    table : OutletTable
        The table whose names and aliases resolve lookups.
    """

    def __init__(self, values: dict[str, str], table: OutletTable) -> None:
        self._values = dict(values)
        self._table = table

    def __getitem__(self, name: str) -> str:
        if name in self._values:
            return self._values[name]
        found = self._table.canonical(name) if isinstance(name, str) else None
        if found is None or found not in self._values:
            raise KeyError(name)
        return self._values[found]

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"OutletGroups({self._values!r})"


def _cell(value: Any, *, source: str, row: int, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):  # NaN from pandas
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (str, int, float)):
        return normalize_space(str(value))
    msg = f"{source}: row {row}, column {column!r}: expected text, got {type(value).__name__} ({value!r})."
    raise InvalidInputError(msg)


def _alias_list(value: Any, *, source: str, row: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split("|")
    elif isinstance(value, (list, tuple)):
        parts = [_cell(v, source=source, row=row, column="aliases") for v in value]
    else:
        parts = [_cell(value, source=source, row=row, column="aliases")]
    return [p for p in (normalize_space(str(p)) for p in parts) if p]


# ----------------------------------------------------------------------------------------------
# reading
# ----------------------------------------------------------------------------------------------
def read_outlet_table(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> OutletTable:
    """Read an outlet table from a CSV, TSV or YAML file.

    Parameters
    ----------
    path : path-like
        A ``.csv``, ``.tsv``, ``.yaml`` or ``.yml`` file in the format described in
        :mod:`compare.io.outlets` (columns ``name``, optional ``aliases``, then grouping columns).
    encoding : str
        Text encoding (default UTF-8; a byte-order mark is ignored).

    Returns
    -------
    OutletTable

    Raises
    ------
    ReadError
        If the file is missing, unreadable, of an unknown suffix, or not valid CSV/YAML; the
        message names the file.
    InvalidInputError
        If the content is wrong: no ``name`` column, an empty name, a duplicate outlet, or an alias
        shared by two outlets (the message names the file, the row and the column).

    Examples
    --------
    >>> table = read_outlet_table("my-outlets.csv")  # doctest: +SKIP
    >>> table.groups("leaning")  # doctest: +SKIP
    """
    from ._files import read_text_file

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".tsv", ".yaml", ".yml"):
        raise ReadError(str(p), f"unknown suffix {p.suffix!r} for an outlet table; use .csv, .tsv, .yaml or .yml")
    if not p.is_file():
        raise ReadError(str(p), "no such file")
    text = read_text_file(p, encoding=encoding)
    if suffix in (".csv", ".tsv"):
        return _from_csv(text, source=str(p), delimiter="\t" if suffix == ".tsv" else ",")
    return _from_yaml(text, source=str(p))


def _from_csv(text: str, *, source: str, delimiter: str) -> OutletTable:
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
        header = [normalize_space(h or "") for h in (reader.fieldnames or [])]
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ReadError(source, f"not valid CSV: {exc}") from exc
    if not header:
        raise ReadError(source, "the file is empty; an outlet table needs a header row with a 'name' column")
    if "name" not in header and "outlet" not in header:
        msg = f"{source}: an outlet table needs a 'name' (or 'outlet') column. Got the columns {header!r}."
        raise SchemaError(msg)
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        msg = f"{source}: header column(s) {blank} have no name."
        raise SchemaError(msg)
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        msg = f"{source}: the header repeats the column(s) {dupes!r}."
        raise SchemaError(msg)
    fixed: list[tuple[int, dict[str, Any]]] = []
    for line, row in rows:  # row numbers in messages are the file's line numbers (header = line 1)
        if None in row:
            msg = f"{source}: row {line} has more fields than the header ({len(header)} columns)."
            raise InvalidInputError(msg)
        if not any((v or "").strip() for v in row.values()):
            continue  # a line of empty fields
        fixed.append((line, dict(zip(header, row.values(), strict=True))))
    columns = [h for h in header if h not in ("name", "outlet", "aliases")]
    return OutletTable._build(fixed, columns, source=source)


def _from_yaml(text: str, *, source: str) -> OutletTable:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReadError(source, f"not valid YAML: {exc}") from exc
    if isinstance(data, Mapping) and "outlets" in data:
        data = data["outlets"]
    if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
        msg = f"{source}: an outlet table in YAML is a list of mappings (or such a list under 'outlets')."
        raise InvalidInputError(msg)
    return OutletTable.from_records(data, source=source)


@cache
def default_outlet_table() -> OutletTable:
    """Return the outlet table shipped with the package (about 160 outlets and agencies).

    Returns
    -------
    OutletTable
        Built from ``compare/data/outlets.csv``: canonical name, aliases (the web domain is one of
        them), and the columns ``domain``, ``country`` (ISO 3166 code of the home country) and
        ``type`` (agency, newspaper, magazine, broadcaster, digital). It has no leaning or
        ownership columns: those are research choices, for a table of your own.
    """
    from importlib.resources import files

    text = files("compare.data").joinpath("outlets.csv").read_text(encoding="utf-8")
    rows = list(enumerate(csv.DictReader(io.StringIO(text)), start=2))
    for _, row in rows:
        if row.get("domain"):
            row["aliases"] = "|".join(a for a in [*(row.get("aliases") or "").split("|"), row["domain"]] if a)
    return OutletTable._build(rows, ["domain", "country", "type"], source="compare/data/outlets.csv")
