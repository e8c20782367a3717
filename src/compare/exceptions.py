"""Exceptions and warnings raised by media-compare.

The hierarchy::

    CompareError                      base of every error the toolkit raises on purpose
    ├── InvalidInputError(ValueError) a bad value: empty corpus, unknown format, bad field
    │   ├── FieldError                one field of one record is invalid; carries ``field`` and ``record``
    │   ├── SchemaError               missing or mistyped columns in a table
    │   └── ReadError                 a file that cannot be read; names the file (and field, record)
    └── (ImportError from _optional.require for a missing optional dependency)

    CompareWarning(UserWarning)       valid but dubious input (a 3-word article, a file skipped)

Subclassing :class:`ValueError` keeps ``except ValueError`` working for callers that do not know
about this package. Readers turn a :class:`FieldError` or :class:`ReadError` into a listed
:class:`~compare.Rejection` from its attributes, never by parsing the message.
"""

from __future__ import annotations

__all__ = ["CompareError", "CompareWarning", "FieldError", "InvalidInputError", "ReadError", "SchemaError"]


class CompareError(Exception):
    """Base class of every error media-compare raises on purpose."""


class InvalidInputError(CompareError, ValueError):
    """A value is not valid: it names the parameter, field or file at fault.

    Attributes
    ----------
    field : str or None
        The field at fault, where the error is about one field (``None`` here; set by subclasses).
    """

    field: str | None = None


class FieldError(InvalidInputError):
    """One field of one record (an :class:`~compare.Article` being built) is invalid.

    Parameters
    ----------
    message : str
        The whole message, naming the field.
    field : str
        The field at fault (``"published"``, ``"extra"``, ...).
    record : str, optional
        The record: an article id where one is known.
    """

    def __init__(self, message: str, *, field: str, record: str | None = None) -> None:
        self.field = field
        self.record = record
        super().__init__(message)


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
    record : str, optional
        The record or place in the file (``"line 17"``), where there is one.
    """

    def __init__(self, path: str, reason: str, *, field: str | None = None, record: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.field = field
        self.record = record
        where = self.path + (f" ({record})" if record else "") + (f" (field '{field}')" if field else "")
        super().__init__(f"{where}: {reason}")


class CompareWarning(UserWarning):
    """Valid but dubious input, or data that was skipped and reported."""
