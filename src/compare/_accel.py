"""Which kernels run: the compiled ones (``compare._speedups``, Cython) or the pure-Python ones.

The compiled extension is optional. It is built by ``pip install`` when a C compiler is available
(see ``setup.py``); without it, or with the environment variable ``MEDIA_COMPARE_PURE_PYTHON=1``
(read once, at first use), every kernel runs its pure-Python twin, which gives identical results
(``tests/test_accel.py``). :func:`backend` names the path that runs; ``Results.manifest`` records it.
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["ENV_PURE", "backend", "speedups"]

#: Set to ``1`` (or ``true``/``yes``) to force the pure-Python kernels.
ENV_PURE = "MEDIA_COMPARE_PURE_PYTHON"


#: the choice, made once: [module or None]
_chosen: list[ModuleType | None] = []


def speedups() -> ModuleType | None:
    """The compiled kernel module, or None (not built, failed to import, or forced off)."""
    if not _chosen:
        _chosen.append(_load())
    return _chosen[0]


def _load() -> ModuleType | None:
    if os.environ.get(ENV_PURE, "").strip().lower() in {"1", "true", "yes", "on"}:
        return None
    try:
        from . import _speedups  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _speedups


def backend() -> str:
    """``"compiled"`` if the Cython kernels run, else ``"python"``.

    Examples
    --------
    >>> backend() in {"compiled", "python"}
    True
    """
    return "python" if speedups() is None else "compiled"
