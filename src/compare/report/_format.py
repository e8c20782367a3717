"""Fixed number formats and table blocks (private): the only place report numbers are rounded."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


from ._data import TableBlock

__all__ = ["format_number", "format_pvalue"]


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


