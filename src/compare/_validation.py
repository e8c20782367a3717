"""Validation helpers used at the public boundary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidInputError, SchemaError

__all__ = ["check_choice", "check_columns", "check_text"]


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
