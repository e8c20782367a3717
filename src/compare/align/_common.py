"""Shared input handling for claim alignment and provenance (private)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Article, Corpus

__all__ = ["as_articles"]


def as_articles(articles: Any, *, name: str, caller: str) -> list[Article]:
    """Return the articles of a Corpus or an iterable of Article, checking their type.

    Raises
    ------
    TypeError
        If ``articles`` is not a Corpus or an iterable of Article (a bare string is refused).
    """
    if isinstance(articles, Corpus):
        return list(articles)
    if isinstance(articles, Article):
        return [articles]
    if isinstance(articles, (str, bytes)) or not isinstance(articles, Iterable):
        msg = (
            f"The '{name}' parameter of {caller} must be a Corpus or a list of Article. "
            f"Got {type(articles).__name__} instead."
        )
        raise TypeError(msg)
    out = list(articles)
    for i, art in enumerate(out):
        if not isinstance(art, Article):
            msg = (
                f"The '{name}' parameter of {caller} must hold Article objects. "
                f"Item {i} is a {type(art).__name__}."
            )
            raise TypeError(msg)
    return out
