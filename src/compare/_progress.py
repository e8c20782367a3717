"""Progress bars that start no background thread.

tqdm starts a monitor thread with its first bar and keeps it for the life of the process. The
pipeline and the report writer fork worker processes after a bar exists, and forking a process
that runs threads can deadlock the child (Python 3.12+ warns about it with a
DeprecationWarning). Bars made here have tqdm's ``monitor_interval`` set to 0, so they start no
thread; they are :mod:`tqdm.auto` bars otherwise (terminal or Jupyter).
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["progress_bar"]


@cache
def _bar_class() -> type:
    from tqdm.auto import tqdm

    class Bar(tqdm):  # type: ignore[misc, valid-type]
        monitor_interval = 0

    return Bar


def progress_bar(*args: Any, **kwargs: Any) -> Any:
    """A :class:`tqdm.auto.tqdm` bar without the monitor thread; arguments as for tqdm."""
    return _bar_class()(*args, **kwargs)
