"""A small ordered parallel map over chunks, for the per-article work (private).

:func:`ordered_map` runs ``fn(chunk, *args)`` serially (``jobs=1``) or on a process pool and yields
the results in input order, with at most ``2 * jobs`` chunks in flight, so a streamed input is
never read far ahead. :func:`relaxed_gc` collects garbage less often around CPU-bound work.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["chunked", "ordered_map", "progress", "relaxed_gc"]

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """Collect garbage less often inside the block; the previous thresholds are restored after.

    Scoring allocates many short-lived objects next to large long-lived ones (lexicons, model
    weights, caches); with Python's default thresholds the full collections that keep rescanning
    the long-lived heap cost about a third of the run time.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 10_000), max(old[1], 20), max(old[2], 50))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of ``items`` of length ``size`` (the last one may be shorter)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def ordered_map(
    fn: Callable[..., R], chunks: Iterable[T], args: tuple[Any, ...] = (), *, jobs: int = 1
) -> Iterator[R]:
    """``fn(chunk, *args)`` for every chunk, in input order; on ``jobs`` processes when ``jobs > 1``.

    ``fn`` and its arguments must be picklable (a module-level function) when ``jobs > 1``.
    """
    if jobs <= 1:
        for chunk in chunks:
            yield fn(chunk, *args)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.submit(fn, chunk, *args))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def progress(iterable: Iterable[T], *, total: int | None, desc: str, enabled: bool, unit: str = "chunk") -> Iterable[T]:
    """``iterable`` wrapped in a progress bar (terminal or Jupyter) when ``enabled``."""
    if not enabled:
        return iterable
    from ._progress import progress_bar

    return progress_bar(iterable, total=total, desc=desc, unit=unit, leave=False)
