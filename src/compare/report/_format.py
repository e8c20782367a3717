"""Fixed number formats and table blocks (private): the only place report numbers are rounded."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


from ._data import TableBlock

__all__ = ["format_number", "format_pvalue", "wide_table_blocks"]


# ----------------------------------------------------------------------------------------------
# formatting
# ----------------------------------------------------------------------------------------------
def format_number(value: Any, digits: int = 2) -> str:
    """Format a number with a fixed number of decimals; ``"–"`` for missing values."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return str(int(value))
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:.{digits}f}"
    return "0." + "0" * digits if text in {"-0." + "0" * digits, "-0"} else text


def format_pvalue(value: Any) -> str:
    """Format a p-value: three decimals, ``"<0.001"`` below that, ``"–"`` if missing."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(x):
        return "–"
    return "<0.001" if x < 0.001 else f"{x:.3f}"


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        return format_number(value)
    if isinstance(value, (int, bool)):
        return format_number(value)
    text = str(value)
    return "–" if text in {"nan", "NaN", "None", "<NA>", "NaT"} else text


def _table_block(df: pd.DataFrame, *, caption: str = "", formats: Mapping[str, Callable[[Any], str]] | None = None,
                 headers: Mapping[str, str] | None = None) -> TableBlock:
    import pandas as pd

    formats = dict(formats or {})
    headers = dict(headers or {})
    cols = [str(c) for c in df.columns]
    numeric = tuple(bool(pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])) for c in df.columns)
    rows = []
    for record in df.itertuples(index=False, name=None):
        rows.append(tuple(formats[c](v) if c in formats else _cell(v) for c, v in zip(cols, record, strict=True)))
    return TableBlock(
        columns=tuple(headers.get(c, c.replace("_", " ")) for c in cols), rows=tuple(rows), numeric=numeric, caption=caption
    )




def wide_table_blocks(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    *,
    caption: str,
    keys: int = 1,
    max_values: int = 4,
    transpose_up_to: int = 8,
    row_head: str = "measure",
) -> list[TableBlock]:
    """A table of formatted cells that fits the page at 1280 px and in the PDF.

    With at most ``transpose_up_to`` rows (outlets), it is transposed: one row per measure, one
    column per outlet. Otherwise its value columns are split into tables of ``max_values``
    columns each, every one repeating the first ``keys`` columns (the outlet).
    """
    if not rows:
        return [TableBlock(columns, rows, (False,) * len(columns), caption=caption)]
    if len(rows) <= transpose_up_to:
        head = (row_head if columns[0] == "outlet" else "", *(r[0] for r in rows))
        body = tuple((columns[j], *(r[j] for r in rows)) for j in range(1, len(columns)))
        return [TableBlock(head, body, (False, *([True] * len(rows))), caption=caption)]
    value_cols = list(range(keys, len(columns)))
    chunks = [value_cols[i:i + max_values] for i in range(0, len(value_cols), max_values)] or [[]]
    blocks = []
    for n, chunk in enumerate(chunks, 1):
        idx = [*range(keys), *chunk]
        part = caption if len(chunks) == 1 else f"{caption} ({n} of {len(chunks)})"
        blocks.append(TableBlock(tuple(columns[i] for i in idx), tuple(tuple(r[i] for i in idx) for r in rows),
                                 (*([False] * keys), *([True] * len(chunk))), caption=part))
    return blocks


def frame_blocks(df: pd.DataFrame, *, caption: str, headers: Mapping[str, str] | None = None, keys: int = 1,
                 max_values: int = 4, transpose_up_to: int = 8, row_head: str = "measure",
                 formats: Mapping[str, Callable[[Any], str]] | None = None) -> list[TableBlock]:
    """:func:`wide_table_blocks` of a DataFrame (formatted as :func:`_table_block` does)."""
    block = _table_block(df, caption=caption, headers=headers, formats=formats)
    return wide_table_blocks(block.columns, block.rows, caption=caption, keys=keys, max_values=max_values,
                             transpose_up_to=transpose_up_to, row_head=row_head)
