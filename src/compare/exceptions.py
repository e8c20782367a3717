"""Exceptions and warnings raised by media-compare.

The hierarchy::

    CompareError                      base of every error the toolkit raises on purpose
    ├── InvalidInputError(ValueError) a bad value: empty corpus, unknown format, bad field
    │   ├── SchemaError               missing or mistyped columns in a table
    │   └── ReadError                 a file that cannot be read; names the file (and field)
    └── (ImportError from _optional.require for a missing optional dependency)

    CompareWarning(UserWarning)       valid but dubious input (a 3-word article, a file skipped)

Subclassing :class:`ValueError` keeps ``except ValueError`` working for callers that do not know
about this package.
"""

from __future__ import annotations

__all__ = ["CompareError", "CompareWarning", "InvalidInputError", "ReadError", "SchemaError"]


class CompareError(Exception):
    """Base class of every error media-compare raises on purpose."""


class InvalidInputError(CompareError, ValueError):
    """A value is not valid: it names the parameter, field or file at fault."""


class SchemaError(InvalidInputError):
    """A table lacks required columns or has a column of the wrong type."""


class ReadError(InvalidInputError):
    """A file could not be read or parsed.

    Parameters
    ----------
    path : str
        The file at fault.
    reason : str
        What is wrong, in one line.
    field : str, optional
        The field at fault, where one is.
    """

    def __init__(self, path: str, reason: str, *, field: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.field = field
        where = f"{self.path}" + (f" (field '{field}')" if field else "")
        super().__init__(f"{where}: {reason}")


class CompareWarning(UserWarning):
    """Valid but dubious input, or data that was skipped and reported."""
