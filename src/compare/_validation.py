"""Validation helpers used at the public boundary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidInputError, SchemaError

__all__ = ["check_choice", "check_columns", "check_int", "check_number", "check_text"]


def check_text(value: Any, *, name: str, caller: str) -> str:
    """Return ``value`` if it is a str, else raise TypeError naming the parameter."""
    if not isinstance(value, str):
        msg = f"The '{name}' parameter of {caller} must be a str. Got {type(value).__name__} instead."
        raise TypeError(msg)
    return value


def check_choice(value: Any, choices: Iterable[Any], *, name: str, caller: str) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise InvalidInputError."""
    options = list(choices)
    if value not in options:
        msg = f"The '{name}' parameter of {caller} must be one of {options!r}. Got {value!r} instead."
        raise InvalidInputError(msg)
    return value


def check_columns(df: Any, required: Iterable[str], *, caller: str) -> None:
    """Raise SchemaError listing missing and available columns of ``df``."""
    required = list(required)
    missing = [c for c in required if c not in df.columns]
    if missing:
        msg = (
            f"{caller} needs the columns {missing!r}, which are missing. "
            f"Available columns: {list(map(str, df.columns))!r}."
        )
        raise SchemaError(msg)


def check_int(value: Any, *, name: str, caller: str, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` if it is an int (not a bool) in ``[low, high]``, else raise InvalidInputError."""
    import numbers

    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if ok and low is not None and value < low:
        ok = False
    if ok and high is not None and value > high:
        ok = False
    if not ok:
        msg = f"The '{name}' parameter of {caller} must be an int{_range_text(low, high)}. Got {value!r} instead."
        raise InvalidInputError(msg)
    return int(value)


def check_number(
    value: Any, *, name: str, caller: str, low: float | None = None, high: float | None = None
) -> float:
    """Return ``value`` as a float if it is a finite real number in ``[low, high]``, else raise."""
    import math
    import numbers

    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
    if ok and low is not None and value < low:
        ok = False
    if ok and high is not None and value > high:
        ok = False
    if not ok:
        msg = (
            f"The '{name}' parameter of {caller} must be a finite number{_range_text(low, high)}. "
            f"Got {value!r} instead."
        )
        raise InvalidInputError(msg)
    return float(value)


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" in [{low}, {high}]"
    if low is not None:
        return f" >= {low}"
    if high is not None:
        return f" <= {high}"
    return ""
